"""Writing output sheets into real workbooks: nothing else in the file changes."""

from __future__ import annotations

import datetime as dt
import math
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from lxml import etree
from python_calamine import CalamineWorkbook

from addin.errors import WriteError
from addin.locale import text
from addin.output import Block, Chart, Column, Highlight, OutputSheet
from addin.xlsx import writeback
from addin.xlsx.writeback import BACKUP_FOLDER, write_output_sheets
from tests.cases import CASES, LISTING_PARTS, SURVIVOR_FILES
from tests.libreoffice import convert, needs_libreoffice, pdf_to_png

CASE_FILES = SURVIVOR_FILES
HYPERLINK_CUSTOMER = '=HYPERLINK("http://example.invalid","x")'
SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def issues_sheet() -> OutputSheet:
    """An Issues-like sheet: links to cells, severity highlights, odd values."""
    columns = [
        Column("Severity", "text", 10),
        Column("Location", "text", 14),
        Column("Customer"),
        Column("Amount", "amount"),
        Column("Logged", "date"),
        Column("Message"),
    ]
    rows = [
        ("error", "Deals!B2", HYPERLINK_CUSTOMER, 1200.0, dt.date(2026, 1, 2), "x"),
        ("warning", "'Deals'!C3", "+Acme", math.nan, None, "-12 days"),
        ("error", "Deals!A1", "@Beta", pd.NA, pd.NaT, "cut\x01here"),
        (
            "warning",
            "Deals!D4",
            "Gamma 客户",
            None,
            dt.datetime(2026, 1, 2, 9, 30, tzinfo=SHANGHAI),
            "ok",
        ),
    ]
    block = Block(
        columns=columns,
        rows=rows,
        table_name="salesflowIssues",
        highlights=[
            Highlight("Severity", "equals", "error", "bad"),
            Highlight("Severity", "equals", "warning", "warn"),
        ],
        links={(index, 1): row[1] for index, row in enumerate(rows)},
        notes=["Click a location to go to the cell."],
    )
    return OutputSheet("Issues", "Issues as of 2026-11-30", [block])


def funnel_sheet() -> OutputSheet:
    """A sheet with a titled block and a native bar chart."""
    block = Block(
        title="Team",
        columns=[
            Column("Stage"),
            Column("Open deals", "integer"),
            Column("Value", "amount"),
            Column("Conversion", "percent"),
        ],
        rows=[
            ("Inquiry", 12, 84000, 0.5),
            ("Needs confirmed", 7, 61000, 0.43),
            ("Sample paid", 4, 40000, 0.5),
            ("Order", 2, 25000, None),
        ],
        table_name="salesflowFunnel",
        chart=Chart("bar", "Open deals by stage", "Stage", ("Open deals",)),
    )
    return OutputSheet("Funnel", "Funnel as of 2026-11-30", [block])


def case_copy(tmp_path: Path, name: str) -> Path:
    copy = tmp_path / name
    shutil.copyfile(CASES / name, copy)
    return copy


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


def member_infos(path: Path) -> dict[str, zipfile.ZipInfo]:
    with zipfile.ZipFile(path) as package:
        return {info.filename: info for info in package.infolist()}


def calamine_rows(path: Path, sheet: str) -> list[list[object]]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()


def openpyxl_cell(path: Path, sheet: str, ref: str) -> openpyxl.cell.Cell:
    return openpyxl.load_workbook(path)[sheet][ref]


@pytest.fixture
def written(tmp_path: Path) -> Path:
    path = case_copy(tmp_path, "c01_drawings.xlsx")
    write_output_sheets(path, [issues_sheet(), funnel_sheet()])
    return path


# Every other member stays byte for byte


@pytest.mark.parametrize("case", CASE_FILES)
def test_write_case_keeps_other_members(tmp_path, case):
    path = case_copy(tmp_path, case)
    before = members(path)

    write_output_sheets(path, [issues_sheet(), funnel_sheet()])

    after = members(path)
    for name, content in before.items():
        if name not in LISTING_PARTS:
            assert after[name] == content, name


@pytest.mark.parametrize("case", CASE_FILES)
def test_write_case_keeps_compression_and_order(tmp_path, case):
    path = case_copy(tmp_path, case)
    infos_before = member_infos(path)

    write_output_sheets(path, [issues_sheet(), funnel_sheet()])

    infos_after = member_infos(path)
    kept = [name for name in infos_before if name not in LISTING_PARTS]
    order_after = [name for name in infos_after if name in infos_before]
    assert order_after == list(infos_before)
    for name in kept:
        before, after = infos_before[name], infos_after[name]
        assert (after.compress_type, after.compress_size, after.CRC) == (
            before.compress_type,
            before.compress_size,
            before.CRC,
        ), name


