"""Turn the raw input tables into a typed TeamBook, and report every problem.

Validation checks everything, then reports everything: every cell is
parsed by its column kind (:mod:`addin.validate_columns`), the Settings
sheet is read (:mod:`addin.validate_settings`), and each cross-table rule
(:mod:`addin.validate_rules`) returns its own list of issues. A row with an
error is still analysed where possible: a deal with an unknown rep keeps
the rep as typed and counts in the team, and a deal with an unknown stage
keeps its evidence. Nothing the team typed is changed; names are only
mapped onto the spelling of the table that defines them. A stage, criterion
or rep listed twice is reported and kept at its first row only, so that the
ladder and the team stay well defined.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np
import pandas as pd

from addin import schema
from addin.engine import stages
from addin.errors import WorkbookError
from addin.locale import text
from addin.model import Issue, RawWorkbook, Settings, TeamBook
from addin.validate_columns import ParsedTable, parse_table
from addin.validate_rules import (
    amount_currencies,
    closed_before_created,
    closed_without_date,
    duplicate_ids,
    evidence_dates,
    evidence_deal_ids,
    evidence_for_unknown_deals,
    folded_names,
    match_names,
    missing_rates,
    quota_currencies,
)
from addin.validate_settings import parse_settings

FORECAST_CATEGORIES = schema.FORECAST_CATEGORIES
_CATEGORY_ALIASES = {zh: en for en, zh in schema.FORECAST_CATEGORY_NAMES_ZH.items()}

_TABLES = (schema.PROCESS, schema.CRITERIA, schema.TEAM, schema.DEALS, schema.EVIDENCE)


def validate(
    raw: RawWorkbook,
    as_of: dt.date | None = None,
    language: str | None = None,
    *,
    require_tables: bool = True,
) -> tuple[TeamBook, list[Issue]]:
    """Parse and check every input table.

    Args:
        raw: The tables as the reader found them. Its own issues (missing
            tables, duplicate headers) are not repeated here.
        as_of: The as-of date; None takes the Settings date, then today.
        language: Language of the messages and of everything built from the
            book; None takes the Language setting. Issues of the Settings
            sheet itself stay in the Language setting's language.
        require_tables: Raise WorkbookError when the Process, Criteria,
            Team, Deals or Evidence table is missing. The worksheet
            functions pass False, because they get only the tables they use.

    Returns:
        The typed book and the issues found, in the order the rules ran.
    """
    settings, issues = parse_settings(raw)
    if require_tables:
        _require_core_tables(raw, language or settings.language)
    if as_of is not None:
        settings = dataclasses.replace(settings, as_of=as_of)
    if language is not None:
        settings = dataclasses.replace(settings, language=language)
    language = settings.language
    tables: dict[str, ParsedTable] = {}
    for spec in _TABLES:
        tables[spec.key], cell_issues = parse_table(
            raw.tables.get(spec.key), spec, language
        )
        issues += cell_issues

    process, process_issues = _process(tables["process"])
    criteria, criteria_issues = _criteria(tables["criteria"], process)
    team, team_issues = _team(tables["team"], settings)
    deals, deal_issues = _deals(tables["deals"], process, team, settings)
    evidence, evidence_issues = _evidence(
        tables["evidence"], criteria, team, deals, settings.effective_as_of()
    )
    book = TeamBook(
        process=process,
        criteria=criteria,
        team=team,
        deals=deals,
        evidence=evidence,
        settings=settings,
        locations={
            key: table.location
            for key, table in tables.items()
            if table.location is not None
        },
    )
    issues += process_issues + criteria_issues + team_issues + deal_issues
    issues += evidence_issues
    issues += premature_stages(book, tables["deals"], settings.effective_as_of())
    return book, issues


def _require_core_tables(raw: RawWorkbook, language: str) -> None:
    """Raise when a table without which nothing can be analysed is missing.

    Settings may be missing (defaults apply), but without the ladder, the
    criteria, the team, the deals or the evidence every figure is empty, so
    one clear message serves the user better than a page of issues.
    """
    missing = [spec for spec in _TABLES if spec.key not in raw.tables]
    if not missing:
        return
    raise WorkbookError(
        text(
            "validate.missing_tables",
            language,
            path=raw.path,
            sheets=", ".join(spec.sheet_in(language) for spec in missing),
        )
    )


def _process(table: ParsedTable) -> tuple[pd.DataFrame, list[Issue]]:
    """Check the stage ladder; blank and repeated stages leave the ladder."""
    issues = duplicate_ids(table, "stage")
    frame = table.frame
    ladder = frame[frame["stage"].notna() & ~_folded_duplicates(frame["stage"])]

    categories, category_issues = match_names(
        table,
        "forecast_category",
        (*FORECAST_CATEGORIES, *_CATEGORY_ALIASES),
        severity="warning",
        unknown_key="validate.unknown_category",
    )
    categories = categories.map(lambda name: _CATEGORY_ALIASES.get(name, name))
    frame = frame.assign(
        forecast_category=categories.where(
            categories.notna(), frame["forecast_category"]
        )
    )
    issues += category_issues
    issues += _out_of_range(
        table, "max_days", frame["max_days"] < 0, "validate.negative"
    )
    issues += _out_of_range(table, "win_pct", frame["win_pct"] < 0, "validate.negative")
    issues += _out_of_range(table, "win_pct", frame["win_pct"] > 1, "validate.over_100")
    # A Win % outside 0 to 100 % (reported above) would forecast less than
    # nothing or more than the deal, so the stage counts as having none.
    frame = frame.assign(win_pct=frame["win_pct"].where(frame["win_pct"].between(0, 1)))
    if len(ladder) == 0 and table.present:
        issues.append(table.issue("error", "stage", None, "validate.no_stages"))
    return frame.loc[ladder.index].reset_index(drop=True), issues


def _criteria(
    table: ParsedTable, process: pd.DataFrame
) -> tuple[pd.DataFrame, list[Issue]]:
    issues = duplicate_ids(table, "criterion")
    stage, stage_issues = match_names(
        table, "stage", process["stage"], unknown_key="validate.criteria_stage"
    )
    frame = table.frame
    weight = frame["weight"].where(frame["weight"] > 0)
    issues += stage_issues
    issues += _out_of_range(
        table, "weight", frame["weight"] <= 0, "validate.not_positive"
    )
    criteria = frame.assign(
        stage=stage,
        required=frame["required"].map(lambda flag: True if flag is None else flag),
        weight=weight.where(frame["weight"].notna(), 1.0),
    )
    # A repeated criterion (reported above) would gate its stage forever,
    # because its evidence is matched to the first row.
    criteria = criteria[~_folded_duplicates(frame["criterion"])]
    return criteria.astype({"required": bool}).reset_index(drop=True), issues


def _team(table: ParsedTable, settings: Settings) -> tuple[pd.DataFrame, list[Issue]]:
    issues = duplicate_ids(table, "rep")
    issues += _out_of_range(
        table, "monthly_quota", table.frame["monthly_quota"] < 0, "validate.negative"
    )
    rate = table.frame["commission_rate"]
    issues += _out_of_range(table, "commission_rate", rate < 0, "validate.negative")
    issues += _out_of_range(table, "commission_rate", rate > 1, "validate.over_100")
    issues += quota_currencies(table, settings)
    # A rep listed twice (reported above) would count their quota twice.
    team = table.frame.assign(commission_rate=rate.where(rate.between(0, 1)))
    team = team[~_folded_duplicates(team["rep"])]
    return team.reset_index(drop=True), issues


def _deals(
    table: ParsedTable,
    process: pd.DataFrame,
    team: pd.DataFrame,
    settings: Settings,
) -> tuple[pd.DataFrame, list[Issue]]:
    issues = duplicate_ids(table, "deal_id")
    reps, rep_issues = match_names(
        table, "rep", team["rep"].dropna(), unknown_key="validate.unknown_rep"
    )
    stage, stage_issues = match_names(
        table, "stage", process["stage"], unknown_key="validate.unknown_stage"
    )
    currency, currency_issues = amount_currencies(table, settings)
    frame = table.frame
    rate = currency.map(settings.rates).astype(float)

    issues += rep_issues + stage_issues + currency_issues
    issues += missing_rates(table, currency, settings)
    issues += closed_without_date(table)
    issues += closed_before_created(table)
    issues += _out_of_range(table, "amount", frame["amount"] < 0, "validate.negative")
    deals = frame.assign(
        # An unknown rep is kept as typed, so that the deal counts for them.
        rep=reps.where(reps.notna(), frame["rep"]),
        stage=stage,
        # A negative amount (reported above) counts as no amount.
        amount_rc=frame["amount"].where(frame["amount"] >= 0) * rate,
    )
    return deals, issues


def _evidence(
    table: ParsedTable,
    criteria: pd.DataFrame,
    team: pd.DataFrame,
    deals: pd.DataFrame,
    as_of: dt.date,
) -> tuple[pd.DataFrame, list[Issue]]:
    known_criteria = criteria["criterion"].dropna()
    criterion, issues = match_names(
        table, "criterion", known_criteria, unknown_key="validate.unknown_criterion"
    )
    logged_by, logged_issues = match_names(
        table,
        "logged_by",
        team["rep"].dropna(),
        severity="warning",
        unknown_key="validate.unknown_logger",
    )
    issues += logged_issues
    issues += evidence_for_unknown_deals(table, deals["deal_id"])
    issues += evidence_dates(table, deals, as_of)
    frame = table.frame
    deal_id = evidence_deal_ids(table, deals["deal_id"])
    evidence = frame.assign(
        deal_id=deal_id.where(deal_id.notna(), frame["deal_id"]),
        criterion=criterion,
        logged_by=logged_by.where(logged_by.notna(), frame["logged_by"]),
    )
    return evidence, issues


def premature_stages(book: TeamBook, deals: ParsedTable, as_of: dt.date) -> list[Issue]:
    """Warn about each open deal declared above the stage its evidence earns.

    The warning lists the customer actions still missing up to the declared
    stage, in ladder order.
    """
    if not len(book.process) or not len(book.deals):
        return []
    ladder = stages.build_ladder(book)
    deal_evidence = stages.collect_evidence(book, as_of, ladder)
    earned = stages.earned_indexes(deal_evidence)
    declared = stages.stage_indexes(book, book.deals["stage"])
    is_open = ~book.deals["status"].isin(("Won", "Lost")).to_numpy()
    premature = is_open & (declared > earned)

    missing = stages.missing_indexes(deal_evidence, declared)
    issues = []
    for position in np.flatnonzero(premature):
        actions = [ladder.actions[index].rstrip(". ") for index in missing[position]]
        issues.append(
            _premature_stage(
                deals,
                int(position),
                ladder.stages[declared[position]],
                ladder.stages[earned[position]] if earned[position] >= 0 else None,
                actions,
            )
        )
    return issues


def _premature_stage(
    deals: ParsedTable,
    position: int,
    declared: str,
    earned: str | None,
    actions: list[str],
) -> Issue:
    key = "validate.premature" if earned else "validate.premature.none"
    issue = deals.issue(
        "warning", "stage", position, key, stage=declared, earned=earned or ""
    )
    if not actions:
        return issue
    listed = text(
        "validate.premature.actions", deals.language, actions="; ".join(actions)
    )
    return dataclasses.replace(issue, message=f"{issue.message} {listed}")


def _folded_duplicates(names: pd.Series) -> pd.Series:
    folded = folded_names(names).replace("", None)
    return folded.notna() & folded.duplicated(keep="first")


def _out_of_range(
    table: ParsedTable, key: str, outside: pd.Series, message_key: str
) -> list[Issue]:
    column = table.spec.column(key).header_in(table.language)
    return [
        table.issue(
            "error",
            key,
            int(position),
            message_key,
            column=column,
            value=table.typed(key, int(position)),
        )
        for position in np.flatnonzero(outside.fillna(False).to_numpy(bool))
    ]
