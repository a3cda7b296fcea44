"""Writing the questions each passage of an article answers (see :mod:`assistant.passage_questions`) with
the configured model, so articles an owner adds are found by owners' words as the bundled ones are."""
from __future__ import annotations

import json
from pathlib import Path

from langchain_core.messages import HumanMessage, SystemMessage
from pydantic import BaseModel, Field

from ..chunking import chunk_article
from ..corpus import load_file
from ..errors import InputError
from ..passage_questions import MAX_QUESTION_CHARS, sidecar_for
from ..prompts import render

BATCH = 6  # passages per model call: short enough for any context window, few enough calls
ANCHOR_CHARS = 16


class _PassageQuestions(BaseModel):
    index: int = Field(description="the passage's number, from 1")
    questions: list[str]


class _QuestionBatch(BaseModel):
    passages: list[_PassageQuestions]


def anchor_for(text: str, others: list[str], heading: str = "") -> str:
    """A short piece of ``text`` (after its heading line) found in no other passage, to find it again."""
    body = text[len(heading):].lstrip() if heading and text.startswith(heading) else text
    for size in (ANCHOR_CHARS, 24, 40):
        for start in range(0, max(1, len(body) - size + 1), 5):
            piece = body[start:start + size]
            if "\n" not in piece and piece.strip() and not any(piece in o for o in others):
                return piece
    return body[:80]


def write_questions(article: Path, assistant, *, per_passage: int = 8, overwrite: bool = False,
                    usage: list[dict] | None = None) -> tuple[Path, int]:
    """Ask the model for ``per_passage`` questions per passage of ``article`` and write its sidecar.

    Returns (the sidecar's path, the number of questions). An existing sidecar is kept unless ``overwrite``.
    """
    if not assistant.online:
        raise InputError("写问题需要配置模型(OPENAI_API_KEY,可选 OPENAI_BASE_URL、ASSISTANT_MODEL);离线时可以手写问题文件")
    if not 1 <= per_passage <= 20:
        raise InputError(f"每段问题数必须在 1 到 20 之间,收到 {per_passage}")
    target = sidecar_for(article)
    if target.exists() and not overwrite:
        raise InputError(f"{target} 已存在;加 --overwrite 覆盖")
    art = load_file(article)
    chunks = chunk_article(art)
    usage = usage if usage is not None else []
    rows = []
    for start in range(0, len(chunks), BATCH):
        batch = chunks[start:start + BATCH]
        passages = "\n\n".join(f"[{i}] {c.text}" for i, c in enumerate(batch, 1))
        request = render("passage_questions", assistant.settings.prompts_dir, title=art.title, passages=passages,
                         per=per_passage)
        system = SystemMessage(render("system", assistant.settings.prompts_dir))
        out, _raw = assistant.calls.structured([system, HumanMessage(request)], _QuestionBatch, "passage_questions", usage)
        by_index = {p.index: p.questions for p in out.passages}
        for i, c in enumerate(batch, 1):
            qs = [q.strip()[:MAX_QUESTION_CHARS] for q in by_index.get(i, []) if isinstance(q, str) and q.strip()]
            if qs:
                others = [o.text for o in chunks if o is not c]
                rows.append({"anchor": anchor_for(c.text, others, c.heading), "questions": qs[:per_passage]})
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    tmp.replace(target)  # a half-written file never replaces a good one
    return target, sum(len(r["questions"]) for r in rows)
