"""The monthly report: month rules, figures, commission statement and file."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook
from workbooks import TEAM, deal, evidence, write_team_workbook

from addin.cli import main
from addin.engine.forecast import TEAM_SCOPE
from addin.engine.history import HISTORY_COLUMNS, forecast_accuracy
from addin.engine.periods import period_containing
from addin.engine.scorecard import review_process
from addin.engine.stages import audit_stages
from addin.load import load_team_book
from addin.refresh import refresh_file
from addin.report.build import build_report, compute_report, default_output
from addin.report.content import (
    EmptyMonthError,
    ReportMonthError,
    parse_month,
    report_as_of,
)
from addin.report.workbook import MAX_SHEET_NAME, report_workbook, sheet_names
from addin.state import SavedState

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
EXPORT_TEAM = EXAMPLES / "export_team.xlsx"
NOVEMBER = period_containing(dt.date(2026, 11, 1))


@pytest.fixture(scope="module")
def export_copy(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report")
    return Path(shutil.copy(EXPORT_TEAM, folder / "export_team.xlsx"))


@pytest.fixture(scope="module")
def written_report(export_copy):
    result = CliRunner().invoke(
        main, ["report", str(export_copy), "--month", "2026-11"]
    )
    assert result.exit_code == 0, result.output
    return export_copy.with_name("export_team-report-2026-11.xlsx")


@pytest.fixture(scope="module")
def november_report(export_copy):
    return compute_report(export_copy, "2026-11")


# The report month


@pytest.mark.parametrize(
    ("value", "start", "end"),
    [
        ("2026-11", dt.date(2026, 11, 1), dt.date(2026, 11, 30)),
        ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        (" 2017-12 ", dt.date(2017, 12, 1), dt.date(2017, 12, 31)),
    ],
)
def test_parse_month_valid(value, start, end):
    month = parse_month(value)

    assert month.start == start
    assert month.end == end


@pytest.mark.parametrize(
    "value", ["2026-13", "2026-00", "Nov", "2026-1", "", "11-2026"]
)
def test_parse_month_invalid(value):
    with pytest.raises(ReportMonthError, match="YYYY-MM"):
        parse_month(value)


@pytest.mark.parametrize(
    ("book_as_of", "expected"),
    [
        (dt.date(2026, 12, 15), dt.date(2026, 11, 30)),
        (dt.date(2026, 11, 30), dt.date(2026, 11, 30)),
        (dt.date(2026, 11, 12), dt.date(2026, 11, 12)),
        (dt.date(2026, 11, 1), dt.date(2026, 11, 1)),
    ],
)
def test_report_as_of_rule(book_as_of, expected):
    assert report_as_of(NOVEMBER, book_as_of) == expected


def test_report_as_of_future_month():
    with pytest.raises(EmptyMonthError, match="2026-10-31"):
        report_as_of(NOVEMBER, dt.date(2026, 10, 31))


def test_default_output_beside_workbook():
    output = default_output(Path("/data/team.xlsx"), "2026-11")

    assert output == Path("/data/team-report-2026-11.xlsx")


# The command's messages and exit codes


@pytest.mark.parametrize("month", ["2026-13", "Nov"])
def test_cli_unknown_month_exits_2(export_copy, month):
    result = CliRunner().invoke(main, ["report", str(export_copy), "--month", month])

    assert result.exit_code == 2
    assert "YYYY-MM" in result.output
    assert repr(month) in result.output


def test_cli_empty_month_exits_1(export_copy):
    result = CliRunner().invoke(
        main, ["report", str(export_copy), "--month", "2024-01"]
    )

    assert result.exit_code == 1
    assert "no data for 2024-01" in result.output
    assert "2025-07-14 to 2026-11-26" in result.output


def test_cli_future_month_exits_1(export_copy):
    result = CliRunner().invoke(
        main, ["report", str(export_copy), "--month", "2026-12"]
    )

    assert result.exit_code == 1
    assert "as-of date is 2026-11-30" in result.output


def test_cli_unwritable_output_exits_1(export_copy, tmp_path):
    output = tmp_path / "missing" / "report.xlsx"

    result = CliRunner().invoke(
        main, ["report", str(export_copy), "--month", "2026-11", "-o", str(output)]
    )

    assert result.exit_code == 1
    assert f"could not write the report to {output}" in result.output


def test_cli_report_has_help():
    result = CliRunner().invoke(main, ["report", "-h"])

    assert result.exit_code == 0
    assert "salesflow report" in result.output


def test_empty_deals_table(tmp_path):
    path = write_team_workbook(
        tmp_path / "empty.xlsx", settings={"As-of date": "2026-03-31"}
    )

    with pytest.raises(EmptyMonthError, match="Deals table is empty"):
        build_report(path, "2026-03")


def test_month_with_only_open_deal(tmp_path):
    path = write_team_workbook(
        tmp_path / "open.xlsx",
        deals=[deal("D1", created=dt.date(2026, 1, 5))],
        evidence=[evidence("D1", "IQ1", "2026-01-06")],
        settings={"As-of date": "2026-03-31"},
    )

    report = compute_report(path, "2026-03")

    assert report.as_of == dt.date(2026, 3, 31)
    assert report.reps[0].results["won"] == 0


# Figures


def test_commission_totals_match_scorecard(november_report):
    book, _ = load_team_book(EXPORT_TEAM)
    stuck = audit_stages(book, NOVEMBER.end)["stuck"].to_numpy()
    scorecard = review_process(book, NOVEMBER.end, None, stuck).scorecard.set_index(
        "rep"
    )

    for page in november_report.reps:
        totals = page.commission_totals()
        expected = scorecard.loc[page.rep]
        assert totals["by_result"] == pytest.approx(
            expected["by_result"], nan_ok=True
        ), page.rep
        assert totals["by_process"] == pytest.approx(
            expected["by_process"], nan_ok=True
        ), page.rep


def test_statement_lists_won_deals(november_report):
    for page in november_report.reps:
        assert sorted(page.commissions["deal_id"]) == sorted(page.won["deal_id"]), (
            page.rep
        )


def test_won_by_class_adds_up_to_won(november_report):
    won = november_report.won_by_class.sum(axis=1)

    for page in november_report.reps:
        assert won[page.rep] == pytest.approx(page.results["won"]), page.rep


def test_issue_counts(november_report):
    _, issues = load_team_book(EXPORT_TEAM)

    assert november_report.errors == sum(issue.severity == "error" for issue in issues)
    assert november_report.warnings == sum(
        issue.severity == "warning" for issue in issues
    )


def test_accuracy_rebuilt_without_history(november_report):
    check = november_report.forecast_check

    assert check.source == "rebuilt"
    assert check.made_on == dt.date(2026, 10, 31)
    assert check.actual == pytest.approx(november_report.team["won"])


def test_accuracy_from_history(export_copy, november_report):
    history_row = {column: None for column in HISTORY_COLUMNS}
    history_row.update(
        as_of=dt.date(2026, 10, 31),
        scope=TEAM_SCOPE,
        period="2026-11",
        period_start=NOVEMBER.start,
        period_end=NOVEMBER.end,
        stage_weighted=1_000_000.0,
        evidence_based=1_200_000.0,
        p10=800_000.0,
        p50=1_100_000.0,
        p90=1_400_000.0,
    )
    saved = SavedState(history=pd.DataFrame([history_row]))

    check = compute_report(export_copy, "2026-11", saved=saved).forecast_check

    actual = november_report.team["won"]
    assert check.source == "history"
    assert check.made_on == dt.date(2026, 10, 31)
    assert check.accuracy["p50"] == pytest.approx(
        forecast_accuracy([actual], [1_100_000.0])[0]
    )
    assert check.in_range is (800_000.0 <= actual <= 1_400_000.0)


def test_accuracy_after_refresh(tmp_path, november_report):
    workbook = Path(shutil.copy(EXPORT_TEAM, tmp_path / "team.xlsx"))
    refresh_file(workbook, as_of=dt.date(2026, 10, 31), backups=0)

    check = compute_report(workbook, "2026-11").forecast_check

    assert check.source == "history"
    assert check.made_on == dt.date(2026, 10, 31)
    assert check.actual == pytest.approx(november_report.team["won"])


def test_accuracy_unfinished_month(export_copy):
    report = compute_report(export_copy, "2026-11", as_of=dt.date(2026, 11, 15))

    assert report.as_of == dt.date(2026, 11, 15)
    assert report.forecast_check.source == "none"
    assert report.forecast_check.reason == "report.accuracy.unfinished"


# Sheet names


@pytest.mark.parametrize(
    ("reps", "expected"),
    [
        (["Ann"], ["Ann"]),
        (["A/B: East [1]"], ["A_B_ East _1_"]),
        (["Summary", "history"], ["Summary (2)", "history (2)"]),
        (["Ann", "ann"], ["Ann", "ann (2)"]),
        (["'Quoted'"], ["Quoted"]),
        (["x" * 40, "x" * 35], ["x" * 31, "x" * 27 + " (2)"]),
    ],
)
def test_sheet_names_valid_unique(reps, expected):
    assert list(sheet_names(reps, ["Summary"]).values()) == expected


# The written file


def test_file_sheet_names(written_report, november_report):
    names = load_workbook(written_report).sheetnames

    assert names[0] == "Summary"
    assert len(names) == 1 + len(november_report.reps)
    assert all(len(name) <= MAX_SHEET_NAME for name in names)
    assert not any(re.search(r"[\[\]:*?/\\]", name) for name in names)


def test_file_print_setup(written_report):
    workbook = load_workbook(written_report)

    for sheet in workbook.worksheets:
        assert sheet.page_setup.orientation == "landscape", sheet.title
        assert sheet.page_setup.fitToWidth == 1, sheet.title
        assert sheet.page_setup.fitToHeight == 0, sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        assert sheet.print_title_rows == "$1:$2", sheet.title
        assert sheet.sheet_view.showGridLines is False, sheet.title


def test_file_footer(written_report):
    sheet = load_workbook(written_report)["Summary"]

    assert sheet.oddFooter.left.text == "salesflow monthly report 2026-11"
    assert sheet.oddFooter.right.text == "Page &P of &N"


def test_file_print_titles_defined_once(written_report):
    workbook = load_workbook(written_report)

    titles = [sheet.print_titles for sheet in workbook.worksheets]
    assert len(set(titles)) == len(titles)


def test_file_amount_formats(written_report):
    sheet = load_workbook(written_report)["Lily Chen"]

    statement = _find_row(sheet, "Commission statement") + 1
    amount = sheet.cell(statement + 1, 3)
    commission = sheet.cell(statement + 1, 5)
    assert sheet.cell(statement, 3).value == "Amount (USD)"
    assert amount.number_format == '#,##0 "USD"'
    assert commission.number_format == '#,##0.00 "USD"'


def test_file_charts_on_summary(written_report):
    workbook = load_workbook(written_report)

    assert len(workbook["Summary"]._charts) == 3


def test_file_statement_total_read_by_calamine(written_report, november_report):
    workbook = CalamineWorkbook.from_path(str(written_report))

    page = november_report.reps[0]
    rows = workbook.get_sheet_by_name(page.rep).to_python()
    total = next(row for row in rows if row and row[0] == "Total")
    assert total[4] == pytest.approx(page.commission_totals()["by_result"])
    assert total[7] == pytest.approx(page.commission_totals()["by_process"])


def test_file_rep_sheet_name_cleaned(tmp_path):
    team = [dict(TEAM[0], Rep="Ann/East: [1]"), TEAM[1]]
    path = write_team_workbook(
        tmp_path / "odd.xlsx",
        team=team,
        deals=[deal("D1", rep="Ann/East: [1]")],
        evidence=[evidence("D1", "IQ1", "2026-01-06")],
        settings={"As-of date": "2026-01-31"},
    )
    output = tmp_path / "odd-report.xlsx"

    output.write_bytes(build_report(path, "2026-01"))

    assert load_workbook(output).sheetnames == ["Summary", "Ann_East_ _1_", "Bob"]


def test_file_formula_like_text_stays_text(tmp_path, november_report):
    page = dataclasses.replace(november_report.reps[0], rep="=Lily")
    report = dataclasses.replace(november_report, reps=[page])
    output = tmp_path / "formula.xlsx"

    report_workbook(report, "team.xlsx").save(output)

    cell = load_workbook(output)["=Lily"]["A1"]
    assert cell.data_type == "s"
    assert cell.value.startswith("=Lily")


def test_file_lists_longest_stuck_only(tmp_path, november_report):
    stuck = pd.DataFrame(
        {
            "deal_id": [f"D{number:02d}" for number in range(30)],
            "customer": "Acme",
            "amount_rc": 1000.0,
            "stage": "Inquiry",
            "days_in_stage": range(100, 70, -1),
            "max_days": 14.0,
            "next_step": "Ask about the project.",
        }
    )
    page = dataclasses.replace(november_report.reps[0], stuck=stuck)
    report = dataclasses.replace(november_report, reps=[page])
    output = tmp_path / "stuck.xlsx"

    report_workbook(report, "team.xlsx").save(output)

    sheet = load_workbook(output)[page.rep]
    header = _find_row(sheet, "Deal")
    listed = [sheet.cell(header + offset, 1).value for offset in range(1, 27)]
    assert listed[:25] == [f"D{number:02d}" for number in range(25)]
    assert listed[25].startswith("5 more stuck deals")


def _find_row(sheet, value: str) -> int:
    for row in sheet.iter_rows(min_col=1, max_col=1):
        if row[0].value == value:
            return row[0].row
    raise AssertionError(f"{value!r} not found in column A of {sheet.title}")
