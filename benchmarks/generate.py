"""Generate seeded team workbooks of benchmark sizes, in the template's format.

Each workbook starts from the team template (the base) and replaces the
bodies of its Process, Criteria, Team, Deals and Evidence tables with
generated rows. The Settings tables stay as the template has them, and a
Dashboard sheet with two pictures and a chart is added. Text has the lengths
reps type: company names, notes of a sentence or two, evidence descriptions
with references and amounts.

Generated files are cached under ``benchmarks/.cache/``, keyed by size,
generator version and the base workbook's content.

Usage::

    python -m benchmarks.generate --sizes S,M,L
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import random
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from addin import schema
from addin.model import column_letter
from benchmarks import texts
from benchmarks.dashboard import add_dashboard
from benchmarks.package import (
    SHARED_STRINGS,
    CellValue,
    ColumnOut,
    Package,
    SharedStrings,
    SheetWriter,
    TablePart,
    add_shared_strings_part,
    write_parts,
)

GENERATOR_VERSION = 1
"""Bump when the generated content changes, so cached files are rebuilt."""

AS_OF = dt.date(2026, 11, 30)
"""As-of date the generated history ends at; pass it to refresh and check."""

REPO = Path(__file__).resolve().parent.parent
CACHE = Path(__file__).resolve().parent / ".cache"
TEMPLATE = REPO / "workbook_template.xlsx"

Row = tuple[CellValue, ...]
"""One generated table row, in the column order of its schema spec."""

_HISTORY_DAYS = 730
_REPS = 40


@dataclass(frozen=True)
class Size:
    """A benchmark size: how many Deals and Evidence rows the workbook has."""

    name: str
    deals: int
    evidence: int


SIZES = {
    size.name: size
    for size in (
        Size("XS", 1_000, 5_000),
        Size("S", 10_000, 50_000),
        Size("M", 100_000, 500_000),
        Size("L", 100_000, 1_000_000),
    )
}


@dataclass(frozen=True)
class Stage:
    name: str
    goal: str
    playbook: str
    max_days: int | None
    win_pct: float
    forecast_category: str


@dataclass(frozen=True)
class Criterion:
    stage: str
    criterion: str
    customer_action: str
    evidence: str
    required: bool
    weight: float
    proof: str
    """Kind of proof rows log for it: email, call, payment, document or visit."""


LADDER = (
    Stage(
        "Inquiry",
        "The customer has told us what they want to buy",
        "Reply within one working day; ask about the project, quantities and timing.",
        14,
        0.05,
        "Pipeline",
    ),
    Stage(
        "Needs confirmed",
        "We know the project, its size, its budget and who decides",
        "Call the decision maker; confirm budget and timing; offer a paid sample.",
        21,
        0.12,
        "Pipeline",
    ),
    Stage(
        "Customer acknowledged",
        "The customer agrees that our product fits the project",
        "Send the specification sheet and two references from the same industry.",
        21,
        0.2,
        "Pipeline",
    ),
    Stage(
        "Sample paid",
        "The customer has paid for samples and received them",
        "Follow up the sample test within a week; collect the test report.",
        30,
        0.35,
        "Best case",
    ),
    Stage(
        "Proposal accepted",
        "The customer has accepted our prices and terms",
        "Send the proforma invoice; agree the deposit and delivery date.",
        30,
        0.6,
        "Best case",
    ),
    Stage(
        "Risk assessed",
        "Payment, delivery and quality risks are known and agreed",
        "Check the customer's credit; confirm incoterms and inspection.",
        21,
        0.8,
        "Commit",
    ),
    Stage(
        "Order",
        "The customer has paid the deposit",
        "Confirm the production slot and send the order confirmation.",
        None,
        1.0,
        "Commit",
    ),
)

CRITERIA = (
    Criterion(
        "Inquiry",
        "IQ1",
        "Customer sends an inquiry",
        "E-mail or web form",
        True,
        1,
        "email",
    ),
    Criterion(
        "Needs confirmed",
        "NC1",
        "Customer describes the project in detail",
        "Call notes",
        True,
        1,
        "call",
    ),
    Criterion(
        "Needs confirmed",
        "NC2",
        "Customer names the decision maker",
        "Call notes",
        False,
        1,
        "call",
    ),
    Criterion(
        "Customer acknowledged",
        "CA1",
        "Customer confirms the product fits the project",
        "E-mail",
        True,
        1,
        "email",
    ),
    Criterion(
        "Customer acknowledged",
        "CA2",
        "Customer visits our factory",
        "Visit report",
        False,
        1,
        "visit",
    ),
    Criterion(
        "Sample paid",
        "SP1",
        "Customer pays the sample fee",
        "Payment slip",
        True,
        2,
        "payment",
    ),
    Criterion(
        "Sample paid",
        "SP2",
        "Customer sends the sample test report",
        "Test report",
        False,
        1,
        "document",
    ),
    Criterion(
        "Proposal accepted",
        "PA1",
        "Customer asks for a proforma invoice",
        "E-mail",
        True,
        2,
        "email",
    ),
    Criterion(
        "Proposal accepted",
        "PA2",
        "Customer signs the quotation",
        "Signed quotation",
        False,
        1,
        "document",
    ),
    Criterion(
        "Risk assessed",
        "RA1",
        "Customer agrees the payment terms",
        "Signed terms",
        True,
        1,
        "document",
    ),
    Criterion(
        "Risk assessed",
        "RA2",
        "Customer shares credit references",
        "E-mail",
        False,
        1,
        "email",
    ),
    Criterion(
        "Order", "OR1", "Customer pays the deposit", "Bank slip", True, 3, "payment"
    ),
)


@dataclass
class DealPlan:
    """How far one generated deal went, from which its rows are drawn."""

    deal_id: str
    rep: str
    created: dt.date
    status: str
    reached: int
    """Number of stages the customer's actions reached (0 to all)."""
    skipped: frozenset[str]
    """Required criteria the deal skipped (the lucky wins)."""
    last_day: dt.date
    """Last day an action can be dated: the close date or the as-of date."""


