"""scripts/train_guard.py: the folds cross-validation uses and the thresholds it chooses."""
import sys
from types import SimpleNamespace

import numpy as np
import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
try:
    import train_guard
finally:
    sys.path.remove(str(ROOT / "scripts"))

ROWS = [(i % 2, f"帖子{i}号:今天的内容", "src") for i in range(400)]


def test_folds_use_every_fold_and_are_balanced():
    fold = train_guard.folds_of(ROWS)
    counts = np.bincount(fold, minlength=train_guard.FOLDS)
    assert len(counts) == train_guard.FOLDS
    assert counts.min() > len(ROWS) / train_guard.FOLDS / 2


@pytest.mark.parametrize("drop", [0, 7, 199, 399])
def test_removing_a_post_moves_no_other_post_to_another_fold(drop):
    before = train_guard.folds_of(ROWS)
    after = train_guard.folds_of(ROWS[:drop] + ROWS[drop + 1:])
    assert list(after) == list(np.delete(before, drop))


def test_a_post_keeps_its_fold_wherever_it_sits():
    assert list(train_guard.folds_of(ROWS[::-1])) == list(train_guard.folds_of(ROWS))[::-1]


def _tiny_case(ad_p, chat_p):
    """Ten tiny adverts at ``ad_p`` and a tiny chat line at ``chat_p``, among 1,000 longer chat lines at p 0."""
    p = np.array([ad_p] * 10 + [chat_p] + [0.0] * 1000)
    y = np.array([1.0] * 10 + [0.0] * 1001)
    false = np.zeros(len(p), dtype=bool)
    tiny = np.arange(len(p)) < 11
    fz = SimpleNamespace(rules_flag=false, strong=false, evidence=false, sure=false, tiny=tiny)
    return p, fz, y, ~(y == 1)


THRESHOLDS = (0.80, 0.80, 0.5, 0.80, 0.3)  # add, veto, strong veto, add on evidence, sure veto


@pytest.mark.parametrize("ad_p, chat_p, bar", [
    (0.88, 0.95, 0.88),  # the chat line scores above the adverts: one flag is worth ten adverts; ties go higher
    (0.93, 0.88, 0.93),  # it scores below them: the bar goes over it, as high as keeps the adverts
    (1.0, 0.5, 0.99),  # never over TINY_MAX, though a bar of 1.0 would still keep these adverts
])
def test_the_tiny_bar_is_chosen_by_the_objective(ad_p, chat_p, bar):
    p, fz, y, chat = _tiny_case(ad_p, chat_p)
    assert train_guard.choose_add_tiny(p, fz, y, chat, THRESHOLDS) == pytest.approx(bar)


def test_the_tiny_bar_starts_at_the_plain_one_then_takes_round_hundredths():
    p, fz, y, chat = _tiny_case(0.73, 0.726)  # only a bar in (0.726, 0.73] keeps the adverts and drops the chat line
    assert train_guard.choose_add_tiny(p, fz, y, chat, (0.725, 0.725, 0.5, 0.725, 0.3)) == pytest.approx(0.73)


@pytest.mark.parametrize("start, stop, step, values", [
    (0.0, 0.1, 0.025, [0.0, 0.025, 0.05, 0.075, 0.1]),
    (0.7, 0.95, 0.025, [round(0.7 + 0.025 * k, 6) for k in range(11)]),
    (0.0, 0.34, 0.025, [round(0.025 * k, 6) for k in range(14)]),  # a stop off the grid is not passed
    (0.8, 0.88, 0.01, [0.8, 0.81, 0.82, 0.83, 0.84, 0.85, 0.86, 0.87, 0.88]),
])
def test_grids_hold_round_values_and_end_at_their_stop(start, stop, step, values):
    assert list(train_guard.grid(start, stop, step)) == values


def test_the_tiny_bar_is_never_under_the_plain_one():
    p, fz, y, chat = _tiny_case(0.5, 0.1)  # adverts under the plain bar: nothing to win below it
    assert train_guard.choose_add_tiny(p, fz, y, chat, THRESHOLDS) >= THRESHOLDS[0] - 1e-9


@pytest.mark.parametrize("heavy, side", [(0, -1), (1, 1)])
def test_a_heavy_row_wins_a_conflict_in_the_ngram_fit(heavy, side):
    # two posts with the same single n-gram and opposite labels: the one weighted 20 times decides its sign
    ind, val, ptr = np.array([0, 1, 0, 1]), np.ones(4), np.array([0, 2, 4])  # column 1 is the bias
    y = np.array([0.0, 1.0])
    weight = np.where(np.arange(2) == heavy, 20.0, 1.0)
    w = train_guard.fit(ind, val, ptr, y, 2, weight)
    assert np.sign(w[0] + w[1]) == side
    assert train_guard.fit(ind, val, ptr, y, 2) == pytest.approx(train_guard.fit(ind, val, ptr, y, 2, np.ones(2)))


class _Reads:
    """What training reads of each post (``Featurised.grams`` and ``.dense``), for the cache key."""

    def __init__(self, n, evidence=0.0):
        self.grams = [{"^", "a"} for _ in range(n)]
        self.dense = [{"rule:score": evidence} for _ in range(n)]


def test_the_ngram_cross_validation_cache_is_reused_only_for_the_same_posts(tmp_path, monkeypatch):
    calls = []

    def fake_oof(fz, fold):
        calls.append(len(fold))
        return np.full(len(fold), 0.5), np.zeros((train_guard.FOLDS, len(fold)))

    monkeypatch.setattr(train_guard, "ngram_oof", fake_oof)
    cache = tmp_path / "cv.npz"
    # the posts, and what the rules make of them (a changed rule pattern changes the evidence, not the posts)
    for rows, evidence in ((ROWS, 0.0), (ROWS, 0.0), (ROWS[:-1], 0.0), (ROWS[:-1], 0.0), (ROWS, 0.0), (ROWS, 0.9)):
        oof, inner = train_guard.ngram_oof_cached(_Reads(len(rows), evidence), np.zeros(len(rows), dtype=int), rows, cache)
        assert len(oof) == len(rows) and inner.shape == (train_guard.FOLDS, len(rows))
    assert calls == [400, 399, 400, 400]  # computed, read, changed posts, read, computed again, changed evidence
    assert [p.name for p in tmp_path.iterdir()] == ["cv.npz"]  # written whole, no part file left behind
    train_guard.ngram_oof_cached(_Reads(400), np.zeros(400, dtype=int), ROWS, None)  # no cache: always computed
    assert calls == [400, 399, 400, 400, 400]


@pytest.mark.parametrize("nonneg, sign", [(None, -1), (np.array([True, False]), 0)])
def test_the_gray_fit_can_keep_a_weight_from_counting_against_an_advert(nonneg, sign):
    # a feature seen only on non-adverts: fitted freely its weight goes negative; held at zero or above, it stays 0
    x = np.array([[1.0, 1.0], [1.0, 1.0], [0.0, 1.0], [0.0, 1.0]])
    y = np.array([0.0, 0.0, 1.0, 0.0])
    w = train_guard.fit_dense(x, y, np.ones(4), nonneg)
    assert np.sign(round(w[0], 6)) == sign
