"""Parse the values reps type into cells: dates, amounts, ids, names, flags.

Each parser takes one raw cell value as the reader returns it (see
:data:`addin.model.CellValue`) and returns a :class:`Parsed`: the typed value
and, when the cell needs attention, a :class:`Problem`. A problem describes
the value only; the validator adds the sheet, cell and deal and renders it
with :func:`describe`. A blank cell parses to ``None`` without a problem,
because only the validator can tell whether the column is mandatory.

The parsers never guess. A value with two readings (``03/04/2024``,
``12,5``) is an error that requests an unambiguous form, and a value read
in a way the rep may not expect (a date stored as text or as a bare serial
number) is read and flagged with a warning.

This module is pure: no I/O, no logging.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Generic, TypeVar

from addin import schema
from addin.locale import status_word, text
from addin.model import CellValue, Severity

T = TypeVar("T")


@dataclass(frozen=True)
class Problem:
    """A problem with one value, which the caller places at a cell."""

    severity: Severity
    key: str
    """Locale text key of the message; the fix is under ``key + ".fix"``."""
    fields: Mapping[str, Any] = field(default_factory=dict)
    """Values filled into both texts, ``value`` (the cell as typed) among them."""


@dataclass(frozen=True)
class Parsed(Generic[T]):
    """The result of parsing one cell."""

    value: T | None
    """Typed value; None for a blank cell or a value that cannot be read."""
    problem: Problem | None = None
    currency: str | None = None
    """ISO 4217 code named in an amount's text (``€1,000`` gives EUR)."""


def describe(problem: Problem, language: str = "en") -> tuple[str, str]:
    """Render a problem as its (message, fix) texts in ``language``."""
    fields = dict(problem.fields)
    if problem.key == "value.status_misspelt":
        fields["closest"] = status_word(fields["closest"], language)
    message = text(problem.key, language, **fields)
    fix = text(f"{problem.key}.fix", language, **fields)
    return message, fix


# ---------------------------------------------------------------------------
# Names


# Characters that take no space on screen but make two names differ.
_INVISIBLE = dict.fromkeys(
    map(ord, "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad"), None
)
# CJK punctuation that NFKC leaves alone but reps use for its ASCII twin.
_CJK_PUNCTUATION = str.maketrans(
    {"。": ".", "、": ",", "“": '"', "”": '"', "‘": "'", "’": "'"}
)
_WHITESPACE = re.compile(r"\s+")


def clean_text(value: str) -> str:
    """Return ``value`` without invisible characters and surrounding spaces.

    No-break and ideographic spaces count as spaces. Inner spaces and every
    other character stay as typed.
    """
    return value.translate(_INVISIBLE).strip()


def normalize_name(value: CellValue) -> str:
    """Return the key that spelling variants of one name share.

    Stage, rep, criterion, status and header names are matched on this key.
    It is the Unicode NFKC form, so full-width letters, digits and punctuation
    become ASCII. Invisible characters are dropped, and every run of
    whitespace (no-break and ideographic spaces included) becomes one space.
    The result is trimmed and casefolded.
    ``"Won\\xa0"``, ``" WON"`` and ``"won"`` share the key ``"won"``;
    ``"Proposa l"`` keeps its inner space and stays a different name.
    A whole number such as 101.0 gives ``"101"``; None gives ``""``.
    """
    if value is None:
        return ""
    if not isinstance(value, str):
        value = shown(value)
    folded = unicodedata.normalize("NFKC", value).translate(_INVISIBLE)
    folded = folded.translate(_CJK_PUNCTUATION)
    return _WHITESPACE.sub(" ", folded).strip().casefold()


def closest_name(value: CellValue, known: Iterable[str]) -> str | None:
    """Return the known name most like ``value``, or None if none is close.

    Used to suggest a fix for an unknown stage, rep or criterion:
    ``closest_name("Proposa l", ["Proposal", "Won"])`` gives ``"Proposal"``.
    """
    by_key = {normalize_name(name): name for name in known}
    matches = difflib.get_close_matches(normalize_name(value), by_key, n=1)
    return by_key[matches[0]] if matches else None


# ---------------------------------------------------------------------------
# Shared helpers

