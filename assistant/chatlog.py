"""Chat exports, read as a stream of messages: QQ/TIM text records, WeChat CSV, Telegram JSON, plain CSV.

The format is detected from the content (``detect_format``); ``read_messages`` yields :class:`Message`
objects one at a time so a 200,000-message export is read in bounded memory. A line that cannot be read
is counted in :class:`ParseStats` and skipped, never fatal.
"""
from __future__ import annotations

import codecs
import csv
import datetime as dt
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError

FORMATS = ("qq", "wechat", "telegram", "csv")
FORMAT_HELP = "QQ/TIM 文本消息记录、微信聊天记录 CSV、Telegram 的 result.json,或含 时间/发送者/内容 三列的 CSV"
FORMAT_HELP_EN = "a QQ/TIM text export, a WeChat chat CSV, a Telegram result.json, or a CSV with time, sender and text columns"

QQ_HEADER = "消息记录"
QQ_HEADING = re.compile(r"^消息(分组|对象)\s*[:\uff1a]\s*(.*)$")
# --- times: one reading for every format -----------------------------------------------------------------
# A date (2024-03-01, 2024/3/1, 2024.3.1, 2024年3月1日) and a clock (9:05, 9:05:07, 09:05:07.123), with a
# 12-hour clock after a word for the time of day (下午3:07:12, 上午 9:05; see _hour_of_day) or before AM/PM
# (3:07 PM; not in QQ headers, see QQ_CLOCK), and an ISO "T" and zone offset (kept as the wall-clock time
# written). QQ/TIM headers, WeChat CSV's StrTime, a plain CSV's time column and Telegram's dates are all read
# by parse_time / _when.
MERIDIEM = ("凌晨", "早晨", "早上", "上午", "中午", "下午", "傍晚", "晚上")
_WORD = "|".join(MERIDIEM)
DATE_PATTERN = r"(?P<y>\d{4})\s*[-/.年]\s*(?P<mo>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})(?:\s*[日号])?"
# QQ_CLOCK has no AM/PM: QQ writes a 24-hour clock or a word before it (下午3:07:12), never "3:07 PM", and
# a nickname may begin with "AM " or "PM " (2024-05-01 9:15:02 PM Studio(12345) is PM Studio at 09:15:02).
QQ_CLOCK = (r"(?:(?P<word>" + _WORD + r")\s*)?(?P<h>\d{1,2})[:\uff1a](?P<mi>\d{2})"
            r"(?:[:\uff1a](?P<s>\d{2})(?:[.,]\d{1,6})?)?")
CLOCK_PATTERN = QQ_CLOCK + r"(?:\s*(?P<ampm>[AaPp])\.?[Mm]\.?(?![A-Za-z]))?"
TIME_TEXT = re.compile(r"\s*" + DATE_PATTERN + r"(?:(?:[T\s]\s*|(?<=[日号])|(?=" + _WORD + r"))" + CLOCK_PATTERN
                       + r"(?:\s*(?:Z|[+-]\d{2}(?::?\d{2})?))?)?"
                       # a trailing weekday or zone name some exporters add (… 15:07:12 星期六, … UTC, … GMT+8)
                       + r"(?:\s*(?:(?:星期|周)[一二三四五六日天]|[A-Z]{2,4}(?:[+-]\d{1,2}(?::?\d{2})?)?))?\s*$")
# "2024-03-01 9:05:07 昵称(12345678)" or "... 昵称<someone@example.com>"; a name may hold parentheses. Other
# QQ versions and locales write the date with slashes (2024/3/1), may leave out the seconds (9:05) and may
# write a 12-hour clock after a word (下午3:07:12): the same date and clock as every other format, less AM/PM.
QQ_LINE = re.compile(r"^" + DATE_PATTERN + " " + QQ_CLOCK
                     + r" (?P<name>.*?)(?:\((?P<qq>\d{4,})\)|<(?P<mail>[^<>\s]+)>)\s*$")
ROLE_TAG = re.compile(r"^【(群主|管理员|[^】]{1,8})】")
MEDIA_ONLY = re.compile(r"^(\s*\[(图片|表情|语音|视频|文件|动画表情|Image|Sticker|Photo|Voice|Video|File)\]\s*)+$",
                        re.IGNORECASE)
