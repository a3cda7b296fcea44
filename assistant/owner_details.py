"""What the owner said about where and when, pulled out of a description so plans and posts can use it:
the place (a 小区, an office building, near a school) and the kind of place it is, and when the shop closes."""
from __future__ import annotations

import re
from dataclasses import dataclass

# Named places first ("阳光花园小区", "望京SOHO写字楼", "杭州西湖区"), then the kind alone ("小区门口", "写字楼里").
# Each pattern: what comes before the kind of place (the name, with whatever precedes it), and the kind.
# A district, county or town ("朝阳区", "桐庐县", "浦东新区张江镇") is an area; words that only end like one
# (社区, 景区, 工业区, 学区, 县城, 镇上) are not.
_DISTRICT = r"(?:(?<![社小园景城市郊校片街厂矿山辖专分商业宅营战灾禁湾风学误盲地展赛病站务雷发税])区|县(?!城)|镇(?![上里子]))"
_NAMED = (
    ("neighbourhood", re.compile(r"([\u4e00-\u9fffA-Za-z0-9]{2,10})(小区|社区|花园|家园|新村|公寓)")),
    ("office", re.compile(r"([\u4e00-\u9fffA-Za-z0-9]{2,10})(写字楼|大厦|园区|产业园|科技园|商务中心)")),
    ("area", re.compile(rf"([\u4e00-\u9fff]{{2,8}}?)({_DISTRICT}(?:[\u4e00-\u9fff]{{2,4}}?{_DISTRICT})?)")),
)
_KIND = (
    ("neighbourhood", re.compile(r"小区|社区|街坊|邻居|楼下|菜市场|街道|neighbou?rhood|estate|residents|neighbou?rs", re.I)),
    ("office", re.compile(r"写字楼|办公楼|园区|cbd|白领|office (?:building|workers)|business park", re.I)),
    ("school", re.compile(r"学校门口|校门口|学校旁|学校附近|大学城|near (?:a|the) school|school gate", re.I)),
)
# The last of these words before a place's name says what the name is: after a place's word ("我在阳光小区")
# the name follows; after the words that introduce the business ("我开了一家社区面包店", "我们是一家社区医院"),
# what follows describes the business (a community bakery), not where it is; after a count ("几个小区",
# "两个大小区") no name follows.
_CUE = re.compile(r"(?P<business>开了?一?个?[家间座所]|开了?一?个|开了|[一这那每两几]个?[家间座所])|"
                  r"(?P<count>[一两三几多各每这那]个大?)|(?P<place>在|于|的|是)")
_VAGUE_NAME = re.compile(r"^(附近|周边|周围|我们|咱们|本|这个|那个|一个|家|的)")
# A verb that opens the clause is not part of the name ("服务海淀区", "主要做浦东新区的生意", "覆盖朝阳区").
_LEADING_VERB = re.compile(r"^(?:主要|专门|只)?(?:服务于?|覆盖|主营|做|面向|辐射|负责|专做|位于|坐落于?|跑)")


_HOUR = r"(\d{1,2})(?:[::](\d{2})|点(半)?|点)?"
# "早上7点到晚上9点", "7:00-21:00", "营业到晚上10点", "开到9点半".
_ZH_HOURS = re.compile(rf"(?:(早上|上午|中午|下午|晚上)?{_HOUR}\s*(?:到|至|-|~|—|–)|营业到|开到|营业至)\s*(早上|上午|中午|下午|晚上|晚)?"
                       rf"(\d{{1,2}})(?:[::](\d{{2}})|点(半)?)")
_EN_HOURS = re.compile(r"\b(?:open(?:s|ed)?\s+(?:from\s+)?\d{1,2}(?::\d{2})?\s*(?:am|pm)?\s*(?:to|-|–|till|until)|"
                       r"(?:open|close[sd]?)\s+(?:till|until|at))\s*(\d{1,2})(?::(\d{2}))?\s*(am|pm)", re.I)


@dataclass(frozen=True)
class OwnerDetails:
    place: str = ""  # the place's name as the owner wrote it, or "" when only its kind is known
    place_kind: str = ""  # "neighbourhood", "office", "school", "area" (a district, county or town) or ""
    closes: float | None = None  # the hour the shop closes (21.5 = half past nine in the evening)
    visits: float | None = None  # how often members come, in visits a week (0.25 = about once a month)


