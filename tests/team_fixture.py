"""A hand-built team of three reps and twenty deals, as a parsed TeamBook.

The ladder has five stages whose criteria weigh 10 in all. The weight of
the stages up to each stage is 1, 4, 6, 8 and 10. Comments above the rows
say what case each group of rows makes, and the tests state figures worked
out by hand from these rows.

The as-of date is 2026-11-20, so the scorecard period is November 2026.
Amounts are already in the reporting currency (USD).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from addin.model import Settings, TeamBook

AS_OF = dt.date(2026, 11, 20)

STAGES = (
    "Inquiry",
    "Needs confirmed",
    "Sample paid",
    "Proposal accepted",
    "Order",
)

# stage, max days, manager's win %
_PROCESS = [
    ("Inquiry", 10, 0.05),
    ("Needs confirmed", 30, 0.15),
    ("Sample paid", 45, 0.35),
    ("Proposal accepted", 60, 0.6),
    ("Order", 10, 1.0),
]

# stage, criterion, required, weight
_CRITERIA = [
    ("Inquiry", "IQ1", True, 1.0),
    ("Needs confirmed", "NC1", True, 2.0),
    ("Needs confirmed", "NC2", False, 1.0),
    ("Sample paid", "SP1", True, 2.0),
    ("Proposal accepted", "PA1", True, 2.0),
    ("Order", "OR1", True, 2.0),
]

# rep, monthly quota, commission rate
_TEAM = [
    ("Ann", 50_000.0, 0.02),
    ("Ben", 80_000.0, 0.03),
    ("Cy", 120_000.0, 0.025),
]

# deal, rep, amount, declared stage, status, created, closed on
_DEALS = [
    # Ann follows the process.
    ("A1", "Ann", 50_000, "Order", "Won", "2026-08-01", "2026-11-10"),
    ("A2", "Ann", 40_000, "Order", "Won", "2026-07-01", "2026-11-05"),
    ("A3", "Ann", 30_000, "Proposal accepted", "Open", "2026-09-01", None),
    ("A4", "Ann", 20_000, "Sample paid", "Open", "2026-10-01", None),
    ("A5", "Ann", 25_000, "Needs confirmed", "Lost", "2026-06-01", "2026-09-15"),
    ("A6", "Ann", 10_000, "Inquiry", "Open", "2026-10-30", None),
    ("A7", "Ann", 60_000, "Order", "Won", "2026-05-01", "2026-10-20"),
    # Ben wins big but skips stages.
    ("B1", "Ben", 100_000, "Order", "Won", "2026-11-01", "2026-11-12"),
    ("B2", "Ben", 80_000, "Order", "Won", "2026-09-01", "2026-11-18"),
    ("B3", "Ben", 30_000, "Order", "Won", "2026-08-01", "2026-11-08"),
    ("B4", "Ben", 50_000, "Proposal accepted", "Open", "2026-10-01", None),
    ("B5", "Ben", 40_000, "Sample paid", "Lost", "2026-07-01", "2026-10-01"),
    ("B6", "Ben", 15_000, "Needs confirmed", "Open", "2026-11-05", None),
    ("B7", "Ben", 20_000, "Order", "Won", "2026-06-01", "2026-11-02"),
    # Cy's deals pile up and leak at Sample paid.
    ("C1", "Cy", 35_000, "Sample paid", "Open", "2026-08-01", None),
    ("C2", "Cy", 25_000, "Sample paid", "Open", "2026-08-15", None),
    ("C3", "Cy", 30_000, "Sample paid", "Lost", "2026-07-01", "2026-10-15"),
    ("C4", "Cy", 20_000, "Sample paid", "Lost", "2026-06-01", "2026-09-01"),
    ("C5", "Cy", 45_000, "Order", "Won", "2026-07-01", "2026-11-15"),
    ("C6", "Cy", 5_000, "Inquiry", "Open", "2026-11-18", None),
]

# deal, criterion, date, first seen (None: unknown)
_EVIDENCE = [
    ("A1", "IQ1", "2026-08-02", None),
    ("A1", "NC1", "2026-08-10", None),
    ("A1", "NC2", "2026-08-12", None),
    ("A1", "SP1", "2026-09-01", None),
    ("A1", "PA1", "2026-10-01", None),
    ("A1", "OR1", "2026-11-10", None),
    # A2 lacks only the optional NC2.
    ("A2", "IQ1", "2026-07-02", None),
    ("A2", "NC1", "2026-07-10", None),
    ("A2", "SP1", "2026-08-01", None),
    ("A2", "PA1", "2026-09-01", None),
    ("A2", "OR1", "2026-11-05", None),
    ("A3", "IQ1", "2026-09-02", None),
    ("A3", "NC1", "2026-09-05", None),
    ("A3", "SP1", "2026-10-01", None),
    ("A3", "PA1", "2026-11-01", None),
    ("A4", "IQ1", "2026-10-02", None),
    ("A4", "NC1", "2026-10-05", None),
    ("A4", "NC2", "2026-10-06", None),
    ("A4", "SP1", "2026-10-20", None),
    ("A5", "IQ1", "2026-06-02", None),
    ("A5", "NC1", "2026-06-20", None),
    ("A6", "IQ1", "2026-11-16", None),
    ("A7", "IQ1", "2026-05-02", None),
    ("A7", "NC1", "2026-05-10", None),
    ("A7", "NC2", "2026-05-11", None),
    ("A7", "SP1", "2026-06-01", None),
    ("A7", "PA1", "2026-08-01", None),
    ("A7", "OR1", "2026-10-20", None),
    # B1: the customer asked the price and ordered.
    ("B1", "OR1", "2026-11-12", None),
    # B2 skipped Sample paid.
    ("B2", "IQ1", "2026-09-02", None),
    ("B2", "NC1", "2026-09-10", None),
    ("B2", "PA1", "2026-10-15", None),
    ("B2", "OR1", "2026-11-18", None),
    # B3 back-filled Sample paid and Proposal accepted at closing time.
    ("B3", "IQ1", "2026-08-02", None),
    ("B3", "NC1", "2026-08-05", None),
    ("B3", "SP1", "2026-09-01", "2026-11-08"),
    ("B3", "PA1", "2026-10-01", "2026-11-08"),
    ("B3", "OR1", "2026-11-08", "2026-11-08"),
    ("B4", "IQ1", "2026-10-02", None),
    # B5 skipped Needs confirmed.
    ("B5", "IQ1", "2026-07-02", None),
    ("B5", "SP1", "2026-08-01", None),
    ("B6", "IQ1", "2026-11-06", None),
    ("B6", "NC1", "2026-11-10", None),
    # B7's sample was paid before Needs confirmed was complete.
    ("B7", "IQ1", "2026-06-02", None),
    ("B7", "NC2", "2026-06-03", None),
    ("B7", "SP1", "2026-06-10", None),
    ("B7", "NC1", "2026-06-20", None),
    ("B7", "PA1", "2026-07-15", None),
    ("B7", "OR1", "2026-11-02", None),
    ("C1", "IQ1", "2026-08-02", None),
    ("C1", "NC1", "2026-08-10", None),
    ("C1", "SP1", "2026-08-20", None),
    ("C2", "IQ1", "2026-08-16", None),
    ("C2", "NC1", "2026-08-20", None),
    ("C2", "SP1", "2026-09-01", None),
    ("C3", "IQ1", "2026-07-02", None),
    ("C3", "NC1", "2026-07-10", None),
    ("C3", "SP1", "2026-07-20", None),
    ("C4", "IQ1", "2026-06-02", None),
    ("C4", "NC1", "2026-06-15", None),
    ("C4", "SP1", "2026-07-01", None),
    ("C5", "IQ1", "2026-07-02", None),
    ("C5", "NC1", "2026-07-05", None),
    ("C5", "NC2", "2026-07-06", None),
    ("C5", "SP1", "2026-07-20", None),
    ("C5", "PA1", "2026-09-20", None),
    ("C5", "OR1", "2026-11-15", None),
]


def _dates(values: list[str | None]) -> pd.Series:
    return pd.to_datetime(pd.Series(values, dtype=object))


def process_table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "stage": [row[0] for row in _PROCESS],
            "goal": [f"Goal of {row[0]}" for row in _PROCESS],
            "playbook": [f"Playbook of {row[0]}." for row in _PROCESS],
            "max_days": [float(row[1]) for row in _PROCESS],
            "win_pct": [row[2] for row in _PROCESS],
            "forecast_category": ["Pipeline"] * len(_PROCESS),
            "row": range(2, 2 + len(_PROCESS)),
        }
    )


def criteria_table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "stage": [row[0] for row in _CRITERIA],
            "criterion": [row[1] for row in _CRITERIA],
            "customer_action": [f"Customer does {row[1]}" for row in _CRITERIA],
            "evidence": ["e-mail"] * len(_CRITERIA),
            "required": [row[2] for row in _CRITERIA],
            "weight": [row[3] for row in _CRITERIA],
            "row": range(2, 2 + len(_CRITERIA)),
        }
    )


def team_table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "rep": [row[0] for row in _TEAM],
            "manager": ["Mia"] * len(_TEAM),
            "monthly_quota": [row[1] for row in _TEAM],
            "commission_rate": [row[2] for row in _TEAM],
            "active": [True] * len(_TEAM),
            "start_date": _dates(["2025-01-01"] * len(_TEAM)),
            "row": range(2, 2 + len(_TEAM)),
        }
    )


def deals_table() -> pd.DataFrame:
    amounts = [float(row[2]) for row in _DEALS]
    return pd.DataFrame(
        {
            "deal_id": [row[0] for row in _DEALS],
            "customer": [f"Customer of {row[0]}" for row in _DEALS],
            "country": ["DE"] * len(_DEALS),
            "rep": [row[1] for row in _DEALS],
            "product": ["Pumps"] * len(_DEALS),
            "amount": amounts,
            "currency": ["USD"] * len(_DEALS),
            "amount_rc": amounts,
            "stage": [row[3] for row in _DEALS],
            "status": [row[4] for row in _DEALS],
            "created": _dates([row[5] for row in _DEALS]),
            "expected_close": _dates(["2026-12-15"] * len(_DEALS)),
            "closed_on": _dates([row[6] for row in _DEALS]),
            "lost_reason": [None] * len(_DEALS),
            "source": ["Fair"] * len(_DEALS),
            "note": [None] * len(_DEALS),
            "row": range(2, 2 + len(_DEALS)),
        }
    )


def evidence_table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "date": _dates([row[2] for row in _EVIDENCE]),
            "deal_id": [row[0] for row in _EVIDENCE],
            "criterion": [row[1] for row in _EVIDENCE],
            "evidence": ["e-mail"] * len(_EVIDENCE),
            "logged_by": [None] * len(_EVIDENCE),
            "note": [None] * len(_EVIDENCE),
            "row": range(2, 2 + len(_EVIDENCE)),
        }
    )


def first_seen() -> pd.Series:
    """Return the first-seen date of each Evidence row, NaT where unknown."""
    return _dates([row[3] for row in _EVIDENCE])


def team_book(**settings: object) -> TeamBook:
    """Return the team as a TeamBook; ``settings`` override Settings fields."""
    return TeamBook(
        process=process_table(),
        criteria=criteria_table(),
        team=team_table(),
        deals=deals_table(),
        evidence=evidence_table(),
        settings=Settings(as_of=AS_OF, **settings),  # type: ignore[arg-type]
    )
