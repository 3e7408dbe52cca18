"""The package entries that list sheets, and the changes a refresh makes to them.

Adding or replacing a sheet touches only five shared parts. They are
``[Content_Types].xml`` (the content type of each part), ``xl/workbook.xml``
(the sheet list and defined names), ``xl/_rels/workbook.xml.rels`` (the part
of each sheet), ``docProps/app.xml`` (the sheet titles that file browsers
show) and ``xl/calcChain.xml`` (formula cells, by sheet). Each is parsed
once and changed in place. It is serialised again only if the change altered
it, so a refresh that changes nothing leaves it byte for byte as it was.

Ownership marker: salesflow marks each sheet it owns with a hidden defined
name ``_salesflow_owner`` scoped to that sheet (``localSheetId``), whose
value is the text constant ``"salesflow"``. Sheet-scoped names are an
ordinary part of SpreadsheetML (ECMA-376 ``definedName`` with
``localSheetId``), which Excel reads and writes. LibreOffice 7.4 keeps them
when it saves but drops the hidden flag, which the check does not need (a
test converts with soffice). The name moves with the sheet when it is
renamed or reordered, and any xlsx reader can list it, for example openpyxl
as ``worksheet.defined_names``.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from lxml import etree

from addin.errors import WorkbookError
from addin.locale import text
from addin.xlsx.package import Package
from addin.xlsx.styles import XML_DECLARATION

OWNER_NAME = "_salesflow_owner"
OWNER_VALUE = '"salesflow"'

CONTENT_TYPES_PART = "[Content_Types].xml"
WORKBOOK_RELS_PART = "xl/_rels/workbook.xml.rels"
APP_PART = "docProps/app.xml"

_PACKAGE_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CONTENT_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_OFFICE_RELS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_EXTENDED_NS = (
    "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
)
_VARIANT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_OFFICE_DOCUMENT_TYPE = f"{_OFFICE_RELS_NS}/officeDocument"
_SPREADSHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

REL_WORKSHEET = f"{_OFFICE_RELS_NS}/worksheet"
REL_TABLE = f"{_OFFICE_RELS_NS}/table"
REL_DRAWING = f"{_OFFICE_RELS_NS}/drawing"
REL_CHART = f"{_OFFICE_RELS_NS}/chart"
REL_HYPERLINK = f"{_OFFICE_RELS_NS}/hyperlink"
REL_CALC_CHAIN = f"{_OFFICE_RELS_NS}/calcChain"

_OPENXML = "application/vnd.openxmlformats-officedocument"
TYPE_WORKSHEET = f"{_OPENXML}.spreadsheetml.worksheet+xml"
TYPE_TABLE = f"{_OPENXML}.spreadsheetml.table+xml"
TYPE_DRAWING = f"{_OPENXML}.drawing+xml"
TYPE_CHART = f"{_OPENXML}.drawingml.chart+xml"

# Children of <workbook> that come after <definedNames> in the schema.
_AFTER_DEFINED_NAMES = (
    "calcPr",
    "oleSize",
    "customWorkbookViews",
    "pivotCaches",
    "smartTagPr",
    "smartTagTypes",
    "webPublishing",
    "fileRecoveryPr",
    "webPublishObjects",
    "extLst",
)


@dataclass(frozen=True)
class Relationship:
    """One relationship of a rels part; ``target`` is relative to its source."""

    id: str
    type: str
    target: str
    external: bool = False


def rels_part(part: str) -> str:
    """Return the rels part of ``part``: ``xl/a.xml`` -> ``xl/_rels/a.xml.rels``."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def source_of_rels(rels: str) -> str:
    """Return the part whose relationships ``rels`` lists (inverse of rels_part)."""
    folder, name = posixpath.split(rels)
    return posixpath.join(posixpath.dirname(folder), name[: -len(".rels")])


def resolve_target(source: str, target: str) -> str:
    """Return the package part a relationship target of ``source`` names."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def relative_target(source: str, part: str) -> str:
    """Return ``part`` as a target relative to ``source``'s folder."""
    return posixpath.relpath(part, posixpath.dirname(source) or ".")


def read_relationships(xml: bytes) -> list[Relationship]:
    root = parse_part(xml, "relationships")
    return [
        Relationship(
            id=element.get("Id", ""),
            type=element.get("Type", ""),
            target=element.get("Target", ""),
            external=element.get("TargetMode") == "External",
        )
        for element in root
        if isinstance(element.tag, str)
    ]


def relationships_xml(relationships: list[Relationship]) -> bytes:
    """Return a rels part listing ``relationships``."""
    root = etree.Element(
        f"{{{_PACKAGE_RELS_NS}}}Relationships", nsmap={None: _PACKAGE_RELS_NS}
    )
    for relationship in relationships:
        _add_relationship(root, relationship)
    return _serialise(root)


