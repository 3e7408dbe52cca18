"""The generated export-team sample workbook and its list of planted faults.

Eight reps of a made-up exporter sell to customers in a dozen countries
over the 18 months up to the as-of date, through the default export-trade
ladder. Every deal is simulated stage by stage from a seeded random
generator: the customer acts after a while, or the deal is lost, or the
as-of date arrives first. Three reps behave differently on purpose:

- the lucky rep wins many deals whose evidence is the order alone, or the
  inquiry, the accepted proposal and the order with the stages between
  them skipped;
- the slow rep's deals sit two to four times the stage's Max days;
- the rep short of new deals created almost none in the last five months.

On top of the clean simulation, one input fault of each kind the validator
reports is planted at a known cell. :data:`REPS` and the faults list say
where, so that a test can compare the validator's findings with them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from addin import schema
from addin.ladder import EXPORT_LADDER_EN, Ladder
from addin.locale import text
from addin.model import CellValue, Severity, column_index, column_letter
from addin.template import (
    ILLUSTRATIVE_RATES,
    TableRows,
    WorkbookContent,
    ladder_tables,
    settings_tables,
    write_workbook,
)

SEED = 20261130
AS_OF = dt.date(2026, 11, 30)
FIRST_DAY = dt.date(2025, 6, 1)
"""First creation date: 18 months before the as-of date."""
MANAGER = "Helen Zhou"

Behaviour = Literal["normal", "lucky", "slow", "short_of_new_deals"]


@dataclass(frozen=True)
class RepProfile:
    """One simulated rep: the Team row and how their deals behave."""

    name: str
    behaviour: Behaviour
    deals: int
    """Deals created over the 18 months."""
    monthly_quota: int
    """USD."""
    start_date: dt.date


REPS: tuple[RepProfile, ...] = (
    RepProfile("Lily Chen", "normal", 52, 80_000, dt.date(2021, 3, 1)),
    RepProfile("Kevin Wang", "normal", 48, 70_000, dt.date(2022, 7, 1)),
    RepProfile("Amy Liu", "normal", 50, 75_000, dt.date(2020, 9, 1)),
    RepProfile("Jason Li", "normal", 46, 65_000, dt.date(2023, 2, 1)),
    RepProfile("Sophie Huang", "normal", 44, 60_000, dt.date(2024, 4, 1)),
    RepProfile("Tony Zhang", "lucky", 48, 70_000, dt.date(2022, 1, 1)),
    RepProfile("Grace Xu", "slow", 40, 65_000, dt.date(2021, 11, 1)),
    RepProfile("Leo Zhao", "short_of_new_deals", 34, 70_000, dt.date(2020, 5, 1)),
)

# Chance that a deal that reached stage k - 1 reaches stage k.
_ADVANCE = (1.0, 0.9, 0.85, 0.75, 0.75, 0.9, 0.95)
_LUCKY_WIN_SHARE = 0.65
_SHORT_OF_NEW_DEALS_DAYS = 150
"""The rep short of new deals creates one deal in this many last days."""

# Customers by country, with the currency they buy in.
CUSTOMERS: dict[str, tuple[str, tuple[str, ...]]] = {
    "Germany": (
        "EUR",
        ("Keller Haustechnik GmbH", "Brandt Industriebedarf GmbH", "Vogel Licht AG"),
    ),
    "France": ("EUR", ("Maison Durand SARL", "Électro Rives SAS")),
    "Italy": ("EUR", ("Ferri Impianti S.r.l.", "Luce Nova S.p.A.")),
    "Spain": ("EUR", ("Suministros Ortega S.L.",)),
    "Poland": ("EUR", ("Polmex Sp. z o.o.", "Baltic Tools Sp. z o.o.")),
    "United Kingdom": ("GBP", ("Harrow Trade Ltd", "Pennine Supplies Ltd")),
    "United States": (
        "USD",
        ("Lakeside Supply LLC", "Granite State Lighting Inc.", "Red Mesa Pumps LLC"),
    ),
    "Mexico": ("USD", ("Distribuidora del Norte S.A. de C.V.",)),
    "Brazil": ("USD", ("Casa Forte Comércio Ltda",)),
    "United Arab Emirates": ("USD", ("Al Noor Building Materials LLC",)),
    "Nigeria": ("USD", ("Lagos Power Systems Ltd",)),
    "Australia": ("USD", ("Southern Cross Imports Pty Ltd",)),
    "Malaysia": ("CNY", ("Sinar Jaya Trading Sdn Bhd",)),
    "Vietnam": ("CNY", ("Hoang Long Electric JSC",)),
}

# Product -> (unit price in USD, smallest and largest order quantity).
PRODUCTS: dict[str, tuple[float, int, int]] = {
    "LED panel light 600x600": (14.5, 2000, 12000),
    "Solar street light 60W": (118.0, 200, 1500),
    "Stainless steel ball valve DN50": (21.0, 1000, 8000),
    "Industrial ceiling fan 1.5 m": (86.0, 300, 2000),
    "Submersible water pump 2 HP": (164.0, 100, 900),
    "EV wall charger 22 kW": (310.0, 50, 400),
}

LOST_REASONS = (
    "Price too high",
    "Chose a local supplier",
    "Project cancelled",
    "Lead time too long",
    "No reply after the samples",
    "Samples failed the customer's test",
    "Payment terms not accepted",
)
SOURCES = ("Alibaba", "Trade show", "Website", "Referral", "LinkedIn")

# Proof text of each criterion; fields are filled per deal.
PROOFS: dict[str, tuple[str, ...]] = {
    "IQ1": (
        "E-mail: {use} project, {who} decides, needed by {month}",
        "Call notes: {use} project for {month}, {who} signs off",
    ),
    "IQ2": ("Business registration and website received", "Import records sent"),
    "NC1": (
        "Spec sheet confirmed: {qty:,} pcs, target {price} {currency}/pc",
        "E-mail confirming {qty:,} pcs and target price {price} {currency}",
    ),
    "NC2": ("Drawing DWG-{number}.pdf received", "Reference sample received"),
    "CA1": (
        "E-mail: test report and CE certificate meet their standard",
        "Minutes of the technical call confirmed by {who}",
    ),
    "CA2": ("Video call with {who}", "Factory visit by {who}"),
    "SP1": (
        "Sample fee {fee} {currency} received, bank slip {number}",
        "Sample invoice SI-{year}-{number} paid",
    ),
    "SP2": ("Sample test report received: passed", "Feedback e-mail on samples"),
    "PA1": (
        "Customer asked for the PI after quotation Q-{year}-{number}",
        "Quotation Q-{year}-{number} accepted by e-mail",
    ),
    "RA1": (
        "PI No. {year}-{number} terms confirmed: 30% deposit, {weeks} weeks",
        "Payment terms and delivery in {weeks} weeks confirmed",
    ),
    "RA2": ("Registration and bank reference received", "Credit insurer limit"),
    "OR1": (
        "PI No. {year}-{number} signed, deposit {deposit} {currency} received",
        "PO {number} signed by {who}",
    ),
}
_END_USES = ("warehouse", "hotel", "school", "road", "farm", "factory", "mall")
_DECIDERS = ("the owner", "the purchasing manager", "the project engineer", "the CEO")


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


@dataclass
class _Deal:
    """A simulated deal: its Deals row and its Evidence rows."""

    row: dict[str, CellValue]
    evidence: list[dict[str, CellValue]] = field(default_factory=list)
    earned: int = -1
    """Index of the last stage the simulation earned."""
    profile: RepProfile | None = None


@dataclass
class ExportTeamSample:
    """The sample's workbook content and the faults planted in it."""

    content: WorkbookContent
    faults: list[Fault]


