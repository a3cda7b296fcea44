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

from . import group_types, group_weeks, own_trade
from .errors import InputError
from .guard import lint_post
from .industry import Recognition, keyword_hits, recognise, words
from .method_words import (  # noqa: F401 - part of the planner's API
    LANGUAGES,
    METHOD_TEXT,
    _method_text,
    activity_name,
    checkin_every,
    checkin_pledge,
    checkin_rule,
    words_for,
)
from .owner_details import (
    _regional,
    _threshold,
    details_of,
    evening_slot,
    place_fields,
    rhythm_of,
    visits_per_week,
)
from .planner_input import (  # noqa: F401 - part of the planner's API
    _ANSWERED_QUESTION,
    ANSWER_KEYS,
    MAX_ANSWER_CHARS,
    MAX_BUSINESS_CHARS,
    PlannerError,
    clean_answers,
    clean_business,
)
from .schemas import ACTIVITY_TYPES, FiveKeys, GoalPlan
from .text import language_of, tidy  # noqa: F401 - part of the planner's API

PLAYBOOKS = Path(__file__).resolve().parent / "playbooks.toml"
WEEKDAYS = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")  # the canonical names; see words_for(lang)


@dataclass(frozen=True)
class ActivityType:
    name: str
    why: str
    query: str  # what to retrieve to ground it


ACTIVITIES_FILE = Path(__file__).resolve().parent / "method" / "activities.toml"


def _load_activities() -> tuple[tuple[ActivityType, ...], ActivityType, tuple]:
    """The weekly rotation (Monday to Sunday), the welcome, and the words that ask for each one's post,
    from ``method/activities.toml``; checked against the canonical names when loaded."""
    from .errors import ConfigError

    data = tomllib.loads(ACTIVITIES_FILE.read_text(encoding="utf-8")).get("activity", [])
    if any(not all(a.get(f) for f in ("name", "why", "query")) for a in data):
        raise ConfigError(f"{ACTIVITIES_FILE.name}: 每个活动都需要 name、why、query")
    weekly = tuple(ActivityType(a["name"], a["why"], a["query"]) for a in data if a.get("weekly"))
    welcome = [ActivityType(a["name"], a["why"], a["query"]) for a in data if a["name"] == "欢迎"]
    if tuple(a.name for a in weekly) != ACTIVITY_TYPES or len(welcome) != 1:
        raise ConfigError(f"{ACTIVITIES_FILE.name}: 每周的活动须依次是 {'、'.join(ACTIVITY_TYPES)},另有一个「欢迎」")
    # A request asking for a welcome is answered with one first; then in the file's order.
    ordered = sorted(data, key=lambda a: a["name"] != "欢迎")
    intents = tuple((tuple(a.get("asked_by", [])), a["name"]) for a in ordered if a.get("asked_by"))
    return weekly, welcome[0], intents


ACTIVITIES, WELCOME, POST_INTENTS = _load_activities()

PLAYBOOKS_EN = Path(__file__).resolve().parent / "playbooks_en.toml"


def _reason(gtype: str | None, lang: str) -> str:
    reasons = words_for(lang)["reasons"]
    return reasons.get(gtype or "", reasons["default"])


# What every playbook must say (type, and for lists the least number of items).
PLAYBOOK_FIELDS = {"label": str, "about": str, "keywords": list, "member": str, "ideal": str, "reality": str,
                   "goal": str, "vision": str, "checkin": str, "share": list, "discuss": list, "pk": list,
                   "story": str, "guest": str, "guest_topics": list, "review": str, "benefits": list, "pitfall": str}
# What a playbook (or a trade's plan) may also say: how posts name the members who have been here a while
# (:func:`member_fields`; else planner.toml ``old_member`` decides).
OPTIONAL_FIELDS = {"old_member": str}
# A template must name long-time members by {old_member}: 老{member} reads 老新手妈妈和家人 for a phrase.
_OLD_MEMBER_BY_HAND = "老{member}"
# Nor the members in the plural by hand: {member}们 reads 家人们 (livestream-sales slang) or 新手妈妈和家人们; {members}.
_MEMBERS_BY_HAND = "{member}们"
SEASONS = ("spring", "summer", "autumn", "winter")
# The tone of a playbook's weekly challenge (its optional `challenge` field; a trade's plan inherits the generic
# playbook's): a friendly contest between two teams, one challenge the whole group takes on together, or for people
# who are ill or frail ("small") not a challenge at all: something small the group does together (planner.toml
# ``easy.together``, as for families in grief and for owners who ask for no pressure).
CHALLENGE_TONES = ("teams", "together", "small")
# What makes a challenge a contest between members (teams, scores, a winner): never in a challenge together.
CONTEST = re.compile(r"比一比|比比|PK|排名|排行|名次|获胜|胜出|冠军|输赢|看谁|看哪组|谁的更|两组|每组|各组|分成两组|"
                     r"\b(?:compare[sd]?|wins?|winners?|winning|rank\w*|beat|teams?|versus|vs)\b", re.I)


# What makes a post pushy for members going through a loss or keeping a dying relative company (a score for the day,
# a streak, making up for a missed day, applause for keeping at it, a goal checked on Sunday, a check-in to start
# "from tomorrow", the distance still to the goal, something to try and report back on): never in a template's or a
# launch day's `gentle` version, which a playbook or trade with `gentle = true` gets (a funeral service, a hospice).
# A check-in is only named where it is said there is none ("没有每天打卡的要求", "no daily check-in").
PUSHY = re.compile(r"打分|打个分|分数|评分|连续第|补上|不可能失败|完成了没有|鼓掌|明天我想试试|(?<!没有每天)打卡|明天起|"
                   r"离目标|离「|还差|近一步|坚持|干货|只求开始|不求完美|先试|试试|"
                   r"\b(?:scores?|streaks?|in a row|catch up|can't fail|applause|tomorrow I'll try|from tomorrow|"
                   r"stands? between you|closer to|how far|keep(?:ing)? (?:at it|going)|try (?:it )?first|report back)\b|"
                   r"(?<!no daily )\bcheck(?:ed|s)?[- ]ins?\b", re.I)
GENTLE_KEYS = ("topic", "post", "extra")
# What makes any post count or press members rather than invite them (the articles' social norms are a shared goal and
# mutual help, not a scoreboard): a score for the day, a quota, a tally of replies or check-in days, winners and results,
# asking why someone missed a day or to make it up, a streak; never in a post template, whatever the business
# (checked when loaded). Gentle versions are held to the stricter :data:`PUSHY` besides.
PRESSING = re.compile(r"打分|打个分|评分|分数|至少有|每组每天|回复数|天数|次数|人数|加起来|获胜|胜出|公布结果|说说原因|补上|连续第|"
                      r"首字母|别忘了|哪怕只做|"
                      # ranking members or teams against each other: who did more, whose is best, a vote for the best,
                      # a daily or weekly quota beyond the last one
                      r"(?<!不)比一比|(?<!不)比比|看谁|看哪[一个]?[组个]|哪一?组.{0,16}(?:多|更|最|守住)|投票最|平均分|数量|"
                      r"最多伙伴|比前一天多|比上周多|每天多坚持|"
                      r"\b(?:scores?|at least|in a row|winners?|winning|say why|catch up|first letter|"
                      r"don't forget|even on a holiday|which (?:team|group|one)|whose (?:is|are|version|get)|vote for|compare (?:team|group)s?|team averages|"
                      r"longer (?:each day|than last week)|more than the day before|"
                      r"add up|days straight|(?:more|most) (?:replies|check-ins|days|kinds|origins))\b", re.I)


