"""Read a team workbook from disk and validate it: the one call the CLI needs."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import cast

from python_calamine import CalamineError, CalamineWorkbook

from addin import schema
from addin.model import Issue, RawWorkbook, TeamBook
from addin.reader import Grid, read_workbook, tables_from_grids
from addin.validate import validate
from addin.validate_settings import parse_settings
from addin.values import normalize_name

logger = logging.getLogger(__name__)


def load_team_book(
    path: str | Path, as_of: dt.date | None = None, language: str | None = None
) -> tuple[TeamBook, list[Issue]]:
    """Read and validate the team workbook at ``path``.

    ``language`` overrides the Language setting; see :func:`validate`.

    Returns the typed book and every issue: first those met while finding
    the tables, then those of the validator.

    Raises:
        WorkbookError: The file cannot be opened or read.
    """
    raw = read_in_own_language(path, language)
    book, issues = validate(raw, as_of, language)
    logger.info(
        "Loaded %s: %d deals, %d evidence rows, %d issues",
        path,
        len(book.deals),
        len(book.evidence),
        len(raw.issues) + len(issues),
    )
    return book, list(raw.issues) + issues


def read_in_own_language(path: str | Path, language: str | None = None) -> RawWorkbook:
    """Read the workbook at ``path`` with the reader's messages in its language.

    The Language setting is only known once the Settings table has been
    read, so a workbook in another language than English whose reader found
    problems is read a second time to word them in that language. A given
    ``language`` is used instead of the setting.

    Raises:
        WorkbookError: The file cannot be opened or read.
    """
    if language is not None:
        return read_workbook(path, language)
    raw = read_workbook(path)
    language = parse_settings(raw)[0].language
    if language != "en" and raw.issues:
        raw = read_workbook(path, language)
    return raw


def workbook_language(path: str | Path) -> str:
    """Return the Language setting of the workbook at ``path``, reading only Settings.

    Commands use it to word their own messages before, or without, reading
    the whole workbook. A file that cannot be read, or has no Settings
    sheet, gives English; reading it properly then reports why.
    """
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        names = {normalize_name(name): name for name in workbook.sheet_names}
        spec = schema.SETTINGS
        for candidate in (spec.sheet, *spec.sheet_aliases):
            sheet = names.get(normalize_name(candidate))
            if sheet is not None:
                rows = workbook.get_sheet_by_name(sheet).to_python(
                    skip_empty_area=False
                )
                grid = cast(Grid, rows)
                raw = tables_from_grids({sheet: grid}, path=str(path))
                return parse_settings(raw)[0].language
    except (OSError, CalamineError) as error:
        logger.debug("no Language setting read from %s: %s", path, error)
    return "en"
