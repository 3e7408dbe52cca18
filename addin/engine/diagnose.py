"""Shape diagnoses: what is wrong with the funnel of the team or of a rep.

Each diagnosis states the figures behind it:

- *top too small*: fewer deals created in the previous period than the
  quota needs (quota / average won amount / win rate from the first stage);
- *thin stage*: a rep's share of open deals in a stage is far below the
  team's share;
- *leaky stage*: a rep's conversion from a stage to the next is well below
  the team's;
- *jammed stage*: the median days in a stage are above the stage's Max
  days, or (for a rep) well above the team's median;
- *low coverage*: the open pipeline is below the remaining quota of the
  period divided by the win rate from the first stage.

A call needs enough deals to mean something. When the figures point to a
problem but the sample is below the minimum of :class:`ShapeLimits`, the
result is a *too few deals* note instead. The note tells the manager that
the figure exists but cannot be trusted yet.

Win rates and average won amounts are the rep's own when the rep has at
least ``min_closed_for_rate`` closed deals, and the team's otherwise.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from addin.engine.periods import Period
from addin.engine.score import ProcessAudit
from addin.locale import text

MIN_LEFT_FOR_CONVERSION = 10
"""Deals that reached a stage and left it, needed to call it leaky."""
MIN_DAYS_FOR_MEDIAN = 5
"""Deals with days in a stage, needed to call it jammed."""
MIN_OPEN_FOR_SHARE = 5
"""Open deals of a rep, needed to call one of the rep's stages thin."""
MIN_CLOSED_FOR_RATE = 10
"""Closed deals needed for a win rate (top too small, low coverage)."""
LEAKY_GAP = 0.15
"""Conversion this far (in points) below the team's is a leaky stage."""
THIN_RATIO = 0.5
"""A share of open deals below this fraction of the team's is thin."""
JAMMED_RATIO = 1.5
"""Median days above this multiple of the team's median is jammed."""

DiagnosisKind = Literal[
    "top_too_small",
    "thin_stage",
    "leaky_stage",
    "jammed_stage",
    "low_coverage",
    "too_few_deals",
]


@dataclass(frozen=True)
class ShapeLimits:
    """Thresholds of the shape diagnoses; the defaults are the module constants."""

    min_left_for_conversion: int = MIN_LEFT_FOR_CONVERSION
    min_days_for_median: int = MIN_DAYS_FOR_MEDIAN
    min_open_for_share: int = MIN_OPEN_FOR_SHARE
    min_closed_for_rate: int = MIN_CLOSED_FOR_RATE
    leaky_gap: float = LEAKY_GAP
    thin_ratio: float = THIN_RATIO
    jammed_ratio: float = JAMMED_RATIO


@dataclass(frozen=True)
class Diagnosis:
    """One finding about the shape of a funnel, with the figures behind it."""

    kind: DiagnosisKind
    rep: str | None
    """The rep concerned; None when the finding is about the whole team."""
    stage: str | None
    """The stage concerned; None for top too small and low coverage."""
    figures: dict[str, float] = field(default_factory=dict)
    sentence: str = ""
    check: DiagnosisKind | None = None
    """For a too-few-deals note, the diagnosis it could not make."""

    @property
    def scope(self) -> Literal["team", "rep"]:
        return "team" if self.rep is None else "rep"


@dataclass(frozen=True)
class ScopeRates:
    """Win rate and average won amount of the team or of one rep."""

    closed: int
    win_rate: float
    """Share of closed deals that reached the first stage and were won."""
    average_won: float
    own: bool
    """Whether the figures are the scope's own (False: the team's, borrowed)."""


def scope_rates(
    audit: ProcessAudit, reps: Sequence[str], min_closed: int = MIN_CLOSED_FOR_RATE
) -> dict[str | None, ScopeRates]:
    """Return the win rate from the first stage and average won amount.

    Keys are None for the team and each rep name. A rep with fewer than
    ``min_closed`` closed deals gets the team's figures.
    """
    deals = audit.deals.loc[audit.deals["in_view"].to_numpy(dtype=bool)]
    won = deals["status"] == "Won"
    reached_first = won | (deals["earned_index"] >= 0)
    closed = deals.loc[deals["status"].isin(["Won", "Lost"]) & reached_first]

    team = _rates(closed, own=True)
    rates: dict[str | None, ScopeRates] = {None: team}
    by_rep = dict(list(closed.groupby("rep")))
    for rep in reps:
        own = _rates(by_rep.get(rep, closed.iloc[:0]), own=True)
        rates[rep] = own if own.closed >= min_closed else _borrowed(team, own.closed)
    return rates


def _rates(closed: pd.DataFrame, own: bool) -> ScopeRates:
    won = closed.loc[closed["status"] == "Won", "amount_rc"]
    win_rate = len(won) / len(closed) if len(closed) else math.nan
    average = float(won.mean()) if len(won) else math.nan
    return ScopeRates(len(closed), win_rate, average, own)


