"""Reading team workbooks: finding tables, mapping headers, unreadable files."""

from __future__ import annotations

import re
import struct
import time
import zipfile
from pathlib import Path

import pytest
from cases import (
    EXPECTED_PARSED,
    EXPECTED_ROWS,
    EXPECTED_VALUES,
    case_path,
    salesflow_copy,
)
from openpyxl import Workbook
from workbooks import Rows, deal, evidence, write_team_workbook

from addin.errors import WorkbookError
from addin.reader import TableDef, read_workbook, tables_from_grids
from addin.schema import DEALS
from addin.values import closest_name, normalize_name, parse_amount, parse_cell

DEALS_HEADERS = ["Deal ID", "Customer", "Rep", "Amount", "Stage", "Status", "Created"]


def _sheet_issues(book, sheet):
    return [issue for issue in book.issues if issue.sheet == sheet]


def _write_sheets(path: Path, sheets: dict[str, list[list]]) -> Path:
    """Write plain ranges (no Excel Tables), each sheet's rows from A1."""
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


# ---------------------------------------------------------------------------
# The case workbooks, read as Deals tables


@pytest.mark.parametrize("case", sorted(EXPECTED_ROWS))
def test_case_rows(case, tmp_path):
    path = salesflow_copy(case, tmp_path)

    deals = read_workbook(path).tables["deals"]

    assert deals.rows == EXPECTED_ROWS[case]


@pytest.mark.parametrize(("case", "key"), sorted(EXPECTED_VALUES))
def test_case_values(case, key, tmp_path):
    path = salesflow_copy(case, tmp_path)

    deals = read_workbook(path).tables["deals"]

    assert deals.values[key] == EXPECTED_VALUES[case, key]


@pytest.mark.parametrize(("case", "key"), sorted(EXPECTED_PARSED))
def test_case_parsed(case, key, tmp_path):
    path = salesflow_copy(case, tmp_path)
    kind = DEALS.column(key).kind

    cells = read_workbook(path).tables["deals"].values[key]
    parsed = [parse_cell(kind, cell) for cell in cells]

    assert [p.value for p in parsed] == [
        value for value, _ in EXPECTED_PARSED[case, key]
    ]
    assert [p.problem.severity if p.problem else None for p in parsed] == [
        severity for _, severity in EXPECTED_PARSED[case, key]
    ]


def test_case_amount_currency(tmp_path):
    path = salesflow_copy("c11_numbers_as_text.xlsx", tmp_path)

    cells = read_workbook(path).tables["deals"].values["amount"]
    currencies = [parse_amount(cell).currency for cell in cells]

    assert currencies == [None] * 4 + ["EUR"] + [None] * 5


def test_case_unknown_stage_closest(tmp_path):
    path = salesflow_copy("c12_stage_variants.xlsx", tmp_path)
    known = ["Won", "Proposal", "Lost"]

    stages = read_workbook(path).tables["deals"].values["stage"]
    unknown = [s for s in stages if normalize_name(s) not in map(normalize_name, known)]

    assert unknown == ["Proposa l"]
    assert closest_name(unknown[0], known) == "Proposal"


def test_case_copy_changes_only_headers(tmp_path):
    path = salesflow_copy("c09_dates.xlsx", tmp_path)

    with zipfile.ZipFile(path) as copy:
        sheet = copy.read("xl/worksheets/sheet1.xml")
    with zipfile.ZipFile(case_path("c09_dates.xlsx")) as case:
        original = case.read("xl/worksheets/sheet1.xml")

    assert sheet == original


def test_totals_row_not_a_deal(tmp_path):
    path = salesflow_copy("c07_table.xlsx", tmp_path)

    deals = read_workbook(path).tables["deals"]
    pipeline = sum(parse_amount(value).value for value in deals.values["amount"])

    assert pipeline == 3500


