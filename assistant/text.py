"""Words: jieba tokens for the keyword index, and the bilingual domain glossary used to expand queries."""
from __future__ import annotations

import logging
import re
import threading

# Domain words jieba would otherwise split ("快闪群" -> "快闪" "群").
DOMAIN_WORDS = ["快闪群", "新用户群", "超级用户群", "超用群", "交付群", "社会规范", "市场规范", "长期目标", "共同目标",
                "仪式感", "参与感", "归属感", "打卡", "私域", "社群", "门槛", "群规", "复购", "转介绍", "口碑营销",
                "红包", "优惠券", "秒杀", "抽奖", "雷区", "孵化", "活跃度", "干货", "裂变", "引流"]
# Two-character words of the trades and playbooks that jieba splits (月/嫂, 猫/粮): without them a description's
# 月嫂 or 猫粮 never stands as a word, and its trade is not recognised (tests/test_industry.py checks every keyword).
TRADE_WORDS = ["月嫂", "月子", "猫粮", "狗粮", "猫咖", "网咖", "拿铁", "挂耳", "换弦", "撸铁", "去渍", "白事", "约跑", "跟拍",
               "乐高", "写真", "医美", "堂食", "备婚", "多肉", "夜跑", "好书", "律所", "快印", "托班", "托育", "拔罐", "换屏",
               "晨跑", "烘豆", "烫染", "祛痘", "练车", "跑团", "跑者", "跟团", "法棍", "鱼档", "台钓", "海钓", "爱车"]
_STOP = set("的 了 是 在 和 与 也 就 都 而 及 或 一个 这 那 你 我 他 她 它 们 吗 呢 吧 啊 把 被 让 给 对 从 到 为 以 之 于 等 "
            "怎么 如何 什么 哪些 为什么 是否 可以 应该 需要 有 没有 要 会 能 做 a an the of to in on for and or is are be "
            "what how why which do does should can i you we my our it this that with".split())
_TOKEN_OK = re.compile(r"[\w\u4e00-\u9fff]")

# Bilingual domain glossary: a query in one language also searches the other's words by BM25
# (one article is in English, four in Chinese; users ask in either).
GLOSSARY = {
    "market norm": "市场规范", "social norm": "社会规范", "red packet": "红包", "red envelope": "红包", "lottery": "抽奖",
    "coupon": "优惠券", "flash sale": "秒杀", "discount": "折扣", "advert": "广告", "ad": "广告", "ads": "广告",
    "goal": "目标", "long-term": "长期", "vision": "愿景 目标", "threshold": "门槛", "rule": "群规 规则", "activit": "活动",
    "benefit": "权益 福利", "welfare": "福利 权益", "newcomer": "新人", "new member": "新人 新用户", "welcome": "欢迎 仪式感",
    "ritual": "仪式感", "ceremony": "仪式感 欢迎", "belonging": "归属感", "participation": "参与感", "engage": "参与感 活跃",
    "active": "活跃", "dead group": "死群", "fitness": "健身", "gym": "健身房", "reading": "阅读", "skincare": "护肤",
    "kitchen": "厨房", "flash group": "快闪群", "super user": "超级用户群", "vip": "超级用户", "delivery group": "交付群",
    "paid": "付费", "pitfall": "雷区", "mistake": "雷区", "word of mouth": "口碑", "reputation": "口碑 声誉",
    "incubat": "孵化", "metric": "指标", "essence": "本质", "community": "社群", "group": "社群 群", "member": "成员 用户",
    "incentive": "激励 鼓励机制", "reward": "奖品 激励", "free": "免费", "positioning": "定位", "traffic": "引流",
    "ideal": "理想", "reality": "现实", "gap": "缺口", "check-in": "打卡", "punch": "打卡", "pk": "PK",
    "share": "分享", "content": "内容 干货", "value": "价值", "trust": "信任", "official": "官方", "authentic": "真实感",
    "60 day": "60天", "60-day": "60天", "lifelong learning": "终身学习", "book": "书单 阅读", "elements": "要素",
    "type": "类型 种", "kind": "种 类型",
    "市场规范": "market norms", "社会规范": "social norms", "门槛": "threshold", "愿景": "vision", "群规": "rules",
    "规则": "rules", "活动": "activities", "权益": "benefits", "福利": "benefits welfare", "五个": "five keys", "要素": "elements keys",
    "仪式": "ceremony welcome", "成功": "successful",
}
_GLOSS_KEYS = sorted(GLOSSARY, key=len, reverse=True)

_jieba_lock = threading.Lock()
_jieba_ready = False


