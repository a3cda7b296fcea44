"""The owner's own trade, from the description's own words (``own_trade.toml``).

When no playbook fits, a plan for "anyone" (30天,和伙伴一起变得更好) tells the owner nothing. The thing they
sell, teach, repair or treat is usually named right before or after a word that says which kind of business it
is ("古琴" + "教学", "修" + "钟表", "tattoo removal" + "clinic"): that noun and that kind give a goal of the right
shape (learning a skill, keeping a thing working, seeing a treatment through, a hobby, owners improving their
own shops). The same reading tells recognition what the business offers, so a keyword that only modifies the
offering ("户外" in 户外攀岩馆) or names the customers' own trade is not taken for the business.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

OWN_TRADE_FILE = Path(__file__).resolve().parent / "own_trade.toml"
KIND_KEYS = ("name", "span", "span_en", "zh_suffix", "zh_verb", "en_suffix", "en_verb", "plan")
# The week's examples beside a playbook's own: every day of an uncovered business's week then has an example of this
# trade's own, not some days the trade's and others none (planner.week_example leaves out the generic playbook's).
# A covered playbook adapted to the owner's focus keeps its own (planner.playbook_for).
WEEK_FIELDS = ("pk", "story", "guest", "guest_topics")
PLAN_FIELDS = ("member", "ideal", "reality", "goal", "vision", "checkin", "review", "share", "discuss", *WEEK_FIELDS,
               "benefits", "pitfall")
# Where a Chinese offering phrase ends: clause marks, spaces, "+", and "的" before a shop word is kept.
_ZH_CLAUSE = re.compile(r"[,，。;；!！?？:：、()（）\s+/]+")
_EN_CLAUSE = re.compile(r"[,.;!?:()+/]|\s[-—–]\s|\s&\s|—")
_ZH_NUM = "一二两三四五六七八九十半\\d"
_ZH_SPAN = re.compile(rf"([{_ZH_NUM}]+(?:个)?(?:月|年|周|星期))")
_EN_SPAN = re.compile(r"\b(\d+(?:\s*(?:-|–|to)\s*\d+)?)\s+(months?|weeks?|years?|sessions)\b", re.I)
# Words that end a verb's object ("teach woodturning in a shared workshop").
_EN_OBJECT_ENDS = ("for", "to", "in", "at", "on", "with", "from", "near", "around")
# A thing this short or long is no offering ("做" alone; a whole sentence).
_ZH_MIN, _ZH_MAX, _EN_MAX_WORDS = 2, 8, 3


def goods_heads(thing: str) -> list[tuple[int, int, str]]:
    """The merchandise words that end each part of an offering ("瑜伽服和运动内衣": 服, 内衣; "running shoes": shoes),
    as (start, end, word) in ``thing``; empty unless every part ends in one ([filler] zh_goods_head, en_goods_head)."""
    f = data()["filler"]
    heads = sorted([*f.get("zh_goods_head", []), *f.get("en_goods_head", [])], key=len, reverse=True)
    out, at = [], 0
    for part in re.split(r"(和|与|及|、|,|\band\b|&)", thing.lower()):
        stripped = part.rstrip()
        h = next((w for w in heads if stripped.endswith(w) and (not w.isascii() or stripped == w
                  or stripped[-len(w) - 1] == " ")), None)
        if part.strip() and not re.fullmatch(r"和|与|及|、|,|and|&", part.strip()):
            if h is None:
                return []
            out.append((at + len(stripped) - len(h), at + len(stripped), h))
        at += len(part)
    return out


def goods_modifiers(text: str) -> list[tuple[int, int]]:
    """Where the lower-cased text says for which activity a piece of merchandise is: the word or two right before a
    merchandise word ("瑜伽|服", "运动|内衣", "running shoes", "gym wear"). A keyword there is the use, not the business."""
    from .text import _ensure_jieba

    f, low, out = data()["filler"], text.lower(), []
    zh = set(f.get("zh_goods_head", []))
    at, prev = 0, []
    for tok in _ensure_jieba().lcut(low):
        start, at = at, at + len(tok)
        head = tok if tok in zh else next((h for h in zh if tok.endswith(h) and len(tok) - len(h) >= _ZH_MIN), None)
        if head == tok and prev:
            out.append((prev[-1][0], start))
        elif head:
            out.append((start, at - len(head)))
        prev = [*prev, (start, tok)] if re.fullmatch(r"[\u4e00-\u9fff]+", tok) else []
    en = "|".join(re.escape(w) for w in f.get("en_goods_head", []))
    if en:
        out += [m.span(1) for m in re.finditer(rf"\b((?:[a-z][\w-]*\s){{1,2}})(?:{en})\b", low)]
    return out


@dataclass(frozen=True)
class Offering:
    """What the business offers in the owner's words, the kind of business, and the phrase it was read from."""

    thing: str
    kind: str
    phrase: str
    lang: str
    span: str = ""  # the length the owner states ("两年", "9 months"), for a treatment
    b2b: bool = False  # the members are business owners

    @property
    def head(self) -> str:
        """The offering without words that only say what kind or for whom ("少儿围棋" -> "围棋")."""
        head = self.thing
        manner = data()["filler"].get("zh_manner", []) if self.kind == "goods" else []
        for m in sorted([*data()["filler"].get("zh_modifier", []), *manner], key=len, reverse=True):
            if head.startswith(m) and len(head) - len(m) >= _ZH_MIN:
                head = head[len(m):]
        return head


