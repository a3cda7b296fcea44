"""Citations as a reader of the output's language sees them. Chinese output is unchanged (《title》 › heading:
passage). English output names a Chinese article by its English gloss and says what the section says in English
(method/sources_en.toml), instead of a Chinese title and passage the reader cannot read; the JSON keeps the
original citation."""
from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path

from .errors import ConfigError

SOURCES_EN = Path(__file__).resolve().parent / "method" / "sources_en.toml"
HAN = re.compile(r"[\u3400-\u9fff]")
HEADING_SEP = " › "
MERGED_SEP = " / "  # a passage that runs across two sections is headed "4.营造氛围 / 社群营销价值"
# When an article or section has no gloss yet: say so rather than show text the reader cannot read.
UNKNOWN_TITLE = "an article in Chinese"
UNKNOWN_PASSAGE = "(the passage is in Chinese)"


@lru_cache(maxsize=1)
def _table() -> dict:
    data = tomllib.loads(SOURCES_EN.read_text(encoding="utf-8"))
    for title, entry in data.items():
        texts = [entry.get("title", ""), entry.get("intro", "")]
        for key, pair in entry.get("sections", {}).items():
            if not (isinstance(pair, list) and len(pair) == 2):
                raise ConfigError(f"{SOURCES_EN.name} [{title}] {key}: 需要 [英文标题, 这一节说了什么]")
            texts += pair
        if not entry.get("title") or any(HAN.search(t) for t in texts):
            raise ConfigError(f"{SOURCES_EN.name} [{title}]: 需要英文的 title,译文里不能有中文")
    return data


def title_shown(title: str, lang: str) -> str:
    """The article's name as the reader of ``lang`` sees it: 《中文标题》 in Chinese; in English the title in
    quotes, a Chinese one by its English gloss marked as a Chinese article."""
    if lang != "en":
        return f"《{title}》"
    if not HAN.search(title):
        return f"“{title}”"
    en = english_title(title)
    return f"“{en}” (an article in Chinese)" if en else UNKNOWN_TITLE


def english_title(title: str) -> str:
    """The English name of a Chinese article ("" when it has none yet)."""
    return _table().get(title, {}).get("title", "")


def heading_shown(title: str, heading: str, lang: str) -> str:
    """The section path in the reader's language ("" when an English reader would get no English name)."""
    if lang != "en" or not HAN.search(heading):
        return heading
    sections = _table().get(title, {}).get("sections", {})
    parts = [MERGED_SEP.join(sections[x][0] for x in p.split(MERGED_SEP) if x in sections)
             for p in heading.split(HEADING_SEP)]
    return HEADING_SEP.join(p for p in parts if p)


def passage_shown(title: str, heading: str, excerpt: str, lang: str) -> str:
    """The passage for the reader: as it is, or for an English reader of a Chinese passage what its section says."""
    if lang != "en" or not HAN.search(excerpt):
        return excerpt
    entry = _table().get(title, {})
    sections = entry.get("sections", {})
    last = heading.split(HEADING_SEP)[-1].split(MERGED_SEP) if heading else []
    glosses = [sections[x][1] for x in last if x in sections]
    if glosses:
        return " ".join(glosses)
    return entry.get("intro") if not heading and entry.get("intro") else UNKNOWN_PASSAGE


def citation_line(c, lang: str, colon: str) -> str:
    """One citation on a line: title › heading, then the passage (the plan's Sources, the CLI's answer)."""
    heading = heading_shown(c.title, c.heading, lang)
    return (title_shown(c.title, lang) + (HEADING_SEP + heading if heading else "") + colon
            + passage_shown(c.title, c.heading, c.excerpt, lang))
