"""Earned stages: how far each deal has come by what its customer has done.

A deal's declared Stage is the rep's claim; its earned stage is what the
Evidence log proves. Stage k is earned when every required criterion of
every stage up to k has at least one Evidence row dated on or before the
as-of date. A deal with no evidence has earned no stage (index -1).

A stage with no required criteria has nothing to prove by itself, so it is
earned once the stage before it is earned and some evidence exists for it or
for a later stage: the customer has visibly moved past it.

A deal reaches a stage on the first evidence of that stage or of a later
one. Its days in stage count from the day it reached its earned stage to the
as-of date (open deals) or to Closed on (Won and Lost deals).

NOTE: an open deal's days in stage run to the as-of date even when the next
stage already has some evidence. Stopping at that evidence, as the per-stage
definition of days in stage would, could hide a deal that started the next
stage and then stalled, so such a deal can still be stuck.

A stage is skipped when none of its required criteria has evidence; a stage
with only some of them evidenced is incomplete, not skipped.

Everything here works on whole columns. Evidence is reduced once to a
matrix of first evidence dates, one row per deal row and one column per
criterion, and every figure is read from that matrix. Dates are handled as
float days since 1970-01-01, with NaN for "no evidence", so that minimums
and differences need no special case for missing dates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from addin.locale import text
from addin.model import TeamBook

NO_STAGE = -1
"""Earned index of a deal that has earned no stage."""

_CLOSED = ("Won", "Lost")


@dataclass(frozen=True)
class Ladder:
    """The stage ladder as arrays: stages in order and their criteria.

    Criteria are ordered as the ladder: by stage, then as listed in the
    Criteria table. A criterion of an unknown stage is left out, and so is
    the second row of a criterion typed twice.
    """

    stages: list[str]
    playbooks: list[str]
    max_days: np.ndarray
    """Max days of each stage, NaN where the Process table leaves it blank."""
    criteria: list[str]
    actions: list[str]
    """Customer action of each criterion, its id where the action is blank."""
    criterion_stage: np.ndarray
    """Stage index of each criterion."""
    required: np.ndarray
    """Whether each criterion is required."""
    weight: np.ndarray

    @property
    def required_count(self) -> np.ndarray:
        """Return the number of required criteria of each stage."""
        return np.bincount(
            self.criterion_stage[self.required], minlength=len(self.stages)
        )


@dataclass(frozen=True)
class DealEvidence:
    """First evidence date of each criterion, for each row of the deals table."""

    ladder: Ladder
    first_day: np.ndarray
    """(deals, criteria) float days since 1970-01-01; NaN where none is logged."""

    @property
    def met(self) -> np.ndarray:
        """Return (deals, criteria) booleans: the criterion has evidence."""
        return ~np.isnan(self.first_day)

    def required_met(self) -> np.ndarray:
        """Return (deals, stages) counts of required criteria met."""
        return self._by_stage(self.met & self.ladder.required)

    def evidenced(self) -> np.ndarray:
        """Return (deals, stages) booleans: some criterion of the stage is met."""
        return self._by_stage(self.met) > 0

    def stage_first_day(self) -> np.ndarray:
        """Return (deals, stages) first evidence day of any criterion per stage."""
        first = np.full((len(self.first_day), len(self.ladder.stages)), np.nan)
        for stage in range(len(self.ladder.stages)):
            columns = self.ladder.criterion_stage == stage
            if columns.any():
                first[:, stage] = _nanmin(self.first_day[:, columns], axis=1)
        return first

    def _by_stage(self, flags: np.ndarray) -> np.ndarray:
        one_hot = self.ladder.criterion_stage[:, None] == np.arange(
            len(self.ladder.stages)
        )
        return flags.astype(np.int64) @ one_hot.astype(np.int64)


def build_ladder(book: TeamBook) -> Ladder:
    """Turn the Process and Criteria tables into a :class:`Ladder`."""
    process = book.process
    stages = [str(stage) for stage in process["stage"]]
    position = {stage: index for index, stage in enumerate(stages)}

    criteria = book.criteria.assign(
        stage_index=book.criteria["stage"].map(position),
        order=np.arange(len(book.criteria)),
    )
    criteria = criteria[criteria["stage_index"].notna() & criteria["criterion"].notna()]
    criteria = criteria.drop_duplicates("criterion")
    criteria = criteria.sort_values(["stage_index", "order"], kind="stable")

    action = criteria["customer_action"].where(
        _has_text(criteria["customer_action"]), criteria["criterion"]
    )
    return Ladder(
        stages=stages,
        playbooks=[_text_or_empty(value) for value in process["playbook"]],
        max_days=pd.to_numeric(process["max_days"], errors="coerce").to_numpy(float),
        criteria=[str(value) for value in criteria["criterion"]],
        actions=[str(value).strip() for value in action],
        criterion_stage=criteria["stage_index"].to_numpy(np.int64),
        required=criteria["required"].fillna(True).astype(bool).to_numpy(),
        weight=pd.to_numeric(criteria["weight"], errors="coerce")
        .fillna(1.0)
        .to_numpy(float),
    )


def collect_evidence(
    book: TeamBook, as_of: dt.date, ladder: Ladder | None = None
) -> DealEvidence:
    """Reduce the Evidence table to the first date of each deal's criteria.

    Only rows dated on or before ``as_of`` count; rows with no date, an
    unknown deal or an unknown criterion are left out. A Deal ID typed on
    two deal rows gives both rows the same evidence.
    """
    ladder = ladder or build_ladder(book)
    evidence = book.evidence
    rows, deal_code, unique_count = _deal_codes(
        book.deals["deal_id"], evidence["deal_id"]
    )
    day = _days(evidence["date"])
    criterion_code = pd.Index(ladder.criteria).get_indexer(evidence["criterion"])
    keep = (day <= _day(as_of)) & (deal_code >= 0) & (criterion_code >= 0)

    width = len(ladder.criteria)
    first = (
        pd.Series(day[keep])
        .groupby(deal_code[keep] * width + criterion_code[keep])
        .min()
    )
    by_unique = np.full((unique_count, width), np.nan)
    cells = first.index.to_numpy()
    by_unique[cells // width, cells % width] = first.to_numpy()

    first_day = np.full((len(rows), width), np.nan)
    first_day[rows >= 0] = by_unique[rows[rows >= 0]]
    return DealEvidence(ladder, first_day)


def _deal_codes(
    deal_ids: pd.Series, evidence_ids: pd.Series
) -> tuple[np.ndarray, np.ndarray, int]:
    """Number the distinct Deal IDs of the deals table.

    Returns the code of each deal row, the code of each evidence row (-1 for
    a Deal ID not in the deals table) and how many distinct IDs there are.
    """
    codes, uniques = pd.factorize(
        pd.concat([deal_ids, evidence_ids], ignore_index=True).astype("string")
    )
    rows, evidence_codes = codes[: len(deal_ids)], codes[len(deal_ids) :]
    known = np.zeros(len(uniques) + 1, dtype=bool)
    known[rows] = True
    evidence_codes = np.where(known[evidence_codes], evidence_codes, -1)
    return rows, evidence_codes, len(uniques)


def earned_indexes(deal_evidence: DealEvidence) -> np.ndarray:
    """Return the earned stage index of each deal row, ``NO_STAGE`` if none."""
    ladder = deal_evidence.ladder
    required_count = ladder.required_count
    complete = deal_evidence.required_met() == required_count

    # A stage without required criteria counts as done once the customer
    # has acted in it or in any later stage.
    reached = _at_or_after(deal_evidence.evidenced())
    gateless = required_count == 0
    complete[:, gateless] = reached[:, gateless]

    return np.cumprod(complete, axis=1).sum(axis=1) - 1


def stage_entry_days(deal_evidence: DealEvidence) -> np.ndarray:
    """Return (deals, stages) the day each deal reached each stage, NaN if never.

    A deal reaches a stage on the first evidence of that stage or of any
    later one, so evidence logged out of order never makes a stage start
    after the next one.
    """
    first = deal_evidence.stage_first_day()
    return np.fmin.accumulate(first[:, ::-1], axis=1)[:, ::-1]


def skipped_indexes(deal_evidence: DealEvidence, won: np.ndarray) -> list[list[int]]:
    """Return, per deal row, the stages the customer skipped.

    A stage is skipped when it has required criteria, none of them has
    evidence, and a later stage has evidence or the deal is Won.
    """
    ladder = deal_evidence.ladder
    later = np.zeros_like(deal_evidence.evidenced())
    later[:, :-1] = _at_or_after(deal_evidence.evidenced())[:, 1:]
    skipped = (
        (ladder.required_count > 0)
        & (deal_evidence.required_met() == 0)
        & (later | won[:, None])
    )
    return _positions(skipped)


def missing_indexes(
    deal_evidence: DealEvidence, last_stage: np.ndarray
) -> list[list[int]]:
    """Return, per deal row, the required criteria without evidence.

    Only criteria of stages up to and including ``last_stage`` (one index
    per deal row) count, in ladder order.
    """
    ladder = deal_evidence.ladder
    missing = (
        ladder.required
        & ~deal_evidence.met
        & (ladder.criterion_stage[None, :] <= last_stage[:, None])
    )
    return _positions(missing)


def stage_indexes(book: TeamBook, stages: pd.Series) -> np.ndarray:
    """Return the ladder index of each stage name, ``NO_STAGE`` if unknown."""
    return pd.Index(book.stages).get_indexer(stages)


def audit_stages(book: TeamBook, as_of: dt.date) -> pd.DataFrame:
    """Audit every deal's stage against its evidence as of ``as_of``.

    Returns one row per row of ``book.deals``, in the same order, with
    these columns:

    - deal_id, and declared_index (-1 for an unknown stage).
    - earned_stage (None when no stage is earned) and earned_index (-1).
    - criteria_met and criteria_required: required criteria of the stages
      up to the declared stage, or up to the earned stage when the declared
      one is unknown.
    - missing_actions: customer actions still missing up to the next stage
      to earn, in ladder order.
    - skipped_stages, days_in_stage (float), stuck (bool) and next_step.
    """
    ladder = build_ladder(book)
    deal_evidence = collect_evidence(book, as_of, ladder)
    deals = book.deals
    status = deals["status"]
    earned = earned_indexes(deal_evidence)
    declared = stage_indexes(book, deals["stage"])

    target = np.where(declared >= 0, declared, earned)
    required_met = deal_evidence.required_met()
    up_to_target = np.arange(len(ladder.stages))[None, :] <= target[:, None]
    next_stage = np.minimum(earned + 1, len(ladder.stages) - 1)
    missing = _names(missing_indexes(deal_evidence, next_stage), ladder.actions)
    days = days_in_stage(book, deal_evidence, earned, as_of)

    return pd.DataFrame(
        {
            "deal_id": deals["deal_id"].to_numpy(),
            "declared_index": declared,
            "earned_stage": [
                ladder.stages[index] if index >= 0 else None for index in earned
            ],
            "earned_index": earned,
            "criteria_met": (required_met * up_to_target).sum(axis=1),
            "criteria_required": (ladder.required_count * up_to_target).sum(axis=1),
            "missing_actions": missing,
            "skipped_stages": _names(
                skipped_indexes(deal_evidence, (status == "Won").to_numpy()),
                ladder.stages,
            ),
            "days_in_stage": days,
            "stuck": stuck_flags(ladder, earned, days, status),
            "next_step": next_steps(
                ladder, earned, missing, status, book.settings.language
            ),
        },
        index=deals.index,
    )


def days_in_stage(
    book: TeamBook, deal_evidence: DealEvidence, earned: np.ndarray, as_of: dt.date
) -> np.ndarray:
    """Return the days each deal row has spent in its earned stage.

    The stage starts on the day the deal reached it; a deal with no earned
    stage counts from Created. The count runs to the as-of date for open
    deals and to Closed on (or the as-of date, if that is earlier or blank)
    for Won and Lost deals. NaN when the start is unknown or after the end.
    """
    deals = book.deals
    # The Created day sits after the last stage, where index -1 finds it.
    starts = np.column_stack([stage_entry_days(deal_evidence), _days(deals["created"])])
    start = starts[np.arange(len(earned)), earned]

    as_of_day = _day(as_of)
    closed = deals["status"].isin(_CLOSED).to_numpy()
    closed_day = np.fmin(_days(deals["closed_on"]), as_of_day)
    end = np.where(closed & ~np.isnan(closed_day), closed_day, as_of_day)
    days = end - start
    # A deal created after the as-of date has no days yet, and evidence
    # dated after Closed on gives no stage a length.
    days[days < 0] = np.nan
    return days


def stuck_flags(
    ladder: Ladder, earned: np.ndarray, days: np.ndarray, status: pd.Series
) -> np.ndarray:
    """Return whether each open deal has sat in its stage past the Max days.

    A deal that has earned no stage is held to the first stage's Max days.
    Won and Lost deals are never stuck; a blank Max days never makes one.
    """
    # A blank column after the stages is the limit of an empty ladder.
    limit = np.append(ladder.max_days, np.nan)[np.maximum(earned, 0)]
    is_open = ~status.isin(_CLOSED).to_numpy()
    with np.errstate(invalid="ignore"):
        return is_open & (days > limit)


def next_steps(
    ladder: Ladder,
    earned: np.ndarray,
    missing: list[list[str]],
    status: pd.Series,
    language: str = "en",
) -> list[str]:
    """Write each deal's next step: the next stage's playbook and missing actions.

    Won and Lost deals have no next step (an empty string). An open deal
    that has earned the last stage is asked to be marked Won.
    """
    written: dict[tuple[int, bool, tuple[str, ...]], str] = {}
    steps = []
    for earned_index, actions, state in zip(earned, missing, status, strict=True):
        key = (int(earned_index), state in _CLOSED, tuple(actions))
        if key not in written:
            written[key] = _step_for(ladder, *key, language)
        steps.append(written[key])
    return steps


def _step_for(
    ladder: Ladder,
    earned_index: int,
    closed: bool,
    actions: tuple[str, ...],
    language: str,
) -> str:
    if closed or not ladder.stages:
        return ""
    if earned_index >= len(ladder.stages) - 1:
        return text("stages.next_step.mark_won", language)
    stage = earned_index + 1
    return _next_step(ladder.stages[stage], ladder.playbooks[stage], actions, language)


def _next_step(
    stage: str, playbook: str, actions: tuple[str, ...], language: str
) -> str:
    listed = "; ".join(action.rstrip(". ") for action in actions)
    if playbook and listed:
        key = "stages.next_step.full"
    elif listed:
        key = "stages.next_step.actions"
    else:
        key = "stages.next_step.playbook"
    return text(key, language, stage=stage, playbook=playbook, actions=listed)


def _positions(flags: np.ndarray) -> list[list[int]]:
    """Return the column positions of the True cells of each row, in order.

    Rows repeat a few patterns (deals at the same point of the ladder), so
    each distinct pattern is listed once and copied to its rows.
    """
    if flags.size == 0:
        return [[] for _ in range(len(flags))]
    inverse, first_rows = _pattern_codes(flags)
    listed = [np.flatnonzero(flags[row]).tolist() for row in first_rows]
    return [list(listed[code]) for code in inverse]


def _pattern_codes(flags: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Number the distinct rows of a boolean matrix.

    Returns the code of each row and the first row of each code.
    """
    if flags.shape[1] <= 62:
        keys = flags.astype(np.int64) @ (1 << np.arange(flags.shape[1], dtype=np.int64))
    else:
        keys = np.unique(flags, axis=0, return_inverse=True)[1].reshape(-1)
    codes, _ = pd.factorize(keys)
    first_rows = np.unique(codes, return_index=True)[1]
    return codes, first_rows