def check(raw: dict) -> dict:
    """The parsed ``own_trade.toml``, checked: every kind complete in both languages, every field's {names} known,
    decline keys real playbooks. Fails loudly, naming the kind and field."""
    from .errors import ConfigError
    from .planner import PRESSING

    where = OWN_TRADE_FILE.name
    kinds = raw.get("kind")
    if not isinstance(kinds, list) or not kinds:
        raise ConfigError(f"{where}: 需要至少一个 [[kind]]")
    labels_zh = raw.get("notice", {}).get("kind_zh", {})
    labels_en = raw.get("notice", {}).get("kind_en", {})
    for k in kinds:
        name = k.get("name", "?")
        missing = [f for f in KIND_KEYS if f not in k]
        if missing:
            raise ConfigError(f"{where} [{name}]: 缺少 {', '.join(missing)}")
        if name not in labels_zh or name not in labels_en:
            raise ConfigError(f"{where} [{name}]: [notice.kind_zh] 和 [notice.kind_en] 都要写这一类的说法")
        for lang in ("zh", "en"):
            plan = k["plan"].get(lang, {})
            missing = [f for f in PLAN_FIELDS if not plan.get(f)]
            if missing:
                raise ConfigError(f"{where} [{name}] plan.{lang}: 缺少 {', '.join(missing)}")
            for f in PLAN_FIELDS:
                for text in plan[f] if isinstance(plan[f], list) else [plan[f]]:
                    try:
                        text.format(thing="x", Thing="X", span="x", span_low="x")
                    except (KeyError, IndexError, ValueError) as e:
                        raise ConfigError(f"{where} [{name}] plan.{lang}.{f}: 「{text}」里有不认识的字段 {e}") from None
                    # The same bar as the playbooks' posts (planner.check_inviting): invite, never count or press.
                    if (m := PRESSING.search(text)) is not None:
                        raise ConfigError(f"{where} [{name}] plan.{lang}.{f}: 「{text[:40]}」在计数或催促成员(「{m.group()}」)")
    from .planner import playbooks

    unknown = [p for p in raw.get("decline", {}) if p not in playbooks()]
    if unknown:
        raise ConfigError(f"{where} [decline]: 没有这些行业手册 {', '.join(unknown)}")
    if not isinstance(raw.get("hobbyists"), list):
        raise ConfigError(f"{where}: 缺少 hobbyists(说成员是爱好者的词)")
    clean = raw.get("clean")
    if not isinstance(clean, dict) or any(not isinstance(clean.get(k), list) for k in
                                          ("zh_break", "zh_break_start", "zh_customers", "en_customers", "en_alone",
                                           "en_time", "en_pronoun", "en_adverb")) \
            or not isinstance(clean.get("zh_amount"), str):
        raise ConfigError(f"{where} [clean]: 需要 zh_break、zh_break_start、zh_amount、zh_customers、en_customers、en_alone、en_time、"
                          "en_pronoun、en_adverb")
    for key in ("b2b", "filler", "notice"):
        if not isinstance(raw.get(key), dict):
            raise ConfigError(f"{where}: 缺少 [{key}]")
    kinds_named = {k["name"] for k in kinds}
    if odd := {p: b["specialty"] for p, b in playbooks().items() if b.get("specialty", kinds_named.copy().pop())
               not in kinds_named}:
        raise ConfigError(f"playbooks.toml: specialty 必须是 {where} 里的一类({', '.join(kinds_named)}),收到 {odd}")
    if not all(isinstance(raw["notice"].get("adapted", {}).get(lang), str) for lang in ("zh", "en")):
        raise ConfigError(f"{where} [notice.adapted]: zh 和 en 都要写(按成员的重点改写方案时告诉店主)")
    spec = raw.get("specialty")
    keys = ("zh_before", "zh_after", "zh_patients", "en_before", "zh_tail", "en_tail")
    if not isinstance(spec, dict) or any(not isinstance(spec.get(k), list) or not spec[k] for k in keys):
        raise ConfigError(f"{where} [specialty]: 需要 {'、'.join(keys)} 几个词表")
    if not isinstance(raw["filler"].get("zh_shop"), list) or not raw["filler"]["zh_shop"]:
        raise ConfigError(f"{where} [filler]: 缺少 zh_shop(店名末尾说是哪种场所的词)")
    return raw


@lru_cache(maxsize=1)
def data() -> dict:
    return check(tomllib.loads(OWN_TRADE_FILE.read_text(encoding="utf-8")))


def _is_en(text: str) -> bool:
    return not re.search(r"[\u4e00-\u9fff]", text)


# Where the goods come from ("去批发市场拿货", "从码头进货", "buy from wholesalers"): the business's supplier, so neither
# its trade nor a sign that it sells to businesses.
SOURCE = re.compile(r"(?:去|从|到|在)[\u4e00-\u9fff]{1,8}?(?:拿货|进货|上货|提货|批货)"
                    r"|\b(?:we|i)\s+(?:\w+\s+)?(?:buy|bought|source|sourced|get|got)\s+(?:\w+\s+){0,2}?from\b"
                    r"[^.;,!?]*?(?=\s+and\s+(?:sell|supply|deliver)|[.;,!?]|$)", re.I)


