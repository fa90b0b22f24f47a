# SPDX-License-Identifier: AGPL-3.0-or-later
# 130-callcentre.t: the call centre's console (상담원 콘솔, issue 10 §3)
# walked over HTTP as an agent: a phone system's screen pop
# (/staff/callcentre?caller=NUMBER, in any Korean format) leads straight to
# the caller's history (cases with status and last contact, earlier calls,
# ratings), every view of the caller's personal data in the audit log; the
# search by name, e-mail and tracking number; a call note on a case (the
# calls table and the case's history); a case filed by telephone for a
# known caller and for a new one who called from a landline (channel
# 'phone', filed by the agent, routed, the consent given by telephone
# recorded with the agent and the time; without the consent nothing is
# stored). Refused as a citizen, as a handler without the call centre's
# ability, and (per caller and per case) as an agent of another department,
# who still finds a caller they filed for in another department's field.
use strict;
use warnings;
use utf8;
use Test::More;
use Madang::Test qw(body_of text_of L);
use Madang::Staff;

binmode $_, ':encoding(UTF-8)'
    for map { Test::More->builder->$_ } qw(output failure_output todo_output);

my $s = Madang::Test->start(seed => 1);

my $ROAD = 4;       # 도로과
my $TRAFFIC = 5;    # 교통행정과

# A demo citizen with a case in 도로과 and one in 교통행정과, and a
# citizen whose cases are all outside 도로과.
my ($caller_id) = map { $_->[0] } $s->sql("SELECT a.id FROM accounts a WHERE a.kind = 'citizen'"
    . " AND EXISTS (SELECT 1 FROM cases c WHERE c.account_id = a.id AND c.department_id = $ROAD)"
    . " AND EXISTS (SELECT 1 FROM cases c WHERE c.account_id = a.id AND c.department_id = $TRAFFIC)"
    . " AND a.mobile IS NOT NULL ORDER BY a.id LIMIT 1");
ok $caller_id, "a caller with cases in 도로과 and 교통행정과 ($caller_id)" or BAIL_OUT('no such citizen in the demo');
my ($name, $email, $mobile) = @{ ($s->sql("SELECT name, email, mobile FROM accounts WHERE id = $caller_id"))[0] };
my $road_tracking = $s->sql_value("SELECT tracking_no FROM cases WHERE account_id = $caller_id AND department_id = $ROAD ORDER BY id LIMIT 1");
my $road_case = $s->sql_value("SELECT id FROM cases WHERE tracking_no = '$road_tracking'");
my $traffic_tracking = $s->sql_value("SELECT tracking_no FROM cases WHERE account_id = $caller_id AND department_id = $TRAFFIC ORDER BY id LIMIT 1");
my $traffic_case = $s->sql_value("SELECT id FROM cases WHERE tracking_no = '$traffic_tracking'");
my ($other_id) = map { $_->[0] } $s->sql("SELECT a.id FROM accounts a WHERE a.kind = 'citizen' AND a.mobile IS NOT NULL"
    . " AND EXISTS (SELECT 1 FROM cases c WHERE c.account_id = a.id)"
    . " AND NOT EXISTS (SELECT 1 FROM cases c JOIN case_departments cd ON cd.case_id = c.id"
    . "  WHERE c.account_id = a.id AND cd.department_id = $ROAD) ORDER BY a.id LIMIT 1");
ok $other_id, "a caller with no case in 도로과 ($other_id)";
my $other_mobile = $s->sql_value("SELECT mobile FROM accounts WHERE id = $other_id");
(my $intl = $mobile) =~ s/^0/+82 /;
(my $dashed = $mobile) =~ s/^(\d{3})(\d{4})(\d{4})$/$1-$2-$3/;

# A low rating on the 도로과 case: the history shows it, waiting for a call.
$s->sql("INSERT INTO satisfaction (case_id, nonce, created_at, rated_at, rating, comment, callback_state) VALUES"
    . " ($road_case, REPEAT('c', 32), NOW(), NOW(), 2, '아직 움푹 파여 있어요', 'pending')");