@pytest.mark.parametrize("case", CASE_FILES)
def test_write_case_only_appends_styles(tmp_path, case):
    path = case_copy(tmp_path, case)
    styles_before = style_records(members(path)["xl/styles.xml"])

    write_output_sheets(path, [issues_sheet(), funnel_sheet()])

    styles_after = style_records(members(path)["xl/styles.xml"])
    for section, records in styles_before.items():
        assert styles_after[section][: len(records)] == records, section


def style_records(xml: bytes) -> dict[str, list[bytes]]:
    """Return each style section's records as canonical XML, in index order."""
    root = etree.fromstring(xml)
    sections = {}
    for section in root:
        name = etree.QName(section).localname
        sections[name] = [etree.tostring(record, method="c14n") for record in section]
    return sections


@pytest.mark.parametrize("case", CASE_FILES)
def test_write_case_values_read_back(tmp_path, case):
    path = case_copy(tmp_path, case)

    write_output_sheets(path, [issues_sheet(), funnel_sheet()])

    rows = calamine_rows(path, "Issues")
    assert rows[2] == [
        "Severity",
        "Location",
        "Customer",
        "Amount",
        "Logged",
        "Message",
    ]
    assert rows[3][:4] == ["error", "Deals!B2", HYPERLINK_CUSTOMER, 1200.0]
    workbook = openpyxl.load_workbook(path)
    assert workbook["Funnel"]["B5"].value == 12
    assert workbook["Issues"]["B4"].hyperlink.location == "Deals!B2"


@pytest.mark.parametrize("case", CASE_FILES)
def test_write_case_is_idempotent(tmp_path, case):
    path = case_copy(tmp_path, case)
    write_output_sheets(path, [issues_sheet(), funnel_sheet()])
    first = members(path)

    result = write_output_sheets(path, [issues_sheet(), funnel_sheet()])

    second = members(path)
    assert result.replaced == ["Issues", "Funnel"]
    assert second == first


@needs_libreoffice
@pytest.mark.parametrize("case", CASE_FILES)
def test_write_case_opens_in_libreoffice(tmp_path, case):
    path = case_copy(tmp_path, case)
    write_output_sheets(path, [issues_sheet(), funnel_sheet()])

    pdf = convert(path, "pdf", tmp_path / "pdf")

    assert pdf.stat().st_size > 1000


def test_xlsm_keeps_macro_content_type(tmp_path):
    path = case_copy(tmp_path, "c05_macro_button.xlsm")

    write_output_sheets(path, [issues_sheet()])

    content_types = members(path)["[Content_Types].xml"].decode()
    assert "application/vnd.ms-excel.sheet.macroEnabled.main+xml" in content_types
    assert 'Extension="bin" ContentType="application/vnd.ms-office.vbaProject"' in (
        content_types
    )


# Safe values


def test_formula_like_text_reads_back_as_text(written):
    cell = openpyxl_cell(written, "Issues", "C4")

    assert cell.value == HYPERLINK_CUSTOMER
    assert cell.data_type == "s"


@pytest.mark.parametrize(
    ("ref", "expected"), [("C5", "+Acme"), ("C6", "@Beta"), ("F5", "-12 days")]
)
def test_sign_prefixed_text_reads_back_as_text(written, ref, expected):
    cell = openpyxl_cell(written, "Issues", ref)

    assert cell.value == expected


@pytest.mark.parametrize("ref", ["D5", "D6", "E5", "E6", "D7"])
def test_missing_values_are_empty_cells(written, ref):
    cell = openpyxl_cell(written, "Issues", ref)

    assert cell.value is None


def test_timezone_aware_datetime_keeps_wall_time(written):
    cell = openpyxl_cell(written, "Issues", "E7")

    assert cell.value == dt.datetime(2026, 1, 2, 9, 30)


def test_date_gets_date_format(written):
    cell = openpyxl_cell(written, "Issues", "E4")

    assert cell.value == dt.datetime(2026, 1, 2)
    assert cell.number_format == "yyyy-mm-dd"


def test_control_character_removed_rest_kept(written):
    cell = openpyxl_cell(written, "Issues", "F6")

    assert cell.value == "cuthere"


def test_long_text_cut_with_note(tmp_path):
    path = case_copy(tmp_path, "c02_dv_crosssheet.xlsx")
    sheet = OutputSheet("Notes", "Notes", [Block([Column("Text")], [("x" * 40_000,)])])

    result = write_output_sheets(path, [sheet])

    value = calamine_rows(path, "Notes")[3][0]
    assert len(value) == 32_767
    assert value.endswith("characters]")
    assert result.warnings == [text("xlsx.cell_cut", cell="'Notes'!A4")]