_EXCEL_ERRORS = frozenset(
    {
        "#NULL!",
        "#DIV/0!",
        "#VALUE!",
        "#REF!",
        "#NAME?",
        "#NUM!",
        "#N/A",
        "#GETTING_DATA",
        "#SPILL!",
        "#CALC!",
        "#FIELD!",
        "#BLOCKED!",
    }
)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _number_text(value: float) -> str:
    """Write a number the way a rep would read it: 101.0 as ``101``."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e17:
        return str(int(value))
    return f"{value:.15g}" if isinstance(value, float) else str(value)


def shown(value: CellValue) -> str:
    """Return a cell value as a message quotes it, spaces made visible.

    Text is quoted so that a trailing space shows (``'15/03/2024 '``);
    numbers are written without a trailing ``.0``; dates as ISO.
    """
    if isinstance(value, str):
        return "'" + value.replace("\xa0", " ") + "'"
    if _is_number(value):
        return _number_text(value)  # type: ignore[arg-type]
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _is_blank(value: CellValue) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not clean_text(value)


def _problem(severity: Severity, key: str, value: CellValue, **fields: Any) -> Problem:
    return Problem(severity, key, {"value": shown(value), **fields})


def _rejected(key: str, value: CellValue, **fields: Any) -> Parsed[Any]:
    return Parsed(None, _problem("error", key, value, **fields))


def _excel_error(value: CellValue) -> Parsed[Any] | None:
    """Return an error result if the cell shows an Excel error such as #N/A."""
    if isinstance(value, str) and value.strip() in _EXCEL_ERRORS:
        return _rejected("value.excel_error", value)
    return None


# ---------------------------------------------------------------------------
# Dates

_EXCEL_EPOCH = dt.date(1899, 12, 30)
# Serial numbers outside these years are taken as plain numbers, not dates:
# a sales date before 1950 or after 2199 is far likelier a typing slip.
_FIRST_SERIAL_YEAR = 1950
_LAST_SERIAL_YEAR = 2199
# A real or text date outside these years is an error: Excel stores no date
# before 1900, and the analysis stores dates as pandas nanosecond timestamps,
# which end in April 2262.
_FIRST_DATE_YEAR = 1900
_LAST_DATE_YEAR = 2199
# A time of day may follow the date, with a UTC offset as ISO 8601 and
# exports write it; the date is kept as typed, in the writer's own zone.
_TIME = (
    r"(?:[ t]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
    r"(?: ?(?:z|utc|gmt|[+-]\d{2}(?::?\d{2})?))?)?"
)
_YEAR_FIRST = re.compile(rf"(\d{{4}})([-/.])(\d{{1,2}})\2(\d{{1,2}}){_TIME}")
_CHINESE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?")
_YEAR_LAST = re.compile(rf"(\d{{1,2}})([-/.])(\d{{1,2}})\2(\d{{4}}){_TIME}")
_SHORT_YEAR = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{1,2})")
# English month names, written out because strftime follows the process locale.
_MONTH_NAMES = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_MONTHS = {
    **{name: number for number, name in enumerate(_MONTH_NAMES, start=1)},
    **{name[:3]: number for number, name in enumerate(_MONTH_NAMES, start=1)},
    "sept": 9,
}
# Eight digits, year first: 20240315, as typed without separators.
_COMPACT = re.compile(r"((?:19|20|21)\d{2})(\d{2})(\d{2})")
_DAY_MONTH_NAME = re.compile(r"(\d{1,2})[ -]([a-z]+)\.?[ ,-]*(\d{4})")
_MONTH_NAME_DAY = re.compile(r"([a-z]+)\.? (\d{1,2}),? (\d{4})")


def parse_date(value: CellValue) -> Parsed[dt.date]:
    """Parse a date cell; a datetime keeps only its date.

    Real dates in any number format are read without a problem. A bare
    number (the serial 45366 in a General cell, or 20240315) and unambiguous
    text (``2024-03-15``, ``15.03.2024``, ``2026年11月3日``, ``15 March 2024``)
    are read with a warning that the date is stored as a number or text.
    Text with the year last whose day and month are both 12 or less and
    differ (``03/04/2024``), and any two-digit year (``26/11/3``), are errors
    that ask for an unambiguous date. A serial number is never read as a
    Unix timestamp, and one outside the years 1950 to 2199 is an error.
    Any date outside the years 1900 to 2199 is an error.
    """
    parsed = _read_date(value)
    if parsed.value is None:
        return parsed
    if not is_supported_date(parsed.value):
        return _rejected(
            "value.date_out_of_range",
            value,
            first=_FIRST_DATE_YEAR,
            last=_LAST_DATE_YEAR,
        )
    return parsed


