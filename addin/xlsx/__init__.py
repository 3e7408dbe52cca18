"""Writing output sheets into the team's .xlsx/.xlsm package, part by part.

Use :func:`write_output_sheets`; the modules below it render one kind of
package part each and never open a workbook themselves.
"""

from addin.xlsx.writeback import WriteResult, write_output_sheets

__all__ = ["WriteResult", "write_output_sheets"]
