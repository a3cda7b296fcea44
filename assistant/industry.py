"""Recognising the business an owner describes: by meaning, with whole words as supporting evidence.

Substring keywords mistook "上班族" for a class (班) and "理发店" for skincare. Here a keyword counts only
when it stands as a word of the description (jieba's tokens; English on word boundaries), and the
decision rests on the meaning: the bundled e5 model compares the description with each playbook's
``about`` line. When neither is convincing, the planner says so and asks instead of guessing.

What the business *does* decides, not whom it serves: words for the customers (老人, 孩子, 老板) are no
keyword support on their own, a match by meaning alone must also hold without the sentence about the
customers, a playbook whose members are of one age (``ages``) does not fit members only of the other, and a
trade no playbook offers (``trades.toml``: 殡葬, 客运, 维修 ...) named first keeps the generic playbook.
"""
from __future__ import annotations

import math
import re
import string
import threading
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from . import own_trade

# Without a supporting keyword, a playbook is recognised by meaning alone only when its similarity
# reaches SEMANTIC_MIN and stands clear of the runner-up by SEMANTIC_MARGIN (e5's similarities are
# compressed: unrelated descriptions still score ~0.85).
SEMANTIC_MIN = 0.88
SEMANTIC_MARGIN = 0.02
# Each supporting keyword adds this much to the similarity (up to KEYWORD_CAP keywords).
KEYWORD_BONUS = 0.03
KEYWORD_CAP = 3
# A playbook that did not match is named as the closest only when it is close: its similarity reaches
# HINT_MIN and stands HINT_MARGIN above the fourth-ranked (a flat ranking is noise: 修钟表 is not 瑜伽).
HINT_MIN = 0.87
HINT_MARGIN = 0.02
# Where the business only is, or goes ("I visit farmers markets", "寺庙旁边的", "医院里的"): a keyword there is
# the place, not the offering.
_PLACE = re.compile(
    r"[\u4e00-\u9fff]{1,8}(?:里的|里面|旁边|附近|门口|对面|隔壁|楼下|路口|街口|市场口|地铁口)"
    r"|\b(?:visit|visits|park at|parks at|parked at|near|next to|beside|outside|across from)\b[^.;,!?]*"
    # Where it sets up ("in our church car park", "at the Saturday farmers market", "out of a shed"), and where its
    # goods go ("deliver to warehouses and farms", "sell at markets"): places and recipients, not the offering.
    # Only after the business is named: a text that opens "in our bike shop's group" (a question's business part)
    # names the business there, and so does "in our bike shop's customer group" after other words.
    r"|(?<=\w\s)(?:in|at|out of|inside|behind)\s+(?:our|my|the|a|an|their)\b"
    r"(?![^.;,!?]*'s\s+(?:customer\s+|members'?\s+)?(?:group|chat|community|members|customers)\b)[^.;,!?]*"
    r"|\b(?:deliver|delivers|delivered|delivering|ship|ships|shipping|sell|sells|selling)\s+(?:to|at|into)\b[^.;,!?]*",
    re.I)
# What a business also has beside its own offering ("Board game lounge with a small coffee bar", "店里有个小酒馆"):
# an amenity, not what it is.
_AMENITY = re.compile(
    r"\bwith\s+(?:an?|its own|our own)\s+(?:small\s+|little\s+|tiny\s+)?[a-z' -]*?"
    r"\b(?:bar|corner|counter|shop|taproom|cafe|café|kitchen|lounge|area|garden|restaurant)s?\b"
    r"|(?:店里|店内|里面|旁边)?(?:还|也)?(?:有|带)(?:个|一个|一间|间|家)(?:小)?[\u4e00-\u9fff]{1,6}?(?:馆|吧|角|区|店|室|台|厅)", re.I)
# Who mostly comes, said in passing ("mostly home cooks and a few barbers"): the customers, not the offering.
# Who sends or brings the work ("a few hairdressers send me theirs"): customers too.
_CUSTOMERS = re.compile(r"\b(?:mostly|mainly)\s+(?!for\b)[^.;!?]*"
                        # Who brings the work or comes along ("农户拿自家花生来榨", "有人带孩子来摘"): customers.
                        # Only a named bringer counts: 拿手, 拿铁, 外带, 带货 and a coach bringing learners are no customers.
                        r"|(?:农户|村民|家长|客人|顾客|街坊|邻居|居民|游客|老客人|老客户|有人|大家|人们)(?:会|都|也|常|经常)?"
                        r"(?:带着?|拿着?)[^,\uff0c\u3002;\uff1b!\uff01?\uff1f]{1,14}?来"
                        r"|[^.;,!?]*\b(?:send|sends|bring|brings|refer|refers)\s+(?:me|us|theirs)\b[^.;,!?]*", re.I)
# Fewer meaningful characters than this and the description says too little to plan on.
THIN_CHARS = 3
# Shorter than this (meaningful characters), a recognised description still gets a question or two.
SHORT_CHARS = 12
_MEANINGFUL = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
# Who the customers are, not what the business does: any business may serve them, so in the sentence about
# the customers these are no support for a playbook whose keywords they are (a bonsai nursery "客人多是退休
# 的老人" is not an elder-care home) and add nothing to its score; naming the business ("长者合唱团") they count.
MEMBER_WORDS = frozenset({
    "老人", "老年人", "长者", "退休", "孩子", "儿童", "小朋友", "宝宝", "婴儿", "家长", "宝妈", "孕妇", "老板", "车主",
    "新手司机", "熟客", "上班族", "白领", "学生", "中小企业",
    "senior", "seniors", "retirees", "elderly", "kids", "children", "parents", "mothers", "students",
})
# A sentence about the customers ("客人多是退休的老人", "主要服务本市的逝者家属", "our regulars are mostly
# retirees"): a match by meaning alone must hold without it too.
_MEMBER_CLAUSE = re.compile(
    r"(?:(?:客人|顾客|客户|客群|学员|会员|乘客|常客|熟客|住户|用户|患者|病人|来的人|来的)"
    r"(?:大多|多半|大部分|基本上?|主要|几乎|一般|多)?都?(?:是|为|以)|主要服务于?|服务对象(?:是|为)?|服务于|面向)"
    r"[^,\uff0c\u3002;\uff1b!\uff01?\uff1f]*"
    r"|\b(?:customers|clients|patients|students|members|passengers|guests|regulars|riders|shoppers)\s+(?:are|is)\b[^.;!?]*"
    r"|\b(?:serving|mostly for|mainly for)\b[^.;!?]*", re.I)
