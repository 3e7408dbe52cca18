"""Forecast of the won amount of the current period and the next two.

Three figures are given for the team and for each rep:

- **Stage-weighted**: Σ amount × the manager's Win % of the declared stage,
  over open deals expected to close in the period. An open deal with no
  Expected close, or one in a period already started, counts in the first
  forecast period (it has slipped, so the rep still expects it now).
- **Evidence-based**: Σ amount × P(won) × P(closes in the period) over open
  deals, plus what deals not created yet are expected to add, with every
  chance taken from the team's own history (see
  :mod:`addin.engine.deal_odds`).
- **Range**: P10, P50 and P90 of the period's won amount, and the chance of
  reaching quota, from simulated futures of the same deals. Each future
  draws the chances from their posteriors around the same estimates (see
  :mod:`addin.engine.simulate`).

Every figure is a total for the period: the amount won so far in it plus
what is still to come. Only information dated on or before the as-of date is
used: deals created later are left out, and deals closed later are open.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from addin.engine import deal_odds, simulate
from addin.engine.deal_odds import (
    Swing,
    WinRates,
    close_chances,
    finished_periods_before,
    new_deal_odds,
    period_swing,
    stage_rates,
    win_odds,
    win_rates,
)
from addin.engine.periods import Period, period_containing
from addin.engine.stages import NO_STAGE, collect_evidence, earned_indexes
from addin.model import TeamBook

TEAM_SCOPE = ""
"""Scope of the team's figures; every other scope is a rep's name."""

PERIODS_AHEAD = 3
"""Periods forecast: the current one and the next two."""

SEED = 20_171_231
"""Fixed part of the simulation seed; the as-of date is the other part."""


@dataclass(frozen=True)
class ForecastFigures:
    """The forecast of one scope (the team or a rep) for one period."""

    scope: str
    period: Period
    won_so_far: float
    stage_weighted: float
    evidence_based: float
    new_deals: float
    """Part of the evidence-based figure from deals not created yet."""
    p10: float
    p50: float
    p90: float
    quota: float | None
    """Quota of the period; None when the rep has no quota."""
    chance_of_quota: float | None
    open_pipeline: float
    """Amount of open deals expected to close in the period."""

    @property
    def coverage(self) -> float | None:
        """Open pipeline ÷ quota still to win; None when nothing is left."""
        if self.quota is None or self.quota - self.won_so_far <= 0:
            return None
        return self.open_pipeline / (self.quota - self.won_so_far)


@dataclass(frozen=True)
class Forecast:
    """Every forecast figure of one refresh."""

    as_of: dt.date
    periods: list[Period]
    figures: list[ForecastFigures]
    stage_rates: list[deal_odds.StageRate]
    pipeline: pd.DataFrame
    """Open amount by scope (rows, team first) and declared stage (columns)."""

    def figures_of(self, scope: str) -> list[ForecastFigures]:
        """Return the figures of one scope, in period order."""
        return [figure for figure in self.figures if figure.scope == scope]

    @property
    def scopes(self) -> list[str]:
        """Return the scopes in order: the team, then the reps."""
        return list(dict.fromkeys(figure.scope for figure in self.figures))


def forecast_periods(
    as_of: dt.date, kind: str = "month", start_month: int = 1
) -> list[Period]:
    """Return the period containing ``as_of`` and the ones after it."""
    periods = [period_containing(as_of, kind, start_month)]  # type: ignore[arg-type]
    while len(periods) < PERIODS_AHEAD:
        periods.append(periods[-1].next())
    return periods


def forecast(
    book: TeamBook,
    earned_index: Sequence[float] | np.ndarray | pd.Series,
    as_of: dt.date | None = None,
    periods: Sequence[Period] | None = None,
) -> Forecast:
    """Forecast the won amount of each period for the team and each rep.

    Args:
        book: The team workbook.
        earned_index: Earned stage index (0 = first stage, -1 = none) of
            each row of ``book.deals``, in row order, as of ``as_of``.
        as_of: The as-of date; None takes the Settings date, then today.
        periods: Periods to forecast; None takes the current one and the
            next two.
    """
    settings = book.settings
    as_of = as_of or settings.effective_as_of()
    if periods is None:
        periods = forecast_periods(as_of, settings.period, settings.fiscal_year_start)
    periods = list(periods)

    deals = deals_as_of(book, earned_index, as_of)
    scopes = forecast_scopes(book.team, deals)
    open_deals = deals[deals["status"] == "Open"].reset_index(drop=True)
    closed = deals[deals["status"] != "Open"]
    amounts = open_deals["amount"].to_numpy(float)

    rates = win_rates(book, closed)
    win = _win_spread(rates, open_deals, scopes)
    win_chances = win.odds.chances()[win.deal_cells]
    chances = win_chances[:, None] * close_chances(open_deals, deals, as_of, periods)
    new_deals = new_deal_odds(deals, rates, scopes, as_of, periods)
    won_so_far = won_in_periods(deals, scopes, periods, until=as_of)
    quotas = _quotas(book.team, scopes, periods)

    ranges = simulate.simulate_range(
        amounts=amounts,
        groups=_scope_codes(open_deals, scopes),
        chances=chances,
        base=won_so_far,
        quotas=quotas,
        simulations=settings.simulations,
        seed=[SEED, as_of.toordinal()],
        new_deals=new_deals,
        swing=_swing(deals, periods[0]),
        win=win,
    )
    expected = sum_by_scope(amounts[:, None] * chances, open_deals, scopes)
    expected_new = new_deals.expected_amount()
    in_period = _expected_in_period(open_deals, periods)
    weighted = _stage_weighted(book, open_deals)
    weighted_sum = sum_by_scope(weighted[:, None] * in_period, open_deals, scopes)
    pipeline = sum_by_scope(amounts[:, None] * in_period, open_deals, scopes)

    figures = []
    for (scope_index, scope), (period_index, period) in itertools.product(
        enumerate(scopes), enumerate(periods)
    ):
        cell = (scope_index, period_index)
        quota = quotas[cell]
        figures.append(
            ForecastFigures(
                scope=scope,
                period=period,
                won_so_far=float(won_so_far[cell]),
                stage_weighted=float(won_so_far[cell] + weighted_sum[cell]),
                evidence_based=float(
                    won_so_far[cell] + expected[cell] + expected_new[cell]
                ),
                new_deals=float(expected_new[cell]),
                p10=float(ranges.p10[cell]),
                p50=float(ranges.p50[cell]),
                p90=float(ranges.p90[cell]),
                quota=None if np.isnan(quota) else float(quota),
                chance_of_quota=_optional(ranges.chance[cell]),
                open_pipeline=float(pipeline[cell]),
            )
        )
    return Forecast(
        as_of=as_of,
        periods=periods,
        figures=figures,
        stage_rates=stage_rates(book, closed),
        pipeline=_pipeline(book, open_deals, scopes),
    )


def _swing(deals: pd.DataFrame, period: Period) -> Swing:
    """Return the swing of the team's won amount over the periods before ``period``."""
    before = finished_periods_before(period)
    won = won_in_periods(deals, [TEAM_SCOPE], before)[0]
    return period_swing(won, period.months)


