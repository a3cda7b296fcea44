"""What the web page does, as plain functions (testable without a browser): chat, goal, week, draft
check, rewrite and batch check, and the safe rendering of model and article text."""
from __future__ import annotations

import bisect
import csv
import datetime as dt
import html
import io
import re
import tempfile
import uuid
from pathlib import Path

from .settings import Settings
from .ui_text import BATCH, LANGUAGES, VERDICT

SEVERITY_ZH = VERDICT["zh"]["severity"]
SEVERITY_MARK = {"error": "🔴", "warning": "🟠", "suggestion": "⚪"}
PLAN_GOAL = {"zh": "共同目标", "en": "Shared goal"}
LONG_DRAFT = 2000  # characters; longer than any group post
MAX_MARKED = 200  # places marked in the draft (a phrase pasted 200,000 times is not 200,000 marks)
MAX_LISTED = 20  # phrases explained under it; the rest are counted
BATCH_CAP = 5000  # posts checked from one file
rank = {"error": 0, "warning": 1, "suggestion": 2}

# --- rendering model and corpus text safely ---------------------------------------------------------
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)]*)\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\(([^)]*)\)")
_MD_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+.*$", re.M)
_URL = re.compile(r"(?<!`)\b((?:https?|ftp)://[^\s`<>]+|www\.[^\s`<>]+)")


def safe_markdown(text: str) -> str:
    """Text from a model or an article, made safe to render as Markdown.

    No raw HTML (escaped), no images (removed: an image makes the browser fetch from any host, a known
    way to leak chat data), no clickable links (shown as code text).
    """
    text = html.escape(str(text), quote=False)
    text = _MD_REF_DEF.sub("", text)
    text = _MD_IMAGE.sub(lambda m: f"[图片已移除:{m.group(1)}]" if m.group(1) else "[图片已移除]", text)
    text = _MD_LINK.sub(lambda m: f"{m.group(1)}(`{m.group(2).replace('`', '')}`)", text)
    return _URL.sub(lambda m: f"`{m.group(1)}`", text)


def _answer_md(text: str) -> str:
    """An answer made safe, with its quoted lines ("> ") still shown as quotes. The offline notice it
    starts with is set apart (small, and left out when the answer is copied)."""
    md = re.sub(r"(?m)^&gt; ", "> ", safe_markdown(text))
    m = re.match(r"(([((])离线模式[^\n]*)\n+", md)
    if m:
        md = f'<div class="answer-extra">{m.group(1)}</div>\n\n' + md[m.end():]
    return md


def _extra_md(md: str) -> str:
    """What sits under an answer but is not part of it (draft check, notices): left out of a copy."""
    return f'\n\n<div class="answer-extra">\n\n{md.strip()}\n\n</div>' if md.strip() else ""


def _sources_md(citations, answer: str = "", lang: str = "zh") -> str:
    """Sources folded under 「查看出处(N)」: the article's title and section, then the passage.
    A passage the answer already quotes is not repeated."""
    def quoted(c) -> bool:
        core = c.excerpt.strip(". …")[:30]
        return len(core) >= 10 and core in answer

    citations = [c for c in (citations or []) if not quoted(c)]
    if not citations:
        return ""
    items = [_citation_html(i, c, lang) for i, c in enumerate(citations, 1)]
    summary = f"Sources ({len(citations)})" if lang == "en" else f"查看出处({len(citations)})"
    return f"\n\n<details><summary>{summary}</summary>\n\n{''.join(items)}\n\n</details>"


def _citation_html(i: int, c, lang: str) -> str:
    """[i] title › heading, then the passage, in the reader's language (source_gloss)."""
    from .source_gloss import heading_shown, passage_shown, title_shown

    heading = heading_shown(c.title, getattr(c, "heading", "") or "", lang)
    where = html.escape(title_shown(c.title, lang)) + (f" › {html.escape(heading)}" if heading else "")
    passage = passage_shown(c.title, getattr(c, "heading", "") or "", c.excerpt, lang)
    return f"<p><b>[{i}] {where}</b><br>{html.escape(passage)}</p>"


