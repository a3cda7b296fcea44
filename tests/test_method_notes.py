"""The method's notes: loaded and checked from data, and a question matched to its note by meaning."""
import pytest
from conftest import assert_load_fails

from assistant import method_notes
from assistant.method_notes import best_note, method_note, notes


def _key(text: str) -> str:
    return next((n.key for n in notes() if n.text == text), "none")


@pytest.mark.parametrize("question, key", [
    ("新人进群第一天我该做点什么?", "new_member"),
    ("有个群友天天在群里卖面膜,要不要踢?", "ads_cleanup"),
    ("群里一直就我自己在发消息", "owner_only"),
    ("这个群三个月都没动静了,还有救吗", "revive"),
    ("怎么看出我的群办得成不成功?", "incubation"),
    ("进群要不要设条件?", "five_keys"),
    ("节日给大家发个大红包会不会更热闹?", "market_norms"),
    ("电脑版微信怎么导出聊天记录", "none"),
])
def test_question_reaches_its_note(question, key):
    assert _key(method_note(question)) == key


def test_every_note_names_its_article():
    assert len(notes()) >= 10
    assert all("《" in n.text or "五个关键" in n.text for n in notes())


@pytest.mark.parametrize("broken, message", [
    ('key = "revive"', 'key = "goal"'),  # a key twice
    ('about = "群越来越冷清', 'about_ = "群越来越冷清'),  # a field missing
])
def test_a_bad_notes_file_fails_when_loaded(tmp_path, monkeypatch, broken, message):
    assert_load_fails(monkeypatch, tmp_path, method_notes, "NOTES_FILE", method_notes.notes,
                      method_notes.NOTES_FILE.read_text(encoding="utf-8").replace(broken, message), "note")


@pytest.mark.parametrize("question, key", [
    ("What should I do on a new member's first day?", "new_member"),
    ("My group is full of spam ads, help", "ads_cleanup"),
])
def test_an_english_question_gets_the_english_note(question, key):
    text = method_note(question, lang="en")
    assert text == next(n.text_en for n in notes() if n.key == key) and text.startswith("Method:")


@pytest.mark.parametrize("question, scope", [("明天天气怎么样?", "不在社群运营的范围"),
                                             ("What's the weather tomorrow?", "outside running a customer group")])
def test_an_off_topic_question_is_told_what_the_assistant_is_for(shared_e5_settings, question, scope):
    from assistant.chains import ask

    answer = ask(question, settings=shared_e5_settings)
    assert scope in answer.text() and answer.citations == []


@pytest.mark.parametrize("question", ["奶茶店可以在群里发第二杯半价吗?", "周末在群里搞满100减20行不行?"])
def test_a_question_carrying_an_offer_is_about_market_norms(question):
    assert best_note(question).key == "market_norms"
