"""The web page (Gradio): 对话 / 目标 / 周历 / 草稿检查. Built by :func:`build_app`; nothing runs at import."""
from __future__ import annotations

from . import group_types
from .errors import ConfigError, ServiceError
from .settings import Settings
from .ui_handlers import Handlers, safe_markdown  # noqa: F401 - safe_markdown is part of the page's API
from .ui_text import LANGUAGES, TEXT, text_for

EXAMPLES = TEXT["zh"]["example_questions"]  # the chat tab's example questions (both languages in ui_text)
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


def week_kind(goal_choice: str | None) -> str:
    """The 周历 tab's 群的类型 when 「用这个目标生成周历」 carries the 目标 tab's choice over: the same kind, except a
    flash group, whose plan says its goal is for a separate long-running group (自动判断, the week as before)."""
    if not goal_choice or goal_choice == group_types.by_key("flash").label:
        return GROUP_CHOICES[0]
    return goal_choice


def page_theme(gr):
    """16 px base text (text_lg: body 16, small 14): read on a phone without zooming, and iOS does not
    zoom into a text box whose text is 16 px."""
    return gr.themes.Soft(text_size=gr.themes.sizes.text_lg)


# --- the page ----------------------------------------------------------------------------------------
def _switched(gr, key: str, comp, choice: str):
    """The update that puts component ``key`` into the language ``choice`` names."""
    t, zh = text_for(LANGUAGES.get(choice, "zh")), text_for("zh")
    value = t[key]
    if key in ("gtype", "c_gtype", "l_group"):  # shown words change; the values the handlers read stay the same
        shown = t["lint_choices" if key == "l_group" else "group_choices"]
        values = zh["lint_choices" if key == "l_group" else "group_choices"]
        return gr.update(label=value, choices=list(zip(shown, values)))
    if isinstance(value, tuple):
        label, placeholder = value
        return gr.update(placeholder=placeholder) if label is None else gr.update(label=label, placeholder=placeholder)
    if key == "examples":  # the chat's example questions: a new set of samples, not a relabel
        return gr.Dataset(label=value, samples=[[q] for q in t["example_questions"]])
    if key == "h_gtype":
        return gr.update(label=value, choices=list(zip(t["lint_choices"], zh["lint_choices"])))
    if isinstance(comp, (gr.Button, gr.Markdown)):
        return gr.update(value=value)
    return gr.update(label=value)


