"""Refresh through xlwings' remote engine gives the CLI's sheets, cell for cell.

Each test builds a real .xlsx team workbook, turns it into the JSON the
Office.js task pane sends, runs the refresh on ``xw.Book(json=...)`` and
applies the returned actions to a model of the workbook.
"""

import copy
import datetime as dt
import os
import re
import shutil
from importlib import resources

# xlwings' remote engine is part of xlwings PRO; "noncommercial" is its free
# license key for development, tests and non-commercial use.
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

import pytest
from python_calamine import CalamineWorkbook
from workbooks import Rows, deal, evidence, write_team_workbook

from addin.errors import WriteError
from addin.excel.actions import ACTIONS, WorkbookModel, trimmed_grid
from addin.excel.desktop import run_action, status_text
from addin.excel.payload import book_payload, open_book
from addin.excel.refresh import (
    check_book,
    default_report_month,
    monthly_report_book,
    refresh_book,
)
from addin.excel.write import OWNER_NAME, _cell_text
from addin.refresh import refresh_file
from addin.report.build import build_report

AS_OF = dt.date(2026, 2, 1)


def _small_team(path):
    return write_team_workbook(
        path,
        deals=[
            deal("00103", amount=1500.5, stage="Needs confirmed"),
            deal("D2", status="Won", closed_on=dt.date(2026, 1, 20), stage="Order"),
            deal("D3", currency="EUR", amount=900, note="see PI 2026-118"),
        ],
        evidence=[
            evidence("00103", "IQ1", "2026-01-06"),
            evidence("D2", "IQ1", "2026-01-06"),
            evidence("D2", "OR1", "2026-01-19", evidence="PI 2026-118"),
        ],
        settings={"As-of date": "2026-02-01"},
    )


def _awkward_values(path):
    # Text that Excel would read as a number, a date or a formula if typed.
    return write_team_workbook(
        path,
        deals=[
            deal("0042", customer="2026-01-05", note="+49 30 1234"),
            deal("D-7", customer="TRUE", note="@home"),
            deal(1001, customer="客户 甲", note="-5%"),
        ],
        evidence=[evidence("0042", "IQ1", "2026-01-10", evidence="00042")],
    )


def _errors_everywhere(path):
    return write_team_workbook(
        path,
        deals=[
            deal("D1", rep="Nobody", stage="Nowhere"),
            deal("D1", amount="lots"),
            deal("D9", created=None, status="Maybe"),
        ],
        evidence=[evidence("D404", "XX9", dt.date(2026, 1, 3), note="next week")],
    )


def _chinese_headers(path):
    headers = ["商机编号", "客户", "销售", "金额", "币种", "阶段", "状态", "创建日期"]
    rows = [
        ["C1", "甲公司", "Ann", 5000, "CNY", "Inquiry", "进行中", dt.date(2026, 1, 2)]
    ]
    return write_team_workbook(path, deals=Rows(headers, rows))


WORKBOOKS = {
    "small team": _small_team,
    "awkward values": _awkward_values,
    "errors everywhere": _errors_everywhere,
    "chinese headers": _chinese_headers,
}


def _remote_refresh(path, as_of=AS_OF):
    """Refresh the workbook at ``path`` as the add-in does; return the model."""
    payload = book_payload(path)
    model = WorkbookModel.from_payload(payload)
    book = open_book(copy.deepcopy(payload))

    summary = refresh_book(book, as_of)

    model.apply(book.json()["actions"])
    return model, summary


def _cli_refresh(path, tmp_path, as_of=AS_OF):
    copied = shutil.copy(path, tmp_path / "cli.xlsx")
    refresh_file(copied, as_of, backups=0)
    return CalamineWorkbook.from_path(str(copied), load_tables=True)


def _cli_grid(workbook, name):
    return trimmed_grid(
        workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
    )


@pytest.mark.parametrize("build", WORKBOOKS.values(), ids=WORKBOOKS.keys())
def test_refresh_matches_cli_cells(build, tmp_path):
    path = build(tmp_path / "team.xlsx")

    model, summary = _remote_refresh(path)
    cli = _cli_refresh(path, tmp_path)

    assert [sheet.name for sheet in model.sheets] == cli.sheet_names
    for name in summary.written:
        assert trimmed_grid(model.sheet(name).grid()) == _cli_grid(cli, name), name


def test_refresh_over_cli_output_replaces_in_place(tmp_path):
    path = _small_team(tmp_path / "team.xlsx")
    cli = _cli_refresh(path, tmp_path)
    refreshed = tmp_path / "cli.xlsx"

    model, summary = _remote_refresh(refreshed)

    assert [sheet.name for sheet in model.sheets] == cli.sheet_names
    for name in summary.written:
        assert trimmed_grid(model.sheet(name).grid()) == _cli_grid(cli, name), name


def test_refresh_marks_written_sheets_owned(tmp_path):
    path = _small_team(tmp_path / "team.xlsx")

    model, summary = _remote_refresh(path)

    for name in summary.written:
        assert OWNER_NAME in model.sheet(name).names, name


def test_refresh_hides_state_sheet(tmp_path):
    path = _small_team(tmp_path / "team.xlsx")

    model, _summary = _remote_refresh(path)

    assert model.sheet("salesflow state").visible is False


