"""Group health check at scale: a generated 200,000-message QQ export.

Prints the time of the whole check against the guard alone on the same texts (target ≤ 2×) and the peak
memory of a process that runs the check (target ≤ 600 MB).
Run: python bench/bench_health.py [messages]
"""
from __future__ import annotations

import datetime as dt
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Building blocks for generated chat: ordinary talk, check-ins, questions, and a few ads.
TALK = ["今天跑了{n}公里,腿有点酸", "有人知道附近哪里有好的跑道吗", "早上好呀", "昨天的分享很有用,谢谢",
        "我也遇到过这个问题,后来换了双鞋就好了", "周末一起去公园吗", "哈哈哈", "收到", "第{n}天打卡",
        "这周的目标完成了一半", "下雨了今天在家做拉伸", "[图片]", "[表情]", "大家注意补水"]
ADS = ["新款跑鞋特价{n}9元,私聊我下单", "今晚8点群里发红包,手慢无", "加我微信领优惠券,满200减{n}0"]


def write_export(path: Path, n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    names = [f"跑友{i}({100000 + i})" for i in range(400)]
    t = dt.datetime(2026, 1, 5, 7, 0, 0)
    texts = []
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("消息记录（此消息记录为文本格式，不支持重新导入）\n\n")
        for i in range(n):
            t += dt.timedelta(seconds=rng.randint(5, 200))
            owner = i % 50 == 0
            name = "【群主】老周(10001)" if owner else rng.choice(names)
            text = (rng.choice(ADS) if rng.random() < 0.01 else rng.choice(TALK)).format(n=rng.randint(1, 9))
            fh.write(f"{t:%Y-%m-%d} {t.hour}:{t:%M:%S} {name}\n{text}\n\n")
            texts.append(text)
    return texts


CHILD = """
import resource, sys, time
sys.path.insert(0, {root!r})
from assistant.health import group_health
t = time.perf_counter()
r = group_health({path!r}, members=400)
print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, r.messages)
"""


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    from assistant.guard import lint_post

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "export.txt"
        texts = write_export(path, n)
        lint_post("预热")
        t = time.perf_counter()
        for x in texts:
            if x and not x.startswith("["):
                lint_post(x)
        guard_s = time.perf_counter() - t
        out = subprocess.run([sys.executable, "-c", CHILD.format(root=str(ROOT), path=str(path))],
                             capture_output=True, text=True, check=True).stdout.split()
        check_s, peak_mb, counted = float(out[0]), float(out[1]), int(out[2])
    print(f"messages: {counted:,} (export {path.name}, generated)")
    print(f"guard alone on the same texts: {guard_s:.2f} s")
    print(f"whole health check: {check_s:.2f} s = {check_s / guard_s:.2f}× the guard (target ≤ 2×)")
    print(f"peak memory of the check's process: {peak_mb:.0f} MB (target ≤ 600 MB)")


if __name__ == "__main__":
    main()
