import datetime as dt

import numpy as np
import pandas as pd
import pytest
from openpyxl import Workbook

from addin.engine.forecast import TEAM_SCOPE, forecast
from addin.engine.history import (
    HISTORY_COLUMNS,
    forecast_accuracy,
    history_accuracy,
    history_rows,
    merge_history,
)
from addin.sheets.history import history_sheet, parse_history
from addin.state import read_saved_state
from addin.xlsx.writeback import write_output_sheets
from tests.forecast_books import Deal, closed_history, team_book

OCTOBER = dt.date(2025, 10, 1)


def refresh_rows(as_of, simulations=200):
    history = closed_history("Ann", won=6, lost=4, created=OCTOBER, days=10)
    deals = history + [
        Deal("O1", "Ann", 300, "Open", OCTOBER),
        Deal("W1", "Ann", 800, "Won", OCTOBER, dt.date(2026, 3, 20)),
    ]
    book, earned = team_book(deals, as_of, simulations=simulations)
    return book, history_rows(forecast(book, earned, as_of))


@pytest.mark.parametrize(
    ("actual", "predicted", "expected"),
    [
        (100, 100, 1.0),
        (100, 80, 0.8),
        (100, 130, 0.7),
        (100, 250, 0.0),
        (0, 0, 1.0),
        (0, 10, 0.0),
    ],
)
def test_accuracy_formula(actual, predicted, expected):
    accuracy = forecast_accuracy(np.array([actual]), np.array([predicted]))

    assert accuracy[0] == pytest.approx(expected)


def test_rows_one_per_scope_and_period():
    _, rows = refresh_rows(dt.date(2026, 3, 1))

    assert len(rows) == 2 * 3
    assert list(rows.columns[: len(HISTORY_COLUMNS)]) == list(HISTORY_COLUMNS)


def test_rows_pipeline_on_current_period_only():
    _, rows = refresh_rows(dt.date(2026, 3, 1))

    # W1 closes on March 20, so on March 1 it is still open pipeline.
    team = rows[rows["scope"] == TEAM_SCOPE]
    assert team["pipeline:Offer"].tolist()[0] == 300 + 800
    assert team["pipeline:Offer"].isna().tolist()[1:] == [True, True]


def test_merge_skips_identical_rerun():
    _, rows = refresh_rows(dt.date(2026, 3, 1))

    merged = merge_history(merge_history(None, rows), rows)

    assert len(merged) == len(rows)


def test_merge_keeps_existing_rows_untouched():
    _, earlier = refresh_rows(dt.date(2026, 3, 1))
    _, later = refresh_rows(dt.date(2026, 3, 25))

    merged = merge_history(earlier, later)

    assert len(merged) == len(earlier) + len(later)
    pd.testing.assert_frame_equal(merged.iloc[: len(earlier)], earlier)


def test_merge_same_day_change_adds_row():
    _, rows = refresh_rows(dt.date(2026, 3, 1))
    changed = rows.copy()
    changed.loc[0, "evidence_based"] += 1

    merged = merge_history(rows, changed)

    assert len(merged) == len(rows) + 1


def test_accuracy_of_finished_period():
    _, rows = refresh_rows(dt.date(2026, 3, 1))
    book, _ = refresh_rows(dt.date(2026, 4, 2))

    accuracy = history_accuracy(rows, book, dt.date(2026, 4, 2))

    team = accuracy[accuracy["scope"] == TEAM_SCOPE].iloc[0]
    assert len(accuracy) == 2
    assert team["period"] == "2026-03"
    assert team["actual"] == 800
    assert team["stage_weighted_accuracy"] == pytest.approx(
        1 - abs(800 - team["stage_weighted"]) / 800
    )


def test_accuracy_skips_open_periods():
    _, rows = refresh_rows(dt.date(2026, 3, 1))
    book, _ = refresh_rows(dt.date(2026, 3, 30))

    accuracy = history_accuracy(rows, book, dt.date(2026, 3, 30))

    assert accuracy.empty


@pytest.mark.parametrize("language", ["en", "zh-CN"])
def test_history_sheet_reads_back_from_xlsx(tmp_path, language):
    _, rows = refresh_rows(dt.date(2026, 3, 1))
    path = tmp_path / "team.xlsx"
    workbook = Workbook()
    workbook.active.title = "Deals"
    workbook.save(path)
    write_output_sheets(path, [history_sheet(rows, language)], backups=0)

    back = read_saved_state(path).history

    pd.testing.assert_frame_equal(back, rows, check_dtype=False)


def test_parse_history_from_sheet_rows():
    _, rows = refresh_rows(dt.date(2026, 3, 1))
    sheet = history_sheet(rows)
    block = sheet.blocks[0]
    grid = [[sheet.title], [column.header for column in block.columns]]
    grid += [list(row) for row in block.rows]

    back = parse_history(grid)

    pd.testing.assert_frame_equal(back, rows, check_dtype=False)


def test_parse_history_twice_changes_nothing():
    _, rows = refresh_rows(dt.date(2026, 3, 1))

    back = parse_history(rows)

    pd.testing.assert_frame_equal(back, rows, check_dtype=False)


def test_parse_history_none_is_empty():
    history = parse_history(None)

    assert history.empty
    assert list(history.columns) == list(HISTORY_COLUMNS)
