"""Loading and cleaning articles: raw scraped pages in, faithful Markdown with front matter out.

The cleaner removes what web pages wrap around an article (navigation, breadcrumbs, "related" lists,
video lists, footers and ICP numbers, reward/points pop-ups, a platform's pasted community rules,
previous/next links and teaser lines) and keeps the article's own words untouched.
"""
from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError

SUPPORTED_SUFFIXES = {".md", ".txt", ".html", ".htm"}


class CorpusError(InputError):
    """A file that cannot be read as an article (the message names the file)."""


@dataclass
class Article:
    """One cleaned article."""

    title: str
    body: str  # Markdown: paragraphs separated by blank lines, headings as "## ..."
    source: str  # file name it came from
    language: str = "zh"
    author: str | None = None
    date: str | None = None
    meta: dict = field(default_factory=dict)

    def to_markdown(self) -> str:
        fm = {"title": self.title, "source": self.source, "language": self.language}
        if self.author:
            fm["author"] = self.author
        if self.date:
            fm["date"] = self.date
        lines = ["---"] + [f"{k}: {_yaml_str(v)}" for k, v in fm.items()] + ["---", ""]
        return "\n".join(lines) + f"# {self.title}\n\n" + self.body.strip() + "\n"


def _yaml_str(v: str) -> str:
    return '"' + str(v).replace("\\", "\\\\").replace('"', '\\"') + '"'


# --- patterns -------------------------------------------------------------------------------------
# Lines after which nothing belongs to the article any more (attribution trailers, copyright, lists).
_END_MARKERS = re.compile(
    r"^(本文由\s*@|本文作者\s*@|版权声明|本文链接|相关行业资讯|相关文章|相关阅读|相关推荐|相关视频|"
    r"猜你喜欢|推荐阅读|上一篇|下一篇|<<:|>>:|分享到朋友圈|Previous:|Next:)"
)
# Attribution glued to the end of the last paragraph ("... Author: X Source: Y |").
_TRAILING_ATTRIBUTION = re.compile(r"\s*(?:Author|作者)\s*[::]\s*(?P<author>[^|]*?)\s*(?:(?:Source|来源)\s*[::][^|]*)?\|?\s*$")
_AUTHOR_PATTERNS = [
    re.compile(r"本文(?:作者)?\s*@\s*(?P<a>[^\s由,,。]+)"),
    re.compile(r"本文由\s*@\s*(?P<a>[^\s,,。]+)"),
    re.compile(r"^(?:Author|作者)\s*[::]\s*(?P<a>[^|]+?)\s*(?:(?:Source|来源)\s*[::]|\||$)"),
]
_NAV_LINE = re.compile(
    r"(返回首页|当前位置\s*[::]|首页\s*[>›»]|^APP推广合作$|^联系[“\"].*[”\"]$|^登录$|^注册$|^搜索$|^菜单$|"
    r"^(?:Home|Menu|Login|Sign in|Search)$)",
    re.I,
)
_META_LINE = re.compile(
    r"^(信息来源|信息发布时间|发布时间|来源|阅读量|浏览量|标签)\s*[::]"
    r"|^\S{0,12}\d{4}-\d{1,2}-\d{1,2}(\s+\d{1,2}:\d{2}(:\d{2})?)?\S{0,12}$"
)
_DATE = re.compile(r"(\d{4})[-/年.](\d{1,2})[-/月.](\d{1,2})")
_FOOTER_LINE = re.compile(r"(ICP备|ICP证|版权所有|Copyright|©|All rights reserved|公网安备|题图来自|该文观点仅代表作者|未经许可,?禁止转载|转载请注明)", re.I)
# Reward/points pop-ups and share widgets of content platforms.
_WIDGET_LINE = re.compile(
    r"(羽毛|立即兑换|积分不足|确认要消耗|^我知道了$|^考虑一下$|^收藏$|^评分$|^综合评分|^我的评分|复制链接|好友微信扫一扫|"
    r"^恭喜你|答对了|下一次认真读|成功推荐给其他人|评论成功|^分享到|^点赞$|^打赏$|会员特权$|体验卡$|优惠券$|^发表文章\d+)"
)
# Site clutter inside a sentence: self-promotion, "小编" lines, tip jars, follow/share prompts. A clause that
# matches is cut; a line that is mostly such clauses goes whole (ad blocks such as "限时优惠!扫码关注领红包!").
_CLUTTER_CLAUSE = re.compile(
    r"小编|www\.[\w-]+\.\w+|https?://\S+|本站|(?:关注|订阅)(?:我们|本号|公众号|本站)|打赏|扫码(?:关注|领)|"
    r"点赞.{0,3}(?:在看|收藏|转发)|转发.{0,3}朋友圈|(?:Subscribe|Follow us|Sign up for our newsletter)",
    re.I,
)
_CLAUSE = re.compile(r"[^,,。!?!?;;]*[,,。!?!?;;]?")
# English headings glued to their text by the scraper: "1. VisionVisions can…", "III. RulesRules can…".
_GLUED_HEADING = re.compile(r"(?:(?<=^)|(?<=[\s.:!?]))((?:\d{1,2}|[IVX]{1,4})\.\s?[A-Z][a-z]{2,})(?=[A-Z])")
_EN_HEADING = re.compile(r"^(?:\d{1,2}|[IVX]{1,4})\.\s?[A-Z][A-Za-z]+(?: [A-Za-z]+){0,4}$")
# A page <title> carries the site's name after a separator: "文章标题 - 某某网", "Title | Site".
_TITLE_SUFFIX = re.compile(r"\s*(?:[-|_–—]|::)\s*[^-|_–—]{1,30}$")


