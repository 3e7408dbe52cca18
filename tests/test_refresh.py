"""End-to-end refresh: read a real workbook, compute, write it back, reopen."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from python_calamine import CalamineWorkbook

from addin import refresh as refresh_module
from addin.cli import main
from addin.errors import SalesflowError
from addin.refresh import refresh_file
from tests.libreoffice import convert, needs_libreoffice, pdf_to_png
from tests.workbooks import Text, deal, evidence, write_team_workbook

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = [ROOT / "examples" / "export_team.xlsx", ROOT / "examples" / "maven_crm.xlsx"]
OUTPUT_SHEETS = ["Issues", "Deal audit", "Funnel", "Scorecard", "Forecast", "History"]
AS_OF = dt.date(2026, 3, 1)


def _sheet(path: Path, name: str) -> list[list[object]]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(name).to_python()


def _table(path: Path, name: str) -> list[dict[str, object]]:
    """Return the rows of the first table of an output sheet, by header."""
    grid = _sheet(path, name)
    header_index = next(i for i, row in enumerate(grid) if i > 0 and any(row))
    header = grid[header_index]
    rows = []
    for row in grid[header_index + 1 :]:
        if not any(cell not in ("", None) for cell in row):
            break
        rows.append(dict(zip(header, row)))
    return rows


def _members(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as package:
        return {
            info.filename: hashlib.sha256(package.read(info)).hexdigest()
            for info in package.infolist()
        }


def _small_team(path: Path, **changes: object) -> Path:
    """Write a three-deal team: one earned, one premature, one customer typed as a formula."""
    deals = [
        deal("D1", stage="Needs confirmed"),
        deal("D2", stage="Sample paid"),
        deal("D3", customer=Text('=HYPERLINK("http://example.invalid","x")')),
    ]
    rows = [
        evidence("D1", "IQ1", "2026-01-06", evidence="e-mail of 6 Jan"),
        evidence("D1", "NC1", "2026-01-20", evidence="call notes"),
        evidence("D2", "IQ1", "2026-01-07", evidence="web form"),
    ]
    return write_team_workbook(
        path,
        deals=changes.get("deals", deals),
        evidence=changes.get("evidence", rows),
        settings={"As-of date": AS_OF.isoformat()},
    )


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda path: path.stem)
def test_refresh_sample_writes_every_sheet(tmp_path, sample):
    target = tmp_path / sample.name
    shutil.copy(sample, target)

    result = refresh_file(target)

    names = CalamineWorkbook.from_path(str(target)).sheet_names
    for sheet in OUTPUT_SHEETS:
        assert sheet in names
    assert len(_table(target, "Deal audit")) == result.summary.deals


def test_refresh_keeps_input_sheets_byte_identical(tmp_path):
    target = _small_team(tmp_path / "team.xlsx")
    before = _members(target)

    refresh_file(target)

    after = _members(target)
    for name in ("xl/worksheets/sheet1.xml", "xl/worksheets/sheet4.xml"):
        assert after[name] == before[name]


def test_refresh_formula_text_stays_text(tmp_path):
    target = _small_team(tmp_path / "team.xlsx")

    refresh_file(target)

    audit = {row["Deal ID"]: row for row in _table(target, "Deal audit")}
    assert audit["D3"]["Customer"] == '=HYPERLINK("http://example.invalid","x")'
    with zipfile.ZipFile(target) as package:
        names = [
            name for name in package.namelist() if name.startswith("xl/worksheets/")
        ]
        sheet_xml = b"".join(package.read(name) for name in names)
    assert b"<f>HYPERLINK" not in sheet_xml


def test_refresh_earned_stage_and_next_step(tmp_path):
    target = _small_team(tmp_path / "team.xlsx")

    refresh_file(target)

    audit = {row["Deal ID"]: row for row in _table(target, "Deal audit")}
    assert audit["D1"]["Earned stage"] == "Needs confirmed"
    assert audit["D1"]["Premature"] == "No"
    assert audit["D2"]["Earned stage"] == "Inquiry"
    assert audit["D2"]["Premature"] == "Yes"
    assert audit["D3"]["Earned stage"] in ("", None)


def test_refresh_premature_is_an_issue(tmp_path):
    target = _small_team(tmp_path / "team.xlsx")

    refresh_file(target)

    issues = _table(target, "Issues")
    deals = [row["Deal"] for row in issues if row["Severity"] == "Warning"]
    assert "D2" in deals


def test_refresh_twice_same_contents(tmp_path):
    target = _small_team(tmp_path / "team.xlsx")

    refresh_file(target)
    first = {name: _sheet(target, name) for name in OUTPUT_SHEETS}
    refresh_file(target)
    second = {name: _sheet(target, name) for name in OUTPUT_SHEETS}

    for name in OUTPUT_SHEETS:
        assert second[name] == first[name], name


def test_refresh_failure_leaves_file_unchanged(tmp_path, monkeypatch):
    target = _small_team(tmp_path / "team.xlsx")
    before = target.read_bytes()

    def fail(*args, **kwargs):
        raise SalesflowError("simulated failure while building the sheets")

    monkeypatch.setattr(refresh_module, "forecast_sheet", fail)
    with pytest.raises(SalesflowError):
        refresh_file(target)

    assert target.read_bytes() == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["team.xlsx"]


def test_refresh_output_option_leaves_input(tmp_path):
    source = _small_team(tmp_path / "team.xlsx")
    before = source.read_bytes()
    output = tmp_path / "out" / "team-refreshed.xlsx"

    result = CliRunner().invoke(main, ["refresh", str(source), "-o", str(output)])

    assert result.exit_code == 0, result.output
    assert source.read_bytes() == before
    assert "Issues" in CalamineWorkbook.from_path(str(output)).sheet_names
    assert str(output) in result.output


def test_refresh_cli_prints_summary(tmp_path):
    target = _small_team(tmp_path / "team.xlsx")

    result = CliRunner().invoke(main, ["refresh", str(target), "--as-of", "2026-02-01"])

    assert result.exit_code == 0, result.output
    assert "deals read:     3" in result.output
    assert "as of 2026-02-01" in result.output
    assert "time taken" in result.output


def test_refresh_cli_unreadable_file_exit_2(tmp_path):
    broken = tmp_path / "broken.xlsx"
    broken.write_text("not a workbook")

    result = CliRunner().invoke(main, ["refresh", str(broken)])

    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_refresh_history_appends(tmp_path):
    target = _small_team(tmp_path / "team.xlsx")

    refresh_file(target, as_of=dt.date(2026, 2, 1))
    first = _table(target, "History")
    refresh_file(target, as_of=dt.date(2026, 3, 1))
    second = _table(target, "History")

    assert len(second) > len(first)
    assert second[: len(first)] == first


@needs_libreoffice
def test_refreshed_sample_renders(tmp_path):
    target = tmp_path / "export_team.xlsx"
    shutil.copy(SAMPLES[0], target)
    refresh_file(target)

    pdf = convert(target, "pdf", tmp_path)
    png = pdf_to_png(pdf, resolution=30, page=1)

    assert pdf.stat().st_size > 10_000
    assert png.stat().st_size > 1_000


def test_refresh_new_template_without_deals(tmp_path):
    target = tmp_path / "new.xlsx"
    CliRunner().invoke(main, ["new", str(target)])

    result = CliRunner().invoke(main, ["refresh", str(target)])

    assert result.exit_code == 0, result.output
    assert "deals read:     0" in result.output
    assert _table(target, "Deal audit") == []


@pytest.mark.parametrize("command", ["check", "refresh"])
def test_missing_sheets_one_message_exit_2(tmp_path, command):
    path = write_team_workbook(tmp_path / "team.xlsx", omit=("deals", "evidence"))

    result = CliRunner().invoke(main, [command, str(path)])

    assert result.exit_code == 2
    assert "Deals, Evidence" in result.output
    assert "Traceback" not in result.output


def test_backfilled_evidence_scores_less(tmp_path):
    from addin.reader import read_workbook
    from addin.refresh import compute_sheets
    from addin.state import read_saved_state

    first = [evidence("D1", "IQ1", "2026-01-06", evidence="e-mail")]
    later = [*first, evidence("D1", "NC1", "2026-01-20", evidence="call notes")]
    deals = [deal("D1", stage="Needs confirmed")]
    before = write_team_workbook(
        tmp_path / "before.xlsx",
        deals=deals,
        evidence=first,
        settings={"As-of date": "2026-02-01"},
    )
    refresh_file(before)
    after = write_team_workbook(
        tmp_path / "after.xlsx",
        deals=deals,
        evidence=later,
        settings={"As-of date": "2026-03-01"},
    )

    typed_late = compute_sheets(read_workbook(after), None, read_saved_state(before))
    never_seen = compute_sheets(read_workbook(after), None, None)

    def score(result):
        audit = next(sheet for sheet in result.sheets if sheet.name == "Deal audit")
        headers = [column.header for column in audit.blocks[0].columns]
        return audit.blocks[0].rows[0][headers.index("Process score")]

    assert score(typed_late) < score(never_seen)
