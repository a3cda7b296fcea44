"""The Chroma store and ingestion: content-addressed chunks, one writer, self-repairing after crashes."""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import math
import os
import shutil
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

from langchain_core.embeddings import Embeddings

from . import chroma_ops
from .arguments import check_list
from .chroma_ops import (  # noqa: F401 - re-exported from their old home
    CorruptIndex,
    EmbedderMismatch,
    IngestReport,
    StoreError,
    StoreInUse,
    _close_client,
    make_client,
)
from .chunking import Chunk, chunk_article
from .corpus import CorpusError, iter_files, load_file
from .embeddings import embedder_name, get_embeddings
from .errors import InputError
from .keywords import KeywordIndex
from .passage_questions import with_questions
from .progress import ProgressBar as _ProgressBar  # noqa: F401 - its old home
from .remote_store import RemoteIndex, copy_records, reachable
from .settings import Settings

UNREACHABLE_TOLERANCE = 0.001
UNVERIFIED = "新索引校验失败:部分片段无法检索到,已保留原索引不变。请重试 `assistant ingest`。"
# How long a first use waits for another process's first build (embedding the corpus) to finish.
FIRST_BUILD_WAIT = 900.0
# Damaged generations kept to recover articles from (see Store.ensure_ready): the newest few, not every one ever.
KEEP_DAMAGED = 3
# Written into a damaged generation when it is kept: the time it was kept (seconds since the epoch), which is what
# "the newest" goes by. A folder's own times move when anything opens it (sqlite's journal, a copy tool).
KEPT_AT = "KEPT_AT"


