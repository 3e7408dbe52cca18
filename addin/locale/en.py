"""English texts. Keys are grouped by the part of salesflow that shows them."""

TEXTS: dict[str, str] = {
    "reader.rows_below_table": (
        "Rows {first} to {last} are typed under the Excel Table {table} but "
        "are not part of it; salesflow read them as rows of the table."
    ),
    "reader.rows_below_table.fix": (
        "Resize the Table {table} over rows {first} to {last} (Table Design > "
        "Resize Table, or drag its corner), so that its dropdowns and formats "
        "apply to them."
    ),
    "validate.missing_tables": (
        "{path} has no {sheets} table, so there is nothing to analyse. Open "
        "the team workbook, or add the missing sheets with the headers of "
        "a new workbook (salesflow new team.xlsx writes one)."
    ),
    # addin/template.py
    "template.property.title": "salesflow team workbook",
    "template.property.description": (
        "Team workbook for salesflow: stage ladder, criteria, team, deals, "
        "evidence and settings."
    ),
    "template.instructions.sheet": "Instructions",
    "template.instructions.title": "salesflow team workbook",
    "template.instructions.intro": (
        "This workbook is the team's record of every customer opportunity. "
        "Reps and the manager type into the Process, Criteria, Team, Deals, "
        "Evidence and Settings sheets. salesflow reads them and writes its "
        "analysis to sheets of its own (Issues, Deal audit, Funnel, "
        "Scorecard, Forecast, History); it never changes a cell you typed."
    ),
    "template.instructions.rep_heading": "For reps",
    "template.instructions.rep_deals": (
        "Add one row to Deals for each customer opportunity: a unique Deal "
        "ID, the customer, the product, the amount and its currency, and "
        "the date you created the deal."
    ),
    "template.instructions.rep_evidence": (
        "Each time the customer does one of the actions on the Criteria "
        "sheet, add a row to Evidence: the date the customer acted, the "
        "Deal ID, the criterion and the proof, for example "
        "\"PI No. 2026-118 signed\"."
    ),
    "template.instructions.rep_customer_actions": (
        "Log what the customer did, not what you did. A call you made is "
        "not evidence; the customer's e-mail confirming the specifications "
        "is."
    ),
    "template.instructions.rep_stage": (
        "Set Stage to the stage the deal has reached. salesflow compares it "
        "with the evidence and reports a stage that the evidence does not "
        "support yet."
    ),
    "template.instructions.rep_status": (
        "Keep Status up to date: Open while the deal is alive, Won with the "
        "Closed on date when the customer orders, Lost with the Closed on "
        "date and the lost reason when the deal is gone."
    ),
    "template.instructions.manager_heading": "For the manager",
    "template.instructions.manager_ladder": (
        "Design the stage ladder on the Process sheet: one row per stage, in "
        "order, with its goal, the playbook of rep actions that moves a deal "
        "to the next stage, the maximum days a deal may sit in the stage and "
        "your own estimate of the win chance. The last stage is the order."
    ),
    "template.instructions.manager_criteria": (
        "Write the exit criteria of each stage on the Criteria sheet as "
        "customer actions, with the customer as the subject (\"Customer pays "
        "the sample fee\"). Never list rep activity such as \"sent the "
        "quotation\". Required criteria gate the stage; optional ones only "
        "add to the process score."
    ),
    "template.instructions.manager_team": (
        "List every rep on the Team sheet with the monthly quota in the "
        "reporting currency and the commission rate."
    ),
    "template.instructions.manager_settings": (
        "On the Settings sheet, set the reporting currency, the exchange "
        "rate of every currency the team sells in, the commission curve and "
        "the luck threshold."
    ),
    "template.instructions.manager_refresh": (
        "Press Refresh on the salesflow tab in Excel, or run "
        "\"salesflow refresh\" on this file, to update the analysis sheets. "
        "\"salesflow check\" lists the problems in the inputs without "
        "changing the file."
    ),
    "template.instructions.settings_heading": "Settings",
    "template.instructions.settings_currency": (
        "Reporting currency: every amount is converted into it. A rate says "
        "how many units of the reporting currency one unit of the currency "
        "is worth."
    ),
    "template.instructions.settings_rates": (
        "The rates in a new workbook are rough illustrative rates. Replace "
        "them with the rates your company books at."
    ),
    "template.instructions.settings_as_of": (
        "As-of date: the date the analysis is made for. Leave it blank for "
        "today, or set it to reproduce an earlier refresh."
    ),
    "template.instructions.settings_scores": (
        "Luck threshold: a won deal whose process score is below it counts "
        "as luck. Forecast simulations: how many simulated futures the "
        "forecast range is drawn from. Backfill days: evidence logged more "
        "than this many days after the customer acted counts for less."
    ),
    "template.instructions.settings_curve": (
        "Commission curve: a deal whose process score is at or above Min "
        "score pays Payout % of its commission by result."
    ),
    "template.settings.title": "Settings",
    "template.rates.title": (
        "Exchange rates (rough illustrative rates: replace them with yours)"
    ),
    "template.rates.title_plain": "Exchange rates",
    "template.curve.title": "Commission curve",
    # addin/samples/
    "samples.maven.title": "salesflow sample: Maven CRM sales opportunities",
    "samples.maven.notice": (
        "Sample built by examples/build_maven.py from the public data set "
        "\"CRM Sales Opportunities\" (Maven Analytics Data Playground, public "
        "domain). examples/data/maven_crm/PROVENANCE.md explains how its "
        "columns map onto this workbook."
    ),
    "samples.export_team.title": "salesflow sample: export team (generated)",
    "samples.export_team.notice": (
        "Generated sample: every company, person, amount and date in this "
        "workbook was made up by examples/build_export_team.py (seed {seed}). "
        "It contains input errors planted on purpose, listed in "
        "examples/export_team_faults.json."
    ),
    "cli.new.exists": (
        "Error: {path} already exists. Choose another path, or add --force "
        "to overwrite it."
    ),
    "cli.check.errors": "Errors ({count})",
    "cli.check.warnings": "Warnings ({count})",
    "cli.check.deal": "deal {deal}: ",
    "cli.check.fix": "Fix: {fix}",
    "cli.check.summary": "{path}: errors {errors}, warnings {warnings}.",
    "cli.check.clean": "{path}: no problems found.",
    "cli.step.read": "Reading the workbook",
    "cli.step.validate": "Checking the entries",
    "cli.step.stages": "Auditing stages",
    "cli.step.process": "Scoring the process",
    "cli.step.funnel": "Building the funnel",
    "cli.step.forecast": "Forecasting",
    "cli.step.sheets": "Laying out the sheets",
    "cli.step.write": "Writing the workbook",
    "cli.refresh.title": "Refreshed {path} as of {as_of}",
    "cli.refresh.deals": "  deals read:     {deals:,}",
    "cli.refresh.issues": "  issues:         {errors:,} errors, {warnings:,} warnings",
    "cli.refresh.sheets": "  sheets written: {sheets}",
    "cli.refresh.backup": "  backup:         {backup}",
    "cli.refresh.seconds": "  time taken:     {seconds:.1f} s",
    "cli.new.written": (
        "Wrote {path}. Add your reps on the Team sheet, then deals and "
        "evidence."
    ),
    "template.write_failed": (
        "Cannot write {path}: {reason}. Check that the folder exists and "
        "that you may write to it."
    ),
    "template.dropdown.error_title": "Value not in the list",
    "template.dropdown.error": (
        "This value is not in the list. Pick one from the dropdown, or add "
        "it to the sheet the list comes from first."
    ),
    # shared words
    "status.open": "Open",
    "status.won": "Won",
    "status.lost": "Lost",
    "common.yes": "Yes",
    "common.no": "No",
    # names of the output sheets (addin/sheets/)
    "sheet.issues": "Issues",
    "sheet.deal_audit": "Deal audit",
    "sheet.funnel": "Funnel",
    "sheet.scorecard": "Scorecard",
    "sheet.forecast": "Forecast",
    "sheet.history": "History",
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
    # addin/engine/stages.py
    "stages.next_step.full": "{stage}: {playbook} Missing customer actions: {actions}.",
    "stages.next_step.actions": "{stage}: missing customer actions: {actions}.",
    "stages.next_step.playbook": "{stage}: {playbook}",
    "stages.next_step.mark_won": "Every stage is earned: set the Status to Won once the order is booked.",
    # addin/validate.py, addin/validate_columns.py, addin/validate_rules.py,
    # addin/validate_settings.py
    "validate.blank": "{column} is blank.",
    "validate.blank.fix": "Fill in {column}: every row of the {table} table needs it.",
    "validate.setting_unknown": "{value} is not a setting salesflow knows.",
    "validate.setting_unknown.fix": (
        "Check the spelling against the template's Settings table, or delete the row."
    ),
    "validate.setting_unknown.closest": (
        "{value} is not a setting salesflow knows; did you mean {closest}?"
    ),
    "validate.setting_unknown.closest.fix": "Rename the setting to {closest}.",
    "validate.default_today": "today",
    "history.no_header": (
        "The History sheet has rows but no header row with {header}, so "
        "salesflow cannot read its earlier forecasts and stopped rather than "
        "lose them. Type the header back (row 3, column A), or copy the "
        "History sheet from a file in .salesflow-backups, and refresh again."
    ),
    "validate.setting_invalid": "The {setting} setting {value} is not valid.",
    "validate.setting_invalid.fix": (
        "Type {expected}. Until then the default ({default}) is used."
    ),
    "validate.expected.currency": "a three-letter currency code such as USD",
    "validate.expected.date": "a date such as 2026-11-30, or leave it blank for today",
    "validate.expected.period": "month or quarter",
    "validate.expected.month": "the month number the fiscal year starts in, 1 to 12",
    "validate.expected.score": "a score from 0 to 100",
    "validate.expected.language": "en or zh-CN",
    "validate.expected.simulations": "a whole number from 100 to 1000000",
    "validate.expected.days": "a whole number of days, 0 or more",
    "validate.rate_invalid": "The exchange rate {value} of {currency} is not positive.",
    "validate.rate_invalid.fix": (
        "Type how many units of the reporting currency one {currency} is worth."
    ),
    "validate.rate_reporting": (
        "{currency} is the reporting currency, so its rate must be 1, not {value}."
    ),
    "validate.rate_reporting.fix": "Set the rate of {currency} to 1 or delete the row.",
    "validate.curve_score": "The commission curve score {value} is not between 0 and 100.",
    "validate.curve_score.fix": "Type a minimum score from 0 to 100.",
    "validate.curve_payout": "The commission curve payout {value} is negative.",
    "validate.curve_payout.fix": "Type a payout of 0% or more, for example 90%.",
    "validate.duplicate.process": "The stage {value} is listed in both row {first_row} and row {row}.",
    "validate.duplicate.process.fix": (
        "List each stage once; delete or rename the stage in row {row}."
    ),
    "validate.duplicate.criteria": "The criterion {value} is listed in both row {first_row} and row {row}.",
    "validate.duplicate.criteria.fix": (
        "Give each criterion its own id; rename the criterion in row {row}."
    ),
    "validate.duplicate.team": "The rep {value} is listed in both row {first_row} and row {row}.",
    "validate.duplicate.team.fix": "List each rep once; delete or rename row {row}.",
    "validate.duplicate.deals": "The Deal ID {value} is used in both row {first_row} and row {row}.",
    "validate.duplicate.deals.fix": (
        "Give each deal its own Deal ID, or delete row {row} if it is the same deal."
    ),
    "validate.unknown_stage": "The stage {value} is not in the Process table.",
    "validate.unknown_stage.fix": (
        "Pick a stage from the dropdown, or add the stage to the Process table."
    ),
    "validate.unknown_stage.closest": (
        "The stage {value} is not in the Process table; did you mean {closest}?"
    ),
    "validate.unknown_stage.closest.fix": (
        "Change the stage to {closest}, or add {value} to the Process table."
    ),
    "validate.stage_is_status": "{value} is a deal status, not a stage.",
    "validate.stage_is_status.fix": (
        "Put {value} in the Status column and the last stage the deal reached in Stage."
    ),
    "validate.unknown_rep": "The rep {value} is not in the Team table.",
    "validate.unknown_rep.fix": (
        "Pick a rep from the dropdown, or add the rep to the Team table."
    ),
    "validate.unknown_rep.closest": (
        "The rep {value} is not in the Team table; did you mean {closest}?"
    ),
    "validate.unknown_rep.closest.fix": (
        "Change the rep to {closest}, or add {value} to the Team table."
    ),
    "validate.unknown_logger": "The rep {value} is not in the Team table.",
    "validate.unknown_logger.fix": (
        "Pick a rep from the dropdown, or add the rep to the Team table."
    ),
    "validate.unknown_logger.closest": (
        "The rep {value} is not in the Team table; did you mean {closest}?"
    ),
    "validate.unknown_logger.closest.fix": (
        "Change the name to {closest}, or add {value} to the Team table."
    ),
    "validate.unknown_criterion": "The criterion {value} is not in the Criteria table.",
    "validate.unknown_criterion.fix": (
        "Pick a criterion from the dropdown, or add it to the Criteria table."
    ),
    "validate.unknown_criterion.closest": (
        "The criterion {value} is not in the Criteria table; did you mean {closest}?"
    ),
    "validate.unknown_criterion.closest.fix": (
        "Change the criterion to {closest}, or add {value} to the Criteria table."
    ),
    "validate.criteria_stage": "The criterion's stage {value} is not in the Process table.",
    "validate.criteria_stage.fix": (
        "Pick a stage from the Process table, or add the stage there."
    ),
    "validate.criteria_stage.closest": (
        "The criterion's stage {value} is not in the Process table; did you mean "
        "{closest}?"
    ),
    "validate.criteria_stage.closest.fix": (
        "Change the stage to {closest}, or add {value} to the Process table."
    ),
    "validate.unknown_category": (
        "The forecast category {value} is not Pipeline, Best case or Commit."
    ),
    "validate.unknown_category.fix": "Type Pipeline, Best case or Commit.",
    "validate.unknown_category.closest": (
        "The forecast category {value} is not Pipeline, Best case or Commit; did "
        "you mean {closest}?"
    ),
    "validate.unknown_category.closest.fix": "Change the category to {closest}.",
    "validate.closed_without_date": "The deal is {status} but Closed on is blank.",
    "validate.closed_without_date.fix": (
        "Type the date the deal was {status} in Closed on."
    ),
    "validate.closed_before_created": (
        "Closed on {closed} is before the deal was created ({created})."
    ),
    "validate.closed_before_created.fix": "Correct Closed on or Created.",
    "validate.currency_mismatch": (
        "The amount {value} is in {found}, but the Currency column says {currency}."
    ),
    "validate.currency_mismatch.fix": (
        "Type the amount as a plain number and correct the Currency; until then "
        "{amount} is counted in {currency}."
    ),
    "validate.currency_in_amount": (
        "The amount {value} contains its currency; it was read as {amount} {found}."
    ),
    "validate.currency_in_amount.fix": (
        "Type the amount as a plain number ({amount}) and {found} in the Currency "
        "column."
    ),
    "validate.quota_currency": (
        "The monthly quota {value} is in {found}, but quotas are in the reporting "
        "currency {reporting}."
    ),
    "validate.quota_currency.fix": (
        "Type the quota as a plain number in {reporting}."
    ),
    "validate.rate_missing": "There is no exchange rate for {currency}.",
    "validate.rate_missing.fix": (
        "Add {currency} and its rate to {reporting} to the exchange-rate table on "
        "the Settings sheet; until then the deal has no amount in {reporting}."
    ),
    "validate.evidence_unknown_deal": "The Deal ID {value} is not in the Deals table.",
    "validate.evidence_unknown_deal.fix": (
        "Correct the Deal ID, or add the deal to the Deals table."
    ),
    "validate.evidence_future": (
        "The evidence is dated {date}, after the as-of date {as_of}; it does not "
        "count yet."
    ),
    "validate.evidence_future.fix": "Correct the date if the customer has already acted.",
    "validate.evidence_before_created": (
        "The evidence is dated {date}, before the deal was created ({created})."
    ),
    "validate.evidence_before_created.fix": (
        "Correct the evidence date or the deal's Created date."
    ),
    "validate.premature": (
        "The deal is declared at {stage} but its evidence earns only {earned}."
    ),
    "validate.premature.actions": "Missing customer actions: {actions}.",
    "validate.premature.fix": (
        "Log each action in the Evidence sheet once the customer has done it, or "
        "move the Stage back to {earned}."
    ),
    "validate.premature.none": (
        "The deal is declared at {stage} but its evidence earns no stage yet."
    ),
    "validate.premature.none.fix": (
        "Log each action in the Evidence sheet once the customer has done it, or "
        "move the Stage back to the first stage."
    ),
    "validate.negative": "{column} {value} is negative.",
    "validate.negative.fix": "Type {column} as 0 or more.",
    "validate.over_100": "{column} {value} is more than 100 %.",
    "validate.over_100.fix": "Type {column} as a percentage from 0% to 100%.",
    "validate.not_positive": "{column} {value} is not positive.",
    "validate.not_positive.fix": "Type {column} as a number above 0, for example 1.",
    "validate.no_stages": "The Process table lists no stages.",
    "validate.repeats": (
        "{count} more cells of the {column} column, from this one on, have the "
        "same problem as the cells listed above."
    ),
    "validate.repeats.fix": (
        "Fix the listed cells the same way, then check again to see the rest."
    ),
    "validate.no_stages.fix": (
        "List the stages of your sales process, first stage first, in the Process table."
    ),
    # addin/reader.py
    "reader.file_missing": (
        "The file {path} does not exist. Check the folder and the file name."
    ),
    "reader.not_a_file": (
        "{path} is a folder, not a workbook. Give the path of the team's "
        ".xlsx file."
    ),
    "reader.encrypted": (
        "{path} is protected with a password to open, so salesflow cannot "
        "read it. In Excel, clear the password (File > Info > Protect "
        "Workbook > Encrypt with Password), save, and run salesflow again."
    ),
    "reader.old_format": (
        "{path} is an Excel 97-2003 workbook (.xls), which salesflow cannot "
        "read. Open it in Excel and save it as an Excel Workbook (.xlsx)."
    ),
    "reader.binary_workbook": (
        "{path} is an Excel Binary Workbook (.xlsb), which salesflow cannot "
        "read. Open it in Excel and save it as an Excel Workbook (.xlsx)."
    ),
    "reader.empty_file": (
        "{path} is empty (0 bytes), so it is not an Excel workbook. Copy the "
        "workbook again, or write a new one with salesflow new."
    ),
    "reader.text_file": (
        "{path} is a text file (such as CSV), not an Excel workbook. Open it "
        "in Excel and save it as an Excel Workbook (.xlsx)."
    ),
    "reader.word_document": (
        "{path} is a Word document, not an Excel workbook. Give the path of "
        "the team's .xlsx file."
    ),
    "reader.presentation": (
        "{path} is a PowerPoint presentation, not an Excel workbook. Give the "
        "path of the team's .xlsx file."
    ),
    "reader.opendocument": (
        "{path} is an OpenDocument file (.ods), not an Excel workbook. Save "
        "it as an Excel Workbook (.xlsx) and run salesflow on that copy."
    ),
    "reader.not_a_workbook": (
        "{path} is not an Excel workbook. Give the path of the team's .xlsx "
        "file."
    ),
    "reader.damaged": (
        "{path} is damaged or was not copied completely ({detail}). Open it "
        "in Excel to repair it, or copy it again from where it came from."
    ),
    "reader.missing_sheet": (
        "The workbook has no sheet '{sheet}' and no Excel Table {table}."
    ),
    "reader.missing_sheet.fix": (
        "Add a sheet named '{sheet}' with a header row: {headers}."
    ),
    "reader.missing_header": (
        "The sheet '{sheet}' has no header row with the columns {headers} in "
        "its first {rows} rows, and the workbook has no Excel Table {table}."
    ),
    "reader.missing_header.fix": (
        "Type the headers {headers} in one row near the top of '{sheet}', or "
        "turn the range into an Excel Table named {table}."
    ),
    "reader.missing_columns": (
        "The header row (row {row}) of the {table} table on sheet '{sheet}' "
        "has no column {headers}."
    ),
    "reader.missing_columns.fix": (
        "Add a column headed {headers} to the table, or rename the column "
        "that holds these values."
    ),
    "reader.duplicate_header": (
        "The header '{header}' appears twice, in {first} and {second}."
    ),
    "reader.duplicate_header.fix": (
        "Rename or delete one of the two columns; salesflow reads the one in "
        "{first}."
    ),
    "reader.duplicate_column": (
        "The headers '{first_header}' in {first} and '{header}' in {second} "
        "name the same column."
    ),
    "reader.duplicate_column.fix": (
        "Rename or delete one of the two columns; salesflow reads the one in "
        "{first}."
    ),
    "reader.error_value": (
        "The cell {cell} shows the error {error}, so its value is unknown."
    ),
    "reader.error_value.fix": (
        "Correct the formula that gives {error}, or type the value itself."
    ),
    "reader.formula_without_result": (
        "The formula in {cell} has no saved result, so its value is unknown."
    ),
    "reader.formula_without_result.fix": (
        "Open the workbook in Excel or LibreOffice, let it calculate, save "
        "it and run salesflow again; or type the value instead of the "
        "formula."
    ),
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
    "value.date_out_of_range": (
        "The date {value} is outside the years {first} to {last}."
    ),
    "value.date_out_of_range.fix": (
        "Correct the year; type the date as year-month-day, for example "
        "2024-03-15."
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
    "value.too_large": (
        "{value} is too large: Excel keeps 15 digits, so salesflow reads "
        "numbers up to 999,999,999,999,999."
    ),
    "value.too_large.fix": "Check the number of digits and type the number again.",
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
    "value.status_invalid.fix": "Type Open, Won or Lost.",
    "value.status_misspelt": "{value} is not a deal status; did you mean {closest}?",
    "value.status_misspelt.fix": "Type Open, Won or Lost.",
    "value.currency_invalid": "{value} is not a currency code.",
    "value.currency_invalid.fix": (
        "Type a three-letter ISO 4217 code, for example USD, EUR or CNY."
    ),
    # addin/sheets/forecast.py and addin/sheets/history.py
    "forecast.title": "Forecast as of {as_of}",
    "forecast.team": "Team",
    "forecast.team_block": "Team forecast",
    "forecast.rep_block": "Forecast of {rep}",
    "forecast.col.period": "Period",
    "forecast.col.won_so_far": "Won so far",
    "forecast.col.stage_weighted": "Stage-weighted",
    "forecast.col.evidence_based": "Evidence-based",
    "forecast.col.new_deals": "Of which new deals",
    "forecast.col.p10": "P10",
    "forecast.col.p50": "P50",
    "forecast.col.p90": "P90",
    "forecast.col.quota": "Quota",
    "forecast.col.chance_of_quota": "Chance of quota",
    "forecast.col.coverage": "Coverage",
    "forecast.col.open_pipeline": "Open pipeline",
    "forecast.chart": "Range of the won amount",
    "forecast.note.stage_weighted": (
        "Stage-weighted: amount x the Win % of the declared stage, over open "
        "deals whose Expected close falls in the period. A deal with no "
        "Expected close, or one already past, counts in the current period."
    ),
    "forecast.note.evidence_based": (
        "Evidence-based: amount x the chance that deals which earned the same "
        "stage were won in the team's history (a rep's own rate counts as much "
        "as the team's after {prior} closed deals) x the chance to close within "
        "the period, from how long deals took to close; plus deals not yet "
        "created, at each rep's pace of the last {days} days."
    ),
    "forecast.note.range": (
        "P10, P50 and P90: the won amount is below them in 10, 50 and 90 of 100 "
        "of {simulations} simulated futures. Each future also draws the win "
        "rates, each rep's pace of new deals and a swing of the whole period "
        "within what the history leaves uncertain, so a short history gives a "
        "wide range. Chance of quota: the share of futures that reach the quota."
    ),
    "forecast.note.coverage": (
        "Coverage: open pipeline expected in the period divided by the quota "
        "still to win."
    ),
    "forecast.stage_block": "Win % by stage: the manager's estimate and what happened",
    "forecast.col.stage": "Stage",
    "forecast.no_stage": "(every deal, from creation)",
    "forecast.col.manager_win_pct": "Manager Win %",
    "forecast.col.observed_win_rate": "Observed win rate",
    "forecast.col.win_gap": "Observed - manager",
    "forecast.col.closed_deals": "Closed deals",
    "forecast.col.won_deals": "Won deals",
    "forecast.note.stages": (
        "Observed win rate: of the closed deals that earned the stage, the "
        "share won."
    ),
    "forecast.accuracy_block": "Accuracy of finished periods",
    "forecast.col.as_of": "Forecast on",
    "forecast.col.scope": "Team or rep",
    "forecast.col.actual": "Won",
    "forecast.col.stage_weighted_accuracy": "Stage-weighted accuracy",
    "forecast.col.evidence_based_accuracy": "Evidence-based accuracy",
    "forecast.col.p50_accuracy": "P50 accuracy",
    "forecast.col.in_range": "Within P10-P90",
    "forecast.note.accuracy": (
        "Accuracy = 1 - |won - forecast| / won, at least 0, for each forecast "
        "kept in History."
    ),
    "forecast.note.no_accuracy": (
        "No finished period has a forecast in History yet; accuracy appears "
        "after the first refresh of a period that has since ended."
    ),
    "history.title": "Forecast history: one row per refresh, team or rep, and period",
    "history.col.period_start": "Period start",
    "history.col.period_end": "Period end",
    "history.col.pipeline": "Open: {stage}",
    # salesflow backtest
    "backtest.title": "Backtest as of {as_of}: forecasts made the day before each period",
    "backtest.method.stage_weighted": "Stage-weighted",
    "backtest.method.evidence_based": "Evidence-based",
    "backtest.method.p50": "P50",
    "backtest.col.method": "Method",
    "backtest.col.periods": "Periods",
    "backtest.col.mean_accuracy": "Mean accuracy",
    "backtest.col.mape": "MAPE",
    "backtest.col.bias": "Bias",
    "backtest.col.range_coverage": "P10-P90 coverage",
    "backtest.skipped": "Skipped for too little history before them: {periods}",
    "backtest.none": "No finished period has enough closed deals before it to backtest.",
    # addin/cli.py options
    "cli.output_suffix": (
        "{output} must end in {suffix} like the workbook, because Excel "
        "opens a workbook only under the extension of its type."
    ),
    "cli.as_of_out_of_range": (
        "{value} is outside the years 1900 to 2199; type a date such as "
        "2026-11-30."
    ),
    # addin/cli.py serve (the Excel add-in)
    "cli.serve.cert_pair": (
        "Give --certfile and --keyfile together: Excel loads add-ins only "
        "over HTTPS, which needs both."
    ),
    "cli.serve.license": (
        "xlwings Server needs a license key: {error} Set "
        "XLWINGS_LICENSE_KEY=noncommercial for development and "
        "non-commercial use, or to your paid key for commercial use."
    ),
    # addin/xlsx/ (writing output sheets into the workbook)
    "xlsx.open_in_excel": (
        "{workbook} is open in Excel ({lock} is beside it), so salesflow did "
        "not write it. Close the workbook in Excel and run again, or press "
        "Refresh on the salesflow tab in Excel. If Excel is not running, "
        "delete {lock}."
    ),
    "xlsx.open_in_libreoffice": (
        "{workbook} is open in LibreOffice ({lock} is beside it), so "
        "salesflow did not write it. Close it in LibreOffice and run again. "
        "If LibreOffice is not running, delete {lock}."
    ),
    "xlsx.sheet_not_owned": (
        "The workbook has a sheet named '{sheet}' that salesflow did not "
        "create, so salesflow left the file unchanged. Rename that sheet "
        "(for example to '{sheet} (own)') and refresh again."
    ),
    "xlsx.sheet_not_owned.hidden": (
        "That sheet is hidden: right-click any sheet tab and choose Unhide "
        "to see it."
    ),
    "xlsx.sheet_not_owned.very_hidden": (
        "That sheet is very hidden, so Excel's Unhide list does not show it: "
        "set its Visible property to -1 in the Visual Basic editor (Alt+F11) "
        "to see it."
    ),
    "xlsx.bad_sheet_name": (
        "'{sheet}' is not a valid sheet name: it must be 1 to 31 characters, "
        "unique, without [ ] : * ? / \\ and not start or end with '."
    ),
    "xlsx.no_styles": (
        "The workbook has no style table (xl/styles.xml). Open and save it "
        "once in Excel or LibreOffice, then refresh again."
    ),
    "xlsx.cell_truncated": " … [cut at Excel's limit of {limit} characters]",
    "xlsx.cell_cut": (
        "The text for {cell} was longer than Excel's limit of 32,767 "
        "characters and was cut; its end says so."
    ),
    "xlsx.table_renamed": (
        "The workbook already uses the name {wanted}, so the table on "
        "'{sheet}' is named {name}."
    ),
    "xlsx.check_failed": (
        "The new copy of the workbook failed its check ({reason}), so it was "
        "discarded and the workbook is unchanged."
    ),
    "xlsx.io_failed": (
        "Could not write {workbook}: {reason}. The workbook is unchanged. "
        "Check that the folder {folder} can be written to and has free "
        "space, and that no other program holds the file, then try again."
    ),
    "xlsx.not_a_package": (
        "{workbook} is not an .xlsx or .xlsm workbook: it has no zip "
        "directory. Save it from Excel as an Excel Workbook and try again."
    ),
    "xlsx.damaged_package": (
        "{workbook} is damaged ({reason}). Open it in Excel, which can often "
        "repair it, save it, and refresh again."
    ),
    "xlsx.unsupported_package": (
        "{workbook} uses {feature}, which salesflow cannot write. Save it "
        "from Excel as an ordinary Excel Workbook (.xlsx or .xlsm) and "
        "refresh again."
    ),
    "xlsx.missing_part": (
        "The workbook has no {part}, so it is not a complete Excel workbook. "
        "Open and save it in Excel, then refresh again."
    ),
    "xlsx.damaged_part": (
        "{part} in the workbook is damaged: {reason}. Open and save the "
        "workbook in Excel, then refresh again."
    ),
    # addin/engine/score.py won-deal classes
    "won_class.process_win": "Process win",
    "won_class.won_with_gaps": "Won with gaps",
    "won_class.luck": "Luck",
    # addin/engine/diagnose.py
    "diagnose.team": "the team",
    "diagnose.top_too_small": (
        "Top of the funnel too small for {scope}: new deals created in "
        "{period}: {created:.0f}, against {needed:.1f} needed for a quota of "
        "{quota:,.0f} at an average won amount of {average_won:,.0f} and a "
        "win rate of {win_rate:.0%} from the first stage."
    ),
    "diagnose.thin_stage": (
        "Thin stage for {scope}: {stage} holds {share:.0%} of the open deals, "
        "against {team_share:.0%} for the team."
    ),
    "diagnose.leaky_stage": (
        "Leaky stage for {scope}: {conversion:.0%} of the {left:.0f} deals "
        "that left {stage} reached the next stage, against "
        "{team_conversion:.0%} for the team."
    ),
    "diagnose.jammed_stage.max": (
        "Jammed stage for {scope}: deals spend a median of {days:.0f} days "
        "in {stage}, more than its Max days of {max_days:.0f}."
    ),
    "diagnose.jammed_stage.team": (
        "Jammed stage for {scope}: deals spend a median of {days:.0f} days "
        "in {stage}, against {team_days:.0f} for the team."
    ),
    "diagnose.low_coverage": (
        "Low coverage for {scope}: the open pipeline of {pipeline:,.0f} is "
        "below the {needed:,.0f} needed to win the remaining quota of "
        "{remaining:,.0f} at a win rate of {win_rate:.0%}."
    ),
    "diagnose.too_few_deals": (
        "Too few deals to judge {check} at {stage} for {scope}: {count} "
        "deals, and at least {needed} are needed."
    ),
    "diagnose.too_few_closed": (
        "Too few closed deals to judge {check} for {scope}: {count} closed "
        "deals, and at least {needed} are needed."
    ),
    "diagnose.check.top_too_small": "the top of the funnel and the coverage",
    "diagnose.check.thin_stage": "a thin stage",
    "diagnose.check.leaky_stage": "a leaky stage",
    "diagnose.check.jammed_stage": "a jammed stage",
    # addin/engine/scorecard.py coaching notes
    "coach.luck": (
        "Review how {deal} ({amount:,.0f}) was won: there is no evidence for "
        "{stages}. Ask the customer what happened at those stages and log it."
    ),
    "coach.luck_score": (
        "Review how {deal} ({amount:,.0f}) was won: its process score is "
        "{score:.0f}. Log what the customer did, or learn why the order came "
        "without it."
    ),
    "coach.stuck": (
        "Move {deals} on: they have sat in their stage past its Max days. "
        "Follow the next step in the Deal audit."
    ),
    "coach.leaky_stage": (
        "Find out why deals leave {stage}: only {conversion:.0%} move on, "
        "against {team_conversion:.0%} for the team."
    ),
    "coach.jammed_stage": (
        "Unblock the deals sitting in {stage} ({deals}): deals spend a median "
        "of {days:.0f} days there."
    ),
    "coach.jammed_stage.none_open": (
        "Move deals through {stage} faster: they spend a median of {days:.0f} "
        "days there."
    ),
    "coach.thin_stage": (
        "Bring more deals to {stage}: it holds {share:.0%} of your open "
        "deals, against {team_share:.0%} for the team."
    ),
    "coach.top_too_small": (
        "Create more new deals: new deals last period: {created:.0f}, "
        "against {needed:.1f} needed for the quota."
    ),
    "coach.low_coverage": (
        "Build pipeline: {pipeline:,.0f} is open, against {needed:,.0f} "
        "needed for the rest of the quota."
    ),
    "coach.more_deals": "{deals} and {count} more",
    # addin/sheets/scorecard.py
    "scorecard.title": "Scorecard for {period} as of {as_of}",
    "scorecard.team_row": "Team",
    "scorecard.col.rep": "Rep",
    "scorecard.col.won": "Won amount",
    "scorecard.col.quota": "Quota",
    "scorecard.col.attainment": "Quota attainment",
    "scorecard.col.process_score": "Process score",
    "scorecard.col.luck_share": "Luck share",
    "scorecard.col.pipeline": "Open pipeline",
    "scorecard.col.coverage": "Coverage",
    "scorecard.col.by_result": "Commission by result",
    "scorecard.col.by_process": "Commission by process",
    "scorecard.col.difference": "Difference",
    "scorecard.col.notes": "Coaching notes",
    "scorecard.note.score": (
        "Process score: the amount-weighted mean score of the deals open or "
        "closed in the period. Luck share: the share of the won amount in "
        "won deals classed Luck. Coverage: open pipeline divided by the "
        "quota still to win, blank once the quota is met."
    ),
    "scorecard.note.credits": (
        "Evidence first seen more than {backfill_days} days after its date "
        "(back-filled) counts {backfill:.0%} of its weight. Evidence dated "
        "before an earlier stage was complete counts {out_of_order:.0%}. "
        "A row that is both counts {both:.1%}."
    ),
    "scorecard.note.classes": (
        "Won-deal class: Process win when no required stage was skipped and "
        "the score is at least {process_win:.0f}. Luck when a required stage "
        "was skipped or the score is below {luck:.0f}. Won with gaps otherwise."
    ),
    # addin/sheets/funnel.py
    "funnel.title": "Funnel as of {as_of}",
    "funnel.block.team": "Team",
    "funnel.chart": "Funnel: {scope}",
    "funnel.col.stage": "Stage",
    "funnel.col.open": "Open deals",
    "funnel.col.share": "Share of open",
    "funnel.col.team_share": "Team share of open",
    "funnel.col.reached": "Reached",
    "funnel.col.value": "Value",
    "funnel.col.conversion": "Conversion to next",
    "funnel.col.team_conversion": "Team conversion",
    "funnel.col.median_days": "Median days in stage",
    "funnel.col.team_median_days": "Team median days",
    "funnel.col.max_days": "Max days",
    "funnel.unstaged": (
        "{count} open deals have earned no stage yet and are not in the funnel."
    ),
    "funnel.note.definitions": (
        "Deals sit in the stage their evidence has earned, and a Won deal "
        "reached every stage. Conversion: of the deals that reached a stage "
        "and left it, the share that reached the next one. Days in stage run "
        "from reaching a stage to reaching the next, or to the as-of date."
    ),
    "funnel.no_diagnoses": "No shape problem found.",
    # addin/report/ (the monthly report) and salesflow report
    "report.title": "Monthly report {month}",
    "report.subtitle": (
        "Figures as of {as_of}; amounts in {currency}; from {source}"
    ),
    "report.sheet.summary": "Summary",
    "report.footer": "salesflow monthly report {month}",
    "report.footer.page": "Page &P of &N",
    "report.chart.funnel": "Funnel by stage: open and reached deals",
    "report.chart.won_by_rep": "Won amount by rep and won-deal class",
    "report.chart.forecast": "Forecast range against quota",
    "report.col.issues": "Input issues",
    "report.issues_count": "{errors} errors, {warnings} warnings",
    "report.issues": (
        "The inputs have {errors} errors and {warnings} warnings. Run "
        "salesflow check, or refresh the workbook and open its Issues sheet, "
        "to see each one with its cell and fix."
    ),
    "report.heading.accuracy": "Accuracy of the forecast of {month}",
    "report.heading.diagnoses": "Funnel shape",
    "report.heading.issues": "Input issues",
    "report.heading.funnel": "Team funnel by stage",
    "report.heading.forecast": "Forecast range by month",
    "report.heading.won_by_rep": "Won amount by rep and class",
    "report.heading.results": "Results and process",
    "report.heading.result": "Results",
    "report.heading.process": "Process",
    "report.heading.rep_funnel": "Funnel against the team",
    "report.heading.stuck": "Stuck deals ({count}) and their next steps",
    "report.heading.won": "Deals won this month",
    "report.heading.commissions": "Commission statement",
    "report.accuracy.history": (
        "Forecast of {month} made on {made_on}, as kept in the History sheet, "
        "against the amount won."
    ),
    "report.accuracy.rebuilt": (
        "No refresh before {month} kept a forecast in History, so the "
        "forecast was rebuilt as the backtest does: from the deals, evidence "
        "and closes dated on or before {made_on}."
    ),
    "report.accuracy.unfinished": (
        "{month} is not finished at the report's as-of date, so its forecast "
        "cannot be checked yet."
    ),
    "report.accuracy.too_little_history": (
        "No forecast of {month} was kept in History, and too few deals had "
        "closed before {month} to rebuild one."
    ),
    "report.accuracy.inside": (
        "The amount won fell within the forecast range of "
        "{p10:,.0f} to {p90:,.0f} {currency} (P10 to P90)."
    ),
    "report.accuracy.outside": (
        "The amount won fell outside the forecast range of "
        "{p10:,.0f} to {p90:,.0f} {currency} (P10 to P90)."
    ),
    "report.col.forecast": "Forecast",
    "report.col.accuracy": "Accuracy",
    "report.col.total": "Total",
    "report.col.stuck": "Stuck deals",
    "report.col.deal_id": "Deal",
    "report.col.customer": "Customer",
    "report.col.amount_rc": "Amount",
    "report.col.amount_in": "Amount ({currency})",
    "report.col.stage": "Earned stage",
    "report.col.days_in_stage": "Days in stage",
    "report.col.max_days": "Max days",
    "report.col.next_step": "Next step",
    "report.col.closed_on": "Closed on",
    "report.col.score": "Process score",
    "report.col.won_class": "Class",
    "report.col.skipped_stages": "Skipped stages",
    "report.col.rate": "Rate",
    "report.col.by_result": "Commission by result",
    "report.col.payout": "Payout",
    "report.col.by_process": "Commission by process",
    "report.none_stuck": "No open deal has sat in its stage past the Max days.",
    "report.more_stuck": (
        "{count} more stuck deals are not listed here, only the {listed} "
        "stuck longest. Refresh the workbook and filter its Deal audit sheet "
        "on Stuck to see them all."
    ),
    "report.none_won": "No deal was won this month.",
    "report.rep.title": "{rep}: monthly report {month}",
    "report.rep.subtitle": "Figures as of {as_of}; amounts in {currency}",
    "report.error.month": (
        "expected a month as YYYY-MM, for example 2026-11, got {value!r}"
    ),
    "report.error.future": (
        "no data for {month} yet: the workbook's as-of date is {as_of}. "
        "Choose a month up to it, or set a later As-of date in Settings."
    ),
    "report.error.empty": (
        "no data for {month}: no deal was created, open or closed in it. "
        "The workbook's deals were created from {first} to {last}; choose a "
        "month in that range."
    ),
    "report.error.no_deals": (
        "no data for {month}: the Deals table is empty. Add deals, then "
        "build the report again."
    ),
    "report.written": "Wrote the monthly report {month} to {path}",
    "report.progress": "Building the monthly report {month}",
    "report.error.write": (
        "could not write the report to {path}: {error}. Check that the "
        "folder exists and that you may write to it."
    ),
    # addin/excel (the Excel add-in, xlwings Lite and the desktop button)
    "excel.action.refresh": "refresh",
    "excel.action.check": "check",
    "excel.report_written": "salesflow wrote the monthly report to {path}",
    "excel.summary": (
        "salesflow {action} as of {as_of}: {deals} deals, {errors} errors, "
        "{warnings} warnings ({seconds} s)"
    ),
}
