"""The chances behind the evidence-based forecast, from the team's own history.

- **To be won**: of the closed deals that earned a stage, the share won.
  A rep's own share is shrunk toward the team's with a beta prior worth
  :data:`PRIOR_DEALS` closed deals, so a rep with few deals gets nearly the
  team's rate and a rep with many gets their own.
- **To close in a period**: a Kaplan–Meier curve of days from Created to
  close (see :mod:`addin.engine.survival`), taken given the deal's age, so
  an old deal whose Expected close has passed is neither certain to close
  nor dropped. Each earned stage uses the curve of the deals that reached
  it, when enough of them closed.
- **Swing of a period**: closes bunch up, so whole periods run above or
  below the sum of independent deals. Each simulated period gets one
  factor, log-normal with the spread of the log of the team's won amount
  over the last :data:`SWING_PERIODS` finished periods, shared by every
  deal and rep.
- **New deals**: deals not created yet also close within the period. Each
  rep keeps creating deals at the rate of the last :data:`NEW_DEAL_DAYS`
  days, with the amount of those deals, and wins them with the rep's rate
  from no stage, on the time-to-close curve of all deals.

Deal tables here are the ones :func:`addin.engine.forecast.deals_as_of`
returns: one row per deal with rep, amount, status, earned stage index,
age and duration in days.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from addin.engine.periods import Period
from addin.engine.survival import SurvivalCurve, survival_curve
from addin.model import TeamBook

PRIOR_DEALS = 10.0
"""Strength of the team's win rate as a prior on a rep's, in closed deals.

A rep with 10 closed deals from a stage gets a rate halfway between their
own share and the team's. With 90 deals, the rep's own share weighs 90 %.
"""

MIN_CURVE_CLOSES = 20
"""Closed deals a stage needs for its own time-to-close curve; fewer use
the curve of all deals."""


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


# Chance to be won


@dataclass(frozen=True)
class WinRates:
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


def win_rates(book: TeamBook, closed: pd.DataFrame) -> WinRates:
    """Count won and closed deals by earned stage, for the team and each rep.

    A stage no closed deal reached takes the manager's Win %, or the team's
    overall won share when that is blank.
    """
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
    return WinRates(np.nan_to_num(team), rep_won, rep_closed)


def deal_win_chances(open_deals: pd.DataFrame, rates: WinRates) -> np.ndarray:
    """Return each open deal's chance to be won, from its earned stage."""
    return rep_win_chances(
        rates, open_deals["rep"], open_deals["earned"].to_numpy(dtype=int)
    )


def rep_win_chances(rates: WinRates, reps: pd.Series, earned: np.ndarray) -> np.ndarray:
    """Return the win chance of a rep's deal at each earned stage index.

    The chance is the rep's won share from that stage with the team's rate
    added as :data:`PRIOR_DEALS` pseudo-deals.
    """
    position = earned + 1
    prior = rates.team[position]
    names = reps.astype(str)
    won = rates.rep_won.reindex(names).fillna(0).to_numpy()
    closed = rates.rep_closed.reindex(names).fillna(0).to_numpy()
    rows = np.arange(len(names))
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
        manager_pct = manager[position - 1] if position else np.nan
        rows.append(
            StageRate(
                stage=stage,
                manager_win_pct=None if pd.isna(manager_pct) else float(manager_pct),
                observed_win_rate=won_count / closed_count if closed_count else None,
                closed_deals=closed_count,
                won_deals=won_count,
            )
        )
    return rows


# Chance to close in each period


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


def all_deals_curve(deals: pd.DataFrame) -> SurvivalCurve:
    """Return the time-to-close curve of every deal, open ones censored."""
    closed = (deals["status"] != "Open").to_numpy()
    return survival_curve(_curve_days(deals, closed), closed)


def _curve_days(deals: pd.DataFrame, closed: np.ndarray) -> np.ndarray:
    """Return days to close of closed deals and the age of open ones."""
    return np.where(closed, deals["duration"].fillna(0), deals["age"]).astype(float)


def _stage_curves(deals: pd.DataFrame) -> dict[int, SurvivalCurve]:
    """Return a time-to-close curve for each earned stage held by an open deal."""
    closed = (deals["status"] != "Open").to_numpy()
    days = _curve_days(deals, closed)
    all_deals = all_deals_curve(deals)

    earned = deals["earned"].to_numpy(dtype=int)
    open_stages = np.unique(earned[~closed])
    curves = {}
    for stage in open_stages:
        reached = earned >= stage
        if (reached & closed).sum() >= MIN_CURVE_CLOSES:
            curves[int(stage)] = survival_curve(days[reached], closed[reached])
        else:
            curves[int(stage)] = all_deals
    return curves


