"""Group health check: read a chat export and measure the group against the articles.

The yardstick is the articles' own: incubation (001: ≥200 people, ≥20% of members interacting each day,
sustained about three months; check-ins; members talking to each other, not only to the owner, 004
pitfall 9) and what kills a group (000: one ad and the social norms collapse). Everything runs on this
machine; nothing is sent to a model.
"""
from __future__ import annotations

import datetime as dt
import re
import tomllib
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from .arguments import check_list, check_text
from .chatlog import Conversation, Message, ParseStats, detect_format, money_kind, qq_conversations, read_messages
from .errors import InputError

SIZE_TARGET = 200
INTERACTION_TARGET = 0.20
# "Almost nobody checks in" (no_checkins) when fewer than this share of the members who spoke (owner and admins
# left out) checked in, in a group of any size: 2 of 2 members checking in is everyone, 3 of 200 is almost nobody
CHECKIN_SHARE = 0.10
MONTHS_TARGET = 3.0
WEEKS_PER_MONTH = 52 / 12
REPLY_WINDOW = dt.timedelta(minutes=30)
AD_WINDOW = dt.timedelta(days=7)
EXCERPT = 80
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
LATIN = re.compile(r"[A-Za-z]{2,}")
LANGUAGES = ("zh", "en")
CHECKIN = re.compile(r"打卡|签到|第\s*[0-9一二三四五六七八九十百]+\s*天|\bday\s*\d+\b|check-?in", re.IGNORECASE)
RED_PACKET = re.compile(r"红包|red packet|hongbao", re.IGNORECASE)
OWNER_ROLES = {"群主", "管理员"}
EPOCH = dt.datetime(1970, 1, 1)  # naive: exports carry local wall-clock times
SHORT = 40  # short messages repeat a lot in chats ("收到", "哈哈哈"): their verdicts are remembered
FINDINGS = {"owner_ads", "member_ads", "owner_voice", "no_member_replies", "low_interaction", "small_group",
            "not_sustained", "no_checkins", "red_packets", "healthy"}


# --- advice data ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Advice:
    when: str
    text: str
    article: str
    quote: str
    text_en: str = ""  # the advice for a report written in English (the quote stays the article's own words)


@lru_cache(maxsize=1)
def load_advice() -> tuple[Advice, ...]:
    """The advice table (assistant/method/health_advice.toml); an unknown ``when`` fails loudly."""
    raw = tomllib.loads(files("assistant").joinpath("method", "health_advice.toml").read_text(encoding="utf-8"))
    out = []
    for item in raw.get("advice", []):
        a = Advice(**item)
        if a.when not in FINDINGS:
            raise ValueError(f"health_advice.toml: unknown finding {a.when!r} (known: {sorted(FINDINGS)})")
        out.append(a)
    return tuple(out)


def _cite(advice: Advice, corpus_dir: Path | None) -> dict:
    """Title, heading and the paragraph holding the quote, from the cleaned article in the corpus."""
    from .settings import Settings

    corpus_dir = corpus_dir or Settings.__dataclass_fields__["corpus_dir"].default
    found = sorted(Path(corpus_dir).glob(f"{advice.article}_*.md"))
    cite = {"source": found[0].name if found else advice.article, "title": "", "heading": "", "excerpt": advice.quote}
    if not found:
        return cite
    heading = ""
    for line in found[0].read_text(encoding="utf-8").splitlines():
        if line.startswith("title:"):
            cite["title"] = line.split(":", 1)[1].strip().strip('"')
        elif line.startswith("#"):
            heading = line.lstrip("#").strip()
        elif advice.quote in line:
            cite["heading"] = heading if heading != cite["title"] else ""
            cite["excerpt"] = _around(line, advice.quote)
            break
    return cite


