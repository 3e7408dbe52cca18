"""Reporting periods: the month or fiscal quarter that contains a date.

Quarters follow the fiscal year: with a fiscal year that starts in April,
the first quarter is April to June. A :class:`Period` is a closed range of
calendar days, so ``period.start <= day <= period.end`` tests membership.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

PeriodKind = Literal["month", "quarter"]

MONTHS_IN: dict[PeriodKind, int] = {"month": 1, "quarter": 3}


@dataclass(frozen=True)
class Period:
    """One reporting period, first and last day included."""

    kind: PeriodKind
    start: dt.date
    end: dt.date
    fiscal_year_start: int = 1
    """Month (1-12) in which the fiscal year starts, which places the quarters."""

    @property
    def months(self) -> int:
        """Return the number of calendar months in the period."""
        return MONTHS_IN[self.kind]

    @property
    def label(self) -> str:
        """Return a short name: ``2026-11`` for a month, ``FY2026 Q3`` for a quarter.

        A fiscal year is named after the calendar year in which it starts.
        """
        if self.kind == "month":
            return f"{self.start.year}-{self.start.month:02d}"
        year_start = fiscal_year_start(self.start, self.fiscal_year_start)
        quarter = _months_between(year_start, self.start) // 3 + 1
        return f"FY{year_start.year} Q{quarter}"

    def contains(self, day: dt.date) -> bool:
        """Return whether ``day`` falls within the period."""
        return self.start <= day <= self.end

    def next(self) -> Period:
        """Return the period that follows this one."""
        return period_containing(
            self.end + dt.timedelta(days=1), self.kind, self.fiscal_year_start
        )

    def previous(self) -> Period:
        """Return the period that precedes this one."""
        return period_containing(
            self.start - dt.timedelta(days=1), self.kind, self.fiscal_year_start
        )


def add_months(day: dt.date, months: int) -> dt.date:
    """Return the first day of the month ``months`` after the month of ``day``."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _months_between(earlier: dt.date, later: dt.date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month


def fiscal_year_start(day: dt.date, start_month: int = 1) -> dt.date:
    """Return the first day of the fiscal year that contains ``day``.

    Args:
        day: Any date.
        start_month: Month (1-12) in which the fiscal year starts.
    """
    year = day.year if day.month >= start_month else day.year - 1
    return dt.date(year, start_month, 1)


def period_containing(
    day: dt.date, kind: PeriodKind = "month", start_month: int = 1
) -> Period:
    """Return the month or fiscal quarter that contains ``day``.

    Args:
        day: Any date.
        kind: ``month`` or ``quarter``.
        start_month: Month (1-12) in which the fiscal year starts; only
            quarters depend on it.
    """
    if kind == "month":
        start = dt.date(day.year, day.month, 1)
    else:
        year_start = fiscal_year_start(day, start_month)
        quarter_index = _months_between(year_start, day) // 3
        start = add_months(year_start, quarter_index * 3)
    end = add_months(start, MONTHS_IN[kind]) - dt.timedelta(days=1)
    return Period(kind, start, end, start_month)
