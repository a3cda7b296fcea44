"""Hybrid retrieval: BM25 over jieba tokens plus vector search, fused by reciprocal rank fusion."""
from __future__ import annotations

import logging
import math
import re
import threading
from collections import Counter
from dataclasses import dataclass

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from .errors import InputError
from .settings import Settings
from .store import Store

RRF_K = 60
# Domain words jieba would otherwise split ("快闪群" -> "快闪" "群").
DOMAIN_WORDS = ["快闪群", "新用户群", "超级用户群", "超用群", "交付群", "社会规范", "市场规范", "长期目标", "共同目标",
                "仪式感", "参与感", "归属感", "打卡", "私域", "社群", "门槛", "群规", "复购", "转介绍", "口碑营销",
                "红包", "优惠券", "秒杀", "抽奖", "雷区", "孵化", "活跃度", "干货", "裂变", "引流"]
_STOP = set("的 了 是 在 和 与 也 就 都 而 及 或 一个 这 那 你 我 他 她 它 们 吗 呢 吧 啊 把 被 让 给 对 从 到 为 以 之 于 等 "
            "怎么 如何 什么 哪些 为什么 是否 可以 应该 需要 有 没有 要 会 能 做 a an the of to in on for and or is are be "
            "what how why which do does should can i you we my our it this that with".split())
_TOKEN_OK = re.compile(r"[\w\u4e00-\u9fff]")

# Bilingual domain glossary: a query in one language also searches the other's words by BM25
# (one article is in English, four in Chinese; users ask in either).
GLOSSARY = {
    "market norm": "市场规范", "social norm": "社会规范", "red packet": "红包", "red envelope": "红包", "lottery": "抽奖",
    "coupon": "优惠券", "flash sale": "秒杀", "discount": "折扣", "advert": "广告", "ad": "广告", "ads": "广告",
    "goal": "目标", "long-term": "长期", "vision": "愿景 目标", "threshold": "门槛", "rule": "群规 规则", "activit": "活动",
    "benefit": "权益 福利", "welfare": "福利 权益", "newcomer": "新人", "new member": "新人 新用户", "welcome": "欢迎 仪式感",
    "ritual": "仪式感", "ceremony": "仪式感 欢迎", "belonging": "归属感", "participation": "参与感", "engage": "参与感 活跃",
    "active": "活跃", "dead group": "死群", "fitness": "健身", "gym": "健身房", "reading": "阅读", "skincare": "护肤",
    "kitchen": "厨房", "flash group": "快闪群", "super user": "超级用户群", "vip": "超级用户", "delivery group": "交付群",
    "paid": "付费", "pitfall": "雷区", "mistake": "雷区", "word of mouth": "口碑", "reputation": "口碑 声誉",
    "incubat": "孵化", "metric": "指标", "essence": "本质", "community": "社群", "group": "社群 群", "member": "成员 用户",
    "incentive": "激励 鼓励机制", "reward": "奖品 激励", "free": "免费", "positioning": "定位", "traffic": "引流",
    "ideal": "理想", "reality": "现实", "gap": "缺口", "check-in": "打卡", "punch": "打卡", "pk": "PK",
    "share": "分享", "content": "内容 干货", "value": "价值", "trust": "信任", "official": "官方", "authentic": "真实感",
    "60 day": "60天", "60-day": "60天", "lifelong learning": "终身学习", "book": "书单 阅读", "elements": "要素",
    "type": "类型 种", "kind": "种 类型",
    "市场规范": "market norms", "社会规范": "social norms", "门槛": "threshold", "愿景": "vision", "群规": "rules",
    "规则": "rules", "活动": "activities", "权益": "benefits", "福利": "benefits welfare", "五个": "five keys", "要素": "elements keys",
    "仪式": "ceremony welcome", "成功": "successful",
}
_GLOSS_KEYS = sorted(GLOSSARY, key=len, reverse=True)