def _around(paragraph: str, quote: str) -> str:
    """The sentence(s) holding the quote, not the whole paragraph."""
    i = paragraph.find(quote)
    start = max(paragraph.rfind(p, 0, i) for p in "。!?!?") + 1
    ends = [j for j in (paragraph.find(p, i + len(quote)) for p in "。!?!?") if j != -1]
    end = min(ends) + 1 if ends else len(paragraph)
    return paragraph[start:end].strip()


# --- the report -----------------------------------------------------------------------------------------
@dataclass
class HealthReport:
    """What ``group_health`` measured. ``to_dict()`` keys are a contract that scripts read."""

    source: str
    input_format: str
    period: dict
    messages: int
    speakers: int
    members: int | None
    owners: list[str]
    owner_share: float
    weekly: list[dict]
    market_norm_posts: list[dict]
    ad_effect: dict
    incubation: dict
    advice: list[dict]
    talkers: list[dict] = field(default_factory=list)
    media_messages: int = 0
    system_messages: int = 0
    bad_lines: int = 0
    # CSV lines whose text held unquoted commas and was split into extra fields, joined back into the text
    joined_lines: int = 0
    # red packets and transfers sent in the group (market norms: each is also in market_norm_posts, with the
    # code RED_PACKET or TRANSFER and kind red_packet / transfer; an ad found by the rules has kind ad)
    red_packets: dict = field(default_factory=dict)
    group_type: str | None = None
    anonymized: bool = False
    notices: list[str] = field(default_factory=list)
    language: str = "zh"  # the language the report is written in: the chat's own (zh, or en when mostly English)
    members_used: int | None = None  # the group size the rates are computed on (never below the speakers)
    conversation: str | None = None  # the QQ 消息对象 read, when the export names its conversations
    # how that conversation is told apart from the others (what --conversation takes): its name, or
    # "name #2" when several conversations of the export share the name
    conversation_label: str | None = None

    def to_dict(self) -> dict:
        return dict(self.__dict__)


