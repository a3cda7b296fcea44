"""The offline planner: the articles' method as code, so the product works fully with no model.

1. Find the gap between the members' ideal and their reality, and a long-term goal that fills it.
2. Pick the kind of group (快闪群 / 新用户群 / 超级用户群 / 交付群) from what the business says.
3. Set the five keys: vision, threshold, rules, activities, benefits.
4. Rotate the activities through the week, with topics from the industry playbook.
5. Name the pitfalls to avoid.
Deterministic: the same description always gives the same plan.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import InputError
from .industry import Recognition, keyword_hits, recognise, words
from .schemas import ACTIVITY_TYPES, FiveKeys, GoalPlan

PLAYBOOKS = Path(__file__).resolve().parent / "playbooks.toml"
MAX_BUSINESS_CHARS = 2000
WEEKDAYS = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")


class PlannerError(InputError):
    pass


@dataclass(frozen=True)
class ActivityType:
    name: str
    why: str
    query: str  # what to retrieve to ground it


# The rotation follows the activities the articles name: content sharing, check-in, topic discussion,
# small PK competitions, member stories (real voices, pitfall 9), Q&A with a guest, weekly review.
ACTIVITIES = (
    ActivityType("分享", "持续输出有价值的干货,成员才会从学习转向彼此交流(《社群运营》:输出)", "持续输出有价值的东西 干货输出"),
    ActivityType("打卡", "打卡是坚持目标的仪式感,成员坚持打卡并由管理者定期激励,群才会自生长(《社群运营》:孵化指标)", "坚持打卡 管理者定期进行群内激励"),
    ActivityType("讨论", "不断制造与目标相关的话题,借话题引发成员参与的意愿(《社群运营》:营造氛围)", "不断的制造话题 引发用户参与"),
    ActivityType("小组PK", "小型PK让活动有趣又有料,目的是学习和社交(五个关键之“活动”)", "small PK competitions activities interesting informative"),
    ActivityType("成员故事", "只有官方声音的群缺乏真实感,老成员的真实案例最有说服力(《9大雷区》第9雷)", "只有官方声音 缺乏真实感 老客户 真实案例"),
    ActivityType("嘉宾问答", "大V和专家持续分享,成员更愿意向他们看齐、主动学习(《社群运营》:名人背书)", "名人背书 大V 分享"),
    ActivityType("周复盘", "回顾一周的进步,成功之后的成就感和养成的习惯会带来归属感(《社群运营》:归属感)", "归属感 成就感 习惯"),
)
assert tuple(a.name for a in ACTIVITIES) == ACTIVITY_TYPES

GROUP_TYPE_RULES = (
    # (group type, keywords in the description, reason)
    ("快闪群", ("促销", "发售", "清仓", "秒杀", "限时", "闪购", "大促", "双十一", "618", "年货节", "开业活动"),
     "你描述的是一次集中销售:这属于快闪群,卖完就解散(《用户社群运营》:“这种群千万不要长期运营”)。"
     "如果想长期留住客户,请另建一个以共同目标为核心的群。"),
    ("交付群", ("会员", "学员", "训练营", "私教", "陪跑", "课程", "付费", "学费", "报了名", "培训", "年卡", "疗程", "私董会", "班"),
     "你的客户已经为服务付费:交付群的重点是“体验过程,交付结果”,用共同目标陪他们把结果拿到(《用户社群运营》)。"),
    ("超级用户群", ("老客户", "老顾客", "熟客", "常客", "回头客", "vip", "高价值", "忠实", "铁粉", "老会员"),
     "你要经营的是高价值的老客户:超级用户群需要公开的筛选机制和权益,30%超级用户+70%潜在超级用户,定向邀请(《用户社群运营》)。"),
    ("新用户群", ("新客", "新用户", "新顾客", "首单", "刚买", "体验装", "引流", "试用"),
     "成员是刚买过产品的新客户:新用户群要用群价值和体验留住人,“千万不要只发广告”(《用户社群运营》)。"),
)
DEFAULT_GROUP = ("超级用户群", "长期运营的目标群应该从最认同目标的老客户开始:先邀请愿意一起坚持的人,"
                 "公开入群条件和权益,按30%超级用户+70%潜在超级用户组建(《用户社群运营》)。")

THRESHOLDS = {
    "快闪群": "无需门槛,但要在群公告写清楚:本群只为这次活动存在,活动结束后解散",
    "新用户群": "刚开始使用我们服务的新朋友入群;入群时说明群的目标,请愿意参与的人做自我介绍",
    "超级用户群": "按公开的条件发出入群请帖(例如常来常用、愿意每周打卡),入群前说明目标和权益",
    "交付群": "已付费的{member}入群;入群即承诺参与目标,缺席三次的成员由管理员私下关心而不是公开点名",
}


# What every playbook must say (type, and for lists the least number of items).
PLAYBOOK_FIELDS = {"label": str, "about": str, "keywords": list, "member": str, "ideal": str, "reality": str,
                   "goal": str, "vision": str, "checkin": str, "share": list, "discuss": list, "pk": list,
                   "story": str, "guest": str, "guest_topics": list, "review": str, "benefits": list, "pitfall": str}
SEASONS = ("spring", "summer", "autumn", "winter")


@lru_cache(maxsize=1)
def _data() -> dict:
    data = tomllib.loads(PLAYBOOKS.read_text(encoding="utf-8"))
    check_playbooks(data)
    return data


def check_playbooks(data: dict) -> None:
    """Fail loudly, naming the playbook and field, when the planner's data is incomplete."""
    from .errors import ConfigError

    for key, pb in data.items():
        if key == "templates":
            continue
        for name, kind in PLAYBOOK_FIELDS.items():
            if not isinstance(pb.get(name), kind):
                raise ConfigError(f"playbooks.toml [{key}]: 缺少字段 {name}(应为 {kind.__name__})")
        unknown = set(pb.get("season", {})) - set(SEASONS)
        if unknown:
            raise ConfigError(f"playbooks.toml [{key}]: season 只能有 {', '.join(SEASONS)},多了 {', '.join(sorted(unknown))}")
    for name, tpl in data.get("templates", {}).items():
        if "pool" in tpl and tpl["pool"] not in PLAYBOOK_FIELDS:
            raise ConfigError(f"playbooks.toml [templates.{name}]: 未知的 pool {tpl['pool']!r}")


