"""Add salesflow's cell and highlight styles to a workbook's style table.

``xl/styles.xml`` is shared by every sheet: each cell names its format by
index into ``cellXfs``, and conditional formats name theirs by index into
``dxfs``. The style book therefore only appends. Every existing number
format, font, fill, border, xf and dxf keeps its index and its XML. Before it
appends a record, the book looks for an identical one (same element, same
attributes, same children in any order) and reuses it. A second refresh
therefore finds the records the first one added and leaves the file as it is.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from addin.errors import WorkbookError
from addin.locale import text

XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'

# Element spec: local name, attributes and child specs.
Spec = tuple[str, dict[str, str], tuple["Spec", ...]]
Signature = tuple[str, tuple[tuple[str, str], ...], tuple["Signature", ...]]

# Children of <styleSheet> in the order the schema requires.
_SECTION_ORDER = (
    "numFmts",
    "fonts",
    "fills",
    "borders",
    "cellStyleXfs",
    "cellXfs",
    "cellStyles",
    "dxfs",
    "tableStyles",
    "colors",
    "extLst",
)
# Built-in number formats, which Excel identifies by id without a <numFmt>.
_BUILTIN_FORMATS = {
    "General": 0,
    "0": 1,
    "0.00": 2,
    "#,##0": 3,
    "#,##0.00": 4,
    "0%": 9,
    "0.00%": 10,
    "@": 49,
}
_FIRST_CUSTOM_FORMAT = 164
_FONT_OWN_CHILDREN = ("b", "i", "u", "sz", "color")


@dataclass(frozen=True)
class CellStyle:
    """The look of a cell: number format, font, fill, border and alignment."""

    number_format: str = "General"
    bold: bool = False
    italic: bool = False
    underline: bool = False
    size: float | None = None
    """Font size in points; None keeps the workbook's default font size."""
    color: str | None = None
    """Font colour as ARGB hex, e.g. ``FF0563C1``; None keeps the default."""
    fill: str | None = None
    """Solid background colour as ARGB hex; None for no fill."""
    bottom_border: bool = False
    wrap: bool = False


@dataclass(frozen=True)
class HighlightStyle:
    """The look a conditional format gives a cell: font and fill colours."""

    color: str
    fill: str


