"""What the owner said about where and when, pulled out of a description so plans and posts can use it:
the place (a 小区, an office building, near a school) and the kind of place it is, and when the shop closes."""
from __future__ import annotations

import re
from dataclasses import dataclass

# Named places first ("阳光花园小区", "望京SOHO写字楼"), then the kind alone ("小区门口", "写字楼里").
_NAMED = (
    ("neighbourhood", re.compile(r"([\u4e00-\u9fffA-Za-z0-9]{2,10}(?:小区|社区|花园|家园|新村|公寓))")),
    ("office", re.compile(r"([\u4e00-\u9fffA-Za-z0-9]{2,10}(?:写字楼|大厦|园区|产业园|科技园|商务中心))")),
)
_KIND = (
    ("neighbourhood", re.compile(r"小区|社区|街坊|邻居|楼下|菜市场|街道|neighbou?rhood|estate|residents|neighbou?rs", re.I)),
    ("office", re.compile(r"写字楼|办公楼|园区|cbd|白领|office (?:building|workers)|business park", re.I)),
    ("school", re.compile(r"学校门口|校门口|学校旁|学校附近|大学城|near (?:a|the) school|school gate", re.I)),
)
# Words that sit before a place name but are not part of it ("我在阳光小区" -> "阳光小区").
_LEAD = re.compile(r"^.*(?:在|于|的|是)")
_VAGUE_NAME = re.compile(r"^(附近|周边|周围|我们|咱们|本|这个|那个|一个|家|的)")


_HOUR = r"(\d{1,2})(?:[::](\d{2})|点(半)?|点)?"
# "早上7点到晚上9点", "7:00-21:00", "营业到晚上10点", "开到9点半".
_ZH_HOURS = re.compile(rf"(?:(早上|上午|中午|下午|晚上)?{_HOUR}\s*(?:到|至|-|~|—|–)|营业到|开到|营业至)\s*(早上|上午|中午|下午|晚上|晚)?"
                       rf"(\d{{1,2}})(?:[::](\d{{2}})|点(半)?)")
_EN_HOURS = re.compile(r"\b(?:open(?:s|ed)?\s+(?:from\s+)?\d{1,2}(?::\d{2})?\s*(?:am|pm)?\s*(?:to|-|–|till|until)|"
                       r"(?:open|close[sd]?)\s+(?:till|until|at))\s*(\d{1,2})(?::(\d{2}))?\s*(am|pm)", re.I)


@dataclass(frozen=True)
class OwnerDetails:
    place: str = ""  # the place's name as the owner wrote it, or "" when only its kind is known
    place_kind: str = ""  # "neighbourhood", "office", "school" or ""
    closes: float | None = None  # the hour the shop closes (21.5 = half past nine in the evening)


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


def details_of(text: str) -> OwnerDetails:
    """The place an owner's description names, what kind of place it is, and when the shop closes."""
    closes = closing_hour(text)
    for kind, pattern in _NAMED:
        for m in pattern.finditer(text):
            name = _LEAD.sub("", m.group(1))
            stem = re.sub(r"(小区|社区|花园|家园|新村|公寓|写字楼|大厦|园区|产业园|科技园|商务中心)$", "", name)
            if len(stem) >= 2 and not _VAGUE_NAME.match(name):
                return OwnerDetails(name, kind, closes)
    for kind, pattern in _KIND:
        if pattern.search(text):
            return OwnerDetails("", kind, closes)
    return OwnerDetails(closes=closes)


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
