"""A model of what Excel does with the actions xlwings Server returns.

With the remote engine, every xlwings call on a book becomes an action in
``book.json()``; the task pane applies them in Excel with Office.js.
:class:`WorkbookModel` applies the same actions to plain Python grids, so
tests can check, without Excel, which value each cell ends up with.

It covers only the actions salesflow's writer emits (:data:`ACTIONS`); any
other action raises, because the task pane would not know it either. Cell
values follow Excel's rules for values set through Office.js: ``""``
empties a cell, a leading apostrophe keeps the rest as text, and an ISO date
(``2026-01-05``) or date-time (``2026-01-05 10:30:00``) string becomes a
date. Text that Excel would turn into a number or formula raises, because
the writer must have prefixed it.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from xlwings import __version__ as xlwings_version
from xlwings.utils import a1_to_tuples

from addin.excel.payload import js_cell, table_entry
from addin.model import CellValue

READ_CHUNK_ROWS = 2_000
"""Rows the task pane reads per Office.js request (``CHUNK_ROWS`` there)."""

SYNC_BYTES = 1_000_000
"""JSON size of queued actions after which the task pane syncs (same name)."""

_RANGE_REFERENCE = re.compile(
    r"^=(?:'(?P<quoted>(?:[^']|'')+)'|(?P<plain>[^'!]+))!(?P<address>\$?[A-Z]+\$?\d+"
    r"(?::\$?[A-Z]+\$?\d+)?)$"
)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")
_PARSED = re.compile(r"^\s*([=+\-@]|[\d.,]+\s*%?$|(true|false)\s*$)", re.IGNORECASE)


@dataclass
class SheetModel:
    """One worksheet: its cells and what the actions set besides values."""

    name: str
    cells: dict[tuple[int, int], CellValue] = field(default_factory=dict)
    """(row, column), both 1-based -> value; absent cells are empty."""
    visible: bool = True
    names: dict[str, str] = field(default_factory=dict)
    """Sheet-scoped defined names -> what they refer to."""
    tables: dict[str, str] = field(default_factory=dict)
    """Excel Table name -> A1 address."""
    number_formats: dict[str, str] = field(default_factory=dict)
    colors: dict[str, str] = field(default_factory=dict)
    conditional_formats: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    """(A1 address, rule) in the order they were added."""
    links: dict[str, str] = field(default_factory=dict)
    """A1 address -> link target."""
    column_widths: dict[str, float] = field(default_factory=dict)
    frozen_at: str | None = None

    def grid(self) -> list[list[CellValue]]:
        """Return the values from A1 to the last filled cell; None is empty."""
        if not self.cells:
            return []
        height = max(row for row, _ in self.cells)
        width = max(column for _, column in self.cells)
        grid: list[list[CellValue]] = [[None] * width for _ in range(height)]
        for (row, column), value in self.cells.items():
            grid[row - 1][column - 1] = value
        return grid


@dataclass
class WorkbookModel:
    """The sheets of a workbook, changed by applying xlwings actions."""

    sheets: list[SheetModel]
    book_names: dict[str, str] = field(default_factory=dict)
    active: int = 0

    @classmethod
    def from_payload(cls, payload: Mapping[str, Any]) -> WorkbookModel:
        """Build the model from the JSON an Office.js client sent."""
        sheets = []
        for index, sheet in enumerate(payload["sheets"]):
            model = SheetModel(sheet["name"], visible=sheet["visibility"] == "Visible")
            model.cells = _payload_cells(sheet["values"])
            model.tables = {t["name"]: t["range_address"] for t in sheet["tables"]}
            model.names = _names_in_scope(payload["names"], index)
            sheets.append(model)
        book_names = _names_in_scope(payload["names"], None)
        return cls(sheets, book_names, payload["book"]["active_sheet_index"])

    def sheet(self, name: str) -> SheetModel:
        """Return the sheet called ``name``."""
        for sheet in self.sheets:
            if sheet.name == name:
                return sheet
        raise KeyError(name)

    def apply(self, actions: Iterable[Mapping[str, Any]]) -> None:
        """Apply actions in order, as the task pane does."""
        for action in actions:
            handler = ACTIONS.get(action["func"])
            if handler is None:
                raise ValueError(f"unsupported action {action['func']!r}")
            handler(self, action)

    def copy(self) -> WorkbookModel:
        return copy.deepcopy(self)

    def to_payload(self, book_name: str = "team.xlsx") -> dict[str, Any]:
        """Return the JSON an Office.js client would send for this workbook."""
        sheets = [_sheet_payload(sheet) for sheet in self.sheets]
        names = [
            _name_entry(name, refers_to, None, self.sheets)
            for name, refers_to in self.book_names.items()
        ]
        for index, sheet in enumerate(self.sheets):
            names += [
                _name_entry(name, refers_to, index, self.sheets)
                for name, refers_to in sheet.names.items()
            ]
        return {
            "client": "Office.js",
            "version": xlwings_version,
            "book": {"name": book_name, "active_sheet_index": self.active},
            "names": names,
            "sheets": sheets,
        }


def _sheet_payload(sheet: SheetModel) -> dict[str, Any]:
    grid = sheet.grid()
    return {
        "name": sheet.name,
        "values": [[js_cell(value) for value in row] for row in grid] or [[""]],
        "visibility": "Visible" if sheet.visible else "Hidden",
        "tables": [
            table_entry(name, address) for name, address in sheet.tables.items()
        ],
        "pictures": [],
        "shapes": [],
        "charts": [],
        "notes": [],
        "pivot_tables": [],
        "print_area": None,
        "show_gridlines": True,
    }


def _name_entry(
    name: str, refers_to: str, scope: int | None, sheets: list[SheetModel]
) -> dict[str, Any]:
    sheet_index, address = None, None
    match = _RANGE_REFERENCE.match(refers_to)
    if match:
        sheet_name = (match["quoted"] or "").replace("''", "'") or match["plain"]
        names = [sheet.name for sheet in sheets]
        sheet_index = names.index(sheet_name) if sheet_name in names else None
        address = match["address"].replace("$", "")
    return {
        "name": name,
        "refers_to": refers_to,
        "sheet_index": sheet_index,
        "address": address,
        "scope_sheet_name": None if scope is None else sheets[scope].name,
        "scope_sheet_index": scope,
        "book_scope": scope is None,
    }


def _payload_cells(values: list[list[Any]]) -> dict[tuple[int, int], CellValue]:
    cells: dict[tuple[int, int], CellValue] = {}
    for row_index, row in enumerate(values, start=1):
        for column_index, value in enumerate(row, start=1):
            if value != "":
                cells[row_index, column_index] = value
    return cells


def _names_in_scope(names: list[dict[str, Any]], scope: int | None) -> dict[str, str]:
    return {
        name["name"].rsplit("!", 1)[-1]: name.get("refers_to") or name["address"]
        for name in names
        if name["scope_sheet_index"] == scope
    }


def excel_value(value: Any) -> CellValue:
    """Return what Excel stores when Office.js sets a cell to ``value``."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return float(value)
    if not isinstance(value, str):
        raise TypeError(f"Office.js cannot carry {value!r}")
    if value.startswith("'"):
        return value[1:]
    if _ISO_DATE.match(value):
        return dt.date.fromisoformat(value)
    if _ISO_DATETIME.match(value):
        return dt.datetime.fromisoformat(value)
    if _PARSED.match(value):
        raise ValueError(f"Excel would not keep {value!r} as text")
    return value


