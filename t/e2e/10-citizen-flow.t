# SPDX-License-Identifier: AGPL-3.0-or-later
# 10-citizen-flow.t: a citizen registers, files a complaint with a photo and
# a location, follows it in My cases and on its page, downloads the photo
# and signs out; the public list masks the name, searches, filters and
# pages; a staff member sees the case in the received list; the language
# switch and Accept-Language give English pages.
use strict;
use warnings;
use utf8;
use Test::More;
use Compress::Zlib qw(crc32 compress);
use Encode qw(encode);
use File::Spec;
use HTTP::Request::Common qw(POST);
use URI::Escape qw(uri_escape_utf8);
use Cwd qw(abs_path);
use Madang::Test qw(body_of);

binmode $_, ':encoding(UTF-8)' for Test::More->builder->output,
    Test::More->builder->failure_output, Test::More->builder->todo_output;

my $s = Madang::Test->start;

# ------------------------------------------------------------ helpers

sub bytes_of { my ($v) = @_; return utf8::is_utf8($v) ? encode('UTF-8', $v) : $v }


# A valid 2x2 RGB PNG, made here: signature, IHDR, IDAT, IEND with CRCs.
sub tiny_png {
    my $chunk = sub {
        my ($type, $data) = @_;
        return pack('N', length $data) . $type . $data . pack('N', crc32($type . $data));
    };
    my $raw = join '', map { "\0" . ("\xff\x00\x00" x 2) } 1 .. 2;
    return "\x89PNG\r\n\x1a\n"
        . $chunk->('IHDR', pack('NNCCCCC', 2, 2, 8, 2, 0, 0, 0))
        . $chunk->('IDAT', compress($raw))
        . $chunk->('IEND', '');
}

# Files a case through the form at /cases/new; %f are the form fields
# (characters), files => [[name, type, bytes], ...]. Returns the response.
sub file_case {
    my ($ua, %f) = @_;
    my $files = delete $f{files} // [];
    my $form = $ua->get($s->url('/cases/new'));
    die 'GET /cases/new: ' . $form->status_line unless $form->code == 200;
    my @content = (csrf => $s->csrf_from($form));
    for my $k (qw(category title body public address latitude longitude)) {
        push @content, $k => bytes_of($f{$k}) if defined $f{$k};
    }
    for my $file (@$files) {
        my ($name, $type, $bytes) = @$file;
        push @content, attachments => [undef, bytes_of($name), 'Content-Type' => $type,
                                       Content => $bytes];
    }
    return $ua->request(POST $s->url('/cases/new'), Content_Type => 'form-data',
                        Content => \@content);
}

# The tracking numbers of the rows of a case table, in order.
sub trackings {
    my ($html) = @_;
    return $html =~ m{<td data-label="[^"]*">(\d{4}-\d{6})</td>}g;
}

sub sql_quote {
    my ($v) = @_;
    $v =~ s/\\/\\\\/g;
    $v =~ s/'/\\'/g;
    return "'$v'";
}

# ------------------------------------------------------------ data

$s->sql(q{INSERT INTO departments (id, name_ko, name_en) VALUES (1, '도로과', 'Roads'), (2, '청소행정과', 'Sanitation')});
$s->sql(q{INSERT INTO categories (id, name_ko, name_en, department_id, sort_order) VALUES
          (1, '도로·교통', 'Roads and traffic', 1, 1), (2, '환경·청소', 'Environment and cleaning', 2, 2)});

# ------------------------------------------------------------ register

my $ua = $s->ua;
my ($r, $acct) = Madang::Test::register_citizen($s, $ua,
    name => '홍길동', mobile => '010-1234-5678', email => 'hong@example.org');
is $r->code, 303, 'registration redirects' or diag body_of($r);
like $r->header('Location') // '', qr{^/my/cases\b}, 'registration lands on My cases';
my $set_cookie = join "\n", $r->header('Set-Cookie');
like $set_cookie, qr/mdg_session=[^;]+;.*HttpOnly/, 'a session cookie, HttpOnly';
like $set_cookie, qr/mdg_session=[^;]+;.*SameSite=Lax/, 'the session cookie is SameSite=Lax';

