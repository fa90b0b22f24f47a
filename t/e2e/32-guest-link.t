# SPDX-License-Identifier: AGPL-3.0-or-later
# 32-guest-link.t: a guest's tracking link (issue 10). A private case filed
# by mail from an unverified address belongs to a guest, who cannot sign
# in; the receipt mail (through madang-notifier and the real SMTP sink)
# carries /cases/TRACKING?k=TOKEN, which opens the case as its filer sees
# it: the private case, the attachments, what the guest wrote by mail, the
# message form; a message written through it reaches the staff's case
# page; the view is audited. A wrong token, a cut one, another case's
# token and no token show what anyone sees (404 for a private case). The
# filer's own mail reply shows on their page, never on the public page;
# the public page and Open311 show the street of an address without the
# house number, the filer and staff the whole address. The guest withdraws
# through the link. The token never reaches nginx's access log (request
# line and Referer). A verified citizen's notice keeps the plain link, and
# signed in they read their own mail reply on their page and write there.
use strict;
use warnings;
use utf8;
use Test::More;
use Encode qw(encode decode);
use Madang::Test qw(wait_until);
use Madang::Notify;

binmode $_, ':encoding(UTF-8)'
    for map { Test::More->builder->$_ } qw(output failure_output todo_output);

my $REPO = $ENV{MADANG_SOURCE_DIR} // '.';
my $n = Madang::Notify->start(seed => 1);
my $s = $n->stack;
my $build = $ENV{MADANG_BUILD} // "$REPO/build";

sub body { return decode('UTF-8', $_[0]->content) }
sub slurp { my ($f) = @_; open my $fh, '<:raw', $f or return ''; local $/; return <$fh> }

