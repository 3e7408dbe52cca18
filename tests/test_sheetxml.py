"""Rendering one output sheet: layout, cell values, styles and worksheet XML."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest
from lxml import etree

from addin.output import Block, Chart, Column, Highlight, OutputSheet
from addin.xlsx.layout import CHART_HEIGHT_ROWS, layout_sheet, table_headers
from addin.xlsx.sheetxml import SheetRelations, SheetRenderer, highlight_formula
from addin.xlsx.styles import CellStyle, HighlightStyle, StyleBook
from addin.xlsx.tables import unique_table_name
from addin.xlsx.values import (
    cell_kind,
    clean_text,
    display_width,
    escape_lookalikes,
)

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
STYLES = (
    b'<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b'<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
    b'<fills count="2"><fill><patternFill patternType="none"/></fill>'
    b'<fill><patternFill patternType="gray125"/></fill></fills>'
    b'<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border>'
    b"</borders>"
    b'<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
    b"</cellXfs></styleSheet>"
)


def render(sheet: OutputSheet) -> etree._Element:
    renderer = SheetRenderer(layout_sheet(sheet), StyleBook(STYLES), SheetRelations())
    return etree.fromstring(b"".join(renderer.chunks()))


def cell(worksheet: etree._Element, ref: str) -> etree._Element:
    found = worksheet.find(f".//{MAIN}c[@r='{ref}']")
    assert found is not None, ref
    return found


def one_block(rows, columns=None, **block_fields) -> OutputSheet:
    columns = columns or [Column("Customer"), Column("Amount", "amount")]
    return OutputSheet("Deals out", "Title", [Block(columns, rows, **block_fields)])


# Values


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        (math.nan, None),
        (np.float64("nan"), None),
        (pd.NA, None),
        (pd.NaT, None),
        (math.inf, None),
        ("=1+1", ("text", "=1+1")),
        (True, ("bool", True)),
        (np.bool_(False), ("bool", False)),
        (np.int64(7), ("number", 7)),
        (2.5, ("number", 2.5)),
        (dt.date(2024, 3, 15), ("date", 45366.0)),
        (dt.datetime(2024, 3, 15, 12), ("datetime", 45366.5)),
        (pd.Timestamp("2024-03-15"), ("date", 45366.0)),
        (dt.time(6), ("time", 0.25)),
    ],
)
def test_cell_kind_cases(value, expected):
    kind = cell_kind(value)

    assert kind == expected


def test_cell_kind_aware_datetime_keeps_wall_time():
    aware = dt.datetime(2024, 3, 15, 12, tzinfo=dt.timezone(dt.timedelta(hours=-5)))

    kind = cell_kind(aware)

    assert kind == ("datetime", 45366.5)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("plain", "plain"),
        ("tab\tand\nnewline", "tab\tand\nnewline"),
        ("bell\x07 gone", "bell gone"),
        ("_x0041_ literal", "_x0041_ literal"),
        ("lone \ud800 surrogate", "lone  surrogate"),
    ],
)
def test_clean_text_cases(raw, expected):
    cleaned, truncated = clean_text(raw)

    assert cleaned == expected
    assert truncated is False


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("_x0041_", "_x005F_x0041_"), ("_x00", "_x00"), ("a_xB", "a_xB")],
)
def test_escape_lookalikes_cases(raw, expected):
    assert escape_lookalikes(raw) == expected


def test_clean_text_cuts_to_excel_limit():
    cleaned, truncated = clean_text("é" * 40_000)

    assert len(cleaned) == 32_767
    assert truncated is True


@pytest.mark.parametrize(
    ("text", "width"), [("Acme", 4), ("客户", 4), ("Acme 客户", 9), ("a\nlonger", 6)]
)
def test_display_width_counts_cjk_double(text, width):
    assert display_width(text) == width


# Layout


def test_layout_title_blank_then_header():
    layout = layout_sheet(one_block([("Acme", 1)]))

    placement = layout.blocks[0]
    assert (placement.header_row, placement.first_row) == (3, 4)
    assert layout.frozen_rows == 3


def test_layout_block_title_and_notes():
    sheet = one_block([("Acme", 1), ("Beta", 2)], title="Team", notes=["n1", "n2"])

    placement = layout_sheet(sheet).blocks[0]

    assert placement.title_row == 3
    assert placement.header_row == 4
    assert placement.last_row == 6
    assert placement.notes_row == 8


def test_layout_chart_pushes_next_block_down():
    chart = Chart("column", "Amount", "Customer", ("Amount",))
    columns = [Column("Customer"), Column("Amount", "amount")]
    sheet = OutputSheet(
        "Charts",
        "Title",
        [Block(columns, [("Acme", 1)], chart=chart), Block(columns, [("Beta", 2)])],
    )

    first, second = layout_sheet(sheet).blocks

    assert second.header_row > first.header_row + CHART_HEIGHT_ROWS


def test_layout_empty_table_keeps_one_row():
    placement = layout_sheet(one_block([], table_name="t")).blocks[0]

    assert placement.table_ref == "A3:B4"


def test_layout_rejects_unknown_highlight_column():
    sheet = one_block([("Acme", 1)], highlights=[Highlight("Stage", "is_true")])

    with pytest.raises(ValueError, match="Stage"):
        layout_sheet(sheet)


def test_table_headers_unique_and_one_line():
    block = Block(
        [Column("Amount"), Column("amount"), Column("Next\nstep"), Column("")], []
    )

    headers = table_headers(block)

    assert headers == ("Amount", "amount 2", "Next step", "Column4")


# Worksheet XML


def test_formula_text_written_as_inline_string():
    worksheet = render(one_block([("=SUM(A1:A9)", 1)]))

    target = cell(worksheet, "A4")
    assert target.get("t") == "inlineStr"
    assert target.find(f"{MAIN}f") is None
    assert target.findtext(f"{MAIN}is/{MAIN}t") == "=SUM(A1:A9)"


def test_missing_values_write_no_cell():
    worksheet = render(one_block([(None, math.nan), (pd.NA, pd.NaT)]))

    cells = worksheet.findall(f".//{MAIN}row[@r='4']/{MAIN}c")
    assert cells == []


def test_bool_written_as_boolean():
    worksheet = render(one_block([("Acme", True)]))

    target = cell(worksheet, "B4")
    assert (target.get("t"), target.findtext(f"{MAIN}v")) == ("b", "1")


def test_leading_space_preserved():
    worksheet = render(one_block([(" Acme", 1)]))

    text = cell(worksheet, "A4").find(f"{MAIN}is/{MAIN}t")
    assert text.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"


def test_internal_link_uses_location():
    worksheet = render(one_block([("Deals!D14", 1)], links={(0, 0): "Deals!D14"}))

    link = worksheet.find(f".//{MAIN}hyperlink")
    assert link.get("ref") == "A4"
    assert link.get("location") == "Deals!D14"


def test_frozen_pane_under_header():
    worksheet = render(one_block([("Acme", 1)]))

    pane = worksheet.find(f".//{MAIN}pane")
    assert (pane.get("ySplit"), pane.get("state")) == ("3", "frozen")


def test_sized_widths_within_limits():
    worksheet = render(one_block([("x" * 200, 1)]))

    widths = [float(col.get("width")) for col in worksheet.iter(f"{MAIN}col")]
    assert widths == [60, 7]


@pytest.mark.parametrize(
    ("highlight", "formula"),
    [
        (Highlight("Amount", "is_true"), "$B4=TRUE"),
        (Highlight("Amount", "not_empty"), "LEN($B4)>0"),
        (Highlight("Customer", "equals", 'say "hi"'), '$A4="say ""hi"""'),
        (Highlight("Amount", "below", 50), "AND(ISNUMBER($B4),$B4<50)"),
        (Highlight("Amount", "above", 0.5), "AND(ISNUMBER($B4),$B4>0.5)"),
    ],
)
def test_highlight_formula_cases(highlight, formula):
    placement = layout_sheet(one_block([("Acme", 1)])).blocks[0]

    assert highlight_formula(placement, highlight) == formula


