"""Write salesflow's output sheets into the team's workbook, losing nothing.

:func:`write_output_sheets` is the entry point. It adds or replaces only the
sheets salesflow owns (see :mod:`addin.xlsx.indexes` for the ownership
marker). Every other member of the zip package is copied byte for byte. The
only shared members it rewrites are the indexes that list sheets and the
style table, to which it only appends. The new package is written to a
temporary file beside the workbook, checked, and then moved over the
workbook in one step, after a copy of the previous version has been kept in
``.salesflow-backups/`` beside it.
"""

from __future__ import annotations

import datetime as dt
import filecmp
import logging
import os
import posixpath
import re
import shutil
import tempfile
import xml.parsers.expat
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers.expat import ExpatError

from addin.errors import WorkbookError, WriteError
from addin.locale import text
from addin.output import OutputSheet
from addin.xlsx.charts import chart_xml, drawing_xml
from addin.xlsx.indexes import (
    REL_CHART,
    REL_DRAWING,
    REL_HYPERLINK,
    REL_TABLE,
    TYPE_CHART,
    TYPE_DRAWING,
    TYPE_TABLE,
    Relationship,
    WorkbookIndex,
    WorkbookSheet,
    missing_part,
    parse_part,
    read_relationships,
    relationships_xml,
    relative_target,
    rels_part,
    resolve_target,
    source_of_rels,
)
from addin.xlsx.layout import BlockPlacement, layout_sheet
from addin.xlsx.package import Package, PackageWriter
from addin.xlsx.sheetxml import SheetRelations, SheetRenderer, is_external_link
from addin.xlsx.styles import StyleBook
from addin.xlsx.tables import table_xml, unique_table_name

log = logging.getLogger(__name__)

BACKUP_FOLDER = ".salesflow-backups"
_REL_STYLES = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
)
_INVALID_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
_MAX_SHEET_NAME = 31

KeepSheet = Callable[[str], bool]
PartContent = bytes | Callable[[], Iterable[bytes]]


@dataclass
class WriteResult:
    """Outcome of a write: sheets added, replaced and removed, and the backup."""

    path: Path
    """The workbook written."""
    backup: Path | None
    """Copy of the workbook as it was before, in ``.salesflow-backups/``
    beside it; None when there was no previous file or backups were off."""
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    tables: dict[str, str] = field(default_factory=dict)
    """Requested table name -> name written (differs when the team used it)."""
    warnings: list[str] = field(default_factory=list)
    unchanged: bool = False
    """True when the new package equalled the file, which was left alone."""


def write_output_sheets(
    path: Path,
    sheets: list[OutputSheet],
    *,
    output: Path | None = None,
    backups: int = 3,
    keep: KeepSheet | None = None,
    language: str = "en",
) -> WriteResult:
    """Add or replace salesflow's ``sheets`` in the workbook at ``path``.

    Args:
        path: The team's .xlsx or .xlsm workbook.
        sheets: The output sheets, in the order new ones are appended.
        output: Where to write; None writes over ``path``.
        backups: How many earlier versions of the written file to keep in
            ``.salesflow-backups/<stem>.<timestamp><suffix>`` beside it;
            0 keeps none.
        keep: Called with the name of each sheet salesflow owns that is not
            in ``sheets``; returning False removes that sheet. None keeps
            them all. A copy of an output sheet made in Excel carries the
            ownership marker too, so ``keep`` should return False only for
            names salesflow itself once wrote (for example the sheets of
            another language).
        language: Language of error messages and warnings.

    Raises:
        WriteError: The workbook is open in Excel or LibreOffice, a sheet of
            the team's has an output sheet's name, or writing failed. The
            workbook is then left byte for byte as it was.
        WorkbookError: The file is not a readable xlsx package.
    """
    target = Path(output or path)
    _check_sheet_names(sheets, language)
    _check_not_open(target, language)
    result = WriteResult(path=target, backup=None)
    temporary = _temporary_sibling(target, language)
    try:
        with Package(Path(path)) as package:
            plan = _plan_write(package, sheets, keep, result, language)
            _write_package(package, plan, temporary)
        result.warnings.extend(plan.warnings(language))
        _check_written(temporary, plan, language)
        if target.exists() and filecmp.cmp(temporary, target, shallow=False):
            # Nothing changed, so the file and its backups stay as they are.
            result.unchanged = True
            log.info("%s already had these sheets; left unchanged", target)
            return result
        _copy_mode(target if target.exists() else Path(path), temporary)
        if target.exists() and backups > 0:
            result.backup = _keep_backup(target, backups)
        os.replace(temporary, target)
    except OSError as error:
        raise _io_failed(target, error, language) from error
    finally:
        temporary.unlink(missing_ok=True)
    log.info("wrote %s: added %s, replaced %s", target, result.added, result.replaced)
    return result


