"""Where the members are, pulled out of a description, and used in the plan and the welcome post."""
import datetime as dt

import pytest

from assistant.chains import derive_goal, weekly_calendar
from assistant.owner_details import OwnerDetails, details_of, rhythm_of, visits_per_week


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


# How owners say where they are, and where they say nothing: a business phrase ("一家社区面包店": a community
# bakery) is never a place's name; a district or county with its name is a place (written for this test).
@pytest.mark.parametrize("text, place, kind", [
    ("我开了一家社区面包店", "", "neighbourhood"),
    ("我们是一家社区面包店", "", "neighbourhood"),
    ("一家社区医院,病人多是附近的老人", "", "neighbourhood"),
    ("开了间社区洗衣店,街坊都来", "", "neighbourhood"),
    ("开了家空中花园咖啡馆", "", ""),
    ("我们是阳光小区的面包店", "阳光小区", "neighbourhood"),
    ("我开了一家店,就在翠苑新村门口", "翠苑新村", "neighbourhood"),
    ("我在幸福家园开了一家理发店", "幸福家园", "neighbourhood"),
    ("水果店开在三个小区中间", "", "neighbourhood"),  # a count of places names none
    ("早餐店,在几个大小区之间", "", "neighbourhood"),
    ("阳光社区里的早餐铺", "阳光社区", "neighbourhood"),
    ("在杭州西湖区开了家花店", "杭州西湖区", "area"),
    ("杭州西湖区的一家花店", "杭州西湖区", "area"),
    ("我是做家政的,服务海淀区", "海淀区", "area"),  # a verb opening the clause is not the name
    ("覆盖朝阳区的上门保洁", "朝阳区", "area"),
    ("主要做浦东新区的生意", "浦东新区", "area"),
    ("在开发区上班的白领", "", "office"),  # 开发区 is no district's name
    ("我们在朝阳区开了一家健身房", "朝阳区", "area"),
    ("我们是桐庐县的一家农资店", "桐庐县", "area"),
    ("我在浦东新区张江镇开了家咖啡馆", "浦东新区张江镇", "area"),
    ("县城里的一家农资店", "", ""),
    ("镇上的一家农资店,客户多是种地的老乡", "", ""),
    ("景区门口的奶茶店", "", ""),
    ("工业区里的快餐店,客人多是工人", "", ""),
    ("我们县城最大的一家书店", "", ""),
    ("望京SOHO写字楼里的轻食店", "望京SOHO写字楼", "office"),
    ("学校门口的文具店", "", "school"),
    ("a community bakery", "", ""),
    ("We run a bakery in our neighbourhood", "", "neighbourhood"),
])
def test_a_business_phrase_is_no_place(text, place, kind):
    d = details_of(text)
    assert (d.place, d.place_kind) == (place, kind)


@pytest.mark.parametrize("business, near, absent", [
    ("我开了一家社区面包店", "咱们都在附近小区", "开了一家"),
    ("我们是一家社区面包店,顾客多是宝妈", "咱们都在附近小区", "一家社区"),
    ("在杭州西湖区开了家花店", "咱们都在杭州西湖区", "开了家"),
    ("县城里的一家农资店", "", "咱们都在"),
])
def test_the_place_in_the_plan_and_the_welcome(business, near, absent):
    from assistant.launch import launch_day
    from assistant.planner import plan_activity

    plan = derive_goal(business)
    texts = [plan.keys.threshold, launch_day(business, plan.goal, 0, "zh")["post"],
             plan_activity(business, plan.goal, "欢迎", 0)["post"]]
    for t in texts:
        assert absent not in t, t
    assert all(near in t for t in texts[1:]), texts
    assert ("地域门槛" in plan.keys.threshold) is bool(near)


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


@pytest.mark.parametrize("text, visits, band", [
    ("会员每周来两三次", 2.5, "often"),
    ("很多老人天天来买早餐", 7.0, "often"),
    ("每周上2-3次课", 2.5, "often"),
    ("孩子每周六上一次课", 1.0, "weekly"),
    ("熟客大概一个月来一次", 0.233, "monthly"),
    ("一年也就来一两次", 0.029, "rare"),
    ("顾客偶尔来", 0.038, "rare"),
    ("they come twice a week", 2.0, "often"),
    ("most members visit weekly", 1.0, "weekly"),
    ("patients come once or twice a year", 0.019, "rare"),
    ("每天营业到晚上9点", None, ""),  # opening hours say nothing about the members
    ("我开了家健身房", None, ""),
])
def test_how_often_members_come(text, visits, band):
    assert visits_per_week(text) == visits
    assert rhythm_of(visits_per_week(text)) == band


def test_how_often_members_come_shapes_the_plan_and_the_check_in_post():
    often = derive_goal("我开了家健身房,会员每周来两三次", group_type="超级用户群")
    rare = derive_goal("我开了家健身房,会员一个月才来一次", group_type="超级用户群")
    unsaid = derive_goal("我开了家健身房", group_type="超级用户群")
    assert "来过店里的日子" in often.keys.rules[2] and "不用等到来店" in rare.keys.rules[2]
    assert unsaid.keys.rules[2] not in (often.keys.rules[2], rare.keys.rules[2])
    assert "近两个月每周都来的常客" in often.keys.threshold and "常来常用" in unsaid.keys.threshold
    assert any("每周来好几次" in p for p in often.pitfalls) and any("每月来一次" in p for p in rare.pitfalls)
    # The owner's answer wins over the description.
    answered = derive_goal("我开了家健身房,会员每周来两三次", answers={"frequency": "一年来一两次"})
    assert any("一年只来几次" in p for p in answered.pitfalls)
    english = derive_goal("dental clinic, patients come once or twice a year")
    assert any("a few times a year" in p for p in english.pitfalls)
    assert "? No need to wait" in english.keys.rules[2] or "; no need to wait" in english.keys.rules[2]
    week = weekly_calendar("社区健身房,会员每周来两三次", start=dt.date(2027, 3, 1), days=7).days
    assert "今天来过店里的伙伴" in next(d for d in week if d.type == "打卡").post
    assert all("今天来过店里" not in d.post for d in weekly_calendar("社区健身房", start=dt.date(2027, 3, 1)).days)
