# SPDX-License-Identifier: AGPL-3.0-or-later
# 100-notifier.t: madang-notifier end to end, against the real SMTP sink
# (scripts/smtp-sink.py) and Kannel (bearerbox + smsbox + fakesmsc): a
# citizen files a case over HTTP and one notifier run brings the receipt
# mail (RFC 2047 subject, base64 body, intact Korean, the tracking number)
# and the receipt SMS (UCS-2, intact Korean); with the test clock past the
# deadline exactly one delay apology arrives after 10 runs and after 3
# notifiers at once, and one more only when the extended deadline passes
# too; the answer notice brings a rating link that opens the rating form;
# SMS wait out the quiet hours (22:00) while e-mail goes, and go at 08:30;
# Kannel's delivery reports are recorded on the outbox row.
use strict;
use warnings;
use utf8;
use Test::More;
use Time::HiRes qw(sleep time);
use Madang::Test qw(body_of);
use Madang::Notify;

binmode $_, ':encoding(UTF-8)'
    for map { Test::More->builder->$_ } qw(output failure_output todo_output);

my $t0 = time;
my $n = Madang::Notify->start(seed => 1, sms => 1);
my $s = $n->stack;
my %L = %{ Madang::Test::lang_strings('ko') };
my $site = $L{'Site.Name'};

# ------------------------------------------------------------ helpers

sub act { return $n->staff_act(@_) }

# The case's mails of a kind (to the citizen unless said).
sub mails_of {
    my ($case_id, $kind, $to) = @_;
    return $n->mails(case_id => $case_id, kind => $kind, to => $to);
}

# ------------------------------------------------------------ setup

# The demo cases would otherwise fall due, escalate and be reminded on the
# test clock: only this test's cases may make notices.
$s->sql(q{UPDATE cases SET apology_due = NULL, remind_at = NULL, escalate_hours = 0});
$s->sql(q{UPDATE outbox SET state = 'cancelled' WHERE state = 'pending'});

my ($cit_id, $cit_name, $cit_email, $cit_mobile) = @{ ($s->sql(
    q{SELECT id, name, email, mobile FROM accounts WHERE login_id = 'citizen'}))[0] };
ok $cit_email && $cit_mobile, "the demo citizen has an e-mail ($cit_email) and a mobile ($cit_mobile)";
(my $intl = $cit_mobile) =~ s/\D//g;
$intl =~ s/^0/+82/;
$s->sql("UPDATE accounts SET notify_email = 1, notify_sms = 1, lang = 'ko' WHERE id = $cit_id");

my $citizen = $s->ua;
is Madang::Test::sign_in($s, $citizen, 'citizen', 'madang-citizen-2026')->code, 303, 'the citizen signs in';

sub file_case {
    my ($title, $body) = @_;
    return Madang::Test::file_case($s, $citizen, category => 1, title => $title, body => $body);
}

# ------------------------------------------------------------ receipt

my $title = '보도블록 파손 신고 — 세종대로 "110" 앞 & 횡단보도';
my ($tr, $case_id) = file_case($title, "보도블록이 깨져 있습니다.\n빨리 고쳐 주세요.");
is $s->sql_value("SELECT COUNT(*) FROM outbox o JOIN notices n ON n.id = o.notice_id"
    . " WHERE n.case_id = $case_id AND o.kind = 'receipt'"), 2,
    'filing wrote the receipt to the outbox: e-mail and SMS';
is $n->sink->count, 0, 'nothing reached the sink before the notifier ran';

# A daytime clock (tomorrow 10:00): on the real one, SMS may be in their
# quiet hours when the test runs.
my $day = $s->sql_value("SET time_zone = '+09:00'; SELECT CONCAT(CURDATE() + INTERVAL 1 DAY, ' 10:00:00')");
my $r = $n->run_ok("the first run (clock at $day)", now => $day);
like $r->{out}, qr/sent\D*\d/i, 'the run logs a summary with what it sent' or diag $r->{out};
$n->settle;

