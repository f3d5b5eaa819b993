"""coach safety, the support list from config.toml, the first-run screen and check-in advice."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coach.cli import app
from coach.core.config import DEFAULT_SUPPORT, Support, load_config
from coach.core.paths import Paths
from coach.core.safety import SAFETY_LINE, acknowledge, acknowledged, first_run_safety_text

runner = CliRunner()


@pytest.fixture
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg" / "coach"


def safety(tmp_path: Path) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--data-dir", str(tmp_path), "safety"])
    return result.exit_code, result.stdout, result.stderr


def write_config(config_dir: Path, text: str) -> Path:
    config_dir.mkdir(parents=True, exist_ok=True)
    path = config_dir / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_safety_says_when_not_to_start_when_to_stop_and_where_to_turn(
    tmp_path: Path, config_dir: Path
) -> None:
    code, out, err = safety(tmp_path)
    assert (code, err) == (0, "")
    flat = " ".join(out.split())
    for words in (
        "not medical advice",
        "Before you start with trainers",
        "infection",
        "6 to 8 weeks",
        "When to stop and see a clinician",
        "light spotting can be normal",
        "fever",
        "flashbacks",
        "psychosexual or trauma therapist",
        "Emergency services: 999",
        "NHS 111: 111",
        "Samaritans: 116 123",
        "Rape Crisis England & Wales support line: 0808 500 2222",
        "(numbers for the UK):",
        "coach learn has short pages",
        SAFETY_LINE,
        str(config_dir / "config.toml"),
    ):
        assert words in flat, words


def test_your_own_support_list_replaces_the_default(tmp_path: Path, config_dir: Path) -> None:
    write_config(
        config_dir,
        '# mine\n[[support]]\nname = "Lifeline"\ncontact = "13 11 14"\n'
        'note = "any time"\n\n[[support]]\nname = "My GP"\ncontact = "02 9999 0000"\n',
    )
    code, out, err = safety(tmp_path)
    assert (code, err) == (0, "")
    assert "Lifeline: 13 11 14 (any time)" in out and "My GP: 02 9999 0000" in out
    assert "Samaritans" not in out and "Your list is kept in" in out
    assert "Rape Crisis" not in out and "for the UK" not in out


@pytest.mark.parametrize(
    ("text", "where", "reason"),
    [
        ('[[support]]\nname = "Lifeline\n', ":2:", "not valid TOML"),
        ('[[support]]\nname = "Lifeline"\n', ":1:1:", "support entry 1: contact is missing"),
        (
            '[[support]]\nname = "A"\ncontact = "1"\n[[support]]\nname = "B"\nphone = "2"\n',
            ":6:1:",
            "support entry 2: 'phone' is not a support field",
        ),
        ('[[support]]\nname = "A"\ncontact = 999\n', ":3:1:", "contact should be text"),
        ("support = []\n", ":1:1:", "the support list is empty"),
    ],
)
def test_a_broken_config_warns_with_its_place_and_falls_back_to_defaults(
    tmp_path: Path, config_dir: Path, text: str, where: str, reason: str
) -> None:
    path = write_config(config_dir, text)
    before = path.read_bytes()
    code, out, err = safety(tmp_path)
    assert code == 0
    assert err.startswith(str(path) + where) and reason in err
    assert "showing the built-in support list" in err
    assert "Samaritans: 116 123" in out  # the defaults, never an empty list
    assert path.read_bytes() == before  # the user's file is never rewritten


def test_other_settings_in_config_are_left_alone(tmp_path: Path) -> None:
    path = write_config(tmp_path, 'voice = "en"\n[display]\ntheme = "dark"\n')
    config = load_config(path)
    assert (config.support, config.warnings) == (DEFAULT_SUPPORT, ())
    assert load_config(tmp_path / "missing.toml").support == DEFAULT_SUPPORT


def test_an_empty_or_bom_config_is_fine_and_bad_bytes_are_placed(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    for raw in (b"", b"\n\n", b"# nothing yet\n", b"\xef\xbb\xbf\n"):
        path.write_bytes(raw)
        assert load_config(path) == load_config(tmp_path / "missing.toml")
    path.write_bytes(b'\xef\xbb\xbf[[support]]\nname = "A"\ncontact = "1"\n')
    assert load_config(path).support == (Support("A", "1"),)
    path.write_bytes(b'[[support]]\nname = "A\xff"\n')
    assert load_config(path).warnings == (
        f"{path}:2:10: not UTF-8 text; showing the built-in support list",
    )
    path.write_bytes(b'[[support]]\n  name = "A"\n  contact = "1"\n  phone = "2"\n')
    assert load_config(path).warnings == (
        f"{path}:4:3: support entry 1: 'phone' is not a support field; use name, contact "
        "and (optionally) note; showing the built-in support list",
    )


def test_config_entries_keep_their_order(tmp_path: Path) -> None:
    path = write_config(
        tmp_path,
        '[[support]]\nname = "B"\ncontact = "2"\n[[support]]\nname = " A "\ncontact = "1"\n',
    )
    assert load_config(path).support == (Support("B", "2"), Support("A", "1"))


def test_first_run_screen_is_short_and_remembered_privately(tmp_path: Path) -> None:
    text = first_run_safety_text()
    assert text.splitlines()[0] == "Before you begin"
    assert SAFETY_LINE in text and "coach safety" in text and len(text.splitlines()) <= 12
    paths = Paths(data=tmp_path / "data", config=tmp_path / "config")
    assert not acknowledged(paths)
    assert acknowledge(paths)
    assert acknowledged(paths)
    remembered = next(paths.config.iterdir())
    assert stat.S_IMODE(paths.config.stat().st_mode) == 0o700
    assert stat.S_IMODE(remembered.stat().st_mode) == 0o600
    assert [p.name for p in paths.config.iterdir()] == [remembered.name]  # no temp file left


def test_a_damaged_acknowledgement_shows_the_screen_again(tmp_path: Path) -> None:
    paths = Paths(data=tmp_path / "data", config=tmp_path / "config")
    acknowledge(paths)
    remembered = next(paths.config.iterdir())
    for raw in (b"safety_version = \n", b"", b"safety_version = 1\x00", b"\xff\xfe"):
        remembered.write_bytes(raw)
        assert not acknowledged(paths)


def test_acknowledging_where_nothing_can_be_saved_never_stops_a_session(tmp_path: Path) -> None:
    (tmp_path / "config").write_text("a file where the folder would be")
    paths = Paths(data=tmp_path / "data", config=tmp_path / "config")
    assert acknowledge(paths) is False
    assert not acknowledged(paths)


def test_a_broken_list_is_named_in_place_and_the_defaults_say_their_country(
    tmp_path: Path, config_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "400")  # the long temporary path stays on one line
    _, out, _ = safety(tmp_path)
    assert "(numbers for the UK):" in out
    config_dir.mkdir(parents=True)
    (config_dir / "config.toml").write_text('[[support]]\nname = "A"\ncontact = 999\n')
    _, out, _ = safety(tmp_path)
    flat = " ".join(out.split())
    assert f"Your own list could not be used: {config_dir / 'config.toml'}:3:1:" in flat
    assert "(numbers for the UK):" in flat and "Samaritans" in flat
    (config_dir / "config.toml").write_text('[[support]]\nname = "Mine"\ncontact = "1"\n')
    _, out, _ = safety(tmp_path)
    assert "numbers for the UK" not in out and "Mine: 1" in out
