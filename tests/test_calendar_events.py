"""Holidays get a greeting tied to the goal; the members' own dates in a description are counted down to."""
import datetime as dt
import re

import pytest

from assistant.calendar_events import extra_lines, holiday, member_dates, passed_member_dates
from assistant.chains import weekly_calendar
from assistant.guard import lint_post

D = dt.date


@pytest.mark.parametrize("text, start, expected", [
    ("考研辅导工作室,学员12月20日考研", D(2026, 12, 7), [(D(2026, 12, 20), "考研")]),
    ("跑团,大家的半马定在2027年3月15日", D(2026, 12, 7), [(D(2027, 3, 15), "半马")]),
    ("钢琴教室,孩子们6月8号考级", D(2026, 12, 7), [(D(2027, 6, 8), "考级")]),  # no year, already past: next year
    ("running club, our marathon is on 4/12", D(2027, 1, 4), [(D(2027, 4, 12), "marathon")]),
    ("面包店12月20日开业", D(2026, 12, 7), []),  # the shop's own date is not the members' event
    ("学员2月30日考试", D(2026, 12, 7), []),  # not a date
])
def test_member_dates(text, start, expected):
    assert member_dates(text, start) == expected


def test_holidays_fixed_and_lunar():
    assert holiday(D(2026, 10, 1))[0] == "国庆节" and holiday(D(2027, 2, 6))[0] == "春节"
    assert holiday(D(2026, 10, 2)) is None


def test_extra_lines_count_down_on_chosen_days_and_always_on_the_day():
    exam = [(D(2026, 12, 20), "考研")]
    assert extra_lines(D(2026, 12, 15), "备考", "zh", exam, countdown=True) == ["离考研还有 5 天:今天的一小步,就是那天的底气。"]
    assert extra_lines(D(2026, 12, 16), "备考", "zh", exam, countdown=False) == []
    assert "今天就是考研" in extra_lines(D(2026, 12, 20), "备考", "zh", exam, countdown=False)[0]
    far = [(D(2027, 6, 1), "考级")]
    assert extra_lines(D(2026, 12, 15), "练琴", "zh", far, countdown=True) == []  # more than 60 days away
    greeting = extra_lines(D(2026, 12, 25), "8 weeks to bake bread", "en", [], countdown=False)
    assert greeting and "Christmas" in greeting[0] and "8 weeks to bake bread" in greeting[0]


def test_the_week_carries_holidays_and_the_countdown_and_still_passes_the_guard():
    cal = weekly_calendar("考研辅导工作室,学员12月20日考研,多是在职备考的上班族", start=D(2026, 12, 14))
    posts = {d.date: d.post for d in cal.days}
    assert "离考研还有 5 天" in posts["2026-12-15"] and "今天就是考研" in posts["2026-12-20"]
    assert all(not lint_post(p).flagged for p in posts.values())
    national = weekly_calendar("社区花店,客人多是附近的上班族", start=D(2026, 9, 28))
    assert "国庆节快乐" in next(d.post for d in national.days if d.date == "2026-10-01")


@pytest.mark.parametrize("text, expected", [
    ("running club, our members' marathon is on Feb 14", [(D(2027, 2, 14), "marathon")]),
    ("piano school; the recital on 20th December", [(D(2026, 12, 20), "recital")]),
    ("half marathon on March 15, 2027", [(D(2027, 3, 15), "marathon")]),
    ("our race is in May", []),  # no day: nothing to count down to
])
def test_member_dates_written_in_english(text, expected):
    assert member_dates(text, D(2026, 12, 7)) == expected


def test_qingming_is_not_wished_happy_and_chinese_only_days_stay_out_of_english_weeks():
    zh = extra_lines(D(2027, 4, 5), "一起读书", "zh", [], countdown=False)
    assert zh and "快乐" not in zh[0] and "清明" in zh[0]
    assert extra_lines(D(2027, 4, 5), "reading", "en", [], countdown=False) == []
    assert extra_lines(D(2026, 10, 1), "reading", "en", [], countdown=False) == []


@pytest.mark.parametrize("business, day, greeted", [
    # An English plan greets Lunar New Year only when the description shows the members keep it.
    ("Independent bike repair shop in Manchester, UK", D(2027, 2, 6), None),
    ("Dog grooming salon in Austin, Texas", D(2026, 2, 17), None),
    ("Yarn shop in Vermont with weekly knit nights", D(2027, 2, 5), None),  # the eve: Chinese plans only
    ("Chinese bakery in Vancouver, mostly regulars from the neighbourhood", D(2027, 2, 6), "Lunar New Year"),
    ("Dim sum restaurant in Sydney", D(2028, 1, 26), "Lunar New Year"),
    ("Tai chi classes in the park for retirees", D(2027, 2, 6), "Lunar New Year"),
    ("We run a bakery", D(2026, 12, 25), "Christmas"),  # the festive days every plan shares stay
    # Chinese plans are unchanged: both days greeted.
    ("社区花店,客人多是附近的上班族", D(2027, 2, 5), "除夕"),
    ("社区花店,客人多是附近的上班族", D(2027, 2, 6), "春节"),
])
def test_lunar_new_year_in_english_only_for_members_who_keep_it(business, day, greeted):
    lang = "zh" if re.search(r"[\u4e00-\u9fff]", business) else "en"
    lines = extra_lines(day, "goal", lang, [], countdown=False, business=business)
    if greeted is None:
        assert lines == [] and holiday(day, lang, business) is None
    else:
        assert lines and greeted in lines[0], lines


