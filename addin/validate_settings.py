"""Parse the Settings sheet: named settings, exchange rates, commission curve.

A setting that is missing or blank takes its default from
:data:`addin.schema.SETTING_DEFAULTS`; one that cannot be read is reported
and also takes its default, so that the rest of the workbook is still
analysed.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from addin import schema
from addin.locale import text
from addin.model import DEFAULT_CURVE, CurveBand, Issue, RawWorkbook, Settings
from addin.validate_columns import ParsedTable, parse_table
from addin.values import (
    closest_name,
    normalize_name,
    parse_currency,
    parse_date,
    parse_number,
)

_PERIODS = {
    "month": "month",
    "monthly": "month",
    "月": "month",
    "月度": "month",
    "quarter": "quarter",
    "quarterly": "quarter",
    "季度": "quarter",
}
_LANGUAGES = {
    "en": "en",
    "english": "en",
    "英文": "en",
    "zh-cn": "zh-CN",
    "zh": "zh-CN",
    "zh_cn": "zh-CN",
    "chinese": "zh-CN",
    "中文": "zh-CN",
}

_NAMES = {
    **{normalize_name(name): name for name in schema.SETTING_DEFAULTS},
    **{normalize_name(zh): name for name, zh in schema.SETTING_NAMES_ZH.items()},
}


@dataclass(frozen=True)
class _Rule:
    """The reader of one named setting and the Settings field it fills."""

    field: str
    read: Callable[[Any], Any]
    """Returns the typed value, or None when the cell cannot be read."""
    expected: str
    """Locale key describing a valid value, quoted in the message."""


def _whole_number(low: int, high: int | None = None) -> Callable[[Any], int | None]:
    def read(cell: Any) -> int | None:
        number = parse_number(cell).value
        if number is None or not float(number).is_integer():
            return None
        if number < low or (high is not None and number > high):
            return None
        return int(number)

    return read


def _score(cell: Any) -> float | None:
    number = parse_number(cell).value
    return number if number is not None and 0 <= number <= 100 else None


def _word(choices: dict[str, str]) -> Callable[[Any], str | None]:
    return lambda cell: choices.get(normalize_name(cell))


def _date(cell: Any) -> dt.date | None:
    parsed = parse_date(cell)
    return parsed.value if parsed.problem is None or parsed.value else None


_RULES = {
    "Reporting currency": _Rule(
        "reporting_currency",
        lambda cell: parse_currency(cell).value,
        "validate.expected.currency",
    ),
    "As-of date": _Rule("as_of", _date, "validate.expected.date"),
    "Period": _Rule("period", _word(_PERIODS), "validate.expected.period"),
    "Fiscal year start": _Rule(
        "fiscal_year_start", _whole_number(1, 12), "validate.expected.month"
    ),
    "Luck threshold": _Rule("luck_threshold", _score, "validate.expected.score"),
    "Language": _Rule("language", _word(_LANGUAGES), "validate.expected.language"),
    "Forecast simulations": _Rule(
        "simulations", _whole_number(100, 1_000_000), "validate.expected.simulations"
    ),
    "Backfill days": _Rule("backfill_days", _whole_number(0), "validate.expected.days"),
}


def parse_settings(raw: RawWorkbook) -> tuple[Settings, list[Issue]]:
    """Read the Settings, rates and curve tables into :class:`Settings`."""
    named, issues = _named_settings(raw)
    language = named.get("language", "en")
    rates, rate_issues = _rates(raw, named.get("reporting_currency", "USD"), language)
    curve, curve_issues = _curve(raw, language)
    settings = Settings(**named, rates=rates, curve=curve)
    return settings, issues + rate_issues + curve_issues


def _named_settings(raw: RawWorkbook) -> tuple[dict[str, Any], list[Issue]]:
    table, issues = parse_table(raw.tables.get("settings"), schema.SETTINGS)
    values: dict[str, Any] = {}
    cells: dict[str, tuple[int, Any]] = {}
    for position, name in enumerate(table.frame["name"]):
        if name is None:
            continue
        known = _NAMES.get(normalize_name(name))
        if known is None:
            issues.append(_unknown_setting(table, position, name))
            continue
        cells[known] = (
            position,
            table.raw.get("value", [None] * (position + 1))[position],
        )

    # Language first, so that every other message is written in it.
    ordered = sorted(cells, key=lambda name: name != "Language")
    for name in ordered:
        position, cell = cells[name]
        if not normalize_name(cell):
            continue
        rule = _RULES[name]
        value = rule.read(cell)
        if value is None:
            issues.append(_invalid_setting(table, position, name, rule, values))
        else:
            values[rule.field] = value
        if name == "Language":
            table.language = values.get("language", "en")
    return values, issues


def _unknown_setting(table: ParsedTable, position: int, name: str) -> Issue:
    closest = closest_name(name, schema.SETTING_DEFAULTS)
    key = "validate.setting_unknown" + (".closest" if closest else "")
    return table.issue(
        "warning",
        "name",
        position,
        key,
        value=table.typed("name", position),
        closest=closest or "",
    )


def _invalid_setting(
    table: ParsedTable, position: int, name: str, rule: _Rule, values: dict[str, Any]
) -> Issue:
    language = values.get("language", table.language)
    # Only the As-of date has a blank default, which means today.
    default = schema.SETTING_DEFAULTS[name] or text("validate.default_today", language)
    return table.issue(
        "error",
        "value",
        position,
        "validate.setting_invalid",
        setting=name,
        value=table.typed("value", position),
        expected=text(rule.expected, language),
        default=default,
    )


def _rates(
    raw: RawWorkbook, reporting_currency: str, language: str
) -> tuple[dict[str, float], list[Issue]]:
    table, issues = parse_table(raw.tables.get("rates"), schema.RATES, language)
    rates = {reporting_currency: 1.0}
    frame = table.frame
    for position, (code, rate) in enumerate(zip(frame["currency"], frame["rate"])):
        if code is None or math.isnan(rate):
            continue
        if rate <= 0:
            issues.append(
                table.issue(
                    "error",
                    "rate",
                    position,
                    "validate.rate_invalid",
                    currency=code,
                    value=table.typed("rate", position),
                )
            )
            continue
        if code == reporting_currency and rate != 1:
            issues.append(
                table.issue(
                    "warning",
                    "rate",
                    position,
                    "validate.rate_reporting",
                    currency=code,
                    value=table.typed("rate", position),
                )
            )
            continue
        rates.setdefault(code, float(rate))
    return rates, issues


def _curve(
    raw: RawWorkbook, language: str
) -> tuple[tuple[CurveBand, ...], list[Issue]]:
    table, issues = parse_table(raw.tables.get("curve"), schema.CURVE, language)
    bands = []
    frame = table.frame
    for position, (score, payout) in enumerate(
        zip(frame["min_score"], frame["payout"])
    ):
        if math.isnan(score) or math.isnan(payout):
            continue
        if not 0 <= score <= 100:
            issues.append(
                table.issue(
                    "error",
                    "min_score",
                    position,
                    "validate.curve_score",
                    value=table.typed("min_score", position),
                )
            )
            continue
        if payout < 0:
            issues.append(
                table.issue(
                    "error",
                    "payout",
                    position,
                    "validate.curve_payout",
                    value=table.typed("payout", position),
                )
            )
            continue
        bands.append(CurveBand(float(score), float(payout)))
    if not bands:
        return DEFAULT_CURVE, issues
    return tuple(sorted(bands, key=lambda band: -band.min_score)), issues
