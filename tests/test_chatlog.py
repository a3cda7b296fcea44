"""Reading chat exports (assistant/chatlog.py): conversations, time shapes and encodings of real exports."""
import re

import pytest
from conftest import FIXTURES

from assistant.chatlog import ParseStats, qq_conversations, read_messages

H = FIXTURES / "health"


def test_qq_conversations_are_listed_with_their_folder_and_size():
    found = [(c.name, c.folder, c.messages, len(c.senders), c.is_group) for c in qq_conversations(H / "qq_several.txt")]
    assert found == [("表姐", "我的好友", 2, 2, False), ("周末骑行队", "我的群聊", 4, 3, True),
                     ("骑行装备交流", "我的群聊", 1, 1, True)]


def test_qq_conversations_with_the_same_name_get_distinct_labels():
    convs = qq_conversations(H / "qq_same_names.txt")
    assert [(c.name, c.label, c.first, c.messages) for c in convs] == [
        ("家长群", "家长群 #1", "2026-03-02", 3), ("王老师", "王老师", "2026-06-10", 2), ("家长群", "家长群 #2", "2026-09-01", 5)]
    assert convs[0].describe() == "「家长群 #1」(群,3 条,2026-03-02 起)"
    assert convs[2].describe("en") == "“家长群 #2” (group, 5 messages, from 2026-09-01)"
    assert convs[1].describe() == "「王老师」(私聊,2 条)" and convs[1].describe("en") == "“王老师” (private chat, 2 messages)"


def test_a_repeat_label_never_takes_another_conversations_own_name(tmp_path):
    f = tmp_path / "qq.txt"
    f.write_text("消息记录\n" + "".join(f"消息分组:我的群聊\n消息对象:{name}\n\n2026-01-01 9:00:00 小周(123456)\n早\n\n"
                                      for name in ("读书会", "读书会 #2", "读书会")), encoding="utf-8")
    assert [c.label for c in qq_conversations(f)] == ["读书会 #1", "读书会 #2", "读书会 #3"]


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


# A QQ header line -> (when, sender). QQ writes 24-hour clocks (or a word before a 12-hour one), never AM/PM
# after the clock, so "AM"/"PM" after a clock is the start of the nickname and leaves the time as written.
QQ_AM_PM = [
    ("2024-05-01 9:15:02 PM Studio(12345)", "2024-05-01 09:15:02", "PM Studio"),
    ("2024-05-01 21:15:02 PM Studio(12345)", "2024-05-01 21:15:02", "PM Studio"),
    ("2024-05-01 9:15:02 AM 小王(123456)", "2024-05-01 09:15:02", "AM 小王"),
    ("2024-05-01 13:00:00 AM 小王(123456)", "2024-05-01 13:00:00", "AM 小王"),  # not 上午13 (unreadable)
    ("2024-05-01 12:05 am 小王(123456)", "2024-05-01 12:05:00", "am 小王"),       # not 00:05
    ("2024-05-01 9:15 P.M. Lee<lee@example.com>", "2024-05-01 09:15:00", "P.M. Lee"),
    ("2024-05-01 下午3:07:12 PM Studio(12345)", "2024-05-01 15:07:12", "PM Studio"),  # the word still counts
    ("2024-05-01 9:15:02 AMY(12345)", "2024-05-01 09:15:02", "AMY"),
    ("2024-05-01 9:15:02 小王 PM(12345)", "2024-05-01 09:15:02", "小王 PM"),
]


@pytest.mark.parametrize("header, when, sender", QQ_AM_PM, ids=[h for h, _, _ in QQ_AM_PM])
def test_qq_headers_have_no_am_pm(tmp_path, header, when, sender):
    f = tmp_path / "qq.txt"
    f.write_text(f"消息记录\n\n{header}\n在吗\n\n2024-05-01 22:00:00 小李(654321)\n在\n", encoding="utf-8")
    stats = ParseStats()
    msgs = list(read_messages(f, None, stats))
    assert stats.format == "qq" and stats.bad_lines == 0
    assert [(str(m.time), m.sender, m.text) for m in msgs] == [(when, sender, "在吗"),
                                                                ("2024-05-01 22:00:00", "小李", "在")]