SYSTEM_IDS = {"10000", "1000000"}  # QQ's system sender numbers
# Money sent in the chat, as exports write it in place of the red packet or transfer itself: WeChat shows
# [红包]恭喜发财,大吉大利 (in notifications [微信红包]…; an English client [Red Packet]…) and [转账] / [Transfer];
# QQ's text export writes [QQ红包]我发了一个“拼手气红包”… . WeChat CSV exports mark them by type instead
# (WECHAT_MONEY) and are given the same placeholder. Telegram has neither.
MONEY_MARK = re.compile(r"^\s*\[(?:(?P<packet>QQ红包|微信红包|红包|Red ?Packets?|Red Envelope|Hongbao)"
                        r"|(?P<transfer>转账|微信转账|QQ转账|Transfer))\]", re.IGNORECASE)
# WeChat's app messages (Type 49) carry the kind in SubType: 2001 a red packet, 2000 a transfer (the codes MSG.db
# readers such as PyWxDump map the same way)
WECHAT_MONEY = {("49", "2001"): "[红包]", ("49", "2000"): "[转账]"}
WECHAT_TITLE = re.compile(r"<(?:sendertitle|receivertitle|feedesc|des)>(?:<!\[CDATA\[)?([^<\]]{1,60})")


def money_kind(text: str) -> str | None:
    """``red_packet`` or ``transfer`` when a message is an export's placeholder for money sent in the chat."""
    m = MONEY_MARK.match(text)
    if not m:
        return None
    return "red_packet" if m["packet"] else "transfer"

WECHAT_COLUMNS = {"localId", "TalkerId", "Type", "IsSender", "CreateTime", "StrContent"}
CSV_TIME = ("time", "timestamp", "date", "datetime", "时间", "发送时间", "日期")
CSV_SENDER = ("sender", "from", "author", "name", "user", "发送者", "发送人", "发言人", "昵称", "用户", "成员")
CSV_TEXT = ("text", "message", "content", "body", "内容", "消息", "消息内容", "文本", "聊天内容")


@dataclass(frozen=True)
class Message:
    """One message: when, who, what. ``kind`` is text, media (image/sticker only) or system."""

    time: dt.datetime
    sender: str
    text: str
    kind: str = "text"
    role: str | None = None  # 群主 / 管理员 when the export says so; "self" for the exporting account


@dataclass
class ParseStats:
    format: str = ""
    encoding: str = "utf-8-sig"
    bad_lines: int = 0
    system: int = 0
    # CSV rows with more fields than the header: the text held unquoted commas, and the extra fields were
    # joined back into it (see _fit_row); counted so the report can say so
    joined_lines: int = 0
    bytes_read: int = 0
    examples: list[str] = field(default_factory=list)
    joined_examples: list[str] = field(default_factory=list)

    def joined(self, what: str) -> None:
        self.joined_lines += 1
        if len(self.joined_examples) < 5:
            self.joined_examples.append(what[:80])

    def bad(self, what: str) -> None:
        self.bad_lines += 1
        if len(self.examples) < 5:
            self.examples.append(what[:80])


def _kind(text: str) -> str:
    return "media" if not text.strip() or MEDIA_ONLY.match(text) else "text"


def detect_format(path: Path) -> str:
    """Look at the first few KB: which of :data:`FORMATS` this export is. InputError if none."""
    head = _head(path)
    stripped = head.lstrip("\ufeff \r\n\t")
    if stripped.startswith("{") and '"messages"' in head:
        return "telegram"
    first = stripped.splitlines()[0] if stripped else ""
    if QQ_HEADER in first or any(QQ_LINE.match(line) for line in stripped.splitlines()[:40]):
        return "qq"
    try:
        header = next(csv.reader([first]))
    except (csv.Error, StopIteration):
        header = []
    cols = {c.strip() for c in header}
    if WECHAT_COLUMNS <= cols:
        return "wechat"
    if _csv_columns([c.strip().lower() for c in header]) is not None:
        return "csv"
    raise InputError(f"{path}: 认不出聊天记录的格式(支持 {FORMAT_HELP})",
                     en=f"{path}: not a chat export this can read ({FORMAT_HELP_EN})")


