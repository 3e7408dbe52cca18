"""The worksheet functions, called with ranges shaped the way Excel sends them.

Excel passes a range as a list of rows; through Office.js a date cell arrives
as its serial number and an empty cell as ``""``. The ranges here are the
tables of a real team workbook in that form.
"""

import datetime as dt
import os

# xlwings Server is part of xlwings PRO; "noncommercial" is its free license
# key for development, tests and non-commercial use.
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

import asyncio

import pytest
import xlwings as xw
import xlwings.server
from python_calamine import CalamineWorkbook
from workbooks import deal, evidence, write_team_workbook

from udfs import functions

AS_OF = 46054.0
"""2026-02-01 as an Excel date serial."""


def _serial(value):
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return float((value - dt.date(1899, 12, 30)).days)
    return value


@pytest.fixture(scope="module")
def ranges(tmp_path_factory):
    path = write_team_workbook(
        tmp_path_factory.mktemp("udfs") / "team.xlsx",
        deals=[
            deal("D1", stage="Needs confirmed", amount=2000),
            deal("D2", stage="Inquiry"),
            deal(1001, stage="Order", status="Won", closed_on=dt.date(2026, 1, 20)),
            deal("D4", status="Lost", closed_on=dt.date(2026, 1, 25)),
        ],
        evidence=[
            evidence("D1", "IQ1", "2026-01-06"),
            evidence(1001, "IQ1", "2026-01-06"),
            evidence(1001, "NC1", "2026-01-08"),
            evidence(1001, "SP1", "2026-01-10"),
            evidence(1001, "PA1", "2026-01-12"),
            evidence(1001, "OR1", "2026-01-19"),
            evidence("D4", "IQ1", "2026-01-07"),
        ],
    )
    workbook = CalamineWorkbook.from_path(str(path))
    return {
        name.lower(): [
            [_serial(cell) for cell in row]
            for row in workbook.get_sheet_by_name(name).to_python()
        ]
        for name in ("Process", "Criteria", "Team", "Deals", "Evidence")
    }


def _tables(ranges):
    return ranges["deals"], ranges["evidence"], ranges["criteria"], ranges["process"]


@pytest.mark.parametrize(
    ("deal_id", "stage"),
    [("D1", "Inquiry"), ("D2", ""), (1001.0, "Order"), ("D4", "Inquiry")],
)
def test_earned_stage_of_deal(ranges, deal_id, stage):
    assert functions.earned_stage(deal_id, *_tables(ranges), AS_OF) == stage


def test_earned_stage_unknown_deal_text(ranges):
    result = functions.earned_stage("D404", *_tables(ranges), AS_OF)

    assert result == "#SALESFLOW: no deal 'D404' in the Deals table"


def test_process_score_won_deal_without_optional(ranges):
    # Every criterion met except the optional NC2: weight 9 of 10.
    assert functions.process_score(1001.0, *_tables(ranges), AS_OF) == 90.0


def test_process_score_between_0_and_100(ranges):
    score = functions.process_score("D1", *_tables(ranges), AS_OF)

    assert 0 <= score <= 100


def test_funnel_spills_one_row_per_stage(ranges):
    table = functions.funnel(*_tables(ranges), None, AS_OF)

    assert table[0][:2] == ["Stage", "Open deals"]
    assert [row[0] for row in table[1:]] == [row[0] for row in ranges["process"][1:]]


def test_funnel_of_rep(ranges):
    table = functions.funnel(*_tables(ranges), "Ann", AS_OF)

    assert len(table) == len(ranges["process"])


def test_funnel_unknown_rep_text(ranges):
    result = functions.funnel(*_tables(ranges), "Zed", AS_OF)

    assert result.startswith("#SALESFLOW: ")


def test_win_probability_of_stage(ranges):
    # Two deals closed after earning Inquiry: one won, one lost.
    assert functions.win_probability("Inquiry", *_tables(ranges), AS_OF) == 0.5


