"""The retrieval chain with a fake chat model: structure, guard in the loop, citations, history."""
import datetime as dt
import json
import re

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from assistant.chains import Assistant, ask, derive_goal, weekly_calendar
from assistant.errors import InputError
from assistant.group_weeks import week_order
from assistant.guard import lint_post
from assistant.planner import PlannerError
from assistant.schemas import ACTIVITY_TYPES, GROUP_TYPES


def goal_json(**over) -> str:
    d = {"goal": "60天,改变身形", "ideal": "更好的身形", "gap": "办卡不坚持", "group_type": "交付群",
         "group_type_reason": "会员已付费", "pitfalls": ["不要发广告", "不要只有官方声音"], "used_passages": [2],
         "keys": {"vision": "一起坚持60天", "threshold": "会员入群", "rules": ["每天打卡", "不发广告"],
                  "activities": ["周一分享", "周四PK"], "benefits": ["教练每周答疑", "电子勋章"]}}
    d.update(over)
    return json.dumps(d, ensure_ascii=False)


def week_json(n=7, post="今天聊聊怎么坚持运动,说说你的做法。", topic="坚持的方法") -> str:
    return json.dumps({"days": [{"type": "分享", "topic": topic, "post": post, "why": "干货输出", "used_passages": [1]}
                                for _ in range(n)]}, ensure_ascii=False)


@pytest.fixture
def bot(shared_e5_settings):
    def make(responses):
        return Assistant(shared_e5_settings, chat_model=FakeListChatModel(responses=responses))
    return make


def test_goal_from_model_with_citations_of_used_passages(bot):
    a = bot([goal_json()])
    plan = a.derive_goal("我在社区开了一家健身房,会员大多是附近上班族")
    assert plan.goal == "60天,改变身形" and plan.group_type == "交付群"
    assert len(plan.citations) == 1  # only passage [2] was used
    assert plan.token_usage and plan.token_usage[0]["prompt_tokens"] > 100
    assert plan.mode != "offline"


def test_guard_triggers_one_revision(bot):
    a = bot([goal_json(goal="60天改变身形,本月办卡立减300"), goal_json()])
    plan = a.derive_goal("社区健身房")
    assert plan.goal == "60天,改变身形"
    assert [u["call"] for u in plan.token_usage] == ["goal", "goal:revise"]


def test_guard_trips_twice_falls_back_with_clear_message(bot):
    bad = goal_json(goal="会员日全场8折,领券再减30")
    plan = bot([bad, bad]).derive_goal("社区健身房")
    assert plan.mode == "offline" and not lint_post(plan.goal).flagged
    assert any("市场规范" in n for n in plan.notices) and plan.business == "社区健身房"


def test_schema_retry_then_valid(bot):
    plan = bot(["不是 JSON", goal_json()]).derive_goal("社区健身房")
    assert plan.goal == "60天,改变身形"


def test_unknown_group_type_from_model_is_corrected(bot):
    plan = bot([goal_json(group_type="粉丝群")]).derive_goal("社区健身房,会员是上班族")
    assert plan.group_type in ("快闪群", "新用户群", "超级用户群", "交付群")


def test_calendar_dates_come_from_code_not_model(bot):
    cal = bot([week_json()]).weekly_calendar("社区健身房", goal="60天,改变身形", start=dt.date(2026, 11, 23))
    assert [d.date for d in cal.days] == [f"2026-11-{23 + i}" for i in range(7)]
    assert [d.weekday for d in cal.days] == ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]
    # Types rotate through the articles' activities whatever the model wrote.
    assert [d.type for d in cal.days] == ["分享", "打卡", "讨论", "小组PK", "成员故事", "嘉宾问答", "周复盘"]
    assert all(d.citations for d in cal.days)


def test_calendar_flagged_days_are_revised_or_replaced(bot):
    bad = week_json(post="今晚8点整点秒杀,19.9元两盒,拼手速")
    cal = bot([bad, bad]).weekly_calendar("社区健身房", goal="60天,改变身形", start=dt.date(2026, 11, 23))
    assert all(not lint_post(d.post).flagged and not lint_post(d.topic).flagged for d in cal.days)
    assert any("市场规范" in n for n in cal.notices)


def test_calendar_short_model_answer_falls_back(bot):
    cal = bot([week_json(n=3), week_json(n=3)]).weekly_calendar("书店", goal="每月共读一本书", start=dt.date(2026, 11, 23))
    assert len(cal.days) == 7 and any("只写了 3 天" in n for n in cal.notices)


