"""How the guard reads text: the matching form of a post (disguises undone) and the term/pattern matcher.

Advertisers hide words from keyword lists: full-width or traditional characters, spacing, symbols and
emoji inside a word ("红 包", "红-包", "红😀包", "加*V"). :func:`normalise` undoes that and keeps the
offsets, so a finding points at the original text; :class:`Matcher` finds every rule's terms (one
Aho-Corasick automaton) and patterns (gated by characters they cannot match without).
"""
from __future__ import annotations

import bisect
import json
import re
from functools import lru_cache
from pathlib import Path

# Characters that advertisers put inside words to dodge keyword lists ("红 包", "红-包", "加*V").
_SEP_CHARS = (" \t\r\u200b\u200c\u200d\ufeff\ufe0f\u00a0\u3000-_*·•.|/\\~^'\"`丶、"
              "❤♥❥♡★☆✨✿❀✦✧○●◆◇■□▲△▼▽♪♫→←↑↓»«〜")  # decorative symbols advertisers put inside words
# Pictographs inside a word hide it ("红😀包") just as symbols do; 🧧 is itself a term and stays.
_EMOJI = "\U0001F300-\U0001F9E6\U0001F9E8-\U0001FAFF\u2600-\u27BF"
_SEP_RUN = re.compile("[" + re.escape(_SEP_CHARS) + _EMOJI + "]+")
_ASCII_ALNUM = re.compile(r"[A-Za-z0-9]")
# A digit run that opens a pattern (or one of its alternatives) may only start where the run starts.
# Unanchored, `\d+元` retries from every digit of a long run: 20,000 digits took 28 s.
_RUN_OPEN = re.compile(r"(^|(?<!\\)[(|]|\(\?:)(?=\\d(?:\+|\{\d+,\d*\}))")


def whole_runs(pattern: str) -> str:
    """Make each leading digit run in a regex match only from the run's start (same matches, linear time).

    Safe because a match found from inside a run is also found from the run's start: the run absorbs the
    extra digits. A digit run after other pattern text is left alone.
    """
    return _RUN_OPEN.sub(lambda m: m.group(1) + r"(?<!\d)", pattern)


def required_strings(pattern: str) -> frozenset[str] | None:
    """Literal strings of which at least one occurs in every match of ``pattern`` (None: none known).

    Read from the parsed pattern: a run of literal characters, a group, a branch whose every alternative
    gives a set, a character class of plain characters, a repeat taken at least once. Of the candidates in
    a sequence the longest-shortest set wins: a scan for "老公" finds fewer places than one for "了".
    """
    from re import _constants as C
    from re import _parser as P

    def pick(sets: list[set[str]]) -> set[str] | None:
        return max(sets, key=lambda s: (min(map(len, s)), -len(s)), default=None)

    def one(op, av) -> set[str] | None:
        if op is C.SUBPATTERN:
            return seq(av[-1])
        if op is C.BRANCH:
            out: set[str] = set()
            for alt in av[1]:
                got = seq(alt)
                if not got:
                    return None
                out |= got
            return out
        if op is C.IN:
            if all(iop is C.LITERAL for iop, _ in av):
                return {chr(iav) for _, iav in av}
            return None
        if op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] >= 1:
            return seq(av[2])
        return None

    def seq(items) -> set[str] | None:
        found: list[set[str]] = []
        run = ""
        for op, av in items:
            if op is C.LITERAL:
                run += chr(av)
                continue
            if op is C.AT:  # takes no characters: the run goes on
                continue
            if run:
                found.append({run})
                run = ""
            got = one(op, av)
            if got:
                found.append(got)
        if run:
            found.append({run})
        return pick(found)

    try:
        parsed = P.parse(pattern)
    except Exception:  # noqa: BLE001 - no requirement is always safe
        return None
    if parsed.state.flags & re.IGNORECASE:
        return None
    got = seq(parsed)
    return frozenset(got) if got else None


def index_strings(keys: dict[str, list[int]]):
    """One Aho-Corasick automaton finding each key, valued with its indices (None when there are no keys)."""
    if not keys:
        return None
    import ahocorasick

    auto = ahocorasick.Automaton()
    for key, idx in keys.items():
        auto.add_word(key, tuple(idx))
    auto.make_automaton()
    return auto


