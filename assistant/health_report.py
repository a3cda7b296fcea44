"""A group health report as text or as one self-contained HTML file (inline SVG charts, no scripts, no links)."""
from __future__ import annotations

import html

from .health import HealthReport

TARGET_NAMES = {"size": "群人数", "interaction": "每天参与互动的成员比例", "months_sustained": "活跃持续的月数"}


def _pct(x) -> str:
    return "—" if x is None else f"{x * 100:.0f}%"


def _target_line(key: str, t: dict) -> str:
    value = _pct(t["value"]) if key == "interaction" else t["value"]
    target = _pct(t["target"]) if key == "interaction" else t["target"]
    mark = "✅ 达到" if t["met"] else "❌ 未达到"
    est = "(估算)" if t.get("estimated") else ""
    unit = {"size": " 人", "months_sustained": " 个月"}.get(key, "")
    return f"{TARGET_NAMES[key]}:{value}{unit}{est},目标 ≥ {target}{unit} — {mark}"


def _ad_effect_line(ae: dict) -> str:
    """Before/after the first ad, saying which side the export does not cover for the whole window."""
    days = ae.get("window_days", 7)

    def side(label: str, per_day, covered) -> str:
        if per_day is not None:
            return f"{label} {days} 天每天 {per_day} 条消息"
        if not covered:
            return f"{label}没有记录,无法比较"
        return f"{label}的记录只有 {covered} 天,不足 {days} 天,无法比较"

    return (f"群主第一次发广告({ae['first_owner_ad'].replace('T', ' ')}):"
            f"{side('之前', ae['before_per_day'], ae.get('before_days'))};{side('之后', ae['after_per_day'], ae.get('after_days'))}")


def summary_lines(r: HealthReport) -> list[str]:
    """The headline figures in plain words (shared by text and HTML)."""
    inc = r.incubation
    lines = [f"时间:{r.period['start']} 至 {r.period['end']};消息 {r.messages} 条,发言人数 {r.speakers}"
             + (f",群人数 {r.members}" if r.members else ""),
             f"群主/管理员的发言占比:{_pct(r.owner_share)}" + (f"({'、'.join(r.owners)})" if r.owners else "")]
    lines += [_target_line(k, inc[k]) for k in ("size", "interaction", "months_sustained")]
    ck, rep = inc["checkins"], inc["member_replies"]
    lines.append(f"打卡:{ck['messages']} 条,{ck['people']} 人")
    lines.append(f"成员之间的回应 {rep['member_to_member']} 次,成员回应群主 {rep['member_to_owner']} 次")
    ae = r.ad_effect
    if ae["first_owner_ad"]:
        lines.append(_ad_effect_line(ae))
    lines.append(f"广告类帖子:{len(r.market_norm_posts)} 条")
    return lines


def render_text(r: HealthReport) -> str:
    out = [f"群体检:{r.source}", ""] + summary_lines(r)
    if r.market_norm_posts:
        out += ["", "广告类帖子:"]
        out += [f"  {a['time'].replace('T', ' ')} {a['sender']} [{', '.join(a['codes'])}] {a['excerpt']}"
                for a in r.market_norm_posts[:50]]
        if len(r.market_norm_posts) > 50:
            out.append(f"  ……另有 {len(r.market_norm_posts) - 50} 条")
    out += ["", "建议:"]
    for a in r.advice:
        c = a["citation"]
        where = "《" + c["title"] + "》" + (f" › {c['heading']}" if c["heading"] else "")
        out.append(f"- {a['text']}\n  出处:{where}:「{c['excerpt']}」")
    out += [f"注意:{n}" for n in r.notices]
    return "\n".join(out) + "\n"


