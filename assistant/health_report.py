"""A group health report as text or as one self-contained HTML file (inline SVG charts, no scripts, no links)."""
from __future__ import annotations

import datetime as dt
import html
import math
import unicodedata

from .health import HealthReport

TARGET_NAMES = {"size": "群人数", "interaction": "每天参与互动的成员比例", "months_sustained": "活跃持续的月数"}
# The report's own words in each language it is written in (HealthReport.language); the article excerpts it
# cites stay in the articles' language.
WORDS = {
    "zh": {
        "targets": TARGET_NAMES, "met": "✅ 达到", "not_met": "❌ 未达到", "estimated": "(估算)", "colon": ":",
        "target_fmt": "{name}:{value}{unit}{est},目标 ≥ {target}{unit} — {mark}",
        "units": {"size": " 人", "months_sustained": " 个月"},
        "period": "时间:{start} 至 {end};消息 {messages} 条,发言人数 {speakers}", "members": ",群人数 {members}",
        "owner_share": "群主/管理员的发言占比:{share}", "owners": "({names})", "sep": "、",
        "checkins": "打卡:{messages} 条,{people} 人", "checkin_share": "(占发过言的成员 {share})",
        "checkin_owner": ";群主/管理员的 {n} 条打卡通知不算打卡",
        "replies": "成员之间的回应 {m2m} 次,成员回应群主 {to_owner} 次",
        "ad_posts": "广告类帖子:{n} 条",
        "packets": "红包:{n} 个(群主/管理员发的 {owner} 个)", "transfers": "转账:{n} 笔(群主/管理员的 {owner} 笔)",
        "ads_money_heading": "广告类帖子和红包/转账:", "h_ads_money": "广告类帖子和红包/转账({n})",
        "ad_first": "群主第一次发广告({when}):{before};{after}", "before": "之前", "after": "之后",
        "side_ok": "{label} {days} 天每天 {per_day} 条消息", "side_none": "{label}没有记录,无法比较",
        "side_short": "{label}的记录只有 {covered} 天,不足 {days} 天,无法比较",
        "title": "群体检:{source}", "doc_title": "群体检 · {source}", "ads_heading": "广告类帖子:", "more": "  ……另有 {n} 条", "advice": "建议:",
        "source": "出处:", "notice": "注意:", "open_q": "《", "close_q": "》", "open_x": "「", "close_x": "」",
        "bars_label": "每周消息数和发言人数",
        "bar_title": "{week}:{messages} 条消息,{speakers} 人发言,广告 {ads} 条",
        "bars_legend": "最多 {top} 条/周 · 柱:消息数(红色=那周有广告)· 绿线:发言人数",
        "bars_range": "每周消息数和发言人数:{first} 那周至 {last} 那周,共 {n} 周(柱下的日期是那周的周一)",
        "week_label": "{month}/{day}",
        "weeks_summary": "每周的数字(表格)", "week_cols": ("那周的周一", "消息", "发言人数", "广告", "群主发言占比"),
        "share_label": "群主发言占比", "share_legend": "群主/管理员的发言占比(虚线 = 50%)",
        "talkers_label": "谁在说话", "talkers_legend": "谁在说话(紫色 = 群主/管理员)",
        "h_weekly": "每周消息与发言人数", "h_share": "群主的声音占多少", "h_talkers": "谁在说话", "h_advice": "建议",
        "h_ads": "广告类帖子({n})", "cols": ("时间", "发送者", "规则", "内容"),
        "private": "聊天记录只在你的电脑上分析,没有发送到任何地方。", "html_lang": "zh-CN",
    },
    "en": {
        "targets": {"size": "Group size", "interaction": "Share of members taking part each day",
                    "months_sustained": "Months the activity lasted"},
        "met": "✅ met", "not_met": "❌ not met", "estimated": " (estimated)", "colon": ": ",
        "target_fmt": "{name}: {value}{unit}{est}, target ≥ {target}{unit} — {mark}",
        "units": {"size": " people", "months_sustained": " months"},
        "period": "Period: {start} to {end}; {messages} messages, {speakers} people spoke",
        "members": ", {members} members", "owner_share": "Owner/admin share of messages: {share}",
        "owners": " ({names})", "sep": ", ", "checkins": "Check-in messages: {messages}; people checking in: {people}",
        "checkin_share": " ({share} of the members who spoke)",
        "checkin_owner": "; {n} owner/admin messages about check-ins are not counted as check-ins",
        "replies": "Replies between members: {m2m}; members replying to the owner: {to_owner}",
        "ad_posts": "Ad-like posts: {n}",
        "packets": "Red packets: {n} ({owner} from the owner/admins)",
        "transfers": "Transfers: {n} ({owner} by the owner/admins)",
        "ads_money_heading": "Ad-like posts, red packets and transfers:",
        "h_ads_money": "Ad-like posts, red packets and transfers ({n})",
        "ad_first": "Owner's first ad ({when}): {before}; {after}", "before": "before", "after": "after",
        "side_ok": "{label} it, {per_day} messages a day over {days} days",
        "side_none": "no messages {label} it to compare",
        "side_short": "only {covered} days of messages {label} it, fewer than {days}, too few to compare",
        "title": "Group check-up: {source}", "doc_title": "Group check-up · {source}", "ads_heading": "Ad-like posts:", "more": "  … and {n} more",
        "advice": "Advice:", "source": "Source: ", "notice": "Note: ", "open_q": "“", "close_q": "”",
        "open_x": "“", "close_x": "”",
        "bars_label": "Messages and speakers per week",
        "bar_title": "{week}: {messages} messages, {speakers} people spoke, {ads} ads",
        "bars_legend": "At most {top} messages/week · bars: messages (red = a week with ads) · green line: speakers",
        "bars_range": "Messages and speakers per week: the weeks of {first} to {last}, {n} weeks "
                      "(the date under a bar is that week's Monday)",
        "week_label": "{mon} {day}",
        "weeks_summary": "The numbers week by week (table)",
        "week_cols": ("Week of (Monday)", "Messages", "People who spoke", "Ads", "Owner/admin share"),
        "share_label": "Owner's share of messages", "share_legend": "Owner/admin share of messages (dashed = 50%)",
        "talkers_label": "Who is talking", "talkers_legend": "Who is talking (purple = owner/admin)",
        "h_weekly": "Messages and speakers per week", "h_share": "How much of the talk is the owner's",
        "h_talkers": "Who is talking", "h_advice": "Advice", "h_ads": "Ad-like posts ({n})",
        "cols": ("Time", "Sender", "Rules", "Text"),
        "private": "The chat export was analysed on your computer only and sent nowhere.", "html_lang": "en",
    },
}


