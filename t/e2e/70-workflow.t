# SPDX-License-Identifier: AGPL-3.0-or-later
# 70-workflow.t: the case life cycle through HTTP with the demo office:
# filed → assigned by round-robin → started → extended → answered → closed
# by the citizen and reopened; a transfer with a reason and its sending
# back; the approval flow (category 7); a compound case with its joint
# part (category 8); withdrawal; forbidden actions refused with a clear
# message; optimistic locking between two staff sessions; permission
# boundaries (a handler of 교통행정과 can neither read, act on nor find a
# case of 도로과, whatever the URL or the form says, and nothing changes);
# the audited contact view; the inbox's views, search (Korean words and
# parts of words), bulk actions; absences with a hand-over; the public
# timeline with the department and the handler (or the role) at each
# stage, and never an internal event.
use strict;
use warnings;
use utf8;
use Test::More;
use URI::Escape qw(uri_escape_utf8);
use Madang::Test qw(body_of L bytes_of text_of forms_of submit_form post_form);
use Madang::Staff qw(signed_in act);

binmode $_, ':encoding(UTF-8)'
    for map { Test::More->builder->$_ } qw(output failure_output todo_output);

my $s = Madang::Test->start(seed => 1);

# ------------------------------------------------------------ helpers




# Stored times are the office's (+09:00): so are the session's here.
sub sql_kst_value { my ($q) = @_; my @r = $s->sql("SET time_zone = '+09:00'; $q"); return @r ? $r[0][0] : undef }