# Selling what one's own animals give ("卖鸡蛋", "卖牛肉和羊汤", "sell our own lamb"): a farm selling its produce, so
# its animals (养牛, 养殖场) are not whom it works for.
_PRODUCE = re.compile(r"(?:卖|直销|出售|零售)[^,，。;；!！?？]{0,6}?(?:肉|蛋|奶|蜜)"
                      r"|\bsell(?:s|ing)?\s+(?:our\s+own\s+|our\s+|my\s+)?(?:[a-z-]+\s+){0,2}?"
                      r"(?:beef|pork|lamb|mutton|eggs|milk|honey|meat)\b", re.I)


def sells_produce(text: str) -> bool:
    """Whether the description sells what its own animals give (eggs, meat, milk, honey)."""
    return _PRODUCE.search(text) is not None


def is_b2b(text: str) -> bool:
    """Whether the description says its members are business owners (B2B, wholesale, "客户是小饭馆老板",
    "clients are restaurant owners", "for food truck owners")."""
    return bool(b2b_evidence(text))


def b2b_evidence(text: str) -> list[str]:
    """The words that say the members are business owners, as they stand in the description."""
    b = data()["b2b"]
    low = SOURCE.sub(lambda m: " " * len(m.group(0)), text.lower())
    out = [w for w in b["zh"] if not w.isascii() and w in low]
    retail = "|".join(re.escape(w) for w in b.get("en_retail", []))
    out += [w for w in b["en"] if w.isascii() and re.search(r"\b" + re.escape(w.lower()) + r"\b"
                                                            + (rf"(?!\s+(?:{retail})\b)" if retail else ""), low)]
    out += [m.group(0) for v in b["zh_supply"] for m in re.finditer(r"给[^,，。;；]{1,8}" + re.escape(v), text)]
    out += [m.group(0) for o in b["zh_owner"]
            # The group's members are owners too ("群里想放餐饮老板").
            for m in re.finditer(r"(?:客户|顾客|客群|客人|群里|群友|成员)[^,，。;；\s]{0,14}?" + re.escape(o), text)]
    clients = "|".join(re.escape(w) for w in b.get("en_clients", []))
    if clients:
        out += [m.group(0) for m in re.finditer(rf"\bfor\s+(?:[\w'-]+\s+){{0,4}}?(?:{clients})\b", low)]
    zh_clients = "|".join(re.escape(w) for w in b.get("zh_clients", []))
    if zh_clients:
        out += [m.group(0) for m in re.finditer(rf"(?:给|为|帮)[^,，。;；\s]{{0,8}}?(?:{zh_clients})(?:做|提供|设计|定制|拍)", text)]
    # Customers named as businesses: in the clause about the customers, or as those the work is done for.
    shops = "|".join(re.escape(w) for w in sorted(b.get("zh_business", []), key=len, reverse=True))
    if shops:
        out += [m.group(0) for m in re.finditer(
            rf"(?:客户|顾客|客群|主顾)[^,，。;；]{{0,6}}?(?:是|为|有)[^,，。;；]{{0,14}}?(?:{shops})"
            rf"|(?:给|为|接)[^,，。;；\s]{{0,10}}?(?:{shops})(?:[、和与及][^,，。;；、]{{1,6}}?(?:{shops}))*"
            rf"(?:的|拉|送|供|配送|洗|做)"
            rf"|(?:{shops})是大头"
            # Delivered to businesses ("凌晨出货 送周边饭店和学校食堂", "配送到各个工地").
            rf"|(?:送|配送|供应|供货)(?:到|给|往)?[^,，。;；\s]{{0,8}}?(?:{shops})", text)]
    firms = "|".join(re.escape(w) for w in b.get("en_business_clients", []))
    if firms:
        out += [m.group(0) for m in re.finditer(
            rf"\b(?:for|supply|supplies|supplying|serve|serving|deliver to|delivers to|delivering to|sell to|sells to)"
            rf"\s+(?:[\w'-]+\s+){{0,4}}?(?:{firms})\b", low)]
    biz = "|".join(re.escape(w) for w in sorted(b["en_business"], key=len, reverse=True))
    own = "|".join(re.escape(w) for w in b["en_owner"])
    out += [m.group(0) for m in re.finditer(rf"\b(?:{biz})\s+(?:and\s+[\w ]{{1,20}}?\s+)?(?:{own})\b", low)]
    return list({w.lower(): w for w in out}.values())


def declined(text: str) -> set[str]:
    """Playbooks the description rules out by its own words ([decline]: pigs and cattle are no pets)."""
    low = text.lower()
    out = set()
    for key, ws in data().get("decline", {}).items():
        for w in ws:
            wl = w.lower()
            if (wl.isascii() and re.search(r"\b" + re.escape(wl) + r"\b", low)) or (not wl.isascii() and wl in low):
                out.add(key)
                break
    return out


def _bounds(text: str) -> set[int]:
    """Where jieba's words of ``text`` start and end: a filler or a kind word counts only whole there."""
    from .text import _ensure_jieba

    out, at = {0}, 0
    for tok in _ensure_jieba().lcut(text):
        at += len(tok)
        out.add(at)
    return out


def _whole_at(text: str, word: str, bounds: set[int]) -> list[int]:
    """Where ``word`` stands in ``text`` as whole words (小 of 小店, not of 小提琴 or 小笼包)."""
    return [m.start() for m in re.finditer(re.escape(word), text)
            if m.start() in bounds and m.end() in bounds]


