"""Render one output sheet as worksheet XML, streamed in chunks.

The XML is built as strings, 500 rows at a time, never as an element tree,
so a sheet of 100,000 rows costs little memory: :meth:`SheetRenderer.chunks`
yields encoded pieces that the package writer compresses as they come. Text cells
are inline strings (``t="inlineStr"``), so the workbook's shared string
table is never touched, and no cell is ever written as a formula.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from addin.model import column_letter
from addin.output import Block, CellFormat, Column, Highlight
from addin.xlsx.layout import BlockPlacement, SheetLayout
from addin.xlsx.styles import CellStyle, HighlightStyle, StyleBook
from addin.xlsx.values import (
    MAX_CELL_CHARS,
    cell_kind,
    clean_text,
    display_width,
    escape_lookalikes,
    number_text,
)

FORMAT_CODES: dict[CellFormat, str] = {
    "text": "General",
    "integer": "#,##0",
    "number": "#,##0.00",
    "amount": "#,##0",
    "percent": "0.0%",
    "date": "yyyy-mm-dd",
    "score": "0",
    "days": "0",
}
_DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
_TIME_FORMAT = "hh:mm"
_MIN_WIDTH, _MAX_WIDTH = 6, 60
_DATE_WIDTH = len("2026-01-31")
_FILTER_BUTTON_WIDTH = 2
_ROWS_PER_CHUNK = 500
_EXTERNAL_LINK = re.compile(r"^(https?|mailto|ftp):", re.IGNORECASE)
_SPREADSHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELATIONSHIP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_XML_ESCAPES = {"\r": "&#13;"}
_SPACES = " \t\n\r"
_EXCEL_EPOCH_ORDINAL = dt.date(1899, 12, 30).toordinal()
_NUMBER_TYPES = {int, float, type(None)}
_TEXT_TYPES = {str, type(None)}
_DATE_TYPES = {dt.date, type(None)}
# Text that needs no cleaning, escaping or xml:space: printable ASCII
# without & < >, not starting or ending with a space, within Excel's limit.
_PLAIN_TEXT = re.compile(r"[!-%'-;=?-~](?:[ -%'-;=?-~]{0,32765}[!-%'-;=?-~])?")
_PAGE_MARGINS = (
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75"'
    ' header="0.3" footer="0.3"/>'
)

# Colours: Excel's standard pale fills and dark fonts for bad, neutral and
# good, a pale blue header fill and the usual hyperlink blue.
HIGHLIGHT_STYLES = {
    "bad": HighlightStyle(color="FF9C0006", fill="FFFFC7CE"),
    "warn": HighlightStyle(color="FF9C5700", fill="FFFFEB9C"),
    "good": HighlightStyle(color="FF006100", fill="FFC6EFCE"),
}
TITLE_STYLE = CellStyle(bold=True, size=14)
BLOCK_TITLE_STYLE = CellStyle(bold=True, size=12)
HEADER_STYLE = CellStyle(bold=True, fill="FFDDEBF7", bottom_border=True, wrap=True)
NOTE_STYLE = CellStyle(italic=True, color="FF595959")
LINK_COLOR = "FF0563C1"
TAB_COLOR = "FF2F5597"


def is_external_link(target: str) -> bool:
    """Return True for a URL target, False for a place in the workbook."""
    return bool(_EXTERNAL_LINK.match(target))


@dataclass(frozen=True)
class SheetRelations:
    """Relationship ids the sheet XML refers to, from the sheet's rels part."""

    tables: dict[int, str] = field(default_factory=dict)
    """Block index -> relationship id of that block's table part."""
    drawing: str | None = None
    links: dict[str, str] = field(default_factory=dict)
    """External link target -> relationship id."""


@dataclass
class _ColumnStyles:
    """Style indexes of one column's cells, by the kind of value."""

    number: int
    date: int
    datetime: int
    time: int
    text: int
    link: int
    wraps: bool = False
    number_attribute: str = field(init=False)
    date_attribute: str = field(init=False)

    def __post_init__(self) -> None:
        self.number_attribute = _style_attribute(self.number)
        self.date_attribute = _style_attribute(self.date)


