"""Shared fixtures: ``no_network`` fails a test that opens a socket or resolves a name."""
from __future__ import annotations

import sys

import pytest

# audit events of the standard library that reach for the network (the socket module,
# and what urllib, http.client and the mail and ftp clients raise before they use it)
NETWORK_EVENTS = frozenset({
    "socket.__new__", "socket.bind", "socket.connect", "socket.getaddrinfo", "socket.gethostbyaddr",
    "socket.gethostbyname", "socket.getnameinfo", "socket.sendmsg", "socket.sendto",
    "urllib.Request", "http.client.connect", "ftplib.connect", "smtplib.connect", "poplib.connect",
    "imaplib.open", "nntplib.connect", "webbrowser.open",
})


class _Guard:
    """What the audit hook saw while a ``no_network`` test ran; inactive outside one."""

    active = False
    uses: list[str] = []


def _audit(event: str, args: tuple) -> None:
    if _Guard.active and event in NETWORK_EVENTS:
        _Guard.uses.append(f"{event}{args!r}")
        raise OSError(f"no_network: {event}{args!r} during a test that must stay offline")


_installed = False


@pytest.fixture
def no_network():
    """Fail the test if anything uses the network while it runs.

    An audit hook cannot be removed once added, so one hook is added on first use and
    acts only while this fixture is active: tests that talk to servers on loopback
    (``test_push``, ``test_distributed``) are not affected. Each use is refused at the
    call (``OSError``) and recorded, so a use that the code under test catches and
    swallows still fails the test.
    """
    global _installed
    if not _installed:
        sys.addaudithook(_audit)
        _installed = True
    _Guard.uses = []
    _Guard.active = True
    try:
        yield _Guard.uses
    finally:
        _Guard.active = False
    if _Guard.uses:
        pytest.fail("network used: " + "; ".join(_Guard.uses), pytrace=False)
