import datetime as dt

import pandas as pd

from addin.model import TeamBook
from addin.state import SavedState, evidence_keys, state_sheet

AS_OF = dt.date(2026, 11, 30)


def _evidence(*rows):
    return pd.DataFrame(
        rows, columns=["deal_id", "criterion", "date", "evidence"]
    ).assign(date=lambda frame: pd.to_datetime(frame["date"]))


def _book(evidence):
    empty = pd.DataFrame()
    return TeamBook(empty, empty, empty, empty, evidence)


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
    book = _book(_evidence(("D1", "IQ1", "2026-01-05", "e-mail")))

    seen = SavedState().updated(book, AS_OF)

    assert list(seen.values()) == [None]


def test_later_refresh_dates_new_rows_only():
    old = ("D1", "IQ1", "2026-01-05", "e-mail")
    new = ("D1", "NC1", "2026-11-20", "specs")
    saved = SavedState(first_seen=SavedState().updated(_book(_evidence(old)), AS_OF))

    seen = saved.updated(_book(_evidence(old, new)), AS_OF)

    keys = evidence_keys(_evidence(old, new))
    assert seen[keys[0]] is None
    assert seen[keys[1]] == AS_OF


def test_state_sheet_is_hidden_and_sorted():
    sheet = state_sheet({"b": None, "a": AS_OF})

    assert sheet.hidden
    assert sheet.blocks[0].rows == [("a", AS_OF), ("b", None)]