# Ownership, locks and failures


def test_user_sheet_with_output_name_blocks_write(tmp_path):
    path = tmp_path / "team.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.title = "Issues"
    workbook.save(path)
    before = path.read_bytes()

    with pytest.raises(WriteError, match="did not create"):
        write_output_sheets(path, [issues_sheet()])

    assert path.read_bytes() == before


@pytest.mark.parametrize("lock", ["~$c01_drawings.xlsx", ".~lock.c01_drawings.xlsx#"])
def test_lock_file_blocks_write(tmp_path, lock):
    path = case_copy(tmp_path, "c01_drawings.xlsx")
    (tmp_path / lock).write_text("owner")
    before = path.read_bytes()

    with pytest.raises(WriteError, match="Close"):
        write_output_sheets(path, [issues_sheet()])

    assert path.read_bytes() == before


def test_failure_halfway_leaves_original(tmp_path, monkeypatch):
    path = case_copy(tmp_path, "c06_comments.xlsx")
    before = path.read_bytes()

    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(writeback, "_check_written", fail)
    with pytest.raises(RuntimeError):
        write_output_sheets(path, [issues_sheet(), funnel_sheet()])

    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c06_comments.xlsx"]


def test_owner_marker_survives_libreoffice_save(tmp_path):
    path = case_copy(tmp_path, "c02_dv_crosssheet.xlsx")
    write_output_sheets(path, [issues_sheet()])
    saved = convert(path, "xlsx", tmp_path / "saved")

    result = write_output_sheets(saved, [issues_sheet()])

    assert result.replaced == ["Issues"]


def test_owner_marker_is_sheet_scoped_name(written):
    workbook = openpyxl.load_workbook(written)

    names = workbook["Issues"].defined_names

    assert names["_salesflow_owner"].attr_text == '"salesflow"'


# Backups, tables and removal


def test_backups_keep_last_three(tmp_path):
    path = case_copy(tmp_path, "c01_drawings.xlsx")

    for day in range(1, 6):
        sheet = issues_sheet()
        sheet.title = f"Issues as of 2026-12-0{day}"
        result = write_output_sheets(path, [sheet])

    backups = sorted((tmp_path / BACKUP_FOLDER).iterdir())
    assert len(backups) == 3
    assert result.backup == backups[-1]


def test_same_sheets_leave_file_alone(written):
    before = written.read_bytes()
    backups_before = sorted((written.parent / BACKUP_FOLDER).iterdir())

    result = write_output_sheets(written, [issues_sheet(), funnel_sheet()])

    assert result.unchanged is True
    assert result.backup is None
    assert written.read_bytes() == before
    assert sorted((written.parent / BACKUP_FOLDER).iterdir()) == backups_before
    assert [p.name for p in written.parent.iterdir() if "tmp" in p.name] == []


def test_first_backup_is_original(tmp_path):
    path = case_copy(tmp_path, "c01_drawings.xlsx")
    original = path.read_bytes()

    result = write_output_sheets(path, [issues_sheet()])

    assert result.backup.read_bytes() == original


def test_output_path_leaves_source_alone(tmp_path):
    path = case_copy(tmp_path, "c01_drawings.xlsx")
    original = path.read_bytes()
    output = tmp_path / "refreshed.xlsx"

    result = write_output_sheets(path, [issues_sheet()], output=output)

    assert path.read_bytes() == original
    assert result.added == ["Issues"]
    assert calamine_rows(output, "Issues")[0][0] == "Issues as of 2026-11-30"


def test_taken_table_name_gets_number(tmp_path):
    from openpyxl.worksheet.table import Table

    path = tmp_path / "team.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.append(["Deal ID", "Amount"])
    workbook.active.append(["D1", 5])
    workbook.active.add_table(Table(displayName="salesflowIssues", ref="A1:B2"))
    workbook.save(path)

    result = write_output_sheets(path, [issues_sheet()])

    assert result.tables == {"salesflowIssues": "salesflowIssues2"}
    assert "salesflowIssues2" in openpyxl.load_workbook(path)["Issues"].tables


def test_keep_false_removes_stale_sheet(tmp_path):
    path = case_copy(tmp_path, "c01_drawings.xlsx")
    write_output_sheets(path, [issues_sheet(), funnel_sheet()])

    result = write_output_sheets(path, [issues_sheet()], keep=lambda name: False)

    assert result.removed == ["Funnel"]
    assert openpyxl.load_workbook(path).sheetnames == ["Deals", "Dashboard", "Issues"]
    assert not any(name.startswith("xl/charts/chart2") for name in members(path))


