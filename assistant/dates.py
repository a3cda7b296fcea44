"""Dates as people write them: 2026-11-30, 2026/11/30, 11月30日, 下周一, 明天, next monday."""
from __future__ import annotations

import datetime as dt
import re

from .errors import InputError

_WEEKDAY = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_EN_WEEKDAY = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_RELATIVE = {"昨天": -1, "今天": 0, "明天": 1, "后天": 2, "yesterday": -1, "today": 0, "tomorrow": 1}


def parse_date(text: str, today: dt.date | None = None) -> dt.date:
    """A calendar date from what an owner types; :class:`InputError` says what is accepted otherwise.

    A month and day without a year mean the next such date (today counts)."""
    today = today or dt.date.today()
    t = " ".join(str(text).split()).lower()
    if not t:
        raise InputError("日期是空的")
    if t in _RELATIVE:
        return today + dt.timedelta(days=_RELATIVE[t])
    m = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?", t)
    if m:
        return _make(int(m[1]), int(m[2]), int(m[3]), text)
    m = re.fullmatch(r"(\d{1,2})\s*[/月.-]\s*(\d{1,2})\s*[日号]?", t)
    if m:
        month, day = int(m[1]), int(m[2])
        d = _make(today.year, month, day, text)
        return d if d >= today else _make(today.year + 1, month, day, text)
    m = re.fullmatch(r"(下下|下|这|本)?(?:周|星期|礼拜)([一二三四五六日天])", t)
    if m:
        return _weekday(today, _WEEKDAY[m[2]], {"下下": 2, "下": 1}.get(m[1] or "", 0), bool(m[1]))
    m = re.fullmatch(r"(next|this)?\s*(mon|tue|wed|thu|fri|sat|sun)[a-z]*", t)
    if m:
        return _weekday(today, _EN_WEEKDAY[m[2]], 1 if m[1] == "next" else 0, bool(m[1]))
    raise InputError(f"看不懂日期「{text}」;可以写 2026-11-30、2026/11/30、11月30日、下周一、明天")


def past_start_notice(text: str, start: dt.date, today: dt.date | None = None, lang: str = "zh") -> str | None:
    """One line for a start date already gone by, or None. A past week is allowed (last week's calendar again),
    but a typed year is easily wrong, so the line mentions the year only when one was typed."""
    today = today or dt.date.today()
    if start >= today:
        return None
    days = (today - start).days
    typed_year = bool(re.search(r"\d{4}", str(text)))
    if lang == "en":
        hint = "; if the year is wrong, correct it or write e.g. next monday" if typed_year else ""
        return f"Note: the start date {start.isoformat()} was {days} day{'s' if days != 1 else ''} ago{hint}."
    hint = ";如果年份写错了,请改正或写成「下周一」之类" if typed_year else ""
    return f"注意:开始日期 {start.isoformat()} 已经过去 {days} 天{hint}。"


def _make(year: int, month: int, day: int, text: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise InputError(f"日期「{text}」不存在") from None


def _weekday(today: dt.date, weekday: int, weeks_ahead: int, anchored: bool) -> dt.date:
    """周三 alone: the next Wednesday (today counts); 本周三/下周三: in this or the next calendar week."""
    if not anchored:
        return today + dt.timedelta(days=(weekday - today.weekday()) % 7)
    monday = today - dt.timedelta(days=today.weekday())
    return monday + dt.timedelta(weeks=weeks_ahead, days=weekday)


# Another day named in a post: its time is that day's, not the post's own ("本周六晚8点", "明晚8点").
_OTHER_DAY = re.compile(r"明天|明晚|明早|明日|后天|下周|本周[一二三四五六日天]|周[一二三四五六日天]|星期|next|monday|tuesday"
                        r"|wednesday|thursday|friday|saturday|sunday", re.I)
_THIS_DAY = re.compile(r"今晚|今天|今日|tonight|today", re.I)


def time_in(post: str, day: dt.date) -> dt.datetime | None:
    """When the post for ``day`` says its event starts ("今晚8点", "20:00", "8 pm"), or None.

    A time attached to another day ("本周六晚8点", "Saturday at 8 pm") is an announcement, not the day's. The first
    clock time counts, read as :func:`assistant.news.clock_times` reads it: midnight and the small hours a post
    names (今晚12点, 晚上1点, 凌晨3点) are those of the night after ``day``, so they start on the next date."""
    from .news import clock_times

    if _OTHER_DAY.search(post) and not _THIS_DAY.search(post):
        return None
    clocks = clock_times(post)
    if not clocks:
        return None
    return dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=clocks[0].minutes)