def build_export_team(seed: int = SEED) -> ExportTeamSample:
    """Simulate the export team and plant the faults, reproducibly for ``seed``."""
    rng = random.Random(seed)
    ladder = EXPORT_LADDER_EN
    deals = _simulate_team(rng, ladder)
    tables: dict[str, TableRows] = {
        **ladder_tables(ladder),
        "team": team_rows(),
        "deals": [deal.row for deal in deals],
        "evidence": _evidence_log(deals),
        **settings_tables(as_of=AS_OF, rates=ILLUSTRATIVE_RATES),
    }
    planted = plant_faults(rng, tables, deals, ladder)

    content = WorkbookContent(
        tables=tables,
        notice=[text("samples.export_team.notice", seed=seed)],
        title=text("samples.export_team.title"),
        description=text("samples.export_team.notice", seed=seed),
    )
    return ExportTeamSample(content, _locate(planted, tables) + rep_behaviours())


def write_export_team_sample(
    path: Path, faults_path: Path, seed: int = SEED
) -> ExportTeamSample:
    """Write the sample workbook to ``path`` and its faults as JSON."""
    sample = build_export_team(seed)
    write_workbook(sample.content, path)
    faults = [dataclasses.asdict(fault) for fault in sample.faults]
    faults_path.write_text(json.dumps(faults, indent=2) + "\n", encoding="utf-8")
    return sample


