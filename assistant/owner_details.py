"""What the owner said about where and who, pulled out of a description so plans and posts can use it:
the place (a 小区, an office building, near a school, a city) and the kind of place it is."""
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


@dataclass(frozen=True)
class OwnerDetails:
    place: str = ""  # the place's name as the owner wrote it, or "" when only its kind is known
    place_kind: str = ""  # "neighbourhood", "office", "school" or ""


def details_of(text: str) -> OwnerDetails:
    """The place an owner's description names, and what kind of place it is."""
    for kind, pattern in _NAMED:
        for m in pattern.finditer(text):
            name = _LEAD.sub("", m.group(1))
            stem = re.sub(r"(小区|社区|花园|家园|新村|公寓|写字楼|大厦|园区|产业园|科技园|商务中心)$", "", name)
            if len(stem) >= 2 and not _VAGUE_NAME.match(name):
                return OwnerDetails(name, kind)
    for kind, pattern in _KIND:
        if pattern.search(text):
            return OwnerDetails("", kind)
    return OwnerDetails()
