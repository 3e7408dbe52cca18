"""The monthly report: a separate, formatted workbook built from the engine.

:func:`build_report` returns the report as xlsx bytes for the Excel
add-in, and :func:`write_report` writes it beside the team workbook for
``salesflow report``.
"""

from addin.report.build import build_report, write_report

__all__ = ["build_report", "write_report"]