def team_rows() -> TableRows:
    return [
        {
            "rep": rep.name,
            "manager": MANAGER,
            "monthly_quota": rep.monthly_quota,
            "commission_rate": 0.02,
            "active": "Yes",
            "start_date": rep.start_date,
        }
        for rep in REPS
    ]


# ---------------------------------------------------------------------------
# Simulation


def _simulate_team(rng: random.Random, ladder: Ladder) -> list[_Deal]:
    """Simulate every rep's deals and number them in order of creation."""
    deals = []
    for rep in REPS:
        for created in _creation_dates(rng, rep):
            deals.append(_simulate_deal(rng, rep, created, ladder))
    deals.sort(key=lambda deal: (deal.row["created"], deal.row["rep"]))

    for number, deal in enumerate(deals, start=1):
        created: dt.date = deal.row["created"]  # type: ignore[assignment]
        deal_id = f"EX-{created.year}-{number:04d}"
        deal.row["deal_id"] = deal_id
        for evidence in deal.evidence:
            evidence["deal_id"] = deal_id
    return deals


def _creation_dates(rng: random.Random, rep: RepProfile) -> list[dt.date]:
    # Leave a few days before the as-of date, so that every deal's customer
    # has explained the project (IQ1) by then.
    last_day = AS_OF - dt.timedelta(days=4)
    if rep.behaviour != "short_of_new_deals":
        return [_growing_day(rng, FIRST_DAY, last_day) for _ in range(rep.deals)]

    cutoff = AS_OF - dt.timedelta(days=_SHORT_OF_NEW_DEALS_DAYS)
    early = [_growing_day(rng, FIRST_DAY, cutoff) for _ in range(rep.deals - 1)]
    return early + [_random_day(rng, cutoff, last_day)]


def _simulate_deal(
    rng: random.Random, rep: RepProfile, created: dt.date, ladder: Ladder
) -> _Deal:
    """Walk one deal up the ladder until it is won, lost or reaches the as-of date."""
    deal = _Deal(row=_deal_row(rng, rep, created), profile=rep)
    lucky = rep.behaviour == "lucky" and rng.random() < _LUCKY_WIN_SHARE
    if lucky and _lucky_win(rng, deal, ladder):
        return deal

    day = created
    for index, stage in enumerate(ladder.stages):
        if index == 0:
            gap = rng.randint(0, 3)
        else:
            gap = _stage_days(rng, rep, ladder.stages[index - 1].max_days)
        reached = day + dt.timedelta(days=gap)
        if reached > AS_OF:
            break
        if rng.random() > _ADVANCE[index]:
            _close(rng, deal, ladder, "Lost", day + dt.timedelta(rng.randint(1, gap)))
            return deal
        _log_stage(rng, deal, ladder, stage.stage, day, reached)
        day = reached

    if deal.earned == len(ladder.stages) - 1:
        _close(rng, deal, ladder, "Won", day)
    else:
        _keep_open(rng, deal, ladder)
    return deal


def _lucky_win(rng: random.Random, deal: _Deal, ladder: Ladder) -> bool:
    """Win the deal on the order alone, or with the middle stages skipped."""
    created: dt.date = deal.row["created"]  # type: ignore[assignment]
    ordered = created + dt.timedelta(days=rng.randint(6, 30))
    if ordered > AS_OF:
        return False
    if rng.random() < 0.5:
        _log_criterion(rng, deal, "IQ1", created + dt.timedelta(rng.randint(0, 2)))
        _log_criterion(rng, deal, "PA1", ordered - dt.timedelta(rng.randint(1, 4)))
    _log_criterion(rng, deal, "OR1", ordered)
    _close(rng, deal, ladder, "Won", ordered)
    return True


