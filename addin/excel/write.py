"""Write salesflow's output sheets into a workbook through xlwings.

The same code writes through every xlwings engine: the remote engine of
xlwings Server and xlwings Lite, which turns each call into an action that
the Office.js client applies in Excel, and the desktop engine of the classic
add-in, which calls Excel directly.

A sheet belongs to salesflow when it carries a sheet-scoped defined name
:data:`OWNER_NAME`. An owned sheet is deleted and added again at the same
position, so it starts with no values, formats or Excel Tables from the last
refresh. A sheet that has an output sheet's name but no marker is the
team's: it is left untouched and its name is reported.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import xlwings as xw

from addin.excel.layout import PlacedBlock, freeze_row, place_blocks, sheet_grid
from addin.locale import text
from addin.model import CellValue, column_letter, sheet_reference
from addin.output import Block, CellFormat, Highlight, OutputSheet
from addin.xlsx.values import MAX_CELL_CHARS, display_width, is_missing

log = logging.getLogger(__name__)

OWNER_NAME = "salesflow.owner"
"""Sheet-scoped defined name that marks a sheet salesflow writes."""

CHUNK_ROWS = 2_000
"""Rows per value assignment; each becomes one Office.js request in Excel."""

TABLE_STYLE = "TableStyleMedium2"

NUMBER_FORMATS: dict[CellFormat, str] = {
    "text": "General",
    "integer": "#,##0",
    "number": "#,##0.00",
    "amount": "#,##0",
    "percent": "0%",
    "date": "yyyy-mm-dd",
    "score": "0",
    "days": "0",
}

HIGHLIGHT_COLORS = {"bad": "#FFC7CE", "warn": "#FFEB9C", "good": "#C6EFCE"}

MAX_AUTO_WIDTH = 60
"""Widest column, in characters, that sizing from the contents gives."""

# Text Excel would turn into a number, date, time, boolean, error or formula
# if it were typed; such text is written with a leading apostrophe, which
# Excel keeps as the cell's prefix and does not show.
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
_ILLEGAL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@dataclass
class WriteReport:
    """What writing the output sheets did."""

    written: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    """Output sheet names taken by a sheet salesflow does not own."""


def write_output_sheets(
    book: xw.Book, sheets: Sequence[OutputSheet], language: str = "en"
) -> WriteReport:
    """Write every output sheet into ``book``; leave the team's sheets alone.

    Args:
        book: The workbook, from any xlwings engine.
        sheets: The sheets that :func:`addin.refresh.compute_sheets` built.
        language: Language of the note added to text cut at Excel's limit.
    """
    report = WriteReport()
    active = book.sheets.active.name
    for output in sheets:
        existing = find_sheet(book, output.name)
        if existing is not None and not is_owned(existing):
            log.warning("sheet %r is not salesflow's; not written", output.name)
            report.refused.append(output.name)
            continue
        target = _fresh_sheet(book, output.name, existing)
        write_sheet(target, output, language)
        report.written.append(output.name)
    _activate(book, active)
    return report


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
    grid = [[_cell(value, language) for value in row] for row in sheet_grid(output)]
    sheet.range("A1").options(chunksize=CHUNK_ROWS).value = grid
    for part in place_blocks(output):
        _format_block(sheet, part)
    _set_widths(sheet, output)
    _freeze_header(sheet, output)
    sheet.names.add(OWNER_NAME, f"={sheet_reference(sheet.name)}!$A$1")
    if output.hidden:
        sheet.visible = False


def _freeze_header(sheet: xw.Sheet, output: OutputSheet) -> None:
    first_free = freeze_row(output)
    if first_free is None:
        return
    # Office.js freezes the range it is given: here the rows down to the
    # header. The desktop engines of xlwings 0.37 have no freeze panes.
    try:
        sheet.freeze_panes.freeze_at(f"1:{first_free - 1}")
    except (AttributeError, NotImplementedError):
        log.debug("this xlwings engine cannot freeze panes; %r unfrozen", sheet.name)


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
    if is_missing(value):
        return None
    if isinstance(value, str):
        return _cell_text(value, language)
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


def _cell_text(value: str, language: str) -> str:
    value = _ILLEGAL_CHARS.sub("", value)
    if len(value) > MAX_CELL_CHARS:
        note = text("xlsx.cell_truncated", language, limit=f"{MAX_CELL_CHARS:,}")
        value = value[: MAX_CELL_CHARS - len(note)] + note
    if _PARSED_BY_EXCEL.match(value):
        return "'" + value
    return value


def _format_block(sheet: xw.Sheet, part: PlacedBlock) -> None:
    block = part.block
    body_rows = len(block.rows)
    if body_rows:
        for index, column in enumerate(block.columns, start=1):
            if column.format != "text":
                body = _column_range(sheet, part, index)
                body.number_format = NUMBER_FORMATS[column.format]
    if block.table_name:
        _add_table(sheet, part)
    for highlight in block.highlights:
        _highlight(sheet, part, highlight)
    for (row, column), target in block.links.items():
        _add_link(sheet, part, row, column, target)


def _column_range(sheet: xw.Sheet, part: PlacedBlock, column: int) -> xw.Range:
    return sheet.range((part.first_body_row, column), (part.last_body_row, column))


def _add_table(sheet: xw.Sheet, part: PlacedBlock) -> None:
    # An Excel Table needs a body row; an empty block stays a plain range.
    if not part.block.rows:
        return
    source = sheet.range(
        (part.header_row, 1), (part.last_body_row, len(part.block.columns))
    )
    sheet.tables.add(
        source=source,
        name=part.block.table_name,
        table_style_name=TABLE_STYLE,
        has_headers=True,
    )


def _highlight(sheet: xw.Sheet, part: PlacedBlock, highlight: Highlight) -> None:
    headers = [column.header for column in part.block.columns]
    if highlight.column not in headers:
        log.warning("highlight column %r is not in the block", highlight.column)
        return
    index = headers.index(highlight.column)
    matches = [_meets(row[index], highlight) for row in part.block.rows]
    width = len(headers)
    for first, last in _runs(matches):
        rows = sheet.range(
            (part.first_body_row + first, 1), (part.first_body_row + last, width)
        )
        rows.color = HIGHLIGHT_COLORS[highlight.style]


def _meets(value: object, highlight: Highlight) -> bool:
    if highlight.rule == "is_true":
        return value is True or value is np.True_
    if highlight.rule == "not_empty":
        return not is_missing(value) and value != ""
    if highlight.rule == "equals":
        return bool(value == highlight.value)
    if not isinstance(value, int | float | np.number) or is_missing(value):
        return False
    limit = highlight.value
    if not isinstance(limit, int | float):
        return False
    return value < limit if highlight.rule == "below" else value > limit


def _runs(flags: Sequence[bool]) -> Iterator[tuple[int, int]]:
    """Yield (first, last) indexes of each run of True values."""
    start = None
    for index, flag in enumerate([*flags, False]):
        if flag and start is None:
            start = index
        elif not flag and start is not None:
            yield start, index - 1
            start = None


def _add_link(
    sheet: xw.Sheet, part: PlacedBlock, row: int, column: int, target: str
) -> None:
    # NOTE: only text cells get a link: a link's display text replaces the
    # cell value, which would turn a number into text.
    value = part.block.rows[row][column] if row < len(part.block.rows) else None
    if not isinstance(value, str) or not value:
        return
    cell = sheet.range((part.first_body_row + row, column + 1))
    cell.add_hyperlink(f"#{target}", text_to_display=value, screen_tip=target)


def _set_widths(sheet: xw.Sheet, output: OutputSheet) -> None:
    widths: dict[int, float] = {}
    for block in output.blocks:
        for index, column in enumerate(block.columns, start=1):
            width = column.width or _content_width(block, index - 1)
            widths[index] = max(widths.get(index, 0), width)
    remote = sheet.book.app.engine.type == "remote"
    for index, width in widths.items():
        letter = column_letter(index)
        columns = sheet.range(f"{letter}:{letter}")
        columns.column_width = _points(width) if remote else width


def _content_width(block: Block, index: int) -> float:
    texts = [block.columns[index].header]
    texts += [str(row[index]) for row in block.rows[:500] if not is_missing(row[index])]
    return min(MAX_AUTO_WIDTH, max(display_width(value) for value in texts) + 2)


def _points(characters: float) -> float:
    # Office.js sets widths in points; one character of the default 11-point
    # Calibri is 7 pixels, plus 5 pixels of padding, at 0.75 points a pixel.
    return round((characters * 7 + 5) * 0.75, 2)