ENCODING_HELP = "UTF-8、GBK/GB18030 或带 BOM 的 UTF-16"


def _head(path: Path, size: int = 8192) -> str:
    return _sniff(path, size)[1]


def detect_encoding(path: Path) -> str:
    """The text encoding of an export: UTF-8 (BOM or not), UTF-16 with a BOM, or GB18030 (which reads GBK:
    what Excel and Notepad on Chinese Windows save). InputError for anything that is not text."""
    return _sniff(Path(path))[0]


def _sniff(path: Path, size: int = 8192) -> tuple[str, str]:
    """(encoding, the first ``size`` bytes decoded)."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read(size)
            final = not fh.read(1)
    except FileNotFoundError:
        raise InputError(f"{path}: 文件不存在", en=f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: 这是一个文件夹,请给出导出的聊天记录文件") from None
    except OSError as e:
        raise InputError(f"{path}: 无法读取({e.strerror})") from None
    if raw.startswith(codecs.BOM_UTF8):
        candidates = ("utf-8-sig",)
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ("utf-16",)
    else:
        candidates = ("utf-8", "gb18030")
    for enc in candidates:
        try:  # an incremental decoder leaves a character cut by the read size for later instead of failing
            text = codecs.getincrementaldecoder(enc)().decode(raw, final=final)
        except UnicodeDecodeError:
            if enc != "utf-8":
                continue
            # UTF-8 text with a damaged byte or two stays UTF-8 (read with replacements), not GB18030 mojibake
            text = codecs.getincrementaldecoder(enc)(errors="replace").decode(raw, final=final)
            if text.count("\ufffd") > 2 or not any(ord(ch) > 0x7F and ch != "\ufffd" for ch in text):
                continue
        if not _looks_binary(text):
            return enc, text
    raise InputError(f"{path}: 不是文本文件,或者编码认不出(支持 {ENCODING_HELP};格式支持 {FORMAT_HELP})",
                     en=f"{path}: not a text file, or in an encoding this cannot read (UTF-8, GBK/GB18030 or "
                        f"UTF-16 with a BOM; formats: {FORMAT_HELP_EN})")


def _looks_binary(text: str) -> bool:
    """Control characters, private-use or unassigned code points, stray BOMs: a decoded binary file."""
    bad = sum(1 for ch in text if (ch < " " and ch not in "\t\n\r\f\v") or ch in "\ufeff\ufffd"
              or unicodedata.category(ch) in ("Co", "Cn", "Cs"))
    return bad > max(2, len(text) // 50)


def read_messages(path: Path, fmt: str | None = None, stats: ParseStats | None = None,
                  conversation: int | None = None) -> Iterator[Message]:
    """Yield the messages of an export in file order. ``fmt`` forces one of :data:`FORMATS`; ``conversation``
    (an index into :func:`qq_conversations`) reads only that conversation of a QQ export that holds several."""
    path = Path(path)
    fmt = fmt or detect_format(path)
    if fmt not in FORMATS:
        raise InputError(f"未知的聊天记录格式 {fmt!r},可选:{', '.join(FORMATS)}")
    stats = stats if stats is not None else ParseStats()
    stats.format = fmt
    stats.encoding = detect_encoding(path)
    if fmt == "qq":
        yield from _read_qq(path, stats, conversation)
        return
    reader = {"wechat": _read_wechat, "telegram": _read_telegram, "csv": _read_csv}[fmt]
    yield from reader(path, stats)


def _open_text(path: Path, encoding: str = "utf-8-sig"):
    try:
        return open(path, encoding=encoding, errors="replace", newline="")
    except OSError as e:
        raise InputError(f"{path}: 无法读取({e.strerror})") from None


def _byte_codec(encoding: str) -> str:
    """The codec that counts a line's bytes as they are in the file (for progress), without a BOM."""
    return {"utf-8-sig": "utf-8", "utf-16": "utf-16-le"}.get(encoding, encoding)


# --- QQ / TIM -------------------------------------------------------------------------------------------
def _qq_sender(raw_name: str, qq: str | None, email: str | None) -> tuple[str, str | None]:
    name, role = raw_name.strip(), None
    m = ROLE_TAG.match(name)
    if m:
        tag = m.group(1)
        role = tag if tag in ("群主", "管理员") else None
        name = name[m.end():].strip()
    return (name or qq or email or "?"), role


