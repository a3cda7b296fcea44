"""What a week's dates carry besides the rotation: holidays (a greeting tied to the goal, never a sale)
and the members' own dates named in the description (an exam, a race: a countdown)."""
from __future__ import annotations

import datetime as dt
import re
import tomllib
from functools import lru_cache
from pathlib import Path

from .errors import ConfigError

HOLIDAYS_FILE = Path(__file__).resolve().parent / "method" / "holidays.toml"
COUNTDOWN_DAYS = 60  # a member's date further away than this is not counted down yet
# Events members prepare for: a date next to one of these words is theirs to count down to.
_EVENT = (r"考试|考研|考公|国考|省考|笔试|联考|统考|高考|中考|期末考|考级|教资|法考|雅思|托福|四六级|比赛|马拉松|半马|"
          r"婚礼|开学|演出|汇演|答辩|面试|体测|"
          r"exam|exams|marathon|race|wedding|recital|competition|test|ielts|toefl|sat|gre|gmat")
_DATE = r"(?:(20\d\d)[年/.-])?(\d{1,2})(?:月|/|\.)(\d{1,2})(?:日|号)?"
_NEAR = re.compile(rf"{_DATE}\s*(?:的|那天|当天)?\s*(?:参加|去|要|有)?\s*({_EVENT})|({_EVENT})\s*(?:在|是|定在|时间|is on|is|on|will be on)?\s*{_DATE}",
                   re.I)
_MONTHS = {m: i for i, names in enumerate(
    (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
     ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
     ("dec", "december")), 1) for m in names}
_EN_DATE = r"(?:(\d{1,2})(?:st|nd|rd|th)?\s+(" + "|".join(_MONTHS) + r")\b\.?|(" + "|".join(_MONTHS) + \
    r")\b\.?\s+(\d{1,2})(?:st|nd|rd|th)?)(?:,?\s*(20\d\d))?"
_EN_NEAR = re.compile(rf"\b({_EVENT})\b[^.;,]{{0,20}}?\b(?:on|is|in)?\s*{_EN_DATE}", re.I)
_COUNTDOWN = {"zh": ("离{label}还有 {n} 天:今天的一小步,就是那天的底气。", "今天就是{label}!祝大家顺利,回来在群里说说。"),
              "en": ("{n} days to go until the {label}: today's small step is that day's confidence.",
                     "Today is the {label}! Good luck, everyone; tell the group how it went.")}


# After the members' date has passed (it is the week after the exam): a line on the week's first day and a
# notice that the goal has run its course.
PASSED_DAYS = 45
_AFTER = {"zh": ("{label}已经过去 {n} 天了,大家辛苦了!这周我们先放慢一点:说说这一路最大的收获,"
                 "以及接下来想和大家一起完成的下一个目标。",
                 "成员的{label}({date})已经过去 {n} 天:这周的帖子请当作“{label}之后”的一周来用(休息、复盘、说说结果);"
                 "「{goal}」已经走完,请和成员一起定下一个长期目标。"),
          "en": ("The {label} was {ago}. Well done, everyone! This week we slow down a little: share what you "
                 "gained along the way, and what you'd like us to aim for next.",
                 "The members' {label} ({date}) was {ago}: use this as the week after it (rest, look back, "
                 "share results); the goal “{goal}” has run its course, so agree on the next long-term goal with "
                 "the members.")}


# The members' day itself (the exam, the race): no task that day, only good wishes.
_EVENT_DAY = {"zh": ("{label}日:祝大家顺利", "今天就是{label}!祝大家顺利,发挥出平时的水平。今天群里不布置任务,结束后回来说一句就好,"
                    "不管结果如何,这一路的坚持都算数。"),
              "en": ("The {label}: good luck", "Today is the {label}! Good luck, everyone. No task in the group today; "
                     "when it's over, come back and tell us in a line. Whatever the result, the way here counts.")}


def event_day(label: str, lang: str) -> tuple[str, str]:
    """(topic, post) for the day of the members' own event."""
    topic, post = _EVENT_DAY["en" if lang == "en" else "zh"]
    return topic.format(label=label), post.format(label=label)


def after_line(when: dt.date, label: str, day: dt.date, lang: str) -> str:
    """The line for the first post after the members' event."""
    n = (day - when).days
    return _AFTER["en" if lang == "en" else "zh"][0].format(label=label, n=n, ago=_ago(n))


def _ago(n: int) -> str:
    return "yesterday" if n == 1 else f"{n} days ago"


@lru_cache(maxsize=1)
def _holidays() -> dict:
    data = tomllib.loads(HOLIDAYS_FILE.read_text(encoding="utf-8"))
    for section in ("fixed", "lunar"):
        for key, names in data.get(section, {}).items():
            if not (isinstance(names, list) and len(names) == 3 and names[2] in KINDS):
                raise ConfigError(f"{HOLIDAYS_FILE.name} [{section}] {key}: 需要 [中文名, 英文名, {'/'.join(KINDS)}]")
    if not {"zh", "en", "zh_solemn", "en_solemn", "zh_gentle", "en_gentle"} <= set(data.get("greeting", {})):
        raise ConfigError(f"{HOLIDAYS_FILE.name}: [greeting] 需要 zh、en、zh_solemn、en_solemn、zh_gentle、en_gentle")
    from .planner import PRESSING, PUSHY

    for key in ("zh", "en", "zh_solemn", "en_solemn"):  # a holiday is the members' own: no goal to keep up over it
        m = PRESSING.search(data["greeting"][key])
        if m:
            raise ConfigError(f"{HOLIDAYS_FILE.name}: [greeting] {key} 在过节时催促成员(「{m.group()}」)")
    for key in ("zh_gentle", "en_gentle"):
        m = PUSHY.search(data["greeting"][key])
        if m:
            raise ConfigError(f"{HOLIDAYS_FILE.name}: [greeting] {key} 对正在经历失去的人太催促了(「{m.group()}」)")
    return data


