"""Prompt files are loaded by name and fail loudly on a missing variable."""
import pytest
from conftest import ROOT

from assistant.prompts import PromptError, chat_prompt, render

PROMPTS = sorted(p.stem for p in (ROOT / "prompts").glob("*.txt"))


def test_render_fills_variables():
    out = render("condense", history="群主:你好", question="那群规呢?")
    assert "那群规呢?" in out and "{{" not in out


def test_missing_variable_fails_loudly():
    with pytest.raises(PromptError, match="question"):
        render("condense", history="x")


def test_missing_prompt_file():
    with pytest.raises(PromptError, match="nope"):
        render("nope")


def test_json_braces_survive():
    out = render("goal", business="b", passages="p", parts="- 群规:[1]", group_type_hint="交付群",
                 group_type_reason="r")
    assert '{"goal": "..."' in out


def test_chat_prompt_fills_only_placeholders():
    # The user's text is inserted as it is: braces, quotes and angle brackets neither escaped nor formatted.
    business = '我的店叫 {小满} & "面包" <烘焙>'
    messages = chat_prompt("goal").invoke({"business": business, "passages": "p", "parts": "x",
                                           "group_type_hint": "交付群", "group_type_reason": "r"}).to_messages()
    assert [m.type for m in messages] == ["system", "human"]
    assert business in messages[1].content and '{"goal": "..."' in messages[1].content
    assert "社群助手" in messages[0].content


def test_chat_prompt_missing_variable_fails():
    with pytest.raises(KeyError, match="parts"):
        chat_prompt("goal").invoke({"business": "b", "passages": "p", "group_type_hint": "h", "group_type_reason": "r"})


def test_chat_prompt_missing_file():
    with pytest.raises(PromptError, match="nope"):
        chat_prompt("nope")


@pytest.mark.parametrize("name", PROMPTS)
def test_every_prompt_is_chinese_and_loads(name):
    text = (ROOT / "prompts" / f"{name}.txt").read_text(encoding="utf-8")
    assert any("\u4e00" <= ch <= "\u9fff" for ch in text)
