"""What an owner's question asks, for the offline answer: a thing they propose to post ("可以发…吗?",
"can I post …?") and the guard's verdict on it; the situation the group is in (a season, closed, the off-season,
after a holiday, gone quiet); and the part of the question that describes the business, read as ``goal`` reads
a description, so ``ask`` and ``goal`` agree on the business.

Everything here is read from the question's shape (a modal, a verb of posting, its object; words for seasons
and situations), not from example sentences; the proposal itself is judged by :func:`~assistant.guard.lint_post`
and the rule files, whose messages and suggestions quote the articles."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import group_types
from ..guard import STRONG_EVIDENCE, lint_post
from ..guard_rules import find_rule

# --- a proposal: "can/should I post X?" ---------------------------------------------------------------
_ZH_MODAL = r"可不可以|可以|能不能|能否|能|该不该|应不应该|应该|要不要|适不适合|适合"
# Longer verbs first: 发起 is not 发 + 起…, 推荐 not 推 + 荐….
_ZH_VERB = r"群发|发起|发布|转发|推送|推荐|推出|推销|售卖|介绍|宣传|分享|发出|发|卖|推|晒|贴|放|搞|办|做|打|挂|讲|说"
_ZH_MEASURE = r"(?:一下|一个|一条|一次|一段|一张|一份|一波|一些|一点|个|条|次|段|张|份|波|些|点)?"
# Where it would go: 在(家属)群里, 到群里, 往群里, 给大家; taken out of the proposal.
_ZH_WHERE = r"(?:(?:在|到|往|进)[^,,。;;??!!]{0,10}?群里?|群里|给大家|给群友|给成员)"
_ZH_TAIL = r"(?:吗|么|嘛|呢|不|没)?\s*[??。!!]*\s*$"
_ZH_ASK_END = r"(?:可以|可不可以|能不能|行不行|好不好|合不合适|合适|妥不妥|妥当|行|好|ok|OK)(?:吗|么|嘛|呢)?\s*[??]*\s*$"
_ZH_BEFORE = re.compile(rf"(?:{_ZH_MODAL})\s*{_ZH_WHERE}?\s*(?:帮[^,,。]{{0,10}}?)?(?P<verb>{_ZH_VERB}){_ZH_MEASURE}"
                        rf"(?P<thing>[^,,。;;??!!]+?){_ZH_WHERE}?{_ZH_TAIL}")
_ZH_AFTER = re.compile(rf"(?:^|[,,。;;])\s*[^,,。;;]*?(?P<verb>{_ZH_VERB}){_ZH_MEASURE}(?P<thing>[^,,。;;??!!]+?)"
                       rf"{_ZH_WHERE}?\s*(?:,|,)?\s*{_ZH_ASK_END}")
# The object first: "花束套餐发在群里合适吗", "团购链接能转到群里吗".
_ZH_FRONT = re.compile(rf"(?:^|[,,。;;])\s*(?P<thing>[^,,。;;]+?)(?:{_ZH_MODAL})?\s*(?P<verb>{_ZH_VERB}|转)(?:在|到|进|去)"
                       rf"[^,,。;;]{{0,10}}?群里?\s*(?:{_ZH_ASK_END}|(?:吗|么|嘛)\s*[??]*\s*$)")
_EN_VERB = (r"post|share|send|put up|put|drop|announce|advertise|promote|sell|market|run|do|give out|hand out|offer|"
            r"pin|plug|mention|throw|start")
_EN_WHERE = (r"(?:\s+(?:in|into|to|on|with)\s+(?:the|my|our|this|a)\b[^?.!,]*?\b(?:group|chat|groups|chats|community)"
             r"(?:\s+chat)?|\s+(?:there|here))")
_EN_ASK = re.compile(rf"\b(?:(?:can|could|may|should|shall|do)\s+(?:i|we)(?:\s+still|\s+really|\s+also)?"
                     rf"|(?:is|would)\s+it\s+(?:be\s+)?(?:ok|okay|fine|alright|all right|appropriate|wise|acceptable|"
                     rf"a good idea|a bad idea|bad)\s+(?:to|if\s+(?:i|we))"
                     rf"|(?:is|would)\s+it\s+(?:be\s+)?(?:ok|okay|fine|alright|all right)\s+for\s+(?:me|us)\s+to)"
                     rf"\s+(?P<verb>{_EN_VERB})\b(?P<thing>[^?.!]+?){_EN_WHERE}?\s*(?:[?.!]|$)", re.I)
# "把X晒到群里": the thing between 把 and the verb.
_ZH_BA = re.compile(rf"(?:{_ZH_MODAL})\s*把(?P<thing>[^,,。;;??]+?)(?P<verb>{_ZH_VERB}|转)(?:到|在|进|去)[^,,。;;]{{0,10}}?群里?"
                    rf"\s*(?:吗|么|嘛)?\s*[??]*\s*$")
# Not a thing to judge: how, when or where to post ("every day", "in English"), or a purpose ("群里让大家来尝尝").
_NOT_A_THING = re.compile(r"^(?:in|on|at|to|into|with|from|during|before|after|while|when|more|less|too|so|every|daily|"
                          r"weekly|often|twice|once|again|here|there|now|today|tonight|this|that|it|them)\b|^(?:让|叫|请)",
                          re.I)
# An object that is itself the question ("可以发什么", "what can I post") asks for a post, not for a verdict.
_WH_BEFORE = re.compile(r"\b(?:what|which|how)\b[^,.;?!]*$", re.I)
_OPEN_OBJECT = re.compile(r"什么|啥|哪些|哪种|哪个|怎么|多少|\bwhat\b|\bwhich\b|\bhow\b|\banything\b|\bsomething\b", re.I)

# Words that name a kind of post rather than say it ("an ad", "招聘启事"): the guard reads a post, and such a name
# is talk about market norms to it, so the kind is mapped to the rule that a post of that kind would break.
KIND_WORDS = (
    ("MN013", r"广告|打广告|推广|宣传|引流|软文|带货|\bads?\b|\badverts?\b|\badvertis\w*|\bpromot\w*|\bpromo\b|\bplug\b|"
              r"shout-?out|\bsponsored\b"),
    ("MN010", r"新品|新产品|新款|上新|产品介绍|介绍产品|产品目录|\bnew (?:product|arrival|collection|range|menu|flavou?r)s?\b|"
              r"\bproduct launch\w*|\bcatalog(?:ue)?\b"),
    ("MN005", r"价目表|价格表|价格|价钱|报价|收费标准|收费|\bprice ?lists?\b|\bprices?\b|\bpricing\b|\brates\b"),
    ("MN009", r"招聘|招人|招工|招募|招代理|招店员|\bhiring\b|\bjob (?:ad|post|opening)s?\b|\brecruit\w*|\bvacanc\w+"),
    # selling itself (the verb), free stuff to try, enrolment, and the packaged things a shop sells
    ("MN010", r"^(?:卖|售卖|推销|推出)$|^(?:sell|market)$|\bfree (?:samples?|gifts?|stuff)\b|\bfreebies?\b|\bsamples?\b|"
              r"报名|招生|开班|\benrol(?:l)?(?:ment|ing)\b|\bsign-?ups?\b|"
              r"套餐|礼包|礼盒|年卡|季卡|月卡|次卡|会员卡|储值卡|\bgift cards?\b|\bseason pass(?:es)?\b|\bclass packs?\b|"
              r"\bpackages?\b|\bbundles?\b|\bgift boxe?s?\b"),
    ("MN007", r"链接|二维码|\blinks?\b|\bqr codes?\b"),
    ("MN002", r"[优礼代现]?金?券|折扣|打折|\bcoupons?\b|\bvouchers?\b|\bdiscounts?\b|\bdeals?\b|\bsale\b"),
)
_KINDS = tuple((code, re.compile(p, re.I)) for code, p in KIND_WORDS)
# Left of a proposal once its market-norm words are gone: connecting words, measures, articles.
_FILLER = re.compile(r"^(?:自己的|我们的|我的|咱们的|的|个|一|条|张|份|a|an|the|our|my|some|of|for|with|about)\b"
                     r"|(?:的|和|与|及|跟|and|or|with|of|for)$", re.I)

# Words that say nothing of an occasion on their own ("秒杀活动" without 秒杀 is just "活动").
_GENERIC = re.compile(r"活动|帖子|消息|通知|信息|内容|东西|一下|我们|咱们|自己|大家|"
                      r"\b(?:posts?|messages?|things?|stuff|notices?|events?|announcements?|launch(?:es)?|info|information|one|some)\b",
                      re.I)


@dataclass
class Proposal:
    """A thing the owner asks whether to post, and the guard's verdict on it."""

    thing: str
    lang: str
    codes: list[str] = field(default_factory=list)  # rules it would break, the strongest first
    occasion: str = ""  # what is left without the market-norm part ("清明节的祭扫" of "清明节的祭扫套餐")
    removed: list[str] = field(default_factory=list)  # the market-norm words taken out

    @property
    def fits(self) -> bool:
        return not self.codes

    def to_dict(self) -> dict:
        return {"proposal": self.thing, "fits": self.fits, "codes": list(self.codes)}


