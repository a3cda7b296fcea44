"""The goal chain: a business description -> a long-term shared goal and group plan, citing passages.

Composed from LangChain runnables, each a small step over one state dict::

    prepare -> retrieve (per part of the plan) -> [model: draft -> guard/revise -> finish
                                                    falling back to the offline plan on ModelError/SchemaError]
                                                   or [offline plan]

``goal_chain(assistant)`` returns the runnable; its input is ``{"business", "group_type", "answers"}``
and its output a :class:`~assistant.schemas.GoalPlan`. Callbacks and ``stream_events`` work as for any
LangChain runnable.
"""
from __future__ import annotations

import tomllib
from functools import lru_cache, partial
from pathlib import Path

from langchain_core.runnables import Runnable, RunnableBranch, RunnableLambda

from .. import planner
from ..arguments import check_text
from ..errors import ConfigError
from ..guard import lint_post
from ..prompts import chat_prompt
from ..providers import ModelError
from ..schemas import GROUP_TYPES, GoalDraft, GoalPlan
from .model import SchemaError
from .passages import cite, parts_block, passages_block, plan_citations, retrieve_parts

PARTS_FILE = Path(__file__).resolve().parent.parent / "method" / "plan_parts.toml"
GOAL_BUDGET = 3200  # tokens of passages: the plan has nine parts


@lru_cache(maxsize=1)
def plan_parts() -> tuple[tuple[str, str, str], ...]:
    """(key, label, query) for each part of a plan, from ``method/plan_parts.toml`` (checked when loaded)."""
    data = tomllib.loads(PARTS_FILE.read_text(encoding="utf-8"))
    out = []
    for i, p in enumerate(data.get("part", []), 1):
        if not all(isinstance(p.get(f), str) and p[f].strip() for f in ("key", "label", "query")):
            raise ConfigError(f"{PARTS_FILE.name}: 第 {i} 个 part 需要 key、label、query")
        out.append((p["key"], p["label"], p["query"]))
    if not out:
        raise ConfigError(f"{PARTS_FILE.name}: 没有 part")
    return tuple(out)


def findings_text(flagged: list[tuple[str, object]]) -> str:
    """The guard's findings on a draft, listed for the revision prompt."""
    return "\n".join(f"- {where}:「{f.excerpt}」{f.code} {f.message};建议:{f.suggestion}"
                     for where, report in flagged for f in report.findings if f.severity != "suggestion")


def guard_goal(draft: GoalDraft) -> list:
    """The parts of a drafted plan the guard flags, as (part, report) pairs."""
    parts = [("目标", draft.goal), ("愿景", draft.keys.vision), ("门槛", draft.keys.threshold)]
    parts += [("群规", r) for r in draft.keys.rules] + [("活动", a) for a in draft.keys.activities]
    parts += [("权益", b) for b in draft.keys.benefits]
    return [(where, r) for where, t in parts if (r := lint_post(t)).market_norms]


# --- steps ---------------------------------------------------------------------------------------------
def _prepare(inp: dict) -> dict:
    text, notices = planner.clean_business(inp.get("business"))
    check_text("derive_goal", group_type=inp.get("group_type"))
    answers = planner.clean_answers(inp.get("answers"))
    offline = planner.plan_goal(text, inp.get("group_type"), answers=answers)
    notices = notices + [n for n in offline.notices if n not in notices]
    return {"text": text, "answers": answers, "offline": offline, "notices": notices, "usage": []}


def _retrieve(ctx, state: dict) -> dict:
    parts = [(label, query.format(business=state["text"], group_type=state["offline"].group_type))
             for _key, label, query in plan_parts()]
    hits, numbered = retrieve_parts(ctx.searcher, parts, budget=GOAL_BUDGET, notices=state["notices"])
    return {**state, "hits": hits, "numbered": numbered}


def _offline(ctx, state: dict) -> GoalPlan:
    plan = state["offline"]
    # The passages the plan's own choices rest on (its kind of group, threshold, rules, pitfalls), not the same six
    # for every business.
    plan.citations = plan_citations(ctx.searcher, plan, notices=state["notices"])
    plan.notices = state["notices"] + [planner.words_for(planner.language_of(state["text"]))["offline_goal"]]
    return plan


def _draft(ctx, state: dict) -> dict:
    told = state["text"] + "".join(f"\n{planner.words_for('zh')['answer_names'][k]}:{v}"
                                   for k, v in state["answers"].items())
    messages = chat_prompt("goal", ctx.settings.prompts_dir).invoke({
        "business": told, "passages": passages_block(state["hits"]),
        "parts": parts_block(state["hits"], state["numbered"]) or "(无)",
        "group_type_hint": state["offline"].group_type,
        "group_type_reason": state["offline"].group_type_reason}).to_messages()
    draft, raw = ctx.calls.structured(messages, GoalDraft, "goal", state["usage"])
    return {**state, "draft": draft, "raw": raw}


def _guard(ctx, state: dict) -> dict:
    flagged = guard_goal(state["draft"])
    if not flagged:
        return state
    messages = chat_prompt("revise", ctx.settings.prompts_dir).invoke(
        {"findings": findings_text(flagged), "draft": state["raw"]}).to_messages()
    draft, raw = ctx.calls.structured(messages, GoalDraft, "goal:revise", state["usage"])
    if guard_goal(draft):
        raise SchemaError("模型两次生成的方案都含有市场规范信号(广告、优惠、红包等)")
    return {**state, "draft": draft, "raw": raw}


def _finish(ctx, state: dict) -> GoalPlan:
    draft, hits = state["draft"], state["hits"]
    if draft.group_type not in GROUP_TYPES:
        draft.group_type = state["offline"].group_type
    used = [hits[i - 1] for i in draft.used_passages if isinstance(i, int) and 1 <= i <= len(hits)] or hits
    return GoalPlan(**draft.model_dump(), business=state["text"], citations=cite(used), mode=ctx.mode,
                    notices=state["notices"], token_usage=state["usage"])


def _after_error(ctx, state: dict) -> GoalPlan:
    plan = state["offline"]
    plan.citations = plan_citations(ctx.searcher, plan, notices=state["notices"])
    plan.notices = state["notices"] + [f"{state['error']};已改用离线规划生成方案,你的输入没有丢失。"]
    plan.token_usage = state["usage"]
    return plan


def goal_chain(ctx) -> Runnable:
    """The goal chain for ``ctx`` (an :class:`~assistant.chains.Assistant`: settings, searcher, calls, mode)."""
    model = (RunnableLambda(partial(_draft, ctx), name="goal_draft")
             | RunnableLambda(partial(_guard, ctx), name="goal_guard")
             | RunnableLambda(partial(_finish, ctx), name="goal_finish")
             ).with_fallbacks([RunnableLambda(partial(_after_error, ctx), name="goal_offline_fallback")],
                              exceptions_to_handle=(ModelError, SchemaError), exception_key="error")
    offline = RunnableLambda(partial(_offline, ctx), name="goal_offline")
    return (RunnableLambda(_prepare, name="goal_prepare")
            | RunnableLambda(partial(_retrieve, ctx), name="goal_retrieve")
            | RunnableBranch((lambda _state: ctx.online, model), offline)).with_config(run_name="goal")
