# SPDX-License-Identifier: AGPL-3.0-or-later
# 230-verify.t: verified contacts (issue 13, section 1) on the real stack:
# registration sends an e-mail link (read back from the SMTP sink) and an
# SMS code (read back from fakesmsc), delivered at 23:30 although SMS wait
# out the quiet hours then; a wrong code spends a try, five spend the
# code, an expired code (times shifted in SQL) no longer works; the link
# verifies on POST only, once; a change of number clears the flag; the
# sendings are throttled per account and per number; an unverified address gets only the
# web notice.
use strict;
use warnings;
use utf8;
use Test::More;
use Madang::Test qw(body_of);
use Madang::Notify;
use Madang::Staff ();

binmode $_, ':encoding(UTF-8)'
    for map { Test::More->builder->$_ } qw(output failure_output todo_output);

my $n = Madang::Notify->start(seed => 1, sms => 1);
my $s = $n->stack;
my $NIGHT = '2030-01-02 23:30:00';   # inside the default quiet hours

# Delivers the outbox at night and waits for the sink and fakesmsc.
sub deliver {
    $n->run_ok($_[0], now => $NIGHT);
    $n->settle;
}

# The newest code fakesmsc got for +82 number.
sub last_code {
    my ($intl) = @_;
    my @m = $n->sms_messages(to => $intl);
    return undef unless @m;
    my ($code) = $m[-1]{text} =~ /(\d{6})\s*\z/;
    return $code;
}

sub post {
    my ($ua, $page, $path, %f) = @_;
    my $p = $ua->get($s->url($page));
    return $ua->post($s->url($path), Madang::Test::_form_bytes(csrf => Madang::Test::csrf_value($p), %f));
}

sub flags {
    my ($id) = @_;
    return $s->sql_value("SELECT CONCAT(email_verified_at IS NOT NULL, mobile_verified_at IS NOT NULL)"
        . " FROM accounts WHERE id = $id");
}

