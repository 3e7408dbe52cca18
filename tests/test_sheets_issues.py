import datetime as dt

from addin.model import Issue
from addin.sheets.issues import issues_sheet, sort_issues

AS_OF = dt.date(2026, 11, 30)


def _issue(severity, sheet, cell, deal="D1"):
    return Issue(severity, sheet, cell, deal, f"{sheet} {cell}", "fix it")


def test_sort_issues_errors_first_then_row():
    issues = [
        _issue("warning", "Deals", "C2"),
        _issue("error", "Deals", "D10"),
        _issue("error", "Deals", "D9"),
    ]

    ordered = sort_issues(issues)

    assert [issue.cell for issue in ordered] == ["D9", "D10", "C2"]


def test_issues_sheet_links_each_location():
    issues = [_issue("error", "Q3 Deals", "D14"), _issue("warning", "Evidence", "A2")]

    sheet = issues_sheet(issues, AS_OF)

    block = sheet.blocks[0]
    assert block.rows[0][1] == "'Q3 Deals'!D14"
    assert block.links[(0, 1)] == "'Q3 Deals'!D14"
    assert block.links[(1, 1)] == "Evidence!A2"


def test_issues_sheet_title_counts_and_date():
    issues = [_issue("error", "Deals", "D2"), _issue("warning", "Deals", "D3")]

    sheet = issues_sheet(issues, AS_OF)

    assert "2026-11-30" in sheet.title
    assert "1 errors" in sheet.title
    assert "1 warnings" in sheet.title


def test_issues_sheet_empty_says_so():
    sheet = issues_sheet([], AS_OF)

    assert sheet.blocks[0].rows == []
    assert sheet.blocks[0].notes == ["No problems found in the inputs."]
