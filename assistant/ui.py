"""The web page (Gradio): 对话 / 目标 / 周历 / 草稿检查. Built by :func:`build_app`; nothing runs at import."""
from __future__ import annotations

import csv
import datetime as dt
import html
import io
import re
import tempfile
import uuid
from pathlib import Path

from . import group_types
from .errors import ConfigError, ServiceError
from .settings import Settings

EXAMPLES = [
    "我在社区开了一家健身房,会员大多是附近上班族,群里没人说话怎么办?",
    "快闪群和超级用户群有什么区别?我该建哪种?",
    "帮我写一条欢迎新人的群帖,我开的是一家独立书店",
    "群规应该怎么定?要不要设门槛?",
]
GROUP_CHOICES = ["自动判断", *group_types.labels()]
LINT_GROUP_CHOICES = ["目标群(默认)", *group_types.labels()]
SEVERITY_ZH = {"error": "错误", "warning": "警告", "suggestion": "提示"}
SEVERITY_MARK = {"error": "🔴", "warning": "🟠", "suggestion": "⚪"}
LONG_DRAFT = 2000  # characters; longer than any group post
rank = {"error": 0, "warning": 1, "suggestion": 2}
CSS = """
.status-line {font-size: 0.95em}
/* Phone first: a day's post wraps inside its card instead of scrolling sideways. */
#cal-cards pre, #cal-cards code {white-space: pre-wrap !important; word-break: break-word; overflow-x: hidden}
#cal-cards h4 {margin-top: 1.2em}
footer {display: none !important}
"""

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
    """An answer made safe, with its quoted lines ("> ") still shown as quotes."""
    return re.sub(r"(?m)^&gt; ", "> ", safe_markdown(text))


def _sources_md(citations, answer: str = "") -> str:
    """Sources folded under 「查看出处(N)」: the article's title and section, then the passage.
    A passage the answer already quotes is not repeated."""
    def quoted(c) -> bool:
        core = c.excerpt.strip(". …")[:30]
        return len(core) >= 10 and core in answer

    citations = [c for c in (citations or []) if not quoted(c)]
    if not citations:
        return ""
    items = []
    for i, c in enumerate(citations, 1):
        where = f"《{html.escape(c.title)}》" + (f" › {html.escape(c.heading)}" if getattr(c, "heading", "") else "")
        items.append(f"<p><b>[{i}] {where}</b><br>{html.escape(c.excerpt)}</p>")
    return f"\n\n<details><summary>查看出处({len(citations)})</summary>\n\n{''.join(items)}\n\n</details>"


def _findings_md(findings: list[dict]) -> str:
    if not findings:
        return ""
    lines = ["", "", "**草稿检查**:发现可能滑向市场规范的表达"]
    for f in findings:
        lines.append(f"- `{f['code']}` {SEVERITY_ZH.get(f['severity'], f['severity'])}「{safe_markdown(f['excerpt'])}」:"
                     f"{safe_markdown(f['message'])}。建议:{safe_markdown(f['suggestion'])}")
    return "\n".join(lines)


