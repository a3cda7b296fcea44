"""Offline ask: does the answer answer the question that was asked?

bench/ask_questions.tsv (question, expected verdict, the business as an owner would give `goal`, the situation)
holds questions a helper wrote for this: can-I-post questions (market-norm proposals expect "no", others "yes"),
season and quiet-group questions, questions naming a business. Per question it checks:
  verdict   - the answer opens with a direct verdict, and the right one (不建议/可以, Better not/Yes);
  business  - the answer uses the goal `assistant goal "<business>"` gives (ask and goal agree);
  situation - the answer (before the quoted article) speaks of the situation named (winter, after a holiday,
              the off-season).
Run: PYTHONPATH=$PWD .venv/bin/python bench/bench_ask.py [-v]

Start-up time: PYTHONPATH=$PWD .venv/bin/python bench/bench_ask.py --timing [runs] times whole CLI calls
(`assistant ask`, `assistant goal`) as a user runs them: cold (no vector cache in the home dir, which is where
the playbook and note vectors are kept between calls) and warm (the cache written by the cold call). It uses
$ASSISTANT_HOME when set (an index already built there is reused), else a new temporary home (the first call
builds the article index, which is timed apart). The load average is printed beside the figures: on a
shared machine, the same call varies by seconds.
Measured on 2026-12-02 (2 CPUs shared with other jobs, load 7-10, one run each): before the vector cache and
passive OpenMP waiting, ask cold 62.5/52.1 s, warm 62.0/55.3 s (zh/en), goal cold 103.5 s, warm 79.3 s; after,
ask cold 38.7/40.8 s, warm 15.8/15.7 s, goal cold 37.6 s, warm 17.6 s. At load 13-15 the same calls take ~3x.

Measured on 2026-12-02 (the questions were written before the change, by the helper who then made it, so the
after figures are optimistic): before verdict 0/16, business 24/25, situation 0/6; after 16/16, 25/25, 6/6."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant import planner  # noqa: E402
from assistant.chains import Assistant  # noqa: E402
from assistant.settings import Settings  # noqa: E402

VERDICT = {"no": re.compile(r"^(不建议|Better not)"), "yes": re.compile(r"^(可以|Yes)")}
SITUATION = {"winter": re.compile(r"冬|天冷|winter|cold", re.I),
             "holiday": re.compile(r"节后|假期|春节|过完年|holiday|break", re.I),
             "offseason": re.compile(r"淡季|off-season|off season|quiet season", re.I)}
QUOTE = re.compile(r"\n(文章里最直接的说法|What the articles say)")


TIMED = (("ask", "我开了家面包店,可以在群里发红包吗?"), ("ask", "Can I run a giveaway in my bakery group?"),
         ("goal", "社区里的烘焙工作室,教大家做面包"))


def _cli(home: str, *args: str) -> float:
    env = {**os.environ, "ASSISTANT_HOME": home, "PYTHONPATH": str(ROOT)}
    t0 = time.perf_counter()
    # Run from ROOT: `python -m` puts the working directory first on the path, so its code is what is timed.
    done = subprocess.run([sys.executable, "-m", "assistant", *args], env=env, capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        sys.exit(f"assistant {' '.join(args)} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return time.perf_counter() - t0


def timing(runs: int) -> None:
    home = os.environ.get("ASSISTANT_HOME") or tempfile.mkdtemp(prefix="bench_ask_")
    if not (Path(home) / "chroma").exists():
        print(f"building the article index in {home}: {_cli(home, 'ask', '群里冷清怎么办?'):.1f}s")
    cache = Path(home) / "cache"
    print(f"home {home}; load average {os.getloadavg()[0]:.1f}")
    for command, text in TIMED:
        cold, warm = [], []
        for _ in range(runs):
            shutil.rmtree(cache, ignore_errors=True)
            cold.append(_cli(home, command, text))
            warm.append(_cli(home, command, text))
        print(f"{command:5s} cold {' '.join(f'{t:5.1f}s' for t in cold)}   warm {' '.join(f'{t:5.1f}s' for t in warm)}"
              f"   load {os.getloadavg()[0]:.1f}   {text}")


def main() -> None:
    if "--timing" in sys.argv:
        rest = sys.argv[sys.argv.index("--timing") + 1:]
        return timing(int(rest[0]) if rest and rest[0].isdigit() else 2)
    verbose = "-v" in sys.argv
    rows = [line.rstrip("\n").split("\t") for line in open(ROOT / "bench" / "ask_questions.tsv", encoding="utf-8")
            if line.strip() and not line.startswith("#")]
    settings = Settings.from_env()
    if settings.online:
        sys.exit("bench_ask measures the offline answer: unset the model settings first")
    bot = Assistant(settings)
    score = {"verdict": [0, 0], "business": [0, 0], "situation": [0, 0]}
    started = time.perf_counter()
    for question, verdict, business, situation in rows:
        t0 = time.perf_counter()
        text = bot.answer(question).answer
        body = text.split("\n\n", 1)[1] if "\n\n" in text else text  # after the offline banner
        own = QUOTE.split(body)[0]
        marks = []
        if verdict != "-":
            ok = bool(VERDICT[verdict].search(body.lstrip()))
            score["verdict"][0] += ok
            score["verdict"][1] += 1
            marks.append(f"verdict {'ok' if ok else 'MISS'}")
        if business != "-":
            goal = planner.plan_goal(business, lang=planner.language_of(question)).goal
            ok = goal in text
            score["business"][0] += ok
            score["business"][1] += 1
            marks.append(f"business {'ok' if ok else 'MISS (' + goal + ')'}")
        if situation != "-":
            ok = bool(SITUATION[situation].search(own))
            score["situation"][0] += ok
            score["situation"][1] += 1
            marks.append(f"situation {'ok' if ok else 'MISS'}")
        print(f"{time.perf_counter() - t0:5.1f}s  {question}\n        " + "; ".join(marks))
        if verbose:
            print("        | " + body.replace("\n", "\n        | "))
    print(f"\n{len(rows)} questions in {time.perf_counter() - started:.0f}s")
    for k, (right, n) in score.items():
        print(f"{k:10s} {right}/{n}")


if __name__ == "__main__":
    main()
