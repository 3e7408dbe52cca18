"""Chinese (zh-CN) workbooks: Chinese input, Chinese output, the same numbers.

The export-team sample is built twice from the same seed, once in English
and once in Chinese, and both are refreshed. The Chinese one must write
every label and sentence in Chinese, and both must compute the same
figures. Chinese dates, amounts and stage names are typed into a zh-CN
template and read back through the whole reader and validator.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import math
import os
import re
import subprocess
import zipfile
from pathlib import Path

# xlwings' remote engine is part of xlwings PRO; "noncommercial" is its free
# license key for development, tests and non-commercial use.
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

import openpyxl
import pytest
from click.testing import CliRunner
from libreoffice import convert, needs_libreoffice
from python_calamine import CalamineWorkbook
from workbooks import Rows, write_team_workbook

from addin import schema
from addin.cli import main
from addin.errors import WorkbookError
from addin.excel.actions import WorkbookModel
from addin.excel.desktop import status_text
from addin.excel.payload import book_payload, open_book
from addin.excel.refresh import refresh_book
from addin.load import load_team_book
from addin.model import Issue, column_letter
from addin.output import OutputSheet
from addin.refresh import RefreshResult, refresh_file
from addin.samples.export_team import write_export_team_sample
from addin.sheets import OUTPUT_SHEET_KEYS, sheet_name
from addin.template import template_content, write_workbook

ZH_OUTPUT_SHEETS = ["问题", "商机审计", "漏斗", "记分卡", "预测", "历史"]
ZH_INPUT_SHEETS = ["说明", "流程", "标准", "团队", "商机", "证据", "设置"]
ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")
MACHINE_WORDS = {"salesflow", "USD", "EUR", "CNY", "GBP", "JPY", "MAPE"}
"""Words allowed in Chinese output: the product name, currency codes, MAPE."""


@pytest.fixture(scope="module")
def samples(tmp_path_factory) -> dict[str, tuple[Path, RefreshResult]]:
    folder = tmp_path_factory.mktemp("zh")
    refreshed = {}
    for language in ("en", "zh-CN"):
        path = folder / f"export_team_{language}.xlsx"
        write_export_team_sample(
            path, folder / f"faults_{language}.json", language=language
        )
        refreshed[language] = (path, refresh_file(path, backups=0))
    return refreshed


def _english_words(cells: list[object]) -> set[str]:
    words: set[str] = set()
    for cell in cells:
        if isinstance(cell, str):
            words.update(ENGLISH_WORD.findall(cell))
    return words


def _sheet_cells(workbook: CalamineWorkbook, name: str) -> list[object]:
    rows = workbook.get_sheet_by_name(name).to_python()
    return [cell for row in rows for cell in row]


def test_zh_sample_sheet_names(samples):
    path, _ = samples["zh-CN"]

    names = CalamineWorkbook.from_path(str(path)).sheet_names

    assert [name for name in names if not name.startswith("salesflow")] == [
        *ZH_INPUT_SHEETS,
        *ZH_OUTPUT_SHEETS,
    ]


def test_zh_sample_output_has_no_english(samples):
    path, _ = samples["zh-CN"]
    workbook = CalamineWorkbook.from_path(str(path))
    # What the team typed (customers, reps, products, planted mistakes) may
    # be quoted back; every other English word would be salesflow's own.
    typed = _english_words(
        [cell for name in ZH_INPUT_SHEETS for cell in _sheet_cells(workbook, name)]
    )

    stray = {
        name: _english_words(_sheet_cells(workbook, name)) - typed - MACHINE_WORDS
        for name in ZH_OUTPUT_SHEETS
    }

    assert stray == {name: set() for name in ZH_OUTPUT_SHEETS}


def test_zh_sample_same_issue_cells(samples):
    english = samples["en"][1].issues

    chinese = samples["zh-CN"][1].issues

    assert _places(chinese) == _places(english)


def _places(issues: list[Issue]) -> list[tuple[str, str, str]]:
    return sorted((issue.severity, issue.cell, issue.deal) for issue in issues)


def _numbers(sheet: OutputSheet) -> list[float | None]:
    """Return every number of the sheet in order, None for NaN."""
    return [
        None if math.isnan(cell) else round(float(cell), 9)
        for block in sheet.blocks
        for row in block.rows
        for cell in row
        if isinstance(cell, (int, float)) and not isinstance(cell, bool)
    ]


@pytest.mark.parametrize("key", ["deal_audit", "funnel", "scorecard", "forecast"])
def test_zh_sample_same_numbers(samples, key):
    english = {sheet.name: sheet for sheet in samples["en"][1].sheets}
    chinese = {sheet.name: sheet for sheet in samples["zh-CN"][1].sheets}

    numbers_en = _numbers(english[sheet_name(key, "en")])
    numbers_zh = _numbers(chinese[sheet_name(key, "zh-CN")])

    assert numbers_zh == numbers_en


def test_refresh_language_change_replaces_sheets(samples, tmp_path):
    path, _ = samples["zh-CN"]
    english_copy = tmp_path / "copy.xlsx"
    english_copy.write_bytes(path.read_bytes())
    _set_language(english_copy, "en")

    refresh_file(english_copy, backups=0)
    names = CalamineWorkbook.from_path(str(english_copy)).sheet_names

    assert [name for name in ZH_OUTPUT_SHEETS if name in names] == []
    assert [
        sheet_name(key) for key in OUTPUT_SHEET_KEYS if sheet_name(key) in names
    ] == [sheet_name(key) for key in OUTPUT_SHEET_KEYS]


def _set_language(path: Path, language: str) -> None:
    """Rewrite the text of the Language cell, the package's only ``zh-CN``."""
    with zipfile.ZipFile(path) as package:
        members = {info.filename: package.read(info) for info in package.infolist()}
    holders = [name for name, content in members.items() if b">zh-CN<" in content]
    assert len(holders) == 1
    members[holders[0]] = members[holders[0]].replace(
        b">zh-CN<", f">{language}<".encode()
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in members.items():
            package.writestr(name, content)


# Chinese input typed into a zh-CN template ----------------------------------

STAGE_WITH_BRACKETS = "样品付费(已付)"
STAGE_WITH_SPACE = "风险 评估"

VALUE_CASES = [
    # (column, typed, value read)
    ("created", "2026年11月3日", dt.date(2026, 11, 3)),
    ("created", "2026/11/3", dt.date(2026, 11, 3)),
    ("created", "2026-11-3", dt.date(2026, 11, 3)),
    ("amount", "１２，０００", 12000.0),
    ("amount", "１２　０００", 12000.0),
    ("amount", "12万", 120000.0),
    ("amount", "1.5万", 15000.0),
    ("stage", "样品付费（已付）", STAGE_WITH_BRACKETS),
    ("stage", "样品付费(已付)\u200b", STAGE_WITH_BRACKETS),
    ("stage", "风险\u3000评估", STAGE_WITH_SPACE),
    ("stage", "风险  评估", STAGE_WITH_SPACE),
    ("status", "赢单", "Won"),
    ("status", "输单", "Lost"),
    ("status", "进行中", "Open"),
]

ERROR_CASES = [
    # (column, typed, start of the message, severity)
    ("created", "26/11/3", "日期 '26/11/3' 的年份只有两位", "error"),
    ("stage", "报价 接受", "阶段 '报价 接受' 不在流程表中", "error"),
    (
        "amount",
        "12,000 美元",
        "金额 '12,000 美元' 的币种是 USD，但“币种”列写的是 CNY",
        "error",
    ),
    ("amount", "US$1,200", "金额 'US$1,200' 中带有币种", "warning"),
    ("amount", "人民币 5000", "金额 '人民币 5000' 中带有币种", "warning"),
]


def _base_deal(deal_id: str) -> dict[str, object]:
    return {
        "deal_id": deal_id,
        "customer": "Hamburg Tools GmbH",
        "rep": "王伟",
        "amount": 1000,
        "currency": "CNY",
        "stage": "询盘",
        "status": "进行中",
        "created": dt.date(2026, 10, 1),
    }


def _typed_deal(deal_id: str, column: str, typed: str) -> dict[str, object]:
    deal = _base_deal(deal_id)
    deal[column] = typed
    if column == "amount" and re.search(r"US\$|人民币", typed):
        deal["currency"] = None
    if typed in ("赢单", "输单"):
        deal["closed_on"] = dt.date(2026, 11, 20)
    return deal


@pytest.fixture(scope="module")
def typed_book(tmp_path_factory):
    content = template_content("zh-CN")
    for table in ("process", "criteria"):
        for row in content.tables[table]:
            if row["stage"] == "样品付费":
                row["stage"] = STAGE_WITH_BRACKETS
            if row["stage"] == "风险评估":
                row["stage"] = STAGE_WITH_SPACE
    content.tables["team"] = [
        {"rep": "王伟", "monthly_quota": "5万", "commission_rate": 0.02, "active": "是"}
    ]
    cases = [*VALUE_CASES, *ERROR_CASES]
    content.tables["deals"] = [
        _typed_deal(f"D{number:02d}", column, typed)
        for number, (column, typed, *_) in enumerate(cases)
    ]
    path = tmp_path_factory.mktemp("typed") / "typed.xlsx"
    write_workbook(content, path)
    return load_team_book(path, dt.date(2026, 11, 30))


def _deal_cell(number: int, column: str) -> str:
    position = [spec.key for spec in schema.DEALS.columns].index(column)
    return f"{column_letter(position + 1)}{number + 2}"


@pytest.mark.parametrize(
    ("number", "column", "typed", "expected"),
    [(number, *case) for number, case in enumerate(VALUE_CASES)],
)
def test_chinese_input_value(typed_book, number, column, typed, expected):
    book, _ = typed_book

    value = book.deals.set_index("deal_id").at[f"D{number:02d}", column]

    if isinstance(expected, dt.date):
        value = value.date()
    assert value == expected


@pytest.mark.parametrize(
    ("number", "column", "typed", "message", "severity"),
    [(len(VALUE_CASES) + number, *case) for number, case in enumerate(ERROR_CASES)],
)
def test_chinese_input_issue(typed_book, number, column, typed, message, severity):
    _, issues = typed_book
    cell = _deal_cell(number, column)

    found = [issue for issue in issues if issue.sheet == "商机" and issue.cell == cell]

    assert [issue.severity for issue in found] == [severity]
    assert found[0].message.startswith(message)


def test_chinese_quota_read(typed_book):
    book, _ = typed_book

    assert book.team["monthly_quota"].tolist() == [50000.0]


def test_chinese_settings_read(typed_book):
    book, issues = typed_book

    assert book.settings.language == "zh-CN"
    assert [issue for issue in issues if issue.sheet == "设置"] == []


# The monthly report printed by LibreOffice ----------------------------------


@pytest.fixture(scope="module")
def zh_report_pdf(samples, tmp_path_factory) -> Path:
    path, _ = samples["zh-CN"]
    folder = tmp_path_factory.mktemp("report")
    report = folder / "report.xlsx"
    arguments = ["report", str(path), "--month", "2026-11", "-o", str(report)]
    result = CliRunner().invoke(main, arguments)
    assert result.exit_code == 0, result.output
    return convert(report, "pdf", folder)


def _poppler(program: str, pdf: Path, *options: str) -> str:
    command = [program, *options, str(pdf), *(["-"] if program == "pdftotext" else [])]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


@needs_libreoffice
@pytest.mark.slow
def test_zh_report_embeds_cjk_font(zh_report_pdf):
    fonts = _poppler("pdffonts", zh_report_pdf)

    cjk = [line for line in fonts.splitlines() if "NotoSansCJK" in line]

    assert cjk != []
    assert all(" yes " in line for line in cjk)


@needs_libreoffice
@pytest.mark.slow
@pytest.mark.parametrize(
    "title", ["2026-11 月度报告", "各阶段漏斗", "预测范围与指标", "各业务员赢单金额"]
)
def test_zh_report_prints_chinese_titles(zh_report_pdf, title):
    printed = _poppler("pdftotext", zh_report_pdf, "-l", "1")

    assert title in printed


# salesflow new --lang zh-CN -------------------------------------------------


@pytest.fixture(scope="module")
def zh_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("new") / "team.xlsx"
    result = CliRunner().invoke(main, ["new", str(path), "--lang", "zh-CN"])
    assert result.exit_code == 0, result.output
    return path


def test_new_zh_sheet_names(zh_template):
    names = openpyxl.load_workbook(zh_template).sheetnames

    assert names == ZH_INPUT_SHEETS


@pytest.mark.parametrize("spec", schema.INPUT_TABLES, ids=lambda spec: spec.key)
def test_new_zh_headers(zh_template, spec):
    sheet = openpyxl.load_workbook(zh_template)[spec.sheet_aliases[0]]
    table = sheet.tables[spec.table_name]

    headers = [column.name for column in table.tableColumns]

    assert headers == [column.aliases[0] for column in spec.columns]


def test_new_zh_status_dropdown(zh_template):
    sheet = openpyxl.load_workbook(zh_template)["商机"]

    lists = [rule.formula1 for rule in sheet.data_validations.dataValidation]

    assert '"进行中,赢单,输单"' in lists


def test_new_zh_checks_clean(zh_template):
    result = CliRunner().invoke(main, ["check", str(zh_template)])

    assert result.exit_code == 0
    assert result.output.strip() == f"{zh_template}：未发现问题。"


def test_new_zh_reads_language(zh_template):
    book, issues = load_team_book(zh_template)

    assert book.settings.language == "zh-CN"
    assert issues == []


def test_chinese_headers_in_english_sheets(tmp_path):
    path = write_team_workbook(
        tmp_path / "mixed.xlsx",
        deals=Rows(
            ["商机编号", "客户", "业务员", "金额", "币种", "阶段", "状态", "创建日期"],
            [
                (
                    "D1",
                    "Hamburg Tools GmbH",
                    "Ann",
                    "1.5万",
                    "USD",
                    "Inquiry",
                    "赢单",
                    "2026年1月5日",
                )
            ],
        ),
        settings={"Language": "zh-CN"},
    )

    book, _ = load_team_book(path)

    deal = book.deals.iloc[0]
    assert (deal["amount"], deal["status"]) == (15000.0, "Won")
    assert deal["created"].date() == dt.date(2026, 1, 5)


def test_excel_refresh_zh_sheet_names(samples):
    path, _ = samples["zh-CN"]
    payload = book_payload(path)
    model = WorkbookModel.from_payload(payload)
    book = open_book(copy.deepcopy(payload))

    summary = refresh_book(book, dt.date(2026, 11, 30))
    model.apply(book.json()["actions"])

    names = [sheet.name for sheet in model.sheets]
    assert [name for name in ZH_OUTPUT_SHEETS if name in names] == ZH_OUTPUT_SHEETS
    assert status_text(summary).startswith(
        "salesflow 刷新（截至 2026-11-30）：363 个商机"
    )


def test_check_lang_overrides_setting(samples):
    path, _ = samples["en"]

    result = CliRunner().invoke(main, ["check", str(path), "--lang", "zh-CN"])

    assert result.output.strip().endswith(f"{path}：错误 22 个，警告 7 个。")


def test_check_json_keys_stay_english(samples):
    path, _ = samples["zh-CN"]

    result = CliRunner().invoke(main, ["check", str(path), "--json"])

    first = json.loads(result.output)[0]
    assert list(first) == ["severity", "sheet", "cell", "deal", "message", "fix"]
    assert first["severity"] == "error"


def test_missing_column_message_chinese(tmp_path):
    path = write_team_workbook(
        tmp_path / "no_amount.xlsx",
        deals=Rows(
            ["商机编号", "客户", "业务员", "币种", "阶段", "状态", "创建日期"],
            [
                (
                    "D1",
                    "Hamburg Tools GmbH",
                    "Ann",
                    "USD",
                    "Inquiry",
                    "进行中",
                    "2026年1月5日",
                )
            ],
        ),
        settings={"Language": "zh-CN"},
    )

    _, issues = load_team_book(path)

    missing = [issue for issue in issues if issue.cell == "A1"]
    assert [issue.message for issue in missing] == [
        "工作表“Deals”中 商机 表的标题行（第 1 行）缺少列：金额。"
    ]
    assert missing[0].fix == "在表中添加标题为 金额 的列，或重命名存放这些值的列。"


def test_report_cli_message_chinese(samples, tmp_path):
    path, _ = samples["zh-CN"]
    report = tmp_path / "report.xlsx"

    result = CliRunner().invoke(
        main, ["report", str(path), "--month", "2026-11", "-o", str(report)]
    )

    assert result.output.strip() == f"已把 2026-11 月度报告写入 {report}"


def test_refresh_cli_summary_chinese(samples, tmp_path):
    path, _ = samples["zh-CN"]
    copy_path = tmp_path / "copy.xlsx"
    copy_path.write_bytes(path.read_bytes())

    result = CliRunner().invoke(main, ["refresh", str(copy_path), "--backups", "0"])

    assert result.output.splitlines()[0] == f"已刷新 {copy_path}（截至 2026-11-30）"


def test_history_kept_across_languages(tmp_path):
    path = tmp_path / "team.xlsx"
    write_export_team_sample(path, tmp_path / "faults.json", language="zh-CN")
    refresh_file(path, as_of=dt.date(2026, 11, 20), backups=0)
    workbook = CalamineWorkbook.from_path(str(path))
    chinese_rows = len(workbook.get_sheet_by_name("历史").to_python())

    refresh_file(path, as_of=dt.date(2026, 11, 30), backups=0, language="en")

    workbook = CalamineWorkbook.from_path(str(path))
    english_rows = len(workbook.get_sheet_by_name("History").to_python())
    assert english_rows > chinese_rows


def test_missing_core_sheet_message_chinese(zh_template, tmp_path):
    workbook = openpyxl.load_workbook(zh_template)
    del workbook["证据"]
    path = tmp_path / "no_evidence.xlsx"
    workbook.save(path)

    with pytest.raises(WorkbookError) as raised:
        load_team_book(path)

    assert str(raised.value).startswith(f"{path} 缺少 证据 表，无法分析。")
