"""A real SMTP server on 127.0.0.1 (aiosmtpd) that can refuse, fail for a while, or hang."""

from __future__ import annotations

import asyncio
import email
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from email.policy import default
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import Envelope
from django.db import connections


class Mailbox:
    """What the server received; how it misbehaves is set by the test.

    - an address starting with "broken" is refused for good (550);
    - ``fail_times[address]`` transient refusals (451) before the address is accepted;
    - ``hold``: each message waits in DATA until ``release`` is set; ``entered`` says one waits.
    """

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], str]] = []
        self.fail_times: dict[str, int] = {}
        self.hold = False
        self.entered = threading.Event()
        self.release = threading.Event()

    def to(self, address: str) -> list[str]:
        """Subjects of the messages received for ``address``."""
        return [subject for rcpt, subject in self.messages if address in rcpt]

    async def handle_RCPT(  # noqa: N802 (aiosmtpd's hook name)
        self, server: Any, session: Any, envelope: Envelope, address: str, options: Any
    ) -> str:
        if address.startswith("broken"):
            return "550 mailbox unavailable"
        if self.fail_times.get(address, 0) > 0:
            self.fail_times[address] -= 1
            return "451 try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Envelope) -> str:  # noqa: N802
        if self.hold:
            self.entered.set()
            for _ in range(3000):  # at most 30 s, so a failing test still ends
                if self.release.is_set():
                    break
                await asyncio.sleep(0.01)
        message = email.message_from_bytes(envelope.content, policy=default)  # type: ignore[arg-type]
        self.messages.append((list(envelope.rcpt_tos), str(message["subject"])))
        return "250 Message accepted"


@contextmanager
def smtp_server(settings: Any) -> Iterator[Mailbox]:
    """Serve a Mailbox on a free loopback port and point Django's SMTP backend at it."""
    mailbox = Mailbox()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    try:
        yield mailbox
    finally:
        mailbox.release.set()
        controller.stop()


def _in_thread(work: Callable[[], object], outcome: dict[str, object]) -> threading.Thread:
    def run() -> None:
        started = time.monotonic()
        try:
            work()
        except BaseException as exc:  # reported to the test, which fails on it
            outcome["error"] = exc
        finally:
            outcome["seconds"] = time.monotonic() - started
            connections.close_all()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def write_while_server_hangs(
    mailbox: Mailbox, flow: Callable[[], object], write: Callable[[], object]
) -> float:
    """Run ``flow`` until the server holds its e-mail, then ``write`` on another connection.

    Returns how long the write took while the server hung; fails if it did not finish within
    3 s or raised (SQLite answers "database table is locked" to a writer behind a transaction).
    """
    mailbox.hold = True
    flowing: dict[str, object] = {}
    flow_thread = _in_thread(flow, flowing)
    try:
        assert mailbox.entered.wait(15), f"no e-mail reached the server: {flowing}"
        writing: dict[str, object] = {}
        _in_thread(write, writing).join(3)
        assert "seconds" in writing, "the write waited for the mail server"
        assert "error" not in writing, f"the write failed: {writing['error']!r}"
        assert mailbox.messages == []  # the server was still hanging during the write
    finally:
        mailbox.release.set()
        flow_thread.join(30)
    assert "error" not in flowing, f"the flow failed: {flowing.get('error')!r}"
    return float(writing["seconds"])  # type: ignore[arg-type]
