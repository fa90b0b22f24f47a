# SPDX-License-Identifier: AGPL-3.0-or-later
# 190-mileage.t: mileage and penalties (issue 11, section 4) on the real
# stack with the demo office: a complaint that got an answer earns its
# filer points once (a reopened case answered again earns nothing more);
# "my page" shows the balance and the ledger; the public ranking lists
# only those who opted in, names masked; a moderator's penalties climb
# the ladder (warning, 7 days, 30 days, indefinite) and step down after a
# clean period; a restricted citizen's public complaint is filed private
# with a message saying why, and filing never stops; objections, lifting
# and rejecting, each told to the person and audited; staff without a
# global moderator's or supervisor's role are refused; the demo data.
use strict;
use warnings;
use utf8;
use Test::More;
use Madang::Test qw(body_of L text_of forms_of submit_form post_form);
use Madang::Staff qw(signed_in act);

binmode $_, ':encoding(UTF-8)'
    for map { Test::More->builder->$_ } qw(output failure_output todo_output);

my $s = Madang::Test->start(seed => 1);

sub page_text { my ($ua, $path) = @_; my $r = $ua->get($s->url($path)); return ($r->code, text_of(body_of($r)), body_of($r)) }
sub balance_of { my ($id) = @_; return $s->sql_value("SELECT IFNULL(SUM(points), 0) FROM mileage_ledger WHERE account_id = $id") }

# ------------------------------------------------------------ the demo
{
    my $citizen = signed_in($s, 'citizen', 'madang-citizen-2026');
    my $id = $s->account_id('citizen');
    my $expect = $s->sql_value("SELECT 10 * COUNT(*) FROM cases WHERE account_id = $id AND status IN ('answered', 'closed')");
    ok $expect > 0, "the demo citizen has answered complaints ($expect points)";
    my ($code, $text) = page_text($citizen, '/my');
    is $code, 200, 'my page opens';
    like $text, qr{\Q@{[L('Mileage.Balance')]}\E: $expect \Q@{[L('Mileage.Points')]}\E}, '... with the balance';
    like $text, qr{\Q@{[L('Mileage.Reason.complaint_answered')]}\E}, '... and the ledger with its reasons';
    like $text, qr{\Q@{[L('Mileage.Complaints')]}\E \(\d+\)}, '... complaints with their count in the heading';
    like $text, qr{\Q@{[L('Mileage.NotRestricted')]}\E}, '... and no restriction';

    my $dohyun = $s->account_id('dohyun');
    is $s->sql_value("SELECT level FROM penalties WHERE account_id = $dohyun AND ends_at > NOW()"), 'restrict_7',
        'the demo has a penalised account (restrict_7 in force)';
    is $s->sql_value("SELECT COUNT(*) FROM notices WHERE account_id = $dohyun AND kind = 'penalty_applied'"), 2,
        '... told of each penalty';

    ($code, $text) = page_text($s->ua, '/mileage/ranking');
    is $code, 200, 'the public ranking opens without signing in';
    like $text, qr{김\*준}, '... lists an opted-in citizen, masked (김민준)';
    unlike $text, qr{김민준}, '... never in full';
    unlike $text, qr{박\*훈}, '... and not one who did not opt in (박지훈)';
}

# In English too.
{
    # (the demo's other citizens cannot sign in: dohyun borrows the demo citizen's password)
    $s->sql("SET \@h := (SELECT password_hash FROM accounts WHERE login_id = 'citizen');"
        . " UPDATE accounts SET password_hash = \@h WHERE login_id = 'dohyun'");
    my $en = signed_in($s, 'dohyun', 'madang-citizen-2026');
    is post_form($s, $en, '/my', '/lang', lang => 'en', back => '/my')->code, 303, 'a citizen switches to English';
    my ($code, $text) = page_text($en, '/my');
    like $text, qr{Mileage balance: \d+ points}, 'my page in English: the balance';
    like $text, qr{Your account may not post in public for now}, '... the restriction';
    like $text, qr{7-day posting restriction}, '... the penalty';
}

