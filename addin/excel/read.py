"""Read the team's input tables from a workbook through xlwings.

Every xlwings engine returns the same Python values for a cell: numbers,
text, booleans, ``datetime`` for date cells and None for blanks. The remote
engine gets there from what Office.js sends (ISO date strings, ``""`` for a
blank, JSON numbers); the desktop engine from Excel itself. This module turns
each sheet into a grid of rows from A1, with numbers as floats and dates as
``date`` unless they carry a time of day, the way the file reader
(python-calamine) returns them, and hands the grids to the reader.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Collection
from dataclasses import dataclass

import xlwings as xw

from addin.model import CellValue

log = logging.getLogger(__name__)

Grid = list[list[CellValue]]

_TIME_ONLY_DATE = dt.date(1899, 12, 30)
"""Date Excel gives a cell that holds only a time of day."""


@dataclass(frozen=True)
class ExcelTable:
    """An Excel Table (ListObject) found in the workbook."""

    name: str
    sheet: str
    address: str
    """A1 range of the whole table, header row included, e.g. ``A1:O120``."""


def read_grids(book: xw.Book, skip: Collection[str] = ()) -> dict[str, Grid]:
    """Return every sheet's values from A1, except the sheets in ``skip``."""
    return {
        sheet.name: sheet_grid(sheet)
        for sheet in book.sheets
        if sheet.name not in skip
    }


def sheet_grid(sheet: xw.Sheet) -> Grid:
    """Return the values of ``sheet`` from A1 to its last used cell."""
    last = sheet.used_range.last_cell
    values = sheet.range((1, 1), (last.row, last.column)).options(ndim=2).value
    return [[plain_cell(value) for value in row] for row in values]


def read_tables(book: xw.Book) -> list[ExcelTable]:
    """Return the Excel Tables of every sheet, with their addresses."""
    tables = []
    for sheet in book.sheets:
        for table in sheet.tables:
            address = table.range.get_address(False, False)
            tables.append(ExcelTable(table.name, sheet.name, address))
    return tables


def plain_cell(value: object) -> CellValue:
    """Return a cell value as the file reader returns the same cell.

    Numbers become floats, a midnight ``datetime`` becomes a ``date`` and a
    time on Excel's day zero becomes a ``time``; text and booleans pass.
    """
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, dt.datetime):
        return _plain_datetime(value)
    if isinstance(value, dt.date | dt.time):
        return value
    log.debug("unexpected cell value %r; read as text", value)
    return str(value)


def _plain_datetime(value: dt.datetime) -> CellValue:
    if value.date() == _TIME_ONLY_DATE:
        return value.time()
    if value.time() == dt.time(0):
        return value.date()
    return value
