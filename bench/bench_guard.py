"""Guard accuracy and speed.

Prints precision/recall on the shared dev set and on our own labelled set, the recall of a keyword
baseline (a typical group anti-spam bot word list, matched as substrings), and throughput of the rule
path on one core next to a bare pyahocorasick scan of the same terms.

Run: python bench/bench_guard.py
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.guard import all_terms, lint_post  # noqa: E402

SETS = {"shared dev (lint_dev.tsv)": ROOT.parent / "shared" / "eval" / "lint_dev.tsv",
        "own labelled (tests/fixtures/lint_labelled.tsv)": ROOT / "tests" / "fixtures" / "lint_labelled.tsv"}

# What group anti-spam bots typically ship as their default ad-word list: spam and fraud words
# (part-time jobs, order brushing, gambling, loans, contact handles), matched as plain substrings.
BASELINE_WORDS = ["加微信", "微信号", "加我微信", "加qq", "qq群", "加群", "兼职", "刷单", "代购", "代开", "发票", "博彩",
                  "贷款", "办证", "裸聊", "色情", "跑分", "usdt", "日结", "高薪", "招聘", "赚钱", "广告", "推广", "私聊",
                  "扫码", "点击链接", "出售", "低价", "v信"]


def load(path: Path) -> list[tuple[int, str]]:
    rows = [line.rstrip("\n").split("\t", 1) for line in open(path, encoding="utf-8") if line.strip()]
    return [(int(a), b) for a, b in rows[1:]]


def prf(rows, predict) -> tuple[float, float, int]:
    tp = fp = fn = 0
    for y, t in rows:
        p = predict(t)
        tp += p and y
        fp += p and not y
        fn += (not p) and y
    return tp / max(tp + fp, 1), tp / max(tp + fn, 1), len(rows)


def main() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    print("accuracy (flagged = predicted positive)")
    all_rows = []
    for name, path in SETS.items():
        if not path.exists():
            print(f"  {name}: missing")
            continue
        rows = load(path)
        all_rows += rows
        p, r, n = prf(rows, lambda t: lint_post(t).flagged)
        bp, br, _ = prf(rows, lambda t: any(w in t.lower() for w in BASELINE_WORDS))
        print(f"  {name}: n={n}  guard precision={p:.3f} recall={r:.3f}  |  keyword baseline precision={bp:.3f} recall={br:.3f}")

    posts = [t for _, t in all_rows]
    backlog = (posts * (10000 // len(posts) + 1))[:10000]
    lint_post("warm up")
    best = float("inf")
    for _ in range(3):
        t = time.perf_counter()
        for text in backlog:
            lint_post(text)
        best = min(best, time.perf_counter() - t)

    import ahocorasick

    auto = ahocorasick.Automaton()
    for term in all_terms():
        auto.add_word(term, term)
    auto.make_automaton()
    bare = float("inf")
    for _ in range(3):
        t = time.perf_counter()
        for text in backlog:
            for _m in auto.iter(text):
                pass
        bare = min(bare, time.perf_counter() - t)
    print(f"speed (one core, {len(backlog)} posts, best of 3):")
    print(f"  guard rule path: {best:.3f} s  = {len(backlog) / best:,.0f} posts/s")
    print(f"  bare pyahocorasick scan of the same {len(all_terms())} terms: {bare:.3f} s  = {len(backlog) / bare:,.0f} posts/s")
    print(f"  ratio guard / bare scan: {best / bare:.1f}x")
    big = "今天打卡,坚持运动,和大家一起进步。" * 30000 + "群里发红包"
    t = time.perf_counter()
    lint_post(big)
    print(f"  1 MB post ({len(big.encode()) / 1e6:.2f} MB): {time.perf_counter() - t:.3f} s")


if __name__ == "__main__":
    main()
