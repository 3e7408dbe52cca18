"""Add a user sheet with two pictures and a native chart to a package.

Real team workbooks carry the team's own sheets beside the input tables: a
dashboard with a logo and a chart is typical. Refresh must leave such parts
alone, and a reader must skip them, so the benchmark workbooks have one.
The parts are written directly because openpyxl needs Pillow for pictures.
"""

from __future__ import annotations

from benchmarks.package import DOC_REL_NS, MAIN_NS, Package, SharedStrings, png_image

SHEET_NAME = "Dashboard"

_SHEET_TYPE = (
    "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
)
_DRAWING_TYPE = "application/vnd.openxmlformats-officedocument.drawing+xml"
_CHART_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
_DRAWING_NS = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
_A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
_CHART_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_EMU_PER_PIXEL = 9525

MONTHS = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)


def add_dashboard(package: Package, strings: SharedStrings, won: list[int]) -> None:
    """Add the Dashboard sheet: deals won per month, a bar chart and two logos.

    Args:
        package: The workbook package, changed in place.
        strings: The shared strings table the sheet's labels go to.
        won: Deals won in each calendar month, shown in the table and the chart.
    """
    sheet = package.free_name("xl/worksheets/sheet%d.xml")
    drawing = package.free_name("xl/drawings/drawing%d.xml")
    chart = package.free_name("xl/charts/chart%d.xml")
    logos = []
    for color in ((31, 78, 121), (192, 80, 77)):
        logo = package.free_name("xl/media/image%d.png")
        package.add_part(logo, png_image(96, 48, color), None)
        logos.append(logo)
    package.add_default_type("png", "image/png")

    package.add_part(chart, _chart_xml().encode("utf-8"), _CHART_TYPE)
    image_ids = [package.relate(drawing, "image", logo) for logo in logos]
    chart_id = package.relate(drawing, "chart", chart)
    package.add_part(drawing, _drawing_xml(image_ids, chart_id).encode(), _DRAWING_TYPE)
    drawing_id = package.relate(sheet, "drawing", drawing)
    package.add_part(
        sheet, _sheet_xml(strings, won, drawing_id).encode("utf-8"), _SHEET_TYPE
    )
    _list_sheet(package, sheet)


def _list_sheet(package: Package, sheet: str) -> None:
    """Append the sheet to the workbook's sheet list."""
    sheet_id = package.relate("xl/workbook.xml", "worksheet", sheet)
    workbook = package.xml("xl/workbook.xml")
    sheets = workbook.find(f"{{{MAIN_NS}}}sheets")
    numbers = [int(entry.get("sheetId")) for entry in sheets]
    entry = sheets.makeelement(f"{{{MAIN_NS}}}sheet")
    entry.set("name", SHEET_NAME)
    entry.set("sheetId", str(max(numbers, default=0) + 1))
    entry.set(f"{{{DOC_REL_NS}}}id", sheet_id)
    sheets.append(entry)
    package.set_xml("xl/workbook.xml", workbook)


def _sheet_xml(strings: SharedStrings, won: list[int], drawing_id: str) -> str:
    header = (
        f'<row r="1"><c r="A1" t="s"><v>{strings.index("Month")}</v></c>'
        f'<c r="B1" t="s"><v>{strings.index("Deals won")}</v></c></row>'
    )
    rows = [header]
    for offset, (month, amount) in enumerate(zip(MONTHS, won), start=2):
        rows.append(
            f'<row r="{offset}"><c r="A{offset}" t="s">'
            f"<v>{strings.index(month)}</v></c>"
            f'<c r="B{offset}"><v>{amount}</v></c></row>'
        )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<worksheet xmlns="{MAIN_NS}" xmlns:r="{DOC_REL_NS}">'
        '<dimension ref="A1:B13"/>'
        f"<sheetData>{''.join(rows)}</sheetData>"
        f'<drawing r:id="{drawing_id}"/></worksheet>'
    )


