"""One user's assistant: settings, retrieval, the chat model (or the offline planner) and the guard,
shared by the goal, calendar and ask chains. Holds no per-request state."""
from __future__ import annotations

import datetime as dt

from pydantic import BaseModel

from ..providers import describe
from ..schemas import AskResult, Calendar, GoalPlan
from ..settings import Settings
from .ask import Answer, answer_steps, ask_chain, prepare, sources_text
from .calendar import calendar_chain
from .goal import goal_chain
from .model import ModelCalls
from .passages import PASSAGE_BUDGET


class Assistant:
    """The product's features for one set of settings. With a model configured (or ``chat_model``
    given) the model writes; without one the offline planner does the same jobs and says so."""

    def __init__(self, settings: Settings | None = None, *, chat_model=None, searcher=None,
                 budget_tokens: int = PASSAGE_BUDGET) -> None:
        self.settings = settings or Settings.from_env()
        self.calls = ModelCalls(self.settings, chat_model)
        self.online = chat_model is not None or self.settings.online
        self._searcher = searcher
        self.budget_tokens = budget_tokens
        self.last_result: AskResult | None = None  # kept for older callers; prefer the returned Answer

    @property
    def llm(self):
        return self.calls.llm

    @property
    def mode(self) -> str:
        """"offline", or the model's name."""
        if not self.online:
            return "offline"
        return getattr(self.calls._llm, "model_name", None) or self.settings.model

    def status(self) -> str:
        if self.calls._llm is not None and not self.settings.online:
            return f"模型 {self.mode}"
        return describe(self.settings)

    @property
    def searcher(self):
        if self._searcher is None:
            from ..retrieval import get_searcher

            self._searcher = get_searcher(self.settings)
        return self._searcher

    # -- the chains ----------------------------------------------------------------------------------
    def goal_chain(self):
        """The goal chain as a LangChain runnable (see :mod:`assistant.chains.goal`)."""
        return goal_chain(self)

    def calendar_chain(self):
        """The calendar chain as a LangChain runnable (see :mod:`assistant.chains.calendar`)."""
        return calendar_chain(self)

    def ask_chain(self):
        """The ask chain as a LangChain runnable (see :mod:`assistant.chains.ask`)."""
        return ask_chain(self)

    def derive_goal(self, business: str, group_type: str | None = None, answers: dict | None = None,
                    *, config=None) -> GoalPlan:
        """The long-term shared goal and group plan for ``business`` (see :func:`derive_goal`)."""
        return goal_chain(self).invoke({"business": business, "group_type": group_type, "answers": answers},
                                       config=config)

    def weekly_calendar(self, business: str, goal: str | None = None, start: dt.date | str | None = None,
                        days: int = 7, answers: dict | None = None, *, launch: bool = False,
                        group_type: str | None = None, config=None) -> Calendar:
        """Daily topics and posts from ``start`` (default next Monday) for ``days`` days; ``launch`` makes
        the first seven days a new group's launch week; ``group_type`` is the kind of group the owner runs (see
        :func:`~assistant.chains.weekly_calendar`)."""
        return calendar_chain(self).invoke({"business": business, "goal": goal, "start": start, "days": days,
                                            "answers": answers, "launch": launch, "group_type": group_type},
                                           config=config)

    def stream(self, question: str, history=None, *, config=None, where: str | None = None) -> Answer:
        """An answer grounded in the passages: iterate it for the text as it arrives; afterwards it
        holds the citations, the draft check's findings and the notices (``answer.result``).

        ``where`` is where the answer is read, for what it points to: ``"web"`` (the page's 目标/周历 tabs),
        ``"cli"`` (the ``assistant goal``/``assistant calendar`` commands), or None (both)."""
        state = prepare(self, {"question": question, "history": history, "where": where})  # a bad question fails here
        self.last_result = state["result"]
        return Answer(answer_steps(self).stream(state, config=config), state["result"])

    def answer(self, question: str, history=None, *, where: str | None = None) -> AskResult:
        """The whole answer at once (see :meth:`stream`)."""
        return self.stream(question, history, where=where).complete()

    def invoke(self, messages, call: str, usage: list[dict] | None = None) -> str:
        """One model reply as text (a :class:`~assistant.providers.ModelError` if the call fails)."""
        return self.calls.invoke(messages, call, usage if usage is not None else [])

    def structured(self, request: str, schema: type[BaseModel], call: str,
                   usage: list[dict] | None = None) -> tuple[BaseModel, str]:
        """Ask the model for an object of ``schema`` (validated; one repair round); returns it and the raw text."""
        return self.calls.structured_request(request, schema, call, usage if usage is not None else [])

    def last_sources_text(self) -> str:
        """The citations of the last answer, for the CLI."""
        return sources_text(self.last_result)
