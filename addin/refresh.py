"""The refresh pipeline: read, validate, compute, and describe the output sheets.

:func:`compute_sheets` is the one computation behind every way of running
Refresh: the CLI writes its sheets into the .xlsx package, the Excel add-in
writes the same sheets through xlwings. :func:`refresh_file` is the CLI's
path from a file on disk to a refreshed file.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from addin.engine.forecast import forecast
from addin.engine.history import history_accuracy, history_rows, merge_history
from addin.engine.scorecard import review_process
from addin.engine.stages import audit_stages
from addin.model import Issue, RawWorkbook, TeamBook
from addin.output import OutputSheet
from addin.sheets import other_language_sheet
from addin.sheets.deal_audit import audit_table, deal_audit_sheet
from addin.sheets.forecast import forecast_sheet
from addin.sheets.history import history_sheet
from addin.sheets.issues import issues_sheet
from addin.sheets.scorecard import deal_audit_columns, process_sheets
from addin.state import (
    SavedState,
    evidence_keys,
    first_seen_dates,
    read_saved_state,
    state_sheet,
)
from addin.validate import validate

Progress = Callable[[str], None]


def _no_progress(step: str) -> None:
    del step


@dataclass
class RefreshSummary:
    """Counts, sheets and paths of one refresh, for the summary printed at its end."""

    deals: int
    issues: Counter[str]
    sheets: list[str]
    seconds: float = 0.0
    output: Path | None = None
    backup: Path | None = None


@dataclass
class RefreshResult:
    """The computed sheets of one refresh, with the book and issues behind them."""

    book: TeamBook
    issues: list[Issue]
    sheets: list[OutputSheet]
    as_of: dt.date
    summary: RefreshSummary = field(init=False)

    def __post_init__(self) -> None:
        self.summary = RefreshSummary(
            deals=len(self.book.deals),
            issues=Counter(issue.severity for issue in self.issues),
            sheets=[sheet.name for sheet in self.sheets if not sheet.hidden],
        )


def compute_sheets(
    raw: RawWorkbook,
    as_of: dt.date | None = None,
    saved: SavedState | None = None,
    progress: Progress = _no_progress,
    language: str | None = None,
) -> RefreshResult:
    """Validate the raw tables and build every output sheet.

    Args:
        raw: The input tables as read from the workbook.
        as_of: The as-of date; None takes the Settings date, then today.
        saved: What earlier refreshes stored in the workbook (first-seen
            dates of evidence rows, forecast history); None for a first run.
        progress: Called with the name of each step as it starts.
        language: Language of the sheets; None takes the Language setting.
    """
    saved = saved or SavedState()
    progress("validate")
    book, issues = validate(raw, as_of, language)
    as_of = as_of or book.settings.effective_as_of()
    issues = list(raw.issues) + issues
    language = book.settings.language

    progress("stages")
    stage_audit = audit_stages(book, as_of)

    progress("process")
    keys = evidence_keys(book.evidence)
    seen = saved.updated(keys, as_of)
    review = review_process(
        book,
        as_of,
        first_seen=first_seen_dates(keys, seen),
        stuck=stage_audit["stuck"].to_numpy(dtype=bool),
    )
    process_columns = deal_audit_columns(review.audit, language)
    table = audit_table(book.deals, stage_audit, process_columns)

    progress("forecast")
    outlook = forecast(book, stage_audit["earned_index"], as_of)
    history = merge_history(saved.history, history_rows(outlook, as_of))
    accuracy = history_accuracy(history, book, as_of)

    progress("sheets")
    sheets = [
        issues_sheet(issues, as_of, language),
        deal_audit_sheet(table, as_of, book.locations.get("deals"), language),
        *process_sheets(review, book.settings),
        forecast_sheet(outlook, accuracy, book.settings.simulations, language),
        history_sheet(history, language),
        state_sheet(seen),
    ]
    return RefreshResult(book=book, issues=issues, sheets=sheets, as_of=as_of)


def refresh_file(
    path: Path,
    as_of: dt.date | None = None,
    output: Path | None = None,
    backups: int = 3,
    progress: Progress = _no_progress,
    language: str | None = None,
) -> RefreshResult:
    """Refresh the workbook at ``path``, in place or into ``output``.

    ``language`` overrides the Language setting for this refresh.
    """
    from addin.load import read_in_own_language
    from addin.xlsx.writeback import write_output_sheets

    started = time.perf_counter()
    progress("read")
    raw = read_in_own_language(path, language)
    saved = read_saved_state(path)
    result = compute_sheets(raw, as_of, saved, progress, language)

    progress("write")
    language = result.book.settings.language
    written = write_output_sheets(
        path,
        result.sheets,
        output=output,
        backups=backups,
        keep=lambda name: not other_language_sheet(name, language),
        language=language,
    )
    result.summary.seconds = time.perf_counter() - started
    result.summary.output = output or path
    result.summary.backup = getattr(written, "backup", None)
    return result
