"""The market-norm guard: flags drafts that slip from a shared goal into advertising.

Rules are data (``assistant/rules/*.toml``): terms and patterns per market-norm signal, each with a
code, a name, a severity, a message, a rationale citing the articles, a suggestion and examples.
Matching sees through common disguises (full-width and traditional characters, spacing and symbols
inside words, 加V/vx/薇信, 🧧, pinyin) and reads context: a term inside a prohibition ("请勿发红包"),
a negation ("我们不靠红包"), an AA cost split or a question is not an ad.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from .arguments import check_text
from .guard_context import (
    _AA,
    _HAS,
    _META,
    _PITCH,
    _PROHIBIT,
    _QUESTION,
    _STRONG_PROHIBIT,
    CTX,
    Context,
    context_factor,
    in_quote,
    is_system_line,
    own_words,
    quote_spans,
)
from .guard_model import WINDOW, Evidence, ModelFileError, length_units, load_model
from .guard_rules import (  # noqa: F401 - re-exported: the guard's public names stay importable from here
    KNOWN_TYPES,
    LEARNED_TYPE,
    NUM,
    RULES_DIR,
    SEVERITIES,
    STRENGTH,
    VOICES,
    Profile,
    Rule,
    RuleError,
    _learned_rule,
    _matcher,
    all_terms,
    find_rule,
    load_rules,
    resolve_profile,
    resolve_voice,
)
from .guard_text import _OffsetMap, normalise
from .text import language_of

_SEV_RANK = {s: i for i, s in enumerate(SEVERITIES)}
FLAG_THRESHOLD = 0.5
# Urgency counts fully only next to an offer at least this strong (a weak hint such as 接龙 is not one).
AMPLIFIED_BY = 0.4
# Evidence that combines: a contact cue and a commercial cue, each at least this strong after context,
# make a post at least this likely an ad.
COMBINE_AT = 0.2
COMBINED_SCORE = 0.75
COMMERCIAL = ("price", "offer", "push", "recruit", "cash")
# A post this short, with no rule evidence at all, is flagged by the model alone only above its own bar (the weights
# file's ``add_tiny``, chosen by cross-validation like the others; older files: 0.97): a few characters
# ("管理员效率高") give character n-grams little to tell chat from a trading post by.
SHORT_POST = 12
# Rule evidence below the flag threshold that lowers the learned stage's bar to add a flag (a price, a handle).
EVIDENCE_AT = 0.2
# Rules evidence this strong (one strong term, unmitigated by context) is cleared by the learned stage
# only when the model is against it outright, not merely unsure.
STRONG_EVIDENCE = 0.85
# Two strong terms (or one with several more cues): the rules are sure, and the model needs more to clear them.
SURE_EVIDENCE = 0.98
# voice="owner": the learned stage clears a strong term in the owner's own draft only below this score. About 20
# times the odds of the usual strong veto (0.7), for a prior that much more on the offer's side; measured on the
# owners' short drafts of train_bo before they were trained on: 0.1 kept 70 of the 94 offers the model had cleared
# (of 600) for 10 more flags on 630 goal drafts and money words that are not offers; 0 flagged 37 more of those.
OWNER_VETO = 0.1


@dataclass
class Finding:
    """One market-norm signal in a post. The same shape feeds the CLI, JSON and the web page."""

    code: str
    name: str
    severity: str
    message: str
    start: int
    end: int
    excerpt: str
    rationale: str
    suggestion: str
    weight: float = 0.0

    def to_dict(self) -> dict:
        d = asdict(self)
        d["weight"] = round(self.weight, 3)
        return d


@dataclass
class LintReport:
    """The guard's verdict on one post."""

    text: str
    flagged: bool
    score: float
    findings: list[Finding] = field(default_factory=list)
    group_type: str = "goal"
    second_opinion: dict | None = None  # set by assistant.review when a model was asked
    model_score: float | None = None  # the learned stage's probability; None when it did not run
    notices: list[str] = field(default_factory=list)

    @property
    def market_norms(self) -> bool:
        """For text the product writes or is told to build on (a goal, a generated post): flagged, or holding a
        strong term the learned stage cleared. The model is tuned for members' chat, where a lone 红包 may be a
        gift; a goal such as 「买三送一冲业绩」 or a post the chains wrote has no such excuse."""
        return self.flagged or any(f.weight >= STRONG_EVIDENCE and f.severity != "suggestion" for f in self.findings)

    def to_dict(self) -> dict:
        d = {"flagged": self.flagged, "score": round(self.score, 3), "group_type": self.group_type,
             "findings": [f.to_dict() for f in self.findings]}
        if self.model_score is not None:
            d["model_score"] = round(self.model_score, 3)
        if self.notices:
            d["notices"] = list(self.notices)
        if self.second_opinion is not None:
            d["second_opinion"] = self.second_opinion
        return d

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)


