"""The 群体检 tab: upload a chat export, see the report and charts, download the HTML. Built inside build_app."""
from __future__ import annotations

import re
import tempfile
from pathlib import Path

from . import group_types
from .errors import AssistantError

MAX_UPLOAD_MB = 200
GROUP_TYPES = {"目标群(默认)": None, **{g.label: g.key for g in group_types.all_types()}}


def _body(page: str) -> str:
    """The report's body and style, to show inside the page (the download keeps the whole document)."""
    style = re.search(r"<style>(.*?)</style>", page, re.S)
    body = re.search(r"<body>(.*)</body>", page, re.S)
    css = style.group(1).replace("body{", ".health-report{") if style else ""
    return f"<style>{css}</style><div class='health-report'>{body.group(1) if body else ''}</div>"


def run_health(file_path, owners: str, members, group_choice: str, anonymize: bool, progress=None):
    """Returns (report HTML for the page, path of the downloadable HTML, message)."""
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
                              anonymize=bool(anonymize),
                              progress=(lambda done, total: progress(done / total, desc="读取聊天记录")) if progress else None)
    except (AssistantError, ValueError) as e:
        return "", None, f"无法检查:{e}"
    page = render_html(report)
    out = Path(tempfile.mkdtemp(prefix="health-")) / f"群体检-{path.stem[:30]}.html"
    out.write_text(page, encoding="utf-8")
    return _body(page), str(out), "聊天记录只在这台电脑上分析,没有发送给任何模型。"


def health_tab(t: dict) -> dict:
    """Add the 群体检 tab to the Blocks being built (call inside ``gr.Tabs()``), labelled with the page's
    words ``t``; returns its components whose words switch with the page's language, by their key."""
    import gradio as gr

    def handler(file_path, owners, members, group_choice, anonymize, progress=gr.Progress()):  # noqa: B008 (Gradio injects progress through this default)
        html, download, note = run_health(file_path, owners, members, group_choice, anonymize, progress)
        return html, gr.update(value=download, visible=bool(download)), note

    c: dict = {}
    with gr.Tab(t["h_tab"], id="health") as c["h_tab"]:
        c["h_intro"] = gr.Markdown(t["h_intro"])
        upload = c["h_upload"] = gr.File(label=t["h_upload"], type="filepath", file_types=[".txt", ".csv", ".json"],
                                         elem_id="health-upload")
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
        run.click(handler, [upload, owners, members, gtype, anon], [report, download, note])
    return c
