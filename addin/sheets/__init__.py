"""Builders that turn engine results into :class:`addin.output.OutputSheet` values.

Each builder takes tables and returns sheet contents; none of them touches
a workbook, so the xlsx writer and the xlwings writer render the same thing.
"""

from __future__ import annotations

from addin.locale import LANGUAGES, text

OUTPUT_SHEET_KEYS = (
    "issues",
    "deal_audit",
    "funnel",
    "scorecard",
    "forecast",
    "history",
)
"""Output sheets in the order a refresh writes them; ``sheet.<key>`` names them."""


def sheet_name(key: str, language: str = "en") -> str:
    """Return the name of the output sheet ``key`` in ``language``."""
    return text(f"sheet.{key}", language)


def sheet_names(key: str) -> tuple[str, ...]:
    """Return the names the output sheet ``key`` has in any language, English first."""
    return tuple(dict.fromkeys(sheet_name(key, language) for language in LANGUAGES))


def other_language_sheet(name: str, language: str) -> bool:
    """Return whether ``name`` is an output sheet's name in another language only.

    A refresh in ``language`` removes such sheets, which an earlier refresh
    in the other language wrote, instead of leaving stale copies beside the
    new ones.
    """
    current = {sheet_name(key, language).casefold() for key in OUTPUT_SHEET_KEYS}
    every = {name.casefold() for key in OUTPUT_SHEET_KEYS for name in sheet_names(key)}
    folded = name.casefold()
    return folded in every and folded not in current