_EDGE = " ,,、::;;。\"“”'‘’「」-"


def trim(text: str, extra: str = "") -> str:
    """``text`` without the punctuation, quotes and spaces (and ``extra`` characters) at either end."""
    edge = re.escape(_EDGE + extra)
    return re.sub(rf"^[{edge}]+|[{edge}]+$", "", text)


def _clean_thing(thing: str, lang: str) -> str:
    thing = trim(thing)
    if lang != "en":  # "发群里让大家…": where it goes is no part of the thing
        thing = re.sub(r"^(?:在|到|往|进)?[^,,。]{0,6}?群里", "", thing)
    if lang == "en":
        thing = re.sub(r"^(?:out|up)\s+", "", thing, flags=re.I)
        thing = re.sub(rf"^{_EN_WHERE}", "", " " + thing, flags=re.I).strip()  # only where it goes: nothing proposed
    return thing


def find_proposal(question: str, lang: str) -> tuple[str, str] | None:
    """The thing a yes/no question about posting proposes ("清明节的祭扫套餐") and the verb it is proposed with
    ("advertise" says what kind of post it is), or None for any other question."""
    for pattern in (_EN_ASK,) if lang == "en" else (_ZH_BA, _ZH_FRONT, _ZH_BEFORE, _ZH_AFTER):
        for m in pattern.finditer(question):
            thing = _clean_thing(m.group("thing"), lang)
            # "可以发什么" / "what should I post in the group" ask for a post; a "what" before the modal says so too
            before = question[max(0, m.start() - 24):m.start()]
            if _NOT_A_THING.search(thing):
                continue
            if thing and not _OPEN_OBJECT.search(m.group(0)) and not (lang == "en" and _WH_BEFORE.search(before)):
                return thing, m.group("verb")
    return None


