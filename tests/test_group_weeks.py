"""The week in the kind of group the owner named (method/group_weeks.toml): read by the names the guard and the
plan take, checked when loaded, and in every business's words without a market norm or a loose seam."""
import datetime as dt
import re

import pytest
from conftest import assert_load_fails
from test_planner import UNTIDY

from assistant import group_types, group_weeks, planner
from assistant.errors import InputError
from assistant.guard import lint_post, resolve_profile

MONDAY = dt.date(2027, 3, 1)


@pytest.mark.parametrize("g", group_types.all_types(), ids=lambda g: g.key)
def test_every_name_of_a_kind_is_that_kind(g):
    for name in (g.key, g.label, g.en, *g.aliases, g.key.upper(), f"  {g.label} "):
        assert group_weeks.given(name) == g


@pytest.mark.parametrize("name", [None, "", "  ", "goal", "目标群", "default", "社群", "长期群", "GOAL"])
def test_the_goal_group_or_nothing_names_no_kind(name):
    assert group_weeks.given(name) is None


@pytest.mark.parametrize("name", ["vip", "粉丝群", "nonsense"])
def test_an_unknown_name_is_the_guards_error(name):
    with pytest.raises(InputError) as theirs:
        resolve_profile(name)
    with pytest.raises(InputError) as ours:
        group_weeks.given(name)
    assert str(ours.value) == str(theirs.value) and "\n" not in str(ours.value)
    assert str(ours.value).startswith(f"未知的群类型 {name!r},可选:")


def week_texts(name: str, key: str, lang: str) -> dict[str, str]:
    """Every topic, post and reason the playbook called ``name`` (planner.named_playbook) gets in a week (four weeks
    of the rotation: every variant) of kind ``key``, by where it is."""
    goal = "Get better together" if lang == "en" else "一起变得更好"
    if key == "flash":
        dates = [MONDAY + dt.timedelta(days=i) for i in range(group_weeks.flash_length(31))]
        days = [(d, x) for d, x in zip(dates, group_weeks.flash_days("店", goal, dates, lang, playbook=name))]
    else:
        days = [(d, planner.plan_day("店", goal, d, 0, lang, group_type=key, playbook=name))
                for d in (MONDAY + dt.timedelta(days=i) for i in range(28))]
    return {f"{d} {x['type']} {part}": x[part] for d, x in days for part in ("topic", "post", "why")}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("key", group_types.DISPLAY_ORDER)
def test_every_playbook_gets_a_clean_week_of_every_kind(key, lang):
    """The kind's words fill in for every playbook (no missing field), read cleanly, and never slip into market
    norms: the guard the calendar applies to every post passes them all."""
    for name in planner.playbooks(lang):
        texts = week_texts(name, key, lang)
        untidy = {k: line for k, t in texts.items() for line in t.split("\n") if UNTIDY.search(line)}
        assert not untidy, (name, untidy)
        flagged = {k: t for k, t in texts.items() if "post" in k and lint_post(t).market_norms}
        assert not flagged, (name, flagged)
        if lang == "en":
            assert not any("\u4e00" <= ch <= "\u9fff" for k, t in texts.items() if "why" not in k for ch in t), name


@pytest.mark.parametrize("key, weekday, topic, says", [
    # The long-running kinds run the week in their order (group_weeks.toml [week]) and speak as the kind does.
    ("newuser", 0, "新手上手:", "刚开始的"),
    ("newuser", 4, "打卡", "这周试过一次"),
    ("super", 5, "专属问答:", "专属问答"),
    ("super", 6, "本周复盘", "本群的权益照常"),
    ("delivery", 0, "本周交付:", "这周要带大家拿到"),
    ("delivery", 1, "打卡", "把这周交付的内容用上"),
    ("delivery", 6, "交付复盘", "这周交付的是「"),
])
def test_a_long_running_kind_keeps_the_rotation_in_its_own_words(key, weekday, topic, says):
    day = MONDAY + dt.timedelta(days=weekday)
    kind = planner.plan_day("社区健身房", "60天,改变身形", day, 0, group_type=key)
    assert kind["type"] == group_weeks.week_order(key)[weekday]
    # the same activity in the goal group's week, without the kind's words
    goal_day = MONDAY + dt.timedelta(days=group_weeks.week_order(None).index(kind["type"]))
    plain = planner.plan_day("社区健身房", "60天,改变身形", goal_day, 0)
    assert plain["type"] == kind["type"]
    assert topic in kind["topic"] and says in kind["post"] and says not in plain["post"]


@pytest.mark.parametrize("key", group_types.DISPLAY_ORDER)
def test_each_kind_runs_its_own_week_in_the_plan_and_the_calendar(key):
    """The plan's weekly list and the calendar's days follow the kind's order; every weekly activity comes once."""
    order = group_weeks.week_order(key)
    assert sorted(order) == sorted(planner.ACTIVITY_TYPES) and order[-1] == "周复盘"
    days = [planner.plan_day("社区健身房", "g", MONDAY + dt.timedelta(days=i), i, group_type=key)["type"]
            for i in range(7)]
    assert days == list(order)
    plan = planner.plan_goal("社区健身房", group_type=key)
    names = [planner.activity_label(a, "zh", planner.playbook_for("社区健身房"))[0] for a in order]
    assert [line.split("·", 1)[1].split(":", 1)[0] for line in plan.keys.activities] == names


def test_the_kinds_weeks_differ():
    weeks_ = {group_weeks.week_order(k) for k in ("newuser", "super", "delivery")}
    assert len(weeks_) == 3


def _books(lang: str) -> dict:
    """Every playbook, and every trade's plan (the generic playbook in its words), in ``lang``, by the name
    planner.named_playbook takes."""
    from assistant.industry import trades

    return {name: planner.named_playbook(name, lang) for name in [*planner.playbooks(lang), *(t.name for t in trades())]}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("key", ["newuser", "super"])
