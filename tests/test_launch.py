"""A new group's launch week: the articles' rituals in order, in the business's words and language."""
import datetime as dt
import re

import pytest
from conftest import assert_load_fails

from assistant import launch, planner
from assistant.chains import weekly_calendar
from assistant.guard import lint_post
from assistant.planner import detect_industry, plan_day, plan_goal, playbooks, templates, words_for

LAUNCH_TYPES = ["欢迎", "讨论", "讨论", "讨论", "打卡", "分享", "周复盘"]


@pytest.mark.parametrize("business, lang", [("社区面包店,顾客多是附近的宝妈", "zh"),
                                            ("a small bakery in our neighbourhood, customers are young parents", "en")])
def test_launch_week_then_the_rotation(business, lang):
    cal = weekly_calendar(business, start=dt.date(2027, 3, 1), days=9, launch=True)
    assert [d.type for d in cal.days[:7]] == LAUNCH_TYPES
    assert [d.type for d in cal.days[7:]] == ["分享", "打卡"]  # the weekly rotation takes over
    assert all(not lint_post(d.post).flagged for d in cal.days)
    assert all(cal.goal in d.post for d in cal.days[:4])
    tips = [t.rstrip("。.") for t in playbooks(lang)["bakery"]["share"]]
    first = next(t for t in tips if t in cal.days[5].post)  # the first tip is the business's own content
    later = weekly_calendar(business, start=dt.date(2027, 3, 8), days=28)
    assert not any(first in d.post for d in later.days)  # and the Mondays that follow do not repeat it
    if lang == "en":
        assert all(not any("\u4e00" <= ch <= "\u9fff" for ch in d.post + d.topic) for d in cal.days)


@pytest.mark.parametrize("business, key", [
    ("a small bakery in our neighbourhood, customers are young parents", "bakery"),
    ("Family dental clinic; most patients are parents with young kids", "dental"),
    ("Our running club trains beginners for their first half marathon", "running_club"),
    ("社区面包店,顾客多是附近的宝妈", "bakery"),
])
def test_every_tip_fits_the_business(business, key):
    """The launch week's first tip and the Mondays' tips are the business's own, or a general tip told in its
    own words (its check-in, its weekly review): never one with a rhythm or subject of its own ("do one thing a
    day that takes 15 minutes" for members who bake once a week)."""
    assert detect_industry(business) == key
    lang = "zh" if "\u4e00" <= business[0] <= "\u9fff" else "en"
    pb = playbooks(lang)[key]
    own = [t.rstrip("。.") for t in [*pb["share"], *pb["season"].values()]]
    its_words = [pb["checkin"].rstrip("。."), pb["review"].rstrip("。.")]
    # or a general tip with no rhythm or subject of its own, which fits every business as it stands
    its_words += [x.split(":")[0].split(": ")[0] for x in templates(lang)["分享"]["extra"] if "{" not in x]
    first_tips = []
    for week in range(6):  # every turn of the rotation: own tips, the season's, the general ones
        start = dt.date(2027, 3, 1) + dt.timedelta(weeks=week)
        first = launch.launch_day(business, "G", 5, lang, start)["post"]
        monday = plan_day(business, "G", start, 0)["post"]
        for post in (first, monday):
            assert any(t in post for t in own + its_words), post
        first_tips.append(any(t in first for t in own))
    assert sum(first_tips) >= 5  # the business's own tip first, unless the next four Mondays bring them all


def test_without_launch_the_first_day_is_the_usual_one():
    cal = weekly_calendar("社区面包店", start=dt.date(2027, 3, 1), days=1)
    assert cal.days[0].type == "分享"


@pytest.mark.parametrize("edit, message", [
    (lambda t: t.replace('[[zh.day]]\ntype = "打卡"', '[[zh.day]]\ntype = "抽奖"'), "未知的活动类型"),
    (lambda t: t.replace('[[en.day]]\ntype = "欢迎"', '[[en.dax]]\ntype = "欢迎"'), "需要 7 天"),
])
def test_a_bad_launch_file_fails_when_loaded(tmp_path, monkeypatch, edit, message):
    assert_load_fails(monkeypatch, tmp_path, launch, "LAUNCH_FILE", launch.launch_days,
                      edit(launch.LAUNCH_FILE.read_text(encoding="utf-8")), message)


