"""The shapes the planner and the chain produce (pydantic, so a model's JSON is validated)."""
from __future__ import annotations

from pydantic import BaseModel, Field

from .group_types import labels as _group_labels

GROUP_TYPES = _group_labels()  # 快闪群, 新用户群, 超级用户群, 交付群 (method/group_types.toml)
ACTIVITY_TYPES = ("分享", "打卡", "讨论", "小组PK", "成员故事", "嘉宾问答", "周复盘")


class Citation(BaseModel):
    source: str
    title: str
    excerpt: str
    heading: str = ""  # the section path in the article, e.g. "社群运营 › 1.仪式感"
    # How the passage is cited: "support" (what it says is done) or "avoid" (it names a pitfall the plan steers clear
    # of; a passage under a 雷区/pitfall heading is never support); "" where not said.
    role: str = ""
    part: str = ""  # the part of a plan the passage is cited for ("group_type", "threshold", "pitfalls" ...), or ""


def _gloss(citations: list[dict], business: str) -> None:
    """In an English plan or week, each citation of a Chinese article also carries what an English reader is shown
    (title_en, heading_en, passage_en: source_gloss); the original fields stay as they are, and Chinese output
    gets no new keys."""
    from .source_gloss import HAN, english_title, heading_shown, passage_shown
    from .text import language_of

    if language_of(business) != "en":
        return
    for c in citations:
        if HAN.search(c["title"] + c["heading"] + c["excerpt"]):
            c["title_en"] = english_title(c["title"]) if HAN.search(c["title"]) else c["title"]
            c["heading_en"] = heading_shown(c["title"], c["heading"], "en")
            c["passage_en"] = passage_shown(c["title"], c["heading"], c["excerpt"], "en")


class FiveKeys(BaseModel):
    """The English article's five keys: vision, threshold, rules, activities, benefits."""

    vision: str
    threshold: str
    rules: list[str]
    activities: list[str]
    benefits: list[str]


class GoalDraft(BaseModel):
    """What a model must return for a goal plan (citations are numbers of the passages it used)."""

    goal: str = Field(description="一句话的长期共同目标,社会规范,适合时给出时间,如“60天,改变身形”")
    ideal: str
    gap: str
    group_type: str
    group_type_reason: str
    keys: FiveKeys
    pitfalls: list[str]
    used_passages: list[int] = Field(default_factory=list)


class GoalPlan(GoalDraft):
    business: str
    citations: list[Citation] = Field(default_factory=list)
    mode: str = "offline"
    notices: list[str] = Field(default_factory=list)
    token_usage: list[dict] = Field(default_factory=list)

    def to_dict(self) -> dict:
        """The plan as JSON: ``group_type`` stays the canonical Chinese name scripts match on; ``group_type_key``
        (flash/newuser/super/delivery) and ``group_type_label`` (in the plan's language) are added beside it."""
        from .group_types import find
        from .text import language_of

        d = self.model_dump()
        d.pop("used_passages", None)
        _gloss(d["citations"], self.business)
        g = find(self.group_type)
        if g is not None:
            d["group_type_key"] = g.key
            d["group_type_label"] = g.en if language_of(self.business) == "en" else g.label
        return d


class DayDraft(BaseModel):
    type: str
    topic: str
    post: str
    why: str
    used_passages: list[int] = Field(default_factory=list)


class WeekDraft(BaseModel):
    days: list[DayDraft]


class DayPlan(BaseModel):
    date: str
    weekday: str
    type: str
    topic: str
    post: str
    why: str
    citations: list[Citation] = Field(default_factory=list)


class Calendar(BaseModel):
    business: str
    goal: str
    days: list[DayPlan]
    mode: str = "offline"
    notices: list[str] = Field(default_factory=list)
    token_usage: list[dict] = Field(default_factory=list)
    # The kind of group the week was made for (canonical Chinese name, as GoalPlan.group_type) and whether the
    # owner named it ("given": the week follows it) or the planner decided it ("inferred": reported only).
    group_type: str = ""
    group_type_source: str = ""

    def to_dict(self) -> dict:
        days = [d.model_dump() for d in self.days]
        for d in days:
            _gloss(d["citations"], self.business)
        return {"goal": self.goal, "business": self.business, "mode": self.mode, "notices": self.notices,
                "token_usage": self.token_usage, "days": days,
                "group_type": self.group_type, "group_type_source": self.group_type_source}


class AskResult(BaseModel):
    question: str
    answer: str
    citations: list[Citation] = Field(default_factory=list)
    mode: str = "offline"
    interrupted: bool = False
    failed: bool = False  # the model gave nothing: the caller should keep the question for a retry
    findings: list[dict] = Field(default_factory=list)
    notices: list[str] = Field(default_factory=list)
    token_usage: list[dict] = Field(default_factory=list)
    # For "can I post X?": {"proposal": X, "fits": bool, "codes": the guard's rules X would break}; else None.
    verdict: dict | None = None

    def to_dict(self) -> dict:
        return self.model_dump()
