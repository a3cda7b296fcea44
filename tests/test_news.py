"""Reading a post's news (dates, times, places, event names, amounts) and whether another text still carries it."""
import pytest

from assistant.news import facts_in, missing


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
])
def test_a_fact_written_another_way_is_kept(original, rewrite, lost):
    lang = "en" if original.startswith("Guided") else "zh"
    assert [f.text for f in missing(facts_in([original], lang), rewrite, lang)] == lost


def test_prices_are_not_facts_to_keep():
    assert all(f.kind != "amount" for f in facts_in(["秒杀价每棵1元,满200减50,8折", "30% off, $20 each"]))
