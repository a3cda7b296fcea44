"""The knowledge base at the size of a real library: a generated store of 10,000+ chunks.

Prints ingest speed (chunks/s), the wall time of a CLI search (a fresh process, as a user runs it) on
the big store next to the 62-chunk bundled corpus, the warm in-process search p50, and the bundled
e5 embedder's own rate with the time 10,000 chunks would take with it.

The big store uses the hash embedder so the bench finishes in minutes; the search path (keyword index
loaded from disk, HNSW over the vectors) is the same whatever made the vectors.

Run: python bench/bench_scale.py [--chunks 10000]
"""
from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.retrieval import HybridSearcher  # noqa: E402
from assistant.settings import Settings  # noqa: E402
from assistant.store import Store  # noqa: E402

QUERIES = ["社群的门槛怎么设置", "超级用户群怎么选人", "为什么发红包留不住人", "新人进群第一天做什么", "how to set group rules",
           "交付群分为哪两种", "社群孵化期看什么指标", "快闪群适合什么场景", "打卡活动怎么设计", "社会规范和市场规范的区别"]


def sentences() -> list[str]:
    text = "\n".join(p.read_text(encoding="utf-8").split("---", 2)[-1] for p in sorted((ROOT / "corpus").glob("*.md")))
    return [s.strip() for s in re.split(r"(?<=[。!?.!?])", text) if len(s.strip()) > 8]


def generate(folder: Path, chunks: int, seed: int = 7) -> None:
    """Articles of shuffled corpus sentences under numbered headings (about 20 chunks per file)."""
    rng = random.Random(seed)
    pool = sentences()
    folder.mkdir(parents=True)
    for i in range(chunks // 20 + 1):
        parts = [f"# 社群笔记 {i}\n"]
        for h in range(4):
            parts.append(f"\n## {h + 1}. 第{h + 1}部分\n")
            for _ in range(4):
                parts.append("".join(rng.choice(pool) for _ in range(rng.randint(3, 7))) + "\n\n")
        (folder / f"note-{i:05d}.md").write_text("".join(parts), encoding="utf-8")


def cli_search(home: Path) -> float:
    env = dict(os.environ, ASSISTANT_HOME=str(home), ASSISTANT_EMBEDDINGS="hash", PYTHONPATH=str(ROOT))
    times = []
    for q in QUERIES[:3]:
        t = time.perf_counter()
        r = subprocess.run([sys.executable, "-m", "assistant", "search", q], env=env, capture_output=True, text=True)
        times.append(time.perf_counter() - t)
        if r.returncode:
            raise SystemExit(r.stderr)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--chunks", type=int, default=10000, help="how many chunks to generate (default 10000)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        generate(tmp / "articles", args.chunks)
        big = Settings.from_env({"ASSISTANT_HOME": str(tmp / "big"), "ASSISTANT_EMBEDDINGS": "hash"})
        t = time.perf_counter()
        report = Store(big).ingest([tmp / "articles"])
        took = time.perf_counter() - t
        n = Store(big).count()
        print(f"generated store: {report.files} files, {n} chunks")
        print(f"  ingest (hash embedder, incl. verify and keyword index): {took:.1f} s = {n / took:,.0f} chunks/s")
        small = Settings.from_env({"ASSISTANT_HOME": str(tmp / "small"), "ASSISTANT_EMBEDDINGS": "hash"})
        Store(small).ingest()
        print(f"  CLI search, fresh process (median of 3): {n} chunks {cli_search(big.home):.2f} s | "
              f"{Store(small).count()} chunks {cli_search(small.home):.2f} s")
        searcher = HybridSearcher(Store(big))
        searcher.search("预热")
        lat = []
        for _ in range(5):
            for q in QUERIES:
                t = time.perf_counter()
                searcher.search(q, k=5)
                lat.append(time.perf_counter() - t)
        lat.sort()
        print(f"  warm search in-process: p50 {lat[len(lat) // 2] * 1000:.1f} ms, p95 {lat[int(len(lat) * 0.95)] * 1000:.1f} ms")
    from assistant.embeddings import E5Embeddings

    e5 = E5Embeddings()
    pool = sentences()
    texts = ["".join(pool[(i * 5 + j) % len(pool)] for j in range(5)) for i in range(128)]
    e5.embed_documents(texts[:4])
    t = time.perf_counter()
    e5.embed_documents(texts)
    rate = len(texts) / (time.perf_counter() - t)
    print(f"bundled e5 embedder: {rate:.1f} chunks/s on this machine -> 10,000 chunks in about {10000 / rate / 60:.0f} min "
          f"(ingest warns with this estimate before it starts)")


if __name__ == "__main__":
    main()