class AnyOf:
    """Whether any of a word list's entries occurs in a text: the same answer as ``bool(rx.search(text))`` on
    their alternation, found by one Aho-Corasick scan for the strings each entry needs, then only the entries
    whose strings occur. A long alternation otherwise tries every entry at every character."""

    def __init__(self, entries: list[str]) -> None:
        self.rxs: list[re.Pattern | None] = []
        keys: dict[str, list[int]] = {}
        loose: list[str] = []
        for entry in entries:
            plain = not any(ch in _REGEX_CHARS or ch.isdigit() for ch in entry)
            need = frozenset({entry}) if plain else required_strings(entry)
            if need is None:
                loose.append(entry)
                continue
            self.rxs.append(None if plain else re.compile(whole_runs("(" + entry + ")")))
            for key in need:
                keys.setdefault(key, []).append(len(self.rxs) - 1)
        self.loose = re.compile(whole_runs("(" + "|".join(loose) + ")")) if loose else None
        self.auto = index_strings(keys)

    def __call__(self, text: str) -> bool:
        if self.auto is not None:
            todo: set[int] = set()
            for _end, idx in self.auto.iter(text):
                for i in idx:
                    if self.rxs[i] is None:
                        return True
                    todo.add(i)
            for i in todo:
                if self.rxs[i].search(text):
                    return True
        return self.loose is not None and self.loose.search(text) is not None


_REGEX_CHARS = frozenset(".^$*+?{}[]\\|()")


def inch_marks(text: str) -> frozenset[int]:
    """Offsets of the plain ``"`` that are inch marks after a number (27"的显示器, 6'2"), not quotation marks.

    Plain marks pair up in order, so one inch mark shifts every later pair. A ``"`` right after a digit is read
    as an inch mark only where it would open a quotation (one closing a quotation may end on a number:
    "只要998") and only when the marks left then all pair up; of the readings that pair up, the one with the
    fewest such marks opening a quotation wins, then the one that drops fewest. When no reading pairs every
    mark, none is dropped: the marks are read as before.
    """
    if '"' not in text:
        return frozenset()
    marks = [k for k, ch in enumerate(text) if ch == '"']
    if not any(k and text[k - 1].isdigit() for k in marks):
        return frozenset()
    # Per state (0: no quotation open, 1: one open): (inch-like marks read as openers, drops, dropped offsets).
    best: dict[int, tuple[int, int, tuple[int, ...]]] = {0: (0, 0, ())}
    for k in marks:
        inch = k > 0 and text[k - 1].isdigit()
        nxt: dict[int, tuple[int, int, tuple[int, ...]]] = {}
        for state, (cost, drops, dropped) in best.items():
            options = [(1 - state, (cost + (inch and state == 0), drops, dropped))]  # a quotation mark
            if inch and state == 0:
                options.append((0, (cost, drops + 1, (*dropped, k))))  # an inch mark
            for to, cand in options:
                if to not in nxt or cand[:2] < nxt[to][:2]:
                    nxt[to] = cand
        best = nxt
    done = best.get(0)
    return frozenset(done[2]) if done else frozenset()


@lru_cache(maxsize=1)
def _char_table() -> dict[int, str]:
    """One-to-one character map: full-width -> ASCII, traditional -> simplified, upper -> lower."""
    table: dict[int, str] = {}
    for cp in range(0xFF01, 0xFF5F):
        table[cp] = chr(cp - 0xFEE0)
    table[0x3000] = " "
    for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        table[ord(c)] = c.lower()
    for cp in range(0xFF21, 0xFF3B):  # full-width capitals straight to lower case
        table[cp] = chr(cp - 0xFEE0).lower()
    try:
        import zhconv  # noqa: F401

        zpath = Path(zhconv.__file__).with_name("zhcdict.json")
        data = json.loads(zpath.read_text(encoding="utf-8"))["zh2Hans"]
        for k, v in data.items():
            if len(k) == 1 and len(v) == 1 and k != v:
                table[ord(k)] = v
    except Exception:  # noqa: BLE001 - without the table only traditional matching is lost
        pass
    extra = {"➕": "+", "﹢": "+", "＋": "+", "￥": "¥", "💴": "¥", "💵": "$", "💯": "百", "💰": "钱", "💲": "$", "〇": "0",
             "①": "1", "②": "2", "③": "3", "④": "4", "⑤": "5", "⑥": "6", "⑦": "7", "⑧": "8", "⑨": "9",
             "❶": "1", "❷": "2", "❸": "3", "❹": "4", "❺": "5", "❻": "6", "❼": "7", "❽": "8", "❾": "9"}
    for k, v in extra.items():
        table[ord(k)] = v
    # Phones type curly apostrophes (iOS turns "we're" into "we’re"): read them as the straight one, which a word
    # sheds, so "don’t" is "dont" for the rules and the model as "don't" always was.
    for c in "\u2018\u2019\u02bc":
        table[ord(c)] = "'"
    return table