def check_inviting(where: str, data: dict) -> None:
    """Fail loudly when a post template (any version) or a playbook's weekly challenge (``pk``) counts or presses
    members (:data:`PRESSING`)."""
    from .errors import ConfigError

    for key, pb in data.items():
        for text in pb.get("pk", []) if key != "templates" else []:
            m = PRESSING.search(text)
            if m:
                raise ConfigError(f"{where} [{key}] pk:「{text}」在计数或催促成员(「{m.group()}」),挑战应该是邀请")
    for name, tpl in data.get("templates", {}).items():
        for text in _strings(tpl):
            m = PRESSING.search(text)
            if m:
                raise ConfigError(f"{where} [templates.{name}]: 「{text[:40]}…」在计数或催促成员(「{m.group()}」),"
                                  f"群帖应该是邀请")


def check_gentle(where: str, data: dict) -> None:
    """Fail loudly when a playbook's ``gentle`` is no true/false, or a template's gentle version is malformed or
    pushy (:data:`PUSHY`)."""
    from .errors import ConfigError

    for key, pb in data.items():
        if key != "templates" and not isinstance(pb.get("gentle", False), bool):
            raise ConfigError(f"{where} [{key}]: gentle 只能是 true 或 false")
    for name, tpl in data.get("templates", {}).items():
        gentle = tpl.get("gentle")
        if gentle is None:
            continue
        at = f"{where} [templates.{name}.gentle]"
        if not isinstance(gentle, dict) or not gentle or set(gentle) - set(GENTLE_KEYS):
            raise ConfigError(f"{at}: 只能有 {', '.join(GENTLE_KEYS)},至少一项")
        for text in (t for v in gentle.values() for t in (v if isinstance(v, list) else [v])):
            if not isinstance(text, str) or not text.strip():
                raise ConfigError(f"{at}: 有空的或不是文字的一项")
            m = PUSHY.search(text)
            if m:
                raise ConfigError(f"{at}: 「{text}」对正在经历失去的人太催促了(「{m.group()}」)")


def member_fields(pb: dict, lang: str) -> dict:
    """The ways a post names a playbook's members: {member}; {Member} and {member_pos} (an English sentence's start,
    a possessive); {old_member} ({Old_member} to start a sentence), those who have been here a while (the playbook's own ``old_member``, else
    planner.toml ``old_member``: 老 only before a short noun, 老会员 but not 老新手妈妈和家人)."""
    member = pb.get("member", "")
    w = words_for(lang)["old_member"]
    # A short noun: one to three characters, no particle joining words, not already old or new (老食客, 新人).
    noun = bool(re.fullmatch(r"[\u4e00-\u9fff]{1,3}", member)) and not re.search(r"[的和与及或、]", member) \
        and member[:1] not in "老新"
    old = pb.get("old_member") or (w["noun"] if noun or lang == "en" else w["phrase"]).format(member=member)
    # Members in the plural: 们 after a short term (茶友们), never after a term ending in 家人 (家人们 is livestream-sales
    # slang) or a phrase (新手妈妈和家人们).
    plural = member if lang == "en" or not noun or member.endswith(("家人", "们")) else member + "们"
    return {"member": member, "members": plural, "Member": member[:1].upper() + member[1:],
            "member_pos": member + ("'" if member.endswith("s") else "'s"), "old_member": old,
            "Old_member": old[:1].upper() + old[1:]}


def check_member_words(where: str, texts) -> None:
    """Fail loudly when a template names long-time members by hand (老{member}) instead of {old_member}."""
    from .errors import ConfigError

    for text in texts:
        if isinstance(text, str) and _OLD_MEMBER_BY_HAND in text:
            raise ConfigError(f"{where}: 「{text[:40]}…」写了 {_OLD_MEMBER_BY_HAND},请用 {{old_member}}"
                              f"(成员的叫法是短语时「老」读不通)")
        if isinstance(text, str) and _MEMBERS_BY_HAND in text:
            raise ConfigError(f"{where}: 「{text[:40]}…」写了 {_MEMBERS_BY_HAND},请用 {{members}}"
                              f"(「家人们」是直播带货的说法,短语后加「们」也读不通)")


def _strings(value) -> list:
    """Every string in a nested dict/list (a template's texts)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for v in value.values() for t in _strings(v)]
    if isinstance(value, list):
        return [t for v in value for t in _strings(v)]
    return []


def check_challenge(where: str, pb: dict, tone: str) -> None:
    """Fail loudly when a challenge's tone is unknown, or a challenge together reads as a contest."""
    from .errors import ConfigError

    if tone not in CHALLENGE_TONES:
        raise ConfigError(f"{where}: challenge 只能是 {', '.join(CHALLENGE_TONES)},收到 {tone!r}")
    if tone == "teams":
        return
    for text in [*pb.get("pk", []), *pb.get("extra", []), pb.get("topic", ""), pb.get("post", "")]:
        m = CONTEST.search(text)
        if m:
            raise ConfigError(f"{where}: pk「{text}」读起来像比赛(「{m.group()}」),而这里的挑战是大家一起完成的")


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
        for name, kind in OPTIONAL_FIELDS.items():
            if name in pb and not (isinstance(pb[name], kind) and pb[name].strip()):
                raise ConfigError(f"playbooks.toml [{key}]: {name} 应为不空的文字")
        if "group" in pb or "group_reason" in pb:  # the kind its situation calls for, and why (both or neither)
            if pb.get("group") not in group_types.DISPLAY_ORDER:
                raise ConfigError(f"playbooks.toml [{key}]: group 必须是 {', '.join(group_types.DISPLAY_ORDER)} 之一,"
                                  f"收到 {pb.get('group')!r}")
            if not (isinstance(pb.get("group_reason"), str) and pb["group_reason"].strip()):
                raise ConfigError(f"playbooks.toml [{key}]: 有 group 就要有 group_reason(为什么选这种群)")
        unknown = set(pb.get("season", {})) - set(SEASONS)
        if unknown:
            raise ConfigError(f"playbooks.toml [{key}]: season 只能有 {', '.join(SEASONS)},多了 {', '.join(sorted(unknown))}")
        check_challenge(f"playbooks.toml [{key}]", pb, challenge_tone(pb))
    for name, tpl in data.get("templates", {}).items():
        if "pool" in tpl and tpl["pool"] not in PLAYBOOK_FIELDS:
            raise ConfigError(f"playbooks.toml [templates.{name}]: 未知的 pool {tpl['pool']!r}")
    _check_together_template(data, "playbooks.toml")
    check_gentle("playbooks.toml", data)
    check_inviting("playbooks.toml", data)
    check_member_words("playbooks.toml [templates]", _strings(data.get("templates", {})))


def _check_together_template(data: dict, where: str) -> None:
    """The challenge template's version for a challenge together: a topic and a post, and no contest."""
    from .errors import ConfigError

    together = data.get("templates", {}).get("小组PK", {}).get("together", {})
    if not (together.get("topic") and together.get("post")):
        raise ConfigError(f"{where} [templates.小组PK.together]: 需要 topic 和 post(大家一起完成的挑战)")
    check_challenge(f"{where} [templates.小组PK.together]", together, "together")


@lru_cache(maxsize=len(LANGUAGES))
def playbooks(lang: str = "zh") -> dict:
    """Industry playbooks by key (everything in playbooks.toml but the post templates), in ``lang``.
    Built once per language: treat the result as read-only."""
    books = {k: v for k, v in _data().items() if k != "templates"}
    if lang != "en":
        return books
    en = _data_en()
    return {k: {**v, **{f: x for f, x in en.get(k, {}).items()}} for k, v in books.items()}


