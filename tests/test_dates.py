"""Dates and times as people write them."""
import datetime as dt

import pytest

from assistant.dates import parse_date, past_start_notice, time_in
from assistant.errors import InputError

TODAY = dt.date(2026, 11, 25)  # a Wednesday


@pytest.mark.parametrize("text, expected", [
    ("2026-11-30", dt.date(2026, 11, 30)), ("2026/11/30", dt.date(2026, 11, 30)), ("2026.12.1", dt.date(2026, 12, 1)),
    ("2026年11月30日", dt.date(2026, 11, 30)), ("11月30日", dt.date(2026, 11, 30)), ("11/30", dt.date(2026, 11, 30)),
    ("1月5号", dt.date(2027, 1, 5)),  # already past this year: next year
    ("下周一", dt.date(2026, 11, 30)), ("本周五", dt.date(2026, 11, 27)), ("周一", dt.date(2026, 11, 30)),
    ("周三", TODAY), ("下下周一", dt.date(2026, 12, 7)), ("星期天", dt.date(2026, 11, 29)),
    ("明天", dt.date(2026, 11, 26)), ("today", TODAY), ("next monday", dt.date(2026, 11, 30)),
])
def test_dates_people_write(text, expected):
    assert parse_date(text, today=TODAY) == expected


@pytest.mark.parametrize("text", ["", "2026-02-30", "13月1日", "someday", "23/13/2026"])
def test_unreadable_dates_say_what_works(text):
    with pytest.raises(InputError):
        parse_date(text, today=TODAY)


DAY = dt.date(2026, 11, 23)  # the day a post goes up


def _at(hour, minute=0, next_day=False):
    return dt.datetime.combine(DAY + dt.timedelta(days=next_day), dt.time(hour, minute))


@pytest.mark.parametrize("post, expected", [
    # on the post's day
    ("今晚8点群里见", _at(20)), ("20:30 开始", _at(20, 30)), ("下午三点半集合", _at(15, 30)), ("tonight at 8 pm", _at(20)),
    ("晚上11点收官", _at(23)), ("晚7点半开播", _at(19, 30)), ("早上6点半打卡", _at(6, 30)), ("上午10点", _at(10)),
    ("中午12点开饭", _at(12)), ("下午12点", _at(12)), ("中午1点", _at(13)), ("下午1点", _at(13)), ("12:00 开饭", _at(12)),
    ("7点半集合", _at(7, 30)),  # 7 to 11 with no part of the day anywhere: as written, the earlier reading
    ("今天凌晨3点我们完成了", _at(3)),  # 今天凌晨 is the night before
    # midnight is the one that ends the day, and the small hours are the night after it: the next date
    ("今晚12点跨年", _at(0, next_day=True)), ("晚上12点准时开抢", _at(0, next_day=True)),
    ("今晚十二点", _at(0, next_day=True)), ("晚12点", _at(0, next_day=True)), ("晚上12点半", _at(0, 30, True)),
    ("凌晨0点开抢", _at(0, next_day=True)), ("凌晨12点", _at(0, next_day=True)), ("午夜12点", _at(0, next_day=True)),
    ("午夜开抢", _at(0, next_day=True)), ("零点开抢", _at(0, next_day=True)), ("今晚零点上新", _at(0, next_day=True)),
    ("0点开抢", _at(0, next_day=True)), ("24:00截止", _at(0, next_day=True)), ("00:30", _at(0, 30, True)),
    ("tonight at midnight", _at(0, next_day=True)), ("12 am", _at(0, next_day=True)),
    ("夜钓晚上1点出发", _at(1, next_day=True)), ("晚上11点到1点", _at(23)), ("半夜两点", _at(2, next_day=True)),
    ("凌晨3点看流星雨", _at(3, next_day=True)), ("at 2 am", _at(2, next_day=True)),
    # another day's time, and no time
    ("本周六晚8点的故事会", None), ("Saturday at 8 pm", None), ("明晚8点见", None), ("明天晚上12点", None),
    ("今天打卡,一句话就够", None), ("今天多一点耐心", None),  # 一点 is "a little"
])
def test_time_named_for_the_day(post, expected):
    assert time_in(post, DAY) == expected


