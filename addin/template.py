"""The team workbook template, and the writer that lays out any team workbook.

A generated workbook is an Instructions sheet followed by the input sheets of
:mod:`addin.schema`, each input table an Excel Table with exactly the schema's
headers. A zh-CN workbook names its sheets and headers with the schema's first
Chinese alias and keeps the English Table names (``tblDeals``...). Dropdowns point at workbook-level defined names (``lstReps``,
``lstStages``...) over plain ranges of the other sheets, because a list
validation cannot name a Table column directly.

:class:`WorkbookContent` is what goes into the cells; :func:`write_workbook`
lays it out. The template and the two sample workbooks differ only in their
content. Saving is reproducible: fixed document timestamps and fixed zip
member times make the same content give the same bytes.

Run ``python -m addin.template [PATH]`` to regenerate ``workbook_template.xlsx``.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import math
import os
import re
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from addin import schema
from addin.errors import WriteError
from addin.ladder import Ladder, default_ladder
from addin.locale import text
from addin.model import DEFAULT_CURVE, CellValue, column_letter, sheet_reference
from addin.xlsx.values import display_width

logger = logging.getLogger(__name__)

TableRows = list[dict[str, CellValue]]
"""Rows of one input table, each a dict from column key to cell value."""

TEMPLATE_FILE = "workbook_template.xlsx"
_INSTRUCTIONS_WIDTH = 110
FIXED_TIMESTAMP = dt.datetime(2026, 1, 1, 0, 0, 0)
"""Creation and modification time written into every generated workbook."""

_ZIP_TIME = (1980, 1, 1, 0, 0, 0)

# First cell of each table's header row. The Settings sheet has three
# tables side by side under a title row, so that each can grow downwards.
_ANCHORS: dict[str, tuple[int, int]] = {
    "process": (1, 1),
    "criteria": (1, 1),
    "team": (1, 1),
    "deals": (1, 1),
    "evidence": (1, 1),
    "settings": (2, 1),
    "rates": (2, 4),
    "curve": (2, 7),
}
_SETTINGS_TITLES = {
    "settings": "template.settings.title",
    "rates": "template.rates.title",
    "curve": "template.curve.title",
}

# Empty rows that each table's dropdowns and lists cover below its last row.
_CAPACITY = {
    "process": 50,
    "criteria": 200,
    "team": 200,
    "deals": 5000,
    "evidence": 20000,
    "rates": 50,
}

_KIND_FORMATS = {
    "date": "yyyy-mm-dd",
    "amount": "#,##0.00",
    "percent": "0%",
    "id": "@",
}
_COLUMN_FORMATS = {("team", "commission_rate"): "0.0%"}

_KIND_WIDTHS = {
    "text": 24,
    "id": 12,
    "name": 20,
    "date": 12,
    "amount": 14,
    "number": 10,
    "percent": 10,
    "yesno": 10,
    "status": 10,
    "currency": 11,
}
_COLUMN_WIDTHS = {
    ("process", "goal"): 45,
    ("process", "playbook"): 60,
    ("criteria", "customer_action"): 55,
    ("criteria", "evidence"): 40,
    ("evidence", "evidence"): 40,
    ("evidence", "note"): 30,
    ("deals", "customer"): 30,
    ("deals", "note"): 30,
    ("settings", "name"): 22,
    ("settings", "value"): 14,
    ("rates", "rate"): 14,
}
_WRAPPED = {
    ("process", "goal"),
    ("process", "playbook"),
    ("criteria", "customer_action"),
    ("criteria", "evidence"),
}

# Dropdown lists fed from another table: defined name -> (table, column).
_LIST_SOURCES = {
    "lstReps": ("team", "rep"),
    "lstStages": ("process", "stage"),
    "lstCriteria": ("criteria", "criterion"),
    "lstCurrencies": ("rates", "currency"),
    "lstDeals": ("deals", "deal_id"),
}
_DROPDOWNS = {
    ("deals", "rep"): "lstReps",
    ("deals", "stage"): "lstStages",
    ("deals", "currency"): "lstCurrencies",
    ("evidence", "deal_id"): "lstDeals",
    ("evidence", "criterion"): "lstCriteria",
    ("evidence", "logged_by"): "lstReps",
    ("criteria", "stage"): "lstStages",
}
_YES_NO_COLUMNS = {("criteria", "required"), ("team", "active")}
_FIXED_LISTS = {
    ("deals", "status"): schema.STATUSES,
    ("process", "forecast_category"): ("Pipeline", "Best case", "Commit"),
}

_INSTRUCTIONS: tuple[tuple[str, str], ...] = (
    ("title", "template.instructions.title"),
    ("line", "template.instructions.intro"),
    ("heading", "template.instructions.rep_heading"),
    ("line", "template.instructions.rep_deals"),
    ("line", "template.instructions.rep_evidence"),
    ("line", "template.instructions.rep_customer_actions"),
    ("line", "template.instructions.rep_stage"),
    ("line", "template.instructions.rep_status"),
    ("heading", "template.instructions.manager_heading"),
    ("line", "template.instructions.manager_ladder"),
    ("line", "template.instructions.manager_criteria"),
    ("line", "template.instructions.manager_team"),
    ("line", "template.instructions.manager_settings"),
    ("line", "template.instructions.manager_refresh"),
    ("heading", "template.instructions.settings_heading"),
    ("line", "template.instructions.settings_currency"),
    ("line", "template.instructions.settings_rates"),
    ("line", "template.instructions.settings_as_of"),
    ("line", "template.instructions.settings_scores"),
    ("line", "template.instructions.settings_curve"),
)


@dataclass
class WorkbookContent:
    """Everything a generated team workbook contains, apart from its layout."""

    tables: dict[str, TableRows]
    """Table key (see :mod:`addin.schema`) -> rows; a missing key is empty."""
    language: str = "en"
    notice: list[str] = field(default_factory=list)
    """Lines shown in bold under the Instructions title, e.g. 'generated'."""
    title: str = ""
    """Document title property."""
    description: str = ""
    """Document description property."""
    illustrative_rates: bool = True
    """Whether the exchange-rate table is titled as rough illustrative rates."""

    def rows(self, key: str) -> TableRows:
        return self.tables.get(key, [])


def ladder_tables(ladder: Ladder, language: str = "en") -> dict[str, TableRows]:
    """Return the Process and Criteria rows of ``ladder``."""
    process: TableRows = [
        {
            "stage": spec.stage,
            "goal": spec.goal,
            "playbook": spec.playbook,
            "max_days": spec.max_days,
            "win_pct": spec.win_pct,
            "forecast_category": spec.forecast_category,
        }
        for spec in ladder.stages
    ]
    criteria: TableRows = [
        {
            "stage": spec.stage,
            "criterion": spec.criterion,
            "customer_action": spec.customer_action,
            "evidence": spec.evidence,
            "required": _yes_no(spec.required, language),
            "weight": spec.weight,
        }
        for spec in ladder.criteria
    ]
    return {"process": process, "criteria": criteria}


def settings_tables(
    as_of: dt.date | None = None,
    rates: dict[str, float] | None = None,
    language: str = "en",
) -> dict[str, TableRows]:
    """Return the Settings, exchange-rate and commission-curve rows.

    Args:
        as_of: As-of date to write; None leaves it blank (today).
        rates: Currency -> rate to USD; None gives rough illustrative rates.
        language: Value of the Language setting.
    """
    values: dict[str, CellValue] = {
        "Reporting currency": "USD",
        "As-of date": as_of,
        "Period": "month",
        "Fiscal year start": 1,
        "Luck threshold": 50,
        "Language": language,
        "Forecast simulations": 10000,
        "Backfill days": 14,
    }
    assert values.keys() == schema.SETTING_DEFAULTS.keys()
    if language == "zh-CN":
        values["Period"] = "月"
        values = {schema.SETTING_NAMES_ZH[name]: value for name, value in values.items()}
    if rates is None:
        rates = ILLUSTRATIVE_RATES
    return {
        "settings": [{"name": name, "value": value} for name, value in values.items()],
        "rates": [{"currency": code, "rate": rate} for code, rate in rates.items()],
        "curve": [
            {"min_score": band.min_score, "payout": band.payout}
            for band in DEFAULT_CURVE
        ],
    }


ILLUSTRATIVE_RATES: dict[str, float] = {
    "USD": 1.0,
    "EUR": 1.08,
    "CNY": 0.14,
    "GBP": 1.27,
}
"""Rough rates to USD for a first look; the workbook labels them as such."""


def template_content(language: str = "en") -> WorkbookContent:
    """Return the content of an empty team workbook with the default ladder."""
    tables = {
        **ladder_tables(default_ladder(language), language),
        **settings_tables(language=language),
    }
    return WorkbookContent(
        tables=tables,
        language=language,
        title=text("template.property.title", language),
        description=text("template.property.description", language),
    )


def write_template(path: str | Path, language: str = "en") -> Path:
    """Write the empty team workbook template to ``path`` and return the path."""
    return write_workbook(template_content(language), path)


def write_workbook(content: WorkbookContent, path: str | Path) -> Path:
    """Lay out ``content`` as a team workbook and save it reproducibly."""
    workbook = build_workbook(content)
    path = Path(path)
    save_reproducibly(workbook, path)
    logger.info("wrote %s", path)
    return path


def build_workbook(content: WorkbookContent) -> Workbook:
    """Return an openpyxl workbook with the instructions and input tables."""
    workbook = Workbook()
    _write_instructions(workbook.active, content)
    for spec in schema.INPUT_TABLES:
        name = spec.sheet_in(content.language)
        if name in workbook.sheetnames:
            sheet = workbook[name]
        else:
            sheet = workbook.create_sheet(name)
        _write_table(sheet, spec, content.rows(spec.key), content.language)
        if spec.key in _SETTINGS_TITLES:
            _write_table_title(sheet, spec, content)

    _freeze_headers(workbook, content.language)
    _define_list_names(workbook, content)
    _add_dropdowns(workbook, content)
    _set_properties(workbook, content)
    return workbook


def _write_instructions(sheet: Worksheet, content: WorkbookContent) -> None:
    sheet.title = text("template.instructions.sheet", content.language)
    sheet.column_dimensions["A"].width = _INSTRUCTIONS_WIDTH
    lines: list[tuple[str, str]] = [
        (style, text(key, content.language)) for style, key in _INSTRUCTIONS
    ]
    lines[1:1] = [("notice", line) for line in content.notice]

    fonts = {
        "title": Font(bold=True, size=16),
        "heading": Font(bold=True, size=12),
        "notice": Font(bold=True, color="C00000"),
    }
    row = 1
    for style, line in lines:
        if style == "heading":
            row += 1
        cell = sheet.cell(row, 1, line)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if style in fonts:
            cell.font = fonts[style]
        if style == "title":
            sheet.row_dimensions[row].height = 24
        else:
            height = _wrapped_height([(line, _INSTRUCTIONS_WIDTH)])
            sheet.row_dimensions[row].height = height
        row += 1


def _write_table(
    sheet: Worksheet, spec: schema.TableSpec, rows: TableRows, language: str = "en"
) -> None:
    """Write the headers and rows of one table and make it an Excel Table."""
    header_row, first_column = _ANCHORS[spec.key]
    for offset, column in enumerate(spec.columns):
        sheet.cell(header_row, first_column + offset, column.header_in(language))
        letter = column_letter(first_column + offset)
        sheet.column_dimensions[letter].width = _column_width(
            spec.key, column, language
        )

    formats = [_column_format(spec.key, column) for column in spec.columns]
    wrapped = [(spec.key, column.key) in _WRAPPED for column in spec.columns]
    wrap = Alignment(wrap_text=True, vertical="top")
    widths = [_column_width(spec.key, column, language) for column in spec.columns]
    for row_offset, row in enumerate(rows, start=1):
        texts = [
            (str(row.get(column.key) or ""), widths[offset])
            for offset, column in enumerate(spec.columns)
            if wrapped[offset]
        ]
        if texts:
            height = _wrapped_height(texts)
            sheet.row_dimensions[header_row + row_offset].height = height
        for offset, column in enumerate(spec.columns):
            value = row.get(column.key)
            if value is None:
                continue
            cell = sheet.cell(header_row + row_offset, first_column + offset, value)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # typed text, never a formula
            cell.number_format = _value_format(value, formats[offset])
            if wrapped[offset]:
                cell.alignment = wrap

    # An Excel Table needs one body row at least, so an empty table gets a
    # blank one, as Excel itself shows for a new table.
    last_row = header_row + max(len(rows), 1)
    last_column = column_letter(first_column + len(spec.columns) - 1)
    ref = f"{column_letter(first_column)}{header_row}:{last_column}{last_row}"
    table = Table(displayName=spec.table_name, ref=ref)
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    sheet.add_table(table)
    _format_columns(sheet, spec, formats)


def _format_columns(
    sheet: Worksheet, spec: schema.TableSpec, formats: list[str]
) -> None:
    """Give whole columns their formats, so that rows typed later get them too."""
    header_row, first_column = _ANCHORS[spec.key]
    if header_row != 1:
        return  # a column format would also reach the tables beside this one
    for offset, number_format in enumerate(formats):
        if number_format != "General":
            letter = column_letter(first_column + offset)
            sheet.column_dimensions[letter].number_format = number_format


def _write_table_title(
    sheet: Worksheet, spec: schema.TableSpec, content: WorkbookContent
) -> None:
    header_row, first_column = _ANCHORS[spec.key]
    key = _SETTINGS_TITLES[spec.key]
    if spec.key == "rates" and not content.illustrative_rates:
        key = "template.rates.title_plain"
    cell = sheet.cell(header_row - 1, first_column, text(key, content.language))
    cell.font = Font(bold=True)


def _wrapped_height(texts: list[tuple[str, float]]) -> float:
    """Return a row height in points that shows every (text, width) wrapped.

    openpyxl writes no row heights, and LibreOffice 7 showed such rows one
    line high, so the height is estimated from the text length.
    """
    lines = max(
        math.ceil(display_width(value) / max(width - 2, 1)) for value, width in texts
    )
    return 15.0 * max(lines, 1)


def _column_format(table: str, column: schema.ColumnSpec) -> str:
    return _COLUMN_FORMATS.get(
        (table, column.key), _KIND_FORMATS.get(column.kind, "General")
    )


def _value_format(value: CellValue, column_format: str) -> str:
    """Return the number format of one cell: a date is always shown as a date."""
    if isinstance(value, dt.date):
        return _KIND_FORMATS["date"]
    if isinstance(value, str) and column_format != "@":
        return "General"
    if column_format == _KIND_FORMATS["date"]:
        return "General"  # a bare number in a date column stays a number
    return column_format


def _column_width(
    table: str, column: schema.ColumnSpec, language: str = "en"
) -> float:
    width = _COLUMN_WIDTHS.get((table, column.key), _KIND_WIDTHS[column.kind])
    # Room for the header and the Table's filter button.
    return max(width, display_width(column.header_in(language)) + 4)


def _freeze_headers(workbook: Workbook, language: str) -> None:
    """Keep each input sheet's header row, and the Deal ID, in view."""
    for spec in schema.INPUT_TABLES:
        header_row, _ = _ANCHORS[spec.key]
        first_unfrozen = "B" if spec.key == "deals" else "A"
        sheet = workbook[spec.sheet_in(language)]
        sheet.freeze_panes = f"{first_unfrozen}{header_row + 1}"


