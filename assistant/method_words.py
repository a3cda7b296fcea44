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
        for band in RHYTHM_BANDS:
            fields = data[lang].get("rhythm", {}).get(band, {})
            lacking = set(RHYTHM_FIELDS) - set(fields)
            if lacking:
                raise ConfigError(f"method/planner.toml [{lang}.rhythm.{band}]: 缺少 {', '.join(sorted(lacking))}")
    return data


def words_for(lang: str) -> dict:
    """The planner's words in ``lang`` ("zh" or "en")."""
    return _method_text()[lang if lang in LANGUAGES else "zh"]


def activity_name(kind: str, lang: str) -> str:
    """An activity's name as a reader of ``lang`` knows it (the canonical Chinese name otherwise)."""
    return words_for("en")["activities"][kind]["name"] if lang == "en" else kind