def named_group_type(question: str) -> str | None:
    """The kind of group a question names (快闪群, a flash group), whose guard profile judges a proposal; else None."""
    low = question.lower()
    for g in group_types.all_types():
        # Bare aliases such as "new" or "交付" are ordinary words: only a name that says "group" counts.
        if any(n in low for n in g.names() if ("群" in n or "group" in n) and len(n) >= 3):
            return g.key
    return None


def judge(thing: str, lang: str, group_type: str | None = None, verb: str = "") -> Proposal:
    """The guard's verdict on a proposed post: the rules it (or the kind of post it, or the verb, names) would break."""
    # The rules read the phrase as they would a post; the learned stage, tuned on whole messages, may clear a short
    # phrase's one word as everyday talk, so only what it adds (a self-promotion it sees) is taken from it.
    rules = [f for f in lint_post(thing, group_type=group_type, learned=False).findings if f.severity != "suggestion"]
    added = [f for f in lint_post(thing, group_type=group_type).findings
             if f.severity != "suggestion" and f.code not in {r.code for r in rules}]
    found = sorted(rules + added, key=lambda f: -f.weight)
    # The reason given first: a strong term the guard found, else what the kind of post is, else a weaker term.
    strong = [f.code for f in found if f.weight >= STRONG_EVIDENCE]
    kinds = [(code, m.group(0)) for code, pattern in _KINDS for m in pattern.finditer(thing)]
    kinds += [(code, "") for code, pattern in _KINDS if verb and pattern.search(verb)]
    codes = list(dict.fromkeys([*strong, *(c for c, _ in kinds), *(f.code for f in found)]))
    removed = [w for w in [f.excerpt for f in found] + [word for _, word in kinds] if w.strip()]
    occasion = thing
    for word in sorted(set(removed), key=len, reverse=True):
        occasion = occasion.replace(word, " ")
    occasion = trim(re.sub(r"\s+", " ", occasion), extra="的")
    for _ in range(3):
        occasion = trim(_FILLER.sub("", occasion))
    plain = _GENERIC.sub("", occasion)
    meaningful = len(re.findall(r"[\u4e00-\u9fff]", plain)) >= 2 or len(re.findall(r"[A-Za-z]{3,}", plain)) >= 1
    # What is left must be clean itself ("暑期班报名" of "暑期班报名的价格" is still a sale): else no occasion.
    if meaningful and codes and (lint_post(occasion, learned=False).findings or any(p.search(occasion) for _, p in _KINDS)):
        meaningful = False
    return Proposal(thing=thing, lang=lang, codes=codes, occasion=occasion if codes and meaningful and removed else "",
                    removed=list(dict.fromkeys(w.strip() for w in removed if w.strip())))