def workbook_path(size: Size, cache: Path = CACHE, force: bool = False) -> Path:
    """Return the cached workbook of ``size``, generating it when missing."""
    base = base_workbook()
    digest = hashlib.sha1(base.read_bytes()).hexdigest()[:10]
    path = cache / f"team-{size.name}-v{GENERATOR_VERSION}-{digest}.xlsx"
    if force or not path.exists():
        generate(size, base, path)
    return path


def base_workbook() -> Path:
    """Return the team template that every benchmark workbook starts from."""
    if not TEMPLATE.exists():
        raise SystemExit(f"The team template {TEMPLATE} is missing.")
    return TEMPLATE


def generate(size: Size, base: Path, path: Path) -> None:
    """Write the workbook of ``size`` built on ``base`` to ``path``."""
    package = Package(str(base))
    tables = package.tables()
    reporting, currencies = _currencies(package, tables)
    rng = random.Random(f"salesflow benchmark {size.name}")

    reps = texts.rep_names(rng, _REPS)
    plans = plan_deals(rng, size.deals, reps)
    actions = plan_evidence(rng, plans, size.evidence)
    bodies: dict[schema.TableSpec, list[Row] | Iterator[Row]] = {
        schema.PROCESS: [_process_row(stage) for stage in LADDER],
        schema.CRITERIA: [_criterion_row(criterion) for criterion in CRITERIA],
        schema.TEAM: team_rows(rng, reps),
        schema.DEALS: deal_rows(rng, plans, reporting, currencies),
        schema.EVIDENCE: evidence_rows(rng, plans, actions),
    }

    strings = SharedStrings(package)
    date_style = package.append_number_format(14)
    styles = {
        "percent": package.append_number_format(9),
        "amount": package.append_number_format(3),
    }
    for spec, rows in bodies.items():
        count = len(rows) if isinstance(rows, list) else len(actions)
        package.set_table_rows(_table(tables, spec), count)
    add_dashboard(package, strings, _won_by_month(plans))
    add_shared_strings_part(package)

    path.parent.mkdir(parents=True, exist_ok=True)
    # A name of this process's own, so two runs generating at once do not
    # write into one file.
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    replaced = [_table(tables, spec).sheet_path for spec in bodies]
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
        write_parts(package, archive, [*replaced, SHARED_STRINGS])
        writer = SheetWriter(strings, date_style, archive)
        for spec, rows in bodies.items():
            table = _table(tables, spec)
            column_styles = package.column_styles(table.sheet_path)
            columns = _columns(spec, table, styles, column_styles)
            writer.write(package, table, columns, rows)
        archive.writestr(SHARED_STRINGS, strings.to_xml())
    partial.replace(path)