def test_calculated_column_cached(tmp_path):
    path = salesflow_copy("c07_table.xlsx", tmp_path)

    book = read_workbook(path)

    assert "weighted" in book.tables["deals"].extra_headers
    assert not [i for i in book.issues if "formula" in i.message]


def test_trailing_formatted_rows_fast(tmp_path):
    path = salesflow_copy("c15_trailing_formatted_rows.xlsx", tmp_path)

    started = time.perf_counter()
    deals = read_workbook(path).tables["deals"]
    seconds = time.perf_counter() - started

    assert len(deals.rows) == 3
    assert seconds < 2


def test_duplicate_header_names_both(tmp_path):
    path = salesflow_copy("c13_duplicates.xlsx", tmp_path)

    issues = _sheet_issues(read_workbook(path), "Deals")
    duplicates = [issue for issue in issues if "twice" in issue.message]

    assert len(duplicates) == 1
    assert duplicates[0].severity == "error"
    assert "'Amount'" in duplicates[0].message
    assert "C1 and D1" in duplicates[0].message
    assert duplicates[0].cell == "D1"


def test_duplicate_header_first_read(tmp_path):
    path = salesflow_copy("c13_duplicates.xlsx", tmp_path)

    deals = read_workbook(path).tables["deals"]

    assert deals.location.columns["amount"] == "C"


def test_stage_variants_three_keys(tmp_path):
    path = salesflow_copy("c12_stage_variants.xlsx", tmp_path)

    stages = read_workbook(path).tables["deals"].values["stage"]
    keys = {normalize_name(stage) for stage in stages}

    assert keys == {"won", "proposal", "proposa l", "lost"}


# ---------------------------------------------------------------------------
# A full team workbook


@pytest.fixture
def team_book(tmp_path):
    path = write_team_workbook(
        tmp_path / "team.xlsx",
        deals=[deal("00103"), deal("D2", amount="1,200")],
        evidence=[evidence("00103", "IQ1", "2026-01-06")],
    )
    return read_workbook(path)


def test_team_every_table_found(team_book):
    assert sorted(team_book.tables) == sorted(
        [
            "process",
            "criteria",
            "team",
            "deals",
            "evidence",
            "settings",
            "rates",
            "curve",
        ]
    )


def test_team_no_issues(team_book):
    assert team_book.issues == []


@pytest.mark.parametrize(
    ("key", "columns"),
    [
        ("settings", {"name": "A", "value": "B"}),
        ("rates", {"currency": "D", "rate": "E"}),
        ("curve", {"min_score": "G", "payout": "H"}),
    ],
)
def test_settings_side_by_side(team_book, key, columns):
    assert team_book.tables[key].location.columns == columns


def test_team_deal_values(team_book):
    deals = team_book.tables["deals"]

    assert deals.values["deal_id"] == ["00103", "D2"]
    assert deals.values["amount"] == [1000, "1,200"]
    assert deals.rows == [2, 3]


def test_team_sheet_names(team_book):
    assert team_book.sheet_names[:5] == [
        "Process",
        "Criteria",
        "Team",
        "Deals",
        "Evidence",
    ]


# ---------------------------------------------------------------------------
# Tables found by their header row


def test_settings_stacked(tmp_path):
    path = _write_sheets(
        tmp_path / "stacked.xlsx",
        {
            "Settings": [
                ["Setting", "Value"],
                ["Reporting currency", "USD"],
                ["Language", "en"],
                [],
                ["Exchange rates"],
                ["Currency", "Rate to reporting currency"],
                ["EUR", 1.1],
                ["CNY", 0.14],
                [],
                ["Min score", "Payout %"],
                [90, 1],
                [0, 0.5],
            ]
        },
    )

    book = read_workbook(path)

    assert book.tables["settings"].rows == [2, 3]
    assert book.tables["rates"].rows == [7, 8]
    assert book.tables["curve"].rows == [11, 12]