class _Tally:
    """One pass over the messages: counts, per-week and per-day sets, replies, check-ins, ads."""

    def __init__(self, owners: set[str], group_type: str | None) -> None:
        from .guard import lint_post, resolve_profile

        resolve_profile(group_type)  # an unknown group type fails before the file is read
        self.lint = lint_post
        self.group_type = group_type
        self.owners = owners
        self.detected_owners: set[str] = set()
        self.messages = self.media = 0
        self.by_sender: Counter[str] = Counter()
        self.owner_messages = 0
        self.times = array("d")
        self.week_msgs: Counter[dt.date] = Counter()
        self.week_owner: Counter[dt.date] = Counter()
        self.week_speakers: dict[dt.date, set[str]] = defaultdict(set)
        self.week_ads: Counter[dt.date] = Counter()
        self.day_speakers: dict[dt.date, set[str]] = defaultdict(set)
        self.first: dt.datetime | None = None
        self.last: dt.datetime | None = None
        self.ads: list[dict] = []
        self.checkins = 0
        self.checkin_people: set[str] = set()
        self.owner_checkins = 0  # the owner's and admins' 打卡 messages: announcements, not check-ins
        self.red_packet_msgs = 0  # messages that send or mention a red packet (红包): what the buzz follows
        self.money: Counter[tuple[str, bool]] = Counter()  # (red_packet | transfer, by the owner) -> how many
        self.money_senders: dict[str, set[str]] = defaultdict(set)
        self.m2m = self.to_owner = 0
        self.cjk_msgs = self.latin_msgs = 0  # text messages written in Chinese / in Latin letters only
        self.prev: Message | None = None
        self._weeks: dict[dt.date, dt.date] = {}
        self.seen: dict[tuple[str, bool], tuple | list] = {}  # (short text, by the owner) -> its verdict

    def is_owner(self, m: Message) -> bool:
        if m.sender in self.owners:
            return True
        if m.role in OWNER_ROLES or (m.role == "self" and not self.owners):
            self.detected_owners.add(m.sender)
            return True
        return False

    def add(self, m: Message) -> None:
        owner = self.is_owner(m)
        self.messages += 1
        self.media += m.kind == "media"
        self.by_sender[m.sender] += 1
        self.owner_messages += owner
        when = m.time
        self.times.append((when - EPOCH).total_seconds())
        if self.first is None or when < self.first:
            self.first = when
        if self.last is None or when > self.last:
            self.last = when
        day = when.date()
        week = self._weeks.get(day)
        if week is None:
            week = self._weeks[day] = day - dt.timedelta(days=day.weekday())
        self.week_msgs[week] += 1
        self.week_owner[week] += owner
        self.week_speakers[week].add(m.sender)
        self.day_speakers[day].add(m.sender)
        if m.kind == "text" and m.text.strip():
            self._read_text(m, owner, week)
        prev = self.prev
        if prev is not None and prev.sender != m.sender and not owner and m.time - prev.time <= REPLY_WINDOW:
            if prev.sender in self.owners or prev.role in OWNER_ROLES or (prev.role == "self" and not self.owners):
                self.to_owner += 1
            else:
                self.m2m += 1
        self.prev = m

    def _read_text(self, m: Message, owner: bool, week: dt.date) -> None:
        if CJK.search(m.text):
            self.cjk_msgs += 1
        elif LATIN.search(m.text):
            self.latin_msgs += 1
        if CHECKIN.search(m.text):
            if owner:  # 今天的打卡开始了 from the owner calls for check-ins; it is not one
                self.owner_checkins += 1
            else:
                self.checkins += 1
                self.checkin_people.add(m.sender)
        if RED_PACKET.search(m.text):
            self.red_packet_msgs += 1
        money = money_kind(m.text)
        if money:  # money sent in the group is a market norm whoever sends it; the rules need not read it
            self.money[money, owner] += 1
            self.money_senders[money].add(m.sender)
            self.red_packet_msgs += money == "red_packet" and not RED_PACKET.search(m.text)  # [Red Packet] too
            self._market_norm(m, owner, week, ["RED_PACKET" if money == "red_packet" else "TRANSFER"], money)
            return
        # The owner's and admins' words are their own offers (the guard's owner voice); members' are read as any post.
        key = (m.text, owner)
        verdict = self.seen.get(key) if len(m.text) <= SHORT else None
        if verdict is None:
            report = self.lint(m.text, group_type=self.group_type, voice="owner" if owner else "auto")
            verdict = sorted({f.code for f in report.findings if f.severity != "suggestion"}) if report.flagged else ()
            if len(m.text) <= SHORT and len(self.seen) < 100_000:
                self.seen[key] = verdict
        if verdict:
            self._market_norm(m, owner, week, list(verdict), "ad")

    def _market_norm(self, m: Message, owner: bool, week: dt.date, codes: list[str], kind: str) -> None:
        self.week_ads[week] += 1
        text = " ".join(m.text.split())
        self.ads.append({"time": m.time.isoformat(timespec="seconds"), "sender": m.sender, "codes": codes,
                         "excerpt": text[:EXCERPT] + ("…" if len(text) > EXCERPT else ""), "by_owner": owner,
                         "kind": kind})


def _listing(convs: list[Conversation], lang: str = "zh") -> str:
    """The first ten conversations in words, and how many there are when there are more."""
    sep, more = ("; ", f" … {len(convs)} in all") if lang == "en" else ("、", f"……共 {len(convs)} 个")
    return sep.join(c.describe(lang) for c in convs[:10]) + (more if len(convs) > 10 else "")


def _squashed(text: str) -> str:
    return "".join(text.split()).lower()


