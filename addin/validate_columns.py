"""Parse the cells of one input table, column by column, into typed values.

Each column is parsed by its schema kind with :mod:`addin.values`; every
problem a parser finds becomes an :class:`Issue` at its cell. A table keeps
what a later rule needs to place its own findings: the location of each
column, the Excel row of each record and the Deal ID of each row.

Distinct cell values are parsed once: an Evidence table of a million rows
repeats a few thousand dates, deal ids and criteria.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from addin import schema
from addin.locale import text
from addin.model import CellValue, Issue, RawTable, Severity, TableLocation
from addin.values import PARSERS, Parsed, Problem, describe, shown

# Problems that are no problem in these columns: a Win % or a payout of
# exactly 1 is 100 %, which is what a cell formatted as a percentage stores.
_EXPECTED_PROBLEMS: dict[tuple[str, str], frozenset[str]] = {
    ("process", "win_pct"): frozenset({"value.percent_one"}),
    ("curve", "payout"): frozenset({"value.percent_one"}),
}

_DATE_KIND = "date"

_TEXT_KINDS = ("text", "name", "id")
"""Column kinds whose parser returns text cells trimmed and otherwise as typed."""

REPEAT_LIMIT = 1000
"""Issues listed per column and kind of problem; the rest are counted in one."""


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
    blank: dict[str, np.ndarray] = field(default_factory=dict)
    """Column key -> whether each cell is blank (spaces and invisible
    characters count as blank)."""
    _rows: list[int] | None = field(default=None, repr=False)
    _deals: list[str] | None = field(default=None, repr=False)

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
        if self._rows is None:
            self._rows = [int(row) for row in self.frame["row"]]
        return self.location.cell(key, self._rows[position])

    def deal(self, position: int) -> str:
        """Return the Deal ID of record ``position``, empty if it has none."""
        if "deal_id" not in self.frame:
            return ""
        if self._deals is None:
            deal_ids = self.frame["deal_id"]
            self._deals = deal_ids.where(deal_ids.notna(), "").astype(str).tolist()
        return self._deals[position]

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

    def repeats(
        self, severity: Severity, key: str, positions: Sequence[int] | np.ndarray
    ) -> list[Issue]:
        """Return one issue that counts the positions past the repeat limit.

        A column with thousands of the same problem (dates typed as text in
        a long Evidence table) lists only its first :data:`REPEAT_LIMIT`
        cells, so that the Issues sheet stays readable. This issue counts
        the rest.
        """
        if len(positions) <= REPEAT_LIMIT:
            return []
        return [
            self.issue(
                severity,
                key,
                int(positions[REPEAT_LIMIT]),
                "validate.repeats",
                count=len(positions) - REPEAT_LIMIT,
                column=self.spec.column(key).header_in(self.language),
            )
        ]

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
    problems of its cells: blank mandatory cells and values the parsers
    reject or flag. The reader reports missing tables and columns.
    """
    if raw is None:
        empty = {column.key: pd.Series([], dtype=object) for column in spec.columns}
        frame = pd.DataFrame({**empty, "row": pd.Series([], dtype="int64")})
        return ParsedTable(spec, frame, None, language=language), []

    columns: dict[str, Any] = {}
    problems: dict[str, np.ndarray] = {}
    table = ParsedTable(
        spec, pd.DataFrame(), raw.location, raw.values, language=language
    )
    for column in spec.columns:
        cells = raw.values.get(column.key)
        if cells is None:
            columns[column.key] = _typed_column(column.kind, [None] * len(raw.rows))
            continue
        parsed = _parse_column(column.kind, cells)
        columns[column.key] = parsed.values
        problems[column.key] = parsed.problems
        table.blank[column.key] = parsed.blank
        if column.kind == "amount":
            table.currency_found[column.key] = parsed.currencies
    columns["row"] = pd.Series(raw.rows, dtype="int64")
    table.frame = pd.DataFrame(columns)

    issues = blank_mandatory_cells(table)
    issues += value_problems(table, problems)
    return table, issues


def blank_mandatory_cells(table: ParsedTable) -> list[Issue]:
    """Report each blank cell in a column that every row must fill."""
    issues = []
    for column in table.spec.columns:
        blank = table.blank.get(column.key)
        if not column.mandatory or blank is None:
            continue
        positions = np.flatnonzero(blank)
        issues += [
            table.issue(
                "error",
                column.key,
                int(position),
                "validate.blank",
                column=column.header_in(table.language),
                table=table.spec.sheet_in(table.language),
            )
            for position in positions[:REPEAT_LIMIT]
        ]
        issues += table.repeats("error", column.key, positions)
    return issues


