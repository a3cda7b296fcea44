"""Rewriting a draft the guard flagged into a post an owner can send (always a draft to edit).

Offline: the post's news stays (the product, service or event it names, its date and place) and only the
market-norm parts go (prices, offers, 秒杀, red packets, urgency, 私聊下单 and contacts); what is left is turned
to the members with an invitation tied to the group's goal. With a model: the model rewrites, told what to
keep and what to take out; the guard checks, one more try with the new findings, then the offline way.
Nothing is ever sent anywhere.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from .arguments import check_text
from .guard import lint_post, load_rules
from .guard_context import _INVITATION
from .planner import language_of

# Rule types that are the selling itself, whatever their severity: a price, an offer, a red packet, pressure to act
# now, a way to buy off the group, a reward for bringing people. Other types (a product pushed, a shop introduced)
# name what the post is about: only their warnings and errors are taken out.
_SELLING_TYPES = {"cash", "offer", "price", "urgency", "contact", "referral"}
# The selling words that may be cut from a clause's edge, keeping the rest: an offer or a push names the thing
# offered ("套餐", "新款"), an invitation to come follows it ("…桂花吐司,等您来尝"); a price, a contact or a
# deadline is the clause's point.
_TRIMMABLE = {"offer", "push", "invite"}
# A clause that sends members off the group or to the till, even where no rule names it.
_CONTACT = re.compile(r"电话|微信|薇信|vx|v信|二维码|扫码|https?://|www\.|\d{7,}|到店|"
                      r"欢迎[^,,。]{0,10}(来|到|逛|坐坐|体验|试听|参观)|visit us|come by|call us|our (shop|store)", re.I)
# A shop asking members to come, try or book (the guard's own reading of an invitation, and a few more ways to say
# it): the rewrite's own invitation to talk takes its place.
_COME = re.compile(r"等(您|你|大家)(来|过来)|(来|过来)(试|尝|看)|come (by|in|over|and)|drop (by|in)|pop (by|in)|"
                   r"book (now|today|a|your)|sign up", re.I)
# A clause and the marks that end it; a point between digits is a decimal ("29.9元"), not an end.
_CLAUSE = re.compile(r"(?:[^,,。.!!??;;\n]|(?<=\d)\.(?=\d))+[,,。.!!??;;\n]*")
# Chinese posts also separate their parts with spaces ("新到番茄苗 秒杀价1元 先到先得").
_CLAUSE_ZH = re.compile(r"(?:[^,,。.!!??;;\n \u3000]|(?<=\d)\.(?=\d))+[,,。.!!??;;\n \u3000]*")
_EDGE = " \t\u3000,,。.!!??;;::~~"
# A clause cut down to this many characters (Chinese) or words (English) no longer says what it was about.
_MIN_LEFT = {"zh": 6, "en": 3}
# Offline invitations, per language: tied to the goal, or general. The first pair follows the post's news (ask the
# members what they make of it); the second stands alone when nothing but selling was in the post.
NEWS_INVITE = {
    "zh": ("想一起「{goal}」的伙伴,对这件事有什么想法或疑问,在群里说说,我们一起商量。",
           "大家有什么想法、疑问或经历,在群里说说,我们一起商量。"),
    "en": ("If you're working towards “{goal}” with us, what do you make of this? Share your thoughts or questions "
           "in the group and let's talk it through.",
           "What do you think? Share your thoughts, questions or experience in the group and let's talk it through."),
}
INVITE = {
    "zh": ("想一起「{goal}」的伙伴,今天在群里说说你的进展和心得,我们互相督促。",
           "有兴趣的伙伴在群里说说你的经验和问题,我们一起交流。"),
    "en": ("If you're working towards “{goal}” with us, tell the group how it's going today; we keep each other going.",
           "If this interests you, share your experience or questions in the group and let's talk."),
}


@dataclass
class Rewrite:
    """A rewritten draft: ``text`` to edit and send by hand, what was taken out, what of the post's own
    words was kept (its news), and how it was made."""

    original: str
    text: str
    removed: list[str] = field(default_factory=list)
    mode: str = "offline"
    passes: bool = True  # the rewrite itself passes the guard
    notices: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return self.text

    def to_dict(self) -> dict:
        return asdict(self)


def _selling(report) -> list[tuple[int, int, str]]:
    """Where the report's selling parts are, and their rule types (see _SELLING_TYPES). The learned stage's finding is
    not one: it marks the most advert-like stretch, often the news itself, so the whole rewrite is checked instead."""
    types = {r.code: r.type for r in load_rules()[0]}
    return [(f.start, f.end, types[f.code]) for f in report.findings if f.code in types
            and (types[f.code] in _SELLING_TYPES or (types[f.code] != "learned" and f.severity != "suggestion"))]


def _own_selling(clause: str, group_type: str | None) -> list[tuple[int, int, str]]:
    """The selling parts the rules find in a clause read on its own, as it will be read in the rewrite: beside a
    price or a phone number (which are taken out) a plain "新增儿童涂氟项目" is part of a pitch, alone it is news."""
    return _selling(lint_post(clause, group_type=group_type, learned=False))


def _pushes(clause: str, group_type: str | None) -> bool:
    """A clause that sells on its own: the rules find a selling part in it, or it sends members off the group."""
    return bool(_CONTACT.search(clause)) or bool(_own_selling(clause, group_type))


def _size(s: str, lang: str) -> int:
    return len(re.findall(r"[A-Za-z0-9']+", s)) if lang == "en" else len(s.strip(_EDGE).replace(" ", ""))


def _trim(clause: str, hits: list[tuple[int, int, str]], lang: str,
          group_type: str | None) -> tuple[str, list[str]] | None:
    """The clause without a word that sells what it names, at its start or end ("新款冬季羽绒服到了" -> "冬季羽绒服
    到了", "新的殡仪服务套餐" -> "新的殡仪服务"), when what is left is most of it, says something and sells nothing.
    None when the selling sits inside the clause, or is its action (a price, a contact, a deadline: what follows
    "加微信" is the handle, what follows "秒杀价" is the price)."""
    if any(kind not in _TRIMMABLE for _, _, kind in hits):
        return None
    hits = [(s, e) for s, e, _ in hits]
    body = clause.rstrip(_EDGE)
    tail = clause[len(body):]
    left, right = len(body) - len(body.lstrip(_EDGE)), len(body)
    for s, e in sorted(hits):  # from the start
        if s <= left or not body[left:s].strip(_EDGE):
            left = max(left, e)
    for s, e in sorted(hits, key=lambda h: -h[1]):  # from the end
        if e >= right or not body[e:right].strip(_EDGE):
            right = min(right, s)
    if left >= right or any(s < right and e > left for s, e in hits):
        return None
    rest = body[left:right].strip(_EDGE)
    cut = [body[:left].strip(_EDGE), body[right:].strip(_EDGE)]
    size = _size(rest, lang)
    if size < _MIN_LEFT[lang] or size < 2 * sum(_size(c, lang) for c in cut) or _pushes(rest, group_type):
        return None
    return rest + tail, [c for c in cut if c]


def _body(kept: list[str], lang: str) -> tuple[str, list[tuple[int, int]]]:
    """The kept clauses as one passage, and where each one is in it."""
    joined = "".join(kept)
    lead = len(joined) - len(joined.lstrip(_EDGE))
    bounds, pos = [], -lead
    for k in kept:
        bounds.append((max(pos, 0), pos + len(k)))
        pos += len(k)
    body = joined[lead:].rstrip(_EDGE + "、")
    if body and not re.search(r"[。.!!??…」”)]$", body):
        body += "." if lang == "en" else "。"
    return body, bounds


def _invite(lang: str, goal: str | None, news: bool) -> str:
    with_goal, general = (NEWS_INVITE if news else INVITE)[lang]
    return with_goal.format(goal=goal) if goal else general


def offline_rewrite(text: str, *, goal: str | None = None, group_type: str | None = None,
                    voice: str = "auto") -> Rewrite:
    """Keep the post's news, take out its selling, and turn it to the members with an invitation tied to the goal.
    ``voice`` is :func:`lint_post`'s (``"owner"``: the owner's own draft)."""
    report = lint_post(text, group_type=group_type, goal=goal, voice=voice)
    lang = language_of(text)
    if not report.flagged:
        return Rewrite(text, text, notices=["No market-norm signals found: nothing to rewrite." if lang == "en"
                                            else "没有发现市场规范信号,不需要改写。"])
    # The selling as the whole post reads it (a deadline next to an offer is pressure), and the shop's calls to come.
    spans = [x for x in _selling(report) if x[2] in _SELLING_TYPES]
    spans += [(m.start(), m.end(), "invite") for pattern in (_INVITATION, _COME) for m in pattern.finditer(text)]
    kept: list[str] = []
    removed: list[str] = []
    for m in (_CLAUSE_ZH if lang == "zh" else _CLAUSE).finditer(text):
        clause = m.group()
        hits = [(max(s, m.start()) - m.start(), min(e, m.end()) - m.start(), kind) for s, e, kind in spans
                if s < m.end() and e > m.start()] + _own_selling(clause, group_type)
        if hits:
            cut = _trim(clause, hits, lang, group_type)
            if cut is None:
                removed.append(clause.strip())
            else:
                kept.append(cut[0])
                removed.extend(cut[1])
        elif _CONTACT.search(clause):
            removed.append(clause.strip())
        else:
            kept.append(clause)
    goal = goal.strip() if goal and goal.strip() else None
    news_dropped: list[str] = []
    while True:
        body, bounds = _body(kept, lang)
        news = _size(body, lang) >= _MIN_LEFT[lang]  # "大家好" alone is no news to ask about
        candidate = f"{body}\n{_invite(lang, goal, news)}" if body else _invite(lang, goal, False)
        check = lint_post(candidate, group_type=group_type, voice=voice)
        flagged = check.flagged
        if not flagged or not body:
            break
        # Together the news still reads as an ad: the clauses the guard points at go; when it points at none of
        # them (the whole reads as an ad), all of them.
        hit = {i for i, (s, e) in enumerate(bounds) for f in check.findings
               if f.severity != "suggestion" and f.start < min(e, len(body)) and f.end > s}
        hit = hit or set(range(len(kept)))
        news_dropped += [kept[i].strip(_EDGE) for i in sorted(hit)]
        kept = [k for i, k in enumerate(kept) if i not in hit]
    notices = []
    if news_dropped:
        shown = "、".join(f"「{d}」" for d in news_dropped if d)
        notices.append(f"{', '.join(f'“{d}”' for d in news_dropped if d)} still read as an ad in the rewrite and "
                       "were taken out too: say that news again in your own words." if lang == "en" else
                       f"原帖里的{shown}放在改写稿里仍像推销,也去掉了;要告诉大家这件事,请换个说法补上。")
    removed += news_dropped
    return Rewrite(text, candidate, [r for r in removed if r], "offline", not flagged, notices,
                   kept=[k.strip(_EDGE) for k in kept if k.strip(_EDGE)])


def _listed(facts, lang: str) -> str:
    return ("、".join(f"「{f.text}」" for f in facts) if lang == "zh" else ", ".join(f"“{f.text}”" for f in facts))


def _retry_note(lost, extra=()) -> str:
    """The pointed instruction of a second try: the pieces of news the first one left out, and the values it wrote
    that the owner never gave (a changed date is both: the post's, lost, and the model's own, added), by name."""
    note = ""
    if lost:
        lines = "\n".join(f"- 「{f.text}」({f.label('zh')})" for f in lost)
        note += ("\n\n上一稿漏掉或改动了原帖里的这些消息,成员看了会不知道是哪天、几点、在哪里。这一稿务必把它们写进去"
                 f"(可以换说法,但日期、时间、地点、名称和数字要和原帖一致):\n{lines}")
    if extra:
        lines = "\n".join(f"- 「{f.text}」({f.label('zh')})" for f in extra)
        note += (f"\n\n上一稿{'还' if lost else ''}写了原帖里没有的这些内容,成员会当成群主定下的安排。"
                 f"原帖没给的日期、时间、地点和数字不要自己加,这一稿请删掉它们:\n{lines}")
    return note


def rewrite_post(text: str, *, goal: str | None = None, group_type: str | None = None, settings=None,
                 chat_model=None, voice: str = "auto") -> Rewrite:
    """A rewrite of ``text`` that passes the guard: by the model when one is configured, else offline.

    The model is told which news to keep (the offline reader's ``kept`` clauses), and what it answers is checked
    for it: the dates, times, places, event names and amounts that are facts rather than offers, read from those
    clauses by :mod:`assistant.news`, must all still be there, in any writing of them ("4月10号" for "4月10日",
    "19:00" for "晚上7点"). Nor may it name a date, time, place or amount the post never gave (see
    :func:`assistant.news.added`; the goal is the owner's too, so its "60天" is given): members would take it for
    the owner's arrangement. A reply that drops a piece or adds a value is treated like a reply the guard flags: the
    model gets one more try, told by name which pieces it left out, which values it wrote that the post never gave
    (the "4月12日" that replaced "4月10日", or a "下午3点" of its own), and what still sells, if anything does. When the
    second reply still gets it wrong, the offline rewrite is returned instead, with a notice saying what each of the
    two replies got wrong (still selling, the news it dropped or the values it added, by name, or nothing at all),
    once when both got the same thing wrong.

    Why fall back rather than patch the model's text: an owner who sends a post with the date or the place missing
    sends members to the wrong day or nowhere, which costs more than a plainer wording; the offline rewrite keeps
    every kept clause word for word, news first and the invitation after, and passes the guard. Appending the
    missing clauses to the model's text instead would put the news after the invitation to talk, often twice
    ("这周六" in the model's words, then "本周六上午9点在滨江公园…"), and the whole would have to be checked again.
    A retry that brings them back (or takes the added values out) is kept, with a notice naming the pieces so the
    owner reads them once more: they were restored because they were asked for. Notices are in the draft's
    language (Chinese unless the draft is English). At most two model calls are made, as before.
    """
    if not isinstance(text, str):
        raise TypeError(f"rewrite_post() 需要字符串,收到的是 {type(text).__name__}")
    check_text("rewrite_post", goal=goal, group_type=group_type, voice=voice)
    from .chains import Assistant
    from .errors import AssistantError
    from .news import added, facts_in, missing
    from .prompts import render

    report = lint_post(text, group_type=group_type, goal=goal, voice=voice)
    bot = Assistant(settings, chat_model=chat_model)
    offline = offline_rewrite(text, goal=goal, group_type=group_type, voice=voice)  # also what the model is told to keep
    if not report.flagged or not bot.online:
        return offline
    lang = language_of(text)
    en = lang == "en"
    facts = facts_in(offline.kept, lang)
    findings = report.findings
    keep = "\n".join(f"- {k}" for k in offline.kept) or "- (没有:原帖除了推销没有别的消息)"
    usage: list[dict] = []
    lost: list = []  # the news the last reply left out
    extra: list = []  # the values the last reply wrote that the post never gave
    tries: list[tuple[bool, bool, list, list]] = []  # each reply: (empty, still selling, the news it left out, added)
    given = f"{text}\n{goal}" if goal else text  # the goal's values ("60天") are the owner's, not the model's
    try:
        for attempt in range(2):
            listed = "\n".join(f"- 「{f.excerpt}」{f.code} {f.message}" for f in findings if f.severity != "suggestion")
            request = render("rewrite", bot.settings.prompts_dir, findings=listed or "- 整体读起来像推销",
                             draft=text, goal=goal or "(未设定)", keep=keep, retry=_retry_note(lost, extra))
            from langchain_core.messages import HumanMessage

            out = bot.invoke([HumanMessage(request)], f"rewrite:{attempt}", usage).strip()
            check = lint_post(out, group_type=group_type, goal=goal, voice=voice)
            flagged = not out or check.flagged
            was_lost, lost = lost, (missing(facts, out, lang) if out else facts)
            was_extra, extra = extra, (added(given, out, lang) if out else [])
            tries.append((not out, bool(out) and check.flagged, lost, extra))
            if not flagged and not lost and not extra:
                # put back or taken out because they were asked for by name: worth a second look
                notices = [_corrected(was_lost, was_extra, lang)] if was_lost or was_extra else []
                return Rewrite(text, out, [], bot.mode, True, notices)
            if flagged:
                findings = check.findings  # what still sells, for the second try
    except AssistantError as e:
        if tries:  # the first reply was not taken, then the second call failed
            offline.notices.append(f"The model's first rewrite {_outcome(tries[0], lang)}; the second try failed: {e}; "
                                   "used the offline rewrite instead." if en else
                                   f"模型第一稿{_outcome(tries[0], lang)},再试一次时出错:{e};已改用离线改写。")
        else:
            offline.notices.append(f"{e}; used the offline rewrite instead." if en else f"{e};已改用离线改写。")
        return offline
    offline.notices.append(_fallback_notice(tries, lang))
    return offline


def _corrected(lost: list, extra: list, lang: str) -> str:
    """The notice of a second reply taken after the first left out ``lost`` or added ``extra``."""
    if lang == "en":
        wrong = " and ".join(p for p in (lost and f"left out {_listed(lost, lang)}",
                                         extra and f"added {_listed(extra, lang)}, which your post never gave") if p)
        done = " and ".join(p for p in (lost and "put them back", extra and "took that out") if p)
        return (f"The model's first rewrite {wrong}; it was asked again and {done}: check "
                + ("they read right." if lost else "it reads right."))
    wrong = ",还".join(p for p in (lost and f"漏掉了原帖的{_listed(lost, lang)}",
                                   extra and f"写了原帖里没有的{_listed(extra, lang)}") if p)
    done = "改正" if lost and extra else "补上" if lost else "删掉"
    return f"模型第一稿{wrong},已让它重写一次{done},请再核对一下。"


def _outcome(tried: tuple[bool, bool, list, list], lang: str) -> str:
    """What was wrong with one reply of the model, as a predicate ("仍含有市场规范信号", "left out …", "added …")."""
    empty, selling, lost, extra = tried
    en = lang == "en"
    if empty:
        return "came back empty" if en else "没有给出内容"
    parts = ["still read as selling" if en else "仍含有市场规范信号"] if selling else []
    if lost:
        parts.append((f"left out {_listed(lost, lang)}" if selling else f"left out news from your post ({_listed(lost, lang)})")
                     if en else f"漏掉了原帖的{_listed(lost, lang)}")
    if extra:
        parts.append(f"added {_listed(extra, lang)}, which your post never gave" if en else
                     f"写了原帖里没有的{_listed(extra, lang)}")
    if en:
        return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
    return parts[0] + "".join(f",还{p}" if i == 0 else f",{p}" for i, p in enumerate(parts[1:]))


def _fallback_notice(tries: list[tuple[bool, bool, list, list]], lang: str) -> str:
    """Why the offline rewrite is returned after two replies of the model: what each of them got wrong, said once
    when both got the same thing wrong."""
    en = lang == "en"
    first, second = _outcome(tries[0], lang), _outcome(tries[-1], lang)
    kept = any(lost for empty, _, lost, _ in tries if not empty)  # the offline rewrite keeps the news the model left out
    if first == second and tries[0][2] and not any(tries[0][:2]) and not tries[0][3]:  # the same news left out twice
        return (f"The model's rewrite left out news from your post ({_listed(tries[0][2], lang)}) even when asked "
                "again, so this is the offline rewrite, which keeps it." if en else
                f"模型的改写漏掉了原帖的消息({_listed(tries[0][2], lang)}),再问一次也没补上,已改用离线改写,"
                "原帖的这些内容都在里面。")
    if first == second:
        return (f"The model's rewrites both {first}; used the offline rewrite instead"
                + (", which keeps that news." if kept else ".") if en else
                f"模型两次改写都{first},已改用离线改写" + (",原帖的这些内容都在里面。" if kept else "。"))
    return (f"The model's first rewrite {first} and its second {second}, so this is the offline rewrite"
            + (", which keeps that news." if kept else ".") if en else
            f"模型第一稿{first},第二稿{second},已改用离线改写" + (",原帖的这些内容都在里面。" if kept else "。"))