KINDS = ("festive", "zh-only", "solemn-zh-only", "festive-ties")


def _entry(date: dt.date) -> list | None:
    """The holiday table's entry for ``date``: [Chinese name, English name, kind], or None."""
    data = _holidays()
    return data["lunar"].get(date.isoformat()) or data["fixed"].get(date.strftime("%m-%d"))


def holiday(date: dt.date, lang: str = "zh", business: str = "") -> tuple[str, str] | None:
    """(Chinese name, English name) of a holiday greeted in ``lang`` on ``date``, or None. In English a
    "festive-ties" day (Lunar New Year) is greeted only when ``business`` shows its members keep it."""
    names = _entry(date)
    if not names or (lang == "en" and names[2] not in ("festive", "festive-ties")):
        return None
    if lang == "en" and names[2] == "festive-ties" and not _has_ties(business):
        return None
    return names[0], names[1]


def _has_ties(business: str) -> bool:
    words = _holidays().get("ties", {}).get("en", [])
    return bool(words) and re.search(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b", business, re.I) is not None


def _greeting(date: dt.date, lang: str, gentle: bool = False) -> str:
    """The holiday's greeting: festive or solemn, or for a gentle plan the same quiet words on every holiday."""
    if gentle:
        return _holidays()["greeting"][f"{lang}_gentle"]
    return _holidays()["greeting"][lang + ("_solemn" if _entry(date)[2].startswith("solemn") else "")]


def _on_or_after(year: str | None, month: int, day: int, start: dt.date) -> dt.date | None:
    """The date named (without a year: its next occurrence from ``start``), or None if it is no date."""
    try:
        when = dt.date(int(year) if year else start.year, month, day)
        if when < start and not year:
            when = when.replace(year=start.year + 1)
    except ValueError:
        return None
    return when if when >= start else None


def member_dates(text: str, start: dt.date) -> list[tuple[dt.date, str]]:
    """Dates the description names for the members' own events ("12月20日考研", "marathon on Feb 14"),
    on or after ``start``."""
    return _named_dates(text, start, _on_or_after)


def passed_member_dates(text: str, start: dt.date) -> list[tuple[dt.date, str]]:
    """The members' dates that passed in the :data:`PASSED_DAYS` days before ``start`` (without a year:
    this year's, or last year's for a start early in the year)."""
    return _named_dates(text, start, _just_before)


def _just_before(year: str | None, month: int, day: int, start: dt.date) -> dt.date | None:
    for y in ([int(year)] if year else [start.year, start.year - 1]):
        try:
            when = dt.date(y, month, day)
        except ValueError:
            return None
        if 0 < (start - when).days <= PASSED_DAYS:
            return when
    return None


def after_lines(passed: list[tuple[dt.date, str]], start: dt.date, goal: str, lang: str) -> tuple[str, str]:
    """(a line for the week's first post, a notice for the owner) about the latest passed member date."""
    when, label = max(passed)
    n = (start - when).days
    notice = _AFTER["en" if lang == "en" else "zh"][1]
    return after_line(when, label, start, lang), notice.format(label=label, n=n, ago=_ago(n), date=when.isoformat(),
                                                                goal=goal)


def _named_dates(text: str, start: dt.date, resolve) -> list[tuple[dt.date, str]]:
    """Dates named next to a member event, each resolved by ``resolve(year, month, day, start)``
    (which occurrence of a year-less date counts; None drops it)."""
    out = []
    for m in _NEAR.finditer(text):
        if m.group(4):
            year, month, day, label = m.group(1), m.group(2), m.group(3), m.group(4)
        else:
            label, year, month, day = m.group(5), m.group(6), m.group(7), m.group(8)
        out.append((resolve(year, int(month), int(day), start), label))
    for m in _EN_NEAR.finditer(text):
        month = _MONTHS[(m.group(3) or m.group(4)).lower()]
        out.append((resolve(m.group(6), month, int(m.group(2) or m.group(5)), start), m.group(1).lower()))
    return sorted({(when, label) for when, label in out if when})


def extra_lines(date: dt.date, goal: str, lang: str, dates: list[tuple[dt.date, str]], *, countdown: bool,
                gentle: bool = False, business: str = "") -> list[str]:
    """Lines to add to a day's post: the holiday greeting (a ``gentle`` plan's quiet one: families in grief or by a
    dying relative's side), and the countdown to a member's date (on days that ``countdown``, and always on the day
    itself)."""
    lines = []
    h = holiday(date, lang, business)
    if h:
        lines.append(_greeting(date, lang, gentle).format(name=h[0], name_en=h[1], goal=goal))
    for when, label in dates:
        n = (when - date).days
        before, on_the_day = _COUNTDOWN[lang]
        if n == 0:
            lines.append(on_the_day.format(label=label))
        elif countdown and 0 < n <= COUNTDOWN_DAYS:
            lines.append(before.format(label=label, n=n))
    return lines
