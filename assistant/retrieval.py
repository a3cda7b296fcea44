"""Hybrid retrieval: BM25 over jieba tokens plus vector search, fused by reciprocal rank fusion."""
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

RRF_K = 60


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

    def bm25_ranking(self, query: str, n: int) -> list[int]:
        self._refresh()
        assert self._index is not None
        return [i for i, _ in self._index.bm25.top(tokenize(expand_query(query)), n)]

    def _vectorstore(self):
        """The LangChain Chroma vector store over the current generation's collection."""
        if self._vs is None or self._vs_rev != self._rev:
            from langchain_chroma import Chroma

            self._vs = Chroma(client=self.store.client, collection_name=self.store.settings.collection,
                              embedding_function=self.store.embeddings, create_collection_if_not_exists=False)
            self._vs_rev = self._rev
        return self._vs

    def vector_ranking(self, query: str, n: int) -> list[int]:
        self._refresh()
        if not self._ids:
            return []
        docs = self._vectorstore().similarity_search_with_score(query, k=min(n, len(self._ids)))
        return [self._pos[d.id] for d, _score in docs if d.id in self._pos]

    def search(self, query: str, k: int = 5, mode: str = "hybrid") -> list[Hit]:
        """Top-k passages for ``query``; ``mode`` is "hybrid", "bm25" or "vector"."""
        q = check_query(query)
        if not isinstance(k, int) or k < 1:
            raise QueryError(f"k 必须是正整数,收到 {k!r}")
        depth = max(20, k * 4)
        if mode == "bm25":
            rankings = [self.bm25_ranking(q, depth)]
        elif mode == "vector":
            rankings = [self.vector_ranking(q, depth)]
        elif mode == "hybrid":
            rankings = [self.bm25_ranking(q, depth), self.vector_ranking(q, depth)]
        else:
            raise QueryError(f"未知的检索模式 {mode!r}")
        fused: dict[int, float] = {}
        for ranking in rankings:
            for rank, i in enumerate(ranking):
                fused[i] = fused.get(i, 0.0) + 1.0 / (RRF_K + rank + 1)
        best = sorted(fused.items(), key=lambda x: -x[1])[:k]
        return [Hit(text=self._docs[i], source=self._metas[i].get("source", ""), title=self._metas[i].get("title", ""),
                    score=s, heading=self._metas[i].get("heading", ""), id=self._ids[i]) for i, s in best]


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
