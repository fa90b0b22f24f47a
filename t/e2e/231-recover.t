# SPDX-License-Identifier: AGPL-3.0-or-later
# 231-recover.t: "Forgot your password?" and "Forgot your ID?" (issue 13,
# section 2) on the real stack: a link by e-mail (read back from the SMTP
# sink) and a code by SMS (from fakesmsc), each single use; an expired link
# (times shifted in SQL) refused; the same answer for an unknown account,
# which gets nothing sent; an unverified address gets nothing; the reset
# ends every session and tells the verified contacts; the asking is
# throttled; the login ID goes to a verified contact.
use strict;
use warnings;
use utf8;
use Test::More;
use Madang::Test qw(body_of);
use Madang::Notify;

binmode $_, ':encoding(UTF-8)'
    for map { Test::More->builder->$_ } qw(output failure_output todo_output);

my $n = Madang::Notify->start(seed => 1, sms => 1);
my $s = $n->stack;
my %L = %{ Madang::Test::lang_strings('ko') };

sub deliver {
    $n->run_ok($_[0], now => '2030-01-02 10:00:00');
    $n->settle;
}

sub post {
    my ($ua, $page, $path, %f) = @_;
    my $p = $ua->get($s->url($page));
    return $ua->post($s->url($path), Madang::Test::_form_bytes(csrf => Madang::Test::csrf_value($p), %f));
}

# The page's main text without what differs between any two answers.
sub answer_of {
    my ($res) = @_;
    my $b = body_of($res);
    my ($main) = $b =~ m{<main\b.*?</main>}s ? ($&) : ($b);
    $main =~ s/name="csrf" value="[^"]*"//g;
    $main =~ s/name="login_id" value="[^"]*"//g;
    return $main;
}

sub outbox_n { $s->sql_value('SELECT COUNT(*) FROM outbox') }

# ---- a citizen with a verified address and number, signed in twice
my $ua = $s->ua;
my ($res, $form) = Madang::Test::register_citizen($s, $ua, mobile => '010-2310-0001', unverified => 1);
is $res->code, 303, 'registered';
my $id = $s->account_id($form->{login_id});
ok $n->verify_contacts($ua, email => $form->{email}, mobile => '+821023100001'),
    'the contacts are verified through the real flow (Madang::Notify::verify_contacts)';
is $s->sql_value("SELECT email_verified_at IS NOT NULL AND mobile_verified_at IS NOT NULL FROM accounts WHERE id = $id"),
    1, 'both verified';
my $other = $s->ua;
is Madang::Test::sign_in($s, $other, $form->{login_id}, $form->{password})->code, 303, 'a second session';
deliver('registration');
$s->sql("DELETE FROM outbox");

# ---- the sign-in page leads to both
my $login = body_of($s->ua->get($s->url('/login')));
like $login, qr{href="/recover"}, 'the sign-in page links "Forgot your password?"';
like $login, qr{href="/forgot-id"}, 'and "Forgot your ID?"';

# ---- by e-mail: the same answer for an unknown account, nothing sent
my $anon = $s->ua;
my $known = post($anon, '/recover', '/recover', login_id => $form->{login_id}, channel => 'email');
is $known->code, 200, 'asked by e-mail';
is outbox_n(), 1, 'one mail queued';
my $unknown = post($anon, '/recover', '/recover', login_id => 'nobody' . $$, channel => 'email');
is $unknown->code, 200, 'asked for an unknown ID';
is answer_of($unknown), answer_of($known), 'the same answer';
is outbox_n(), 1, 'nothing queued for it';

