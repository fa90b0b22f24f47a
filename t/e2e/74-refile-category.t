# SPDX-License-Identifier: AGPL-3.0-or-later
# 74-refile-category.t: re-filing a case under another category
# (분야재지정) from the staff case page. A 도로·보도 case filed by mistake
# is re-filed by its handler under 교통·주차: the new category's rule
# places it (교통행정과, random: traffic.kim), its deadline stays, the
# history keeps the old stages and shows the re-filing with its reason to
# staff and citizen, the audit log records it and the citizen finds a
# notice in the web inbox and a mail. Refused, with nothing changed: the
# same category, no reason, no category; a handler of the department who
# does not have the case; a handler of another department; the citizen
# (no such action); a post without the CSRF token. Re-filing under a
# category of manual assignment tells that department's manager; a
# supervisor re-files an unplaced case into a department.
use strict;
use warnings;
use utf8;
use Test::More;
use Madang::Test qw(body_of L bytes_of text_of post_form);
use Madang::Staff qw(signed_in);
use Madang::Notify;

binmode $_, ':encoding(UTF-8)'
    for map { Test::More->builder->$_ } qw(output failure_output todo_output);

my $n = Madang::Notify->start(seed => 1);
my $s = $n->stack;
my $site = L('Site.Name');

# ------------------------------------------------------------ helpers


# Posts straight to $path with a valid CSRF token, as a hand-made form.
sub post_raw { my ($ua, @path_fields) = @_; return post_form($s, $ua, '/account', @path_fields) }

sub has_refile_form {
    my ($ua, $tracking) = @_;
    return body_of($ua->get($s->url("/staff/cases/$tracking"))) =~ m{<input type="hidden" name="action" value="refile">};
}

my $citizen = signed_in($s, 'citizen', 'madang-citizen-2026');
sub file_case {
    my ($category, $title) = @_;
    return Madang::Test::file_case($s, $citizen, category => $category, title => $title, body => "$title: 확인 부탁드립니다.");
}