def _add_relationship(root: etree._Element, relationship: Relationship) -> None:
    element = etree.SubElement(root, f"{{{_PACKAGE_RELS_NS}}}Relationship")
    element.set("Id", relationship.id)
    element.set("Type", relationship.type)
    element.set("Target", relationship.target)
    if relationship.external:
        element.set("TargetMode", "External")


@dataclass
class WorkbookSheet:
    """A sheet as the workbook lists it, with the part that stores its cells."""

    name: str
    sheet_id: int
    rel_id: str
    part: str
    owned: bool
    element: etree._Element


class WorkbookIndex:
    """The parsed listing entries of a package, changed by refresh steps."""

    def __init__(self, package: Package) -> None:
        self.workbook_part = _workbook_part(package)
        self.workbook_rels_part = rels_part(self.workbook_part)
        self._originals: dict[str, bytes] = {}
        self._trees: dict[str, etree._Element] = {}
        for part in (CONTENT_TYPES_PART, self.workbook_part, self.workbook_rels_part):
            if part not in package:
                raise missing_part(part)
            self._load(package, part)
        if APP_PART in package:
            self._load(package, APP_PART)
        self.calc_chain_part = self._calc_chain_part()
        if self.calc_chain_part and self.calc_chain_part in package:
            self._load(package, self.calc_chain_part)
        self.deleted_parts: set[str] = set()
        if _namespace(self._trees[self.workbook_part]) != _SPREADSHEET_NS:
            # NOTE: Strict Open XML workbooks use other namespaces throughout
            # and are rarely saved; they are rejected instead of half-patched.
            raise WorkbookError(
                text(
                    "xlsx.unsupported_package",
                    workbook=package.path.name,
                    feature="Strict Open XML",
                )
            )
        self.sheets = self._read_sheets()
        self._worksheets_before = self._worksheet_names()

    # Reading

    def _load(self, package: Package, part: str) -> None:
        root = parse_part(package.read(part), part)
        self._trees[part] = root
        self._originals[part] = etree.tostring(root)

    def _calc_chain_part(self) -> str | None:
        for relationship in read_relationships(
            self.serialised(self.workbook_rels_part)
        ):
            if relationship.type == REL_CALC_CHAIN:
                return resolve_target(self.workbook_part, relationship.target)
        return None

    def _read_sheets(self) -> list[WorkbookSheet]:
        workbook = self._trees[self.workbook_part]
        namespace = _namespace(workbook)
        targets = {
            relationship.id: resolve_target(self.workbook_part, relationship.target)
            for relationship in read_relationships(
                self.serialised(self.workbook_rels_part)
            )
        }
        sheets_element = workbook.find(f"{{{namespace}}}sheets")
        if sheets_element is None:
            raise missing_part(f"{self.workbook_part} <sheets>")
        owned = self._owned_indexes()
        sheets = []
        for index, element in enumerate(
            sheets_element.iterfind(f"{{{namespace}}}sheet")
        ):
            rel_id = element.get(f"{{{_OFFICE_RELS_NS}}}id", "")
            sheets.append(
                WorkbookSheet(
                    name=element.get("name", ""),
                    sheet_id=int(element.get("sheetId", "0")),
                    rel_id=rel_id,
                    part=targets.get(rel_id, ""),
                    owned=index in owned,
                    element=element,
                )
            )
        return sheets

    def _owned_indexes(self) -> set[int]:
        return {
            int(element.get("localSheetId", "-1")) for element in self._owner_names()
        }

    def _owner_names(self) -> list[etree._Element]:
        workbook = self._trees[self.workbook_part]
        namespace = _namespace(workbook)
        return [
            element
            for element in workbook.iterfind(
                f"{{{namespace}}}definedNames/{{{namespace}}}definedName"
            )
            if (element.get("name") or "").casefold() == OWNER_NAME.casefold()
        ]

    def _worksheet_names(self) -> list[str]:
        return [sheet.name for sheet in self.sheets if "worksheets/" in sheet.part]

    def find_sheet(self, name: str) -> WorkbookSheet | None:
        """Return the sheet called ``name``, compared as Excel does (any case)."""
        for sheet in self.sheets:
            if sheet.name.casefold() == name.casefold():
                return sheet
        return None

    def table_names(self) -> set[str]:
        """Return the workbook's defined names, casefolded, for table naming."""
        workbook = self._trees[self.workbook_part]
        namespace = _namespace(workbook)
        return {
            (element.get("name") or "").casefold()
            for element in workbook.iterfind(
                f"{{{namespace}}}definedNames/{{{namespace}}}definedName"
            )
        }

    # Changing

    def add_sheet(self, name: str, part: str, hidden: bool) -> WorkbookSheet:
        """Append an owned sheet stored in ``part`` to the sheet list."""
        workbook = self._trees[self.workbook_part]
        namespace = _namespace(workbook)
        sheets_element = workbook.find(f"{{{namespace}}}sheets")
        sheet_id = max([sheet.sheet_id for sheet in self.sheets] + [0]) + 1
        rel_id = self._add_workbook_relationship(REL_WORKSHEET, part)
        element = etree.SubElement(sheets_element, f"{{{namespace}}}sheet")
        element.set("name", name)
        element.set("sheetId", str(sheet_id))
        if hidden:
            element.set("state", "hidden")
        element.set(f"{{{_OFFICE_RELS_NS}}}id", rel_id)
        sheet = WorkbookSheet(name, sheet_id, rel_id, part, True, element)
        self.sheets.append(sheet)
        self.add_content_type(part, TYPE_WORKSHEET)
        self._mark_owned(len(self.sheets) - 1)
        return sheet

    def update_sheet(self, sheet: WorkbookSheet, name: str, hidden: bool) -> None:
        """Set the name and visibility of an owned sheet that is rewritten."""
        sheet.name = name
        sheet.element.set("name", name)
        state = sheet.element.get("state")
        if hidden and state not in ("hidden", "veryHidden"):
            sheet.element.set("state", "hidden")
        elif not hidden and state is not None:
            del sheet.element.attrib["state"]
        self.drop_formula_cells({sheet.sheet_id})

    def remove_sheet(self, sheet: WorkbookSheet) -> None:
        """Take an owned sheet out of the sheet list, shifting sheet indexes.

        Names scoped to the sheet go with it.
        """
        # NOTE: a workbook-wide name or a formula of the team's that refers
        # to the removed sheet is left as it is, where Excel would turn the
        # reference into #REF!. Excel then reports the broken reference.
        index = self.sheets.index(sheet)
        sheet.element.getparent().remove(sheet.element)
        self.sheets.remove(sheet)
        self._remove_workbook_relationship(sheet.rel_id)
        self._shift_sheet_indexes(index)
        self.drop_formula_cells({sheet.sheet_id})

    def parts_of_type(self, content_type: str) -> set[str]:
        """Return the parts the content types list with ``content_type``."""
        return {
            (element.get("PartName") or "").lstrip("/")
            for element in self._trees[CONTENT_TYPES_PART]
            if element.get("ContentType") == content_type
        }

    def add_content_type(self, part: str, content_type: str) -> None:
        """Give ``part`` its content type, reusing an existing entry for it."""
        root = self._trees[CONTENT_TYPES_PART]
        for element in root:
            if (element.get("PartName") or "").lstrip(
                "/"
            ).casefold() == part.casefold():
                element.set("ContentType", content_type)
                return
        element = etree.SubElement(root, f"{{{_CONTENT_TYPES_NS}}}Override")
        element.set("PartName", "/" + part)
        element.set("ContentType", content_type)

    def delete_parts(self, parts: set[str]) -> None:
        """Forget ``parts``: their content types and their own rels parts."""
        self.deleted_parts |= parts
        deleted = {part.casefold() for part in parts}
        root = self._trees[CONTENT_TYPES_PART]
        for element in list(root):
            name = (element.get("PartName") or "").lstrip("/")
            if element.get("PartName") and name.casefold() in deleted:
                root.remove(element)

    def drop_formula_cells(self, sheet_ids: set[int]) -> None:
        """Remove the calculation chain's cells on sheets ``sheet_ids``.

        A cell without its own ``i`` belongs to the sheet of the cell before
        it, so each kept cell is given its sheet explicitly once any cell has
        been removed. A chain left empty is deleted, because Excel rejects
        an empty one.
        """
        part = self.calc_chain_part
        if part is None or part not in self._trees:
            return
        chain = self._trees[part]
        current, removed = "0", False
        for cell in list(chain):
            current = cell.get("i", current)
            if int(current) in sheet_ids:
                chain.remove(cell)
                removed = True
            elif removed:
                cell.set("i", current)
        if len(chain) == 0:
            del self._trees[part]
            self.delete_parts({part})
            self._remove_workbook_relationship_to(part)

    # Serialising

    def serialised(self, part: str) -> bytes:
        return _serialise(self._trees[part])

    def changed_parts(self) -> dict[str, bytes]:
        """Return the listing entries this index changed, serialised."""
        self._update_app_titles()
        return {
            part: _serialise(root)
            for part, root in self._trees.items()
            if etree.tostring(root) != self._originals[part]
        }

    # Helpers

    def _mark_owned(self, index: int) -> None:
        workbook = self._trees[self.workbook_part]
        namespace = _namespace(workbook)
        names = workbook.find(f"{{{namespace}}}definedNames")
        if names is None:
            names = etree.Element(f"{{{namespace}}}definedNames")
            _insert_before(workbook, names, _AFTER_DEFINED_NAMES)
        element = etree.SubElement(names, f"{{{namespace}}}definedName")
        element.set("name", OWNER_NAME)
        element.set("localSheetId", str(index))
        element.set("hidden", "1")
        element.text = OWNER_VALUE

    def _shift_sheet_indexes(self, removed: int) -> None:
        workbook = self._trees[self.workbook_part]
        namespace = _namespace(workbook)
        names = workbook.find(f"{{{namespace}}}definedNames")
        for element in [] if names is None else list(names):
            scope = element.get("localSheetId")
            if scope is None:
                continue
            if int(scope) == removed:
                names.remove(element)
            elif int(scope) > removed:
                element.set("localSheetId", str(int(scope) - 1))
        if names is not None and len(names) == 0:
            workbook.remove(names)
        for view in workbook.iterfind(
            f"{{{namespace}}}bookViews/{{{namespace}}}workbookView"
        ):
            for attribute in ("activeTab", "firstSheet"):
                value = view.get(attribute)
                if value is not None and int(value) >= removed and int(value) > 0:
                    view.set(attribute, str(int(value) - 1))

    def _add_workbook_relationship(self, type_: str, part: str) -> str:
        root = self._trees[self.workbook_rels_part]
        taken = {element.get("Id") for element in root}
        number = 1
        while f"rId{number}" in taken:
            number += 1
        relationship = Relationship(
            f"rId{number}", type_, relative_target(self.workbook_part, part)
        )
        _add_relationship(root, relationship)
        return relationship.id

    def _remove_workbook_relationship(self, rel_id: str) -> None:
        root = self._trees[self.workbook_rels_part]
        for element in list(root):
            if element.get("Id") == rel_id:
                root.remove(element)

    def _remove_workbook_relationship_to(self, part: str) -> None:
        root = self._trees[self.workbook_rels_part]
        for element in list(root):
            target = element.get("Target") or ""
            if resolve_target(self.workbook_part, target) == part:
                root.remove(element)

    def _update_app_titles(self) -> None:
        """List the worksheets in docProps/app.xml as they now are.

        The titles vector lists the parts of each heading pair in turn
        (worksheets, then named ranges and so on). The worksheet pair is the
        one whose titles are the worksheet names the workbook had, because
        its label is translated ("Worksheets", "工作表"). Only that run of
        titles is replaced, and an app.xml where no run matches is left alone.
        """
        app = self._trees.get(APP_PART)
        if app is None:
            return
        pairs = app.find(f"{{{_EXTENDED_NS}}}HeadingPairs/{{{_VARIANT_NS}}}vector")
        titles = app.find(f"{{{_EXTENDED_NS}}}TitlesOfParts/{{{_VARIANT_NS}}}vector")
        if pairs is None or titles is None:
            return
        counts = [variant[0] for variant in pairs if len(variant)][1::2]
        titled = [element.text or "" for element in titles]
        offset = 0
        for count in counts:
            old_count = int(count.text or "0")
            if titled[offset : offset + old_count] == self._worksheets_before:
                break
            offset += old_count
        else:
            return
        names = self._worksheet_names()
        for element in list(titles)[offset : offset + old_count]:
            titles.remove(element)
        for position, name in enumerate(names):
            element = etree.Element(f"{{{_VARIANT_NS}}}lpstr")
            element.text = name
            titles.insert(offset + position, element)
        count.text = str(len(names))
        titles.set("size", str(len(titles)))


