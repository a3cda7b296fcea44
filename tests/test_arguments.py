"""The Python API's argument checks: a wrong type is a TypeError naming the function and the parameter."""
import re
from pathlib import Path

import pytest
from conftest import FIXTURES

import assistant
from assistant.arguments import check_list, check_text

CHAT = FIXTURES / "health" / "qq_group.txt"


@pytest.mark.parametrize("values, says", [
    ({"goal": 5}, "f() 的 goal 必须是字符串或 None,收到的是 int"),
    ({"goal": "g", "group_type": b"supe"}, "group_type 必须是字符串或 None,收到的是 bytes"),
])
def test_check_text_names_the_parameter(values, says):
    with pytest.raises(TypeError, match=re.escape(says)):
        check_text("f", **values)


@pytest.mark.parametrize("value, kw, says", [
    ("oops", {}, "必须是列表或 None,收到的是 str(一个字符串会被逐字读成多项"),
    ({"a": 1}, {}, "收到的是 dict"),
    (Path("corpus"), {}, "收到的是 PosixPath(一个字符串"),
    (["a", 5], {"items": (str,), "items_are": "字符串"}, "第 2 项必须是字符串,收到的是 int"),
])
def test_check_list_names_the_parameter(value, kw, says):
    with pytest.raises(TypeError, match=re.escape(says)):
        check_list("f", "xs", value, **kw)


@pytest.mark.parametrize("value", [None, [], ("a",), ["a", "b"]])
def test_check_list_accepts_lists(value):
    check_list("f", "xs", value, items=(str,))


# Each public function of the README's API with a wrong type: (call, error, message).
API_CASES = {
    "lint_post group_type": (lambda s: assistant.lint_post("x", group_type=5), TypeError, "lint_post() 的 group_type"),
    "lint_post goal": (lambda s: assistant.lint_post("今晚群里发红包", goal=5), TypeError, "lint_post() 的 goal"),
    "lint_post goal, clean post": (lambda s: assistant.lint_post("x", goal=["g"]), TypeError, "收到的是 list"),
    "lint_post voice": (lambda s: assistant.lint_post("x", voice=5), TypeError, "lint_post() 的 voice"),
    "rewrite_post voice": (lambda s: assistant.rewrite_post("今晚发红包", voice=5, settings=s), TypeError,
                           "rewrite_post() 的 voice"),
    "rewrite_post group_type": (lambda s: assistant.rewrite_post("今晚发红包", group_type=5, settings=s), TypeError,
                                "rewrite_post() 的 group_type"),
    "rewrite_post goal": (lambda s: assistant.rewrite_post("今晚发红包", goal=5, settings=s), TypeError,
                          "rewrite_post() 的 goal"),
    "derive_goal group_type": (lambda s: assistant.derive_goal("书店", group_type=5, settings=s), TypeError,
                               "derive_goal() 的 group_type"),
    "weekly_calendar goal": (lambda s: assistant.weekly_calendar("书店", goal=5, settings=s), ValueError,
                             "goal(目标)必须是文字,收到的是 int"),
    "weekly_calendar group_type": (lambda s: assistant.weekly_calendar("书店", group_type=5, settings=s), TypeError,
                                   "weekly_calendar() 的 group_type 必须是字符串或 None,收到的是 int"),
    "ask history string": (lambda s: assistant.ask("群规怎么定", history="oops", settings=s), TypeError,
                           "ask() 的 history 必须是列表"),
    "ask history dict": (lambda s: assistant.ask("群规怎么定", history={"快闪群?": "不能"}, settings=s), TypeError,
                         "收到的是 dict"),
    "ask history flat": (lambda s: assistant.ask("群规怎么定", history=["快闪群?", "不能"], settings=s), TypeError,
                         "history 的第 1 项必须是 (问题, 回答)"),
    "group_health owners items": (lambda s: assistant.group_health(CHAT, owners=[1]), TypeError, "第 1 项必须是字符串"),
    "group_health group_type": (lambda s: assistant.group_health(CHAT, group_type=5), TypeError,
                                "group_health() 的 group_type"),
    "ingest paths string": (lambda s: assistant.ingest("corpus", settings=s), TypeError, "ingest() 的 paths"),
    "ingest paths items": (lambda s: assistant.ingest([5], settings=s), TypeError, "第 1 项必须是路径"),
}


@pytest.mark.parametrize("name", list(API_CASES))
def test_public_api_names_a_wrong_type(hash_settings, name):
    call, error, says = API_CASES[name]
    with pytest.raises(error, match=re.escape(says)):
        call(hash_settings)
