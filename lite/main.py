"""salesflow in xlwings Lite: paste this into Lite's main.py editor.

xlwings Lite runs Python inside Excel (Pyodide), so there is no server: the
scripts below run the same refresh as the add-in and the CLI on the open
workbook. The worksheet functions come from ``udfs.functions``; Lite
registers the functions of main.py, so they are imported here by name.
See docs/excel.md for the steps and what Lite needs installed.
"""

import xlwings as xw
from xlwings import script

from addin.excel.desktop import status_text
from addin.excel.refresh import WRITE_ONLY_SHEETS, check_book, refresh_book
from udfs.functions import (  # noqa: F401  (Lite registers them from main.py)
    commission,
    earned_stage,
    forecast_figure,
    funnel,
    process_score,
    win_probability,
)

# NOTE: this file has not run in xlwings Lite; whether python-calamine,
# which the reader imports, installs in Lite's Pyodide is unverified.

# Lite sends these sheets without their values: a refresh rewrites them.
_EXCLUDE = list(WRITE_ONLY_SHEETS)


@script(exclude=_EXCLUDE)
def salesflow_refresh(book: xw.Book):
    """Recompute every salesflow sheet of this workbook."""
    print(status_text(refresh_book(book)))


@script(exclude=_EXCLUDE)
def salesflow_check(book: xw.Book):
    """List the problems in the input sheets on the Issues sheet."""
    print(status_text(check_book(book)))
