"""Group health check: exact counts on small hand-written exports in each format, ads, ad effect, privacy."""
import json
import re
import subprocess
import sys

import pytest
from conftest import FIXTURES, ROOT

from assistant.chatlog import ParseStats, detect_format, read_messages
from assistant.errors import InputError
from assistant.health import group_health, load_advice
from assistant.health_report import render_html, render_text

H = FIXTURES / "health"
CJK = re.compile(r"[\u3400-\u9fff]")

# file, options, then what was counted by hand from the file.
EXPECTED = {
    "qq_group.txt": dict(
        options={}, format="qq", messages=7, speakers=4, period=("2026-03-02", "2026-03-10"), owners=["小刘", "老周"],
        owner_share=0.2857, weekly=[("2026-03-02", 5, 3, 0), ("2026-03-09", 2, 2, 1)], bad=1, media=2, system=1,
        ad_senders=[("小刘", True)], effect=(0.29, None), checkins=(1, 1), replies=(2, 1)),  # 老周's 第1天打卡 calls for it
    "wechat_group.csv": dict(
        options={}, format="wechat", messages=6, speakers=4, period=("2026-04-01", "2026-04-08"), owners=["我"],
        owner_share=0.1667, weekly=[("2026-03-30", 5, 3, 0), ("2026-04-06", 1, 1, 1)], bad=1, media=2, system=1,
        ad_senders=[("wxid_cici", False)], effect=(None, None), checkins=(1, 1), replies=(2, 1)),
    "telegram_result.json": dict(
        options={"owners": ["Mia"]}, format="telegram", messages=6, speakers=3, period=("2026-05-04", "2026-05-12"),
        owners=["Mia"], owner_share=0.3333, weekly=[("2026-05-04", 5, 3, 0), ("2026-05-11", 1, 1, 1)], bad=0, media=2,
        system=1, ad_senders=[("Mia", True)], effect=(0.29, None), checkins=(0, 0), replies=(2, 1)),  # Mia's is a call
    "plain.csv": dict(
        options={"owners": ["店长阿芳"], "members": 10}, format="csv", messages=5, speakers=3,
        period=("2026-06-01", "2026-06-09"), owners=["店长阿芳"], owner_share=0.4,
        weekly=[("2026-06-01", 3, 3, 0), ("2026-06-08", 2, 2, 1)], bad=1, media=1, system=0,
        ad_senders=[("店长阿芳", True)], effect=(0.0, None), checkins=(0, 0), replies=(1, 1)),
}


@pytest.mark.parametrize("name", list(EXPECTED))
def test_counts_are_exact(name):
    exp = EXPECTED[name]
    r = group_health(H / name, **exp["options"]).to_dict()
    assert r["input_format"] == exp["format"]
    assert (r["messages"], r["speakers"]) == (exp["messages"], exp["speakers"])
    assert (r["period"]["start"], r["period"]["end"]) == exp["period"]
    assert r["owners"] == exp["owners"]
    assert r["owner_share"] == pytest.approx(exp["owner_share"], abs=1e-4)
    assert [(w["week_start"], w["messages"], w["speakers"], w["market_norm_posts"]) for w in r["weekly"]] == exp["weekly"]
    assert (r["bad_lines"], r["media_messages"], r["system_messages"]) == (exp["bad"], exp["media"], exp["system"])
    assert [(a["sender"], a["by_owner"]) for a in r["market_norm_posts"]] == exp["ad_senders"]
    assert (r["ad_effect"]["before_per_day"], r["ad_effect"]["after_per_day"]) == exp["effect"]
    inc = r["incubation"]
    assert (inc["checkins"]["messages"], inc["checkins"]["people"]) == exp["checkins"]
    assert (inc["member_replies"]["member_to_member"], inc["member_replies"]["member_to_owner"]) == exp["replies"]


def test_json_contract_keys():
    r = group_health(H / "plain.csv", owners=["店长阿芳"], members=10).to_dict()
    assert {"period", "messages", "speakers", "members", "owner_share", "weekly", "market_norm_posts", "ad_effect",
            "incubation", "advice"} <= set(r)
    assert set(r["weekly"][0]) >= {"week_start", "messages", "speakers", "interaction_rate", "market_norm_posts"}
    assert r["weekly"][0]["interaction_rate"] == 0.3  # 3 speakers of 10 members
    assert set(r["market_norm_posts"][0]) >= {"time", "sender", "codes", "excerpt"}
    assert set(r["ad_effect"]) >= {"before_per_day", "after_per_day"}
    for key in ("size", "interaction", "months_sustained"):
        assert set(r["incubation"][key]) >= {"value", "target", "met"}
    assert r["incubation"]["size"] == {"value": 10, "target": 200, "met": False, "estimated": False}
    json.dumps(r, ensure_ascii=False)


