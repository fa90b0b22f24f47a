# SPDX-License-Identifier: AGPL-3.0-or-later
# make-fixtures.py: writes the mail fixtures of t/mail/ (run it there):
# Korean mail as clients send it, for t/unit/test_mail_in.c and
# t/e2e/110-mailin.t.
import base64, quopri, zlib, struct
from urllib.parse import quote
def png():
    def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
    raw = b'\x00\xff\x00\x00'
    return b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 1, 1, 8, 2, 0, 0, 0)) + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b'')
def b64lines(b):
    s = base64.b64encode(b).decode()
    return '\r\n'.join(s[i:i+76] for i in range(0, len(s), 76))
def w(name, text):
    open(name, 'wb').write(text.replace('\r\n','\n').replace('\n', '\r\n').encode('ascii'))
def ew(s, cs):
    enc = 'cp949' if cs.lower() in ('euc-kr','ks_c_5601-1987') else cs
    return '=?%s?B?%s?=' % (cs, base64.b64encode(s.encode(enc)).decode())

body = '똠방각하 도로에 구멍이 났습니다.\n서울시 마포구 월드컵로 1 앞입니다.\n빨리 고쳐 주세요.\n'
kim = base64.b64encode('김민원'.encode('cp949')).decode()
b1 = b64lines(body.encode('cp949'))
w('euckr-base64.eml', f'''From: =?ks_c_5601-1987?B?{kim}?= <kim.minwon@example.net>
To: minwon@madang.example
Subject: {ew('도로 파손 신고', 'ks_c_5601-1987')}
Message-ID: <euckr-base64.1@example.net>
Date: Mon, 07 Dec 2026 10:00:00 +0900
MIME-Version: 1.0
Content-Type: text/plain; charset="ks_c_5601-1987"
Content-Transfer-Encoding: base64

{b1}
''')
qp = quopri.encodestring(body.replace('\n', '\r\n').encode('cp949')).decode()
w('euckr-qp.eml', f'''From: Lee <lee@example.net>
To: minwon+road@madang.example
Subject: {ew('보도블록 깨짐', 'EUC-KR')}
Message-ID: <euckr-qp.1@example.net>
Date: Mon, 07 Dec 2026 10:01:00 +0900
MIME-Version: 1.0
Content-Type: text/plain; charset=EUC-KR
Content-Transfer-Encoding: quoted-printable

{qp}
''')
html = '<html><head><style>p{color:red}</style></head><body><p>가로등이 &lt;꺼져&gt; 있습니다.</p><p>공원 입구&nbsp;앞&#44608;</p><script>alert(1)</script></body></html>'
hb = b64lines(html.encode())
w('html-only.eml', f'''From: park@example.net
To: minwon@madang.example
Subject: {ew('가로등 고장', 'UTF-8')}
Message-ID: <html-only.1@example.net>
MIME-Version: 1.0
Content-Type: text/html; charset=UTF-8
Content-Transfer-Encoding: base64

{hb}
''')
fname = quote('사진 1.png')
tb = b64lines('사진을 첨부합니다. 매일 불법 주차가 있습니다.'.encode())
pb = b64lines(png())
eb = b64lines(b'MZ' + bytes(200))
w('attachment-2231.eml', f'''From: "Choi" <choi@example.net>
To: minwon@madang.example
Subject: {ew('불법 주차 사진 첨부', 'UTF-8')}
Message-ID: <attachment-2231.1@example.net>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b1"

--b1
Content-Type: multipart/alternative; boundary="b2"

--b2
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: base64

{tb}
--b2
Content-Type: text/html; charset=UTF-8

<p>HTML copy</p>
--b2--
--b1
Content-Type: image/png; name*=UTF-8''{fname}
Content-Disposition: attachment; filename*=UTF-8''{fname}
Content-Transfer-Encoding: base64

{pb}
--b1
Content-Type: application/octet-stream; name="tool.exe"
Content-Disposition: attachment; filename="tool.exe"
Content-Transfer-Encoding: base64

{eb}
--b1--
''')
iso = '소음 신고: 밤마다 공사 소음이 납니다.\n'.encode('iso2022_kr').decode('ascii')
w('iso2022kr.eml', f'''From: jung@example.net
To: minwon@madang.example
Subject: noise
Message-ID: <iso2022kr.1@example.net>
MIME-Version: 1.0
Content-Type: text/plain; charset=ISO-2022-KR
Content-Transfer-Encoding: 7bit

{iso}''')
w('autoreply.eml', '''From: kim.minwon@example.net
To: minwon@madang.example
Subject: Out of office
Auto-Submitted: auto-replied
Message-ID: <autoreply.1@example.net>
Content-Type: text/plain; charset=UTF-8

I am away.
''')
w('bounce.eml', '''From: MAILER-DAEMON@mx.example.net
To: noreply@madang.example
Subject: Undelivered Mail Returned to Sender
Auto-Submitted: auto-replied
Message-ID: <bounce.1@mx.example.net>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="r1"

--r1
Content-Type: text/plain; charset=us-ascii

Your message could not be delivered.
--r1
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.net

Final-Recipient: rfc822; gone@example.net
Action: failed
Status: 5.1.1
--r1
Content-Type: text/rfc822-headers

From: noreply@madang.example
To: gone@example.net
Subject: notice
--r1--
''')
hong = base64.b64encode('홍길동'.encode()).decode()
sb = b64lines('마당공원 입구의 벤치 다리가 부러져 위험합니다.\n확인 부탁드립니다.\n'.encode())
w('sample.eml', f'''From: =?UTF-8?B?{hong}?= <hong@example.net>
To: minwon@madang.example
Subject: {ew('공원 벤치가 부서졌습니다', 'UTF-8')}
Message-ID: <sample.1@example.net>
Date: Mon, 07 Dec 2026 09:00:00 +0900
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: base64

{sb}
''')
