"""Every Office.js request of a 10,000-deal refresh stays under 5 MB.

Excel for the web rejects an Office.js request or response above 5 MB. The
task pane reads values in blocks of 2,000 rows and syncs queued actions every
1 MB. The writer assigns at most 2,000 rows per range. The workbook JSON is
gzipped on its way to the server, and the actions on their way back.
"""

import gzip
import json
import os

# xlwings' remote engine is part of xlwings PRO; "noncommercial" is its free
# license key for development, tests and non-commercial use.
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

import pytest

from addin.excel.actions import read_requests, write_requests
from addin.excel.payload import book_payload, open_book
from addin.excel.refresh import WRITE_ONLY_SHEETS, refresh_book
from addin.excel.write import CHUNK_ROWS
from benchmarks.generate import AS_OF, SIZES, workbook_path

LIMIT = 5 * 1024 * 1024
"""Excel for the web's limit on one Office.js request, in bytes."""

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def refresh():
    size = SIZES["S"]
    assert size.deals == 10_000
    payload = book_payload(workbook_path(size), exclude=WRITE_ONLY_SHEETS)
    body = json.dumps(payload).encode("utf-8")
    book = open_book(json.loads(body))

    summary = refresh_book(book, AS_OF)

    actions = book.json()["actions"]
    return {
        "payload": payload,
        "body": body,
        "actions": actions,
        "answer": json.dumps({"actions": actions}).encode("utf-8"),
        "summary": summary,
    }


def test_size_refresh_reads_every_deal(refresh):
    assert refresh["summary"].deals == 10_000


def test_size_value_reads_under_limit(refresh):
    assert max(read_requests(refresh["payload"])) < LIMIT


def test_size_action_syncs_under_limit(refresh):
    assert max(write_requests(refresh["actions"])) < LIMIT


def test_size_value_writes_chunked(refresh):
    writes = [action for action in refresh["actions"] if action["func"] == "setValues"]

    assert max(len(action["values"]) for action in writes) <= CHUNK_ROWS


def test_size_gzipped_request_under_limit(refresh):
    assert len(gzip.compress(refresh["body"])) < LIMIT


def test_size_gzipped_answer_under_limit(refresh):
    assert len(gzip.compress(refresh["answer"])) < LIMIT
