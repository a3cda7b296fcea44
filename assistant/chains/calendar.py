"""The calendar chain: a business and its goal -> dated daily topics and posts, each citing passages.

Runnables over one state dict::

    prepare -> goal (the goal chain when none is given) -> plan the days offline -> retrieve per day type
            -> [model drafts, falling back to none on ModelError/SchemaError] -> assemble (guard every post)

``calendar_chain(assistant)`` returns the runnable; input ``{"business", "goal", "start", "days", "answers", "launch",
"group_type"}``, output a :class:`~assistant.schemas.Calendar`. Dates and day types come from code, never from the
model. A ``group_type`` the owner named shapes the week (:mod:`assistant.group_weeks`); without one the week is the
goal group's, and the kind the plan infers (:func:`planner.group_choice`) is only reported.
"""
from __future__ import annotations

import datetime as dt
from functools import partial

from langchain_core.runnables import Runnable, RunnableBranch, RunnableLambda

from .. import calendar_events, group_types, group_weeks, planner
from ..arguments import check_text
from ..guard import lint_post
from ..launch import launch_day
from ..prompts import chat_prompt
from ..providers import ModelError
from ..schemas import Calendar, DayPlan, WeekDraft
from .goal import findings_text
from .model import SchemaError
from .passages import PASSAGE_BUDGET, cite, parts_block, passages_block, retrieve, retrieve_parts

GENERAL_QUERIES = (("活动的道理", "社群活动 打卡 分享 话题 仪式感 参与感"),
                   ("避免只有官方声音", "只有官方声音 真实感 成员故事 名人背书"))


def _prepare(ctx, inp: dict) -> dict:
    text, notices = planner.clean_business(inp.get("business"))
    goal = inp.get("goal")
    if goal is not None and not isinstance(goal, str):
        raise planner.PlannerError(f"goal(目标)必须是文字,收到的是 {type(goal).__name__}")
    check_text("weekly_calendar", group_type=inp.get("group_type"))
    kind = group_weeks.given(inp.get("group_type"))  # an unknown name: the guard's one-line error, before any work
    lang = planner.language_of(text)
    answers = planner.clean_answers(inp.get("answers"))
    dates = planner.week_dates(inp.get("start"), inp.get("days", 7), lang=lang)
    inferred, flash = (None, False) if kind else planner.week_group_choice(text, lang, answers)[::3]
    if flash:  # the plan's flash group has no such week: the week is the long-running group's, and says so
        notices = [*notices, group_weeks.words("flash", lang)["inferred"].format(
            label=group_types.find(inferred).en if lang == "en" else inferred)]
    return {"text": text, "lang": lang, "dates": dates,
            "goal": " ".join((goal or "").split()), "answers": answers,
            "notices": notices, "usage": [],
            "launch": bool(inp.get("launch")),
            # The kind the week follows, when the owner named one; else the plan's (reported, and the launch
            # week's rules follow it, as they always have), or for a plan's flash group the long-running group's
            # the week is made for.
            "kind": kind.key if kind else None,
            "group_type": kind.label if kind else inferred,
            "group_type_source": "given" if kind else "inferred"}


# The chain's own notices, in the week's language.
_NOTICE = {
    "zh": {"goal_flagged": "你给的目标「{goal}」带有市场规范信号(价格、优惠、促销等),建议改成成员自己想达成的长期目标。",
           "model_failed": "{error};已改用离线规划生成周历,你的输入没有丢失。",
           "day_replaced": "{date} 的内容含有市场规范信号,已替换为离线方案。"},
    "en": {"goal_flagged": "The goal you gave, “{goal}”, carries market-norm signals (prices, discounts, promotions); "
                           "make it a long-term goal the members themselves want to reach.",
           "model_failed": "{error}; the week was made by the offline planner instead, and nothing you typed is lost.",
           "day_replaced": "{date}: the draft carried market-norm signals and was replaced by the offline plan."},
}


def _goal(ctx, state: dict) -> dict:
    if not state["goal"]:
        plan = ctx.derive_goal(state["text"], group_type=state["group_type"] if state["kind"] else None,
                               answers=state["answers"])
        state["usage"] += plan.token_usage
        state["notices"] += [n for n in plan.notices if n.startswith(("检索", "描述", "The description"))]
        return {**state, "goal": plan.goal}
    if lint_post(state["goal"]).market_norms:
        state["notices"].append(_NOTICE[state["lang"]]["goal_flagged"].format(goal=state["goal"]))
    return state


