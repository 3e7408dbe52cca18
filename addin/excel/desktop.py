"""Entry points for the classic xlwings add-in on desktop Excel (RunPython).

A button in the team workbook runs, through the xlwings add-in's VBA::

    RunPython "from addin.excel.desktop import main; main()"

and xlwings starts Python, which finds the calling workbook with
``xw.Book.caller()``. The open-source part of xlwings does this; no license
key is needed. ``desktop/salesflow.bas`` has the VBA for the buttons.
"""

from __future__ import annotations

import logging
from pathlib import Path

import xlwings as xw

from addin.errors import SalesflowError
from addin.excel.refresh import (
    BookSummary,
    check_book,
    monthly_report_book,
    refresh_book,
)
from addin.locale import text

log = logging.getLogger(__name__)


def main(action: str = "refresh") -> None:
    """Run ``"refresh"``, ``"check"`` or ``"report"`` on the calling workbook.

    The summary goes to Excel's status bar. An error in the workbook is
    shown in a message box instead of a Python traceback.
    """
    # NOTE: this runs only inside desktop Excel with the xlwings add-in, so
    # it has never run here. The tests run run_action on the remote engine.
    book = xw.Book.caller()
    try:
        book.app.status_bar = run_action(book, action)
    except SalesflowError as error:
        log.warning("%s failed: %s", action, error)
        book.app.alert(str(error), title="salesflow")


def run_action(book: xw.Book, action: str) -> str:
    """Run one button's action on ``book`` and return the status line."""
    if action == "report":
        report = monthly_report_book(book)
        path = Path(book.fullname).with_name(report.name)
        path.write_bytes(report.content)
        return text("excel.report_written", path=path)
    run = check_book if action == "check" else refresh_book
    return status_text(run(book))


def status_text(summary: BookSummary, language: str | None = None) -> str:
    """Return the one-line summary shown after a run.

    ``language`` defaults to the workbook's Language setting.
    """
    language = language or summary.language
    return text(
        "excel.summary",
        language,
        action=text(f"excel.action.{summary.action}", language),
        as_of=summary.as_of,
        deals=summary.deals,
        errors=summary.errors,
        warnings=summary.warnings,
        seconds=f"{summary.seconds:.1f}",
    )