# DAY is Monday 23 November 2026.
@pytest.mark.parametrize("post, expected", [
    # an hour without its part of the day takes the one said elsewhere in the post
    ("今晚的读书会8点开始", _at(20)), ("晚上好!8点群里开聊", _at(20)), ("8点开播,今晚不见不散", _at(20)),
    ("下午的手工课3点开始", _at(15)), ("晚会7:30入场", _at(19, 30)), ("上午的课,10点开始", _at(10)),
    ("早上好,8点一起打卡", _at(8)), ("7点半集合,下午3点返回", _at(7, 30)),  # 下午 is the other hour's
    ("今晚的派对12点结束", _at(0, next_day=True)),
    ("8点集合出发,晚上回到市区", _at(8)),  # a later clause's 晚上 is later in the day; only 今晚 reaches back
    ("6点起床打卡", _at(6)), ("5点半晨跑", _at(5, 30)), ("今天6点集合看日出", _at(6)),  # the morning said otherwise
    # none said: 1 to 6 o'clock is the afternoon, 7 to 11 stays as written
    ("分享会3点开始", _at(15)), ("6点半开饭", _at(18, 30)), ("2:30 签到", _at(14, 30)), ("8点集合", _at(8)),
    ("12点开饭", _at(12)), ("07:30 集合", _at(7, 30)),
    # the post's own date or weekday is its day; another date or week is not
    ("11月23日晚8点线上分享", _at(20)), ("11月25日晚8点线上分享", None), ("2026年11月23日晚8点", _at(20)),
    ("2027年11月23日晚8点", None), ("23号晚8点", _at(20)), ("25号晚8点", None),
    ("周一晚8点群里见", _at(20)), ("本周一晚8点", _at(20)), ("每周一晚8点复盘", _at(20)), ("下周一晚8点", None),
    ("周末晚8点", None), ("Monday at 8 pm", _at(20)), ("next Monday at 8 pm", None),
    ("晚8点,周一群里见", _at(20)),  # the day named after the hour
    ("周五晚8点读书会,今晚8点先预热", _at(20)),  # Friday's hour is skipped, tonight's counts
    ("明天凌晨3点看流星雨", _at(3, next_day=True)),  # the night after the day, as 凌晨3点
])
def test_the_day_and_part_of_the_day_said_elsewhere_in_the_post(post, expected):
    assert time_in(post, DAY) == expected


@pytest.mark.parametrize("text, lang, words", [
    ("2026-11-25", "zh", None),  # today is not past
    ("2026-11-18", "zh", ["已经过去 7 天", "年份"]),
    ("2025-11-30", "zh", ["已经过去 360 天", "年份"]),
    ("昨天", "zh", ["已经过去 1 天"]),
    ("2026-11-24", "en", ["1 day ago", "year"]),
])
def test_a_past_start_is_noted_and_a_typed_year_questioned(text, lang, words):
    notice = past_start_notice(text, parse_date(text, today=TODAY), today=TODAY, lang=lang)
    if words is None:
        assert notice is None
    else:
        assert all(w in notice for w in words) and "\n" not in notice
        assert ("年份" in notice or "year" in notice) == any(w in ("年份", "year") for w in words)


@pytest.mark.parametrize("post, expected", [
    ("今年1月2日晚8点直播", dt.datetime(2027, 1, 2, 20, 0)),  # 今年 is the post's year, not the year it was planned in
    ("明年1月2日晚8点直播", None),
])
def test_relative_years_count_from_the_post_day(post, expected):
    assert time_in(post, dt.date(2027, 1, 2)) == expected


