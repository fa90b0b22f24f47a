# SPDX-License-Identifier: AGPL-3.0-or-later
# 180-moderation.t: moderation of public complaints (issue 11, section 3)
# as people meet it over HTTP with the demo office: the word filter at
# filing (masked, held, innocent words left alone); reporting (신고) once
# per person, with a reason, never one's own; the automatic hold at the
# weighted threshold, and NOT by a brigade of accounts whose reports were
# dismissed before; the queue of the moderators of the item's department
# only, its decisions (hide, restore, delete, dismiss) audited, the
# reporters' record kept, the penalty owed; the author told with the link
# to object, the objection in the queue; a handler unpublishing a
# complaint's text (the case goes on); the posting throttle; the
# supervisors' word list.
use strict;
use warnings;
use utf8;
use Test::More;
use Madang::Test qw(body_of L text_of forms_of post_form);

binmode $_, ':encoding(UTF-8)'
    for map { Test::More->builder->$_ } qw(output failure_output todo_output);

my $s = Madang::Test->start(seed => 1);
my $STAFF_PW = 'madang-staff-2026';

sub sign_in {
    my ($login, $password) = @_;
    my $ua = $s->ua;
    my $r = Madang::Test::sign_in($s, $ua, $login, $password // $STAFF_PW);
    is $r->code, 303, "$login signs in" or diag body_of($r);
    return $ua;
}
sub post { my ($ua, $path, @fields) = @_; return post_form($s, $ua, '/account', $path, @fields) }
sub fresh_citizen {
    my (%record) = @_;
    my $ua = $s->ua;
    my ($r, $acct) = Madang::Test::register_citizen($s, $ua);
    is $r->code, 303, "a new citizen $acct->{login_id} registers" or diag body_of($r);
    my $id = $s->account_id($acct->{login_id});
    $s->sql("INSERT INTO moderation_reporters (account_id, upheld, decided) VALUES ($id, $record{upheld}, $record{decided})")
        if defined $record{decided};
    return ($ua, $id);
}
sub state_of { my ($id) = @_; return $s->sql_value("SELECT moderation FROM cases WHERE id = $id") }
sub report {
    my ($ua, $tracking, $reason, $note) = @_;
    return post($ua, "/report/case/$tracking", reason => $reason, note => $note // '');
}

my $citizen = sign_in('citizen', 'madang-citizen-2026');
my $author = $s->account_id('citizen');

# ------------------------------------------------------------ the word filter at filing

my ($masked, $masked_id) = Madang::Test::file_case($s, $citizen, category => 1, title => '보도 파손 ㅅㅂ',
    body => '시1발 언제 고쳐요? 이 길이 버스 노선의 시발점입니다.');
is $s->sql_value("SELECT title FROM cases WHERE id = $masked_id"), '보도 파손 **', 'a swear word in jamo is masked in the title';
is $s->sql_value("SELECT body FROM cases WHERE id = $masked_id"), '*1* 언제 고쳐요? 이 길이 버스 노선의 시발점입니다.',
    '... and one with a digit inside in the body, while 시발점 stays';
is state_of($masked_id), 'visible', '... and the complaint is public at once';

my ($held, $held_id) = Madang::Test::file_case($s, $citizen, category => 1, title => '옆집 사람',
    body => '한 번만 더 그러면 죽 여 버 린 다');
is state_of($held_id), 'held', 'a threat (a hold word, spaced out) files the complaint held for review';
my ($code, $html) = $s->page($s->ua, "/cases/$held");
is $code, 200, 'its public page opens';
like text_of($html), qr/\Q@{[L('Moderation.CaseLine.held')]}\E/, '... with a line instead of the text';
unlike $html, qr/죽 여/, '... and without the text';
($code, $html) = $s->page($citizen, "/cases/$held");
like $html, qr/죽 여 버 린 다/, 'its author still reads their text';

my ($private, $private_id) = Madang::Test::file_case($s, $citizen, category => 1, title => '개인 민원 ㅅㅂ', public => 0);
is $s->sql_value("SELECT title FROM cases WHERE id = $private_id"), '개인 민원 ㅅㅂ', 'a private complaint is not filtered';

# Open311 requests are public complaints too: the same filter.
my $api = $s->ua(cookie_jar => undef);
my $o = $api->post($s->url('/open311/v2/requests.json'), [ map { Madang::Test::bytes_of($_) }
    api_key => 'madang-open311-demo-2026', service_code => 2, address_string => '시청 앞',
    description => "ㅆㅂ 도로가 파였어요\n시발점 정류장 앞입니다" ]);
is $o->code, 200, 'an Open311 request is filed' or diag body_of($o);
my ($o_id) = body_of($o) =~ /"service_request_id"\s*:\s*"([^"]+)"/;
like $s->sql_value("SELECT body FROM cases WHERE tracking_no = '" . ($o_id // '') . "'"), qr/^\*\* 도로가 파였어요\r?\n시발점 정류장 앞입니다$/,
    '... its description masked like a web filing';
$o = $api->post($s->url('/open311/v2/requests.json'), [ map { Madang::Test::bytes_of($_) }
    api_key => 'madang-open311-demo-2026', service_code => 2, address_string => '시청 앞',
    description => '관리인 니애미' ]);
($o_id) = body_of($o) =~ /"service_request_id"\s*:\s*"([^"]+)"/;
is $s->sql_value("SELECT moderation FROM cases WHERE tracking_no = '" . ($o_id // '') . "'"), 'held',
    '... and one with a hold word held for review';

# ------------------------------------------------------------ reporting

my ($target, $target_id) = Madang::Test::file_case($s, $citizen, category => 1, title => '가로등 고장',
    body => '가로등이 꺼졌어요. 제 이웃 홍길동 010-1234-5678 씨도 봤습니다.');
($code, $html) = $s->page($s->ua, "/cases/$target");
like $html, qr{href="/report/case/\Q$target\E"}, 'a public complaint offers the report link';
($code, $html) = $s->page($citizen, "/cases/$target");
unlike $html, qr{href="/report/case/}, '... but not to its author';

my ($first, $first_id) = fresh_citizen();
($code, $html) = $s->page($first, "/report/case/$target");
is $code, 200, 'the report form opens for a signed-in citizen';
for my $reason (qw(abuse personal_data spam off_topic other)) {
    like $html, qr/value="$reason"/, "... offering the reason $reason";
}
my $r = $first->post($s->url("/report/case/$target"), [reason => 'spam']);
is $r->code, 403, 'a report without the CSRF token is refused';
$r = report($first, $target, 'rude');
is $r->code, 400, 'an unknown reason is refused';
like text_of(body_of($r)), qr/\Q@{[L('Err.report_reason')]}\E/, '... with a message in Korean';
$r = report($first, $target, 'personal_data', '전화번호가 있어요');
is $r->code, 303, 'a report is taken';
like $s->sql_value("SELECT CONCAT(reason, '/', weight, '/', note) FROM content_reports WHERE item_id = $target_id"),
    qr{^personal_data/0\.5000/전화번호가 있어요$}, '... with its reason, note and a new reporter\'s weight of 1/2';
$r = report($first, $target, 'abuse');
is $r->code, 400, 'the same person cannot report it twice';
like text_of(body_of($r)), qr/\Q@{[L('Err.report_twice')]}\E/, '... and is told so';
is $s->sql_value("SELECT COUNT(*) FROM content_reports WHERE item_id = $target_id"), 1, '... one report stays';
$r = report($citizen, $target, 'spam');
is $r->code, 400, 'nobody reports their own complaint';
($code) = $s->page($s->ua, "/report/case/$private");
isnt $code, 200, 'the report form needs a signed-in person';
($code) = $s->page($first, "/report/case/$private");
is $code, 404, 'a private complaint cannot be reported';
($code) = $s->page($first, "/report/nothing/$target");
is $code, 404, 'nor a kind that does not exist';

# A brigade of five accounts whose reports were all dismissed before
# (weight 1/5 each): 0.5 + 5 x 0.2 = 1.5, under the threshold of 3.
for my $i (1 .. 5) {
    my ($ua) = fresh_citizen(upheld => 0, decided => 3);
    is report($ua, $target, 'abuse')->code, 303, "brigade report $i is taken";
}
is state_of($target_id), 'visible', 'a brigade of often-wrong reporters does not hide the complaint';
# Reporters with a good record (9 of 9 upheld: 10/11 each): 1.5 + 0.91 +
# 0.91 = 3.32 after the second.
my ($good1) = fresh_citizen(upheld => 9, decided => 9);
is report($good1, $target, 'personal_data')->code, 303, 'an accurate reporter reports';
is state_of($target_id), 'visible', '... still under the threshold';
my ($good2) = fresh_citizen(upheld => 9, decided => 9);
is report($good2, $target, 'personal_data')->code, 303, 'a second accurate reporter reports';
is state_of($target_id), 'held', '... the weighted threshold is reached: the complaint is held pending review';
is $s->sql_value("SELECT COUNT(*) FROM notices WHERE account_id = $author AND kind = 'moderation_hidden'"
    . " AND payload LIKE '%/objection/case/$target%'"), 1, 'its author is told, with the link to object';
($code, $html) = $s->page($s->ua, '/cases');
unlike $html, qr/가로등 고장/, 'the public list no longer shows its title';
($code, $html) = $s->page($s->ua, "/cases/$target");
unlike $html, qr/010-1234-5678/, 'nor does its page show the text';

# ------------------------------------------------------------ the queue and its scope

my $choi = sign_in('road.choi');   # moderator of 도로과 (demo)
my $kim = sign_in('traffic.kim');  # a handler of 교통행정과, no moderator
my $admin = sign_in('admin', 'madang-admin-2026');
($code) = $s->page($kim, '/staff/moderation');
is $code, 403, 'staff who do not moderate have no queue';
$s->sql("INSERT INTO staff_roles (account_id, role, department_id, with_subtree) VALUES ("
    . $s->account_id('traffic.kim') . ", 'moderator', 5, 1)");
$kim = sign_in('traffic.kim');
($code, $html) = $s->page($kim, '/staff/moderation');
is $code, 200, 'a moderator of 교통행정과 opens the queue';
unlike $html, qr{/staff/moderation/case/$target_id"}, '... without the items of 도로과';
$r = post($kim, "/staff/moderation/case/$target_id", action => 'restore');
is $r->code, 404, '... and cannot decide them';
($code, $html) = $s->page($choi, '/staff/moderation');
is $code, 200, 'the moderator of 도로과 opens the queue';
like $html, qr{/staff/moderation/case/$target_id"}, '... with the held complaint';
like $html, qr{/staff/moderation/case/$held_id"}, '... and the one the word filter held';
like $html, qr/전화번호가 있어요/, '... the reports and their notes';
($code, $html) = $s->page($admin, '/staff/moderation');
like $html, qr{/staff/moderation/case/$target_id"}, 'a global supervisor sees every item';

$r = $choi->post($s->url("/staff/moderation/case/$target_id"), [action => 'hide', reason => 'x']);
is $r->code, 403, 'a decision without the CSRF token is refused';
$r = post($choi, "/staff/moderation/case/$target_id", action => 'hide', ground => 'personal_data', reason => '');
is $r->code, 400, 'hiding without the reason the author will read is refused';
like text_of(body_of($r)), qr/\Q@{[L('Err.decision_reason')]}\E/, '... with a message';
$r = post($choi, "/staff/moderation/case/$target_id", action => 'hide', ground => 'personal_data',
    reason => '다른 사람의 전화번호가 있습니다.');
is $r->code, 303, 'the moderator hides it with a reason';
is state_of($target_id), 'hidden', '... it is hidden';
is $s->sql_value("SELECT COUNT(*) FROM content_reports WHERE item_id = $target_id AND outcome = 'upheld'"), 8,
    '... its eight reports are upheld';
is $s->sql_value("SELECT CONCAT(m.upheld, '/', m.decided) FROM moderation_reporters m WHERE m.account_id = $first_id"),
    '1/1', '... and count for their reporters\' record';
is $s->sql_value("SELECT COUNT(*) FROM audit_log WHERE object_type = 'moderation' AND object_id = 'case:$target_id'"
    . " AND action = 'hide'"), 1, '... audited';
is $s->sql_value("SELECT penalty FROM moderation_actions WHERE item_id = $target_id AND action = 'hide'"), 'none',
    '... personal data owes no penalty';
is $s->sql_value("SELECT COUNT(*) FROM notices WHERE account_id = $author AND kind = 'moderation_hidden'"
    . " AND payload LIKE '%다른 사람의 전화번호가%'"), 1, '... the author is told why';

# The author objects; the objection lands in the queue; the moderator
# restores the complaint after the author removed nothing (a judgement).
($code, $html) = $s->page($first, "/objection/case/$target");
is $code, 404, 'only the author may object';
($code, $html) = $s->page($citizen, "/objection/case/$target");
is $code, 200, 'the author opens the objection form';
like text_of($html), qr/다른 사람의 전화번호가 있습니다/, '... which says why';
$r = post($citizen, "/objection/case/$target", text => '');
is $r->code, 400, 'an empty objection is refused';
$r = post($citizen, "/objection/case/$target", text => '이웃의 동의를 받았습니다.');
is $r->code, 303, 'the objection is sent';
($code, $html) = $s->page($choi, '/staff/moderation');
like $html, qr/이웃의 동의를 받았습니다/, '... and is in the queue';
$r = post($choi, "/staff/moderation/case/$target_id", action => 'restore');
is $r->code, 303, 'the moderator restores the complaint';
is state_of($target_id), 'visible', '... visible again';
is $s->sql_value("SELECT COUNT(*) FROM moderation_objections WHERE item_id = $target_id AND resolved_at IS NULL"), 0,
    '... the objection resolved';
($code, $html) = $s->page($s->ua, "/cases/$target");
like $html, qr/010-1234-5678/, '... its text public again';

# The held complaint with a threat is deleted for abuse: a penalty is owed.
$r = post($choi, "/staff/moderation/case/$held_id", action => 'delete', ground => 'abuse', reason => '협박성 표현');
is $r->code, 303, 'the moderator deletes the threat';
is state_of($held_id), 'deleted', '... deleted';
is $s->sql_value("SELECT penalty FROM moderation_actions WHERE item_id = $held_id AND action = 'delete'"), 'applied',
    '... abuse upheld costs its author a penalty, applied at once';
is $s->sql_value("SELECT CONCAT(level, '/', kind, '/', item_id, '/', decided_by, '/', reason) FROM penalties"
    . " WHERE account_id = $author ORDER BY id DESC LIMIT 1"),
    "warning/case/$held_id/" . $s->account_id('road.choi') . '/협박성 표현',
    '... the first step of the ladder, decided by the department\'s moderator, with the reason';
is $s->sql_value("SELECT COUNT(*) FROM notices WHERE account_id = $author AND kind = 'penalty_applied'"), 1,
    '... and the author is told of the penalty';
is $s->sql_value("SELECT COUNT(*) FROM notices WHERE account_id = $author AND kind = 'moderation_deleted'"), 1,
    '... the author is told';
($code, $html) = $s->page($s->ua, "/cases/$held");
like text_of($html), qr/\Q@{[L('Moderation.CaseLine.deleted')]}\E/, '... the public page says it was removed';

# Dismissing reports: the item stays, the reporters' record counts them.
my ($other, $other_id) = Madang::Test::file_case($s, $citizen, category => 1, title => '횡단보도 도색');
my ($wrong) = fresh_citizen();
is report($wrong, $other, 'spam')->code, 303, 'an unfounded report';
$r = post($choi, "/staff/moderation/case/$other_id", action => 'dismiss');
is $r->code, 303, 'the moderator dismisses it';
is $s->sql_value("SELECT outcome FROM content_reports WHERE item_id = $other_id"), 'dismissed', '... dismissed';
is state_of($other_id), 'visible', '... the complaint stays';

# ------------------------------------------------------------ unpublishing a complaint's text

my ($exposed, $exposed_id) = Madang::Test::file_case($s, $citizen, category => 1, title => '불법 주차 신고',
    body => '차량 번호 12가3456, 차주 전화 010-9999-8888');
my $status = $s->sql_value("SELECT status FROM cases WHERE id = $exposed_id");
my $seo = sign_in('env.seo');
$r = post($seo, "/staff/cases/$exposed/unpublish", ground => 'personal_data', reason => '개인정보');
is $r->code, 404, 'staff outside the case cannot unpublish its text';
($code, $html) = $s->page($choi, "/staff/cases/$exposed");
like $html, qr{action="/staff/cases/\Q$exposed\E/unpublish"}, 'the manager of the case is offered to unpublish its text';
$r = post($choi, "/staff/cases/$exposed/unpublish", ground => 'personal_data', reason => '차주 연락처가 있어 비공개합니다.');
is $r->code, 303, '... and unpublishes it';
is state_of($exposed_id), 'hidden', '... the text is hidden';
is $s->sql_value("SELECT status FROM cases WHERE id = $exposed_id"), $status, '... the case goes on unchanged';
($code, $html) = $s->page($s->ua, "/cases/$exposed");
is $code, 200, 'the public page still opens';
like text_of($html), qr/\Q@{[L('Moderation.CaseLine.hidden')]}\E/, '... with a line instead of the text';
unlike $html, qr/010-9999-8888/, '... without the phone number';
unlike $html, qr/불법 주차 신고/, '... or the title';
($code, $html) = $s->page($citizen, "/cases/$exposed");
like $html, qr/010-9999-8888/, 'its author still reads it';
like $html, qr{href="/objection/case/\Q$exposed\E"}, '... with the link to object';
($code, $html) = $s->page($choi, "/staff/cases/$exposed");
like $html, qr{name="restore" value="1"}, 'the staff case page offers to publish the text again';
$r = post($choi, "/staff/cases/$exposed/unpublish", restore => 1);
is $r->code, 303, '... which the manager does';
is state_of($exposed_id), 'visible', '... the text is public again';
$r = post($choi, "/staff/cases/$held/unpublish", restore => 1);
is $r->code, 400, 'a deleted text is not published again from the case page (the queue decides)';
($code, $html) = $s->page($citizen, '/account/notices');
like $html, qr{href="/objection/case/\Q$exposed\E\?notice=\d+"}, 'the author\'s inbox leads to the objection form';

# ------------------------------------------------------------ the throttle

$s->sql("INSERT INTO settings (name, value) VALUES ('moderation.throttle_per_hour', '2')"
    . " ON DUPLICATE KEY UPDATE value = '2'");
my ($poster) = fresh_citizen();
Madang::Test::file_case($s, $poster, category => 1, title => "공개 민원 $_") for 1 .. 2;
my $form = $poster->get($s->url('/cases/new'));
$r = $poster->post($s->url('/cases/new'), [ map { Madang::Test::bytes_of($_) } csrf => Madang::Test::csrf_value($form),
    category => 1, title => '세 번째 공개 민원', body => '세 번째 공개 민원입니다.', public => 1 ]);
is $r->code, 400, 'a third public complaint within the hour is refused';
like text_of(body_of($r)), qr/\Q@{[L('Err.throttled')]}\E/, '... with the reason and what to do';
like body_of($r), qr/세 번째 공개 민원입니다/, '... and the form keeps what was typed';
Madang::Test::file_case($s, $poster, category => 1, title => '비공개 민원', public => 0);
pass 'a private complaint about one\'s own affairs is never throttled';

# ------------------------------------------------------------ the word list

($code) = $s->page($choi, '/admin/moderation/words');
isnt $code, 200, 'a departmental moderator does not edit the word list';
($code, $html) = $s->page($admin, '/admin/moderation/words');
is $code, 200, 'the global supervisor opens the word list';
like $html, qr/시발점/, '... with the default list and its exceptions';
$r = post($admin, '/admin/moderation/words', word => 'abc', action => 'mask');
is $r->code, 400, 'a word without Hangul is refused';
like text_of(body_of($r)), qr/\Q@{[L('Err.word_invalid')]}\E/, '... with a message';
$r = post($admin, '/admin/moderation/words', word => '멍청이', action => 'hold');
is $r->code, 303, 'a word is added';
is $s->sql_value("SELECT COUNT(*) FROM audit_log WHERE object_type = 'moderation_word' AND action = 'create'"), 1,
    '... audited';
$s->sql("UPDATE settings SET value = '0' WHERE name = 'moderation.throttle_per_hour'");
my (undef, $new_id) = Madang::Test::file_case($s, $citizen, category => 1, title => '담당자가 멍 청 이');
is state_of($new_id), 'held', 'a filing with the new word is held';
my $word_id = $s->sql_value("SELECT id FROM moderation_words WHERE word = '멍청이'");
$r = post($admin, '/admin/moderation/words', delete => $word_id);
is $r->code, 303, 'the word is removed';
is $s->sql_value("SELECT COUNT(*) FROM moderation_words WHERE word = '멍청이'"), 0, '... off the list';

# ------------------------------------------------------------ the demo

is $s->sql_value("SELECT COUNT(*) FROM cases WHERE moderation = 'held' AND id IN"
    . " (SELECT item_id FROM content_reports WHERE kind = 'case')"), 1, 'the demo holds one reported complaint';

done_testing;
