"""Simulation of the export team's deals, stage by stage, from a seeded generator.

Eight reps of a made-up exporter sell to customers in a dozen countries
over the 18 months up to the as-of date, through the default export-trade
ladder. For each deal the customer acts after a while, or the deal is
lost, or the as-of date arrives first. Three reps behave differently on
purpose:

- the lucky rep wins many deals whose evidence is the order alone, or the
  inquiry, the accepted proposal and the order with the stages between
  them skipped;
- the slow rep's deals sit two to four times the stage's Max days;
- the rep short of new deals created almost none in the last five months.

The result is clean: the validator finds nothing in it.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Literal

from addin.ladder import Ladder
from addin.model import CellValue
from addin.template import ILLUSTRATIVE_RATES, TableRows

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
"""Days before the as-of date in which the rep short of new deals creates only one."""

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


@dataclass
class SimulatedDeal:
    """A simulated deal: its Deals row and its Evidence rows."""

    profile: RepProfile
    created: dt.date
    amount: float
    """In the deal's currency, as first written to the row."""
    quantity: int
    row: dict[str, CellValue]
    evidence: list[dict[str, CellValue]] = field(default_factory=list)
    earned: int = -1
    """Index of the last stage the simulation earned."""


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


def simulate_team(rng: random.Random, ladder: Ladder) -> list[SimulatedDeal]:
    """Simulate every rep's deals and number them in order of creation."""
    deals = []
    for rep in REPS:
        for created in _creation_dates(rng, rep):
            deals.append(_simulate_deal(rng, rep, created, ladder))
    deals.sort(key=lambda deal: (deal.created, deal.profile.name))

    for number, deal in enumerate(deals, start=1):
        deal_id = f"EX-{deal.created.year}-{number:04d}"
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
) -> SimulatedDeal:
    """Walk one deal up the ladder until it is won, lost or reaches the as-of date."""
    deal = _new_deal(rng, rep, created)
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


def _lucky_win(rng: random.Random, deal: SimulatedDeal, ladder: Ladder) -> bool:
    """Win the deal on the order alone, or with the middle stages skipped."""
    created = deal.created
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
    deal: SimulatedDeal,
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
    rng: random.Random, deal: SimulatedDeal, criterion: str, day: dt.date
) -> None:
    deal.evidence.append(
        {
            "date": day,
            "criterion": criterion,
            "evidence": _proof(rng, deal, criterion, day),
            "logged_by": deal.row["rep"],
        }
    )


def _proof(
    rng: random.Random, deal: SimulatedDeal, criterion: str, day: dt.date
) -> str:
    amount, quantity = deal.amount, deal.quantity
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
    rng: random.Random, deal: SimulatedDeal, ladder: Ladder, status: str, day: dt.date
) -> None:
    deal.row["status"] = status
    deal.row["closed_on"] = day
    deal.row["expected_close"] = deal.created + dt.timedelta(days=rng.randint(60, 150))
    if status == "Won":
        deal.row["stage"] = ladder.stages[-1].stage
    else:
        deal.row["stage"] = ladder.stages[max(deal.earned, 0)].stage
        deal.row["lost_reason"] = rng.choice(LOST_REASONS)


def _keep_open(rng: random.Random, deal: SimulatedDeal, ladder: Ladder) -> None:
    deal.row["status"] = "Open"
    deal.row["stage"] = ladder.stages[deal.earned].stage
    deal.row["expected_close"] = AS_OF + dt.timedelta(days=rng.randint(14, 120))


def _new_deal(rng: random.Random, rep: RepProfile, created: dt.date) -> SimulatedDeal:
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
    }
    return SimulatedDeal(rep, created, amount, quantity, row)


def evidence_log(deals: list[SimulatedDeal]) -> TableRows:
    """Return every deal's evidence as one log in date order."""
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
