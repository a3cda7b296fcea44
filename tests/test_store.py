"""Ingestion into Chroma: content-addressed chunks, one writer, crash safety, server mode."""
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT

from assistant.retrieval import HybridSearcher
from assistant.settings import Settings
from assistant.store import EmbedderMismatch, Store, StoreError, StoreInUse, _close_client

ARTICLES = FIXTURES / "articles"


def test_ingest_then_reingest_does_no_work(hash_settings, tmp_path):
    src = tmp_path / "articles"
    shutil.copytree(ARTICLES, src)
    store = Store(hash_settings)
    first = store.ingest([src])
    assert first.files == 2 and first.chunks_added > 0 and not first.errors
    again = store.ingest([src])
    assert again.chunks_added == 0 and again.chunks_removed == 0
    assert again.chunks_unchanged == first.chunks_added
    assert store.count() == first.chunks_added


def test_changed_file_replaces_its_chunks(hash_settings, tmp_path):
    src = tmp_path / "articles"
    shutil.copytree(ARTICLES, src)
    store = Store(hash_settings)
    store.ingest([src])
    before = store.collection.get(include=["metadatas", "documents"])
    tea_before = {i for i, m in zip(before["ids"], before["metadatas"]) if m["source"] == "tea.txt"}
    f = src / "pottery.md"
    f.write_text(f.read_text(encoding="utf-8").replace("手写的感谢卡", "电子勋章"), encoding="utf-8")
    r = store.ingest([src])
    assert r.chunks_added >= 1 and r.chunks_removed == r.chunks_added
    after = store.collection.get(include=["metadatas", "documents"])
    assert len(after["ids"]) == len(set(after["ids"])) == store.count() == len(before["ids"])
    assert any("电子勋章" in d for d in after["documents"])
    assert not any("手写的感谢卡" in d for d in after["documents"])
    assert tea_before <= set(after["ids"])  # the unchanged file kept its chunks


def test_bad_file_does_not_stop_the_others(hash_settings, tmp_path):
    src = tmp_path / "mixed"
    shutil.copytree(ARTICLES, src)
    (src / "broken.txt").write_bytes(b"\xff\xfe\xfa\xfb\x80\x81" * 20)
    (src / "empty.md").write_text("", encoding="utf-8")
    store = Store(hash_settings)
    r = store.ingest([src, tmp_path / "missing-folder"])
    assert r.files == 2 and store.count() > 0
    joined = "\n".join(r.errors)
    assert "broken.txt" in joined and "empty.md" in joined and "missing-folder" in joined


def test_embedder_mismatch_names_rebuild(hash_settings):
    Store(hash_settings).ingest([ARTICLES])
    other = hash_settings.with_(embeddings="hash:128")
    with pytest.raises(EmbedderMismatch, match="assistant ingest --rebuild"):
        Store(other).count()
    r = Store(other).ingest([ARTICLES], rebuild=True)
    assert r.chunks_added > 0 and Store(other).count() == r.chunks_added


def _damage(settings, how: str) -> Path:
    """Overwrite the published index's database; the in-process Chroma system is closed so it is read again."""
    gen = Store(settings).current_generation()
    db = settings.store_dir / gen / "chroma.sqlite3"
    _close_client(settings.store_dir / gen)
    if how == "junk":
        db.write_bytes(b"junk junk junk")
    else:  # the header survives, the pages behind it do not
        with open(db, "r+b") as fh:
            fh.seek(8192)
            fh.write(random.Random(0).randbytes(db.stat().st_size - 16384))
    return db


@pytest.mark.parametrize("how", ["junk", "pages"])
def test_damaged_index_names_the_file_and_the_rebuild(hash_settings, tmp_path, how):
    Store(hash_settings).ingest([ARTICLES])
    db = _damage(hash_settings, how)
    with pytest.raises(StoreError) as e:
        HybridSearcher(Store(hash_settings)).search("茶")
    assert str(db) in str(e.value) and "assistant ingest --rebuild" in str(e.value)


def test_ingest_rebuilds_a_damaged_index_and_says_so(hash_settings):
    first = Store(hash_settings).ingest([ARTICLES])
    db = _damage(hash_settings, "junk")
    report = Store(hash_settings).ingest([ARTICLES])
    assert not report.errors and report.chunks_added == first.chunks_added and report.chunks_unchanged == 0
    assert len(report.notices) == 1 and str(db) in report.notices[0] and "再加一次" in report.notices[0]
    assert HybridSearcher(Store(hash_settings)).search("茶", k=1)