# Whom the work is for ("trophies for little league teams", "pool care for hotels"): customers, unless a taught activity
# stands right before "for" ("goalkeeper coaching for youth football teams": it says whom, the sport is still its own).
_FOR_WHOM = re.compile(r"(?<=\w\s)for\s+(?:[a-z0-9'&-]+\s+){0,5}?(?:teams|clubs|leagues|schools|hotels|motels|offices|"
                       r"landlords|homeowners|households|churches|hospitals|pharmacies|practices|gyms|restaurants|cafes|"
                       r"shops|stores|farms|ranches|stables|builders|contractors|hunters|anglers|athletes|players|"
                       r"drivers|owners|tenants|venues|events|weddings)\b", re.I)
_TAUGHT_FOR = re.compile(r"\b(?:coaching|training|lessons?|class(?:es)?|tutoring|camps?|clinics?)\s+$")
# What a business is likened to ("环境像酒店一样", "堪比五星级酒店的月子会所", "酒店式公寓", "hotel-style rooms",
# "feels like a hotel"): it is not that business, so a keyword only found in such a likeness is no support (a
# confinement centre "像酒店一样" is no hotel). "像" counts only with its closing 一样/一般/似的/般 (人像, 图像 are words).
_LIKENESS = re.compile(
    r"像[^,\uff0c\u3002;\uff1b!\uff01?\uff1f\u3001像]{1,10}?(?:一样|一般|似的|般)"
    r"|(?:堪比|媲美|比肩|不输|宛如|犹如|如同|好比)[^,\uff0c\u3002;\uff1b!\uff01?\uff1f\u3001的]{1,10}"
    r"|\b(?:is|are|feels?|looks?|just|much|rather|almost)\s+like\s+(?:an?\s+|the\s+)?[a-z][\w'-]*(?:\s+[a-z][\w'-]*)?"
    r"|\b[a-z]+(?:\s[a-z]+)?-(?:style|like)\b", re.I)
