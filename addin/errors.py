"""Exceptions raised by salesflow; the CLI and the add-in catch the base class."""


class SalesflowError(Exception):
    """Base class of every error salesflow raises on purpose."""

    exit_code = 1


class WorkbookError(SalesflowError):
    """The workbook cannot be opened or read: wrong type, damaged, protected."""

    exit_code = 2


class WriteError(SalesflowError):
    """The workbook cannot be written safely; the original is left as it was."""

    exit_code = 1