def _pick_conversation(path: Path, fmt: str, wanted: str | None) -> tuple[int | None, list]:
    """Which conversation of a QQ export to read: (its index, or None to read the whole file; all of them).

    A QQ "export all" holds every chat (groups and private ones) one after another; their figures are never
    mixed. The one named by ``wanted`` is read (its label, as listed: its name, or 家长群 #2 when names repeat;
    else its name; else a unique part of it), else the group with the most messages; an InputError lists the
    conversations when the name matches none or several, or when none of them is a group."""
    if fmt != "qq":
        if wanted:
            raise InputError(f"{path}: 只有 QQ 文本消息记录能按会话选择(--conversation),这份记录的格式是 {fmt}",
                             en=f"{path}: only a QQ text export can be checked one conversation at a time "
                                f"(--conversation); this export's format is {fmt}")
        return None, []
    convs = qq_conversations(path)
    if wanted and wanted.strip():
        name = wanted.strip()
        if not convs:
            raise InputError(f"{path}: 这份 QQ 记录里没有“消息对象”标题,无法按会话选择「{name}」",
                             en=f"{path}: this QQ export has no 消息对象 headings, so “{name}” cannot be chosen")
        hits = [i for i, c in enumerate(convs) if c.label == name] or \
               [i for i, c in enumerate(convs) if _squashed(c.label) == _squashed(name)] or \
               [i for i, c in enumerate(convs) if c.name == name] or \
               [i for i, c in enumerate(convs) if name.lower() in c.name.lower()]
        if len(hits) > 1 and all(convs[i].name == name for i in hits):
            same = [convs[i] for i in hits]
            raise InputError(f"{path}: 导出里有 {len(same)} 个会话都叫「{name}」:{_listing(same)};"
                             f"请用 --conversation 指定带编号的名字,如 --conversation \"{same[-1].label}\"",
                             en=f"{path}: {len(same)} conversations in the export are called “{name}”: "
                                f"{_listing(same, 'en')}; name one with its number, e.g. --conversation "
                                f"\"{same[-1].label}\"")
        if len(hits) != 1:
            what, what_en = ("没有名为", "no conversation called") if not hits else \
                            ("有多个会话的名字含有", "several conversations whose names hold")
            raise InputError(f"{path}: 导出里{what}「{name}」的会话;找到的会话:{_listing(convs)}",
                             en=f"{path}: the export has {what_en} “{name}”; its conversations: "
                                f"{_listing(convs, 'en')}")
        return hits[0], convs
    if len(convs) <= 1:
        return None, convs
    index = default_conversation(convs)
    if index is None:
        raise InputError(f"{path}: 导出里有 {len(convs)} 个会话,没有一个是群聊:{_listing(convs)};"
                         "请用 --conversation 指定要检查的会话",
                         en=f"{path}: the export holds {len(convs)} conversations and none is a group: "
                            f"{_listing(convs, 'en')}; name one with --conversation")
    return index, convs


def default_conversation(convs: list[Conversation]) -> int | None:
    """The conversation of a QQ export read when none is named: the index of the group with the most
    messages in ``convs`` (from :func:`assistant.chatlog.qq_conversations`); None when none is a group."""
    groups = [i for i, c in enumerate(convs) if c.is_group and c.messages]
    return max(groups, key=lambda i: convs[i].messages) if groups else None


def _conversation_notice(convs: list, index: int, wanted: str | None, anonymize: bool, lang: str = "zh") -> str:
    """What was read of a several-conversation export and what was left out (no private names when anonymized),
    in the report's language."""
    others = [c for i, c in enumerate(convs) if i != index]
    en = lang == "en"
    if anonymize:
        private = sum(not c.is_group for c in others)
        rest = (f"{len(others)} other conversation{'s' if len(others) != 1 else ''} ({len(others) - private} "
                f"group{'s' if len(others) - private != 1 else ''}, {private} private)" if en else
                f"另外 {len(others)} 个会话({len(others) - private} 个群、{private} 个私聊)")
    else:
        rest = _listing(others, lang)
    if en:
        how = "the one you named" if wanted else "the group with the most messages"
        return (f"The export holds {len(convs)} conversations; only {how}, {convs[index].describe('en')}, was "
                f"checked; left out: {rest}. To check another, name it with --conversation.")
    how = "你指定的" if wanted else "消息最多的群"
    return (f"导出里有 {len(convs)} 个会话,只检查了{how}{convs[index].describe()};没有计入:{rest}。"
            "要检查别的会话,用 --conversation 指定它的名字。")