def _table_rows(content: WorkbookContent, key: str) -> range:
    """Return the Excel rows that a table's formats and dropdowns cover."""
    header_row, _ = _ANCHORS[key]
    count = len(content.rows(key)) + _CAPACITY.get(key, 0)
    return range(header_row + 1, header_row + 1 + count)


def _column_range(content: WorkbookContent, key: str, column: str) -> str:
    """Return the absolute reference of a table column, e.g. ``Team!$A$2:$A$201``."""
    spec = _spec(key)
    first_column = _ANCHORS[key][1]
    letter = column_letter(first_column + _position(spec, column))
    rows = _table_rows(content, key)
    sheet = sheet_reference(spec.sheet_in(content.language))
    return f"{sheet}!${letter}${rows[0]}:${letter}${rows[-1]}"


def _define_list_names(workbook: Workbook, content: WorkbookContent) -> None:
    for name, (key, column) in _LIST_SOURCES.items():
        reference = _column_range(content, key, column)
        workbook.defined_names[name] = DefinedName(name, attr_text=reference)


def _add_dropdowns(workbook: Workbook, content: WorkbookContent) -> None:
    """Add a list validation to every column that takes values from a list."""
    language = content.language
    yes_no = (_yes_no(True, language), _yes_no(False, language))
    lists: dict[tuple[str, str], str] = {
        **{place: name for place, name in _DROPDOWNS.items()},
        **{place: _inline_list(yes_no) for place in _YES_NO_COLUMNS},
        **{place: _inline_list(values) for place, values in _FIXED_LISTS.items()},
    }
    if language == "zh-CN":
        statuses = tuple(schema.STATUS_NAMES_ZH[status] for status in schema.STATUSES)
        lists[("deals", "status")] = _inline_list(statuses)
        categories = tuple(schema.FORECAST_CATEGORY_NAMES_ZH.values())
        lists[("process", "forecast_category")] = _inline_list(categories)
    for (key, column), source in sorted(lists.items()):
        validation = DataValidation(
            type="list",
            formula1=source,
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="warning",
            errorTitle=text("template.dropdown.error_title", language),
            error=text("template.dropdown.error", language),
        )
        spec = _spec(key)
        letter = column_letter(_ANCHORS[key][1] + _position(spec, column))
        rows = _table_rows(content, key)
        validation.add(f"{letter}{rows[0]}:{letter}{rows[-1]}")
        workbook[spec.sheet_in(language)].add_data_validation(validation)


