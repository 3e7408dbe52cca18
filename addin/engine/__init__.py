"""Sales arithmetic as pure functions of the TeamBook's tables.

Nothing in this package reads or writes files or logs; the refresh pipeline,
the worksheet functions and the CLI call it with parsed tables.
"""
