"""Render benchmark results as markdown: times, ratios, memory, steps, machine.

Wall-clock time is what a user waits for, but it rises on a machine that
other programs share. CPU time (user plus system, of the one subprocess) is
steadier under such load, so every ratio is given both ways.
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from benchmarks.generate import SIZES, Size

COMMANDS = ("floor", "check", "refresh", "report", "usual")
_MB = 1024 * 1024


@dataclass
class Runs:
    """Repeated runs of one command on one size."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    """User plus system seconds of the subprocess."""
    peak_bytes: list[int] = field(default_factory=list)
    error: str | None = None

    def median(self, clock: str) -> float | None:
        """Return the median seconds by ``clock``: ``wall`` or ``cpu``."""
        values = self.wall if clock == "wall" else self.cpu
        return statistics.median(values) if values else None

    @property
    def peak(self) -> int | None:
        return max(self.peak_bytes) if self.peak_bytes else None


@dataclass
class SizeResult:
    """Everything measured on one benchmark size."""

    size: Size
    path: Path
    runs: dict[str, Runs] = field(default_factory=dict)
    steps: dict[str, dict[str, float]] = field(default_factory=dict)
    """Clock (``wall``, ``cpu``) -> refresh step -> seconds, in one process."""
    steps_error: str | None = None
    load: tuple[float, float] = (0.0, 0.0)
    """One-minute load average before and after the size was measured."""
    measured_at: str = ""
    """UTC time the size's measurement ended, ``YYYY-MM-DD HH:MM``."""
    commit: str = ""
    """salesflow's commit (``git describe --dirty``) when it was measured."""
    command: str = ""
    """The command line that measured it."""

    def to_json(self) -> dict[str, object]:
        record = asdict(self)
        record["size"] = self.size.name
        record["path"] = str(self.path)
        return record

    @classmethod
    def from_json(cls, record: dict[str, Any]) -> SizeResult:
        runs = {name: Runs(**fields) for name, fields in record.pop("runs").items()}
        return cls(
            **{
                **record,
                "size": SIZES[record["size"]],
                "path": Path(record["path"]),
                "runs": runs,
                "load": tuple(record["load"]),
            }
        )


def report(results: Sequence[SizeResult], command_line: str) -> str:
    """Return the results as markdown."""
    lines = [
        (
            f"Reported with `{command_line}`: medians of the runs counted in "
            "brackets, each command in a fresh subprocess. When each size was "
            "measured is listed under Machine."
        ),
        "",
        "Wall-clock seconds:",
        "",
        *_time_table(results, "wall"),
        "",
        "CPU seconds (user + system of the subprocess):",
        "",
        *_time_table(results, "cpu"),
        "",
        *_memory_table(results),
        "",
        *_steps_table(results),
        "",
        *_targets(results),
        "",
        *_failures(results),
        *_machine(results),
    ]
    return "\n".join(lines) + "\n"


def _ratio(top: Runs | None, bottom: Runs | None, clock: str) -> float | None:
    if top is None or bottom is None:
        return None
    numerator, denominator = top.median(clock), bottom.median(clock)
    if numerator is None or not denominator:
        return None
    return numerator / denominator


def _seconds(runs: Runs | None, clock: str) -> str:
    if runs is None:
        return "not run"
    if runs.error:
        return "failed"
    return f"{runs.median(clock):.2f} ({len(runs.wall)}×)"


def _times(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}×"


