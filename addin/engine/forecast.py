"""Forecast of the won amount of the current period and the next two.

Three figures are given for the team and for each rep:

- **Stage-weighted**: Σ amount × the manager's Win % of the declared stage,
  over open deals expected to close in the period. An open deal with no
  Expected close, or one in a period already started, counts in the first
  forecast period (it has slipped, so the rep still expects it now).
- **Evidence-based**: Σ amount × P(won) × P(closes in the period), where
  P(won) is the share of won deals among the team's closed deals that
  earned the same stage, the rep's own share shrunk toward the team's
  (a beta prior worth :data:`PRIOR_DEALS` deals), and P(closes in the
  period) comes from a Kaplan–Meier curve of days from Created to close in
  which open deals count as still open (censored), not as lost. The curve is
  taken given the deal's age, so an old deal whose Expected close has passed
  is neither certain to close nor dropped.
- **Range**: P10, P50 and P90 of the period's won amount, and the chance of
  reaching quota, from simulated futures of every open deal (see
  :mod:`addin.engine.simulate`).

Every figure is a total for the period: the amount won so far in it plus
what open deals add. Only information dated on or before the as-of date is
used: deals created later are left out, and deals closed later are open.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from addin.engine import simulate
from addin.engine.periods import Period, period_containing
from addin.engine.stages import collect_evidence, earned_indexes
from addin.engine.survival import SurvivalCurve, survival_curve
from addin.model import TeamBook

TEAM_SCOPE = ""
"""Scope of the team's figures; every other scope is a rep's name."""

NO_STAGE = -1
"""Earned stage index of a deal that has earned no stage."""

PRIOR_DEALS = 10.0
"""Strength of the team's win rate as a prior on a rep's, in closed deals.

A rep with 10 closed deals from a stage gets a rate halfway between their
own share and the team's; with 90 deals the rep's own share weighs 90 %.
"""

MIN_CURVE_CLOSES = 20
"""Closed deals a stage needs for its own time-to-close curve; fewer use
the curve of all deals."""

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
class StageRate:
    """A stage's Win % set by the manager beside the team's observed rate."""

    stage: str
    """Stage name; empty for deals that earned no stage."""
    manager_win_pct: float | None
    observed_win_rate: float | None
    """Share won among closed deals that earned the stage; None if none."""
    closed_deals: int
    won_deals: int


@dataclass(frozen=True)
class Forecast:
    """Every forecast figure of one refresh."""

    as_of: dt.date
    periods: list[Period]
    figures: list[ForecastFigures]
    stage_rates: list[StageRate]
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

    rates = _win_rate_tables(book, closed)
    open_deals["p_win"] = deal_win_chances(open_deals, rates)
    closes = close_chances(open_deals, deals, as_of, periods)
    weighted = _stage_weighted(book, open_deals, periods)
    expected_period = _expected_period_index(open_deals, periods)

    seed = [SEED, as_of.toordinal()]
    won_so_far = won_in_periods(deals, scopes, periods, until=as_of)
    quotas = _quotas(book.team, scopes, periods)
    ranges = simulate.simulate_range(
        amounts=open_deals["amount"].to_numpy(float),
        groups=_scope_codes(open_deals, scopes),
        chances=open_deals["p_win"].to_numpy(float)[:, None] * closes,
        base=won_so_far,
        quotas=quotas,
        simulations=settings.simulations,
        seed=seed,
    )
    evidence_added = (
        open_deals["amount"].to_numpy(float)[:, None]
        * closes
        * (open_deals["p_win"].to_numpy(float)[:, None])
    )

    figures = []
    for scope_index, scope in enumerate(scopes):
        mask = _scope_mask(open_deals, scope)
        for period_index, period in enumerate(periods):
            in_period = mask & (expected_period == period_index)
            base = won_so_far[scope_index, period_index]
            quota = quotas[scope_index, period_index]
            figures.append(
                ForecastFigures(
                    scope=scope,
                    period=period,
                    won_so_far=float(base),
                    stage_weighted=float(base + weighted[in_period].sum()),
                    evidence_based=float(
                        base + evidence_added[mask, period_index].sum()
                    ),
                    p10=float(ranges.p10[scope_index, period_index]),
                    p50=float(ranges.p50[scope_index, period_index]),
                    p90=float(ranges.p90[scope_index, period_index]),
                    quota=None if np.isnan(quota) else float(quota),
                    chance_of_quota=_optional(ranges.chance[scope_index, period_index]),
                    open_pipeline=float(open_deals.loc[in_period, "amount"].sum()),
                )
            )
    return Forecast(
        as_of=as_of,
        periods=periods,
        figures=figures,
        stage_rates=stage_rates(book, closed),
        pipeline=_pipeline(book, open_deals, scopes),
    )


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


def _scope_mask(deals: pd.DataFrame, scope: str) -> np.ndarray:
    if scope == TEAM_SCOPE:
        return np.ones(len(deals), dtype=bool)
    return (deals["rep"].astype(str) == scope).to_numpy()


def _scope_codes(deals: pd.DataFrame, scopes: list[str]) -> np.ndarray:
    """Return each deal's rep as an index into ``scopes`` (-1 for no scope)."""
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
    table = np.zeros((len(scopes), len(periods)))
    for period_index, period in enumerate(periods):
        last = period.end if until is None else min(period.end, until)
        closed_in = (
            won["closed_on"]
            .between(pd.Timestamp(period.start), pd.Timestamp(last))
            .to_numpy()
        )
        for scope_index, scope in enumerate(scopes):
            mask = _scope_mask(won, scope) & closed_in
            table[scope_index, period_index] = won.loc[mask, "amount"].sum()
    return table


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