def _words(r: HealthReport) -> dict:
    return WORDS.get(getattr(r, "language", "zh"), WORDS["zh"])


def _pct(x) -> str:
    return "—" if x is None else f"{x * 100:.0f}%"


def _target_line(key: str, t: dict, w: dict = WORDS["zh"]) -> str:  # noqa: B006 (read only)
    value = _pct(t["value"]) if key == "interaction" else t["value"]
    target = _pct(t["target"]) if key == "interaction" else t["target"]
    return w["target_fmt"].format(name=w["targets"][key], value=value, unit=w["units"].get(key, ""),
                                  est=w["estimated"] if t.get("estimated") else "", target=target,
                                  mark=w["met"] if t["met"] else w["not_met"])


def _ad_effect_line(ae: dict, w: dict = WORDS["zh"]) -> str:  # noqa: B006 (read only)
    """Before/after the first ad, saying which side the export does not cover for the whole window."""
    days = ae.get("window_days", 7)

    def side(label: str, per_day, covered) -> str:
        if per_day is not None:
            return w["side_ok"].format(label=label, days=days, per_day=per_day)
        if not covered:
            return w["side_none"].format(label=label)
        return w["side_short"].format(label=label, covered=covered, days=days)

    return w["ad_first"].format(when=ae["first_owner_ad"].replace("T", " "),
                                before=side(w["before"], ae["before_per_day"], ae.get("before_days")),
                                after=side(w["after"], ae["after_per_day"], ae.get("after_days")))


def summary_lines(r: HealthReport) -> list[str]:
    """The headline figures in plain words (shared by text and HTML)."""
    w = _words(r)
    inc = r.incubation
    lines = [w["period"].format(start=r.period["start"], end=r.period["end"], messages=r.messages, speakers=r.speakers)
             + (w["members"].format(members=r.members) if r.members else ""),
             w["owner_share"].format(share=_pct(r.owner_share))
             + (w["owners"].format(names=w["sep"].join(r.owners)) if r.owners else "")]
    lines += [_target_line(k, inc[k], w) for k in ("size", "interaction", "months_sustained")]
    ck, rep = inc["checkins"], inc["member_replies"]
    lines.append(w["checkins"].format(messages=ck["messages"], people=ck["people"])
                 + (w["checkin_share"].format(share=_pct(ck["share"])) if ck.get("share") is not None else "")
                 + (w["checkin_owner"].format(n=ck["owner_messages"]) if ck.get("owner_messages") else ""))
    lines.append(w["replies"].format(m2m=rep["member_to_member"], to_owner=rep["member_to_owner"]))
    ae = r.ad_effect
    if ae["first_owner_ad"]:
        lines.append(_ad_effect_line(ae, w))
    lines.append(w["ad_posts"].format(n=sum(1 for a in r.market_norm_posts if a.get("kind", "ad") == "ad")))
    money = getattr(r, "red_packets", None) or {}
    for key, words in (("red_packets", "packets"), ("transfers", "transfers")):
        if money.get(key):
            lines.append(w[words].format(n=money[key], owner=money[f"{key}_by_owner"]))
    return lines


