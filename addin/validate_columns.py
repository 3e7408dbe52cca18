"""Parse the cells of one input table, column by column, into typed values.

Each column is parsed by its schema kind with :mod:`addin.values`; every
problem a parser finds becomes an :class:`Issue` at its cell. A table keeps
what a later rule needs to place its own findings: the location of each
column, the Excel row of each record and the Deal ID of each row.

Distinct cell values are parsed once: an Evidence table of a million rows
repeats a few thousand dates, deal ids and criteria.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from addin import schema
from addin.locale import text
from addin.model import CellValue, Issue, RawTable, Severity, TableLocation
from addin.values import PARSERS, Parsed, describe, normalize_name, shown

# Problems that are no problem in these columns: a Win % or a payout of
# exactly 1 is 100 %, which is what a cell formatted as a percentage stores.
_EXPECTED_PROBLEMS: dict[tuple[str, str], frozenset[str]] = {
    ("process", "win_pct"): frozenset({"value.percent_one"}),
    ("curve", "payout"): frozenset({"value.percent_one"}),
}

_DATE_KIND = "date"


@dataclass
class ParsedTable:
    """One input table after parsing: typed values plus where each came from."""

    spec: schema.TableSpec
    frame: pd.DataFrame
    """Typed columns under their canonical keys, and ``row`` (Excel row)."""
    location: TableLocation | None
    raw: dict[str, list[CellValue]] = field(default_factory=dict)
    """The cells as read, for messages that quote what was typed."""
    currency_found: dict[str, list[str | None]] = field(default_factory=dict)
    """Amount column key -> currency named in each cell's text."""
    language: str = "en"

    @property
    def present(self) -> bool:
        """Return whether the workbook has this table."""
        return self.location is not None

    def has_column(self, key: str) -> bool:
        """Return whether the table has column ``key`` in the workbook."""
        return key in self.raw

    def cell(self, key: str, position: int) -> str:
        """Return the A1 reference of column ``key`` in record ``position``."""
        if self.location is None:
            return ""
        return self.location.cell(key, int(self.frame["row"].iat[position]))

    def deal(self, position: int) -> str:
        """Return the Deal ID of record ``position``, empty if it has none."""
        if "deal_id" not in self.frame:
            return ""
        deal_id = self.frame["deal_id"].iat[position]
        return "" if deal_id is None or pd.isna(deal_id) else str(deal_id)

    def typed(self, key: str, position: int) -> str:
        """Return cell ``key`` of record ``position`` as a message quotes it."""
        values = self.raw.get(key)
        return shown(values[position]) if values else ""

    def issue(
        self,
        severity: Severity,
        key: str,
        position: int | None,
        message_key: str,
        **fields: Any,
    ) -> Issue:
        """Build an Issue at column ``key`` of record ``position``.

        ``message_key`` names the locale text of the message; its fix is
        under ``message_key + ".fix"``. A None ``position`` places the issue
        at the column's header cell.
        """
        sheet = self.location.sheet if self.location else self.spec.sheet
        if position is None:
            cell, deal = self._header_cell(key), ""
        else:
            cell, deal = self.cell(key, position), self.deal(position)
        return Issue(
            severity=severity,
            sheet=sheet,
            cell=cell,
            deal=deal,
            message=text(message_key, self.language, **fields),
            fix=text(f"{message_key}.fix", self.language, **fields),
        )

    def _header_cell(self, key: str) -> str:
        if self.location is None:
            return ""
        letters = self.location.columns.get(key)
        if letters is None:
            letters = min(
                self.location.columns.values(), key=_column_order, default="A"
            )
        return f"{letters}{self.location.header_row}"


def _column_order(letters: str) -> tuple[int, str]:
    return len(letters), letters