# A bare hour (6点, 6点半) with no part of the day anywhere in the post is the afternoon or evening from 1 to 6
# o'clock and as written from 7 to 11 (a documented choice: time_in's docstring, README). A word in the post that
# names the morning or the evening, or what people do then, decides instead, in each direction alike.
@pytest.mark.parametrize("post, expected", [
    ("6点", _at(18)), ("6点半开饭", _at(18, 30)), ("6点集合", _at(18)), ("3点开始", _at(15)),  # bare: afternoon
    ("7点集合", _at(7)), ("11点开始", _at(11)),  # bare 7 to 11: as written, the earlier reading
    # the morning, said by its name or by what people do then
    ("6点起床打卡", _at(6)), ("6点早起打卡", _at(6)), ("6点晨练", _at(6)), ("早上6点", _at(6)), ("早6点", _at(6)),
    ("今早6点", _at(6)), ("清晨6点", _at(6)), ("6点钟起床", _at(6)),
    # the evening, likewise: after work, after school, closing time, a night run, a late snack, the sunset
    ("6点下班后一起跑步", _at(18)), ("下班后6点见", _at(18)), ("7点下班后一起夜跑", _at(19)), ("9点夜跑", _at(21)),
    ("9点打烊后来聊聊", _at(21)), ("10点夜宵", _at(22)), ("6点看日落", _at(18)), ("傍晚6点", _at(18)),
    ("晚上6点", _at(18)), ("6 pm", _at(18)), ("6am", _at(6)),
    # ... but a half day ends in the late morning: 11 and 12 o'clock stay as written
    ("11点放学,家长请准时来接", _at(11)), ("11点半下班后一起吃午饭", _at(11, 30)),
    # the hour's own clause speaks for it before a greeting in an earlier one
    ("早上好,6点下班后来店里", _at(18)), ("晚上好,6点起床打卡的伙伴请接龙", _at(6)),
    ("早上好,8点一起打卡", _at(8)), ("晚上好!8点群里开聊", _at(20)),  # no word in the hour's clause: the greeting's
    # 明早6点 is tomorrow morning's: not the post's day
    ("明早6点出发", None), ("明天早上6点集合", None),
])
def test_a_bare_hour_is_the_afternoon_unless_the_post_says_the_morning(post, expected):
    assert time_in(post, DAY) == expected


# 凌晨 is the small hours of the night after the day up to 5 o'clock (as 2 am is), and from 6 o'clock the day's
# morning (as 早上6点 and 6 am are). Written right after a date or weekday, 凌晨, 0点 and am hours are that date's:
# early on the post's own day, or the night after it when the date written is the next one. DAY is Monday 23 November.
@pytest.mark.parametrize("post, expected", [
    # 6 o'clock and after: the morning, whatever word says it
    ("凌晨6点出发去看日出", _at(6)), ("凌晨6点半集合", _at(6, 30)), ("早上6点出发", _at(6)), ("6am", _at(6)),
    ("明天凌晨6点出发", None), ("明早6点出发", None),  # tomorrow morning's, not the day's
    # before 6 o'clock, said alone: the night after the day, as before
    ("凌晨两点看球", _at(2, next_day=True)), ("凌晨5点半起床", _at(5, 30, True)), ("凌晨零点开抢", _at(0, next_day=True)),
    ("今晚凌晨两点", _at(2, next_day=True)), ("今天凌晨两点我们完成了", _at(2)),
    # written right after the post's own date or weekday: early on that day, as written
    ("11月23日凌晨两点", _at(2)), ("11月23日凌晨6点", _at(6)), ("23号凌晨3点", _at(3)), ("周一凌晨两点看欧冠", _at(2)),
    ("11月23日(周一)凌晨2点", _at(2)), ("11月23日的凌晨两点", _at(2)), ("Monday at 2 am", _at(2)),
    ("11月23日凌晨零点开抢", _at(0)), ("11月23日0点开抢", _at(0)), ("今天0点", _at(0)),  # the midnight that begins it
    ("11月23日晚上12点截止", _at(0, next_day=True)), ("11月23日24:00截止", _at(0, next_day=True)),  # ... or ends it
    ("周一晚上1点", _at(1, next_day=True)),  # 晚上1点 is the night after the evening it names
    # right after the next date: the night after the day, as 明天凌晨3点
    ("11月24日凌晨2点", _at(2, next_day=True)), ("周二凌晨两点", _at(2, next_day=True)), ("明天0点开抢", _at(0, next_day=True)),
    ("tomorrow at 2 am", _at(2, next_day=True)), ("Tuesday at 2 am", _at(2, next_day=True)),
    ("11月24日凌晨6点", None), ("11月22日凌晨2点", None), ("11月25日凌晨2点", None), ("周三凌晨两点", None),  # another day's
])
def test_small_hours_belong_to_the_day_written(post, expected):
    assert time_in(post, DAY) == expected


