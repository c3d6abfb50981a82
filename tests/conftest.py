"""Shared fixtures: ``no_network`` fails a test that opens a socket or resolves a name;
``oxigraph_server`` runs a real Oxigraph SPARQL server on loopback."""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")


def free_port() -> int:
    """A TCP port on 127.0.0.1 nothing listens on (at the time of asking)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture()
def oxigraph_server(tmp_path):
    """``oxigraph serve`` (the dev extra ``oxigraph``) on a free loopback port; yields its base URL."""
    if not Path(OXIGRAPH).exists():
        pytest.skip("the oxigraph server (pip install oxigraph) is not installed")
    port = free_port()
    server = subprocess.Popen([OXIGRAPH, "serve", "--location", str(tmp_path / "db"), "--bind", f"127.0.0.1:{port}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)

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
