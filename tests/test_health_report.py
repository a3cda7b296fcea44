"""The health report's words (assistant/health_report.py): written in the chat's language."""
import json
import re

import pytest
from conftest import FIXTURES

from assistant.errors import InputError
from assistant.health import group_health
from assistant.health_report import render_html, render_text

H = FIXTURES / "health"
CJK = re.compile(r"[\u3400-\u9fff]")


# export, options -> the report's language, words it must hold.
@pytest.mark.parametrize("name, options, language, words", [
    ("telegram_result.json", {"owners": ["Mia"]}, "en",
     ["Group check-up: telegram_result.json", "Share of members taking part each day: 22% (estimated)",
      "Owner's first ad (2026-05-12 10:00:00): before it, 0.29 messages a day over 7 days", "Advice:",
      "stop promotions in the group", "Note: The export does not record the group's size"]),
    ("telegram_result.json", {"owners": ["Mia"], "language": "zh"}, "zh", ["群体检:telegram_result.json", "建议:"]),
    ("qq_group.txt", {}, "zh", ["群体检:qq_group.txt", "每天参与互动的成员比例"]),
    ("qq_group.txt", {"language": "en"}, "en", ["Group check-up: qq_group.txt", "1 lines could not be read"]),
])
def test_report_follows_the_chats_language(name, options, language, words):
    r = group_health(H / name, **options)
    assert r.language == language and r.to_dict()["language"] == language
    text = render_text(r)
    for w in words:
        assert w in text
    if name == "telegram_result.json" and language == "en":
        # only the cited articles' own words stay Chinese
        assert not [line for line in text.splitlines() if CJK.search(line) and not line.lstrip().startswith("Source:")]


def test_english_html_and_anonymized_names():
    r = group_health(H / "telegram_result.json", owners=["Mia"], anonymize=True)
    page = render_html(r)
    assert '<html lang="en">' in page and "Messages and speakers per week" in page and "每周" not in page
    assert "Member 1" in page and "Mia" not in page and "Leo" not in page
    assert "Member 1" in json.dumps(r.to_dict(), ensure_ascii=False)


def test_unknown_report_language_is_a_clear_error():
    with pytest.raises(InputError, match="报告语言只能是 zh/en"):
        group_health(H / "plain.csv", language="fr")


def _svg_after(page: str, heading: str) -> str:
    return re.search(rf"<h2>{re.escape(heading)}</h2><svg(.*?)</svg>", page, re.S).group(1)


def _labels(svg: str) -> list[tuple[float, str]]:
    return [(float(x), t) for x, t in re.findall(r'<text x="([\d.]+)" y="[\d.]+" font-size="14" text-anchor="middle">'
                                                  r"([^<]*)</text>", svg)]


# the report's language -> the dates under the weekly charts (every other Monday: 14 weeks are too narrow for
# all 14), the chart's spoken label, the heading of the table that gives every week as text.
@pytest.mark.parametrize("language, labels, aria, summary", [
    ("zh", ["11/3", "11/17", "12/1", "12/15", "12/29", "1/12", "1/26"],
     "2025-11-03 那周至 2026-02-02 那周,共 14 周", "每周的数字(表格)"),
    ("en", ["Nov 3", "Nov 17", "Dec 1", "Dec 15", "Dec 29", "Jan 12", "Jan 26"],
     "the weeks of 2025-11-03 to 2026-02-02, 14 weeks", "The numbers week by week (table)"),
], ids=["zh", "en"])
def test_weekly_charts_are_labelled_with_each_weeks_monday(language, labels, aria, summary):
    r = group_health(H / "weeks_across_new_year.csv", owners=["园长林姐"], language=language)
    page = render_html(r)
    w = {"zh": ("每周消息与发言人数", "群主的声音占多少"), "en": ("Messages and speakers per week",
                                                        "How much of the talk is the owner's")}[language]
    bars, share = _svg_after(page, w[0]), _svg_after(page, w[1])
    assert [t for _, t in _labels(bars)] == labels and [t for _, t in _labels(share)] == labels
    assert aria in bars.split(">", 1)[0]  # said by a screen reader, which reads the chart as one image
    xs = [x for x, _ in _labels(bars)]
    assert all(0 < x < 640 for x in xs) and xs == sorted(xs)
    # every week as text too, with its full date and numbers
    assert f"<summary>{summary}</summary>" in page
    assert "<tr><td>2025-12-15</td><td>0</td><td>0</td><td>0</td><td>—</td></tr>" in page  # a week nobody spoke
    assert page.count("<tr><td>20") == 14 + len(r.market_norm_posts)
    assert "<tr><td>2025-11-03</td><td>1</td><td>1</td><td>0</td><td>100%</td></tr>" in page


