"""The retrieval chain: passages -> token budget -> prompt -> structured output -> guard -> revision.

With a model configured (OPENAI_API_KEY / OPENAI_BASE_URL) an OpenAI-compatible chat model writes;
without one, the offline planner does the same jobs and says so. A failed model call never loses the
user's text: callers get a clear notice and the offline plan instead.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from pydantic import BaseModel, ValidationError

from . import planner
from .errors import AssistantError
from .guard import lint_post
from .prompts import render
from .providers import ModelError, count_tokens, describe, explain_error, make_chat_model
from .schemas import ACTIVITY_TYPES, AskResult, Calendar, Citation, DayPlan, GoalDraft, GoalPlan, WeekDraft
from .settings import Settings

PASSAGE_BUDGET = 1800  # tokens of article passages per call
MAX_QUESTION_CHARS = 2000
EXCERPT_CHARS = 160
_POST_REQUEST = re.compile(r"(写|起草|拟|生成|来一[条段篇个]|帮我.{0,6}(发|写)).{0,12}(帖|文案|公告|通知|消息|群发|欢迎语|话术|开场白|post)"
                           r"|发什么|发啥|发些什么|发点什么|what (should|do|can) (i|we) post|what to post", re.I)
_FOLLOW_UP = re.compile(r"^(那|那么|还有|它|这个|这种|如果|要是|然后|再|另外|呢)|呢[??]?$")


class SchemaError(AssistantError, ValueError):
    """The model's answer did not fit the expected structure, even after one retry."""