# A plan asked about with no verb of posting ("每周抽一次奖,可以吗?", "a raffle every week, is that ok?"): the clause
# before the yes/no ending is the thing. Taken only when the guard finds a market norm in it, since without a verb
# the clause may be anything ("这样可以吗?").
_ZH_PLAN = re.compile(rf"(?:^|[,,。;;])\s*(?:我|我们|咱们|咱)?(?:想|打算|准备|计划|考虑)?\s*(?P<thing>[^,,。;;??!!]{{2,40}}?)"
                      rf"\s*[,,]?\s*{_ZH_ASK_END}")
_EN_PLAN = re.compile(r"^\s*(?:(?:i|we)(?:'m|'re| am| are)?\s+(?:thinking of|planning to|plan to|want to|would like to|"
                      r"'d like to|going to|gonna)\s+)?(?P<thing>[^?.!]{3,80}?)\s*[,;:-]*\s*(?:is that|would that be|is this|"
                      r"would this be)\s+(?:ok|okay|fine|alright|all right|a good idea|allowed|wise)\s*[?.!]*\s*$", re.I)


def proposal_of(question: str, lang: str) -> Proposal | None:
    """A can/should-I-post question's proposal, judged in the group the question names; None for other questions."""
    found = find_proposal(question, lang)
    if found:
        return judge(found[0], lang, named_group_type(question), verb=found[1])
    m = (_EN_PLAN if lang == "en" else _ZH_PLAN).search(question)
    if m is None:
        return None
    thing = _clean_thing(m.group("thing"), lang)
    if not thing or _OPEN_OBJECT.search(thing):
        return None
    proposal = judge(thing, lang, named_group_type(question))
    return None if proposal.fits else proposal


# --- a follow-up: "那红包呢?", "what about a giveaway then?" ----------------------------------------------
# A short question that only names another thing after an earlier one: the earlier question says what is asked
# (whether to post it), the follow-up what. Its opening (那, 要是, what about) or its close (呢, 怎么样) says so.
_ZH_FOLLOW_OPEN = r"那么|那要是|那如果|那|要是|如果|假如|换成|改成|还有"
_ZH_FOLLOW_CLOSE = r"呢|怎么样|怎样|如何|行吗|行不行|行么|可以吗|可以么|好吗|合适吗"
_ZH_FOLLOW = re.compile(
    rf"^\s*(?:{_ZH_FOLLOW_OPEN})?\s*(?:我|我们)?(?:{_ZH_MODAL})?\s*{_ZH_WHERE}?\s*"
    rf"(?:(?P<verb>{_ZH_VERB}){_ZH_MEASURE})?(?P<thing>[^,,。;;??!!]{{1,16}}?)\s*{_ZH_WHERE}?\s*"
    rf"(?:{_ZH_FOLLOW_CLOSE})\s*[??。!!]*\s*$")
_EN_GERUND = (r"posting|sharing|sending|putting up|dropping|announcing|advertising|promoting|selling|running|doing|"
              r"giving out|handing out|offering|pinning|throwing|starting")
_EN_FOLLOW = re.compile(
    rf"^\s*(?:(?:and|so|ok|okay|but)[,\s]+)?(?:(?:what|how)\s+about|what\s+if\s+(?:i|we)(?:\s+just)?|and)\s+"
    rf"(?:(?P<verb>{_EN_GERUND}|{_EN_VERB})\b\s*)?(?P<thing>[^?.!,;]+?)"
    rf"(?:\s+(?:then|instead|too|as well)){{0,2}}\s*[?.!]*\s*$", re.I)


