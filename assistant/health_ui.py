"""The 群体检 tab: upload a chat export, see the report and charts, download the HTML. Built inside build_app."""
from __future__ import annotations

import re
import tempfile
from pathlib import Path

from . import group_types
from .errors import AssistantError

MAX_UPLOAD_MB = 200
GROUP_TYPES = {"目标群(默认)": None, **{g.label: g.key for g in group_types.all_types()}}
# The command line's words for choosing a conversation of a QQ export, and this page's (its 要检查的会话 list).
PAGE_HINTS = {"用 --conversation 指定它的名字": "在上面的「要检查的会话」里选它",
              "请用 --conversation 指定要检查的会话": "请在上面的「要检查的会话」里选一个"}


def _body(page: str) -> str:
    """The report's body and style, to show inside the page (the download keeps the whole document)."""
    style = re.search(r"<style>(.*?)</style>", page, re.S)
    body = re.search(r"<body>(.*)</body>", page, re.S)
    css = style.group(1).replace("body{", ".health-report{") if style else ""
    return f"<style>{css}</style><div class='health-report'>{body.group(1) if body else ''}</div>"


def _page_words(text: str) -> str:
    for cli, page in PAGE_HINTS.items():
        text = text.replace(cli, page)
    return text


def conversation_choices(file_path) -> tuple[list[tuple[str, str]], str | None]:
    """The conversations of an uploaded QQ export that holds several, as (shown, name) choices, and the name of
    the one read when none is chosen (None when none is a group). No choices for any other file, or one that
    cannot be read: the check itself says what is wrong with it."""
    from .chatlog import detect_format, qq_conversations
    from .health import default_conversation

    if not file_path:
        return [], None
    path = Path(file_path)
    try:
        if path.stat().st_size > MAX_UPLOAD_MB * 1024 * 1024 or detect_format(path) != "qq":
            return [], None
        convs = qq_conversations(path)
    except (AssistantError, OSError):
        return [], None
    if len(convs) <= 1:
        return [], None
    index = default_conversation(convs)
    first: dict[str, str] = {}  # a name is how the check is told which one: a second of the same name is left out
    for c in convs:
        first.setdefault(c.name, c.describe())
    return [(shown, name) for name, shown in first.items()], convs[index].name if index is not None else None


def run_health(file_path, owners: str, members, group_choice: str, anonymize: bool, progress=None,
               conversation: str | None = None):
    """Returns (report HTML for the page, path of the downloadable HTML, message). ``conversation`` names the
    conversation of a QQ export that holds several (as ``assistant health --conversation``)."""
    from .health import group_health
    from .health_report import render_html

    if not file_path:
        return "", None, "请先上传群聊天记录的导出文件。"
    path = Path(file_path)
    if path.stat().st_size > MAX_UPLOAD_MB * 1024 * 1024:
        return "", None, f"文件超过 {MAX_UPLOAD_MB} MB,请在命令行用 `assistant health` 检查。"
    names = [x for x in re.split(r"[,,、\s]+", owners or "") if x]
    try:
        n = int(members) if members else None
        report = group_health(path, owners=names, members=n, group_type=GROUP_TYPES.get(group_choice),
                              anonymize=bool(anonymize), conversation=conversation or None,
                              progress=(lambda done, total: progress(done / total, desc="读取聊天记录")) if progress else None)
    except (AssistantError, ValueError) as e:
        return "", None, f"无法检查:{_page_words(str(e))}"
    report.notices = [_page_words(x) for x in report.notices]
    page = render_html(report)
    out = Path(tempfile.mkdtemp(prefix="health-")) / f"群体检-{path.stem[:30]}.html"
    out.write_text(page, encoding="utf-8")
    return _body(page), str(out), "聊天记录只在这台电脑上分析,没有发送给任何模型。"


def health_tab(t: dict) -> dict:
    """Add the 群体检 tab to the Blocks being built (call inside ``gr.Tabs()``), labelled with the page's
    words ``t``; returns its components whose words switch with the page's language, by their key."""
    import gradio as gr

    def handler(file_path, owners, members, group_choice, anonymize, conversation=None, progress=gr.Progress()):  # noqa: B008 (Gradio injects progress through this default)
        html, download, note = run_health(file_path, owners, members, group_choice, anonymize, progress, conversation)
        return html, gr.update(value=download, visible=bool(download)), note

    def list_conversations(file_path):
        choices, default = conversation_choices(file_path)
        return gr.update(choices=choices, value=default, visible=bool(choices))

    c: dict = {}
    with gr.Tab(t["h_tab"], id="health") as c["h_tab"]:
        c["h_intro"] = gr.Markdown(t["h_intro"])
        upload = c["h_upload"] = gr.File(label=t["h_upload"], type="filepath", file_types=[".txt", ".csv", ".json"],
                                         elem_id="health-upload")
        # Shown when the uploaded file is a QQ export holding several conversations; the group with the most
        # messages is chosen until another is.
        conv = c["h_conv"] = gr.Dropdown([], value=None, label=t["h_conv"], visible=False, elem_id="health-conversation")
        upload.change(list_conversations, upload, conv, api_visibility="private")
        with gr.Row():
            owners = c["h_owners"] = gr.Textbox(label=t["h_owners"][0], elem_id="health-owners")
            members = c["h_members"] = gr.Number(label=t["h_members"], precision=0, minimum=1, elem_id="health-members")
        with gr.Row():
            gtype = c["h_gtype"] = gr.Dropdown(list(GROUP_TYPES), value="目标群(默认)", label=t["h_gtype"])
            anon = c["h_anon"] = gr.Checkbox(label=t["h_anon"], value=False)
        run = c["h_run"] = gr.Button(t["h_run"], variant="primary", elem_id="health-run")
        note = gr.Markdown(elem_id="health-note")
        report = gr.HTML(elem_id="health-report")
        download = c["h_download"] = gr.File(label=t["h_download"], visible=False, elem_id="health-download")
        # The conversation is the last input: the earlier five keep their places.
        run.click(handler, [upload, owners, members, gtype, anon, conv], [report, download, note])
    return c