def _tree(*roots: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for r in roots for p in sorted(r.rglob("*")) if p.is_file()}


def _damage_more(settings, how: str) -> None:
    """More ways an embedded index goes bad than an unreadable file: emptied, records or their sources lost."""
    import sqlite3

    gen = Store(settings).current_generation()
    db = settings.store_dir / gen / "chroma.sqlite3"
    _close_client(settings.store_dir / gen)
    if how == "emptied":  # the file is there, with nothing in it
        db.write_bytes(b"")
        return
    con = sqlite3.connect(db)
    if how == "no-sources":
        con.execute("DELETE FROM embedding_metadata WHERE key = 'source' AND rowid % 3 = 0")
    elif how == "table-gone":
        con.execute("DROP TABLE embeddings")
    con.commit()
    con.close()


@pytest.mark.parametrize("how", ["junk", "pages", "emptied", "no-sources", "table-gone"])
def test_a_damaged_index_is_rebuilt_before_serving_and_nothing_else_is_touched(hash_settings, tmp_path, how):
    own = tmp_path / "mine"
    shutil.copytree(ARTICLES, own)
    keep = hash_settings.home / "my-notes.txt"  # something of the user's beside the index
    keep.parent.mkdir(parents=True, exist_ok=True)
    keep.write_text("群主自己的笔记", encoding="utf-8")
    Store(hash_settings).ingest([hash_settings.corpus_dir, own])
    before = Store(hash_settings).all_records()
    files = _tree(own, hash_settings.corpus_dir, keep.parent / "my-notes.txt")
    (_damage if how in ("junk", "pages") else _damage_more)(hash_settings, how)
    store = Store(hash_settings)
    assert store.damage()
    said: list[str] = []
    report = store.ensure_ready(say=said.append)
    assert len(said) == 1 and "已损坏" in said[0] and "重新建立" in said[0] and "2 篇" in said[0], said
    assert report.chunks_added == len(before["ids"]) and not report.errors
    after = Store(hash_settings)
    assert after.damage() is None and sorted(after.all_records()["ids"]) == sorted(before["ids"])  # own articles too
    assert HybridSearcher(after).search("陶艺 杯子", k=1)[0].source == "pottery.md"
    assert _tree(own, hash_settings.corpus_dir, keep.parent / "my-notes.txt") == files
    said.clear()
    assert Store(hash_settings).ensure_ready(say=said.append) is None and not said  # whole now: nothing to do


def test_a_healthy_index_is_served_as_it_is(hash_settings):
    said: list[str] = []
    first = Store(hash_settings).ensure_ready(say=said.append)
    assert first.chunks_added > 0 and said == ["首次启动:正在建立文章索引……"]
    gen = Store(hash_settings).current_generation()
    said.clear()
    assert Store(hash_settings).damage() is None and Store(hash_settings).ensure_ready(say=said.append) is None
    assert not said and Store(hash_settings).current_generation() == gen


def test_an_own_article_whose_file_is_gone_is_named_and_put_back_from_the_saved_passages(hash_settings, tmp_path):
    """Nothing is lost: the passages the last ingest saved beside the index go back into the rebuilt one."""
    own = tmp_path / "mine"
    shutil.copytree(ARTICLES, own)
    Store(hash_settings).ingest([hash_settings.corpus_dir, own])
    before = Store(hash_settings).all_records()
    (own / "pottery.md").unlink()
    _damage(hash_settings, "junk")  # nothing of the database itself can be read
    said: list[str] = []
    Store(hash_settings).ensure_ready(say=said.append)
    assert len(said) == 1 and "1 篇以前加过的文章找不到原文件" in said[0] and "pottery.md" in said[0], said
    assert "已按旧索引里存着的段落放回索引" in said[0] and "和你加过的 1 篇文章" in said[0] and "damaged-" not in said[0]
    after = Store(hash_settings)
    records = after.all_records()
    assert sorted(records["ids"]) == sorted(before["ids"])  # the same passages, ids, text and details
    assert sorted(zip(records["ids"], records["documents"], [sorted(m.items()) for m in records["metadatas"]])) == \
        sorted(zip(before["ids"], before["documents"], [sorted(m.items()) for m in before["metadatas"]]))
    assert after.damage() is None and HybridSearcher(after).search("陶艺 杯子", k=1)[0].source == "pottery.md"
    assert not list(hash_settings.store_dir.glob("damaged-*"))  # nothing left to recover from it
    Store(hash_settings).ingest([hash_settings.corpus_dir])  # a later corpus ingest keeps it, as any own article
    assert "pottery.md" in {m["source"] for m in Store(hash_settings).all_records()["metadatas"]}


