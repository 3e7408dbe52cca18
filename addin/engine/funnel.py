"""The funnel: how many deals sit in, reach and leave each stage.

Positions in the funnel are *earned* stages, not the stages reps declare:
an open deal sits in the stage its evidence has earned, and a deal reached
stage k when it earned k or a later stage. A Won deal reached every stage,
because the order was placed whatever evidence is missing (the won-deal
audit judges those gaps). Open deals that have earned no stage are in no
stage; :func:`open_without_stage` counts them.

Per stage and for the team and each rep, the funnel gives:

- open deals sitting in the stage, their share of all staged open deals and
  their value (amount in the reporting currency);
- reached: deals that ever reached the stage;
- conversion to the next stage: among deals that reached the stage and no
  longer sit in it (they moved on, were won or were lost), the share that
  reached the next one;
- median days in the stage: from the day the deal reached it to the day it
  reached the next one, counted only for deals with evidence of the stage
  itself. Open deals sitting in the stage count up to the as-of date, and a
  deal lost in a stage adds no days to it.

Deals created after the as-of date are left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from addin.engine.score import ProcessAudit

FUNNEL_COLUMNS = (
    "rep",
    "stage_index",
    "stage",
    "open_deals",
    "open_share",
    "reached",
    "value",
    "left",
    "converted",
    "conversion",
    "days_count",
    "median_days",
    "max_days",
    "team_open_share",
    "team_conversion",
    "team_median_days",
)
"""Columns of :func:`build_funnel`'s result; ``rep`` is missing on team rows."""


def reps_in_order(team: pd.DataFrame, deals: pd.DataFrame) -> list[str]:
    """Return the reps to report: the Team table's order, then others by name.

    Inactive reps are left out unless they own a deal; reps who own deals
    but are missing from the Team table come last.
    """
    owners = set(deals["rep"].dropna())
    listed = team.drop_duplicates("rep")
    active = listed["active"].fillna(True).astype(bool)
    in_team = [
        rep
        for rep, is_active in zip(listed["rep"], active, strict=True)
        if is_active or rep in owners
    ]
    others = sorted(owners - set(listed["rep"]), key=str)
    return [str(rep) for rep in in_team] + [str(rep) for rep in others]


def open_without_stage(audit: ProcessAudit) -> pd.Series:
    """Return per rep how many open deals have earned no stage yet."""
    deals = _deals_in_view(audit)
    unstaged = deals[(deals["status"] == "Open") & (deals["earned_index"] < 0)]
    return unstaged.groupby("rep").size()


def _deals_in_view(audit: ProcessAudit) -> pd.DataFrame:
    return audit.deals.loc[audit.deals["in_view"].to_numpy(dtype=bool)]


@dataclass(frozen=True)
class _StageFlags:
    """Deals x stages matrices of where each deal sits, went and how long."""

    sitting: np.ndarray
    reached: np.ndarray
    value: np.ndarray
    left: np.ndarray
    converted: np.ndarray
    days: np.ndarray
    """Days spent in the stage, NaN where the deal adds no figure."""

    @classmethod
    def build(cls, audit: ProcessAudit, in_view: np.ndarray) -> _StageFlags:
        deals = audit.deals.loc[in_view]
        stage = np.arange(len(audit.stages))[None, :]
        earned = deals["earned_index"].to_numpy()[:, None]
        status = deals["status"].to_numpy()[:, None]
        amount = np.nan_to_num(deals["amount_rc"].to_numpy(dtype=float))[:, None]

        sitting = (status == "Open") & (earned == stage)
        reached = (status == "Won") | (earned >= stage)
        left = reached & ~sitting
        converted = np.zeros_like(left)
        converted[:, :-1] = left[:, :-1] & reached[:, 1:]
        days = _days_in_stages(
            audit.stage_entry[in_view],
            audit.evidenced[in_view],
            sitting,
            audit.as_of_day,
        )
        return cls(sitting, reached, sitting * amount, left, converted, days)


