# SPDX-License-Identifier: AGPL-3.0-or-later
# 250-my-data.t: citizens' data rights (issue 13 section 4). The "my
# data" download (/account/data) asks for the password again, answers a
# ZIP (read back with /usr/bin/python3's zipfile) whose JSON files hold
# the account, its consents, its case with the filer's view of it (not
# the staff's internal message nor an internal event), the attachment's
# bytes, the proposal, the opinion, the notices and the sign-ins (a
# failed and a successful one) and nothing of another account; the
# temporary file is gone and the download is audited. SMS notices are an
# optional consent: turning them on records it, the account page offers
# its withdrawal, which is recorded and turns them off. Deletion
# (/account/delete): staff are refused with a message; a citizen must
# tick the box and give the password; then the session ends, the login
# fails, a confirmation mail is queued to the verified address, the
# name and contact data are gone from the account and from the staff's
# case page, the public proposal and the debate show "탈퇴한 회원", the
# case stays (the number of cases does not change), and it is audited.
use strict;
use warnings;
use utf8;
use Test::More;
use Encode qw(encode decode);
use File::Temp qw(tempfile);
use HTTP::Request::Common qw(POST);
use JSON::PP;
use Madang::Test qw(L body_of text_of post_form);

binmode $_, ':encoding(UTF-8)'
    for map { Test::More->builder->$_ } qw(output failure_output todo_output);

my $s = Madang::Test->start(seed => 1);

my $PASSWORD = 'Madang-test-pass-4821';
my $FILE_BYTES = "%PDF-1.4\n% my data test\n" . ('x' x 200) . "\n%%EOF\n";

