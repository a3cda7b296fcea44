"""Reading a post's news (dates, times, places, event names, amounts) and whether another text still carries it."""
import datetime as dt

import pytest

from assistant.news import added, facts_in, missing


def _facts(text, lang="zh"):
    return [(f.kind, f.text) for f in facts_in([text], lang)]


@pytest.mark.parametrize("text, expected", [
    ("茶馆下周三晚上在二楼包间办一场普洱品鉴会", [("date", "下周三"), ("place", "二楼包间"), ("event", "普洱品鉴会")]),
    ("本周日早上6点半在奥森南门集合跑10公里", [("date", "本周日"), ("time", "早上6点半"), ("place", "奥森南门"),
                                              ("amount", "10公里")]),
    ("驾校新开了夜间练车班,周一到周五晚上7点到9点", [("event", "夜间练车班"), ("date", "周一到周五"), ("time", "晚上7点"),
                                                ("time", "9点")]),
    ("今天打卡,多跑了一点点,心情好一点", [("date", "今天")]),  # "一点" is "a little", not one o'clock
    ("帮我在朋友圈点个赞好吗", []),  # no verb after it and no place-like ending: not a place
    ("为庆祝开业三周年,我这有几张演唱会门票", []),
    # 开始 and 开学 are "start", not 开 (hold) an event: the weekday inside stays a date
    ("下周六开始每周六上课", [("date", "下周六"), ("date", "每周六")]),
    ("开学第一周周五开家长会", [("date", "周五"), ("event", "家长会")]),
    ("周六下午开学习班", [("date", "周六"), ("event", "学习班")]),  # 学习, 学术: 开 still holds the event
    ("我们的店在阳光花园小区门口,早上7点到晚上9点营业", [("place", "阳光花园小区门口"), ("time", "早上7点"), ("time", "晚上9点")]),
    ("Join our 5 km fun run on March 3rd at 9:30 am in Riverside Park", [("amount", "5 km"), ("date", "March 3rd"),
                                                                         ("time", "9:30 am"), ("place", "Riverside Park")]),
    ("We're launching a new guided hike on Saturday 14 June at Bear Ridge", [("date", "Saturday"), ("date", "14 June"),
                                                                            ("place", "Bear Ridge")]),
])
def test_facts_are_read(text, expected):
    lang = "en" if text[:2].isascii() else "zh"
    assert _facts(text, lang) == expected


@pytest.mark.parametrize("original, rewrite, lost", [
    ("4月10日起在苗圃东门现场发放", "4月10号起,苗圃东门发苗", []),
    ("4月10日起在苗圃东门现场发放", "四月十日在苗圃的东门发放", []),
    ("4月10日起在苗圃东门现场发放", "下个月在苗圃东门发放", ["4月10日"]),
    ("周一到周五晚上7点到9点", "工作日 19:00-21:00", []),
    ("周一到周五晚上7点到9点", "周一到周五晚上7点", ["9点"]),
    ("茶馆下周三晚上在二楼包间办一场普洱品鉴会", "下周三晚上,二楼的包间里有一场普洱茶品鉴会", []),
    ("茶馆下周三晚上在二楼包间办一场普洱品鉴会", "周三晚上二楼包间普洱品鉴", ["下周三"]),  # next week's, not this week's
    ("本周日早上6点半在奥森南门集合跑10公里", "这周日6:30奥森南门集合,一起跑十公里", []),
    ("本周日早上6点半在奥森南门集合跑10公里", "周日早上在奥森集合跑步", ["早上6点半", "奥森南门", "10公里"]),
    ("Guided hike on Saturday 14 June at Bear Ridge", "Join our guided hike on Sat, June 14th at Bear Ridge!", []),
    ("Guided hike on Saturday 14 June at Bear Ridge", "A guided hike soon at bear ridge", ["Saturday", "14 June"]),
    # An English hour alone is a time after "at" or before o'clock, either half of the day as a bare 7点; a number
    # after "at" that goes on to a unit, a count, a price or a range is not one.
    ("Book club at 7 in the library", "Book club at 7 pm in the library", []),
    ("Book club at 7 in the library", "Book club at 7:00 in the library", []),
    ("Book club at 7 in the library", "Book club at 8 in the library", ["at 7"]),
    ("Book club at 7 in the library", "Book club in the library", ["at 7"]),
    ("Book club at 7 in the evening", "Book club at 19:00", []),
    ("Book club at 7 in the evening", "Book club at 7", []),  # a rewrite's bare hour may be either half
    ("Book club at 7 in the evening", "Book club at 7 am", ["at 7"]),  # ... but not the other one
    ("Book club at 6 after work", "Book club at 6 pm after work", []),
    ("Book club at 7 o'clock", "Book club at 19:00", []),
    ("Walk at 5 km an hour, we meet at 3 locations", "Walk at 5 km an hour", []),
    ("Tickets at 7.50 each", "Tickets for everyone", []),
])
def test_a_fact_written_another_way_is_kept(original, rewrite, lost):
    lang = "en" if original[:2].isascii() else "zh"
    assert [f.text for f in missing(facts_in([original], lang), rewrite, lang)] == lost


def test_prices_are_not_facts_to_keep():
    assert all(f.kind != "amount" for f in facts_in(["秒杀价每棵1元,满200减50,8折", "30% off, $20 each"]))


