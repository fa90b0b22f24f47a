# SPDX-License-Identifier: AGPL-3.0-or-later
# 103-notifier-staff.t: the staff side of madang-notifier end to end,
# against the real SMTP sink and Kannel (fakesmsc). People act over HTTP
# (the citizen files, handlers set their preferences on /account and
# answer, the administrator edits the routing rule), time passes on the
# notifier's test clock (--now, Korea time, worked out by the database):
# 3 notifiers at once meet the demo's idle backlog and escalate each case
# once (one event, one manager's notice); a case filed in 도로·보도 (round-robin in 도로과) brings the handler it
# went to one staff_assigned mail (Korean, the tracking number, the staff
# case page's link) and, only when they opted in, one SMS, and the other
# handler nothing; the reminder before the deadline comes once after many
# runs and two notifiers at once, and never for a case already answered
# (nor by SMS); an idle case goes to the department's manager with one
# staff_escalated mail and an escalation in its history; a handler who
# chose the daily digest gets no mail per case but sees the notice in the
# web inbox and /staff/alerts.json, and one digest (List-Unsubscribe) at
# digest.hour the next day, none again that day.
use strict;
use warnings;
use utf8;
use Test::More;
use JSON::PP ();
use Time::HiRes qw(time);
use Madang::Test qw(body_of L bytes_of);
use Madang::Staff qw(signed_in);
use Madang::Notify;

binmode $_, ':encoding(UTF-8)'
    for map { Test::More->builder->$_ } qw(output failure_output todo_output);

my $t0 = time;
my $n = Madang::Notify->start(seed => 1, sms => 1);
my $s = $n->stack;
my $site = L('Site.Name');

# ------------------------------------------------------------ helpers

