"""Calendar exports: Markdown, CSV for Excel, ICS for Google/Apple calendars, JSON."""
import csv
import datetime as dt
import io
import json

import pytest
from icalendar import Calendar as ICal

from assistant.chains import Assistant
from assistant.exports import plan_to_markdown, render_calendar


@pytest.fixture(scope="module")
def cal(shared_e5_settings):
    return Assistant(shared_e5_settings).weekly_calendar("社区健身房,会员是上班族", start=dt.date(2026, 11, 23))


def test_json_shape(cal):
    data = json.loads(render_calendar(cal, "json"))
    assert data["goal"] == "60天,改变身形"
    day = data["days"][0]
    assert set(day) >= {"date", "weekday", "type", "topic", "post", "why", "citations"}
    assert day["date"] == "2026-11-23" and day["weekday"] == "周一"


def test_csv_opens_in_excel_with_chinese(cal):
    raw = render_calendar(cal, "csv")
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel then reads UTF-8
    assert b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:4] == ["日期", "星期", "类型", "话题"] and len(rows) == 8
    assert "\n" in rows[1][4]  # multi-line posts stay in one quoted cell


def test_ics_events_with_reminders(cal):
    ical = ICal.from_ical(render_calendar(cal, "ics"))
    assert str(ical["VERSION"]) == "2.0" and ical.get("PRODID")
    events = ical.walk("VEVENT")
    assert len(events) == 7
    uids = set()
    for i, ev in enumerate(events):
        start, end = ev.decoded("DTSTART"), ev.decoded("DTEND")
        day = dt.date(2026, 11, 23) + dt.timedelta(days=i)
        if type(start) is dt.date:
            assert start == day and end - start == dt.timedelta(days=1)
        else:
            assert start.date() == day and end > start
        assert ev.get("DTSTAMP") and ev.get("SUMMARY")
        summary = str(ev["SUMMARY"])
        assert not summary.startswith(f"{cal.days[i].type}:{cal.days[i].type}")
        assert ev.walk("VALARM"), "every event reminds the owner"
        uids.add(str(ev["UID"]))
    assert len(uids) == 7


def test_ics_event_is_timed_when_the_post_names_a_time_for_that_day(cal):
    timed = cal.model_copy(deep=True)
    timed.days[0].post = "今晚8点在群里一起复盘本周"
    ev = ICal.from_ical(render_calendar(timed, "ics")).walk("VEVENT")[0]
    assert ev.decoded("DTSTART") == dt.datetime(2026, 11, 23, 20, 0)


@pytest.mark.parametrize("post, start", [
    ("今晚12点一起跨年倒数", dt.datetime(2026, 11, 24, 0, 0)),  # the midnight that ends the day: 00:00 the next date
    ("夜钓晚上1点出发", dt.datetime(2026, 11, 24, 1, 0)),
    ("中午12点一起吃饭", dt.datetime(2026, 11, 23, 12, 0)),
])
def test_ics_event_after_midnight_starts_on_the_next_date(cal, post, start):
    timed = cal.model_copy(deep=True)
    timed.days[0].post = post
    ev = ICal.from_ical(render_calendar(timed, "ics")).walk("VEVENT")[0]
    assert ev.decoded("DTSTART") == start and ev.decoded("DTEND") == start + dt.timedelta(hours=1)
    assert ev.walk("VALARM")[0].decoded("TRIGGER") == dt.timedelta(minutes=-30)  # 23:30 on the post's evening


def test_export_file_names_are_readable(cal):
    from assistant.exports import export_name

    assert export_name(cal, "ics") == "本周群帖-社区健身房-11月23日.ics"


def test_markdown_has_table_and_posts(cal):
    md = render_calendar(cal, "md")
    assert "| 2026-11-23 | 周一 | 分享 |" in md and "**群帖**" in md


def test_unknown_format(cal):
    with pytest.raises(ValueError):
        render_calendar(cal, "pdf")


def test_plan_markdown(shared_e5_settings):
    md = plan_to_markdown(Assistant(shared_e5_settings).derive_goal("独立书店"))
    assert md.startswith("# 共同目标:") and "## 五个关键" in md and "## 出处" in md


