"""What an owner tells the planner, checked: the business description and the answers to the method's
questions. Bad input is a :class:`PlannerError` with a clear message."""
from __future__ import annotations

from .errors import InputError

MAX_BUSINESS_CHARS = 2000


class PlannerError(InputError):
    pass


def clean_business(business) -> tuple[str, list[str]]:
    """Validate the business description; very long input is cut with a notice."""
    if not isinstance(business, str):
        raise PlannerError(f"生意描述必须是文字,收到的是 {type(business).__name__}")
    text = " ".join(business.split())
    if not text:
        raise PlannerError("请先描述你的生意,例如:“我在社区开了一家健身房,会员大多是附近上班族”")
    notices = []
    if len(text) > MAX_BUSINESS_CHARS:
        text = text[:MAX_BUSINESS_CHARS]
        notices.append(f"描述太长,只使用了前 {MAX_BUSINESS_CHARS} 个字。")
    return text, notices


# Which question each answer settles (indexes into `questions` in method/planner.toml).
ANSWER_KEYS = ("members", "ideal", "gap", "pays", "frequency")
_ANSWERED_QUESTION = {"members": 0, "ideal": 1, "gap": 1, "pays": 2, "frequency": 3}


def clean_answers(answers) -> dict[str, str]:
    """The owner's answers to the method's questions: known keys, non-empty text only."""
    if answers is None:
        return {}
    if not isinstance(answers, dict):
        raise PlannerError(f"answers 必须是字典(键:{'、'.join(ANSWER_KEYS)}),收到的是 {type(answers).__name__}")
    unknown = set(answers) - set(ANSWER_KEYS)
    if unknown:
        raise PlannerError(f"answers 里有未知的键 {', '.join(sorted(unknown))};可用:{'、'.join(ANSWER_KEYS)}")
    out = {}
    for k, v in answers.items():
        if v is None:
            continue
        if not isinstance(v, str):
            raise PlannerError(f"answers[{k!r}] 必须是文字")
        v = " ".join(v.split())[:MAX_ANSWER_CHARS]
        if v:
            out[k] = v
    return out


MAX_ANSWER_CHARS = 300
