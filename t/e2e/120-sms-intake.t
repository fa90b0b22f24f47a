# SPDX-License-Identifier: AGPL-3.0-or-later
# 120-sms-intake.t: complaints by SMS through the real Kannel (issue 10,
# section 2): fakesmsc sends a message from a phone (UCS-2) into bearerbox,
# smsbox (mo-recode) passes it to /sms/in, Madang files, holds, adds or
# reports, and its answer goes out through the outbox (madang-notifier)
# and comes back to fakesmsc. Also: a retry of the same message is done
# once, a message that arrives while madang-web is down reaches it by
# smsbox's retry, the status only to the filer's number, the "1 = add,
# 2 = new" choice, a verified citizen's number, and every refusal.
use strict;
use warnings;
use utf8;

use Test::More;
use Encode ();
use URI::Escape qw(uri_escape_utf8);
use Madang::Test;
use Madang::Notify;

binmode(Test::More->builder->$_, ':encoding(UTF-8)') for qw(output failure_output todo_output);

my $n = Madang::Notify->start(seed => 1, sms => 1, sms_in => 1);
my $s = $n->stack;
my $k = $n->kannel;
my $SECRET = $Madang::Notify::SMS_IN_SECRET;
# A daytime clock for the notifier: SMS wait out the quiet hours.
my $day = $s->sql_value("SET time_zone = '+09:00'; SELECT CONCAT(CURDATE() + INTERVAL 1 DAY, ' 10:00:00')");

sub inbound_count { $s->sql_value('SELECT COUNT(*) FROM sms_inbound') }

# A phone sends text; waits until /sms/in has recorded it. Returns the row
# (action, case_id, kannel_id).
sub mo {
    my ($from, $text) = @_;
    my $before = inbound_count();
    $k->send_mo($from, $text);
    ok(Madang::Test::wait_until(20, sub { inbound_count() > $before }), "recorded: $text")
        or diag $s->log_text;
    my ($row) = $s->sql('SELECT action, IFNULL(case_id, 0), kannel_id FROM sms_inbound ORDER BY id DESC LIMIT 1');
    return { action => $row->[0], case_id => $row->[1], kannel_id => $row->[2] };
}