class Store:
    """A Chroma collection of article chunks, tagged with the embedder that built it.

    The embedded store is kept in generations (``<home>/chroma/gen-*``) with a ``CURRENT`` pointer.
    Ingest copies the current generation, applies its changes to the copy, verifies it, then swaps
    the pointer atomically: a crash at any point leaves the published generation untouched.
    """

    def __init__(self, settings: Settings, embeddings: Embeddings | None = None) -> None:
        self.settings = settings
        self.embeddings = embeddings or get_embeddings(settings)
        self.embedder = embedder_name(self.embeddings)
        self.remote = bool(settings.chroma_host)
        self._gen: str | None = None
        self._client = None
        self._collection = None
        self._remote_index: RemoteIndex | None = None
        self._lock_token: str | None = None

    # -- generations (embedded store) ----------------------------------------------------------------
    @property
    def root(self) -> Path:
        return self.settings.store_dir

    def current_generation(self) -> str | None:
        try:
            name = (self.root / "CURRENT").read_text().strip()
        except FileNotFoundError:
            return None
        return name if name and (self.root / name).is_dir() else None

    def _publish(self, gen: str) -> None:
        tmp = self.root / f"CURRENT.{os.getpid()}.tmp"
        with open(tmp, "w") as fh:
            fh.write(gen)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.root / "CURRENT")
        with contextlib.suppress(OSError):
            dfd = os.open(self.root, os.O_RDONLY)
            os.fsync(dfd)
            os.close(dfd)

    def guarded(self):
        """In server mode, a lost server becomes one clear StoreError naming it; embedded, a damaged
        index file becomes a :class:`CorruptIndex` naming it."""
        if self.remote:
            return reachable(self.settings.chroma_host, self.settings.chroma_port)
        return chroma_ops.named_if_corrupt(self._generation_path)

    def _generation_path(self) -> Path | None:
        gen = self._gen or self.current_generation()
        return self.root / gen if gen else None

    def _remote(self) -> RemoteIndex:
        if self._remote_index is None:
            self._client = make_client(self.settings)
            self._remote_index = RemoteIndex(self._client, self.settings.collection)
        return self._remote_index

    def _open_collection(self, client, name: str | None = None):
        col = client.get_or_create_collection(
            name or self.settings.collection,
            metadata={"embedder": self.embedder, "revision": uuid.uuid4().hex},
            # A wider search beam than Chroma's default (10): at 10,000 chunks the default misses neighbours.
            configuration={"hnsw": {"space": "cosine", "ef_search": 100, "ef_construction": 200, "max_neighbors": 32}},
            embedding_function=None,
        )
        built_with = (col.metadata or {}).get("embedder")
        if built_with and built_with != self.embedder:
            raise EmbedderMismatch(
                f"索引是用 {built_with} 建的,当前配置的嵌入模型是 {self.embedder}。"
                f"请运行 `assistant ingest --rebuild` 重建索引。")
        return col

    def _ensure_open(self) -> None:
        if self.remote:
            with self.guarded():
                index = self._remote()
                current = index.current()
                if current is None:  # first use: publish an empty generation for readers to open
                    current = index.new_generation()
                    self._open_collection(self._client, current)
                    index.publish(current)
                if current != self._gen or self._collection is None:
                    self._collection = self._open_collection(self._client, current)
                    self._gen = current
            return
        gen = self.current_generation()
        if gen is None:
            # First use: publish an empty generation so readers always have something to open.
            with self.writer(wait=FIRST_BUILD_WAIT):
                gen = self.current_generation()
                if gen is None:
                    gen = f"gen-{uuid.uuid4().hex[:12]}"
                    client = make_client(self.settings, self.root / gen)
                    self._open_collection(client)
                    _close_client(self.root / gen)
                    self._publish(gen)
        if gen != self._gen or self._collection is None:
            with chroma_ops.named_if_corrupt(lambda: self.root / gen):
                self._client = make_client(self.settings, self.root / gen)
                self._collection = self._open_collection(self._client)
            self._gen = gen

    @property
    def collection(self):
        self._ensure_open()
        return self._collection

    @property
    def client(self):
        self._ensure_open()
        return self._client

    def count(self) -> int:
        with self.guarded():
            return self.collection.count()

    def revision(self) -> str:
        """Changes whenever the published content changes (cheap: used before every search)."""
        if not self.remote:
            return f"{self.current_generation()}"
        with self.guarded():
            rev = self._remote().revision()
            if rev == ":":  # a collection from before generations: its size is the best we have
                return f"legacy:{self.collection.count()}"
            return rev

    def all_records(self, include=("documents", "metadatas")) -> dict:
        with self.guarded():
            return self.collection.get(include=list(include))

    def _keyword_path(self, revision: str) -> Path:
        where = f"{self.settings.chroma_host}:{self.settings.chroma_port}" if self.remote else "local"
        tag = hashlib.sha1(f"{where}|{self.settings.collection}".encode()).hexdigest()[:12]
        rev = hashlib.sha1(revision.encode()).hexdigest()[:16]
        return self.settings.home / "keywords" / f"{tag}@{rev}.pkl"

    def keyword_index(self, revision: str | None = None) -> KeywordIndex:
        """The keyword index of the published revision: loaded from disk, or built once and saved."""
        revision = revision or self.revision()
        path = self._keyword_path(revision)
        index = KeywordIndex.load(path, revision)
        if index is None:
            data = self.all_records()
            index = KeywordIndex(revision, data["ids"], data["documents"], [m or {} for m in data["metadatas"]])
            index.save(path)
        return index

    # -- writing -----------------------------------------------------------------------------------
    @contextlib.contextmanager
    def writer(self, wait: float = 3.0) -> Iterator[None]:
        """Hold the single-writer lock of the embedded store (a no-op for a Chroma server)."""
        if self.remote:
            busy = lambda: StoreInUse(  # noqa: E731
                f"Chroma 服务器 {self.settings.chroma_host}:{self.settings.chroma_port} 上的索引正在被另一个导入写入,请稍后再试。")
            with self.guarded():
                index = self._remote()
                self._lock_token = index.acquire(wait, busy)
            try:
                yield
            finally:
                index.release(self._lock_token)
                self._lock_token = None
            return
        self.root.mkdir(parents=True, exist_ok=True)
        path = self.root / "writer.lock"
        fh = open(path, "a+")
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    fh.close()
                    raise StoreInUse(f"索引 {self.root} 正在被另一个进程写入(例如另一个 ingest),请稍后再试。") from None
                time.sleep(0.1)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
            fh.close()

    unreachable_ids = staticmethod(chroma_ops.unreachable_ids)
    repair = staticmethod(chroma_ops.repair)

    def _apply(self, col, chunks_by_path, prune_dirs, report, progress, heartbeat=None) -> None:
        chroma_ops.apply_changes(col, self.embeddings, chunks_by_path, prune_dirs, report, progress, heartbeat)

    def check(self) -> dict:
        """Health of the published store: count, ids and chunks unreachable by their own embedding."""
        col = self.collection
        ids = col.get(include=[])["ids"]
        return {"count": col.count(), "ids": len(ids), "unreachable": len(self.unreachable_ids(col))}

    def _resolve(self, path: Path) -> Path:
        """``corpus`` (relative, absent here) means the bundled corpus, wherever the command runs."""
        if not path.is_absolute() and not path.exists() and path.parts == ("corpus",):
            return self.settings.corpus_dir
        return path

    def ingest(self, paths: list[Path] | None = None, *, rebuild: bool = False,
               progress: bool | Callable[[int, int], None] = False, prune: bool | None = None) -> IngestReport:
        """Add, update and remove chunks so the store matches the given files (default: the corpus).

        Unchanged chunks are skipped (ids come from content); a changed file's old chunks are
        replaced; files that fail are reported and the others still ingested.
        """
        if paths is not None and not isinstance(paths, (str, bytes, os.PathLike)) and hasattr(paths, "__iter__"):
            paths = list(paths)  # any iterable of paths (a generator too); one path alone is the caller's slip
        check_list("ingest", "paths", paths, items=(str, os.PathLike), items_are="路径(str 或 Path)")
        with self.writer():
            return self._ingest_locked(paths, rebuild=rebuild, progress=progress, prune=prune)

    def _ingest_locked(self, paths: list[Path] | None, *, rebuild: bool,
                       progress: bool | Callable[[int, int], None], prune: bool | None,
                       restored: dict[str, list[Chunk]] | None = None) -> IngestReport:
        """``restored``: passages of articles whose files are gone, as a damaged index saved them (see
        :meth:`ensure_ready`), kept under their old paths."""
        paths = [self._resolve(Path(p)) for p in (paths or [self.settings.corpus_dir])]
        report = IngestReport()
        missing = [p for p in paths if not p.exists()]
        if missing and rebuild:
            # A rebuild publishes exactly what it was given: one bad path would silently drop articles.
            raise InputError(f"{missing[0]}: 文件或目录不存在(在 {Path.cwd()} 下查找);--rebuild 未执行,索引保持原样")
        for p in missing:
            report.errors.append(f"{p}: 文件或目录不存在(在 {Path.cwd()} 下查找)")
        chunks_by_path: dict[str, list[Chunk]] = {}
        for f in iter_files([p for p in paths if p.exists()]):
            try:
                chunks = _file_chunks(f, report.errors)
            except CorpusError as e:
                report.errors.append(str(e))
                continue
            key = str(f.resolve())
            chunks_by_path[key] = [replace(c, path=key) for c in chunks]
            report.files += 1
        for key, chunks in (restored or {}).items():
            chunks_by_path.setdefault(key, chunks)
        # Files gone from a folder being ingested are removed; nothing outside those folders is touched.
        prune_dirs = [str(p.resolve()) + os.sep for p in paths if p.is_dir()] if prune is not False else []
        if self.remote:
            with self.guarded():
                self._ingest_remote(chunks_by_path, prune_dirs, rebuild, report, progress)
        else:
            self._ingest_generation(chunks_by_path, prune_dirs, rebuild, report, progress)
        self.keyword_index()  # built now, while we hold the lock, so no search has to
        return report

    def _ingest_generation(self, chunks_by_path, prune_dirs, rebuild, report, progress) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        base = self.current_generation()
        # Leftovers of crashed ingests (never published) are removed first.
        for d in self.root.glob("gen-*"):
            if d.name != base and d.name != self._gen:
                shutil.rmtree(d, ignore_errors=True)
        new = f"gen-{uuid.uuid4().hex[:12]}"
        new_path = self.root / new
        copied = bool(base and not rebuild)
        if copied:
            shutil.copytree(self.root / base, new_path)
        try:
            with chroma_ops.named_if_corrupt(lambda: self.root / base if copied else None):
                client = make_client(self.settings, new_path)
                try:
                    col = self._open_collection(client)
                    self._apply(col, chunks_by_path, prune_dirs, report, progress)
                    report.repaired = self.repair(col)
                finally:
                    _close_client(new_path)
        except CorruptIndex as e:
            # Nothing in the published index can be read, so nothing can be kept: start afresh from what was given.
            _close_client(new_path)
            shutil.rmtree(new_path, ignore_errors=True)
            report.chunks_added = report.chunks_unchanged = report.chunks_removed = report.repaired = 0
            report.notices.append(f"索引文件 {e.path} 已损坏,无法读取:已用这次给出的文章重新建立索引;"
                                  "以前用 assistant ingest 加进来的其他文章需要再加一次。")
            return self._ingest_generation(chunks_by_path, prune_dirs, True, report, progress)
        # Reopen from disk and verify before publishing: what readers will open must be whole.
        client = make_client(self.settings, new_path)
        col = self._open_collection(client)
        if self.repair(col) or col.count() != len(col.get(include=[])["ids"]):
            _close_client(new_path)
            client = make_client(self.settings, new_path)
            col = self._open_collection(client)
            report.keyword_only = self._reachable_enough(col)
        self._publish(new)
        self._client, self._collection, self._gen = client, col, new

    def _reachable_enough(self, col) -> int:
        """How many chunks only keyword search can reach; StoreError when that is more than a handful.

        A few the approximate vector index cannot reach is HNSW's nature at scale (keyword search still
        finds them); more means records really went missing: publish nothing."""
        lost = len(self.unreachable_ids(col))
        if lost > max(1, col.count() * UNREACHABLE_TOLERANCE):
            raise StoreError(UNVERIFIED)
        return lost

    def _ingest_remote(self, chunks_by_path, prune_dirs, rebuild, report, progress) -> None:
        """Build a new generation on the server, check it, then move the pointer (see remote_store)."""
        index = self._remote()
        base = index.current()
        base_col = None
        if base and not rebuild:
            base_col = self._client.get_collection(base, embedding_function=None)
            built_with = (base_col.metadata or {}).get("embedder")
            if built_with and built_with != self.embedder:
                raise EmbedderMismatch(f"索引是用 {built_with} 建的,当前配置的嵌入模型是 {self.embedder}。"
                                       f"请运行 `assistant ingest --rebuild` 重建索引。")
        new = index.new_generation()
        col = self._open_collection(self._client, new)
        try:
            if base_col is not None:
                copy_records(base_col, col)
            last = [time.monotonic()]

            def heartbeat() -> None:
                if time.monotonic() - last[0] > 60 and self._lock_token:  # keep the lock alive on long ingests
                    index.refresh(self._lock_token)
                    last[0] = time.monotonic()

            self._apply(col, chunks_by_path, prune_dirs, report, progress, heartbeat)
            if col.count() != len(col.get(include=[])["ids"]):
                raise StoreError(UNVERIFIED)
            report.keyword_only = self._reachable_enough(col)
        except BaseException:
            with contextlib.suppress(Exception):
                self._client.delete_collection(new)
            raise
        index.publish(new)
        index.cleanup(keep={new, base} - {None})
        self._collection, self._gen = col, new

    def corpus_current(self) -> bool:
        """Whether every chunk of the configured corpus (with its questions) is in the published index: false
        after an upgrade that changed the bundled articles or their questions, so the page can refresh it."""
        with self.guarded():
            ids = set(self.collection.get(include=[])["ids"])
        for f in iter_files([self.settings.corpus_dir]):
            try:
                chunks = _file_chunks(f, [])
            except CorpusError:
                continue  # reported when it is ingested
            if any(c.id not in ids for c in chunks):
                return False
        return True

    # -- serving: a whole index, or a rebuilt one ---------------------------------------------------------
    def damage(self) -> str | None:
        """Why the published index cannot be served as it is, in a few words, or None when it reads whole (or
        there is none yet). Whole means: its database opens, its count matches its records, every record has
        its source, the records are the ones the last ingest saved beside it (the keyword index of the same
        revision: the generation's manifest), and the vector index answers a query. A server that cannot be
        reached, a second writer or a changed embedder are not damage: they raise as before."""
        if not self.remote and self.current_generation() is None:
            return None
        try:
            with self.guarded():
                col = self.collection
                count = col.count()
                data = col.get(include=["metadatas"])
                ids = data["ids"]
                if count != len(ids):
                    return f"记录数 {count} 和实际读到的 {len(ids)} 条对不上"
                nameless = sum(1 for m in data["metadatas"] if not (m or {}).get("source"))
                if nameless:
                    return f"{nameless} 个片段丢了出处"
                revision = self.revision()
                saved = KeywordIndex.load(self._keyword_path(revision), revision)
                if saved is not None and set(saved.ids) != set(ids):
                    return f"上次导入记下的是 {len(saved.ids)} 个片段,现在读到 {len(ids)} 个,和记下的对不上"
                if ids:
                    first = col.get(ids=ids[:1], include=["embeddings"])["embeddings"]
                    col.query(query_embeddings=[list(first[0])], n_results=1, include=[])
        except CorruptIndex as e:
            return f"{e.path} 不是可读的数据库"
        except (StoreError, OSError, MemoryError, KeyboardInterrupt, SystemExit, GeneratorExit):
            raise  # a lost server, a busy index, another embedder, a full disk: not the index's own damage
        except BaseException as e:  # noqa: BLE001 - Chroma raises many kinds (and its Rust core panics)
            line = (str(e).strip().splitlines() or [type(e).__name__])[0]
            return f"读不出来:{line[:120]}"
        return None

    def _forget(self) -> None:
        """Drop this process's client of the published generation (a damaged one stays broken in Chroma's
        cache otherwise), so the next use opens it afresh."""
        gen = self._gen or (None if self.remote else self.current_generation())
        if not self.remote and gen:
            _close_client(self.root / gen)
        self._client = self._collection = self._gen = None

    def _own_articles(self, gen: str | None) -> OwnArticles:
        """The user's own articles (not the bundled ones) a damaged generation held, from what of it can still
        be read: the keyword index saved beside it (the manifest of the last ingest: every passage, with its
        text) and the raw database. Bundled articles are known by what they are, not where they were: an
        install that moved (or was upgraded) recorded its articles under another folder (see _bundled_at)."""
        held: dict[str, tuple[set[str], set[str]]] = {}  # path -> (chunk ids, titles)
        saved: dict[str, list[Chunk]] = {}
        records: list[tuple[str | None, dict]] = []
        manifest = KeywordIndex.load(self._keyword_path(gen), gen) if gen else None
        for cid, doc, meta in zip(manifest.ids, manifest.docs, manifest.metas) if manifest else []:
            records.append((cid, meta or {}))
            chunk = _saved_chunk(cid, doc, meta or {})
            if chunk is not None:
                saved.setdefault(chunk.path, []).append(chunk)
        if gen:
            records += _raw_records(self.root / gen / "chroma.sqlite3")
        for cid, meta in records:
            if meta.get("path"):
                ids, titles = held.setdefault(meta["path"], (set(), set()))
                ids.update([cid] if cid else [])
                titles.update([meta["title"]] if meta.get("title") else [])
        bundled = self._bundled_at()
        own = sorted(p for p, (ids, titles) in held.items() if not bundled(p, ids, titles))
        gone = [p for p in own if not Path(p).is_file()]
        return OwnArticles([Path(p) for p in own if Path(p).is_file()], gone,
                           {p: sorted(saved[p], key=lambda c: c.position) for p in gone if p in saved},
                           manifest is not None)

    def _bundled_at(self) -> Callable[[str, set[str], set[str]], bool]:
        """Whether an article recorded at a path (with these chunk ids and titles) is one of the bundled ones:
        it lies in the corpus folder; or every passage it had is a passage of a bundled article (the same text,
        wherever it was); or it lies at the same place in a folder of the corpus folder's name and has the
        same title as a bundled article (the corpus of an install that moved, perhaps revised since)."""
        corpus = self.settings.corpus_dir.resolve()
        titles: dict[str, str] = {}  # path inside the corpus folder -> title
        ids: set[str] = set()
        for f in iter_files([corpus]) if corpus.is_dir() else []:
            try:
                chunks = _file_chunks(f, [])
            except (CorpusError, OSError):
                continue
            ids |= {c.id for c in chunks}
            if chunks:
                titles[f.relative_to(corpus).as_posix()] = chunks[0].title
        inside = str(corpus) + os.sep

        def bundled(path: str, chunk_ids: set[str], chunk_titles: set[str]) -> bool:
            if path.startswith(inside) or (chunk_ids and chunk_ids <= ids):
                return True
            parts = Path(path).parts
            return any(part == corpus.name and titles.get("/".join(parts[i + 1:])) in chunk_titles
                       for i, part in enumerate(parts[:-1]))

        return bundled

    def ensure_ready(self, say: Callable[[str], None] = print,
                     progress: bool | Callable[[int, int], None] = False) -> IngestReport | None:
        """What the web app does before it serves: build the index on first use, bring it up to date when the
        bundled articles changed, and rebuild a damaged one (see :meth:`damage`); returns the ingest's report,
        or None when nothing had to be done.

        Embedded, a damaged index is rebuilt from the corpus and the user's own articles it held, with one line
        through ``say``: the index is derived data, nothing else is touched (the articles, the user's files).
        Nothing the damaged index held is lost: an own article whose file is still on disk is read again; one
        whose file is gone is put back from the passages the last ingest saved beside the index (same ids, text
        and details). When that cannot be done for all of them (or what the index held cannot be listed), the
        damaged generation is kept as ``<store>/damaged-gen-*``, which no ingest clears, and the line names
        it; otherwise it is left where it is and the next ingest clears it like any other unpublished one. Of the
        kept ones only the newest :data:`KEEP_DAMAGED` (by the time each was kept, recorded in its :data:`KEPT_AT`
        file) stay: keeping another deletes the older ones, with a second line naming them.
        On a Chroma server the index may be shared and is never wiped unasked: its damage is one
        :class:`StoreError` line naming the server and the command to rebuild it."""
        problem = self.damage()
        if problem and self.remote:
            raise StoreError(f"Chroma 服务器 {self.settings.chroma_host}:{self.settings.chroma_port} 上的索引"
                             f"「{self.settings.collection}」已损坏({problem});服务器上的数据不会自动清空,"
                             "确认后运行 `assistant ingest --rebuild` 重建(加过自己的文章的,把它们也写上)。")
        if problem:
            with self.writer(wait=FIRST_BUILD_WAIT):
                self._forget()
                problem = self.damage()  # another process may have rebuilt it while we waited
                if problem:
                    self._forget()
                    return self._rebuild_damaged(problem, say, progress)
        first = self.count() == 0
        if first or not self.corpus_current():  # a new install, or an upgrade brought new articles or questions
            say("首次启动:正在建立文章索引……" if first else "文章库有更新:正在更新索引(只计算变了的片段)……")
            return self.ingest(progress=progress)
        return None

    def _rebuild_damaged(self, problem: str, say: Callable[[str], None],
                         progress: bool | Callable[[int, int], None]) -> IngestReport:
        """The rebuild of :meth:`ensure_ready` (the writer lock held)."""
        gen = self.current_generation()
        found = self._own_articles(gen)
        keep = bool(gen) and (not found.listed or len(found.restored) < len(found.gone))
        kept = _unused(self.root / f"damaged-{gen}") if keep else None
        mine = f"和你加过的 {len(found.on_disk)} 篇文章" if found.on_disk else ""
        lost = ""
        if found.gone:
            lost = f";另有 {len(found.gone)} 篇以前加过的文章找不到原文件(如 {found.gone[0]})"
            if found.restored:
                some = "" if len(found.restored) == len(found.gone) else f"其中 {len(found.restored)} 篇"
                lost += f",{some}已按旧索引里存着的段落放回索引"
        if kept:
            lost += f";损坏的旧索引原样留在 {kept},需要时可从中找回(这样的旧索引只保留最近 {KEEP_DAMAGED} 份,以后再留新的会删掉更早的)"
        say(f"索引已损坏({problem}):正在用随包的文章{mine}重新建立,文章和你的文件都不会动{lost}。")
        report = self._ingest_locked([self.settings.corpus_dir, *found.on_disk], rebuild=True, progress=progress,
                                     prune=None, restored=found.restored)
        if kept:  # published: out of the gen-* names that the next ingest clears
            try:
                os.rename(self.root / gen, kept)
                os.utime(kept)  # what an older version (no marker) goes by
            except OSError as e:
                say(f"没能把损坏的旧索引改名为 {kept}({e.strerror or e}):它还在 {self.root / gen},"
                    "下一次导入会清掉它,需要的话请先把它复制出来。")
            else:
                with contextlib.suppress(OSError):  # without its marker it goes by its folder's time (_kept_at)
                    (kept / KEPT_AT).write_text(repr(time.time()), encoding="utf-8")
                self._prune_damaged(say, kept)
        return report

    def _prune_damaged(self, say: Callable[[str], None], kept_now: Path) -> None:
        """Delete the kept damaged generations older than the newest :data:`KEEP_DAMAGED` (by when each was kept,
        see :func:`_kept_at`), saying which; ``kept_now``, the one just kept, is never one of them."""
        others = sorted((d for d in self.root.glob("damaged-gen-*") if d.is_dir() and d != kept_now),
                        key=_kept_at, reverse=True)
        removed, stuck = [], []
        for old in others[KEEP_DAMAGED - 1:]:
            shutil.rmtree(old, ignore_errors=True)
            (stuck if old.exists() else removed).append(old.name)
        if removed or stuck:
            line = f"损坏的旧索引只保留最近 {KEEP_DAMAGED} 份"
            if removed:
                line += f",已删除更早的 {len(removed)} 份({'、'.join(removed)})"
            if stuck:
                line += f";{'、'.join(stuck)} 没能删掉,可以手动删除({self.root})"
            say(line + "。")

    def ensure_built(self, progress: bool | Callable[[int, int], None] = False) -> IngestReport | None:
        """Build the index from the corpus when the store is empty (first use).

        Concurrent first uses share one build: the others wait for the writer lock, then find the
        published index and use it.
        """
        if self.count() > 0:
            return None
        with self.writer(wait=FIRST_BUILD_WAIT):
            self._collection, self._gen = None, None  # see what the process we waited for published
            if self.count() > 0:
                return None
            return self._ingest_locked(None, rebuild=False, progress=progress, prune=None)