def _findings_md(findings: list[dict], lang: str = "zh") -> str:
    if not findings:
        return ""
    if lang == "en":  # the draft's findings are already in its language (guard: message_en)
        return "\n".join(["", "", "**Draft check**: some wording may slide into market norms"] + [
            f"- `{f['code']}` {f['severity']} “{safe_markdown(f['excerpt'])}”: {safe_markdown(f['message'])}. "
            f"Suggestion: {safe_markdown(f['suggestion'])}" for f in findings])
    lines = ["", "", "**草稿检查**:发现可能滑向市场规范的表达"]
    for f in findings:
        lines.append(f"- `{f['code']}` {SEVERITY_ZH.get(f['severity'], f['severity'])}「{safe_markdown(f['excerpt'])}」:"
                     f"{safe_markdown(f['message'])}。建议:{safe_markdown(f['suggestion'])}")
    return "\n".join(lines)


def _section(title: str, body: str, *, open_: bool = False) -> str:
    return f"<details{' open' if open_ else ''}><summary>{title}</summary>\n\n{body}\n\n</details>"


def plan_sections(plan) -> str:
    """The plan as a phone reads it: the goal and why on top, then short folded sections (in the plan's language)."""
    from .exports import group_type_shown, plan_words

    k, w = plan.keys, plan_words(plan)
    c = w["colon"]
    esc = safe_markdown
    head = [f"### {w['goal']}{c}{esc(plan.goal)}", ""]
    if plan.notices:
        head += [_extra_md("\n".join(f"- {esc(n)}" for n in plan.notices)).strip(), ""]
    head += [f"**{w['ideal']}** {esc(plan.ideal)}", "", f"**{w['gap']}** {esc(plan.gap)}", "",
             f"**{w['type']}** {esc(group_type_shown(plan))}{c}{esc(plan.group_type_reason)}"]
    keys = "\n".join([f"- **{w['vision']}**{c}{esc(k.vision)}", f"- **{w['threshold']}**{c}{esc(k.threshold)}",
                      f"- **{w['rules']}**{c}", *[f"  - {esc(r)}" for r in k.rules], f"- **{w['activities']}**{c}",
                      *[f"  - {esc(a)}" for a in k.activities], f"- **{w['benefits']}**{c}",
                      *[f"  - {esc(b)}" for b in k.benefits]])
    names = "、".join((w["vision"], w["threshold"], w["rules"], w["activities"], w["benefits"])) if c == ":" else \
        ", ".join((w["vision"], w["threshold"], w["rules"], w["activities"], w["benefits"])).lower()
    parts = ["\n".join(head), _section(f"{w['keys']}{c}{names}", keys, open_=True),
             _section(f"{w['pitfalls']}{' ' if c == ': ' else ''}({len(plan.pitfalls)})", "\n".join(f"- {esc(p)}" for p in plan.pitfalls))]
    if plan.citations:
        lang = "en" if c == ": " else "zh"
        cites = "".join(_citation_html(i, x, lang) for i, x in enumerate(plan.citations, 1))
        parts.append(_section(f"{w['sources']}{' ' if lang == 'en' else ''}({len(plan.citations)})", cites))
    return "\n\n".join(parts)


_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day_cards(cal) -> str:
    """The week as day cards: date, activity and topic, then the post in a box with a copy button
    (a code block copies exactly the post, no markup)."""
    from .exports import CAL_WORDS, cal_words

    en = cal_words(cal) is CAL_WORDS["en"]
    parts = []
    for d in cal.days:
        day = dt.date.fromisoformat(d.date)
        when = f"{_MONTHS_EN[day.month - 1]} {day.day}" if en else f"{day.month}月{day.day}日"
        fence = "`" * max(3, max((len(m) for m in re.findall(r"`+", d.post)), default=0) + 1)
        parts.append(f"#### {when} {safe_markdown(d.weekday)} · {safe_markdown(d.topic)}\n\n"
                     f"{fence}text\n{d.post}\n{fence}")
    return "\n\n".join(parts)


def _group_arg(choice: str | None) -> str | None:
    return None if not choice or choice.startswith(("自动", "目标群")) else choice


