"""Process score, skipped stages and won-deal class of every deal.

A deal's process score is the weight of the criteria its customer met,
divided by the weight of every criterion of the stages up to its target
stage, times 100. The target is the last stage for a Won deal, the declared
stage for an Open deal and the furthest stage with evidence for a Lost deal.
An Open deal whose declared stage is blank or unknown is scored like a Lost
one, up to its furthest stage with evidence.

Evidence that is not trustworthy counts for less. The credits below are the
one place where these numbers are defined; the sheets and the README quote
them:

- An Evidence row first seen by salesflow more than ``backfill_days`` after
  its Date was back-filled (typically typed at closing time) and earns
  :data:`BACKFILL_CREDIT` of its criterion's weight.
- An Evidence row dated before an earlier stage was complete (the customer
  acted out of stage order, or the rep logged a later action first) earns
  :data:`OUT_OF_ORDER_CREDIT` of the weight. A stage is complete on the day
  its last required criterion was first met.
- A row that is both earns the product of the two credits. When a criterion
  has several rows, the best-credited row counts.

Everything is computed on deal x stage matrices with numpy and pandas
group-bys, so a table of 100,000 deals takes no per-deal Python loop.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from addin.engine.stages import (
    NO_STAGE,
    DealEvidence,
    _day,
    _days,
    build_ladder,
    collect_evidence,
    earned_indexes,
    skipped_indexes,
    stage_entry_days,
    stage_indexes,
)
from addin.model import TeamBook

BACKFILL_CREDIT = 0.5
"""Share of a criterion's weight earned by back-filled evidence."""
OUT_OF_ORDER_CREDIT = 0.75
"""Share of a criterion's weight earned by evidence out of stage order."""
PROCESS_WIN_SCORE = 75.0
"""Lowest process score of a *Process win* (with no required stage skipped)."""


WonClass = Literal["process_win", "won_with_gaps", "luck"]
WON_CLASSES: tuple[WonClass, ...] = ("process_win", "won_with_gaps", "luck")


@dataclass(frozen=True)
class ProcessAudit:
    """The process view of every deal as of one date.

    ``deals`` has one row per row of the Deals table, in the same order.
    Its columns:

    - ``deal_id``, ``rep``, ``amount_rc``, ``created``, ``closed_on``;
    - ``status`` as of ``as_of``, so a deal closed after it reads Open;
    - ``in_view``, False for a deal created after ``as_of``;
    - ``declared_index``, ``earned_index``, ``furthest_index`` and
      ``target_index``: 0-based stage positions, -1 for none;
    - ``score``: 0-100, NaN when the deal has no target stage;
    - ``skipped_stages`` (list of stage names) and ``skipped_count``;
    - ``won_class``: one of :data:`WON_CLASSES`, missing unless Won.
    """

    deals: pd.DataFrame
    stages: tuple[str, ...]
    max_days: np.ndarray
    """Max days of each stage, NaN where the Process table leaves it blank."""
    stage_entry: np.ndarray
    """Deals x stages: day (since 1970-01-01) each deal reached each stage,
    NaN if never. A deal reaches a stage on the first evidence of that stage
    or of any later one."""
    evidenced: np.ndarray
    """Deals x stages: whether the stage has evidence of its own."""
    as_of: dt.date

    @property
    def as_of_day(self) -> float:
        """Return the as-of date in the day numbers of ``stage_entry``."""
        return _day(self.as_of)