# --- linting ---------------------------------------------------------------------------------------
def lint_post(text: str, *, group_type: str | None = None, goal: str | None = None,
              rules_dir: str | None = None, learned: bool = True, voice: str | None = "auto") -> LintReport:
    """Check one draft post for market-norm signals.

    ``group_type`` picks a profile (goal-driven by default; ``flash``/快闪群 tolerates price and offers;
    ``super``/超级用户群 and ``delivery``/交付群 treat them as errors). ``goal`` is woven into suggestions.
    The rules run first; then the learned stage (``learned=False`` skips it) weighs their evidence with
    the shape of the whole text: it adds a "self-promotion" finding to an ad no rule names, and clears
    a post whose only evidence is one word used in an everyday sense.
    Returns a :class:`LintReport` with ``.flagged``, ``.score`` (the rules, 0..1), ``.model_score``
    (the learned stage, 0..1, or None), ``.findings`` and ``.to_dict()``.
    ``voice`` says who wrote the text (:data:`VOICES`): ``"auto"`` (or None) assumes no writer (any post, a
    member's chat included: only cues in the text say who is speaking); ``"owner"`` is the owner's own draft to the group, where a strong term the articles warn about
    (发红包, 秒杀) is taken as the owner's offer: the learned stage clears it only when sure it is not one
    (:data:`OWNER_VETO`), not as a member's everyday word.
    """
    if not isinstance(text, str):
        raise TypeError(f"lint_post() 需要字符串,收到的是 {type(text).__name__}")
    check_text("lint_post", group_type=group_type, goal=goal, voice=voice)
    voice = resolve_voice(voice)
    profile = resolve_profile(group_type, rules_dir)
    if not text.strip():
        return LintReport(text=text, flagged=False, score=0.0, findings=[], group_type=profile.name)
    stage = _rule_stage(text, profile, goal, rules_dir)
    report = LintReport(text=text, flagged=stage.flagged, score=stage.score, findings=stage.findings,
                        group_type=profile.name)
    if learned and rules_dir is None and profile.learned != "off" and not stage.system:
        _second_stage(report, stage, profile, goal, voice)
    if report.findings and language_of(text) == "en":
        _in_english(report, goal, rules_dir)
    return report


def _in_english(report: LintReport, goal: str | None, rules_dir: str | None) -> None:
    """An English post is explained in English (the rationale quotes the articles as they are)."""
    by_code = {r.code: r for r in load_rules(rules_dir)[0]}
    for f in report.findings:
        rule = by_code.get(f.code)
        if rule is not None and rule.message_en:
            f.message = rule.message_en
            f.suggestion = rule.suggestion_en + (f" (Tie it to the group's goal, “{goal.strip()}”.)"
                                                 if goal and goal.strip() else "")


@dataclass
class _Stage:
    norm: str
    offsets: _OffsetMap  # normalised -> original positions
    findings: list
    score: float
    flagged: bool
    types: dict  # rule type -> strongest weight
    ctx: Context
    system: bool = False  # the chat app's own notice: nothing in it is a post
    model_norm: str = ""  # what the learned stage reads: ``norm`` without the speech it reports (own_words)


