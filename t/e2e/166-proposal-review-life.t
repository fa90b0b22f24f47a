# SPDX-License-Identifier: AGPL-3.0-or-later
# 166-proposal-review-life.t: a proposal's review life cycle and scope
# (issue 11 section 1) on the demo office:
# - promotion is within the supervisor's reach: a supervisor of another
#   department gets no button and a 403, one of the department the
#   category routes to promotes (audited); a category no rule places is
#   a global supervisor's only;
# - staff of the routed department open the official review below the
#   threshold (filed as its case at once, 'review_opened_by_staff',
#   audited) and answer it through the case; staff of another department
#   cannot;
# - the proposal follows its case: reopened (back under review, the old
#   answer gone) and answered again (the new answer shown), transferred
#   (its department follows), closed without an answer ('closed'),
#   withdrawn by the author ('withdrawn');
# - a proposal case past its deadline gets the handlers' reminder, the
#   escalation and the delay apology, which goes to the author only (the
#   case's owner: supporters are not told of the delay);
# - the workload report counts the proposal reviews.
use strict;
use warnings;
use utf8;
use Test::More;
use Encode qw(encode);
use Madang::Test qw(body_of L text_of);
use Madang::Notify;
use Madang::Staff qw(signed_in);

binmode $_, ':encoding(UTF-8)'
    for map { Test::More->builder->$_ } qw(output failure_output todo_output);

my $n = Madang::Notify->start(seed => 1);
my $s = $n->stack;

