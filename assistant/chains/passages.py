"""Article passages for the chains: retrieval (per part of a plan), the token budget, the numbered
block a prompt shows, and citations with an excerpt around the sentence that matters."""
from __future__ import annotations

import re
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


# A passage under a heading that names a pitfall (the 9大雷区 article's sections): what it describes is to be avoided,
# so it is cited as such ("avoid"), never as support for doing it.
PITFALL_HEADING = re.compile(r"雷区|误区|陷阱|\b(?:pitfalls?|mistakes?|traps?)\b", re.I)


def is_pitfall(hit) -> bool:
    return bool(PITFALL_HEADING.search(getattr(hit, "heading", "") or ""))


def cite(hits, query: str | None = None, part: str = "") -> list[Citation]:
    return [Citation(source=h.source, title=h.title, heading=getattr(h, "heading", "") or "",
                     excerpt=focused_excerpt(body(h), query), role="avoid" if is_pitfall(h) else "support",
                     part=part) for h in hits]


# A plan's text names the article it follows: (《用户社群运营》), (《9大雷区》第9雷); in English by the names
# planner.toml gives them: (User community operations), (9 pitfalls, no. 9).
_NAMED = re.compile(r"《([^》]{2,40})》(?:第\s*(\d+)\s*雷)?")
_ENGLISH_NAMES = {"9 pitfalls": "9大雷区", "How to run a community: two essentials": "如何做好社群运营不可或缺的两点",
                  "User community operations": "用户社群运营", "Community operations": "社群运营"}
_NAMED_EN = re.compile(r"\((" + "|".join(map(re.escape, _ENGLISH_NAMES)) + r")(?:, no\. (\d+)|:[^()]*)?\)")


def _names(text: str) -> list[tuple[str, str]]:
    """(article name, section number or "") for each article ``text`` names."""
    return _NAMED.findall(text) + [(_ENGLISH_NAMES[n], no) for n, no in _NAMED_EN.findall(text)]


def _named_score(hit, text: str) -> int:
    """How well a passage is the one ``text`` names: 3 the named article's numbered section, 2 the article (its
    title starts or ends with the name, or is it), 1 the name is somewhere in its title, 0 none named."""
    best = 0
    title, heading = hit.title or "", getattr(hit, "heading", "") or ""
    for name, number in _names(text):
        score = 2 if title.startswith(name) or title.endswith(name) else 1 if name in title else 0
        if score and number and re.search(rf"(?:^|›\s*){number}\.", heading):
            score = 3
        best = max(best, score)
    return best


def _heading_words(hit, text: str) -> int:
    """Words the part's text shares with the passage's heading (a section on 交付群 for a delivery group)."""
    from ..text import tokenize

    heading = getattr(hit, "heading", "") or ""
    return len(set(tokenize(heading)) & set(tokenize(text))) if heading else 0


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


def plan_part_queries(plan) -> list[tuple[str, str]]:
    """(part, text) for each part of a plan that rests on the articles, from what the plan says: the kind of group
    and why (the kind's reason as the method gives it), the shared goal and its gap, the threshold, the rules, the
    check-in, and each pitfall that names its article (the last one the incubation figures); a pitfall of the
    trade's own names none and rests on no passage. Plans with other kinds of group, thresholds, rules or pitfalls
    ask for other passages."""
    from .. import planner

    keys = plan.keys
    reasons = planner.words_for("zh")["reasons"]  # the passages are mostly Chinese: the method's own words find them
    checkin = [r for r in keys.rules if re.search(r"打卡|说说|check[- ]?in|share", r, re.I)][:1]
    parts = [("group_type", f"{plan.group_type} {reasons.get(plan.group_type, plan.group_type_reason)}"),
             ("goal", f"长期共同目标 填补理想和现实的缺口 社会规范 {plan.gap}"),
             ("threshold", f"入群门槛 threshold {keys.threshold}"),
             ("rules", f"群规 rules {' '.join(keys.rules)}"),
             ("checkin", " ".join(["打卡 check-in", *checkin, *keys.activities[1:2]]))]
    parts += [("pitfalls", p) for p in plan.pitfalls if _names(p)]
    return [(part, text) for part, text in parts if text.strip()]


def plan_citations(searcher, plan, *, k: int = 3, notices: list[str] | None = None) -> list[Citation]:
    """The passages a plan's choices rest on, one per part (:func:`plan_part_queries`), each passage once: among the
    part's best ``k`` passages, the one its text names (《9大雷区》第9雷 is that section), then one whose heading
    says what the part says (交付群), then one under any heading (an article's opening states its topic, no method),
    then one in the plan's language, then the best. A part whose passage is already cited adds none. A pitfall passage is cited as "avoid"
    (:func:`cite`)."""
    from ..text import language_of

    lang = language_of(plan.business)
    out: list[Citation] = []
    seen: set[str] = set()
    for part, text in plan_part_queries(plan):
        hits = retrieve(searcher, [text], k=k, notices=notices)
        if notices and notices[-1].startswith("检索文章时出错"):
            break
        if not hits:
            continue
        best = min(enumerate(hits), key=lambda item, text=text: (
            -_named_score(item[1], text), -_heading_words(item[1], text), not getattr(item[1], "heading", ""),
            language_of(item[1].text) != lang, item[0]))[1]
        if (best.id or best.text) in seen:
            continue
        seen.add(best.id or best.text)
        out += cite([best], text, part)
    return out
