"""Turn the failing-input case workbooks into salesflow-shaped workbooks.

The case files reproduce faults that users reported, with generic headers
(``id``, ``amount``, ``stage``). :func:`salesflow_copy` renames those
headers to salesflow's Deals headers by rewriting only the header strings
in the package, so that every other byte of every part stays as the case
file has it. The expected raw values of each case, as the reader must
return them, are recorded below.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

CASES = Path(__file__).resolve().parent / "data" / "cases"

# Case workbooks whose parts must come out of a refresh byte for byte.
SURVIVOR_FILES = [
    "c01_drawings.xlsx",
    "c02_dv_crosssheet.xlsx",
    "c05_macro_button.xlsm",
    "c06_comments.xlsx",
]
# Package entries that list sheets, and the style table (only appended to):
# the only shared parts a refresh may rewrite.
LISTING_PARTS = {
    "[Content_Types].xml",
    "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels",
    "docProps/app.xml",
    "xl/calcChain.xml",
    "xl/styles.xml",
}
"""Folder of the case workbooks, beside the repository."""

DEAL_HEADERS = {
    "id": "Deal ID",
    "close_date": "Expected close",
    "stage": "Stage",
    "amount": "Amount",
    "customer": "Customer",
    "rep": "Rep",
}
"""Generic case header -> salesflow Deals header."""


def case_path(name: str) -> Path:
    """Return the path of a case workbook, e.g. ``case_path("c09_dates.xlsx")``."""
    return CASES / name


def salesflow_copy(
    name: str, folder: Path, headers: dict[str, str] = DEAL_HEADERS
) -> Path:
    """Write a copy of case ``name`` into ``folder`` with salesflow headers.

    Shared strings, inline strings and Excel Table column names that equal a
    generic header are renamed; nothing else in the package changes.
    """
    target = folder / name
    with (
        zipfile.ZipFile(case_path(name)) as source,
        zipfile.ZipFile(target, "w") as copy,
    ):
        for member in source.infolist():
            content = source.read(member)
            if member.filename.endswith(".xml"):
                content = _rename_headers(content, headers)
            copy.writestr(member, content)
    return target


def _rename_headers(content: bytes, headers: dict[str, str]) -> bytes:
    for old, new in headers.items():
        old_xml, new_xml = escape(old).encode(), escape(new).encode()
        # A shared or inline string: <t>id</t>, <t xml:space="preserve">id</t>.
        content = re.sub(
            rb"(<t(?: [^>]*)?>)" + re.escape(old_xml) + rb"(</t>)",
            rb"\g<1>" + new_xml + rb"\g<2>",
            content,
        )
        # An Excel Table column: <tableColumn id="1" name="id"/>.
        content = re.sub(
            rb'(<tableColumn [^>]*name=")' + re.escape(old_xml) + rb'"',
            rb"\g<1>" + new_xml + rb'"',
            content,
        )
    return content


# ---------------------------------------------------------------------------
# What the reader must return for each case, read as a Deals table

MARCH_15 = dt.date(2024, 3, 15)

EXPECTED_ROWS = {
    "c07_table.xlsx": [2, 3, 4],
    "c09_dates.xlsx": list(range(2, 12)),
    "c11_numbers_as_text.xlsx": list(range(2, 12)),
    "c12_stage_variants.xlsx": list(range(2, 13)),
    "c13_duplicates.xlsx": [2, 3, 4, 5, 6],
    "c15_trailing_formatted_rows.xlsx": [2, 3, 4],
}
"""Excel rows read as deals: no Totals row, no formatted empty rows."""

EXPECTED_VALUES = {
    ("c07_table.xlsx", "amount"): [1200.0, 800.0, 1500.0],
    ("c09_dates.xlsx", "expected_close"): [
        MARCH_15,
        MARCH_15,
        MARCH_15,
        dt.datetime(2024, 3, 15, 17, 30),
        45366.0,
        "2024-03-15",
        "15.03.2024",
        "03/04/2024",
        "15/03/2024 ",
        None,
    ],
    ("c11_numbers_as_text.xlsx", "deal_id"): [
        101.0,
        "102",
        "00103",
        104.0,
        "105 ",
        1.234567890123457e17,
        "123456789012345678",
        108.0,
        109.0,
        110.0,
    ],
    ("c11_numbers_as_text.xlsx", "amount"): [
        1200.0,
        "1,200",
        "1.200,50",
        "1 500",
        "€1,000",
        " 3500 ",
        "12,5",
        "1\xa0000",
        800.0,
        None,
    ],
    ("c12_stage_variants.xlsx", "stage"): [
        "Won",
        "won",
        "Won ",
        "WON",
        "Won\xa0",
        " Won",
        "Proposal",
        "proposal ",
        "Proposa l",
        "Lost",
        "Lost\u200b",
    ],
    ("c13_duplicates.xlsx", "deal_id"): [101.0, 102.0, "102", 101.0, 103.0],
    ("c13_duplicates.xlsx", "amount"): [1200.0, 800.0, 800.0, 1250.0, 1500.0],
    ("c15_trailing_formatted_rows.xlsx", "amount"): [1200.0, 800.0, 1500.0],
}
"""(case, column key) -> raw values the reader returns, row by row."""

EXPECTED_PARSED = {
    ("c09_dates.xlsx", "expected_close"): [
        (MARCH_15, None),
        (MARCH_15, None),
        (MARCH_15, None),
        (MARCH_15, None),
        (MARCH_15, "warning"),
        (MARCH_15, "warning"),
        (MARCH_15, "warning"),
        (None, "error"),
        (MARCH_15, "warning"),
        (None, None),
    ],
    ("c11_numbers_as_text.xlsx", "deal_id"): [
        ("101", None),
        ("102", None),
        ("00103", None),
        ("104", None),
        ("105", None),
        ("123456789012346000", "error"),
        ("123456789012345678", None),
        ("108", None),
        ("109", None),
        ("110", None),
    ],
    ("c11_numbers_as_text.xlsx", "amount"): [
        (1200.0, None),
        (1200.0, None),
        (1200.50, None),
        (1500.0, None),
        (1000.0, None),
        (3500.0, None),
        (None, "error"),
        (1000.0, None),
        (800.0, None),
        (None, None),
    ],
}
"""(case, column key) -> (parsed value, problem severity) of each row."""
