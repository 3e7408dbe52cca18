"""The task pane's JavaScript, checked with Node.js where it is installed.

The scripts run inside Excel, which is not available here. Node.js checks
their syntax and runs the task pane's pure helpers (date serials and
addresses); Office.js itself is replaced by an object whose ``onReady``
does nothing, since loading the script only registers handlers.
"""

import datetime as dt
import json
import shutil
import subprocess
from importlib import resources

import pytest

NODE = shutil.which("node")
STATIC = resources.files("addin.excel") / "static"

pytestmark = pytest.mark.skipif(NODE is None, reason="Node.js is not installed")


def _run_helpers(expression):
    script = (STATIC / "taskpane.js").read_text(encoding="utf-8")
    program = (
        "const vm = require('vm');"
        "const context = {Office: {onReady() {}}, console};"
        "vm.createContext(context);"
        f"vm.runInContext({json.dumps(script)}, context);"
        f"console.log(JSON.stringify(vm.runInContext({json.dumps(expression)}, context)));"
    )
    result = subprocess.run(
        [NODE, "-e", program], capture_output=True, text=True, check=True, timeout=30
    )
    return json.loads(result.stdout)


def _serial(value):
    delta = value - dt.datetime(1899, 12, 30)
    return delta.days + delta.seconds / 86400


@pytest.mark.parametrize("name", ["taskpane.js", "custom-functions.js"])
def test_script_syntax_valid(name, tmp_path):
    copy = tmp_path / name
    copy.write_text((STATIC / name).read_text(encoding="utf-8"), encoding="utf-8")

    result = subprocess.run(
        [NODE, "--check", str(copy)], capture_output=True, text=True, check=False
    )

    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("sent", "expected"),
    [
        ("2026-01-05", _serial(dt.datetime(2026, 1, 5))),
        ("2026-01-05 10:30:00", _serial(dt.datetime(2026, 1, 5, 10, 30))),
        ("1900-03-01", 61.0),
        ("Customer", "Customer"),
        ("'2026-01-05", "'2026-01-05"),
        (12.5, 12.5),
        (True, True),
    ],
)
def test_excel_value_date_serials(sent, expected):
    value = _run_helpers(f"excelValue({json.dumps(sent)})")

    if isinstance(expected, float):
        expected = pytest.approx(expected)
    assert value == expected


@pytest.mark.parametrize(
    ("address", "local", "sheet"),
    [
        ("Deals!$A$1:$O$3", "A1:O3", "Deals"),
        ("'Deal audit'!A4", "A4", "Deal audit"),
        ("'Rep''s notes'!B2:C3", "B2:C3", "Rep's notes"),
    ],
)
def test_address_helpers(address, local, sheet):
    result = _run_helpers(
        f"[localAddress({json.dumps(address)}), sheetOf({json.dumps(address)})]"
    )

    assert result == [local, sheet]
