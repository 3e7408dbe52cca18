"""What the process engine finds in the two bundled samples."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from addin.engine.scorecard import review_process
from addin.engine.stages import audit_stages
from addin.load import load_team_book

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _review(name: str):
    book, _ = load_team_book(EXAMPLES / name)
    as_of = book.settings.effective_as_of()
    stuck = audit_stages(book, as_of)["stuck"].to_numpy(dtype=bool)
    return book, review_process(book, as_of, stuck=stuck)


@pytest.fixture(scope="module")
def export_team():
    return _review("export_team.xlsx")


@pytest.fixture(scope="module")
def maven():
    return _review("maven_crm.xlsx")


def _kinds_by_rep(review) -> dict[str, set[str]]:
    kinds: dict[str, set[str]] = {}
    for diagnosis in review.diagnoses:
        if diagnosis.rep is not None:
            kinds.setdefault(diagnosis.rep, set()).add(diagnosis.kind)
    return kinds


def _scorecard_row(review, rep: str) -> pd.Series:
    scorecard = review.scorecard
    return scorecard.loc[scorecard["rep"] == rep].iloc[0]


def test_export_lucky_rep_has_top_luck_share(export_team):
    _, review = export_team
    scorecard = review.scorecard.dropna(subset=["rep"])
    luck = scorecard.set_index("rep")["luck_share"].fillna(0)

    assert luck.idxmax() == "Tony Zhang"
    assert luck["Tony Zhang"] > 0.5
    assert (luck.drop("Tony Zhang") < 0.2).all()


def test_export_lucky_rep_paid_less_by_process(export_team):
    _, review = export_team
    differences = review.scorecard.dropna(subset=["rep"]).set_index("rep")["difference"]

    assert differences.idxmin() == "Tony Zhang"


def test_export_slow_rep_only_jammed(export_team):
    _, review = export_team

    jammed = {
        rep for rep, kinds in _kinds_by_rep(review).items() if "jammed_stage" in kinds
    }

    assert jammed == {"Grace Xu"}


def test_export_short_rep_top_too_small(export_team):
    _, review = export_team

    short = {
        rep for rep, kinds in _kinds_by_rep(review).items() if "top_too_small" in kinds
    }

    assert short == {"Leo Zhao"}


def test_export_coaching_names_planted_reps(export_team):
    _, review = export_team

    tony = " ".join(_scorecard_row(review, "Tony Zhang")["notes"])
    grace = " ".join(_scorecard_row(review, "Grace Xu")["notes"])
    leo = " ".join(_scorecard_row(review, "Leo Zhao")["notes"])

    assert "was won" in tony
    assert "past its Max days" in grace
    assert "new deals" in leo


def test_maven_engaging_conversion_is_win_rate(maven):
    book, review = maven
    funnel = review.funnel
    team = funnel[funnel["rep"].isna()].set_index("stage")
    deals = book.deals
    engaged = deals[
        deals["stage"].isin(["Engaging", "Order"])
        | deals["status"].isin(["Won", "Lost"])
    ]
    won = int((engaged["status"] == "Won").sum())
    lost = int((engaged["status"] == "Lost").sum())

    assert won == 4238
    assert lost == 2473
    assert team.loc["Engaging", "conversion"] == pytest.approx(won / (won + lost))


def test_maven_team_won_amount(maven):
    book, review = maven
    deals = review.audit.deals

    won = deals.loc[deals["status"] == "Won", "amount_rc"].sum()

    assert won == pytest.approx(10_005_534)
