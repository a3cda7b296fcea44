"""Exports: calendars as Markdown, CSV (opens in Excel with Chinese intact), ICS and JSON; plans as Markdown."""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re

from .errors import InputError
from .schemas import Calendar, GoalPlan

FORMATS = ("md", "csv", "ics", "json")
CSV_COLUMNS = ["date", "weekday", "type", "topic", "post", "why", "sources"]
CSV_HEADER_ZH = ["日期", "星期", "类型", "话题", "群帖", "为什么", "出处"]
CSV_HEADER_EN = ["Date", "Day", "Type", "Topic", "Post", "Why", "Sources"]
# A calendar's own words in the language it was written in (the JSON keeps its keys and canonical values).
CAL_WORDS = {
    "zh": {"title": "周话题日历", "business": "生意", "date": "日期", "weekday": "星期", "type": "类型", "topic": "话题",
           "post": "群帖", "why": "为什么", "sources": "出处", "calname": "社群话题", "remind": "发群帖",
           "colon": ":", "sep": ";"},
    "en": {"title": "Weekly topics", "business": "Business", "date": "Date", "weekday": "Day", "type": "Type",
           "topic": "Topic", "post": "Post", "why": "Why", "sources": "Sources", "calname": "Group topics",
           "remind": "Post to the group", "colon": ": ", "sep": "; "},
}


def cal_words(cal: Calendar) -> dict[str, str]:
    from .text import language_of

    return CAL_WORDS[language_of(cal.business)]


def _type_shown(kind: str, words: dict, business: str) -> str:
    """The activity as a reader of the calendar's language knows it, as the business does it (JSON keeps the
    canonical name)."""
    from .planner import activity_shown

    return activity_shown(kind, "zh" if words is CAL_WORDS["zh"] else "en", business)


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")


def _titles(citations, words: dict) -> str:
    from .source_gloss import title_shown

    lang = "zh" if words is CAL_WORDS["zh"] else "en"
    return words["sep"].join(dict.fromkeys(title_shown(c.title, lang) for c in citations))  # each article once


def calendar_markdown(cal: Calendar) -> str:
    w = cal_words(cal)
    c = w["colon"]
    lines = [f"# {w['title']}{c}{cal.goal}", "", f"{w['business']}{c}{cal.business}", ""]
    if cal.notices:
        lines += [f"> {n}" for n in cal.notices] + [""]
    lines += [f"| {w['date']} | {w['weekday']} | {w['type']} | {w['topic']} |", "| --- | --- | --- | --- |"]
    lines += [f"| {d.date} | {d.weekday} | {_type_shown(d.type, w, cal.business)} | {_md_cell(d.topic)} |" for d in cal.days]
    for d in cal.days:
        lines += ["", f"## {d.date} {d.weekday} · {_type_shown(d.type, w, cal.business)}", "", f"**{w['topic']}**{c}{d.topic}", "",
                  f"**{w['post']}**{c}", ""]
        lines += [f"> {line}" if line else ">" for line in d.post.splitlines()]
        lines += ["", f"**{w['why']}**{c}{d.why}"]
        if d.citations:
            lines += ["", f"**{w['sources']}**{c}" + _titles(d.citations, w)]
    lines += _usage_lines(cal.token_usage)
    return "\n".join(lines) + "\n"


def _usage_lines(usage: list[dict]) -> list[str]:
    if not usage:
        return []
    return ["", "## 模型调用", ""] + [
        f"- {u['call']}:输入 {u['prompt_tokens']} tokens,输出 {u['completion_tokens']} tokens" for u in usage]


