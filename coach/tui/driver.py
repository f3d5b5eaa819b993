"""Textual's terminal driver, with an input thread that sleeps while no key comes.

The one place coach leans on Textual's driver internals: :func:`calm_driver` hands out
:class:`CalmDriver` only while every internal it copies is there, and Textual's own
``LinuxDriver`` otherwise. Upstream, a ``LinuxDriver`` whose input thread blocks in
``select`` until input (or a wake-up pipe written on exit) instead of polling ten times a
second, or a public poll-interval setting, would let this module go.
"""

from __future__ import annotations

import os
import selectors
import time
from codecs import getincrementaldecoder
from contextlib import suppress
from typing import TYPE_CHECKING, Any

from textual import constants
from textual.drivers.linux_driver import LinuxDriver

if TYPE_CHECKING:
    from textual.app import App
    from textual.driver import Driver

# Textual's thread wakes every POLL seconds to notice quitting and a lone Escape key. Here it
# polls so only for SETTLE seconds after input, while an Escape may still be waiting for the
# rest of its sequence; otherwise it sleeps until a key comes or quitting writes to a pipe.
POLL = 0.1
SETTLE = 1.0 + constants.ESCAPE_DELAY
# What CalmDriver uses of LinuxDriver: the methods it overrides or calls, and (set by
# LinuxDriver.__init__) the attributes its input loop reads.
DRIVER_METHODS = ("run_input_thread", "disable_input", "close", "process_message")
DRIVER_ATTRIBUTES = ("fileno", "exit_event", "_debug")


def calm_driver() -> type[Driver]:
    """CalmDriver while Textual still has what it copies; Textual's own driver if not."""
    try:
        from textual import _parser, _xterm_parser
    except ImportError:
        return LinuxDriver
    parser = getattr(_xterm_parser, "XTermParser", None)
    needed: list[tuple[object, str]] = [(LinuxDriver, name) for name in DRIVER_METHODS]
    needed += [(parser, "feed"), (parser, "tick"), (_parser, "ParseError")]
    return CalmDriver if all(hasattr(*each) for each in needed) else LinuxDriver


class CalmDriver(LinuxDriver):
    """The Linux/macOS driver, minus ten wake-ups a second during a quiet session.

    Each wake-up costs about 0.1 ms of CPU on a small virtual machine: a sixth of what a
    running session uses in all (``bench/bench_relax.py``).
    """

    def __init__(
        self,
        app: App[Any],
        *,
        debug: bool = False,
        mouse: bool = True,
        size: tuple[int, int] | None = None,
    ) -> None:
        super().__init__(app, debug=debug, mouse=mouse, size=size)
        # Quitting writes a byte here to wake the sleeping input thread.
        self._wake_read, self._wake_write = os.pipe()
        os.set_blocking(self._wake_read, False)

    def disable_input(self) -> None:
        with suppress(OSError):
            os.write(self._wake_write, b"\0")
        super().disable_input()  # sets the exit event and waits for the thread
        # Empty the pipe, so a later start (after suspending) begins asleep again.
        with suppress(OSError):
            while os.read(self._wake_read, 4096):
                pass

    def close(self) -> None:
        super().close()
        for fd in (self._wake_read, self._wake_write):
            with suppress(OSError):
                os.close(fd)

    def run_input_thread(self) -> None:
        """Textual's input loop, with a timeout only while input has just arrived."""
        if not all(hasattr(self, name) for name in DRIVER_ATTRIBUTES):
            super().run_input_thread()  # Textual moved things: its own loop, ten wakes a second
            return
        from textual._parser import ParseError  # present: calm_driver checked
        from textual._xterm_parser import XTermParser

        fileno = self.fileno
        selector = selectors.SelectSelector()
        selector.register(fileno, selectors.EVENT_READ)
        selector.register(self._wake_read, selectors.EVENT_READ)
        parser = XTermParser(self._debug)
        decode = getincrementaldecoder("utf-8")().decode
        last_input = time.monotonic()

        def process(ready: list[tuple[selectors.SelectorKey, int]]) -> None:
            nonlocal last_input
            for key, _mask in ready:
                if key.fd != fileno:
                    continue
                text = decode(os.read(fileno, 1024 * 4))
                if not text:  # the input has ended: stop listening, rather than spin on it
                    selector.unregister(fileno)
                    break
                last_input = time.monotonic()
                for event in parser.feed(text):
                    self.process_message(event)
            for event in parser.tick():
                self.process_message(event)

        try:
            while not self.exit_event.is_set():
                settling = time.monotonic() - last_input < SETTLE
                process(selector.select(POLL if settling else None))
        finally:
            selector.close()
            with suppress(EOFError, ParseError):
                for _event in parser.feed(""):
                    pass
