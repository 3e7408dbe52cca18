"""The add-in's FastAPI app: manifest, task pane files, scripts and custom functions."""

import copy
import datetime as dt
import gzip
import json
import os
import socket
import subprocess
import sys
import time
from importlib import resources

# xlwings Server is part of xlwings PRO; "noncommercial" is its free license
# key for development, tests and non-commercial use.
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

import httpx
import pytest
import xlwings as xw
from fastapi.testclient import TestClient
from lxml import etree
from workbooks import deal, evidence, write_team_workbook

from addin.excel.payload import book_payload
from addin.excel.server import create_app

FUNCTIONS = {
    "COMMISSION",
    "EARNED_STAGE",
    "FORECAST_FIGURE",
    "FUNNEL",
    "PROCESS_SCORE",
    "WIN_PROBABILITY",
}


@pytest.fixture(scope="module")
def client():
    return TestClient(create_app(), base_url="https://127.0.0.1:8000")


@pytest.fixture(scope="module")
def payload(tmp_path_factory):
    path = write_team_workbook(
        tmp_path_factory.mktemp("server") / "team.xlsx",
        deals=[deal("D1", stage="Needs confirmed"), deal("D2")],
        evidence=[evidence("D1", "IQ1", "2026-01-06")],
        settings={"As-of date": "2026-02-01"},
    )
    return book_payload(path)


def _function_call(name, *args):
    return {
        "func_name": name,
        "args": [[[arg]] for arg in args],
        "caller_address": "[team.xlsx]Sheet1!A1",
        "client": "Office.js",
        "version": xw.__version__,
        "runtime": "1.4",
    }


def test_root_reports_app(client):
    response = client.get("/")

    assert response.json()["app"] == "salesflow"


def test_manifest_points_at_server(client):
    response = client.get("/manifest.xml")

    assert response.status_code == 200
    assert "https://127.0.0.1:8000/static/taskpane.html" in response.text
    assert "{base_url}" not in response.text


def test_manifest_is_xml_with_four_part_version(client):
    root = etree.fromstring(client.get("/manifest.xml").content)

    version = root.findtext(
        "{http://schemas.microsoft.com/office/appforoffice/1.1}Version"
    )
    assert len(version.split(".")) == 4


def test_manifest_ribbon_buttons(client):
    root = etree.fromstring(client.get("/manifest.xml").content)

    labels = {
        element.get("id"): element.get("DefaultValue")
        for element in root.iter("{*}String")
    }
    assert labels["Tab.Label"] == "salesflow"
    assert labels["Refresh.Label"] == "Refresh"
    assert labels["Check.Label"] == "Check"
    assert labels["Report.Label"] == "Monthly report"


def test_manifest_commands_have_handlers(client):
    root = etree.fromstring(client.get("/manifest.xml").content)
    script = client.get("/static/taskpane.js").text

    commands = {element.text for element in root.iter("{*}FunctionName")}

    assert commands == {"refresh", "check", "monthlyReport"}
    for command in commands:
        assert f"{command}:" in script, command


def test_manifest_functions_namespace(client):
    root = etree.fromstring(client.get("/manifest.xml").content)

    labels = {
        element.get("id"): element.get("DefaultValue")
        for element in root.iter("{*}String")
    }
    assert labels["Functions.Namespace"] == "SALESFLOW"


@pytest.mark.parametrize("size", [16, 32, 80])
def test_icon_is_png(client, size):
    response = client.get(f"/icons/icon-{size}.png")

    assert response.content.startswith(b"\x89PNG\r\n\x1a\n")


def test_icon_unknown_size_not_found(client):
    assert client.get("/icons/icon-17.png").status_code == 404


@pytest.mark.parametrize(
    "name", ["taskpane.html", "taskpane.js", "custom-functions.js"]
)
def test_static_files_served(client, name):
    assert client.get(f"/static/{name}").status_code == 200


def test_client_config_names_xlwings_version(client):
    response = client.get("/xlwings/config.js")

    assert xw.__version__ in response.text


def test_functions_meta_lists_functions(client):
    meta = client.get("/xlwings/custom-functions-meta").json()

    assert {function["id"] for function in meta["functions"]} == FUNCTIONS


def test_functions_code_binds_each_function(client):
    code = client.get("/xlwings/custom-functions-code").text

    for name in FUNCTIONS:
        assert f'CustomFunctions.associate("{name}"' in code, name


def test_function_call_commission(client):
    response = client.post(
        "/xlwings/custom-functions-call",
        json=_function_call("commission", 1_000_000, 80, 0.02, None),
    )

    assert response.json() == {"result": [[18000.0]]}


def test_function_call_bad_argument_text(client):
    response = client.post(
        "/xlwings/custom-functions-call",
        json=_function_call("commission", "lots", 80, 0.02, None),
    )

    assert response.json()["result"][0][0].startswith("#SALESFLOW: ")


def test_scripts_meta_exclude_output_sheets(client):
    meta = {
        entry["function_name"]: entry
        for entry in client.get("/xlwings/custom-scripts-meta").json()
    }

    assert set(meta) == {"refresh", "check", "monthly_report"}
    assert "Deal audit" in meta["refresh"]["exclude"].split(",")
    assert "History" not in meta["refresh"]["exclude"].split(",")


