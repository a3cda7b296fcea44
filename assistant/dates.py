"""Dates as people write them: 2026-11-30, 2026/11/30, 11月30日, 下周一, 明天, next monday."""
from __future__ import annotations

import bisect
import datetime as dt
import re
import unicodedata

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


# A part of the day said apart from the hour ("今晚的分享会8点开始", "8点开播,今晚不见不散") is the hour's: the
# evening (the night's hours run on past midnight), the afternoon and evening (an hour before noon moves past
# it), the morning. What people do at that time of day says it as well as its name, in each part alike
# (起床, 晨跑 for the morning; 下班, 放学, 打烊 for the afternoon and evening; 夜跑, 夜宵 for the night), and in
# English as in Chinese, so "Dinner at 7" is 晚饭7点 and "Breakfast at 6" 早饭6点.
_DAY_PART = re.compile(r"(今晚|今天晚上|晚上|夜里|夜间|晚会|晚饭|晚餐|夜跑|夜宵|宵夜|tonight|evening|\bnights?\b|\bdinner|\bsupper)"
                       r"|(下午|傍晚|afternoon|\bdusk\b|(下班|放学|打烊|日落|after (?:work|school|closing)|closing time|sunset))"
                       r"|(上午|早上|早晨|清晨|今早|早饭|早餐|起床|早起|晨跑|晨练|晨读|早操|日出|morning|sunrise|\bdawn\b|"
                       r"breakfast|\bwak(?:e|ing) up\b)", re.I)
# Past the hour's own clause only a word naming the day's evening lends its part ("8点开播,今晚不见不散"); a later
# 晚上 is later in the day ("8点集合出发,晚上回到市区" starts at 8 in the morning).
_CLAUSE_END = re.compile(r"[,，。;；!！?？\n]")
_LENDS_PAST_CLAUSE = ("今晚", "今天晚上", "tonight")
# The small hours as a date owns them: 凌晨 before 6 o'clock, 0点 and 零点, 00:30, 2 am (not 晚上1点, 半夜两点, 午夜 or
# midnight, which belong to the evening they follow). Written right after a day (after 的, a bracket or "at"), they
# are that day's: 11月11日0点 begins 11 November, and 明天凌晨3点 is the night after the post's day, as its 凌晨3点.
_OWN_SMALL_HOURS = re.compile(r"凌晨|[0零〇]|.*\d\s*a\.?m\b", re.I)
_RIGHT_AFTER = re.compile(r"[\s的)]*(?:at\s*)?", re.I)
_TONIGHT = ("今晚", "今夜", "tonight")  # 今晚凌晨两点 is tonight's: the night after, as 凌晨两点 alone
_TOMORROW = ("明天", "明日", "tomorrow")  # counted from the post's day, which days_in(text, next day) cannot tell