def test_refresh_adds_cli_excel_tables(tmp_path):
    path = _small_team(tmp_path / "team.xlsx")

    model, summary = _remote_refresh(path)
    cli = _cli_refresh(path, tmp_path)

    for name in summary.written:
        expected = {
            table
            for table in cli.table_names
            if cli.get_table_by_name(table).sheet == name
        }
        assert set(model.sheet(name).tables) == expected, name


def test_refresh_freezes_first_header(tmp_path):
    path = _small_team(tmp_path / "team.xlsx")

    model, _summary = _remote_refresh(path)

    assert model.sheet("Deal audit").frozen_at == "1:3"


def test_refresh_summary_counts(tmp_path):
    path = _small_team(tmp_path / "team.xlsx")

    _model, summary = _remote_refresh(path)

    assert summary.deals == 3
    assert summary.as_of == "2026-02-01"
    assert summary.written[0] == "Issues"
    assert "salesflow state" in summary.written


def test_team_sheet_with_output_name_blocks_refresh(tmp_path):
    path = _small_team(tmp_path / "team.xlsx")
    payload = book_payload(path)
    payload["sheets"].append({**copy.deepcopy(payload["sheets"][0]), "name": "Issues"})
    book = open_book(payload)

    with pytest.raises(WriteError, match="Issues"):
        refresh_book(book, AS_OF)

    assert book.json()["actions"] == []


def test_check_writes_issues_only(tmp_path):
    path = _errors_everywhere(tmp_path / "team.xlsx")
    payload = book_payload(path)
    book = open_book(payload)

    summary = check_book(book, AS_OF)

    assert summary.written == ["Issues"]
    assert summary.errors > 0


def test_refresh_emits_only_modelled_actions(tmp_path):
    path = _small_team(tmp_path / "team.xlsx")
    book = open_book(book_payload(path))

    refresh_book(book, AS_OF)

    emitted = {action["func"] for action in book.json()["actions"]}
    assert emitted <= set(ACTIONS)


def test_taskpane_applies_every_modelled_action():
    script = (resources.files("addin.excel") / "static" / "taskpane.js").read_text()

    handled = set(
        re.findall(r"^  async (\w+)\(context, action\)", script, re.MULTILINE)
    )

    assert handled == set(ACTIONS)


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("Customer A", "Customer A"),
        ("00103", "'00103"),
        ("1,500.50", "'1,500.50"),
        ("12%", "'12%"),
        ("=SUM(A1:A3)", "'=SUM(A1:A3)"),
        ("+49 30 1234", "'+49 30 1234"),
        ("-5", "'-5"),
        ("@home", "'@home"),
        ("'quoted'", "''quoted'"),
        ("2026-01-05", "'2026-01-05"),
        ("05/01/2026", "'05/01/2026"),
        ("10:30", "'10:30"),
        ("true", "'true"),
        ("#N/A", "'#N/A"),
        ("D-7", "D-7"),
        ("客户 甲", "客户 甲"),
        ("", None),
    ],
)
def test_text_cell_prefix(typed, written):
    assert _cell_text(typed, "en") == written


def test_status_text_one_line(tmp_path):
    path = _small_team(tmp_path / "team.xlsx")
    _model, summary = _remote_refresh(path)

    line = status_text(summary)

    assert line.startswith("salesflow refresh as of 2026-02-01: 3 deals")


def test_second_refresh_rewrites_own_sheets(tmp_path):
    path = _small_team(tmp_path / "team.xlsx")
    first, _summary = _remote_refresh(path)
    payload = first.to_payload()
    again = WorkbookModel.from_payload(payload)
    book = open_book(copy.deepcopy(payload))

    refresh_book(book, AS_OF)
    again.apply(book.json()["actions"])

    assert [sheet.name for sheet in again.sheets] == [s.name for s in first.sheets]
    for sheet in first.sheets:
        assert trimmed_grid(again.sheet(sheet.name).grid()) == trimmed_grid(
            sheet.grid()
        ), sheet.name


@pytest.mark.parametrize(
    ("as_of", "month"),
    [
        (dt.date(2026, 11, 30), "2026-11"),
        (dt.date(2026, 12, 4), "2026-11"),
        (dt.date(2026, 1, 15), "2025-12"),
        (dt.date(2026, 2, 28), "2026-02"),
    ],
)
def test_default_report_month(as_of, month):
    assert default_report_month(as_of) == month


def test_monthly_report_matches_cli_report(tmp_path):
    path = _small_team(tmp_path / "team.xlsx")
    book = open_book(book_payload(path))

    report = monthly_report_book(book, "2026-01", AS_OF)
    from_file = build_report(path, "2026-01", as_of=AS_OF)

    ours = tmp_path / report.name
    ours.write_bytes(report.content)
    theirs = tmp_path / "cli-report.xlsx"
    theirs.write_bytes(from_file)
    ours_book = CalamineWorkbook.from_path(str(ours))
    theirs_book = CalamineWorkbook.from_path(str(theirs))
    assert report.name == "team-report-2026-01.xlsx"
    assert ours_book.sheet_names == theirs_book.sheet_names
    for name in theirs_book.sheet_names:
        assert _cli_grid(ours_book, name) == _cli_grid(theirs_book, name), name


def test_desktop_action_returns_status(tmp_path):
    path = _small_team(tmp_path / "team.xlsx")
    book = open_book(book_payload(path))

    line = run_action(book, "check")

    assert line.startswith("salesflow check as of")