# ------------------------------------------------------------ an answer earns points, once
my $cit = $s->ua;
my ($reg, $acct) = Madang::Test::register_citizen($s, $cit, name => '마일리지시민');
is $reg->code, 303, 'a citizen registers';
my $cit_id = $s->account_id($acct->{login_id});
my ($tr, $case_id) = Madang::Test::file_case($s, $cit, category => 1, title => '마일리지 민원', body => '보도블록이 깨졌습니다.');
my $handler = $s->sql_value("SELECT a.login_id FROM case_handlers h JOIN accounts a ON a.id = h.account_id WHERE h.case_id = $case_id LIMIT 1");
my $h = signed_in($s, $handler);
is act($s, $h, $tr, 'start')->code, 303, 'the handler starts work';
is balance_of($cit_id), 0, 'no points before the answer';
is act($s, $h, $tr, 'answer', text => '보도블록을 교체했습니다.')->code, 303, 'the handler answers';
is $s->sql_value("SELECT CONCAT(points, ' ', reason, ' ', kind, ' ', item_id) FROM mileage_ledger WHERE account_id = $cit_id"),
    "10 complaint_answered case $case_id", 'the answer earned the filer 10 points for the case';
my ($code, $text, $html) = page_text($cit, '/my');
like $text, qr{\Q@{[L('Mileage.Balance')]}\E: 10 }, 'my page shows 10';
like $html, qr{href="/cases/$tr"}, '... and the ledger entry links to the case';

