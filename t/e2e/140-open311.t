# SPDX-License-Identifier: AGPL-3.0-or-later
# 140-open311.t: the Open311 GeoReport v2 API at /open311/v2/ through
# nginx. Every endpoint in both formats: the JSON checked against the
# schemas in t/open311/schemas/ (python3-jsonschema; requests, services
# and service definitions also against the specification's own, vendored
# in t/open311/schemas/georeport-v2/), the XML parsed
# (t/open311/validate.py --xml) and compared with the JSON. A POST files a
# case like a web filing (routed, deadlined, a receipt notice), owned by
# the guest of the e-mail it gave, with its attribute answers; private
# cases are never listed; the filer's personal fields are never returned;
# status is open/closed with the Korean stage in status_notes and the
# extension. Bad input gets the specification's errors (unknown service,
# missing and bad keys, bad dates, bad coordinates, oversized fields,
# attributes), a key over its rate 429. A supervisor makes a key (shown
# once, stored hashed), sees it used, revokes it; each change audited.
use strict;
use warnings;
use utf8;
use Test::More;
use Time::Local qw(timegm);
use Encode qw(encode decode);
use File::Basename qw(dirname);
use HTTP::Request::Common qw(POST);
use IPC::Open2 qw(open2);
use JSON::PP;
use Madang::Test qw(body_of bytes_of post_form);

binmode $_, ':encoding(UTF-8)'
    for map { Test::More->builder->$_ } qw(output failure_output todo_output);

my $s = Madang::Test->start(seed => 1);
my $ua = $s->ua(cookie_jar => undef);
my $API = '/open311/v2';
my $KEY = 'madang-open311-demo-2026';
my $VALIDATE = dirname(__FILE__) . '/../open311/validate.py';
my $json = JSON::PP->new->utf8->canonical;