# --- handlers (plain functions, testable without a browser) -------------------------------------------
class Handlers:
    def __init__(self, settings: Settings, chat_model=None) -> None:
        self.settings = settings
        self.chat_model = chat_model
        self.out_dir = Path(tempfile.mkdtemp(prefix="community-assistant-"))

    def assistant(self):
        from .chains import Assistant

        return Assistant(self.settings, chat_model=self.chat_model)  # one per request: no shared state

    def status(self, lang: str = "zh") -> str:
        """The status line in plain words: offline or which model, and how many articles answer."""
        from .retrieval import get_searcher

        en = lang == "en"
        a = self.assistant()
        try:
            articles = len(get_searcher(self.settings).sources())
            source = (f"answers come from {articles} articles on running communities" if en
                      else f"内容来自 {articles} 篇社群运营文章")
        except Exception as e:  # noqa: BLE001 - the page still opens
            source = f"the article library cannot be opened: {e}" if en else f"文章库暂时打不开:{e}"
        if en:
            who = "Offline version" if not a.online else f"Written by the model {a.mode}"
        else:
            who = "离线版" if not a.online else f"由模型 {a.mode} 撰写"
        return f"<span class='status-line'>{html.escape(who)}{': ' if en else ':'}{html.escape(source)}</span>"

    def chat(self, message: str, history: list, shop: str = ""):
        """Stream the answer; sources (and a draft check for posts) are appended under it.

        ``shop`` is the owner's description from the top of the page: the chat knows the business."""
        history = list(history or [])
        message = (message or "").strip()
        if not message:
            yield history, ""
            return
        from .planner import PlannerError

        a = self.assistant()
        history = history + [{"role": "user", "content": message}, {"role": "assistant", "content": ""}]
        past = history[:-2]
        if shop and shop.strip():  # told once at the top of the page; the answers build on it
            from .text import language_of

            told = (("My shop: {}", "Got it, I'll answer for your shop.") if language_of(shop) == "en"
                    else ("我的店:{}", "好的,我会按你的店来回答。"))
            past = [{"role": "user", "content": told[0].format(shop.strip())},
                    {"role": "assistant", "content": told[1]}, *past]
        text = ""
        try:
            answer = a.stream(message, past, where="web")
            for piece in answer:
                text += piece
                history[-1] = {"role": "assistant", "content": _answer_md(text)}
                yield history, ""
        except PlannerError as e:
            history[-1] = {"role": "assistant", "content": safe_markdown(str(e))}
            yield history, message
            return
        result = answer.result
        from .text import language_of

        lang = language_of(message)
        below = _findings_md(result.findings, lang) if result else ""
        if result and result.notices:
            below += "\n\n" + "\n".join(f"_{safe_markdown(n)}_" for n in result.notices)
        extra = (_sources_md(result.citations, text, lang) if result else "") + _extra_md(below)
        history[-1] = {"role": "assistant", "content": _answer_md(text) + extra}
        yield history, message if result and result.failed else ""  # keep the question to retry

    def goal(self, business: str, group_choice: str, members: str = "", ideal: str = "", gap: str = "",
             pays: str = "", frequency: str = "") -> str:
        """The plan as Markdown (see :meth:`goal_view`, which also returns the goal itself)."""
        return self.goal_view(business, group_choice, members, ideal, gap, pays, frequency)[0]

    def goal_view(self, business: str, group_choice: str, members: str = "", ideal: str = "", gap: str = "",
                  pays: str = "", frequency: str = "") -> tuple[str, str]:
        """The plan as short sections (Markdown) and the goal; see :meth:`goal_page` for the download too."""
        md, goal, _path = self.goal_page(business, group_choice, members, ideal, gap, pays, frequency)
        return md, goal

    def goal_page(self, business: str, group_choice: str, members: str = "", ideal: str = "", gap: str = "",
                  pays: str = "", frequency: str = "") -> tuple[str, str, str | None]:
        """What the 目标 tab shows: the plan in short sections, the goal, and the plan as a Markdown file."""
        from .exports import plan_file_name, plan_to_markdown
        from .planner import PlannerError

        answers = {k: v for k, v in (("members", members), ("ideal", ideal), ("gap", gap), ("pays", pays),
                                     ("frequency", frequency)) if v and v.strip()}
        try:
            plan = self.assistant().derive_goal(business, group_type=_group_arg(group_choice), answers=answers)
        except PlannerError as e:
            return f"**{safe_markdown(str(e))}**", "", None
        folder = self.out_dir / uuid.uuid4().hex[:12]
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / plan_file_name(plan)
        path.write_text(plan_to_markdown(plan), encoding="utf-8")
        return plan_sections(plan), plan.goal, str(path)

    def calendar(self, business: str, goal: str, start: str, days: float, group_choice: str = "自动判断"):
        """Rows, the three download paths and the info line (see :meth:`calendar_view` for the cards)."""
        rows, _cards, *rest = self.calendar_view(business, goal, start, days, group_choice=group_choice)
        return (rows, *rest)

    def calendar_view(self, business: str, goal: str, start: str, days: float, launch: bool = False,
                      group_choice: str = "自动判断"):
        """Everything the 周历 tab shows, returned (no state kept here: several people use one page).

        ``group_choice`` is the 群的类型 dropdown, as on the 目标 tab: 自动判断 (or nothing) keeps the week as it was;
        a kind of group makes the week that kind's (a flash group's few days, a delivery group's weeks)."""
        from .errors import InputError
        from .exports import CAL_WORDS, cal_words, export_name, render_calendar
        from .planner import activity_shown
        from .text import language_of

        empty = ([], "", None, None, None, "")
        start_date, past = None, None
        if start and start.strip():
            from .dates import parse_date, past_start_notice
            from .errors import InputError

            try:
                start_date = parse_date(start)
            except InputError as e:
                return (*empty[:5], f"**{safe_markdown(str(e))}**")
            past = past_start_notice(start, start_date, lang=language_of(business) if isinstance(business, str) else "zh")
        try:
            cal = self.assistant().weekly_calendar(business, goal=goal or None, start=start_date, days=int(days or 7),
                                                   launch=bool(launch), group_type=_group_arg(group_choice))
        except InputError as e:  # a bad description or answer; from a script, a kind of group the page does not offer
            return (*empty[:5], f"**{safe_markdown(str(e))}**")
        words = cal_words(cal)
        rows = [[d.date, d.weekday, activity_shown(d.type, "en" if words is CAL_WORDS["en"] else "zh", cal.business),
                 d.topic, d.post]
                for d in cal.days]
        folder = self.out_dir / uuid.uuid4().hex[:12]  # one folder per week: readable names never collide
        folder.mkdir(parents=True, exist_ok=True)
        paths = []
        for fmt in ("md", "csv", "ics"):
            data = render_calendar(cal, fmt)
            p = folder / export_name(cal, fmt)
            p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
            paths.append(str(p))
        info = f"**{PLAN_GOAL[language_of(cal.business)]}{words['colon']}{safe_markdown(cal.goal)}**"
        notices = ([past] if past else []) + list(cal.notices)
        if notices:
            info += "\n\n" + "\n".join(f"- {safe_markdown(n)}" for n in notices)
        return rows, day_cards(cal), *paths, info

    @staticmethod
    def calendar_headers(business: str) -> list[str]:
        """The week table's column names, in the language the week is written in (the description's)."""
        from .exports import CAL_WORDS
        from .text import language_of

        w = CAL_WORDS["en" if isinstance(business, str) and language_of(business) == "en" else "zh"]
        return [w["date"], w["weekday"], w["type"], w["topic"], w["post"]]

    def lint(self, text: str, group_choice: str):
        """(highlighted spans, verdict Markdown) for one draft; the verdict reads in the post's language."""
        from .guard import lint_post
        from .text import language_of

        if not text or not text.strip():
            return [], VERDICT["zh"]["empty"]
        v = VERDICT[language_of(text)]
        sev = v["severity"]
        report = lint_post(text, group_type=_group_arg(group_choice), voice="owner")
        spans: list[tuple[str, str | None]] = []
        # Where findings overlap, the most severe one is the one shown; at most MAX_MARKED places are marked.
        # The places kept never overlap, so ordered by start their ends are ordered too: one neighbour to check.
        starts: list[int] = []
        by_start: dict[int, object] = {}
        for f in sorted(report.findings, key=lambda f: (rank[f.severity], f.start)):
            if len(starts) >= MAX_MARKED:
                break
            i = bisect.bisect_left(starts, f.end) - 1  # the last kept place starting before f ends
            if i >= 0 and by_start[starts[i]].end > f.start:
                continue
            if f.start in by_start:  # an empty span at a kept start
                continue
            bisect.insort(starts, f.start)
            by_start[f.start] = f
        placed = [by_start[s] for s in starts]
        pos = 0
        for f in placed:
            if f.start > pos:
                spans.append((text[pos:f.start], None))
            spans.append((text[f.start:f.end], f"{f.code} {sev[f.severity]}"))
            pos = f.end
        if pos < len(text):
            spans.append((text[pos:], None))
        notes = [v["long"].format(n=len(text))] if len(text) > LONG_DRAFT else []
        if not report.findings:
            return spans, "\n\n".join([v["clean"], *notes])
        if len(placed) < len(report.findings) and len(placed) == MAX_MARKED:
            notes.append(v["marked_some"].format(k=len(placed), n=len(report.findings)))
        lines = [v["flagged"] if report.flagged else v["noted"], *notes, ""]
        groups: dict[tuple[str, str], list] = {}
        for f in sorted(report.findings, key=lambda f: (rank[f.severity], f.start)):
            groups.setdefault((f.code, f.excerpt), []).append(f)
        c = v["colon"]
        listed = list(groups.items())
        rest = listed[MAX_LISTED:]
        for (code, excerpt), fs in listed[:MAX_LISTED]:
            f = fs[0]
            times = v["times"].format(n=len(fs)) if len(fs) > 1 else ""
            lines.append(f"- {SEVERITY_MARK[f.severity]} 「{safe_markdown(excerpt)}」{times}{c}{safe_markdown(f.message)}"
                         f" <sub>{code} · {sev[f.severity]}</sub>")
            lines.append(f"  - {v['how']}{c}{safe_markdown(f.suggestion)}")
            lines.append(f"  - {v['why']}{c}{safe_markdown(f.rationale.splitlines()[0])}")
        if rest:
            lines += ["", v["more"].format(k=len(rest), m=sum(len(fs) for _, fs in rest))]
        return spans, "\n".join(lines)

    def rewrite(self, text: str, group_choice: str) -> str:
        """A draft to edit and send by hand (never sent anywhere)."""
        from .rewrite import rewrite_post

        if not text or not text.strip():
            return ""
        r = rewrite_post(text, group_type=_group_arg(group_choice), settings=self.settings,
                         chat_model=self.chat_model, voice="owner")
        return r.text

    def lint_batch(self, file_path: str | None, group_choice: str, page: str | None = None):
        """Rows (flagged first) and a note; :meth:`lint_batch_view` also returns the CSV's path."""
        rows, note, _csv = self.lint_batch_view(file_path, group_choice, page)
        return rows, note

    @staticmethod
    def batch_headers(page: str | None = None) -> list[str]:
        """The batch table's column names in the page's language (a choice of :data:`ui_text.LANGUAGES`)."""
        return list(BATCH[LANGUAGES.get(page or "", "zh")]["headers"])

    def lint_batch_view(self, file_path: str | None, group_choice: str, page: str | None = None):
        """Rows, note and the CSV's path for a file of posts. The words around the findings (note, yes/no, the CSV's
        headers and name) are in ``page``'s language (中文/English, the page's switch); without one, in the posts'."""
        from .corpus import CorpusError, read_text
        from .guard import lint_post
        from .text import language_of

        lang = LANGUAGES.get(page or "")
        if not file_path:
            return [], BATCH[lang or "zh"]["upload"], None
        path = Path(file_path)
        try:
            text = read_text(path)
        except CorpusError as e:
            message = e.in_language(lang or "zh").replace(str(path.parent) + "/", "")
            return [], f"**{safe_markdown(message)}**", None
        if path.suffix.lower() == ".csv":
            rows = list(csv.reader(io.StringIO(text)))
            col = 0
            if rows and any(h.strip().lower() in ("text", "post", "帖子", "内容") for h in rows[0]):
                col = next(i for i, h in enumerate(rows[0]) if h.strip().lower() in ("text", "post", "帖子", "内容"))
                rows = rows[1:]
            posts = [r[col] for r in rows if len(r) > col and r[col].strip()]
        else:
            posts = [line for line in text.splitlines() if line.strip()]
        w = BATCH[lang or language_of("\n".join(posts[:200]))]
        out, flags = [], []
        for i, p in enumerate(posts[:BATCH_CAP], 1):
            r = lint_post(p, group_type=_group_arg(group_choice), voice="owner")
            shown = [f for f in r.findings if f.severity != "suggestion"] if r.flagged else []
            reason = f"「{shown[0].excerpt}」{shown[0].message}" if shown else ""
            flags.append(r.flagged)
            out.append([i, p[:80], w["yes"] if r.flagged else w["no"], reason,
                        " ".join(sorted({f.code for f in shown}))])
        out.sort(key=lambda row: (not flags[row[0] - 1], row[0]))  # the posts to rewrite first
        note = w["note"].format(n=len(out), k=sum(flags)) + (w["capped"].format(cap=BATCH_CAP) if len(posts) > BATCH_CAP else "")
        folder = self.out_dir / uuid.uuid4().hex[:12]
        folder.mkdir(parents=True, exist_ok=True)
        csv_path = folder / w["file"].format(stem=path.stem)
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(w["csv_headers"])
        writer.writerows(out)
        csv_path.write_bytes(buf.getvalue().encode("utf-8-sig"))
        return out, note, str(csv_path)