def _table(tables: dict[str, TablePart], spec: schema.TableSpec) -> TablePart:
    try:
        return tables[spec.table_name]
    except KeyError:
        raise SystemExit(
            f"The base workbook has no table {spec.table_name}; found {sorted(tables)}."
        ) from None


def _columns(
    spec: schema.TableSpec,
    table: TablePart,
    styles: dict[str, int],
    column_styles: dict[int, int],
) -> list[ColumnOut]:
    """Map the table's headers, in its order, to positions in generated rows.

    A cell takes the style that the template sets on its whole column, as
    Excel does when a rep types into it. Other cells take the style of
    their column kind.
    """
    positions = {}
    for position, column in enumerate(spec.columns):
        for name in (column.header, *column.aliases):
            positions[name.strip().casefold()] = (position, column.kind)
    columns = []
    for offset, header in enumerate(table.headers):
        position, kind = positions.get(header.strip().casefold(), (-1, "text"))
        index = table.first_column + offset
        style = column_styles.get(index, styles.get(kind))
        columns.append(ColumnOut(column_letter(index), position, style))
    return columns


def _currencies(
    package: Package, tables: dict[str, TablePart]
) -> tuple[str, list[str]]:
    """Return the reporting currency and the other currencies with a rate."""
    reporting = schema.SETTING_DEFAULTS["Reporting currency"]
    settings = tables.get(schema.SETTINGS.table_name)
    if settings is not None:
        for name, value, *_ in package.read_table(settings):
            if name == "Reporting currency" and value:
                reporting = str(value)
    rates = tables.get(schema.RATES.table_name)
    others = []
    if rates is not None:
        others = [str(row[0]) for row in package.read_table(rates) if row[0]]
    return reporting, [code for code in others if code != reporting]


def _process_row(stage: Stage) -> Row:
    return (
        stage.name,
        stage.goal,
        stage.playbook,
        stage.max_days,
        stage.win_pct,
        stage.forecast_category,
    )


def _criterion_row(criterion: Criterion) -> Row:
    required = "Yes" if criterion.required else "No"
    return (
        criterion.stage,
        criterion.criterion,
        criterion.customer_action,
        criterion.evidence,
        required,
        criterion.weight,
    )


def team_rows(rng: random.Random, reps: list[str]) -> list[Row]:
    """Return Team rows: five managers, quotas of 30k to 120k, a few leavers."""
    managers = texts.rep_names(rng, 5)
    rows: list[Row] = []
    for number, rep in enumerate(reps):
        rows.append(
            (
                rep,
                managers[number % len(managers)],
                rng.randrange(30_000, 120_001, 5_000),
                rng.choice((0.01, 0.015, 0.02, 0.025, 0.03)),
                "No" if rng.random() < 0.08 else "Yes",
                AS_OF - dt.timedelta(days=rng.randrange(200, 3_000)),
            )
        )
    return rows


def plan_deals(rng: random.Random, count: int, reps: list[str]) -> list[DealPlan]:
    """Plan deals created over two years: older ones are more often closed."""
    plans = []
    for number in range(count):
        age = rng.randrange(_HISTORY_DAYS)
        created = AS_OF - dt.timedelta(days=age)
        status = _status(rng, age)
        reached, skipped = _progress(rng, status)
        plans.append(
            DealPlan(
                deal_id=f"{number + 10_001:07d}",
                rep=rng.choice(reps),
                created=created,
                status=status,
                reached=reached,
                skipped=skipped,
                last_day=AS_OF,
            )
        )
    return plans


def _status(rng: random.Random, age: int) -> str:
    if rng.random() >= min(0.9, age / 200):
        return "Open"
    return "Won" if rng.random() < 0.35 else "Lost"


def _progress(rng: random.Random, status: str) -> tuple[int, frozenset[str]]:
    """Return how many stages a deal reached and the required criteria it skipped."""
    if status == "Won":
        if rng.random() < 0.12:
            middle = [c.criterion for c in CRITERIA[1:-1] if c.required]
            return len(LADDER), frozenset(rng.sample(middle, rng.randint(1, 2)))
        return len(LADDER), frozenset()
    if status == "Lost":
        return rng.choices(range(1, 6), weights=(30, 25, 20, 15, 10))[0], frozenset()
    weights = (4, 30, 25, 18, 12, 9, 2)
    return rng.choices(range(len(LADDER)), weights=weights)[0], frozenset()