# Checks before writing


def _check_sheet_names(sheets: list[OutputSheet], language: str) -> None:
    seen: set[str] = set()
    for sheet in sheets:
        name = sheet.name
        invalid = (
            not name
            or len(name) > _MAX_SHEET_NAME
            or _INVALID_SHEET_CHARS.search(name)
            or name.startswith("'")
            or name.endswith("'")
            or name.casefold() in seen
        )
        if invalid:
            raise WriteError(text("xlsx.bad_sheet_name", language, sheet=name))
        seen.add(name.casefold())


def lock_files(path: Path) -> list[Path]:
    """Return the lock files that show ``path`` is open in Excel or LibreOffice.

    Excel writes an owner file named ``~$`` plus the file name beside the
    workbook, and LibreOffice writes ``.~lock.<name>#``.
    """
    # NOTE: Office programs are reported to shorten the owner file's name of
    # long file names by dropping its first one or two characters. Which
    # versions do so is not documented, so those forms are checked too.
    name = path.name
    candidates = {f"~${name}", f"~${name[1:]}", f"~${name[2:]}", f".~lock.{name}#"}
    return sorted(
        path.parent / candidate
        for candidate in candidates
        if (path.parent / candidate).exists()
    )


def _check_not_open(target: Path, language: str) -> None:
    for lock in lock_files(target):
        key = (
            "xlsx.open_in_libreoffice"
            if lock.name.startswith(".~lock.")
            else "xlsx.open_in_excel"
        )
        raise WriteError(text(key, language, workbook=target.name, lock=lock.name))


# Planning: which parts are written, replaced and deleted


@dataclass
class _WritePlan:
    """Every member the new package gets instead of the source's."""

    contents: dict[str, PartContent] = field(default_factory=dict)
    deleted: set[str] = field(default_factory=set)
    renderers: list[SheetRenderer] = field(default_factory=list)

    def warnings(self, language: str) -> list[str]:
        return [
            text("xlsx.cell_cut", language, cell=cell)
            for renderer in self.renderers
            for cell in renderer.warnings
        ]


@dataclass
class _Allocator:
    """Free part names, table ids and table names in the package."""

    parts: set[str]
    """Part names in use, casefolded: package part names ignore case."""
    table_ids: set[int]
    table_names: set[str]

    def part(self, stem: str) -> str:
        number = 1
        while f"{stem}{number}.xml".casefold() in self.parts:
            number += 1
        self.parts.add(f"{stem}{number}.xml".casefold())
        return f"{stem}{number}.xml"

    def table_id(self) -> int:
        number = 1
        while number in self.table_ids:
            number += 1
        self.table_ids.add(number)
        return number


def _plan_write(
    package: Package,
    sheets: list[OutputSheet],
    keep: KeepSheet | None,
    result: WriteResult,
    language: str,
) -> _WritePlan:
    index = WorkbookIndex(package)
    _check_ownership(index, sheets, language)
    graph = _relationship_graph(package)
    styles_part = _styles_part(package, index, language)
    styles = StyleBook(package.read(styles_part))

    # Parts of the sheets being replaced or removed are freed first, so a
    # second refresh allocates the same names and ids as the first.
    old_parts: set[str] = set()
    for output_sheet in sheets:
        existing = index.find_sheet(output_sheet.name)
        if existing is not None:
            old_parts |= _parts_owned_by(_sheet_part(existing, package), graph, package)
    for stale in _sheets_to_remove(index, sheets, keep):
        stale_part = _sheet_part(stale, package)
        old_parts |= _parts_owned_by(stale_part, graph, package) | {stale_part}
        index.remove_sheet(stale)
        result.removed.append(stale.name)

    allocator = _allocator(package, index, old_parts)
    plan = _WritePlan()
    for output_sheet in sheets:
        entry = _sheet_entry(index, output_sheet, allocator, result)
        _plan_sheet(
            plan, index, entry, output_sheet, styles, allocator, result, language
        )

    index.delete_parts(old_parts - set(plan.contents))
    plan.contents.update(index.changed_parts())
    # The index may have dropped a part of its own, such as an emptied
    # calculation chain.
    plan.deleted = index.deleted_parts - set(plan.contents)
    if styles.changed:
        plan.contents[styles_part] = styles.to_bytes()
    return plan