@dataclass
class Conversation:
    """One conversation of a QQ export: its 消息对象 name, the 消息分组 it was filed under, its size.

    ``label`` tells it apart from the others of the export: its name, or, when several conversations share
    a name (two groups called 家长群), the name and its number among them in file order (家长群 #2).
    ``first`` is the date of its first message (ISO), empty when it has none."""

    name: str
    folder: str = ""
    messages: int = 0
    senders: set[str] = field(default_factory=set)
    label: str = ""
    first: str = ""

    def __post_init__(self) -> None:
        self.label = self.label or self.name

    @property
    def is_group(self) -> bool:
        """QQ files groups under 我的群聊 (discussions under 我的讨论组); friends' folders are named by the user,
        so a conversation where three or more people speak is a group too."""
        return "群" in self.folder or "讨论组" in self.folder or len(self.senders) >= 3

    def describe(self, lang: str = "zh") -> str:
        """Its label, kind and size in words (``lang`` zh or en); the date it starts when its name repeats."""
        repeated = self.label != self.name and self.first
        if lang == "en":
            size = f"{self.messages} message{'s' if self.messages != 1 else ''}"
            since = f", from {self.first}" if repeated else ""
            return f"“{self.label}” ({'group' if self.is_group else 'private chat'}, {size}{since})"
        since = f",{self.first} 起" if repeated else ""
        return f"「{self.label}」({'群' if self.is_group else '私聊'},{self.messages} 条{since})"


def _label_repeats(convs: list[Conversation]) -> None:
    """Conversations that share a name get ``name #1``, ``name #2`` … in file order (skipping a number whose
    label is another conversation's own name), so each one can be named."""
    counts = Counter(c.name for c in convs)
    taken = set(counts)
    numbers: Counter[str] = Counter()
    for c in convs:
        if counts[c.name] < 2:
            continue
        while True:
            numbers[c.name] += 1
            label = f"{c.name} #{numbers[c.name]}"
            if label not in taken:
                break
        c.label = label
        taken.add(label)


def _qq_heading(line: str) -> tuple[str, str] | None:
    """('分组' | '对象', value) for QQ's 消息分组:X / 消息对象:X lines."""
    m = QQ_HEADING.match(line)
    return (m.group(1), m.group(2).strip()) if m else None


def qq_conversations(path: Path) -> list[Conversation]:
    """The conversations (消息对象 sections) of a QQ text export, in file order; empty when it has no headings."""
    out: list[Conversation] = []
    folder = ""
    with _open_text(path, detect_encoding(path)) as fh:
        for line in fh:
            if line.startswith("消息"):
                heading = _qq_heading(line.rstrip("\r\n"))
                if heading and heading[0] == "分组":
                    folder = heading[1]
                elif heading:
                    out.append(Conversation(heading[1], folder))
            elif out and line[:4].isdigit():
                m = QQ_LINE.match(line.rstrip("\r\n"))
                if m and m["qq"] not in SYSTEM_IDS:
                    conv = out[-1]
                    conv.messages += 1
                    conv.senders.add(m["qq"] or m["mail"] or m["name"])
                    if not conv.first:
                        conv.first = f"{int(m['y']):04d}-{int(m['mo']):02d}-{int(m['d']):02d}"
    _label_repeats(out)
    return out


