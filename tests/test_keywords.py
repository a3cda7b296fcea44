"""The keyword index: built once per published revision, saved with the store, loaded by later processes."""
import subprocess
import sys

import pytest
from conftest import FIXTURES, ROOT

from assistant import keywords
from assistant.keywords import BM25, KeywordIndex
from assistant.retrieval import HybridSearcher
from assistant.store import Store

ARTICLES = FIXTURES / "articles"


def test_bm25_ranks_the_document_with_the_rarer_term_first():
    bm = BM25([["红包", "群"], ["打卡", "群"], ["打卡", "打卡", "目标"]])
    ranked = [i for i, _ in bm.top(["打卡", "目标"], 3)]
    assert ranked[0] == 2 and set(ranked) == {1, 2}


def test_ingest_saves_the_index_and_a_new_process_loads_it(hash_settings, monkeypatch):
    store = Store(hash_settings)
    store.ingest([ARTICLES])
    saved = list((hash_settings.home / "keywords").glob("*.pkl"))
    assert len(saved) == 1
    # A later process: nothing is tokenised again, the saved index answers.
    monkeypatch.setattr(keywords, "tokenize", lambda text: pytest.fail("index rebuilt instead of loaded"))
    searcher = HybridSearcher(Store(hash_settings))
    assert searcher.bm25_ranking("陶艺", 3)


def test_a_new_revision_replaces_the_saved_index(hash_settings, tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "pottery.md").write_text((ARTICLES / "pottery.md").read_text(encoding="utf-8"), encoding="utf-8")
    store = Store(hash_settings)
    store.ingest([src])
    searcher = HybridSearcher(Store(hash_settings))
    assert all("品鉴笔记" not in h.text for h in searcher.search("品鉴笔记", k=3, mode="bm25"))
    (src / "tea.txt").write_text((ARTICLES / "tea.txt").read_text(encoding="utf-8"), encoding="utf-8")
    store.ingest([src])
    assert any("品鉴笔记" in h.text for h in searcher.search("品鉴笔记", k=3, mode="bm25"))  # the searcher follows the store
    assert len(list((hash_settings.home / "keywords").glob("*.pkl"))) == 1  # the stale file is gone


@pytest.mark.parametrize("content", [b"", b"not a pickle", b"\x80\x05N."], ids=["empty", "garbage", "wrong-object"])
def test_unreadable_saved_index_is_rebuilt(hash_settings, content):
    store = Store(hash_settings)
    store.ingest([ARTICLES])
    (path,) = (hash_settings.home / "keywords").glob("*.pkl")
    path.write_bytes(content)
    assert KeywordIndex.load(path, store.revision()) is None
    assert HybridSearcher(Store(hash_settings)).bm25_ranking("陶艺", 3)
    assert KeywordIndex.load(path, store.revision()) is not None  # and saved again


def test_concurrent_first_searches_share_one_build(tmp_path):
    """Two processes search a fresh home at once: one builds, the other waits for it; both answer."""
    code = ("import sys; from assistant.retrieval import search; "
            "hits = search('仪式感', k=2); print(len(hits)); sys.exit(0 if hits else 3)")
    # The real embedder: its first build takes long enough that a waiter without the shared build gave up.
    env = {"ASSISTANT_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin",
           "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for _ in range(3)]
    results = [p.communicate(timeout=600) for p in procs]
    for p, (out, err) in zip(procs, results):
        assert p.returncode == 0, err
        assert out.strip() == "2"
