import itertools
import math

import numpy as np
import pytest

from addin.engine import simulate
from addin.engine.deal_odds import NewDeals
from addin.engine.simulate import simulate_range, simulate_totals

AMOUNTS = np.array([100.0, 250.0, 400.0, 50.0])
CHANCES = np.array([[0.3, 0.2], [0.6, 0.1], [0.25, 0.25], [0.9, 0.0]])
GROUPS = np.array([1, 1, 2, -1])
SIMULATIONS = 40_000


def exact_chance(amounts, chances, quota):
    """Return P(Σ won amount >= quota) by listing every outcome."""
    total = 0.0
    for outcome in itertools.product([False, True], repeat=len(amounts)):
        won = np.array(outcome)
        probability = np.prod(np.where(won, chances, 1 - chances))
        if amounts[won].sum() >= quota:
            total += probability
    return total


def run(quotas=None, new_deals=None, swing=0.0, seed=7):
    scopes = 3
    quotas = np.full((scopes, 2), np.nan) if quotas is None else quotas
    return simulate_range(
        AMOUNTS,
        GROUPS,
        CHANCES,
        np.zeros((scopes, 2)),
        quotas,
        SIMULATIONS,
        seed,
        new_deals=new_deals,
        swing=swing,
    )


def test_totals_mean_matches_expectation():
    rng = np.random.default_rng(1)

    totals = simulate_totals(AMOUNTS, GROUPS, CHANCES, 3, SIMULATIONS, rng)
    totals[0] += totals[1:].sum(axis=0)

    expected = (AMOUNTS[:, None] * CHANCES).sum(axis=0)
    variance = (AMOUNTS[:, None] ** 2 * CHANCES * (1 - CHANCES)).sum(axis=0)
    error = np.sqrt(variance / SIMULATIONS)
    assert np.all(np.abs(totals[0].mean(axis=1) - expected) < 3 * error)


@pytest.mark.parametrize("quota", [50.0, 300.0, 450.0, 700.0])
def test_range_chance_matches_exact(quota):
    quotas = np.full((3, 2), np.nan)
    quotas[0, 0] = quota
    exact = exact_chance(AMOUNTS, CHANCES[:, 0], quota)
    error = math.sqrt(exact * (1 - exact) / SIMULATIONS) + 1e-9

    result = run(quotas)

    assert abs(result.chance[0, 0] - exact) < 3 * error


def test_range_rep_sees_only_own_deals():
    quotas = np.full((3, 2), np.nan)
    quotas[2, 0] = 400.0

    result = run(quotas)

    assert result.chance[2, 0] == pytest.approx(0.25, abs=0.015)
    assert result.p90[2, 0] <= 400.0


def test_range_same_seed_same_result():
    first = run(seed=3)

    second = run(seed=3)

    assert np.array_equal(first.p50, second.p50)
    assert np.array_equal(first.p90, second.p90)


def test_range_independent_of_chunk_size(monkeypatch):
    whole = run()
    monkeypatch.setattr(simulate, "CHUNK_CELLS", 7)

    chunked = run()

    assert np.array_equal(whole.p10, chunked.p10)


def test_range_deal_won_at_most_once():
    chances = np.array([[0.5, 0.5]])
    rng = np.random.default_rng(0)

    totals = simulate_totals(np.array([10.0]), np.array([-1]), chances, 1, 1_000, rng)

    assert np.all(totals[0].sum(axis=0) == 10.0)


def test_range_adds_new_deals_to_team():
    new_deals = NewDeals(
        expected_wins=np.array([[0.0, 0.0], [4.0, 0.0], [0.0, 0.0]]),
        mean_amount=np.array([0.0, 100.0, 0.0]),
        amount_sd=np.array([0.0, 0.0, 0.0]),
    )

    with_new = run(new_deals=new_deals)
    without = run()

    assert with_new.p50[0, 0] > without.p50[0, 0]
    assert with_new.p50[0, 1] == without.p50[0, 1]


def test_range_swing_widens_range():
    calm = run(swing=0.0)

    swinging = run(swing=0.5)

    assert swinging.p90[0, 0] - swinging.p10[0, 0] > calm.p90[0, 0] - calm.p10[0, 0]
