"""The facts a post announces, read so that a rewrite can be checked for keeping them: dates ("4月10日", "下周三",
"15号", "2026-04-10", "14 June"), clock times ("晚上7点", "7pm"), places ("在滨江公园", "at Bear Ridge"), the names of
events ("普洱品鉴会") and amounts that are facts rather than offers ("10公里", "90 minutes"; never a price: the rewrite
must not have one).

Dates, times and amounts are read into canonical values and compared as values, never as substrings (so "9:30" is
not kept by "19:30", nor "1月1日" by "11月1日"):

- a date is (month, day); a day written alone ("15号", the "7日" of "8月1日至7日") takes the month of the date
  before it in the post when that is sure: it ends a range from that date (the next month when the range wraps,
  "4月28日至5日"), or it comes later in that month and the date before ends no range ("4月10日报名,15号截止");
  else it is a day alone ("4月10日…5号", "10月1日到7日…30号", "2月1日…30号"), kept by that day in any month. A
  rewrite's day alone is in the month of the post's dates when they are all in one ("4月15日" is kept by "15号"); a year is compared when both texts
  state one ("2026年4月10日" is kept by "4月10日", not by "2027年4月10日"), 今年/明年/去年 counted from the day the
  post goes up, and 4/10/2026 is month, day, year;
- a weekday is its number and its week (本/这 this, 下 next, 下下 the one after, 上 last, none: the coming one);
  none is this week, so "本周六" keeps a post's "周六" and "下周六" does not (nor "周六" a post's "下周六"); a
  weekday alone after the same one of a named week is that week's ("下周六爬山,周六早上8点集合");
  "每周三次" is three times a week, not Wednesday; 今天/今晚 · 明天/明晚 · 后天 are days 0, 1, 2 from today;
- a clock time is minutes after midnight with the part of the day applied (晚上12点, 凌晨0点, 零点 and 午夜 are
  midnight, 中午12点 is noon, 晚上1点 is 1 a.m.); a time with no part of the day ("7点半", "at seven", "half past
  six") stands for both halves of it. A range of hours is its two ends, each a fact, the part of the day said once
  being both's ("晚上7-9点", "晚上七点到九点", "7-9pm": see :func:`_en_ranges`);
  :func:`clock_times` is also what the calendar's ICS export reads a post's time with (``dates.time_in``);
- an amount is a number in a base unit, whether written in digits or Chinese numerals ("1小时", "一小时",
  "60分钟" are the same; "一个半小时" is 90 minutes).

A rewrite must not change the news: one that names the post's date or time and, beside it, another written the
same way the post does not have ("4月10日" and "改到4月12日") does not keep it (see :func:`missing`).

So the same fact written another way still counts as kept ("4月10号" for "4月10日", "19:00" or "晚7点" for
"晚上7点", "明晚" for "明天晚上", "十公里" for "10公里"); places and event names, which a writer may reword a
little ("二楼的包间"), count as kept when most of their character pairs are there. The reader is meant to miss a
fact now and then rather than to see one that is not there: a fact it cannot read is not checked. A rewrite is
read more generously than the post ("一天", "三日" count there), since a writing it sees only adds ways to keep a
fact.
"""
from __future__ import annotations

import bisect
import calendar
import datetime as dt
import functools
import itertools
import re
import unicodedata
from dataclasses import dataclass

KINDS = {"date": ("日期", "date"), "time": ("时间", "time"), "place": ("地点", "place"), "event": ("活动", "event"),
         "amount": ("数量", "amount")}
_CN = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNIT = {"十": 10, "百": 100, "千": 1000, "万": 10000}
_CN_PART = "(?:[一二两三四五六七八九]千)?(?:零?[一二两三四五六七八九]百)?(?:零?[一二两三四五六七八九]?十)?(?:零?[一二两三四五六七八九])?"
_CN_WELL = re.compile(f"(?:{_CN_PART}万)?{_CN_PART}|零|〇")
_N = r"(?:\d{1,2}|[一二两三四五六七八九十]{1,3})"
_WEEKDAYS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "日": 7, "天": 7}
_EN_WEEKDAYS = {"mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6, "sun": 7}
_MONTHS = {m: i for i, names in enumerate(
    (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
     ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
     ("dec", "december")), 1) for m in names}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_TO = r"(?:到|至|-|~|—|–|～)"  # a range: "8月1日至7日", "7点到9点"

# -- dates --------------------------------------------------------------------------------------------------------
# What follows a number that makes "号"/"日" something other than a day: 3号楼, 5号线, 2号门, 3日游, 日本.
_NOT_DAY = r"(?:楼|栋|幢|单元|线|门|院|馆|厅|房|室|位|桌|车|口|机|床|柜|码|球|选手|窗|台|展|摊|字|箱|包间|场|铺|仓|坑|游|元|币|本)"
# What comes before a number that makes it a house or room number rather than a day: 幸福路15号, 3栋2号, 第5号.
_ADDR = "路街巷弄道栋幢座楼室区村组第号期届铺大小加编型尺零百千万"
_ZH_DATE = re.compile(
    # 2026-04-10, 2026/4/10, 2026.4.10
    rf"(?<![\d.])(?P<iy>\d{{4}})\s*[-/.]\s*(?P<im>\d{{1,2}})\s*[-/.]\s*(?P<id>\d{{1,2}})(?!\d)(?:\s*[日号])?"
    # (2026年)4月10日, (明年)四月十号, the 1 of 8月1-7日
    rf"|(?:(?:(?P<y>\d{{4}})|(?P<ry>大前|大后|[今明去前后]))\s*年\s*)?(?<!\d)(?P<m>{_N})\s*月\s*(?P<d>{_N})(?:\s*[日号]|(?=(?P<mto>\s*{_TO}\s*{_N}\s*[日号])))"
    # 4/10/2026 (10/4/2026 when the first number cannot be a month)
    r"|(?<![\d/.])(?P<um>\d{1,2})/(?P<ud>\d{1,2})/(?P<uy>\d{4})(?![\d/])"
    # 4/10
    r"|(?<![\d/.])(?P<sm>\d{1,2})/(?P<sd>\d{1,2})(?![\d/])"
    # 12.5号, 12.5(周六): a point between numbers is a date only beside a day's mark
    r"|(?<![\d.])(?P<dm>\d{1,2})\.(?P<dd>\d{1,2})(?:\s*[日号]|(?=\s*[((]?\s*(?:周|星期|礼拜)[一二三四五六日天]))"
    # 15号, 十五号, and the 3 of 3到5号
    rf"|(?<![\d.:/A-Za-z{_ADDR}一二两三四五六七八九十])(?P<bd>{_N})"
    rf"(?:\s*(?P<bu>[日号])|(?=(?P<bto>\s*{_TO}\s*{_N}\s*[日号])(?!{_NOT_DAY})))(?!{_NOT_DAY})")
# 周三, 下周三, 每周三
_ZH_WEEKDAY = re.compile(r"(下下|下个?|本|这个?|每个?|上个?)?(?:周|星期|礼拜)([一二三四五六日天])(?!(?<=一)[定样般直些切共])")
# After 每周 or 一周 / 两周, a number and a count is how often, not a weekday: 每周三次, 一周三天, 每周两节课.
_PER_WEEK = re.compile(r"次|回|遍|趟|节|堂|课|小时|个|场|轮|顿|餐|组|期|天")
_ZH_WEEKEND = re.compile(r"(下下|下个?|本|这个?|每个?|上个?)?(?:周末|礼拜天和礼拜六)")
_WORKDAYS = re.compile(r"工作日|(?:周|星期|礼拜)一\s*(?:到|至|-|~|—|–|～)\s*(?:周|星期|礼拜)?五|\bweekdays\b|"
                       r"\bmon(?:day)?s?\s*(?:-|–|to|through|thru)\s*fri(?:day)?s?\b", re.I)
_ZH_SPAN = re.compile(r"(下下|下个?|本|这个?|上个?)(周|星期|礼拜|月)(?![一二三四五六日天末])|(月底|月初|月中)")
_RELATIVE = {"昨": -1, "今": 0, "明": 1, "后": 2, "大": 3}
_RELATIVE_YEAR = {"大前": -3, "前": -2, "去": -1, "今": 0, "明": 1, "后": 2, "大后": 3}
_ZH_DAY = re.compile(r"(?:大后天|(?<!大)后天|今天|今晚|今早|今晨|今日|今夜|今儿|明天|明晚|明早|明日|明儿|昨天|昨晚)")
# 14 June (2026), June 14th(, 2026)
_EN_YEAR = r"(?:,?\s+((?:19|20)\d{2}))?"
_EN_DATE = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH}){_EN_YEAR}\b"
                      rf"|\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?{_EN_YEAR}\b", re.I)
_EN_WEEKDAY = re.compile(r"\b(next\s+|this\s+|every\s+)?(mon|tue|wed|thu|fri|sat|sun)(?:day|s|nesday|rsday|urday|sday)?s?\b",
                         re.I)
