"""The benchmark suite runs end to end: generator, probes, harness and report.

Nothing here asserts a time. Size S goes once through the floor, check and
refresh. The step-by-step refresh and the openpyxl round trip run on the
smaller XS size, which keeps the test short.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from addin import schema
from benchmarks import run
from benchmarks.generate import SIZES, workbook_path
from benchmarks.report import SizeResult


@pytest.fixture(scope="module")
def results_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("benchmark") / "results.md"


@pytest.fixture(scope="module")
def measured(results_page: Path) -> dict[str, SizeResult]:
    size_s = run.main(
        [
            "--sizes",
            "S",
            "--repeat",
            "1",
            "--commands",
            "floor,check,refresh",
            "--results",
            str(results_page.with_name("s.md")),
        ]
    )
    size_xs = run.main(
        [
            "--sizes",
            "XS",
            "--repeat",
            "1",
            "--commands",
            "report,usual",
            "--results",
            str(results_page),
        ]
    )
    return {result.size.name: result for result in size_s + size_xs}


@pytest.mark.parametrize(
    ("table", "rows"),
    [(schema.DEALS, SIZES["S"].deals), (schema.EVIDENCE, SIZES["S"].evidence)],
)
def test_generate_table_rows(table: schema.TableSpec, rows: int) -> None:
    path = workbook_path(SIZES["S"])

    grid = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(table.sheet)

    assert len(grid.to_python()) == rows + 1


def test_generate_user_sheet_parts() -> None:
    path = workbook_path(SIZES["XS"])

    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()

    assert any(name.startswith("xl/charts/") for name in names)
    assert sum(name.startswith("xl/media/") for name in names) == 2


@pytest.mark.parametrize(
    ("size", "command"),
    [
        ("S", "floor"),
        ("S", "check"),
        ("S", "refresh"),
        ("XS", "report"),
        ("XS", "usual"),
    ],
)
def test_run_command_measured(
    measured: dict[str, SizeResult], size: str, command: str
) -> None:
    runs = measured[size].runs[command]

    assert runs.error is None
    assert len(runs.wall) == 1
    assert runs.peak is not None


def test_run_steps_measured(measured: dict[str, SizeResult]) -> None:
    steps = measured["XS"].steps

    assert steps.get("cpu", {}).get("read", 0.0) > 0.0


def test_run_writes_results(
    measured: dict[str, SizeResult], results_page: Path
) -> None:
    page = results_page.read_text()

    assert "| XS | 1,000 | 5,000 |" in page


def test_run_reports_saved_size(
    measured: dict[str, SizeResult], results_page: Path
) -> None:
    page = results_page.with_name("saved.md")

    run.main(["--sizes", "", "--saved", "XS", "--results", str(page)])

    assert "| XS | 1,000 | 5,000 |" in page.read_text()