def _single(t: str, i: int, step: int) -> bool:
    """Whether the ASCII letter or digit at ``t[i]`` stands alone on its side (nothing alphanumeric next to it)."""
    j = i + step
    return not (0 <= j < len(t) and _ASCII_ALNUM.match(t[j]))


def _price_sign(t: str, i: int) -> bool:
    """Whether ``t[i]`` is a currency sign a number follows ("got $50 off", "roof racks. $350"): it opens a word, so
    the break before it stays as before any other word."""
    return t[i] in "$£€₹" and i + 1 < len(t) and t[i + 1].isdigit()


def normalise(text: str) -> tuple[str, list[tuple[int, int]]]:
    """Map ``text`` to its matching form. Returns the form and the removed spans (for offsets).

    Separator runs are removed unless they sit between two ASCII letters or digits, so "红 包" and
    "加 v" join while "buy now" keeps its space.
    """
    t = text.translate(_char_table())
    removed: list[tuple[int, int]] = []
    if not _SEP_RUN.search(t):
        return t, removed
    parts: list[str] = []
    last = 0
    n = len(t)
    for m in _SEP_RUN.finditer(t):
        s, e = m.start(), m.end()
        left = t[s - 1] if s > 0 else ""
        right = t[e] if e < n else ""
        if m.group() == "." and left.isdigit() and right.isdigit():
            continue  # a decimal point ("8.8折") is part of the number
        run = m.group()
        if left and right and _ASCII_ALNUM.match(left) and (_ASCII_ALNUM.match(right) or _price_sign(t, e)) and (
                run.isspace() or (any(c.isspace() for c in run) and not (_single(t, s - 1, -1) and _single(t, e, 1)))):
            # Keep a break between ASCII words ("buy now"): a full stop between sentences stays ". " ("qualified. I do
            # home visits"), any other run with a space becomes one space ("comment 'info' and" -> "comment info and").
            # Joined, the words became one ("qualifiedi", "commentinfoand") and no word boundary or clause end was
            # left to read. Symbols inside a word ("v-x") and letters spelled out one by one ("w. e. c. h. a. t",
            # "v - x") still join. A currency sign before a number opens a word too ("got $50 off").
            kept = 2 if run[0] == "." and run[1:2].isspace() else 1
            if kept == 2:
                parts.append(t[last:s + 2])
            else:
                parts.append(t[last:s])
                parts.append(" ")
            if e - s > kept:
                removed.append((s + kept, e))
            last = e
            continue
        parts.append(t[last:s])
        removed.append((s, e))
        last = e
    parts.append(t[last:])
    return "".join(parts), removed


class _OffsetMap:
    """Maps offsets in the normalised text back to the original text."""

    def __init__(self, removed: list[tuple[int, int]]) -> None:
        # Normalised position where each removal happened, and the cumulative removed length.
        self.norm_pos: list[int] = []
        self.shift: list[int] = []
        total = 0
        for s, e in removed:
            self.norm_pos.append(s - total)
            total += e - s
            self.shift.append(total)

    def start(self, p: int) -> int:
        i = bisect.bisect_right(self.norm_pos, p) - 1
        return p + (self.shift[i] if i >= 0 else 0)

    def end(self, p: int) -> int:  # exclusive end: map the last character, then step past it
        return self.start(p - 1) + 1 if p > 0 else 0


