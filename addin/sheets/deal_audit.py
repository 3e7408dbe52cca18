"""The Deal audit sheet: one row per deal, declared stage against earned stage."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd

from addin.locale import status_word, text
from addin.model import TableLocation, sheet_reference
from addin.output import Block, Column, Highlight, OutputSheet
from addin.sheets import sheet_name

SHEET_NAME = "Deal audit"

# (source column, locale key of the header, format, width)
_COLUMNS: tuple[tuple[str, str, str, float], ...] = (
    ("deal_id", "audit.col.deal_id", "text", 12),
    ("customer", "audit.col.customer", "text", 26),
    ("rep", "audit.col.rep", "text", 16),
    ("status", "audit.col.status", "text", 9),
    ("amount_rc", "audit.col.amount", "amount", 13),
    ("stage", "audit.col.declared_stage", "text", 20),
    ("earned_stage", "audit.col.earned_stage", "text", 20),
    ("premature", "audit.col.premature", "text", 11),
    ("criteria_met", "audit.col.criteria_met", "integer", 9),
    ("criteria_required", "audit.col.criteria_required", "integer", 9),
    ("missing_actions", "audit.col.missing_actions", "text", 48),
    ("days_in_stage", "audit.col.days_in_stage", "days", 9),
    ("stuck", "audit.col.stuck", "text", 8),
    ("next_step", "audit.col.next_step", "text", 70),
    ("process_score", "audit.col.process_score", "score", 9),
    ("skipped_stages", "audit.col.skipped_stages", "text", 30),
    ("won_class", "audit.col.won_class", "text", 15),
)


def audit_table(
    deals: pd.DataFrame, stage_audit: pd.DataFrame, process: pd.DataFrame | None
) -> pd.DataFrame:
    """Join the deals with their stage audit and process results.

    An audit with one row per deal row, in deal order, is aligned by
    position. Otherwise it is looked up by Deal ID, first row winning, so a
    Deal ID typed twice never multiplies rows through a join.
    """
    table = deals.reset_index(drop=True).copy()
    for frame in (stage_audit, process):
        if frame is not None:
            _attach(table, frame.reset_index(drop=True))
    table["premature"] = _premature(table)
    return table


def _attach(table: pd.DataFrame, audit: pd.DataFrame) -> None:
    extra = [column for column in audit.columns if column not in table.columns]
    aligned = len(audit) == len(table) and (
        "deal_id" not in audit
        or audit["deal_id"].astype(str).tolist()
        == table["deal_id"].astype(str).tolist()
    )
    if aligned:
        for column in extra:
            table[column] = audit[column].to_numpy()
        return
    by_deal = audit.drop_duplicates("deal_id").set_index("deal_id")
    for column in extra:
        table[column] = table["deal_id"].map(by_deal[column])


def _premature(table: pd.DataFrame) -> pd.Series:
    if "declared_index" in table and "earned_index" in table:
        declared = pd.to_numeric(table["declared_index"], errors="coerce")
        earned = pd.to_numeric(table["earned_index"], errors="coerce").fillna(-1)
        flag = declared.notna() & (declared > earned) & (table["status"] == "Open")
        return flag
    return pd.Series(False, index=table.index)


def _cell_text(value: object, language: str, is_status: bool = False) -> object:
    """Render lists, flags and statuses the way a reader expects them in a cell."""
    if is_status and isinstance(value, str):
        return status_word(value, language)
    if isinstance(value, (list, tuple)):
        return "; ".join(str(item) for item in value) or None
    if isinstance(value, bool):
        return text("common.yes" if value else "common.no", language)
    return value


def deal_audit_sheet(
    table: pd.DataFrame,
    as_of: dt.date,
    deals_location: TableLocation | None = None,
    language: str = "en",
) -> OutputSheet:
    """Build the Deal audit sheet from :func:`audit_table`'s result."""
    present = [spec for spec in _COLUMNS if spec[0] in table.columns]
    columns = [
        Column(text(key, language), fmt, width)  # type: ignore[arg-type]
        for _, key, fmt, width in present
    ]
    rows = _rows(table, [spec[0] for spec in present], language)
    block = Block(
        columns=columns,
        rows=rows,
        table_name="salesflowDealAudit",
        links=_deal_links(table, deals_location),
        highlights=_highlights(columns, present, language),
    )
    title = text("audit.title", language, as_of=as_of.isoformat(), deals=len(rows))
    return OutputSheet(
        name=sheet_name("deal_audit", language), title=title, blocks=[block]
    )


def _rows(
    table: pd.DataFrame, keys: Sequence[str], language: str
) -> list[tuple[object, ...]]:
    records = table[list(keys)].astype(object).where(table[list(keys)].notna(), None)
    return [
        tuple(
            _cell_text(value, language, key == "status")
            for key, value in zip(keys, record, strict=True)
        )
        for record in records.itertuples(index=False, name=None)
    ]


def _deal_links(
    table: pd.DataFrame, location: TableLocation | None
) -> dict[tuple[int, int], str]:
    if location is None or "row" not in table.columns:
        return {}
    letters = location.columns.get("deal_id")
    if letters is None:
        return {}
    sheet = sheet_reference(location.sheet)
    return {
        (index, 0): f"{sheet}!{letters}{int(row)}"
        for index, row in enumerate(table["row"])
        if pd.notna(row)
    }


def _highlights(
    columns: list[Column], present: Sequence[tuple[str, str, str, float]], language: str
) -> list[Highlight]:
    header = {spec[0]: column.header for spec, column in zip(present, columns)}
    yes = text("common.yes", language)
    highlights = []
    if "stuck" in header:
        highlights.append(Highlight(header["stuck"], "equals", yes, "bad"))
    if "premature" in header:
        highlights.append(Highlight(header["premature"], "equals", yes, "warn"))
    return highlights