def calendar_csv(cal: Calendar) -> bytes:
    """UTF-8 with BOM and CRLF, so Excel opens Chinese text correctly."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    words = cal_words(cal)
    w.writerow(CSV_HEADER_ZH if words is CAL_WORDS["zh"] else CSV_HEADER_EN)
    for d in cal.days:
        w.writerow([d.date, d.weekday, _type_shown(d.type, words, cal.business), d.topic, d.post, d.why,
                    _titles(d.citations, words)])
    return buf.getvalue().encode("utf-8-sig")


# The calendar's maker, named in the language the calendar is written in (RFC 5545 ends it with that language).
PRODID = {"zh": "-//Community Assistant//社群助手//ZH", "en": "-//Community Assistant//Community Assistant//EN"}

# Without a time in the post, the reminder comes at this hour on the day (an all-day event starts at 00:00).
REMIND_AT_HOUR = 9


def calendar_ics(cal: Calendar) -> bytes:
    """One event per day with a reminder; timed when the post names a time for that day, else all-day. A time in
    the night after the day (今晚12点, 晚上1点) starts on the next date, at 00:00 or 01:00: the event is where it
    happens, and its reminder half an hour before still falls on the post's evening.
    Imports into Google, Apple and Outlook calendars."""
    from icalendar import Alarm, Event
    from icalendar import Calendar as ICal

    from .dates import time_in

    ical = ICal()
    ical.add("prodid", PRODID["zh" if cal_words(cal) is CAL_WORDS["zh"] else "en"])
    ical.add("version", "2.0")
    ical.add("calscale", "GREGORIAN")
    ical.add("method", "PUBLISH")
    words = cal_words(cal)
    ical.add("x-wr-calname", f"{words['calname']}{words['colon']}{cal.goal}")
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    for d in cal.days:
        day = dt.date.fromisoformat(d.date)
        ev = Event()
        uid = hashlib.sha1(f"{cal.business}|{cal.goal}|{d.date}|{d.type}".encode()).hexdigest()[:24]
        ev.add("uid", f"{uid}@community-assistant")
        ev.add("dtstamp", stamp)
        start = time_in(d.post, day)
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"{words['remind']}{words['colon']}{d.topic}")
        if start:
            ev.add("dtstart", start)
            ev.add("dtend", start + dt.timedelta(hours=1))
            alarm.add("trigger", dt.timedelta(minutes=-30))
        else:
            ev.add("dtstart", day)
            ev.add("dtend", day + dt.timedelta(days=1))
            alarm.add("trigger", dt.timedelta(hours=REMIND_AT_HOUR))
        ev.add("summary", d.topic)  # the topic already starts with the activity ("小组PK:…")
        ev.add("description", f"{d.post}\n\n{words['why']}{words['colon']}{d.why}")
        ev.add("transp", "TRANSPARENT")
        ev.add_component(alarm)
        ical.add_component(ev)
    return ical.to_ical()


def export_name(cal: Calendar, fmt: str) -> str:
    """A file name a person can read: 本周群帖-面包店-11月23日.ics."""
    first_part = re.split(r"[,,。.;;!!??、\n]", cal.business.strip(), maxsplit=1)[0]
    words = re.sub(r"[^\w\u4e00-\u9fff]+", "", first_part)[:10] or "群帖"
    first = dt.date.fromisoformat(cal.days[0].date)
    return f"本周群帖-{words}-{first.month}月{first.day}日.{fmt}"


def plan_file_name(plan: GoalPlan) -> str:
    """A file name a person can read: 建群方案-面包店.md."""
    first_part = re.split(r"[,,。.;;!!??、\n]", plan.business.strip(), maxsplit=1)[0]
    if plan_words(plan) is PLAN_WORDS["en"]:
        words = "-".join(re.findall(r"[A-Za-z0-9]+", first_part)[:4]).lower() or "my-group"
        return f"group-plan-{words}.md"
    words = re.sub(r"[^\w\u4e00-\u9fff]+", "", first_part)[:10] or "我的群"
    return f"建群方案-{words}.md"


def calendar_json(cal: Calendar) -> str:
    return json.dumps(cal.to_dict(), ensure_ascii=False, indent=2)


def render_calendar(cal: Calendar, fmt: str) -> str | bytes:
    """``md``/``json`` give text; ``csv``/``ics`` give bytes ready to write to a file."""
    if fmt == "md":
        return calendar_markdown(cal)
    if fmt == "csv":
        return calendar_csv(cal)
    if fmt == "ics":
        return calendar_ics(cal)
    if fmt == "json":
        return calendar_json(cal)
    raise InputError(f"不支持的格式 {fmt!r},可选:{', '.join(FORMATS)}")


# A plan's headings in the language it was written in (the values stay as the plan has them).
PLAN_WORDS = {
    "zh": {"goal": "共同目标", "ideal": "理想", "gap": "缺口", "type": "群的类型", "keys": "五个关键", "vision": "愿景",
           "threshold": "门槛", "rules": "规则", "activities": "活动", "benefits": "权益", "pitfalls": "要避开的坑",
           "sources": "出处", "colon": ":", "then": "。"},
    "en": {"goal": "Shared goal", "ideal": "Ideal", "gap": "Gap", "type": "Kind of group", "keys": "Five keys",
           "vision": "Vision", "threshold": "Threshold", "rules": "Rules", "activities": "Activities",
           "benefits": "Benefits", "pitfalls": "Pitfalls to avoid", "sources": "Sources", "colon": ": ", "then": ". "},
}


# What a plan's source is cited for (Citation.part, .role): the part of the plan it supports, or a pitfall to avoid.
CITE_WORDS = {
    "zh": {"parts": {"group_type": "群的类型", "goal": "共同目标", "threshold": "门槛", "rules": "规则", "checkin": "打卡",
                     "pitfalls": "为什么要避开这个坑"},
           "support": "(依据:{part})", "avoid": "(文中的雷区,要避开)"},
    "en": {"parts": {"group_type": "kind of group", "goal": "shared goal", "threshold": "threshold", "rules": "rules",
                     "checkin": "check-in", "pitfalls": "why to avoid the pitfall"},
           "support": " (basis for: {part})", "avoid": " (a pitfall the article warns of: avoid it)"},
}


def cited_for(citation, lang: str) -> str:
    """A source's note on what it is cited for: a pitfall passage as one to avoid, never as support."""
    w = CITE_WORDS["en" if lang == "en" else "zh"]
    if citation.role == "avoid":
        return w["avoid"]
    part = w["parts"].get(citation.part)
    return w["support"].format(part=part) if part and citation.role == "support" else ""