def closing_hour(text: str) -> float | None:
    """When the shop closes, from opening hours the owner wrote ("早上7点到晚上9点", "open 7am to 9pm")."""
    m = _ZH_HOURS.search(text)
    if m:
        part, hour, minutes, half = m.group(5), int(m.group(6)), m.group(7), m.group(8)
        if part in ("下午", "晚上", "晚") and hour < 12:
            hour += 12
        value = hour + (0.5 if half else int(minutes) / 60 if minutes else 0.0)
        return value if 0 < value <= 24 else None
    m = _EN_HOURS.search(text)
    if m:
        hour = int(m.group(1)) % 12 + (12 if m.group(3).lower() == "pm" else 0)
        return hour + (int(m.group(2)) / 60 if m.group(2) else 0.0)
    return None


_ZH_NUM = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
           "几": 3, "半": 0.5}
_ZH_PERIOD = {"天": 7, "日": 7, "周": 1, "星期": 1, "礼拜": 1, "月": 1 / 4.3, "季度": 1 / 13, "季": 1 / 13, "年": 1 / 52}
_ZH_COUNT = r"(\d+|[一二两三四五六七八九十几]{1,2})"
# "每周来两三次", "一个月来一次", "一年也就来一两回", "每周上2-3次课".
_ZH_VISITS = re.compile(rf"(?:每|一|1)个?(半年|天|日|周|星期|礼拜|月|季度|季|年)[^,,。;;、\d]{{0,6}}?{_ZH_COUNT}"
                        rf"(?:\s*[到至\-~—]\s*{_ZH_COUNT})?(?:次|回|趟)")
# Counts without a number: "天天来", "每天都来买早餐", "每周来一趟" is above; "偶尔来".
_ZH_DAILY = re.compile(r"(?:天天|每天|每日|几乎每天)(?:都|早上|晚上|下班)?(?:来|到店|过来|光顾|买|练|上课|打卡|报到)")
_ZH_RARE = re.compile(r"(?:偶尔|很少|不常)(?:才)?(?:来|光顾|到店)|(?:一年|半年|每年)(?:才|就|只)?来?(?:一|1)次|"
                      r"一辈子|一生(?:只|就)?一次|一次性(?:消费|服务|生意)|只来一次|就来一次")
_EN_WORD = {"once": 1, "twice": 2, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "a few": 3, "several": 3,
            "a couple of": 2}
_EN_PERIOD = {"day": 7, "week": 1, "month": 1 / 4.3, "year": 1 / 52}
_EN_VISITS = re.compile(r"\b(once|twice|(?:one|two|three|four|five|\d+|a few|several|a couple of)\s+times?)"
                        r"(?:\s*(?:or|to|-)\s*(?:twice|\w+\s+times?))?\s+(?:a|per|every|each)\s+(day|week|month|year)\b", re.I)
_EN_ADVERB = re.compile(r"\b(?:come|visit|drop by|stop by|shop|train|buy)\w*\s+(?:here\s+|in\s+)?"
                        r"(daily|every day|weekly|every week|monthly|every month|yearly|once a year|rarely)\b", re.I)
_EN_ONCE = re.compile(r"\bonce in a lifetime\b|\bone[- ]time (?:customers?|clients?|purchase|service)\b|\bonly (?:come|visit) once\b",
                      re.I)
_EN_ADVERB_VALUE = {"daily": 7, "every day": 7, "weekly": 1, "every week": 1, "monthly": 1 / 4.3,
                    "every month": 1 / 4.3, "yearly": 1 / 52, "once a year": 1 / 52, "rarely": 1 / 26}


def _zh_count(word: str) -> float:
    if word.isdigit():
        return float(word)
    if len(word) == 2 and word[0] == "十":  # 十二
        return 10 + _ZH_NUM.get(word[1], 0)
    if len(word) == 2:  # "两三", "一两": one or the other
        return (_ZH_NUM.get(word[0], 1) + _ZH_NUM.get(word[1], 1)) / 2
    return float(_ZH_NUM.get(word[0], 1))


def visits_per_week(text: str) -> float | None:
    """How often members come, in visits a week, from what the owner wrote ("会员每周来两三次",
    "一个月来一次", "天天来买早餐", "they come twice a week"); None when the text does not say."""
    m = _ZH_VISITS.search(text)
    if m:
        period, low, high = m.group(1), _zh_count(m.group(2)), m.group(3)
        count = (low + _zh_count(high)) / 2 if high else low
        per_week = count * (1 / 26 if period == "半年" else _ZH_PERIOD[period])
        return round(per_week, 3)
    if _ZH_DAILY.search(text):
        return 7.0
    if _ZH_RARE.search(text):
        return round(1 / 26, 3)
    m = _EN_VISITS.search(text)
    if m:
        head = m.group(1).lower()
        count = next((v for k, v in _EN_WORD.items() if head.startswith(k)), None)
        if count is None:
            count = float(re.match(r"\d+", head).group())
        return round(count * _EN_PERIOD[m.group(2).lower()], 3)
    m = _EN_ADVERB.search(text)
    if m:
        return round(_EN_ADVERB_VALUE[m.group(1).lower()], 3)
    if _EN_ONCE.search(text):
        return round(1 / 52, 3)
    return None


