"""The ``salesflow`` command line: thin wrappers around the reader, engine and writer."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click
from rich.console import Console

from addin import __version__

if TYPE_CHECKING:
    from addin.model import Issue
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


def _as_of_date(
    ctx: click.Context, param: click.Parameter, value: dt.datetime | None
) -> dt.datetime | None:
    """Reject an --as-of date outside the years that input dates may have."""
    from addin.locale import text
    from addin.values import is_supported_date

    if value is None or is_supported_date(value.date()):
        return value
    message = text("cli.as_of_out_of_range", "en", value=value.date().isoformat())
    raise click.BadParameter(message, ctx, param)


F = TypeVar("F", bound=Callable[..., Any])


def _as_of_option(meaning: str) -> Callable[[F], F]:
    """Return the --as-of option, its help starting with ``meaning``."""
    return click.option(
        "--as-of",
        type=click.DateTime(["%Y-%m-%d"]),
        callback=_as_of_date,
        help=f"{meaning} (YYYY-MM-DD); default: Settings, then today.",
    )


_language_option = click.option(
    "--lang",
    "language",
    type=click.Choice(["en", "zh-CN"]),
    help="Language of the messages and sheets; default: the Language setting.",
)


@main.command()
@click.argument(
    "path", type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@_as_of_option("Date to analyse as of")
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
@_language_option
def refresh(
    path: Path,
    as_of: dt.datetime | None,
    output: Path | None,
    backups: int,
    language: str | None,
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
    from addin.load import workbook_language
    from addin.locale import text
    from addin.refresh import refresh_file

    if output and output.suffix.casefold() != path.suffix.casefold():
        # Excel rejects a package whose extension does not match its type,
        # so a .xlsm with macros written as .xlsx would not open.
        message = text(
            "cli.output_suffix", "en", output=output.name, suffix=path.suffix
        )
        raise click.BadParameter(message, param_hint="'-o' / '--output'")
    console = Console(stderr=True)
    language = language or workbook_language(path)
    try:
        with console.status(text("cli.step.read", language)) as status:
            result = refresh_file(
                path,
                as_of=as_of.date() if as_of else None,
                output=output,
                backups=backups,
                language=language,
                progress=lambda step: status.update(
                    text(f"cli.step.{step}", language)
                ),
            )
    except SalesflowError as error:
        _fail(error)
    _print_refresh_summary(
        result.summary, result.as_of, result.book.settings.language
    )


@main.command()
@click.argument(
    "path", type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option("--json", "as_json", is_flag=True, help="Print the issues as JSON.")
@_as_of_option("Date to check as of")
@_language_option
def check(
    path: Path, as_json: bool, as_of: dt.datetime | None, language: str | None
) -> None:
    """List every problem in the workbook's inputs, with its cell.

    Exits with 0 when there are no errors (warnings allowed), 1 when there
    are errors and 2 when the file cannot be read.

    \b
    Example:
      salesflow check team.xlsx --json > issues.json
    """
    from addin.errors import SalesflowError
    from addin.load import load_team_book
    from addin.sheets.issues import sort_issues

    try:
        day = as_of.date() if as_of else None
        book, issues = load_team_book(path, day, language)
    except SalesflowError as error:
        _fail(error)
    issues = sort_issues(issues)
    if as_json:
        click.echo(json.dumps([issue.as_dict() for issue in issues], indent=2,
                              ensure_ascii=False))
    else:
        _print_issues(issues, path, book.settings.language)
    raise SystemExit(1 if any(i.severity == "error" for i in issues) else 0)


def _print_issues(issues: list[Issue], path: Path, language: str) -> None:
    """Print issues grouped by severity and sheet: rich on a terminal, else plain."""
    from addin.locale import text

    console = Console(highlight=False)
    errors = sum(issue.severity == "error" for issue in issues)
    warnings = len(issues) - errors
    for severity, count in (("error", errors), ("warning", warnings)):
        if not count:
            continue
        heading = text(f"cli.check.{severity}s", language, count=count)
        if console.is_terminal:
            _print_rich_group(console, heading, severity, issues, language)
        else:
            _print_plain_group(heading, severity, issues, language)
    summary_key = "cli.check.summary" if issues else "cli.check.clean"
    click.echo(text(summary_key, language, path=path, errors=errors, warnings=warnings))


def _print_plain_group(
    heading: str, severity: str, issues: list[Issue], language: str
) -> None:
    from addin.locale import text

    click.echo(heading)
    sheet = None
    for issue in issues:
        if issue.severity != severity:
            continue
        if issue.sheet != sheet:
            sheet = issue.sheet
            click.echo(f"  {sheet}")
        deal = text("cli.check.deal", language, deal=issue.deal) if issue.deal else ""
        click.echo(f"    {issue.location}  {deal}{issue.message}")
        click.echo(f"      {text('cli.check.fix', language, fix=issue.fix)}")
    click.echo("")


def _print_rich_group(
    console: Console,
    heading: str,
    severity: str,
    issues: list[Issue],
    language: str,
) -> None:
    from rich.markup import escape
    from rich.table import Table

    from addin.locale import text

    style = "bold red" if severity == "error" else "bold yellow"
    table = Table(title=heading, title_style=style, title_justify="left",
                  show_lines=True, expand=True)
    for key in ("location", "deal", "message", "fix"):
        table.add_column(text(f"issues.col.{key}", language), overflow="fold")
    for issue in issues:
        if issue.severity == severity:
            # Typed values may contain brackets, which rich reads as markup.
            cells = (issue.location, issue.deal, issue.message, issue.fix)
            table.add_row(*(escape(cell) for cell in cells))
    console.print(table)




def _print_refresh_summary(
    summary: RefreshSummary, as_of: dt.date, language: str
) -> None:
    from addin.locale import text

    fields = {
        "path": summary.output,
        "as_of": as_of.isoformat(),
        "deals": summary.deals,
        "errors": summary.issues.get("error", 0),
        "warnings": summary.issues.get("warning", 0),
        "sheets": ", ".join(summary.sheets),
        "backup": summary.backup,
        "seconds": summary.seconds,
    }
    lines = ["title", "deals", "issues", "sheets", "backup", "seconds"]
    for line in lines:
        if line != "backup" or summary.backup:
            click.echo(text(f"cli.refresh.{line}", language, **fields))


@main.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite PATH if it already exists.")
@click.option(
    "--language",
    "--lang",
    "language",
    type=click.Choice(["en", "zh-CN"]),
    default="en",
    show_default=True,
    help=(
        "Language of the sheet names, headers, instructions, default ladder "
        "and Language setting."
    ),
)
def new(path: Path, force: bool, language: str) -> None:
    """Write a new team workbook with the default ladder.

    \b
    Example:
      salesflow new team.xlsx
      salesflow new team.xlsx --lang zh-CN
    """
    from addin.errors import SalesflowError
    from addin.locale import text
    from addin.template import write_template

    if path.exists() and not force:
        click.echo(text("cli.new.exists", language, path=path), err=True)
        raise SystemExit(2)
    try:
        write_template(path, language)
    except SalesflowError as error:
        _fail(error)
    click.echo(text("cli.new.written", language, path=path))


@main.command()
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Address to listen on."
)
@click.option(
    "--port", type=click.IntRange(1, 65535), default=8000, show_default=True,
    help="TCP port to listen on.",
)
@click.option(
    "--certfile", type=click.Path(exists=True, dir_okay=False),
    help="TLS certificate (PEM) for HTTPS, which Excel requires.",
)
@click.option(
    "--keyfile", type=click.Path(exists=True, dir_okay=False),
    help="Private key (PEM) of --certfile.",
)
def serve(host: str, port: int, certfile: str | None, keyfile: str | None) -> None:
    """Serve the Excel add-in (xlwings Server) for Excel to load.

    Needs an xlwings license key in XLWINGS_LICENSE_KEY: "noncommercial" for
    development and non-commercial use, a paid key for commercial use.

    \b
    Example:
      salesflow serve --certfile localhost.pem --keyfile localhost-key.pem
    """
    import xlwings

    from addin.excel.server import run
    from addin.locale import text

    if bool(certfile) != bool(keyfile):
        click.echo(text("cli.serve.cert_pair"), err=True)
        raise SystemExit(2)
    try:
        run(host, port, certfile, keyfile)
    except xlwings.LicenseError as error:
        click.echo(text("cli.serve.license", error=error), err=True)
        raise SystemExit(2) from None


@main.command()
@click.argument(
    "path", type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "--json", "as_json", is_flag=True, help="Print the scores and periods as JSON."
)
@_as_of_option("Last day of the backtest")
@click.option(
    "--simulations",
    type=click.IntRange(1, 1_000_000),
    help="Simulated futures per period; default: the Settings value.",
)
@click.option("--reps", is_flag=True, help="Also print each rep's scores.")
def backtest(
    path: Path,
    as_json: bool,
    as_of: dt.datetime | None,
    simulations: int | None,
    reps: bool,
) -> None:
    """Replay each finished period's forecast against what was won.

    The forecast of each period is rebuilt from the deals, evidence and closes
    dated before the period started, and compared with the amount won in it.
    Prints, per method, the mean accuracy, MAPE, bias and how often the
    actual fell within P10-P90.

    \b
    Example:
      salesflow backtest examples/maven_crm.xlsx --json > backtest.json
    """
    import json

    from addin.engine.backtest import backtest as run_backtest
    from addin.errors import SalesflowError
    from addin.load import load_team_book

    day = as_of.date() if as_of else None
    try:
        book, _ = load_team_book(path, day)
    except SalesflowError as error:
        _fail(error)
    day = day or book.settings.effective_as_of()
    result = run_backtest(book, day, simulations)
    if as_json:
        click.echo(json.dumps(_backtest_json(result, day), indent=2, ensure_ascii=False))
    else:
        _print_backtest(result, day, reps, book.settings.language)


def _report_month(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """Check --month before the workbook is read, so a typo fails fast."""
    from addin.report.content import ReportMonthError, parse_month

    try:
        return parse_month(value).label
    except ReportMonthError as error:
        raise click.BadParameter(str(error), ctx, param) from None


@main.command()
@click.argument(
    "path", type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "--month",
    required=True,
    callback=_report_month,
    help="Month to report, as YYYY-MM.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report here; default: PATH's stem + -report-YYYY-MM.xlsx "
    "beside PATH.",
)
@_language_option
def report(
    path: Path, month: str, output: Path | None, language: str | None
) -> None:
    """Write the monthly report as a separate, formatted workbook.

    The report has a Summary sheet (won amount against quota, process
    score, luck share, shape diagnoses, forecast accuracy, input issues and
    three charts) and one sheet per rep with the commission statement.
    Figures are computed as of the month's last day, or the workbook's
    as-of date when that falls inside the month. Exits with 2 for an
    invalid month and 1 for a month with no data.

    \b
    Example:
      salesflow report examples/export_team.xlsx --month 2026-11
    """
    from addin.errors import SalesflowError
    from addin.load import workbook_language
    from addin.locale import text
    from addin.report.build import default_output, write_report

    console = Console(stderr=True)
    language = language or workbook_language(path)
    try:
        with console.status(text("report.progress", language, month=month)):
            written = write_report(path, month, output, language=language)
    except SalesflowError as error:
        _fail(error)
    except OSError as error:
        target = output or default_output(path, month)
        message = text("report.error.write", language, path=target, error=error)
        click.echo(f"Error: {message}", err=True)
        raise SystemExit(1) from None
    click.echo(text("report.written", language, month=month, path=written))


def _backtest_json(result, as_of: dt.date) -> dict:
    """Return the backtest as plain JSON values; the team's scope is null."""

    def records(table) -> list[dict]:
        table = table.astype(object).where(table.notna(), None)
        rows = table.to_dict("records")
        for row in rows:
            row["scope"] = row["scope"] or None
            if "start" in row:
                row["start"] = row["start"].isoformat()
        return rows

    return {
        "as_of": as_of.isoformat(),
        "skipped_periods": result.skipped,
        "scores": records(result.scores),
        "periods": records(result.periods),
    }


