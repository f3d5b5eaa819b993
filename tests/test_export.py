"""Exports: CSV and JSON with stable columns, a Markdown summary, notes only when asked."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

from coach.views.export import COLUMNS, render, to_csv, to_json, to_markdown
from tests.test_history import summary

SESSIONS = [
    summary(date(2026, 11, 2), 20, pain=3, anxiety=5, note="first try | felt tense"),
    summary(date(2026, 11, 10), 12, status="stopped", pain=2, anxiety=4),
    summary(date(2026, 11, 11), 25, routine="morning-reset"),
]
NOTES = {SESSIONS[0].id: "first try | felt tense\nbut ok"}


def test_csv_has_stable_columns_and_one_row_per_session_oldest_first() -> None:
    text = to_csv(list(reversed(SESSIONS)))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert text.splitlines()[0] == ",".join(COLUMNS)
    assert COLUMNS[:3] == ("id", "date", "time")
    assert [r["date"] for r in rows] == ["2026-11-02", "2026-11-10", "2026-11-11"]
    assert rows[1]["status"] == "stopped"
    assert rows[0]["minutes"] == "20.0"
    assert rows[2]["pain"] == ""  # no check-in: empty, not zero


def test_notes_are_left_out_unless_asked_for() -> None:
    for fmt in ("csv", "json", "md"):
        text = render(fmt, SESSIONS, date(2026, 11, 1), date(2026, 11, 14))
        assert "felt tense" not in text
        assert '"note"' not in text and ",note" not in text and "| note" not in text
    with_notes = to_csv(SESSIONS, NOTES)
    rows = list(csv.DictReader(io.StringIO(with_notes)))
    assert rows[0]["note"] == "first try | felt tense\nbut ok"
    assert rows[1]["note"] == ""


def test_json_rows_match_the_csv_columns() -> None:
    data = json.loads(to_json(SESSIONS))
    assert [list(row) for row in data] == [list(COLUMNS)] * 3
    assert data[0]["pain"] == 3 and data[2]["pain"] is None
    noted = json.loads(to_json(SESSIONS, NOTES))
    assert noted[0]["note"].startswith("first try")


def test_markdown_summary_for_a_clinician() -> None:
    text = to_markdown(SESSIONS, date(2026, 11, 1), date(2026, 11, 14))
    assert text.startswith("# Practice summary\n")
    assert "- Period: 2026-11-01 to 2026-11-14 (14 days)" in text
    assert "- Sessions: 3, 57 minutes of guided practice" in text
    assert "- Completed 2, stopped early 1, interrupted 0" in text
    assert "| 2026-10-26 | 0 | 0 | - | - | 0 |" in text  # a week without practice is a row
    assert "| 2026-11-02 | 1 | 20 | 3.0 | 5.0 | 0 |" in text
    assert "| 2026-11-09 | 2 | 37 | 2.0 | 4.0 | 0 |" in text
    assert "pain     █▁" not in text  # the sparkline is on the 0-10 scale
    assert "pain     ▃▂  latest 2, range 2-3, over 2 check-ins" in text
    assert "| 2026-11-11 | 21:30 | Morning reset |  | 25 | completed |  |  |" in text
    assert "felt tense" not in text


def test_markdown_escapes_table_characters_in_notes() -> None:
    text = to_markdown(SESSIONS, date(2026, 11, 1), date(2026, 11, 14), NOTES)
    assert "first try \\| felt tense but ok" in text


def test_empty_period_says_so_calmly() -> None:
    text = to_markdown([], date(2026, 11, 1), date(2026, 11, 7))
    assert "No sessions in this period." in text
    assert "- Sessions: 0, 0 minutes" in text
