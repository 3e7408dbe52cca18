"""Validation of the team workbook: every fault at its cell, and nothing else.

Each case writes a real workbook with one fault into an otherwise clean
team (tests/workbooks.py), loads it and compares the complete list of
issues. Deals columns: A Deal ID, D Rep, F Amount, G Currency, H Stage,
I Status, J Created, L Closed on. Evidence columns: A Date, B Deal ID,
C Criterion, E Logged by.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from cases import salesflow_copy
from workbooks import CRITERIA, deal, evidence, write_team_workbook

from addin.engine.stages import audit_stages
from addin.load import load_team_book
from addin.model import Issue, RawWorkbook
from addin.reader import read_workbook
from addin.sheets.deal_audit import audit_table
from addin.validate import validate

AS_OF = dt.date(2026, 3, 1)
INQUIRY = evidence("D1", "IQ1", "2026-01-06")


def load(tmp_path: Path, **tables) -> tuple[object, list[Issue]]:
    tables.setdefault("deals", [deal("D1")])
    tables.setdefault("evidence", [INQUIRY])
    path = write_team_workbook(tmp_path / "team.xlsx", **tables)
    return load_team_book(path, AS_OF)


def places(issues: list[Issue]) -> list[tuple[str, str, str]]:
    return sorted((issue.severity, issue.location, issue.deal) for issue in issues)


def test_clean_workbook_has_no_issues(tmp_path):
    _, issues = load(tmp_path)

    assert issues == []


FAULTS = [
    # id, tables, expected (severity, location, deal), text in the message
    (
        "repeated deal id",
        {"deals": [deal("D1"), deal("D1", amount=5)]},
        [("error", "Deals!A3", "D1")],
        "row 2 and row 3",
    ),
    (
        "number and text id",
        {
            "deals": [deal(102.0), deal("102")],
            "evidence": [evidence("102", "IQ1", "2026-01-06")],
        },
        [("error", "Deals!A3", "102")],
        "The Deal ID '102' is used in both row 2 and row 3.",
    ),
    (
        "unknown rep",
        {"deals": [deal("D1", rep="Anne")]},
        [("error", "Deals!D2", "D1")],
        "did you mean Ann?",
    ),
    (
        "unknown stage",
        {"deals": [deal("D1", stage="Sampel paid")]},
        [("error", "Deals!H2", "D1")],
        (
            "The stage 'Sampel paid' is not in the Process table; did you mean "
            "Sample paid?"
        ),
    ),
    (
        "status as stage",
        {"deals": [deal("D1", stage="Won")]},
        [("error", "Deals!H2", "D1")],
        "'Won' is a deal status, not a stage.",
    ),
    (
        "ambiguous created date",
        {"deals": [deal("D1", created="03/04/2024")]},
        [("error", "Deals!J2", "D1")],
        "'03/04/2024' is ambiguous",
    ),
    (
        "created date as text",
        {"deals": [deal("D1", created="2026-01-05")]},
        [("warning", "Deals!J2", "D1")],
        "stored as text",
    ),
    (
        "blank created date",
        {"deals": [deal("D1", created=None)]},
        [("error", "Deals!J2", "D1")],
        "Created is blank.",
    ),
    (
        "blank rep",
        {"deals": [deal("D1", rep=None)]},
        [("error", "Deals!D2", "D1")],
        "Rep is blank.",
    ),
    (
        "amount currency disagrees",
        {"deals": [deal("D1", amount="€1,000", currency="USD")]},
        [("error", "Deals!F2", "D1")],
        "The amount '€1,000' is in EUR, but the Currency column says USD.",
    ),
    (
        "amount names currency",
        {"deals": [deal("D1", amount="€1,000", currency=None)]},
        [("warning", "Deals!F2", "D1")],
        "it was read as 1,000 EUR",
    ),
    (
        "ambiguous amount",
        {"deals": [deal("D1", amount="12,5")]},
        [("error", "Deals!F2", "D1")],
        "'12,5' is ambiguous",
    ),
    (
        "currency without rate",
        {"deals": [deal("D1", currency="JPY")]},
        [("error", "Deals!G2", "D1")],
        "There is no exchange rate for JPY.",
    ),
    (
        "won without closed on",
        {"deals": [deal("D1", status="Won")]},
        [("error", "Deals!L2", "D1")],
        "The deal is Won but Closed on is blank.",
    ),
    (
        "closed before created",
        {"deals": [deal("D1", status="Lost", closed_on=dt.date(2025, 12, 1))]},
        [("error", "Deals!L2", "D1")],
        "Closed on 2025-12-01 is before the deal was created (2026-01-05).",
    ),
    (
        "evidence for unknown deal",
        {"evidence": [INQUIRY, evidence("D9", "IQ1", "2026-01-06")]},
        [("error", "Evidence!B3", "D9")],
        "The Deal ID 'D9' is not in the Deals table.",
    ),
    (
        "evidence after as-of date",
        {"evidence": [INQUIRY, evidence("D1", "NC1", "2026-03-02")]},
        [("warning", "Evidence!A3", "D1")],
        "after the as-of date 2026-03-01",
    ),
    (
        "evidence before created",
        {"evidence": [evidence("D1", "IQ1", "2026-01-04")]},
        [("warning", "Evidence!A2", "D1")],
        "before the deal was created (2026-01-05)",
    ),
    (
        "unknown criterion",
        {"evidence": [INQUIRY, evidence("D1", "NC3", "2026-01-07")]},
        [("error", "Evidence!C3", "D1")],
        "did you mean NC2?",
    ),
    (
        "unknown logger",
        {"evidence": [evidence("D1", "IQ1", "2026-01-06", logged_by="Bobby")]},
        [("warning", "Evidence!E2", "D1")],
        "The rep 'Bobby' is not in the Team table; did you mean Bob?",
    ),
    (
        "criterion of unknown stage",
        {
            "criteria": [
                *CRITERIA,
                ("Negotiation", "NG1", "Customer haggles", "", "Yes", 1),
            ]
        },
        [("error", "Criteria!A8", "")],
        "The criterion's stage 'Negotiation' is not in the Process table.",
    ),
    (
        "repeated criterion",
        {"criteria": [*CRITERIA, ("Order", "iq1", "Customer pays", "", "Yes", 1)]},
        [("error", "Criteria!B8", "")],
        "The criterion 'iq1' is listed in both row 2 and row 8.",
    ),
    (
        "premature stage",
        {"deals": [deal("D1", stage="Sample paid")]},
        [("warning", "Deals!H2", "D1")],
        (
            "The deal is declared at Sample paid but its evidence earns only "
            "Inquiry. Missing customer actions: Customer describes the project; "
            "Customer pays the sample fee."
        ),
    ),
    (
        "premature without evidence",
        {"evidence": []},
        [("warning", "Deals!H2", "D1")],
        (
            "The deal is declared at Inquiry but its evidence earns no stage yet. "
            "Missing customer actions: Customer sends an inquiry."
        ),
    ),
    (
        "unknown setting",
        {"settings": {"Langauge": "en"}},
        [("warning", "Settings!A4", "")],
        "did you mean Language?",
    ),
    (
        "invalid setting",
        {"settings": {"Period": "week"}},
        [("error", "Settings!B4", "")],
        "The Period setting 'week' is not valid.",
    ),
    (
        "quota in other currency",
        {"team": [{"Rep": "Ann", "Monthly quota": "€50,000"}]},
        [("error", "Team!C2", "")],
        (
            "The monthly quota '€50,000' is in EUR, but quotas are in the reporting "
            "currency USD."
        ),
    ),
    (
        "negative rate",
        {"rates": {"EUR": -1.1}},
        [("error", "Settings!E2", "")],
        "The exchange rate -1.1 of EUR is not positive.",
    ),
]


@pytest.mark.parametrize(
    ("tables", "expected", "message"),
    [case[1:] for case in FAULTS],
    ids=[case[0] for case in FAULTS],
)
def test_fault_reported_at_cell(tmp_path, tables, expected, message):
    _, issues = load(tmp_path, **tables)

    assert places(issues) == expected
    assert message in issues[0].message


def test_every_issue_has_a_fix(tmp_path):
    _, issues = load(
        tmp_path,
        deals=[deal("D1", rep="Anne", stage="Won", amount="12,5", status="Won")],
    )

    assert len(issues) == 4
    assert all(issue.fix for issue in issues)


@pytest.mark.parametrize(
    ("typed", "stage"),
    [
        ("Sample paid", "Sample paid"),
        ("sample paid ", "Sample paid"),
        ("SAMPLE PAID", "Sample paid"),
        ("\u00a0Sample\u00a0paid", "Sample paid"),
        ("Sample paid\u200b", "Sample paid"),
        ("Sample  paid", "Sample paid"),
    ],
)
def test_stage_spelling_variant(tmp_path, typed, stage):
    ladder = ["IQ1", "NC1", "SP1"]
    book, issues = load(
        tmp_path,
        deals=[deal("D1", stage=typed)],
        evidence=[evidence("D1", key, "2026-01-06") for key in ladder],
    )

    assert issues == []
    assert book.deals["stage"].tolist() == [stage]


@pytest.mark.parametrize("typed", ["won", " WON", "Won\u00a0", "赢单"])
def test_status_spelling_variant(tmp_path, typed):
    book, issues = load(
        tmp_path,
        deals=[deal("D1", status=typed, closed_on=dt.date(2026, 2, 1))],
    )

    assert issues == []
    assert book.deals["status"].tolist() == ["Won"]


def test_unknown_rep_still_counts(tmp_path):
    book, _ = load(tmp_path, deals=[deal("D1", rep="Anne")])

    assert book.deals["rep"].tolist() == ["Anne"]


def test_amounts_in_reporting_currency(tmp_path):
    book, _ = load(
        tmp_path,
        deals=[
            deal("D1", amount=1000, currency="EUR"),
            deal("D2", amount=1000, currency="usd"),
            deal("D3", amount="€2,000", currency=None),
            deal("D4", amount=1000, currency=None),
            deal("D5", amount=1000, currency="JPY"),
        ],
    )

    amounts = book.deals["amount_rc"].round(2).tolist()

    assert amounts[:4] == [1100.0, 1000.0, 2200.0, 1000.0]
    assert pd.isna(amounts[4])


def test_repeated_rep_kept_once(tmp_path):
    team = [{"Rep": "Ann", "Monthly quota": 100}, {"Rep": "ann ", "Monthly quota": 50}]

    book, issues = load(tmp_path, team=team)

    assert places(issues) == [("error", "Team!A3", "")]
    assert book.team["monthly_quota"].tolist() == [100]


def test_typed_values_kept(tmp_path):
    book, _ = load(tmp_path, deals=[deal("00103", amount="1,200", customer=" Acme ")])

    assert book.deals["deal_id"].tolist() == ["00103"]
    assert book.deals["amount"].tolist() == [1200.0]
    assert book.deals["customer"].tolist() == ["Acme"]


def test_settings_parsed(tmp_path):
    book, issues = load(
        tmp_path,
        settings={
            "Reporting currency": "eur",
            "As-of date": "2026-02-01",
            "Period": "Quarter",
            "Fiscal year start": 4,
            "Luck threshold": 60,
            "Forecast simulations": 2000,
            "Backfill days": 7,
        },
        rates={"USD": 0.9},
        curve=[(80, 1.0), (0, 0.6)],
    )
    settings = book.settings

    assert issues == []
    assert settings.reporting_currency == "EUR"
    assert settings.rates == {"EUR": 1.0, "USD": 0.9}
    assert settings.period == "quarter"
    assert settings.fiscal_year_start == 4
    assert settings.luck_threshold == 60
    assert settings.simulations == 2000
    assert settings.backfill_days == 7
    assert [band.min_score for band in settings.curve] == [80, 0]
    assert [band.payout for band in settings.curve] == [1.0, 0.6]


def test_as_of_setting_used_without_argument(tmp_path):
    path = write_team_workbook(
        tmp_path / "team.xlsx",
        deals=[deal("D1")],
        evidence=[INQUIRY],
        settings={"As-of date": "2026-02-01"},
    )

    book, _ = load_team_book(path)

    assert book.settings.as_of == dt.date(2026, 2, 1)


# ---------------------------------------------------------------------------
# The case workbooks, their cells typed into a salesflow Deals table


CASE_PROCESS = [
    {"Stage": stage, "Playbook": "Follow up.", "Max days": 30}
    for stage in ("Lead", "Proposal", "Won", "Lost")
]


def case_workbook(name: str, tmp_path: Path, **tables) -> RawWorkbook:
    """Read case ``name`` as the Deals table of an otherwise default workbook."""
    tables.setdefault("process", CASE_PROCESS)
    tables.setdefault("criteria", [])
    base = read_workbook(write_team_workbook(tmp_path / "base.xlsx", **tables))
    case = read_workbook(salesflow_copy(name, tmp_path))
    base.tables["deals"] = case.tables["deals"]
    base.issues = [issue for issue in base.issues if issue.sheet != "Deals"]
    base.issues += [issue for issue in case.issues if issue.sheet == "Deals"]
    return base


def value_issues(issues: list[Issue], column: str) -> list[tuple[str, str]]:
    """Return (severity, cell) of the issues in one column of the Deals sheet."""
    found = [
        (issue.severity, issue.cell)
        for issue in issues
        if issue.sheet == "Deals" and issue.cell.rstrip("0123456789") == column
    ]
    return sorted(found, key=lambda place: int(place[1][len(column) :]))


def test_c09_dates(tmp_path):
    raw = case_workbook("c09_dates.xlsx", tmp_path)

    book, issues = validate(raw, AS_OF)

    assert value_issues(issues, "B") == [
        ("warning", "B6"),
        ("warning", "B7"),
        ("warning", "B8"),
        ("error", "B9"),
        ("warning", "B10"),
    ]
    march_15 = pd.Timestamp(2024, 3, 15)
    closes = book.deals["expected_close"].tolist()
    assert closes[:7] == [march_15] * 7
    assert closes[8] == march_15
    assert pd.isna(closes[7])
    assert pd.isna(closes[9])


def test_c09_messages_name_the_value(tmp_path):
    raw = case_workbook("c09_dates.xlsx", tmp_path)

    _, issues = validate(raw, AS_OF)
    by_cell = {issue.cell: issue for issue in issues}

    assert "45366" in by_cell["B6"].message
    assert "'03/04/2024'" in by_cell["B9"].message
    assert "year-month-day" in by_cell["B9"].fix


def test_c11_numbers_as_text(tmp_path):
    raw = case_workbook("c11_numbers_as_text.xlsx", tmp_path)

    book, issues = validate(raw, AS_OF)
    by_cell = {issue.cell: issue for issue in issues}

    assert sorted(value_issues(issues, "A") + value_issues(issues, "B")) == [
        ("error", "A7"),
        ("error", "B8"),
        ("warning", "B6"),
    ]
    assert "EUR" in by_cell["B6"].message
    assert book.deals["deal_id"].tolist()[:5] == ["101", "102", "00103", "104", "105"]
    assert book.deals["amount"].tolist()[:6] == [1200, 1200, 1200.5, 1500, 1000, 3500]
    assert book.deals["amount"].iat[7] == 1000


def test_c12_stage_variants(tmp_path):
    raw = case_workbook("c12_stage_variants.xlsx", tmp_path)

    book, issues = validate(raw, AS_OF)
    stage_errors = [
        issue
        for issue in issues
        if issue.cell.startswith("C") and issue.severity == "error"
    ]

    assert set(book.deals["stage"].dropna()) == {"Won", "Proposal", "Lost"}
    assert [issue.cell for issue in stage_errors] == ["C10"]
    assert "did you mean Proposal?" in stage_errors[0].message
    assert pd.isna(book.deals["stage"].iat[8])


def test_c13_duplicates(tmp_path):
    raw = case_workbook("c13_duplicates.xlsx", tmp_path)

    book, issues = validate(raw, AS_OF)
    errors = {issue.cell: issue.message for issue in raw.issues + issues}

    assert "C1" in errors["D1"]
    assert "D1" in errors["D1"]
    assert errors["A4"] == "The Deal ID '102' is used in both row 3 and row 4."
    assert errors["A5"] == "The Deal ID 101 is used in both row 2 and row 5."
    assert len(book.deals) == 5


def test_c13_evidence_join_keeps_amounts(tmp_path):
    history = [
        evidence(101, "LD1", "2024-01-05"),
        evidence(101, "PR1", "2024-02-01"),
        evidence(102, "LD1", "2024-02-10"),
        evidence("102", "PR1", "2024-03-02"),
        evidence(103, "LD1", "2024-03-10"),
    ]
    criteria = [
        ("Lead", "LD1", "Customer asks for a quote", "", "Yes", 1),
        ("Proposal", "PR1", "Customer reviews the quote", "", "Yes", 1),
    ]
    raw = case_workbook(
        "c13_duplicates.xlsx", tmp_path, criteria=criteria, evidence=history
    )
    book, _ = validate(raw, AS_OF)

    table = audit_table(book.deals, audit_stages(book, AS_OF), None)

    assert len(table) == 5
    assert table["amount_rc"].sum() == book.deals["amount_rc"].sum()
    assert table["earned_stage"].tolist()[:2] == ["Proposal", "Proposal"]


def test_repeated_problem_counted_once(tmp_path):
    text_dates = [
        {"deal_id": "D1", "criterion": "IQ1", "date": "2026-01-06"} for _ in range(1005)
    ]

    _, issues = load(tmp_path, evidence=text_dates)
    summary = issues[-1]

    assert len(issues) == 1001
    assert summary.location == "Evidence!A1002"
    assert summary.message.startswith("5 more cells of the Date column")


@pytest.mark.parametrize(
    ("typed", "language"), [("zh-CN", "zh-CN"), ("中文", "zh-CN"), ("EN", "en")]
)
def test_language_setting(tmp_path, typed, language):
    book, issues = load(tmp_path, settings={"Language": typed})

    assert issues == []
    assert book.settings.language == language