# weeks in the chart -> every how many weeks a date fits under it.
@pytest.mark.parametrize("weeks, every", [(1, 1), (8, 1), (14, 2), (52, 5), (150, 12)])
def test_week_dates_never_overlap_however_many_weeks(weeks, every):
    import datetime as dt

    from assistant.health_report import _bars_svg

    start = dt.date(2024, 12, 30)
    mondays = [start + dt.timedelta(weeks=i) for i in range(weeks)]
    weekly = [{"week_start": d.isoformat(), "messages": i % 5, "speakers": 1, "market_norm_posts": 0,
               "owner_share": None} for i, d in enumerate(mondays)]
    labels = _labels(_bars_svg(weekly))
    assert [t for _, t in labels] == [f"{d.month}/{d.day}" for d in mondays[::every]]
    gaps = [b[0] - a[0] for a, b in zip(labels, labels[1:])]
    assert all(g >= 5 * 8 + 8 for g in gaps)  # room for a five-character date such as 12/30, and a gap
    assert all(24 <= x <= 616 for x, _ in labels)  # inside the chart


def test_a_last_week_date_moved_inside_the_chart_does_not_run_into_the_one_before():
    from assistant.health_report import WORDS, _week_labels

    weekly = [{"week_start": d} for d in ("2026-01-05", "2026-01-12", "2026-12-28")]
    labels = _labels(_week_labels(weekly, [400, 590, 635], 10, 640, WORDS["zh"]))
    assert [t for _, t in labels] == ["1/5", "1/12"]  # 12/28, moved to 616, would be 26 after 1/12: too close


def _legend_lines(svg: str) -> list[str]:
    """The lines of a chart's legend: the <text> that is not a week's date, one line or several <tspan>s."""
    legend = next(t for t in re.findall(r'<text x="[\d.]+" y="[\d.]+" font-size="14">(.*?)</text>', svg))
    return re.findall(r"<tspan[^>]*>(.*?)</tspan>", legend) or [legend]


# the report's language, the most messages in a week -> how many lines the weekly chart's legend takes.
@pytest.mark.parametrize("language, top, lines", [("zh", 3, 1), ("zh", 123456, 1), ("en", 3, 2), ("en", 123456, 2)])
def test_weekly_legend_fits_the_chart_in_both_languages(language, top, lines):
    from assistant.health_report import WORDS, _bars_svg, _share_svg, _talkers_svg, text_width

    w = WORDS[language]
    weekly = [{"week_start": f"2026-03-{d:02d}", "messages": m, "speakers": 2, "market_norm_posts": 0,
               "owner_share": 0.4} for d, m in ((2, top), (9, 1))]
    bars = _bars_svg(weekly, w=w)
    found = _legend_lines(bars)
    assert len(found) == lines and " · ".join(found) == w["bars_legend"].format(top=top)  # every word kept
    assert all(text_width(line) <= 640 - 10 - 30 for line in found)  # from x=30 to 10 short of the right edge
    height = float(re.search(r'viewBox="0 0 640 ([\d.]+)"', bars).group(1))
    assert height == 220 + 18 * (lines - 1)  # the chart grows by the legend's extra lines
    bar_top = min(float(y) for y in re.findall(r'<rect x="[\d.]+" y="([\d.]+)"', bars))
    assert bar_top >= 16 + 18 * (lines - 1) + 8  # the tallest bar starts under the legend's last line
    assert bar_top == pytest.approx(30 + 18 * (lines - 1))  # and the bars keep their height
    for svg in (_share_svg(weekly, w=w), _talkers_svg([{"name": "周老师", "messages": 3, "owner": True}], w=w)):
        assert all(text_width(line) <= 640 - 10 for line in _legend_lines(svg))


@pytest.mark.browser
@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_chart_word_is_inside_its_chart_in_a_browser(language):
    """Measured in Chromium: no legend, date or name of the report's charts runs past the chart's edges."""
    import shutil

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        pytest.skip("chromium not installed")
    from playwright.sync_api import sync_playwright

    page_html = render_html(group_health(H / "weeks_across_new_year.csv", owners=["园长林姐"], language=language))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page(viewport={"width": 390, "height": 844})
            page.set_content(page_html)
            outside = page.evaluate("""() => [...document.querySelectorAll('svg.chart')].flatMap(svg => {
                const vb = svg.viewBox.baseVal;
                return [...svg.querySelectorAll('text')].map(t => [t.textContent, t.getBBox()])
                  .filter(([, b]) => b.x < vb.x || b.y < vb.y || b.x + b.width > vb.x + vb.width
                                     || b.y + b.height > vb.y + vb.height)
                  .map(([text, b]) => [text, Math.round(b.x), Math.round(b.x + b.width), vb.width]); })""")
        finally:
            browser.close()
    assert outside == []
