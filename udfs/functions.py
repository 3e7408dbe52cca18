"""salesflow's worksheet functions: thin adapters from ranges to the engine.

Each function takes the team's tables as ranges with their header row, which
Excel passes as a list of rows. It builds the team book with the same reader
and validator as Refresh, calls one engine function and returns a plain value
or table. In the add-in's namespace they read
``=SALESFLOW.EARNED_STAGE(A2, tblDeals[#All], tblEvidence[#All],
tblCriteria[#All], tblProcess[#All])``.

A book built from ranges is cached on the contents of those ranges, so a
column of formulas over the same tables parses them once. A failure returns
a short error text to the cell and logs the traceback with the function's
name.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import logging
import math
import os
import sys
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

import pandas as pd

if sys.platform == "emscripten" or (
    sys.platform.startswith("win") and os.environ.get("XLWINGS_ON_SERVER") != "true"
):
    # xlwings Lite and the classic desktop add-in bind these in xlwings itself.
    from xlwings import arg, func
else:
    # xlwings Server; importing it checks the xlwings license key.
    from xlwings.server import arg, func

from addin.engine.commission import curve_payouts
from addin.engine.forecast import earned_as_of, forecast
from addin.engine.funnel import build_funnel, reps_in_order
from addin.engine.score import audit_process
from addin.engine.stages import audit_stages
from addin.locale import text
from addin.model import CurveBand, TeamBook
from addin.reader import tables_from_grids
from addin.validate import validate
from addin.values import parse_percent

log = logging.getLogger(__name__)

Range = list[list[Any]]
_F = TypeVar("_F", bound=Callable[..., Any])

BOOK_CACHE_SIZE = 16
"""Team books kept, keyed on the contents of the ranges they were built from."""

ERROR_PREFIX = "#SALESFLOW: "

_EXCEL_EPOCH = dt.date(1899, 12, 30)
_books: OrderedDict[str, TeamBook] = OrderedDict()

FUNNEL_HEADERS = {
    "stage": "funnel.col.stage",
    "open_deals": "funnel.col.open",
    "reached": "funnel.col.reached",
    "value": "funnel.col.value",
    "conversion": "funnel.col.conversion",
    "median_days": "funnel.col.median_days",
}
"""Funnel columns the function returns -> the text key of their header."""

FORECAST_FIGURES = ("P10", "P50", "P90", "Stage-weighted", "Evidence-based")


def cell_errors(function: _F) -> _F:
    """Return a short error text instead of raising; log the traceback."""

    @functools.wraps(function)
    def wrapper(*args: Any) -> Any:
        try:
            return function(*args)
        # Any failure, expected or not, must leave a value in the cell.
        except Exception as error:
            log.exception("SALESFLOW.%s failed", function.__name__.upper())
            return ERROR_PREFIX + _short(error)

    return wrapper  # type: ignore[return-value]


def _short(error: Exception) -> str:
    message = str(error) or type(error).__name__
    return message if len(message) <= 120 else message[:117] + "..."


# Worksheet functions


@func
@arg("deal_id", doc="Deal ID of the deal")
@arg("deals", ndim=2, doc="The Deals table with its header row")
@arg("evidence", ndim=2, doc="The Evidence table with its header row")
@arg("criteria", ndim=2, doc="The Criteria table with its header row")
@arg("process", ndim=2, doc="The Process table with its header row")
@arg("as_of", doc="As-of date; blank for today")
@cell_errors
def earned_stage(
    deal_id: Any,
    deals: Range,
    evidence: Range,
    criteria: Range,
    process: Range,
    as_of: Any = None,
) -> Any:
    """Return the highest stage whose required customer actions all have evidence."""
    day = as_of_date(as_of)
    book = team_book(deals, evidence, criteria, process, as_of=day)
    audit = audit_stages(book, day or book.settings.effective_as_of())
    stage = audit.loc[_deal_row(book, deal_id), "earned_stage"]
    return "" if pd.isna(stage) else stage


@func
@arg("deal_id", doc="Deal ID of the deal")
@arg("deals", ndim=2, doc="The Deals table with its header row")
@arg("evidence", ndim=2, doc="The Evidence table with its header row")
@arg("criteria", ndim=2, doc="The Criteria table with its header row")
@arg("process", ndim=2, doc="The Process table with its header row")
@arg("as_of", doc="As-of date; blank for today")
@cell_errors
def process_score(
    deal_id: Any,
    deals: Range,
    evidence: Range,
    criteria: Range,
    process: Range,
    as_of: Any = None,
) -> Any:
    """Return the process score (0-100) of a deal."""
    day = as_of_date(as_of)
    book = team_book(deals, evidence, criteria, process, as_of=day)
    audit = audit_process(book, day or book.settings.effective_as_of())
    score = audit.deals.loc[_deal_row(book, deal_id), "score"]
    return "" if pd.isna(score) else float(score)


@func
@arg("deals", ndim=2, doc="The Deals table with its header row")
@arg("evidence", ndim=2, doc="The Evidence table with its header row")
@arg("criteria", ndim=2, doc="The Criteria table with its header row")
@arg("process", ndim=2, doc="The Process table with its header row")
@arg("rep", doc="A rep's name; blank for the team")
@arg("as_of", doc="As-of date; blank for today")
@cell_errors
def funnel(
    deals: Range,
    evidence: Range,
    criteria: Range,
    process: Range,
    rep: Any = None,
    as_of: Any = None,
) -> Any:
    """Return the funnel of the team or of one rep, one row per stage (spills)."""
    day = as_of_date(as_of)
    book = team_book(deals, evidence, criteria, process, as_of=day)
    audit = audit_process(book, day or book.settings.effective_as_of())
    reps = reps_in_order(book.team, book.deals)
    if rep not in (None, "") and rep not in reps:
        raise ValueError(f"no deals of rep {rep!r}")
    rows = build_funnel(audit, reps)
    wanted = rows["rep"].isna() if rep in (None, "") else rows["rep"] == rep
    table = rows.loc[wanted, list(FUNNEL_HEADERS)]
    language = book.settings.language
    table.columns = [text(key, language) for key in FUNNEL_HEADERS.values()]
    return plain_table(table)


@func
@arg("stage", doc="Name of a stage of the Process table")
@arg("deals", ndim=2, doc="The Deals table with its header row")
@arg("evidence", ndim=2, doc="The Evidence table with its header row")
@arg("criteria", ndim=2, doc="The Criteria table with its header row")
@arg("process", ndim=2, doc="The Process table with its header row")
@arg("as_of", doc="As-of date; blank for today")
@cell_errors
def win_probability(
    stage: Any,
    deals: Range,
    evidence: Range,
    criteria: Range,
    process: Range,
    as_of: Any = None,
) -> Any:
    """Return the share of closed deals that earned a stage and were won."""
    day = as_of_date(as_of)
    book = team_book(deals, evidence, criteria, process, as_of=day)
    result = forecast(
        book, earned_as_of(book, day or book.settings.effective_as_of()), day
    )
    for rate in result.stage_rates:
        if rate.stage and str(rate.stage).casefold() == str(stage).strip().casefold():
            return "" if rate.observed_win_rate is None else rate.observed_win_rate
    raise ValueError(f"no stage {stage!r} in the Process table")


@func
@arg("amount", doc="Amount of the won deal")
@arg("score", doc="Process score of the deal, 0 to 100")
@arg("rate", doc="Commission rate as the Team sheet has it: 2, 2% or 0.02")
@arg("curve", ndim=2, doc="Commission curve with its header: Min score, Payout %")
@cell_errors
def commission(amount: Any, score: Any, rate: Any, curve: Any = None) -> Any:
    """Return the commission by process: amount x rate x the payout of the score."""
    bands = _curve(curve)
    payout = curve_payouts(pd.Series([_number(score, "score")]), bands).iloc[0]
    return _number(amount, "amount") * _rate(rate) * float(payout)


@func
@arg("period", doc="A date in the period to forecast")
@arg("deals", ndim=2, doc="The Deals table with its header row")
@arg("evidence", ndim=2, doc="The Evidence table with its header row")
@arg("criteria", ndim=2, doc="The Criteria table with its header row")
@arg("process", ndim=2, doc="The Process table with its header row")
@arg("team", ndim=2, doc="The Team table with its header row")
@arg("figure", doc="P10, P50, P90, Stage-weighted or Evidence-based")
@arg("rep", doc="A rep's name; blank for the team")
@arg("as_of", doc="As-of date; blank for today")
@cell_errors
def forecast_figure(
    period: Any,
    deals: Range,
    evidence: Range,
    criteria: Range,
    process: Range,
    team: Range,
    figure: Any = "P50",
    rep: Any = None,
    as_of: Any = None,
) -> Any:
    """Return a forecast figure of the period that contains a date (P50 by default)."""
    day = as_of_date(as_of)
    wanted = str(figure or "P50").strip()
    if wanted.casefold() not in [name.casefold() for name in FORECAST_FIGURES]:
        raise ValueError(
            f"figure {figure!r} is not one of {', '.join(FORECAST_FIGURES)}"
        )
    book = team_book(deals, evidence, criteria, process, team, as_of=day)
    result = forecast(
        book, earned_as_of(book, day or book.settings.effective_as_of()), day
    )
    when = as_of_date(period)
    scope = "" if rep in (None, "") else str(rep)
    for figures in result.figures_of(scope):
        if when is not None and figures.period.start <= when <= figures.period.end:
            return float(getattr(figures, _figure_field(wanted)))
    raise ValueError(f"no forecast of {scope or 'the team'} for {period!r}")


# Building the team book from ranges


def team_book(
    deals: Range,
    evidence: Range,
    criteria: Range,
    process: Range,
    team: Range | None = None,
    as_of: dt.date | None = None,
) -> TeamBook:
    """Return the team book of the ranges, from the cache when seen before."""
    sheets = {
        "Process": process,
        "Criteria": criteria,
        "Deals": deals,
        "Evidence": evidence,
    }
    if team is not None:
        sheets["Team"] = team
    key = _cache_key(sheets, as_of)
    if key in _books:
        _books.move_to_end(key)
        return _books[key]
    grids = {name: [list(row) for row in grid] for name, grid in sheets.items()}
    book, _issues = validate(tables_from_grids(grids), as_of, require_tables=False)
    _books[key] = book
    if len(_books) > BOOK_CACHE_SIZE:
        _books.popitem(last=False)
    return book


def _cache_key(sheets: dict[str, Range], as_of: dt.date | None) -> str:
    text = json.dumps([sheets, as_of], default=str, sort_keys=True)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def as_of_date(value: Any) -> dt.date | None:
    """Return a date from a cell: a date, a serial number or ISO text."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _EXCEL_EPOCH + dt.timedelta(days=math.floor(value))
    if isinstance(value, str):
        return dt.date.fromisoformat(value.strip()[:10])
    raise ValueError(f"expected a date, got {value!r}")


