"""`coach learn`: the list of pages, one page as Markdown or plain text, a calm unknown topic."""

from __future__ import annotations

import io

import pytest
from typer.testing import CliRunner

from coach.cli import app
from coach.views.learn import pages, run_learn
from tests.goldens import golden
from tests.test_content import BANNED_RE, TOPICS

runner = CliRunner()


class Terminal(io.StringIO):
    """Output that says it is a terminal, as Rich asks."""

    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def _fixed_width(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("TERM", "dumb")  # a terminal without colour, so the golden is plain
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)


def test_every_page_is_listed_with_its_title_and_summary() -> None:
    assert sorted(p.topic for p in pages()) == sorted(TOPICS)
    assert pages()[0].topic == "vaginismus"  # what it is, first
    out = io.StringIO()
    assert run_learn(None, stdout=out) == 0
    golden("learn_list.txt", out.getvalue())
    flat = " ".join(out.getvalue().split())
    for page in pages():
        assert f"{page.topic} {page.title}. {page.summary}" in flat


@pytest.mark.parametrize("topic", sorted(TOPICS))
def test_a_page_prints_as_plain_text_when_not_a_terminal(topic: str) -> None:
    out = io.StringIO()
    assert run_learn(topic, stdout=out) == 0
    text = out.getvalue()
    golden(f"learn_{topic}.txt", text)
    assert not text.startswith("#") and "#" not in text
    (page,) = [p for p in pages() if p.topic == topic]
    assert text.splitlines()[0] == page.title and page.summary in text


def test_a_page_is_drawn_with_markdown_on_a_terminal() -> None:
    out = Terminal()
    assert run_learn("gp", stdout=out) == 0
    text = out.getvalue()
    golden("learn_gp_terminal.txt", text)
    assert "Seeing a GP" in text and "# Seeing a GP" not in text


def test_an_unknown_topic_is_one_calm_sentence_with_a_did_you_mean() -> None:
    out, err = io.StringIO(), io.StringIO()
    assert run_learn("vaginsmus", stdout=out, stderr=err) == 1
    assert out.getvalue() == ""
    assert err.getvalue() == (
        "There is no page called 'vaginsmus'. Did you mean coach learn vaginismus? "
        "coach learn lists every page.\n"
    )
    assert not BANNED_RE.search(err.getvalue())
    err = io.StringIO()
    run_learn("xyzzy", stdout=out, stderr=err)
    assert "Did you mean" not in err.getvalue()


def test_the_command_and_where_it_is_linked_from(tmp_path: object) -> None:
    result = runner.invoke(app, ["learn", "Partner"])
    assert result.exit_code == 0 and "fully aroused" in result.stdout
    assert runner.invoke(app, ["learn", "-h"]).exit_code == 0
    safety = runner.invoke(app, ["--data-dir", str(tmp_path), "safety"])
    assert "coach learn" in safety.stdout