def _strip_clutter(line: str) -> str:
    """Cut clutter clauses from a line; '' when what remains is only a fragment of an ad block."""
    if not _CLUTTER_CLAUSE.search(line):
        return line
    clauses = [c for c in _CLAUSE.findall(line) if c]
    kept = [c for c in clauses if not _CLUTTER_CLAUSE.search(c)]
    rest = "".join(kept).strip()
    if len(rest) < 15 and len(rest) < len(line) / 2:
        return ""
    return rest


# A platform's community rules pasted under an article: starts with a typical opener, ends with the
# "final interpretation" line.
_RULES_START = re.compile(r"(我们致力于提供一个高质量内容的交流平台|社区公约|用户公约|依法管网、依法办网)")
_RULES_END = re.compile(r"(最终解释权|^三、申诉)")
_NUMBERED_LIST_ITEM = re.compile(r"^\s*(?:\d{1,3}[、.)]|[-•·*])\s*\S")
_SENTENCE_END = "。!?!?;;…"
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _normalise_line(line: str) -> str:
    line = unicodedata.normalize("NFC", line).replace("\u00a0", " ").replace("\u3000", " ")
    line = re.sub(r"^\s*[•·●▪]\s*", "- ", line)
    return re.sub(r"[ \t]+", " ", line).strip()


def detect_language(text: str) -> str:
    cjk = len(_CJK.findall(text))
    latin = len(re.findall(r"[A-Za-z]", text))
    return "zh" if cjk >= latin / 4 else "en"


def _html_to_text(raw: str) -> str:
    page_title = re.search(r"(?is)<title[^>]*>(.*?)</title>", raw)
    raw = re.sub(r"(?is)<(head|script|style|nav|footer|header|aside|noscript)\b.*?</\1>", "\n", raw)
    raw = re.sub(r"(?i)<br\s*/?>|</(p|div|h[1-6]|li|tr|section|article)>", "\n", raw)
    m = re.search(r"(?is)<h1[^>]*>(.*?)</h1>", raw)
    # The article's own <h1> wins; the page <title> (minus the site's name) only when there is none.
    title = html.unescape(re.sub(r"<[^>]+>", "", m.group(1))).strip() if m else ""
    if not title and page_title:
        title = _TITLE_SUFFIX.sub("", html.unescape(re.sub(r"<[^>]+>", "", page_title.group(1))).strip())
    text = html.unescape(re.sub(r"(?s)<[^>]+>", "", raw))
    if m:  # drop the <h1> where it stood; it leads the text below
        text = text.replace(title, "", 1) if title else text
    return (title + "\n" + text) if title else text


def _is_truncated_title(line: str) -> bool:
    """A page title cut mid-way, e.g. "微信小程序失败了吗?(微信用不了小程序怎么" (unbalanced bracket)."""
    return line.count("(") + line.count("(") > line.count(")") + line.count(")")


def _looks_like_title(line: str) -> bool:
    return 4 <= len(line) <= 80 and not line.endswith(("。", ".", ",", ",", ":", ":")) and not _is_truncated_title(line)


