import datetime as dt

import pytest

from addin.engine.periods import fiscal_year_start, period_containing


@pytest.mark.parametrize(
    ("day", "kind", "start_month", "start", "end", "label"),
    [
        (dt.date(2026, 11, 17), "month", 1, dt.date(2026, 11, 1),
         dt.date(2026, 11, 30), "2026-11"),
        (dt.date(2026, 12, 31), "month", 4, dt.date(2026, 12, 1),
         dt.date(2026, 12, 31), "2026-12"),
        (dt.date(2026, 11, 17), "quarter", 1, dt.date(2026, 10, 1),
         dt.date(2026, 12, 31), "FY2026 Q4"),
        (dt.date(2026, 11, 17), "quarter", 4, dt.date(2026, 10, 1),
         dt.date(2026, 12, 31), "FY2026 Q3"),
        (dt.date(2027, 2, 28), "quarter", 4, dt.date(2027, 1, 1),
         dt.date(2027, 3, 31), "FY2026 Q4"),
        (dt.date(2026, 2, 1), "quarter", 2, dt.date(2026, 2, 1),
         dt.date(2026, 4, 30), "FY2026 Q1"),
    ],
)
def test_period_containing(day, kind, start_month, start, end, label):
    period = period_containing(day, kind, start_month)

    assert period.start == start
    assert period.end == end
    assert period.label == label


def test_period_next_and_previous():
    period = period_containing(dt.date(2026, 12, 5), "quarter", 1)

    assert period.next().start == dt.date(2027, 1, 1)
    assert period.previous().end == dt.date(2026, 9, 30)


@pytest.mark.parametrize(
    ("day", "start_month", "expected"),
    [
        (dt.date(2026, 3, 31), 4, dt.date(2025, 4, 1)),
        (dt.date(2026, 4, 1), 4, dt.date(2026, 4, 1)),
        (dt.date(2026, 7, 9), 1, dt.date(2026, 1, 1)),
    ],
)
def test_fiscal_year_start(day, start_month, expected):
    assert fiscal_year_start(day, start_month) == expected
