"""Measure refresh and check against the floor and the usual openpyxl way.

For each size, in one run, every command runs in a fresh subprocess, so that
its peak memory (``ru_maxrss`` from ``wait4``) is its own:

- floor: inflate the sheet parts and tokenize their XML (see
  :mod:`benchmarks.probes`);
- check: ``salesflow check PATH --as-of DATE``;
- refresh: ``salesflow refresh PATH -o OUT --as-of DATE --backups 0``;
- usual: openpyxl ``load_workbook`` in full mode, the same output sheets
  added, ``save``.

Times are wall-clock seconds of the whole subprocess, interpreter start and
imports included, except that the usual way's load of the precomputed
sheets is subtracted. One more subprocess runs refresh step by step to
split its time between reading, validation, the engine and writing.

Usage::

    python -m benchmarks.run --sizes S,M,L --repeat 3
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from benchmarks.generate import AS_OF, CACHE, SIZES, Size, workbook_path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results.md"
README = HERE / "README.md"
START_MARK = "<!-- results:start -->"
END_MARK = "<!-- results:end -->"
COMMANDS = ("floor", "check", "refresh", "usual")

_CLI = "import sys; sys.argv[0] = 'salesflow'; from addin.cli import main; main()"
_CHECK_EXIT_CODES = (0, 1)
"""salesflow check exits 1 when the workbook has errors, which is a result."""
_MB = 1024 * 1024


@dataclass
class Runs:
    """Repeated runs of one command on one size."""

    seconds: list[float] = field(default_factory=list)
    peak_bytes: list[int] = field(default_factory=list)
    error: str | None = None

    @property
    def median(self) -> float | None:
        return statistics.median(self.seconds) if self.seconds else None

    @property
    def peak(self) -> int | None:
        return max(self.peak_bytes) if self.peak_bytes else None


@dataclass
class SizeResult:
    """Everything measured on one benchmark size."""

    size: Size
    path: Path
    runs: dict[str, Runs] = field(default_factory=dict)
    steps: dict[str, float] = field(default_factory=dict)
    """Refresh step -> seconds, from the step-by-step subprocess."""
    steps_error: str | None = None


@dataclass
class Child:
    """One finished subprocess."""

    seconds: float
    peak_bytes: int
    returncode: int
    stdout: str
    stderr: str


def run_child(argv: Sequence[str], work: Path) -> Child:
    """Run a command and return its wall time, peak resident memory and output.

    ``os.wait4`` returns the resource usage of that one child, so the peak
    is the subprocess's own, not the maximum over earlier children.
    """
    out_path, err_path = work / "child.out", work / "child.err"
    with out_path.open("wb") as out, err_path.open("wb") as err:
        started = time.perf_counter()
        process = subprocess.Popen(argv, stdout=out, stderr=err, cwd=HERE.parent)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return Child(
        seconds=seconds,
        peak_bytes=usage.ru_maxrss * 1024,  # Linux reports kilobytes
        returncode=process.returncode,
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
        seconds = child.seconds
        if command == "usual":
            seconds -= json.loads(child.stdout)["setup"]
        runs.seconds.append(seconds)
        runs.peak_bytes.append(child.peak_bytes)
        _progress(f"  {command}: {seconds:.2f} s, {child.peak_bytes / _MB:.0f} MB")
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
    steps = ", ".join(f"{name} {seconds:.2f}" for name, seconds in result.steps.items())
    _progress(f"  steps: {steps}")


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

    # Outputs go to a directory of this run, so runs can overlap.
    with tempfile.TemporaryDirectory(dir=CACHE, prefix="run-") as folder:
        work = Path(folder)
        measure_steps(result, work)
        for command in commands:
            times = usual_repeat if command == "usual" else repeat
            if command == "usual" and result.steps_error:
                result.runs[command] = Runs(error="no output sheets to add")
                continue
            result.runs[command] = measure(command, result.path, work, times)
    return result


# --- the report -----------------------------------------------------------


def report(results: Sequence[SizeResult], command_line: str) -> str:
    """Return the results as markdown: times, memory, ratios, steps, machine."""
    lines = [
        (
            f"Measured {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC with "
            f"`{command_line}` on the machine described below."
        ),
        "",
        *_times_table(results),
        "",
        *_steps_table(results),
        "",
        *_targets(results),
        "",
        *_machine(),
    ]
    return "\n".join(lines) + "\n"


def _seconds(runs: Runs | None) -> str:
    if runs is None:
        return "not run"
    if runs.error:
        return "failed"
    return f"{runs.median:.2f} s ({len(runs.seconds)}×)"


def _ratio(top: Runs | None, bottom: Runs | None) -> str:
    if not top or not bottom or top.median is None or not bottom.median:
        return "–"
    return f"{top.median / bottom.median:.1f}×"


def _megabytes(runs: Runs | None) -> str:
    return "–" if runs is None or runs.peak is None else f"{runs.peak / _MB:,.0f}"


def _times_table(results: Sequence[SizeResult]) -> list[str]:
    lines = [
        (
            "| size | deals | evidence | file MB | floor | check | refresh | usual "
            "| check ÷ floor | refresh ÷ floor | usual ÷ refresh "
            "| peak MB floor / check / refresh / usual |"
        ),
        (
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
            "| ---: | ---: |"
        ),
    ]
    for result in results:
        runs = result.runs
        floor, check = runs.get("floor"), runs.get("check")
        refresh, usual = runs.get("refresh"), runs.get("usual")
        peaks = " / ".join(_megabytes(runs.get(name)) for name in COMMANDS)
        lines.append(
            f"| {result.size.name} | {result.size.deals:,} "
            f"| {result.size.evidence:,} "
            f"| {result.path.stat().st_size / _MB:.1f} "
            f"| {_seconds(floor)} | {_seconds(check)} | {_seconds(refresh)} "
            f"| {_seconds(usual)} | {_ratio(check, floor)} "
            f"| {_ratio(refresh, floor)} | {_ratio(usual, refresh)} | {peaks} |"
        )
    errors = [
        f"- {result.size.name} {name} failed: {runs.error}"
        for result in results
        for name, runs in result.runs.items()
        if runs.error
    ]
    return lines + ([""] + errors if errors else [])


def _steps_table(results: Sequence[SizeResult]) -> list[str]:
    names: list[str] = []
    for result in results:
        names += [name for name in result.steps if name not in names]
    if not names:
        return ["Refresh step by step: not measured (refresh failed)."]
    lines = [
        (
            "Refresh step by step, in one process (seconds; `read` is the reader "
            "and the saved state, `write` the package writer, the rest is "
            "`compute_sheets`):"
        ),
        "",
        "| size | " + " | ".join(names) + " | compute_sheets | share of compute |",
        "| --- |" + " ---: |" * (len(names) + 2),
    ]
    for result in results:
        if not result.steps:
            continue
        cells = [f"{result.steps.get(name, 0.0):.2f}" for name in names]
        compute = sum(
            seconds
            for name, seconds in result.steps.items()
            if name not in ("read", "write")
        )
        total = sum(result.steps.values())
        share = f"{compute / total:.0%}" if total else "–"
        lines.append(
            f"| {result.size.name} | "
            + " | ".join(cells)
            + f" | {compute:.2f} | {share} |"
        )
    return lines


def _targets(results: Sequence[SizeResult]) -> list[str]:
    """State each target on the largest size measured, met or missed."""
    largest = max(results, key=lambda result: result.size.evidence)
    runs = largest.runs
    floor, check = runs.get("floor"), runs.get("check")
    refresh, usual = runs.get("refresh"), runs.get("usual")
    checks = [
        ("refresh within 3× the floor", _ratio_value(refresh, floor), 3.0, "≤"),
        ("check within 2× the floor", _ratio_value(check, floor), 2.0, "≤"),
        (
            "usual way at least 15× slower than refresh",
            _ratio_value(usual, refresh),
            15.0,
            "≥",
        ),
        (
            "refresh peak memory under 1.5 GB",
            refresh.peak / 1e9 if refresh and refresh.peak else None,
            1.5,
            "<",
        ),
    ]
    lines = [f"Targets, on size {largest.size.name}:", ""]
    for label, value, limit, relation in checks:
        if value is None:
            lines.append(f"- {label}: not measured")
            continue
        met = (
            value <= limit
            if relation == "≤"
            else (value >= limit if relation == "≥" else value < limit)
        )
        verdict = "met" if met else "MISSED"
        lines.append(f"- {label}: {value:.2f} ({relation} {limit:g}), {verdict}")
    return lines


def _ratio_value(top: Runs | None, bottom: Runs | None) -> float | None:
    if not top or not bottom or top.median is None or not bottom.median:
        return None
    return top.median / bottom.median


def _machine() -> list[str]:
    packages = ["lxml", "openpyxl", "python-calamine", "pandas", "numpy"]
    versions = ", ".join(f"{name} {_version(name)}" for name in packages)
    return [
        "Machine:",
        "",
        f"- CPU: {_cpu_model()}, {os.cpu_count()} logical CPUs (`nproc`)",
        f"- memory: {_memory_total()}",
        f"- Python {platform.python_version()} on {platform.platform()}",
        f"- {versions}",
        f"- salesflow at commit {_commit()}",
    ]


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def _memory_total() -> str:
    try:
        free = subprocess.run(
            ["free", "-h"], check=False, capture_output=True, text=True
        )
    except OSError:
        return "unknown"
    for line in free.stdout.splitlines():
        if line.startswith("Mem:"):
            fields = line.split()
            return f"{fields[1]} total, {fields[-1]} available (`free -h`)"
    return "unknown"


def _commit() -> str:
    describe = subprocess.run(
        ["git", "describe", "--always", "--dirty"],
        check=False,
        capture_output=True,
        text=True,
        cwd=HERE,
    )
    return describe.stdout.strip() or "unknown"


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


def main(argv: Sequence[str] | None = None) -> str:
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
        default=",".join(COMMANDS),
        help="comma-separated commands to measure: floor, check, refresh, usual",
    )
    parser.add_argument(
        "--results",
        type=Path,
        default=RESULTS,
        help="markdown file to write the results to",
    )
    options = parser.parse_args(argv)
    commands = [name.strip() for name in options.commands.split(",")]
    usual_repeat = options.usual_repeat or options.repeat

    results = [
        run_size(SIZES[name.strip()], commands, options.repeat, usual_repeat)
        for name in options.sizes.split(",")
    ]
    command_line = "python -m benchmarks.run " + " ".join(
        sys.argv[1:] if argv is None else argv
    )
    text = report(results, command_line.strip())
    write_results(text, options.results)
    print(text)
    return text


if __name__ == "__main__":
    main()
