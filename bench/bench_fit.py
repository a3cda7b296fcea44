"""Does the offline plan fit the business the owner described (bench/planner_fit.tsv)?

Each row: a business whose stated object, or the head of whose name, differs from the nearest playbook's keyword
(or a livestock trade, or answers that should re-decide the plan). A row passes when the plan avoids the playbooks
it must not get, names one of the owner's object words in its own fields (goal, ideal, vision, check-in, members; not the answers
echoed back), and is not the
empty generic plan. Optional columns: ``expect`` (a playbook key; "own": no playbook, a plan from the owner's own
words; "trade": an uncovered trade's plan; "-" or empty: any) and ``bad`` (| fragments no field may contain:
keywords cut out of the text, a condition read as a task).

Run: python bench/bench_fit.py [--show]
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--file", type=Path, default=ROOT / "bench" / "planner_fit.tsv")
    ap.add_argument("--show", action="store_true")
    args = ap.parse_args()
    os.environ.setdefault("ASSISTANT_HOME", tempfile.mkdtemp())
    for k in ("OPENAI_API_KEY", "OPENAI_BASE_URL"):
        os.environ.pop(k, None)
    from assistant.planner import _own_offering, _with_answers, clean_answers, plan_goal, playbook_for, recognise_business

    lines = [x for x in args.file.read_text(encoding="utf-8").splitlines() if x.strip() and not x.startswith("#")]
    head = lines[0].split("\t")
    rows = [dict(zip(head, (x.split("\t") + [""] * len(head))[:len(head)])) for x in lines[1:]]
    empty = ("和伙伴一起变得更好", "get better together")
    by_kind: dict[str, list[int]] = {}
    for r in rows:
        answers = dict(kv.split("=", 1) for kv in r["answers"].split(";") if kv) or None
        plan = plan_goal(r["description"], answers=answers)
        known = _with_answers(r["description"], clean_answers(answers))
        rec = recognise_business(known)
        pb = playbook_for(known, "en" if plan.goal.isascii() else "zh")
        key = rec.key if rec.confident else "generic"
        # the plan's own words, not the answers echoed back
        text = " ".join(str(pb.get(f, "")) for f in ("goal", "ideal", "vision", "checkin", "member")).lower()
        bad = [k for k in r["not"].split(",") if k and k == key]
        objs = [o for o in r["obj"].split("|") if o]
        named = not objs or any(o.lower() in text for o in objs)
        whole = " ".join([plan.goal, plan.ideal, plan.gap, plan.keys.vision, *plan.keys.rules, *plan.notices,
                          *(str(pb.get(f, "")) for f in ("checkin", "review", "member"))]).lower()
        garbled = [b for b in r.get("bad", "").split("|") if b and b.lower() in whole]
        got = "own" if key == "generic" and _own_offering(rec) is not None else (
            "trade" if key == "generic" and (rec.trade or rec.named_trade) else key)
        expect = r.get("expect", "").strip()
        as_expected = expect in ("", "-") or expect == got
        ok = (not bad and named and not any(e in plan.goal for e in empty) and as_expected and not garbled)
        by_kind.setdefault(r["kind"], []).append(ok)
        if args.show or not ok:
            mark = "ok " if ok else "BAD"
            why = "".join([f" want {expect}" if not as_expected else "", f" bad {garbled}" if garbled else "",
                           " no obj" if not named else ""])
            print(f"  {mark} [{r['kind']}] {got:12s} {r['description'][:34]:34s} -> {plan.goal[:60]}{why}")
    total = sum(sum(v) for v in by_kind.values())
    print(f"fit: {total}/{len(rows)} ("
          + ", ".join(f"kind {k}: {sum(v)}/{len(v)}" for k, v in sorted(by_kind.items())) + ")")


if __name__ == "__main__":
    main()
