"""Simulated futures of the open deals: the range of each period's won amount.

Each open deal is drawn many times. In each draw it is won in one of the
forecast periods or not won in any, with the chances the forecast gives it;
the draws of a deal for different periods exclude each other, because a deal
is won at most once. Summing the won amounts of each draw by rep gives the
distribution from which P10, P50, P90 and the chance of reaching quota come.

The chances are estimates, so each simulated future also draws its own
values of them from their posteriors (see :mod:`addin.engine.deal_odds`):
the win rate of each rep and earned stage, each rep's pace of new deals and
the spread of the period's swing. Every posterior has the point estimate as
its mean, so the mean of the futures stays the evidence-based forecast
while the range widens by what the history leaves unknown.

NOTE: The chance to close in each period is not drawn: the time-to-close
curves are taken as known. With a few dozen closed deals behind a curve,
the range is narrower than that history justifies.

Draws run in chunks of simulations, so memory stays near
:data:`CHUNK_CELLS` numbers whatever the number of deals. Everything drawn
per simulation rather than per deal is drawn before the chunks, so the
result does not depend on the chunk size.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from addin.engine.deal_odds import PRIOR_DEALS, NewDeals, Swing, WinOdds

CHUNK_CELLS = 2_000_000
"""Deal × simulation cells drawn at once (about 16 MB of float64)."""


@dataclass(frozen=True)
class RangeResult:
    """Percentiles and quota chances, each an array of scopes × periods."""

    p10: np.ndarray
    p50: np.ndarray
    p90: np.ndarray
    chance: np.ndarray
    """Chance of reaching the quota; NaN where there is no quota."""


@dataclass(frozen=True)
class WinSpread:
    """The win-rate posteriors behind the deals' chances, to draw per future."""

    odds: WinOdds
    deal_cells: np.ndarray
    """Cell of ``odds`` that each open deal's win chance comes from."""
    scope_cells: np.ndarray
    """Cell that each scope's new deals are won with; -1 for none."""


def simulate_range(
    amounts: np.ndarray,
    groups: np.ndarray,
    chances: np.ndarray,
    base: np.ndarray,
    quotas: np.ndarray,
    simulations: int,
    seed: Sequence[int] | int,
    new_deals: NewDeals | None = None,
    swing: Swing | None = None,
    win: WinSpread | None = None,
) -> RangeResult:
    """Simulate the won amount of every scope and period.

    Args:
        amounts: Amount of each open deal.
        groups: Scope index of each deal's rep (1 and up; scope 0 is the
            team, which sums every deal), or -1 when the rep has no scope.
        chances: Deals × periods, the chance the deal is won in the period;
            a row sums to at most 1.
        base: Scopes × periods, amount already won, added to every draw.
        quotas: Scopes × periods, the quota (NaN for none).
        simulations: Number of simulated futures.
        seed: Seed of the random generator; the same seed gives the same
            result.
        new_deals: Deals not created yet, added to each rep's draws; their
            pace is drawn per future from its posterior.
        swing: Spread of the log of a factor drawn per simulation and period
            that scales every scope's amount still to come; None draws none.
        win: Win-rate posteriors; each future scales a deal's chances by
            its drawn rate over the point rate. None keeps the chances fixed.
    """
    rng = np.random.default_rng(seed)
    scope_count, period_count = base.shape
    factors = cells = scope_factors = None
    if win is not None:
        factors = win_factors(win.odds, simulations, rng)
        cells = win.deal_cells
        scope_factors = _scope_factors(factors, win.scope_cells)

    totals = simulate_totals(
        amounts, groups, chances, scope_count, simulations, rng, factors, cells
    )
    if new_deals is not None:
        drawn = simulate_new_deals(new_deals, simulations, rng, scope_factors)
        totals[1:] += drawn[1:]
    totals *= swing_factors(swing, period_count, simulations, rng)[None, :, :]
    # The team's row sums every deal, reps' new deals included.
    totals[0] += totals[1:].sum(axis=0)
    totals += base[:, :, None]
    p10, p50, p90 = np.percentile(totals, [10, 50, 90], axis=2)
    reached = (totals >= quotas[:, :, None]).mean(axis=2)
    chance = np.where(np.isnan(quotas), np.nan, reached)
    return RangeResult(p10=p10, p50=p50, p90=p90, chance=chance)


def _scope_factors(factors: np.ndarray, scope_cells: np.ndarray) -> np.ndarray:
    """Return simulations × scopes: the drawn factor of each scope's cell."""
    if factors.shape[1] == 0:
        # No stage has a win rate (a workbook with no deals yet): nothing to scale.
        return np.ones((factors.shape[0], len(scope_cells)))
    picked = factors[:, np.maximum(scope_cells, 0)]
    return np.where(scope_cells >= 0, picked, 1.0)