_jieba_lock = threading.Lock()
_jieba_ready = False


class QueryError(InputError):
    """The query cannot be searched (empty, blank, or not text)."""


def tokenize(text: str) -> list[str]:
    """jieba tokens for Chinese, lowercased words for English; stopwords and punctuation dropped."""
    global _jieba_ready
    import jieba

    if not _jieba_ready:
        with _jieba_lock:
            if not _jieba_ready:
                jieba.setLogLevel(logging.WARNING)
                for w in DOMAIN_WORDS:
                    jieba.add_word(w, freq=20000)
                _jieba_ready = True
    out = []
    for tok in jieba.lcut_for_search(text.lower()):
        tok = tok.strip()
        if not tok or tok in _STOP or not _TOKEN_OK.search(tok):
            continue
        if tok.isascii() and len(tok) > 3 and tok.endswith("s"):
            tok = tok[:-1]  # crude plural folding for the English article
        out.append(tok)
    return out


def expand_query(query: str) -> str:
    """The query plus glossary translations of the domain words it contains."""
    q = query.lower()
    extra = [GLOSSARY[k] for k in _GLOSS_KEYS if k in q]
    return query if not extra else query + " " + " ".join(extra)


class BM25:
    """Okapi BM25 over pre-tokenised documents."""

    def __init__(self, docs: list[list[str]], k1: float = 1.5, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        self.tfs = [Counter(d) for d in docs]
        self.lens = [len(d) for d in docs]
        self.avg = (sum(self.lens) / len(docs)) if docs else 0.0
        df: Counter = Counter()
        for tf in self.tfs:
            df.update(tf.keys())
        n = len(docs)
        self.idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in df.items()}
        self.postings: dict[str, list[int]] = {}
        for i, tf in enumerate(self.tfs):
            for t in tf:
                self.postings.setdefault(t, []).append(i)

    def top(self, query: list[str], n: int) -> list[tuple[int, float]]:
        scores: dict[int, float] = {}
        for t in set(query):
            idf = self.idf.get(t)
            if idf is None:
                continue
            for i in self.postings[t]:
                f = self.tfs[i][t]
                denom = f + self.k1 * (1 - self.b + self.b * self.lens[i] / (self.avg or 1))
                scores[i] = scores.get(i, 0.0) + idf * f * (self.k1 + 1) / denom
        return sorted(scores.items(), key=lambda x: -x[1])[:n]


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
    """Keeps a BM25 index in memory, refreshed whenever the store's revision changes."""

    def __init__(self, store: Store, *, build_if_empty: bool = True) -> None:
        self.store = store
        self.build_if_empty = build_if_empty
        self._rev = None
        self._ids: list[str] = []
        self._docs: list[str] = []
        self._metas: list[dict] = []
        self._bm25: BM25 | None = None
        self._pos: dict[str, int] = {}
        self._vs = None
        self._vs_rev = None
        self._lock = threading.Lock()

    def _refresh(self) -> None:
        rev = self.store.revision()
        if rev == self._rev and self._bm25 is not None:
            return
        with self._lock:
            if self.build_if_empty and self.store.count() == 0:
                self.store.ensure_built()
                rev = self.store.revision()
            data = self.store.all_records()
            self._ids, self._docs, self._metas = data["ids"], data["documents"], [m or {} for m in data["metadatas"]]
            self._bm25 = BM25([tokenize(self._index_text(d, m)) for d, m in zip(self._docs, self._metas)])
            self._pos = {cid: i for i, cid in enumerate(self._ids)}
            self._rev = rev

    @staticmethod
    def _index_text(doc: str, meta: dict) -> str:
        return f"{meta.get('heading', '')} {doc}"

    def bm25_ranking(self, query: str, n: int) -> list[int]:
        self._refresh()
        assert self._bm25 is not None
        return [i for i, _ in self._bm25.top(tokenize(expand_query(query)), n)]

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
