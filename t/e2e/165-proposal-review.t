# SPDX-License-Identifier: AGPL-3.0-or-later
# 165-proposal-review.t: a proposal's official review (issue 11 section 1)
# on the demo office: reaching the threshold (the author's mileage), the
# tick filing it as a case of kind 'proposal' in the category's
# department with the answer due in proposal.answer_workdays business
# days (the author gets the case's receipt, supporters a review notice),
# the delay apology like a case's, bad input on the answer form (no
# outcome, accepted without a plan: refused with the message, the text
# kept), the answer with its outcome and plan (public on the proposal
# page, notices to the author and every supporter in the web inbox and
# through the SMTP sink, the author's mileage), a follow-up update, and
# the workload report counting the proposal apart.
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

# Settings are plain ASCII names and numbers here.
sub setting { $s->sql("REPLACE INTO settings (name, value) VALUES ('$_[0]', '$_[1]')") }
sub post { Madang::Test::post_form($s, @_) }
sub page_text { my ($ua, $path) = @_; return text_of(body_of($ua->get($s->url($path)))) }
sub mileage_of {
    my ($account, $reason, $item) = @_;
    return $s->sql_value("SELECT COUNT(*) FROM mileage_ledger WHERE account_id = $account AND reason = '$reason'"
        . " AND kind = 'proposal' AND item_id = $item");
}

# ------------------------------------------------------------ demo data

my $demo = $s->sql_value("SELECT id FROM proposals WHERE state = 'answered' AND outcome = 'accepted'");
ok $demo, 'the demo has an accepted proposal';
my $dt = page_text($s->ua, "/proposals/$demo");
like $dt, qr/\Q${\ L('Proposal.Outcome.accepted')}\E.*\Q${\ L('Proposal.Review.Plan')}\E.*나머지 12곳/s,
    '... its page shows the answer and the plan';
like $dt, qr/\Q${\ L('Proposal.Review.Updates')}\E.*설치 업체를 선정했습니다/s, '... and its follow-up update';
ok $s->sql_value("SELECT COUNT(*) FROM proposals p JOIN cases c ON c.id = p.case_id AND c.kind = 'proposal'"
    . " WHERE p.state = 'review'"), '... and one under review, with its case';
is $s->sql_value('SELECT COUNT(*) FROM proposals p WHERE support_count <>'
    . ' (SELECT COUNT(*) FROM proposal_supports s WHERE s.proposal_id = p.id)'), 0,
    '... every count equal to its supports';

setting('proposal.threshold', '2');
setting('proposal.answer_workdays', '20');

# ------------------------------------------------------------ threshold

my ($author, $author_id, $author_form) = $s->citizen();
my ($sup1, $sup1_id) = $s->citizen();
my ($sup2, $sup2_id) = $s->citizen();
my $r = post($author, '/proposals/new', '/proposals/new', category => 1, title => '보도 턱 낮추기 제안',
    problem => '횡단보도 앞 보도 턱이 높아 휠체어가 다니기 어렵습니다.',
    proposal => '시내 횡단보도 앞 보도 턱을 모두 낮춰 주세요.', effect => '휠체어와 유모차가 안전하게 다닙니다.');
