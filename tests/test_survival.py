import math

import numpy as np
import pytest

from addin.engine.survival import survival_curve


@pytest.mark.parametrize(
    ("days", "expected"),
    [(0.5, 1.0), (1, 0.75), (1.5, 0.75), (2, 0.5), (3, 0.0)],
)
def test_curve_kaplan_meier_steps(days, expected):
    # Closes at 1, 2 and 3 days; one deal still open at 2 days.
    curve = survival_curve(np.array([1, 2, 2, 3]), np.array([1, 1, 0, 1], bool))

    assert curve.survival(days) == pytest.approx(expected)


def test_curve_open_deals_are_not_closes():
    curve = survival_curve(np.array([5, 5, 5, 5]), np.array([1, 0, 0, 0], bool))

    assert curve.survival(5) == pytest.approx(0.75)


def test_curve_tail_beyond_longest_time():
    curve = survival_curve(np.array([10, 40]), np.array([1, 0], bool))

    assert curve.survival(60) == pytest.approx(0.5 * math.exp(-20 / 50))


def test_close_within_is_conditional_on_age():
    curve = survival_curve(np.array([10, 20, 30, 30]), np.array([1, 1, 1, 0], bool))

    chance = curve.close_within(np.array([15.0]), 0, 10)

    # Open at 15 days: 3 deals left, one of them closes at 20.
    assert chance[0] == pytest.approx(1 / 3)


def test_close_within_no_closes_gives_zero():
    curve = survival_curve(np.array([3.0, 4.0]), np.array([0, 0], bool))

    chance = curve.close_within(np.array([4.0]), 0, 30)

    assert chance[0] == 0.0
