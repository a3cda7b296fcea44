"""One-off life events a business sees a family or a couple through (a wedding, a funeral or memorial, moving
house, a baby's birth), read from ``method/life_events.toml`` and checked when loaded: a delivery group for one
of them gets that file's gentle wording instead of the standard terms (no commitment, no absences counted, no
daily check-in)."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import group_types
from .errors import ConfigError

EVENTS_FILE = Path(__file__).resolve().parent / "method" / "life_events.toml"
_COURSE = re.compile(r"培训|课程|教学|私教|学员|(?<![加值])班(?![车组])|\b(?:lessons?|course|classes|class|school|training)\b",
                     re.I)


@dataclass(frozen=True)
class LifeEvents:
    kind: str  # the kind of group (group_types.toml key) the gentle wording is for
    events: tuple[tuple[str, tuple[str, ...]], ...]  # (name, words) per event
    wording: dict  # per language: threshold and/or rules, as a trade's own wording

    def named(self, text: str) -> list[str]:
        """The events ``text`` names (their Chinese names), in the file's order."""
        from .industry import keyword_hits, words

        tokens = words(text)
        return [name for name, kw in self.events if keyword_hits(text, list(kw), tokens)]


@lru_cache(maxsize=1)
def load() -> LifeEvents:
    """The life events and their kind of group's wording, checked when loaded."""
    from .industry import check_wording

    name = EVENTS_FILE.name
    try:
        data = tomllib.loads(EVENTS_FILE.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{name}: 不是有效的 TOML({exc})") from None
    if data.get("kind") not in group_types.DISPLAY_ORDER:
        raise ConfigError(f"{name}: kind 必须是 {', '.join(group_types.DISPLAY_ORDER)} 之一,收到 {data.get('kind')!r}")
    raw = data.get("event", [])
    if not (isinstance(raw, list) and all(isinstance(e, dict) for e in raw)):
        raise ConfigError(f"{name}: event 要写成 [[event]] 表格的列表,每个有 name、en 和 words")
    events = []
    for i, e in enumerate(raw, 1):
        kw = e.get("words")
        if not (isinstance(e.get("name"), str) and e["name"].strip() and isinstance(e.get("en"), str) and e["en"].strip()
                and isinstance(kw, list) and kw and all(isinstance(w, str) and w.strip() for w in kw)):
            raise ConfigError(f"{name}: 第 {i} 个 event 需要 name、en 和不空的 words(文字列表)")
        events.append((e["name"], tuple(kw)))
    if not events:
        raise ConfigError(f"{name}: 没有 event")
    return LifeEvents(data["kind"], tuple(events), check_wording(data.get("wording"), f"{name} wording"))


def wording(text: str, gtype: str, lang: str) -> dict:
    """The gentle wording (``threshold``, ``rules``) for a group of kind ``gtype`` (canonical Chinese name) whose
    description ``text`` names a life event; {} when the kind is another or no event is named."""
    events = load()
    # The business is the event's when its description opens with it ("婚礼策划,陪新人备婚"); a course or a shop
    # that only mentions one later ("少儿英语培训,最近刚搬家到万达三楼") or teaches a craft around it
    # ("新娘跟妆化妆培训班") keeps the standard terms.
    if group_types.by_key(events.kind).label != gtype or not opens_with_event(text):
        return {}
    return events.wording[lang]


def opens_with_event(text: str) -> bool:
    """Whether the description opens with a life event its business sees people through (not a course about one)."""
    from .industry import first_clause

    first = first_clause(text)
    return not _COURSE.search(first) and bool(load().named(first))