def _read_qq(path: Path, stats: ParseStats, conversation: int | None = None) -> Iterator[Message]:
    """A message is a header line, then its lines up to a blank line; stray lines after it are bad.
    With ``conversation``, only the lines of that 消息对象 section are read."""
    head: tuple[dt.datetime, str, str | None, bool] | None = None
    body: list[str] = []
    section = -1

    def flush() -> Message | None:
        if head is None:
            return None
        when, sender, role, system = head
        text = "\n".join(body)
        if system:
            stats.system += 1
            return None
        return Message(when, sender, text, _kind(text), role)

    width = _byte_codec(stats.encoding)
    with _open_text(path, stats.encoding) as fh:
        for line in fh:
            stats.bytes_read += len(line.encode(width, "ignore"))
            line = line.rstrip("\r\n")
            if conversation is not None:
                heading = _qq_heading(line) if line.startswith("消息") else None
                if heading and heading[0] == "对象":
                    msg = flush()
                    if msg and section == conversation:
                        yield msg
                    head, body = None, []
                    section += 1
                if section != conversation:
                    continue
            m = QQ_LINE.match(line) if line[:4].isdigit() else None
            if m:
                msg = flush()
                if msg:
                    yield msg
                body = []
                try:
                    when = _when(m)
                except ValueError:
                    stats.bad(line)
                    head = None
                    continue
                sender, role = _qq_sender(m["name"], m["qq"], m["mail"])
                head = (when, sender, role, m["qq"] in SYSTEM_IDS or sender == "系统消息")
            elif not line.strip():
                if head is not None and body:
                    msg = flush()
                    if msg:
                        yield msg
                    head, body = None, []
            elif head is not None and not _qq_separator(line):
                body.append(line)
            elif head is not None:  # the next conversation's heading ends the last message of this one
                msg = flush()
                if msg:
                    yield msg
                head, body = None, []
            elif not _qq_preamble(line):
                stats.bad(line)
        msg = flush()
        if msg:
            yield msg


def _when(m: re.Match) -> dt.datetime:
    """The time a match of TIME_TEXT or QQ_LINE names (midnight when it has no clock). ValueError when it
    names none: a day or hour out of range, or a word for the time of day that contradicts its hour.
    (strptime costs more than the rest of a QQ message's reading; the shape is already checked.)"""
    y, mo, d, h = m["y"], m["mo"], m["d"], m["h"]
    if h is None:
        return dt.datetime(int(y), int(mo), int(d))
    hour, word = int(h), m["word"]
    ampm = m["ampm"] if "ampm" in m.re.groupindex else None  # QQ_LINE has none
    if ampm:
        if word:  # 下午3:07 PM says it twice
            raise ValueError(f"{word} 和 {ampm}M 重复")
        word = "上午" if ampm in "Aa" else "下午"
    if word:
        hour = _hour_of_day(word, hour)
    s = m["s"]
    return dt.datetime(int(y), int(mo), int(d), hour, int(m["mi"]), int(s) if s else 0)


def parse_time(value) -> dt.datetime | None:
    """The wall-clock time an export writes, as every format reads it; None when it is not one.

    Epoch seconds (or milliseconds); a date with an optional clock: 2024-03-01 09:05:07, 2024/3/1 9:05,
    2024年3月1日 下午3:07, 2024-03-01T09:05:07+08:00 (the zone is dropped: exports carry local times), and
    12-hour clocks after 上午/下午/中午/晚上/凌晨… or before AM/PM (rules at _hour_of_day)."""
    value = str(value).strip()
    if value.isdigit() and len(value) >= 9:
        try:
            return dt.datetime.fromtimestamp(int(value[:10]))
        except (OverflowError, OSError, ValueError):
            return None
    m = TIME_TEXT.match(value)
    if m:
        try:
            return _when(m)
        except ValueError:
            return None
    try:
        return dt.datetime.fromisoformat(value).replace(tzinfo=None)
    except ValueError:
        return None


# A 12-hour clock after a word for the time of day, as QQ writes it under a Windows locale set to a 12-hour
# clock (上午/下午), as QQ on phones does (凌晨, 早上, 中午, 下午, 晚上 ...) and as WeChat exporters and
# Excel write it in CSV; AM reads as 上午 and PM as 下午. 12 is read as those clocks show it:
# 12 after a morning word is the first hour of the day (上午12:30, 凌晨12:30 = 00:30) and 12 after 中午 or
# 下午 is noon (下午12:30 = 12:30). 中午 covers about 11–14 (中午1:15 = 13:15). 晚上 is read as it is spoken:
# 晚上5–11 are 17:00–23:xx, and 晚上12 and 晚上1–4 are the small hours (晚上12:10 = 00:10), of the date the
# line gives, since the exporter dates each message to the day it was sent. An hour already on a 24-hour
# clock is kept when it agrees with the word (下午15:07 = 15:07); one that contradicts it (上午15:07, 下午0:30,
# 中午8:00) raises ValueError, and the line is counted as unreadable.
_MORNING = {"凌晨", "早晨", "早上", "上午"}
_AFTERNOON = {"下午", "傍晚"}