def test_script_refresh_returns_actions(client, payload):
    response = client.post("/xlwings/custom-scripts-call/refresh", json=payload)

    answer = response.json()
    assert response.status_code == 200
    assert any(action["func"] == "setValues" for action in answer["actions"])
    assert answer["salesflow"]["deals"] == 2


def test_script_accepts_gzipped_workbook(client, payload):
    body = gzip.compress(json.dumps(payload).encode("utf-8"))

    response = client.post(
        "/xlwings/custom-scripts-call/check",
        content=body,
        headers={"Content-Type": "application/json", "Content-Encoding": "gzip"},
    )

    assert response.json()["salesflow"]["written"] == ["Issues"]


def test_script_unknown_not_found(client, payload):
    response = client.post("/xlwings/custom-scripts-call/format_disk", json=payload)

    assert response.status_code == 404


def test_script_team_sheet_conflict_is_400(client, payload):
    conflicting = copy.deepcopy(payload)
    conflicting["sheets"].append(
        {**copy.deepcopy(conflicting["sheets"][0]), "name": "Issues"}
    )

    response = client.post("/xlwings/custom-scripts-call/refresh", json=conflicting)

    assert response.status_code == 400
    assert "Issues" in response.text


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(url, process, seconds=30.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            return httpx.get(url, timeout=1.0)
        except httpx.TransportError:
            time.sleep(0.2)
    raise TimeoutError(url)


@pytest.fixture
def served():
    port = _free_port()
    script = "import sys; from addin.cli import main; sys.exit(main())"
    command = [sys.executable, "-c", script, "serve", "--port", str(port)]
    env = {**os.environ, "XLWINGS_LICENSE_KEY": "noncommercial"}
    process = subprocess.Popen(command, env=env)
    try:
        _wait_for(f"http://127.0.0.1:{port}/", process)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_uvicorn_serves_manifest(served):
    response = httpx.get(f"{served}/manifest.xml")

    assert f"{served}/static/taskpane.html" in response.text


def test_uvicorn_runs_refresh(served, payload):
    response = httpx.post(
        f"{served}/xlwings/custom-scripts-call/refresh", json=payload, timeout=60
    )

    assert response.json()["salesflow"]["action"] == "refresh"


def test_taskpane_loads_office_and_functions():
    page = (resources.files("addin.excel") / "static" / "taskpane.html").read_text()

    assert "office.js" in page
    assert "/xlwings/custom-functions-code" in page


def _serve(*options, env):
    script = "import sys; from addin.cli import main; sys.exit(main())"
    return subprocess.run(
        [sys.executable, "-c", script, "serve", *options],
        check=False,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_serve_without_license_key_exits_2(tmp_path):
    env = {
        key: value for key, value in os.environ.items() if key != "XLWINGS_LICENSE_KEY"
    }
    env["HOME"] = str(tmp_path)  # no ~/.xlwings/xlwings.conf with a key either

    result = _serve("--port", str(_free_port()), env=env)

    assert result.returncode == 2
    assert "XLWINGS_LICENSE_KEY=noncommercial" in result.stderr


def test_serve_certfile_without_keyfile_exits_2(tmp_path):
    certificate = tmp_path / "cert.pem"
    certificate.write_text("not used")

    result = _serve("--certfile", str(certificate), env=dict(os.environ))

    assert result.returncode == 2
    assert "--keyfile" in result.stderr


@pytest.fixture(scope="module")
def won_payload(tmp_path_factory):
    path = write_team_workbook(
        tmp_path_factory.mktemp("report") / "team.xlsx",
        deals=[
            deal("D1", stage="Order", status="Won", closed_on=dt.date(2026, 1, 20)),
            deal("D2"),
        ],
        evidence=[
            evidence("D1", "IQ1", "2026-01-06"),
            evidence("D1", "OR1", "2026-01-19"),
        ],
        settings={"As-of date": "2026-02-01"},
    )
    return book_payload(path)


def test_monthly_report_script_offers_download(client, won_payload):
    answer = client.post(
        "/xlwings/custom-scripts-call/monthly_report", json=won_payload
    ).json()

    download = client.get(answer["salesflow"]["report_url"])

    assert answer["salesflow"]["month"] == "2026-01"
    assert download.content.startswith(b"PK")
    assert "team-report-2026-01.xlsx" in download.headers["content-disposition"]


def test_monthly_report_month_from_query(client, won_payload):
    response = client.post(
        "/xlwings/custom-scripts-call/monthly_report?month=2026-01", json=won_payload
    )

    assert response.json()["salesflow"]["report_url"].endswith("-2026-01.xlsx")


def test_monthly_report_invalid_month_is_400(client, won_payload):
    response = client.post(
        "/xlwings/custom-scripts-call/monthly_report?month=2026-13", json=won_payload
    )

    assert response.status_code == 400
    assert "2026-13" in response.text


def test_report_download_unknown_token_not_found(client):
    assert client.get("/reports/nothing/team-report-2026-01.xlsx").status_code == 404
