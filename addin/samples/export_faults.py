"""Input faults planted in the export-team sample, one of each kind.

Each fault replaces a clean value, or adds a wrong row, at a cell whose
place is known once the rows are in their final order. The faults go on
deals of the normal reps only, one deal each, so that the lucky, slow and
short reps keep their pattern and no fault hides another. A test compares
the validator's findings with the list this module returns.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from addin import schema
from addin.ladder import Ladder
from addin.model import CellValue, Severity, column_index, column_letter
from addin.samples.export_deals import AS_OF, REPS, SimulatedDeal
from addin.template import ILLUSTRATIVE_RATES, TableRows


@dataclass(frozen=True)
class Fault:
    """One planted input fault: where the validator must report it."""

    severity: Severity | Literal["info"]
    """error or warning as the validator must report it; info for a rep."""
    sheet: str
    cell: str
    deal: str
    kind: str
    """Locale key of the validator's message, e.g. ``validate.unknown_rep``."""


@dataclass
class _Planted:
    """A fault before the rows are in their final order."""

    severity: Severity
    table: str
    row: dict[str, CellValue]
    column: str
    deal: str
    kind: str


def plant_faults(
    rng: random.Random,
    tables: dict[str, TableRows],
    deals: list[SimulatedDeal],
    ladder: Ladder,
) -> list[_Planted]:
    """Plant one input fault of each kind and return where each one is."""
    picker = _DealPicker(rng, [deal for deal in deals if _is_normal(deal)])
    planted = _plant_deal_faults(picker, tables["deals"], ladder)
    planted += _plant_evidence_faults(picker, tables["evidence"], ladder)
    planted += _plant_criteria_faults(tables["criteria"])
    return planted


def _is_normal(deal: SimulatedDeal) -> bool:
    return deal.profile.behaviour == "normal"


class _DealPicker:
    """Pick a random deal that meets a condition and no earlier fault used."""

    def __init__(self, rng: random.Random, deals: list[SimulatedDeal]) -> None:
        self.rng = rng
        self.unused = list(deals)

    def pick(self, condition: Callable[[SimulatedDeal], bool]) -> SimulatedDeal:
        candidates = [deal for deal in self.unused if condition(deal)]
        deal = self.rng.choice(candidates)
        self.unused.remove(deal)
        return deal


def _status_is(status: str) -> Callable[[SimulatedDeal], bool]:
    return lambda deal: deal.row["status"] == status


def _plant_deal_faults(
    picker: _DealPicker, rows: TableRows, ladder: Ladder
) -> list[_Planted]:
    """Plant the faults of the Deals sheet, each replacing a clean value."""
    is_open, is_won, is_lost = _status_is("Open"), _status_is("Won"), _status_is("Lost")
    stages = ladder.stage_names()
    # (condition, column, value, severity, kind); a callable value is
    # computed from the deal's own row.
    replacements: list[
        tuple[Callable[[SimulatedDeal], bool], str, object, Severity, str]
    ] = [
        (
            lambda deal: deal.row["rep"] == "Kevin Wang",
            "rep",
            "Kevin Wong",
            "error",
            "validate.unknown_rep.closest",
        ),
        (
            lambda deal: is_open(deal) and deal.row["stage"] == "Sample paid",
            "stage",
            "Sample payed",
            "error",
            "validate.unknown_stage.closest",
        ),
        (is_won, "stage", "Won", "error", "validate.stage_is_status"),
        (is_open, "expected_close", "03/04/2027", "error", "value.date_ambiguous"),
        (is_open, "expected_close", "next week", "error", "value.date_invalid"),
        (is_open, "expected_close", "#N/A", "error", "value.excel_error"),
        (is_open, "expected_close", "15/1/27", "error", "value.date_short_year"),
        (is_open, "expected_close", 46430, "warning", "value.date_serial"),
        (is_lost, "amount", "12,5", "error", "value.amount_ambiguous"),
        (is_lost, "amount", "TBD", "error", "value.amount_invalid"),
        (is_lost, "currency", "Dollar", "error", "value.currency_invalid"),
        (
            lambda deal: deal.row["currency"] == "USD",
            "amount",
            lambda row: f"${row['amount']:,.2f}",
            "warning",
            "validate.currency_in_amount",
        ),
        (
            lambda deal: deal.row["currency"] == "USD",
            "amount",
            lambda row: f"€{row['amount']:,.2f}",
            "error",
            "validate.currency_mismatch",
        ),
        (is_won, "closed_on", None, "error", "validate.closed_without_date"),
        (
            is_lost,
            "closed_on",
            lambda row: row["created"] - dt.timedelta(days=9),
            "error",
            "validate.closed_before_created",
        ),
        (is_lost, "status", "Closed", "error", "value.status_invalid"),
        (is_lost, "status", None, "error", "validate.blank"),
        (
            lambda deal: is_open(deal) and 1 <= deal.earned <= 4,
            "stage",
            lambda row: stages[stages.index(row["stage"]) + 2],
            "warning",
            "validate.premature",
        ),
    ]
    planted = []
    for condition, column, value, severity, kind in replacements:
        deal = picker.pick(condition)
        deal.row[column] = value(deal.row) if callable(value) else value  # type: ignore[assignment]
        planted.append(_fault(severity, "deals", deal.row, column, kind))

    planted.append(_plant_rate_missing(picker))
    planted.append(_plant_duplicate_id(picker, rows))
    return planted