def _has_money(r: HealthReport) -> bool:
    return any(a.get("kind", "ad") != "ad" for a in r.market_norm_posts)


def render_text(r: HealthReport) -> str:
    w = _words(r)
    out = [w["title"].format(source=r.source), ""] + summary_lines(r)
    if r.market_norm_posts:
        out += ["", w["ads_money_heading"] if _has_money(r) else w["ads_heading"]]
        out += [f"  {a['time'].replace('T', ' ')} {a['sender']} [{', '.join(a['codes'])}] {a['excerpt']}"
                for a in r.market_norm_posts[:50]]
        if len(r.market_norm_posts) > 50:
            out.append(w["more"].format(n=len(r.market_norm_posts) - 50))
    out += ["", w["advice"]]
    for a in r.advice:
        c = a["citation"]
        where = w["open_q"] + c["title"] + w["close_q"] + (f" › {c['heading']}" if c["heading"] else "")
        out.append(f"- {a['text']}\n  {w['source']}{where}{w['colon']}{w['open_x']}{c['excerpt']}{w['close_x']}")
    out += [f"{w['notice']}{n}" for n in r.notices]
    return "\n".join(out) + "\n"


# --- charts ---------------------------------------------------------------------------------------------
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _week_label(week_start: str, w: dict = WORDS["zh"]) -> str:  # noqa: B006 (read only)
    """A week by its Monday, short enough to sit under a bar: 3/4 in Chinese, Mar 4 in English."""
    day = dt.date.fromisoformat(week_start)
    return w["week_label"].format(month=day.month, day=day.day, mon=MONTHS_EN[day.month - 1])


def _week_labels(weekly: list[dict], xs: list[float], y: float, width: int, w: dict) -> str:
    """Each week's Monday under its bar or point; when the weeks are too narrow for every date, every k-th
    week is labelled (the table under the charts has them all). A date is kept inside the chart's width."""
    if not weekly:
        return ""
    labels = [_week_label(wk["week_start"], w) for wk in weekly]
    room = (xs[1] - xs[0]) if len(xs) > 1 else float("inf")
    need = max(len(x) for x in labels) * 8 + 8  # about 8 units a character at font-size 14, and a gap
    step = max(1, math.ceil(need / room))
    out, last = [], -need
    for i in range(0, len(weekly), step):
        x = min(max(xs[i], need / 2), width - need / 2)
        if x - last < need:  # the last date, moved inside the chart, would run into the one before it
            continue
        last = x
        out.append(f'<text x="{x:.1f}" y="{y:.1f}" font-size="14" text-anchor="middle">{html.escape(labels[i])}</text>')
    return "".join(out)


LEGEND_SIZE = 14
LEGEND_LINE = 18  # from one line of a legend to the next


def text_width(text: str, size: float = LEGEND_SIZE) -> float:
    """About how wide ``text`` is at font-size ``size`` in SVG units: a CJK or other wide character is 1 em,
    anything else 0.62 em (wider than the average Latin letter, digit or space of the sans-serif fonts a
    browser picks, about 0.5 em; measured in Chromium), so a line that fits by this count fits on the page."""
    return sum(size if unicodedata.east_asian_width(ch) in "WF" else 0.62 * size for ch in text)


def _wrap(text: str, room: float) -> list[str]:
    """``text`` in lines of at most ``room`` units: whole when it fits; else broken between its · parts,
    and a part still too wide between its words."""
    if text_width(text) <= room:
        return [text]
    pieces = []
    for part in (p.strip() for p in text.split("·")):
        if text_width(part) <= room:
            pieces.append(part)
            continue
        line = ""
        for word in part.split(" "):
            if line and text_width(f"{line} {word}") > room:
                pieces.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        pieces.append(line)
    lines = [pieces[0]]
    for piece in pieces[1:]:
        joined = f"{lines[-1]} · {piece}"
        if text_width(joined) <= room and "·" in text:
            lines[-1] = joined
        else:
            lines.append(piece)
    return lines