def _borrowed(team: ScopeRates, closed: int) -> ScopeRates:
    return ScopeRates(closed, team.win_rate, team.average_won, own=False)


@dataclass(frozen=True)
class QuotaStatus:
    """Quota, won amount, pipeline and new deals of one scope in a period."""

    quota: float
    won: float
    open_pipeline: float
    created_last_period: int

    @property
    def remaining(self) -> float:
        """Return the quota still to win, never below zero."""
        return max(0.0, self.quota - self.won)


def quota_status(
    audit: ProcessAudit, team: pd.DataFrame, reps: Sequence[str], period: Period
) -> dict[str | None, QuotaStatus]:
    """Return quota, won amount, open pipeline and new deals per scope.

    The quota of a period is the monthly quota times the months in it; the
    team's is the sum over ``reps``. Won amounts count deals closed from the
    start of ``period`` up to the as-of date. New deals are those created in
    the period before ``period``.
    """
    deals = audit.deals.loc[audit.deals["in_view"].to_numpy(dtype=bool)]
    closed_on = pd.to_datetime(deals["closed_on"])
    created = pd.to_datetime(deals["created"])
    previous = period.previous()
    won_now = (deals["status"] == "Won") & closed_on.between(
        pd.Timestamp(period.start), pd.Timestamp(audit.as_of)
    )
    is_new = created.between(pd.Timestamp(previous.start), pd.Timestamp(previous.end))
    per_rep = (
        pd.DataFrame(
            {
                "won": deals["amount_rc"].where(won_now, 0.0),
                "open": deals["amount_rc"].where(deals["status"] == "Open", 0.0),
                "new": is_new.astype(int),
                "rep": deals["rep"],
            }
        )
        .groupby("rep")[["won", "open", "new"]]
        .sum()
    )
    monthly = team.drop_duplicates("rep").set_index("rep")["monthly_quota"]
    quotas = pd.to_numeric(monthly, errors="coerce") * period.months

    status: dict[str | None, QuotaStatus] = {}
    for rep in reps:
        figures = per_rep.loc[rep] if rep in per_rep.index else None
        status[rep] = QuotaStatus(
            quota=float(quotas.get(rep, math.nan)),
            won=float(figures["won"]) if figures is not None else 0.0,
            open_pipeline=float(figures["open"]) if figures is not None else 0.0,
            created_last_period=int(figures["new"]) if figures is not None else 0,
        )
    status[None] = QuotaStatus(
        quota=float(np.nansum([status[rep].quota for rep in reps])),
        won=float(per_rep["won"].sum()),
        open_pipeline=float(per_rep["open"].sum()),
        created_last_period=int(per_rep["new"].sum()),
    )
    return status


def diagnose_shape(
    audit: ProcessAudit,
    funnel: pd.DataFrame,
    team: pd.DataFrame,
    reps: Sequence[str],
    period: Period,
    limits: ShapeLimits = ShapeLimits(),
    language: str = "en",
) -> list[Diagnosis]:
    """Diagnose the shape of the team's funnel and of each rep's.

    Args:
        audit: The process audit of every deal.
        funnel: :func:`addin.engine.funnel.build_funnel`'s result for
            ``audit`` and ``reps``.
        team: The Team table (monthly quotas).
        reps: The reps to diagnose, as in ``funnel``.
        period: The period containing the as-of date. New deals are
            counted in the period before it.
        limits: Minimum samples and thresholds.
        language: Language of the sentences.

    Returns:
        The team's diagnoses first, then each rep's, in the order top too
        small, thin, leaky, jammed, low coverage.
    """
    rates = scope_rates(audit, reps, limits.min_closed_for_rate)
    status = quota_status(audit, team, reps, period)
    writer = _Writer(language)
    found: list[Diagnosis] = []
    if rates[None].closed < limits.min_closed_for_rate:
        found.append(
            writer.too_few(
                None,
                None,
                "top_too_small",
                rates[None].closed,
                limits.min_closed_for_rate,
            )
        )

    for rep in [None, *reps]:
        rows = (
            funnel[funnel["rep"].isna()]
            if rep is None
            else funnel[funnel["rep"] == rep]
        )
        enough_closed = rates[None].closed >= limits.min_closed_for_rate
        if enough_closed:
            found += _top_too_small(rep, status[rep], rates[rep], period, writer)
        if rep is not None:
            found += _thin_stages(rep, rows, limits, writer)
            found += _leaky_stages(rep, rows, limits, writer)
        found += _jammed_stages(rep, rows, limits, writer)
        if enough_closed:
            found += _low_coverage(rep, status[rep], rates[rep], writer)
    return found


