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
    (0.995, 0.5, 0.99),  # never over TINY_MAX
])
def test_the_tiny_bar_is_chosen_by_the_objective(ad_p, chat_p, bar):
    p, fz, y, chat = _tiny_case(ad_p, chat_p)
    assert train_guard.choose_add_tiny(p, fz, y, chat, THRESHOLDS) == pytest.approx(bar)


def test_the_tiny_bar_is_never_under_the_plain_one():
    p, fz, y, chat = _tiny_case(0.5, 0.1)  # adverts under the plain bar: nothing to win below it
    assert train_guard.choose_add_tiny(p, fz, y, chat, THRESHOLDS) >= THRESHOLDS[0] - 1e-9