def _rule_stage(text: str, profile: Profile, goal: str | None, rules_dir: str | None) -> _Stage:
    matcher = _matcher(rules_dir)
    norm, removed = normalise(text)
    ctx = Context(norm)
    offsets = _OffsetMap(removed)
    if is_system_line(norm):
        return _Stage(norm, offsets, [], 0.0, False, {}, ctx, system=True, model_norm=norm)
    own = own_words(text)
    own_norm = normalise(own)[0] if own is not None else norm  # the writer's own words, as the model reads them
    raw = list(matcher.matches(norm))
    if not raw:
        return _Stage(norm, offsets, [], 0.0, False, {}, ctx, model_norm=own_norm)
    raw = _merge_touching(raw)
    code_index = matcher.code_index
    findings: list[Finding] = []
    types: dict[str, float] = {}
    seen_terms: set[tuple[int, str]] = set()
    quotes = quote_spans(text)
    notice_factor = CTX.factors.transaction if ctx.reads_as("transaction") else 1.0
    for start, end, ri, strength in raw:  # one rule's matches no longer overlap (_merge_touching)
        rule = matcher.rules[ri]
        factor = context_factor(ctx, start, end, rule) * notice_factor
        if factor == 0.0:
            continue
        o_start, o_end = offsets.start(start), offsets.end(end)
        if quotes and in_quote(quotes, o_start, o_end):
            factor *= CTX.factors.quote  # a slogan quoted to mock or report it
        sev, mult = profile.overrides.get(rule.type, ("", 1.0))
        weight = STRENGTH[strength] * factor * mult
        severity = sev or rule.severity
        if strength == "weak" and not sev:
            severity = "suggestion"
        elif strength == "medium" and not sev and _SEV_RANK[severity] > 1:
            severity = "warning"
        if factor < 1.0 and _SEV_RANK[severity] > 0:
            severity = SEVERITIES[_SEV_RANK[severity] - 1]
        key = (ri, norm[start:end])
        if key in seen_terms:
            weight = 0.0  # repeats of the same term add no evidence
        seen_terms.add(key)
        findings.append(Finding(code=rule.code, name=rule.name, severity=severity, message=rule.message,
                                start=o_start, end=o_end, excerpt=text[o_start:o_end], rationale=rule.rationale,
                                suggestion=_suggestion(rule, goal), weight=weight))
    # Amplifiers (urgency, scarcity) alone are pressure without an offer: keep them as hints only.
    if not any(f.weight >= AMPLIFIED_BY and not matcher.rules[code_index[f.code]].amplifier for f in findings):
        for f in findings:
            if matcher.rules[code_index[f.code]].amplifier:
                f.weight *= 0.4
                f.severity = "suggestion"
    score = 1.0
    for f in findings:
        score *= 1.0 - min(f.weight, 0.99)
        t = matcher.rules[code_index[f.code]].type
        types[t] = max(types.get(t, 0.0), f.weight)
    score = 1.0 - score
    if types.get("contact", 0.0) >= COMBINE_AT and any(types.get(t, 0.0) >= COMBINE_AT for t in COMMERCIAL):
        # A handle to reach the seller next to any commercial cue is a pitch, however weak each alone.
        score = max(score, COMBINED_SCORE)
        for f in findings:
            if f.weight >= COMBINE_AT and f.severity == "suggestion":
                f.severity = "warning"
    flagged = score >= FLAG_THRESHOLD and any(f.severity != "suggestion" for f in findings)
    findings.sort(key=lambda f: (f.start, f.code))
    # The model reads the writer's own words without the speech they report, unless strong evidence stands
    # outside the quotation (a quoted offer followed by "有意私聊" is still the writer's pitch).
    model_norm = norm if any(f.weight >= STRONG_EVIDENCE for f in findings) else own_norm
    return _Stage(norm, offsets, findings, score, flagged, types, ctx, model_norm=model_norm)


def _cues(ctx: Context) -> dict[str, bool]:
    """Who is speaking and how, read from the whole post (the same readers the rules use per clause; the whole-post
    readings the rules already made are reused)."""
    norm = ctx.norm
    business = _HAS.business_self(norm)
    units = length_units(norm)
    return {"narrative": _HAS.narrative(norm), "pitch": bool(_PITCH.search(norm)),
            "meta": bool(_META.search(norm)), "question": bool(_QUESTION.search(norm)),
            "prohibit": bool(_STRONG_PROHIBIT.search(norm) or _PROHIBIT.search(norm)),
            "aa": bool(_AA.search(norm)),
            # counted as the gray zone counts (an English word is two), so an English post is not "long" at 15 words
            "short": units < 8, "long": units > 80,
            "notice": ctx.reads_as("transaction") or ctx.reads_as("service"), "business": business,
            # friends invite each other all the time ("来我家吃饭"): an invitation counts when a business makes it
            "invite": business and _HAS.invitation(norm), "giveaway": ctx.reads_as("giveaway"),
            "game": ctx.reads_as("game"), "personal_cash": ctx.reads_as("personal_cash")}


def rule_evidence(text: str) -> tuple[str, Evidence]:
    """The text as the learned stage reads it (normalised, reported speech cut) and the rules' evidence under the
    default profile: what the model was trained on."""
    norm, evidence, _tiny = rule_reading(text)
    return norm, evidence


def rule_reading(text: str) -> tuple[str, Evidence, bool]:
    """As :func:`rule_evidence`, and whether the post is tiny: too short, with no rule evidence at all, for the model
    to add a flag below its own bar (``LearnedModel.add_tiny``)."""
    stage = _rule_stage(text, resolve_profile(None), None, None)
    return stage.model_norm, _evidence(stage), _is_tiny(stage)


def _is_tiny(stage: _Stage) -> bool:
    return len(stage.norm) <= SHORT_POST and stage.score <= 0.0


def _evidence(stage: _Stage) -> Evidence:
    return Evidence(by_type=stage.types, score=stage.score, flagged=stage.flagged, cues=_cues(stage.ctx))


_model_notice: list[str] = []