# Each piece of news is compared as a value: a good paraphrase keeps it, a different date or time (however close
# its characters) loses it. Rows come in pairs or more per concept: the same original, rewritten well and wrongly.
PARAPHRASES = [
    # relative days: 明天晚上 and 明晚 are the same day and part of the day
    ("明天晚上8点在社区活动室集合", "明晚8点,社区活动室集合", []),
    ("明天晚上8点在社区活动室集合", "明晚20:00社区活动室见", []),
    ("明天晚上8点在社区活动室集合", "后天晚上8点社区活动室集合", ["明天"]),
    ("明晚8点在社区活动室集合", "明天晚上8点社区活动室集合", []),
    ("明晚8点在社区活动室集合", "今晚8点社区活动室集合", ["明晚"]),
    ("今晚8点在社区活动室集合", "今天晚上8点社区活动室集合", []),
    ("大后天上午10点在社区活动室集合", "后天上午10点社区活动室集合", ["大后天"]),
    # durations: Chinese numerals or digits, hours or minutes
    ("讲座1小时,在社区活动室", "讲座一小时,社区活动室", []),
    ("讲座一小时,在社区活动室", "讲座1个小时,社区活动室", []),
    ("讲座1小时,在社区活动室", "讲座60分钟,社区活动室", []),
    ("讲座1小时,在社区活动室", "讲座两小时,社区活动室", ["1小时"]),
    ("讲座一个半小时,在社区活动室", "讲座90分钟,社区活动室", []),
    ("讲座半小时,在社区活动室", "讲座1小时,社区活动室", ["半小时"]),
    ("今天跑十一公里", "今天跑11公里", []),
    ("今天跑十一公里", "今天跑1公里", ["十一公里"]),
    # a range whose second date leaves the month to the first
    ("8月1日至8月7日在图书馆有绘本展览", "8月1日到7日,图书馆绘本展览", []),
    ("8月1日至8月7日在图书馆有绘本展览", "8月1日到9日,图书馆绘本展览", ["8月7日"]),
    ("8月1日至7日在图书馆有绘本展览", "8月1日至8月7日,图书馆绘本展览", []),
    ("8月1日至7日在图书馆有绘本展览", "8月1日至9月7日,图书馆绘本展览", ["7日"]),
    ("8月1-7日在图书馆有绘本展览", "8月1日到8月7日,图书馆绘本展览", []),
    ("4月28日至5日在图书馆有绘本展览", "4月28日到5月5日,图书馆绘本展览", []),  # the range runs into May
    ("4月28日至5日在图书馆有绘本展览", "4月28日到4月5日,图书馆绘本展览", ["5日"]),
    ("4月10日开始报名,15号截止", "4月10日起报名,4月15日截止", []),
    ("4月10日开始报名,15号截止", "4月10日起报名,5月15日截止", ["15号"]),
    # 每周三次 is how often, not Wednesday; 每周三晚上 is Wednesday
    ("健身房每周三次团课", "健身房一周三次团课", []),
    ("健身房每周三次团课", "健身房每周3次团课", []),
    ("健身房每周三次团课", "健身房每周两次团课", ["三次"]),
    ("钢琴班每周三晚上上课", "钢琴班每周三晚上课", []),
    ("钢琴班每周三晚上上课", "钢琴班每周四晚上课", ["每周三"]),
    # midnight and noon: 晚上12点 is midnight
    ("跨年活动晚上12点开始", "跨年活动午夜0点开始", []),
    ("跨年活动晚上12点开始", "跨年活动凌晨0点开始", []),
    ("跨年活动晚上12点开始", "跨年活动24:00开始", []),
    ("跨年活动晚上12点开始", "跨年活动中午12点开始", ["晚上12点"]),
    ("跨年活动晚上12点开始", "跨年活动午夜开始", []),  # 午夜 alone is midnight, and so is 零点
    ("跨年活动零点开始", "跨年活动午夜开始", []),
    ("跨年活动午夜开始", "跨年活动晚上12点开始", []),
    ("跨年活动午夜开始", "跨年活动中午12点开始", ["午夜"]),
    ("跨年活动零点开始", "跨年活动12点开始", []),  # a bare 12点 may be either
    ("跨年活动零点开始", "跨年活动晚上11点开始", ["零点"]),
    ("午餐会中午12点开始", "午餐会12:00开始", []),
    ("午餐会中午12点开始", "午餐会晚上12点开始", ["中午12点"]),
    ("夜钓晚上1点出发", "夜钓凌晨1点出发", []),  # 晚上1点 is one in the morning, not 13:00
    ("夜钓晚上1点出发", "夜钓下午1点出发", ["晚上1点"]),
    # a value is not kept by the same characters inside another
    ("9:30在南门集合", "19:30在南门集合", ["9:30"]),
    ("9:30在南门集合", "上午9:30南门集合", []),
    ("9:30在南门集合", "9点半南门集合", []),
    ("1月1日在南门集合", "11月1日南门集合", ["1月1日"]),
    ("1月1日在南门集合", "1月11日南门集合", ["1月1日"]),
    ("1月1日在南门集合", "一月一号南门集合", []),
    ("晚上7点到9点", "晚上7点到早上9点", ["9点"]),  # the second hour of an evening range is in the evening
    # a day of the month alone, and ISO dates
    ("15号在南门集合", "15日南门集合", []),
    ("15号在南门集合", "十五号南门集合", []),
    ("15号在南门集合", "4月15日南门集合", []),
    ("15号在南门集合", "16号南门集合", ["15号"]),
    ("15号在南门集合", "5号南门集合", ["15号"]),
    ("2026-04-10在南门集合", "4月10日南门集合", []),
    ("2026-04-10在南门集合", "2026年4月10日南门集合", []),
    ("2026-04-10在南门集合", "4月11日南门集合", ["2026-04-10"]),
    ("2026/4/10在南门集合", "4月10号南门集合", []),
    ("2026/4/10在南门集合", "2026/4/11南门集合", ["2026/4/10"]),
    ("3号到5号在南门集合", "3日至5日南门集合", []),
    ("3号到5号在南门集合", "3日至6日南门集合", ["5号"]),
    ("3到5号在南门集合", "3号到5号南门集合", []),
    ("3到5号在南门集合", "4号到5号南门集合", ["3到5号"]),
    ("12.5号在南门集合", "12月5日南门集合", []),
    ("12.5号在南门集合", "12月15日南门集合", ["12.5号"]),
    ("12.5(周六)在南门集合", "12月5日周六南门集合", []),
    # clock times as owners write them
    ("周三晚7点半在南门集合", "周三19:30南门集合", []),
    ("周三晚7点半在南门集合", "周三晚上七点半南门集合", []),
    ("周三晚7点半在南门集合", "周三19:00南门集合", ["晚7点半"]),
    ("7点半在南门集合", "19:30南门集合", []),
    ("7点半在南门集合", "早上7:30南门集合", []),
    ("7点半在南门集合", "8:30南门集合", ["7点半"]),
    ("19点30分在南门集合", "晚上7点半南门集合", []),
    ("19点30分在南门集合", "早上7点半南门集合", ["19点30分"]),
    ("晚上七点二十在南门集合", "19:20南门集合", []),
    ("周五三点半在南门集合", "周五15:30南门集合", []),  # the 三 is the hour's, the 五 Friday's
    ("周五三点半在南门集合", "周五16:30南门集合", ["三点半"]),
    # weeks: 下周六 is not this week's
    ("下周六在南门集合", "下个周六南门集合", []),
    ("下周六在南门集合", "下星期六南门集合", []),
    ("下周六在南门集合", "这周六南门集合", ["下周六"]),
    ("下下周六在南门集合", "下周六南门集合", ["下下周六"]),
    ("本周六在南门集合", "这周六南门集合", []),
    ("本周六在南门集合", "周六南门集合", []),
    ("本周六在南门集合", "下周六南门集合", ["本周六"]),
    ("本周末在南门集合", "下周末南门集合", ["本周末"]),
]