def test_settings_adjacent_no_gap(tmp_path):
    path = _write_sheets(
        tmp_path / "adjacent.xlsx",
        {
            "Settings": [
                ["Setting", "Value", "Currency", "Rate"],
                ["Language", "en", "EUR", 1.1],
                [None, None, "CNY", 0.14],
            ]
        },
    )

    book = read_workbook(path)

    assert book.tables["settings"].rows == [2]
    assert book.tables["settings"].extra_headers == []
    assert book.tables["rates"].values["currency"] == ["EUR", "CNY"]


def test_settings_stacked_no_blank_row(tmp_path):
    path = _write_sheets(
        tmp_path / "tight.xlsx",
        {
            "Settings": [
                ["Setting", "Value"],
                ["Language", "en"],
                ["Currency", "Rate"],
                ["EUR", 1.1],
            ]
        },
    )

    book = read_workbook(path)

    assert book.tables["settings"].rows == [2]
    assert book.tables["rates"].rows == [4]


def test_header_below_title_rows(tmp_path):
    rows = [
        ["Deals of the team"],
        [],
        [None, None, *DEALS_HEADERS],
        [None, None, "D1", "Acme", "Ann", 100, "Inquiry", "Open", "2026-01-05"],
    ]
    path = _write_sheets(tmp_path / "offset.xlsx", {"Deals": rows})

    deals = read_workbook(path).tables["deals"]

    assert deals.location.header_row == 3
    assert deals.location.cell("deal_id", 4) == "C4"
    assert deals.values["deal_id"] == ["D1"]


def test_blank_header_column_bridged(tmp_path):
    headers = [*DEALS_HEADERS[:2], None, *DEALS_HEADERS[2:]]
    path = _write_sheets(tmp_path / "gap.xlsx", {"Deals": [headers, ["D1"]]})

    book = read_workbook(path)

    assert _sheet_issues(book, "Deals") == []
    assert book.tables["deals"].location.columns["created"] == "H"


def test_table_ends_at_blank_row(tmp_path):
    rows = [DEALS_HEADERS, ["D1"], ["D2"], [], ["notes below the table"]]
    path = _write_sheets(tmp_path / "blank.xlsx", {"Deals": rows})

    deals = read_workbook(path).tables["deals"]

    assert deals.values["deal_id"] == ["D1", "D2"]


def test_chinese_sheet_and_headers(tmp_path):
    headers = ["商机编号", "客户", "销售", "金额", "阶段", "状态", "创建日期", "备注"]
    rows = [
        headers,
        ["00103", "甲公司", "张三", "１２，０００", "询价", "进行中", None, "x"],
    ]
    path = _write_sheets(tmp_path / "zh.xlsx", {"商机": rows})

    book = read_workbook(path)
    deals = book.tables["deals"]

    assert deals.location.sheet == "商机"
    assert deals.values["amount"] == ["１２，０００"]
    assert deals.location.columns["note"] == "H"
    assert _sheet_issues(book, "商机") == []


def test_header_variants_match(tmp_path):
    headers = [
        " deal id",
        "CUSTOMER ",
        "Rep\xa0",
        "ａｍｏｕｎｔ",
        "Stage",
        "Status",
        "Created",
        "Remarks",
    ]
    path = _write_sheets(tmp_path / "variants.xlsx", {"deals": [headers, ["D1"]]})

    deals = read_workbook(path).tables["deals"]

    assert set(deals.location.columns) == {
        "deal_id",
        "customer",
        "rep",
        "amount",
        "stage",
        "status",
        "created",
    }
    assert deals.extra_headers == ["Remarks"]


def test_alias_duplicate_column(tmp_path):
    headers = [*DEALS_HEADERS, "客户"]
    path = _write_sheets(tmp_path / "alias.xlsx", {"Deals": [headers, ["D1"]]})

    issues = _sheet_issues(read_workbook(path), "Deals")

    assert len(issues) == 1
    assert "'Customer' in B1" in issues[0].message
    assert "'客户' in H1" in issues[0].message


