"""The market-norm guard: flags drafts that slip from a shared goal into advertising.

Rules are data (``assistant/rules/*.toml``): terms and patterns per market-norm signal, each with a
code, a name, a severity, a message, a rationale citing the articles, a suggestion and examples.
Matching sees through common disguises (full-width and traditional characters, spacing and symbols
inside words, 加V/vx/薇信, 🧧, pinyin) and reads context: a term inside a prohibition ("请勿发红包"),
a negation ("我们不靠红包"), an AA cost split or a question is not an ad.
"""
from __future__ import annotations

import bisect
import json
import re
import threading
import tomllib
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

from .errors import InputError
from .guard_model import RULE_TYPES, WINDOW, Evidence, ModelFileError, load_model

RULES_DIR = Path(__file__).resolve().parent / "rules"
# `{NUM}` in a rule pattern: an amount in digits or in Chinese numerals ("128", "8.8", "一百二十八", "两").
# Masked amounts count too ("x.x折", "满xxx减xx"): the shape of the offer is the signal, not the digits.
NUM = r"(?:\d+(?:\.\d+)?|[一二三四五六七八九十百千万两零〇]+|x{1,4}(?:\.x)?(?![a-z]))"
SEVERITIES = ("suggestion", "warning", "error")
_SEV_RANK = {s: i for i, s in enumerate(SEVERITIES)}
FLAG_THRESHOLD = 0.5
# Weights of a match by strength; a post is flagged when 1 - prod(1 - w) reaches FLAG_THRESHOLD.
STRENGTH = {"strong": 0.9, "medium": 0.45, "weak": 0.25}
# Urgency counts fully only next to an offer at least this strong (a weak hint such as 接龙 is not one).
AMPLIFIED_BY = 0.4
# Evidence that combines: a contact cue and a commercial cue, each at least this strong after context,
# make a post at least this likely an ad.
COMBINE_AT = 0.2
COMBINED_SCORE = 0.75
COMMERCIAL = ("price", "offer", "push", "recruit", "cash")
# Rules evidence this strong (one strong term, unmitigated by context) is cleared by the learned stage
# only when the model is against it outright, not merely unsure.
STRONG_EVIDENCE = 0.85
# Rule type of the learned stage's finding: its text lives in a rule file like every other finding.
LEARNED_TYPE = "learned"
# Rule types are a closed set: profiles key on them, so a typo must fail at load, not do nothing.
KNOWN_TYPES = (*RULE_TYPES, LEARNED_TYPE)


@dataclass
class Finding:
    """One market-norm signal in a post. The same shape feeds the CLI, JSON and the web page."""

    code: str
    name: str
    severity: str
    message: str
    start: int
    end: int
    excerpt: str
    rationale: str
    suggestion: str
    weight: float = 0.0

    def to_dict(self) -> dict:
        d = asdict(self)
        d["weight"] = round(self.weight, 3)
        return d


@dataclass
class LintReport:
    """The guard's verdict on one post."""

    text: str
    flagged: bool
    score: float
    findings: list[Finding] = field(default_factory=list)
    group_type: str = "goal"
    second_opinion: dict | None = None  # set by assistant.review when a model was asked
    model_score: float | None = None  # the learned stage's probability; None when it did not run
    notices: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        d = {"flagged": self.flagged, "score": round(self.score, 3), "group_type": self.group_type,
             "findings": [f.to_dict() for f in self.findings]}
        if self.model_score is not None:
            d["model_score"] = round(self.model_score, 3)
        if self.notices:
            d["notices"] = list(self.notices)
        if self.second_opinion is not None:
            d["second_opinion"] = self.second_opinion
        return d

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    type: str
    severity: str
    message: str
    rationale: str
    suggestion: str
    terms: dict  # term -> strength
    patterns: tuple  # (compiled regex, strength)
    bad: tuple
    good: tuple
    amplifier: bool = False  # only counts fully next to another market signal (urgency needs an offer)

    def to_dict(self) -> dict:
        """What ``assistant rules CODE --format json`` prints: the rule as its file declares it."""
        return {"code": self.code, "name": self.name, "type": self.type, "severity": self.severity,
                "message": self.message, "rationale": self.rationale, "suggestion": self.suggestion,
                "terms": len(self.terms), "patterns": len(self.patterns),
                "examples": {"bad": list(self.bad), "good": list(self.good)}}


