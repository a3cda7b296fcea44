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