def named_playbook(name: str, lang: str = "zh") -> dict:
    """The playbook called ``name``, in ``lang``, as written: a playbooks.toml key ("yoga"), or a trades.toml
    trade's name ("殡葬服务": the generic playbook in that trade's words). Nothing is read from a description (no
    owner's offering, no easy wording): for a caller who wants one playbook's days whatever the business is, such
    as the guard's training data and the tests walking every playbook. An unknown name is a one-line InputError."""
    from .industry import trades

    books = playbooks(lang)
    if name in books:
        return books[name]
    trade = next((t for t in trades() if t.name == name), None)
    if trade is None:
        raise InputError(f"未知的行业手册 {name!r},可选:{', '.join(books)},或 trades.toml 里的行当名",
                         en=f"Unknown playbook {name!r}; choose one of: {', '.join(books)}, or a trade in trades.toml")
    return {**books["generic"], **trade.plan.get(lang, trade.plan["zh"])}


def playbook_or_named(business: str, lang: str, playbook: str | None = None) -> dict:
    """The playbook called ``playbook`` (:func:`named_playbook`) when given, else the one ``business`` gets."""
    return named_playbook(playbook, lang) if playbook is not None else playbook_for(business, lang)


def templates(lang: str = "zh") -> dict:
    """Post templates by activity name, in ``lang``."""
    return (_data_en() if lang == "en" else _data())["templates"]


@lru_cache(maxsize=1)
def _data_en() -> dict:
    """English text of the playbooks and templates; every playbook must be there, keys as in Chinese."""
    from .errors import ConfigError

    data = tomllib.loads(PLAYBOOKS_EN.read_text(encoding="utf-8"))
    for key in _data():
        if key == "templates":
            continue
        missing = [f for f in PLAYBOOK_FIELDS if f != "keywords" and f not in data.get(key, {})]
        # No Chinese in English: what the Chinese playbook says optionally, the English one says too.
        missing += [f for f in (*OPTIONAL_FIELDS, "group_reason") if f in _data()[key] and f not in data.get(key, {})]
        if "group" in data.get(key, {}):
            raise ConfigError(f"playbooks_en.toml [{key}]: group 只写在 playbooks.toml 里(这里只写 group_reason)")
        if missing:
            raise ConfigError(f"playbooks_en.toml [{key}]: 缺少 {', '.join(missing)}")
    if set(data.get("templates", {})) != set(_data()["templates"]):
        raise ConfigError("playbooks_en.toml: 模板和 playbooks.toml 的不一致")
    for key, pb in _data().items():
        if key != "templates":
            check_challenge(f"playbooks_en.toml [{key}]", data[key], challenge_tone(pb))
    _check_together_template(data, "playbooks_en.toml")
    check_gentle("playbooks_en.toml", data)
    check_inviting("playbooks_en.toml", data)
    gentle = {k for k, t in _data()["templates"].items() if "gentle" in t}
    if gentle != {k for k, t in data["templates"].items() if "gentle" in t}:
        raise ConfigError(f"playbooks_en.toml: 有 gentle 版本的模板要和 playbooks.toml 一致({'、'.join(sorted(gentle))})")
    return data


def challenge_tone(pb: dict) -> str:
    """How a playbook's weekly challenge is done: "teams" (a friendly contest) or "together"."""
    return pb.get("challenge", "teams")


def challenge_template(pb: dict, lang: str) -> dict:
    """The weekly challenge's template for a playbook: the team contest, or the version for a challenge together."""
    tpl = templates(lang)["小组PK"]
    if challenge_tone(pb) != "teams" or small_challenge(pb):
        return {**{k: v for k, v in tpl.items() if k != "together"}, **tpl["together"]}
    return tpl


def small_challenge(pb: dict) -> bool:
    """Whether the weekly challenge is no challenge but something small done together (planner.toml
    ``easy.together``): for families in grief (``gentle``), an owner who asked for no pressure (``easy``), and a
    playbook whose members are ill or frail (``challenge = "small"``)."""
    return bool(pb.get("gentle") or pb.get("easy")) or challenge_tone(pb) == "small"


def activity_template(name: str, pb: dict, lang: str) -> dict:
    """An activity's post template as a playbook does it: the challenge in its tone (:func:`challenge_template`),
    and where the playbook is ``gentle`` (families in grief) the template's gentle version, if it has one (no
    score for the day, no streak, no catching up)."""
    tpl = challenge_template(pb, lang) if name == "小组PK" else templates(lang)[name]
    if name == "小组PK" and small_challenge(pb):  # no 挑战 (no pressure asked, grief, illness): something done together
        tpl = {**tpl, **{k: v for k, v in words_for(lang)["easy"]["together"].items() if k in ("topic", "post")}}
    gentle = tpl.get("gentle") if pb.get("gentle") or (pb.get("easy") and name in EASY_TEMPLATES) else None
    return {**{k: v for k, v in tpl.items() if k != "gentle"}, **(gentle or {})}


def playbook_for(business: str, lang: str = "zh") -> dict:
    """The playbook a description gets, in ``lang``: its industry's; for a trade no playbook covers
    (``trades.toml``: 殡葬, 保险, 维修 ...), the generic playbook in that trade's words, so the goal is one its
    members would share (remembrance and the family's affairs for a funeral service), not a goal for anyone."""
    rec = recognise_business(business)
    pb = playbooks(lang)[rec.key]
    trade = _trade_of(rec)
    off = _own_offering(rec)
    if off is None and rec.confident:  # the owner's focus, where the playbook's plan never names it
        off = own_trade.adapted(business, rec.key)
    if off is not None:  # the owner's own words: what they sell, teach, repair or treat (own_trade.toml)
        own = own_trade.plan(off, lang)
        if rec.confident and rec.key != "b2b":  # a playbook's plan with the owner's focus: its challenges and guests stay
            own = {k: v for k, v in own.items() if k not in own_trade.WEEK_FIELDS}
        pb = {**pb, **own}
        if getattr(off, "kind", None) in SMALL_CHALLENGE_OFFERINGS:  # patients: no 挑战, something small together
            pb["challenge"] = "small"
    elif trade is not None:
        pb = {**pb, **trade.plan.get(lang, trade.plan["zh"])}
    if not pb.get("gentle") and asks_easy(business):
        pb = easy_playbook(pb, lang)
    elif small_challenge(pb):
        pb = {**pb, "pk": _small_things(pb)}
    return pb


# The templates whose gentle version an owner who asks for no pressure gets (planner.toml ``easy``): the ones that would
# press (a score for the day, a streak, a goal checked on Sunday); the others' gentle versions speak to families in grief.
EASY_TEMPLATES = ("打卡", "周复盘")


# The offerings (own_trade.toml kinds) whose members are ill or recovering: their weekly challenge is "small".
SMALL_CHALLENGE_OFFERINGS = ("treatment",)


def asks_easy(text: str) -> bool:
    """Whether the owner asks for a group without pressure (不想太逼人, 佛系, 不要天天打卡, no pressure, low-key):
    planner.toml ``easy.words`` (patterns) in either language."""
    return any(re.search(w, text, re.I) for lang in LANGUAGES for w in words_for(lang)["easy"]["words"])


def easy_playbook(pb: dict, lang: str = "zh") -> dict:
    """A playbook for an owner who asks for no pressure: the challenge done together (no teams), from the playbook's
    own challenges that set no teams against each other, and ``easy`` (the gentle check-in and review, the gentle
    names and reasons of the activities, no daily check-in rule: :func:`plan_goal`)."""
    easy = words_for(lang)["easy"]
    soft = {f: _soften(pb[f], easy) for f in ("goal", "vision") if isinstance(pb.get(f), str)}
    # Benefits that reward keeping at it (a badge for 30 days in a row) press: left out, unless nothing would be left.
    benefits = [_soften(b, easy) for b in pb.get("benefits", [])
                if not (PUSHY.search(b) or any(re.search(x, b, re.I) for x in easy["streak"]))]
    return {**pb, **soft, "benefits": benefits or list(pb.get("benefits", [])), "easy": True,
            "challenge": "together", "pk": _small_things(pb)}


