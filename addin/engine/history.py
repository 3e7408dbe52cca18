"""Forecast history: what each refresh forecast, kept to measure accuracy.

Every refresh adds one row per scope (the team or a rep) and forecast
period, with the as-of date, every method's figure and the open pipeline by
declared stage. The pipeline is filled on the current period's row only,
because it belongs to the refresh, not to a period.

Rows are appended and never rewritten. A re-run that produces a row
identical to one already kept (same as-of date, scope, period and figures)
adds nothing. A re-run on the same day after the inputs changed adds a
second row for that day, and the accuracy of that day uses the later one.

Accuracy of a finished period is 1 - |actual - forecast| ÷ actual, clamped
at 0, with the actual won amount taken from the current Deals table.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from addin.engine.forecast import (
    TEAM_SCOPE,
    Forecast,
    deals_as_of,
    won_in_periods,
)
from addin.engine.periods import Period
from addin.model import TeamBook

METHODS = ("stage_weighted", "evidence_based", "p50")
"""Forecast figures whose accuracy is measured, in display order."""

FIGURE_COLUMNS = (
    "won_so_far",
    "stage_weighted",
    "evidence_based",
    "p10",
    "p50",
    "p90",
    "quota",
    "chance_of_quota",
    "coverage",
    "open_pipeline",
)
HISTORY_COLUMNS = (
    "as_of",
    "scope",
    "period",
    "period_start",
    "period_end",
    *FIGURE_COLUMNS,
)
"""Columns of every history row, before the pipeline columns."""

PIPELINE_PREFIX = "pipeline:"
"""Prefix of the column keys of the open amount by declared stage."""

_KEY = ["as_of", "scope", "period"]


def forecast_accuracy(actual: np.ndarray, predicted: np.ndarray) -> np.ndarray:
    """Return 1 - |actual - forecast| ÷ actual, clamped at 0.

    A period with nothing won scores 1 when 0 was forecast and 0 otherwise.
    """
    actual = np.asarray(actual, dtype=float)
    predicted = np.asarray(predicted, dtype=float)
    safe = np.where(actual > 0, actual, 1.0)
    accuracy = np.clip(1.0 - np.abs(actual - predicted) / safe, 0.0, None)
    return np.where(actual > 0, accuracy, (predicted == 0).astype(float))


def history_rows(forecast: Forecast, as_of: dt.date | None = None) -> pd.DataFrame:
    """Return the history rows of one refresh: one per scope and period."""
    as_of = as_of or forecast.as_of
    current = forecast.periods[0]
    stages = list(forecast.pipeline.columns)
    rows = []
    for figure in forecast.figures:
        row: dict[str, object] = {
            "as_of": as_of,
            "scope": figure.scope,
            "period": figure.period.label,
            "period_start": figure.period.start,
            "period_end": figure.period.end,
            "coverage": figure.coverage,
        }
        for column in FIGURE_COLUMNS:
            row.setdefault(column, getattr(figure, column))
        for stage in stages:
            is_current = figure.period == current
            amount = forecast.pipeline.loc[figure.scope, stage]
            row[PIPELINE_PREFIX + stage] = float(amount) if is_current else None
        rows.append(row)
    columns = [*HISTORY_COLUMNS, *(PIPELINE_PREFIX + stage for stage in stages)]
    return pd.DataFrame(rows, columns=columns)


def merge_history(existing: pd.DataFrame | None, new: pd.DataFrame) -> pd.DataFrame:
    """Append the new rows to the kept ones, never changing a kept row.

    A new row equal to a kept row in its key and figures (to 6 decimals) is
    skipped, so refreshing twice without changes keeps one row. Columns
    only one side has (a stage added or renamed) are kept, blank elsewhere.
    """
    if existing is None or existing.empty:
        return new.reset_index(drop=True)
    kept_signatures = set(_signatures(existing))
    fresh = [signature not in kept_signatures for signature in _signatures(new)]
    columns = list(dict.fromkeys([*existing.columns, *new.columns]))
    merged = pd.concat([existing, new[fresh]], ignore_index=True)
    return merged[columns]


def _signatures(rows: pd.DataFrame) -> list[tuple[object, ...]]:
    """Return a comparable tuple of the key and figures of each row."""
    parts = []
    for column in (*_KEY, *FIGURE_COLUMNS):
        values = rows[column] if column in rows else pd.Series(None, index=rows.index)
        if column == "as_of":
            values = pd.to_datetime(values, errors="coerce").dt.date
        elif column in FIGURE_COLUMNS:
            values = pd.to_numeric(values, errors="coerce").round(6)
        parts.append(values.astype(object).where(values.notna(), None))
    return list(zip(*parts, strict=True))


def history_accuracy(
    history: pd.DataFrame, book: TeamBook, as_of: dt.date
) -> pd.DataFrame:
    """Return the accuracy of every kept forecast of a finished period.

    One row per as-of date, scope and period that ended on or before
    ``as_of``: actual, each method's forecast and accuracy (columns
    ``<method>_accuracy``), and ``in_range`` (the actual fell within
    P10–P90).
    """
    finished = history[pd.to_datetime(history["period_end"]) <= pd.Timestamp(as_of)]
    finished = finished.drop_duplicates(_KEY, keep="last").reset_index(drop=True)
    if finished.empty:
        return pd.DataFrame(columns=_accuracy_columns())

    deals = deals_as_of(book, np.full(len(book.deals), -1), as_of)
    actual = _actuals(finished, deals)

    table = finished[["as_of", "scope", "period", *METHODS, "p10", "p90"]].copy()
    table["actual"] = actual
    for method in METHODS:
        predicted = pd.to_numeric(table[method], errors="coerce").fillna(0)
        table[f"{method}_accuracy"] = forecast_accuracy(actual, predicted.to_numpy())
    low = pd.to_numeric(table["p10"], errors="coerce")
    high = pd.to_numeric(table["p90"], errors="coerce")
    table["in_range"] = (low <= actual) & (actual <= high)
    return table[_accuracy_columns()]


def _actuals(rows: pd.DataFrame, deals: pd.DataFrame) -> np.ndarray:
    """Return the amount won by each row's scope in the row's period."""
    scopes = [TEAM_SCOPE, *sorted(set(rows["scope"]) - {TEAM_SCOPE})]
    position = {scope: index for index, scope in enumerate(scopes)}
    actual = np.zeros(len(rows))
    for (start, end), group in rows.groupby(["period_start", "period_end"]):
        period = Period("month", _date(start), _date(end))
        won = won_in_periods(deals, scopes, [period])[:, 0]
        actual[group.index] = won[[position[scope] for scope in group["scope"]]]
    return actual


def _accuracy_columns() -> list[str]:
    return [
        "as_of",
        "scope",
        "period",
        "actual",
        *METHODS,
        *(f"{method}_accuracy" for method in METHODS),
        "in_range",
    ]


def _date(value: object) -> dt.date:
    return pd.Timestamp(value).date()
