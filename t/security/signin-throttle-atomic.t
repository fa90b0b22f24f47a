# SPDX-License-Identifier: AGPL-3.0-or-later
# signin-throttle-atomic.t: the sign-in throttle's check and record are one
# atomic step. 30 wrong passwords for one account posted at once, to more
# workers than the allowance, must not get more password checks than the
# throttle allows (throttle.per_login, here 3, with a first delay far
# longer than the test): the others are answered 429 at once without a
# check. Seen from outside: the number of "wrong password" answers (400)
# and of failures recorded for the account.
use strict;
use warnings;
use Test::More;
use IO::Handle;
use POSIX ();
use Madang::Test;

my $ALLOWANCE = 3;
my $PARALLEL = 30;
my $s = Madang::Test->start(workers => 8, config => {
    'throttle.per_login' => $ALLOWANCE,
    'throttle.delay_seconds' => 600,
    'throttle.max_delay_seconds' => 600,
});

my ($res, $victim) = Madang::Test::register_citizen($s, $s->ua);
is $res->code, 303, 'an account to guess at';
my $login = $victim->{login_id};

# Each child gets its sign-in page (and CSRF token) first, then waits on
# the pipe; closing it lets all of them post at once.
pipe(my $go_r, my $go_w) or die "pipe: $!";
pipe(my $res_r, my $res_w) or die "pipe: $!";
my @kids;
for my $i (1 .. $PARALLEL) {
    my $pid = fork // die "fork: $!";
    if (!$pid) {
        close $go_w;
        close $res_r;
        my $code = eval {
            my $ua = $s->ua;
            my $csrf = $s->csrf_from($ua->get($s->url('/login')));
            sysread $go_r, my $buf, 1;    # EOF when the parent closes
            my $r = $ua->post($s->url('/login'), [ csrf => $csrf, login_id => $login,
                password => "Wrong-guess-$i-xyz" ]);
            $r->code;
        } // 0;
        syswrite $res_w, "$code\n";
        POSIX::_exit(0);
    }
    push @kids, $pid;
}
close $go_r;
close $res_w;
sleep 2;    # every child has its form
close $go_w;
my %codes;
while (my $line = <$res_r>) {
    chomp $line;
    $codes{$line}++;
}
waitpid $_, 0 for @kids;
note 'answers: ' . join ', ', map { "$_ x $codes{$_}" } sort keys %codes;

my $checked = $codes{400} // 0;
my $throttled = $codes{429} // 0;
is $checked + $throttled, $PARALLEL, "all $PARALLEL guesses were answered 400 or 429";
cmp_ok $checked, '<=', $ALLOWANCE, "at most $ALLOWANCE were checked against the password ($checked)";
cmp_ok $checked, '>=', 1, 'and the first one was';
my $recorded = $s->sql_value(
    "SELECT COUNT(*) FROM login_failures WHERE scope = 'login' AND subject = '$login'");
cmp_ok $recorded, '<=', $ALLOWANCE, "no more than $ALLOWANCE failures recorded ($recorded)";

# Within the delay even the right password waits.
my $r = Madang::Test::sign_in($s, $s->ua, $login, $victim->{password});
is $r->code, 429, 'the right password within the delay: 429';
my $wait = $r->header('Retry-After') // '';
like $wait, qr/^\d+$/, "with Retry-After ($wait s)";
cmp_ok $wait, '<=', 600, '(no longer than the configured delay)';

$s->stop;
done_testing;
