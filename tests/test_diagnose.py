import pandas as pd
import pytest
from team_fixture import AS_OF, first_seen, team_book

from addin.engine.diagnose import (
    ShapeLimits,
    diagnose_shape,
    quota_status,
    scope_rates,
)
from addin.engine.funnel import build_funnel, reps_in_order
from addin.engine.periods import period_containing
from addin.engine.score import audit_process

SMALL_LIMITS = ShapeLimits(
    min_left_for_conversion=3, min_days_for_median=3, min_open_for_share=3
)
REPS = ["Ann", "Ben", "Cy"]
NOVEMBER = period_containing(AS_OF)


def _diagnose(limits: ShapeLimits | None = None) -> list:
    book = team_book()
    audit = audit_process(book, AS_OF, first_seen())
    funnel = build_funnel(audit, reps_in_order(book.team, book.deals))
    return diagnose_shape(
        audit, funnel, book.team, REPS, NOVEMBER, limits or ShapeLimits()
    )


def _calls(diagnoses: list) -> set[tuple]:
    return {(d.kind, d.rep, d.stage) for d in diagnoses}


def test_rates_team_win_rate_and_average():
    audit = audit_process(team_book(), AS_OF)

    team = scope_rates(audit, REPS)[None]

    assert team.closed == 12  # 8 won, 4 lost
    assert team.win_rate == pytest.approx(8 / 12)
    assert team.average_won == pytest.approx(425_000 / 8)


def test_rates_rep_borrows_team_when_few():
    audit = audit_process(team_book(), AS_OF)

    ann = scope_rates(audit, REPS)["Ann"]

    assert ann.closed == 4
    assert ann.own is False
    assert ann.win_rate == pytest.approx(8 / 12)


@pytest.mark.parametrize(
    ("rep", "quota", "won", "pipeline", "created"),
    [
        ("Ann", 50_000, 90_000, 60_000, 2),
        ("Ben", 80_000, 230_000, 65_000, 1),
        ("Cy", 120_000, 45_000, 65_000, 0),
        (None, 250_000, 365_000, 190_000, 3),
    ],
)
def test_quota_status_per_scope(rep, quota, won, pipeline, created):
    book = team_book()
    audit = audit_process(book, AS_OF)

    status = quota_status(audit, book.team, REPS, NOVEMBER)[rep]

    assert status.quota == pytest.approx(quota)
    assert status.won == pytest.approx(won)
    assert status.open_pipeline == pytest.approx(pipeline)
    assert status.created_last_period == created


def test_diagnose_default_limits():
    diagnoses = _diagnose()

    assert _calls(diagnoses) == {
        ("top_too_small", None, None),
        ("top_too_small", "Ben", None),
        ("top_too_small", "Cy", None),
        ("low_coverage", "Cy", None),
        ("too_few_deals", "Ann", "Needs confirmed"),
        ("too_few_deals", "Ben", "Sample paid; Proposal accepted"),
        ("too_few_deals", "Cy", "Inquiry; Needs confirmed; Proposal accepted"),
        ("too_few_deals", "Cy", "Sample paid"),
    }


def test_diagnose_too_few_names_check():
    diagnoses = _diagnose()

    checks = {d.check for d in diagnoses if d.rep == "Cy" and d.stage == "Sample paid"}

    assert checks == {"leaky_stage", "jammed_stage"}


def test_diagnose_small_limits():
    diagnoses = _diagnose(SMALL_LIMITS)

    calls = _calls(diagnoses)

    assert ("leaky_stage", "Cy", "Sample paid") in calls
    assert ("jammed_stage", "Cy", "Sample paid") in calls
    assert ("thin_stage", "Ann", "Needs confirmed") in calls
    assert not any(kind == "jammed_stage" and rep != "Cy" for kind, rep, _ in calls)
    assert not any(kind == "leaky_stage" and rep != "Cy" for kind, rep, _ in calls)


@pytest.mark.parametrize(
    ("kind", "rep", "stage", "figures"),
    [
        (
            "leaky_stage",
            "Cy",
            "Sample paid",
            {"conversion": 1 / 3, "team_conversion": 9 / 11, "left": 3},
        ),
        (
            "jammed_stage",
            "Cy",
            "Sample paid",
            {"days": 80, "max_days": 45, "team_days": 33, "deals": 3},
        ),
        ("thin_stage", "Ann", "Needs confirmed", {"share": 0.0, "team_share": 1 / 7}),
        (
            "low_coverage",
            "Cy",
            None,
            {
                "pipeline": 65_000,
                "needed": 112_500,
                "remaining": 75_000,
                "win_rate": 2 / 3,
            },
        ),
        (
            "top_too_small",
            None,
            None,
            {
                "created": 3,
                "needed": 250_000 / 53_125 / (2 / 3),
                "quota": 250_000,
                "average_won": 53_125,
                "win_rate": 2 / 3,
            },
        ),
    ],
)
def test_diagnosis_figures(kind, rep, stage, figures):
    diagnoses = _diagnose(SMALL_LIMITS)

    found = next(d for d in diagnoses if (d.kind, d.rep, d.stage) == (kind, rep, stage))

    assert found.figures == pytest.approx(figures)


def test_diagnosis_sentence_states_figures():
    diagnoses = _diagnose(SMALL_LIMITS)

    leaky = next(d for d in diagnoses if d.kind == "leaky_stage")

    assert leaky.sentence == (
        "Leaky stage for Cy: 33% of the 3 deals that left Sample paid reached "
        "the next stage, against 82% for the team."
    )


def test_diagnose_few_closed_deals_note():
    book = team_book()
    book.deals = book.deals[book.deals["status"] != "Lost"].reset_index(drop=True)
    audit = audit_process(book, AS_OF)
    funnel = build_funnel(audit, REPS)

    diagnoses = diagnose_shape(audit, funnel, book.team, REPS, NOVEMBER)

    kinds = {(d.kind, d.check) for d in diagnoses}
    assert ("too_few_deals", "top_too_small") in kinds
    assert not any(d.kind in ("top_too_small", "low_coverage") for d in diagnoses)


def test_diagnose_rep_without_quota_skipped():
    book = team_book()
    book.team = pd.concat(
        [book.team, pd.DataFrame({"rep": ["Dee"], "monthly_quota": [float("nan")]})],
        ignore_index=True,
    )
    audit = audit_process(book, AS_OF)
    reps = [*REPS, "Dee"]

    diagnoses = diagnose_shape(
        audit, build_funnel(audit, reps), book.team, reps, NOVEMBER
    )

    assert not any(d.rep == "Dee" for d in diagnoses)
