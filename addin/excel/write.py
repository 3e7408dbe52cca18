"""Write salesflow's output sheets into a workbook through xlwings.

The same code writes through every xlwings engine. The remote engine of
xlwings Server and xlwings Lite turns each call into an action that the
Office.js client applies in Excel; the desktop engine of the classic add-in
calls Excel directly. Placement, number formats, column widths
and highlight rules come from the .xlsx writer (:mod:`addin.xlsx`), so that
both writers put the same value in the same cell.

A sheet belongs to salesflow when it carries the sheet-scoped defined name
``_salesflow_owner``, the marker the .xlsx writer uses too. An owned sheet
is deleted and added again at the same position, so it starts with no
values, formats or Excel Tables from the last refresh. If a sheet of the
team's has an output sheet's name, nothing is written and the error says so.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Sequence

import numpy as np
import pandas as pd
import xlwings as xw

from addin.errors import WriteError
from addin.locale import text
from addin.model import CellValue, column_letter, sheet_reference
from addin.output import OutputSheet
from addin.xlsx.indexes import OWNER_NAME
from addin.xlsx.layout import BlockPlacement, SheetLayout, layout_sheet
from addin.xlsx.sheetxml import (
    FORMAT_CODES,
    HIGHLIGHT_STYLES,
    content_widths,
    highlight_formula,
    is_external_link,
    sheet_widths,
)
from addin.xlsx.values import clean_text, is_missing

log = logging.getLogger(__name__)

CHUNK_ROWS = 2_000
"""Rows per value assignment; each becomes one Office.js request in Excel."""

TABLE_STYLE = "TableStyleMedium2"
# Text that Excel would turn into a number, date, time, boolean, error or
# formula if it were typed. Such text is written with a leading apostrophe,
# which Excel keeps as the cell's prefix and does not show.
_PARSED_BY_EXCEL = re.compile(
    r"""^\s*(
        [=+\-@'\#]                         # formula, sign, error or apostrophe
        | [$€£¥(]?\s*[\d.,]+\s*%?\)?$      # number, amount, percent
        | \d{1,4}[-/.]\d{1,2}([-/.]\d{1,4})?  # date
        | \d{1,2}:\d{2}                    # time
        | (true|false)\s*$                 # boolean
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_XLSX_ESCAPE = re.compile(r"_x005F_(x[0-9A-Fa-f]{4}_)")


def write_output_sheets(
    book: xw.Book, sheets: Sequence[OutputSheet], language: str = "en"
) -> list[str]:
    """Write every output sheet into ``book`` and return their names.

    Args:
        book: The workbook, from any xlwings engine.
        sheets: The sheets that :func:`addin.refresh.compute_sheets` built.
        language: Language of the error and of the note on cut text.

    Raises:
        WriteError: A sheet of the team's has an output sheet's name; no
            sheet was written.
    """
    _check_ownership(book, sheets, language)
    active = book.sheets.active.name
    for output in sheets:
        target = _fresh_sheet(book, output.name, find_sheet(book, output.name))
        write_sheet(target, output, language)
    _activate(book, active)
    return [output.name for output in sheets]


def find_sheet(book: xw.Book, name: str) -> xw.Sheet | None:
    """Return the sheet called ``name`` (any case, as Excel compares), or None."""
    for sheet in book.sheets:
        if sheet.name.casefold() == name.casefold():
            return sheet
    return None


def is_owned(sheet: xw.Sheet) -> bool:
    """Return True when ``sheet`` carries salesflow's ownership marker."""
    return any(
        name.name.rsplit("!", 1)[-1].casefold() == OWNER_NAME.casefold()
        for name in sheet.names
    )


def write_sheet(sheet: xw.Sheet, output: OutputSheet, language: str = "en") -> None:
    """Fill an empty sheet with ``output``: values, tables, formats, marker."""
    layout = layout_sheet(output)
    grid = [[_cell(value, language) for value in row] for row in sheet_values(layout)]
    sheet.range("A1").options(chunksize=CHUNK_ROWS).value = grid
    for placement in layout.blocks:
        _format_block(sheet, placement)
    _set_widths(sheet, layout)
    _freeze_header(sheet, layout)
    # NOTE: the .xlsx writer's marker is the text constant "salesflow". This
    # one refers to A1, because the Office.js clients of xlwings send only
    # names that refer to ranges. Both writers look at the name alone.
    sheet.names.add(OWNER_NAME, f"={sheet_reference(sheet.name)}!$A$1")
    if output.hidden:
        sheet.visible = False


def sheet_values(layout: SheetLayout) -> list[list[object]]:
    """Return every cell of a laid-out sheet as rows from A1; None is empty."""
    grid: list[list[object]] = [
        [None] * layout.last_column for _ in range(layout.last_row)
    ]
    grid[0][0] = layout.sheet.title
    for placement in layout.blocks:
        block = placement.block
        if placement.title_row is not None:
            grid[placement.title_row - 1][0] = block.title
        grid[placement.header_row - 1][: len(placement.headers)] = placement.headers
        for offset, row in enumerate(block.rows):
            grid[placement.first_row - 1 + offset][: len(row)] = list(row)
        if placement.notes_row is not None:
            for offset, note in enumerate(block.notes):
                grid[placement.notes_row - 1 + offset][0] = note
    return grid


def _check_ownership(
    book: xw.Book, sheets: Sequence[OutputSheet], language: str
) -> None:
    conflicts = [
        existing.name
        for output in sheets
        if (existing := find_sheet(book, output.name)) is not None
        and not is_owned(existing)
    ]
    if conflicts:
        log.warning("sheets %s are not salesflow's; nothing written", conflicts)
        raise WriteError(
            " ".join(
                text("xlsx.sheet_not_owned", language, sheet=name) for name in conflicts
            )
        )


def _fresh_sheet(book: xw.Book, name: str, existing: xw.Sheet | None) -> xw.Sheet:
    """Return an empty sheet called ``name`` where ``existing`` was, or last."""
    if existing is None:
        return book.sheets.add(name=name, after=book.sheets[-1])
    position = existing.index
    existing.delete()
    if position == 1:
        return book.sheets.add(name=name, before=book.sheets[0])
    return book.sheets.add(name=name, after=book.sheets[position - 2])


def _activate(book: xw.Book, name: str) -> None:
    sheet = find_sheet(book, name)
    if sheet is not None and sheet.visible:
        sheet.activate()


def _cell(value: object, language: str) -> CellValue:
    """Return ``value`` as xlwings should write it; None is an empty cell."""
    if isinstance(value, str):
        return _cell_text(value, language)
    if is_missing(value):
        return None
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        return float(value)
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, dt.date | dt.time):
        return value
    return _cell_text(str(value), language)


def _cell_text(value: str, language: str) -> str | None:
    # The .xlsx writer's cleaning (characters Excel cannot hold, the cut at
    # Excel's length limit) applies here too, but its _xHHHH_ escape is part
    # of the file format, which xlwings does not write.
    value = _XLSX_ESCAPE.sub(r"_\1", clean_text(value, language)[0])
    if not value:
        return None
    if _PARSED_BY_EXCEL.match(value):
        return "'" + value
    return value


def _format_block(sheet: xw.Sheet, placement: BlockPlacement) -> None:
    block = placement.block
    if block.rows:
        for number, column in enumerate(block.columns, start=1):
            if column.format != "text":
                body = _column_range(sheet, placement, number)
                body.number_format = FORMAT_CODES[column.format]
    if block.table_name:
        _add_table(sheet, placement)
    if block.rows:
        data = sheet.range(placement.data_ref)
        for highlight in block.highlights:
            style = HIGHLIGHT_STYLES[highlight.style]
            data.conditional_formats.add_custom(
                "=" + highlight_formula(placement, highlight),
                fill_color=_hex(style.fill),
                font_color=_hex(style.color),
            )
    for (row, column_index), target in sorted(block.links.items()):
        _add_link(sheet, placement, row, column_index, target)


def _column_range(sheet: xw.Sheet, placement: BlockPlacement, number: int) -> xw.Range:
    return sheet.range((placement.first_row, number), (placement.last_row, number))


def _add_table(sheet: xw.Sheet, placement: BlockPlacement) -> None:
    sheet.tables.add(
        source=sheet.range(placement.table_ref),
        name=placement.block.table_name,
        table_style_name=TABLE_STYLE,
        has_headers=True,
    )


def _add_link(
    sheet: xw.Sheet, placement: BlockPlacement, row: int, column: int, target: str
) -> None:
    # NOTE: only text cells get a link, because a link's display text
    # replaces the cell's value and would turn a number into text.
    value = placement.block.rows[row][column]
    if not isinstance(value, str) or not value:
        return
    address = target if is_external_link(target) else "#" + target.lstrip("#")
    cell = sheet.range((placement.first_row + row, column + 1))
    cell.add_hyperlink(address, text_to_display=value, screen_tip=target)


def _set_widths(sheet: xw.Sheet, layout: SheetLayout) -> None:
    content = [content_widths(placement) for placement in layout.blocks]
    remote = sheet.book.app.engine.type == "remote"
    for number, width in enumerate(sheet_widths(layout, content), start=1):
        letter = column_letter(number)
        columns = sheet.range(f"{letter}:{letter}")
        columns.column_width = _points(width) if remote else width


def _points(characters: float) -> float:
    # Office.js sets widths in points; one character of the default 11-point
    # Calibri is 7 pixels, plus 5 pixels of padding, at 0.75 points a pixel.
    return round((characters * 7 + 5) * 0.75, 2)


def _freeze_header(sheet: xw.Sheet, layout: SheetLayout) -> None:
    if not layout.frozen_rows:
        return
    # Office.js freezes the range it is given: here the rows down to the
    # header. The desktop engines of xlwings 0.37 have no freeze panes.
    try:
        sheet.freeze_panes.freeze_at(f"1:{layout.frozen_rows}")
    except (AttributeError, NotImplementedError):
        log.debug("this xlwings engine cannot freeze panes; %r unfrozen", sheet.name)


def _hex(argb: str) -> str:
    return "#" + argb[-6:]
