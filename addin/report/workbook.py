"""Lay out the monthly report as a formatted, printable workbook.

The report is a new file, so openpyxl writes it whole: a Summary sheet
with the team's figures and three native charts, then one sheet per rep.
Every sheet prints landscape on A4, fitted to the page width, with its
title rows repeated on each page and a footer naming the month and the
page.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.chart._chart import ChartBase
from openpyxl.drawing.spreadsheet_drawing import AnchorMarker, TwoCellAnchor
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from addin.engine.history import METHODS
from addin.engine.score import WON_CLASSES
from addin.locale import text
from addin.model import CellValue
from addin.report.charts import (
    TableArea,
    forecast_chart,
    funnel_chart,
    won_by_rep_chart,
)
from addin.report.content import (
    RESULT_FIGURES,
    WON_COLUMNS,
    MonthlyReport,
    RepPage,
)
from addin.xlsx.values import display_width

MAX_SHEET_NAME = 31
"""Maximum length of an Excel sheet name."""
_FORBIDDEN_IN_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")
_RESERVED_SHEET_NAMES = ("history",)
"""Names Excel keeps for itself (compared case-insensitively)."""

_TITLE_FONT = Font(size=16, bold=True, color="262626")
_SUBTITLE_FONT = Font(italic=True, color="595959")
_HEADING_FONT = Font(size=12, bold=True, color="262626")
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", start_color="E7E6E6")
_RULE = Side(style="thin", color="808080")
_WRAP = Alignment(wrap_text=True, vertical="top")
_HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="bottom")
_CENTRED = Alignment(horizontal="center")
_CENTRED_TOP = Alignment(horizontal="center", vertical="top")
_TOP = Alignment(vertical="top")
_LEFT = Alignment(horizontal="left")
_RULE_BELOW = Border(bottom=_RULE)
_RULE_ABOVE = Border(top=_RULE)
_POINTS_PER_LINE = 15.0

_SUMMARY_WIDTHS = (17.0,) * 10
_REP_WIDTHS = (24.0, 30.0, 15.0, 15.0, 16.0, 14.0, 16.0, 16.0, 30.0)
MAX_STUCK_LISTED = 25
"""Stuck deals listed on a rep's page, longest stuck first; the Deal audit
sheet of a refreshed workbook lists them all."""
_CHART_ROWS = 40
"""Rows of the Summary's first page taken by its charts."""


@dataclass(frozen=True)
class NumberFormats:
    """Excel number formats of one report, amounts in its currency."""

    amount: str
    cents: str
    percent: str = "0%"
    rate: str = "0.0%"
    score: str = "0"
    days: str = "0"
    count: str = "#,##0"
    ratio: str = "0.00"
    date: str = "yyyy-mm-dd"

    @classmethod
    def for_currency(cls, currency: str) -> NumberFormats:
        """Return the formats that show amounts as ``1,234 USD``."""
        code = currency.replace('"', "")
        return cls(amount=f'#,##0 "{code}"', cents=f'#,##0.00 "{code}"')


def sheet_names(reps: Sequence[str], other_sheets: Sequence[str]) -> dict[str, str]:
    """Return a valid, unique sheet name for each rep.

    Characters Excel rejects (``[]:*?/\\``) become ``_``, names are cut to
    31 characters, and a name already used (case-insensitively, including
    ``other_sheets`` and Excel's reserved History) gets a number: ``Ann (2)``.
    """
    used = {name.casefold() for name in (*other_sheets, *_RESERVED_SHEET_NAMES)}
    names: dict[str, str] = {}
    for rep in reps:
        base = _FORBIDDEN_IN_SHEET_NAME.sub("_", rep).strip().strip("'") or "Rep"
        name = base[:MAX_SHEET_NAME]
        number = 2
        while name.casefold() in used:
            suffix = f" ({number})"
            name = base[: MAX_SHEET_NAME - len(suffix)] + suffix
            number += 1
        used.add(name.casefold())
        names[rep] = name
    return names


