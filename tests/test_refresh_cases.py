"""Refresh of the users' case workbooks, once salesflow's tables are added.

The case workbooks carry the parts most at risk in a write-back (a picture,
chart, text box and form button; a cross-sheet dropdown stored as an Excel
2010 extension; VBA with a button; notes and threaded comments), but no
salesflow tables. The tables are added to a copy with salesflow's own
package writer, which leaves every part of the case untouched; then a real
refresh runs, and every part that is not salesflow's must still be byte for
byte what it was.
"""

from __future__ import annotations

import hashlib
import shutil
import zipfile
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from addin import schema
from addin.output import Block, Column, OutputSheet
from addin.refresh import refresh_file
from addin.xlsx.writeback import write_output_sheets
from tests.cases import CASES, LISTING_PARTS, SURVIVOR_FILES
from tests.libreoffice import convert, needs_libreoffice
from tests.workbooks import deal, evidence, write_team_workbook


def _input_sheets(tmp_path: Path) -> list[OutputSheet]:
    """Return the input tables of a small team as sheets to add to a case."""
    team = write_team_workbook(
        tmp_path / "team.xlsx",
        deals=[deal("D1", stage="Needs confirmed"), deal("D2")],
        evidence=[
            evidence("D1", "IQ1", "2026-01-06", evidence="e-mail"),
            evidence("D1", "NC1", "2026-01-20", evidence="call notes"),
        ],
        settings={"As-of date": "2026-03-01"},
    )
    workbook = CalamineWorkbook.from_path(str(team))
    sheets: dict[str, list[Block]] = {}
    for spec in schema.INPUT_TABLES:
        grid = workbook.get_sheet_by_name(spec.sheet).to_python()
        sheets.setdefault(spec.sheet, []).append(_block(spec, grid))
    # The cases have sheets of their own named like input sheets ("Deals");
    # the reader finds the added tables by their Excel Table names.
    return [
        OutputSheet(
            name=f"SF {name}", title=f"{name} (added for the test)", blocks=blocks
        )
        for name, blocks in sheets.items()
    ]


def _block(spec: schema.TableSpec, grid: list[list[object]]) -> Block:
    """Cut the table of ``spec`` out of a sheet's grid, by its header row."""
    wanted = {column.header for column in spec.columns}
    for row_index, row in enumerate(grid):
        for start, cell in enumerate(row):
            if cell != spec.columns[0].header:
                continue
            width = len(spec.columns)
            headers = row[start : start + width]
            if set(headers) <= wanted:
                body = []
                for line in grid[row_index + 1 :]:
                    values = line[start : start + width]
                    if all(value in ("", None) for value in values):
                        break
                    body.append(tuple(None if v == "" else v for v in values))
                return Block(
                    columns=[Column(str(header)) for header in headers],
                    rows=body,
                    table_name=spec.table_name,
                )
    raise AssertionError(f"no {spec.table_name} in the test team")


def _members(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as package:
        return {
            info.filename: hashlib.sha256(package.read(info)).hexdigest()
            for info in package.infolist()
        }


@pytest.fixture(params=SURVIVOR_FILES)
def case_with_tables(request, tmp_path) -> Path:
    target = tmp_path / request.param
    shutil.copy(CASES / request.param, target)
    write_output_sheets(target, _input_sheets(tmp_path), backups=0)
    return target


def test_refresh_case_keeps_other_parts(case_with_tables):
    before = _members(case_with_tables)

    result = refresh_file(case_with_tables, backups=0)

    after = _members(case_with_tables)
    assert result.summary.deals == 2
    for name, digest in before.items():
        if name in LISTING_PARTS:
            continue
        assert name in after, name
        assert after[name] == digest, name


def test_refresh_case_writes_output(case_with_tables):
    refresh_file(case_with_tables, backups=0)

    names = CalamineWorkbook.from_path(str(case_with_tables)).sheet_names
    for sheet in ("Issues", "Deal audit", "Funnel", "Scorecard", "Forecast"):
        assert sheet in names


def test_refresh_xlsm_stays_macro_enabled(tmp_path):
    target = tmp_path / "c05_macro_button.xlsm"
    shutil.copy(CASES / target.name, target)
    write_output_sheets(target, _input_sheets(tmp_path), backups=0)

    refresh_file(target, backups=0)

    with zipfile.ZipFile(target) as package:
        types = package.read("[Content_Types].xml")
        assert "xl/vbaProject.bin" in package.namelist()
    assert b"application/vnd.ms-excel.sheet.macroEnabled.main+xml" in types


@needs_libreoffice
def test_refreshed_case_opens_in_libreoffice(case_with_tables, tmp_path):
    refresh_file(case_with_tables, backups=0)

    pdf = convert(case_with_tables, "pdf", tmp_path / "pdf")

    assert pdf.stat().st_size > 1_000
