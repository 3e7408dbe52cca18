"""Find the input tables in a team workbook and read their raw cell values.

A table is found by its Excel Table name (``tblDeals``), else by its sheet
(English name or Chinese alias) and the first row among the sheet's first 30
that contains the table's required headers. Headers map onto the column keys
of :mod:`addin.schema` through :func:`addin.values.normalize_name`, so case,
spaces, full-width forms and Chinese aliases do not matter. Values are
returned as stored, unparsed: the validator parses them.

The search itself works on plain grids of values (:func:`tables_from_grids`).
The Excel add-in reads cells through xlwings and hands its grids to the
same search. :func:`read_workbook` gets its grids from an .xlsx file with
python-calamine and reads the Excel Table definitions from the package.
"""

from __future__ import annotations

import dataclasses
import logging
import math
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from lxml import etree
from python_calamine import CalamineError, CalamineWorkbook, SheetTypeEnum

from addin import schema
from addin.errors import WorkbookError
from addin.locale import text
from addin.model import (
    CellValue,
    Issue,
    RawTable,
    RawWorkbook,
    TableLocation,
    column_index,
    column_letter,
)
from addin.values import normalize_name, parse_id

logger = logging.getLogger(__name__)

Grid = list[list[CellValue]]
"""A sheet's values as rows of cells, starting at A1; rows may be ragged."""

HEADER_SEARCH_ROWS = 30
"""How many rows from the top of a sheet are searched for a header row."""


@dataclass(frozen=True)
class TableDef:
    """An Excel Table (ListObject) as the workbook defines it."""

    name: str
    sheet: str
    ref: str
    """Range of the whole table, header and totals rows included: ``A1:F5``."""
    header_rows: int = 1
    totals_rows: int = 0
    columns: tuple[str, ...] = ()
    """Column names from the definition, used when the table shows no header."""


@dataclass(frozen=True)
class _Area:
    """The place of one input table on its sheet; rows and columns are 1-based."""

    sheet: str
    header_row: int
    first_column: int
    last_column: int
    last_row: int | None
    """Last data row of an Excel Table; None reads down to the first blank row."""
    headers: tuple[CellValue, ...]
    table_name: str | None = None
    """Name of the Excel Table the area is, if it is one."""
    rows_below: tuple[int, int] | None = None
    """First and last row typed directly under the Excel Table, read with it."""


# ---------------------------------------------------------------------------
# Finding tables in grids


def tables_from_grids(
    sheets: Mapping[str, Grid],
    table_defs: Sequence[TableDef] = (),
    *,
    path: str = "",
    language: str = "en",
) -> RawWorkbook:
    """Find every input table in sheets of values and read its columns.

    Args:
        sheets: Sheet name -> grid of values from A1, in workbook order. The
            mapping may load a grid only when it is first looked up.
        table_defs: The workbook's Excel Tables; a table named like a
            schema table (case-insensitive) is used before any search.
        path: Workbook path, recorded in the result.
        language: Language of the issues' messages.

    Returns:
        The tables found, and an issue for each table that is missing, each
        duplicated header and each missing required column.
    """
    book = RawWorkbook(path=path, sheet_names=list(sheets), tables={})
    for spec in schema.INPUT_TABLES:
        area, missing = _locate(spec, sheets, table_defs, language)
        if area is None:
            book.issues.append(missing)  # type: ignore[arg-type]
            continue
        table, issues = _read_area(spec, area, sheets[area.sheet], language)
        book.tables[spec.key] = table
        book.issues.extend(issues)
    return book