# A keyword directly followed by one of these is a likeness too ("酒店式公寓", "和酒店一样").
_LIKENESS_AFTER = ("式", "一样", "似的", "般")
# Members of one age (a playbook's ``ages``), as a description says them.
_AGES = {
    "seniors": re.compile(r"老人|老年|长者|退休|大爷|大妈|[六七八九]十多?岁|平均年龄[6-9]\d|"
                          r"\b(?:seniors?|retirees?|elderly|pensioners?)\b", re.I),
    "children": re.compile(r"孩子|儿童|少儿|小朋友|小学生|幼儿|宝宝|婴儿|\b(?:kids?|children|toddlers?|bab(?:y|ies))\b", re.I),
    # Grown-ups: a children's playbook does not fit "教成年人写毛笔字" ("adults" is no playbook's own age).
    "adults": re.compile(r"成年人|成人|\badults?\b", re.I),
}
TRADES_FILE = Path(__file__).resolve().parent / "trades.toml"
# The first thing a description says, up to the first clause mark (a trade is looked for there).
# A space between Chinese words ends a clause too ("电动车修理 换电瓶 补胎": the opening is 电动车修理).
_FIRST_CLAUSE = re.compile(r"[,\uff0c\u3002;\uff1b!\uff01?\uff1f:\uff1a]|[.\u2014\u2013](?:\s|$)|\s-\s"
                           r"|(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
_VAGUE_ONLY = re.compile(r"^(我|我们|咱|本人)?(是|在)?(开|做|卖|搞|经营|有)?(了)?(一个|一家|个|家)?(小)?"
                         r"(店|生意|买卖|服务|东西|公司|工作室|铺子|网店|实体店|项目|小店|群)?(的)?[。.!!]?$")


@dataclass
class Recognition:
    """Which playbook fits a description, how sure we are, and why."""

    key: str
    similarity: float
    keywords: list[str] = field(default_factory=list)
    confident: bool = False
    thin: bool = False  # the description is too short or too vague to plan on
    short: bool = False  # recognisable, but says little about the members
    ranking: list[tuple[str, float]] = field(default_factory=list)
    # Not recognised: the playbooks that came closest (or whose members are of another age), and the
    # trade no playbook offers that the description names first, if any.
    unmatched: list[str] = field(default_factory=list)
    trade: Trade | None = None
    # The uncovered trade the description names first, even where a playbook offers it ("手机维修店": car
    # repair offers 维修 but is no phone shop): what a generic plan is written for.
    named_trade: Trade | None = None
    # What the description's own words say the business offers (own_trade.py), if they say.
    offering: object | None = None
    # What it says it focuses on, of the offering's kind ("皮肤科门诊,主要治疗湿疹": 湿疹), if it says.
    focus: object | None = None


@dataclass(frozen=True)
class Trade:
    """A kind of business no playbook covers (``trades.toml``), and what its members would share: the generic
    playbook's fields in the trade's own words, per language (``plan``)."""

    name: str
    en: str
    words: tuple[str, ...]
    plan: dict = field(default_factory=dict, compare=False, hash=False, repr=False)
    # The kind of group the trade's situation calls for (group_types.toml key, "" for the usual choice), and
    # why, per language (``[trade.group]``).
    group: str = field(default="", compare=False, hash=False, repr=False)
    group_reason: dict = field(default_factory=dict, compare=False, hash=False, repr=False)
    # That kind of group's wording in the trade's own words, per language (``[trade.group.wording]``: the
    # threshold, the rules), used instead of the standard wording when a plan's group is the trade's kind.
    wording: dict = field(default_factory=dict, compare=False, hash=False, repr=False)
    # Words naming any business of their kind ("中介"): this trade only bare or after another of its words.
    heads: tuple[str, ...] = field(default=(), compare=False, hash=False, repr=False)
    # Words naming the trade wherever they stand (whom it works for: "养猪户", "livestock").
    anywhere: tuple[str, ...] = field(default=(), compare=False, hash=False, repr=False)
    # Words naming the trade when said of the customers ("客户是养鸡养鸭的农户"): what the customers do.
    members: tuple[str, ...] = field(default=(), compare=False, hash=False, repr=False)


# What every trade's plan must say, in each language: enough for a goal that fits and the plan around it.
TRADE_PLAN_FIELDS = ("member", "ideal", "reality", "goal", "vision", "checkin", "review", "pitfall")
TRADE_LANGUAGES = ("zh", "en")


@lru_cache(maxsize=1)
def trades() -> tuple[Trade, ...]:
    """The kinds of business no playbook covers, checked when loaded."""
    return check_trades(tomllib.loads(TRADES_FILE.read_text(encoding="utf-8")))


def check_trades(data: dict) -> tuple[Trade, ...]:
    """The trades of a parsed ``trades.toml``; fails loudly, naming the trade and field, when one is incomplete."""
    from .errors import ConfigError
    from .planner import OPTIONAL_FIELDS, PLAYBOOK_FIELDS, challenge_tone, check_challenge, playbooks

    out = []
    for i, t in enumerate(data.get("trade", []), 1):
        if not (t.get("name") and t.get("en") and t.get("words")):
            raise ConfigError(f"{TRADES_FILE.name}: 第 {i} 个 trade 需要 name、en、words")
        plan = t.get("plan", {})
        for lang in TRADE_LANGUAGES:
            fields = plan.get(lang)
            where = f"{TRADES_FILE.name} [{t['name']}] trade.plan.{lang}"
            if not isinstance(fields, dict):
                raise ConfigError(f"{where}:缺少这一节(成员会一起追求什么)")
            missing = [f for f in TRADE_PLAN_FIELDS if not fields.get(f)]
            if missing:
                raise ConfigError(f"{where}:缺少 {', '.join(missing)}")
            for name, value in fields.items():
                kind = PLAYBOOK_FIELDS.get(name) or OPTIONAL_FIELDS.get(name)
                if kind is None or not isinstance(value, kind) or not value:
                    raise ConfigError(f"{where}:{name} 不是行业手册的字段,或者不是{'文字' if kind is str else '列表'}")
            # The challenge's tone: the trade's own, else the generic playbook's (whose items fill a missing pk).
            tone = t.get("challenge") or challenge_tone(playbooks()["generic"])
            check_challenge(where, fields, tone)
        if not isinstance(t.get("gentle", False), bool):
            raise ConfigError(f"{TRADES_FILE.name} [{t['name']}]: gentle 只能是 true 或 false")
        # The trade's own tone, carried into its plan: the challenge's, and the gentle templates for families in grief.
        tone = {k: t[k] for k in ("challenge", "gentle") if t.get(k)}
        group = _trade_group(t)
        heads, anywhere, members = t.get("heads", []), t.get("anywhere", []), t.get("members", [])
        for key, value in (("heads", heads), ("anywhere", anywhere), ("members", members)):
            if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
                raise ConfigError(f"{TRADES_FILE.name} [{t['name']}]: {key} 应为词语列表")
        if stray := [h for h in heads if h not in t["words"]]:
            raise ConfigError(f"{TRADES_FILE.name} [{t['name']}]: heads 里的 {', '.join(stray)} 不在 words 里")
        out.append(Trade(t["name"], t["en"], tuple(t["words"]),
                         {lang: {**plan[lang], **tone} for lang in TRADE_LANGUAGES},
                         group.get("type", ""), {lang: group[lang] for lang in TRADE_LANGUAGES if lang in group},
                         _group_wording(t), tuple(heads), tuple(anywhere), tuple(members)))
    return tuple(out)


# What ``[trade.group]`` may say: the kind, why (per language) and, optionally, its wording.
GROUP_KEYS = ("type", *TRADE_LANGUAGES, "wording")
# What a trade may word its own way for its kind of group (``[trade.group.wording.zh]`` / ``.en``), and the
# fields each may use (as the standard wording in method/planner.toml does).
GROUP_WORDING = {"threshold": ("member", "regular"), "rules": ("goal", "checkin", "member")}


def _trade_group(t: dict) -> dict:
    """A trade's ``[trade.group]``, checked: a kind of group (group_types.toml key) and the reason in each language."""
    from . import group_types
    from .errors import ConfigError

    group = t.get("group")
    if group is None:
        return {}
    where = f"{TRADES_FILE.name} [{t['name']}] trade.group"
    unknown = [k for k in group if k not in GROUP_KEYS]
    if unknown:
        raise ConfigError(f"{where}:不认识的字段 {', '.join(unknown)}(只能有 {', '.join(GROUP_KEYS)})")
    if group.get("type") not in group_types.DISPLAY_ORDER:
        raise ConfigError(f"{where}:type 必须是 {', '.join(group_types.DISPLAY_ORDER)} 之一,收到 {group.get('type')!r}")
    missing = [lang for lang in TRADE_LANGUAGES if not isinstance(group.get(lang), str) or not group[lang].strip()]
    if missing:
        raise ConfigError(f"{where}:缺少为什么选这种群的说明({', '.join(missing)})")
    return group


def _group_wording(t: dict) -> dict:
    """A trade's ``[trade.group.wording]``, checked: per language, its own threshold and/or rules for its kind of
    group, the same keys in each language, no empty text, only the fields the standard wording may use."""
    wording = (t.get("group") or {}).get("wording")
    if wording is None:
        return {}
    return check_wording(wording, f"{TRADES_FILE.name} [{t['name']}] trade.group.wording")


def check_wording(wording, where: str) -> dict:
    """A kind of group's own wording (a trade's, or a life event's: method/life_events.toml), checked: per language,
    a threshold and/or rules, the same keys in each language, no empty text, only the fields the standard
    wording may use."""
    from .errors import ConfigError

    if not isinstance(wording, dict) or sorted(wording) != sorted(TRADE_LANGUAGES):
        got = ", ".join(wording) if isinstance(wording, dict) else type(wording).__name__
        raise ConfigError(f"{where}:需要且只能有 {', '.join(TRADE_LANGUAGES)} 两节,收到 {got or '空'}")
    for lang in TRADE_LANGUAGES:
        own, at = wording[lang], f"{where}.{lang}"
        if not isinstance(own, dict) or not own:
            raise ConfigError(f"{at}:至少要写 {'、'.join(GROUP_WORDING)} 中的一项")
        unknown = [k for k in own if k not in GROUP_WORDING]
        if unknown:
            raise ConfigError(f"{at}:不认识的字段 {', '.join(unknown)}(只能有 {', '.join(GROUP_WORDING)})")
        for key, value in own.items():
            texts = value if key == "rules" else [value]
            if key == "rules" and (not isinstance(value, list) or not value):
                raise ConfigError(f"{at}:rules 应为不空的列表(每条一句群规)")
            for text in texts:
                if not isinstance(text, str) or not text.strip():
                    raise ConfigError(f"{at}:{key} 里有空的或不是文字的一项")
                _check_fields(text, GROUP_WORDING[key], f"{at}.{key}")
    if set(wording["zh"]) != set(wording["en"]):
        raise ConfigError(f"{where}:zh 和 en 要写同样的字段(zh: {', '.join(wording['zh'])};en: {', '.join(wording['en'])})")
    return {lang: dict(wording[lang]) for lang in TRADE_LANGUAGES}


def _check_fields(text: str, allowed: tuple[str, ...], where: str) -> None:
    """Fail unless every ``{field}`` in ``text`` is one of ``allowed`` (and the braces are balanced)."""
    from .errors import ConfigError

    try:
        names = [f for _, f, _, _ in string.Formatter().parse(text) if f is not None]
    except ValueError as e:
        raise ConfigError(f"{where}:「{text}」的大括号不成对({e})") from None
    bad = [f"{{{f}}}" for f in names if f not in allowed]
    if bad:
        raise ConfigError(f"{where}:「{text}」里的 {', '.join(bad)} 不能用(只能用 "
                          f"{', '.join('{' + a + '}' for a in allowed)})")


def first_clause(text: str) -> str:
    """What a description says first, up to its first clause mark: where its trade (or life event) is named."""
    return _FIRST_CLAUSE.split(text.strip(), maxsplit=1)[0]


def trade_named(text: str) -> Trade | None:
    """The uncovered trade the description's first clause names ("我是做保险代理的", "Locksmith."), or None.
    Of several, the one named first, then the one with most words there ("月嫂家政中介" is housekeeping: its
    中介 is an agency, not an estate agent)."""
    # A hard moment the members are in (a separation, a serious illness: a gentle trade's `anywhere` words) decides
    # wherever it is said: a lawyer whose clients are divorcing serves people in that moment, not bookkeeping.
    all_tokens, all_low = words(text), text.lower()
    hard = [(min(all_low.find(w.lower()) for w in hits), t, hits) for t in trades()
            if t.anywhere and t.plan["zh"].get("gentle") and (hits := keyword_hits(text, list(t.anywhere), all_tokens))]
    # A clinic treating the condition itself ("肿瘤康复门诊") has its own focus plan (own_trade's treatment kind).
    off = own_trade.offering(text) if hard else None
    treats = off is not None and off.kind == "treatment" and any(
        w.lower() in off.phrase.lower() for _, _, hits in hard for w in hits)
    skip = {t.name for _, t, _ in hard}
    first = first_clause(text)
    tokens = words(first)
    low = first.lower()
    best, rank = None, None
    for t in trades():
        if t.name in skip:
            continue
        hits = [w for w in keyword_hits(first, list(t.words), tokens) if w not in t.heads or _bare_head(first, w, t)]
        if not hits:
            continue
        at = min((low.find(w.lower()) for w in hits if w.lower() in low), default=len(low))
        if rank is None or (at, -len(hits)) < rank:
            best, rank = t, (at, -len(hits))
    # The hard moment wins over the trade the opening names, unless that is a gentle trade already (a hospice
    # "服务晚期癌症病人" is the end of life, not treatment).
    if hard and not treats and not (best is not None and best.plan["zh"].get("gentle")):
        return min(hard, key=lambda x: x[0])[1]
    if best is None and not own_trade.sells_produce(text):
        # Whom the business works for, said later ("乡村兽医,给养猪养牛的农户看病"): the earliest such word. A business
        # selling its animals' eggs or meat ("养牛,卖牛肉") keeps them itself: they are no customers of its.
        tokens, low = words(text), text.lower()
        found = [(min(low.find(w.lower()) for w in hits), t) for t in trades() if t.anywhere
                 and not t.plan["zh"].get("gentle") and (hits := keyword_hits(text, list(t.anywhere), tokens))]
        best = min(found, key=lambda x: x[0])[1] if found else None
    if best is None:
        # What the customers do, said of them ("客户是周边养鸡养鸭的农户"): whom the business works for.
        said = " ".join(member_clauses(text))
        best = next((t for t in trades() if t.members and said and keyword_hits(said, list(t.members))), None)
    return best


def _bare_head(clause: str, head: str, trade: Trade) -> bool:
    """Whether a head word (``heads``: "中介") names the trade here: bare ("做中介的", "中介公司") or right after
    another of its words ("二手房中介"), not after a word of something else ("留学中介" brokers study abroad)."""
    from .text import _ensure_jieba

    toks = _ensure_jieba().lcut(clause.lower())
    own = {w.lower() for w in trade.words} | set(own_trade.data()["filler"]["zh"])
    for i, tok in enumerate(toks):
        if tok == head.lower() and (i == 0 or toks[i - 1] in own or not re.search(r"[\u4e00-\u9fff]{2}", toks[i - 1])):
            return True
    return False


def offers(book: dict, trade: Trade, english: dict | None = None) -> bool:
    """Whether a playbook offers the trade: one of its words stands in the playbook's keywords or ``about``."""
    text = " ".join([*book.get("keywords", []), book.get("about", ""), book.get("label", ""),
                     (english or {}).get("about", "")]).lower()
    for w in trade.words:
        wl = w.lower()
        if wl.isascii():
            if re.search(r"\b" + re.escape(wl) + r"(?:s|es|ing)?\b", text):
                return True
        elif len(wl) >= 2 and wl in text:
            return True
    return False


def member_clauses(text: str) -> list[str]:
    """The parts of a description that say who the customers are."""
    return [m.group(0) for m in _MEMBER_CLAUSE.finditer(text) if m.group(0).strip()]


def ages_of(text: str) -> set[str]:
    """The ages of members a description names ("seniors", "children")."""
    return {age for age, pattern in _AGES.items() if pattern.search(text)}


def words(text: str) -> set[str]:
    """The description's words: jieba tokens (search mode, so 理发店 gives 理发 and 理发店) and English words."""
    from .text import _ensure_jieba

    jieba = _ensure_jieba()
    low = text.lower()
    out = {t.strip() for t in jieba.lcut_for_search(low) if t.strip()}
    out |= set(re.findall(r"[a-z][a-z'-]+", low))
    return out


def keyword_hits(text: str, keywords: list[str], tokens: set[str] | None = None) -> list[str]:
    """Keywords that stand as words in ``text`` (three or more Chinese characters may also sit inside a word)."""
    tokens = tokens if tokens is not None else words(text)
    low = text.lower()
    hits = []
    for k in keywords:
        kl = k.lower()
        plural = kl.isascii() and (kl + "s" in tokens or kl + "es" in tokens)
        if kl in tokens or plural or (len(kl) >= 3 and not kl.isascii() and kl in low):
            hits.append(k)
        elif kl.isascii() and " " in kl and re.search(r"\b" + re.escape(kl) + r"\b", low):
            hits.append(k)
    return hits


_vec_lock = threading.Lock()
_vec_cache: dict[tuple, dict[str, list[float]]] = {}


def _playbook_vectors(books: dict, english: dict | None = None) -> dict[str, list[list[float]]]:
    """Each playbook's vectors: its Chinese line and, where ``english`` has one, its English line (the small
    e5 model matches within a language far better than across, so an English description meets English)."""
    english = english or {}
    key = tuple(sorted((k, b.get("about", ""), english.get(k, {}).get("about", "")) for k, b in books.items()))
    with _vec_lock:
        if key not in _vec_cache:
            from .embeddings import E5Embeddings

            names = [k for k in books if k != "generic"]
            texts = [f"{books[k].get('about', '')} {books[k]['label']}:{'、'.join(books[k]['keywords'][:8])}" for k in names]
            en_names = [k for k in names if english.get(k, {}).get("about")]
            en_texts = [f"{english[k]['about']} ({english[k]['label']})" for k in en_names]
            vectors = E5Embeddings().cached_documents("playbooks", texts + en_texts)
            out = {k: [v] for k, v in zip(names, vectors)}
            for k, v in zip(en_names, vectors[len(names):]):
                out[k].append(v)
            _vec_cache[key] = out
        return _vec_cache[key]


def _cos(a: list[float], b: list[float]) -> float:
    dot = sum(x * y for x, y in zip(a, b))
    na = math.sqrt(sum(x * x for x in a))
    nb = math.sqrt(sum(y * y for y in b))
    return dot / (na * nb or 1.0)


def _spans(low: str, keyword: str) -> list[tuple[int, int]]:
    k = keyword.lower()
    if k.isascii():
        return [m.span() for m in re.finditer(r"\b" + re.escape(k) + r"(?:e?s)?\b", low)]
    return [m.span() for m in re.finditer(re.escape(k), low)]


def _longest_hits(text: str, hits: dict[str, list[str]]) -> dict[str, list[str]]:
    """Drop an English keyword whose every occurrence sits inside a longer keyword of another playbook:
    "bubble tea" is the drinks shop's word, so its "tea" is not evidence for the tea house. (Chinese words
    come from jieba's segmentation, where 培训 inside 培训机构 still means training.)"""
    low = text.lower()
    spans = {(k, w): _spans(low, w) for k, ws in hits.items() for w in ws}
    out = {}
    for k, ws in hits.items():
        kept = []
        for w in ws:
            inside = w.isascii() and all(any(o != k and s0 <= a and b <= e0 and (e0 - s0) > (b - a)
                             for (o, ow), sp in spans.items() for s0, e0 in sp)
                         for a, b in spans[(k, w)]) if spans[(k, w)] else False
            if not inside:
                kept.append(w)
        out[k] = kept
    return out


def is_thin(text: str) -> bool:
    """Too little to plan on: a handful of characters, or only "I run a (small) shop"."""
    meaningful = len(_MEANINGFUL.findall(text))
    stripped = re.sub(r"\s+", "", text)
    english_vague = re.fullmatch(r"(?i)\s*(i|we)\s+(run|have|own|opened)\s+(a|an)\s+(small\s+)?(shop|store|business|company)\.?\s*",
                                 text)
    return meaningful < THIN_CHARS or bool(_VAGUE_ONLY.match(stripped)) or bool(english_vague)


def _similarities(text: str, books: dict, english: dict | None) -> dict[str, float]:
    from .embeddings import E5Embeddings

    q = E5Embeddings().embed_query(text)
    return {k: max(_cos(q, v) for v in vs) for k, vs in _playbook_vectors(books, english).items()}


def recognise(text: str, books: dict, *, semantic: bool = True, english: dict | None = None) -> Recognition:
    """The best playbook for ``text`` among ``books`` (the planner's playbooks; "generic" is the fallback);
    ``english`` holds the same playbooks in English, whose ``about`` lines English descriptions are compared with."""
    tokens = words(text)
    kw = _longest_hits(text, {k: keyword_hits(text, b["keywords"], tokens) for k, b in books.items() if k != "generic"})
    sims = _similarities(text, books, english) if semantic else {}
    about_members = [m.span() for m in _MEMBER_CLAUSE.finditer(text)]
    kw = {k: _support(text, ws, about_members) for k, ws in kw.items()}
    # An age that names the business itself ("老年书法班", "少儿篮球") supports the playbook of that age.
    rest = _without(text, about_members)
    for age, pattern in _AGES.items():
        m = pattern.search(rest)
        for k in kw:
            if m and books[k].get("ages") == age and m.group(0) not in kw[k]:
                kw[k] = [*kw[k], m.group(0)]
    off = own_trade.offering(text)
    kw = {k: _own_offering(text, ws, about_members, off) for k, ws in kw.items()}
    name = name_head(text)
    kw = {k: _of_head(text, ws, name, k, books) for k, ws in kw.items()}
    ruled_out = _ruled_out(text, off)
    sims = {k: (0.0 if k in ruled_out else s) for k, s in sims.items()}
    kw = {k: ([] if k in ruled_out else ws) for k, ws in kw.items()}
    # Members who are business owners are the B2B playbook's evidence (own_trade.toml [b2b]), unless the
    # description names a trade of its own first (bookkeeping for food truck owners is 法律与财税).
    if "b2b" in kw and trade_named(text) is None:
        have = {w.lower() for w in kw["b2b"]}
        kw["b2b"] = [*kw["b2b"], *(w for w in own_trade.b2b_evidence(text) if w.lower() not in have)]
    scores = {k: sims.get(k, 0.0) + KEYWORD_BONUS * min(len(kw[k]), KEYWORD_CAP) for k in kw}
    ranking = sorted(scores.items(), key=lambda x: -x[1])
    # A bare business name ("茶馆", "药店") is short but says what the business is.
    thin = is_thin(text) and not (kw.get(ranking[0][0] if ranking else "", []) and len(_MEANINGFUL.findall(text)) >= 2)
    if not ranking:
        return Recognition("generic", 0.0, thin=thin)
    # A playbook whose members are of one age does not fit a description that names only the other age.
    ages = ages_of(text)
    other_age = {k for k, _ in ranking if books[k].get("ages") and ages and books[k]["ages"] not in ages}
    fitting = [(k, s) for k, s in ranking if k not in other_age] or ranking
    best, score = fitting[0]
    runner_up = fitting[1][1] if len(fitting) > 1 else 0.0
    support = kw[best]
    trade = named_trade = trade_named(text)
    if trade and offers(books[best], trade, (english or {}).get(best)):
        # The trade's own words say what kind of work it is, not for what: "维修" is no support for car
        # repair in "手机维修店".
        own = [w for w in support if w.lower() not in {t.lower() for t in trade.words}]
        # The playbook takes the trade over when its own words are in the opening with the trade's ("月嫂家政中介")
        # or it has none (by meaning); named only later ("家政公司,做保洁,也派月嫂"), the trade said first stays.
        first = first_clause(text).lower()
        if not own or any(w.lower() in first for w in own):
            support, trade = own, None
    by_meaning = sims.get(best, 0.0) >= SEMANTIC_MIN and score - runner_up >= SEMANTIC_MARGIN
    if by_meaning and not support and semantic:
        by_meaning = _holds_without_members(text, best, books, english, other_age)
        # Meaning alone must also fit the name's head word: "射箭馆" sounds like a gym, but archery is no workout.
        by_meaning = by_meaning and (name is None or _in_vocabulary(name[2], books[best]))
        # A shop selling merchandise for an activity ("running shoes") is that activity's only if the playbook says so.
        sold = own_trade.goods_heads(off.thing) if off is not None and off.kind == "goods" else []
        by_meaning = by_meaning and all(_in_vocabulary(h, books[best]) for _, _, h in sold)
        # What is repaired or looked after decides ("咖啡机租赁和维修" sounds like a garage, but it is no car).
        upkept = off.thing if off is not None and off.kind == "upkeep" else ""
        by_meaning = by_meaning and (not upkept or _names_repaired(upkept, books[best]))
    confident = not thin and not trade and (bool(support) or by_meaning)
    short = len(_MEANINGFUL.findall(text)) < SHORT_CHARS
    passed_over = [k for k, _ in ranking[:ranking.index((best, score))] if k in other_age]
    unmatched = passed_over if confident else [*passed_over, *(k for k, _ in fitting[:2] if _close(k, kw, sims))]
    key = best if confident else "generic"
    # No kind word said what it offers: for a plan of its own (no playbook, or B2B), what its name says.
    if off is None and key in ("generic", "b2b"):
        off = own_trade.named(text)
    return Recognition(key, sims.get(best, 0.0), kw[best], confident, thin, short,
                       ranking[:5], unmatched, trade, named_trade, off,
                       own_trade.specialty(text, off.kind, later=False) if off is not None and not off.b2b else None)


def _close(key: str, kw: dict[str, list[str]], sims: dict[str, float]) -> bool:
    """Whether a playbook that did not match is close enough to name: a keyword of it stands in the description,
    or its similarity is high and stands out of the ranking (HINT_MIN, HINT_MARGIN)."""
    if kw.get(key):
        return True
    ranked = sorted(sims.values(), reverse=True)
    fourth = ranked[3] if len(ranked) > 3 else 0.0
    return sims.get(key, 0.0) >= HINT_MIN and sims[key] - fourth >= HINT_MARGIN


def _inside_a_word(text: str, keyword: str) -> bool:
    """Whether a Chinese keyword only stands inside a longer word of the text (洗衣 in 洗衣机)."""
    from .text import _ensure_jieba

    k = keyword.lower()
    if k.isascii():
        return False
    toks = _ensure_jieba().lcut(text.lower())
    return any(k in t for t in toks) and not any(t == k for t in toks)


def _ruled_out(text: str, off) -> set[str]:
    """Playbooks the description's own words rule out: [decline] words (pigs and cattle are no pets); and where
    the members are business owners, every consumer playbook (a frozen-food supplier's members run restaurants,
    they do not eat out)."""
    out = own_trade.declined(text)
    if own_trade.is_b2b(text):
        from .planner import playbooks

        out |= {k for k in playbooks() if k not in ("generic", "b2b")}
    return out


def _own_offering(text: str, hits: list[str], about_members: list[tuple[int, int]], off) -> list[str]:
    """The hits that are about the business's own offering: not only in the sentence about the customers ("客户是
    小饭馆老板": their restaurants are not this business), not only where the business is or goes ("I visit farmers
    markets"), and, inside the phrase that names the offering, only words of its head ("户外攀岩馆" is climbing, not
    hiking; "少儿围棋培训" is Go, not parenting)."""
    low = text.lower()
    places = [m.span() for p in (_PLACE, _CUSTOMERS, _AMENITY, own_trade.SOURCE) for m in p.finditer(low)]
    places += [m.span() for m in _FOR_WHOM.finditer(low) if not _TAUGHT_FOR.search(low[:m.start()])]
    places += own_trade.goods_modifiers(text)
    phrase = low.find(off.phrase.lower()) if off is not None else -1
    head = off.head.lower() if off is not None else ""
    hstart = low.find(head, phrase) if phrase >= 0 and head else -1
    repaired = own_trade.repaired_spans(text)
    # A repair business itself (car repair, bike repair) says so with a repair word among its own hits.
    repairs = any(r.lower() in h.lower() for h in hits for r in own_trade.repair_words())
    out = []
    for w in hits:
        spans = _spans(low, w)
        if off is not None and w.lower() in MEMBER_WORDS:
            continue  # the offering names the business; whom it serves ("想建学生家长群") does not
        if (not repairs and spans and all(any(a <= s0 and e0 <= b for a, b in repaired) for s0, e0 in spans)
                and _inside_a_word(text, w)):
            continue  # part of what is repaired (洗衣 of 洗衣机), not the business (a laundry)
        if w in own_trade.data()["filler"]["zh_modifier"]:
            continue  # where or for whom ("乡村", "户外"), alone no evidence of the business
        if spans and all(any(a <= s0 and e0 <= b for a, b in [*about_members, *places]) for s0, e0 in spans):
            continue
        if phrase >= 0 and hstart >= 0 and spans and all(
                phrase <= s0 and e0 <= hstart
                for s0, e0 in spans):
            continue  # only a modifier before the offering's head ("户外" of 户外攀岩馆)
        out.append(w)
    # The kind word after the head alone ("训练营" of 龙舟队训练营, "康复" of 听力康复中心) says what kind of
    # place, not what it offers: no evidence without another word ("编程训练营" keeps 编程 and 训练营).
    if phrase >= 0 and hstart >= 0 and out and all(
            all(hstart + len(head) <= s0 and e0 <= phrase + len(off.phrase) for s0, e0 in _spans(low, w) or [(-1, -1)])
            for w in out):
        return []
    return out


# A business name's head, as jieba splits it, is at least this many Chinese characters (a one-character word
# such as 蛋 or 车 says too little to judge a playbook by).
_HEAD_MIN = 2


def name_head(text: str) -> tuple[tuple[int, int], tuple[int, int], str] | None:
    """The business name the description opens with, and its head word: the name's last word once the place words
    are dropped (own_trade.toml [filler] zh_shop: 馆, 公司, 服务站 ...). "汽车电影院" is a cinema, "茶叶包装设计工作室"
    a design studio, "母婴护理服务站" care: the words before the head only say for what or whom. Returns (the
    name's span, the head's span, the head) in the lower-cased text, or None when the name is one word or not Chinese."""
    from .text import _ensure_jieba

    filler = set(own_trade.data()["filler"]["zh"]) | set(own_trade.data()["filler"]["zh_modifier"])
    shop = set(own_trade.data()["filler"]["zh_shop"])
    low, at, run = text.lower(), 0, []
    for tok in _ensure_jieba().lcut(first_clause(text).lower()):
        start = low.find(tok, at)
        at = start + len(tok)
        if re.fullmatch(r"[\u4e00-\u9fff]+", tok) and (run or tok not in filler):
            if tok in filler and tok not in shop:
                break  # "的", "在": the name has ended
            run.append((start, at, tok))
        elif run:
            break
    name_end = run[-1][1] if run else 0
    while len(run) > 1 and run[-1][2] in shop:
        run.pop()
    # A place word jieba glued to the head ("内衣网|店"): the head is what comes before it.
    # A place word jieba split across the head ("内衣网|店" is 内衣 + 网店): the head is what comes before it.
    if len(run) > 1:
        start, end, tok = run[-1]
        rest = low[end:name_end]
        glued = rest and next((w for w in sorted(shop, key=len, reverse=True) if (tok + rest).endswith(w)
                      and len(w) > len(rest) and len(tok + rest) - len(w) >= _HEAD_MIN), None)
        if glued:
            cut = len(glued) - len(rest)
            run[-1] = (start, end - cut, tok[:-cut])
    if len(run) < 2 or len(run[-1][2]) < _HEAD_MIN:
        return None
    return (run[0][0], run[-1][1]), (run[-1][0], run[-1][1]), run[-1][2]


def _in_vocabulary(word: str, book: dict) -> bool:
    """Whether a playbook's own words (keywords, ``about``, label) say ``word``."""
    return word.lower() in " ".join([*book.get("keywords", []), book.get("about", ""), book.get("label", "")]).lower()


def _names_repaired(thing: str, book: dict) -> bool:
    """Whether a playbook's own words say what a repair business looks after: the thing or one of its words
    ("新能源车保养" says a car; "咖啡机维修" says nothing of the car playbook's)."""
    from .text import _ensure_jieba

    if _in_vocabulary(thing, book):
        return True
    words = [t for t in _ensure_jieba().lcut(thing.lower()) if len(t) >= 2]
    return any(_in_vocabulary(t, book) for t in words)


def _foreign(head: str, key: str, books: dict) -> bool:
    """Whether a name's head is known as another business or kind of work: another playbook's word, a trade's word
    (trades.toml) or a kind of work (own_trade.toml: 护理, 回收, 维修). An unknown head ("视光" of 眼科视光中心) may
    be a synonym the playbook lacks, so its modifier still counts."""
    h = head.lower()
    if own_trade.goods_heads(h):
        return True  # merchandise ("内衣", "服装"): the words before it say for which activity, not the business
    # Another playbook's keyword is the head or inside it (小吃 of 小吃摊); the head only inside a longer keyword of
    # another (皮具 of laundry's 皮具护理) is no sign: 手工皮具 is leathercraft.
    if any(len(w) >= 2 and not w.isascii() and w.lower() in h for k, b in books.items() if k not in (key, "generic")
           for w in b["keywords"]):
        return True
    if any(len(w) >= 2 and (w.lower() in h or h in w.lower()) for t in trades() for w in t.words if not w.isascii()):
        return True
    # Of the kinds of work, only upkeep makes the head another business ("咖啡机维修"); teaching, treating or selling
    # the modifier is the modifier's own business ("小提琴教学", "眼科门诊").
    return any(h.endswith(w) for w in own_trade.repair_words() if len(w) >= 2 and not w.isascii())


def _of_head(text: str, hits: list[str], name, key: str, books: dict) -> list[str]:
    """The hits that are not only a modifier of the business name's head (``name_head``) where that head is another
    business or kind of work (:func:`_foreign`): "汽车" of 汽车电影院 is no support for car repair, "茶叶" of
    茶叶包装设计 none for a tea house; unless the playbook's own words say the head too ("宠物" of 宠物医院)."""
    hits = [w for w in hits if not _generic_alone(low := text.lower(), w, books[key])]
    if not hits or name is None:
        return hits
    (n0, n1), (h0, h1), head = name
    low = text.lower()
    if not hits or _in_vocabulary(head, books[key]) or not _foreign(head, key, books):
        return hits
    out = []
    for w in hits:
        spans = _spans(low, w)
        if spans and all(n0 <= a and b <= n1 and not (a < h1 and h0 < b) for a, b in spans):
            continue
        out.append(w)
    return out


def _generic_alone(low: str, word: str, book: dict) -> bool:
    """Whether a keyword is a kind of work any trade does ([filler] zh_generic_head: 设计, 咨询) standing without an
    object of the playbook's own: "包装设计" and "自己设计款式" are no home decor, "装修设计" is."""
    from .text import _ensure_jieba

    if word not in own_trade.data()["filler"].get("zh_generic_head", []):
        return False
    for a, _ in _spans(low, word):
        toks = [t for t in _ensure_jieba().lcut(low[max(0, a - 8):a]) if re.fullmatch(r"[\u4e00-\u9fff]+", t)]
        if toks and _in_vocabulary(toks[-1], book) and toks[-1] not in own_trade.data()["filler"]["zh"]:
            return False
    return True


def _support(text: str, hits: list[str], about_members: list[tuple[int, int]]) -> list[str]:
    """The keyword hits that say what the business does: a word for the customers counts only where it is
    part of the business ("长者合唱团", "老年书法班"), not in the sentence about who comes ("客人多是退休的老人");
    and no word counts where the business is only likened to another ("环境像酒店一样", "酒店式服务")."""
    low = text.lower()
    likeness = [m.span() for m in _LIKENESS.finditer(low)]
    out = []
    for w in hits:
        spans = _spans(low, w)
        if w.lower() in MEMBER_WORDS:
            if all(any(a <= s0 and e0 <= b for a, b in about_members) for s0, e0 in spans or [(0, 0)]):
                continue
        if spans and all(low.startswith(_LIKENESS_AFTER, e0) or any(a <= s0 and e0 <= b for a, b in likeness)
                         for s0, e0 in spans):
            continue
        out.append(w)
    return out


def _without(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the given spans blanked out."""
    for a, b in sorted(spans, reverse=True):
        text = text[:a] + " " + text[b:]
    return text


def _holds_without_members(text: str, best: str, books: dict, english: dict | None, other_age: set[str]) -> bool:
    """A match by meaning alone must come from what the business does: without the sentence about the
    customers, the same playbook still comes first by the margin ("殡葬服务公司,主要服务本市的逝者家属"
    matched elder care only through the families it serves)."""
    spans = [m.span() for m in _MEMBER_CLAUSE.finditer(text)]
    if not spans:
        return True
    rest = _without(text, spans)
    if len(_MEANINGFUL.findall(rest)) < THIN_CHARS:
        return True  # the description is all about the customers: nothing else to check it against
    sims = sorted(((k, s) for k, s in _similarities(rest, books, english).items() if k not in other_age),
                  key=lambda x: -x[1])
    return sims[0][0] == best and (len(sims) < 2 or sims[0][1] - sims[1][1] >= SEMANTIC_MARGIN)
