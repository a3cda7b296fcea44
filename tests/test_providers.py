"""The real openai client path against a local OpenAI-compatible server (no network)."""
import json
import socket

import pytest
from openai_stub import StubOpenAI

from assistant.chains import Assistant
from assistant.providers import ModelError, count_tokens, describe, make_chat_model
from assistant.settings import Settings

GOAL_JSON = {
    "goal": "60天,改变身形", "ideal": "身形更好", "gap": "办了卡却没坚持", "group_type": "交付群",
    "group_type_reason": "会员已付费", "pitfalls": ["不要发广告"], "used_passages": [1],
    "keys": {"vision": "一起坚持60天", "threshold": "会员入群", "rules": ["每天打卡"], "activities": ["周一分享"],
             "benefits": ["教练答疑"]},
}


def settings_for(stub, tmp_path, shared_e5_settings, **kw) -> Settings:
    return shared_e5_settings.with_(openai_api_key="test-key", openai_base_url=stub.base_url, model="stub-model",
                                    model_timeout=5.0, model_retries=kw.get("retries", 3))


def test_token_counting_is_offline():
    assert count_tokens("你好,社群运营的长期目标") > 0
    assert count_tokens("") == 0


def test_describe_modes():
    assert "离线" in describe(Settings.from_env({"ASSISTANT_HOME": "/tmp/x"}))
    s = Settings.from_env({"ASSISTANT_HOME": "/tmp/x", "OPENAI_BASE_URL": "http://127.0.0.1:1/v1", "ASSISTANT_MODEL": "qwen"})
    assert "qwen" in describe(s) and "127.0.0.1:1" in describe(s)


def test_client_has_explicit_timeout_and_retries(shared_e5_settings):
    llm = make_chat_model(shared_e5_settings.with_(openai_api_key="k", model_timeout=12.5, model_retries=4))
    assert llm.request_timeout == 12.5 and llm.max_retries == 4


def test_plain_answer(tmp_path, shared_e5_settings):
    with StubOpenAI() as stub:
        stub.script = [{"text": "你好"}]
        llm = make_chat_model(settings_for(stub, tmp_path, shared_e5_settings))
        assert llm.invoke("hi").content == "你好"
        assert stub.requests[0]["body"]["model"] == "stub-model"


def test_structured_goal_through_real_client(tmp_path, shared_e5_settings):
    with StubOpenAI() as stub:
        stub.script = [{"text": json.dumps(GOAL_JSON, ensure_ascii=False)}]
        plan = Assistant(settings_for(stub, tmp_path, shared_e5_settings)).derive_goal("社区健身房")
        assert plan.goal == "60天,改变身形" and plan.mode == "stub-model"
        assert plan.citations and plan.token_usage[0]["counted_by"] == "api"


def test_two_429_then_success(tmp_path, shared_e5_settings):
    with StubOpenAI() as stub:
        stub.script = [{"status": 429}, {"status": 429}, {"text": "好的"}]
        llm = make_chat_model(settings_for(stub, tmp_path, shared_e5_settings))
        assert llm.invoke("hi").content == "好的"
        assert len(stub.requests) == 3


def test_rate_limit_exhausted_is_a_clear_error(tmp_path, shared_e5_settings):
    with StubOpenAI() as stub:
        stub.script = [{"status": 429}] * 5
        a = Assistant(settings_for(stub, tmp_path, shared_e5_settings, retries=1))
        plan = a.derive_goal("社区健身房")  # falls back, input kept
        assert plan.mode == "offline" and any("限流" in n for n in plan.notices)
        assert plan.business == "社区健身房"


def test_streaming(tmp_path, shared_e5_settings):
    with StubOpenAI() as stub:
        stub.script = [{"stream": ["群要", "有共同", "目标。"]}]
        a = Assistant(settings_for(stub, tmp_path, shared_e5_settings))
        pieces = list(a.stream("怎么让群活跃?"))
        assert "".join(pieces) == "群要有共同目标。" and len(pieces) == 3
        assert a.last_result.citations and not a.last_result.interrupted


def test_broken_stream_keeps_text(tmp_path, shared_e5_settings):
    with StubOpenAI() as stub:
        stub.script = [{"stream": ["第一句。", "第二句。", "第三句。"], "break_after": 2}]
        a = Assistant(settings_for(stub, tmp_path, shared_e5_settings, retries=0))
        text = "".join(a.stream("怎么让群活跃?"))
        assert text.startswith("第一句。第二句。")
        assert "中断" in text and a.last_result.interrupted


def test_malformed_answer_retried_then_ok(tmp_path, shared_e5_settings):
    with StubOpenAI() as stub:
        stub.script = [{"text": "这不是JSON"}, {"text": json.dumps(GOAL_JSON, ensure_ascii=False)}]
        plan = Assistant(settings_for(stub, tmp_path, shared_e5_settings)).derive_goal("社区健身房")
        assert plan.goal == "60天,改变身形" and len(stub.requests) == 2
        assert "不是合法的 JSON" in stub.requests[1]["body"]["messages"][-1]["content"]


def test_malformed_twice_is_clear_and_keeps_input(tmp_path, shared_e5_settings):
    with StubOpenAI() as stub:
        stub.script = [{"text": "{oops"}, {"text": '{"goal": 1}'}]
        plan = Assistant(settings_for(stub, tmp_path, shared_e5_settings)).derive_goal("社区健身房,会员是上班族")
        assert plan.mode == "offline" and plan.business == "社区健身房,会员是上班族"
        assert any("不符合格式" in n for n in plan.notices)


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_endpoint_down_names_it(shared_e5_settings):
    url = f"http://127.0.0.1:{_closed_port()}/v1"
    s = shared_e5_settings.with_(openai_api_key="k", openai_base_url=url, model_retries=0, model_timeout=3)
    a = Assistant(s)
    with pytest.raises(ModelError, match=f"127.0.0.1:{url.split(':')[2].split('/')[0]}"):
        a.invoke([], "x", [])
    text = "".join(a.stream("怎么定群规?"))
    assert "没能得到回答" in text and url in text
    plan = a.derive_goal("社区健身房")
    assert plan.mode == "offline" and any(url in n for n in plan.notices)
