"""How the week runs in the kind of group the owner named (``method/group_weeks.toml``): a flash group opens, runs
a few days and closes; a new-customer, super-user or delivery group keeps the weekly rotation in its own words.

Each long-running kind runs its week in its own order (:func:`week_order`); without a named kind the calendar
keeps the goal group's words, in the order of the kind the plan chose; :func:`given` reads the name
the way the guard's profiles and the plan read it (same names, aliases and error for an unknown one)."""
from __future__ import annotations

import datetime as dt
import re
import tomllib
from functools import lru_cache
from pathlib import Path

from . import group_types
from .errors import ConfigError
from .text import tidy

WEEKS_FILE = Path(__file__).resolve().parent / "method" / "group_weeks.toml"
DAY_FIELDS = ("type", "topic", "post", "why", "query")
ACTIVITY_FIELDS = ("topic", "post", "line", "why", "query")
FLASH_WORDS = ("notice", "too_long", "no_launch", "today", "inferred")
LANGS = ("zh", "en")
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def given(name: str | None) -> group_types.GroupType | None:
    """The kind of group an owner named for the calendar, or None when none was named.

    The name is read as ``assistant lint --group-type`` and the plan read it (key, label, English name, alias, any
    case); an unknown name is the guard's one-line InputError naming the choices. The guard's default goal group
    (goal, 目标群, default ...) names no kind: None, as if nothing were given."""
    if name is None or not name.strip():
        return None
    from .guard_rules import resolve_profile

    return group_types.find(resolve_profile(name).name)


def _texts(value) -> list:
    return value if isinstance(value, list) else [value]


def _check_day(where: str, day) -> None:
    from .schemas import ACTIVITY_TYPES

    if not isinstance(day, dict) or set(day) != set(DAY_FIELDS):
        raise ConfigError(f"{where}:需要且只能有 {', '.join(DAY_FIELDS)}")
    if not all(isinstance(day[f], str) and day[f].strip() for f in DAY_FIELDS):
        raise ConfigError(f"{where}:{', '.join(DAY_FIELDS)} 都必须是不为空的文字")
    if day["type"] not in (*ACTIVITY_TYPES, "欢迎"):
        raise ConfigError(f"{where}:未知的活动类型 {day['type']!r}")


WEEK_KEYS = ("goal", *group_types.DISPLAY_ORDER[1:])


def _check_week(name: str, week) -> None:
    """Each long-running kind's order of the week (and the goal group's): the seven weekly activities once each, the
    review on Sunday, the member story (announcing Saturday evening's session) before Saturday."""
    from .schemas import ACTIVITY_TYPES

    if not isinstance(week, dict) or set(week) != set(WEEK_KEYS):
        raise ConfigError(f"{name} [week]: 需要且只能有 {', '.join(WEEK_KEYS)}")
    for key, order in week.items():
        if not isinstance(order, list) or sorted(order) != sorted(ACTIVITY_TYPES):
            raise ConfigError(f"{name} [week] {key}: 需要这七个活动各一次:{'、'.join(ACTIVITY_TYPES)}")
        if order[-1] != "周复盘" or order.index("成员故事") > 4:
            raise ConfigError(f"{name} [week] {key}: 周复盘要在周日,成员故事要在周六之前(它预告周六晚上的故事会)")


