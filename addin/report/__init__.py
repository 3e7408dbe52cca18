"""The monthly report: a separate, formatted workbook built from the engine.

:func:`addin.report.build.build_report` returns the report as xlsx bytes
for the Excel add-in, and :func:`addin.report.build.write_report` writes it
beside the team workbook for ``salesflow report``.
"""