def _stage_days(rng: random.Random, rep: RepProfile, max_days: int) -> int:
    if rep.behaviour == "slow":
        return round(max_days * rng.uniform(2.0, 4.0))
    return max(1, round(max_days * rng.uniform(0.4, 1.0)))


def _log_stage(
    rng: random.Random,
    deal: _Deal,
    ladder: Ladder,
    stage: str,
    start: dt.date,
    reached: dt.date,
) -> None:
    """Log the required criteria of ``stage`` on ``reached`` and some optional ones."""
    for criterion in ladder.criteria_of(stage):
        if criterion.required:
            _log_criterion(rng, deal, criterion.criterion, reached)
        elif rng.random() < 0.5:
            _log_criterion(
                rng, deal, criterion.criterion, _random_day(rng, start, reached)
            )
    deal.earned = ladder.stage_names().index(stage)


def _log_criterion(
    rng: random.Random, deal: _Deal, criterion: str, day: dt.date
) -> None:
    deal.evidence.append(
        {
            "date": day,
            "criterion": criterion,
            "evidence": _proof(rng, deal, criterion, day),
            "logged_by": deal.row["rep"],
        }
    )


def _proof(rng: random.Random, deal: _Deal, criterion: str, day: dt.date) -> str:
    amount = float(deal.row["amount"])  # type: ignore[arg-type]
    quantity = int(deal.row["_quantity"])  # type: ignore[call-overload]
    fields = {
        "use": rng.choice(_END_USES),
        "who": rng.choice(_DECIDERS),
        "month": (day + dt.timedelta(days=120)).strftime("%B %Y"),
        "qty": quantity,
        "price": f"{amount / quantity:.2f}",
        "currency": deal.row["currency"],
        "fee": f"{max(50, round(amount * 0.005, -1)):,.0f}",
        "deposit": f"{amount * 0.3:,.0f}",
        "number": rng.randint(100, 999),
        "year": day.year,
        "weeks": rng.choice((4, 5, 6, 8)),
    }
    return rng.choice(PROOFS[criterion]).format(**fields)


def _close(
    rng: random.Random, deal: _Deal, ladder: Ladder, status: str, day: dt.date
) -> None:
    deal.row["status"] = status
    deal.row["closed_on"] = day
    deal.row["expected_close"] = deal.row["created"] + dt.timedelta(  # type: ignore[operator]
        days=rng.randint(60, 150)
    )
    if status == "Won":
        deal.row["stage"] = ladder.stages[-1].stage
    else:
        deal.row["stage"] = ladder.stages[max(deal.earned, 0)].stage
        deal.row["lost_reason"] = rng.choice(LOST_REASONS)


def _keep_open(rng: random.Random, deal: _Deal, ladder: Ladder) -> None:
    deal.row["status"] = "Open"
    deal.row["stage"] = ladder.stages[deal.earned].stage
    deal.row["expected_close"] = AS_OF + dt.timedelta(days=rng.randint(14, 120))


def _deal_row(
    rng: random.Random, rep: RepProfile, created: dt.date
) -> dict[str, CellValue]:
    country = rng.choice(sorted(CUSTOMERS))
    currency, customers = CUSTOMERS[country]
    product = rng.choice(sorted(PRODUCTS))
    unit_price, least, most = PRODUCTS[product]
    quantity = round(rng.randint(least, most), -1)
    amount = round(unit_price * quantity / ILLUSTRATIVE_RATES[currency], -1)
    row: dict[str, CellValue] = {
        "customer": rng.choice(customers),
        "country": country,
        "rep": rep.name,
        "product": product,
        "amount": amount,
        "currency": currency,
        "created": created,
        "source": rng.choice(SOURCES),
        "_quantity": quantity,
    }
    return row