def _sheet_part(sheet: WorkbookSheet, package: Package) -> str:
    # A sheet whose part is missing would make every later step work on the
    # wrong part (an empty name resolves to the package's own rels).
    if sheet.part not in package:
        raise missing_part(sheet.part or f"part of sheet '{sheet.name}'")
    return sheet.part


def _check_ownership(
    index: WorkbookIndex, sheets: list[OutputSheet], language: str
) -> None:
    conflicts = [
        existing
        for sheet in sheets
        if (existing := index.find_sheet(sheet.name)) is not None and not existing.owned
    ]
    if conflicts:
        messages = [_not_owned_message(sheet, language) for sheet in conflicts]
        raise WriteError(" ".join(messages))


def _not_owned_message(sheet: WorkbookSheet, language: str) -> str:
    """Say that a user's sheet has an output sheet's name, and how to free it."""
    message = text("xlsx.sheet_not_owned", language, sheet=sheet.name)
    # Excel's Unhide dialog lists hidden sheets but not very hidden ones.
    hint = {
        "hidden": "xlsx.sheet_not_owned.hidden",
        "veryHidden": "xlsx.sheet_not_owned.very_hidden",
    }.get(sheet.element.get("state", "visible"))
    return f"{message} {text(hint, language)}" if hint else message


def _sheets_to_remove(
    index: WorkbookIndex, sheets: list[OutputSheet], keep: KeepSheet | None
) -> list[WorkbookSheet]:
    if keep is None:
        return []
    wanted = {sheet.name.casefold() for sheet in sheets}
    return [
        sheet
        for sheet in index.sheets
        if sheet.owned and sheet.name.casefold() not in wanted and not keep(sheet.name)
    ]


def _styles_part(package: Package, index: WorkbookIndex, language: str) -> str:
    for relationship in read_relationships(package.read(index.workbook_rels_part)):
        if relationship.type == _REL_STYLES:
            part = resolve_target(index.workbook_part, relationship.target)
            if part in package:
                return part
    # NOTE: a package without a style table (rare; Excel, LibreOffice and
    # openpyxl always write one) is rejected rather than given a new one.
    raise WorkbookError(text("xlsx.no_styles", language))


def _allocator(
    package: Package, index: WorkbookIndex, old_parts: set[str]
) -> _Allocator:
    kept = set(package.names) - old_parts
    table_ids: set[int] = set()
    table_names = index.table_names()
    for part in index.parts_of_type(TYPE_TABLE) & kept:
        table = parse_part(package.read(part), part)
        table_ids.add(int(table.get("id", "0")))
        for attribute in ("name", "displayName"):
            table_names.add((table.get(attribute) or "").casefold())
    return _Allocator({part.casefold() for part in kept}, table_ids, table_names)


def _sheet_entry(
    index: WorkbookIndex, sheet: OutputSheet, allocator: _Allocator, result: WriteResult
) -> WorkbookSheet:
    existing = index.find_sheet(sheet.name)
    if existing is not None:
        index.update_sheet(existing, sheet.name, sheet.hidden)
        result.replaced.append(sheet.name)
        return existing
    folder = posixpath.dirname(index.workbook_part)
    part = allocator.part(posixpath.join(folder, "worksheets", "sheet"))
    result.added.append(sheet.name)
    return index.add_sheet(sheet.name, part, sheet.hidden)