# A weekday with no week said is this week's: 本周六 and 这周六 keep a post's 周六, 下周六 (or 下下, 上) does not, nor
# does 下周末 keep its 周末 (and the other way round). A weekday alone after the same one of a named week is that
# week's ("下周六爬山,周六早上8点集合"), in the post and in the rewrite.
WEEKS = [
    ("周六在南门集合", "本周六南门集合", []),
    ("周六在南门集合", "这周六南门集合", []),
    ("周六在南门集合", "这个周六南门集合", []),
    ("周六在南门集合", "下周六南门集合", ["周六"]),
    ("周六在南门集合", "下个周六南门集合", ["周六"]),
    ("周六在南门集合", "下下周六南门集合", ["周六"]),
    ("周六在南门集合", "上周六南门集合", ["周六"]),
    ("星期六在南门集合", "下星期六南门集合", ["星期六"]),
    ("下周六在南门集合", "周六南门集合", ["下周六"]),
    ("下周六在南门集合", "本周六南门集合", ["下周六"]),
    ("这周六在南门集合", "下周六南门集合", ["这周六"]),
    ("这周六在南门集合", "周六南门集合", []),
    ("周末在南门集合", "本周末南门集合", []),
    ("周末在南门集合", "下周末南门集合", ["周末"]),
    ("周六在南门集合", "下周末南门集合", ["周六"]),
    ("下周六爬山,周六早上8点在南门集合", "下周六早上8点南门集合,一起爬山", []),
    ("下周六爬山,周六早上8点在南门集合", "下周六爬山,周六早上8点南门集合", []),
    ("周六爬山,早上8点在南门集合", "下周六爬山,周六早上8点南门集合", ["周六"]),
    ("下周末去露营,周六早上8点在南门集合", "下周末露营,下周六早上8点南门集合", []),
    # ... but a past week is not carried: the next 周六 is this week's, and 上周末 is not this weekend
    ("上周六的读书会很成功,周六下午3点继续", "上周六的读书会很成功,本周六下午3点继续", []),
    ("周末在南门集合", "上周末南门集合", ["周末"]),
    ("Guided hike on Saturday at Bear Ridge", "Guided hike this Saturday at Bear Ridge", []),
    ("Guided hike on Saturday at Bear Ridge", "Guided hike next Saturday at Bear Ridge", ["Saturday"]),
    ("Guided hike next Saturday at Bear Ridge", "Guided hike on Saturday at Bear Ridge", ["next Saturday"]),
]


@pytest.mark.parametrize("original, rewrite, lost", WEEKS)
def test_a_weekday_of_another_week_is_another_day(original, rewrite, lost):
    lang = "en" if original.startswith("Guided") else "zh"
    assert [f.text for f in missing(facts_in([original], lang), rewrite, lang)] == lost