@pytest.mark.parametrize("business, own", [
    ("我们是一家殡葬服务公司,主要服务本市的逝者家属", True),
    ("Funeral home serving families in our county", True),
    ("社区面包店,顾客多是附近的宝妈", False),
    ("a small bakery in our neighbourhood, customers are young parents", False),
    ("我们是一家婚庆公司,做婚礼策划", True),  # a wedding planner's couples (trades.toml 婚庆)
    ("做搬家公司的,客户一辈子就搬一两次家", True),  # a move, once (method/life_events.toml)
])
def test_the_launch_week_proposes_the_groups_own_rules(business, own):
    """Where a trade words its group's rules (trades.toml [trade.group.wording]), the day the rules are made
    together proposes those, one a line, and the naming day asks for no nickname to spur each other on."""
    lang = "en" if business.isascii() else "zh"
    plan = plan_goal(business)
    days = [launch.launch_day(business, plan.goal, i, lang, dt.date(2027, 3, 1 + i)) for i in range(7)]
    rules_day, name_day = days[2]["post"], days[3]["post"]
    standard = {"zh": ("每天在群里打卡", "城市+名字+目标"), "en": ("check in every day", "first name")}[lang]
    if own:
        assert all(f"\n{i}. {r.rstrip('。.')}" in rules_day for i, r in enumerate(plan.keys.rules, 1)), rules_day
        assert not any(x in rules_day + name_day for x in standard)
    else:
        from assistant.planner import checkin_rule, playbook_for

        rule = checkin_rule(plan.group_type, playbook_for(business, lang)["checkin"], lang)  # at the question's rhythm
        assert rule.rstrip("。.?").lower() in rules_day.lower() and standard[1] in name_day
        assert plan.keys.rules[0] == words_for(lang)["rules"][0]
    assert all(plan.goal in d["post"] for d in days[:4])
    assert not [d["post"] for d in days if lint_post(d["post"]).market_norms]
    if lang == "zh":  # the week's rhythm names the challenge as the business does it: no "PK" for families in grief
        post = days[6]["post"]
        assert planner.activity_shown("小组PK", lang, business) in post and ("小组PK" in post) is (not own)


@pytest.mark.parametrize("edit, message", [
    (lambda t: t.replace('gentle = { topic = "第一次说说今天"', 'gentle = { topic = "第一次打卡"', 1), "打卡"),
    (lambda t: t.replace('gentle = { topic = "Something that helped"', 'gentle = { title = "x", topic = "Something that helped"', 1),
     "gentle"),
    (lambda t: t.replace('gentle = { topic = "第一周回顾"', 'gentle = { topic = " "', 1), "gentle"),
])
def test_a_pushy_or_malformed_gentle_day_fails_when_loaded(tmp_path, monkeypatch, edit, message):
    assert_load_fails(monkeypatch, tmp_path, launch, "LAUNCH_FILE", launch.launch_days,
                      edit(launch.LAUNCH_FILE.read_text(encoding="utf-8")), message)


def test_a_bad_own_rules_day_fails_when_loaded(tmp_path, monkeypatch):
    text = launch.LAUNCH_FILE.read_text(encoding="utf-8")
    assert_load_fails(monkeypatch, tmp_path, launch, "LAUNCH_FILE", launch.launch_days,
                      text.replace('own_rules = { post = "Help us', 'own_rules = { title = "x", post = "Help us', 1),
                      "own_rules")


@pytest.mark.parametrize("business, answers", [
    # The description alone gives the trade's delivery group and its own rules; the answers name regular
    # customers (超级用户群), so the plan's rules are the standard ones, and so are the week's.
    ("殡仪馆", {"members": "合作多年的老客户"}),
    ("Funeral home serving families in our county", {"members": "loyal customers from the neighbourhood"}),
    # The description names regular customers; the answer on how often they come says once in a lifetime, so no
    # group of regulars: the plan's delivery group with the trade's own rules, and the week proposes those.
    ("殡葬服务公司,服务老客户的家属", {"frequency": "家属一辈子就来一次"}),
])
def test_the_launch_week_uses_the_plans_kind_of_group(business, answers):
    """The owner's answers decide the kind of group for the plan and for its launch week alike (one decision,
    planner.group_choice): the rules day proposes the plan's rules, the trade's own or the standard ones."""
    from assistant.planner import group_type_for

    lang = "en" if business.isascii() else "zh"
    plan = plan_goal(business, answers=answers)
    standard = {"zh": ("每天在群里打卡", "城市+名字+目标"), "en": ("check in every day", "first name")}[lang]
    own = plan.keys.rules[0] != words_for(lang)["rules"][0]

    def proposes_the_plans_rules(rules_day: str, name_day: str) -> None:
        if own:
            assert all(f"\n{i}. {r.rstrip('。.')}" in rules_day for i, r in enumerate(plan.keys.rules, 1)), rules_day
            assert not any(x in rules_day + name_day for x in standard)
        else:
            assert standard[0] in rules_day and standard[1] in name_day, rules_day

    cal = weekly_calendar(business, start=dt.date(2027, 3, 1), days=7, launch=True, answers=answers)
    proposes_the_plans_rules(cal.days[2].post, cal.days[3].post)
    days = [launch.launch_day(business, plan.goal, i, lang, dt.date(2027, 3, 1 + i), answers) for i in (2, 3)]
    proposes_the_plans_rules(days[0]["post"], days[1]["post"])
    assert group_type_for(business, lang, answers) == plan.group_type
    assert group_type_for(business, lang) != plan.group_type  # the answers, not the description, decide it


