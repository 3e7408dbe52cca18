"""The History sheet: every refresh's forecast, written so a later refresh reads it.

The sheet is one table, without a block title or notes, so that the header
is the first row with several cells under the sheet title. Headers are
written in the workbook's language and read back in any language of the text catalog, so changing the language between refreshes loses no history.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from addin.engine.forecast import TEAM_SCOPE
from addin.engine.history import FIGURE_COLUMNS, HISTORY_COLUMNS, PIPELINE_PREFIX
from addin.errors import WorkbookError
from addin.locale import LANGUAGES, text
from addin.model import CellValue
from addin.output import Block, Column, OutputSheet
from addin.sheets import sheet_name
from addin.sheets.forecast import scope_label

SHEET_NAME = "History"

_HEADER_KEYS: dict[str, str] = {
    "as_of": "forecast.col.as_of",
    "scope": "forecast.col.scope",
    "period": "forecast.col.period",
    "period_start": "history.col.period_start",
    "period_end": "history.col.period_end",
    **{name: f"forecast.col.{name}" for name in FIGURE_COLUMNS},
}
_FORMATS: dict[str, str] = {
    "as_of": "date",
    "scope": "text",
    "period": "text",
    "period_start": "date",
    "period_end": "date",
    "chance_of_quota": "percent",
    "coverage": "number",
}
_DATES = ("as_of", "period_start", "period_end")


def history_sheet(history: pd.DataFrame, language: str = "en") -> OutputSheet:
    """Build the History sheet from all kept rows (see ``merge_history``)."""
    keys = list(history.columns)
    columns = [
        Column(_header(key, language), _FORMATS.get(key, "amount"))  # type: ignore[arg-type]
        for key in keys
    ]
    rows = [_row(record, keys, language) for record in history.to_dict("records")]
    block = Block(columns=columns, rows=rows, table_name="salesflowHistory")
    return OutputSheet(
        name=sheet_name("history", language),
        title=text("history.title", language),
        blocks=[block],
    )


def _header(key: str, language: str) -> str:
    if key.startswith(PIPELINE_PREFIX):
        stage = key[len(PIPELINE_PREFIX) :]
        return text("history.col.pipeline", language, stage=stage)
    return text(_HEADER_KEYS[key], language)


def _row(
    record: dict[str, object], keys: list[str], language: str
) -> tuple[CellValue, ...]:
    cells: list[CellValue] = []
    for key in keys:
        value = record[key]
        if value is None or (not isinstance(value, str) and pd.isna(value)):  # type: ignore[call-overload]
            cells.append(None)
        elif key == "scope":
            cells.append(scope_label(str(value), language))
        elif key in _DATES:
            cells.append(pd.Timestamp(value).date())  # type: ignore[arg-type]
        elif key == "period":
            cells.append(str(value))
        else:
            cells.append(float(value))  # type: ignore[arg-type]
    return tuple(cells)


def parse_history(
    table: pd.DataFrame | Sequence[Sequence[CellValue]] | None,
) -> pd.DataFrame:
    """Read the rows a previous refresh wrote to the History sheet.

    Args:
        table: The sheet's table with its headers as column names, or the
            sheet's rows (title and header rows included); None when the
            workbook has no History sheet.

    Returns the rows with the column keys of
    :func:`addin.engine.history.history_rows`; rows without an as-of date
    and columns with unknown headers are left out.
    """
    if table is None:
        return pd.DataFrame(columns=list(HISTORY_COLUMNS))
    frame = table if isinstance(table, pd.DataFrame) else _grid_table(table)

    keys = {header: key for header in frame.columns if (key := _key(str(header)))}
    history = frame[list(keys)].rename(columns=keys)
    for column in HISTORY_COLUMNS:
        if column not in history:
            history[column] = None
    for column in _DATES:
        history[column] = pd.to_datetime(history[column], errors="coerce").dt.date
    history = history[history["as_of"].notna()]
    team_words = {text("forecast.team", language) for language in LANGUAGES}
    history["scope"] = history["scope"].map(
        lambda scope: TEAM_SCOPE if scope in team_words else str(scope)
    )
    history["period"] = history["period"].astype(str)
    for column in history.columns:
        if column not in ("scope", "period", *_DATES):
            history[column] = pd.to_numeric(history[column], errors="coerce")
    pipeline = [column for column in history if column.startswith(PIPELINE_PREFIX)]
    return history[[*HISTORY_COLUMNS, *pipeline]].reset_index(drop=True)


def _grid_table(rows: Sequence[Sequence[CellValue]]) -> pd.DataFrame:
    """Return the table under the header row of a sheet's rows."""
    as_of_headers = {text("forecast.col.as_of", language) for language in LANGUAGES}
    for index, row in enumerate(rows):
        if any(cell in as_of_headers for cell in row):
            header = [str(cell) if cell is not None else "" for cell in row]
            body = [
                list(line) + [None] * (len(header) - len(line))
                for line in rows[index + 1 :]
            ]
            return pd.DataFrame([line[: len(header)] for line in body], columns=header)
    if any(cell not in (None, "") for row in rows[1:] for cell in row):
        # Refresh rewrites the whole sheet, so rows it cannot read would be
        # lost for good; stopping keeps them for the user to repair.
        # NOTE: the message is in English, because the sheet's language is
        # not known here.
        raise WorkbookError(
            text("history.no_header", "en", header=" / ".join(sorted(as_of_headers)))
        )
    return pd.DataFrame(columns=[])


def _key(header: str) -> str | None:
    """Return the column key of a History header in any known language.

    A column key itself is accepted too, so parsing parsed rows changes
    nothing.
    """
    if header in HISTORY_COLUMNS or header.startswith(PIPELINE_PREFIX):
        return header
    for language in LANGUAGES:
        for key, text_key in _HEADER_KEYS.items():
            if header == text(text_key, language):
                return key
        prefix, _, suffix = text(
            "history.col.pipeline", language, stage="\0"
        ).partition("\0")
        if (
            header.startswith(prefix)
            and header.endswith(suffix)
            and len(header) > len(prefix + suffix)
        ):
            return PIPELINE_PREFIX + header[len(prefix) : len(header) - len(suffix)]
    return None
