"""Privacy promises: no network at all, and no crash ever prints a note or a rating."""

from __future__ import annotations

import ast
import io
import socket  # noqa: TID251 - to show that the suite has no network
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import coach
from coach.core.crash import safe_crash_message
from coach.core.store.sessions import session_path
from coach.views.crash import install_private_excepthook

NOTE = "my very private note about tonight"
NETWORK_MODULES = {
    "socket",
    "ssl",
    "http",
    "urllib",
    "ftplib",
    "smtplib",
    "poplib",
    "imaplib",
    "xmlrpc",
    "socketserver",
    "requests",
    "httpx",
    "aiohttp",
    "websockets",
}


# --- no network -------------------------------------------------------------------------------


def test_the_suite_cannot_open_a_network_socket() -> None:
    with pytest.raises(RuntimeError, match="network"):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    with pytest.raises(RuntimeError, match="network"):
        socket.socket()
    with pytest.raises(RuntimeError, match="network"):
        socket.create_connection(("example.org", 443))
    with pytest.raises(RuntimeError, match="network"):
        socket.getaddrinfo("example.org", 443)


def test_local_socket_pairs_still_work_for_the_event_loop() -> None:
    left, right = socket.socketpair()
    with left, right:
        left.sendall(b"tick")
        assert right.recv(4) == b"tick"


def test_no_coach_module_imports_network_code() -> None:
    package = Path(coach.__file__).parent
    found = []
    for source in sorted(package.rglob("*.py")):
        tree = ast.parse(source.read_text(encoding="utf-8"), str(source))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            for name in names:
                if name.split(".")[0] in NETWORK_MODULES:
                    found.append(f"{source.relative_to(package)}:{node.lineno}: {name}")
    assert found == []


# --- crashes ----------------------------------------------------------------------------------


def checkin_handler(note: str, pain: int) -> None:
    """Stands in for any code holding a note and a rating when something goes wrong."""
    anxiety = 9
    raise ValueError(f"could not save {note!r} (pain {pain}, anxiety {anxiety})")


def test_a_crash_message_names_the_kind_and_place_never_the_values() -> None:
    with pytest.raises(ValueError) as caught:
        checkin_handler(NOTE, 7)
    message = safe_crash_message(caught.value)
    assert message.startswith("coach stopped because of an unexpected problem (ValueError in ")
    assert "test_privacy.py, line" in message
    assert NOTE not in message and "private" not in message
    assert "7" not in message.split("line")[0] and "9" not in message.split("line")[0]


def test_a_crash_inside_coach_points_at_coachs_own_file(tmp_path: Path) -> None:
    with pytest.raises(ValueError) as caught:
        session_path(tmp_path, NOTE)  # type: ignore[arg-type]
    message = safe_crash_message(caught.value)
    assert "(ValueError in coach/core/store/sessions.py, line " in message
    assert NOTE not in message


def test_a_key_error_whose_key_is_the_note_says_nothing_of_it() -> None:
    assert NOTE not in safe_crash_message(KeyError(NOTE))
    assert safe_crash_message(KeyError(NOTE)) == (
        "coach stopped because of an unexpected problem (KeyError)."
    )


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_an_uncaught_crash_prints_one_safe_line(tmp_path: Path) -> None:
    done = run_python(
        f"""
        import threading
        from coach.views.crash import install_private_excepthook
        install_private_excepthook()

        def in_a_thread(note={NOTE!r}, pain=7):
            raise RuntimeError(note)

        worker = threading.Thread(target=in_a_thread)
        worker.start()
        worker.join()

        def check_in(note, pain):
            rating = pain
            raise ValueError(f"bad note {{note}} rating {{rating}}")

        check_in({NOTE!r}, 7)
        """
    )
    assert done.returncode == 1
    assert NOTE not in done.stderr and "rating" not in done.stderr
    assert done.stderr.splitlines() == [
        "coach stopped because of an unexpected problem (RuntimeError in <string>, line 7).",
        "coach stopped because of an unexpected problem (ValueError in <string>, line 15).",
    ]
    assert done.stdout == ""


def test_the_hook_can_be_installed_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    import threading

    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    install_private_excepthook()
    err = io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    try:
        checkin_handler(NOTE, 7)
    except ValueError as error:
        sys.excepthook(type(error), error, error.__traceback__)
    assert NOTE not in err.getvalue()
    assert err.getvalue().startswith("coach stopped because of an unexpected problem (ValueError")


async def test_a_crash_in_the_tui_never_prints_a_note(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """Textual's own crash report shows local variables; coach's must show none of them."""
    from coach.core.paths import Paths
    from coach.tui.app import create_app

    paths = Paths(data=tmp_path / "data", config=tmp_path / "config")
    app = create_app(None, paths, quiet=True)

    def save_checkin() -> None:
        note = NOTE  # a local Textual would print in its trace
        pain = 7
        raise ValueError(f"{note} {pain}")

    with pytest.raises(ValueError):  # the crash surfaces again when the app closes
        async with app.run_test(size=(80, 24)) as pilot:
            app.call_later(save_checkin)
            await pilot.pause()
    printed = capfd.readouterr()
    assert "coach stopped because of an unexpected problem (ValueError" in printed.err
    assert NOTE not in printed.err + printed.out
    assert "pain" not in printed.err + printed.out
