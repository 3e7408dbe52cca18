"""Edit an xlsx package at the part level, fast enough for a million rows.

The benchmark workbooks start from a small base workbook (the team template)
and replace the bodies of its input tables with generated rows. Writing those
rows through openpyxl cell objects would take minutes, so this module streams
the worksheet XML itself and keeps every other part of the base as it was:
the header rows, column widths, data validations and table styles.

Strings go to the shared strings table, as Excel writes them; dates are
serial numbers with a date style appended to the style table.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import IO

from lxml import etree

from addin.model import column_index

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
DOC_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"

_NS = {"m": MAIN_NS, "r": DOC_REL_NS, "p": PKG_REL_NS}
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_CELL_REF = re.compile(r"([A-Z]+)(\d+)")
_ROWS_PER_WRITE = 5_000
SHARED_STRINGS = "xl/sharedStrings.xml"

CellValue = str | int | float | dt.date | None


def excel_serial(day: dt.date) -> int:
    """Return the Excel serial number of a date (1900 date system)."""
    return (day - _EXCEL_EPOCH).days


def split_cell(ref: str) -> tuple[str, int]:
    """Return the column letters and row of a cell, or of a range's first cell."""
    match = _CELL_REF.match(ref)
    if match is None:
        raise ValueError(f"invalid cell reference {ref!r}; expected e.g. A1")
    return match.group(1), int(match.group(2))