def test_market_norm_goal_from_user_gets_a_notice(shared_e5_settings):
    cal = Assistant(shared_e5_settings).weekly_calendar("健身房", goal="买三送一冲业绩", start=dt.date(2026, 11, 23))
    assert any("市场规范" in n for n in cal.notices)


def test_follow_up_is_understood_with_history(bot):
    a = bot(["超级用户群 人员配比是多少", "比例是30%超级用户加70%潜在超级用户 [1]"])
    history = [("超级用户群怎么建?", "要有筛选机制和权益。")]
    streamed = a.stream("那人员比例呢?", history)
    answer = "".join(streamed)
    assert "30%" in answer
    assert any("30%超级用户" in c.excerpt for c in streamed.citations)
    assert streamed.result is a.last_result and streamed.text() == answer  # the object holds the whole answer


def test_offline_follow_up_uses_previous_question(shared_e5_settings):
    a = Assistant(shared_e5_settings)
    history = [{"role": "user", "content": "超级用户群怎么建?"}, {"role": "assistant", "content": "……"}]
    text = "".join(a.stream("那人员配比呢?", history))
    assert "离线模式" in text and "30%" in text


def test_post_request_is_guarded(bot):
    a = bot(["【本周活动】全场5折,扫码下单,仅限今天!"])
    a.answer("帮我写一条本周活动的群帖")
    codes = {f["code"] for f in a.last_result.findings}
    assert codes and codes <= {"MN002", "MN006", "MN007"} | codes


def test_stream_interrupted_keeps_text(shared_e5_settings):
    model = FakeListChatModel(responses=["第一句话。第二句话。"], error_on_chunk_number=5)
    a = Assistant(shared_e5_settings, chat_model=model)
    text = "".join(a.stream("怎么让群活跃?"))
    assert text.startswith("第一句话") and "中断" in text and a.last_result.interrupted


@pytest.mark.parametrize("bad", ["", "   ", None, 5])
def test_empty_business_is_a_clear_error(shared_e5_settings, bad):
    with pytest.raises(PlannerError):
        Assistant(shared_e5_settings).derive_goal(bad)


def test_long_business_is_bounded_with_notice(shared_e5_settings):
    plan = Assistant(shared_e5_settings).derive_goal("我开了一家健身房。" * 500)
    assert len(plan.business) == 2000 and any("太长" in n for n in plan.notices)


def test_bad_question(shared_e5_settings):
    with pytest.raises(PlannerError):
        list(Assistant(shared_e5_settings).stream("  "))


def test_module_level_api(shared_e5_settings):
    plan = derive_goal("社区瑜伽馆", settings=shared_e5_settings)
    assert plan.mode == "offline" and plan.citations
    cal = weekly_calendar("社区瑜伽馆", goal=plan.goal, start=dt.date(2026, 11, 30), settings=shared_e5_settings)
    assert cal.days[0].date == "2026-11-30"
    text = "".join(ask("快闪群能长期运营吗?", settings=shared_e5_settings))
    assert "快闪群" in text


def test_offline_answer_gives_a_business_a_starting_point(shared_e5_settings):
    text = "".join(Assistant(shared_e5_settings).stream("我开了一家奶茶店,怎么建群?"))
    assert "共同目标可以是「" in text and "周一·分享" in text
    generic = "".join(Assistant(shared_e5_settings).stream("社群的本质是什么?"))
    assert "共同目标可以是" not in generic


def test_calendar_shows_token_counts_per_call(bot):
    from assistant.exports import render_calendar

    cal = bot([week_json()]).weekly_calendar("社区健身房", goal="60天,改变身形", start=dt.date(2026, 11, 23))
    data = json.loads(render_calendar(cal, "json"))
    assert data["token_usage"][0]["call"] == "calendar" and data["token_usage"][0]["prompt_tokens"] > 100
    assert "## 模型调用" in render_calendar(cal, "md")


def test_ask_returns_an_answer_that_streams_then_holds_its_citations(shared_e5_settings):
    from assistant import ask

    answer = ask("超级用户群怎么筛选成员?", settings=shared_e5_settings)
    pieces = list(answer)
    assert len(pieces) > 1 and answer.done
    assert answer.text() == "".join(pieces)
    d = answer.to_dict()
    assert d["citations"] and d["answer"] == "".join(pieces) and d["mode"] == "offline"


@pytest.mark.parametrize("question, label", [("Should I give coupons in my group?", "Sources:"),
                                             ("群里要不要发优惠券?", "来源:")])
