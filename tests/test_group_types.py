"""The four kinds of group have one home (method/group_types.toml), checked when loaded; every other
place that names them (the guard's profiles, the planner, the page, the CLI help) follows it."""
import shutil

import pytest

from assistant import group_types
from assistant.errors import ConfigError
from assistant.guard import RULES_DIR, RuleError, load_rules, resolve_profile
from assistant.planner import choose_group_type
from assistant.schemas import GROUP_TYPES


def test_table_loads_in_page_order():
    assert group_types.labels() == ("快闪群", "新用户群", "超级用户群", "交付群") == GROUP_TYPES
    assert group_types.default().label == "超级用户群"


@pytest.mark.parametrize("g", group_types.all_types(), ids=lambda g: g.key)
def test_every_name_of_a_kind_reaches_the_same_kind_everywhere(g):
    for name in (g.key, g.label, g.en, *g.aliases):
        assert group_types.find(name) == g
        assert resolve_profile(name).name == g.key  # the guard's weights for that kind
        assert choose_group_type("社区面包店", override=name)[0] == g.label  # the planner


@pytest.mark.parametrize("edit, message", [
    (lambda t: t.replace('aliases = ["newuser", "new",', 'aliases = ["newuser", "flash",'), "同时属于"),
    (lambda t: t.replace('key = "delivery"', 'key = "paidgroup"'), "四种群"),
    (lambda t: t.replace('default = "super"', 'default = "vip"'), "default"),
    (lambda t: t.replace('en = "flash group"\n', ''), "缺少 en"),
])
def test_a_bad_table_fails_when_loaded(tmp_path, edit, message):
    path = tmp_path / "group_types.toml"
    path.write_text(edit(group_types.TABLE.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        group_types.load(str(path))


def test_a_profile_for_an_unknown_kind_fails(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(RULES_DIR, rules)
    profiles = rules / "profiles.toml"
    profiles.write_text(profiles.read_text(encoding="utf-8") + "\n[fansgroup]\nlearned = \"off\"\n", encoding="utf-8")
    with pytest.raises(RuleError, match="fansgroup"):
        load_rules(str(rules))


def test_a_kind_without_a_profile_fails(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(RULES_DIR, rules)
    profiles = rules / "profiles.toml"
    text = profiles.read_text(encoding="utf-8")
    profiles.write_text(text[: text.index("[newuser]")] + text[text.index("[super]"):], encoding="utf-8")
    with pytest.raises(RuleError, match="newuser"):
        load_rules(str(rules))


def test_members_who_come_rarely_get_the_tables_kind(tmp_path):
    assert group_types.for_rare_visits().key == "delivery"
    path = tmp_path / "group_types.toml"
    path.write_text(group_types.TABLE.read_text(encoding="utf-8").replace('rare = "delivery"', 'rare = "weekly"'),
                    encoding="utf-8")
    with pytest.raises(ConfigError, match="rare"):
        group_types._rare_key(str(path))


def _choice_rows() -> list[dict]:
    """tests/fixtures/group_type_choice.tsv: businesses (and answers) with the kind a careful reader of the articles
    would choose, written before the planner's choice was changed."""
    import csv
    from pathlib import Path

    path = Path(__file__).parent / "fixtures" / "group_type_choice.tsv"
    lines = [x for x in path.read_text(encoding="utf-8").splitlines() if x and not x.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def _answers(row: dict) -> dict:
    return {k: row[k] for k in ("members", "pays", "frequency") if row.get(k)}


@pytest.mark.parametrize("row", _choice_rows(), ids=lambda r: f"{r['expected']}:{r['business'][:18]}")
def test_the_kind_follows_what_the_owner_says(row):
    from assistant.planner import clean_answers, group_choice
    from assistant.text import language_of

    lang = language_of(row["business"])
    label, reason, _ = group_choice(row["business"], lang, clean_answers(_answers(row)))
    assert group_types.find(label).key == row["expected"], reason


@pytest.mark.parametrize("row", _choice_rows()[::5], ids=lambda r: r["business"][:18])
@pytest.mark.parametrize("key", group_types.DISPLAY_ORDER)
def test_the_owners_choice_always_wins(row, key):
    from assistant.planner import clean_answers, group_choice
    from assistant.text import language_of

    label, reason, _ = group_choice(row["business"], language_of(row["business"]), clean_answers(_answers(row)), key)
    assert label == group_types.by_key(key).label and reason.startswith(("这是你选的", "You chose", "This is"))


@pytest.mark.parametrize("business, lang, quoted", [
    ("我的奶茶店上个月刚开业,来的都是第一次来的客人", "zh", ["「刚开业」", "「第一次」"]),
    ("Our bakery is doing a limited Christmas cookie box, orders open for ten days only", "en", ["“limited”"]),
    ("少儿编程培训,家长报了一学期的课", "zh", ["「报了一学期的课」"]),
])
def test_the_reason_quotes_the_words_that_chose_the_kind(business, lang, quoted):
    from assistant.planner import plan_goal

    plan = plan_goal(business)
    assert all(q in plan.group_type_reason for q in quoted), plan.group_type_reason


@pytest.mark.parametrize("business", ["我开了一家家常菜馆", "社区水果店", "A small yoga studio in our neighbourhood."])
def test_words_that_decide_nothing_keep_the_default(business):
    from assistant.planner import choose_group_type

    assert group_types.weigh(business, lambda t, kws: []) is None
    assert choose_group_type(business)[0] == group_types.default().label


def test_a_flash_group_is_never_the_lasting_kind():
    text = "月饼只在中秋前卖半个月,想建个群接预订,节后就解散"
    assert group_types.weigh(text, lambda t, kws: [])[0].key == "flash"
    lasting = group_types.weigh(text, lambda t, kws: [], lasting=True)
    assert lasting is None or lasting[0].key != "flash"


@pytest.mark.parametrize("edit, message", [
    (lambda t: t.replace("ideas = { paid = 2,", "ideas = { paying = 2,"), "ideas"),
    (lambda t: t.replace("decisive = 2", "decisive = 0"), "decisive"),
    (lambda t: t.replace("best = ['最(?:常来", "best = ['最((?:常来"), "正则"),
])
def test_a_bad_idea_fails_when_loaded(tmp_path, edit, message):
    path = tmp_path / "group_types.toml"
    text = edit(group_types.TABLE.read_text(encoding="utf-8"))
    assert text != group_types.TABLE.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        group_types.load(str(path))
        group_types.scoring(str(path))
