"""Cleaning scraped pages into faithful articles."""
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, SEEDS, seeds_available

from assistant.corpus import CorpusError, build_corpus, clean_text, load_file, parse_markdown, read_text

# Only the tests that clean the raw seed articles need ../shared/seeds; the rest use fixtures here.
needs_seeds = pytest.mark.skipif(not seeds_available(), reason="../shared/seeds is not present")

# (seed prefix, first real paragraph starts with, last real paragraph ends with)
BODY_ENDS = [
    ("000", "社群运营是小公司颠覆大品牌的一大杀器", "事情变的就是这么快。"),
    ("001", "这篇文章,我想讲的,是关于社群运营。", "那个这个社群可以算孵化成功。"),
    ("002", "做私域,很多人都喜欢拉群", "共勉!"),
    ("003", "Let me ask you directly", "When users trust you, you can have better conversion potential!"),
    ("004", "社群,一直以来备受争议", "逐步将崎岖的网络社区营销道路演变为正确的道路。"),
]

# Each kind of clutter the issue names, with text from the raw pages that must be gone.
CLUTTER = [
    ("site navigation", "000", "返回首页"),
    ("breadcrumb", "004", "当前位置"),
    ("related articles list", "000", "电子商务网站建设要注意哪些问题"),
    ("related articles heading glued to the body", "000", "企业网站建设常见问题"),
    ("video list", "000", "焊锡机"),
    ("footer with ICP number", "000", "粤ICP备2022153140号"),
    ("copyright footer", "000", "版权所有"),
    ("reward pop-up", "002", "立即兑换"),
    ("points pop-up", "002", "羽毛"),
    ("platform community rules", "002", "依法管网"),
    ("platform community rules end", "002", "最终解释权"),
    ("share widget", "002", "分享到朋友圈"),
    ("related list under article", "001", "5g网络有多快"),
    ("ad banner line", "001", "产品推广服务APP推广服务"),
    ("truncated page title", "001", "微信小程序失败了吗"),
    ("teaser summary", "001", "接下来,我将从社群……"),
    ("previous link", "003", "<<:"),
    ("next link", "003", ">>:"),
    ("teaser lines after the English article", "003", "This case is a review"),
    ("attribution glued to last paragraph", "003", "Author: Original Operation Notes"),
    ("related articles after article", "004", "广告行业越来越难"),
    ("article permalink", "004", "本文链接"),
    ("contact banner", "002", "鸟哥笔记小乔"),
]


def seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


@pytest.fixture(scope="module")
def cleaned() -> dict:
    if not seeds_available():
        pytest.skip("../shared/seeds is not present")
    return {p: load_file(seed(p)) for p, _, _ in BODY_ENDS}


@pytest.mark.parametrize("prefix,first,last", BODY_ENDS)
def test_article_body_kept(cleaned, prefix, first, last):
    paras = [p for p in cleaned[prefix].body.split("\n\n") if p and not p.startswith("#")]
    assert paras[0].startswith(first)
    assert paras[-1].endswith(last)


@pytest.mark.parametrize("kind,prefix,text", CLUTTER, ids=[c[0] for c in CLUTTER])
def test_clutter_removed(cleaned, kind, prefix, text):
    raw = read_text(seed(prefix))
    assert text in raw, "the raw page should contain it (test data sanity)"
    art = cleaned[prefix]
    assert text not in art.body and text not in art.title


@pytest.mark.parametrize("prefix,key,value", [
    ("000", "title", "如何做好社群运营不可或缺的两点"),
    ("002", "title", "用户社群运营(10个社群9个死,社群有很多种,但你的运营方法只有一种)"),
    ("004", "title", "社群运营每天都做什么?这9大雷区要谨慎!(社群运营需要注意)"),
    ("001", "author", "yuanl"),
    ("002", "author", "大江吴"),
    ("003", "language", "en"),
    ("004", "language", "zh"),
    ("000", "date", "2025-05-04"),
])
def test_front_matter(cleaned, prefix, key, value):
    assert getattr(cleaned[prefix], key) == value


