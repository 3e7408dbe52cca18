"""The Scorecard sheet, and the process columns of the Deal audit sheet."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from addin.engine.funnel import open_without_stage
from addin.engine.periods import Period
from addin.engine.score import (
    BACKFILL_CREDIT,
    OUT_OF_ORDER_CREDIT,
    PROCESS_WIN_SCORE,
    WON_CLASSES,
    ProcessAudit,
)
from addin.engine.scorecard import ProcessReview
from addin.locale import text
from addin.model import CellValue, Settings
from addin.output import Block, Column, Highlight, OutputSheet
from addin.sheets import sheet_name
from addin.sheets.funnel import cell_value, funnel_sheet

SHEET_NAME = "Scorecard"

LUCK_SHARE_WARNING = 0.5
"""Luck share above which a rep's row is highlighted."""

# (scorecard column, locale key of the header, format, width)
_COLUMNS: tuple[tuple[str, str, str, float], ...] = (
    ("rep", "scorecard.col.rep", "text", 16),
    ("won", "scorecard.col.won", "amount", 14),
    ("quota", "scorecard.col.quota", "amount", 14),
    ("attainment", "scorecard.col.attainment", "percent", 11),
    ("process_score", "scorecard.col.process_score", "score", 10),
    ("luck_share", "scorecard.col.luck_share", "percent", 10),
    ("pipeline", "scorecard.col.pipeline", "amount", 14),
    ("coverage", "scorecard.col.coverage", "number", 10),
    ("by_result", "scorecard.col.by_result", "amount", 14),
    ("by_process", "scorecard.col.by_process", "amount", 14),
    ("difference", "scorecard.col.difference", "amount", 12),
    ("notes", "scorecard.col.notes", "text", 90),
)


def scorecard_sheet(
    scorecard: pd.DataFrame, period: Period, as_of: dt.date, settings: Settings
) -> OutputSheet:
    """Build the Scorecard sheet from :func:`build_scorecard`'s result.

    The notes under the table state how the process score, the luck share
    and the coverage are computed, and how much back-filled and
    out-of-order evidence counts.

    Args:
        scorecard: One row per rep, then the team's row (``rep`` missing).
        period: The period the scorecard covers.
        as_of: The as-of date, for the title.
        settings: Back-fill days, luck threshold and language.
    """
    language = settings.language
    columns = [
        Column(text(key, language), fmt, width)  # type: ignore[arg-type]
        for _, key, fmt, width in _COLUMNS
    ]
    rows = [_row(record, language) for record in scorecard.to_dict("records")]
    luck_header = text("scorecard.col.luck_share", language)
    block = Block(
        columns=columns,
        rows=rows,
        table_name="salesflowScorecard",
        highlights=[Highlight(luck_header, "above", LUCK_SHARE_WARNING, "bad")],
        notes=_method_notes(settings),
    )
    title = text(
        "scorecard.title", language, period=period.label, as_of=as_of.isoformat()
    )
    return OutputSheet(
        name=sheet_name("scorecard", language), title=title, blocks=[block]
    )


def _row(record: dict[str, object], language: str) -> tuple[CellValue, ...]:
    cells: list[CellValue] = []
    for name, *_ in _COLUMNS:
        value = record[name]
        if name == "rep":
            is_team = value is None or pd.isna(value)  # type: ignore[arg-type]
            cells.append(
                text("scorecard.team_row", language) if is_team else str(value)
            )
        elif name == "notes":
            cells.append("\n".join(value) or None)  # type: ignore[arg-type]
        else:
            cells.append(cell_value(value))
    return tuple(cells)


def _method_notes(settings: Settings) -> list[str]:
    language = settings.language
    return [
        text("scorecard.note.score", language),
        text(
            "scorecard.note.credits",
            language,
            backfill_days=settings.backfill_days,
            backfill=BACKFILL_CREDIT,
            out_of_order=OUT_OF_ORDER_CREDIT,
            both=BACKFILL_CREDIT * OUT_OF_ORDER_CREDIT,
        ),
        text(
            "scorecard.note.classes",
            language,
            process_win=PROCESS_WIN_SCORE,
            luck=settings.luck_threshold,
        ),
    ]


def deal_audit_columns(audit: ProcessAudit, language: str = "en") -> pd.DataFrame:
    """Return the Deal audit's process columns, one row per deal row.

    Columns: ``deal_id``, ``process_score``, ``skipped_stages`` (list of
    stage names) and ``won_class`` (the class's name in ``language``,
    missing unless Won), in the order of the Deals table.
    """
    names = {
        won_class: text(f"won_class.{won_class}", language) for won_class in WON_CLASSES
    }
    won_class = audit.deals["won_class"].map(names)
    return pd.DataFrame(
        {
            "deal_id": audit.deals["deal_id"].to_numpy(),
            "process_score": audit.deals["score"].to_numpy(dtype=float),
            "skipped_stages": audit.deals["skipped_stages"].to_numpy(),
            "won_class": won_class.to_numpy(),
        }
    )


def process_sheets(review: ProcessReview, settings: Settings) -> list[OutputSheet]:
    """Build the Funnel and Scorecard sheets of one process review."""
    as_of = review.audit.as_of
    unstaged = open_without_stage(review.audit)
    return [
        funnel_sheet(
            review.funnel, review.diagnoses, as_of, unstaged, settings.language
        ),
        scorecard_sheet(review.scorecard, review.period, as_of, settings),
    ]