deliver('the reset link');
my @m = $n->mails(kind => 'recover', to => $form->{email});
is scalar @m, 1, 'the reset mail arrived';
my ($link) = ($m[0]{text} // '') =~ m{(/reset/[A-Za-z0-9_.-]+)};
ok $link, 'with its link';
is $anon->get($s->url($link))->code, 200, 'the link opens the form';
$res = post($anon, $link, $link, password => 'Brand-new-pass-9931', password2 => 'Other-pass-9931x');
is $res->code, 400, 'mismatched passwords are refused';
$res = post($anon, $link, $link, password => 'Brand-new-pass-9931', password2 => 'Brand-new-pass-9931');
is $res->code, 303, 'the new password is set';
like $res->header('Location'), qr{/login\?done=reset}, 'and the sign-in page follows';
is $s->sql_value("SELECT COUNT(*) FROM sessions WHERE account_id = $id"), 0, 'every session ended';
isnt $ua->get($s->url('/account'))->code, 200, 'the old session no longer works';
is post($anon, $link, $link, password => 'Third-pass-99311', password2 => 'Third-pass-99311')->code, 404,
    'the link works once';
# The link is a credential: neither log holds its token.
my ($mac) = $link =~ /\.([^.\/]+)\z/;
my $access = '';
Madang::Test::wait_until(5, sub {
    open my $fh, '<:raw', $s->dir . '/log/nginx-access.log' or return 0;
    local $/;
    ($access = <$fh> // '') =~ m{"POST /reset/};
});
like $access, qr{"POST /reset/-}, 'the access log has the path without the token';
unlike $access . $s->log_text, qr/\Q$mac\E/, "the link's token is in neither log";
is Madang::Test::sign_in($s, $s->ua, $form->{login_id}, $form->{password})->code, 400, 'the old password fails';
is Madang::Test::sign_in($s, $s->ua, $form->{login_id}, 'Brand-new-pass-9931')->code, 303, 'the new one works';

deliver('the reset notices');
is scalar(my @r = $n->mails(kind => 'password_reset', to => $form->{email})), 1, 'the address is told';
my @sms = $n->sms_messages(to => '+821023100001', like => qr/\Q$L{'Sms.password_reset'}\E/);
is scalar @sms, 1, 'the number is told';
$s->sql("DELETE FROM outbox");

# ---- by SMS: a code with the new password, once
my $ua3 = $s->ua;
$res = post($ua3, '/recover', '/recover', login_id => $form->{login_id}, channel => 'sms');
is $res->code, 200, 'asked by SMS';
like body_of($res), qr{action="/recover/code"}, 'the code form follows';
deliver('the reset code');
my ($code) = (($n->sms_messages(to => '+821023100001'))[-1]{text} // '') =~ /(\d{6})\s*\z/;
like $code, qr/^\d{6}\z/, 'the code arrived';
my $bad = $code eq '000000' ? '111111' : '000000';
$res = post($ua3, '/recover', '/recover/code', login_id => $form->{login_id}, code => $bad,
    password => 'Sms-new-pass-77123', password2 => 'Sms-new-pass-77123');
is $res->code, 400, 'a wrong code is refused';
$res = post($ua3, '/recover', '/recover/code', login_id => $form->{login_id}, code => $code,
    password => 'Sms-new-pass-77123', password2 => 'Sms-new-pass-77123');
is $res->code, 303, 'the right code sets the password';
$res = post($ua3, '/recover', '/recover/code', login_id => $form->{login_id}, code => $code,
    password => 'Sms-new-pass-77124', password2 => 'Sms-new-pass-77124');
is $res->code, 400, 'the code works once';
is Madang::Test::sign_in($s, $s->ua, $form->{login_id}, 'Sms-new-pass-77123')->code, 303, 'the new password works';

# ---- an expired link (30 minutes)
post($anon, '/recover', '/recover', login_id => $form->{login_id}, channel => 'email');
deliver('another link');
@m = $n->mails(kind => 'recover', to => $form->{email});
($link) = ($m[-1]{text} // '') =~ m{(/reset/[A-Za-z0-9_.-]+)};
$s->sql("UPDATE contact_codes SET created_at = created_at - INTERVAL 31 MINUTE,"
    . " expires_at = expires_at - INTERVAL 31 MINUTE WHERE account_id = $id AND purpose = 'reset'");
is $anon->get($s->url($link))->code, 404, 'an expired link is refused';

# ---- an unverified address gets nothing
$s->sql("UPDATE accounts SET email_verified_at = NULL WHERE id = $id");
$s->sql("DELETE FROM outbox");
is post($anon, '/recover', '/recover', login_id => $form->{login_id}, channel => 'email')->code, 200,
    'asked to an unverified address: the usual answer';
is outbox_n(), 0, 'nothing sent';

# ---- the throttle: 5 an hour per ID (this one had 4)
my @codes = map { post($anon, '/recover', '/recover', login_id => $form->{login_id}, channel => 'sms')->code } 1 .. 2;
is_deeply \@codes, [200, 429], 'the sixth asking for one ID within an hour is refused';

# ---- forgot the ID
$s->sql("DELETE FROM outbox");
$res = post($anon, '/forgot-id', '/forgot-id', contact => '010-2310-0001');
is $res->code, 200, 'asked for the ID by number';
my $nobody = post($anon, '/forgot-id', '/forgot-id', contact => '010-2310-9999');
is answer_of($nobody), answer_of($res), 'the same answer for an unknown number';
is outbox_n(), 1, 'one SMS queued';
deliver('the ID');
@sms = $n->sms_messages(to => '+821023100001', like => qr/\Q$form->{login_id}\E/);
is scalar @sms, 1, 'the ID arrived by SMS';
is post($anon, '/forgot-id', '/forgot-id', contact => 'not an address')->code, 400, 'a malformed contact is refused';
is post($anon, '/forgot-id', '/forgot-id', contact => $form->{email})->code, 200,
    'asked by an unverified address';
is outbox_n(), 1, 'nothing sent to it';

done_testing;