def group_health(path, *, owners: Iterable[str] | None = None, members: int | None = None,
                 group_type: str | None = None, input_format: str | None = None, anonymize: bool = False,
                 progress: Callable[[int, int], None] | None = None, corpus_dir: Path | None = None,
                 conversation: str | None = None, language: str | None = None) -> HealthReport:
    """Measure a chat export against the articles' incubation targets; find the ads and what they did.

    ``owners`` are the names of the owner and admins (QQ's 【群主】/【管理员】 tags and WeChat's exporting
    account are recognised without it); ``members`` is the group's size, which exports do not record.
    A QQ export holding several conversations is read one conversation at a time: ``conversation`` (its
    消息对象 name), else the group with the most messages. The report is written in ``language`` (zh or en);
    by default in English when most of the chat's text messages are in Latin letters, else in Chinese.
    """
    check_text("group_health", group_type=group_type)
    if not isinstance(owners, str):  # one string is one name (below); otherwise a list of names
        check_list("group_health", "owners", owners, kinds=(list, tuple, set, frozenset), items=(str,), items_are="字符串")
    path = Path(path)
    if members is not None and (not isinstance(members, int) or members < 1):
        raise InputError(f"成员数必须是正整数,收到 {members!r}",
                         en=f"the number of members must be a whole number above 0, not {members!r}")
    if language is not None and language not in LANGUAGES:
        raise InputError(f"报告语言只能是 {'/'.join(LANGUAGES)},收到 {language!r}")
    if isinstance(owners, str):  # one name, not its characters
        owners = [owners]
    owner_set = {o.strip() for o in (owners or []) if o and o.strip()}
    tally = _Tally(owner_set, group_type)
    stats = ParseStats()
    fmt = input_format or detect_format(path)
    index, convs = _pick_conversation(path, fmt, conversation)
    total = max(path.stat().st_size, 1) if path.is_file() else 1
    for i, m in enumerate(read_messages(path, fmt, stats, index), 1):
        tally.add(m)
        if progress and i % 5000 == 0:
            progress(min(stats.bytes_read, total), total)
    if progress:
        progress(total, total)
    if tally.messages == 0:
        where = f"会话「{convs[index].label}」里" if index is not None else ""
        where_en = f" in the conversation “{convs[index].label}”" if index is not None else ""
        raise InputError(f"{path}: {where}没有读到任何聊天消息(格式 {stats.format};跳过 {stats.bad_lines} 行)",
                         en=f"{path}: no chat messages were read{where_en} (format {stats.format}; "
                            f"{stats.bad_lines} lines skipped)")
    report = _report(path, tally, stats, members, group_type, anonymize, corpus_dir, language)
    if index is not None:
        report.conversation, report.conversation_label = convs[index].name, convs[index].label
        if len(convs) > 1:
            report.notices.insert(0, _conversation_notice(convs, index, conversation, anonymize, report.language))
    elif convs:
        report.conversation, report.conversation_label = convs[0].name, convs[0].label
    return report


def _language(t: _Tally) -> str:
    """English when clearly most text messages are in Latin letters (and none or few in Chinese)."""
    return "en" if t.latin_msgs > 2 * t.cjk_msgs else "zh"