# The other formats keep AM/PM, and a time with AM/PM is not taken for a QQ header's clock and nickname.
@pytest.mark.parametrize("fmt", ["wechat", "csv", "telegram"])
@pytest.mark.parametrize("written, when", [
    ("2024-05-01 9:15:02 PM", "2024-05-01 21:15:02"), ("2024-05-01 9:15 AM", "2024-05-01 09:15:00"),
    ("2024-05-01 12:05 am", "2024-05-01 00:05:00"), ("2024-05-01 12:05 P.M.", "2024-05-01 12:05:00"),
    ("2024-05-01 13:00 AM", None),
])
def test_other_formats_keep_am_pm(tmp_path, fmt, written, when):
    stats = ParseStats()
    msgs = list(read_messages(_export_with_time(tmp_path, fmt, written), fmt, stats))
    assert [str(m.time) for m in msgs] == ([when, when] if when else [])
    assert [m.sender for m in msgs] == (["小周", "小李"] if when else [])


# --- one reading of times for every format ---------------------------------------------------------------
def _export_with_time(tmp_path, fmt: str, when: str):
    """A two-message export in ``fmt`` whose messages were both sent at ``when`` (written as the export would)."""
    import json

    f = tmp_path / f"export.{ {'telegram': 'json', 'qq': 'txt'}.get(fmt, 'csv') }"
    if fmt == "qq":
        f.write_text(f"消息记录\n\n{when} 小周(123456)\n在吗\n\n{when} 小李(654321)\n在\n", encoding="utf-8")
    elif fmt == "csv":
        f.write_text(f"时间,发送者,内容\n{when},小周,在吗\n{when},小李,在\n", encoding="utf-8")
    elif fmt == "wechat":  # StrTime only: a CreateTime would be read instead of a StrTime that cannot be
        f.write_text("localId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime,Remark,NickName,Sender\n"
                     f"1,1,1,0,0,,2,在吗,{when},,群,小周\n2,1,1,0,0,,2,在,{when},,群,小李\n", encoding="utf-8")
    else:
        f.write_text(json.dumps({"messages": [{"type": "message", "date": when, "from": who, "text": text}
                                              for who, text in (("小周", "在吗"), ("小李", "在"))]}, ensure_ascii=False),
                     encoding="utf-8")
    return f


# a time as an export writes it -> the time it means (None: unreadable, the message is skipped and counted).
TIME_TABLE = [
    ("2026-08-01 上午12:05", "2026-08-01 00:05:00"),     # 上午12 is the first hour of the day
    ("2026-08-01 上午12:05:09", "2026-08-01 00:05:09"),
    ("2026-08-01 凌晨12:30", "2026-08-01 00:30:00"),
    ("2026-08-01 上午11:59", "2026-08-01 11:59:00"),
    ("2026-08-01 下午12:05", "2026-08-01 12:05:00"),     # 下午12 is noon
    ("2026-08-01 中午12:30", "2026-08-01 12:30:00"),
    ("2026-08-01 中午1:15", "2026-08-01 13:15:00"),
    ("2026-08-01 下午3:07:12", "2026-08-01 15:07:12"),
    ("2026/8/1 下午 3:07", "2026-08-01 15:07:00"),       # a space after the word, slashes, no seconds
    ("2026-08-01 下午15:07", "2026-08-01 15:07:00"),     # a 24-hour hour that agrees with its word
    ("2026-08-01 傍晚6:10", "2026-08-01 18:10:00"),
    ("2026-08-01 晚上11:05", "2026-08-01 23:05:00"),
    ("2026-08-01 晚上12:10", "2026-08-01 00:10:00"),     # the small hours of the date written
    ("2026-08-01 晚上1:30", "2026-08-01 01:30:00"),
    ("2026-08-01 3:07 PM", "2026-08-01 15:07:00"),
    ("2026-08-01 12:05 AM", "2026-08-01 00:05:00"),
    ("2026-08-01 12:05 pm", "2026-08-01 12:05:00"),
    ("2026年8月1日 下午3:07", "2026-08-01 15:07:00"),
    ("2026-08-01 上午15:10", None),                      # the word contradicts the hour
    ("2026-08-01 下午0:30", None),
    ("2026-08-01 中午8:00", None),
    ("2026-08-01 下午24:00", None),
    ("2026-08-01 上午9:61", None),
    ("2026-08-01 下午3:07 PM", None),                    # said twice
    ("2026-08-01 13:07 AM", None),
]


