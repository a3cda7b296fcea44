"""How the guard reads context: who speaks and how, so a word is weighed by the sentence around it.

A term inside a prohibition ("请勿发红包"), a negation ("我们不靠红包"), a story about the past, a
consumer's report ("我刚抢了两板"), a question or an AA cost split is not an ad; a story that turns
to the reader with an offer ("想要的私我") is. The words and factors are data: ``rules/context.toml``.
"""
from __future__ import annotations

import bisect
import re
import tomllib
from pathlib import Path
from types import SimpleNamespace

from .guard_text import AnyOf, inch_marks, whole_runs

# An English full stop ends a sentence where normalising kept it: after a word, before a space (guard_text.normalise).
_CLAUSE_END = re.compile(r"[,。!?;:,!?;:\n()()【】\[\]]|(?<=[a-z0-9]{2})\.(?= )")
_SENT_END = re.compile(r"[。!?!?\n]|(?<=[a-z0-9]{2})\.(?= )")
CONTEXT_PATH = Path(__file__).resolve().parent / "rules" / "context.toml"
WORD_LISTS = ("prohibit", "strong_prohibit", "question", "cost_sharing", "narrative", "pitch", "meta", "system",
              "transaction", "business_self", "invitation", "giveaway", "giveaway_own",
              "giveaway_bait", "game", "game_trade", "service_notice", "service_pitch", "personal_cash",
              "cash_offer")
FACTORS = ("meta", "narrative", "question", "quote", "transaction", "personal_cash", "negation_reach", "list_reach",
           "english_list_reach")
TYPE_LISTS = ("cost_sharing_spares", "giveaway_spares", "service_notice_spares", "game_spares", "personal_cash_spares",
              "question_keeps")
PATTERNS = ("list_join", "not_negation_after", "negation_closed", "quote_frame", "report_colon", "report_pitch",
            "english_list")
HINTS = ("system",)


def always_holds(pattern: str, hints) -> bool:
    """True when every text ``pattern`` can match contains one of ``hints``, read from the parsed pattern: a hint in
    an optional group or in only some branches does not count (the precheck would skip lines the entry matches)."""
    from re import _parser as sre  # the standard library's own reader of patterns

    def holds(items) -> bool:
        run = ""  # literal characters in a row: a hint may sit anywhere inside them
        for op, av in items:
            if op is sre.LITERAL:
                run += chr(av)
                if any(h in run for h in hints):
                    return True
                continue
            if op is sre.AT:  # ^ and $ take no characters
                continue
            run = ""
            if op is sre.SUBPATTERN and holds(av[-1]):
                return True
            if op is sre.BRANCH and all(holds(b) for b in av[1]):
                return True
            if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] >= 1 and holds(av[2]):
                return True
        return False

    return holds(sre.parse(pattern))


def load_context(path: Path = CONTEXT_PATH) -> SimpleNamespace:
    """The context words (compiled), factors and rule-type lists; a missing, unknown or broken entry fails
    loudly with the file and the name."""
    from .errors import ConfigError
    from .guard_model import RULE_TYPES

    data = tomllib.loads(path.read_text(encoding="utf-8"))
    expected = {"words": WORD_LISTS, "factors": FACTORS, "types": TYPE_LISTS, "patterns": PATTERNS, "hints": HINTS}
    out: dict[str, dict] = {table: {} for table in expected}
    out["has"] = {}  # each word list as a quick yes/no reader (guard_text.AnyOf): the same answer as its regex
    for table, names in expected.items():
        got = data.get(table, {})
        wrong = sorted(set(got) ^ set(names))
        if wrong:
            raise ConfigError(f"{path.name} [{table}]: 缺少或未知的名字 {', '.join(wrong)}")
        for name in names:
            value = got[name]
            try:
                if table == "words":
                    out[table][name] = re.compile(whole_runs("(" + "|".join(value) + ")"))
                    out["has"][name] = AnyOf(value)
                elif table == "patterns":
                    out[table][name] = re.compile(whole_runs(value))
                elif table == "hints":
                    # The precheck may only skip lines the list could not match: each alternative holds a hint.
                    bare = [alt for alt in data.get("words", {}).get(name, []) if not always_holds(alt, value)]
                    if bare:
                        raise ValueError(f"这些条目有的匹配方式不含任何提示词(提示词只在可选部分或部分分支里也不行):{', '.join(bare)}")
                    out[table][name] = tuple(value)
                elif table == "types":
                    unknown = set(value) - set(RULE_TYPES)
                    if unknown:
                        raise ValueError(f"未知的规则类型 {', '.join(sorted(unknown))}")
                    out[table][name] = tuple(value)
                else:
                    out[table][name] = float(value)
            except (re.error, ValueError, TypeError) as e:
                raise ConfigError(f"{path.name} [{table}] {name}: {e}") from None
    return SimpleNamespace(**{table: SimpleNamespace(**values) for table, values in out.items()})