def _strip_zh(thing: str) -> str:
    # Another verb of the trade ends the filler too ("修补渔网和卖渔具" -> "渔具"). A filler counts only as whole
    # words: 小 of 小提琴 and 家 of 自己家 are part of the thing, not filler.
    verbs = [v for k in data()["kind"] for v in k["zh_verb"]]
    fillers = sorted({*data()["filler"]["zh"], *verbs}, key=len, reverse=True)
    bounds = _bounds(thing)
    found = [(i, f) for f in fillers for i in _whole_at(thing, f, bounds)]
    covered = set()
    for i, f in sorted(found, key=lambda x: -len(x[1])):
        if not covered & set(range(i, i + len(f))):
            covered |= set(range(i, i + len(f)))
    if len(covered) >= len(thing):
        return ""  # "开了个小店": the words before the shop word say nothing of what it sells
    # What comes after the last filler word is the offering ("我们是做古琴" -> "古琴").
    cut = 0
    for i, f in found:
        if i + len(f) > cut and len(thing) - (i + len(f)) >= _ZH_MIN:
            cut = i + len(f)
    return thing[cut:]


def _suffix_at(clause: str, suffix: str, bounds: set[int]) -> int:
    """Where a kind word ends a word of the clause (书法|班, 咖啡馆), -1 if nowhere: not inside a word (班 of
    上班族), nor the end of a word whose rest is no word of its own (馆 of 饭馆: 饭 is no offering)."""
    for m in re.finditer(re.escape(suffix), clause):
        i, j = m.start(), m.end()
        if j not in bounds or i < _ZH_MIN:
            continue
        if i in bounds or i - max(b for b in bounds if b < i) >= _ZH_MIN:
            return i
    return -1


def _strip_en(words: list[str]) -> list[str]:
    ends = tuple("-" + e for e in data()["filler"].get("en_modifier_end", []))
    fillers = set(data()["filler"]["en"]) | {w.lower() for w in words if w.lower().endswith(ends)}
    while words and words[0].lower() in fillers:
        words = words[1:]
    trailing = fillers | set(data()["clean"]["en_adverb"])  # "honey too": an adverb ends no offering
    while words and words[-1].lower() in trailing:
        words = words[:-1]
    words = words[-_EN_MAX_WORDS:]
    while words and words[0].lower() in fillers:  # again, after keeping the last few
        words = words[1:]
    return words


def clean_thing(thing: str, lang: str) -> str:
    """``thing`` as a clean noun phrase to fill a plan's {thing} slot, or "" (own_trade.toml ``[clean]``): cut before a
    verb or function word that stands as a word inside it ("手机换屏换电池" -> "手机"), none when it starts with one
    ("给上海杭州", "像卖"), is an amount or a time ("一个月", "20 indie cafés") or only a modifier ("私人", "private")."""
    c = data()["clean"]
    if lang == "en":
        ws = thing.split()
        if not ws or any(re.search(r"\d", w) or w.lower() in c["en_time"] or (w.lower() in c["en_pronoun"] + c["en_adverb"]
                                 and not w.isupper()) for w in ws) \
                or all(w.lower() in c["en_alone"] for w in ws):
            return ""
        return thing
    # A sentence as a whole ("老家在…养牛"), before a break word cuts it short to a noun of its own ("老家").
    if re.search(c["zh_amount"], thing) or not _zh_noun_phrase(thing):
        return ""
    bounds = _bounds(thing)
    cut = min([*(i for w in c["zh_break"] for i in _whole_at(thing, w, bounds)),
               *(m.start() for w in c["zh_break_start"] for m in re.finditer(re.escape(w), thing) if m.start() in bounds)],
              default=len(thing))
    thing = _zh_noun_phrase(thing[:cut])
    if len(thing) < _ZH_MIN or thing in data()["filler"]["zh_modifier"]:
        return ""
    return thing


# Part-of-speech tags (jieba) of words no offering contains: a preposition, a place or time word, a pronoun, an
# adverb, a particle. The offering starts after the last of them ("家里|在|锡林郭勒放羊"). Not a person's name: jieba
# tags some crafts so (古琴, 布草); a place's name makes a verb after it a sentence, but names a local product
# before a noun (成都冷吃兔).
_ZH_NOT_OFFERING = ("p", "s", "t", "r", "d", "u", "uj", "ul", "ud", "uz", "ug", "uv", "y", "e")
# Tags an offering may end with: a noun of any kind, a verb used as a noun (调音), an idiom or abbreviation, a word
# jieba has no tag for (the domain words added to it), a foreign word.
_ZH_NOUNISH = ("n", "vn", "an", "l", "j", "i", "x", "eng", "g")


@lru_cache(maxsize=1024)
def _pos_tags(text: str) -> tuple[tuple[str, str], ...]:
    """``text``'s words and their part-of-speech tags (jieba, with the domain words)."""
    from .text import _ensure_jieba

    _ensure_jieba()
    import jieba.posseg

    return tuple((w.word, w.flag) for w in jieba.posseg.lcut(text))


def _zh_noun_tail(text: str) -> str:
    """The nouns that end ``text`` as the object of a verb ("端午前包|粽子" -> 粽子), "" when it ends in no noun or
    no verb stands before them ("在小区群里": a place)."""
    if not text:
        return ""
    toks = list(_pos_tags(text))
    tail = []
    while toks and (toks[-1][1].startswith("n") and toks[-1][1] != "ns" or toks[-1][1] in _ZH_NOUNISH):
        tail.insert(0, toks.pop()[0])
    return "".join(tail) if toks and toks[-1][1] == "v" else ""