_EN_DAY = re.compile(r"\b(today|tonight|tomorrow|this weekend|next weekend|weekend)\b", re.I)
_WEEK = {"下下": "next2", "下": "next", "上": "last", "本": "this", "这": "this", "每": "", "": ""}

# -- times --------------------------------------------------------------------------------------------------------
# Parts of the day, longest first so "晚上" is not read as "晚"; a morning one (早上, 上午…) leaves the hour as it is.
_PERIOD = r"凌晨|早上|早晨|清晨|上午|中午|下午|傍晚|晚上|今晚|明晚|夜里|夜间|深夜|半夜|午夜|早|晚"
_AFTERNOON = {"下午", "傍晚"}
_EVENING = {"晚上", "今晚", "明晚", "夜里", "夜间", "深夜", "半夜", "午夜", "晚"}
_ZH_HOUR = r"(?:\d{1,2}|(?<![周期拜])[零一二两三四五六七八九十]{1,3})"
# An hour with its 点, or the first of a range whose 点 comes after the second ("晚上7-9点", the 7 named "晚上7-9点"
# as the 3 of "3到5号" is). 19:30, and 7.30 with a part of the day ("今晚7.30", the 9.30 of "晚上7.30-9.30": see
# clock_times); alone, "7.30" is as often 30 July, and "3.50元" a price.
_ZH_TIME = re.compile(
    rf"(?:({_PERIOD})\s*)?(?<![\d.])(?<!\d:)(?:(\d{{1,2}})(?:\s*[::]\s*|(?:(?(1)|(?:(?<=[到至~—–-]\d)|(?<=[到至~—–-]\d\d)))\.(?=\d\d(?!\d)(?!\s*[元块%]))))(\d{{2}})(?!\d)"
    rf"|({_ZH_HOUR})(?:\s*[点點时]"
    r"(?:\s*(半|一刻|三刻|整|钟|(\d{1,2})(?!\d)\s*分?|([二三四五]?十[一二三四五六七八九]?|零[一二三四五六七八九])\s*分?"
    rf"|([一二三四五六七八九])\s*分))?|(?=(\s*{_TO}\s*{_ZH_HOUR}\s*[点點时]))))")
_RANGE = re.compile(rf"\s*{_TO}\s*$")
# 点 after a number also counts the points of a list ("以下3点", "这3点", "第3点", "强调了2点", "3点建议",
# "有3点需要注意", "3点:一是…") or points of a score ("涨了3点"). Only an hour alone says so: with a part of the day
# or minutes (下午3点, 3点半, 3点钟) it is a time whatever comes around it.
_POINTS_VERB = r"注意|强调|提醒|总结|归纳|概括|分享|补充|记住|做到|包括|分为|分成|列出|指出|说|讲|谈|提"
_POINTS_BEFORE = re.compile(
    r"(?:第|以下|如下|下面|上面|以上|上述|下列|这|共|总共|一共|(?:上涨|下跌|提高|降低|增加|减少|涨|跌|升|降)了?|"
    rf"(?:{_POINTS_VERB})了)\s*$")
_POINTS_SAID = re.compile(rf"(?:{_POINTS_VERB})\s*$")
_POINTS_AFTER = re.compile(
    r"\s*(?:建议|要求|意见|注意事项|事项|原因|理由|好处|坏处|体会|感受|心得|收获|想法|看法|经验|技巧|方法|原则|规则|规定|"
    r"要点|重点|说明|不足|问题|共识|改进|优势|特点|变化|内容|疑问|误区|区别|秘诀|窍门|请求|做法|措施|小建议|小技巧|小贴士|"
    r"(?:要|需要|值得|必须|想|得)(?:注意|说明|强调|分享|补充|提醒|记住|说|讲|和大家)"
    r"|[::]\s*(?:[一二三四五六七八九十]是|第一|首先|其一|[1一][、.．]|①|[((]\s*[1一]\s*[))]))")
_CLAUSE_AFTER = re.compile(r"\s*(?:[,，。;；:：!！?？\n]|$)")
# 午夜 with no hour after it ("午夜开抢", "午夜场") is midnight itself; 零点 alone is too, but not 零点五 (0.5).
_MIDNIGHT = re.compile(r"午夜(?!\s*[\d零〇一二两三四五六七八九十])")
_NUMERAL_NEXT = re.compile(r"\s*[\d零〇一二两三四五六七八九十几多]")  # 零点五, 零点几秒: a number, not midnight

# -- English times ------------------------------------------------------------------------------------------------
# Hours and minutes in words: "seven", "seven thirty", "seven oh five", "a quarter past seven", "half past six".
_EN_NUMBER = {w: i for i, w in enumerate(
    "oh one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
    "eighteen nineteen".split())} | {"o": 0, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "quarter": 15,
                                      "half": 30}
_EN_HW = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b"
_EN_ONES = r"(?:one|two|three|four|five|six|seven|eight|nine)\b"
_EN_MW = (r"(?:(?:twenty|thirty|forty|fifty)(?:[\s-]" + _EN_ONES + r"|\b)|ten|eleven|twelve|thirteen|fourteen|fifteen"
          r"|sixteen|seventeen|eighteen|nineteen|oh[\s-]?" + _EN_ONES + r")\b")
_EN_WEEKDAY_WORD = r"(?:mon|tue|wed|thu|fri|sat|sun)(?:day|nesday|rsday|urday|sday)?s?"
# An hour alone is a time in English with o'clock, or after "at" (or "until", "till") when what follows ends the
# clause or goes on about when or where ("at 7.", "at seven tonight", "at 7 on Friday", "until 9 in the park",
# "at 6 after work"): "at 5 km", "at 3 locations" and "at 7.50 each" are no hours. 1 to 12 only ("at 18" is more
# often an age).
_EN_WHEN_WHERE = r"tonight|today|tomorrow|this|next|every|in|on|at|sharp|after|before|" + _EN_WEEKDAY_WORD
_EN_AT = _EN_WHEN_WHERE + "|for|with"
_EN_FOLLOW = re.compile(rf"\s*(?:[,;:!?)\n]|\.|$)|\s+(?:{_EN_AT})\b", re.I)
# Beside Chinese too, where no \b parts them: "周六7pm", "7-9pm在茶室".
_EN_AMPM = re.compile(rf"(?<![A-Za-z\d])(?:(\d{{1,2}})(?:[:.](\d{{2}}))?|({_EN_HW})(?:\s+({_EN_MW}))?)\s*([ap])\.?m(?![A-Za-z\d])\.?",
                      re.I)
_EN_COLON = re.compile(r"\b(\d{1,2}):(\d{2})\b")
_EN_NOON = re.compile(r"\b(noon|midday|midnight)\b", re.I)
_EN_OCLOCK = re.compile(rf"\b(?:at\s+)?(\d{{1,2}}|{_EN_HW})\s*o['’]?clock\b", re.I)
# "half past six", "a quarter to eight", "ten past seven", "20 past 7". "ten to eight" (and "ten after seven") only
# after at/until/by or before am/pm: "from ten to nine" is a range, "20 to 8" or "7 till 9" a score or a range.
_EN_PAST = re.compile(rf"(?<![\d.:])\b(half|(?:a\s+)?quarter|\d{{1,2}}|{_EN_MW}|{_EN_ONES})(\s+minutes?)?"
                      rf"\s+(past|after|to|till)\s+(\d{{1,2}}|{_EN_HW})(?![.:]?\d)(?:\s*([ap])\.?m\b\.?)?", re.I)
_EN_TO_LEAD = re.compile(r"\b(?:at|until|till|til|by)\s+$", re.I)
# at 7, at 7.30, at seven, at seven thirty, until 9, and the British "at half six" (6:30).
_EN_PREP = re.compile(rf"\b(at|until|till|til)\s+(?:(half)\s+)?(?:(\d{{1,2}})(?:\.(\d{{2}}))?|({_EN_HW})(?:\s+({_EN_MW}))?)"
                      r"(?![.:]?\d)", re.I)
# An hour in words after "at" is as often a count, an age, a score or an idiom ("at one on this", "at one in spirit",
# "walking at one", "level at two", "stood at three,"), so it is a time only when something marks it as one: a
# clock word (half, minutes after it; o'clock and am/pm are read elsewhere), "until"/"till", a day or part of the
# day right after it ("at one tonight", "at one on Monday") or right before it ("Monday at one"), a word of the
# day, a meal or a clock time in its sentence ("Lunch is at one", "Ladies' night at eight"), or a word of a
# timetable right before "at" ("see you at one", "doors open at seven", "class at two"), unless its clause speaks
# of money ("Prices start at five"). Digits after "at" are hours as they were: "at 7" is rarely anything else.
# The last word before "at" (past a person or "again": "see you all at one", "join us at two") that makes it a
# timetable's.
_EN_TIMETABLE = frozenset(
    "meet meets meeting met gather gathers gathering start starts started starting begin begins beginning began "
    "kick kicks kickoff kick-off open opens opened opening close closes closed closing finish finishes finished "
    "finishing end ends ended arrive arrives arrived arriving leave leaves leaving depart departs departing return "
    "returns returning see join doors class classes club choir session sessions practice practise rehearsal "
    "rehearsals service mass show shows quiz party talk talks lesson lessons workshop workshops match matches game "
    "games fair market fete festival concert gig tour screening meetup meet-up social pickup pick-up dropoff "
    "drop-off check-in registration time hour call there here home back due pick picked wake waking bedtime "
    "teatime playtime storytime lunchtime".split())
