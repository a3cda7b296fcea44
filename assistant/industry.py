"""Recognising the business an owner describes: by meaning, with whole words as supporting evidence.

Substring keywords mistook "上班族" for a class (班) and "理发店" for skincare. Here a keyword counts only
when it stands as a word of the description (jieba's tokens; English on word boundaries), and the
decision rests on the meaning: the bundled e5 model compares the description with each playbook's
``about`` line. When neither is convincing, the planner says so and asks instead of guessing.
"""
from __future__ import annotations

import math
import re
import threading
from dataclasses import dataclass, field

# Without a supporting keyword, a playbook is recognised by meaning alone only when its similarity
# reaches SEMANTIC_MIN and stands clear of the runner-up by SEMANTIC_MARGIN (e5's similarities are
# compressed: unrelated descriptions still score ~0.85).
SEMANTIC_MIN = 0.88
SEMANTIC_MARGIN = 0.02
# Each supporting keyword adds this much to the similarity (up to KEYWORD_CAP keywords).
KEYWORD_BONUS = 0.03
KEYWORD_CAP = 3
# Fewer meaningful characters than this and the description says too little to plan on.
THIN_CHARS = 3
# Shorter than this (meaningful characters), a recognised description still gets a question or two.
SHORT_CHARS = 12
_MEANINGFUL = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
_VAGUE_ONLY = re.compile(r"^(我|我们|咱|本人)?(是|在)?(开|做|卖|搞|经营|有)?(了)?(一个|一家|个|家)?(小)?"
                         r"(店|生意|买卖|服务|东西|公司|工作室|铺子|网店|实体店|项目|小店|群)?(的)?[。.!!]?$")


@dataclass
class Recognition:
    """Which playbook fits a description, how sure we are, and why."""

    key: str
    similarity: float
    keywords: list[str] = field(default_factory=list)
    confident: bool = False
    thin: bool = False  # the description is too short or too vague to plan on
    short: bool = False  # recognisable, but says little about the members
    ranking: list[tuple[str, float]] = field(default_factory=list)


def words(text: str) -> set[str]:
    """The description's words: jieba tokens (search mode, so 理发店 gives 理发 and 理发店) and English words."""
    from .text import _ensure_jieba

    jieba = _ensure_jieba()
    low = text.lower()
    out = {t.strip() for t in jieba.lcut_for_search(low) if t.strip()}
    out |= set(re.findall(r"[a-z][a-z'-]+", low))
    return out


def keyword_hits(text: str, keywords: list[str], tokens: set[str] | None = None) -> list[str]:
    """Keywords that stand as words in ``text`` (three or more Chinese characters may also sit inside a word)."""
    tokens = tokens if tokens is not None else words(text)
    low = text.lower()
    hits = []
    for k in keywords:
        kl = k.lower()
        plural = kl.isascii() and (kl + "s" in tokens or kl + "es" in tokens)
        if kl in tokens or plural or (len(kl) >= 3 and not kl.isascii() and kl in low):
            hits.append(k)
        elif kl.isascii() and " " in kl and re.search(r"\b" + re.escape(kl) + r"\b", low):
            hits.append(k)
    return hits


_vec_lock = threading.Lock()
_vec_cache: dict[tuple, dict[str, list[float]]] = {}


def _playbook_vectors(books: dict, english: dict | None = None) -> dict[str, list[list[float]]]:
    """Each playbook's vectors: its Chinese line and, where ``english`` has one, its English line (the small
    e5 model matches within a language far better than across, so an English description meets English)."""
    english = english or {}
    key = tuple(sorted((k, b.get("about", ""), english.get(k, {}).get("about", "")) for k, b in books.items()))
    with _vec_lock:
        if key not in _vec_cache:
            from .embeddings import E5Embeddings

            names = [k for k in books if k != "generic"]
            texts = [f"{books[k].get('about', '')} {books[k]['label']}:{'、'.join(books[k]['keywords'][:8])}" for k in names]
            en_names = [k for k in names if english.get(k, {}).get("about")]
            en_texts = [f"{english[k]['about']} ({english[k]['label']})" for k in en_names]
            vectors = E5Embeddings().embed_documents(texts + en_texts)
            out = {k: [v] for k, v in zip(names, vectors)}
            for k, v in zip(en_names, vectors[len(names):]):
                out[k].append(v)
            _vec_cache[key] = out
        return _vec_cache[key]


