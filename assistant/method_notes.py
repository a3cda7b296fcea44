"""The method's notes for offline answers (``method/notes.toml``): the note a question is about, by
meaning (the bundled e5 model against each note's ``about`` line) with whole keywords as support."""
from __future__ import annotations

import threading
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import ConfigError

NOTES_FILE = Path(__file__).resolve().parent / "method" / "notes.toml"
# e5's similarities are compressed (an unrelated question still scores ~0.80): a note is chosen by meaning
# alone at NOTE_MIN, and each whole keyword adds KEYWORD_BONUS (up to 2).
NOTE_MIN = 0.89
KEYWORD_BONUS = 0.03
# A clear winner counts a little lower: at CLEAR_MIN when it leads the runner-up by CLEAR_MARGIN.
CLEAR_MIN = 0.87
CLEAR_MARGIN = 0.015


@dataclass(frozen=True)
class Note:
    key: str
    about: str
    keywords: tuple[str, ...]
    text: str
    text_en: str = ""
    about_en: str = ""

    def text_in(self, lang: str) -> str:
        return self.text_en if lang == "en" and self.text_en else self.text


@lru_cache(maxsize=1)
def notes() -> tuple[Note, ...]:
    """Every note, checked when loaded."""
    data = tomllib.loads(NOTES_FILE.read_text(encoding="utf-8"))
    out, keys = [], set()
    for i, n in enumerate(data.get("note", []), 1):
        missing = [f for f in ("key", "about", "about_en", "keywords", "text", "text_en") if not n.get(f)]
        if missing or n["key"] in keys:
            raise ConfigError(f"{NOTES_FILE.name}: 第 {i} 条 note " + (f"缺少 {', '.join(missing)}" if missing else "key 重复"))
        keys.add(n["key"])
        out.append(Note(n["key"], n["about"], tuple(n["keywords"]), " ".join(n["text"].split()), n["text_en"], n["about_en"]))
    return tuple(out)


_lock = threading.Lock()


@lru_cache(maxsize=1)
def _vectors() -> tuple[tuple[tuple[float, ...], tuple[float, ...]], ...]:
    """Each note's ``about`` and ``about_en`` embedded: a question matches the closer of the two."""
    from .embeddings import E5Embeddings

    with _lock:
        texts = [t for n in notes() for t in (n.about, n.about_en)]
        vecs = [tuple(v) for v in E5Embeddings().cached_documents("notes", texts)]
        return tuple(zip(vecs[0::2], vecs[1::2]))


def scores(question: str, *, semantic: bool = True) -> list[tuple[str, float]]:
    """Each note's score for ``question``, best first."""
    from .industry import _cos, keyword_hits, words

    tokens = words(question)
    sims = [0.0] * len(notes())
    if semantic:
        from .embeddings import E5Embeddings

        q = E5Embeddings().embed_query(question)
        sims = [max(_cos(q, list(zh)), _cos(q, list(en))) for zh, en in _vectors()]
    offers = _offers_in(question)
    out = [(n.key, s + KEYWORD_BONUS * min(len(keyword_hits(question, list(n.keywords), tokens))
                                           + (offers if n.key == OFFER_NOTE else 0), 2))
           for n, s in zip(notes(), sims)]
    return sorted(out, key=lambda x: -x[1])


# A question that carries an offer the guard knows ("可以在群里发第二杯半价吗", "a free gift with every
# order?") is asking whether to run market norms, whatever else it says.
OFFER_NOTE = "market_norms"
OFFER_TYPES = ("cash", "offer", "price")


def _offers_in(question: str) -> int:
    from .guard import lint_post
    from .guard_rules import find_rule

    report = lint_post(question, learned=False)
    return int(any(find_rule(f.code).type in OFFER_TYPES for f in report.findings))


def best_note(question: str, *, semantic: bool = True) -> Note | None:
    """The note a question is about, or None when none fits well enough."""
    ranked = scores(question, semantic=semantic)
    if not ranked:
        return None
    key, score = ranked[0]
    margin = score - (ranked[1][1] if len(ranked) > 1 else 0.0)
    if semantic:
        fits = score >= NOTE_MIN or (score >= CLEAR_MIN and margin >= CLEAR_MARGIN)
    else:
        fits = score >= KEYWORD_BONUS
    return next(n for n in notes() if n.key == key) if fits else None


def method_note(question: str, *, semantic: bool = True, lang: str = "zh") -> str:
    """The text of the note a question is about, in ``lang``, or "" when none fits well enough."""
    note = best_note(question, semantic=semantic)
    return note.text_in(lang) if note else ""
