"""The generated export-team sample workbook and its list of planted faults.

The deals come from a seeded simulation (:mod:`addin.samples.export_deals`)
and one input fault of each kind the validator reports is planted in them
(:mod:`addin.samples.export_faults`). The faults file gives the cell of
each fault and of each rep who behaves differently, so that a test can
compare the validator's findings with it.
"""

from __future__ import annotations

import dataclasses
import json
import random
from dataclasses import dataclass
from pathlib import Path

from addin import schema
from addin.ladder import default_ladder
from addin.locale import text
from addin.samples.export_deals import AS_OF, evidence_log, simulate_team, team_rows
from addin.samples.export_faults import (
    Fault,
    locate_faults,
    plant_faults,
    rep_behaviours,
)
from addin.template import (
    ILLUSTRATIVE_RATES,
    TableRows,
    WorkbookContent,
    ladder_tables,
    settings_tables,
    write_workbook,
)

SEED = 20261130


@dataclass
class ExportTeamSample:
    """The sample's workbook content and the faults planted in it."""

    content: WorkbookContent
    faults: list[Fault]


def build_export_team(seed: int = SEED, language: str = "en") -> ExportTeamSample:
    """Simulate the export team and plant the faults, reproducibly for ``seed``.

    In ``zh-CN`` the sheets, headers, ladder, statuses and settings are
    Chinese. The simulated deals, evidence and faults are the same as in
    English, so both samples give the same figures.
    """
    rng = random.Random(seed)
    ladder = default_ladder("en")
    deals = simulate_team(rng, ladder)
    tables: dict[str, TableRows] = {
        **ladder_tables(ladder),
        "team": team_rows(),
        "deals": [deal.row for deal in deals],
        "evidence": evidence_log(deals),
        **settings_tables(as_of=AS_OF, rates=ILLUSTRATIVE_RATES, language=language),
    }
    planted = plant_faults(rng, tables, deals, ladder)
    if language == "zh-CN":
        _translate(tables, language)

    content = WorkbookContent(
        tables=tables,
        language=language,
        notice=[text("samples.export_team.notice", language, seed=seed)],
        title=text("samples.export_team.title", language),
        description=text("samples.export_team.notice", language, seed=seed),
    )
    return ExportTeamSample(content, locate_faults(planted, tables) + rep_behaviours())


def _translate(tables: dict[str, TableRows], language: str) -> None:
    """Swap in the ladder of ``language`` and its stage and status names.

    The deals were simulated on the English ladder, whose stages and
    criterion ids match the translated one position for position. Planted
    faults keep the values they were planted with.
    """
    english = default_ladder("en").stage_names()
    translated = default_ladder(language)
    stages = dict(zip(english, translated.stage_names(), strict=True))
    rows = ladder_tables(translated, language)
    by_stage = {row["stage"]: row for row in rows["process"]}
    by_criterion = {row["criterion"]: row for row in rows["criteria"]}
    # Only text is swapped, in place: the faults file locates the rows, and
    # faults planted in numbers and Yes/No cells stay as they are.
    for row in tables["process"]:
        if row.get("stage") in stages:
            source = by_stage[stages[row["stage"]]]  # type: ignore[index]
            row.update({key: source[key] for key in ("stage", "goal", "playbook")})
            category = row.get("forecast_category")
            names = schema.FORECAST_CATEGORY_NAMES_ZH
            row["forecast_category"] = names.get(category, category)  # type: ignore[arg-type]
    yes_no = {"Yes": text("common.yes", language), "No": text("common.no", language)}
    for row in tables["criteria"]:
        if row.get("criterion") in by_criterion:
            source = by_criterion[row["criterion"]]  # type: ignore[index]
            row.update(
                {key: source[key] for key in ("stage", "customer_action", "evidence")}
            )
            row["required"] = yes_no.get(row["required"], row["required"])  # type: ignore[arg-type]
    for row in tables["deals"]:
        stage, status = row.get("stage"), row.get("status")
        if isinstance(stage, str) and stage in stages:
            row["stage"] = stages[stage]
        if isinstance(status, str) and status in schema.STATUS_NAMES_ZH:
            row["status"] = schema.STATUS_NAMES_ZH[status]


def write_export_team_sample(
    path: Path, faults_path: Path, seed: int = SEED, language: str = "en"
) -> ExportTeamSample:
    """Write the sample workbook to ``path`` and its faults as JSON."""
    sample = build_export_team(seed, language)
    write_workbook(sample.content, path)
    faults = [dataclasses.asdict(fault) for fault in sample.faults]
    faults_path.write_text(json.dumps(faults, indent=2) + "\n", encoding="utf-8")
    return sample
