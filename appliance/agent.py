"""The host end of the rig's command channel into the guest (the second serial port)."""

from __future__ import annotations

import re
import secrets
import socket
import time
from dataclasses import dataclass
from pathlib import Path

_RC = re.compile(rb"@@RC=(\d+) (\w+)\r?\n")


class AgentError(Exception):
    """The guest's agent did not answer in time."""


@dataclass(frozen=True)
class Reply:
    """A command's output and exit status."""

    output: str
    status: int


def parse_reply(buffer: bytes, nonce: str) -> tuple[Reply, bytes] | None:
    """The reply to the command sent with ``nonce`` and what follows it, or None if it is not
    complete yet; replies to earlier commands (sent while the agent was starting) are skipped."""
    start = 0
    for match in _RC.finditer(buffer):
        if match.group(2).decode() == nonce:
            output = buffer[start : match.start()].decode("utf-8", "replace")
            return Reply(output.replace("\r\n", "\n"), int(match.group(1))), buffer[match.end() :]
        start = match.end()
    return None


class Agent:
    """Runs shell commands in the guest as root through /dev/ttyS1."""

    def __init__(self, path: Path) -> None:
        self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._sock.connect(str(path))
        self._buffer = b""

    def run(self, command: str, timeout_s: float = 120.0) -> Reply:
        """Run ``command`` (one line) and wait for its reply."""
        if "\n" in command:
            raise ValueError("one line per command")
        self._buffer = b""
        nonce = secrets.token_hex(8)
        self._sock.sendall(nonce.encode() + b"\t" + command.encode() + b"\n")
        deadline = time.monotonic() + timeout_s
        while True:
            parsed = parse_reply(self._buffer, nonce)
            if parsed is not None:
                reply, self._buffer = parsed
                return reply
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AgentError(f"no answer to {command!r} in {timeout_s:.0f} s")
            self._sock.settimeout(remaining)
            try:
                chunk = self._sock.recv(65536)
            except TimeoutError:
                continue
            if not chunk:
                raise AgentError("the agent's port closed")
            self._buffer += chunk

    def wait_ready(self, timeout_s: float) -> float:
        """Poll until the agent answers; the monotonic time it first did."""
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                self.run("echo up", timeout_s=5.0)
                return time.monotonic()
            except AgentError:
                if time.monotonic() > deadline:
                    raise

    def close(self) -> None:
        """Close the channel."""
        self._sock.close()
