"""Retrieval quality and speed: hit@5 and MRR for BM25, vectors and hybrid; ingest time; search p50.

Run: python bench/bench_retrieval.py [--questions FILE] [--all]
``--all`` prints one table over every question set in bench/ (one cold build), without the misses.
Builds a fresh store in a temporary ASSISTANT_HOME from corpus/ (so the ingest time is a cold build).
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.retrieval import HybridSearcher  # noqa: E402
from assistant.settings import Settings  # noqa: E402
from assistant.store import Store  # noqa: E402

CLUTTER = ["返回首页", "相关行业资讯", "相关视频推荐", "ICP备", "版权所有", "羽毛", "立即兑换", "依法管网", "最终解释权",
           "<<:", ">>:", "分享到朋友圈", "本文链接", "相关文章", "This case is a review", "网络推广", "Author:"]


def evaluate(searcher: HybridSearcher, questions: list[dict], mode: str, k: int = 5) -> dict:
    hits = 0
    rr = 0.0
    clutter = 0
    misses = []
    for q in questions:
        res = searcher.search(q["q"], k=k, mode=mode)
        rank = next((i for i, h in enumerate(res, 1) if any(a in h.text for a in q["answers"])), None)
        clutter += sum(1 for h in res for c in CLUTTER if c in h.text)
        if rank:
            hits += 1
            rr += 1 / rank
        else:
            misses.append(q["q"])
    n = len(questions)
    return {"mode": mode, "n": n, "hit@5": hits / n, "mrr": rr / n, "clutter": clutter, "misses": misses}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--questions", default=str(ROOT / "bench" / "retrieval_questions.jsonl"))
    ap.add_argument("--all", action="store_true", help="every retrieval_*.jsonl in bench/, as one table")
    args = ap.parse_args()
    if args.all:
        return table()
    questions = [json.loads(line) for line in open(args.questions, encoding="utf-8") if line.strip()]
    with tempfile.TemporaryDirectory() as home:
        settings = Settings.from_env({"ASSISTANT_HOME": home})
        store = Store(settings)
        store.embeddings.embed_query("warm up")  # model load is not ingest work
        t0 = time.perf_counter()
        report = store.ingest()
        ingest_s = time.perf_counter() - t0
        searcher = HybridSearcher(store)
        print(f"ingest: {report.summary()} in {ingest_s:.2f} s")
        for mode in ("bm25", "vector", "hybrid"):
            r = evaluate(searcher, questions, mode)
            print(f"{mode:>6}: hit@5={r['hit@5']:.3f} MRR={r['mrr']:.3f} (n={r['n']}) clutter_in_results={r['clutter']}")
            for m in r["misses"]:
                print(f"        miss: {m}")
        times = []
        for _ in range(3):
            for q in questions:
                t = time.perf_counter()
                searcher.search(q["q"], k=5)
                times.append((time.perf_counter() - t) * 1000)
        times.sort()
        print(f"search (warm, hybrid, k=5): p50={statistics.median(times):.1f} ms  p95={times[int(len(times) * 0.95)]:.1f} ms  n={len(times)}")


def table() -> None:
    sets = sorted((ROOT / "bench").glob("retrieval_*.jsonl"))
    with tempfile.TemporaryDirectory() as home:
        store = Store(Settings.from_env({"ASSISTANT_HOME": home}))
        store.embeddings.embed_query("warm up")
        t0 = time.perf_counter()
        report = store.ingest()
        print(f"ingest: {report.summary()} in {time.perf_counter() - t0:.2f} s")
        searcher = HybridSearcher(store)
        print("| set | n | BM25 | vectors | hybrid | hybrid MRR | clutter |")
        print("| --- | --- | --- | --- | --- | --- | --- |")
        for path in sets:
            questions = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
            r = {m: evaluate(searcher, questions, m) for m in ("bm25", "vector", "hybrid")}
            clutter = sum(x["clutter"] for x in r.values())
            print(f"| {path.stem} | {len(questions)} | {r['bm25']['hit@5']:.3f} | {r['vector']['hit@5']:.3f} | "
                  f"{r['hybrid']['hit@5']:.3f} | {r['hybrid']['mrr']:.3f} | {clutter} |")


if __name__ == "__main__":
    main()
