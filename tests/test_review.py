"""The optional model second opinion on borderline posts (off by default)."""
import json

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from assistant.guard import lint_post
from assistant.review import is_borderline, review_post

BORDERLINE_POST = "我昨天下单了一本书,还没到"  # one medium signal: the rules are unsure


def test_borderline_detection():
    assert is_borderline(lint_post(BORDERLINE_POST))
    assert not is_borderline(lint_post("群里发个大红包!"))  # sure: ad
    assert not is_borderline(lint_post("今天打卡第3天"))  # sure: no signal


def test_model_confirms_or_clears(shared_e5_settings):
    no = FakeListChatModel(responses=[json.dumps({"market_norm": False, "reason": "成员在聊自己的经历"}, ensure_ascii=False)])
    r = review_post(BORDERLINE_POST, settings=shared_e5_settings, chat_model=no)
    assert r.flagged is False and r.second_opinion["reason"] == "成员在聊自己的经历"
    yes = FakeListChatModel(responses=['{"market_norm": true, "reason": "在引导下单"}'])
    r = review_post(BORDERLINE_POST, settings=shared_e5_settings, chat_model=yes)
    assert r.flagged is True and "second_opinion" in r.to_dict()


def test_sure_posts_are_not_sent(shared_e5_settings):
    model = FakeListChatModel(responses=[])  # would fail if called
    assert review_post("群里发个大红包!", settings=shared_e5_settings, chat_model=model).second_opinion is None


def test_model_failure_keeps_rule_verdict(shared_e5_settings):
    bad = FakeListChatModel(responses=["不是JSON", "还不是"])
    before = lint_post(BORDERLINE_POST).flagged
    r = review_post(BORDERLINE_POST, settings=shared_e5_settings, chat_model=bad)
    assert r.flagged is before and "error" in r.second_opinion


def test_offline_is_a_clear_error(shared_e5_settings):
    with pytest.raises(ValueError, match="需要配置模型"):
        review_post(BORDERLINE_POST, settings=shared_e5_settings)
