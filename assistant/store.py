"""The Chroma store and ingestion: content-addressed chunks, one writer, self-repairing after crashes."""
from __future__ import annotations

import contextlib
import fcntl
import os
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from langchain_core.embeddings import Embeddings

from .chunking import Chunk, chunk_article
from .corpus import CorpusError, iter_files, load_file
from .embeddings import embedder_name, get_embeddings
from .settings import Settings

BATCH = 32


class StoreError(RuntimeError):
    """A problem with the vector store, explained for the person running the command."""


class StoreInUse(StoreError):
    pass


class EmbedderMismatch(StoreError):
    pass


@dataclass
class IngestReport:
    files: int = 0
    chunks_added: int = 0
    chunks_unchanged: int = 0
    chunks_removed: int = 0
    repaired: int = 0
    errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        s = (f"文件 {self.files} 个;新增片段 {self.chunks_added},未变 {self.chunks_unchanged},"
             f"删除 {self.chunks_removed}")
        if self.repaired:
            s += f",修复 {self.repaired}"
        if self.errors:
            s += f";{len(self.errors)} 个文件出错"
        return s

    def to_dict(self) -> dict:
        return dict(self.__dict__)


def make_client(settings: Settings):
    """Embedded ``PersistentClient`` under ``settings.home``, or ``HttpClient`` when CHROMA_HOST is set."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    cs = ChromaSettings(anonymized_telemetry=False, allow_reset=True)
    if settings.chroma_host:
        try:
            return chromadb.HttpClient(host=settings.chroma_host, port=settings.chroma_port, settings=cs)
        except Exception as e:  # noqa: BLE001 - chromadb raises several kinds here
            raise StoreError(f"无法连接 Chroma 服务器 {settings.chroma_host}:{settings.chroma_port}:{e}") from e
    settings.store_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.store_dir), settings=cs)


class Store:
    """A Chroma collection of article chunks, tagged with the embedder that built it."""

    def __init__(self, settings: Settings, embeddings: Embeddings | None = None, client=None) -> None:
        self.settings = settings
        self.embeddings = embeddings or get_embeddings(settings)
        self.embedder = embedder_name(self.embeddings)
        self.client = client or make_client(settings)
        self._collection = None

    # -- collection --------------------------------------------------------------------------------
    @property
    def collection(self):
        if self._collection is None:
            col = self.client.get_or_create_collection(
                self.settings.collection,
                metadata={"embedder": self.embedder, "revision": uuid.uuid4().hex},
                configuration={"hnsw": {"space": "cosine"}},
                embedding_function=None,
            )
            built_with = (col.metadata or {}).get("embedder")
            if built_with and built_with != self.embedder:
                raise EmbedderMismatch(
                    f"索引是用 {built_with} 建的,当前配置的嵌入模型是 {self.embedder}。"
                    f"请运行 `assistant ingest --rebuild` 重建索引。")
            self._collection = col
        return self._collection

    def count(self) -> int:
        return self.collection.count()

    def revision(self) -> str:
        col = self.client.get_collection(self.settings.collection, embedding_function=None)
        return f"{(col.metadata or {}).get('revision', '')}:{col.count()}"

    def _bump_revision(self) -> None:
        meta = dict(self.collection.metadata or {})
        meta["revision"] = uuid.uuid4().hex
        meta.pop("hnsw:space", None)
        self.collection.modify(metadata=meta)

    def reset(self) -> None:
        with contextlib.suppress(Exception):
            self.client.delete_collection(self.settings.collection)
        self._collection = None

    def all_records(self, include=("documents", "metadatas")) -> dict:
        return self.collection.get(include=list(include))

    # -- writing -----------------------------------------------------------------------------------
    @contextlib.contextmanager
    def writer(self, wait: float = 3.0) -> Iterator[None]:
        """Hold the single-writer lock of the embedded store (a no-op for a Chroma server)."""
        if self.settings.chroma_host:
            yield
            return
        self.settings.home.mkdir(parents=True, exist_ok=True)
        path = self.settings.home / "store.lock"
        fh = open(path, "a+")
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    fh.close()
                    raise StoreInUse(f"索引 {self.settings.store_dir} 正在被另一个进程写入(例如另一个 ingest),请稍后再试。")
                time.sleep(0.1)
        try:
            fh.seek(0)
            fh.truncate()
            fh.write(str(os.getpid()))
            fh.flush()
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
            fh.close()

    def _add(self, chunks: list[Chunk], progress: Callable[[int], None] | None = None) -> None:
        for i in range(0, len(chunks), BATCH):
            batch = chunks[i : i + BATCH]
            vectors = self.embeddings.embed_documents([c.embed_text for c in batch])
            self.collection.upsert(ids=[c.id for c in batch], documents=[c.text for c in batch],
                                   metadatas=[c.metadata for c in batch], embeddings=vectors)
            if progress:
                progress(len(batch))

    def unreachable_ids(self) -> list[str]:
        """Ids that ``get()`` returns but a search by their own embedding does not find.

        Chroma persists its HNSW index lazily; after a hard kill the records can be in SQLite but
        missing from the index. Those are found here and re-added by :meth:`repair`.
        """
        data = self.collection.get(include=["embeddings"])
        ids = data["ids"]
        if not ids:
            return []
        embs = data["embeddings"]
        missing = []
        for i in range(0, len(ids), 64):
            res = self.collection.query(query_embeddings=[list(e) for e in embs[i : i + 64]], n_results=1,
                                        include=["distances"])
            for want, got, dist in zip(ids[i : i + 64], res["ids"], res["distances"]):
                # A duplicate text may tie with its twin: accept any hit at distance ~0.
                if not got or (got[0] != want and not (dist and dist[0] < 1e-4)):
                    missing.append(want)
        return missing

    def repair(self) -> int:
        missing = self.unreachable_ids()
        if not missing:
            return 0
        data = self.collection.get(ids=missing, include=["documents", "metadatas", "embeddings"])
        self.collection.delete(ids=missing)
        self.collection.add(ids=data["ids"], documents=data["documents"], metadatas=data["metadatas"],
                            embeddings=[list(e) for e in data["embeddings"]])
        return len(missing)

    def ingest(self, paths: list[Path] | None = None, *, rebuild: bool = False,
               progress: bool | Callable[[int, int], None] = False, prune: bool | None = None) -> IngestReport:
        """Add, update and remove chunks so the store matches the given files (default: the corpus).

        Unchanged chunks are skipped; a changed file's old chunks are removed after its new ones are
        in, so a crash never leaves an article missing. Files that fail are reported, not fatal.
        """
        paths = [Path(p) for p in (paths or [self.settings.corpus_dir])]
        report = IngestReport()
        with self.writer():
            if rebuild:
                self.reset()
            files = iter_files(paths)
            for p in paths:
                if not p.exists():
                    report.errors.append(f"{p}: 文件或目录不存在")
            chunks_by_source: dict[str, list[Chunk]] = {}
            for f in files:
                try:
                    art = load_file(f)
                except CorpusError as e:
                    report.errors.append(str(e))
                    continue
                chunks_by_source.setdefault(art.source, []).extend(chunk_article(art))
                report.files += 1
            existing = self.collection.get(include=["metadatas"])
            by_source: dict[str, set[str]] = {}
            for cid, meta in zip(existing["ids"], existing["metadatas"]):
                by_source.setdefault((meta or {}).get("source", ""), set()).add(cid)
            to_add: list[Chunk] = []
            to_remove: list[str] = []
            for src, chunks in chunks_by_source.items():
                old = by_source.get(src, set())
                new_ids = {c.id for c in chunks}
                to_add.extend(c for c in chunks if c.id not in old)
                report.chunks_unchanged += sum(1 for c in chunks if c.id in old)
                to_remove.extend(old - new_ids)
            # Ingesting the whole corpus folder also drops articles whose files are gone.
            if prune if prune is not None else (paths == [self.settings.corpus_dir]):
                for src, ids in by_source.items():
                    if src not in chunks_by_source:
                        to_remove.extend(ids)
            total = len(to_add)
            done = 0
            bar = _ProgressBar(total) if progress is True and total else None

            def tick(n: int) -> None:
                nonlocal done
                done += n
                if bar:
                    bar.update(done)
                elif callable(progress):
                    progress(done, total)

            self._add(to_add, tick)
            if bar:
                bar.close()
            report.chunks_added = len(to_add)
            if to_remove:
                self.collection.delete(ids=sorted(set(to_remove)))
                report.chunks_removed = len(set(to_remove))
            report.repaired = self.repair()
            if to_add or to_remove or report.repaired or rebuild:
                self._bump_revision()
        return report

    def ensure_built(self, progress: bool | Callable[[int, int], None] = False) -> IngestReport | None:
        """Build the index from the corpus when the store is empty (first use)."""
        if self.count() > 0:
            return None
        return self.ingest(progress=progress)


class _ProgressBar:
    """A minimal progress bar on stderr (only when stderr is a terminal)."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.tty = sys.stderr.isatty()

    def update(self, done: int) -> None:
        if self.tty:
            width = 30
            filled = int(width * done / max(self.total, 1))
            sys.stderr.write(f"\r嵌入中 [{'#' * filled}{'.' * (width - filled)}] {done}/{self.total}")
            sys.stderr.flush()

    def close(self) -> None:
        if self.tty:
            sys.stderr.write("\n")


def ingest(paths: list[Path] | None = None, *, rebuild: bool = False, settings: Settings | None = None,
           progress: bool = False) -> IngestReport:
    """Ingest files or folders (default: the bundled ``corpus/``) into the store; see :meth:`Store.ingest`."""
    return Store(settings or Settings.from_env()).ingest(paths, rebuild=rebuild, progress=progress)
