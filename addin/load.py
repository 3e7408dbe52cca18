"""Read a team workbook from disk and validate it: the one call the CLI needs."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from addin.model import Issue, RawWorkbook, TeamBook
from addin.reader import read_workbook
from addin.validate import validate
from addin.validate_settings import parse_settings

logger = logging.getLogger(__name__)


def load_team_book(
    path: str | Path, as_of: dt.date | None = None
) -> tuple[TeamBook, list[Issue]]:
    """Read and validate the team workbook at ``path``.

    Returns the typed book and every issue: first those met while finding
    the tables, then those of the validator.

    Raises:
        WorkbookError: The file cannot be opened or read.
    """
    raw = read_in_own_language(path)
    book, issues = validate(raw, as_of)
    logger.info(
        "Loaded %s: %d deals, %d evidence rows, %d issues",
        path, len(book.deals), len(book.evidence), len(raw.issues) + len(issues),
    )
    return book, list(raw.issues) + issues


def read_in_own_language(path: str | Path) -> RawWorkbook:
    """Read the workbook at ``path`` with the reader's messages in its language.

    The Language setting is only known once the Settings table has been
    read, so a workbook in another language than English whose reader found
    problems is read a second time to word them in that language.

    Raises:
        WorkbookError: The file cannot be opened or read.
    """
    raw = read_workbook(path)
    language = parse_settings(raw)[0].language
    if language != "en" and raw.issues:
        raw = read_workbook(path, language)
    return raw