def _evidence_log(deals: list[_Deal]) -> TableRows:
    """Return every deal's evidence as one log in date order."""
    for deal in deals:
        del deal.row["_quantity"]
    evidence = [row for deal in deals for row in deal.evidence]
    # sort() is stable, so rows of one day keep the order of their deals.
    evidence.sort(key=lambda row: row["date"])  # type: ignore[arg-type,return-value]
    return evidence


def _growing_day(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    """Return a day whose chance grows linearly from ``first`` to ``last``.

    The team wins more inquiries each month, as a growing exporter does.
    """
    span = (last - first).days
    return first + dt.timedelta(days=round(span * rng.random() ** 0.5))


def _random_day(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, max((last - first).days, 0)))


# ---------------------------------------------------------------------------
# Planted faults


def plant_faults(
    rng: random.Random,
    tables: dict[str, TableRows],
    deals: list[_Deal],
    ladder: Ladder,
) -> list[_Planted]:
    """Plant one input fault of each kind and return where each one is.

    Faults go on deals of the normal reps only, each on a deal of its own,
    so that the lucky, slow and short reps keep their pattern and no fault
    hides another.
    """
    picker = _DealPicker(rng, [deal for deal in deals if _is_normal(deal)])
    planted = _plant_deal_faults(picker, tables["deals"], ladder)
    planted += _plant_evidence_faults(picker, tables["evidence"], ladder)
    planted += _plant_criteria_faults(tables["criteria"])
    return planted


def _is_normal(deal: _Deal) -> bool:
    return deal.profile is not None and deal.profile.behaviour == "normal"


class _DealPicker:
    """Pick a random deal that meets a condition and no earlier fault used."""

    def __init__(self, rng: random.Random, deals: list[_Deal]) -> None:
        self.rng = rng
        self.unused = list(deals)

    def pick(self, condition: Callable[[_Deal], bool]) -> _Deal:
        candidates = [deal for deal in self.unused if condition(deal)]
        deal = self.rng.choice(candidates)
        self.unused.remove(deal)
        return deal


def _status_is(status: str) -> Callable[[_Deal], bool]:
    return lambda deal: deal.row["status"] == status


