"""The product's own errors: mistakes a user can fix, each with a message meant for them.

The CLI prints ``str(error)`` on one line and exits 2 for any ``AssistantError``; anything else is a bug
(traceback, exit 1). Subclass the closest one; keep ``ValueError``/``RuntimeError`` bases where callers
already catch those.
"""
from __future__ import annotations


class AssistantError(Exception):
    """Base class: something the user can fix (bad input, bad setting, a service that is down)."""


class InputError(AssistantError, ValueError):
    """Bad input: an empty description, an unreadable file, an unknown format or name.

    ``en`` is the same message in English where one is written, for a page shown in English (``str()`` is
    the Chinese message the CLI prints)."""

    def __init__(self, *args, en: str | None = None) -> None:
        super().__init__(*args)
        self.en = en

    def in_language(self, lang: str) -> str:
        """The message in ``lang`` (zh or en) when it has one, else the Chinese message."""
        return self.en if lang == "en" and self.en else str(self)


class ConfigError(AssistantError, ValueError):
    """A setting (environment variable or option) that cannot be used; the message names it."""


class ServiceError(AssistantError, RuntimeError):
    """A service the product depends on (model endpoint, Chroma server) is unreachable or failing."""