_EN_OBJECT = frozenset("you us me them everyone everybody all again up off promptly".split())
_EN_DAY_WORDS = re.compile(rf"\b(?:today|tonight|tomorrow|morning|afternoon|evening|night|noon|midday|midnight|"
                           rf"{_EN_WEEKDAY_WORD}|week(?:day|end)s?|breakfast|brunch|lunch|tea|dinner|supper|"
                           rf"o['’]?clock)\b|\d\s*[ap]\.?m\b|\d:\d\d", re.I)
_EN_SENTENCE_END = re.compile(r"[!?\n]|(?<!\d)\.|\.(?!\d)")
# A point between hour and minutes ("at 7.30", British) is also how prices are written ("at 7.50"). The words
# around it decide: a currency before it, or after it "each", "per", "off", "a head" or a currency word, make it a
# price; a part of the day after it ("7.30 tonight", "in the evening", "sharp") or a day before ("Friday at 7.30")
# make it a time. With neither, it is a time where a whole hour would be one ("at 7.30.", "at 7.30 in the hall")
# unless its clause speaks of money ("Tickets at 7.50."); "for" and "with" after it say nothing ("at 7.50 for two",
# "2.50 with milk"). A whole number after "at" is never a price: "at 7" has no decimals to be one.
_EN_PRICE_BEFORE = re.compile(r"(?:[$£€¥₹]|\b(?:rmb|usd|gbp|eur|hkd|aud|cad|sgd))\s*$", re.I)
_EN_PRICE_AFTER = re.compile(r"\s*(?:(?:each|per|apiece|off|pounds?|quid|dollars?|bucks|euros?|pence|p|yuan|rmb)\b"
                             r"|an?\s+(?![ap]\.?m\b)[a-z]|[元块%])", re.I)
_EN_MONEY = re.compile(r"[$£€¥₹]|\b(?:prices?|priced|costs?|fees?|tickets?|sale|sells?|selling|sold|buy|pay|paid|"
                       r"charges?|deals?|offers?|discount|save|only)\b", re.I)
_EN_WHEN_AFTER = re.compile(r"\s+(?:tonight|today|tomorrow|this\s+(?:morning|afternoon|evening)|in\s+the\s+"
                            r"(?:morning|afternoon|evening)|at\s+night|sharp)\b", re.I)
_EN_DAY_BEFORE = re.compile(rf"\b(?:{_EN_WEEKDAY_WORD}|week(?:day|end)s?|tonight|today|tomorrow)\s*,?\s*"
                            r"(?:(?:at|from|between)\s*)?$", re.I)
_EN_FOLLOW_DOT = re.compile(rf"\s*(?:[,;:!?)\n]|\.|$)|\s+(?:{_EN_WHEN_WHERE})\b", re.I)
_EN_DOT_WHEN = re.compile(rf"\b(\d{{1,2}})\.(\d{{2}})(?!\d)(?={_EN_WHEN_AFTER.pattern})", re.I)
_EN_CLAUSE_END = re.compile(r"[,;!?\n]|\.(?!\d)")
# A part of the day right after an hour is its own, as 晚上 right before 7点 is: "7 in the evening" is 19:00 only,
# "7 tonight" too, "1 at night" 1 a.m., "7 in the morning" 7 a.m.
_EN_PART_AFTER = re.compile(r"\s+(?:(?:in\s+the|this)\s+(morning|afternoon|evening)|(tonight)|at\s+(night))\b", re.I)
_EN_PART = {"morning": "上午", "afternoon": "下午", "evening": "晚上", "tonight": "今晚", "night": "晚上"}


def _en_end(p: str) -> str:
    """One end of a range: 7, 7:30, 7.30, seven, each perhaps with am/pm; noon; midnight."""
    return (rf"(?<![A-Za-z])(?:(?P<{p}h>\d{{1,2}}|{_EN_HW})(?:(?P<{p}s>[:.])(?P<{p}m>\d{{2}}))?(?![.:]?\d)"
            rf"(?:\s*(?P<{p}ap>[ap])\.?m(?![A-Za-z\d])\.?)?|(?P<{p}n>noon|midday|midnight)\b)")


# 7-9pm, 7 to 9 pm, 7pm–9pm, 19:00–21:00, from 7 until 9, between 7 and 9 tonight. Numbers joined so are as often
# a score ("won 7-9"), pages, sizes or ages, so a range is a time only when something says it is: an end written
# as a time (am/pm, 7:30, noon, o'clock after it), "until"/"till" between the ends (as "until 9" alone is one), a
# day right before it ("Tuesdays 7-9", "tonight 7-9") or, after "from"/"between", a part of the day or a day after
# it ("from 7 to 9 tonight"); with a point in it, its clause must not speak of money, as for "at 7.30".
_EN_RANGE = re.compile(rf"(?:\b(?P<lead>from|between)\s+)?(?<![\d.:/$£€¥-]){_en_end('a')}"
                       rf"\s*(?P<sep>-|–|—|~|\bto\b|\btill\b|\buntil\b|'?\btil\b|\band\b)\s*"
                       rf"{_en_end('b')}(?![\d:/-])(?:\s*(?P<oc>o['’]?clock)\b)?", re.I)
_TWELVE_END = re.compile(r"12(?:[:.]\d{2})?\s*[ap]\.?m\.?", re.I)
_EN_RANGE_WHEN = re.compile(rf"{_EN_WHEN_AFTER.pattern}|\s+(?:on\s+(?:the\s+)?\d|(?:on\s+|(?:every|this|next)\s+)?"
                            rf"(?:{_EN_WEEKDAY_WORD}|week(?:day|end)s?)\b|every\s+(?:day|week|morning|afternoon|evening|night)\b)",
                            re.I)


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
_ZH_EVENT = re.compile(r"(?:开设|举办|举行|推出|新开|组织|开办|开展|办|开(?!始|学(?![习术]))|有|搞)了?\s*(?:一场|一期|一个|一次|一堂|一节|场|期|个|次)?"
                       rf"([\u4e00-\u9fffA-Za-z0-9]{{2,10}}?(?:{_EVENT_SUFFIX}))")
_NOT_EVENT = re.compile(r"^(什么|没有|多少|哪些|这个|那个|一些|一点|时间|空|机会|兴趣|问题|想法|意思|人|的|"
                        r"[几多两三四五六七八九十\d]+[张个场次位件份套])")

# -- amounts ------------------------------------------------------------------------------------------------------
# Each unit's dimension and its size in the dimension's base unit: "1小时", "60分钟" and "one hour" are all 60 min.
_UNITS = {"公里": ("m", 1000), "千米": ("m", 1000), "km": ("m", 1000), "米": ("m", 1), "分钟": ("min", 1),
          "小时": ("min", 60), "个小时": ("min", 60), "钟头": ("min", 60), "个钟头": ("min", 60), "天": ("d", 1),
          "个月": ("mo", 1), "节课": ("lesson", 1), "节": ("lesson", 1), "课时": ("lesson", 1), "人": ("p", 1),
          "位": ("p", 1), "组": ("group", 1), "场": ("session", 1), "期": ("session", 1), "次": ("times", 1),
          "本": ("book", 1), "页": ("page", 1), "斤": ("g", 500), "公斤": ("g", 1000), "kg": ("g", 1000),
          "岁": ("age", 1), "圈": ("lap", 1), "步": ("step", 1), "周": ("wk", 1), "个星期": ("wk", 1)}
# "半" goes with these ("半小时", "一个半小时"); "半天" is as often "a long while" as half a day.
_HALVES = {"小时", "个小时", "钟头", "个钟头", "个月"}
# A post's "一" counts only with a measure: "一小时" is news, "一天" / "一位" / "一次" are mostly manners of speech.
_ONE_UNITS = {"小时", "个小时", "钟头", "个钟头", "分钟", "公里", "千米"}
_CN_NUM = "零〇一二两三四五六七八九十百千万"
_ZH_AMOUNT = re.compile(rf"(?:(?<![\d.])(?P<n>\d+(?:\.\d+)?)|(?<![{_CN_NUM}])(?P<c>[{_CN_NUM}]{{1,6}}))?\s*"
                        r"(?P<half>个半|半)?\s*(?P<unit>" + "|".join(sorted(_UNITS, key=len, reverse=True))
                        + r")(?![A-Za-z年末])(?!(?<=天)[气空然真堂使坛])")