@lru_cache(maxsize=1)
def weeks() -> dict:
    """The file, checked when loaded: every language has the four kinds, the flash group's days and words, and
    each long-running kind's words per known activity (the same activities and fields in every language)."""
    from .schemas import ACTIVITY_TYPES

    name = WEEKS_FILE.name
    data = tomllib.loads(WEEKS_FILE.read_text(encoding="utf-8"))
    days = data.get("flash_days")
    if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= 31:
        raise ConfigError(f"{name}: flash_days 必须是 1 到 31 之间的整数,收到 {days!r}")
    _check_week(name, data.get("week"))
    if set(data.get("prompt", {})) != set(group_types.DISPLAY_ORDER):
        raise ConfigError(f"{name} [prompt]: 需要且只能有这四种群:{', '.join(group_types.DISPLAY_ORDER)}")
    shapes = {}
    for lang in LANGS:
        kinds = dict(data.get(lang, {}))
        gentle = kinds.pop("gentle", None)
        if not (isinstance(gentle, str) and gentle.strip()):
            raise ConfigError(f"{name} [{lang}]: 缺少 gentle(温和的行业用长期群时的说明)")
        if set(kinds) != set(group_types.DISPLAY_ORDER):
            raise ConfigError(f"{name} [{lang}]: 除 gentle 外需要且只能有这四种群:{', '.join(group_types.DISPLAY_ORDER)}")
        flash = kinds["flash"]
        missing = [w for w in FLASH_WORDS if not (isinstance(flash.get(w), str) and flash[w].strip())]
        if missing:
            raise ConfigError(f"{name} [{lang}.flash]: 缺少 {', '.join(missing)}")
        _check_day(f"{name} [{lang}.flash.opening]", flash.get("opening"))
        _check_day(f"{name} [{lang}.flash.closing]", flash.get("closing"))
        if not isinstance(flash.get("middle"), list) or not flash["middle"]:
            raise ConfigError(f"{name} [{lang}.flash]: middle 至少要有一天")
        for i, day in enumerate(flash["middle"], 1):
            _check_day(f"{name} [{lang}.flash.middle] 第 {i} 天", day)
        if len(flash["middle"]) + 2 < days:
            raise ConfigError(f"{name} [{lang}.flash]: flash_days = {days},需要 {days - 2} 个 middle 的日子,"
                              f"现在只有 {len(flash['middle'])} 个")
        shape = {"middle": tuple(d["type"] for d in flash["middle"])}
        for key in group_types.DISPLAY_ORDER[1:]:
            kind = kinds[key]
            if not (isinstance(kind.get("notice"), str) and kind["notice"].strip()) or set(kind) - {"notice", "activity"}:
                raise ConfigError(f"{name} [{lang}.{key}]: 需要 notice,另外只能有 activity")
            for act, words in kind.get("activity", {}).items():
                at = f"{name} [{lang}.{key}.activity.{act}]"
                if act not in ACTIVITY_TYPES:
                    raise ConfigError(f"{at}: 未知的活动类型(可选:{'、'.join(ACTIVITY_TYPES)})")
                if not isinstance(words, dict) or not words or set(words) - set(ACTIVITY_FIELDS):
                    raise ConfigError(f"{at}: 只能有 {', '.join(ACTIVITY_FIELDS)},至少一项")
                for field, value in words.items():
                    texts = _texts(value)
                    if field in ("why", "query") and not isinstance(value, str) or not texts or \
                            not all(isinstance(t, str) and t.strip() for t in texts):
                        raise ConfigError(f"{at}: {field} 必须是不为空的文字" + ("" if field in ("why", "query")
                                                                              else "或文字的列表"))
                shape[(key, act)] = tuple(sorted(words))
        shapes[lang] = shape
    from .planner import _strings, check_member_words

    check_member_words(name, _strings({k: v for k, v in data.items() if k in LANGS}))
    if shapes["en"] != shapes["zh"]:
        raise ConfigError(f"{name}: [en] 和 [zh] 要有同样的活动和字段(快闪群中间的日子也要一一对应)")
    return data


def week_order(kind: str | None, pb: dict | None = None) -> tuple[str, ...]:
    """The weekly activities Monday to Sunday for kind ``kind`` (any of its names; None or a flash group: the goal
    group's order), as playbook ``pb`` runs them (a gentle playbook keeps the goal group's order, with its own week)."""
    g = group_types.find(kind) if kind else None
    key = g.key if g is not None and g.key != "flash" and not (pb or {}).get("gentle") else "goal"
    return tuple(weeks()["week"][key])


def words(key: str, lang: str) -> dict:
    """The words for kind ``key`` (group_types.toml key) in ``lang``."""
    return weeks()["en" if lang == "en" else "zh"][key]


def prompt_line(key: str) -> str:
    """What the model is told about the week of kind ``key``."""
    return weeks()["prompt"][key]


