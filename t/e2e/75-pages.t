# SPDX-License-Identifier: AGPL-3.0-or-later
# 75-pages.t: the small things users met (issue 8, section 4), as they see
# them over HTTP with the demo office: the deadline on the staff case page
# and on the citizen's tracking page; withdrawing only through its
# confirmation step; the agent's landing page and navigation (the
# callback queue); the substitute list without the absent person and the
# server refusing them; ending a begun absence early (audited, new cases
# reach the person again, handed-over cases stay with the substitute as at
# any absence's end); the month calendar of absences, each on its days
# and only within the viewer's departments.
use strict;
use warnings;
use utf8;
use Test::More;
use Madang::Test qw(body_of L text_of forms_of submit_form post_form);

binmode $_, ':encoding(UTF-8)'
    for map { Test::More->builder->$_ } qw(output failure_output todo_output);

my $s = Madang::Test->start(seed => 1);

# Stored times are the office's (+09:00): so are the session's here.
sub kst { my ($q) = @_; my @r = $s->sql("SET time_zone = '+09:00'; $q"); return @r ? $r[0][0] : undef }



# Posts straight to $path with a valid CSRF token, as a hand-made form.
sub post_raw { my ($ua, @path_fields) = @_; return post_form($s, $ua, '/account', @path_fields) }