sub post { Madang::Test::post_form($s, @_) }
sub page_text { text_of(body_of($_[0]->get($s->url($_[1])))) }
sub state_of { $s->sql_value("SELECT state FROM proposals WHERE id = $_[0]") }
sub events_of { $s->sql_value("SELECT COUNT(*) FROM proposal_events WHERE proposal_id = $_[0] AND kind = '$_[1]'") }
sub audits_of {
    my ($pid, $action, $login) = @_;
    return $s->sql_value("SELECT COUNT(*) FROM audit_log l JOIN accounts a ON a.id = l.account_id"
        . " WHERE l.object_type = 'proposal' AND l.object_id = '$pid' AND l.action = '$action'"
        . " AND a.login_id = '$login'");
}
sub propose {
    my ($ua, $category, $title) = @_;
    my $r = post($ua, '/proposals/new', '/proposals/new', category => $category, title => $title,
        problem => "$title: 문제점입니다.", proposal => "$title: 제안합니다.", effect => "$title: 효과입니다.");
    my ($pid) = ($r->header('Location') // '') =~ m{^/proposals/(\d+)\?done=created$};
    ok $pid, "a proposal is written: $title" or diag body_of($r);
    return $pid;
}
sub has_form { my ($ua, $pid, $what) = @_; return body_of($ua->get($s->url("/proposals/$pid"))) =~ m{action="/proposals/$pid/$what"} }
sub tracking_of { $s->sql_value("SELECT c.tracking_no FROM proposals p JOIN cases c ON c.id = p.case_id WHERE p.id = $_[0]") }
sub case_of { $s->sql_value("SELECT case_id FROM proposals WHERE id = $_[0]") }
sub handler_of {
    my ($pid) = @_;
    return $s->sql_value("SELECT a.login_id FROM proposals p JOIN case_handlers h ON h.case_id = p.case_id"
        . " JOIN accounts a ON a.id = h.account_id WHERE p.id = $pid ORDER BY a.id LIMIT 1");
}
# The citizen's action form on their case page (close, reopen; withdraw
# is confirmed on a page of its own).
sub citizen_act {
    my ($ua, $tracking, $action, %values) = @_;
    my $page = $action eq 'withdraw' ? "/cases/$tracking/withdraw" : "/cases/$tracking";
    my ($form) = grep { ($_->{fields}{action} // '') eq $action }
        Madang::Test::forms_of(body_of($ua->get($s->url($page))));
    return $form ? Madang::Test::submit_form($s, $ua, $form, %values) : undef;
}

# The demo's proposal waiting at its threshold is filed first, and the
# demo's cases kept still (as 100-notifier.t does): the reminders,
# escalations and apologies counted below are this test's.
$s->ctl('tick');
$s->sql("UPDATE cases SET apology_due = NULL, remind_at = NULL, escalate_hours = 0");
$s->sql("REPLACE INTO settings (name, value) VALUES ('proposal.threshold', '5'), ('proposal.answer_workdays', '20')");

# Supervisors scoped to one department each: road.choi over 도로과 (4,
# where category 1 routes), traffic.kim over 교통행정과 (5).
$s->sql("INSERT INTO staff_roles (account_id, role, department_id, with_subtree) SELECT id, 'supervisor', 4, 1"
    . " FROM accounts WHERE login_id = 'road.choi'");
$s->sql("INSERT INTO staff_roles (account_id, role, department_id, with_subtree) SELECT id, 'supervisor', 5, 1"
    . " FROM accounts WHERE login_id = 'traffic.kim'");
Madang::Staff::scope_rebuild($s);
# A category no rule places (no department).
$s->sql("INSERT INTO categories (id, name_ko, name_en, department_id, active, sort_order)"
    . " VALUES (90, '규칙 없음', 'No rule', NULL, 1, 990)");

my ($author, $author_id) = $s->citizen();
my ($sup1, $sup1_id) = $s->citizen();
my $choi = signed_in($s, 'road.choi');
my $kim = signed_in($s, 'traffic.kim');
my $lee = signed_in($s, 'road.lee');
my $admin = signed_in($s, 'admin', 'madang-admin-2026');

# ------------------------------------------------------------ 1. promotion in reach

my $p1 = propose($author, 1, '공원 앞 횡단보도 신호 시간 연장');
Madang::Test::post_form($s, $sup1, "/proposals/$p1", "/proposals/$p1/support", action => 'add');
ok !has_form($kim, $p1, 'promote'), "a supervisor of 교통행정과 gets no promote button on a 도로과 proposal";
my $r = post($kim, "/proposals/$p1", "/proposals/$p1/promote");
is $r->code, 403, '... and is refused (403) when posting it';
is state_of($p1), 'open', '... the proposal stays open';
is audits_of($p1, 'promote', 'traffic.kim'), 0, '... nothing audited';
ok has_form($choi, $p1, 'promote'), "a supervisor of 도로과 gets the promote button";
$r = post($choi, "/proposals/$p1", "/proposals/$p1/promote");
is $r->header('Location'), "/proposals/$p1?done=promoted", '... and promotes it';
is state_of($p1), 'threshold', '... to the threshold';
is audits_of($p1, 'promote', 'road.choi'), 1, '... audited';

my $p5 = propose($author, 90, '규칙 없는 분야의 제안');
ok !has_form($choi, $p5, 'promote'), 'a category no rule places: no button for a scoped supervisor';
is post($choi, "/proposals/$p5", "/proposals/$p5/promote")->code, 403, '... refused';
ok has_form($admin, $p5, 'promote'), '... a global supervisor has it';
is post($admin, "/proposals/$p5", "/proposals/$p5/promote")->header('Location'), "/proposals/$p5?done=promoted",
    '... and promotes it';

# ------------------------------------------------------------ 2. staff open the review below the threshold

my $p2 = propose($author, 1, '보도 자전거 거치대 확충');
Madang::Test::post_form($s, $sup1, "/proposals/$p2", "/proposals/$p2/support", action => 'add');
ok !has_form($kim, $p2, 'review'), "a handler of 교통행정과 is not offered the review of a 도로과 proposal";
is post($kim, "/proposals/$p2", "/proposals/$p2/review")->code, 403, '... and is refused';
ok !has_form($author, $p2, 'review'), '... nor is its author';
is state_of($p2), 'open', '... still open';
ok has_form($lee, $p2, 'review'), 'a handler of 도로과 is offered to open the review below the threshold';
$r = post($lee, "/proposals/$p2", "/proposals/$p2/review");
my $tr2 = tracking_of($p2);
ok $tr2, '... it is filed as its case at once';
is $r->header('Location'), "/staff/cases/$tr2", '... and the handler is taken to the case';
is state_of($p2), 'review', '... the proposal is under review';
is $s->sql_value("SELECT kind FROM cases WHERE tracking_no = '$tr2'"), 'proposal', '... a case of kind proposal';
is $s->sql_value("SELECT department_id FROM proposals WHERE id = $p2"), 4, '... in 도로과';
is events_of($p2, 'review_opened_by_staff'), 1, "... a 'review_opened_by_staff' event";
is audits_of($p2, 'open_review', 'road.lee'), 1, '... audited';
like page_text($s->ua, "/proposals/$p2"), qr/\Q${\ L('Proposal.Event.review_opened_by_staff')}\E/,
    '... shown in the public history';
is $s->sql_value("SELECT COUNT(*) FROM notices WHERE kind = 'proposal_review' AND account_id = $sup1_id"
    . " AND payload LIKE '%/proposals/$p2\"%'"), 1, '... the supporter is told the review started';
is $s->sql_value("SELECT COUNT(*) FROM notices WHERE kind = 'proposal_threshold'"
    . " AND payload LIKE '%/proposals/$p2\"%'"), 0, '... not that it reached its threshold';
like body_of($lee->get($s->url("/proposals/$p2"))), qr{href="/staff/cases/$tr2"},
    'staff find the review case from the proposal page';
unlike body_of($s->ua->get($s->url("/proposals/$p2"))), qr{href="/staff/cases/}, '... others do not';
is post($lee, "/proposals/$p2", "/proposals/$p2/review")->code, 303, 'opening it again: no error';
is $s->sql_value("SELECT COUNT(*) FROM cases WHERE title = '보도 자전거 거치대 확충'"), 1, '... still one case';

# Answered through the case.
my $h2 = signed_in($s, handler_of($p2));
my $text1 = '올해 예산으로 20곳에 설치하겠습니다.';
$r = Madang::Staff::act($s, $h2, $tr2, 'answer', text => $text1, outcome => 'accepted', plan => '상반기 10곳, 하반기 10곳.');
is $r && $r->code, 303, 'the handler answers it through the case';
is state_of($p2), 'answered', '... the proposal is answered';
like page_text($s->ua, "/proposals/$p2"), qr/\Q$text1\E/, '... the answer on its page';

# ------------------------------------------------------------ 3. the proposal follows its case

$r = citizen_act($author, $tr2, 'reopen', text => '설치 장소가 빠졌습니다.');
is $r && $r->code, 303, 'the author reopens the case';
is state_of($p2), 'review', '... the proposal is back under review';
is $s->sql_value("SELECT outcome IS NULL AND answered_at IS NULL FROM proposals WHERE id = $p2"), 1,
    '... its outcome cleared';
my $t = page_text($s->ua, "/proposals/$p2");
unlike $t, qr/\Q$text1\E/, '... the old answer no longer shown as its answer';
like $t, qr/\Q${\ L('Proposal.State.review')}\E/, '... the page says under review';
like $t, qr/\Q${\ L('Proposal.Event.reopened')}\E/, '... and the history says reopened';
my $text2 = '설치 장소 20곳을 정해 공개했습니다. 일부만 올해 설치합니다.';
$r = Madang::Staff::act($s, $h2, $tr2, 'answer', text => $text2, outcome => 'partly');
is $r && $r->code, 303, 'the handler answers again';
is state_of($p2), 'answered', '... answered again';
is $s->sql_value("SELECT outcome FROM proposals WHERE id = $p2"), 'partly', '... with the new outcome';
$t = page_text($s->ua, "/proposals/$p2");
like $t, qr/\Q$text2\E/, '... the new answer shown';
unlike $t, qr/\Q$text1\E/, '... in place of the old one';
like $t, qr/\Q${\ L('Proposal.Outcome.partly')}\E/, '... with its outcome';

# Transferred, then closed without an answer.
my $p3 = propose($author, 1, '지하차도 조명 개선');
post($lee, "/proposals/$p3", "/proposals/$p3/review");
my $tr3 = tracking_of($p3);
ok $tr3, 'another proposal opened for review';
my $h3 = signed_in($s, handler_of($p3));
$r = Madang::Staff::act($s, $h3, $tr3, 'transfer', department => 5, text => '교통 시설이라 이관합니다.');
is $r && $r->code, 303, 'its case is transferred to 교통행정과';
is $s->sql_value("SELECT department_id FROM proposals WHERE id = $p3"), 5, "... the proposal's department follows";
$t = page_text($s->ua, "/proposals/$p3");
like $t, qr/교통행정과/, '... its page names 교통행정과';
like $t, qr/\Q${\ L('Proposal.Event.transferred')}\E/, '... with the move in its history';
my $h3b = signed_in($s, handler_of($p3));
$r = Madang::Staff::act($s, $h3b, $tr3, 'reject', text => '이미 시행 중인 사업과 같습니다.');
is $r && $r->code, 303, '교통행정과 closes the case without an answer';
is state_of($p3), 'closed', "... the proposal is 'closed'";
$t = page_text($s->ua, "/proposals/$p3");
like $t, qr/\Q${\ L('Proposal.State.closed')}\E/, '... its page says so';
like $t, qr/\Q${\ L('Proposal.Event.review_closed')}\E/, '... and its history';

# Withdrawn by its author.
my $p4 = propose($author, 1, '골목길 반사경 설치');
post($lee, "/proposals/$p4", "/proposals/$p4/review");
my $tr4 = tracking_of($p4);
$r = citizen_act($author, $tr4, 'withdraw', text => '다른 제안과 겹칩니다.');
is $r && $r->code, 303, 'the author withdraws the review case';
is state_of($p4), 'withdrawn', "... the proposal is 'withdrawn'";
is events_of($p4, 'withdrawn'), 1, "... with a 'withdrawn' event";
like page_text($author, "/proposals/$p4"), qr/\Q${\ L('Proposal.State.withdrawn')}\E/, '... shown on its page';

# ------------------------------------------------------------ 4. reminder, escalation, apology

$s->ctl('tick');
my $case1 = case_of($p1);
ok $case1, 'the promoted proposal is filed by the tick';
my $tr1 = tracking_of($p1);
my ($due_day) = $s->sql_value("SELECT DATE(due_at) FROM cases WHERE id = $case1");
$s->sql("UPDATE cases SET escalate_hours = 48 WHERE id = $case1");
my $handler1 = handler_of($p1);
ok $handler1, "... given to a handler ($handler1)";
$n->run_ok("the notifier on the deadline's morning ($due_day 09:00)", now => "$due_day 09:00:00");
cmp_ok $s->sql_value("SELECT COUNT(*) FROM notices WHERE case_id = $case1 AND kind = 'staff_reminder'"), '>=', 1,
    "the handlers' reminder before the deadline";
is $s->sql_value("SELECT COUNT(*) FROM case_events WHERE case_id = $case1 AND kind = 'escalated'"), 1,
    'idle past its escalation hours: escalated';
like join(',', map { $_->[0] } $s->sql("SELECT a.login_id FROM case_handlers h JOIN accounts a ON a.id = h.account_id"
    . " WHERE h.case_id = $case1")), qr/\broad\.choi\b/, "... to 도로과's manager";
my $day_after = $s->sql_value("SELECT CONCAT(DATE(due_at) + INTERVAL 1 DAY, ' 10:00:00') FROM cases WHERE id = $case1");
$n->run_ok("the notifier past the deadline ($day_after)", now => $day_after);
is $s->sql_value("SELECT COUNT(*) FROM notices WHERE case_id = $case1 AND kind = 'apology'"), 1,
    'one delay apology';
is $s->sql_value("SELECT account_id FROM notices WHERE case_id = $case1 AND kind = 'apology'"), $author_id,
    '... to the author (the case\'s owner)';
is $s->sql_value("SELECT COUNT(*) FROM notices WHERE account_id = $sup1_id AND kind = 'apology'"), 0,
    '... not to the supporters';

# ------------------------------------------------------------ 5. the workload report

my $html = body_of($admin->get($s->url('/staff/reports/workload')));
my ($table) = $html =~ m{<section aria-labelledby="h-proposals">(.*?)</section>}s;
ok $table, 'the workload report has the proposal reviews table';
my ($received) = ($table // '') =~ m{data-label="\Q${\ L('Report.Received')}\E">(\d+)<};
my $filed = $s->sql_value("SELECT COUNT(*) FROM cases WHERE kind = 'proposal' AND created_at >= DATE_FORMAT(NOW(), '%Y-%m-01')");
cmp_ok $received // 0, '>=', 4, "... counting this test's reviews among those received ($filed this month)";
my ($answered) = ($table // '') =~ m{data-label="\Q${\ L('Report.Answered')}\E">(\d+)<};
cmp_ok $answered // 0, '>=', 1, '... and the answered one';

$n->stop;
done_testing;
