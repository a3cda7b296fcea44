"""Dates and times as people write them."""
import datetime as dt

import pytest

from assistant.dates import parse_date, past_start_notice, time_in
from assistant.errors import InputError

TODAY = dt.date(2026, 11, 25)  # a Wednesday


@pytest.mark.parametrize("text, expected", [
    ("2026-11-30", dt.date(2026, 11, 30)), ("2026/11/30", dt.date(2026, 11, 30)), ("2026.12.1", dt.date(2026, 12, 1)),
    ("2026年11月30日", dt.date(2026, 11, 30)), ("11月30日", dt.date(2026, 11, 30)), ("11/30", dt.date(2026, 11, 30)),
    ("1月5号", dt.date(2027, 1, 5)),  # already past this year: next year
    ("下周一", dt.date(2026, 11, 30)), ("本周五", dt.date(2026, 11, 27)), ("周一", dt.date(2026, 11, 30)),
    ("周三", TODAY), ("下下周一", dt.date(2026, 12, 7)), ("星期天", dt.date(2026, 11, 29)),
    ("明天", dt.date(2026, 11, 26)), ("today", TODAY), ("next monday", dt.date(2026, 11, 30)),
])
def test_dates_people_write(text, expected):
    assert parse_date(text, today=TODAY) == expected


@pytest.mark.parametrize("text", ["", "2026-02-30", "13月1日", "someday", "23/13/2026"])
def test_unreadable_dates_say_what_works(text):
    with pytest.raises(InputError):
        parse_date(text, today=TODAY)


@pytest.mark.parametrize("post, expected", [
    ("今晚8点群里见", dt.time(20, 0)), ("20:30 开始", dt.time(20, 30)), ("下午三点半集合", dt.time(15, 30)),
    ("tonight at 8 pm", dt.time(20, 0)), ("本周六晚8点的故事会", None), ("Saturday at 8 pm", None),
    ("今天打卡,一句话就够", None),
])
def test_time_named_for_the_day(post, expected):
    assert time_in(post) == expected


@pytest.mark.parametrize("text, lang, words", [
    ("2026-11-25", "zh", None),  # today is not past
    ("2026-11-18", "zh", ["已经过去 7 天", "年份"]),
    ("2025-11-30", "zh", ["已经过去 360 天", "年份"]),
    ("昨天", "zh", ["已经过去 1 天"]),
    ("2026-11-24", "en", ["1 day ago", "year"]),
])
def test_a_past_start_is_noted_and_a_typed_year_questioned(text, lang, words):
    notice = past_start_notice(text, parse_date(text, today=TODAY), today=TODAY, lang=lang)
    if words is None:
        assert notice is None
    else:
        assert all(w in notice for w in words) and "\n" not in notice
        assert ("年份" in notice or "year" in notice) == any(w in ("年份", "year") for w in words)