def test_an_english_week_exports_in_english():
    import datetime as dt

    from assistant.chains import weekly_calendar
    from assistant.exports import render_calendar

    cal = weekly_calendar("a bike repair shop in Leeds, open 9am to 7pm", start=dt.date(2027, 3, 1), days=2)
    md = render_calendar(cal, "md")
    assert md.startswith("# Weekly topics: ") and "| Date | Day | Type | Topic |" in md and "**Post**: " in md
    assert "周话题日历" not in md and "群帖" not in md and "Sharing" in md
    assert render_calendar(cal, "csv").decode("utf-8-sig").startswith("Date,Day,Type,Topic,Post,Why,Sources")
    ics = render_calendar(cal, "ics").decode()
    assert "X-WR-CALNAME:Group topics: " in ics and "为什么" not in ics and "发群帖" not in ics
    assert [d["type"] for d in cal.to_dict()["days"]] == ["分享", "打卡"]  # JSON keeps the canonical values


@pytest.mark.parametrize("business, shown, hidden", [
    ("我们是一家临终关怀机构,陪伴病人走完最后一程", "一起做件小事", "小组PK"),  # grief: no 挑战 either
    ("We run a small hospice by the sea", "Something together", "Team challenge"),
    ("社区健身房,会员是上班族", "小组PK", "一起挑战"),
])
def test_the_challenge_is_shown_as_the_business_does_it(shared_e5_settings, business, shown, hidden):
    week = Assistant(shared_e5_settings).weekly_calendar(business, start=dt.date(2026, 11, 23))
    thursday = next(d for d in week.days if d.type == "小组PK")  # JSON keeps the canonical name
    assert thursday.topic.startswith(shown)
    rows = list(csv.reader(io.StringIO(render_calendar(week, "csv").decode("utf-8-sig"))))
    assert [r[2] for r in rows if r[0] == thursday.date] == [shown]
    markdown = render_calendar(week, "md")
    assert shown in markdown and hidden not in markdown


# --- English output reads as English: sources glossed, no Chinese in the kind of group, PRODID in English ------
HAN = r"[\u3400-\u9fff]"
ZH_CITE = dict(source="000_f5b7babd23f543bd.md", title="如何做好社群运营不可或缺的两点", heading="3.怎么设计长期目标?",
               excerpt="我们知道了应该设计一个和用户共同完成的长期目标,但是怎么找到这个目标呢?")
NESTED_CITE = dict(source="004_5018d0a87f643da8.md", title="社群运营每天都做什么?这9大雷区要谨慎!(社群运营需要注意)",
                   heading="避开雷区,活九见 › 3. 免费午餐,尽力吸引顾客", excerpt="我们都知道,除非我们回到亲戚家吃饭是免费的")
MERGED_CITE = dict(source="001_91599f05537e4dbb.md", title="这篇文章,我想讲的,是关于社群运营",
                   heading="社群活跃度 › 4.营造氛围 / 社群营销价值", excerpt="社区需要营造出人人都在分享的氛围")
EN_CITE = dict(source="003_58cc4b66d020378c.md", title="Let me ask you directly, have you ever encountered any of…",
               heading="2. Threshold", excerpt="There are many types of thresholds")
UNKNOWN_CITE = dict(source="x.md", title="一篇还没有译名的文章", heading="第一节", excerpt="这里是一段中文。")


def _cal(business: str, cites: list[dict]):
    from assistant.schemas import Calendar, Citation, DayPlan

    day = DayPlan(date="2026-12-07", weekday="Mon", type="分享", topic="Tip of the week", post="[Tip] Something useful.",
                  why="Keep bringing value", citations=[Citation(**c) for c in cites])
    return Calendar(business=business, goal="Ride 1,000 km safely in one quarter", days=[day])


def _plan(business: str, group_type: str, cites: list[dict]):
    from assistant.schemas import Citation, FiveKeys, GoalPlan

    keys = FiveKeys(vision="v", threshold="t", rules=["r"], activities=["a"], benefits=["b"])
    return GoalPlan(goal="g", ideal="i", gap="gap", group_type=group_type, group_type_reason="why", keys=keys,
                    pitfalls=["p"], business=business, citations=[Citation(**c) for c in cites])


@pytest.mark.parametrize("business, prodid", [
    ("Independent bike repair shop in Manchester, UK", "-//Community Assistant//Community Assistant//EN"),
    ("Dog grooming salon in Austin, Texas", "-//Community Assistant//Community Assistant//EN"),
    ("社区健身房,会员是上班族", "-//Community Assistant//社群助手//ZH"),  # Chinese calendars keep theirs
])
def test_ics_prodid_names_the_calendars_language(business, prodid):
    ical = ICal.from_ical(render_calendar(_cal(business, [ZH_CITE]), "ics"))
    assert str(ical["PRODID"]) == prodid