def _soften(text: str, easy: dict) -> str:
    """``text`` with its daily quota said as ``easy.daily_as`` (每天 -> 平时, every day -> when you can)."""
    for pattern in easy["daily"]:
        text = re.sub(pattern, easy["daily_as"], text, flags=re.I)
    return tidy(text)


def _small_things(pb: dict) -> list[str]:
    """A playbook's weekly challenges that set nobody against anyone, count nothing and are no 挑战: the small things
    a group does together (:func:`small_challenge`); the template's own when none is left."""
    return [x for x in pb.get("pk", []) if not (CONTEST.search(x) or PRESSING.search(x)
                                                or re.search(r"挑战|challenge", x, re.I))]


def _own_offering(rec: Recognition):
    """The offering a plan is written for in the owner's words: when no playbook fits and no trade with a plan of
    its own is named (a broad trade such as 维修 says nothing of what is repaired), or a B2B supplier names what
    it supplies."""
    if rec.key == "b2b" and rec.offering is not None and rec.offering.kind == "b2b":
        return rec.offering  # the B2B playbook's goal in what this supplier supplies (HVAC, frozen food)
    if rec.key != "generic" or rec.offering is None or rec.thin:
        return None
    trade = rec.trade or rec.named_trade
    if trade is not None and trade.name not in own_trade.data()["replace_trades"]:
        return None
    return rec.focus or rec.offering  # what it focuses on ("主要治疗湿疹"), else what its name offers (皮肤科)


def is_gentle(business: str, lang: str = "zh", answers: dict | None = None) -> bool:
    """Whether a description (and the owner's answers) gets the gentle templates: its playbook or trade says
    ``gentle = true`` (families in grief or by a dying relative's side: a funeral service, a hospice)."""
    return bool(playbook_for(_with_answers(business, clean_answers(answers)), lang).get("gentle"))


def _trade_of(rec: Recognition):
    """The uncovered trade whose words a plan uses (the generic playbook's fields in its words), or None."""
    trade = rec.trade or rec.named_trade
    return trade if rec.key == "generic" else None


def detect_industry(business: str) -> str:
    """The playbook for a description (by meaning, whole words as support); "generic" when none fits."""
    return recognise_business(business).key


@lru_cache(maxsize=256)
def recognise_business(business: str) -> Recognition:
    """Which playbook fits, how sure, and whether the description is too thin (see :mod:`assistant.industry`)."""
    return recognise(business, playbooks(), english=playbooks("en"))


# The articles' method is a sequence of questions (why do people come? what is their ideal? what stops
# them?): asked back (method/planner.toml `questions`) when the description does not say enough.
def questions_for(business: str, lang: str | None = None, answers: dict | None = None) -> list[str]:
    """Notices that ask for what the plan could not know; empty when the description (and answers) say enough."""
    lang = lang or language_of(business)
    w = words_for(lang)
    answered = {_ANSWERED_QUESTION[k] for k in (answers or {})}
    rec = recognise_business(_with_answers(business, answers))

    def ask(intro: str, idx: list[int]) -> list[str]:
        left = [w["questions"][i] for i in idx if i not in answered]
        return [intro, *left] if left else []

    if rec.thin and not answers:
        return ask(w["ask_thin"], [0, 1, 2, 3])
    if not rec.confident:
        off = _own_offering(rec)
        if off is not None and rec.key == "generic":  # says what was used instead, and what to answer
            return ask(own_trade.notice(off, lang), [0, 1, 2]) or [own_trade.notice(off, lang)]
        intro = w["ask_trade"] if rec.trade or rec.named_trade else w["ask_unknown"]
        return [*_unmatched(rec, lang), *ask(intro, [0, 1, 2])]
    if (off := own_trade.adapted(_with_answers(business, answers), rec.key)) is not None:
        return [own_trade.adapted_notice(off, playbooks(lang)[rec.key]["label"], lang)]
    if rec.short and not answers:
        return ask(w["ask_short"].format(label=playbooks(lang)[rec.key]["label"]), [0, 1])
    return []


def _unmatched(rec: Recognition, lang: str) -> list[str]:
    """The notice naming the kinds of business a description was held against and did not match."""
    w, books = words_for(lang), playbooks(lang)
    keys = [k for k in dict.fromkeys(rec.unmatched) if k in books and k != "generic"]
    labels = ("”, “" if lang == "en" else "」「").join(books[k]["label"] for k in keys)
    if rec.trade:
        # No playbook close enough to name: the sentence without its "closest were" part.
        tpl = w["unmatched_trade"] if labels else re.sub(r"\s*[((][^()()]*\{labels\}[^()()]*[))]", "",
                                                         w["unmatched_trade"])
        return [tpl.format(trade=rec.trade.en if lang == "en" else rec.trade.name, labels=labels)]
    return [w["unmatched"].format(labels=labels)] if labels else []


def _with_answers(business: str, answers: dict | None) -> str:
    """The description plus what the answers say about members and payment (both help recognition)."""
    extra = [answers[k] for k in ("members", "pays") if answers and answers.get(k)]
    if extra and answers.get("members"):
        extra[0] = _about_customers(answers["members"])
    return " ".join([business, *extra])


def _about_customers(members: str) -> str:
    """The answer on members, read as a sentence about the customers where that decides the business: they run shops
    of their own (a B2B group), or they do what a trade works for (trades.toml ``members``: they keep livestock). What
    they come to buy ("来买面包和蛋糕的宝妈") still says what the business sells, so otherwise it stands as said."""
    from .industry import trades

    lead = "customers are " if language_of(members) == "en" else "客户是"
    said = lead + re.sub(r"^(?:客户|顾客|客人|会员|成员)?(?:都|大多|主要)?(?:是|为)", "", members)
    if own_trade.is_b2b(said) or any(t.members and keyword_hits(members, list(t.members)) for t in trades()):
        return said
    return members


def chosen_kind(name: str | None) -> str | None:
    """The kind of group (canonical Chinese name) an owner's choice names, or None when it names none.

    Read as ``lint``, ``goal`` and ``calendar`` read ``--group-type`` (:func:`group_weeks.given`): a key, label,
    English name or alias of a kind, any case; the goal group (goal, 目标群, default ...), the guard's default,
    names no kind, so the description decides as if nothing were chosen; an unknown name is the guard's one-line
    InputError."""
    from . import group_weeks

    kind = group_weeks.given(name)
    return kind.label if kind else None


def said_reason(label: str, said: list[str], lang: str) -> str:
    """The reason for kind ``label`` after the owner's own words that chose it (planner.toml ``reason_said``)."""
    w = words_for(lang)
    quoted = ", ".join(f"“{x}”" for x in said[:4]) if lang == "en" else "".join(f"「{x}」" for x in said[:4])
    return tidy(w["reason_said"].format(said=quoted) + _reason(label, lang))


