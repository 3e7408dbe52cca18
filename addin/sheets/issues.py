"""The Issues sheet: every problem found in the inputs, with a link to its cell."""

from __future__ import annotations

import datetime as dt

from addin.locale import text
from addin.model import Issue, sheet_reference
from addin.output import Block, Column, Highlight, OutputSheet
from addin.sheets import sheet_name

SHEET_NAME = "Issues"

_SEVERITY_ORDER = {"error": 0, "warning": 1}


def sort_issues(issues: list[Issue]) -> list[Issue]:
    """Order issues as a manager reads them: errors first, then by sheet and row."""
    return sorted(issues, key=_issue_order)


def _issue_order(issue: Issue) -> tuple[int, str, int, str]:
    row = "".join(char for char in issue.cell if char.isdigit())
    return (
        _SEVERITY_ORDER.get(issue.severity, 2),
        issue.sheet,
        int(row) if row else 0,
        issue.cell,
    )


def issues_sheet(
    issues: list[Issue], as_of: dt.date, language: str = "en"
) -> OutputSheet:
    """Build the Issues sheet; each location links to the cell it names."""
    ordered = sort_issues(issues)
    severity_label = {
        "error": text("issues.severity.error", language),
        "warning": text("issues.severity.warning", language),
    }
    rows = [
        (
            severity_label[issue.severity],
            issue.location,
            issue.deal or None,
            issue.message,
            issue.fix,
        )
        for issue in ordered
    ]
    links = {
        (index, 1): _link_target(issue)
        for index, issue in enumerate(ordered)
        if issue.sheet
    }
    columns = [
        Column(text("issues.col.severity", language), "text", 10),
        Column(text("issues.col.location", language), "text", 18),
        Column(text("issues.col.deal", language), "text", 12),
        Column(text("issues.col.message", language), "text", 70),
        Column(text("issues.col.fix", language), "text", 60),
    ]
    block = Block(
        columns=columns,
        rows=rows,
        table_name="salesflowIssues",
        links=links,
        highlights=[
            Highlight(columns[0].header, "equals", severity_label["error"], "bad"),
            Highlight(columns[0].header, "equals", severity_label["warning"], "warn"),
        ],
    )
    if not rows:
        block.notes.append(text("issues.none", language))
    title = text(
        "issues.title",
        language,
        as_of=as_of.isoformat(),
        errors=sum(issue.severity == "error" for issue in issues),
        warnings=sum(issue.severity == "warning" for issue in issues),
    )
    return OutputSheet(name=sheet_name("issues", language), title=title, blocks=[block])


def _link_target(issue: Issue) -> str:
    """Return the cell an issue links to: its own cell, else the sheet's A1.

    Excel reads a link to a bare sheet name as a defined name, which is not
    found, so a link to the whole sheet goes to its first cell.
    """
    if issue.cell:
        return issue.location
    return f"{sheet_reference(issue.sheet)}!A1"
