"""Measure refresh and check against the floor and the usual openpyxl way.

For each size, in one run, every command runs in a fresh subprocess, so that
its peak memory (``ru_maxrss`` from ``wait4``) is its own:

- floor: inflate the sheet parts and tokenize their XML (see
  :mod:`benchmarks.probes`);
- check: ``salesflow check PATH --as-of DATE``;
- refresh: ``salesflow refresh PATH -o OUT --as-of DATE --backups 0``;
- usual: openpyxl ``load_workbook`` in full mode, the same output sheets
  added, ``save``.

Times are wall-clock and CPU seconds of the whole subprocess, interpreter
start and imports included, except that the usual way's load of the
precomputed sheets is subtracted. One more subprocess runs refresh step by
step to split its time between reading, validation, the engine and
writing. Each size's measurements are saved, and ``--saved`` reports them
again beside newly measured sizes.

Usage::

    python -m benchmarks.run --sizes S,M,L --repeat 3
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shlex
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks.generate import AS_OF, CACHE, SIZES, Size, workbook_path
from benchmarks.report import COMMANDS, Runs, SizeResult, current_commit, report

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results.md"
SAVED = CACHE / "results"
README = HERE / "README.md"
START_MARK = "<!-- results:start -->"
END_MARK = "<!-- results:end -->"

_CLI = "import sys; sys.argv[0] = 'salesflow'; from addin.cli import main; main()"
_CHECK_EXIT_CODES = (0, 1)
"""salesflow check exits 1 when the workbook has errors, which is a result."""
_MB = 1024 * 1024


@dataclass
class Child:
    """One finished subprocess."""

    seconds: float
    cpu_seconds: float
    peak_bytes: int
    returncode: int
    stdout: str
    stderr: str


def run_child(argv: Sequence[str], work: Path) -> Child:
    """Run a command and return its wall time, peak resident memory and output.

    The command runs under :mod:`benchmarks.launch`, whose ``os.wait4``
    returns the resource usage of that one command, so the peak is the
    command's own and not the harness's.
    """
    out_path, err_path = work / "child.out", work / "child.err"
    report_path = work / "child.json"
    launcher = [sys.executable, "-S", str(HERE / "launch.py"), str(report_path)]
    with out_path.open("wb") as out, err_path.open("wb") as err:
        returncode = subprocess.call(
            [*launcher, *argv], stdout=out, stderr=err, cwd=HERE.parent
        )
    measured = json.loads(report_path.read_text())
    return Child(
        seconds=measured["wall"],
        cpu_seconds=measured["cpu"],
        peak_bytes=measured["peak_bytes"],
        returncode=returncode,
        stdout=out_path.read_text(errors="replace"),
        stderr=err_path.read_text(errors="replace"),
    )


def command_argv(command: str, path: Path, work: Path) -> list[str]:
    """Return the argv of one measured command on the workbook at ``path``."""
    as_of = AS_OF.isoformat()
    if command == "floor":
        return [sys.executable, "-m", "benchmarks.probes", "floor", str(path)]
    if command == "check":
        return [sys.executable, "-c", _CLI, "check", str(path), "--as-of", as_of]
    if command == "refresh":
        output = work / f"refreshed-{path.name}"
        return [
            sys.executable,
            "-c",
            _CLI,
            "refresh",
            str(path),
            "-o",
            str(output),
            "--as-of",
            as_of,
            "--backups",
            "0",
        ]
    if command == "report":
        output = work / f"report-{path.name}"
        month = AS_OF.strftime("%Y-%m")
        return [
            sys.executable,
            "-c",
            _CLI,
            "report",
            str(path),
            "--month",
            month,
            "-o",
            str(output),
        ]
    if command == "usual":
        output = work / f"openpyxl-{path.name}"
        sheets = work / f"sheets-{path.stem}.pickle"
        return [
            sys.executable,
            "-m",
            "benchmarks.probes",
            "usual",
            str(path),
            str(sheets),
            str(output),
        ]
    raise ValueError(f"unknown command {command!r}; expected one of {COMMANDS}")


def measure(command: str, path: Path, work: Path, repeat: int) -> Runs:
    """Run one command ``repeat`` times; stop at the first failure."""
    runs = Runs()
    for _ in range(repeat):
        child = run_child(command_argv(command, path, work), work)
        allowed = _CHECK_EXIT_CODES if command == "check" else (0,)
        if child.returncode not in allowed:
            runs.error = _last_line(child.stderr) or f"exit {child.returncode}"
            break
        wall, cpu = child.seconds, child.cpu_seconds
        if command == "usual":
            setup = json.loads(child.stdout)
            wall, cpu = wall - setup["setup"], cpu - setup["setup_cpu"]
        runs.wall.append(wall)
        runs.cpu.append(cpu)
        runs.peak_bytes.append(child.peak_bytes)
        _progress(
            f"  {command}: {wall:.2f} s wall, {cpu:.2f} s CPU, "
            f"{child.peak_bytes / _MB:.0f} MB"
        )
    return runs


def measure_steps(result: SizeResult, work: Path) -> None:
    """Time refresh step by step, and save its sheets for the usual way."""
    argv = [
        sys.executable,
        "-m",
        "benchmarks.probes",
        "phases",
        str(result.path),
        AS_OF.isoformat(),
        str(work / f"phases-{result.path.name}"),
        str(work / f"sheets-{result.path.stem}.pickle"),
    ]
    child = run_child(argv, work)
    if child.returncode != 0:
        result.steps_error = _last_line(child.stderr)
        return
    result.steps = json.loads(child.stdout)
    cpu = result.steps["cpu"]
    steps = ", ".join(f"{name} {seconds:.2f}" for name, seconds in cpu.items())
    _progress(f"  steps, CPU seconds: {steps}")


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:200] if lines else ""


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run_size(
    size: Size, commands: Sequence[str], repeat: int, usual_repeat: int
) -> SizeResult:
    """Measure every command on one size."""
    _progress(f"{size.name}: generating or reusing the workbook")
    result = SizeResult(size, workbook_path(size))
    _progress(f"{size.name}: {result.path.name}")
    load_before = os.getloadavg()[0]

    # Outputs go to a directory of this run, so runs can overlap.
    with tempfile.TemporaryDirectory(dir=CACHE, prefix="run-") as folder:
        work = Path(folder)
        # The usual way adds the sheets that the step-by-step run saves.
        if "steps" in commands or "usual" in commands:
            measure_steps(result, work)
        for command in commands:
            if command == "steps":
                continue
            times = usual_repeat if command == "usual" else repeat
            if command == "usual" and result.steps_error:
                result.runs[command] = Runs(error="no output sheets to add")
                continue
            result.runs[command] = measure(command, result.path, work, times)
    result.load = (load_before, os.getloadavg()[0])
    result.measured_at = f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M}"
    result.commit = current_commit()
    return result


def save_result(result: SizeResult, folder: Path) -> None:
    """Keep a size's measurements so that a later report can include them."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{result.size.name}.json"
    path.write_text(json.dumps(result.to_json(), indent=1))