def build_app(settings: Settings | None = None, *, chat_model=None):
    """The Blocks of the web page. Nothing is built or loaded before this is called."""
    import gradio as gr

    from .health_ui import health_tab

    settings = settings or Settings.from_env()
    h = Handlers(settings, chat_model)
    c: dict = {}  # the components whose words switch with the page's language, by their key in ui_text
    with gr.Blocks(title="社群助手", analytics_enabled=False) as demo:
        t = text_for("zh")
        with gr.Row():
            c["intro"] = gr.Markdown(t["intro"], elem_id="intro")
            ui_lang = gr.Radio(list(LANGUAGES), value="中文", label="界面语言 / Language", elem_id="ui-lang", scale=0,
                               min_width=180)
        status = gr.Markdown(elem_id="status")
        shop = c["shop"] = gr.Textbox(label=t["shop"][0], placeholder=t["shop"][1], lines=1, elem_id="shop")
        shop_state = gr.State("")  # a session's shop; State is not an API input, so the chat API keeps its shape
        with gr.Tabs() as tabs:
            with gr.Tab(t["tab_chat"], id="chat") as c["tab_chat"]:
                # Sized to the screen (a phone too); the copy button below copies plain text, not Markdown.
                bot = c["chatbot"] = gr.Chatbot(label=t["chatbot"], height="68vh", min_height=320, elem_id="chatbot", sanitize_html=True,
                                 render_markdown=True, buttons=[], autoscroll=False)
                with gr.Row():
                    msg = c["msg"] = gr.Textbox(placeholder=t["msg"][1], show_label=False,
                                     scale=8, elem_id="chat-input", lines=1, max_lines=6)
                    send = c["send"] = gr.Button(t["send"], variant="primary", scale=1, elem_id="chat-send")
                copy = c["copy"] = gr.Button(t["copy"], size="sm", elem_id="chat-copy")
                examples = gr.Examples(EXAMPLES, inputs=msg, label=t["examples"])
                c["examples"] = examples.dataset
                for trigger in (send.click, msg.submit):
                    trigger(h.chat, [msg, bot, shop_state], [bot, msg]).then(None, None, None, js=REST_AT_ANSWER_JS)
                    trigger(None, None, None, js=SHOW_QUESTION_JS)
                copy.click(None, None, None, js=COPY_ANSWER_JS)
            with gr.Tab(t["tab_goal"], id="goal") as c["tab_goal"]:
                business = c["business"] = gr.Textbox(label=t["business"][0], placeholder=t["business"][1], lines=2,
                                                      elem_id="goal-business")
                gtype = c["gtype"] = gr.Dropdown(GROUP_CHOICES, value="自动判断", label=t["gtype"])
                # The articles' method as a short guided form: answers make the plan fit (all optional).
                with gr.Accordion(t["answers"], open=False, elem_id="goal-answers") as c["answers"]:
                    a_members = c["a_members"] = gr.Textbox(label=t["a_members"][0], placeholder=t["a_members"][1],
                                                            elem_id="goal-members")
                    a_ideal = c["a_ideal"] = gr.Textbox(label=t["a_ideal"][0], elem_id="goal-ideal")
                    a_gap = c["a_gap"] = gr.Textbox(label=t["a_gap"][0], elem_id="goal-gap")
                    a_pays = c["a_pays"] = gr.Textbox(label=t["a_pays"][0], elem_id="goal-pays")
                    a_freq = c["a_freq"] = gr.Textbox(label=t["a_freq"][0], elem_id="goal-frequency")
                go = c["go"] = gr.Button(t["go"], variant="primary", elem_id="goal-run")
                plan_out = gr.Markdown(elem_id="goal-out")
                plan_goal_state = gr.State("")
                with gr.Row():
                    to_cal = c["to_cal"] = gr.Button(t["to_cal"], visible=False, elem_id="goal-to-calendar",
                                                     variant="primary")
                    plan_copy = c["plan_copy"] = gr.Button(t["plan_copy"], visible=False, elem_id="goal-copy", size="sm")
                plan_file = c["plan_file"] = gr.File(label=t["plan_file"], visible=False, elem_id="goal-download")

                def run_goal(biz, group, members, ideal, gap, pays, freq):
                    md, goal_text, path = h.goal_page(biz, group, members, ideal, gap, pays, freq)
                    shown = gr.update(visible=bool(goal_text))
                    return md, goal_text, shown, shown, gr.update(value=path, visible=bool(path))

                go.click(run_goal, [business, gtype, a_members, a_ideal, a_gap, a_pays, a_freq],
                         [plan_out, plan_goal_state, to_cal, plan_copy, plan_file], api_visibility="private")
                plan_copy.click(None, None, None, js=COPY_PLAN_JS)
                # The API keeps its earlier shape: /goal(business, group) -> Markdown; the answers are optional.
                gr.api(h.goal, api_name="goal")
            with gr.Tab(t["tab_calendar"], id="calendar") as c["tab_calendar"]:
                with gr.Row():
                    c_business = c["c_business"] = gr.Textbox(label=t["c_business"][0], lines=2, scale=3,
                                                              elem_id="cal-business")
                    c_goal = c["c_goal"] = gr.Textbox(label=t["c_goal"][0], scale=2, elem_id="cal-goal")
                with gr.Row():
                    c_start = c["c_start"] = gr.Textbox(label=t["c_start"][0], elem_id="cal-start")
                    c_pick = c["c_pick"] = gr.DateTime(include_time=False, type="string", label=t["c_pick"],
                                                       elem_id="cal-pick")
                    c_days = c["c_days"] = gr.Slider(1, 14, value=7, step=1, label=t["c_days"])
                with gr.Row():
                    c_launch = c["c_launch"] = gr.Checkbox(value=False, label=t["c_launch"], elem_id="cal-launch")
                    # The kind of group the week is for, as on the 目标 tab (自动判断: the week as it always was).
                    c_gtype = c["c_gtype"] = gr.Dropdown(GROUP_CHOICES, value="自动判断", label=t["c_gtype"],
                                                         elem_id="cal-group-type")
                c_go = c["c_go"] = gr.Button(t["c_go"], variant="primary", elem_id="cal-run")
                c_info = gr.Markdown(elem_id="cal-info")
                cards = gr.Markdown(elem_id="cal-cards")
                with gr.Row():
                    f_md = c["f_md"] = gr.File(label=t["f_md"], elem_id="dl-md", visible=False)
                    f_csv = c["f_csv"] = gr.File(label=t["f_csv"], elem_id="dl-csv", visible=False)
                    f_ics = c["f_ics"] = gr.File(label=t["f_ics"], elem_id="dl-ics", visible=False)
                with gr.Accordion(t["table_box"], open=False, elem_id="cal-table-box") as c["table_box"]:
                    table = gr.Dataframe(headers=["日期", "星期", "类型", "话题", "群帖"], wrap=True, interactive=False,
                                         elem_id="cal-table")

                def run_calendar(business, goal, start, days, launch=False, group_choice="自动判断"):
                    rows, cards_md, md, csv_path, ics, info = h.calendar_view(business, goal, start, days, launch,
                                                                               group_choice)
                    shown = [gr.update(value=p, visible=bool(p)) for p in (md, csv_path, ics)]
                    # The table's headers follow the week's language, as its rows do.
                    table_value = {"headers": h.calendar_headers(business), "data": rows}
                    return table_value, *shown, info, cards_md  # new outputs go last: the API's earlier five keep their places

                c_pick.change(lambda v: (v or "")[:10], c_pick, c_start, api_visibility="private")
                cal_outputs = [table, f_md, f_csv, f_ics, c_info, cards]
                cal_inputs = [c_business, c_goal, c_start, c_days, c_launch, c_gtype]
                # The API keeps /calendar(business, goal, start, days); `launch` and `group_choice` are optional.
                c_go.click(run_calendar, cal_inputs, cal_outputs, api_name="calendar")
            # One description for every tab; the goal carries over to the week.
            shop.change(lambda v: (v, v, v), shop, [business, c_business, shop_state], api_visibility="private")
            # The plan's kind of group goes with its goal: the week is made for the kind the owner chose there. Not a
            # flash group's: its plan says the goal is for a separate long-running group, whose week that is.
            to_cal.click(lambda biz, goal, group: (gr.Tabs(selected="calendar"), biz, goal, week_kind(group)),
                         [business, plan_goal_state, gtype], [tabs, c_business, c_goal, c_gtype],
                         api_visibility="private").then(run_calendar, cal_inputs, cal_outputs, api_visibility="private")
            with gr.Tab(t["tab_lint"], id="lint") as c["tab_lint"]:
                post = c["post"] = gr.Textbox(label=t["post"][0], lines=4, elem_id="lint-input")
                l_group = c["l_group"] = gr.Dropdown(LINT_GROUP_CHOICES, value="目标群(默认)", label=t["l_group"])
                l_go = c["l_go"] = gr.Button(t["l_go"], variant="primary", elem_id="lint-run")
                marked = c["marked"] = gr.HighlightedText(label=t["marked"], combine_adjacent=False, show_legend=True,
                                                          elem_id="lint-highlight")
                verdict = gr.Markdown(elem_id="lint-verdict")
                l_go.click(h.lint, [post, l_group], [marked, verdict])
                rw_go = c["rw_go"] = gr.Button(t["rw_go"], elem_id="lint-rewrite")
                rewritten = c["rewritten"] = gr.Textbox(label=t["rewritten"][0], lines=4, buttons=["copy"],
                                                        elem_id="lint-rewritten")
                rw_go.click(h.rewrite, [post, l_group], rewritten)
                c["batch_md"] = gr.Markdown(t["batch_md"])
                upload = c["upload"] = gr.File(file_types=[".txt", ".csv"], label=t["upload"], type="filepath",
                                               elem_id="lint-upload")
                batch_note = gr.Markdown()
                batch = gr.Dataframe(headers=h.batch_headers(), interactive=False, wrap=True, elem_id="lint-batch")
                batch_csv = c["batch_csv"] = gr.File(label=t["batch_csv"], visible=False, elem_id="lint-batch-csv")

                def run_batch(file_path, group_choice, page="中文"):
                    # The note, the table's headers and the CSV are in the page's language, as its labels are.
                    rows, note, csv_path = h.lint_batch_view(file_path, group_choice, page)
                    return ({"headers": h.batch_headers(page), "data": rows}, note,
                            gr.update(value=csv_path if rows else None, visible=bool(rows)))

                # The API keeps /lint_batch(file, group_choice); the page's language is optional.
                upload.change(run_batch, [upload, l_group, ui_lang], [batch, batch_note, batch_csv], api_name="lint_batch")

                def relabel_batch(page, file_path, group_choice):
                    """The page's language changed: a file already checked is shown again in it; else only the headers."""
                    if file_path:
                        return run_batch(file_path, group_choice, page)
                    return {"headers": h.batch_headers(page), "data": []}, "", gr.update()

                ui_lang.change(relabel_batch, [ui_lang, upload, l_group], [batch, batch_note, batch_csv],
                               api_visibility="private")
            c.update(health_tab(text_for("zh"), ui_lang))
        demo.load(h.status, None, status)
        # The page's own words switch language; what the planner writes already follows the input's language.
        ui_lang.change(lambda choice: [*(_switched(gr, key, comp, choice) for key, comp in c.items()),
                                       h.status(LANGUAGES.get(choice, "zh"))],
                       ui_lang, [*c.values(), status], api_visibility="private")
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
    """Build, update or rebuild the index if needed (with progress; see :meth:`Store.ensure_ready`), then serve."""
    from .health_ui import MAX_UPLOAD_MB
    from .store import Store

    settings = settings or Settings.from_env()
    # First use, an upgrade's new articles, or a damaged index rebuilt (a Chroma server's: one line, no wipe).
    report = Store(settings).ensure_ready(say=lambda line: print(line, flush=True),
                                          progress=lambda done, total: print(f"  嵌入 {done}/{total}", flush=True))
    if report is not None:
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