# An English hour alone ("at 7", "7 o'clock") is read as a bare Chinese hour is: the part of the day said in the post,
# else 1 to 6 o'clock in the afternoon or evening and 7 to 12 as written. A number after "at" that is not an hour
# (a distance, a count, a price, an age, the first of a range) is none.
@pytest.mark.parametrize("post, expected", [
    ("Book club tonight at 7", _at(19)), ("Meet at 7 tonight", _at(19)), ("Meet at 7.", _at(7)), ("at 7", _at(7)),
    ("Run club at 7 in the morning", _at(7)), ("Drinks at 7 in the evening", _at(19)), ("Ladies' night at 8!", _at(20)),
    ("Story time at 3, bring the kids", _at(15)), ("Lunch at 12", _at(12)), ("at 7 o'clock", _at(7)),
    ("Doors open at 6 sharp", _at(18)), ("at 07", _at(7)), ("at 7pm", _at(19)), ("at 7:30", _at(7, 30)),
    ("Monday at 7", _at(7)), ("at 7 on Monday", _at(7)),  # the post's own weekday
    ("at 7 tomorrow", None), ("tomorrow at 7", None), ("Saturday at 7", None), ("at 7 on Saturday", None),
    ("Walk 3 km at 5 km an hour", None), ("We meet at 3 locations", None), ("Tickets at 7.50 each", None),
    ("She started reading at 18 months", None), ("Class at 7 to 9 pm", _at(19)),  # the range's start: its pm is both ends'
    # in words, read as in digits
    ("Choir at seven tonight", _at(19)), ("Choir at seven", _at(7)), ("Tea at half past three", _at(15, 30)),
    ("Walk at a quarter to seven in the morning", _at(6, 45)), ("Open until nine tonight", _at(21)),
    ("We meet at three locations", None),
    # a point between hour and minutes: a time unless its words make it a price
    ("Quiz at 7.30 tonight", _at(19, 30)), ("Quiz at 7.30.", _at(7, 30)), ("Swim at 19.30", _at(19, 30)),
    ("Tickets at 7.50.", None), ("Cream tea at 6.40 for two", None),
    # a range starts at its first end, whose half of the day the second's am/pm says
    ("Yoga 7-9pm", _at(19)), ("Brunch 11-1pm", _at(11)), ("Open from 7 until 9 tonight", _at(19)),
    ("Choir 7.30-9.30pm", _at(19, 30)), ("We won 7-9 on Monday", None),
])
def test_an_english_hour_after_at(post, expected):
    assert time_in(post, DAY) == expected


def test_tomorrow_mornings_hour_is_the_morning():
    from assistant.news import clock_times

    clock = clock_times("明早6点出发")[0]  # read for the day it is on: 6 in the morning, not either half
    assert (clock.minutes, clock.either_half) == (360, False)


# An English hour alone is read as the same hour in Chinese: with no part of the day anywhere, 1 to 6 o'clock is the
# afternoon or evening and 7 to 12 as written (the documented choice for 6点), never p.m. by itself; and a word for the
# part of the day, or for what people do then, says it in either language alike.
@pytest.mark.parametrize("zh, en, expected", [
    ("6点开始", "It started at 6.", _at(18)), ("3点集合", "We gather at 3.", _at(15)),
    ("7点开始", "It starts at 7.", _at(7)), ("11点集合", "We gather at eleven.", _at(11)),
    ("6点半开始", "It starts at half past six.", _at(18, 30)), ("12点开饭", "Lunch at 12", _at(12)),
    ("早饭6点", "Breakfast at 6", _at(6)), ("6点起床打卡", "Wake up at 6 for the check-in", _at(6)),
    ("早上6点出发", "Leaving at 6 in the morning", _at(6)), ("6点看日出", "A dawn walk at 6", _at(6)),
    ("晚饭7点", "Dinner at 7", _at(19)), ("晚上7点集合", "We gather at 7 in the evening", _at(19)),
    ("6点下班后一起跑步", "A run at 6 after work", _at(18)), ("9点打烊后来聊聊", "Drop by at 9 after closing", _at(21)),
    ("11点放学,家长请准时来接", "Pickup at 11 after school", _at(11)),  # a half day ends in the late morning
    ("晚上好!8点群里开聊", "Good evening! Chat at 8", _at(20)),
])
def test_an_english_bare_hour_reads_as_a_chinese_one(zh, en, expected):
    from assistant.news import facts_in

    assert time_in(zh, DAY) == time_in(en, DAY) == expected
    zh_keys = [f.keys for f in facts_in([zh]) if f.kind == "time"]
    assert zh_keys == [f.keys for f in facts_in([en], "en") if f.kind == "time"]