def value_problems(table: ParsedTable, problems: dict[str, np.ndarray]) -> list[Issue]:
    """Turn the parsers' problems into issues at their cells."""
    issues = []
    for key, column_problems in problems.items():
        expected = _EXPECTED_PROBLEMS.get((table.spec.key, key), frozenset())
        by_kind: dict[str, list[int]] = {}
        for position in np.flatnonzero(pd.notna(column_problems)):
            problem = column_problems[position]
            if problem.key not in expected:
                by_kind.setdefault(problem.key, []).append(int(position))
        for positions in by_kind.values():
            issues += [
                _problem_issue(table, key, position, column_problems[position])
                for position in positions[:REPEAT_LIMIT]
            ]
            severity = column_problems[positions[0]].severity
            issues += table.repeats(severity, key, positions)
    return issues


def _problem_issue(
    table: ParsedTable, key: str, position: int, problem: Problem
) -> Issue:
    message, fix = describe(problem, table.language)
    return Issue(
        severity=problem.severity,
        sheet=table.location.sheet if table.location else table.spec.sheet,
        cell=table.cell(key, position),
        deal=table.deal(position),
        message=message,
        fix=fix,
    )


@dataclass(frozen=True)
class _ParsedColumn:
    values: pd.Series
    problems: np.ndarray
    """The Problem of each cell, None where there is none."""
    currencies: list[str | None]
    blank: np.ndarray


def _parse_column(kind: schema.ColumnKind, cells: Sequence[CellValue]) -> _ParsedColumn:
    """Parse a column, each distinct cell value once."""
    parser: Callable[[CellValue], Parsed[Any]] = PARSERS[kind]
    if kind == "text":
        # Free text is mostly unique, so numbering distinct cells costs
        # more than it saves.
        codes, distinct = np.arange(len(cells)), list(cells)
    else:
        codes, distinct = _distinct_cells(cells)
    plain = _is_plain_text if kind in _TEXT_KINDS else _never
    # The last result is that of a blank cell, where code -1 finds it.
    distinct.append(None)

    values: list[Any] = []
    problems: list[Problem | None] = []
    currencies: list[str | None] = []
    for cell in distinct:
        if plain(cell):
            # Appending the cell itself creates no object per cell, which
            # keeps a million free-text cells fast.
            values.append(cell)
            problems.append(None)
            currencies.append(None)
            continue
        result = parser(cell)
        values.append(result.value)
        problems.append(result.problem)
        currencies.append(result.currency)

    typed = _typed_column(kind, values)
    problem_array = np.array(problems, dtype=object)
    no_value = np.array([value is None for value in values], dtype=bool)
    blank = no_value & pd.isna(problem_array)
    return _ParsedColumn(
        values=pd.Series(typed.to_numpy()[codes], dtype=typed.dtype),
        problems=problem_array[codes],
        currencies=np.array(currencies, dtype=object)[codes].tolist(),
        blank=blank[codes],
    )


def _is_plain_text(cell: CellValue) -> bool:
    """Return whether text parsers return ``cell`` unchanged and unflagged.

    Text parsers trim spaces, drop invisible characters and reject Excel
    error values such as ``#N/A``. Text of printable characters only (every
    invisible character and every space but the ASCII one is unprintable)
    that neither starts nor ends with a space nor starts with ``#`` needs
    none of that.
    """
    return (
        type(cell) is str
        and cell.isprintable()
        and cell[:1] not in ("", " ", "#")
        and cell[-1] != " "
    )


def _never(cell: CellValue) -> bool:
    del cell
    return False


def _distinct_cells(cells: Sequence[CellValue]) -> tuple[np.ndarray, list[CellValue]]:
    """Return the code of each cell (-1 for blank) and the distinct values.

    pandas counts 1, 1.0 and True as one value. Every parser reads 1 and 1.0
    alike, but not True, so a column holding a logical value is numbered by
    value and type instead.
    """
    array = np.empty(len(cells), dtype=object)
    array[:] = cells
    codes, distinct = pd.factorize(array)
    if not any(type(cell) is bool for cell in distinct):
        return codes, list(distinct)

    numbers: dict[tuple[type, CellValue], int] = {}
    typed_codes = np.empty(len(cells), dtype=np.int64)
    for position, cell in enumerate(cells):
        typed_codes[position] = numbers.setdefault((type(cell), cell), len(numbers))
    return typed_codes, [cell for _, cell in numbers]


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
