"""The 群体检 tab: upload a chat export, see the report and charts, download the HTML. Built inside build_app."""
from __future__ import annotations

import re
import tempfile
from functools import lru_cache
from pathlib import Path

from . import group_types
from .errors import AssistantError, InputError

MAX_UPLOAD_MB = 200
GROUP_TYPES = {"目标群(默认)": None, **{g.label: g.key for g in group_types.all_types()}}
# The page's own words around the check, in the page's language (the report is written by health_report).
PAGE_WORDS = {
    "zh": {"upload_first": "请先上传群聊天记录的导出文件。",
           "too_big": "文件超过 {mb} MB,请在命令行用 `assistant health` 检查。",
           "failed": "无法检查:{error}", "private": "聊天记录只在这台电脑上分析,没有发送给任何模型。",
           "reading": "读取聊天记录", "list": "要检查的会话"},
    "en": {"upload_first": "Upload a chat export first.",
           "too_big": "The file is over {mb} MB: check it on the command line with `assistant health`.",
           "failed": "Could not check: {error}",
           "private": "The chat export was analysed on this computer only and sent to no model.",
           "reading": "Reading the chat export", "list": "Conversation to check"},
}
# The command line's words for choosing a conversation of a QQ export (in the report's or the error's language),
# and this page's (its 要检查的会话 list, named in the page's language).
PAGE_HINTS = {"用 --conversation 指定它的名字": "在上面的「{list}」里选它",
              "请用 --conversation 指定要检查的会话": "请在上面的「{list}」里选一个",
              "name it with --conversation": "choose it in the “{list}” list above",
              "name one with --conversation": "choose one in the “{list}” list above"}


def _body(page: str) -> str:
    """The report's body and style, to show inside the page (the download keeps the whole document)."""
    style = re.search(r"<style>(.*?)</style>", page, re.S)
    body = re.search(r"<body>(.*)</body>", page, re.S)
    css = style.group(1).replace("body{", ".health-report{") if style else ""
    return f"<style>{css}</style><div class='health-report'>{body.group(1) if body else ''}</div>"


def _page_words(text: str, lang: str = "zh") -> str:
    """The command line's hints in ``text`` put as this page's, naming the list as the page (in ``lang``) does."""
    for cli, page in PAGE_HINTS.items():
        text = text.replace(cli, page.format(list=_words(lang)["list"]))
    return text


def _words(lang: str | None) -> dict:
    return PAGE_WORDS.get(lang or "zh", PAGE_WORDS["zh"])


@lru_cache(maxsize=8)
def _conversations(path: str, size: int, mtime: float) -> tuple:
    """The conversations of a QQ export (remembered per file version: the list is relabelled when the page's
    language switches), or () for a file that is not a QQ export or cannot be read."""
    from .chatlog import detect_format, qq_conversations

    try:
        return tuple(qq_conversations(Path(path))) if detect_format(Path(path)) == "qq" else ()
    except (AssistantError, OSError):
        return ()


def conversation_choices(file_path, lang: str = "zh") -> tuple[list[tuple[str, str]], str | None]:
    """The conversations of an uploaded QQ export that holds several, as (shown, label) choices with the words
    shown in ``lang`` (zh or en), and the label of the one read when none is chosen (None when none is a group).
    A label is what the check is told (``conversation=``): the name, or 家长群 #2 when names repeat. No
    choices for any other file, or one that cannot be read: the check itself says what is wrong with it."""
    from .health import default_conversation

    if not file_path:
        return [], None
    path = Path(file_path)
    try:
        st = path.stat()
    except OSError:
        return [], None
    if st.st_size > MAX_UPLOAD_MB * 1024 * 1024:
        return [], None
    convs = list(_conversations(str(path), st.st_size, st.st_mtime))
    if len(convs) <= 1:
        return [], None
    index = default_conversation(convs)
    return [(c.describe(lang), c.label) for c in convs], convs[index].label if index is not None else None