# A year is compared when both texts state one; leaving a stated year out is fine, changing it is not.
YEARS = [
    ("2026年4月10日在南门集合", "2026年4月10日南门集合", []),
    ("2026年4月10日在南门集合", "4月10日南门集合", []),
    ("2026年4月10日在南门集合", "2027年4月10日南门集合", ["2026年4月10日"]),
    ("2026年4月10日在南门集合", "2026年4月11日南门集合", ["2026年4月10日"]),
    ("2026-04-10在南门集合", "2026/4/10南门集合", []),
    ("2026-04-10在南门集合", "2026年4月10号南门集合", []),
    ("2026-04-10在南门集合", "2027-04-10南门集合", ["2026-04-10"]),
    ("2026-04-10在南门集合", "2027年4月10日南门集合", ["2026-04-10"]),
    ("4月10日在南门集合", "2027年4月10日南门集合", []),  # the post states no year: there is none to compare
    # a day alone after a dated day takes its year too, and a range into January the next one
    ("2026年8月1日至7日在图书馆有绘本展览", "8月1日至7日,图书馆绘本展览", []),
    ("2026年8月1日至7日在图书馆有绘本展览", "2026年8月1日到8月7日,图书馆绘本展览", []),
    ("2026年8月1日至7日在图书馆有绘本展览", "2027年8月1日至7日,图书馆绘本展览", ["2026年8月1日", "7日"]),
    ("2026年12月28日至3日在南门集合", "2026年12月28日至2027年1月3日南门集合", []),
    ("2026年12月28日至3日在南门集合", "2026年12月28日至2026年1月3日南门集合", ["3日"]),
    ("Guided hike on June 14, 2026 at Bear Ridge", "Guided hike on 14 June 2026 at Bear Ridge", []),
    ("Guided hike on June 14, 2026 at Bear Ridge", "Guided hike on June 14th at Bear Ridge", []),
    ("Guided hike on June 14, 2026 at Bear Ridge", "Guided hike on June 14, 2027 at Bear Ridge", ["June 14, 2026"]),
]


@pytest.mark.parametrize("original, rewrite, lost", YEARS)
def test_a_stated_year_is_compared(original, rewrite, lost):
    lang = "en" if original.startswith("Guided") else "zh"
    assert [f.text for f in missing(facts_in([original], lang), rewrite, lang)] == lost


# 今年/明年 count from the day the post goes up; 4/10/2026 is month, day, year (day first when it cannot be a month).
POSTED = dt.date(2026, 3, 1)
RELATIVE_YEARS = [
    ("今年4月10日在南门集合", "2026年4月10日南门集合", []),
    ("今年4月10日在南门集合", "4月10日南门集合", []),
    ("今年4月10日在南门集合", "2027年4月10日南门集合", ["今年4月10日"]),
    ("2026年4月10日在南门集合", "明年4月10日南门集合", ["2026年4月10日"]),
    ("2027年4月10日在南门集合", "明年4月10日南门集合", []),
    ("明年4月10日在南门集合", "今年4月10日南门集合", ["明年4月10日"]),
    ("2025年4月10日开的店", "去年4月10日开的店", []),
    ("4/10/2026在南门集合", "2026年4月10日南门集合", []),
    ("4/10/2026在南门集合", "4月10日南门集合", []),
    ("4/10/2026在南门集合", "4/10/2027南门集合", ["4/10/2026"]),
    ("4/10/2026在南门集合", "4月11日南门集合", ["4/10/2026"]),
    ("14/6/2026在南门集合", "6月14日南门集合", []),
    ("14/6/2026在南门集合", "6月15日南门集合", ["14/6/2026"]),
]


@pytest.mark.parametrize("original, rewrite, lost", RELATIVE_YEARS)
def test_relative_and_slashed_years_are_compared(original, rewrite, lost):
    assert [f.text for f in missing(facts_in([original], today=POSTED), rewrite, today=POSTED)] == lost


# A rewrite that names the post's date or time and another one written the same way beside it may have changed
# it: the post's ones of that way count as lost. Another way of saying the same day, or a weekday added to a date,
# is no change; a value already lost is what the new one replaced, and only it is named.
REPLACED = [
    ("4月10日在南门集合", "4月10日南门集合,改到4月12日", ["4月10日"]),
    ("4月10日在南门集合", "原定4月10日,现改为4月17日,南门集合", ["4月10日"]),
    ("4月10日在南门集合", "4月10日(周五)南门集合", []),
    ("4月10日开始报名,15号截止", "4月10日起报名,4月15日截止,4月20日公布名单", ["4月10日", "15号"]),
    ("本周六在南门集合", "本周六南门集合,周日也可以", ["本周六"]),
    ("本周末在南门集合", "本周末(周六)南门集合", []),
    ("本周末在南门集合", "本周末南门集合,下周一补课", ["本周末"]),  # a day the post never named
    ("周六晚上7点在南门集合", "周六19:00南门集合(晚上7点)", []),
    ("周六晚上7点在南门集合", "周六晚上7点南门集合,8点出发", ["晚上7点"]),
    ("明晚8点在社区活动室集合", "明晚8点社区活动室集合,后天晚上还有一场", ["明晚"]),
    ("8月1日至8月7日在图书馆有绘本展览", "8月1日至7日,图书馆绘本展览", []),
    ("8月1日至8月7日在图书馆有绘本展览", "8月1日到9日,图书馆绘本展览", ["8月7日"]),
]


@pytest.mark.parametrize("original, rewrite, lost", REPLACED)
def test_a_value_named_beside_the_posts_own_is_a_change(original, rewrite, lost):
    assert [f.text for f in missing(facts_in([original]), rewrite)] == lost


