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