@dataclass
class SheetRenderer:
    """Render the worksheet XML of one laid-out output sheet."""

    layout: SheetLayout
    styles: StyleBook
    relations: SheetRelations
    language: str = "en"
    warnings: list[str] = field(default_factory=list)
    """Cells whose text was cut to Excel's limit, as ``'Sheet'!B7``."""

    def __post_init__(self) -> None:
        self._title_style = self.styles.cell_style(TITLE_STYLE)
        self._block_title_style = self.styles.cell_style(BLOCK_TITLE_STYLE)
        self._header_style = self.styles.cell_style(HEADER_STYLE)
        self._note_style = self.styles.cell_style(NOTE_STYLE)
        content = [content_widths(placement) for placement in self.layout.blocks]
        self._widths = sheet_widths(self.layout, content)
        self._column_styles = [
            [
                self._styles_of(column, wrap=width > self._widths[number])
                for number, (column, width) in enumerate(
                    zip(placement.block.columns, block_content)
                )
            ]
            for placement, block_content in zip(self.layout.blocks, content)
        ]
        self._dxf_ids = {
            name: self.styles.highlight_style(style)
            for name, style in HIGHLIGHT_STYLES.items()
        }

    def chunks(self) -> Iterator[bytes]:
        """Yield the worksheet XML, UTF-8 encoded, in pieces."""
        yield self._head().encode("utf-8")
        yield self._title_row().encode("utf-8")
        for index, placement in enumerate(self.layout.blocks):
            for piece in self._block_rows(index, placement):
                yield piece.encode("utf-8")
        yield self._tail().encode("utf-8")

    def _styles_of(self, column: Column, wrap: bool) -> _ColumnStyles:
        cell_style = self.styles.cell_style
        number_format = FORMAT_CODES[column.format]
        date_format = number_format if column.format == "date" else "yyyy-mm-dd"
        return _ColumnStyles(
            number=cell_style(CellStyle(number_format=number_format)),
            date=cell_style(CellStyle(number_format=date_format)),
            datetime=cell_style(CellStyle(number_format=_DATETIME_FORMAT)),
            time=cell_style(CellStyle(number_format=_TIME_FORMAT)),
            text=cell_style(CellStyle(wrap=wrap)),
            link=cell_style(CellStyle(underline=True, color=LINK_COLOR, wrap=wrap)),
            wraps=wrap,
        )

    def _head(self) -> str:
        layout = self.layout
        last = f"{column_letter(layout.last_column)}{layout.last_row}"
        parts = [
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n',
            f'<worksheet xmlns="{_SPREADSHEET_NS}" xmlns:r="{_RELATIONSHIP_NS}">',
            f'<sheetPr><tabColor rgb="{TAB_COLOR}"/><pageSetUpPr fitToPage="1"/>',
            "</sheetPr>",
            f'<dimension ref="A1:{last}"/>',
            self._sheet_views(),
            '<sheetFormatPr defaultRowHeight="15"/>',
            _cols_xml(self._widths),
            "<sheetData>",
        ]
        return "".join(parts)

    def _sheet_views(self) -> str:
        frozen = self.layout.frozen_rows
        if not frozen:
            return '<sheetViews><sheetView workbookViewId="0"/></sheetViews>'
        top = f"A{frozen + 1}"
        return (
            '<sheetViews><sheetView workbookViewId="0">'
            f'<pane ySplit="{frozen}" topLeftCell="{top}" activePane="bottomLeft"'
            ' state="frozen"/>'
            f'<selection pane="bottomLeft" activeCell="{top}" sqref="{top}"/>'
            "</sheetView></sheetViews>"
        )

    def _title_row(self) -> str:
        title = self._text_cell("A1", self.layout.sheet.title, self._title_style)
        return f'<row r="1" ht="21" customHeight="1">{title}</row>'

    def _block_rows(self, index: int, placement: BlockPlacement) -> Iterator[str]:
        block = placement.block
        if placement.title_row is not None:
            row = placement.title_row
            cell = self._text_cell(
                f"A{row}", block.title or "", self._block_title_style
            )
            yield f'<row r="{row}">{cell}</row>'
        yield self._header_row(placement)

        styles = self._column_styles[index]
        letters = [column_letter(number) for number in range(1, len(styles) + 1)]
        linked = _links_by_column(block)
        for start in range(0, len(block.rows), _ROWS_PER_CHUNK):
            rows = block.rows[start : start + _ROWS_PER_CHUNK]
            numbers = [str(placement.first_row + start + i) for i in range(len(rows))]
            cells_by_column = [
                self._column_cells(
                    letter,
                    values,
                    numbers,
                    column_styles,
                    linked.get(column, set()),
                    start,
                )
                for column, (letter, values, column_styles) in enumerate(
                    zip(letters, zip(*rows), styles)
                )
            ]
            heights = self._row_heights(index, rows)
            yield "".join(
                f'<row r="{number}"{height}>{"".join(cells)}</row>'
                for number, height, *cells in zip(numbers, heights, *cells_by_column)
            )

        if placement.notes_row is not None:
            for offset, note in enumerate(block.notes):
                row = placement.notes_row + offset
                cell = self._text_cell(f"A{row}", note, self._note_style)
                yield f'<row r="{row}">{cell}</row>'

    def _header_row(self, placement: BlockPlacement) -> str:
        row = placement.header_row
        cells = "".join(
            self._text_cell(f"{column_letter(number)}{row}", header, self._header_style)
            for number, header in enumerate(placement.headers, start=1)
        )
        lines = max(
            (
                _line_count(header, self._widths[number])
                for number, header in enumerate(placement.headers)
            ),
            default=1,
        )
        return f'<row r="{row}"{_height_attribute(lines)}>{cells}</row>'

    def _row_heights(self, index: int, rows: list[tuple[object, ...]]) -> list[str]:
        """Return the height attribute of each row, "" for one line of text.

        Neither Excel nor LibreOffice fits a row to wrapped text when it
        opens a file, so rows whose text wraps get a height of their own,
        estimated from the text's display width.
        """
        wrapped = [
            number
            for number, styles in enumerate(self._column_styles[index])
            if styles.wraps
        ]
        if not wrapped:
            return [""] * len(rows)
        heights = []
        for values in rows:
            lines = 1
            for number in wrapped:
                value = values[number]
                if type(value) is str:
                    lines = max(lines, _line_count(value, self._widths[number]))
            heights.append(_height_attribute(lines))
        return heights

    def _column_cells(
        self,
        letter: str,
        values: tuple[object, ...],
        numbers: list[str],
        styles: _ColumnStyles,
        linked_rows: set[int],
        first_index: int,
    ) -> list[str]:
        """Render one column of a chunk of rows; "" stands for an empty cell.

        This is the hot loop of a big sheet, so a column of only numbers or
        only plain ASCII text is rendered by one comprehension, and every
        other column cell by cell.
        """
        kinds = set(map(type, values))
        simple = kinds <= _NUMBER_TYPES or kinds <= _TEXT_TYPES or kinds <= _DATE_TYPES
        if linked_rows or not simple:
            return [
                self._any_cell(letter + number, value, styles, index in linked_rows)
                for index, (number, value) in enumerate(
                    zip(numbers, values), first_index
                )
            ]
        if kinds <= _NUMBER_TYPES:
            # repr() of a float is its shortest round-trip form, and valid
            # as an xsd:double; NaN and infinities stay empty.
            attribute = styles.number_attribute
            return [
                f'<c r="{letter}{number}"{attribute}><v>{value!r}</v></c>'
                if isinstance(value, int)
                or (isinstance(value, float) and math.isfinite(value))
                else ""
                for number, value in zip(numbers, values)
            ]
        if kinds <= _DATE_TYPES:
            attribute = styles.date_attribute
            return [
                f'<c r="{letter}{number}"{attribute}>'
                f"<v>{value.toordinal() - _EXCEL_EPOCH_ORDINAL}</v></c>"
                if isinstance(value, dt.date)
                else ""
                for number, value in zip(numbers, values)
            ]
        attribute = _style_attribute(styles.text)
        return [
            f'<c r="{letter}{number}"{attribute} t="inlineStr"><is><t>{value}</t></is></c>'
            if isinstance(value, str)
            and _PLAIN_TEXT.fullmatch(value)
            and "_x" not in value
            else self._any_cell(letter + number, value, styles, False)
            for number, value in zip(numbers, values)
        ]

    def _any_cell(
        self, ref: str, value: object, styles: _ColumnStyles, linked: bool
    ) -> str:
        if value is None:
            return ""
        if type(value) is str:
            return self._text_cell(ref, value, styles.link if linked else styles.text)
        if type(value) is dt.date:
            serial = value.toordinal() - _EXCEL_EPOCH_ORDINAL
            return f'<c r="{ref}"{styles.date_attribute}><v>{serial}</v></c>'
        return self._value_cell(ref, value, styles)

    def _value_cell(self, ref: str, value: object, styles: _ColumnStyles) -> str:
        kind = cell_kind(value)
        if kind is None:
            return ""
        name, plain = kind
        if name == "text":
            return self._text_cell(ref, str(plain), styles.text)
        if name == "bool":
            return f'<c r="{ref}" t="b"><v>{int(bool(plain))}</v></c>'
        style = getattr(styles, name) if name != "number" else styles.number
        return f'<c r="{ref}"{_style_attribute(style)}><v>{number_text(plain)}</v></c>'

    def _text_cell(self, ref: str, value: str, style: int) -> str:
        plain = value.isascii() and value.isprintable()
        if plain and len(value) <= MAX_CELL_CHARS:
            cleaned = value
        else:
            cleaned, truncated = clean_text(value, self.language)
            if truncated:
                self.warnings.append(f"'{self.layout.sheet.name}'!{ref}")
        cleaned = escape_lookalikes(cleaned)
        if not cleaned:
            return ""
        space = ""
        if cleaned[0] in _SPACES or cleaned[-1] in _SPACES:
            space = ' xml:space="preserve"'
        text = cleaned
        if "&" in text or "<" in text or ">" in text or "\r" in text:
            text = escape(cleaned, _XML_ESCAPES)
        return (
            f'<c r="{ref}"{_style_attribute(style)} t="inlineStr">'
            f"<is><t{space}>{text}</t></is></c>"
        )

    def _tail(self) -> str:
        parts = [
            "</sheetData>",
            self._conditional_formats(),
            self._hyperlinks(),
            _PAGE_MARGINS,
            # Printed one page wide, as many pages tall as the rows need.
            '<pageSetup orientation="landscape" fitToWidth="1" fitToHeight="0"/>',
        ]
        if self.relations.drawing:
            parts.append(f'<drawing r:id="{self.relations.drawing}"/>')
        if self.relations.tables:
            ids = [
                self.relations.tables[index] for index in sorted(self.relations.tables)
            ]
            parts.append(f'<tableParts count="{len(ids)}">')
            parts.extend(f'<tablePart r:id="{rid}"/>' for rid in ids)
            parts.append("</tableParts>")
        parts.append("</worksheet>")
        return "".join(parts)

    def _conditional_formats(self) -> str:
        parts = []
        priority = 1
        for placement in self.layout.blocks:
            if not placement.block.rows:
                continue
            for highlight in placement.block.highlights:
                formula = highlight_formula(placement, highlight)
                dxf = self._dxf_ids[highlight.style]
                parts.append(
                    f'<conditionalFormatting sqref="{placement.data_ref}">'
                    f'<cfRule type="expression" dxfId="{dxf}" priority="{priority}">'
                    f"<formula>{escape(formula)}</formula></cfRule>"
                    "</conditionalFormatting>"
                )
                priority += 1
        return "".join(parts)

    def _hyperlinks(self) -> str:
        parts = []
        for placement in self.layout.blocks:
            for (row_index, column_index), target in sorted(
                placement.block.links.items()
            ):
                ref = f"{column_letter(column_index + 1)}{placement.first_row + row_index}"
                if is_external_link(target):
                    rid = self.relations.links[target]
                    parts.append(f'<hyperlink ref="{ref}" r:id="{rid}"/>')
                else:
                    location = quoteattr(target.lstrip("#"))
                    parts.append(
                        f'<hyperlink ref="{ref}" location={location}'
                        f" display={quoteattr(target)}/>"
                    )
        return f"<hyperlinks>{''.join(parts)}</hyperlinks>" if parts else ""