def _plan_sheet(
    plan: _WritePlan,
    index: WorkbookIndex,
    entry: WorkbookSheet,
    sheet: OutputSheet,
    styles: StyleBook,
    allocator: _Allocator,
    result: WriteResult,
    language: str,
) -> None:
    """Add the sheet's XML, rels, tables, drawing and charts to the plan."""
    layout = layout_sheet(sheet)
    folder = posixpath.dirname(posixpath.dirname(entry.part))
    relationships: list[Relationship] = []

    def relate(type_: str, part_or_url: str, external: bool = False) -> str:
        rel_id = f"rId{len(relationships) + 1}"
        target = part_or_url if external else relative_target(entry.part, part_or_url)
        relationships.append(Relationship(rel_id, type_, target, external))
        return rel_id

    tables: dict[int, str] = {}
    for number, placement in enumerate(layout.blocks):
        if placement.block.table_name:
            part = allocator.part(posixpath.join(folder, "tables", "table"))
            name = _table_name(placement, sheet.name, allocator, result, language)
            plan.contents[part] = table_xml(allocator.table_id(), name, placement)
            index.add_content_type(part, TYPE_TABLE)
            tables[number] = relate(REL_TABLE, part)

    charted = [p for p in layout.blocks if p.block.chart is not None and p.block.rows]
    drawing_id = None
    if charted:
        drawing = allocator.part(posixpath.join(folder, "drawings", "drawing"))
        drawing_id = relate(REL_DRAWING, drawing)
        _plan_charts(plan, index, sheet.name, drawing, charted, allocator, folder)

    links = {
        target: relate(REL_HYPERLINK, target, external=True)
        for placement in layout.blocks
        for target in dict.fromkeys(placement.block.links.values())
        if is_external_link(target)
    }
    renderer = SheetRenderer(
        layout, styles, SheetRelations(tables, drawing_id, links), language
    )
    plan.renderers.append(renderer)
    plan.contents[entry.part] = renderer.chunks
    if relationships:
        plan.contents[rels_part(entry.part)] = relationships_xml(relationships)


def _table_name(
    placement: BlockPlacement,
    sheet_name: str,
    allocator: _Allocator,
    result: WriteResult,
    language: str,
) -> str:
    wanted = placement.block.table_name or ""
    name = unique_table_name(wanted, allocator.table_names)
    result.tables[wanted] = name
    if name != wanted:
        result.warnings.append(
            text(
                "xlsx.table_renamed",
                language,
                wanted=wanted,
                name=name,
                sheet=sheet_name,
            )
        )
    return name


def _plan_charts(
    plan: _WritePlan,
    index: WorkbookIndex,
    sheet_name: str,
    drawing: str,
    charted: list[BlockPlacement],
    allocator: _Allocator,
    folder: str,
) -> None:
    chart_ids, drawing_relationships = [], []
    for number, placement in enumerate(charted, start=1):
        chart = allocator.part(posixpath.join(folder, "charts", "chart"))
        plan.contents[chart] = chart_xml(sheet_name, placement)
        index.add_content_type(chart, TYPE_CHART)
        chart_ids.append(f"rId{number}")
        drawing_relationships.append(
            Relationship(f"rId{number}", REL_CHART, relative_target(drawing, chart))
        )
    plan.contents[drawing] = drawing_xml(charted, chart_ids)
    plan.contents[rels_part(drawing)] = relationships_xml(drawing_relationships)
    index.add_content_type(drawing, TYPE_DRAWING)


# The relationship graph: which parts belong to a sheet alone


def _relationship_graph(package: Package) -> dict[str, list[str]]:
    graph: dict[str, list[str]] = {}
    for name in package.names:
        if not name.endswith(".rels") or "/_rels/" not in f"/{name}":
            continue
        source = source_of_rels(name)
        try:
            relationships = read_relationships(package.read(name))
        except WorkbookError:
            continue
        graph[source] = [
            resolve_target(source, relationship.target)
            for relationship in relationships
            if not relationship.external
        ]
    return graph


def _parts_owned_by(
    sheet_part: str, graph: dict[str, list[str]], package: Package
) -> set[str]:
    """Return the parts only ``sheet_part`` leads to, and their rels parts.

    A part that some other part also refers to (a picture shared by two
    drawings, a pivot cache) is not the sheet's alone and is kept.
    """
    reachable = _reachable({sheet_part}, graph) - {sheet_part}
    outside = set(graph) - reachable - {sheet_part}
    kept = _reachable(outside, graph, blocked=sheet_part)
    owned = reachable - kept
    rels = {rels_part(part) for part in owned | {sheet_part}}
    return {part for part in owned | rels if part in package}