def _locate(
    spec: schema.TableSpec,
    sheets: Mapping[str, Grid],
    table_defs: Sequence[TableDef],
    language: str,
) -> tuple[_Area | None, Issue | None]:
    """Return where the table of ``spec`` is, or the issue that it is missing."""
    for table_def in table_defs:
        named = table_def.name.casefold() == spec.table_name.casefold()
        if named and table_def.sheet in sheets:
            area = _table_area(table_def, sheets[table_def.sheet], table_defs)
            return area, None

    sheet = _find_sheet(spec, sheets)
    if sheet is None:
        return None, _missing_sheet(spec, language)
    found = _search_header(spec, sheets[sheet])
    if found is None:
        return None, _missing_header(spec, sheet, language)

    row, first_column, last_column = found
    for table_def in table_defs:
        on_sheet = table_def.sheet == sheet
        if on_sheet and _is_header_of(table_def, row, first_column, last_column):
            return _table_area(table_def, sheets[sheet], table_defs), None
    headers = tuple(
        _cell(sheets[sheet], row, c) for c in range(first_column, last_column + 1)
    )
    return _Area(sheet, row, first_column, last_column, None, headers), None


def _find_sheet(spec: schema.TableSpec, sheets: Mapping[str, Grid]) -> str | None:
    by_name = {normalize_name(sheet): sheet for sheet in reversed(list(sheets))}
    for name in (spec.sheet, *spec.sheet_aliases):
        if normalize_name(name) in by_name:
            return by_name[normalize_name(name)]
    return None


def _table_area(
    table_def: TableDef, grid: Grid, table_defs: Sequence[TableDef] = ()
) -> _Area:
    first, last = _parse_ref(table_def.ref)
    header_row = first[0] + table_def.header_rows - 1
    if table_def.header_rows:
        headers = tuple(_cell(grid, first[0], c) for c in range(first[1], last[1] + 1))
    else:
        headers = table_def.columns
    last_row = last[0] - table_def.totals_rows
    area = _Area(
        table_def.sheet,
        header_row,
        first[1],
        last[1],
        last_row,
        headers,
        table_name=table_def.name,
    )
    if table_def.totals_rows == 0:
        below = _rows_below(area, grid, table_def, table_defs)
        if below is not None:
            area = dataclasses.replace(area, last_row=below[1], rows_below=below)
    return area


def _rows_below(
    area: _Area, grid: Grid, table_def: TableDef, table_defs: Sequence[TableDef]
) -> tuple[int, int] | None:
    """Return the rows typed directly under an Excel Table, if any.

    Excel grows a Table when a row is typed under it, but LibreOffice, WPS
    and scripts do not, so such rows would silently be left out. They run
    down to the first blank row, another Excel Table, or a header row of
    another input table.
    """
    taken = {
        row
        for other in table_defs
        if other.sheet == table_def.sheet and other.name != table_def.name
        for row in range(_parse_ref(other.ref)[0][0], _parse_ref(other.ref)[1][0] + 1)
    }
    foreign = {normalize_name(header) for header in _foreign_headers_all()}
    start = (area.last_row or area.header_row) + 1
    row = start
    while row <= len(grid) and row not in taken:
        cells = grid[row - 1][area.first_column - 1 : area.last_column]
        if cells.count(None) + cells.count("") == len(cells):
            break
        if _names_any(cells, foreign):
            break
        row += 1
    return (start, row - 1) if row > start else None


def _foreign_headers_all() -> set[str]:
    """Return the headers of every input table, so a new table's header stops a read."""
    return {
        name
        for spec in schema.INPUT_TABLES
        for column in spec.columns
        for name in (column.header, *column.aliases)
    }


def _is_header_of(
    table_def: TableDef, row: int, first_column: int, last_column: int
) -> bool:
    """Return whether a header run found by search is an Excel Table's header.

    The table is used only when it lies within the run, so one Excel Table
    spanning several settings tables is not read as each of them.
    """
    first, last = _parse_ref(table_def.ref)
    within = first_column <= first[1] and last[1] <= last_column
    return first[0] == row and table_def.header_rows > 0 and within


def _parse_ref(ref: str) -> tuple[tuple[int, int], tuple[int, int]]:
    """Return the (row, column) corners of ``A1:F5``, 1-based."""
    corners = [_parse_cell(part) for part in ref.replace("$", "").split(":")]
    return corners[0], corners[-1]


