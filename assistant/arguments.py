"""Type checks for the Python API's arguments. A wrong type is the caller's bug, so it is a TypeError that
names the function and the parameter, raised before any work: not an AttributeError deep inside, and not
a string silently read as a list of its characters."""
from __future__ import annotations

import os

LISTS = (list, tuple)


def check_text(func: str, **values) -> None:
    """Each named value must be text or None."""
    for name, value in values.items():
        if value is not None and not isinstance(value, str):
            raise TypeError(f"{func}() 的 {name} 必须是字符串或 None,收到的是 {type(value).__name__}")


def check_list(func: str, name: str, value, *, kinds: tuple[type, ...] = LISTS,
               items: tuple[type, ...] | None = None, items_are: str = "") -> None:
    """``value`` must be None or one of ``kinds`` (a list by default), each item one of ``items``."""
    if value is None:
        return
    if not isinstance(value, kinds):
        hint = "(一个字符串会被逐字读成多项,请放进列表里)" if isinstance(value, (str, bytes, os.PathLike)) else ""
        raise TypeError(f"{func}() 的 {name} 必须是列表或 None,收到的是 {type(value).__name__}{hint}")
    if items is not None:
        for i, item in enumerate(value, 1):
            if not isinstance(item, items):
                raise TypeError(f"{func}() 的 {name} 的第 {i} 项必须是{items_are},收到的是 {type(item).__name__}")