@pytest.mark.parametrize("how", ["junk", "no-sources"])
def test_a_damaged_index_that_cannot_be_listed_is_kept_and_named(hash_settings, tmp_path, how):
    """Without the saved passages (the keyword index beside it is gone) a lost article cannot be put back: the
    damaged index is kept whole where no ingest clears it, and the one line says where."""
    own = tmp_path / "mine"
    shutil.copytree(ARTICLES, own)
    Store(hash_settings).ingest([hash_settings.corpus_dir, own])
    gen = Store(hash_settings).current_generation()
    (own / "pottery.md").unlink()
    (_damage if how == "junk" else _damage_more)(hash_settings, how)
    for pkl in (hash_settings.home / "keywords").glob("*.pkl"):
        pkl.unlink()
    damaged = _records(hash_settings.store_dir / gen / "chroma.sqlite3")
    said: list[str] = []
    Store(hash_settings).ensure_ready(say=said.append)
    kept = hash_settings.store_dir / f"damaged-{gen}"
    assert len(said) == 1 and f"损坏的旧索引原样留在 {kept}" in said[0] and "只保留最近 3 份" in said[0], said
    if how == "no-sources":  # the raw database still names the lost article
        assert "1 篇以前加过的文章找不到原文件" in said[0] and "pottery.md" in said[0]
    assert not (hash_settings.store_dir / gen).exists() and Store(hash_settings).damage() is None
    Store(hash_settings).ingest([own])
    Store(hash_settings).ingest([hash_settings.corpus_dir], rebuild=True)
    assert kept.is_dir() and _records(kept / "chroma.sqlite3") == damaged  # later ingests leave it be


@pytest.mark.parametrize("earlier, left", [(0, 0), (2, 2), (3, 2), (5, 2)])
def test_only_the_newest_damaged_indexes_are_kept(hash_settings, tmp_path, earlier, left):
    """Each kept damaged index stays until newer ones replace it: the newest 3 are kept, older ones are deleted
    with a line naming them."""
    own = tmp_path / "mine"
    shutil.copytree(ARTICLES, own)
    Store(hash_settings).ingest([hash_settings.corpus_dir, own])
    gen = Store(hash_settings).current_generation()
    now = time.time()
    olds = []
    for i in range(earlier):  # kept by earlier rebuilds, the first one the oldest
        old = hash_settings.store_dir / f"damaged-gen-earlier{i}"
        old.mkdir()
        (old / "chroma.sqlite3").write_bytes(b"old")
        os.utime(old, (now - 3600 * (earlier - i), now - 3600 * (earlier - i)))
        olds.append(old)
    (own / "pottery.md").unlink()
    _damage(hash_settings, "junk")
    for pkl in (hash_settings.home / "keywords").glob("*.pkl"):
        pkl.unlink()
    said: list[str] = []
    Store(hash_settings).ensure_ready(say=said.append)
    assert (hash_settings.store_dir / f"damaged-{gen}").is_dir()  # the new one is always kept
    assert [o.exists() for o in olds] == [i >= earlier - left for i in range(earlier)]
    gone = [o.name for o in olds if not o.exists()]
    assert len(said) == (2 if gone else 1), said
    if gone:
        assert "只保留最近 3 份" in said[1] and all(name in said[1] for name in gone)
        assert not any(o.name in said[1] for o in olds if o.exists())


