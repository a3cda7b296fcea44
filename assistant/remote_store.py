"""Server mode (CHROMA_HOST): the same guarantees as the embedded store, kept on the Chroma server.

Every ingest writes a new collection ("<name>__gen-<id>"), checks it, and only then moves a pointer
(a record in "<name>__ptr") to it, so a killed ingest leaves the old index answering. One writer at a
time across machines: a lock record with an expiry in the same pointer collection (Chroma has no
compare-and-swap, so a writer re-reads the lock after taking it and backs off if someone else won).
A server that cannot be reached is one clear :class:`StoreError`, and the next call simply tries again.
"""
from __future__ import annotations

import contextlib
import time
import uuid
from collections.abc import Iterator

from .errors import ServiceError

LOCK_TTL = 600.0  # seconds a writer's lock lasts without a refresh (a killed writer frees it by expiry)
PAGE = 500  # records per page when copying a generation
_DUMMY = [1.0]  # pointer records need an embedding; their content is the metadata


class RemoteUnavailable(ServiceError):
    """The Chroma server did not answer."""


def is_connection_error(exc: BaseException) -> bool:
    """True for the errors a stopped or unreachable server produces (httpx, chromadb, OS)."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        module = type(exc).__module__ or ""
        text = f"{type(exc).__name__} {exc}".lower()
        if isinstance(exc, (ConnectionError, TimeoutError)):
            return True
        if module.startswith(("httpx", "httpcore")) or ("connect" in text and module.startswith("chromadb")):
            return True
        if "could not connect" in text or "connection refused" in text:
            return True
        exc = exc.__cause__ or exc.__context__
    return False


@contextlib.contextmanager
def reachable(host: str, port: int) -> Iterator[None]:
    """Turn a lost server into one line that names it; everything else passes through."""
    try:
        yield
    except ServiceError:
        raise
    except Exception as exc:  # noqa: BLE001 - chromadb and httpx raise many kinds; we sort them here
        if is_connection_error(exc):
            raise RemoteUnavailable(f"连不上 Chroma 服务器 {host}:{port}(它停了或网络不通);"
                                    f"服务器恢复后再试即可,本机的数据没有变。") from None
        raise


class RemoteIndex:
    """Generations, pointer and writer lock of one logical collection on a Chroma server."""

    def __init__(self, client, name: str) -> None:
        self.client = client
        self.name = name
        self.prefix = f"{name}__gen-"
        self._ptr = None

    @property
    def ptr(self):
        if self._ptr is None:
            self._ptr = self.client.get_or_create_collection(f"{self.name}__ptr", embedding_function=None)
        return self._ptr

    def _record(self, rid: str) -> dict | None:
        got = self.ptr.get(ids=[rid], include=["metadatas"])
        return (got["metadatas"][0] or {}) if got["ids"] else None

    def current(self) -> str | None:
        """The published collection's name (a collection from before generations counts too)."""
        rec = self._record("current")
        if rec and rec.get("collection"):
            return rec["collection"]
        names = {c if isinstance(c, str) else c.name for c in self.client.list_collections()}
        return self.name if self.name in names else None

    def revision(self) -> str:
        rec = self._record("current") or {}
        return f"{rec.get('collection', '')}:{rec.get('revision', '')}"

    def new_generation(self) -> str:
        return f"{self.prefix}{uuid.uuid4().hex[:12]}"

    def publish(self, collection: str) -> None:
        self.ptr.upsert(ids=["current"], embeddings=[_DUMMY],
                        metadatas=[{"collection": collection, "revision": uuid.uuid4().hex}])

    def cleanup(self, keep: set[str]) -> None:
        """Drop generations that are neither published nor the one before (leftovers of killed ingests)."""
        for c in self.client.list_collections():
            n = c if isinstance(c, str) else c.name
            if n.startswith(self.prefix) and n not in keep:
                with contextlib.suppress(Exception):
                    self.client.delete_collection(n)

    # -- the writer lock ---------------------------------------------------------------------------
    def acquire(self, wait: float, on_busy) -> str:
        """Take the writer lock, waiting up to ``wait`` seconds; ``on_busy()`` is the error to raise."""
        token = uuid.uuid4().hex
        deadline = time.monotonic() + wait
        while True:
            rec = self._record("lock")
            if rec is None or float(rec.get("expires", 0)) < time.time():
                self.ptr.upsert(ids=["lock"], embeddings=[_DUMMY],
                                metadatas=[{"owner": token, "expires": time.time() + LOCK_TTL}])
                time.sleep(0.3)  # let a concurrent taker's write land, then see who won
                if (self._record("lock") or {}).get("owner") == token:
                    return token
            if time.monotonic() >= deadline:
                raise on_busy()
            time.sleep(0.5)

    def refresh(self, token: str) -> None:
        if (self._record("lock") or {}).get("owner") == token:
            self.ptr.upsert(ids=["lock"], embeddings=[_DUMMY],
                            metadatas=[{"owner": token, "expires": time.time() + LOCK_TTL}])

    def release(self, token: str) -> None:
        with contextlib.suppress(Exception):
            if (self._record("lock") or {}).get("owner") == token:
                self.ptr.delete(ids=["lock"])


def copy_records(src, dst) -> int:
    """Copy every record (with its embedding) from ``src`` to ``dst`` in pages."""
    total = src.count()
    for offset in range(0, total, PAGE):
        got = src.get(include=["documents", "metadatas", "embeddings"], limit=PAGE, offset=offset)
        if got["ids"]:
            dst.add(ids=got["ids"], documents=got["documents"], metadatas=got["metadatas"],
                    embeddings=[list(e) for e in got["embeddings"]])
    return total
