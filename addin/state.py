"""State kept inside the workbook between refreshes.

Back-filled evidence can only be recognised if salesflow has stored when it
first saw each Evidence row. Every refresh records that date in a hidden
sheet it owns. Rows present at a workbook's first refresh are recorded with
no date, because their entry date is unknown, and are never counted as
back-filled. The forecast History sheet is read back the same way.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from addin.output import Block, Column, OutputSheet
from addin.sheets import sheet_names
from addin.sheets.history import parse_history

log = logging.getLogger(__name__)

STATE_SHEET = "salesflow state"
_KEY_HEADER = "Evidence key"
_SEEN_HEADER = "First seen"
KEYS_PER_CELL = 1_000
"""Evidence keys packed into one cell: 20,999 characters, under Excel's 32,767."""


def evidence_keys(evidence: pd.DataFrame) -> pd.Series:
    """Return a stable key per Evidence row: deal, criterion, date and proof text.

    The key does not depend on the row's position, so sorting or inserting
    rows in the Evidence table does not make old rows look new.
    """
    parts = [
        evidence[column].astype("string").fillna("")
        for column in ("deal_id", "criterion", "evidence")
    ]
    dates = pd.to_datetime(evidence["date"], errors="coerce").dt.strftime("%Y-%m-%d")
    joined = (
        parts[0] + "\x1f" + parts[1] + "\x1f" + dates.fillna("") + "\x1f" + parts[2]
    )
    return joined.map(_digest).astype(object)


def _digest(value: str) -> str:
    return hashlib.blake2b(value.encode("utf-8"), digest_size=10).hexdigest()


@dataclass
class SavedState:
    """State read back from a workbook that salesflow refreshed before."""

    first_seen: dict[str, dt.date | None] = field(default_factory=dict)
    """Evidence key -> date first seen; None for rows of the first refresh."""
    history: pd.DataFrame | None = None
    """Rows of the History sheet as a previous refresh wrote them."""

    @property
    def is_first_refresh(self) -> bool:
        return not self.first_seen

    def updated(self, keys: pd.Series, as_of: dt.date) -> dict[str, dt.date | None]:
        """Return first-seen dates including the Evidence rows new since then.

        Args:
            keys: :func:`evidence_keys` of the Evidence table now.
            as_of: Date stamped on rows new since the last refresh. On the
                first refresh every row gets no date instead.

        Keys of rows since deleted are kept, so a row deleted and typed
        again is not taken for a new one.
        """
        seen = dict(self.first_seen)
        stamp = None if self.is_first_refresh else as_of
        for key in keys:
            seen.setdefault(key, stamp)
        return seen


def first_seen_dates(keys: pd.Series, seen: dict[str, dt.date | None]) -> pd.Series:
    """Return each Evidence row's first-seen date (NaT when unknown), in row order."""
    return pd.to_datetime(keys.map(seen), errors="coerce")


def state_sheet(first_seen: dict[str, dt.date | None]) -> OutputSheet:
    """Build the hidden sheet that stores first-seen dates of Evidence rows.

    Keys are packed, :data:`KEYS_PER_CELL` to a cell and grouped by date,
    because a sheet with one row per Evidence row took as long to write as
    all the visible sheets together on a million rows.
    """
    by_date: dict[dt.date | None, list[str]] = {}
    for key, day in first_seen.items():
        by_date.setdefault(day, []).append(key)
    rows = []
    for day in sorted(by_date, key=lambda day: (day is not None, day or dt.date.min)):
        keys = sorted(by_date[day])
        for start in range(0, len(keys), KEYS_PER_CELL):
            rows.append((day, " ".join(keys[start : start + KEYS_PER_CELL])))
    block = Block(
        columns=[Column(_SEEN_HEADER, "date", 12), Column(_KEY_HEADER, "text", 40)],
        rows=rows,
    )
    return OutputSheet(
        name=STATE_SHEET,
        title="salesflow stores first-seen dates of evidence here; do not edit",
        blocks=[block],
        hidden=True,
    )


def read_saved_state(path: Path, language: str = "en") -> SavedState:
    """Read the state and History sheets of an earlier refresh, if any.

    Raises:
        WorkbookError: One of those sheets is damaged, for example its part
            is missing from the package; ``language`` is that of the message.
    """
    from addin.reader import read_sheet_grids

    grids = read_sheet_grids(path, language)
    # The History sheet is named in the language of the refresh that wrote it.
    history = next((name for name in sheet_names("history") if name in grids), None)
    return saved_state_from_grids(
        grids.get(STATE_SHEET),
        grids[history] if history is not None else None,
    )


def saved_state_from_grids(
    state_grid: Sequence[Sequence[object]] | None,
    history_grid: Sequence[Sequence[object]] | None,
) -> SavedState:
    """Build the saved state from the values of the state and History sheets.

    Each grid is a sheet's rows from A1; None when the sheet is missing.
    The CLI reads the grids from the file, the Excel add-in through xlwings.
    """
    state = SavedState()
    if state_grid is not None:
        state.first_seen = _first_seen_from_grid([list(row) for row in state_grid])
    if history_grid is not None:
        state.history = parse_history(history_grid)
    return state


def _header_index(grid: list[list[object]], header: str) -> tuple[int, int] | None:
    """Return (row, column) of ``header`` in the first rows of a grid."""
    for index, row in enumerate(grid[:10]):
        if header in row:
            return index, row.index(header)
    return None


def _first_seen_from_grid(grid: list[list[object]]) -> dict[str, dt.date | None]:
    keys_at, seen_at = (
        _header_index(grid, _KEY_HEADER),
        _header_index(grid, _SEEN_HEADER),
    )
    if keys_at is None or seen_at is None:
        log.warning(
            "sheet %r has no %r and %r headers; first-seen dates are lost",
            STATE_SHEET,
            _KEY_HEADER,
            _SEEN_HEADER,
        )
        return {}
    seen: dict[str, dt.date | None] = {}
    for row in grid[keys_at[0] + 1 :]:
        cells = list(row) + [None, None]
        packed, day = cells[keys_at[1]], cells[seen_at[1]]
        if not packed:
            continue
        if isinstance(day, dt.datetime):
            day = day.date()
        for key in str(packed).split():
            seen[key] = day if isinstance(day, dt.date) else None
    return seen