# Runs validate.py with @args on $input (bytes); (exit status, output).
sub validate {
    my ($input, @args) = @_;
    # Debian's python3 and python3-jsonschema (scripts/deps.sh), whatever
    # other python3 comes first in PATH.
    my $pid = open2(my $out, my $in, '/usr/bin/python3', $VALIDATE, @args);
    binmode $in;
    print {$in} $input;
    close $in;
    my $text = do { local $/; <$out> };
    waitpid $pid, 0;
    return ($? >> 8, decode('UTF-8', $text // ''));
}

# The specification's own schemas (t/open311/schemas/georeport-v2) are
# applied beside ours: a wrong status is refused by both.
my ($bad_rc, $bad_why) = validate('[{"service_request_id":"2026-000001","status":"opened","service_code":"1",'
    . '"requested_datetime":"2026-12-07T10:00:00+09:00"}]', 'requests');
is $bad_rc, 1, 'the validator refuses a request with a status not open/closed';
like $bad_why, qr{^georeport-v2/requests\.json: \[0, 'status'\]}m, '... by the specification\'s requests.json too';
($bad_rc, $bad_why) = validate('[{"service_code":"1","service_name":"x","metadata":"no","type":"realtime"}]', 'services');
like $bad_why, qr{^georeport-v2/services\.json: \[0, 'metadata'\]}m, '... and a service whose metadata is no boolean';

sub get { my ($path) = @_; return $ua->get($s->url("$API/$path")) }
sub post_api {
    my ($doc, @fields) = @_;
    return $ua->request(POST($s->url("$API/$doc"), [ map { bytes_of($_) } @fields ]));
}

# JSON answer: status, content type, schema. Returns the decoded data.
sub json_ok {
    my ($res, $status, $schema, $name) = @_;
    is $res->code, $status, "$name: HTTP $status" or diag $res->decoded_content;
    like $res->header('Content-Type'), qr{^application/json; charset=utf-8}, "$name: JSON";
    my ($rc, $why) = validate($res->content, $schema);
    is $rc, 0, "$name: valid against $schema.json" or diag $why;
    return eval { $json->decode($res->content) };
}

# XML answer: status, type, well formed with root; returns its data.
sub xml_ok {
    my ($res, $status, $root, $name) = @_;
    is $res->code, $status, "$name: HTTP $status" or diag $res->decoded_content;
    like $res->header('Content-Type'), qr{^text/xml; charset=utf-8}, "$name: XML";
    my ($rc, $out) = validate($res->content, '--xml', $root);
    is $rc, 0, "$name: well-formed XML under <$root>" or diag $out;
    return $rc == 0 ? JSON::PP->new->decode($out) : undef;
}

# The JSON data with every scalar as XML writes it (text), to compare.
sub as_text {
    my ($v) = @_;
    return [ map { as_text($_) } @$v ] if ref $v eq 'ARRAY';
    # Coordinates are written with 6 decimals in XML (127.000000 for 127.0).
    return { map { $_ => /^(lat|long)$/ && defined $v->{$_} ? sprintf('%.6f', $v->{$_}) : as_text($v->{$_}) }
             keys %$v } if ref $v eq 'HASH';
    return '' unless defined $v;
    return $v ? 'true' : 'false' if JSON::PP::is_bool($v);
    return "$v";
}

# Both formats of one GET: JSON valid, XML well formed and the same data.
sub both_ok {
    my ($path, $status, $schema, $root) = @_;
    my $j = json_ok(get("$path.json"), $status, $schema, "$path.json");
    my $x = xml_ok(get("$path.xml"), $status, $root, "$path.xml");
    is_deeply $x, as_text($j), "$path: the XML says what the JSON says";
    return $j;
}

my %ok = (service_code => 1, lat => '37.5', long => '127.0', 'attribute[damage]' => 'sign');
# A good request with some fields changed (undef: left out).
sub but { my %f = (%ok, @_); return map { defined $f{$_} ? ($_ => $f{$_}) : () } sort keys %f }
my @ok = but();

# ------------------------------------------------------------ discovery

my $d = both_ok('discovery', 200, 'discovery', 'discovery');
is $d->{endpoints}[0]{specification}, 'http://wiki.open311.org/GeoReport_v2', 'discovery names GeoReport v2';
ok((grep { $_->{name} eq 'extended_attributes' } @{ $d->{extensions} }), 'discovery declares the extended field');

# ------------------------------------------------------------ services

my $services = both_ok('services', 200, 'services', 'services');
my %svc = map { $_->{service_code} => $_ } @$services;
is $svc{1}{service_name}, '도로·보도', 'categories are services, named in Korean';
ok $svc{1}{metadata}, 'the roads service has questions (metadata true)';
ok !$svc{2}{metadata}, 'traffic has none';
is $svc{1}{group}, '도로과', 'the group is the department';

my $def = both_ok('services/1', 200, 'service-definition', 'service_definition');
is_deeply [ map { $_->{code} } @{ $def->{attributes} } ], [ 'damage', 'size_cm' ], 'the questions in order';
is_deeply [ map { $_->{key} } @{ $def->{attributes}[0]{values} } ], [ 'pothole', 'sidewalk', 'sign' ],
    'a list question has its values';
ok $def->{attributes}[0]{required}, 'damage is required';
both_ok('services/99', 404, 'errors', 'errors');
both_ok('services/abc', 404, 'errors', 'errors');

# ------------------------------------------------------------ POST requests

my $desc = "가온로 맨홀 뚜껑 옆 도로가 깊게 패였습니다.\n밤에는 잘 보이지 않아 위험합니다.";
my $res = post_api('requests.json', api_key => $KEY, service_code => 1, lat => '37.5665', long => '126.978',
    address_string => '가온동 가온로 12', description => $desc, 'attribute[damage]' => 'pothole',
    'attribute[size_cm]' => '40', email => 'o311.filer@example.kr', phone => '010-5555-1234',
    first_name => '길순', last_name => '정', device_id => 'device-77', account_id => 'app-user-9',
    media_url => 'https://img.example.kr/p/1.jpg');
my $posted = json_ok($res, 200, 'post-response', 'POST requests.json');
my $id = $posted->[0]{service_request_id} // '';
like $id, qr/^\d{4}-\d{6}$/, 'the new request id is a tracking number';
my $raw = $res->decoded_content;
unlike $raw, qr/o311\.filer|5555|길순|device-77|app-user-9/, 'the answer carries none of the filer\'s fields';

my ($case_id, $channel, $kind, $email, $dept, $due, $public) = @{ ($s->sql(
    "SELECT c.id, c.channel, a.kind, a.email, c.department_id, c.due_at IS NOT NULL, c.is_public"
    . " FROM cases c JOIN accounts a ON a.id = c.account_id WHERE c.tracking_no = '$id'"))[0] // [] };
is $channel, 'open311', 'the case records the channel';
is $kind, 'guest', 'filed by the guest of the address';
is $email, 'o311.filer@example.kr', 'whose e-mail is the one given';
is $s->sql_value("SELECT a.name FROM cases c JOIN accounts a ON a.id = c.account_id WHERE c.id = $case_id"), '정길순',
    'a Korean name with the family name first';
ok $dept, 'routed to a department like a web filing';
ok $due, 'with a deadline';
is $s->sql_value("SELECT COUNT(*) FROM cases WHERE tracking_no = '$id'"), 1, 'stored once';
is $s->sql_value("SELECT COUNT(*) FROM notices WHERE kind = 'receipt' AND payload LIKE '%$id%'"), 1,
    'the filer gets the receipt notice';
is $s->sql_value("SELECT GROUP_CONCAT(q.code, '=', a.answer ORDER BY q.code) FROM case_answers a"
    . " JOIN category_questions q ON q.id = a.question_id WHERE a.case_id = $case_id"),
    'damage=pothole,size_cm=40', 'the answers are stored';
is $s->sql_value("SELECT CONCAT(device_id, ' ', client_account) FROM open311_requests WHERE case_id = $case_id"),
    'device-77 app-user-9', 'the client\'s fields are kept';

my $case_page = body_of($ua->get($s->url("/cases/$id")));
like $case_page, qr{<dt>어떤 파손인가요\?</dt><dd>포트홀\(도로 패임\)</dd>}, 'the case page shows the answers, a list\'s by name';
unlike $case_page, qr/o311\.filer|5555-1234/, 'and not the filer\'s contact';

# An e-mail of one guest with the mobile of another: the e-mail's guest.
json_ok(post_api('requests.json', api_key => $KEY, but(phone => '010-7777-0001')), 200, 'post-response',
    'a guest by mobile');
my $by_mail = json_ok(post_api('requests.json', api_key => $KEY, but(email => 'o311.filer@example.kr',
    phone => '010-7777-0001')), 200, 'post-response', 'the e-mail of one guest, the mobile of another');
is $s->sql_value("SELECT a.email FROM cases c JOIN accounts a ON a.id = c.account_id"
    . " WHERE c.tracking_no = '$by_mail->[0]{service_request_id}'"), 'o311.filer@example.kr', 'filed by the e-mail\'s guest';

# The same in XML, without any contact: the client's own guest.
my $px = xml_ok(post_api('requests.xml', api_key => $KEY, service_code => 2, address_id => 'ADDR-1',
    description => '불법 주차'), 200, 'service_requests', 'POST requests.xml');
my $id2 = $px->[0]{service_request_id} // '';
like $id2, qr/^\d{4}-\d{6}$/, 'an XML POST files too';
is $s->sql_value("SELECT a.name FROM cases c JOIN accounts a ON a.id = c.account_id WHERE c.tracking_no = '$id2'"),
    '시민 앱 (데모)', 'without e-mail or phone the case is the client\'s guest\'s';

# ------------------------------------------------------------ GET requests

my $one = both_ok("requests/$id", 200, 'requests', 'service_requests');
is $one->[0]{service_request_id}, $id, 'requests/{id} finds it';
is $one->[0]{status}, 'open', 'core status open';
is $one->[0]{status_notes}, '배정', 'the Korean stage in status_notes';
# (A form's line ends travel as CRLF: URI's query_form sends them so.)
is $one->[0]{description}, $desc =~ s/\n/\r\n/gr, 'the description as filed';
is $one->[0]{media_url}, 'https://img.example.kr/p/1.jpg', 'media_url';
like $one->[0]{requested_datetime}, qr/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+09:00$/, 'W3C dates with the zone';
is $one->[0]{lat}, 37.5665, 'lat';
is $one->[0]{address}, '가온동 가온로 …', 'the address without the house number (map.public_address)';
unlike get("requests/$id.xml")->decoded_content, qr/가온로 12/, '... in XML too';
unlike body_of($ua->get($s->url("/cases/$id"))), qr/가온로 12/, '... nor on the public case page';
my $ext = json_ok(get("requests/$id.json?extensions=true"), 200, 'requests', 'extensions=true');
is $ext->[0]{extended_attributes}{madang_status}, 'assigned', 'the extension gives the case\'s own stage';

both_ok("tokens/$id", 200, 'tokens', 'service_requests');
both_ok('tokens/nonsense', 404, 'errors', 'errors');
both_ok('requests/2026-999999', 404, 'errors', 'errors');

my $list = both_ok('requests', 200, 'requests', 'service_requests');
ok((grep { $_->{service_request_id} eq $id } @$list), 'the list has the new request');
my $many = json_ok(get("requests.json?service_request_id=$id,$id2"), 200, 'requests', 'by ids');
is scalar @$many, 2, 'service_request_id takes a list';
my $by_code = json_ok(get('requests.json?service_code=2&status=open'), 200, 'requests', 'by service and status');
ok((grep { $_->{service_request_id} eq $id2 } @$by_code) && !(grep { $_->{service_code} ne '2' } @$by_code),
    'service_code filters');
my $closed = json_ok(get('requests.json?status=closed&start_date=2026-01-01T00:00:00Z'), 200, 'requests', 'closed');
ok @$closed && !(grep { $_->{status} ne 'closed' } @$closed), 'status=closed lists closed ones only';
my $paged = json_ok(get('requests.json?start_date=2026-01-01&page_size=2&page=2'), 200, 'requests', 'paged');
is scalar @$paged, 2, 'page and page_size';

# A date in another zone is the same instant: 00:00Z is 09:00 in Seoul.
# The filing's own instant in UTC (created_at is Korea time) must find
# it. Worked out as an instant, not hour by hour: filed between 00:00 and
# 09:00 in Seoul, it is the day before in UTC (the test failed there).
my $filed = $s->sql_value("SELECT DATE_FORMAT(created_at, '%Y-%m-%d %H:%i:%s') FROM cases WHERE tracking_no = '$id'");
my ($fy, $fm, $fd, $fh, $fi, $fs) = $filed =~ /(\d+)-(\d+)-(\d+) (\d+):(\d+):(\d+)/;
my @utc = gmtime(timegm($fs, $fi, $fh, $fd, $fm - 1, $fy) - 9 * 3600);
my $utc_after = sprintf '%04d-%02d-%02dT%02d:%02d:%02dZ', $utc[5] + 1900, $utc[4] + 1, @utc[3, 2, 1, 0];
my $since = json_ok(get("requests.json?start_date=$utc_after&service_code=1"), 200, 'requests', 'start_date in UTC');
ok((grep { $_->{service_request_id} eq $id } @$since), 'a start_date in UTC is converted to Korea time');

# Private cases are never listed nor shown.
my $private = $s->sql_value("SELECT tracking_no FROM cases WHERE is_public = 0 ORDER BY id LIMIT 1");
ok $private, 'the demo has a private case';
both_ok("requests/$private", 404, 'errors', 'errors');
my $all = json_ok(get('requests.json?start_date=2000-01-01'), 200, 'requests', 'everything');
ok !(grep { $_->{service_request_id} eq $private } @$all), 'private cases are never listed';
my $public_n = $s->sql_value("SELECT COUNT(*) FROM cases WHERE is_public = 1");
is scalar @$all, $public_n > 1000 ? 1000 : $public_n, 'every public case is listed';

# ------------------------------------------------------------ updates

my $upd = both_ok('servicerequestupdates', 200, 'updates', 'service_request_updates');
ok((grep { $_->{service_request_id} eq $id } @$upd), 'the updates feed has the new request');
my $since_upd = json_ok(get('servicerequestupdates.json?start_date=2030-01-01T00:00:00%2B09:00'), 200, 'updates',
    'updates after a future date');
is scalar @$since_upd, 0, 'start_date filters the feed';

# ------------------------------------------------------------ bad input

sub error_ok {
    my ($res, $status, $like, $name) = @_;
    my $e = json_ok($res, $status, 'errors', $name);
    is $e->[0]{code}, $status, "$name: code $status in the body";
    like $e->[0]{description}, $like, "$name: says why";
}
my $cases_before = $s->sql_value('SELECT COUNT(*) FROM cases');
error_ok(post_api('requests.json', @ok), 403, qr/api_key/, 'missing key');
error_ok(post_api('requests.json', api_key => 'not-a-key', @ok), 403, qr/api_key/, 'bad key');
error_ok(post_api('requests.json', api_key => $KEY, but(service_code => 77)), 404, qr/service_code/, 'unknown service');
error_ok(post_api('requests.json', api_key => $KEY, 'attribute[damage]' => 'sign', lat => 1, long => 1), 400,
    qr/service_code/, 'no service');
error_ok(post_api('requests.json', api_key => $KEY, service_code => 1, 'attribute[damage]' => 'sign'), 400,
    qr{lat/long}, 'no location');
error_ok(post_api('requests.json', api_key => $KEY, but(lat => '91')), 400, qr/lat/, 'latitude out of range');
error_ok(post_api('requests.json', api_key => $KEY, but(long => 'east')), 400, qr/long/, 'longitude not a number');
error_ok(post_api('requests.json', api_key => $KEY, but(lat => '1e2')), 400, qr/lat/, 'no exponents');
error_ok(post_api('requests.json', api_key => $KEY, service_code => 1, lat => '37.5', 'attribute[damage]' => 'sign'),
    400, qr/lat and long/, 'lat without long');
error_ok(post_api('requests.json', api_key => $KEY, but(description => 'x' x 4001)), 400, qr/description/,
    'description over 4,000 characters');
error_ok(post_api('requests.json', api_key => $KEY, but(first_name => '가' x 101)), 400, qr/first_name/,
    'first_name over 100 characters');
error_ok(post_api('requests.json', api_key => $KEY, but(email => 'not-an-address')), 400, qr/email/, 'bad e-mail');
error_ok(post_api('requests.json', api_key => $KEY, but(phone => '12345')), 400, qr/phone/, 'bad phone');
error_ok(post_api('requests.json', api_key => $KEY, but(media_url => 'javascript:alert(1)')), 400, qr/media_url/,
    'media_url not http(s)');
error_ok(post_api('requests.json', api_key => $KEY, service_code => 1, lat => 1, long => 1), 400,
    qr/attribute damage is required/, 'a required attribute missing');
error_ok(post_api('requests.json', api_key => $KEY, but('attribute[damage]' => 'volcano')), 400,
    qr/damage: the value is not one of its keys/, 'a value not in the list');
$res = post_api('requests.json', api_key => $KEY, but('attribute[damage]' => "\x{FFFF}<bad>" x 2000));
error_ok($res, 400, qr/damage/, 'an oversized value with odd characters');
unlike $res->decoded_content, qr/<bad>/, 'the error does not repeat it';
error_ok(post_api('requests.json', api_key => $KEY, but('attribute[size_cm]' => 'big')), 400, qr/size_cm/,
    'a number attribute not a number');
my $xe = xml_ok(post_api('requests.xml', api_key => 'bad'), 403, 'errors', 'bad key in XML');
is $xe->[0]{code}, '403', 'XML errors carry the code';
is $s->sql_value('SELECT COUNT(*) FROM cases'), $cases_before, 'no bad request filed anything';

error_ok(get('requests.json?start_date=yesterday'), 400, qr/start_date/, 'start_date not a date');
error_ok(get('requests.json?end_date=2026-02-30T00:00:00Z'), 400, qr/end_date/, '30 February');
error_ok(get('requests.json?start_date=2026-01-01T25:00:00Z'), 400, qr/start_date/, 'hour 25');
error_ok(get('requests.json?start_date=2026-05-01&end_date=2026-04-01'), 400, qr/before/, 'end before start');
error_ok(get('requests.json?status=pending'), 400, qr/status/, 'unknown status');
error_ok(get('requests.json?service_request_id=1;DROP'), 400, qr/service_request_id/, 'bad ids');
error_ok(get('requests.json?page_size=5000'), 400, qr/page_size/, 'page_size over 1000');
error_ok(get('servicerequestupdates.json?end_date=soon'), 400, qr/end_date/, 'updates: bad date');
error_ok(get('requests.html'), 404, qr/format/, 'an unknown format');
error_ok(post_api('services.json', api_key => $KEY), 405, qr/POST/, 'POST to a GET resource');
# What the dispatcher refuses before any handler is the specification's
# error too, in the path's format: never an HTML page.
$res = $ua->request(POST($s->url("$API/requests.json"), Content_Type => 'application/x-www-form-urlencoded',
    Content => "api_key=$KEY&service_code=1&lat=1&long=1&description=%FF%FEbad"));
error_ok($res, 400, qr/UTF-8/, 'a field that is not UTF-8');
error_ok(get('no/such/thing.json'), 404, qr/not found/, 'an unknown path');
my $x404 = xml_ok(get('no/such/thing.xml'), 404, 'errors', 'an unknown path in XML');
is $x404->[0]{code}, '404', 'answered in XML';
$res = $ua->request(HTTP::Request->new(PUT => $s->url("$API/requests.json")));
error_ok($res, 405, qr/method/, 'PUT');

# ------------------------------------------------------------ keys (admin)

my $admin = $s->ua;
Madang::Test::sign_in($s, $admin, 'admin', 'madang-admin-2026');
my $page = $admin->get($s->url('/admin/open311'));
is $page->code, 200, 'the supervisor opens the key page';
like body_of($page), qr/시민 앱 \(데모\)/, 'the demo client is listed';
$res = post_form($s, $admin, '/admin/open311', '/admin/open311', name => '테스트 CRM', rate => 2);
is $res->code, 200, 'a new key is made';
my ($new_key) = body_of($res) =~ m{<code id="open311-key">([A-Za-z0-9_-]+)</code>};
ok $new_key && length $new_key >= 40, 'and shown once';
is $s->sql_value("SELECT COUNT(*) FROM open311_clients WHERE key_hash = SHA2('$new_key', 256)"), 1,
    'stored as its SHA-256';
is $s->sql_value("SELECT COUNT(*) FROM open311_clients WHERE key_hash = '$new_key'"), 0, 'never in clear';
unlike body_of($admin->get($s->url('/admin/open311'))), qr/\Q$new_key\E/, 'the list never shows it again';
my $cid = $s->sql_value("SELECT id FROM open311_clients WHERE name = '테스트 CRM'");
is $s->sql_value("SELECT COUNT(*) FROM audit_log WHERE object_type = 'open311_client' AND object_id = '$cid'"
    . " AND action = 'create'"), 1, 'creating it is audited';

# The limit counts per calendar minute of the database's clock: the
# three requests below must fall in one minute, so with under 20 s of
# this minute left (a slow run: the sanitizers), wait for the next.
my $second = $s->sql_value('SELECT SECOND(NOW())');
sleep 61 - $second if $second > 40;
json_ok(post_api('requests.json', api_key => $new_key, @ok), 200, 'post-response', 'the new key files');
json_ok(post_api('requests.json', api_key => $new_key, @ok), 200, 'post-response', 'twice');
$res = post_api('requests.json', api_key => $new_key, @ok);
error_ok($res, 429, qr/too many/, 'the third in a minute: 429');
is $res->header('Retry-After'), '60', 'with Retry-After';
like body_of($admin->get($s->url('/admin/open311'))), qr/\d{4}-\d\d-\d\d \d\d:\d\d/, 'last used is shown';

my $csrf = Madang::Test::csrf_value($admin->get($s->url('/admin/open311')));
$res = $admin->post($s->url("/admin/open311/$cid/revoke"), [ csrf => $csrf ]);
is $res->code, 303, 'the supervisor revokes it';
ok $s->sql_value("SELECT revoked_at IS NOT NULL FROM open311_clients WHERE id = $cid"), 'revoked';
is $s->sql_value("SELECT COUNT(*) FROM audit_log WHERE object_type = 'open311_client' AND object_id = '$cid'"
    . " AND action = 'revoke'"), 1, 'revoking is audited';
error_ok(post_api('requests.json', api_key => $new_key, @ok), 403, qr/api_key/, 'a revoked key is refused');

# ------------------------------------------------------------ questions

$page = $admin->get($s->url('/admin/open311/questions'));
is $page->code, 200, 'the supervisor opens the questions';
like body_of($page), qr/어떤 파손인가요\?/, 'the demo question is listed';
$res = post_form($s, $admin, '/admin/open311/questions', '/admin/open311/questions', category => 2,
    code => 'plate', datatype => 'string', required => 1, question_ko => '차량 번호는?',
    question_en => 'Licence plate?', value_list => '', sort_order => 10);
is $res->code, 303, 'a question is added to traffic';
my $def2 = json_ok(get('services/2.json'), 200, 'service-definition', 'services/2.json with a question');
is $def2->{attributes}[0]{code}, 'plate', 'the API offers it at once';
is $def2->{attributes}[0]{description}, '차량 번호는?', 'in Korean';
ok json_ok(get('services.json'), 200, 'services', 'services')->[1]{metadata}, 'traffic has metadata now';
error_ok(post_api('requests.json', api_key => $KEY, service_code => 2, address_string => '시청 앞'), 400,
    qr/attribute plate is required/, 'and requires it');
$res = post_form($s, $admin, '/admin/open311/questions', '/admin/open311/questions', category => 2,
    code => 'Bad Code', datatype => 'string', question_ko => 'x', question_en => 'x', sort_order => 1);
is $res->code, 400, 'a code with capitals and spaces is refused';
$res = post_form($s, $admin, '/admin/open311/questions', '/admin/open311/questions', category => 2,
    code => 'kind', datatype => 'singlevaluelist', question_ko => '종류', question_en => 'Kind',
    value_list => 'no equals', sort_order => 1);
is $res->code, 400, 'a list without key=name lines is refused';
$res = post_form($s, $admin, '/admin/open311/questions', '/admin/open311/questions/delete', category => 2,
    code => 'plate');
is $res->code, 303, 'the question is removed';
is scalar @{ json_ok(get('services/2.json'), 200, 'service-definition', 'services/2.json again')->{attributes} }, 0,
    'and gone from the API';
is $s->sql_value("SELECT COUNT(*) FROM audit_log WHERE object_type = 'category_question' AND object_id = '2/plate'"), 2,
    'adding and removing are audited';

# A multivaluelist's answer: the staff case page names the options chosen,
# and the key of one deleted since.
$res = post_form($s, $admin, '/admin/open311/questions', '/admin/open311/questions', category => 2,
    code => 'faults', datatype => 'multivaluelist', question_ko => '무엇이 고장났나요?', question_en => 'What is broken?',
    value_list => "lights=신호등 고장\r\nlines=차선 지워짐\r\nsign=표지판", sort_order => 5);
is $res->code, 303, 'a multivaluelist question is added to traffic';
my $multi = json_ok(post_api('requests.json', api_key => $KEY, service_code => 2, address_string => '시청 앞',
    description => '신호등과 차선', 'attribute[faults][]' => 'lights', 'attribute[faults][]' => 'lines'), 200,
    'post-response', 'a request with two of its values');
my $multi_id = $multi->[0]{service_request_id} // '';
my $staff_page = body_of($admin->get($s->url("/staff/cases/$multi_id")));
like $staff_page, qr{<dt>무엇이 고장났나요\?</dt><dd>신호등 고장, 차선 지워짐</dd>}, 'the staff case page names the options';
unlike $staff_page, qr{<dd>lights}, '... not their keys';
$res = post_form($s, $admin, '/admin/open311/questions', '/admin/open311/questions', category => 2,
    code => 'faults', datatype => 'multivaluelist', question_ko => '무엇이 고장났나요?', question_en => 'What is broken?',
    value_list => "lights=신호등 고장\r\nsign=표지판", sort_order => 5);
is $res->code, 303, 'an option is deleted';
like body_of($admin->get($s->url("/staff/cases/$multi_id"))), qr{<dd>신호등 고장, lines</dd>},
    '... and the answer shows its key in its place';

my $citizen = $s->ua;
Madang::Test::sign_in($s, $citizen, 'citizen', 'madang-citizen-2026');
my $cres = $citizen->get($s->url('/admin/open311'));
is $cres->code, 303, 'a citizen may not see the keys (sent to sign in as staff)';
unlike body_of($cres), qr/시민 앱/, 'and sees nothing of them';
my $han = $s->ua;
Madang::Test::sign_in($s, $han, 'road.lee', 'madang-staff-2026');
is $han->get($s->url('/admin/open311'))->code, 403, 'nor a handler';
is $han->get($s->url('/admin/open311/questions'))->code, 403, 'nor their questions';

# A supervisor of 도로과 alone edits the questions of its categories only,
# and makes no keys (a key files into every category).
my $choi_id = $s->sql_value("SELECT id FROM accounts WHERE login_id = 'road.choi'");
$s->sql("INSERT INTO staff_roles (account_id, role, department_id, with_subtree) VALUES ($choi_id, 'supervisor', 4, 1)");
my $choi = $s->ua;
Madang::Test::sign_in($s, $choi, 'road.choi', 'madang-staff-2026');
is $choi->get($s->url('/admin/open311'))->code, 403, 'a department\'s supervisor may not make keys';
$page = body_of($choi->get($s->url('/admin/open311/questions')));
like $page, qr{<option value="1"}, 'roads is theirs to edit';
unlike $page, qr{<option value="2"}, 'traffic is not';
$res = post_form($s, $choi, '/admin/open311/questions', '/admin/open311/questions', category => 1,
    code => 'lane', datatype => 'text', question_ko => '차로는?', question_en => 'Which lane?', sort_order => 30);
is $res->code, 303, 'they add a question to roads';
$res = post_form($s, $choi, '/admin/open311/questions', '/admin/open311/questions', category => 2,
    code => 'lane', datatype => 'text', question_ko => '차로는?', question_en => 'Which lane?', sort_order => 30);
is $res->code, 403, 'but not to traffic';
$res = post_form($s, $choi, '/admin/open311/questions', '/admin/open311/questions/delete', category => 2,
    code => 'nothing');
is $res->code, 403, 'nor remove one there';
is $s->sql_value("SELECT COUNT(*) FROM category_questions WHERE code = 'lane'"), 1, 'one question added in all';

# ------------------------------------------------------------ jurisdiction

$s->set_config('open311.jurisdiction_id' => 'madang.example');
$s->restart_web;
error_ok(post_api('requests.json', api_key => $KEY, @ok), 400, qr/jurisdiction_id is required/,
    'a configured jurisdiction_id is required');
error_ok(post_api('requests.json', api_key => $KEY, @ok, jurisdiction_id => 'other.example'), 404,
    qr/jurisdiction_id not found/, 'another jurisdiction is not found');
json_ok(post_api('requests.json', api_key => $KEY, @ok, jurisdiction_id => 'madang.example'), 200, 'post-response',
    'the right one files');

is $s->log_text =~ /\[error\]/ ? 1 : 0, 0, 'no errors in the log' or diag $s->log_text;

done_testing;
