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
  factor, log-normal with the spread of the change in the log of the
  team's won amount from one period to the next, over the last
  :data:`SWING_PERIODS` finished periods, shared by every deal and rep.
  A prior spread worth :data:`SWING_PRIOR_PERIODS` periods is pooled
  with it, which matters most while that history is short.
- **New deals**: deals not created yet also close within the period. Each
  rep keeps creating deals at the rate of the last :data:`NEW_DEAL_DAYS`
  days, with the amount of those deals, and wins them with the rep's rate
  from no stage, on the time-to-close curve of all deals.

The win rates, the creation pace and the swing are estimates. Besides its
point value, each has a posterior distribution here (:class:`WinOdds`,
:attr:`NewDeals.created`, :class:`Swing`) whose mean is the point value, so
the simulation can draw them and widen the range without moving its mean.

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
from addin.engine.stages import NO_STAGE
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
    team_closed: np.ndarray
    """Closed deals behind each team rate; 0 where no closed deal reached
    the stage and the rate is a fallback."""
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
    return WinRates(np.nan_to_num(team), closed_count, rep_won, rep_closed)


@dataclass(frozen=True)
class WinOdds:
    """Win rates of (rep, earned stage) cells, with their uncertainty.

    The team's rate at a stage has the Beta posterior of the team's won and
    lost deals from it: Beta(won, lost), whose mean is the observed share.
    Given the team's rate p, a cell's rate has the Beta posterior of the
    rep's won and lost deals with p added as :data:`PRIOR_DEALS`
    pseudo-deals: Beta(won + k·p, lost + k·(1 - p)). The mean of a cell's
    rate over both draws is :meth:`chances`, the point forecast's chance.
    """

    team_rate: np.ndarray
    """Team win rate by stage position."""
    team_closed: np.ndarray
    """Closed deals behind each team rate; 0 leaves the rate fixed."""
    position: np.ndarray
    """Stage position of each cell (0 is "no stage", k + 1 is stage k)."""
    won: np.ndarray
    """Rep's won deals from the cell's stage."""
    closed: np.ndarray
    """Rep's closed deals from the cell's stage."""

    def chances(self) -> np.ndarray:
        """Return each cell's win chance: the mean of its posterior."""
        prior = self.team_rate[self.position]
        return (self.won + PRIOR_DEALS * prior) / (self.closed + PRIOR_DEALS)


def win_odds(
    rates: WinRates, reps: pd.Series, earned: np.ndarray
) -> tuple[WinOdds, np.ndarray]:
    """Return the odds of each distinct (rep, earned stage) and each deal's cell.

    Args:
        rates: Win rates from the closed deals.
        reps: Rep of each deal.
        earned: Earned stage index of each deal (-1 for none).

    Returns:
        The odds of the cells, and the index of each deal's cell in them.
    """
    names = reps.astype(str).to_numpy()
    position = np.asarray(earned, dtype=int) + 1
    keys = pd.MultiIndex.from_arrays([names, position])
    cell_of_deal, cells = pd.factorize(keys)
    cell_reps = cells.get_level_values(0)
    cell_position = cells.get_level_values(1).to_numpy(dtype=int)

    won = rates.rep_won.reindex(cell_reps).fillna(0).to_numpy()
    closed = rates.rep_closed.reindex(cell_reps).fillna(0).to_numpy()
    rows = np.arange(len(cells))
    odds = WinOdds(
        team_rate=rates.team,
        team_closed=rates.team_closed,
        position=cell_position,
        won=won[rows, cell_position] if len(rows) else np.zeros(0),
        closed=closed[rows, cell_position] if len(rows) else np.zeros(0),
    )
    return odds, cell_of_deal


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
    odds, cells = win_odds(rates, reps, earned)
    return odds.chances()[cells]


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
    """Amounts added by deals created after the as-of date, by scope and period.

    The team's row (scope 0) contains zeros, because the team's new deals
    are the sum of its reps' ones.
    """

    expected_wins: np.ndarray
    """Scopes × periods: expected number of new deals won in the period."""
    mean_amount: np.ndarray
    """Mean amount of each scope's recent deals."""
    amount_sd: np.ndarray
    """Standard deviation of the amount of each scope's recent deals."""
    created: np.ndarray
    """Deals each scope created in the window that sets its pace.

    With n deals in the window, the pace has the Gamma(n) posterior of a
    Poisson rate, whose mean is the observed pace and whose relative
    spread is 1 / sqrt(n).
    """

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
    zeros = np.zeros(len(scopes))
    odds = NewDeals(np.zeros(shape), zeros.copy(), zeros.copy(), zeros.copy())
    if window == 0:
        return odds

    recent = deals[created > cutoff - pd.Timedelta(days=window)]
    closes = _closes_per_daily_deal(all_deals_curve(deals), as_of, periods)
    reps = pd.Series(list(scopes[1:]), dtype=object)
    win = rep_win_chances(rates, reps, np.full(len(reps), NO_STAGE))
    for index, rep in enumerate(reps, start=1):
        mine = recent.loc[recent["rep"].astype(str) == rep, "amount"]
        if mine.empty:
            continue
        odds.expected_wins[index] = len(mine) / window * win[index - 1] * closes
        odds.mean_amount[index] = mine.mean()
        odds.amount_sd[index] = mine.std(ddof=0)
        odds.created[index] = len(mine)
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

