"""Small TeamBooks for forecast tests, built from literal deal rows.

The ladder is Inquiry, Offer, Order with the manager's Win % 20 %, 50 % and
100 %; one criterion per stage. Deals are (deal id, rep, amount, status,
created, closed on, earned stage index) with optional declared stage and
expected close; tests pass the earned indexes to the forecast directly.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from addin.model import Settings, TeamBook

STAGES = ("Inquiry", "Offer", "Order")
WIN_PCT = (0.2, 0.5, 1.0)


@dataclass(frozen=True)
class Deal:
    deal_id: str
    rep: str
    amount: float
    status: str
    created: dt.date
    closed_on: dt.date | None = None
    earned: int = 1
    stage: str | None = "Offer"
    expected_close: dt.date | None = None


def team_book(
    deals: list[Deal],
    as_of: dt.date,
    quotas: dict[str, float] | None = None,
    simulations: int = 20_000,
) -> tuple[TeamBook, np.ndarray]:
    """Return the book and the earned stage index of each deal row."""
    quotas = quotas or {"Ann": 500.0}
    process = pd.DataFrame(
        {
            "stage": STAGES,
            "goal": None,
            "playbook": None,
            "max_days": np.nan,
            "win_pct": WIN_PCT,
            "forecast_category": None,
            "row": [2, 3, 4],
        }
    )
    criteria = pd.DataFrame(
        {
            "stage": STAGES,
            "criterion": ["IQ1", "OF1", "OR1"],
            "customer_action": ["Asks", "Accepts", "Pays"],
            "evidence": None,
            "required": True,
            "weight": 1.0,
            "row": [2, 3, 4],
        }
    )
    team = pd.DataFrame(
        {
            "rep": list(quotas),
            "manager": "Max",
            "monthly_quota": list(quotas.values()),
            "commission_rate": 0.02,
            "active": True,
            "start_date": pd.Timestamp("2020-01-01"),
            "row": range(2, len(quotas) + 2),
        }
    )
    table = pd.DataFrame(
        {
            "deal_id": [deal.deal_id for deal in deals],
            "customer": "C",
            "country": None,
            "rep": [deal.rep for deal in deals],
            "product": None,
            "amount": [deal.amount for deal in deals],
            "currency": "USD",
            "amount_rc": [deal.amount for deal in deals],
            "stage": [deal.stage for deal in deals],
            "status": [deal.status for deal in deals],
            "created": pd.to_datetime([deal.created for deal in deals]),
            "expected_close": pd.to_datetime([deal.expected_close for deal in deals]),
            "closed_on": pd.to_datetime([deal.closed_on for deal in deals]),
            "lost_reason": None,
            "source": None,
            "note": None,
            "row": range(2, len(deals) + 2),
        }
    )
    evidence = pd.DataFrame(
        columns=["date", "deal_id", "criterion", "evidence", "logged_by", "note", "row"]
    )
    book = TeamBook(
        process=process,
        criteria=criteria,
        team=team,
        deals=table,
        evidence=evidence,
        settings=Settings(as_of=as_of, simulations=simulations),
    )
    return book, np.array([deal.earned for deal in deals])


def closed_history(
    rep: str, won: int, lost: int, created: dt.date, days: int, earned: int = 1
) -> list[Deal]:
    """Return closed deals of ``rep`` that all took ``days`` days to close."""
    closed_on = created + dt.timedelta(days=days)
    return [
        Deal(f"{rep}-{status}-{index}", rep, 100.0, status, created, closed_on, earned)
        for status, count in (("Won", won), ("Lost", lost))
        for index in range(count)
    ]
