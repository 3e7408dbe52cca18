"""Parsing the values reps type: each case of the case workbooks, and more."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from addin.locale.en import TEXTS as EN
from addin.locale.zh_CN import TEXTS as ZH
from addin.values import (
    Parsed,
    closest_name,
    describe,
    normalize_name,
    parse_amount,
    parse_cell,
    parse_currency,
    parse_date,
    parse_id,
    parse_number,
    parse_percent,
    parse_status,
    parse_text,
    parse_yesno,
)

MARCH_15 = dt.date(2024, 3, 15)
NOV_3 = dt.date(2026, 11, 3)


def _severity(parsed: Parsed) -> str | None:
    return parsed.problem.severity if parsed.problem else None


# ---------------------------------------------------------------------------
# Dates: c09_dates.xlsx, then Chinese and other forms


@pytest.mark.parametrize(
    ("cell", "expected", "severity"),
    [
        (MARCH_15, MARCH_15, None),
        (dt.datetime(2024, 3, 15, 17, 30), MARCH_15, None),
        (45366.0, MARCH_15, "warning"),
        (45366, MARCH_15, "warning"),
        ("2024-03-15", MARCH_15, "warning"),
        ("15.03.2024", MARCH_15, "warning"),
        ("15/03/2024 ", MARCH_15, "warning"),
        ("03/04/2024", None, "error"),
        (None, None, None),
        ("", None, None),
        ("2026年11月3日", NOV_3, "warning"),
        ("２０２６年１１月３日", NOV_3, "warning"),
        ("2026/11/3", NOV_3, "warning"),
        ("2026-11-3", NOV_3, "warning"),
        ("26/11/3", None, "error"),
        ("15/03/24", None, "error"),
        ("04.04.2024", dt.date(2024, 4, 4), "warning"),
        ("3/13/2024", dt.date(2024, 3, 13), "warning"),
        ("2024-03-15 17:30", MARCH_15, "warning"),
        ("15 March 2024", MARCH_15, "warning"),
        ("Mar 15, 2024", MARCH_15, "warning"),
        ("15-Mar-2024", MARCH_15, "warning"),
        ("20240315", MARCH_15, "warning"),
        (20240315.0, MARCH_15, "warning"),
        (20241315.0, None, "error"),
        (1e300, None, "error"),
        ("2024-02-30", None, "error"),
        ("next week", None, "error"),
        ("#N/A", None, "error"),
        (5.0, None, "error"),
        (dt.time(17, 30), None, "error"),
    ],
)
def test_date_forms(cell, expected, severity):
    parsed = parse_date(cell)

    assert parsed.value == expected
    assert _severity(parsed) == severity


def test_date_serial_not_unix_time():
    parsed = parse_date(45366.0)

    assert parsed.value.year == 2024


def test_date_serial_warning_names_date():
    parsed = parse_date(45366.0)

    message, fix = describe(parsed.problem)

    assert "45366" in message
    assert "2024-03-15" in message
    assert "2024-03-15" in fix


def test_date_text_warning_quotes_value():
    message, _ = describe(parse_date("15/03/2024 ").problem)

    assert "'15/03/2024 '" in message


def test_date_ambiguous_asks_for_iso():
    message, fix = describe(parse_date("03/04/2024").problem)

    assert "'03/04/2024'" in message
    assert "2024-03-04" in fix
    assert "2024-04-03" in fix


# ---------------------------------------------------------------------------
# Amounts: c11_numbers_as_text.xlsx, then Chinese forms and currencies


@pytest.mark.parametrize(
    ("cell", "expected", "currency"),
    [
        (1200.0, 1200.0, None),
        ("1,200", 1200.0, None),
        ("1.200,50", 1200.50, None),
        ("1 500", 1500.0, None),
        ("€1,000", 1000.0, "EUR"),
        (" 3500 ", 3500.0, None),
        ("1\xa0000", 1000.0, None),
        ("１２，０００", 12000.0, None),
        ("１２　０００", 12000.0, None),
        ("12万", 120000.0, None),
        ("1.5万", 15000.0, None),
        ("1.15万", 11500.0, None),
        ("100美元", 100.0, "USD"),
        ("人民币500", 500.0, "CNY"),
        ("RMB 500", 500.0, "CNY"),
        ("￥500", 500.0, "CNY"),
        ("¥500", 500.0, "CNY"),
        ("US$1,000", 1000.0, "USD"),
        ("$1,000", 1000.0, "USD"),
        ("£20", 20.0, "GBP"),
        ("1000 eur", 1000.0, "EUR"),
        ("1,200.50", 1200.50, None),
        ("1 200,50", 1200.50, None),
        ("1.200.000", 1200000.0, None),
        ("12.5", 12.5, None),
        ("-1,000", -1000.0, None),
        ("(1,000)", -1000.0, None),
        (None, None, None),
    ],
)
def test_amount_forms(cell, expected, currency):
    parsed = parse_amount(cell)

    assert parsed.value == expected
    assert parsed.currency == currency
    assert parsed.problem is None


@pytest.mark.parametrize(
    ("cell", "key"),
    [
        ("12,5", "value.amount_ambiguous"),
        ("12,50", "value.amount_ambiguous"),
        ("1.200", "value.amount_ambiguous"),
        ("12 5", "value.amount_invalid"),
        ("1,20,000", "value.amount_invalid"),
        ("about 500", "value.amount_invalid"),
        ("€1000$", "value.amount_invalid"),
        ("#VALUE!", "value.excel_error"),
        (True, "value.amount_invalid"),
    ],
)
def test_amount_rejected(cell, key):
    parsed = parse_amount(cell)

    assert parsed.value is None
    assert parsed.problem.severity == "error"
    assert parsed.problem.key == key


def test_amount_ambiguous_message():
    message, fix = describe(parse_amount("12,5").problem)

    assert "'12,5'" in message
    assert "12.5" in fix


@pytest.mark.parametrize(
    ("cell", "expected", "key"),
    [
        (14, 14.0, None),
        ("1 000", 1000.0, None),
        ("€5", None, "value.number_invalid"),
        ("7,5", None, "value.number_ambiguous"),
    ],
)
def test_number_forms(cell, expected, key):
    parsed = parse_number(cell)

    assert parsed.value == expected
    assert (parsed.problem.key if parsed.problem else None) == key


# ---------------------------------------------------------------------------
# Ids


@pytest.mark.parametrize(
    ("cell", "expected", "severity"),
    [
        ("00103", "00103", None),
        ("105 ", "105", None),
        (101.0, "101", None),
        (101, "101", None),
        ("123456789012345678", "123456789012345678", None),
        (999999999999999.0, "999999999999999", None),
        (1.234567890123457e17, "123456789012346000", "error"),
        (0.1 + 0.2, "0.3", None),
        (None, None, None),
        (True, None, "error"),
    ],
)
def test_id_forms(cell, expected, severity):
    parsed = parse_id(cell)

    assert parsed.value == expected
    assert _severity(parsed) == severity


def test_id_rounded_fix_asks_for_text():
    message, fix = describe(parse_id(1.234567890123457e17).problem)

    assert "123456789012346000" in message
    assert "15 digits" in message
    assert "apostrophe" in fix


# ---------------------------------------------------------------------------
# Names: c12_stage_variants.xlsx

C12_STAGES = [
    "Won",
    "won",
    "Won ",
    "WON",
    "Won\xa0",
    " Won",
    "Proposal",
    "proposal ",
    "Lost",
    "Lost\u200b",
]


@pytest.mark.parametrize(
    ("cell", "key"),
    [
        ("Won", "won"),
        ("won", "won"),
        ("Won ", "won"),
        ("WON", "won"),
        ("Won\xa0", "won"),
        (" Won", "won"),
        ("Proposal", "proposal"),
        ("proposal ", "proposal"),
        ("Lost\u200b", "lost"),
        ("Proposa l", "proposa l"),
        ("Needs\u3000confirmed", "needs confirmed"),
        ("Needs  confirmed", "needs confirmed"),
        ("ＷＯＮ", "won"),
        ("Commission rate（%）", "commission rate(%)"),
        ("客户", "客户"),
        (101.0, "101"),
        (None, ""),
    ],
)
def test_name_key(cell, key):
    assert normalize_name(cell) == key


def test_name_variants_three_keys():
    keys = {normalize_name(stage) for stage in C12_STAGES}

    assert keys == {"won", "proposal", "lost"}


def test_closest_name_suggests_stage():
    assert closest_name("Proposa l", ["Won", "Proposal", "Lost"]) == "Proposal"


def test_closest_name_none_when_far():
    assert closest_name("Negotiation", ["Won", "Lost"]) is None


# ---------------------------------------------------------------------------
# Percents, flags, statuses, currencies, text


@pytest.mark.parametrize(
    ("cell", "expected", "severity"),
    [
        (2, 0.02, None),
        ("2%", 0.02, None),
        ("2 %", 0.02, None),
        ("２％", 0.02, None),
        (0.02, 0.02, None),
        ("0.5", 0.5, None),
        (90, 0.9, None),
        (1, 1.0, "warning"),
        ("1%", 0.01, None),
        ("12,5%", None, "error"),
        ("%", None, "error"),
        ("high", None, "error"),
        (None, None, None),
    ],
)
def test_percent_forms(cell, expected, severity):
    parsed = parse_percent(cell)

    assert parsed.value == pytest.approx(expected) if expected else parsed.value is None
    assert _severity(parsed) == severity


@pytest.mark.parametrize(
    ("cell", "expected", "severity"),
    [
        ("Yes", True, None),
        (" no ", False, None),
        ("是", True, None),
        ("否", False, None),
        (True, True, None),
        (1.0, True, None),
        (0, False, None),
        (None, None, None),
        ("maybe", None, "error"),
    ],
)
def test_yesno_forms(cell, expected, severity):
    parsed = parse_yesno(cell)

    assert parsed.value == expected
    assert _severity(parsed) == severity


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Won", "Won"),
        ("won ", "Won"),
        ("LOST\u200b", "Lost"),
        ("赢单", "Won"),
        ("跟进中", "Open"),
        (None, None),
    ],
)
def test_status_forms(cell, expected):
    assert parse_status(cell).value == expected


def test_status_unknown_names_closest():
    parsed = parse_status("Wonn")

    assert parsed.problem.key == "value.status_misspelt"
    assert parsed.problem.fields["closest"] == "Won"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("USD", "USD"),
        ("usd ", "USD"),
        ("$", "USD"),
        ("€", "EUR"),
        ("美元", "USD"),
        ("人民币", "CNY"),
        ("RMB", "CNY"),
        ("￥", "CNY"),
        ("dollars", None),
        (5.0, None),
    ],
)
def test_currency_forms(cell, expected):
    assert parse_currency(cell).value == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("  Acme Ltd ", "Acme Ltd"),
        ("Acme  Ltd", "Acme  Ltd"),
        (101.0, "101"),
        (1.5, "1.5"),
        (True, "TRUE"),
        (MARCH_15, "2024-03-15"),
        ("   ", None),
    ],
)
def test_text_forms(cell, expected):
    assert parse_text(cell).value == expected


@pytest.mark.parametrize(
    ("kind", "cell", "expected"),
    [
        ("id", 101.0, "101"),
        ("date", "2024-03-15", MARCH_15),
        ("amount", "1,200", 1200.0),
        ("name", " Won ", "Won"),
    ],
)
def test_parse_cell_by_kind(kind, cell, expected):
    assert parse_cell(kind, cell).value == expected


@pytest.mark.parametrize("language", ["en", "zh-CN"])
def test_describe_every_problem(language):
    problems = [
        parse_date(45366.0),
        parse_date("2024-03-15"),
        parse_date("03/04/2024"),
        parse_date("26/11/3"),
        parse_date("x"),
        parse_amount("12,5"),
        parse_amount("x"),
        parse_number("7,5"),
        parse_number("x"),
        parse_percent("12,5%"),
        parse_percent("x"),
        parse_percent(1),
        parse_id(1e17),
        parse_id(True),
        parse_yesno("maybe"),
        parse_status("x"),
        parse_status("Wonn"),
        parse_currency("xx"),
        parse_text("#N/A"),
    ]

    texts = [describe(parsed.problem, language) for parsed in problems]

    assert all(message and fix for message, fix in texts)


def test_chinese_texts_same_fields():
    english = {k: v for k, v in EN.items() if k.startswith(("value.", "reader."))}

    fields = {
        key: (_fields(text), _fields(ZH.get(key, text)))
        for key, text in english.items()
    }

    assert [key for key in english if key not in ZH] == []
    assert [key for key, (en, zh) in fields.items() if en != zh] == []


def _fields(template: str) -> set[str]:
    return set(re.findall(r"\{(\w+)\}", template))