sub views_of {
    my ($agent, $account) = @_;
    return $s->sql_value("SELECT COUNT(*) FROM audit_log WHERE account_id = $agent AND object_type = 'account'"
        . " AND object_id = '$account' AND action = 'view_contact'");
}
sub form_to {
    my ($html, $action) = @_;
    my ($f) = grep { $_->{action} eq $action } Madang::Test::forms_of($html);
    return $f;
}

# ------------------------------------------------------------ the agent

my $agent = $s->ua;
my $r = Madang::Test::sign_in($s, $agent, 'agent.song', 'madang-staff-2026');
is $r->code, 303, 'agent.song signs in';
is $r->header('Location'), '/staff/callcentre', '... and lands on the console';
my $agent_id = $s->account_id('agent.song');
$r = $agent->get($s->url('/staff/callcentre'));
is $r->code, 200, 'the agent opens the console';
my $html = body_of($r);
my ($nav) = $html =~ m{<nav aria-label="\Q${\ L('Nav.Label')}\E">(.*?)</nav>}s;
my @staff_links = ($nav // '') =~ m{href="(/staff/[^"]*|/admin)"}g;
is $staff_links[0], '/staff/callcentre', '... offered first in the navigation';
like $html, qr{href="/staff/callbacks"}, '... with the way to the callback queue';
like $html, qr{<form method="get" action="/staff/callcentre"}, '... and the search';

# The screen pop, in the format a phone system sends (+82 …).
my $before = views_of($agent_id, $caller_id);
$r = $agent->get($s->url('/staff/callcentre?caller=' . $intl =~ s/ /%20/gr =~ s/\+/%2B/gr));
is $r->code, 200, "the screen pop for $intl opens";
$html = body_of($r);
my $text = text_of($html);
like $text, qr/\Q$name\E/, "... straight at the caller's history ($name)";
like $html, qr/\Q$email\E/, '... with their e-mail';
like $html, qr/\Q$dashed\E/, '... and mobile';
like $html, qr{href="/staff/cases/$road_tracking"}, "... their 도로과 case $road_tracking";
like $html, qr{href="/staff/cases/$traffic_tracking"}, "... and their 교통행정과 case $traffic_tracking";
like $text, qr/아직 움푹 파여 있어요/, '... their rating with its comment';
like $text, qr/\Q${\ L('CallCentre.CallbackPending')}\E/, '... waiting for a callback';
is views_of($agent_id, $caller_id), $before + 1, '... the view in the audit log';
like $s->sql_value("SELECT detail FROM audit_log WHERE account_id = $agent_id AND object_id = '$caller_id'"
    . " ORDER BY id DESC LIMIT 1"), qr/call centre/, '... as the call centre\'s';

# The same number written other ways finds the same person.
for my $form ($mobile, $dashed, "0082$mobile" =~ s/^00820/0082/r) {
    $r = $agent->get($s->url("/staff/callcentre?caller=$form"));
    like body_of($r), qr{action="/staff/callcentre/callers/$caller_id/note"}, "the screen pop for $form too";
}
$r = $agent->get($s->url('/staff/callcentre?caller=12ab'));
is $r->code, 400, 'a screen pop with no telephone number is a 400';
like text_of(body_of($r)), qr/\Q${\ L('Err.phone')}\E/, '... that says so';

# The search: by name, e-mail, tracking number and phone, each a list.
for my $q ($name, uc $email, $road_tracking, $dashed) {
    $before = views_of($agent_id, $caller_id);
    $r = $agent->get($s->url('/staff/callcentre?q=' . Madang::Test::bytes_of($q) =~ s/([^A-Za-z0-9.-])/sprintf('%%%02X', ord $1)/ger));
    is $r->code, 200, "the search for $q";
    like body_of($r), qr{href="/staff/callcentre/callers/$caller_id(?:\?phone=\d+)?"}, '... finds the caller';
    is views_of($agent_id, $caller_id), $before + 1, '... audited';
}
for my $wild ('%25', '_', '%25%25') {
    $r = $agent->get($s->url("/staff/callcentre?q=$wild"));
    unlike body_of($r), qr{/staff/callcentre/callers/\d}, "a search for $wild is taken literally (nobody)";
}
$r = $agent->get($s->url('/staff/callcentre?q=' . ('x' x 101)));
is $r->code, 400, 'a search of 101 characters is a 400';

# A call note on the 도로과 case: in the calls and in the case's history.
$r = $agent->get($s->url("/staff/callcentre/callers/$caller_id?phone=$mobile"));
is $r->code, 200, "the caller's page";
my $note_form = form_to(body_of($r), "/staff/callcentre/callers/$caller_id/note");
ok $note_form, '... with the form for this call';
ok exists $note_form->{selects}{case}{$road_case}, '... offering their cases';
$r = Madang::Test::submit_form($s, $agent, $note_form, case => $road_case, phone => $dashed,
    note => '처리 진행 상황 문의: 이번 주 보수 예정이라고 안내함');
is $r->code, 303, 'the call note is saved' or diag body_of($r);
is $s->sql_value("SELECT CONCAT(caller_id, ':', phone, ':', agent_id, ':', case_id, ':', kind) FROM calls"
    . " ORDER BY id DESC LIMIT 1"), "$caller_id:$mobile:$agent_id:$road_case:note", '... as a call of the caller about the case';
is $s->sql_value("SELECT COUNT(*) FROM case_events WHERE case_id = $road_case AND kind = 'note' AND is_public = 0"
    . " AND actor_id = $agent_id AND note LIKE '처리 진행 상황 문의%'"), 1, "... and an internal note in the case's history";
$r = $agent->get($s->url($r->header('Location')));
$text = text_of(body_of($r));
like $text, qr/\Q${\ L('Msg.CallNoted')}\E/, '... said on the page it leads to';
like $text, qr/이번 주 보수 예정이라고 안내함/, '... listed among the calls';
# A note without a case (a general enquiry), and a blank one.
$r = Madang::Test::submit_form($s, $agent, $note_form, note => '민원 절차 문의');
is $r->code, 303, 'a call about no particular case is saved';
is $s->sql_value("SELECT COUNT(*) FROM calls WHERE caller_id = $caller_id AND case_id IS NULL AND note = '민원 절차 문의'"), 1, '... without a case';
$r = Madang::Test::submit_form($s, $agent, $note_form, note => "  \n ");
is $r->code, 400, 'a blank note is a 400';
$r = Madang::Test::submit_form($s, $agent, $note_form, case => $other_id + 100000, note => '없는 민원');
is $r->code, 404, "a case that is not the caller's is a 404";

# Bad input: answered with a clear error, nothing stored.
is $agent->get($s->url('/staff/callcentre/callers/abc'))->code, 404, 'a caller that is no id is a 404';
is $agent->get($s->url('/staff/callcentre/callers/99999999'))->code, 404, 'an unknown caller is a 404';
is $agent->get($s->url("/staff/callcentre/callers/$caller_id?phone=hello"))->code, 400, 'a ?phone= that is no number is a 400';
my $calls_before = $s->sql_value('SELECT COUNT(*) FROM calls');
$r = Madang::Test::submit_form($s, $agent, $note_form, note => 'x' x 2001);
is $r->code, 400, 'a note of 2,001 characters is a 400';
like text_of(body_of($r)), qr/\Q${\ L('Err.too_long')}\E/, '... that says so';
$r = Madang::Test::submit_form($s, $agent, $note_form, case => 'abc', note => '메모');
is $r->code, 400, 'a case that is no id is a 400';
$r = Madang::Test::submit_form($s, $agent, $note_form, phone => '123', note => '메모');
is $r->code, 400, 'a number that is no telephone number is a 400';
like text_of(body_of($r)), qr/\Q${\ L('Err.phone')}\E/, '... that says so';
like body_of($r), qr{>메모</textarea>}, '... the note kept in the form';
is $s->sql_value('SELECT COUNT(*) FROM calls'), $calls_before, '... nothing stored';

# A case filed by telephone for the known caller.
my $cases_before = $s->sql_value('SELECT COUNT(*) FROM cases');
my $file_form = form_to(body_of($agent->get($s->url("/staff/callcentre/callers/$caller_id"))), '/staff/callcentre/file');
ok $file_form && $file_form->{fields}{caller} == $caller_id, "the caller's page has the filing form for them";
$r = Madang::Test::submit_form($s, $agent, $file_form, category => 1, title => '보도블록 파손',
    body => '시청 앞 보도블록이 깨져 있다는 전화 민원입니다.', phone => $mobile);
is $r->code, 400, 'without the consent the case is not filed';
like text_of(body_of($r)), qr/\Q${\ L('Err.required')}\E/, '... the consent is required';
is $s->sql_value('SELECT COUNT(*) FROM cases'), $cases_before, '... nothing stored';
$r = Madang::Test::submit_form($s, $agent, $file_form, category => 1, title => '보도블록 파손',
    body => '시청 앞 보도블록이 깨져 있다는 전화 민원입니다.', phone => $mobile, consent => 1);
is $r->code, 303, 'with the consent it is filed' or diag body_of($r);
my ($tracking) = ($r->header('Location') // '') =~ m{^/staff/callcentre/callers/$caller_id\?filed=(\d{4}-\d{6})};
ok $tracking, "... leading back to the caller's history ($tracking)";
my $filed_at = $r->header('Location');
my $cases_after = $s->sql_value('SELECT COUNT(*) FROM cases');
is $cases_after, $cases_before + 1, '... one case';
$r = Madang::Test::submit_form($s, $agent, $file_form, category => 1, title => '보도블록 파손',
    body => '시청 앞 보도블록이 깨져 있다는 전화 민원입니다.', phone => $mobile, consent => 1);
is $r->code, 303, 'the same form sent again (a double click)';
is $r->header('Location'), $filed_at =~ s/&phone=\d+//r, '... leads to the same case';
is $s->sql_value('SELECT COUNT(*) FROM cases'), $cases_after, '... and files no second one';
my ($channel, $filer, $filed_by, $dept) = @{ ($s->sql("SELECT channel, account_id, filed_by, IFNULL(department_id, 0)"
    . " FROM cases WHERE tracking_no = '$tracking'"))[0] };
is "$channel:$filer:$filed_by", "phone:$caller_id:$agent_id", "... channel phone, the caller's, filed by the agent";
is $dept, $ROAD, '... routed like a web filing (도로·보도 to 도로과)';
is $s->sql_value("SELECT COUNT(*) FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.tracking_no = '$tracking'"
    . " AND e.kind = 'filed' AND e.actor_id = $agent_id"), 1, '... its filing event by the agent';
is $s->sql_value("SELECT COUNT(*) FROM call_consents WHERE account_id = $caller_id AND agent_id = $agent_id"
    . " AND consent_version = '2026-01' AND given_at > NOW() - INTERVAL 5 MINUTE"), 1,
    "... the caller's consent by telephone recorded with the agent and the time";
is $s->sql_value("SELECT COUNT(*) FROM calls k JOIN cases c ON c.id = k.case_id WHERE c.tracking_no = '$tracking'"
    . " AND k.kind = 'filed' AND k.agent_id = $agent_id"), 1, '... and the call';
ok $s->sql_value("SELECT COUNT(*) FROM notices n JOIN cases c ON c.id = n.case_id WHERE c.tracking_no = '$tracking'"
    . " AND n.account_id = $caller_id AND n.kind = 'receipt'"), '... the caller gets the receipt notice';
$r = $agent->get($s->url($r->header('Location')));
$html = body_of($r);
like text_of($html), qr/\Q${\ L('CallCentre.Filed')}\E \Q$tracking\E/, '... and the agent the number to tell them';
like text_of($html), qr/\Q${\ L('CallCentre.ConsentPhone')}\E/, '... the consent shown in the history';
# A hand-made ?filed= names no case the agent did not file for this caller.
$r = $agent->get($s->url("/staff/callcentre/callers/$caller_id?filed=$traffic_tracking"));
unlike text_of(body_of($r)), qr/\Q${\ L('CallCentre.Filed')}\E/, "a ?filed= of a case the agent did not file says nothing";

# A new caller from a landline: nobody found, the form starts with the
# number; without a mobile or e-mail they cannot be told; then filed.
$r = $agent->get($s->url('/staff/callcentre?caller=02-123-4567'));
is $r->code, 200, 'a screen pop from an unknown landline';
$html = body_of($r);
like text_of($html), qr/\Q${\ L('CallCentre.NoneFound')}\E/, '... finds nobody';
is Madang::Test::input_value($html, 'phone'), '02-123-4567', '... and the form for a new caller has the number';
my $new_form = form_to($html, '/staff/callcentre/file');
$r = Madang::Test::submit_form($s, $agent, $new_form, name => '홍길동', phone => '02-123-4567', category => 3,
    title => '쓰레기 무단 투기', body => '골목에 쓰레기가 쌓여 있습니다.', consent => 1);
is $r->code, 400, 'a new caller with neither mobile nor e-mail is a 400';
like text_of(body_of($r)), qr/\Q${\ L('Err.contact_required')}\E/, '... that says so';
$r = Madang::Test::submit_form($s, $agent, $new_form, name => '홍길동', mobile => '010 5555 0130',
    phone => '02-123-4567', category => 3, title => '쓰레기 무단 투기', body => '골목에 쓰레기가 쌓여 있습니다.', consent => 1);
is $r->code, 303, 'the new caller\'s case is filed' or diag body_of($r);
my ($guest, $new_tracking) = ($r->header('Location') // '') =~ m{^/staff/callcentre/callers/(\d+)\?filed=(\d{4}-\d{6})};
is $s->sql_value("SELECT CONCAT(kind, ':', name, ':', mobile) FROM accounts WHERE id = $guest"), 'guest:홍길동:01055550130',
    '... for a guest with the mobile given';
is $s->sql_value("SELECT CONCAT(channel, ':', account_id, ':', filed_by) FROM cases WHERE tracking_no = '$new_tracking'"),
    "phone:$guest:$agent_id", '... by telephone, filed by the agent';
is $s->sql_value("SELECT COUNT(*) FROM call_consents WHERE account_id = $guest AND agent_id = $agent_id"), 1, '... with the consent';
$r = $agent->get($s->url('/staff/callcentre?caller=021234567'));
like body_of($r), qr{action="/staff/callcentre/callers/$guest/note"}, 'the next call from that landline pops their history';
like body_of($r), qr{href="/staff/cases/$new_tracking"}, '... with the case';

# ------------------------------------------------------------ refused

my $citizen = $s->ua;
Madang::Test::sign_in($s, $citizen, 'citizen', 'madang-citizen-2026');
$r = $citizen->get($s->url("/staff/callcentre?caller=$mobile"));
isnt $r->code, 200, 'a citizen does not get the console';
unlike body_of($r), qr/\Q$email\E/, '... nor the caller';
$r = $citizen->get($s->url("/staff/callcentre/callers/$caller_id"));
isnt $r->code, 200, "... nor a caller's history";

my $lee = Madang::Staff::signed_in($s, 'road.lee');
$r = $lee->get($s->url("/staff/callcentre?caller=$mobile"));
is $r->code, 403, 'a handler without the call centre\'s ability is refused the console';
unlike body_of($r), qr/\Q$email\E/, '... and sees nothing of the caller';
is $lee->get($s->url("/staff/callcentre/callers/$caller_id"))->code, 403, "... and the caller's history";
$r = Madang::Test::post_form($s, $lee, '/staff/cases', "/staff/callcentre/callers/$caller_id/note", note => '메모');
is $r->code, 403, '... and the call note';
$r = Madang::Test::post_form($s, $lee, '/staff/cases', '/staff/callcentre/file', caller => $caller_id,
    category => 1, title => '제목', body => '본문', consent => 1);
is $r->code, 403, '... and filing';

# An agent of 도로과 sees only what 도로과 reaches.
my $admin = Madang::Staff::signed_in($s, 'admin', 'madang-admin-2026');
my ($res, $road_agent_id) = Madang::Staff::create_staff($s, $admin, login_id => 'road.agent', name => '도로상담',
    email => 'road.agent@madang.example', password => 'road-agent-first-2026', department_id => $ROAD);
is $res->code, 303, 'the supervisor creates road.agent';
$res = Madang::Staff::grant_role($s, $admin, $road_agent_id, role => 'agent', role_department => $ROAD, with_subtree => 1);
is $res->code, 303, '... an agent of 도로과';
my $road_agent = Madang::Staff::signed_in($s, 'road.agent', 'road-agent-first-2026');
is Madang::Test::change_password($s, $road_agent, 'road-agent-first-2026', 'road-agent-own-2026')->code, 303,
    '... who chooses their password';

$r = $road_agent->get($s->url("/staff/callcentre?caller=$mobile"));
is $r->code, 200, "the 도로과 agent's screen pop for the caller";
$html = body_of($r);
like $html, qr{href="/staff/cases/$road_tracking"}, '... shows the 도로과 case';
unlike $html, qr{\Q$traffic_tracking\E}, '... not the 교통행정과 case';
like text_of($html), qr/민원 절차 문의/, '... the call about no case (any agent who sees the caller sees it)';
my $note = form_to($html, "/staff/callcentre/callers/$caller_id/note");
ok !exists $note->{selects}{case}{$traffic_case}, '... nor offers it for a note';
$r = Madang::Test::submit_form($s, $road_agent, $note, case => $traffic_case, note => '교통 민원 메모');
is $r->code, 404, 'a note on the 교통행정과 case is refused';
is $s->sql_value("SELECT COUNT(*) FROM calls WHERE note = '교통 민원 메모'"), 0, '... nothing stored';

$before = views_of($road_agent_id, $other_id);
$r = $road_agent->get($s->url("/staff/callcentre?caller=$other_mobile"));
is $r->code, 200, 'the 도로과 agent looks up a caller with no 도로과 case';
unlike body_of($r), qr{/staff/callcentre/callers/$other_id\b}, '... and does not find them';
is $road_agent->get($s->url("/staff/callcentre/callers/$other_id"))->code, 404, "... nor opens their history";
$r = Madang::Test::post_form($s, $road_agent, '/staff/callcentre', "/staff/callcentre/callers/$other_id/note", note => '메모');
is $r->code, 404, '... nor notes a call for them';
$r = Madang::Test::post_form($s, $road_agent, '/staff/callcentre', '/staff/callcentre/file', caller => $other_id,
    category => 1, title => '제목', body => '본문', consent => 1);
is $r->code, 404, '... nor files in their name';
is views_of($road_agent_id, $other_id), $before, '... and no view of them was recorded';
$r = $road_agent->get($s->url("/staff/callcentre?q=$traffic_tracking"));
unlike body_of($r), qr{/staff/callcentre/callers/}, "a 교통행정과 tracking number finds nobody for the 도로과 agent";

# The 도로과 agent files for a new caller in a field of 교통행정과: the
# case goes there, and the agent still finds the caller they spoke to and
# the number to tell them, but not the case.
my $traffic_category = $s->sql_value("SELECT id FROM categories WHERE department_id = $TRAFFIC AND active = 1 ORDER BY id LIMIT 1");
ok $traffic_category, "a category of 교통행정과 ($traffic_category)";
$r = $road_agent->get($s->url('/staff/callcentre?caller=010-5555-0131'));
$r = Madang::Test::submit_form($s, $road_agent, form_to(body_of($r), '/staff/callcentre/file'), name => '이순신',
    mobile => '010-5555-0131', phone => '010-5555-0131', category => $traffic_category, title => '신호등 고장',
    body => '사거리 신호등이 꺼져 있습니다.', consent => 1);
is $r->code, 303, "the 도로과 agent files a 교통행정과 case for a new caller" or diag body_of($r);
my ($far_guest, $far_tracking) = ($r->header('Location') // '') =~ m{^/staff/callcentre/callers/(\d+)\?filed=(\d{4}-\d{6})};
is $s->sql_value("SELECT department_id FROM cases WHERE tracking_no = '$far_tracking'"), $TRAFFIC, '... routed to 교통행정과';
$r = $road_agent->get($s->url($r->header('Location')));
is $r->code, 200, '... and the agent is led to the caller';
$html = body_of($r);
like text_of($html), qr/\Q${\ L('CallCentre.Filed')}\E \Q$far_tracking\E/, '... with the number to tell them';
unlike $html, qr{href="/staff/cases/$far_tracking"[^>]*>[^<]*</a></td>}, '... the case itself not listed (out of scope)';
$r = $road_agent->get($s->url('/staff/callcentre?caller=01055550131'));
like body_of($r), qr{action="/staff/callcentre/callers/$far_guest/note"}, 'their next call pops them for that agent';
$r = $agent->get($s->url('/staff/callcentre?caller=01055550131'));
like body_of($r), qr{href="/staff/cases/$far_tracking"}, '... and the global agent sees the case too';

$s->stop;
done_testing;
