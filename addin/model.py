"""Records shared by the reader, the validator, the engine and the writers.

The parsed workbook is a :class:`TeamBook`: one pandas DataFrame per input
table with canonical column keys (see :mod:`addin.schema`) and typed values,
plus the :class:`Settings`. Every DataFrame keeps the Excel row number of
each record in the column ``row`` so that any finding can name its cell.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

Severity = Literal["error", "warning"]

_PLAIN_SHEET_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.]*$")


def column_letter(index: int) -> str:
    """Return the Excel column letters of a 1-based column index (1 -> A)."""
    letters = ""
    while index > 0:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def column_index(letters: str) -> int:
    """Return the 1-based index of Excel column letters (A -> 1)."""
    index = 0
    for char in letters.upper():
        index = index * 26 + ord(char) - 64
    return index


def sheet_reference(sheet: str) -> str:
    """Quote a sheet name the way Excel's Name Box accepts it."""
    if _PLAIN_SHEET_NAME.match(sheet) and not re.match(r"^[A-Za-z]{1,3}\d+$", sheet):
        return sheet
    return "'" + sheet.replace("'", "''") + "'"


@dataclass(frozen=True)
class Issue:
    """One problem found in the team's input, located at a cell."""

    severity: Severity
    sheet: str
    cell: str
    """A1-style reference such as ``D14``; empty when the problem is the sheet."""
    deal: str
    """Deal ID the problem concerns; empty when it concerns none."""
    message: str
    fix: str

    @property
    def location(self) -> str:
        """Return the ``'Sheet'!Cell`` reference, or the quoted sheet alone."""
        if not self.cell:
            return sheet_reference(self.sheet)
        return f"{sheet_reference(self.sheet)}!{self.cell}"

    def as_dict(self) -> dict[str, str]:
        return {
            "severity": self.severity,
            "sheet": self.sheet,
            "cell": self.cell,
            "deal": self.deal,
            "message": self.message,
            "fix": self.fix,
        }


@dataclass(frozen=True)
class CurveBand:
    """One band of the commission curve: scores from ``min_score`` pay ``payout``."""

    min_score: float
    payout: float
    """Fraction of the result commission paid, 0.9 for 90 %."""


DEFAULT_CURVE: tuple[CurveBand, ...] = (
    CurveBand(90, 1.00),
    CurveBand(75, 0.90),
    CurveBand(50, 0.75),
    CurveBand(0, 0.50),
)


@dataclass(frozen=True)
class Settings:
    """The team's settings, parsed from the Settings sheet."""

    reporting_currency: str = "USD"
    rates: dict[str, float] = field(default_factory=dict)
    """Rate of each currency to the reporting currency (1 unit = rate units)."""
    as_of: dt.date | None = None
    """As-of date of the analysis; None means today."""
    period: Literal["month", "quarter"] = "month"
    fiscal_year_start: int = 1
    """Month (1-12) in which the fiscal year starts."""
    curve: tuple[CurveBand, ...] = DEFAULT_CURVE
    luck_threshold: float = 50.0
    language: str = "en"
    simulations: int = 10_000
    backfill_days: int = 14
    """Evidence first seen more than this many days after its Date is back-filled."""

    def effective_as_of(self) -> dt.date:
        return self.as_of or dt.date.today()


@dataclass(frozen=True)
class TableLocation:
    """Where an input table sits, so that a row and column name a cell."""

    sheet: str
    header_row: int
    columns: dict[str, str]
    """Canonical column key -> Excel column letters."""

    def cell(self, key: str, row: int) -> str:
        """Return the A1 reference of column ``key`` in Excel row ``row``."""
        letters = self.columns.get(key)
        if letters is None:
            return ""
        return f"{letters}{row}"


@dataclass
class TeamBook:
    """The parsed team workbook: typed input tables, settings and locations.

    DataFrame columns (all present, missing values as NaN/NaT/None):

    - process: stage, goal, playbook, max_days (float), win_pct (fraction),
      forecast_category, row. Ordered as the ladder, first stage first.
    - criteria: stage, criterion, customer_action, evidence, required (bool),
      weight (float), row.
    - team: rep, manager, monthly_quota (reporting currency), commission_rate
      (fraction), active (bool), start_date (datetime64), row.
    - deals: deal_id (str), customer, country, rep, product, amount (as typed,
      in its currency), currency, amount_rc (reporting currency), stage
      (canonical stage name or None), status ("Open"/"Won"/"Lost" or None),
      created, expected_close, closed_on (datetime64), lost_reason, source,
      note, row.
    - evidence: date (datetime64), deal_id, criterion (canonical id or None),
      evidence, logged_by, note, row.
    """

    process: pd.DataFrame
    criteria: pd.DataFrame
    team: pd.DataFrame
    deals: pd.DataFrame
    evidence: pd.DataFrame
    settings: Settings = field(default_factory=Settings)
    locations: dict[str, TableLocation] = field(default_factory=dict)
    """Table key -> where the table sits in the workbook."""

    @property
    def stages(self) -> list[str]:
        """Return the stage names in ladder order."""
        return list(self.process["stage"])


CellValue = str | float | int | bool | dt.date | dt.datetime | dt.time | None
"""A raw cell value as the reader returns it; None is an empty cell."""


@dataclass
class RawTable:
    """An input table as found in the workbook, before any value is parsed.

    Values are column-oriented so that a million-row Evidence table stays a
    handful of lists. ``values[key][i]`` is the cell of column ``key`` in
    Excel row ``rows[i]``; columns the table lacks are absent from ``values``.
    """

    key: str
    """Table key from :mod:`addin.schema`, e.g. ``deals``."""
    location: TableLocation
    rows: list[int]
    values: dict[str, list[CellValue]]
    extra_headers: list[str] = field(default_factory=list)
    """Headers of the table that match no known column (kept, not read)."""


@dataclass
class RawWorkbook:
    """Every input table found in one workbook, and the problems met finding them."""

    path: str
    sheet_names: list[str]
    tables: dict[str, RawTable]
    issues: list[Issue] = field(default_factory=list)
