import itertools
import math

import numpy as np
import pytest

from addin.engine import simulate
from addin.engine.deal_odds import NewDeals, Swing, WinOdds
from addin.engine.simulate import (
    WinSpread,
    simulate_new_deals,
    simulate_range,
    simulate_totals,
    swing_factors,
    win_factors,
)

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


def run(quotas=None, new_deals=None, swing=None, win=None, seed=7):
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
        win=win,
    )


def odds(team_closed=0.0, won=(3.0, 6.0), closed=(4.0, 10.0)):
    """Return two cells at one stage whose team rate is 0.5."""
    return WinOdds(
        team_rate=np.array([0.5]),
        team_closed=np.array([team_closed]),
        position=np.array([0, 0]),
        won=np.array(won),
        closed=np.array(closed),
    )


# Deals 0 and 1 take cell 0, deal 2 cell 1, deal 3 (no scope) cell 0.
SPREAD = WinSpread(
    odds=odds(team_closed=20.0),
    deal_cells=np.array([0, 0, 1, 0]),
    scope_cells=np.array([-1, 0, 1]),
)
NEW_DEALS = NewDeals(
    expected_wins=np.array([[0.0, 0.0], [2.0, 1.0], [0.5, 0.5]]),
    mean_amount=np.array([0.0, 100.0, 300.0]),
    amount_sd=np.array([0.0, 20.0, 50.0]),
    created=np.array([0.0, 6.0, 2.0]),
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
    swing = Swing(0.3, 4.0)
    first = run(new_deals=NEW_DEALS, swing=swing, win=SPREAD, seed=3)

    second = run(new_deals=NEW_DEALS, swing=swing, win=SPREAD, seed=3)

    assert np.array_equal(first.p50, second.p50)
    assert np.array_equal(first.p90, second.p90)


def test_range_independent_of_chunk_size(monkeypatch):
    swing = Swing(0.3, 4.0)
    whole = run(new_deals=NEW_DEALS, swing=swing, win=SPREAD)
    monkeypatch.setattr(simulate, "CHUNK_CELLS", 7)

    chunked = run(new_deals=NEW_DEALS, swing=swing, win=SPREAD)

    assert np.array_equal(whole.p10, chunked.p10)
    assert np.array_equal(whole.p90, chunked.p90)


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
        created=np.array([0.0, 10.0, 0.0]),
    )

    with_new = run(new_deals=new_deals)
    without = run()

    assert with_new.p50[0, 0] > without.p50[0, 0]
    assert with_new.p50[0, 1] == without.p50[0, 1]


def test_range_swing_widens_range():
    calm = run()

    swinging = run(swing=Swing(0.5, math.inf))

    assert swinging.p90[0, 0] - swinging.p10[0, 0] > calm.p90[0, 0] - calm.p10[0, 0]


def test_range_win_spread_widens_range():
    # 200 deals of one cell: a shared rate moves them together.
    deals = 200
    spread = WinSpread(odds(), np.zeros(deals, int), np.array([-1]))

    def width(win):
        result = simulate_range(
            np.full(deals, 10.0),
            np.full(deals, -1),
            np.full((deals, 1), 8 / 14),
            np.zeros((1, 1)),
            np.full((1, 1), np.nan),
            2_000,
            12,
            win=win,
        )
        return result.p90[0, 0] - result.p10[0, 0]

    assert width(spread) > 2 * width(None)


@pytest.mark.parametrize("team_closed", [0.0, 20.0])
def test_totals_mean_unbiased_with_win_spread(team_closed):
    rng = np.random.default_rng(2)
    factors = win_factors(odds(team_closed), SIMULATIONS, rng)

    totals = simulate_totals(
        AMOUNTS, GROUPS, CHANCES, 3, SIMULATIONS, rng, factors, SPREAD.deal_cells
    )
    totals[0] += totals[1:].sum(axis=0)

    expected = (AMOUNTS[:, None] * CHANCES).sum(axis=0)
    error = totals[0].std(axis=1) / math.sqrt(SIMULATIONS)
    assert np.all(np.abs(totals[0].mean(axis=1) - expected) < 4 * error)


def test_win_factors_have_mean_one():
    rng = np.random.default_rng(4)

    factors = win_factors(odds(team_closed=20.0), SIMULATIONS, rng)

    error = factors.std(axis=0) / math.sqrt(SIMULATIONS)
    assert np.all(np.abs(factors.mean(axis=0) - 1) < 4 * error)


def test_win_factors_follow_beta_posterior():
    rng = np.random.default_rng(5)
    # Team rate fixed at 0.5: cell 0 is Beta(3 + 5, 1 + 5).
    alpha, beta = 8.0, 6.0
    mean = alpha / (alpha + beta)
    variance = alpha * beta / ((alpha + beta) ** 2 * (alpha + beta + 1))

    factors = win_factors(odds(team_closed=0.0), SIMULATIONS, rng)

    assert factors[:, 0].var() == pytest.approx(variance / mean**2, rel=0.05)


def test_win_factors_certain_rate_stays_fixed():
    certain = WinOdds(
        team_rate=np.array([1.0]),
        team_closed=np.array([30.0]),
        position=np.array([0]),
        won=np.array([5.0]),
        closed=np.array([5.0]),
    )

    factors = win_factors(certain, 100, np.random.default_rng(0))

    assert np.all(factors == 1.0)


def test_range_chance_with_win_spread_matches_exact():
    # Two deals of one cell, Beta(8, 6); 300 needs both.
    spread = WinSpread(odds(), np.array([0, 0]), np.array([-1]))
    point = 8 / 14
    close = np.array([[0.9], [0.8]])
    quotas = np.array([[300.0]])
    exact = 0.9 * 0.8 * (8 * 9) / (14 * 15)
    error = math.sqrt(exact * (1 - exact) / SIMULATIONS)

    result = simulate_range(
        np.array([100.0, 200.0]),
        np.array([-1, -1]),
        point * close,
        np.zeros((1, 1)),
        quotas,
        SIMULATIONS,
        11,
        win=spread,
    )

    assert abs(result.chance[0, 0] - exact) < 3 * error


def test_new_deals_count_is_negative_binomial():
    # Pace from 4 deals: Gamma(4) times Poisson(3) has variance 3 + 9 / 4.
    new_deals = NewDeals(
        expected_wins=np.array([[3.0]]),
        mean_amount=np.array([1.0]),
        amount_sd=np.array([0.0]),
        created=np.array([4.0]),
    )

    count = simulate_new_deals(new_deals, SIMULATIONS, np.random.default_rng(6))

    assert count.mean() == pytest.approx(3.0, rel=0.03)
    assert count.var() == pytest.approx(3.0 + 9.0 / 4.0, rel=0.05)


@pytest.mark.parametrize("freedom", [math.inf, 3.0])
def test_swing_factors_have_mean_one(freedom):
    rng = np.random.default_rng(8)

    factors = swing_factors(Swing(0.3, freedom), 1, SIMULATIONS, rng)

    error = factors.std() / math.sqrt(SIMULATIONS)
    assert abs(factors.mean() - 1) < 4 * error


def test_swing_short_history_has_wider_tails():
    rng = np.random.default_rng(9)
    known = np.log(swing_factors(Swing(0.3, math.inf), 1, SIMULATIONS, rng))

    unsure = np.log(swing_factors(Swing(0.3, 3.0), 1, SIMULATIONS, rng))

    assert np.percentile(unsure, 5) < np.percentile(known, 5)