def _legend(text: str, x: float, y: float, right: float) -> tuple[str, int]:
    """A chart's legend as an SVG <text> starting at (x, y) that ends before ``right``, in as many lines as it
    needs (a line each ``LEGEND_LINE`` units); and how many lines that is."""
    lines = _wrap(text, right - x)
    e = html.escape
    if len(lines) == 1:
        return f'<text x="{x}" y="{y}" font-size="{LEGEND_SIZE}">{e(text)}</text>', 1
    spans = "".join(f'<tspan x="{x}" dy="{0 if i == 0 else LEGEND_LINE}">{e(line)}</tspan>' for i, line in enumerate(lines))
    return f'<text x="{x}" y="{y}" font-size="{LEGEND_SIZE}">{spans}</text>', len(lines)


def _bars_svg(weekly: list[dict], width: int = 640, height: int = 220, w: dict = WORDS["zh"]) -> str:  # noqa: B006
    """Messages per week as bars, speakers as a line, weeks with ads marked in red; each week's Monday under
    its bar (every k-th one when there are many weeks). A legend too long for one line takes more, and the
    chart grows by them (the bars keep their height)."""
    n = max(len(weekly), 1)
    top = max([w["messages"] for w in weekly] + [1])
    pad, bw = 30, (width - 40) / n
    legend, lines = _legend(w["bars_legend"].format(top=top), 30, 16, width - 10)
    area = height - 2 * pad
    height += (lines - 1) * LEGEND_LINE
    label = w["bars_label"]
    if weekly:
        label = w["bars_range"].format(first=weekly[0]["week_start"], last=weekly[-1]["week_start"], n=len(weekly))
    parts = [f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="{html.escape(label)}" class="chart">']
    points = []
    for i, wk in enumerate(weekly):
        h = area * wk["messages"] / top
        x = 30 + i * bw
        color = "#c62828" if wk["market_norm_posts"] else "#1565c0"
        title = w["bar_title"].format(week=html.escape(wk["week_start"]), messages=wk["messages"],
                                      speakers=wk["speakers"], ads=wk["market_norm_posts"])
        parts.append(f'<rect x="{x + 2:.1f}" y="{height - pad - h:.1f}" width="{max(bw - 4, 1):.1f}" height="{h:.1f}" '
                     f'fill="{color}"><title>{title}</title></rect>')
        points.append(f"{x + bw / 2:.1f},{height - pad - area * wk['speakers'] / top:.1f}")
    if points:
        parts.append(f'<polyline points="{" ".join(points)}" fill="none" stroke="#2e7d32" stroke-width="2"/>')
    parts.append(_week_labels(weekly, [30 + i * bw + bw / 2 for i in range(len(weekly))], height - pad + 18, width, w))
    parts.append(legend)
    parts.append("</svg>")
    return "".join(parts)


def _weeks_table(weekly: list[dict], w: dict = WORDS["zh"]) -> str:  # noqa: B006 (read only)
    """The weekly charts' numbers as text: one row a week, folded under the charts."""
    head = "".join(f"<th>{c}</th>" for c in w["week_cols"])
    rows = "".join(f"<tr><td>{html.escape(wk['week_start'])}</td><td>{wk['messages']}</td><td>{wk['speakers']}</td>"
                   f"<td>{wk['market_norm_posts']}</td><td>{_pct(wk.get('owner_share'))}</td></tr>" for wk in weekly)
    return f"<details class='weeks'><summary>{w['weeks_summary']}</summary><table><tr>{head}</tr>{rows}</table></details>"


def _share_svg(weekly: list[dict], width: int = 640, height: int = 160, w: dict = WORDS["zh"]) -> str:  # noqa: B006
    pts = [(i, w["owner_share"]) for i, w in enumerate(weekly) if w.get("owner_share") is not None]
    n = max(len(weekly) - 1, 1)
    legend, lines = _legend(w["share_legend"], 30, 16, width - 10)
    area = height - 50
    height += (lines - 1) * LEGEND_LINE
    parts = [f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="{w["share_label"]}" class="chart">',
             f'<line x1="30" x2="{width - 10}" y1="{height - 30 - area * 0.5:.1f}" '
             f'y2="{height - 30 - area * 0.5:.1f}" stroke="#999" stroke-dasharray="4"/>']
    coords = " ".join(f"{30 + (width - 40) * i / n:.1f},{height - 30 - area * s:.1f}" for i, s in pts)
    if coords:
        parts.append(f'<polyline points="{coords}" fill="none" stroke="#6a1b9a" stroke-width="2"/>')
    parts.append(_week_labels(weekly, [30 + (width - 40) * i / n for i in range(len(weekly))], height - 10, width, w))
    parts.append(legend + "</svg>")
    return "".join(parts)


def _talkers_svg(talkers: list[dict], width: int = 640, w: dict = WORDS["zh"]) -> str:  # noqa: B006
    top = max([t["messages"] for t in talkers] + [1])
    row = 24
    legend, lines = _legend(w["talkers_legend"], 0, 16, width - 10)
    below = (lines - 1) * LEGEND_LINE  # the rows start under the legend's last line
    height = row * len(talkers) + 30 + below
    parts = [f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="{w["talkers_label"]}" class="chart">', legend]
    for i, t in enumerate(talkers):
        y = 28 + below + i * row
        bar = (width - 200) * t["messages"] / top
        color = "#6a1b9a" if t["owner"] else "#1565c0"
        parts.append(f'<text x="0" y="{y + 15}" font-size="14">{html.escape(t["name"][:12])}</text>'
                     f'<rect x="150" y="{y + 2}" width="{bar:.1f}" height="{row - 6}" fill="{color}"/>'
                     f'<text x="{155 + bar:.1f}" y="{y + 15}" font-size="14">{t["messages"]}</text>')
    parts.append("</svg>")
    return "".join(parts)


CSS = """body{font:16px/1.6 system-ui,"Noto Sans CJK SC",sans-serif;max-width:760px;margin:0 auto;padding:16px;color:#1b1b1b}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.6em}.chart{width:100%;height:auto}
li{margin:.4em 0}.cite{color:#444;font-size:15px}.ok{color:#1b5e20}.bad{color:#b71c1c}
.weeks summary{cursor:pointer;margin:.6em 0}table{border-collapse:collapse;width:100%;font-size:15px}td,th{border-bottom:1px solid #ddd;padding:4px;text-align:left;vertical-align:top}"""


def render_html(r: HealthReport) -> str:
    """One HTML file that opens offline: no scripts, no external fonts, images or links."""
    e = html.escape
    w = _words(r)
    items = "".join(f"<li>{e(x)}</li>" for x in summary_lines(r))
    ads = "".join(f"<tr><td>{e(a['time'].replace('T', ' '))}</td><td>{e(a['sender'])}</td><td>{e(', '.join(a['codes']))}</td>"
                  f"<td>{e(a['excerpt'])}</td></tr>" for a in r.market_norm_posts[:200])
    advice = "".join(
        f"<li>{e(a['text'])}<div class='cite'>{w['source']}{w['open_q']}{e(a['citation']['title'])}{w['close_q']}"
        f"{' › ' + e(a['citation']['heading']) if a['citation']['heading'] else ''}{w['colon']}"
        f"{w['open_x']}{e(a['citation']['excerpt'])}{w['close_x']}</div></li>"
        for a in r.advice)
    notices = "".join(f"<p class='cite'>{w['notice']}{e(n)}</p>" for n in r.notices)
    title = e(w["title"].format(source=r.source))
    cols = "".join(f"<th>{c}</th>" for c in w["cols"])
    return f"""<!doctype html><html lang="{w['html_lang']}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>{e(w["doc_title"].format(source=r.source))}</title><style>{CSS}</style></head><body>
<h1>{title}</h1><ul>{items}</ul>{notices}
<h2>{w['h_weekly']}</h2>{_bars_svg(r.weekly, w=w)}
<h2>{w['h_share']}</h2>{_share_svg(r.weekly, w=w)}
{_weeks_table(r.weekly, w)}
<h2>{w['h_talkers']}</h2>{_talkers_svg(r.talkers, w=w)}
<h2>{w['h_advice']}</h2><ol>{advice}</ol>
<h2>{w['h_ads_money' if _has_money(r) else 'h_ads'].format(n=len(r.market_norm_posts))}</h2>
<table><tr>{cols}</tr>{ads}</table>
<p class="cite">{w['private']}</p></body></html>
"""


def render(r: HealthReport, fmt: str) -> str:
    import json

    if fmt == "json":
        return json.dumps(r.to_dict(), ensure_ascii=False, indent=2) + "\n"
    if fmt == "html":
        return render_html(r)
    return render_text(r)
