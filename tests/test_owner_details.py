"""Where the members are, pulled out of a description, and used in the plan and the welcome post."""
import datetime as dt

import pytest

from assistant.chains import derive_goal, weekly_calendar
from assistant.owner_details import OwnerDetails, details_of


@pytest.mark.parametrize("text, expected", [
    ("我在阳光花园小区门口开了家面包店", OwnerDetails("阳光花园小区", "neighbourhood")),
    ("我们在望京SOHO写字楼里开咖啡店", OwnerDetails("望京SOHO写字楼", "office")),
    ("顾客多是金桥科技园的程序员", OwnerDetails("金桥科技园", "office")),
    ("社区水果店,老顾客多", OwnerDetails("", "neighbourhood")),
    ("我们小区的面馆", OwnerDetails("", "neighbourhood")),  # "我们" is not a name
    ("学校门口的文具店", OwnerDetails("", "school")),
    ("a small bakery in our neighbourhood", OwnerDetails("", "neighbourhood")),
    ("宠物店,客人爱猫", OwnerDetails()),
])
def test_details_of(text, expected):
    assert details_of(text) == expected


def test_a_named_place_makes_a_regional_threshold_and_a_welcome_line():
    business = "我在阳光花园小区门口开了家面包店,顾客多是宝妈"
    plan = derive_goal(business)
    assert "地域门槛" in plan.keys.threshold and "阳光花园小区" in plan.keys.threshold
    first = weekly_calendar(business, start=dt.date(2027, 3, 1), days=1, launch=True).days[0]
    assert "咱们都在阳光花园小区" in first.post
    plain = derive_goal("面包店,顾客多是宝妈")
    assert "地域门槛" not in plain.keys.threshold  # nothing said about a place: nothing invented


@pytest.mark.parametrize("text, closes, zh, en", [
    ("早上7点到晚上9点营业", 21.0, "晚9点半", "9:30 pm"),
    ("营业时间7:00-21:00", 21.0, "晚9点半", "9:30 pm"),
    ("我们店开到晚上8点半", 20.5, "晚9点", "9 pm"),
    ("open 7am to 9pm", 21.0, "晚9点半", "9:30 pm"),
    ("we close at 6 pm", 18.0, "晚8点", "8 pm"),  # closed long before: the usual 8 pm
    ("营业到晚上10点", 22.0, "晚8点", "8 pm"),  # open late: staff take the chat at 8 pm
    ("宠物店,客人爱猫", None, "晚8点", "8 pm"),
])
def test_opening_hours_set_the_evening_events(text, closes, zh, en):
    from assistant.owner_details import closing_hour, evening_slot

    assert closing_hour(text) == closes
    assert (evening_slot(closes, "zh"), evening_slot(closes, "en")) == (zh, en)


def test_the_week_holds_its_evening_events_after_closing():
    cal = weekly_calendar("社区面包店,早上7点到晚上9点营业,顾客多是宝妈", start=dt.date(2027, 3, 1))
    announced = [d.post for d in cal.days if d.type in ("成员故事", "嘉宾问答")]
    assert announced and all("晚9点半" in p and "晚8点" not in p for p in announced)


@pytest.mark.parametrize("business, members, expected", [
    ("牙科诊所", "附近小区的家庭", "只请附近小区的家庭,"),
    ("咖啡店,在望京SOHO写字楼里", "望京SOHO写字楼的白领", "只请在望京SOHO写字楼上班的白领,"),
    ("a cafe in the Riverside office park", "office workers in the office buildings nearby",
     "only office workers working in the office buildings nearby,"),
])
def test_an_answer_naming_the_place_is_not_doubled(business, members, expected):
    assert expected in derive_goal(business, answers={"members": members}).keys.threshold
