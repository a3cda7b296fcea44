"""An optional second opinion from the chat model on posts the rule guard is unsure about.

Off by default: the guard never needs a model. Only borderline posts are sent; if the model call
fails, the rule verdict stands and the report says why.
"""
from __future__ import annotations

from pydantic import BaseModel

from .guard import LintReport, lint_post

BORDERLINE = (0.25, 0.75)  # scores in this range are sent for a second opinion


class Opinion(BaseModel):
    market_norm: bool
    reason: str


def is_borderline(report: LintReport) -> bool:
    return bool(report.findings) and BORDERLINE[0] <= report.score < BORDERLINE[1]


def review_post(text: str, *, group_type: str | None = None, goal: str | None = None, settings=None,
                chat_model=None, voice: str = "auto") -> LintReport:
    """:func:`lint_post`, plus the model's opinion when the rules are unsure (``report.second_opinion``)."""
    from .chains import Assistant, SchemaError
    from .prompts import render
    from .providers import ModelError

    report = lint_post(text, group_type=group_type, goal=goal, voice=voice)
    if not is_borderline(report):
        return report
    bot = Assistant(settings, chat_model=chat_model)
    if not bot.online:
        raise ValueError("第二意见需要配置模型(OPENAI_API_KEY 或 OPENAI_BASE_URL)")
    findings = "\n".join(f"- 「{f.excerpt}」{f.code} {f.message}" for f in report.findings) or "(无)"
    request = render("second_opinion", bot.settings.prompts_dir, score=f"{report.score:.2f}", findings=findings, post=text)
    try:
        opinion, _raw = bot.structured(request, Opinion, "second_opinion")
    except (ModelError, SchemaError) as e:
        report.second_opinion = {"error": str(e), "model": bot.mode}
        return report
    report.second_opinion = {"market_norm": opinion.market_norm, "reason": opinion.reason, "model": bot.mode}
    report.flagged = opinion.market_norm
    return report
