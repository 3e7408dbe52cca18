"""Turn Python, numpy and pandas values into what an xlsx cell can hold.

The rules that keep a written sheet safe to open:

- Missing values (None, NaN, NaT, ``pd.NA``) and infinities are empty cells.
- Dates and datetimes become Excel serial numbers (days since 1899-12-30).
  A timezone-aware datetime loses its timezone but keeps its wall-clock time
  as written (``09:00+08:00`` is written as 09:00), because that is the time
  the person who typed it saw. A time of day becomes a fraction of a day.
- Text is always written as text, never as a formula. Characters that XML 1.0
  cannot carry (controls other than tab, line feed and carriage return,
  U+FFFE, U+FFFF and lone surrogates) are removed. A literal ``_xHHHH_`` in
  the text is escaped as ``_x005F_xHHHH_`` so that Excel does not decode it
  into another character. Text longer than Excel's 32,767-character limit is
  cut and ends with a note saying so.
"""

from __future__ import annotations

import datetime as dt
import decimal
import math
import re
import unicodedata
from typing import Literal

import numpy as np
import pandas as pd

from addin.locale import text as locale_text

ValueKind = Literal["text", "number", "bool", "date", "datetime", "time"]

MAX_CELL_CHARS = 32_767
"""Excel's limit on the length of a cell's text, in UTF-16 code units."""

_EXCEL_EPOCH = dt.datetime(1899, 12, 30)
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_ESCAPE_LOOKALIKE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")


def is_missing(value: object) -> bool:
    """Return True for values written as empty cells: None, NaN, NaT, ``pd.NA``
    and infinities."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float | np.floating):
        return not math.isfinite(value)
    if isinstance(value, np.datetime64 | np.timedelta64):
        return bool(np.isnat(value))
    return False


def cell_kind(value: object) -> tuple[ValueKind, object] | None:
    """Classify ``value`` and convert it to a plain Python value.

    Returns None for a missing value. Numbers come back as int or float,
    dates as serial floats, text as the raw string (see :func:`clean_text`).
    """
    if is_missing(value):
        return None
    if isinstance(value, str):
        return "text", value
    if isinstance(value, bool | np.bool_):
        return "bool", bool(value)
    if isinstance(value, int | np.integer):
        return "number", int(value)
    if isinstance(value, float | np.floating | decimal.Decimal):
        return "number", float(value)
    return _temporal_kind(value)


def _temporal_kind(value: object) -> tuple[ValueKind, object]:
    if isinstance(value, np.datetime64):
        value = pd.Timestamp(value).to_pydatetime()
    if isinstance(value, dt.datetime):
        serial = excel_serial(value)
        has_time = serial != int(serial)
        return ("datetime" if has_time else "date"), serial
    if isinstance(value, dt.date):
        return "date", float((value - _EXCEL_EPOCH.date()).days)
    if isinstance(value, dt.time):
        seconds = value.hour * 3600 + value.minute * 60 + value.second
        return "time", (seconds + value.microsecond / 1e6) / 86400
    if isinstance(value, dt.timedelta | np.timedelta64):
        return "number", pd.Timedelta(value).total_seconds() / 86400
    return "text", str(value)


def number_text(value: object) -> str:
    """Return a number as XML text: integers without a decimal point."""
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    return str(value)


def naive(value: dt.datetime) -> dt.datetime:
    """Drop the timezone of ``value``, keeping its wall-clock time."""
    return value.replace(tzinfo=None) if value.tzinfo is not None else value


def excel_serial(value: dt.datetime) -> float:
    """Return the Excel serial of ``value`` (days since 1899-12-30)."""
    delta = naive(value) - _EXCEL_EPOCH
    # Rounding the serial would show 09:30 as 09:29 in LibreOffice, which
    # truncates to the minute; the full double converts back exactly.
    seconds = delta.days * 86400 + delta.seconds + delta.microseconds / 1e6
    return seconds / 86400


def clean_text(value: str, language: str = "en") -> tuple[str, bool]:
    """Make ``value`` fit a cell; return it and whether it was cut.

    Removes the characters XML cannot carry and cuts the text to Excel's
    length limit. The ``_xHHHH_`` escape belongs to the file format and is
    added by :func:`escape_lookalikes` when the XML is written.
    """
    if not value.isascii() or not value.isprintable():
        value = _ILLEGAL_XML.sub("", value)
    if len(value) <= MAX_CELL_CHARS // 2 or _utf16_length(value) <= MAX_CELL_CHARS:
        return value, False
    note = locale_text("xlsx.cell_truncated", language, limit=f"{MAX_CELL_CHARS:,}")
    return _cut_utf16(value, MAX_CELL_CHARS - _utf16_length(note)) + note, True


def escape_lookalikes(value: str) -> str:
    """Escape a literal ``_xHHHH_`` so that Excel shows it instead of decoding it."""
    return _ESCAPE_LOOKALIKE.sub(r"_x005F_\1", value) if "_x" in value else value


def _utf16_length(value: str) -> int:
    return len(value.encode("utf-16-le")) // 2


def _cut_utf16(value: str, units: int) -> str:
    return value.encode("utf-16-le")[: units * 2].decode("utf-16-le", "ignore")


def display_width(value: str) -> int:
    """Return the width of ``value`` in character cells; CJK counts double."""
    longest = max(value.split("\n"), key=len) if "\n" in value else value
    if longest.isascii():
        return len(longest)
    return sum(
        2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in longest
    )