def test_text_is_faithful_not_rewritten(cleaned):
    """Every cleaned paragraph is a verbatim piece of the raw page (after whitespace normalisation)."""
    for prefix, art in cleaned.items():
        raw = " ".join(read_text(seed(prefix)).split())
        for para in art.body.split("\n\n"):
            para = para.lstrip("# ").strip()
            for line in para.split("\n"):
                line = line[2:] if line.startswith("- ") else line  # Markdown list marker for "•"
                assert " ".join(line.split()) in raw, (prefix, line[:40])


@needs_seeds
def test_committed_corpus_is_the_cleaner_output(tmp_path):
    """corpus/ is produced by code, not hand edits: rebuilding it gives the same files."""
    written = build_corpus(SEEDS, tmp_path)
    assert len(written) == 5
    for f in written:
        assert f.read_text(encoding="utf-8") == (ROOT / "corpus" / f.name).read_text(encoding="utf-8"), f.name


def test_markdown_round_trip(cleaned):
    art = cleaned["000"]
    back = parse_markdown(art.to_markdown(), "x.md")
    assert (back.title, back.source, back.body.strip()) == (art.title, art.source, art.body.strip())


def test_html_page_cleaned():
    art = load_file(FIXTURES / "page.html")
    assert art.title == "读书会怎么做"
    assert "共同的阅读目标" in art.body and "周日晚上线上讨论" in art.body
    for junk in ("tracking", "ICP", "版权所有", "首页 >"):
        assert junk not in art.body


def test_user_text_file_cleaned():
    art = load_file(FIXTURES / "articles" / "tea.txt")
    assert art.title == "茶友会如何活跃"
    assert "三个月后" in art.body
    assert "本文链接" not in art.body and "怎么泡茶" not in art.body


@pytest.mark.parametrize("content,needle", [
    (b"", "为空"),
    (b"\xff\xfe\xfa\xfb\x80\x81" * 10, "编码"),
])
def test_bad_files_name_the_file(tmp_path, content, needle):
    f = tmp_path / "broken.txt"
    f.write_bytes(content)
    with pytest.raises(CorpusError) as e:
        load_file(f)
    assert "broken.txt" in str(e.value) and needle in str(e.value)


def test_unsupported_type(tmp_path):
    f = tmp_path / "a.pdf"
    f.write_bytes(b"%PDF")
    with pytest.raises(CorpusError, match="a.pdf"):
        load_file(f)


def test_gb18030_text_is_read(tmp_path):
    f = tmp_path / "gbk.txt"
    f.write_bytes("标题在这里\n\n正文第一段,讲的是社群的共同目标。\n".encode("gb18030"))
    assert "共同目标" in load_file(f).body


def test_only_clutter_is_an_error():
    with pytest.raises(CorpusError):
        clean_text("返回首页\n版权所有 粤ICP备1号\n", "junk.txt")


def test_sentence_level_clutter_goes_and_h1_wins():
    art = load_file(FIXTURES / "pages" / "clutter_page.html")
    assert art.title == "读书会怎么办得长久"
    for junk in ("小编", "www.example-site.com", "扫码关注", "打赏", "某某运营笔记网"):
        assert junk not in art.body, junk
    # The useful half of a sentence with a clutter clause stays.
    assert "读书会需要一个固定的节奏" in art.body
    assert "很多书店都办过读书会" in art.body


def test_glued_english_headings_are_split():
    art = load_file(FIXTURES / "pages" / "clutter_page.html")
    assert "## 1. Purpose" in art.body and "## 2. Rituals" in art.body
    assert "PurposeA" not in art.body and "RitualsRituals" not in art.body
    assert "A group needs a reason to exist" in art.body


@pytest.mark.parametrize("title, expected", [
    ("社群运营的九个坑 - 某某网", "社群运营的九个坑"),
    ("How groups grow | Example Blog", "How groups grow"),
    ("没有后缀的标题", "没有后缀的标题"),
])
def test_page_title_loses_its_site_suffix_when_there_is_no_h1(title, expected):
    art = clean_text(f"<html><head><title>{title}</title></head><body><p>{'正文内容足够长的一句话。' * 5}</p></body></html>",
                     "x.html", is_html=True)
    assert art.title == expected
