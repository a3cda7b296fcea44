"""A new group's launch week: the articles' rituals in order, in the business's words and language."""
import datetime as dt

import pytest

from assistant import launch
from assistant.chains import weekly_calendar
from assistant.errors import ConfigError
from assistant.guard import lint_post
from assistant.planner import playbooks

LAUNCH_TYPES = ["欢迎", "讨论", "讨论", "讨论", "打卡", "分享", "周复盘"]


@pytest.mark.parametrize("business, lang", [("社区面包店,顾客多是附近的宝妈", "zh"),
                                            ("a small bakery in our neighbourhood, customers are young parents", "en")])
def test_launch_week_then_the_rotation(business, lang):
    cal = weekly_calendar(business, start=dt.date(2027, 3, 1), days=9, launch=True)
    assert [d.type for d in cal.days[:7]] == LAUNCH_TYPES
    assert [d.type for d in cal.days[7:]] == ["分享", "打卡"]  # the weekly rotation takes over
    assert all(not lint_post(d.post).flagged for d in cal.days)
    assert all(cal.goal in d.post for d in cal.days[:4])
    tips = [t.rstrip("。.") for t in playbooks(lang)["bakery"]["share"]]
    first = next(t for t in tips if t in cal.days[5].post)  # the first tip is the business's own content
    later = weekly_calendar(business, start=dt.date(2027, 3, 8), days=28)
    assert not any(first in d.post for d in later.days)  # and the Mondays that follow do not repeat it
    if lang == "en":
        assert all(not any("\u4e00" <= ch <= "\u9fff" for ch in d.post + d.topic) for d in cal.days)


def test_without_launch_the_first_day_is_the_usual_one():
    cal = weekly_calendar("社区面包店", start=dt.date(2027, 3, 1), days=1)
    assert cal.days[0].type == "分享"


@pytest.mark.parametrize("edit, message", [
    (lambda t: t.replace('[[zh.day]]\ntype = "打卡"', '[[zh.day]]\ntype = "抽奖"'), "未知的活动类型"),
    (lambda t: t.replace('[[en.day]]\ntype = "欢迎"', '[[en.dax]]\ntype = "欢迎"'), "需要 7 天"),
])
def test_a_bad_launch_file_fails_when_loaded(tmp_path, monkeypatch, edit, message):
    path = tmp_path / "launch_week.toml"
    path.write_text(edit(launch.LAUNCH_FILE.read_text(encoding="utf-8")), encoding="utf-8")
    monkeypatch.setattr(launch, "LAUNCH_FILE", path)
    launch.launch_days.cache_clear()
    try:
        with pytest.raises(ConfigError, match=message):
            launch.launch_days()
    finally:
        launch.launch_days.cache_clear()
