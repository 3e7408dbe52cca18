"""Backtest: what each forecast method would have forecast, against what was won.

For each finished period, the forecast is rebuilt as it would have stood the
day before the period started, from information dated before that day only:
deals created before it, evidence dated before it and closes before it.
Deals that closed later are open at that time. The rep's declared stage on
that day is not recorded anywhere, so the stage earned from the evidence of
that day stands in for it (the first stage when none is earned). The
forecast is then compared with the amount won in the period.

NOTE: Expected close is taken as typed today. A rep may have moved it since
the period started, often to the real close date, which would flatter the
stage-weighted method; nothing in the workbook records its earlier values.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from addin.engine.forecast import (
    Forecast,
    deals_as_of,
    earned_as_of,
    forecast,
    won_in_periods,
)
from addin.engine.history import METHODS, forecast_accuracy
from addin.engine.periods import Period, period_containing
from addin.model import TeamBook

MIN_HISTORY_CLOSES = 20
"""Closed deals needed before a period starts for it to be backtested."""


@dataclass(frozen=True)
class BacktestResult:
    """Forecasts of past periods against their actuals, and the scores."""

    periods: pd.DataFrame
    """One row per scope and period: scope, period (label), start, actual,
    stage_weighted, evidence_based, p10, p50, p90."""
    scores: pd.DataFrame
    """One row per scope and method: scope, method, periods, mean_accuracy,
    mape, bias, range_coverage."""
    skipped: list[str]
    """Labels of finished periods with too little history to backtest."""


def backtest(
    book: TeamBook, as_of: dt.date | None = None, simulations: int | None = None
) -> BacktestResult:
    """Backtest every forecast method over the finished periods.

    Args:
        book: The team workbook.
        as_of: The as-of date; periods that end on or before it are
            finished. None takes the Settings date, then today.
        simulations: Simulated futures per period; None takes Settings.
    """
    settings = book.settings
    as_of = as_of or settings.effective_as_of()
    if simulations is not None:
        book = dataclasses.replace(
            book, settings=dataclasses.replace(settings, simulations=simulations)
        )

    rows: list[pd.DataFrame] = []
    skipped: list[str] = []
    for period in finished_periods(book, as_of):
        cutoff = period.start - dt.timedelta(days=1)
        if _closes_before(book, cutoff) < MIN_HISTORY_CLOSES:
            skipped.append(period.label)
            continue
        made = forecast_before(book, cutoff, period)
        rows.append(_compare(book, made, period))

    periods = pd.concat(rows, ignore_index=True) if rows else _empty_periods()
    return BacktestResult(periods=periods, scores=score(periods), skipped=skipped)


def finished_periods(book: TeamBook, as_of: dt.date) -> list[Period]:
    """Return the periods from the first deal's Created to the last finished."""
    created = pd.to_datetime(book.deals["created"]).dropna()
    if created.empty:
        return []
    settings = book.settings
    period = period_containing(
        created.min().date(), settings.period, settings.fiscal_year_start
    )
    periods = []
    while period.end <= as_of:
        periods.append(period)
        period = period.next()
    return periods


def forecast_before(book: TeamBook, cutoff: dt.date, period: Period) -> Forecast:
    """Return the forecast of ``period`` as it stood at the end of ``cutoff``."""
    earned = earned_as_of(book, cutoff)
    stages = np.array(book.stages, dtype=object)
    declared = stages[np.maximum(earned, 0)]
    deals = book.deals.assign(stage=declared)
    return forecast(dataclasses.replace(book, deals=deals), earned, cutoff, [period])


def _closes_before(book: TeamBook, cutoff: dt.date) -> int:
    closed_on = pd.to_datetime(book.deals["closed_on"])
    closed = book.deals["status"].isin(["Won", "Lost"])
    return int((closed & (closed_on <= pd.Timestamp(cutoff))).sum())


def _compare(book: TeamBook, made: Forecast, period: Period) -> pd.DataFrame:
    deals = deals_as_of(book, np.full(len(book.deals), -1), period.end)
    scopes = made.scopes
    actual = won_in_periods(deals, scopes, [period])[:, 0]
    return pd.DataFrame(
        {
            "scope": scopes,
            "period": period.label,
            "start": period.start,
            "actual": actual,
            **{
                method: [getattr(made.figures_of(scope)[0], method) for scope in scopes]
                for method in (*METHODS, "p10", "p90")
            },
        }
    )


def score(periods: pd.DataFrame) -> pd.DataFrame:
    """Return mean accuracy, MAPE, bias and P10–P90 coverage per scope and method.

    MAPE averages |actual - forecast| ÷ actual over periods with an actual
    above 0. Bias is Σ (forecast - actual) ÷ Σ actual: above 0 the method
    forecast too much. Coverage is the share of periods whose actual fell
    within P10–P90; it belongs to the range, so it is the same for every
    method of a scope.
    """
    rows = []
    for scope, group in periods.groupby("scope", sort=False):
        actual = group["actual"].to_numpy(float)
        inside = (group["p10"] <= group["actual"]) & (group["actual"] <= group["p90"])
        for method in METHODS:
            predicted = group[method].to_numpy(float)
            positive = actual > 0
            errors = np.abs(actual - predicted)[positive] / actual[positive]
            total = actual.sum()
            rows.append(
                {
                    "scope": scope,
                    "method": method,
                    "periods": len(group),
                    "mean_accuracy": float(forecast_accuracy(actual, predicted).mean()),
                    "mape": float(errors.mean()) if len(errors) else np.nan,
                    "bias": float((predicted - actual).sum() / total)
                    if total > 0
                    else np.nan,
                    "range_coverage": float(inside.mean()),
                }
            )
    return pd.DataFrame(rows, columns=_SCORE_COLUMNS)


_SCORE_COLUMNS = [
    "scope",
    "method",
    "periods",
    "mean_accuracy",
    "mape",
    "bias",
    "range_coverage",
]


def _empty_periods() -> pd.DataFrame:
    columns = ["scope", "period", "start", "actual", *METHODS, "p10", "p90"]
    return pd.DataFrame(columns=columns)
