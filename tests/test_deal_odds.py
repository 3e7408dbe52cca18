import datetime as dt

import numpy as np
import pytest

from addin.engine.deal_odds import (
    close_chances,
    deal_win_chances,
    period_swing,
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


@pytest.mark.parametrize(
    ("won", "expected"),
    [
        ([100, 100, 100], 0.0),
        ([100, 0, 100], 0.0),
        ([100, 200, 400], np.log([100, 200, 400]).std(ddof=1)),
    ],
)
def test_period_swing(won, expected):
    assert period_swing(np.array(won, dtype=float)) == pytest.approx(expected)