# When, not what: "那周末呢?", "what about weekends?" ask about the time of posting (a thing left without them is none).
_WHEN = re.compile(r"周末|工作日|平时|每天|每周|每月|天天|早上|上午|中午|下午|晚上|夜里|深夜|凌晨|今天|今晚|明天|后天|"
                   r"下周|下个月|节假日|节日|假期|几点|什么时候|"
                   r"\b(?:weekends?|weekdays?|mornings?|afternoons?|evenings?|nights?|today|tonight|tomorrow|"
                   r"(?:mon|tues|wednes|thurs|fri|satur|sun)days?|holidays?)\b", re.I)


def _only_when(thing: str) -> bool:
    rest = _WHEN.sub(" ", thing)
    for _ in range(3):
        rest = trim(_FILLER.sub("", trim(rest, extra="的在")), extra="的在")
    return rest != trim(thing) and not re.search(r"[\u4e00-\u9fff]|[A-Za-z]{2,}", rest)


def find_follow_up(question: str, lang: str) -> tuple[str, str] | None:
    """The thing a follow-up names ("红包" of "那红包呢?", "a giveaway" of "what about a giveaway then?") and its
    verb, if any; None when the question is not that short shape, or names a season or situation ("那冬天呢?", "what
    about the off-season?") or only a time ("那周末呢?"), or asks what, how or why ("那怎么办呢?")."""
    m = (_EN_FOLLOW if lang == "en" else _ZH_FOLLOW).match(question)
    if not m:
        return None
    thing = _clean_thing(m.group("thing"), lang)
    if (not thing or _NOT_A_THING.search(thing) or _OPEN_OBJECT.search(thing)
            or re.search(r"为什么|为啥|\bwhy\b", question, re.I) or situation_of(thing) or _only_when(thing)):
        return None
    return thing, m.group("verb") or ""


def follow_up_proposal(question: str, lang: str, earlier: list[str]) -> Proposal | None:
    """A follow-up's proposal, judged as the full question would be: given whenever the thing it names is a market
    norm (a red packet after "how do I liven up the group?" is still a red packet), and for anything else only when
    the earlier question asked whether to post something (else "那群规呢?" may ask anything about group rules)."""
    if not earlier:
        return None
    found = find_follow_up(question, lang)
    if found is None:
        return None
    previous = earlier[-1]
    group_type = named_group_type(question) or named_group_type(previous)
    proposal = judge(found[0], lang, group_type, verb=found[1])
    if proposal.fits and find_proposal(previous, _lang_of(previous)) is None:
        return None
    return proposal


def _lang_of(text: str) -> str:
    from ..text import language_of

    return language_of(text)


def article_of(rationale: str) -> str:
    """The article a rule's rationale quotes first (its title), or ""."""
    m = re.search(r"《([^》]+)》", rationale or "")
    return m.group(1) if m else ""


def rule_text(code: str, lang: str) -> tuple[str, str, str]:
    """A rule's message, suggestion and the article it rests on, in ``lang``."""
    rule = find_rule(code)
    if lang == "en":
        return rule.message_en or rule.message, rule.suggestion_en or rule.suggestion, article_of(rule.rationale)
    return rule.message, rule.suggestion, article_of(rule.rationale)