def highlight_formula(placement: BlockPlacement, highlight: Highlight) -> str:
    """Return the conditional-format formula of ``highlight`` for the first row.

    Excel shifts the row of a relative reference for each row of the range,
    and the ``$`` keeps the column fixed, so the whole row is filled.
    """
    column = column_letter(placement.column_number(highlight.column))
    cell = f"${column}{placement.first_row}"
    if highlight.rule == "is_true":
        return f"{cell}=TRUE"
    if highlight.rule == "not_empty":
        return f"LEN({cell})>0"
    operand = _formula_operand(highlight.value)
    if highlight.rule == "equals":
        return f"{cell}={operand}"
    operator = "<" if highlight.rule == "below" else ">"
    return f"AND(ISNUMBER({cell}),{cell}{operator}{operand})"


def _formula_operand(value: object) -> str:
    kind = cell_kind(value)
    if kind is None:
        return '""'
    name, plain = kind
    if name == "text":
        return '"' + str(plain).replace('"', '""') + '"'
    if name == "bool":
        return "TRUE" if plain else "FALSE"
    return number_text(plain)


def _style_attribute(style: int) -> str:
    return f' s="{style}"' if style else ""


_LINE_HEIGHT = 15.0
"""Points per line of text at the default 11-point font."""
_MAX_LINES = 20
"""Lines a row grows to at most; longer text is still all in the cell."""


