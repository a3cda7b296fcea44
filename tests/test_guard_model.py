"""The guard's learned stage: what it adds and clears, per profile; its weights file; reproducible training."""
import gzip
import json
import subprocess
import sys

import pytest
from conftest import ROOT, ClearingModel
from test_cli import run

from assistant import guard_model
from assistant.errors import InputError
from assistant.guard import _evidence, _rule_stage, lint_post, load_rules, resolve_profile
from assistant.guard_model import LENGTH_BUCKETS, WINDOW, ModelFileError, length_units, load_model

LEARNED = next(r for r in load_rules()[0] if r.type == "learned")


@pytest.mark.parametrize("text", LEARNED.bad)
def test_learned_finding_where_no_rule_fires(text):
    assert not lint_post(text, learned=False).flagged  # the rules alone miss it: that is the point
    report = lint_post(text)
    assert report.flagged and [f.code for f in report.findings] == [LEARNED.code]
    f = report.findings[0]
    assert f.excerpt == text[f.start:f.end] and f.excerpt.strip()
    assert report.to_dict()["model_score"] >= load_model().add_at


@pytest.mark.parametrize("text", LEARNED.bad)
def test_flash_group_never_gets_a_learned_flag(text):
    assert not lint_post(text, group_type="flash").flagged


@pytest.mark.parametrize("text", LEARNED.good)
def test_learned_stage_leaves_everyday_posts_alone(text):
    report = lint_post(text)
    assert not report.flagged and report.model_score < 0.5


def test_rules_evidence_is_weighed_not_trusted_blindly():
    """Across the shipped data, some rule flags are cleared and some ads are added; per profile settings."""
    rows = [line.split("\t", 1) for line in (ROOT / "data" / "guard" / "chat.tsv").read_text(encoding="utf-8").splitlines()[1:]]
    cleared = [t for _, t in rows if lint_post(t, learned=False).flagged and not lint_post(t).flagged]
    assert cleared, "the learned stage should clear some one-word flags on everyday chat"
    # A stricter group keeps the rules' flag: the learned stage may only add there.
    assert all(lint_post(t, group_type="super").flagged for t in cleared if lint_post(t, group_type="super", learned=False).flagged)


def test_missing_weights_rules_still_work_with_a_notice(monkeypatch, tmp_path):
    monkeypatch.setattr(guard_model, "MODEL_PATH", tmp_path / "gone.json.gz")
    monkeypatch.setattr("assistant.guard._model_notice", [])
    report = lint_post("群里发个大红包,庆祝一下")
    assert report.flagged and report.model_score is None
    assert "gone.json.gz" in report.notices[0] and "只用规则" in report.notices[0]
    assert report.to_dict()["notices"] == report.notices


def test_gray_zone_changes_only_gray_zone_scores():
    """Short posts the rules flag or the n-gram model is unsure of get the gray-zone score; others keep theirs."""
    model = load_model()
    lines = (ROOT / "data" / "guard" / "chat.tsv").read_text(encoding="utf-8").splitlines()[1:400]
    texts = [t for _, t in (x.split("\t", 1) for x in lines)] + [r for rule in load_rules()[0] for r in rule.bad]
    texts.append("今天打卡,坚持运动。" * 40 + "群里发个大红包,庆祝一下")  # longer than WINDOW: read as before
    changed = kept = 0
    for text in texts:
        stage = _rule_stage(text, resolve_profile(None), None, None)
        evidence = _evidence(stage)
        plain = model.proba(stage.model_norm, evidence)
        score = lint_post(text).model_score
        if len(stage.model_norm) <= WINDOW and model.in_gray(plain, stage.flagged):
            assert score == pytest.approx(model.gray_proba(plain, evidence, length_units(stage.model_norm)))
            changed += score != pytest.approx(plain)
        else:
            assert score == plain
            kept += 1
    assert changed > 10 and kept > 100


def test_long_posts_use_the_plain_thresholds():
    model = load_model()
    assert model.thresholds(short=False) == model.plain
    assert model.thresholds(short=True) == (model.add_at, model.veto_below, model.veto_strong)


