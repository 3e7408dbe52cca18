"""The figures of the monthly report, taken from the engine's results.

Nothing here does sales arithmetic of its own: scores, won classes, the
funnel, diagnoses, scorecard, commissions and forecasts all come from
:mod:`addin.engine`. This module picks the report month's rows out of
them and groups them per page.

The report month's figures are computed as of the month's last day, or as
of the workbook's as-of date (Settings, else today) when that date falls
inside the month. A month that starts after the workbook's as-of date, or
in which no deal was created, open or closed, has nothing to report.
The Settings period does not matter: the report always covers one month.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from addin.engine.backtest import MIN_HISTORY_CLOSES, forecast_before
from addin.engine.commission import deal_commissions
from addin.engine.forecast import TEAM_SCOPE, Forecast, ForecastFigures, forecast
from addin.engine.history import METHODS, forecast_accuracy, history_accuracy
from addin.engine.periods import Period, period_containing
from addin.engine.score import WON_CLASSES
from addin.engine.scorecard import SCORECARD_COLUMNS, ProcessReview, review_process
from addin.engine.stages import audit_stages
from addin.errors import SalesflowError
from addin.locale import text
from addin.model import Issue, TeamBook

_MONTH_PATTERN = re.compile(r"(\d{4})-(\d{2})")

# Every scorecard figure between the rep's name and the coaching notes.
RESULT_FIGURES = SCORECARD_COLUMNS[1:-1]
"""Scorecard columns the report shows for the team and each rep."""


class ReportMonthError(SalesflowError):
    """The report month is not a month written as YYYY-MM."""

    exit_code = 2


class EmptyMonthError(SalesflowError):
    """The report month has no data: no deal was created, open or closed in it."""

    exit_code = 1


def parse_month(value: str | Period, language: str = "en") -> Period:
    """Return the calendar month written as ``YYYY-MM``.

    Raises:
        ReportMonthError: ``value`` is not a valid month, e.g. ``2026-13``.
    """
    if isinstance(value, Period):
        return value
    match = _MONTH_PATTERN.fullmatch(str(value).strip())
    if match is None or not 1 <= int(match.group(2)) <= 12:
        raise ReportMonthError(text("report.error.month", language, value=value))
    return period_containing(dt.date(int(match.group(1)), int(match.group(2)), 1))


def report_as_of(month: Period, book_as_of: dt.date, language: str = "en") -> dt.date:
    """Return the date the report's figures are computed as of.

    That is the month's last day, or ``book_as_of`` when it falls inside
    the month.

    Raises:
        EmptyMonthError: The month starts after ``book_as_of``, so the
            workbook has no data about it yet.
    """
    if month.start > book_as_of:
        raise EmptyMonthError(
            text(
                "report.error.future",
                language,
                month=month.label,
                as_of=book_as_of.isoformat(),
            )
        )
    return min(month.end, book_as_of)


def require_month_data(book: TeamBook, month: Period, as_of: dt.date) -> None:
    """Check that some deal was created, open or closed in the month.

    A deal counts when it was created on or before ``as_of`` (or has no
    Created date) and was not closed before the month started.

    Raises:
        EmptyMonthError: No deal touches the month; the message names the
            range of Created dates in the workbook.
    """
    deals = book.deals
    created = pd.to_datetime(deals["created"], errors="coerce")
    closed_on = pd.to_datetime(deals["closed_on"], errors="coerce")
    closed = deals["status"].isin(["Won", "Lost"])
    known = created.isna() | (created <= pd.Timestamp(as_of))
    closed_before = closed & (closed_on < pd.Timestamp(month.start))
    if (known & ~closed_before).any():
        return
    language = book.settings.language
    if created.notna().any():
        message = text(
            "report.error.empty",
            language,
            month=month.label,
            first=created.min().date().isoformat(),
            last=created.max().date().isoformat(),
        )
    else:
        message = text("report.error.no_deals", language, month=month.label)
    raise EmptyMonthError(message)


@dataclass(frozen=True)
class ForecastCheck:
    """Accuracy of the team's forecast of the report month against its won amount.

    ``source`` is ``history`` when a refresh before the month stored the
    forecast in the History sheet. It is ``rebuilt`` when the backtest
    rebuilt it from the data dated before the month, and ``none`` when
    neither is possible. Then ``reason`` is the locale key of the
    explanation.
    """

    source: Literal["history", "rebuilt", "none"]
    made_on: dt.date | None = None
    actual: float = float("nan")
    forecasts: dict[str, float] = dataclasses.field(default_factory=dict)
    """Figure of each method of :data:`METHODS`, and ``p10`` and ``p90``."""
    accuracy: dict[str, float] = dataclasses.field(default_factory=dict)
    in_range: bool | None = None
    reason: str = ""


@dataclass(frozen=True)
class ForecastBar:
    """One period of the forecast chart: the range, the quota and what was won."""

    label: str
    p10: float
    p50: float
    p90: float
    quota: float | None
    won: float | None
    """Won amount of the report month; None for months still to come."""


@dataclass(frozen=True)
class RepPage:
    """Everything one rep's page shows."""

    rep: str
    results: dict[str, float]
    """The rep's scorecard figures, keyed by :data:`RESULT_FIGURES`."""
    notes: list[str]
    """Coaching notes of the scorecard."""
    diagnoses: list[str]
    """Sentences of the rep's shape diagnoses."""
    funnel: pd.DataFrame
    """The rep's funnel rows with the team's norm beside each figure."""
    stuck: pd.DataFrame
    """Open deals stuck past their stage's Max days, with the next step."""
    won: pd.DataFrame
    """Deals won in the month, with score, class and skipped stages."""
    commissions: pd.DataFrame
    """The commission statement: one row per deal won in the month."""

    def commission_totals(self) -> dict[str, float]:
        """Return the statement's totals of amount and both commissions.

        As on the Scorecard, no win totals 0, and a win without a known
        commission rate leaves the commission totals blank (NaN).
        """
        count = len(self.commissions)
        return {
            column: float(self.commissions[column].sum(min_count=count))
            for column in ("amount_rc", "by_result", "by_process")
        }