class StyleBook:
    """The parsed style table, with salesflow's records appended on demand."""

    def __init__(self, xml: bytes) -> None:
        try:
            self._root = etree.fromstring(xml)
        except etree.XMLSyntaxError as error:
            raise WorkbookError(
                text("xlsx.damaged_part", part="xl/styles.xml", reason=error)
            ) from error
        self._namespace = etree.QName(self._root).namespace or ""
        self._xf_cache: dict[CellStyle, int] = {}
        self._dxf_cache: dict[HighlightStyle, int] = {}
        self.changed = False

    def cell_style(self, style: CellStyle) -> int:
        """Return the ``cellXfs`` index of ``style``, appending it if new."""
        if style not in self._xf_cache:
            self._xf_cache[style] = self._find_or_append("cellXfs", self._xf(style))
        return self._xf_cache[style]

    def highlight_style(self, style: HighlightStyle) -> int:
        """Return the ``dxfs`` index of ``style``, appending it if new."""
        if style not in self._dxf_cache:
            spec: Spec = (
                "dxf",
                {},
                (
                    ("font", {}, (("color", {"rgb": style.color}, ()),)),
                    _fill_spec(style.fill, differential=True),
                ),
            )
            self._dxf_cache[style] = self._find_or_append("dxfs", spec)
        return self._dxf_cache[style]

    def to_bytes(self) -> bytes:
        """Serialise the style table with the usual standalone declaration."""
        return XML_DECLARATION + etree.tostring(self._root, encoding="UTF-8")

    def _xf(self, style: CellStyle) -> Spec:
        attributes = {
            "numFmtId": str(self._number_format_id(style.number_format)),
            "fontId": str(self._font_id(style)),
            "fillId": "0",
            "borderId": "0",
            "xfId": "0",
        }
        if style.number_format != "General":
            attributes["applyNumberFormat"] = "1"
        if attributes["fontId"] != "0":
            attributes["applyFont"] = "1"
        if style.fill:
            fill_id = self._find_or_append("fills", _fill_spec(style.fill))
            attributes["fillId"] = str(fill_id)
            attributes["applyFill"] = "1"
        if style.bottom_border:
            border_id = self._find_or_append("borders", _bottom_border_spec())
            attributes["borderId"] = str(border_id)
            attributes["applyBorder"] = "1"
        # Every cell is aligned to the top, so that a row grown by wrapped
        # text reads from its first line across all columns.
        alignment = (
            {"vertical": "top", "wrapText": "1"} if style.wrap else {"vertical": "top"}
        )
        attributes["applyAlignment"] = "1"
        return "xf", attributes, (("alignment", alignment, ()),)

    def _font_id(self, style: CellStyle) -> int:
        plain = not (style.bold or style.italic or style.underline or style.size)
        if plain and style.color is None:
            return 0
        default = self._section("fonts").find(self._tag("font"))
        if default is None:
            raise WorkbookError(
                text("xlsx.damaged_part", part="xl/styles.xml", reason="no font")
            )
        size = style.size or _default_size(default, self._tag("sz"))
        flags = [("b", style.bold), ("i", style.italic), ("u", style.underline)]
        children: list[Spec] = [(name, {}, ()) for name, on in flags if on]
        children.append(("sz", {"val": f"{size:g}"}, ()))
        if style.color:
            children.append(("color", {"rgb": style.color}, ()))
            children.extend(_kept_children(default, _FONT_OWN_CHILDREN))
        else:
            children.extend(_kept_children(default, _FONT_OWN_CHILDREN[:-1]))
        return self._find_or_append("fonts", ("font", {}, tuple(children)))

    def _number_format_id(self, code: str) -> int:
        if code in _BUILTIN_FORMATS:
            return _BUILTIN_FORMATS[code]
        section = self._section("numFmts")
        used = [_FIRST_CUSTOM_FORMAT - 1]
        for record in section.iterfind(self._tag("numFmt")):
            if record.get("formatCode") == code:
                return int(record.get("numFmtId", "0"))
            used.append(int(record.get("numFmtId", "0")))
        spec: Spec = (
            "numFmt",
            {"numFmtId": str(max(used) + 1), "formatCode": code},
            (),
        )
        self._append(section, spec)
        return max(used) + 1

    def _find_or_append(self, section_name: str, spec: Spec) -> int:
        section = self._section(section_name)
        wanted = _spec_signature(spec)
        records = [child for child in section if isinstance(child.tag, str)]
        for index, record in enumerate(records):
            if _element_signature(record) == wanted:
                return index
        self._append(section, spec)
        return len(records)

    def _append(self, section: etree._Element, spec: Spec) -> None:
        _build(section, spec, self._namespace)
        records = [child for child in section if isinstance(child.tag, str)]
        section.set("count", str(len(records)))
        self.changed = True

    def _section(self, name: str) -> etree._Element:
        section = self._root.find(self._tag(name))
        if section is not None:
            return section
        section = etree.Element(self._tag(name))
        later = _SECTION_ORDER[_SECTION_ORDER.index(name) + 1 :]
        for child in self._root:
            if isinstance(child.tag, str) and etree.QName(child).localname in later:
                child.addprevious(section)
                return section
        self._root.append(section)
        return section

    def _tag(self, name: str) -> str:
        return f"{{{self._namespace}}}{name}" if self._namespace else name


def _fill_spec(color: str, differential: bool = False) -> Spec:
    # A differential (conditional) fill paints with bgColor; a cell fill
    # with a solid pattern paints with fgColor.
    if differential:
        return ("fill", {}, (("patternFill", {}, (("bgColor", {"rgb": color}, ()),)),))
    pattern: Spec = (
        "patternFill",
        {"patternType": "solid"},
        (("fgColor", {"rgb": color}, ()), ("bgColor", {"indexed": "64"}, ())),
    )
    return ("fill", {}, (pattern,))


def _bottom_border_spec() -> Spec:
    thin: Spec = ("bottom", {"style": "thin"}, (("color", {"auto": "1"}, ()),))
    sides: tuple[Spec, ...] = (
        ("left", {}, ()),
        ("right", {}, ()),
        ("top", {}, ()),
        thin,
        ("diagonal", {}, ()),
    )
    return ("border", {}, sides)


def _default_size(font: etree._Element, size_tag: str) -> float:
    size = font.find(size_tag)
    return float(size.get("val", "11")) if size is not None else 11.0


def _kept_children(font: etree._Element, dropped: tuple[str, ...]) -> list[Spec]:
    return [
        _element_spec(child)
        for child in font
        if isinstance(child.tag, str) and etree.QName(child).localname not in dropped
    ]


def _element_spec(element: etree._Element) -> Spec:
    children = tuple(_element_spec(c) for c in element if isinstance(c.tag, str))
    return etree.QName(element).localname, dict(element.attrib), children


def _build(parent: etree._Element, spec: Spec, namespace: str) -> None:
    name, attributes, children = spec
    tag = f"{{{namespace}}}{name}" if namespace else name
    element = etree.SubElement(parent, tag)
    for key, value in attributes.items():
        element.set(key, value)
    for child in children:
        _build(element, child, namespace)


def _spec_signature(spec: Spec) -> Signature:
    name, attributes, children = spec
    child_signatures = tuple(sorted(_spec_signature(child) for child in children))
    return name, tuple(sorted(attributes.items())), child_signatures


def _element_signature(element: etree._Element) -> Signature:
    return _spec_signature(_element_spec(element))