def _parse_cell(reference: str) -> tuple[int, int]:
    match = re.fullmatch(r"([A-Za-z]+)(\d+)", reference)
    if match is None:
        raise ValueError(f"not a cell reference: {reference!r}")
    return int(match[2]), column_index(match[1])


def _search_header(spec: schema.TableSpec, grid: Grid) -> tuple[int, int, int] | None:
    """Return (row, first column, last column) of the table's header row.

    The first run of adjacent headers with every required header wins.
    Failing that, the run with the most required headers is taken if it has
    at least one of them and two known headers, so that the reader can name
    the missing columns instead of missing the whole table.
    """
    known = _header_keys(spec)
    foreign = _foreign_headers(spec)
    required = {column.key for column in spec.required_columns}
    best: tuple[int, int, int] | None = None
    best_count = 0
    for row in range(1, min(len(grid), HEADER_SEARCH_ROWS) + 1):
        for first, last in _header_runs(grid[row - 1], foreign):
            names = [
                normalize_name(_cell(grid, row, c)) for c in range(first, last + 1)
            ]
            keys = {known[name] for name in names if name in known}
            if required <= keys:
                return row, first, last
            enough = len(keys) >= min(2, len(spec.columns))
            if enough and len(keys & required) > best_count:
                best, best_count = (row, first, last), len(keys & required)
    return best


def _header_runs(
    cells: list[CellValue], foreign: set[str]
) -> Iterator[tuple[int, int]]:
    """Yield (first, last) 1-based columns of header runs in one row.

    On a sheet that holds only this table, the run spans from the first to
    the last non-blank cell, so a blank spacer column does not cut the
    table in two. On a sheet shared with other tables, a run is a stretch
    of adjacent non-blank cells, and a header of another table starts a new
    run, so that tables placed side by side stay apart.
    """
    filled = [
        index for index, value in enumerate(cells, start=1) if not _is_blank(value)
    ]
    if not foreign:
        if filled:
            yield filled[0], filled[-1]
        return

    start = None
    for index, value in enumerate(cells, start=1):
        blank = _is_blank(value)
        if start is not None and (blank or normalize_name(value) in foreign):
            yield start, index - 1
            start = None
        if start is None and not blank:
            start = index
    if start is not None:
        yield start, len(cells)


def _header_keys(spec: schema.TableSpec) -> dict[str, str]:
    """Map each accepted header of ``spec`` (normalized) to its column key."""
    keys = {}
    for column in spec.columns:
        for header in (column.header, *column.aliases):
            keys[normalize_name(header)] = column.key
    return keys


def _foreign_headers(spec: schema.TableSpec) -> set[str]:
    """Return the headers of other tables that share the sheet of ``spec``."""
    own = set(_header_keys(spec))
    foreign: set[str] = set()
    for other in schema.INPUT_TABLES:
        if other.key != spec.key and other.sheet == spec.sheet:
            foreign.update(set(_header_keys(other)) - own)
    return foreign


# ---------------------------------------------------------------------------
# Reading one table


def _read_area(
    spec: schema.TableSpec, area: _Area, grid: Grid, language: str
) -> tuple[RawTable, list[Issue]]:
    columns, extra, issues = _map_headers(spec, area, language)
    location = TableLocation(
        sheet=area.sheet,
        header_row=area.header_row,
        columns={key: column_letter(index) for key, index in columns.items()},
    )
    issues.extend(_missing_columns(spec, area, columns, language))

    rows = list(_data_rows(spec, area, grid))
    records = [grid[row - 1] for row in rows]
    values = {key: _column(records, index - 1) for key, index in columns.items()}
    if area.rows_below is not None:
        issues.append(_rows_below_issue(area, language))
    return RawTable(spec.key, location, rows, values, extra), issues


def _rows_below_issue(area: _Area, language: str) -> Issue:
    first, last = area.rows_below  # type: ignore[misc]
    fields = {"table": area.table_name, "first": first, "last": last}
    return Issue(
        severity="warning",
        sheet=area.sheet,
        cell=f"{column_letter(area.first_column)}{first}",
        deal="",
        message=text("reader.rows_below_table", language, **fields),
        fix=text("reader.rows_below_table.fix", language, **fields),
    )


