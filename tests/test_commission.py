import pandas as pd
import pytest
from team_fixture import AS_OF, first_seen, team_book

from addin.engine.commission import curve_payouts, deal_commissions
from addin.engine.score import audit_process
from addin.model import DEFAULT_CURVE, CurveBand


@pytest.mark.parametrize(
    ("score", "payout"),
    [
        (100, 1.0),
        (90, 1.0),
        (89.9, 0.9),
        (80, 0.9),
        (75, 0.9),
        (74.99, 0.75),
        (50, 0.75),
        (49, 0.5),
        (0, 0.5),
    ],
)
def test_curve_payout_default_bands(score, payout):
    paid = curve_payouts(pd.Series([float(score)]), DEFAULT_CURVE)

    assert paid.iloc[0] == payout


def test_curve_payout_below_every_band():
    curve = (CurveBand(50, 1.0),)

    paid = curve_payouts(pd.Series([40.0, float("nan")]), curve)

    assert paid.iloc[0] == 0.0
    assert pd.isna(paid.iloc[1])


def test_commission_million_at_two_percent():
    deals = pd.DataFrame(
        {
            "deal_id": ["D1"],
            "rep": ["Ann"],
            "status": ["Won"],
            "amount_rc": [1_000_000.0],
            "closed_on": [pd.Timestamp("2026-11-10")],
            "score": [80.0],
        }
    )
    team = pd.DataFrame({"rep": ["Ann"], "commission_rate": [0.02]})

    commission = deal_commissions(deals, team, DEFAULT_CURVE).iloc[0]

    assert commission["by_result"] == pytest.approx(20_000)
    assert commission["by_process"] == pytest.approx(18_000)


@pytest.mark.parametrize(
    ("deal", "by_result", "by_process"),
    [
        ("A1", 1_000, 1_000),
        ("A2", 800, 800),  # score 90 pays 100 %
        ("B1", 3_000, 1_500),  # score 20 pays 50 %
        ("B2", 2_400, 1_800),  # score 70 pays 75 %
        ("B3", 900, 675),
        ("B7", 600, 600),
        ("C5", 1_125, 1_125),
    ],
)
def test_commission_per_won_deal(deal, by_result, by_process):
    book = team_book()
    audit = audit_process(book, AS_OF, first_seen())

    commissions = deal_commissions(audit.deals, book.team, book.settings.curve)
    row = commissions.set_index("deal_id").loc[deal]

    assert row["by_result"] == pytest.approx(by_result)
    assert row["by_process"] == pytest.approx(by_process)


def test_commission_only_won_deals():
    book = team_book()
    audit = audit_process(book, AS_OF)

    commissions = deal_commissions(audit.deals, book.team, book.settings.curve)

    assert set(commissions["deal_id"]) == {
        "A1",
        "A2",
        "A7",
        "B1",
        "B2",
        "B3",
        "B7",
        "C5",
    }


def test_commission_rep_not_in_team():
    deals = pd.DataFrame(
        {
            "deal_id": ["D1"],
            "rep": ["Zed"],
            "status": ["Won"],
            "amount_rc": [100.0],
            "closed_on": [pd.NaT],
            "score": [100.0],
        }
    )
    team = pd.DataFrame({"rep": ["Ann"], "commission_rate": [0.02]})

    commission = deal_commissions(deals, team, DEFAULT_CURVE).iloc[0]

    assert pd.isna(commission["by_result"])
    assert pd.isna(commission["by_process"])