def _plant_rate_missing(picker: _DealPicker) -> _Planted:
    """Quote a deal in yen, a currency the Settings have no rate for."""
    deal = picker.pick(_status_is("Lost"))
    usd = deal.amount * ILLUSTRATIVE_RATES[str(deal.row["currency"])]
    deal.row["amount"] = round(usd * 150, -3)
    deal.row["currency"] = "JPY"
    return _fault("error", "deals", deal.row, "currency", "validate.rate_missing")


def _plant_duplicate_id(picker: _DealPicker, rows: TableRows) -> _Planted:
    """Append a new lost deal that reuses the Deal ID of an earlier one."""
    original = picker.pick(_status_is("Lost"))
    created = AS_OF - dt.timedelta(days=picker.rng.randint(20, 60))
    duplicate: dict[str, CellValue] = {
        **original.row,
        "customer": "Pennine Supplies Ltd",
        "country": "United Kingdom",
        "currency": "GBP",
        "created": created,
        "closed_on": created + dt.timedelta(days=9),
        "expected_close": created + dt.timedelta(days=90),
        "stage": "Inquiry",
        "lost_reason": "Project cancelled",
    }
    rows.append(duplicate)
    return _fault("error", "deals", duplicate, "deal_id", "validate.duplicate.deals")


def _plant_evidence_faults(
    picker: _DealPicker, rows: TableRows, ladder: Ladder
) -> list[_Planted]:
    """Add wrong Evidence rows, then spoil two clean ones in place."""
    planted = _add_wrong_evidence(picker, ladder)
    rows.extend(fault.row for fault in planted)
    rows.sort(key=lambda each: each["date"])  # type: ignore[arg-type,return-value]

    # Spoil clean rows only after sorting, because a date typed as text
    # does not sort among dates.
    as_text = _evidence_of(picker.pick(lambda deal: len(deal.evidence) > 0))
    as_text["date"] = as_text["date"].isoformat()  # type: ignore[union-attr]
    planted.append(_evidence_fault("warning", as_text, "date", "value.date_text"))

    logger = _evidence_of(
        picker.pick(lambda deal: deal.row["rep"] == "Amy Liu" and bool(deal.evidence))
    )
    logger["logged_by"] = "Amy Lu"
    planted.append(
        _evidence_fault(
            "warning", logger, "logged_by", "validate.unknown_logger.closest"
        )
    )
    return planted


def _add_wrong_evidence(picker: _DealPicker, ladder: Ladder) -> list[_Planted]:
    """Return new Evidence rows, each wrong in one way."""
    won = picker.pick(_status_is("Won"))
    unknown = _extra_evidence(won, "QC1", won.row["closed_on"])
    unknown["evidence"] = "Pre-shipment inspection report approved"

    typo = picker.pick(lambda deal: "0" in str(deal.row["deal_id"])[-4:])
    mistyped = _extra_evidence(typo, "IQ2", typo.evidence[0]["date"])
    mistyped["deal_id"] = _letter_o_typo(str(typo.row["deal_id"]))

    ahead = picker.pick(lambda deal: _status_is("Open")(deal) and deal.earned < 5)
    next_stage = ladder.stages[ahead.earned + 1].stage
    required = [spec for spec in ladder.criteria_of(next_stage) if spec.required]
    future_day = AS_OF + dt.timedelta(days=6)
    future = _extra_evidence(ahead, required[0].criterion, future_day)

    early = picker.pick(lambda deal: len(deal.evidence) > 0)
    before = _extra_evidence(early, "IQ2", early.created - dt.timedelta(days=6))

    return [
        _evidence_fault(
            "error", unknown, "criterion", "validate.unknown_criterion.closest"
        ),
        _evidence_fault("error", mistyped, "deal_id", "validate.evidence_unknown_deal"),
        _evidence_fault("warning", future, "date", "validate.evidence_future"),
        _evidence_fault("warning", before, "date", "validate.evidence_before_created"),
    ]