def _gate(pattern: str) -> frozenset[str] | None:
    """Characters of which at least one must occur for ``pattern`` to match (None: no such set)."""
    from re import _constants as C
    from re import _parser as P

    def first_chars(items) -> set[str] | None:
        """Possible first characters of a sequence, or None if unknown/unbounded."""
        for op, av in items:
            if op is C.LITERAL:
                return {chr(av)}
            if op is C.IN:
                chars = set()
                for iop, iav in av:
                    if iop is C.LITERAL:
                        chars.add(chr(iav))
                    elif iop is C.CATEGORY and iav is C.CATEGORY_DIGIT:
                        chars.update("0123456789")
                    else:
                        return None
                return chars
            if op is C.SUBPATTERN:
                return first_chars(av[-1])
            if op is C.BRANCH:
                out: set[str] = set()
                for alt in av[1]:
                    f = first_chars(alt)
                    if f is None:
                        return None
                    out |= f
                return out
            if op in (C.MAX_REPEAT, C.MIN_REPEAT):
                lo, _hi, sub = av
                if lo >= 1:
                    return first_chars(sub)
                return None
            if op is C.AT:
                continue
            return None
        return None

    def required(items) -> set[str] | None:
        # Any top-level element that must match gives a gate; take the smallest.
        best = None
        for op, av in items:
            cand = None
            if op in (C.LITERAL, C.IN, C.SUBPATTERN, C.BRANCH):
                cand = first_chars([(op, av)])
            elif op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] >= 1:
                cand = first_chars(av[2])
            if cand and (best is None or len(cand) < len(best)):
                best = cand
        return best

    try:
        req = required(P.parse(pattern))
    except Exception:  # noqa: BLE001 - no gate is always safe
        return None
    return frozenset(req) if req else None


class Matcher:
    """All rule terms in one Aho-Corasick automaton, plus one combined regex for patterns."""

    def __init__(self, rules: tuple) -> None:  # of guard.Rule
        import ahocorasick

        self.rules = rules
        self.auto = ahocorasick.Automaton()
        entries: dict[str, list] = {}
        for ri, r in enumerate(rules):
            for term, strength in r.terms.items():
                entries.setdefault(term, []).append((ri, strength))
        for term, vals in entries.items():
            self.auto.add_word(term, (term, tuple(vals), term.isascii() and term[:1].isalpha()))
        self.auto.make_automaton()
        # Each pattern is gated by strings it cannot match without (one scan finds them all for every pattern),
        # or failing that by characters: most patterns are not run on most posts.
        self.patterns = [(ri, rx, strength) for ri, r in enumerate(rules) for rx, strength in r.patterns]
        self.ungated: list[int] = []
        self.by_char: dict[str, list[int]] = {}
        needs: dict[str, list[int]] = {}
        for k, (_ri, rx, _s) in enumerate(self.patterns):
            need = required_strings(rx.pattern)
            if need is not None:
                for key in need:
                    needs.setdefault(key, []).append(k)
                continue
            gate = _gate(rx.pattern)
            if gate is None:
                self.ungated.append(k)
            for ch in gate or ():
                self.by_char.setdefault(ch, []).append(k)
        self.gate_chars = frozenset(self.by_char)
        self.needs = index_strings(needs)
        self.terms = list(entries)
        self.code_index = {r.code: i for i, r in enumerate(rules)}

    def matches(self, norm: str):
        """Yield (start, end, rule index, strength) in the normalised text."""
        for end_idx, (term, vals, ascii_word) in self.auto.iter(norm):
            start = end_idx - len(term) + 1
            if ascii_word:
                # An English word must stand alone: "dm" is not inside "random".
                if start > 0 and norm[start - 1].isascii() and norm[start - 1].isalnum():
                    continue
                if end_idx + 1 < len(norm) and norm[end_idx + 1].isascii() and norm[end_idx + 1].isalpha():
                    continue
            for ri, strength in vals:
                yield start, end_idx + 1, ri, strength
        todo = set(self.ungated)
        for ch in self.gate_chars.intersection(norm):
            todo.update(self.by_char[ch])
        if self.needs is not None:
            for _end, ks in self.needs.iter(norm):
                todo.update(ks)
        for k in sorted(todo):
            ri, rx, strength = self.patterns[k]
            for m in rx.finditer(norm):
                yield m.start(), m.end(), ri, strength