@dataclass(frozen=True)
class MonthlyReport:
    """The monthly report of a team: the summary and one page per rep."""

    month: Period
    as_of: dt.date
    currency: str
    language: str
    team: dict[str, float]
    """The team's scorecard figures, keyed by :data:`RESULT_FIGURES`."""
    diagnoses: list[str]
    """Sentences of the team's shape diagnoses."""
    funnel: pd.DataFrame
    """The team's funnel, one row per stage."""
    won_by_class: pd.DataFrame
    """Won amount of the month per rep (rows) and won class (columns)."""
    forecast_check: ForecastCheck
    forecast_bars: list[ForecastBar]
    errors: int
    warnings: int
    reps: list[RepPage]


def monthly_report(
    book: TeamBook,
    issues: Sequence[Issue],
    month: Period,
    history: pd.DataFrame | None = None,
    first_seen: pd.Series | None = None,
    as_of: dt.date | None = None,
) -> MonthlyReport:
    """Compute every figure of the monthly report.

    Args:
        book: The validated team workbook.
        issues: The input issues found while reading and validating it.
        month: The report month.
        history: Rows of the History sheet of earlier refreshes, if any.
        first_seen: First-seen date of each Evidence row, as refresh uses
            it to find back-filled evidence; None treats none as back-filled.
        as_of: The workbook's as-of date; None takes Settings, then today.

    Raises:
        EmptyMonthError: The month has nothing to report.
    """
    settings = dataclasses.replace(book.settings, period="month")
    book = dataclasses.replace(book, settings=settings)
    language = settings.language
    as_of = report_as_of(month, as_of or settings.effective_as_of(), language)
    require_month_data(book, month, as_of)

    stage_audit = audit_stages(book, as_of)
    review = review_process(book, as_of, first_seen, stage_audit["stuck"].to_numpy())
    outlook = forecast(book, stage_audit["earned_index"], as_of)
    won = _won_in_month(review, month, as_of)
    team = _scorecard_figures(review.scorecard, None)
    check = forecast_check(book, month, as_of, team["won"], history)

    return MonthlyReport(
        month=month,
        as_of=as_of,
        currency=settings.reporting_currency,
        language=language,
        team=team,
        diagnoses=[d.sentence for d in review.diagnoses if d.rep is None],
        funnel=review.funnel[review.funnel["rep"].isna()].reset_index(drop=True),
        won_by_class=won_by_class(won, review.reps),
        forecast_check=check,
        forecast_bars=forecast_bars(outlook, month, check),
        errors=sum(issue.severity == "error" for issue in issues),
        warnings=sum(issue.severity != "error" for issue in issues),
        reps=_rep_pages(book, review, stage_audit, won),
    )