def test_the_sources_label_follows_the_question(shared_e5_settings, question, label):
    from assistant.chains import sources_text

    text = sources_text(Assistant(shared_e5_settings).answer(question))
    assert text.splitlines()[1] == label


@pytest.mark.parametrize("question, english", [
    ("How do I welcome new members in my running club group?", True),
    ("Should I give coupons in my group?", True),
    ("My bakery group has gone quiet, what should I post?", True),
    ("新成员进群怎么欢迎?", False),
])
def test_an_english_answer_quotes_and_cites_the_articles_in_english(shared_e5_settings, question, english):
    """A Chinese article is named and glossed in English for an English question (source_gloss); a Chinese
    question keeps the article's own title and passage."""
    import re

    from assistant.chains import sources_text

    result = Assistant(shared_e5_settings).answer(question)
    shown = result.answer + sources_text(result)
    han = re.findall(r"[\u4e00-\u9fff]+", shown)
    if english:
        assert not han, han[:5]
        assert "(an article in Chinese)" in shown and "《" not in shown
    else:
        assert han and "《" in shown


@pytest.mark.parametrize("start", ["2026-12-07", dt.datetime(2026, 12, 7, 10, 0)])
def test_calendar_start_as_text_or_datetime(shared_e5_settings, start):
    cal = weekly_calendar("开锁店", goal="一起把家守好", start=start, days=1, settings=shared_e5_settings)
    assert cal.days[0].date == "2026-12-07" and cal.days[0].weekday == "周一"


@pytest.mark.parametrize("business, needle", [
    ("我们是一家殡葬服务公司,主要服务本市的逝者家属", "「殡葬服务」"),
    ("Funeral home serving families in our county", "funeral services"),
])
def test_the_week_says_which_kinds_of_business_it_did_not_match(shared_e5_settings, business, needle):
    cal = weekly_calendar(business, start=dt.date(2026, 3, 30), settings=shared_e5_settings)
    assert any(needle in n for n in cal.notices), cal.notices


@pytest.mark.parametrize("question", ["我开了一家奶茶店,怎么建群?", "I run a bike repair shop. How do I start a customer group?"])
def test_the_pointer_to_the_whole_plan_fits_where_the_answer_is_read(shared_e5_settings, question):
    bot = Assistant(shared_e5_settings)
    cli = bot.answer(question, where="cli").answer
    web = bot.answer(question, where="web").answer
    anywhere = bot.answer(question).answer
    assert "assistant goal" in cli and "assistant calendar" in cli
    assert "「目标」" not in cli and "tab" not in cli.lower()
    assert "assistant goal" not in web and ("「目标」和「周历」" in web or "Goal and Week tabs" in web)
    assert "assistant goal" in anywhere and ("「目标」" in anywhere or "Goal" in anywhere)  # the API: both
    with pytest.raises(ValueError):
        bot.answer(question, where="tabs")


def test_cli_ask_points_to_commands_and_the_page_to_tabs(shared_e5_settings, monkeypatch, capsys):
    from assistant import cli
    from assistant.ui_handlers import Handlers

    monkeypatch.setenv("ASSISTANT_HOME", str(shared_e5_settings.home))
    question = "I run a bike repair shop. How do I start a customer group?"
    assert cli.main(["ask", question]) == 0
    out = capsys.readouterr().out
    assert "assistant goal" in out and "tab" not in out.lower()
    assert cli.main(["ask", "--json", question]) == 0
    assert "assistant goal" in json.loads(capsys.readouterr().out)["answer"]
    *_, (history, _kept) = Handlers(shared_e5_settings).chat(question, [])
    assert "Goal and Week tabs" in history[-1]["content"] and "assistant goal" not in history[-1]["content"]


# --- the kind of group the owner names (group_type) ----------------------------------------------------------------
GYM = "社区健身房,会员多是附近上班族"