@pytest.mark.parametrize("fmt", ["md", "csv"])
@pytest.mark.parametrize("cites, shown", [
    ([ZH_CITE], "“How to run a community: two essentials” (an article in Chinese)"),
    ([NESTED_CITE], "“What running a community takes every day: nine pitfalls to avoid” (an article in Chinese)"),
    ([EN_CITE], "“Let me ask you directly, have you ever encountered any of…”"),
    ([UNKNOWN_CITE], "an article in Chinese"),
])
def test_english_calendar_names_its_sources_in_english(fmt, cites, shown):
    import re

    out = render_calendar(_cal("Independent bike repair shop in Manchester, UK", cites), fmt)
    text = out.decode("utf-8-sig") if isinstance(out, bytes) else out
    assert shown in text and not re.search(HAN, text), text


@pytest.mark.parametrize("cite, line", [
    (ZH_CITE, "- “How to run a community: two essentials” (an article in Chinese) › 3. How to design the long-term "
              "goal: Find the gap between the members' ideal and their reality"),
    (NESTED_CITE, "› Avoid the nine pitfalls › 3. The free lunch: Customers know nothing is free"),
    (MERGED_CITE, "› Keeping the group active › 4. Atmosphere / What a community is worth to a business: Keep raising"),
    (EN_CITE, "- “Let me ask you directly, have you ever encountered any of…” › 2. Threshold: There are many types"),
    (UNKNOWN_CITE, "- an article in Chinese: (the passage is in Chinese)"),
])
@pytest.mark.parametrize("group_type", ["超级用户群", "交付群", "新用户群", "快闪群"])
def test_english_plan_reads_in_english(cite, line, group_type):
    import re

    md = plan_to_markdown(_plan("Dog grooming salon in Austin, Texas", group_type, [cite]))
    assert line in md and not re.search(HAN, md), md


@pytest.mark.parametrize("cite, line", [
    (ZH_CITE, "- 《如何做好社群运营不可或缺的两点》 › 3.怎么设计长期目标?:我们知道了应该设计一个和用户共同完成的长期目标"),
    (EN_CITE, "- 《Let me ask you directly, have you ever encountered any of…》 › 2. Threshold:There are many types"),
])
def test_chinese_plan_sources_are_unchanged(cite, line):
    md = plan_to_markdown(_plan("社区健身房,会员是上班族", "超级用户群", [cite]))
    assert line in md and "**群的类型**:超级用户群。" in md


def test_every_chinese_article_and_section_has_an_english_gloss():
    """A new Chinese article in corpus/ needs its entry in method/sources_en.toml (else English readers get
    “an article in Chinese”)."""
    import re
    from pathlib import Path

    from assistant.source_gloss import _table

    table = _table()
    for path in sorted(Path(__file__).resolve().parents[1].joinpath("corpus").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        title = re.search(r'^title: "(.*)"$', text, re.M).group(1)
        if not re.search(HAN, title):
            continue
        headings = [h.strip() for h in re.findall(r"^##+ (.*)$", text, re.M)]
        assert title in table, path.name
        assert not [h for h in headings if h not in table[title]["sections"]], path.name


@pytest.mark.parametrize("business, added", [
    ("Independent bike repair shop in Manchester, UK", {"title_en", "heading_en", "passage_en"}),
    ("社区健身房,会员是上班族", set()),  # Chinese JSON keeps exactly its keys
])
@pytest.mark.parametrize("make", ["plan", "calendar"])
def test_json_citations_of_chinese_articles_carry_an_english_gloss_in_english_output(business, added, make):
    import re

    obj = _plan(business, "超级用户群", [ZH_CITE, EN_CITE]) if make == "plan" else _cal(business, [ZH_CITE, EN_CITE])
    d = obj.to_dict()
    zh, en = d["citations"] if make == "plan" else d["days"][0]["citations"]
    base = {"source", "title", "heading", "excerpt", "role", "part"}  # role/part: what the passage is cited for
    assert set(zh) == base | added
    assert set(en) == base  # an English passage needs no gloss
    assert zh["title"] == ZH_CITE["title"] and zh["excerpt"] == ZH_CITE["excerpt"]  # the original stays
    if added:
        assert zh["title_en"] == "How to run a community: two essentials"
        assert not any(re.search(HAN, zh[k]) for k in added)
