import math

import pandas as pd
import pytest
from team_fixture import AS_OF, first_seen, team_book

from addin.engine.diagnose import ShapeLimits, diagnose_shape
from addin.engine.funnel import build_funnel
from addin.engine.score import audit_process
from addin.engine.scorecard import (
    MAX_COACHING_NOTES,
    build_scorecard,
    name_deals,
    scorecard_period,
    weighted_score,
)
from addin.engine.stages import audit_stages

REPS = ["Ann", "Ben", "Cy"]
SMALL_LIMITS = ShapeLimits(
    min_left_for_conversion=3, min_days_for_median=3, min_open_for_share=3
)


@pytest.fixture(scope="module")
def scorecard() -> pd.DataFrame:
    book = team_book()
    audit = audit_process(book, AS_OF, first_seen())
    period = scorecard_period(audit, book.settings)
    funnel = build_funnel(audit, REPS)
    diagnoses = diagnose_shape(audit, funnel, book.team, REPS, period, SMALL_LIMITS)
    stuck = audit_stages(book, AS_OF)["stuck"].to_numpy()
    return build_scorecard(audit, book.team, book.settings, REPS, diagnoses, stuck)


def _row(scorecard: pd.DataFrame, rep: str | None) -> pd.Series:
    if rep is None:
        return scorecard[scorecard["rep"].isna()].iloc[0]
    return scorecard[scorecard["rep"] == rep].iloc[0]


# Process scores: amounts times scores of the deals open now or closed in
# November, over the sum of their amounts.
ANN_SCORE = (
    30_000 * 87.5 + 20_000 * 100 + 10_000 * 100 + 50_000 * 100 + 40_000 * 90
) / 150_000
BEN_SCORE = (
    50_000 * 12.5 + 15_000 * 75 + 100_000 * 20 + 80_000 * 70 + 30_000 * 70 + 20_000 * 95
) / 295_000
CY_SCORE = (35_000 * 500 / 6 + 25_000 * 500 / 6 + 5_000 * 0 + 45_000 * 100) / 110_000


@pytest.mark.parametrize(
    ("rep", "column", "expected"),
    [
        ("Ann", "won", 90_000),
        ("Ann", "attainment", 1.8),
        ("Ann", "process_score", ANN_SCORE),
        ("Ann", "luck_share", 0.0),
        ("Ann", "by_result", 1_800),
        ("Ann", "by_process", 1_800),
        ("Ben", "won", 230_000),
        ("Ben", "attainment", 230_000 / 80_000),
        ("Ben", "process_score", BEN_SCORE),
        ("Ben", "luck_share", 180_000 / 230_000),
        ("Ben", "by_result", 6_900),
        ("Ben", "by_process", 4_575),
        ("Ben", "difference", -2_325),
        ("Cy", "won", 45_000),
        ("Cy", "quota", 120_000),
        ("Cy", "attainment", 0.375),
        ("Cy", "process_score", CY_SCORE),
        ("Cy", "pipeline", 65_000),
        ("Cy", "coverage", 65_000 / 75_000),
        ("Cy", "by_process", 1_125),
        (None, "won", 365_000),
        (None, "quota", 250_000),
        (None, "by_result", 9_825),
        (None, "by_process", 7_500),
    ],
)
def test_scorecard_figures(scorecard, rep, column, expected):
    assert _row(scorecard, rep)[column] == pytest.approx(expected)


@pytest.mark.parametrize("rep", ["Ann", "Ben", None])
def test_scorecard_coverage_blank_once_quota_met(scorecard, rep):
    assert math.isnan(_row(scorecard, rep)["coverage"])


def test_scorecard_rows_in_rep_order(scorecard):
    assert list(scorecard["rep"][:3]) == REPS


def test_coaching_luck_deals_first(scorecard):
    notes = _row(scorecard, "Ben")["notes"]

    assert notes[0].startswith("Review how B1 (100,000) was won")
    assert notes[1].startswith("Review how B2 (80,000) was won")
    assert notes[2].startswith("Move B4 on")


def test_coaching_names_stuck_and_leaky(scorecard):
    notes = _row(scorecard, "Cy")["notes"]

    assert notes == [
        (
            "Move C1, C2 on: they have sat in their stage past its Max days. "
            "Follow the next step in the Deal audit."
        ),
        (
            "Find out why deals leave Sample paid: only 33% move on, against "
            "82% for the team."
        ),
        (
            "Unblock the deals sitting in Sample paid (C1, C2): deals spend a "
            "median of 80 days there."
        ),
    ]


@pytest.mark.parametrize("rep", ["Ann", "Ben", "Cy", None])
def test_coaching_at_most_a_few(scorecard, rep):
    assert len(_row(scorecard, rep)["notes"]) <= MAX_COACHING_NOTES


def test_scorecard_without_diagnoses():
    book = team_book()
    audit = audit_process(book, AS_OF)

    scorecard = build_scorecard(audit, book.team, book.settings, REPS)

    assert _row(scorecard, "Ann")["notes"] == []


def test_weighted_score_no_amounts():
    deals = pd.DataFrame({"score": [50.0, 100.0], "amount_rc": [float("nan")] * 2})

    assert weighted_score(deals) == 75.0


def test_name_deals_counts_the_rest():
    deals = pd.DataFrame(
        {"deal_id": [f"D{i}" for i in range(7)], "amount_rc": range(7)}
    )

    assert name_deals(deals) == "D6, D5, D4, D3, D2 and 2 more"


def test_scorecard_no_wins_pays_zero():
    book = team_book()
    book.deals = book.deals[book.deals["status"] != "Won"].reset_index(drop=True)
    audit = audit_process(book, AS_OF)

    ann = _row(build_scorecard(audit, book.team, book.settings, REPS), "Ann")

    assert ann["by_result"] == 0.0
    assert ann["by_process"] == 0.0