def test_hidden_sheet_state(tmp_path):
    path = case_copy(tmp_path, "c01_drawings.xlsx")
    sheet = issues_sheet()
    sheet.hidden = True

    write_output_sheets(path, [sheet])

    assert openpyxl.load_workbook(path)["Issues"].sheet_state == "hidden"


# Seeing it as a person would


@needs_libreoffice
def test_funnel_renders_to_png(tmp_path):
    path = tmp_path / "team.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.title = "Deals"
    workbook.active["A1"] = "Deal ID"
    workbook.save(path)
    write_output_sheets(path, [funnel_sheet()])
    pdf = convert(path, "pdf", tmp_path / "pdf")

    png = pdf_to_png(pdf, resolution=50, page=2)

    assert png.stat().st_size > 5_000
    page_text = subprocess.run(
        ["pdftotext", "-f", "2", "-l", "2", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Funnel as of 2026-11-30" in page_text
    assert "Open deals by stage" in page_text


@pytest.mark.slow
def test_big_sheet_writes_quickly(tmp_path):
    columns = [Column(f"Column {n}", "amount" if n % 2 else "text") for n in range(15)]
    rows = [
        tuple(f"deal {r}" if n % 2 == 0 else r * 1.5 for n in range(15))
        for r in range(100_000)
    ]
    sheet = OutputSheet(
        "Deal audit", "Deal audit", [Block(columns, rows, table_name="t")]
    )
    path = case_copy(tmp_path, "c02_dv_crosssheet.xlsx")

    started = dt.datetime.now()
    write_output_sheets(path, [sheet], backups=0)
    seconds = (dt.datetime.now() - started).total_seconds()

    assert seconds < 120
    assert calamine_rows(path, "Deal audit")[-1][0] == "deal 99999"


# The calculation chain


def add_calc_chain(path: Path, cells: str) -> None:
    """Give the package a calcChain.xml with ``cells``, as Excel would."""
    parts = members(path)
    parts["xl/calcChain.xml"] = (
        '<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"{cells}</calcChain>"
    ).encode()
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/>'
        b"</Relationships>",
    )
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/xl/calcChain.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>',
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in parts.items():
            package.writestr(name, content)


def test_calc_chain_drops_replaced_sheet_cells(written):
    # Issues is sheetId 3 in the case file; the third cell inherits i="3".
    add_calc_chain(
        written, '<c r="A1" i="1"/><c r="B2" i="3"/><c r="B3"/><c r="C1" i="2"/>'
    )

    write_output_sheets(written, [issues_sheet()])

    chain = members(written)["xl/calcChain.xml"].decode()
    assert '<c r="A1" i="1"/>' in chain
    assert '<c r="C1" i="2"/>' in chain
    assert 'r="B2"' not in chain
    assert 'r="B3"' not in chain


def test_calc_chain_emptied_is_deleted(written):
    add_calc_chain(written, '<c r="B2" i="3"/>')

    write_output_sheets(written, [issues_sheet()])

    after = members(written)
    assert "xl/calcChain.xml" not in after
    assert b"calcChain" not in after["xl/_rels/workbook.xml.rels"]
    assert b"calcChain" not in after["[Content_Types].xml"]


def test_literal_escape_text_reads_back(tmp_path):
    path = case_copy(tmp_path, "c02_dv_crosssheet.xlsx")
    sheet = OutputSheet("Notes", "Notes", [Block([Column("Text")], [("_x0041_",)])])

    write_output_sheets(path, [sheet])

    assert calamine_rows(path, "Notes")[3][0] == "_x0041_"


def test_app_titles_list_new_sheets(written):
    app = members(written)["docProps/app.xml"].decode()

    titles = app[app.index("<TitlesOfParts>") :]
    assert titles.count("<vt:lpstr>") == 4
    assert "<vt:lpstr>Issues</vt:lpstr><vt:lpstr>Funnel</vt:lpstr>" in titles
    assert "<vt:i4>4</vt:i4>" in app


def test_removed_sheet_shifts_later_markers(tmp_path):
    path = case_copy(tmp_path, "c01_drawings.xlsx")
    notes = OutputSheet("Notes", "Notes", [Block([Column("Text")], [("n",)])])
    write_output_sheets(path, [issues_sheet(), funnel_sheet(), notes])
    write_output_sheets(path, [issues_sheet(), notes], keep=lambda name: False)

    result = write_output_sheets(path, [notes])

    assert result.replaced == ["Notes"]
    assert openpyxl.load_workbook(path)["Notes"].defined_names["_salesflow_owner"]
