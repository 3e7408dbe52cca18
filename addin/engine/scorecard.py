"""The scorecard: each rep's result and process in the current period.

One row per rep, and a last row for the team, for the period that contains
the as-of date:

- won amount: Won deals closed from the period's start to the as-of date
  (a Won deal without a Closed on date belongs to no period);
- quota attainment: won amount divided by the period's quota;
- process score: amount-weighted mean score of the deals open at the as-of
  date or closed in the period;
- luck share: share of the won amount in won deals classed Luck;
- coverage: open pipeline divided by the quota still to win, NaN once the
  quota is met;
- commission by result and by process, and the difference (by process
  minus by result);
- coaching notes: up to :data:`MAX_COACHING_NOTES` plain sentences on what
  to do next, naming the deals concerned.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from addin.engine.commission import deal_commissions
from addin.engine.diagnose import (
    Diagnosis,
    QuotaStatus,
    ShapeLimits,
    diagnose_shape,
    quota_status,
)
from addin.engine.funnel import build_funnel, reps_in_order
from addin.engine.periods import Period, period_containing
from addin.engine.score import ProcessAudit, audit_process
from addin.locale import text
from addin.model import Settings, TeamBook

MAX_COACHING_NOTES = 3
"""Coaching notes per rep; luck wins come first, then stuck deals, then
the shape diagnoses."""
MAX_NAMED_DEALS = 5
"""Deals named in one note before the rest are counted."""

SCORECARD_COLUMNS = (
    "rep",
    "won",
    "quota",
    "attainment",
    "process_score",
    "luck_share",
    "pipeline",
    "coverage",
    "by_result",
    "by_process",
    "difference",
    "notes",
)
"""Columns of :func:`build_scorecard`'s result; ``rep`` is missing on the team row."""


def scorecard_period(audit: ProcessAudit, settings: Settings) -> Period:
    """Return the period of the scorecard: the one containing the as-of date."""
    return period_containing(audit.as_of, settings.period, settings.fiscal_year_start)


def build_scorecard(
    audit: ProcessAudit,
    team: pd.DataFrame,
    settings: Settings,
    reps: Sequence[str],
    diagnoses: Sequence[Diagnosis] = (),
    stuck: np.ndarray | None = None,
) -> pd.DataFrame:
    """Return one scorecard row per rep of ``reps``, then the team's row.

    Args:
        audit: The process audit of every deal.
        team: The Team table (monthly quota, commission rate).
        settings: The team's settings (period, curve, language).
        reps: The reps, in the order of the rows.
        diagnoses: Shape diagnoses of ``audit``; each rep's feed its notes.
        stuck: Whether each deal row is stuck (from the stage audit),
            aligned with ``audit.deals``; None names no stuck deals.
    """
    period = scorecard_period(audit, settings)
    deals = audit.deals
    in_view = deals["in_view"].to_numpy(dtype=bool)
    closed_on = pd.to_datetime(deals["closed_on"])
    in_period = (
        in_view
        & closed_on.between(
            pd.Timestamp(period.start), pd.Timestamp(audit.as_of)
        ).to_numpy()
    )
    won = deals.loc[in_period & (deals["status"] == "Won").to_numpy()]
    active = deals.loc[in_view & ((deals["status"] == "Open").to_numpy() | in_period)]

    is_open = in_view & (deals["status"] == "Open").to_numpy()
    flagged = np.zeros(len(deals), bool) if stuck is None else stuck.astype(bool)

    won_by = _split_by_rep(won, reps)
    active_by = _split_by_rep(active, reps)
    commissions_by = _split_by_rep(deal_commissions(won, team, settings.curve), reps)
    open_by = _split_by_rep(deals.loc[is_open], reps)
    stuck_by = _split_by_rep(deals.loc[in_view & flagged], reps)
    status = quota_status(audit, team, reps, period)

    scopes: list[str | None] = [*reps, None]
    rows = [
        _figures(rep, won_by[rep], active_by[rep], commissions_by[rep], status[rep])
        for rep in scopes
    ]
    scorecard = pd.DataFrame(rows, columns=list(SCORECARD_COLUMNS[:-1]))
    scorecard["notes"] = [
        coaching_notes(
            RepDeals(rep, won_by[rep], stuck_by[rep], open_by[rep]),
            audit.stages,
            diagnoses,
            settings.language,
        )
        for rep in scopes
    ]
    return scorecard


def _split_by_rep(
    deals: pd.DataFrame, reps: Sequence[str]
) -> dict[str | None, pd.DataFrame]:
    """Return each rep's rows of ``deals``, and all of them under None."""
    groups = dict(list(deals.groupby("rep")))
    parts: dict[str | None, pd.DataFrame] = {
        rep: groups.get(rep, deals.iloc[:0]) for rep in reps
    }
    parts[None] = deals
    return parts


def _figures(
    rep: str | None,
    won: pd.DataFrame,
    active: pd.DataFrame,
    commissions: pd.DataFrame,
    status: QuotaStatus,
) -> tuple[object, ...]:
    won_amount = float(won["amount_rc"].sum())
    quota = status.quota
    pipeline = status.open_pipeline
    remaining = status.remaining
    # No win pays 0; a win without a known rate leaves the sum blank.
    by_result = commissions["by_result"].sum(min_count=len(commissions))
    by_process = commissions["by_process"].sum(min_count=len(commissions))
    return (
        rep,
        won_amount,
        quota,
        won_amount / quota if quota > 0 else float("nan"),
        weighted_score(active),
        _luck_share(won),
        pipeline,
        pipeline / remaining if remaining > 0 else float("nan"),
        by_result,
        by_process,
        by_process - by_result,
    )