def escape(value: str) -> str:
    """Escape text for an XML element body."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@dataclass
class TablePart:
    """An Excel Table (ListObject) found in the package."""

    name: str
    path: str
    """Part name of the table definition, e.g. ``xl/tables/table1.xml``."""
    sheet_path: str
    """Part name of the worksheet the table sits on."""
    ref: str
    """Range of the table, header row included, e.g. ``A1:F2``."""
    headers: list[str]

    @property
    def first_column(self) -> int:
        return column_index(split_cell(self.ref)[0])

    @property
    def header_row(self) -> int:
        return split_cell(self.ref)[1]


class Package:
    """An xlsx package held in memory as part name -> bytes.

    Only the small base workbook is held this way. Large sheets are streamed
    straight into the output archive by :meth:`SheetWriter.write`.
    """

    def __init__(self, path: str) -> None:
        with zipfile.ZipFile(path) as archive:
            self.parts = {name: archive.read(name) for name in archive.namelist()}

    def xml(self, name: str) -> etree._Element:
        return etree.fromstring(self.parts[name])

    def set_xml(self, name: str, root: etree._Element) -> None:
        self.parts[name] = etree.tostring(
            root, xml_declaration=True, encoding="UTF-8", standalone=True
        )

    def relationships(self, part: str) -> dict[str, tuple[str, str]]:
        """Return rId -> (type, target part name) of a part's relationships."""
        folder, base = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        if rels_name not in self.parts:
            return {}
        found = {}
        for rel in self.xml(rels_name).iterfind("p:Relationship", _NS):
            target = rel.get("Target")
            if target.startswith("/"):
                target = target[1:]
            else:
                target = posixpath.normpath(posixpath.join(folder, target))
            found[rel.get("Id")] = (rel.get("Type"), target)
        return found

    def sheet_paths(self) -> dict[str, str]:
        """Return sheet name -> worksheet part name, in workbook order."""
        workbook_rels = self.relationships("xl/workbook.xml")
        sheets = {}
        for sheet in self.xml("xl/workbook.xml").iterfind("m:sheets/m:sheet", _NS):
            rel_id = sheet.get(f"{{{DOC_REL_NS}}}id")
            sheets[sheet.get("name")] = workbook_rels[rel_id][1]
        return sheets

    def tables(self) -> dict[str, TablePart]:
        """Return every Excel Table of the package by its name."""
        found = {}
        for sheet_path in self.sheet_paths().values():
            for rel_type, target in self.relationships(sheet_path).values():
                if not rel_type.endswith("/table"):
                    continue
                root = self.xml(target)
                headers = [
                    column.get("name")
                    for column in root.iterfind("m:tableColumns/m:tableColumn", _NS)
                ]
                name = root.get("displayName") or root.get("name")
                found[name] = TablePart(
                    name, target, sheet_path, root.get("ref"), headers
                )
        return found

    def set_table_rows(self, table: TablePart, body_rows: int) -> None:
        """Resize a table (and its filter) to its header plus ``body_rows`` rows."""
        start, end = table.ref.split(":")
        end_column = split_cell(end)[0]
        table.ref = f"{start}:{end_column}{table.header_row + max(body_rows, 1)}"
        root = self.xml(table.path)
        root.set("ref", table.ref)
        auto_filter = root.find("m:autoFilter", _NS)
        if auto_filter is not None:
            auto_filter.set("ref", table.ref)
        self.set_xml(table.path, root)

    def read_table(self, table: TablePart) -> list[list[CellValue]]:
        """Return the body rows of a small table as text and numbers."""
        strings = SharedStrings(self).plain_texts()
        first = table.first_column
        width = len(table.headers)
        rows = []
        for row in self.xml(table.sheet_path).iterfind("m:sheetData/m:row", _NS):
            number = int(row.get("r"))
            if number <= table.header_row:
                continue
            cells: list[CellValue] = [None] * width
            for cell in row.iterfind("m:c", _NS):
                letters = split_cell(cell.get("r"))[0]
                offset = column_index(letters) - first
                if 0 <= offset < width:
                    cells[offset] = _cell_value(cell, strings)
            rows.append(cells)
        return rows[: self._body_rows(table)]

    def _body_rows(self, table: TablePart) -> int:
        end_row = split_cell(table.ref.split(":")[1])[1]
        return end_row - table.header_row

    def column_styles(self, sheet_path: str) -> dict[int, int]:
        """Return 1-based column index -> style index set on whole columns."""
        styles = {}
        for column in self.xml(sheet_path).iterfind("m:cols/m:col", _NS):
            if column.get("style") is None:
                continue
            for index in range(int(column.get("min")), int(column.get("max")) + 1):
                styles[index] = int(column.get("style"))
        return styles

    def append_number_format(self, number_format_id: int) -> int:
        """Append a cell style with a built-in number format; return its index.

        Existing styles keep their indexes, so cells of the base workbook
        look as before.
        """
        root = self.xml("xl/styles.xml")
        cell_styles = root.find("m:cellXfs", _NS)
        style = etree.SubElement(cell_styles, f"{{{MAIN_NS}}}xf")
        style.set("numFmtId", str(number_format_id))
        for attribute in ("fontId", "fillId", "borderId", "xfId"):
            style.set(attribute, "0")
        style.set("applyNumberFormat", "1")
        cell_styles.set("count", str(len(cell_styles)))
        self.set_xml("xl/styles.xml", root)
        return len(cell_styles) - 1

    def add_part(self, name: str, content: bytes, content_type: str | None) -> None:
        """Add a part, with an override in [Content_Types].xml when it has a type."""
        self.parts[name] = content
        if content_type is None:
            return
        root = self.xml("[Content_Types].xml")
        override = etree.SubElement(root, f"{{{CT_NS}}}Override")
        override.set("PartName", "/" + name)
        override.set("ContentType", content_type)
        self.set_xml("[Content_Types].xml", root)

    def add_default_type(self, extension: str, content_type: str) -> None:
        root = self.xml("[Content_Types].xml")
        for default in root.iterfind(f"{{{CT_NS}}}Default"):
            if default.get("Extension").lower() == extension:
                return
        default = etree.Element(f"{{{CT_NS}}}Default")
        default.set("Extension", extension)
        default.set("ContentType", content_type)
        root.insert(0, default)
        self.set_xml("[Content_Types].xml", root)

    def relate(self, source: str, rel_type: str, target: str) -> str:
        """Add a relationship from ``source`` to part ``target``; return its id."""
        folder, base = posixpath.split(source)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        if rels_name in self.parts:
            root = self.xml(rels_name)
        else:
            root = etree.Element(
                f"{{{PKG_REL_NS}}}Relationships", nsmap={None: PKG_REL_NS}
            )
        used = {rel.get("Id") for rel in root}
        number = len(used) + 1
        while f"rId{number}" in used:
            number += 1
        rel = etree.SubElement(root, f"{{{PKG_REL_NS}}}Relationship")
        rel.set("Id", f"rId{number}")
        rel.set("Type", f"{DOC_REL_NS}/{rel_type}")
        rel.set("Target", posixpath.relpath(target, folder))
        self.set_xml(rels_name, root)
        return f"rId{number}"

    def free_name(self, pattern: str) -> str:
        """Return the first part name ``pattern % n`` (n = 1, 2, ...) not in use."""
        number = 1
        while pattern % number in self.parts:
            number += 1
        return pattern % number