sub state_of {
    my ($id) = @_;
    my ($row) = $s->sql("SELECT category_id, status, version, IFNULL(department_id, 0), unplaced,"
        . " DATE_FORMAT(due_at, '%Y-%m-%d %H:%i:%s'),"
        . " (SELECT IFNULL(GROUP_CONCAT(account_id ORDER BY account_id), '') FROM case_handlers WHERE case_id = $id),"
        . " (SELECT COUNT(*) FROM case_events WHERE case_id = $id) FROM cases WHERE id = $id");
    return join '|', map { $_ // '' } @$row;
}
sub handlers_of {
    my ($id) = @_;
    return join ',', map { $_->[0] } $s->sql("SELECT a.login_id FROM case_handlers h JOIN accounts a"
        . " ON a.id = h.account_id WHERE h.case_id = $id ORDER BY a.login_id");
}

$s->sql(q{UPDATE cases SET apology_due = NULL, remind_at = NULL, escalate_hours = 0});
$s->sql(q{UPDATE outbox SET state = 'cancelled' WHERE state = 'pending'});

my %ua = map { $_ => signed_in($s, $_) } qw(road.lee road.park traffic.kim civil.han);
$ua{admin} = signed_in($s, 'admin', 'madang-admin-2026');

# ------------------------------------------------------------ the case, filed under the wrong category

my $title = '신호등 주기가 너무 짧습니다';
my ($tr, $id) = file_case(1, $title);
my $h = handlers_of($id);
like $h, qr/^road\.(lee|park)$/, "도로·보도: 도로과's round-robin gives it to $h";
my $other = $h eq 'road.lee' ? 'road.park' : 'road.lee';
my $r = $n->staff_act($ua{$h}, $tr, 'start');
is $r && $r->code, 303, "$h starts work";
my $due = $s->sql_value("SELECT DATE_FORMAT(due_at, '%Y-%m-%d %H:%i:%s') FROM cases WHERE id = $id");

ok has_refile_form($ua{$h}, $tr), "the handler's case page offers re-filing";
my $page = body_of($ua{$h}->get($s->url("/staff/cases/$tr")));
my ($select) = $page =~ m{<select id="act-refile-category" name="category"[^>]*>(.*?)</select>}s;
like $select // '', qr{<option value="2">교통·주차</option>}, '... with the categories to choose from';
unlike $select // '', qr{도로·보도}, '... but not the current one';
ok !has_refile_form($ua{$other}, $tr), "$other (same department, not the case's) has no such form";
ok !has_refile_form($ua{'civil.han'}, $tr), 'a manager of another department cannot even read it' ;

# ------------------------------------------------------------ refused, nothing changed

my $before = state_of($id);
my $version = $s->sql_value("SELECT version FROM cases WHERE id = $id");
$r = $n->staff_act($ua{$h}, $tr, 'refile', category => 1, text => '분야가 같습니다');
is $r && $r->code, 400, 're-filing under the same category is refused';
like body_of($r), qr{\Q${\ L('Act.Problem.same_category')}\E}, '... saying why';
like body_of($r), qr{분야가 같습니다}, '... keeping the typed reason';
$r = $n->staff_act($ua{$h}, $tr, 'refile', category => 2, text => '');
is $r && $r->code, 400, 'without a reason';
like body_of($r), qr{\Q${\ L('Act.Problem.reason_required')}\E}, '... it asks for one';
$r = $n->staff_act($ua{$h}, $tr, 'refile', category => '', text => '교통 분야입니다');
is $r && $r->code, 400, 'without a category';
like body_of($r), qr{\Q${\ L('Act.Problem.bad_category')}\E}, '... it asks for one';
$r = $n->staff_act($ua{$h}, $tr, 'refile', category => 999, text => '교통 분야입니다');
is $r && $r->code, 400, 'an unknown category';
like body_of($r), qr{\Q${\ L('Act.Problem.bad_category')}\E}, '... is refused';
$r = post_raw($ua{$other}, "/staff/cases/$tr/act", action => 'refile', version => $version, category => 2, text => '제가 옮깁니다');
is $r->code, 403, "${other}'s hand-made re-filing is refused";
like body_of($r), qr{\Q${\ L('Act.Problem.denied')}\E}, '... as not theirs to do';
$r = post_raw($ua{'traffic.kim'}, "/staff/cases/$tr/act", action => 'refile', version => $version, category => 2, text => '가져갑니다');
is $r->code, 404, "traffic.kim (교통행정과) cannot reach 도로과's case";
$r = post_raw($citizen, "/cases/$tr/act", action => 'refile', version => $version, category => 2, text => '바꿔 주세요');
is $r->code, 400, 'the citizen has no such action';
$r = $ua{$h}->post($s->url("/staff/cases/$tr/act"), [ action => 'refile', version => $version, category => 2,
    text => bytes_of('토큰 없이') ]);
is $r->code, 403, 'a post without the CSRF token is refused';
is state_of($id), $before, '... and nothing changed in any of these';
is $s->sql_value("SELECT COUNT(*) FROM notices WHERE case_id = $id AND kind = 'refiled'"), 0, '... nobody was told anything';
is $s->sql_value("SELECT COUNT(*) FROM audit_log WHERE object_id = '$tr' AND action = 'refile'"), 0, '... nothing audited';

# ------------------------------------------------------------ re-filed

my $reason = '신호등 주기는 교통 분야입니다 <교통행정과>';
$r = $n->staff_act($ua{$h}, $tr, 'refile', category => 2, text => $reason);
is $r && $r->code, 303, "$h re-files it under 교통·주차";
like $r && $r->header('Location'), qr{^/staff/cases\?moved=\Q$tr\E$}, '... back to the inbox: the case left 도로과';
is $s->sql_value("SELECT CONCAT(category_id, ':', department_id, ':', status, ':', unplaced) FROM cases WHERE id = $id"),
    '2:5:assigned:0', "... now 교통·주차 in 교통행정과, assigned by the new rule";
is handlers_of($id), 'traffic.kim', '... to traffic.kim (random among 교통행정과\'s one handler)';
is $s->sql_value("SELECT GROUP_CONCAT(CONCAT(department_id, ':', role)) FROM case_departments WHERE case_id = $id"), '5:lead',
    '... 도로과 let go';
is $s->sql_value("SELECT DATE_FORMAT(due_at, '%Y-%m-%d %H:%i:%s') FROM cases WHERE id = $id"), $due,
    "... the deadline stays ($due)";
is $ua{$h}->get($s->url("/staff/cases/$tr"))->code, 404, "$h no longer reads it";
is $s->sql_value("SELECT CONCAT(IFNULL(account_id, 0), ':', detail) FROM audit_log WHERE object_type = 'case'"
    . " AND object_id = '$tr' AND action = 'refile'"), $s->account_id($h) . ':category 1 -> 2', 'the audit log names who and what';

# The history, for staff: every stage kept, the re-filing with its reason.
my $kim = body_of($ua{'traffic.kim'}->get($s->url("/staff/cases/$tr")));
my ($history) = $kim =~ m{<h2 id="history-h">.*?<ol class="timeline">(.*?)</ol>}s;
my $hist = text_of($history // '');
like $hist, qr{\Q${\ L('Event.started')}\E.*\Q${\ L('Event.refiled')}\E .*도로과 → \Q${\ L('Col.Category')}\E: 교통·주차}s,
    "traffic.kim's case page: the history keeps 도로과's stages and shows the re-filing to 교통·주차";
like $hist, qr{\Q$reason\E}, '... with the reason';
like $history // '', qr{&lt;교통행정과&gt;}, '... escaped';
like $hist, qr{\Q${\ L('Event.refiled')}\E.*\Q${\ L('Event.routed')}\E.*교통행정과.*\Q${\ L('Event.assigned')}\E}s,
    '... then the new rule placing it';
like text_of($kim), qr{\Q${\ L('Col.Category')}\E 교통·주차}, '... and the case is in 교통·주차';

# The citizen: the timeline and the notice.
my ($timeline) = body_of($citizen->get($s->url("/cases/$tr"))) =~ m{<ol class="timeline">(.*?)</ol>}s;
like text_of($timeline // ''), qr{\Q${\ L('Event.refiled')}\E .*\Q${\ L('Col.Category')}\E: 교통·주차.*\Q$reason\E}s,
    "the citizen's timeline shows the re-filing, the new category and the reason";
(my $line = L('Notice.refiled')) =~ s/\{category\}/교통·주차/;
$line =~ s/\{tracking\}/$tr/;
$line =~ s/\{title\}/$title/;
like text_of(body_of($citizen->get($s->url('/account/notices')))), qr{\Q$line\E}, "... and the web inbox: $line";
my $r1 = $n->run;
is $r1->{status}, 0, 'a notifier run' or diag $r1->{out};
$n->settle(quiet => 0.5);
my @m = $n->mails(kind => 'refiled', case_id => $id);
is scalar(@m), 1, 'one mail to the citizen';
is $m[0] && $m[0]{subject}, "[$site] " . L('Mail.refiled.Subject') . " ($tr)", '... its Korean subject';
like $m[0] && $m[0]{text}, qr{\Q${\ L('Mail.Category')}\E: 교통·주차}, '... the new category';
like $m[0] && $m[0]{text}, qr{\Q${\ L('Mail.Department')}\E: 교통행정과}, '... its department';
like $m[0] && $m[0]{text}, qr{\Q${\ L('Mail.Reason')}\E: \Q$reason\E}, '... and the reason as typed';

# ------------------------------------------------------------ under a manual category: the manager is told

$r = $n->staff_act($ua{'traffic.kim'}, $tr, 'refile', category => 9, text => '민원 안내가 필요한 건입니다');
is $r && $r->code, 303, 'traffic.kim re-files it under 행정 일반 (manual)';
is $s->sql_value("SELECT CONCAT(department_id, ':', status) FROM cases WHERE id = $id"), '2:received',
    '... it waits in 민원담당관실 for a handler';
is $s->sql_value("SELECT COUNT(*) FROM notices WHERE case_id = $id AND kind = 'staff_waiting'"
    . " AND account_id = ${\ $s->account_id('civil.han')}"), 1, "... and its manager civil.han is told";
like body_of($ua{'civil.han'}->get($s->url('/account/notices'))), qr{href="/staff/cases/\Q$tr\E\?notice=\d+"},
    "... in civil.han's inbox";
is $s->sql_value("SELECT COUNT(*) FROM notices WHERE case_id = $id AND kind = 'refiled'"), 2, 'the citizen is told again';

# ------------------------------------------------------------ a supervisor places an unplaced case

$s->sql('UPDATE categories SET department_id = NULL WHERE id = 10');
my ($u_tr, $u_id) = file_case(10, '어느 부서 일인지 모르는 민원');
is $s->sql_value("SELECT unplaced FROM cases WHERE id = $u_id"), 1, 'a case no rule can place';
ok has_refile_form($ua{admin}, $u_tr), 'the supervisor may re-file it';
$r = $n->staff_act($ua{admin}, $u_tr, 'refile', category => 3, text => '청소 분야입니다');
is $r && $r->code, 303, '... under 청소·쓰레기';
is $s->sql_value("SELECT CONCAT(category_id, ':', department_id, ':', unplaced, ':', status) FROM cases WHERE id = $u_id"),
    '3:8:0:assigned', '... placed in 청소행정과 and assigned by its rule';
is handlers_of($u_id), 'clean.jung', '... to clean.jung';

$n->stop;
done_testing;