def _names(indexes: list[list[int]], names: list[str]) -> list[list[str]]:
    return [[names[index] for index in row] for row in indexes]


def _at_or_after(flags: np.ndarray) -> np.ndarray:
    """Return (rows, stages): some flag is set at this stage or a later one."""
    return np.logical_or.accumulate(flags[:, ::-1], axis=1)[:, ::-1]


def _nanmin(values: np.ndarray, axis: int) -> np.ndarray:
    """Return the minimum along ``axis`` ignoring NaN; NaN where all are NaN."""
    least = np.fmin.reduce(values, axis=axis, initial=np.inf)
    least[np.isinf(least)] = np.nan
    return least


def _days(dates: pd.Series) -> np.ndarray:
    """Return dates as float days since 1970-01-01, NaN where missing."""
    stamps = pd.to_datetime(dates, errors="coerce").dt.floor("D")
    days = (stamps - pd.Timestamp("1970-01-01")) / pd.Timedelta(days=1)
    return days.to_numpy(dtype=float, na_value=np.nan)


def _day(date: dt.date) -> float:
    return float((date - dt.date(1970, 1, 1)).days)


def _has_text(values: pd.Series) -> pd.Series:
    return values.notna() & (values.astype("string").str.strip() != "")


def _text_or_empty(value: object) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    return str(value).strip()
