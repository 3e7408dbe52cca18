"""The Funnel sheet: the team's funnel, then each rep's beside the team's norm."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

import pandas as pd

from addin.engine.diagnose import Diagnosis
from addin.locale import text
from addin.model import CellValue
from addin.output import Block, Chart, Column, OutputSheet
from addin.sheets import sheet_name

SHEET_NAME = "Funnel"

# (funnel column, locale key of the header, format, width)
_TEAM_COLUMNS: tuple[tuple[str, str, str, float], ...] = (
    ("stage", "funnel.col.stage", "text", 22),
    ("open_deals", "funnel.col.open", "integer", 10),
    ("open_share", "funnel.col.share", "percent", 10),
    ("reached", "funnel.col.reached", "integer", 10),
    ("value", "funnel.col.value", "amount", 14),
    ("conversion", "funnel.col.conversion", "percent", 12),
    ("median_days", "funnel.col.median_days", "days", 12),
    ("max_days", "funnel.col.max_days", "days", 9),
)
_REP_COLUMNS: tuple[tuple[str, str, str, float], ...] = (
    ("stage", "funnel.col.stage", "text", 22),
    ("open_deals", "funnel.col.open", "integer", 10),
    ("open_share", "funnel.col.share", "percent", 10),
    ("team_open_share", "funnel.col.team_share", "percent", 10),
    ("reached", "funnel.col.reached", "integer", 10),
    ("value", "funnel.col.value", "amount", 14),
    ("conversion", "funnel.col.conversion", "percent", 12),
    ("team_conversion", "funnel.col.team_conversion", "percent", 12),
    ("median_days", "funnel.col.median_days", "days", 12),
    ("team_median_days", "funnel.col.team_median_days", "days", 12),
)


def funnel_sheet(
    funnel: pd.DataFrame,
    diagnoses: Sequence[Diagnosis],
    as_of: dt.date,
    unstaged: pd.Series | None = None,
    language: str = "en",
) -> OutputSheet:
    """Build the Funnel sheet: a block for the team, then one per rep.

    Args:
        funnel: :func:`addin.engine.funnel.build_funnel`'s result.
        diagnoses: Shape diagnoses, written as notes under their block.
        as_of: The as-of date, for the title.
        unstaged: Per rep, open deals that have earned no stage
            (:func:`addin.engine.funnel.open_without_stage`).
        language: Language of the headers and notes.
    """
    unstaged = unstaged if unstaged is not None else pd.Series(dtype=int)
    team_rows = funnel[funnel["rep"].isna()]
    team_title = text("funnel.block.team", language)
    blocks = [
        _block(team_rows, _TEAM_COLUMNS, team_title, "salesflowFunnelTeam", language)
    ]
    blocks[0].notes = _notes(diagnoses, None, int(unstaged.sum()), language)
    blocks[0].notes.append(text("funnel.note.definitions", language))

    reps = [rep for rep in pd.unique(funnel["rep"].dropna())]
    for number, rep in enumerate(reps, start=1):
        rows = funnel[funnel["rep"] == rep]
        block = _block(
            rows, _REP_COLUMNS, str(rep), f"salesflowFunnelRep{number}", language
        )
        block.notes = _notes(diagnoses, str(rep), int(unstaged.get(rep, 0)), language)
        blocks.append(block)

    title = text("funnel.title", language, as_of=as_of.isoformat())
    return OutputSheet(name=sheet_name("funnel", language), title=title, blocks=blocks)


def _block(
    rows: pd.DataFrame,
    spec: tuple[tuple[str, str, str, float], ...],
    title: str,
    table_name: str,
    language: str,
) -> Block:
    columns = [
        Column(text(key, language), fmt, width)  # type: ignore[arg-type]
        for _, key, fmt, width in spec
    ]
    values = [
        tuple(cell_value(value) for value in record)
        for record in rows[[name for name, *_ in spec]].itertuples(index=False)
    ]
    chart = Chart(
        kind="bar",
        title=text("funnel.chart", language, scope=title),
        category_column=columns[0].header,
        value_columns=(columns[1].header, text("funnel.col.reached", language)),
    )
    return Block(
        columns=columns, rows=values, title=title, table_name=table_name, chart=chart
    )


def cell_value(value: object) -> CellValue:
    """Return a cell value: numpy numbers as Python ones, NaN as an empty cell."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    number = float(value)  # type: ignore[arg-type]
    if math.isnan(number):
        return None
    return int(number) if number.is_integer() else number


def _notes(
    diagnoses: Sequence[Diagnosis], rep: str | None, unstaged: int, language: str
) -> list[str]:
    notes = [diagnosis.sentence for diagnosis in diagnoses if diagnosis.rep == rep]
    if not notes:
        notes.append(text("funnel.no_diagnoses", language))
    if unstaged:
        notes.append(text("funnel.unstaged", language, count=unstaged))
    return notes