def is_supported_date(date: dt.date) -> bool:
    """Return whether ``date`` is in the years 1900 to 2199 that dates may have."""
    return _FIRST_DATE_YEAR <= date.year <= _LAST_DATE_YEAR


def _read_date(value: CellValue) -> Parsed[dt.date]:
    if _is_blank(value):
        return Parsed(None)
    if isinstance(value, dt.datetime):
        return Parsed(value.date())
    if isinstance(value, dt.date):
        return Parsed(value)
    if _is_number(value):
        return _date_from_serial(value)  # type: ignore[arg-type]
    if isinstance(value, str):
        return _excel_error(value) or _date_from_text(value)
    return _rejected("value.date_invalid", value)


def _date_from_serial(serial: float) -> Parsed[dt.date]:
    # NOTE: serials are counted from 1899-12-30 (Excel's 1900 date system).
    # A workbook in the 1904 date system (old Mac Excel) stores real dates
    # 1462 days lower; those reach here only from General-format cells.
    compact = _COMPACT.fullmatch(_number_text(serial))
    if compact:
        date = _safe_date(int(compact[1]), int(compact[2]), int(compact[3]))
    else:
        date = _serial_date(serial)
    if date is None:
        return _rejected("value.date_invalid", serial)
    warning = _problem("warning", "value.date_serial", serial, date=date.isoformat())
    return Parsed(date, warning)


def _serial_date(serial: float) -> dt.date | None:
    try:
        date = _EXCEL_EPOCH + dt.timedelta(days=math.floor(serial))
    except OverflowError:
        return None
    if not _FIRST_SERIAL_YEAR <= date.year <= _LAST_SERIAL_YEAR:
        return None
    return date


def _date_from_text(value: str) -> Parsed[dt.date]:
    typed = unicodedata.normalize("NFKC", clean_text(value)).lower()
    if match := _YEAR_FIRST.fullmatch(typed):
        return _text_date(value, int(match[1]), int(match[3]), int(match[4]))
    if match := _CHINESE.fullmatch(typed) or _COMPACT.fullmatch(typed):
        return _text_date(value, int(match[1]), int(match[2]), int(match[3]))
    if match := _YEAR_LAST.fullmatch(typed):
        return _day_month_year(value, int(match[1]), int(match[3]), int(match[4]))
    if _SHORT_YEAR.fullmatch(typed):
        return _rejected("value.date_short_year", value)
    if match := _DAY_MONTH_NAME.fullmatch(typed):
        return _named_month(value, match[2], int(match[1]), int(match[3]))
    if match := _MONTH_NAME_DAY.fullmatch(typed):
        return _named_month(value, match[1], int(match[2]), int(match[3]))
    return _rejected("value.date_invalid", value)


def _day_month_year(value: str, first: int, second: int, year: int) -> Parsed[dt.date]:
    """Read ``first/second/year`` as day/month or month/day, whichever is sure."""
    if first > 12:
        return _text_date(value, year, second, first)
    if second > 12 or first == second:
        return _text_date(value, year, first, second)
    as_day_month = _safe_date(year, second, first)
    as_month_day = _safe_date(year, first, second)
    return _rejected(
        "value.date_ambiguous",
        value,
        day_month=as_day_month.isoformat() if as_day_month else "",
        month_day=as_month_day.isoformat() if as_month_day else "",
    )


def _named_month(value: str, name: str, day: int, year: int) -> Parsed[dt.date]:
    month = _MONTHS.get(name)
    if month is None:
        return _rejected("value.date_invalid", value)
    return _text_date(value, year, month, day)


def _text_date(value: str, year: int, month: int, day: int) -> Parsed[dt.date]:
    date = _safe_date(year, month, day)
    if date is None:
        return _rejected("value.date_invalid", value)
    warning = _problem("warning", "value.date_text", value, date=date.isoformat())
    return Parsed(date, warning)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# ---------------------------------------------------------------------------