@pytest.mark.parametrize("text, evidence", [
    ("自家做的辣椒酱 要的跟我说", True),  # a call to order the rules read but do not flag alone
    ("周末烘焙课还剩两个位置", True),  # scarcity, an amplifier kept as a hint
    ("今天的晚霞特别好看", False),
])
def test_rule_evidence_lowers_the_bar_to_add(monkeypatch, text, evidence):
    """An unflagged post with some rule evidence (score >= EVIDENCE_AT) is held to the lower add threshold."""
    from assistant.guard import EVIDENCE_AT

    model = load_model()
    # The shipped bar is chosen by cross-validation and never above the plain one; it equals it when the data shows
    # no gain from a lower one (the 2026-12-01 retrain on 95,042 posts chose 0.75 for both).
    assert model.add_on_evidence(True) <= model.add_at
    stage = _rule_stage(text, resolve_profile(None), None, None)
    assert not stage.flagged and (stage.score >= EVIDENCE_AT) == evidence
    p = lint_post(text).model_score
    monkeypatch.setattr(model, "add_at", min(p + 0.01, 1.0))  # the plain bar just out of reach
    monkeypatch.setattr(model, "add_evidence", max(p - 0.01, 0.0))  # the evidence bar just within reach
    assert lint_post(text).flagged == evidence


@pytest.mark.parametrize("text, sure", [
    ("今晚5折,优惠券在群公告", True),   # two strong terms: the rules are sure
    ("特斯拉降价了 model3现在二十三万", False),  # one strong word in a member's remark
])
def test_sure_rules_need_a_confident_model_to_clear(monkeypatch, text, sure):
    """A flag on two strong terms stands unless the model is confident (veto_sure); one strong word is cleared at
    the strong veto, which the cross-validation set higher."""
    from assistant.guard import STRONG_EVIDENCE, SURE_EVIDENCE

    model = load_model()
    assert model.veto_on_sure(True) < model.veto_strong  # the shipped file has one, chosen by cross-validation
    stage = _rule_stage(text, resolve_profile(None), None, None)
    assert stage.flagged and stage.score >= STRONG_EVIDENCE and (stage.score >= SURE_EVIDENCE) == sure
    p = lint_post(text).model_score
    monkeypatch.setattr(model, "veto_strong", min(p + 0.01, 1.0))  # the strong veto just clears it ...
    monkeypatch.setattr(model, "veto_sure", max(p - 0.01, 0.0))  # ... the sure veto just does not
    report = lint_post(text)
    assert report.flagged == sure
    assert any(f.severity != "suggestion" for f in report.findings)  # cleared or not, the owner sees the word


@pytest.mark.parametrize("text, stands", [
    ("【某某商城】您的积分即将过期,快去兑换好礼吧,退订回TD", True),  # the unsubscribe line: only marketing carries it
    ("又收到一条“回T退订”的短信,回了T还是照样发", False),  # quoted in a complaint: context weakens it first
])
def test_a_sure_mark_is_not_cleared_by_the_model(monkeypatch, text, stands):
    """A "sure" match at full weight stands whatever the model says; a quoted one is ordinary evidence."""
    model = load_model()
    for name in ("veto_below", "veto_strong", "veto_sure"):
        monkeypatch.setattr(model, name, 1.01)  # a model that would clear anything it may clear
    monkeypatch.setattr(model, "plain", (model.plain[0], 1.01, 1.01))
    report = lint_post(text)
    assert report.flagged == stands
    assert any(f.code == "MN014" for f in report.findings)


@pytest.mark.parametrize("norm, units", [
    ("今天跑了五公里", 7), ("wts kettle", 4), ("wts:kettle,hardly used. 20 ono", 15), ("出个键盘 300r", 6),
    ("20 ono", 4), ("", 0), ("🧧🧧", 2)])
def test_length_counts_words_and_characters_alike(norm, units):
    assert length_units(norm) == units


@pytest.mark.parametrize("norm, words", [
    ("taking on two more clients,link in bio",  # no pair across a comma
     {"w:taking", "w:on", "w:two", "w:more", "w:clients", "w:link", "w:in", "w:bio",
      "w:taking on", "w:on two", "w:two more", "w:more clients", "w:link in", "w:in bio"}),
    ("今天到了一批新货,dm me", {"w:dm", "w:dm me", "w:me"}),
    ("done. booking now", {"w:done", "w:booking", "w:now", "w:booking now"}),  # no pair across a sentence end
    ("出个键盘 300r,vx私", {"w:vx"}),  # numbers and single letters are not words
    ("2pm slot,300rmb", {"w:pm", "w:slot", "w:rmb", "w:pm slot"}),  # letters after a number are a word
    ("今天跑了五公里", set())])
def test_latin_words_and_pairs_are_features(norm, words):
    feats = guard_model.ngrams(norm)
    assert {g for g in feats if g.startswith("w:")} == words
    assert all(len(g) > max(guard_model.NGRAM_SIZES) for g in feats if g.startswith("w:"))  # never a character n-gram's key