@pytest.mark.parametrize("fmt", ["qq", "wechat", "csv", "telegram"])
@pytest.mark.parametrize("written, when", TIME_TABLE, ids=[w for w, _ in TIME_TABLE])
def test_every_format_reads_times_the_same_way(tmp_path, fmt, written, when):
    stats = ParseStats()
    suffix = re.search(r" ([AaPp][Mm])$", written)
    if fmt == "qq" and suffix:  # QQ headers have no AM/PM: it starts the nickname (test_qq_headers_have_no_am_pm)
        from assistant.chatlog import parse_time

        clock = str(parse_time(written[:suffix.start()]))
        msgs = list(read_messages(_export_with_time(tmp_path, fmt, written), fmt, stats))
        assert [(str(m.time), m.sender) for m in msgs] == [(clock, f"{suffix[1]} 小周"), (clock, f"{suffix[1]} 小李")]
        assert stats.bad_lines == 0
        return
    msgs = list(read_messages(_export_with_time(tmp_path, fmt, written), fmt, stats))
    assert [str(m.time) for m in msgs] == ([when, when] if when else [])
    assert [m.sender for m in msgs] == (["小周", "小李"] if when else [])
    assert (stats.bad_lines > 0) == (when is None)


@pytest.mark.parametrize("written, when", TIME_TABLE + [
    ("2026-08-01", "2026-08-01 00:00:00"),               # a date alone is the start of that day
    ("2026-08-01T15:07:12", "2026-08-01 15:07:12"),
    ("2026-08-01T15:07:12.250+08:00", "2026-08-01 15:07:12"),  # the wall-clock time written, not converted
    ("2026-08-01 15:07:12Z", "2026-08-01 15:07:12"),
    ("2026.8.1 9:05", "2026-08-01 09:05:00"),
    ("2026年8月1日下午3:07", "2026-08-01 15:07:00"),
    ("2026-08-01下午3:07", "2026-08-01 15:07:00"),
    ("2026-08-01 15:07:12", "2026-08-01 15:07:12"),
    ("2026-08-01 15:07:12 星期六", "2026-08-01 15:07:12"),  # trailing weekday or zone name: the time as written
    ("2026-08-01 15:07:12 周六", "2026-08-01 15:07:12"), ("2026-08-01 15:07:12 UTC", "2026-08-01 15:07:12"),
    ("2026-08-01 15:07:12 GMT+8", "2026-08-01 15:07:12"), ("2026-08-01 15:07 星期八", None),
    ("2026-02-30 10:00", None), ("昨天 下午3:07", None), ("", None), ("下午3:07", None),
])
def test_parse_time_is_the_one_reading(written, when):
    from assistant.chatlog import parse_time

    got = parse_time(written)
    assert (str(got) if got else None) == when


def test_epoch_seconds_and_milliseconds_are_local_times():
    import datetime as dt

    from assistant.chatlog import parse_time

    expected = dt.datetime.fromtimestamp(1775001600)
    assert parse_time("1775001600") == parse_time("1775001600123") == parse_time(1775001600) == expected