def rhythm_of(visits: float | None) -> str:
    """The band a visit rate falls in, which sets the check-in rule and the group's rhythm:
    "often" (twice a week or more), "weekly", "monthly", "rare" (a few times a year), or "" (not said)."""
    if visits is None:
        return ""
    if visits >= 2:
        return "often"
    if visits >= 0.5:
        return "weekly"
    if visits >= 0.15:
        return "monthly"
    return "rare"


def details_of(text: str) -> OwnerDetails:
    """The place an owner's description names, what kind of place it is, when the shop closes and how
    often members come."""
    closes, visits = closing_hour(text), visits_per_week(text)
    for kind, pattern in _NAMED:
        for m in pattern.finditer(text):
            # An area's name needs its start: a place's word before it, or the start of a clause.
            starts = m.start() == 0 or not ("\u4e00" <= text[m.start() - 1] <= "\u9fff")
            stem = _place_name(m.group(1), starts or kind != "area")
            if stem is not None and len(stem) >= 2 and not _VAGUE_NAME.match(stem):
                return OwnerDetails(stem + m.group(2), kind, closes, visits)
    for kind, pattern in _KIND:
        if pattern.search(text):
            return OwnerDetails("", kind, closes, visits)
    return OwnerDetails(closes=closes, visits=visits)


def _place_name(before: str, starts: bool = True) -> str | None:
    """The name in what comes before a kind of place ("我在阳光" -> "阳光"), or None: when the kind of place
    describes the business instead ("我开了一家" + "社区": a community bakery, not a place called 社区), or when
    nothing says where the name begins and ``starts`` (``before`` begins a clause) is false. A verb opening the
    clause is not part of the name ("服务海淀" -> "海淀")."""
    cue = next(reversed(list(_CUE.finditer(before))), None)  # the last one decides
    if cue is None:
        return _LEADING_VERB.sub("", before) if starts else None
    return _LEADING_VERB.sub("", before[cue.end():]) if cue.group("place") else None


def evening_slot(closes: float | None, lang: str) -> str:
    """When evening events happen: 8 pm, or half an hour after closing for a shop that is still open then
    (the owner is free to answer); a shop open past 9:30 pm keeps 8 pm (staff can take the chat)."""
    at = max(20.0, closes + 0.5) if closes is not None and closes <= 21.5 else 20.0
    hour, half = int(at), at % 1 >= 0.5
    if lang == "en":
        return f"{hour - 12}:30 pm" if half else f"{hour - 12} pm"
    return f"晚{hour - 12}点半" if half else f"晚{hour - 12}点"


def place_fields(business: str, w: dict, details: OwnerDetails | None = None) -> dict[str, str]:
    """``near`` (a line for welcome posts) and ``regional`` (a threshold) from the place the owner named,
    in the words ``w`` of the planner's language; both empty when the description names none."""
    d = details or details_of(business)
    if not d.place_kind:
        return {"near": "", "regional": ""}
    place = d.place or w["place_default"][d.place_kind]
    return {"near": w["near"][d.place_kind].format(place=place), "regional": w["regional"][d.place_kind],
            "place": place}


def _regional(where: dict, member: str) -> str:
    """The regional threshold for ``member``. The template names the place itself, so an answer that
    already names it loses it first ("附近小区的家庭" -> "家庭"), whatever the template's wording."""
    if not where["regional"]:
        return ""
    place = where.get("place", "")
    if place and place in member:
        connector = r"(?:\s*(?:around|in|near|at|from)\s+)?"
        trimmed = re.sub(rf"{connector}{re.escape(place)}(?:的|里的|上班的)?\s*", " ", member).strip()
        member = trimmed or member
    return where["regional"].format(member=member, place=place)


def _threshold(base: str, regional: str, lang: str) -> str:
    """The group type's threshold, then the regional one when the owner named a place."""
    if lang == "en":
        base = base[:1].upper() + base[1:]
        return f"{base}; {regional[:1].lower()}{regional[1:]}" if regional else base
    return f"{base};{regional}" if regional else base
