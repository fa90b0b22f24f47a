# SPDX-License-Identifier: AGPL-3.0-or-later
# 220-totp.t: two-factor sign-in for staff (issue 13, section 3), on the
# real stack with the production rule (every staff account needs a second
# factor). The codes are computed here (RFC 6238 with Digest::SHA's
# hmac_sha1), never read from the application: enrolment by the QR page's
# typed secret, a wrong first code, sign-in with a code, a wrong code, the
# same code refused a second time, recovery codes accepted once, the
# throttle, a supervisor blocked until enrolled, a reset by a supervisor
# in scope (audited, the person told) and refused out of scope, the rule
# on the settings page ('contacts', 'none'; audited), a citizen not asked
# unless they turn it on (and off again, with a code), and who must have a
# factor unable to turn it off.
use strict;
use warnings;
use utf8;
use Test::More;
use Digest::SHA qw(hmac_sha1);
use Madang::Test qw(body_of);
use Madang::Notify;
use Madang::Staff qw(scope_rebuild);

binmode $_, ':encoding(UTF-8)'
    for map { Test::More->builder->$_ } qw(output failure_output todo_output);

# With the SMTP sink and the notifier: the reset's mail is read back.
my $n = Madang::Notify->start(seed => 1);
my $s = $n->stack;
# The demo turns the rule off (db/seed/demo.d/37-totp.sql); back to the
# production default.
$s->sql("UPDATE settings SET value = 'staff' WHERE name = 'auth.totp_required'");

sub base32_decode {
    my ($t) = @_;
    $t =~ s/[\s=]//g;
    my $bits = join '', map { sprintf '%05b', index('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', $_) } split //, uc $t;
    return pack 'B*', substr($bits, 0, 8 * int(length($bits) / 8));
}

# The code of $key for the time step $step (RFC 4226 dynamic truncation).
sub code_at {
    my ($key, $step) = @_;
    my $mac = hmac_sha1(pack('N2', int($step / 2**32), $step % 2**32), $key);
    my $off = ord(substr $mac, -1) & 0x0f;
    my $n = unpack('N', substr $mac, $off, 4) & 0x7fffffff;
    return sprintf '%06d', $n % 1_000_000;
}
sub step_now { int(time / 30) }

sub password_step {
    my ($ua, $login, $pw) = @_;
    return Madang::Test::sign_in($s, $ua, $login, $pw);
}
sub send_code {
    my ($ua, $code) = @_;
    return Madang::Test::post_form($s, $ua, '/login/code', '/login/code', code => $code);
}
sub sign_out {
    my ($ua) = @_;
    Madang::Test::post_form($s, $ua, '/account', '/logout');
}