@pytest.mark.parametrize("text, start, expected", [
    ("考研辅导工作室,学员12月20日考研", D(2026, 12, 28), [(D(2026, 12, 20), "考研")]),
    ("考研辅导工作室,学员12月20日考研", D(2027, 1, 11), [(D(2026, 12, 20), "考研")]),  # across the new year
    ("考研辅导工作室,学员12月20日考研", D(2026, 12, 14), []),  # still ahead
    ("考研辅导工作室,学员12月20日考研", D(2027, 3, 1), []),  # long past: no longer "the week after"
    ("running club, our marathon was on Nov 22", D(2026, 11, 30), [(D(2026, 11, 22), "marathon")]),
])
def test_passed_member_dates(text, start, expected):
    assert passed_member_dates(text, start) == expected


@pytest.mark.parametrize("business, start, line, notice", [
    ("考研辅导工作室,学员12月20日考研", D(2026, 12, 28), "考研已经过去 8 天了", "请和成员一起定下一个长期目标"),
    ("exam prep tutoring; our students sit the exam on Dec 5", D(2026, 12, 14), "The exam was 9 days ago",
     "agree on the next long-term goal"),
])
def test_the_week_after_the_members_date_says_so(business, start, line, notice):
    cal = weekly_calendar(business, start=start)
    assert line in cal.days[0].post and all(line not in d.post for d in cal.days[1:])
    assert any(notice in n for n in cal.notices)
    assert not any(line in d.post for d in weekly_calendar(business, start=D(2026, 11, 30)).days)


@pytest.mark.parametrize("business, day, after, label", [
    ("考公培训工作室,国考笔试是2026年12月13日", "2026-12-13", "2026-12-14", "笔试"),
    ("running club; our members' marathon is on Dec 13", "2026-12-13", "2026-12-14", "marathon"),
])
def test_the_members_day_is_wished_well_and_the_next_post_looks_back(business, day, after, label):
    days = {d.date: d for d in weekly_calendar(business, start=D(2026, 12, 7), days=14).days}
    assert label in days[day].topic and "不布置任务" in days[day].post or "No task" in days[day].post
    assert "复盘" not in days[day].post and "Review" not in days[day].topic  # not an ordinary day's task
    looks_back = [d for d, p in days.items() if "过去 1 天了" in p.post or "was yesterday" in p.post]
    assert looks_back == [after]


@pytest.mark.parametrize("business, start, day, gentle", [
    ("殡葬用品店,卖寿衣、花圈和祭祀用品", D(2027, 2, 1), "2027-02-06", True),  # 春节
    ("我们是一家殡葬服务公司,主要服务本市的逝者家属", D(2027, 4, 5), "2027-04-05", True),  # 清明
    ("安宁疗护病房", D(2026, 9, 28), "2026-10-01", True),  # 国庆节
    ("Funeral home serving families in our county", D(2026, 12, 21), "2026-12-25", True),
    ("We run a small hospice by the sea", D(2026, 12, 28), "2027-01-01", True),
    ("社区花店,客人多是附近的上班族", D(2027, 2, 1), "2027-02-06", False),
    ("We run a bakery", D(2026, 12, 21), "2026-12-25", False),
])
def test_families_in_grief_or_by_a_deathbed_are_greeted_quietly_on_holidays(business, start, day, gentle):
    """A gentle plan's holidays (a funeral service, a hospice): no 快乐, and no goal to keep up over the holiday
    ("过节也别忘了我们的…,哪怕只做一小步"), only company; other plans keep their festive greeting."""
    from assistant.planner import PUSHY

    cal = weekly_calendar(business, start=start)
    post = next(d.post for d in cal.days if d.date == day)
    line = post.split("\n")[-1]
    if gentle:
        assert not re.search(r"快乐|别忘了|一小步|Happy|one small step", line), line
        assert cal.goal not in line and not PUSHY.search(line), line
        assert "群里一直有人在" in line or "the group is here" in line, line
    else:
        assert re.search(r"快乐|Happy", line), line


def test_a_pushy_gentle_holiday_greeting_fails_when_loaded(tmp_path, monkeypatch):
    from conftest import assert_load_fails

    from assistant import calendar_events

    text = calendar_events.HOLIDAYS_FILE.read_text(encoding="utf-8")
    assert_load_fails(monkeypatch, tmp_path, calendar_events, "HOLIDAYS_FILE", calendar_events._holidays,
                      text.replace("不管今天过得怎么样", "过节也别忘了打卡", 1), "zh_gentle")
