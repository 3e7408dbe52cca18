import datetime as dt
import itertools
import math

import numpy as np
import pytest

from addin.engine.deal_odds import SWING_PRIOR, SWING_PRIOR_PERIODS
from addin.engine.forecast import TEAM_SCOPE, deals_as_of, earned_as_of, forecast
from addin.load import load_team_book
from addin.sheets.forecast import forecast_sheet
from tests.forecast_books import Deal, closed_history, team_book
from tests.workbooks import deal, evidence, write_team_workbook

AS_OF = dt.date(2026, 3, 1)
OCTOBER = dt.date(2025, 10, 1)


def known_team(simulations=20_000):
    """Ann won 30 of 50 deals, each closed 10 days after Created; three are open.

    The open deals are 151 days old, older than any close, so their chance to
    close comes from the tail rate: 50 closes over 50 x 10 + 3 x 151 days.
    """
    history = closed_history("Ann", won=30, lost=20, created=OCTOBER, days=10)
    open_deals = [
        Deal(f"O{amount}", "Ann", amount, "Open", OCTOBER) for amount in (100, 200, 300)
    ]
    return team_book(history + open_deals, AS_OF, simulations=simulations)


def chance_in_march():
    tail_rate = 50 / (50 * 10 + 3 * 151)
    return 0.6 * (1 - math.exp(-30 * tail_rate))


def test_forecast_evidence_based_matches_analytic():
    book, earned = known_team()

    march = forecast(book, earned).figures_of(TEAM_SCOPE)[0]

    assert march.evidence_based == pytest.approx(600 * chance_in_march())


def grid_expectation(values, weights):
    return float((values * weights).sum() / weights.sum())


def swing_above(threshold):
    """Return P(swing factor >= threshold) with only the prior swing.

    The history has one won period, so σ² = 3 x 0.3² / y with y chi-squared
    with 3 degrees of freedom, and log factor = σ z - σ² / 2.
    """
    y = np.linspace(1e-4, 80, 40_000)
    weights = np.sqrt(y) * np.exp(-y / 2)
    sigma = np.sqrt(SWING_PRIOR_PERIODS * SWING_PRIOR**2 / y)
    z = (math.log(threshold) + sigma**2 / 2) / sigma
    above = 0.5 * np.array([math.erfc(value / math.sqrt(2)) for value in z])
    return grid_expectation(above, weights)


def beta_pdf(x, a, b):
    log_norm = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
    return np.exp(log_norm + (a - 1) * np.log(x) + (b - 1) * np.log1p(-x))


def exact_chance_of_quota():
    """Return P(won >= 500) of :func:`known_team` by integration.

    The team rate p is Beta(30, 20); Ann's rate w given p is
    Beta(30 + 10p, 20 + 10(1 - p)), shared by the three open deals. Each
    deal then closes in March with the tail chance, and the won amount is
    scaled by the swing factor.
    """
    close = chance_in_march() / 0.6
    grid = np.linspace(0.0005, 0.9995, 1_000)
    p_weights = beta_pdf(grid, 30, 20)
    w_weights = sum(
        weight * beta_pdf(grid, 30 + 10 * p, 30 - 10 * p)
        for p, weight in zip(grid, p_weights / p_weights.sum(), strict=True)
    )
    won = grid * close
    chance = np.zeros_like(grid)
    for outcome in itertools.product([0, 1], repeat=3):
        amount = sum(np.array([100, 200, 300]) * outcome)
        if amount == 0:
            continue
        wins = sum(outcome)
        chance += won**wins * (1 - won) ** (3 - wins) * swing_above(500 / amount)
    return grid_expectation(chance, w_weights)


def test_forecast_chance_of_quota_matches_exact():
    book, earned = known_team()
    exact = exact_chance_of_quota()
    error = math.sqrt(exact * (1 - exact) / 20_000)

    march = forecast(book, earned).figures_of(TEAM_SCOPE)[0]

    assert abs(march.chance_of_quota - exact) < 3 * error


def test_forecast_stage_weighted_uses_declared_win_pct():
    book, earned = known_team()

    march = forecast(book, earned).figures_of(TEAM_SCOPE)[0]

    assert march.stage_weighted == pytest.approx(0.5 * 600)


@pytest.mark.parametrize(
    ("expected_close", "period_index"),
    [
        (None, 0),
        (dt.date(2026, 1, 20), 0),
        (dt.date(2026, 3, 31), 0),
        (dt.date(2026, 4, 1), 1),
        (dt.date(2026, 5, 31), 2),
    ],
)
def test_forecast_stage_weighted_period(expected_close, period_index):
    deal = Deal("D1", "Ann", 1000, "Open", OCTOBER, expected_close=expected_close)
    book, earned = team_book([deal], AS_OF, simulations=10)

    figures = forecast(book, earned).figures_of(TEAM_SCOPE)

    weighted = [figure.stage_weighted for figure in figures]
    assert weighted[period_index] == pytest.approx(500)
    assert sum(weighted) == pytest.approx(500)