# Amounts and other numbers

# Currency signs and words a rep may type around an amount, by ISO 4217 code.
# NOTE: "$" alone is read as USD and "¥" alone as CNY (the team's usual
# currencies). A Currency column that contains CAD or JPY is reported as a
# mismatch by the validator, which compares it with the code found here.
_CURRENCY_WORDS = {
    "$": "USD",
    "us$": "USD",
    "usd": "USD",
    "美元": "USD",
    "美金": "USD",
    "€": "EUR",
    "eur": "EUR",
    "欧元": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "英镑": "GBP",
    "¥": "CNY",
    "rmb": "CNY",
    "cny": "CNY",
    "人民币": "CNY",
    "元": "CNY",
    "日元": "JPY",
    "港币": "HKD",
    "港元": "HKD",
    "hk$": "HKD",
}
_ISO_CODE = re.compile(r"[a-z]{3}")
_MULTIPLIERS = {"千": 1_000, "万": 10_000, "萬": 10_000, "亿": 100_000_000}
_AMOUNT = re.compile(r"(?P<lead>\D*?)(?P<number>\d[\d ,.']*?)\s*(?P<trail>\D*)")
_SPACE_GROUPED = re.compile(r"\d{1,3}(?:[ ']\d{3})+(?:[.,]\d+)?")
_COMMA_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+")
_DOT_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3}){2,}")
_DOT_THOUSANDS = re.compile(r"[1-9]\d{0,2}\.\d{3}")
_COMMA_THEN_DOT = re.compile(r"\d{1,3}(?:,\d{3})+\.\d+")
_DOT_THEN_COMMA = re.compile(r"\d{1,3}(?:\.\d{3})+,\d+")


class _Unreadable(ValueError):
    """A number's text cannot be read; ``key_suffix`` gives the reason."""

    def __init__(self, key_suffix: str) -> None:
        super().__init__(key_suffix)
        self.key_suffix = key_suffix


def parse_amount(value: CellValue) -> Parsed[float]:
    """Parse an amount; a currency sign or word in the text is reported.

    Numbers stay numbers. Text is read when its meaning is certain, as in
    ``1,200``, ``1 500`` and ``1\\xa0000`` (thousands separators),
    ``1.200,50`` (German), ``１２，０００`` (full-width), and ``12万`` or
    ``1.5万`` (Chinese ten-thousands). A sign or word such as ``€``, ``US$``,
    ``美元``, ``人民币`` or ``RMB`` may stand before or after the number, and
    its code is returned in :attr:`Parsed.currency`.

    A single comma followed by other than three digits (``12,5``) could be
    a decimal comma, and so could a single dot followed by exactly three
    (``1.200``) be a thousands separator. Both are errors.
    """
    return _parse_quantity(value, "amount", allow_currency=True)


def parse_number(value: CellValue) -> Parsed[float]:
    """Parse a plain number (days, weight, rate) by the rules of amounts.

    A currency in the text is an error, because the column has no currency.
    """
    return _parse_quantity(value, "number", allow_currency=False)


def parse_percent(value: CellValue) -> Parsed[float]:
    """Parse a percentage into a fraction: 2 %, ``"2%"`` and 0.02 give 0.02.

    A number above 1 counts as a percent (2 is 2 %, 90 is 90 %). A number
    from 0 to 1 counts as a fraction (0.02 is 2 %, 0.5 is 50 %), because a
    cell formatted as a percentage stores the fraction. Exactly 1 is read as
    100 % with a warning, because a rep who typed 1 may have meant 1 %.
    Text ending in ``%`` is always a percent.
    """
    # NOTE: the parser gets no number format, so 1.5 in a cell formatted as
    # a percentage (shown as 150 %) is read as 1.5 %, without an issue.
    if isinstance(value, str) and not _is_blank(value):
        typed = unicodedata.normalize("NFKC", clean_text(value))
        if typed.endswith("%"):
            number = _parse_quantity(typed[:-1], "percent", allow_currency=False)
            if number.value is None:
                key = number.problem.key if number.problem else "value.percent_invalid"
                return _rejected(key, value)
            return Parsed(number.value / 100)
    number = _parse_quantity(value, "percent", allow_currency=False)
    if number.value is None or abs(number.value) > 1:
        return number if number.value is None else Parsed(number.value / 100)
    if number.value == 1:
        return Parsed(1.0, _problem("warning", "value.percent_one", value))
    return number