def _hour_of_day(word: str, hour: int) -> int:
    if word in _MORNING and hour <= 12:
        return hour % 12
    if word == "中午" and (hour in (11, 12) or 1 <= hour <= 4 or 13 <= hour <= 14):
        return hour + 12 if hour <= 4 else hour
    if word in _AFTERNOON and 1 <= hour <= 23:
        return hour + 12 if hour < 12 else hour
    if word == "晚上" and hour <= 23:
        return hour + 12 if 5 <= hour <= 11 else hour % 12 if hour <= 12 else hour
    raise ValueError(f"{word}{hour} 点不是一个时刻")


def _qq_separator(line: str) -> bool:
    """QQ's lines between conversations: ==== rules and 消息分组/消息对象 headings."""
    return (line.startswith("=" * 20) and not line.strip("=").strip()) or bool(_qq_heading(line))


def _qq_preamble(line: str) -> bool:
    s = line.strip()
    return s.startswith(("消息记录", "消息分组", "消息对象", "=====")) or set(s) <= set("=-")


# --- WeChat CSV -----------------------------------------------------------------------------------------
def _wechat_time(row: dict) -> dt.datetime | None:
    """StrTime is the exporter's local time; CreateTime (epoch seconds) when it is missing."""
    for value in (row.get("StrTime"), row.get("CreateTime")):
        value = (value or "").strip()
        if value:
            when = parse_time(value)
            if when:
                return when
    return None


def _read_wechat(path: Path, stats: ParseStats) -> Iterator[Message]:
    with _open_text(path, stats.encoding) as fh:
        reader = csv.reader(fh)
        header = [h.strip() for h in next(reader, [])]
        xi = header.index("StrContent") if "StrContent" in header else len(header) - 1
        for fields in reader:
            if not any(c.strip() for c in fields):
                continue
            stats.bytes_read += sum(len(c) for c in fields) + len(fields)
            fields = _fit_row(fields, len(header), xi, stats)
            row = dict(zip(header, fields))
            when = _wechat_time(row)
            if when is None:
                stats.bad(str(row)[:80])
                continue
            mtype = (row.get("Type") or "").strip()
            if mtype == "10000":  # system notices: joins, recalls, renames
                stats.system += 1
                continue
            is_self = (row.get("IsSender") or "").strip() == "1"
            text = row.get("StrContent") or ""
            if is_self:
                sender = (row.get("Sender") or "").strip() or "我"
            else:
                sender = next((v.strip() for v in (row.get(k) for k in ("Sender", "Remark", "NickName", "TalkerId"))
                               if v and v.strip()), "?")
            money = WECHAT_MONEY.get((mtype, (row.get("SubType") or "").strip()))
            if money:  # the XML of the red packet or transfer: its placeholder, and its wish when it has one
                title = WECHAT_TITLE.search(text)
                yield Message(when, sender, money + (title.group(1).strip() if title else ""), "text",
                              "self" if is_self else None)
                continue
            kind = _kind(text) if mtype == "1" else "media"
            yield Message(when, sender, text if mtype == "1" else "", kind, "self" if is_self else None)


# --- Telegram -------------------------------------------------------------------------------------------
def _telegram_text(value) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "".join(v if isinstance(v, str) else str(v.get("text", "")) for v in value if isinstance(v, (str, dict)))
    return ""


FORMAT_NAMES = {"qq": ("QQ/TIM 文本消息记录", "a QQ/TIM text export"), "wechat": ("微信聊天记录 CSV", "a WeChat chat CSV"),
                "csv": ("CSV 表格", "a CSV table"), "telegram": ("Telegram 导出", "a Telegram export")}


