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
    path: str = ""  # the file it came from, for bookkeeping across ingests
    questions: tuple[str, ...] = ()  # what owners would ask that this passage answers (passage_questions)

    @property
    def metadata(self) -> dict:
        meta = {"source": self.source, "title": self.title, "heading": self.heading,
                "position": self.position, "language": self.language}
        if self.path:
            meta["path"] = self.path
        if self.questions:
            meta["questions"] = "\n".join(self.questions)
        return meta

    @property
    def embed_text(self) -> str:
        """What the embedder sees: the article title, the chunk (which starts with its heading path), then
        the questions it answers."""
        return "\n".join([self.title, self.text, *self.questions])


def split_sentences(text: str) -> list[str]:
    return [s for s in (p.strip() for p in _SENT.split(text)) if s]


HEADING_SEP = " › "
_NUMBERED = re.compile(r"^(?:\d{1,2}|[IVX]{1,4})\s*[.、]")


def _sections(body: str) -> list[tuple[str, list[str]]]:
    """(heading path, paragraphs) per section. A numbered heading ("1.仪式感") sits under the last
    unnumbered one ("社群运营"), so its path reads "社群运营 › 1.仪式感"."""
    sections: list[tuple[str, list[str]]] = [("", [])]
    parent = ""
    for block in re.split(r"\n\s*\n", body):
        block = block.strip()
        if not block:
            continue
        if block.startswith("#"):
            heading = block.lstrip("# ").strip()
            if _NUMBERED.match(heading):
                path = f"{parent}{HEADING_SEP}{heading}" if parent else heading
            else:
                parent = path = heading
            sections.append((path, []))
        else:
            sections[-1][1].append(block)
    sections = [(h, ps) for h, ps in sections if ps]
    # A heading with one short sentence is a poor passage on its own: fold it into the next section.
    merged: list[tuple[str, list[str]]] = []
    carry: tuple[str, list[str]] | None = None
    for h, ps in sections:
        if carry:
            h = _join(carry[0], h)
            ps = carry[1] + ps
            carry = None
        if sum(len(p) for p in ps) < 80:
            carry = (h, ps)
            continue
        merged.append((h, ps))
    if carry:
        if merged:
            h, ps = merged[-1]
            merged[-1] = (_join(h, carry[0]), ps + carry[1])
        else:
            merged.append(carry)
    return merged


def _join(a: str, b: str) -> str:
    """Two merged sections' paths: "X › 1.A" + "X › 2.B" -> "X › 1.A / 2.B"; "X" + "X › 1.A" -> "X › 1.A"."""
    if not a or not b:
        return a or b
    pa, pb = a.split(HEADING_SEP), b.split(HEADING_SEP)
    shared = 0
    while shared < min(len(pa), len(pb)) and pa[shared] == pb[shared]:
        shared += 1
    if shared == len(pa):
        return b
    if shared == len(pb):
        return a
    head = HEADING_SEP.join(pa[:shared])
    tail = f"{HEADING_SEP.join(pa[shared:])} / {HEADING_SEP.join(pb[shared:])}"
    return f"{head}{HEADING_SEP}{tail}" if head else tail


# Paragraphs first, then Chinese and English sentence ends, then clauses: chunks break at the
# largest boundary that keeps them within size.
SEPARATORS = ["\n\n", "\n", "。", "!", "?", "!", "?", ";", ";", "…", ". ", ",", ",", " ", ""]


def _splitter(max_chars: int, overlap: int):
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    return RecursiveCharacterTextSplitter(separators=SEPARATORS, keep_separator="end", chunk_size=max_chars,
                                          chunk_overlap=overlap, length_function=len, strip_whitespace=True)


def chunk_article(article: Article, *, max_chars: int | None = None, overlap: int | None = None) -> list[Chunk]:
    """Chunks of a few hundred characters that break at paragraph and sentence ends, overlapping by
    a sentence or so, with the section heading kept as metadata."""
    zh = article.language == "zh"
    max_chars = max_chars or (320 if zh else 900)
    overlap = overlap if overlap is not None else (80 if zh else 200)
    chunks: list[Chunk] = []
    seen: dict[str, int] = {}
    for heading, paras in _sections(article.body):
        # The heading line counts toward the size, so the passage shrinks by its length.
        splitter = _splitter(max(max_chars - len(heading) - 1, max_chars // 2), overlap)
        for text in splitter.split_text("\n\n".join(paras)):
            text = re.sub(r"\n{2,}", "\n", text).strip()
            if text:
                # The heading path leads the text that is embedded, keyword-indexed and shown, so a
                # passage such as "这种交付群……" still says it is about 学习型交付群.
                shown = f"{heading}\n{text}" if heading else text
                chunks.append(_make(article, heading, shown, len(chunks), seen))
    return chunks


def _make(article: Article, heading: str, text: str, position: int, seen: dict[str, int]) -> Chunk:
    # Ids come from the content (and the source), so unchanged text keeps its id across ingests.
    base = hashlib.sha1(f"{article.source}\x1f{heading}\x1f{text}".encode()).hexdigest()[:20]
    n = seen.get(base, 0)
    seen[base] = n + 1
    cid = base if n == 0 else f"{base}-{n}"
    return Chunk(id=cid, text=text, source=article.source, title=article.title, heading=heading,
                 position=position, language=article.language)