sub json_of { my ($r) = @_; return eval { JSON::PP->new->utf8->decode($r->content) } // {} }

# Stored times are Korea time: so is this session's, and every clock
# value below is worked out by the database.
sub kst { my ($q) = @_; return $s->sql_value("SET time_zone = '+09:00'; $q") }
sub fmt { my ($expr) = @_; return "DATE_FORMAT($expr, '%Y-%m-%d %H:%i:%s')" }

# The named form of a page as a browser would send it: hidden, text and
# number inputs, ticked boxes, selected options; %set replaces values.
sub form_fields {
    my ($html, $action, %set) = @_;
    while ($html =~ m{<form\b([^>]*)>(.*?)</form>}gis) {
        my ($attrs, $inner) = ($1, $2);
        my %a = Madang::Test::_attrs($attrs);
        next unless ($a{action} // '') eq $action && lc($a{method} // '') eq 'post';
        my @kv;
        while ($inner =~ m{<input\b([^>]*)>}gis) {
            my %i = Madang::Test::_attrs($1);
            next unless defined $i{name};
            next if ($i{type} // '') =~ /^(checkbox|radio)$/i && !exists $i{checked};
            next if ($i{type} // '') =~ /^(submit|button)$/i;
            push @kv, [ $i{name}, $i{value} // '' ];
        }
        while ($inner =~ m{<select\b([^>]*)>(.*?)</select>}gis) {
            my %sel = Madang::Test::_attrs($1);
            my ($opt) = $2 =~ m{<option\b([^>]*\bselected\b[^>]*)>}is;
            my %o = Madang::Test::_attrs($opt // '');
            push @kv, [ $sel{name}, $o{value} // '' ];
        }
        my %seen;
        @kv = map { exists $set{ $_->[0] } ? ($seen{ $_->[0] }++ ? () : [ $_->[0], $set{ $_->[0] } ]) : $_ } @kv;
        push @kv, map { [ $_, $set{$_} ] } grep { !$seen{$_} } sort keys %set;
        return map { @$_ } @kv;
    }
    return ();
}

# A staff member's notice preferences, chosen on /account as they would.
sub choose_prefs {
    my ($ua, $login, %prefs) = @_;
    my $page = $ua->get($s->url('/account'));
    my $r = $ua->post($s->url('/account/notify'),
        [ csrf => $s->csrf_from($page), map { $prefs{$_} ? ($_ => 1) : () } qw(notify_email notify_sms notify_digest) ]);
    is $r->code, 303, "$login saves notice preferences (" . join(', ', grep { $prefs{$_} } sort keys %prefs) . ')'
        or diag body_of($r);
    my $back = body_of($ua->get($s->url('/account')));
    for my $k (qw(notify_email notify_sms notify_digest)) {
        my ($tag) = $back =~ m{(<input type="checkbox" id="$k"[^>]*>)};
        is(($tag // '') =~ /\bchecked\b/ ? 1 : 0, $prefs{$k} ? 1 : 0, "... /account shows $k as chosen");
    }
}

sub act { return $n->staff_act(@_) }

my %id = map { $_ => $s->sql_value("SELECT id FROM accounts WHERE login_id = '$_'") } qw(road.lee road.park road.choi);
my %email = map { $_ => $s->sql_value("SELECT email FROM accounts WHERE id = $id{$_}") } keys %id;
my %intl = map {
    (my $m = $s->sql_value("SELECT mobile FROM accounts WHERE id = $id{$_}")) =~ s/\D//g;
    $m =~ s/^0/+82/;
    ($_ => $m)
} keys %id;

# Staff mails of a kind at the sink, to $login (about $case_id if given).
sub staff_mails {
    my ($login, $kind, $case_id) = @_;
    return $n->mails(to => $email{$login}, $kind ? (kind => $kind) : (), $case_id ? (case_id => $case_id) : ());
}
sub sms_to { my ($login, $re) = @_; return $n->sms_messages(to => $intl{$login}, $re ? (like => $re) : ()) }

# The citizen files a case in 도로·보도 (category 1) over HTTP.
my $citizen = $s->ua;
is Madang::Test::sign_in($s, $citizen, 'citizen', 'madang-citizen-2026')->code, 303, 'the citizen signs in';
sub file_case {
    my ($title) = @_;
    my ($tracking, $id) = Madang::Test::file_case($s, $citizen, category => 1, title => $title,
        body => "$title: 현장을 확인해 주세요.");
    return ($id, $tracking);
}
sub handlers_of {
    my ($case_id) = @_;
    return join ',', map { $_->[0] } $s->sql("SELECT a.login_id FROM case_handlers h"
        . " JOIN accounts a ON a.id = h.account_id WHERE h.case_id = $case_id ORDER BY a.login_id");
}

# The administrator sets 도로·보도's escalation hours on the rule's page.
sub set_escalate_hours {
    my ($hours) = @_;
    my $admin = $n->admin_ua;
    my $page = $admin->get($s->url('/admin/categories/1'));
    is $page->code, 200, 'the administrator opens the rule of 도로·보도';
    my @kv = form_fields(body_of($page), '/admin/categories/1', escalate_hours => $hours);
    ok scalar(@kv), '... with its form';
    my $r = $admin->post($s->url('/admin/categories/1'), [ map { bytes_of($_) } @kv ]);
    is $r->code, 303, "... and sets escalation to $hours hours" or diag body_of($r);
    is $s->sql_value('SELECT escalate_hours FROM categories WHERE id = 1'), $hours, '... stored';
}

# ------------------------------------------------------------ setup

# The demo's open cases would otherwise fall due and be reminded on the
# test clock: only this test's cases make those. Their idle backlog does
# escalate (below, first).
$s->sql(q{UPDATE cases SET apology_due = NULL, remind_at = NULL});
$s->sql(q{UPDATE outbox SET state = 'cancelled' WHERE state = 'pending'});

is $s->sql_value("SELECT GROUP_CONCAT(CONCAT(login_id, ':', notify_email, notify_sms, notify_digest, ':', lang)"
    . " ORDER BY login_id) FROM accounts WHERE login_id IN ('road.lee', 'road.park', 'road.choi')"),
    'road.choi:100:ko,road.lee:100:ko,road.park:100:ko',
    'the demo staff start with e-mail only, no SMS, no digest, in Korean';
ok $intl{'road.lee'} && $intl{'road.park'}, "handlers have mobiles ($intl{'road.lee'}, $intl{'road.park'})";

# Which handler round-robin gives the next case to: the first present
# handler after the last one, in id order.
my @rr = sort { $a <=> $b } @id{qw(road.lee road.park)};
my $last = $s->sql_value('SELECT IFNULL(MAX(last_account_id), 0) FROM round_robin WHERE category_id = 1 AND department_id = 4');
my ($next_id) = (grep({ $_ > $last } @rr), @rr);
my %login_of = reverse %id;
my $h1 = $login_of{$next_id};
my $h2 = $h1 eq 'road.lee' ? 'road.park' : 'road.lee';
note "round-robin: next $h1, then $h2";

# Reminders come before an idle case would escalate only when the rule
# lets the case wait: the reminder cases are filed under no escalation.
set_escalate_hours(0);

my $ua1 = signed_in($s, $h1);
my $ua2 = signed_in($s, $h2);
choose_prefs($ua1, $h1, notify_email => 1, notify_sms => 1);

# A daytime clock (tomorrow 10:00, outside SMS quiet hours).
# Both days are read now, so that a test passing midnight keeps them.
my ($d1, $d2) = @{ ($s->sql("SET time_zone = '+09:00'; SELECT CURDATE() + INTERVAL 1 DAY, CURDATE() + INTERVAL 2 DAY"))[0] };
my $d1_10 = "$d1 10:00:00";

# ------------------------------------------------------------ 0. the demo's idle backlog

# The demo's open cases have waited for weeks: 3 notifiers at once (cron
# overlap) meet them all, and each case must move once, with one event
# and one notice to each manager, not one per notifier.
my @backlog = map { $_->[0] } $s->sql("SELECT id FROM cases WHERE escalate_at < '$d1_10' ORDER BY id");
cmp_ok scalar(@backlog), '>', 10, 'the demo has a backlog of idle open cases (' . scalar(@backlog) . ')';
my $in = join ',', @backlog;
my $events_before = $s->sql_value("SELECT COUNT(*) FROM case_events WHERE kind = 'escalated' AND case_id IN ($in)");
my @par = $n->run_parallel(3, now => $d1_10);
is_deeply [ map { $_->{status} } @par ], [0, 0, 0], "3 notifiers at once at $d1_10 exit 0";
$n->settle(quiet => 0.5);
is $s->sql_value("SELECT COUNT(*) FROM cases WHERE escalate_at < '$d1_10'"), 0, '... every idle case moved';
is $s->sql_value("SELECT COUNT(*) FROM case_events WHERE kind = 'escalated' AND case_id IN ($in)") - $events_before,
    scalar(@backlog), "... each with one 'escalated' event"
    or diag explain [ $s->sql("SELECT case_id, COUNT(*) FROM case_events WHERE kind = 'escalated'"
        . " AND case_id IN ($in) GROUP BY case_id HAVING COUNT(*) > 1") ];
my @twice = $s->sql("SELECT account_id, case_id FROM notices WHERE kind = 'staff_escalated'"
    . " GROUP BY account_id, case_id HAVING COUNT(*) > 1");
is scalar(@twice), 0, '... and one staff_escalated notice per case and manager';
my $choi_backlog = $s->sql_value("SELECT COUNT(*) FROM notices WHERE kind = 'staff_escalated'"
    . " AND account_id = $id{'road.choi'}");
cmp_ok $choi_backlog, '>', 0, "road.choi has 도로과's idle cases ($choi_backlog)";
is scalar(staff_mails('road.choi', 'staff_escalated')), $choi_backlog, '... one mail each';
is scalar(staff_mails('road.lee')) + scalar(staff_mails('road.park')), 0, '... and the handlers none';

# ------------------------------------------------------------ 1. assignment

my ($a_id, $a_tr) = file_case('보도블록 파손 신고');
is handlers_of($a_id), $h1, "round-robin gives the case to $h1";
is $s->sql_value("SELECT COUNT(*) FROM notices WHERE case_id = $a_id AND kind = 'staff_assigned'"
    . " AND account_id = $id{$h1}"), 1, '... and writes their staff_assigned notice with it';

$n->run_ok("the first run (clock at $d1_10)", now => $d1_10);
$n->kannel->wait_messages(2, 15);    # the citizen's receipt SMS and the handler's
$n->settle(quiet => 0.5);

my @m = staff_mails($h1, 'staff_assigned', $a_id);
is scalar(@m), 1, "one staff_assigned mail to $h1";
my $m = $m[0] // {};
is $m->{subject}, "[$site] " . L('Mail.staff_assigned.Subject') . " ($a_tr)", '... its Korean subject intact';
like $m->{raw} // '', qr/^Subject:[^\n]*=\?UTF-8\?[BQ]\?/mi, '... RFC 2047 on the wire';
like $m->{text} // '', qr/\Q${\ L('Mail.staff_assigned.Lead')}\E/, '... the Korean lead';
like $m->{text} // '', qr/\Q${\ L('Mail.Tracking')}\E: \Q$a_tr\E/, '... the tracking number';
like $m->{text} // '', qr/보도블록 파손 신고/, '... the title';
my $staff_url = $s->base_url . "/staff/cases/$a_tr";
like $m->{text} // '', qr/\Q$staff_url\E(?:\s|$)/m, "... the link to the staff case page ($staff_url)";
like $m->{html} // '', qr/href="\Q$staff_url\E"/, '... in the HTML part too';
is $s->sql_value("SELECT COUNT(*) FROM case_events WHERE case_id = $a_id AND kind = 'assigned'"
    . " AND target_account_id = $id{$h1}"), 1, '... the assignment is in the history';

my @sms = sms_to($h1, qr/\Q$a_tr\E/);
is scalar(@sms), 1, "one SMS to $h1 ($intl{$h1}), who opted in";
like $sms[0]{text} // '', qr/^\[\Q$site\E\] \Q${\ L('Sms.staff_assigned')}\E \Q$a_tr\E/, '... Korean intact';
like $sms[0]{text} // '', qr/\Q$staff_url\E/, '... with the link';
is scalar(staff_mails($h2)), 0, "$h2 gets no mail";
is scalar(sms_to($h2)), 0, '... and no SMS';
is scalar(staff_mails('road.choi', undef, $a_id)), 0, 'the manager gets nothing about it';

# The web: the alert on the dashboard and the inbox.
my $j = json_of($ua1->get($s->url('/staff/alerts.json')));
my ($alert) = grep { ($_->{url} // '') =~ m{^/staff/cases/\Q$a_tr\E\?notice=\d+$} } @{ $j->{items} // [] };
ok $alert, "${h1}'s /staff/alerts.json lists the case" or diag explain $j;
is $alert && $alert->{kind}, 'staff_assigned', '... as staff_assigned';
(my $line = L('Notice.staff_assigned')) =~ s/\{tracking\}/$a_tr/;
$line =~ s/\{title\}/보도블록 파손 신고/;
is $alert && $alert->{text}, $line, "... in Korean ($line)";
cmp_ok $j->{unread} // 0, '>=', 1, '... counted unread';
like body_of($ua1->get($s->url('/account/notices'))), qr{href="/staff/cases/\Q$a_tr\E\?notice=\d+"}, '... and the inbox has it';
is scalar(grep { ($_->{url} // '') =~ /\Q$a_tr\E/ } @{ json_of($ua2->get($s->url('/staff/alerts.json')))->{items} // [] }), 0,
    "${h2}'s alerts do not";

$n->run_ok("run $_ at $d1_10", now => $d1_10) for 2 .. 3;
$n->settle(quiet => 0.5);
is scalar(staff_mails($h1, 'staff_assigned', $a_id)), 1, 'later runs: still one mail';
is scalar(sms_to($h1, qr/\Q$a_tr\E/)), 1, '... and one SMS';

# The next case goes to the other handler, who did not opt in to SMS.
my ($b_id, $b_tr) = file_case('보도 턱 낮춤 요청');
is handlers_of($b_id), $h2, "the next case goes to $h2";
$n->run_ok('a run after it', now => $d1_10);
$n->kannel->wait_messages(3, 15);
$n->settle(quiet => 0.5);
is scalar(staff_mails($h2, 'staff_assigned', $b_id)), 1, "one staff_assigned mail to $h2";
is scalar(sms_to($h2)), 0, '... and no SMS: not opted in';
is scalar(staff_mails($h1)), 1, "$h1 still has only their own mail";

# ------------------------------------------------------------ 2. reminder

my $a_due = kst('SELECT ' . fmt('due_at') . " FROM cases WHERE id = $a_id");
my $a_remind = kst('SELECT ' . fmt('remind_at') . " FROM cases WHERE id = $a_id");
is $a_remind, kst('SELECT ' . fmt('due_at - INTERVAL 24 HOUR') . " FROM cases WHERE id = $a_id"),
    "the reminder falls 24 hours before the deadline ($a_due)";
is $s->sql_value("SELECT GROUP_CONCAT(escalate_at IS NULL) FROM cases WHERE id IN ($a_id, $b_id)"), '1,1',
    'no escalation for these two (the rule said 0 hours)';

# B is answered before its reminder falls due.
my $r = act($ua2, $b_tr, 'answer', text => "보도 턱을 낮추었습니다.\n감사합니다.");
is $r && $r->code, 303, "$h2 answers their case" or diag $r && body_of($r);
is $s->sql_value("SELECT status FROM cases WHERE id = $b_id"), 'answered', '... answered';

my $before_remind = kst('SELECT ' . fmt('remind_at - INTERVAL 1 HOUR') . " FROM cases WHERE id = $a_id");
$n->run_ok("a run an hour before the reminder ($before_remind)", now => $before_remind);
is $s->sql_value("SELECT COUNT(*) FROM notices WHERE kind = 'staff_reminder' AND case_id IN ($a_id, $b_id)"), 0,
    '... no reminder yet';

my $t_rem = kst('SELECT ' . fmt('remind_at + INTERVAL 1 HOUR') . " FROM cases WHERE id = $a_id");
cmp_ok $t_rem, 'lt', $a_due, "the clock past the reminder ($t_rem) is before the deadline";
$n->run_ok("run $_ at $t_rem", now => $t_rem) for 1 .. 5;
@par = $n->run_parallel(2, now => $t_rem);
is_deeply [ map { $_->{status} } @par ], [0, 0], '2 notifiers at once on the same clock exit 0';
$n->settle(quiet => 0.5);

my @rem = staff_mails($h1, 'staff_reminder', $a_id);
is scalar(@rem), 1, "exactly one reminder mail to $h1 after 7 runs";
is $rem[0]{subject}, "[$site] " . L('Mail.staff_reminder.Subject') . " ($a_tr)", '... its Korean subject';
(my $a_day = $a_due) =~ s/ .*//;
like $rem[0]{text} // '', qr/\Q${\ L('Mail.Due')}\E: \Q$a_day\E/, "... with the deadline ($a_day)";
like $rem[0]{text} // '', qr/\Q$staff_url\E/, '... and the link';
is scalar(sms_to($h1, qr/\Q${\ L('Sms.staff_reminder')}\E/)), 0, '... no reminder by SMS, though they opted in to SMS';
is $s->sql_value("SELECT COUNT(*) FROM notices WHERE kind = 'staff_reminder' AND case_id = $a_id"), 1,
    'one reminder notice';
is scalar(staff_mails($h2, 'staff_reminder')), 0, "none for ${h2}'s answered case";
is $s->sql_value("SELECT COUNT(*) FROM notices WHERE kind = 'staff_reminder' AND case_id = $b_id"), 0,
    '... not even in the web inbox';
is $s->sql_value("SELECT COUNT(*) FROM notices WHERE kind = 'staff_reminder'"), 1, 'no other reminder at all';

# ------------------------------------------------------------ 3. escalation

set_escalate_hours(48);
my ($c_id, $c_tr) = file_case('가로등 고장 신고');
is handlers_of($c_id), $h1, "the escalation case goes to $h1";
is $s->sql_value("SELECT escalate_hours FROM cases WHERE id = $c_id"), 48, '... to escalate after 48 idle hours';
my $t47 = kst('SELECT ' . fmt('last_action_at + INTERVAL 47 HOUR') . " FROM cases WHERE id = $c_id");
my $t49 = kst('SELECT ' . fmt('last_action_at + INTERVAL 49 HOUR') . " FROM cases WHERE id = $c_id");
my $choi_mails = scalar staff_mails('road.choi');
$n->run_ok("a run 47 idle hours on ($t47)", now => $t47);
is handlers_of($c_id), $h1, "... $h1 still has it";
is scalar(staff_mails('road.choi', undef, $c_id)), 0, '... and the manager has no mail about it';

# The first notifiers past the hour are 3 at once (cron overlap), then
# more runs one by one.
@par = $n->run_parallel(3, now => $t49);
is_deeply [ map { $_->{status} } @par ], [0, 0, 0], "3 notifiers at once 49 idle hours on ($t49) exit 0";
$n->run_ok("run $_ at $t49", now => $t49) for 1 .. 3;
$n->settle(quiet => 0.5);
is handlers_of($c_id), 'road.choi', "the case is road.choi's (도로과's manager) now";
my @esc = staff_mails('road.choi', 'staff_escalated', $c_id);
is scalar(@esc), 1, 'one staff_escalated mail to road.choi';
is $esc[0]{subject}, "[$site] " . L('Mail.staff_escalated.Subject') . " ($c_tr)", '... its Korean subject';
like $esc[0]{text} // '', qr/\Q${\ L('Mail.staff_escalated.Lead')}\E/, '... the Korean lead';
like $esc[0]{text} // '', qr/\Q$s->{port}\E\/staff\/cases\/\Q$c_tr\E/, '... the link to the case';
is scalar(staff_mails('road.choi')), $choi_mails + 1, '... and nothing else for road.choi';
is scalar(sms_to('road.choi')), 0, '... no SMS (not opted in)';
is scalar(staff_mails($h1, 'staff_escalated')), 0, "$h1 is not told of the escalation";
is $s->sql_value("SELECT COUNT(*) FROM case_events WHERE case_id = $c_id AND kind = 'escalated'"
    . " AND target_account_id = $id{'road.choi'}"), 1, "one 'escalated' event";

my $choi = signed_in($s, 'road.choi');
$r = $choi->get($s->url("/staff/cases/$c_tr"));
is $r->code, 200, 'road.choi opens the case';
like body_of($r), qr/\Q${\ L('Event.escalated')}\E/, "... its history shows '${\ L('Event.escalated')}'";
like body_of($r), qr/최과장/, '... naming the manager';
$j = json_of($choi->get($s->url('/staff/alerts.json')));
ok scalar(grep { $_->{kind} eq 'staff_escalated' && $_->{url} =~ /\Q$c_tr\E/ } @{ $j->{items} // [] }),
    "road.choi's /staff/alerts.json has the escalation";

# ------------------------------------------------------------ 4. digest

choose_prefs($ua2, $h2, notify_email => 1, notify_digest => 1);
my $mails_h2 = scalar staff_mails($h2);
my ($d_id, $d_tr) = file_case('맨홀 뚜껑 흔들림');
is handlers_of($d_id), $h2, "the digest case goes to $h2";
is $s->sql_value("SELECT digested FROM notices WHERE case_id = $d_id AND account_id = $id{$h2}"
    . " AND kind = 'staff_assigned'"), 0, '... their notice waits for the digest';
is $s->sql_value("SELECT COUNT(*) FROM outbox o JOIN notices n ON n.id = o.notice_id WHERE n.case_id = $d_id"
    . " AND o.account_id = $id{$h2}"), 0, '... with no mail or SMS queued';

my $d1_07 = "$d1 07:00:00";
$n->run_ok("a run before the digest hour ($d1_07)", now => $d1_07);
$n->settle(quiet => 0.5);
is scalar(staff_mails($h2)), $mails_h2, "$h2 gets no mail for the new case";
is scalar(staff_mails($h2, 'staff_digest')), 0, '... and no digest before 08:00';
$j = json_of($ua2->get($s->url('/staff/alerts.json')));
ok scalar(grep { $_->{kind} eq 'staff_assigned' && $_->{url} =~ m{^/staff/cases/\Q$d_tr\E\?} } @{ $j->{items} // [] }),
    "... but ${h2}'s /staff/alerts.json lists it" or diag explain $j;
like body_of($ua2->get($s->url('/account/notices'))), qr{href="/staff/cases/\Q$d_tr\E\?notice=\d+"},
    '... and so does the web inbox';

my $d1_09 = "$d1 09:00:00";
$n->run_ok("a run at the digest hour ($d1_09)", now => $d1_09);
$n->settle(quiet => 0.5);
my @dig = staff_mails($h2, 'staff_digest');
is scalar(@dig), 1, "one digest mail to $h2";
my $dg = $dig[0] // { headers => {} };
is $dg->{subject}, "[$site] " . L('Mail.staff_digest.Subject') . ' (1)', '... its Korean subject with the count';
like $dg->{text} // '', qr/\Q${\ L('Mail.Kind.staff_assigned')}\E: \Q$d_tr\E 맨홀 뚜껑 흔들림/, '... listing the case';
like $dg->{text} // '', qr/\Q$s->{port}\E\/staff\/cases\/\Q$d_tr\E/, '... with its link';
unlike $dg->{text} // '', qr/\Q$b_tr\E/, '... and nothing from before the digest was chosen';
like(($dg->{headers}{'list-unsubscribe'} // [])->[0] // '', qr{^<https?://\S+/unsubscribe/\d+\.[A-Za-z0-9_-]+>$},
    '... with List-Unsubscribe');
is_deeply $dg->{headers}{'list-unsubscribe-post'}, ['List-Unsubscribe=One-Click'], '... and List-Unsubscribe-Post';
is $s->sql_value("SELECT digested FROM notices WHERE case_id = $d_id AND account_id = $id{$h2} AND kind = 'staff_assigned'"),
    1, "... the case's notice is digested";

# Later the same day, another case for them waits: no second digest.
my ($e_id, $e_tr) = file_case('횡단보도 도색 요청');
is handlers_of($e_id), $h1, "the next case goes to $h1";
my ($f_id, $f_tr) = file_case('보도 위 불법 적치물');
is handlers_of($f_id), $h2, "... and the one after to $h2";
my $d1_18 = "$d1 18:00:00";
$n->run_ok("run $_ later that day ($d1_18)", now => $d1_18) for 1 .. 2;
$n->run_ok("a run at the digest hour again ($d1_09)", now => $d1_09);
$n->settle(quiet => 0.5);
is scalar(staff_mails($h2, 'staff_digest')), 1, 'the same day: no second digest';
is scalar(staff_mails($h2, 'staff_assigned', $f_id)), 0, '... nor a mail for the new case';
is scalar(staff_mails($h1, 'staff_assigned', $e_id)), 1, "($h1, who takes mail per case, has theirs)";

my $d2_09 = "$d2 09:00:00";
$n->run_ok("a run the day after at 09:00 ($d2_09)", now => $d2_09);
$n->run_ok("and again ($d2_09)", now => $d2_09);
$n->settle(quiet => 0.5);
@dig = staff_mails($h2, 'staff_digest');
is scalar(@dig), 2, 'the next day: one more digest';
my ($second) = grep { ($_->{text} // '') =~ /\Q$f_tr\E/ } @dig;
ok $second, '... listing the case that waited';
unlike $second && $second->{text}, qr/\Q$d_tr\E/, '... and not the one already sent';

# ------------------------------------------------------------ in all

my %mids = $n->sink->count_by_message_id;
is scalar(grep { $_ > 1 } values %mids), 0, 'no Message-ID reached the sink twice';
my %sms_seen;
$sms_seen{"$_->{to} $_->{text}"}++ for $n->sms_messages;
is scalar(grep { $_ > 1 } values %sms_seen), 0, 'no SMS reached fakesmsc twice';

$n->stop;
note sprintf 'took %.1f s', time - $t0;
done_testing;