@pytest.mark.parametrize("group_type, label, days, types, says, notice", [
    # Any name the guard and the plan take; the week follows the kind named.
    ("flash", "快闪群", 7, ["欢迎", "分享", "讨论", "成员故事", "分享", "嘉宾问答", "周复盘"], "这个群明天解散", "按快闪群安排"),
    ("快闪", "快闪群", 3, ["欢迎", "分享", "周复盘"], "这个群只开到12月9日", "按快闪群安排"),
    # each long-running kind has its own order (group_weeks.toml [week], checked there)
    ("newuser", "新用户群", 7, list(week_order("newuser")), "刚开始的会员不用一次学会全部", "按新用户群安排"),
    ("超级用户群", "超级用户群", 7, list(ACTIVITY_TYPES), "这是本群会员的专属问答", "按超级用户群安排"),
    ("SUPER", "超级用户群", 7, list(ACTIVITY_TYPES), "本群的权益照常", "按超级用户群安排"),
    ("训练营", "交付群", 7, list(week_order("delivery")), "这周交付的是「", "按交付群安排"),
    ("delivery group", "交付群", 7, list(week_order("delivery")), "【本周交付】", "按交付群安排"),
])
def test_the_week_follows_the_kind_of_group_the_owner_names(shared_e5_settings, group_type, label, days, types, says,
                                                            notice):
    cal = weekly_calendar(GYM, start=dt.date(2026, 12, 7), days=days, group_type=group_type, settings=shared_e5_settings)
    assert (cal.group_type, cal.group_type_source) == (label, "given")
    assert [d.type for d in cal.days] == types
    assert any(says in d.post for d in cal.days)
    assert sum(n.startswith(notice) for n in cal.notices) == 1
    assert all(not lint_post(d.post).market_norms for d in cal.days)
    assert cal.to_dict()["group_type"] == label and cal.to_dict()["group_type_source"] == "given"


@pytest.mark.parametrize("business, group_type", [
    (GYM, None), (GYM, "goal"), (GYM, "目标群"), (GYM, ""),  # the goal group names no kind: as if none were given
    ("考研辅导,学员12月20日考研", None),
    ("a small bakery in our neighbourhood, customers are young parents", None),
])
def test_without_a_kind_the_week_is_as_it_was_and_the_plans_kind_is_reported(shared_e5_settings, business, group_type):
    from assistant.planner import group_type_for, language_of

    kw = {"start": dt.date(2026, 12, 7), "days": 9, "launch": True, "settings": shared_e5_settings}
    before = weekly_calendar(business, **kw)
    cal = weekly_calendar(business, group_type=group_type, **kw)
    assert cal.days == before.days and cal.notices == before.notices
    assert cal.group_type == group_type_for(business, language_of(business)) and cal.group_type_source == "inferred"


# A description of one concentrated sale gets a plan for a flash group, whose goal and week are for a separate,
# long-running group (planner.toml flash_notice). Without a kind named, the week made is that group's weekly rotation
# (and launch week), so the calendar reports that group's kind, not 快闪群, and says why.
@pytest.mark.parametrize("business", [
    "水果店双十一要做一场清仓促销",  # nothing else said: the default kind
    "健身房会员双十一大促",  # its members are paying: 交付群
    "婚庆公司,双十一限时活动",  # the trade's situation: 交付群, in the trade's own terms
    "Bakery clearance sale this weekend",
])
def test_a_plans_flash_group_is_not_the_kind_the_week_reports(shared_e5_settings, business):
    from assistant import group_weeks
    from assistant.launch import launch_day
    from assistant.planner import group_choice, group_type_for, language_of

    lang = language_of(business)
    start = dt.date(2026, 12, 7)
    assert group_type_for(business, lang) == "快闪群"  # what the plan says
    cal = weekly_calendar(business, start=start, days=9, launch=True, settings=shared_e5_settings)
    lasting = group_choice(business, lang, lasting=True)[0]
    assert lasting != "快闪群" and (cal.group_type, cal.group_type_source) == (lasting, "inferred")
    assert cal.to_dict()["group_type"] == lasting
    # What was made is the long-running group's week: nine days, a launch week whose rules are that kind's.
    flash = group_weeks.words("flash", lang)
    assert len(cal.days) == 9 and cal.days[0].topic != flash["opening"]["topic"]
    rules_day = launch_day(business, cal.goal, 2, lang, start + dt.timedelta(days=2), group_type=lasting)
    assert cal.days[2].post.startswith(rules_day["post"])
    said = flash["inferred"].split("{")[0]
    assert sum(n.startswith(said) for n in cal.notices) == 1
    # Naming the reported kind makes a week of that kind, as for any inferred kind.
    named = weekly_calendar(business, start=start, days=9, launch=True, group_type=lasting, settings=shared_e5_settings)
    assert [d.type for d in named.days] == [d.type for d in cal.days] and named.group_type == lasting