# Styles


def test_style_book_reuses_identical_record():
    book = StyleBook(STYLES)
    first = book.cell_style(CellStyle(bold=True))

    again = StyleBook(book.to_bytes())
    second = again.cell_style(CellStyle(bold=True))

    assert second == first
    assert again.changed is False


def test_style_book_appends_after_existing():
    book = StyleBook(STYLES)

    index = book.cell_style(CellStyle(number_format="0.0%"))
    dxf = book.highlight_style(HighlightStyle("FF9C0006", "FFFFC7CE"))

    root = etree.fromstring(book.to_bytes())
    assert index == 1
    assert dxf == 0
    assert root.find(f"{MAIN}numFmts/{MAIN}numFmt").get("numFmtId") == "164"
    assert root.find(f"{MAIN}cellXfs").get("count") == "2"


def test_unique_table_name_adds_number():
    taken = {"salesflowissues"}

    name = unique_table_name("salesflowIssues", taken)

    assert name == "salesflowIssues2"


@pytest.mark.parametrize(("wanted", "valid"), [("A1", "_A1"), ("my table", "my_table")])
def test_unique_table_name_makes_valid(wanted, valid):
    assert unique_table_name(wanted, set()) == valid


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        ("a&b", "a&b"),
        ("x<y>z", "x<y>z"),
        ("trail ", "trail "),
        ("tab\there", "tab\there"),
        ("line\r\nbreak", "line\r\nbreak"),
        ("_x0041_", "_x005F_x0041_"),
        ("é accent", "é accent"),
        ('say "hi"', 'say "hi"'),
    ],
)
def test_text_cell_round_trip(text, stored):
    worksheet = render(one_block([(text, 1), ("plain", 2)]))

    assert cell(worksheet, "A4").findtext(f"{MAIN}is/{MAIN}t") == stored


def _row(worksheet: etree._Element, number: int) -> etree._Element:
    found = worksheet.find(f".//{MAIN}row[@r='{number}']")
    assert found is not None, number
    return found


def test_wrapped_text_row_gets_height():
    long_note = "word " * 40
    sheet = one_block(
        [("short", 1.0), (long_note, 2.0)],
        columns=[Column("Note", "text", 20), Column("Amount", "amount")],
    )

    worksheet = render(sheet)

    assert _row(worksheet, 4).get("ht") is None
    assert float(_row(worksheet, 5).get("ht")) == 11 * 15
    assert _row(worksheet, 5).get("customHeight") == "1"


def test_wrapped_row_height_capped():
    sheet = one_block(
        [("x" * 5000, 1.0)],
        columns=[Column("Note", "text", 20), Column("Amount", "amount")],
    )

    worksheet = render(sheet)

    assert float(_row(worksheet, 4).get("ht")) == 20 * 15
