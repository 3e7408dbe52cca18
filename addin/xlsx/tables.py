"""Excel Table parts for blocks that have a table name.

A table's name must be unique in the workbook among tables and defined
names, compared without regard to case, and its id must be unique among the
workbook's table parts. When a block requests a name that the team already
uses, the table gets the next free name with a number (``salesflowIssues2``)
and the write result reports the new name.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import quoteattr

from addin.xlsx.layout import BlockPlacement
from addin.xlsx.values import escape_lookalikes

_SPREADSHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_INVALID_NAME_CHARS = re.compile(r"[^A-Za-z0-9_.\\]")
# Names Excel would read as a cell reference (A1, R1C1) or as R or C.
_REFERENCE_LIKE = re.compile(r"^([A-Za-z]{1,3}\d+|[RrCc]|[Rr]\d*[Cc]\d*)$")
TABLE_STYLE = "TableStyleLight9"


def valid_table_name(wanted: str) -> str:
    """Return ``wanted`` with characters a table name cannot hold replaced by _."""
    name = _INVALID_NAME_CHARS.sub("_", wanted.strip()) or "Table"
    if not (name[0].isalpha() or name[0] in "_\\") or _REFERENCE_LIKE.match(name):
        name = "_" + name
    return name[:255]


def unique_table_name(wanted: str, taken: set[str]) -> str:
    """Return the first of ``wanted``, ``wanted2``, ... not in ``taken``.

    ``taken`` contains casefolded names, and the chosen name is added to it.
    """
    base = valid_table_name(wanted)
    name, counter = base, 2
    while name.casefold() in taken:
        name, counter = f"{base}{counter}", counter + 1
    taken.add(name.casefold())
    return name


def table_xml(table_id: int, name: str, placement: BlockPlacement) -> bytes:
    """Return the table part of a block: its range, columns and autofilter."""
    ref = placement.table_ref
    columns = "".join(
        f'<tableColumn id="{number}" name={quoteattr(escape_lookalikes(header))}/>'
        for number, header in enumerate(placement.headers, start=1)
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        f'<table xmlns="{_SPREADSHEET_NS}" id="{table_id}" name="{name}"'
        f' displayName="{name}" ref="{ref}" totalsRowShown="0">'
        f'<autoFilter ref="{ref}"/>'
        f'<tableColumns count="{len(placement.headers)}">{columns}</tableColumns>'
        f'<tableStyleInfo name="{TABLE_STYLE}" showFirstColumn="0"'
        ' showLastColumn="0" showRowStripes="1" showColumnStripes="0"/>'
        "</table>"
    )
    return xml.encode("utf-8")