class OwnArticles(NamedTuple):
    """What :meth:`Store._own_articles` found: own articles still on disk, those whose files are gone, the
    passages saved of those gone (by path), and whether the manifest listed everything the index held."""

    on_disk: list[Path]
    gone: list[str]
    restored: dict[str, list[Chunk]]
    listed: bool


def _saved_chunk(cid: str, doc, meta: dict) -> Chunk | None:
    """A passage as the keyword index saved it (id, text and metadata), to store again unchanged."""
    path, source = meta.get("path"), meta.get("source")
    if not (isinstance(doc, str) and isinstance(path, str) and path and isinstance(source, str)):
        return None
    try:
        position = int(meta.get("position") or 0)
    except (TypeError, ValueError):
        position = 0
    questions = tuple(q for q in str(meta.get("questions") or "").split("\n") if q)
    return Chunk(id=cid, text=doc, source=source, title=str(meta.get("title") or ""),
                 heading=str(meta.get("heading") or ""), position=position,
                 language=str(meta.get("language") or "zh"), path=path, questions=questions)


def _raw_records(db: Path) -> list[tuple[str | None, dict]]:
    """(chunk id or None, {"path", "title"}) of each record a damaged Chroma database still gives, read with
    sqlite alone; nothing when it cannot be read."""
    import sqlite3

    queries = ("SELECT m.id, e.embedding_id, m.key, m.string_value FROM embedding_metadata m "
               "LEFT JOIN embeddings e ON e.id = m.id WHERE m.key IN ('path', 'title')",
               # the embeddings table itself may be what was lost
               "SELECT id, NULL, key, string_value FROM embedding_metadata WHERE key IN ('path', 'title')")
    for query in queries:
        try:
            con = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
            try:
                rows = con.execute(query).fetchall()
            finally:
                con.close()
        except (sqlite3.Error, OSError, ValueError):
            continue
        records: dict[int, tuple[str | None, dict]] = {}
        for rowid, cid, key, value in rows:
            if isinstance(value, str) and value:
                records.setdefault(rowid, (cid, {}))[1][key] = value
        return list(records.values())
    return []


