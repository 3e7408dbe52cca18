"""Refresh and Check a workbook open in Excel, through xlwings.

These are the entry points every Excel integration calls with an
``xw.Book``: the xlwings Server scripts, the xlwings Lite scripts and the
classic desktop button. They read the inputs, run
:func:`addin.refresh.compute_sheets` (the computation the CLI runs too) and
write the output sheets back into the same book.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import xlwings as xw

from addin.excel.read import read_grids, read_tables
from addin.excel.write import find_sheet, is_owned, write_output_sheets
from addin.model import RawWorkbook
from addin.reader import Grid, tables_from_grids
from addin.refresh import RefreshResult, compute_sheets
from addin.report.build import build_report, default_output
from addin.sheets import OUTPUT_SHEET_KEYS, sheet_name, sheet_names
from addin.state import STATE_SHEET, SavedState, saved_state_from_grids
from addin.validate_settings import parse_settings

log = logging.getLogger(__name__)

# Output sheets a refresh rewrites without reading them first. History and
# the state sheet are read back, because a refresh extends what they hold.
WRITE_ONLY_SHEETS = tuple(
    name
    for key in OUTPUT_SHEET_KEYS
    if key != "history"
    for name in sheet_names(key)
)


@dataclass
class BookSummary:
    """Summary of a refresh or check, as the task pane shows it."""

    action: str
    as_of: str
    deals: int
    errors: int
    warnings: int
    written: list[str] = field(default_factory=list)
    seconds: float = 0.0
    language: str = "en"
    """The workbook's Language setting, for the status line."""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def refresh_book(book: xw.Book, as_of: dt.date | None = None) -> BookSummary:
    """Recompute every output sheet of ``book`` and write it back.

    Args:
        book: The workbook, from any xlwings engine.
        as_of: The as-of date; None takes the Settings date, then today.
    """
    started = time.perf_counter()
    result = compute_book(book, as_of)
    # NOTE: after the Language setting changes, the output sheets named in
    # the old language stay beside the new ones (the CLI removes them),
    # because the task pane has no action that deletes a sheet.
    written = write_output_sheets(book, result.sheets, result.book.settings.language)
    return _summary("refresh", result, written, started)


def check_book(book: xw.Book, as_of: dt.date | None = None) -> BookSummary:
    """Rewrite only the Issues sheet of ``book``: the problems in its inputs."""
    started = time.perf_counter()
    result = compute_book(book, as_of)
    language = result.book.settings.language
    issues_name = sheet_name("issues", language)
    issues = [sheet for sheet in result.sheets if sheet.name == issues_name]
    written = write_output_sheets(book, issues, language)
    return _summary("check", result, written, started)


@dataclass(frozen=True)
class ReportFile:
    """A monthly report built from a workbook open in Excel."""

    name: str
    """File name, as the CLI names it: ``team-report-2026-11.xlsx``."""
    month: str
    content: bytes
    """The report as the bytes of an .xlsx file."""


def monthly_report_book(
    book: xw.Book, month: str | None = None, as_of: dt.date | None = None
) -> ReportFile:
    """Build the monthly report of ``book``, a separate .xlsx file.

    Args:
        book: The workbook, from any xlwings engine.
        month: The report month, ``YYYY-MM``; None takes
            :func:`default_report_month` of the as-of date.
        as_of: The as-of date; None takes the Settings date, then today.
    """
    grids = read_grids(book, skip=_write_only_sheets(book))
    raw = raw_workbook(book, grids)
    if not month:
        settings, _issues = parse_settings(raw)
        month = default_report_month(as_of or settings.effective_as_of())
    content = build_report(raw, month, saved_state(book, grids), as_of, book.name)
    name = default_output(Path(book.name), month).name
    log.info("monthly report %s built from %s", month, book.name)
    return ReportFile(name, month, content)


def default_report_month(as_of: dt.date) -> str:
    """Return the last finished month: the as-of month if it ends that day."""
    if (as_of + dt.timedelta(days=1)).month != as_of.month:
        return f"{as_of:%Y-%m}"
    previous = as_of.replace(day=1) - dt.timedelta(days=1)
    return f"{previous:%Y-%m}"


def compute_book(book: xw.Book, as_of: dt.date | None = None) -> RefreshResult:
    """Read the inputs and saved state of ``book`` and compute its sheets."""
    grids = read_grids(book, skip=_write_only_sheets(book))
    raw = raw_workbook(book, grids)
    return compute_sheets(raw, as_of, saved_state(book, grids))


def raw_workbook(book: xw.Book, grids: dict[str, Grid]) -> RawWorkbook:
    """Hand the grids and Excel Tables of ``book`` to the reader."""
    return tables_from_grids(grids, read_tables(book), path=book.name)


def saved_state(book: xw.Book, grids: dict[str, Grid]) -> SavedState:
    """Return what earlier refreshes stored in ``book``'s own sheets."""
    owned = {}
    # The History sheet is named in the language of the refresh that wrote it.
    for key, names in (("state", (STATE_SHEET,)), ("history", sheet_names("history"))):
        for name in names:
            sheet = find_sheet(book, name)
            if sheet is not None and is_owned(sheet) and key not in owned:
                owned[key] = grids[sheet.name]
    return saved_state_from_grids(owned.get("state"), owned.get("history"))


def _write_only_sheets(book: xw.Book) -> list[str]:
    """Return the owned output sheets whose values a refresh does not need."""
    skipped = []
    for name in WRITE_ONLY_SHEETS:
        sheet = find_sheet(book, name)
        if sheet is not None and is_owned(sheet):
            skipped.append(sheet.name)
    return skipped


def _summary(
    action: str,
    result: RefreshResult,
    written: list[str],
    started: float,
) -> BookSummary:
    summary = BookSummary(
        action=action,
        as_of=result.as_of.isoformat(),
        deals=len(result.book.deals),
        errors=sum(issue.severity == "error" for issue in result.issues),
        warnings=sum(issue.severity == "warning" for issue in result.issues),
        written=written,
        seconds=round(time.perf_counter() - started, 2),
        language=result.book.settings.language,
    )
    log.info("%s done: %s", action, summary)
    return summary