def _map_headers(
    spec: schema.TableSpec, area: _Area, language: str
) -> tuple[dict[str, int], list[str], list[Issue]]:
    """Return column key -> column index, the unknown headers and duplicates."""
    known = _header_keys(spec)
    columns: dict[str, int] = {}
    extra: list[str] = []
    issues: list[Issue] = []
    for offset, header in enumerate(area.headers):
        index = area.first_column + offset
        key = known.get(normalize_name(header))
        if key is None:
            if not _is_blank(header):
                extra.append(str(header).strip())
        elif key in columns:
            issues.append(_duplicate_header(spec, area, columns[key], index, language))
        else:
            columns[key] = index
    return columns, extra, issues


def _data_rows(spec: schema.TableSpec, area: _Area, grid: Grid) -> Iterator[int]:
    """Yield the Excel rows of the table's records, skipping empty rows.

    An Excel Table ends at its own last row, without its Totals row. A table
    found by its header row ends at the first empty row, at the end of the
    sheet's cells, or at a header row of another table on the sheet.
    """
    foreign = _foreign_headers(spec) if area.last_row is None else set()
    last = len(grid) if area.last_row is None else min(area.last_row, len(grid))
    for row in range(area.header_row + 1, last + 1):
        cells = grid[row - 1][area.first_column - 1 : area.last_column]
        empty = cells.count(None) + cells.count("") == len(cells)
        if area.last_row is None and (empty or _names_any(cells, foreign)):
            return
        if not empty:
            yield row


def _names_any(cells: list[CellValue], names: set[str]) -> bool:
    """Return whether a text cell of ``cells`` is one of ``names`` (normalized)."""
    if not names:
        return False
    return any(
        isinstance(value, str) and normalize_name(value) in names for value in cells
    )


def _column(records: list[list[CellValue]], index: int) -> list[CellValue]:
    """Return the values at 0-based ``index`` of each record, blanks as None."""
    try:
        return [None if (value := cells[index]) == "" else value for cells in records]
    except IndexError:
        # Rows of a grid may be ragged (xlwings, hand-made grids): check each.
        return [
            None if index >= len(cells) or cells[index] == "" else cells[index]
            for cells in records
        ]


def _cell(grid: Grid, row: int, column: int) -> CellValue:
    """Return the value at 1-based (row, column), None beyond the grid."""
    if row > len(grid):
        return None
    cells = grid[row - 1]
    return cells[column - 1] if column <= len(cells) else None


def _is_blank(value: CellValue) -> bool:
    if value is None or value == "":
        return True
    return isinstance(value, float) and math.isnan(value)


# ---------------------------------------------------------------------------
# Issues met while finding tables


def _table_title(spec: schema.TableSpec, language: str = "en") -> str:
    """Return a table's name as a reader says it: tblCommissionCurve -> Commission Curve.

    In Chinese a table is named after its sheet, or after the title the
    template writes above it on the shared Settings sheet.
    """
    if language == "zh-CN":
        titled = _SETTINGS_TABLE_TITLES.get(spec.key)
        return text(titled, language) if titled else spec.sheet_in(language)
    name = spec.table_name.removeprefix("tbl")
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name)


_SETTINGS_TABLE_TITLES = {
    "settings": "template.settings.title",
    "rates": "template.rates.title_plain",
    "curve": "template.curve.title",
}


def _headers_of(columns: Sequence[schema.ColumnSpec], language: str = "en") -> str:
    return ", ".join(column.header_in(language) for column in columns)


def _missing_sheet(spec: schema.TableSpec, language: str) -> Issue:
    fields = {
        "sheet": spec.sheet_in(language),
        "table": spec.table_name,
        "headers": _headers_of(spec.columns, language),
    }
    return Issue(
        severity="error",
        sheet=spec.sheet_in(language),
        cell="",
        deal="",
        message=text("reader.missing_sheet", language, **fields),
        fix=text("reader.missing_sheet.fix", language, **fields),
    )


