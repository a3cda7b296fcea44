"""The web page (Gradio): 对话 / 目标 / 周历 / 草稿检查. Built by :func:`build_app`; nothing runs at import."""
from __future__ import annotations

from . import group_types
from .errors import ConfigError, ServiceError
from .settings import Settings
from .ui_handlers import Handlers, safe_markdown  # noqa: F401 - safe_markdown is part of the page's API

EXAMPLES = [
    "我在社区开了一家健身房,会员大多是附近上班族,群里没人说话怎么办?",
    "快闪群和超级用户群有什么区别?我该建哪种?",
    "帮我写一条欢迎新人的群帖,我开的是一家独立书店",
    "群规应该怎么定?要不要设门槛?",
]
GROUP_CHOICES = ["自动判断", *group_types.labels()]
LINT_GROUP_CHOICES = ["目标群(默认)", *group_types.labels()]
CSS = """
.status-line {font-size: 0.95em}
/* Phone first: a day's post wraps inside its card instead of scrolling sideways. */
#cal-cards pre, #cal-cards code {white-space: pre-wrap !important; word-break: break-word; overflow-x: hidden}
#cal-cards h4 {margin-top: 1.2em}
footer {display: none !important}
.answer-extra {color: var(--body-text-color-subdued)}
/* Contrast of at least 4.5:1 for what people read and press; a focus ring they can see. */
textarea::placeholder, input::placeholder {color: #5b6270 !important; opacity: 1}
[data-testid="block-info"], .label-wrap span, .block-label span {color: #312e81 !important}
button.primary, .primary {background: #4338ca !important; border-color: #4338ca !important; color: #fff !important}
textarea:focus-visible, input:focus-visible, button:focus-visible, summary:focus-visible, a:focus-visible
  {outline: 3px solid #1d4ed8 !important; outline-offset: 2px}
textarea:focus, input:focus {box-shadow: 0 0 0 3px #1d4ed8 !important}
/* Nothing in a result under 14 px (Gradio shrinks nested lists and small print). */
:is(#goal-out, #cal-cards, #cal-info, #chatbot, #lint-verdict) :is(li, p, summary, code, pre, span, small, sub, sup, em, strong, b, a, .answer-extra)
  {font-size: max(14px, 1em)}
"""

# After an answer, the view rests at its first line (not at the bottom of its sources).
REST_AT_ANSWER_JS = """() => { setTimeout(() => {
  const bots = document.querySelectorAll('#chatbot [data-testid="bot"]');
  const last = bots[bots.length - 1];
  if (last) last.scrollIntoView({block: 'start', behavior: 'instant'});
}, 80); }"""
# When a question is sent: show it and the start of the answer as it arrives (the chat does not
# follow the stream to its end, so the answer is read from its first line).
SHOW_QUESTION_JS = """() => { setTimeout(() => {
  const users = document.querySelectorAll('#chatbot [data-testid="user"]');
  const last = users[users.length - 1];
  if (last) last.scrollIntoView({block: 'start', behavior: 'instant'});
}, 300); }"""
# What a person would paste: the last answer as it reads on screen, without the folded sources,
# the draft check and the notices under it.
COPY_ANSWER_JS = r"""async () => {
  const bots = document.querySelectorAll('#chatbot [data-testid="bot"]');
  const last = bots[bots.length - 1];
  if (!last) return;
  const hide = [...last.querySelectorAll('details, .answer-extra, button')];
  hide.forEach(e => { e.dataset.display = e.style.display; e.style.display = 'none'; });
  const text = last.innerText.replace(/\n{3,}/g, '\n\n').trim();
  hide.forEach(e => { e.style.display = e.dataset.display || ''; });
  try { await navigator.clipboard.writeText(text); } catch (e) { window.__copied_fallback = text; }
  window.__copied = text;
  const b = document.querySelector('#chat-copy');
  if (b) { const t = b.innerText; b.innerText = '已复制'; setTimeout(() => { b.innerText = t; }, 1500); }
}"""


# The whole plan as plain text, folded sections included.
COPY_PLAN_JS = r"""async () => {
  const box = document.querySelector('#goal-out');
  if (!box) return;
  const folded = [...box.querySelectorAll('details:not([open])')];
  folded.forEach(d => d.open = true);
  const text = box.innerText.replace(/\n{3,}/g, '\n\n').trim();
  folded.forEach(d => d.open = false);
  try { await navigator.clipboard.writeText(text); } catch (e) { window.__copied_fallback = text; }
  window.__copied = text;
  const b = document.querySelector('#goal-copy');
  if (b) { const t = b.innerText; b.innerText = '已复制'; setTimeout(() => { b.innerText = t; }, 1500); }
}"""


