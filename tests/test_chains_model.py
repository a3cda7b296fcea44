"""Model calls through the real openai client on a loopback server: structured output by JSON Schema
where the server supports it, JSON in the prompt where it refuses, and the passages per part of a plan."""
import json

import pytest
from langchain_core.callbacks import BaseCallbackHandler
from langchain_core.language_models.fake_chat_models import FakeListChatModel
from langchain_core.runnables import Runnable
from openai_stub import StubOpenAI
from test_providers import GOAL_JSON, settings_for

from assistant.chains import Assistant, ask_chain, goal_chain
from assistant.chains.goal import plan_parts
from assistant.chains.model import ModelCalls, SchemaError
from assistant.schemas import GoalDraft

GOAL_TEXT = json.dumps(GOAL_JSON, ensure_ascii=False)


def _has_schema(request: dict) -> bool:
    fmt = request["body"].get("response_format") or {}
    return fmt.get("type") == "json_schema"


def test_schema_is_requested_when_supported(tmp_path, shared_e5_settings):
    with StubOpenAI() as stub:
        stub.script = [{"text": GOAL_TEXT}]
        plan = Assistant(settings_for(stub, tmp_path, shared_e5_settings)).derive_goal("社区健身房,会员是上班族")
    assert plan.mode == "stub-model" and plan.goal == GOAL_JSON["goal"]
    assert len(stub.requests) == 1 and _has_schema(stub.requests[0])
    schema = stub.requests[0]["body"]["response_format"]["json_schema"]
    assert schema["name"] == "GoalDraft" and "keys" in schema["schema"]["properties"]
    assert plan.token_usage[0]["structured_output"] == "json_schema"


def test_refused_schema_falls_back_to_json_in_the_prompt(tmp_path, shared_e5_settings):
    with StubOpenAI() as stub:
        stub.script = [{"reject_schema": True}, {"text": GOAL_TEXT}]
        plan = Assistant(settings_for(stub, tmp_path, shared_e5_settings)).derive_goal("社区健身房,会员是上班族")
    assert plan.mode == "stub-model" and plan.goal == GOAL_JSON["goal"]
    assert [_has_schema(r) for r in stub.requests] == [True, False]
    assert "只输出一个 JSON 对象" in stub.requests[1]["body"]["messages"][-1]["content"]
    assert [u["structured_output"] for u in plan.token_usage] == ["prompt"]


def test_refusal_is_remembered_for_later_calls(tmp_path, shared_e5_settings):
    with StubOpenAI() as stub:
        stub.script = [{"reject_schema": True}, {"text": GOAL_TEXT}, {"text": GOAL_TEXT}]
        calls = ModelCalls(settings_for(stub, tmp_path, shared_e5_settings))
        for _ in range(2):
            draft, _raw = calls.structured_request("写一个方案", GoalDraft, "goal", [])
            assert draft.goal == GOAL_JSON["goal"]
    assert [_has_schema(r) for r in stub.requests] == [True, False, False]


@pytest.mark.parametrize("mode, expect", [("prompt", [False]), ("json_schema", [True])])
def test_structured_output_setting(tmp_path, shared_e5_settings, mode, expect):
    with StubOpenAI() as stub:
        stub.script = [{"text": GOAL_TEXT}]
        s = settings_for(stub, tmp_path, shared_e5_settings).with_(structured_output=mode)
        ModelCalls(s).structured_request("写一个方案", GoalDraft, "goal", [])
    assert [_has_schema(r) for r in stub.requests] == expect


def test_json_schema_forced_and_refused_is_a_clear_fallback(tmp_path, shared_e5_settings):
    with StubOpenAI() as stub:
        stub.script = [{"reject_schema": True}]
        s = settings_for(stub, tmp_path, shared_e5_settings).with_(structured_output="json_schema")
        plan = Assistant(s).derive_goal("社区健身房")
    assert plan.mode == "offline" and any("400" in n and "离线" in n for n in plan.notices)


def test_malformed_schema_reply_is_repaired_once(tmp_path, shared_e5_settings):
    with StubOpenAI() as stub:
        stub.script = [{"text": "这不是JSON"}, {"text": GOAL_TEXT}]
        plan = Assistant(settings_for(stub, tmp_path, shared_e5_settings)).derive_goal("社区健身房")
    assert plan.mode == "stub-model" and [u["call"] for u in plan.token_usage] == ["goal", "goal:retry"]


def test_fake_models_without_the_feature_use_the_prompt(shared_e5_settings):
    calls = ModelCalls(shared_e5_settings, FakeListChatModel(responses=[GOAL_TEXT]))
    usage: list[dict] = []
    draft, _ = calls.structured_request("写一个方案", GoalDraft, "goal", usage)
    assert draft.goal == GOAL_JSON["goal"] and usage[0]["structured_output"] == "prompt"


def test_twice_malformed_is_a_schema_error(shared_e5_settings):
    calls = ModelCalls(shared_e5_settings, FakeListChatModel(responses=["不是", "还不是"]))
    with pytest.raises(SchemaError, match="两次"):
        calls.structured_request("写一个方案", GoalDraft, "goal", [])


def test_each_part_of_the_plan_brings_its_passages(tmp_path, shared_e5_settings):
    with StubOpenAI() as stub:
        stub.script = [{"text": GOAL_TEXT}]
        Assistant(settings_for(stub, tmp_path, shared_e5_settings)).derive_goal("社区宠物店,客人多是附近小区养猫的年轻人")
    prompt = stub.requests[0]["body"]["messages"][-1]["content"]
    listed = prompt.split("方案各部分分别参考的片段:")[1].split("要求:")[0]
    labels = [label for _key, label, _q in plan_parts()]
    assert sum(f"- {label}:[" in listed for label in labels) >= len(labels) - 1
    numbers = {int(n) for n in __import__("re").findall(r"\[(\d+)\]", listed)}
    assert len(numbers) >= 8 and all(f"[{n}]《" in prompt for n in numbers)  # every listed passage is shown


def test_chains_are_runnables_with_callbacks(shared_e5_settings):
    names: list[str] = []

    class Recorder(BaseCallbackHandler):
        def on_chain_start(self, serialized, inputs, **kw):
            names.append(kw.get("name") or "")

    a = Assistant(shared_e5_settings)
    chain = goal_chain(a)
    assert isinstance(chain, Runnable)
    plan = chain.invoke({"business": "社区面包店"}, config={"callbacks": [Recorder()]})
    assert plan.goal and {"goal_prepare", "goal_retrieve", "goal_offline"} <= set(names)
    text = "".join(ask_chain(a).stream({"question": "新人进群第一天做什么?"}))
    assert text.startswith("(离线模式") and len(text) > 40