def choose_group_type(business: str, override: str | None = None, lang: str = "zh",
                      lasting: bool = False, also: str = "") -> tuple[str, str]:
    """The kind of group (canonical Chinese name) and the reason, in ``lang``. ``lasting``: only a kind that lasts
    beyond one event (no flash group), for a week of the weekly rotation (:func:`week_group_choice`). ``also``:
    more of the owner's words to weigh (the answer on how often members come), not read for the trade."""
    fallback = group_types.default().label
    label = chosen_kind(override)
    if label:  # the owner's choice: the kind's purpose, never as if the description had said it
        return label, words_for(lang)["chosen_reasons"][label]
    flash = group_types.by_key("flash").key
    # What the owner's words say, by idea (group_types.toml [idea] and each kind's keywords), in either language.
    text = f"{business} {also}".strip()
    tokens = words(text)
    def hits(t: str, kws: list[str]) -> list[str]:
        return keyword_hits(t, kws, tokens)

    weighed = group_types.weigh(text, hits, lasting)
    if weighed is not None:
        gtype, said = weighed
        return gtype.label, said_reason(gtype.label, said, lang)
    # The kind the trade's situation calls for (trades.toml [trade.group]: a funeral service's families come
    # once and have paid), with the trade's own reason.
    rec = recognise_business(business)
    trade = _trade_of(rec)
    if trade is not None and trade.group and not (lasting and trade.group == flash):
        return group_types.by_key(trade.group).label, trade.group_reason.get(lang, trade.group_reason["zh"])
    # The kind a playbook's situation calls for (playbooks.toml `group`: a confinement centre's mothers come once per
    # birth and have paid), with its own reason.
    pb = playbooks(lang)[rec.key] if trade is None else {}
    # A delivery group carries a paid service from start to result (a renovation, a course); a shop that only sells
    # its goods ("建材店", "母婴用品店": own_trade's goods kind) delivers no such process: the usual choice.
    if pb.get("group") == group_types.by_key("delivery").key and rec.offering is not None \
            and rec.offering.kind == "goods":
        pb = {}
    if pb.get("group") and not (lasting and pb["group"] == flash):
        return group_types.by_key(pb["group"]).label, pb["group_reason"]
    # A business opening with a life event it sees people through (a wedding, a birth: life_events.toml) serves each
    # customer once: no group of regulars, the kind for rare visits, when no playbook or trade spoke for its situation
    # (a trade without [trade.group], such as a moving company serving households, keeps the usual choice).
    from . import life_events

    if not rec.confident and trade is None and life_events.opens_with_event(text):
        rare = group_types.for_rare_visits().label
        return rare, words_for(lang)["rhythm"]["rare"].get("group_reason") or _reason(rare, lang)
    # Words that only lean towards a kind ("刚开业" alone: a new shop's customers are all new) decide here.
    leaning = group_types.weigh(text, hits, lasting, lean=True)
    if leaning is not None:
        return leaning[0].label, said_reason(leaning[0].label, leaning[1], lang)
    return fallback, _reason(None, lang)


def _groups_of_regulars() -> tuple[str, str]:
    """The kinds of group built on members who keep coming back (超级用户群, 新用户群)."""
    return group_types.by_key("super").label, group_types.by_key("newuser").label


def _rare_kind(gtype: str, reason: str, band: str, chosen: str | None, lang: str) -> tuple[str, str]:
    """Members who come a few times a year or once in a lifetime make no group of regulars: the kind of group
    follows (unless the owner chose one), not only a notice."""
    if band == "rare" and not chosen and gtype in _groups_of_regulars():
        rare = group_types.for_rare_visits().label
        return rare, words_for(lang)["rhythm"]["rare"].get("group_reason") or _reason(rare, lang)
    return gtype, reason


def group_choice(business: str, lang: str, answers: dict | None = None,
                 chosen: str | None = None, lasting: bool = False) -> tuple[str, str, str]:
    """The kind of group a plan gets, the reason told to the owner, and how often members come (the band of
    :func:`~assistant.owner_details.rhythm_of`): the one decision the plan and its launch week share.

    ``business`` is the description, ``answers`` the owner's answers (cleaned, as :func:`clean_answers` gives
    them), ``chosen`` the kind the owner picked, if any. The owner's choice wins; then the description's and
    the answers' words (members, pays); then the trade's situation; members who come rarely (the answer on how
    often they come wins over the description) make no group of regulars. ``lasting``: no flash group unless
    the owner chose one (see :func:`week_group_choice`)."""
    answers = answers or {}
    chosen = chosen_kind(chosen)  # the goal group names no kind: the description decides
    gtype, reason = choose_group_type(_with_answers(business, answers), chosen, lang, lasting,
                                      also=answers.get("frequency", ""))
    visits = visits_per_week(answers.get("frequency", ""))
    band = rhythm_of(visits if visits is not None else visits_per_week(business))
    gtype, reason = _rare_kind(gtype, reason, band, chosen, lang)
    return gtype, reason, band


def week_group_choice(business: str, lang: str, answers: dict | None = None,
                      chosen: str | None = None) -> tuple[str, str, str, bool]:
    """The kind of group a week of the weekly rotation (and a launch week) is made for, as :func:`group_choice`
    gives it, and whether the plan's own kind is a flash group this week is not for (``(kind, reason, band,
    flash)``). A flash group the owner did not choose has no such week: its plan says the goal and the week are
    for a separate, long-running group (``flash_notice``), so the week is that group's, of the kind the rest of
    the description decides (its other words, the trade's situation, how often members come, the default)."""
    gtype, reason, band = group_choice(business, lang, answers, chosen)
    if gtype != group_types.by_key("flash").label or chosen_kind(chosen):
        return gtype, reason, band, False
    return (*group_choice(business, lang, answers, lasting=True), True)


def group_type_for(business: str, lang: str, answers: dict | None = None) -> str:
    """The kind of group a description (and the owner's answers) gets when the owner chose none, as
    :func:`plan_goal` chooses it (:func:`group_choice`)."""
    return group_choice(business, lang, answers)[0]


def group_wording(business: str, gtype: str | None, lang: str, chosen: str | None = None) -> dict:
    """The group's own wording (``threshold``, ``rules``) where the standard wording (method/planner.toml) does
    not fit its members, for a group of kind ``gtype`` (None: the kind the description alone gets; pass the
    plan's kind, :func:`group_choice`, when there are answers); {} when the standard wording stands.

    The trade's own wording for its kind of group (trades.toml ``[trade.group.wording]``: a funeral service's
    families, a wedding planner's couples) when the group is that kind; else, for a delivery group around a
    life event the description names (a wedding, a funeral or memorial, moving house, a baby's birth), the
    gentle wording of ``method/life_events.toml``. Either is written for its kind: another kind brings its own,
    except that a ``gentle`` trade or playbook (families in grief or by a dying relative's side) under a kind the
    owner ``chosen`` (``--group-type``) keeps its gentle terms: the members are the same people whatever the kind."""
    from . import life_events

    trade = _trade_of(recognise_business(business))
    gtype = gtype or group_type_for(business, lang)
    if trade is not None and trade.wording and group_types.by_key(trade.group).label == gtype:
        return trade.wording[lang]
    own = life_events.wording(business, gtype, lang)
    if own or not chosen_kind(chosen) or not playbook_for(business, lang).get("gentle"):
        return own
    # A gentle trade or playbook under another kind the owner chose: its own gentle terms (or the life events').
    if trade is not None and trade.wording:
        return trade.wording[lang]
    return life_events.load().wording[lang]


def group_rules(own: dict, goal: str, pb: dict, lang: str, gtype: str | None = None) -> list[str]:
    """The group's rules: the trade's own (``own``, from :func:`group_wording`) or the standard ones, filled in; the
    standard check-in rule as a group of kind ``gtype`` asks for check-ins (planner.toml ``checkin_rule``)."""
    rule = checkin_rule(gtype, pb["checkin"], lang)
    return [r.format(goal=goal, checkin=pb["checkin"], member=pb["member"], checkin_rule=rule)
            for r in own.get("rules") or words_for(lang)["rules"]]