def _parse_quantity(
    value: CellValue, noun: str, *, allow_currency: bool
) -> Parsed[float]:
    """Parse a number or its text; ``noun`` names the problem keys."""
    if _is_blank(value):
        return Parsed(None)
    if _is_number(value):
        if not math.isfinite(value):  # type: ignore[arg-type]
            return _rejected(f"value.{noun}_invalid", value)
        return _within_limit(value, float(value))  # type: ignore[arg-type]
    if not isinstance(value, str):
        return _rejected(f"value.{noun}_invalid", value)
    if failure := _excel_error(value):
        return failure

    try:
        number, currency = _read_quantity_text(value)
    except _Unreadable as unreadable:
        return _rejected(f"value.{noun}_{unreadable.key_suffix}", value)
    if currency and not allow_currency:
        return _rejected(f"value.{noun}_invalid", value)
    return _within_limit(value, number, currency)


def _within_limit(
    value: CellValue, number: float, currency: str | None = None
) -> Parsed[float]:
    """Reject a number too large to add up: sums of 1e308 overflow to inf."""
    if abs(number) > _LARGEST_NUMBER:
        return _rejected("value.too_large", value)
    return Parsed(number, currency=currency)


# The largest number with 15 digits, which is all that Excel keeps; any
# real amount, quota or weight is far below it.
_LARGEST_NUMBER = 999_999_999_999_999.0


def _read_quantity_text(value: str) -> tuple[float, str | None]:
    """Read an amount's text as (number, currency code or None)."""
    typed = unicodedata.normalize("NFKC", clean_text(value)).casefold()
    match = _AMOUNT.fullmatch(typed)
    if match is None:
        raise _Unreadable("invalid")
    lead, trail = match["lead"].replace(" ", ""), match["trail"].replace(" ", "")

    negative = lead.startswith("-") or lead.endswith("-")
    if lead.startswith("(") and trail.endswith(")"):
        negative, lead, trail = True, lead[1:], trail[:-1]
    lead = lead.strip("-+")
    multiplier = _MULTIPLIERS.get(trail[:1], 1)
    if multiplier != 1:
        trail = trail[1:]

    currency = _currency_of(lead, trail)
    number = _read_decimal(match["number"]) * multiplier
    return float(-number if negative else number), currency


def _currency_of(lead: str, trail: str) -> str | None:
    """Return the one currency named before and after a number, if any."""
    codes = {_currency_code(word) for word in (lead, trail) if word}
    if None in codes or len(codes) > 1:
        raise _Unreadable("invalid")
    return codes.pop() if codes else None


def _currency_code(word: str) -> str | None:
    if word in _CURRENCY_WORDS:
        return _CURRENCY_WORDS[word]
    if _ISO_CODE.fullmatch(word):
        return word.upper()
    return None


def _read_decimal(number: str) -> Decimal:
    """Read digits with thousands and decimal separators as a Decimal."""
    number = number.strip()
    if number.isdigit():
        return Decimal(number)
    if _SPACE_GROUPED.fullmatch(number):
        digits = re.sub(r"[ ']", "", number).replace(",", ".")
        return Decimal(digits)
    if " " in number or "'" in number:
        raise _Unreadable("invalid")
    if _COMMA_GROUPED.fullmatch(number) or _DOT_GROUPED.fullmatch(number):
        return Decimal(re.sub(r"[.,]", "", number))
    if _COMMA_THEN_DOT.fullmatch(number):
        return Decimal(number.replace(",", ""))
    if _DOT_THEN_COMMA.fullmatch(number):
        return Decimal(number.replace(".", "").replace(",", "."))
    if re.fullmatch(r"\d+,\d+", number) or _DOT_THOUSANDS.fullmatch(number):
        raise _Unreadable("ambiguous")
    if re.fullmatch(r"\d*\.\d+", number):
        return Decimal(number)
    raise _Unreadable("invalid")


# ---------------------------------------------------------------------------
# Ids, flags, codes and text

# Excel keeps 15 significant digits of a number; it rounds the rest away.
_EXCEL_DIGITS = 15


