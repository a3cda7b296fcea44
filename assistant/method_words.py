"""The planner's words per language (``method/planner.toml``): what an owner reads in a plan and a week."""
from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path

METHOD_TEXT = Path(__file__).resolve().parent / "method" / "planner.toml"
LANGUAGES = ("zh", "en")
# Bands of how often members come (owner_details.rhythm_of) and what each band's table must say.
RHYTHM_BANDS = ("often", "weekly", "monthly", "rare")
RHYTHM_FIELDS = ("said", "checkin_also", "regular", "pitfall", "post_line")


@lru_cache(maxsize=1)
def _method_text() -> dict:
    """The planner's words per language; every language must have the keys the Chinese one has."""
    from .errors import ConfigError

    data = tomllib.loads(METHOD_TEXT.read_text(encoding="utf-8"))
    for lang in LANGUAGES:
        missing = set(data["zh"]) - set(data.get(lang, {})) - {"activities"}
        if missing:
            raise ConfigError(f"method/planner.toml [{lang}]: 缺少 {', '.join(sorted(missing))}")
        _check_checkin_rule(data[lang].get("checkin_rule"), lang)
        _check_checkin_every(data[lang].get("checkin_every"), lang)
        for band in RHYTHM_BANDS:
            fields = data[lang].get("rhythm", {}).get(band, {})
            lacking = set(RHYTHM_FIELDS) - set(fields)
            if lacking:
                raise ConfigError(f"method/planner.toml [{lang}.rhythm.{band}]: 缺少 {', '.join(sorted(lacking))}")
    return data


def _check_checkin_rule(table, lang: str) -> None:
    """``checkin_rule``: a ``default`` and, per kind of group (its canonical label), a rule that says {checkin}."""
    from . import group_types
    from .errors import ConfigError

    where = f"method/planner.toml [{lang}] checkin_rule"
    if not isinstance(table, dict) or "default" not in table:
        raise ConfigError(f"{where}: 需要 default")
    unknown = set(table) - {"default", *group_types.labels()}
    if unknown:
        raise ConfigError(f"{where}: 不认识的群类型 {', '.join(sorted(unknown))}(可选:{'、'.join(group_types.labels())})")
    bad = [k for k, v in table.items() if not isinstance(v, str) or "{checkin}" not in v]
    if bad:
        raise ConfigError(f"{where}: {', '.join(bad)} 要写成一句带 {{checkin}} 的群规")


CHECKIN_RHYTHMS = ("week", "time", "day")  # in the order they are tried; "day" is what is left


def _check_checkin_every(table, lang: str) -> None:
    """``checkin_every``: per rhythm (week, time, day) its words, a rule that says {checkin} and a pledge."""
    from .errors import ConfigError

    where = f"method/planner.toml [{lang}.checkin_every]"
    if not isinstance(table, dict) or set(table) != set(CHECKIN_RHYTHMS):
        raise ConfigError(f"{where}: 需要且只能有 {', '.join(CHECKIN_RHYTHMS)}")
    for name, r in table.items():
        if not (isinstance(r, dict) and isinstance(r.get("words"), list) and all(isinstance(w, str) and w for w in r["words"])
                and isinstance(r.get("rule"), str) and "{checkin}" in r["rule"]
                and isinstance(r.get("pledge"), str) and r["pledge"].strip()):
            raise ConfigError(f"{where}.{name}: 需要 words(文字列表)、带 {{checkin}} 的 rule 和 pledge")
        if name != "day" and not r["words"]:
            raise ConfigError(f"{where}.{name}: words 不能为空")


def checkin_every(checkin: str, lang: str) -> str:
    """How often members do what the check-in question asks about, read from the question's own words (planner.toml
    ``checkin_every``): "week" (这周, this week), "time" (这次, this time: whenever it happens) or "day"."""
    table = words_for(lang)["checkin_every"]
    text = checkin.lower()
    for name in CHECKIN_RHYTHMS[:-1]:
        for w in table[name]["words"]:
            if (w in text) if not w.isascii() else re.search(rf"\b{re.escape(w)}\b", text):
                return name
    return "day"


def checkin_pledge(checkin: str, lang: str) -> str:
    """The check-in criterion a super-user threshold names, at the rhythm of the check-in question."""
    return words_for(lang)["checkin_every"][checkin_every(checkin, lang)]["pledge"]


def checkin_rule(gtype: str | None, checkin: str, lang: str) -> str:
    """The check-in rule of a group of kind ``gtype`` (canonical label; None: the default), with ``checkin``: a kind's
    own rule (a new-customer group's), else the rule at the rhythm of the check-in question (:func:`checkin_every`:
    once a week for a question about this week, whenever it happens for one about this time, else every day)."""
    table = words_for(lang)["checkin_rule"]
    if (gtype or "") in table:
        return table[gtype].format(checkin=checkin)
    every = checkin_every(checkin, lang)
    if every == "day":
        return table["default"].format(checkin=checkin)
    return words_for(lang)["checkin_every"][every]["rule"].format(checkin=checkin)


def words_for(lang: str) -> dict:
    """The planner's words in ``lang`` ("zh" or "en")."""
    return _method_text()[lang if lang in LANGUAGES else "zh"]


def activity_name(kind: str, lang: str) -> str:
    """An activity's name as a reader of ``lang`` knows it (the canonical Chinese name otherwise)."""
    return words_for("en")["activities"][kind]["name"] if lang == "en" else kind