def _seed(business: str) -> int:
    return int(hashlib.sha1(business.encode("utf-8")).hexdigest()[:8], 16)


def _add_clause(sentence: str, clause: str, lang: str) -> str:
    """``sentence`` with ``clause`` after it: after a question mark as a new sentence, otherwise after a semicolon."""
    sentence = re.sub(r"[。.;;]+$", "", sentence)
    if sentence[-1:] in "??":
        return f"{sentence} {clause[:1].upper()}{clause[1:]}" if lang == "en" else f"{sentence}{clause}"
    return f"{sentence}; {clause}" if lang == "en" else f"{sentence};{clause}"


def _pitfalls(group_type: str, pb: dict, lang: str, rhythm: dict | None = None) -> list[str]:
    w = words_for(lang)
    steady = rhythm["pitfall"].format(said=rhythm["said"]) if rhythm else w["pitfall_rhythm"]
    return [w["pitfall_by_type"][group_type], w["pitfall_ads"], pb["pitfall"], w["pitfall_voice"],
            w["pitfall_mechanical"], steady,
            gentle_incubation(lang) if pb.get("gentle") else w["easy"]["incubation"] if pb.get("easy")
            else w["pitfall_incubation"]]


@lru_cache(maxsize=len(LANGUAGES))
def gentle_incubation(lang: str) -> str:
    """planner.toml ``pitfall_incubation_gentle`` in ``lang``: the article's incubation figures for a gentle plan, set
    as no target (families in grief); checked: nothing pushy (:data:`PUSHY`)."""
    from .errors import ConfigError

    text = words_for(lang).get("pitfall_incubation_gentle")
    if not (isinstance(text, str) and text.strip()):
        raise ConfigError(f"method/planner.toml [{lang}]: 缺少 pitfall_incubation_gentle")
    m = PUSHY.search(text)
    if m:
        raise ConfigError(f"method/planner.toml [{lang}] pitfall_incubation_gentle: 「{text}」对正在经历失去的人太催促了(「{m.group()}」)")
    return text


def activity_label(name: str, lang: str, pb: dict | None = None) -> tuple[str, str]:
    """An activity's display name and reason in ``lang``, as ``pb`` does it when given: the challenge in its tone,
    and for a ``gentle`` playbook the gentle name and reason (planner.toml ``gentle_activities``: 说说今天, not 打卡)."""
    if name == "小组PK" and pb is not None and challenge_tone(pb) != "teams":
        a = words_for(lang)["challenge_together"]
        label, why = a["name"], a["why"]
    elif lang == "en":
        a = words_for("en")["activities"][name]
        label, why = a["name"], a["why"]
    else:
        act = WELCOME if name == "欢迎" else next(a for a in ACTIVITIES if a.name == name)
        label, why = act.name, act.why
    small = name == "小组PK" and pb is not None and small_challenge(pb)
    gentle = gentle_activities(lang).get(name, {}) if pb is not None and (pb.get("gentle") or pb.get("easy") or small) \
        else {}
    if small:
        gentle = {**gentle, "name": words_for(lang)["easy"]["together"]["name"]}
    return gentle.get("name", label), gentle.get("why", why)


@lru_cache(maxsize=len(LANGUAGES))
def gentle_activities(lang: str) -> dict:
    """planner.toml ``gentle_activities`` in ``lang``, checked: known activities, a name and/or a reason, none of
    them pushy (:data:`PUSHY`)."""
    from .errors import ConfigError

    table = words_for(lang).get("gentle_activities", {})
    where = f"method/planner.toml [{lang}.gentle_activities]"
    for name, words_ in table.items():
        if name not in (*ACTIVITY_TYPES, "欢迎"):
            raise ConfigError(f"{where}: 未知的活动类型 {name!r}")
        if not isinstance(words_, dict) or not words_ or set(words_) - {"name", "why"} or \
                not all(isinstance(v, str) and v.strip() for v in words_.values()):
            raise ConfigError(f"{where} {name}: 只能有 name、why,至少一项,都不能为空")
        for text in words_.values():
            m = PUSHY.search(text)
            if m:
                raise ConfigError(f"{where} {name}: 「{text}」对正在经历失去的人太催促了(「{m.group()}」)")
    return table


def activity_shown(name: str, lang: str, business: str) -> str:
    """An activity's display name as ``business`` does it (一起挑战 for a challenge together; 说说今天 for a check-in
    in a gentle plan): what a calendar's readers see in the exports and on the page."""
    return activity_label(name, lang, playbook_for(business, lang))[0]


IDEAL_GOAL_CHARS = 40  # longer answers explain; they are used as the ideal, not as the goal
# The guard's rules whose findings make an answer an offer (red packets, coupons and discounts, flash sales,
# group buys, prices, rewards for recruiting or for actions): a market norm, never the members' ideal.
OFFER_RULES = frozenset({"MN001", "MN002", "MN003", "MN004", "MN005", "MN008", "MN012"})
# Wanting it cheaper, which the guard (reading posts, not wishes) lets pass.
_CHEAPER = re.compile(r"便宜|省钱|实惠|划算|优惠|打折|折扣|返现|红包|[优礼代]?券|积分|赠品|特价|低价|降价|免单|"
                      r"\b(?:cheap(?:er|est)?|discounts?|coupons?|vouchers?|cash ?back|red packets?|freebies?|"
                      r"for free|bargains?|lower prices?|save money|loyalty points)\b", re.I)


def is_offer(text: str) -> bool:
    """Whether an owner's answer is a discount, red packet, coupon or other offer rather than an ideal."""
    return bool(_CHEAPER.search(text)) or any(f.code in OFFER_RULES for f in lint_post(text).findings)