def _target(model: WorkbookModel, action: Mapping[str, Any]) -> SheetModel:
    return model.sheets[action["sheet_position"]]


def _address(action: Mapping[str, Any]) -> str:
    from addin.model import column_letter

    first = f"{column_letter(action['start_column'] + 1)}{action['start_row'] + 1}"
    last_row = action["start_row"] + action["row_count"]
    last_column = action["start_column"] + action["column_count"]
    return f"{first}:{column_letter(last_column)}{last_row}"


def _set_values(model: WorkbookModel, action: Mapping[str, Any]) -> None:
    sheet = _target(model, action)
    for row_offset, row in enumerate(action["values"]):
        for column_offset, value in enumerate(row):
            key = (
                action["start_row"] + 1 + row_offset,
                action["start_column"] + 1 + column_offset,
            )
            stored = excel_value(value)
            if stored is None:
                sheet.cells.pop(key, None)
            else:
                sheet.cells[key] = stored


def _add_sheet(model: WorkbookModel, action: Mapping[str, Any]) -> None:
    index, name = action["args"]
    if any(sheet.name.casefold() == name.casefold() for sheet in model.sheets):
        raise ValueError(f"a sheet called {name!r} exists already")
    model.sheets.insert(index, SheetModel(name))
    model.active = index


def _delete_sheet(model: WorkbookModel, action: Mapping[str, Any]) -> None:
    del model.sheets[action["sheet_position"]]
    model.active = min(model.active, len(model.sheets) - 1)


