"""A new group's first week (``method/launch_week.toml``): opening ritual, members' starting points, the
rules and the name made together, the first check-in, the first tip, the first review."""
from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path

from .errors import ConfigError
from .text import tidy

LAUNCH_FILE = Path(__file__).resolve().parent / "method" / "launch_week.toml"
FIELDS = ("type", "topic", "post", "why", "query")
# A day that states the standard rules may say, under `own_rules`, what it says when the group's rules are the
# trade's own (trades.toml [trade.group.wording]): those rules ({rules}), or nothing of the standard ones.
OWN_RULES_FIELDS = ("topic", "post", "why")
# A day may say, under `gentle`, what it says for a playbook or trade with `gentle = true` (families in grief or by a
# dying relative's side): no check-in to start, no distance to the goal, nothing to try first (planner.PUSHY).
GENTLE_FIELDS = ("topic", "post", "why")
# A day may say, under `easy`, what it says for an owner who asks for no pressure (planner.asks_easy): "gentle" (its
# gentle version) or its own fields, as `gentle` has them.
EASY_AS_GENTLE = "gentle"


@lru_cache(maxsize=1)
def launch_days() -> dict[str, list[dict]]:
    """The launch week per language, checked when loaded (seven days, known activity types)."""
    from .planner import ACTIVITY_TYPES, PUSHY

    data = tomllib.loads(LAUNCH_FILE.read_text(encoding="utf-8"))
    for lang in ("zh", "en"):
        days = data.get(lang, {}).get("day", [])
        if len(days) != 7:
            raise ConfigError(f"{LAUNCH_FILE.name} [{lang}]: 需要 7 天,现在是 {len(days)} 天")
        for i, d in enumerate(days, 1):
            missing = [f for f in FIELDS if not d.get(f)]
            if missing:
                raise ConfigError(f"{LAUNCH_FILE.name} [{lang}] 第 {i} 天缺少 {', '.join(missing)}")
            if d["type"] not in (*ACTIVITY_TYPES, "欢迎"):
                raise ConfigError(f"{LAUNCH_FILE.name} [{lang}] 第 {i} 天:未知的活动类型 {d['type']!r}")
            own = d.get("own_rules")
            if own is not None and (not isinstance(own, dict) or not own.get("post") or set(own) - set(OWN_RULES_FIELDS)
                                    or not all(isinstance(v, str) and v.strip() for v in own.values())):
                raise ConfigError(f"{LAUNCH_FILE.name} [{lang}] 第 {i} 天 own_rules:需要 post,"
                                  f"只能有 {', '.join(OWN_RULES_FIELDS)},都不能为空")
            gentle = d.get("gentle")
            if gentle is not None and (not isinstance(gentle, dict) or not gentle or set(gentle) - set(GENTLE_FIELDS)
                                       or not all(isinstance(v, str) and v.strip() for v in gentle.values())):
                raise ConfigError(f"{LAUNCH_FILE.name} [{lang}] 第 {i} 天 gentle:只能有 {', '.join(GENTLE_FIELDS)},"
                                  f"至少一项,都不能为空")
            easy = d.get("easy")
            if easy == EASY_AS_GENTLE and gentle is None or easy is not None and easy != EASY_AS_GENTLE and (
                    not isinstance(easy, dict) or not easy or set(easy) - set(GENTLE_FIELDS)
                    or not all(isinstance(v, str) and v.strip() for v in easy.values())):
                raise ConfigError(f"{LAUNCH_FILE.name} [{lang}] 第 {i} 天 easy:写 \"gentle\"(要有 gentle)或者"
                                  f"只能有 {', '.join(GENTLE_FIELDS)},至少一项,都不能为空")
            for text in [*(gentle or {}).values(), *(easy.values() if isinstance(easy, dict) else [])]:
                m = PUSHY.search(text)
                if m:
                    raise ConfigError(f"{LAUNCH_FILE.name} [{lang}] 第 {i} 天 gentle:「{text}」对正在经历失去的人太催促了"
                                      f"(「{m.group()}」)")
    for lang in ("zh", "en"):
        r = data[lang].get("rhythm", {})
        if len(r.get("days", [])) != 7 or set(r.get("names", {})) != set(ACTIVITY_TYPES) or \
                set(r.get("gentle", {})) - set(ACTIVITY_TYPES) or not isinstance(r.get("join"), str):
            raise ConfigError(f"{LAUNCH_FILE.name} [{lang}.rhythm]: 需要 days(7 天)、names(每个活动一个)、join,"
                              f"gentle 只能用已知的活动")
    return {lang: data[lang]["day"] for lang in ("zh", "en")}


@lru_cache(maxsize=1)
def _rhythm() -> dict:
    data = tomllib.loads(LAUNCH_FILE.read_text(encoding="utf-8"))
    return {lang: data[lang]["rhythm"] for lang in ("zh", "en")}


def week_rhythm(order: tuple[str, ...], lang: str, challenge: str, gentle: bool) -> str:
    """The weekly rhythm from next week, as the last launch day says it (周一分享、周二打卡…)."""
    r = _rhythm()[lang]
    names = {**r["names"], **(r["gentle"] if gentle else {})}
    return r["join"].join(f"{d}{r.get('space', '')}{names[a].format(challenge=challenge)}" for d, a in zip(r["days"], order))