def activity_words(key: str | None, activity: str, lang: str, pb: dict) -> dict:
    """Kind ``key``'s words (any of its names) for one activity of the weekly rotation ({} for none, for no kind,
    for a flash group, and for a ``gentle`` playbook, whose own gentle week stands)."""
    kind = group_types.find(key) if key else None
    if kind is None or kind.key == "flash" or pb.get("gentle"):
        return {}
    return words(kind.key, lang).get("activity", {}).get(activity, {})


def notice(key: str, lang: str, pb: dict, close: str = "") -> str:
    """The calendar's notice saying how the week follows kind ``key`` (for a ``gentle`` playbook under a
    long-running kind: that its gentle week stands)."""
    if key != "flash" and pb.get("gentle"):
        g = group_types.by_key(key)
        text = weeks()["en" if lang == "en" else "zh"]["gentle"]
        return tidy(text.format(label=g.en if lang == "en" else g.label))
    from .planner import member_fields

    return tidy(words(key, lang)["notice"].format(**member_fields(pb, lang), close=close))


def flash_length(days: int) -> int:
    """How many days a flash group's calendar has when ``days`` were asked for."""
    return min(days, weeks()["flash_days"])


def date_label(date: dt.date, lang: str) -> str:
    """A day as a post says it: 11月29日, Nov 29."""
    return f"{MONTHS_EN[date.month - 1]} {date.day}" if lang == "en" else f"{date.month}月{date.day}日"


def close_label(first: dt.date, last: dt.date, lang: str) -> str:
    """The day a flash group's event ends, as its posts say it (today, when it is the first day)."""
    return words("flash", lang)["today"] if last == first else date_label(last, lang)


def _turn(items: list, start: int) -> list:
    """``items`` from the ``start``-th on, round the list."""
    return items[start % len(items):] + items[:start % len(items)] if items else []


def _title(item: str) -> str:
    return re.split(r"[::]", item, maxsplit=1)[0].strip().rstrip("。.")


def flash_days(business: str, goal: str, dates: list[dt.date], lang: str, answers: dict | None = None, *,
               playbook: str | None = None) -> list[dict]:
    """A flash group's days on ``dates`` (:func:`flash_length` of them at most), each in the shape
    :func:`planner.plan_day` gives: the opening, then the middle days in order, the closing on the last day. Items
    (tips, discussions, guest topics) are the business's own first, and no item comes twice in the few days.
    ``playbook`` (a name :func:`planner.named_playbook` takes) uses that playbook instead of the description's."""
    from .owner_details import details_of, evening_slot
    from .planner import (
        _extras,
        _pool,
        _seed,
        _with_answers,
        activity_template,
        clean_answers,
        member_fields,
        place_fields,
        playbook_or_named,
        words_for,
    )

    if not dates:
        return []
    w = words("flash", lang)
    days = [w["opening"], *w["middle"][: max(len(dates) - 2, 0)], w["closing"]][: len(dates)]  # one day: the opening
    known = _with_answers(business, clean_answers(answers))
    pb = playbook_or_named(known, lang, playbook)
    details = details_of(known)
    fields = {k: v for k, v in pb.items() if isinstance(v, str)}
    fields.update(member_fields(pb, lang))
    fields.update(goal=goal, close=close_label(dates[0], dates[-1], lang),
                  near=place_fields(known, words_for(lang), details)["near"],
                  evening=evening_slot(details.closes, lang))
    used: set[str] = set()
    out = []
    for day, date in zip(days, dates):
        tpl = activity_template(day["type"], pb, lang)
        if "pool" in tpl:
            pool, start, general = _pool(pb, tpl, date), _seed(business), set(_extras(pb, tpl))
            turns = [x.rstrip("。.") for x in [*_turn([x for x in pool if x not in general], start),
                                               *_turn([x for x in pool if x in general], start)]]
            item = next((x for x in turns if _title(x) not in used), turns[0])
            used.add(_title(item))
            fields.update(item=item, item_title=_title(item))
        out.append({"type": day["type"], "topic": tidy(day["topic"].format(**fields)),
                    "post": tidy(day["post"].format(**fields)), "why": day["why"], "query": day["query"]})
    return out