@pytest.mark.parametrize("oldest", ["marked", "kept by an older version"])
def test_the_newest_damaged_indexes_go_by_when_they_were_kept_not_by_the_folders_time(hash_settings, tmp_path,
                                                                                      oldest):
    """Opening an old kept index (sqlite's journal, a copy tool) moves its folder's time: it is still the oldest,
    by the time recorded when it was kept, and the one deleted. One kept by an older version (no record) goes by
    its folder's time and is older than every recorded one."""
    own = tmp_path / "mine"
    shutil.copytree(ARTICLES, own)
    Store(hash_settings).ingest([hash_settings.corpus_dir, own])
    gen = Store(hash_settings).current_generation()
    now = time.time()
    olds = []
    for i in range(3):  # kept by earlier rebuilds, the first one the oldest
        old = hash_settings.store_dir / f"damaged-gen-earlier{i}"
        old.mkdir()
        (old / "chroma.sqlite3").write_bytes(b"old")
        at = now - 3600 * (3 - i)
        if i or oldest == "marked":
            (old / "KEPT_AT").write_text(repr(at), encoding="utf-8")  # the record, as a rebuild writes it
        os.utime(old, (at, at))
        olds.append(old)
    (olds[0] / "chroma.sqlite3-journal").write_bytes(b"")  # the oldest was opened since: its folder's time moved
    os.utime(olds[0], (now + 60, now + 60))
    (own / "pottery.md").unlink()
    _damage(hash_settings, "junk")
    for pkl in (hash_settings.home / "keywords").glob("*.pkl"):
        pkl.unlink()
    said: list[str] = []
    Store(hash_settings).ensure_ready(say=said.append)
    kept = hash_settings.store_dir / f"damaged-{gen}"
    assert kept.is_dir() and [o.exists() for o in olds] == [False, True, True], said
    assert len(said) == 2 and olds[0].name in said[1] and olds[1].name not in said[1], said
    assert float((kept / "KEPT_AT").read_text(encoding="utf-8")) >= now  # the new one's time, recorded when kept


def _records(db: Path):
    """What a (damaged) database holds: its bytes when sqlite cannot read it, else its metadata rows (Chroma
    opening it bumps the file's change counter, nothing else)."""
    import sqlite3

    try:
        con = sqlite3.connect(db)
        try:
            return sorted(con.execute("SELECT id, key, string_value, int_value FROM embedding_metadata").fetchall())
        finally:
            con.close()
    except sqlite3.Error:
        return db.read_bytes()


@pytest.mark.parametrize("old_install", ["removed", "still there"])
def test_bundled_articles_of_an_install_that_moved_are_not_taken_for_own_ones(hash_settings, tmp_path, old_install):
    """The index records the corpus at the old install's folder; the bundled articles are known by what they are
    (the same passages, or the same place in a corpus folder and the same title), not by that path."""
    old, new, own = tmp_path / "old" / "corpus", tmp_path / "new" / "corpus", tmp_path / "mine"
    shutil.copytree(ROOT / "corpus", old)
    shutil.copytree(ROOT / "corpus", new)
    shutil.copytree(ARTICLES, own)
    revised = new / "001_91599f05537e4dbb.md"  # the upgrade revised one article's text (its title stays)
    text = revised.read_text(encoding="utf-8")
    paragraph = text.split("\n\n")[-1]
    revised.write_text(text.replace(paragraph, "升级后改写的一段:群主每周五晚上在群里做一次答疑。"), encoding="utf-8")
    Store(hash_settings.with_(corpus_dir=old)).ingest([old, own])
    _damage(hash_settings, "junk")
    if old_install == "removed":
        shutil.rmtree(old)
    moved = hash_settings.with_(corpus_dir=new)
    said: list[str] = []
    Store(moved).ensure_ready(say=said.append)
    assert len(said) == 1 and "和你加过的 2 篇文章" in said[0], said
    assert "找不到原文件" not in said[0] and "damaged-" not in said[0]
    paths = {m["path"] for m in Store(moved).all_records()["metadatas"]}
    assert paths == {str(f.resolve()) for f in [*new.glob("*.md"), *own.iterdir()]}  # nothing at the old folder
    assert Store(moved).ensure_ready(say=said.append) is None and len(said) == 1


def test_an_own_folder_named_like_the_corpus_is_still_own(hash_settings, tmp_path):
    """Only the same place and the same title make an article a bundled one: a folder of the user's own called
    corpus, with an article of another name, stays the user's."""
    own = tmp_path / "notes" / "corpus"
    own.mkdir(parents=True)
    (own / "001_91599f05537e4dbb.md").write_text("# 我自己的笔记\n\n读书会每月共读一本书,月底线下分享。\n",
                                                  encoding="utf-8")
    shutil.copy(ARTICLES / "tea.txt", own / "tea.txt")
    Store(hash_settings).ingest([hash_settings.corpus_dir, own])
    _damage(hash_settings, "junk")
    said: list[str] = []
    Store(hash_settings).ensure_ready(say=said.append)
    assert len(said) == 1 and "和你加过的 2 篇文章" in said[0], said
    sources = [m["path"] for m in Store(hash_settings).all_records()["metadatas"]]
    assert str((own / "001_91599f05537e4dbb.md").resolve()) in sources


