import datetime as dt

import pandas as pd
import pytest
from team_fixture import AS_OF, first_seen, team_book

from addin.engine.score import (
    BACKFILL_CREDIT,
    OUT_OF_ORDER_CREDIT,
    audit_process,
)


@pytest.fixture(scope="module")
def deals() -> pd.DataFrame:
    audit = audit_process(team_book(), AS_OF, first_seen())
    return audit.deals.set_index("deal_id")


@pytest.mark.parametrize(
    ("deal", "score"),
    [
        ("A1", 100.0),  # every criterion met
        ("A2", 90.0),  # optional NC2 missing: 9 of 10
        ("A3", 87.5),  # open at Proposal accepted: 7 of 8
        ("A4", 100.0),
        ("A5", 75.0),  # lost after Needs confirmed: 3 of 4
        ("A6", 100.0),
        ("B1", 20.0),  # only the order: 2 of 10
        ("B2", 70.0),  # Sample paid skipped: 7 of 10
        ("B3", 70.0),  # SP1 and PA1 back-filled: 1 + 2 + 1 + 1 + 2
        ("B4", 12.5),  # declares Proposal accepted with 1 of 8
        ("B5", 50.0),  # lost at Sample paid: 3 of 6
        ("B6", 75.0),
        ("B7", 95.0),  # SP1 before NC1: 1 + 3 + 1.5 + 2 + 2
        ("C1", 500 / 6),
        ("C5", 100.0),
        ("C6", 0.0),  # no evidence, declared Inquiry
    ],
)
def test_score_per_deal(deals, deal, score):
    assert deals.loc[deal, "score"] == pytest.approx(score)


def test_score_credits_documented():
    assert BACKFILL_CREDIT == 0.5
    assert OUT_OF_ORDER_CREDIT == 0.75


def test_score_without_first_seen_no_backfill():
    audit = audit_process(team_book(), AS_OF)

    score = audit.deals.set_index("deal_id").loc["B3", "score"]

    assert score == pytest.approx(90.0)  # NC2 is missing


@pytest.mark.parametrize(
    ("deal", "earned", "target"),
    [
        ("A3", 3, 3),
        ("B1", -1, 4),
        ("B2", 1, 4),
        ("B4", 0, 3),
        ("B5", 0, 2),
        ("C6", -1, 0),
    ],
)
def test_score_earned_and_target(deals, deal, earned, target):
    assert deals.loc[deal, "earned_index"] == earned
    assert deals.loc[deal, "target_index"] == target


@pytest.mark.parametrize(
    ("deal", "skipped"),
    [
        ("A1", []),
        ("B1", ["Inquiry", "Needs confirmed", "Sample paid", "Proposal accepted"]),
        ("B2", ["Sample paid"]),
        ("B4", []),
        ("B5", ["Needs confirmed"]),
    ],
)
def test_score_skipped_stages(deals, deal, skipped):
    assert deals.loc[deal, "skipped_stages"] == skipped


@pytest.mark.parametrize(
    ("deal", "won_class"),
    [
        ("A1", "process_win"),
        ("A2", "process_win"),
        ("A7", "process_win"),
        ("B1", "luck"),
        ("B2", "luck"),
        ("B3", "won_with_gaps"),
        ("B7", "process_win"),
        ("C5", "process_win"),
    ],
)
def test_won_class_per_deal(deals, deal, won_class):
    assert deals.loc[deal, "won_class"] == won_class


@pytest.mark.parametrize("deal", ["A3", "B5", "C6"])
def test_won_class_none_unless_won(deals, deal):
    assert pd.isna(deals.loc[deal, "won_class"])


def test_won_class_order_only_is_luck():
    book = team_book()
    book.deals = book.deals[book.deals["deal_id"] == "B1"].reset_index(drop=True)

    deal = audit_process(book, AS_OF).deals.iloc[0]

    assert deal["won_class"] == "luck"
    assert deal["skipped_stages"] == [
        "Inquiry",
        "Needs confirmed",
        "Sample paid",
        "Proposal accepted",
    ]


def test_won_class_below_luck_threshold():
    book = team_book(luck_threshold=80.0)

    deals = audit_process(book, AS_OF, first_seen()).deals.set_index("deal_id")

    assert deals.loc["B3", "won_class"] == "luck"
    assert deals.loc["A2", "won_class"] == "process_win"


def test_audit_closed_after_as_of_reads_open():
    as_of = dt.date(2026, 11, 9)

    deals = audit_process(team_book(), as_of).deals.set_index("deal_id")

    assert deals.loc["A1", "status"] == "Open"
    assert deals.loc["A2", "status"] == "Won"
    assert pd.isna(deals.loc["A1", "closed_on"])


def test_audit_created_after_as_of_out_of_view():
    deals = audit_process(team_book(), dt.date(2026, 11, 1)).deals

    hidden = set(deals.loc[~deals["in_view"], "deal_id"])

    assert hidden == {"B6", "C6"}


def test_audit_keeps_deal_order():
    book = team_book()

    deals = audit_process(book, AS_OF).deals

    assert list(deals["deal_id"]) == list(book.deals["deal_id"])


def test_score_open_unknown_stage_uses_evidence():
    book = team_book()
    book.deals.loc[book.deals["deal_id"] == "B4", "stage"] = None

    deals = audit_process(book, AS_OF).deals.set_index("deal_id")

    assert deals.loc["B4", "target_index"] == 0
    assert deals.loc["B4", "score"] == pytest.approx(100.0)