def _report(path, t: _Tally, stats: ParseStats, members, group_type, anonymize, corpus_dir,
            language: str | None = None) -> HealthReport:
    lang = language or _language(t)
    en = lang == "en"
    owners = sorted(t.owners | t.detected_owners)
    notices = []
    if stats.bad_lines:
        notices.append(f"{stats.bad_lines} lines could not be read and were skipped." if en else
                       f"有 {stats.bad_lines} 行无法识别,已跳过。")
    if stats.joined_lines:
        example = stats.joined_examples[0]
        notices.append(f"{stats.joined_lines} CSV lines have more fields than the header (the text holds unquoted "
                       f"commas, e.g. “{example}”): the extra fields were read as part of the text. Check that the "
                       "export quotes its text." if en else
                       f"有 {stats.joined_lines} 行 CSV 的字段比表头多(内容里有没加引号的英文逗号,如「{example}」):"
                       "多出的部分已按逗号接回内容里;请确认导出时内容加了引号。")
    if members is None:
        notices.append("The export does not record the group's size: the interaction rate is estimated from the "
                       "people who spoke and reads high; give the size with --members for a true figure." if en else
                       "导出文件里没有群人数:互动率按“发过言的人数”估算,会偏高;用 --members 给出群人数更准确。")
    if not owners:
        notices.append("No owner or admin was recognised: name them with --owner to measure the official voice "
                       "and what the ads did." if en else
                       "没有识别出群主/管理员:用 --owner 指定他们的昵称,才能计算官方声音占比和广告的影响。")
    notices += _silent_owner_notices(t, anonymize, lang)
    speakers = len(t.by_sender)
    if members is not None and members < speakers:
        notices.append(f"The group size you gave, {members}, is below the {speakers} people who spoke in the export "
                       f"(some may have left, or the number is mistyped): size and rates use at least {speakers}."
                       if en else
                       f"你给的群人数 {members} 少于导出里发过言的 {speakers} 人(可能有人已退群,或人数填错了):"
                       f"群人数和互动率按至少 {speakers} 人计算。")
    base = max(members or 0, speakers)
    weekly = _weekly(t, base if members is not None else None)
    incubation = _incubation(t, base, members is None or members < speakers)
    ad_effect = _ad_effect(t)
    findings = _findings(t, incubation, ad_effect)
    advice = [{"finding": a.when, "text": a.text_en if en and a.text_en else a.text, "citation": _cite(a, corpus_dir)}
              for a in load_advice() if a.when in findings]
    talkers = [{"name": n, "messages": c, "owner": n in owners} for n, c in t.by_sender.most_common(15)]
    report = HealthReport(
        source=path.name, input_format=stats.format,
        period={"start": t.first.date().isoformat(), "end": t.last.date().isoformat()},
        messages=t.messages, speakers=len(t.by_sender), members=members, owners=owners,
        owner_share=round(t.owner_messages / t.messages, 4), weekly=weekly, market_norm_posts=t.ads,
        ad_effect=ad_effect, incubation=incubation, advice=advice, talkers=talkers, media_messages=t.media,
        system_messages=stats.system, bad_lines=stats.bad_lines, joined_lines=stats.joined_lines,
        red_packets=_red_packets(t), group_type=group_type, notices=notices,
        members_used=base, language=lang)
    return _anonymize(report, t) if anonymize else report


def _close_names(name: str, speakers: Iterable[str], n: int = 3) -> list[str]:
    """Speakers whose names contain, are contained in, or look like ``name`` (a typo, a missing tag)."""
    import difflib

    speakers = list(speakers)
    near = [s for s in speakers if name in s or s in name]
    near += [s for s in difflib.get_close_matches(name, speakers, n=n, cutoff=0.5) if s not in near]
    return near[:n]