def test_a_damaged_index_on_a_chroma_server_is_one_line_and_never_wiped(hash_settings, monkeypatch):
    settings = hash_settings.with_(chroma_host="127.0.0.1", chroma_port=8000)
    monkeypatch.setattr(Store, "damage", lambda self: "记录数 65 和实际读到的 60 条对不上")
    monkeypatch.setattr(Store, "ingest", lambda *a, **k: pytest.fail("a server's index must not be rebuilt unasked"))
    monkeypatch.setattr(Store, "_ingest_locked", lambda *a, **k: pytest.fail("a server's index must not be rebuilt"))
    with pytest.raises(StoreError) as e:
        Store(settings).ensure_ready(say=lambda line: pytest.fail(line))
    message = str(e.value)
    assert len(message.splitlines()) == 1 and "127.0.0.1:8000" in message and "assistant ingest --rebuild" in message
    assert "不会自动清空" in message


def test_second_writer_gets_in_use_error(hash_settings):
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys,time; sys.path.insert(0, sys.argv[1]);"
         "from assistant.settings import Settings; from assistant.store import Store;"
         "s = Store(Settings.from_env({'ASSISTANT_HOME': sys.argv[2], 'ASSISTANT_EMBEDDINGS': 'hash'}));"
         "cm = s.writer(); cm.__enter__(); print('locked', flush=True); time.sleep(30)",
         str(ROOT), str(hash_settings.home)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        t = time.monotonic()
        with pytest.raises(StoreInUse, match="另一个进程"):
            Store(hash_settings).ingest([ARTICLES])
        assert time.monotonic() - t < 10
    finally:
        holder.kill()
        holder.wait()
    assert Store(hash_settings).ingest([ARTICLES]).chunks_added > 0  # free again once it is gone


def _health(home: Path) -> dict:
    store = Store(Settings.from_env({"ASSISTANT_HOME": str(home)}))
    h = store.check()
    if h["count"]:
        h["search"] = len(HybridSearcher(store, build_if_empty=False).search("长期目标", k=3))
    return h