def test_naming_the_inferred_kind_makes_the_week_that_kinds(shared_e5_settings):
    kw = {"start": dt.date(2026, 12, 7), "settings": shared_e5_settings}
    inferred = weekly_calendar(GYM, **kw)
    named = weekly_calendar(GYM, group_type=inferred.group_type, **kw)
    assert named.group_type == inferred.group_type and (inferred.group_type_source, named.group_type_source) == (
        "inferred", "given")
    assert [d.type for d in named.days] == [d.type for d in inferred.days]
    assert [d.post for d in named.days] != [d.post for d in inferred.days]


@pytest.mark.parametrize("days, launch, kept, says", [
    (14, False, 7, ["你要的 14 天排成了 7 天"]),
    (7, True, 7, ["快闪群没有开群周"]),
    (31, True, 7, ["排成了 7 天", "没有开群周"]),
    (1, False, 1, []),
])
def test_a_flash_group_lasts_days_and_says_what_it_left_out(shared_e5_settings, days, launch, kept, says):
    cal = weekly_calendar(GYM, start=dt.date(2026, 12, 7), days=days, launch=launch, group_type="flash",
                          settings=shared_e5_settings)
    assert len(cal.days) == kept and cal.days[0].type == "欢迎"
    assert all(any(s in n for n in cal.notices) for s in says)
    if not says:
        assert not any("排成了" in n or "开群周" in n for n in cal.notices)


@pytest.mark.parametrize("group_type, says", [
    ("flash", "The event ends today"),
    ("delivery", "[This week's delivery]"),
    ("newuser", "[Getting started]"),
])
def test_an_english_week_of_a_named_kind_is_in_english(shared_e5_settings, group_type, says):
    cal = weekly_calendar("a small gym near the office park", start=dt.date(2026, 12, 7), group_type=group_type,
                          settings=shared_e5_settings)
    assert any(says in d.post for d in cal.days)
    assert not any("\u4e00" <= ch <= "\u9fff" for d in cal.days for ch in d.topic + d.post)
    assert cal.notices[0].startswith("Run as a ")


@pytest.mark.parametrize("group_type, error, says", [
    ("vip", InputError, "未知的群类型 'vip',可选:goal(目标群)、flash(快闪群)"),
    ("粉丝群", InputError, "未知的群类型 '粉丝群'"),
    (5, TypeError, "weekly_calendar() 的 group_type 必须是字符串或 None,收到的是 int"),
])
def test_an_unknown_kind_is_a_clear_error(shared_e5_settings, group_type, error, says):
    with pytest.raises(error) as e:
        weekly_calendar(GYM, group_type=group_type, settings=shared_e5_settings)
    assert says in str(e.value) and "\n" not in str(e.value)


class RecordingModel(FakeListChatModel):
    """A fake chat model that keeps the prompts it was sent."""

    prompts: list = []

    def _call(self, messages, stop=None, run_manager=None, **kwargs):
        self.prompts.append(messages[-1].content)
        return super()._call(messages, stop, run_manager, **kwargs)

    def _stream(self, messages, stop=None, run_manager=None, **kwargs):  # ask streams its answer
        self.prompts.append(messages[-1].content)
        yield from super()._stream(messages, stop, run_manager, **kwargs)


@pytest.mark.parametrize("group_type, key", [(None, None), ("flash", "flash"), ("交付群", "delivery")])
def test_the_model_is_told_the_kind_the_owner_named(shared_e5_settings, group_type, key):
    from assistant.group_weeks import prompt_line

    model = RecordingModel(responses=[week_json(n=7)], prompts=[])
    cal = Assistant(shared_e5_settings, chat_model=model).weekly_calendar(
        GYM, goal="60天,改变身形", start=dt.date(2026, 11, 23), group_type=group_type)
    prompt = model.prompts[0]
    told = f"\n{prompt_line(key)}" if key else ""  # nothing added without a named kind: the prompt as it was
    assert f"生意描述:{GYM}{told}\n\n每天的活动类型" in prompt
    assert ("(快闪群:开群" in prompt) is (group_type == "flash")
    assert cal.mode != "offline" and cal.group_type_source == ("given" if group_type else "inferred")