# --- the situation a group is in ------------------------------------------------------------------------
SEASON_WORDS = {
    "winter": r"冬天|冬季|入冬|寒冬|天冷|冷天|寒假|\bwinter\w*|\bcold months\b",
    "summer": r"夏天|夏季|盛夏|暑假|暑期|\bsummer\w*",
    "spring": r"春天|春季|开春|\bspring(?:time)?\b",
    "autumn": r"秋天|秋季|入秋|\bautumn\b|\bfall\b(?! (?:off|apart|behind|asleep|silent|quiet))",
}
SITUATION_WORDS = {
    "closed": r"关门|歇业|停业|不营业|闭馆|闭店|关店|停课|放假了|不开门|[店馆池场园室厅房]\S?关了|"
              r"\bclosed\b(?! (?:the|a|our|my) (?:group|chat))|\bcloses? (?:for|in|over|during|until|till)\b|"
              r"\bclosing (?:for|in|over|during|down)\b|\bshut (?:for|down|in|over|during)\b",
    "offseason": r"淡季|旺季过了|生意(?:少|淡|差)|没什么(?:客人|生意|人来)|客人少|\boff-?\s?season\b|\bslow season\b|"
                 r"\bquiet season\b|\bslow (?:months|period)\b",
    "holiday": r"节后|假期后|假期结束|放完假|过完年|年后|春节(?:后|过后|之后)|国庆(?:后|过后|之后)|长假(?:后|过后)|"
               r"\bafter (?:the )?(?:holidays?|christmas|new year|break|vacation)\b|\bpost-holiday\b|"
               r"\bholidays? (?:are|is) over\b",
    "quiet": r"冷清|没人说话|没人理|不说话|死群|没动静|没有动静|没人回|安静|沉寂|冷场|\bquiet\b|\bdead\b|\bsilent\b|"
             r"\bnobody (?:talks|posts|replies)\b|\bno one (?:talks|posts|replies)\b|\bgone quiet\b|\binactive\b",
}
_SEASONS = {k: re.compile(p, re.I) for k, p in SEASON_WORDS.items()}
_SITUATIONS = {k: re.compile(p, re.I) for k, p in SITUATION_WORDS.items()}


@dataclass
class Situation:
    season: str | None = None  # winter / summer / spring / autumn
    states: list[str] = field(default_factory=list)  # closed, offseason, holiday, quiet (in that order)

    def __bool__(self) -> bool:
        return bool(self.season or self.states)


def situation_of(question: str) -> Situation:
    """The season and the situations a question names."""
    season = next((k for k, p in _SEASONS.items() if p.search(question)), None)
    return Situation(season, [k for k, p in _SITUATIONS.items() if p.search(question)])


# --- the business a question describes ----------------------------------------------------------------------
_ZH_QUESTION_TAIL = re.compile(r"(?:[,,。;;]?\s*(?:我|我们)?(?:该|应该|可以|要|能)?(?:在?群里|群里面)?"
                               r"(?:聊|发|说|做|搞|写|分享|推送)(?:点|些|一些)?(?:什么|啥)[^,,。;;]*"
                               r"|[,,。;;]?\s*(?:怎么|如何|怎样)[^,,。;;]*)$")
_ZH_ASKING_END = re.compile(rf"(?:{_ZH_MODAL}|{_ZH_VERB}|帮[^,,。]{{0,10}}|一下|一个|一条|一次|一段|一张|一份|个|条|次|段|张|份)$")
_TIME_CLAUSE = re.compile(r"^[^,,;;]{1,6}?(?:快要|快|就要|马上|要)?(?:到了|来了|过了|过后|结束了|开始了)$"
                          r"|^[^,,;;]{0,8}?(?:\b(?:christmas|holidays?|summer|winter|spring|"
                          r"autumn|fall|new year|season|weekend)\b)(?:\s*(?:is|are))?\s*(?:快要|快|就要|马上|要)?"
                          r"\s*(?:到了|来了|过了|过后|结束了|开始了|coming( up)?|here|over|around the corner|approaching)$", re.I)
_EN_ASK_HEAD = re.compile(rf"\b(?:(?:can|could|may|should|shall|do)\s+(?:i|we)(?:\s+still|\s+really|\s+also)?"
                          rf"|(?:is|would)\s+it\s+(?:be\s+)?[a-z ]{{2,20}}?\s+(?:to|if\s+(?:i|we)))\s+(?:{_EN_VERB})\b", re.I)
_EN_QUESTION = re.compile(r"\b(?:what|how|which|any|ideas?|tips?)\b[^.;]*$|\b(?:can|could|should|shall|may|do)\s+"
                          r"(?:i|we)\b[^.;]*$|\b(?:is|would) it\b[^.;]*$", re.I)