CTX = load_context()
# The names the guard has always used for these readers.
_W = CTX.words
_PROHIBIT, _STRONG_PROHIBIT, _QUESTION, _AA = _W.prohibit, _W.strong_prohibit, _W.question, _W.cost_sharing
_PITCH, _META, _INVITATION = _W.pitch, _W.meta, _W.invitation  # where a match's place or every match counts
_HAS = CTX.has  # yes/no readers for every list (a long alternation is slow in ``re``)
_NEGATION_REACH = int(CTX.factors.negation_reach)
# The longest prohibition word plus the widest reach it may govern.
_PROHIBIT_WINDOW = _NEGATION_REACH + int(CTX.factors.list_reach) + 16
_LIST_JOIN, _NOT_NEGATION_AFTER, _NEGATION_CLOSED = (CTX.patterns.list_join, CTX.patterns.not_negation_after,
                                                     CTX.patterns.negation_closed)
_QUOTE_FRAME, _REPORT_COLON, _REPORT_PITCH = CTX.patterns.quote_frame, CTX.patterns.report_colon, CTX.patterns.report_pitch
_ENGLISH_LIST = CTX.patterns.english_list
_ENGLISH_LIST_REACH = int(CTX.factors.english_list_reach)


# Quotation marks around a slogan someone is mocking or reporting ("“原价999”,原价谁定的").
_QUOTE_PAIRS = {"“": "”", "「": "」", "『": "』", "‘": "’", '"': '"'}
_QUOTE_OPEN = re.compile("[" + re.escape("".join(_QUOTE_PAIRS)) + "]")
QUOTE_MAX = 30  # a quoted slogan is short; a longer "quote" is a post wrapped in marks ...
QUOTE_FRAMED_MAX = 160  # ... unless words of reporting introduce it (收到一条短信:"…"): then it may be a whole message
# How far after a framed quotation words that turn it into the writer's own offer (report_pitch) are looked for.
PITCH_REACH = 16
# At least this many characters of the speaker's own, outside the marks: a post that is all quote is not
# a comment on it.
QUOTE_COMMENT_MIN = 4


def quote_spans(text: str, framed_only: bool = False) -> list[tuple[int, int]]:
    """Spans (in ``text``) of quotations that come with the speaker's own words around them: short ones, and
    longer ones that words of reporting introduce (``framed_only``: just those introduced so)."""
    spans: list[tuple[int, int]] = []
    inches = inch_marks(text)  # 27"的显示器: no quotation mark, and the later plain marks pair as written
    i = 0
    while (m := _QUOTE_OPEN.search(text, i)) is not None:
        if m.start() in inches:
            i = m.end()
            continue
        j = _closing(text, m.end(), m.group(), inches)
        if j == -1:
            i = m.end()
            continue
        size = j - m.end()
        framed = (size <= QUOTE_FRAMED_MAX and bool(_QUOTE_FRAME.search(text[max(0, m.start() - 20):m.start()]))
                  and not _REPORT_PITCH.search(text, j + 1, j + 1 + PITCH_REACH))
        if framed or (size <= QUOTE_MAX and not framed_only):
            spans.append((m.start(), j + 1))
        i = j + 1
    spans = _with_colon_reports(text, spans)
    if not spans:
        return spans
    outside, last = [], 0
    for s, e in spans:
        outside.append(text[last:s])
        last = e
    outside.append(text[last:])
    own = sum(ch.isalnum() for ch in "".join(outside))
    return spans if own >= QUOTE_COMMENT_MIN else []