def report_workbook(report: MonthlyReport, source: str) -> Workbook:
    """Build the report workbook: the Summary sheet, then one sheet per rep.

    Args:
        report: The report's figures.
        source: The team workbook's file name, for the subtitle.
    """
    language = report.language
    formats = NumberFormats.for_currency(report.currency)
    workbook = Workbook()
    summary = workbook.active
    summary.title = text("report.sheet.summary", language)
    _write_summary(_Page(summary, formats, _SUMMARY_WIDTHS), report, source)

    names = sheet_names([page.rep for page in report.reps], [summary.title])
    for page in report.reps:
        sheet = workbook.create_sheet(names[page.rep])
        _write_rep(_Page(sheet, formats, _REP_WIDTHS), page, report)

    footer = text("report.footer", language, month=report.month.label)
    for sheet in workbook.worksheets:
        _print_setup(sheet, footer, language)
    workbook.properties.title = text("report.title", language, month=report.month.label)
    workbook.properties.creator = "salesflow"
    return workbook


class _Page:
    """A sheet written from top to bottom, one block after another."""

    def __init__(
        self, sheet: Worksheet, formats: NumberFormats, widths: Sequence[float]
    ) -> None:
        self.sheet = sheet
        self.formats = formats
        self.row = 1
        self.columns = len(widths)
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.sheet_view.showGridLines = False

    def title(self, title: str, subtitle: str) -> None:
        _write(self.sheet, 1, 1, title).font = _TITLE_FONT
        _write(self.sheet, 2, 1, subtitle).font = _SUBTITLE_FONT
        self.sheet.row_dimensions[1].height = 24
        self.row = 4

    def heading(self, heading: str) -> None:
        cell = _write(self.sheet, self.row, 1, heading)
        cell.font = _HEADING_FONT
        for column in range(1, self.columns + 1):
            self.sheet.cell(self.row, column).border = _RULE_BELOW
        self.row += 1

    def paragraphs(self, lines: Sequence[str]) -> None:
        """Write each line across the page's width, wrapped."""
        width = sum(
            self.sheet.column_dimensions[get_column_letter(index)].width
            for index in range(1, self.columns + 1)
        )
        for line in lines:
            cell = _write(self.sheet, self.row, 1, line)
            cell.alignment = _WRAP
            _merge(self.sheet, self.row, 1, self.columns)
            # Merged cells do not grow with wrapped text, so size the row.
            lines_needed = max(1, math.ceil(display_width(line) * 1.1 / width))
            self.sheet.row_dimensions[self.row].height = lines_needed * _POINTS_PER_LINE
            self.row += 1
        self.row += 1

    def table(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[CellValue]],
        formats: Sequence[str | None],
        wide_last: bool = False,
    ) -> TableArea:
        """Write a table with a header row and return where it sits.

        Args:
            headers: Column headers, from column A on.
            rows: The values, row by row.
            formats: Number format of each column; None for text.
            wide_last: Merge the last column to the page's right edge and
                wrap it, for long text such as a next step.
        """
        header_row = self.row
        for column, header in enumerate(headers, start=1):
            cell = _write(self.sheet, header_row, column, header)
            cell.font = _HEADER_FONT
            cell.fill = _HEADER_FILL
            cell.alignment = _HEADER_ALIGNMENT
            cell.border = _RULE_BELOW
        self._size_header(header_row, headers, wide_last)
        for offset, values in enumerate(rows, start=1):
            for column, (value, fmt) in enumerate(zip(values, formats, strict=True), 1):
                cell = _write(self.sheet, header_row + offset, column, value)
                if fmt:
                    cell.number_format = fmt
                if fmt == self.formats.score:
                    cell.alignment = _CENTRED_TOP if wide_last else _CENTRED
                elif wide_last:
                    cell.alignment = _TOP
            if wide_last:
                self._widen_last(header_row + offset, len(headers), values[-1])
        if wide_last:
            self._widen_last(header_row, len(headers), headers[-1])
        self.row = header_row + len(rows) + 2
        return TableArea(header_row, header_row + max(len(rows), 1))

    def _size_header(self, row: int, headers: Sequence[str], wide_last: bool) -> None:
        """Give the header row two lines when a header is wider than its column."""
        last = len(headers) if wide_last else 0
        for column, header in enumerate(headers, start=1):
            letter = get_column_letter(column)
            width = self.sheet.column_dimensions[letter].width
            if column != last and display_width(header) * 1.15 > width:
                self.sheet.row_dimensions[row].height = 2 * _POINTS_PER_LINE
                return

    def _widen_last(self, row: int, column: int, value: CellValue) -> None:
        if column < self.columns:
            _merge(self.sheet, row, column, self.columns)
        self.sheet.cell(row, column).alignment = _WRAP
        width = sum(
            self.sheet.column_dimensions[get_column_letter(index)].width
            for index in range(column, self.columns + 1)
        )
        lines_needed = max(1, math.ceil(display_width(str(value or "")) * 1.1 / width))
        if lines_needed > 1:
            self.sheet.row_dimensions[row].height = lines_needed * _POINTS_PER_LINE

    def totals(self, area: TableArea, values: Sequence[CellValue]) -> None:
        """Write a bold totals row under the table at ``area``."""
        row = area.last_row + 1
        for column, value in enumerate(values, start=1):
            cell = _write(self.sheet, row, column, value)
            cell.font = _HEADER_FONT
            cell.border = _RULE_ABOVE
            above = self.sheet.cell(area.last_row, column)
            cell.number_format = above.number_format
        self.row = row + 2

    def figures(
        self, labels: Sequence[str], values: Sequence[CellValue], formats: Sequence[str]
    ) -> None:
        """Write key figures as a strip: labels over large values."""
        for column, (label, value, fmt) in enumerate(
            zip(labels, values, formats, strict=True), start=1
        ):
            head = _write(self.sheet, self.row, column, label)
            head.font = Font(color="595959")
            head.alignment = _HEADER_ALIGNMENT
            cell = _write(self.sheet, self.row + 1, column, value)
            cell.font = Font(size=12, bold=True)
            cell.number_format = fmt
            cell.alignment = _LEFT
        self.sheet.row_dimensions[self.row].height = 2 * _POINTS_PER_LINE
        self.row += 3

    def pairs(
        self,
        column: int,
        labels: Sequence[str],
        values: Sequence[CellValue],
        formats: Sequence[str],
    ) -> None:
        """Write label and value pairs downwards from the current row.

        The label sits in ``column`` and spills into the empty column
        beside it; the value sits two columns to the right.
        """
        for offset, (label, value, fmt) in enumerate(zip(labels, values, formats)):
            _write(self.sheet, self.row + offset, column, label)
            cell = _write(self.sheet, self.row + offset, column + 2, value)
            cell.number_format = fmt
            cell.font = _HEADER_FONT