class _Writer:
    """Builds diagnoses with their sentence in one language."""

    def __init__(self, language: str) -> None:
        self.language = language

    def scope(self, rep: str | None) -> str:
        return text("diagnose.team", self.language) if rep is None else rep

    def diagnosis(
        self,
        kind: DiagnosisKind,
        rep: str | None,
        stage: str | None,
        figures: dict[str, float],
        key: str | None = None,
        **words: str,
    ) -> Diagnosis:
        sentence = text(
            key or f"diagnose.{kind}",
            self.language,
            scope=self.scope(rep),
            stage=stage or "",
            **figures,
            **words,
        )
        return Diagnosis(kind, rep, stage, figures, sentence)

    def too_few(
        self,
        rep: str | None,
        stage: str | None,
        check: DiagnosisKind,
        count: int,
        needed: int,
    ) -> Diagnosis:
        figures = {"count": float(count), "needed": float(needed)}
        key = "diagnose.too_few_deals" if stage else "diagnose.too_few_closed"
        sentence = text(
            key,
            self.language,
            scope=self.scope(rep),
            stage=stage or "",
            check=text(f"diagnose.check.{check}", self.language),
            count=count,
            needed=needed,
        )
        return Diagnosis("too_few_deals", rep, stage, figures, sentence, check)


def _top_too_small(
    rep: str | None,
    status: QuotaStatus,
    rates: ScopeRates,
    period: Period,
    writer: _Writer,
) -> list[Diagnosis]:
    if not (status.quota > 0 and rates.win_rate > 0 and rates.average_won > 0):
        return []
    needed = status.quota / rates.average_won / rates.win_rate
    if status.created_last_period >= needed:
        return []
    figures = {
        "created": float(status.created_last_period),
        "needed": needed,
        "quota": status.quota,
        "average_won": rates.average_won,
        "win_rate": rates.win_rate,
    }
    label = period.previous().label
    return [writer.diagnosis("top_too_small", rep, None, figures, period=label)]


def _thin_stages(
    rep: str, rows: pd.DataFrame, limits: ShapeLimits, writer: _Writer
) -> list[Diagnosis]:
    open_deals = int(rows["open_deals"].sum())
    if open_deals == 0:
        return []
    thin = rows[
        (rows["team_open_share"] > 0)
        & (rows["open_share"].fillna(0) < limits.thin_ratio * rows["team_open_share"])
    ]
    if thin.empty:
        return []
    if open_deals < limits.min_open_for_share:
        stages = "; ".join(thin["stage"])
        return [
            writer.too_few(
                rep, stages, "thin_stage", open_deals, limits.min_open_for_share
            )
        ]
    return [
        writer.diagnosis(
            "thin_stage",
            rep,
            row.stage,
            {
                "share": float(np.nan_to_num(row.open_share)),
                "team_share": float(row.team_open_share),
            },
        )
        for row in thin.itertuples()
    ]


def _leaky_stages(
    rep: str, rows: pd.DataFrame, limits: ShapeLimits, writer: _Writer
) -> list[Diagnosis]:
    leaky = rows[rows["conversion"] <= rows["team_conversion"] - limits.leaky_gap]
    found = []
    for row in leaky.itertuples():
        if row.left < limits.min_left_for_conversion:
            found.append(
                writer.too_few(
                    rep,
                    str(row.stage),
                    "leaky_stage",
                    int(row.left),
                    limits.min_left_for_conversion,
                )
            )
            continue
        figures = {
            "conversion": float(row.conversion),
            "team_conversion": float(row.team_conversion),
            "left": float(row.left),
        }
        found.append(writer.diagnosis("leaky_stage", rep, str(row.stage), figures))
    return found


def _jammed_stages(
    rep: str | None, rows: pd.DataFrame, limits: ShapeLimits, writer: _Writer
) -> list[Diagnosis]:
    over_max = rows["median_days"] > rows["max_days"]
    over_team = rows["median_days"] > limits.jammed_ratio * rows["team_median_days"]
    jammed = rows[over_max | (over_team & (rep is not None))]
    found = []
    for row in jammed.itertuples():
        if row.days_count < limits.min_days_for_median:
            found.append(
                writer.too_few(
                    rep,
                    str(row.stage),
                    "jammed_stage",
                    int(row.days_count),
                    limits.min_days_for_median,
                )
            )
            continue
        figures = {
            "days": float(row.median_days),
            "max_days": float(row.max_days),
            "team_days": float(row.team_median_days),
            "deals": float(row.days_count),
        }
        key = "diagnose.jammed_stage.max"
        if not row.median_days > row.max_days:
            key = "diagnose.jammed_stage.team"
        found.append(
            writer.diagnosis("jammed_stage", rep, str(row.stage), figures, key)
        )
    return found


def _low_coverage(
    rep: str | None, status: QuotaStatus, rates: ScopeRates, writer: _Writer
) -> list[Diagnosis]:
    if not (status.remaining > 0 and rates.win_rate > 0):
        return []
    needed = status.remaining / rates.win_rate
    if status.open_pipeline >= needed:
        return []
    figures = {
        "pipeline": status.open_pipeline,
        "needed": needed,
        "remaining": status.remaining,
        "win_rate": rates.win_rate,
    }
    return [writer.diagnosis("low_coverage", rep, None, figures)]