def _print_backtest(result, as_of: dt.date, reps: bool, language: str) -> None:
    from rich.table import Table

    from addin.locale import text

    console = Console()
    if not console.is_terminal:
        # Piped output has no width to fit; keep the amount columns whole.
        console = Console(width=120)
    console.print(text("backtest.title", language, as_of=as_of.isoformat()))
    if result.scores.empty:
        console.print(text("backtest.none", language))
        return
    if result.skipped:
        skipped = ", ".join(result.skipped)
        console.print(text("backtest.skipped", language, periods=skipped))

    headers = ["mean_accuracy", "mape", "bias", "range_coverage"]
    scopes = result.scores["scope"].unique()
    for scope in scopes if reps else scopes[:1]:
        title = scope or text("forecast.team", language)
        table = Table(title=title, title_justify="left")
        table.add_column(text("backtest.col.method", language))
        table.add_column(text("backtest.col.periods", language), justify="right")
        for header in headers:
            table.add_column(text(f"backtest.col.{header}", language), justify="right")
        for row in result.scores[result.scores["scope"] == scope].itertuples():
            table.add_row(
                text(f"backtest.method.{row.method}", language),
                str(row.periods),
                *(_percent(getattr(row, header)) for header in headers),
            )
        console.print(table)
    console.print(_backtest_periods_table(result.periods, language))


def _backtest_periods_table(periods, language: str):
    """Return the team's actual and forecasts of each backtested period."""
    from rich.table import Table

    from addin.locale import text

    columns = ["actual", "stage_weighted", "evidence_based", "p10", "p50", "p90"]
    table = Table(title_justify="left")
    table.add_column(text("forecast.col.period", language))
    for column in columns:
        table.add_column(text(f"forecast.col.{column}", language), justify="right")
    for row in periods[periods["scope"] == ""].itertuples():
        table.add_row(row.period, *(f"{getattr(row, column):,.0f}" for column in columns))
    return table


def _percent(value: float) -> str:
    import math

    return "-" if math.isnan(value) else f"{value:.1%}"
