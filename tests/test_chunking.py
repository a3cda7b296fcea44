"""Chunking cleaned articles for retrieval."""
import pytest
from conftest import FIXTURES, ROOT

from assistant.chunking import chunk_article, split_sentences
from assistant.corpus import Article, load_file

CORPUS = sorted((ROOT / "corpus").glob("*.md"))


@pytest.mark.parametrize("path", CORPUS, ids=[p.stem[:3] for p in CORPUS])
def test_chunks_cover_article_within_size(path):
    art = load_file(path)
    chunks = chunk_article(art)
    limit = 320 if art.language == "zh" else 900
    assert chunks
    for c in chunks:
        # A single sentence longer than the limit is kept whole rather than cut mid-sentence.
        longest_sentence = max(len(s) for s in split_sentences(c.text.replace("\n", "")))
        assert len(c.text.replace("\n", "")) <= max(limit, longest_sentence) + 5
        assert c.metadata["source"] == art.source and c.metadata["title"] == art.title
    # Every sentence of the article lands in some chunk.
    joined = "".join(c.text.replace("\n", "") for c in chunks)
    for para in art.body.split("\n\n"):
        if not para.startswith("#"):
            for s in split_sentences(para):
                assert s.strip() in joined


def test_chunks_end_on_sentence_boundaries():
    art = load_file(ROOT / "corpus" / "004_5018d0a87f643da8.md")
    ends = [c.text.rstrip()[-1] for c in chunk_article(art)]
    assert sum(e in "。!?;…!?" for e in ends) / len(ends) > 0.9


def test_overlap_between_neighbours():
    body = "".join(f"第{i}句话讲的是社群的共同目标和坚持。" for i in range(40))
    chunks = chunk_article(Article(title="t", body=body, source="s.md"), max_chars=120, overlap=40)
    assert len(chunks) > 3
    for a, b in zip(chunks, chunks[1:]):
        first_of_b = split_sentences(b.text)[0]
        carried = a.text[a.text.index(first_of_b):]
        assert 0 < len(carried) <= 40 and b.text.startswith(carried)


def test_ids_derive_from_content():
    art = load_file(ROOT / "corpus" / "004_5018d0a87f643da8.md")
    first = [c.id for c in chunk_article(art)]
    assert first == [c.id for c in chunk_article(art)]
    art.body = art.body.replace("逐步将崎岖的网络社区营销道路", "一步步将崎岖的网络社区营销道路")
    changed = [c.id for c in chunk_article(art)]
    assert first[0] == changed[0] and first[-1] != changed[-1]
    assert len(set(first)) == len(first)


def test_section_heading_in_metadata():
    art = load_file(FIXTURES / "articles" / "pottery.md")
    headings = {c.heading for c in chunk_article(art)}
    assert any("活动" in h for h in headings)


def test_english_sentences_joined_with_spaces():
    art = Article(title="t", body="First sentence here. Second one follows! Third?", source="e.md", language="en")
    assert chunk_article(art)[0].text == "First sentence here. Second one follows! Third?"


def test_chunks_carry_their_heading_path():
    from assistant.corpus import parse_markdown

    md = "---\ntitle: \"t\"\nsource: \"s\"\nlanguage: \"zh\"\n---\n# t\n\n## 交付群\n\n" + "交付群有两种。" * 15 + \
         "\n\n## 1. 学习型交付群\n\n" + "这种群要让客户学会,至少有获得感。" * 6 + "\n\n## 2. 服务型交付群\n\n" + "及格是兑换服务,优秀是超预期交付。" * 6
    chunks = chunk_article(parse_markdown(md, "s.md"))
    learning = next(c for c in chunks if "学会" in c.text)
    assert learning.heading == "交付群 › 1. 学习型交付群"
    assert learning.text.startswith("交付群 › 1. 学习型交付群\n")
    assert learning.embed_text.startswith("t\n交付群 › 1. 学习型交付群")