# Files a case with one attachment (multipart), returns its tracking number.
sub file_with_file {
    my ($ua, $title) = @_;
    my $csrf = Madang::Test::csrf_value($ua->get($s->url('/cases/new')));
    my $r = $ua->request(POST $s->url('/cases/new'), Content_Type => 'form-data', Content => [
        csrf => $csrf, category => 1, title => encode('UTF-8', $title), body => encode('UTF-8', "$title: 본문"),
        public => 1,
        attachments => [ undef, encode('UTF-8', '../증빙 자료.pdf'), 'Content-Type' => 'application/pdf',
            Content => $FILE_BYTES ] ]);
    my ($tracking) = ($r->header('Location') // '') =~ m{^/cases/(\d{4}-\d{6})\?filed=1$};
    ok $tracking, "filed: $title" or diag $r->code, body_of($r);
    return $tracking;
}

my ($owner, $owner_id, $of) = $s->citizen(name => '정보주인', mobile => '010-2500-0001');
my ($other, $other_id, $xf) = $s->citizen(name => '남의사람');

# A failed and a successful sign-in of the owner: the sign-in history.
my $again = $s->ua;
is Madang::Test::sign_in($s, $again, $of->{login_id}, 'wrong-password-1234')->code, 400, 'a wrong password';
is Madang::Test::sign_in($s, $owner, $of->{login_id}, $PASSWORD)->code, 303, 'the owner signs in';
is $s->sql_value("SELECT GROUP_CONCAT(success ORDER BY id) FROM sign_ins WHERE account_id = $owner_id"), '0,1',
    'both attempts are recorded (no password)';

my $tracking = file_with_file($owner, '주인 민원 제목');
my $case_id = $s->sql_value("SELECT id FROM cases WHERE tracking_no = '$tracking'");
my ($other_tracking) = Madang::Test::file_case($s, $other, category => 1, title => '남의 민원 비밀');

# What staff wrote for themselves on the owner's case.
$s->sql("INSERT INTO case_messages (case_id, author_id, body, created_at)"
    . " SELECT $case_id, id, 'STAFF-INTERNAL-NOTE', NOW() FROM accounts WHERE login_id = 'admin'");
$s->sql("INSERT INTO case_events (case_id, kind, is_public, note, created_at)"
    . " VALUES ($case_id, 'note', 0, 'INTERNAL-EVENT-NOTE', NOW())");

# The owner supports a demo proposal (counted once per verified number).
my $demo_proposal = $s->sql_value("SELECT id FROM proposals WHERE state = 'open' AND author_id <> $owner_id ORDER BY id LIMIT 1");
my $sr = post_form($s, $owner, "/proposals/$demo_proposal", "/proposals/$demo_proposal/support", action => 'add');
is $sr->code, 303, 'the owner supports a proposal' or diag $sr->code, ' ', $sr->header('Location') // '', text_of(body_of($sr));
is $s->sql_value("SELECT identity FROM proposal_supports WHERE account_id = $owner_id"), 'm:01025000001',
    '... counted by the verified number';

# A proposal and an opinion in the open debate.
my $r = post_form($s, $owner, '/proposals/new', '/proposals/new', category => 1, title => '정보주인의 제안',
    problem => '문제', proposal => '방안', effect => '효과');
my ($proposal) = ($r->header('Location') // '') =~ m{^/proposals/(\d+)};
ok $proposal, 'the owner writes a proposal' or diag $r->code, body_of($r);
my $debate = $s->sql_value('SELECT id FROM debates WHERE opens_at < NOW() AND closes_at > NOW() ORDER BY id LIMIT 1');
$r = post_form($s, $owner, "/debates/$debate", "/debates/$debate/opinions", side => 'agree',
    body => '정보주인의 의견입니다');
is $r->code, 303, 'the owner gives an opinion' or diag body_of($r);
$r = post_form($s, $other, "/debates/$debate", "/debates/$debate/opinions", side => 'disagree',
    body => '남의사람의 의견입니다');

# ------------------------------------------------------------ consent

# Citizens get SMS notices from registration on; each later turn is a
# consent or its withdrawal.
$r = post_form($s, $owner, '/account', '/account/notify', notify_email => 1);
is $r->code, 303, 'SMS notices off';
is $s->sql_value("SELECT CONCAT(kind, ':', given) FROM consents WHERE account_id = $owner_id ORDER BY id DESC LIMIT 1"),
    'sms:0', 'is a withdrawal in the history';
$r = post_form($s, $owner, '/account', '/account/notify', notify_email => 1, notify_sms => 1);
is $r->code, 303, 'SMS notices on';
is $s->sql_value("SELECT CONCAT(kind, ':', given) FROM consents WHERE account_id = $owner_id ORDER BY id DESC LIMIT 1"),
    'sms:1', 'is a consent in the history';
my $page = body_of($owner->get($s->url('/account')));
like $page, qr{action="/account/consent/withdraw".*?name="kind" value="sms"}s, 'the account page offers its withdrawal';
$r = post_form($s, $owner, '/account', '/account/consent/withdraw', kind => 'sms');
is $r->code, 303, 'withdrawn';
is $s->sql_value("SELECT CONCAT(kind, ':', given, ':', text_version) FROM consents WHERE account_id = $owner_id"
    . " ORDER BY id DESC LIMIT 1"), 'sms:0:2026-12', '... recorded with its text version';
is $s->sql_value("SELECT notify_sms FROM accounts WHERE id = $owner_id"), 0, '... SMS notices off';
$page = text_of(body_of($owner->get($s->url('/account?done=consent'))));
like $page, qr/\Q${\ L('Msg.ConsentWithdrawn')}\E/, '... said on the page';
like $page, qr/\Q${\ L('Consents.Kinds.sms')}\E\s+2026-12\s+\Q${\ L('Consents.Withdrawn')}\E\s+\d{4}-\d\d-\d\d \d\d:\d\d/,
    '... and in the history with its time';
is post_form($s, $owner, '/account', '/account/consent/withdraw', kind => 'register')->code, 400,
    'the registration consent is not withdrawn this way';

# ------------------------------------------------------------ my data

is $owner->get($s->url('/account/data'))->code, 200, 'the download page';
is $s->ua->get($s->url('/account/data'))->code, 303, '... needs a signed-in account';
$r = post_form($s, $owner, '/account/data', '/account/data', password => 'not-my-password');
is $r->code, 400, 'a wrong password gets no data';
unlike $r->header('Content-Type') // '', qr/zip/, '... no ZIP';
$r = post_form($s, $owner, '/account/data', '/account/data', password => $PASSWORD);
is $r->code, 200, 'the right password gets the ZIP';
is $r->header('Content-Type'), 'application/zip', '... as application/zip';
like $r->header('Content-Disposition') // '', qr/attachment; filename="madang-my-data\.zip"/, '... to save';
my ($fh, $zip) = tempfile(SUFFIX => '.zip', UNLINK => 1);
binmode $fh;
print $fh $r->content;
close $fh;

# The ZIP read back by Python's zipfile: its names, the JSON files as text
# and the other files' bytes in hex.
my $py = <<'PY';
import json, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None
out = {}
for n in z.namelist():
    b = z.read(n)
    out[n] = b.decode('utf-8') if n.endswith('.json') else b.hex()
print(json.dumps(out))
PY
open my $pipe, '-|', '/usr/bin/python3', '-c', $py, $zip or die "python3: $!";
my $listing = do { local $/; <$pipe> };
close $pipe;
is $?, 0, 'python3 zipfile reads the ZIP';
my $files = JSON::PP->new->utf8->decode($listing);
my %json = map { $_ => JSON::PP->new->utf8(0)->decode($files->{$_}) } grep { /\.json$/ } keys %$files;
for my $section (qw(account consents cases notices proposals supports posts reports mileage penalties sign_ins)) {
    ok exists $json{"$section.json"}, "the ZIP holds $section.json";
}
is $json{'account.json'}[0]{login_id}, $of->{login_id}, 'the account';
is $json{'account.json'}[0]{name}, '정보주인', '... with its name';
is $json{'account.json'}[0]{mobile}, '01025000001', '... and mobile number';
my @consents = map { "$_->{kind}:$_->{given}:$_->{version}" } @{ $json{'consents.json'} };
ok((grep { /^register:1:/ } @consents), 'the registration consent with its version');
is join(',', grep { /^sms/ } @consents), 'sms:0:2026-12,sms:1:2026-12,sms:0:2026-12', 'the SMS consent\'s turns';
my ($case) = @{ $json{'cases.json'} };
is scalar @{ $json{'cases.json'} }, 1, 'one case';
is $case->{tracking}, $tracking, '... the owner\'s';
is $case->{title}, '주인 민원 제목', '... its title';
ok scalar @{ $case->{events} }, '... its history (the filer\'s timeline)';
is $case->{attachments}[0]{name}, '증빙 자료.pdf', '... its attachment listed';
my ($file) = grep { m{^attachments/} } keys %$files;
like $file, qr{^attachments/\Q$tracking\E/\d+-증빙 자료\.pdf$}, 'the attachment\'s file under its case';
is $files->{$file}, unpack('H*', $FILE_BYTES), '... with its bytes';
is $json{'proposals.json'}[0]{title}, '정보주인의 제안', 'the proposal';
ok((grep { $_->{body} eq '정보주인의 의견입니다' } @{ $json{'posts.json'} }), 'the opinion');
is $json{'supports.json'}[0]{proposal}, $demo_proposal, 'the support';
ok scalar @{ $json{'notices.json'} }, 'the notices (the receipt)';
is join(',', map { $_->{success} } @{ $json{'sign_ins.json'} }), '0,1', 'the sign-ins';
my $all = join "\n", values %$files;
unlike $all, qr/남의/, 'nothing of the other account';
unlike $all, qr/\Q$other_tracking\E/, '... not its case';
unlike $all, qr/STAFF-INTERNAL-NOTE/, 'not the staff\'s internal message';
unlike $all, qr/INTERNAL-EVENT-NOTE/, 'not an internal event';
unlike $all, qr/Madang-test-pass|password_hash|\$argon/, 'no password or its hash';
is $s->sql_value("SELECT COUNT(*) FROM audit_log WHERE object_type = 'account' AND object_id = '$owner_id'"
    . " AND action = 'data_download'"), 1, 'the download is audited';
my $tmp = $s->config_value('web.tmp') // 'var/tmp';
$tmp = $s->dir . "/$tmp" unless $tmp =~ m{^/};
is scalar(() = glob("$tmp/madang-mydata-*")), 0, 'the temporary file is gone';

# ------------------------------------------------------------ deletion

my $admin = $s->ua;
is Madang::Test::sign_in($s, $admin, 'admin', 'madang-admin-2026')->code, 303, 'the supervisor signs in';
like text_of(body_of($admin->get($s->url('/account/delete')))), qr/\Q${\ L('Rights.StaffNoDelete')}\E/,
    'staff read that they cannot delete themselves here';
$r = post_form($s, $admin, '/account/delete', '/account/delete', confirm => 1, password => 'madang-admin-2026');
is $r->code, 403, '... and are refused';
is $s->sql_value("SELECT closed_at IS NULL AND active = 1 FROM accounts WHERE login_id = 'admin'"), 1, '... still open';

my $cases_before = $s->sql_value('SELECT COUNT(*) FROM cases');
is $owner->get($s->url('/account/delete'))->code, 200, 'the deletion page';
$r = post_form($s, $owner, '/account/delete', '/account/delete', password => $PASSWORD);
is $r->code, 400, 'not without the box ticked';
like text_of(body_of($r)), qr/\Q${\ L('Err.confirm_needed')}\E/, '... saying so';
is post_form($s, $owner, '/account/delete', '/account/delete', confirm => 1, password => 'wrong-one-98765')->code,
    400, 'not with a wrong password';
$r = post_form($s, $owner, '/account/delete', '/account/delete', confirm => 1, password => $PASSWORD);
is $r->code, 303, 'deleted';
is $r->header('Location'), '/login?done=closed', '... to the sign-in page';
like text_of(body_of($s->ua->get($s->url('/login?done=closed')))), qr/\Q${\ L('Msg.AccountClosed')}\E/,
    '... which says so';
is $owner->get($s->url('/account'))->code, 303, 'the session has ended';
is Madang::Test::sign_in($s, $s->ua, $of->{login_id}, $PASSWORD)->code, 400, 'the login fails';
is $s->sql_value('SELECT COUNT(*) FROM cases'), $cases_before, 'the cases stay';
is $s->sql_value("SELECT account_id FROM cases WHERE id = $case_id"), $owner_id, '... with the account';
is $s->sql_value("SELECT CONCAT(name = '', email LIKE '%.invalid', mobile IS NULL, email_verified_at IS NULL,"
    . " mileage_public, notify_email, closed_at IS NOT NULL) FROM accounts WHERE id = $owner_id"), '1111001',
    'the name and contact data are removed, verified flags cleared, no ranking, no notices';
is $s->sql_value("SELECT COUNT(*) FROM outbox WHERE kind = 'account_closed' AND recipient = '$of->{email}'"), 1,
    'a confirmation mail to the verified address';
is $s->sql_value("SELECT COUNT(*) FROM audit_log WHERE object_type = 'account' AND object_id = '$owner_id'"
    . " AND action = 'close'"), 1, 'audited';
is $s->sql_value("SELECT COUNT(*) FROM sessions WHERE account_id = $owner_id"), 0, 'no session left';
is $s->sql_value("SELECT COUNT(*) FROM sign_ins WHERE account_id = $owner_id"), 0, 'no sign-in history left';
is $s->sql_value("SELECT COUNT(*) FROM proposal_supports WHERE identity LIKE '%25000001%'"), 0,
    'no support names the number any more';
is $s->sql_value("SELECT COUNT(*) FROM consents WHERE account_id = $owner_id"), 4, 'the consent history stays';

my $former = L('FormerMember');
my $t = text_of(body_of($s->ua->get($s->url("/proposals/$proposal"))));
like $t, qr/\Q$former\E/, 'the public proposal shows the former member';
unlike $t, qr/정보주인\b(?!의)/, '... not the name';
$t = text_of(body_of($s->ua->get($s->url("/debates/$debate"))));
like $t, qr/\Q$former\E.*정보주인의 의견입니다|정보주인의 의견입니다.*\Q$former\E/s, 'the opinion shows the former member';
like $t, qr/남\*+람/, '... the other author still masked';
$t = body_of($admin->get($s->url("/staff/cases/$tracking")));
like $t, qr/\Q$former\E/, 'the staff case page shows the former member';
unlike $t, qr/정보주인(?!의)|\Q$of->{email}\E|01025000001|2500-0001/, '... and no name or contact data';
like text_of(body_of($s->ua->get($s->url("/cases/$tracking")))), qr/\Q$former\E/,
    'the public case page shows the former member';

done_testing;