# --- offline ask: the question that was asked (a proposal's verdict, the season or situation, the business) -------
@pytest.mark.parametrize("question, thing, fits, code", [
    # market-norm proposals, in either word order, zh and en; the verb can name the kind ("advertise")
    ("店里周年庆,可以在老顾客群里发抽奖吗?", "抽奖", False, "MN001"),
    ("我们健身工作室的会员群,能不能发一张满减券?", "满减券", False, "MN002"),
    ("能在家长群里帮表姐的服装店做个推广吗?", "推广", False, "MN013"),
    ("花束套餐发在老客户群里合适吗?", "花束套餐", False, "MN010"),
    ("Can we share a link to our online store in the book club chat?", "a link", False, "MN007"),
    ("Should I post a buy-one-get-one deal in the cafe regulars group?", "buy-one-get-one", False, "MN002"),
    ("Is it okay to advertise a friend's yoga retreat in our hiking group?", "yoga retreat", False, "MN013"),
    ("We're hiring, could I put up a job post in the customers' chat?", "job post", False, "MN009"),
    ("我能不能在群里卖东西?", "东西", False, "MN010"),  # the verb says what kind of post it is
    ("Should I give out free samples in the group?", "free samples", False, "MN010"),
    ("可以在群里推荐我们新出的年卡吗?", "年卡", False, "MN010"),  # a short phrase's sale words are not cleared
    # what a group on social norms posts anyway
    ("书法班的群里可以发学员的作品吗?", "学员的作品", True, None),
    ("能不能在群里发起一个打卡活动?", "打卡活动", True, None),
    ("能不能把会员的体重变化晒到群里?", "会员的体重变化", True, None),
    ("每周日晚上发一次本周回顾,可以吗?", "本周回顾", True, None),
    ("Can I share a photo of our volunteers cleaning the beach in the group?", "volunteers", True, None),
    ("Should we post a reminder about Saturday's group walk?", "Saturday's group walk", True, None),
    # a plan asked about with no verb of posting: judged when it holds a market norm (抽…奖 split by a measure word)
    ("我想在群里每周抽一次奖,可以吗?", "抽一次奖", False, "MN001"),
    ("We're planning to run a raffle every Friday, is that ok?", "raffle", False, "MN001"),
    ("下个月起每周五晚上一起读一章,可以吗?", None, None, None),  # nothing to judge without a verb: no verdict
    ("这样可以吗?", None, None, None),
    # not a yes/no question about a post
    ("群里可以发什么?", None, None, None),
    ("What should I post in my bakery group?", None, None, None),
    ("群里没人说话怎么办?", None, None, None),
    ("Can I make super users feel special?", None, None, None),
    ("Should I post every day?", None, None, None),  # how often, not what
    ("Can I post in English?", None, None, None),
])
def test_a_can_i_post_question_is_read_for_its_proposal(question, thing, fits, code):
    from assistant.chains import intent
    from assistant.text import language_of

    p = intent.proposal_of(question, language_of(question))
    if thing is None:
        assert p is None, p
        return
    assert p is not None and thing in p.thing and p.fits is fits, p
    assert code is None or code in p.codes, p.codes


def _follow_ups() -> list[tuple[str, str, str]]:
    from conftest import FIXTURES

    lines = (FIXTURES / "ask_follow_ups.tsv").read_text(encoding="utf-8").splitlines()
    return [tuple(line.split("\t")) for line in lines if line.strip() and not line.startswith("#")]


def _asked(earlier: str) -> list[dict]:
    return [{"role": "user", "content": earlier}, {"role": "assistant", "content": "……"}]


@pytest.mark.parametrize("earlier, follow_up, verdict", _follow_ups())
def test_a_follow_up_naming_an_action_gets_the_verdict(earlier, follow_up, verdict):
    from assistant.chains.ask import read_question

    p = read_question(follow_up, _asked(earlier))["proposal"]
    got = "-" if p is None else ("yes" if p.fits else "no")
    assert got == verdict, (p.thing, p.codes) if p else None


@pytest.mark.parametrize("follow_up", [f for _e, f, v in _follow_ups() if v != "-"])
def test_a_follow_up_alone_is_no_proposal(follow_up):
    """Without the conversation, "那红包呢?" asks nothing to judge: the verdict comes only with the earlier question
    (a follow-up that is a whole can-I-post question itself, "换成发优惠券行吗?", is read as one)."""
    from assistant.chains import intent
    from assistant.chains.ask import read_question
    from assistant.text import language_of

    alone = read_question(follow_up)["proposal"]
    whole = intent.proposal_of(follow_up, language_of(follow_up))
    assert (alone and alone.to_dict()) == (whole and whole.to_dict())


@pytest.mark.parametrize("question, season, states", [
    ("过完年健身房的会员群一直没人说话,发点什么?", None, ["holiday", "quiet"]),
    ("夏天店里歇业两个月,老顾客群聊点什么?", "summer", ["closed"]),
    ("Our ski school is closed in summer, what should we post?", "summer", ["closed"]),
    ("It's the slow season at the guesthouse, any ideas for the guests' chat?", None, ["offseason"]),
    ("我开了一家宠物美容店,客户群里聊什么好?", None, []),
    ("Can we close the group and start a new one?", None, []),
])
def test_the_situation_a_question_names(question, season, states):
    from assistant.chains import intent

    sit = intent.situation_of(question)
    assert (sit.season, sit.states) == (season, states)


