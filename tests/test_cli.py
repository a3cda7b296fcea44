"""The command line: names, shapes and exit codes that scripts rely on."""
import json
import os
import subprocess
import sys

import pytest
from conftest import FIXTURES, ROOT

from assistant.guard import lint_post


def run(args, *, env_extra=None, stdin=None, home=None):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for k in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "CHROMA_HOST"):
        env.pop(k, None)
    if home:
        env["ASSISTANT_HOME"] = str(home)
    env.update(env_extra or {})
    return subprocess.run([sys.executable, "-m", "assistant", *args], input=stdin, capture_output=True,
                          env=env, timeout=300, **({"text": True} if isinstance(stdin, (str, type(None))) else {}))


def test_help_lists_commands():
    r = run(["--help"])
    assert r.returncode == 0
    for cmd in ("ingest", "search", "lint", "ask", "goal", "calendar", "serve"):
        assert cmd in r.stdout


@pytest.mark.parametrize("args", [["--version"], ["--version", "calendar"]])
def test_version_prints_the_package_version(args):
    import tomllib

    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    r = run(args)
    assert r.returncode == 0 and r.stdout.strip() == f"assistant {version}" and not r.stderr


def test_lint_batch_json_one_object_per_post():
    r = run(["lint", "--batch", "--format", "json"], stdin="今晚8点群里发红包,进群就送\n\n今天打卡第3天\n领券再减30\n")
    assert r.returncode == 1
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    assert [x["flagged"] for x in lines] == [True, False, True]
    assert [x["line"] for x in lines] == [1, 3, 4]
    f = lines[0]["findings"][0]
    assert {"code", "name", "severity", "message", "start", "end", "excerpt", "rationale", "suggestion"} <= set(f)


def test_a_red_packet_announcement_is_never_silently_clean():
    # 「今晚8点群里发红包,人人有份」 is a family elder's line as often as an owner's lure (our labelled data has it
    # both ways), so the learned stage may leave it unflagged; the word the articles warn about still shows as a
    # warning in the JSON, and the API's market_norms keeps it for the chains.
    r = run(["lint", "--batch", "--format", "json"], stdin="今晚8点群里发红包,人人有份\n")
    out = json.loads(r.stdout.splitlines()[0])
    assert any(f["code"] == "MN001" and f["severity"] in ("warning", "error") for f in out["findings"])
    assert lint_post("今晚8点群里发红包,人人有份").market_norms


def test_lint_text_is_linter_style(tmp_path):
    post = tmp_path / "post.txt"
    post.write_text("大家好\n今晚8点群里发红包\n", encoding="utf-8")
    r = run(["lint", str(post)])
    assert r.returncode == 1
    assert f"{post}:2:8: MN001" in r.stdout


def test_lint_clean_exit_zero():
    r = run(["lint", "-"], stdin="今天跑了5公里,和大家一起坚持\n")
    assert r.returncode == 0 and r.stdout == ""


def test_lint_min_severity_and_group_type():
    text = "今晚全场5折\n"
    assert run(["lint", "--group-type", "flash"], stdin=text).returncode == 0
    assert run(["lint", "--group-type", "super"], stdin=text).returncode == 1
    r = run(["lint", "--group-type", "flash", "--min-severity", "suggestion", "--format", "json"], stdin=text)
    assert json.loads(r.stdout)["findings"][0]["severity"] == "suggestion"