# Closed and reopened, answered again: nothing more.
my ($close) = grep { ($_->{fields}{action} // '') eq 'close' } forms_of(body_of($cit->get($s->url("/cases/$tr"))));
is submit_form($s, $cit, $close)->code, 303, 'the citizen closes the case';
my ($reopen) = grep { ($_->{fields}{action} // '') eq 'reopen' } forms_of(body_of($cit->get($s->url("/cases/$tr"))));
is submit_form($s, $cit, $reopen, text => '다시 깨졌습니다')->code, 303, '... and reopens it';
is act($s, $h, $tr, 'answer', text => '다시 교체했습니다.')->code, 303, 'answered again';
is $s->sql_value("SELECT COUNT(*) FROM mileage_ledger WHERE account_id = $cit_id"), 1, '... earns nothing more';
is balance_of($cit_id), 10, '... the balance stays 10';

# The ledger is append-only.
ok !eval { $s->sql("UPDATE mileage_ledger SET points = 1000 WHERE account_id = $cit_id"); 1 }, 'the ledger refuses an update';
ok !eval { $s->sql("DELETE FROM mileage_ledger WHERE account_id = $cit_id"); 1 }, '... and a deletion';

# The API the other parts wire: an award per reason from its setting,
# once; a reversal when the item is hidden, once.
my $check = "$s->{build}/t/unit/mileage-check";
-x $check or BAIL_OUT("no $check (the test build makes it)");
sub check {
    my ($out) = Madang::Test::_run_with_stdin(undef, $check, $s->config, @_);
    ($out) = ($out // '') =~ /([^\n]*)\n?\z/;
    return $out;
}
$s->sql("INSERT INTO settings (name, value) VALUES ('mileage.opinion_recommended', '7')"
    . " ON DUPLICATE KEY UPDATE value = '7'");
is check('award', $cit_id, 'opinion_recommended', 'post', 901), 'added 1', 'an opinion recommended earns points';
is check('award', $cit_id, 'opinion_recommended', 'post', 901), 'added 0', '... once';
is check('award', $cit_id, 'proposal_threshold', 'proposal', 902), 'added 1', 'a proposal at the threshold earns points';
is balance_of($cit_id), 10 + 7 + 50, '... the amounts from the setting (7) and the default (50)';
is check('award', $cit_id, 'reversal', 'post', 901), 'error: invalid', 'a reversal is not an award';
is check('award', $cit_id, 'report_valid', 'comment', 1), 'error: invalid', 'an unknown kind is refused';
is check('reverse', 'post', 901), 'reversed 1', 'hiding the opinion reverses its points';
is check('reverse', 'post', 901), 'reversed 0', '... once';
is balance_of($cit_id), 10 + 50, '... the balance without them';
like text_of(body_of($cit->get($s->url('/my')))), qr{\Q@{[L('Mileage.Reason.reversal')]}\E .* -7}, 'my page shows the reversal';
is check('reverse', 'proposal', 902), 'reversed 1', '(the proposal hidden too)';
is balance_of($cit_id), 10, '(back to 10)';

# ------------------------------------------------------------ the ranking's opt-in
($code, $text) = page_text($s->ua, '/mileage/ranking');
unlike $text, qr{마\*\*\*\*민}, 'not in the ranking before opting in';
($code, $text, $html) = page_text($cit, '/account');
like $html, qr{name="mileage_public"}, 'the account page offers the opt-in';
my $r = post_form($s, $cit, '/account', '/account/mileage', mileage_public => 1);
is $r->code, 303, 'the citizen opts in';
like text_of(body_of($cit->follow($r))), qr{\Q@{[L('Msg.MileageSaved')]}\E}, '... and is told';
($code, $text) = page_text($s->ua, '/mileage/ranking');
like $text, qr{마\*\*\*\*민 10}, '... now listed, masked, with 10 points';
is post_form($s, $cit, '/account', '/account/mileage')->code, 303, 'the citizen opts out';
($code, $text) = page_text($s->ua, '/mileage/ranking');
unlike $text, qr{마\*\*\*\*민}, '... and is gone from the ranking';

# ------------------------------------------------------------ penalties: the ladder
my $adm = signed_in($s, 'admin', 'madang-admin-2026');
my $lee = signed_in($s, 'road.lee', 'madang-staff-2026');
is $lee->get($s->url('/staff/penalties'))->code, 403, 'a handler may not open the penalties';
is post_form($s, $adm, '/staff/penalties', '/staff/penalties', login => $acct->{login_id}, reason => 'x')->code, 303,
    '(the supervisor applies a first penalty)';
$r = post_form($s, $adm, '/staff/penalties', '/staff/penalties', login => $acct->{login_id}, reason => '');
is $r->code, 400, 'a penalty without a reason is refused';
like text_of(body_of($r)), qr{\Q@{[L('Err.required')]}\E}, '... saying what is missing';
$r = post_form($s, $adm, '/staff/penalties', '/staff/penalties', login => 'nobody-here', reason => '욕설');
is $r->code, 400, 'a penalty for an unknown login is refused';
like body_of($r), qr{value="욕설"}, '... the reason kept in the form';
like text_of(body_of($r)), qr{\Q@{[L('Err.penalty_no_account')]}\E}, '... with the reason why';
$r = post_form($s, $lee, '/account', '/staff/penalties', login => $acct->{login_id}, reason => '욕설');
is $r->code, 403, 'a handler may not apply one';

sub levels { return join ',', map { $_->[0] } $s->sql("SELECT level FROM penalties WHERE account_id = $cit_id ORDER BY id") }
sub apply { return post_form($s, $adm, '/staff/penalties', '/staff/penalties', login => $acct->{login_id}, reason => $_[0]) }
is levels(), 'warning', 'the first penalty is a warning';
($code, $text) = page_text($cit, '/my');
like $text, qr{\Q@{[L('Mileage.NotRestricted')]}\E}, '... which restricts nothing';
$r = apply('반복된 욕설');
is $r->code, 303, 'a second penalty';
like text_of(body_of($adm->follow($r))), qr{\Q@{[L('Msg.PenaltyApplied')]}\E}, '... the moderator is told it is done';
is levels(), 'warning,restrict_7', '... a 7-day restriction';
is $s->sql_value("SELECT TIMESTAMPDIFF(DAY, starts_at, ends_at) FROM penalties WHERE account_id = $cit_id ORDER BY id DESC LIMIT 1"), 7,
    '... of 7 days';
is $s->sql_value("SELECT COUNT(*) FROM notices WHERE account_id = $cit_id AND kind = 'penalty_applied'"), 2,
    'each penalty is told to the person';
($code, $text) = page_text($cit, '/account/notices');
like $text, qr{반복된 욕설}, '... in the web inbox, with the reason';
($code, $text) = page_text($cit, '/my');
like $text, qr{\Q@{[L('Mileage.RestrictedNow')]}\E}, 'my page says posting is restricted';
like $text, qr{반복된 욕설}, '... and why';

# A restricted citizen still files; a public complaint becomes private.
($code, $text, $html) = page_text($cit, '/cases/new');
like $text, qr{\Q@{[L('Mileage.FileRestricted')]}\E}, 'the filing form says a public complaint is filed private';
unlike $html, qr{name="public" value="1" checked}, '... and its box starts unticked';
my $form = $cit->get($s->url('/cases/new'));
$r = $cit->post($s->url('/cases/new'), [ map { Madang::Test::bytes_of($_) } csrf => Madang::Test::csrf_value($form),
    category => 1, title => '제한 중 민원', body => '제한 중에도 민원은 접수됩니다.', public => 1 ]);
is $r->code, 303, 'the restricted citizen files a public complaint';
my ($tr2) = ($r->header('Location') // '') =~ m{^/cases/(\d{4}-\d{6})\?filed=1&private=1$};
ok $tr2, '... it is filed' or diag $r->header('Location');
is $s->sql_value("SELECT is_public FROM cases WHERE tracking_no = '$tr2'"), 0, '... private';
like text_of(body_of($cit->follow($r))), qr{\Q@{[L('Msg.FiledPrivate')]}\E}, '... and the page says why';
($code, $text) = page_text($s->ua, "/cases/$tr2");
is $code, 404, '... nobody else sees it';

$r = apply('세 번째 위반');
is levels(), 'warning,restrict_7,restrict_30', 'a third penalty: 30 days';

# A clean period (penalty.decay_days, 90) steps the level down once.
$s->sql("UPDATE penalties SET starts_at = starts_at - INTERVAL 150 DAY, ends_at = ends_at - INTERVAL 150 DAY WHERE account_id = $cit_id");
($code, $text) = page_text($cit, '/my');
like $text, qr{\Q@{[L('Mileage.NotRestricted')]}\E}, 'once the restrictions are over, posting is free again';
apply('넉 달 뒤 위반');
is levels(), 'warning,restrict_7,restrict_30,restrict_30', 'after more than 90 clean days the next step is 30 days again, not indefinite';
apply('곧바로 또 위반');
is levels(), 'warning,restrict_7,restrict_30,restrict_30,indefinite', 'at once again: indefinite';
($code, $text) = page_text($cit, '/my');
like $text, qr{\Q@{[L('Mileage.NoEnd')]}\E}, '... without an end date';

# A shorter clean period from the settings (penalty.decay_days).
# ------------------------------------------------------------ objections
my $last = $s->sql_value("SELECT MAX(id) FROM penalties WHERE account_id = $cit_id");
my $prev = $s->sql_value("SELECT MAX(id) FROM penalties WHERE account_id = $cit_id AND id < $last");
$r = post_form($s, $cit, '/my', "/my/penalties/$last/object", objection => '');
is $r->code, 400, 'an empty objection is refused';
like text_of(body_of($r)), qr{\Q@{[L('Err.required')]}\E}, '... saying so';
$r = post_form($s, $cit, '/my', "/my/penalties/$last/object", objection => '저는 욕설을 하지 않았습니다');
is $r->code, 303, 'the citizen objects to the indefinite restriction';
like text_of(body_of($cit->follow($r))), qr{\Q@{[L('Msg.ObjectionSent')]}\E}, '... and is told it was received';
$r = post_form($s, $cit, '/my', "/my/penalties/$last/object", objection => '한 번 더');
is $r->code, 400, 'a second objection to it is refused';
like text_of(body_of($r)), qr{\Q@{[L('Err.objection_already')]}\E}, '... saying so';
my $other = $s->ua;
Madang::Test::register_citizen($s, $other, name => '다른시민');
is post_form($s, $other, '/my', "/my/penalties/$last/object", objection => '남의 제재')->code, 404,
    "nobody objects to someone else's penalty";
is $cit->post($s->url("/my/penalties/$prev/object"), [ objection => 'no token' ])->code, 403, 'an objection without the CSRF token is refused';

($code, $text) = page_text($adm, '/staff/penalties');
like $text, qr{\Q@{[L('Mileage.ShowObjections')]}\E \(1\)}, 'the penalties page counts the pending objection';
($code, $text) = page_text($adm, '/staff/penalties?objections=1');
like $text, qr{저는 욕설을 하지 않았습니다}, 'the moderator sees the objection';
$r = post_form($s, $adm, '/staff/penalties', "/staff/penalties/$last", decision => 'lift', reason => '');
is $r->code, 400, 'lifting without a reason is refused';
$r = post_form($s, $adm, '/staff/penalties', "/staff/penalties/$last", decision => 'lift', reason => '확인 결과 오인 신고');
is $r->code, 303, 'the moderator lifts the indefinite restriction';
is $s->sql_value("SELECT objection_state FROM penalties WHERE id = $last"), 'accepted', '... accepting the objection';
ok $s->sql_value("SELECT lifted_at IS NOT NULL FROM penalties WHERE id = $last"), '... lifted';
is $s->sql_value("SELECT COUNT(*) FROM notices WHERE account_id = $cit_id AND kind = 'penalty_lifted'"), 1, '... and tells the person';
($code, $text) = page_text($cit, '/my');
like $text, qr{\Q@{[L('Mileage.RestrictedNow')]}\E}, 'the 30-day restriction before it still holds';
is post_form($s, $cit, '/my', "/my/penalties/$prev/object", objection => '30일은 너무 깁니다')->code, 303, 'the citizen objects to it';
$r = post_form($s, $adm, '/staff/penalties', "/staff/penalties/$prev", decision => 'reject', reason => '신고 내용이 사실로 확인됨');
is $r->code, 303, 'the moderator rejects that objection';
is $s->sql_value("SELECT objection_state FROM penalties WHERE id = $prev"), 'rejected', '... rejected';
($code, $text) = page_text($cit, '/account/notices');
like $text, qr{신고 내용이 사실로 확인됨}, '... the person is told why';
($code, $text) = page_text($cit, '/my');
like $text, qr{신고 내용이 사실로 확인됨}, '... also on my page';

# A lifted penalty no longer counts for the ladder.
apply('다시 위반');
is((split /,/, levels())[-1], 'indefinite', 'the next penalty after the 30 days in force is indefinite again');

# A shorter clean period from the settings (penalty.decay_days).
{
    my $ua = $s->ua;
    my (undef, $f) = Madang::Test::register_citizen($s, $ua, name => '감쇠시민');
    my $id = $s->account_id($f->{login_id});
    sub apply_to { return post_form($s, $adm, '/staff/penalties', '/staff/penalties', login => $_[0], reason => '도배') }
    apply_to($f->{login_id});
    $s->sql("UPDATE penalties SET starts_at = starts_at - INTERVAL 25 DAY WHERE account_id = $id");
    $s->sql("INSERT INTO settings (name, value) VALUES ('penalty.decay_days', '20') ON DUPLICATE KEY UPDATE value = '20'");
    apply_to($f->{login_id});
    is $s->sql_value("SELECT GROUP_CONCAT(level ORDER BY id) FROM penalties WHERE account_id = $id"), 'warning,warning',
        'with penalty.decay_days 20, a warning 25 days ago has decayed: the next is a warning again';
    $s->sql("UPDATE settings SET value = '90' WHERE name = 'penalty.decay_days'");
}

# The amounts and the clean period on /admin/settings (global supervisors).
{
    my $page = $adm->get($s->url('/admin/settings'));
    my $html = body_of($page);
    my $form = Madang::Test::form_as_shown($html, '/admin/settings');
    is $form->{fields}{mileage_complaint_answered}, '10', 'the settings page shows the amount of an answered complaint';
    is $form->{fields}{mileage_opinion_recommended}, '7', '... and the one set above';
    my $r = submit_form($s, $adm, $form, mileage_report_valid => -1);
    is $r->code, 400, 'a negative amount is refused';
    $r = submit_form($s, $adm, $form, mileage_report_valid => 8, penalty_decay_days => 60);
    is $r->code, 303, 'a supervisor changes an amount and the clean period';
    is $s->sql_value("SELECT GROUP_CONCAT(value ORDER BY name) FROM settings WHERE name IN ('mileage.report_valid', 'penalty.decay_days')"),
        '8,60', '... stored';
}

# Everything the moderators and the person did is in the audit log.
is $s->sql_value("SELECT GROUP_CONCAT(action ORDER BY id) FROM audit_log WHERE object_type = 'penalty'"
    . " AND object_id IN (SELECT id FROM penalties WHERE account_id = $cit_id)"),
    'apply,apply,apply,apply,apply,object,lift,object,reject_objection,apply', 'every decision and objection is audited';

done_testing;
