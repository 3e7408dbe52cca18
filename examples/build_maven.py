"""Rebuild examples/maven_crm.xlsx from the CSV files in examples/data/maven_crm/.

Usage: python examples/build_maven.py [OUTPUT.xlsx]
"""

import sys
from pathlib import Path

from addin.samples.maven import write_maven_sample

EXAMPLES = Path(__file__).resolve().parent

if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else EXAMPLES / "maven_crm.xlsx"
    write_maven_sample(target, EXAMPLES / "data" / "maven_crm")
    print(f"wrote {target}")