sub mailin {
    my ($mail) = @_;
    my ($out, $ok, $status) = Madang::Test::_run_with_stdin($mail,
        "$build/madang-mailin", '--config', $s->config, '--stdin');
    return ($status, decode('UTF-8', $out // ''));
}
sub mail {
    my (%h) = @_;
    my $subject = encode('MIME-Header', $h{subject} // 'hello');
    return "From: $h{from}\r\nTo: minwon\@madang.example\r\nSubject: $subject\r\nMessage-ID: <$h{id}>\r\n"
        . "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
        . "Content-Transfer-Encoding: 8bit\r\n\r\n" . encode('UTF-8', $h{body}) . "\r\n";
}
my %L = %{ Madang::Test::lang_strings('ko') };

# ------------------------------------------------------------ filing

my ($st, $out) = mailin(mail(from => 'guest.link@example.net', id => 'glink1@example.net',
    subject => '우리 집 앞 하수구 악취', body => "하수구 냄새가 심합니다.\n비공개로 처리해 주세요."));
is $st, 0, 'a mail from an unverified address is filed' or diag $out;
my ($case_id, $tracking, $owner) = @{ ($s->sql(q{SELECT c.id, c.tracking_no, c.account_id FROM cases c
    ORDER BY c.id DESC LIMIT 1}))[0] };
is $s->sql_value("SELECT kind FROM accounts WHERE id = $owner"), 'guest', "... as a guest's case ($tracking)";
is $s->sql_value("SELECT is_public FROM cases WHERE id = $case_id"), 0, '... private';
$s->sql(encode('UTF-8', "UPDATE cases SET address = '서울특별시 중구 세종대로 110 3층' WHERE id = $case_id"));

# A second guest's case, for the other case's token.
($st) = mailin(mail(from => 'other.guest@example.net', id => 'glink2@example.net',
    subject => '가로등 고장', body => '가로등이 꺼졌습니다.'));
is $st, 0, "another guest's mail is filed";
my ($other_id, $other_tracking) = @{ ($s->sql(q{SELECT id, tracking_no FROM cases ORDER BY id DESC LIMIT 1}))[0] };

$n->run_ok('sends the receipts');
my ($receipt) = $n->mails(to => 'guest.link@example.net', kind => 'receipt');
ok $receipt, 'the receipt mail reached the sink';
my $base = $s->base_url;
my ($link) = ($receipt->{text} // '') =~ m{(\Q$base\E/cases/\Q$tracking\E\?k=[A-Za-z0-9_-]+)};
ok $link, "... with the tracking link ($link)" or diag $receipt->{text};
my ($token) = ($link // '') =~ /k=(.+)\z/;
is length($token // ''), 22, '... a 128-bit token';
like $receipt->{html} // '', qr{/cases/\Q$tracking\E\?k=\Q$token\E}, '... in the HTML part too';
my ($other_receipt) = $n->mails(to => 'other.guest@example.net', kind => 'receipt');
my ($other_token) = ($other_receipt->{text} // '') =~ m{/cases/\Q$other_tracking\E\?k=([A-Za-z0-9_-]+)};
ok $other_token, "the other guest's receipt has its own link";

# ------------------------------------------------------------ the link

my $anon = $s->ua;
my $r = $anon->get($link);
is $r->code, 200, 'the link opens the private case without an account';
my $page = body($r);
like $page, qr/하수구 냄새가 심합니다/, '... with its text';
like $page, qr/\Q$L{'CaseLink.Note'}\E/, '... saying it is the filer\'s view through the link';
like $page, qr/세종대로 110 3층/, '... the whole address, as to its filer';
like $page, qr{action="/cases/\Q$tracking\E/message"}, '... the message form';
like $page, qr{name="k" value="\Q$token\E"}, '... carrying the token';
like $page, qr{name="csrf" value="[^"]+"}, '... and the CSRF token';
is $s->sql_value("SELECT COUNT(*) FROM audit_log WHERE object_type = 'case' AND object_id = '$tracking'"
    . " AND action = 'view_by_link' AND account_id = $owner"), 1, "the guest's view is audited, the guest as actor";

is $anon->get($s->url("/cases/$tracking"))->code, 404, 'without the token: not found (private)';
my $bad = $token =~ /^A/ ? "B" . substr($token, 1) : "A" . substr($token, 1);
is $anon->get($s->url("/cases/$tracking?k=$bad"))->code, 404, 'a wrong token: not found';
is $anon->get($s->url("/cases/$tracking?k=" . substr($token, 0, 21)))->code, 404, 'a cut token: not found';
is $anon->get($s->url("/cases/$tracking?k=$other_token"))->code, 404, "another case's token: not found";
is $anon->get($s->url("/cases/$other_tracking?k=$token"))->code, 404, "... nor does this token open the other case";
is $anon->get($s->url("/cases/$other_tracking?k=$other_token"))->code, 200, '... which its own token opens';

# ------------------------------------------------------------ a message through the link

my $csrf = Madang::Test::csrf_value($r);
$r = $anon->post($s->url("/cases/$tracking/message"),
    [csrf => $csrf, k => $token, text => '어제 저녁에 더 심해졌습니다.']);
is $r->code, 303, 'the guest writes to the case through the link';
like $r->header('Location') // '', qr{^/cases/\Q$tracking\E\?done=message&k=\Q$token\E$}, '... back to the page with the link';
is $s->sql_value("SELECT COUNT(*) FROM case_events WHERE case_id = $case_id AND kind = 'web_message'"
    . " AND actor_id = $owner AND is_public = 0"), 1, '... stored as the guest\'s message, not public';
$r = $anon->post($s->url("/cases/$tracking/message"),
    Content_Type => 'application/x-www-form-urlencoded', Content => [csrf => $csrf, k => $other_token, text => 'x']);
is $r->code, 404, "another case's token cannot write to it";
$r = $anon->post($s->url("/cases/$tracking/message"),
    Content_Type => 'application/x-www-form-urlencoded', Content => [csrf => $csrf, text => 'x']);
is $r->code, 303, 'without a token: the sign-in page';
like $r->header('Location') // '', qr{^/login}, '... (the owner signs in)';
$r = $anon->post($s->url("/cases/$tracking/message"),
    Content_Type => 'application/x-www-form-urlencoded', Content => [k => $token, text => 'x']);
is $r->code, 403, 'without the CSRF token: refused';
is $s->sql_value("SELECT COUNT(*) FROM case_events WHERE case_id = $case_id AND kind = 'web_message'"), 1,
    '... and none of them changed anything';

# The filer's mail reply, and what the page shows to whom.
($st, $out) = mailin(mail(from => 'guest.link@example.net', id => 'glink3@example.net',
    subject => "Re: [$tracking]", body => '사진은 내일 보내겠습니다.'));
is $st, 0, "the guest's mail reply is accepted" or diag $out;
$page = body($anon->get($link));
like $page, qr/어제 저녁에 더 심해졌습니다/, 'the guest reads the message written on the page';
like $page, qr/사진은 내일 보내겠습니다/, '... and the reply sent by mail';
like $page, qr/\Q$L{'Event.mail_in'}\E/, "... as the filer's mail ($L{'Event.mail_in'})";

my $admin = $s->ua;
is Madang::Test::sign_in($s, $admin, 'admin', 'madang-admin-2026')->code, 303, 'the supervisor signs in';
my $staff_page = body($admin->get($s->url("/staff/cases/$tracking")));
like $staff_page, qr/어제 저녁에 더 심해졌습니다/, 'the message written through the link is on the staff case page';
like $staff_page, qr/\Q$L{'Event.web_message'}\E/, "... as the citizen's message ($L{'Event.web_message'})";
my $handlers = $s->sql_value("SELECT COUNT(*) FROM case_handlers WHERE case_id = $case_id");
is $s->sql_value("SELECT COUNT(*) FROM notices WHERE case_id = $case_id AND kind = 'staff_message'"), 2 * $handlers,
    "... each handler told of each message ($handlers)";

# The public page of the case once made public: no messages, the street only.
$s->sql("UPDATE cases SET is_public = 1 WHERE id = $case_id");
$page = body($anon->get($s->url("/cases/$tracking")));
like $page, qr/하수구 냄새가 심합니다/, 'made public, the case shows to anyone';
unlike $page, qr/사진은 내일 보내겠습니다/, "... without the filer's mail reply";
unlike $page, qr/어제 저녁에 더 심해졌습니다/, '... nor the message';
like $page, qr/세종대로 …/, '... with the street of the address';
unlike $page, qr/110/, '... without the house number';
unlike $page, qr/3층/, '... nor the floor';
unlike $page, qr/name="k"/, '... and no link token in it';

# Open311's GET of the case (public): the address masked too.
my $json = body($anon->get($s->url("/open311/v2/requests/$tracking.json")));
like $json, qr/"address":\s*"서울특별시 중구 세종대로 …"/, 'Open311 GET shows the street' or diag $json;
unlike $json, qr/세종대로 110/, '... without the house number';
my $xml = body($anon->get($s->url("/open311/v2/requests/$tracking.xml")));
unlike $xml, qr/세종대로 110/, '... in XML neither';

# map.public_address = off: no address in public at all.
$s->set_config('map.public_address' => 'off');
$s->restart_web;
$page = body($anon->get($s->url("/cases/$tracking")));
unlike $page, qr/세종대로/, 'map.public_address = off: the public page has no address';
$json = body($anon->get($s->url("/open311/v2/requests/$tracking.json")));
like $json, qr/"address":\s*null/, '... nor Open311';
like body($anon->get($link)), qr/세종대로 110 3층/, '... while the filer still reads it whole';

# The owner's actions through the link: withdrawing, after its confirmation step.
is $anon->get($s->url("/cases/$tracking/withdraw"))->code, 303, 'withdrawing without the link: the sign-in page';
is $anon->get($s->url("/cases/$tracking/withdraw?k=$other_token"))->code, 404, "... with another case's token: not found";
$r = $anon->get($s->url("/cases/$tracking/withdraw?k=$token"));
is $r->code, 200, 'the confirmation step opens through the link';
my $confirm = body($r);
like $confirm, qr{name="k" value="\Q$token\E"}, '... its form carrying the token';
my ($version) = $confirm =~ /name="version" value="(\d+)"/;
$r = $anon->post($s->url("/cases/$tracking/act"), [csrf => Madang::Test::csrf_value($r), k => $token,
    version => $version, action => 'withdraw', confirm => 1]);
is $r->code, 303, 'the guest withdraws the case through the link';
is $s->sql_value("SELECT status FROM cases WHERE id = $case_id"), 'withdrawn', '... which is withdrawn';
is $s->sql_value("SELECT actor_id FROM case_events WHERE case_id = $case_id ORDER BY id DESC LIMIT 1"), $owner,
    '... by the guest';
unlike body($anon->get($link)), qr{action="/cases/\Q$tracking\E/message"}, '... and takes no more messages';

# ------------------------------------------------------------ logs

# The page's style sheet, fetched with the link as Referer.
my ($css) = body($anon->get($link)) =~ m{<link rel="stylesheet" href="(/assets/[^"]+)"};
is $anon->get($s->url($css), Referer => $link)->code, 200, 'the style sheet loads with the link as Referer';
my $access_log = $s->dir . '/log/nginx-access.log';
my $log = '';
wait_until(5, sub { ($log = slurp($access_log)) =~ m{"GET \Q$css\E } });
like $log, qr{"GET /cases/\Q$tracking\E\?k=- HTTP/1\.1" 200 }, "nginx's access log has the link's GET, k without its value";
like $log, qr{"POST /cases/\Q$tracking\E/message HTTP}, '... and the POST';
unlike $log, qr/\Q$token\E/, '... but nowhere the token';
unlike $log, qr/\Q$other_token\E/, "... nor the other case's";
unlike $s->log_text, qr/\Q$token\E/, "madang-web's log has no token either";

# A verified account keeps the plain link: it signs in.
my $cit = $s->sql_value(q{SELECT id FROM accounts WHERE login_id = 'citizen'});
$s->sql("UPDATE accounts SET notify_email = 1 WHERE id = $cit");
my $cua = $s->ua;
Madang::Test::sign_in($s, $cua, 'citizen', 'madang-citizen-2026');
my ($cit_tracking) = Madang::Test::file_case($s, $cua, category => 1, title => '보도블록 파손');
$n->run_ok("sends the citizen's receipt");
my ($cit_receipt) = grep { (($_->{subject} // "") . ($_->{text} // "")) =~ /\Q$cit_tracking\E/ } $n->mails(kind => 'receipt');
like $cit_receipt->{text} // '', qr{/cases/\Q$cit_tracking\E(?!\?k=)}, "a citizen's receipt has the plain link";
unlike $cit_receipt->{text} // '', qr/\?k=/, '... without a token';

# A signed-in filer reads their own mail reply on their page too, and
# writes to the case there.
my $cit_email = $s->sql_value("SELECT email FROM accounts WHERE id = $cit");
$s->sql("UPDATE accounts SET email_verified_at = NOW() WHERE id = $cit");
($st, $out) = mailin(mail(from => $cit_email, id => 'glink4@example.net', subject => "Re: [$cit_tracking]",
    body => '시민이 메일로 보낸 추가 설명입니다.'));
is $st, 0, "the citizen's mail reply is accepted" or diag $out;
is $s->sql_value("SELECT COUNT(*) FROM case_events e JOIN cases c ON c.id = e.case_id"
    . " WHERE c.tracking_no = '$cit_tracking' AND e.kind = 'mail_in'"), 1, '... onto their case';
$r = $cua->get($s->url("/cases/$cit_tracking"));
like body($r), qr/시민이 메일로 보낸 추가 설명입니다/, 'the signed-in filer reads it on their case page';
$r = $cua->post($s->url("/cases/$cit_tracking/message"), [csrf => Madang::Test::csrf_value($r), text => '웹으로 보낸 말']);
is $r->code, 303, '... and writes to the case there';
like body($cua->get($s->url("/cases/$cit_tracking"))), qr/웹으로 보낸 말/, '... reading it back';
unlike body($s->ua->get($s->url("/cases/$cit_tracking"))), qr/시민이 메일로 보낸|웹으로 보낸 말/,
    'the public page (the case is public) shows neither';

$n->stop;
done_testing;
