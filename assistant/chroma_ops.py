"""Chroma clients and work on one collection: open a client (embedded or server), add chunks in
batches, apply a file set's changes, and check that every record can be reached by its own embedding
(and repair the ones that cannot). What :mod:`assistant.store` builds its generations from."""
from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from langchain_core.embeddings import Embeddings

from .chunking import Chunk
from .errors import ServiceError
from .progress import ProgressBar
from .settings import Settings

BATCH = 32
VERIFY_K = 10


class StoreError(ServiceError):
    """A problem with the vector store, explained for the person running the command."""


class StoreInUse(StoreError):
    pass


class EmbedderMismatch(StoreError):
    pass


class CorruptIndex(StoreError):
    """The embedded index's files cannot be read: only a rebuild helps."""

    def __init__(self, path: Path) -> None:
        self.path = path / "chroma.sqlite3"
        super().__init__(f"索引文件 {self.path} 已损坏,无法读取;请运行 `assistant ingest --rebuild` 重建索引"
                         "(加过自己的文章的,把它们也写上:assistant ingest corpus 我的文章/ --rebuild)")


# SQLite's own words for a file that is not (or no longer) a database: SQLITE_NOTADB and SQLITE_CORRUPT.
_CORRUPT = ("file is not a database", "database disk image is malformed")


def is_corrupt(e: BaseException) -> bool:
    return not isinstance(e, StoreError) and any(c in str(e) for c in _CORRUPT)


@contextlib.contextmanager
def named_if_corrupt(path: Callable[[], Path | None]) -> Iterator[None]:
    """Chroma's "file is not a database" becomes a :class:`CorruptIndex` naming the file (``path()``:
    the generation's folder, looked up only when needed)."""
    try:
        yield
    except Exception as e:
        where = path() if is_corrupt(e) else None
        if where is None:
            raise
        raise CorruptIndex(where) from e


@dataclass
class IngestReport:
    files: int = 0
    chunks_added: int = 0
    chunks_unchanged: int = 0
    chunks_removed: int = 0
    repaired: int = 0
    errors: list[str] = field(default_factory=list)
    keyword_only: int = 0  # chunks the vector index cannot reach (only keyword search finds them)
    notices: list[str] = field(default_factory=list)  # what the run did that the person should know

    def summary(self) -> str:
        s = (f"文件 {self.files} 个;新增片段 {self.chunks_added},未变 {self.chunks_unchanged},"
             f"删除 {self.chunks_removed}")
        if self.repaired:
            s += f",修复 {self.repaired}"
        if self.keyword_only:
            s += f";{self.keyword_only} 个片段只能通过关键词检索到"
        if self.errors:
            s += f";{len(self.errors)} 个文件出错"
        return s

    def to_dict(self) -> dict:
        return dict(self.__dict__)


def _chroma_settings():
    from chromadb.config import Settings as ChromaSettings

    return ChromaSettings(anonymized_telemetry=False, allow_reset=True)


def make_client(settings: Settings, path: Path | None = None):
    """``HttpClient`` when CHROMA_HOST is set, else an embedded ``PersistentClient`` at ``path``."""
    import chromadb

    if settings.chroma_host:
        try:
            return chromadb.HttpClient(host=settings.chroma_host, port=settings.chroma_port, settings=_chroma_settings())
        except Exception as e:  # noqa: BLE001 - chromadb raises several kinds here
            raise StoreError(f"无法连接 Chroma 服务器 {settings.chroma_host}:{settings.chroma_port}:{e}") from e
    assert path is not None
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=_chroma_settings())


def _close_client(path: Path) -> None:
    """Stop the embedded Chroma system for ``path`` so its files are flushed and it can be reopened."""
    from chromadb.api.shared_system_client import SharedSystemClient

    system = SharedSystemClient._identifier_to_system.pop(str(path), None)
    SharedSystemClient._identifier_to_refcount.pop(str(path), None)
    if system is not None:
        with contextlib.suppress(Exception):
            system.stop()


def add_chunks(col, embeddings: Embeddings, chunks: list[Chunk], progress: Callable[[int], None] | None = None) -> None:
    for i in range(0, len(chunks), BATCH):
        batch = chunks[i : i + BATCH]
        vectors = embeddings.embed_documents([c.embed_text for c in batch])
        col.upsert(ids=[c.id for c in batch], documents=[c.text for c in batch],
                   metadatas=[c.metadata for c in batch], embeddings=vectors)
        if progress:
            progress(len(batch))



def unreachable_ids(col) -> list[str]:
    """Ids that ``get()`` returns but a search by their own embedding does not find.

    Chroma persists its HNSW index lazily and has known cases of records that are in SQLite but
    missing from the index; ingest checks for exactly that before it publishes a generation.
    """
    data = col.get(include=["embeddings"])
    ids = data["ids"]
    if not ids:
        return []
    embs = data["embeddings"]
    missing = []
    # HNSW is approximate: a record counts as reachable when it is among its own nearest few
    # (or ties at distance ~0 with a twin); one lost from the index is nowhere near.
    k = min(VERIFY_K, len(ids))
    for i in range(0, len(ids), 64):
        res = col.query(query_embeddings=[list(e) for e in embs[i : i + 64]], n_results=k, include=["distances"])
        for want, got, dist in zip(ids[i : i + 64], res["ids"], res["distances"]):
            if not got or (want not in got and not (dist and dist[0] < 1e-4)):
                missing.append(want)
    return missing



def repair(col) -> int:
    """Re-add the records the vector index cannot reach; how many there were."""
    missing = unreachable_ids(col)
    if not missing:
        return 0
    data = col.get(ids=missing, include=["documents", "metadatas", "embeddings"])
    col.delete(ids=missing)
    col.add(ids=data["ids"], documents=data["documents"], metadatas=data["metadatas"],
            embeddings=[list(e) for e in data["embeddings"]])
    return len(missing)



def apply_changes(col, embeddings, chunks_by_path, prune_dirs, report, progress, heartbeat=None) -> None:
    """Add new chunks, remove replaced and pruned ones; counts go into ``report``."""
    existing = col.get(include=["metadatas"])
    existing_ids = set(existing["ids"])
    by_path: dict[str, set[str]] = {}
    for cid, meta in zip(existing["ids"], existing["metadatas"]):
        meta = meta or {}
        by_path.setdefault(meta.get("path") or meta.get("source", ""), set()).add(cid)
    to_add: list[Chunk] = []
    to_remove: set[str] = set()
    new_ids: set[str] = set()
    for key, chunks in chunks_by_path.items():
        ids = {c.id for c in chunks}
        new_ids |= ids
        to_add.extend(c for c in chunks if c.id not in existing_ids)
        report.chunks_unchanged += len(ids & existing_ids)
        to_remove |= by_path.get(key, set()) - ids
    for key, ids in by_path.items():
        if key not in chunks_by_path and any(key.startswith(d) for d in prune_dirs):
            to_remove |= ids
    to_remove -= new_ids  # the same text may have moved to another file
    total = len(to_add)
    done = 0
    bar = ProgressBar(total) if progress is True and total else None

    def tick(n: int) -> None:
        nonlocal done
        done += n
        if heartbeat:
            heartbeat()
        if bar:
            bar.update(done)
        elif callable(progress):
            progress(done, total)

    add_chunks(col, embeddings, to_add, tick)
    if bar:
        bar.close()
    report.chunks_added = total
    if to_remove:
        col.delete(ids=sorted(to_remove))
        report.chunks_removed = len(to_remove)