def _zh_noun_phrase(thing: str) -> str:
    """``thing`` as a noun phrase: what follows the last word that cannot be part of one, and "" when it is a verb
    phrase (a sentence: "家里|开", "绣|好", "锡林郭勒|放羊"): a verb or adjective after such a word, or an adjective
    after a verb (a result). After a noun or verb a verb names the work (古籍修补, 出国留学), and alone it names a
    trade (翻译, 推拿); jieba also tags some things as verbs (围棋)."""
    if len(thing) < _ZH_MIN:
        return thing
    toks = _pos_tags(thing)
    cut = max((i + 1 for i, (_, f) in enumerate(toks) if f in _ZH_NOT_OFFERING), default=0)
    rest = toks[cut:]
    if not rest:
        return ""
    last, before = rest[-1][1], rest[-2][1] if len(rest) > 1 else ""
    place = any(f == "ns" for _, f in rest[:-1])
    if last[:1] in ("v", "a", "d") and last not in _ZH_NOUNISH \
            and (cut or place or last[:1] != "v" and before[:1] in ("v", "a")):
        return ""
    return "".join(w for w, _ in rest)


def _about_customers(clause: str, lang: str) -> bool:
    """Whether a clause is about whom the business serves ("客户基本是包工头和装修队"): no offering is read there."""
    c = data()["clean"]
    if lang == "en":  # "buyers are mostly…", not "Members-only wine club"
        who = "|".join(re.escape(w) for w in c["en_customers"])
        return re.match(rf"(?:{who})\s+(?:are|is|come|mostly|mainly|include)\b", clause.strip().lower()) is not None
    return clause.strip().startswith(tuple(c["zh_customers"]))


def _zh_offering(text: str, kind: dict) -> tuple[int, str, str] | None:
    """The first offering of this kind: (where, thing, phrase)."""
    from .text import _ensure_jieba

    at = 0
    recipients = "(?:" + "|".join(map(re.escape, data()["filler"]["zh_recipient"])) + ")"
    for clause in _ZH_CLAUSE.split(text):
        found = []
        # Whom the business serves: a clause about the customers, or the rest of a list of recipients ("给生鲜店、
        # 火锅店、烧烤店拉冻品": the hotpot restaurants are served, not what is offered).
        listed = at > 0 and text[at - 1: at] == "、" and re.search(
            recipients + r"[^,，。;；!！?？]*$", text[:at - 1]) is not None
        if _about_customers(clause, "zh") or listed:
            at += len(clause) + 1
            continue
        bounds = _bounds(clause)
        for suffix in sorted(kind["zh_suffix"], key=len, reverse=True):
            i = _suffix_at(clause, suffix, bounds)
            if i >= _ZH_MIN:
                thing = _strip_zh(re.sub(r"的$", "", clause[:i]))
                while re.search(r"[和与及、]$", thing):
                    # "手风琴调音和维修": two kind words joined, the thing is before the first (手风琴).
                    thing = thing[:-1]
                    thing = next((thing[:-len(w)] for w in kind["zh_suffix"]
                                  if thing.endswith(w) and len(thing) - len(w) >= _ZH_MIN), thing)
                before = clause[:max(clause.rfind(thing, 0, i), 0)]
                if thing.startswith(tuple(data()["filler"]["zh_recipient"])) or re.search(recipients + "$", before):
                    continue  # "给餐馆供应": the restaurants are whom it is for, not what is offered
                thing = clean_thing(thing, "zh")
                if _ZH_MIN <= len(thing) <= _ZH_MAX:
                    start = clause.rfind(thing, 0, i)
                    start = start if start >= 0 else i - len(thing)
                    found.append((start, thing, clause[start: i + len(suffix)]))
                    break
        for verb in sorted(kind["zh_verb"], key=len, reverse=True):
            m = re.search(re.escape(verb) + r"([^的和也,，。\s]{2,12}?)(?:的|和|也|$)", clause)
            # "自家养的大闸蟹", "自己种的荔枝": what the verb made, after 的 at the end of the clause.
            m = m or re.search(re.escape(verb) + r"的([^的和也,，。\s]{2,8})$", clause)
            if not m:
                continue
            # The verb must stand as a word: 修 in 修钟表, not in 修图 (retouching) or 养殖 (farming).
            jieba = _ensure_jieba()
            # It must start a word, too: 养 of 营养餐 is no verb.
            # A verb jieba splits off as a word of its own stands as one ("摆摊卖春联": 卖 | 春联).
            ok = m.start() in bounds and (m.start() + len(verb) in bounds or not any(
                jieba.get_FREQ(clause[m.start():m.start() + len(verb) + n]) for n in (1, 2)))
            # The object ends at the next verb of the trade ("修雨伞修拉链" -> "雨伞").
            obj = re.split("|".join(re.escape(v) for k in data()["kind"] for v in k["zh_verb"]), m.group(1))[0]
            thing = clean_thing(_strip_zh(obj) if len(obj) > _ZH_MAX else obj, "zh")
            if not thing and m.group(0).endswith("的") and (after := re.match(
                    r"([^的和也,，。\s]{2,8}?)(?:的|和|也|$)", clause[m.end():])):
                # "卖绣好的背带": what the verb phrase before 的 describes is the thing (背带), not 绣好.
                thing = clean_thing(after.group(1), "zh")
            if ok and _ZH_MIN <= len(thing) <= _ZH_MAX:
                found.append((m.start(), thing, verb + thing))
                break
        sold = re.search(r"(?:" + "|".join(map(re.escape, kind["zh_verb"])) + r")$", clause)
        if not found and sold and kind["name"] == "goods" and (thing := clean_thing(_zh_noun_tail(clause[:sold.start()]),
                                                                                   "zh")):
            # "端午前包粽子卖": made, then sold with no object after the verb: the noun right before is what is sold.
            return at + clause.rfind(thing), thing, clause[clause.rfind(thing):]
        if not found and at and sold and kind["name"] == "goods":
            # "自己做的手工酱菜,在小区群里卖": sold with no object after the verb, what the opening names is sold.
            opening = _ZH_CLAUSE.split(text, maxsplit=1)[0]
            thing = clean_thing(_strip_zh(opening), "zh")
            if _ZH_MIN <= len(thing) <= _ZH_MAX:
                return opening.rfind(thing), thing, thing
        if found:
            i, thing, phrase = min(found)
            return at + i, thing, phrase
        at += len(clause) + 1
    return None