def _silent_owner_notices(t: _Tally, anonymize: bool, lang: str = "zh") -> list[str]:
    """Owner names given by the user that never speak in the export: most likely a typo or another nickname."""
    silent = sorted(o for o in t.owners if o not in t.by_sender)
    if not silent:
        return []
    en = lang == "en"
    if anonymize:  # neither the names given nor the members' names they resemble
        return [f"{len(silent)} owner/admin name(s) you gave never speak in the export: check they match the "
                "export's nicknames exactly." if en else
                f"有 {len(silent)} 个指定的群主/管理员昵称在导出里没有发过言,请检查是否和导出里的昵称完全一致。"]
    out = []
    for name in silent:
        near = _close_names(name, t.by_sender)
        if en:
            hint = f"close names: {', '.join(near)}" if near else "no close name in the export"
            out.append(f"The owner/admin “{name}” never speaks in the export ({hint}); "
                       "names must match the export's exactly.")
        else:
            hint = f"相近的昵称:{'、'.join(near)}" if near else "导出里没有相近的昵称"
            out.append(f"指定的群主/管理员「{name}」在导出里没有发过言({hint});昵称要和导出里的完全一致。")
    return out


def _weekly(t: _Tally, members: int | None) -> list[dict]:
    out = []
    week = min(t.week_msgs)
    while week <= max(t.week_msgs):
        speakers = len(t.week_speakers.get(week, ()))
        msgs = t.week_msgs.get(week, 0)
        out.append({"week_start": week.isoformat(), "messages": msgs, "speakers": speakers,
                    "interaction_rate": round(speakers / members, 4) if members else None,
                    "market_norm_posts": t.week_ads.get(week, 0),
                    "owner_share": round(t.week_owner.get(week, 0) / msgs, 4) if msgs else None})
        week += dt.timedelta(days=7)
    return out


def _daily_rates(t: _Tally, base: int) -> dict[dt.date, float]:
    day, end, rates = t.first.date(), t.last.date(), {}
    while day <= end:
        rates[day] = len(t.day_speakers.get(day, ())) / base
        day += dt.timedelta(days=1)
    return rates


def _incubation(t: _Tally, base: int, estimated: bool) -> dict:
    """``base`` is the group size the rates divide by; ``estimated`` when it comes from the speakers."""
    rates = _daily_rates(t, base)
    mean_rate = sum(rates.values()) / len(rates)
    # Sustained: the longest run of weeks whose average daily interaction reached the target.
    by_week: dict[dt.date, list[float]] = defaultdict(list)
    for day, r in rates.items():
        by_week[day - dt.timedelta(days=day.weekday())].append(r)
    run = best = 0
    for week in sorted(by_week):
        run = run + 1 if sum(by_week[week]) / len(by_week[week]) >= INTERACTION_TARGET else 0
        best = max(best, run)
    months = round(best / WEEKS_PER_MONTH, 1)
    active = _members_spoke(t)
    return {
        "size": {"value": base, "target": SIZE_TARGET, "met": base >= SIZE_TARGET, "estimated": estimated},
        "interaction": {"value": round(mean_rate, 4), "target": INTERACTION_TARGET,
                        "met": mean_rate >= INTERACTION_TARGET, "estimated": estimated},
        "months_sustained": {"value": months, "target": MONTHS_TARGET, "met": months >= MONTHS_TARGET},
        "checkins": {"messages": t.checkins, "people": len(t.checkin_people), "members_spoke": active,
                     "share": round(len(t.checkin_people) / active, 4) if active else None,
                     "owner_messages": t.owner_checkins},
        "member_replies": {"member_to_member": t.m2m, "member_to_owner": t.to_owner,
                           "share": round(t.m2m / (t.m2m + t.to_owner), 4) if (t.m2m + t.to_owner) else None},
    }


def _red_packets(t: _Tally) -> dict:
    """Red packets and transfers sent in the group: how many, how many by the owner and admins, by how many
    people; and how many messages send or mention a red packet."""
    out = {}
    for kind, key in (("red_packet", "red_packets"), ("transfer", "transfers")):
        out[key] = t.money[kind, True] + t.money[kind, False]
        out[f"{key}_by_owner"] = t.money[kind, True]
        out[f"{key}_senders"] = len(t.money_senders[kind])
    out["mentions"] = t.red_packet_msgs
    return out