def test_everyday_messages_are_not_flagged():
    r = group_health(H / "qq_group.txt").to_dict()
    flagged = {a["excerpt"] for a in r["market_norm_posts"]}
    assert all("打卡" not in x and "拉伸" not in x for x in flagged)
    assert len(flagged) == 1


def test_multiline_message_and_name_with_parentheses():
    msgs = list(read_messages(H / "qq_group.txt"))
    second = msgs[1]
    assert second.sender == "小林(北京)" and second.text == "打卡 5公里\n配速6分"
    assert msgs[0].role == "群主" and msgs[0].sender == "老周"
    assert msgs[2].sender == "阿May" and msgs[2].kind == "media"


def test_telegram_entity_lists_are_joined():
    msgs = list(read_messages(H / "telegram_result.json"))
    assert msgs[1].text == "My starter finally bubbled, see this photo 🙂"
    assert msgs[3].text == "Tip: feed it twice a day in winter"


def test_bom_and_detection():
    assert (H / "wechat_group.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert [detect_format(H / n) for n in EXPECTED] == [EXPECTED[n]["format"] for n in EXPECTED]


def test_anonymize_replaces_every_name(tmp_path):
    r = group_health(H / "qq_group.txt", anonymize=True)
    text = render_text(r) + render_html(r) + json.dumps(r.to_dict(), ensure_ascii=False)
    for real in ("老周", "小林", "阿May", "小刘"):
        assert real not in text
    assert "成员1" in text


def test_html_is_self_contained():
    page = render_html(group_health(H / "telegram_result.json", owners=["Mia"]))
    assert "<svg" in page and "<script" not in page
    assert "http://" not in page and "https://" not in page and "src=" not in page


def test_advice_cites_the_articles():
    r = group_health(H / "qq_group.txt").to_dict()
    findings = {a["finding"] for a in r["advice"]}
    assert {"owner_ads", "low_interaction", "small_group"} <= findings
    assert all(a["citation"]["title"] and a["citation"]["excerpt"] for a in r["advice"])


@pytest.mark.parametrize("advice", load_advice(), ids=lambda a: a.when)
def test_every_advice_quote_is_in_its_article(advice):
    from assistant.health import _cite

    cite = _cite(advice, None)
    assert cite["title"], advice
    assert advice.quote in cite["excerpt"]


@pytest.mark.parametrize("content, message", [
    (b"just some notes\nnothing here\n", "认不出"),
    (b"\xff\xfe\x00\x01" * 10, "UTF-8"),
    (b"", "认不出"),
])
def test_unknown_or_broken_input_is_a_clear_error(tmp_path, content, message):
    f = tmp_path / "export.txt"
    f.write_bytes(content)
    with pytest.raises(InputError, match=message) as e:
        group_health(f)
    assert str(f) in str(e.value)


def test_bad_lines_are_counted_not_fatal(tmp_path):
    f = tmp_path / "c.csv"
    f.write_text("time,sender,text\nnot a time,a,hi\n2026-01-05 10:00,a,hello\n2026-01-05 10:01,b\n", encoding="utf-8")
    stats = ParseStats()
    msgs = list(read_messages(f, None, stats))
    assert len(msgs) == 1 and stats.bad_lines == 2


def test_cli_health_json_and_html(tmp_path):
    run = lambda *a: subprocess.run([sys.executable, "-m", "assistant", "health", *a], capture_output=True, text=True,  # noqa: E731
                                    cwd=ROOT, timeout=120)
    r = run(str(H / "plain.csv"), "--format", "json", "--owner", "店长阿芳", "--members", "10")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["members"] == 10
    out = tmp_path / "report.html"
    r = run(str(H / "qq_group.txt"), "--format", "html", "-o", str(out), "--anonymize")
    assert r.returncode == 0 and out.read_text().startswith("<!doctype html>")
    r = run(str(tmp_path / "missing.txt"))
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1


def test_page_tab_runs_the_check_and_offers_the_html(tmp_path):
    from assistant.health_ui import run_health

    shown, download, note = run_health(str(H / "qq_group.txt"), "", None, "目标群(默认)", True)
    assert "<svg" in shown and "老周" not in shown
    assert download.endswith(".html") and "成员1" in open(download, encoding="utf-8").read()
    assert "没有发送" in note
    shown, download, note = run_health(str(H / "plain.csv"), "店长阿芳", 10, "快闪群", False)
    assert download and "店长阿芳" in shown
    empty = tmp_path / "x.txt"
    empty.write_text("hello")
    shown, download, note = run_health(str(empty), "", None, "目标群(默认)", False)
    assert shown == "" and download is None and "认不出" in note


def _chat_csv(tmp_path, rows, name="chat.csv", encoding="utf-8"):
    """A plain time/sender/text CSV made from (time, sender, text) rows."""
    f = tmp_path / name
    f.write_text("时间,发送者,内容\n" + "".join(f"{w},{s},{x}\n" for w, s, x in rows), encoding=encoding)
    return f


# members given, speakers in the export -> size and rate base used, whether a notice explains it.
@pytest.mark.parametrize("members, speakers, base, notice", [
    (2, 5, 5, True),     # fewer members than people who spoke: the speakers are the floor
    (5, 5, 5, False),
    (50, 5, 50, False),
    (None, 5, 5, False),
])
def test_members_below_speakers_never_give_a_rate_above_100_percent(tmp_path, members, speakers, base, notice):
    rows = [(f"2026-07-0{d} 10:0{i}", f"成员{i}", "早上好,今天也一起读书") for d in (1, 2) for i in range(speakers)]
    r = group_health(_chat_csv(tmp_path, rows), members=members)
    inc = r.incubation
    assert inc["size"]["value"] == base and r.members_used == base and r.members == members
    assert inc["interaction"]["value"] == pytest.approx(speakers / base) and inc["interaction"]["value"] <= 1
    assert all(w["interaction_rate"] is None or w["interaction_rate"] <= 1 for w in r.weekly)
    floor_notes = [n for n in r.notices if "少于导出里发过言" in n]
    assert bool(floor_notes) == notice
    if notice:
        assert inc["interaction"]["estimated"] and f"{speakers} 人" in floor_notes[0]
        assert "500%" not in render_text(r) and "250%" not in render_text(r)


AD = "今晚8点前下单童书满200减50,名额有限,私聊我"


# days of chat before and after the owner's ad (one message a day) -> before/after per day, what the report says.
@pytest.mark.parametrize("days_before, days_after, effect, says", [
    (10, 10, (1.0, 1.0), ["之前 7 天每天 1.0 条", "之后 7 天每天 1.0 条"]),
    (10, 2, (1.0, None), ["之前 7 天每天 1.0 条", "之后的记录只有 2.0 天,不足 7 天"]),
    (3, 10, (None, 1.0), ["之前的记录只有 3.0 天,不足 7 天", "之后 7 天每天 1.0 条"]),
    (10, 0, (1.0, None), ["之后没有记录,无法比较"]),
])
def test_ad_effect_compares_only_windows_the_export_covers(tmp_path, days_before, days_after, effect, says):
    import datetime as dt

    ad = dt.datetime(2026, 7, 15, 20, 0)
    rows = [((ad + dt.timedelta(days=d)).strftime("%Y-%m-%d %H:%M"), f"成员{d % 3}", "今天读了二十页,大家呢")
            for d in range(-days_before, days_after + 1) if d]
    rows.append((ad.strftime("%Y-%m-%d %H:%M"), "店长阿芳", AD))
    rows.sort()
    r = group_health(_chat_csv(tmp_path, rows), owners=["店长阿芳"])
    ae = r.ad_effect
    assert (ae["before_per_day"], ae["after_per_day"]) == effect
    assert ae["change"] == (0.0 if None not in effect else None)
    line = next(x for x in render_text(r).splitlines() if x.startswith("群主第一次发广告"))
    for words in says:
        assert words in line
    assert "每天 0.0 条" not in line


# conversation asked for -> the one read, its speakers and messages, and whether a notice names the rest.
@pytest.mark.parametrize("wanted, name, speakers, messages", [
    (None, "周末骑行队", {"大鹏", "小雨", "老K"}, 4),   # the group with the most messages
    ("骑行装备交流", "骑行装备交流", {"老K"}, 1),
    ("装备", "骑行装备交流", {"老K"}, 1),                 # a unique part of the name is enough
    ("表姐", "表姐", {"表姐", "我自己"}, 2),              # a private chat only when asked for by name
])
def test_several_qq_conversations_are_never_mixed(wanted, name, speakers, messages):
    r = group_health(H / "qq_several.txt", conversation=wanted)
    assert r.conversation == name
    assert {t["name"] for t in r.talkers} == speakers and r.messages == messages
    assert "3 个会话" in r.notices[0] and f"「{name}」" in r.notices[0]
    others = {"表姐", "周末骑行队", "骑行装备交流"} - {name}
    assert all(f"「{o}」" in r.notices[0] for o in others)


def test_several_qq_conversations_anonymized_name_no_private_chat():
    r = group_health(H / "qq_several.txt", anonymize=True)
    assert "表姐" not in json.dumps(r.to_dict(), ensure_ascii=False)
    assert "1 个私聊" in r.notices[0]


@pytest.mark.parametrize("text, wanted, message", [
    ("qq_several.txt", "读书会", "没有名为「读书会」的会话;找到的会话:「表姐」(私聊,2 条)、「周末骑行队」(群,4 条)"),
    ("qq_several.txt", "骑行", "有多个会话的名字含有「骑行」"),
    ("plain.csv", "周末骑行队", "只有 QQ 文本消息记录能按会话选择"),
    ("qq_group.txt", "别的群", "「晨跑打卡群」(群,"),
])
def test_unknown_conversation_lists_what_the_export_holds(text, wanted, message):
    with pytest.raises(InputError, match=re.escape(message)):
        group_health(H / text, conversation=wanted)


def test_only_private_chats_are_refused_with_the_list(tmp_path):
    f = tmp_path / "friends.txt"
    f.write_text("消息记录\n\n" + "".join(
        f"================\n消息分组:朋友\n================\n消息对象:{who}\n================\n\n"
        f"2026-01-0{i} 20:00:00 {who}({i}0001)\n在吗\n\n2026-01-0{i} 20:01:00 我(99999)\n在\n\n"
        for i, who in enumerate(("阿杰", "小美"), 1)), encoding="utf-8")
    with pytest.raises(InputError, match=re.escape("2 个会话,没有一个是群聊:「阿杰」(私聊,2 条)、「小美」(私聊,2 条)")):
        group_health(f)


def test_cli_health_conversation_option():
    r = subprocess.run([sys.executable, "-m", "assistant", "health", str(H / "qq_several.txt"), "--format", "json",
                        "--conversation", "骑行装备交流"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["conversation"] == "骑行装备交流"


@pytest.mark.parametrize("owners, expected", [
    ("店长阿芳", ["店长阿芳"]),            # one string is one name, not its characters
    (["店长阿芳"], ["店长阿芳"]),
    (("店长阿芳", "乐乐妈"), ["乐乐妈", "店长阿芳"]),
])
def test_owners_may_be_one_string_or_several_names(owners, expected):
    r = group_health(H / "plain.csv", owners=owners)
    assert r.owners == expected
    assert r.market_norm_posts[0]["by_owner"]


# owner names given -> the notices about names that never speak in the export (empty: none).
@pytest.mark.parametrize("owners, notices", [
    (["店长阿芳"], []),
    (["不存在的人"], ["「不存在的人」在导出里没有发过言(导出里没有相近的昵称)"]),
    (["阿芳"], ["「阿芳」在导出里没有发过言(相近的昵称:店长阿芳)"]),
    (["店长阿芳", "乐乐马"], ["「乐乐马」在导出里没有发过言(相近的昵称:乐乐妈)"]),
])
def test_owner_names_that_never_speak_are_reported(owners, notices):
    r = group_health(H / "plain.csv", owners=owners)
    said = [n for n in r.notices if "没有发过言" in n]
    assert len(said) == len(notices)
    for note, words in zip(said, notices, strict=True):
        assert words in note
    if notices:
        assert any(n in render_text(r) for n in said)


def test_owner_notice_keeps_names_out_when_anonymized():
    r = group_health(H / "plain.csv", owners=["阿芳"], anonymize=True)
    text = json.dumps(r.to_dict(), ensure_ascii=False)
    assert "1 个指定的群主/管理员昵称在导出里没有发过言" in text and "店长阿芳" not in text


@pytest.mark.parametrize("content, message", [
    (bytes(range(256)) * 8, "编码认不出"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00\x10\x80\xff" * 500, "编码认不出"),
    ("时间,发送者,内容\n".encode("gbk") + b"\x00\x01\x02\x03" * 200, "编码认不出"),
])
def test_binary_junk_is_still_a_clear_error(tmp_path, content, message):
    f = tmp_path / "export.csv"
    f.write_bytes(content)
    with pytest.raises(InputError, match=message) as e:
        group_health(f)
    assert str(f) in str(e.value) and "GB18030" in str(e.value) and "\n" not in str(e.value)


def test_gbk_csv_from_excel_is_checked(tmp_path):
    f = tmp_path / "群聊.csv"
    f.write_bytes((H / "plain.csv").read_text(encoding="utf-8").encode("gbk"))
    r = group_health(f, owners="店长阿芳")
    assert (r.messages, r.speakers, r.owners) == (5, 3, ["店长阿芳"])


def test_page_lists_the_conversations_of_a_qq_export_and_checks_the_one_chosen():
    from assistant.health_ui import conversation_choices, run_health

    choices, default = conversation_choices(str(H / "qq_bakery_groups.txt"))
    assert choices == [("「面粉供货商老陈」(私聊,2 条)", "面粉供货商老陈"), ("「周六烘焙课·一期」(群,5 条)", "周六烘焙课·一期"),
                       ("「周六烘焙课·二期」(群,2 条)", "周六烘焙课·二期")]
    assert default == "周六烘焙课·一期"  # what the check reads when nothing is chosen
    for other in (H / "qq_group.txt", H / "plain.csv", H / "missing.txt", None):  # one conversation, not QQ, no file
        assert conversation_choices(str(other) if other else None) == ([], None)

    shown, download, note = run_health(str(H / "qq_bakery_groups.txt"), "", None, "目标群(默认)", False,
                                       conversation="周六烘焙课·二期")
    assert "橙子" in shown and "糖糖妈" not in shown and "老陈" not in shown.split("没有计入")[0]
    page = open(download, encoding="utf-8").read()
    assert "只检查了你指定的「周六烘焙课·二期」" in page
    assert "--conversation" not in page and "在上面的「要检查的会话」里选它" in page  # the page's words, not the CLI's
    shown, download, note = run_health(str(H / "qq_bakery_groups.txt"), "", None, "目标群(默认)", False, None, None)
    assert "糖糖妈" in shown and "橙子" not in shown.split("没有计入")[0]


def test_page_says_how_to_choose_when_a_qq_export_holds_no_group(tmp_path):
    from assistant.health_ui import conversation_choices, run_health

    f = tmp_path / "friends.txt"
    f.write_text("消息记录\n\n" + "".join(
        f"================\n消息分组:朋友\n================\n消息对象:{who}\n================\n\n"
        f"2026-01-0{i} 20:00:00 {who}({i}0001)\n在吗\n\n" for i, who in enumerate(("阿杰", "小美"), 1)), encoding="utf-8")
    assert conversation_choices(str(f)) == ([("「阿杰」(私聊,1 条)", "阿杰"), ("「小美」(私聊,1 条)", "小美")], None)
    shown, download, note = run_health(str(f), "", None, "目标群(默认)", False)
    assert download is None and note.startswith("无法检查:") and "没有一个是群聊" in note
    assert "--conversation" not in note and "请在上面的「要检查的会话」里选一个" in note
    shown, download, note = run_health(str(f), "", None, "目标群(默认)", False, conversation="小美")
    assert download and "小美" in shown


def test_page_conversation_list_is_filled_on_upload_and_read_by_the_check():
    import gradio as gr

    from assistant.health_ui import health_tab
    from assistant.ui_text import text_for

    with gr.Blocks() as demo, gr.Tabs():
        c = health_tab(text_for("zh"))
    fns = {fn.name: fn for fn in demo.fns.values()}
    listing, check = fns["list_conversations"], fns["handler"]
    assert listing.inputs[0] is c["h_upload"] and listing.outputs == [c["h_conv"]]
    assert check.inputs[:5] == [c["h_upload"], c["h_owners"], c["h_members"], c["h_gtype"], c["h_anon"]]
    assert check.inputs[5] is c["h_conv"]  # added last: the earlier five keep their places
    assert all(isinstance(x, gr.State) for x in check.inputs[6:])  # the page's language: not an API input
    shown = listing.fn(str(H / "qq_bakery_groups.txt"))
    assert shown["visible"] and shown["value"] == "周六烘焙课·一期" and len(shown["choices"]) == 3
    assert listing.fn(str(H / "plain.csv"))["visible"] is False
    from assistant.ui import _switched  # the page's language switch relabels the list and leaves its choices

    assert _switched(gr, "h_conv", c["h_conv"], "English") == {"__type__": "update", "label": text_for("en")["h_conv"]}


# --- conversations that share a name; the page in English ---------------------------------------------------
# conversation asked for -> the label and the people of the one read.
@pytest.mark.parametrize("wanted, label, speakers", [
    (None, "家长群 #2", {"周老师", "豆豆妈", "果果妈", "小宇爸"}),   # the group with the most messages
    ("家长群 #1", "家长群 #1", {"周老师", "果果妈", "乐乐爸"}),
    ("家长群#2", "家长群 #2", {"周老师", "豆豆妈", "果果妈", "小宇爸"}),  # spaces do not matter in a label
    ("王老师", "王老师", {"王老师", "周老师"}),                     # a unique name still names it
])
def test_conversations_with_the_same_name_are_told_apart(wanted, label, speakers):
    r = group_health(H / "qq_same_names.txt", conversation=wanted)
    assert r.conversation_label == label and r.to_dict()["conversation_label"] == label
    assert r.conversation == label.split(" #")[0]  # the 消息对象 name, as before
    assert {t["name"] for t in r.talkers} == speakers
    assert f"「{label}」" in r.notices[0]
    assert "「家长群 #1」(群,3 条,2026-03-02 起)" in r.notices[0] or label == "家长群 #1"


def test_a_name_that_several_conversations_share_is_a_clear_error():
    with pytest.raises(InputError) as e:
        group_health(H / "qq_same_names.txt", conversation="家长群")
    message = str(e.value)
    assert "2 个会话都叫「家长群」" in message and "\n" not in message
    assert "「家长群 #1」(群,3 条,2026-03-02 起)、「家长群 #2」(群,5 条,2026-09-01 起)" in message
    assert '--conversation "家长群 #2"' in message
    assert "2 conversations in the export are called “家长群”" in e.value.en


def test_cli_names_a_conversation_whose_name_repeats_by_its_label():
    r = subprocess.run([sys.executable, "-m", "assistant", "health", str(H / "qq_same_names.txt"), "--format", "json",
                        "--conversation", "家长群 #1"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert (out["conversation"], out["conversation_label"], out["messages"]) == ("家长群", "家长群 #1", 3)
    r = subprocess.run([sys.executable, "-m", "assistant", "health", str(H / "qq_same_names.txt"),
                        "--conversation", "家长群"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1 and "家长群 #2" in r.stderr


def test_page_lists_conversations_with_the_same_name_apart_and_checks_the_one_chosen():
    from assistant.health_ui import conversation_choices, run_health

    choices, default = conversation_choices(str(H / "qq_same_names.txt"))
    assert choices == [("「家长群 #1」(群,3 条,2026-03-02 起)", "家长群 #1"), ("「王老师」(私聊,2 条)", "王老师"),
                       ("「家长群 #2」(群,5 条,2026-09-01 起)", "家长群 #2")]
    assert default == "家长群 #2"
    shown, download, note = run_health(str(H / "qq_same_names.txt"), "", None, "目标群(默认)", False,
                                       conversation="家长群 #1")
    assert "乐乐爸" in shown and "豆豆妈" not in shown.split("没有计入")[0]
    assert "只检查了你指定的「家长群 #1」" in shown


def test_page_in_english_lists_conversations_and_says_what_it_read_in_english():
    from assistant.health_ui import conversation_choices, run_health

    choices, default = conversation_choices(str(H / "qq_bakery_groups.txt"), "en")
    assert choices == [("“面粉供货商老陈” (private chat, 2 messages)", "面粉供货商老陈"),
                       ("“周六烘焙课·一期” (group, 5 messages)", "周六烘焙课·一期"),
                       ("“周六烘焙课·二期” (group, 2 messages)", "周六烘焙课·二期")]
    assert default == "周六烘焙课·一期"  # the values the check reads do not change with the language
    shown, download, note = run_health(str(H / "qq_bakery_groups.txt"), "", None, "目标群(默认)", False, None,
                                       "周六烘焙课·二期", "en")
    assert not CJK.search(note) and "sent to no model" in note
    page = open(download, encoding="utf-8").read()
    notice = re.search(r"<p class='cite'>Note: (The export holds 3 conversations.*?)</p>", page).group(1)
    assert "only the one you named, “周六烘焙课·二期” (group, 2 messages), was checked" in notice
    assert "choose it in the “Conversation to check” list above" in notice and "--conversation" not in page
    assert not CJK.search(re.sub(r"“[^”]*”", "", notice))  # only the conversations' own names are Chinese
    assert '<html lang="en">' in page and "Messages and speakers per week" in page


def test_page_in_english_says_how_to_choose_and_what_is_wrong_in_english(tmp_path):
    from assistant.health_ui import run_health

    f = tmp_path / "friends.txt"
    f.write_text("消息记录\n\n" + "".join(
        f"================\n消息分组:朋友\n================\n消息对象:{who}\n================\n\n"
        f"2026-01-0{i} 20:00:00 {who}({i}0001)\n在吗\n\n" for i, who in enumerate(("阿杰", "小美"), 1)), encoding="utf-8")
    shown, download, note = run_health(str(f), "", None, "目标群(默认)", False, None, None, "en")
    assert download is None and note.startswith("Could not check: ") and "none is a group" in note
    assert "choose one in the “Conversation to check” list above" in note and "--conversation" not in note
    junk = tmp_path / "x.txt"
    junk.write_text("hello")
    assert run_health(str(junk), "", None, "目标群(默认)", False, lang="en")[2].startswith(
        "Could not check: ") and "not a chat export" in run_health(str(junk), "", None, "目标群(默认)", False, lang="en")[2]
    assert run_health(None, "", None, "目标群(默认)", False, lang="en")[2] == "Upload a chat export first."


def test_page_language_switch_relabels_the_conversation_list_and_keeps_the_choice():
    import gradio as gr

    from assistant.health_ui import health_tab
    from assistant.ui_text import LANGUAGES, text_for

    with gr.Blocks() as demo:
        switch = gr.Radio(list(LANGUAGES), value="中文")
        with gr.Tabs():
            c = health_tab(text_for("zh"), switch)
    fns = {fn.name: fn for fn in demo.fns.values()}
    relabel = fns["switch_language"]
    assert relabel.inputs[:2] == [switch, c["h_upload"]] and relabel.outputs[1] is c["h_conv"]
    lang, shown = relabel.fn("English", str(H / "qq_same_names.txt"), "家长群 #1")
    assert lang == "en" and shown["label"] == text_for("en")["h_conv"] and shown["value"] == "家长群 #1"
    assert ("“家长群 #1” (group, 3 messages, from 2026-03-02)", "家长群 #1") in shown["choices"]
    lang, shown = relabel.fn("中文", str(H / "qq_same_names.txt"), "家长群 #1")
    assert lang == "zh" and ("「家长群 #1」(群,3 条,2026-03-02 起)", "家长群 #1") in shown["choices"]
    assert fns["list_conversations"].fn(str(H / "qq_same_names.txt"), "en")["choices"][1] == \
        ("“王老师” (private chat, 2 messages)", "王老师")
    # the check's API keeps its six inputs: the language is the page's State
    params = demo.get_api_info()["named_endpoints"]["/handler"]["parameters"]
    assert len(params) == 6


def test_page_reads_an_empty_member_count_as_not_given():
    import gradio as gr

    from assistant.health_ui import health_tab, run_health
    from assistant.ui_text import text_for

    with gr.Blocks(), gr.Tabs():
        c = health_tab(text_for("zh"))
    assert c["h_members"].preprocess(0) == 0  # the empty field's 0 reaches the check (no minimum refuses it)
    shown, download, note = run_health(str(H / "plain.csv"), "", 0, "目标群(默认)", False)
    assert download and "按“发过言的人数”估算" in shown
    assert run_health(str(H / "plain.csv"), "", -3, "目标群(默认)", False, lang="en")[2] == \
        "Could not check: the number of members must be a whole number above 0, not -3"


def test_an_ad_split_by_unquoted_commas_is_found_and_the_joining_is_reported():
    r = group_health(H / "csv_unquoted_commas.csv", owners=["阿梅(店主)"])
    assert [a["excerpt"] for a in r.market_norm_posts] == ["新疆苹果到货,前30名9折,私聊我下单"]
    assert (r.joined_lines, r.bad_lines) == (2, 0) and r.to_dict()["joined_lines"] == 2
    assert any(n.startswith("有 2 行 CSV 的字段比表头多") for n in r.notices)
    clean = group_health(H / "csv_meridiem.csv")
    assert clean.joined_lines == 0 and not any("字段比表头多" in n for n in clean.notices)


# members who spoke (besides the owner), how many of them check in, whether the owner announces the check-in;
# then (check-in messages, people, share of the members who spoke, "几乎没有人打卡" advised)
CHECKIN_CASES = [
    (2, 2, True, (2, 2, 1.0, False)),      # a small group where everyone checks in
    (2, 0, True, (0, 0, 0.0, True)),       # only the owner's call: nobody checked in
    (3, 1, False, (1, 1, 0.3333, False)),  # one of three
    (40, 3, True, (3, 3, 0.075, True)),    # three of forty is almost nobody
    (40, 4, False, (4, 4, 0.1, False)),    # one in ten is enough to be "some members"
]


@pytest.mark.parametrize("members,checked,announced,expected", CHECKIN_CASES)
def test_checkin_advice_agrees_with_the_share_of_members_who_check_in(tmp_path, members, checked, announced, expected):
    rows = ["时间,发送者,内容"]
    if announced:
        rows.append("2026-11-02 08:00:00,店长,今天的打卡开始了,大家晒一晒")
    for i in range(members):
        text = f"打卡 第{i + 1}杯手冲" if i < checked else "今天好冷"
        rows.append(f"2026-11-02 09:{i:02d}:00,会员{i},{text}")
    rows.append("2026-11-02 10:00:00,店长,大家辛苦")
    f = tmp_path / "chat.csv"
    f.write_text("\n".join(rows) + "\n", encoding="utf-8")
    r = group_health(f, owners=["店长"])
    ck = r.incubation["checkins"]
    findings = {a["finding"] for a in r.advice}
    assert (ck["messages"], ck["people"], ck["share"], "no_checkins" in findings) == expected
    assert ck["members_spoke"] == members and ck["owner_messages"] == int(announced)
    line = next(x for x in render_text(r).splitlines() if x.startswith("打卡:"))
    assert line.startswith(f"打卡:{expected[0]} 条,{expected[1]} 人(占发过言的成员 {expected[2] * 100:.0f}%)")
    assert ("打卡通知不算打卡" in line) == announced


# file, owners; then (red packets, by the owner, transfers, by the owner), the market-norm posts as
# (sender, kind, excerpt), and whether the red-packet advice is given
RED_PACKET_CASES = {
    # QQ's placeholder; a red packet from the owner is a lure and one is enough for the advice
    "qq_red_packets.txt": (None, (2, 1, 0, 0), [("阿梅", "red_packet", "[QQ红包]我发了一个“拼手气红包”,升级QQ手机版即可领取。"),
                                                ("小陈", "red_packet", "[QQ红包]恭喜发财")], True),
    # WeChat CSV marks them by type (49/2001, 49/2000); one member's red packet is listed, not advised on
    "wechat_red_packets.csv": (None, (1, 0, 1, 0), [("wxid_zhou", "red_packet", "[红包]恭喜发财,大吉大利"),
                                                    ("wxid_chen", "transfer", "[转账]￥58.00")], False),
    # a plain CSV with WeChat's placeholder, its wish split by an unquoted comma
    "csv_red_packets.csv": (["店长"], (2, 1, 1, 1), [("店长", "red_packet", "[红包]恭喜发财,大吉大利"),
                                                     ("阿珍", "red_packet", "[红包]谢谢店长"), ("店长", "transfer", "[转账]")], True),
}


@pytest.mark.parametrize("name", list(RED_PACKET_CASES))
def test_red_packets_and_transfers_are_market_norm_posts(name):
    owners, counts, posts, advised = RED_PACKET_CASES[name]
    r = group_health(H / name, owners=owners)
    rp = r.to_dict()["red_packets"]
    assert (rp["red_packets"], rp["red_packets_by_owner"], rp["transfers"], rp["transfers_by_owner"]) == counts
    assert [(a["sender"], a["kind"], a["excerpt"]) for a in r.market_norm_posts] == posts
    assert all(a["codes"] == ["RED_PACKET" if a["kind"] == "red_packet" else "TRANSFER"] for a in r.market_norm_posts)
    findings = {a["finding"] for a in r.advice}
    assert ("red_packets" in findings) == advised
    assert not findings & {"owner_ads", "member_ads"}  # money is not an ad the rules found
    assert r.ad_effect["first_owner_ad"] is None
    text = render_text(r)
    assert f"红包:{counts[0]} 个(群主/管理员发的 {counts[1]} 个)" in text and "广告类帖子:0 条" in text
    assert ("\n转账:" in text) == bool(counts[2])
    assert "广告类帖子和红包/转账(" in render_html(r)


def test_a_mention_of_a_red_packet_is_not_one_sent():
    from assistant.chatlog import money_kind

    table = {"[红包]恭喜发财,大吉大利": "red_packet", "[QQ红包]请使用新版手机QQ查收红包。": "red_packet",
             "[Red Packet]Best wishes": "red_packet", "[转账]": "transfer", "[Transfer]¥20": "transfer",
             "谢谢老板的红包": None, "发个[红包]吧": None, "[图片]": None, "红包接龙走起": None}
    assert {t: money_kind(t) for t in table} == table


# who says 周五晚上抽奖 -> whether it is counted as a market-norm post (the model here is unsure and clears every flag it may).
@pytest.mark.parametrize("sender, counted", [("老周", True), ("成员1", False)])
def test_the_owners_own_words_are_read_in_the_owners_voice(tmp_path, clearing_model, sender, counted):
    clearing_model(0.3)  # unsure, and clears every flag it may
    rows = [("2026-07-01 10:00", "成员2", "早上好,今天也一起读书"), ("2026-07-01 10:05", sender, "周五晚上抽奖")]
    r = group_health(_chat_csv(tmp_path, rows), owners=["老周"])
    ads = [a for a in r.market_norm_posts if a["kind"] == "ad"]
    assert bool(ads) is counted
    if counted:
        assert ads[0]["by_owner"] is True