def _en_offering(text: str, kind: dict) -> tuple[int, str, str] | None:
    """The first offering of this kind: (where, thing, phrase)."""
    at = 0
    for clause in _EN_CLAUSE.split(text):
        toks = clause.split()
        if _about_customers(clause, "en"):
            at += len(toks) + 1
            continue
        low = [t.lower() for t in toks]
        fillers = set(data()["filler"]["en"])
        for i in range(len(toks)):
            # "I tune and repair pianos": a verb with its object, not "tune" + "repair".
            verb_first = (low[i] in kind["en_verb"] and i + 1 < len(toks) and low[i + 1] not in fillers
                          and (i == 0 or low[i - 1] in fillers))
            for suffix in sorted(kind["en_suffix"], key=len, reverse=True) if not verb_first else []:
                parts = suffix.split()
                if low[i:i + len(parts)] == parts:
                    thing = _strip_en(toks[:i])
                    start = max((j for j in range(i) if toks[j] == thing[0]), default=0) if thing else 0
                    if thing and start > 0 and low[start - 1] == "for":
                        continue  # "medals for little league teams and school sports days": whom it is for
                    if thing and clean_thing(" ".join(thing), "en"):
                        return at + i, _case(thing), " ".join(toks[i - len(thing):i + len(parts)])
            if low[i] in kind["en_verb"]:
                thing = toks[i + 1:i + 1 + _EN_MAX_WORDS + 2]
                # The object ends at "and", as in Chinese at 和: "sell running shoes and gym wear" -> running shoes.
                cut = [j for j, t in enumerate(thing) if t.lower() in kind["en_suffix"] or t.lower() in _EN_OBJECT_ENDS
                       or (t.lower() == "and" and j > 0)]
                thing = _strip_en(thing[:cut[0]] if cut else thing)
                if thing and clean_thing(" ".join(thing), "en"):
                    return at + i, _case(thing), " ".join(toks[i:i + 1 + len(thing)])
        at += len(toks) + 1
    return None


def _bare_kind(text: str, kind: dict, lang: str) -> bool:
    """Whether the description names this kind of business by its kind word alone ("Clinic", "门诊")."""
    low = text.lower()
    if lang == "en":
        return any(re.search(r"\b" + re.escape(w) + r"\b", low) for w in kind["en_suffix"])
    return any(w in text for w in kind["zh_suffix"] if len(w) >= 2)


def _case(words: list[str]) -> str:
    """The owner's words in running text: lower case, but acronyms kept ("HVAC", "ACL")."""
    return " ".join(w if w.isupper() and len(w) > 1 else w.lower() for w in words)


def repair_words() -> list[str]:
    """The words that say a thing is repaired or kept working (the upkeep kind's)."""
    kind = next(k for k in data()["kind"] if k["name"] == "upkeep")
    return [*kind["zh_suffix"], *kind["zh_verb"], *kind["en_suffix"], *kind["en_verb"]]


def repaired_spans(text: str) -> list[tuple[int, int]]:
    """Where the description names what it repairs ("修空调洗衣机", "家电维修", "lawn mower repair"): a keyword there is
    the object of the work (a washing machine), not the business (a laundry)."""
    kind = next(k for k in data()["kind"] if k["name"] == "upkeep")
    low = text.lower()
    alt = lambda ws: "|".join(re.escape(w) for w in sorted(ws, key=len, reverse=True))  # noqa: E731
    pats = [rf"([\u4e00-\u9fff]{{2,6}})(?:{alt(kind['zh_suffix'])})",
            rf"(?:{alt(kind['zh_verb'])})([\u4e00-\u9fff]{{2,8}})",
            rf"\b([a-z][a-z -]{{1,30}}?)\s+(?:{alt(kind['en_suffix'])})\b",
            rf"\b(?:{alt(kind['en_verb'])})\s([a-z][a-z -]{{1,30}})"]
    return [m.span(1) for p in pats for m in re.finditer(p, low)]


def _span(text: str, lang: str) -> str:
    m = (_EN_SPAN if lang == "en" else _ZH_SPAN).search(text)
    if not m:
        return ""
    return m.group(1) if lang == "zh" else f"{m.group(1)} {m.group(2)}"


@lru_cache(maxsize=256)
def offering(text: str) -> Offering | None:
    """What the description's own words say the business offers, and of what kind; None if they don't say."""
    lang = "en" if _is_en(text) else "zh"
    b2b = is_b2b(text)
    # The offering named first wins; at the same place, the kind listed first.
    found = [(f[0], i, f[1], f[2], kind["name"]) for i, kind in enumerate(data()["kind"])
             if (f := (_en_offering if lang == "en" else _zh_offering)(text, kind))]
    if not found:
        # A kind word with nothing before it ("Clinic for people living with psoriasis"): what it says it focuses on.
        return next((spec for kind in data()["kind"] if _bare_kind(text, kind, lang)
                     and (spec := specialty(text, kind["name"], later=False)) is not None), None)
    _, _, thing, phrase, name = min(found)
    if b2b:
        name = "b2b"
    elif name == "goods" and _names_hobbyists(text):
        name = "hobby"  # a shop whose members are hobbyists: the hobby is what they share
    span = _span(text, lang) if name == "treatment" else ""
    return Offering(thing, name, phrase, lang, span, b2b)