def _not_telegram(path: Path, e: ValueError) -> InputError:
    """What is wrong with a file read as Telegram's result.json, in words: not JSON at all (and what it looks
    like instead), or JSON broken at a line and column; never the parser's own message."""
    head = _head(path, 4096).lstrip("\ufeff \r\n\t")
    if isinstance(e, json.JSONDecodeError) and head.startswith(("{", "[")):
        return InputError(f"{path}: 这份 Telegram 导出的 JSON 在第 {e.lineno} 行第 {e.colno} 列坏了(文件可能没有导出完整,"
                          "或被改动过);请重新导出 result.json",
                          en=f"{path}: this Telegram export's JSON is broken at line {e.lineno}, column {e.colno} "
                             "(the export may be incomplete or edited); export result.json again")
    try:
        other = detect_format(path)
    except InputError:
        other = None
    if other and other != "telegram":
        zh, en = FORMAT_NAMES[other]
        return InputError(f"{path}: 不是 Telegram 导出的 JSON 文件,看起来是「{zh}」;去掉 --input-format telegram,"
                          "让程序自动识别格式",
                          en=f"{path}: not a Telegram export (JSON); it looks like {en}: leave out "
                             "--input-format telegram and the format is recognised by itself")
    return InputError(f"{path}: 不是 Telegram 导出的 JSON 文件(Telegram 导出的聊天记录是 result.json)",
                      en=f"{path}: not a Telegram export (Telegram exports a chat as result.json)")


def _read_telegram(path: Path, stats: ParseStats) -> Iterator[Message]:
    try:
        with open(path, encoding=stats.encoding) as fh:
            data = json.load(fh)
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise _not_telegram(path, e) from None
    stats.bytes_read = path.stat().st_size
    messages = data.get("messages") if isinstance(data, dict) else None
    if not isinstance(messages, list):
        raise InputError(f"{path}: Telegram 导出里没有 messages 列表",
                         en=f"{path}: the Telegram export has no messages list")
    for m in messages:
        if not isinstance(m, dict):
            stats.bad(str(m))
            continue
        if m.get("type") != "message":
            stats.system += 1
            continue
        when = parse_time(m.get("date"))
        if when is None:
            stats.bad(str(m.get("date")))
            continue
        text = _telegram_text(m.get("text", ""))
        media = bool(m.get("photo") or m.get("sticker_emoji") or m.get("media_type") or m.get("file"))
        kind = "media" if media and not text.strip() else _kind(text)
        sender = str(m.get("from") or m.get("from_id") or "?")
        yield Message(when, sender, text, kind)


# --- plain CSV ------------------------------------------------------------------------------------------
def _csv_columns(header: list[str]) -> tuple[int, int, int] | None:
    def find(names):
        return next((i for i, h in enumerate(header) if h in names), None)

    cols = (find(CSV_TIME), find(CSV_SENDER), find(CSV_TEXT))
    return None if None in cols else cols  # type: ignore[return-value]


def _fit_row(row: list[str], width: int, xi: int, stats: ParseStats) -> list[str]:
    """A CSV row with more fields than the ``width`` of its header, as the exporter meant it: text with unquoted
    ASCII commas (春茶预售,前50名8折,私聊我下单) was split into several fields, so the text column ``xi`` takes
    them back, joined with the commas they were split at, and the columns after it keep their places. Counted
    in ``stats.joined_lines``; a row of the right width or shorter is returned as it is."""
    extra = len(row) - width
    if extra <= 0 or width == 0:
        return row
    stats.joined(",".join(row))
    return row[:xi] + [",".join(row[xi:xi + extra + 1])] + row[xi + extra + 1:]


def _read_csv(path: Path, stats: ParseStats) -> Iterator[Message]:
    with _open_text(path, stats.encoding) as fh:
        reader = csv.reader(fh)
        header = [h.strip().lower() for h in next(reader, [])]
        cols = _csv_columns(header)
        if cols is None:
            raise InputError(f"{path}: CSV 需要 时间、发送者、内容 三列(或 time, sender, text)",
                             en=f"{path}: a CSV needs time, sender and text columns (or 时间、发送者、内容)")
        ti, si, xi = cols
        for row in reader:
            stats.bytes_read += sum(len(c) for c in row) + len(row)
            if not any(c.strip() for c in row):
                continue
            row = _fit_row(row, len(header), xi, stats)
            if len(row) <= max(cols):
                stats.bad(",".join(row))
                continue
            when = parse_time(row[ti])
            if when is None:
                stats.bad(",".join(row))
                continue
            text = row[xi]
            yield Message(when, row[si].strip() or "?", text, _kind(text))


__all__ = ["FORMATS", "FORMAT_HELP", "Conversation", "Message", "ParseStats", "detect_encoding", "detect_format",
           "money_kind", "parse_time", "qq_conversations", "read_messages"]
