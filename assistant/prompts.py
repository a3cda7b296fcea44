"""Prompt templates live in ``prompts/*.txt`` and are filled by name; a missing variable fails loudly."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from .errors import ConfigError
from .settings import Settings

PLACEHOLDER = re.compile(r"\{\{\s*(\w+)\s*\}\}")


class PromptError(ConfigError, KeyError):
    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0])


@lru_cache(maxsize=32)
def _read(path: str) -> str:
    return Path(path).read_text(encoding="utf-8")


def render(name: str, prompts_dir: Path | None = None, **variables) -> str:
    """Fill ``prompts/<name>.txt``; ``{{var}}`` placeholders (JSON braces in the text stay as they are)."""
    path = (prompts_dir or Settings.__dataclass_fields__["prompts_dir"].default) / f"{name}.txt"
    if not path.is_file():
        raise PromptError(f"找不到提示词模板 {path}")
    text = _read(str(path))
    missing = sorted({m.group(1) for m in PLACEHOLDER.finditer(text)} - set(variables))
    if missing:
        raise PromptError(f"提示词模板 {name} 缺少变量:{', '.join(missing)}")
    return PLACEHOLDER.sub(lambda m: str(variables[m.group(1)]), text)


def chat_prompt(name: str, prompts_dir: Path | None = None, *, system: str | None = "system"):
    """``prompts/<name>.txt`` as a LangChain ``ChatPromptTemplate`` (system prompt first, then the request).

    The files keep their ``{{var}}`` placeholders; literal braces (JSON examples) are escaped so the
    f-string template fills only the placeholders and never reformats the user's text."""
    from langchain_core.prompts import ChatPromptTemplate

    def template(n: str) -> str:
        path = (prompts_dir or Settings.__dataclass_fields__["prompts_dir"].default) / f"{n}.txt"
        if not path.is_file():
            raise PromptError(f"找不到提示词模板 {path}")
        text = _read(str(path))
        names = [m.group(1) for m in PLACEHOLDER.finditer(text)]
        text = PLACEHOLDER.sub("\0", text).replace("{", "{{").replace("}", "}}")
        for var in names:
            text = text.replace("\0", "{" + var + "}", 1)
        return text

    messages = ([("system", template(system))] if system else []) + [("human", template(name))]
    return ChatPromptTemplate.from_messages(messages)