def _plan_days(ctx, state: dict) -> dict:
    text, goal, lang, kind = state["text"], state["goal"], state["lang"], state["kind"]
    if kind == "flash":  # no weekly rotation: it opens, runs a few days and closes
        state = _flash_days(state)
        base = state["base"]
    else:
        # A new group's first seven days are its launch week; the weekly rotation follows.
        given = state["group_type"] if kind else None
        base = [launch_day(text, goal, i, lang, d, state["answers"], given) if state["launch"] and i < 7
                else planner.plan_day(text, goal, d, i, lang, state["answers"], given)
                for i, d in enumerate(state["dates"])]
        if kind:
            pb = planner.playbook_for(planner._with_answers(text, state["answers"]), lang)
            state["notices"].append(group_weeks.notice(kind, lang, pb))
    cites_by_type: dict[str, list] = {}
    for b in base:
        if b["type"] not in cites_by_type:
            cites_by_type[b["type"]] = retrieve(ctx.searcher, [b["query"]], k=2, notices=state["notices"])
    return {**state, "base": base, "cites_by_type": cites_by_type}


def _flash_days(state: dict) -> dict:
    """A flash group's days: at most ``flash_days`` of them, from the opening to the closing; the notices say so."""
    text, goal, lang, asked = state["text"], state["goal"], state["lang"], state["dates"]
    dates = asked[:group_weeks.flash_length(len(asked))]
    close = group_weeks.close_label(dates[0], dates[-1], lang)
    base = group_weeks.flash_days(text, goal, dates, lang, state["answers"])
    w = group_weeks.words("flash", lang)
    pb = planner.playbook_for(planner._with_answers(text, state["answers"]), lang)
    notices = [group_weeks.notice("flash", lang, pb, close)]
    if len(dates) < len(asked):
        notices.append(w["too_long"].format(days=len(asked), kept=len(dates)))
    if state["launch"]:
        notices.append(w["no_launch"])
    state["notices"] += notices
    return {**state, "dates": dates, "base": base}


def _offline(ctx, state: dict) -> dict:
    state["notices"].append(planner.words_for(state["lang"])["offline_calendar"])
    return {**state, "drafts": None}


def _drafts(ctx, state: dict) -> dict:
    dates, base = state["dates"], state["base"]
    parts = [(b["type"], b["query"]) for b in {b["type"]: b for b in base}.values()]
    hits, numbered = retrieve_parts(ctx.searcher, [*parts, *GENERAL_QUERIES], budget=PASSAGE_BUDGET,
                                    notices=state["notices"])
    day_types = "\n".join(f"{i}. {d.isoformat()} {planner.weekday_name(d)}:{b['type']}"
                          + (f"({state['group_type']}:{b['topic']})" if state["kind"] == "flash"
                             else f"(建群第一周:{b['topic']})" if state["launch"] and i <= 7 else "")
                          + "".join(f"({h[0]})" for h in [calendar_events.holiday(d)] if h)
                          for i, (d, b) in enumerate(zip(dates, base), 1))
    # The kind the owner named, told after the description ("" without one: the prompt is as it always was).
    group = f"\n{group_weeks.prompt_line(state['kind'])}" if state["kind"] else ""
    variables = {"count": len(dates), "goal": state["goal"], "business": state["text"], "group": group,
                 "day_types": day_types,
                 "passages": passages_block(hits), "parts": parts_block(hits, numbered) or "(无)"}
    messages = chat_prompt("calendar", ctx.settings.prompts_dir).invoke(variables).to_messages()
    week, raw = ctx.calls.structured(messages, WeekDraft, "calendar", state["usage"])
    if len(week.days) < len(dates):
        raise SchemaError(f"模型只写了 {len(week.days)} 天,需要 {len(dates)} 天")
    flagged = [(f"第{i + 1}天 {field}", r) for i, day in enumerate(week.days[: len(dates)])
               for field in ("topic", "post") if (r := lint_post(getattr(day, field))).market_norms]
    if flagged:
        revise = chat_prompt("revise", ctx.settings.prompts_dir).invoke(
            {"findings": findings_text(flagged), "draft": raw}).to_messages()
        try:
            revised, _raw = ctx.calls.structured(revise, WeekDraft, "calendar:revise", state["usage"])
            if len(revised.days) >= len(dates):
                week = revised
        except SchemaError:
            pass  # keep the first draft; flagged days fall back to the offline plan when assembled
    drafts = []
    for d in week.days[: len(dates)]:
        used = [hits[j - 1] for j in d.used_passages if isinstance(j, int) and 1 <= j <= len(hits)]
        drafts.append({"topic": d.topic, "post": d.post, "why": d.why, "citations": cite(used) if used else None})
    return {**state, "drafts": drafts}