def playbooks() -> dict:
    """Industry playbooks by key (everything in playbooks.toml but the post templates)."""
    return {k: v for k, v in _data().items() if k != "templates"}


def templates() -> dict:
    """Post templates by activity name."""
    return _data()["templates"]


def clean_business(business) -> tuple[str, list[str]]:
    """Validate the business description; very long input is cut with a notice."""
    if not isinstance(business, str):
        raise PlannerError(f"生意描述必须是文字,收到的是 {type(business).__name__}")
    text = " ".join(business.split())
    if not text:
        raise PlannerError("请先描述你的生意,例如:“我在社区开了一家健身房,会员大多是附近上班族”")
    notices = []
    if len(text) > MAX_BUSINESS_CHARS:
        text = text[:MAX_BUSINESS_CHARS]
        notices.append(f"描述太长,只使用了前 {MAX_BUSINESS_CHARS} 个字。")
    return text, notices


def detect_industry(business: str) -> str:
    """The playbook for a description (by meaning, whole words as support); "generic" when none fits."""
    return recognise_business(business).key


@lru_cache(maxsize=256)
def recognise_business(business: str) -> Recognition:
    """Which playbook fits, how sure, and whether the description is too thin (see :mod:`assistant.industry`)."""
    return recognise(business, playbooks())


# The articles' method is a sequence of questions (why do people come? what is their ideal? what stops
# them?): asked back when the description does not say enough to plan on.
QUESTIONS = ("你的客户(群成员)是谁?年龄、身份,是附近的居民、上班族,还是孩子的家长?",
             "他们来找你,最想得到但还没得到的是什么?(理想和现实的缺口)",
             "他们为什么付费:买一次东西、办卡、上课,还是长期服务?",
             "他们多久来一次?平时在哪里(小区、写字楼、线上)?")


def questions_for(business: str) -> list[str]:
    """Notices that ask for what the plan could not know; empty when the description is clear."""
    rec = recognise_business(business)
    if rec.thin:
        return ["描述太简略,下面的方案只是通用的起点。回答这几个问题,方案会贴合你的生意:"] + list(QUESTIONS)
    if not rec.confident:
        return ["没能从描述里确定你的行业,下面先用通用方案。补充这几点会更准确:"] + list(QUESTIONS[:3])
    if rec.short:
        return [f"已按「{playbooks()[rec.key]['label']}」来规划;再说说这两点,方案会更贴合:"] + list(QUESTIONS[:2])
    return []


def choose_group_type(business: str, override: str | None = None) -> tuple[str, str]:
    if override:
        from .guard import resolve_profile

        label = resolve_profile(override).label
        if label == "目标群":
            return DEFAULT_GROUP
        reason = next((r for t, _k, r in GROUP_TYPE_RULES if t == label), DEFAULT_GROUP[1])
        return label, reason
    tokens = words(business)
    for gtype, keywords, reason in GROUP_TYPE_RULES:
        if keyword_hits(business, list(keywords), tokens):
            return gtype, reason
    return DEFAULT_GROUP


def _seed(business: str) -> int:
    return int(hashlib.sha1(business.encode("utf-8")).hexdigest()[:8], 16)


