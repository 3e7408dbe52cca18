"""User-facing text, one catalog module per language.

Every sentence a rep or manager reads comes from a catalog here, looked up by
key, so that a new language is a new catalog and not a change to the code.
Machine-facing keys (JSON field names, worksheet function names) stay English
and do not live here.
"""

from __future__ import annotations

from functools import cache
from importlib import import_module
from typing import Any

LANGUAGES = ("en", "zh-CN")


@cache
def _catalog(language: str) -> dict[str, str]:
    module = import_module(f"addin.locale.{language.replace('-', '_')}")
    return module.TEXTS


def text(key: str, language: str = "en", **fields: Any) -> str:
    """Return the text ``key`` in ``language``, filled in with ``fields``.

    A key missing from a translation falls back to English, so a partial
    catalog never breaks a run.
    """
    if language not in LANGUAGES:
        language = "en"
    template = _catalog(language).get(key)
    if template is None:
        template = _catalog("en")[key]
    return template.format(**fields) if fields else template


def status_word(status: str, language: str = "en") -> str:
    """Return the deal status ``Open``, ``Won`` or ``Lost`` in ``language``.

    Any other value (a status as the team mistyped it) is returned unchanged.
    """
    key = f"status.{str(status).lower()}"
    return text(key, language) if key in _catalog("en") else status
