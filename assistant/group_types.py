"""The four kinds of group, read from ``method/group_types.toml`` (their one home) and checked when loaded."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import ConfigError

TABLE = Path(__file__).resolve().parent / "method" / "group_types.toml"
# The order people meet them in on the page: one-off sale, new customers, best customers, paid delivery.
DISPLAY_ORDER = ("flash", "newuser", "super", "delivery")


@dataclass(frozen=True)
class GroupType:
    key: str
    label: str
    en: str
    aliases: tuple[str, ...]
    keywords: tuple[str, ...]
    ideas: tuple[tuple[str, int], ...] = ()  # (idea, weight): what the owner's words say for (or against) this kind

    def names(self) -> tuple[str, ...]:
        """Every name that means this kind, lower-cased: key, label, English name, aliases."""
        return tuple(n.lower() for n in (self.key, self.label, self.en, *self.aliases))


@lru_cache(maxsize=4)
def load(path: str | None = None) -> tuple[tuple[GroupType, ...], str]:
    """The kinds in file order (the order keywords are tried) and the default kind's key."""
    p = Path(path) if path else TABLE
    data = tomllib.loads(p.read_text(encoding="utf-8"))
    out: list[GroupType] = []
    seen: dict[str, str] = {}
    for i, t in enumerate(data.get("type", []), 1):
        missing = [f for f in ("key", "label", "en", "aliases", "keywords") if not t.get(f)]
        if missing:
            raise ConfigError(f"{p.name}: 第 {i} 个 type 缺少 {', '.join(missing)}")
        known = data.get("idea", {})
        ideas = t.get("ideas", {})
        if not isinstance(ideas, dict) or set(ideas) - set(known) or \
                not all(isinstance(w, int) and not isinstance(w, bool) for w in ideas.values()):
            raise ConfigError(f"{p.name}: 第 {i} 个 type 的 ideas 只能用 [idea] 里有的想法,权重是整数")
        g = GroupType(t["key"], t["label"], t["en"], tuple(t["aliases"]), tuple(t["keywords"]), tuple(ideas.items()))
        for name in g.names():
            if seen.setdefault(name, g.key) != g.key:
                raise ConfigError(f"{p.name}: 名字「{name}」同时属于 {seen[name]} 和 {g.key}")
        out.append(g)
    if sorted(g.key for g in out) != sorted(DISPLAY_ORDER):
        raise ConfigError(f"{p.name}: 需要且只能有这四种群:{', '.join(DISPLAY_ORDER)}")
    default = data.get("default")
    if default not in DISPLAY_ORDER:
        raise ConfigError(f"{p.name}: default 必须是 {', '.join(DISPLAY_ORDER)} 之一")
    return tuple(out), default


def all_types() -> tuple[GroupType, ...]:
    """The kinds in the order people meet them (快闪群, 新用户群, 超级用户群, 交付群)."""
    by_key = {g.key: g for g in load()[0]}
    return tuple(by_key[k] for k in DISPLAY_ORDER)


def labels() -> tuple[str, ...]:
    return tuple(g.label for g in all_types())


def by_key(key: str) -> GroupType:
    return next(g for g in load()[0] if g.key == key)


def find(name: str) -> GroupType | None:
    """The kind a name means (key, label, English name or alias, any case), or None."""
    n = name.strip().lower()
    return next((g for g in load()[0] if n in g.names()), None)


def default() -> GroupType:
    return by_key(load()[1])


@lru_cache(maxsize=4)
def _rare_key(path: str | None = None) -> str:
    p = Path(path) if path else TABLE
    key = tomllib.loads(p.read_text(encoding="utf-8")).get("rare", "delivery")
    if key not in DISPLAY_ORDER:
        raise ConfigError(f"{p.name}: rare 必须是 {', '.join(DISPLAY_ORDER)} 之一")
    return key


def for_rare_visits() -> GroupType:
    """The kind for members who come only a few times a year or once in a lifetime (the table's ``rare``):
    no group of regulars can form for them."""
    return by_key(_rare_key())


@dataclass(frozen=True)
class Scoring:
    ideas: dict[str, tuple[re.Pattern, ...]]
    decisive: int
    keyword_weight: int


@lru_cache(maxsize=4)
def scoring(path: str | None = None) -> Scoring:
    """The ideas (compiled), the score a kind needs to be chosen from the owner's words, and a keyword's weight."""
    p = Path(path) if path else TABLE
    data = tomllib.loads(p.read_text(encoding="utf-8"))
    ideas = {}
    for name, patterns in data.get("idea", {}).items():
        if not isinstance(patterns, list) or not patterns or not all(isinstance(x, str) and x for x in patterns):
            raise ConfigError(f"{p.name} [idea] {name}: 需要一串不为空的正则表达式")
        try:
            ideas[name] = tuple(re.compile(x, re.I) for x in patterns)
        except re.error as e:
            raise ConfigError(f"{p.name} [idea] {name}: 正则表达式有误({e})") from None
    numbers = {k: data.get(k) for k in ("decisive", "keyword_weight")}
    if not all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in numbers.values()):
        raise ConfigError(f"{p.name}: decisive 和 keyword_weight 必须是正整数")
    return Scoring(ideas, numbers["decisive"], numbers["keyword_weight"])


def said_ideas(text: str) -> dict[str, list[str]]:
    """The ideas the owner's words express, each with the words that say it (in the order they come)."""
    out = {}
    for name, patterns in scoring().ideas.items():
        found = sorted((m.start(), m.group().strip()) for x in patterns for m in x.finditer(text) if m.group().strip())
        if found:
            out[name] = list(dict.fromkeys(w for _, w in found))
    return out


def weigh(text: str, keyword_hits, lasting: bool = False, lean: bool = False) -> tuple[GroupType, list[str]] | None:
    """The kind the owner's words point to and the words that counted for it, or None when they decide nothing
    (``lean``: when they only lean towards a kind, a score of at least 1, which decides only where the trade's or
    playbook's situation does not: "新开的驾校" is still a driving school's delivery group).

    Each kind scores the ideas it weighs (group_types.toml ``ideas``) and ``keyword_weight`` if any of its
    ``keywords`` is said (``keyword_hits(text, keywords)`` gives the ones said); the highest score of at least
    ``decisive`` wins, a tie going to the kind first in the file. ``lasting``: no flash group."""
    s = scoring()
    said = said_ideas(text)
    best: tuple[int, GroupType, list[str]] | None = None
    for g in load()[0]:
        if lasting and g.key == "flash":
            continue
        hits = list(keyword_hits(text, list(g.keywords)))
        score = s.keyword_weight if hits else 0
        words = list(hits)
        for idea, weight in g.ideas:
            if idea in said:
                score += weight
                if weight > 0:
                    words += said[idea]
        if score >= (1 if lean else s.decisive) and (best is None or score > best[0]):
            best = (score, g, list(dict.fromkeys(words)))
    return (best[1], best[2]) if best else None