def _line_count(text: str, width: float) -> int:
    """Estimate how many lines ``text`` takes when wrapped in ``width`` characters."""
    usable = max(width - 1, 1.0)
    lines = 0
    for paragraph in text.split("\n"):
        lines += max(1, math.ceil(display_width(paragraph) / usable))
    return min(lines, _MAX_LINES)


def _height_attribute(lines: int) -> str:
    if lines <= 1:
        return ""
    return f' ht="{lines * _LINE_HEIGHT:g}" customHeight="1"'


def _links_by_column(block: Block) -> dict[int, set[int]]:
    linked: dict[int, set[int]] = {}
    for row_index, column_index in block.links:
        linked.setdefault(column_index, set()).add(row_index)
    return linked


def content_widths(placement: BlockPlacement) -> list[int]:
    """Return the widest header or value of each column, in character cells."""
    block = placement.block
    extra = _FILTER_BUTTON_WIDTH if block.table_name else 0
    widths = [display_width(header) + extra for header in placement.headers]
    for number, column in enumerate(block.columns):
        widest_text = 0
        numbers: list[float] = []
        for values in block.rows:
            value = values[number]
            if type(value) is str:
                if len(value) > widest_text or not value.isascii():
                    widest_text = max(widest_text, display_width(value))
            elif type(value) is int or type(value) is float:
                numbers.append(value)
            elif type(value) is dt.date:
                widest_text = max(widest_text, _DATE_WIDTH)
            elif value is not None:
                kind = cell_kind(value)
                if kind is not None:
                    widest_text = max(widest_text, _kind_width(*kind))
        finite = [amount for amount in numbers if math.isfinite(amount)]
        for extreme in (min(finite), max(finite)) if finite else ():
            widest_text = max(widest_text, len(_shown_number(extreme, column.format)))
        widths[number] = max(widths[number], widest_text)
    return widths