def plan_goal(business: str, group_type: str | None = None, lang: str | None = None,
              answers: dict | None = None) -> GoalPlan:
    """The goal plan for a business, built offline from the articles' method, in the description's language.

    ``answers`` (keys members, ideal, gap, pays, frequency) are the owner's answers to the method's
    questions; where they say something the description did not, or differently, the answers win.
    """
    text, notices = clean_business(business)
    answers = clean_answers(answers)
    lang = lang or language_of(text)
    w = words_for(lang)
    known = _with_answers(text, answers)
    pb = playbook_for(known, lang)
    # The kind of group, and how often members come (the answer wins over the description): decided once, in
    # group_choice, which the launch week asks too.
    gtype, reason, band = group_choice(text, lang, answers, group_type)
    member = answers.get("members") or pb["member"]
    where = place_fields(known, w)
    goal = pb["goal"]
    # The owner's own statement of the members' ideal is the best shared goal there is (the articles' method:
    # the goal closes the gap to the ideal), when it is short enough to be one and is no offer.
    ideal_said = re.sub(r"[。.!!]+$", "", answers.get("ideal", "")).strip()
    if ideal_said and is_offer(ideal_said):  # a discount is a market norm: not the members' ideal at all
        notices.append(w["ideal_offer"].format(ideal=ideal_said, fallback=goal))
        answers = {k: v for k, v in answers.items() if k != "ideal"}
        ideal_said = ""
    if ideal_said and len(ideal_said) <= IDEAL_GOAL_CHARS and not lint_post(ideal_said).flagged:
        goal = ideal_said
        notices.append(w["ideal_goal"].format(ideal=ideal_said))
    rhythm = w["rhythm"].get(band)
    # A trade's own wording for its kind of group (a funeral service's families: no commitment, no roll call).
    own = group_wording(known, gtype, lang, group_type)
    if pb.get("easy") and not own and gtype != group_types.by_key("flash").label:  # the owner asked for no pressure
        own = {k: w["easy"][k] for k in ("threshold", "rules")}
        notices.append(w["easy"]["notice"])
    rules = group_rules(own, goal, pb, lang, gtype)
    # the check-in rule says what counts given how often members come (a daily one: a weekly or occasional check-in
    # already leaves room for the days between)
    if rhythm and "rules" not in own and checkin_every(pb["checkin"], lang) == "day" \
            and gtype not in words_for(lang)["checkin_rule"]:
        rules = [_add_clause(rule, rhythm["checkin_also"], lang) if "{checkin_rule}" in r else rule
                 for r, rule in zip(w["rules"], rules)]
    # The week as the kind of group runs it (a flash group's plan: the separate long-running group's), each day with
    # its reason in that kind's words where it has them, and what this business brings to it first.
    week_kind = gtype if gtype != group_types.by_key("flash").label else week_group_choice(text, lang, answers)[0]
    covered = recognise_business(known).confident  # else the generic playbook's examples say nothing of it
    activities = []
    for i, name_ in enumerate(group_weeks.week_order(week_kind, pb)):
        name, why = activity_label(name_, lang, pb)
        if not pb.get("easy"):  # no pressure asked: the gentle reasons stand
            why = group_weeks.activity_words(week_kind, name_, lang, pb).get("why") or why
        activities.append(tidy(w["activity"].format(weekday=w["weekdays"][i], name=name, why=why.split("(")[0])
                               + week_example(name_, pb, lang, own_only=not covered)))
    keys = FiveKeys(
        vision=pb["vision"],
        threshold=tidy(_threshold(own.get("threshold", w["thresholds"][gtype]).format(
                                      member=pb["member"], regular=(rhythm or w["rhythm"]["unknown"])["regular"],
                                      pledge=checkin_pledge(pb["checkin"], lang)),
                             _regional(where, member)
                             if gtype != "快闪群" else "", lang)),
        rules=[tidy(r) for r in rules],
        activities=activities,
        benefits=list(pb["benefits"]),
    )
    notices += questions_for(text, lang, answers)
    if answers:
        notices.append(w["answers_used"].format(keys=(", " if lang == "en" else "、").join(
            w["answer_names"][k] for k in answers)))
    if gtype == "快闪群":
        notices.append(w["flash_notice"])
    notices += _chosen_notices(known, text, lang, answers, group_type, gtype, pb)
    if rhythm and rhythm.get("notice") and gtype in _groups_of_regulars():
        notices.append(rhythm["notice"])
    return GoalPlan(
        business=text,
        goal=goal,
        ideal=tidy(w["ideal"].format(member=member, ideal=answers.get("ideal") or pb["ideal"])),
        gap=tidy(w["gap"].format(reality=answers.get("gap") or pb["reality"], goal=goal)),
        group_type=gtype,
        group_type_reason=reason,
        keys=keys,
        pitfalls=_pitfalls(gtype, pb, lang, rhythm),
        mode="offline",
        notices=notices,
    )


def week_example(name: str, pb: dict, lang: str, own_only: bool = False) -> str:
    """What the business brings to an activity first, as the plan's week says it (planner.toml ``activity_example``):
    its first tip, topic, challenge or guest topic; its check-in question, storyteller or review question.
    ``own_only`` (a plan no playbook covers confidently): no example when the item is the generic playbook's, which
    says nothing of this business ("我是怎么坚持下来的" reads as filler)."""
    tpl = activity_template(name, pb, lang) if name in ACTIVITY_TYPES else {}
    field = tpl["pool"] if "pool" in tpl else {"打卡": "checkin", "成员故事": "story", "周复盘": "review"}.get(name, "")
    items = own_items(pb, tpl, None) if "pool" in tpl else [pb.get(field, "")]
    generic = playbooks(lang)["generic"].get(field)
    if own_only and items and generic and items[0] in (generic if isinstance(generic, list) else [generic]):
        return ""
    item = re.split(r"[::]", items[0], maxsplit=1)[0] if items and items[0] else ""
    item = re.sub(r"[((][^()()]*[))]|[。.??\s]+$", "", item).strip()  # its title, without asides
    return words_for(lang)["activity_example"].format(item=item) if item else ""


def _chosen_notices(known: str, text: str, lang: str, answers: dict, chosen: str | None, gtype: str,
                    pb: dict) -> list[str]:
    """What an owner who chose the kind of group should know: the kind the description's situation calls for, when
    it differs (with its reason), and for a gentle trade that its gentle terms stand (planner.toml ``chosen_other``,
    ``gentle_chosen``)."""
    if not chosen_kind(chosen):
        return []
    w = words_for(lang)
    auto, reason, _ = group_choice(text, lang, answers)
    notes = []
    if auto != gtype:
        g = group_types.find(auto)
        notes.append(w["chosen_other"].format(label=g.en if lang == "en" else g.label, reason=reason))
    if pb.get("gentle") and auto != gtype and group_wording(known, gtype, lang, chosen):
        g = group_types.find(gtype)
        notes.append(w["gentle_chosen"].format(label=g.en if lang == "en" else g.label))
    return [tidy(n) for n in notes]


# The ICS export ends a day at the next midnight, so the calendar's last day must have a next one.
LAST_DAY = dt.date.max - dt.timedelta(days=1)


def week_dates(start: dt.date | None, days: int, today: dt.date | None = None, lang: str = "zh") -> list[dt.date]:
    """Dates for the calendar: from ``start`` (default next Monday), ``days`` days (1..31).

    ``start`` may be a date, a datetime (its day) or text as the command line takes it ("2026-12-07", "下周一")."""
    if not isinstance(days, int) or not 1 <= days <= 31:
        raise PlannerError(f"天数必须在 1 到 31 之间,收到 {days!r}")
    if isinstance(start, dt.datetime):  # a datetime is a date too, but the calendar's days have no time
        start = start.date()
    elif isinstance(start, str):
        from .dates import parse_date

        try:
            start = parse_date(start, today)
        except InputError as e:
            raise PlannerError(f"start:{e}") from None
    elif start is not None and not isinstance(start, dt.date):
        raise TypeError(f"start 必须是日期(datetime.date)、日期文字(如 \"2026-12-07\")或 None,"
                        f"收到的是 {type(start).__name__}")
    if start is None:
        today = today or dt.date.today()
        start = today + dt.timedelta(days=(7 - today.weekday()) % 7 or 7)
    if start > LAST_DAY - dt.timedelta(days=days - 1):
        raise PlannerError(
            f"The start date {start.isoformat()} is too late: {days} days would run past {LAST_DAY.isoformat()}, "
            "the last date a calendar can hold." if lang == "en" else
            f"开始日期 {start.isoformat()} 太晚:{days} 天的周历会超出日历能表示的范围(最后一天最晚是 {LAST_DAY.isoformat()})")
    return [start + dt.timedelta(days=i) for i in range(days)]


def weekday_name(d: dt.date, lang: str = "zh") -> str:
    return words_for(lang)["weekdays"][d.weekday()]


def week_number(date: dt.date) -> int:
    """Weeks since a fixed Monday: the rotation follows the calendar, so a later start continues it."""
    return (date.toordinal() - 1) // 7


def season_of(date: dt.date) -> str:
    return {12: "winter", 1: "winter", 2: "winter", 3: "spring", 4: "spring", 5: "spring",
            6: "summer", 7: "summer", 8: "summer"}.get(date.month, "autumn")


