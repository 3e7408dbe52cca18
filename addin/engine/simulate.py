"""Simulated futures of the open deals: the range of each period's won amount.

Each open deal is drawn many times. In each draw it is won in one of the
forecast periods or not won in any, with the chances the forecast gives it;
the draws of a deal for different periods exclude each other, because a deal
is won at most once. Summing the won amounts of each draw by rep gives the
distribution from which P10, P50, P90 and the chance of reaching quota come.

Draws run in chunks of simulations, so memory stays near
:data:`CHUNK_CELLS` numbers whatever the number of deals.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from addin.engine.deal_odds import NewDeals

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


def simulate_range(
    amounts: np.ndarray,
    groups: np.ndarray,
    chances: np.ndarray,
    base: np.ndarray,
    quotas: np.ndarray,
    simulations: int,
    seed: Sequence[int] | int,
    new_deals: NewDeals | None = None,
    swing: float = 0.0,
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
        new_deals: Deals not created yet, added to each rep's draws.
        swing: Standard deviation of the log of a factor drawn per
            simulation and period that scales every scope's amount still
            to come; 0 draws none.
    """
    rng = np.random.default_rng(seed)
    totals = simulate_totals(amounts, groups, chances, base.shape[0], simulations, rng)
    if new_deals is not None:
        totals[1:] += simulate_new_deals(new_deals, simulations, rng)[1:]
    totals *= swing_factors(swing, base.shape[1], simulations, rng)[None, :, :]
    # The team's row sums every deal, reps' new deals included.
    totals[0] += totals[1:].sum(axis=0)
    totals += base[:, :, None]
    p10, p50, p90 = np.percentile(totals, [10, 50, 90], axis=2)
    reached = (totals >= quotas[:, :, None]).mean(axis=2)
    chance = np.where(np.isnan(quotas), np.nan, reached)
    return RangeResult(p10=p10, p50=p50, p90=p90, chance=chance)


def simulate_totals(
    amounts: np.ndarray,
    groups: np.ndarray,
    chances: np.ndarray,
    scope_count: int,
    simulations: int,
    rng: np.random.Generator,
) -> np.ndarray:
    """Return scopes × periods × simulations: the amount won in each draw.

    Row 0 holds only the deals without a scope; the caller adds the reps'
    rows to it to make the team's.
    """
    deal_count, period_count = chances.shape
    totals = np.zeros((scope_count, period_count, simulations))
    if deal_count == 0 or simulations <= 0:
        return totals

    # A deal is won in period j when its uniform draw falls between the
    # cumulative chances of periods j - 1 and j, and not won above the last.
    thresholds = np.minimum(np.cumsum(chances, axis=1), 1.0)
    bins = period_count + 1
    slot = np.where(groups >= 0, groups, 0) * bins
    chunk = max(1, CHUNK_CELLS // deal_count)

    for first in range(0, simulations, chunk):
        size = min(chunk, simulations - first)
        draws = rng.random((size, deal_count))
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


def swing_factors(
    swing: float, period_count: int, simulations: int, rng: np.random.Generator
) -> np.ndarray:
    """Return periods × simulations log-normal factors with mean 1."""
    if swing <= 0:
        return np.ones((period_count, simulations))
    normal = rng.standard_normal((period_count, simulations))
    return np.exp(swing * normal - swing**2 / 2)


def simulate_new_deals(
    new_deals: NewDeals, simulations: int, rng: np.random.Generator
) -> np.ndarray:
    """Return scopes × periods × simulations: the amount won from new deals.

    The number of new deals won is Poisson with the expected count; their
    total amount is drawn from a normal with that many times the mean and
    variance of the scope's recent deal amounts, floored at 0.
    """
    expected = new_deals.expected_wins
    shape = (*expected.shape, simulations)
    count = rng.poisson(np.broadcast_to(expected[:, :, None], shape))
    spread = rng.standard_normal(shape)
    mean = new_deals.mean_amount[:, None, None]
    sd = new_deals.amount_sd[:, None, None]
    return np.maximum(count * mean + np.sqrt(count) * sd * spread, 0.0)
