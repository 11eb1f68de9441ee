"""A minimal SMTP server on loopback that keeps the messages it receives (for e-mail tests)."""

from __future__ import annotations

import socketserver
import threading
from email import message_from_bytes, policy
from email.message import EmailMessage


class _Handler(socketserver.StreamRequestHandler):
    def handle(self) -> None:
        self._say("220 sink ESMTP")
        data_mode, lines = False, []
        while raw := self.rfile.readline():
            line = raw.rstrip(b"\r\n")
            if data_mode:
                if line == b".":
                    data_mode = False
                    self.server.messages.append(
                        message_from_bytes(b"\r\n".join(lines), policy=policy.default)
                    )
                    lines = []
                    self._say("250 queued")
                else:
                    lines.append(line[1:] if line.startswith(b"..") else line)
                continue
            verb = line.split(b" ", 1)[0].upper()
            if verb in (b"EHLO", b"HELO"):
                self._say("250 sink")
            elif verb == b"DATA":
                data_mode = True
                self._say("354 go ahead")
            elif verb == b"QUIT":
                self._say("221 bye")
                return
            else:
                self._say("250 ok")

    def _say(self, text: str) -> None:
        self.wfile.write(text.encode() + b"\r\n")


class SMTPSink(socketserver.ThreadingTCPServer):
    """`with SMTPSink() as sink:` listens on `sink.port`; `sink.messages` holds what arrived."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.messages: list[EmailMessage] = []
        self.port = self.server_address[1]

    def __enter__(self) -> SMTPSink:
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.shutdown()
        self.server_close()
