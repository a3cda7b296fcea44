"""The facts a post announces, read so that a rewrite can be checked for keeping them: dates ("4月10日", "下周三",
"14 June"), clock times ("晚上7点", "7pm"), places ("在滨江公园", "at Bear Ridge"), the names of events ("普洱品鉴会")
and amounts that are facts rather than offers ("10公里", "90 minutes"; never a price: the rewrite must not have one).

Each fact carries canonical keys, so the same fact written another way still counts as kept ("4月10号" for
"4月10日", "19:00" or "晚7点" for "晚上7点", "十公里" for "10公里"); places and event names, which a writer may
reword a little ("二楼的包间"), count as kept when most of their character pairs are there. The reader is meant
to miss a fact now and then rather than to see one that is not there: a fact it cannot read is not checked.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

KINDS = {"date": ("日期", "date"), "time": ("时间", "time"), "place": ("地点", "place"), "event": ("活动", "event"),
         "amount": ("数量", "amount")}
_CN = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_N = r"(?:\d{1,2}|[一二两三四五六七八九十]{1,3})"
_WEEKDAYS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "日": 7, "天": 7}
_EN_WEEKDAYS = {"mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6, "sun": 7}
_MONTHS = {m: i for i, names in enumerate(
    (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
     ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
     ("dec", "december")), 1) for m in names}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))

# -- dates --------------------------------------------------------------------------------------------------------
_ZH_DATE = re.compile(rf"(?:(?:\d{{4}})\s*年\s*)?({_N})\s*月\s*({_N})\s*[日号]|(?<![\d/.])(\d{{1,2}})/(\d{{1,2}})(?![\d/])")
_ZH_WEEKDAY = re.compile(r"(下下|下个?|本|这个?|每个?|上个?)?(?:周|星期|礼拜)([一二三四五六日天])")
_ZH_WEEKEND = re.compile(r"(下个?|本|这个?|每个?)?(?:周末|礼拜天和礼拜六)")
_WORKDAYS = re.compile(r"工作日|(?:周|星期|礼拜)一\s*(?:到|至|-|~|—|–|～)\s*(?:周|星期|礼拜)?五|\bweekdays\b|"
                       r"\bmon(?:day)?s?\s*(?:-|–|to|through|thru)\s*fri(?:day)?s?\b", re.I)
_ZH_SPAN = re.compile(r"(下下|下个?|本|这个?|上个?)(周|星期|礼拜|月)(?![一二三四五六日天末])|(月底|月初|月中)")
_ZH_DAY = re.compile(r"今天|今晚|今早|今日|明天|明晚|明早|明日|后天")
_EN_DATE = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH})\b|\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b",
                      re.I)
_EN_WEEKDAY = re.compile(r"\b(next\s+|this\s+|every\s+)?(mon|tue|wed|thu|fri|sat|sun)(?:day|s|nesday|rsday|urday|sday)?s?\b",
                         re.I)
_EN_DAY = re.compile(r"\b(today|tonight|tomorrow|this weekend|next weekend|weekend)\b", re.I)

# -- times --------------------------------------------------------------------------------------------------------
_PERIOD = r"早上|早晨|清晨|上午|中午|下午|傍晚|晚上|今晚|明晚|夜里|凌晨|早|晚"
_ZH_TIME = re.compile(rf"({_PERIOD})?\s*(?:(\d{{1,2}})\s*[::]\s*(\d{{2}})|(\d{{1,2}}|[一二两三四五六七八九十]{{1,3}})\s*[点點时]"
                      rf"(?:\s*(半|一刻|三刻|整|钟|(\d{{1,2}})\s*分?))?)")
_PM = {"下午", "傍晚", "晚上", "今晚", "明晚", "夜里", "晚"}
_RANGE = re.compile(r"\s*(?:到|至|-|~|—|–|～)\s*$")
_EN_TIME = re.compile(r"\b(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?m\b\.?|\b(\d{1,2}):(\d{2})\b|\b(noon|midday|midnight)\b", re.I)

# -- places and events --------------------------------------------------------------------------------------------
# What follows a place named after 在/于: a verb of the event, or the clause's end.
_PLACE_VERB = (r"有|办|开|举|集合|见面|见|碰头|上课|授课|现场|发放|进行|开展|等|签到|领取|参加|聚|会合|出发|一起|设|摆|放映|"
               r"展|表演|演出|练|跑|打|玩|报到|教|讲|分享|交流|品鉴|体验|免费|上|拍|看|吃|喝|唱|跳|学|做")
_AFTER_PLACE = rf"{_PLACE_VERB}|[,,。!!??;;、\s]|$"
_ZH_PLACE = re.compile(rf"(?<![正现还实存所自内好])(?:在|于)([\u4e00-\u9fffA-Za-z0-9#·\-]{{2,16}}?)(?={_AFTER_PLACE})"
                       r"|(?:地点|地址|集合点)\s*[::是为在]\s*([^,,。!!??;;\n]{2,20})")
# A place that runs to the clause's end (no verb after it to mark where it stops) has to end like one.
_PLACE_END = re.compile(r"(门|园|场|楼|层|室|厅|馆|店|路|街|巷|号|区|村|站|中心|旁边|对面|门口|附近|边|口|院|校|山|湖|河|江|桥|庭|"
                        r"间|堂|所|处|城|湾|寺|塔|岛|港|镇|市|县|大厦|广场|基地|农场|果园)$")
_NOT_PLACE = re.compile(r"^(群里|群内|家里|家|这里|那里|哪里|线上|网上|线下|店里|心里|手上|路上|身边|平时|其中|这个|那个|"
                        r"我们|大家|此|这|那)|^[下本这每今明后上]个?(周|天|晚|月|星期|礼拜)|^\d|[点时]$")
_EN_PLACE = re.compile(r"\b(?:at|in)\s+(?:the\s+)?((?:[A-Z][\w'’&-]*)(?:\s+(?:[A-Z][\w'’&-]*|\d+[A-Za-z]?|[A-Z]|of|on|de))*)")
_EN_NOT_PLACE = re.compile(rf"^(?:{_MONTH}|mon|tue|wed|thu|fri|sat|sun|the|our|my|your|this|that|[ap]m)\b", re.I)
_EVENT_SUFFIX = r"品鉴会|分享会|读书会|见面会|交流会|发布会|展览|讲座|沙龙|义诊|工作坊|开放日|体验日|市集|集市|派对|比赛|活动|会|展|赛|班|课|营|节"
_ZH_EVENT = re.compile(r"(?:开设|举办|举行|推出|新开|组织|开办|开展|办|开|有|搞)了?\s*(?:一场|一期|一个|一次|一堂|一节|场|期|个|次)?"
                       rf"([\u4e00-\u9fffA-Za-z0-9]{{2,10}}?(?:{_EVENT_SUFFIX}))")
_NOT_EVENT = re.compile(r"^(什么|没有|多少|哪些|这个|那个|一些|一点|时间|空|机会|兴趣|问题|想法|意思|人|的|"
                        r"[几多两三四五六七八九十\d]+[张个场次位件份套])")

# -- amounts ------------------------------------------------------------------------------------------------------
_UNITS = {"公里": "km", "千米": "km", "km": "km", "米": "m", "分钟": "min", "小时": "h", "个小时": "h", "天": "d",
          "个月": "mo", "节课": "lesson", "节": "lesson", "课时": "lesson", "人": "p", "位": "p", "组": "group",
          "场": "session", "期": "session", "次": "times", "本": "book", "页": "page", "斤": "jin", "公斤": "kg",
          "kg": "kg", "岁": "age", "圈": "lap", "步": "step", "周": "wk", "个星期": "wk"}
_ZH_AMOUNT = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?|[二两三四五六七八九十百千]{1,4}|[一][十百千][一二三四五六七八九十百千]{0,3})\s*("
                        + "|".join(sorted(_UNITS, key=len, reverse=True)) + r")(?![A-Za-z年末])")
_EN_UNITS = {"km": "km", "kilometre": "km", "kilometer": "km", "mile": "mile", "mi": "mile", "minute": "min",
             "min": "min", "hour": "h", "hr": "h", "day": "d", "week": "wk", "month": "mo", "session": "session",
             "class": "lesson", "lesson": "lesson", "people": "p", "person": "p", "page": "page", "book": "book",
             "lap": "lap", "step": "step", "kg": "kg"}
_EN_AMOUNT = re.compile(r"\b(\d+(?:\.\d+)?)[\s-]*(kilometres?|kilometers?|km|miles?|mi|minutes?|mins?|hours?|hrs?|days?|weeks?|"
                        r"months?|sessions?|classes|class|lessons?|people|persons?|pages?|books?|laps?|steps?|kg)\b", re.I)


@dataclass(frozen=True)
class Fact:
    """One piece of a post's news: its ``kind`` (see KINDS), the words the post used, and the canonical keys
    any writing of the same fact has (empty for places and events, which are matched by their characters)."""

    kind: str
    text: str
    keys: frozenset[str] = frozenset()

    def label(self, lang: str) -> str:
        return KINDS[self.kind][lang == "en"]


def _normal(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _number(word: str) -> float | None:
    """12, "十二", "二十", "两", "一百二" as a number; None when it is not one."""
    if re.fullmatch(r"\d+(?:\.\d+)?", word):
        return float(word)
    total, current = 0, 0
    for ch in word:
        if ch in _CN:
            current = _CN[ch]
        elif ch in "十百千":
            total += (current or 1) * {"十": 10, "百": 100, "千": 1000}[ch]
            current = 0
        else:
            return None
    return float(total + current)


def _int(word: str) -> int:
    n = _number(word)
    return int(n) if n is not None else -1


def _fmt(n: float) -> str:
    return str(int(n)) if n == int(n) else str(n)


def _dates(text: str, lang_en: bool) -> list[tuple[int, int, Fact, set[str]]]:
    """(start, end, fact, extra keys the same words also stand for) for every date."""
    out = []
    for m in _ZH_DATE.finditer(text):
        month, day = (_int(m[1]), _int(m[2])) if m[1] else (int(m[3]), int(m[4]))
        if 1 <= month <= 12 and 1 <= day <= 31:
            out.append((m.start(), m.end(), Fact("date", m[0].strip(), frozenset({f"d:{month}-{day}"})), set()))
    for m in _ZH_WEEKDAY.finditer(text):
        n, prefix = _WEEKDAYS[m[2]], (m[1] or "")[:1]
        key = f"w:{n}" + (":next" if prefix == "下" else ":last" if prefix == "上" else "")
        out.append((m.start(), m.end(), Fact("date", m[0], frozenset({key})),
                    {f"w:{n}", "s:week:next" if prefix == "下" else "s:week:this"}))
    for m in _ZH_WEEKEND.finditer(text):
        key = "w:weekend" + (":next" if (m[1] or "").startswith("下") else "")
        out.append((m.start(), m.end(), Fact("date", m[0], frozenset({key})), {"w:weekend", "w:6", "w:7"}))
    for m in _WORKDAYS.finditer(text):
        out.append((m.start(), m.end(), Fact("date", m[0], frozenset({"w:workdays"})), {f"w:{n}" for n in range(1, 6)}))
    for m in _ZH_SPAN.finditer(text):
        if m[3]:
            key = f"s:{m[3]}"
        else:
            which = {"下": "next", "本": "this", "这": "this", "上": "last"}[m[1][0]]
            if m[1].startswith("下下"):
                which = "next2"
            key = f"s:{'month' if m[2] == '月' else 'week'}:{which}"
        out.append((m.start(), m.end(), Fact("date", m[0], frozenset({key})), set()))
    for m in _ZH_DAY.finditer(text):
        key = f"r:{'今明后'.index(m[0][0])}"
        out.append((m.start(), m.end(), Fact("date", m[0], frozenset({key})), set()))
    for m in _EN_DATE.finditer(text):
        day, month = (int(m[1]), _MONTHS[m[2].lower()]) if m[1] else (int(m[4]), _MONTHS[m[3].lower()])
        if 1 <= day <= 31:
            out.append((m.start(), m.end(), Fact("date", m[0], frozenset({f"d:{month}-{day}"})), set()))
    for m in _EN_WEEKDAY.finditer(text):
        if not lang_en and not m[1]:
            continue  # "Sat" inside a Chinese post is rarely the day
        n = _EN_WEEKDAYS[m[2].lower()]
        key = f"w:{n}" + (":next" if (m[1] or "").strip().lower() == "next" else "")
        out.append((m.start(), m.end(), Fact("date", m[0], frozenset({key})), {f"w:{n}"}))
    for m in _EN_DAY.finditer(text):
        w = m[1].lower()
        key = {"today": "r:0", "tonight": "r:0", "tomorrow": "r:1"}.get(w, "w:weekend:next" if "next" in w else "w:weekend")
        out.append((m.start(), m.end(), Fact("date", m[0], frozenset({key})), {"w:weekend", "w:6", "w:7"} if "weekend" in w else set()))
    return out


def _clock(hour: int, minute: int, period: str | None) -> set[str]:
    """The keys of a clock time: one when the part of the day is known, else both halves of the day."""
    if not 0 <= hour <= 24 or not 0 <= minute < 60:
        return set()
    if period in _PM and hour < 12:
        hour += 12
    elif period == "中午" and hour < 6:
        hour += 12
    if period or hour == 0 or hour > 12:
        return {f"t:{hour % 24}:{minute:02d}"}
    return {f"t:{hour}:{minute:02d}", f"t:{(hour + 12) % 24}:{minute:02d}"}


def _times(text: str) -> list[tuple[int, int, Fact, set[str]]]:
    out = []
    last_end, last_period = -1, None
    for m in _ZH_TIME.finditer(text):
        period, word = m[1], m[4]
        if word and not word.isdigit() and not (period or m[5] in ("半", "一刻", "三刻", "整", "钟") or m[6]):
            continue  # "一点" is "a little", "两点" two points: a Chinese numeral is a time only with a part of the day
        if not period and last_end >= 0 and _RANGE.fullmatch(text[last_end:m.start()] or "x"):
            period = last_period  # "晚上7点到9点": the second hour is in the evening too
        if m[2]:
            hour, minute = int(m[2]), int(m[3])
        else:
            hour = _int(word)
            minute = {"半": 30, "一刻": 15, "三刻": 45}.get(m[5] or "", int(m[6]) if m[6] else 0)
        keys = _clock(hour, minute, period)
        if keys:
            start = m.start() + len(m[0]) - len(m[0].lstrip())
            out.append((start, m.end(), Fact("time", m[0].strip(), frozenset(keys)), set()))
        last_end, last_period = m.end(), period
    for m in _EN_TIME.finditer(text):
        if m[6]:
            keys = {"t:0:00"} if m[6].lower() == "midnight" else {"t:12:00"}
        elif m[3]:
            hour = int(m[1]) % 12 + (12 if m[3].lower() == "p" else 0)
            keys = {f"t:{hour}:{int(m[2] or 0):02d}"} if int(m[1]) <= 12 else set()
        else:
            keys = _clock(int(m[4]), int(m[5]), None)
        if keys:
            out.append((m.start(), m.end(), Fact("time", m[0].strip(), frozenset(keys)), set()))
    return out


def _places_and_events(text: str) -> list[tuple[int, int, Fact, set[str]]]:
    out = []
    for m in _ZH_PLACE.finditer(text):
        name = (m[1] or m[2] or "").strip(" 的")
        if m[2]:
            name = re.split(r"\s", name)[0]
        to_end = m[1] and not re.match(_PLACE_VERB, text[m.end(1):])
        if to_end and not _PLACE_END.search(name):
            continue
        if len(name) >= 2 and not _NOT_PLACE.search(name) and not _ZH_TIME.search(name) and not _ZH_DATE.search(name):
            start = m.start(1) if m[1] else m.start(2)
            out.append((start, start + len(name), Fact("place", name), set()))
    for m in _EN_PLACE.finditer(text):
        name = re.sub(r"(?:\s+(?:of|on|de))+$", "", m[1])
        if not _EN_NOT_PLACE.match(name):
            out.append((m.start(1), m.start(1) + len(name), Fact("place", name), set()))
    for m in _ZH_EVENT.finditer(text):
        name = m[1]
        if not _NOT_EVENT.match(name):
            out.append((m.start(1), m.end(1), Fact("event", name), set()))
    return out


def _amounts(text: str) -> list[tuple[int, int, Fact, set[str]]]:
    out = []
    for m in _ZH_AMOUNT.finditer(text):
        n = _number(m[1])
        if n:
            out.append((m.start(), m.end(), Fact("amount", m[0], frozenset({f"a:{_fmt(n)}{_UNITS[m[2]]}"})), set()))
    for m in _EN_AMOUNT.finditer(text):
        word = m[2].lower()
        unit = next(u for w, u in sorted(_EN_UNITS.items(), key=lambda x: -len(x[0])) if word.startswith(w))
        out.append((m.start(), m.end(), Fact("amount", m[0], frozenset({f"a:{_fmt(float(m[1]))}{unit}"})), set()))
    return out


def _read(text: str, lang: str) -> list[tuple[int, int, Fact, set[str]]]:
    text = _normal(text)
    found = _dates(text, lang == "en") + _times(text) + _places_and_events(text) + _amounts(text)
    # A fact inside a longer one is part of it ("9:30" in "9:30 am", "周末" in the event "周末读书会").
    kept = [(s, e, fact, extra) for s, e, fact, extra in found
            if not any(s2 <= s and e <= e2 and (s2, e2) != (s, e) for s2, e2, _, _ in found)]
    return sorted(kept, key=lambda x: x[0])


def facts_in(texts: list[str] | str, lang: str = "zh") -> list[Fact]:
    """The facts of a post's news, in order, each once (``texts``: the kept clauses of an offline rewrite)."""
    seen, out = set(), []
    for text in [texts] if isinstance(texts, str) else texts:
        for _, _, fact, _ in _read(text, lang):
            ident = (fact.kind, fact.keys or fact.text)
            if ident not in seen:
                seen.add(ident)
                out.append(fact)
    return out


def _pairs(s: str) -> set[str]:
    s = re.sub(r"[\s的之]", "", s.lower())
    return {s[i:i + 2] for i in range(len(s) - 1)} or {s}


def missing(facts: list[Fact], text: str, lang: str = "zh") -> list[Fact]:
    """The facts ``text`` does not carry, in any of their writings."""
    norm = _normal(text)
    keys: set[str] = set()
    for _, _, fact, extra in _read(norm, lang):
        keys |= fact.keys | extra
    flat = re.sub(r"\s+", "", norm).lower()
    out = []
    for fact in facts:
        if re.sub(r"\s+", "", _normal(fact.text)).lower() in flat:
            continue
        if fact.keys:
            if not fact.keys & keys:
                out.append(fact)
            continue
        have = _pairs(fact.text)
        if len(have & _pairs(norm)) < max(1, round(len(have) * 2 / 3)):
            out.append(fact)
    return out