def _missing_header(spec: schema.TableSpec, sheet: str, language: str) -> Issue:
    fields = {
        "sheet": sheet,
        "table": spec.table_name,
        "headers": _headers_of(spec.required_columns, language),
        "rows": HEADER_SEARCH_ROWS,
    }
    return Issue(
        severity="error",
        sheet=sheet,
        cell="",
        deal="",
        message=text("reader.missing_header", language, **fields),
        fix=text("reader.missing_header.fix", language, **fields),
    )


def _missing_columns(
    spec: schema.TableSpec, area: _Area, columns: Mapping[str, int], language: str
) -> list[Issue]:
    missing = [column for column in spec.required_columns if column.key not in columns]
    if not missing:
        return []
    fields = {
        "sheet": area.sheet,
        "table": _table_title(spec, language),
        "row": area.header_row,
        "headers": _headers_of(missing, language),
    }
    issue = Issue(
        severity="error",
        sheet=area.sheet,
        cell=f"{column_letter(area.first_column)}{area.header_row}",
        deal="",
        message=text("reader.missing_columns", language, **fields),
        fix=text("reader.missing_columns.fix", language, **fields),
    )
    return [issue]


def _duplicate_header(
    spec: schema.TableSpec, area: _Area, first: int, second: int, language: str
) -> Issue:
    first_header = area.headers[first - area.first_column]
    second_header = area.headers[second - area.first_column]
    fields = {
        "header": str(second_header).strip(),
        "first_header": str(first_header).strip(),
        "first": f"{column_letter(first)}{area.header_row}",
        "second": f"{column_letter(second)}{area.header_row}",
        "table": spec.table_name,
    }
    same = normalize_name(first_header) == normalize_name(second_header)
    key = "reader.duplicate_header" if same else "reader.duplicate_column"
    return Issue(
        severity="error",
        sheet=area.sheet,
        cell=fields["second"],
        deal="",
        message=text(key, language, **fields),
        fix=text(f"{key}.fix", language, **fields),
    )


# ---------------------------------------------------------------------------
# Reading an .xlsx file

_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_DOCUMENT = _REL_NS + "/officeDocument"
_OLE_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")
# An Office file encrypted with a password to open is a compound (OLE) file
# with these streams in place of the zip package.
_ENCRYPTION_STREAMS = (
    "EncryptionInfo".encode("utf-16-le"),
    "EncryptedPackage".encode("utf-16-le"),
)
_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)
# Start tags of a formula element, with or without a namespace prefix.
_FORMULA_TAGS = (b"<f>", b"<f ", b":f>", b":f ")
# Type attribute of a cell that contains an error value such as #N/A.
_SCAN_TAGS = (*_FORMULA_TAGS, b't="e"')
_SCAN_CHUNK = 1 << 20
_REF = re.compile(r"\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?")
# Errors raised while reading a part of a damaged package: a bad CRC or
# compressed stream, a part cut short, invalid XML, or a missing part.
_DAMAGED_PACKAGE = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    etree.XMLSyntaxError,
    KeyError,
)


def read_workbook(path: str | Path, language: str = "en") -> RawWorkbook:
    """Read the input tables of the .xlsx or .xlsm workbook at ``path``.

    Values come from python-calamine (formulas as their saved results);
    Excel Table definitions are read from the package. A formula cell with
    no saved result inside a table is reported as an issue.

    Raises:
        WorkbookError: the file is missing, is not an Excel workbook, is
            protected with a password or is damaged. The message names the
            cause and what to do.
    """
    path = Path(path)
    with _open_package(path, language) as package:
        try:
            parts = _sheet_parts(package)
            table_defs = _read_table_defs(package, parts)
            grids = _CalamineGrids(_open_calamine(path, language), path, language)
            book = tables_from_grids(
                grids, table_defs, path=str(path), language=language
            )
            book.issues.extend(_unknown_value_issues(package, parts, book, language))
        except _DAMAGED_PACKAGE as error:
            raise _damaged(path, error, language) from None
    logger.debug("read %s: tables %s", path, sorted(book.tables))
    return book