# An English hour in words is as often a count, an age, a score or an idiom ("at one with", "at one on this",
# "walking at one", "level at two"), so it is a time only when something marks it as one: a clock word (half, past,
# minutes, o'clock, am/pm), a day or part of the day right before or after it or in its sentence (tonight, Monday,
# this afternoon, a meal), "until", or a word of a timetable right before "at" (meet, start, doors, see you, class).
# Digits after "at" stay as they were: "at 7" is a time.
@pytest.mark.parametrize("post, expected", [
    ("We were all at one on this, no arguing.", None), ("After the hike I felt at one in body and mind.", None),
    ("Most babies start walking at one.", None), ("The score was level at two.", None),
    ("Membership stood at three, then it grew fast.", None),
    ("He learned to read at five, and now he runs the club.", None), ("We're finally at one after a long talk.", None),
    ("At one point we had forty members.", None), ("Take the cakes one at a time.", None),
    ("We sold them all at one go.", None), ("At one time this was the only bakery in town.", None),
    ("Pick them up at one of our shops.", None), ("Prices start at five for members.", None),
    ("Our team is at one with the neighbours.", None), ("The twins were reading at four, writing at five.", None),
    ("We held the price at two for years.", None), ("Everyone agreed: we are at one on the new rules.", None),
    # marked as a time
    ("See you at one!", _at(13)), ("Lunch at one, then a walk by the river.", _at(13)), ("Lunch is at one.", _at(13)),
    ("We meet at one on Monday.", _at(13)), ("Doors open at seven.", _at(7)), ("Story time at four.", _at(16)),
    ("The talk begins at three this afternoon.", _at(15)), ("Ladies' night at eight!", _at(20)),
    ("Monday at one, bring your mats.", _at(13)), ("Class at one o'clock", _at(13)), ("We finish at five, then tidy up.", _at(17)),
    ("Open until nine tonight", _at(21)), ("Choir at seven", _at(7)), ("Tea at half past three", _at(15, 30)),
    ("Yoga at one in the afternoon", _at(13)), ("Our book club meets at seven.", _at(7)),
    ("Kick-off at three, bring a flask.", _at(15)), ("Supper at seven, games after.", _at(19)),
    ("See everyone at six tonight!", _at(18)), ("Storytelling Monday at four.", _at(16)),
])
def test_an_english_hour_in_words_needs_a_mark_of_time(post, expected):
    assert time_in(post, DAY) == expected


# "10-12am": the am/pm after a range ending at 12 says no half of the day. People write both "10-12am" and
# "10-12pm" for the morning until noon (12 is the morning's last hour to some, 12pm noon to others), and "10-12pm"
# for the evening until midnight; so the start is read as a bare hour (the part of the day the post says, else as a
# bare hour is) and the end is the first 12 o'clock after it. Other ranges keep the end's am/pm for the start when
# that runs forward ("9-11am", "7-9pm") and take the other half when not ("11-1pm" is 11 a.m. to 1 p.m.).
@pytest.mark.parametrize("post, start, end", [
    ("Open 10-12am", _at(10), 720), ("Kids' club 9-12am", _at(9), 720), ("Office hours 10-12pm", _at(10), 720),
    ("Karaoke 10-12pm tonight", _at(22), 0), ("Ladies' night, bar open 10-12pm", _at(22), 0),
    ("Drop in 9-11am", _at(9), 660), ("Brunch 11-1pm", _at(11), 780), ("Yoga 7-9pm", _at(19), 1260),
    ("Market 10am-12am", _at(10), 720), ("Party 10pm-12am", _at(22), 0), ("Lunch club 12-2pm", _at(12), 840),
    ("周六10-12am读书会", None, 720),  # another day's, its end read all the same
    ("Bar open 9-12pm tonight", _at(21), 0), ("Workshop 9-12am, bring scissors", _at(9), 720),
    ("Late show 11pm-12am", _at(23), 0),
])
def test_an_english_range_ending_at_twelve(post, start, end):
    from assistant.news import clock_times

    assert time_in(post, DAY) == start
    assert end in clock_times(post)[-1].of_day()