# Summary


def _write_summary(page: _Page, report: MonthlyReport, source: str) -> None:
    language = report.language
    formats = page.formats
    page.title(
        text("report.title", language, month=report.month.label),
        text(
            "report.subtitle",
            language,
            as_of=report.as_of.isoformat(),
            currency=report.currency,
            source=source,
        ),
    )
    keys = tuple(key for key in RESULT_FIGURES if key != "difference")
    page.figures(
        [
            *(text(f"scorecard.col.{key}", language) for key in keys),
            text("report.col.issues", language),
        ],
        [
            *(_number(report.team[key]) for key in keys),
            text(
                "report.issues_count",
                language,
                errors=report.errors,
                warnings=report.warnings,
            ),
        ],
        [*(_strip_format(key, formats) for key in keys), "@"],
    )

    chart_row = page.row
    page.row += _CHART_ROWS
    page.sheet.row_breaks.append(Break(id=page.row - 1))

    _write_accuracy(page, report)
    page.heading(text("report.heading.diagnoses", language))
    page.paragraphs(report.diagnoses or [text("funnel.no_diagnoses", language)])
    page.heading(text("report.heading.issues", language))
    page.paragraphs(
        [
            text(
                "report.issues",
                language,
                errors=report.errors,
                warnings=report.warnings,
            )
        ]
    )
    _add_charts(page, report, chart_row)