my @rc = mails_of($case_id, 'receipt', $cit_email);
is scalar(@rc), 1, 'one receipt mail reached the sink, to the citizen';
my $m = $rc[0] // {};
is $m->{subject}, "[$site] $L{'Mail.receipt.Subject'} ($tr)", 'its Korean subject decodes intact (RFC 2047)';
like $m->{raw}, qr/^Subject:[^\n]*=\?UTF-8\?[BQ]\?/mi, '... and was encoded on the wire';
like $m->{text} // '', qr/\Q$tr\E/, 'the text part holds the tracking number';
like $m->{text} // '', qr/\Q$title\E/, '... and the title as typed';
like $m->{text} // '', qr/\Q$L{'Mail.receipt.Lead'}\E/, '... and the Korean lead paragraph';
like $m->{text} // '', qr/\Q$cit_name\E/, "... greeting the citizen by name ($cit_name)";
like $m->{html} // '', qr/\Q$tr\E/, 'the HTML part holds the tracking number';
like $m->{html} // '', qr/보도블록 파손 신고 — 세종대로 &(?:quot|#34);110&(?:quot|#34); 앞 &amp; 횡단보도/,
    '... and the title, HTML-escaped';
like $m->{raw}, qr/^Content-Transfer-Encoding:\s*base64/mi, 'the parts travel as base64';
ok $m->{message_id}, 'a Message-ID';
ok $m->{row} && $m->{row}{state} eq 'sent', '... naming its outbox row, now sent';
ok scalar(@{ $m->{headers}{date} // [] }), 'a Date header';

my @sms = $n->kannel->wait_messages(1, 15);
my @rs = $n->sms_messages(to => $intl, like => qr/\Q$tr\E/);
is scalar(@rs), 1, "one SMS with the tracking number reached fakesmsc, to $intl";
like $rs[0]{text} // '', qr/^\[\Q$site\E\] \Q$L{'Sms.receipt'}\E \Q$tr\E/, '... its Korean text intact';
ok scalar(grep { $_->{kind} eq 'receipt' && $_->{state} eq 'sent' }
    $n->outbox_rows("channel = 'sms' AND notice_id IN (SELECT id FROM notices WHERE case_id = $case_id)")),
    'the SMS row is sent';

# Delivery reports: Kannel fetches the dlr-url (madang-web's /sms/dlr).
my ($sms_row) = $n->outbox_rows("channel = 'sms' AND kind = 'receipt'"
    . " AND notice_id IN (SELECT id FROM notices WHERE case_id = $case_id)");
my $dlr;
for (1 .. 100) {
    $dlr = $s->sql_value("SELECT dlr_status FROM outbox WHERE id = $sms_row->{id}");
    last if defined $dlr && $dlr eq 'delivered';
    sleep 0.1;
}
like $dlr // '', qr/^(delivered|smsc_ack)$/, "Kannel's delivery report is recorded on the outbox row ($dlr)"
    or diag $s->log_text;
like $s->log_text, qr/SMS $sms_row->{id}: delivery report delivered/, '... the "delivered" one reached madang-web';

# Nothing again on the next runs.
my $before = $n->sink->count;
$n->run_ok('a second run', now => $day) for 1 .. 2;
is $n->settle, $before, 'later runs send nothing again';
is scalar(mails_of($case_id, 'receipt', $cit_email)), 1, '... still one receipt';

# ------------------------------------------------------------ delay apology

# The first deadline passes (10:00 the day after: outside SMS quiet hours).
my ($due1) = $s->sql_value("SELECT DATE_FORMAT(due_at, '%Y-%m-%d %H:%i:%s') FROM cases WHERE id = $case_id");
ok $due1, "the case is due $due1";
my $t1 = $s->sql_value("SELECT CONCAT(DATE(due_at) + INTERVAL 1 DAY, ' 10:00:00') FROM cases WHERE id = $case_id");
my $apologies = sub { scalar mails_of($case_id, 'apology', $cit_email) };

$n->run_ok("run $_ with the clock at $t1", now => $t1) for 1 .. 10;
$n->settle;
is $apologies->(), 1, 'ten runs past the deadline: exactly one apology mail';
my ($ap) = mails_of($case_id, 'apology', $cit_email);
is $ap->{subject}, "[$site] $L{'Mail.apology.Subject'} ($tr)", '... its Korean subject intact';
like $ap->{text} // '', qr/\Q$L{'Mail.Expected'}\E: \d{4}-\d{2}-\d{2}/, '... with the new expected date';
is scalar($n->sms_messages(to => $intl, like => qr/^\[\Q$site\E\] \Q$L{'Sms.apology'}\E \Q$tr\E/)), 1,
    '... and exactly one apology SMS';
my @par = $n->run_parallel(3, now => $t1);
is_deeply [ map { $_->{status} } @par ], [0, 0, 0], '3 notifiers at once on the same clock exit 0';
$n->settle;
is $apologies->(), 1, '... and still exactly one apology';
is $s->sql_value("SELECT COUNT(*) FROM notices WHERE case_id = $case_id AND kind = 'apology'"), 1,
    'one apology notice in the web inbox';
like $s->sql_value("SELECT idem_key FROM notices WHERE case_id = $case_id AND kind = 'apology'"),
    qr/^apology:$case_id:\Q$due1\E$/, '... keyed by the case and the missed deadline';

# ------------------------------------------------------------ extension

my $handler = $s->sql_value("SELECT a.login_id FROM case_handlers h JOIN accounts a ON a.id = h.account_id"
    . " WHERE h.case_id = $case_id ORDER BY a.id LIMIT 1");
ok $handler, "the case has a handler ($handler)";
my $staff = $s->ua;
is Madang::Test::sign_in($s, $staff, $handler, 'madang-staff-2026')->code, 303, "$handler signs in";
my $new_due = $s->sql_value("SELECT DATE_FORMAT(DATE(due_at) + INTERVAL 14 DAY, '%Y-%m-%d') FROM cases WHERE id = $case_id");
$r = act($staff, $tr, 'extend', due_date => $new_due, text => '현장 조사가 더 필요합니다');
is $r && $r->code, 303, "the handler extends the deadline to $new_due" or diag $r && body_of($r);
$n->run_ok('a run after the extension', now => $t1);
$n->settle;
my @ext = mails_of($case_id, 'extended', $cit_email);
is scalar(@ext), 1, 'the extension notice arrives';
like $ext[0]{text} // '', qr/\Q$new_due\E/, '... with the new date';
like $ext[0]{text} // '', qr/현장 조사가 더 필요합니다/, '... and the reason';
is $apologies->(), 1, 'the new deadline has not passed: no new apology';

my $t2 = $s->sql_value("SELECT CONCAT(DATE(due_at) + INTERVAL 1 DAY, ' 10:00:00') FROM cases WHERE id = $case_id");
@par = $n->run_parallel(3, now => $t2);
is_deeply [ map { $_->{status} } @par ], [0, 0, 0], "3 notifiers at once with the clock past the new deadline ($t2)";
$n->settle;
is $apologies->(), 2, '... one more apology';
$n->run_ok("run $_ at $t2", now => $t2) for 1 .. 10;
$n->settle;
is $apologies->(), 2, '... and no more after 10 runs';
my @keys = map { $_->[0] } $s->sql("SELECT idem_key FROM notices WHERE case_id = $case_id AND kind = 'apology' ORDER BY id");
is scalar(@keys), 2, 'two apology notices, one per deadline';
my %mids = $n->sink->count_by_message_id;
is scalar(grep { $_ > 1 } values %mids), 0, 'no Message-ID reached the sink twice';

# ------------------------------------------------------------ answer and rating

my $answer = "보도블록을 교체했습니다.\n불편을 드려 죄송합니다.";
$r = act($staff, $tr, 'answer', text => $answer);
is $r && $r->code, 303, 'the handler answers' or diag $r && body_of($r);
$n->run_ok('a run after the answer', now => $t2);
$n->settle;
my @ans = mails_of($case_id, 'answered', $cit_email);
is scalar(@ans), 1, 'the answer notice arrives';
is $ans[0]{subject}, "[$site] $L{'Mail.answered.Subject'} ($tr)", '... its Korean subject intact';
my ($rate_url) = ($ans[0]{text} // '') =~ m{(https?://\S+/rate/[A-Za-z0-9._~-]+)};
ok $rate_url, "... with a rating link ($rate_url)";
like $ans[0]{html} // '', qr{href="\Q$rate_url\E"}, '... in the HTML part too';
my $anon = $s->ua;
$r = $anon->get($rate_url);
is $r->code, 200, 'the rating link opens without signing in';
like body_of($r), qr{<form method="post" action="/rate/}, '... the rating form';
like body_of($r), qr{name="rating" value="1"}, '... with the ratings 1 to 5';
like body_of($r), qr{\Q$tr\E}, '... naming the case';
ok scalar($n->sms_messages(to => $intl, like => qr/\Q$L{'Sms.answered'}\E \Q$tr\E/)), 'the answer SMS arrives';
is $apologies->(), 2, 'an answered case gets no further apology';

# ------------------------------------------------------------ SMS quiet hours

my ($tr2, $case2) = file_case('가로등이 꺼져 있습니다', '누리로 12 앞 가로등이 밤새 꺼져 있습니다.');
my $night = $s->sql_value("SET time_zone = '+09:00'; SELECT CONCAT(CURDATE() + INTERVAL 1 DAY, ' 22:00:00')");
my $morning = $s->sql_value("SET time_zone = '+09:00'; SELECT CONCAT(CURDATE() + INTERVAL 2 DAY, ' 08:30:00')");
$n->run_ok("a run at $night (quiet hours)", now => $night);
$n->settle;
is scalar(mails_of($case2, 'receipt', $cit_email)), 1, 'at 22:00 the receipt e-mail goes';
is scalar($n->sms_messages(like => qr/\Q$tr2\E/)), 0, '... and the SMS does not';
my @wait = $n->outbox_rows("channel = 'sms' AND kind = 'receipt'"
    . " AND notice_id IN (SELECT id FROM notices WHERE case_id = $case2)");
is scalar(@wait), 1, 'the receipt SMS row...';
is $wait[0]{state}, 'pending', '... stays pending';
is $wait[0]{attempts}, 0, '... not attempted (no failure recorded)';
$n->run_ok("a run at $morning", now => $morning);
$n->settle;
my @morning = $n->sms_messages(to => $intl, like => qr/\Q$tr2\E/);
is scalar(@morning), 1, 'at 08:30 the SMS goes, once';
like $morning[0]{text} // '', qr/\Q$L{'Sms.receipt'}\E/, '... Korean intact';
is $s->sql_value("SELECT state FROM outbox WHERE id = $wait[0]{id}"), 'sent', '... and its row is sent';
is scalar(mails_of($case2, 'receipt', $cit_email)), 1, 'the e-mail was not sent again';

# The supervisor's outbox page shows the sent SMS with its report.
$r = $n->admin_ua->get($s->url('/admin/outbox?state=sent'));
is $r->code, 200, 'the outbox page (sent) as the administrator';
like body_of($r), qr/\Q$tr2\E/, '... lists the case';

%mids = $n->sink->count_by_message_id;
is scalar(grep { $_ > 1 } values %mids), 0, 'in all: no Message-ID reached the sink twice';

$n->stop;
note sprintf 'took %.1f s', time - $t0;
done_testing;