@lru_cache(maxsize=256)
def named(text: str) -> Offering | None:
    """What a Chinese description's opening names as the business when no kind word says what it offers: a shop's
    name ("小翻译社", "自家豆芽作坊"), its words before the place word ([filler] zh_shop). None when the opening is a
    sentence rather than a name (a verb or a time in it), or English. Only for the plan: recognition keeps reading
    :func:`offering` (a playbook's own name, "月子中心", is no offering said in the owner's words)."""
    if _is_en(text):
        return None
    b2b = is_b2b(text)
    clause = _ZH_CLAUSE.split(text.strip(), maxsplit=1)[0]
    name = _strip_zh(clause)
    from .text import _ensure_jieba

    bounds = _bounds(name)
    # The place word stands as a word (店 of 豆芽|店), or what is before it is one (翻译 of 翻译社); 站 of 驿站 is neither.
    shop = next((w for w in sorted(data()["filler"]["zh_shop"], key=len, reverse=True) if name.endswith(w)
                 and (len(name) - len(w) in bounds or _ensure_jieba().get_FREQ(name[:-len(w)]))), None)
    if shop is None:
        return None
    thing = name[:-len(shop)]
    # A name is a word or two ("翻译", "消毒餐具"); more is a sentence or a place ("小区楼下棋牌").
    if clean_thing(thing, "zh") != thing or not _ZH_MIN <= len(thing) <= _ZH_MAX \
            or len([b for b in bounds if 0 < b < len(thing)]) > 1:
        return None
    return Offering(thing, "b2b" if b2b else "goods", clause, "zh", "", b2b)


def specialty(text: str, kind: str, later: bool = True) -> Offering | None:
    """What the description says the business focuses on ([specialty]: "专做膝关节置换术后的康复", "正畸为主",
    "focused on gum disease"), as an offering of ``kind``; else, with ``later``, an offering of that kind said after
    the opening ("Physical therapy clinic, ACL rehab patients"); None when it says none."""
    lang = "en" if _is_en(text) else "zh"
    thing, phrase = _en_specialty(text) if lang == "en" else _zh_specialty(text, patients=kind == "treatment")
    if not thing and not later:
        return None
    if not thing:
        from .industry import first_clause, member_clauses

        rest = text.strip()[len(first_clause(text)):].lstrip(",，.。;；:： ")
        for said in member_clauses(rest):  # who the customers are ("客户是各个小诊所的牙医") is not the focus
            rest = rest.replace(said, "，")
        found = (_en_offering if lang == "en" else _zh_offering)(rest, next(k for k in data()["kind"]
                                                                           if k["name"] == kind)) if rest else None
        if not found:
            return None
        _, thing, phrase = found
    span = _span(text, lang) if kind == "treatment" else ""
    return Offering(thing, kind, phrase, lang, span)


def _zh_specialty(text: str, patients: bool = True) -> tuple[str, str]:
    """What the Chinese description says it focuses on; with ``patients``, also the condition of the patients it
    serves (a clinic's focus; a cooking class for diabetics teaches cooking, not diabetes)."""
    spec = data()["specialty"]
    for clause in _ZH_CLAUSE.split(text):
        if _about_customers(clause, "zh"):
            continue  # "客户是…老玩家为主": who comes most, not what the business focuses on
        for m in sorted(spec["zh_before"], key=len, reverse=True):
            i = clause.find(m)
            if i >= 0 and (thing := _zh_object(clause[i + len(m):], spec)):
                return thing, clause[i:]
        for m in spec["zh_after"]:
            i = clause.find(m)
            if i > 0 and (thing := _zh_object(_strip_zh(re.sub(r"^.*?以", "", clause[:i])), spec)):
                return thing, clause[:i + len(m)]
    for clause in _ZH_CLAUSE.split(text) if patients else []:
        for m in spec["zh_patients"]:
            i = clause.find(m)
            if i >= _ZH_MIN:
                from .text import _ensure_jieba

                jieba = _ensure_jieba()
                toks = jieba.lcut(clause[:i + len(m)].split("的")[-1])
                last = toks[-1] if toks else ""
                cond = toks[-2] if len(toks) > 1 and last == m else ""  # "主要服务糖尿病|患者" -> 糖尿病
                # A condition is a word of the dictionary: "想建个|病友群" is a wish, not an illness.
                cond = cond if cond and jieba.get_FREQ(cond) else ""
                if last.endswith(m) and len(last) > len(m):
                    # One word with the condition's last character in it: "糖尿病人" is 糖尿病 + 人, not 糖尿 + 病人.
                    stem = last[:-len(m)]
                    cond = stem + m[0] if jieba.get_FREQ(stem + m[0]) else stem
                elif len(toks) > 1 and last != m and m.endswith(last) and jieba.get_FREQ(toks[-2]):
                    cond = toks[-2]  # "心脏病|人"
                if cond and (thing := _zh_object(cond, spec)) and re.fullmatch(r"[\u4e00-\u9fff]+", thing):
                    return thing, clause[:i + len(m)]
    return "", ""


