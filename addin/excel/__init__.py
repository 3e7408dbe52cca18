"""The Excel side of salesflow: the same refresh, run through xlwings.

Excel hands the workbook to Python in one of three ways, and all of them end
in an ``xw.Book``: the Office.js add-in posts the workbook as JSON to the
FastAPI app in :mod:`addin.excel.server` (xlwings Server), xlwings Lite runs
the scripts inside Excel, and the classic desktop add-in calls
``xw.Book.caller()``. :mod:`addin.excel.read` reads the input tables from
that book, :func:`addin.refresh.compute_sheets` computes the output sheets,
and :mod:`addin.excel.write` writes them back through xlwings.
"""