def time_in(post: str, day: dt.date) -> dt.datetime | None:
    """When the post for ``day`` says its event starts ("今晚8点", "20:00", "8 pm"), or None.

    The first clock time that is ``day``'s counts, read as :func:`assistant.news.clock_times` reads it. A time
    belongs to the day named nearest before it (else the first one after it, else the post's own day): the
    post's day when that is 今天/今晚, its date (11月23日晚8点, 23号) or its weekday in its own week (周一晚8点,
    本周一, 每周一); a time of another day (明晚8点, 本周六晚8点, 12月5日 in a post of 11月23日, Saturday at 8 pm)
    is an announcement, not the day's. Midnight and the small hours a post names (今晚12点, 晚上1点, 凌晨3点, 2 am,
    明天凌晨3点) are those of the night after ``day``, so they start on the next date; from 6 o'clock 凌晨 is the
    morning of ``day`` (凌晨6点, as 早上6点 and 6 am). Written right after a date or weekday, 凌晨, 0点 and am hours
    are that date's, as written: 11月23日凌晨两点 and 周一0点 in a post of Monday 11月23日 are early on it, and
    11月24日凌晨两点 or 周二凌晨两点 (like 明天凌晨两点) in the night after it.

    An hour said without its part of the day (8点, 7:30, "at 7") takes one said elsewhere in the post, by a word
    naming it (今晚, 晚上, 下午, 上午, 早上…, tonight, night) or what people do then (起床, 晨跑, 日出, breakfast,
    dawn in the morning; 下班, 放学, 打烊, 日落, after work, after school in the afternoon or evening, except at 11 or
    12 o'clock: "11点放学"; 夜跑, 夜宵, dinner at night): first in the hour's own clause, the nearest word before
    it, else the first after it that is not another hour's ("6点下班后" is 6 p.m., also after "早上好,"); else the
    nearest word before the clause ("早上好,8点一起打卡"); else, past the clause, only 今晚 ("8点开播,今晚不见不散";
    "8点集合出发,晚上回到市区" is 8 a.m.).

    With none, a bare hour is read this way (a documented choice, not a guess per post): 1 to 6 o'clock is the
    afternoon or evening ("6点" is 6 p.m.: a group's 3点 or 6点半 is rarely before dawn; an early start says
    早上, 起床, 晨跑 or 明早), and 7 to 11 o'clock stays as written: the morning is the earlier reading, so the
    calendar's reminder comes before the event whichever half was meant. An hour with its own part of the day
    (早6点, 明早6点, 晚上6点, 6 pm, "6 in the morning", "7 tonight") is as said. An English hour alone ("started at
    6.", "at six") is read as the same hour in Chinese is, never p.m. by itself: "at 6" is 6点."""
    from .news import _clock, clock_times, days_in

    text = unicodedata.normalize("NFKC", post)
    clocks = clock_times(text)
    named = days_in(text, day)
    starts = [at for at, _, _ in named]  # in order: the day named nearest each clock is found by halving
    next_day: set[int] | None = None  # where the next date is named, read once when first asked
    for clock in clocks:
        i = bisect.bisect_right(starts, clock.start)
        before = named[i - 1] if i else None
        same = before[2] if before else named[i][2] if i < len(named) else True
        minutes = clock.minutes
        if before and minutes >= 1440 and _OWN_SMALL_HOURS.match(clock.text):
            at, end, _ = before
            word = text[at:end].lower()
            if _RIGHT_AFTER.fullmatch(text, end, clock.start) and word not in _TONIGHT:
                if same:
                    minutes -= 1440  # 11月23日凌晨两点: early on the day written
                if not same and next_day is None:
                    next_day = {a for a, _, s in days_in(text, day + dt.timedelta(days=1)) if s}
                if not same and (word in _TOMORROW or at in next_day):
                    same = True  # 明天凌晨两点, 11月24日凌晨两点: the night after the post's day
        if not same:
            continue
        if clock.either_half and not re.match(r"(?:at\s*)?0", clock.text, re.I):  # 07:30 is the morning
            part = _part_of_day(text, clock, clocks)
            hour, minute = divmod(minutes, 60)
            if part:
                minutes = _clock(hour, minute, part)[0]
            elif hour <= 6:
                minutes += 720
        return dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=minutes)
    return None


def _part_of_day(text: str, clock, clocks) -> str | None:
    """The part of the day said for ``clock`` apart from it, as :func:`assistant.news.clock_times` names one: in
    the hour's own clause (the nearest word before it, else the first after it), else the nearest word before
    the clause, else 今晚 past it (see :func:`time_in`)."""
    # An activity of the later day (下班, 放学) leaves 11 and 12 o'clock as written: a half day ends in the late
    # morning (11点放学, 11点半下班后吃午饭), while 7点下班 and 9点打烊 are the evening's.
    late_hour = clock.minutes % 720 >= 660
    parts = [(m.start(), m.end(), "晚上" if m[1] else "下午" if m[2] else "上午") for m in _DAY_PART.finditer(text)
             if not (m[3] and late_hour)]
    clause_start = max((m.end() for m in _CLAUSE_END.finditer(text, 0, clock.start)), default=0)
    before = [(s, p) for s, e, p in parts if e <= clock.start]
    after = [(s, e, p) for s, e, p in parts if s >= clock.end and not any(c.start <= s < c.end for c in clocks)]
    in_clause_after = [p for s, e, p in after[:1] if not _CLAUSE_END.search(text, clock.end, s)]
    if before and before[-1][0] >= clause_start:
        return before[-1][1]
    if in_clause_after:
        return in_clause_after[0]
    if before:
        return before[-1][1]
    for s, e, p in after[:1]:
        if text[s:e].lower() in _LENDS_PAST_CLAUSE:
            return p
    return None
