"""The Forecast sheet: the team's and each rep's forecast, stage rates, accuracy."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from addin.engine.deal_odds import NEW_DEAL_DAYS, PRIOR_DEALS, StageRate
from addin.engine.forecast import TEAM_SCOPE, Forecast, ForecastFigures
from addin.engine.history import METHODS
from addin.locale import text
from addin.model import CellValue
from addin.output import Block, Chart, Column, Highlight, OutputSheet
from addin.sheets import sheet_name

SHEET_NAME = "Forecast"

# (figure attribute, locale key of the header, format, width)
_FIGURE_COLUMNS: tuple[tuple[str, str, str, float], ...] = (
    ("won_so_far", "forecast.col.won_so_far", "amount", 13),
    ("stage_weighted", "forecast.col.stage_weighted", "amount", 14),
    ("evidence_based", "forecast.col.evidence_based", "amount", 14),
    ("new_deals", "forecast.col.new_deals", "amount", 13),
    ("p10", "forecast.col.p10", "amount", 13),
    ("p50", "forecast.col.p50", "amount", 13),
    ("p90", "forecast.col.p90", "amount", 13),
    ("quota", "forecast.col.quota", "amount", 13),
    ("chance_of_quota", "forecast.col.chance_of_quota", "percent", 10),
    ("open_pipeline", "forecast.col.open_pipeline", "amount", 13),
    ("coverage", "forecast.col.coverage", "number", 10),
)

WIN_GAP_WARNING = 0.15
"""Gap between observed and manager Win % that the sheet highlights."""


def scope_label(scope: str, language: str = "en") -> str:
    """Return how a scope is shown: the team's word, or the rep's name."""
    return text("forecast.team", language) if scope == TEAM_SCOPE else scope


def forecast_sheet(
    forecast: Forecast,
    accuracy: pd.DataFrame | None = None,
    simulations: int = 10_000,
    language: str = "en",
) -> OutputSheet:
    """Build the Forecast sheet.

    Args:
        forecast: The forecast of this refresh.
        accuracy: Accuracy of finished periods, as
            :func:`addin.engine.history.history_accuracy` returns it.
        simulations: Number of simulated futures behind the range.
        language: Language of the headers and notes.
    """
    blocks = [_team_block(forecast, simulations, language)]
    for scope in forecast.scopes[1:]:
        title = text("forecast.rep_block", language, rep=scope)
        blocks.append(_figures_block(forecast.figures_of(scope), title, language))
    blocks.append(_stage_block(forecast.stage_rates, language))
    blocks.append(_accuracy_block(accuracy, language))
    title = text("forecast.title", language, as_of=forecast.as_of.isoformat())
    return OutputSheet(
        name=sheet_name("forecast", language), title=title, blocks=blocks
    )


def _figures_block(figures: list[ForecastFigures], title: str, language: str) -> Block:
    columns = [Column(text("forecast.col.period", language), "text", 11)]
    columns += [
        Column(text(key, language), fmt, width)  # type: ignore[arg-type]
        for _, key, fmt, width in _FIGURE_COLUMNS
    ]
    rows: list[tuple[CellValue, ...]] = [
        (
            figure.period.label,
            *(_number(getattr(figure, name)) for name, *_ in _FIGURE_COLUMNS),
        )
        for figure in figures
    ]
    return Block(columns=columns, rows=rows, title=title)


def _team_block(forecast: Forecast, simulations: int, language: str) -> Block:
    block = _figures_block(
        forecast.figures_of(TEAM_SCOPE), text("forecast.team_block", language), language
    )
    block.table_name = "salesflowForecast"
    block.chart = Chart(
        kind="column",
        title=text("forecast.chart", language),
        category_column=text("forecast.col.period", language),
        value_columns=tuple(
            text(f"forecast.col.{name}", language) for name in ("p10", "p50", "p90")
        ),
    )
    block.notes = [
        text("forecast.note.stage_weighted", language),
        text(
            "forecast.note.evidence_based",
            language,
            prior=f"{PRIOR_DEALS:g}",
            days=NEW_DEAL_DAYS,
        ),
        text("forecast.note.range", language, simulations=f"{simulations:,}"),
        text("forecast.note.coverage", language),
    ]
    return block


def _stage_block(rates: list[StageRate], language: str) -> Block:
    gap_header = text("forecast.col.win_gap", language)
    columns = [
        Column(text("forecast.col.stage", language), "text", 24),
        Column(text("forecast.col.manager_win_pct", language), "percent", 12),
        Column(text("forecast.col.observed_win_rate", language), "percent", 12),
        Column(gap_header, "percent", 12),
        Column(text("forecast.col.closed_deals", language), "integer", 10),
        Column(text("forecast.col.won_deals", language), "integer", 10),
    ]
    rows: list[tuple[CellValue, ...]] = [
        (
            rate.stage or text("forecast.no_stage", language),
            rate.manager_win_pct,
            rate.observed_win_rate,
            _win_gap(rate),
            rate.closed_deals,
            rate.won_deals,
        )
        for rate in rates
    ]
    return Block(
        columns=columns,
        rows=rows,
        title=text("forecast.stage_block", language),
        table_name="salesflowStageWinRates",
        highlights=[Highlight(gap_header, "below", -WIN_GAP_WARNING, "bad")],
        notes=[text("forecast.note.stages", language)],
    )


def _win_gap(rate: StageRate) -> float | None:
    if rate.manager_win_pct is None or rate.observed_win_rate is None:
        return None
    return rate.observed_win_rate - rate.manager_win_pct


def _accuracy_block(accuracy: pd.DataFrame | None, language: str) -> Block:
    in_range_header = text("forecast.col.in_range", language)
    columns = [
        Column(text("forecast.col.as_of", language), "date", 12),
        Column(text("forecast.col.scope", language), "text", 16),
        Column(text("forecast.col.period", language), "text", 11),
        Column(text("forecast.col.actual", language), "amount", 13),
    ]
    for method in METHODS:
        columns.append(Column(text(f"forecast.col.{method}", language), "amount", 14))
        columns.append(
            Column(text(f"forecast.col.{method}_accuracy", language), "percent", 12)
        )
    columns.append(Column(in_range_header, "text", 10))

    rows = [] if accuracy is None else _accuracy_rows(accuracy, language)
    note = "forecast.note.accuracy" if rows else "forecast.note.no_accuracy"
    return Block(
        columns=columns,
        rows=rows,
        title=text("forecast.accuracy_block", language),
        table_name="salesflowForecastAccuracy" if rows else None,
        highlights=[
            Highlight(in_range_header, "equals", text("common.no", language), "warn")
        ],
        notes=[text(note, language)],
    )


def _accuracy_rows(
    accuracy: pd.DataFrame, language: str
) -> list[tuple[CellValue, ...]]:
    rows = []
    for record in accuracy.to_dict("records"):
        cells: list[CellValue] = [
            _as_date(record["as_of"]),
            scope_label(record["scope"], language),
            record["period"],
            _number(record["actual"]),
        ]
        for method in METHODS:
            cells.append(_number(record[method]))
            cells.append(_number(record[f"{method}_accuracy"]))
        yes_no = "common.yes" if record["in_range"] else "common.no"
        cells.append(text(yes_no, language))
        rows.append(tuple(cells))
    return rows


def _number(value: object) -> float | None:
    if value is None or pd.isna(value):  # type: ignore[call-overload]
        return None
    return float(value)  # type: ignore[arg-type]


def _as_date(value: object) -> dt.date | None:
    if value is None or pd.isna(value):  # type: ignore[call-overload]
        return None
    return pd.Timestamp(value).date()  # type: ignore[arg-type]