SWING_PRIOR = 0.3
"""Prior standard deviation of the log swing of a one-month period.

A judgement, not a measurement: it assumes a month's won amount lands within
about 30 % of its expected level two months in three. A period of m months
takes 0.3 / sqrt(m), as if its months swung independently.
"""

SWING_PRIOR_PERIODS = 3.0
"""Weight of :data:`SWING_PRIOR`, in changes between finished periods.

After three changes the team's own history weighs as much as the prior.
"""


@dataclass(frozen=True)
class Swing:
    """Posterior of the spread of the log swing of a period.

    The variance σ² has a scaled inverse chi-squared posterior with
    ``freedom`` degrees of freedom and scale ``spread``²; drawing σ² from it
    and then the log factor from a normal gives a Student-t spread, wider
    than a normal when the history behind it is short.
    """

    spread: float
    """Point estimate of σ, the standard deviation of the log factor."""
    freedom: float
    """Degrees of freedom of σ²; infinity fixes σ at ``spread``."""


def period_swing(won_by_period: np.ndarray, months: int = 1) -> Swing:
    """Estimate the swing from the team's won amount in past periods.

    Each change in the log of the won amount from one period to the next,
    divided by sqrt(2), is one observation of the swing. Half the mean
    square of these changes (von Neumann's estimator) counts a gradual
    rise or fall far less than the spread of the amounts themselves would,
    and the forecast already follows such a trend through the pipeline and
    the pace of new deals. The observations are pooled with
    :data:`SWING_PRIOR` worth :data:`SWING_PRIOR_PERIODS` observations.

    Args:
        won_by_period: Team won amount of each of the last finished periods,
            oldest first; periods with nothing won are left out.
        months: Months in a period.
    """
    # NOTE: neighbouring changes share a period, so they are not quite
    # independent and the degrees of freedom overstate the history a little.
    won = np.asarray(won_by_period, dtype=float)
    changes = np.diff(np.log(won[won > 0]))
    prior = SWING_PRIOR**2 / months
    freedom = SWING_PRIOR_PERIODS + len(changes)
    variance = (SWING_PRIOR_PERIODS * prior + (changes**2).sum() / 2) / freedom
    return Swing(spread=float(np.sqrt(variance)), freedom=freedom)


def finished_periods_before(period: Period, count: int = SWING_PERIODS) -> list[Period]:
    """Return the ``count`` periods before ``period``, oldest first."""
    periods = [period.previous()]
    while len(periods) < count:
        periods.append(periods[-1].previous())
    return periods[::-1]