def weighted_score(deals: pd.DataFrame) -> float:
    """Return the amount-weighted mean process score of ``deals``.

    Deals without a score are left out; when no deal has an amount, the
    plain mean of the scores is returned.
    """
    scored = deals[deals["score"].notna()]
    amount = scored["amount_rc"].fillna(0.0).clip(lower=0.0)
    if amount.sum() > 0:
        return float((scored["score"] * amount).sum() / amount.sum())
    return float(scored["score"].mean()) if len(scored) else float("nan")


def _luck_share(won: pd.DataFrame) -> float:
    total = won["amount_rc"].sum()
    if not total > 0:
        return float("nan")
    return float(won.loc[won["won_class"] == "luck", "amount_rc"].sum() / total)


@dataclass(frozen=True)
class RepDeals:
    """The deals of one rep (or of the team, ``rep`` None) that notes name."""

    rep: str | None
    won: pd.DataFrame
    """Deals won in the period."""
    stuck: pd.DataFrame
    """Open deals stuck past their stage's Max days."""
    open: pd.DataFrame


def coaching_notes(
    deals: RepDeals,
    stages: Sequence[str],
    diagnoses: Sequence[Diagnosis],
    language: str = "en",
) -> list[str]:
    """Write what a rep should do next, at most :data:`MAX_COACHING_NOTES`.

    Luck wins of the period come first (largest first), then the rep's
    stuck deals, then the rep's shape diagnoses, stage problems before
    volume problems. The team (``rep`` None) gets the team's diagnoses only.
    """
    notes: list[str] = []
    if deals.rep is not None:
        notes += _luck_notes(deals.won, language)
        if not deals.stuck.empty:
            named = name_deals(deals.stuck, language)
            notes.append(text("coach.stuck", language, deals=named))
    own = [d for d in diagnoses if d.rep == deals.rep and d.kind in _NOTE_ORDER]
    for diagnosis in sorted(own, key=lambda d: _NOTE_ORDER.index(d.kind)):
        notes.append(_diagnosis_note(diagnosis, deals.open, stages, language))
    return notes[:MAX_COACHING_NOTES]


# Stage problems a rep can act on this week come before volume problems.
_NOTE_ORDER = (
    "leaky_stage",
    "jammed_stage",
    "thin_stage",
    "low_coverage",
    "top_too_small",
)


def _luck_notes(won: pd.DataFrame, language: str) -> list[str]:
    luck = won[won["won_class"] == "luck"].nlargest(MAX_COACHING_NOTES, "amount_rc")
    notes = []
    for deal in luck.itertuples():
        fields = {"deal": deal.deal_id, "amount": float(np.nan_to_num(deal.amount_rc))}
        if deal.skipped_stages:
            stages = ", ".join(deal.skipped_stages)
            notes.append(text("coach.luck", language, stages=stages, **fields))
        else:
            score = float(np.nan_to_num(deal.score))
            notes.append(text("coach.luck_score", language, score=score, **fields))
    return notes


def _diagnosis_note(
    diagnosis: Diagnosis,
    open_deals: pd.DataFrame,
    stages: Sequence[str],
    language: str,
) -> str:
    fields = dict(diagnosis.figures)
    if diagnosis.kind != "jammed_stage":
        return text(
            f"coach.{diagnosis.kind}", language, stage=diagnosis.stage, **fields
        )

    stage_index = list(stages).index(str(diagnosis.stage))
    sitting = open_deals[open_deals["earned_index"] == stage_index]
    fields.pop("deals", None)
    if sitting.empty:
        key = "coach.jammed_stage.none_open"
        return text(key, language, stage=diagnosis.stage, **fields)
    named = name_deals(sitting, language)
    return text(
        "coach.jammed_stage", language, stage=diagnosis.stage, deals=named, **fields
    )


def name_deals(deals: pd.DataFrame, language: str = "en") -> str:
    """Return the Deal IDs of ``deals``, largest amount first, a few by name."""
    ordered = deals.sort_values("amount_rc", ascending=False, na_position="last")
    ids = [str(deal_id) for deal_id in ordered["deal_id"]]
    named = ", ".join(ids[:MAX_NAMED_DEALS])
    if len(ids) <= MAX_NAMED_DEALS:
        return named
    extra = len(ids) - MAX_NAMED_DEALS
    return text("coach.more_deals", language, deals=named, count=extra)


@dataclass(frozen=True)
class ProcessReview:
    """Every process result of one refresh: audit, funnel, diagnoses, scorecard."""

    audit: ProcessAudit
    reps: list[str]
    period: Period
    funnel: pd.DataFrame
    diagnoses: list[Diagnosis]
    scorecard: pd.DataFrame


def review_process(
    book: TeamBook,
    as_of: dt.date,
    first_seen: pd.Series | None = None,
    stuck: np.ndarray | None = None,
    limits: ShapeLimits | None = None,
) -> ProcessReview:
    """Run the process engine on ``book``: scores, funnel, diagnoses, scorecard.

    Args:
        book: The parsed team workbook.
        as_of: The as-of date.
        first_seen: First-seen date of each Evidence row, aligned with
            ``book.evidence`` (see :func:`addin.engine.score.audit_process`).
        stuck: The stage audit's stuck flag per deal row, for coaching.
        limits: Thresholds of the shape diagnoses; None takes the defaults.
    """
    audit = audit_process(book, as_of, first_seen)
    reps = reps_in_order(book.team, book.deals)
    period = scorecard_period(audit, book.settings)
    funnel = build_funnel(audit, reps)
    diagnoses = diagnose_shape(
        audit,
        funnel,
        book.team,
        reps,
        period,
        limits or ShapeLimits(),
        book.settings.language,
    )
    scorecard = build_scorecard(audit, book.team, book.settings, reps, diagnoses, stuck)
    return ProcessReview(audit, reps, period, funnel, diagnoses, scorecard)