def _win_spread(
    rates: WinRates, open_deals: pd.DataFrame, scopes: list[str]
) -> simulate.WinSpread:
    """Return the win-rate cells of the open deals and of each rep's new deals.

    A rep's new deals share the cell of the rep's open deals that earned no
    stage, so one drawn rate serves both in a simulated future.
    """
    reps = pd.concat(
        [open_deals["rep"], pd.Series(scopes[1:], dtype=object)], ignore_index=True
    )
    earned = np.concatenate(
        [open_deals["earned"].to_numpy(dtype=int), np.full(len(scopes) - 1, NO_STAGE)]
    )
    odds, cells = win_odds(rates, reps, earned)
    deal_count = len(open_deals)
    return simulate.WinSpread(
        odds=odds,
        deal_cells=cells[:deal_count],
        scope_cells=np.concatenate([[-1], cells[deal_count:]]),
    )


def sum_by_scope(
    values: np.ndarray, deals: pd.DataFrame, scopes: list[str]
) -> np.ndarray:
    """Return scopes × columns sums of the deals × columns ``values``.

    The team's row sums every deal; a rep's row sums the rep's deals.
    """
    codes = _scope_codes(deals, scopes)
    table = np.zeros((len(scopes), values.shape[1]))
    np.add.at(table, codes[codes > 0], values[codes > 0])
    table[0] = values.sum(axis=0)
    return table


