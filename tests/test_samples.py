"""The sample workbooks under examples/: current, readable and as documented."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import statistics
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from addin.samples.export_deals import AS_OF, REPS
from addin.samples.export_team import build_export_team, write_export_team_sample
from addin.samples.maven import write_maven_sample

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
MAVEN = EXAMPLES / "maven_crm.xlsx"
EXPORT_TEAM = EXAMPLES / "export_team.xlsx"
FAULTS = EXAMPLES / "export_team_faults.json"

UNDETECTED: set[tuple[str, str]] = set()

needs_loader = pytest.mark.skipif(
    importlib.util.find_spec("addin.load") is None,
    reason="the workbook reader addin.load is not written yet",
)


def _cells(path: Path) -> dict[str, list[list[object]]]:
    workbook = CalamineWorkbook.from_path(str(path))
    return {
        name: workbook.get_sheet_by_name(name).to_python()
        for name in workbook.sheet_names
    }


def _faults() -> list[dict[str, str]]:
    return json.loads(FAULTS.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def maven_book():
    from addin.load import load_team_book

    return load_team_book(MAVEN)


@pytest.fixture(scope="module")
def export_team():
    return build_export_team()


@pytest.mark.slow
def test_maven_committed_current(tmp_path):
    rebuilt = write_maven_sample(tmp_path / "maven.xlsx", EXAMPLES / "data/maven_crm")

    assert _cells(rebuilt) == _cells(MAVEN)


def test_export_team_committed_current(tmp_path):
    workbook, faults = tmp_path / "team.xlsx", tmp_path / "faults.json"

    write_export_team_sample(workbook, faults)

    assert _cells(workbook) == _cells(EXPORT_TEAM)
    assert json.loads(faults.read_text(encoding="utf-8")) == _faults()


@needs_loader
def test_maven_deal_count(maven_book):
    book, _ = maven_book

    assert len(book.deals) == 8800


@needs_loader
@pytest.mark.parametrize(
    "outcome, count",
    [("Won", 4238), ("Lost", 2473), ("Engaging", 1589), ("Prospecting", 500)],
)
def test_maven_outcome_count(maven_book, outcome, count):
    book, _ = maven_book
    deals = book.deals
    outcomes = deals["status"].where(deals["status"] != "Open", deals["stage"])

    assert (outcomes == outcome).sum() == count


@needs_loader
def test_maven_won_value(maven_book):
    book, _ = maven_book
    won = book.deals[book.deals["status"] == "Won"]

    assert won["amount"].sum() == 10_005_534


@needs_loader
def test_maven_errors_none(maven_book):
    _, issues = maven_book

    errors = [issue for issue in issues if issue.severity == "error"]

    assert errors == []


@needs_loader
def test_export_team_issues_match_faults():
    from addin.load import load_team_book

    _, issues = load_team_book(EXPORT_TEAM)

    found = {(issue.sheet, issue.cell, issue.severity, issue.deal) for issue in issues}
    planted = {
        (fault["sheet"], fault["cell"], fault["severity"], fault["deal"])
        for fault in _faults()
        if fault["severity"] != "info"
        and (fault["sheet"], fault["cell"]) not in UNDETECTED
    }
    assert found - planted == set()
    assert planted - found == set()


def test_export_team_one_fault_per_cell():
    cells = [(fault["sheet"], fault["cell"]) for fault in _faults()]

    assert len(cells) == len(set(cells))


@pytest.mark.parametrize(
    "kind, rep",
    [(f"rep.{rep.behaviour}", rep.name) for rep in REPS if rep.behaviour != "normal"],
)
def test_export_team_rep_recorded(kind, rep):
    faults = {fault["kind"]: fault for fault in _faults()}
    team = _cells(EXPORT_TEAM)["Team"]

    row = int(faults[kind]["cell"][1:])

    assert team[row - 1][0] == rep


def _won_share_with_gaps(export_team, rep: str) -> float:
    """Return the share of the rep's won deals lacking a required criterion."""
    tables = export_team.content.tables
    required = {
        row["criterion"] for row in tables["criteria"] if row["required"] == "Yes"
    }
    logged: dict[object, set[object]] = {}
    for row in tables["evidence"]:
        logged.setdefault(row["deal_id"], set()).add(row["criterion"])
    won = [
        row["deal_id"]
        for row in tables["deals"]
        if row["rep"] == rep and row["status"] == "Won"
    ]
    return sum(not required <= logged.get(deal, set()) for deal in won) / len(won)


def test_lucky_rep_wins_with_gaps(export_team):
    shares = {rep.name: _won_share_with_gaps(export_team, rep.name) for rep in REPS}

    lucky = shares.pop("Tony Zhang")

    assert lucky > 0.5
    assert max(shares.values()) < 0.2


def _median_open_age(export_team, rep: str) -> float:
    """Return the median days since the last evidence of the rep's open deals."""
    tables = export_team.content.tables
    last: dict[object, dt.date] = {}
    for row in tables["evidence"]:
        if isinstance(row["date"], dt.date):
            last[row["deal_id"]] = max(
                row["date"], last.get(row["deal_id"], row["date"])
            )
    ages = [
        (AS_OF - last[row["deal_id"]]).days
        for row in tables["deals"]
        if row["rep"] == rep and row["status"] == "Open" and row["deal_id"] in last
    ]
    return statistics.median(ages)


def test_slow_rep_deals_sit_longest(export_team):
    slow = _median_open_age(export_team, "Grace Xu")

    others = [_median_open_age(export_team, rep) for rep in ("Lily Chen", "Amy Liu")]

    assert slow > 2 * max(others)


def test_short_rep_few_new_deals(export_team):
    since = AS_OF - dt.timedelta(days=150)
    recent: dict[str, int] = {}
    for row in export_team.content.tables["deals"]:
        if row["created"] >= since:
            recent[row["rep"]] = recent.get(row["rep"], 0) + 1

    short = recent.pop("Leo Zhao", 0)

    assert short <= 1
    assert min(recent.values()) >= 5
