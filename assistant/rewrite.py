"""Rewriting a draft the guard flagged into a post an owner can send (always a draft to edit).

Offline: the clauses that carry the market-norm signals are taken out and an invitation tied to the
group's goal takes their place. With a model: the model rewrites, the guard checks, one more try with
the new findings, then the offline way. Nothing is ever sent anywhere.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from .arguments import check_text
from .guard import lint_post
from .planner import language_of

# A shop's own pointers to itself: where it is, how to reach it, come and visit (self-promotion's anchors).
_SELF_PROMO = re.compile(r"(地址|[路街巷道]\d+号|电话|微信|\d{7,}|到店|门店|店里|本店|欢迎[^,,。]{0,10}(来|到|逛|坐坐|体验|试听|参观)|"
                         r"visit us|come by|our (shop|store)|call us|address)", re.I)
_CLAUSE = re.compile(r"[^,,。.!!??;;\n]+[,,。.!!??;;\n]*")
# Offline replacements, per language: an invitation tied to the goal, or a general one.
INVITE = {
    "zh": ("想一起「{goal}」的伙伴,今天在群里说说你的进展和心得,我们互相督促。",
           "有兴趣的伙伴在群里说说你的经验和问题,我们一起交流。"),
    "en": ("If you're working towards “{goal}” with us, tell the group how it's going today; we keep each other going.",
           "If this interests you, share your experience or questions in the group and let's talk."),
}


@dataclass
class Rewrite:
    """A rewritten draft: ``text`` to edit and send by hand, what was taken out, and how it was made."""

    original: str
    text: str
    removed: list[str] = field(default_factory=list)
    mode: str = "offline"
    passes: bool = True  # the rewrite itself passes the guard
    notices: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return self.text

    def to_dict(self) -> dict:
        return asdict(self)


def _sells(clause: str, group_type: str | None) -> bool:
    """A clause that still pushes on its own: any rule hint in it, or the learned stage leans to "advert"."""
    r = lint_post(clause, group_type=group_type)
    return bool(r.findings) or (r.model_score or 0.0) >= 0.5 or bool(_SELF_PROMO.search(clause))


def offline_rewrite(text: str, *, goal: str | None = None, group_type: str | None = None) -> Rewrite:
    """Take out the flagged clauses and put an invitation tied to the goal in their place."""
    report = lint_post(text, group_type=group_type, goal=goal)
    if not report.flagged:
        return Rewrite(text, text, notices=["没有发现市场规范信号,不需要改写。"])
    spans = [(f.start, f.end) for f in report.findings if f.severity != "suggestion" or f.code == "MN013"]
    kept, removed = [], []
    for m in _CLAUSE.finditer(text):
        start, end = m.start(), m.end()
        if any(s < end and e > start for s, e in spans) or _sells(m.group(), group_type):
            removed.append(m.group().strip())
        else:
            kept.append(m.group())
    body = re.sub(r"[,,;;\s]+$", "", "".join(kept).strip())
    lang = language_of(text)
    with_goal, general = INVITE[lang]
    invite = with_goal.format(goal=goal.strip()) if goal and goal.strip() else general
    candidate = f"{body}\n{invite}" if body else invite
    flagged = lint_post(candidate, group_type=group_type).flagged
    if flagged and body:  # what is left still sells: keep only the invitation
        removed.append(body)
        candidate = invite
        flagged = lint_post(candidate, group_type=group_type).flagged
    return Rewrite(text, candidate, [r for r in removed if r], "offline", not flagged)


def rewrite_post(text: str, *, goal: str | None = None, group_type: str | None = None, settings=None,
                 chat_model=None) -> Rewrite:
    """A rewrite of ``text`` that passes the guard: by the model when one is configured, else offline."""
    if not isinstance(text, str):
        raise TypeError(f"rewrite_post() 需要字符串,收到的是 {type(text).__name__}")
    check_text("rewrite_post", goal=goal, group_type=group_type)
    from .chains import Assistant
    from .errors import AssistantError
    from .prompts import render

    report = lint_post(text, group_type=group_type, goal=goal)
    bot = Assistant(settings, chat_model=chat_model)
    if not report.flagged or not bot.online:
        return offline_rewrite(text, goal=goal, group_type=group_type)
    findings = report.findings
    usage: list[dict] = []
    try:
        for attempt in range(2):
            listed = "\n".join(f"- 「{f.excerpt}」{f.code} {f.message}" for f in findings if f.severity != "suggestion")
            request = render("rewrite", bot.settings.prompts_dir, findings=listed or "- 整体读起来像推销",
                             draft=text, goal=goal or "(未设定)")
            from langchain_core.messages import HumanMessage

            out = bot.invoke([HumanMessage(request)], f"rewrite:{attempt}", usage).strip()
            check = lint_post(out, group_type=group_type, goal=goal)
            if out and not check.flagged:
                return Rewrite(text, out, [], bot.mode, True)
            findings = check.findings
    except AssistantError as e:
        r = offline_rewrite(text, goal=goal, group_type=group_type)
        r.notices.append(f"{e};已改用离线改写。")
        return r
    r = offline_rewrite(text, goal=goal, group_type=group_type)
    r.notices.append("模型两次改写仍含有市场规范信号,已改用离线改写。")
    return r
