#!/usr/bin/python3
# SPDX-License-Identifier: AGPL-3.0-or-later
"""soak-driver.py: the writing parts of bench/soak that wrk cannot do.

Two loops in threads, each a request about every PAUSE seconds, until
UNTIL (epoch seconds) or SIGTERM:

  filer   a signed-in citizen files a complaint with an attachment (a small
          UTF-8 text file) through the form at /cases/new, with the
          session's CSRF token. An acknowledged filing (303 to
          /cases/TRACKING?filed=1) goes to OUT/driver-filed; any other
          answer is logged with the form's error message, so that a full
          attachment folder shows as a clear refusal, not a 5xx.
  staff   a staff member opens the inbox (/staff/cases), opens one of its
          cases and takes the next step the page offers: answers it (the
          form whose hidden action is "answer"), else starts work on it
          ("start"), posting the form's hidden fields (CSRF token, version).

Every request is one line of OUT/driver.log:
  EPOCH ROLE METHOD PATH STATUS NOTE

  soak-driver.py BASE SESSIONS STAFF_COOKIE CATEGORIES UNTIL OUT [PAUSE]
"""
import html.parser
import http.client
import random
import re
import signal
import sys
import threading
import time
import urllib.parse

stop = threading.Event()
log_lock = threading.Lock()


class Forms(html.parser.HTMLParser):
    """The forms of a page: action, method, enctype and hidden fields."""

    def __init__(self):
        super().__init__()
        self.forms = []
        self.errors = []
        self._in_error = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append({"action": a.get("action", ""), "method": (a.get("method") or "get").lower(),
                               "enctype": a.get("enctype", ""), "fields": {}})
        elif tag == "input" and self.forms and a.get("type") == "hidden" and a.get("name"):
            self.forms[-1]["fields"][a["name"]] = a.get("value") or ""
        if "error" in (a.get("class") or "") or a.get("role") == "alert":
            self._in_error += 1

    def handle_endtag(self, tag):
        if self._in_error and tag in ("p", "div", "span", "li", "strong"):
            self._in_error -= 1

    def handle_data(self, data):
        if self._in_error and data.strip():
            self.errors.append(data.strip())


def forms_of(page):
    p = Forms()
    p.feed(page)
    return p


class Client:
    def __init__(self, base, cookie, out):
        u = urllib.parse.urlsplit(base)
        self.host, self.port = u.hostname, u.port
        self.cookie = "mdg_session=" + cookie
        self.out = out
        self.conn = None

    def request(self, role, method, path, body=None, ctype=None):
        """(status, headers dict, text); status 0 when no answer came."""
        headers = {"Cookie": self.cookie}
        if ctype:
            headers["Content-Type"] = ctype
        for attempt in range(2):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
                self.conn.request(method, path, body=body, headers=headers)
                r = self.conn.getresponse()
                text = r.read().decode("utf-8", "replace")
                return r.status, {k.lower(): v for k, v in r.getheaders()}, text
            except (OSError, http.client.HTTPException) as e:
                if self.conn:
                    self.conn.close()
                self.conn = None
                # A kept-alive connection nginx closed meanwhile: once more.
                if attempt == 1 or not isinstance(e, (http.client.RemoteDisconnected, BrokenPipeError,
                                                      ConnectionResetError)):
                    self.log(role, method, path, 0, type(e).__name__)
                    return 0, {}, ""
        return 0, {}, ""

    def log(self, role, method, path, status, note=""):
        note = re.sub(r"\s+", "_", note)[:120]
        with log_lock:
            self.out.write("%d %s %s %s %d %s\n" % (time.time(), role, method, path, status, note))
            self.out.flush()


def multipart(fields, files):
    boundary = "----madangsoakdriver%016x" % random.getrandbits(64)
    parts = []
    for k, v in fields:
        parts.append(('--%s\r\nContent-Disposition: form-data; name="%s"\r\n\r\n%s\r\n'
                      % (boundary, k, v)).encode())
    for k, name, data in files:
        parts.append(('--%s\r\nContent-Disposition: form-data; name="%s"; filename="%s"\r\n'
                      'Content-Type: text/plain\r\n\r\n' % (boundary, k, name)).encode() + data + b"\r\n")
    parts.append(("--%s--\r\n" % boundary).encode())
    return b"".join(parts), "multipart/form-data; boundary=" + boundary


