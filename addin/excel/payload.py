"""The JSON an Office.js client sends for a workbook, built from an .xlsx file.

xlwings Server receives the workbook as JSON (``xw.Book(json=payload)``):
every sheet's values from A1 to the last used cell, its Excel Tables, and
the defined names. The add-in's task pane (``addin/excel/static/taskpane.js``)
builds that JSON inside Excel; :func:`book_payload` builds the same JSON from
a file, so tests and benchmarks can run a real workbook through the xlwings
path on a machine without Excel.

Values follow what Office.js returns and ``JSON.stringify`` sends. Blanks
are ``""``. Numbers are JSON numbers, so a whole number arrives as an int.
Cells whose number format is a date or time are ISO strings ending in
``.000Z``. Booleans stay booleans, and error values are their text
(``"#N/A"``).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Collection
from pathlib import Path
from typing import Any

import xlwings as xw
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook, SheetVisibleEnum
from xlwings.utils import a1_to_tuples

from addin.model import column_letter

JsonCell = str | int | float | bool
Payload = dict[str, Any]

_VISIBILITY = (
    (SheetVisibleEnum.Visible, "Visible"),
    (SheetVisibleEnum.Hidden, "Hidden"),
    (SheetVisibleEnum.VeryHidden, "VeryHidden"),
)


def book_payload(
    path: str | Path,
    exclude: Collection[str] = (),
    version: str = xw.__version__,
) -> Payload:
    """Return the JSON payload an Office.js client would send for the file.

    Args:
        path: The .xlsx file.
        exclude: Names of sheets sent without values, the way the task pane
            leaves out salesflow's own output sheets.
        version: xlwings version the client reports.
    """
    path = Path(path)
    workbook = CalamineWorkbook.from_path(str(path), load_tables=True)
    tables = _tables_by_sheet(workbook)
    sheets = [
        _sheet_payload(workbook, meta, tables.get(meta.name, []), meta.name in exclude)
        for meta in workbook.sheets_metadata
    ]
    return {
        "client": "Office.js",
        "version": version,
        "book": {"name": path.name, "active_sheet_index": 0, "selection": "A1"},
        "names": _defined_names(path, workbook.sheet_names),
        "sheets": sheets,
    }


def open_book(payload: Payload) -> xw.Book:
    """Return the ``xw.Book`` of the remote engine for a payload.

    xlwings registers its remote engine when it is imported, and only if a
    license key is set by then. This registers it late if the key came later.
    The book changes ``payload`` in place as scripts change the book.
    """
    if "remote" not in [engine.name for engine in xw.engines]:
        from xlwings.pro import _xlremote

        xw.engines.add(xw.main.Engine(impl=_xlremote.engine))
    return xw.Book(json=payload)


def js_cell(value: Any) -> JsonCell:
    """Return a cell value as Office.js reports it after a JSON round trip."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool | str):
        return value
    if isinstance(value, dt.datetime):
        return (
            value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"
        )
    if isinstance(value, dt.date):
        return value.isoformat() + "T00:00:00.000Z"
    if isinstance(value, dt.time):
        return js_cell(dt.datetime.combine(dt.date(1899, 12, 30), value))
    if isinstance(value, int | float):
        return _js_number(float(value))
    return str(value)


def _js_number(number: float) -> int | float:
    # JSON.stringify writes 1000.0 as 1000, which Python's json reads as int.
    if math.isfinite(number) and number.is_integer() and abs(number) < 2**53:
        return int(number)
    return number


def _sheet_payload(
    workbook: CalamineWorkbook, meta: Any, tables: list[dict[str, Any]], excluded: bool
) -> dict[str, Any]:
    values: list[list[JsonCell]] = [[]]
    used: str | None = None
    if not excluded:
        values, used = _values_from_a1(workbook, meta.name)
    return {
        "name": meta.name,
        "values": values,
        "visibility": _visibility(meta.visible),
        "used_range_address": used,
        "tables": tables,
        "pictures": [],
        "shapes": [],
        "charts": [],
        "notes": [],
        "pivot_tables": [],
        "print_area": None,
        "show_gridlines": True,
    }


