# SPDX-License-Identifier: AGPL-3.0-or-later
# 72-manual-assignment-notice.t: who is told when a case arrives that
# nobody was given, and the citizen told that work started, end to end
# against the SMTP sink and Kannel (fakesmsc). A case filed under a
# category of manual assignment (행정 일반 → 민원담당관실) reaches its
# manager civil.han as an alert (/staff/alerts.json, the web inbox) and a
# mail with the staff case page's link, and nobody else; a department
# without a manager falls back to its parent's (a manager of 도시주택국
# is told of 건축과's case); with no manager up the tree the supervisors
# are told (복지정책과); a case no rule can place alerts the supervisors
# (the unplaced queue); a case given to a handler at once tells no
# manager. When the handler starts work ("처리 시작") the citizen finds
# it in the web inbox /account/notices, and gets a mail and an SMS (the
# demo citizen takes both).
use strict;
use warnings;
use utf8;
use Test::More;
use JSON::PP ();
use Madang::Test qw(body_of L);
use Madang::Staff qw(signed_in scope_rebuild);
use Madang::Notify;

binmode $_, ':encoding(UTF-8)'
    for map { Test::More->builder->$_ } qw(output failure_output todo_output);

my $n = Madang::Notify->start(seed => 1, sms => 1);
my $s = $n->stack;
my $site = L('Site.Name');

# ------------------------------------------------------------ helpers

