"""The measured commands that are not salesflow's own CLI.

Each runs in a fresh subprocess started by :mod:`benchmarks.run`, so that its
peak memory is its own, and prints one JSON object of timings to stdout:

- ``floor PATH``: the least any reader of the workbook must do. It inflates
  every worksheet part and the shared strings table and runs the XML through
  expat with no handlers, so the tokenizer checks every byte and Python
  builds no object per element or cell.
- ``phases PATH AS_OF OUT SHEETS``: salesflow's refresh in one process, each
  step timed apart (reading, validation, the engine, writing), and the
  computed output sheets saved to SHEETS for the ``usual`` probe.
- ``usual PATH SHEETS OUT``: the usual way with openpyxl: load the whole
  workbook (full mode, not read-only), add the same output sheets with the
  same rows, save. The engine's computation is not part of it: its sheets
  are loaded from SHEETS, and that load is reported as ``setup`` (wall)
  and ``setup_cpu``.

Usage::

    python -m benchmarks.probes floor team.xlsx
"""

from __future__ import annotations

import datetime as dt
import json
import pickle
import sys
import time
import xml.parsers.expat
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from openpyxl import Workbook

    from addin.output import OutputSheet

_READ_BYTES = 1 << 20


def floor(path: Path) -> dict[str, float]:
    """Inflate and tokenize every worksheet part and the shared strings."""
    started = time.perf_counter()
    inflated = 0
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if (
                name.startswith("xl/worksheets/")
                and name.endswith(".xml")
                or (name == "xl/sharedStrings.xml")
            ):
                inflated += _tokenize(archive, name)
    return {"seconds": time.perf_counter() - started, "xml_bytes": inflated}


def _tokenize(archive: zipfile.ZipFile, name: str) -> int:
    parser = xml.parsers.expat.ParserCreate()
    size = 0
    with archive.open(name) as stream:
        while chunk := stream.read(_READ_BYTES):
            size += len(chunk)
            parser.Parse(chunk, False)
    parser.Parse(b"", True)
    return size


def phases(
    path: Path, as_of: dt.date, output: Path, sheets: Path
) -> dict[str, dict[str, float]]:
    """Run refresh step by step and time reading, each engine step and writing.

    The steps are those ``compute_sheets`` reports through its progress
    callback; ``read`` covers the reader and the saved state. Returns
    ``{"wall": {step: seconds}, "cpu": {step: seconds}}``.
    """
    from addin.reader import read_workbook
    from addin.refresh import compute_sheets
    from addin.state import read_saved_state
    from addin.xlsx.writeback import write_output_sheets

    clock = _StepClock()
    clock.start("read")
    raw = read_workbook(path)
    saved = read_saved_state(path)
    result = compute_sheets(raw, as_of, saved, progress=clock.start)
    clock.start("write")
    write_output_sheets(path, result.sheets, output=output, backups=0)
    clock.stop()

    with sheets.open("wb") as stream:
        pickle.dump(result.sheets, stream, protocol=pickle.HIGHEST_PROTOCOL)
    return clock.seconds


class _StepClock:
    """Wall and CPU time per named step; a step ends when the next one starts."""

    def __init__(self) -> None:
        self.seconds: dict[str, dict[str, float]] = {"wall": {}, "cpu": {}}
        self._step: str | None = None
        self._since = (0.0, 0.0)

    def start(self, step: str) -> None:
        self.stop()
        self._step = step
        self._since = (time.perf_counter(), time.process_time())

    def stop(self) -> None:
        if self._step is None:
            return
        now = (time.perf_counter(), time.process_time())
        for clock, before, after in zip(("wall", "cpu"), self._since, now):
            spent = self.seconds[clock]
            spent[self._step] = spent.get(self._step, 0.0) + after - before
        self._step = None


def usual(path: Path, sheets: Path, output: Path) -> dict[str, float]:
    """Load the workbook with openpyxl, add the output sheets and save it."""
    import openpyxl

    started = time.perf_counter(), time.process_time()
    with sheets.open("rb") as stream:
        computed = pickle.load(stream)
    loaded = time.perf_counter()
    setup_cpu = time.process_time() - started[1]

    book = openpyxl.load_workbook(path)
    opened = time.perf_counter()
    for sheet in computed:
        _add_sheet(book, sheet)
    added = time.perf_counter()
    book.save(output)
    saved = time.perf_counter()
    return {
        "setup": loaded - started[0],
        "setup_cpu": setup_cpu,
        "load": opened - loaded,
        "add": added - opened,
        "save": saved - added,
    }


def _add_sheet(book: Workbook, sheet: OutputSheet) -> None:
    """Write one output sheet as plain rows: title, then each block's table."""
    if sheet.name in book.sheetnames:
        del book[sheet.name]
    worksheet = book.create_sheet(sheet.name)
    worksheet.append([sheet.title])
    for block in sheet.blocks:
        worksheet.append([])
        if block.title:
            worksheet.append([block.title])
        worksheet.append([column.header for column in block.columns])
        for row in block.rows:
            worksheet.append(list(row))
        for note in block.notes:
            worksheet.append([note])
    if sheet.hidden:
        worksheet.sheet_state = "hidden"


_PROBES: dict[str, Callable[..., Mapping[str, object]]] = {
    "floor": lambda path: floor(Path(path)),
    "phases": lambda path, as_of, output, sheets: phases(
        Path(path), dt.date.fromisoformat(as_of), Path(output), Path(sheets)
    ),
    "usual": lambda path, sheets, output: usual(Path(path), Path(sheets), Path(output)),
}


def main(argv: list[str]) -> None:
    name, *arguments = argv
    print(json.dumps(_PROBES[name](*arguments)))


if __name__ == "__main__":
    main(sys.argv[1:])
