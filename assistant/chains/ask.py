"""The ask chain: a question (and the conversation so far) -> an answer grounded in the passages.

Runnables over one state dict::

    prepare -> condense (a follow-up made standalone) -> retrieve -> generate (streams text)

``ask_chain(assistant)`` streams text pieces (``invoke`` gives the whole text). :meth:`Assistant.stream`
returns an :class:`Answer`: iterate it for the text, then it holds the citations, findings and notices.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from functools import partial

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from langchain_core.runnables import Runnable, RunnableGenerator, RunnableLambda

from .. import group_types, planner
from ..arguments import check_list
from ..guard import lint_post
from ..prompts import render
from ..providers import ModelError, count_tokens, explain_error
from ..schemas import AskResult
from ..source_gloss import passage_shown, title_shown
from . import intent
from .passages import PASSAGE_BUDGET, cite, excerpt, fit_budget, focused_excerpt, passages_block, retrieve

MAX_QUESTION_CHARS = 2000
# Where an answer is read, for what it points to: "web" (the page's tabs), "cli" (the commands), None (either).
WHERE = ("web", "cli", None)
# "聊什么好" asks for a topic: the answer is a discussion post.
_TOPIC_REQUEST = r"聊(?:点|些|一些)?(?:什么|啥)|说(?:点|些)?(?:什么|啥)话题|what (?:should|do|can) (?:i|we) (?:talk|chat) about"
_POST_REQUEST = re.compile(r"(写|起草|拟|生成|来一[条段篇个]|帮我.{0,6}(发|写)).{0,12}(帖|文案|公告|通知|消息|群发|欢迎语|话术|开场白|post)"
                           r"|发什么|发啥|发些什么|发点什么|what (should|do|can) (i|we) post|what to post"
                           r"|" + _TOPIC_REQUEST, re.I)
_FOLLOW_UP = re.compile(r"^(那|那么|还有|它|这个|这种|如果|要是|然后|再|另外|呢)|呢[??]?$")


def history_messages(history) -> list[BaseMessage]:
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


# --- steps ---------------------------------------------------------------------------------------------
def prepare(ctx, inp: dict) -> dict:
    """Check the question (a clear error for an empty one; a long one is cut, with a notice)."""
    question = inp.get("question")
    if not isinstance(question, str) or not question.strip():
        raise planner.PlannerError("请输入问题")
    # A string or a dict would be read item by item and silently dropped as no conversation at all.
    check_list("ask", "history", inp.get("history"), items=(dict, list, tuple),
               items_are=" (问题, 回答) 或 {\"role\": …, \"content\": …}")
    question = question.strip()
    notices: list[str] = []
    if len(question) > MAX_QUESTION_CHARS:
        question = question[:MAX_QUESTION_CHARS]
        notices.append(f"问题太长,只使用了前 {MAX_QUESTION_CHARS} 个字。")
    where = inp.get("where")
    if where not in WHERE:
        raise ValueError(f"ask 的 where 只能是 {' / '.join(repr(w) for w in WHERE)},收到的是 {where!r}")
    result = AskResult(question=question, answer="", mode=ctx.mode, notices=notices)
    return {"question": question, "history": inp.get("history"), "result": result, "usage": [], "where": where}


def standalone_question(ctx, question: str, history, usage: list[dict]) -> str:
    """A follow-up rewritten so it can be searched on its own (by the model, else by the last question)."""
    msgs = history_messages(history)
    if not msgs:
        return question
    last_user = next((m.content for m in reversed(msgs) if isinstance(m, HumanMessage)), "")
    if ctx.online:
        convo = "\n".join(f"{'群主' if isinstance(m, HumanMessage) else '助手'}:{excerpt(str(m.content), 300)}"
                          for m in msgs[-6:])
        try:
            q = ctx.calls.invoke([HumanMessage(render("condense", ctx.settings.prompts_dir, history=convo,
                                                      question=question))], "condense", usage).strip()
            if q:
                return q
        except ModelError:
            pass
    if _FOLLOW_UP.search(question) or len(question) < 12:
        return f"{last_user} {question}"
    return question


def read_question(question: str, history=None) -> dict:
    """What the question asks besides its words: a proposed post and the guard's verdict on it, the situation
    named, and the business described (the earlier questions' descriptions too), read as ``goal`` reads one."""
    lang = planner.language_of(question)
    earlier = [str(m.content) for m in history_messages(history) if isinstance(m, HumanMessage)]
    # A follow-up ("那红包呢?") is the earlier can-I-post question asked of another thing: the same verdict.
    proposal = intent.proposal_of(question, lang) or intent.follow_up_proposal(question, lang, earlier)
    business = " ".join(b for b in [*(intent.business_of(q, planner.language_of(q)) for q in earlier[-3:]),
                                    intent.business_of(question, lang, proposal.thing if proposal else None)] if b)
    return {"proposal": proposal, "situation": intent.situation_of(question), "business": business or question}


def _condense(ctx, state: dict) -> dict:
    query = standalone_question(ctx, state["question"], state["history"], state["usage"])
    return {**state, "query": query, **read_question(state["question"], state["history"])}


def _search_query(state: dict) -> str:
    """What the articles are searched with: the question, and for a proposal the reason the guard gives (the
    passage that says why a package or a red packet hurts the group, not one about the business)."""
    p = state.get("proposal")
    if p is None:
        return state["query"]
    reason = intent.rule_text(p.codes[0], "zh")[0] if p.codes else "共同目标 社会规范 成员分享"
    return f"{state['query']} {reason}"


def _retrieve(ctx, state: dict) -> dict:
    hits = fit_budget(retrieve(ctx.searcher, [_search_query(state)], k=4, notices=state["result"].notices),
                      ctx.budget_tokens or PASSAGE_BUDGET)
    state["result"].citations = cite(hits, state["query"])
    state["result"].token_usage = state["usage"]
    return {**state, "hits": hits}


def _model_pieces(ctx, state: dict, pieces: list[str]) -> Iterator[str]:
    result = state["result"]
    request = render("ask", ctx.settings.prompts_dir, question=state["question"], passages=passages_block(state["hits"]))
    proposal = state.get("proposal")
    if proposal is not None:  # the rules' verdict, which the model's answer must not contradict
        result.verdict = proposal.to_dict()
        request += "\n\n" + intent.model_verdict(proposal)
    messages = [SystemMessage(render("system", ctx.settings.prompts_dir)), *history_messages(state["history"])[-8:],
                HumanMessage(request)]
    try:
        for piece in ctx.calls.stream(messages):
            pieces.append(piece)
            yield piece
    except Exception as e:  # noqa: BLE001 - keep what arrived and say what happened
        err = e if isinstance(e, ModelError) else explain_error(e, ctx.settings)
        result.interrupted = bool(pieces)
        result.failed = not pieces
        note = (f"\n\n(回答中断:{err}。上面是已经收到的部分。)" if pieces
                else f"(没能得到回答:{err}。你的问题已保留,可以稍后重试。)")
        pieces.append(note)
        yield note
    state["usage"].append({"call": "ask", "prompt_tokens": sum(count_tokens(str(m.content)) for m in messages),
                           "completion_tokens": count_tokens("".join(pieces)), "counted_by": "tiktoken"})


# The offline answer's own words, in the question's language.
OFFLINE_WORDS = {
    "zh": {"banner": "(离线模式:没有配置模型。下面的内容直接来自文章和内置的方法,不是模型生成的。)\n\n",
           "post": "按「{goal}」这个共同目标,给你一条可以直接发的群帖({kind}):\n\n", "why": "为什么这样写:{why}\n\n",
           "start": "给你的生意一个起点:共同目标可以是「{goal}」({gap});适合建{gtype}。每周固定节奏:{rhythm}。{more}\n\n",
           # Where the whole plan and the daily posts are, said where the answer is read: the page's tabs, the
           # command line's commands, or both (the Python API does not know which its caller shows).
           "more": {"web": "在「目标」和「周历」里可以得到完整方案和每天的群帖。",
                    "cli": "用 assistant goal \"你的生意\" 和 assistant calendar \"你的生意\" 可以得到完整方案和每天的群帖。",
                    None: ("完整方案和每天的群帖:网页版在「目标」和「周历」里,命令行用 assistant goal 和 "
                           "assistant calendar。")},
           "quote": "文章里最直接的说法({title}):\n> {text}\n", "none": "没有检索到相关的文章片段。",
           "scope": ("这个问题不在社群运营的范围里:我能帮你想客户群的共同目标、群规、活动和每天的群帖,"
                     "也能检查一条帖子是不是像广告。换个和你的群有关的问题试试?")},
    "en": {"banner": "(Offline: no model is configured. What follows comes straight from the articles and the built-in "
                     "method, not from a model.)\n\n",
           "post": "A post you can send as it is, for the shared goal “{goal}” ({kind}):\n\n", "why": "Why it's written this way: {why}\n\n",
           "start": ("A starting point for your business: the shared goal could be “{goal}” ({gap}); a {gtype} fits. "
                     "A weekly rhythm: {rhythm}. {more}\n\n"),
           "more": {"web": "The Goal and Week tabs give the whole plan and a post for every day.",
                    "cli": ('Run assistant goal "your business" and assistant calendar "your business" for the whole '
                            "plan and a post for every day."),
                    None: ("For the whole plan and a post for every day: the Goal and Week tabs on the web page, or "
                           "assistant goal and assistant calendar on the command line.")},
           "quote": "What the articles say most directly, in {title}:\n> {text}\n",
           "none": "No passage in the articles matched.",
           "scope": ("That question is outside running a customer group: I can help with your group's shared goal, rules, "
                     "activities and daily posts, and check whether a post reads like an ad. Try a question about your group?")},
}
# Words that show a question is about running a group (or a business), for telling an off-topic question.
_IN_SCOPE = re.compile(r"群|社群|社区|成员|客户|顾客|会员|粉丝|学员|家长|活动|打卡|运营|帖|红包|广告|优惠|目标|门槛|规则|"
                       r"group|communit|member|customer|client|post|engag|chat|\bads?\b|spam|coupon|goal|rule", re.I)


def _season_date(today: dt.date, season: str) -> dt.date:
    """A day in ``season`` from ``today`` on (today when it is that season): the post's seasonal tip is for it."""
    if planner.season_of(today) == season:
        return today
    d = today.replace(day=15)
    for _ in range(12):
        d = (d.replace(day=1) + dt.timedelta(days=32)).replace(day=15)
        if planner.season_of(d) == season:
            return d
    return today


def situation_post(business: str, goal: str, request: str, sit, lang: str, today: dt.date) -> tuple[dict, str]:
    """A post for the situation the owner names, and the line to the owner on what such a time calls for. A
    season gets its own tip where the business has one (as a Monday share); a closed shop, the off-season, the days
    after a holiday or a quiet group get a topic anyone can answer, opened with a line for that time."""
    w = intent.WORDS[lang]
    pb = planner.playbook_for(business, lang)
    low = request.lower()
    asked = next((k for words_, k in planner.POST_INTENTS if any(x in low for x in words_)), None)
    season_name = w["seasons"].get(sit.season or "", "")
    tip = pb.get("season", {}).get(sit.season) if sit.season else None
    date = _season_date(today, sit.season) if sit.season else today
    leads = [w["lead"][s] for s in sit.states if s in w["lead"]][:1]  # one line for the time, one for the season
    if sit.season:
        leads.append(w["season_lead"].format(season=season_name, tip=tip.rstrip("。.")) if tip
                     else w["season_plain"].format(season=season_name))
    if asked is None and re.search(_TOPIC_REQUEST, request, re.I):
        asked = "讨论"
    if asked == "讨论" or (asked is None and sit and not tip):
        # A topic of the business's own (its playbook's discussion list) before the general ones every business gets.
        own = planner.own_items(pb, planner.activity_template("讨论", pb, lang), date)
        day = planner.plan_activity(business, goal, "讨论", planner._seed(business) % max(len(own), 1), date=date,
                                    lang=lang)
    elif asked:
        day = planner.plan_activity(business, goal, asked, planner._seed(business), date=date, lang=lang)
    elif not sit:  # a plain request for a post: the day's activity, as before
        day = planner.plan_activity(business, goal, planner.ACTIVITIES[today.weekday()].name, planner._seed(request),
                                    date=today, lang=lang)
    elif tip:
        items = planner.own_items(pb, planner.activity_template("分享", pb, lang), date)
        day = planner.plan_activity(business, goal, "分享", items.index(tip), date=date, lang=lang)
    opener = next((w["opener"][s] for s in ("holiday", "closed", "offseason", "quiet") if s in sit.states), "")
    if sit.season and not tip:
        opener = w["season_opener"].format(season=w["seasons"][sit.season].capitalize()) + opener
    if opener:
        day = {**day, "post": f"{opener}\n{day['post']}"}
    return day, (" " if lang == "en" else "").join(leads)


def offline_pieces(state: dict) -> Iterator[str]:
    """The offline answer, in the question's language: a direct verdict first when the question asks whether to
    post something (the guard's reading of it, the rule's reason and what to do instead); a post when one is asked
    for or the question names a season or situation (a post for that time); the method's note and a starting
    point for the business otherwise; then the best passage. An off-topic question is told what the assistant is for.
    The business is read from the part of the question that describes it, as ``goal`` reads a description."""
    question, query, hits = state["question"], state["query"], state["hits"]
    lang = planner.language_of(question)
    w = OFFLINE_WORDS[lang]
    yield w["banner"]
    proposal, sit = state.get("proposal"), state.get("situation")
    told = state.get("business") or question
    tip = planner.method_note(query, lang)
    rec = planner.recognise_business(told)
    business = rec.key != "generic" or rec.named_trade is not None  # a trade no playbook covers is one too
    if not (tip or business or state["wants_post"] or proposal or _IN_SCOPE.search(query)):
        yield w["scope"]
        state["hits"] = []
        state["result"].citations = []  # nothing in the articles answers it: no sources either
        return
    plan = planner.plan_goal(told, lang=lang) if (business or state["wants_post"] or proposal or sit) else None
    if proposal is not None:
        state["result"].verdict = proposal.to_dict()
        yield intent.verdict_text(proposal, plan.goal) + "\n"
    # A season, a closed shop, the off-season or the days after a holiday call for a post for that time; a quiet
    # group alone is a how-to question (the method's note), unless a post is asked for.
    timely = bool(sit and (sit.season or set(sit.states) - {"quiet"}))
    if proposal is None and (state["wants_post"] or timely):
        request = " ".join(m.content for m in history_messages(state["history"]) if isinstance(m, HumanMessage))
        day, lead = situation_post(told, plan.goal, f"{request} {question}", sit, lang, dt.date.today())
        if lead:
            yield lead + "\n\n"
        kind = planner.activity_shown(day["type"], lang, told)  # as the business does it (说说今天 when gentle)
        yield w["post"].format(goal=plan.goal, kind=kind)
        state["drafted_post"] = day["post"]
        yield day["post"] + "\n\n"
        yield w["why"].format(why=day["why"])
    elif proposal is None or business or tip:
        if tip:
            yield tip + "\n\n"
        if business:
            # The question names a business: give it a concrete starting point from the method.
            sep = ", " if lang == "en" else "、"
            g = group_types.find(plan.group_type) if lang == "en" else None  # English names the kind in English
            yield w["start"].format(goal=plan.goal, gap=re.split(r"[。.]", plan.gap)[0], gtype=g.en if g else plan.group_type,
                                    rhythm=sep.join(re.split(r"[::]", a)[0] for a in plan.keys.activities),
                                    more=w["more"][state.get("where")])
    if hits:
        best = hits[0]
        heading = getattr(best, "heading", "") or ""
        yield w["quote"].format(title=title_shown(best.title, lang), text=passage_shown(
            best.title, heading, focused_excerpt(best.text, query, 220), lang))
    else:
        yield w["none"]


def _generate(ctx, states: Iterator[dict]) -> Iterator[str]:
    for state in states:
        result = state["result"]
        # A "can I post X?" question asks for a verdict on X, not for a post.
        state["wants_post"] = bool(_POST_REQUEST.search(state["question"])) and state.get("proposal") is None
        pieces: list[str] = []
        source = _model_pieces(ctx, state, pieces) if ctx.online else offline_pieces(state)
        for piece in source:
            if not ctx.online:
                pieces.append(piece)
            yield piece
        result.answer = "".join(pieces)
        if state.get("drafted_post") or state["wants_post"]:
            # Check the drafted post, not the article passages quoted under it.
            draft = state.get("drafted_post") or "\n".join(
                line for line in result.answer.splitlines() if not line.lstrip().startswith((">", "[", "《")))
            result.findings = [f.to_dict() for f in lint_post(draft).findings if f.severity != "suggestion"]


def answer_steps(ctx) -> Runnable:
    """Everything after :func:`prepare`: condense -> retrieve -> generate (streams text)."""
    return (RunnableLambda(partial(_condense, ctx), name="ask_condense")
            | RunnableLambda(partial(_retrieve, ctx), name="ask_retrieve")
            | RunnableGenerator(partial(_generate, ctx), name="ask_generate"))


def ask_chain(ctx) -> Runnable:
    """The ask chain for ``ctx``: input ``{"question", "history"}``, streams the answer's text."""
    return (RunnableLambda(partial(prepare, ctx), name="ask_prepare") | answer_steps(ctx)).with_config(run_name="ask")


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


def sources_text(r: AskResult | None) -> str:
    """Citations and the draft check of an answer as plain text (the CLI prints it under the answer)."""
    if not r or not r.citations:
        return ""
    from ..text import language_of

    en = language_of(r.question or "") == "en"  # the labels follow the question's language
    colon = ": " if en else ":"
    from ..source_gloss import citation_line

    lang = "en" if en else "zh"
    lines = ["", "Sources:" if en else "来源:"] + [f"[{i}] {citation_line(c, lang, colon)}"
                                                  for i, c in enumerate(r.citations, 1)]
    if r.findings:
        quote = "“{}” " if en else "「{}」"
        lines += ["", "Draft check:" if en else "草稿检查:"] + [f"- {f['code']} {quote.format(f['excerpt'])}{f['message']}"
                                                             for f in r.findings]
    return "\n".join(lines)