def _won_in_month(review: ProcessReview, month: Period, as_of: dt.date) -> pd.DataFrame:
    """Return the audit rows of the deals won from the month's start to ``as_of``.

    The selection is the scorecard's, so the statement adds up to its
    commissions.
    """
    deals = review.audit.deals
    closed_on = pd.to_datetime(deals["closed_on"])
    selected = (
        deals["in_view"].to_numpy(dtype=bool)
        & (deals["status"] == "Won").to_numpy()
        & closed_on.between(pd.Timestamp(month.start), pd.Timestamp(as_of)).to_numpy()
    )
    return deals.loc[selected]


def _scorecard_figures(scorecard: pd.DataFrame, rep: str | None) -> dict[str, float]:
    rows = (
        scorecard[scorecard["rep"].isna()]
        if rep is None
        else scorecard[scorecard["rep"] == rep]
    )
    record = rows.iloc[0]
    return {name: float(record[name]) for name in RESULT_FIGURES}


def won_by_class(won: pd.DataFrame, reps: Sequence[str]) -> pd.DataFrame:
    """Return the won amount per rep (rows, in ``reps`` order) and won class."""
    table = won.pivot_table(
        index="rep",
        columns="won_class",
        values="amount_rc",
        aggfunc="sum",
        fill_value=0.0,
    )
    return table.reindex(index=list(reps), columns=list(WON_CLASSES), fill_value=0.0)


def forecast_check(
    book: TeamBook,
    month: Period,
    as_of: dt.date,
    actual: float,
    history: pd.DataFrame | None = None,
) -> ForecastCheck:
    """Compare the team's forecast of ``month``, made before it began, with ``actual``.

    The forecast is the latest one History contains from a refresh dated
    before the month's first day. Without one, the backtest rebuilds it
    from the deals, evidence and closes dated before that day, when at
    least :data:`MIN_HISTORY_CLOSES` deals had closed by then.
    """
    if as_of < month.end:
        return ForecastCheck("none", reason="report.accuracy.unfinished")
    kept = _kept_forecast(history, month)
    if kept is not None:
        return _check_from_history(kept, book, as_of)

    cutoff = month.start - dt.timedelta(days=1)
    if _closes_before(book, cutoff) < MIN_HISTORY_CLOSES:
        return ForecastCheck("none", reason="report.accuracy.too_little_history")
    made = forecast_before(book, cutoff, month).figures_of(TEAM_SCOPE)[0]
    forecasts = {name: getattr(made, name) for name in (*METHODS, "p10", "p90")}
    return ForecastCheck(
        "rebuilt",
        made_on=cutoff,
        actual=actual,
        forecasts=forecasts,
        accuracy=_accuracy(actual, forecasts),
        in_range=made.p10 <= actual <= made.p90,
    )


def _kept_forecast(history: pd.DataFrame | None, month: Period) -> pd.DataFrame | None:
    """Return History's last team row for ``month`` dated before it began."""
    if history is None or history.empty:
        return None
    made_on = pd.to_datetime(history["as_of"], errors="coerce")
    rows = history[
        (history["scope"] == TEAM_SCOPE)
        & (history["period"].astype(str) == month.label)
        & (made_on < pd.Timestamp(month.start)).to_numpy()
    ]
    if rows.empty:
        return None
    latest = pd.to_datetime(rows["as_of"]).to_numpy().argmax()
    return rows.iloc[[latest]]


def _check_from_history(
    kept: pd.DataFrame, book: TeamBook, as_of: dt.date
) -> ForecastCheck:
    row = history_accuracy(kept, book, as_of).iloc[0]
    figures = kept.iloc[0]
    return ForecastCheck(
        "history",
        made_on=pd.Timestamp(row["as_of"]).date(),
        actual=float(row["actual"]),
        forecasts={name: float(figures[name]) for name in (*METHODS, "p10", "p90")},
        accuracy={method: float(row[f"{method}_accuracy"]) for method in METHODS},
        in_range=bool(row["in_range"]),
    )


def _accuracy(actual: float, forecasts: dict[str, float]) -> dict[str, float]:
    return {
        method: float(
            forecast_accuracy(np.array([actual]), np.array([forecasts[method]]))[0]
        )
        for method in METHODS
    }


def _closes_before(book: TeamBook, cutoff: dt.date) -> int:
    closed_on = pd.to_datetime(book.deals["closed_on"], errors="coerce")
    closed = book.deals["status"].isin(["Won", "Lost"])
    return int((closed & (closed_on <= pd.Timestamp(cutoff))).sum())


