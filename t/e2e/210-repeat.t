# SPDX-License-Identifier: AGPL-3.0-or-later
# 210-repeat.t: repeat complaints (반복민원, 민원처리법 제23조) and similar
# cases with the demo office: a citizen files the same matter again in
# other words and the staff page says "possible repeat of ... (answered
# ...), Nth time" with the earlier answers beside it; a different matter
# of the same citizen, and the same words filed by another citizen, are
# not repeats; the similar answers shown to staff are only those of their
# own departments.
use strict;
use warnings;
use utf8;
use Test::More;
use Madang::Test qw(body_of text_of);
use Madang::Staff qw(signed_in act);
use URI::Escape ();

binmode $_, ':encoding(UTF-8)'
    for map { Test::More->builder->$_ } qw(output failure_output todo_output);

my $s = Madang::Test->start(seed => 1);

# What a user reads: L.* from ko.hdf and ko.d/*.hdf, by dotted name.
my %L = %{ Madang::Test::lang_strings('ko') };

my $citizen = $s->ua;
is Madang::Test::sign_in($s, $citizen, 'citizen', 'madang-citizen-2026')->code, 303, 'the citizen signs in';
sub file_as {
    my ($ua, $category, $title, $body) = @_;
    return Madang::Test::file_case($s, $ua, category => $category, title => $title, body => $body);
}
sub handler_of {
    my ($id) = @_;
    return $s->sql_value("SELECT a.login_id FROM case_handlers h JOIN accounts a ON a.id = h.account_id"
        . " WHERE h.case_id = $id ORDER BY a.login_id LIMIT 1");
}
my %ua;
sub staff { my ($login) = @_; return $ua{$login} //= signed_in($s, $login) }
sub repeats_of { my ($id) = @_; return $s->sql_value("SELECT COUNT(*) FROM case_repeats WHERE case_id = $id") }
sub answer {
    my ($tracking, $id, $text) = @_;
    my $r = act($s, staff(handler_of($id)), $tracking, 'answer', text => $text);
    is $r && $r->code, 303, "$tracking answered";
}

# ------------------------------------------------------------ the first time

my ($a_tr, $a_id) = file_as($citizen, 1, '보도블록 파손', '행복로 12번지 앞 보도블록이 깨져서 걸려 넘어질 뻔했습니다. 보수해 주세요.');
is $s->sql_value("SELECT LENGTH(signature) FROM case_signatures WHERE case_id = $a_id"), 516,
    'the signature is stored at filing';
is $s->sql_value("SELECT COUNT(*) FROM case_bands WHERE case_id = $a_id"), 32, '... with its 32 band keys';
is repeats_of($a_id), 0, 'a first case is no repeat';
my $page = staff(handler_of($a_id))->get($s->url("/staff/cases/$a_tr"));
is $page->code, 200, 'the handler opens it';
unlike body_of($page), qr{id="repeat-flag"}, '... without a repeat warning';
answer($a_tr, $a_id, '보도블록을 교체했습니다. 불편을 드려 죄송합니다.');
my $a_day = $s->sql_value("SELECT DATE_FORMAT(answered_at, '%Y-%m-%d') FROM cases WHERE id = $a_id");

# ------------------------------------------------------------ again, in other words

my ($b_tr, $b_id) = file_as($citizen, 1, '보도 블록 아직도 깨져 있음',
    '행복로12번지 앞에 보도 블록 깨진 곳 아직도 그대로입니다. 걸려 넘어질 뻔했어요 빨리 보수 바랍니다');
is repeats_of($b_id), 1, 'the same matter filed again is recorded as a repeat of one case';
is $s->sql_value("SELECT earlier_id FROM case_repeats WHERE case_id = $b_id"), $a_id, '... the first one';
$page = staff(handler_of($b_id))->get($s->url("/staff/cases/$b_tr"));
my $text = text_of(body_of($page));
like $text, qr{\Q$L{'Repeat.Of'}\E \Q$a_tr\E \(\Q$L{'Repeat.AnsweredOn'}\E \Q$a_day\E\), 2번째 \Q$L{'Repeat.Time'}\E},
    "the staff page: possible repeat of $a_tr (answered $a_day), 2nd time";
like $text, qr{보도블록을 교체했습니다}, "... with the earlier answer beside it";
answer($b_tr, $b_id, '현장을 다시 확인하고 보수했습니다.');
my $b_day = $s->sql_value("SELECT DATE_FORMAT(answered_at, '%Y-%m-%d') FROM cases WHERE id = $b_id");

# A different matter of the same citizen on the same street is none.
my ($c_tr, $c_id) = file_as($citizen, 1, '가로등 고장', '행복로 12번지 앞 가로등이 꺼져 있어 밤에 어둡습니다.');
is repeats_of($c_id), 0, 'a different matter on the same street is not a repeat';
$page = staff(handler_of($c_id))->get($s->url("/staff/cases/$c_tr"));
unlike body_of($page), qr{id="repeat-flag"}, '... and its page says nothing of one';

# The third time: counted, both answers shown, in English too.
my ($d_tr, $d_id) = file_as($citizen, 1, '행복로 보도블록',
    '행복로 12번지 앞 보도블록 깨진 것 때문에 또 넘어질 뻔했습니다. 보도 보수 바랍니다.');
is repeats_of($d_id), 2, 'the third time: two earlier cases';
$page = staff(handler_of($d_id))->get($s->url("/staff/cases/$d_tr"));
$text = text_of(body_of($page));
like $text, qr{\Q$L{'Repeat.Of'}\E \Q$b_tr\E .*3번째}, 'the staff page names the last one, 3rd time';
like $text, qr{보도블록을 교체했습니다.*현장을 다시 확인하고 보수했습니다|현장을 다시 확인하고 보수했습니다.*보도블록을 교체했습니다}s,
    '... with both earlier answers';
my $en = $s->ua;
$en->cookie_jar->set_cookie(0, 'lang', 'en', '/', '127.0.0.1');
Madang::Test::sign_in($s, $en, handler_of($d_id), 'madang-staff-2026');
$page = $en->get($s->url("/staff/cases/$d_tr?lang=en"));
like text_of(body_of($page)), qr{Possible repeat of \Q$b_tr\E .*3rd time}, '... and in English: 3rd time';

# ------------------------------------------------------------ closing as a repeat

# After one answer on the matter, no closing is offered.
$page = staff(handler_of($b_id))->get($s->url("/staff/cases/$b_tr"));
unlike body_of($page), qr{name="notice"}, 'after one answer on the matter no closing as a repeat is offered';
my $h = staff(handler_of($d_id));
$page = $h->get($s->url("/staff/cases/$d_tr"));
my ($propose) = grep { ($_->{fields}{action} // '') eq 'propose' } Madang::Test::forms_of(body_of($page));
ok $propose, 'after two answers the handler may propose closing it as a repeat';
my ($draft) = ($propose->{html} // '') =~ m{<textarea[^>]*name="notice"[^>]*>(.*?)</textarea>}s;
like $draft // '', qr{^[^(]*\(.*\Q$b_tr\E \(\Q$b_day\E\).*\Q$a_tr\E \(\Q$a_day\E\).*제23조.*\Q$d_tr\E}s,
    '... with the statutory notice drafted, naming the earlier cases and their answers, then this one';
my $r = Madang::Test::submit_form($s, $h, $propose, notice => '');
like $h->follow($r)->decoded_content, qr{\Q$L{'Repeat.Msg.text_required'}\E}, 'an empty notice is refused, saying why';
is $s->sql_value("SELECT COUNT(*) FROM repeat_closings"), 0, '... and nothing is stored';
my $notice = "같은 내용에 두 번 답변드렸으므로 제23조에 따라 종결합니다. <b>확인</b>";
$r = Madang::Test::submit_form($s, $h, $propose, notice => $notice);
is $r->code, 303, 'the handler proposes closing it';
$page = $h->follow($r);
like text_of(body_of($page)), qr{\Q$L{'Repeat.Msg.proposed'}\E}, '... and is told it waits for a manager';
like body_of($page), qr{&lt;b&gt;확인&lt;/b&gt;}, '... the notice shown escaped';
is $s->sql_value("SELECT status FROM cases WHERE id = $d_id"), 'assigned', '... the case is not closed yet';
ok !(grep { ($_->{fields}{action} // '') eq 'approve' } Madang::Test::forms_of(body_of($page))),
    'the handler has no approval button';
$r = Madang::Test::post_form($s, $h, "/staff/cases/$d_tr", "/staff/cases/$d_tr/repeat", action => 'approve');
is $r->code, 403, '... and cannot approve by a hand-made form';
is $s->sql_value("SELECT status FROM repeat_closings WHERE case_id = $d_id"), 'proposed', '... nothing changed';

my $m = staff('road.choi');
$page = $m->get($s->url("/staff/cases/$d_tr"));
like text_of(body_of($page)), qr{\Q$L{'Repeat.ClosingStatus.proposed'}\E}, 'the manager sees the proposal';
my $outbox = $s->sql_value("SELECT COUNT(*) FROM outbox WHERE account_id = " . $s->account_id('citizen'));
$r = Madang::Test::post_form($s, $m, "/staff/cases/$d_tr", "/staff/cases/$d_tr/repeat", action => 'approve');
is $r->code, 303, 'the manager approves';
like text_of(body_of($m->follow($r))), qr{\Q$L{'Repeat.Msg.approved'}\E}, '... and is told so';
is $s->sql_value("SELECT status FROM cases WHERE id = $d_id"), 'closed', 'the case is closed';
is $s->sql_value("SELECT body FROM answers WHERE case_id = $d_id AND status = 'sent'"), $notice,
    '... the notice sent as its answer';
ok $s->sql_value("SELECT COUNT(*) FROM outbox WHERE account_id = " . $s->account_id('citizen')) > $outbox,
    '... and queued to the citizen by their channels';
is $s->sql_value("SELECT GROUP_CONCAT(action ORDER BY id) FROM audit_log WHERE object_type = 'case'"
    . " AND object_id = '$d_tr' AND action LIKE 'repeat%'"), 'repeat_propose,repeat_approve', 'both steps are audited';
$page = $citizen->get($s->url("/cases/$d_tr"));
like text_of(body_of($page)), qr{같은 내용에 두 번 답변드렸으므로}, "the citizen reads the notice on the case's page";

# ------------------------------------------------------------ another citizen

my $other = $s->ua;
my ($reg, $form) = Madang::Test::register_citizen($s, $other);
is Madang::Test::sign_in($s, $other, $form->{login_id}, $form->{password})->code, 303, 'another citizen signs in';
my ($e_tr, $e_id) = file_as($other, 1, '보도블록 파손', '행복로 12번지 앞 보도블록이 깨져서 걸려 넘어질 뻔했습니다. 보수해 주세요.');
is repeats_of($e_id), 0, "the same words from another citizen are no repeat of the first one's cases";

# The fourth time: a manager may return the proposal, and never approves
# their own.
my ($f_tr, $f_id) = file_as($citizen, 1, '행복로 보도블록 또',
    '행복로 12번지 앞 보도블록이 깨져서 또 걸려 넘어질 뻔했습니다. 보수해 주세요.');
is repeats_of($f_id), 3, 'the fourth time: three earlier cases';
my $fh = staff(handler_of($f_id));
$r = Madang::Test::post_form($s, $fh, "/staff/cases/$f_tr", "/staff/cases/$f_tr/repeat",
    action => 'propose', notice => '반복 민원으로 종결합니다.');
is $r->code, 303, 'the handler proposes closing the fourth';
$r = Madang::Test::post_form($s, $m, "/staff/cases/$f_tr", "/staff/cases/$f_tr/repeat", action => 'return');
like text_of(body_of($m->follow($r))), qr{\Q$L{'Repeat.Msg.returned'}\E}, 'the manager returns it';
is $s->sql_value("SELECT CONCAT(status, ' ', (SELECT status FROM cases WHERE id = $f_id)) FROM repeat_closings"
    . " WHERE case_id = $f_id"), 'returned assigned', '... the case stays open';
$r = Madang::Test::post_form($s, $m, "/staff/cases/$f_tr", "/staff/cases/$f_tr/repeat",
    action => 'propose', notice => '관리자가 직접 제안합니다.');
is $r->code, 303, 'the manager proposes it again';
$r = Madang::Test::post_form($s, $m, "/staff/cases/$f_tr", "/staff/cases/$f_tr/repeat", action => 'approve');
like text_of(body_of($m->follow($r))), qr{\Q$L{'Repeat.Msg.repeat_self'}\E}, '... but cannot approve their own proposal';
is $s->sql_value("SELECT status FROM cases WHERE id = $f_id"), 'assigned', '... nothing closed';

# ------------------------------------------------------------ the confirmation step, following

# A private case, answered: never suggested to anyone else.
my ($p_tr, $p_id) = Madang::Test::file_case($s, $citizen, category => 3, title => '은하아파트 음식물 쓰레기',
    body => '은하아파트 분리수거장 음식물 쓰레기통이 넘쳐서 악취가 심하고 벌레가 꼬입니다.', public => 0);
answer($p_tr, $p_id, '음식물 쓰레기통을 수거했습니다.');

# Without JavaScript: the button asks for the confirmation step first.
my $form_page = $other->get($s->url('/cases/new'));
like body_of($form_page), qr{<button[^>]*name="step" value="check"}, "the filing form's button asks for the check";
my $cases = $s->sql_value('SELECT COUNT(*) FROM cases');
sub check_step {
    my ($title, $body) = @_;
    return $other->post($s->url('/cases/new'), [ map { Madang::Test::bytes_of($_) }
        csrf => Madang::Test::csrf_value($form_page), category => 1, title => $title, body => $body,
        public => 1, step => 'check' ]);
}
$r = check_step('보도블록 깨짐', '행복로 12번지 앞 보도 블록이 깨져 있어서 넘어질 뻔했어요. 보수 바랍니다.');
is $r->code, 200, 'a complaint like answered public ones: the confirmation step';
my $html = body_of($r);
like text_of($html), qr{\Q$L{'Similar.Heading'}\E}, '... says similar cases were handled';
like $html, qr{href="/cases/\Q$a_tr\E"}, "... lists the answered public case $a_tr";
like $html, qr{action="/cases/\Q$a_tr\E/follow"}, '... with "this is my problem too"';
is $s->sql_value('SELECT COUNT(*) FROM cases'), $cases, '... and files nothing yet';
like $html, qr{name="title"[^>]*value="보도블록 깨짐"}, '... keeping what was typed';
unlike $html, qr{name="step" value="check"}, '... its button files as a new complaint';

$r = check_step('은하아파트 음식물 쓰레기', '은하아파트 분리수거장 음식물 쓰레기통이 넘쳐서 악취가 심하고 벌레가 꼬입니다.');
is $r->code, 303, "another citizen's private case is never suggested: nothing like it, so it is filed at once";
unlike body_of($other->follow($r)), qr{\Q$p_tr\E}, '... and its number appears nowhere';
$cases = $s->sql_value('SELECT COUNT(*) FROM cases');

# The JSON the script asks while the citizen types: the same scope.
$r = $other->get($s->url('/cases/similar.json?title=' . URI::Escape::uri_escape_utf8('보도블록 깨짐')
    . '&body=' . URI::Escape::uri_escape_utf8('행복로 12번지 앞 보도 블록이 깨져 있어서 넘어질 뻔했어요. 보수 바랍니다.')));
is $r->code, 200, 'similar.json answers';
like $r->header('Content-Type'), qr{application/json}, '... JSON';
like $r->decoded_content, qr{"url":"/cases/\Q$a_tr\E"}, '... with the answered public case';
$r = $other->get($s->url('/cases/similar.json?title=' . URI::Escape::uri_escape_utf8('은하아파트 음식물 쓰레기')
    . '&body=' . URI::Escape::uri_escape_utf8('은하아파트 분리수거장 음식물 쓰레기통이 넘쳐서 악취가 심하고 벌레가 꼬입니다.')));
unlike $r->decoded_content, qr{\Q$p_tr\E}, '... never a private case';

# "This is my problem too": following instead of filing.
my ($follow) = grep { $_->{action} eq "/cases/$a_tr/follow" } Madang::Test::forms_of($html);
$r = Madang::Test::submit_form($s, $other, $follow);
is $r->code, 303, '"this is my problem too" follows the case';
$page = $other->follow($r);
like text_of(body_of($page)), qr{\Q$L{'Follow.Msg.on'}\E}, '... and says so on its page';
is $s->sql_value("SELECT COUNT(*) FROM case_follows WHERE case_id = $a_id AND account_id = "
    . $s->account_id($form->{login_id})), 1, '... one follow row';
is $s->sql_value('SELECT COUNT(*) FROM cases'), $cases, '... nothing filed';
$r = Madang::Test::post_form($s, $other, "/cases/$a_tr", "/cases/$p_tr/follow", action => 'follow');
is $r->code, 404, 'a private case cannot be followed (not found)';

# The followed case changes: the follower is told by the notifier's scan.
my ($close) = grep { ($_->{fields}{action} // '') eq 'close' }
    Madang::Test::forms_of(body_of($citizen->get($s->url("/cases/$a_tr"))));
ok $close, 'the filer may close the answered case';
is Madang::Test::submit_form($s, $citizen, $close)->code, 303, '... and closes it';
my $notifier = Madang::Test::_build_dir() . '/madang-notifier';
system($notifier, '--config', $s->config, '--once');
my $other_id = $s->account_id($form->{login_id});
is $s->sql_value("SELECT COUNT(*) FROM notices WHERE account_id = $other_id AND kind = 'followed'"), 1,
    'the follower gets a notice that the case changed';
like $s->sql_value("SELECT payload FROM notices WHERE account_id = $other_id AND kind = 'followed'"),
    qr{\Q$a_tr\E}, '... naming it';
system($notifier, '--config', $s->config, '--once');
is $s->sql_value("SELECT COUNT(*) FROM notices WHERE account_id = $other_id AND kind = 'followed'"), 1,
    '... once';

# ------------------------------------------------------------ similar answers of the department

$page = staff(handler_of($e_id))->get($s->url("/staff/cases/$e_tr"));
$text = text_of(body_of($page));
like $text, qr{\Q$L{'Repeat.SimilarAnswers'}\E}, 'staff writing an answer see similar answers';
like $text, qr{보도블록을 교체했습니다}, '... of their department';

# The same matter answered by another department (as if 교통행정과 had
# sent it) is never shown to 도로과.
$s->sql("UPDATE answers SET body = '교통행정과만 아는 답변' WHERE case_id = $a_id");
$s->sql("UPDATE answers SET department_id = 5 WHERE case_id = $a_id");
$page = staff(handler_of($e_id))->get($s->url("/staff/cases/$e_tr"));
unlike body_of($page), qr{교통행정과만 아는 답변}, "an answer of another department is not among them";

done_testing;