# --- charts ---------------------------------------------------------------------------------------------
def _bars_svg(weekly: list[dict], width: int = 640, height: int = 220) -> str:
    """Messages per week as bars, speakers as a line, weeks with ads marked in red."""
    n = max(len(weekly), 1)
    top = max([w["messages"] for w in weekly] + [1])
    pad, bw = 30, (width - 40) / n
    parts = [f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="每周消息数和发言人数" class="chart">']
    points = []
    for i, w in enumerate(weekly):
        h = (height - 2 * pad) * w["messages"] / top
        x = 30 + i * bw
        color = "#c62828" if w["market_norm_posts"] else "#1565c0"
        parts.append(f'<rect x="{x + 2:.1f}" y="{height - pad - h:.1f}" width="{max(bw - 4, 1):.1f}" height="{h:.1f}" '
                     f'fill="{color}"><title>{html.escape(w["week_start"])}:{w["messages"]} 条消息,'
                     f'{w["speakers"]} 人发言,广告 {w["market_norm_posts"]} 条</title></rect>')
        points.append(f"{x + bw / 2:.1f},{height - pad - (height - 2 * pad) * w['speakers'] / top:.1f}")
    if points:
        parts.append(f'<polyline points="{" ".join(points)}" fill="none" stroke="#2e7d32" stroke-width="2"/>')
    parts.append(f'<text x="30" y="16" font-size="14">最多 {top} 条/周 · 柱:消息数(红色=那周有广告)· 绿线:发言人数</text>')
    parts.append("</svg>")
    return "".join(parts)


def _share_svg(weekly: list[dict], width: int = 640, height: int = 160) -> str:
    pts = [(i, w["owner_share"]) for i, w in enumerate(weekly) if w.get("owner_share") is not None]
    n = max(len(weekly) - 1, 1)
    parts = [f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="群主发言占比" class="chart">',
             f'<line x1="30" x2="{width - 10}" y1="{height - 30 - (height - 50) * 0.5:.1f}" '
             f'y2="{height - 30 - (height - 50) * 0.5:.1f}" stroke="#999" stroke-dasharray="4"/>']
    coords = " ".join(f"{30 + (width - 40) * i / n:.1f},{height - 30 - (height - 50) * s:.1f}" for i, s in pts)
    if coords:
        parts.append(f'<polyline points="{coords}" fill="none" stroke="#6a1b9a" stroke-width="2"/>')
    parts.append('<text x="30" y="16" font-size="14">群主/管理员的发言占比(虚线 = 50%)</text></svg>')
    return "".join(parts)


def _talkers_svg(talkers: list[dict], width: int = 640) -> str:
    top = max([t["messages"] for t in talkers] + [1])
    row = 24
    height = row * len(talkers) + 30
    parts = [f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="谁在说话" class="chart">',
             '<text x="0" y="16" font-size="14">谁在说话(紫色 = 群主/管理员)</text>']
    for i, t in enumerate(talkers):
        y = 28 + i * row
        w = (width - 200) * t["messages"] / top
        color = "#6a1b9a" if t["owner"] else "#1565c0"
        parts.append(f'<text x="0" y="{y + 15}" font-size="14">{html.escape(t["name"][:12])}</text>'
                     f'<rect x="150" y="{y + 2}" width="{w:.1f}" height="{row - 6}" fill="{color}"/>'
                     f'<text x="{155 + w:.1f}" y="{y + 15}" font-size="14">{t["messages"]}</text>')
    parts.append("</svg>")
    return "".join(parts)


CSS = """body{font:16px/1.6 system-ui,"Noto Sans CJK SC",sans-serif;max-width:760px;margin:0 auto;padding:16px;color:#1b1b1b}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.6em}.chart{width:100%;height:auto}
li{margin:.4em 0}.cite{color:#444;font-size:15px}.ok{color:#1b5e20}.bad{color:#b71c1c}
table{border-collapse:collapse;width:100%;font-size:15px}td,th{border-bottom:1px solid #ddd;padding:4px;text-align:left;vertical-align:top}"""


def render_html(r: HealthReport) -> str:
    """One HTML file that opens offline: no scripts, no external fonts, images or links."""
    e = html.escape
    items = "".join(f"<li>{e(x)}</li>" for x in summary_lines(r))
    ads = "".join(f"<tr><td>{e(a['time'].replace('T', ' '))}</td><td>{e(a['sender'])}</td><td>{e(', '.join(a['codes']))}</td>"
                  f"<td>{e(a['excerpt'])}</td></tr>" for a in r.market_norm_posts[:200])
    advice = "".join(
        f"<li>{e(a['text'])}<div class='cite'>出处:《{e(a['citation']['title'])}》"
        f"{' › ' + e(a['citation']['heading']) if a['citation']['heading'] else ''}:「{e(a['citation']['excerpt'])}」</div></li>"
        for a in r.advice)
    notices = "".join(f"<p class='cite'>注意:{e(n)}</p>" for n in r.notices)
    return f"""<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>群体检 · {e(r.source)}</title><style>{CSS}</style></head><body>
<h1>群体检:{e(r.source)}</h1><ul>{items}</ul>{notices}
<h2>每周消息与发言人数</h2>{_bars_svg(r.weekly)}
<h2>群主的声音占多少</h2>{_share_svg(r.weekly)}
<h2>谁在说话</h2>{_talkers_svg(r.talkers)}
<h2>建议</h2><ol>{advice}</ol>
<h2>广告类帖子({len(r.market_norm_posts)})</h2>
<table><tr><th>时间</th><th>发送者</th><th>规则</th><th>内容</th></tr>{ads}</table>
<p class="cite">聊天记录只在你的电脑上分析,没有发送到任何地方。</p></body></html>
"""


def render(r: HealthReport, fmt: str) -> str:
    import json

    if fmt == "json":
        return json.dumps(r.to_dict(), ensure_ascii=False, indent=2) + "\n"
    if fmt == "html":
        return render_html(r)
    return render_text(r)