def _cos(a: list[float], b: list[float]) -> float:
    dot = sum(x * y for x, y in zip(a, b))
    na = math.sqrt(sum(x * x for x in a))
    nb = math.sqrt(sum(y * y for y in b))
    return dot / (na * nb or 1.0)


def _spans(low: str, keyword: str) -> list[tuple[int, int]]:
    k = keyword.lower()
    if k.isascii():
        return [m.span() for m in re.finditer(r"\b" + re.escape(k) + r"(?:e?s)?\b", low)]
    return [m.span() for m in re.finditer(re.escape(k), low)]


def _longest_hits(text: str, hits: dict[str, list[str]]) -> dict[str, list[str]]:
    """Drop an English keyword whose every occurrence sits inside a longer keyword of another playbook:
    "bubble tea" is the drinks shop's word, so its "tea" is not evidence for the tea house. (Chinese words
    come from jieba's segmentation, where 培训 inside 培训机构 still means training.)"""
    low = text.lower()
    spans = {(k, w): _spans(low, w) for k, ws in hits.items() for w in ws}
    out = {}
    for k, ws in hits.items():
        kept = []
        for w in ws:
            inside = w.isascii() and all(any(o != k and s0 <= a and b <= e0 and (e0 - s0) > (b - a)
                             for (o, ow), sp in spans.items() for s0, e0 in sp)
                         for a, b in spans[(k, w)]) if spans[(k, w)] else False
            if not inside:
                kept.append(w)
        out[k] = kept
    return out


def is_thin(text: str) -> bool:
    """Too little to plan on: a handful of characters, or only "I run a (small) shop"."""
    meaningful = len(_MEANINGFUL.findall(text))
    stripped = re.sub(r"\s+", "", text)
    english_vague = re.fullmatch(r"(?i)\s*(i|we)\s+(run|have|own|opened)\s+(a|an)\s+(small\s+)?(shop|store|business|company)\.?\s*",
                                 text)
    return meaningful < THIN_CHARS or bool(_VAGUE_ONLY.match(stripped)) or bool(english_vague)


def recognise(text: str, books: dict, *, semantic: bool = True, english: dict | None = None) -> Recognition:
    """The best playbook for ``text`` among ``books`` (the planner's playbooks; "generic" is the fallback);
    ``english`` holds the same playbooks in English, whose ``about`` lines English descriptions are compared with."""
    tokens = words(text)
    kw = _longest_hits(text, {k: keyword_hits(text, b["keywords"], tokens) for k, b in books.items() if k != "generic"})
    sims: dict[str, float] = {}
    if semantic:
        from .embeddings import E5Embeddings

        q = E5Embeddings().embed_query(text)
        sims = {k: max(_cos(q, v) for v in vs) for k, vs in _playbook_vectors(books, english).items()}
    scores = {k: sims.get(k, 0.0) + KEYWORD_BONUS * min(len(kw[k]), KEYWORD_CAP) for k in kw}
    ranking = sorted(scores.items(), key=lambda x: -x[1])
    # A bare business name ("茶馆", "药店") is short but says what the business is.
    thin = is_thin(text) and not (kw.get(ranking[0][0] if ranking else "", []) and len(_MEANINGFUL.findall(text)) >= 2)
    if not ranking:
        return Recognition("generic", 0.0, thin=thin)
    best, score = ranking[0]
    runner_up = ranking[1][1] if len(ranking) > 1 else 0.0
    by_meaning = sims.get(best, 0.0) >= SEMANTIC_MIN and score - runner_up >= SEMANTIC_MARGIN
    confident = not thin and (bool(kw[best]) or by_meaning)
    short = len(_MEANINGFUL.findall(text)) < SHORT_CHARS
    return Recognition(best if confident else "generic", sims.get(best, 0.0), kw[best], confident, thin, short,
                       ranking[:5])
