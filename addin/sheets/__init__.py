"""Builders that turn engine results into :class:`addin.output.OutputSheet` values.

Each builder takes tables and returns sheet contents; none of them touches
a workbook, so the xlsx writer and the xlwings writer render the same thing.
"""
