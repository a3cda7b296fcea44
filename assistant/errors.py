"""The product's own errors: mistakes a user can fix, each with a message meant for them.

The CLI prints ``str(error)`` on one line and exits 2 for any ``AssistantError``; anything else is a bug
(traceback, exit 1). Subclass the closest one; keep ``ValueError``/``RuntimeError`` bases where callers
already catch those.
"""
from __future__ import annotations


class AssistantError(Exception):
    """Base class: something the user can fix (bad input, bad setting, a service that is down)."""


class InputError(AssistantError, ValueError):
    """Bad input: an empty description, an unreadable file, an unknown format or name."""


class ConfigError(AssistantError, ValueError):
    """A setting (environment variable or option) that cannot be used; the message names it."""


class ServiceError(AssistantError, RuntimeError):
    """A service the product depends on (model endpoint, Chroma server) is unreachable or failing."""