def _zh_object(obj: str, spec: dict) -> str:
    """The object itself: the last part of "老年猫狗的肾病长期管理" that is not only how it is dealt with."""
    def bare(part: str) -> str:
        cut = True
        while cut:  # "肾病长期管理": 管理, then 长期
            cut = next((t for t in sorted(spec["zh_tail"], key=len, reverse=True) if part.endswith(t)), "")
            part = part[:len(part) - len(cut)]
        return part

    parts = [p for p in (bare(x) for x in obj.split("的")) if len(p) >= _ZH_MIN]
    thing = parts[-1] if parts else ""
    if len(thing) > _ZH_MAX:
        thing = bare(re.split(r"[和与及]", thing)[0])
    # How or where it is done is no focus: "线上课为主" says the lessons are online, not what they teach.
    rest = thing
    for m in sorted(data()["filler"]["zh_modifier"], key=len, reverse=True):
        rest = rest.removeprefix(m)
    if len(bare(rest)) < _ZH_MIN:
        return ""
    return thing if _ZH_MIN <= len(thing) <= _ZH_MAX else ""


def adapted(text: str, key: str) -> Offering | None:
    """The owner's object a recognised playbook's plan never names: what the business focuses on (:func:`specialty`),
    or the offering its name opens with, when it is of the kind the playbook's business is (playbooks.toml
    `specialty`: a clinic's is a treatment) and none of the playbook's own words. ("骨科康复,专做膝关节置换术后" is
    no neck-pain clinic; "助听器验配中心" no walking club for seniors.) None when the plan already names it."""
    from .planner import playbooks

    book = playbooks()[key]
    kind = book.get("specialty")
    if not kind:
        return None
    lang = "en" if _is_en(text) else "zh"
    plan_text = " ".join(str(v) for f, v in playbooks(lang)[key].items()
                         if f in PLAN_FIELDS and f != "pitfall").lower()
    spec = specialty(text, kind)
    if spec is not None:
        return None if _named(spec.thing, plan_text, lang) else spec
    off = offering(text)
    if off is None or off.kind != kind:
        return None
    vocabulary = " ".join([*book["keywords"], *playbooks("en")[key]["keywords"], plan_text]).lower()
    return None if _named(off.head, vocabulary, lang) else off


def _named(thing: str, text: str, lang: str) -> bool:
    """Whether ``text`` names ``thing``: the whole or any word of it ("颈椎病" is named by 颈椎, "皮肤科" by 皮肤)."""
    thing = thing.lower()
    if thing in text:
        return True
    if lang == "en":
        parts = [w for w in re.findall(r"[a-z][\w'-]+", thing) if len(w) >= 4]
    else:
        from .industry import MEMBER_WORDS
        from .text import _ensure_jieba

        # Whom ("儿童", "老年") is no part of what: 儿童早期矫治 is not named by a plan that says 儿童.
        skip = MEMBER_WORDS | set(data()["filler"]["zh_modifier"])
        parts = [w for w in _ensure_jieba().lcut_for_search(thing)
                 if len(w) >= _ZH_MIN and re.search(r"[\u4e00-\u9fff]", w) and w not in skip]
    return any(w in text for w in parts)


def _en_specialty(text: str) -> tuple[str, str]:
    spec = data()["specialty"]
    low = text.lower()
    for m in sorted(spec["en_before"], key=len, reverse=True):
        at = re.search(r"\b" + re.escape(m) + r"\s+(?:an?\s+|the\s+)?([a-z][\w' -]*)", low)
        if not at:
            continue
        words = re.split(r"[^\w'-]+", re.split(r"[,.;:!?()]|\s(?:and|with|who|so|to|for|that|after)\s", at.group(1))[0])
        words = [w for w in words if w]
        while words and words[-1] in spec["en_tail"]:
            words = words[:-1]
        words = words[:_EN_MAX_WORDS]
        if words:
            return " ".join(words), text[at.start():at.end(1)]
    return "", ""


def _names_hobbyists(text: str) -> bool:
    low = text.lower()
    return any((re.search(r"\b" + re.escape(w) + r"\b", low) if w.isascii() else w in low)
               for w in data()["hobbyists"])


def plan(off: Offering, lang: str) -> dict:
    """The generic playbook's fields for this offering, in ``lang``, with the owner's own words filled in."""
    kind = next(k for k in data()["kind"] if k["name"] == off.kind)
    span = off.span or (kind["span_en"] if lang == "en" else kind["span"])
    if lang == "en" and off.span:
        span = span[0].upper() + span[1:]
    thing = off.head  # the owner's words, without 少儿/户外/二手 (what kind or for whom)
    fill = {"thing": thing, "Thing": thing[:1].upper() + thing[1:], "span": span,
            "span_low": span[:1].lower() + span[1:] if lang == "en" else span}
    out = {}
    for f, v in kind["plan"][lang].items():
        out[f] = [x.format(**fill) for x in v] if isinstance(v, list) else v.format(**fill)
    return out


def adapted_notice(off: Offering, label: str, lang: str) -> str:
    return data()["notice"]["adapted"][lang].format(thing=off.thing, phrase=off.phrase, label=label)


def notice(off: Offering, lang: str) -> str:
    n = data()["notice"]
    kind = n["kind_en" if lang == "en" else "kind_zh"][off.kind]
    return n[lang].format(thing=off.thing, phrase=off.phrase, kind=kind)
