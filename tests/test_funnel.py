import math
import time

import numpy as np
import pandas as pd
import pytest
from team_fixture import AS_OF, STAGES, first_seen, team_book

from addin.engine.funnel import (
    build_funnel,
    open_without_stage,
    reps_in_order,
)
from addin.engine.score import audit_process
from addin.model import Settings, TeamBook

NAN = float("nan")


@pytest.fixture(scope="module")
def funnel() -> pd.DataFrame:
    book = team_book()
    audit = audit_process(book, AS_OF, first_seen())
    return build_funnel(audit, reps_in_order(book.team, book.deals))


def _column(funnel: pd.DataFrame, rep: str | None, column: str) -> list[float]:
    rows = funnel[funnel["rep"].isna()] if rep is None else funnel[funnel["rep"] == rep]
    return [float(value) for value in rows[column]]


def _same(actual: list[float], expected: list[float]) -> bool:
    return len(actual) == len(expected) and all(
        (math.isnan(a) and math.isnan(e)) or a == pytest.approx(e)
        for a, e in zip(actual, expected)
    )


@pytest.mark.parametrize(
    ("rep", "column", "expected"),
    [
        (None, "open_deals", [2, 1, 3, 1, 0]),
        (None, "reached", [19, 16, 14, 9, 8]),
        (None, "value", [60_000, 15_000, 80_000, 30_000, 0]),
        (None, "conversion", [16 / 17, 14 / 15, 9 / 11, 1.0, NAN]),
        (None, "median_days", [8, 15.5, 33, 48, NAN]),
        (None, "days_count", [18, 14, 10, 8, 0]),
        ("Ann", "open_deals", [1, 0, 1, 1, 0]),
        ("Ann", "reached", [7, 6, 5, 4, 3]),
        ("Ann", "conversion", [1.0, 5 / 6, 1.0, 1.0, NAN]),
        ("Ann", "median_days", [8, 22, 31, 52.5, NAN]),
        ("Ben", "reached", [7, 5, 4, 4, 4]),
        ("Ben", "conversion", [5 / 6, 1.0, 1.0, 1.0, NAN]),
        ("Ben", "median_days", [6, 18.5, 32.5, 38, NAN]),
        ("Cy", "open_deals", [0, 0, 2, 0, 0]),
        ("Cy", "value", [0, 0, 60_000, 0, 0]),
        ("Cy", "conversion", [1.0, 1.0, 1 / 3, 1.0, NAN]),
        ("Cy", "median_days", [8, 12, 80, 56, NAN]),
        ("Cy", "open_share", [0, 0, 1.0, 0, 0]),
    ],
)
def test_funnel_figures(funnel, rep, column, expected):
    assert _same(_column(funnel, rep, column), expected)


def test_funnel_team_norm_beside_rep(funnel):
    cy = funnel[funnel["rep"] == "Cy"]

    assert _same(list(cy["team_conversion"]), [16 / 17, 14 / 15, 9 / 11, 1.0, NAN])
    assert _same(list(cy["team_median_days"]), [8, 15.5, 33, 48, NAN])


def test_funnel_stages_in_ladder_order(funnel):
    assert list(funnel.loc[funnel["rep"] == "Ben", "stage"]) == list(STAGES)


def test_funnel_open_without_stage():
    audit = audit_process(team_book(), AS_OF)

    unstaged = open_without_stage(audit)

    assert unstaged.to_dict() == {"Cy": 1}


def test_reps_order_team_then_unknown():
    team = pd.DataFrame({"rep": ["Cy", "Ann", "Old"], "active": [True, True, False]})
    deals = pd.DataFrame({"rep": ["Ann", "Zed", "Bob"]})

    reps = reps_in_order(team, deals)

    assert reps == ["Cy", "Ann", "Bob", "Zed"]


def synthetic_book(deal_count: int, rows_per_deal: int, seed: int = 7) -> TeamBook:
    """Return a team of 20 reps with random deals and evidence on the fixture ladder."""
    book = team_book()

    rng = np.random.default_rng(seed)
    criteria = book.criteria["criterion"].to_numpy()
    deal_ids = np.char.add("D", np.arange(deal_count).astype(str)).astype(object)
    created = pd.Timestamp("2025-01-01") + pd.to_timedelta(
        rng.integers(0, 600, deal_count), unit="D"
    )
    status = rng.choice(np.array(["Open", "Won", "Lost"], dtype=object), deal_count)
    book.deals = pd.DataFrame(
        {
            "deal_id": deal_ids,
            "rep": rng.choice(
                np.array([f"R{i}" for i in range(20)], dtype=object), deal_count
            ),
            "amount_rc": rng.uniform(1_000, 100_000, deal_count),
            "stage": rng.choice(np.array(STAGES, dtype=object), deal_count),
            "status": status,
            "created": created,
            "closed_on": created + pd.Timedelta(days=90),
        }
    )

    evidence_count = deal_count * rows_per_deal
    book.evidence = pd.DataFrame(
        {
            "date": pd.Timestamp("2025-01-01")
            + pd.to_timedelta(rng.integers(0, 690, evidence_count), unit="D"),
            "deal_id": rng.choice(deal_ids, evidence_count),
            "criterion": rng.choice(criteria, evidence_count),
            "evidence": "e-mail",
        }
    )
    book.settings = Settings(as_of=AS_OF)
    return book


@pytest.mark.slow
def test_funnel_large_team_speed():
    book = synthetic_book(100_000, 10)
    seen = book.evidence["date"] + pd.Timedelta(days=20)
    started = time.perf_counter()

    audit = audit_process(book, AS_OF, seen)
    build_funnel(audit, reps_in_order(book.team, book.deals))
    seconds = time.perf_counter() - started

    print(f"scores + funnel, 100k deals / 1M evidence rows: {seconds:.2f} s")
    assert seconds < 10
