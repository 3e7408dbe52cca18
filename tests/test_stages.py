"""Earned stages, missing actions, skipped stages, days in stage, next step.

The workbook uses the default ladder of tests/workbooks.py:

    Inquiry (IQ1, max 14 days) > Needs confirmed (NC1, optional NC2, max 21)
    > Sample paid (SP1, max 30) > Proposal accepted (PA1, max 30) > Order (OR1)

and is checked as of 2026-03-01. Each deal below is built for one case.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from workbooks import CRITERIA, PROCESS, deal, evidence, write_team_workbook

from addin.engine.stages import audit_stages
from addin.load import load_team_book

AS_OF = dt.date(2026, 3, 1)

DEALS = [
    # On track: three stages earned, the fourth not started.
    deal("D1", stage="Sample paid"),
    # Declared two stages above what its one piece of evidence earns.
    deal("D2", stage="Proposal accepted", created=dt.date(2026, 1, 1)),
    # Won by a customer who asked for a proforma invoice and paid.
    deal("D3", stage="Order", status="Won", closed_on=dt.date(2026, 2, 25)),
    # No evidence at all, created recently.
    deal("D4", stage="Inquiry", created=dt.date(2026, 2, 20)),
    # Its second criterion is dated after the as-of date.
    deal("D5", stage="Inquiry"),
    # Lost after the customer paid for samples without confirming needs.
    deal("D6", stage="Sample paid", status="Lost", closed_on=dt.date(2026, 2, 15)),
    # Every stage earned but still open.
    deal("D7", stage="Order"),
]

EVIDENCE = [
    evidence("D1", "IQ1", "2026-01-10"),
    evidence("D1", "NC1", "2026-01-20"),
    evidence("D1", "NC1", "2026-01-25"),
    evidence("D1", "SP1", "2026-02-01"),
    evidence("D2", "IQ1", "2026-01-05"),
    evidence("D3", "IQ1", "2026-01-02"),
    evidence("D3", "PA1", "2026-02-10"),
    evidence("D3", "OR1", "2026-02-20"),
    evidence("D5", "IQ1", "2026-01-03"),
    evidence("D5", "NC1", "2026-03-05"),
    evidence("D6", "IQ1", "2026-01-03"),
    evidence("D6", "SP1", "2026-01-13"),
    evidence("D7", "IQ1", "2026-01-02"),
    evidence("D7", "NC1", "2026-01-05"),
    evidence("D7", "SP1", "2026-01-09"),
    evidence("D7", "PA1", "2026-01-20"),
    evidence("D7", "OR1", "2026-02-19"),
    # A deal that is not in the Deals table is left out.
    evidence("D9", "IQ1", "2026-01-03"),
]


@pytest.fixture(scope="module")
def audit(tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    path = write_team_workbook(
        tmp_path_factory.mktemp("stages") / "team.xlsx",
        deals=DEALS,
        evidence=EVIDENCE,
    )
    book, _ = load_team_book(path)
    return audit_stages(book, AS_OF).set_index("deal_id")


@pytest.mark.parametrize(
    ("deal_id", "earned_stage", "earned_index"),
    [
        ("D1", "Sample paid", 2),
        ("D2", "Inquiry", 0),
        ("D3", "Inquiry", 0),
        ("D4", None, -1),
        ("D5", "Inquiry", 0),
        ("D6", "Inquiry", 0),
        ("D7", "Order", 4),
    ],
)
def test_earned_stage(audit, deal_id, earned_stage, earned_index):
    row = audit.loc[deal_id]

    assert row["earned_index"] == earned_index
    if earned_stage is None:
        assert pd.isna(row["earned_stage"])
    else:
        assert row["earned_stage"] == earned_stage


@pytest.mark.parametrize(
    ("deal_id", "met", "required"),
    [
        ("D1", 3, 3),
        ("D2", 1, 4),
        ("D3", 3, 5),
        ("D4", 0, 1),
        ("D7", 5, 5),
    ],
)
def test_criteria_met_up_to_declared_stage(audit, deal_id, met, required):
    row = audit.loc[deal_id]

    assert row["criteria_met"] == met
    assert row["criteria_required"] == required


@pytest.mark.parametrize(
    ("deal_id", "actions"),
    [
        ("D1", ["Customer asks for a proforma invoice"]),
        ("D2", ["Customer describes the project"]),
        ("D4", ["Customer sends an inquiry"]),
        ("D5", ["Customer describes the project"]),
        ("D7", []),
    ],
)
def test_missing_actions(audit, deal_id, actions):
    assert audit.loc[deal_id, "missing_actions"] == actions


@pytest.mark.parametrize(
    ("deal_id", "skipped"),
    [
        ("D1", []),
        ("D3", ["Needs confirmed", "Sample paid"]),
        ("D4", []),
        ("D6", ["Needs confirmed"]),
    ],
)
def test_skipped_stages(audit, deal_id, skipped):
    assert audit.loc[deal_id, "skipped_stages"] == skipped


@pytest.mark.parametrize(
    ("deal_id", "days", "stuck"),
    [
        ("D1", 28, False),  # since SP1 on 02-01; Sample paid allows 30
        ("D2", 55, True),  # since IQ1 on 01-05; Inquiry allows 14
        ("D3", 54, False),  # 01-02 to Closed on 02-25; Won is never stuck
        ("D4", 9, False),  # since Created on 02-20
        ("D5", 57, True),  # NC1 on 03-05 does not count yet
        ("D6", 43, False),  # 01-03 to Closed on 02-15
        ("D7", 10, False),  # since OR1 on 02-19; Order has no Max days
    ],
)
def test_days_in_stage(audit, deal_id, days, stuck):
    row = audit.loc[deal_id]

    assert row["days_in_stage"] == days
    assert row["stuck"] == stuck


@pytest.mark.parametrize(
    ("deal_id", "next_step"),
    [
        (
            "D1",
            (
                "Proposal accepted: Send the proforma invoice and ask for the deposit. "
                "Missing customer actions: Customer asks for a proforma invoice."
            ),
        ),
        (
            "D4",
            (
                "Inquiry: Reply within a day and ask about the project. "
                "Missing customer actions: Customer sends an inquiry."
            ),
        ),
        ("D3", ""),
        ("D6", ""),
        (
            "D7",
            "Every stage is earned: set the Status to Won once the order is booked.",
        ),
    ],
)
def test_next_step(audit, deal_id, next_step):
    assert audit.loc[deal_id, "next_step"] == next_step


def test_audit_keeps_deal_order(audit):
    assert list(audit.index) == [row["deal_id"] for row in DEALS]


def test_stage_without_required_criteria(tmp_path):
    criteria = [row for row in CRITERIA if row[1] != "SP1"]
    path = write_team_workbook(
        tmp_path / "team.xlsx",
        criteria=criteria,
        deals=[deal("D1"), deal("D2")],
        evidence=[
            evidence("D1", "IQ1", "2026-01-02"),
            evidence("D1", "NC1", "2026-01-05"),
            evidence("D1", "PA1", "2026-01-20"),
            evidence("D2", "IQ1", "2026-01-02"),
            evidence("D2", "NC1", "2026-01-05"),
        ],
    )
    book, _ = load_team_book(path)

    audit = audit_stages(book, AS_OF).set_index("deal_id")

    # Sample paid is passed once a later stage has evidence, and only then.
    assert audit.loc["D1", "earned_stage"] == "Proposal accepted"
    assert audit.loc["D2", "earned_stage"] == "Needs confirmed"
    assert audit.loc["D1", "skipped_stages"] == []


def test_repeated_deal_id_gets_its_evidence(tmp_path):
    path = write_team_workbook(
        tmp_path / "team.xlsx",
        deals=[deal("101"), deal(101.0, amount=2000)],
        evidence=[evidence("101", "IQ1", "2026-01-06")],
    )
    book, _ = load_team_book(path)

    audit = audit_stages(book, AS_OF)

    assert list(audit["earned_stage"]) == ["Inquiry", "Inquiry"]
    assert len(audit) == len(book.deals)


def test_empty_ladder_earns_nothing(tmp_path):
    path = write_team_workbook(
        tmp_path / "team.xlsx", process=[], criteria=[], deals=[deal("D1")]
    )
    book, _ = load_team_book(path)

    audit = audit_stages(book, AS_OF)

    assert list(audit["earned_index"]) == [-1]


@pytest.mark.slow
def test_audit_speed_at_scale():
    import time

    from addin.model import TeamBook

    deals_count, evidence_count = 100_000, 1_000_000
    rng = np.random.default_rng(7)
    ids = np.array([f"D{number}" for number in range(deals_count)], dtype=object)
    stages = [row["Stage"] for row in PROCESS]
    process = pd.DataFrame(
        {
            "stage": stages,
            "playbook": [row["Playbook"] for row in PROCESS],
            "max_days": [row["Max days"] for row in PROCESS],
        }
    )
    criteria = pd.DataFrame(
        CRITERIA,
        columns=[
            "stage",
            "criterion",
            "customer_action",
            "evidence",
            "required",
            "weight",
        ],
    ).assign(required=lambda frame: frame["required"] == "Yes")
    start = pd.Timestamp("2025-01-01")
    deals = pd.DataFrame(
        {
            "deal_id": ids,
            "stage": rng.choice(stages, deals_count),
            "status": rng.choice(["Open", "Won", "Lost"], deals_count),
            "created": start + pd.to_timedelta(rng.integers(0, 300, deals_count), "D"),
            "closed_on": pd.NaT,
        }
    )
    evidence_rows = pd.DataFrame(
        {
            "deal_id": ids[rng.integers(0, deals_count, evidence_count)],
            "criterion": rng.choice(criteria["criterion"], evidence_count),
            "date": start + pd.to_timedelta(rng.integers(0, 400, evidence_count), "D"),
        }
    )
    book = TeamBook(process, criteria, pd.DataFrame(), deals, evidence_rows)

    started = time.perf_counter()
    audit = audit_stages(book, AS_OF)
    seconds = time.perf_counter() - started

    assert len(audit) == deals_count
    assert seconds < 10


def test_deal_created_after_as_of(tmp_path):
    path = write_team_workbook(
        tmp_path / "team.xlsx", deals=[deal("D1", created=dt.date(2026, 3, 10))]
    )
    book, _ = load_team_book(path)

    audit = audit_stages(book, AS_OF)

    assert np.isnan(audit["days_in_stage"].iat[0])
    assert not audit["stuck"].iat[0]
