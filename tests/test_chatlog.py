"""Reading chat exports (assistant/chatlog.py): conversations, time shapes and encodings of real exports."""
import pytest
from conftest import FIXTURES

from assistant.chatlog import ParseStats, qq_conversations, read_messages

H = FIXTURES / "health"


def test_qq_conversations_are_listed_with_their_folder_and_size():
    found = [(c.name, c.folder, c.messages, len(c.senders), c.is_group) for c in qq_conversations(H / "qq_several.txt")]
    assert found == [("表姐", "我的好友", 2, 2, False), ("周末骑行队", "我的群聊", 4, 3, True),
                     ("骑行装备交流", "我的群聊", 1, 1, True)]


@pytest.mark.parametrize("index, texts", [
    (0, ["周末回家吃饭吗", "回,周六中午到"]),  # the next conversation's ==== line is not part of the last message
    (2, ["有人用过这款尾灯吗"]),
])
def test_one_qq_conversation_is_read_alone(index, texts):
    stats = ParseStats()
    assert [m.text for m in read_messages(H / "qq_several.txt", None, stats, index)] == texts
    assert stats.bad_lines == 0


# the header line of one QQ message -> when it was sent (other QQ versions and locales write times differently).
@pytest.mark.parametrize("header, when", [
    ("2026-08-01 8:05:12 小周(123456)", "2026-08-01 08:05:12"),
    ("2026/8/1 8:05:12 小周(123456)", "2026-08-01 08:05:12"),
    ("2026/08/01 18:05:12 小周(123456)", "2026-08-01 18:05:12"),
    ("2026-08-01 8:05 小周(123456)", "2026-08-01 08:05:00"),
    ("2026/8/1 8:05 小周<zhou@example.com>", "2026-08-01 08:05:00"),
])
def test_qq_time_shapes(tmp_path, header, when):
    f = tmp_path / "qq.txt"
    f.write_text(f"消息记录\n\n{header}\n早上好\n\n{header}\n今天去跑步吗\n", encoding="utf-8")
    stats = ParseStats()
    msgs = list(read_messages(f, None, stats))
    assert [(str(m.time), m.sender, m.text) for m in msgs] == [(when, "小周", "早上好"), (when, "小周", "今天去跑步吗")]
    assert stats.format == "qq" and stats.bad_lines == 0



QQ_TEXT = "消息记录\n\n2026-08-01 8:05:12 小周(123456)\n早上好,今天跑步吗\n\n2026-08-01 8:06:00 小李(654321)\n跑,老地方见\n"
CSV_TEXT = "时间,发送者,内容\n2026-08-01 08:05,小周,早上好,今天跑步吗\n2026-08-01 08:06,小李,\"跑,老地方见\"\n"


# (text, how it is saved) -> the file is read as the same two messages.
@pytest.mark.parametrize("text, encoding", [
    (CSV_TEXT, "gb18030"),
    (CSV_TEXT, "gbk"),
    (CSV_TEXT, "utf-16"),        # with a BOM, as Excel's "Unicode text" saves
    (QQ_TEXT, "gbk"),
    (QQ_TEXT, "utf-16"),
    (QQ_TEXT, "utf-8"),
])
def test_exports_in_chinese_windows_encodings_are_read(tmp_path, text, encoding):
    f = tmp_path / "export.txt"
    f.write_bytes(text.encode(encoding))
    msgs = list(read_messages(f))
    assert [(m.sender, m.text) for m in msgs][-1] == ("小李", "跑,老地方见")
    assert msgs[0].sender == "小周" and msgs[0].text.startswith("早上好")


def test_a_long_gbk_export_is_read_past_the_sniffed_head(tmp_path):
    lines = "".join(f"2026-08-01 9:{i % 60:02d},成员{i},\"第{i}条:今天读完了第三章,收获很大\"\n" for i in range(2000))
    f = tmp_path / "big.csv"
    f.write_bytes(("时间,发送者,内容\n" + lines).encode("gb18030"))
    msgs = list(read_messages(f))
    assert len(msgs) == 2000 and msgs[-1].text == "第1999条:今天读完了第三章,收获很大"


def test_utf8_with_a_damaged_byte_is_not_read_as_gbk(tmp_path):
    f = tmp_path / "qq.txt"
    f.write_bytes(QQ_TEXT.encode("utf-8").replace("早上好".encode(), b"\xff" + "上好".encode()))
    msgs = list(read_messages(f))
    assert [m.sender for m in msgs] == ["小周", "小李"] and msgs[0].text == "\ufffd上好,今天跑步吗"