def _add_charts(page: _Page, report: MonthlyReport, chart_row: int) -> None:
    """Write the charts' tables at the end and anchor the charts at ``chart_row``."""
    language = report.language
    formats = page.formats
    page.heading(text("report.heading.funnel", language))
    funnel = page.table(
        [
            text(f"funnel.col.{key}", language)
            for key in (
                "stage",
                "open",
                "reached",
                "value",
                "conversion",
                "median_days",
            )
        ],
        [
            (
                row.stage,
                int(row.open_deals),
                int(row.reached),
                _number(row.value),
                _number(row.conversion),
                _number(row.median_days),
            )
            for row in report.funnel.itertuples()
        ],
        [
            None,
            formats.count,
            formats.count,
            formats.amount,
            formats.percent,
            formats.days,
        ],
    )
    page.heading(text("report.heading.forecast", language))
    forecast = page.table(
        [
            text("forecast.col.period", language),
            *(text(f"forecast.col.{key}", language) for key in ("p10", "p50", "p90")),
            text("forecast.col.actual", language),
            text("forecast.col.quota", language),
        ],
        [
            (bar.label, bar.p10, bar.p50, bar.p90, _number(bar.won), _number(bar.quota))
            for bar in report.forecast_bars
        ],
        [None, *(formats.amount,) * 5],
    )
    page.heading(text("report.heading.won_by_rep", language))
    won = report.won_by_class
    won_area = page.table(
        [
            text("scorecard.col.rep", language),
            *(text(f"won_class.{name}", language) for name in WON_CLASSES),
            text("report.col.total", language),
        ],
        [
            (
                str(rep),
                *(float(won.at[rep, name]) for name in WON_CLASSES),
                float(won.loc[rep].sum()),
            )
            for rep in won.index
        ],
        [None, *(formats.amount,) * 4],
    )

    half = _CHART_ROWS // 2
    _place(page, funnel_chart(page.sheet, funnel, language), chart_row, 1, half)
    _place(
        page,
        forecast_chart(page.sheet, forecast, formats.amount, language),
        chart_row + half,
        1,
        half,
    )
    _place(
        page,
        won_by_rep_chart(page.sheet, won_area, formats.amount, language),
        chart_row,
        page.columns // 2 + 1,
        _CHART_ROWS,
    )


def _place(page: _Page, chart: ChartBase, row: int, column: int, rows: int) -> None:
    """Anchor ``chart`` to half the page's width and ``rows`` rows.

    A two-cell anchor makes the chart cover the same cells in Excel and
    LibreOffice, whatever their column widths in centimetres.
    """
    width = page.columns // 2
    chart.anchor = TwoCellAnchor(
        _from=AnchorMarker(col=column - 1, row=row - 1),
        to=AnchorMarker(col=column - 1 + width, row=row - 1 + rows - 1, rowOff=0),
    )
    page.sheet.add_chart(chart)


def _write_accuracy(page: _Page, report: MonthlyReport) -> None:
    language = report.language
    check = report.forecast_check
    month = report.month.label
    page.heading(text("report.heading.accuracy", language, month=month))
    if check.source == "none":
        page.paragraphs([text(check.reason, language, month=month)])
        return
    made_on = check.made_on.isoformat() if check.made_on else ""
    page.paragraphs(
        [
            text(
                f"report.accuracy.{check.source}",
                language,
                month=month,
                made_on=made_on,
            )
        ]
    )
    formats = page.formats
    page.table(
        [
            text("backtest.col.method", language),
            text("report.col.forecast", language),
            text("forecast.col.actual", language),
            text("report.col.accuracy", language),
        ],
        [
            (
                text(f"backtest.method.{method}", language),
                check.forecasts[method],
                check.actual,
                check.accuracy[method],
            )
            for method in METHODS
        ],
        [None, formats.amount, formats.amount, formats.percent],
    )
    key = "report.accuracy.inside" if check.in_range else "report.accuracy.outside"
    page.paragraphs(
        [
            text(
                key,
                language,
                p10=check.forecasts["p10"],
                p90=check.forecasts["p90"],
                currency=report.currency,
            )
        ]
    )


# One rep's page