def business_of(question: str, lang: str, proposal: str | None = None) -> str:
    """The part of a question that describes the business, as an owner would give it to ``goal``: the
    proposed post and the asking words are taken out, so they do not steer the recognition (a 红包 asked about is no
    part of the business)."""
    text = question.strip()
    if lang == "en":
        if proposal:  # "can I post <it> in my bakery's group": the group's words stay, the asking words go
            text = _EN_ASK_HEAD.sub(" ", text.replace(proposal, " "))
        else:
            cut = _EN_QUESTION.sub("", text)
            text = cut if len(re.findall(r"[A-Za-z]{3,}", cut)) >= 2 else text
        text = re.sub(r"[?]+", "", text)
    else:
        if proposal and proposal in text:  # the last clause up to the proposal, without the asking words before it
            before = text[:text.rindex(proposal)]
            while True:
                shorter = _ZH_ASKING_END.sub("", trim(before)).rstrip()
                if shorter == before:
                    break
                before = shorter
            # The proposal first ("套餐发在老客户群里合适吗"): what describes the group comes after it.
            text = before if len(re.findall(r"[\u4e00-\u9fff]", before)) >= 2 else text.replace(proposal, " ")
        else:
            cut = trim(_ZH_QUESTION_TAIL.sub("", re.sub(r"[??!!]+\s*$", "", text)))
            text = cut if len(re.findall(r"[\u4e00-\u9fff]", cut)) >= 2 else text
    # A clause that only says when ("清明节快到了", "winter is here") describes no business: it is the situation.
    clauses = [c for c in re.split(r"(?<=[,,;;])", text) if not _TIME_CLAUSE.match(trim(c))]
    text = "".join(clauses) or text
    return trim(re.sub(r"\s+", " ", text))


# --- the answer's words for these, in the question's language ---------------------------------------------
SOCIAL_ARTICLE = "如何做好社群运营不可或缺的两点"  # the article the method's social norms come from
WORDS = {
    "zh": {
        "no": "不建议。{reason}(《{article}》)。\n\n换个做法:{instead}\n",
        "buy_entry": "真有人想买,就在群公告里留一个固定入口(怎么咨询、找谁),群里不再提。\n",
        "occasion": "可以发的:一条不带{removed}的「{occasion}」提醒或话题(时间、注意事项、大家怎么准备),和群的共同目标「{goal}」连在一起。\n",
        "yes": ("可以。「{thing}」不是广告、优惠或红包,是成员为共同目标会关心的事,正合靠社会规范维系的群"
                "(《{article}》:社群的本质是一群人共同实现目标)。\n\n发的时候:和群的共同目标「{goal}」连在一起,请成员也说说自己的。\n"),
        "joiner": "、",
        "lead": {
            "closed": "店关着的时候,群不用跟着停:共同目标不随营业时间走,这段时间发不用到店也能参与的内容(当季的话题、在家能做的小事、成员的故事),别用优惠券或红包把人叫回来。",
            "offseason": "淡季正是经营关系的时候:不谈生意,只聊共同目标本身,不推套餐和折扣,用一个人人接得上的话题请大家开口。",
            "holiday": "假期后群冷下来很正常:先用一个轻松、人人答得上的问题把大家叫回来,再恢复每周固定的节奏,不用红包“开工”。",
            "quiet": "群安静下来时,先从一个小而具体、人人答得上的话题开始,请两三位老成员带头回应,再恢复每周固定的节奏。",
        },
        "season_lead": "{season}的帖子跟着季节走:{tip}。",
        "season_plain": "{season}的帖子跟着季节走:聊聊这个季节大家都在经历的事。",
        "opener": {
            "holiday": "假期过完了,大家都回到日常了吧?不急着赶进度,先说说这个假期里的一件小事就好。",
            "closed": "这段时间店里歇着,群里不歇:不用到店,在家也能接着聊。",
            "offseason": "这阵子来的人少,正好慢下来,聊聊大家自己最近的事。",
            "quiet": "好久没在群里聊了,今天想先听听大家的近况。",
        },
        "season_opener": "{season}到了。",
        "seasons": {"winter": "冬天", "summer": "夏天", "spring": "春天", "autumn": "秋天"},
        # For a chat model: the verdict the rules gave, which its answer must not contradict.
        "model_no": ("这个问题的结论已经由内置规则定了:不建议在群里发「{thing}」。原因:{reason}(《{article}》)。"
                     "回答的第一句写“不建议。”,再说原因和替代做法({instead}),不要给出相反的建议。"),
        "model_yes": ("这个问题的结论已经由内置规则定了:可以在群里发「{thing}」,它不是广告、优惠或红包。"
                      "回答的第一句写“可以。”,再说怎么和群的共同目标连在一起,不要给出相反的建议。"),
    },
    "en": {
        "no": "Better not. {reason} (《{article}》).\n\nInstead: {instead}\n",
        "buy_entry": "For anyone who does want to buy, keep one fixed entry in the group notice (how to ask, whom to contact) and don't raise it in the chat.\n",
        "occasion": "What you can post: a reminder or topic about “{occasion}” without the {removed} (dates, what to look out for, how people prepare), tied to the shared goal “{goal}”.\n",
        "yes": ("Yes, it fits. “{thing}” is no ad, offer or red packet; it is something members care about for the shared goal, "
                "which is what keeps a group on social norms (《{article}》: a community is people reaching a goal together).\n\n"
                "When you post it: tie it to the shared goal “{goal}” and invite members to add their own.\n"),
        "joiner": ", ",
        "lead": {
            "closed": "While you're closed the group doesn't have to stop: the shared goal doesn't keep opening hours, so post things members can join without coming in (a topic for the season, something to do at home, a member's story), and don't lure people back with coupons or red packets.",
            "offseason": "The off-season is the time to build the relationship: no selling, just the shared goal itself, no packages or discounts, and one topic anyone can answer.",
            "holiday": "A group going quiet after the holidays is normal: bring people back with one easy question anyone can answer, then return to the weekly rhythm; no red packet to 'restart'.",
            "quiet": "When a group goes quiet, start with one small, concrete topic anyone can answer, ask two or three long-time members to reply first, then return to the weekly rhythm.",
        },
        "season_lead": "Let {season} posts follow the season: {tip}.",
        "season_plain": "Let {season} posts follow the season: talk about what everyone is going through this time of year.",
        "opener": {
            "holiday": "The holidays are over and we're all easing back in. No need to catch up on anything: just tell us one small thing from your break.",
            "closed": "We're closed for a while, but the group isn't: no need to come in, we can keep going from home.",
            "offseason": "It's a quieter time for us, a good moment to slow down and hear how you're all doing.",
            "quiet": "It's been a while since we talked here, so let's start with how everyone is doing.",
        },
        "season_opener": "{season} is here. ",
        "seasons": {"winter": "winter", "summer": "summer", "spring": "spring", "autumn": "autumn"},
        "model_no": ("The built-in rules have already decided this question: better not post “{thing}” in the group. "
                     "Why: {reason} (《{article}》). Open your answer with “Better not.”, then give the reason and what "
                     "to do instead ({instead}); do not advise the opposite."),
        "model_yes": ("The built-in rules have already decided this question: “{thing}” is fine to post in the group; it "
                      "is no ad, offer or red packet. Open your answer with “Yes,”, then say how to tie it to the group's "
                      "shared goal; do not advise the opposite."),
    },
}
SALE_TYPES = frozenset({"offer", "price", "push", "learned", "contact"})  # a sale: those who want it get an entry