# A number, its unit perhaps, and a dash or 到 before an amount make a range of it ("7-9岁", "3到5人", "7岁到9岁",
# "2-3 hours"): one amount, both ends, never the second end alone. After 第 a number is an ordinal (第3-4节, 第2期).
_AMOUNT_FROM = re.compile(rf"(?:(?<![\d.])(?P<n>\d+(?:\.\d+)?)|(?<![{_CN_NUM}])(?P<c>[{_CN_NUM}]{{1,6}}))\s*"
                          r"(?P<unit>[^\W\d_]{0,3}?)\s*(?:到|至|-|~|—|–|～|\bto\b)\s*$")
_ORDINAL = re.compile(r"第\s*$")
_EN_UNITS = {"km": ("m", 1000), "kilometre": ("m", 1000), "kilometer": ("m", 1000), "mile": ("mile", 1),
             "mi": ("mile", 1), "minute": ("min", 1), "min": ("min", 1), "hour": ("min", 60), "hr": ("min", 60),
             "day": ("d", 1), "week": ("wk", 1), "month": ("mo", 1), "session": ("session", 1),
             "class": ("lesson", 1), "lesson": ("lesson", 1), "people": ("p", 1), "person": ("p", 1),
             "page": ("page", 1), "book": ("book", 1), "lap": ("lap", 1), "step": ("step", 1), "kg": ("g", 1000)}
_EN_AMOUNT = re.compile(r"\b(\d+(?:\.\d+)?)[\s-]*(kilometres?|kilometers?|km|miles?|mi|minutes?|mins?|hours?|hrs?|days?|weeks?|"
                        r"months?|sessions?|classes|class|lessons?|people|persons?|pages?|books?|laps?|steps?|kg)\b", re.I)


@dataclass(frozen=True)
class Fact:
    """One piece of a post's news: its ``kind`` (see KINDS), the words the post used, and its canonical keys: a
    text keeps the fact when it carries any one of them (empty for places and events, which are matched by their
    characters)."""

    kind: str
    text: str
    keys: frozenset[str] = frozenset()

    def label(self, lang: str) -> str:
        return KINDS[self.kind][lang == "en"]


# A reading: where a fact is, the fact, and the keys its words give a text that has them. These can be more than
# the fact's own keys: "这周六" gives "周六" (w:6) and "本周" (s:week:this), "4月15日" gives "15号" (day:15).
Reading = tuple[int, int, Fact, frozenset[str]]


