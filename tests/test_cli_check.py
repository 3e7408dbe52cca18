"""``salesflow check``: grouped issues, JSON, exit codes and help."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from click.testing import CliRunner
from workbooks import deal, evidence, write_team_workbook

from addin.cli import main

INQUIRY = evidence("D1", "IQ1", "2026-01-06")


@pytest.fixture
def clean_book(tmp_path):
    return write_team_workbook(
        tmp_path / "clean.xlsx", deals=[deal("D1")], evidence=[INQUIRY]
    )


@pytest.fixture
def faulty_book(tmp_path):
    return write_team_workbook(
        tmp_path / "faulty.xlsx",
        deals=[deal("D1", rep="Anne"), deal("D2", stage="Sample paid")],
        evidence=[INQUIRY, evidence("D2", "IQ1", "2026-01-06")],
    )


def check(*args: object) -> object:
    return CliRunner().invoke(main, ["check", *map(str, args)])


def test_check_clean_exits_0(clean_book):
    result = check(clean_book, "--as-of", "2026-03-01")

    assert result.exit_code == 0
    assert "no problems found" in result.output


def test_check_errors_exit_1(faulty_book):
    result = check(faulty_book, "--as-of", "2026-03-01")

    assert result.exit_code == 1
    assert "Deals!D2" in result.output
    assert "deal D1: The rep 'Anne' is not in the Team table" in result.output
    assert "Fix: Change the rep to Ann" in result.output


def test_check_errors_before_warnings(faulty_book):
    result = check(faulty_book, "--as-of", "2026-03-01")

    assert result.output.index("Errors (1)") < result.output.index("Warnings (1)")
    assert "errors 1, warnings 1" in result.output


def test_check_warnings_only_exit_0(tmp_path):
    path = write_team_workbook(
        tmp_path / "team.xlsx",
        deals=[deal("D1", stage="Sample paid")],
        evidence=[INQUIRY],
    )

    result = check(path, "--as-of", "2026-03-01")

    assert result.exit_code == 0
    assert "Warnings (1)" in result.output


def test_check_json(faulty_book):
    result = check(faulty_book, "--json", "--as-of", "2026-03-01")
    issues = json.loads(result.output)

    assert result.exit_code == 1
    assert [set(issue) for issue in issues] == [
        {"severity", "sheet", "cell", "deal", "message", "fix"}
    ] * 2
    assert issues[0] == {
        "severity": "error",
        "sheet": "Deals",
        "cell": "D2",
        "deal": "D1",
        "message": "The rep 'Anne' is not in the Team table; did you mean Ann?",
        "fix": "Change the rep to Ann, or add 'Anne' to the Team table.",
    }
    assert issues[1]["severity"] == "warning"


def test_check_as_of_changes_result(tmp_path):
    path = write_team_workbook(
        tmp_path / "team.xlsx",
        deals=[deal("D1")],
        evidence=[INQUIRY, evidence("D1", "NC1", "2026-02-10")],
    )

    before = check(path, "--json", "--as-of", "2026-02-01")
    after = check(path, "--json", "--as-of", "2026-03-01")

    assert [issue["cell"] for issue in json.loads(before.output)] == ["A3"]
    assert json.loads(after.output) == []


def test_check_unreadable_file_exits_2(tmp_path):
    path = tmp_path / "team.xlsx"
    path.write_text("id,amount\n1,2\n")

    result = check(path)

    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_check_missing_file_exits_2(tmp_path):
    result = check(tmp_path / "none.xlsx")

    assert result.exit_code == 2
    assert "does not exist" in result.output


@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_check_help(flag):
    result = CliRunner().invoke(main, ["check", flag])
    lines = result.output.splitlines()

    assert result.exit_code == 0
    assert lines[2].startswith("  List every problem in the workbook's inputs")
    assert "Example:" in result.output
    assert "salesflow check team.xlsx" in result.output


def test_check_console_script(faulty_book):
    script = shutil.which("salesflow")
    assert script is not None

    completed = subprocess.run(
        [script, "check", str(faulty_book), "--json", "--as-of", "2026-03-01"],
        capture_output=True,
        text=True,
        check=False,
    )

    assert completed.returncode == 1
    assert [issue["cell"] for issue in json.loads(completed.stdout)] == ["D2", "H3"]
    assert completed.stderr == ""
