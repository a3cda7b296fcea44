"""Offline ask: is a question matched to the right note of the method?

bench/notes_blind.tsv (topic<TAB>question) was written by a helper who had seen neither the notes nor
their keywords; "none" questions should get no note. Prints accuracy by meaning (e5 + keywords) and by
keywords alone (the earlier way)."""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.method_notes import method_note as note_text  # noqa: E402
from assistant.method_notes import notes, scores  # noqa: E402

# Measured once before this round: the five keyword notes then in planner.py got 18/66 = 0.273; the
# new ten notes by meaning, first run, 40/66 = 0.606 (group_types 0/6: its `about` line used the jargon
# names; rewritten in plain words for every note after that run).
BEFORE = {"old five keyword notes": 0.273, "first run by meaning": 0.606, "plain-word about lines": 0.667}


def main() -> None:
    print("before: " + ", ".join(f"{k} {v:.3f}" for k, v in BEFORE.items()))
    rows = [line.rstrip("\n").split("\t") for line in open(ROOT / "bench" / "notes_blind.tsv", encoding="utf-8")][1:]
    by_text = {n.text: n.key for n in notes()}
    for semantic in (False, True):
        right, per = 0, Counter()
        for topic, q in rows:
            got = by_text.get(note_text(q, semantic=semantic), "none")
            ok = got == topic
            right += ok
            per[topic, ok] += 1
        label = "by meaning (e5 + keywords)" if semantic else "by keywords alone"
        print(f"{label:28s} {right}/{len(rows)} = {right / len(rows):.3f}")
        print("   " + "  ".join(f"{t}:{per[t, True]}/{per[t, True] + per[t, False]}" for t in sorted({t for t, _ in rows})))
    _ = scores  # the ranking itself: python -c "from assistant.method_notes import scores; print(scores('...'))"


if __name__ == "__main__":
    main()