# The values a rewrite writes that the post never gave: what the model made up, to name in the retry note. Another
# writing of the post's own value is none of them, nor 今天, 这周 or 这个月 alone, nor a place the post names more briefly.
ADDED = [
    ("4月10日在南门集合", "4月10日南门集合,改到4月12日", ["4月12日"]),
    ("明天晚上8点在社区活动室集合", "后天晚上8点社区活动室集合", ["后天"]),
    ("周六晚上7点在南门集合", "周六19:00南门集合(晚上7点)", []),
    ("周六晚上7点在南门集合", "周六晚上7点南门集合,8点出发", ["8点"]),
    ("本周末在南门集合", "周六南门集合", []),
    ("8月1日至8月7日在图书馆有绘本展览", "8月1日到17日,图书馆绘本展览", ["17日"]),
    ("4月10日开始报名,15号截止", "4月10日起报名,4月15日截止", []),
    ("下周六上午9:30在滨江公园有户外体验课,课程1小时", "下个周六早上9点半,滨江公园东门有一节户外瑜伽体验课,一小时左右",
     []),
    ("新到一批番茄苗,4月10日起在苗圃东门现场发放", "新到一批番茄苗,4月10日起在人民公园现场发放,10公里内送到",
     ["人民公园", "10公里"]),
    ("8月1日在图书馆有绘本展览", "8月1日图书馆有绘本展览,今天在群里说说你的想法,祝大家有美好的一天", []),
    ("8月1日在图书馆有绘本展览", "8月1日图书馆有绘本展览,这周大家读了什么绘本?这个月读了几本?", []),  # the week read in
    ("8月1日在图书馆有绘本展览", "8月1日图书馆有绘本展览,这周六再办一场,月底还有一场", ["这周六", "月底"]),
]


# English hours in words are read as the same hours in digits: "at seven" (either half, as "at 7"), "half past six",
# "a quarter to eight", "seven thirty pm", "until four", the British "at half seven" (7:30).
ENGLISH_WORD_TIMES = [
    ("Choir practice at seven in the church hall", "Choir practice at 7 pm in the church hall", []),
    ("Choir practice at seven in the church hall", "Choir practice at 19:00 in the church hall", []),
    ("Choir practice at seven in the church hall", "Choir practice at eight in the church hall", ["at seven"]),
    ("Choir practice at seven in the church hall", "Choir practice in the church hall", ["at seven"]),
    ("Doors open at half past six", "Doors open at 6:30", []),
    ("Doors open at half past six", "Doors open at 6.30 pm", []),
    ("Doors open at half past six", "Doors open at half past seven", ["half past six"]),
    ("Doors open at half past six", "Doors open at six", ["half past six"]),
    ("Pickup at a quarter to eight tomorrow", "Pickup at 7:45 tomorrow", []),
    ("Pickup at a quarter to eight tomorrow", "Pickup at 8:15 tomorrow", ["a quarter to eight"]),
    ("Meet at five past seven", "Meet at 7:05", []),
    ("Meet at ten to eight", "Meet at 7:50", []),
    ("Meet at ten to eight", "Meet at 8:10", ["ten to eight"]),
    ("Quiz at seven thirty", "Quiz at 7:30 pm", []),
    ("Quiz at seven thirty", "Quiz at seven", ["at seven thirty"]),
    ("Quiz at half seven.", "Quiz at 7:30.", []),
    ("Quiz at half seven.", "Quiz at 6:30.", ["at half seven"]),
    ("Bake sale until four on Saturday", "Bake sale until 4 pm on Saturday", []),
    ("Bake sale until four on Saturday", "Bake sale until 5 on Saturday", ["until four"]),
    ("Open day from nine am", "Open day from 9:00", []),
    ("Open day from nine am", "Open day from 9 pm", ["nine am"]),
]


@pytest.mark.parametrize("original, rewrite, lost", ENGLISH_WORD_TIMES)
def test_an_english_hour_in_words(original, rewrite, lost):
    assert [f.text for f in missing(facts_in([original], "en"), rewrite, "en")] == lost


# Number words that are no times: a count after "at", an idiom, a score, a price, "one to one".
@pytest.mark.parametrize("text", [
    "We meet at three locations across town",
    "Feeling at one with the hills all day",
    "Our one to one coaching starts soon",
    "We won ten to eight against the visitors",
    "Buy one, get one at half price",
    "Seats at five pounds each",
    "Ten minutes of stretching, two sets",
])
def test_english_number_words_that_are_no_times(text):
    assert [f for f in facts_in([text], "en") if f.kind == "time"] == []


# A point between hour and minutes ("at 7.30", British) is a time or a price by the words around it: a currency, or
# "each", "per", "off", "a head" after it, make a price; a part of the day after it or a day before it make a time;
# with neither, it is a time where a whole hour would be one (after "at", before what ends the clause or says where)
# unless the clause speaks of money ("Tickets at 7.50.").
DOTTED_TIMES = [
    ("Quiz night at 7.30 in the Crown", "Quiz night at 7:30 pm in the Crown", []),
    ("Quiz night at 7.30 in the Crown", "Quiz night at half past seven in the Crown", []),
    ("Quiz night at 7.30 in the Crown", "Quiz night at 8.30 in the Crown", ["at 7.30"]),
    ("Quiz night at 7.30 in the Crown", "Quiz night in the Crown", ["at 7.30"]),
    ("Carols on Friday at 6.45", "Carols on Friday at 18:45", []),
    ("Carols on Friday at 6.45", "Carols on Friday at 6.15", ["at 6.45"]),
    ("Swim club at 19.30 sharp", "Swim club at 7.30 pm sharp", []),
    ("Swim club at 19.30 sharp", "Swim club at 7.30 am sharp", ["at 19.30"]),
    ("Doors open at 7.15, bring a torch", "Doors open at 7:15, bring a torch", []),
]


@pytest.mark.parametrize("original, rewrite, lost", DOTTED_TIMES)
def test_a_time_with_a_point_is_compared_as_one(original, rewrite, lost):
    assert [f.text for f in missing(facts_in([original], "en"), rewrite, "en")] == lost


