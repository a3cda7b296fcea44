"""The chains: goal, calendar and ask, each a composition of LangChain runnables (one module per
feature), sharing model calls (:mod:`.model`) and passages (:mod:`.passages`).

With a model configured (OPENAI_API_KEY / OPENAI_BASE_URL) an OpenAI-compatible chat model writes;
without one, the offline planner does the same jobs and says so. A failed model call never loses the
user's text: callers get a clear notice and the offline plan instead.
"""
from __future__ import annotations

import datetime as dt

from ..schemas import ACTIVITY_TYPES, Calendar, GoalPlan
from ..settings import Settings
from .ask import Answer, ask_chain, sources_text
from .assistant import Assistant
from .calendar import calendar_chain
from .goal import goal_chain
from .model import ModelCalls, SchemaError


def derive_goal(business: str, *, group_type: str | None = None, answers: dict | None = None,
                settings: Settings | None = None, chat_model=None) -> GoalPlan:
    """From a business description to a long-term shared goal, the ideal, the gap, the kind of group
    with its reason, vision/threshold/rules/activities/benefits, pitfalls and citations.

    ``answers`` are the owner's answers to the method's questions (``members``, ``ideal``, ``gap``,
    ``pays``, ``frequency``); they take precedence over the description."""
    return Assistant(settings, chat_model=chat_model).derive_goal(business, group_type=group_type, answers=answers)


def weekly_calendar(business: str, *, goal: str | None = None, start: dt.date | str | None = None, days: int = 7,
                    answers: dict | None = None, launch: bool = False, group_type: str | None = None,
                    settings: Settings | None = None, chat_model=None) -> Calendar:
    """A week (by default from next Monday) of daily topics and posts that serve the shared goal.

    ``start`` is a date, a datetime (its day counts) or text as the command line takes it ("2026-12-07").

    ``launch=True``: the first seven days are a new group's launch week (welcome ritual, members'
    starting points, rules and name made together, first check-in, first tip, first review). Holidays
    get a greeting; a member's date named in the description ("12月20日考研") is counted down to.

    ``group_type`` is the kind of group the owner runs, named as ``lint_post`` and ``derive_goal`` take it
    ("flash", "快闪群", "delivery", "交付群" ...; an unknown name is an InputError naming the choices): the week
    follows it (a flash group opens, runs at most a week and closes; a delivery group follows the delivery).
    Without it the week is as before, and the kind the plan infers is only reported. ``.group_type`` and
    ``.group_type_source`` ("given" or "inferred") say which kind the week was made for."""
    return Assistant(settings, chat_model=chat_model).weekly_calendar(business, goal=goal, start=start, days=days,
                                                                      answers=answers, launch=launch,
                                                                      group_type=group_type)


def ask(question: str, history=None, *, settings: Settings | None = None, chat_model=None,
        where: str | None = None) -> Answer:
    """Stream an answer to a question about running a group (text pieces). ``history`` is a list of
    (user, assistant) pairs or role/content dicts; follow-ups are understood in its light. ``where`` the answer
    is read ("web", "cli" or None for either) decides what it points to for the whole plan."""
    return Assistant(settings, chat_model=chat_model).stream(question, history, where=where)


__all__ = ["Assistant", "Answer", "ModelCalls", "SchemaError", "derive_goal", "weekly_calendar", "ask",
           "goal_chain", "calendar_chain", "ask_chain", "sources_text", "ACTIVITY_TYPES"]