def _add_table(model: WorkbookModel, action: Mapping[str, Any]) -> None:
    address, _has_headers, _style, name = action["args"]
    existing = {table for sheet in model.sheets for table in sheet.tables}
    if name in existing:
        raise ValueError(f"an Excel Table called {name!r} exists already")
    a1_to_tuples(address.replace("$", ""))
    _target(model, action).tables[name] = address.replace("$", "")


def _add_name(model: WorkbookModel, action: Mapping[str, Any]) -> None:
    name, refers_to = action["args"]
    if action["sheet_position"] is None:
        model.book_names[name] = refers_to
    else:
        _target(model, action).names[name] = refers_to


def _set_number_format(model: WorkbookModel, action: Mapping[str, Any]) -> None:
    _target(model, action).number_formats[_address(action)] = action["args"][0]


def _set_color(model: WorkbookModel, action: Mapping[str, Any]) -> None:
    _target(model, action).colors[_address(action)] = action["args"][0]


def _add_conditional_format(model: WorkbookModel, action: Mapping[str, Any]) -> None:
    rule = dict(action["args"][0])
    if rule["type"] != "Custom" or not str(rule.get("formula", "")).startswith("="):
        raise ValueError(f"unsupported conditional format {rule!r}")
    _target(model, action).conditional_formats.append((_address(action), rule))


def _add_link(model: WorkbookModel, action: Mapping[str, Any]) -> None:
    address, text, _tip = action["args"]
    sheet = _target(model, action)
    key = (action["start_row"] + 1, action["start_column"] + 1)
    if sheet.cells.get(key) != text:
        raise ValueError(f"link text {text!r} differs from the cell value")
    sheet.links[_address(action).split(":")[0]] = address


def _set_column_width(model: WorkbookModel, action: Mapping[str, Any]) -> None:
    sheet = _target(model, action)
    sheet.column_widths[_address(action)] = float(action["args"][0])


def _freeze(model: WorkbookModel, action: Mapping[str, Any]) -> None:
    _target(model, action).frozen_at = action["args"][0]


def _set_visibility(model: WorkbookModel, action: Mapping[str, Any]) -> None:
    _target(model, action).visible = action["args"][0] == "Visible"


def _activate(model: WorkbookModel, action: Mapping[str, Any]) -> None:
    model.active = action["args"][0]


ACTIONS: dict[str, Callable[[WorkbookModel, Mapping[str, Any]], None]] = {
    "setValues": _set_values,
    "addSheet": _add_sheet,
    "sheetDelete": _delete_sheet,
    "addTable": _add_table,
    "namesAdd": _add_name,
    "setNumberFormat": _set_number_format,
    "setRangeColor": _set_color,
    "addConditionalFormat": _add_conditional_format,
    "addHyperlink": _add_link,
    "setColumnWidth": _set_column_width,
    "freezePaneAtRange": _freeze,
    "setSheetVisibility": _set_visibility,
    "activateSheet": _activate,
}
"""The actions salesflow emits; the task pane implements the same set."""


def trimmed_grid(grid: Iterable[Iterable[Any]]) -> list[list[CellValue]]:
    """Return a grid as values to compare: blanks as None, numbers as floats,
    trailing empty rows and columns removed."""
    rows = [[_comparable(value) for value in row] for row in grid]
    width = max(
        (
            index + 1
            for row in rows
            for index, value in enumerate(row)
            if value is not None
        ),
        default=0,
    )
    rows = [row[:width] + [None] * (width - len(row)) for row in rows]
    while rows and all(value is None for value in rows[-1]):
        rows.pop()
    return rows


def _comparable(value: Any) -> CellValue:
    if value is None or value == "":
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


def read_requests(payload: Mapping[str, Any]) -> list[int]:
    """Return the JSON size in bytes of each block of values the task pane reads."""
    sizes = []
    for sheet in payload["sheets"]:
        values = sheet["values"]
        for start in range(0, len(values), READ_CHUNK_ROWS):
            sizes.append(_json_size(values[start : start + READ_CHUNK_ROWS]))
    return sizes


def write_requests(actions: Iterable[Mapping[str, Any]]) -> list[int]:
    """Return the JSON size in bytes of each batch of actions synced together.

    The task pane syncs after an action that changes a sheet, and whenever
    the queued actions pass :data:`SYNC_BYTES`.
    """
    sizes = []
    queued = 0
    for action in actions:
        queued += _json_size(action)
        if queued > SYNC_BYTES or "sheet" in action["func"].lower():
            sizes.append(queued)
            queued = 0
    if queued:
        sizes.append(queued)
    return sizes


def _json_size(value: Any) -> int:
    return len(json.dumps(value, ensure_ascii=False).encode("utf-8"))