@pytest.mark.parametrize("business, answers, words", [
    # The description alone names no trade; the answer on who the members are says a bakery's customers.
    ("开了个小店", {"members": "来买面包和蛋糕的宝妈"}, ("面包", "烘焙", "蛋糕", "面团")),
    ("Just opened a small shop", {"members": "parents who buy our bread and birthday cakes"}, ("bread", "bak", "cake", "dough")),
])
def test_the_weeks_after_the_launch_week_read_the_answers_too(business, answers, words):
    """The weekly rotation after the launch week reads the business as the plan and the launch week do:
    description and answers together (a bakery's own tips), not the description alone."""
    def own(cal):
        return sum(any(w in (d.topic + d.post).lower() for w in words) for d in cal.days[7:])

    with_answers = weekly_calendar(business, start=dt.date(2027, 3, 1), days=14, launch=True, answers=answers)
    without = weekly_calendar(business, start=dt.date(2027, 3, 1), days=14, launch=True)
    assert own(without) == 0
    assert own(with_answers) >= 1


# A daily check-in asked of members, in the plan's rules or the launch week.
DAILY = re.compile(r"每天(?:在群里)?打卡|check in every day", re.I)


@pytest.mark.parametrize("business, group_type", [
    ("我开了一家瑜伽馆,学员都是附近上班族", "newuser"),  # the owner names a new-customer group
    ("社区面包店,顾客多是附近的宝妈", "新用户群"),
    ("做护肤品的,刚做了一批体验装引流,新客很多", None),  # the description makes it one
    ("a small gym near the office park", "newuser"),
    ("社区面包店,顾客多是附近的宝妈", "super"),  # other kinds keep the daily check-in
    ("社区面包店,顾客多是附近的宝妈", None),
    ("a small gym near the office park", "delivery"),
])
def test_the_launch_week_asks_for_check_ins_as_the_kind_of_group_does(business, group_type):
    """The rules day proposes the plan's check-in rule for its kind of group (planner.toml ``checkin_rule``): a
    new-customer group, whose week says members should not expect a daily check-in, is asked for none, in the
    plan's rules or anywhere in the launch week; the other kinds check in every day."""
    lang = "en" if business.isascii() else "zh"
    plan = plan_goal(business, group_type=group_type)
    cal = weekly_calendar(business, start=dt.date(2027, 3, 1), days=7, launch=True, group_type=group_type)
    assert cal.group_type == plan.group_type
    from assistant.planner import checkin_rule, playbook_for

    checkin = playbook_for(business, lang)["checkin"]
    # the rule's own words, before the check-in (at the rhythm of the check-in question: planner.toml checkin_every)
    said = checkin_rule(plan.group_type, checkin, lang).split(checkin)[0]
    plan_rule = plan.keys.rules[words_for(lang)["rules"].index("{checkin_rule}")]
    assert plan_rule.startswith(said)
    assert said.lower() in cal.days[2].post.lower(), cal.days[2].post
    daily = [t for t in (*plan.keys.rules, *(d.topic + d.post for d in cal.days)) if DAILY.search(t)]
    every_day = plan.group_type != "新用户群" and planner.checkin_every(checkin, lang) == "day"
    assert bool(daily) is every_day, daily


@pytest.mark.parametrize("business", [
    "社区健身房,会员是上班族,不想给大家压力", "我开了一家茶叶网店,卖普洱和白茶,不想太逼人,大家佛系喝茶就好",
    "Yoga studio for new moms, low-key, no pressure please",
])
def test_the_launch_week_of_an_owner_who_asks_for_no_pressure(business):
    """The launch week keeps the plan's no-pressure terms: no daily check-in proposed, no nickname to spur each other
    on, no first check-in, and the rhythm it announces names no challenge."""
    from assistant.planner import asks_easy

    assert asks_easy(business)
    lang = "en" if business.isascii() else "zh"
    plan = plan_goal(business)
    days = [launch.launch_day(business, plan.goal, i, lang, dt.date(2027, 3, 1 + i)) for i in range(7)]
    said = "\n".join(d["topic"] + "\n" + d["post"] for d in days)
    assert not re.search(r"每天在群里打卡|城市\+名字\+目标|第一次打卡|只求开始|一起挑战|小组PK|check in every day|"
                         r"first check-in|it just has to start|challenge", said, re.I), said
    assert all(r.rstrip("。.") in said for r in plan.keys.rules[:1])