def audit_process(
    book: TeamBook, as_of: dt.date, first_seen: pd.Series | None = None
) -> ProcessAudit:
    """Score every deal, list its skipped stages and class its win.

    Earned stages and skipped stages are those of
    :mod:`addin.engine.stages`, read with each deal's status as of
    ``as_of``.

    Args:
        book: The parsed team workbook.
        as_of: Evidence dated after it is ignored, and a deal closed after
            it is read as Open.
        first_seen: Date salesflow first saw each Evidence row, aligned with
            ``book.evidence``. A row with NaT, or every row when the series
            is None, has an unknown first-seen date and is never taken for
            back-filled.
    """
    ladder = build_ladder(book)
    deal_evidence = collect_evidence(book, as_of, ladder)
    deals = _deals_as_of(book, as_of)

    deals["earned_index"] = earned_indexes(deal_evidence)
    deals["furthest_index"] = _furthest_indexes(deal_evidence.evidenced())
    deals["target_index"] = _target_indexes(deals, len(ladder.stages))
    credit = _criterion_credit(book, deal_evidence, as_of, first_seen)
    deals["score"] = _scores(deal_evidence, credit, deals["target_index"].to_numpy())

    won = deals["status"].eq("Won").to_numpy()
    skipped = skipped_indexes(deal_evidence, won)
    deals["skipped_stages"] = [[ladder.stages[i] for i in row] for row in skipped]
    deals["skipped_count"] = np.fromiter(map(len, skipped), int, len(skipped))
    deals["won_class"] = won_classes(deals, book.settings.luck_threshold)
    return ProcessAudit(
        deals=deals,
        stages=tuple(ladder.stages),
        max_days=ladder.max_days,
        stage_entry=stage_entry_days(deal_evidence),
        evidenced=deal_evidence.evidenced(),
        as_of=as_of,
    )


def _deals_as_of(book: TeamBook, as_of: dt.date) -> pd.DataFrame:
    deals = book.deals
    as_of_stamp = pd.Timestamp(as_of)
    created = pd.to_datetime(deals["created"], errors="coerce")
    closed_on = pd.to_datetime(deals["closed_on"], errors="coerce")
    closed_later = deals["status"].isin(["Won", "Lost"]) & (closed_on > as_of_stamp)
    return pd.DataFrame(
        {
            "deal_id": deals["deal_id"].to_numpy(),
            "rep": deals["rep"].to_numpy(),
            "status": deals["status"].mask(closed_later, "Open").to_numpy(),
            "in_view": (created.isna() | (created <= as_of_stamp)).to_numpy(),
            "amount_rc": pd.to_numeric(deals["amount_rc"], errors="coerce").to_numpy(
                dtype=float
            ),
            "created": created.to_numpy(),
            "closed_on": closed_on.mask(closed_later).to_numpy(),
            "declared_index": stage_indexes(book, deals["stage"]),
        }
    )


def _furthest_indexes(evidenced: np.ndarray) -> np.ndarray:
    """Return the furthest stage with any evidence per deal, -1 for none."""
    if evidenced.shape[1] == 0:
        return np.full(len(evidenced), NO_STAGE)
    last = evidenced.shape[1] - 1 - np.argmax(evidenced[:, ::-1], axis=1)
    return np.where(evidenced.any(axis=1), last, NO_STAGE)


def _target_indexes(deals: pd.DataFrame, stage_count: int) -> np.ndarray:
    status = deals["status"].to_numpy()
    declared = deals["declared_index"].to_numpy()
    furthest = deals["furthest_index"].to_numpy()
    return np.select(
        [status == "Won", (status == "Lost") | (declared < 0)],
        [np.full(len(deals), stage_count - 1), furthest],
        declared,
    )