def run_health(file_path, owners: str, members, group_choice: str, anonymize: bool, progress=None,
               conversation: str | None = None, lang: str | None = None):
    """Returns (report HTML for the page, path of the downloadable HTML, message). ``conversation`` names the
    conversation of a QQ export that holds several (as ``assistant health --conversation``). ``lang`` is the
    page's language: the message is in it, and on the English page ("en") so is the report; otherwise the
    report is in the chat's language, as on the command line."""
    from .health import group_health
    from .health_report import render_html

    w = _words(lang)
    if not file_path:
        return "", None, w["upload_first"]
    path = Path(file_path)
    if path.stat().st_size > MAX_UPLOAD_MB * 1024 * 1024:
        return "", None, w["too_big"].format(mb=MAX_UPLOAD_MB)
    names = [x for x in re.split(r"[,,、\s]+", owners or "") if x]
    try:
        n = int(members) if members else None
        report = group_health(path, owners=names, members=n, group_type=GROUP_TYPES.get(group_choice),
                              anonymize=bool(anonymize), conversation=conversation or None,
                              language="en" if lang == "en" else None,
                              progress=(lambda done, total: progress(done / total, desc=w["reading"])) if progress else None)
    except (AssistantError, ValueError) as e:
        error = e.in_language(lang or "zh") if isinstance(e, InputError) else str(e)
        return "", None, w["failed"].format(error=_page_words(error, lang))
    report.notices = [_page_words(x, lang) for x in report.notices]
    page = render_html(report)
    out = Path(tempfile.mkdtemp(prefix="health-")) / f"群体检-{path.stem[:30]}.html"
    out.write_text(page, encoding="utf-8")
    return _body(page), str(out), w["private"]


def health_tab(t: dict, language=None) -> dict:
    """Add the 群体检 tab to the Blocks being built (call inside ``gr.Tabs()``), labelled with the page's
    words ``t``; returns its components whose words switch with the page's language, by their key.
    ``language`` is the page's language switch (a Radio of :data:`assistant.ui_text.LANGUAGES`): the list of
    conversations, the messages and (in English) the report follow it."""
    import gradio as gr

    from .ui_text import LANGUAGES, text_for

    def handler(file_path, owners, members, group_choice, anonymize, conversation=None, lang="zh",
                progress=gr.Progress()):  # noqa: B008 (Gradio injects progress through this default)
        html, download, note = run_health(file_path, owners, members, group_choice, anonymize, progress, conversation,
                                          lang)
        return html, gr.update(value=download, visible=bool(download)), note

    def list_conversations(file_path, lang="zh"):
        choices, default = conversation_choices(file_path, lang)
        return gr.update(choices=choices, value=default, visible=bool(choices))

    def switch_language(choice, file_path, chosen):
        """The page's language changed: the list says the same conversations in it, keeping the one chosen."""
        lang = LANGUAGES.get(choice, "zh")
        choices, default = conversation_choices(file_path, lang)
        keep = chosen if any(label == chosen for _, label in choices) else default
        return lang, gr.update(label=text_for(lang)["h_conv"], choices=choices, value=keep, visible=bool(choices))

    c: dict = {}
    with gr.Tab(t["h_tab"], id="health") as c["h_tab"]:
        # The page's language as the check reads it; a State, so the check's API keeps its inputs.
        lang = gr.State("zh")
        c["h_intro"] = gr.Markdown(t["h_intro"])
        upload = c["h_upload"] = gr.File(label=t["h_upload"], type="filepath", file_types=[".txt", ".csv", ".json"],
                                         elem_id="health-upload")
        # Shown when the uploaded file is a QQ export holding several conversations; the group with the most
        # messages is chosen until another is. Its values are the conversations' labels (unique in the file).
        conv = c["h_conv"] = gr.Dropdown([], value=None, label=t["h_conv"], visible=False, elem_id="health-conversation")
        upload.change(list_conversations, [upload, lang], conv, api_visibility="private")
        if language is not None:
            language.change(switch_language, [language, upload, conv], [lang, conv], api_visibility="private")
        with gr.Row():
            owners = c["h_owners"] = gr.Textbox(label=t["h_owners"][0], elem_id="health-owners")
            # Left empty, the page sends 0, read as "not given" (a minimum=1 here made Gradio refuse an empty
            # field before the check ran); a number below 0 is the check's own one-line error.
            members = c["h_members"] = gr.Number(label=t["h_members"][0], placeholder=t["h_members"][1], precision=0,
                                                 elem_id="health-members")
        with gr.Row():
            gtype = c["h_gtype"] = gr.Dropdown(list(GROUP_TYPES), value="目标群(默认)", label=t["h_gtype"])
            anon = c["h_anon"] = gr.Checkbox(label=t["h_anon"], value=False)
        run = c["h_run"] = gr.Button(t["h_run"], variant="primary", elem_id="health-run")
        note = gr.Markdown(elem_id="health-note")
        report = gr.HTML(elem_id="health-report")
        download = c["h_download"] = gr.File(label=t["h_download"], visible=False, elem_id="health-download")
        # The conversation is the last input the API sees: the earlier five keep their places (the language
        # after it is the page's State, not an API input).
        run.click(handler, [upload, owners, members, gtype, anon, conv, lang], [report, download, note])
    return c