@pytest.mark.parametrize("question, description", [
    # the asking words, the proposed post and a clause that only says when are no part of the business
    ("我是开牙科诊所的,患者群里可以发洗牙优惠吗?", "我是开牙科诊所的"),
    ("冬至快到了,我们殡葬服务的家属群发点什么?", "我们殡葬服务"),
    ("清明快到了,陵园的家属群里能发一段追思的话吗?", "陵园"),
    ("We run a bike repair shop, how do I get our customer group talking?", "We run a bike repair shop"),
])
def test_ask_reads_the_business_as_goal_does(question, description):
    from assistant import planner
    from assistant.chains import intent
    from assistant.text import language_of

    lang = language_of(question)
    p = intent.proposal_of(question, lang)
    told = intent.business_of(question, lang, p.thing if p else None)
    assert planner.plan_goal(told, lang=lang).goal == planner.plan_goal(description, lang=lang).goal, told


def _body(text: str) -> str:
    return text.split("\n\n", 1)[1]  # after the offline banner


@pytest.mark.parametrize("question, opens, says", [
    ("我开了一家花店,老客户群里能发情人节的花束套餐吗?", "不建议。", ["群公告", "「情人节的花束」"]),
    ("Can I post a 15% discount code in my bike shop's customer group?", "Better not.", ["Instead:"]),
    ("瑜伽馆的学员群里可以分享一位学员坚持练习的故事吗?", "可以。", ["共同目标"]),
    ("Should we post a reminder about Saturday's group walk?", "Yes, it fits.", ["shared goal"]),
])
def test_offline_ask_opens_with_the_verdict(shared_e5_settings, question, opens, says):
    r = Assistant(shared_e5_settings).answer(question)
    assert _body(r.answer).startswith(opens), r.answer
    assert all(s in r.answer for s in says), r.answer
    assert r.verdict and r.verdict["fits"] is opens.startswith(("可以", "Yes"))


@pytest.mark.parametrize("earlier, follow_up, opens", [
    ("可以在群里分享烘焙小技巧吗?", "那红包呢?", "不建议。"),
    ("Can I share baking tips in my bakery group?", "what about a giveaway then?", "Better not."),
    ("Can I run a giveaway in my bakery group?", "What about member photos instead?", "Yes, it fits."),
])
def test_offline_follow_up_opens_with_the_same_verdict_as_a_full_question(shared_e5_settings, earlier, follow_up, opens):
    a = Assistant(shared_e5_settings)
    r = a.answer(follow_up, _asked(earlier))
    assert _body(r.answer).startswith(opens), r.answer
    assert r.verdict and r.verdict["fits"] is opens.startswith(("可以", "Yes"))


@pytest.mark.parametrize("question, earlier, told", [
    ("可以在群里发红包吗?", None, "不建议"),
    ("那红包呢?", "可以在群里分享烘焙小技巧吗?", "不建议"),
    ("what about a giveaway then?", "Can I share baking tips in my bakery group?", "Better not."),
    ("那晒成员作品呢?", "可以在群里发红包吗?", "可以。"),
    ("群里没人说话怎么办?", None, None),  # no proposal: the prompt as it was
    ("那冬天呢?", "群里冷清怎么办?", None),
])
def test_the_model_is_told_the_verdict(shared_e5_settings, question, earlier, told):
    from assistant.chains import intent

    model = RecordingModel(responses=["好的。"], prompts=[])
    r = Assistant(shared_e5_settings, chat_model=model).answer(question, _asked(earlier) if earlier else None)
    prompt = model.prompts[-1]
    if told is None:
        assert r.verdict is None and "内置规则定了" not in prompt and "built-in rules" not in prompt
        return
    assert r.verdict is not None and told in prompt
    lang = "en" if question.isascii() else "zh"
    assert prompt.endswith(intent.model_verdict(intent.judge(r.verdict["proposal"], lang)))


