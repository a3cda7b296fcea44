"""Questions kept beside an article are indexed with the passages they belong to (document expansion)."""
import json
from pathlib import Path

import pytest

from assistant.chunking import chunk_article
from assistant.corpus import CorpusError, iter_files, load_file
from assistant.passage_questions import attach, load_questions, sidecar_for, with_questions
from assistant.retrieval import HybridSearcher
from assistant.store import Store

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


def _write(path: Path, rows) -> Path:
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows) + "\n",
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("row, problem", [
    ("{not json", "不是合法的 JSON"),
    ({"questions": ["q"]}, "缺少 anchor"),
    ({"anchor": "  ", "questions": ["q"]}, "缺少 anchor"),
    ({"anchor": "x", "questions": "q"}, "questions 必须是"),
    ({"anchor": "x", "questions": ["ok", ""]}, "questions 必须是"),
    (["anchor", "questions"], "缺少 anchor"),
])
def test_a_malformed_line_is_named(tmp_path, row, problem):
    path = _write(tmp_path / "a.questions.jsonl", [{"anchor": "fine", "questions": ["q"]}, row])
    with pytest.raises(CorpusError, match=rf"a\.questions\.jsonl:2: {problem}"):
        load_questions(path)


def test_every_bundled_anchor_matches_and_every_bundled_passage_has_questions():
    for article in sorted(CORPUS.glob("*.md")):
        chunks = chunk_article(load_file(article))
        with_q, unmatched = attach(chunks, load_questions(sidecar_for(article)))
        assert unmatched == [], article.name
        assert all(c.questions for c in with_q), [c.text[:30] for c in with_q if not c.questions]
        # The questions change the id (so editing them re-embeds) and never the text shown.
        assert [c.text for c in with_q] == [c.text for c in chunks]
        assert all(a.id != b.id for a, b in zip(with_q, chunks))


def test_sidecars_are_not_articles():
    assert not any(p.name.endswith(".questions.jsonl") for p in iter_files([CORPUS]))


def test_a_broken_sidecar_keeps_the_article_and_says_so(tmp_path):
    article = tmp_path / "tea.md"
    article.write_text("# 茶馆\n\n每周三晚上一起品一款新茶,说说它的香气。", encoding="utf-8")
    _write(sidecar_for(article), ["{broken"])
    errors: list[str] = []
    chunks = with_questions(chunk_article(load_file(article)), article, errors)
    assert chunks and not any(c.questions for c in chunks)
    assert len(errors) == 1 and "tea.questions.jsonl:1" in errors[0] and "照常入库" in errors[0]
    _write(sidecar_for(article), [{"anchor": "文章里没有这句", "questions": ["q"]}])
    errors.clear()
    with_questions(chunk_article(load_file(article)), article, errors)
    assert "找不到" in errors[0]


def test_a_question_finds_its_passage_through_words_only_the_sidecar_has(hash_settings, tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "tea.md").write_text(
        "# 茶馆的群\n\n## 一起品茶\n\n每周三晚上一起品一款新茶,说说它的香气和回甘。\n\n"
        "## 老茶客\n\n常来的老茶客可以带朋友来坐坐,介绍自己喜欢的茶。", encoding="utf-8")
    query = "冷清 没人冒泡 咋办"

    def top_text() -> str:
        store = Store(hash_settings)
        store.ingest([folder], rebuild=True)
        hits = HybridSearcher(store).search(query, k=1, mode="bm25")
        return hits[0].text if hits else ""

    assert "品一款新茶" not in top_text()
    _write(sidecar_for(folder / "tea.md"), [{"anchor": "品一款新茶", "questions": ["群里冷清没人冒泡咋办?"]}])
    shown = top_text()
    assert "品一款新茶" in shown and "冒泡" not in shown  # found through the question, quoted as written


def _model_reply(n_passages: int, per: int) -> str:
    return json.dumps({"passages": [{"index": i, "questions": [f"第{i}段的问题{j}?" for j in range(per + 2)]}
                                    for i in range(1, n_passages + 1)]}, ensure_ascii=False)


def test_the_model_writes_an_articles_questions_and_ingest_uses_them(hash_settings, tmp_path):
    from openai_stub import StubOpenAI
    from test_providers import settings_for

    from assistant.chains import Assistant
    from assistant.chains.questions import write_questions
    from assistant.errors import InputError

    folder = tmp_path / "articles"
    folder.mkdir()
    article = folder / "norms.md"  # one of the bundled articles, without its questions: seven passages
    article.write_text(next(CORPUS.glob("000_*.md")).read_text(encoding="utf-8"), encoding="utf-8")
    n = len(chunk_article(load_file(article)))
    with StubOpenAI() as stub:
        stub.script = [{"text": _model_reply(min(n, 6), 3)}, {"text": _model_reply(n - 6, 3)}]  # six per call
        bot = Assistant(settings_for(stub, tmp_path, hash_settings))
        path, count = write_questions(article, bot, per_passage=3)
        assert stub.requests[0]["body"]["response_format"]["type"] == "json_schema"
        with pytest.raises(InputError, match="已存在"):  # kept unless asked to overwrite
            write_questions(article, bot, per_passage=3)
    assert path == sidecar_for(article) and count == 3 * n  # capped at the number asked for
    chunks, unmatched = attach(chunk_article(load_file(article)), load_questions(path))
    assert unmatched == [] and all(len(c.questions) == 3 for c in chunks)
    store = Store(hash_settings)
    store.ingest([folder], rebuild=True)
    hit = HybridSearcher(store).search("第2段的问题1", k=1, mode="bm25")[0]
    assert hit.text == chunks[1].text and len(stub.requests) == 2


def test_writing_questions_needs_a_model(hash_settings, tmp_path):
    from assistant.chains import Assistant
    from assistant.chains.questions import write_questions
    from assistant.errors import InputError

    with pytest.raises(InputError, match="需要配置模型"):
        write_questions(ROOT / "tests" / "fixtures" / "articles" / "pottery.md", Assistant(hash_settings))


def test_an_upgrade_with_new_questions_is_noticed_and_only_the_changed_passages_are_embedded(hash_settings, tmp_path):
    import dataclasses
    import shutil

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    article = next(CORPUS.glob("000_*.md"))
    shutil.copy(article, corpus / article.name)  # the articles of an earlier release, without their questions
    settings = dataclasses.replace(hash_settings, corpus_dir=corpus)
    store = Store(settings)
    store.ingest()
    assert store.corpus_current()
    shutil.copy(sidecar_for(article), sidecar_for(corpus / article.name))  # the upgrade brings the questions
    assert not Store(settings).corpus_current()
    report = Store(settings).ingest()
    assert report.chunks_added == report.chunks_removed > 0 and Store(settings).corpus_current()
