"""The keyword half of hybrid retrieval: Okapi BM25 over jieba tokens, saved beside the store.

Tokenising every chunk is the slow part of a search in a fresh process (seconds at 10,000 chunks),
so the index is built once per published revision of the store and loaded from disk afterwards.
"""
from __future__ import annotations

import contextlib
import math
import os
import pickle
from collections import Counter
from pathlib import Path

from .text import tokenize

FORMAT = 2  # 2: the questions a passage answers are indexed too


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


def index_text(doc: str, meta: dict) -> str:
    """What the keyword index reads of a chunk: its heading path, its text and the questions it answers."""
    return f"{meta.get('heading', '')} {doc} {meta.get('questions', '')}"


class KeywordIndex:
    """The chunks of one store revision (ids, texts, metadata) and their BM25 index."""

    def __init__(self, revision: str, ids: list[str], docs: list[str], metas: list[dict]) -> None:
        self.revision = revision
        self.ids, self.docs, self.metas = ids, docs, metas
        self.bm25 = BM25([tokenize(index_text(d, m)) for d, m in zip(docs, metas)])
        self.pos = {cid: i for i, cid in enumerate(ids)}

    def save(self, path: Path) -> None:
        """Write atomically; a reader never sees half a file. Failing to save only costs speed."""
        with contextlib.suppress(OSError):
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
            with open(tmp, "wb") as fh:
                pickle.dump({"format": FORMAT, "index": self}, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
            for old in path.parent.glob(path.name.split("@", 1)[0] + "@*.pkl"):
                if old != path:
                    old.unlink(missing_ok=True)

    @staticmethod
    def load(path: Path, revision: str) -> KeywordIndex | None:
        """The saved index for ``revision``, or None (missing, stale or unreadable: rebuild it)."""
        try:
            with open(path, "rb") as fh:
                data = pickle.load(fh)  # our own file in the user's own ASSISTANT_HOME
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError, TypeError):
            return None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return None
        index = data.get("index")
        return index if isinstance(index, KeywordIndex) and index.revision == revision else None