# Enrols the half-signed-in (or signed-in) $ua: returns the key and the
# recovery codes; passes tests along the way.
sub enrol {
    my ($ua, $who) = @_;
    my $page = $ua->get($s->url('/account/2fa'));
    is($page->code, 200, "$who: the enrolment page opens");
    my $html = body_of($page);
    like($html, qr{<svg[^>]+role="img"[^>]+aria-label="[^"]+".*<path fill="#000" d="M\d}s, "$who: a QR code in SVG");
    my ($secret) = $html =~ m{id="totp-secret" class="secret">([A-Z2-7 ]+)</code>};
    ok($secret, "$who: the key is shown as text beside it") or return;
    my $key = base32_decode($secret);
    is(length $key, 20, "$who: a 160-bit key");
    my $r = Madang::Test::post_form($s, $ua, '/account/2fa', '/account/2fa', code => '000000' eq code_at($key, step_now()) ? '111111' : '000000');
    is($r->code, 400, "$who: a wrong first code is refused");
    $r = Madang::Test::post_form($s, $ua, '/account/2fa', '/account/2fa', code => code_at($key, step_now()));
    is($r->code, 200, "$who: the first code confirms the enrolment");
    my @codes = body_of($r) =~ m{<li><code>([a-z2-9]{5}-[a-z2-9]{5})</code></li>}g;
    is(scalar @codes, 10, "$who: ten recovery codes are shown once");
    return ($key, @codes);
}

my $admin_id = $s->account_id('admin');
my $lee_id = $s->account_id('road.lee');
my $choi_id = $s->account_id('road.choi');

# ------------------------------------------------ enrolment is required
my $admin = $s->ua;
my $r = password_step($admin, 'admin', 'madang-admin-2026');
is($r->code, 303, 'the supervisor\'s password is right');
is($r->header('Location'), '/account/2fa', 'not enrolled: sent to the enrolment');
for my $path ('/admin', '/staff/cases', '/account', '/my/cases') {
    my $p = $admin->get($s->url($path));
    isnt($p->code, 200, "half signed in: $path does not open (" . $p->code . ')');
}
is($s->sql_value("SELECT COUNT(*) FROM sessions WHERE account_id = $admin_id"), 0,
   'half signed in: no session');
my ($key, @recovery) = enrol($admin, 'admin');
is($admin->get($s->url('/admin'))->code, 200, 'enrolled: signed in, the dashboard opens');
is($s->sql_value("SELECT COUNT(*) FROM totp_recovery WHERE account_id = $admin_id AND LENGTH(code_hash) = 32"), 10,
   'the recovery codes are stored hashed');
my $plain = $recovery[0] =~ s/-//r;
is($s->sql_value("SELECT COUNT(*) FROM totp_recovery WHERE code_hash = '$plain' OR code_hash = '$recovery[0]'"), 0,
   'no recovery code is stored as typed');
sign_out($admin);

# ------------------------------------------------ sign-in with a code
my $used = $s->sql_value("SELECT last_step FROM totp_factors WHERE account_id = $admin_id");
ok($used >= step_now() - 1, 'the enrolment\'s step is remembered');
$admin = $s->ua;
$r = password_step($admin, 'admin', 'madang-admin-2026');
is($r->header('Location'), '/login/code', 'enrolled: the code is asked after the password');
isnt($admin->get($s->url('/admin'))->code, 200, 'before the code nothing opens');
$r = send_code($admin, code_at($key, $used));
is($r->code, 400, 'the code already used at the enrolment is refused (replay)');
$r = send_code($admin, '12345');
is($r->code, 400, 'a malformed code is refused');
my $next = $used + 1;
$r = send_code($admin, code_at($key, $next));
is($r->code, 303, 'the next step\'s code signs in');
is($admin->get($s->url('/admin'))->code, 200, 'signed in');
sign_out($admin);

$admin = $s->ua;
password_step($admin, 'admin', 'madang-admin-2026');
is(send_code($admin, code_at($key, $next))->code, 400, 'the same code is never accepted twice');
# ------------------------------------------------ recovery codes
$r = send_code($admin, $recovery[0]);
is($r->code, 303, 'a recovery code signs in instead');
sign_out($admin);
$admin = $s->ua;
password_step($admin, 'admin', 'madang-admin-2026');
is(send_code($admin, $recovery[0])->code, 400, 'a recovery code is spent after one use');
is(send_code($admin, uc($recovery[1] =~ s/-//r))->code, 303, 'another one, typed without the dash in capitals, works');
is($s->sql_value("SELECT COUNT(*) FROM totp_recovery WHERE account_id = $admin_id AND used_at IS NULL"), 8,
   'eight recovery codes left');
like(body_of($admin->get($s->url('/account/2fa'))), qr{<strong>8</strong>}, 'the account page says how many are left');

# ------------------------------------------------ a supervisor of a department
$s->sql("INSERT INTO staff_roles (account_id, role, department_id, with_subtree)"
        . " VALUES ($choi_id, 'supervisor', 4, 1)");
scope_rebuild($s);
my $choi = $s->ua;
$r = password_step($choi, 'road.choi', 'madang-staff-2026');
is($r->header('Location'), '/account/2fa', 'a department\'s supervisor is sent to the enrolment');
isnt($choi->get($s->url('/admin/staff'))->code, 200, 'and reaches nothing else until done');
my ($choi_key) = enrol($choi, 'road.choi');
is($choi->get($s->url('/admin/staff'))->code, 200, 'enrolled: the staff pages open');

# Out of scope: the institution's supervisor.
$r = $choi->post($s->url("/admin/staff/$admin_id"),
                 [csrf => Madang::Test::csrf_value($choi->get($s->url('/admin/staff'))), action => 'totp_reset']);
is($r->code, 403, 'a department\'s supervisor cannot reset a global supervisor\'s factor');
is($s->sql_value("SELECT COUNT(*) FROM totp_factors WHERE account_id = $admin_id"), 1, 'which stays');

# In scope: road.lee, a handler of the department (enrolled first).
my $lee = $s->ua;
is(password_step($lee, 'road.lee', 'madang-staff-2026')->header('Location'), '/account/2fa', 'a handler must enrol too');
enrol($lee, 'road.lee');
is($lee->get($s->url('/staff/cases'))->code, 200, 'road.lee signed in');
$r = Madang::Test::post_form($s, $choi, "/admin/staff/$lee_id", "/admin/staff/$lee_id", action => 'totp_reset');
is($r->code, 303, 'the department\'s supervisor resets road.lee\'s factor');
is($s->sql_value("SELECT COUNT(*) FROM totp_factors WHERE account_id = $lee_id"), 0, 'the factor is gone');
is($s->sql_value("SELECT COUNT(*) FROM totp_recovery WHERE account_id = $lee_id"), 0, 'and the recovery codes');
is($s->sql_value("SELECT COUNT(*) FROM audit_log WHERE account_id = $choi_id AND object_type = 'account'"
                 . " AND object_id = '$lee_id' AND action = 'totp_reset'"), 1, 'audited');
is($s->sql_value("SELECT COUNT(*) FROM notices WHERE account_id = $lee_id AND kind = 'totp_reset'"), 1,
   'road.lee is told');
$n->run_ok('the notifier sends the notice');
$n->settle(quiet => 0.5);
my @mails = $n->mails(kind => 'totp_reset');
is(scalar @mails, 1, 'one mail about the reset in the SMTP sink');
like($mails[0] && $mails[0]{text}, qr{/account/2fa}, '... with the link to set it up again');
isnt($lee->get($s->url('/staff/cases'))->code, 200, 'road.lee\'s sessions ended');
is(password_step($s->ua, 'road.lee', 'madang-staff-2026')->header('Location'), '/account/2fa',
   'road.lee enrols again at the next sign-in');

# ------------------------------------------------ citizens are not asked
my $cit = $s->ua;
$r = password_step($cit, 'citizen', 'madang-citizen-2026');
is($r->code, 303, 'the citizen signs in');
is($r->header('Location'), '/my/cases', 'with the password alone');

# ------------------------------------------------ the rule on the settings page
# Saves /admin/settings as the supervisor with every field as the page
# shows it, but for the ones given.
sub save_settings {
    my (%values) = @_;
    my $form = Madang::Test::form_as_shown(body_of($admin->get($s->url('/admin/settings'))), '/admin/settings');
    return Madang::Test::submit_form($s, $admin, $form, %values);
}
my $set = save_settings(totp_required => 'everyone');
is($set->code, 400, 'an unknown rule is refused');
$set = save_settings(totp_required => 'contacts');
is($set->code, 303, 'a supervisor sets the rule to "contacts"');
is($s->sql_value("SELECT value FROM settings WHERE name = 'auth.totp_required'"), 'contacts', 'stored');
is($s->sql_value("SELECT COUNT(*) FROM audit_log WHERE account_id = $admin_id AND object_id = 'auth.totp_required'"),
   1, 'and audited');
like(body_of($admin->get($s->url('/admin/settings'))), qr{<option value="contacts" selected>}, 'the page shows it');
is(password_step($s->ua, 'viewer.oh', 'madang-staff-2026')->header('Location'), '/account/2fa',
   '"contacts": a viewer, who reads cases with their contacts, must enrol');
$s->sql("UPDATE settings SET value = 'none' WHERE name = 'auth.totp_required'");
my $moon = $s->ua;
$r = password_step($moon, 'park.moon', 'madang-staff-2026');
is($r->header('Location'), '/staff/cases', '"none": a handler without a factor signs in with the password');
is($moon->get($s->url('/staff/cases'))->code, 200, '... and works');
is(password_step($s->ua, 'admin', 'madang-admin-2026')->header('Location'), '/login/code',
   '"none": who has a factor is still asked for it');

# ------------------------------------------------ optional for citizens
my $cit2 = $s->ua;
password_step($cit2, 'citizen', 'madang-citizen-2026');
my ($cit_key, @cit_recovery) = enrol($cit2, 'citizen');
sign_out($cit2);
$cit2 = $s->ua;
is(password_step($cit2, 'citizen', 'madang-citizen-2026')->header('Location'), '/login/code',
   'a citizen who turned it on is asked for a code');
my $cit_step = $s->sql_value("SELECT last_step FROM totp_factors WHERE account_id = " . $s->account_id('citizen'));
is(send_code($cit2, code_at($cit_key, $cit_step + 1))->code, 303, 'and signs in with it');
$r = Madang::Test::post_form($s, $cit2, '/account/2fa', '/account/2fa/off', code => '000000');
is($r->code, 400, 'turning it off needs a right code');
# The window's later steps are used up (the last code was a step ahead):
# a recovery code proves it as well.
$r = Madang::Test::post_form($s, $cit2, '/account/2fa', '/account/2fa/off', code => $cit_recovery[0]);
is($r->code, 303, 'a citizen turns it off with a recovery code');
is($s->sql_value("SELECT COUNT(*) FROM totp_factors f JOIN accounts a ON a.id = f.account_id"
                 . " WHERE a.login_id = 'citizen'"), 0, 'the factor is gone');
is(password_step($s->ua, 'citizen', 'madang-citizen-2026')->header('Location'), '/my/cases',
   'then signs in with the password alone');
$set = save_settings(totp_required => 'staff');
is($set->code, 303, 'the rule back to every staff member');
isnt($moon->get($s->url('/staff/cases'))->code, 200, 'the session of a handler without a factor ends at once');
is($admin->get($s->url('/admin'))->code, 200, 'the enrolled supervisor\'s goes on');
my $must = Madang::Test::post_form($s, $admin, '/account/2fa', '/account/2fa/off', code => code_at($key, step_now()));
is($must->code, 403, 'who must have a factor cannot turn it off');

# ------------------------------------------------ the throttle
my $choi2 = $s->ua;
password_step($choi2, 'road.choi', 'madang-staff-2026');
my ($last, $tries) = (0, 0);
while ($tries < 12) {
    $tries++;
    $last = send_code($choi2, '000001')->code;
    last if $last == 429;
}
is($last, 429, "wrong codes are throttled (after $tries)");
ok($tries > 3, 'a few mistakes are allowed first');
my $t = send_code($choi2, code_at($choi_key, step_now() + 1));
is($t->code, 429, 'while throttled even a right code is not checked');
ok($t->header('Retry-After'), 'with Retry-After');

$n->stop;
done_testing;