@pytest.mark.parametrize("question, business, says", [
    ("冬至快到了,我们殡葬服务的家属群发点什么?", "我们殡葬服务", None),
    ("过完年健身房的会员群一直没人说话,发点什么?", "健身房", "假期后"),
    ("Our ski school is closed in summer, what should we post in the students' group?", "ski school", "closed"),
    ("民宿到了冬天就没什么客人,住客群里聊什么好?", "民宿", "冬天"),
    # "what do we talk about" asks for a topic: a discussion post
    ("我开了一家宠物美容店,客户群里聊什么好?", "宠物美容店", "【话题讨论】"),
    ("What should we talk about in our bike shop's customer group?", "bike shop", "[Discussion]"),
])
def test_offline_ask_posts_for_the_business_and_the_time_named(shared_e5_settings, question, business, says):
    from assistant import planner

    text = Assistant(shared_e5_settings).answer(question).answer
    own = text.split("文章里最直接的说法")[0].split("What the articles say")[0]
    goal = planner.plan_goal(business, lang=planner.language_of(question)).goal
    assert goal in own, (goal, text)
    assert says is None or says in own, text
# --- a plan cites what its own choices rest on ------------------------------------------------------------------
PLANS_APART = [
    ("殡葬服务,想给办过后事的家属建个群", "小区门口的社区面包店,老顾客天天来买早点"),
    ("月子中心,刚生完宝宝的妈妈", "I run a bike repair shop in Portland, regulars come by every week"),
    ("做少儿编程培训的,家长群", "二手书店,想建个读书群"),
]


@pytest.mark.parametrize("a,b", PLANS_APART)
def test_plans_with_other_choices_cite_other_passages(shared_e5_settings, a, b):
    pa, pb = (derive_goal(x, settings=shared_e5_settings) for x in (a, b))
    cited = [{(c.source, c.heading, c.excerpt[:40]) for c in p.citations} for p in (pa, pb)]
    assert cited[0] != cited[1]
    for p in (pa, pb):  # every source says which part of the plan it is cited for
        assert p.citations and all(c.part and c.role in ("support", "avoid") for c in p.citations)


@pytest.mark.parametrize("business", ["殡葬服务 寿衣 骨灰盒 想建个家属群", "社区瑜伽馆", "茶叶网店,卖普洱",
                                      "Independent bookstore that wants a reading community"])
def test_a_pitfall_passage_is_cited_as_one_to_avoid(shared_e5_settings, business):
    from assistant.exports import plan_to_markdown
    from assistant.source_gloss import passage_shown

    plan = derive_goal(business, settings=shared_e5_settings)
    md = plan_to_markdown(plan).split("\n## ")[-1]
    pitfalls = [c for c in plan.citations if "雷区" in c.heading]
    assert pitfalls  # the plan's pitfalls name 《9大雷区》's sections
    for c in plan.citations:
        assert c.role == ("avoid" if "雷区" in c.heading else "support")
    lang = "en" if business.isascii() else "zh"
    for c in pitfalls:  # an English plan shows the passage's English gloss
        shown = passage_shown(c.title, c.heading, c.excerpt, lang)
        line = next(x for x in md.splitlines() if shown[:30] in x)
        assert "避开" in line or "avoid" in line
    # the plan's pitfall 《9大雷区》第N雷 is that section of the article, not another
    named = {m for p in plan.pitfalls for m in re.findall(r"第(\d)雷|no\. (\d)", p)}
    numbers = {x for pair in named for x in pair if x}
    assert numbers <= {re.search(r"› (\d)\.", c.heading).group(1) for c in pitfalls}


@pytest.mark.parametrize("business,kind", [("殡葬服务,想给办过后事的家属建个群", "交付群"),
                                           ("月子中心,刚生完宝宝的妈妈", "交付群")])
def test_the_kind_of_group_cites_the_passage_on_that_kind(shared_e5_settings, business, kind):
    plan = derive_goal(business, settings=shared_e5_settings)
    assert plan.group_type == kind
    c = next(c for c in plan.citations if c.part == "group_type")
    assert kind in c.heading + c.excerpt


@pytest.mark.parametrize("business, group_type, key, label", [
    ("A yoga studio in Leeds", None, "super", "super-user group"),
    ("社区瑜伽馆", None, "super", "超级用户群"),
    ("A pottery course, eight weeks, paid up front", "delivery", "delivery", "delivery group"),
    ("少儿围棋培训", "flash", "flash", "快闪群"),
])
def test_plan_json_names_its_kind_in_the_plans_language(business, group_type, key, label):
    """group_type keeps the canonical Chinese name scripts match on; the key and a label in the plan's language
    are added beside it."""
    d = derive_goal(business, group_type=group_type).to_dict()
    assert d["group_type_key"] == key and d["group_type_label"] == label
    assert d["group_type"] in GROUP_TYPES