def _days_in_stages(
    entry: np.ndarray, evidenced: np.ndarray, sitting: np.ndarray, as_of_day: float
) -> np.ndarray:
    """Return deals x stages: days from reaching a stage to reaching the next.

    Open deals sitting in a stage count to ``as_of_day``. A deal that
    reached a stage only through evidence of later stages (it skipped it)
    adds no figure, so skipped stages do not pull the median to zero.
    """
    following = np.full_like(entry, np.nan)
    following[:, :-1] = entry[:, 1:]
    passed = np.where(evidenced & ~sitting, following - entry, np.nan)
    return np.where(sitting, as_of_day - entry, passed)


def build_funnel(audit: ProcessAudit, reps: Sequence[str]) -> pd.DataFrame:
    """Return the funnel of the team and of each rep, one row per stage.

    Team rows come first (``rep`` missing), then each rep of ``reps`` in
    order. Every row carries the team's open share, conversion and median
    days of its stage beside its own (see :data:`FUNNEL_COLUMNS`). Deals of
    reps not in ``reps`` count for the team only.
    """
    in_view = audit.deals["in_view"].to_numpy(dtype=bool)
    flags = _StageFlags.build(audit, in_view)
    rep_code = pd.Index(list(reps)).get_indexer(audit.deals.loc[in_view, "rep"])

    team = _scope_rows(flags, np.zeros(len(rep_code), dtype=int), 1, audit)
    team["rep"] = None
    per_rep = _scope_rows(flags, rep_code, len(reps), audit)
    per_rep["rep"] = np.repeat(np.array(list(reps), dtype=object), len(audit.stages))

    norms = team.set_index("stage_index")[["open_share", "conversion", "median_days"]]
    funnel = pd.concat([team, per_rep], ignore_index=True)
    for column in norms.columns:
        funnel["team_" + column] = funnel["stage_index"].map(norms[column])
    return funnel.loc[:, list(FUNNEL_COLUMNS)]


def _scope_rows(
    flags: _StageFlags, group: np.ndarray, group_count: int, audit: ProcessAudit
) -> pd.DataFrame:
    """Return one row per (group, stage), groups numbered 0..group_count-1."""
    stage_count = len(audit.stages)
    valid = group >= 0

    def total(matrix: np.ndarray) -> np.ndarray:
        summed = pd.DataFrame(matrix[valid]).groupby(group[valid]).sum()
        summed = summed.reindex(range(group_count), fill_value=0)
        return summed.to_numpy(dtype=float).reshape(-1)

    open_deals = total(flags.sitting)
    open_per_group = open_deals.reshape(group_count, stage_count).sum(axis=1)
    left = total(flags.left)
    converted = total(flags.converted)
    last_stage = np.tile(np.arange(stage_count) == stage_count - 1, group_count)
    median_days, days_count = _median_days(flags.days, group, group_count)

    with np.errstate(invalid="ignore", divide="ignore"):
        rows = pd.DataFrame(
            {
                "stage_index": np.tile(np.arange(stage_count), group_count),
                "stage": np.tile(np.array(audit.stages, dtype=object), group_count),
                "open_deals": open_deals.astype(int),
                "open_share": open_deals / np.repeat(open_per_group, stage_count),
                "reached": total(flags.reached).astype(int),
                "value": total(flags.value),
                "left": left.astype(int),
                "converted": converted.astype(int),
                "conversion": np.where(
                    (left > 0) & ~last_stage, converted / left, np.nan
                ),
                "days_count": days_count,
                "median_days": median_days,
                "max_days": np.tile(audit.max_days, group_count),
            }
        )
    return rows


def _median_days(
    days: np.ndarray, group: np.ndarray, group_count: int
) -> tuple[np.ndarray, np.ndarray]:
    """Return the median and count of days per (group, stage), flattened."""
    stage_count = days.shape[1]
    deal, stage = np.nonzero(~np.isnan(days) & (group >= 0)[:, None])
    spans = pd.DataFrame(
        {"cell": group[deal] * stage_count + stage, "days": days[deal, stage]}
    )
    summary = spans.groupby("cell")["days"].agg(["median", "size"])
    summary = summary.reindex(range(group_count * stage_count))
    return (
        summary["median"].to_numpy(dtype=float),
        summary["size"].fillna(0).to_numpy(dtype=int),
    )