# Stored times are the office's (db.time_zone +09:00), as the app's session sets.
my ($row) = $s->sql("SET time_zone = '+09:00'; SELECT id, name, mobile, consent_version, consent_at IS NOT NULL,"
    . " ABS(TIMESTAMPDIFF(SECOND, consent_at, NOW())) < 120, kind, login_id"
    . " FROM accounts WHERE login_id = " . sql_quote($acct->{login_id}));
ok $row, 'the account is stored';
my $citizen_id = $row->[0];
is $row->[1], '홍길동', 'the Korean name is stored as typed';
is $row->[2], '01012345678', 'the mobile number is stored normalised';
is $row->[3], '2026-01', 'the consent version is stored';
is $row->[4], 1, 'the consent time is stored';
is $row->[5], 1, 'the consent time is now';
is $row->[6], 'citizen', 'a citizen account';
is $s->sql_value("SELECT COUNT(*) FROM sessions WHERE account_id = $citizen_id"), 1,
    'one session on the server';

$r = $ua->follow($r);
is $r->code, 200, 'My cases after registration';
my $html = body_of($r);
like $html, qr/회원가입을 환영합니다/, 'the welcome message';
like $html, qr/로그아웃/, 'signed in: the sign-out button';
like $html, qr/아직 신청한 민원이 없습니다/, 'no cases yet';

# ------------------------------------------------------------ file a case

my $png = tiny_png();
my $title = '도로파손 신고: 보도블록이 깨졌습니다';
$r = file_case($ua,
    category  => 1,
    title     => $title,
    body      => "세종대로 앞 보도블록이 깨져서 걷기 위험합니다.\n빨리 고쳐 주세요.",
    public    => 1,
    address   => '서울특별시 중구 세종대로 110',
    latitude  => '37.5665',
    longitude => '126.9780',
    files     => [['사진 photo.png', 'image/png', $png]]);