def _plant_deal_faults(
    picker: _DealPicker, rows: TableRows, ladder: Ladder
) -> list[_Planted]:
    """Plant the faults of the Deals sheet, each replacing a clean value."""
    is_open, is_won, is_lost = _status_is("Open"), _status_is("Won"), _status_is("Lost")
    stages = ladder.stage_names()
    # (condition, column, value, severity, kind); a callable value is
    # computed from the deal's own row.
    replacements: list[tuple[Callable[[_Deal], bool], str, object, Severity, str]] = [
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
        deal.row[column] = value(deal.row) if callable(value) else value
        planted.append(
            _Planted(
                severity, "deals", deal.row, column, str(deal.row["deal_id"]), kind
            )
        )

    planted.append(_plant_rate_missing(picker))
    planted.append(_plant_duplicate_id(picker, rows))
    return planted


def _plant_rate_missing(picker: _DealPicker) -> _Planted:
    """Quote a deal in yen, a currency the Settings have no rate for."""
    deal = picker.pick(_status_is("Lost"))
    usd = float(deal.row["amount"]) * ILLUSTRATIVE_RATES[str(deal.row["currency"])]
    deal.row["amount"] = round(usd * 150, -3)
    deal.row["currency"] = "JPY"
    return _Planted(
        "error",
        "deals",
        deal.row,
        "currency",
        str(deal.row["deal_id"]),
        "validate.rate_missing",
    )


def _plant_duplicate_id(picker: _DealPicker, rows: TableRows) -> _Planted:
    """Append a new lost deal that reuses the Deal ID of an earlier one."""
    original = picker.pick(_status_is("Lost"))
    created = AS_OF - dt.timedelta(days=picker.rng.randint(20, 60))
    duplicate = {
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
    return _Planted(
        "error",
        "deals",
        duplicate,
        "deal_id",
        str(duplicate["deal_id"]),
        "validate.duplicate.deals",
    )


def _plant_evidence_faults(
    picker: _DealPicker, rows: TableRows, ladder: Ladder
) -> list[_Planted]:
    """Add wrong Evidence rows, then spoil two clean ones in place."""
    planted = []

    won = picker.pick(_status_is("Won"))
    row = _extra_evidence(won, "QC1", won.row["closed_on"])
    row["evidence"] = "Pre-shipment inspection report approved"
    planted.append(
        _Planted(
            "error",
            "evidence",
            row,
            "criterion",
            str(row["deal_id"]),
            "validate.unknown_criterion.closest",
        )
    )

    typo = picker.pick(lambda deal: "0" in str(deal.row["deal_id"])[-4:])
    row = _extra_evidence(typo, "IQ2", typo.evidence[0]["date"])
    row["deal_id"] = _letter_o_typo(str(typo.row["deal_id"]))
    planted.append(
        _Planted(
            "error",
            "evidence",
            row,
            "deal_id",
            str(row["deal_id"]),
            "validate.evidence_unknown_deal",
        )
    )

    ahead = picker.pick(lambda deal: _status_is("Open")(deal) and deal.earned < 5)
    next_stage = ladder.stages[ahead.earned + 1].stage
    required = [spec for spec in ladder.criteria_of(next_stage) if spec.required]
    row = _extra_evidence(ahead, required[0].criterion, AS_OF + dt.timedelta(days=6))
    planted.append(
        _Planted(
            "warning",
            "evidence",
            row,
            "date",
            str(row["deal_id"]),
            "validate.evidence_future",
        )
    )

    early = picker.pick(lambda deal: len(deal.evidence) > 0)
    created: dt.date = early.row["created"]  # type: ignore[assignment]
    row = _extra_evidence(early, "IQ2", created - dt.timedelta(days=6))
    planted.append(
        _Planted(
            "warning",
            "evidence",
            row,
            "date",
            str(row["deal_id"]),
            "validate.evidence_before_created",
        )
    )

    rows.extend(planted_row.row for planted_row in planted)
    rows.sort(key=lambda each: each["date"])  # type: ignore[arg-type,return-value]

    # Spoil clean rows only after sorting, because a date typed as text
    # does not sort among dates.
    as_text = _evidence_of(picker.pick(lambda deal: len(deal.evidence) > 0))
    as_text["date"] = as_text["date"].isoformat()  # type: ignore[union-attr]
    planted.append(
        _Planted(
            "warning",
            "evidence",
            as_text,
            "date",
            str(as_text["deal_id"]),
            "value.date_text",
        )
    )

    logger = _evidence_of(
        picker.pick(
            lambda deal: any(r["logged_by"] == "Amy Liu" for r in deal.evidence)
        )
    )
    logger["logged_by"] = "Amy Lu"
    planted.append(
        _Planted(
            "warning",
            "evidence",
            logger,
            "logged_by",
            str(logger["deal_id"]),
            "validate.unknown_logger.closest",
        )
    )
    return planted


def _extra_evidence(deal: _Deal, criterion: str, day: object) -> dict[str, CellValue]:
    return {
        "date": day,  # type: ignore[dict-item]
        "deal_id": deal.row["deal_id"],
        "criterion": criterion,
        "evidence": deal.evidence[0]["evidence"] if deal.evidence else "",
        "logged_by": deal.row["rep"],
    }


def _evidence_of(deal: _Deal) -> dict[str, CellValue]:
    """Return the deal's last Evidence row, the one to spoil."""
    return deal.evidence[-1]


def _letter_o_typo(deal_id: str) -> str:
    """Return the Deal ID with its last digit 0 typed as the letter O."""
    position = deal_id.rindex("0")
    return deal_id[:position] + "O" + deal_id[position + 1 :]


def _plant_criteria_faults(rows: TableRows) -> list[_Planted]:
    """Add a criterion of a misspelt stage and spoil two clean cells."""
    misspelt = {
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
    return [
        _Planted(
            "error",
            "criteria",
            misspelt,
            "stage",
            "",
            "validate.criteria_stage.closest",
        ),
        _Planted(
            "error", "criteria", by_id["RA1"], "required", "", "value.yesno_invalid"
        ),
        _Planted(
            "error", "criteria", by_id["IQ2"], "weight", "", "value.number_invalid"
        ),
    ]


def _locate(planted: list[_Planted], tables: dict[str, TableRows]) -> list[Fault]:
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
