"""Build small salesflow team workbooks from literal rows, for tests.

A test writes the rows it cares about and gets every other table filled with
a small, valid default: a five-stage ladder, six criteria, two reps, default
settings and two exchange rates. Rows are dicts keyed by the English header
(``"Deal ID"``) or the canonical key (``"deal_id"``); :func:`deal` and
:func:`evidence` fill the columns a test leaves out. A table given as
:class:`Rows` keeps its headers exactly as written, duplicates included.

Example::

    write_team_workbook(
        tmp_path / "team.xlsx",
        deals=[deal("D1", stage="Sample paid")],
        evidence=[evidence("D1", "IQ1", "2026-01-06")],
        settings={"As-of date": "2026-02-01"},
    )
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from addin import schema
from addin.model import DEFAULT_CURVE

PROCESS = [
    {
        "Stage": "Inquiry",
        "Goal": "The customer has told us what they want to buy",
        "Playbook": "Reply within a day and ask about the project.",
        "Max days": 14,
        "Win %": 0.05,
        "Forecast category": "Pipeline",
    },
    {
        "Stage": "Needs confirmed",
        "Goal": "We know the project, its size and who decides",
        "Playbook": "Offer a paid sample.",
        "Max days": 21,
        "Win %": 0.15,
        "Forecast category": "Pipeline",
    },
    {
        "Stage": "Sample paid",
        "Goal": "The customer has paid for and received samples",
        "Playbook": "Send the proposal with prices and terms.",
        "Max days": 30,
        "Win %": 0.35,
        "Forecast category": "Best case",
    },
    {
        "Stage": "Proposal accepted",
        "Goal": "The customer has accepted our prices and terms",
        "Playbook": "Send the proforma invoice and ask for the deposit.",
        "Max days": 30,
        "Win %": 0.7,
        "Forecast category": "Commit",
    },
    {
        "Stage": "Order",
        "Goal": "The customer has paid the deposit",
        "Playbook": "Confirm the production date.",
        "Max days": None,
        "Win %": 1.0,
        "Forecast category": "Commit",
    },
]

CRITERIA = [
    ("Inquiry", "IQ1", "Customer sends an inquiry", "E-mail", "Yes", 1),
    ("Needs confirmed", "NC1", "Customer describes the project", "Notes", "Yes", 1),
    ("Needs confirmed", "NC2", "Customer names the decision maker", "", "No", 1),
    ("Sample paid", "SP1", "Customer pays the sample fee", "Payment slip", "Yes", 2),
    (
        "Proposal accepted",
        "PA1",
        "Customer asks for a proforma invoice",
        "E-mail",
        "Yes",
        2,
    ),
    ("Order", "OR1", "Customer pays the deposit", "Bank slip", "Yes", 3),
]
"""Default criteria: (stage, criterion, customer action, evidence, required, weight)."""

TEAM = [
    {
        "Rep": "Ann",
        "Manager": "Max",
        "Monthly quota": 50000,
        "Commission rate (%)": 0.02,
        "Active": "Yes",
        "Start date": dt.date(2024, 1, 1),
    },
    {
        "Rep": "Bob",
        "Manager": "Max",
        "Monthly quota": 40000,
        "Commission rate (%)": 0.02,
        "Active": "Yes",
        "Start date": dt.date(2025, 3, 1),
    },
]

SETTINGS = {"Reporting currency": "USD", "As-of date": None}
RATES = {"EUR": 1.1, "CNY": 0.14}

_UNSET: Any = object()


class Text(str):
    """A string written as literal text even when it starts with ``=``."""


@dataclass
class Rows:
    """A table written with exactly these headers and rows (tuples in order).

    Use it for headers the schema does not produce: duplicates, Chinese
    aliases, unknown columns, a missing required column.
    """

    headers: Sequence[str]
    rows: Sequence[Sequence[Any]] = ()
    as_table: bool = True
    """Write an Excel Table; False writes a plain range (needed for
    duplicate headers, which an Excel Table cannot have)."""
    number_formats: dict[str, str] = field(default_factory=dict)
    """Header -> number format applied to that column's cells."""


def deal(
    deal_id: Any,
    *,
    customer: Any = _UNSET,
    rep: Any = "Ann",
    amount: Any = 1000,
    currency: Any = "USD",
    stage: Any = "Inquiry",
    status: Any = "Open",
    created: Any = dt.date(2026, 1, 5),
    **other: Any,
) -> dict[str, Any]:
    """Return one Deals row; pass None to leave a cell blank.

    Other columns go by canonical key: ``closed_on=dt.date(2026, 3, 1)``.
    """
    row = {
        "deal_id": deal_id,
        "customer": f"Customer {deal_id}" if customer is _UNSET else customer,
        "rep": rep,
        "amount": amount,
        "currency": currency,
        "stage": stage,
        "status": status,
        "created": created,
    }
    row.update(other)
    return row


def evidence(deal_id: Any, criterion: Any, date: Any, **other: Any) -> dict[str, Any]:
    """Return one Evidence row; an ISO string date is written as a real date."""
    if isinstance(date, str):
        date = _iso_date(date)
    return {"deal_id": deal_id, "criterion": criterion, "date": date, **other}