# Deals not created yet


NEW_DEAL_DAYS = 90
"""Days before the as-of date whose new deals set each rep's creation rate."""


@dataclass(frozen=True)
class NewDeals:
    """What deals created after the as-of date add, by scope and period.

    The team's row (scope 0) contains zeros, because the team's new deals
    are the sum of its reps' ones.
    """

    expected_wins: np.ndarray
    """Scopes × periods: expected number of new deals won in the period."""
    mean_amount: np.ndarray
    """Mean amount of each scope's recent deals."""
    amount_sd: np.ndarray
    """Standard deviation of the amount of each scope's recent deals."""

    def expected_amount(self) -> np.ndarray:
        """Return scopes × periods: the expected amount won from new deals."""
        amount = self.expected_wins * self.mean_amount[:, None]
        amount[0] = amount[1:].sum(axis=0)
        return amount


def new_deal_odds(
    deals: pd.DataFrame,
    rates: WinRates,
    scopes: Sequence[str],
    as_of: dt.date,
    periods: Sequence[Period],
) -> NewDeals:
    """Estimate the deals each rep will create and win within each period.

    Args:
        deals: Deals as of ``as_of``.
        rates: Win rates from the closed deals.
        scopes: The team scope first, then rep names.
        as_of: The as-of date.
        periods: The forecast periods.
    """
    cutoff = pd.Timestamp(as_of)
    created = deals["created"]
    # Days from the first Created to the as-of date, both included.
    history = (cutoff - created.min()).days + 1 if created.notna().any() else 0
    window = min(NEW_DEAL_DAYS, max(history, 0))
    shape = (len(scopes), len(periods))
    odds = NewDeals(np.zeros(shape), np.zeros(len(scopes)), np.zeros(len(scopes)))
    if window == 0:
        return odds

    recent = deals[created > cutoff - pd.Timedelta(days=window)]
    closes = _closes_per_daily_deal(all_deals_curve(deals), as_of, periods)
    reps = pd.Series(list(scopes[1:]), dtype=object)
    win = rep_win_chances(rates, reps, np.zeros(len(reps), dtype=int))
    for index, rep in enumerate(reps, start=1):
        mine = recent.loc[recent["rep"].astype(str) == rep, "amount"]
        if mine.empty:
            continue
        odds.expected_wins[index] = len(mine) / window * win[index - 1] * closes
        odds.mean_amount[index] = mine.mean()
        odds.amount_sd[index] = mine.std(ddof=0)
    return odds


def _closes_per_daily_deal(
    curve: SurvivalCurve, as_of: dt.date, periods: Sequence[Period]
) -> np.ndarray:
    """Return, per period, the closes expected in it from one deal a day.

    One deal is created on each day from the day after ``as_of`` to the
    period's end. A deal created on day d closes in the period when its
    days to close, counted from d, reach the period's start but not past
    its end.
    """
    closes = np.zeros(len(periods))
    for index, period in enumerate(periods):
        days_to_end = (period.end - as_of).days
        created = np.arange(1, days_to_end + 1)
        start = np.maximum((period.start - as_of).days - created, 0)
        end = days_to_end - created
        # Days to close are whole numbers: P(T >= a) is S(a - 0.5).
        closes[index] = (curve.survival(start - 0.5) - curve.survival(end)).sum()
    return closes


# Swing of whole periods


SWING_PERIODS = 12
"""Finished periods whose won amounts set the swing of a period."""

MIN_SWING_PERIODS = 3
"""Finished periods with a won amount needed to measure the swing."""


def period_swing(won_by_period: np.ndarray) -> float:
    """Return the standard deviation of the log of the won amounts.

    Args:
        won_by_period: Team won amount of each of the last finished
            periods; periods with nothing won are left out.

    Returns 0 when fewer than :data:`MIN_SWING_PERIODS` periods had a won
    amount.
    """
    won = np.asarray(won_by_period, dtype=float)
    won = won[won > 0]
    if len(won) < MIN_SWING_PERIODS:
        return 0.0
    return float(np.log(won).std(ddof=1))


def finished_periods_before(period: Period, count: int = SWING_PERIODS) -> list[Period]:
    """Return the ``count`` periods before ``period``, oldest first."""
    periods = [period.previous()]
    while len(periods) < count:
        periods.append(periods[-1].previous())
    return periods[::-1]