def launch_day(business: str, goal: str, index: int, lang: str, date=None, answers: dict | None = None,
               group_type: str | None = None) -> dict:
    """Day ``index`` (0–6) of the launch week for ``business``, in the shape :func:`planner.plan_day` gives.

    ``answers`` are the owner's answers to the planner's questions (as :func:`planner.plan_goal` takes them):
    the week reads the business as the plan does, description and answers together, so it proposes the rules
    of the same kind of group (:func:`planner.group_choice`, the one place that kind is decided; ``group_type``
    is the kind the owner named, which wins there as in the plan). A flash group the owner did not choose has no
    launch week: the week is for the long-running group its plan advises (:func:`planner.week_group_choice`)."""
    from .planner import (
        _pool,
        _seed,
        _with_answers,
        activity_label,
        activity_template,
        checkin_rule,
        clean_answers,
        group_rules,
        group_wording,
        own_items,
        place_fields,
        playbook_for,
        week_group_choice,
        week_number,
        words_for,
    )

    answers = clean_answers(answers)
    known = _with_answers(business, answers)  # what the plan reads: the description and the answers
    pb = playbook_for(known, lang)
    # The trade's own rules for its kind of group (a funeral service's families: no daily check-in, no nickname
    # to spur each other on), said where the week proposes the standard ones; the kind is the plan's.
    kind = week_group_choice(business, lang, answers, group_type)[0]
    own = group_wording(known, kind, lang, group_type)
    if pb.get("easy") and not own:  # no pressure asked for: the rules the plan proposes for such a group
        own = {"rules": words_for(lang)["easy"]["rules"]}
    rules = [re.sub(r"[。.;;]+$", "", r) for r in group_rules(own, goal, pb, lang, kind)] if own.get("rules") else []
    fields = {k: v for k, v in pb.items() if isinstance(v, str)}
    if lang == "en":  # mid-sentence in the templates ("want to {ideal}")
        fields = {k: v[:1].lower() + v[1:] if v[:2].isalpha() and not v[:2].isupper() else v for k, v in fields.items()}
    for k in ("checkin", "review"):  # they sit before the template's own punctuation
        if k in fields:
            fields[k] = re.sub(r"[.。??!!\s]+$", "", fields[k])
    # The check-in rule proposed first is the plan's, as this kind of group asks for check-ins (a new-customer
    # group: not every day).
    fields["checkin_rule"] = re.sub(r"[.。??!!\s]+$", "", checkin_rule(kind, fields.get("checkin", ""), lang))
    if lang == "en":  # mid-sentence in the template
        fields["checkin_rule"] = fields["checkin_rule"][:1].lower() + fields["checkin_rule"][1:]
    fields["goal"] = goal
    fields["near"] = place_fields(known, words_for(lang))["near"]
    # The first tip is real content, not a promise of it: one of this business's own tips (its list or this
    # season's) that the weekly rotation will not bring on the next four Mondays; failing that, a general tip
    # (in the business's words) the rotation will not bring; failing that, the launch week's own turn of the
    # rotation (the launch days replace it). The rotation's pool begins with the business's own tips.
    share = activity_template("分享", pb, lang)
    pool = _pool(pb, share, date) or [""]
    start = _seed(business) + (week_number(date) if date else 0)
    coming = {(start + k) % len(pool) for k in range(1, 5)}
    own = min(len(own_items(pb, share, date)), len(pool))
    free = [i for i in range(len(pool)) if i not in coming]
    pick = next((i for i in free if i < own), free[0] if free else start % len(pool))
    fields["tip"] = pool[pick].rstrip("。.")
    fields["rules"] = "\n".join(f"{i}. {r}" for i, r in enumerate(rules, 1))  # one a line: they have ";" of their own
    # The weekly challenge by its name in this business (a challenge together is no "PK").
    fields["challenge"] = activity_label("小组PK", lang, pb)[0]
    if lang == "en":  # mid-sentence in the template
        fields["challenge"] = fields["challenge"][:1].lower() + fields["challenge"][1:]
    from . import group_weeks

    fields["week"] = week_rhythm(group_weeks.week_order(kind, pb), lang, fields["challenge"],
                                 bool(pb.get("gentle") or pb.get("easy")))
    day = launch_days()[lang][index]
    if pb.get("gentle") and day.get("gentle"):  # families in grief or by a dying relative's side
        day = {**day, **day["gentle"]}
    elif pb.get("easy") and day.get("easy"):  # an owner who asked for no pressure
        day = {**day, **(day["gentle"] if day["easy"] == EASY_AS_GENTLE else day["easy"])}
    if rules and day.get("own_rules"):
        day = {**day, **day["own_rules"]}
    # An empty field ("{near}": no place said) leaves no doubled space behind.
    return {"type": day["type"], "topic": tidy(day["topic"].format(**fields)), "post": tidy(day["post"].format(**fields)),
            "why": day["why"], "query": day["query"]}
