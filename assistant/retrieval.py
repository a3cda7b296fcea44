"""Hybrid retrieval: BM25 over jieba tokens plus vector search, fused by score (see :func:`fuse`)."""
from __future__ import annotations

import threading
from dataclasses import dataclass

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from .errors import InputError
from .keywords import BM25, KeywordIndex
from .settings import Settings
from .store import Store
from .text import GLOSSARY, expand_query, tokenize

__all__ = ["BM25", "GLOSSARY", "HybridRetriever", "HybridSearcher", "Hit", "QueryError", "expand_query", "get_searcher",
           "search", "tokenize"]

# Hybrid = BM25 plus a small vector term. Reciprocal rank fusion at equal weight let the weaker vector
# side push right answers out of the top 5 (held-out hit@5 0.725 vs BM25 0.825); this weight was chosen
# on our own question set plus the first blind set (bench/bench_retrieval.py prints all three modes).
VECTOR_WEIGHT = 0.2
VECTOR_FLOOR_RANK = 20


class QueryError(InputError):
    """The query cannot be searched (empty, blank, or not text)."""


@dataclass
class Hit:
    """One retrieved passage."""

    text: str
    source: str
    title: str
    score: float
    heading: str = ""
    id: str = ""

    def to_dict(self) -> dict:
        return {"text": self.text, "source": self.source, "title": self.title, "score": round(self.score, 6)}


def check_query(query) -> str:
    if not isinstance(query, str):
        raise QueryError(f"查询必须是字符串,收到的是 {type(query).__name__}")
    q = query.strip()
    if not q:
        raise QueryError("查询不能为空:请输入要检索的问题")
    return q


class HybridSearcher:
    """Hybrid search over a store; the keyword index follows the store's published revision."""

    def __init__(self, store: Store, *, build_if_empty: bool = True) -> None:
        self.store = store
        self.build_if_empty = build_if_empty
        self._rev = None
        self._index: KeywordIndex | None = None
        self._vs = None
        self._vs_rev = None
        self._lock = threading.Lock()

    def _refresh(self) -> None:
        rev = self.store.revision()
        if rev == self._rev and self._index is not None:
            return
        with self._lock:
            if self.build_if_empty and self.store.count() == 0:
                self.store.ensure_built()
                rev = self.store.revision()
            self._index = self.store.keyword_index(rev)
            self._rev = rev

    # Kept for callers that read the chunks through the searcher.
    @property
    def _ids(self) -> list[str]:
        return self._index.ids if self._index else []

    @property
    def _docs(self) -> list[str]:
        return self._index.docs if self._index else []

    @property
    def _metas(self) -> list[dict]:
        return self._index.metas if self._index else []

    @property
    def _pos(self) -> dict[str, int]:
        return self._index.pos if self._index else {}

    def sources(self) -> set[str]:
        """The articles in the published index (builds it on first use, like a search)."""
        self._refresh()
        return {m.get("source", "") for m in self._metas}

    def bm25_ranking(self, query: str, n: int) -> list[int]:
        return [i for i, _ in self.bm25_scored(query, n)]

    def _vectorstore(self):
        """The LangChain Chroma vector store over the current generation's collection."""
        if self._vs is None or self._vs_rev != self._rev:
            from langchain_chroma import Chroma

            self._vs = Chroma(client=self.store.client, collection_name=self.store.collection.name,
                              embedding_function=self.store.embeddings, create_collection_if_not_exists=False)
            self._vs_rev = self._rev
        return self._vs

    def vector_ranking(self, query: str, n: int) -> list[int]:
        return [i for i, _ in self.vector_scored(query, n)]

    def bm25_scored(self, query: str, n: int) -> list[tuple[int, float]]:
        self._refresh()
        assert self._index is not None
        return self._index.bm25.top(tokenize(expand_query(query)), n)

    def vector_scored(self, query: str, n: int) -> list[tuple[int, float]]:
        """(chunk, cosine similarity), best first."""
        self._refresh()
        if not self._ids:
            return []
        with self.store.guarded():
            docs = self._vectorstore().similarity_search_with_score(query, k=min(n, len(self._ids)))
        return [(self._pos[d.id], 1.0 - dist) for d, dist in docs if d.id in self._pos]

    def search(self, query: str, k: int = 5, mode: str = "hybrid") -> list[Hit]:
        """Top-k passages for ``query``; ``mode`` is "hybrid", "bm25" or "vector"."""
        q = check_query(query)
        if not isinstance(k, int) or k < 1:
            raise QueryError(f"k 必须是正整数,收到 {k!r}")
        depth = max(VECTOR_FLOOR_RANK, k * 4)
        if mode == "bm25":
            scored = self.bm25_scored(q, depth)
        elif mode == "vector":
            scored = self.vector_scored(q, depth)
        elif mode == "hybrid":
            scored = fuse(self.bm25_scored(q, depth), self.vector_scored(q, depth))
        else:
            raise QueryError(f"未知的检索模式 {mode!r}")
        best = sorted(scored, key=lambda x: -x[1])[:k]
        return [Hit(text=self._docs[i], source=self._metas[i].get("source", ""), title=self._metas[i].get("title", ""),
                    score=s, heading=self._metas[i].get("heading", ""), id=self._ids[i]) for i, s in best]


def fuse(keyword: list[tuple[int, float]], vector: list[tuple[int, float]]) -> list[tuple[int, float]]:
    """Score fusion: BM25 scaled by its best score, plus VECTOR_WEIGHT x the vector similarity scaled
    between the top hit and the VECTOR_FLOOR_RANK-th (e5's similarities are compressed: only how far a
    passage stands above the crowd carries information)."""
    fused: dict[int, float] = {}
    if keyword:
        top = keyword[0][1] or 1.0
        for i, sc in keyword:
            fused[i] = sc / top
    if vector:
        top, floor = vector[0][1], vector[min(len(vector), VECTOR_FLOOR_RANK) - 1][1]
        span = (top - floor) or 1.0
        for i, sim in vector:
            fused[i] = fused.get(i, 0.0) + VECTOR_WEIGHT * max(0.0, (sim - floor) / span)
    return list(fused.items())


class HybridRetriever(BaseRetriever):
    """LangChain retriever over :class:`HybridSearcher`; documents carry source, title and score."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    searcher: HybridSearcher
    k: int = 5

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        return [Document(page_content=h.text, metadata={"source": h.source, "title": h.title, "score": h.score,
                                                         "heading": h.heading, "id": h.id})
                for h in self.searcher.search(query, k=self.k)]


_default: dict[str, HybridSearcher] = {}
_default_lock = threading.Lock()


def get_searcher(settings: Settings | None = None) -> HybridSearcher:
    """A process-wide searcher for the given settings (read from the environment when omitted)."""
    settings = settings or Settings.from_env()
    key = f"{settings.home}|{settings.chroma_host}|{settings.chroma_port}|{settings.embeddings}|{settings.collection}"
    with _default_lock:
        if key not in _default:
            _default[key] = HybridSearcher(Store(settings))
        return _default[key]


def search(query: str, k: int = 5, *, settings: Settings | None = None) -> list[Hit]:
    """Search the articles. Returns up to ``k`` :class:`Hit` (``.text``, ``.source``, ``.title``, ``.score``).

    The first call builds the index from ``corpus/`` if the store is empty.
    """
    return get_searcher(settings).search(query, k=k)
