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

from addin.ladder import EXPORT_LADDER_EN
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


def build_export_team(seed: int = SEED) -> ExportTeamSample:
    """Simulate the export team and plant the faults, reproducibly for ``seed``."""
    rng = random.Random(seed)
    ladder = EXPORT_LADDER_EN
    deals = simulate_team(rng, ladder)
    tables: dict[str, TableRows] = {
        **ladder_tables(ladder),
        "team": team_rows(),
        "deals": [deal.row for deal in deals],
        "evidence": evidence_log(deals),
        **settings_tables(as_of=AS_OF, rates=ILLUSTRATIVE_RATES),
    }
    planted = plant_faults(rng, tables, deals, ladder)

    content = WorkbookContent(
        tables=tables,
        notice=[text("samples.export_team.notice", seed=seed)],
        title=text("samples.export_team.title"),
        description=text("samples.export_team.notice", seed=seed),
    )
    return ExportTeamSample(content, locate_faults(planted, tables) + rep_behaviours())


def write_export_team_sample(
    path: Path, faults_path: Path, seed: int = SEED
) -> ExportTeamSample:
    """Write the sample workbook to ``path`` and its faults as JSON."""
    sample = build_export_team(seed)
    write_workbook(sample.content, path)
    faults = [dataclasses.asdict(fault) for fault in sample.faults]
    faults_path.write_text(json.dumps(faults, indent=2) + "\n", encoding="utf-8")
    return sample