Action = tuple[dt.date, int, str]
"""One customer action to log: (date, index of the deal plan, criterion)."""


def plan_evidence(
    rng: random.Random, plans: list[DealPlan], target: int
) -> list[Action]:
    """Plan exactly ``target`` Evidence rows, sorted by date like a log.

    Each deal logs the criteria of the stages it reached, in ladder order;
    follow-up rows (a second e-mail, a balance payment) fill the count up.
    Closed deals get their close date from their last action.
    """
    actions: list[Action] = []
    for index, plan in enumerate(plans):
        day = plan.created
        for criterion in _criteria_reached(rng, plan):
            day = min(day + dt.timedelta(days=int(rng.expovariate(1 / 6))), AS_OF)
            actions.append((day, index, criterion))
        if plan.status != "Open":
            plan.last_day = min(day + dt.timedelta(days=rng.randrange(8)), AS_OF)

    if len(actions) > target:
        actions = rng.sample(actions, target)
    base = len(actions)
    while len(actions) < target:
        day, index, criterion = actions[rng.randrange(base)]
        later = day + dt.timedelta(days=rng.randrange(1, 21))
        actions.append((min(later, plans[index].last_day), index, criterion))
    actions.sort(key=lambda action: (action[0], action[1]))
    return actions


def _criteria_reached(rng: random.Random, plan: DealPlan) -> Iterator[str]:
    stages = {stage.name for stage in LADDER[: plan.reached]}
    for criterion in CRITERIA:
        if criterion.stage not in stages or criterion.criterion in plan.skipped:
            continue
        if criterion.required or rng.random() < 0.5:
            yield criterion.criterion


def deal_rows(
    rng: random.Random,
    plans: list[DealPlan],
    reporting: str,
    currencies: Sequence[str],
) -> list[Row]:
    """Return the Deals rows, in the order of :data:`addin.schema.DEALS`."""
    customers = texts.customer_names(rng, max(len(plans) * 6 // 10, 1))
    rows: list[Row] = []
    for plan in plans:
        currency = rng.choice(currencies) if currencies and rng.random() < 0.3 else None
        declared = _declared_stage(rng, plan)
        closed = plan.status != "Open"
        rows.append(
            (
                plan.deal_id,
                rng.choice(customers),
                rng.choice(texts.COUNTRIES),
                plan.rep,
                rng.choice(texts.PRODUCTS),
                round(rng.lognormvariate(9.6, 0.9), -2) or 100.0,
                currency or reporting,
                declared,
                plan.status,
                plan.created,
                plan.created + dt.timedelta(days=rng.randrange(45, 150)),
                plan.last_day if closed else None,
                rng.choice(texts.LOST_REASONS) if plan.status == "Lost" else None,
                rng.choice(texts.SOURCES),
                texts.deal_note(rng) if rng.random() < 0.6 else None,
            )
        )
    return rows


def _declared_stage(rng: random.Random, plan: DealPlan) -> str | None:
    """Return the stage a rep typed: sometimes ahead of the evidence."""
    if plan.status == "Won":
        return LADDER[-1].name
    if plan.reached == 0:
        return LADDER[0].name
    ahead = plan.status == "Open" and rng.random() < 0.1
    return LADDER[min(plan.reached - 1 + ahead, len(LADDER) - 2)].name


def evidence_rows(
    rng: random.Random, plans: list[DealPlan], actions: list[Action]
) -> Iterator[Row]:
    """Yield the Evidence rows, in the order of :data:`addin.schema.EVIDENCE`."""
    proofs = {criterion.criterion: criterion.proof for criterion in CRITERIA}
    for day, index, criterion in actions:
        plan = plans[index]
        note = texts.evidence_note(rng) if rng.random() < 0.3 else None
        yield (
            day,
            plan.deal_id,
            criterion,
            texts.proof(rng, proofs[criterion], day),
            plan.rep,
            note,
        )


def _won_by_month(plans: list[DealPlan]) -> list[int]:
    won = [0] * 12
    for plan in plans:
        if plan.status == "Won":
            won[plan.last_day.month - 1] += 1
    return won


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", default="S,M,L", help="comma-separated sizes: XS, S, M, L"
    )
    parser.add_argument(
        "--force", action="store_true", help="rebuild even when a cached file exists"
    )
    options = parser.parse_args(argv)
    for name in options.sizes.split(","):
        print(workbook_path(SIZES[name.strip()], force=options.force))


if __name__ == "__main__":
    main()