def test_missing_required_column(tmp_path):
    headers = [h for h in DEALS_HEADERS if h != "Status"]
    path = _write_sheets(tmp_path / "missing.xlsx", {"Deals": [headers, ["D1"]]})

    issues = _sheet_issues(read_workbook(path), "Deals")

    assert len(issues) == 1
    assert issues[0].severity == "error"
    assert "Status" in issues[0].message
    assert "row 1" in issues[0].message
    assert issues[0].cell == "A1"


def test_missing_sheet_one_issue(tmp_path):
    path = write_team_workbook(tmp_path / "team.xlsx", omit=("evidence",))
    book = read_workbook(path)

    issues = _sheet_issues(book, "Evidence")

    assert "evidence" not in book.tables
    assert len(issues) == 1
    assert "Evidence" in issues[0].message
    assert "tblEvidence" in issues[0].fix


def test_sheet_without_table(tmp_path):
    path = _write_sheets(tmp_path / "empty.xlsx", {"Deals": [["just notes"]]})

    issues = _sheet_issues(read_workbook(path), "Deals")

    assert len(issues) == 1
    assert "header row" in issues[0].message


# ---------------------------------------------------------------------------
# Excel Tables


def test_excel_table_skips_empty_rows(tmp_path):
    path = write_team_workbook(
        tmp_path / "team.xlsx",
        deals=Rows(
            ["Deal ID", "Customer", "Rep", "Amount", "Stage", "Status", "Created"],
            [
                ("D1", "Acme", "Ann", 5, "Inquiry", "Open", None),
                (None,) * 7,
                ("D3", "Beta", "Bob", 7, "Inquiry", "Open", None),
            ],
        ),
    )

    deals = read_workbook(path).tables["deals"]

    assert deals.rows == [2, 4]


def test_unnamed_excel_table_totals_skipped():
    grid = [["Deal ID", "Amount"], ["D1", 5], ["Total", 5]]
    table = TableDef("Table1", "Deals", "A1:B3", totals_rows=1)

    book = tables_from_grids({"Deals": grid}, [table])

    assert book.tables["deals"].rows == [2]


def test_one_excel_table_for_all_settings():
    grid = [
        ["Setting", "Value", "Currency", "Rate"],
        ["Language", "en", "EUR", 1.1],
        [None, None, "CNY", 0.14],
    ]
    table = TableDef("Table1", "Settings", "A1:D3")

    book = tables_from_grids({"Settings": grid}, [table])

    assert book.tables["settings"].rows == [2]
    assert book.tables["rates"].rows == [2, 3]


def test_table_defs_from_grids():
    grid = [["Title"], ["Deal ID", "Amount"], ["D1", 5], ["D2", 6], ["Total", 11]]
    table = TableDef("tblDeals", "Pipeline", "A2:B5", totals_rows=1)

    book = tables_from_grids({"Pipeline": grid}, [table])

    assert book.tables["deals"].rows == [3, 4]
    assert book.tables["deals"].values["amount"] == [5, 6]


def test_grids_ragged_rows():
    grid = [DEALS_HEADERS, ["D1"], ["D2", "Beta", "Bob", 5]]

    deals = tables_from_grids({"Deals": grid}).tables["deals"]

    assert deals.values["amount"] == [None, 5]


def test_malformed_table_ref_falls_back(tmp_path):
    path = write_team_workbook(tmp_path / "team.xlsx", deals=[deal("D1")])
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(path) as whole, zipfile.ZipFile(broken, "w") as copy:
        for member in whole.infolist():
            content = whole.read(member)
            if b'displayName="tblDeals"' in content:
                content = re.sub(rb'ref="[^"]*"', b'ref="nonsense"', content, count=1)
            copy.writestr(member, content)

    deals = read_workbook(broken).tables["deals"]

    assert deals.values["deal_id"] == ["D1"]