def write_team_workbook(
    path: str | Path,
    *,
    process: Sequence[Mapping[str, Any]] | Rows | None = None,
    criteria: Sequence[Mapping[str, Any] | Sequence[Any]] | Rows | None = None,
    team: Sequence[Mapping[str, Any]] | Rows | None = None,
    deals: Sequence[Mapping[str, Any]] | Rows = (),
    evidence: Sequence[Mapping[str, Any]] | Rows = (),
    settings: Mapping[str, Any] | None = None,
    rates: Mapping[str, float] | None = None,
    curve: Sequence[tuple[float, float]] | None = None,
    omit: Sequence[str] = (),
) -> Path:
    """Write a team workbook and return its path.

    Args:
        path: Where to write the .xlsx file.
        process, criteria, team: Rows replacing the defaults above. Criteria
            rows may be tuples in the order of :data:`CRITERIA`.
        deals, evidence: Rows of those tables (none by default).
        settings: Settings by name, merged over :data:`SETTINGS`; an ISO
            date string for "As-of date" is written as a real date.
        rates: Currency -> rate to the reporting currency, replacing
            :data:`RATES`.
        curve: (min score, payout fraction) bands; the default curve if None.
        omit: Table keys to leave out entirely, e.g. ``("evidence",)``.
    """
    book = Workbook()
    book.remove(book.active)
    tables = {
        "process": PROCESS if process is None else process,
        "criteria": CRITERIA if criteria is None else criteria,
        "team": TEAM if team is None else team,
        "deals": deals,
        "evidence": evidence,
    }
    for key, rows in tables.items():
        spec = _spec(key)
        sheet = book.create_sheet(spec.sheet)
        if key not in omit:
            _write_table(sheet, spec, _as_rows(spec, rows), "A1")
    _write_settings(book, settings, rates, curve, omit)

    path = Path(path)
    book.save(path)
    return path


def _write_settings(
    book: Workbook,
    settings: Mapping[str, Any] | None,
    rates: Mapping[str, float] | None,
    curve: Sequence[tuple[float, float]] | None,
    omit: Sequence[str],
) -> None:
    sheet = book.create_sheet(schema.SETTINGS.sheet)
    named = {**SETTINGS, **(settings or {})}
    if isinstance(named.get("As-of date"), str):
        named["As-of date"] = _iso_date(named["As-of date"])
    bands = curve or [(band.min_score, band.payout) for band in DEFAULT_CURVE]
    blocks = {
        "settings": (Rows(["Setting", "Value"], list(named.items())), "A1"),
        "rates": (
            Rows(
                ["Currency", "Rate to reporting currency"],
                list((rates if rates is not None else RATES).items()),
            ),
            "D1",
        ),
        "curve": (
            Rows(["Min score", "Payout %"], bands, number_formats={"Payout %": "0%"}),
            "G1",
        ),
    }
    for key, (rows, anchor) in blocks.items():
        if key not in omit:
            _write_table(sheet, _spec(key), rows, anchor)


def _spec(key: str) -> schema.TableSpec:
    return next(spec for spec in schema.INPUT_TABLES if spec.key == key)


def _as_rows(spec: schema.TableSpec, rows: Any) -> Rows:
    """Turn dict or tuple rows into a :class:`Rows` with the schema's headers."""
    if isinstance(rows, Rows):
        return rows
    headers = [column.header for column in spec.columns]
    by_key = {column.key: column.header for column in spec.columns}
    table = []
    for row in rows:
        if isinstance(row, Mapping):
            cells = {by_key.get(name, name): value for name, value in row.items()}
            extra = [name for name in cells if name not in headers]
            headers.extend(extra)
            table.append(cells)
        else:
            table.append(dict(zip(headers, row)))
    formats = {
        column.header: "0%" for column in spec.columns if column.kind == "percent"
    }
    return Rows(
        headers,
        [[row.get(h) for h in headers] for row in table],
        number_formats=formats,
    )


def _write_table(
    sheet: Worksheet, spec: schema.TableSpec, rows: Rows, anchor: str
) -> None:
    first_column = sheet[anchor].column
    first_row = sheet[anchor].row
    for offset, header in enumerate(rows.headers):
        sheet.cell(first_row, first_column + offset, header)
    for row_offset, row in enumerate(rows.rows, start=1):
        for offset, value in enumerate(row):
            cell = sheet.cell(first_row + row_offset, first_column + offset, value)
            if isinstance(value, Text):
                cell.data_type = "s"
            header = rows.headers[offset]
            if header in rows.number_formats:
                cell.number_format = rows.number_formats[header]
            elif isinstance(value, dt.date):
                cell.number_format = "yyyy-mm-dd"
    if not rows.as_table:
        return

    # An Excel Table needs at least one body row, so an empty table gets a
    # blank one, which is what Excel itself shows for a new, empty table.
    last_row = first_row + max(len(rows.rows), 1)
    last_column = get_column_letter(first_column + len(rows.headers) - 1)
    ref = f"{anchor}:{last_column}{last_row}"
    table = Table(displayName=spec.table_name, ref=ref)
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    sheet.add_table(table)


def _iso_date(value: str) -> dt.date:
    return dt.date.fromisoformat(value)
