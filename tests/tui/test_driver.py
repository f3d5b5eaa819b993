"""The quiet input driver: it reads keys like Textual's own, and steps aside when Textual moves."""

from __future__ import annotations

import os
import threading

import pytest
from textual import _parser, _xterm_parser
from textual.drivers.linux_driver import LinuxDriver
from textual.events import Key
from textual.message import Message

from coach.core.routines import Routine
from coach.tui.driver import CalmDriver, calm_driver
from coach.tui.screens.session import SessionScreen
from tests.tui.conftest import AppFactory

pytestmark = pytest.mark.skipif(os.name != "posix", reason="the Linux/macOS driver only")


def test_the_calm_driver_is_chosen_while_textual_has_what_it_copies() -> None:
    assert calm_driver() is CalmDriver


@pytest.mark.parametrize(
    ("owner", "name"),
    [
        (_parser.Parser, "tick"),
        (_xterm_parser, "XTermParser"),
        (LinuxDriver, "run_input_thread"),
    ],
)
async def test_without_an_internal_it_falls_back_to_textuals_driver_and_runs(
    owner: object,
    name: str,
    monkeypatch: pytest.MonkeyPatch,
    make_app: AppFactory,
    short: Routine,
) -> None:
    monkeypatch.delattr(owner, name)
    assert calm_driver() is LinuxDriver
    app = make_app(short)
    app.driver_class = calm_driver()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)


async def test_a_key_is_read_and_quitting_wakes_the_sleeping_thread(make_app: AppFactory) -> None:
    driver = CalmDriver(make_app(None))
    keys: list[str] = []
    arrived = threading.Event()

    def process_message(message: Message) -> None:
        if isinstance(message, Key):
            keys.append(message.key)
            arrived.set()

    read, write = os.pipe()
    driver.fileno = read
    driver.process_message = process_message  # type: ignore[method-assign]
    thread = threading.Thread(target=driver.run_input_thread, daemon=True)
    thread.start()
    try:
        os.write(write, b"a")
        assert arrived.wait(10), "the key never arrived"
        assert keys == ["a"]
    finally:
        driver.exit_event.set()
        os.write(driver._wake_write, b"\0")  # what disable_input does to wake it
        thread.join(10)
        os.close(read)
        os.close(write)
        for fd in (driver._wake_read, driver._wake_write):
            os.close(fd)
    assert not thread.is_alive(), "the input thread slept through quitting"


async def test_a_driver_missing_its_input_attributes_runs_textuals_own_loop(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    ran: list[str] = []
    monkeypatch.setattr(LinuxDriver, "run_input_thread", lambda self: ran.append("stock"))
    driver = CalmDriver(make_app(None))
    del driver.exit_event
    driver.run_input_thread()
    assert ran == ["stock"]
    for fd in (driver._wake_read, driver._wake_write):
        os.close(fd)