def test_a_short_english_post_is_not_read_as_a_long_one():
    """The same offer, said in a few words, lands at most one length bucket apart in English and Chinese (counted in
    characters the English one would be two buckets further on)."""
    zh, en = "出一台九成新的咖啡机,三百块,自提", "selling a coffee machine, like new, 300, pick up only"
    bucket = [sum(length_units(t) >= b for b in LENGTH_BUCKETS) for t in (zh, en)]
    by_chars = [sum(len(t) >= b for b in LENGTH_BUCKETS) for t in (zh, en)]
    assert by_chars[1] - by_chars[0] == 2 and abs(bucket[0] - bucket[1]) <= 1


def _weights(fmt: int) -> bytes:
    return gzip.compress(json.dumps({
        "format": fmt, "ngrams": {}, "dense": {}, "bias": 0, "thresholds": {"add": 0.5, "veto": 0.5},
        "thresholds_plain": {"add": 0.5, "veto": 0.5, "veto_strong": 0.5},
        "gray": {"lo": 0.2, "hi": 0.9, "bias": 0, "weights": {}}}).encode())


def test_weights_counting_length_in_characters_are_refused(tmp_path):
    """Format 2 files read the gray zone's length buckets in characters: loading one would misread every English post."""
    (tmp_path / "now.json.gz").write_bytes(_weights(3))
    assert load_model(tmp_path / "now.json.gz").gray_lo == 0.2
    (tmp_path / "old.json.gz").write_bytes(_weights(2))
    with pytest.raises(ModelFileError, match="格式版本"):
        load_model(tmp_path / "old.json.gz")


@pytest.mark.parametrize("content", [b"not gzip at all", gzip.compress(b"{broken json"),
                                     gzip.compress(json.dumps({"format": 99}).encode()),
                                     gzip.compress(json.dumps({"format": 1}).encode()),
                                     gzip.compress(json.dumps({"format": 3, "ngrams": {}, "dense": {}, "bias": 0,
                                                               "thresholds": {"add": 0.5, "veto": 0.5}}).encode())],
                         ids=["not-gzip", "bad-json", "wrong-format", "old-format", "no-gray-zone"])
def test_corrupt_weights_name_the_file(tmp_path, content):
    path = tmp_path / "learned.json.gz"
    path.write_bytes(content)
    with pytest.raises(ModelFileError, match="learned.json.gz"):
        load_model(path)


def test_cli_lint_says_once_when_weights_are_missing(tmp_path):
    code = ("import sys, pathlib; from assistant import guard_model; "
            f"guard_model.MODEL_PATH = pathlib.Path({str(tmp_path / 'x.gz')!r}); "
            "from assistant.cli import main; sys.exit(main(['lint', '--batch']))")
    r = subprocess.run([sys.executable, "-c", code], input="群里发红包\n今天跑了5公里\n", capture_output=True, text=True,
                       cwd=ROOT, timeout=120)
    assert r.returncode == 1 and "MN001" in r.stdout
    assert r.stderr.count("x.gz") == 1 and "Traceback" not in r.stderr


def test_training_reproduces_the_shipped_weights(tmp_path):
    out = tmp_path / "w.json.gz"
    # about 8 minutes on one core since the read blind rounds joined the data; the bound only catches a hang
    r = subprocess.run([sys.executable, str(ROOT / "scripts" / "train_guard.py"), "--out", str(out)],
                       capture_output=True, text=True, timeout=2400)
    assert r.returncode == 0, r.stderr
    assert "cross-validation" in r.stdout and "combined" in r.stdout
    fresh = json.loads(gzip.decompress(out.read_bytes()))
    shipped = json.loads(gzip.decompress(guard_model.MODEL_PATH.read_bytes()))
    assert fresh["thresholds"] == shipped["thresholds"] and fresh["meta"] == shipped["meta"]
    assert fresh["thresholds_plain"] == shipped["thresholds_plain"] and "gray zone" in r.stdout
    assert set(fresh["gray"]["weights"]) == set(shipped["gray"]["weights"])
    assert max(abs(fresh["gray"]["weights"][k] - shipped["gray"]["weights"][k]) for k in fresh["gray"]["weights"]) < 2e-3
    common = set(fresh["ngrams"]) & set(shipped["ngrams"])
    assert len(common) >= 0.99 * len(shipped["ngrams"])
    assert max(abs(fresh["ngrams"][g] - shipped["ngrams"][g]) for g in common) < 2e-3


