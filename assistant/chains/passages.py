"""Article passages for the chains: retrieval (per part of a plan), the token budget, the numbered
block a prompt shows, and citations with an excerpt around the sentence that matters."""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..providers import count_tokens
from ..schemas import Citation

PASSAGE_BUDGET = 1800  # tokens of article passages per call
EXCERPT_CHARS = 160


def excerpt(text: str, n: int = EXCERPT_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= n:
        return text
    cut = text[:n]
    if text[n].isascii() and text[n].isalnum() and " " in cut:  # never end inside an English word
        cut = cut.rsplit(" ", 1)[0]
    return cut + "…"


def _join_sentences(a: str, b: str) -> str:
    return f"{a} {b}" if a[-1:].isascii() and b[:1].isascii() else a + b


def focused_excerpt(text: str, query: str | None, n: int = EXCERPT_CHARS) -> str:
    """The window of ``text`` around the sentence that shares most words with ``query``."""
    if not query:
        return excerpt(text, n)
    from ..chunking import split_sentences
    from ..text import expand_query, tokenize

    sentences = split_sentences(" ".join(text.split()))
    if len(sentences) <= 1:
        return excerpt(text, n)
    q = set(tokenize(expand_query(query)))
    best = max(range(len(sentences)), key=lambda i: (len(q & set(tokenize(sentences[i]))), -i))
    out = sentences[best]
    lo, hi = best, best
    while True:  # grow around the best sentence while it fits
        grew = False
        if hi + 1 < len(sentences) and len(out) + len(sentences[hi + 1]) <= n:
            hi += 1
            out = _join_sentences(out, sentences[hi])
            grew = True
        if lo > 0 and len(out) + len(sentences[lo - 1]) <= n:
            lo -= 1
            out = _join_sentences(sentences[lo], out)
            grew = True
        if not grew:
            break
    out = excerpt(out, n)
    return ("…" if lo > 0 else "") + out


def body(hit) -> str:
    """A hit's text without its leading heading line (the citation shows the heading on its own)."""
    heading = getattr(hit, "heading", "") or ""
    return hit.text[len(heading) + 1:] if heading and hit.text.startswith(heading + "\n") else hit.text


def diverse(hits: list, n: int) -> list:
    """Up to ``n`` hits, the best of each article first: a plan rests on several articles, not one."""
    firsts, rest, seen = [], [], set()
    for h in hits:
        (rest if h.source in seen else firsts).append(h)
        seen.add(h.source)
    return (firsts + rest)[:n]


def cite(hits, query: str | None = None) -> list[Citation]:
    return [Citation(source=h.source, title=h.title, heading=getattr(h, "heading", "") or "",
                     excerpt=focused_excerpt(body(h), query)) for h in hits]


def retrieve(searcher, queries: Iterable[str], k: int = 3, notices: list[str] | None = None) -> list:
    """Hits for several queries, de-duplicated, best first; retrieval trouble becomes a notice."""
    seen: dict[str, object] = {}
    try:
        for q in queries:
            for h in searcher.search(q, k=k):
                seen.setdefault(h.id or h.text, h)
    except Exception as e:  # noqa: BLE001 - planning must go on without passages
        if notices is not None:
            notices.append(f"检索文章时出错,本次没有引用:{e}")
        return []
    return list(seen.values())


def fit_budget(hits: list, budget: int = PASSAGE_BUDGET) -> list:
    """Passages, best first, while they fit into the token budget."""
    kept, used = [], 0
    for h in hits:
        n = count_tokens(h.text) + 20
        if used + n > budget:
            continue
        kept.append(h)
        used += n
    return kept


def passages_block(hits: list) -> str:
    """The passages numbered for a prompt (the model cites them by number)."""
    return "\n\n".join(f"[{i}]《{h.title}》\n{h.text}" for i, h in enumerate(hits, 1)) or "(没有检索到片段)"


def retrieve_parts(searcher, parts: Sequence[tuple[str, str]], *, k: int = 2, budget: int = PASSAGE_BUDGET,
                   notices: list[str] | None = None) -> tuple[list, list[tuple[str, list[int]]]]:
    """Passages for each part of a plan: ``parts`` is (label, query) pairs. Returns the hits (each once,
    numbered in order) and, per part, the numbers of the passages found for it, so a prompt can show the
    model which passages each part rests on. Each part keeps at least its best passage within the budget."""
    per_part: list[tuple[str, list]] = []
    for label, query in parts:
        per_part.append((label, retrieve(searcher, [query], k=k, notices=notices)))
        if notices and notices[-1].startswith("检索文章时出错"):
            break
    order: list = []
    index: dict[str, int] = {}
    used = 0
    # Round-robin: every part's best passage before any part's second.
    for rank in range(k):
        for _label, hits in per_part:
            if rank >= len(hits):
                continue
            h = hits[rank]
            key = h.id or h.text
            if key in index:
                continue
            n = count_tokens(h.text) + 20
            if used + n > budget and rank > 0:
                continue
            index[key] = len(order) + 1
            order.append(h)
            used += n
    numbered = [(label, [index[h.id or h.text] for h in hits if (h.id or h.text) in index]) for label, hits in per_part]
    return order, numbered


def parts_block(hits: list, numbered: list[tuple[str, list[int]]]) -> str:
    """Which passage numbers belong to which part, for the prompt."""
    if not hits:
        return ""
    return "\n".join(f"- {label}:" + "、".join(f"[{i}]" for i in nums) for label, nums in numbered if nums)
