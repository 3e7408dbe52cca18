"""Commission of each won deal, by result and by process.

By result, a won deal pays its amount in the reporting currency times the
rep's commission rate. By process, that commission is scaled by the payout
of the deal's process score on the commission curve. With the default
curve a score of 80 pays 90 %, so a 1,000,000 order at 2 % pays 20,000 by
result and 18,000 by process.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from addin.model import CurveBand


def curve_payouts(scores: pd.Series, curve: Sequence[CurveBand]) -> pd.Series:
    """Return the payout fraction of each score on the commission curve.

    A score pays the payout of the band with the highest ``min_score`` at or
    below it. A score below every band pays 0, and a missing score gets NaN.
    """
    bands = sorted(curve, key=lambda band: band.min_score)
    floors = np.array([band.min_score for band in bands], dtype=float)
    payouts = np.array([band.payout for band in bands] + [np.nan], dtype=float)
    values = scores.to_numpy(dtype=float)

    band = np.searchsorted(floors, values, side="right") - 1
    paid = np.where(band >= 0, payouts[band], 0.0)
    paid[np.isnan(values)] = np.nan
    return pd.Series(paid, index=scores.index)


def deal_commissions(
    deals: pd.DataFrame, team: pd.DataFrame, curve: Sequence[CurveBand]
) -> pd.DataFrame:
    """Return the commission of every Won deal among ``deals``.

    Args:
        deals: Rows with ``deal_id``, ``rep``, ``status``, ``amount_rc``,
            ``closed_on`` and ``score``, such as ``ProcessAudit.deals``.
        team: The Team table (``rep``, ``commission_rate`` as a fraction).
        curve: The commission curve of the Settings.

    Returns:
        One row per Won deal, in the order of ``deals``, with ``deal_id``,
        ``rep``, ``closed_on``, ``amount_rc``, ``score``, ``rate``,
        ``by_result``, ``payout`` and ``by_process``. A rep missing from the
        Team table has no rate, so both commissions are NaN.
    """
    won = deals.loc[deals["status"] == "Won"]
    rates = team.drop_duplicates("rep").set_index("rep")["commission_rate"]
    commissions = won[["deal_id", "rep", "closed_on", "amount_rc", "score"]].copy()
    commissions["rate"] = pd.to_numeric(commissions["rep"].map(rates), errors="coerce")
    commissions["by_result"] = commissions["amount_rc"] * commissions["rate"]
    commissions["payout"] = curve_payouts(commissions["score"], curve)
    commissions["by_process"] = commissions["by_result"] * commissions["payout"]
    return commissions
