"""Native Excel charts of the report's summary, drawn from its own tables.

Each chart reads a table the summary sheet shows, so a reader can check
every bar against a cell. Series colours are fixed, so the printed report
looks the same in Excel and LibreOffice. :data:`SERIES_COLOURS` lists
them for the render test. No colour serves two charts, so a test can
tell which chart drew a bar.
"""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.chart.series import Series
from openpyxl.chart.text import RichText, Text
from openpyxl.chart.title import Title
from openpyxl.drawing.text import (
    CharacterProperties,
    Paragraph,
    ParagraphProperties,
    RegularTextRun,
)
from openpyxl.worksheet.worksheet import Worksheet

from addin.locale import text

OPEN_COLOUR = "2F5597"
REACHED_COLOUR = "9DC3E6"
PROCESS_WIN_COLOUR = "2E7D32"
WITH_GAPS_COLOUR = "F2A900"
LUCK_COLOUR = "C00000"
P10_COLOUR = "C9B8DF"
P50_COLOUR = "7E57C2"
P90_COLOUR = "4A2C82"
WON_COLOUR = "00897B"
QUOTA_COLOUR = "E65100"

SERIES_COLOURS = {
    "funnel": (OPEN_COLOUR, REACHED_COLOUR),
    "won_by_rep": (PROCESS_WIN_COLOUR, WITH_GAPS_COLOUR, LUCK_COLOUR),
    "forecast": (P10_COLOUR, P50_COLOUR, P90_COLOUR, WON_COLOUR, QUOTA_COLOUR),
}
"""Fill colour (RRGGBB) of each chart's series, in series order."""


@dataclass(frozen=True)
class TableArea:
    """Position of a chart's table: header row, last row and first column."""

    header_row: int
    last_row: int
    first_column: int = 1

    @property
    def first_row(self) -> int:
        """Return the first row under the header."""
        return self.header_row + 1


def funnel_chart(sheet: Worksheet, area: TableArea, language: str) -> BarChart:
    """Return horizontal bars of open and reached deals per stage.

    The table's first column contains the stage and the next two the open
    and reached deals. The first stage is drawn at the top, as in a funnel.
    """
    chart = _bar_chart(text("report.chart.funnel", language), horizontal=True)
    _add_series(chart, sheet, area, range(2, 4), (OPEN_COLOUR, REACHED_COLOUR))
    chart.x_axis.scaling.orientation = "maxMin"
    return chart


def won_by_rep_chart(
    sheet: Worksheet, area: TableArea, currency_format: str, language: str
) -> BarChart:
    """Return each rep's won amount as a stacked bar split by won class.

    The table's first column contains the rep and the next three the
    amounts of process wins, wins with gaps and luck.
    """
    chart = _bar_chart(text("report.chart.won_by_rep", language), horizontal=True)
    chart.grouping = "stacked"
    chart.overlap = 100
    colours = (PROCESS_WIN_COLOUR, WITH_GAPS_COLOUR, LUCK_COLOUR)
    _add_series(chart, sheet, area, range(2, 5), colours)
    chart.x_axis.scaling.orientation = "maxMin"
    chart.y_axis.numFmt = currency_format
    chart.y_axis.number_format = currency_format
    return chart


def forecast_chart(
    sheet: Worksheet, area: TableArea, currency_format: str, language: str
) -> BarChart:
    """Return P10, P50, P90 and won bars per month, with the quota as a line.

    The table's columns are the month, P10, P50, P90, won and quota.
    """
    chart = _bar_chart(text("report.chart.forecast", language), horizontal=False)
    colours = (P10_COLOUR, P50_COLOUR, P90_COLOUR, WON_COLOUR)
    _add_series(chart, sheet, area, range(2, 6), colours)
    chart.y_axis.number_format = currency_format

    quota = LineChart()
    _add_series(quota, sheet, area, range(6, 7), (QUOTA_COLOUR,))
    line = quota.series[0]
    line.graphicalProperties.line.solidFill = QUOTA_COLOUR
    line.graphicalProperties.line.width = 28_575  # 2.25 pt in EMU
    line.marker.symbol = "dash"
    line.smooth = False
    chart += quota
    return chart


def _bar_chart(title: str, horizontal: bool) -> BarChart:
    chart = BarChart()
    chart.type = "bar" if horizontal else "col"
    chart.title = _title(title)
    chart.style = 2
    chart.legend.position = "b"
    chart.gapWidth = 60
    # openpyxl 3.1 writes axes as deleted unless delete is False, and
    # Excel then draws the chart without its axis labels.
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.y_axis.majorGridlines = None
    return chart


def _title(words: str) -> Title:
    """Return a chart title in 11 pt bold; the default 18 pt crowds the bars."""
    font = CharacterProperties(sz=1100, b=True)
    paragraph = Paragraph(
        pPr=ParagraphProperties(defRPr=font), r=[RegularTextRun(rPr=font, t=words)]
    )
    title = Title(overlay=False)
    title.tx = Text(rich=RichText(p=[paragraph]))
    return title


def _add_series(
    chart: BarChart | LineChart,
    sheet: Worksheet,
    area: TableArea,
    columns: range,
    colours: tuple[str, ...],
) -> None:
    """Add one series per column, titled by its header, with its colour."""
    categories = Reference(
        sheet,
        min_col=area.first_column,
        min_row=area.first_row,
        max_row=area.last_row,
    )
    for column, colour in zip(columns, colours, strict=True):
        values = Reference(
            sheet,
            min_col=area.first_column + column - 1,
            min_row=area.header_row,
            max_row=area.last_row,
        )
        chart.add_data(values, titles_from_data=True)
        series: Series = chart.series[-1]
        series.graphicalProperties.solidFill = colour
        series.graphicalProperties.line.solidFill = colour
    chart.set_categories(categories)
