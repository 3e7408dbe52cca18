import datetime as dt

import pandas as pd

from addin.state import (
    KEYS_PER_CELL,
    SavedState,
    evidence_keys,
    saved_state_from_grids,
    state_sheet,
)

AS_OF = dt.date(2026, 11, 30)


def _evidence(*rows):
    return pd.DataFrame(
        rows, columns=["deal_id", "criterion", "date", "evidence"]
    ).assign(date=lambda frame: pd.to_datetime(frame["date"]))


def test_evidence_keys_ignore_row_order():
    first = ("D1", "IQ1", "2026-01-05", "e-mail")
    second = ("D2", "NC1", "2026-02-01", "call notes")

    forward = evidence_keys(_evidence(first, second)).tolist()
    backward = evidence_keys(_evidence(second, first)).tolist()

    assert forward == backward[::-1]


def test_evidence_keys_differ_by_date():
    keys = evidence_keys(
        _evidence(("D1", "IQ1", "2026-01-05", "x"), ("D1", "IQ1", "2026-01-06", "x"))
    )

    assert keys[0] != keys[1]


def test_first_refresh_records_no_dates():
    keys = evidence_keys(_evidence(("D1", "IQ1", "2026-01-05", "e-mail")))

    seen = SavedState().updated(keys, AS_OF)

    assert list(seen.values()) == [None]


def test_later_refresh_dates_new_rows_only():
    old = ("D1", "IQ1", "2026-01-05", "e-mail")
    new = ("D1", "NC1", "2026-11-20", "specs")
    saved = SavedState(
        first_seen=SavedState().updated(evidence_keys(_evidence(old)), AS_OF)
    )
    keys = evidence_keys(_evidence(old, new))

    seen = saved.updated(keys, AS_OF)

    assert seen[keys[0]] is None
    assert seen[keys[1]] == AS_OF


def test_state_sheet_packs_keys_by_date():
    sheet = state_sheet({"b": None, "a": AS_OF, "c": None})

    assert sheet.hidden
    assert sheet.blocks[0].rows == [(None, "b c"), (AS_OF, "a")]


def test_state_sheet_splits_long_cells():
    seen = {f"k{index:05}": None for index in range(KEYS_PER_CELL + 1)}

    rows = state_sheet(seen).blocks[0].rows

    assert len(rows) == 2
    assert len(rows[0][1].split()) == KEYS_PER_CELL
    assert len(rows[0][1]) < 32_767


def test_state_round_trips_through_grid():
    seen = {"a": AS_OF, "b": None, "c": dt.date(2026, 1, 2)}
    sheet = state_sheet(seen)
    headers = [column.header for column in sheet.blocks[0].columns]
    grid = [
        [sheet.title, None],
        [None, None],
        headers,
        *map(list, sheet.blocks[0].rows),
    ]

    state = saved_state_from_grids(grid, None)

    assert state.first_seen == seen
