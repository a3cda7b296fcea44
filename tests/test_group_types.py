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