def _cell_value(cell: etree._Element, strings: list[str]) -> CellValue:
    kind = cell.get("t")
    if kind == "inlineStr":
        return "".join(cell.itertext())
    value = cell.findtext("m:v", namespaces=_NS)
    if value is None:
        return None
    if kind == "s":
        return strings[int(value)]
    if kind in ("str", "e"):
        return value
    number = float(value)
    return int(number) if number.is_integer() else number


class SharedStrings:
    """The shared strings table: the base's items unchanged, new ones appended."""

    def __init__(self, package: Package) -> None:
        self._items: list[bytes | str] = []
        """Serialized ``<si>`` items of the base, then plain new texts."""
        self._index: dict[str, int] = {}
        self._texts: list[str] = []
        self.references = 0
        """Cells that refer to the table: the ``count`` of the written table."""
        if SHARED_STRINGS not in package.parts:
            return
        root = package.xml(SHARED_STRINGS)
        self.references = int(root.get("count") or 0)
        for item in root.iterfind("m:si", _NS):
            text = "".join(item.itertext())
            self._items.append(etree.tostring(item))
            self._texts.append(text)
            self._index.setdefault(text, len(self._texts) - 1)

    def plain_texts(self) -> list[str]:
        return self._texts

    def index(self, text: str) -> int:
        """Return the index of ``text`` for one more cell, appending it if new."""
        self.references += 1
        found = self._index.get(text)
        if found is None:
            found = len(self._items)
            self._index[text] = found
            self._items.append(text)
        return found

    def to_xml(self) -> bytes:
        start = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<sst xmlns="{MAIN_NS}" count="{self.references}" '
            f'uniqueCount="{len(self._items)}">'
        )
        chunks = [start]
        for item in self._items:
            if isinstance(item, bytes):
                chunks.append(item.decode("utf-8"))
            else:
                chunks.append(f'<si><t xml:space="preserve">{escape(item)}</t></si>')
        chunks.append("</sst>")
        return "".join(chunks).encode("utf-8")


@dataclass(frozen=True)
class ColumnOut:
    """Target column of one generated value, with its cell style."""

    letters: str
    position: int
    """Index of the value in each generated row; -1 leaves the column blank."""
    style: int | None = None
    """Cell style index; None writes numbers unstyled and dates in the date
    style, as a cell typed into an unformatted column would be."""