def _ensure_jieba():
    """jieba, with the domain words added once per process."""
    global _jieba_ready
    import jieba

    if not _jieba_ready:
        with _jieba_lock:
            if not _jieba_ready:
                jieba.setLogLevel(logging.WARNING)
                for w in DOMAIN_WORDS + TRADE_WORDS:
                    jieba.add_word(w, freq=20000)
                _jieba_ready = True
    return jieba


def tokenize(text: str) -> list[str]:
    """jieba tokens for Chinese, lowercased words for English; stopwords and punctuation dropped."""
    jieba = _ensure_jieba()
    out = []
    for tok in jieba.lcut_for_search(text.lower()):
        tok = tok.strip()
        if not tok or tok in _STOP or not _TOKEN_OK.search(tok):
            continue
        if tok.isascii() and len(tok) > 3 and tok.endswith("s"):
            tok = tok[:-1]  # crude plural folding for the English article
        out.append(tok)
    return out


def _gloss_pattern(key: str) -> re.Pattern:
    # English keys match on word boundaries ("ad" is not inside "lead"); a key ending in a stem
    # ("activit", "incubat") may continue; Chinese keys match anywhere.
    if not key.isascii():
        return re.compile(re.escape(key))
    stems = ("activit", "incubat", "engage")
    tail = r"" if key in stems else r"(?:s|es)?\b"
    return re.compile(r"\b" + re.escape(key) + tail)


_GLOSS_PATTERNS = [(k, _gloss_pattern(k)) for k in _GLOSS_KEYS]


def expand_query(query: str) -> str:
    """The query plus glossary translations of the domain words it contains."""
    q = query.lower()
    extra = [GLOSSARY[k] for k, rx in _GLOSS_PATTERNS if rx.search(q)]
    return query if not extra else query + " " + " ".join(extra)


_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")
_ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}")


def language_of(text: str) -> str:
    """The main language of a text: "en" when English words outweigh Chinese characters."""
    english_words = len(_ENGLISH_WORD.findall(text))
    if not english_words:
        return "zh"  # most Chinese posts: no need to count their characters (the guard asks this per post)
    return "en" if english_words > len(_CJK_CHAR.findall(text)) / 2 else "zh"


# The seams a template leaves when a field is empty or brings its own punctuation (full-width marks as escapes).
_PUNCT = r",.;:!?\uff0c\u3002\uff1b\uff1a\uff01\uff1f\u3001"
_PAUSE = r",;:\uff0c\uff1b\uff1a\u3001"
_STOP_MARK = r".!?\u3002\uff01\uff1f"


def tidy(text: str) -> str:
    """Generated text without its templates' seams: no doubled, leading or trailing spaces on a line, no space
    before punctuation, no pause mark before a full stop ("x,。"), nothing after a question or exclamation mark
    but the next words ("photo?, plus" -> "photo? Plus", "吗?,再" -> "吗?再"), no doubled full stop, question or
    exclamation mark, a space after an English comma ("more, too"), no empty brackets. Line breaks stay."""
    lines = []
    for line in text.split("\n"):
        line = re.sub(r"\s*(?:\(\)|\uff08\uff09|\u3010\u3011)", "", line)
        line = re.sub(r"\s+", " ", line).strip()
        line = re.sub(rf" +(?=[{_PUNCT})\uff09])", "", line)
        line = re.sub(rf"[{_PAUSE}]+\s*(?=[{_STOP_MARK}])", "", line)
        line = re.sub(r"([?!\uff1f\uff01])[,;\uff0c\uff1b\u3001]\s*([a-z])", lambda m: f"{m.group(1)} {m.group(2).upper()}", line)
        line = re.sub(r"([?!\uff1f\uff01])[,;.\uff0c\uff1b\u3001\u3002]+", r"\1", line)
        line = re.sub(r"(?<!\.)\.\.(?!\.)|\u3002{2,}", lambda m: m.group()[0], line)
        line = re.sub(r"([?!\uff1f\uff01])\1+", r"\1", line)  # a question filled into "…{q}?" ends once
        line = re.sub(r"(?<=[A-Za-z0-9]),(?=[A-Za-z])", ", ", line)  # English wants a space after its comma
        lines.append(_nest_quotes(line))
    return "\n".join(lines)


def _nest_quotes(line: str) -> str:
    """Corner brackets inside corner brackets as the inner kind: 「本周的挑战『送别之后』清单」, not 「…「…」…」 (a
    value quoted into a template that quotes it again)."""
    if line.count("\u300c") < 2:
        return line
    out, depth = [], 0
    for ch in line:
        if ch == "\u300c":
            out.append("\u300e" if depth % 2 else ch)
            depth += 1
        elif ch == "\u300d" and depth:
            depth -= 1
            out.append("\u300f" if depth % 2 else ch)
        else:
            out.append(ch)
    return "".join(out)
