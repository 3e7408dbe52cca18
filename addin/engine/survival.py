"""Kaplan–Meier curves of days to close, with open deals as censored times.

A deal still open has not closed *yet*: it tells us the time to close is
longer than its age, not that it never closes. The Kaplan–Meier estimator
uses exactly that. Beyond the longest time observed the curve has no data;
there it decays at the average closing rate (closes ÷ days observed, all
deals together), so a deal older than any seen still has a chance to close.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class SurvivalCurve:
    """The chance that a deal is still open a number of days after Created."""

    times: np.ndarray
    """Distinct days on which at least one deal closed, ascending."""
    survival_after: np.ndarray
    """Chance of being still open just after each of ``times``."""
    last_observed: float
    """Maximum time observed, closed or open, in days."""
    tail_hazard: float
    """Chance per day of closing beyond ``last_observed``."""

    def survival(self, days: np.ndarray | float) -> np.ndarray:
        """Return the chance of being still open after ``days`` days."""
        days = np.asarray(days, dtype=float)
        index = np.searchsorted(self.times, days, side="right") - 1
        stepped = (
            np.where(index >= 0, self.survival_after[np.maximum(index, 0)], 1.0)
            if len(self.times)
            else np.ones_like(days)
        )
        beyond = np.maximum(days - self.last_observed, 0.0)
        return stepped * np.exp(-self.tail_hazard * beyond)

    def close_within(self, age: np.ndarray, first: float, last: float) -> np.ndarray:
        """Return the chance to close between ``first`` and ``last`` days from now.

        Args:
            age: Days since Created of deals open now.
            first: Start of the window, in days from now, excluded.
            last: End of the window, in days from now, included.
        """
        alive = self.survival(age)
        closing = self.survival(age + first) - self.survival(age + last)
        safe = np.where(alive > 0, alive, 1.0)
        return np.where(alive > 0, closing / safe, 0.0)


def survival_curve(days: np.ndarray, closed: np.ndarray) -> SurvivalCurve:
    """Estimate the curve from each deal's days and whether it closed.

    Args:
        days: Days from Created to close for closed deals, to the as-of date
            for open ones.
        closed: True for a closed (won or lost) deal, False for an open one.
    """
    days = np.asarray(days, dtype=float)
    closed = np.asarray(closed, dtype=bool)
    times, closes = np.unique(days[closed], return_counts=True)
    ordered = np.sort(days)
    at_risk = len(days) - np.searchsorted(ordered, times, side="left")
    survival_after = np.cumprod(1.0 - closes / at_risk)

    exposure = days.sum()
    tail_hazard = closed.sum() / exposure if exposure > 0 else 0.0
    return SurvivalCurve(
        times=times,
        survival_after=survival_after,
        last_observed=float(days.max()) if len(days) else 0.0,
        tail_hazard=float(tail_hazard),
    )