def day_cards(cal) -> str:
    """The week as day cards: date, activity and topic, then the post in a box with a copy button
    (a code block copies exactly the post, no markup)."""
    parts = []
    for d in cal.days:
        day = dt.date.fromisoformat(d.date)
        fence = "`" * max(3, max((len(m) for m in re.findall(r"`+", d.post)), default=0) + 1)
        parts.append(f"#### {day.month}月{day.day}日 {safe_markdown(d.weekday)} · {safe_markdown(d.topic)}\n\n"
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

    def status(self) -> str:
        from .retrieval import get_searcher

        a = self.assistant()
        try:
            articles = len(get_searcher(self.settings).sources())
            source = f"内容来自 {articles} 篇社群运营文章"
        except Exception as e:  # noqa: BLE001 - the page still opens
            source = f"文章库暂时打不开:{e}"
        who = "离线版" if not a.online else f"由模型 {a.mode} 撰写"
        return f"<span class='status-line'>{html.escape(who)}:{html.escape(source)}</span>"

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
            past = [{"role": "user", "content": f"我的店:{shop.strip()}"},
                    {"role": "assistant", "content": "好的,我会按你的店来回答。"}, *past]
        text = ""
        try:
            answer = a.stream(message, past)
            for piece in answer:
                text += piece
                history[-1] = {"role": "assistant", "content": _answer_md(text)}
                yield history, ""
        except PlannerError as e:
            history[-1] = {"role": "assistant", "content": safe_markdown(str(e))}
            yield history, message
            return
        result = answer.result
        extra = _sources_md(result.citations, text) + _findings_md(result.findings) if result else ""
        if result and result.notices:
            extra += "\n\n" + "\n".join(f"_{safe_markdown(n)}_" for n in result.notices)
        history[-1] = {"role": "assistant", "content": _answer_md(text) + extra}
        yield history, message if result and result.failed else ""  # keep the question to retry

    def goal(self, business: str, group_choice: str, members: str = "", ideal: str = "", gap: str = "",
             pays: str = "", frequency: str = "") -> str:
        """The plan as Markdown (see :meth:`goal_view`, which also returns the goal itself)."""
        return self.goal_view(business, group_choice, members, ideal, gap, pays, frequency)[0]

    def goal_view(self, business: str, group_choice: str, members: str = "", ideal: str = "", gap: str = "",
                  pays: str = "", frequency: str = "") -> tuple[str, str]:
        from .exports import plan_to_markdown
        from .planner import PlannerError

        answers = {k: v for k, v in (("members", members), ("ideal", ideal), ("gap", gap), ("pays", pays),
                                     ("frequency", frequency)) if v and v.strip()}
        try:
            plan = self.assistant().derive_goal(business, group_type=_group_arg(group_choice), answers=answers)
        except PlannerError as e:
            return f"**{safe_markdown(str(e))}**", ""
        return safe_markdown(plan_to_markdown(plan)).replace("&gt; ", "> "), plan.goal

    def calendar(self, business: str, goal: str, start: str, days: float):
        """Rows, the three download paths and the info line (see :meth:`calendar_view` for the cards)."""
        rows, _cards, *rest = self.calendar_view(business, goal, start, days)
        return (rows, *rest)

    def calendar_view(self, business: str, goal: str, start: str, days: float):
        """Everything the 周历 tab shows, returned (no state kept here: several people use one page)."""
        from .exports import export_name, render_calendar
        from .planner import PlannerError

        empty = ([], "", None, None, None, "")
        start_date = None
        if start and start.strip():
            from .dates import parse_date
            from .errors import InputError

            try:
                start_date = parse_date(start)
            except InputError as e:
                return (*empty[:5], f"**{safe_markdown(str(e))}**")
        try:
            cal = self.assistant().weekly_calendar(business, goal=goal or None, start=start_date, days=int(days or 7))
        except PlannerError as e:
            return (*empty[:5], f"**{safe_markdown(str(e))}**")
        rows = [[d.date, d.weekday, d.type, d.topic, d.post] for d in cal.days]
        folder = self.out_dir / uuid.uuid4().hex[:12]  # one folder per week: readable names never collide
        folder.mkdir(parents=True, exist_ok=True)
        paths = []
        for fmt in ("md", "csv", "ics"):
            data = render_calendar(cal, fmt)
            p = folder / export_name(cal, fmt)
            p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
            paths.append(str(p))
        info = f"**共同目标:{safe_markdown(cal.goal)}**"
        if cal.notices:
            info += "\n\n" + "\n".join(f"- {safe_markdown(n)}" for n in cal.notices)
        return rows, day_cards(cal), *paths, info

    def lint(self, text: str, group_choice: str):
        from .guard import lint_post

        if not text or not text.strip():
            return [], "请先粘贴一条帖子。"
        report = lint_post(text, group_type=_group_arg(group_choice))
        spans: list[tuple[str, str | None]] = []
        # Where findings overlap, the most severe one is the one shown.
        placed: list = []
        for f in sorted(report.findings, key=lambda f: (rank[f.severity], f.start)):
            if not any(f.start < g.end and f.end > g.start for g in placed):
                placed.append(f)
        pos = 0
        for f in sorted(placed, key=lambda f: f.start):
            if f.start > pos:
                spans.append((text[pos:f.start], None))
            spans.append((text[f.start:f.end], f"{f.code} {SEVERITY_ZH[f.severity]}"))
            pos = f.end
        if pos < len(text):
            spans.append((text[pos:], None))
        notes = []
        if len(text) > LONG_DRAFT:
            notes.append(f"这段有 {len(text)} 字,比一条群帖长得多;如果是好几条帖子,请存成 .txt(每行一条)用下面的批量检查。")
        if not report.findings:
            return spans, "\n\n".join(["✅ 没有发现市场规范信号。", *notes])
        head = "❌ **这条会让群滑向广告群,建议改写后再发**" if report.flagged else "⚠️ 有几处值得留意的表达(不算广告)"
        lines = [head, *notes, ""]
        groups: dict[tuple[str, str], list] = {}
        for f in sorted(report.findings, key=lambda f: (rank[f.severity], f.start)):
            groups.setdefault((f.code, f.excerpt), []).append(f)
        for (code, excerpt), fs in groups.items():
            f = fs[0]
            times = f"(出现 {len(fs)} 次)" if len(fs) > 1 else ""
            lines.append(f"- {SEVERITY_MARK[f.severity]} 「{safe_markdown(excerpt)}」{times}:{safe_markdown(f.message)}"
                         f" <sub>{code} · {SEVERITY_ZH[f.severity]}</sub>")
            lines.append(f"  - 怎么改:{safe_markdown(f.suggestion)}")
            lines.append(f"  - 为什么:{safe_markdown(f.rationale.splitlines()[0])}")
        return spans, "\n".join(lines)

    def rewrite(self, text: str, group_choice: str) -> str:
        """A draft to edit and send by hand (never sent anywhere)."""
        from .rewrite import rewrite_post

        if not text or not text.strip():
            return ""
        r = rewrite_post(text, group_type=_group_arg(group_choice), settings=self.settings,
                         chat_model=self.chat_model)
        return r.text

    def lint_batch(self, file_path: str | None, group_choice: str):
        """Rows (flagged first) and a note; :meth:`lint_batch_view` also returns the CSV's path."""
        rows, note, _csv = self.lint_batch_view(file_path, group_choice)
        return rows, note

    def lint_batch_view(self, file_path: str | None, group_choice: str):
        from .corpus import CorpusError, read_text
        from .guard import lint_post

        if not file_path:
            return [], "请上传 .txt 或 .csv 文件。", None
        path = Path(file_path)
        try:
            text = read_text(path)
        except CorpusError as e:
            return [], f"**{safe_markdown(str(e).replace(str(path.parent) + '/', ''))}**", None
        if path.suffix.lower() == ".csv":
            rows = list(csv.reader(io.StringIO(text)))
            col = 0
            if rows and any(h.strip().lower() in ("text", "post", "帖子", "内容") for h in rows[0]):
                col = next(i for i, h in enumerate(rows[0]) if h.strip().lower() in ("text", "post", "帖子", "内容"))
                rows = rows[1:]
            posts = [r[col] for r in rows if len(r) > col and r[col].strip()]
        else:
            posts = [line for line in text.splitlines() if line.strip()]
        out = []
        for i, p in enumerate(posts[:5000], 1):
            r = lint_post(p, group_type=_group_arg(group_choice))
            shown = [f for f in r.findings if f.severity != "suggestion"] if r.flagged else []
            reason = f"「{shown[0].excerpt}」{shown[0].message}" if shown else ""
            out.append([i, p[:80], "是" if r.flagged else "否", reason,
                        " ".join(sorted({f.code for f in shown}))])
        out.sort(key=lambda row: (row[2] != "是", row[0]))  # the posts to rewrite first
        flagged = sum(1 for row in out if row[2] == "是")
        note = f"共 {len(out)} 条,{flagged} 条需要改写(排在最前)。" + (" 只检查了前 5000 条。" if len(posts) > 5000 else "")
        folder = self.out_dir / uuid.uuid4().hex[:12]
        folder.mkdir(parents=True, exist_ok=True)
        csv_path = folder / f"草稿检查-{path.stem}.csv"
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(["序号", "帖子", "需要改写", "原因", "规则"])
        w.writerows(out)
        csv_path.write_bytes(buf.getvalue().encode("utf-8-sig"))
        return out, note, str(csv_path)


# --- the page ----------------------------------------------------------------------------------------
def build_app(settings: Settings | None = None, *, chat_model=None):
    """The Blocks of the web page. Nothing is built or loaded before this is called."""
    import gradio as gr

    from .health_ui import health_tab

    settings = settings or Settings.from_env()
    h = Handlers(settings, chat_model)
    with gr.Blocks(title="社群助手", analytics_enabled=False) as demo:
        gr.Markdown("# 社群助手\n用共同目标,而不是红包,把客户群经营成长期的社群。\n\n"
                    "**三步用起来**:① 在下面说说你的店 → ② 到「目标」拿到共同目标和建群方案,到「周历」拿到一周可以直接发的群帖"
                    " → ③ 发帖前到「草稿检查」看一眼。", elem_id="intro")
        status = gr.Markdown(elem_id="status")
        shop = gr.Textbox(label="你的店", placeholder="例如:社区里的面包店,顾客多是附近的宝妈,早上买早餐的多",
                          lines=1, elem_id="shop")
        shop_state = gr.State("")  # a session's shop; State is not an API input, so the chat API keeps its shape
        with gr.Tabs() as tabs:
            with gr.Tab("对话", id="chat"):
                bot = gr.Chatbot(label="对话", height=460, elem_id="chatbot", sanitize_html=True, render_markdown=True,
                                 buttons=["copy"])
                with gr.Row():
                    msg = gr.Textbox(placeholder="问问怎么经营你的群,或者让我帮你写一条群帖", show_label=False,
                                     scale=8, elem_id="chat-input", lines=1, max_lines=6)
                    send = gr.Button("发送", variant="primary", scale=1, elem_id="chat-send")
                gr.Examples(EXAMPLES, inputs=msg, label="可以这样问")
                send.click(h.chat, [msg, bot, shop_state], [bot, msg])
                msg.submit(h.chat, [msg, bot, shop_state], [bot, msg])
            with gr.Tab("目标", id="goal"):
                business = gr.Textbox(label="描述你的生意", placeholder="例如:我在社区开了一家健身房,会员大多是附近上班族",
                                      lines=2, elem_id="goal-business")
                gtype = gr.Dropdown(GROUP_CHOICES, value="自动判断", label="群的类型")
                # The articles' method as a short guided form: answers make the plan fit (all optional).
                with gr.Accordion("回答几个问题,让方案更贴合(可选)", open=False, elem_id="goal-answers"):
                    a_members = gr.Textbox(label="你的客户(群成员)是谁?", placeholder="例如:附近小区带孩子的家长",
                                           elem_id="goal-members")
                    a_ideal = gr.Textbox(label="他们最想得到、但还没得到的是什么?(理想)", elem_id="goal-ideal")
                    a_gap = gr.Textbox(label="是什么挡住了他们?(现实的缺口)", elem_id="goal-gap")
                    a_pays = gr.Textbox(label="他们为什么付费?(买一次、办卡、上课、长期服务)", elem_id="goal-pays")
                    a_freq = gr.Textbox(label="他们多久来一次?", elem_id="goal-frequency")
                go = gr.Button("生成方案", variant="primary", elem_id="goal-run")
                plan_out = gr.Markdown(elem_id="goal-out")
                plan_goal_state = gr.State("")
                to_cal = gr.Button("用这个目标生成周历", visible=False, elem_id="goal-to-calendar")

                def run_goal(biz, group, members, ideal, gap, pays, freq):
                    md, goal_text = h.goal_view(biz, group, members, ideal, gap, pays, freq)
                    return md, goal_text, gr.update(visible=bool(goal_text))

                go.click(run_goal, [business, gtype, a_members, a_ideal, a_gap, a_pays, a_freq],
                         [plan_out, plan_goal_state, to_cal], api_visibility="private")
                # The API keeps its earlier shape: /goal(business, group) -> Markdown; the answers are optional.
                gr.api(h.goal, api_name="goal")
            with gr.Tab("周历", id="calendar"):
                with gr.Row():
                    c_business = gr.Textbox(label="描述你的生意", lines=2, scale=3, elem_id="cal-business")
                    c_goal = gr.Textbox(label="共同目标(可不填,自动推导)", scale=2, elem_id="cal-goal")
                with gr.Row():
                    c_start = gr.Textbox(label="开始日期(如 2026/11/30、11月30日、下周一;默认下周一)", elem_id="cal-start")
                    c_days = gr.Slider(1, 14, value=7, step=1, label="天数")
                c_go = gr.Button("生成周历", variant="primary", elem_id="cal-run")
                c_info = gr.Markdown(elem_id="cal-info")
                cards = gr.Markdown(elem_id="cal-cards")
                with gr.Row():
                    f_md = gr.File(label="Markdown", elem_id="dl-md", visible=False)
                    f_csv = gr.File(label="CSV(Excel)", elem_id="dl-csv", visible=False)
                    f_ics = gr.File(label="日历(.ics,带提醒)", elem_id="dl-ics", visible=False)
                with gr.Accordion("表格视图", open=False, elem_id="cal-table-box"):
                    table = gr.Dataframe(headers=["日期", "星期", "类型", "话题", "群帖"], wrap=True, interactive=False,
                                         elem_id="cal-table")

                def run_calendar(business, goal, start, days):
                    rows, cards_md, md, csv_path, ics, info = h.calendar_view(business, goal, start, days)
                    shown = [gr.update(value=p, visible=bool(p)) for p in (md, csv_path, ics)]
                    return rows, *shown, info, cards_md  # new outputs go last: the API's earlier five keep their places

                cal_outputs = [table, f_md, f_csv, f_ics, c_info, cards]
                c_go.click(run_calendar, [c_business, c_goal, c_start, c_days], cal_outputs, api_name="calendar")
            # One description for every tab; the goal carries over to the week.
            shop.change(lambda v: (v, v, v), shop, [business, c_business, shop_state], api_visibility="private")
            to_cal.click(lambda biz, goal: (gr.Tabs(selected="calendar"), biz, goal), [business, plan_goal_state],
                         [tabs, c_business, c_goal], api_visibility="private").then(
                run_calendar, [c_business, c_goal, c_start, c_days], cal_outputs, api_visibility="private")
            with gr.Tab("草稿检查", id="lint"):
                post = gr.Textbox(label="粘贴一条准备发到群里的帖子", lines=4, elem_id="lint-input")
                l_group = gr.Dropdown(LINT_GROUP_CHOICES, value="目标群(默认)", label="群的类型")
                l_go = gr.Button("检查", variant="primary", elem_id="lint-run")
                marked = gr.HighlightedText(label="标出的位置(规则编号 + 级别)", combine_adjacent=False,
                                            show_legend=True, elem_id="lint-highlight")
                verdict = gr.Markdown(elem_id="lint-verdict")
                l_go.click(h.lint, [post, l_group], [marked, verdict])
                rw_go = gr.Button("改写成这样", elem_id="lint-rewrite")
                rewritten = gr.Textbox(label="改写稿(草稿:看过、改过再发;不会自动发出)", lines=4, buttons=["copy"],
                                       elem_id="lint-rewritten")
                rw_go.click(h.rewrite, [post, l_group], rewritten)
                gr.Markdown("### 批量检查\n上传 .txt(每行一条)或 .csv(第一列或名为 text/帖子 的列)")
                upload = gr.File(file_types=[".txt", ".csv"], label="上传帖子文件", type="filepath", elem_id="lint-upload")
                batch_note = gr.Markdown()
                batch = gr.Dataframe(headers=["#", "帖子", "需要改写", "原因", "规则"], interactive=False, wrap=True)
                batch_csv = gr.File(label="下载检查结果(CSV)", visible=False, elem_id="lint-batch-csv")

                def run_batch(file_path, group_choice):
                    rows, note, csv_path = h.lint_batch_view(file_path, group_choice)
                    return rows, note, gr.update(value=csv_path if rows else None, visible=bool(rows))

                upload.change(run_batch, [upload, l_group], [batch, batch_note, batch_csv], api_name="lint_batch")
            health_tab()
        demo.load(h.status, None, status)
    demo.queue(default_concurrency_limit=16)  # several people chat at once
    return demo


def parse_auth(value: str | None) -> tuple[str, str] | None:
    if not value:
        return None
    user, sep, password = value.partition(":")
    if not sep or not user or not password:
        raise ConfigError("ASSISTANT_AUTH 的格式应为 用户名:密码")
    return user, password


def launch(settings: Settings | None = None, *, host: str | None = None, port: int | None = None,
           chat_model=None, prevent_thread_lock: bool = False):
    """Build the index if needed (with progress), then serve the page."""
    from .health_ui import MAX_UPLOAD_MB
    from .store import Store

    settings = settings or Settings.from_env()
    store = Store(settings)
    if store.count() == 0:
        print("首次启动:正在建立文章索引……", flush=True)
        report = store.ingest(progress=lambda done, total: print(f"  嵌入 {done}/{total}", flush=True))
        print(f"索引完成:{report.summary()}", flush=True)
    demo = build_app(settings, chat_model=chat_model)
    import gradio as gr

    host, port = host or settings.server_name, port or settings.server_port
    try:
        demo.launch(server_name=host, server_port=port,
                    auth=parse_auth(settings.auth), auth_message="请输入社群助手的登录信息", show_error=True,
                    prevent_thread_lock=prevent_thread_lock, css=CSS, theme=gr.themes.Soft(), footer_links=[],
                    max_file_size=f"{MAX_UPLOAD_MB}mb")
    except OSError as e:
        raise ServiceError(f"无法在 {host}:{port} 启动网页(端口被占用或地址不可用),换一个 --port 试试") from e
    return demo


def main() -> None:
    launch()
