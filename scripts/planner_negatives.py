"""Write the offline planner's own posts for a spread of businesses as guard training negatives.

What the product writes must pass its own guard; these posts show the learned stage what an owner's
goal-serving post looks like. Run after changing the planner: python scripts/planner_negatives.py
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant import derive_goal, planner, weekly_calendar  # noqa: E402
from assistant.planner import plan_activity  # noqa: E402

# The activities whose topics come from the business's own lists, one of them (分享) with a tip for each season: every
# item of these lists is written once per season, not just the ones a week's rotation happens to reach.
OWN_LIST_KINDS = ("分享", "讨论", "嘉宾问答")
ROTATION = 8  # longer than any of those lists

BUSINESSES = ["社区烘焙坊,顾客多是附近的宝妈", "少儿围棋培训班", "写字楼里的咖啡店", "宠物医院", "自行车店,周末带骑行",
              "英语口语陪练工作室", "社区生鲜水果店", "瑜伽馆", "考研辅导机构", "茶叶店", "亲子绘本馆", "跑步装备店",
              "口腔诊所", "手工皂工作室", "民宿", "A small bookshop with a reading club",
              # a named place: the welcome says the members are neighbours
              "我在翠湖小区门口开了家水果店", "滨江写字楼一楼的简餐店",
              # trades no playbook covers: the generic plan's short titles ("…自查清单") are the product's words too
              "修鞋配钥匙的小摊", "上门钢琴调音", "老街上的裁缝铺", "搬家公司", "社区家电维修", "渔具店", "打印复印店",
              "窗帘布艺店", "养蜂人卖自家蜂蜜", "管道疏通", "旧手机回收", "刻章店",
              # English trades no playbook covers: the soft-selling data taught the model that a repairer or a maker
              # talking about care and craft sells; the plan's own English goals for such trades must pass
              "A mobile bike repair van", "I restore old furniture and reupholster chairs", "A family shoe repair shop",
              "A computer and laptop repair shop", "I do clothing alterations from home", "A small pottery studio"]
# English owners, each in every kind of group the planner runs for weeks: the English weeks' own lines (welcomes,
# member stories, reviews) in each kind's words.
EN_BUSINESSES = ["A neighbourhood coffee shop", "A yoga studio", "A bike shop with weekend rides", "A small family bakery",
                 "A dog grooming salon", "A kids' coding school", "A family dental practice", "A community garden centre"]
EN_KINDS = ("newuser", "super", "delivery")
# Every English playbook's own week in each of those kinds (the guard test walks them all): a playbook's tips read
# like a service's pitch to the learned stage ("hold for 5 seconds, repeat 10 times") unless it has seen them.
PLAYBOOK_WEEK = 7


def main() -> None:
    out = ROOT / "data" / "guard" / "planner_posts.tsv"
    texts: list[str] = []
    for i, business in enumerate(BUSINESSES):
        plan = derive_goal(business)
        texts += plan_texts(plan)
        # A week in each season, a different week per business: some daily topics follow the season.
        first = dt.date(2026, 1, 5) + dt.timedelta(weeks=i * 5 % 13)
        for season in range(4):
            cal = weekly_calendar(business, goal=plan.goal, start=first + dt.timedelta(weeks=13 * season))
            for day in cal.days:
                texts += [day.topic, day.post]
            monday = dt.date.fromisoformat(cal.days[0].date)
            for kind in OWN_LIST_KINDS:
                for pick in range(ROTATION):
                    act = plan_activity(business, plan.goal, kind, pick, date=monday)
                    texts += [act["topic"], act["post"]]
    for i, business in enumerate(EN_BUSINESSES):
        for kind in EN_KINDS:
            plan = derive_goal(business, group_type=kind)
            texts += plan_texts(plan)
            start = dt.date(2026, 1, 5) + dt.timedelta(weeks=i * 7 % 52)
            cal = weekly_calendar(business, goal=plan.goal, start=start, days=28, group_type=kind)
            texts += [t for day in cal.days for t in (day.topic, day.post)]
    texts += playbook_weeks()
    texts += trade_texts()
    rows = sorted({" ".join(t.split()) for t in texts if t and t.strip()})
    out.write_text("label\ttext\n" + "".join(f"0\t{t}\n" for t in rows), encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)}: {len(rows)} posts")


def trade_texts() -> list[str]:
    """Every trade's own words in ``trades.toml`` (goal, ideal, vision, check-in, tips, benefits, pitfall; both
    languages): a fixed, known set of the product's text, so all of it is shown to the learned stage, not a sample.
    Until 2026-12-03 one trade (开锁配钥匙) was kept out to see whether the others carried over; after that
    retrain its benefit 「换季时的门窗锁自查清单」 read as self-promotion (0.74)."""
    from assistant.industry import trades

    out: list[str] = []
    for trade in trades():
        for fields in trade.plan.values():
            for value in fields.values():
                out += [v for v in (value if isinstance(value, list) else [value]) if isinstance(v, str)]
    return out


def plan_texts(plan) -> list[str]:
    """Everything a plan says in words: its goal, the members' ideal and the gap, vision, rules, activities, benefits
    and the method's pitfalls (which name red packets and ads to warn against them, and must not read as either)."""
    return [plan.goal, plan.ideal, plan.gap, plan.keys.vision, *plan.keys.rules, *plan.keys.activities,
            *plan.keys.benefits, *plan.pitfalls]


def playbook_weeks() -> list[str]:
    """One week of each English playbook in each kind of group, a different week of the rotation per playbook and kind."""
    texts: list[str] = []
    for i, name in enumerate(planner.playbooks("en")):
        for j, kind in enumerate(EN_KINDS):
            start = dt.date(2026, 1, 5) + dt.timedelta(weeks=(i * 7 + j * 3) % 52)
            for k in range(PLAYBOOK_WEEK):
                day = planner.plan_day("店", "Get better together", start + dt.timedelta(days=k), 0, "en",
                                       group_type=kind, playbook=name)
                texts += [day["topic"], day["post"]]
    return texts


if __name__ == "__main__":
    main()
