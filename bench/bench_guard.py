"""Guard accuracy and speed.

Prints precision/recall on the shared dev set and on our own labelled set, the recall of a keyword
baseline (a typical group anti-spam bot word list, matched as substrings), and throughput on one core
(rules alone, and rules with the learned stage) next to a bare pyahocorasick scan of the same terms,
and the blind batch per concept before and after this round's fixes.

Run: python bench/bench_guard.py
"""
from __future__ import annotations

import csv
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

    blind_table()
    log_table()
    log_table("guard_blind_log2.tsv", LOG2_BEFORE)
    everyday_table()
    round5_table()
    final_table()
    source_table("sixth blind round: advert recall / rest flagged, before -> now", ROUND6_BEFORE, 8, 12)
    natural_table("last blind batch of the sixth round (natural mix): recall / flagged — before -> first after -> now",
                  "guard_blind_final2.tsv", FINAL2_BEFORE)
    source_table("seventh blind round: advert recall / rest flagged, before -> now", ROUND7_BEFORE, 7, 13)
    natural_table("last blind batch of the seventh round: recall / flagged — before -> first after -> now",
                  "guard_blind_final3.tsv", FINAL3_BEFORE)
    source_table("eighth round, read to make changes: advert recall / rest flagged, before -> now",
                 ROUND8_BEFORE, 7, 12)
    source_table("ninth and last batches, never read: advert recall / rest flagged, before -> now", ROUND9_BEFORE, 7, 12)
    source_table("thirteenth and fourteenth rounds, read to make changes: advert recall / rest flagged, before -> now",
                 ROUND13_BEFORE, 7, 12)
    for what, before in LATER_ROUNDS:
        source_table(f"{what}: advert recall / rest flagged, before -> now", before, 7, 14)
    source_table("forty-second round again, each draft checked as the owner's own (lint_post voice=\"owner\", as the "
                 "page and `lint --voice owner` do). Never read, but no longer blind to the idea: the voice was built "
                 "after its counts showed the model clearing owners' drafts (its bar, OWNER_VETO, was set on train_bo); "
                 "the before figures are cd25993's, which had no voice",
                 ROUND42_BEFORE, 7, 14, voice="owner")
    source_table("forty-seventh round again, as the owner (voice=\"owner\"), read", ROUND47_OWNER_BEFORE,
                 7, 14, voice="owner")
    source_table("forty-ninth round again, as the owner (voice=\"owner\"), never read", ROUND49_OWNER_BEFORE,
                 7, 14, voice="owner")
    sys.path.insert(0, str(ROOT / "scripts"))
    from collect_read_blind import HELD_BACK, NEVER_READ

    kept_out = ", ".join(n.removeprefix("guard_blind_").removesuffix(".tsv") for n in NEVER_READ + HELD_BACK)
    print("since 2026-12-01 the rounds read to make changes are training data (scripts/collect_read_blind.py; "
          f"not {kept_out}): their 'now' figures are in-sample; the never-read rounds are the measure")
    posts = [t for _, t in all_rows] or [t for _, _, t in load_blind()]
    backlog = (posts * (10000 // len(posts) + 1))[:10000]
    lint_post("warm up")

    def timed(fn) -> float:
        best = float("inf")
        for _ in range(3):
            t = time.perf_counter()
            for text in backlog:
                fn(text)
            best = min(best, time.perf_counter() - t)
        return best

    rules = timed(lambda text: lint_post(text, learned=False))
    both = timed(lint_post)

    import ahocorasick

    auto = ahocorasick.Automaton()
    for term in all_terms():
        auto.add_word(term, term)
    auto.make_automaton()

    def scan(text):
        for _m in auto.iter(text):
            pass

    bare = timed(scan)
    singles = []
    for text in backlog[:2000]:
        t = time.perf_counter()
        lint_post(text)
        singles.append(time.perf_counter() - t)
    singles.sort()
    n = len(backlog)
    print(f"speed (one core, {n} posts, best of 3):")
    print(f"  rules alone:                 {rules:.3f} s  = {n / rules:,.0f} posts/s")
    print(f"  whole check (rules + model): {both:.3f} s  = {n / both:,.0f} posts/s")
    print(f"  bare pyahocorasick scan of the same {len(all_terms())} terms: {bare:.3f} s  = {n / bare:,.0f} posts/s")
    print(f"  ratio rules / bare scan: {rules / bare:.1f}x")
    print(f"  lint_post on one post, warm: p50 {singles[len(singles) // 2] * 1000:.2f} ms, "
          f"p99 {singles[int(len(singles) * 0.99)] * 1000:.2f} ms")
    big = "今天打卡,坚持运动,和大家一起进步。" * 30000 + "群里发红包"
    t = time.perf_counter()
    lint_post(big)
    print(f"  1 MB post ({len(big.encode()) / 1e6:.2f} MB): {time.perf_counter() - t:.3f} s")
    # Shapes that once cost quadratic time: a long digit run after a price word, a run of numerals, and one
    # unpunctuated clause with a finding every few characters.
    for label, hostile in (("200k-digit run after 元", "元" + "1234567890" * 20000),
                           ("200k Chinese numerals", "一百二十" * 50000),
                           ("200k chars, no punctuation, 130k findings", "元1块2折3" * 33000)):
        t = time.perf_counter()
        lint_post(hostile)
        print(f"  {label}: {time.perf_counter() - t:.3f} s")


# The blind batch (bench/guard_blind.tsv) was written by a helper who had not seen the rules, and
# measured once before any fix of this round: correct per concept out of 30.
BLIND_BEFORE = {"selfpromo": 4, "contact": 18, "slang": 12, "task": 21, "masked": 28, "hard": 30, "soft": 17,
                "consumer": 18, "life": 25, "notice": 25, "news": 27, "job": 26, "friends": 29, "rulestory": 27}


# The second blind batch (bench/guard_blind_log.tsv): a QQ trading group, a 小区 group and received
# SMS, mostly chat, by another helper who had seen neither rules nor data; measured once before the
# learned stage: (recall, share of the non-adverts flagged).
LOG_BEFORE = {"qqtrade": (0.500, 0.0142), "shopgroup": (0.721, 0.0156), "sms": (0.817, 0.0706)}


# The third blind batch (bench/guard_blind_log2.tsv, session of 2026-11-30): five group logs (parents,
# hiking club, office team, neighbours, game guild), ~9% adverts, dense with innocent money and deal talk;
# measured once before that session's data and gray-zone second read.
LOG2_BEFORE = {"parents": (0.947, 0.0400), "hiking": (1.000, 0.0229), "office": (0.900, 0.0990),
               "estate": (0.952, 0.0276), "gamers": (1.000, 0.0561)}


# The fourth blind batch (session of 2026-11-30, later): 1,500 everyday messages in their natural mix
# (social posts, friends' and family chats, consumer reviews, forum replies, parents' and work groups;
# guard_blind_everyday.tsv) and 400 promotions as sellers write them (guard_blind_promos.tsv), measured once
# before that round's data (train_f, train_g) and context words.
EVERYDAY_BEFORE = {"everyday_flagged": 0.0093, "promo_recall": 0.875}


def everyday_table() -> None:
    def rows(name: str) -> list[tuple[str, str]]:
        return [(d["text"], d["kind"]) for d in read_blind(name)]

    everyday, promos = rows("guard_blind_everyday.tsv"), rows("guard_blind_promos.tsv")
    fp = sum(lint_post(t).flagged for t, _ in everyday)
    hits: dict[str, list[int]] = {}
    for t, kind in promos:
        h = hits.setdefault(kind.removeprefix("en_"), [0, 0])
        h[0] += lint_post(t).flagged
        h[1] += 1
    recall = sum(h[0] for h in hits.values()) / len(promos)
    print("blind everyday messages and promotions, before -> now")
    print(f"  everyday messages flagged {EVERYDAY_BEFORE['everyday_flagged']:.2%} -> {fp / len(everyday):.2%}"
          f"   ({fp} of {len(everyday)})")
    print(f"  promotions caught {EVERYDAY_BEFORE['promo_recall']:.3f} -> {recall:.3f}   ({len(promos)}; by kind: "
          + ", ".join(f"{k} {a}/{b}" for k, (a, b) in sorted(hits.items())) + ")")


def read_blind(name: str) -> list[dict[str, str]]:
    """The rows of a blind batch in ``bench/`` (a TSV with a header: label, text and kind or source)."""
    with open(ROOT / "bench" / name, encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def flags_by_source(name: str, voice: str = "auto") -> dict[str, list[int]]:
    """Per source: [adverts flagged, adverts, others flagged, others]."""
    counts: dict[str, list[int]] = {}
    for d in read_blind(name):
        c = counts.setdefault(d["source"], [0, 0, 0, 0])
        y = int(d["label"])
        c[0 if y else 2] += lint_post(d["text"], voice=voice).flagged
        c[1 if y else 3] += 1
    return counts


# The fifth round of blind batches (session of 2026-11-30, third): 2,400 everyday messages from social media,
# forums, chats and SMS, a fifth of them using shopping words in everyday ways (guard_blind_everyday2.tsv);
# 600 promotions in 15 trades with 400 look-alikes (guard_blind_promos2.tsv); a game QQ group, a campus
# trading group, a 小区 group and an SMS inbox (guard_blind_log3.tsv). Written by three helpers who saw no
# rules or data; measured once before that session's changes: (flagged, total) per kind and label.
ROUND5_BEFORE = {
    "guard_blind_everyday2.tsv": {
        ("buy_sell_talk_not_ad", 0): 8, ("class_work_group", 0): 14, ("dialogue", 0): 3, ("douban_tieba", 0): 5,
        ("family_group", 0): 10, ("hobby_group", 0): 15, ("misc_long", 0): 13, ("news_jokes", 0): 26,
        ("personal_sms", 0): 20, ("student_campus", 0): 13, ("weibo_comment", 0): 6, ("weibo_post", 0): 14},
    "guard_blind_promos2.tsv": {
        ("asking_buy", 0): 0, ("complaint", 0): 5, ("consumer_review", 0): 12, ("deal_share_friend", 0): 5,
        ("job_talk", 0): 4, ("meme_joke", 0): 7, ("news_remark", 0): 1, ("notice", 0): 2,
        ("red_packet_social", 0): 6, ("service_sms", 0): 0,
        ("beauty_health", 1): 30, ("car_dealer", 1): 32, ("game_trade", 1): 34, ("group_buy_leader", 1): 26,
        ("illegal_spam", 1): 28, ("insurance_finance", 1): 21, ("property_agent", 1): 28, ("recruiting_tasks", 1): 33,
        ("restaurant", 1): 28, ("second_hand_sale", 1): 34, ("services", 1): 27, ("shop_sms", 1): 35,
        ("shop_wechat_moments", 1): 16, ("training_school", 1): 26, ("weishang", 1): 29},
    "guard_blind_log3.tsv": {
        ("neighbors", 0): 1, ("neighbors", 1): 50, ("qq_campus", 0): 1, ("qq_campus", 1): 58,
        ("qq_game", 0): 4, ("qq_game", 1): 62, ("sms", 0): 1, ("sms", 1): 245},
}


def round5_table() -> None:
    """Per kind: how many were flagged before this round and now (adverts should be, the rest should not)."""
    print("fifth blind round, flagged per kind (label 1 = advert, 0 = not): before -> now / total")
    for name, before in ROUND5_BEFORE.items():
        rows = read_blind(name)
        now: dict[tuple[str, int], list[int]] = {}
        for d in rows:
            c = now.setdefault((d.get("kind") or d["source"], int(d["label"])), [0, 0])
            c[0] += lint_post(d["text"]).flagged
            c[1] += 1
        tp = sum(c[0] for (_, y), c in now.items() if y)
        pos = sum(c[1] for (_, y), c in now.items() if y)
        fp = sum(c[0] for (_, y), c in now.items() if not y)
        neg = sum(c[1] for (_, y), c in now.items() if not y)
        tp0 = sum(v for (_, y), v in before.items() if y)
        fp0 = sum(v for (_, y), v in before.items() if not y)
        head = f"  {name}: not-ads flagged {fp0 / neg:.2%} -> {fp / neg:.2%} ({neg})"
        if pos:
            head += (f"; adverts caught {tp0 / pos:.3f} -> {tp / pos:.3f} ({pos});"
                     f" precision {tp0 / max(tp0 + fp0, 1):.3f} -> {tp / max(tp + fp, 1):.3f}")
        print(head)
        for (kind, y), (flagged, total) in sorted(now.items(), key=lambda kv: (-kv[0][1], kv[0][0])):
            print(f"    {y} {kind:22s} {before.get((kind, y), '?'):>3} -> {flagged:>3} / {total}")


# The last blind batch of that session (guard_blind_final.tsv), by a fourth helper, in the natural mix:
# 1,600 everyday messages, 500 promotions, a 王者荣耀 QQ group (700, 8% adverts) and an SMS inbox (400).
# (recall, share of the rest flagged) before the session's changes, and when first measured after them;
# the QQ group's and the inbox's false flags were then read, so "now" is not blind for those two.
FINAL_BEFORE = {"chat_natural": ((float("nan"), 0.0012), (float("nan"), 0.0)),
                "promo_real": ((0.786, float("nan")), (0.860, float("nan"))),
                "qq_group": ((0.875, 0.0140), (0.839, 0.0109)),
                "sms_inbox": ((0.800, 0.0042), (0.850, 0.0083))}


def trend(before: list[tuple[float, float]], tp: int, pos: int, fp: int, neg: int) -> tuple[str, str]:
    """One source's advert recall and share of the rest flagged: each earlier (recall, flagged) measurement, then now."""
    rec = "recall " + "".join(f"{r:.3f} -> " for r, _ in before) + f"{tp / pos:.3f} ({pos})" if pos else ""
    flag = "flagged " + "".join(f"{f:.2%} -> " for _, f in before) + f"{fp / neg:.2%} ({neg})" if neg else ""
    return rec, flag


def rates(counts: tuple[int, int, int, int], pos: int, neg: int) -> tuple[float, float]:
    """(recall, flagged) of an earlier count (adverts flagged, _, others flagged, _) over today's totals."""
    return counts[0] / max(pos, 1), counts[2] / max(neg, 1)


def final_table() -> None:
    counts = flags_by_source("guard_blind_final.tsv")
    print("final blind batch (natural mix): advert recall / rest flagged — before -> first after -> now")
    for src, c in counts.items():
        rec, flag = trend(list(FINAL_BEFORE[src]), *c)
        print(f"  {src:12s} {rec:40s} {flag}")


# The sixth round (session of 2026-11-30, fourth), written by helpers who saw no rules or data, in the styles of
# the real corpora that judge the guard: an SMS inbox with digits masked as x, Weibo/Douban-style posts, four QQ
# groups (a MOBA game, freshmen, anglers, neighbourhood mothers), forum posts and small shops' own promotion
# texts (guard_blind_round6.tsv); and a pair written to test the hardest concept, a business describing itself
# with no offer word (soft promotion) against people talking about such businesses (guard_blind_soft.tsv).
# Counted once before that session's changes: (adverts flagged, adverts, others flagged, others).
ROUND6_BEFORE = {
    "guard_blind_round6.tsv": {"forum_posts": (95, 100, 4, 300), "qq_college": (35, 35, 2, 315),
                               "qq_fishing": (33, 34, 0, 316), "qq_mobagame": (32, 34, 1, 316),
                               "qq_mom": (35, 35, 1, 315), "shop_promos": (170, 300, 0, 0),
                               "sms": (248, 260, 0, 440), "social": (106, 120, 8, 1400)},
    "guard_blind_soft.tsv": {"soft_promos": (100, 300, 0, 0), "shop_talk": (0, 0, 2, 300)},
}


def source_table(title: str, before_by_file: dict, name_width: int, source_width: int, voice: str = "auto") -> None:
    """Per batch file and source: advert recall and share of the rest flagged, before -> now."""
    print(title)
    for name, before in before_by_file.items():
        for src, (tp, pos, fp, neg) in flags_by_source(name, voice).items():
            rec, flag = trend([rates(before[src], pos, neg)], tp, pos, fp, neg)
            print(f"  {name[12:-4]:{name_width}s} {src:{source_width}s} {rec:32s} {flag}")


# The last batch of that session (guard_blind_final2.tsv), by a helper who saw nothing else, in the natural mix:
# 400 messages each from family chats, social posts, work and school groups and interest groups, and 400
# adverts as they reach people today. Counted before the session's changes and when first measured after the
# soft-promotion and social-media data; more data came in after that, but nothing in it was read to make a change.
FINAL2_BEFORE = {"family_chat": ((0, 0, 2, 400), (0, 0, 2, 400)), "social_posts": ((0, 0, 0, 400), (0, 0, 0, 400)),
                 "work_school": ((0, 0, 0, 400), (0, 0, 0, 400)), "interest_groups": ((0, 0, 0, 400), (0, 0, 0, 400)),
                 "promos": ((336, 400, 0, 0), (341, 400, 0, 0))}


def natural_table(title: str, name: str, before: dict) -> None:
    """Per source of one natural-mix batch: recall and share flagged at each earlier count, then now."""
    print(title)
    for src, (tp, pos, fp, neg) in flags_by_source(name).items():
        rec, flag = trend([rates(b, pos, neg) for b in before[src]], tp, pos, fp, neg)
        print(f"  {src:16s} {rec:40s} {flag}")


# The seventh round (session of 2026-11-30, fifth), by helpers who saw no rules or data. guard_blind_round7.tsv:
# four QQ groups (梦幻西游 with account trading, PC hardware, a 小区 owners' group, freshmen), an SMS inbox with
# half the digits masked, small shops' and schools' own texts (two thirds with no price, offer or contact),
# Tieba/Douban-style forum posts, and Weibo/Xiaohongshu-style posts with their noise (#话题#, //@ reposts, [doge]).
# guard_blind_trade.tsv: four more groups where trading is common (王者荣耀, a city 闲置 group, mechanical
# keyboards, ride-hailing drivers), written later and never read: only its figures were looked at.
# Counted once on the session's starting commit: (adverts flagged, adverts, others flagged, others).
ROUND7_BEFORE = {
    "guard_blind_round7.tsv": {"qq_game": (35, 55, 1, 307), "qq_digital": (33, 50, 0, 324),
                               "qq_neighbors": (44, 51, 2, 323), "qq_campus": (46, 53, 1, 321),
                               "sms": (227, 250, 1, 500), "shop_promos": (230, 300, 0, 0),
                               "forum_posts": (95, 100, 7, 320), "social": (195, 200, 8, 1300)},
    "guard_blind_trade.tsv": {"g_game2": (34, 51, 0, 284), "g_secondhand": (36, 51, 0, 288),
                              "g_hobby": (33, 49, 3, 286), "g_work": (40, 49, 0, 295)},
}


# The last batch of the seventh round (guard_blind_final3.tsv), by a helper who saw nothing else: 400 messages each
# from family and friends, work and school groups, public posts and hobby groups (every one of them brushing
# against fees, prices or trading), and 400 adverts as they reach people today. Counted before the session's
# changes and when first measured after them; its false flags were then read, and one reading was added
# (an organiser collecting fees is cost sharing), so "now" is not blind for it.
FINAL3_BEFORE = {"family_friends": ((0, 0, 3, 400), (0, 0, 3, 400)), "work_school": ((0, 0, 6, 400), (0, 0, 7, 400)),
                 "public_posts": ((0, 0, 4, 400), (0, 0, 4, 400)), "hobby_groups": ((0, 0, 2, 400), (0, 0, 2, 400)),
                 "promos": ((350, 400, 0, 0), (352, 400, 0, 0))}


# The eighth round (session of 2026-11-30, sixth), by helpers who saw no rules or data. guard_blind_round8.tsv:
# Weibo/Xiaohongshu-style public posts (a natural 4% of adverts), a personal SMS inbox with half the digits masked,
# forum posts, three QQ groups (anglers, 考研, cat owners) with their trades, and businesses' own texts (two thirds of
# the promotions with no price, offer or contact; the rest service notices). guard_blind_round10.tsv: four WeChat
# groups dense with money (new-estate owners, an office, mothers, a badminton club), 4% adverts. Both were read for
# error categories after the count, so "now" is not blind for them.
# guard_blind_round11.tsv: five more such groups (hometown, university class, car club, game guild, tutoring
# parents), written and read later in the session.
# guard_blind_round9.tsv was written alongside by two other helpers and never read (only its figures were looked
# at): parents', tenants' and running-club groups, a Steam trading group, and 800 promotions against everyday lines
# in the same vocabulary. guard_blind_round12.tsv, the last batch, likewise: social posts, two QQ groups (a mobile
# game, a city flea market), an SMS inbox and 300 promotions, in their natural mix. Each was counted once on the
# session's starting commit: (adverts flagged, adverts, others flagged, others).
ROUND8_BEFORE = {
    "guard_blind_round8.tsv": {"weibo": (34, 35, 1, 864), "sms": (108, 109, 0, 642), "forum": (53, 54, 6, 552),
                               "qq_fishing": (22, 26, 1, 202), "qq_kaoyan": (26, 27, 0, 205),
                               "qq_cats": (23, 26, 1, 207), "business": (258, 300, 11, 200)},
    "guard_blind_round10.tsv": {"g_owners": (10, 10, 5, 254), "g_office": (10, 10, 3, 257),
                                "g_moms": (10, 10, 3, 248), "g_badminton": (10, 10, 0, 244)},
    "guard_blind_round11.tsv": {"g_hometown": (7, 10, 2, 235), "g_class": (9, 10, 1, 228),
                                "g_carclub": (7, 10, 3, 230), "g_guild": (8, 10, 5, 231),
                                "g_tutoring": (6, 10, 0, 220)},
}
ROUND9_BEFORE = {
    "guard_blind_round9.tsv": {"g_parents": (10, 10, 3, 241), "g_tenants": (10, 10, 4, 239),
                               "g_running": (10, 10, 2, 241), "g_steam": (34, 38, 0, 218),
                               "mixed": (278, 400, 4, 400)},
    "guard_blind_round12.tsv": {"social": (24, 24, 0, 476), "qq": (46, 64, 1, 419), "sms": (79, 82, 0, 317),
                                "promos": (261, 300, 0, 0)},
}

# The thirteenth round (session of 2026-11-30, seventh), by helpers who saw no rules or data: owners' posts in their
# own customer groups (30 kinds of business no article mentions, 45% quiet or open selling), five everyday WeChat
# groups dense with money (6% adverts) and 330 promotions against the same businesses' notices. Counted on the
# session's starting commit, then read for error categories, so "now" is not blind for it.
ROUND13_BEFORE = {
    "guard_blind_round13.tsv": {"owner": (129, 164, 2, 200), "chat": (24, 29, 3, 449), "promo": (191, 222, 0, 111)},
    # Written while round 13 was being fixed, by three more helpers: owners' posts (30 other kinds of business), a
    # mobile-game and a sneaker QQ group, social posts, and SMS/Moments promotions against notices and consumers.
    # Counted on the starting commit and after the first fixes, then its errors were read too.
    "guard_blind_round14.tsv": {"owner": (106, 161, 4, 206), "promo": (193, 216, 0, 121), "qq": (49, 56, 3, 383),
                                "social": (28, 29, 6, 356)},
}

# The fifteenth round, written by one more helper after the fixes for rounds 13 and 14 were made and never read
# (only its totals were looked at): owners' posts from 23 other kinds of business, and social posts in a natural 5%.
ROUND15_BEFORE = {"guard_blind_round15.tsv": {"owner": (101, 135, 2, 167), "social": (20, 20, 2, 380)}}

# The sixteenth round (next session), by four helpers who saw no rules or data, counted on the session's starting
# commit before any change, then read: five everyday WeChat groups with ads at a natural rate (family, 业主群, a
# class's parents, hikers, old classmates), small businesses of 40 kinds nobody had used (half promotions, many
# quiet; half their notices to customers, apologies and staff talk), three QQ groups (anime goods, fishing, PC
# parts), forum threads with disguised promotions, and one phone's SMS inbox.
ROUND16_BEFORE = {"guard_blind_round16.tsv": {"biz": (241, 300, 7, 301), "forum": (21, 21, 1, 245),
                                              "groups": (24, 27, 5, 687), "qq": (82, 89, 4, 521),
                                              "sms": (92, 93, 1, 173)}}

# The seventeenth round, by two more helpers at the same time, never read (only its totals were looked at): six
# everyday groups with ads at a natural rate (kindergarten mums, coworkers, retirees, renters, exam takers, a mobile
# game), and small businesses of 40 other kinds, half promotions and half notices. Counted on the starting commit.
ROUND17_BEFORE = {"guard_blind_round17.tsv": {"chats": (25, 27, 0, 759), "biz": (235, 294, 3, 314)}}

# The eighteenth round (2026-12-01), by four helpers who saw no rules or data, counted on the session's starting
# commit (95340ac) before any change, then read: Weibo/Douban/Xiaohongshu posts and replies at a natural 3% ad
# rate, six everyday WeChat groups (roommates, retirees' choir, a design studio, dog owners, an exam study group, a
# family planning a birthday), four QQ groups (a game with account trading, a campus flea market, camera gear,
# hanfu/Lolita), and texts that businesses and schools send: promotions against their plain notices.
ROUND18_BEFORE = {"guard_blind_round18.tsv": {"promo": (388, 450, 3, 250), "social": (29, 30, 4, 970),
                                              "qq": (84, 88, 2, 704), "groups": (24, 30, 1, 843)}}

# The nineteenth round, by two more helpers at the same time, never read (only totals): a natural mix of Weibo
# posts, three WeChat groups (a class's parents, a sales team, a cycling club) and two QQ groups (a game team, an
# exam exchange); and promotions of 40 rarely written-about businesses against their notices.
ROUND19_BEFORE = {"guard_blind_round19.tsv": {"chat": (55, 56, 4, 1142), "promo": (269, 400, 0, 200)}}

# The twentieth round (2026-12-01, session 25), by two helpers who saw no rules or data, counted on the session's
# starting guard (d6a3192) before any change, then read: Douyin/Kuaishou/Bilibili comments, five everyday WeChat
# groups and two QQ groups at natural ad rates; promotions of 40 rarely written-about local businesses against
# their notices (promo), and goal-group owners' posts, social against sliding into selling (owner).
ROUND20_BEFORE = {"guard_blind_round20.tsv": {"douyin": (15, 15, 1, 485), "wechat": (15, 15, 0, 485),
                                              "qq": (25, 25, 1, 275), "promo": (189, 400, 2, 200),
                                              "owner": (50, 60, 1, 140)}}

# The twenty-first round, by two more helpers later the same session, never read (only totals), counted on the
# same starting guard: Weibo/Xiaohongshu/Zhihu/Douban posts, six unusual WeChat groups (a community garden,
# dialysis patients' families, a village, a kids' football team, astronomy, night-market vendors) and two QQ groups
# (Minecraft, cosplay props); promotions of 40 more rare local businesses against their notices; goal-group owners.
ROUND21_BEFORE = {"guard_blind_round21.tsv": {"social": (15, 15, 1, 485), "wechat": (20, 20, 1, 580),
                                              "qq": (23, 25, 2, 275), "promo": (171, 400, 0, 200),
                                              "owner": (42, 60, 5, 140)}}


# The twenty-second round (2026-12-01, session 26), by two helpers who saw no rules or data, never read (only
# totals), counted on the session's starting guard (684b46c) before any change: Weibo/Xiaohongshu/Douban-style
# posts, five everyday WeChat groups, two game QQ groups and a second-hand trading QQ group (80 trading posts);
# 120 rarely written-about local businesses (three selling lines, mostly quiet, against two notices each) and
# owners of 40 kinds of goal groups.
ROUND22_BEFORE = {"guard_blind_round22.tsv": {"social": (14, 15, 1, 485), "wechat": (19, 20, 3, 480),
                                              "qq": (72, 80, 1, 420), "promo": (149, 360, 1, 240),
                                              "owner": (47, 60, 0, 140)}}

# The twenty-third round (2026-12-01, session 27), by two helpers who saw no rules or data, never read (only
# totals), counted on the session's starting guard (f714fe2) before any change: 140+ kinds of rarely written-about
# business (one third loud, two thirds quiet selling) against their notices; owners of 35 kinds of goal group;
# family, neighbours' and hobby WeChat groups, a game QQ group with trading, personal and marketing SMS.
ROUND23_BEFORE = {"guard_blind_round23.tsv": {"promo": (189, 420, 4, 280), "owner": (60, 70, 1, 170),
                                              "family": (0, 0, 0, 250), "neighbours": (35, 40, 1, 250),
                                              "hobby": (26, 30, 2, 250), "game": (52, 60, 2, 200),
                                              "sms": (60, 60, 0, 120)}}

# The twenty-fourth round (2026-12-01, session 28), by three helpers who saw no rules or data, never read (only
# totals), counted on the session's starting guard (75a4167) before any change: posts and comments as they appear on
# six kinds of social media (5% selling), SMS from 90+ kinds of sender (promotions against notices and personal
# texts), and forum and QQ-group threads with trading in slang.
ROUND24_BEFORE = {"guard_blind_round24.tsv": {"xhs": (12, 12, 3, 222), "weibo": (12, 12, 0, 222),
                                              "video": (12, 12, 0, 221), "moments": (12, 12, 1, 221),
                                              "zhihu": (9, 11, 1, 222), "douban": (11, 11, 0, 222),
                                              "promo": (380, 400, 0, 0), "notice": (0, 0, 2, 250),
                                              "personal": (0, 0, 0, 150), "bbs": (28, 50, 1, 183),
                                              "tieba": (47, 50, 1, 184), "qqgroup": (42, 50, 0, 183)}}

# The twenty-fifth round (2026-12-01, session 28), by three more helpers with the same kinds of brief, read to make
# changes (held back from training this session), counted on c5220a8 before any change: social-media posts (10%
# selling), forum and group threads with trading, and 150+ kinds of small business (two thirds quiet) against
# their notices.
ROUND25_BEFORE = {"guard_blind_round25.tsv": {"moments": (16, 16, 1, 150), "douban": (16, 17, 0, 150),
                                              "zhihu": (16, 17, 0, 150), "xhs": (17, 17, 2, 150),
                                              "video": (16, 16, 0, 150), "weibo": (17, 17, 0, 150),
                                              "bbs": (46, 50, 0, 150), "tieba": (44, 50, 0, 150),
                                              "wxgroup": (49, 50, 0, 150), "qqgroup": (45, 50, 0, 150),
                                              "notice": (0, 0, 2, 350), "promo": (273, 450, 0, 0)}}

# The twenty-sixth round (2026-12-01, session 29), by three helpers who saw no rules or data, never read, counted
# on c10f326 before any change: ten hobby QQ groups (about 8% trading posts), eight everyday WeChat groups (about 4%
# selling slipped in) and 150 rarely written-about small businesses (half selling, mostly quiet) against their notices.
ROUND26_BEFORE = {"guard_blind_round26.tsv": {"qq_shouban": (14, 15, 0, 165), "qq_qiuxie": (13, 15, 0, 165),
                                              "qq_jianpan": (15, 15, 2, 165), "qq_diaoyu": (15, 15, 0, 165),
                                              "qq_yuanshen": (14, 15, 0, 165), "qq_sheying": (15, 15, 0, 165),
                                              "qq_lvzhi": (14, 15, 1, 165), "qq_zhuoyou": (15, 15, 0, 165),
                                              "qq_shuizu": (14, 15, 1, 165), "qq_huaijiu": (14, 15, 0, 165),
                                              "wx_jiazu": (9, 9, 0, 241), "wx_yezhu": (9, 9, 0, 241),
                                              "wx_jiazhang": (8, 9, 1, 241), "wx_wuliu": (9, 9, 0, 241),
                                              "wx_sushe": (9, 9, 1, 241), "wx_paobu": (9, 9, 0, 241),
                                              "wx_baoma": (9, 9, 2, 241), "wx_tuixiu": (8, 8, 0, 242),
                                              "biz_sms": (31, 50, 1, 63), "biz_group": (45, 55, 2, 64),
                                              "biz_moments": (52, 66, 1, 47), "biz_forum": (53, 54, 0, 51)}}


# The twenty-seventh round (2026-12-01, session 30), by three helpers who saw no rules or data, never read, counted
# on cf41ea7 before any change: eight forum boards (car, parenting, city, pets, games, renovation, fitness, study
# abroad; about 12% ads slipped in), eight social-media topic areas (notes, comments, 朋友圈; 15% paid or shop
# pushes) and a phone's SMS inbox (personal texts and service notices against promotional SMS).
ROUND27_BEFORE = {"guard_blind_round27.tsv": {"f_car": (25, 25, 0, 175), "f_baby": (23, 24, 1, 176),
                                              "f_city": (23, 23, 1, 177), "f_pet": (25, 26, 4, 174),
                                              "f_game": (27, 27, 0, 173), "f_reno": (23, 23, 2, 177),
                                              "f_fit": (28, 28, 1, 172), "f_study": (25, 25, 0, 175),
                                              "s_travel": (29, 30, 0, 170), "s_home": (29, 30, 1, 170),
                                              "s_beauty": (26, 30, 0, 170), "s_fashion": (24, 30, 0, 170),
                                              "s_mom": (24, 30, 1, 170), "s_life": (26, 30, 1, 170),
                                              "s_moments": (28, 30, 2, 170), "s_food": (29, 30, 0, 170),
                                              "m_promo": (387, 400, 0, 0), "m_personal": (0, 0, 1, 400),
                                              "m_service": (0, 0, 2, 400)}}


# The twenty-eighth round (2026-12-02, session 32), in English, by a helper who saw no rules or data, never read,
# counted on 0fad813 before any change: small shops' texts, emails and SMS; customer groups run by small businesses;
# buy-and-sell and trading groups; everyday chat among friends, family, neighbours and coworkers.
ROUND28_BEFORE = {"guard_blind_round28.tsv": {"en_shop": (44, 110, 1, 40), "en_group": (38, 70, 0, 130),
                                              "en_trade": (37, 60, 2, 40), "en_chat": (2, 10, 7, 140)}}


# The twenty-ninth (Chinese) and thirtieth (English) rounds (2026-12-02, session 33), by helpers who saw no rules or data,
# never read (counted by source only). Before = main at b6cfcd8, before the English terms and the retraining.
ROUND29_BEFORE = {"guard_blind_round29.tsv": {
    "wx_class": (0, 0, 1, 101), "wx_company": (0, 0, 0, 101), "wx_relatives": (0, 0, 0, 100),
    "wx_hobby_photo": (0, 0, 1, 100), "wx_hiking": (0, 0, 0, 98), "qq_college": (0, 0, 1, 100), "qq_anime": (0, 0, 0, 100),
    "qq_trade_chat": (0, 0, 0, 100), "forum_money": (0, 0, 0, 100), "weibo_comments": (0, 0, 0, 100),
    "sms_personal": (0, 0, 0, 97), "xhs_notes": (0, 0, 0, 99), "ad_shop_sms": (56, 60, 0, 0),
    "ad_group_owner": (51, 60, 0, 0), "ad_trade": (57, 60, 0, 0), "ad_moments": (27, 60, 0, 0),
    "ad_recruit": (56, 60, 0, 0)}}
ROUND30_BEFORE = {"guard_blind_round30.tsv": {
    "ad_owner": (18, 48, 0, 0), "ad_shop": (35, 48, 0, 0), "ad_side_hustle": (12, 48, 0, 0), "ad_soft": (0, 48, 0, 0),
    "ad_trade": (19, 48, 0, 0), "en_club": (0, 0, 0, 71), "en_family": (0, 0, 0, 70), "en_friends": (0, 0, 0, 71),
    "en_money": (0, 0, 1, 70), "en_parents": (0, 0, 0, 69), "en_reddit": (0, 0, 1, 70), "en_texts": (0, 0, 1, 70),
    "en_work": (0, 0, 0, 72)}}

# The thirty-first round (2026-12-02, session 34, English): owners offering, selling and softly selling in their own
# customer groups against the same owners' social posts and members' talk; by a helper who saw no rules or data, never
# read. Before = main at 49e10bf (the retrained model that cleared "red packets for everyone in the group").
ROUND31_BEFORE = {"guard_blind_round31.tsv": {
    "grp_offer": (86, 160, 0, 0), "grp_sell": (79, 120, 0, 0), "grp_soft": (26, 60, 0, 0),
    "grp_owner": (0, 0, 2, 160), "grp_member": (0, 0, 1, 140)}}
# Written 2026-12-02 by a helper who had seen no rules or data; measured on ade4eda before any change that session.
ROUND32_BEFORE = {"guard_blind_round32.tsv": {
    "promo": (226, 250, 0, 0), "qq_trade": (105, 120, 0, 0), "qq_chat": (0, 0, 1, 200), "everyday": (0, 0, 0, 330)}}
# Written the same day by another such helper; measured with the weights before that session's retrain (a572f9e).
ROUND33_BEFORE = {"guard_blind_round33.tsv": {
    "soft": (25, 140, 0, 0), "hustle": (51, 100, 0, 0), "hard": (21, 40, 0, 0), "talk": (0, 0, 5, 240)}}
# 2026-12-02, by a helper who saw no rules or data (899 Chinese: shop and school promotions, at least half with no
# offer word 160, trading-group posts 80, paid-task and downline recruiting 80; Weibo 100, Xiaohongshu, SMS, family,
# work, QQ-group and forum talk 80 each); measured with the weights of 66a4a00, before that session's changes.
ROUND34_BEFORE = {"guard_blind_round34.tsv": {
    "promo": (152, 160, 0, 0), "trade": (74, 80, 0, 0), "hustle": (66, 80, 0, 0),
    "weibo": (0, 0, 0, 100), "xhs": (0, 0, 0, 80), "sms": (0, 0, 0, 80), "family": (0, 0, 0, 79),
    "work": (0, 0, 0, 80), "qqgroup": (0, 0, 0, 80), "forum": (0, 0, 1, 80)}}
# Measured on the weights of be88f87 before anything of session 37 changed.
ROUND35_BEFORE = {"guard_blind_round35.tsv": {
    "shop": (143, 160, 0, 0), "b2b": (59, 60, 0, 0), "trade": (47, 50, 0, 0), "hustle": (39, 50, 0, 0),
    "neighbours": (0, 0, 0, 110), "customers": (0, 0, 0, 110), "staff": (0, 0, 0, 60), "hobby": (0, 0, 0, 120),
    "chat": (0, 0, 0, 90), "notice": (0, 0, 0, 50)}}
# Written while this session's changes were made, measured on the weights and rules of be88f87 (a worktree).
ROUND36_BEFORE = {"guard_blind_round36.tsv": {
    "local": (57, 140, 0, 0), "online": (27, 60, 0, 0), "trade": (38, 50, 0, 0), "hustle": (40, 50, 0, 0),
    "neighbours": (0, 0, 1, 120), "customers": (0, 0, 0, 80), "work": (0, 0, 0, 80), "hobby": (0, 0, 1, 70),
    "family": (0, 0, 0, 49)}}
ROUND37_BEFORE = {"guard_blind_round37.tsv": {
    "promo": (137, 140, 0, 0), "trade": (56, 60, 0, 0), "hustle": (52, 70, 0, 0),
    "wx_family": (0, 0, 0, 148), "wx_class": (0, 0, 1, 129), "wx_work": (0, 0, 0, 130), "wx_estate": (0, 0, 1, 130),
    "qq_game": (0, 0, 0, 130), "qq_hobby": (0, 0, 0, 130), "social": (0, 0, 0, 150), "sms": (0, 0, 0, 79),
    "forum": (0, 0, 0, 100)}}
# Written in session 38 by helpers who saw no rules or data; measured on the rules and weights of aeaebad.
ROUND38_BEFORE = {"guard_blind_round38.tsv": {
    "promo": (143, 150, 0, 0), "trade": (69, 70, 0, 0), "hustle": (44, 60, 0, 0),
    "wx_friends": (0, 0, 0, 150), "wx_elders": (0, 0, 0, 120), "wx_team": (0, 0, 1, 120), "wx_school": (0, 0, 1, 120),
    "qq_trade_chat": (0, 0, 0, 150), "qq_fans": (0, 0, 0, 119), "social": (0, 0, 0, 150), "sms": (0, 0, 0, 90),
    "forum": (0, 0, 0, 100)}}
ROUND39_BEFORE = {"guard_blind_round39.tsv": {
    "shop_group": (138, 200, 0, 0), "shop_sms": (116, 120, 0, 0), "shop_moments": (56, 130, 0, 0),
    "shop_notice": (0, 0, 1, 150), "customers": (0, 0, 1, 150), "staff": (0, 0, 3, 150)}}
# Written at the start of session 39 by a helper who saw no rules or data; measured on the rules and weights of aeaebad.
ROUND40_BEFORE = {"guard_blind_round40.tsv": {
    "moments": (29, 160, 0, 0), "hustle": (56, 90, 0, 0), "group_ad": (96, 100, 0, 0),
    "life_moments": (0, 0, 0, 200), "workers": (0, 0, 0, 150), "warn": (0, 0, 4, 100), "customers": (0, 0, 0, 200)}}


# The forty-first round (session of 2026-12-03), by a helper who saw no rules or data: everyday chat of 30 kinds of
# group brushing money and trade words (red packets, AA, coupons, orders, sign-ups, deadlines), members sharing
# what they bought, organisers' notices, and the selling and trading posts of the same groups. Never read;
# counted on 6510ce1 (the weights of ba9213e) before this session's retrain.
ROUND41_BEFORE = {"guard_blind_round41.tsv": {
    "sell": (147, 200, 0, 0), "trade": (86, 100, 0, 0),
    "chat": (0, 0, 2, 397), "share": (0, 0, 0, 200), "notice": (0, 0, 2, 100)}}


# The forty-second round (session of 2026-12-03), by a helper who saw no rules or data: owners' own short drafts
# (4-30 characters, 3-15 English words), as typed into the check with no context, in 30+ trades: half lean on
# money (red packets, lucky draws, flash sales, coupons, hard pushes), half on the group's shared goal. Never
# read; counted on cd25993 before any change.
ROUND42_BEFORE = {"guard_blind_round42.tsv": {"zh": (199, 250, 3, 250), "en": (62, 100, 1, 100)}}


# The forty-third (Chinese) and forty-fourth (English) rounds (session of 2026-12-03, sixth), by helpers who saw no
# rules or data: everyday talk from twelve places (Weibo, Douban, Tieba, Xiaohongshu, family, friends, work, parents,
# estate, QQ game and hobby groups, personal SMS), four in ten brushing money and trade words, against 朋友圈-style
# soft selling, group pushes and trading posts (43); small businesses' quiet selling with no sale word, group pushes
# and trading against friends, family, neighbours, work and forum talk (44). Never read; counted on 4598b17 before
# any change of that session.
ROUND43_BEFORE = {"guard_blind_round43.tsv": {
    "weibo": (0, 0, 1, 100), "douban": (0, 0, 0, 100), "tieba": (0, 0, 0, 100), "xhs": (0, 0, 0, 100),
    "wx_family": (0, 0, 0, 100), "wx_friends": (0, 0, 0, 100), "wx_work": (0, 0, 0, 100), "wx_parents": (0, 0, 1, 100),
    "wx_estate": (0, 0, 0, 100), "qq_game": (0, 0, 1, 100), "qq_hobby": (0, 0, 0, 100), "sms_personal": (0, 0, 0, 100),
    "ad_moments": (85, 100, 0, 0), "ad_group": (98, 100, 0, 0), "ad_trade": (75, 100, 0, 0)}}
ROUND44_BEFORE = {"guard_blind_round44.tsv": {
    "quiet": (59, 150, 0, 0), "group": (65, 75, 0, 0), "trade": (58, 75, 0, 0),
    "friends": (0, 0, 0, 100), "family": (0, 0, 0, 100), "neighbours": (0, 0, 2, 100), "work": (0, 0, 0, 100),
    "forum": (0, 0, 0, 100)}}

# The forty-fifth and forty-sixth rounds (Chinese, session of 2026-12-03, seventh), by helpers who saw no rules or
# data. 45 is everyday messages at natural proportions (only about one in ten touching money, as in life) from eight
# places (a couple, old classmates, a hometown group, a sports club, Bilibili and Douyin comments, Dianping reviews,
# personal texts and service notices) against marketing SMS, school and property/car enrolment, 朋友圈 soft selling
# and QQ trading. 46 is customer groups of 30+ small businesses: members' talk and owners' non-selling posts (tips,
# rules, 本群不发广告, recaps) against owners selling (half softly) and members selling or recruiting in the group.
# Never read; counted on 0b384dc before any change of that session.
ROUND45_BEFORE = {"guard_blind_round45.tsv": {
    "wx_couple": (0, 0, 0, 100), "wx_classmates": (0, 0, 0, 100), "wx_hometown": (0, 0, 0, 100),
    "wx_sports": (0, 0, 0, 100), "bilibili": (0, 0, 0, 100), "douyin": (0, 0, 0, 100), "dianping": (0, 0, 1, 100),
    "sms_life": (0, 0, 0, 100), "sms_promo": (49, 50, 0, 0), "ad_school": (47, 50, 0, 0),
    "ad_moments": (39, 50, 0, 0), "ad_qq": (50, 50, 0, 0)}}
ROUND46_BEFORE = {"guard_blind_round46.tsv": {
    "member": (0, 0, 0, 500), "owner_nonsell": (0, 0, 6, 200), "owner_sell": (144, 150, 0, 0),
    "member_sell": (140, 150, 0, 0)}}
# The forty-seventh round (same session), by a helper who saw no rules or data: owners' and staff's own posts in
# their customer groups (50+ trades), not selling but brushing market words (group rules, the story of giving coupons
# and red packets up, notices to customers who already paid or booked, the group's activity, scam warnings, chat)
# against owners selling softly and openly. Counted on 0b384dc, then read: readings drafted from its false flags
# (notices to customers who already paid or booked, 禁发, the story of giving red packets up, someone passing as
# the shop) were withdrawn after an independent review found they also lowered plausible adverts ("之后就取消了" in
# a countdown, "现在预约的客户…加v"). It stayed out of training that session (HELD_BACK) and went into training the
# next (session 45), so its "now" figures are in-sample from then on. As the owner (voice="owner", the page's and
# `lint --voice owner`'s reading) it flagged 39 of the 750.
ROUND47_BEFORE = {"guard_blind_round47.tsv": {
    "rules": (0, 0, 0, 120), "story": (0, 0, 2, 100), "service": (0, 0, 8, 160), "activity": (0, 0, 7, 160),
    "warning": (0, 0, 3, 90), "chat": (0, 0, 1, 120), "sell_soft": (116, 130, 0, 0), "sell_hard": (113, 120, 0, 0)}}
ROUND47_OWNER_BEFORE = {"guard_blind_round47.tsv": {
    "rules": (0, 0, 4, 120), "story": (0, 0, 5, 100), "service": (0, 0, 14, 160), "activity": (0, 0, 8, 160),
    "warning": (0, 0, 6, 90), "chat": (0, 0, 2, 120), "sell_soft": (116, 130, 0, 0), "sell_hard": (117, 120, 0, 0)}}

# The forty-eighth (English) and forty-ninth (Chinese) rounds (session of 2026-12-04), by helpers who saw no rules or
# data. 48 is negative and urgent wording, half typed with a phone's curly apostrophes: sellers telling readers not
# to miss or wait, quiet sellers and traders with negations in them ("no deposit", "no lowballers"), against
# friends', family's and work chat full of real negations and admins' rules, warnings and notices. 49 is owners' and
# staff's own posts in their customer groups (60+ trades): notices to those who already paid or booked, the group's
# history of giving market norms up, rules, scam warnings and activities, against countdowns, pulls for new
# bookings, quiet and open selling. Never read; counted on 83a5ea3 before any change of that session.
ROUND48_BEFORE = {"guard_blind_round48.tsv": {
    "urgent": (71, 150, 0, 0), "quiet": (27, 100, 0, 0), "trade": (51, 100, 0, 0), "friends": (0, 0, 0, 100),
    "family": (0, 0, 0, 100), "work": (0, 0, 0, 100), "admin": (0, 0, 5, 150)}}
ROUND49_BEFORE = {"guard_blind_round49.tsv": {
    "paid": (0, 0, 10, 200), "story": (0, 0, 5, 100), "rules": (0, 0, 0, 100), "warning": (0, 0, 2, 100),
    "activity": (0, 0, 2, 100), "countdown": (56, 100, 0, 0), "booking": (81, 100, 0, 0), "soft": (93, 100, 0, 0),
    "hard": (96, 100, 0, 0)}}
ROUND49_OWNER_BEFORE = {"guard_blind_round49.tsv": {
    "paid": (0, 0, 22, 200), "story": (0, 0, 15, 100), "rules": (0, 0, 6, 100), "warning": (0, 0, 6, 100),
    "activity": (0, 0, 2, 100), "countdown": (69, 100, 0, 0), "booking": (81, 100, 0, 0), "soft": (93, 100, 0, 0),
    "hard": (99, 100, 0, 0)}}

# The fiftieth and fifty-first rounds (session of 2026-12-04, second), by helpers who saw no rules or data: Chinese
# everyday messages at natural proportions (about one in ten touching money, as in life) from sixteen places not used
# before (family, work, class parents', compound owners', hobby, dorm, volunteer and trip groups; 小红书, Weibo, 贴吧,
# 知乎, 豆瓣, 虎扑 replies; a game group; personal texts) against 小红书 seeding, 闲鱼 resale, agents and loans, 微商
# and agency recruiting, live-stream sales, neighbourhood shops, paid courses and paid-task/referral recruiting.
# Never read; counted on eb1c00e before any change of that session. One of 50's compound-group lines was word for word a
# line of the training data (found by the leak test, not read) and was dropped: 999 lines.
ROUND50_BEFORE = {"guard_blind_round50.tsv": {
    "wx_family": (0, 0, 0, 100), "wx_work": (0, 0, 0, 100), "wx_parents": (0, 0, 0, 100),
    "wx_neighbours": (0, 0, 0, 99), "xhs_comments": (0, 0, 0, 100), "weibo": (0, 0, 0, 100),
    "tieba": (0, 0, 0, 100), "qq_game": (0, 0, 0, 100), "ad_xhs_seeding": (42, 50, 0, 0),
    "ad_xianyu": (45, 50, 0, 0), "ad_agent": (42, 50, 0, 0), "ad_weishang": (36, 50, 0, 0)}}
ROUND51_BEFORE = {"guard_blind_round51.tsv": {
    "wx_hobby": (0, 0, 0, 100), "wx_roommates": (0, 0, 0, 100), "wx_volunteers": (0, 0, 0, 100),
    "zhihu": (0, 0, 0, 100), "douban": (0, 0, 0, 100), "hupu": (0, 0, 0, 100), "sms_personal": (0, 0, 0, 100),
    "wx_travel": (0, 0, 0, 100), "ad_live": (45, 50, 0, 0), "ad_local_shop": (46, 50, 0, 0),
    "ad_course": (43, 50, 0, 0), "ad_task": (36, 50, 0, 0)}}

# The rounds from the fifteenth on, in order: what each holds and whether it was read, and its before figures.
LATER_ROUNDS = [
    ("fifteenth round, never read", ROUND15_BEFORE),
    ("sixteenth round, read to make changes", ROUND16_BEFORE),
    ("seventeenth round, never read", ROUND17_BEFORE),
    ("eighteenth round, read to make changes", ROUND18_BEFORE),
    ("nineteenth round, never read", ROUND19_BEFORE),
    ("twentieth round, read to make changes", ROUND20_BEFORE),
    ("twenty-first round, never read", ROUND21_BEFORE),
    ("twenty-second round, never read", ROUND22_BEFORE),
    ("twenty-third round, never read", ROUND23_BEFORE),
    ("twenty-fourth round, never read", ROUND24_BEFORE),
    ("twenty-fifth round, read to make changes", ROUND25_BEFORE),
    ("twenty-sixth round, never read", ROUND26_BEFORE),
    ("twenty-seventh round, never read", ROUND27_BEFORE),
    ("twenty-eighth round (English), never read", ROUND28_BEFORE),
    ("twenty-ninth round, never read", ROUND29_BEFORE),
    ("thirtieth round (English), never read", ROUND30_BEFORE),
    ("thirty-first round (English owners in their groups), never read", ROUND31_BEFORE),
    ("thirty-second round (Chinese promotions, trading-group slang and their chat, everyday talk), never read", ROUND32_BEFORE),
    ("thirty-third round (English soft selling, side hustles, adverts, members' talk of work and buying), "
     "never read", ROUND33_BEFORE),
    ("thirty-fourth round (Chinese: shops' quiet promotions, trading, paid-task recruiting; Weibo, Xiaohongshu, "
     "SMS, family, work, QQ and forum talk), never read", ROUND34_BEFORE),
    ("thirty-fifth round (Chinese: neighbourhood shops' quiet selling, B2B, trading, recruiting; neighbours, "
     "customers, shop staff among themselves, hobby groups, chat, notices), never read", ROUND35_BEFORE),
    ("thirty-sixth round (English: local businesses' quiet selling, online sellers, trading, recruiting; "
     "neighbours, customers, work, hobby, family), never read", ROUND36_BEFORE),
    ("thirty-seventh round (Chinese, mostly everyday chat: family, class, work, estate, QQ game and hobby groups, "
     "social media, SMS, forums; promotions, trading, recruiting), never read", ROUND37_BEFORE),
    ("thirty-eighth round (Chinese everyday chat brushing money and trade words: friends, elders, team, school, "
     "QQ trading and fan groups, social media, SMS, forums; promotions, trading, recruiting), never read", ROUND38_BEFORE),
    ("thirty-ninth round (Chinese local small businesses in 80 trades: group posts, SMS and moments-style selling; "
     "their notices, customers and staff), never read", ROUND39_BEFORE),
    ("fortieth round (Chinese moments and group posts of uncommon small trades, disguised side hustles; "
     "people's own moments, workers in those trades, scam warnings, customers), never read", ROUND40_BEFORE),
    ("forty-first round (Chinese everyday chat of 30 kinds of group brushing money and trade words, "
     "members' shopping, organisers' notices; the same groups' selling and trading), never read", ROUND41_BEFORE),
    ("forty-second round (owners' own short drafts with no context, Chinese and English, half leaning on money), "
     "never read", ROUND42_BEFORE),
    ("forty-third round (Chinese everyday talk from twelve places, four in ten brushing money and trade words; "
     "朋友圈 soft selling, group pushes, trading), never read", ROUND43_BEFORE),
    ("forty-fourth round (English small businesses' quiet selling, group pushes, trading; friends, family, "
     "neighbours, work, forums), never read", ROUND44_BEFORE),
    ("forty-fifth round (Chinese everyday messages at natural proportions from eight places; marketing SMS, "
     "enrolment, 朋友圈 soft selling, QQ trading), never read", ROUND45_BEFORE),
    ("forty-sixth round (Chinese customer groups of 30+ small businesses: members and owners not selling; owners "
     "selling, half softly, and members selling or recruiting), never read", ROUND46_BEFORE),
    ("forty-seventh round (owners' own posts in their customer groups: rules, stories, notices to those who already "
     "paid, activities, warnings, chat; their selling), read (the readings drafted from it were withdrawn; "
     "training data since session 45)", ROUND47_BEFORE),
    ("forty-eighth round (English negative and urgent wording, half with curly apostrophes: sellers, traders; "
     "friends, family, work, admins), never read", ROUND48_BEFORE),
    ("forty-ninth round (Chinese owners' own posts: notices to those who already paid, the group's history, rules, "
     "warnings, activities; countdowns, pulls for new bookings, quiet and open selling), never read", ROUND49_BEFORE),
    ("fiftieth round (Chinese everyday messages at natural proportions from eight new places; 小红书 seeding, 闲鱼 "
     "resale, agents and loans, 微商), never read", ROUND50_BEFORE),
    ("fifty-first round (Chinese everyday messages at natural proportions from eight more places; live-stream sales, "
     "neighbourhood shops, paid courses, paid-task and referral recruiting), never read", ROUND51_BEFORE),
]


def log_table(name: str = "guard_blind_log.tsv", before: dict | None = None) -> None:
    before = LOG_BEFORE if before is None else before
    counts = flags_by_source(name)
    print("blind group logs: advert recall and share of everyday messages flagged, before -> now")
    for src, (tp, pos, fp, neg) in counts.items():
        r0, f0 = before.get(src, (float("nan"), float("nan")))
        print(f"  {src:10s} recall {r0:.3f} -> {tp / max(pos, 1):.3f}   flagged {f0:.2%} -> {fp / max(neg, 1):.2%}"
              f"   ({pos} adverts, {neg} other)")


def load_blind() -> list[tuple[int, str, str]]:
    path = ROOT / "bench" / "guard_blind.tsv"
    rows = [line.rstrip("\n").split("\t") for line in open(path, encoding="utf-8")][1:]
    return [(int(y), c, t) for y, c, t in rows]


def blind_table() -> None:
    rows = load_blind()
    by: dict[str, list[int]] = {}
    for y, concept, text in rows:
        ok = lint_post(text).flagged == bool(y)
        by.setdefault(concept, [0, 0, y])
        by[concept][0] += ok
        by[concept][1] += 1
    print("blind batch by concept (correct / total): before fixes -> now")
    for concept, (ok, total, y) in by.items():
        kind = "advert " if y else "not ad "
        print(f"  {kind} {concept:10s} {BLIND_BEFORE.get(concept, '?'):>3} -> {ok:>3} / {total}")
    p, r, n = prf([(y, t) for y, _, t in rows], lambda t: lint_post(t).flagged)
    print(f"  all: n={n} precision={p:.3f} recall={r:.3f}  (before fixes: precision=0.798 recall=0.619)")


if __name__ == "__main__":
    main()
