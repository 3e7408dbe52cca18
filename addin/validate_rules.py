"""Rules that look across rows and tables: ids, names, dates, currencies.

Each rule is a function over whole tables that returns a list of issues;
:func:`addin.validate.validate` runs them all and joins the lists. Rules
never change a typed value. Where a name matches a known one only after
folding case, spaces and invisible characters, the table's spelling is used
and nothing is reported.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable

import numpy as np
import pandas as pd

from addin.locale import status_word
from addin.model import Issue, Settings, Severity
from addin.validate_columns import REPEAT_LIMIT, ParsedTable
from addin.values import closest_name, normalize_name

# Names a rep may type in the Stage column that are statuses, not stages.
_STATUS_WORDS = frozenset({"won", "lost", "open"})


def folded_names(names: pd.Series) -> pd.Series:
    """Return :func:`normalize_name` of each name, "" for a blank one.

    Each distinct name is folded once, which keeps a million Evidence rows fast.
    """
    codes, uniques = pd.factorize(names)
    folded = [normalize_name(name) for name in uniques]
    return pd.Series(np.array([*folded, ""], dtype=object)[codes], index=names.index)


def duplicate_ids(table: ParsedTable, key: str) -> list[Issue]:
    """Report each row that repeats an id of an earlier row of the table.

    Ids are compared as parsed text after folding case and spaces, so 102
    typed as a number and "102" typed as text are the same id.
    """
    frame = table.frame
    folded = folded_names(frame[key]).replace("", None)
    repeated = folded.notna() & folded.duplicated(keep=False)
    first_row = frame["row"].where(repeated).groupby(folded).transform("min")
    rows = frame["row"].to_numpy()
    issues = []
    for position in np.flatnonzero(repeated & folded.duplicated(keep="first")):
        issues.append(
            table.issue(
                "error",
                key,
                int(position),
                f"validate.duplicate.{table.spec.key}",
                value=table.typed(key, int(position)),
                column=table.spec.column(key).header_in(table.language),
                first_row=int(first_row.iat[position]),
                row=int(rows[position]),
            )
        )
    return issues


def match_names(
    table: ParsedTable,
    key: str,
    known: Iterable[str],
    *,
    severity: Severity = "error",
    unknown_key: str,
) -> tuple[pd.Series, list[Issue]]:
    """Replace each name of column ``key`` by the known spelling.

    Returns the column with the known names (None where unknown) and an
    issue for each unknown name, with the closest known name as the fix.
    """
    known = list(known)
    by_folded: dict[str, str] = {}
    for name in known:
        # A name listed twice (an error of its own) matches its first row.
        by_folded.setdefault(normalize_name(name), name)
    folded = folded_names(table.frame[key])
    matched = folded.map(by_folded).astype(object)
    matched = matched.where(matched.notna(), None)

    typed_names = table.frame[key].to_numpy()
    folded_values = folded.to_numpy()
    issues = []
    suggestions: dict[str, str | None] = {}
    unknown = np.flatnonzero((folded != "").to_numpy() & matched.isna().to_numpy())
    for position in unknown[:REPEAT_LIMIT]:
        typed = typed_names[position]
        if typed not in suggestions:
            suggestions[typed] = closest_name(typed, known)
        issues.append(
            _unknown_name(
                table,
                key,
                int(position),
                severity,
                unknown_key,
                suggestions[typed],
                folded_values[position],
            )
        )
    return matched, issues + table.repeats(severity, key, unknown)


def _unknown_name(
    table: ParsedTable,
    key: str,
    position: int,
    severity: Severity,
    unknown_key: str,
    closest: str | None,
    folded: str,
) -> Issue:
    if unknown_key == "validate.unknown_stage" and folded in _STATUS_WORDS:
        message_key = "validate.stage_is_status"
    elif closest:
        message_key = f"{unknown_key}.closest"
    else:
        message_key = unknown_key
    return table.issue(
        severity,
        key,
        position,
        message_key,
        value=table.typed(key, position),
        closest=closest or "",
    )


def closed_without_date(deals: ParsedTable) -> list[Issue]:
    """Report each Won or Lost deal whose Closed on is blank."""
    frame = deals.frame
    closed = frame["status"].isin(("Won", "Lost")) & frame["closed_on"].isna()
    column = "closed_on" if deals.has_column("closed_on") else "status"
    return [
        deals.issue(
            "error",
            column,
            int(position),
            "validate.closed_without_date",
            status=status_word(frame["status"].to_numpy()[position], deals.language),
        )
        for position in np.flatnonzero(closed.to_numpy())
    ]


def closed_before_created(deals: ParsedTable) -> list[Issue]:
    """Report each deal closed before it was created."""
    frame = deals.frame
    early = frame["closed_on"] < frame["created"]
    return [
        deals.issue(
            "error",
            "closed_on",
            int(position),
            "validate.closed_before_created",
            closed=_iso(frame["closed_on"], np.array([position]))[0],
            created=_iso(frame["created"], np.array([position]))[0],
        )
        for position in np.flatnonzero(early.to_numpy())
    ]


def amount_currencies(
    deals: ParsedTable, settings: Settings
) -> tuple[pd.Series, list[Issue]]:
    """Work out each deal's currency and check it against the amount's text.

    Returns each deal's currency and the issues. The currency is the
    Currency column, else the currency named in the amount, else the
    reporting currency. An amount whose text names a currency gets a
    warning, so that the rep moves the currency to the Currency column. An
    amount that names another currency than the Currency column is an
    error, and the Currency column is used.
    """
    frame = deals.frame
    found = pd.Series(
        deals.currency_found.get("amount", [None] * len(frame)),
        index=frame.index,
        dtype=object,
    )
    declared = frame["currency"]
    currency = declared.where(declared.notna(), found)
    currency = currency.where(currency.notna(), settings.reporting_currency)

    issues = []
    for position in np.flatnonzero(found.notna().to_numpy()):
        found_code, declared_code = found.iat[position], declared.iat[position]
        fields = {
            "value": deals.typed("amount", int(position)),
            "found": found_code,
            "currency": declared_code,
            "amount": _number(frame["amount"].iat[position]),
        }
        if declared_code is not None and declared_code != found_code:
            issues.append(
                deals.issue(
                    "error",
                    "amount",
                    int(position),
                    "validate.currency_mismatch",
                    **fields,
                )
            )
        else:
            issues.append(
                deals.issue(
                    "warning",
                    "amount",
                    int(position),
                    "validate.currency_in_amount",
                    **fields,
                )
            )
    return currency, issues


def quota_currencies(team: ParsedTable, settings: Settings) -> list[Issue]:
    """Report each monthly quota typed in another currency than the reporting one.

    Quotas are taken in the reporting currency, so a quota of ``€50,000``
    in a team that reports in USD would be read as 50,000 USD.
    """
    found = team.currency_found.get("monthly_quota", [])
    return [
        team.issue(
            "error",
            "monthly_quota",
            position,
            "validate.quota_currency",
            value=team.typed("monthly_quota", position),
            found=code,
            reporting=settings.reporting_currency,
        )
        for position, code in enumerate(found)
        if code is not None and code != settings.reporting_currency
    ]


def missing_rates(
    deals: ParsedTable, currency: pd.Series, settings: Settings
) -> list[Issue]:
    """Report each deal whose currency has no exchange rate in Settings."""
    lacking = ~currency.isin(list(settings.rates)) & currency.notna()
    column = "currency" if deals.has_column("currency") else "amount"
    return [
        deals.issue(
            "error",
            column,
            int(position),
            "validate.rate_missing",
            currency=currency.iat[position],
            reporting=settings.reporting_currency,
        )
        for position in np.flatnonzero(lacking.to_numpy())
    ]


def evidence_deal_ids(evidence: ParsedTable, deal_ids: pd.Series) -> pd.Series:
    """Spell each Evidence Deal ID as the Deals table does; None where unknown.

    IDs match on :func:`normalize_name`, the key that finds duplicate Deal
    IDs, so ``ex-7`` logged by a rep is evidence of deal ``EX-7``.
    """
    by_folded: dict[str, str] = {}
    for deal_id in deal_ids.dropna():
        # A Deal ID typed twice (an error of its own) matches its first row.
        by_folded.setdefault(normalize_name(deal_id), deal_id)
    matched = folded_names(evidence.frame["deal_id"]).map(by_folded).astype(object)
    return matched.where(matched.notna(), None)


def evidence_for_unknown_deals(
    evidence: ParsedTable, deal_ids: pd.Series
) -> list[Issue]:
    """Report each Evidence row whose Deal ID is not in the Deals table."""
    frame = evidence.frame
    unknown = frame["deal_id"].notna() & evidence_deal_ids(evidence, deal_ids).isna()
    positions = np.flatnonzero(unknown.to_numpy())
    issues = [
        evidence.issue(
            "error",
            "deal_id",
            int(position),
            "validate.evidence_unknown_deal",
            value=evidence.typed("deal_id", int(position)),
        )
        for position in positions[:REPEAT_LIMIT]
    ]
    return issues + evidence.repeats("error", "deal_id", positions)


def evidence_dates(
    evidence: ParsedTable, deals: pd.DataFrame, as_of: dt.date
) -> list[Issue]:
    """Report Evidence dated after the as-of date or before its deal was created.

    Evidence after the as-of date does not count until then. A deal whose
    ID is typed twice is compared with the first row's Created.
    """
    frame = evidence.frame
    created_by_deal = (
        deals.dropna(subset="deal_id")
        .drop_duplicates("deal_id")
        .set_index("deal_id")["created"]
    )
    created = pd.Series(
        created_by_deal.reindex(frame["deal_id"].to_numpy()).to_numpy(),
        index=frame.index,
        dtype="datetime64[ns]",
    )
    future = frame["date"] > pd.Timestamp(as_of)
    early = ~future & (frame["date"] < created)

    future_all = np.flatnonzero(future.to_numpy())
    early_all = np.flatnonzero(early.fillna(False).to_numpy(bool))
    future_at, early_at = future_all[:REPEAT_LIMIT], early_all[:REPEAT_LIMIT]
    issues = [
        evidence.issue(
            "warning",
            "date",
            int(position),
            "validate.evidence_future",
            date=date,
            as_of=as_of.isoformat(),
        )
        for position, date in zip(future_at, _iso(frame["date"], future_at))
    ]
    issues += [
        evidence.issue(
            "warning",
            "date",
            int(position),
            "validate.evidence_before_created",
            date=date,
            created=created_date,
        )
        for position, date, created_date in zip(
            early_at, _iso(frame["date"], early_at), _iso(created, early_at)
        )
    ]
    issues += evidence.repeats("warning", "date", future_all)
    return issues + evidence.repeats("warning", "date", early_all)


def _iso(dates: pd.Series, positions: np.ndarray) -> list[str]:
    """Return the dates at ``positions`` as ISO text, "" where missing."""
    days = dates.to_numpy(dtype="datetime64[ns]")[positions].astype("datetime64[D]")
    return [
        "" if text == "NaT" else str(text)
        for text in np.datetime_as_string(days, unit="D")
    ]


def _number(value: float) -> str:
    if math.isnan(value):
        return ""
    return f"{value:,.2f}".rstrip("0").rstrip(".")