@dataclass(frozen=True)
class Profile:
    name: str
    label: str
    aliases: tuple
    # rule type -> (severity override or "", weight multiplier)
    overrides: dict
    # What the learned stage may do here: "both" (add and clear flags), "add", "veto" or "off".
    learned: str = "both"


# --- normalisation --------------------------------------------------------------------------------
# Characters that advertisers put inside words to dodge keyword lists ("红 包", "红-包", "加*V").
_SEP_CHARS = (" \t\r\u200b\u200c\u200d\ufeff\ufe0f\u00a0\u3000-_*·•.|/\\~^'\"`丶、"
              "❤♥❥♡★☆✨✿❀✦✧○●◆◇■□▲△▼▽♪♫→←↑↓»«〜")  # decorative symbols advertisers put inside words
# Pictographs inside a word hide it ("红😀包") just as symbols do; 🧧 is itself a term and stays.
_EMOJI = "\U0001F300-\U0001F9E6\U0001F9E8-\U0001FAFF\u2600-\u27BF"
_SEP_RUN = re.compile("[" + re.escape(_SEP_CHARS) + _EMOJI + "]+")
_ASCII_ALNUM = re.compile(r"[A-Za-z0-9]")


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
    return table


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
        if left and right and _ASCII_ALNUM.match(left) and _ASCII_ALNUM.match(right) and m.group().isspace():
            # Keep one space between ASCII words ("buy now"); symbols inside them are joined ("v-x" -> "vx").
            parts.append(t[last:s])
            parts.append(" ")
            if e - s > 1:
                removed.append((s + 1, e))
            last = e
            continue
        if m.group() == "." and left.isdigit() and right.isdigit():
            continue  # a decimal point ("8.8折") is part of the number
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


# --- loading rules ---------------------------------------------------------------------------------
class RuleError(ValueError):
    pass


def _normalise_term(term: str) -> str:
    return normalise(term)[0]