# Signs in; returns the user agent and where sign-in sent them.
sub sign_in {
    my ($login, $password) = @_;
    my $ua = $s->ua;
    my $r = Madang::Test::sign_in($s, $ua, $login, $password // 'madang-staff-2026');
    is $r->code, 303, "$login signs in" or diag body_of($r);
    return wantarray ? ($ua, $r->header('Location') // '') : $ua;
}

my ($citizen) = sign_in('citizen', 'madang-citizen-2026');
sub file_case { my ($category, $title) = @_; return Madang::Test::file_case($s, $citizen, category => $category, title => $title) }
sub handlers_of {
    my ($id) = @_;
    return join ',', map { $_->[0] } $s->sql("SELECT a.login_id FROM case_handlers h JOIN accounts a"
        . " ON a.id = h.account_id WHERE h.case_id = $id ORDER BY a.login_id");
}

my %ua = map { $_ => scalar sign_in($_) } qw(road.lee road.park road.choi traffic.kim);
$ua{admin} = sign_in('admin', 'madang-admin-2026');
my %id = map { $_ => $s->account_id($_) } qw(road.lee road.park road.choi traffic.kim citizen);

# ------------------------------------------------------------ the deadline

my ($a_tr, $a_id) = file_case(1, '보도블록이 깨졌습니다');
my $due = kst("SELECT DATE_FORMAT(due_at, '%Y-%m-%d %H:%i') FROM cases WHERE id = $a_id");
like $due, qr/^\d{4}-\d\d-\d\d 18:00$/, "the case has a deadline ($due)";
my $handler = $ua{ handlers_of($a_id) } or BAIL_OUT("no handler for $a_tr");
like text_of(body_of($handler->get($s->url("/staff/cases/$a_tr")))), qr{\Q${\ L('Inbox.Due')}\E \Q$due\E},
    'the staff case page shows the deadline';
my $page = $citizen->get($s->url("/cases/$a_tr"));
like text_of(body_of($page)), qr{\Q${\ L('Case.Due')}\E \Q$due\E}, "the citizen's tracking page shows it too";
like text_of(body_of($s->ua->get($s->url("/cases/$a_tr")))), qr{\Q${\ L('Case.Due')}\E \Q$due\E},
    '... as does the public page of a public case';
unlike text_of(body_of($page)), qr{\Q${\ L('Case.Overdue')}\E}, '... not overdue';
$s->sql("UPDATE cases SET due_at = NOW() - INTERVAL 1 DAY WHERE id = $a_id");
like text_of(body_of($citizen->get($s->url("/cases/$a_tr")))), qr{\Q${\ L('Case.Overdue')}\E},
    '... and says so once it has passed';

# ------------------------------------------------------------ withdrawing

$page = body_of($citizen->get($s->url("/cases/$a_tr")));
ok !(grep { ($_->{fields}{action} // '') eq 'withdraw' } forms_of($page)),
    'the case page has no form that withdraws at once';
like $page, qr{<a href="/cases/$a_tr/withdraw">\Q${\ L('Withdraw.Link')}\E</a>}, '... only a link to the confirmation step';
unlike $page, qr{class="primary"[^>]*>\Q${\ L('CaseAct.Button.withdraw')}\E}, '... never a primary button';

# A withdraw without the confirmation (an old form, a hand-made one)
# leads to the confirmation step and changes nothing.
my $version = $s->sql_value("SELECT version FROM cases WHERE id = $a_id");
my $r = post_raw($citizen, "/cases/$a_tr/act", action => 'withdraw', version => $version, text => '해결됨');
is $r->code, 200, 'withdrawing without confirming shows the confirmation step';
like text_of(body_of($r)), qr{\Q${\ L('Withdraw.Heading')}\E}, '... which asks';
is $s->sql_value("SELECT status FROM cases WHERE id = $a_id"), 'assigned', '... and the case is not withdrawn';

$r = $citizen->get($s->url("/cases/$a_tr/withdraw"));
is $r->code, 200, 'the confirmation step';
like text_of(body_of($r)), qr{\Q${\ L('Withdraw.Warning')}\E}, '... says what withdrawing means';
like body_of($r), qr{<a class="button" href="/cases/$a_tr">\Q${\ L('Withdraw.Keep')}\E</a>}, '... and offers the way back';
my ($confirm) = grep { ($_->{fields}{action} // '') eq 'withdraw' } forms_of(body_of($r));
ok $confirm && $confirm->{fields}{confirm} eq '1' && $confirm->{method} eq 'post', '... with the form that confirms';
is $s->ua->get($s->url("/cases/$a_tr/withdraw"))->code, 303, 'a visitor is sent to sign in';
my $other = $s->ua;
Madang::Test::register_citizen($s, $other);
is $other->get($s->url("/cases/$a_tr/withdraw"))->code, 404, "another citizen cannot reach it";
is post_raw($other, "/cases/$a_tr/act", action => 'withdraw', version => $version, confirm => 1)->code, 404,
    '... nor withdraw';
$r = submit_form($s, $citizen, $confirm, text => '이미 고쳐졌습니다');
is $r->code, 303, 'the citizen confirms';
is $s->sql_value("SELECT status FROM cases WHERE id = $a_id"), 'withdrawn', '... and the case is withdrawn';
like text_of(body_of($citizen->follow($r))), qr{\Q${\ L('CaseAct.Done.withdraw')}\E}, '... which the page says';
unlike body_of($citizen->get($s->url("/cases/$a_tr"))), qr{/withdraw"}, '... and offers no more';
unlike text_of(body_of($citizen->get($s->url("/cases/$a_tr")))), qr{\Q${\ L('Case.Due')}\E},
    '... nor the deadline, which no longer binds anyone';
is $citizen->get($s->url("/cases/$a_tr/withdraw"))->code, 303, 'the confirmation step of a withdrawn case leads back to it';

# ------------------------------------------------------------ the agent

my ($agent, $landing) = sign_in('agent.song');
is $landing, '/staff/callcentre', "the agent lands on the call centre's console";
my $nav = body_of($agent->get($s->url($landing)));
($nav) = $nav =~ m{<nav aria-label="\Q${\ L('Nav.Label')}\E">(.*?)</nav>}s;
like $nav, qr{<a href="/staff/callbacks">\Q${\ L('Nav.Callbacks')}\E</a>}, '... and the navigation leads there';
unlike $nav, qr{href="/staff/cases"}, '... not to a case list that would stay empty';
my (undef, $lee_landing) = sign_in('road.lee');
is $lee_landing, '/staff/cases', 'a handler still lands on the case list';
($nav) = body_of($ua{'road.lee'}->get($s->url('/staff/cases'))) =~ m{<nav aria-label="\Q${\ L('Nav.Label')}\E">(.*?)</nav>}s;
unlike $nav, qr{/staff/callbacks}, "... and the handler's navigation has no queue they may not open";
($nav) = body_of($ua{admin}->get($s->url('/admin'))) =~ m{<nav aria-label="\Q${\ L('Nav.Label')}\E">(.*?)</nav>}s;
like $nav, qr{href="/staff/callbacks"}, 'the supervisor, who runs the call centre, has it too';
my @staff_links = $nav =~ m{href="(/staff/[^"]*|/admin)"}g;
is $staff_links[0], '/staff/callcentre', '... with the console first';

# ------------------------------------------------------------ substitutes

my ($add) = grep { $_->{method} eq 'post' && $_->{action} eq '/staff/absences' }
    forms_of(body_of($ua{'road.lee'}->get($s->url('/staff/absences'))));
ok $add, "road.lee's absence form";
my $subs = $add->{selects}{substitute};
ok !exists $subs->{ $id{'road.lee'} }, '... does not offer road.lee as their own substitute';
ok exists $subs->{ $id{'road.park'} }, '... but their colleague road.park';
my $today = kst("SELECT DATE_FORMAT(CURDATE(), '%Y-%m-%d')");
my $in3 = kst("SELECT DATE_FORMAT(CURDATE() + INTERVAL 3 DAY, '%Y-%m-%d')");
$r = submit_form($s, $ua{'road.lee'}, $add, kind => 'leave', first => $today, last => $in3, substitute => $id{'road.lee'});
is $r->code, 400, 'naming oneself as substitute anyway is refused';
like text_of(body_of($r)), qr{\Q${\ L('Err.absence_same_person')}\E}, '... with a clear message';
is $s->sql_value("SELECT COUNT(*) FROM absences"), 0, '... and nothing is recorded';

# The manager chooses whose absence first; the list follows.
my $choi_page = body_of($ua{'road.choi'}->get($s->url("/staff/absences?for=$id{'road.lee'}")));
($add) = grep { $_->{method} eq 'post' && $_->{action} eq '/staff/absences' } forms_of($choi_page);
is $add->{fields}{account}, $id{'road.lee'}, "the manager's form for road.lee";
ok !exists $add->{selects}{substitute}{ $id{'road.lee'} }, '... does not offer road.lee';
ok exists $add->{selects}{substitute}{ $id{'road.choi'} }, '... but road.choi, a colleague';
my ($for) = grep { $_->{method} eq 'get' } forms_of($choi_page);
ok $for && exists $for->{selects}{for}{ $id{'road.park'} }, '... after a choice of whose absence it is';
($add) = grep { $_->{method} eq 'post' && $_->{action} eq '/staff/absences' }
    forms_of(body_of($ua{'road.choi'}->get($s->url("/staff/absences?for=$id{'traffic.kim'}"))));
is $add->{fields}{account}, $id{'road.choi'}, 'someone outside their departments cannot be chosen';

# ------------------------------------------------------------ ending an absence early

my @open = map { $_->[0] } $s->sql("SELECT h.case_id FROM case_handlers h JOIN cases c ON c.id = h.case_id"
    . " WHERE h.account_id = $id{'road.lee'} AND c.status IN ('received','assigned','in_progress','approval')");
($add) = grep { $_->{method} eq 'post' && $_->{action} eq '/staff/absences' }
    forms_of(body_of($ua{'road.lee'}->get($s->url('/staff/absences'))));
$r = submit_form($s, $ua{'road.lee'}, $add, kind => 'leave', first => $today, last => $in3, substitute => $id{'road.park'}, handover => 1);
is $r->code, 303, 'road.lee is on leave from today, handing over ' . scalar(@open) . ' open cases';
my $abs_id = $s->sql_value("SELECT id FROM absences WHERE account_id = $id{'road.lee'}");
my ($n1_tr, $n1_id) = file_case(1, '가로등이 꺼졌습니다');
is handlers_of($n1_id), 'road.park', 'a new case goes to road.park meanwhile';
$page = body_of($ua{'road.lee'}->get($s->url('/staff/absences')));
my ($end) = grep { $_->{action} eq "/staff/absences/$abs_id/end" } forms_of($page);
ok $end, 'the begun absence offers to end it now';
ok !(grep { $_->{action} eq "/staff/absences/$abs_id/delete" } forms_of($page)), '... not to delete it';
is post_raw($ua{'traffic.kim'}, "/staff/absences/$abs_id/end")->code, 404, 'someone of another department cannot end it';
$r = submit_form($s, $ua{'road.lee'}, $end);
is $r->code, 303, 'road.lee ends it early';
like text_of(body_of($ua{'road.lee'}->follow($r))), qr{\Q${\ L('Msg.AbsenceEnded')}\E}, '... and is told what follows';
is kst("SELECT ends_at <= NOW() FROM absences WHERE id = $abs_id"), 1, '... it is over';
is kst("SELECT DATE_FORMAT(ends_at, '%Y-%m-%d') FROM absences WHERE id = $abs_id"), $today, '... today';
is $s->sql_value("SELECT COUNT(*) FROM audit_log WHERE object_type = 'absence' AND object_id = '$abs_id' AND action = 'end'"), 1,
    '... in the audit log';
like text_of(body_of($ua{'road.lee'}->get($s->url('/staff/absences')))), qr{$today ~ $today}, '... and its period ends today';
is $s->sql_value("SELECT COUNT(*) FROM case_handlers WHERE account_id = $id{'road.park'} AND case_id IN ("
    . join(',', @open, $n1_id) . ")"), scalar(@open) + 1, 'the cases handed over stay with road.park, as at the end of any absence';
my ($n2_tr, $n2_id) = file_case(1, '가로등이 또 꺼졌습니다');
my ($n3_tr, $n3_id) = file_case(1, '가로등이 세 번째 꺼졌습니다');
like handlers_of($n2_id) . ' ' . handlers_of($n3_id), qr/road\.lee/, 'new cases reach road.lee again';
$r = submit_form($s, $ua{'road.lee'}, $end);
is $r->code, 400, 'ending it twice is refused';
like text_of(body_of($r)), qr{\Q${\ L('Msg.AbsenceOver')}\E}, '... saying it is over';
my $in20 = kst("SELECT DATE_FORMAT(CURDATE() + INTERVAL 20 DAY, '%Y-%m-%d')");
$r = submit_form($s, $ua{'road.lee'}, $add, kind => 'leave', first => $in20, last => $in20, substitute => $id{'road.park'});
is $r->code, 303, 'a future absence';
my $future_id = $s->sql_value("SELECT MAX(id) FROM absences WHERE account_id = $id{'road.lee'}");
$r = post_raw($ua{'road.lee'}, "/staff/absences/$future_id/end");
is $r->code, 400, 'one that has not begun cannot be ended';
like text_of(body_of($r)), qr{\Q${\ L('Msg.AbsenceNotStarted')}\E}, '... deleting it is the way';

# ------------------------------------------------------------ the calendar

# Next month, days 3 to 5: road.park away; traffic.kim away on day 4.
my $month = kst("SELECT DATE_FORMAT(CURDATE() + INTERVAL 1 MONTH, '%Y-%m')");
my ($m_y, $m_m) = split /-/, $month;
my $park_id = $id{'road.park'};
$s->sql("INSERT INTO absences (account_id, kind, starts_at, ends_at, substitute_id, created_by, created_at) VALUES"
    . " ($park_id, 'training', '$month-03', '$month-06', $id{'road.lee'}, $park_id, NOW()),"
    . " ($id{'traffic.kim'}, 'leave', '$month-04', '$month-05', NULL, $id{'traffic.kim'}, NOW())");
# The day rows of a calendar page: date => the text of its row.
sub days_of {
    my ($html) = @_;
    my %d;
    while ($html =~ m{<tr\b[^>]*\bid="day-(\d{4}-\d\d-\d\d)"[^>]*>(.*?)</tr>}gs) { $d{$1} = text_of($2) }
    return \%d;
}
for my $who (qw(road.lee road.choi)) {
    $r = $ua{$who}->get($s->url("/staff/absences/calendar?month=$month"));
    is $r->code, 200, "$who opens the calendar of $month";
    my $html = body_of($r);
    like $html, qr{<table class="calendar"[^>]*>\s*<caption>[^<]*\Q$m_y\E[^<]*</caption>}, '... a table with its caption';
    like $html, qr{<th scope="col">\Q${\ L('AbsenceCal.Col.day')}\E</th>}, '... and its headers';
    my $days = days_of($html);
    is scalar(keys %$days), kst("SELECT DAY(LAST_DAY('$month-01'))"), '... one row per day';
    like $days->{"$month-03"}, qr{박보도 · \Q${\ L('Absence.Kind.training')}\E}, '... road.park is away on day 3';
    like $days->{"$month-05"}, qr{박보도}, '... and on day 5';
    unlike $days->{"$month-02"} . $days->{"$month-06"}, qr{박보도}, '... not on days 2 and 6';
    unlike $html, qr{김교통}, '... and traffic.kim, of another department, is not on it';
    like text_of($html), qr{\Q${\ L('AbsenceCal.Schedules')}\E.*박보도.*\Q$month-03 ~ $month-05\E}s, "... road.park's schedule";
}
my $kim_cal = body_of($ua{'traffic.kim'}->get($s->url("/staff/absences/calendar?month=$month")));
like days_of($kim_cal)->{"$month-04"}, qr{김교통}, "traffic.kim sees their own absence";
unlike $kim_cal, qr{박보도}, "... but not road.park's, outside their department";
like body_of($ua{admin}->get($s->url("/staff/absences/calendar?month=$month"))), qr{박보도.*김교통|김교통.*박보도}s,
    'the global supervisor sees both';
$r = $ua{'road.lee'}->get($s->url('/staff/absences/calendar'));
like body_of($r), qr{<th scope="row" aria-current="date"><time datetime="$today">}, 'this month marks today';
like body_of($r), qr{href="/staff/absences/calendar\?month=$month" rel="next"}, '... links to the next month';
like body_of($r), qr{rel="prev"}, '... and to the one before';
like body_of($ua{'road.lee'}->get($s->url('/staff/absences'))), qr{href="/staff/absences/calendar"},
    'the absences page links to the calendar';
$r = $ua{'road.lee'}->get($s->url('/staff/absences/calendar?month=2026-13'));
is $r->code, 400, 'a month that does not exist is refused';
like text_of(body_of($r)), qr{\Q${\ L('Msg.AbsenceBadMonth')}\E}, '... saying how to write one';
like $citizen->get($s->url('/staff/absences/calendar'))->code, qr/^(303|403)$/, 'a citizen cannot see it';

$s->stop;
done_testing;