@pytest.mark.parametrize("files, manifest, needle", [
    (["a", "b"], '[a]\nchat = true\nabout = "x"\n', "没有登记:b"),
    (["a"], '[a]\nchat = true\nabout = "x"\n[gone]\nchat = false\nabout = "y"\n', "登记了却没有文件:gone"),
    (["a"], '[a]\nchat = "yes"\nabout = "x"\n', "chat = true/false"),
    (["a"], 'a = true\n', "chat = true/false"),  # a key where a table belongs
    (["a", "b"], '[a]\nchat = true\nabout = "x"\n[b]\nchat = false\nabout = "y"\n', None),
])
def test_every_training_file_says_whether_it_is_chat(tmp_path, files, manifest, needle):
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from train_guard import chat_sources
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    for name in files:
        (tmp_path / f"{name}.tsv").write_text("label\ttext\n", encoding="utf-8")
    (tmp_path / "sources.toml").write_text(manifest, encoding="utf-8")
    if needle is None:
        assert chat_sources(tmp_path) == {"a"}
    else:
        with pytest.raises(SystemExit, match=needle):
            chat_sources(tmp_path)


@pytest.mark.parametrize("args, code, needle", [
    (["rules"], 0, "MN013"),
    (["rules", "MN002"], 0, "《"),
    (["rules", "mn2"], 0, "coupon-or-discount"),
    (["rules", "self-promotion"], 0, "学习模型"),
    (["rules", "MN099"], 2, "MN099"),
])
def test_rules_command(args, code, needle):
    r = run(args)
    assert r.returncode == code
    assert needle in (r.stdout if code == 0 else r.stderr)


def test_rules_command_json_has_examples():
    r = run(["rules", "MN001", "--format", "json"])
    d = json.loads(r.stdout)
    assert d["code"] == "MN001" and d["examples"]["bad"] and d["examples"]["good"]
    listing = json.loads(run(["rules", "--format", "json"]).stdout)
    assert [x["code"] for x in listing] == sorted(x["code"] for x in listing) and len(listing) == len(load_rules()[0])


class _SureModel(ClearingModel):
    """A stand-in learned stage that is fairly (not very) sure every post is an ad."""

    def __init__(self):
        super().__init__(0.8)

    def thresholds(self, short):
        return 0.7, 0.68, 0.4


@pytest.mark.parametrize("text, add_tiny, flagged", [
    ("管理员效率高", 0.97, False),                    # a few characters, no rule evidence: too little to go on
    ("管理员效率高", 0.75, True),                     # ... unless the weights file's own bar for such posts is met
    ("我家新做了一批手工皂,有空过来看看", 0.97, True),  # long enough for the model alone
    ("出王者号 私聊", 0.97, True),                    # short, but the rules saw some evidence: the usual bar
])
def test_a_short_post_needs_a_very_sure_model(monkeypatch, text, add_tiny, flagged):
    model = _SureModel()
    model.add_tiny = add_tiny
    monkeypatch.setattr("assistant.guard.load_model", lambda: model)
    assert lint_post(text).flagged is flagged


def test_weights_without_a_tiny_bar_keep_the_old_one(tmp_path):
    """Weights files written before the tiny-post bar was trained load with the fixed bar they were used with."""
    from assistant.guard_model import MODEL_PATH, TINY_ADD_AT

    data = json.loads(gzip.decompress(MODEL_PATH.read_bytes()))
    assert "add_tiny" in data["thresholds"]  # the shipped file chooses its own
    del data["thresholds"]["add_tiny"]
    path = tmp_path / "old.json.gz"
    path.write_bytes(gzip.compress(json.dumps(data).encode()))
    assert load_model(path).add_tiny == TINY_ADD_AT == 0.97


@pytest.mark.parametrize("text, norms", [
    ("买三送一冲业绩", True),        # a strong offer term: the product's own text may not carry it, cleared or not
    ("今天打卡第3天,大家加油", False),
])
def test_market_norms_keeps_a_strong_term_the_model_cleared(monkeypatch, text, norms):
    """Goals and generated posts are checked with ``market_norms``: a flag, or a strong term the model cleared."""
    model = load_model()
    for name in ("veto_below", "veto_strong", "veto_sure"):
        monkeypatch.setattr(model, name, 1.01)  # a model that clears every flag it may clear
    report = lint_post(text)
    assert not report.flagged
    assert report.market_norms == norms