@lru_cache(maxsize=4)
def load_rules(rules_dir: str | None = None) -> tuple[tuple[Rule, ...], dict[str, Profile]]:
    """Load every rule file and the group-type profiles. Fails loudly on a malformed rule."""
    d = Path(rules_dir) if rules_dir else RULES_DIR
    rules: list[Rule] = []
    profiles: dict[str, Profile] = {}
    for path in sorted(d.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        if path.name == "profiles.toml":
            for key, p in data.items():
                learned = p.get("learned", "both")
                if learned not in ("both", "add", "veto", "off"):
                    raise RuleError(f"profiles.toml [{key}]: learned 必须是 both/add/veto/off 之一,而不是 {learned!r}")
                profiles[key] = Profile(name=key, label=p["label"], aliases=tuple(p.get("aliases", [])),
                                        overrides={k: (v.get("severity", ""), float(v.get("weight", 1.0)))
                                                   for k, v in p.get("types", {}).items()}, learned=learned)
            continue
        missing = [k for k in ("code", "name", "type", "severity", "message", "rationale", "suggestion", "examples")
                   if k not in data]
        if missing:
            raise RuleError(f"{path.name}: 缺少字段 {', '.join(missing)}")
        if data["type"] not in KNOWN_TYPES:
            raise RuleError(f"{path.name}: 未知的规则类型 {data['type']!r},可选:{', '.join(KNOWN_TYPES)}")
        if data["severity"] not in SEVERITIES:
            raise RuleError(f"{path.name}: severity 必须是 {SEVERITIES} 之一")
        terms: dict[str, str] = {}
        for strength in ("strong", "medium", "weak"):
            for t in data.get("terms", {}).get(strength, []):
                key = _normalise_term(t)
                if key in terms:
                    raise RuleError(f"{path.name}: 词条「{t}」重复出现({terms[key]} 和 {strength})")
                terms[key] = strength
        pats = tuple((re.compile(p.replace("{NUM}", NUM)), strength) for strength in ("strong", "medium", "weak")
                     for p in data.get("patterns", {}).get(strength, []))
        ex = data["examples"]
        rules.append(Rule(code=data["code"], name=data["name"], type=data["type"], severity=data["severity"],
                          message=data["message"], rationale=data["rationale"].strip(),
                          suggestion=data["suggestion"].strip(), terms=terms, patterns=pats,
                          bad=tuple(ex.get("bad", [])), good=tuple(ex.get("good", [])),
                          amplifier=bool(data.get("amplifier", False))))
    for p in profiles.values():
        unknown = set(p.overrides) - set(KNOWN_TYPES)
        if unknown:
            raise RuleError(f"profiles.toml [{p.name}]: 未知的规则类型 {', '.join(sorted(unknown))}")
    codes = [r.code for r in rules]
    if len(codes) != len(set(codes)):
        raise RuleError("规则编号重复")
    return tuple(rules), profiles


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


class _Matcher:
    """All rule terms in one Aho-Corasick automaton, plus one combined regex for patterns."""

    def __init__(self, rules: tuple[Rule, ...]) -> None:
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
        # Each pattern is gated by characters it cannot match without: a cheap `in` test skips most scans.
        self.patterns = [(ri, rx, strength) for ri, r in enumerate(rules) for rx, strength in r.patterns]
        self.ungated: list[int] = []
        self.by_char: dict[str, list[int]] = {}
        for k, (_ri, rx, _s) in enumerate(self.patterns):
            gate = _gate(rx.pattern)
            if gate is None:
                self.ungated.append(k)
            for ch in gate or ():
                self.by_char.setdefault(ch, []).append(k)
        self.gate_chars = frozenset(self.by_char)
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
        present = self.gate_chars.intersection(norm)
        todo = set(self.ungated)
        for ch in present:
            todo.update(self.by_char[ch])
        for k in sorted(todo):
            ri, rx, strength = self.patterns[k]
            for m in rx.finditer(norm):
                yield m.start(), m.end(), ri, strength


_matcher_lock = threading.Lock()
_matchers: dict = {}


def _matcher(rules_dir: str | None = None) -> _Matcher:
    with _matcher_lock:
        if rules_dir not in _matchers:
            _matchers[rules_dir] = _Matcher(load_rules(rules_dir)[0])
        return _matchers[rules_dir]


# --- context ---------------------------------------------------------------------------------------
_CLAUSE_END = re.compile(r"[,。!?;:,!?;:\n()()【】\[\]]")
_PROHIBIT = re.compile(
    r"(禁止|严禁|请勿|切勿|勿|不要|不准|不许|不得|不能|别再|(?<![特区分类级告性识派辨鉴])别(?!人)|拒绝|谢绝|不发|不搞|"
    r"不靠|不做|不用|不玩|不会|不该|不是|并非|不再|不允许|不接受|不欢迎|不可以|不可|无需|没有|杜绝|远离|反对|抵制|少发|停止|"
    r"no |not |never |don't |dont |avoid |without |stop )")
# How far (in characters) a negation reaches forward to the term it governs.
_NEGATION_REACH = 8
_LIST_JOIN = re.compile(r"[和及与或跟]")
_NOT_NEGATION_AFTER = re.compile(r"^(错过|犹豫|等|走开|再等)")  # "不要错过" is urgency, not a prohibition
_QUESTION = re.compile(r"(吗$|么$|呢$|有没有|是不是|有谁|谁有|谁知道|哪里|哪儿|怎么|如何|为什么|多少钱|是否|\?|\bhow\b|\bwhat\b|\bwhy\b|\bwhere\b|\banyone\b)")
# Sharing or reporting costs among members (AA) is not selling: "路费AA", "一共花了360元,每人60,已经收齐".
_AA = re.compile(r"(aa|平摊|均摊|分摊|自费|各付各|各自承担|费用公开|公开账目|费用明细|一共花了|总共花了|花了|收齐|"
                 r"转给组织者|已转|报销|团建|拼车|车费|场地费)")
# First-person narration or opinion about a tactic ("看到车厘子打折", "有个朋友的群天天发红包").
_NARRATIVE = re.compile(r"(我觉得|我认为|觉得|发现|看到|听说|朋友的|别人的|有个|以前|之前|曾经|结果|只能带来|留不住|没人说话|没用|"
                        r"我们公司|公司上班|上班|加班|转行|作为一个|作为|我老公|我老婆|我妈|我爸|去年|上次|忙疯|在学|学习|"
                        r"i think|i saw|i noticed|my friend|my job|at work|"
                        # A consumer telling what they got ("我刚抢了两板", "没抢到", "被我秒抢了").
                        r"我(刚|刚刚|已经|也|还|昨天|今天)?\S{0,2}(买|抢|拿|领|团|拼|订|收|中|砍)(了|到|过)|没(买|抢到|抢着|中)|被我|"
                        # Family and friends: red packets and gifts between relatives are not a group's market norms.
                        r"爸|妈|爷爷|奶奶|外婆|姥姥|舅|姨|叔|侄|表哥|表姐|表弟|表妹|亲戚|结婚|婚礼|喜宴|份子|随礼|过年|拜年|压岁|"
                        r"i bought|i got)")
# Words that turn a story into a pitch: addressing the reader, inviting a response, or extending an offer
# to the group ("群友专享", "群里下单", "想换车的可以找他", "多订了一批,现在一百八").
_PITCH = re.compile(r"(你|您|家人们|宝子|宝宝们|姐妹|宝妈们|朋友们|想要|想了解|想学|想做|想买|想换|需要的|有需要|感兴趣|有意|"
                    r"私我|私聊|找我|找他|找她|可以找|联系我|加我|扫码|链接|戳|报名|给大家|争取|专享|欢迎|订了一批|进了一批|到了一批|多订|多进|"
                    r"群(友|内|里)[^,。!?,!?]{0,6}(折|价|惠|单|邮|送|减|抢)|you|dm|contact)")
# Talking about market norms, or telling what happened when someone used them, is not using them.
_META = re.compile(r"(市场规范|社会规范|这些都是|都属于|这类|之类的|那一套|套路|广告群|死群|刷广告|退群|教训|反感|"
                   r"毁掉|难怪|有人在群里发|有人发)")


_SENT_END = re.compile(r"[。!?!?\n]")
_STRONG_PROHIBIT = re.compile(r"(禁止|严禁|请勿|谢绝|不准|不许|不得|不接受|不欢迎|不允许)")


class _Context:
    """Clause and sentence boundaries of one post, computed once and shared by all its matches."""

    def __init__(self, norm: str) -> None:
        self.norm = norm
        self.clause_cuts = [m.start() for m in _CLAUSE_END.finditer(norm)]
        self.sent_cuts = [m.start() for m in _SENT_END.finditer(norm)]
        self._sent: dict[int, tuple] = {}

    @staticmethod
    def _bounds(cuts: list[int], n: int, start: int, end: int, include_end: bool) -> tuple[int, int]:
        i = bisect.bisect_left(cuts, start)
        left = cuts[i - 1] + 1 if i > 0 else 0
        j = bisect.bisect_left(cuts, end)
        right = (cuts[j] + (1 if include_end else 0)) if j < len(cuts) else n
        return left, right

    def clause(self, start: int, end: int) -> tuple[int, int]:
        return self._bounds(self.clause_cuts, len(self.norm), start, end, False)

    def sentence(self, start: int, end: int) -> tuple[int, int, tuple]:
        left, right = self._bounds(self.sent_cuts, len(self.norm), start, end, True)
        info = self._sent.get(left)
        if info is None:
            text = self.norm[left:right]
            m = _STRONG_PROHIBIT.search(text)
            info = (left + m.start() if m else -1, bool(_META.search(text)), bool(_NARRATIVE.search(text)),
                    text.rstrip().endswith(("?", "?")), bool(_PITCH.search(text)))
            self._sent[left] = info
        return left, right, info


def _context_factor(ctx: _Context, start: int, end: int, rule: Rule) -> float:
    """How much of the match's weight survives its context (0 = not an ad at all)."""
    norm = ctx.norm
    left, right = ctx.clause(start, end)
    before = norm[left:start]
    # A prohibition or negation that governs the term: "请勿发广告和红包", "我们不靠红包".
    if before:
        for m in _PROHIBIT.finditer(before):
            gap = before[m.end():]
            # A negation governs a whole list: "不发广告、红包、优惠券和拉票链接".
            reach = _NEGATION_REACH + (8 if _LIST_JOIN.search(gap) else 0)
            if len(gap) <= reach and not _NOT_NEGATION_AFTER.match(norm, left + m.end()):
                return 0.0
    sent_left, sent_right, (prohibit_at, meta, narrative, asks, pitch) = ctx.sentence(start, end)
    # Also a list governed by a prohibition earlier in the sentence ("禁止发广告、红包和拉票链接").
    if 0 <= prohibit_at < start:
        return 0.0
    clause = norm[left:right]
    if rule.type == "price" and _AA.search(norm[sent_left:sent_right]):
        return 0.0
    factor = 1.0
    # Talking about market norms ("红包、抽奖、秒杀,这些都是市场规范行为") is not running them.
    if meta:
        factor *= 0.15
    elif narrative and not pitch:
        # A member's story about their work or past; a story that turns into an offer stays a pitch.
        factor *= 0.25
    if (asks or norm[right:right + 1] in ("?", "?") or _QUESTION.search(clause)) and rule.type not in ("recruit", "contact"):
        factor *= 0.4
    return factor


# --- linting ---------------------------------------------------------------------------------------
def resolve_profile(group_type: str | None, rules_dir: str | None = None) -> Profile:
    profiles = load_rules(rules_dir)[1]
    if not group_type:
        return profiles["goal"]
    key = group_type.strip().lower()
    for p in profiles.values():
        if key == p.name or key in (a.lower() for a in p.aliases) or key == p.label:
            return p
    names = "、".join(f"{p.name}({p.label})" for p in profiles.values())
    raise InputError(f"未知的群类型 {group_type!r},可选:{names}")


def lint_post(text: str, *, group_type: str | None = None, goal: str | None = None,
              rules_dir: str | None = None, learned: bool = True) -> LintReport:
    """Check one draft post for market-norm signals.

    ``group_type`` picks a profile (goal-driven by default; ``flash``/快闪群 tolerates price and offers;
    ``super``/超级用户群 and ``delivery``/交付群 treat them as errors). ``goal`` is woven into suggestions.
    The rules run first; then the learned stage (``learned=False`` skips it) weighs their evidence with
    the shape of the whole text: it adds a "self-promotion" finding to an ad no rule names, and clears
    a post whose only evidence is one word used in an everyday sense.
    Returns a :class:`LintReport` with ``.flagged``, ``.score`` (the rules, 0..1), ``.model_score``
    (the learned stage, 0..1, or None), ``.findings`` and ``.to_dict()``.
    """
    if not isinstance(text, str):
        raise TypeError(f"lint_post() 需要字符串,收到的是 {type(text).__name__}")
    profile = resolve_profile(group_type, rules_dir)
    if not text.strip():
        return LintReport(text=text, flagged=False, score=0.0, findings=[], group_type=profile.name)
    stage = _rule_stage(text, profile, goal, rules_dir)
    report = LintReport(text=text, flagged=stage.flagged, score=stage.score, findings=stage.findings,
                        group_type=profile.name)
    if learned and rules_dir is None and profile.learned != "off":
        _second_stage(report, stage, profile, goal)
    return report


@dataclass
class _Stage:
    norm: str
    removed: list
    findings: list
    score: float
    flagged: bool
    types: dict  # rule type -> strongest weight
    ctx: _Context


def _rule_stage(text: str, profile: Profile, goal: str | None, rules_dir: str | None) -> _Stage:
    matcher = _matcher(rules_dir)
    norm, removed = normalise(text)
    ctx = _Context(norm)
    raw = list(matcher.matches(norm))
    if not raw:
        return _Stage(norm, removed, [], 0.0, False, {}, ctx)
    raw = _merge_touching(raw)
    offsets = _OffsetMap(removed)
    code_index = matcher.code_index
    findings: list[Finding] = []
    types: dict[str, float] = {}
    taken: list[tuple[int, int, int]] = []
    seen_terms: set[tuple[int, str]] = set()
    for start, end, ri, strength in raw:
        if any(ri == r and start < e and end > s for s, e, r in taken):
            continue
        rule = matcher.rules[ri]
        factor = _context_factor(ctx, start, end, rule)
        if factor == 0.0:
            continue
        sev, mult = profile.overrides.get(rule.type, ("", 1.0))
        weight = STRENGTH[strength] * factor * mult
        severity = sev or rule.severity
        if strength == "weak" and not sev:
            severity = "suggestion"
        elif strength == "medium" and not sev and _SEV_RANK[severity] > 1:
            severity = "warning"
        if factor < 1.0 and _SEV_RANK[severity] > 0:
            severity = SEVERITIES[_SEV_RANK[severity] - 1]
        taken.append((start, end, ri))
        key = (ri, norm[start:end])
        if key in seen_terms:
            weight = 0.0  # repeats of the same term add no evidence
        seen_terms.add(key)
        o_start, o_end = offsets.start(start), offsets.end(end)
        findings.append(Finding(code=rule.code, name=rule.name, severity=severity, message=rule.message,
                                start=o_start, end=o_end, excerpt=text[o_start:o_end], rationale=rule.rationale,
                                suggestion=_suggestion(rule, goal), weight=weight))
    # Amplifiers (urgency, scarcity) alone are pressure without an offer: keep them as hints only.
    if not any(f.weight >= AMPLIFIED_BY and not matcher.rules[code_index[f.code]].amplifier for f in findings):
        for f in findings:
            if matcher.rules[code_index[f.code]].amplifier:
                f.weight *= 0.4
                f.severity = "suggestion"
    score = 1.0
    for f in findings:
        score *= 1.0 - min(f.weight, 0.99)
        t = matcher.rules[code_index[f.code]].type
        types[t] = max(types.get(t, 0.0), f.weight)
    score = 1.0 - score
    if types.get("contact", 0.0) >= COMBINE_AT and any(types.get(t, 0.0) >= COMBINE_AT for t in COMMERCIAL):
        # A handle to reach the seller next to any commercial cue is a pitch, however weak each alone.
        score = max(score, COMBINED_SCORE)
        for f in findings:
            if f.weight >= COMBINE_AT and f.severity == "suggestion":
                f.severity = "warning"
    flagged = score >= FLAG_THRESHOLD and any(f.severity != "suggestion" for f in findings)
    findings.sort(key=lambda f: (f.start, f.code))
    return _Stage(norm, removed, findings, score, flagged, types, ctx)


def _cues(norm: str) -> dict[str, bool]:
    """Who is speaking and how, read from the whole post (the same readers the rules use per clause)."""
    return {"narrative": bool(_NARRATIVE.search(norm)), "pitch": bool(_PITCH.search(norm)),
            "meta": bool(_META.search(norm)), "question": bool(_QUESTION.search(norm)),
            "prohibit": bool(_STRONG_PROHIBIT.search(norm) or _PROHIBIT.search(norm)),
            "aa": bool(_AA.search(norm)), "short": len(norm) < 8, "long": len(norm) > 80}


def rule_evidence(text: str) -> tuple[str, Evidence]:
    """The normalised text and the rules' evidence under the default profile (what the model was trained on)."""
    stage = _rule_stage(text, resolve_profile(None), None, None)
    return stage.norm, _evidence(stage)


def _evidence(stage: _Stage) -> Evidence:
    return Evidence(by_type=stage.types, score=stage.score, flagged=stage.flagged, cues=_cues(stage.norm))


_model_notice: list[str] = []


def _second_stage(report: LintReport, stage: _Stage, profile: Profile, goal: str | None) -> None:
    try:
        model = load_model()
    except ModelFileError as exc:
        if not _model_notice:
            _model_notice.append(f"{exc};只用规则检查。")
        report.notices = list(_model_notice)
        return
    p = model.proba(stage.norm, _evidence(stage))
    report.model_score = p
    veto_below = model.veto_strong if stage.score >= STRONG_EVIDENCE else model.veto_below
    # Past the length it was trained on, the model reads windows: it may add a flag from the most
    # advert-like one, but one benign window must not clear what the rules found elsewhere.
    may_clear = len(stage.norm) <= WINDOW and profile.learned in ("both", "veto")
    if report.flagged and p < veto_below and may_clear:
        # One word in an everyday sense (a member's red packet, a class notice): keep it as a hint.
        report.flagged = False
        for f in report.findings:
            f.severity = "suggestion"
    elif not report.flagged and p >= model.add_at and profile.learned in ("both", "add"):
        rule = _learned_rule()
        s, e = model.strongest_span(stage.norm, stage.ctx.clause_cuts)
        offsets = _OffsetMap(stage.removed)
        o_start, o_end = offsets.start(s), offsets.end(e)
        report.findings.append(Finding(code=rule.code, name=rule.name, severity=rule.severity, message=rule.message,
                                       start=o_start, end=o_end, excerpt=report.text[o_start:o_end],
                                       rationale=rule.rationale, suggestion=_suggestion(rule, goal), weight=p))
        report.findings.sort(key=lambda f: (f.start, f.code))
        report.flagged = True


def _learned_rule() -> Rule:
    for r in load_rules()[0]:
        if r.type == LEARNED_TYPE:
            return r
    raise RuleError(f"缺少 type = \"{LEARNED_TYPE}\" 的规则文件(学习模型的发现需要它的说明)")


def _merge_touching(raw: list[tuple[int, int, int, str]]) -> list[tuple[int, int, int, str]]:
    """Matches of one rule that overlap or touch are one expression ("三块" + "五一斤", "全场" + "五折"):
    one span, with the strongest strength among them."""
    raw.sort(key=lambda x: (x[2], x[0], -(x[1] - x[0])))
    merged: list[tuple[int, int, int, str]] = []
    for start, end, ri, strength in raw:
        if merged and merged[-1][2] == ri and start <= merged[-1][1]:
            s0, e0, _, st0 = merged[-1]
            merged[-1] = (s0, max(e0, end), ri, st0 if STRENGTH[st0] >= STRENGTH[strength] else strength)
        else:
            merged.append((start, end, ri, strength))
    merged.sort(key=lambda x: (x[0], -(x[1] - x[0])))
    return merged


def _suggestion(rule: Rule, goal: str | None) -> str:
    if goal and goal.strip():
        return f"{rule.suggestion}(围绕群目标「{goal.strip()}」来写。)"
    return rule.suggestion


def find_rule(key: str, rules_dir: str | None = None) -> Rule:
    """A rule by its code ("MN002", "mn2") or name ("coupon-or-discount"); InputError names the choices."""
    rules = load_rules(rules_dir)[0]
    k = key.strip().lower()
    for r in rules:
        if k in (r.code.lower(), r.name):
            return r
    if k.startswith("mn") and k[2:].isdigit():
        for r in rules:
            if int(r.code[2:]) == int(k[2:]):
                return r
    raise InputError(f"没有规则 {key!r};可选:{', '.join(r.code for r in rules)}(assistant rules 列出全部)")


def filter_findings(report: LintReport, min_severity: str) -> list[Finding]:
    floor = _SEV_RANK[min_severity]
    return [f for f in report.findings if _SEV_RANK[f.severity] >= floor]


def all_terms(rules_dir: str | None = None) -> list[str]:
    """Every normalised term of every rule (used by the benchmark's bare Aho-Corasick baseline)."""
    return _matcher(rules_dir).terms
