"""The four kinds of group, read from ``method/group_types.toml`` (their one home) and checked when loaded."""
from __future__ import annotations

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
        g = GroupType(t["key"], t["label"], t["en"], tuple(t["aliases"]), tuple(t["keywords"]))
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
