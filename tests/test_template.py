"""The workbook template: its tables, dropdowns, defaults and `salesflow new`."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from openpyxl.utils import range_boundaries

from addin import schema
from addin.cli import main
from addin.ladder import default_ladder
from addin.template import TEMPLATE_FILE, write_template

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_template(tmp_path_factory.mktemp("template") / "team.xlsx")


@pytest.fixture(scope="module")
def book(template: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(template)


def _table(book: openpyxl.Workbook, spec: schema.TableSpec):
    sheet = book[spec.sheet]
    return sheet, sheet.tables[spec.table_name]


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


def _cell_text(book: openpyxl.Workbook, sheet: str) -> list[str]:
    return [
        str(cell.value)
        for row in book[sheet].iter_rows()
        for cell in row
        if cell.value is not None
    ]


@pytest.mark.parametrize("spec", schema.INPUT_TABLES, ids=lambda spec: spec.key)
def test_template_table_headers(book, spec):
    sheet, table = _table(book, spec)
    first_column, header_row, last_column, _ = range_boundaries(table.ref)

    headers = [
        sheet.cell(header_row, column).value
        for column in range(first_column, last_column + 1)
    ]

    assert headers == [column.header for column in spec.columns]


def test_template_instructions_first(book):
    assert book.sheetnames[0] == "Instructions"


@pytest.mark.parametrize(
    "phrase",
    ["Deals", "Evidence", "Status", "customer actions", "quota", "Refresh"],
)
def test_template_instructions_mention(book, phrase):
    instructions = " ".join(_cell_text(book, "Instructions"))

    assert phrase in instructions


def test_template_ladder_rows(book):
    sheet, table = _table(book, schema.PROCESS)
    stages = [row[0].value for row in sheet.iter_rows(min_row=2) if row[0].value]

    assert stages == default_ladder().stage_names()
    assert table.ref == f"A1:F{len(stages) + 1}"


def test_template_criteria_rows(book):
    sheet, _ = _table(book, schema.CRITERIA)
    rows = [
        [cell.value for cell in row]
        for row in sheet.iter_rows(min_row=2)
        if row[0].value
    ]

    assert [row[1] for row in rows] == [
        spec.criterion for spec in default_ladder().criteria
    ]
    assert {row[4] for row in rows} == {"Yes", "No"}


def test_ladder_every_stage_required():
    ladder = default_ladder()

    gated = {spec.stage for spec in ladder.criteria if spec.required}

    assert gated == set(ladder.stage_names())


def test_ladder_criteria_customer_actions():
    actions = [spec.customer_action for spec in default_ladder().criteria]

    assert all(action.startswith("Customer ") for action in actions)


@pytest.mark.parametrize(
    "name, value",
    [
        ("Reporting currency", "USD"),
        ("As-of date", None),
        ("Period", "month"),
        ("Luck threshold", 50),
        ("Language", "en"),
        ("Forecast simulations", 10000),
        ("Backfill days", 14),
    ],
)
def test_template_setting_default(book, name, value):
    sheet, _ = _table(book, schema.SETTINGS)
    settings = {
        row[0].value: row[1].value for row in sheet.iter_rows(min_row=3, max_col=2)
    }

    assert settings[name] == value


def test_template_rates(book):
    sheet = book["Settings"]

    rates = {
        row[0].value: row[1].value
        for row in sheet.iter_rows(min_row=3, min_col=4, max_col=5)
        if row[0].value
    }

    assert set(rates) == {"USD", "EUR", "CNY", "GBP"}
    assert rates["USD"] == 1
    assert "illustrative" in sheet["D1"].value


def test_template_commission_curve(book):
    sheet = book["Settings"]

    bands = [
        (row[0].value, row[1].value)
        for row in sheet.iter_rows(min_row=3, min_col=7, max_col=8)
        if row[0].value is not None
    ]

    assert bands == [(90, 1.0), (75, 0.9), (50, 0.75), (0, 0.5)]


@pytest.mark.parametrize(
    "sheet_name, column, source",
    [
        ("Deals", "D", "lstReps"),
        ("Deals", "H", "lstStages"),
        ("Deals", "G", "lstCurrencies"),
        ("Deals", "I", '"Open,Won,Lost"'),
        ("Evidence", "C", "lstCriteria"),
        ("Evidence", "B", "lstDeals"),
        ("Evidence", "E", "lstReps"),
        ("Criteria", "A", "lstStages"),
        ("Criteria", "E", '"Yes,No"'),
        ("Team", "E", '"Yes,No"'),
    ],
)
def test_template_dropdown(book, sheet_name, column, source):
    validations = book[sheet_name].data_validations.dataValidation

    found = {
        str(validation.sqref).split(":")[0]: validation.formula1
        for validation in validations
    }

    assert found[f"{column}2"] == source


@pytest.mark.parametrize(
    "name, reference",
    [
        ("lstReps", "Team!$A$2:$A$201"),
        ("lstStages", "Process!$A$2:$A$58"),
        ("lstCriteria", "Criteria!$B$2:$B$213"),
        ("lstCurrencies", "Settings!$D$3:$D$56"),
    ],
)
def test_template_list_name(book, name, reference):
    assert book.defined_names[name].attr_text == reference


@pytest.mark.parametrize(
    "sheet_name, column, number_format",
    [
        ("Deals", "F", "#,##0.00"),
        ("Deals", "J", "yyyy-mm-dd"),
        ("Deals", "A", "@"),
        ("Evidence", "A", "yyyy-mm-dd"),
        ("Process", "E", "0%"),
        ("Team", "D", "0.0%"),
    ],
)
def test_template_column_format(book, sheet_name, column, number_format):
    assert book[sheet_name].column_dimensions[column].number_format == number_format


@pytest.mark.parametrize(
    "sheet_name, pane", [("Deals", "B2"), ("Evidence", "A2"), ("Settings", "A3")]
)
def test_template_frozen_header(book, sheet_name, pane):
    assert book[sheet_name].freeze_panes == pane


def test_template_reproducible(template, tmp_path):
    again = write_template(tmp_path / "again.xlsx")

    assert again.read_bytes() == template.read_bytes()


def test_committed_template_current(template):
    committed = REPO / TEMPLATE_FILE

    assert _members(committed) == _members(template)


def test_new_writes_workbook(tmp_path):
    path = tmp_path / "team.xlsx"

    result = CliRunner().invoke(main, ["new", str(path)])

    assert result.exit_code == 0
    assert openpyxl.load_workbook(path).sheetnames[0] == "Instructions"


def test_new_existing_file_rejected(tmp_path):
    path = tmp_path / "team.xlsx"
    path.write_bytes(b"typed by the team")

    result = CliRunner().invoke(main, ["new", str(path)])

    assert result.exit_code == 2
    assert "--force" in result.output
    assert path.read_bytes() == b"typed by the team"


def test_new_force_overwrites(tmp_path):
    path = tmp_path / "team.xlsx"
    path.write_bytes(b"old")

    result = CliRunner().invoke(main, ["new", str(path), "--force"])

    assert result.exit_code == 0
    assert zipfile.is_zipfile(path)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice missing")
def test_new_opens_in_libreoffice(tmp_path):
    path = tmp_path / "team.xlsx"
    CliRunner().invoke(main, ["new", str(path)])
    profile = (tmp_path / "lo-profile").as_uri()

    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )

    assert (tmp_path / "team.pdf").stat().st_size > 0


def test_new_workbook_passes_check(tmp_path):
    if importlib.util.find_spec("addin.load") is None:
        pytest.skip("the workbook reader addin.load is not written yet")
    path = tmp_path / "team.xlsx"
    CliRunner().invoke(main, ["new", str(path)])

    result = CliRunner().invoke(main, ["check", str(path)])

    assert result.exit_code == 0, result.output


def test_new_missing_folder_fails(tmp_path):
    path = tmp_path / "missing" / "team.xlsx"

    result = CliRunner().invoke(main, ["new", str(path)])

    assert result.exit_code == 1
    assert "Cannot write" in result.output
    assert not path.exists()
