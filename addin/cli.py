"""The ``salesflow`` command line: thin wrappers around the reader, engine and writer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.console import Console

from addin import __version__

if TYPE_CHECKING:
    from addin.refresh import RefreshSummary

CONTEXT = {"help_option_names": ["-h", "--help"]}


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, prog_name="salesflow")
def main() -> None:
    """Process-driven sales management on the team's Excel workbook.

    \b
    Example:
      salesflow check examples/export_team.xlsx
    """


def _fail(error: Exception) -> None:
    """Print a salesflow error as one line and exit with its code."""
    from addin.errors import SalesflowError

    code = error.exit_code if isinstance(error, SalesflowError) else 1
    click.echo(f"Error: {error}", err=True)
    raise SystemExit(code)


@main.command()
@click.argument(
    "path", type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "--as-of",
    type=click.DateTime(["%Y-%m-%d"]),
    help="Date to analyse as of (YYYY-MM-DD); default: Settings, then today.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the refreshed workbook here instead of updating PATH in place.",
)
@click.option(
    "--backups",
    type=click.IntRange(0, 100),
    default=3,
    show_default=True,
    help="How many earlier versions to keep in .salesflow-backups/ beside PATH.",
)
def refresh(
    path: Path, as_of: dt.datetime | None, output: Path | None, backups: int
) -> None:
    """Validate the workbook and write salesflow's sheets back into it.

    Only salesflow's own sheets (Issues, Deal audit, Funnel, Scorecard,
    Forecast, History) are added or replaced; every other part of the file
    stays byte for byte the same.

    \b
    Example:
      salesflow refresh team.xlsx --as-of 2026-11-30
    """
    from addin.errors import SalesflowError
    from addin.refresh import refresh_file

    console = Console(stderr=True)
    try:
        with console.status("Reading the workbook") as status:
            result = refresh_file(
                path,
                as_of=as_of.date() if as_of else None,
                output=output,
                backups=backups,
                progress=lambda step: status.update(_STEP_LABELS.get(step, step)),
            )
    except SalesflowError as error:
        _fail(error)
    _print_refresh_summary(result.summary, result.as_of)


_STEP_LABELS = {
    "read": "Reading the workbook",
    "validate": "Checking the entries",
    "stages": "Auditing stages",
    "process": "Scoring the process",
    "funnel": "Building the funnel",
    "forecast": "Forecasting",
    "sheets": "Laying out the sheets",
    "write": "Writing the workbook",
}


def _print_refresh_summary(summary: "RefreshSummary", as_of: dt.date) -> None:
    errors = summary.issues.get("error", 0)
    warnings = summary.issues.get("warning", 0)
    click.echo(f"Refreshed {summary.output} as of {as_of.isoformat()}")
    click.echo(f"  deals read:     {summary.deals:,}")
    click.echo(f"  issues:         {errors:,} errors, {warnings:,} warnings")
    click.echo(f"  sheets written: {', '.join(summary.sheets)}")
    if summary.backup:
        click.echo(f"  backup:         {summary.backup}")
    click.echo(f"  time taken:     {summary.seconds:.1f} s")


@main.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite PATH if it already exists.")
@click.option(
    "--language",
    type=click.Choice(["en", "zh-CN"]),
    default="en",
    show_default=True,
    help="Language of the instructions and of the Language setting.",
)
def new(path: Path, force: bool, language: str) -> None:
    """Write a new, empty team workbook with the default export-trade ladder.

    \b
    Example:
      salesflow new team.xlsx
    """
    from addin.locale import text
    from addin.template import write_template

    if path.exists() and not force:
        click.echo(text("cli.new.exists", path=path), err=True)
        raise SystemExit(2)
    write_template(path, language)
    click.echo(text("cli.new.written", path=path))