def _pitfalls(group_type: str, pb: dict) -> list[str]:
    items = [
        "别在群里发广告、优惠券和红包:社会规范非常脆弱,“只要有一次行为违反了最初设定的目标,人设就立刻会崩塌”(《如何做好社群运营不可或缺的两点》)。",
        pb["pitfall"],
        "不要只有官方声音:每周请成员讲自己的真实故事,否则“客户会缺乏真实感”(《9大雷区》第9雷)。",
        "不要机械地复制粘贴内容:互动要有情感交流,回复要及时、具体(《9大雷区》第6雷)。",
        "运营动作要持续连贯:按周历固定节奏做活动,别三天打鱼两天晒网(《9大雷区》第7雷)。",
    ]
    specific = {
        "快闪群": "快闪群千万不要长期运营:活动结束就解散,别把它当成目标群来养(《用户社群运营》)。",
        "新用户群": "新用户群千万不要只发广告:群价值和群体验决定了后续的复购和转介绍(《用户社群运营》)。",
        "超级用户群": "筛选机制和权益要公开,让所有用户都知道;进群要有欢迎仪式,把仪式感拉满(《用户社群运营》)。",
        "交付群": "实际交付不能低于承诺:及格是兑现服务,优秀是超预期交付(《用户社群运营》)。",
    }
    return [specific[group_type]] + items


def plan_goal(business: str, group_type: str | None = None) -> GoalPlan:
    """The goal plan for a business, built offline from the articles' method."""
    text, notices = clean_business(business)
    key = detect_industry(text)
    pb = playbooks()[key]
    gtype, reason = choose_group_type(text, group_type)
    member = pb["member"]
    goal = pb["goal"]
    rules = [
        "昵称统一为“城市+名字+目标”,方便互相认识和督促",
        f"只聊和「{goal}」有关的事:不发广告、红包、优惠券和拉票链接",
        f"每天在群里打卡:{pb['checkin']}",
        "分享经验时说自己的真实做法,不评判别人",
        "连续两周没有打卡的成员,管理员会私下问候;需要暂停可以随时说",
    ]
    activities = [f"{WEEKDAYS[i]}·{a.name}:{a.why.split('(')[0]}" for i, a in enumerate(ACTIVITIES)]
    keys = FiveKeys(
        vision=pb["vision"],
        threshold=THRESHOLDS[gtype].format(member=member),
        rules=rules,
        activities=activities,
        benefits=list(pb["benefits"]),
    )
    notices += questions_for(text)
    if gtype == "快闪群":
        notices.append("快闪群适合一次集中销售,不适合长期经营;下面的目标与周历是为你另建的长期目标群准备的。")
    return GoalPlan(
        business=text,
        goal=goal,
        ideal=f"{member}的理想:{pb['ideal']}",
        gap=f"现实的缺口:{pb['reality']}。共同目标「{goal}」就是用来填补这个缺口的。",
        group_type=gtype,
        group_type_reason=reason,
        keys=keys,
        pitfalls=_pitfalls(gtype, pb),
        mode="offline",
        notices=notices,
    )


def week_dates(start: dt.date | None, days: int, today: dt.date | None = None) -> list[dt.date]:
    """Dates for the calendar: from ``start`` (default next Monday), ``days`` days (1..31)."""
    if not isinstance(days, int) or not 1 <= days <= 31:
        raise PlannerError(f"天数必须在 1 到 31 之间,收到 {days!r}")
    if start is None:
        today = today or dt.date.today()
        start = today + dt.timedelta(days=(7 - today.weekday()) % 7 or 7)
    return [start + dt.timedelta(days=i) for i in range(days)]


def weekday_name(d: dt.date) -> str:
    return WEEKDAYS[d.weekday()]


WELCOME = ActivityType("欢迎", "新人入群时隆重欢迎是仪式感:新人感到被重视,老成员知道有了新朋友(《社群运营》:仪式感)",
                       "欢迎新人 仪式感")
# What a request for a post asks for -> which activity's template to use.
POST_INTENTS = ((("欢迎", "新人", "入群", "进群", "新成员"), "欢迎"), (("打卡",), "打卡"), (("分享", "干货"), "分享"),
                (("讨论", "话题"), "讨论"), (("pk", "比赛", "挑战"), "小组PK"), (("故事",), "成员故事"),
                (("嘉宾", "答疑", "问答", "直播"), "嘉宾问答"), (("复盘", "总结", "周报"), "周复盘"))


def week_number(date: dt.date) -> int:
    """Weeks since a fixed Monday: the rotation follows the calendar, so a later start continues it."""
    return (date.toordinal() - 1) // 7


def season_of(date: dt.date) -> str:
    return {12: "winter", 1: "winter", 2: "winter", 3: "spring", 4: "spring", 5: "spring",
            6: "summer", 7: "summer", 8: "summer"}.get(date.month, "autumn")