def test_win_probability_unknown_stage_text(ranges):
    result = functions.win_probability("Nowhere", *_tables(ranges), AS_OF)

    assert result.startswith("#SALESFLOW: no stage")


@pytest.mark.parametrize(
    ("amount", "score", "rate", "curve", "commission"),
    [
        (1_000_000.0, 80.0, 0.02, None, 18_000.0),
        (1_000_000.0, 80.0, 2.0, None, 18_000.0),
        (1_000_000.0, 80.0, "2%", None, 18_000.0),
        (1_000_000.0, 95.0, 0.02, None, 20_000.0),
        (1_000_000.0, 40.0, 0.02, "", 10_000.0),
        (
            1000.0,
            60.0,
            0.1,
            [["Min score", "Payout %"], [50.0, 1.0], [0.0, 0.0]],
            100.0,
        ),
        (1000.0, 40.0, 0.1, [["Min score", "Payout %"], [50.0, 1.0], ["", ""]], 0.0),
    ],
)
def test_commission_by_process(amount, score, rate, curve, commission):
    assert functions.commission(amount, score, rate, curve) == pytest.approx(commission)


@pytest.mark.parametrize("score", ["", None, "high", True])
def test_commission_bad_score_text(score):
    result = functions.commission(1000.0, score, 0.02)

    assert result.startswith("#SALESFLOW: expected a number for score")


def test_commission_bad_rate_text():
    result = functions.commission(1000.0, 80.0, "lots")

    assert result.startswith("#SALESFLOW: expected a rate")


def test_forecast_figure_p50_of_period(ranges):
    p50 = functions.forecast_figure(
        AS_OF, *_tables(ranges), ranges["team"], "P50", None, AS_OF
    )

    assert p50 >= 0


def test_forecast_figure_p10_below_p90(ranges):
    low = functions.forecast_figure(AS_OF, *_tables(ranges), ranges["team"], "P10")
    high = functions.forecast_figure(AS_OF, *_tables(ranges), ranges["team"], "P90")

    assert low <= high


def test_forecast_figure_unknown_figure_text(ranges):
    result = functions.forecast_figure(AS_OF, *_tables(ranges), ranges["team"], "P75")

    assert result.startswith("#SALESFLOW: figure 'P75'")


def test_broken_range_text(ranges):
    broken = [["Customer"], ["Acme"]]

    result = functions.earned_stage("D1", broken, *_tables(ranges)[1:], AS_OF)

    assert result.startswith("#SALESFLOW: ")


def test_team_book_cached_on_contents(ranges):
    first = functions.team_book(*_tables(ranges))
    again = functions.team_book(*[list(map(list, table)) for table in _tables(ranges)])

    assert again is first


@pytest.mark.parametrize(
    ("cell", "day"),
    [
        (46054.0, dt.date(2026, 2, 1)),
        ("2026-02-01", dt.date(2026, 2, 1)),
        (dt.datetime(2026, 2, 1, 9, 0), dt.date(2026, 2, 1)),
        ("", None),
        (None, None),
    ],
)
def test_as_of_date_from_cell(cell, day):
    assert functions.as_of_date(cell) == day


def test_office_js_call_earned_stage(ranges):
    data = {
        "func_name": "earned_stage",
        "args": [[["D1"]], *_tables(ranges), [[AS_OF]]],
        "caller_address": "[team.xlsx]Sheet1!B2",
        "client": "Office.js",
        "version": xw.__version__,
        "runtime": "1.4",
    }

    result = asyncio.run(xlwings.server.custom_functions_call(data, functions))

    assert result == [["Inquiry"]]


def test_office_js_call_funnel_spills(ranges):
    data = {
        "func_name": "funnel",
        "args": [*_tables(ranges), [[""]], [[AS_OF]]],
        "caller_address": "[team.xlsx]Sheet1!B2",
        "client": "Office.js",
        "version": xw.__version__,
        "runtime": "1.4",
    }

    result = asyncio.run(xlwings.server.custom_functions_call(data, functions))

    assert len(result) == len(ranges["process"])