def test_csv_and_wechat_exports_on_a_12_hour_clock_are_read():
    stats = ParseStats()
    msgs = list(read_messages(H / "csv_meridiem.csv", None, stats))
    assert stats.format == "csv" and stats.bad_lines == 1  # 上午15:10 contradicts itself: skipped and counted
    assert [(str(m.time), m.sender) for m in msgs] == [
        ("2025-11-03 09:02:00", "书虫阿青"), ("2025-11-03 11:47:00", "豆豆"), ("2025-11-03 12:05:00", "老顾"),
        ("2025-11-03 12:30:00", "豆豆"), ("2025-11-03 15:07:00", "小满"), ("2025-11-04 23:45:00", "书虫阿青"),
        ("2025-11-05 00:10:00", "小满"), ("2025-11-05 00:40:00", "豆豆")]
    assert msgs[0].text == "早,这周读《额尔古纳河右岸》第三章"
    stats = ParseStats()
    msgs = list(read_messages(H / "wechat_meridiem.csv", None, stats))
    assert stats.format == "wechat" and stats.bad_lines == 0
    assert [str(m.time) for m in msgs] == ["2026-04-01 08:00:00", "2026-04-01 00:30:00", "2026-04-01 12:05:00",
                                           "2026-04-01 23:05:00", "2026-04-02 01:20:00"]


# file, then (sender, text) of every message and how many lines had their unquoted commas joined back
UNQUOTED_COMMAS = {
    "csv_unquoted_commas.csv": ([("阿梅(店主)", "早上好,今天聊聊怎么挑苹果"), ("小周", "引号里的,逗号不算多"),
                                 ("阿梅(店主)", "新疆苹果到货,前30名9折,私聊我下单"), ("小周", "好的")], 2),
    # the text is not the last column: the columns after it keep their places
    "csv_text_in_middle.csv": ([("Ann", "morning all, who is coming on Saturday"), ("Bob", "me")], 1),
    "wechat_unquoted_commas.csv": ([("wxid_anna", "周末团购,满99减20,私聊我"), ("wxid_bo", "好的,收到")], 1),
}


@pytest.mark.parametrize("name", list(UNQUOTED_COMMAS))
def test_unquoted_commas_in_the_text_are_joined_back_and_counted(name):
    messages, joined = UNQUOTED_COMMAS[name]
    stats = ParseStats()
    msgs = list(read_messages(H / name, None, stats))
    assert [(m.sender, m.text) for m in msgs] == messages
    assert (stats.joined_lines, stats.bad_lines) == (joined, 0)
    assert len(stats.joined_examples) == joined


# a file read as Telegram's result.json that is not one: the message, in Chinese and in English, names the
# problem in words (what the file looks like, or where its JSON breaks), never the JSON parser's own message
NOT_TELEGRAM = {
    "plain.csv": ("看起来是「CSV 表格」;去掉 --input-format telegram", "it looks like a CSV table"),
    "wechat_group.csv": ("看起来是「微信聊天记录 CSV」", "it looks like a WeChat chat CSV"),
    "qq_group.txt": ("看起来是「QQ/TIM 文本消息记录」", "it looks like a QQ/TIM text export"),
    "telegram_cut_short.json": ("JSON 在第 7 行第 55 列坏了", "broken at line 7, column 55"),
}


@pytest.mark.parametrize("name", list(NOT_TELEGRAM))
def test_a_file_that_is_not_telegram_json_is_named_in_words(name):
    from assistant.errors import InputError

    zh, en = NOT_TELEGRAM[name]
    with pytest.raises(InputError) as e:
        list(read_messages(H / name, "telegram"))
    for text, says in ((str(e.value), zh), (e.value.en, en)):
        assert says in text and "\n" not in text
        assert not re.search(r"Expecting|char \d|JSONDecodeError|line 1 column 1", text)
    words = str(e.value).split(": ", 1)[1]  # after the file's name: Chinese, less the names of things
    for name_of_thing in ("--input-format telegram", "Telegram", "result.json", "JSON", "QQ/TIM", "CSV"):
        words = words.replace(name_of_thing, "")
    assert not re.search(r"[A-Za-z]{2,}", words), words


def test_health_on_a_csv_read_as_telegram_is_one_line_exit_2(capsys):
    from assistant import cli

    assert cli.main(["health", str(H / "plain.csv"), "--input-format", "telegram"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "不是 Telegram 导出的 JSON 文件" in err and "Expecting" not in err