# What a user reads: L.* from ko.hdf and ko.d/*.hdf, by dotted name.
my %L = %{ Madang::Test::lang_strings('ko') };
for my $f (glob "$Madang::Test::REPO/cs-templates/lang/ko.d/*.hdf") {
    open my $fh, '<:encoding(UTF-8)', $f or die "$f: $!";
    my @path;
    while (my $line = <$fh>) {
        next if $line =~ /^\s*(#|$)/;
        if ($line =~ /^\s*([A-Za-z0-9_.]+)\s*\{\s*$/) { push @path, $1 }
        elsif ($line =~ /^\s*\}\s*$/) { pop @path }
        elsif ($line =~ /^\s*([A-Za-z0-9_.]+)\s*=\s*(.*?)\s*$/) { $L{ join '.', @path, $1 } = $2 }
    }
}





# The staff page's form for $action (its hidden action field), or undef.
sub act_form {
    my ($html, $action) = @_;
    my ($f) = grep { ($_->{fields}{action} // '') eq $action } forms_of($html);
    return $f;
}



# Posts straight to $path with a valid CSRF token, as a hand-made form.
sub post_raw { my ($ua, @path_fields) = @_; return post_form($s, $ua, '/account', @path_fields) }

# Files a case as the citizen; returns (tracking, id).
my $citizen = $s->ua;
is Madang::Test::sign_in($s, $citizen, 'citizen', 'madang-citizen-2026')->code, 303, 'the citizen signs in';
sub file_case {
    my ($category, $title, $body, $public) = @_;
    return Madang::Test::file_case($s, $citizen, category => $category, title => $title, body => $body, public => $public);
}

sub state_of {
    my ($id) = @_;
    my ($row) = $s->sql("SELECT status, version, IFNULL(department_id, 0), extensions,"
        . " (SELECT COUNT(*) FROM answers WHERE case_id = $id),"
        . " (SELECT COUNT(*) FROM case_events WHERE case_id = $id),"
        . " (SELECT IFNULL(GROUP_CONCAT(account_id ORDER BY account_id), '') FROM case_handlers WHERE case_id = $id),"
        . " DATE_FORMAT(due_at, '%Y-%m-%d %H:%i:%s'), is_example"
        . " FROM cases WHERE id = $id");
    return join '|', map { $_ // '' } @$row;
}
sub status_of { my ($id) = @_; return $s->sql_value("SELECT status FROM cases WHERE id = $id") }
sub handlers_of {
    my ($id) = @_;
    return join ',', map { $_->[0] } $s->sql("SELECT a.login_id FROM case_handlers h JOIN accounts a"
        . " ON a.id = h.account_id WHERE h.case_id = $id ORDER BY a.login_id");
}
sub events_of {
    my ($id, $kind) = @_;
    return $s->sql_value("SELECT COUNT(*) FROM case_events WHERE case_id = $id AND kind = '$kind'");
}
sub trackings_in { my ($html) = @_; return { map { $_ => 1 } $html =~ m{/staff/cases/(\d{4}-\d{6})"}g } }

my %ua = map { $_ => signed_in($s, $_) } qw(road.lee road.park road.choi traffic.kim welfare.bae safety.ahn);
$ua{admin} = signed_in($s, 'admin', 'madang-admin-2026');
my %id = map { $_ => $s->account_id($_) } qw(road.lee road.park road.choi traffic.kim welfare.bae safety.ahn admin citizen);
my %who = reverse %id;

# ------------------------------------------------------------ life cycle

my $word = '싱크홀발견';
my ($a_tr, $a_id) = file_case(1, '보도 가운데가 꺼졌습니다', "마당로 12 앞 보도에 $word 흔적이 있습니다.\n위험합니다.");
is status_of($a_id), 'assigned', 'category 1 is assigned at filing (round-robin)';
my $first = handlers_of($a_id);
like $first, qr/^road\.(lee|park)$/, "... to one handler of 도로과 ($first)";
my ($b_tr, $b_id) = file_case(1, '횡단보도 신호등 버튼 고장', '누리동 사거리 신호등 버튼이 눌리지 않습니다.');
my $second = handlers_of($b_id);
like $second, qr/^road\.(lee|park)$/, 'the next one too';
isnt $second, $first, '... to the other handler: they take turns';
my $h = $ua{$first};
my $other = $ua{$second};

# The handler's inbox: my cases.
my $r = $h->get($s->url('/staff/cases?view=mine'));
is $r->code, 200, 'the inbox, my cases';
ok trackings_in(body_of($r))->{$a_tr}, "... lists $a_tr";
ok !trackings_in(body_of($r))->{$b_tr}, "... and not $b_tr, the other handler's";

# The case page, with the contact details (audited).
my $audits = $s->sql_value("SELECT COUNT(*) FROM audit_log WHERE action = 'view_contact'");
$r = $h->get($s->url("/staff/cases/$a_tr"));
is $r->code, 200, 'the handler opens the case';
my $html = body_of($r);
like $html, qr{<dd>\Q$L{'Status.assigned'}\E|status-assigned}, 'status: assigned';
like $html, qr{도로과}, 'the department';
my ($cit_name, $cit_email) = @{ ($s->sql("SELECT name, email FROM accounts WHERE id = $id{citizen}"))[0] };
like $html, qr{<dd>\Q$cit_email\E</dd>}, "the citizen's e-mail is shown";
like $html, qr{<dd>\Q$cit_name\E</dd>}, "... and the name";
like text_of($html), qr{\Q$L{'Dossier.Contact'}\E}, "... under the contact heading";
is $s->sql_value("SELECT COUNT(*) FROM audit_log WHERE action = 'view_contact'"), $audits + 1,
    'the view of the contact details is in the audit log';
is $s->sql_value("SELECT CONCAT(object_type, ':', object_id, ':', detail, ':', account_id) FROM audit_log"
    . " WHERE action = 'view_contact' ORDER BY id DESC LIMIT 1"),
    "account:$id{citizen}:case $a_tr:$id{$first}", '... naming the account, the case and the viewer';
ok act_form($html, 'start'), 'a form to start work';
ok act_form($html, 'answer'), 'a form to answer';
ok act_form($html, 'transfer'), 'a form to transfer';
ok !act_form($html, 'assign'), 'no form to assign: handlers do not assign';
ok !act_form($html, 'approve'), 'no form to approve';

# A handler of the department who does not handle the case reads it
# without the citizen's contact details; nothing is audited.
$audits = $s->sql_value("SELECT COUNT(*) FROM audit_log WHERE action = 'view_contact'");
$r = $other->get($s->url("/staff/cases/$a_tr"));
is $r->code, 200, "$second reads the colleague's case";
unlike body_of($r), qr{\Q$L{'Dossier.Contact'}\E}, '... without the contact details';
unlike body_of($r), qr{<dd>\Q$cit_name\E</dd>|\Q$cit_email\E}, '... nor the name in full';
is $s->sql_value("SELECT COUNT(*) FROM audit_log WHERE action = 'view_contact'"), $audits, '... and no audit entry';
ok !act_form(body_of($r), 'answer'), '... and cannot answer it';

# Start.
$r = act($s, $h, $a_tr, 'start');
is $r->code, 303, 'start work';
is status_of($a_id), 'in_progress', '... in progress';
$r = $h->follow($r);
like body_of($r), qr{\Q$L{'Act.Done.start'}\E}, '... says so';

# Extend: a new date with a reason; an earlier date is refused.
my $due = $s->sql_value("SELECT DATE_FORMAT(due_at, '%Y-%m-%d') FROM cases WHERE id = $a_id");
my $before = state_of($a_id);
$r = act($s, $h, $a_tr, 'extend', due_date => '2020-01-01', text => '현장 조사가 필요합니다');
is $r->code, 400, 'extending to an earlier date is refused';
like body_of($r), qr{\Q$L{'Act.Problem.bad_date'}\E}, '... with the reason';
like body_of($r), qr{현장 조사가 필요합니다}, '... keeping the typed reason';
is state_of($a_id), $before, '... and nothing changed';
my $new_due = $s->sql_value("SELECT DATE_FORMAT(DATE(due_at) + INTERVAL 7 DAY, '%Y-%m-%d') FROM cases WHERE id = $a_id");
$r = act($s, $h, $a_tr, 'extend', due_date => $new_due, text => '현장 조사가 필요합니다');
is $r->code, 303, 'extend the deadline';
is $s->sql_value("SELECT CONCAT(DATE_FORMAT(due_at, '%Y-%m-%d'), ' ', extensions) FROM cases WHERE id = $a_id"),
    "$new_due 1", "... to $new_due, once";
$r = act($s, $h, $a_tr, 'extend', due_date => $new_due, text => '');
is $r->code, 400, 'an extension without a reason is refused';
like body_of($r), qr{\Q$L{'Act.Problem.reason_required'}\E}, '... asking for the reason';

# Answer: stored as typed, shown escaped with its line breaks.
my $answer = "보도를 복구했습니다.\n<b>감사합니다</b> & 안녕히";
$r = act($s, $h, $a_tr, 'answer', text => $answer);
is $r->code, 303, 'answer';
is status_of($a_id), 'answered', '... answered';
(my $stored = $s->sql_value("SELECT body FROM answers WHERE case_id = $a_id AND status = 'sent'")) =~ s/\r\n/\n/g;
is $stored, $answer, '... stored as typed (the form sends CRLF line breaks, as browsers do)';

# The citizen's page: the timeline with departments and handlers, the
# answer escaped, no internal events.
$r = $citizen->get($s->url("/cases/$a_tr"));
$html = body_of($r);
is $r->code, 200, 'the citizen opens the case';
like $html, qr{<ol class="timeline">}, 'the timeline';
my ($timeline) = $html =~ m{<ol class="timeline">(.*?)</ol>}s;
like $timeline, qr{\Q$L{'Event.answered'}\E.*도로과}s, '... the answer with its department';
my $handler_name = $s->sql_value("SELECT name FROM accounts WHERE id = $id{$first}");
like $timeline, qr{\Q$handler_name\E}, "... and the handler's name ($handler_name)";
like $timeline, qr{&lt;b&gt;감사합니다&lt;/b&gt; &amp; 안녕히}, '... the answer text escaped';
unlike $timeline, qr{<b>감사합니다}, '... never as markup';
like $timeline, qr{보도를 복구했습니다.\n&lt;b&gt;}, '... with its line break';
like $timeline, qr{\Q$L{'Event.extended'}\E}, '... the extension (public)';
unlike $timeline, qr{\Q$L{'Event.note'}\E}, '... no internal note';

# The office shows the role instead of names.
$s->sql("UPDATE settings SET value = 'role' WHERE name = 'timeline.show'");
$r = $citizen->get($s->url("/cases/$a_tr"));
($timeline) = body_of($r) =~ m{<ol class="timeline">(.*?)</ol>}s;
unlike $timeline, qr{\Q$handler_name\E}, "with 'timeline.show' = role: no staff name";
like $timeline, qr{\Q$L{'Timeline.Role'}\E}, '... the role instead';
$s->sql("UPDATE settings SET value = 'name' WHERE name = 'timeline.show'");

# The citizen closes it, then reopens it with a reason.
my $page = $citizen->get($s->url("/cases/$a_tr"));
my ($close) = grep { ($_->{fields}{action} // '') eq 'close' } forms_of(body_of($page));
ok $close, 'the citizen may accept and close';
$r = submit_form($s, $citizen, $close);
is $r->code, 303, 'the citizen closes the case';
is status_of($a_id), 'closed', '... closed';
like body_of($citizen->follow($r)), qr{\Q$L{'CaseAct.Done.close'}\E}, '... and is thanked';
$page = $citizen->get($s->url("/cases/$a_tr"));
my ($reopen) = grep { ($_->{fields}{action} // '') eq 'reopen' } forms_of(body_of($page));
ok $reopen, 'the citizen may reopen within the period';
$r = submit_form($s, $citizen, $reopen, text => '');
is $r->code, 400, 'reopening without a reason is refused';
like body_of($r), qr{\Q$L{'Act.Problem.reason_required'}\E}, '... asking for it';
is status_of($a_id), 'closed', '... still closed';
$r = submit_form($s, $citizen, $reopen, text => '다시 꺼졌습니다');
is $r->code, 303, 'reopen with a reason';
is status_of($a_id), 'in_progress', '... in progress again';
is events_of($a_id, 'reopened'), 1, "... with a 'reopened' event";
# Past the period: no form, and the action is refused.
$s->sql("UPDATE cases SET status = 'answered', answered_at = NOW() - INTERVAL 30 DAY, version = version + 1 WHERE id = $a_id");
$page = $citizen->get($s->url("/cases/$a_tr"));
ok !(grep { ($_->{fields}{action} // '') eq 'reopen' } forms_of(body_of($page))), 'after the period no reopen form';
$r = submit_form($s, $citizen, { action => "/cases/$a_tr/act", fields => { %{ $reopen->{fields} },
    version => $s->sql_value("SELECT version FROM cases WHERE id = $a_id") } }, text => '또 꺼졌습니다');
is $r->code, 400, '... and a reopen is refused';
like body_of($r), qr{\Q$L{'Act.Problem.reopen_expired'}\E}, '... saying the period is over';
is status_of($a_id), 'answered', '... nothing changed';

# Another citizen's case cannot be acted on (it does not exist for them).
my $stranger = $s->ua;
my ($reg, $acct) = Madang::Test::register_citizen($s, $stranger);
$r = post_raw($stranger, "/cases/$b_tr/act", action => 'withdraw', version => 1);
is $r->code, 404, "another citizen cannot withdraw $b_tr";
is status_of($b_id), 'assigned', '... nothing changed';

# ------------------------------------------------------------ forbidden action, clear message

my $closed_tr = $s->sql_value("SELECT tracking_no FROM cases c WHERE status = 'closed' AND department_id = 4 LIMIT 1");
my $closed_id = $s->sql_value("SELECT id FROM cases WHERE tracking_no = '$closed_tr'");
$before = state_of($closed_id);
$r = post_raw($ua{'road.choi'}, "/staff/cases/$closed_tr/act", action => 'start',
    version => $s->sql_value("SELECT version FROM cases WHERE id = $closed_id"));
is $r->code, 400, 'starting a closed case is refused';
like body_of($r), qr{\Q$L{'Act.Problem.not_allowed'}\E}, '... with a clear message';
is state_of($closed_id), $before, '... and nothing changed';

# ------------------------------------------------------------ transfer and send back

$r = act($s, $other, $b_tr, 'transfer', department => 5, text => '');
is $r->code, 400, 'a transfer without a reason is refused';
like body_of($r), qr{\Q$L{'Act.Problem.reason_required'}\E}, '... asking for it';
is $s->sql_value("SELECT department_id FROM cases WHERE id = $b_id"), 4, '... still 도로과';
$r = act($s, $other, $b_tr, 'transfer', department => 5, text => '신호등은 교통행정과 소관입니다');
is $r->code, 303, 'transfer to 교통행정과 with a reason';
like $r->header('Location'), qr{^/staff/cases\?moved=\Q$b_tr\E$}, '... back to the inbox (the case left the scope)';
like body_of($other->follow($r)), qr{\Q$L{'Msg.StaffMoved'}\E}, '... which says so';
is $s->sql_value("SELECT department_id FROM cases WHERE id = $b_id"), 5, '... now in 교통행정과';
is handlers_of($b_id), 'traffic.kim', "... and its rule gave it to traffic.kim";
is $other->get($s->url("/staff/cases/$b_tr"))->code, 404, 'the old handler no longer reads it';
$r = $ua{'traffic.kim'}->get($s->url('/staff/cases'));
ok trackings_in(body_of($r))->{$b_tr}, "... it is in traffic.kim's inbox";
$r = act($s, $ua{'traffic.kim'}, $b_tr, 'send_back', text => '버튼은 도로과에서 관리합니다');
is $r->code, 303, 'traffic.kim sends it back with a reason';
is $s->sql_value("SELECT department_id FROM cases WHERE id = $b_id"), 4, '... back in 도로과';
like handlers_of($b_id), qr/^road\.(lee|park)$/, '... given to a handler of 도로과 again';
$r = $citizen->get($s->url("/cases/$b_tr"));
($timeline) = body_of($r) =~ m{<ol class="timeline">(.*?)</ol>}s;
like $timeline, qr{\Q$L{'Event.transferred'}\E.*도로과 → 교통행정과.*신호등은 교통행정과 소관입니다}s,
    'the citizen sees the transfer between the departments, with its reason';
like $timeline, qr{\Q$L{'Event.sent_back'}\E.*교통행정과 → 도로과}s, '... and its sending back';

# ------------------------------------------------------------ approval (category 7)

my ($c_tr, $c_id) = file_case(7, '기초연금 신청 문의', '어머니 기초연금 신청 방법을 알고 싶습니다.');
is status_of($c_id), 'received', 'category 7 (manual) waits for a manager';
$r = act($s, $ua{admin}, $c_tr, 'assign', handler => $id{'welfare.bae'});
is $r->code, 303, 'the supervisor assigns welfare.bae';
is handlers_of($c_id), 'welfare.bae', '... assigned';
$page = $ua{'welfare.bae'}->get($s->url("/staff/cases/$c_tr"));
ok act_form(body_of($page), 'submit'), 'welfare.bae may submit an answer for approval';
ok !act_form(body_of($page), 'answer'), '... but not send one directly';
$r = submit_form($s, $ua{'welfare.bae'}, { action => "/staff/cases/$c_tr/act",
    fields => { %{ act_form(body_of($page), 'submit')->{fields} }, action => 'answer' } }, text => '바로 보냅니다');
is $r->code, 400, 'a direct answer (a hand-made form) is refused';
like body_of($r), qr{\Q$L{'Act.Problem.needs_approval'}\E}, '... it needs approval';
$r = act($s, $ua{'welfare.bae'}, $c_tr, 'submit', text => '행정복지센터에서 신청하실 수 있습니다.');
is $r->code, 303, 'submit for approval';
is status_of($c_id), 'approval', '... awaiting approval';
$r = $citizen->get($s->url("/cases/$c_tr"));
unlike body_of($r), qr{행정복지센터에서 신청하실 수 있습니다}, 'the citizen does not see the draft';
unlike body_of($r), qr{\Q$L{'Event.answer_submitted'}\E}, '... nor the internal event';
$r = act($s, $ua{admin}, $c_tr, 'return_answer', text => '신청 기간도 알려 주세요');
is $r->code, 303, 'the manager returns the draft';
is status_of($c_id), 'in_progress', '... back in progress';
$r = act($s, $ua{'welfare.bae'}, $c_tr, 'submit', text => "행정복지센터에서 신청하실 수 있습니다.\n신청은 언제든 가능합니다.");
is $r->code, 303, 'submit again';
$r = act($s, $ua{admin}, $c_tr, 'approve');
is $r->code, 303, 'the manager approves';
is status_of($c_id), 'answered', '... answered';
is $s->sql_value("SELECT approved_by FROM answers WHERE case_id = $c_id AND status = 'sent'"), $id{admin}, '... approved by the manager';
like body_of($citizen->get($s->url("/cases/$c_tr"))), qr{신청은 언제든 가능합니다}, 'the citizen sees the approved answer';

# ------------------------------------------------------------ compound case (category 8)

my ($d_tr, $d_id) = file_case(8, '옹벽 균열과 보도 침하', '가람로 옹벽에 금이 가고 그 앞 보도가 내려앉았습니다.');
is $s->sql_value("SELECT GROUP_CONCAT(CONCAT(department_id, ':', role) ORDER BY role) FROM case_departments WHERE case_id = $d_id"),
    '15:lead,4:joint', 'category 8: 재난안전과 leads, 도로과 joins';
$r = act($s, $ua{admin}, $d_tr, 'assign', handler => $id{'safety.ahn'});
is $r->code, 303, 'the supervisor assigns safety.ahn';
$r = act($s, $ua{'safety.ahn'}, $d_tr, 'answer', text => '점검하겠습니다');
is $r->code, 400, 'the lead cannot answer before the joint part';
like body_of($r), qr{\Q$L{'Act.Problem.parts_open'}\E}, '... saying the parts are open';
$page = $ua{'road.choi'}->get($s->url("/staff/cases/$d_tr"));
is $page->code, 200, "도로과's manager reads the compound case";
ok !act_form(body_of($page), 'answer'), '... has no answer form (the lead answers)';
ok !act_form(body_of($page), 'transfer'), '... nor a transfer form';
$before = state_of($d_id);
$r = post_raw($ua{'road.choi'}, "/staff/cases/$d_tr/act", action => 'answer',
    version => $s->sql_value("SELECT version FROM cases WHERE id = $d_id"), text => '보도는 고쳤습니다');
is $r->code, 403, "... and a hand-made answer is refused";
like body_of($r), qr{\Q$L{'Act.Problem.denied'}\E}, '... as not theirs to do';
is state_of($d_id), $before, '... nothing changed';
my ($part) = grep { $_->{action} eq "/staff/cases/$d_tr/part" } forms_of(body_of($page));
ok $part, '... but a form for the joint part';
$r = submit_form($s, $ua{'road.choi'}, $part, part => '보도 침하 구간은 다음 주에 복구합니다.');
is $r->code, 303, 'the joint part is sent';
is $s->sql_value("SELECT part_status FROM case_departments WHERE case_id = $d_id AND department_id = 4"), 'submitted', '... submitted';
$page = $ua{'safety.ahn'}->get($s->url("/staff/cases/$d_tr"));
like body_of($page), qr{보도 침하 구간은 다음 주에 복구합니다}, 'the lead sees the part';
$r = act($s, $ua{'safety.ahn'}, $d_tr, 'answer', text => "옹벽은 보강하고, 보도는 도로과가 복구합니다.");
is $r->code, 303, 'the lead answers';
is status_of($d_id), 'answered', '... answered';
unlike body_of($citizen->get($s->url("/cases/$d_tr"))), qr{\Q$L{'Event.part_submitted'}\E},
    'the joint part is internal';

# ------------------------------------------------------------ withdraw

my ($e_tr, $e_id) = file_case(1, '가로수 가지 정리 요청', '가로수 가지가 창문을 가립니다.');
$page = $citizen->get($s->url("/cases/$e_tr"));
like body_of($page), qr{href="/cases/$e_tr/withdraw"}, 'the citizen may withdraw before the answer';
# Withdrawing is confirmed on a page of its own (t/e2e/75-pages.t).
$page = $citizen->get($s->url("/cases/$e_tr/withdraw"));
my ($withdraw) = grep { ($_->{fields}{action} // '') eq 'withdraw' } forms_of(body_of($page));
ok $withdraw, '... from its confirmation step';
$r = submit_form($s, $citizen, $withdraw, text => '이미 정리되었습니다');
is $r->code, 303, 'withdraw';
is status_of($e_id), 'withdrawn', '... withdrawn';
$r = submit_form($s, $citizen, $withdraw);
is $r->code, 409, 'withdrawing again from the old page is refused';
like body_of($r), qr{\Q$L{'Act.Problem.changed'}\E}, '... the case changed meanwhile';
$r = submit_form($s, $citizen, $withdraw, version => $s->sql_value("SELECT version FROM cases WHERE id = $e_id"));
is $r->code, 400, 'withdrawing a withdrawn case is refused';
like body_of($r), qr{\Q$L{'Act.Problem.not_allowed'}\E}, '... with a clear message';
is status_of($e_id), 'withdrawn', '... still withdrawn';
$page = $citizen->get($s->url("/cases/$e_tr"));
ok !(grep { ($_->{fields}{action} // '') =~ /^(withdraw|close|reopen)$/ } forms_of(body_of($page))), '... and no form is left';

# ------------------------------------------------------------ optimistic locking

my ($f_tr, $f_id) = file_case(1, '맨홀 뚜껑 덜컹거림', '맨홀 뚜껑이 차가 지날 때마다 덜컹거립니다.');
my $fh = $ua{ handlers_of($f_id) };
my $page1 = $fh->get($s->url("/staff/cases/$f_tr"));              # the handler
my $page2 = $ua{'road.choi'}->get($s->url("/staff/cases/$f_tr"));  # the manager
is act_form(body_of($page1), 'answer')->{fields}{version}, act_form(body_of($page2), 'answer')->{fields}{version},
    'two staff members load the case at the same version';
$r = submit_form($s, $ua{'road.choi'}, act_form(body_of($page2), 'start'));
is $r->code, 303, 'the manager starts work first';
$before = state_of($f_id);
$r = submit_form($s, $fh, act_form(body_of($page1), 'answer'), text => '뚜껑을 고정했습니다 — 잃어버리면 안 되는 글');
is $r->code, 409, "the handler's answer on the old version is refused";
$html = body_of($r);
like $html, qr{\Q$L{'Act.Problem.changed'}\E}, '... saying the case changed meanwhile';
like $html, qr{status-in_progress}, '... showing the new state';
like $html, qr{뚜껑을 고정했습니다 — 잃어버리면 안 되는 글}, '... keeping what was typed';
is state_of($f_id), $before, '... nothing was written';
my $fresh = act_form($html, 'answer');
isnt $fresh->{fields}{version}, act_form(body_of($page1), 'answer')->{fields}{version}, '... the form carries the new version';
$r = submit_form($s, $fh, $fresh, text => '뚜껑을 고정했습니다');
is $r->code, 303, 'sent again, the answer goes through';
is status_of($f_id), 'answered', '... answered once';
is $s->sql_value("SELECT COUNT(*) FROM answers WHERE case_id = $f_id"), 1, '... one answer, no lost update';

# ------------------------------------------------------------ permission boundaries

my ($g_tr, $g_id) = file_case(1, '과속방지턱 도색 벗겨짐', "과속방지턱 도색이 벗겨져 밤에 보이지 않습니다. 경계석파손도 있습니다.");
my $kim = $ua{'traffic.kim'};
is $kim->get($s->url("/staff/cases/$g_tr"))->code, 404, "traffic.kim (교통행정과) gets 404 for 도로과's $g_tr";
my $version = $s->sql_value("SELECT version FROM cases WHERE id = $g_id");
$before = state_of($g_id);
my $log_before = $s->sql_value('SELECT COUNT(*) FROM audit_log');
for my $try ([act => [action => 'answer', version => $version, text => '제가 답합니다']],
             [act => [action => 'assign', version => $version, handler => $id{'traffic.kim'}]],
             [act => [action => 'transfer', version => $version, department => 5, text => '가져갑니다']],
             [act => [action => 'start', version => $version]],
             [act => [action => 'reject', version => $version, text => '반려']],
             [note => [note => '메모']], [message => [message => '메시지']],
             [part => [part => '회신', department => 4]], [example => [example => 1]]) {
    my ($what, $fields) = @$try;
    $r = post_raw($kim, "/staff/cases/$g_tr/$what", @$fields);
    my $label = $what eq 'act' ? "$what ($fields->[1])" : $what;
    is $r->code, 404, "traffic.kim: $label on $g_tr by a hand-made form: 404";
}
is state_of($g_id), $before, '... nothing changed in the case';
is $s->sql_value("SELECT COUNT(*) FROM case_messages WHERE case_id = $g_id"), 0, '... no message';
is $s->sql_value('SELECT COUNT(*) FROM audit_log'), $log_before, '... nothing audited';
for my $view (qw(department mine overdue due_soon)) {
    $r = $kim->get($s->url("/staff/cases?view=$view"));
    is $r->code, 200, "traffic.kim's inbox ($view)";
    ok !trackings_in(body_of($r))->{$g_tr}, "... does not list $g_tr";
}
$r = $kim->get($s->url('/staff/cases?q=' . uri_escape_utf8('경계석파손')));
ok !trackings_in(body_of($r))->{$g_tr}, "... nor does its search for ${g_tr}'s words";
is $kim->get($s->url('/staff/cases?view=unplaced'))->code, 403, 'the unplaced view is for supervisors';
$r = post_raw($kim, '/staff/cases/bulk', op => 'transfer', department => 5, reason => '일괄 이첩', case => "$g_tr:$version");
is $r->code, 200, 'a bulk transfer naming the case';
like text_of(body_of($r)), qr{\Q$g_tr\E:\d+: \Q$L{'Act.Problem.notfound'}\E}, '... reports it as not found';
is state_of($g_id), $before, '... nothing changed';
# A handler cannot assign, even within their department.
$r = post_raw($ua{'road.lee'}, "/staff/cases/$g_tr/act", action => 'assign', version => $version, handler => $id{'road.lee'});
is $r->code, 403, 'a handler cannot assign';
like body_of($r), qr{\Q$L{'Act.Problem.denied'}\E}, '... with a clear message';
is state_of($g_id), $before, '... nothing changed';

# ------------------------------------------------------------ inbox: search, views, bulk

my $lee = $ua{'road.lee'};
for my $q ('경계석파손', '경계석', '석파', '과속방지턱', '도색이') {
    $r = $lee->get($s->url('/staff/cases?q=' . uri_escape_utf8($q)));
    is $r->code, 200, "search: $q";
    ok trackings_in(body_of($r))->{$g_tr}, "... finds $g_tr (a word or a part of one, title or body)";
}
$r = $lee->get($s->url('/staff/cases?q=' . uri_escape_utf8('경계석파손 과속방지턱')));
ok trackings_in(body_of($r))->{$g_tr}, 'two words: both must be there';
$r = $lee->get($s->url('/staff/cases?q=' . uri_escape_utf8('경계석파손 없는낱말')));
ok !trackings_in(body_of($r))->{$g_tr}, '... a missing one finds nothing';
$r = $lee->get($s->url('/staff/cases?q=' . uri_escape_utf8('"+-*()<>~') ));
is $r->code, 200, 'search operators in the words are harmless';
for my $q ('""', '   ') {
    $r = $lee->get($s->url('/staff/cases?q=' . uri_escape_utf8($q)));
    is $r->code, 200, "a search for <$q>";
    like body_of($r), qr{\Q$L{'List.Total'}\E 0}, '... finds nothing';
}
$r = $lee->get($s->url('/staff/cases?status=answered&sort=due&dir=asc'));
is $r->code, 200, 'filter by status, sort by deadline';
my @listed = body_of($r) =~ m{<td data-label="[^"]*">(\d{4}-\d{6})</td>}g;
ok @listed > 0, '... lists cases';
is $s->sql_value("SELECT COUNT(*) FROM cases WHERE status <> 'answered' AND tracking_no IN ("
    . join(',', map { "'$_'" } @listed) . ")"), 0, '... only answered ones';
my @dues = map { $s->sql_value("SELECT IFNULL(due_at, '') FROM cases WHERE tracking_no = '$_'") } @listed;
is_deeply \@dues, [ sort @dues ], '... in deadline order';
is $lee->get($s->url('/staff/cases?sort=title'))->code, 400, 'an unknown sort is refused';
is $lee->get($s->url('/staff/cases?status=nope'))->code, 400, 'an unknown status is refused';
$r = $lee->get($s->url('/staff/cases?from=2026-13-45'));
is $r->code, 400, 'a bad date in the filter';
like body_of($r), qr{\Q$L{'Err.staff_date'}\E}, '... is shown beside its field';
$r = $lee->get($s->url('/staff/cases?view=overdue'));
my $overdue = trackings_in(body_of($r));
is sql_kst_value("SELECT COUNT(*) FROM cases WHERE due_at >= NOW() AND tracking_no IN ("
    . join(',', map { "'$_'" } keys %$overdue, '0') . ")"), 0, 'the overdue view lists only overdue cases';
like body_of($r), qr{\Q$L{'Inbox.Overdue'}\E}, '... marked overdue';
$r = $lee->get($s->url('/staff/cases?channel=web&category=1&from=2020-01-01&to=2099-12-31&overdue=1'));
is $r->code, 200, 'every filter at once';

# Each row of the inbox says its channel, as text under the column's name.
$s->sql("UPDATE cases SET channel = 'sms' WHERE id = $g_id");
$r = $lee->get($s->url('/staff/cases?channel=sms'));
like body_of($r), qr{<th scope="col">\Q$L{'Inbox.ChannelLabel'}\E</th>}, 'the inbox has a channel column';
like body_of($r), qr{\Q$g_tr\E</td>.*?<td data-label="\Q$L{'Inbox.ChannelLabel'}\E">\Q$L{'Inbox.Channel.sms'}\E</td>}s,
    "... saying $g_tr came by text message";
my $lee_en = signed_in($s, 'road.lee');
$lee_en->cookie_jar->set_cookie(0, 'lang', 'en', '/', '127.0.0.1', $s->port);
my %L_en = %{ Madang::Test::lang_strings('en') };
like body_of($lee_en->get($s->url('/staff/cases?channel=sms'))),
    qr{<td data-label="\Q$L_en{'Inbox.ChannelLabel'}\E">\Q$L_en{'Inbox.Channel.sms'}\E</td>}, '... and in English';
$s->sql("UPDATE cases SET channel = 'web' WHERE id = $g_id");

# Bulk assign (managers): two cases, one with a stale version.
my ($h1_tr, $h1_id) = file_case(1, '보도블록 들뜸', '보도블록이 들떠 걸려 넘어질 뻔했습니다.');
my ($h2_tr, $h2_id) = file_case(1, '도로 물고임', '비가 오면 도로에 물이 고입니다.');
my $v1 = $s->sql_value("SELECT version FROM cases WHERE id = $h1_id");
my $v2 = $s->sql_value("SELECT version FROM cases WHERE id = $h2_id");
$r = post_raw($lee, '/staff/cases/bulk', op => 'assign', handler => $id{'road.park'}, case => "$h1_tr:$v1");
is $r->code, 403, 'handlers cannot bulk-assign';
$r = $ua{'road.choi'}->get($s->url('/staff/cases'));
my ($bulk) = grep { $_->{action} eq '/staff/cases/bulk' } forms_of(body_of($r));
ok $bulk, "the manager's inbox has the bulk form";
$r = $ua{'road.choi'}->post($s->url('/staff/cases/bulk'), [ map { bytes_of($_) } %{ $bulk->{fields} },
    op => 'assign', handler => $id{'road.park'}, case => "$h1_tr:$v1", case => "$h2_tr:" . ($v2 + 5) ]);
is $r->code, 200, 'bulk assign';
$html = text_of(body_of($r));
like $html, qr{\Q$L{'Inbox.Bulk.Done'}\E 1 · \Q$L{'Inbox.Bulk.Failed'}\E 1}, '... one done, one not';
like $html, qr{\Q$h2_tr\E:\d+: \Q$L{'Act.Problem.changed'}\E}, '... the stale one changed meanwhile';
is handlers_of($h1_id), 'road.park', "... $h1_tr is road.park's";
is $s->sql_value("SELECT version FROM cases WHERE id = $h2_id"), $v2, "... $h2_tr untouched";
$r = $ua{'road.choi'}->post($s->url('/staff/cases/bulk'), [ map { bytes_of($_) } %{ $bulk->{fields} },
    op => 'transfer', department => 8, reason => '', case => "$h2_tr:$v2" ]);
is $r->code, 400, 'a bulk transfer without a reason';
like body_of($r), qr{\Q$L{'Err.required'}\E}, '... asks for it';
$r = $ua{'road.choi'}->post($s->url('/staff/cases/bulk'), [ map { bytes_of($_) } %{ $bulk->{fields} },
    op => 'transfer', department => 8, reason => '청소행정과 소관', case => "$h2_tr:$v2" ]);
is $r->code, 200, 'bulk transfer with a reason';
is $s->sql_value("SELECT department_id FROM cases WHERE id = $h2_id"), 8, '... moved to 청소행정과';

# ------------------------------------------------------------ notes, thread, example case

my $gh = $ua{ handlers_of($g_id) };
$r = $gh->get($s->url("/staff/cases/$g_tr"));
my ($note) = grep { $_->{action} eq "/staff/cases/$g_tr/note" } forms_of(body_of($r));
ok $note, 'a note form';
$r = submit_form($s, $gh, $note, note => '');
is $r->code, 400, 'an empty note is refused';
like body_of($r), qr{\Q$L{'Err.required'}\E}, '... beside its field';
$r = submit_form($s, $gh, $note, note => '현장 사진 필요 <script>');
is $r->code, 303, 'a note is saved';
like body_of($gh->follow($r)), qr{현장 사진 필요 &lt;script&gt;}, '... shown escaped to staff';
unlike body_of($citizen->get($s->url("/cases/$g_tr"))), qr{현장 사진 필요}, '... never to the citizen';
my ($msg) = grep { $_->{action} eq "/staff/cases/$g_tr/message" } forms_of(body_of($gh->get($s->url("/staff/cases/$g_tr"))));
$r = submit_form($s, $gh, $msg, message => '교통행정과 의견 부탁드립니다');
is $r->code, 303, 'a message in the thread';
is $s->sql_value("SELECT body FROM case_messages WHERE case_id = $g_id"), '교통행정과 의견 부탁드립니다', '... stored';
unlike body_of($citizen->get($s->url("/cases/$g_tr"))), qr{교통행정과 의견}, '... never shown to the citizen';

# Example case: managers, public answered cases only; audited.
$r = $ua{'road.choi'}->get($s->url("/staff/cases/$f_tr"));
my ($ex) = grep { $_->{action} eq "/staff/cases/$f_tr/example" } forms_of(body_of($r));
ok $ex, 'the manager may publish an answered public case as an example';
ok !(grep { $_->{action} eq "/staff/cases/$f_tr/example" } forms_of(body_of($lee->get($s->url("/staff/cases/$f_tr"))))),
    '... a handler may not';
$r = submit_form($s, $ua{'road.choi'}, $ex);
is $r->code, 303, 'published';
is $s->sql_value("SELECT is_example FROM cases WHERE id = $f_id"), 1, '... is_example';
is $s->sql_value("SELECT COUNT(*) FROM audit_log WHERE object_type = 'case' AND object_id = '$f_tr' AND action = 'example_on'"),
    1, '... audited';
my ($p_tr, $p_id) = file_case(1, '비공개 민원', '비공개로 신청합니다.', 0);
$s->sql("UPDATE cases SET status = 'answered' WHERE id = $p_id");
$r = post_raw($ua{'road.choi'}, "/staff/cases/$p_tr/example", example => 1);
is $r->code, 400, 'a private case cannot be an example';
like body_of($r), qr{\Q$L{'Act.Problem.example_private'}\E}, '... says why';
is $s->sql_value("SELECT is_example FROM cases WHERE id = $p_id"), 0, '... unchanged';

# ------------------------------------------------------------ absences

$r = $lee->get($s->url('/staff/absences'));
is $r->code, 200, 'the absences page';
my ($add) = grep { $_->{action} eq '/staff/absences' } forms_of(body_of($r));
my $today = sql_kst_value("SELECT DATE_FORMAT(CURDATE(), '%Y-%m-%d')");
my $in3 = sql_kst_value("SELECT DATE_FORMAT(CURDATE() + INTERVAL 3 DAY, '%Y-%m-%d')");
$r = submit_form($s, $lee, $add, kind => 'leave', first => $today, last => $in3, substitute => $id{'traffic.kim'});
is $r->code, 400, 'a substitute from another department is refused';
like body_of($r), qr{\Q$L{'Err.absence_bad_substitute'}\E}, '... beside the field';
$r = submit_form($s, $lee, $add, kind => 'leave', first => $in3, last => $today, substitute => $id{'road.park'});
is $r->code, 400, 'the last day before the first is refused';
$r = submit_form($s, $lee, $add, kind => 'leave', first => '2026-02-30', last => $in3, substitute => $id{'road.park'});
is $r->code, 400, 'a first day that is no date is refused';
like body_of($r), qr{\Q$L{'Err.date'}\E}, '... beside the field';
my @open = map { $_->[0] } $s->sql("SELECT h.case_id FROM case_handlers h JOIN cases c ON c.id = h.case_id"
    . " WHERE h.account_id = $id{'road.lee'} AND c.status IN ('received','assigned','in_progress','approval')");
$r = submit_form($s, $lee, $add, kind => 'training', first => $today, last => $in3, substitute => $id{'road.park'}, handover => 1);
is $r->code, 303, 'road.lee records training with road.park as substitute, handing over now';
is $s->sql_value("SELECT COUNT(*) FROM case_handlers WHERE account_id = $id{'road.lee'} AND case_id IN ("
    . join(',', @open, 0) . ")"), 0, "... road.lee's open cases (" . scalar(@open) . ") left them";
is $s->sql_value("SELECT COUNT(*) FROM case_events WHERE kind = 'substituted' AND target_account_id = $id{'road.park'}"
    . " AND case_id IN (" . join(',', @open, 0) . ")"), scalar(@open), "... each to road.park with a 'substituted' event";
my ($n1_tr, $n1_id) = file_case(1, '가로등 깜빡임 1', '가로등이 깜빡입니다.');
my ($n2_tr, $n2_id) = file_case(1, '가로등 깜빡임 2', '가로등이 또 깜빡입니다.');
is handlers_of($n1_id) . ' ' . handlers_of($n2_id), 'road.park road.park', 'new cases skip the absent road.lee';
my $future = sql_kst_value("SELECT DATE_FORMAT(CURDATE() + INTERVAL 20 DAY, '%Y-%m-%d')");
$r = submit_form($s, $lee, $add, kind => 'leave', first => $future, last => $future, substitute => $id{'road.park'});
is $r->code, 303, 'a future absence';
my $future_id = $s->sql_value("SELECT id FROM absences WHERE account_id = $id{'road.lee'} ORDER BY starts_at DESC LIMIT 1");
$r = $ua{'road.choi'}->get($s->url('/staff/absences'));
like body_of($r), qr{이도로}, "the manager sees road.lee's absences";
is post_raw($kim, "/staff/absences/$future_id/delete")->code, 404, 'someone of another department cannot delete it';
$r = post_raw($lee, "/staff/absences/$future_id/delete");
is $r->code, 303, 'road.lee deletes the future absence';
is $s->sql_value("SELECT COUNT(*) FROM absences WHERE id = $future_id"), 0, '... gone';
my $current_id = sql_kst_value("SELECT id FROM absences WHERE account_id = $id{'road.lee'} AND starts_at <= NOW()");
$r = post_raw($lee, "/staff/absences/$current_id/delete");
is $r->code, 400, 'an absence that has begun cannot be deleted';
like body_of($r), qr{\Q$L{'Msg.AbsenceStarted'}\E}, '... says so';

# ------------------------------------------------------------ pages in English

$r = $ua{'road.choi'}->post($s->url('/lang'), [csrf => $s->csrf_from($ua{'road.choi'}->get($s->url('/account'))),
    lang => 'en', back => '/staff/cases']);
$r = $ua{'road.choi'}->get($s->url("/staff/cases/$f_tr"));
like body_of($r), qr{<html lang="en">}, 'the staff case page in English';
like text_of(body_of($r)), qr{Full history}, '... with its history';
$r = $ua{'road.choi'}->get($s->url('/staff/cases'));
like text_of(body_of($r)), qr{My departments' cases}, 'the inbox in English';

$s->stop;
done_testing;