def verdict_text(p: Proposal, goal: str) -> str:
    """The direct answer to a can/should-I-post question: the verdict and its reason, what to do instead."""
    w = WORDS[p.lang]
    if p.fits:
        return w["yes"].format(thing=p.thing, goal=goal, article=SOCIAL_ARTICLE)
    reason, instead, article = rule_text(p.codes[0], p.lang)
    # The rule's own asides (its examples, "the learned model's judgement") are for a post; the verdict names its article.
    reason = re.sub(r"\s*[((][^))]*[))]", "", reason).rstrip("。.")
    out = w["no"].format(reason=reason, article=article or SOCIAL_ARTICLE, instead=instead)
    if any(find_rule(c).type in SALE_TYPES for c in p.codes):
        out += w["buy_entry"]
    if p.occasion:
        out += w["occasion"].format(occasion=p.occasion, removed=w["joiner"].join(p.removed), goal=goal)
    return out


def model_verdict(p: Proposal) -> str:
    """The verdict as an instruction for a chat model's prompt, in the question's language, so that its answer
    opens with the same 不建议/可以 as the offline answer and does not contradict it."""
    w = WORDS[p.lang]
    if p.fits:
        return w["model_yes"].format(thing=p.thing)
    reason, instead, article = rule_text(p.codes[0], p.lang)
    reason = re.sub(r"\s*[((][^))]*[))]", "", reason).rstrip("。.")
    return w["model_no"].format(thing=p.thing, reason=reason, article=article or SOCIAL_ARTICLE,
                                instead=instead.rstrip("。."))
