"""Shared fixtures: the whole suite runs with network sockets disabled, proving coach is offline."""

from __future__ import annotations

import socket  # noqa: TID251 - only to take the network away from every test
from collections.abc import Iterator
from typing import Any

import pytest

LOCAL_FAMILIES = {getattr(socket, "AF_UNIX", None)}  # asyncio's self-pipe needs these


class NetworkBlocked(RuntimeError):
    """A test (or the code it ran) tried to open a network socket."""


class _NoNetworkSocket(socket.socket):
    def __init__(self, family: Any = -1, type: Any = -1, proto: int = -1, fileno: Any = None):
        # A socket wrapping an existing descriptor (socketpair, accept) is allowed through.
        if fileno is None and family not in LOCAL_FAMILIES:
            raise NetworkBlocked("coach never opens a network socket")
        super().__init__(family, type, proto, fileno)


def _refuse(*args: Any, **kwargs: Any) -> Any:
    raise NetworkBlocked("coach never looks up or connects to a network address")


@pytest.fixture(autouse=True, scope="session")
def no_network() -> Iterator[None]:
    """Every test in the suite: network sockets, connections and name look-ups all fail."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket, "socket", _NoNetworkSocket)
        for name in ("create_connection", "getaddrinfo", "gethostbyname", "create_server"):
            patch.setattr(socket, name, _refuse)
        yield


@pytest.fixture
def paused_collector() -> Iterator[None]:
    """The garbage collector as the entry point leaves it during start-up: paused."""
    import gc

    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.unfreeze()
