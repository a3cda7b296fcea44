"""Questions a passage answers, written in the words owners use, kept beside an article and indexed
with its chunks (document expansion): a question such as "发红包才有人说话" then finds the passage on
市场规范 though the two share no word.

An article ``003_x.md`` may have a sidecar ``003_x.questions.jsonl``; each line is
``{"anchor": "<a short exact piece of the passage>", "questions": ["...", ...]}``. Every chunk whose
text contains the anchor carries those questions: the keyword index and the embedder read them, the
text shown and quoted stays the article's own.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from pathlib import Path

from .chunking import Chunk
from .corpus import CorpusError

SUFFIX = ".questions.jsonl"
MAX_QUESTION_CHARS = 300


def sidecar_for(article: Path) -> Path:
    """Where an article's questions live: beside it, same stem, ``.questions.jsonl``."""
    return article.with_name(article.stem + SUFFIX)


def load_questions(path: Path) -> list[tuple[str, tuple[str, ...]]]:
    """(anchor, questions) per line of a sidecar; a malformed line is a :class:`CorpusError` naming it."""
    entries = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise CorpusError(f"{path}: 无法读取问题文件({e})") from None
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            raise CorpusError(f"{path}:{n}: 不是合法的 JSON({e.msg})") from None
        anchor = row.get("anchor") if isinstance(row, dict) else None
        questions = row.get("questions") if isinstance(row, dict) else None
        if not isinstance(anchor, str) or not anchor.strip():
            raise CorpusError(f"{path}:{n}: 缺少 anchor(文章里的一小段原文)")
        if not isinstance(questions, list) or not all(isinstance(q, str) and q.strip() for q in questions):
            raise CorpusError(f"{path}:{n}: questions 必须是非空文字的列表")
        entries.append((anchor.strip(), tuple(q.strip()[:MAX_QUESTION_CHARS] for q in questions)))
    return entries


def attach(chunks: list[Chunk], entries: list[tuple[str, tuple[str, ...]]]) -> tuple[list[Chunk], list[str]]:
    """The chunks with their questions, and the anchors no chunk contains (stale after an edit).

    A chunk's id also covers its questions, so editing the questions re-embeds the passage."""
    unmatched = [a for a, _ in entries if not any(a in c.text for c in chunks)]
    out = []
    for c in chunks:
        qs = tuple(dict.fromkeys(q for a, questions in entries if a in c.text for q in questions))
        if qs:
            digest = hashlib.sha1(f"{c.id}\x1f{chr(10).join(qs)}".encode()).hexdigest()[:20]
            c = replace(c, id=digest + c.id[20:], questions=qs)  # keeps a "-1" duplicate suffix
        out.append(c)
    return out, unmatched


def with_questions(chunks: list[Chunk], article: Path, errors: list[str]) -> list[Chunk]:
    """``chunks`` of ``article`` with the questions of its sidecar, if it has one. Problems with the
    sidecar go into ``errors`` and the article is still indexed, without them."""
    path = sidecar_for(article)
    if not path.is_file():
        return chunks
    try:
        chunks, unmatched = attach(chunks, load_questions(path))
    except CorpusError as e:
        errors.append(f"{e};这篇文章照常入库,只是没有附加问题")
        return chunks
    if unmatched:
        errors.append(f"{path}: {len(unmatched)} 个 anchor 在文章里找不到(文章改过?),例如「{unmatched[0]}」")
    return chunks