@pytest.mark.parametrize("text, times", [
    ("Meet at 7.30.", ["at 7.30"]),
    ("Harvest supper tonight at 6.30", ["at 6.30"]),  # a day before it
    ("Mass at 10.30 on Sunday", ["at 10.30"]),
    ("Lantern walk 5.45 this evening", ["5.45"]),  # a part of the day after it, with no "at"
    ("Pay what you can, doors at 7.30", ["at 7.30"]),  # the money is another clause's
    ("Tickets at 7.50 each", []),
    ("Tickets at 7.50.", []),  # the clause speaks of money
    ("Doors at 7.30, tickets at 7.50.", ["at 7.30"]),
    ("Soup of the day at 4.50 a bowl", []),
    ("Scarves reduced at 9.99", []),  # no 99th minute
    ("Entry at £5.30 tonight", []),
    ("Lunch deal at 12.50.", []),
    ("Cream tea at 6.40 for two", []),  # "for" says nothing either way
    ("Loans at 4.25% for members", []),
    ("Walk at 5.5 km an hour", []),
])
def test_a_number_with_a_point_is_a_time_or_a_price_by_its_words(text, times):
    assert [f.text for f in facts_in([text], "en") if f.kind == "time"] == times


# A range of hours is two facts, its ends: a rewrite that keeps both, however written, keeps it; one that changes an
# end loses that end. A part of the day said once is both ends' ("晚上7-9点"); an end with no 点 of its own is named
# by the range's words, as the 3 of "3到5号" is.
TIME_RANGES_ZH = [
    ("读书会晚上7-9点在茶室", "读书会19:00-21:00在茶室", []),
    ("读书会晚上7-9点在茶室", "读书会晚上7点到9点在茶室", []),
    ("读书会晚上7-9点在茶室", "读书会晚7点至晚9点在茶室", []),
    ("读书会晚上7-9点在茶室", "读书会晚上7点到10点在茶室", ["9点"]),
    ("读书会晚上7-9点在茶室", "读书会晚上8-9点在茶室", ["晚上7-9点"]),
    ("读书会晚上7-9点在茶室", "读书会早上7-9点在茶室", ["晚上7-9点", "9点"]),
    ("读书会晚上七点到九点在茶室", "读书会19:00至21:00在茶室", []),
    ("读书会晚上七点到九点在茶室", "读书会晚上七点在茶室", ["九点"]),  # 九点 takes the range's 晚上
    ("读书会晚上七到九点在茶室", "读书会晚上7-9点在茶室", []),
    ("书法课7点-9点在二楼", "书法课19:00-21:00在二楼", []),  # no part of the day: either half, each end
    ("书法课7点-9点在二楼", "书法课7:00-9:00在二楼", []),
    ("书法课7点-9点在二楼", "书法课7点-8点在二楼", ["9点"]),
    ("书法课19:00-21:00在二楼", "书法课晚上7-9点在二楼", []),
    ("书法课19:00-21:00在二楼", "书法课晚上7点到8点半在二楼", ["21:00"]),
    ("今晚7.30-9.30直播", "今晚19:30到21:30直播", []),  # a point between hour and minutes, after a part of the day
    ("今晚7.30-9.30直播", "今晚7点半到10点直播", ["9.30"]),
    ("凌晨1-3点看流星雨", "凌晨1点到3点看流星雨", []),
    ("凌晨1-3点看流星雨", "下午1点到3点看流星雨", ["凌晨1-3点", "3点"]),
    ("读书会晚上7-9点在茶室", "读书会7-9pm在茶室", []),  # English beside Chinese
]


@pytest.mark.parametrize("original, rewrite, lost", TIME_RANGES_ZH)
def test_a_range_of_hours_is_kept_by_both_ends(original, rewrite, lost):
    assert [f.text for f in missing(facts_in([original]), rewrite)] == lost


# In English the am/pm after a range is both ends' ("7-9pm"): the first end is the latest time before the second
# ("11-1pm" is 11 a.m. to 1 p.m.). Numbers joined so are a range of hours only when something says so: a time
# written as one at either end, "until"/"till" between them, a day right before them, or after "from"/"between" a
# day or part of the day after them.
TIME_RANGES_EN = [
    ("Pottery class 7-9pm in the studio", "Pottery class 7pm–9pm in the studio", []),
    ("Pottery class 7-9pm in the studio", "Pottery class 19:00-21:00 in the studio", []),
    ("Pottery class 7-9pm in the studio", "Pottery class from 7 to 9 pm in the studio", []),
    ("Pottery class 7-9pm in the studio", "Pottery class seven to nine pm in the studio", []),
    ("Pottery class 7-9pm in the studio", "Pottery class 7-10pm in the studio", ["9pm"]),
    ("Pottery class 7-9pm in the studio", "Pottery class 8-9pm in the studio", ["7-9pm"]),
    ("Pottery class 7-9pm in the studio", "Pottery class 7am-9pm in the studio", ["7-9pm"]),  # the pm is both ends
    ("Pottery class 7-9pm in the studio", "Pottery class 9pm in the studio", ["7-9pm"]),
    ("Pottery class 19:00–21:00 in the studio", "Pottery class 7 to 9 pm in the studio", []),
    ("Pottery class 19:00–21:00 in the studio", "Pottery class 7 to 9 am in the studio", ["19:00", "21:00"]),
    ("Brunch 11-1pm at the Mill", "Brunch 11am to 1pm at the Mill", []),
    ("Brunch 11-1pm at the Mill", "Brunch 11pm to 1pm at the Mill", ["11-1pm"]),
    ("Late swim 10pm-12", "Late swim 22:00 to midnight", []),  # the second end is the earliest after the first
    ("Surgery open from 7 until 9", "Surgery open 7:00-9:00", []),  # no half said: either, each end
    ("Surgery open from 7 until 9", "Surgery open from 7 until 10", ["until 9"]),
    ("Bell ringing between 7 and 9 tonight", "Bell ringing from 7pm to 9pm tonight", []),
    ("Helpline between 9 and 5 on weekdays", "Helpline 9am-5pm on weekdays", []),
    ("Helpline between 9 and 5 on weekdays", "Helpline weekdays 9-6", ["5"]),
    ("Chess club Tuesdays 7.30-9.30", "Chess club Tuesdays 19:30 to 21:30", []),
    ("Chess club Tuesdays 7.30-9.30", "Chess club Tuesdays 7.30-10", ["9.30"]),
    ("Quiz 7.30-9.30pm", "Quiz 19:30-21:30", []),
    ("Quiz 7.30-9.30pm", "Quiz 7:30-9:30am", ["7.30", "9.30pm"]),
    # 12 am/pm ending a range says no half: "10-12am" is kept by the morning until noon (see news._en_ranges)
    ("Open 10-12am", "Open 10am to noon", []), ("Open 10-12am", "Open 10:00-12:00", []),
    ("Open 10-12am", "Open 10-11am", ["12am"]), ("Late bar 10pm-12am", "Late bar 10pm to midnight", []),
]