def _kept_at(folder: Path) -> tuple[bool, float]:
    """When a damaged generation was kept, to order them by: the time its :data:`KEPT_AT` marker records. One
    kept by an older version has no marker and goes by its folder's modification time (which opening it may have
    moved), older than every marked one, since it was kept before this version was installed."""
    try:
        at = float((folder / KEPT_AT).read_text(encoding="utf-8").strip())
        if math.isfinite(at):
            return True, at
    except (OSError, ValueError):
        pass
    try:
        return False, folder.stat().st_mtime
    except OSError:
        return False, 0.0


def _unused(path: Path) -> Path:
    """``path``, or ``path-2``, ``path-3``… when it is taken."""
    n = 1
    candidate = path
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.name}-{n}")
    return candidate


def _file_chunks(path: Path, errors: list[str]) -> list[Chunk]:
    """An article's chunks with the questions of its sidecar (what ingest stores, so what a check compares);
    a file that cannot be read is a :class:`CorpusError`, a sidecar's problem goes into ``errors``."""
    return with_questions(chunk_article(load_file(path)), path, errors)


def ingest(paths: list[Path] | None = None, *, rebuild: bool = False, settings: Settings | None = None,
           progress: bool = False) -> IngestReport:
    """Ingest files or folders (default: the bundled ``corpus/``) into the store; see :meth:`Store.ingest`."""
    return Store(settings or Settings.from_env()).ingest(paths, rebuild=rebuild, progress=progress)
