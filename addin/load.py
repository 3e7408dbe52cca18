"""Read a team workbook from disk and validate it: the one call the CLI needs."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from addin.model import Issue, TeamBook
from addin.reader import read_workbook
from addin.validate import validate

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
    raw = read_workbook(path)
    book, issues = validate(raw, as_of)
    logger.info(
        "Loaded %s: %d deals, %d evidence rows, %d issues",
        path, len(book.deals), len(book.evidence), len(raw.issues) + len(issues),
    )
    return book, list(raw.issues) + issues
