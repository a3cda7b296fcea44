"""Rewriting a flagged draft into a post that passes the guard (offline, and with a fake chat model)."""
import json

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel
from test_cli import run

from assistant import rewrite_post
from assistant.guard import lint_post, load_rules
from assistant.rewrite import offline_rewrite

BAD = [t for r in load_rules()[0] for t in r.bad]


@pytest.mark.parametrize("text", BAD)
def test_offline_rewrite_of_every_bad_example_passes(text):
    r = offline_rewrite(text, goal="每月共读一本书")
    assert not lint_post(r.text).flagged and r.passes
    assert "每月共读一本书" in r.text and r.removed


def test_useful_content_is_kept_and_the_pitch_goes():
    text = "减脂期晚饭我一般吃鸡胸肉和西兰花,饱腹感强。想要同款代餐的私我,今天下单立减20"
    r = offline_rewrite(text, goal="60天,改变身形")
    assert r.text.startswith("减脂期晚饭我一般吃鸡胸肉和西兰花") and "私我" not in r.text and "立减" not in r.text


def test_clean_post_is_left_alone():
    r = offline_rewrite("今天打卡第10天,跑了5公里")
    assert r.text == "今天打卡第10天,跑了5公里" and not r.removed and r.notices


def test_english_draft_gets_an_english_invitation():
    r = offline_rewrite("New arrivals this week, 20% off, DM me to order", goal="read 12 books this year")
    assert "read 12 books this year" in r.text and "off" not in r.text and not lint_post(r.text).flagged


def test_model_rewrite_is_checked_and_retried(shared_e5_settings):
    model = FakeListChatModel(responses=["欢迎私聊下单,今晚秒杀!", "这周大家的晚饭都吃了什么?说说你的搭配,我们一起坚持「60天,改变身形」。"])
    r = rewrite_post("今晚群里发红包,下单立减20", goal="60天,改变身形", settings=shared_e5_settings, chat_model=model)
    assert r.mode != "offline" and r.text.startswith("这周大家的晚饭") and r.passes


def test_model_that_keeps_selling_falls_back_offline(shared_e5_settings):
    model = FakeListChatModel(responses=["私聊下单立减20", "扫码领券,今晚截止"])
    r = rewrite_post("今晚群里发红包,下单立减20", goal="60天,改变身形", settings=shared_e5_settings, chat_model=model)
    assert r.mode == "offline" and not lint_post(r.text).flagged and any("离线" in n for n in r.notices)


def test_non_string_is_type_error():
    with pytest.raises(TypeError):
        rewrite_post(None)


def test_cli_lint_rewrite(tmp_path):
    r = run(["lint", "--rewrite", "--goal", "60天,改变身形", "-"], stdin="今晚8点群里发红包,大家记得来抢!\n",
            home=tmp_path / "h", env_extra={"ASSISTANT_EMBEDDINGS": "hash"})
    assert r.returncode == 1 and "改写稿" in r.stdout and "60天,改变身形" in r.stdout
    r = run(["lint", "--rewrite", "--format", "json", "-"], stdin="领券再减30,链接在这里\n",
            home=tmp_path / "h", env_extra={"ASSISTANT_EMBEDDINGS": "hash"})
    d = json.loads(r.stdout)
    assert d["rewrite"]["passes"] and "领券" not in d["rewrite"]["text"]