def _second_stage(report: LintReport, stage: _Stage, profile: Profile, goal: str | None, voice: str = "auto") -> None:
    try:
        model = load_model()
    except ModelFileError as exc:
        if not _model_notice:
            _model_notice.append(f"{exc};只用规则检查。")
        report.notices = list(_model_notice)
        return
    evidence = _evidence(stage)
    p = model.proba(stage.model_norm, evidence)
    short = len(stage.model_norm) <= WINDOW
    if short and model.in_gray(p, stage.flagged):
        # Flagged by the rules or unsure: weigh the model's score against the rules' evidence once more.
        p = model.gray_proba(p, evidence, length_units(stage.model_norm))
    report.model_score = p
    add_at, veto, veto_strong = model.thresholds(short)
    if stage.score >= EVIDENCE_AT:
        add_at = model.add_on_evidence(short)  # the model need not carry a price or a handle alone
    veto_below = veto_strong if stage.score >= STRONG_EVIDENCE else veto
    if stage.score >= SURE_EVIDENCE:
        veto_below = min(veto_below, model.veto_on_sure(short))
    # Past the length it was trained on, the model reads windows: it may add a flag from the most
    # advert-like one, but one benign window must not clear what the rules found elsewhere.
    may_clear = short and profile.learned in ("both", "veto")
    if any(f.weight >= STRENGTH["sure"] for f in report.findings):
        may_clear = False  # a mark only adverts carry (guard_rules.STRENGTH), at full weight
    if voice == "owner" and stage.score >= STRONG_EVIDENCE:
        # The veto exists mostly for other people's words (a member's red packet, a quote); in the owner's own
        # draft a strong term is far more often the owner's offer than in the chat the model learned from, so
        # only a model sure it is not one (本群不发红包) clears it.
        veto_below = min(veto_below, OWNER_VETO)
    if report.flagged and p < veto_below and may_clear:
        # One word in an everyday sense (a member's red packet, a class notice): keep it as a hint. A strong
        # term stays a warning, so an owner checking a draft still sees the word the articles warn about.
        report.flagged = False
        for f in report.findings:
            f.severity = "warning" if f.weight >= STRONG_EVIDENCE else "suggestion"
    elif (not report.flagged and p >= add_at and profile.learned in ("both", "add")
          and (p >= model.add_tiny or not _is_tiny(stage))
          # a member giving away their own things with no price or bait: 免费送 and 自提 are not a shop's here
          and not evidence.cues["giveaway"]):
        rule = _learned_rule()
        s, e = model.strongest_span(stage.norm, stage.ctx.clause_cuts)
        o_start, o_end = stage.offsets.start(s), stage.offsets.end(e)
        report.findings.append(Finding(code=rule.code, name=rule.name, severity=rule.severity, message=rule.message,
                                       start=o_start, end=o_end, excerpt=report.text[o_start:o_end],
                                       rationale=rule.rationale, suggestion=_suggestion(rule, goal), weight=p))
        report.findings.sort(key=lambda f: (f.start, f.code))
        report.flagged = True


def _merge_touching(raw: list[tuple[int, int, int, str]]) -> list[tuple[int, int, int, str]]:
    """Matches of one rule that overlap or touch are one expression ("三块" + "五一斤", "全场" + "五折"):
    one span, with the strongest strength among them."""
    raw.sort(key=lambda x: (x[2], x[0], -(x[1] - x[0])))
    merged: list[tuple[int, int, int, str]] = []
    for start, end, ri, strength in raw:
        if merged and merged[-1][2] == ri and start <= merged[-1][1]:
            s0, e0, _, st0 = merged[-1]
            merged[-1] = (s0, max(e0, end), ri, st0 if STRENGTH[st0] >= STRENGTH[strength] else strength)
        else:
            merged.append((start, end, ri, strength))
    merged.sort(key=lambda x: (x[0], -(x[1] - x[0])))
    return merged


def _suggestion(rule: Rule, goal: str | None) -> str:
    if goal and goal.strip():
        return f"{rule.suggestion}(围绕群目标「{goal.strip()}」来写。)"
    return rule.suggestion


def filter_findings(report: LintReport, min_severity: str) -> list[Finding]:
    floor = _SEV_RANK[min_severity]
    return [f for f in report.findings if _SEV_RANK[f.severity] >= floor]


def collapse_findings(findings: list[Finding]) -> list[tuple[Finding, int]]:
    """Findings of the same code, severity and text as one, for showing: (the first of them, how many), in the
    order they first appear. A phrase pasted 200,000 times is one line, not 200,000."""
    groups: dict[tuple[str, str, str], list] = {}
    for f in findings:
        group = groups.get((f.code, f.severity, f.excerpt))
        if group is None:
            groups[(f.code, f.severity, f.excerpt)] = [f, 1]
        else:
            group[1] += 1
    return [(f, n) for f, n in groups.values()]