def _is_heading(line: str, nxt: str | None) -> bool:
    """Short lines without sentence punctuation that introduce a paragraph ("社群要素", "1.同好", "3.怎么设计长期目标?")."""
    if nxt is not None and _EN_HEADING.match(line):
        return True
    if nxt is None or len(line) > 26 or line.startswith("- ") or not _CJK.search(line):
        return False
    if line.endswith((",", ",", "、", ":", ":")) or "“" in line or "。" in line:
        return False
    if re.match(r"^\d{1,2}[.、]", line):
        return True  # numbered section titles may end with a question mark
    return not any(ch in line for ch in _SENTENCE_END + ".")


def _is_teaser(line: str, following: list[str]) -> bool:
    """A summary line that repeats the opening and is cut off with an ellipsis."""
    if not line.endswith(("……", "...", "…")):
        return False
    stem = line.rstrip("…. ")[:20]
    return len(stem) >= 10 and "".join(following[:3]).startswith(stem)


def clean_text(raw: str, source: str = "", *, is_html: bool = False) -> Article:
    """Clean one scraped page into an :class:`Article`. Raises :class:`CorpusError` if nothing is left."""
    if is_html or re.search(r"(?i)<(html|body|p|div)\b", raw[:2000]):
        raw = _html_to_text(raw)
    raw = _GLUED_HEADING.sub(lambda m: "\n" + m.group(1) + "\n", raw)
    lines = [_normalise_line(line) for line in raw.splitlines()]

    author = None
    date = None
    # 1. Cut everything from the first end marker on; harvest the author from attribution lines.
    body: list[str] = []
    for line in lines:
        if not line:
            body.append("")
            continue
        if _END_MARKERS.match(line) or _RULES_START.search(line):
            for pat in _AUTHOR_PATTERNS:
                m = pat.search(line)
                if m and not author:
                    author = m.group("a").strip(" @")
            break
        m = _TRAILING_ATTRIBUTION.search(line)
        if m and len(line) > len(m.group(0)):
            author = author or m.group("author").strip() or None
            line = line[: m.start()].rstrip()
        elif re.match(r"^(本文作者|作者)\s*[@::]", line):
            m2 = _AUTHOR_PATTERNS[0].search(line) or _AUTHOR_PATTERNS[2].search(line)
            author = author or (m2.group("a").strip() if m2 else None)
            break
        body.append(line)

    # 2. Drop navigation, meta, footer and widget lines; pasted rules blocks; teaser lines.
    kept: list[str] = []
    in_rules = False
    for i, line in enumerate(body):
        if not line:
            kept.append("")
            continue
        if in_rules:
            in_rules = not _RULES_END.search(line)
            continue
        if _RULES_START.search(line):
            in_rules = True
            continue
        if _META_LINE.search(line):
            d = _DATE.search(line)
            if d and not date:
                date = f"{int(d.group(1)):04d}-{int(d.group(2)):02d}-{int(d.group(3)):02d}"
            continue
        if _NAV_LINE.search(line) or _FOOTER_LINE.search(line) or _WIDGET_LINE.search(line):
            continue
        following = [x for x in body[i + 1 : i + 6] if x]
        if _is_teaser(line, following):
            continue
        line = _strip_clutter(line)
        if line:
            kept.append(line)

    # 3. Title: the first title-like line near the top; truncated page titles are dropped.
    nonblank = [i for i, x in enumerate(kept) if x]
    title = ""
    for i in nonblank[:4]:
        line = kept[i]
        if _is_truncated_title(line) and len(line) <= 80:
            kept[i] = ""
            continue
        if _looks_like_title(line):
            title = line
            kept[i] = ""
        break
    if title:
        # Repeats of the title (image captions, subtitles that are part of it) are page furniture.
        kept = ["" if (x == title or (len(x) >= 8 and x in title)) else x for x in kept]

    # 4. Runs of list items with no sentence (link lists such as related articles or videos).
    kept = _drop_link_lists(kept)
    # 5. A short unpunctuated fragment glued to the last paragraph ("…就是这么快。企业网站建设常见问题").
    paras = [x for x in kept if x]
    if not paras:
        raise CorpusError(f"{source or '输入'}: 清洗后没有正文内容")
    last = paras[-1]
    m = re.search(r"([。!?!?])([^。!?!?,,;;]{2,20})$", last)
    if m and len(last) > 60:
        kept[len(kept) - 1 - kept[::-1].index(last)] = last[: m.start(2)]

    text = "\n".join(kept)
    language = detect_language(text)
    if not title:
        first = next(x for x in kept if x)
        title = _short_title(first) or Path(source).stem
    md = _to_markdown(kept)
    return Article(title=title, body=md, source=source, language=language, author=author, date=date)