def _evidence_fault(
    severity: Severity, row: dict[str, CellValue], column: str, kind: str
) -> _Planted:
    return _fault(severity, "evidence", row, column, kind)


def _fault(
    severity: Severity,
    table: str,
    row: dict[str, CellValue],
    column: str,
    kind: str,
) -> _Planted:
    """Return a fault at ``column`` of ``row``, on the row's Deal ID if it has one."""
    deal = row.get("deal_id")
    return _Planted(
        severity, table, row, column, "" if deal is None else str(deal), kind
    )


def _extra_evidence(
    deal: SimulatedDeal, criterion: str, day: object
) -> dict[str, CellValue]:
    return {
        "date": day,  # type: ignore[dict-item]
        "deal_id": deal.row["deal_id"],
        "criterion": criterion,
        "evidence": deal.evidence[0]["evidence"] if deal.evidence else "",
        "logged_by": deal.row["rep"],
    }


def _evidence_of(deal: SimulatedDeal) -> dict[str, CellValue]:
    """Return the deal's last Evidence row, the one to spoil."""
    return deal.evidence[-1]


def _letter_o_typo(deal_id: str) -> str:
    """Return the Deal ID with its last digit 0 typed as the letter O."""
    position = deal_id.rindex("0")
    return deal_id[:position] + "O" + deal_id[position + 1 :]


def _plant_criteria_faults(rows: TableRows) -> list[_Planted]:
    """Add a criterion of a misspelt stage and spoil two clean cells."""
    misspelt: dict[str, CellValue] = {
        "stage": "Proposal acepted",
        "criterion": "PA2",
        "customer_action": "Customer shares the budget approval",
        "evidence": "Approval e-mail",
        "required": "No",
        "weight": 1,
    }
    rows.append(misspelt)
    by_id = {row["criterion"]: row for row in rows}
    by_id["RA1"]["required"] = "Yess"
    by_id["IQ2"]["weight"] = "two"
    stage_kind = "validate.criteria_stage.closest"
    return [
        _fault("error", "criteria", misspelt, "stage", stage_kind),
        _fault("error", "criteria", by_id["RA1"], "required", "value.yesno_invalid"),
        _fault("error", "criteria", by_id["IQ2"], "weight", "value.number_invalid"),
    ]


def locate_faults(planted: list[_Planted], tables: dict[str, TableRows]) -> list[Fault]:
    """Turn each planted fault into its sheet and cell in the final tables."""
    faults = []
    for fault in planted:
        spec = next(spec for spec in schema.INPUT_TABLES if spec.key == fault.table)
        position = next(
            index for index, row in enumerate(tables[fault.table]) if row is fault.row
        )
        keys = [column.key for column in spec.columns]
        cell = f"{column_letter(keys.index(fault.column) + 1)}{position + 2}"
        faults.append(Fault(fault.severity, spec.sheet, cell, fault.deal, fault.kind))

    sheets = [spec.sheet for spec in schema.INPUT_TABLES]
    return sorted(
        faults, key=lambda fault: (sheets.index(fault.sheet), _cell_order(fault.cell))
    )


def _cell_order(cell: str) -> tuple[int, int]:
    letters = cell.rstrip("0123456789")
    return int(cell[len(letters) :]), column_index(letters)


def rep_behaviours() -> list[Fault]:
    """Return an ``info`` entry at the Team cell of each rep planted to stand out.

    Its kind is ``rep.`` plus the behaviour: ``rep.lucky``, ``rep.slow`` or
    ``rep.short_of_new_deals``. The validator reports none of them; the
    analysis sheets should.
    """
    return [
        Fault("info", schema.TEAM.sheet, f"A{row}", "", f"rep.{rep.behaviour}")
        for row, rep in enumerate(REPS, start=2)
        if rep.behaviour != "normal"
    ]