def _expected_period_index(
    open_deals: pd.DataFrame, periods: list[Period]
) -> np.ndarray:
    """Return the forecast period each open deal is expected in (-1: later).

    A blank Expected close, or one before the first period's end, counts in
    the first period.
    """
    index = np.full(len(open_deals), -1)
    expected = open_deals["expected_close"]
    for period_index in reversed(range(len(periods))):
        end = pd.Timestamp(periods[period_index].end)
        index[(expected <= end).to_numpy()] = period_index
    index[expected.isna().to_numpy()] = 0
    return index


def _stage_weighted(
    book: TeamBook, open_deals: pd.DataFrame, periods: list[Period]
) -> np.ndarray:
    """Return each open deal's amount × the Win % of its declared stage.

    A deal with no declared stage, or a stage without Win %, adds nothing.
    """
    win_pct = pd.to_numeric(book.process["win_pct"], errors="coerce").to_numpy()
    declared = open_deals["declared"].to_numpy()
    known = ~np.isnan(declared)
    chance = np.zeros(len(open_deals))
    chance[known] = win_pct[declared[known].astype(int)]
    return open_deals["amount"].to_numpy() * np.nan_to_num(chance)


# Evidence-based forecast: chance to be won


@dataclass(frozen=True)
class _WinRates:
    """Win rates by earned stage: the team's and each rep's counts."""

    team: np.ndarray
    """Team win rate by stage; position 0 is "no stage", k + 1 is stage k."""
    rep_won: pd.DataFrame
    """Won deals by rep (rows) and stage position (columns)."""
    rep_closed: pd.DataFrame


def _reached_matrix(earned: np.ndarray, stage_count: int) -> np.ndarray:
    """Return deals × stage positions: whether the deal reached that stage.

    Position 0 ("no stage") is reached by every deal.
    """
    positions = np.arange(stage_count + 1) - 1
    return earned[:, None] >= positions[None, :]


def _win_rate_tables(book: TeamBook, closed: pd.DataFrame) -> _WinRates:
    stage_count = len(book.stages)
    reached = _reached_matrix(closed["earned"].to_numpy(), stage_count)
    won = (closed["status"] == "Won").to_numpy()[:, None] & reached
    closed_count = reached.sum(axis=0)
    won_count = won.sum(axis=0)

    manager = pd.to_numeric(book.process["win_pct"], errors="coerce").to_numpy()
    fallback = np.concatenate([[np.nan], manager])
    overall = won_count[0] / closed_count[0] if closed_count[0] else np.nan
    fallback = np.where(np.isnan(fallback), overall, fallback)
    with np.errstate(invalid="ignore", divide="ignore"):
        team = np.where(closed_count > 0, won_count / closed_count, fallback)

    reps = closed["rep"].astype(str).to_numpy()
    rep_won = pd.DataFrame(won).groupby(reps).sum()
    rep_closed = pd.DataFrame(reached).groupby(reps).sum()
    return _WinRates(np.nan_to_num(team), rep_won, rep_closed)


