"""The scripts behind the ribbon buttons, as xlwings Server runs them.

xlwings Server calls a script with the workbook the task pane sent, as an
``xw.Book``; the actions the script queues on that book are sent back and
applied in Excel. The ``exclude`` option tells the task pane which sheets it
may send without values: the output sheets that a refresh rewrites anyway.
"""

from __future__ import annotations

import contextvars
from typing import Any

import xlwings as xw
from xlwings.server import script

from addin.excel.refresh import WRITE_ONLY_SHEETS, check_book, refresh_book

summary_sink: contextvars.ContextVar[dict[str, Any]] = contextvars.ContextVar(
    "summary_sink"
)
"""Where a script leaves its summary for the route that called it."""

_EXCLUDE = list(WRITE_ONLY_SHEETS)


@script(name="Refresh", exclude=_EXCLUDE)
def refresh(book: xw.Book) -> None:
    """Recompute every output sheet."""
    _keep(refresh_book(book).as_dict())


@script(name="Check", exclude=_EXCLUDE)
def check(book: xw.Book) -> None:
    """Rewrite the Issues sheet only."""
    _keep(check_book(book).as_dict())


@script(name="Monthly report", exclude=_EXCLUDE)
def monthly_report(book: xw.Book) -> None:
    """Refresh, then point to the monthly report the CLI writes."""
    # NOTE: the monthly report is a separate .xlsx file written from a file
    # on disk; the add-in cannot hand Excel a second workbook yet, so this
    # button refreshes and the summary names the CLI command.
    summary = refresh_book(book).as_dict()
    summary["action"] = "monthly_report"
    _keep(summary)


def _keep(summary: dict[str, Any]) -> None:
    sink = summary_sink.get(None)
    if sink is not None:
        sink.update(summary)