def test_long_time_members_are_named_naturally(key, lang):
    """The weeks and notices that ask long-time members to speak name them by {old_member}: 老 before a short noun
    (老会员), never before a phrase or a term that is already old or new (老新手妈妈和家人, 老老食客, 老新人)."""
    for name, pb in _books(lang).items():
        member, old = pb["member"], planner.member_fields(pb, lang)["old_member"]
        texts = {**week_texts(name, key, lang), "notice": group_weeks.notice(key, lang, pb)}
        # (a gentle playbook keeps its own week, which asks nobody to speak as a long-time member)
        assert pb.get("gentle") or any(old.lower() in t.lower() for t in texts.values()), (name, old)
        phrase = len(member) > 3 or re.search(r"[的和与及或、 ]", member) or member[:1] in "老新"
        if phrase and lang == "zh":
            assert not {k: t for k, t in texts.items() if f"老{member}" in t}, (name, member)


def test_a_template_naming_long_time_members_by_hand_fails_when_loaded(tmp_path, monkeypatch):
    text = group_weeks.WEEKS_FILE.read_text(encoding="utf-8")
    assert_load_fails(monkeypatch, tmp_path, group_weeks, "WEEKS_FILE", group_weeks.weeks,
                      text.replace("{old_member}的经验最珍贵", "老{member}的经验最珍贵", 1), r"老\{member\}")


def test_a_delivery_review_names_the_tip_its_monday_delivered():
    for week in range(4):
        monday = MONDAY + dt.timedelta(weeks=week)
        share = planner.plan_day("社区健身房", "g", monday, 0, group_type="delivery")
        review = planner.plan_day("社区健身房", "g", monday + dt.timedelta(days=6), 6, group_type="delivery")
        assert f"这周交付的是「{share['topic'].split(':', 1)[1]}" in review["post"]


@pytest.mark.parametrize("count, types", [
    (1, ["欢迎"]),
    (2, ["欢迎", "周复盘"]),
    (4, ["欢迎", "分享", "讨论", "周复盘"]),
    (7, ["欢迎", "分享", "讨论", "成员故事", "分享", "嘉宾问答", "周复盘"]),
])
def test_a_flash_group_opens_runs_a_few_days_and_closes(count, types):
    dates = [MONDAY + dt.timedelta(days=i) for i in range(count)]
    days = group_weeks.flash_days("社区健身房", "60天,改变身形", dates, "zh")
    assert [d["type"] for d in days] == types
    close = "今天" if count == 1 else f"3月{count}日"
    assert f"{close}活动结束后就解散" in days[0]["post"]
    if count > 1:
        assert "这个群明天解散" in days[-1]["post"] and "「60天,改变身形」" in days[-1]["post"]
    items = [d["topic"].split(":", 1)[1] for d in days[1:-1] if d["type"] in ("分享", "讨论")]
    assert len(items) == len(set(items))  # no tip or topic twice in a few days
    assert not any(w in d["post"] for d in days for w in ("打卡", "小组PK", "下周"))


def test_a_flash_group_lasts_days_not_weeks():
    assert group_weeks.flash_length(3) == 3
    assert group_weeks.flash_length(31) == group_weeks.weeks()["flash_days"] == 7


def test_a_gentle_playbooks_week_stands_and_the_notice_says_so():
    pb = planner.playbook_for("我们是一家殡葬服务公司,主要服务本市的逝者家属", "zh")
    assert pb.get("gentle")
    for key in ("newuser", "super", "delivery"):
        assert group_weeks.activity_words(key, "周复盘", "zh", pb) == {}
        assert "温和" in group_weeks.notice(key, "zh", pb)
    assert "按交付群安排" in group_weeks.notice("delivery", "zh", planner.playbook_for("社区健身房", "zh"))


@pytest.mark.parametrize("edit, message", [
    (lambda t: t.replace("flash_days = 7", "flash_days = 9"), "middle"),
    (lambda t: t.replace("flash_days = 7", "flash_days = 0"), "flash_days"),
    (lambda t: t.replace('[zh.super.activity."嘉宾问答"]', '[zh.super.activity."抽奖"]'), "未知的活动类型"),
    (lambda t: t.replace('[en.super.activity."嘉宾问答"]', '[en.super.activity."讨论"]'), r"\[en\] 和 \[zh\]"),
    (lambda t: t.replace('line = "{old_member}的经验最珍贵', 'lines = "{old_member}的经验最珍贵'), "只能有"),
    (lambda t: t.replace('[zh.flash.closing]\ntype = "周复盘"', '[zh.flash.closing]\ntype = "抽奖"'), "未知的活动类型"),
    (lambda t: t.replace('gentle = "You chose', 'gentler = "You chose'), "gentle"),
    (lambda t: t.replace('[prompt]\n', '[prompt]\nfans = "x"\n'), "四种群"),
    (lambda t: t.replace('newuser = ["分享", "嘉宾问答"', 'newuser = ["分享", "分享"', 1), "七个活动"),
    (lambda t: t.replace('"成员故事", "小组PK", "周复盘"]', '"成员故事", "周复盘", "小组PK"]', 1), "周日"),
])
def test_a_bad_weeks_file_fails_when_loaded(tmp_path, monkeypatch, edit, message):
    text = edit(group_weeks.WEEKS_FILE.read_text(encoding="utf-8"))
    assert text != group_weeks.WEEKS_FILE.read_text(encoding="utf-8")
    assert_load_fails(monkeypatch, tmp_path, group_weeks, "WEEKS_FILE", group_weeks.weeks, text, message)
