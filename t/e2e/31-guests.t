# SPDX-License-Identifier: AGPL-3.0-or-later
# 31-guests.t: whose account a filing from outside the web goes to (issue
# 10: mail, SMS, the call centre and Open311 file for people without an
# account). A verified address of a registered account is that account's;
# an unverified one is not (anyone can register with another person's
# address); otherwise one guest per address, the same guest every time,
# and never a duplicate-key failure when the e-mail and the mobile belong
# to two different guests. A guest cannot sign in.
use strict;
use warnings;
use utf8;
use Test::More;
use Madang::Test;

my $s = Madang::Test->start(seed => 1);
my $check = "$s->{build}/t/unit/guest-check";
-x $check or BAIL_OUT("no $check (the test build makes it)");

sub owner {
    my ($email, $mobile, $name) = @_;
    my ($out, $ok, $st) = Madang::Test::_run_with_stdin(undef, $check, $s->config, $email, $mobile, $name // '');
    # The last line: the library's log (a lost race for an address is
    # logged) comes first.
    ($out) = ($out // '') =~ /([^\n]*)\n?\z/;
    is $st, 0, "a filing from <$email> <$mobile> has an owner" or diag $out;
    return $out;
}
sub kind { $s->sql_value("SELECT kind FROM accounts WHERE id = $_[0]") }

# A registered citizen's address, not verified: a guest, not the citizen.
my $citizen = $s->sql_value(q{SELECT id FROM accounts WHERE login_id = 'citizen'});
my $email = $s->sql_value("SELECT email FROM accounts WHERE id = $citizen");
# (The demo's contacts are verified: db/seed/demo.d/99-verified.sql.)
$s->sql("UPDATE accounts SET email_verified_at = NULL, mobile_verified_at = NULL WHERE id = $citizen");
my $g = owner($email, '', '김민원');
isnt $g, $citizen, "an unverified e-mail address is not the citizen's account";
is kind($g), 'guest', '... but a guest';
is owner($email, '', ''), $g, '... the same guest the next time';

# Verified: the citizen's own.
$s->sql("UPDATE accounts SET email_verified_at = NOW() WHERE id = $citizen");
is owner($email, '', ''), $citizen, "a verified e-mail address is the citizen's account";
$s->sql("UPDATE accounts SET mobile = '01099998888', mobile_verified_at = NULL WHERE id = $citizen");
isnt owner('', '010-9999-8888' =~ s/-//gr, ''), $citizen, 'an unverified mobile number is not';
$s->sql("UPDATE accounts SET mobile_verified_at = NOW() WHERE id = $citizen");
is owner('', '01099998888', ''), $citizen, 'a verified one is';

# Guests by e-mail and by mobile; both given, belonging to two guests.
my $by_mail = owner('guest.one@example.kr', '', '');
my $by_phone = owner('', '01055556666', '');
isnt $by_mail, $by_phone, 'two addresses, two guests';
is owner('guest.one@example.kr', '01055556666', ''), $by_mail,
    "the e-mail's guest when the mobile is another guest's (no duplicate-key failure)";
is owner('', '01055556666', ''), $by_phone, "... and the mobile still its own guest's";
my $new = owner('guest.two@example.kr', '01055556666', '');
ok $new != $by_mail && $new != $by_phone, 'a new e-mail with a taken mobile: a new guest';
is $s->sql_value("SELECT CONCAT(email, '|', IFNULL(mobile, '-')) FROM accounts WHERE id = $new"),
    'guest.two@example.kr|-', '... with the e-mail only';
is $s->sql_value("SELECT notify_email + 2 * notify_sms FROM accounts WHERE id = $by_phone"), 2,
    'a guest by SMS is told by SMS only';

# A guest cannot sign in: no login ID, no password.
is $s->sql_value("SELECT COUNT(*) FROM accounts WHERE kind = 'guest' AND (login_id IS NOT NULL OR password_hash IS NOT NULL)"),
    0, 'no guest has a login ID or a password';

# A citizen may still register with an address a guest has.
my $ua = $s->ua;
my $r = $ua->get($s->url('/register'));
my ($csrf) = $r->decoded_content =~ /name="csrf" value="([^"]+)"/;
$r = $ua->post($s->url('/register'), [csrf => $csrf, login_id => 'newcomer', name => '새 시민',
    email => 'guest.one@example.kr', mobile => '', password => 'a-long-password-2026',
    password2 => 'a-long-password-2026', consent => 1]);
ok $r->code == 303 || $r->code == 200, 'registering with a guest\'s e-mail address is not refused as taken'
    or diag $r->code;
is $s->sql_value(q{SELECT COUNT(*) FROM accounts WHERE login_id = 'newcomer'}), 1, '... the account exists';

$s->stop;
done_testing;
