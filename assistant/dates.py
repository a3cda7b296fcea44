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


_CN_HOUR = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
            "十一": 11, "十二": 12}


def time_in(post: str) -> dt.time | None:
    """The clock time a post names for today ("今晚8点", "20:00", "8 pm"), or None.

    A time attached to another day ("本周六晚8点", "Saturday at 8 pm") is an announcement, not today's."""
    if re.search(r"(明天|后天|下周|本周[一二三四五六日天]|周[一二三四五六日天]|星期|next|monday|tuesday|wednesday|thursday"
                 r"|friday|saturday|sunday)", post, re.I) and not re.search(r"(今晚|今天|tonight|today)", post, re.I):
        return None
    m = re.search(r"(\d{1,2})[::](\d{2})", post)
    if m and int(m[1]) < 24 and int(m[2]) < 60:
        return dt.time(int(m[1]), int(m[2]))
    m = re.search(r"(早上|上午|中午|下午|晚上|今晚|晚)?\s*(\d{1,2}|十[一二]?|[一二两三四五六七八九十])\s*点(半)?", post)
    if m:
        hour = int(m[2]) if m[2].isdigit() else _CN_HOUR.get(m[2], 0)
        if m[1] in ("下午", "晚上", "今晚", "晚") and hour < 12:
            hour += 12
        if 0 <= hour < 24:
            return dt.time(hour, 30 if m[3] else 0)
    m = re.search(r"\b(\d{1,2})\s*(am|pm)\b", post, re.I)
    if m and 1 <= int(m[1]) <= 12:
        hour = int(m[1]) % 12 + (12 if m[2].lower() == "pm" else 0)
        return dt.time(hour, 0)
    return None