def _short_title(text: str, limit: int = 60) -> str:
    first = re.split(r"[。!?!?]|(?<=[a-z])\.\s", text)[0].strip(" :：")
    if len(first) <= limit:
        return first
    cut = first[:limit]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut) + "…"


def _drop_link_lists(lines: list[str]) -> list[str]:
    out = list(lines)
    i = 0
    n = len(out)
    while i < n:
        j = i
        while j < n and out[j] and _NUMBERED_LIST_ITEM.match(out[j]) and not any(c in out[j] for c in "。!?"):
            j += 1
        if j - i >= 5:  # five or more bare list lines in a row: a link list, not content
            for k in range(i, j):
                out[k] = ""
        i = max(j, i + 1)
    return out


def _to_markdown(lines: list[str]) -> str:
    paras = [x for x in lines if x]
    out: list[str] = []
    for i, line in enumerate(paras):
        nxt = paras[i + 1] if i + 1 < len(paras) else None
        if _is_heading(line, nxt):
            out.append(f"## {line}")
        else:
            out.append(line)
    return "\n\n".join(out)


# --- reading files --------------------------------------------------------------------------------
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)


def read_text(path: Path) -> str:
    """Read a text file as UTF-8 (with or without BOM), or GB18030; a clear error otherwise."""
    try:
        data = path.read_bytes()
    except OSError as e:
        raise CorpusError(f"{path}: 无法读取文件({e.strerror or e})",
                          en=f"{path}: cannot read the file ({e.strerror or e})") from e
    for enc in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            break
        return text
    raise CorpusError(f"{path}: 文件编码无法识别(请使用 UTF-8)",
                      en=f"{path}: unknown text encoding (please save it as UTF-8)")


def parse_markdown(text: str, source: str) -> Article:
    """Parse a cleaned article (front matter + Markdown) back into an :class:`Article`."""
    meta: dict[str, str] = {}
    m = FRONT_MATTER.match(text)
    if m:
        for line in m.group(1).splitlines():
            if ":" in line:
                k, v = line.split(":", 1)
                v = v.strip()
                if len(v) >= 2 and v[0] == v[-1] == '"':
                    v = v[1:-1].replace('\\"', '"').replace("\\\\", "\\")
                meta[k.strip()] = v
        text = text[m.end():]
    body = text.strip()
    h1 = re.match(r"#\s+(.+)\n", body)
    title = meta.get("title") or (h1.group(1).strip() if h1 else Path(source).stem)
    if h1:
        body = body[h1.end():].strip()
    if not body:
        raise CorpusError(f"{source}: 文件没有正文内容")
    return Article(title=title, body=body, source=meta.get("source", source), language=meta.get("language") or detect_language(body),
                   author=meta.get("author"), date=meta.get("date"), meta=meta)


def load_file(path: Path) -> Article:
    """Load one .md/.txt/.html file. Markdown with front matter is taken as already clean."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise CorpusError(f"{path}: 不支持的文件类型 {suffix or '(无扩展名)'},支持 .md .txt .html")
    text = read_text(path)
    if not text.strip():
        raise CorpusError(f"{path}: 文件为空")
    if suffix == ".md" and FRONT_MATTER.match(text):
        art = parse_markdown(text, path.name)
        art.source = path.name
        return art
    return clean_text(text, path.name, is_html=suffix in {".html", ".htm"})


def iter_files(paths: list[Path]) -> list[Path]:
    """Expand files and folders into the supported files they contain, sorted."""
    out: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            out.extend(sorted(x for x in p.rglob("*") if x.is_file() and x.suffix.lower() in SUPPORTED_SUFFIXES and not x.name.startswith(".")))
        else:
            out.append(p)
    return out


def build_corpus(seed_dir: Path, out_dir: Path) -> list[Path]:
    """Clean every seed page in ``seed_dir`` into ``out_dir/<stem>.md`` (used to make ``corpus/``)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for f in iter_files([seed_dir]):
        art = load_file(f)
        art.source = f.name
        target = out_dir / (f.stem + ".md")
        target.write_text(art.to_markdown(), encoding="utf-8")
        written.append(target)
    return written
