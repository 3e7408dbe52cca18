"""Where the parts of an output sheet go: the grid of cells it becomes.

An :class:`~addin.output.OutputSheet` says what a sheet shows; this module
places it on a grid, so that every writer puts the same value in the same
cell. The sheet title is in A1 and row 2 is blank. Each block follows: its
title row (if it has one), its header row, its body rows, one row per note,
then a blank row before the next block.
"""

from __future__ import annotations

from dataclasses import dataclass

from addin.model import CellValue
from addin.output import Block, OutputSheet

FIRST_BLOCK_ROW = 3
"""Excel row of the first block: under the title in row 1 and a blank row."""


@dataclass(frozen=True)
class PlacedBlock:
    """A block and the Excel rows (1-based) of its parts."""

    block: Block
    title_row: int | None
    header_row: int
    first_body_row: int
    notes_row: int
    """Excel row of the first note, just under the body."""

    @property
    def last_row(self) -> int:
        """Return the last Excel row the block fills (the header if no body)."""
        return self.notes_row + len(self.block.notes) - 1

    @property
    def last_body_row(self) -> int:
        """Return the last body row; the header row when the body is empty."""
        return self.first_body_row + len(self.block.rows) - 1


def place_blocks(sheet: OutputSheet) -> list[PlacedBlock]:
    """Return the blocks of ``sheet`` with their rows, top to bottom."""
    placed = []
    row = FIRST_BLOCK_ROW
    for block in sheet.blocks:
        title_row = row if block.title else None
        header_row = row + (1 if block.title else 0)
        notes_row = header_row + 1 + len(block.rows)
        placed.append(
            PlacedBlock(block, title_row, header_row, header_row + 1, notes_row)
        )
        row = notes_row + len(block.notes) + 1
    return placed


def freeze_row(sheet: OutputSheet) -> int | None:
    """Return the first row under the frozen panes, or None for no freeze."""
    if not sheet.freeze_header or not sheet.blocks:
        return None
    return place_blocks(sheet)[0].header_row + 1


def sheet_grid(sheet: OutputSheet) -> list[list[CellValue]]:
    """Return every cell of ``sheet`` as rows from A1; None is an empty cell."""
    placed = place_blocks(sheet)
    height = placed[-1].last_row if placed else 1
    width = max([1] + [len(block.columns) for block in sheet.blocks])
    grid: list[list[CellValue]] = [[None] * width for _ in range(height)]
    grid[0][0] = sheet.title
    for part in placed:
        _fill_block(grid, part)
    return grid


def _fill_block(grid: list[list[CellValue]], part: PlacedBlock) -> None:
    block = part.block
    if part.title_row is not None:
        grid[part.title_row - 1][0] = block.title
    for index, column in enumerate(block.columns):
        grid[part.header_row - 1][index] = column.header
    for offset, row in enumerate(block.rows):
        grid[part.first_body_row - 1 + offset][: len(row)] = list(row)
    for offset, note in enumerate(block.notes):
        grid[part.notes_row - 1 + offset][0] = note