def _drawing_xml(image_ids: list[str], chart_id: str) -> str:
    pictures = [
        _picture_anchor(number, image_id, column=3 + 3 * number, row=0)
        for number, image_id in enumerate(image_ids)
    ]
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<xdr:wsDr xmlns:xdr="{_DRAWING_NS}" xmlns:a="{_A_NS}" '
        f'xmlns:r="{DOC_REL_NS}" xmlns:c="{_CHART_NS}">'
        + "".join(pictures)
        + _chart_anchor(chart_id, shape_id=len(image_ids) + 2)
        + "</xdr:wsDr>"
    )


def _marker(tag: str, column: int, row: int) -> str:
    return (
        f"<xdr:{tag}><xdr:col>{column}</xdr:col><xdr:colOff>0</xdr:colOff>"
        f"<xdr:row>{row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:{tag}>"
    )


def _picture_anchor(number: int, image_id: str, column: int, row: int) -> str:
    width, height = 96 * _EMU_PER_PIXEL, 48 * _EMU_PER_PIXEL
    return (
        "<xdr:oneCellAnchor>"
        + _marker("from", column, row)
        + f'<xdr:ext cx="{width}" cy="{height}"/>'
        "<xdr:pic><xdr:nvPicPr>"
        f'<xdr:cNvPr id="{number + 2}" name="Logo {number + 1}"/>'
        '<xdr:cNvPicPr><a:picLocks noChangeAspect="1"/></xdr:cNvPicPr>'
        "</xdr:nvPicPr>"
        f'<xdr:blipFill><a:blip r:embed="{image_id}"/>'
        "<a:stretch><a:fillRect/></a:stretch></xdr:blipFill>"
        '<xdr:spPr><a:xfrm><a:off x="0" y="0"/>'
        f'<a:ext cx="{width}" cy="{height}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr>'
        "</xdr:pic><xdr:clientData/></xdr:oneCellAnchor>"
    )


def _chart_anchor(chart_id: str, shape_id: int) -> str:
    return (
        "<xdr:twoCellAnchor>"
        + _marker("from", 3, 4)
        + _marker("to", 11, 20)
        + '<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr>'
        f'<xdr:cNvPr id="{shape_id}" name="Won by month"/>'
        "<xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>"
        '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>'
        f'<a:graphic><a:graphicData uri="{_CHART_NS}">'
        f'<c:chart r:id="{chart_id}"/></a:graphicData></a:graphic>'
        "</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>"
    )


def _chart_xml() -> str:
    sheet = SHEET_NAME
    axis = '<c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>'
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<c:chartSpace xmlns:c="{_CHART_NS}" xmlns:a="{_A_NS}" '
        f'xmlns:r="{DOC_REL_NS}"><c:chart>'
        "<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>Won by month</a:t>"
        '</a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>'
        '<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>'
        '<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/>'
        '<c:varyColors val="0"/><c:ser><c:idx val="0"/><c:order val="0"/>'
        f"<c:tx><c:strRef><c:f>{sheet}!$B$1</c:f></c:strRef></c:tx>"
        f"<c:cat><c:strRef><c:f>{sheet}!$A$2:$A$13</c:f></c:strRef></c:cat>"
        f"<c:val><c:numRef><c:f>{sheet}!$B$2:$B$13</c:f></c:numRef></c:val>"
        '</c:ser><c:axId val="500"/><c:axId val="600"/></c:barChart>'
        f'<c:catAx><c:axId val="500"/>{axis}<c:axPos val="b"/>'
        '<c:crossAx val="600"/></c:catAx>'
        f'<c:valAx><c:axId val="600"/>{axis}<c:axPos val="l"/>'
        '<c:crossAx val="500"/></c:valAx></c:plotArea>'
        '<c:legend><c:legendPos val="r"/></c:legend>'
        '<c:plotVisOnly val="1"/></c:chart></c:chartSpace>'
    )