# ---- registration sends a link and a code, delivered in quiet hours
my $ua = $s->ua;
my ($res, $form) = Madang::Test::register_citizen($s, $ua, mobile => '010-2300-0001', unverified => 1);
is $res->code, 303, 'registered';
my $id = $s->account_id($form->{login_id});
is flags($id), '00', 'nothing verified yet';
like body_of($ua->get($s->url('/account'))), qr/id="verify-mobile"/, 'the account page shows the number unverified';
deliver('registration mails');
my @sms = $n->sms_messages(to => '+821023000001');
is scalar @sms, 1, 'one SMS with a code, sent in the quiet hours';
my $code = last_code('+821023000001');
like $code, qr/^\d{6}\z/, 'a 6-digit code';
my @mail = $n->mails(kind => 'verify', to => $form->{email});
is scalar @mail, 1, 'one verification mail';
my ($link) = ($mail[0]{text} // '') =~ m{(/verify/email/[A-Za-z0-9_.-]+)};
ok $link, 'the mail holds the link';
is $s->sql_value("SELECT COUNT(*) FROM contact_codes WHERE account_id = $id AND secret_hash = SHA2('$code', 256)"),
    1, 'the code is stored only hashed';

# ---- a wrong code, then the right one
my $wrong = $code eq '000000' ? '111111' : '000000';
$res = post($ua, '/account/verify', '/account/verify/mobile/check', code => $wrong);
is $res->code, 400, 'a wrong code is refused';
like body_of($res), qr/err-code/, 'the field says so';
$res = post($ua, '/account/verify', '/account/verify/mobile/check', code => $code);
is $res->code, 303, 'the right code verifies';
is flags($id), '01', 'the number is verified';
$res = post($ua, '/account/verify', '/account/verify/mobile/check', code => $code);
is $res->code, 400, 'a code works once';

# ---- the link: GET changes nothing, POST verifies, once
$res = $ua->get($s->url($link));
is $res->code, 200, 'the link opens its page';
is flags($id), '01', 'opening the link verifies nothing';
$res = post($ua, $link, $link);
is $res->code, 200, 'the button verifies';
is flags($id), '11', 'the address is verified';
my $anon = $s->ua;
$res = post($anon, $link, $link);
is $res->code, 404, 'a used link is refused';
(my $forged = $link) =~ s/.$/$& eq 'A' ? 'B' : 'A'/e;
is post($anon, '/', $forged)->code, 404, 'a forged link is refused';

# ---- a change of number clears its flag (the address stays verified)
$res = post($ua, '/account', '/account/contact', email => $form->{email}, mobile => '010-2300-0002',
    contact_password => $form->{password});
is $res->code, 303, 'the number changed';
is flags($id), '10', 'the new number is not verified';
deliver('the new code');
my $code2 = last_code('+821023000002');
ok $code2, 'a code went to the new number';

# ---- five wrong tries spend the code
for my $i (1 .. 5) {
    post($ua, '/account/verify', '/account/verify/mobile/check', code => ($code2 eq '000000' ? '111111' : '000000'));
}
$res = post($ua, '/account/verify', '/account/verify/mobile/check', code => $code2);
is $res->code, 400, 'after five wrong tries the right code no longer works';
like body_of($res), qr/err-code/, 'and the page says so';

# ---- expiry: a code older than 5 minutes
$res = post($ua, '/account/verify', '/account/verify/mobile');
is $res->code, 303, 'a new code is sent';
deliver('the third code');
my $code3 = last_code('+821023000002');
$s->sql("UPDATE contact_codes SET created_at = created_at - INTERVAL 6 MINUTE,"
    . " expires_at = expires_at - INTERVAL 6 MINUTE WHERE account_id = $id AND used_at IS NULL");
$res = post($ua, '/account/verify', '/account/verify/mobile/check', code => $code3);
is $res->code, 400, 'an expired code is refused';
is flags($id), '10', 'nothing verified';

# ---- the throttle per account: 5 an hour (it had 3: registration, change, one more)
my @codes = map { post($ua, '/account/verify', '/account/verify/mobile')->code } 1 .. 3;
is_deeply \@codes, [303, 303, 429], 'the sixth code for one account within an hour is refused';
like body_of(post($ua, '/account/verify', '/account/verify/mobile')), qr/role="alert"/, 'the page says to wait';

# ---- the throttle per number holds across accounts (+821023000002 had 4)
my $ua2 = $s->ua;
my ($res2, $form2) = Madang::Test::register_citizen($s, $ua2, mobile => '010-2300-0002', unverified => 1);
is $res2->code, 303, 'another account registers the same number';
my $id2 = $s->account_id($form2->{login_id});
is $s->sql_value("SELECT COUNT(*) FROM contact_codes WHERE account_id = $id2 AND purpose = 'mobile'"), 1,
    'its registration sends the fifth code to that number';
is post($ua2, '/account/verify', '/account/verify/mobile')->code, 429, 'a sixth to the number is refused';

# ---- an unverified account gets only the web notice
$s->sql("UPDATE accounts SET notify_email = 1, notify_sms = 1 WHERE id = $id2");
Madang::Test::file_case($s, $ua2, category => 1, title => 'Verify test case', body => 'A streetlight is out.');
is $s->sql_value("SELECT COUNT(*) FROM notices WHERE account_id = $id2 AND kind = 'receipt'"), 1,
    'the receipt is in the web inbox';
is $s->sql_value("SELECT COUNT(*) FROM outbox WHERE account_id = $id2 AND kind = 'receipt'"), 0,
    'and goes by neither e-mail nor SMS';
$s->sql("UPDATE accounts SET email_verified_at = NOW() WHERE id = $id2");
Madang::Test::file_case($s, $ua2, category => 1, title => 'Verify test case 2', body => 'Another one.');
is $s->sql_value("SELECT GROUP_CONCAT(channel) FROM outbox WHERE account_id = $id2 AND kind = 'receipt'"), 'email',
    'once the address is verified the receipt is mailed (the number still unverified: no SMS)';

# ---- a staff member a supervisor creates is sent a link too
my $admin = Madang::Staff::signed_in($s, 'admin', 'madang-admin-2026');
my $dept = $s->sql_value(q{SELECT MIN(id) FROM departments});
my ($sr, $staff_id) = Madang::Staff::create_staff($s, $admin, login_id => 'verify.staff', name => 'Verify Staff',
    email => 'verify.staff@madang.example', password => 'verify-staff-first-2026', department_id => $dept);
is $sr->code, 303, 'the supervisor creates a staff member';
is $s->sql_value(q{SELECT COUNT(*) FROM outbox WHERE kind = 'verify' AND recipient = 'verify.staff@madang.example'}),
    1, 'a verification link is queued to the new address';

done_testing;
