"""Hostile workbooks: each gets issues with a cell and a fix, never a crash."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from workbooks import deal, evidence, write_team_workbook

from addin.cli import main

AS_OF = "2026-11-30"
FAR_FUTURE = dt.date(9999, 12, 31)


def _check(path: Path) -> tuple[int, list[dict[str, str]]]:
    result = CliRunner().invoke(main, ["check", str(path), "--json", "--as-of", AS_OF])
    issues = json.loads(result.output) if result.exit_code in (0, 1) else []
    return result.exit_code, issues


def _refresh(path: Path) -> Any:
    output = path.with_name("refreshed.xlsx")
    return CliRunner().invoke(
        main, ["refresh", str(path), "--as-of", AS_OF, "-o", str(output)]
    )


# (case, workbook arguments, cell of the expected issue, words of its message)
CASES = [
    (
        "created_year_9999",
        {"deals": [deal("D1", created=FAR_FUTURE)]},
        "Deals!J2",
        "outside the years",
    ),
    (
        "evidence_year_9999",
        {"deals": [deal("D1")], "evidence": [evidence("D1", "IQ1", FAR_FUTURE)]},
        "Evidence!A2",
        "outside the years",
    ),
    (
        "text_date_year_9999",
        {"deals": [deal("D1", expected_close="9999-01-01")]},
        "Deals!K2",
        "outside the years",
    ),
]


@pytest.mark.parametrize(
    ("arguments", "cell", "words"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_hostile_check_names_cell(tmp_path, arguments, cell, words):
    path = write_team_workbook(tmp_path / "team.xlsx", **arguments)

    exit_code, issues = _check(path)

    found = [i for i in issues if f"{i['sheet']}!{i['cell']}" == cell]
    assert exit_code == 1
    assert any(words in issue["message"] for issue in found)
    assert all(issue["fix"] for issue in found)


@pytest.mark.parametrize(
    "arguments", [case[1] for case in CASES], ids=[case[0] for case in CASES]
)
def test_hostile_refresh_succeeds(tmp_path, arguments):
    path = write_team_workbook(tmp_path / "team.xlsx", **arguments)

    result = _refresh(path)

    assert result.exception is None
    assert result.exit_code == 0
