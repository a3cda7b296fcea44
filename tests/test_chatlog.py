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


def test_qq_times_written_on_a_12_hour_clock_after_a_word_for_the_time_of_day():
    stats = ParseStats()
    msgs = list(read_messages(H / "qq_meridiem.txt", None, stats))
    assert stats.format == "qq"
    assert [(str(m.time), m.sender) for m in msgs] == [
        ("2025-11-03 09:02:15", "书虫阿青"),
        ("2025-11-03 11:47:03", "豆豆"),     # a space after the word
        ("2025-11-03 12:05:40", "老顾"),     # 中午12 is noon
        ("2025-11-03 12:30:00", "豆豆"),     # 下午12 is noon too
        ("2025-11-03 13:20:00", "老顾"),     # 中午1点, no seconds
        ("2025-11-03 15:07:12", "小满"),
        ("2025-11-04 21:45:00", "书虫阿青"),
        ("2025-11-05 00:10:05", "小满"),     # 凌晨12 and 上午12 are the first hour of the day
        ("2025-11-05 00:40:00", "豆豆"),
        ("2025-11-05 01:02:00", "老顾"),
        ("2025-11-05 14:00:00", "小满"),
    ]
    # 上午15:10 contradicts itself: that header and the line under it are skipped and counted, not guessed
    assert stats.bad_lines == 2 and stats.examples[0].startswith("2025-11-05 上午15:10:00")


# the clock of a QQ header line -> the time it means (the date is 2026-08-01 throughout); None: unreadable.
@pytest.mark.parametrize("clock, when", [
    ("上午12:00:00", "00:00:00"), ("上午11:59", "11:59:00"), ("下午12:00", "12:00:00"), ("下午11:59:59", "23:59:59"),
    ("下午 3:07", "15:07:00"), ("下午15:07", "15:07:00"), ("早上7:30", "07:30:00"), ("傍晚6:10", "18:10:00"),
    ("中午11:50", "11:50:00"), ("中午2:05", "14:05:00"), ("晚上8:00", "20:00:00"), ("晚上12:10", "00:10:00"),
    ("晚上1:30", "01:30:00"), ("凌晨3:00", "03:00:00"), ("凌晨0:20", "00:20:00"),
    ("上午13:00", None), ("下午0:30", None), ("中午8:00", None), ("下午24:00", None), ("上午9:61", None),
])
def test_qq_time_of_day_words(tmp_path, clock, when):
    f = tmp_path / "qq.txt"
    f.write_text(f"消息记录\n\n2026-08-01 {clock} 小周(123456)\n在吗\n", encoding="utf-8")
    stats = ParseStats()
    msgs = list(read_messages(f, "qq", stats))
    assert [str(m.time)[11:] for m in msgs] == ([when] if when else [])
    assert stats.bad_lines == (0 if when else 2)


def test_a_qq_export_with_only_12_hour_clocks_is_recognised(tmp_path):
    from assistant.chatlog import detect_format

    f = tmp_path / "no_heading.txt"
    f.write_text("2026-08-01 下午3:07:12 小王(12345)\n到了吗\n\n2026-08-01 下午3:09 小李(23456)\n到了\n", encoding="utf-8")
    assert detect_format(f) == "qq"
    assert [str(m.time) for m in read_messages(f)] == ["2026-08-01 15:07:12", "2026-08-01 15:09:00"]