def _after_error(ctx, state: dict) -> dict:
    state["notices"].append(_NOTICE[state["lang"]]["model_failed"].format(error=state["error"]))
    return {**state, "drafts": None}


def _assemble(ctx, state: dict) -> Calendar:
    text, goal, drafts, notices = state["text"], state["goal"], state["drafts"], state["notices"]
    # The members' own dates named in the description (an exam, a race) are counted down to.
    said = f"{text} {' '.join(state['answers'].values())}"
    member_dates = calendar_events.member_dates(said, state["dates"][0])
    passed = calendar_events.passed_member_dates(said, state["dates"][0])
    after_line = ""
    if passed and not any(0 < (when - state["dates"][0]).days <= calendar_events.COUNTDOWN_DAYS
                          for when, _ in member_dates):  # the date has just passed and no other is near
        after_line, notice = calendar_events.after_lines(passed, state["dates"][0], goal, state["lang"])
        notices.append(notice)
    out: list[DayPlan] = []
    events = {when: label for when, label in member_dates}
    followed: set[dt.date] = set()  # events whose first day after has had its line
    gentle = planner.is_gentle(text, state["lang"], state["answers"])  # holidays greeted quietly
    for i, d in enumerate(state["dates"]):
        b = state["base"][i]
        src = drafts[i] if drafts else b
        topic, post, why = src["topic"], src["post"], src["why"]
        # The members' exam or race day: good wishes, no task (and not its own on-the-day line twice).
        others = [x for x in member_dates if x[0] != d]
        # A flash group's days count down to nothing of the members' own: it closes before such a date matters.
        countdown = b["type"] in ("打卡", "周复盘") and state["kind"] != "flash"
        extra = calendar_events.extra_lines(d, goal, state["lang"], others, countdown=countdown, gentle=gentle,
                                            business=text)
        if d in events:
            topic, post = calendar_events.event_day(events[d], state["lang"])
        for when, label in member_dates:
            if when < d and when not in followed:  # the first post after it looks back, then forward
                followed.add(when)
                extra.insert(0, calendar_events.after_line(when, label, d, state["lang"]))
        if i == 0 and after_line:
            extra.insert(0, after_line)
        if extra:
            post = post.rstrip() + "\n" + "\n".join(extra)
        if lint_post(topic).market_norms or lint_post(post).market_norms:  # the last line of defence
            topic, post, why = b["topic"], b["post"], b["why"]
            if lint_post(post).market_norms:
                post = planner.safe_post(text, goal)
            notices.append(_NOTICE[state["lang"]]["day_replaced"].format(date=d.isoformat()))
        cites = src.get("citations") or cite(state["cites_by_type"].get(b["type"], []))
        out.append(DayPlan(date=d.isoformat(), weekday=planner.weekday_name(d, state["lang"]), type=b["type"],
                           topic=topic, post=post, why=why, citations=cites))
    return Calendar(business=text, goal=goal, days=out, mode=ctx.mode, notices=notices, token_usage=state["usage"],
                    group_type=state["group_type"], group_type_source=state["group_type_source"])


def calendar_chain(ctx) -> Runnable:
    """The calendar chain for ``ctx`` (an :class:`~assistant.chains.Assistant`)."""
    model = RunnableLambda(partial(_drafts, ctx), name="calendar_drafts").with_fallbacks(
        [RunnableLambda(partial(_after_error, ctx), name="calendar_offline_fallback")],
        exceptions_to_handle=(ModelError, SchemaError), exception_key="error")
    return (RunnableLambda(partial(_prepare, ctx), name="calendar_prepare")
            | RunnableLambda(partial(_goal, ctx), name="calendar_goal")
            | RunnableLambda(partial(_plan_days, ctx), name="calendar_plan_days")
            | RunnableBranch((lambda _state: ctx.online, model), RunnableLambda(partial(_offline, ctx)))
            | RunnableLambda(partial(_assemble, ctx), name="calendar_assemble")).with_config(run_name="calendar")