def _inline_list(values: tuple[str, ...]) -> str:
    return '"' + ",".join(values) + '"'


def _set_properties(workbook: Workbook, content: WorkbookContent) -> None:
    properties = workbook.properties
    properties.creator = "salesflow"
    properties.lastModifiedBy = "salesflow"
    properties.title = content.title or None
    properties.description = content.description or None
    properties.created = FIXED_TIMESTAMP
    properties.modified = FIXED_TIMESTAMP


def save_reproducibly(workbook: Workbook, path: Path) -> None:
    """Save ``workbook`` so that the same content always gives the same bytes.

    openpyxl stamps the save time into docProps/core.xml and the zip entries;
    both are replaced by fixed times. The file is written beside ``path`` and
    moved over it, so a failed save leaves any earlier file as it was.

    Raises:
        WriteError: The folder is missing or the file cannot be written.
    """
    buffer = io.BytesIO()
    workbook.save(buffer)
    fixed = FIXED_TIMESTAMP.strftime("%Y-%m-%dT%H:%M:%SZ")

    try:
        handle, temporary = tempfile.mkstemp(suffix=".xlsx", dir=path.parent)
    except OSError as error:
        raise _write_error(path, error) from None
    os.close(handle)
    try:
        with (
            zipfile.ZipFile(buffer) as source,
            zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as target,
        ):
            for member in source.infolist():
                payload = source.read(member.filename)
                if member.filename == "docProps/core.xml":
                    payload = _fix_modified_time(payload, fixed)
                info = zipfile.ZipInfo(member.filename, date_time=_ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                target.writestr(info, payload)
        os.chmod(temporary, 0o666 & ~_current_umask())
        os.replace(temporary, path)
    except BaseException as error:
        os.unlink(temporary)
        if isinstance(error, OSError):
            raise _write_error(path, error) from None
        raise


def _write_error(path: Path, error: OSError) -> WriteError:
    reason = error.strerror or str(error)
    return WriteError(text("template.write_failed", path=path, reason=reason))


def _current_umask() -> int:
    # mkstemp creates the file readable by its owner only, where a saved
    # workbook should get the usual permissions; os.umask can only be read
    # by setting it.
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fix_modified_time(core_xml: bytes, timestamp: str) -> bytes:
    return re.sub(
        rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
        rb"\g<1>" + timestamp.encode() + rb"\g<2>",
        core_xml,
    )


def _spec(key: str) -> schema.TableSpec:
    return next(spec for spec in schema.INPUT_TABLES if spec.key == key)


def _position(spec: schema.TableSpec, column: str) -> int:
    """Return the 0-based position of ``column`` among the table's columns."""
    return [each.key for each in spec.columns].index(column)


def _yes_no(flag: bool, language: str) -> str:
    return text("common.yes" if flag else "common.no", language)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    write_template(sys.argv[1] if len(sys.argv) > 1 else TEMPLATE_FILE)