def deal_win_chances(open_deals: pd.DataFrame, rates: _WinRates) -> np.ndarray:
    """Return each open deal's chance to be won, from its earned stage.

    The chance is the rep's won share from that stage with the team's rate
    added as :data:`PRIOR_DEALS` pseudo-deals.
    """
    position = open_deals["earned"].to_numpy(dtype=int) + 1
    prior = rates.team[position]
    reps = open_deals["rep"].astype(str)
    won = rates.rep_won.reindex(reps).fillna(0).to_numpy()
    closed = rates.rep_closed.reindex(reps).fillna(0).to_numpy()
    rows = np.arange(len(open_deals))
    won_here = won[rows, position] if len(rows) else np.zeros(0)
    closed_here = closed[rows, position] if len(rows) else np.zeros(0)
    return (won_here + PRIOR_DEALS * prior) / (closed_here + PRIOR_DEALS)


def stage_rates(book: TeamBook, closed: pd.DataFrame) -> list[StageRate]:
    """Return each stage's manager Win % beside the team's observed rate."""
    stage_count = len(book.stages)
    reached = _reached_matrix(closed["earned"].to_numpy(), stage_count)
    won = (closed["status"] == "Won").to_numpy()[:, None] & reached
    manager = pd.to_numeric(book.process["win_pct"], errors="coerce").tolist()

    rows = []
    for position, stage in enumerate(["", *book.stages]):
        closed_count = int(reached[:, position].sum())
        won_count = int(won[:, position].sum())
        manager_pct = manager[position - 1] if position else None
        rows.append(
            StageRate(
                stage=stage,
                manager_win_pct=_optional(manager_pct) if position else None,
                observed_win_rate=won_count / closed_count if closed_count else None,
                closed_deals=closed_count,
                won_deals=won_count,
            )
        )
    return rows


# Evidence-based forecast: chance to close in each period


def close_chances(
    open_deals: pd.DataFrame,
    deals: pd.DataFrame,
    as_of: dt.date,
    periods: Sequence[Period],
) -> np.ndarray:
    """Return open deals × periods: the chance the deal closes in the period.

    Each deal uses the time-to-close curve of the deals that reached its
    earned stage (closed ones as events, open ones censored at their age),
    or the curve of all deals when fewer than :data:`MIN_CURVE_CLOSES` of
    them closed. The chance is conditional on the deal being open at its
    age today.
    """
    curves = _stage_curves(deals)
    chances = np.zeros((len(open_deals), len(periods)))
    earned = open_deals["earned"].to_numpy(dtype=int)
    age = open_deals["age"].to_numpy(float)
    windows = [_days_window(as_of, period) for period in periods]

    for stage, curve in curves.items():
        mask = earned == stage
        for period_index, (first, last) in enumerate(windows):
            chances[mask, period_index] = curve.close_within(age[mask], first, last)
    return np.clip(chances, 0.0, 1.0)


def _days_window(as_of: dt.date, period: Period) -> tuple[int, int]:
    """Return (first, last] days after ``as_of`` in which a close falls in the period."""
    first = max((period.start - as_of).days - 1, 0)
    last = max((period.end - as_of).days, 0)
    return first, last


def _stage_curves(deals: pd.DataFrame) -> dict[int, SurvivalCurve]:
    """Return a time-to-close curve for each earned stage held by an open deal."""
    closed = (deals["status"] != "Open").to_numpy()
    days = np.where(closed, deals["duration"].fillna(0), deals["age"]).astype(float)
    all_deals = survival_curve(days, closed)

    earned = deals["earned"].to_numpy(dtype=int)
    held = np.unique(earned[~closed])
    curves = {}
    for stage in held:
        reached = earned >= stage
        if (reached & closed).sum() >= MIN_CURVE_CLOSES:
            curves[int(stage)] = survival_curve(days[reached], closed[reached])
        else:
            curves[int(stage)] = all_deals
    return curves


# Pipeline by stage


def _pipeline(
    book: TeamBook, open_deals: pd.DataFrame, scopes: list[str]
) -> pd.DataFrame:
    """Return the open amount by scope and declared stage."""
    stages = book.stages
    table = pd.DataFrame(0.0, index=scopes, columns=stages)
    declared = open_deals["declared"]
    for scope in scopes:
        mask = _scope_mask(open_deals, scope)
        for index, stage in enumerate(stages):
            table.loc[scope, stage] = open_deals.loc[
                mask & (declared == index).to_numpy(), "amount"
            ].sum()
    return table
