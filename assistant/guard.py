"""The market-norm guard: flags drafts that slip from a shared goal into advertising.

Rules are data (``assistant/rules/*.toml``): terms and patterns per market-norm signal, each with a
code, a name, a severity, a message, a rationale citing the articles, a suggestion and examples.
Matching sees through common disguises (full-width and traditional characters, spacing and symbols
inside words, 加V/vx/薇信, 🧧, pinyin) and reads context: a term inside a prohibition ("请勿发红包"),
a negation ("我们不靠红包"), an AA cost split or a question is not an ad.
"""
from __future__ import annotations

import json
import re
import threading
import tomllib
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

from . import group_types
from .errors import InputError
from .guard_context import (
    _AA,
    _META,
    _NARRATIVE,
    _PITCH,
    _PROHIBIT,
    _QUESTION,
    _STRONG_PROHIBIT,
    Context,
    context_factor,
)
from .guard_model import RULE_TYPES, WINDOW, Evidence, ModelFileError, load_model
from .guard_text import Matcher, _OffsetMap, normalise

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
                gt = None if key == "goal" else group_types.find(key)
                if key != "goal" and (gt is None or gt.key != key):
                    raise RuleError(f"profiles.toml [{key}]: 不是 goal,也不是 method/group_types.toml 里的群类型")
                learned = p.get("learned", "both")
                if learned not in ("both", "add", "veto", "off"):
                    raise RuleError(f"profiles.toml [{key}]: learned 必须是 both/add/veto/off 之一,而不是 {learned!r}")
                label, aliases = (p["label"], p.get("aliases", [])) if gt is None else (gt.label, gt.names())
                profiles[key] = Profile(name=key, label=label, aliases=tuple(aliases),
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
    missing = [g.key for g in group_types.load()[0] if profiles and g.key not in profiles]
    if missing:
        raise RuleError(f"profiles.toml: 缺少群类型 {', '.join(missing)}")
    for p in profiles.values():
        unknown = set(p.overrides) - set(KNOWN_TYPES)
        if unknown:
            raise RuleError(f"profiles.toml [{p.name}]: 未知的规则类型 {', '.join(sorted(unknown))}")
    codes = [r.code for r in rules]
    if len(codes) != len(set(codes)):
        raise RuleError("规则编号重复")
    return tuple(rules), profiles


_matcher_lock = threading.Lock()
_matchers: dict = {}


def _matcher(rules_dir: str | None = None) -> Matcher:
    with _matcher_lock:
        if rules_dir not in _matchers:
            _matchers[rules_dir] = Matcher(load_rules(rules_dir)[0])
        return _matchers[rules_dir]


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
    offsets: _OffsetMap  # normalised -> original positions
    findings: list
    score: float
    flagged: bool
    types: dict  # rule type -> strongest weight
    ctx: Context


def _rule_stage(text: str, profile: Profile, goal: str | None, rules_dir: str | None) -> _Stage:
    matcher = _matcher(rules_dir)
    norm, removed = normalise(text)
    ctx = Context(norm)
    offsets = _OffsetMap(removed)
    raw = list(matcher.matches(norm))
    if not raw:
        return _Stage(norm, offsets, [], 0.0, False, {}, ctx)
    raw = _merge_touching(raw)
    code_index = matcher.code_index
    findings: list[Finding] = []
    types: dict[str, float] = {}
    taken: list[tuple[int, int, int]] = []
    seen_terms: set[tuple[int, str]] = set()
    for start, end, ri, strength in raw:
        if any(ri == r and start < e and end > s for s, e, r in taken):
            continue
        rule = matcher.rules[ri]
        factor = context_factor(ctx, start, end, rule)
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
    return _Stage(norm, offsets, findings, score, flagged, types, ctx)


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
        o_start, o_end = stage.offsets.start(s), stage.offsets.end(e)
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
