"""Tokens and the bilingual glossary."""
import pytest

from assistant.text import expand_query, language_of, tidy, tokenize


@pytest.mark.parametrize("query, present, absent", [
    ("how do I stop ads in my group", "广告", ""),
    ("lead generation for a reading club", "阅读", "广告"),
    ("what are the pitfalls", "雷区", ""),
    ("facebook marketing", "", "书单"),
    ("activities for members", "活动", ""),
    ("社群的门槛怎么设", "threshold", ""),
])
def test_glossary_matches_whole_words(query, present, absent):
    expanded = expand_query(query)
    if present:
        assert present in expanded
    if absent:
        assert absent not in expanded


def test_tokenize_keeps_domain_words_whole_and_drops_stopwords():
    toks = tokenize("超级用户群的门槛是什么")
    assert "超级用户群" in toks and "门槛" in toks and "的" not in toks


@pytest.mark.parametrize("text, expected", [
    ("exactly that.  Today, post one line", "exactly that. Today, post one line"),  # an empty field between
    ("our goal is “G”. \nPlease", "our goal is “G”.\nPlease"),  # an empty field at a line's end
    ("Check-in: a photo?, plus one line", "Check-in: a photo? Plus one line"),
    ("打卡:今天练了吗?,再加一句", "打卡:今天练了吗?再加一句"),
    ("好的问题?。", "好的问题?"),
    ("今天练了吗\uff1f\uff0c再加一句\uff0c\u3002", "今天练了吗\uff1f再加一句\u3002"),  # full-width marks
    ("欢迎大家,。", "欢迎大家。"),
    ("a tip . And more ,too", "a tip. And more, too"),
    ("Which matter did you settle??", "Which matter did you settle?"), ("真的吗??", "真的吗?"),
    ("打卡,App里见", "打卡,App里见"),  # a Chinese clause's comma stays as written
    ("at 9:30 pm... see you..", "at 9:30 pm... see you."),
    ("一行\n\n两行", "一行\n\n两行"),  # line breaks stay
])
def test_tidy(text, expected):
    assert tidy(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("周末一起去爬山吧", "zh"),
    ("", "zh"),
    ("123 456 !!!", "zh"),  # no words at all
    ("a b c", "zh"),  # single letters are not words
    ("See you at the park on Sunday", "en"),
    ("今天的 workshop 很好玩", "zh"),  # one English word in a Chinese sentence
    ("ok 好", "en"),  # one word against one character
    ("Great class today, 谢谢老师", "en"),
    ("群里的 KPI 和 OKR 都在讨论", "zh"),
])
def test_language_of_weighs_english_words_against_chinese_characters(text, expected):
    assert language_of(text) == expected
