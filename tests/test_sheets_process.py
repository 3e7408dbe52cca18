import openpyxl
import pandas as pd
import pytest
import team_fixture
from team_fixture import AS_OF, first_seen, team_book
from workbooks import write_team_workbook

from addin.engine.diagnose import ShapeLimits
from addin.engine.scorecard import review_process
from addin.engine.stages import audit_stages
from addin.reader import read_workbook
from addin.sheets.scorecard import deal_audit_columns, process_sheets
from addin.validate import validate
from addin.xlsx.writeback import write_output_sheets

SMALL_LIMITS = ShapeLimits(
    min_left_for_conversion=3, min_days_for_median=3, min_open_for_share=3
)


@pytest.fixture(scope="module")
def sheets():
    book = team_book()
    stuck = audit_stages(book, AS_OF)["stuck"].to_numpy()
    review = review_process(book, AS_OF, first_seen(), stuck, SMALL_LIMITS)
    return {sheet.name: sheet for sheet in process_sheets(review, book.settings)}


def test_funnel_sheet_blocks_team_then_reps(sheets):
    titles = [block.title for block in sheets["Funnel"].blocks]

    assert titles == ["Team", "Ann", "Ben", "Cy"]


def test_funnel_sheet_rep_beside_team(sheets):
    cy = sheets["Funnel"].blocks[3]
    headers = [column.header for column in cy.columns]

    sample_paid = dict(zip(headers, cy.rows[2]))

    assert sample_paid["Conversion to next"] == pytest.approx(1 / 3)
    assert sample_paid["Team conversion"] == pytest.approx(9 / 11)
    assert sample_paid["Median days in stage"] == 80
    assert sample_paid["Team median days"] == 33


def test_funnel_sheet_chart_per_block(sheets):
    charts = [block.chart for block in sheets["Funnel"].blocks]

    assert all(chart is not None for chart in charts)
    assert charts[0].value_columns == ("Open deals", "Reached")


def test_funnel_sheet_diagnoses_as_notes(sheets):
    notes = sheets["Funnel"].blocks[3].notes

    assert any(note.startswith("Leaky stage for Cy") for note in notes)
    assert "1 open deals have earned no stage yet" in notes[-1]


def test_funnel_sheet_no_problem_note(sheets):
    ben = sheets["Funnel"].blocks[2]

    assert ben.notes[0].startswith("Top of the funnel too small for Ben")


def test_scorecard_sheet_team_row_last(sheets):
    rows = sheets["Scorecard"].blocks[0].rows

    assert [row[0] for row in rows] == ["Ann", "Ben", "Cy", "Team"]


def test_scorecard_sheet_states_credits(sheets):
    notes = sheets["Scorecard"].blocks[0].notes

    assert any("counts 50% of its weight" in note for note in notes)
    assert any("counts 75%" in note for note in notes)


def test_deal_audit_columns_names_classes():
    audit = review_process(team_book(), AS_OF).audit

    columns = deal_audit_columns(audit).set_index("deal_id")

    assert columns.loc["B1", "won_class"] == "Luck"
    assert columns.loc["A1", "won_class"] == "Process win"
    assert pd.isna(columns.loc["A3", "won_class"])
    assert columns.loc["B2", "skipped_stages"] == ["Sample paid"]
    assert columns.loc["A3", "process_score"] == pytest.approx(87.5)


def _records(frame: pd.DataFrame, drop: tuple[str, ...] = ()) -> list[dict]:
    frame = frame.drop(columns=["row", *drop])
    frame = frame.astype(object).where(frame.notna(), None)
    return [
        {
            key: value.date() if isinstance(value, pd.Timestamp) else value
            for key, value in record.items()
        }
        for record in frame.to_dict("records")
    ]


def test_process_sheets_xlsx_round_trip(tmp_path):
    path = write_team_workbook(
        tmp_path / "team.xlsx",
        process=_records(team_fixture.process_table()),
        criteria=_records(team_fixture.criteria_table()),
        team=_records(team_fixture.team_table()),
        deals=_records(team_fixture.deals_table(), ("amount_rc",)),
        evidence=_records(team_fixture.evidence_table()),
        settings={"As-of date": AS_OF.isoformat()},
    )
    book, _ = validate(read_workbook(path), AS_OF)
    review = review_process(book, AS_OF)

    write_output_sheets(path, process_sheets(review, book.settings), backups=0)

    sheet = openpyxl.load_workbook(path)["Scorecard"]
    cells = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = next(index for index, row in enumerate(cells) if row[0] == "Rep")
    ben = dict(zip(cells[header], cells[header + 2]))
    assert ben["Rep"] == "Ben"
    assert ben["Won amount"] == 230_000
    assert ben["Commission by process"] == pytest.approx(
        3_000 * 0.5 + 2_400 * 0.75 + 900 + 600
    )


def test_process_sheets_in_chinese():
    book = team_book(language="zh-CN")
    review = review_process(book, AS_OF, first_seen(), None, SMALL_LIMITS)

    funnel, scorecard = process_sheets(review, book.settings)

    assert funnel.blocks[0].columns[0].header == "阶段"
    assert scorecard.blocks[0].rows[-1][0] == "团队"
    assert any(note.startswith("Cy的阶段漏单") for note in funnel.blocks[3].notes)
