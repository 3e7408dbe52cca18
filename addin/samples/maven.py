"""The Maven CRM sample workbook, built from the public CSV files.

The source is "CRM Sales Opportunities" from the Maven Analytics Data
Playground (public domain): 8,800 opportunities of a fictitious hardware
seller, Oct 2016 - Dec 2017. Its deal_stage (Prospecting > Engaging > Won /
Lost) is mapped onto a three-stage ladder whose evidence comes from the two
dates the data has:

- Prospecting (PR1, the customer answers the first contact) and Engaging
  (EN1, the customer agrees to a first meeting or demo) are both evidenced on
  the engage date, the first customer action the data records.
- Order (OR1, the customer places the order) is evidenced on the close date
  of a won deal.

Won deals declare Order, lost and engaging deals Engaging, prospecting deals
Prospecting. Amount is the close value of a won deal and the product's list
price otherwise, because every lost deal has a close value of 0. The data
has no creation date: a deal is created on its engage date, and a
prospecting deal, which has none, on the as-of date 2017-12-31, the day of
the export. examples/data/maven_crm/PROVENANCE.md says the same for readers
of the workbook.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from addin.locale import text
from addin.model import CellValue
from addin.template import (
    TableRows,
    WorkbookContent,
    settings_tables,
    write_workbook,
)

AS_OF = dt.date(2017, 12, 31)
MONTHLY_QUOTA = 30_000
"""USD a rep a month, a round figure a little below the reps' average.

The 30 reps with deals won 10,005,534 USD in the ten months with closings
(March to December 2017), which is about 33,000 USD a rep a month.
"""
COMMISSION_RATE = 0.03

PRODUCT_NAMES = {"GTXPro": "GTX Pro"}
"""Pipeline spelling -> the name in products.csv (1,480 rows spell it GTXPro)."""

STAGE_OF_DEAL = {
    "Prospecting": "Prospecting",
    "Engaging": "Engaging",
    "Won": "Order",
    "Lost": "Engaging",
}
STATUS_OF_DEAL = {"Won": "Won", "Lost": "Lost"}

_PROCESS: TableRows = [
    {
        "stage": "Prospecting",
        "goal": "The account has answered and is open to a conversation.",
        "playbook": "Research the account, reach the buyer and offer a "
        "first meeting or demo.",
        "max_days": 30,
        "win_pct": 0.2,
        "forecast_category": "Pipeline",
    },
    {
        "stage": "Engaging",
        "goal": "The buyer has met us and is evaluating the product.",
        "playbook": "Run the demo, agree the configuration and the price, "
        "and ask for the order.",
        "max_days": 90,
        "win_pct": 0.6,
        "forecast_category": "Best case",
    },
    {
        "stage": "Order",
        "goal": "The customer has placed the order.",
        "playbook": "Confirm delivery and invoice.",
        "max_days": None,
        "win_pct": 1.0,
        "forecast_category": "Commit",
    },
]

_CRITERIA: TableRows = [
    {
        "stage": "Prospecting",
        "criterion": "PR1",
        "customer_action": "Customer answers the first contact",
        "evidence": "Engage date in the CRM",
        "required": "Yes",
        "weight": 1,
    },
    {
        "stage": "Engaging",
        "criterion": "EN1",
        "customer_action": "Customer engages: agrees to a first meeting or demo",
        "evidence": "Engage date in the CRM",
        "required": "Yes",
        "weight": 1,
    },
    {
        "stage": "Order",
        "criterion": "OR1",
        "customer_action": "Customer places the order",
        "evidence": "Close date and value of the won deal in the CRM",
        "required": "Yes",
        "weight": 1,
    },
]


def maven_content(data_dir: Path) -> WorkbookContent:
    """Return the sample workbook's content from the CSV files in ``data_dir``."""
    pipeline = pd.read_csv(data_dir / "sales_pipeline.csv", dtype=str)
    accounts = pd.read_csv(data_dir / "accounts.csv", dtype=str)
    prices = pd.read_csv(data_dir / "products.csv", dtype=str)
    teams = pd.read_csv(data_dir / "sales_teams.csv", dtype=str)

    list_prices = {row.product: int(row.sales_price) for row in prices.itertuples()}
    countries = dict(zip(accounts["account"], accounts["office_location"]))
    tables: dict[str, TableRows] = {
        "process": _PROCESS,
        "criteria": _CRITERIA,
        "team": team_rows(teams),
        "deals": deal_rows(pipeline, list_prices, countries),
        "evidence": evidence_rows(pipeline),
        **settings_tables(as_of=AS_OF, rates={"USD": 1.0}),
    }
    return WorkbookContent(
        tables=tables,
        notice=[text("samples.maven.notice")],
        title=text("samples.maven.title"),
        description=text("samples.maven.notice"),
        illustrative_rates=False,
    )


def write_maven_sample(path: Path, data_dir: Path) -> Path:
    """Write the Maven CRM sample workbook to ``path``."""
    return write_workbook(maven_content(data_dir), path)


def team_rows(teams: pd.DataFrame) -> TableRows:
    """Return a Team row per sales agent; the data gives no start dates."""
    return [
        {
            "rep": row.sales_agent,
            "manager": row.manager,
            "monthly_quota": MONTHLY_QUOTA,
            "commission_rate": COMMISSION_RATE,
            "active": "Yes",
        }
        for row in teams.itertuples()
    ]


def deal_rows(
    pipeline: pd.DataFrame,
    list_prices: dict[str, int],
    countries: dict[str, str],
) -> TableRows:
    """Return a Deals row per opportunity."""
    deals = []
    for row in pipeline.itertuples():
        product = PRODUCT_NAMES.get(row.product, row.product)
        customer = _text(row.account)
        if row.deal_stage == "Won":
            amount = int(row.close_value)
        else:
            amount = list_prices[product]
        deals.append(
            {
                "deal_id": row.opportunity_id,
                "customer": customer,
                "country": countries.get(customer) if customer else None,
                "rep": row.sales_agent,
                "product": product,
                "amount": amount,
                "currency": "USD",
                "stage": STAGE_OF_DEAL[row.deal_stage],
                "status": STATUS_OF_DEAL.get(row.deal_stage, "Open"),
                "created": _date(row.engage_date) or AS_OF,
                "closed_on": _date(row.close_date),
            }
        )
    return deals


def evidence_rows(pipeline: pd.DataFrame) -> TableRows:
    """Return the Evidence rows the engage and close dates prove, by date."""
    evidence: list[dict[str, CellValue]] = []
    for row in pipeline.itertuples():
        engaged = _date(row.engage_date)
        if engaged is not None:
            for criterion in ("PR1", "EN1"):
                evidence.append(
                    _evidence(row, engaged, criterion, "Engage date in the CRM")
                )
        if row.deal_stage == "Won":
            proof = f"Won in the CRM, close value {int(row.close_value):,} USD"
            evidence.append(_evidence(row, _date(row.close_date), "OR1", proof))

    # Python's sort is stable, so rows of one date keep the pipeline's order.
    evidence.sort(key=lambda each: each["date"])  # type: ignore[arg-type,return-value]
    return evidence


def _evidence(
    row: object, date: dt.date | None, criterion: str, proof: str
) -> dict[str, CellValue]:
    return {
        "date": date,
        "deal_id": row.opportunity_id,  # type: ignore[attr-defined]
        "criterion": criterion,
        "evidence": proof,
        "logged_by": row.sales_agent,  # type: ignore[attr-defined]
    }


def _date(value: object) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) else None


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None
