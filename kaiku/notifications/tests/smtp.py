"""A tiny SMTP server for tests (stdlib ``socketserver``, loopback only, no TLS or AUTH).

``messages`` holds what was accepted (answered ``250`` after DATA). ``stop()`` closes the
listening socket, so a client then gets *connection refused*; ``start()`` listens again on the
same port. ``hold(skip=n)`` makes the server accept ``n`` more messages, then keep the next one
without answering until
``release()``: the client is then in the middle of sending, where a test can kill it; a message
released with ``accept=False`` is dropped, as when the client died before the end of DATA.
"""

from __future__ import annotations

import socketserver
import threading


class _Handler(socketserver.StreamRequestHandler):
    def reply(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self) -> None:
        server: SMTPTestServer = self.server.owner
        self.reply("220 localhost test SMTP")
        envelope: dict = {"to": []}
        while line := self.rfile.readline():
            command = line.decode("ascii", "replace").strip()
            verb = command[:4].upper()
            if verb == "EHLO":
                self.reply("250-localhost")
                self.reply("250 8BITMIME")
            elif verb == "MAIL":
                envelope = {"from": command[10:], "to": []}
                self.reply("250 OK")
            elif verb == "RCPT":
                envelope["to"].append(command[8:].strip("<>"))
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                lines = []
                while (data := self.rfile.readline()) not in (b".\r\n", b".\n", b""):
                    lines.append(data[1:] if data.startswith(b"..") else data)
                message = {**envelope, "data": b"".join(lines)}
                if not server.accept(message):
                    return
                self.reply("250 OK queued")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:  # HELO, RSET, NOOP, …
                self.reply("250 OK")


class _TCPServer(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


class SMTPTestServer:
    def __init__(self) -> None:
        self.messages: list[dict] = []
        self.port = 0
        self._server: _TCPServer | None = None
        self._lock = threading.Lock()
        self._hold: int | None = None
        self.holding = threading.Event()
        self._released = threading.Event()
        self._accept_held = True

    def start(self) -> SMTPTestServer:
        self._server = _TCPServer(("127.0.0.1", self.port), _Handler)
        self._server.owner = self
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def hold(self, *, skip: int = 0) -> None:
        """Accept ``skip`` more messages, then keep the next one unanswered until ``release``."""
        self._hold, self._accept_held = skip, True
        self.holding.clear()
        self._released.clear()

    def release(self, *, accept: bool) -> None:
        self._accept_held = accept
        self._released.set()

    def accept(self, message: dict) -> bool:
        with self._lock:
            held = self._hold == 0
            if self._hold is not None:
                self._hold = None if held else self._hold - 1
        if held:
            self.holding.set()
            self._released.wait(timeout=30)
            if not self._accept_held:
                return False
        with self._lock:
            self.messages.append(message)
        return True

    def recipients(self) -> list[str]:
        return sorted(address for m in self.messages for address in m["to"])
