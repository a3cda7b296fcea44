"""社群助手 (Community Assistant): goals, topics and guarded posts for goal-driven customer groups.

Public API (imported lazily, so ``import assistant`` is cheap)::

    from assistant import search, lint_post, derive_goal, weekly_calendar, ask, ingest, group_health
"""
from __future__ import annotations

__version__ = "0.1.0"

_EXPORTS = {
    "search": ("retrieval", "search"),
    "Hit": ("retrieval", "Hit"),
    "HybridRetriever": ("retrieval", "HybridRetriever"),
    "lint_post": ("guard", "lint_post"),
    "rewrite_post": ("rewrite", "rewrite_post"),
    "LintReport": ("guard", "LintReport"),
    "Finding": ("guard", "Finding"),
    "derive_goal": ("chains", "derive_goal"),
    "weekly_calendar": ("chains", "weekly_calendar"),
    "ask": ("chains", "ask"),
    "ingest": ("store", "ingest"),
    "group_health": ("health", "group_health"),
    "HealthReport": ("health", "HealthReport"),
    "Settings": ("settings", "Settings"),
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        import importlib

        mod, attr = _EXPORTS[name]
        return getattr(importlib.import_module(f"{__name__}.{mod}"), attr)
    raise AttributeError(f"module 'assistant' has no attribute {name!r}")
