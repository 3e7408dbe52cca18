"""Build the monthly report from a team workbook: the one call for CLI and add-in.

:func:`build_report` takes a workbook on disk or the tables the Excel
add-in read through xlwings, and returns the report as xlsx bytes.
:func:`write_report` writes those bytes next to the workbook.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import os
import tempfile
from pathlib import Path

from addin.engine.periods import Period
from addin.model import RawWorkbook
from addin.report.content import MonthlyReport, monthly_report, parse_month
from addin.report.workbook import report_workbook
from addin.state import (
    SavedState,
    evidence_keys,
    first_seen_dates,
    read_saved_state,
)
from addin.validate import validate

log = logging.getLogger(__name__)


def build_report(
    workbook: str | Path | RawWorkbook,
    month: str | Period,
    saved: SavedState | None = None,
    as_of: dt.date | None = None,
    source: str | None = None,
    language: str | None = None,
) -> bytes:
    """Return the monthly report of ``month`` as the bytes of an xlsx file.

    Args:
        workbook: The team workbook's path, or its tables as read (the
            Excel add-in reads them through xlwings).
        month: The report month, ``YYYY-MM`` or a month :class:`Period`.
        saved: What earlier refreshes stored (History rows, first-seen
            dates). None reads it from ``workbook`` when that is a path,
            and takes none otherwise.
        as_of: The workbook's as-of date; None takes Settings, then today.
        source: The workbook's name for the subtitle; None takes the file
            name of ``workbook``.
        language: Language of the report; None takes the Language setting.

    Raises:
        ReportMonthError: ``month`` is not a valid month (exit code 2).
        EmptyMonthError: The month has no data (exit code 1).
        WorkbookError: The workbook cannot be read.
    """
    report = compute_report(workbook, month, saved, as_of, language)
    if source is None:
        source = Path(workbook).name if isinstance(workbook, (str, Path)) else ""
    buffer = io.BytesIO()
    report_workbook(report, source).save(buffer)
    return buffer.getvalue()


def compute_report(
    workbook: str | Path | RawWorkbook,
    month: str | Period,
    saved: SavedState | None = None,
    as_of: dt.date | None = None,
    language: str | None = None,
) -> MonthlyReport:
    """Return the figures of the monthly report; see :func:`build_report`."""
    from addin.load import read_in_own_language

    if isinstance(workbook, (str, Path)):
        raw = read_in_own_language(workbook, language)
        saved = saved or read_saved_state(Path(workbook))
    else:
        raw = workbook
    book, issues = validate(raw, as_of, language)
    period = parse_month(month, book.settings.language)
    saved = saved or SavedState()
    book_as_of = as_of or book.settings.effective_as_of()
    first_seen = None
    if saved.first_seen:
        keys = evidence_keys(book.evidence)
        first_seen = first_seen_dates(keys, saved.updated(keys, book_as_of))
    return monthly_report(
        book,
        [*raw.issues, *issues],
        period,
        history=saved.history,
        first_seen=first_seen,
        as_of=book_as_of,
    )


def default_output(path: Path, month: str | Period) -> Path:
    """Return ``<stem>-report-YYYY-MM.xlsx`` beside the workbook at ``path``."""
    label = parse_month(month).label
    return path.with_name(f"{path.stem}-report-{label}.xlsx")


def write_report(
    path: Path,
    month: str | Period,
    output: Path | None = None,
    as_of: dt.date | None = None,
    language: str | None = None,
) -> Path:
    """Write the monthly report of the workbook at ``path`` and return its path.

    The file is written to a temporary name first and then renamed, so an
    earlier report at ``output`` is replaced whole or not at all.
    """
    output = output or default_output(path, month)
    content = build_report(path, month, as_of=as_of, language=language)
    handle, temporary = tempfile.mkstemp(
        prefix=f".{output.stem}-", suffix=".xlsx", dir=output.parent or "."
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.replace(temporary, output)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    log.info("Wrote the monthly report %s to %s", month, output)
    return output
