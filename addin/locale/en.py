"""English texts. Keys are grouped by the part of salesflow that shows them."""

TEXTS: dict[str, str] = {
    # shared words
    "common.yes": "Yes",
    "common.no": "No",
    # addin/sheets/deal_audit.py
    "audit.title": "Deal audit as of {as_of}: {deals} deals",
    "audit.col.deal_id": "Deal ID",
    "audit.col.customer": "Customer",
    "audit.col.rep": "Rep",
    "audit.col.status": "Status",
    "audit.col.amount": "Amount",
    "audit.col.declared_stage": "Declared stage",
    "audit.col.earned_stage": "Earned stage",
    "audit.col.premature": "Premature",
    "audit.col.criteria_met": "Criteria met",
    "audit.col.criteria_required": "Criteria required",
    "audit.col.missing_actions": "Missing customer actions",
    "audit.col.days_in_stage": "Days in stage",
    "audit.col.stuck": "Stuck",
    "audit.col.next_step": "Next step",
    "audit.col.process_score": "Process score",
    "audit.col.skipped_stages": "Skipped stages",
    "audit.col.won_class": "Won-deal class",
    # addin/sheets/issues.py
    "issues.title": "Issues in the inputs as of {as_of}: {errors} errors, {warnings} warnings",
    "issues.severity.error": "Error",
    "issues.severity.warning": "Warning",
    "issues.col.severity": "Severity",
    "issues.col.location": "Location",
    "issues.col.deal": "Deal",
    "issues.col.message": "Message",
    "issues.col.fix": "Fix",
    "issues.none": "No problems found in the inputs.",
    # addin/values.py
    "value.excel_error": "The cell shows the Excel error {value}.",
    "value.excel_error.fix": (
        "Correct the formula or the cell it refers to, or type the value."
    ),
    "value.date_serial": (
        "The date {value} is stored as a plain number; it was read as {date}."
    ),
    "value.date_serial.fix": (
        "Format the cell as a date (Format Cells > Date) so that it shows {date}."
    ),
    "value.date_text": "The date {value} is stored as text; it was read as {date}.",
    "value.date_text.fix": (
        "Retype it as a real date ({date}) so that Excel stores a date, "
        "not text."
    ),
    "value.date_ambiguous": (
        "The date {value} is ambiguous: it can be day/month ({day_month}) or "
        "month/day ({month_day})."
    ),
    "value.date_ambiguous.fix": (
        "Type the date unambiguously as year-month-day, for example "
        "{month_day} or {day_month}."
    ),
    "value.date_short_year": (
        "The date {value} has a two-digit year, so its year, month and day "
        "cannot be told apart."
    ),
    "value.date_short_year.fix": (
        "Type the date as year-month-day with a four-digit year, for "
        "example 2026-11-03."
    ),
    "value.date_invalid": "{value} is not a valid date.",
    "value.date_invalid.fix": (
        "Type a date as year-month-day, for example 2024-03-15."
    ),
    "value.amount_ambiguous": (
        "The amount {value} is ambiguous: its separator can be a decimal "
        "point or a thousands separator."
    ),
    "value.amount_ambiguous.fix": (
        "Type the amount as a plain number with a dot for decimals and no "
        "thousands separator, for example 12.5 or 12500."
    ),
    "value.amount_invalid": "{value} is not a valid amount.",
    "value.amount_invalid.fix": (
        "Type a number such as 1200 or 1200.50, and the currency in the "
        "Currency column."
    ),
    "value.number_ambiguous": (
        "The number {value} is ambiguous: its separator can be a decimal "
        "point or a thousands separator."
    ),
    "value.number_ambiguous.fix": (
        "Type a plain number with a dot for decimals and no thousands "
        "separator, for example 12.5 or 12500."
    ),
    "value.number_invalid": "{value} is not a valid number.",
    "value.number_invalid.fix": "Type a plain number, for example 14 or 0.5.",
    "value.percent_ambiguous": (
        "The percentage {value} is ambiguous: its separator can be a decimal "
        "point or a thousands separator."
    ),
    "value.percent_ambiguous.fix": (
        "Type the percentage with a dot for decimals, for example 12.5%."
    ),
    "value.percent_invalid": "{value} is not a valid percentage.",
    "value.percent_invalid.fix": "Type a percentage, for example 2% or 90%.",
    "value.percent_one": "The percentage {value} was read as 100 %.",
    "value.percent_one.fix": "Type 1% if you meant one percent.",
    "value.id_rounded": (
        "The ID {value} was typed as a number with more than 15 digits, so "
        "Excel has already rounded its last digits."
    ),
    "value.id_rounded.fix": (
        "Retype the ID as text, starting with an apostrophe ('), and check "
        "its digits against the original."
    ),
    "value.id_invalid": "{value} is not a valid ID.",
    "value.id_invalid.fix": "Type the ID as text or a whole number.",
    "value.yesno_invalid": "{value} is not Yes or No.",
    "value.yesno_invalid.fix": "Type Yes or No.",
    "value.status_invalid": "{value} is not a deal status.",
    "value.status_invalid.fix": (
        "Type Open, Won or Lost (the closest is '{closest}')."
    ),
    "value.currency_invalid": "{value} is not a currency code.",
    "value.currency_invalid.fix": (
        "Type a three-letter ISO 4217 code, for example USD, EUR or CNY."
    ),
}