sub json_of { my ($r) = @_; return eval { JSON::PP->new->utf8->decode($r->content) } // {} }
sub q_ { my ($v) = @_; $v =~ s/\\/\\\\/g; $v =~ s/'/\\'/g; return "'$v'" }
sub email_of { my ($login) = @_; return $s->sql_value('SELECT email FROM accounts WHERE login_id = ' . q_($login)) }

my $citizen = signed_in($s, 'citizen', 'madang-citizen-2026');
sub file_case {
    my ($category, $title) = @_;
    return Madang::Test::file_case($s, $citizen, category => $category, title => $title, body => "$title: 확인 부탁드립니다.");
}

# The alert items (from /staff/alerts.json) about a case, of a kind.
sub alerts_about {
    my ($ua, $tracking, $kind) = @_;
    my $j = json_of($ua->get($s->url('/staff/alerts.json')));
    return grep { ($_->{kind} // '') eq $kind && ($_->{url} // '') =~ m{^/staff/cases/\Q$tracking\E\?} }
        @{ $j->{items} // [] };
}

sub line_of {
    my ($kind, $tracking, $title) = @_;
    (my $line = L("Notice.$kind")) =~ s/\{tracking\}/$tracking/;
    $line =~ s/\{title\}/$title/;
    return $line;
}

# ------------------------------------------------------------ setup

# The demo's cases must not escalate or fall due on the way: only this
# test's cases make notices.
$s->sql(q{UPDATE cases SET apology_due = NULL, remind_at = NULL, escalate_hours = 0});
$s->sql(q{UPDATE outbox SET state = 'cancelled' WHERE state = 'pending'});
# A daytime clock for the notifier (SMS wait out the quiet hours).
my ($d1) = @{ ($s->sql("SET time_zone = '+09:00'; SELECT CURDATE() + INTERVAL 1 DAY"))[0] };
my $day = "$d1 10:00:00";

my %ua = map { $_ => signed_in($s, $_) } qw(civil.han road.choi road.lee);
$ua{admin} = signed_in($s, 'admin', 'madang-admin-2026');

# ------------------------------------------------------------ manual mode: the manager

my $title_a = '주민등록 등본 발급 문의';
my ($a_tr, $a_id) = file_case(9, $title_a);
is $s->sql_value("SELECT CONCAT(status, ':', department_id) FROM cases WHERE id = $a_id"), 'received:2',
    '행정 일반 is manual: the case waits in 민원담당관실 with no handler';
my @al = alerts_about($ua{'civil.han'}, $a_tr, 'staff_waiting');
is scalar(@al), 1, "the manager civil.han's alert lists it";
is $al[0] && $al[0]{text}, line_of('staff_waiting', $a_tr, $title_a), '... in Korean';
like body_of($ua{'civil.han'}->get($s->url('/account/notices'))), qr{href="/staff/cases/\Q$a_tr\E\?notice=\d+"},
    '... and so does the web inbox';
my $j = json_of($ua{'civil.han'}->get($s->url('/staff/alerts.json')));
cmp_ok $j->{unread} // 0, '>=', 1, '... counted unread';
is scalar(alerts_about($ua{'road.choi'}, $a_tr, 'staff_waiting')), 0, "another department's manager is not told";
is scalar(alerts_about($ua{admin}, $a_tr, 'staff_waiting')), 0, '... nor the supervisor, when there is a manager';

$n->run_ok("a run at $day", now => $day);
$n->settle(quiet => 0.5);
my @m = $n->mails(kind => 'staff_waiting', case_id => $a_id);
is scalar(@m), 1, 'one staff_waiting mail';
is_deeply $m[0] && $m[0]{env_to}, [ email_of('civil.han') ], '... to civil.han';
is $m[0] && $m[0]{subject}, "[$site] " . L('Mail.staff_waiting.Subject') . " ($a_tr)", '... its Korean subject';
like $m[0] && $m[0]{text}, qr/\Q${\ L('Mail.staff_waiting.Lead')}\E/, '... the lead';
my $staff_url = $s->base_url . "/staff/cases/$a_tr";
like $m[0] && $m[0]{text}, qr/\Q$staff_url\E/, '... the staff case page';
like body_of($ua{'civil.han'}->get($s->url("/staff/cases/$a_tr"))), qr{name="action" value="assign"},
    'civil.han opens it and may assign it';

# A case given to a handler at once tells no manager.
my ($r_tr, $r_id) = file_case(1, '보도블록 들뜸');
like $s->sql_value("SELECT status FROM cases WHERE id = $r_id"), qr/^assigned$/, 'a round-robin case is assigned';
is $s->sql_value("SELECT COUNT(*) FROM notices WHERE case_id = $r_id AND kind IN ('staff_waiting', 'staff_unplaced')"),
    0, '... and no one is told it waits';

# ------------------------------------------------------------ no manager: the parent's

# 건축과 (13, 주택·건축: manual) has no manager; road.choi also manages
# 도시주택국 (12), its parent, with the subtree.
$s->sql("INSERT INTO staff_roles (account_id, role, department_id, with_subtree) VALUES (${\ $s->account_id('road.choi')}, 'manager', 12, 1)");
scope_rebuild($s);
my $title_b = '불법 증축 신고';
my ($b_tr, $b_id) = file_case(6, $title_b);
is $s->sql_value("SELECT CONCAT(status, ':', department_id) FROM cases WHERE id = $b_id"), 'received:13',
    'a 주택·건축 case waits in 건축과';
is scalar(alerts_about($ua{'road.choi'}, $b_tr, 'staff_waiting')), 1,
    "건축과 has no manager: the parent 도시주택국's manager road.choi is told";
is scalar(alerts_about($ua{admin}, $b_tr, 'staff_waiting')), 0, '... not the supervisor';

# ------------------------------------------------------------ no manager at all: the supervisors

my $title_c = '기초연금 신청 방법 문의';
my ($c_tr, $c_id) = file_case(7, $title_c);
is $s->sql_value("SELECT CONCAT(status, ':', department_id) FROM cases WHERE id = $c_id"), 'received:11',
    'a 복지 case waits in 복지정책과, where no one up the tree is a manager';
@al = alerts_about($ua{admin}, $c_tr, 'staff_waiting');
is scalar(@al), 1, 'the supervisor is told instead';
is scalar(alerts_about($ua{'civil.han'}, $c_tr, 'staff_waiting')), 0, '... and no unrelated manager';

# Supervisors scoped to a subtree: welfare.bae over 복지국 (복지정책과's
# parent) is told with the global one; park.moon over 환경녹지국 is not.
$s->sql("INSERT INTO staff_roles (account_id, role, department_id, with_subtree) VALUES"
    . " (${\ $s->account_id('welfare.bae')}, 'supervisor', 10, 1), (${\ $s->account_id('park.moon')}, 'supervisor', 6, 1)");
scope_rebuild($s);
my ($c2_tr, $c2_id) = file_case(7, '장애인 복지 카드 문의');
is join(',', map { $_->[0] } $s->sql("SELECT a.login_id FROM notices n JOIN accounts a ON a.id = n.account_id"
    . " WHERE n.case_id = $c2_id AND n.kind = 'staff_waiting' ORDER BY a.login_id")), 'admin,welfare.bae',
    "the global supervisor and 복지국's supervisor are told, not 환경녹지국's";
is scalar(alerts_about(signed_in($s, 'welfare.bae'), $c2_tr, 'staff_waiting')), 1, "... and it is in welfare.bae's alerts";

# ------------------------------------------------------------ unplaced: the supervisors

$s->sql('UPDATE categories SET department_id = NULL WHERE id = 10');
my $title_d = '어디에 물어야 할지 모르는 민원';
my ($d_tr, $d_id) = file_case(10, $title_d);
is $s->sql_value("SELECT CONCAT(status, ':', unplaced) FROM cases WHERE id = $d_id"), 'received:1',
    'a case of a category without a department is unplaced';
@al = alerts_about($ua{admin}, $d_tr, 'staff_unplaced');
is scalar(@al), 1, "the supervisor's alert lists it";
is $al[0] && $al[0]{text}, line_of('staff_unplaced', $d_tr, $title_d), '... as unplaced, in Korean';
is scalar(alerts_about($ua{'civil.han'}, $d_tr, 'staff_unplaced')), 0, '... not a manager';
$n->run_ok("another run at $day", now => $day);
$n->settle(quiet => 0.5);
@m = $n->mails(kind => 'staff_unplaced', case_id => $d_id);
is scalar(@m), 1, 'one staff_unplaced mail';
is_deeply $m[0] && $m[0]{env_to}, [ email_of('admin') ], '... to the supervisor';
is $m[0] && $m[0]{subject}, "[$site] " . L('Mail.staff_unplaced.Subject') . " ($d_tr)", '... its Korean subject';
@m = $n->mails(kind => 'staff_waiting', case_id => $c_id);
is_deeply [ map { @{ $_->{env_to} } } @m ], [ email_of('admin') ], "and the supervisor's staff_waiting mail for $c_tr";

# ------------------------------------------------------------ work started: the citizen

my ($cit_email, $cit_mobile) = @{ ($s->sql(q{SELECT email, mobile FROM accounts WHERE login_id = 'citizen'}))[0] };
(my $cit_intl = $cit_mobile) =~ s/\D//g;
$cit_intl =~ s/^0/+82/;
my $handler = $s->sql_value("SELECT a.login_id FROM case_handlers h JOIN accounts a ON a.id = h.account_id"
    . " WHERE h.case_id = $r_id");
my $hua = $handler eq 'road.lee' ? $ua{'road.lee'} : signed_in($s, $handler);
my $r = $n->staff_act($hua, $r_tr, 'start');
is $r && $r->code, 303, "$handler starts work on $r_tr";
is $s->sql_value("SELECT status FROM cases WHERE id = $r_id"), 'in_progress', '... in progress';
my $inbox = body_of($citizen->get($s->url('/account/notices')));
my $started = line_of('started', $r_tr, '보도블록 들뜸');
like $inbox, qr{<a href="/cases/\Q$r_tr\E[^"]*">\Q$started\E</a>}, "the citizen's web inbox says work started ($started)";
like $inbox, qr{처리를 시작했습니다}, '... in words of 처리 시작';
$n->run_ok("a run after the start at $day", now => $day);
$n->kannel->wait_messages(1, 15);
$n->settle(quiet => 0.5);
@m = $n->mails(kind => 'started', case_id => $r_id);
is scalar(@m), 1, 'one mail to the citizen';
is_deeply $m[0] && $m[0]{env_to}, [ $cit_email ], '... at their address';
is $m[0] && $m[0]{subject}, "[$site] " . L('Mail.started.Subject') . " ($r_tr)", '... its Korean subject';
like $m[0] && $m[0]{text}, qr{\Q${\ $s->base_url}\E/cases/\Q$r_tr\E}, '... with the link to the case';
my @sms = $n->sms_messages(to => $cit_intl, like => qr/\Q$r_tr\E/);
my @started_sms = grep { $_->{text} =~ /\Q${\ L('Sms.started')}\E/ } @sms;
is scalar(@started_sms), 1, "and one SMS ($cit_intl), as the citizen chose";

# The same run again sends nothing twice.
$n->run_ok("again at $day", now => $day);
$n->settle(quiet => 0.5);
is scalar($n->mails(kind => 'started', case_id => $r_id)), 1, 'a later run: still one mail';

$n->stop;
done_testing;