def test_forecast_won_so_far_counts_to_as_of():
    deals = [
        Deal("W1", "Ann", 700, "Won", OCTOBER, dt.date(2026, 3, 10)),
        Deal("W2", "Ann", 900, "Won", OCTOBER, dt.date(2026, 3, 20)),
    ]
    book, earned = team_book(deals, dt.date(2026, 3, 15), simulations=10)

    march = forecast(book, earned).figures_of(TEAM_SCOPE)[0]

    assert march.won_so_far == 700


def test_forecast_rep_figures_add_to_team():
    book, earned = known_team(simulations=100)

    result = forecast(book, earned)

    team = result.figures_of(TEAM_SCOPE)[0]
    ann = result.figures_of("Ann")[0]
    assert ann.evidence_based == pytest.approx(team.evidence_based)


def test_forecast_same_input_same_sheet():
    book, earned = known_team(simulations=1_000)

    first = forecast_sheet(forecast(book, earned))
    second = forecast_sheet(forecast(book, earned))

    assert first == second


def test_forecast_range_is_ordered():
    book, earned = known_team(simulations=1_000)

    march = forecast(book, earned).figures_of(TEAM_SCOPE)[0]

    assert march.p10 <= march.p50
    assert march.p50 <= march.p90


def test_deals_as_of_reopens_later_closes():
    deal = Deal("D1", "Ann", 100, "Won", OCTOBER, dt.date(2026, 4, 2))
    book, earned = team_book([deal], AS_OF)

    deals = deals_as_of(book, earned, AS_OF)

    assert deals.loc[0, "status"] == "Open"
    assert deals["closed_on"].isna().all()


def test_deals_as_of_drops_later_deals():
    deal = Deal("D1", "Ann", 100, "Open", dt.date(2026, 3, 2))
    book, earned = team_book([deal], AS_OF)

    deals = deals_as_of(book, earned, AS_OF)

    assert deals.empty


def test_stage_rates_count_closed_deals():
    book, earned = known_team(simulations=10)

    rates = forecast(book, earned).stage_rates

    offer = next(rate for rate in rates if rate.stage == "Offer")
    assert offer.closed_deals == 50
    assert offer.won_deals == 30
    assert offer.observed_win_rate == pytest.approx(0.6)
    assert offer.manager_win_pct == pytest.approx(0.5)


def test_forecast_new_deals_add_recent_pace():
    history = closed_history(
        "Ann", won=30, lost=30, created=dt.date(2026, 2, 1), days=0
    )
    book, earned = team_book(history, AS_OF, simulations=10)

    march = forecast(book, earned).figures_of(TEAM_SCOPE)[0]

    # 60 deals in the 29 days from February 1 to March 1, half won, all
    # closing the day they are created: 30 days of March still to come.
    assert march.new_deals == pytest.approx(30 * 60 / 29 * 0.5 * 100)
    assert np.isfinite(march.p90)


def xlsx_team(tmp_path):
    """Write a workbook whose open deal declares Proposal accepted but earned Inquiry."""
    closed = [
        deal(
            f"C{index}",
            status="Won" if index < 6 else "Lost",
            created=dt.date(2025, 9, 1),
            closed_on=dt.date(2025, 9, 20),
        )
        for index in range(10)
    ]
    rows = [
        *closed,
        deal("O1", stage="Proposal accepted", amount=1000, created=dt.date(2025, 9, 1)),
    ]
    proof = [evidence(f"C{index}", "IQ1", "2025-09-02") for index in range(10)]
    proof.append(evidence("O1", "IQ1", "2025-09-02"))
    path = write_team_workbook(
        tmp_path / "team.xlsx",
        deals=rows,
        evidence=proof,
        settings={"As-of date": "2026-03-01", "Forecast simulations": 500},
    )
    book, _ = load_team_book(path)
    return book


def test_forecast_from_xlsx_same_sheet_twice(tmp_path):
    book = xlsx_team(tmp_path)
    earned = earned_as_of(book, AS_OF)

    first = forecast_sheet(forecast(book, earned))
    second = forecast_sheet(forecast(book, earned))

    assert first == second


def test_forecast_from_xlsx_uses_earned_stage(tmp_path):
    book = xlsx_team(tmp_path)
    earned = earned_as_of(book, AS_OF)

    rates = {rate.stage: rate for rate in forecast(book, earned).stage_rates}

    assert rates["Inquiry"].closed_deals == 10
    assert rates["Inquiry"].observed_win_rate == pytest.approx(0.6)
    assert rates["Proposal accepted"].closed_deals == 0


def test_forecast_sheet_chart_names_team_columns():
    book, earned = known_team(simulations=100)

    sheet = forecast_sheet(forecast(book, earned))

    team = sheet.blocks[0]
    headers = {column.header for column in team.columns}
    assert team.chart is not None
    assert team.chart.category_column in headers
    assert set(team.chart.value_columns) <= headers


def test_forecast_sheet_block_per_rep():
    book, earned = known_team(simulations=100)

    sheet = forecast_sheet(forecast(book, earned))

    titles = [block.title for block in sheet.blocks]
    assert titles[:2] == ["Team forecast", "Forecast of Ann"]