def plan_day(business: str, goal: str, date: dt.date, index: int) -> dict:
    """One day's activity: the type follows the weekday; topics and wording rotate with the week."""
    return plan_activity(business, goal, ACTIVITIES[date.weekday()].name, _seed(business) + week_number(date),
                         date=date)


def post_for_request(request: str, goal: str, today: dt.date) -> dict:
    """A ready-to-post message for a request such as "帮我写一条欢迎新人的群帖"."""
    text = request.lower()
    kind = next((k for words_, k in POST_INTENTS if any(w in text for w in words_)), ACTIVITIES[today.weekday()].name)
    return plan_activity(request, goal, kind, _seed(request), date=today)


def _pool(pb: dict, tpl: dict, date: dt.date | None) -> list[str]:
    """The items an activity rotates through: the playbook's, this season's, then the template's extras."""
    items = list(pb.get(tpl["pool"], []))
    season = pb.get("season", {}).get(season_of(date)) if date else None
    if season and tpl["pool"] in ("share", "discuss"):
        items.append(season)
    return items + [x for x in tpl.get("extra", []) if x not in items]


def _variant(value, pick: int) -> str:
    return value[pick % len(value)] if isinstance(value, list) else value


def plan_activity(business: str, goal: str, kind: str, pick: int, *, date: dt.date | None = None) -> dict:
    """Topic, post and reason for one activity of the given kind."""
    pb = playbooks()[detect_industry(business)]
    act = WELCOME if kind == "欢迎" else next(a for a in ACTIVITIES if a.name == kind)

    tpl = templates()[act.name]
    fields = {k: v for k, v in pb.items() if isinstance(v, str)}
    fields["goal"] = goal
    if "pool" in tpl:
        pool = _pool(pb, tpl, date)
        item = pool[pick % len(pool)].rstrip("。")
        fields["item"] = item
        fields["item_title"] = re.split(r"[::]", item, maxsplit=1)[0]
    topic = _variant(tpl["topic"], pick).format(**fields)
    post = _variant(tpl["post"], pick).format(**fields)
    return {"type": act.name, "topic": topic, "post": post, "why": act.why, "query": act.query}


def safe_post(business: str, goal: str) -> str:
    """A plain check-in post used when a generated post cannot be cleaned by the guard."""
    pb = playbooks()[detect_industry(business)]
    return f"【打卡】今天我们继续向「{goal}」前进。请在群里说说:{pb['checkin']}。"


# Short summaries of the articles' method, used by offline answers (keywords -> note).
METHOD_NOTES = (
    (("快闪", "新用户", "超级用户", "交付", "群类型", "什么群", "哪种群"),
     "方法:快闪群为一次集中销售而建,卖完即散,不要长期运营;新用户群服务刚买过的客户,千万不要只发广告;"
     "超级用户群要有公开的筛选机制和权益,30%超级用户+70%潜在超级用户,定向邀请;交付群服务付费客户,体验过程、交付结果。"),
    (("目标", "愿景", "goal", "vision", "长期"),
     "方法:先问“成员为什么来?”(理想),再问“为什么还没做到?”(现实),两者之间的缺口就是共同目标要填补的地方。"
     "例如健身房:理想是更好的身形,现实是办了卡却没坚持,于是建立「60天,改变身形」群,带大家坚持60天。"),
    (("门槛", "群规", "规则", "权益", "福利", "threshold", "rule", "benefit"),
     "方法:五个关键是愿景、门槛、规则、活动、权益。没有门槛就没有价值;规则最好和成员一起定;"
     "活动要有趣又有料;权益要让人觉得这个群值得留下。"),
    (("活跃", "死群", "没人说话", "冷清", "互动", "活动"),
     "方法:活跃靠共同目标和持续的活动,而不是红包。固定节奏的分享、打卡、话题讨论、小组PK、成员故事和嘉宾问答,"
     "并对积极分享的成员及时反馈。"),
    (("红包", "优惠", "广告", "秒杀", "抽奖", "卖货", "促销", "雷区", "坑"),
     "方法:红包、抽奖、秒杀属于市场规范,只能带来短期热闹;社会规范很脆弱,一次广告或优惠券就可能让群回到“各取所需”。"
     "同时避开九大雷区:定位不清、没有规则、免费午餐、忽视忠诚度、没有真正的价值、机械互动、动作不连贯、缺乏创新、只有官方声音。"),
)


def method_note(question: str) -> str:
    """The note whose keywords the question mentions most (earlier notes win ties)."""
    q = question.lower()
    best, best_hits = "", 0
    for keywords, note in METHOD_NOTES:
        hits = sum(1 for k in keywords if k in q)
        if hits > best_hits:
            best, best_hits = note, hits
    return best
