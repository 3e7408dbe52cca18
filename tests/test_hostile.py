"""Hostile workbooks: each gets issues with a cell and a fix, never a crash."""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner
from workbooks import CRITERIA, PROCESS, TEAM, deal, evidence, write_team_workbook

from addin.cli import main
from addin.load import load_team_book
from addin.values import parse_date

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
    (
        "win_pct_negative",
        {"process": [dict(stage, **{"Win %": -5}) for stage in PROCESS]},
        "Process!E2",
        "is negative",
    ),
    (
        "commission_rate_200",
        {"team": [dict(TEAM[0], **{"Commission rate (%)": 200})]},
        "Team!D2",
        "more than 100 %",
    ),
    (
        "commission_rate_negative",
        {"team": [dict(TEAM[0], **{"Commission rate (%)": -0.02})]},
        "Team!D2",
        "is negative",
    ),
    (
        "amount_1e308",
        {"deals": [deal("D1", amount=1e308), deal("D2", amount=1e308)]},
        "Deals!F2",
        "too large",
    ),
    (
        "quota_16_digits",
        {"team": [dict(TEAM[0], **{"Monthly quota": 1e16})]},
        "Team!C2",
        "too large",
    ),
    (
        "weight_1e308",
        {"criteria": [(*CRITERIA[0][:5], 1e308), *CRITERIA[1:]]},
        "Criteria!F2",
        "too large",
    ),
    (
        "amount_negative",
        {"deals": [deal("D1", amount=-5000)]},
        "Deals!F2",
        "is negative",
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


@pytest.mark.parametrize(
    ("column", "value"),
    [("Win %", -5), ("Win %", 150)],
    ids=["negative", "over_100"],
)
def test_hostile_win_pct_not_forecast(tmp_path, column, value):
    process = [dict(stage, **{column: value}) for stage in PROCESS]
    path = write_team_workbook(
        tmp_path / "team.xlsx",
        process=process,
        deals=[deal("D1", amount=1000, expected_close=dt.date(2026, 11, 20))],
    )

    book, _ = load_team_book(path, dt.date(2026, 11, 30))

    assert book.process["win_pct"].isna().all()


def test_hostile_negative_amount_not_counted(tmp_path):
    path = write_team_workbook(tmp_path / "team.xlsx", deals=[deal("D1", amount=-5)])

    book, _ = load_team_book(path, dt.date(2026, 11, 30))

    assert book.deals["amount_rc"].isna().all()


@pytest.mark.parametrize(
    "typed",
    [
        "2026-01-05T10:00:00",
        "2026-01-05T10:00:00Z",
        "2026-01-05T10:00:00+05:30",
        "2026-01-05 10:00:00-0800",
        "2026-01-05 10:00 UTC",
    ],
)
def test_hostile_text_datetime_keeps_date(typed):
    parsed = parse_date(typed)

    assert parsed.value == dt.date(2026, 1, 5)
    assert parsed.problem is not None
    assert parsed.problem.severity == "warning"


@pytest.mark.parametrize("command", ["check", "refresh", "backtest"])
@pytest.mark.parametrize("as_of", ["9999-12-31", "1800-01-01", "2262-04-12"])
def test_hostile_as_of_option_out_of_range(tmp_path, command, as_of):
    path = write_team_workbook(tmp_path / "team.xlsx", deals=[deal("D1")])

    result = CliRunner().invoke(main, [command, str(path), "--as-of", as_of])

    assert result.exit_code == 2
    assert "outside the years 1900 to 2199" in result.output


def test_hostile_as_of_setting_text_names_today(tmp_path):
    path = write_team_workbook(
        tmp_path / "team.xlsx", settings={"As-of date": dt.date(9999, 1, 1)}
    )

    _, issues = _check(path)

    fixes = [i["fix"] for i in issues if i["sheet"] == "Settings"]
    assert fixes
    assert "the default (today) is used" in fixes[0]


def test_hostile_output_suffix_must_match(tmp_path):
    path = write_team_workbook(tmp_path / "team.xlsx", deals=[deal("D1")])
    output = tmp_path / "team.xlsm"

    result = CliRunner().invoke(main, ["refresh", str(path), "-o", str(output)])

    assert result.exit_code == 2
    assert "must end in .xlsx" in result.output
    assert not output.exists()


def test_hostile_empty_file_exits_2(tmp_path):
    path = tmp_path / "team.xlsx"
    path.write_bytes(b"")

    result = CliRunner().invoke(main, ["check", str(path)])

    assert result.exit_code == 2
    assert "is empty (0 bytes)" in result.output


@pytest.mark.parametrize(
    ("deal_id", "logged_id"),
    [("EX-7", "ex-7"), ("Ｄ2", "D2"), (" D3 ", "D3")],
    ids=["case", "full_width", "spaces"],
)
def test_hostile_evidence_id_variant_matches(tmp_path, deal_id, logged_id):
    path = write_team_workbook(
        tmp_path / "team.xlsx",
        deals=[deal(deal_id)],
        evidence=[evidence(logged_id, "IQ1", "2026-01-06")],
    )

    book, issues = load_team_book(path, dt.date(2026, 11, 30))

    assert book.evidence["deal_id"].tolist() == [book.deals["deal_id"].iat[0]]
    assert not [i for i in issues if i.sheet == "Evidence"]


def test_hostile_missing_table_links_to_a1(tmp_path):
    path = write_team_workbook(
        tmp_path / "team.xlsx", omit=("settings", "rates", "curve")
    )
    output = path.with_name("refreshed.xlsx")

    _refresh(path)

    with zipfile.ZipFile(output) as package:
        sheets = [
            package.read(name).decode()
            for name in package.namelist()
            if name.startswith("xl/worksheets/sheet")
        ]
    locations = [
        match for sheet in sheets for match in re.findall(r'location="([^"]*)"', sheet)
    ]
    assert "Settings!A1" in locations
    assert "Settings" not in locations


def test_hostile_state_part_missing_exits_2(tmp_path):
    path = write_team_workbook(tmp_path / "team.xlsx", deals=[deal("D1")])
    _refresh(path)
    refreshed = path.with_name("refreshed.xlsx")
    damaged = tmp_path / "damaged.xlsx"
    _copy_package(refreshed, damaged, "salesflow state", lambda data: None)

    result = CliRunner().invoke(main, ["refresh", str(damaged), "--as-of", AS_OF])

    assert result.exit_code == 2
    assert "is damaged" in result.output


def _copy_package(
    source: Path, target: Path, sheet: str, edit: Callable[[bytes], bytes | None]
) -> None:
    """Copy a package, passing the part of ``sheet`` through ``edit``.

    ``edit`` returns the part's new content, or None to leave the part out.
    """
    with zipfile.ZipFile(source) as package:
        sheet_part = _sheet_part(package, sheet)
        with zipfile.ZipFile(target, "w") as copy:
            for item in package.infolist():
                data: bytes | None = package.read(item.filename)
                if item.filename == sheet_part:
                    data = edit(data)
                if data is not None:
                    copy.writestr(item, data)


def _sheet_part(package: zipfile.ZipFile, name: str) -> str:
    """Return the part of sheet ``name`` by the workbook's relationships."""
    workbook = package.read("xl/workbook.xml").decode()
    relations = package.read("xl/_rels/workbook.xml.rels").decode()
    sheet = re.search(rf'<sheet [^>]*name="{name}"[^>]*>', workbook)
    assert sheet is not None
    relation_id = re.search(r'id="([^"]+)"', sheet.group(0))
    assert relation_id is not None
    relation = re.search(rf'<Relationship [^>]*Id="{relation_id[1]}"[^>]*>', relations)
    assert relation is not None
    target = re.search(r'Target="/?(?:xl/)?([^"]+)"', relation.group(0))
    assert target is not None
    return f"xl/{target[1]}"


def test_hostile_history_header_lost_stops(tmp_path):
    path = write_team_workbook(tmp_path / "team.xlsx", deals=[deal("D1")])
    _refresh(path)
    refreshed = path.with_name("refreshed.xlsx")
    edited = tmp_path / "edited.xlsx"
    _copy_package(
        refreshed,
        edited,
        "History",
        lambda data: data.replace(b">Forecast on<", b">Forecast off<"),
    )

    result = CliRunner().invoke(main, ["refresh", str(edited), "--as-of", AS_OF])

    assert result.exit_code == 2
    assert "no header row with Forecast on" in result.output


@pytest.mark.parametrize(
    ("state", "words"),
    [
        ("visible", "Rename that sheet"),
        ("hidden", "choose Unhide"),
        ("veryHidden", "Visual Basic editor"),
    ],
)
def test_hostile_user_sheet_named_funnel(tmp_path, state, words):
    path = write_team_workbook(tmp_path / "team.xlsx", deals=[deal("D1")])
    book = openpyxl.load_workbook(path)
    book.create_sheet("Funnel").sheet_state = state
    book.save(path)

    result = _refresh(path)

    assert result.exit_code == 1
    assert words in result.output
    assert not path.with_name("refreshed.xlsx").exists()


def test_hostile_output_folder_is_a_file(tmp_path):
    path = write_team_workbook(tmp_path / "team.xlsx", deals=[deal("D1")])
    (tmp_path / "reports").write_text("not a folder")
    output = tmp_path / "reports" / "team.xlsx"

    result = CliRunner().invoke(main, ["refresh", str(path), "-o", str(output)])

    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code == 1
    assert "Could not write team.xlsx" in result.output
    assert "Check that the folder" in result.output
