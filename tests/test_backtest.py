import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from addin.cli import main
from addin.engine.backtest import backtest, score
from addin.engine.forecast import TEAM_SCOPE
from addin.load import load_team_book
from tests.forecast_books import Deal, closed_history, team_book

MAVEN = Path(__file__).parent.parent / "examples" / "maven_crm.xlsx"


@pytest.fixture(scope="module")
def maven_result():
    book, _ = load_team_book(MAVEN)

    return backtest(book, simulations=1_000)


def team_score(result, method):
    scores = result.scores
    row = scores[(scores["scope"] == TEAM_SCOPE) & (scores["method"] == method)]
    return row.iloc[0]


def test_maven_backtests_nine_months(maven_result):
    team = maven_result.periods[maven_result.periods["scope"] == TEAM_SCOPE]

    assert team["period"].tolist()[0] == "2017-04"
    assert len(team) == 9


def test_maven_evidence_beats_stage_weighted(maven_result):
    evidence = team_score(maven_result, "evidence_based")
    weighted = team_score(maven_result, "stage_weighted")

    assert evidence["mean_accuracy"] > weighted["mean_accuracy"]


def test_maven_evidence_bias_is_small(maven_result):
    evidence = team_score(maven_result, "evidence_based")

    assert abs(evidence["bias"]) < 0.15


def test_maven_range_covers_most_periods(maven_result):
    evidence = team_score(maven_result, "evidence_based")

    # A calibrated P10-P90 covers 80 % of periods; 9 periods leave room.
    assert 0.6 <= evidence["range_coverage"] <= 1.0


def test_maven_rep_ranges_near_calibrated(maven_result):
    periods = maven_result.periods
    reps = periods[periods["scope"] != TEAM_SCOPE]

    below = (reps["actual"] < reps["p10"]).mean()
    above = (reps["actual"] > reps["p90"]).mean()

    # About 10 % each side when calibrated. The bounds are wide because the
    # 315 rep-months share one swing per month, so they vary together.
    assert 0.03 <= below <= 0.2
    assert 0.03 <= above <= 0.2


def test_backtest_skips_periods_without_history():
    deals = closed_history("Ann", won=3, lost=2, created=dt.date(2026, 1, 5), days=5)
    book, _ = team_book(deals, dt.date(2026, 3, 31), simulations=10)

    result = backtest(book)

    assert result.skipped == ["2026-01", "2026-02", "2026-03"]
    assert result.scores.empty


def test_backtest_uses_only_earlier_information():
    history = closed_history(
        "Ann", won=15, lost=10, created=dt.date(2026, 1, 2), days=3
    )
    later = Deal("L1", "Ann", 5000, "Won", dt.date(2026, 2, 3), dt.date(2026, 2, 4))
    book, _ = team_book(history + [later], dt.date(2026, 2, 28), simulations=10)

    result = backtest(book)

    february = result.periods[result.periods["scope"] == TEAM_SCOPE].iloc[0]
    assert february["period"] == "2026-02"
    assert february["actual"] == 5000
    assert february["stage_weighted"] == 0


def test_score_bias_and_coverage():
    periods = _periods([(100, 120, 90, 130), (200, 160, 170, 190)])

    scores = score(periods)

    row = scores[scores["method"] == "stage_weighted"].iloc[0]
    assert row["mean_accuracy"] == pytest.approx((0.8 + 0.8) / 2)
    assert row["mape"] == pytest.approx(0.2)
    assert row["bias"] == pytest.approx((20 - 40) / 300)
    assert row["range_coverage"] == pytest.approx(0.5)


def _periods(rows):
    return pd.DataFrame(
        [
            {
                "scope": TEAM_SCOPE,
                "period": f"P{index}",
                "start": dt.date(2026, 1, 1),
                "actual": actual,
                "stage_weighted": forecast,
                "evidence_based": forecast,
                "p50": forecast,
                "p10": low,
                "p90": high,
            }
            for index, (actual, forecast, low, high) in enumerate(rows)
        ]
    )


def test_cli_backtest_prints_methods():
    runner = CliRunner()

    result = runner.invoke(main, ["backtest", str(MAVEN), "--simulations", "200"])

    assert result.exit_code == 0
    assert "Evidence-based" in result.output
    assert "Stage-weighted" in result.output
