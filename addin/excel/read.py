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

import xlwings as xw

from addin.model import CellValue
from addin.reader import Grid, TableDef

log = logging.getLogger(__name__)

_TIME_ONLY_DATE = dt.date(1899, 12, 30)
"""Date Excel gives a cell that holds only a time of day."""


def read_grids(book: xw.Book, skip: Collection[str] = ()) -> dict[str, Grid]:
    """Return every sheet's values from A1, except the sheets in ``skip``."""
    return {
        sheet.name: sheet_grid(sheet) for sheet in book.sheets if sheet.name not in skip
    }


def sheet_grid(sheet: xw.Sheet) -> Grid:
    """Return the values of ``sheet`` from A1 to its last used cell."""
    last = sheet.used_range.last_cell
    values = sheet.range((1, 1), (last.row, last.column)).options(ndim=2).value
    return [[plain_cell(value) for value in row] for row in values]


def read_tables(book: xw.Book) -> list[TableDef]:
    """Return the Excel Tables of every sheet, with their addresses."""
    tables = []
    for sheet in book.sheets:
        for table in sheet.tables:
            tables.append(_table_def(table, sheet.name))
    return tables


def _table_def(table: xw.main.Table, sheet: str) -> TableDef:
    header_rows = 1 if table.show_headers else 0
    totals_rows = 1 if table.show_totals else 0
    address = table.range.get_address(False, False)
    return TableDef(table.name, sheet, address, header_rows, totals_rows)


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