def _excerpt(text: str, n: int = EXCERPT_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= n:
        return text
    cut = text[:n]
    if text[n].isascii() and text[n].isalnum() and " " in cut:  # never end inside an English word
        cut = cut.rsplit(" ", 1)[0]
    return cut + "…"


def _join_sentences(a: str, b: str) -> str:
    return f"{a} {b}" if a[-1:].isascii() and b[:1].isascii() else a + b


def _focused_excerpt(text: str, query: str | None, n: int = EXCERPT_CHARS) -> str:
    """The window of ``text`` around the sentence that shares most words with ``query``."""
    if not query:
        return _excerpt(text, n)
    from .chunking import split_sentences
    from .text import expand_query, tokenize

    sentences = split_sentences(" ".join(text.split()))
    if len(sentences) <= 1:
        return _excerpt(text, n)
    q = set(tokenize(expand_query(query)))
    best = max(range(len(sentences)), key=lambda i: (len(q & set(tokenize(sentences[i]))), -i))
    out = sentences[best]
    lo, hi = best, best
    while True:  # grow around the best sentence while it fits
        grew = False
        if hi + 1 < len(sentences) and len(out) + len(sentences[hi + 1]) <= n:
            hi += 1
            out = _join_sentences(out, sentences[hi])
            grew = True
        if lo > 0 and len(out) + len(sentences[lo - 1]) <= n:
            lo -= 1
            out = _join_sentences(sentences[lo], out)
            grew = True
        if not grew:
            break
    out = _excerpt(out, n)
    return ("…" if lo > 0 else "") + out


def _body(hit) -> str:
    """A hit's text without its leading heading line (the citation shows the heading on its own)."""
    heading = getattr(hit, "heading", "") or ""
    return hit.text[len(heading) + 1:] if heading and hit.text.startswith(heading + "\n") else hit.text


def _diverse(hits: list, n: int) -> list:
    """Up to ``n`` hits, the best of each article first: a plan rests on several articles, not one."""
    firsts, rest, seen = [], [], set()
    for h in hits:
        (rest if h.source in seen else firsts).append(h)
        seen.add(h.source)
    return (firsts + rest)[:n]


def _cite(hits, query: str | None = None) -> list[Citation]:
    return [Citation(source=h.source, title=h.title, heading=getattr(h, "heading", "") or "",
                     excerpt=_focused_excerpt(_body(h), query)) for h in hits]


def _extract_json(text: str) -> dict:
    t = text.strip()
    t = re.sub(r"^```(?:json)?\s*|\s*```$", "", t)
    start, end = t.find("{"), t.rfind("}")
    if start < 0 or end <= start:
        raise SchemaError("回答里没有 JSON 对象")
    try:
        return json.loads(t[start : end + 1])
    except json.JSONDecodeError as e:
        raise SchemaError(f"JSON 解析失败:{e.msg}") from e


def _history_messages(history) -> list[BaseMessage]:
    """Accept [(user, bot), ...] pairs or [{"role": ..., "content": ...}, ...] (Gradio's messages)."""
    out: list[BaseMessage] = []
    for item in history or []:
        if isinstance(item, dict):
            content = item.get("content")
            if isinstance(content, list):  # Gradio 6 may give content parts
                content = " ".join(p.get("text", "") if isinstance(p, dict) else str(p) for p in content)
            if not isinstance(content, str) or not content:
                continue
            out.append(HumanMessage(content) if item.get("role") == "user" else AIMessage(content))
        elif isinstance(item, (list, tuple)) and len(item) == 2:
            if item[0]:
                out.append(HumanMessage(str(item[0])))
            if item[1]:
                out.append(AIMessage(str(item[1])))
    return out


class Assistant:
    """One user's assistant: retrieval, the chat model (or the offline planner) and the guard."""

    def __init__(self, settings: Settings | None = None, *, chat_model=None, searcher=None,
                 budget_tokens: int = PASSAGE_BUDGET) -> None:
        self.settings = settings or Settings.from_env()
        self._llm = chat_model
        self.online = chat_model is not None or self.settings.online
        self._searcher = searcher
        self.budget_tokens = budget_tokens
        self.last_result: AskResult | None = None
        self._drafted_post: str | None = None

    # -- plumbing ------------------------------------------------------------------------------------
    @property
    def llm(self):
        if self._llm is None:
            self._llm = make_chat_model(self.settings)
        return self._llm

    @property
    def mode(self) -> str:
        if not self.online:
            return "offline"
        return getattr(self._llm, "model_name", None) or self.settings.model

    def status(self) -> str:
        if self._llm is not None and not self.settings.online:
            return f"模型 {self.mode}"
        return describe(self.settings)

    @property
    def searcher(self):
        if self._searcher is None:
            from .retrieval import get_searcher

            self._searcher = get_searcher(self.settings)
        return self._searcher

    def retrieve(self, queries: Iterable[str], k: int = 3, notices: list[str] | None = None) -> list:
        """Hits for several queries, de-duplicated, best first; retrieval trouble becomes a notice."""
        seen: dict[str, object] = {}
        try:
            for q in queries:
                for h in self.searcher.search(q, k=k):
                    seen.setdefault(h.id or h.text, h)
        except Exception as e:  # noqa: BLE001 - planning must go on without passages
            if notices is not None:
                notices.append(f"检索文章时出错,本次没有引用:{e}")
            return []
        return list(seen.values())

    def fit_budget(self, hits: list, budget: int | None = None) -> tuple[list, int]:
        """Keep passages, best first, while they fit into the token budget."""
        budget = budget or self.budget_tokens
        kept, used = [], 0
        for h in hits:
            n = count_tokens(h.text) + 20
            if used + n > budget:
                continue
            kept.append(h)
            used += n
        return kept, used

    @staticmethod
    def passages_block(hits: list) -> str:
        return "\n\n".join(f"[{i}]《{h.title}》\n{h.text}" for i, h in enumerate(hits, 1)) or "(没有检索到片段)"

    def _invoke(self, messages: list[BaseMessage], call: str, usage: list[dict]) -> str:
        try:
            reply = self.llm.invoke(messages)
        except ModelError:
            raise
        except Exception as e:  # noqa: BLE001 - openai, httpx and fake models raise different kinds
            raise explain_error(e, self.settings) from e
        text = reply.content if isinstance(reply.content, str) else str(reply.content)
        meta = getattr(reply, "usage_metadata", None) or {}
        prompt_tokens = sum(count_tokens(m.content if isinstance(m.content, str) else str(m.content)) for m in messages)
        usage.append({"call": call, "prompt_tokens": meta.get("input_tokens", prompt_tokens),
                      "completion_tokens": meta.get("output_tokens", count_tokens(text)),
                      "counted_by": "api" if meta else "tiktoken"})
        return text

    def _structured(self, request: str, schema: type[BaseModel], call: str, usage: list[dict]) -> tuple[BaseModel, str]:
        """Ask for JSON, validate it with pydantic; one retry with the error; SchemaError after that."""
        system = SystemMessage(render("system", self.settings.prompts_dir))
        text = self._invoke([system, HumanMessage(request)], call, usage)
        try:
            return schema.model_validate(_extract_json(text)), text
        except (SchemaError, ValidationError) as e:
            error = str(e).splitlines()[0]
        retry = render("fix_json", self.settings.prompts_dir, error=error, request=request)
        text = self._invoke([system, HumanMessage(retry)], call + ":retry", usage)
        try:
            return schema.model_validate(_extract_json(text)), text
        except (SchemaError, ValidationError) as e:
            raise SchemaError(f"模型两次返回的内容都不符合格式:{str(e).splitlines()[0]}") from e

    @staticmethod
    def _findings_text(flagged: list[tuple[str, object]]) -> str:
        lines = []
        for where, report in flagged:
            for f in report.findings:
                if f.severity != "suggestion":
                    lines.append(f"- {where}:「{f.excerpt}」{f.code} {f.message};建议:{f.suggestion}")
        return "\n".join(lines)

    # -- goal ----------------------------------------------------------------------------------------
    def derive_goal(self, business: str, group_type: str | None = None, answers: dict | None = None) -> GoalPlan:
        """The long-term shared goal and group plan for ``business`` (see :func:`derive_goal`)."""
        text, notices = planner.clean_business(business)
        answers = planner.clean_answers(answers)
        offline = planner.plan_goal(text, group_type, answers=answers)
        notices = notices + [n for n in offline.notices if n not in notices]
        hits = self.retrieve([f"{text} 长期共同目标 理想和现实的缺口", f"{offline.group_type} 运营 怎么做",
                              "vision threshold rules activities benefits", "社群运营 雷区 广告 红包 市场规范",
                              "社群孵化 指标 人数 互动 坚持打卡"], notices=notices)
        hits, _ = self.fit_budget(hits)
        if not self.online:
            offline.citations = _cite(_diverse(hits, 6), text + " 长期目标")
            offline.notices = notices + [planner.words_for(planner.language_of(text))["offline_goal"]]
            return offline
        usage: list[dict] = []
        told = text + "".join(f"\n{planner.words_for('zh')['answer_names'][k]}:{v}" for k, v in answers.items())
        request = render("goal", self.settings.prompts_dir, business=told, passages=self.passages_block(hits),
                         group_type_hint=offline.group_type, group_type_reason=offline.group_type_reason)
        try:
            draft, raw = self._structured(request, GoalDraft, "goal", usage)
            flagged = self._guard_goal(draft)
            if flagged:
                revise = render("revise", self.settings.prompts_dir, findings=self._findings_text(flagged), draft=raw)
                draft, raw = self._structured(revise, GoalDraft, "goal:revise", usage)
                if self._guard_goal(draft):
                    raise SchemaError("模型两次生成的方案都含有市场规范信号(广告、优惠、红包等)")
        except (ModelError, SchemaError) as e:
            offline.citations = _cite(_diverse(hits, 6))
            offline.notices = notices + [f"{e};已改用离线规划生成方案,你的输入没有丢失。"]
            offline.token_usage = usage
            return offline
        if draft.group_type not in ("快闪群", "新用户群", "超级用户群", "交付群"):
            draft.group_type = offline.group_type
        used = [hits[i - 1] for i in draft.used_passages if isinstance(i, int) and 1 <= i <= len(hits)] or hits
        return GoalPlan(**draft.model_dump(), business=text, citations=_cite(used), mode=self.mode,
                        notices=notices, token_usage=usage)

    @staticmethod
    def _guard_goal(draft: GoalDraft) -> list:
        parts = [("目标", draft.goal), ("愿景", draft.keys.vision), ("门槛", draft.keys.threshold)]
        parts += [("群规", r) for r in draft.keys.rules] + [("活动", a) for a in draft.keys.activities]
        parts += [("权益", b) for b in draft.keys.benefits]
        out = []
        for where, t in parts:
            r = lint_post(t)
            if r.flagged:
                out.append((where, r))
        return out

    # -- calendar ------------------------------------------------------------------------------------
    def weekly_calendar(self, business: str, goal: str | None = None, start: dt.date | None = None,
                        days: int = 7, answers: dict | None = None) -> Calendar:
        """Daily topics and posts from ``start`` (default next Monday) for ``days`` days."""
        text, notices = planner.clean_business(business)
        lang = planner.language_of(text)
        dates = planner.week_dates(start, days)
        usage: list[dict] = []
        if goal is not None and not isinstance(goal, str):
            raise planner.PlannerError("目标必须是文字")
        goal = " ".join((goal or "").split())
        if not goal:
            plan = self.derive_goal(text, answers=answers)
            goal = plan.goal
            usage += plan.token_usage
            notices += [n for n in plan.notices if n.startswith(("检索", "描述"))]
        elif lint_post(goal).flagged:
            notices.append(f"你给的目标「{goal}」带有市场规范信号(价格、优惠、促销等),建议改成成员自己想达成的长期目标。")
        base = [planner.plan_day(text, goal, d, i) for i, d in enumerate(dates)]
        cites_by_type: dict[str, list] = {}
        for b in base:
            if b["type"] not in cites_by_type:
                cites_by_type[b["type"]] = self.retrieve([b["query"]], k=2, notices=notices)
        if self.online:
            try:
                drafts = self._calendar_drafts(text, goal, dates, base, usage, notices)
            except (ModelError, SchemaError) as e:
                drafts = None
                notices.append(f"{e};已改用离线规划生成周历,你的输入没有丢失。")
        else:
            drafts = None
            notices.append(planner.words_for(lang)["offline_calendar"])
        out: list[DayPlan] = []
        for i, d in enumerate(dates):
            b = base[i]
            src = drafts[i] if drafts else b
            topic, post, why = src["topic"], src["post"], src["why"]
            if lint_post(topic).flagged or lint_post(post).flagged:  # the last line of defence
                topic, post, why = b["topic"], b["post"], b["why"]
                if lint_post(post).flagged:
                    post = planner.safe_post(text, goal)
                notices.append(f"{d.isoformat()} 的内容含有市场规范信号,已替换为离线方案。")
            cites = src.get("citations") or _cite(cites_by_type.get(b["type"], []))
            out.append(DayPlan(date=d.isoformat(), weekday=planner.weekday_name(d, lang), type=b["type"], topic=topic,
                               post=post, why=why, citations=cites))
        return Calendar(business=text, goal=goal, days=out, mode=self.mode, notices=notices, token_usage=usage)

    def _calendar_drafts(self, text, goal, dates, base, usage, notices) -> list[dict]:
        hits = self.retrieve([f"{goal} 社群活动", "打卡 分享 话题 活动 仪式感 参与感",
                              "activities PK competitions sharing sessions", "只有官方声音 真实感 名人背书"], notices=notices)
        hits, _ = self.fit_budget(hits)
        day_types = "\n".join(f"{i}. {d.isoformat()} {planner.weekday_name(d)}:{b['type']}"
                              for i, (d, b) in enumerate(zip(dates, base), 1))
        request = render("calendar", self.settings.prompts_dir, count=len(dates), goal=goal, business=text,
                         day_types=day_types, passages=self.passages_block(hits))
        week, raw = self._structured(request, WeekDraft, "calendar", usage)
        if len(week.days) < len(dates):
            raise SchemaError(f"模型只写了 {len(week.days)} 天,需要 {len(dates)} 天")

        def guard(w: WeekDraft) -> list:
            bad = []
            for i, day in enumerate(w.days[: len(dates)]):
                for field in ("topic", "post"):
                    r = lint_post(getattr(day, field))
                    if r.flagged:
                        bad.append((f"第{i + 1}天 {field}", r))
            return bad

        flagged = guard(week)
        if flagged:
            revise = render("revise", self.settings.prompts_dir, findings=self._findings_text(flagged), draft=raw)
            try:
                week, raw = self._structured(revise, WeekDraft, "calendar:revise", usage)
            except SchemaError:
                pass  # keep the first draft; flagged days fall back to the offline plan below
        drafts = []
        for i in range(len(dates)):
            d = week.days[i]
            used = [hits[j - 1] for j in d.used_passages if isinstance(j, int) and 1 <= j <= len(hits)]
            drafts.append({"topic": d.topic, "post": d.post, "why": d.why, "citations": _cite(used) if used else None})
        return drafts

    # -- questions -----------------------------------------------------------------------------------
    def standalone_question(self, question: str, history) -> tuple[str, list[dict]]:
        """Rewrite a follow-up so it can be searched on its own."""
        msgs = _history_messages(history)
        usage: list[dict] = []
        if not msgs:
            return question, usage
        last_user = next((m.content for m in reversed(msgs) if isinstance(m, HumanMessage)), "")
        if self.online:
            convo = "\n".join(f"{'群主' if isinstance(m, HumanMessage) else '助手'}:{_excerpt(str(m.content), 300)}" for m in msgs[-6:])
            try:
                q = self._invoke([HumanMessage(render("condense", self.settings.prompts_dir, history=convo,
                                                      question=question))], "condense", usage).strip()
                if q:
                    return q, usage
            except ModelError:
                pass
        if _FOLLOW_UP.search(question) or len(question) < 12:
            return f"{last_user} {question}", usage
        return question, usage

    def stream(self, question: str, history=None) -> Answer:
        """An answer grounded in the passages: iterate it for the text as it arrives; afterwards it
        holds the citations, the draft check's findings and the notices (``answer.result``)."""
        if not isinstance(question, str) or not question.strip():
            raise planner.PlannerError("请输入问题")
        question = question.strip()
        notices: list[str] = []
        if len(question) > MAX_QUESTION_CHARS:
            question = question[:MAX_QUESTION_CHARS]
            notices.append(f"问题太长,只使用了前 {MAX_QUESTION_CHARS} 个字。")
        result = AskResult(question=question, answer="", mode=self.mode, notices=notices)
        self.last_result = result  # kept for older callers; prefer the returned Answer
        return Answer(self._answer_pieces(question, history, result), result)

    def _answer_pieces(self, question: str, history, result: AskResult) -> Iterator[str]:
        notices = result.notices
        query, usage = self.standalone_question(question, history)
        hits = self.retrieve([query], k=4, notices=notices)
        hits, _ = self.fit_budget(hits, self.budget_tokens)
        wants_post = bool(_POST_REQUEST.search(question))
        result.citations = _cite(hits, query)
        result.token_usage = usage
        pieces: list[str] = []
        self._drafted_post = None
        if not self.online:
            for piece in self._offline_answer(question, query, hits, wants_post, history):
                pieces.append(piece)
                yield piece
        else:
            messages = [SystemMessage(render("system", self.settings.prompts_dir)), *_history_messages(history)[-8:],
                        HumanMessage(render("ask", self.settings.prompts_dir, question=question,
                                            passages=self.passages_block(hits)))]
            try:
                for chunk in self.llm.stream(messages):
                    piece = chunk.content if isinstance(chunk.content, str) else ""
                    if piece:
                        pieces.append(piece)
                        yield piece
            except Exception as e:  # noqa: BLE001 - keep what arrived and say what happened
                err = e if isinstance(e, ModelError) else explain_error(e, self.settings)
                result.interrupted = bool(pieces)
                result.failed = not pieces
                note = f"\n\n(回答中断:{err}。上面是已经收到的部分。)" if pieces else f"(没能得到回答:{err}。你的问题已保留,可以稍后重试。)"
                pieces.append(note)
                yield note
            prompt_tokens = sum(count_tokens(str(m.content)) for m in messages)
            usage.append({"call": "ask", "prompt_tokens": prompt_tokens,
                          "completion_tokens": count_tokens("".join(pieces)), "counted_by": "tiktoken"})
        result.answer = "".join(pieces)
        if wants_post:
            # Check the drafted post, not the article passages quoted under it.
            draft = self._drafted_post or "\n".join(
                line for line in result.answer.splitlines() if not line.lstrip().startswith((">", "[", "《")))
            report = lint_post(draft)
            result.findings = [f.to_dict() for f in report.findings if f.severity != "suggestion"]

    def answer(self, question: str, history=None) -> AskResult:
        """The whole answer at once (see :meth:`stream`)."""
        return self.stream(question, history).complete()

    def structured(self, request: str, schema: type[BaseModel], call: str,
                   usage: list[dict] | None = None) -> tuple[BaseModel, str]:
        """Ask the model for an object of ``schema`` (validated; one repair round); returns it and the raw text."""
        return self._structured(request, schema, call, usage if usage is not None else [])

    def _offline_answer(self, question: str, query: str, hits: list, wants_post: bool, history) -> Iterator[str]:
        yield "(离线模式:没有配置模型。下面的内容直接来自文章和内置的方法,不是模型生成的。)\n\n"
        tip = planner.method_note(query)
        if wants_post:
            context = " ".join(m.content for m in _history_messages(history) if isinstance(m, HumanMessage)) + " " + question
            plan = planner.plan_goal(context)
            day = planner.post_for_request(context, plan.goal, dt.date.today())
            yield f"按「{plan.goal}」这个共同目标,给你一条可以直接发的群帖({day['type']}):\n\n"
            self._drafted_post = day["post"]
            yield day["post"] + "\n\n"
            yield f"为什么这样写:{day['why']}\n\n"
        else:
            if tip:
                yield tip + "\n\n"
            if planner.detect_industry(question) != "generic":
                # The question names a business: give it a concrete starting point from the method.
                plan = planner.plan_goal(question)
                yield (f"给你的生意一个起点:共同目标可以是「{plan.goal}」({plan.gap.split('。')[0]});"
                       f"适合建{plan.group_type}。每周固定节奏:"
                       + "、".join(a.split(":")[0] for a in plan.keys.activities) + "。"
                       "在「目标」和「周历」里可以得到完整方案和每天的群帖。\n\n")
        if hits:
            best = hits[0]
            yield f"文章里最直接的说法(《{best.title}》):\n> {_focused_excerpt(best.text, query, 220)}\n"
        else:
            yield "没有检索到相关的文章片段。"

    def last_sources_text(self) -> str:
        """The citations of the last answer, for the CLI."""
        return sources_text(self.last_result)


def sources_text(r: AskResult | None) -> str:
    """Citations and the draft check of an answer as plain text (the CLI prints it under the answer)."""
    if not r or not r.citations:
        return ""
    lines = ["", "来源:"] + [f"[{i}] 《{c.title}》" + (f" › {c.heading}" if c.heading else "") + f":{c.excerpt}"
                            for i, c in enumerate(r.citations, 1)]
    if r.findings:
        lines += ["", "草稿检查:"] + [f"- {f['code']} 「{f['excerpt']}」{f['message']}" for f in r.findings]
    return "\n".join(lines)


class Answer:
    """A streamed answer, like ``llm``'s Response: iterate it for text pieces as they arrive; then
    ``.result`` (an :class:`AskResult`) holds the whole text, citations, findings and notices.
    Reading ``.text()``, ``.citations`` or ``.to_dict()`` first finishes the stream."""

    def __init__(self, pieces: Iterator[str], result: AskResult) -> None:
        self._pieces = pieces
        self.result = result
        self.done = False

    def __iter__(self) -> Iterator[str]:
        if self.done:
            yield self.result.answer
            return
        yield from self._pieces
        self.done = True

    def complete(self) -> AskResult:
        for _ in self:
            pass
        return self.result

    def text(self) -> str:
        return self.complete().answer

    @property
    def citations(self) -> list:
        return self.complete().citations

    @property
    def findings(self) -> list[dict]:
        return self.complete().findings

    @property
    def notices(self) -> list[str]:
        return self.complete().notices

    def to_dict(self) -> dict:
        return self.complete().to_dict()


# --- module-level API ------------------------------------------------------------------------------
def derive_goal(business: str, *, group_type: str | None = None, answers: dict | None = None,
                settings: Settings | None = None, chat_model=None) -> GoalPlan:
    """From a business description to a long-term shared goal, the ideal, the gap, the kind of group
    with its reason, vision/threshold/rules/activities/benefits, pitfalls and citations.

    ``answers`` are the owner's answers to the method's questions (``members``, ``ideal``, ``gap``,
    ``pays``, ``frequency``); they take precedence over the description."""
    return Assistant(settings, chat_model=chat_model).derive_goal(business, group_type=group_type, answers=answers)


def weekly_calendar(business: str, *, goal: str | None = None, start: dt.date | None = None, days: int = 7,
                    answers: dict | None = None, settings: Settings | None = None, chat_model=None) -> Calendar:
    """A week (by default from next Monday) of daily topics and posts that serve the shared goal."""
    return Assistant(settings, chat_model=chat_model).weekly_calendar(business, goal=goal, start=start, days=days,
                                                                      answers=answers)


def ask(question: str, history=None, *, settings: Settings | None = None, chat_model=None) -> Answer:
    """Stream an answer to a question about running a group (text pieces). ``history`` is a list of
    (user, assistant) pairs or role/content dicts; follow-ups are understood in its light."""
    return Assistant(settings, chat_model=chat_model).stream(question, history)


__all__ = ["Assistant", "SchemaError", "derive_goal", "weekly_calendar", "ask", "ACTIVITY_TYPES"]
