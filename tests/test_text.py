"""Tokens and the bilingual glossary."""
import pytest

from assistant.text import expand_query, tokenize


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