def _kind_width(kind: str, plain: object) -> int:
    fixed = {"bool": 5, "date": _DATE_WIDTH, "datetime": 16, "time": 5}
    return fixed.get(kind, display_width(str(plain)))


def _shown_number(value: float, cell_format: CellFormat) -> str:
    if cell_format == "percent":
        return f"{value * 100:,.1f}%"
    if cell_format == "number":
        return f"{value:,.2f}"
    if cell_format == "text":
        return number_text(value)
    return f"{value:,.0f}"


def sheet_widths(layout: SheetLayout, content: list[list[int]]) -> list[float]:
    """Return each sheet column's width: the widest given or sized width.

    A column without a given width is sized to its contents, within 6 to 60
    characters; text wider than its column wraps instead.
    """
    widths = [float(_MIN_WIDTH)] * layout.last_column
    for placement, block_content in zip(layout.blocks, content):
        for number, column in enumerate(placement.block.columns):
            sized = min(max(block_content[number] + 1, _MIN_WIDTH), _MAX_WIDTH)
            wanted = column.width if column.width is not None else sized
            widths[number] = max(widths[number], float(wanted))
    return widths


def _cols_xml(widths: list[float]) -> str:
    cols = "".join(
        f'<col min="{number}" max="{number}" width="{width:g}" customWidth="1"/>'
        for number, width in enumerate(widths, start=1)
    )
    return f"<cols>{cols}</cols>" if cols else ""
