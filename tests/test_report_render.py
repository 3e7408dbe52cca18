"""The monthly report as LibreOffice prints it: the summary's charts show bars.

Each sample's report is converted to PDF with headless LibreOffice and the
first page, the summary with its three charts, is rendered to PNG with
pdftoppm. An empty chart frame has no pixels of the series colours, so the
test counts them per chart.

To look at a page yourself::

    salesflow report examples/export_team.xlsx --month 2026-11 -o /tmp/r.xlsx
    soffice --headless -env:UserInstallation=file:///tmp/lo-$$ \\
        --convert-to pdf --outdir /tmp /tmp/r.xlsx
    pdftoppm -png -r 60 -f 1 -l 1 /tmp/r.pdf /tmp/r
"""

from __future__ import annotations

import shutil
import struct
import zlib
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from libreoffice import convert, needs_libreoffice, pdf_to_png

from addin.cli import main
from addin.report.charts import SERIES_COLOURS

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
RESOLUTION = 60
MIN_SERIES_PIXELS = 300
"""Pixels of a chart's series colours that show its bars are drawn.

At 60 dpi the smallest chart's bars cover well over a thousand pixels."""
COLOUR_TOLERANCE = 12
"""Largest per-channel difference still counted as the series colour."""

pytestmark = [needs_libreoffice, pytest.mark.slow]


def read_png(path: Path) -> tuple[int, int, bytes]:
    """Return width, height and RGB bytes of an 8-bit RGB or RGBA PNG.

    Enough of the format for pdftoppm's output: no interlacing, no palette.
    """
    content = path.read_bytes()
    assert content[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
    position, idat = 8, b""
    while position < len(content):
        (length,) = struct.unpack(">I", content[position : position + 4])
        kind = content[position + 4 : position + 8]
        body = content[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour_type = struct.unpack(">IIBB", body[:10])
            assert depth == 8, "only 8-bit channels"
            assert colour_type in (2, 6), "only RGB or RGBA"
            channels = 3 if colour_type == 2 else 4
        elif kind == b"IDAT":
            idat += body
        position += 12 + length
    raw = zlib.decompress(idat)
    return width, height, _unfilter(raw, width, height, channels)


def _unfilter(raw: bytes, width: int, height: int, channels: int) -> bytes:
    """Undo the PNG row filters and return the pixels as RGB."""
    stride = width * channels
    previous = bytearray(stride)
    pixels = bytearray()
    for row in range(height):
        start = row * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                line[i] = (line[i] + _paeth(left, up, corner)) & 0xFF
        previous = line
        for i in range(0, stride, channels):
            pixels += line[i : i + 3]
    return bytes(pixels)


def _paeth(left: int, up: int, corner: int) -> int:
    estimate = left + up - corner
    distances = (abs(estimate - left), abs(estimate - up), abs(estimate - corner))
    return (left, up, corner)[distances.index(min(distances))]


def colour_pixels(rgb: bytes, colour: str) -> int:
    """Return how many pixels are within the tolerance of ``colour`` (RRGGBB)."""
    target = bytes.fromhex(colour)
    counts = Counter(rgb[i : i + 3] for i in range(0, len(rgb), 3))
    return sum(
        count
        for pixel, count in counts.items()
        if all(abs(pixel[c] - target[c]) <= COLOUR_TOLERANCE for c in range(3))
    )


@pytest.fixture(
    scope="module",
    params=[
        ("export_team.xlsx", "2026-11"),
        ("maven_crm.xlsx", "2017-12"),
    ],
)
def summary_page(request, tmp_path_factory):
    name, month = request.param
    folder = tmp_path_factory.mktemp("render")
    workbook = Path(shutil.copy(EXAMPLES / name, folder / name))
    result = CliRunner().invoke(main, ["report", str(workbook), "--month", month])
    assert result.exit_code == 0, result.output

    report = workbook.with_name(f"{workbook.stem}-report-{month}.xlsx")
    pdf = convert(report, "pdf")
    return read_png(pdf_to_png(pdf, resolution=RESOLUTION, page=1))


@pytest.mark.parametrize("chart", sorted(SERIES_COLOURS))
def test_summary_chart_draws_bars(summary_page, chart):
    _, _, rgb = summary_page

    drawn = sum(colour_pixels(rgb, colour) for colour in SERIES_COLOURS[chart])

    assert drawn >= MIN_SERIES_PIXELS


def test_summary_page_is_landscape(summary_page):
    width, height, _ = summary_page

    assert width > height
