"""The scripts behind the ribbon buttons, as xlwings Server runs them.

xlwings Server calls a script with the workbook the task pane sent, as an
``xw.Book``. The actions the script queues on that book are sent back and
applied in Excel. The ``exclude`` option lists for the task pane the sheets it
may send without values: the output sheets that a refresh rewrites anyway.
"""

from __future__ import annotations

import contextvars
import secrets
import time
from collections import OrderedDict
from typing import Any

import xlwings as xw
from xlwings.server import script

from addin.excel.refresh import (
    WRITE_ONLY_SHEETS,
    ReportFile,
    check_book,
    monthly_report_book,
    refresh_book,
)

summary_sink: contextvars.ContextVar[dict[str, Any]] = contextvars.ContextVar(
    "summary_sink"
)
"""Summary a script leaves for the route that called it."""

_EXCLUDE = list(WRITE_ONLY_SHEETS)

MAX_REPORTS = 8
"""Monthly reports kept in memory for download; the oldest goes first."""

reports: OrderedDict[str, ReportFile] = OrderedDict()
"""Reports built by the Monthly report button, by download token."""


@script(name="Refresh", exclude=_EXCLUDE)
def refresh(book: xw.Book) -> None:
    """Recompute every output sheet."""
    _keep(refresh_book(book).as_dict())


@script(name="Check", exclude=_EXCLUDE)
def check(book: xw.Book) -> None:
    """Rewrite the Issues sheet only."""
    _keep(check_book(book).as_dict())


@script(name="Monthly report", exclude=_EXCLUDE)
def monthly_report(book: xw.Book, month: str = "") -> None:
    """Build the monthly report, a separate .xlsx file to download."""
    started = time.perf_counter()
    report = monthly_report_book(book, month or None)
    token = secrets.token_urlsafe(16)
    reports[token] = report
    while len(reports) > MAX_REPORTS:
        reports.popitem(last=False)
    _keep(
        {
            "action": "monthly_report",
            "month": report.month,
            "report_url": f"/reports/{token}/{report.name}",
            "seconds": round(time.perf_counter() - started, 2),
        }
    )


def _keep(summary: dict[str, Any]) -> None:
    sink = summary_sink.get(None)
    if sink is not None:
        sink.update(summary)
