"""Native Excel charts: a drawing part that anchors a chart part on a sheet.

A chart's series refer to the block's cells (``'Funnel'!$B$4:$B$10``) and
also carry a cache of their values, so Excel, LibreOffice and viewers that do
not recalculate all draw the same bars.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from addin.model import column_letter
from addin.output import Chart
from addin.xlsx.layout import CHART_HEIGHT_ROWS, CHART_WIDTH_COLUMNS, BlockPlacement
from addin.xlsx.values import cell_kind, clean_text, escape_lookalikes, number_text

_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
_CHART_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_DRAWING_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
_SHEET_DRAWING_NS = (
    "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
)
_RELATIONSHIP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_SERIES_COLORS = ("2F5597", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47")
_CATEGORY_AXIS_ID = 50010
_VALUE_AXIS_ID = 50020


def drawing_xml(placements: list[BlockPlacement], chart_ids: list[str]) -> bytes:
    """Return a drawing part with one chart frame per block, beside its table."""
    anchors = "".join(
        _anchor(placement, chart_id, number)
        for number, (placement, chart_id) in enumerate(
            zip(placements, chart_ids), start=1
        )
    )
    xml = (
        f'{_DECLARATION}<xdr:wsDr xmlns:xdr="{_SHEET_DRAWING_NS}"'
        f' xmlns:a="{_DRAWING_NS}">{anchors}</xdr:wsDr>'
    )
    return xml.encode("utf-8")


def _anchor(placement: BlockPlacement, chart_id: str, number: int) -> str:
    # Anchors count columns and rows from 0; one empty column is left free
    # between the table and the chart.
    left = len(placement.headers) + 1
    top = (placement.title_row or placement.header_row) - 1
    corner = _corner("from", left, top)
    far_corner = _corner("to", left + CHART_WIDTH_COLUMNS, top + CHART_HEIGHT_ROWS)
    return (
        f'<xdr:twoCellAnchor editAs="oneCell">{corner}{far_corner}'
        '<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr>'
        f'<xdr:cNvPr id="{number + 1}" name="Chart {number}"/>'
        "<xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>"
        '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>'
        f'<a:graphic><a:graphicData uri="{_CHART_NS}">'
        f'<c:chart xmlns:c="{_CHART_NS}" xmlns:r="{_RELATIONSHIP_NS}"'
        f' r:id="{chart_id}"/></a:graphicData></a:graphic>'
        "</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>"
    )


def _corner(tag: str, column: int, row: int) -> str:
    return (
        f"<xdr:{tag}><xdr:col>{column}</xdr:col><xdr:colOff>0</xdr:colOff>"
        f"<xdr:row>{row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:{tag}>"
    )


def chart_xml(sheet_name: str, placement: BlockPlacement) -> bytes:
    """Return the chart part drawn from the columns of ``placement``'s block."""
    chart = placement.block.chart
    if chart is None:
        raise ValueError(f"block {placement.block.title!r} has no chart")
    series = "".join(
        _series(sheet_name, placement, chart, header, index)
        for index, header in enumerate(chart.value_columns)
    )
    xml = (
        f'{_DECLARATION}<c:chartSpace xmlns:c="{_CHART_NS}" xmlns:a="{_DRAWING_NS}"'
        f' xmlns:r="{_RELATIONSHIP_NS}"><c:roundedCorners val="0"/><c:chart>'
        f'{_title(chart.title)}<c:autoTitleDeleted val="0"/>'
        f"<c:plotArea><c:layout/>{_plot(chart, series)}{_axes(chart)}</c:plotArea>"
        '<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>'
        '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>'
        "</c:chartSpace>"
    )
    return xml.encode("utf-8")


def _title(title: str) -> str:
    return (
        "<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r>"
        f"<a:t>{escape(escape_lookalikes(clean_text(title)[0]))}</a:t></a:r></a:p></c:rich></c:tx>"
        '<c:overlay val="0"/></c:title>'
    )


def _plot(chart: Chart, series: str) -> str:
    axes = f'<c:axId val="{_CATEGORY_AXIS_ID}"/><c:axId val="{_VALUE_AXIS_ID}"/>'
    if chart.kind == "line":
        return (
            '<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>'
            f'{series}<c:marker val="1"/>{axes}</c:lineChart>'
        )
    direction = "bar" if chart.kind == "bar" else "col"
    return (
        f'<c:barChart><c:barDir val="{direction}"/><c:grouping val="clustered"/>'
        f'<c:varyColors val="0"/>{series}<c:gapWidth val="80"/>{axes}</c:barChart>'
    )