def forecast_bars(
    outlook: Forecast, month: Period, check: ForecastCheck
) -> list[ForecastBar]:
    """Return the team's forecast range per period for the chart.

    The report month comes first. Its range is the forecast made before
    the month when ``check`` has one, else the forecast as of the report
    date. The next months follow, as forecast on the report date.
    """
    figures = outlook.figures_of(TEAM_SCOPE)
    current = figures[0]
    bars = []
    if check.source != "none":
        label = f"{month.label} ({check.made_on.isoformat()})"  # type: ignore[union-attr]
        bars.append(
            ForecastBar(
                label,
                check.forecasts["p10"],
                check.forecasts["p50"],
                check.forecasts["p90"],
                current.quota,
                check.actual,
            )
        )
    else:
        bars.append(_bar(current, current.won_so_far))
    bars += [_bar(figure, None) for figure in figures[1:]]
    return bars


def _bar(figure: ForecastFigures, won: float | None) -> ForecastBar:
    return ForecastBar(
        figure.period.label, figure.p10, figure.p50, figure.p90, figure.quota, won
    )


# Columns of a rep page's won deals, in the order the report shows them.
WON_COLUMNS = (
    "deal_id",
    "customer",
    "closed_on",
    "amount_rc",
    "score",
    "won_class",
    "skipped_stages",
)


def _rep_pages(
    book: TeamBook,
    review: ProcessReview,
    stage_audit: pd.DataFrame,
    won: pd.DataFrame,
) -> list[RepPage]:
    """Return one page per rep, splitting each table by rep once."""
    # Audit rows are numbered by their position in the Deals table.
    customers = book.deals["customer"].to_numpy()[won.index.to_numpy()]
    won = won.assign(customer=customers).sort_values("closed_on", kind="stable")
    won_by = _split_by_rep(won[[*WON_COLUMNS, "rep"]])
    statement_by = _split_by_rep(commission_statement(won, book))
    stuck_by = _split_by_rep(_stuck_deals(book, review, stage_audit))
    funnel_by = _split_by_rep(review.funnel)
    notes_by = review.scorecard.dropna(subset=["rep"]).set_index("rep")["notes"]

    pages = []
    for rep in review.reps:
        pages.append(
            RepPage(
                rep=rep,
                results=_scorecard_figures(review.scorecard, rep),
                notes=list(notes_by.get(rep, [])),
                diagnoses=[d.sentence for d in review.diagnoses if d.rep == rep],
                funnel=funnel_by(rep),
                stuck=stuck_by(rep).drop(columns="rep"),
                won=won_by(rep)[list(WON_COLUMNS)],
                commissions=statement_by(rep),
            )
        )
    return pages


def _split_by_rep(table: pd.DataFrame) -> Callable[[str], pd.DataFrame]:
    """Return a lookup of each rep's rows of ``table``, renumbered from 0."""
    groups = dict(list(table.groupby("rep", sort=False)))
    empty = table.iloc[:0]

    def rows_of(rep: str) -> pd.DataFrame:
        return groups.get(rep, empty).reset_index(drop=True)

    return rows_of


def commission_statement(won: pd.DataFrame, book: TeamBook) -> pd.DataFrame:
    """Return the commission of each won deal with its customer, in close order."""
    statement = deal_commissions(won, book.team, book.settings.curve)
    statement.insert(1, "customer", won["customer"])
    statement = statement.sort_values(["closed_on", "deal_id"], kind="stable")
    return statement.reset_index(drop=True)


def _stuck_deals(
    book: TeamBook, review: ProcessReview, stage_audit: pd.DataFrame
) -> pd.DataFrame:
    """Return every open deal stuck past its stage's Max days, longest first."""
    deals = review.audit.deals
    selected = deals["in_view"].to_numpy(dtype=bool) & stage_audit["stuck"].to_numpy(
        dtype=bool
    )
    earned = stage_audit.loc[selected, "earned_index"].to_numpy()
    stuck = pd.DataFrame(
        {
            "rep": deals.loc[selected, "rep"].to_numpy(),
            "deal_id": deals.loc[selected, "deal_id"].to_numpy(),
            "customer": book.deals.loc[selected, "customer"].to_numpy(),
            "amount_rc": deals.loc[selected, "amount_rc"].to_numpy(),
            "stage": stage_audit.loc[selected, "earned_stage"].to_numpy(),
            "days_in_stage": stage_audit.loc[selected, "days_in_stage"].to_numpy(),
            "max_days": review.audit.max_days[earned] if len(earned) else [],
            "next_step": stage_audit.loc[selected, "next_step"].to_numpy(),
        }
    )
    return stuck.sort_values("days_in_stage", ascending=False, kind="stable")