def _reachable(
    starts: set[str], graph: dict[str, list[str]], blocked: str = ""
) -> set[str]:
    seen = set(starts)
    pending = list(starts)
    while pending:
        for target in graph.get(pending.pop(), []):
            if target not in seen and target != blocked:
                seen.add(target)
                pending.append(target)
    return seen


# Writing, checking and replacing


def _write_package(package: Package, plan: _WritePlan, temporary: Path) -> None:
    contents = dict(plan.contents)
    with open(temporary, "wb") as file:
        writer = PackageWriter(file)
        for name in package.names:
            if name in contents:
                _write_member(writer, name, contents.pop(name))
            elif name not in plan.deleted:
                writer.copy(package, name)
        for name, content in contents.items():
            _write_member(writer, name, content)
        writer.close()


def _write_member(writer: PackageWriter, name: str, content: PartContent) -> None:
    if isinstance(content, bytes):
        writer.write(name, content)
        return
    # Streamed sheet XML is the bulk of a big refresh. zlib level 1 deflates
    # it about four times faster than level 6 for a file about a quarter
    # larger (measured on a sheet of 100,000 rows by 15 columns).
    writer.write(name, content(), level=1)


def _check_written(temporary: Path, plan: _WritePlan, language: str) -> None:
    """Reopen the written package, test every member and parse new XML."""
    try:
        with zipfile.ZipFile(temporary) as written:
            damaged = written.testzip()
            if damaged is not None:
                raise ValueError(f"member {damaged} fails its CRC check")
            names = written.namelist()
            if len(names) != len(set(names)):
                raise ValueError("a member name appears twice")
            for name in plan.contents:
                if name.endswith((".xml", ".rels")):
                    _check_well_formed(written, name)
    except (ValueError, zipfile.BadZipFile, ExpatError, KeyError) as error:
        raise WriteError(
            text("xlsx.check_failed", language, workbook=temporary.name, reason=error)
        ) from error


def _check_well_formed(package: zipfile.ZipFile, name: str) -> None:
    # expat checks well-formedness in C without building a tree, so a sheet
    # of 100,000 rows is checked in little time and memory.
    parser = xml.parsers.expat.ParserCreate()
    with package.open(name) as member:
        while chunk := member.read(1 << 20):
            parser.Parse(chunk, False)
    parser.Parse(b"", True)


def _io_failed(target: Path, error: OSError, language: str) -> WriteError:
    return WriteError(
        text(
            "xlsx.io_failed",
            language,
            workbook=target.name,
            reason=error,
            folder=target.parent,
        )
    )


def _temporary_sibling(target: Path, language: str) -> Path:
    """Create an empty file beside ``target``, and ``target``'s folder if missing."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        descriptor, name = tempfile.mkstemp(
            prefix=f".{target.stem}.", suffix=".salesflow-tmp", dir=target.parent
        )
    except OSError as error:
        raise _io_failed(target, error, language) from error
    os.close(descriptor)
    return Path(name)


def _copy_mode(source: Path, temporary: Path) -> None:
    if source.exists():
        shutil.copymode(source, temporary)


def backup_folder(workbook: Path) -> Path:
    """Return the folder where earlier versions of ``workbook`` are kept."""
    return workbook.parent / BACKUP_FOLDER


def _keep_backup(target: Path, backups: int) -> Path:
    """Copy ``target`` into the backup folder and delete all but the newest."""
    folder = backup_folder(target)
    folder.mkdir(exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    backup = folder / f"{target.stem}.{stamp}{target.suffix}"
    shutil.copy2(target, backup)
    pattern = re.compile(
        re.escape(target.stem) + r"\.\d{8}-\d{6}-\d{6}" + re.escape(target.suffix) + "$"
    )
    earlier = sorted(path for path in folder.iterdir() if pattern.match(path.name))
    for old in earlier[:-backups]:
        old.unlink()
    return backup