def _with_colon_reports(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Add the received messages reported after a colon (``report_colon``): from the colon to the end of their
    sentence, which stand in for the marks. A report that runs past QUOTE_FRAMED_MAX is not one message."""
    if ":" not in text and "\uFF1A" not in text:  # most posts have no colon
        return spans
    added = []
    for m in _REPORT_COLON.finditer(text):
        colon = m.end() - 1
        end = _SENT_END.search(text, colon + 1, colon + 2 + QUOTE_FRAMED_MAX)
        if end is not None:
            close = end.start() + 1
        elif len(text) - colon - 1 <= QUOTE_FRAMED_MAX:
            close = len(text) + 1  # to the end of the post: its "closing mark" lies past the last character
        else:
            continue
        if close - colon <= 2 or (added and colon < added[-1][1]) or _REPORT_PITCH.search(text, colon, close):
            continue
        # The quotation spans are in order and do not overlap: only the last one opening before ``close`` can meet
        # this report (a report pasted with its own marks is already one of them).
        k = bisect.bisect_left(spans, (close,)) - 1
        if k < 0 or spans[k][1] <= colon:
            added.append((colon, close))
    return sorted(spans + added) if added else spans


def _closing(text: str, start: int, mark: str, inches: frozenset[int] = frozenset()) -> int:
    """Where the quotation opened by ``mark`` just before ``start`` closes (-1: not within QUOTE_FRAMED_MAX).
    Marks that differ open and close nest (a pasted SMS holds 回复“1”); a plain " closes at the next one that
    is no inch mark (``inches``)."""
    close = _QUOTE_PAIRS[mark]
    stop = min(len(text), start + QUOTE_FRAMED_MAX + 1)
    if close == mark:
        j = text.find(close, start, stop)
        while j in inches:
            j = text.find(close, j + 1, stop)
        return j
    depth = 1
    for k in range(start, stop):
        ch = text[k]
        if ch == mark:
            depth += 1
        elif ch == close:
            depth -= 1
            if depth == 0:
                return k
    return -1


def own_words(text: str) -> str | None:
    """The post with the reported speech it quotes (short or framed as in :func:`quote_spans` with a frame) cut
    down to its marks, or None when it quotes nobody: what the learned stage reads, since a pasted spam SMS in a
    complaint is not the writer's pitch."""
    spans = quote_spans(text, framed_only=True)
    if not spans:
        return None
    out, last = [], 0
    for s, e in spans:
        out.append(text[last:s + 1] + "…")
        last = e - 1
    out.append(text[last:])
    return "".join(out)


def in_quote(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``text[start:end]`` lies inside one of the quotation ``spans`` (marks excluded). The spans are in
    order and do not overlap, so only the last one opening before ``start`` can hold it."""
    k = bisect.bisect_left(spans, (start,)) - 1
    return k >= 0 and end < spans[k][1]


_GIVEAWAY_SPARES = frozenset(CTX.types.giveaway_spares)
_GAME_SPARES = frozenset(CTX.types.game_spares)
_SERVICE_SPARES = frozenset(CTX.types.service_notice_spares)
_PERSONAL_CASH_SPARES = frozenset(CTX.types.personal_cash_spares)


def is_giveaway(norm: str) -> bool:
    """A member giving away something of their own for nothing, with no price and none of a shop's bait around it."""
    return _HAS.giveaway(norm) and _HAS.giveaway_own(norm) and not _HAS.giveaway_bait(norm)


def is_personal_cash(norm: str) -> bool:
    """A red packet or a draw between people who know each other (received, asked for, missed, given at a wedding or
    a birthday), with none of a shop's bait around it: a member's life, not a lure to the group."""
    return _HAS.personal_cash(norm) and not _HAS.giveaway_bait(norm) and not _HAS.cash_offer(norm)


def is_service_notice(norm: str) -> bool:
    """A shop's notice about a booking the reader made or its own hours, with no invitation to come and no sale to
    those readers in it."""
    return _HAS.service_notice(norm) and not _HAS.invitation(norm) and not _HAS.service_pitch(norm)


def is_game_talk(norm: str) -> bool:
    """Players on their game's own economy (raids, guild red packets, gacha), with no real money or trade in it."""
    return _HAS.game(norm) and not _HAS.game_trade(norm)


def is_transaction(norm: str) -> bool:
    """A service notice: an order shipped or delivered, a code, a debit or credit on an account."""
    return _HAS.transaction(norm)


_TRAILING_MARKS = re.compile(r"[\s。.!!]+$")
SYSTEM_MAX = 100
_SYSTEM_HINTS = CTX.hints.system  # every notice in the list holds one of these; a post without any cannot be one


def is_system_line(norm: str) -> bool:
    """A chat app's own notice (a join, a removal, a recall): its names are nicknames, not a post."""
    # A notice is one short line (two nicknames and the app's words); a long post that happens to end the
    # same way is a post.
    if len(norm) > SYSTEM_MAX or not any(h in norm for h in _SYSTEM_HINTS):
        return False  # most posts: no regex run at all
    return _HAS.system(_TRAILING_MARKS.sub("", norm))


class Context:
    """Clause and sentence boundaries of one post, computed once and shared by all its matches."""

    def __init__(self, norm: str) -> None:
        self.norm = norm
        self.clause_cuts = [m.start() for m in _CLAUSE_END.finditer(norm)]
        self.sent_cuts = [m.start() for m in _SENT_END.finditer(norm)]
        self._sent: dict[int, tuple] = {}
        self._spans: dict[tuple, bool] = {}
        self._readings: dict[str, bool] = {}

    def reads_as(self, name: str) -> bool:
        """A whole-post reading ("transaction", "giveaway", "game", "service"), computed once and only when asked:
        by a finding of a type it spares, or by the learned stage's cues."""
        got = self._readings.get(name)
        if got is None:
            got = self._readings[name] = _READINGS[name](self.norm)
        return got

    @staticmethod
    def _bounds(cuts: list[int], n: int, start: int, end: int, include_end: bool) -> tuple[int, int]:
        i = bisect.bisect_left(cuts, start)
        left = cuts[i - 1] + 1 if i > 0 else 0
        j = bisect.bisect_left(cuts, end)
        right = (cuts[j] + (1 if include_end else 0)) if j < len(cuts) else n
        return left, right

    def clause(self, start: int, end: int) -> tuple[int, int]:
        return self._bounds(self.clause_cuts, len(self.norm), start, end, False)

    def span_has(self, rx: re.Pattern, left: int, right: int) -> bool:
        """Whether ``rx`` occurs in the clause or sentence ``norm[left:right]``, searched once per span: a long
        unpunctuated span holds many findings, and rescanning it for each was quadratic."""
        key = (rx, left)
        got = self._spans.get(key)
        if got is None:
            got = self._spans[key] = bool(rx.search(self.norm[left:right]))
        return got

    def sentence(self, start: int, end: int) -> tuple[int, int, tuple]:
        left, right = self._bounds(self.sent_cuts, len(self.norm), start, end, True)
        info = self._sent.get(left)
        if info is None:
            text = self.norm[left:right]
            m = _STRONG_PROHIBIT.search(text)
            info = (left + m.start() if m else -1, bool(_META.search(text)), _HAS.narrative(text),
                    text.rstrip().endswith(("?", "?")), bool(_PITCH.search(text)))
            self._sent[left] = info
        return left, right, info


_READINGS = {"transaction": is_transaction, "giveaway": is_giveaway, "game": is_game_talk, "service": is_service_notice,
             "personal_cash": is_personal_cash}


def context_factor(ctx: Context, start: int, end: int, rule) -> float:
    """How much of the match's weight survives its context (0 = not an ad at all)."""
    norm = ctx.norm
    left, right = ctx.clause(start, end)
    # Only a negation within reach can govern the term, so a long clause is not rescanned per finding.
    lo = max(left, start - _PROHIBIT_WINDOW)
    before = norm[lo:start]
    # A prohibition or negation that governs the term: "请勿发广告和红包", "我们不靠红包".
    if before:
        for m in _PROHIBIT.finditer(before):
            gap = before[m.end():]
            # A negation governs a whole list: "不发广告、红包、优惠券和拉票链接".
            reach = _NEGATION_REACH + (int(CTX.factors.list_reach) if _LIST_JOIN.search(gap) else 0)
            if len(gap) <= reach and not _NOT_NEGATION_AFTER.match(norm, lo + m.end()) and not _NEGATION_CLOSED.search(gap):
                return 0.0
    sent_left, sent_right, (prohibit_at, meta, narrative, asks, pitch) = ctx.sentence(start, end)
    # Also a list governed by a prohibition earlier in the sentence ("禁止发广告、红包和拉票链接").
    if 0 <= prohibit_at < start:
        return 0.0
    # An English list is joined by commas, which end a clause: "no ads, giveaways, promo codes or links".
    if left > sent_left and norm[start:end].isascii():
        lo = max(sent_left, start - _PROHIBIT_WINDOW - _ENGLISH_LIST_REACH)
        for m in _PROHIBIT.finditer(norm, lo, start):
            if _ENGLISH_LIST.fullmatch(norm, m.end(), start) and not _NOT_NEGATION_AFTER.match(norm, m.end()):
                return 0.0
    if rule.type in CTX.types.cost_sharing_spares and ctx.span_has(_AA, sent_left, sent_right):
        return 0.0
    t = rule.type
    if (t in _GIVEAWAY_SPARES and ctx.reads_as("giveaway")) or (t in _GAME_SPARES and ctx.reads_as("game")):
        return 0.0
    factor = CTX.factors.transaction if t in _SERVICE_SPARES and ctx.reads_as("service") else 1.0
    if t in _PERSONAL_CASH_SPARES and ctx.reads_as("personal_cash"):
        factor *= CTX.factors.personal_cash
    # Talking about market norms ("红包、抽奖、秒杀,这些都是市场规范行为") is not running them.
    if meta:
        factor *= CTX.factors.meta
    elif narrative and not pitch:
        # A member's story about their work or past; a story that turns into an offer stays a pitch.
        factor *= CTX.factors.narrative
    if rule.type not in CTX.types.question_keeps and (asks or norm[right:right + 1] in ("?", "?") or ctx.span_has(_QUESTION, left, right)):
        factor *= CTX.factors.question
    return factor
