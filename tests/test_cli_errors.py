"""Ordinary mistakes end in one line on stderr and exit 2; only a real bug shows a traceback (exit 1)."""
import os
import socket
import sqlite3
import subprocess
import sys

import pytest
from conftest import ROOT


def _env(tmp_path, extra):
    env = dict(os.environ, PYTHONPATH=str(ROOT), ASSISTANT_HOME=str(tmp_path / "home"), ASSISTANT_EMBEDDINGS="hash")
    for k in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "CHROMA_HOST", "CHROMA_PORT"):
        env.pop(k, None)
    env.update(extra)
    return env


def run(tmp_path, args, extra=None, stdin=""):
    return subprocess.run([sys.executable, "-m", "assistant", *args], input=stdin.encode(), capture_output=True,
                          env=_env(tmp_path, extra or {}), timeout=180)


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _setup(tmp_path, case):
    """Files a case needs; returns (args, env) with {tmp} filled in."""
    (tmp_path / "a_file").write_text("x")
    (tmp_path / "page.html").write_text("<html><body><h1>标题</h1><p>正文段落,足够长的一句话。</p></body></html>")
    args, env = case
    fill = lambda v: v.replace("{tmp}", str(tmp_path)) if isinstance(v, str) else v  # noqa: E731
    return [fill(a) for a in args], {k: fill(v) for k, v in env.items()}


CASES = {
    "output into a missing folder": (["calendar", "书店", "-o", "{tmp}/missing/week.md"], {}),
    "output onto a folder": (["calendar", "书店", "-o", "{tmp}"], {}),
    "clean output onto an existing file": (["clean", "{tmp}/page.html", "-o", "{tmp}/a_file"], {}),
    "port out of range": (["serve", "--port", "70000"], {}),
    "port not a number": (["serve", "--port", "abc"], {}),
    "CHROMA_PORT not a number": (["search", "群规"], {"CHROMA_PORT": "eighty"}),
    "ASSISTANT_MODEL_TIMEOUT not a number": (["ask", "群规怎么定"], {"ASSISTANT_MODEL_TIMEOUT": "soon"}),
    "GRADIO_SERVER_PORT not a number": (["serve"], {"GRADIO_SERVER_PORT": "x"}),
    "unknown ASSISTANT_EMBEDDINGS": (["search", "群规"], {"ASSISTANT_EMBEDDINGS": "bert"}),
    "ASSISTANT_HOME is a file": (["search", "群规"], {"ASSISTANT_HOME": "{tmp}/a_file"}),
    "ASSISTANT_HOME cannot be created": (["search", "群规"], {"ASSISTANT_HOME": "{tmp}/a_file/home"}),
    "days out of range": (["calendar", "书店", "--days", "40"], {}),
    "start past the last date": (["calendar", "盆景", "--start", "9999-12-27"], {}),
    "days run past the last date": (["calendar", "盆景", "--start", "9999-12-20", "--days", "14"], {}),
    "unknown group type": (["lint", "--group-type", "vip", "-"], {}),
    "unknown calendar group type": (["calendar", "书店", "--group-type", "vip"], {}),
    "unknown goal group type": (["goal", "书店", "--group-type", "vip"], {}),
    "empty business": (["goal", "  "], {}),
    "goal --json with --format text": (["goal", "书店", "--json", "--format", "text"], {}),
    "missing lint file": (["lint", "{tmp}/nope.txt"], {}),
    "Chroma server not there": (["search", "群规"], {"CHROMA_HOST": "127.0.0.1", "CHROMA_PORT": str(_closed_port())}),
}


@pytest.mark.parametrize("name", list(CASES))
def test_ordinary_mistake_is_one_line_exit_2(tmp_path, name):
    args, env = _setup(tmp_path, CASES[name])
    r = run(tmp_path, args, env, stdin="今天打卡第3天\n")
    err = r.stderr.decode()
    assert r.returncode == 2, err
    assert "Traceback" not in err
    lines = [x for x in err.splitlines() if x.strip()]
    assert len(lines) == 1, err


def test_undecodable_argument_is_named(tmp_path):
    r = subprocess.run([sys.executable, "-m", "assistant", "goal", b"\xff\xfe shop"], capture_output=True,
                       env=_env(tmp_path, {}), timeout=60)
    err = r.stderr.decode()
    assert r.returncode == 2 and "Traceback" not in err
    assert "\\xff" in err and len(err.strip().splitlines()) == 1


def test_port_in_use_is_one_line(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        r = run(tmp_path, ["serve", "--port", str(port)])
    err = r.stderr.decode()
    assert r.returncode == 2 and "Traceback" not in err
    assert str(port) in err.strip().splitlines()[-1]


def test_read_only_index_is_one_line(monkeypatch, capsys):
    from assistant import cli, retrieval

    def boom(*a, **k):
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(retrieval, "get_searcher", boom)
    assert cli.main(["search", "群规"]) == 2
    err = capsys.readouterr().err
    assert "只读" in err and len(err.strip().splitlines()) == 1


def test_damaged_index_is_one_line_and_ingest_rebuilds_it(tmp_path):
    assert run(tmp_path, ["ingest"]).returncode == 0
    store = tmp_path / "home" / "chroma"
    db = store / (store / "CURRENT").read_text().strip() / "chroma.sqlite3"
    db.write_bytes(b"junk junk junk")
    r = run(tmp_path, ["search", "群规"])
    err = r.stderr.decode()
    assert r.returncode == 2 and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert str(db) in err and "assistant ingest --rebuild" in err
    r = run(tmp_path, ["goal", "盆景"])  # planning goes on without the articles, and says why
    assert r.returncode == 0 and "检索文章时出错,本次没有引用" in r.stdout.decode()
    r = run(tmp_path, ["ingest"])
    err = r.stderr.decode()
    assert r.returncode == 0 and "Traceback" not in err and str(db) in err and "重新建立索引" in err
    assert run(tmp_path, ["search", "群规"]).returncode == 0


def test_a_real_bug_shows_a_traceback_and_exit_1(monkeypatch, capsys):
    from assistant import cli, retrieval

    def bug(*a, **k):
        raise ValueError("an internal invariant broke")

    monkeypatch.setattr(retrieval, "get_searcher", bug)
    assert cli.main(["search", "群规"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" in err and "an internal invariant broke" in err and cli.BUG_HINT in err


@pytest.mark.parametrize("arg, says", [
    ("今晚群里发红包", "echo '帖子内容' | assistant lint"),  # the post typed where a file name goes
    ("tests", "是文件夹"),
])
def test_lint_says_what_to_do_with_a_post_or_a_folder(tmp_path, arg, says):
    r = run(tmp_path, ["lint", str(ROOT / arg) if arg == "tests" else arg])
    assert r.returncode == 2 and says in r.stderr.decode() and "Traceback" not in r.stderr.decode()


@pytest.mark.parametrize("args, says", [
    (["calendar", "书店", "--bogus"], "不认识的参数:--bogus"),
    (["calendar"], "缺少参数:business"),
    (["lint", "--format", "xml", "-"], "参数 --format 不能取 'xml'"),
    (["calendar", "书店", "--days"], "参数 --days 后面要跟一个值"),
    (["serve", "--port", "abc"], "参数 --port:端口必须是整数"),
    (["frobnicate"], "不能取 'frobnicate'"),
])
def test_usage_errors_are_in_chinese(capsys, args, says):
    from assistant import cli

    with pytest.raises(SystemExit) as exit_:
        cli.main(args)
    err = capsys.readouterr().err
    assert exit_.value.code == 2 and says in err and "argument" not in err and len(err.strip().splitlines()) == 1
