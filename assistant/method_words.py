"""The planner's words per language (``method/planner.toml``): what an owner reads in a plan and a week."""
from __future__ import annotations

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


def checkin_rule(gtype: str | None, checkin: str, lang: str) -> str:
    """The check-in rule of a group of kind ``gtype`` (canonical label; None: the default), with ``checkin``."""
    table = words_for(lang)["checkin_rule"]
    return table.get(gtype or "", table["default"]).format(checkin=checkin)


def words_for(lang: str) -> dict:
    """The planner's words in ``lang`` ("zh" or "en")."""
    return _method_text()[lang if lang in LANGUAGES else "zh"]


def activity_name(kind: str, lang: str) -> str:
    """An activity's name as a reader of ``lang`` knows it (the canonical Chinese name otherwise)."""
    return words_for("en")["activities"][kind]["name"] if lang == "en" else kind