def _normal(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _number(word: str) -> float | None:
    """12, "十二", "二十", "两", "一百二" (120), "一百零五", "两万" as a number; None when it is not one, as
    "五一" (May Day, or the 五 of "两块五一斤") and "一两" ("one or two") are not."""
    if re.fullmatch(r"\d+(?:\.\d+)?", word):
        return float(word)
    if not _CN_WELL.fullmatch(word) or word[0] in "百千万":
        return None
    total, current, last_unit = 0, 0, 0
    for ch in word:
        if ch in _CN:
            current = _CN[ch]
            if ch in "零〇":
                last_unit = 0  # "一百零五": what follows is units
        else:
            unit = _CN_UNIT[ch]
            if unit == 10000:
                total, current = (total + current) * unit, 0
            else:
                total += (current or 1) * unit
                current = 0
            last_unit = unit
    if current and last_unit >= 100 and not word.endswith(tuple(_CN_UNIT)) and word[-2] in _CN_UNIT:
        current *= last_unit // 10  # "一百二" is 120, "三千五" 3500
    return float(total + current)


def _int(word: str) -> int:
    n = _number(word)
    return int(n) if n is not None else -1


def _fmt(n: float) -> str:
    return str(int(n)) if n == int(n) else str(n)


def _reading(start: int, end: int, kind: str, text: str, keys: set[str], gives: set[str] | None = None) -> Reading:
    """A reading of a fact with ``keys`` whose words give a text ``gives`` (just its keys when not given)."""
    return start, end, Fact(kind, text.strip(), frozenset(keys)), frozenset(keys if gives is None else gives)


def _date_keys(month: int | None, day: int, implied: bool, year: int | None = None) -> tuple[set[str], set[str]]:
    """The keys a date needs and the ones it gives. A date with its month (written or carried from the date
    before) needs that (month, day); a day whose month the post left to context is also kept by the same day
    written alone ("15号"), but never by the day in another month. A date with a year (written or carried) needs
    the (month, day) with that year or with none: a rewrite may leave out the year, not change it."""
    if month is None:
        return {f"day:{day}"}, {f"day:{day}", f"dayonly:{day}"}
    md = f"{month}-{day}"
    given = {f"d:{md}", f"day:{day}", f"d:{year or '*'}-{md}"}
    needed = {f"d:{year}-{md}", f"d:*-{md}"} if year else {f"d:{md}"}
    return (needed | {f"dayonly:{day}"} if implied else needed), given


def _week_keys(day: str, week: str) -> tuple[set[str], set[str]]:
    """A weekday ("3", "weekend") in a week ("this", "next", "next2", "last", or "" when unsaid, the coming one):
    the keys it needs, and the ones it gives. An unsaid week is this week, so this week's weekday gives the bare
    day ("本周六" keeps a post's "周六") and another week's does not ("下周六" is another day than "周六")."""
    key = f"w:{day}" + (f":{week}" if week else "")
    this = week in ("", "this")
    gives = {key, f"w:{day}:{week or 'this'}", f"s:week:{week or 'this'}"} | ({f"w:{day}"} if this else set())
    if day == "weekend":
        gives |= {f"w:{n}" + (f":{week}" if week else "") for n in (6, 7)} | ({"w:6", "w:7"} if this else set())
    return {key}, gives


def _dates(text: str, lang_en: bool, loose: bool, context: dict, today: dt.date) -> list[Reading]:
    """Every date. ``context`` holds the last (month, day) read and its year, carried from one text to the next: a
    day written alone after a date takes its month and year ("2026年8月1日至7日", "4月10日开始报名,15号截止")
    when it ends a range that starts with that date, or comes later in the same month, and the date before it
    does not end a range; otherwise it stays a day alone ("10月1日到7日…作业30号发": September's or October's).
    今年/明年/去年 before a date are years counted from ``today``'s."""
    out: list[Reading] = []
    last_end = -1
    for m in _ZH_DATE.finditer(text):
        ranged = bool(last_end >= 0 and _RANGE.fullmatch(text[last_end:m.start()] or "x"))  # "…至" before it
        implied, year = False, m["iy"] or m["y"] or m["uy"]
        year = int(year) if year else today.year + _RELATIVE_YEAR[m["ry"]] if m["ry"] else None
        if m["im"]:
            month, day = int(m["im"]), int(m["id"])
        elif m["um"]:
            month, day = int(m["um"]), int(m["ud"])
            if month > 12 >= day:
                month, day = day, month  # 14/6/2026 is day, month, year
        elif m["m"]:
            month, day = _int(m["m"]), _int(m["d"])
        elif m["sm"]:
            month, day = int(m["sm"]), int(m["sd"])
        elif m["dm"]:
            month, day = int(m["dm"]), int(m["dd"])
        else:
            if not m["bd"].isdigit() and not (loose or m["bu"] == "号"):
                continue  # "三日", "一日三餐": a Chinese numeral alone is a day of the month only before 号
            month, day, implied, year = context.get("month"), _int(m["bd"]), True, context.get("year")
            if month and ranged:
                if day < context.get("day", 0):
                    month = month % 12 + 1  # "4月28日至5日": the range runs into May
                    year = year + 1 if year and month == 1 else year  # "2026年12月28日至3日": into 2027
            elif month and (context.get("ranged") or day < context.get("day", 0)):
                month = year = None  # "10月1日到7日…30号发", "4月10日…5号": the month is not said
            if month and day > calendar.monthrange(year or 2024, month)[1]:
                month = year = None  # "2月10日开始,30号截止": not February's
        if not (1 <= day <= 31 and (month is None or 1 <= month <= 12)):
            continue
        context.update(month=month, day=day, year=year, ranged=ranged)
        last_end = m.end()
        keys, gives = _date_keys(month, day, implied, year)
        words = m[0] + (m["mto"] or m["bto"] or "")  # the first day of "3到5号" is named "3到5号", not "3"
        out.append(_reading(m.start(), m.end(), "date", words, keys, gives))
    named: list[tuple[re.Match, str, str, bool]] = []  # (words, weekday or "weekend", its week, no week said)
    for m in _ZH_WEEKDAY.finditer(text):
        prefix = m[1] or ""
        if _PER_WEEK.match(text, m.end()) and (prefix.startswith("每") or re.search(r"[\d一两二三四]$", text[:m.start()])):
            continue  # "每周三次", "一周三天": three times, three days a week ("周六场", "下周三期中考试" are days)
        named.append((m, str(_WEEKDAYS[m[2]]), _WEEK["下下" if prefix.startswith("下下") else prefix[:1]], not prefix))
    for m in _ZH_WEEKEND.finditer(text):
        prefix = m[1] or ""
        named.append((m, "weekend", _WEEK["下下" if prefix.startswith("下下") else prefix[:1]], not prefix))
    for m in _WORKDAYS.finditer(text):
        out.append(_reading(m.start(), m.end(), "date", m[0], {"w:workdays"}, {"w:workdays"} | {f"w:{n}" for n in range(1, 6)}))
    for m in _ZH_SPAN.finditer(text):
        if m[3]:
            key = f"s:{m[3]}"
        else:
            which = "next2" if m[1].startswith("下下") else {"下": "next", "本": "this", "这": "this", "上": "last"}[m[1][0]]
            key = f"s:{'month' if m[2] == '月' else 'week'}:{which}"
        out.append(_reading(m.start(), m.end(), "date", m[0], {key}))
    for m in _ZH_DAY.finditer(text):
        out.append(_reading(m.start(), m.end(), "date", m[0], {f"r:{_RELATIVE[m[0][0]]}"}))
    for m in _EN_DATE.finditer(text):
        day, month, year = ((int(m[1]), _MONTHS[m[2].lower()], m[3]) if m[1]
                            else (int(m[5]), _MONTHS[m[4].lower()], m[6]))
        if 1 <= day <= 31:
            out.append(_reading(m.start(), m.end(), "date", m[0], *_date_keys(month, day, False, int(year) if year else None)))
    for m in _EN_WEEKDAY.finditer(text):
        if not lang_en and not m[1]:
            continue  # "Sat" inside a Chinese post is rarely the day
        week = {"next": "next", "this": "this"}.get((m[1] or "").strip().lower(), "")
        named.append((m, str(_EN_WEEKDAYS[m[2].lower()]), week, not m[1]))
    for m in _EN_DAY.finditer(text):
        w = m[1].lower()
        if "weekend" in w:
            named.append((m, "weekend", "next" if "next" in w else "", w == "weekend"))
        else:
            out.append(_reading(m.start(), m.end(), "date", m[0], {"r:1" if w == "tomorrow" else "r:0"}))
    # A weekday alone after the same one of a named week is that week's: "下周六爬山,周六早上8点集合" (and the
    # 周六 of "下周末露营,周六出发"), carried from one text to the next as the month of a day alone is.
    weeks = context.setdefault("weeks", {})
    for m, day, week, bare in sorted(named, key=lambda n: n[0].start()):
        if bare:
            week = weeks.get(day, week)
        elif week and week != "last":  # 上周六的活动很成功,周六继续: the next 周六 is not last week's
            weeks.update({day: week} if day != "weekend" else {"weekend": week, "6": week, "7": week})
        out.append(_reading(m.start(), m.end(), "date", m[0], *_week_keys(day, week)))
    return out


@dataclass(frozen=True)
class Clock:
    """A clock time in a text: where its words are, and when it is, in minutes from the start of the day the text is
    posted on. A post is read on its day, so the time it names is one still ahead: midnight (晚上12点, 凌晨0点,
    0点, 24:00, midnight) is the one that ends the day, 1440, and the small hours it names (晚上1点, 半夜两点,
    凌晨3点, 3 am) are those of the night after it (晚上1点 is 1500), up to 5 o'clock: 凌晨6点 is the day's morning,
    as 早上6点 and 6 am are; 今天凌晨 is the night before. ``either_half``: no part of the day was said and the hour
    could be before or after noon ("7点半" and "at 7" are 7:30 or 19:30, 7:00 or 19:00)."""

    start: int
    end: int
    text: str
    minutes: int
    either_half: bool = False

    def of_day(self) -> set[int]:
        """The time as minutes after midnight, whatever the day: both halves of the day when either is meant."""
        return {self.minutes % 1440} | ({(self.minutes + 720) % 1440} if self.either_half else set())


def _clock(hour: int, minute: int, period: str | None) -> tuple[int, bool] | None:
    """Minutes from the start of the day (see :class:`Clock`) and whether either half of the day is meant.
    晚上/夜里/半夜 run from 5 p.m. to 4 a.m. (晚上12点 is midnight, 晚上1点 one in the morning); 中午 is noon to
    5 p.m.; 凌晨 is the small hours after the day until 6 o'clock, which is the day's morning (the line 12 am to 5 am
    draw too); a morning (早上, 上午…) leaves the hour as it is."""
    if not 0 <= hour <= 24 or not 0 <= minute < 60:
        return None
    either = not period and 1 <= hour <= 12
    night = period in _EVENING or period == "凌晨"
    if hour in (0, 24) or (night and hour == 12):
        hour = 24  # the midnight that ends the day: the one that began it is over before the post goes up
    elif period in _AFTERNOON and hour < 12:
        hour += 12
    elif period == "中午" and hour < 6:
        hour += 12
    elif period in _EVENING and 5 <= hour < 12:
        hour += 12
    elif night and hour < (6 if period == "凌晨" else 12):
        hour += 24  # 晚上1点, 凌晨3点: the small hours of the night after the day (凌晨6点 is its morning, as 6 am)
    return hour * 60 + minute, either


def _en_int(words: str) -> int:
    """7, "seven", "forty-five", "oh five", "a quarter" as a number."""
    if words.isdigit():
        return int(words)
    return sum(_EN_NUMBER.get(w, 0) for w in re.split(r"[\s-]+", words.lower()))


def _en_ampm(hour: int, minute: int, half: str) -> int:
    """Minutes from the start of the day (see :class:`Clock`) of a 12-hour time with a.m. or p.m. ("a"/"p")."""
    hour = hour % 12 + (12 if half.lower() == "p" else 0)
    return (hour + 24 if hour < 6 else hour) * 60 + minute  # 12 am to 5 am: the night after


def _en_clocks(text: str) -> list[Clock]:
    """The English clock times of ``text`` but its ranges (see :func:`clock_times`, which drops a reading inside
    another: "9:30" in "9:30 am")."""
    out: list[Clock] = []
    for m in _EN_AMPM.finditer(text):
        hour, minute = _en_int(m[1] or m[3]), _en_int(m[2] or m[4] or "0")
        if 1 <= hour <= 12 and minute < 60:
            out.append(Clock(m.start(), m.end(), m[0], _en_ampm(hour, minute, m[5])))
    for m in _EN_COLON.finditer(text):
        when = _clock(int(m[1]), int(m[2]), None)
        if when:
            out.append(Clock(m.start(), m.end(), m[0], *when))
    for m in _EN_NOON.finditer(text):
        out.append(Clock(m.start(), m.end(), m[0], 1440 if m[1].lower() == "midnight" else 720))
    for m in _EN_OCLOCK.finditer(text):
        hour = _en_int(m[1])
        if 1 <= hour <= 12:
            out.append(Clock(m.start(), m.end(), m[0], *_clock(hour, 0, None)))  # either half, as a bare 7点
    for m in _EN_PAST.finditer(text):
        minutes, way, hour, half = _en_int(m[1]), m[3].lower(), _en_int(m[4]), m[5]
        if not (1 <= hour <= 12 and 1 <= minutes < 60) or (m[1].lower() == "half" and way != "past"):
            continue
        # "ten to eight", but "seven to nine" is a range: minutes before the hour come in fives or say "minutes"
        if way != "past" and (m[1].isdigit() or not (m[2] or "quarter" in m[1].lower() or minutes in (5, 10, 20, 25))
                              or not ("quarter" in m[1].lower() or half or _EN_TO_LEAD.search(_before(text, m.start())))):
            continue
        if way in ("to", "till"):
            hour, minutes = hour - 1 or 12, 60 - minutes
        when = (_en_ampm(hour, minutes, half), False) if half else _clock(hour, minutes, None)
        out.append(Clock(m.start(), m.end(), m[0], *when))
    for m in _EN_PREP.finditer(text):
        hour = _en_int(m[3] or m[5])
        if m[4]:
            when = _clock(hour, int(m[4]), None)
            if when and hour < 24 and _en_dotted_time(text, m.start(), m.start(3), m.end()):
                out.append(Clock(m.start(), m.end(), m[0], *when))
            continue
        minute = 30 if m[2] else _en_int(m[6] or "0")
        if not (1 <= hour <= 12 and _EN_FOLLOW.match(text, m.end())) or (m[2] and m[6]) \
                or (hour == 1 and m[5] and re.match(r"\s+with\b", text[m.end():], re.I)):
            continue  # "at one with the hills" is no hour
        if m[5] and not (m[2] or m[6]) and m[1].lower() == "at" and not _en_word_hour_marked(text, m.start(), m.end()):
            continue  # "walking at one", "at one on this": see _EN_TIMETABLE
        out.append(Clock(m.start(), m.end(), m[0], *_clock(hour, minute, None)))  # either half, as a bare 7点
    for m in _EN_DOT_WHEN.finditer(text):
        when = _clock(int(m[1]), int(m[2]), None)
        if when and int(m[1]) < 24 and not _EN_PRICE_BEFORE.search(_before(text, m.start())):
            out.append(Clock(m.start(), m.end(), m[0], *when))
    return out


def _en_ranges(text: str) -> list[Clock]:
    """Both ends of each English range of hours (see _EN_RANGE). An end whose half of the day is unsaid takes the
    other's: the first is the latest time before the second ("7-9pm" is 7 to 9 p.m., "11-1pm" 11 a.m. to 1 p.m.,
    "9-5pm" 9 a.m. to 5 p.m.), the second the earliest after the first ("7pm-9" is 9 p.m.); with neither half said
    each end stands for both halves, as a bare hour does. 12 am/pm at the end says no half ("10-12am" is written
    for the morning until noon, "10-12pm" for that or the evening until midnight): the first end is then read as a
    bare hour, and the second is the first 12 o'clock after it."""
    out: list[Clock] = []
    for m in _EN_RANGE.finditer(text):
        sep, lead = m["sep"].lower(), (m["lead"] or "").lower()
        if (sep == "and") != (lead == "between"):
            continue
        ends = []
        for p in "ab":
            if m[f"{p}n"]:
                ends.append((1440 if m[f"{p}n"].lower() == "midnight" else 720, False))
                continue
            hour, minute = _en_int(m[f"{p}h"]), int(m[f"{p}m"] or 0)
            if m[f"{p}ap"]:
                ends.append((_en_ampm(hour, minute, m[f"{p}ap"]), False) if 1 <= hour <= 12 and minute < 60 else None)
            else:
                ends.append(_clock(hour, minute, None) if hour < 24 else None)
        if None in ends:
            continue
        (a, a_either), (b, b_either) = ends
        if m["bap"] and _en_int(m["bh"]) == 12:
            # 12 am/pm ending a range says no half of the day: "10-12am" and "10-12pm" are both written for the
            # morning until noon (12 as the morning's last hour, or 12pm as noon), and "10-12pm" for the evening
            # until midnight. The end is the first 12 o'clock after the start ("10pm-12am", "10am-12am" until
            # noon); a start without its own am/pm is read as a bare hour (the part of the day the post says,
            # else as dates.time_in reads one: "Open 10-12am" at 10 a.m.), and the end with it.
            twelve = 720 + int(m["bm"] or 0)
            b, b_either = (twelve, True) if a_either else (a + (twelve - a) % 720, False)
        said = any(m[f"{p}ap"] or m[f"{p}s"] == ":" or m[f"{p}n"] for p in "ab") or m["oc"]
        dotted = "." in (m["as"] or "") + (m["bs"] or "")
        a_start = m.start("ah") if m["ah"] else m.start("an")
        if _EN_PRICE_BEFORE.search(_before(text, a_start)) or _EN_PRICE_AFTER.match(text, m.end()):
            continue
        if not said:
            if not all(m[f"{p}s"] or 1 <= _en_int(m[f"{p}h"]) <= 12 for p in "ab"):
                continue  # "13-15" alone is no pair of hours, as "at 18" is none
            follows = _EN_FOLLOW.match(text, m.end())
            day = _EN_DAY_BEFORE.search(_before(text, a_start))
            if not ((day and follows) or (lead and _EN_RANGE_WHEN.match(text, m.end()))
                    or (sep in ("till", "until", "til", "'til") and follows)):
                continue
            if dotted and not day and not _en_dotted_time(text, a_start, a_start, m.end()):
                continue
        part = _EN_PART_AFTER.match(text, m.end())
        if a_either and b_either and part:  # "from 7 to 9 in the evening": both ends'
            period = _EN_PART[(part[1] or part[2] or part[3]).lower()]
            (a, a_either), (b, b_either) = _clock(a // 60, a % 60, period), _clock(b // 60, b % 60, period)
        if a_either and not b_either:
            a, a_either = b - (b - a) % 720, False
        elif b_either and not a_either:
            b, b_either = a + (b - a) % 720, False
        if a % 720 == b % 720:
            continue  # "tied at 7-7" is no range
        a_end = max(m.end(g) for g in ("ah", "am", "aap", "an") if m[g])
        bare = not (m["am"] or m["aap"] or m["an"])  # "7" of "7-9pm" is named by the range's words
        out.append(Clock(a_start, a_end, text[a_start:m.end() if bare else a_end].strip(), a, a_either))
        b_start = m.start("bh") if m["bh"] else m.start("bn")
        out.append(Clock(b_start, m.end(), text[b_start:m.end()].strip(), b, b_either))
    return out


def _en_word_hour_marked(text: str, start: int, end: int) -> bool:
    """Whether "at" and an hour in words at ``start:end`` are marked as a time (see _EN_TIMETABLE)."""
    if _EN_RANGE_WHEN.match(text, end) or _EN_PART_AFTER.match(text, end) or _EN_DAY_BEFORE.search(_before(text, start)):
        return True
    # its sentence, as far as a few dozen words either way: a longer look would grow with the text
    stops, days = _en_marks(text)
    i = bisect.bisect_right(stops, start)
    lo = max(stops[i - 1] if i else 0, start - 160)
    hi = min(stops[i] if i < len(stops) else len(text), end + 160)
    j = bisect.bisect_left(days, lo)
    if j < len(days) and days[j] < hi:
        return True
    words = re.findall(r"[a-z][a-z'-]*", _before(text, start).lower())
    while words and words[-1] in _EN_OBJECT:
        words.pop()
    if not (words and words[-1] in _EN_TIMETABLE):
        return False
    clause = re.split(r"[,;:]", text[lo:start])[-1] + re.split(r"[,;:]", text[end:hi])[0]
    return not _EN_MONEY.search(clause)


@functools.lru_cache(maxsize=8)
def _en_marks(text: str) -> tuple[list[int], list[int]]:
    """Where sentences end (see _EN_SENTENCE_END) and where words of the day are (see _EN_DAY_WORDS), once per text."""
    return [m.start() for m in _EN_SENTENCE_END.finditer(text)], [m.start() for m in _EN_DAY_WORDS.finditer(text)]


def _en_dotted_time(text: str, lead: int, start: int, end: int) -> bool:
    """Whether the number with a point at ``start:end`` (after a time word at ``lead``: "at 7.30") is a time rather
    than a price (see _EN_PRICE_BEFORE)."""
    if _EN_PRICE_BEFORE.search(_before(text, start)) or _EN_PRICE_AFTER.match(text, end):
        return False
    if _EN_WHEN_AFTER.match(text, end) or _EN_DAY_BEFORE.search(_before(text, lead)):
        return True
    starts, ends = _clause_ends(text)
    i = bisect.bisect_right(ends, start)
    clause_start = max(ends[i - 1] if i else 0, start - 200)  # a clause with no mark to end it: its nearer words
    j = bisect.bisect_left(starts, end)
    clause = text[clause_start:min(starts[j] if j < len(starts) else len(text), end + 200)]
    return bool(_EN_FOLLOW_DOT.match(text, end)) and not _EN_MONEY.search(clause)


def _before(text: str, at: int) -> str:
    """The few words before ``at``: what is looked at there (a currency, a day, "at") is short, and a look over
    the whole text before each number would take time growing with its square."""
    return text[max(0, at - 40):at]


@functools.lru_cache(maxsize=8)
def _clause_ends(text: str) -> tuple[list[int], list[int]]:
    """Where each mark that ends a clause starts and ends (see _EN_CLAUSE_END), once per text."""
    found = list(_EN_CLAUSE_END.finditer(text))
    return [m.start() for m in found], [m.end() for m in found]


def clock_times(text: str) -> list[Clock]:
    """Every clock time in ``text``, in order ("晚上7点", "19:30", "七点二十", "7pm", "at 7", "noon"); the second hour
    of a range takes the first one's part of the day ("晚上7点到9点"), and a first hour without its 点 is read by
    the one after ("晚上7-9点"). 7.30 is a time after a part of the day ("今晚7.30", and so the 9.30 of
    "晚上7.30-9.30"); alone it is as often 30 July or a number. A Chinese numeral is an hour only with a part
    of the day or minutes after it ("一点" alone is "a little"), or when it is 零点 (not 零点五, a number). 午夜 and
    零点 alone are midnight, the one that ends the day as 晚上12点 is ("午夜开抢", "零点开抢"). A digit hour and 点
    counting the points of a list is none ("以下3点", "第3点", "3点建议": see _POINTS_BEFORE). An English hour alone,
    in digits or words, is one after "at", "until" or "till" or before o'clock (see _EN_AT): "at 7", "until nine",
    and "at seven" when something marks it as a time (see _EN_TIMETABLE: "see you at one", not "at one on this"); so
    are "half past six", "a quarter to eight", "seven thirty pm" and the British "at half six".
    "at 7.30" is a time or a price by the words around it (see _EN_PRICE_BEFORE). An English range of hours
    ("7-9pm", "from 7 until 9") is read at both ends when something says it is one (see _EN_RANGE)."""
    text = _normal(text)
    out: list[Clock] = []
    last_end, last_period = -1, None
    for m in _ZH_TIME.finditer(text):
        period, word = m[1], m[4]
        if not period and last_end >= 0 and _RANGE.fullmatch(text[last_end:m.start()] or "x"):
            period = last_period  # "晚上7点到9点": the second hour is in the evening too (and 晚上七点到九点's 九点 a time)
        if word and not word.isdigit() and not (period or m[5]) \
                and not (word in ("零", "〇") and not _NUMERAL_NEXT.match(text, m.end())):
            continue  # "一点" is "a little", "两点" two points: a Chinese numeral is a time only with a part of the day
        if m[2] and not period and "." in m[0]:
            continue  # "7.30-9.30" with no part of the day: dates (30 July) or numbers as often as times
        if word and word.isdigit() and not (period or m[5]) and _points(text, m.start(4), m.end()):
            continue  # "以下3点", "3点建议": the points of a list
        if m[2]:
            hour, minute = int(m[2]), int(m[3])
        else:
            hour = _int(word)
            minute = {"半": 30, "一刻": 15, "三刻": 45, "整": 0, "钟": 0}.get(m[5] or "整")
            if minute is None:
                minute = _int(m[6] or m[7] or m[8])
        when = _clock(hour, minute, period)
        if when:
            minutes, either = when
            if period == "凌晨" and minutes >= 1440 and re.search(r"(?:今天|今日)\s*$", text[:m.start()]):
                minutes -= 1440  # 今天凌晨3点: the night before
            start = m.start() + len(m[0]) - len(m[0].lstrip())
            out.append(Clock(start, m.end(), (m[0] + (m[9] or "")).strip(), minutes, either))
        last_end, last_period = m.end(), period
    for m in _MIDNIGHT.finditer(text):
        out.append(Clock(m.start(), m.end(), m[0], 1440))
    out += _en_clocks(text)
    # "9:30" inside "9:30 am" is part of it; "20:30" is read by both patterns (the first reading stays). In order of
    # start, longest first, a clock is inside another when one before it reaches as far.
    kept, reach = [], -1
    for i in sorted(range(len(out)), key=lambda i: (out[i].start, -out[i].end, i)):
        if out[i].end > reach:
            kept.append(out[i])
        reach = max(reach, out[i].end)
    out = kept
    out.sort(key=lambda c: c.start)
    starts, dropped, ends = [c.start for c in out], set(), []
    for end in _en_ranges(text):
        # an end read already stays, unless the range says its half of the day ("7:30" of "7:30-9:30pm"). A
        # clock's words are short: those that can overlap this end start shortly before it.
        clash = [i for i in range(bisect.bisect_left(starts, end.start - 64), bisect.bisect_left(starts, end.end))
                 if out[i].end > end.start]
        if clash and all(end.either_half or not out[i].either_half for i in clash) \
                and not _TWELVE_END.fullmatch(end.text):  # "12am" ending "10-12am" is read by the range
            continue
        dropped.update(clash)
        ends.append(end)
    out = [c for i, c in enumerate(out) if i not in dropped] + ends
    return sorted((_en_part(text, c) for c in out), key=lambda c: c.start)


def _points(text: str, start: int, end: int) -> bool:
    """Whether the number and 点 at ``start:end`` count the points of a list (see _POINTS_BEFORE)."""
    before = _before(text, start)
    return bool(_POINTS_BEFORE.search(before) or _POINTS_AFTER.match(text, end)
                or (_POINTS_SAID.search(before) and _CLAUSE_AFTER.match(text, end)))


def _en_part(text: str, clock: Clock) -> Clock:
    """``clock`` with the part of the day said right after it, when it has none of its own (see _EN_PART_AFTER)."""
    m = _EN_PART_AFTER.match(text, clock.end)
    if not (clock.either_half and m):
        return clock
    hour, minute = divmod(clock.minutes, 60)
    return Clock(clock.start, clock.end, clock.text, *_clock(hour, minute, _EN_PART[(m[1] or m[2] or m[3]).lower()]))


def _times(text: str) -> list[Reading]:
    return [_reading(c.start, c.end, "time", c.text, {f"t:{n}" for n in c.of_day()}) for c in clock_times(text)]


def _places_and_events(text: str) -> list[Reading]:
    out: list[Reading] = []
    for m in _ZH_PLACE.finditer(text):
        name = (m[1] or m[2] or "").strip(" 的")
        if m[2]:
            name = re.split(r"\s", name)[0]
        to_end = m[1] and not re.match(_PLACE_VERB, text[m.end(1):])
        if to_end and not _PLACE_END.search(name):
            continue
        if len(name) >= 2 and not _NOT_PLACE.search(name) and not _ZH_TIME.search(name) \
                and not any(not d["bd"] for d in _ZH_DATE.finditer(name)):  # "和平路108号" is an address, not a day
            start = m.start(1) if m[1] else m.start(2)
            out.append((start, start + len(name), Fact("place", name), frozenset()))
    for m in _EN_PLACE.finditer(text):
        name = re.sub(r"(?:\s+(?:of|on|de))+$", "", m[1])
        if not _EN_NOT_PLACE.match(name):
            out.append((m.start(1), m.start(1) + len(name), Fact("place", name), frozenset()))
    for m in _ZH_EVENT.finditer(text):
        name = m[1]
        if not _NOT_EVENT.match(name):
            out.append((m.start(1), m.end(1), Fact("event", name), frozenset()))
    return out


def _amounts(text: str, loose: bool) -> list[Reading]:
    out: list[Reading] = []
    for m in _ZH_AMOUNT.finditer(text):
        unit, half = m["unit"], m["half"]
        if m["n"] or m["c"]:
            n = _number(m["n"] or m["c"])
            if n is None or (m["c"] == "一" and not loose and not half and unit not in _ONE_UNITS):
                continue
            if m["c"] and re.search(r"(?:周|星期|礼拜)$", text[:m.start()]) \
                    and not re.search(r"(?:每个?|[\d一两二三])(?:周|星期|礼拜)$", text[:m.start()]):
                continue  # the 三 of "周三天气好" is Wednesday's; "每周三天" is three days a week
        elif half == "半":
            n = 0.0  # "半小时"
        else:
            continue
        if half:
            if unit not in _HALVES:
                continue
            n += 0.5
        if n:
            dim, size = _UNITS[unit]
            reading = _amount_range(text, m.start(), m.end(), n, size, dim, lambda u, unit=unit: u in ("", unit))
            if reading:
                out.append(reading)
    for m in _EN_AMOUNT.finditer(text):
        word = m[2].lower()
        dim, size = next(u for w, u in sorted(_EN_UNITS.items(), key=lambda x: -len(x[0])) if word.startswith(w))
        reading = _amount_range(text, m.start(), m.end(), float(m[1]), size, dim,
                                lambda u, word=word: u == "" or word.startswith(u.lower()))
        if reading:
            out.append(reading)
    return out


def _amount_range(text: str, start: int, end: int, n: float, size: float, dim: str, same_unit) -> Reading | None:
    """The amount ``n`` at ``start:end``, or the range it ends ("7-9岁": one reading from the 7), or None when it is an
    ordinal (第3节, 第3-4节); see _AMOUNT_FROM."""
    before = text[max(0, start - 20):start]  # a number, a short unit and 到 reach no further
    m = _AMOUNT_FROM.search(before)
    lo = _number(m["n"] or m["c"]) if m and same_unit(m["unit"]) else None
    if lo is not None and lo < n:
        first = start - len(before) + m.start()
        if _ORDINAL.search(_before(text, first)):
            return None
        return _reading(first, end, "amount", text[first:end], {f"a:{_fmt(lo * size)}-{_fmt(n * size)}{dim}"})
    if _ORDINAL.search(before):
        return None
    return _reading(start, end, "amount", text[start:end], {f"a:{_fmt(n * size)}{dim}"})


def _read(text: str, lang: str, loose: bool = False, context: dict | None = None,
          today: dt.date | None = None) -> list[Reading]:
    """The readings of ``text`` in order. ``loose``: a rewrite's, where more writings count (see the module's
    doc); ``context``: what the texts before this one said (the month a day alone belongs to); ``today``: the
    day 今年 and 明年 count from (the real one when not given)."""
    text = _normal(text)
    found = (_dates(text, lang == "en", loose, {} if context is None else context, today or dt.date.today())
             + _times(text)
             + _places_and_events(text) + _amounts(text, loose))
    # A fact inside a longer one of its kind is part of it ("9:30" in "9:30 am", "周五" in "周一到周五"), and so is
    # anything inside a place or an event's name ("周末" in "周末读书会"); a day inside a time is a fact of its own
    # ("明晚" in "明晚8点": the day and the hour can each be kept or lost).
    # One sweep in order of start, longest first (a look over all the others for each would grow with the
    # square of a long post's facts): a reading is inside another when one before it of its kind, or a place or
    # an event, reaches as far; readings over the same span do not hide each other, so each span's group is
    # looked at before it is added.
    order = sorted(range(len(found)), key=lambda i: (found[i][0], -found[i][1]))
    reach: dict[str, int] = {}
    inside: set[int] = set()
    for _, group in itertools.groupby(order, key=lambda i: found[i][:2]):
        group = list(group)
        for i in group:
            start, end, fact, _ = found[i]
            if max(reach.get(fact.kind, -1), reach.get("place", -1), reach.get("event", -1)) >= end:
                inside.add(i)
        for i in group:
            kind = found[i][2].kind
            reach[kind] = max(reach.get(kind, -1), found[i][1])
    kept = [r for i, r in enumerate(found) if i not in inside]
    return sorted(kept, key=lambda x: x[0])


def days_in(text: str, day: dt.date) -> list[tuple[int, int, bool]]:
    """Where ``text`` names a day (start and end), in order, and whether it is ``day`` (the day a post goes up):
    今天/今晚, its date (12月5日, 2026-12-05, 5号), its weekday alone or in its own week (周五, 本周五, 每周五,
    Friday) or its weekend; 明天, another date, 下周五 and 下周 are other days. What names no one day (本周, 月底)
    is left out."""
    text = _normal(text)
    lang = "zh" if re.search(r"[\u4e00-\u9fff]", text) else "en"
    out = []
    for start, end, fact, _ in _read(text, lang, today=day):  # 今年/明年 count from the post's day
        if fact.kind == "date":
            same = _names_day(fact.keys, day)
            if same is not None:
                out.append((start, end, same))
    return out


def _names_day(keys: frozenset[str], day: dt.date) -> bool | None:
    """Whether a date's keys (see :func:`_date_keys`, :func:`_week_keys`) name ``day``; None when they name no
    one day. A weekday whose week is unsaid is taken in the day's own week: a post's 周五 is that week's Friday."""
    for key in sorted(keys):  # "d:2026-4-10" before "d:*-4-10", "d:4-15" before "dayonly:15"
        kind, _, value = key.partition(":")
        if kind == "r":
            return int(value) == 0
        if kind == "d" and not value.startswith("*"):
            parts = [int(n) for n in value.split("-")]
            return tuple(parts) == ((day.year, day.month, day.day) if len(parts) == 3 else (day.month, day.day))
        if kind == "day":
            return int(value) == day.day
        if kind == "w":
            which, _, week = value.partition(":")
            if week not in ("", "this"):
                return False
            weekday = day.isoweekday()
            return (weekday >= 6 if which == "weekend" else weekday <= 5 if which == "workdays"
                    else int(which) == weekday)
        if kind == "s":
            return False if value.endswith((":next", ":next2", ":last")) else None
    return None


def facts_in(texts: list[str] | str, lang: str = "zh", today: dt.date | None = None) -> list[Fact]:
    """The facts of a post's news, in order, each once (``texts``: the kept clauses of an offline rewrite;
    ``today``: the day the post goes up, which 今年 and 明年 count from; the real one when not given)."""
    seen, out, context = set(), [], {}
    for text in [texts] if isinstance(texts, str) else texts:
        for _, _, fact, _ in _read(text, lang, context=context, today=today):
            ident = (fact.kind, fact.keys or fact.text)
            if ident not in seen:
                seen.add(ident)
                out.append(fact)
    return out


def _pairs(s: str) -> set[str]:
    s = re.sub(r"[\s的之]", "", s.lower())
    return {s[i:i + 2] for i in range(len(s) - 1)} or {s}


def _form(fact: Fact) -> str | None:
    """How a date or time is written, as far as comparing two of them goes: a date with its month ("md"), a day
    alone, a weekday ("w"), a day counted from today ("r"), a week or month ("s"), a clock time ("t")."""
    kinds = {key.partition(":")[0] for key in fact.keys}
    return next((k for k in ("d", "day", "w", "r", "s", "t") if k in kinds), None)


def _gives(fact: Fact, lang: str, today: dt.date | None) -> frozenset[str]:
    """What the words of a post's fact give a text that has them ("本周末" gives 周六 and 周日)."""
    return frozenset().union(*(keys for _, _, f, keys in _read(fact.text, lang, today=today) if f.kind == fact.kind),
                             fact.keys)


def _seed(facts: list[Fact]) -> dict:
    """The context a rewrite is read in: the post's one month, for a rewrite's "15号" (until it names a month)."""
    months = {key.split(":")[1].split("-")[-2] for f in facts for key in f.keys if key.startswith("d:")}
    return {"month": int(months.pop()), "day": 0} if len(months) == 1 else {}


def missing(facts: list[Fact], text: str, lang: str = "zh", today: dt.date | None = None) -> list[Fact]:
    """The facts ``text`` does not carry, in any of their writings. A date, time or amount is kept by a writing
    of the same value (never by the same characters inside another: "9:30" is not in "19:30"); a place or an
    event's name by its words, or most of their character pairs.

    A text must not change the news either, and one that names the post's date and another beside it ("4月10日"
    and "改到4月12日") may have. So when ``text`` names a date or time the post has none of, written the same way
    (a month and day, a weekday, a clock time…) while every one of the post's of that way is kept, those of the
    post count as not carried: which one the new value replaces cannot be told. A day alone in ``text`` ("15号")
    is in the month of the post's dates when they are all in one. ``today``: see :func:`facts_in`."""
    norm = _normal(text)
    seed = _seed(facts)
    gives: set[str] = set()
    for _, _, _, keys in _read(norm, lang, loose=True, context=dict(seed), today=today):
        gives |= keys
    flat = re.sub(r"\s+", "", norm).lower()
    out = []
    for fact in facts:
        if fact.keys:
            if not fact.keys & gives:
                out.append(fact)
            continue
        if re.sub(r"\s+", "", _normal(fact.text)).lower() in flat:
            continue
        have = _pairs(fact.text)
        if len(have & _pairs(norm)) < max(1, round(len(have) * 2 / 3)):
            out.append(fact)
    for _, _, new, new_gives in _read(norm, lang, context=dict(seed), today=today):
        if new.kind not in ("date", "time") or not new.keys:
            continue
        if any(f.keys & new_gives for f in facts):
            continue  # one of the post's, perhaps written more fully ("9月30日" for "30号")
        same_way = [f for f in facts if f.kind == new.kind and _form(f) == _form(new)]
        if not same_way or any(f in out for f in same_way):
            continue  # nothing of the kind to change, or the value that was lost is what this one replaced
        if not any(new.keys & _gives(f, lang, today) for f in same_way):
            out.extend(same_way)
    return sorted(out, key=facts.index)


# The day, week and month a post is read in: a rewrite's "今天" or "这周" alone adds no date to it.
_NOW = ({"r:0"}, {"s:week:this"}, {"s:month:this"})


def added(post: str, text: str, lang: str = "zh", today: dt.date | None = None) -> list[Fact]:
    """The dates, times, amounts and places ``text`` (a rewrite of ``post``) names that the post never gave, in
    order, each once: "4月12日" beside the post's "4月10日", "19:30" for its "上午9:30", a place of its own. A
    writing of one of the post's values is not one ("明晚" for "明天晚上", "9月30日" for "30号", "周六" for
    "本周末"), nor a place most of whose character pairs the post has ("滨江公园东门" in a post of "滨江公园"), nor
    今天/today, 这周 or 这个月 alone (the day, week and month every post is read in: "今天在群里说说", "这周大家读了
    什么" name no news; 这周六, 下周 and 月底 do). Read as strictly as the post is (see :func:`facts_in`), so "美好的
    一天" is no amount. ``today``: see :func:`facts_in`."""
    facts = facts_in(post, lang, today)
    given: set[str] = set().union(*(_gives(f, lang, today) for f in facts))
    post_norm = _normal(post)
    flat, pairs = re.sub(r"\s+", "", post_norm).lower(), _pairs(post_norm)
    out, seen = [], set()
    for _, _, new, new_gives in _read(_normal(text), lang, context=_seed(facts), today=today):
        if new.kind in ("date", "time", "amount") and new.keys:
            if new.keys in _NOW or new.keys & given or any(f.keys & new_gives for f in facts):
                continue
        elif new.kind == "place":
            have = _pairs(new.text)
            if re.sub(r"\s+", "", new.text).lower() in flat or len(have & pairs) >= max(1, round(len(have) * 2 / 3)):
                continue
        else:
            continue  # an event's name is reworded too freely to tell a new one from the post's
        ident = (new.kind, new.keys or new.text)
        if ident not in seen:
            seen.add(ident)
            out.append(new)
    return out