def plan_words(plan: GoalPlan) -> dict[str, str]:
    """The headings for ``plan``, in the language of its business description."""
    from .text import language_of

    return PLAN_WORDS[language_of(plan.business)]


def group_type_shown(plan: GoalPlan) -> str:
    """The kind of group as a reader of the plan's language knows it (the JSON keeps the Chinese value)."""
    from . import group_types

    g = group_types.find(plan.group_type)
    return g.en if g and plan_words(plan) is PLAN_WORDS["en"] else plan.group_type


def plan_to_markdown(plan: GoalPlan) -> str:
    k, w = plan.keys, plan_words(plan)
    lang = "en" if w is PLAN_WORDS["en"] else "zh"
    c = w["colon"]
    lines = [f"# {w['goal']}{c}{plan.goal}", ""]
    if plan.notices:
        lines += [f"> {n}" for n in plan.notices] + [""]
    lines += [f"- **{w['ideal']}**{c}{plan.ideal}", f"- **{w['gap']}**{c}{plan.gap}",
              f"- **{w['type']}**{c}{group_type_shown(plan)}{w['then']}{plan.group_type_reason}", "",
              f"## {w['keys']}", "", f"- **{w['vision']}**{c}{k.vision}", f"- **{w['threshold']}**{c}{k.threshold}",
              f"- **{w['rules']}**{c}"]
    lines += [f"  - {r}" for r in k.rules]
    lines += [f"- **{w['activities']}**{c}"] + [f"  - {a}" for a in k.activities]
    lines += [f"- **{w['benefits']}**{c}"] + [f"  - {b}" for b in k.benefits]
    lines += ["", f"## {w['pitfalls']}", ""] + [f"- {p}" for p in plan.pitfalls]
    if plan.citations:
        from .source_gloss import citation_line

        lines += ["", f"## {w['sources']}", ""] + [f"- {citation_line(x, lang, cited_for(x, lang) + c)}"
                                                    for x in plan.citations]
    lines += _usage_lines(plan.token_usage)
    return "\n".join(lines) + "\n"