def parse_table(
    raw: RawTable | None, spec: schema.TableSpec, language: str = "en"
) -> tuple[ParsedTable, list[Issue]]:
    """Parse every cell of ``raw`` by its column kind.

    A missing table gives an empty frame with every column, so that the
    rules and the engine need no special case. Returns the table and the
    problems of its cells (required columns, blank mandatory cells and
    values the parsers reject or flag).
    """
    if raw is None:
        empty = {column.key: pd.Series([], dtype=object) for column in spec.columns}
        frame = pd.DataFrame({**empty, "row": pd.Series([], dtype="int64")})
        return ParsedTable(spec, frame, None, language=language), []

    columns: dict[str, Any] = {}
    problems: dict[str, list[Any]] = {}
    table = ParsedTable(
        spec, pd.DataFrame(), raw.location, raw.values, language=language
    )
    for column in spec.columns:
        cells = raw.values.get(column.key)
        if cells is None:
            columns[column.key] = _empty_column(column.kind, len(raw.rows))
            continue
        parsed = _parse_cells(column.kind, cells)
        columns[column.key] = _typed_column(column.kind, [p.value for p in parsed])
        problems[column.key] = [p.problem for p in parsed]
        if column.kind == "amount":
            table.currency_found[column.key] = [p.currency for p in parsed]
    columns["row"] = pd.Series(raw.rows, dtype="int64")
    table.frame = pd.DataFrame(columns)

    issues = blank_mandatory_cells(table)
    issues += value_problems(table, problems)
    return table, issues


def blank_mandatory_cells(table: ParsedTable) -> list[Issue]:
    """Report each blank cell in a column that every row must fill."""
    issues = []
    for column in table.spec.columns:
        cells = table.raw.get(column.key)
        if not column.mandatory or cells is None:
            continue
        for position, cell in enumerate(cells):
            if is_blank(cell):
                issues.append(
                    table.issue(
                        "error",
                        column.key,
                        position,
                        "validate.blank",
                        column=column.header,
                        table=table.spec.sheet,
                    )
                )
    return issues


def value_problems(table: ParsedTable, problems: dict[str, list[Any]]) -> list[Issue]:
    """Turn the parsers' problems into issues at their cells."""
    issues = []
    for key, column_problems in problems.items():
        expected = _EXPECTED_PROBLEMS.get((table.spec.key, key), frozenset())
        for position, problem in enumerate(column_problems):
            if problem is None or problem.key in expected:
                continue
            message, fix = describe(problem, table.language)
            issues.append(
                Issue(
                    severity=problem.severity,
                    sheet=table.location.sheet if table.location else table.spec.sheet,
                    cell=table.cell(key, position),
                    deal=table.deal(position),
                    message=message,
                    fix=fix,
                )
            )
    return issues


def is_blank(cell: CellValue) -> bool:
    """Return whether a cell holds nothing but spaces or invisible characters."""
    if cell is None:
        return True
    if isinstance(cell, float) and math.isnan(cell):
        return True
    return isinstance(cell, str) and not normalize_name(cell)


def _parse_cells(
    kind: schema.ColumnKind, cells: Sequence[CellValue]
) -> list[Parsed[Any]]:
    parser: Callable[[CellValue], Parsed[Any]] = PARSERS[kind]
    seen: dict[tuple[type, CellValue], Parsed[Any]] = {}
    parsed = []
    for cell in cells:
        # Keyed by type too, because 1 == 1.0 == True in a dict.
        key = (type(cell), cell)
        result = seen.get(key)
        if result is None:
            result = seen[key] = parser(cell)
        parsed.append(result)
    return parsed


def _typed_column(kind: schema.ColumnKind, values: Iterable[Any]) -> pd.Series:
    if kind == _DATE_KIND:
        return pd.to_datetime(pd.Series(list(values), dtype=object)).astype(
            "datetime64[ns]"
        )
    if kind in ("amount", "number", "percent"):
        return pd.Series(
            [float("nan") if value is None else value for value in values],
            dtype="float64",
        )
    return pd.Series(list(values), dtype=object)


def _empty_column(kind: schema.ColumnKind, length: int) -> pd.Series:
    return _typed_column(kind, [None] * length)