def test_english_sheet_before_alias(tmp_path):
    rows = [DEALS_HEADERS, ["D1"]]
    path = _write_sheets(tmp_path / "two.xlsx", {"客户": [["名单"]], "Deals": rows})

    deals = read_workbook(path).tables["deals"]

    assert deals.location.sheet == "Deals"


# ---------------------------------------------------------------------------
# Formulas without a saved result


def test_formula_without_result_reported(tmp_path):
    path = write_team_workbook(
        tmp_path / "team.xlsx",
        deals=[deal("D1", amount="=2*500"), deal('="D"&2')],
    )

    issues = [i for i in read_workbook(path).issues if "formula" in i.message]

    assert [(i.cell, i.severity) for i in issues] == [
        ("F2", "warning"),
        ("A3", "error"),
    ]


def test_formula_with_result_silent(tmp_path):
    path = salesflow_copy("c07_table.xlsx", tmp_path)

    issues = [i for i in read_workbook(path).issues if "formula" in i.message]

    assert issues == []


def test_error_value_reported_with_deal(tmp_path):
    path = write_team_workbook(
        tmp_path / "team.xlsx",
        deals=[deal("D1", expected_close="#N/A"), deal("D2")],
    )

    issues = [i for i in read_workbook(path).issues if "#N/A" in i.message]

    assert [(i.cell, i.severity, i.deal) for i in issues] == [("K2", "error", "D1")]


# ---------------------------------------------------------------------------
# Files that cannot be read