class SheetWriter:
    """Stream body rows of a table into the XML of its worksheet."""

    def __init__(
        self, strings: SharedStrings, date_style: int, archive: zipfile.ZipFile
    ) -> None:
        self.strings = strings
        self.date_style = date_style
        self.archive = archive

    def write(
        self,
        package: Package,
        table: TablePart,
        columns: Sequence[ColumnOut],
        rows: Iterable[Sequence[CellValue]],
    ) -> None:
        """Write the sheet of ``table`` with ``rows`` under its header row.

        Rows of the base sheet above and at the header row are kept; rows
        below it (a template's blank or sample rows) are replaced.
        """
        head, tail = self._split_base_sheet(package, table)
        with self.archive.open(table.sheet_path, "w", force_zip64=True) as stream:
            stream.write(head)
            self._stream_rows(stream, table.header_row + 1, columns, rows)
            stream.write(tail)

    def _split_base_sheet(
        self, package: Package, table: TablePart
    ) -> tuple[bytes, bytes]:
        root = package.xml(table.sheet_path)
        sheet_data = root.find("m:sheetData", _NS)
        for row in list(sheet_data):
            if int(row.get("r")) > table.header_row:
                sheet_data.remove(row)
        dimension = root.find("m:dimension", _NS)
        if dimension is not None:
            dimension.set("ref", table.ref)
        # A placeholder element marks where the streamed rows go.
        etree.SubElement(sheet_data, f"{{{MAIN_NS}}}rowsGoHere")
        text = etree.tostring(
            root, xml_declaration=True, encoding="UTF-8", standalone=True
        )
        head, _, tail = re.split(rb"(<(?:\w+:)?rowsGoHere\s*/>)", text, maxsplit=1)
        return head, tail

    def _stream_rows(
        self,
        stream: IO[bytes],
        first_row: int,
        columns: Sequence[ColumnOut],
        rows: Iterable[Sequence[CellValue]],
    ) -> None:
        chunks: list[str] = []
        number = first_row
        for row in rows:
            chunks.append(self._row_xml(number, columns, row))
            number += 1
            if len(chunks) >= _ROWS_PER_WRITE:
                stream.write("".join(chunks).encode("utf-8"))
                chunks.clear()
        stream.write("".join(chunks).encode("utf-8"))

    def _row_xml(
        self, number: int, columns: Sequence[ColumnOut], row: Sequence[CellValue]
    ) -> str:
        cells = [f'<row r="{number}">']
        for column in columns:
            if column.position < 0:
                continue
            value = row[column.position]
            if value is None or value == "":
                continue
            ref = f"{column.letters}{number}"
            style = column.style
            if isinstance(value, str):
                kind = ' t="s"'
                value = self.strings.index(value)
            else:
                kind = ""
            if isinstance(value, dt.date):
                value = excel_serial(value)
                style = self.date_style if style is None else style
            styled = "" if style is None else f' s="{style}"'
            cells.append(f'<c r="{ref}"{styled}{kind}><v>{value}</v></c>')
        cells.append("</row>")
        return "".join(cells)


def add_shared_strings_part(package: Package) -> None:
    """Declare the shared strings part when the base workbook has none."""
    if SHARED_STRINGS in package.parts:
        return
    package.add_part(
        SHARED_STRINGS,
        b"",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml",
    )
    package.relate("xl/workbook.xml", "sharedStrings", SHARED_STRINGS)


def write_parts(
    package: Package, archive: zipfile.ZipFile, leave_out: Iterable[str]
) -> None:
    """Write the parts held in memory, [Content_Types].xml first as Excel does."""
    skipped = set(leave_out)
    names = sorted(package.parts, key=lambda name: name != "[Content_Types].xml")
    for name in names:
        if name not in skipped:
            archive.writestr(name, package.parts[name])


def png_image(width: int, height: int, color: tuple[int, int, int]) -> bytes:
    """Return a PNG of a vertical gradient from ``color`` to white."""
    lines = []
    for y in range(height):
        shade = y / max(height - 1, 1)
        pixel = bytes(int(c + (255 - c) * shade) for c in color)
        lines.append(b"\x00" + pixel * width)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(b"".join(lines), 9))
        + _png_chunk(b"IEND", b"")
    )


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    checksum = zlib.crc32(kind + body) & 0xFFFFFFFF
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", checksum)