# Numbers joined by a dash or 到 before an age, a size, a count or a grade are one amount, the range ("7-9岁"), never
# its second end alone and never a time; an ordinal (第3-4节) or a grade (年级) is no amount.
@pytest.mark.parametrize("text, expected", [
    ("孩子7-9岁", [("amount", "7-9岁")]), ("适合4~6岁的小朋友", [("amount", "4~6岁")]),
    ("每组3到5人", [("amount", "3到5人")]), ("7-9个月的宝宝可以来", [("amount", "7-9个月")]),
    ("今天跑3-5公里就好", [("date", "今天"), ("amount", "3-5公里")]),
    ("分4-6岁、7-9岁两个班", [("amount", "4-6岁"), ("amount", "7-9岁")]),
    ("孩子7岁到9岁都可以", [("amount", "7岁到9岁")]), ("晚上带7-9岁的孩子来", [("amount", "7-9岁")]),
    ("上午第3-4节", []), ("第2到3期的学员", []), ("适合7-9年级的学生", []), ("课程第5-6周", []),
    ("送给8-12岁的孩子", [("amount", "8-12岁")]), ("团购5-10斤起", [("amount", "5-10斤")]),
    ("本次活动限20到30人", [("amount", "20到30人")]),
])
def test_a_range_of_amounts_is_one(text, expected):
    from assistant.news import facts_in

    assert [(f.kind, f.text) for f in facts_in([text])] == expected
    assert time_in(text, DAY) is None


@pytest.mark.parametrize("original, rewrite, lost", [
    ("孩子7-9岁", "孩子9岁", ["7-9岁"]), ("孩子7-9岁", "7到9岁的孩子", []), ("孩子7-9岁", "孩子7岁到9岁", []),
    ("孩子7-9岁", "孩子7-10岁", ["7-9岁"]), ("每组3到5人", "每组3-5人", []), ("每组3到5人", "每组5人", ["3到5人"]),
])
def test_a_range_of_amounts_is_kept_whole(original, rewrite, lost):
    from assistant.news import facts_in, missing

    assert [f.text for f in missing(facts_in([original]), rewrite)] == lost


# 点 after a number that counts the points of a list (以下3点, 这3点, 第3点, 强调了2点, 3点建议, "3点:1.…") is no
# o'clock; the same number with a part of the day, minutes or a plain clause around it is.
@pytest.mark.parametrize("post, expected", [
    ("请注意以下3点:", None), ("这3点大家一定记住", None), ("第3点最重要", None), ("我说3点:一是准时,二是安静", None),
    ("老师强调了2点", None), ("总结3点经验", None), ("有3点建议想和大家聊聊", None), ("3点要求:1.准时 2.安静", None),
    ("关于活动,有3点需要注意", None), ("以下4点请大家配合", None), ("本周积分涨了3点", None),
    ("最后补充1点:", None), ("下午我们讲了3点", None), ("今天聊的第2点是坚持", None),
    # times
    ("3点见", _at(15)), ("下午3点集合", _at(15)), ("以下是安排:3点集合", _at(15)), ("3点半开始", _at(15, 30)),
    ("这周一3点开会", _at(15)), ("记得3点到", _at(15)), ("说好3点见", _at(15)), ("第二场3点开始", _at(15)),
    ("注意:3点集合", _at(15)), ("以下3点钟的场次取消", _at(15)), ("比赛3点开始,注意以下2点:", _at(15)),
    ("我们3点在门口集合", _at(15)),
])
def test_points_of_a_list_are_no_hours(post, expected):
    assert time_in(post, DAY) == expected


# A long post is read in time growing with its length: what a time, an amount or a range is looks at a few words
# around it, never the whole text before it (kept small so a quadratic regression fails in seconds).
@pytest.mark.parametrize("unit", [
    "We were all at one on this, no arguing. ", "at one ", "Lunch at one, at two, at three and at four ",
    "Open 10-12am ", "孩子7-9岁,每组3到5人,", "7-9岁", "以下3点", "请注意以下3点:一是准时。", "11月24日凌晨2点",
])
def test_a_long_post_is_read_in_linear_time(unit):
    import gc
    import time

    from assistant.news import facts_in

    def best(text: str) -> float:
        times = []
        gc.collect()
        gc.disable()
        try:
            for _ in range(3):
                t = time.perf_counter()
                facts_in([text])
                time_in(text, DAY)
                times.append(time.perf_counter() - t)
        finally:
            gc.enable()
        return min(times)

    small, big = unit * (1200 // len(unit)), unit * (12000 // len(unit))
    assert best(big) < max(best(small), 0.002) * 30  # 10x the text, well under quadratic growth
