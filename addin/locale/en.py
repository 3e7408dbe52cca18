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
}