@pytest.mark.parametrize("original, rewrite, lost", TIME_RANGES_EN)
def test_an_english_range_of_hours_is_kept_by_both_ends(original, rewrite, lost):
    assert [f.text for f in missing(facts_in([original], "en"), rewrite, "en")] == lost


# Numbers joined by a dash, "to" or "and" that are no hours: scores, pages, sizes, ages, counts, prices, distances.
@pytest.mark.parametrize("text", [
    "We won 7-9 on Saturday",
    "Great match, lost 2-1 at home",
    "Tied at 7-7.",
    "Read pages 7-9 before class",
    "Shoe sizes 7-9 in stock",
    "Kids aged from 7 to 9.",
    "Ages 7 to 9, Saturdays",
    "Between 7 and 9 people signed up",
    "Jumpers £7-9 today",
    "Candles 3.50-4.50 each",
    "3-5 km walk on Friday",
    "Open 24-7",
])
def test_numbers_joined_that_are_no_hours(text):
    assert [f.text for f in facts_in([text], "en") if f.kind == "time"] == []


@pytest.mark.parametrize("original, rewrite, extra", ADDED)
def test_the_values_a_rewrite_adds_are_named(original, rewrite, extra):
    assert [f.text for f in added(original, rewrite)] == extra


@pytest.mark.parametrize("original, rewrite, lost", PARAPHRASES)
def test_news_is_compared_by_value(original, rewrite, lost):
    assert [f.text for f in missing(facts_in([original]), rewrite)] == lost


def test_a_day_alone_takes_the_month_of_the_clause_before():
    """The offline rewrite's kept clauses are read in turn: "15号" in the second is in the first one's April."""
    facts = facts_in(["4月10日开始报名,", "15号截止"])
    assert missing(facts, "4月10日起报名,15号截止") == []
    assert [f.text for f in missing(facts, "4月10日起报名,5月15日截止")] == ["15号"]


# A day alone takes the month of the date before it only when that is sure: it ends a range from that date, or
# comes later in the month after a date that ends no range. Otherwise it is a day alone, kept by that day in any
# month; and a rewrite's day alone is in the month of the post's dates when they are all in one.
LONE_DAYS = [
    ("4月10日开始报名,15号截止", "15号", {"d:4-15", "dayonly:15"}),
    ("4月28日至5日在图书馆", "5日", {"d:5-5", "dayonly:5"}),  # the range runs into May
    ("10月1日到7日放假,作业30号发", "30号", {"day:30"}),  # after a range: September's or October's
    ("8月1日至7日有展览,20号颁奖", "20号", {"day:20"}),
    ("4月10日活动,5号先报名", "5号", {"day:5"}),  # earlier than the date before
    ("2月10日开始,30号截止", "30号", {"day:30"}),  # no February 30th
    ("2026年2月10日开始,29号截止", "29号", {"day:29"}),  # nor a 29th in 2026
    ("2028年2月10日开始,29号截止", "29号", {"d:2028-2-29", "d:*-2-29", "dayonly:29"}),
]


@pytest.mark.parametrize("text, day, keys", LONE_DAYS)
def test_a_day_alone_takes_a_month_only_when_it_is_sure(text, day, keys):
    (fact,) = [f for f in facts_in([text]) if f.text == day]
    assert fact.keys == frozenset(keys)


LONE_DAY_REWRITES = [
    ("10月1日到7日放假,作业30号发", "10月1日到7日放假,作业9月30日发", []),
    ("10月1日到7日放假,作业30号发", "10月1日到7日放假,作业30号发", []),
    ("10月1日到7日放假,作业30号发", "10月1日到7日放假,作业29号发", ["30号"]),
    ("4月15日在南门集合", "15号南门集合", []),  # the post's only month
    ("4月15日在南门集合", "16号南门集合", ["4月15日"]),
    ("4月15日在南门集合", "5月15日南门集合", ["4月15日"]),
    ("2026年4月15日在南门集合", "15号南门集合", []),
    ("4月10日报名,4月15日截止", "10号报名,15号截止", []),
    ("8月1日至8月7日在图书馆有绘本展览", "1日到7日,图书馆绘本展览", []),
    ("4月28日报名,5月3日截止", "28号报名,3号截止", ["4月28日", "5月3日"]),  # two months: the days say neither
]