def _visibility(visible: SheetVisibleEnum) -> str:
    # calamine's enum members compare equal but cannot be dict keys.
    return next((text for member, text in _VISIBILITY if member == visible), "Visible")


def _values_from_a1(
    workbook: CalamineWorkbook, name: str
) -> tuple[list[list[JsonCell]], str | None]:
    """Return the values from A1 to the last used cell, and the used range."""
    sheet = workbook.get_sheet_by_name(name)
    grid = sheet.to_python(skip_empty_area=False)
    start, end = sheet.start, sheet.end
    if not grid or start is None or end is None:
        return [[""]], None
    # Office.js sends values from A1; pad if calamine left out the empty
    # rows and columns above and left of the first used cell.
    top, left = start
    if len(grid) == end[0] - top + 1 and (top or left):
        grid = [[] for _ in range(top)] + [[""] * left + row for row in grid]
    width = max(len(row) for row in grid)
    values = [
        [js_cell(cell) for cell in row] + [""] * (width - len(row)) for row in grid
    ]
    first = f"{column_letter(left + 1)}{top + 1}"
    last = f"{column_letter(width)}{len(values)}"
    return values, f"{first}:{last}"


def _tables_by_sheet(workbook: CalamineWorkbook) -> dict[str, list[dict[str, Any]]]:
    by_sheet: dict[str, list[dict[str, Any]]] = {}
    for name in workbook.table_names or []:
        table = workbook.get_table_by_name(name)
        by_sheet.setdefault(table.sheet, []).append(_table_payload(table))
    return by_sheet


def _table_payload(table: Any) -> dict[str, Any]:
    # calamine's start and end are the zero-based corners of the data body,
    # and the header row is the row above it.
    (body_row, first_column), (last_row, last_column) = table.start, table.end
    first = column_letter(first_column + 1)
    last = column_letter(last_column + 1)
    return table_entry(table.name, f"{first}{body_row}:{last}{last_row + 1}")


def table_entry(name: str, address: str) -> dict[str, Any]:
    """Return an Excel Table as Office.js describes it, from its A1 range.

    The range includes the header row and has no totals row.
    """
    (header_row, first_column), (last_row, last_column) = a1_to_tuples(address)
    first = column_letter(first_column)
    last = column_letter(last_column)
    return {
        "name": name,
        "range_address": f"{first}{header_row}:{last}{last_row}",
        "header_row_range_address": f"{first}{header_row}:{last}{header_row}",
        "data_body_range_address": f"{first}{header_row + 1}:{last}{last_row}",
        "total_row_range_address": None,
        "show_headers": True,
        "show_totals": False,
        "table_style": "TableStyleMedium2",
        "show_autofilter": True,
        "show_table_style_first_column": False,
        "show_table_style_last_column": False,
        "show_table_style_row_stripes": True,
        "show_table_style_column_stripes": False,
    }


def _defined_names(path: Path, sheet_names: list[str]) -> list[dict[str, Any]]:
    """Return the defined names of book and sheet scope.

    A name that refers to one range carries its sheet and address; any other
    name (a constant, a formula) carries only its definition.
    """
    workbook = load_workbook(path, read_only=True)
    try:
        entries: list[tuple[Any, int | None]] = [
            (name, None) for name in workbook.defined_names.values()
        ]
        for index, sheet in enumerate(workbook.worksheets):
            entries += [(name, index) for name in sheet.defined_names.values()]
    finally:
        workbook.close()
    return [_name_payload(name, scope, sheet_names) for name, scope in entries]


def _name_payload(
    name: Any, scope: int | None, sheet_names: list[str]
) -> dict[str, Any]:
    sheet_index, address = None, None
    destinations = list(name.destinations) if name.type == "RANGE" else []
    if len(destinations) == 1 and destinations[0][0] in sheet_names:
        sheet_index = sheet_names.index(destinations[0][0])
        address = destinations[0][1].replace("$", "")
    return {
        "name": name.name,
        "refers_to": "=" + name.attr_text,
        "sheet_index": sheet_index,
        "address": address,
        "scope_sheet_name": None if scope is None else sheet_names[scope],
        "scope_sheet_index": scope,
        "book_scope": scope is None,
    }
