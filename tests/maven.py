"""Build a TeamBook straight from the Maven CRM sample pipeline, for tests.

The sample's ladder is Prospecting, Engaging, Order. Every deal with an
engage date gets evidence for the first two stages on that date, and every
won deal gets the Order evidence on its close date. A Prospecting deal has
no dates at all, so it is taken as created on the as-of date. Amounts are
the close value of won deals and the product's list price otherwise.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from addin.model import Settings, TeamBook

DATA = Path("/work/shared/data/maven_crm")
AS_OF = dt.date(2017, 12, 31)
STAGES = ("Prospecting", "Engaging", "Order")
MANAGER_WIN_PCT = (0.2, 0.6, 1.0)
MONTHLY_QUOTA = 30_000.0


def maven_book(simulations: int = 2_000) -> TeamBook:
    """Return the sample as a TeamBook as of 2017-12-31."""
    pipeline = pd.read_csv(
        DATA / "sales_pipeline.csv", parse_dates=["engage_date", "close_date"]
    )
    prices = pd.read_csv(DATA / "products.csv").set_index("product")["sales_price"]
    teams = pd.read_csv(DATA / "sales_teams.csv")

    status = pipeline["deal_stage"].map({"Won": "Won", "Lost": "Lost"}).fillna("Open")
    list_price = pipeline["product"].replace({"GTXPro": "GTX Pro"}).map(prices)
    amount = pipeline["close_value"].where(status == "Won", list_price).astype(float)
    declared = (
        pipeline["deal_stage"]
        .map({"Won": "Order", "Lost": "Engaging", "Engaging": "Engaging"})
        .fillna("Prospecting")
    )
    created = pipeline["engage_date"].fillna(pd.Timestamp(AS_OF))
    deals = pd.DataFrame(
        {
            "deal_id": pipeline["opportunity_id"],
            "customer": pipeline["account"],
            "country": None,
            "rep": pipeline["sales_agent"],
            "product": pipeline["product"],
            "amount": amount,
            "currency": "USD",
            "amount_rc": amount,
            "stage": declared,
            "status": status,
            "created": created,
            "expected_close": pd.NaT,
            "closed_on": pipeline["close_date"],
            "lost_reason": None,
            "source": None,
            "note": None,
            "row": range(2, len(pipeline) + 2),
        }
    )
    return TeamBook(
        process=_process(),
        criteria=_criteria(),
        team=_team(teams),
        deals=deals,
        evidence=_evidence(pipeline),
        settings=Settings(as_of=AS_OF, simulations=simulations),
    )


def _process() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "stage": STAGES,
            "goal": None,
            "playbook": None,
            "max_days": [30.0, 90.0, None],
            "win_pct": MANAGER_WIN_PCT,
            "forecast_category": ["Pipeline", "Best case", "Commit"],
            "row": [2, 3, 4],
        }
    )


def _criteria() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "stage": STAGES,
            "criterion": ["PR1", "EN1", "OR1"],
            "customer_action": [
                "Customer agrees to a first call",
                "Customer engages with a demo",
                "Customer signs the order",
            ],
            "evidence": None,
            "required": True,
            "weight": 1.0,
            "row": [2, 3, 4],
        }
    )


def _team(teams: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "rep": teams["sales_agent"],
            "manager": teams["manager"],
            "monthly_quota": MONTHLY_QUOTA,
            "commission_rate": 0.02,
            "active": True,
            "start_date": pd.Timestamp("2016-10-01"),
            "row": range(2, len(teams) + 2),
        }
    )


def _evidence(pipeline: pd.DataFrame) -> pd.DataFrame:
    engaged = pipeline.dropna(subset=["engage_date"])
    won = pipeline[pipeline["deal_stage"] == "Won"]
    parts = [
        (engaged, "engage_date", "PR1"),
        (engaged, "engage_date", "EN1"),
        (won, "close_date", "OR1"),
    ]
    frames = [
        pd.DataFrame(
            {
                "date": rows[column],
                "deal_id": rows["opportunity_id"],
                "criterion": criterion,
            }
        )
        for rows, column, criterion in parts
    ]
    evidence = pd.concat(frames, ignore_index=True)
    evidence["evidence"] = None
    evidence["logged_by"] = None
    evidence["note"] = None
    evidence["row"] = range(2, len(evidence) + 2)
    return evidence