def read_sheet_grids(path: str | Path, language: str = "en") -> Mapping[str, Grid]:
    """Return the worksheets of ``path`` by name, each read on first lookup.

    Raises:
        WorkbookError: The file, or a sheet when it is looked up, is damaged.
    """
    path = Path(path)
    return _CalamineGrids(_open_calamine(path, language), path, language)


class _CalamineGrids(Mapping[str, Grid]):
    """The worksheets of a calamine workbook, each read on first lookup."""

    def __init__(self, workbook: CalamineWorkbook, path: Path, language: str) -> None:
        self._workbook = workbook
        self._path = path
        self._language = language
        self._names = [
            sheet.name
            for sheet in workbook.sheets_metadata
            if sheet.typ == SheetTypeEnum.WorkSheet
        ]
        self._grids: dict[str, Grid] = {}

    def __getitem__(self, name: str) -> Grid:
        if name not in self._names:
            raise KeyError(name)
        if name not in self._grids:
            self._grids[name] = self._read(name)
        return self._grids[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def _read(self, name: str) -> Grid:
        try:
            sheet = self._workbook.get_sheet_by_name(name)
            # NOTE: a duration cell comes back as a timedelta, which no input
            # column expects: the typed parsers reject it, parse_text keeps
            # Python's text of it.
            rows = cast(Grid, sheet.to_python(skip_empty_area=False))
        except CalamineError as error:
            raise _damaged(self._path, error, self._language) from None
        if not rows or sheet.start is None or sheet.end is None:
            return []
        # The grid is meant to start at A1; pad it if calamine left out the
        # empty rows and columns above and left of the first used cell.
        top, left = sheet.start
        if len(rows) == sheet.end[0] - top + 1 and (top or left):
            rows = [[] for _ in range(top)] + [[None] * left + row for row in rows]
        return rows


def _open_calamine(path: Path, language: str) -> CalamineWorkbook:
    try:
        return CalamineWorkbook.from_path(str(path))
    except CalamineError as error:
        raise _damaged(path, error, language) from None


# ---------------------------------------------------------------------------
# Telling unreadable files apart


def _open_package(path: Path, language: str) -> zipfile.ZipFile:
    """Open the file as an Office package, or raise a WorkbookError saying why not."""
    if not path.exists():
        raise WorkbookError(text("reader.file_missing", language, path=path))
    if path.is_dir():
        raise WorkbookError(text("reader.not_a_file", language, path=path))
    with path.open("rb") as stream:
        head = stream.read(4096)
    if head.startswith(_OLE_SIGNATURE):
        raise WorkbookError(_compound_file_message(path, language))

    try:
        package = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        if head.startswith(b"PK"):
            raise _damaged(path, error, language) from None
        raise WorkbookError(_not_a_package_message(path, head, language)) from None
    try:
        _check_spreadsheet(package, path, language)
    except BaseException:
        package.close()
        raise
    return package


def _compound_file_message(path: Path, language: str) -> str:
    content = path.read_bytes()
    if any(stream in content for stream in _ENCRYPTION_STREAMS):
        return text("reader.encrypted", language, path=path)
    return text("reader.old_format", language, path=path)


def _not_a_package_message(path: Path, head: bytes, language: str) -> str:
    if not head:
        return text("reader.empty_file", language, path=path)
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return text("reader.not_a_workbook", language, path=path)
    return text("reader.text_file", language, path=path)


def _check_spreadsheet(package: zipfile.ZipFile, path: Path, language: str) -> None:
    """Raise a WorkbookError unless the zip package is an Excel workbook."""
    names = set(package.namelist())
    kinds = {
        "xl/workbook.bin": "reader.binary_workbook",
        "word/document.xml": "reader.word_document",
        "ppt/presentation.xml": "reader.presentation",
        "content.xml": "reader.opendocument",
    }
    for part, key in kinds.items():
        if part in names:
            raise WorkbookError(text(key, language, path=path))
    if _workbook_part(package) not in names:
        raise WorkbookError(text("reader.not_a_workbook", language, path=path))


def _damaged(path: Path, error: BaseException, language: str) -> WorkbookError:
    logger.debug("cannot read %s: %r", path, error)
    return WorkbookError(text("reader.damaged", language, path=path, detail=error))


# ---------------------------------------------------------------------------
# Package parts: sheets and Excel Table definitions


def _parse_part(package: zipfile.ZipFile, part: str) -> etree._Element:
    return etree.fromstring(package.read(part), _XML_PARSER)


def _relationships(package: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Return relationship id -> (type, target part) of ``part``."""
    folder, name = posixpath.split(part)
    rels_part = posixpath.join(folder, "_rels", name + ".rels")
    if rels_part not in package.namelist():
        return {}
    relationships = {}
    for rel in _parse_part(package, rels_part).iter(
        f"{{{_PACKAGE_REL_NS}}}Relationship"
    ):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        if target.startswith("/"):
            target = target.lstrip("/")
        else:
            target = posixpath.normpath(posixpath.join(folder, target))
        relationships[rel.get("Id", "")] = (rel.get("Type", ""), target)
    return relationships


def _workbook_part(package: zipfile.ZipFile) -> str:
    for rel_type, target in _relationships(package, "").values():
        if rel_type == _OFFICE_DOCUMENT:
            return target
    return "xl/workbook.xml"


def _sheet_parts(package: zipfile.ZipFile) -> dict[str, str]:
    """Return sheet name -> part of each sheet listed in the workbook."""
    workbook = _workbook_part(package)
    relationships = _relationships(package, workbook)
    parts = {}
    for sheet in _parse_part(package, workbook).iter(f"{{{_MAIN_NS}}}sheet"):
        rel = relationships.get(sheet.get(f"{{{_REL_NS}}}id", ""))
        if rel is not None:
            parts[sheet.get("name", "")] = rel[1]
    return parts


def _read_table_defs(
    package: zipfile.ZipFile, parts: Mapping[str, str]
) -> list[TableDef]:
    """Read the Excel Table definitions of every sheet."""
    names = set(package.namelist())
    table_defs = []
    for sheet, part in parts.items():
        if part not in names:
            continue
        for rel_type, target in _relationships(package, part).values():
            if rel_type.endswith("/table") and target in names:
                table_def = _table_def(_parse_part(package, target), sheet)
                if table_def is not None:
                    table_defs.append(table_def)
    return table_defs


def _table_def(table: etree._Element, sheet: str) -> TableDef | None:
    """Return the definition of an Excel Table, or None if it is malformed.

    The table is then looked for by its header row, like a plain range.
    """
    name = table.get("displayName") or table.get("name", "")
    ref = table.get("ref", "")
    header_rows = table.get("headerRowCount", "1")
    totals_rows = table.get("totalsRowCount", "0")
    well_formed = (
        _REF.fullmatch(ref) and header_rows.isdigit() and totals_rows.isdigit()
    )
    if not well_formed:
        logger.warning(
            "skipped Excel Table %r on sheet %r: invalid ref %r", name, sheet, ref
        )
        return None
    columns = tuple(
        column.get("name", "") for column in table.iter(f"{{{_MAIN_NS}}}tableColumn")
    )
    return TableDef(name, sheet, ref, int(header_rows), int(totals_rows), columns)


# ---------------------------------------------------------------------------
# Cells whose value is unknown: formulas without a saved result, and errors


def _unknown_value_issues(
    package: zipfile.ZipFile,
    parts: Mapping[str, str],
    book: RawWorkbook,
    language: str,
) -> list[Issue]:
    """Report cells of the input tables whose value cannot be known.

    Two kinds read as empty through python-calamine: a formula saved without
    its result (written by a program that does not calculate, such as a
    script or some exporters) and an error value such as ``#N/A``. Both are
    reported at their cell instead of being read as blanks.
    """
    issues = []
    for spec in schema.INPUT_TABLES:
        table = book.tables.get(spec.key)
        part = parts.get(table.location.sheet) if table else None
        if table is None or part is None or not _may_hide_values(package, part):
            continue
        keys = {letters: key for key, letters in table.location.columns.items()}
        positions = {row: index for index, row in enumerate(table.rows)}
        for (row, letters), error in sorted(_unknown_cells(package, part).items()):
            if row not in positions or letters not in keys:
                continue
            mandatory = spec.column(keys[letters]).mandatory
            issue = _unknown_value_issue(
                table, f"{letters}{row}", error, mandatory, language
            )
            deal = _deal_of(table, positions[row])
            issues.append(dataclasses.replace(issue, deal=deal))
    return issues


def _deal_of(table: RawTable, position: int) -> str:
    deal_ids = table.values.get("deal_id")
    if deal_ids is None:
        return ""
    parsed = parse_id(deal_ids[position])
    return "" if parsed.problem or parsed.value is None else str(parsed.value)


def _may_hide_values(package: zipfile.ZipFile, part: str) -> bool:
    """Return whether a sheet part has a formula or an error cell, scanning bytes."""
    tail = b""
    with package.open(part) as stream:
        while chunk := stream.read(_SCAN_CHUNK):
            window = tail + chunk
            if any(tag in window for tag in _SCAN_TAGS):
                return True
            tail = chunk[-8:]
    return False


def _unknown_cells(
    package: zipfile.ZipFile, part: str
) -> dict[tuple[int, str], str | None]:
    """Return (row, column letters) -> error text of cells with unknown values.

    The error text is None for a formula with no saved result.
    """
    cells: dict[tuple[int, str], str | None] = {}
    cell_tag, row_tag = f"{{{_MAIN_NS}}}c", f"{{{_MAIN_NS}}}row"
    with package.open(part) as stream:
        events = etree.iterparse(
            stream, tag=(cell_tag, row_tag), resolve_entities=False
        )
        for _, element in events:
            if element.tag == row_tag:
                element.clear()
                while element.getprevious() is not None:
                    del element.getparent()[0]
                continue
            error = _error_value(element)
            if error is None and not _lacks_result(element):
                continue
            # NOTE: a cell without its optional "r" reference is skipped;
            # Excel, LibreOffice and openpyxl always write it.
            reference = re.fullmatch(r"([A-Z]+)(\d+)", element.get("r", ""))
            if reference is not None:
                cells[(int(reference[2]), reference[1])] = error
    return cells


def _error_value(cell: etree._Element) -> str | None:
    if cell.get("t") != "e":
        return None
    value = cell.find(f"{{{_MAIN_NS}}}v")
    return value.text if value is not None and value.text else "#VALUE!"


def _lacks_result(cell: etree._Element) -> bool:
    if cell.find(f"{{{_MAIN_NS}}}f") is None:
        return False
    value = cell.find(f"{{{_MAIN_NS}}}v")
    # A formula whose result is an empty string is saved as an empty <v/>
    # with type "str"; an empty <v/> of any other type is no result.
    if value is None:
        return True
    return not value.text and cell.get("t") != "str"


def _unknown_value_issue(
    table: RawTable, cell: str, error: str | None, mandatory: bool, language: str
) -> Issue:
    if error is None:
        message = text("reader.formula_without_result", language, cell=cell)
        fix = text("reader.formula_without_result.fix", language)
    else:
        message = text("reader.error_value", language, cell=cell, error=error)
        fix = text("reader.error_value.fix", language, error=error)
    # An error value always loses what was meant; a missing formula result
    # only matters where the column must be filled.
    severity = "error" if mandatory or error is not None else "warning"
    return Issue(
        severity=severity,  # type: ignore[arg-type]
        sheet=table.location.sheet,
        cell=cell,
        deal="",
        message=message,
        fix=fix,
    )