@pytest.mark.parametrize("original, rewrite, lost", LONE_DAY_REWRITES)
def test_a_day_alone_in_a_rewrite(original, rewrite, lost):
    assert [f.text for f in missing(facts_in([original]), rewrite)] == lost


@pytest.mark.parametrize("text, expected", [
    ("健身房每周三次团课", [("amount", "三次")]),  # not Wednesday
    ("一周三天在南门练车", [("amount", "三天"), ("place", "南门")]),
    ("周三天气好,大家来南门", [("date", "周三")]),  # not "three days"
    ("周六场的门票在南门领", [("date", "周六")]),  # Saturday's show, not "six sessions a week"
    ("下周三期中考试", [("date", "下周三")]),
    ("这周一定要来", []),  # 一定 is "surely", not Monday
    ("5号楼会议室见", []),  # a building, not the 5th
    ("在地铁2号线南门见", [("place", "地铁2号线南门")]),
    ("3号门进场", []),
    ("地址:和平路一百零八号", [("place", "和平路一百零八号")]),  # an address, not the 8th
    ("秒杀价12.5元", []),  # a price, not December 5th
    ("两块五一斤,一两个小时就卖完", []),  # 五一 and 一两 are not numbers
    ("明晚8点见", [("date", "明晚"), ("time", "明晚8点")]),  # the day is news of its own
    ("老大今天表白成功了", [("date", "今天")]),
    ("明天婚礼流程:11:18新人入场", [("date", "明天"), ("time", "11:18")]),
    ("午夜场电影在三楼放映", [("time", "午夜"), ("place", "三楼")]),
    ("比平时多跑了零点五", []),  # 零点五 is 0.5, not midnight and five
    ("成绩提高了零点几秒", []),  # so is 零点几
    ("午夜十二点整倒数", [("time", "午夜十二点整")]),  # one time, not 午夜 and 十二点
    # both ends of a range of hours; numbers joined by a dash that are no hours stay out
    ("下午2-4点上手工课", [("time", "下午2-4点"), ("time", "4点")]),
    ("今晚7.30开播", [("date", "今晚"), ("time", "今晚7.30")]),
    ("比分7-9,下半场再追", []),  # a score
    ("7.30开业,全场8.5折", []),  # 30 July and a discount, not 7:30
    ("门票3.50元,下午3.50元一位", []),  # prices, even after a part of the day
    ("7.30-9.30在南门", [("place", "南门")]),  # no part of the day: as often dates or numbers as hours
])
def test_what_is_read_as_news(text, expected):
    assert [(f.kind, f.text) for f in facts_in([text])] == expected


@pytest.mark.parametrize("text, keys", [
    ("晚上12点", {"t:0"}), ("凌晨12点", {"t:0"}), ("中午12点", {"t:720"}), ("12点", {"t:720", "t:0"}),
    ("晚上1点", {"t:60"}), ("下午1点", {"t:780"}), ("中午1点", {"t:780"}), ("晚上7点", {"t:1140"}),
    ("7点半", {"t:450", "t:1170"}), ("19点30分", {"t:1170"}), ("七点零五分", {"t:425", "t:1145"}),
    ("9:30 am", {"t:570"}), ("9:30 pm", {"t:1290"}), ("midnight", {"t:0"}), ("at 7", {"t:420", "t:1140"}),
    ("at 12", {"t:720", "t:0"}), ("凌晨6点", {"t:360"}), ("凌晨5点", {"t:300"}),
    ("Choir at seven", {"t:420", "t:1140"}),  # "at seven" alone is no time: see news._EN_TIMETABLE
    ("half past six", {"t:390", "t:1110"}), ("a quarter to eight", {"t:465", "t:1185"}),
    ("seven thirty pm", {"t:1170"}), ("ten past nine am", {"t:550"}), ("twelve o'clock", {"t:720", "t:0"}),
    ("at half six", {"t:390", "t:1110"}),
    # a part of the day right after an English hour is its own, as 晚上 before 7点 is
    ("at 7 in the evening", {"t:1140"}), ("at 7 in the morning", {"t:420"}), ("at 1 at night", {"t:60"}),
    ("at 2 in the afternoon", {"t:840"}), ("half past six this evening", {"t:1110"}),
    ("午夜", {"t:0"}), ("零点", {"t:0"}), ("凌晨3点", {"t:180"}), ("半夜两点", {"t:120"}), ("半夜11点", {"t:1380"}), ("0点", {"t:0"}), ("12 am", {"t:0"}),
    ("2026-04-10", {"d:2026-4-10", "d:*-4-10"}), ("2026/4/10", {"d:2026-4-10", "d:*-4-10"}),
    ("2026年4月10日", {"d:2026-4-10", "d:*-4-10"}), ("June 14, 2026", {"d:2026-6-14", "d:*-6-14"}),
    ("四月十日", {"d:4-10"}), ("12.5号", {"d:12-5"}),
    ("15号", {"day:15"}), ("十五号", {"day:15"}),
    ("1小时", {"a:60min"}), ("一小时", {"a:60min"}), ("一个半小时", {"a:90min"}), ("半个小时", {"a:30min"}),
    ("十公里", {"a:10000m"}), ("一百二十人", {"a:120p"}),
])
def test_canonical_values(text, keys):
    lang = "en" if text[0].isascii() and not text[0].isdigit() else "zh"
    (fact,) = facts_in([text], lang)
    assert fact.keys == frozenset(keys)