# Deals as known on the as-of date


def earned_as_of(book: TeamBook, as_of: dt.date) -> np.ndarray:
    """Return the earned stage index of each deal row from evidence up to ``as_of``."""
    return earned_indexes(collect_evidence(book, as_of))


def deals_as_of(
    book: TeamBook,
    earned_index: Sequence[float] | np.ndarray | pd.Series,
    as_of: dt.date,
) -> pd.DataFrame:
    """Return the deals as they stood on ``as_of``, with their stage indexes.

    Deals created after ``as_of`` are left out; deals closed after it are
    open. Rows with no valid status are left out (the validator reports
    them). Amounts are in the reporting currency, unknown ones counted as 0.
    """
    source = book.deals
    cutoff = pd.Timestamp(as_of)
    stage_index = {stage: index for index, stage in enumerate(book.stages)}
    deals = pd.DataFrame(
        {
            "deal_id": source["deal_id"].astype(str).to_numpy(),
            "rep": source["rep"].astype(object).to_numpy(),
            "amount": pd.to_numeric(source["amount_rc"], errors="coerce")
            .fillna(0.0)
            .to_numpy(),
            "status": source["status"].astype(object).to_numpy(),
            "created": pd.to_datetime(source["created"]).to_numpy(),
            "expected_close": pd.to_datetime(source["expected_close"]).to_numpy(),
            "closed_on": pd.to_datetime(source["closed_on"]).to_numpy(),
            "declared": source["stage"].map(stage_index).to_numpy(dtype=float),
            "earned": np.nan_to_num(
                np.asarray(earned_index, dtype=float), nan=NO_STAGE
            ),
        }
    )
    deals = deals[deals["status"].isin(["Open", "Won", "Lost"])]
    deals = deals[~(deals["created"] > cutoff)]

    reopened = deals["closed_on"] > cutoff
    deals = deals.assign(
        status=deals["status"].where(~reopened, "Open"),
        closed_on=deals["closed_on"].where(~reopened),
    )
    deals["age"] = (cutoff - deals["created"]).dt.days.fillna(0).clip(lower=0)
    deals["duration"] = (deals["closed_on"] - deals["created"]).dt.days.clip(lower=0)
    return deals.sort_values(["deal_id"], kind="stable").reset_index(drop=True)


def forecast_scopes(team: pd.DataFrame, deals: pd.DataFrame) -> list[str]:
    """Return the team scope, then active reps in Team order, then other reps.

    A rep missing from Team, or inactive, still gets a forecast while they
    have open deals.
    """
    active = team["active"].fillna(True).astype(bool)
    reps = [str(rep) for rep in team.loc[active, "rep"].dropna()]
    holders = deals.loc[deals["status"] == "Open", "rep"].dropna().astype(str)
    others = sorted(set(holders) - set(reps))
    return [TEAM_SCOPE, *dict.fromkeys(reps), *others]


def _scope_codes(deals: pd.DataFrame, scopes: list[str]) -> np.ndarray:
    """Return each deal's rep as an index into ``scopes`` (-1 for no scope).

    ``scopes[0]`` is the team's scope, which no deal's rep is.
    """
    code = {scope: index for index, scope in enumerate(scopes) if scope}
    return deals["rep"].astype(str).map(code).fillna(-1).to_numpy(dtype=int)