def plain_table(table: pd.DataFrame) -> list[list[Any]]:
    """Return a header row and rows of plain values; missing values are blank."""
    rows = [[_plain(value) for value in row] for row in table.itertuples(index=False)]
    return [list(table.columns)] + rows


def _plain(value: Any) -> Any:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if hasattr(value, "item"):
        return value.item()
    return value


def _deal_row(book: TeamBook, deal_id: Any) -> Any:
    wanted = _deal_text(deal_id)
    matches = book.deals.index[book.deals["deal_id"] == wanted]
    if len(matches) == 0:
        raise ValueError(f"no deal {wanted!r} in the Deals table")
    return matches[0]


def _deal_text(deal_id: Any) -> str:
    if isinstance(deal_id, float) and deal_id.is_integer():
        return str(int(deal_id))
    return str(deal_id).strip()


def _number(value: Any, name: str) -> float:
    if isinstance(value, bool) or value in (None, ""):
        raise ValueError(f"expected a number for {name}, got {value!r}")
    try:
        return float(value)
    except (TypeError, ValueError):
        raise ValueError(f"expected a number for {name}, got {value!r}") from None


def _rate(value: Any) -> float:
    """Read a commission rate the way the Team sheet's column is read: 2 is 2 %."""
    parsed = parse_percent(value)
    if parsed.value is None or (parsed.problem and parsed.problem.severity == "error"):
        raise ValueError(f"expected a rate such as 2 or 2% for rate, got {value!r}")
    return float(parsed.value)


def _curve(curve: Any) -> list[CurveBand]:
    from addin.model import DEFAULT_CURVE

    if curve in (None, ""):
        return list(DEFAULT_CURVE)
    rows = [row for row in curve[1:] if any(cell not in (None, "") for cell in row)]
    return [
        CurveBand(_number(row[0], "min score"), _number(row[1], "payout"))
        for row in rows
    ]


def _figure_field(figure: str) -> str:
    return figure.casefold().replace("-", "_")
