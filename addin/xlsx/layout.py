"""Placement of each part of an output sheet: rows of titles, tables and notes.

A sheet reads top to bottom: the title line in row 1, a blank row, then each
block with its optional title, its header row, its data rows and its notes,
and a blank row before the next block. A block with a chart has the chart to
the right of its table. The next block starts below the chart so that the two
never overlap. Rows and columns here are 1-based, as in Excel.
"""

from __future__ import annotations

from dataclasses import dataclass

from addin.model import column_letter
from addin.output import Block, OutputSheet
from addin.xlsx.values import clean_text

TITLE_ROW = 1
CHART_HEIGHT_ROWS = 16
CHART_WIDTH_COLUMNS = 8


@dataclass(frozen=True)
class BlockPlacement:
    """The rows one block occupies and the header names written for it."""

    block: Block
    headers: tuple[str, ...]
    title_row: int | None
    header_row: int
    last_row: int
    """Last data row; equals ``header_row + 1`` for a table with no rows."""
    notes_row: int | None

    @property
    def first_row(self) -> int:
        return self.header_row + 1

    @property
    def last_column(self) -> str:
        return column_letter(len(self.headers))

    @property
    def table_ref(self) -> str:
        """The A1 range of header and data rows, e.g. ``A3:E40``."""
        return f"A{self.header_row}:{self.last_column}{self.last_row}"

    @property
    def data_ref(self) -> str:
        return f"A{self.first_row}:{self.last_column}{self.last_row}"

    def column_number(self, header: str) -> int:
        """Return the 1-based column of ``header`` in this block."""
        for index, column in enumerate(self.block.columns):
            if column.header == header:
                return index + 1
        raise ValueError(
            f"column {header!r} is not a column of block {self.block.title!r}; "
            f"its columns are {[column.header for column in self.block.columns]}"
        )


@dataclass(frozen=True)
class SheetLayout:
    """The placement of every block of one output sheet."""

    sheet: OutputSheet
    blocks: tuple[BlockPlacement, ...]
    last_row: int
    last_column: int

    @property
    def frozen_rows(self) -> int:
        """Rows kept in view when scrolling: down to the first header, or 0."""
        if not self.sheet.freeze_header or not self.blocks:
            return 0
        return self.blocks[0].header_row


def layout_sheet(sheet: OutputSheet) -> SheetLayout:
    """Place the title and every block of ``sheet`` on its rows."""
    row = TITLE_ROW + 2
    placements = []
    for block in sheet.blocks:
        _check_block(block)
        placement = _place_block(block, row)
        placements.append(placement)
        row = _next_block_row(placement)
    last_row = max([TITLE_ROW] + [_block_end(p) for p in placements])
    last_column = max([1] + [len(block.columns) for block in sheet.blocks])
    return SheetLayout(sheet, tuple(placements), last_row, last_column)


def _place_block(block: Block, row: int) -> BlockPlacement:
    title_row = None
    if block.title:
        title_row, row = row, row + 1
    header_row = row
    # An Excel Table needs at least one row under its header.
    data_rows = max(len(block.rows), 1 if block.table_name else 0)
    last_row = header_row + data_rows
    notes_row = last_row + 2 if block.notes else None
    headers = table_headers(block) if block.table_name else plain_headers(block)
    return BlockPlacement(block, headers, title_row, header_row, last_row, notes_row)


def _block_end(placement: BlockPlacement) -> int:
    if placement.notes_row is not None:
        return placement.notes_row + len(placement.block.notes) - 1
    return max(placement.last_row, placement.title_row or 0, placement.header_row)


def _next_block_row(placement: BlockPlacement) -> int:
    row = _block_end(placement) + 2
    if placement.block.chart is not None:
        chart_top = placement.title_row or placement.header_row
        row = max(row, chart_top + CHART_HEIGHT_ROWS + 1)
    return row


def _check_block(block: Block) -> None:
    """Raise ValueError for rows, links or column names the block lacks."""
    width = len(block.columns)
    for index, row in enumerate(block.rows):
        if len(row) != width:
            raise ValueError(
                f"row {index} of block {block.title!r} has {len(row)} values "
                f"for {width} columns"
            )
    for row_index, column_index in block.links:
        if not (0 <= row_index < len(block.rows) and 0 <= column_index < width):
            raise ValueError(
                f"link at ({row_index}, {column_index}) is outside block "
                f"{block.title!r} of {len(block.rows)} rows and {width} columns"
            )
    headers = [column.header for column in block.columns]
    named = [highlight.column for highlight in block.highlights]
    if block.chart is not None:
        named += [block.chart.category_column, *block.chart.value_columns]
    for header in named:
        if header not in headers:
            raise ValueError(
                f"column {header!r} is not a column of block {block.title!r}; "
                f"its columns are {headers}"
            )


def plain_headers(block: Block) -> tuple[str, ...]:
    return tuple(column.header for column in block.columns)


def table_headers(block: Block) -> tuple[str, ...]:
    """Return header names valid for an Excel Table: one line, non-empty, unique.

    Excel compares table column names without regard to case, so a repeated
    name gets a number: ``Amount``, ``Amount 2``.
    """
    names: list[str] = []
    seen: set[str] = set()
    for index, column in enumerate(block.columns, start=1):
        base = " ".join(clean_text(column.header)[0].split()) or f"Column{index}"
        name, counter = base, 2
        while name.casefold() in seen:
            name, counter = f"{base} {counter}", counter + 1
        seen.add(name.casefold())
        names.append(name)
    return tuple(names)
