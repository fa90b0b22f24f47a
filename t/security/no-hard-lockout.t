# SPDX-License-Identifier: AGPL-3.0-or-later
# no-hard-lockout.t: a stranger who knows a login ID cannot lock its owner
# out. After many wrong passwords the throttle only delays: the delay grows
# with the failures but never beyond throttle.max_delay_seconds (here 4 s),
# attempts refused meanwhile do not lengthen it, and once it has passed the
# right password signs in.
use strict;
use warnings;
use Test::More;
use Time::HiRes qw(sleep);
use Madang::Test;

my $CAP = 4;
my $s = Madang::Test->start(config => {
    'throttle.per_login' => 3,
    'throttle.delay_seconds' => 2,
    'throttle.max_delay_seconds' => $CAP,
});
my $L = Madang::Test::lang_strings('ko');

my ($res, $owner) = Madang::Test::register_citizen($s, $s->ua);
is $res->code, 303, "the owner's account";
my $login = $owner->{login_id};

# The stranger: 20 wrong passwords as fast as answers come.
my (@codes, $first_429);
for my $i (1 .. 20) {
    my $r = Madang::Test::sign_in($s, $s->ua, $login, "Stranger-guess-$i-xyz");
    push @codes, $r->code;
    $first_429 //= $r if $r->code == 429;
}
note "stranger: @codes";
is "@codes[0 .. 2]", '400 400 400', 'the first 3 wrong passwords are checked';
is $codes[3], 429, 'the 4th, right after, waits (429)';
like $first_429->decoded_content, qr/\Q$L->{'Msg.Throttled'}\E/, 'with the throttle message';
my $wait = $first_429->header('Retry-After') // '';
like $wait, qr/^\d+$/, "and Retry-After ($wait s)";
cmp_ok $wait, '<=', $CAP, "no longer than throttle.max_delay_seconds ($CAP)";

# Right away the owner waits too, but only that long.
my $r = Madang::Test::sign_in($s, $s->ua, $login, $owner->{password});
is $r->code, 429, 'the owner right after the stranger: 429';
cmp_ok $r->header('Retry-After') // 99, '<=', $CAP, '(for at most the cap)';
sleep $CAP + 1.1;
$r = Madang::Test::sign_in($s, $s->ua, $login, $owner->{password});
is $r->code, 303, "after the cap has passed the right password signs in (no 15-minute lock)";

# The stranger keeps going after the owner's sign-in: still only delays.
for my $i (1 .. 10) {
    Madang::Test::sign_in($s, $s->ua, $login, "Stranger-again-$i-xyz");
}
sleep $CAP + 1.1;
is Madang::Test::sign_in($s, $s->ua, $login, $owner->{password})->code, 303, 'and again after the next round';

$s->stop;
done_testing;