# Runs the notifier and returns the SMS fakesmsc got for $intl since
# $seen of them (waits for at least one).
sub answers {
    my ($intl, $seen) = @_;
    $n->run_ok("notifier sends the answer to $intl", now => $day);
    Madang::Test::wait_until(15, sub { scalar($n->sms_messages(to => $intl)) > $seen });
    my @all = $n->sms_messages(to => $intl);
    return @all[$seen .. $#all];
}

sub case_count { $s->sql_value("SELECT COUNT(*) FROM cases WHERE channel = 'sms'") }

# ---- A new number files a complaint in Korean ----
my $A = '010-5555-0001';
my $A_INTL = '+821055550001';
my $text1 = "우리 집 앞 도로에 큰 구멍이 생겼습니다.\n빨리 고쳐 주세요. 똠";
my $r = mo($A, $text1);
is $r->{action}, 'filed', 'a first text files a case';
my ($tr1, $title1, $body1, $kind1, $mobile1, $owner1) = @{ ($s->sql(
    "SELECT c.tracking_no, c.title, c.body, a.kind, a.mobile, a.id FROM cases c JOIN accounts a ON a.id = c.account_id"
    . " WHERE c.id = $r->{case_id} AND c.channel = 'sms'"))[0] // [] };
ok $tr1, "filed as $tr1 with channel sms";
is $body1, $text1, 'the whole text (UCS-2 through mo-recode, 똠 intact) is the body';
is $title1, '우리 집 앞 도로에 큰 구멍이 생겼습니다. 빨리 고쳐 주세요. 똠', 'the title is the text on one line';
is $kind1, 'guest', 'from an unknown number: the guest of that number';
is $mobile1, '01055550001', 'the guest has the number';
my @got = answers($A_INTL, 0);
is scalar(@got), 1, 'one answer SMS';
like $got[0]{text}, qr/\Q$tr1\E/, 'it carries the tracking number';
like $got[0]{text}, qr/접수/, 'in Korean';
my ($sms_link) = $got[0]{text} =~ m{(https?://\S+/cases/\Q$tr1\E\?k=[A-Za-z0-9_-]{22})(?:\s|\z)};
ok $sms_link, "... and the guest's signed tracking link" or diag $got[0]{text};

# ---- Kannel asking again for the same message: done once ----
my $ua = $s->ua;
my $q = sub {
    my (%p) = @_;
    return $s->url('/sms/in?' . join '&', map { "$_=" . uri_escape_utf8($p{$_}) } sort keys %p);
};
my $res = $ua->get($q->(secret => $SECRET, id => $r->{kannel_id}, from => $A, to => '15880000', text => $text1));
is $res->code, 200, 'the same message again: 200';
like $res->decoded_content, qr/duplicate/, '... recognised as handled';
is case_count(), 1, '... and no second case';
is $s->sql_value("SELECT COUNT(*) FROM outbox WHERE recipient = '$A_INTL'"), 1, '... and no second answer';

# ---- A second text while the case is open: held, "1 = add, 2 = new" ----
$r = mo($A, '사진은 없지만 깊이가 30cm 정도입니다.');
is $r->{action}, 'asked', 'another text from a number with an open SMS case is held';
@got = answers($A_INTL, 1);
like $got[0]{text}, qr/\Q$tr1\E/, 'the question names the open case';
like $got[0]{text}, qr/1 = .*\n2 = /s, 'and offers 1 and 2';
$r = mo($A, '밤에는 특히 위험합니다.');
is $r->{action}, 'held', 'a third text before the answer is held too';
is $s->sql_value("SELECT body FROM sms_pending WHERE sender = '$A_INTL'"),
    "사진은 없지만 깊이가 30cm 정도입니다.\n밤에는 특히 위험합니다.", 'both texts wait, in order';
is $s->sql_value("SELECT COUNT(*) FROM outbox WHERE recipient = '$A_INTL'"), 2,
    '... unanswered: the question stands (no endless exchange with an auto-responder)';
# The case needs a handler to alert: the demo's first handler, if routing gave it none.
$s->sql("INSERT INTO case_handlers (case_id, account_id, department_id, assigned_at)"
    . " SELECT c.id, h.account_id, h.department_id, NOW() FROM cases c"
    . " JOIN (SELECT account_id, department_id FROM case_handlers LIMIT 1) h"
    . " WHERE c.tracking_no = '$tr1' AND NOT EXISTS (SELECT 1 FROM case_handlers WHERE case_id = c.id)");
$r = mo($A, '1');
is $r->{action}, 'added', '"1" adds the held texts to the case';
my $handlers = $s->sql_value("SELECT COUNT(*) FROM case_handlers WHERE case_id = $r->{case_id}");
ok $handlers > 0, '... a case with a handler';
is $s->sql_value("SELECT COUNT(*) FROM notices WHERE case_id = $r->{case_id} AND kind = 'staff_message'"
    . " AND account_id IN (SELECT account_id FROM case_handlers WHERE case_id = $r->{case_id})"), $handlers,
    '... each handler is alerted at once (staff_message, as for a mail reply)';
is $s->sql_value("SELECT note FROM case_events WHERE case_id = (SELECT id FROM cases WHERE tracking_no = '$tr1')"
    . " AND kind = 'sms_message'"), "사진은 없지만 깊이가 30cm 정도입니다.\n밤에는 특히 위험합니다.",
    '... as one message on the timeline';
is $s->sql_value("SELECT COUNT(*) FROM sms_pending"), 0, '... and nothing waits any more';
my $guest_page = $s->ua->get($sms_link);
is $guest_page->code, 200, 'the link in the SMS opens the case for the guest';
like $guest_page->decoded_content, qr/깊이가 30cm 정도입니다/, '... with the text added by SMS';
$s->sql("UPDATE cases SET is_public = 1 WHERE tracking_no = '$tr1'");
unlike $s->ua->get($s->url("/cases/$tr1"))->decoded_content, qr/깊이가 30cm/,
    '... which the public page (the case made public) does not show';
$s->sql("UPDATE cases SET is_public = 0 WHERE tracking_no = '$tr1'");
@got = answers($A_INTL, 2);
like $got[0]{text}, qr/\Q$tr1\E/, 'the answer names the case';
is case_count(), 1, 'still one case';
my $staff = $s->ua;
is Madang::Test::sign_in($s, $staff, 'admin', 'madang-admin-2026')->code, 303, 'the supervisor signs in';
my $page = $staff->get($s->url("/staff/cases/$tr1"));
is $page->code, 200, "the staff page of $tr1";
like $page->decoded_content, qr/문자로 보낸 추가 내용/, '... shows the added text as such on the timeline';
like $page->decoded_content, qr/밤에는 특히 위험합니다/, '... with its words';

# ---- "2" files the held text as a new case ----
mo($A, '다른 민원입니다: 가로등이 꺼져 있어요.');
answers($A_INTL, 3);
$r = mo($A, '2');
is $r->{action}, 'filed', '"2" files the held text as a new case';
my $tr2 = $s->sql_value("SELECT tracking_no FROM cases WHERE id = $r->{case_id}");
isnt $tr2, $tr1, "a new case $tr2";
is $s->sql_value("SELECT body FROM cases WHERE id = $r->{case_id}"), '다른 민원입니다: 가로등이 꺼져 있어요.',
    'with the held text';
@got = answers($A_INTL, 4);
like $got[0]{text}, qr/\Q$tr2\E/, 'answered with its number';

# ---- "1" with nothing waiting ----
$r = mo('010-5555-0002', '1');
is $r->{action}, 'nochoice', '"1" with nothing held files nothing';
@got = answers('+821055550002', 0);
like $got[0]{text}, qr/기다리는 문자가 없습니다/, 'and says so';

# ---- The status, only to the filer's number ----
$r = mo($A, "상태 $tr1");
is $r->{action}, 'status', 'the keyword and a tracking number ask the status';
@got = answers($A_INTL, 5);
like $got[0]{text}, qr/\Q$tr1\E/, 'the answer names the case';
like $got[0]{text}, qr/상태: 접수|상태: 담당자 배정/, 'and its status in Korean';
like $got[0]{text}, qr/담당 부서|부서/, 'and its department';
$r = mo($A, "status $tr1");
is $r->{action}, 'status', 'the English keyword (any case)';
@got = answers($A_INTL, 6);
like $got[0]{text}, qr/Status: (Received|Assigned)/, 'answered in English';
$r = mo('010-5555-0003', "STATUS $tr1");
is $r->{action}, 'unknown', 'another number asking is not told';
@got = answers('+821055550003', 0);
like $got[0]{text}, qr/No case of this number/, '... only that it has no such case';
unlike $got[0]{text}, qr/Received|Assigned|Roads/, '... nothing of the case';
is $s->sql_value("SELECT COUNT(*) FROM accounts WHERE mobile = '01055550003'"), 0, 'a status question makes no guest';

# ---- English text, and a citizen's verified number ----
$s->sql("UPDATE accounts SET mobile_verified_at = NOW() WHERE login_id = 'minjun'");
$r = mo('+821023458712', 'The streetlight at the bus stop is broken');
is $r->{action}, 'filed', 'a verified citizen files by SMS';
is $s->sql_value("SELECT a.login_id FROM cases c JOIN accounts a ON a.id = c.account_id WHERE c.id = $r->{case_id}"),
    'minjun', '... into their own account';
my $tr3 = $s->sql_value("SELECT tracking_no FROM cases WHERE id = $r->{case_id}");
$n->run_ok('notifier sends the receipt', now => $day);
Madang::Test::wait_until(15, sub { grep { $_->{text} =~ /\Q$tr3\E/ } $n->sms_messages(to => '+821023458712') });
is scalar(grep { $_->{text} =~ /\Q$tr3\E/ } $n->sms_messages(to => '+821023458712')), 1,
    'one answer (the receipt, the citizen takes SMS notices), not two';
is $s->sql_value("SELECT COUNT(*) FROM outbox WHERE kind = 'sms_reply' AND recipient = '+821023458712'"), 0,
    '... no reply of its own beside the receipt';

$r = mo('010-5555-0004', 'The streetlight at the bus stop is broken');
@got = answers('+821055550004', 0);
like $got[0]{text}, qr/\[[^\]]+\] .*\d{4}-\d{6}/, 'an English text is answered with the number';
unlike $got[0]{text}, qr/접수/, '... in English';

# ---- A long text (concatenated SMS): the whole of it arrives ----
my $long = '도로 한가운데 구멍이 크게 났어요 ' x 34;    # 645 characters, 1,597 bytes in UTF-8
$long =~ s/ $//;
cmp_ok length(Encode::encode('UTF-8', $long)), '>=', 1500, 'a long Korean text (' . length(Encode::encode('UTF-8', $long)) . ' bytes)';
$r = mo('010-5555-0008', $long);
is $r->{action}, 'filed', '... files a case';
is $s->sql_value("SELECT body FROM cases WHERE id = $r->{case_id}"), $long, '... with the whole text';

# The limit itself, 2,000 Korean characters (18,000 bytes percent-encoded).
$r = mo('010-5555-0010', '길' x 2000);
is $r->{action}, 'filed', 'a text of 2,000 Korean characters files a case';
is $s->sql_value("SELECT CHAR_LENGTH(body) FROM cases WHERE id = $r->{case_id}"), 2000, '... whole';

# ---- Past the limit: refused, and the phone is told so by SMS ----
$r = mo('010-5555-0009', '가' x 2001);
is $r->{action}, 'toolong', 'a text over 2,000 characters is refused';
is $s->sql_value("SELECT COUNT(*) FROM accounts a JOIN cases c ON c.account_id = a.id WHERE a.mobile = '01055550009'"), 0,
    '... nothing filed';
@got = answers('+821055550009', 0);
like $got[0]{text}, qr/2000$/, '... and the answer says the limit';
like $got[0]{text}, qr/나누어/, '... in Korean, asking for shorter texts';
$r = mo('010-5555-0009', 'x' x 2001);
@got = answers('+821055550009', 1);
like $got[0]{text}, qr/too long.*in parts.*2000$/s, '... in English for an English text';

# ---- madang-web down when a message arrives: smsbox asks again ----
{
    ok $s->stop_web, 'madang-web stopped (nginx answers 502)';
    my $before = inbound_count();
    $k->send_mo('010-5555-0007', '공원 벤치가 부서졌어요');
    sleep 1;
    is inbound_count(), $before, 'nothing recorded while it is down';
    $s->start_web;
    ok(Madang::Test::wait_until(20, sub { inbound_count() > $before }), "smsbox's retry reaches it once it is back");
    is $s->sql_value("SELECT COUNT(*) FROM cases c JOIN accounts a ON a.id = c.account_id WHERE a.mobile = '01055550007'"),
        1, '... and files the case once';
}

# ---- A held text stops growing at a case's 20,000 characters ----
{
    my $id = 0;
    my $get = sub { $ua->get($q->(secret => $SECRET, id => sprintf('0f0e0d0c-0000-4000-8000-%012d', ++$id),
        from => '010-5555-0006', to => '15880000', text => $_[0])) };
    like $get->('가로수가 쓰러졌어요')->decoded_content, qr/^filed /, 'a case to hold texts beside';
    my @codes = map { $get->("$_" x 2000)->code } 1 .. 9;
    is "@codes", join(' ', (200) x 9), 'nine texts of 2,000 characters are held';
    is $get->('x' x 2000)->code, 413, 'a tenth, past 20,000 in all, is refused';
    is $s->sql_value("SELECT CHAR_LENGTH(body) FROM sms_pending WHERE sender = '+821055550006'"), 9 * 2001 - 1,
        '... and the held text is as it was';
}

# ---- Refusals ----
my %ok = (secret => $SECRET, id => '0f0e0d0c-0000-4000-8000-000000000001', from => '010-5555-0005',
    to => '15880000', text => '민원');
my $cases = case_count();
for my $t (
    [ { secret => 'wrong-secret-0123456789' }, 403, 'a wrong secret' ],
    [ { secret => undef }, 403, 'no secret' ],
    [ { from => '02-123-4567' }, 400, 'a landline sender' ],
    [ { from => undef }, 400, 'no sender' ],
    [ { id => 'bad id!' }, 400, 'a malformed message id' ],
    [ { text => '   ' }, 400, 'an empty text' ],
    [ { text => 'a' x 2001 }, 200, 'a text over 2000 characters (answered by SMS)' ],
) {
    my %p = (%ok, %{ $t->[0] });
    delete $p{$_} for grep { !defined $p{$_} } keys %p;
    my $res = $ua->get($q->(%p));
    is $res->code, $t->[1], "$t->[2]: $t->[1]";
}
# Kannel's POST (post-url): the same checks, the text as the body.
my $post = sub {
    my ($text, $ct, %p) = @_;
    my %u = (%ok, %p);
    delete $u{text};
    return $ua->post($q->(%u), 'Content-Type' => $ct, Content => $text);
};
is $post->(Encode::encode('UTF-8', '민원'), 'text/plain; charset="UTF-8"', secret => 'wrong-secret-0123456789')->code,
    403, 'a POST with a wrong secret: 403';
is $post->(Encode::encode('UTF-16BE', '민원'), 'text/plain; charset="UTF-16BE"', id => '0f0e0d0c-0000-4000-8000-0000000000aa')->code,
    400, 'a POST in UTF-16 (mo-recode off): 400';
is $post->('text=x', 'application/x-www-form-urlencoded')->code, 400, 'a POST of a form: 400';
is case_count(), $cases, 'nothing filed by refused messages';

$s->set_config('sms.in_allow' => '192.0.2.1');
$s->restart_web;
is $ua->get($q->(%ok))->code, 403, 'from an address not in sms.in_allow: 403';
$s->set_config('sms.in_secret' => '');
$s->restart_web;
is $ua->get($q->(%ok))->code, 404, 'without sms.in_secret the intake is off: 404';
is case_count(), $cases, 'nothing filed';

$n->stop;
done_testing;