def _time_table(results: Sequence[SizeResult], clock: str) -> list[str]:
    lines = [
        (
            "| size | deals | evidence rows | file MiB | floor | check | refresh "
            "| report | usual | check ÷ floor | refresh ÷ floor | report ÷ refresh "
            "| usual ÷ refresh |"
        ),
        "| --- |" + " ---: |" * 12,
    ]
    for result in results:
        runs = result.runs
        floor, check = runs.get("floor"), runs.get("check")
        refresh, usual = runs.get("refresh"), runs.get("usual")
        monthly = runs.get("report")
        cells = [
            result.size.name,
            f"{result.size.deals:,}",
            f"{result.size.evidence:,}",
            f"{result.path.stat().st_size / _MB:.1f}",
            *(_seconds(runs.get(name), clock) for name in COMMANDS),
            _times(_ratio(check, floor, clock)),
            _times(_ratio(refresh, floor, clock)),
            _times(_ratio(monthly, refresh, clock)),
            _times(_ratio(usual, refresh, clock)),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _memory_table(results: Sequence[SizeResult]) -> list[str]:
    lines = [
        "Peak resident memory of each subprocess, MiB (`ru_maxrss` from `wait4`):",
        "",
        "| size | " + " | ".join(COMMANDS) + " |",
        "| --- |" + " ---: |" * len(COMMANDS),
    ]
    for result in results:
        cells = []
        for name in COMMANDS:
            runs = result.runs.get(name)
            peak = None if runs is None else runs.peak
            cells.append("–" if peak is None else f"{peak / _MB:,.0f}")
        lines.append(f"| {result.size.name} | " + " | ".join(cells) + " |")
    return lines


def _steps_table(results: Sequence[SizeResult]) -> list[str]:
    names: list[str] = []
    for result in results:
        names += [name for name in result.steps.get("cpu", {}) if name not in names]
    if not names:
        return ["Refresh step by step: not measured (refresh failed)."]
    lines = [
        (
            "Refresh step by step in one process, CPU seconds. `read` is the "
            "reader and the saved state, `write` the package writer; the steps "
            "between are `compute_sheets` (validation, the engine and the "
            "sheet layout)."
        ),
        "",
        "| size | " + " | ".join(names) + " | compute_sheets | share | wall total |",
        "| --- |" + " ---: |" * (len(names) + 3),
    ]
    for result in results:
        cpu = result.steps.get("cpu")
        if not cpu:
            continue
        compute = sum(
            seconds for name, seconds in cpu.items() if name not in ("read", "write")
        )
        total = sum(cpu.values())
        cells = [f"{cpu.get(name, 0.0):.2f}" for name in names]
        cells += [
            f"{compute:.2f}",
            f"{compute / total:.0%}" if total else "–",
            f"{sum(result.steps['wall'].values()):.2f}",
        ]
        lines.append(f"| {result.size.name} | " + " | ".join(cells) + " |")
    return lines


@dataclass(frozen=True)
class Target:
    label: str
    limit: float
    met: Callable[[float, float], bool]
    relation: str
    measure: Callable[[dict[str, Runs], str], float | None]


TARGETS = (
    Target(
        "refresh ÷ floor",
        3.0,
        lambda value, limit: value <= limit,
        "≤",
        lambda runs, clock: _ratio(runs.get("refresh"), runs.get("floor"), clock),
    ),
    Target(
        "check ÷ floor",
        2.0,
        lambda value, limit: value <= limit,
        "≤",
        lambda runs, clock: _ratio(runs.get("check"), runs.get("floor"), clock),
    ),
    Target(
        "usual way ÷ refresh",
        15.0,
        lambda value, limit: value >= limit,
        "≥",
        lambda runs, clock: _ratio(runs.get("usual"), runs.get("refresh"), clock),
    ),
)


def _targets(results: Sequence[SizeResult]) -> list[str]:
    """State each target on the largest size measured, met or missed."""
    largest = max(results, key=lambda result: result.size.evidence)
    lines = [f"Targets, on size {largest.size.name}:", ""]
    for target in TARGETS:
        verdicts = []
        for clock in ("wall", "cpu"):
            value = target.measure(largest.runs, clock)
            if value is None:
                verdicts.append(f"{clock} not measured")
                continue
            verdict = "met" if target.met(value, target.limit) else "MISSED"
            verdicts.append(f"{clock} {value:.1f}×, {verdict}")
        lines.append(
            f"- {target.label} {target.relation} {target.limit:g}: "
            + "; ".join(verdicts)
        )
    refresh = largest.runs.get("refresh")
    if refresh is not None and refresh.peak is not None:
        peak = refresh.peak / 1e9
        verdict = "met" if peak < 1.5 else "MISSED"
        lines.append(
            f"- refresh peak memory < 1.5 GB: {peak:.2f} GB "
            f"({refresh.peak / _MB:,.0f} MiB), {verdict}"
        )
    return lines


def _failures(results: Sequence[SizeResult]) -> list[str]:
    lines = [
        f"- {result.size.name} {name} failed: {runs.error}"
        for result in results
        for name, runs in result.runs.items()
        if runs.error
    ]
    lines += [
        f"- {result.size.name} refresh step by step failed: {result.steps_error}"
        for result in results
        if result.steps_error
    ]
    return ["Failures:", "", *lines, ""] if lines else []


def _machine(results: Sequence[SizeResult]) -> list[str]:
    packages = ["lxml", "openpyxl", "python-calamine", "pandas", "numpy"]
    versions = ", ".join(f"{name} {_version(name)}" for name in packages)
    sizes = [
        f"  - {result.size.name}: finished {result.measured_at} UTC at commit "
        f"{result.commit}, load average {result.load[0]:.1f} → "
        f"{result.load[1]:.1f}, measured by `{result.command}`"
        for result in results
    ]
    return [
        "Machine:",
        "",
        f"- CPU: {_cpu_model()}, {os.cpu_count()} logical CPUs (`nproc`)",
        f"- memory: {_memory_total()}",
        f"- Python {platform.python_version()} on {platform.platform()}",
        f"- {versions}",
        "- each size (one-minute load average before → after):",
        *sizes,
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
            return f"{fields[1]} total (`free -h`)"
    return "unknown"


def current_commit() -> str:
    describe = subprocess.run(
        ["git", "describe", "--always", "--dirty"],
        check=False,
        capture_output=True,
        text=True,
        cwd=Path(__file__).parent,
    )
    return describe.stdout.strip() or "unknown"
