"""The Office.js payload built from an .xlsx file, and reading it back through xlwings."""

import datetime as dt
import json
import os

# xlwings' remote engine is part of xlwings PRO; "noncommercial" is its free
# license key for development, tests and non-commercial use.
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

import pytest
from openpyxl import Workbook
from openpyxl.workbook.defined_name import DefinedName
from workbooks import deal, evidence, write_team_workbook

from addin.excel.payload import book_payload, js_cell, open_book
from addin.excel.read import plain_cell, read_grids, read_tables
from addin.excel.refresh import raw_workbook
from addin.reader import read_workbook


@pytest.fixture
def team_path(tmp_path):
    return write_team_workbook(
        tmp_path / "team.xlsx",
        deals=[
            deal("00103", amount=1500.5, note="first"),
            deal("D2", amount=1000),
        ],
        evidence=[evidence("00103", "IQ1", "2026-01-06")],
    )


@pytest.fixture
def odd_path(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.title = "Odd sheet"
    sheet["C3"] = "corner"
    sheet["D4"] = 5
    sheet["D5"] = True
    sheet["E6"] = dt.datetime(2026, 1, 5, 10, 30)
    sheet["E6"].number_format = "yyyy-mm-dd hh:mm"
    sheet.defined_names["local"] = DefinedName("local", attr_text="'Odd sheet'!$C$3")
    book.defined_names["whole"] = DefinedName(
        "whole", attr_text="'Odd sheet'!$C$3:$E$6"
    )
    book.defined_names["label"] = DefinedName("label", attr_text='"text"')
    path = tmp_path / "odd.xlsx"
    book.save(path)
    return path


@pytest.mark.parametrize(
    ("value", "sent"),
    [
        (None, ""),
        ("", ""),
        ("text", "text"),
        (True, True),
        (1000.0, 1000),
        (1500.5, 1500.5),
        (3, 3),
        (dt.date(2026, 1, 5), "2026-01-05T00:00:00.000Z"),
        (dt.datetime(2026, 1, 5, 10, 30, 15, 250000), "2026-01-05T10:30:15.250Z"),
        (dt.time(10, 30), "1899-12-30T10:30:00.000Z"),
    ],
)
def test_js_cell_as_office_js_sends(value, sent):
    assert js_cell(value) == sent


def test_payload_is_json(team_path):
    payload = book_payload(team_path)

    assert json.loads(json.dumps(payload)) == payload


def test_payload_declares_office_js_client(team_path):
    payload = book_payload(team_path)

    assert payload["client"] == "Office.js"
    assert payload["book"]["name"] == "team.xlsx"


def test_payload_deal_row_values(team_path):
    payload = book_payload(team_path)

    deals = next(sheet for sheet in payload["sheets"] if sheet["name"] == "Deals")
    header, first = deals["values"][0], deals["values"][1]
    row = dict(zip(header, first))
    assert row["Deal ID"] == "00103"
    assert row["Amount"] == 1500.5
    assert row["Created"] == "2026-01-05T00:00:00.000Z"
    assert row["Country"] == ""


def test_payload_whole_amount_is_int(team_path):
    payload = book_payload(team_path)

    deals = next(sheet for sheet in payload["sheets"] if sheet["name"] == "Deals")
    assert deals["values"][2][5] == 1000


def test_payload_excel_table_addresses(team_path):
    payload = book_payload(team_path)

    settings = next(sheet for sheet in payload["sheets"] if sheet["name"] == "Settings")
    rates = next(table for table in settings["tables"] if table["name"] == "tblRates")
    assert rates["range_address"] == "D1:E3"
    assert rates["header_row_range_address"] == "D1:E1"
    assert rates["data_body_range_address"] == "D2:E3"


def test_payload_values_start_at_a1(odd_path):
    payload = book_payload(odd_path)

    sheet = payload["sheets"][0]
    assert sheet["values"][2][2] == "corner"
    assert sheet["values"][0] == ["", "", "", "", ""]
    assert sheet["used_range_address"] == "C3:E6"


def test_payload_keeps_cell_types(odd_path):
    payload = book_payload(odd_path)

    values = payload["sheets"][0]["values"]
    assert values[3][3] == 5
    assert values[4][3] is True
    assert values[5][4] == "2026-01-05T10:30:00.000Z"


def test_payload_names_of_each_scope(odd_path):
    payload = book_payload(odd_path)

    names = {name["name"]: name for name in payload["names"]}
    assert names["whole"]["book_scope"] is True
    assert names["whole"]["address"] == "C3:E6"
    assert names["local"]["scope_sheet_index"] == 0
    assert names["label"]["address"] is None
    assert names["label"]["refers_to"] == '="text"'


def test_payload_excluded_sheet_has_no_values(team_path):
    payload = book_payload(team_path, exclude=["Evidence"])

    sheet = next(sheet for sheet in payload["sheets"] if sheet["name"] == "Evidence")
    assert sheet["values"] == [[]]
    assert sheet["tables"][0]["name"] == "tblEvidence"


@pytest.mark.parametrize(
    ("value", "plain"),
    [
        (None, None),
        ("text", "text"),
        (False, False),
        (3, 3.0),
        (2.5, 2.5),
        (dt.datetime(2026, 1, 5), dt.date(2026, 1, 5)),
        (dt.datetime(2026, 1, 5, 10, 30), dt.datetime(2026, 1, 5, 10, 30)),
        (dt.datetime(1899, 12, 30, 10, 30), dt.time(10, 30)),
        (dt.date(2026, 1, 5), dt.date(2026, 1, 5)),
    ],
)
def test_plain_cell_matches_file_reader(value, plain):
    assert plain_cell(value) == plain


def test_read_grids_office_js_forms(team_path):
    book = open_book(book_payload(team_path))

    grids = read_grids(book)

    header, first = grids["Deals"][0], grids["Deals"][1]
    row = dict(zip(header, first))
    assert row["Created"] == dt.date(2026, 1, 5)
    assert row["Amount"] == 1500.5
    assert row["Country"] is None


def test_read_grids_skips_sheets(team_path):
    book = open_book(book_payload(team_path))

    grids = read_grids(book, skip=["Evidence"])

    assert "Evidence" not in grids


def test_read_tables_as_table_defs(team_path):
    book = open_book(book_payload(team_path))

    tables = {table.name: table for table in read_tables(book)}

    assert tables["tblDeals"].sheet == "Deals"
    assert tables["tblDeals"].ref == "A1:O3"


def test_raw_workbook_matches_file_reader(team_path):
    book = open_book(book_payload(team_path))

    through_xlwings = raw_workbook(book, read_grids(book))
    from_file = read_workbook(team_path)

    assert set(through_xlwings.tables) == set(from_file.tables)
    for key, table in from_file.tables.items():
        assert through_xlwings.tables[key].rows == table.rows, key
        assert _blanks_as_none(through_xlwings.tables[key].values) == _blanks_as_none(
            table.values
        ), key


def _blanks_as_none(columns):
    return {
        key: [None if value == "" else value for value in values]
        for key, values in columns.items()
    }