is $r->code, 303, 'filing redirects' or diag body_of($r);
my ($tracking) = ($r->header('Location') // '') =~ m{^/cases/(\d{4}-\d{6})\?filed=1$};
ok $tracking, 'to /cases/YYYY-NNNNNN' or diag $r->header('Location');
my $year = $s->sql_value("SET time_zone = '+09:00'; SELECT YEAR(NOW())");
like $tracking, qr/^$year-\d{6}$/, "the tracking number is of $year";

my ($case) = $s->sql("SELECT id, status, is_public, latitude, longitude, address, title, category_id,"
    . " DATE_FORMAT(created_at, '%Y-%m-%d %H:%i'), account_id FROM cases WHERE tracking_no = '$tracking'");
ok $case, 'the case is stored';
my $case_id = $case->[0];
is $case->[1], 'received', 'status received';
is $case->[2], 1, 'public';
is $case->[3] + 0, 37.5665, 'latitude stored';
is $case->[4] + 0, 126.978, 'longitude stored';
is $case->[5], '서울특별시 중구 세종대로 110', 'address stored';
is $case->[6], $title, 'title stored verbatim';
is $case->[7], 1, 'category stored';
is $case->[9], $citizen_id, 'filed by the citizen';
my $filed_at = $case->[8];
is $s->sql_value("SELECT COUNT(*) FROM case_events WHERE case_id = $case_id AND kind = 'filed'"), 1,
    "a 'filed' event";

$r = $ua->follow($r);
is $r->code, 200, 'the case page after filing';
$html = body_of($r);
like $html, qr/\Q$tracking\E/, 'the tracking number is shown';
like $html, qr/민원이 접수되었습니다/, 'the filed message is shown';

# My cases
$r = $ua->get($s->url('/my/cases'));
is $r->code, 200, 'My cases';
$html = body_of($r);
like $html, qr{<a href="/cases/\Q$tracking\E">\Q$title\E</a>}, 'My cases lists the case';
like $html, qr{status-received">접수<}, 'My cases shows status 접수';

# The case page
$r = $ua->get($s->url("/cases/$tracking"));
is $r->code, 200, 'the case page';
$html = body_of($r);
like $html, qr{<h1>\Q$title\E</h1>}, 'the title';
like $html, qr{<dd><span class="status status-received">접수</span></dd>}, 'status 접수';
like $html, qr{<dd>도로·교통</dd>}, 'the category';
like $html, qr{<dd>\Q$filed_at\E</dd>}, 'the filing time';
like $html, qr{<strong>민원 신청</strong> <time>\Q$filed_at\E</time>}, 'the history shows the filing';
like $html, qr{세종대로 110}, 'the address';
like $html, qr{37\.5665}, 'the location';
my ($att_id, $att_name) = $html =~ m{<a href="/attachments/(\d+)">([^<]*)</a>};
ok $att_id, 'an attachment link';
is $att_name, '사진 photo.png', 'the attachment under its name';
like $html, qr{홍길동}, 'the owner sees the full name';

# Download
$r = $ua->get($s->url("/attachments/$att_id"));
is $r->code, 200, 'the attachment downloads';
like $r->header('Content-Disposition') // '', qr/^attachment;/, 'Content-Disposition: attachment';
like $r->header('Content-Disposition') // '', qr/filename\*=UTF-8''%EC%82%AC%EC%A7%84%20photo\.png/,
    'the UTF-8 file name';
is $r->header('Content-Type'), 'image/png', 'Content-Type image/png';
is $r->header('X-Content-Type-Options'), 'nosniff', 'nosniff on the download';
ok $r->content eq $png, 'the same bytes' or diag length($r->content) . ' bytes';

# Stored outside any web folder, under a random name
my ($stored, $orig, $mime, $size) = @{ ($s->sql(
    "SELECT stored_name, original_name, mime_type, size_bytes FROM attachments WHERE id = $att_id"))[0] };
like $stored, qr/^[0-9a-f]{32}$/, 'stored under a random hex name';
unlike $stored, qr/photo|png/i, 'not under the original name';
is $orig, '사진 photo.png', 'the original name is kept for the download';
is $mime, 'image/png', 'type judged by content';
is $size, length $png, 'size stored';
my $uploads = abs_path($s->dir . '/uploads');
my $stored_path = "$uploads/" . substr($stored, 0, 2) . "/$stored";
ok -f $stored_path, 'the file is in the uploads folder';
{
    open my $fh, '<:raw', $stored_path or die "$stored_path: $!";
    local $/;
    ok <$fh> eq $png, 'the stored file has the same bytes';
}
my $static = abs_path("$Madang::Test::REPO/static");
ok index("$uploads/", "$static/") != 0, 'the uploads folder is not under the static root';
ok !-e "$static/" . substr($stored, 0, 2), 'nothing of it under the static root';
opendir my $dh, $uploads or die;
ok !(grep { /photo/ } readdir $dh), 'no file under the original name';
closedir $dh;
for my $path ('/' . substr($stored, 0, 2) . "/$stored", "/uploads/" . substr($stored, 0, 2) . "/$stored",
              "/assets/../uploads/$stored") {
    $r = $s->ua->get($s->url($path));
    isnt $r->code, 200, "GET $path does not serve the file";
}

# A private case, by the same citizen
my $private_title = '비밀 민원 우리집 누수';
$r = file_case($ua, category => 2, title => $private_title, body => '개인적인 내용입니다.');
is $r->code, 303, 'a private case is filed' or diag body_of($r);
my ($private) = ($r->header('Location') // '') =~ m{^/cases/(\d{4}-\d{6})};
is $s->sql_value("SELECT is_public FROM cases WHERE tracking_no = '$private'"), 0, 'stored as private';
$r = $ua->get($s->url("/cases/$private"));
is $r->code, 200, 'the owner sees the private case';
like body_of($r), qr/비공개/, 'marked 비공개';

# ------------------------------------------------------------ sign out

my $old_cookie;
$ua->cookie_jar->scan(sub { $old_cookie = $_[2] if $_[1] eq 'mdg_session' });
ok $old_cookie, 'the session cookie';
$r = $ua->get($s->url('/my/cases'));
$r = $ua->post($s->url('/logout'), [csrf => $s->csrf_from($r)]);
is $r->code, 303, 'sign-out redirects';
is $s->sql_value("SELECT COUNT(*) FROM sessions WHERE account_id = $citizen_id"), 0,
    'the session row is deleted on the server';
$r = $ua->get($s->url('/my/cases'));
is $r->code, 303, 'signed out: My cases redirects';
like $r->header('Location') // '', qr{^/login}, '... to the sign-in page';
{
    my $thief = $s->ua;
    $thief->cookie_jar->set_cookie(0, 'mdg_session', $old_cookie, '/', '127.0.0.1', $s->port);
    $r = $thief->get($s->url('/my/cases'));
    is $r->code, 303, 'the old session cookie no longer works';
    like $r->header('Location') // '', qr{^/login}, '... it is sent to sign in';
}

# ------------------------------------------------------------ public list

my $anon = $s->ua;
$r = $anon->get($s->url('/cases'));
is $r->code, 200, 'the public list';
$html = body_of($r);
like $html, qr{\Q$tracking\E}, 'the public case is listed';
like $html, qr{<td data-label="신청인">홍\*동</td>}, 'the name is masked 홍*동';
unlike $html, qr/홍길동/, 'never the full name';
unlike $html, qr/hong\@example\.org/, 'never the e-mail';
unlike $html, qr/01012345678|010-1234-5678/, 'never the phone';
unlike $html, qr/\Q$private\E|\Q$private_title\E/, 'the private case is not listed';

$r = $anon->get($s->url("/cases/$tracking"));
is $r->code, 200, 'the public case page for anyone';
$html = body_of($r);
like $html, qr{<dd>홍\*동</dd>}, 'the case page masks the name';
unlike $html, qr/홍길동|hong\@example|01012345678|010-1234-5678/, 'no name, e-mail or phone';
$r = $anon->get($s->url("/attachments/$att_id"));
is $r->code, 200, "a public case's attachment downloads for anyone";
$r = $anon->get($s->url("/cases/$private"));
is $r->code, 404, 'a private case is 404 for anyone else';

$r = $anon->get($s->url('/'));
$html = body_of($r);
like $html, qr{\Q$tracking\E}, 'the home page lists the public case';
unlike $html, qr/\Q$private\E/, 'but not the private one';

# Search by a Korean word and by part of a word
for my $q ('보도블록이', '파손', '도로', '도로파손 보도블록이') {
    $r = $anon->get($s->url('/cases?q=' . uri_escape_utf8($q)));
    is $r->code, 200, "search '$q'";
    $html = body_of($r);
    is_deeply [trackings($html)], [$tracking], "search '$q' finds the case";
    like $html, qr{value="\Q$q\E"}, "search '$q' is shown back in the box";
}
for my $q ('누수', '가로등') {
    $r = $anon->get($s->url('/cases?q=' . uri_escape_utf8($q)));
    is_deeply [trackings(body_of($r))], [], "search '$q' finds nothing public";
}

# More cases straight into the DB: some in category 2, one answered, and
# enough for three pages. created_at is older than the filed case's.
$s->sql(q{INSERT INTO accounts (login_id, password_hash, name, email, kind)
          VALUES ('bulkfiler', 'x', '김철수', 'kim@example.org', 'citizen')});
my $other_id = $s->sql_value(q{SELECT id FROM accounts WHERE login_id = 'bulkfiler'});
my @values;
for my $i (1 .. 44) {
    my $cat = $i % 4 == 0 ? 2 : 1;
    my $status = $i == 5 ? 'answered' : 'received';
    push @values, sprintf(q{('%d-9%05d', %d, %d, '대량 민원 %d번 가로등', '본문 %d', 1, '%s',}
        . q{ NOW() - INTERVAL %d MINUTE, NOW() - INTERVAL %d MINUTE)},
        $year, $i, $cat, $other_id, $i, $i, $status, 10 + $i, 10 + $i);
}
$s->sql('INSERT INTO cases (tracking_no, category_id, account_id, title, body, is_public, status,'
    . ' created_at, updated_at) VALUES ' . join(', ', @values));
$s->sql(q{INSERT INTO case_search (case_id, title, body) SELECT id, title, body FROM cases
          WHERE tracking_no LIKE '%-9%'});
my $public_total = $s->sql_value('SELECT COUNT(*) FROM cases WHERE is_public = 1');
is $public_total, 45, '45 public cases';

$r = $anon->get($s->url('/cases'));
$html = body_of($r);
like $html, qr{전체 건수: 45}, 'the total is shown';
my @page1 = trackings($html);
is scalar @page1, 20, 'page 1 has 20 cases';
is $page1[0], $tracking, 'newest first';
is $page1[1], "$year-900001", 'then the next newest';
like $html, qr{1 / 3}, 'page 1 of 3';
my ($next) = $html =~ m{<a rel="next" href="([^"]+)"};
ok $next, 'a link to the next page';
$next =~ s/&amp;/&/g;
$r = $anon->get($s->url($next));
is $r->code, 200, 'page 2';
my @page2 = trackings(body_of($r));
is scalar @page2, 20, 'page 2 has 20 cases';
is $page2[0], "$year-900020", 'page 2 goes on where page 1 ended';
$r = $anon->get($s->url('/cases?page=3'));
my @page3 = trackings(body_of($r));
is scalar @page3, 5, 'page 3 has the last 5';
like body_of($r), qr{<a rel="prev" href="[^"]*page=2"}, 'page 3 links back to page 2';
my %seen;
$seen{$_}++ for @page1, @page2, @page3;
is scalar(keys %seen), 45, 'the three pages show every public case once';
$r = $anon->get($s->url('/cases?page=4'));
my @page4 = trackings(body_of($r));
is scalar @page4, 0, 'page 4 is empty';

$r = $anon->get($s->url('/cases?category=2'));
$html = body_of($r);
my @cat2 = trackings($html);
is scalar @cat2, 11, 'category 2: its 11 public cases';
ok !(grep { $_ eq $tracking } @cat2), 'category 2 leaves out the category 1 case';
like $html, qr{<option value="2" selected>환경·청소</option>}, 'the category filter is kept';
$r = $anon->get($s->url('/cases?category=1'));
like body_of($r), qr{전체 건수: 34}, 'category 1: 34 cases';

$r = $anon->get($s->url('/cases?status=answered'));
$html = body_of($r);
is_deeply [trackings($html)], ["$year-900005"], 'status answered: the one answered case';
like $html, qr{<option value="answered" selected>답변 완료</option>}, 'the status filter is kept';
$r = $anon->get($s->url('/cases?status=received&category=2'));
like body_of($r), qr{전체 건수: 11}, 'category and status together';
$r = $anon->get($s->url('/cases?q=' . uri_escape_utf8('가로등') . '&category=2&page=2'));
my @found = trackings(body_of($r));
is scalar @found, 0, 'search, category and page together: page 2 of one page is empty';
like body_of($r), qr{전체 건수: 11}, '... counts the 11 in category 2';

# ------------------------------------------------------------ staff

my ($out, $st) = $s->ctl({ stdin => "Staff-pass-9187-madang\n" }, 'create-admin',
    '--login', 'staff.kim', '--name', '김담당', '--email', 'staff.kim@example.go.kr');
is $st, 0, 'madangctl create-admin' or diag $out;
is $s->sql_value(q{SELECT CONCAT(a.kind, '/', r.role, '/', IFNULL(r.department_id, 'global'))
    FROM accounts a JOIN staff_roles r ON r.account_id = a.id WHERE a.login_id = 'staff.kim'}),
    'staff/sysadmin/global', 'a staff account with the global system administrator role';

my $staff = $s->ua;
$r = Madang::Test::sign_in($s, $staff, 'staff.kim', 'Staff-pass-9187-madang');
is $r->code, 303, 'staff sign in' or diag body_of($r);
is $r->header('Location'), '/staff/cases', 'staff land on the received list';
$r = $staff->follow($r);
is $r->code, 200, 'the received list';
$html = body_of($r);
my @received = trackings($html);
is $received[0], $private, 'newest first: the private case filed last';
is $received[1], $tracking, 'then the public case';
like $html, qr{전체 건수: 2}, 'both placed cases, the private one too';
# The 44 cases made above with SQL have no department: the supervisor's
# queue of unplaced cases holds them.
like body_of($staff->get($s->url('/staff/cases?view=unplaced'))), qr{전체 건수: 44},
    'the cases without a department wait in the unplaced queue';
like $html, qr{<a href="/staff/cases/\Q$tracking\E">\Q$title\E</a>}, 'a link to the staff case page';

$r = $staff->get($s->url("/staff/cases/$private"));
is $r->code, 200, 'the staff case page of the private case';
$html = body_of($r);
like $html, qr{\Q$private_title\E}, 'its title';
like $html, qr{<dd>홍길동</dd>}, 'staff see the filer';
$r = $staff->get($s->url("/staff/cases/$tracking"));
is $r->code, 200, 'the staff case page';
like body_of($r), qr{/attachments/$att_id}, 'with its attachment';
$r = $staff->get($s->url("/attachments/$att_id"));
is $r->code, 200, 'staff download the attachment';

# ------------------------------------------------------------ language

my $visitor = $s->ua;
$r = $visitor->get($s->url('/cases'));
$html = body_of($r);
like $html, qr{<html lang="ko">}, 'Korean by default';
$r = $visitor->post($s->url('/lang'), [csrf => $s->csrf_from($r), lang => 'en', back => '/cases']);
is $r->code, 303, 'the language switch redirects';
is $r->header('Location'), '/cases', '... back to the page';
like join("\n", $r->header('Set-Cookie')), qr/lang=en;.*Max-Age=\d+/, 'remembered in a cookie';
$r = $visitor->follow($r);
$html = body_of($r);
like $html, qr{<html lang="en">}, 'English after the switch';
like $html, qr{<h1>Public cases</h1>}, 'an English heading';
like $html, qr{김\*수}, 'the masked name in English too';
$r = $visitor->get($s->url('/'));
like body_of($r), qr{An open square that listens to citizens}, 'the next page is English too';
$r = $visitor->post($s->url('/lang'), [csrf => $s->csrf_from($r), lang => 'xx', back => '/']);
is $r->code, 400, 'an unknown language is refused';
$r = $visitor->post($s->url('/lang'), [lang => 'ko', back => '/']);
is $r->code, 403, 'the switch needs the CSRF token';
like body_of($r), qr{Forbidden}, '... and refuses in English';

# Signed in: also remembered in the account.
my $cit = $s->ua;
$r = Madang::Test::sign_in($s, $cit, $acct->{login_id}, $acct->{password});
is $r->code, 303, 'the citizen signs in again';
$r = $cit->follow($r);
like body_of($r), qr{<html lang="ko">}, 'Korean (the account says ko)';
$r = $cit->post($s->url('/lang'), [csrf => $s->csrf_from($r), lang => 'en', back => '/my/cases']);
is $r->code, 303, 'switch to English when signed in';
is $s->sql_value("SELECT lang FROM accounts WHERE id = $citizen_id"), 'en', 'stored in accounts.lang';
$r = $cit->follow($r);
like body_of($r), qr{<h1>My cases</h1>}, 'My cases in English';

my $other_device = $s->ua;
$r = Madang::Test::sign_in($s, $other_device, $acct->{login_id}, $acct->{password});
$r = $other_device->follow($r);
like body_of($r), qr{<html lang="en">.*<h1>My cases</h1>}s,
    'another device without the cookie: English from the account';

my $en = $s->ua(default_headers => HTTP::Headers->new('Accept-Language' => 'en-US,en;q=0.9'));
$r = $en->get($s->url('/'));
like body_of($r), qr{<html lang="en">.*An open square that listens to citizens}s,
    'Accept-Language: en gives English to a new visitor';
$r = $en->get($s->url('/no-such-page'));
like body_of($r), qr{Page not found}, '... error pages too';
my $ko = $s->ua(default_headers => HTTP::Headers->new('Accept-Language' => 'ko-KR,ko;q=0.9,en;q=0.8'));
like body_of($ko->get($s->url('/'))), qr{<html lang="ko">}, 'Accept-Language: ko gives Korean';
my $fr = $s->ua(default_headers => HTTP::Headers->new('Accept-Language' => 'fr'));
like body_of($fr->get($s->url('/'))), qr{<html lang="ko">}, 'any other language: Korean';

ok $s->stop, 'stack stops cleanly';
done_testing;