def parse_id(value: CellValue) -> Parsed[str]:
    """Parse an identifier as text: ``"00103"`` stays ``"00103"``.

    Text is trimmed and otherwise kept as typed, however long. A whole
    number loses its ``.0`` (101.0 gives ``"101"``). A number with more than
    15 digits is an error, because Excel rounded it when it was typed. Its
    value is then the rounded digits, which the message quotes.
    """
    if _is_blank(value):
        return Parsed(None)
    if isinstance(value, str):
        return _excel_error(value) or Parsed(clean_text(value))
    if not _is_number(value) or not math.isfinite(value):  # type: ignore[arg-type]
        return _rejected("value.id_invalid", value)

    if isinstance(value, float) and not value.is_integer():
        return Parsed(f"{value:.{_EXCEL_DIGITS}g}")
    if abs(value) < 10**_EXCEL_DIGITS:  # type: ignore[arg-type]
        return Parsed(str(int(value)))  # type: ignore[arg-type]

    # Quote the digits as Excel shows them, not the float's binary tail.
    rounded = int(Decimal(f"{value:.{_EXCEL_DIGITS - 1}e}"))
    return Parsed(str(rounded), _problem("error", "value.id_rounded", rounded))


def parse_yesno(value: CellValue) -> Parsed[bool]:
    """Parse Yes/No (also TRUE/FALSE, 1/0, 是/否, x); blank gives None."""
    if _is_blank(value):
        return Parsed(None)
    if isinstance(value, bool):
        return Parsed(value)
    word = normalize_name(value)
    if word in schema.YES_WORDS:
        return Parsed(True)
    if word in schema.NO_WORDS:
        return Parsed(False)
    return _rejected("value.yesno_invalid", value)


def parse_status(value: CellValue) -> Parsed[str]:
    """Parse a deal status into ``"Open"``, ``"Won"`` or ``"Lost"``.

    Spelling variants and the Chinese words of :data:`schema.STATUS_ALIASES`
    are accepted. An unknown status is an error whose fix names the closest
    status.
    """
    if _is_blank(value):
        return Parsed(None)
    status = schema.STATUS_ALIASES.get(normalize_name(value))
    if status is not None:
        return Parsed(status)
    closest = closest_name(value, schema.STATUS_ALIASES)
    if closest is None:
        return _rejected("value.status_invalid", value)
    return _rejected(
        "value.status_misspelt", value, closest=schema.STATUS_ALIASES[closest]
    )


def parse_currency(value: CellValue) -> Parsed[str]:
    """Parse a currency into its ISO 4217 code: ``usd``, ``$`` and ``美元`` give USD.

    Any three letters are taken as a code; whether the team has a rate for
    it is the validator's check.
    """
    if _is_blank(value):
        return Parsed(None)
    if not isinstance(value, str):
        return _rejected("value.currency_invalid", value)
    word = unicodedata.normalize("NFKC", clean_text(value)).casefold()
    code = _currency_code(word.replace(" ", ""))
    if code is None:
        return _excel_error(value) or _rejected("value.currency_invalid", value)
    return Parsed(code)


def parse_text(value: CellValue) -> Parsed[str]:
    """Parse free text: trimmed, everything else kept as typed.

    A number becomes its text (101.0 gives ``"101"``), a date its ISO form
    and a logical value ``TRUE`` or ``FALSE``.
    """
    if _is_blank(value):
        return Parsed(None)
    if isinstance(value, str):
        return _excel_error(value) or Parsed(clean_text(value))
    if isinstance(value, bool):
        return Parsed("TRUE" if value else "FALSE")
    return Parsed(shown(value))


PARSERS: dict[schema.ColumnKind, Callable[[CellValue], Parsed[Any]]] = {
    "text": parse_text,
    "id": parse_id,
    "name": parse_text,
    "date": parse_date,
    "amount": parse_amount,
    "number": parse_number,
    "percent": parse_percent,
    "yesno": parse_yesno,
    "status": parse_status,
    "currency": parse_currency,
}
"""The parser of each column kind; a name is parsed as text and matched
with :func:`normalize_name`."""


def parse_cell(kind: schema.ColumnKind, value: CellValue) -> Parsed[Any]:
    """Parse one cell by its column kind (see :data:`PARSERS`)."""
    return PARSERS[kind](value)