def filer(base, session, categories, until, out, filed, pause, run):
    cookie, csrf = session
    c = Client(base, cookie, out)
    n = 0
    while not stop.is_set() and time.time() < until:
        n += 1
        fields = [("csrf", csrf), ("category", random.choice(categories)),
                  ("title", "%s A%d 보도블록이 깨져 있습니다" % (run, n)),
                  ("body", "버스 정류장 앞 보도블록이 깨져 있어 유모차가 지나가기 어렵습니다. 사진 대신 메모를 붙입니다."),
                  ("public", "1")]
        note = ("현장 메모 %d: 정류장 앞 보도블록 세 장이 깨져 있음.\n" % n).encode()
        body, ctype = multipart(fields, [("attachments", "memo-%d.txt" % n, note)])
        status, headers, text = c.request("filer", "POST", "/cases/new", body, ctype)
        if status == 0:
            pass
        elif status == 303 and re.match(r"^/cases/\d{4}-\d{6}\?filed=1", headers.get("location", "")):
            tracking = headers["location"][7:18]
            with log_lock:
                filed.write(tracking + "\n")
                filed.flush()
            c.log("filer", "POST", "/cases/new", status, "filed_" + tracking)
        else:
            errors = forms_of(text).errors if status < 500 else []
            c.log("filer", "POST", "/cases/new", status, "refused:" + ("|".join(errors) or "-"))
        stop.wait(pause)


def staff(base, cookie, until, out, pause):
    c = Client(base, cookie, out)
    n = 0
    while not stop.is_set() and time.time() < until:
        stop.wait(pause)
        status, _, text = c.request("staff", "GET", "/staff/cases")
        c.log("staff", "GET", "/staff/cases", status)
        links = sorted(set(re.findall(r'href="(/staff/cases/\d{4}-\d{6})"', text)))
        if status != 200 or not links:
            continue
        path = random.choice(links)
        status, _, text = c.request("staff", "GET", path)
        c.log("staff", "GET", path, status)
        if status != 200:
            continue
        forms = forms_of(text).forms
        form = next((f for f in forms if f["fields"].get("action") == "answer"), None) or \
            next((f for f in forms if f["fields"].get("action") == "start"), None)
        if not form:
            continue
        n += 1
        fields = dict(form["fields"])
        if fields["action"] == "answer":
            fields["text"] = "현장을 확인하고 조치했습니다. 불편을 드려 죄송합니다. (답변 %d)" % n
        target = form["action"] or path
        if form["enctype"] == "multipart/form-data":
            body, ctype = multipart(list(fields.items()), [])
        else:
            body, ctype = urllib.parse.urlencode(fields).encode(), "application/x-www-form-urlencoded"
        status, headers, text = c.request("staff", "POST", target, body, ctype)
        c.log("staff", "POST", target, status, fields["action"] + ("" if status in (200, 303) else ":" + (
            "|".join(forms_of(text).errors) if status < 500 else "-")))


def main(argv):
    if len(argv) not in (7, 8):
        sys.exit(__doc__)
    base, sessions_file, staff_cookie, categories, until, out_dir = argv[1:7]
    pause = float(argv[7]) if len(argv) == 8 else 1.0
    until = float(until)
    sessions = [tuple(line.split()) for line in open(sessions_file) if len(line.split()) == 2]
    categories = categories.split(",")
    run = "soakdrv%d" % time.time()
    signal.signal(signal.SIGTERM, lambda *a: stop.set())
    signal.signal(signal.SIGINT, lambda *a: stop.set())
    with open(out_dir + "/driver.log", "a") as out, open(out_dir + "/driver-filed", "a") as filed:
        threads = [threading.Thread(target=filer, args=(base, sessions[0], categories, until, out, filed,
                                                       pause, run)),
                   threading.Thread(target=staff, args=(base, staff_cookie, until, out, pause))]
        for t in threads:
            t.start()
        while any(t.is_alive() for t in threads):
            for t in threads:
                t.join(0.5)


if __name__ == "__main__":
    main(sys.argv)