def load_result(name: str, folder: Path) -> SizeResult:
    path = folder / f"{name}.json"
    if not path.exists():
        raise SystemExit(f"No saved measurements of size {name} in {folder}.")
    return SizeResult.from_json(json.loads(path.read_text()))


def write_results(text: str, results_path: Path) -> None:
    """Write the report; the default results page also updates the README."""
    results_path.write_text("# Benchmark results\n\n" + text)
    if results_path != RESULTS or not README.exists():
        return
    readme = README.read_text()
    if START_MARK not in readme or END_MARK not in readme:
        return
    head, rest = readme.split(START_MARK, 1)
    _, tail = rest.split(END_MARK, 1)
    README.write_text(f"{head}{START_MARK}\n{text}{END_MARK}{tail}")


def main(argv: Sequence[str] | None = None) -> list[SizeResult]:
    """Measure the sizes, write the results page and return what was measured."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.run", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--sizes", default="S,M,L", help="comma-separated sizes: XS, S, M, L"
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs of each command (median kept)"
    )
    parser.add_argument(
        "--usual-repeat",
        type=int,
        default=None,
        help="runs of the openpyxl round trip; default: --repeat",
    )
    parser.add_argument(
        "--commands",
        default=",".join(("steps", *COMMANDS)),
        help="comma-separated commands to measure: steps (refresh step by "
        "step), floor, check, refresh, usual (runs steps too)",
    )
    parser.add_argument(
        "--results",
        type=Path,
        default=RESULTS,
        help="markdown file to write the results to",
    )
    parser.add_argument(
        "--saved",
        default="",
        help="comma-separated sizes to report from their last saved "
        "measurements instead of measuring them again",
    )
    options = parser.parse_args(argv)
    commands = [name.strip() for name in options.commands.split(",")]
    usual_repeat = options.usual_repeat or options.repeat

    # Measurements are kept beside a results page of one's own, so that a
    # trial run does not replace those behind the default page.
    saved = SAVED if options.results == RESULTS else options.results.parent
    results = [load_result(name, saved) for name in _names(options.saved)]
    command_line = shlex.join(
        ["python", "-m", "benchmarks.run", *(sys.argv[1:] if argv is None else argv)]
    )
    for name in _names(options.sizes):
        result = run_size(SIZES[name], commands, options.repeat, usual_repeat)
        result.command = command_line
        save_result(result, saved)
        results.append(result)
    results.sort(key=lambda result: list(SIZES).index(result.size.name))
    text = report(results, command_line)
    write_results(text, options.results)
    print(text)
    return results


def _names(sizes: str) -> list[str]:
    return [name.strip() for name in sizes.split(",") if name.strip()]


if __name__ == "__main__":
    main()