def _axes(chart: Chart) -> str:
    horizontal = chart.kind == "bar"
    # Horizontal bars list the first category at the top, as the table does.
    orientation = "maxMin" if horizontal else "minMax"
    category_position, value_position = ("l", "b") if horizontal else ("b", "l")
    # With categories reversed, the value axis crosses at the last category
    # so that its labels stay at the bottom.
    value_crosses = "max" if horizontal else "autoZero"
    return (
        f'<c:catAx><c:axId val="{_CATEGORY_AXIS_ID}"/><c:scaling>'
        f'<c:orientation val="{orientation}"/></c:scaling><c:delete val="0"/>'
        f'<c:axPos val="{category_position}"/>'
        '<c:numFmt formatCode="General" sourceLinked="0"/>'
        f'<c:tickLblPos val="nextTo"/><c:crossAx val="{_VALUE_AXIS_ID}"/>'
        '<c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/>'
        '<c:lblOffset val="100"/></c:catAx>'
        f'<c:valAx><c:axId val="{_VALUE_AXIS_ID}"/><c:scaling>'
        '<c:orientation val="minMax"/></c:scaling><c:delete val="0"/>'
        f'<c:axPos val="{value_position}"/><c:majorGridlines/>'
        '<c:numFmt formatCode="General" sourceLinked="1"/>'
        f'<c:tickLblPos val="nextTo"/><c:crossAx val="{_CATEGORY_AXIS_ID}"/>'
        f'<c:crosses val="{value_crosses}"/><c:crossBetween val="between"/></c:valAx>'
    )


def _series(
    sheet_name: str, placement: BlockPlacement, chart: Chart, header: str, index: int
) -> str:
    sheet = "'" + sheet_name.replace("'", "''") + "'"
    category = column_letter(placement.column_number(chart.category_column))
    value = column_letter(placement.column_number(header))
    first, last = placement.first_row, placement.last_row
    rows = placement.block.rows
    category_number = placement.column_number(chart.category_column) - 1
    value_number = placement.column_number(header) - 1
    color = _SERIES_COLORS[index % len(_SERIES_COLORS)]
    name_ref = f"{sheet}!${value}${placement.header_row}"
    name = placement.headers[value_number]
    fill = f'<c:spPr><a:solidFill><a:srgbClr val="{color}"/></a:solidFill></c:spPr>'
    if chart.kind == "line":
        fill = (
            f'<c:spPr><a:ln w="28575"><a:solidFill><a:srgbClr val="{color}"/>'
            "</a:solidFill></a:ln></c:spPr>"
            '<c:marker><c:symbol val="circle"/><c:size val="5"/></c:marker>'
        )
    else:
        fill += '<c:invertIfNegative val="0"/>'
    return (
        f'<c:ser><c:idx val="{index}"/><c:order val="{index}"/>'
        f"<c:tx><c:strRef><c:f>{escape(name_ref)}</c:f>"
        f"{_string_cache([name])}</c:strRef></c:tx>{fill}"
        f"<c:cat><c:strRef><c:f>{escape(f'{sheet}!${category}${first}:${category}${last}')}</c:f>"
        f"{_string_cache([row[category_number] for row in rows])}</c:strRef></c:cat>"
        f"<c:val><c:numRef><c:f>{escape(f'{sheet}!${value}${first}:${value}${last}')}</c:f>"
        f"{_number_cache([row[value_number] for row in rows])}</c:numRef></c:val>"
        + ('<c:smooth val="0"/>' if chart.kind == "line" else "")
        + "</c:ser>"
    )


def _string_cache(values: list[object]) -> str:
    points = []
    for index, value in enumerate(values):
        kind = cell_kind(value)
        if kind is None:
            continue
        shown = value.isoformat() if hasattr(value, "isoformat") else str(kind[1])
        points.append(
            f'<c:pt idx="{index}"><c:v>{escape(escape_lookalikes(clean_text(shown)[0]))}</c:v></c:pt>'
        )
    return f'<c:strCache><c:ptCount val="{len(values)}"/>{"".join(points)}</c:strCache>'


def _number_cache(values: list[object]) -> str:
    points = []
    for index, value in enumerate(values):
        kind = cell_kind(value)
        if kind is None or kind[0] not in ("number", "bool"):
            continue
        points.append(f'<c:pt idx="{index}"><c:v>{number_text(kind[1])}</c:v></c:pt>')
    return (
        "<c:numCache><c:formatCode>General</c:formatCode>"
        f'<c:ptCount val="{len(values)}"/>{"".join(points)}</c:numCache>'
    )
