"""Every model call in one place: plain replies, streams and structured output, with token counts.

Structured output asks the provider to enforce a JSON Schema (``response_format``) where it can; a
provider that refuses it (HTTP 400/422) or a chat model without the feature gets the same request with
the JSON asked for in the prompt, validated by pydantic, and one repair round. Each call's entry in
``token_usage`` says which way was used (``structured_output``: ``json_schema`` or ``prompt``).
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator

from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage
from pydantic import BaseModel, ValidationError

from ..errors import AssistantError
from ..prompts import render
from ..providers import ModelError, count_tokens, explain_error, make_chat_model
from ..settings import Settings

STRUCTURED_MODES = ("auto", "json_schema", "prompt")


class SchemaError(AssistantError, ValueError):
    """The model's answer did not fit the expected structure, even after one retry."""


def extract_json(text: str) -> dict:
    """The JSON object in a model's reply (code fences and chatter around it are ignored)."""
    t = re.sub(r"^```(?:json)?\s*|\s*```$", "", text.strip())
    start, end = t.find("{"), t.rfind("}")
    if start < 0 or end <= start:
        raise SchemaError("回答里没有 JSON 对象")
    try:
        return json.loads(t[start: end + 1])
    except json.JSONDecodeError as e:
        raise SchemaError(f"JSON 解析失败:{e.msg}") from e


def _text_of(message) -> str:
    content = getattr(message, "content", message)
    return content if isinstance(content, str) else str(content)


def _refused_schema(exc: Exception) -> bool:
    """The provider rejected the request itself (e.g. no ``response_format`` support), not the network."""
    import openai

    return isinstance(exc, (openai.BadRequestError, openai.UnprocessableEntityError))


class ModelCalls:
    """The chat model as the chains use it; ``usage`` lists collect one entry per call."""

    def __init__(self, settings: Settings, chat_model=None) -> None:
        self.settings = settings
        self._llm = chat_model
        self.structured_mode = settings.structured_output
        self._schema_refused = False

    @property
    def llm(self):
        if self._llm is None:
            self._llm = make_chat_model(self.settings)
        return self._llm

    def _error(self, exc: Exception) -> ModelError:
        return exc if isinstance(exc, ModelError) else explain_error(exc, self.settings)

    def _record(self, usage: list[dict], call: str, messages, reply, text: str, how: str | None = None) -> None:
        meta = getattr(reply, "usage_metadata", None) or {}
        entry = {"call": call,
                 "prompt_tokens": meta.get("input_tokens", sum(count_tokens(_text_of(m)) for m in messages)),
                 "completion_tokens": meta.get("output_tokens", count_tokens(text)),
                 "counted_by": "api" if meta else "tiktoken"}
        if how:
            entry["structured_output"] = how
        usage.append(entry)

    def invoke(self, messages: list[BaseMessage], call: str, usage: list[dict]) -> str:
        """One reply as text; a failure becomes a :class:`ModelError` naming the endpoint."""
        try:
            reply = self.llm.invoke(messages)
        except Exception as e:  # noqa: BLE001 - openai, httpx and fake models raise different kinds
            raise self._error(e) from e
        text = _text_of(reply)
        self._record(usage, call, messages, reply, text)
        return text

    def stream(self, messages: list[BaseMessage]) -> Iterator[str]:
        """Text pieces as they arrive (errors are the caller's to word: it keeps what arrived)."""
        for chunk in self.llm.stream(messages):
            piece = chunk.content if isinstance(chunk.content, str) else ""
            if piece:
                yield piece

    # -- structured output ----------------------------------------------------------------------------
    def _schema_runnable(self, schema: type[BaseModel]):
        if self.structured_mode == "prompt" or self._schema_refused:
            return None
        try:
            return self.llm.with_structured_output(schema, method="json_schema", include_raw=True)
        except (NotImplementedError, TypeError, ValueError):  # fake or non-OpenAI chat models
            return None

    def structured(self, messages: list[BaseMessage], schema: type[BaseModel], call: str,
                   usage: list[dict]) -> tuple[BaseModel, str]:
        """An object of ``schema`` and the raw reply text: by JSON Schema where the provider enforces it,
        else JSON asked for in the prompt (one repair round); :class:`SchemaError` if both fail."""
        runnable = self._schema_runnable(schema)
        if runnable is not None:
            try:
                out = runnable.invoke(messages)
            except ValidationError as e:  # the client parsed the reply itself and it did not fit
                self._record(usage, call, messages, None, "", "json_schema")
                return self._repair(messages, schema, call, usage, str(e).splitlines()[0])
            except Exception as e:  # noqa: BLE001 - see _refused_schema
                if not _refused_schema(e) or self.structured_mode == "json_schema":
                    raise self._error(e) from e
                self._schema_refused = True  # the provider said no: ask in the prompt from now on
            else:
                raw = out.get("raw")
                text = _text_of(raw) if raw is not None else ""
                self._record(usage, call, messages, raw, text, "json_schema")
                if out.get("parsed") is not None and not out.get("parsing_error"):
                    parsed = out["parsed"]
                    return (parsed if isinstance(parsed, schema) else schema.model_validate(parsed)), text
                try:  # the provider said it enforced the schema but the text does not fit: validate ourselves
                    return schema.model_validate(extract_json(text)), text
                except (SchemaError, ValidationError) as e:
                    return self._repair(messages, schema, call, usage, str(e).splitlines()[0])
        text = self.invoke(messages, call, usage)
        usage[-1]["structured_output"] = "prompt"
        try:
            return schema.model_validate(extract_json(text)), text
        except (SchemaError, ValidationError) as e:
            return self._repair(messages, schema, call, usage, str(e).splitlines()[0])

    def _repair(self, messages, schema, call, usage, error: str) -> tuple[BaseModel, str]:
        request = _text_of(messages[-1])
        retry = [*messages[:-1], HumanMessage(render("fix_json", self.settings.prompts_dir, error=error, request=request))]
        text = self.invoke(retry, call + ":retry", usage)
        usage[-1]["structured_output"] = "prompt"
        try:
            return schema.model_validate(extract_json(text)), text
        except (SchemaError, ValidationError) as e:
            raise SchemaError(f"模型两次返回的内容都不符合格式:{str(e).splitlines()[0]}") from e

    def structured_request(self, request: str, schema: type[BaseModel], call: str,
                           usage: list[dict]) -> tuple[BaseModel, str]:
        """:meth:`structured` for a request in words, under the product's system prompt."""
        system = SystemMessage(render("system", self.settings.prompts_dir))
        return self.structured([system, HumanMessage(request)], schema, call, usage)