def _compound_file(path: Path, streams: list[str]) -> Path:
    """Write a minimal OLE compound file with the named streams.

    Each stream is 4096 bytes (the mini-stream cutoff), so it sits in normal
    512-byte sectors and the file needs only one FAT and one directory sector.
    """
    sector, per_stream = 512, 8
    fat = [0xFFFFFFFD, 0xFFFFFFFE]
    for index in range(len(streams)):
        first = 2 + index * per_stream
        fat += [*range(first + 1, first + per_stream), 0xFFFFFFFE]
    fat += [0xFFFFFFFF] * (sector // 4 - len(fat))

    def entry(name, kind, child, right, start, size):
        encoded = (name + "\0").encode("utf-16-le")
        return (
            encoded.ljust(64, b"\0")
            + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<iii", -1, right, child)
            + bytes(36)
            + struct.pack("<IQ", start, size)
        )

    entries = [entry("Root Entry", 5, 1, -1, 0xFFFFFFFE, 0)]
    for index, name in enumerate(streams, start=1):
        right = index + 1 if index < len(streams) else -1
        entries.append(entry(name, 2, -1, right, 2 + (index - 1) * per_stream, 4096))
    directory = b"".join(entries).ljust(sector, b"\0")

    header = (
        bytes.fromhex("D0CF11E0A1B11AE1")
        + bytes(16)
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + bytes(6)
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
        + struct.pack("<I", 0)
        + b"\xff" * 4 * 108
    )
    body = b"".join(struct.pack("<I", value) for value in fat) + directory
    path.write_bytes(header + body + bytes(4096 * len(streams)))
    return path


def _zip(path: Path, members: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as package:
        for name, content in members.items():
            package.writestr(name, content)
    return path


def _truncated(path: Path, source: Path) -> Path:
    content = source.read_bytes()
    path.write_bytes(content[: len(content) // 2])
    return path


UNREADABLE = {
    "missing": (lambda folder: folder / "nowhere.xlsx", "does not exist"),
    "folder": (lambda folder: folder, "folder"),
    "csv": (
        lambda folder: _text(folder / "deals.xlsx", "id,amount\n1,200\n"),
        "text file",
    ),
    "chinese text": (
        lambda folder: _text(folder / "zh.xlsx", "编号,金额\n"),
        "text file",
    ),
    "binary": (
        lambda folder: _bytes(folder / "noise.xlsx", bytes(range(256))),
        "not an Excel workbook",
    ),
    "docx": (
        lambda folder: _zip(folder / "memo.xlsx", {"word/document.xml": "<w/>"}),
        "Word document",
    ),
    "xlsb": (lambda folder: _zip(folder / "b.xlsx", {"xl/workbook.bin": ""}), ".xlsb"),
    "ods": (
        lambda folder: _zip(
            folder / "o.xlsx", {"mimetype": "x", "content.xml": "<x/>"}
        ),
        ".ods",
    ),
    "empty zip": (
        lambda folder: _zip(folder / "z.xlsx", {"a.txt": "a"}),
        "not an Excel workbook",
    ),
    "encrypted": (
        lambda folder: _compound_file(
            folder / "secret.xlsx", ["EncryptionInfo", "EncryptedPackage"]
        ),
        "password",
    ),
    "xls": (lambda folder: _compound_file(folder / "old.xlsx", ["Workbook"]), ".xls"),
    "corrupt member": (
        lambda folder: _corrupt_member(
            folder / "bad.xlsx", write_team_workbook(folder / "ok.xlsx")
        ),
        "damaged",
    ),
    "truncated": (
        lambda folder: _truncated(
            folder / "cut.xlsx", write_team_workbook(folder / "whole.xlsx")
        ),
        "damaged",
    ),
}


def _corrupt_member(path: Path, source: Path) -> Path:
    """Copy ``source`` uncompressed, then change one byte of the Deals sheet."""
    with zipfile.ZipFile(source) as whole, zipfile.ZipFile(path, "w") as copy:
        for member in whole.infolist():
            copy.writestr(member.filename, whole.read(member), zipfile.ZIP_STORED)
    content = bytearray(path.read_bytes())
    position = content.index(b"<sheetData>")
    content[position + 1] = ord("X")
    path.write_bytes(bytes(content))
    return path


def _text(path: Path, content: str) -> Path:
    path.write_text(content, encoding="utf-8")
    return path


def _bytes(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path


@pytest.mark.parametrize("case", sorted(UNREADABLE))
def test_unreadable_file(case, tmp_path):
    make, words = UNREADABLE[case]
    path = make(tmp_path)

    with pytest.raises(WorkbookError) as raised:
        read_workbook(path)

    assert words in str(raised.value)
    assert raised.value.exit_code == 2


def test_unreadable_message_one_line(tmp_path):
    path = _compound_file(
        tmp_path / "secret.xlsx", ["EncryptionInfo", "EncryptedPackage"]
    )

    with pytest.raises(WorkbookError) as raised:
        read_workbook(path)

    assert "\n" not in str(raised.value)
    assert str(path) in str(raised.value)


def _shrink_table(path: Path, sheet: str, ref: str) -> Path:
    """Shrink an Excel Table to ``ref``, as LibreOffice leaves it after typing below."""
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    table = next(iter(workbook[sheet].tables.values()))
    table.ref = ref
    table.autoFilter.ref = ref
    workbook.save(path)
    return path


def test_rows_under_table_read_with_warning(tmp_path):
    path = write_team_workbook(
        tmp_path / "team.xlsx", deals=[deal("D1"), deal("D2"), deal("D3")]
    )
    _shrink_table(path, "Deals", "A1:O2")

    book = read_workbook(path)

    assert book.tables["deals"].rows == [2, 3, 4]
    warnings = [i for i in book.issues if "under the Excel Table" in i.message]
    assert [(i.sheet, i.cell, i.severity) for i in warnings] == [
        ("Deals", "A3", "warning")
    ]
    assert "rows 3 to 4" in warnings[0].fix


def test_rows_under_table_stop_at_blank_row(tmp_path):
    path = write_team_workbook(
        tmp_path / "team.xlsx", deals=[deal("D1"), deal("D2")]
    )
    _shrink_table(path, "Deals", "A1:O2")
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    workbook["Deals"]["A6"] = "a note far below"
    workbook.save(path)

    book = read_workbook(path)

    assert book.tables["deals"].rows == [2, 3]
