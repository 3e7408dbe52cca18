"""Rebuild examples/export_team.xlsx and examples/export_team_faults.json.

Usage: python examples/build_export_team.py [--lang zh-CN] [OUTPUT.xlsx [FAULTS.json]]

With ``--lang zh-CN`` the same team is written as a Chinese workbook: Chinese
sheet names, headers, ladder and settings, with the same deals and faults.
"""

import sys
from pathlib import Path

from addin.samples.export_team import write_export_team_sample

EXAMPLES = Path(__file__).resolve().parent

if __name__ == "__main__":
    arguments = sys.argv[1:]
    language = "en"
    if arguments[:1] == ["--lang"]:
        language, arguments = arguments[1], arguments[2:]
    workbook = Path(arguments[0]) if arguments else EXAMPLES / "export_team.xlsx"
    faults = (
        Path(arguments[1])
        if len(arguments) > 1
        else EXAMPLES / "export_team_faults.json"
    )
    sample = write_export_team_sample(workbook, faults, language=language)
    print(f"wrote {workbook} and {faults} ({len(sample.faults)} planted faults)")