def simulate_totals(
    amounts: np.ndarray,
    groups: np.ndarray,
    chances: np.ndarray,
    scope_count: int,
    simulations: int,
    rng: np.random.Generator,
    factors: np.ndarray | None = None,
    cells: np.ndarray | None = None,
) -> np.ndarray:
    """Return scopes × periods × simulations: the amount won in each draw.

    Row 0 holds only the deals without a scope; the caller adds the reps'
    rows to it to make the team's.

    Args:
        factors: Simulations × cells, the factors that scale the chances
            in each simulation; None scales none.
        cells: Column of ``factors`` that scales each deal's chances.
    """
    deal_count, period_count = chances.shape
    totals = np.zeros((scope_count, period_count, simulations))
    if deal_count == 0 or simulations <= 0:
        return totals

    # A deal is won in period j when its uniform draw falls between the
    # cumulative chances of periods j - 1 and j, and not won above the last.
    # Dividing the draw by the deal's factor compares it with the scaled
    # chances without building a threshold per simulation; a factor of 0
    # becomes the smallest float, so the deal is never won.
    thresholds = np.minimum(np.cumsum(chances, axis=1), 1.0)
    bins = period_count + 1
    slot = np.where(groups >= 0, groups, 0) * bins
    chunk = max(1, CHUNK_CELLS // deal_count)
    if factors is not None:
        inverse = 1.0 / np.maximum(factors, np.finfo(float).tiny)

    for first in range(0, simulations, chunk):
        size = min(chunk, simulations - first)
        draws = rng.random((size, deal_count))
        if factors is not None and cells is not None:
            draws *= inverse[first : first + size][:, cells]
        outcome = np.zeros((size, deal_count), dtype=np.int64)
        for period in range(period_count):
            outcome += draws >= thresholds[:, period]
        index = np.arange(size)[:, None] * (scope_count * bins) + slot + outcome
        weights = np.broadcast_to(amounts, (size, deal_count))
        summed = np.bincount(
            index.ravel(), weights.ravel(), minlength=size * scope_count * bins
        ).reshape(size, scope_count, bins)[:, :, :period_count]
        totals[:, :, first : first + size] = summed.transpose(1, 2, 0)
    return totals


def win_factors(
    odds: WinOdds, simulations: int, rng: np.random.Generator
) -> np.ndarray:
    """Return simulations × cells: each cell's drawn win rate ÷ its point rate.

    The team's rate of each stage is drawn first and shared by every rep in
    the simulation; each cell's rate is then drawn given it (see
    :class:`addin.engine.deal_odds.WinOdds`). A cell whose point rate is 0
    keeps the factor 1, because its chances are 0 anyway.
    """
    shape = (simulations, len(odds.team_rate))
    team = _draw_beta(odds.team_rate, odds.team_closed, shape, rng)

    prior = team[:, odds.position]
    count = odds.closed + PRIOR_DEALS
    rate = (odds.won + PRIOR_DEALS * prior) / count
    cell = _draw_beta(rate, count, (simulations, len(odds.position)), rng)

    point = odds.chances()[None, :]
    return np.where(point > 0, cell / np.where(point > 0, point, 1.0), 1.0)


def _draw_beta(
    mean: np.ndarray,
    count: np.ndarray,
    shape: tuple[int, int],
    rng: np.random.Generator,
) -> np.ndarray:
    """Draw Beta(count·mean, count·(1 - mean)) of ``shape``.

    With a mean of 0 or 1, or a count of 0, the rate is certain and stays
    at the mean.
    """
    mean = np.broadcast_to(mean, shape)
    count = np.broadcast_to(count, shape)
    drawn = mean.copy()
    uncertain = (count > 0) & (mean > 0) & (mean < 1)
    spread_mean = mean[uncertain]
    spread_count = count[uncertain]
    drawn[uncertain] = rng.beta(
        spread_count * spread_mean, spread_count * (1 - spread_mean)
    )
    return drawn


def swing_factors(
    swing: Swing | None,
    period_count: int,
    simulations: int,
    rng: np.random.Generator,
) -> np.ndarray:
    """Return periods × simulations log-normal factors with mean 1.

    Each simulation draws its own σ from the swing's posterior and each of
    its periods a factor exp(σ·z - σ²/2), which has mean 1 whatever σ is.
    """
    if swing is None or swing.spread <= 0:
        return np.ones((period_count, simulations))
    sigma = np.full(simulations, swing.spread)
    if np.isfinite(swing.freedom):
        chi_square = rng.chisquare(swing.freedom, simulations)
        sigma *= np.sqrt(swing.freedom / chi_square)
    normal = rng.standard_normal((period_count, simulations))
    return np.exp(sigma * normal - sigma**2 / 2)


def simulate_new_deals(
    new_deals: NewDeals,
    simulations: int,
    rng: np.random.Generator,
    rate_factors: np.ndarray | None = None,
) -> np.ndarray:
    """Return scopes × periods × simulations: the amount won from new deals.

    Each simulation draws each scope's pace of new deals from its Gamma
    posterior, with mean 1 times the observed pace. The number of new deals
    won is then Poisson with the expected count times that pace factor and
    the scope's win factor, so the count over all simulations is negative
    binomial. Their total amount is drawn from a normal with that many
    times the mean and variance of the scope's recent deal amounts, floored
    at 0.

    Args:
        rate_factors: Simulations × scopes, the factor of each scope's win
            rate from no stage; None keeps the rates fixed.
    """
    expected = new_deals.expected_wins
    shape = (*expected.shape, simulations)
    created = new_deals.created[:, None]
    made = np.broadcast_to(created, (len(created), simulations))
    pace = np.ones(made.shape)
    some = made > 0
    pace[some] = rng.gamma(made[some], 1 / made[some])
    if rate_factors is not None:
        pace *= rate_factors.T
    count = rng.poisson(expected[:, :, None] * pace[:, None, :])
    spread = rng.standard_normal(shape)
    mean = new_deals.mean_amount[:, None, None]
    sd = new_deals.amount_sd[:, None, None]
    return np.maximum(count * mean + np.sqrt(count) * sd * spread, 0.0)