def _write_rep(page: _Page, rep: RepPage, report: MonthlyReport) -> None:
    language = report.language
    formats = page.formats
    page.title(
        text("report.rep.title", language, rep=rep.rep, month=report.month.label),
        text(
            "report.rep.subtitle",
            language,
            as_of=report.as_of.isoformat(),
            currency=report.currency,
        ),
    )
    page.heading(text("report.heading.results", language))
    results = rep.results
    _write(
        page.sheet, page.row, 1, text("report.heading.result", language)
    ).font = _SUBTITLE_FONT
    _write(
        page.sheet, page.row, 5, text("report.heading.process", language)
    ).font = _SUBTITLE_FONT
    page.row += 1
    result_keys = ("won", "quota", "attainment", "by_result", "by_process")
    process_keys = ("process_score", "luck_share", "coverage", "pipeline")
    page.pairs(
        1,
        [text(f"scorecard.col.{k}", language) for k in result_keys],
        [_number(results[k]) for k in result_keys],
        [_figure_format(k, formats) for k in result_keys],
    )
    page.pairs(
        5,
        [
            *(text(f"scorecard.col.{k}", language) for k in process_keys),
            text("report.col.stuck", language),
        ],
        [*(_number(results[k]) for k in process_keys), len(rep.stuck)],
        [*(_figure_format(k, formats) for k in process_keys), formats.count],
    )
    page.row += len(result_keys) + 1

    page.heading(text("scorecard.col.notes", language))
    page.paragraphs(
        [*rep.notes, *rep.diagnoses] or [text("funnel.no_diagnoses", language)]
    )
    _rep_funnel(page, rep, language)
    _rep_stuck(page, rep, language)
    _rep_won(page, rep, language)
    _rep_commissions(page, rep, report)


def _rep_funnel(page: _Page, rep: RepPage, language: str) -> None:
    formats = page.formats
    page.heading(text("report.heading.rep_funnel", language))
    keys = (
        "stage",
        "open",
        "share",
        "team_share",
        "reached",
        "conversion",
        "team_conversion",
        "median_days",
        "team_median_days",
    )
    columns = (
        "stage",
        "open_deals",
        "open_share",
        "team_open_share",
        "reached",
        "conversion",
        "team_conversion",
        "median_days",
        "team_median_days",
    )
    page.table(
        [text(f"funnel.col.{key}", language) for key in keys],
        _records(rep.funnel, columns),
        [
            None,
            formats.count,
            formats.percent,
            formats.percent,
            formats.count,
            formats.percent,
            formats.percent,
            formats.days,
            formats.days,
        ],
    )


def _rep_stuck(page: _Page, rep: RepPage, language: str) -> None:
    formats = page.formats
    page.heading(text("report.heading.stuck", language, count=len(rep.stuck)))
    if rep.stuck.empty:
        page.paragraphs([text("report.none_stuck", language)])
        return
    columns = (
        "deal_id",
        "customer",
        "amount_rc",
        "stage",
        "days_in_stage",
        "max_days",
        "next_step",
    )
    listed = rep.stuck.head(MAX_STUCK_LISTED)
    page.table(
        [text(f"report.col.{key}", language) for key in columns],
        _records(listed, columns),
        [None, None, formats.amount, None, formats.days, formats.days, None],
        wide_last=True,
    )
    if len(rep.stuck) > len(listed):
        page.row -= 1
        page.paragraphs(
            [
                text(
                    "report.more_stuck",
                    language,
                    count=len(rep.stuck) - len(listed),
                    listed=len(listed),
                )
            ]
        )


def _rep_won(page: _Page, rep: RepPage, language: str) -> None:
    formats = page.formats
    page.heading(text("report.heading.won", language))
    if rep.won.empty:
        page.paragraphs([text("report.none_won", language)])
        return
    won = rep.won.assign(
        won_class=rep.won["won_class"].map(
            lambda name: text(f"won_class.{name}", language)
        ),
        skipped_stages=rep.won["skipped_stages"].map(", ".join),
    )
    page.table(
        [text(f"report.col.{key}", language) for key in WON_COLUMNS],
        _records(won, WON_COLUMNS),
        [None, None, formats.date, formats.amount, formats.score, None, None],
        wide_last=True,
    )


