"""What an output sheet contains, independent of how it is written.

The engine's results are turned into :class:`OutputSheet` values; the xlsx
package writer and the xlwings writer both render the same values, which is
what makes the CLI and the Excel add-in give identical sheets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from addin.model import CellValue

CellFormat = Literal[
    "text", "integer", "number", "amount", "percent", "date", "score", "days"
]

HighlightRule = Literal["is_true", "not_empty", "equals", "below", "above"]


@dataclass(frozen=True)
class Column:
    """One column of a block: header, number format and width in characters."""

    header: str
    format: CellFormat = "text"
    width: float | None = None
    """Width in characters; None lets the writer size it from the contents."""


@dataclass(frozen=True)
class Highlight:
    """A conditional highlight on the rows of a block.

    The whole row is filled when the cell of ``column`` meets ``rule``
    (compared with ``value`` for equals, below and above).
    """

    column: str
    rule: HighlightRule
    value: CellValue = None
    style: Literal["bad", "warn", "good"] = "warn"


@dataclass(frozen=True)
class Chart:
    """A native Excel chart drawn from columns of the block it belongs to."""

    kind: Literal["bar", "column", "line"]
    title: str
    category_column: str
    value_columns: tuple[str, ...]


@dataclass
class Block:
    """A titled table on an output sheet, with notes and an optional chart."""

    columns: list[Column]
    rows: list[tuple[CellValue, ...]]
    title: str | None = None
    table_name: str | None = None
    """Name of the Excel Table made of this block; None writes a plain range."""
    highlights: list[Highlight] = field(default_factory=list)
    links: dict[tuple[int, int], str] = field(default_factory=dict)
    """(row index, column index) -> target such as ``'Deals'!D14``."""
    chart: Chart | None = None
    notes: list[str] = field(default_factory=list)
    """Sentences written under the table, one per row."""


@dataclass
class OutputSheet:
    """One sheet salesflow owns and rewrites on every refresh."""

    name: str
    title: str
    """Title line, with the as-of date, written in the first row."""
    blocks: list[Block]
    hidden: bool = False
    freeze_header: bool = True
    """Freeze panes under the header of the first block."""
