"""Collect the blind rounds that were read to make changes into training data (data/guard/blind_read.tsv).

Once a blind round has been read to fix the rules it no longer measures them blind; its labelled posts are then
worth more as training data, which the learned stage lacks most (real-looking everyday chat). The rounds that were
never read (NEVER_READ) stay out: they, and each session's new never-read round, are what measures the guard.

    python scripts/collect_read_blind.py          # rewrite data/guard/blind_read.tsv
    python scripts/collect_read_blind.py --check  # exit 1 when the file is not what this script writes
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
OUT = ROOT / "data" / "guard" / "blind_read.tsv"
# Never read, only counted: the guard's held-out measure. A round read later moves out of this list.
NEVER_READ = ("guard_blind_round9.tsv", "guard_blind_round12.tsv", "guard_blind_round15.tsv",
              "guard_blind_round17.tsv", "guard_blind_round19.tsv", "guard_blind_round21.tsv",
              "guard_blind_round22.tsv", "guard_blind_round23.tsv",
              "guard_blind_round24.tsv", "guard_blind_round26.tsv", "guard_blind_round27.tsv",
              "guard_blind_round28.tsv", "guard_blind_round29.tsv", "guard_blind_round30.tsv",
              "guard_blind_round31.tsv", "guard_blind_round32.tsv",
              "guard_blind_round33.tsv", "guard_blind_round34.tsv", "guard_blind_round35.tsv",
              "guard_blind_round36.tsv", "guard_blind_round37.tsv", "guard_blind_round38.tsv",
              "guard_blind_round39.tsv", "guard_blind_round40.tsv", "guard_blind_round41.tsv",
              "guard_blind_round42.tsv", "guard_blind_round43.tsv", "guard_blind_round44.tsv",
              "guard_blind_round45.tsv", "guard_blind_round46.tsv", "guard_blind_round48.tsv",
              "guard_blind_round49.tsv", "guard_blind_round50.tsv", "guard_blind_round51.tsv")
# Rounds read this session stay out of training until the next, so their before -> now figures still say
# what the rules' changes did.
HELD_BACK: tuple[str, ...] = ()
# The helpers who wrote the rounds were told a member asking the group to bargain or boost a link for them is
# not an advert; the rules' own definition (MN004) and the shared dev set say it turns members into the seller's
# recruiters. Where the two disagree the post is left out rather than relabelled.
DISAGREE = re.compile(r"(帮我|帮忙|有没有人帮我?)\S{0,4}(砍|助力)|拼多多\S{0,6}帮我点一下")


def read_rounds() -> list[Path]:
    """The bench's blind rounds that are read and not held back, in name order."""
    return [p for p in sorted(BENCH.glob("guard_blind*.tsv")) if p.name not in NEVER_READ + HELD_BACK]


def rows_of(path: Path) -> list[tuple[str, str]]:
    """(label, text) of one round, the text's whitespace folded."""
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    head = rows[0]
    li, ti = head.index("label"), head.index("text")
    return [(row[li], " ".join(row[ti].split())) for row in rows[1:] if len(row) >= len(head)]


def collect() -> str:
    """The file's text: ``label<TAB>text`` rows, first occurrence of each text kept."""
    # Helpers sometimes wrote the same common line ("考完了!!!") in a read and a held-out round: leave it out.
    seen = {text for name in NEVER_READ + HELD_BACK if (BENCH / name).exists() for _, text in rows_of(BENCH / name)}
    lines = ["label\ttext"]
    for path in read_rounds():
        for label, text in rows_of(path):
            if not text or text in seen or label not in ("0", "1"):
                continue
            if label == "0" and DISAGREE.search(text):
                continue
            seen.add(text)
            lines.append(f"{label}\t{text}")
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="only check that the file is up to date")
    args = ap.parse_args()
    text = collect()
    if args.check:
        if not OUT.exists() or OUT.read_text(encoding="utf-8") != text:
            sys.exit(f"{OUT.relative_to(ROOT)} is out of date: run python scripts/collect_read_blind.py")
        return
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {text.count(chr(10)) - 1} posts from {len(read_rounds())} rounds")


if __name__ == "__main__":
    main()
