#!/usr/bin/python3
# SPDX-License-Identifier: AGPL-3.0-or-later
# smtp-sink.py: a real SMTP server (Debian's python3-aiosmtpd) that stores every
# message it accepts, for the tests, the benchmark and `make run`.
"""SMTP sink for Madang's tests.

Listens on HOST:PORT (default 127.0.0.1) and stores every accepted message
as DIR/NNNNNN.eml (six digits, counting on from the highest file already
there), written to a temporary file and renamed so a reader never sees half
a message. The envelope is in two lines put before the message:

    X-Sink-Mail-From: <sender>
    X-Sink-Rcpt-To: <a@x.kr>, <b@y.kr>

Faults on demand, both files re-read on every command so a test can change
them while the sink runs:
  --reject-file F   (default DIR/../reject-addresses) one address a line:
                    RCPT TO any of them gets "550 5.1.1 mailbox unavailable"
  --tempfail-file F (default DIR/../tempfail) while F exists, MAIL, RCPT and
                    DATA get "451 4.3.0 temporarily unavailable"; if F holds
                    "421", the answer is 421 and the sink hangs up

No fsync per message: a test sink trades durability for speed (the
benchmark pushes 20,000 messages through it).
"""
import argparse
import asyncio
import logging
import os
import re
import signal
import sys

try:
    from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword
except ImportError:  # pragma: no cover
    sys.exit("smtp-sink: python3-aiosmtpd is missing (scripts/deps.sh test); "
             "run with /usr/bin/python3")

log = logging.getLogger("smtp-sink")


class Sink:
    """aiosmtpd handler: the hooks for MAIL, RCPT and DATA."""

    def __init__(self, folder, reject_file, tempfail_file):
        self.dir = folder
        self.reject_file = reject_file
        self.tempfail_file = tempfail_file
        self.seq = self._last_number()
        self.stored = 0

    def _last_number(self):
        last = 0
        for name in os.listdir(self.dir):
            m = re.fullmatch(r"(\d+)\.eml", name)
            if m:
                last = max(last, int(m.group(1)))
        return last

    def _tempfail(self, server):
        """The reply while the temporary-failure switch is on, else None."""
        try:
            with open(self.tempfail_file, "rb") as f:
                what = f.read(16)
        except FileNotFoundError:
            return None
        if b"421" in what:
            # aiosmtpd writes the reply before the loop runs this, and
            # close() sends what is buffered first.
            server.loop.call_soon(server.transport.close)
            return "421 4.3.0 service not available, closing channel"
        return "451 4.3.0 temporarily unavailable"

    def _rejected(self, address):
        try:
            with open(self.reject_file, encoding="utf-8", errors="replace") as f:
                listed = {line.strip().lower() for line in f if line.strip()}
        except FileNotFoundError:
            return False
        return address.lower() in listed

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        reply = self._tempfail(server)
        if reply:
            return reply
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 2.1.0 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        reply = self._tempfail(server)
        if reply:
            return reply
        if self._rejected(address):
            log.info("rejected RCPT %s", address)
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(rcpt_options)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        reply = self._tempfail(server)
        if reply:
            return reply
        self.seq += 1
        name = "%06d.eml" % self.seq
        tmp = os.path.join(self.dir, ".tmp-" + name)
        head = ("X-Sink-Mail-From: <%s>\r\nX-Sink-Rcpt-To: %s\r\n" % (
            envelope.mail_from,
            ", ".join("<%s>" % r for r in envelope.rcpt_tos))).encode("utf-8", "replace")
        content = envelope.original_content or b""
        with open(tmp, "wb") as f:
            f.write(head)
            f.write(content)
        os.rename(tmp, os.path.join(self.dir, name))
        self.stored += 1
        log.info("stored %s from=<%s> to=%s bytes=%d", name, envelope.mail_from,
                 ",".join(envelope.rcpt_tos), len(content))
        return "250 2.0.0 OK stored as %s" % name


def parse_args(argv):
    p = argparse.ArgumentParser(
        prog="smtp-sink.py",
        description=__doc__.split("\n\n")[0],
        epilog="Stores DIR/NNNNNN.eml per accepted message; see the file's "
               "docstring for the envelope lines and the fault switches.")
    p.add_argument("--port", type=int, required=True, help="TCP port to listen on")
    p.add_argument("--dir", required=True, help="folder for the stored messages (created)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    p.add_argument("--pidfile", help="write the process id here once listening")
    p.add_argument("--log", help="log file (default: stderr)")
    p.add_argument("--reject-file", help="addresses answered 550 at RCPT "
                   "(default DIR/../reject-addresses)")
    p.add_argument("--tempfail-file", help="while this file exists answer 451 "
                   "(421 if it says so) (default DIR/../tempfail)")
    p.add_argument("--auth", metavar="USER:PASSWORD",
                   help="require AUTH PLAIN/LOGIN with these credentials (no TLS needed)")
    p.add_argument("--hostname", default="sink.madang.test", help="name in the greeting")
    a = p.parse_args(argv)
    if not 0 < a.port < 65536:
        p.error("--port must be 1-65535")
    parent = os.path.dirname(os.path.abspath(a.dir))
    a.reject_file = a.reject_file or os.path.join(parent, "reject-addresses")
    a.tempfail_file = a.tempfail_file or os.path.join(parent, "tempfail")
    return a


def make_authenticator(spec):
    user, _, password = spec.partition(":")

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword)
              and auth_data.login.decode("utf-8", "replace") == user
              and auth_data.password.decode("utf-8", "replace") == password)
        log.info("AUTH %s %s", mechanism, "ok" if ok else "refused")
        return AuthResult(success=ok)
    return authenticator


def main(argv):
    a = parse_args(argv)
    os.makedirs(a.dir, exist_ok=True)
    logging.basicConfig(
        filename=a.log, level=logging.INFO,
        format="%(asctime)s smtp-sink[%(process)d] %(message)s")
    # aiosmtpd logs every command at INFO: far too slow for the benchmark.
    logging.getLogger("mail.log").setLevel(logging.WARNING)

    handler = Sink(a.dir, a.reject_file, a.tempfail_file)
    kwargs = dict(hostname=a.hostname, ident="madang smtp-sink",
                  enable_SMTPUTF8=True, data_size_limit=64 * 1024 * 1024, timeout=60)
    if a.auth:
        kwargs.update(auth_required=True, auth_require_tls=False,
                      authenticator=make_authenticator(a.auth))

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    server = loop.run_until_complete(loop.create_server(
        lambda: SMTP(handler, loop=loop, **kwargs), host=a.host, port=a.port,
        reuse_address=True, backlog=256))
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    if a.pidfile:
        tmp = a.pidfile + ".tmp"
        with open(tmp, "w") as f:
            f.write("%d\n" % os.getpid())
        os.rename(tmp, a.pidfile)
    log.info("listening on %s:%d, storing in %s", a.host, a.port, a.dir)
    try:
        loop.run_until_complete(stop.wait())
    finally:
        server.close()
        loop.run_until_complete(server.wait_closed())
        log.info("stopping after %d stored message(s)", handler.stored)
        if a.pidfile:
            try:
                os.unlink(a.pidfile)
            except FileNotFoundError:
                pass
        loop.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
