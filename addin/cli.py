"""The ``salesflow`` command line: thin wrappers around the reader, engine and writer."""

from __future__ import annotations

import click

from addin import __version__

CONTEXT = {"help_option_names": ["-h", "--help"]}


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, prog_name="salesflow")
def main() -> None:
    """Process-driven sales management on the team's Excel workbook.

    \b
    Example:
      salesflow check examples/export_team.xlsx
    """