def _members_spoke(t: _Tally) -> int:
    """How many people other than the owner and admins spoke."""
    owners = t.owners | t.detected_owners
    return sum(1 for name in t.by_sender if name not in owners)


def _ad_effect(t: _Tally) -> dict:
    """Messages per day in the 7 days before and after the owner's first ad, each only when the export
    covers that whole window (from its first to its last message); ``before_days``/``after_days`` say how
    many days of the window it covers."""
    first = next((a for a in t.ads if a["by_owner"] and a["kind"] == "ad"), None)
    if first is None:
        return {"first_owner_ad": None, "before_per_day": None, "after_per_day": None, "change": None,
                "window_days": AD_WINDOW.days, "before_days": None, "after_days": None}
    ad_time = dt.datetime.fromisoformat(first["time"])
    at = (ad_time - EPOCH).total_seconds()
    w = AD_WINDOW.total_seconds()
    days = AD_WINDOW.days
    before_days = min((ad_time - t.first).total_seconds(), w) / 86400
    after_days = min((t.last - ad_time).total_seconds(), w) / 86400
    b = a = None
    if before_days >= days:
        b = round(sum(1 for x in t.times if at - w <= x < at) / days, 2)
    if after_days >= days:
        a = round(sum(1 for x in t.times if at < x <= at + w) / days, 2)
    return {"first_owner_ad": first["time"], "before_per_day": b, "after_per_day": a,
            "change": round((a - b) / b, 4) if a is not None and b else None,
            "window_days": days, "before_days": round(before_days, 1), "after_days": round(after_days, 1)}


def _findings(t: _Tally, inc: dict, ad_effect: dict) -> set[str]:
    found = set()
    ads = [a for a in t.ads if a["kind"] == "ad"]  # red packets and transfers have their own finding
    if any(a["by_owner"] for a in ads):
        found.add("owner_ads")
    if any(not a["by_owner"] for a in ads):
        found.add("member_ads")
    if t.owner_messages / t.messages > 0.5:
        found.add("owner_voice")
    share = inc["member_replies"]["share"]
    if share is not None and share < 0.3:
        found.add("no_member_replies")
    if not inc["interaction"]["met"]:
        found.add("low_interaction")
    if not inc["size"]["met"]:
        found.add("small_group")
    if not inc["months_sustained"]["met"]:
        found.add("not_sustained")
    checkins = inc["checkins"]
    if not checkins["people"] or checkins["people"] < CHECKIN_SHARE * checkins["members_spoke"]:
        found.add("no_checkins")
    # a red packet from the owner or an admin is a lure, and one is enough; members' ones when they are frequent
    if t.money["red_packet", True] or t.red_packet_msgs >= max(3, 0.02 * t.messages):
        found.add("red_packets")
    if not found - {"small_group"}:
        found.add("healthy")
    return found


def _anonymize(report: HealthReport, t: _Tally) -> HealthReport:
    """Names become 成员1…N (Member 1…N in an English report; by how much they talk) in every field, excerpts
    included."""
    order = [n for n, _ in t.by_sender.most_common()]
    label = "Member " if report.language == "en" else "成员"
    names = {n: f"{label}{i}" for i, n in enumerate(order, 1)}
    for o in report.owners:
        names.setdefault(o, f"{label}{len(names) + 1}")

    def scrub(text: str) -> str:
        for real in sorted(names, key=len, reverse=True):
            if len(real) >= 2 and real in text:
                text = text.replace(real, names[real])
        return text

    report.owners = [names[o] for o in report.owners]
    report.talkers = [{**x, "name": names[x["name"]]} for x in report.talkers]
    report.market_norm_posts = [{**a, "sender": names.get(a["sender"], a["sender"]), "excerpt": scrub(a["excerpt"])}
                                for a in report.market_norm_posts]
    report.anonymized = True
    return report