def test_lint_bad_file_named_others_still_linted(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\xfa\xfb\x80\x81" * 10)
    good = tmp_path / "good.txt"
    good.write_text("领券再减30,今晚截止", encoding="utf-8")
    r = run(["lint", str(bad), str(good), "--format", "json"])
    assert r.returncode == 2
    assert "bad.txt" in r.stderr
    assert json.loads(r.stdout)["file"] == str(good)


def test_lint_usage_errors_exit_two(tmp_path):
    assert run(["lint", "--format", "xml"], stdin="x").returncode == 2
    assert run(["lint", str(tmp_path / "nope.txt")]).returncode == 2
    assert run(["lint", "--group-type", "nonsense"], stdin="x").returncode == 2


def test_ingest_and_search_json(tmp_path):
    home = tmp_path / "home"
    env = {"ASSISTANT_EMBEDDINGS": "hash"}
    r = run(["ingest", str(FIXTURES / "articles")], env_extra=env, home=home)
    assert r.returncode == 0, r.stderr
    assert "新增片段" in r.stdout
    r = run(["search", "--json", "-k", "2", "陶艺 杯子", "茶 红包"], env_extra=env, home=home)
    assert r.returncode == 0, r.stderr
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    assert [x["query"] for x in lines] == ["陶艺 杯子", "茶 红包"]
    assert len(lines[0]["hits"]) == 2 and set(lines[0]["hits"][0]) == {"text", "source", "title", "score"}
    assert lines[0]["hits"][0]["source"] == "pottery.md"


def test_search_blank_query_is_an_error(tmp_path):
    r = run(["search", "  "], env_extra={"ASSISTANT_EMBEDDINGS": "hash"}, home=tmp_path / "h")
    assert r.returncode == 2 and "不能为空" in r.stderr


def test_ingest_reports_bad_file_and_keeps_others(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "ok.md").write_text((FIXTURES / "articles" / "pottery.md").read_text(encoding="utf-8"), encoding="utf-8")
    (src / "bad.txt").write_bytes(b"\xff\xfe\xfa\xfb\x80\x81" * 10)
    r = run(["ingest", str(src), "--json"], env_extra={"ASSISTANT_EMBEDDINGS": "hash"}, home=tmp_path / "h")
    assert r.returncode == 2 and "bad.txt" in r.stderr
    assert json.loads(r.stdout)["chunks_added"] > 0


def test_clean_command(tmp_path):
    r = run(["clean", str(FIXTURES / "articles" / "tea.txt"), "-o", str(tmp_path)])
    assert r.returncode == 0
    out = (tmp_path / "tea.md").read_text(encoding="utf-8")
    assert out.startswith("---\ntitle: \"茶友会如何活跃\"") and "相关文章" not in out


def test_python_dash_m_and_console_script_agree():
    r = run(["lint", "--format", "json"], stdin="本群专属折扣码,今晚下单立减20")
    assert json.loads(r.stdout)["flagged"] is True


def test_lint_second_opinion_through_a_model(tmp_path, built_home):
    from openai_stub import StubOpenAI

    with StubOpenAI() as stub:
        stub.script = [{"text": '{"market_norm": false, "reason": "成员在聊自己的经历"}'}]
        env = {"OPENAI_API_KEY": "k", "OPENAI_BASE_URL": stub.base_url}
        r = run(["lint", "--second-opinion", "--format", "json"], stdin="我昨天下单了一本书,还没到\n", env_extra=env,
                home=built_home)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["flagged"] is False and out["second_opinion"]["reason"] == "成员在聊自己的经历"
    assert run(["lint", "--second-opinion"], stdin="x").returncode == 2  # no model configured


def test_goal_answers_flags_shape_the_plan(tmp_path):
    r = run(["goal", "开了个小店", "--members", "附近小区的退休阿姨", "--ideal", "每天有个地方聊天", "--json"],
            env_extra={"ASSISTANT_EMBEDDINGS": "hash"}, home=tmp_path / "h")
    assert r.returncode == 0, r.stderr
    plan = json.loads(r.stdout)
    assert plan["ideal"].startswith("附近小区的退休阿姨") and "每天有个地方聊天" in plan["ideal"]
    assert any("以回答为准" in n for n in plan["notices"])
    assert "--members" in run(["goal", "--help"]).stdout
    same = run(["goal", "开了个小店", "--members", "附近小区的退休阿姨", "--ideal", "每天有个地方聊天", "--format", "json"],
               env_extra={"ASSISTANT_EMBEDDINGS": "hash"}, home=tmp_path / "h")
    assert json.loads(same.stdout)["goal"] == plan["goal"] == "每天有个地方聊天"  # --format json as elsewhere


@pytest.mark.parametrize("name, starts", [("week.ics", "BEGIN:VCALENDAR"), ("week.csv", "\ufeff日期"), ("week.json", "{"),
                                          ("week.txt", "# 周话题日历")])
def test_calendar_output_format_follows_the_file_name(tmp_path, name, starts):
    out = tmp_path / name
    r = run(["calendar", "社区花店", "--days", "1", "-o", str(out)], env_extra={"ASSISTANT_EMBEDDINGS": "hash"},
            home=tmp_path / "h")
    assert r.returncode == 0, r.stderr
    assert out.read_text(encoding="utf-8").startswith(starts)


@pytest.mark.parametrize("start, warned, year_hint", [("2020-01-01", True, True), ("昨天", True, False), ("下周一", False, False)])
def test_calendar_start_in_the_past_is_made_but_noted(tmp_path, start, warned, year_hint):
    r = run(["calendar", "社区花店", "--days", "1", "--start", start], env_extra={"ASSISTANT_EMBEDDINGS": "hash"},
            home=tmp_path / "h")
    assert r.returncode == 0 and "# 周话题日历" in r.stdout
    assert ("已经过去" in r.stderr) is warned and ("年份" in r.stderr) is year_hint


def test_lint_summary_says_what_was_found(tmp_path):
    r = run(["lint", "-"], stdin="周末去爬山,门票一张八十块")
    assert r.returncode == 0 and "没有需要改写的" in r.stderr and "可以留意" in r.stderr
    assert "没有读到帖子内容" in run(["lint", "-"], stdin="").stderr


def test_ask_says_when_the_index_cannot_be_read(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    r = run(["ask", "群里没人说话怎么办?"], env_extra={"ASSISTANT_HOME": str(blocked / "home")})
    assert r.returncode == 2 and "检索文章时出错" in r.stderr and "Traceback" not in r.stderr


def lint_here(capsys, tmp_path, text, *args):
    """``assistant lint`` in this process (no interpreter start-up): exit code, stdout, stderr."""
    from assistant import cli

    post = tmp_path / "post.txt"
    post.write_text(text, encoding="utf-8")
    code = cli.main(["lint", str(post), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_lint_says_when_hints_are_hidden(capsys, tmp_path):
    # In a flash group prices are hints: the default view lists none, but says they are there and how to see them.
    text = "今晚全场5折,秒杀价99元\n"
    code, out, err = lint_here(capsys, tmp_path, text, "--group-type", "flash")
    assert code == 0 and out == ""
    assert "另有 3 条建议" in err and "--all" in err and "--min-severity suggestion" in err
    code, out, err = lint_here(capsys, tmp_path, text, "--group-type", "flash", "--all")
    assert code == 0 and out.count("[suggestion]") == 3 and "另有" not in err
    code, out, err = lint_here(capsys, tmp_path, text, "--group-type", "flash", "--format", "json")
    d = json.loads(out)
    assert d["findings"] == [] and d["hidden"] == 3  # the shape is kept; the count is added
    code, out, _ = lint_here(capsys, tmp_path, text, "--group-type", "flash", "--format", "json", "--all")
    d = json.loads(out)
    assert len(d["findings"]) == 3 and d["hidden"] == 0
    # Nothing hidden, nothing said; --all with --min-severity is a usage error.
    assert "另有" not in lint_here(capsys, tmp_path, "今天跑了5公里\n")[2]
    with pytest.raises(SystemExit) as e:
        lint_here(capsys, tmp_path, text, "--all", "--min-severity", "error")
    assert e.value.code == 2


def test_lint_hidden_hints_in_english(capsys, tmp_path):
    code, out, err = lint_here(capsys, tmp_path, "Everything 50% off tonight\n", "--group-type", "flash")
    assert code == 0 and out == "" and "hint" in err and "--all" in err and "另有" not in err


def test_lint_text_collapses_repeats_and_caps_the_list(capsys, tmp_path):
    # One phrase said 3,000 times is one line with its count, at the first place it is said.
    code, out, _ = lint_here(capsys, tmp_path, "大家好。" + "限时秒杀!" * 3000 + "\n")
    lines = out.splitlines()
    assert code == 1 and len(lines) == 2  # the finding and its advice
    assert lines[0].startswith(f"{tmp_path / 'post.txt'}:1:5: MN003 [error]") and "«限时秒杀» ×3000" in lines[0]
    # Many different phrases: at most 20 are listed, and the rest are counted.
    text = "".join(f"立减{i}元," for i in range(1, 40)) + "\n"
    code, out, _ = lint_here(capsys, tmp_path, text)
    listed = [x for x in out.splitlines() if ": MN0" in x]
    assert len(listed) == 20 and "另有 58 条没有列出" in out and "--max-findings" in out
    code, out, _ = lint_here(capsys, tmp_path, text, "--max-findings", "100")
    assert len([x for x in out.splitlines() if ": MN0" in x]) == 78 and "没有列出" not in out


def test_lint_json_keeps_every_finding_unless_asked(capsys, tmp_path):
    text = "限时秒杀!" * 3000 + "\n"
    d = json.loads(lint_here(capsys, tmp_path, text, "--format", "json")[1])
    assert len(d["findings"]) == 3000 and d["omitted"] == 0
    d = json.loads(lint_here(capsys, tmp_path, text, "--format", "json", "--max-findings", "5")[1])
    assert len(d["findings"]) == 5 and d["omitted"] == 2995 and d["flagged"] is True


def calendar_here(capsys, monkeypatch, home, *args):
    """``assistant calendar`` in this process, on a built index: exit code, stdout, stderr."""
    from assistant import cli

    monkeypatch.setenv("ASSISTANT_HOME", str(home))
    code = cli.main(["calendar", *args])
    out, err = capsys.readouterr()
    return code, out, err


GYM = "社区健身房,会员多是附近上班族"


@pytest.mark.parametrize("name, label", [
    # The names `lint --group-type` and `goal --group-type` take: key, label, English name, aliases, any case.
    ("flash", "快闪群"), ("快闪", "快闪群"), ("Flash Group", "快闪群"),
    ("newuser", "新用户群"), ("新客群", "新用户群"),
    ("super", "超级用户群"), ("VIP群", "超级用户群"),
    ("delivery", "交付群"), ("训练营", "交付群"), ("paid", "交付群"),
])
def test_calendar_group_type_takes_the_names_lint_and_goal_take(capsys, monkeypatch, built_home, name, label):
    from assistant.planner import choose_group_type

    code, out, err = calendar_here(capsys, monkeypatch, built_home, GYM, "--goal", "60天,改变身形", "--days", "2",
                                   "--group-type", name, "--format", "json")
    assert code == 0, err
    cal = json.loads(out)
    assert (cal["group_type"], cal["group_type_source"]) == (label, "given")
    assert len(cal["days"]) == 2 and set(cal) >= {"goal", "business", "mode", "notices", "token_usage", "days"}
    assert choose_group_type(GYM, name)[0] == label  # as `assistant goal --group-type` reads the name


@pytest.mark.parametrize("args, source", [([], "inferred"), (["--group-type", "goal"], "inferred"),
                                          (["--group-type", "交付群"], "given")])
def test_calendar_json_says_which_kind_and_where_it_came_from(capsys, monkeypatch, built_home, args, source):
    from assistant import cli

    code, out, err = calendar_here(capsys, monkeypatch, built_home, GYM, "--days", "1", "--format", "json", *args)
    assert code == 0, err
    assert cli.main(["goal", GYM, "--json"]) == 0
    plan = json.loads(capsys.readouterr().out)
    cal = json.loads(out)
    assert cal["group_type_source"] == source and cal["group_type"] == plan["group_type"] == "交付群"


@pytest.mark.parametrize("kind, days, rows, says", [
    (None, "9", 9, None),  # without a kind: as before, the weekly rotation and no word about kinds
    ("flash", "9", 7, "> 按快闪群安排:"),  # a flash group lasts days: 7 at most, said in the notices
    ("newuser", "9", 9, "> 按新用户群安排:"),
    ("super", "9", 9, "> 按超级用户群安排:"),
    ("delivery", "9", 9, "> 按交付群安排:"),
])
def test_calendar_markdown_follows_the_kind(capsys, monkeypatch, built_home, kind, days, rows, says):
    args = [GYM, "--goal", "60天,改变身形", "--days", days, "--start", "2026-12-07", *(["--group-type", kind] if kind else [])]
    code, out, err = calendar_here(capsys, monkeypatch, built_home, *args)
    assert code == 0, err
    table = [line for line in out.splitlines() if line.startswith("| 2026-")]
    assert len(table) == rows
    if says:
        assert says in out
    else:
        assert not any(f"按{g}安排" in out for g in ("快闪群", "新用户群", "超级用户群", "交付群"))
    if kind == "flash":
        assert "| 欢迎 | 开群:" in table[0] and "活动结束" in table[-1] and "排成了 7 天" in out


@pytest.mark.parametrize("name", ["vip", "粉丝群", "nonsense"])
def test_calendar_unknown_group_type_is_lints_one_line_exit_2(capsys, monkeypatch, built_home, tmp_path, name):
    from assistant import cli

    code, out, err = calendar_here(capsys, monkeypatch, built_home, GYM, "--group-type", name)
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
    post = tmp_path / "post.txt"
    post.write_text("今天打卡", encoding="utf-8")
    assert cli.main(["lint", "--group-type", name, str(post)]) == 2
    assert capsys.readouterr().err == err and f"未知的群类型 {name!r}" in err  # the same line lint prints


def test_calendar_help_lists_the_group_types(capsys):
    from assistant import cli

    with pytest.raises(SystemExit) as e:
        cli.main(["calendar", "--help"])
    out = " ".join(capsys.readouterr().out.split())  # help text wraps where it likes
    assert e.value.code == 0 and "--group-type" in out
    assert all(f"{k} {label}" in out for k, label in [("flash", "快闪群"), ("newuser", "新用户群"), ("super", "超级用户群"),
                                                     ("delivery", "交付群")])


# -o's file name and --format (None: not given); then what is written (its first characters), or the error
OUTPUT_FORMAT_CASES = [
    (["calendar", "社区花店", "--days", "1"], "week.md", "ics", "扩展名 .md 是 md 格式,和 --format ics 不一致;把文件名改成 week.ics"),
    (["calendar", "社区花店", "--days", "1"], "week.ics", "json", "扩展名 .ics 是 ics 格式,和 --format json 不一致"),
    (["calendar", "社区花店", "--days", "1"], "week.markdown", "csv", "扩展名 .markdown 是 md 格式,和 --format csv 不一致"),
    (["calendar", "社区花店", "--days", "1"], "week.ICS", "ics", "BEGIN:VCALENDAR"),  # they agree
    (["calendar", "社区花店", "--days", "1"], "week.txt", "ics", "BEGIN:VCALENDAR"),  # .txt names no format
    (["health", str(FIXTURES / "health" / "plain.csv")], "report.html", "json", "扩展名 .html 是 html 格式,和 --format json 不一致"),
    (["health", str(FIXTURES / "health" / "plain.csv")], "report.html", None, "<!doctype html>"),  # inferred now
    (["health", str(FIXTURES / "health" / "plain.csv")], "report.json", None, "{"),
    (["health", str(FIXTURES / "health" / "plain.csv")], "report.out", None, "群体检:plain.csv"),
]


@pytest.mark.parametrize("args, name, fmt, expected", OUTPUT_FORMAT_CASES)
def test_output_format_and_file_extension_agree(tmp_path, monkeypatch, capsys, args, name, fmt, expected):
    from assistant import cli

    monkeypatch.setenv("ASSISTANT_HOME", str(tmp_path / "h"))
    monkeypatch.setenv("ASSISTANT_EMBEDDINGS", "hash")
    out = tmp_path / name
    rc = cli.main([*args, "-o", str(out), *(["--format", fmt] if fmt else [])])
    err = capsys.readouterr().err
    if rc == 2:
        assert not out.exists() and len(err.strip().splitlines()) == 1 and expected in err
    else:
        assert rc == 0 and out.read_text(encoding="utf-8").lstrip("\ufeff").startswith(expected)
    assert (rc == 2) == ("不一致" in expected)


@pytest.mark.parametrize("after, question, opens", [
    (["可以在群里分享烘焙小技巧吗?"], "那红包呢?", "不建议。"),
    (["群里冷清怎么办?", "Can I share baking tips in my bakery group?"], "what about a giveaway then?", "Better not."),
    ([], "那红包呢?", None),  # no earlier question: no verdict to carry over
])
def test_ask_after_an_earlier_question_reads_the_follow_up(shared_e5_settings, monkeypatch, capsys, after, question, opens):
    from assistant import cli

    monkeypatch.setenv("ASSISTANT_HOME", str(shared_e5_settings.home))
    flags = [x for q in after for x in ("--after", q)]
    assert cli.main(["ask", "--json", question, *flags]) == 0
    out = json.loads(capsys.readouterr().out)
    body = out["answer"].split("\n\n", 1)[1]
    assert (out["verdict"] is None) if opens is None else (body.startswith(opens) and out["verdict"]["fits"] is False)


@pytest.mark.parametrize("args, code", [((), 0), (("--voice", "auto"), 0), (("--voice", "owner"), 1),
                                        (("--rewrite",), 1), (("--rewrite", "--voice", "auto"), 0)])
def test_lint_voice_owner_keeps_the_owners_offer(capsys, tmp_path, clearing_model, args, code):
    """``--voice owner``: the draft is the owner's own, so a strong term stays an error even where the model
    (here one that is unsure and clears every flag it may) would clear it. ``--rewrite`` is asked only of one's own
    draft, so it reads it so unless told otherwise."""
    clearing_model(0.3)  # unsure, and clears every flag it may
    got, out, err = lint_here(capsys, tmp_path, "周五晚上抽奖\n", *args)
    assert got == code
    assert ("[error]" in out) is (code == 1)
    if "--rewrite" in args:
        assert ("改写稿" in out) is (code == 1)


@pytest.mark.parametrize("args, voice", [(("--rewrite",), "owner"), (("--rewrite", "--voice", "owner"), "owner"),
                                         (("--rewrite", "--voice", "auto"), "auto")])
def test_lint_rewrite_is_asked_in_the_same_voice(capsys, tmp_path, monkeypatch, args, voice):
    """The rewrite re-checks its draft in the voice the post was read in, so an owner's rewrite is held to an
    owner's check."""
    import assistant.rewrite as rw

    seen = []
    monkeypatch.setattr(rw, "rewrite_post", lambda text, **kw: seen.append(kw["voice"]) or rw.Rewrite(text, "改好的稿子"))
    lint_here(capsys, tmp_path, "今晚8点群里发红包,速来抢!\n", *args)
    assert seen == [voice]


def test_lint_refuses_an_unknown_voice(capsys, tmp_path):
    with pytest.raises(SystemExit) as exc:
        lint_here(capsys, tmp_path, "周五晚上抽奖\n", "--voice", "member")
    out, err = capsys.readouterr()
    assert exc.value.code == 2 and out == "" and len(err.strip().splitlines()) == 1 and "--voice" in err