def _rep_commissions(page: _Page, rep: RepPage, report: MonthlyReport) -> None:
    language = report.language
    formats = page.formats
    page.heading(text("report.heading.commissions", language))
    columns = (
        "deal_id",
        "customer",
        "amount_rc",
        "rate",
        "by_result",
        "score",
        "payout",
        "by_process",
    )
    headers = [text(f"report.col.{key}", language) for key in columns]
    headers[2] = text("report.col.amount_in", language, currency=report.currency)
    area = page.table(
        headers,
        _records(rep.commissions, columns),
        [
            None,
            None,
            formats.amount,
            formats.rate,
            formats.cents,
            formats.score,
            formats.percent,
            formats.cents,
        ],
    )
    totals = rep.commission_totals()
    if rep.commissions.empty:
        area = TableArea(area.header_row, area.header_row)
    page.totals(
        area,
        [
            text("report.col.total", language),
            None,
            _number(totals["amount_rc"]),
            None,
            _number(totals["by_result"]),
            None,
            None,
            _number(totals["by_process"]),
        ],
    )
    for column, fmt in ((3, formats.amount), (5, formats.cents), (8, formats.cents)):
        page.sheet.cell(area.last_row + 1, column).number_format = fmt


# Cells and print setup


def _merge(sheet: Worksheet, row: int, first: int, last: int) -> None:
    """Merge columns ``first`` to ``last`` of ``row``, whose other cells are empty.

    ``Worksheet.merge_cells`` also rewrites the borders of every covered
    cell, which took seconds for the stuck deals of 40 reps. The report
    writes nothing into covered cells, so the range is only recorded.
    """
    reference = f"{get_column_letter(first)}{row}:{get_column_letter(last)}{row}"
    sheet.merged_cells.add(MergedCellRange(sheet, reference))


def _write(sheet: Worksheet, row: int, column: int, value: CellValue = None) -> Cell:
    """Write ``value`` to a cell; text that starts with "=" stays text."""
    cell = sheet.cell(row, column, value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"
    return cell


def _records(
    table: pd.DataFrame, columns: Sequence[str]
) -> list[tuple[CellValue, ...]]:
    return [
        tuple(_cell(value) for value in record)
        for record in table[list(columns)].itertuples(index=False)
    ]


def _cell(value: object) -> CellValue:
    """Return a cell value: NaN and NaT as empty, timestamps as dates."""
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) or hasattr(value, "item"):
        return _number(value)
    return str(value)


def _number(value: object) -> float | int | None:
    if value is None:
        return None
    number = float(value)  # type: ignore[arg-type]
    if math.isnan(number):
        return None
    return int(number) if number.is_integer() else number


_FIGURE_FORMATS: dict[str, Callable[[NumberFormats], str]] = {
    "attainment": lambda formats: formats.percent,
    "luck_share": lambda formats: formats.percent,
    "process_score": lambda formats: formats.score,
    "coverage": lambda formats: formats.ratio,
    "by_result": lambda formats: formats.cents,
    "by_process": lambda formats: formats.cents,
    "difference": lambda formats: formats.cents,
}


def _strip_format(key: str, formats: NumberFormats) -> str:
    """Return the key figure's format, amounts without cents to fit the strip."""
    fmt = _figure_format(key, formats)
    return formats.amount if fmt == formats.cents else fmt


def _figure_format(key: str, formats: NumberFormats) -> str:
    return _FIGURE_FORMATS.get(key, lambda formats: formats.amount)(formats)


def _print_setup(sheet: Worksheet, footer: str, language: str) -> None:
    """Print landscape on A4, one page wide, title rows on every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins = PageMargins(
        left=0.4, right=0.4, top=0.5, bottom=0.6, header=0.3, footer=0.3
    )
    sheet.print_title_rows = "1:2"
    # "&" starts a code in Excel headers and footers, so a literal one doubles.
    sheet.oddFooter.left.text = footer.replace("&", "&&")
    sheet.oddFooter.left.size = 8
    sheet.oddFooter.center.text = "&A"
    sheet.oddFooter.center.size = 8
    sheet.oddFooter.right.text = text("report.footer.page", language)
    sheet.oddFooter.right.size = 8
