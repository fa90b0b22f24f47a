# SPDX-License-Identifier: AGPL-3.0-or-later
# 20-bad-input.t: what a user sees for bad or hostile input, and proof that
# nothing stored changed: CSRF, overlong fields, invalid UTF-8, broken and
# oversized multipart bodies, disallowed attachments, SQL metacharacters
# and markup in a title, other people's private cases, staff pages without
# a staff session, the login throttle, 405 and 404.
use strict;
use warnings;
use utf8;
use Test::More;
use Compress::Zlib qw(crc32 compress);
use Encode qw(encode decode);
use HTTP::Request;
use HTTP::Request::Common qw(POST);
use Time::HiRes qw(time);
use URI::Escape qw(uri_escape_utf8);
use Madang::Test;

binmode $_, ':encoding(UTF-8)' for Test::More->builder->output,
    Test::More->builder->failure_output, Test::More->builder->todo_output;

my $s = Madang::Test->start;

# ------------------------------------------------------------ helpers

sub bytes_of { my ($v) = @_; return utf8::is_utf8($v) ? encode('UTF-8', $v) : $v }

# The page as characters (undecodable bytes kept as U+FFFD).
sub body_of {
    my ($r) = @_;
    return decode('UTF-8', $r->content // '');
}

sub html_unescape {
    my ($v) = @_;
    my %ent = (amp => '&', lt => '<', gt => '>', quot => '"', apos => "'");
    $v =~ s/&(?:#x([0-9A-Fa-f]+)|#([0-9]+)|(amp|lt|gt|quot|apos));/
        defined $1 ? chr(hex $1) : defined $2 ? chr($2) : $ent{$3}/ge;
    return $v;
}

sub files_under {
    my ($dir) = @_;
    my @out;
    opendir my $dh, $dir or return ();
    for my $e (grep { !/^\.\.?$/ } readdir $dh) {
        my $p = "$dir/$e";
        push @out, -d $p ? files_under($p) : $p;
    }
    return @out;
}

# What is stored: row counts of every table a request could write, and the
# files in the uploads and upload-temp folders.
my @TABLES = qw(accounts cases case_events attachments case_search tracking_counters);
sub snapshot {
    my %snap;
    my $q = join ', ', map { "(SELECT COUNT(*) FROM $_)" } @TABLES;
    my ($row) = $s->sql("SELECT $q");
    @snap{@TABLES} = @$row;
    $snap{last_seq} = $s->sql_value('SELECT COALESCE(SUM(last_seq), 0) FROM tracking_counters');
    $snap{uploads} = join ',', sort(files_under($s->dir . '/uploads'));
    $snap{tmp} = join ',', sort(files_under($s->dir . '/tmp'));
    return \%snap;
}

sub unchanged {
    my ($before, $what) = @_;
    is_deeply snapshot(), $before, "$what: nothing stored changed";
}

sub korean_error_page {
    my ($r, $status, $title, $what) = @_;
    is $r->code, $status, "$what: $status" or diag $r->status_line;
    my $html = body_of($r);
    like $html, qr{<html lang="ko">}, "$what: a Korean page";
    like $html, qr{<h1>\Q$title\E</h1>}, "$what: '$title'";
    like $html, qr{<header class="site">.*<footer class="site">}s, "$what: in the layout";
    return $html;
}

# Files a case through /cases/new: %f are form fields (characters or
# bytes); files => [[name, type, bytes], ...]; csrf => undef leaves it out.
sub file_case {
    my ($ua, %f) = @_;
    my $files = delete $f{files} // [];
    my $form = $ua->get($s->url('/cases/new'));
    die 'GET /cases/new: ' . $form->status_line unless $form->code == 200;
    my $csrf = exists $f{csrf} ? delete $f{csrf} : $s->csrf_from($form);
    my @content = defined $csrf ? (csrf => $csrf) : ();
    my %defaults = (category => 1, title => '시험 민원', body => '시험 내용입니다.', public => 1);
    %f = (%defaults, %f);
    for my $k (qw(category title body public address latitude longitude)) {
        push @content, $k => bytes_of($f{$k}) if defined $f{$k};
    }
    for my $file (@$files) {
        my ($name, $type, $bytes) = @$file;
        push @content, attachments => [undef, bytes_of($name), 'Content-Type' => $type,
                                       Content => bytes_of($bytes)];
    }
    return $ua->request(POST $s->url('/cases/new'), Content_Type => 'form-data',
                        Content => \@content);
}

# A valid 2x2 RGB PNG: signature, IHDR, IDAT, IEND with their CRCs.
sub tiny_png {
    my $chunk = sub {
        my ($type, $data) = @_;
        return pack('N', length $data) . $type . $data . pack('N', crc32($type . $data));
    };
    my $raw = join '', map { "\0" . ("\x00\x80\xff" x 2) } 1 .. 2;
    return "\x89PNG\r\n\x1a\n"
        . $chunk->('IHDR', pack('NNCCCCC', 2, 2, 8, 2, 0, 0, 0))
        . $chunk->('IDAT', compress($raw))
        . $chunk->('IEND', '');
}

sub tracking_of {
    my ($r) = @_;
    my ($t) = ($r->header('Location') // '') =~ m{^/cases/(\d{4}-\d{6})};
    return $t;
}

sub new_citizen {
    my (%fields) = @_;
    my $ua = $s->ua;
    my ($r, $acct) = Madang::Test::register_citizen($s, $ua, %fields);
    die 'register: ' . $r->status_line . "\n" . body_of($r) unless $r->code == 303;
    return ($ua, $acct);
}

# ------------------------------------------------------------ data

$s->sql(q{INSERT INTO departments (id, name_ko, name_en) VALUES (1, '도로과', 'Roads')});
$s->sql(q{INSERT INTO categories (id, name_ko, name_en, department_id) VALUES (1, '도로·교통', 'Roads', 1)});

my ($alice, $alice_acct) = new_citizen(name => '김영희');
my ($bob) = new_citizen(name => '이철수');
my $r;

# ------------------------------------------------------------ CSRF

{
    my $before = snapshot();
    $r = file_case($alice, csrf => undef, title => 'CSRF 없는 민원');
    korean_error_page($r, 403, '접근할 수 없습니다', 'POST /cases/new without a CSRF token');
    unchanged($before, 'no CSRF token');

    $r = file_case($alice, csrf => 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', title => '틀린 토큰');
    korean_error_page($r, 403, '접근할 수 없습니다', 'POST /cases/new with a wrong CSRF token');
    unchanged($before, 'a wrong CSRF token');

    # A real token, but Bob's: bound to his session, not Alice's.
    my $bobs = $s->csrf_from($bob->get($s->url('/cases/new')));
    $r = file_case($alice, csrf => $bobs, title => '남의 토큰',
                   files => [['a.txt', 'text/plain', "hello\n"]]);
    korean_error_page($r, 403, '접근할 수 없습니다', "POST /cases/new with another user's token");
    unchanged($before, "another user's CSRF token (with an attachment)");

    my $visitor = $s->ua;
    $visitor->get($s->url('/register'));
    my %form = (login_id => 'csrfvictim', password => 'Madang-test-pass-4821',
                password2 => 'Madang-test-pass-4821', name => '박민수',
                email => 'csrf@example.org', consent => 1);
    $r = $visitor->post($s->url('/register'), [map { bytes_of($_) } %form]);
    korean_error_page($r, 403, '접근할 수 없습니다', 'POST /register without a CSRF token');
    $r = $visitor->post($s->url('/register'), [map { bytes_of($_) } %form, csrf => 'x' x 43]);
    korean_error_page($r, 403, '접근할 수 없습니다', 'POST /register with a wrong CSRF token');
    unlike join("\n", $r->header('Set-Cookie')), qr/mdg_session/, 'no session cookie';
    unchanged($before, '/register without a valid CSRF token');
    is $s->sql_value(q{SELECT COUNT(*) FROM accounts WHERE login_id = 'csrfvictim'}), 0,
        'no account made';
}

# ------------------------------------------------------------ overlong fields

{
    my $before = snapshot();
    my $long_title = '가' x 201;
    my $body = "본문은 그대로 남아야 합니다 <b>&amp;</b>\n둘째 줄";
    $r = file_case($alice, title => $long_title, body => $body, address => '서울 중구');
    is $r->code, 400, 'a 201-character title: 400';
    my $html = body_of($r);
    like $html, qr{<h1>민원 신청</h1>}, 'the form again';
    like $html, qr{입력한 내용에 고칠 곳이 있습니다}, 'the summary message';
    like $html, qr{<input [^>]*name="title"[^>]*aria-invalid="true"[^>]*>\s*<p class="field-error" id="err-title">너무 깁니다}s,
        'the error beside the title';
    like $html, qr{name="title"[^>]*value="\Q$long_title\E"}, 'the typed title is kept';
    my ($kept) = $html =~ m{<textarea[^>]*name="body"[^>]*>([^<]*)</textarea>};
    is html_unescape($kept // ''), $body, 'the typed body is kept';
    like $html, qr{name="address"[^>]*value="서울 중구"}, 'the address is kept';
    unlike $html, qr{id="err-body"}, 'no error beside the body';
    unchanged($before, 'an overlong title');

    my $long_body = ('나' x 19_999) . "\n" . 'ㄱ';
    $r = file_case($alice, title => '본문이 긴 민원', body => $long_body);
    is $r->code, 400, 'a 20,001-character body: 400';
    $html = body_of($r);
    like $html, qr{<textarea [^>]*aria-invalid="true"[^>]*>[^<]*</textarea>\s*<p class="hint"[^>]*>[^<]*</p>\s*<p class="field-error" id="err-body">너무 깁니다}s,
        'the error beside the body';
    ($kept) = $html =~ m{<textarea[^>]*name="body"[^>]*>([^<]*)</textarea>};
    ok defined $kept && html_unescape($kept) eq $long_body, 'the typed body is kept whole';
    like $html, qr{name="title"[^>]*value="본문이 긴 민원"}, 'the title is kept';
    unchanged($before, 'an overlong body');

    # Exactly at the limits is fine.
    my $ok_title = '다' x 200;
    $r = file_case($alice, title => $ok_title, body => '라' x 20_000);
    is $r->code, 303, '200 characters of title and 20,000 of body are accepted' or diag body_of($r);
    my $t = tracking_of($r);
    is $s->sql_value("SELECT CHAR_LENGTH(title) FROM cases WHERE tracking_no = '$t'"), 200,
        'the whole title stored';
    is $s->sql_value("SELECT CHAR_LENGTH(body) FROM cases WHERE tracking_no = '$t'"), 20_000,
        'the whole body stored';
}

# ------------------------------------------------------------ invalid UTF-8

{
    my $before = snapshot();
    my $visitor = $s->ua;
    my $page = $visitor->get($s->url('/register'));
    my $csrf = $s->csrf_from($page);
    my $form = "csrf=$csrf&login_id=utfbad&password=Madang-test-pass-4821"
        . "&password2=Madang-test-pass-4821&name=%ED%99%8D%FF%FE&email=utf%40example.org&consent=1";
    $r = $visitor->request(HTTP::Request->new(POST => $s->url('/register'),
        ['Content-Type' => 'application/x-www-form-urlencoded'], $form));
    my $html = korean_error_page($r, 400, '잘못된 요청입니다', 'invalid UTF-8 in a form field');
    like $html, qr{올바르지 않은 UTF-8}, 'the UTF-8 message';
    unchanged($before, 'invalid UTF-8 in a form field');

    $r = file_case($alice, title => encode('UTF-8', '제목 ') . "\xC3\x28" . encode('UTF-8', ' 깨짐'));
    $html = korean_error_page($r, 400, '잘못된 요청입니다', 'invalid UTF-8 in a multipart field');
    like $html, qr{올바르지 않은 UTF-8}, 'the UTF-8 message (multipart)';
    $r = file_case($alice, title => encode('UTF-8', "NUL \0 안"));
    is $r->code, 400, 'a NUL in a field: 400';
    unchanged($before, 'invalid UTF-8 in a multipart field');

    for my $q ('q=%FF', 'q=%C0%AF', 'q=%ED%A0%80', 'category=1&q=abc%E2%82') {
        $r = $visitor->get($s->url("/cases?$q"));
        $html = korean_error_page($r, 400, '잘못된 요청입니다', "invalid UTF-8 in the query ($q)");
        like $html, qr{올바르지 않은 UTF-8}, "the UTF-8 message ($q)";
    }
    $r = $visitor->get($s->url('/cases?q=' . uri_escape_utf8('정상')));
    is $r->code, 200, 'valid UTF-8 in the query is fine';
}

# ------------------------------------------------------------ broken multipart

{
    my $before = snapshot();
    my $csrf = $s->csrf_from($alice->get($s->url('/cases/new')));
    my $parts = join '', map {
        "--XyZb0undary\r\nContent-Disposition: form-data; name=\"$_->[0]\"\r\n\r\n$_->[1]\r\n"
    } [csrf => $csrf], [category => 1], [title => bytes_of('경계 없음')], [body => 'x'];
    my $file_part = "--XyZb0undary\r\nContent-Disposition: form-data; name=\"attachments\";"
        . " filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\n" . ('hello ' x 4000);
    my $complete = $parts . $file_part . "\r\n--XyZb0undary--\r\n";

    $r = $alice->request(HTTP::Request->new(POST => $s->url('/cases/new'),
        ['Content-Type' => 'multipart/form-data'], $complete));
    korean_error_page($r, 400, '잘못된 요청입니다', 'multipart without a boundary');
    $r = $alice->request(HTTP::Request->new(POST => $s->url('/cases/new'),
        ['Content-Type' => 'multipart/form-data; boundary='], $complete));
    is $r->code, 400, 'multipart with an empty boundary: 400';
    $r = $alice->request(HTTP::Request->new(POST => $s->url('/cases/new'),
        ['Content-Type' => 'multipart/form-data; boundary=Other'], $complete));
    is $r->code, 400, 'multipart whose boundary never comes: 400';
    unchanged($before, 'multipart without a boundary');

    # Cut in the middle of the file, and in the middle of a part's headers.
    for my $cut ([$parts . $file_part, 'in a file'],
                 [$parts . "--XyZb0undary\r\nContent-Disposition: form-da", 'in the headers'],
                 [$parts . $file_part . "\r\n--XyZb0und", 'in the last delimiter']) {
        $r = $alice->request(HTTP::Request->new(POST => $s->url('/cases/new'),
            ['Content-Type' => 'multipart/form-data; boundary=XyZb0undary'], $cut->[0]));
        korean_error_page($r, 400, '잘못된 요청입니다', "truncated multipart ($cut->[1])");
    }
    unchanged($before, 'truncated multipart');

    # The same body complete is accepted: the tests above failed for the
    # reason they name.
    $r = $alice->request(HTTP::Request->new(POST => $s->url('/cases/new'),
        ['Content-Type' => 'multipart/form-data; boundary=XyZb0undary'], $complete));
    is $r->code, 303, 'the complete body is accepted' or diag body_of($r);
}

# ------------------------------------------------------------ oversized uploads

{
    my $before = snapshot();
    my $csrf = $s->csrf_from($alice->get($s->url('/cases/new')));
    my $boundary = 'BigB0undary';
    my $head = join '', map {
        "--$boundary\r\nContent-Disposition: form-data; name=\"$_->[0]\"\r\n\r\n$_->[1]\r\n"
    } [csrf => $csrf], [category => 1], [title => bytes_of('큰 파일')], [body => 'x'];
    $head .= "--$boundary\r\nContent-Disposition: form-data; name=\"attachments\";"
        . " filename=\"big.png\"\r\nContent-Type: image/png\r\n\r\n";
    my $tail = "\r\n--$boundary--\r\n";

    # A streamed body: head, $size bytes of file, tail; never whole in memory.
    my $streamed = sub {
        my ($size, %o) = @_;
        my @pieces = ($head);
        my $left = $size;
        my $chunk = "\x89PNG" . ("\0" x (1024 * 1024 - 4));
        my $done_tail;
        my $gen = sub {
            return shift @pieces if @pieces;
            if ($left > 0) {
                my $n = $left < length $chunk ? $left : length $chunk;
                $left -= $n;
                return substr($chunk, 0, $n);
            }
            return undef if $done_tail++;
            return $tail;
        };
        my @len = $o{chunked} ? () : ('Content-Length' => length($head) + $size + length($tail));
        return HTTP::Request->new(POST => $s->url('/cases/new'),
            ['Content-Type' => "multipart/form-data; boundary=$boundary", @len], $gen);
    };

    local $SIG{PIPE} = 'IGNORE';
    for my $case ([100 * 1024 * 1024, 0, '100 MB upload'],
                  [100 * 1024 * 1024, 1, '100 MB upload, chunked'],
                  [11 * 1024 * 1024, 0, '11 MB file (over the 10 MB per file)']) {
        my ($size, $chunked, $what) = @$case;
        my $t0 = time;
        $r = $alice->request($streamed->($size, chunked => $chunked));
        my $html = korean_error_page($r, 413, '보낸 내용이 너무 큽니다', $what);
        like $html, qr{10MB}, "$what: the page names the limits";
        unlike $html, qr{<center>nginx</center>}, "$what: not nginx's own page";
        like $r->header('Content-Security-Policy') // '', qr/default-src/, "$what: the app's headers";
        note sprintf '%s took %.1f s', $what, time - $t0;

        $r = $s->ua->get($s->url('/healthz'));
        is $r->code, 200, "$what: the next request is served";
        $r = $alice->get($s->url('/my/cases'));
        is $r->code, 200, "$what: the citizen's next page is served";
        unchanged($before, $what);
    }
    like $s->log_text, qr{POST /cases/new 413 }, 'the 11 MB file was refused by the app itself';
    # And a small upload still works.
    $r = file_case($alice, title => '작은 파일', files => [['note.txt', 'text/plain', "작은 파일\n"]]);
    is $r->code, 303, 'after the refused uploads a small one is filed' or diag body_of($r);
}

# ------------------------------------------------------------ disallowed type

{
    my $before = snapshot();
    my $script = "#!/bin/sh\nrm -rf / --no-preserve-root\necho pwned\n";
    $r = file_case($alice, title => '사진 첨부', body => '사진을 봐 주세요',
                   files => [['photo.png', 'image/png', $script]]);
    is $r->code, 400, 'a shell script named photo.png: 400';
    my $html = body_of($r);
    like $html, qr{<h1>민원 신청</h1>}, 'the form again';
    like $html, qr{<p class="field-error" id="err-attachments">올릴 수 없는 파일 형식입니다}, 'the error beside the attachment field';
    like $html, qr{photo\.png}, 'naming the refused file';
    like $html, qr{name="title"[^>]*value="사진 첨부"}, 'the title is kept';
    unchanged($before, 'a disallowed file type');

    for my $f (['page.html', 'text/html', "<!DOCTYPE html><html><script>alert(1)</script></html>\n"],
               ['x.svg', 'image/svg+xml', qq{<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>\n}],
               ['a.exe', 'application/octet-stream',
                "MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0\xb8" . ("\0" x 43) . "\x80\0\0\0" . ("\0" x 64) . "PE\0\0\x4c\x01"]) {
        $r = file_case($alice, title => '다른 파일', files => [$f]);
        is $r->code, 400, "$f->[0] is refused";
        like body_of($r), qr{id="err-attachments"}, "$f->[0]: the error beside the field";
    }
    # One bad file among good ones: the whole filing is refused.
    $r = file_case($alice, title => '섞인 파일', files => [['ok.txt', 'text/plain', "괜찮은 파일\n"],
                                                        ['bad.png', 'image/png', $script]]);
    is $r->code, 400, 'a bad file among good ones is refused';
    unchanged($before, 'disallowed file types');
}

# ------------------------------------------------------------ markup and SQL in a title

{
    my $evil = q{'; DROP TABLE cases; -- "<script>alert('x')</script>" \\ %_ &amp; <img src=x onerror=alert(1)>};
    my $body = qq{</textarea><script>alert(2)</script> ' OR '1'='1};
    $r = file_case($alice, title => $evil, body => $body, address => '<b>주소</b>');
    is $r->code, 303, 'a title with SQL metacharacters and markup is accepted' or diag body_of($r);
    my $t = tracking_of($r);
    my ($row) = $s->sql("SELECT title, body, address FROM cases WHERE tracking_no = '$t'");
    is $row->[0], $evil, 'the title is stored verbatim';
    is $row->[1], $body, 'the body is stored verbatim';
    is $row->[2], '<b>주소</b>', 'the address is stored verbatim';
    is $s->sql_value('SELECT COUNT(*) FROM cases') > 0, 1, 'the cases table is still there';

    my $staff_pw = 'Staff-pass-9187-madang';
    my ($out, $st) = $s->ctl({ stdin => "$staff_pw\n" }, 'create-admin', '--login', 'staff.lee',
                             '--name', '이담당', '--email', 'staff.lee@example.go.kr');
    is $st, 0, 'a staff account' or diag $out;
    my $staff = $s->ua;
    is Madang::Test::sign_in($s, $staff, 'staff.lee', $staff_pw)->code, 303, 'staff sign in';

    my $anon = $s->ua;
    for my $p ([$alice, "/cases/$t", 'the case page'],
               [$alice, '/my/cases', 'My cases'],
               [$anon, '/cases', 'the public list'],
               [$anon, '/cases?q=' . uri_escape_utf8('DROP'), 'the public list, searched'],
               [$anon, "/cases/$t", 'the case page, anonymous'],
               [$anon, '/', 'the home page'],
               [$staff, '/staff/cases', 'the staff list'],
               [$staff, "/staff/cases/$t", 'the staff case page']) {
        my ($ua, $path, $what) = @$p;
        $r = $ua->get($s->url($path));
        is $r->code, 200, "$what: 200";
        my $html = body_of($r);
        unlike $html, qr{<script>alert|<img src=x|<b>주소}i, "$what: no markup from the input";
        my @shown = map { html_unescape($_) } $html =~ m{>([^<]*DROP TABLE[^<]*)<}g;
        ok scalar(@shown), "$what: shows the title";
        is_deeply [grep { $_ ne $evil } @shown], [], "$what: the title shown exactly, escaped";
        like $html, qr{&lt;script&gt;}, "$what: escaped as &lt;script&gt;";
        unlike $html, qr{'; DROP}, "$what: the quote is escaped too";
        if ($path =~ m{^/(staff/)?cases/\d}) {
            unlike $html, qr{</textarea><script}, "$what: the body is escaped";
            like $html, qr{&lt;b&gt;주소&lt;/b&gt;}, "$what: the address is escaped";
        }
    }

    # Search text is shown back escaped, and metacharacters in it are harmless.
    for my $q (q{"><script>alert(3)</script>}, q{' OR 1=1 -- }, q{\\" +* -()~<>@}, '%_') {
        $r = $anon->get($s->url('/cases?q=' . uri_escape_utf8($q)));
        is $r->code, 200, "search for '$q': 200";
        my $html = body_of($r);
        unlike $html, qr{<script>alert\(3\)}, "search for '$q': not reflected raw";
        my ($v) = $html =~ m{<input type="search"[^>]*value="([^"]*)"};
        is html_unescape($v // ''), $q, "search for '$q': shown back in the box";
    }
}

# ------------------------------------------------------------ other people's private cases

{
    $r = file_case($alice, title => '앨리스의 비공개 민원', public => undef,
                   files => [['secret.png', 'image/png', tiny_png()]]);
    my $t = tracking_of($r);
    ok $t, 'Alice files a private case' or diag body_of($r);
    $r = $alice->get($s->url("/cases/$t"));
    is $r->code, 200, 'Alice sees her private case';
    my ($att) = body_of($r) =~ m{/attachments/(\d+)};
    ok $att, '... with its attachment';
    is $alice->get($s->url("/attachments/$att"))->code, 200, 'Alice downloads it';
    my $year = substr $t, 0, 4;
    my $missing_case = "$year-999999";
    my $missing_att = $att + 100000;

    my $anon = $s->ua;
    for my $who ([$bob, 'another citizen'], [$anon, 'a visitor']) {
        my ($ua, $name) = @$who;
        my $private = $ua->get($s->url("/cases/$t"));
        my $missing = $ua->get($s->url("/cases/$missing_case"));
        korean_error_page($private, 404, '페이지를 찾을 수 없습니다', "$name: a private case");
        is $missing->code, 404, "$name: a missing case";
        is body_of($private), body_of($missing), "$name: the same page as a missing case";
        unlike body_of($private), qr{앨리스|\Q$t\E}, "$name: nothing of the case shown";

        my $pa = $ua->get($s->url("/attachments/$att"));
        my $ma = $ua->get($s->url("/attachments/$missing_att"));
        korean_error_page($pa, 404, '페이지를 찾을 수 없습니다', "$name: a private attachment");
        is $ma->code, 404, "$name: a missing attachment";
        is body_of($pa), body_of($ma), "$name: the same page as a missing attachment";
        ok !defined $pa->header('Content-Disposition'), "$name: no file";
    }
    for my $bad ('/cases/abc', '/cases/2026-0000001', '/cases/0000-000000', '/attachments/abc',
                 '/attachments/-1', '/attachments/0', '/attachments/99999999999999999999') {
        is $anon->get($s->url($bad))->code, 404, "GET $bad: 404";
    }
}

# ------------------------------------------------------------ staff pages

{
    my $anon = $s->ua;
    for my $path ('/staff/cases', '/staff/cases/2026-000001') {
        $r = $anon->get($s->url($path));
        is $r->code, 303, "$path without a session: redirect";
        like $r->header('Location') // '', qr{^/login\?next=\Q$path\E$}, "$path: to the sign-in page";
        $r = $alice->get($s->url($path));
        is $r->code, 303, "$path with a citizen session: redirect";
        like $r->header('Location') // '', qr{^/login}, "$path with a citizen session: to the sign-in page";
        unlike body_of($r), qr{DROP TABLE}, "$path with a citizen session: no case data";
    }
    my $fake = $s->ua;
    $fake->cookie_jar->set_cookie(0, 'mdg_session', 'A' x 43, '/', '127.0.0.1', $s->port);
    $r = $fake->get($s->url('/staff/cases'));
    is $r->code, 303, 'a made-up session cookie: redirect';
}

# ------------------------------------------------------------ login throttle

{
    my ($victim_ua, $victim) = new_citizen(name => '최시민');
    my $login = $victim->{login_id};
    my $sessions = $s->sql_value('SELECT COUNT(*) FROM sessions');
    my (@wrong_t, @unknown_t, $wrong_html);
    for my $i (1 .. 5) {
        my $ua = $s->ua;
        my $t0 = time;
        $r = Madang::Test::sign_in($s, $ua, $login, "Wrong-password-$i-xyz");
        push @wrong_t, time - $t0;
        is $r->code, 400, "wrong password $i: refused";
        $wrong_html = body_of($r);
        like $wrong_html, qr{아이디 또는 비밀번호가 맞지 않습니다}, "wrong password $i: the message";
        unlike join("\n", $r->header('Set-Cookie')), qr/mdg_session=[^;]/, "wrong password $i: no session";
    }
    my $ua = $s->ua;
    $r = Madang::Test::sign_in($s, $ua, $login, $victim->{password});
    isnt $r->code, 303, 'the 6th attempt, with the right password, is refused';
    my $html = body_of($r);
    like $html, qr{로그인 시도가 너무 많습니다}, 'with the throttle message';
    unlike $html, qr{아이디 또는 비밀번호가 맞지 않습니다}, 'not the wrong-password message';
    unlike join("\n", $r->header('Set-Cookie')), qr/mdg_session=[^;]/, 'no session cookie';
    is $s->sql_value('SELECT COUNT(*) FROM sessions'), $sessions, 'no session made';
    is $ua->get($s->url('/my/cases'))->code, 303, 'and not signed in';

    my $unknown;
    for my $i (1 .. 3) {
        my $ua = $s->ua;
        my $t0 = time;
        $unknown = Madang::Test::sign_in($s, $ua, "nosuchuser$i", 'Whatever-pass-123');
        push @unknown_t, time - $t0;
    }
    is $unknown->code, 400, 'an unknown ID: the same status as a wrong password';
    my ($m1) = $wrong_html =~ m{<p class="flash[^"]*"[^>]*>([^<]*)</p>};
    my ($m2) = body_of($unknown) =~ m{<p class="flash[^"]*"[^>]*>([^<]*)</p>};
    ok defined $m1, 'a message for a wrong password';
    is $m2, $m1, 'an unknown ID: the same message as a wrong password';
    (my $w = $wrong_html) =~ s/value="[^"]*"//g;
    (my $u = body_of($unknown)) =~ s/value="[^"]*"//g;
    is $u, $w, 'an unknown ID: the same page as a wrong password';
    my ($wmin) = sort { $a <=> $b } @wrong_t;
    my ($umin) = sort { $a <=> $b } @unknown_t;
    note sprintf 'sign-in time: wrong password %.0f ms, unknown ID %.0f ms', 1000 * $wmin, 1000 * $umin;
    cmp_ok $umin, '>', $wmin / 3, 'an unknown ID takes about as long as a wrong password';

    # Another account is not affected by the throttled one.
    my ($other_ua, $other) = new_citizen(name => '정시민');
    $r = Madang::Test::sign_in($s, $s->ua, $other->{login_id}, $other->{password});
    is $r->code, 303, 'another account still signs in';
}

# ------------------------------------------------------------ open redirect

# Regression: "open redirect through a tab in next". Browsers drop tabs and
# line breaks from a URL, so Location "/\t/evil.example" went to
# //evil.example. Every redirect target a user can choose must stay local.
{
    my ($ua, $acct) = new_citizen(name => '유방문');
    # Refusing the input (no redirect at all) is fine too.
    my $local = sub {
        my ($loc) = @_;
        return !defined $loc || $loc =~ m{\A/(?![/\\])[\x21-\x7e\x80-\xff]*\z};
    };
    for my $next ('/%09/evil.example/', '/%0A/evil.example', '/%09%5Cevil.example',
                  '//evil.example/', '/%5Cevil.example', 'https://evil.example/',
                  '/my/cases%0D%0ASet-Cookie:%20x=1') {
        my $signin = $s->ua;
        my $form = $signin->get($s->url("/login?next=$next"));
        my ($v) = body_of($form) =~ m{name="next" value="([^"]*)"};
        $r = $signin->post($s->url('/login'), [csrf => $s->csrf_from($form),
            login_id => $acct->{login_id}, password => $acct->{password},
            next => html_unescape($v // '')]);
        ok $local->($r->header('Location')), "sign-in with next=$next stays on the site"
            or diag $r->code . ' ' . ($r->header('Location') // '(none)');
    }
    my $page = $ua->get($s->url('/'));
    for my $back ("/\t/evil.example/", "/\n/evil.example/", '//evil.example/', "/\x7f/x") {
        $r = $ua->post($s->url('/lang'), [csrf => $s->csrf_from($page), lang => 'ko', back => $back]);
        (my $shown = $back) =~ s/([\x00-\x1f\x7f])/sprintf '\\x%02x', ord $1/ge;
        ok $local->($r->header('Location')), "language switch with back=$shown stays on the site"
            or diag $r->header('Location');
    }
    $r = $ua->post($s->url('/lang'), [csrf => $s->csrf_from($page), lang => 'ko',
                                      back => '/cases?q=%EB%8F%84%EB%A1%9C']);
    is $r->header('Location'), '/cases?q=%EB%8F%84%EB%A1%9C', 'a local back address is kept';
}

# ------------------------------------------------------------ 405 and 404

{
    my $before = snapshot();
    for my $m (['DELETE', '/cases', qr/^GET, HEAD$/],
               ['POST', '/cases', qr/^GET, HEAD$/],
               ['PUT', '/cases/new', qr/^GET, HEAD, POST$/],
               ['DELETE', '/my/cases', qr/^GET, HEAD$/],
               ['GET', '/logout', qr/^POST$/]) {
        my ($method, $path, $allow) = @$m;
        $r = $alice->request(HTTP::Request->new($method => $s->url($path),
            ['Content-Type' => 'application/x-www-form-urlencoded'], ''));
        korean_error_page($r, 405, '허용되지 않는 요청 방식입니다', "$method $path");
        like $r->header('Allow') // '', $allow, "$method $path: Allow header";
    }
    unchanged($before, '405s');

    $r = $s->ua->get($s->url('/no/such/page'));
    my $html = korean_error_page($r, 404, '페이지를 찾을 수 없습니다', 'an unknown path');
    like $html, qr{주소가 바뀌었거나 없는 페이지입니다}, 'the 404 text';
    like $html, qr{<nav aria-label="주 메뉴">}, 'with the navigation';
    like $html, qr{<a href="/">첫 화면으로</a>}, 'and a way home';
    like $r->header('Content-Security-Policy') // '', qr/default-src/, 'the security headers';
    $r = $s->ua->get($s->url('/cases/new/extra'));
    is $r->code, 404, 'a longer path than a route: 404';
}

ok $s->stop, 'stack stops cleanly';
done_testing;