def test_kill_minus_nine_leaves_a_usable_store(e5_settings, tmp_path):
    """kill -9 at random points of ingest: the store still opens and searches, its count matches its
    ids, every chunk is found by its own embedding, and the next ingest completes the work."""
    rng = random.Random(20261122)
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    env = dict(os.environ, ASSISTANT_HOME=str(e5_settings.home), PYTHONPATH=str(ROOT))
    baseline = _health(e5_settings.home)
    assert baseline["count"] > 0 and baseline["unreachable"] == 0
    for round_ in range(4):
        # Change two articles so ingest has real work: new chunks to embed and old ones to remove.
        for f in rng.sample(sorted(corpus.glob("*.md")), 2):
            f.write_text(f.read_text(encoding="utf-8") + f"\n\n第{round_}轮补充:坚持共同目标的群才能长久。\n", encoding="utf-8")
        args = [sys.executable, "-m", "assistant", "ingest", str(corpus)] + (["--rebuild"] if round_ == 3 else [])
        p = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 4.0))
        p.send_signal(signal.SIGKILL)
        p.wait()
        h = _health(e5_settings.home)
        assert h["count"] == h["ids"] and h["unreachable"] == 0, h
        assert h["count"] > 0 and h.get("search", 0) > 0, h
    done = subprocess.run([sys.executable, "-m", "assistant", "ingest", str(corpus)], env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    h = _health(e5_settings.home)
    assert h["count"] == h["ids"] and h["unreachable"] == 0
    docs = Store(Settings.from_env({"ASSISTANT_HOME": str(e5_settings.home)})).collection.get()["documents"]
    assert any("第3轮补充" in d for d in docs)
    # Leftovers of killed runs are cleaned up: only the published generation and its predecessor stay.
    assert len(list((e5_settings.home / "chroma").glob("gen-*"))) <= 2


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.server
def test_chroma_server_ingest_and_search(tmp_path):
    chroma = Path(sys.executable).with_name("chroma")
    if not chroma.exists():
        pytest.skip("chroma CLI not installed")
    port = _free_port()
    server = subprocess.Popen([str(chroma), "run", "--path", str(tmp_path / "srv"), "--host", "127.0.0.1",
                               "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.2)
        settings = Settings.from_env({"ASSISTANT_HOME": str(tmp_path / "home"), "CHROMA_HOST": "127.0.0.1",
                                      "CHROMA_PORT": str(port), "ASSISTANT_EMBEDDINGS": "hash"})
        store = Store(settings)
        r = store.ingest([ARTICLES])
        assert r.chunks_added > 0 and store.count() == r.chunks_added
        assert Store(settings).ingest([ARTICLES]).chunks_added == 0
        hits = HybridSearcher(store).search("陶艺 杯子", k=2)
        assert hits and hits[0].source == "pottery.md"
        assert not (tmp_path / "home" / "chroma").exists()  # nothing written locally
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_own_articles_survive_a_corpus_ingest_and_deleted_files_are_pruned(hash_settings, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    mine = tmp_path / "mine"
    shutil.copytree(ARTICLES, mine)
    store = Store(hash_settings)
    store.ingest([corpus])
    store.ingest([mine])
    store.ingest([corpus])  # a later corpus ingest must not drop the user's own articles
    sources = {m["source"] for m in store.collection.get(include=["metadatas"])["metadatas"]}
    assert {"pottery.md", "tea.txt"} <= sources and len(sources) == 7
    (mine / "tea.txt").unlink()
    r = store.ingest([mine])
    sources = {m["source"] for m in store.collection.get(include=["metadatas"])["metadatas"]}
    assert "tea.txt" not in sources and "pottery.md" in sources and r.chunks_removed > 0
    (corpus / "003_58cc4b66d020378c.md").unlink()
    store.ingest([corpus])
    sources = {m["source"] for m in store.collection.get(include=["metadatas"])["metadatas"]}
    assert "003_58cc4b66d020378c.md" not in sources and "pottery.md" in sources


def test_same_file_name_in_two_folders_kept_apart(hash_settings, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    (a / "notes.md").write_text("# 甲\n\n甲文章讲的是读书会的共同目标,每月共读一本书。\n", encoding="utf-8")
    (b / "notes.md").write_text("# 乙\n\n乙文章讲的是跑团的共同目标,每周一起跑三次。\n", encoding="utf-8")
    store = Store(hash_settings)
    store.ingest([a])
    store.ingest([b])
    docs = store.collection.get()["documents"]
    assert any("读书会" in d for d in docs) and any("跑团" in d for d in docs)


class _Stream:
    def __init__(self, tty: bool) -> None:
        self.tty, self.parts = tty, []

    def isatty(self) -> bool:
        return self.tty

    def write(self, s: str) -> None:
        self.parts.append(s)

    def flush(self) -> None:
        pass


@pytest.mark.parametrize("tty", [False, True], ids=["pipe", "terminal"])
def test_progress_warns_with_an_estimate_and_reports_periodically(tty):
    from assistant.store import _ProgressBar

    now = [0.0]
    stream = _Stream(tty)
    bar = _ProgressBar(1000, stream=stream, clock=lambda: now[0])
    for done in range(32, 1001, 32):
        now[0] += 4.0  # 32 chunks every 4 s: about two minutes in all
        bar.update(min(done, 1000))
    bar.update(1000)
    bar.close()
    text = "".join(stream.parts)
    assert "预计需要约 2 分钟" in text
    lines = [p for p in stream.parts if p.startswith("嵌入中")] if not tty else []
    if not tty:
        assert 9 <= len(lines) <= 12 and lines[-1].startswith("嵌入中 1000/1000(100%)")
    else:
        assert "\r嵌入中 [" in text


def test_short_job_gives_no_estimate_warning():
    from assistant.store import _ProgressBar

    now = [0.0]
    stream = _Stream(False)
    bar = _ProgressBar(64, stream=stream, clock=lambda: now[0])
    now[0] = 1.0
    bar.update(32)
    now[0] = 2.0
    bar.update(64)
    assert not any("预计需要" in p for p in stream.parts)