def test_read_blind_rounds_in_training_are_up_to_date_and_never_read_rounds_stay_out():
    r = subprocess.run([sys.executable, str(ROOT / "scripts" / "collect_read_blind.py"), "--check"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr + r.stdout
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import collect_read_blind as crb
        from train_guard import load_rows
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    trained = {" ".join(text.split()) for _, text, _ in load_rows()}  # everything training reads, as it reads it
    # Short replies ("收到", "好的") are everywhere; a longer post shared with a held-out round is a leak.
    for name in crb.NEVER_READ + crb.HELD_BACK:
        held = {t for _, t in crb.rows_of(ROOT / "bench" / name) if len(t) >= 12}
        leaked = len(held & trained)  # counted, never printed: a failure must not show a held-out post
        assert len(held) > 0, name
        assert leaked == 0, f"{name}: {leaked} held-out posts are in the training data"
    assert any(t in trained for _, t in crb.rows_of(crb.read_rounds()[0]))  # the read rounds did go in


@pytest.mark.parametrize("text", ["大家好\n今晚8点群里发红包", "今晚5折,优惠券在群公告", "出个闲置的婴儿车,九成新,要的私我",
                                  "Selling my old bike, £40, DM me"])
@pytest.mark.parametrize("around", [("", "\n"), ("\n", "\n\n"), ("", "\r\n"), ("\r\n", "")])
def test_line_breaks_at_either_end_change_nothing_the_model_reads(text, around):
    # a file's last line ends in a break; the training posts never do, so it must not read as a full stop
    plain, wrapped = lint_post(text), lint_post(around[0] + text + around[1])
    assert wrapped.model_score == pytest.approx(plain.model_score) and wrapped.flagged == plain.flagged


@pytest.mark.parametrize("text, score, auto, owner", [
    ("今晚八点群里发红包", 0.3, False, True),    # one strong term: in the owner's own draft, the owner's offer
    ("周五抽奖", 0.3, False, True),
    ("全场五折", 0.3, False, True),
    ("今晚八点群里发红包", 0.05, False, False),  # ... unless the model is sure it is not one
    ("新品到店 欢迎选购", 0.3, False, False),    # two medium cues (0.7): the model may clear them in any voice
    ("今天打卡第3天,大家加油", 0.3, False, False),
])
def test_owner_voice_clears_a_strong_term_only_when_the_model_is_sure(clearing_model, text, score, auto, owner):
    """The owner checking a draft: the learned stage does not clear a strong term as a member's everyday word."""
    clearing_model(score)
    assert lint_post(text).flagged is auto
    report = lint_post(text, voice="owner")
    assert report.flagged is owner
    if owner:
        assert any(f.severity == "error" for f in report.findings)


@pytest.mark.parametrize("voice, error", [("member", InputError), ("", InputError), ("群主", InputError),
                                          (1, TypeError), (["owner"], TypeError)])
def test_unknown_voice_is_refused(voice, error):
    with pytest.raises(error, match="voice"):
        lint_post("今晚八点群里发红包", voice=voice)


@pytest.mark.parametrize("voice, same_as", [(None, "auto"), (" Owner ", "owner"), ("AUTO", "auto")])
def test_voice_names_are_read_loosely(clearing_model, voice, same_as):
    clearing_model(0.3)
    assert lint_post("周五抽奖", voice=voice).flagged is lint_post("周五抽奖", voice=same_as).flagged


def test_a_wrong_text_type_is_reported_before_the_voice():
    with pytest.raises(TypeError, match="lint_post"):
        lint_post(5, voice="nobody")
    with pytest.raises(TypeError, match="goal"):
        lint_post("x", goal=5, voice="nobody")


_ZH_PITCHES = ["周六下午还空两个位置", "想要的私我", "新到一批猫粮欢迎到店看看", "需要的可以找我预约"]
_EN_CHATTER = ["what a lovely sunny day it has been for all of us here in town",
               "my kids were so tired after the school trip today lol"]
_EN_PITCHES = ["dm me for slots this week", "fresh loaves ready for pickup, order by friday"]
_ZH_CHATTER = ["昨天带孩子去公园玩了一下午,累死了,晚上回来倒头就睡", "最近天气忽冷忽热的,大家注意别感冒了"]


@pytest.mark.parametrize("pitch, chatter, cut", [(p, c, ",") for p in _ZH_PITCHES for c in _EN_CHATTER]
                         + [(p, c, "。") for p in _EN_PITCHES for c in _ZH_CHATTER])
@pytest.mark.parametrize("pitch_first", [True, False])
def test_the_highlighted_clause_is_the_pitch_in_either_language(pitch, chatter, cut, pitch_first):
    # summed weights favoured the English clause: its words count on top of its characters, and it is longer
    text = f"{pitch}{cut}{chatter}" if pitch_first else f"{chatter}{cut}{pitch}"
    s, e = load_model().strongest_span(text, [text.index(cut)])
    assert text[s:e] == pitch