def plan_day(business: str, goal: str, date: dt.date, index: int, lang: str | None = None,
             answers: dict | None = None, group_type: str | None = None, *, playbook: str | None = None) -> dict:
    """One day's activity: the type follows the weekday; topics and wording rotate with the week. ``answers`` (the
    owner's answers, as :func:`plan_goal` takes them) are read with the description, as the plan and the launch
    week read them; the rotation is seeded by the description alone, so answering does not reshuffle it.
    ``group_type`` (any name of a kind, group_types.toml) is the kind of group the owner named: the day is in its
    words (:mod:`assistant.group_weeks`); None keeps the goal group's week. ``playbook`` (a name
    :func:`named_playbook` takes) plans the day with that playbook instead of the one the description gets."""
    lang = lang or language_of(business)
    answers = clean_answers(answers)
    known = _with_answers(business, answers)
    # The day's activity as the kind of group runs its week: the kind named, else the one the plan chose.
    kind = group_type or week_group_choice(business, lang, answers)[0]
    name = group_weeks.week_order(kind, playbook_or_named(known, lang, playbook))[date.weekday()]
    return plan_activity(known, goal, name, _seed(business) + week_number(date),
                         date=date, lang=lang, group_type=group_type, playbook=playbook)


def post_for_request(request: str, goal: str, today: dt.date, lang: str | None = None) -> dict:
    """A ready-to-post message for a request such as "帮我写一条欢迎新人的群帖"."""
    text = request.lower()
    kind = next((k for words_, k in POST_INTENTS if any(w in text for w in words_)), ACTIVITIES[today.weekday()].name)
    return plan_activity(request, goal, kind, _seed(request), date=today, lang=lang)


def own_items(pb: dict, tpl: dict, date: dt.date | None) -> list[str]:
    """The business's own items for an activity: the playbook's list and, for tips, this season's tip."""
    items = list(pb.get(tpl["pool"], []))
    season = pb.get("season", {}).get(season_of(date)) if date else None
    if season and tpl["pool"] == "share":  # a seasonal tip; the season is a statement, not a question
        items.append(season)
    return items


def _extras(pb: dict, tpl: dict) -> list[str]:
    """The template's general items, in the business's own words where they name them ("{checkin}",
    "{review}"): a general tip must fit every business, so it says no rhythm or subject of its own."""
    fields = {k: v.rstrip("。.") for k, v in pb.items() if isinstance(v, str)}
    return [x.format(**fields) if "{" in x else x for x in tpl.get("extra", [])]


def _pool(pb: dict, tpl: dict, date: dt.date | None) -> list[str]:
    """The items an activity rotates through: the playbook's, this season's, then the template's extras."""
    items = own_items(pb, tpl, date)
    extras = [x for x in _extras(pb, tpl) if x not in items]
    if tpl["pool"] == "guest_topics":
        # The guest (the business's own expert) talks about the playbook's guest topics, then general ones any
        # expert can speak to, never about a Monday tip: Mondays go through every tip in five or six weeks, so a tip
        # the guest took would come up twice within four weeks under two labels (干货分享:X, then 嘉宾问答:…聊「X」).
        # Four topics in all: four weeks in a row hear every one of the business's own.
        return items + extras[:max(0, 4 - len(items))]
    return items + extras


def _variant(value, pick: int) -> str:
    return value[pick % len(value)] if isinstance(value, list) else value


def plan_activity(business: str, goal: str, kind: str, pick: int, *, date: dt.date | None = None,
                  lang: str | None = None, group_type: str | None = None, playbook: str | None = None) -> dict:
    """Topic, post and reason for one activity of the given kind (``type`` stays the canonical name); in the words
    of ``group_type`` (a kind the owner named, :func:`group_weeks.activity_words`) when given; with the playbook
    called ``playbook`` (:func:`named_playbook`) when given, else the one the description gets."""
    from . import group_weeks

    lang = lang or language_of(business)
    pb = playbook_or_named(business, lang, playbook)
    act = WELCOME if kind == "欢迎" else next(a for a in ACTIVITIES if a.name == kind)
    own = group_weeks.activity_words(group_type, act.name, lang, pb)
    tpl = {**activity_template(act.name, pb, lang), **{k: v for k, v in own.items() if k in ("topic", "post")}}
    fields = {k: v for k, v in pb.items() if isinstance(v, str)}
    fields["goal"] = goal
    details = details_of(business)  # read once: the place and the closing hour
    w = words_for(lang)
    fields["near"] = place_fields(business, w, details)["near"]
    fields["evening"] = evening_slot(details.closes, lang)
    fields.update(member_fields(pb, lang))
    member = fields["member"]
    if "pool" in tpl:
        pool = _pool(pb, tpl, date)
        item = pool[pick % len(pool)].rstrip("。.")
        # Data sometimes repeats the activity's own label ("Team challenge: ..."): the topic adds it already.
        label = activity_label(act.name, lang)[0]
        item = re.sub(rf"^\s*({re.escape(label)}|{re.escape(act.name)})\s*[::]\s*", "", item, flags=re.I)
        fields["item"] = item
        fields["item_title"] = re.split(r"[::]", item, maxsplit=1)[0]
    if own:  # what the kind's words may name besides the playbook's: this week's tip (as Monday gave it), a benefit
        monday = date - dt.timedelta(days=date.weekday()) if date else None
        share = _pool(pb, activity_template("分享", pb, lang), monday)
        fields["week_share"] = re.split(r"[::]", share[pick % len(share)], maxsplit=1)[0].strip().rstrip("。.")
        fields["benefit"] = pb["benefits"][pick % len(pb["benefits"])].rstrip("。.")
    topic = _variant(tpl["topic"], pick).format(**fields)
    post = _variant(tpl["post"], pick).format(**fields)
    if "line" in own:
        post = f"{post}\n{_variant(own['line'], pick).format(**fields)}"
    # Saturday evening hosts the story session the week's member story announced, whatever else the day brings.
    if date is not None and date.weekday() == 5 and act.name not in ("成员故事", "周复盘"):
        post = f"{post}\n{w['story_tonight'].format(evening=fields['evening'], member=member, members=fields['members'])}"
    elif act.name == "周复盘":  # the result of this week's challenge (same rotation pick as Thursday's)
        pk_pool = _pool(pb, challenge_template(pb, lang), date)
        pk = re.split(r"[::]", pk_pool[pick % len(pk_pool)], maxsplit=1)[0].strip().rstrip("。.")
        result = "pk_result_together" if challenge_tone(pb) != "teams" else "pk_result"
        line = w["easy"]["together"]["result"] if small_challenge(pb) else w[result]
        post = f"{post}\n{line.format(pk=pk)}"
    rhythm = w["rhythm"].get(rhythm_of(details.visits))
    if act.name == "打卡" and rhythm and rhythm["post_line"] and not (pb.get("gentle") or pb.get("easy")):  # how often members come (gentle: none asked)
        post = f"{post}\n{rhythm['post_line']}"
    # The seams an empty field or a field's own punctuation leaves ("{near}" said nothing; "photo?, plus").
    topic, post = tidy(topic), tidy(post)
    return {"type": act.name, "topic": topic, "post": post, "why": own.get("why") or activity_label(act.name, lang, pb)[1],
            "query": own.get("query") or act.query}


def safe_post(business: str, goal: str, lang: str | None = None) -> str:
    """A plain check-in post used when a generated post cannot be cleaned by the guard."""
    lang = lang or language_of(business)
    pb = playbook_for(business, lang)
    return words_for(lang)["safe_post"].format(goal=goal, checkin=pb["checkin"])


# Short summaries of the articles' method, used by offline answers (keywords -> note).


def method_note(question: str, lang: str = "zh") -> str:
    """The method's note a question is about (see :mod:`assistant.method_notes`), in ``lang``, or ""."""
    from .method_notes import method_note as note

    return note(question, lang=lang)