# Won so far and quota


def won_in_periods(
    deals: pd.DataFrame,
    scopes: list[str],
    periods: Sequence[Period],
    until: dt.date | None = None,
) -> np.ndarray:
    """Return scopes × periods: the amount won in each period.

    Args:
        deals: Deals as returned by :func:`deals_as_of`.
        scopes: The team scope and rep names.
        periods: The periods.
        until: Last day counted; None counts each period to its end.
    """
    won = deals[deals["status"] == "Won"]
    closed_on = won["closed_on"].to_numpy(dtype="datetime64[ns]")
    in_period = np.zeros((len(won), len(periods)), dtype=bool)
    for index, period in enumerate(periods):
        last = period.end if until is None else min(period.end, until)
        in_period[:, index] = (closed_on >= np.datetime64(period.start, "ns")) & (
            closed_on <= np.datetime64(last, "ns")
        )
    amounts = won["amount"].to_numpy(float)[:, None] * in_period
    return sum_by_scope(amounts, won, scopes)


def _quotas(team: pd.DataFrame, scopes: list[str], periods: list[Period]) -> np.ndarray:
    """Return the quota of each scope and period (NaN where there is none).

    A period's quota is the monthly quota times its months; the team's is
    the sum over active reps with a quota.
    """
    active = team["active"].fillna(True).astype(bool)
    monthly = pd.to_numeric(team["monthly_quota"], errors="coerce")
    by_rep = dict(zip(team["rep"].astype(str), monthly, strict=True))
    team_quota = monthly[active].sum(min_count=1)

    table = np.full((len(scopes), len(periods)), np.nan)
    for scope_index, scope in enumerate(scopes):
        quota = team_quota if scope == TEAM_SCOPE else by_rep.get(scope, np.nan)
        for period_index, period in enumerate(periods):
            table[scope_index, period_index] = quota * period.months
    return table


def _optional(value: float) -> float | None:
    return None if np.isnan(value) else float(value)


# Stage-weighted forecast


def _expected_in_period(open_deals: pd.DataFrame, periods: list[Period]) -> np.ndarray:
    """Return open deals × periods: whether the deal is expected in the period.

    A blank Expected close, or one before the first period's end, counts in
    the first period.
    """
    expected = pd.to_datetime(open_deals["expected_close"])
    dates = expected.to_numpy(dtype="datetime64[ns]")[:, None]
    starts = np.array([period.start for period in periods], dtype="datetime64[ns]")
    ends = np.array([period.end for period in periods], dtype="datetime64[ns]")
    in_period = (dates >= starts[None, :]) & (dates <= ends[None, :])
    in_period[:, 0] |= dates[:, 0] <= ends[0]
    in_period[expected.isna().to_numpy(), 0] = True
    return in_period


def _stage_weighted(book: TeamBook, open_deals: pd.DataFrame) -> np.ndarray:
    """Return each open deal's amount × the Win % of its declared stage.

    A deal with no declared stage, or a stage without Win %, adds nothing.
    """
    win_pct = pd.to_numeric(book.process["win_pct"], errors="coerce").to_numpy()
    declared = open_deals["declared"].to_numpy()
    known = ~np.isnan(declared)
    chance = np.zeros(len(open_deals))
    chance[known] = win_pct[declared[known].astype(int)]
    return open_deals["amount"].to_numpy() * np.nan_to_num(chance)


# Pipeline by stage


def _pipeline(
    book: TeamBook, open_deals: pd.DataFrame, scopes: list[str]
) -> pd.DataFrame:
    """Return the open amount by scope and declared stage."""
    stages = book.stages
    declared = open_deals["declared"].to_numpy()[:, None]
    at_stage = declared == np.arange(len(stages))[None, :]
    amounts = open_deals["amount"].to_numpy(float)[:, None] * at_stage
    table = sum_by_scope(amounts, open_deals, scopes)
    return pd.DataFrame(table, index=scopes, columns=stages)
