import datetime as dt

import numpy as np
import pandas as pd
import pytest

from addin.engine.deal_odds import (
    SWING_PRIOR,
    SWING_PRIOR_PERIODS,
    close_chances,
    deal_win_chances,
    new_deal_odds,
    period_swing,
    win_odds,
    win_rates,
)
from addin.engine.forecast import deals_as_of
from addin.engine.periods import period_containing
from tests.forecast_books import Deal, closed_history, team_book

AS_OF = dt.date(2026, 3, 1)
OCTOBER = dt.date(2025, 10, 1)


def split(book, earned):
    deals = deals_as_of(book, earned, AS_OF)
    closed = deals[deals["status"] != "Open"]
    open_deals = deals[deals["status"] == "Open"].reset_index(drop=True)
    return deals, closed, open_deals


def test_win_chance_shrinks_rep_toward_team():
    history = closed_history("Ann", won=30, lost=20, created=OCTOBER, days=10)
    history += closed_history("Bob", won=2, lost=0, created=OCTOBER, days=10)
    open_deal = Deal("B-open", "Bob", 100, "Open", OCTOBER)
    book, earned = team_book(history + [open_deal], AS_OF, {"Ann": 1, "Bob": 1})
    _, closed, open_deals = split(book, earned)

    chance = deal_win_chances(open_deals, win_rates(book, closed))

    team_rate = 32 / 52
    assert chance[0] == pytest.approx((2 + 10 * team_rate) / (2 + 10))


def test_win_chance_without_history_uses_manager_pct():
    book, earned = team_book([Deal("O1", "Ann", 100, "Open", OCTOBER)], AS_OF)
    _, closed, open_deals = split(book, earned)

    chance = deal_win_chances(open_deals, win_rates(book, closed))

    assert chance[0] == pytest.approx(0.5)


def test_close_chance_certain_when_all_close_soon():
    history = closed_history(
        "Ann", won=25, lost=0, created=dt.date(2026, 2, 20), days=5
    )
    young = Deal("O1", "Ann", 100, "Open", dt.date(2026, 2, 28))
    book, earned = team_book(history + [young], AS_OF)
    deals, _, open_deals = split(book, earned)
    march = period_containing(AS_OF)

    chances = close_chances(open_deals, deals, AS_OF, [march, march.next()])

    assert chances[0, 0] == pytest.approx(1.0)
    assert chances[0, 1] == pytest.approx(0.0)


PRIOR_VARIANCE = SWING_PRIOR**2 * SWING_PRIOR_PERIODS


@pytest.mark.parametrize(
    ("won", "months", "variance", "freedom"),
    [
        ([], 1, PRIOR_VARIANCE / 3, 3),
        ([0, 0, 0], 1, PRIOR_VARIANCE / 3, 3),
        ([100], 1, PRIOR_VARIANCE / 3, 3),
        ([], 3, PRIOR_VARIANCE / 3 / 3, 3),
        ([100, 100, 100], 1, PRIOR_VARIANCE / 5, 5),
        ([100, 0, 100], 1, PRIOR_VARIANCE / 4, 4),
        ([100, 200, 400], 1, (PRIOR_VARIANCE + np.log(2) ** 2) / 5, 5),
        ([100, 200, 100], 1, (PRIOR_VARIANCE + np.log(2) ** 2) / 5, 5),
    ],
)
def test_period_swing(won, months, variance, freedom):
    swing = period_swing(np.array(won, dtype=float), months)

    assert swing.spread == pytest.approx(np.sqrt(variance))
    assert swing.freedom == freedom


def test_period_swing_smaller_for_growth_than_jumps():
    growing = np.array([100.0, 200.0, 400.0, 800.0, 1600.0])
    jumping = np.array([100.0, 1600.0, 200.0, 800.0, 400.0])

    steady = period_swing(growing)

    assert steady.spread < period_swing(jumping).spread


def test_win_odds_share_cell_per_rep_and_stage():
    history = closed_history("Ann", won=6, lost=4, created=OCTOBER, days=10)
    history += closed_history("Bob", won=1, lost=1, created=OCTOBER, days=10)
    book, earned = team_book(history, AS_OF, {"Ann": 1, "Bob": 1})
    _, closed, _ = split(book, earned)
    reps = pd.Series(["Ann", "Bob", "Ann", "Ann"])
    stages = np.array([1, 1, 1, 0])

    odds, cells = win_odds(win_rates(book, closed), reps, stages)

    assert cells.tolist() == [0, 1, 0, 2]
    assert odds.won.tolist() == [6, 1, 6]
    assert odds.closed.tolist() == [10, 2, 10]
    assert odds.team_closed[2] == 12


def test_win_odds_chances_are_posterior_means():
    history = closed_history("Ann", won=6, lost=4, created=OCTOBER, days=10)
    book, earned = team_book(history, AS_OF)
    _, closed, _ = split(book, earned)

    odds, _ = win_odds(win_rates(book, closed), pd.Series(["Ann"]), np.array([1]))

    assert odds.chances()[0] == pytest.approx((6 + 10 * 0.6) / (10 + 10))


def test_new_deals_won_at_rate_from_no_stage():
    # Deals that earned Offer were all won; deals with no stage all lost.
    created = dt.date(2026, 2, 1)
    history = closed_history("Ann", won=20, lost=0, created=created, days=0)
    history += closed_history("Ann", won=0, lost=20, created=created, days=0, earned=-1)
    book, earned = team_book(history, AS_OF)
    deals, closed, _ = split(book, earned)
    march = period_containing(AS_OF)

    odds = new_deal_odds(deals, win_rates(book, closed), ["", "Ann"], AS_OF, [march])

    # 40 deals in 29 days, half of them won, all closing the day created.
    assert odds.expected_wins[1, 0] == pytest.approx(30 * 40 / 29 * 0.5)
    assert odds.created[1] == 40
