"""Guard rules as data: loading and checking ``assistant/rules/*.toml`` (rules and group-type profiles),
finding a rule by code or name, and the shared term matcher."""
from __future__ import annotations

import re
import threading
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import group_types
from .errors import InputError
from .guard_model import RULE_TYPES
from .guard_text import Matcher, normalise, whole_runs

RULES_DIR = Path(__file__).resolve().parent / "rules"
CONTEXT_FILE = "context.toml"
# `{NUM}` in a rule pattern: an amount in digits or in Chinese numerals ("128", "8.8", "一百二十八", "两").
# Masked amounts count too ("x.x折", "满xxx减xx"): the shape of the offer is the signal, not the digits.
# Each run is read from its start only (as `whole_runs` does for digits), so a long run costs linear time.
NUM = r"(?:(?<!\d)\d+(?:\.\d+)?|(?<![一二三四五六七八九十百千万两零〇])[一二三四五六七八九十百千万两零〇]+|x{1,4}(?:\.x)?(?![a-z]))"
SEVERITIES = ("suggestion", "warning", "error")
# Rule type of the learned stage's finding: its text lives in a rule file like every other finding.
LEARNED_TYPE = "learned"
# Rule types are a closed set: profiles key on them, so a typo must fail at load, not do nothing.
KNOWN_TYPES = (*RULE_TYPES, LEARNED_TYPE)


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
    message_en: str = ""  # for posts written in English
    suggestion_en: str = ""

    def to_dict(self) -> dict:
        """What ``assistant rules CODE --format json`` prints: the rule as its file declares it."""
        return {"code": self.code, "name": self.name, "type": self.type, "severity": self.severity,
                "message": self.message, "rationale": self.rationale, "suggestion": self.suggestion,
                "message_en": self.message_en, "suggestion_en": self.suggestion_en,
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
# How much one match counts, by the strength its rule file gives it; a post is flagged when 1 - prod(1 - w)
# reaches the guard's FLAG_THRESHOLD. "sure" is for a mark no ordinary message carries (the unsubscribe line a
# marketing SMS must end with): the learned stage may not clear it unless context (a quotation) has weakened it.
STRENGTH = {"sure": 0.99, "strong": 0.9, "medium": 0.45, "weak": 0.25}
STRENGTHS = tuple(STRENGTH)


class RuleError(ValueError):
    pass


def _normalise_term(term: str) -> str:
    return normalise(term)[0]


# An English noun term may be written with its plural ending: "red packet(s)" matches "red packet" and "red packets".
# The file says which terms take it, so "sale" stays off "sales team" while "giveaway(s)" reads both.
_PLURAL = re.compile(r"^([a-z][a-z -]*[a-z])\((s|es)\)$")


def _term_forms(term: str) -> tuple[str, ...]:
    m = _PLURAL.match(term)
    return (m.group(1), m.group(1) + m.group(2)) if m else (term,)


@lru_cache(maxsize=4)
def load_rules(rules_dir: str | None = None) -> tuple[tuple[Rule, ...], dict[str, Profile]]:
    """Load every rule file and the group-type profiles. Fails loudly on a malformed rule."""
    d = Path(rules_dir) if rules_dir else RULES_DIR
    rules: list[Rule] = []
    profiles: dict[str, Profile] = {}
    for path in sorted(d.glob("*.toml")):
        if path.name == CONTEXT_FILE:  # the context words, read by guard_context
            continue
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
        for strength in STRENGTHS:
            for t in (form for written in data.get("terms", {}).get(strength, []) for form in _term_forms(written)):
                key = _normalise_term(t)
                if key in terms:
                    raise RuleError(f"{path.name}: 词条「{t}」重复出现({terms[key]} 和 {strength})")
                terms[key] = strength
        try:
            pats = tuple((re.compile(whole_runs(p.replace("{NUM}", NUM))), strength) for strength in STRENGTHS
                         for p in data.get("patterns", {}).get(strength, []))
        except re.error as exc:  # a pattern that does not compile: name the file and the pattern, not a traceback
            raise RuleError(f"{path.name}: 正则写错了 {exc.pattern!r}:{exc}") from None
        ex = data["examples"]
        rules.append(Rule(code=data["code"], name=data["name"], type=data["type"], severity=data["severity"],
                          message=data["message"], rationale=data["rationale"].strip(),
                          suggestion=data["suggestion"].strip(), terms=terms, patterns=pats,
                          message_en=data.get("message_en", ""), suggestion_en=data.get("suggestion_en", ""),
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


# Who wrote the text being checked (lint_post's ``voice``): the group type says how strict the group is, the voice
# whose words these are.
VOICES = {"auto": "不假定是谁写的(任何帖子,包括群成员的聊天;谁在说话只看正文里的线索)",
          "owner": "群主自己要发到群里的草稿:其中的强信号(发红包、秒杀)按群主的招揽看,学习模型很有把握不是招揽时才放过"}


def resolve_voice(voice: str | None) -> str:
    """A key of :data:`VOICES` for ``voice`` (None is "auto"; case and surrounding spaces do not matter)."""
    key = "auto" if voice is None else voice.strip().lower()
    if key not in VOICES:
        raise InputError(f"未知的 voice {voice!r},可选:{'/'.join(VOICES)}",
                         en=f"Unknown voice {voice!r}; choose one of {', '.join(VOICES)}")
    return key


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


def _learned_rule() -> Rule:
    for r in load_rules()[0]:
        if r.type == LEARNED_TYPE:
            return r
    raise RuleError(f"缺少 type = \"{LEARNED_TYPE}\" 的规则文件(学习模型的发现需要它的说明)")


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


def all_terms(rules_dir: str | None = None) -> list[str]:
    """Every normalised term of every rule (used by the benchmark's bare Aho-Corasick baseline)."""
    return _matcher(rules_dir).terms