def _criterion_credit(
    book: TeamBook,
    deal_evidence: DealEvidence,
    as_of: dt.date,
    first_seen: pd.Series | None,
) -> np.ndarray:
    """Return deals x criteria: the credit of the best Evidence row, 0 if none.

    A row earns 1, times :data:`BACKFILL_CREDIT` when back-filled, times
    :data:`OUT_OF_ORDER_CREDIT` when dated before an earlier stage was
    complete.
    """
    ladder = deal_evidence.ladder
    evidence = book.evidence
    codes, unique_ids = pd.factorize(book.deals["deal_id"].astype("string"))
    deal_code = pd.Index(unique_ids).get_indexer(evidence["deal_id"].astype("string"))
    criterion = pd.Index(ladder.criteria).get_indexer(evidence["criterion"])
    day = _days(evidence["date"])
    keep = (deal_code >= 0) & (criterion >= 0) & (day <= _day(as_of))

    credit = np.ones(len(evidence))
    if first_seen is not None:
        seen_day = _days(pd.Series(first_seen.to_numpy()))
        credit[seen_day - day > book.settings.backfill_days] *= BACKFILL_CREDIT
    first_row = np.zeros(len(unique_ids), dtype=int)
    first_row[codes[::-1]] = np.arange(len(codes))[::-1]
    deal_code, criterion, day, credit = (
        deal_code[keep],
        criterion[keep],
        day[keep],
        credit[keep],
    )
    before = _earlier_completion(deal_evidence)[
        first_row[deal_code], ladder.criterion_stage[criterion]
    ]
    credit[day < before] *= OUT_OF_ORDER_CREDIT

    width = len(ladder.criteria)
    best = pd.Series(credit).groupby(deal_code * width + criterion).max()
    by_unique = np.zeros((len(unique_ids), width))
    cells = best.index.to_numpy()
    by_unique[cells // width, cells % width] = best.to_numpy()
    by_row = np.zeros((len(codes), width))
    by_row[codes >= 0] = by_unique[codes[codes >= 0]]
    return by_row


def _earlier_completion(deal_evidence: DealEvidence) -> np.ndarray:
    """Return deals x stages: the last day any earlier stage became complete.

    A stage with required criteria is complete on the first-evidence day of
    its last required criterion, and never while one is missing. A stage
    without required criteria counts from its first evidence.
    """
    ladder = deal_evidence.ladder
    completed_on = deal_evidence.stage_first_day()
    for stage in range(len(ladder.stages)):
        gate = ladder.required & (ladder.criterion_stage == stage)
        if gate.any():
            # np.max propagates NaN, so a missing required criterion leaves NaN.
            completed_on[:, stage] = deal_evidence.first_day[:, gate].max(axis=1)
    latest = np.fmax.accumulate(completed_on, axis=1)
    before = np.full_like(latest, np.nan)
    before[:, 1:] = latest[:, :-1]
    return before


def _scores(
    deal_evidence: DealEvidence, credit: np.ndarray, target: np.ndarray
) -> np.ndarray:
    ladder = deal_evidence.ladder
    counted = ladder.criterion_stage[None, :] <= target[:, None]
    earned_weight = (credit * counted) @ ladder.weight

    stage_weight = np.bincount(
        ladder.criterion_stage, weights=ladder.weight, minlength=len(ladder.stages)
    )
    weight_up_to = np.cumsum(stage_weight)
    total_weight = np.full(len(target), np.nan)
    has_target = target >= 0
    total_weight[has_target] = weight_up_to[target[has_target]]
    total_weight[total_weight == 0] = np.nan
    return 100.0 * earned_weight / total_weight


def won_classes(deals: pd.DataFrame, luck_threshold: float) -> np.ndarray:
    """Class each Won deal as a process win, a win with gaps, or luck.

    Luck: a required stage was skipped or the score is below
    ``luck_threshold``. Process win: nothing skipped and a score of at least
    :data:`PROCESS_WIN_SCORE`. Won with gaps: the rest. A Won deal without a
    score (a ladder with no criteria) is Luck. Deals not Won get None.
    """
    score = deals["score"].to_numpy(dtype=float)
    skipped = deals["skipped_count"].to_numpy() > 0
    luck = skipped | ~(score >= luck_threshold)
    process_win = ~skipped & (score >= PROCESS_WIN_SCORE)
    won_class = np.select(
        [luck, process_win], ["luck", "process_win"], "won_with_gaps"
    ).astype(object)
    won_class[deals["status"].to_numpy() != "Won"] = None
    return won_class