def _workbook_part(package: Package) -> str:
    if "_rels/.rels" not in package:
        raise missing_part("_rels/.rels")
    for relationship in read_relationships(package.read("_rels/.rels")):
        if relationship.type == _OFFICE_DOCUMENT_TYPE:
            return resolve_target("", relationship.target)
    raise missing_part("xl/workbook.xml")


def missing_part(part: str) -> WorkbookError:
    # The language setting lives inside the workbook, which cannot be read
    # here, so these errors are in English.
    return WorkbookError(text("xlsx.missing_part", part=part))


def parse_part(xml: bytes, part: str) -> etree._Element:
    """Parse a package part, raising WorkbookError if it is damaged."""
    try:
        return etree.fromstring(xml)
    except etree.XMLSyntaxError as error:
        raise WorkbookError(
            text("xlsx.damaged_part", part=part, reason=error)
        ) from error


def _serialise(root: etree._Element) -> bytes:
    return XML_DECLARATION + etree.tostring(root, encoding="UTF-8")


def _namespace(element: etree._Element) -> str:
    return etree.QName(element).namespace or ""


def _insert_before(
    parent: etree._Element, element: etree._Element, later: tuple[str, ...]
) -> None:
    for child in parent:
        if isinstance(child.tag, str) and etree.QName(child).localname in later:
            child.addprevious(element)
            return
    parent.append(element)
