"""Splitting cleaned articles into retrieval chunks that respect Chinese sentence boundaries."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from .corpus import Article

# Sentence ends for Chinese (。!?;…) and English (. ! ? followed by a space).
_SENT = re.compile(r"(?<=[。!?!?;;…])|(?<=[.!?])\s+(?=[A-Z0-9\"“(])")


@dataclass(frozen=True)
class Chunk:
    id: str
    text: str
    source: str
    title: str
    heading: str
    position: int
    language: str

    @property
    def metadata(self) -> dict:
        return {"source": self.source, "title": self.title, "heading": self.heading,
                "position": self.position, "language": self.language}

    @property
    def embed_text(self) -> str:
        """What the embedder sees: the chunk with its title and section for context."""
        ctx = self.title if not self.heading else f"{self.title} · {self.heading}"
        return f"{ctx}\n{self.text}"


def split_sentences(text: str) -> list[str]:
    return [s for s in (p.strip() for p in _SENT.split(text)) if s]


def _sections(body: str) -> list[tuple[str, list[str]]]:
    sections: list[tuple[str, list[str]]] = [("", [])]
    for block in re.split(r"\n\s*\n", body):
        block = block.strip()
        if not block:
            continue
        if block.startswith("#"):
            sections.append((block.lstrip("# ").strip(), []))
        else:
            sections[-1][1].append(block)
    sections = [(h, ps) for h, ps in sections if ps]
    # A heading with one short sentence is a poor passage on its own: fold it into the next section.
    merged: list[tuple[str, list[str]]] = []
    carry: tuple[str, list[str]] | None = None
    for h, ps in sections:
        if carry:
            h = f"{carry[0]} / {h}" if carry[0] and h else (carry[0] or h)
            ps = carry[1] + ps
            carry = None
        if sum(len(p) for p in ps) < 80:
            carry = (h, ps)
            continue
        merged.append((h, ps))
    if carry:
        if merged:
            h, ps = merged[-1]
            merged[-1] = (f"{h} / {carry[0]}" if h and carry[0] else (h or carry[0]), ps + carry[1])
        else:
            merged.append(carry)
    return merged


def chunk_article(article: Article, *, max_chars: int | None = None, overlap: int | None = None) -> list[Chunk]:
    """Pack whole sentences into chunks of a few hundred characters, overlapping by a sentence or two."""
    zh = article.language == "zh"
    max_chars = max_chars or (320 if zh else 900)
    overlap = overlap if overlap is not None else (80 if zh else 200)
    chunks: list[Chunk] = []
    seen: dict[str, int] = {}
    for heading, paras in _sections(article.body):
        sentences: list[str] = []
        for p in paras:
            sentences.extend(split_sentences(p) or [p])
            sentences.append("\n")  # paragraph break marker
        buf: list[str] = []
        size = 0

        def flush() -> None:
            text = _join(buf)
            if text.strip():
                chunks.append(_make(article, heading, text, len(chunks), seen))

        for s in sentences:
            if s == "\n":
                if buf and buf[-1] != "\n":
                    buf.append("\n")
                continue
            if size + len(s) > max_chars and any(x != "\n" for x in buf):
                flush()
                # Carry the tail sentences (up to `overlap` chars) into the next chunk.
                tail: list[str] = []
                t = 0
                for x in reversed([x for x in buf if x != "\n"]):
                    if t + len(x) > overlap:
                        break
                    tail.insert(0, x)
                    t += len(x)
                buf, size = tail, t
            buf.append(s)
            size += len(s)
        flush()
    return chunks


def _join(parts: list[str]) -> str:
    out = ""
    for p in parts:
        if p == "\n":
            out = out.rstrip() + "\n"
        elif out and not out.endswith("\n") and re.match(r"[A-Za-z0-9\"“(]", p) and re.search(r"[A-Za-z.!?,\"”)]$", out):
            out += " " + p
        else:
            out += p
    return out.strip()


def _make(article: Article, heading: str, text: str, position: int, seen: dict[str, int]) -> Chunk:
    # Ids come from the content (and the source), so unchanged text keeps its id across ingests.
    base = hashlib.sha1(f"{article.source}\x1f{heading}\x1f{text}".encode()).hexdigest()[:20]
    n = seen.get(base, 0)
    seen[base] = n + 1
    cid = base if n == 0 else f"{base}-{n}"
    return Chunk(id=cid, text=text, source=article.source, title=article.title, heading=heading,
                 position=position, language=article.language)