my ($pid) = ($r->header('Location') // '') =~ m{^/proposals/(\d+)\?done=created$};
ok $pid, 'the author writes a proposal' or diag body_of($r);
post($sup1, "/proposals/$pid", "/proposals/$pid/support", action => 'add');
is mileage_of($author_id, 'proposal_threshold', $pid), 0, 'below the threshold: no mileage yet';
post($sup2, "/proposals/$pid", "/proposals/$pid/support", action => 'add');
is $s->sql_value("SELECT state FROM proposals WHERE id = $pid"), 'threshold', 'two supports reach the threshold';
is mileage_of($author_id, 'proposal_threshold', $pid), 1, '... the author earns the threshold\'s mileage';

# ------------------------------------------------------------ filed as a case

my ($out, $status) = $s->ctl('tick');
is $status, 0, 'madangctl tick' or diag $out;
like $out, qr/proposals sent to review: [1-9]/, '... files proposals at their threshold';
my ($case_id, $kind, $dept, $due_days, $tracking, $public, $owner) = @{ ($s->sql(
    "SELECT c.id, c.kind, c.department_id, DATEDIFF(c.due_at, c.created_at), c.tracking_no, c.is_public,"
    . " c.account_id FROM proposals p JOIN cases c ON c.id = p.case_id WHERE p.id = $pid"))[0] // [] };
ok $case_id, '... as a case';
is $kind, 'proposal', '... of kind proposal';
is $owner, $author_id, '... its author the owner';
is $public, 1, '... public';
is $dept, $s->sql_value('SELECT department_id FROM categories WHERE id = 1'), "... in the category's department";
cmp_ok $due_days, '>=', 26, "... due in 20 business days, not the rule's ($due_days calendar days)";
cmp_ok $due_days, '<=', 40, '... but not much later';
is $s->sql_value("SELECT state FROM proposals WHERE id = $pid"), 'review', 'the proposal is under review';
is $s->sql_value("SELECT department_id FROM proposals WHERE id = $pid"), $dept, '... with its department';
like $s->sql_value("SELECT body FROM cases WHERE id = $case_id"), qr/휠체어가 다니기 어렵습니다.*턱을 모두 낮춰.*안전하게 다닙니다/s,
    'the case holds the three sections';
($out) = $s->ctl('tick');
like $out, qr/proposals sent to review: 0/, 'a second tick files nothing again';
is $s->sql_value("SELECT COUNT(*) FROM cases WHERE kind = 'proposal' AND title = '보도 턱 낮추기 제안'"), 1,
    '... one case';

# The author gets the case's receipt, each supporter a review notice.
is $s->sql_value("SELECT COUNT(*) FROM notices WHERE case_id = $case_id AND kind = 'receipt'"
    . " AND account_id = $author_id"), 1, 'the author gets the receipt';
my %told = map { $_->[0] => 1 } $s->sql("SELECT account_id FROM notices WHERE kind = 'proposal_review'"
    . " AND payload LIKE '%/proposals/$pid\"%'");
is_deeply [ sort { $a <=> $b } keys %told ], [ sort { $a <=> $b } $sup1_id, $sup2_id ],
    'every supporter is told the review started';
(my $line = L('Notice.proposal_review')) =~ s/\{title\}/보도 턱 낮추기 제안/;
like page_text($sup1, '/account/notices'), qr/\Q$line\E/, '... in the web inbox';

my $anon = $s->ua;
my $t = page_text($anon, "/proposals/$pid");
like $t, qr/\Q${\ L('Proposal.State.review')}\E/, 'the proposal page says under review';
like $t, qr/\Q$tracking\E/, '... names its case';
like $t, qr/\Q${\ L('Proposal.Review.Due')}\E/, '... and the answer\'s deadline';
like $t, qr/\Q${\ L('Proposal.Event.routed')}\E/, '... with the history';

# In the department's inbox, as any case.
my $handler_login = $s->sql_value("SELECT a.login_id FROM case_handlers h JOIN accounts a ON a.id = h.account_id"
    . " WHERE h.case_id = $case_id ORDER BY a.id LIMIT 1");
ok $handler_login, "a handler of the department has it ($handler_login)";
my $staff = signed_in($s, $handler_login);
like page_text($staff, '/staff/cases'), qr/보도 턱 낮추기 제안/, '... in the inbox';
my $page = body_of($staff->get($s->url("/staff/cases/$tracking")));
like $page, qr/name="outcome"/, 'the answer form asks the outcome';
like $page, qr/name="plan"/, '... and the plan';

# ------------------------------------------------------------ the deadline

# The deadline passes: the delay apology reaches the author as for a case
# (escalation off, so that the case stays with its handler here: 91-
# escalation.t tests it for every case).
$s->sql("UPDATE cases SET escalate_hours = 0 WHERE id = $case_id");
my $day_after = $s->sql_value("SELECT CONCAT(DATE(due_at) + INTERVAL 1 DAY, ' 10:00:00') FROM cases WHERE id = $case_id");
$n->run_ok("the notifier past the deadline ($day_after)", now => $day_after);
is $s->sql_value("SELECT COUNT(*) FROM notices WHERE case_id = $case_id AND kind = 'apology'"), 1,
    'the delay apology, as for any case';

# ------------------------------------------------------------ bad input

my $text = '예산 범위에서 단계적으로 낮추겠습니다. 올해는 시청 주변 30곳부터 시작합니다.';
$r = Madang::Staff::act($s, $staff, $tracking, 'answer', text => $text, outcome => '');
is $r->code, 400, 'an answer without an outcome: refused';
$t = text_of(body_of($r));
like $t, qr/\Q${\ L('Act.Problem.outcome_required')}\E/, '... saying so in Korean';
like body_of($r), qr/\Q$text\E/, '... the answer typed is kept';
$r = Madang::Staff::act($s, $staff, $tracking, 'answer', text => $text, outcome => 'maybe');
is $r->code, 400, 'an unknown outcome: refused';
$r = Madang::Staff::act($s, $staff, $tracking, 'answer', text => $text, outcome => 'accepted', plan => ' ');
is $r->code, 400, 'accepted without a plan: refused';
like text_of(body_of($r)), qr/\Q${\ L('Act.Problem.plan_required')}\E/, '... saying a plan is needed';
like body_of($r), qr/<option value="accepted" selected>/, '... the outcome chosen is kept';
is $s->sql_value("SELECT state FROM proposals WHERE id = $pid"), 'review', '... nothing answered';
is $s->sql_value("SELECT COUNT(*) FROM answers WHERE case_id = $case_id"), 0, '... nothing stored';

# ------------------------------------------------------------ the answer

my $plan = '2027년 상반기 30곳, 하반기 50곳의 보도 턱을 낮춥니다.';
$r = Madang::Staff::act($s, $staff, $tracking, 'answer', text => $text, outcome => 'accepted', plan => $plan);
is $r->code, 303, 'the handler answers: accepted, with a plan' or diag text_of(body_of($r));
my ($state, $outcome, $answered) = @{ ($s->sql("SELECT state, outcome, answered_at IS NOT NULL FROM proposals"
    . " WHERE id = $pid"))[0] };
is $state, 'answered', 'the proposal is answered';
is $outcome, 'accepted', '... accepted';
ok $answered, '... with the time';
$t = page_text($anon, "/proposals/$pid");
like $t, qr/\Q${\ L('Proposal.Outcome.accepted')}\E/, 'the public page shows the outcome';
like $t, qr/\Q$text\E/, '... the reasons';
like $t, qr/\Q$plan\E/, '... and the plan';
like $t, qr/\Q${\ L('Proposal.Event.answered')}\E/, '... in the history too';
is mileage_of($author_id, 'proposal_accepted', $pid), 1, 'the author earns the acceptance\'s mileage';
is $s->sql_value("SELECT COUNT(*) FROM mileage_ledger WHERE reason = 'complaint_answered' AND kind = 'case'"
    . " AND item_id = $case_id"), 0, '... not a complaint\'s';

%told = map { $_->[0] => 1 } $s->sql("SELECT account_id FROM notices WHERE kind = 'proposal_answered'"
    . " AND payload LIKE '%/proposals/$pid\"%'");
is_deeply [ sort { $a <=> $b } keys %told ], [ sort { $a <=> $b } $author_id, $sup1_id, $sup2_id ],
    'the author and every supporter are told of the answer';
is $s->sql_value("SELECT COUNT(*) FROM notices WHERE case_id = $case_id AND kind = 'answered'"), 0,
    '... instead of the case\'s answer notice (no rating link)';
($line = L('Notice.proposal_answered')) =~ s/\{title\}/보도 턱 낮추기 제안/;
like page_text($author, '/account/notices'), qr/\Q$line\E/, '... in the author\'s web inbox';
$n->run_ok('the notifier delivers the notices');
$n->settle;
my @mails = $n->mails(kind => 'proposal_answered');
is scalar(@mails), 3, 'three mails in the SMTP sink';
like $mails[0]{subject}, qr/\Q${\ L('Mail.proposal_answered.Subject')}\E/, '... with the subject';
like $mails[0]{text}, qr{/proposals/$pid}, '... the link';
like $mails[0]{text}, qr/\Q${\ L('Proposal.Outcome.accepted')}\E/, '... and the outcome';
is scalar(grep { $_->{text} =~ m{/proposals/$pid\b} } $n->mails(kind => 'proposal_review')), 2,
    'the review notices went by mail too';

# ------------------------------------------------------------ follow-up

$page = body_of($staff->get($s->url("/staff/cases/$tracking")));
like $page, qr{action="/staff/cases/$tracking/update"}, 'the handler is offered a follow-up update';
$r = post($staff, "/staff/cases/$tracking", "/staff/cases/$tracking/update", update => '');
is $r->code, 400, 'an empty update: refused';
my $update = '시청 주변 12곳 공사를 마쳤습니다.';
$r = post($staff, "/staff/cases/$tracking", "/staff/cases/$tracking/update", update => $update);
is $r->header('Location'), "/staff/cases/$tracking?done=update", 'the handler publishes an update';
like page_text($anon, "/proposals/$pid"), qr/\Q${\ L('Proposal.Review.Updates')}\E.*\Q$update\E/s,
    '... public on the proposal page';
is $s->sql_value("SELECT COUNT(*) FROM audit_log WHERE object_type = 'proposal' AND object_id = '$pid'"
    . " AND action = 'update'"), 1, '... audited';
my ($citizen_case) = $s->sql_value("SELECT tracking_no FROM cases WHERE kind = 'complaint' AND department_id = $dept"
    . " ORDER BY id LIMIT 1");
if ($citizen_case) {
    $r = post($staff, "/staff/cases/$tracking", "/staff/cases/$citizen_case/update", update => $update);
    isnt $r->code, 303, 'no update on a complaint';
}

# ------------------------------------------------------------ workload report

my $sup = signed_in($s, 'admin', 'madang-admin-2026');
like body_of($sup->get($s->url('/admin/settings'))), qr{id="proposal_answer_workdays"[^>]*value="20"},
    'the answer\'s business days are on the settings page';
$t = page_text($sup, '/staff/reports/workload');
like $t, qr/\Q${\ L('Report.Proposals')}\E/, 'the workload report counts proposals apart';

# ------------------------------------------------------------ rejected, partly

my $p2 = $s->sql_value("SELECT id FROM proposals WHERE title = '중앙공원에 그늘막과 음수대를 설치해 주세요'");
$s->ctl('tick');
my $tr2 = $s->sql_value("SELECT c.tracking_no FROM proposals p JOIN cases c ON c.id = p.case_id WHERE p.id = $p2");
ok $tr2, 'the demo proposal at its threshold is filed too';
my $author2 = $s->sql_value("SELECT author_id FROM proposals WHERE id = $p2");
my $h2 = $s->sql_value("SELECT a.login_id FROM cases c JOIN case_handlers h ON h.case_id = c.id"
    . " JOIN accounts a ON a.id = h.account_id WHERE c.tracking_no = '$tr2' LIMIT 1");
SKIP: {
    skip 'no handler was given the parks case', 3 unless $h2;
    my $staff2 = signed_in($s, $h2);
    $r = Madang::Staff::act($s, $staff2, $tr2, 'answer', text => '예산이 없어 올해는 어렵습니다.',
        outcome => 'rejected');
    is $r->code, 303, 'a rejection needs no plan';
    is $s->sql_value("SELECT outcome FROM proposals WHERE id = $p2"), 'rejected', '... recorded';
    is mileage_of($author2, 'proposal_accepted', $p2), 0, '... and earns nothing';
}

$n->stop;
done_testing;
