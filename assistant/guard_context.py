"""How the guard reads context: who speaks and how, so a word is weighed by the sentence around it.

A term inside a prohibition ("请勿发红包"), a negation ("我们不靠红包"), a story about the past, a
consumer's report ("我刚抢了两板"), a question or an AA cost split is not an ad; a story that turns
to the reader with an offer ("想要的私我") is.
"""
from __future__ import annotations

import bisect
import re

_CLAUSE_END = re.compile(r"[,。!?;:,!?;:\n()()【】\[\]]")
_PROHIBIT = re.compile(
    r"(禁止|严禁|请勿|切勿|勿|不要|不准|不许|不得|不能|别再|(?<![特区分类级告性识派辨鉴])别(?!人)|拒绝|谢绝|不发|不搞|"
    r"不靠|不做|不用|不玩|不会|不该|不是|并非|不再|不允许|不接受|不欢迎|不可以|不可|无需|没有|杜绝|远离|反对|抵制|少发|停止|"
    r"no |not |never |don't |dont |avoid |without |stop )")
# How far (in characters) a negation reaches forward to the term it governs.
_NEGATION_REACH = 8
_LIST_JOIN = re.compile(r"[和及与或跟]")
_NOT_NEGATION_AFTER = re.compile(r"^(错过|犹豫|等|走开|再等)")  # "不要错过" is urgency, not a prohibition
_QUESTION = re.compile(r"(吗$|么$|呢$|有没有|是不是|有谁|谁有|谁知道|哪里|哪儿|怎么|如何|为什么|多少钱|是否|\?|\bhow\b|\bwhat\b|\bwhy\b|\bwhere\b|\banyone\b)")
# Sharing or reporting costs among members (AA) is not selling: "路费AA", "一共花了360元,每人60,已经收齐".
_AA = re.compile(r"(aa|平摊|均摊|分摊|自费|各付各|各自承担|费用公开|公开账目|费用明细|一共花了|总共花了|花了|收齐|"
                 r"转给组织者|已转|报销|团建|拼车|车费|场地费)")
# First-person narration or opinion about a tactic ("看到车厘子打折", "有个朋友的群天天发红包").
_NARRATIVE = re.compile(r"(我觉得|我认为|觉得|发现|看到|听说|朋友的|别人的|有个|以前|之前|曾经|结果|只能带来|留不住|没人说话|没用|"
                        r"我们公司|公司上班|上班|加班|转行|作为一个|作为|我老公|我老婆|我妈|我爸|去年|上次|忙疯|在学|学习|"
                        r"i think|i saw|i noticed|my friend|my job|at work|"
                        # A consumer telling what they got ("我刚抢了两板", "没抢到", "被我秒抢了").
                        r"我(刚|刚刚|已经|也|还|昨天|今天)?\S{0,2}(买|抢|拿|领|团|拼|订|收|中|砍)(了|到|过)|没(买|抢到|抢着|中)|被我|"
                        # Family and friends: red packets and gifts between relatives are not a group's market norms.
                        r"爸|妈|爷爷|奶奶|外婆|姥姥|舅|姨|叔|侄|表哥|表姐|表弟|表妹|亲戚|结婚|婚礼|喜宴|份子|随礼|过年|拜年|压岁|"
                        r"i bought|i got)")
# Words that turn a story into a pitch: addressing the reader, inviting a response, or extending an offer
# to the group ("群友专享", "群里下单", "想换车的可以找他", "多订了一批,现在一百八").
_PITCH = re.compile(r"(你|您|家人们|宝子|宝宝们|姐妹|宝妈们|朋友们|想要|想了解|想学|想做|想买|想换|需要的|有需要|感兴趣|有意|"
                    r"私我|私聊|找我|找他|找她|可以找|联系我|加我|扫码|链接|戳|报名|给大家|争取|专享|欢迎|订了一批|进了一批|到了一批|多订|多进|"
                    r"群(友|内|里)[^,。!?,!?]{0,6}(折|价|惠|单|邮|送|减|抢)|you|dm|contact)")
# Talking about market norms, or telling what happened when someone used them, is not using them.
_META = re.compile(r"(市场规范|社会规范|这些都是|都属于|这类|之类的|那一套|套路|广告群|死群|刷广告|退群|教训|反感|"
                   r"毁掉|难怪|有人在群里发|有人发)")


_SENT_END = re.compile(r"[。!?!?\n]")
_STRONG_PROHIBIT = re.compile(r"(禁止|严禁|请勿|谢绝|不准|不许|不得|不接受|不欢迎|不允许)")


class Context:
    """Clause and sentence boundaries of one post, computed once and shared by all its matches."""

    def __init__(self, norm: str) -> None:
        self.norm = norm
        self.clause_cuts = [m.start() for m in _CLAUSE_END.finditer(norm)]
        self.sent_cuts = [m.start() for m in _SENT_END.finditer(norm)]
        self._sent: dict[int, tuple] = {}

    @staticmethod
    def _bounds(cuts: list[int], n: int, start: int, end: int, include_end: bool) -> tuple[int, int]:
        i = bisect.bisect_left(cuts, start)
        left = cuts[i - 1] + 1 if i > 0 else 0
        j = bisect.bisect_left(cuts, end)
        right = (cuts[j] + (1 if include_end else 0)) if j < len(cuts) else n
        return left, right

    def clause(self, start: int, end: int) -> tuple[int, int]:
        return self._bounds(self.clause_cuts, len(self.norm), start, end, False)

    def sentence(self, start: int, end: int) -> tuple[int, int, tuple]:
        left, right = self._bounds(self.sent_cuts, len(self.norm), start, end, True)
        info = self._sent.get(left)
        if info is None:
            text = self.norm[left:right]
            m = _STRONG_PROHIBIT.search(text)
            info = (left + m.start() if m else -1, bool(_META.search(text)), bool(_NARRATIVE.search(text)),
                    text.rstrip().endswith(("?", "?")), bool(_PITCH.search(text)))
            self._sent[left] = info
        return left, right, info


def context_factor(ctx: Context, start: int, end: int, rule) -> float:
    """How much of the match's weight survives its context (0 = not an ad at all)."""
    norm = ctx.norm
    left, right = ctx.clause(start, end)
    before = norm[left:start]
    # A prohibition or negation that governs the term: "请勿发广告和红包", "我们不靠红包".
    if before:
        for m in _PROHIBIT.finditer(before):
            gap = before[m.end():]
            # A negation governs a whole list: "不发广告、红包、优惠券和拉票链接".
            reach = _NEGATION_REACH + (8 if _LIST_JOIN.search(gap) else 0)
            if len(gap) <= reach and not _NOT_NEGATION_AFTER.match(norm, left + m.end()):
                return 0.0
    sent_left, sent_right, (prohibit_at, meta, narrative, asks, pitch) = ctx.sentence(start, end)
    # Also a list governed by a prohibition earlier in the sentence ("禁止发广告、红包和拉票链接").
    if 0 <= prohibit_at < start:
        return 0.0
    clause = norm[left:right]
    if rule.type == "price" and _AA.search(norm[sent_left:sent_right]):
        return 0.0
    factor = 1.0
    # Talking about market norms ("红包、抽奖、秒杀,这些都是市场规范行为") is not running them.
    if meta:
        factor *= 0.15
    elif narrative and not pitch:
        # A member's story about their work or past; a story that turns into an offer stays a pitch.
        factor *= 0.25
    if (asks or norm[right:right + 1] in ("?", "?") or _QUESTION.search(clause)) and rule.type not in ("recruit", "contact"):
        factor *= 0.4
    return factor