def page_theme(gr):
    """16 px base text (text_lg: body 16, small 14): read on a phone without zooming, and iOS does not
    zoom into a text box whose text is 16 px."""
    return gr.themes.Soft(text_size=gr.themes.sizes.text_lg)


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
                # Sized to the screen (a phone too); the copy button below copies plain text, not Markdown.
                bot = gr.Chatbot(label="对话", height="68vh", min_height=320, elem_id="chatbot", sanitize_html=True,
                                 render_markdown=True, buttons=[], autoscroll=False)
                with gr.Row():
                    msg = gr.Textbox(placeholder="问问怎么经营你的群,或者让我帮你写一条群帖", show_label=False,
                                     scale=8, elem_id="chat-input", lines=1, max_lines=6)
                    send = gr.Button("发送", variant="primary", scale=1, elem_id="chat-send")
                copy = gr.Button("复制这条回答(纯文本)", size="sm", elem_id="chat-copy")
                gr.Examples(EXAMPLES, inputs=msg, label="可以这样问")
                for trigger in (send.click, msg.submit):
                    trigger(h.chat, [msg, bot, shop_state], [bot, msg]).then(None, None, None, js=REST_AT_ANSWER_JS)
                    trigger(None, None, None, js=SHOW_QUESTION_JS)
                copy.click(None, None, None, js=COPY_ANSWER_JS)
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
                with gr.Row():
                    to_cal = gr.Button("用这个目标生成周历", visible=False, elem_id="goal-to-calendar", variant="primary")
                    plan_copy = gr.Button("复制方案", visible=False, elem_id="goal-copy", size="sm")
                plan_file = gr.File(label="下载方案(Markdown)", visible=False, elem_id="goal-download")

                def run_goal(biz, group, members, ideal, gap, pays, freq):
                    md, goal_text, path = h.goal_page(biz, group, members, ideal, gap, pays, freq)
                    shown = gr.update(visible=bool(goal_text))
                    return md, goal_text, shown, shown, gr.update(value=path, visible=bool(path))

                go.click(run_goal, [business, gtype, a_members, a_ideal, a_gap, a_pays, a_freq],
                         [plan_out, plan_goal_state, to_cal, plan_copy, plan_file], api_visibility="private")
                plan_copy.click(None, None, None, js=COPY_PLAN_JS)
                # The API keeps its earlier shape: /goal(business, group) -> Markdown; the answers are optional.
                gr.api(h.goal, api_name="goal")
            with gr.Tab("周历", id="calendar"):
                with gr.Row():
                    c_business = gr.Textbox(label="描述你的生意", lines=2, scale=3, elem_id="cal-business")
                    c_goal = gr.Textbox(label="共同目标(可不填,自动推导)", scale=2, elem_id="cal-goal")
                with gr.Row():
                    c_start = gr.Textbox(label="开始日期(如 2026/11/30、11月30日、下周一;默认下周一)", elem_id="cal-start")
                    c_pick = gr.DateTime(include_time=False, type="string", label="或在日历上选", elem_id="cal-pick")
                    c_days = gr.Slider(1, 14, value=7, step=1, label="天数")
                c_launch = gr.Checkbox(value=False, label="这是新建的群:第一周做开群周(欢迎仪式、一起定群规和群名)",
                                       elem_id="cal-launch")
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

                def run_calendar(business, goal, start, days, launch=False):
                    rows, cards_md, md, csv_path, ics, info = h.calendar_view(business, goal, start, days, launch)
                    shown = [gr.update(value=p, visible=bool(p)) for p in (md, csv_path, ics)]
                    return rows, *shown, info, cards_md  # new outputs go last: the API's earlier five keep their places

                c_pick.change(lambda v: (v or "")[:10], c_pick, c_start, api_visibility="private")
                cal_outputs = [table, f_md, f_csv, f_ics, c_info, cards]
                # The API keeps /calendar(business, goal, start, days); `launch` is an optional fifth input.
                c_go.click(run_calendar, [c_business, c_goal, c_start, c_days, c_launch], cal_outputs, api_name="calendar")
            # One description for every tab; the goal carries over to the week.
            shop.change(lambda v: (v, v, v), shop, [business, c_business, shop_state], api_visibility="private")
            to_cal.click(lambda biz, goal: (gr.Tabs(selected="calendar"), biz, goal), [business, plan_goal_state],
                         [tabs, c_business, c_goal], api_visibility="private").then(
                run_calendar, [c_business, c_goal, c_start, c_days, c_launch], cal_outputs, api_visibility="private")
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
                    prevent_thread_lock=prevent_thread_lock, css=CSS, theme=page_theme(gr), footer_links=[],
                    max_file_size=f"{MAX_UPLOAD_MB}mb")
    except OSError as e:
        raise ServiceError(f"无法在 {host}:{port} 启动网页(端口被占用或地址不可用),换一个 --port 试试") from e
    return demo


def main() -> None:
    launch()
