# SPDX-License-Identifier: AGPL-3.0-or-later
# signin-throttle-row-locks.t: the sign-in throttle makes its check and
# record one step with row locks on the login ID's and the address's rows,
# not with a server-wide named lock. On Galera named locks are not
# replicated, so a named lock let parallel guesses on two nodes overshoot
# the allowance (docs/decisions.md, "Accounts"; /work/shared/DESIGN.md,
# "Past one machine"); on one server it made every sign-in wait for every
# other. Seen from outside:
# - another client holding the old named lock does not hold up sign-in;
# - a client holding one login ID's throttle row holds up sign-in as that
#   ID until it lets go, and sign-in as another ID from the same address
#   not at all.
use strict;
use warnings;
use Test::More;
use POSIX qw(WNOHANG);
use Time::HiRes qw(time sleep);
use Madang::Test;

my $HOLD = 6;    # seconds the other client holds its lock
my $s = Madang::Test->start;

my ($res, $held) = Madang::Test::register_citizen($s, $s->ua);
is $res->code, 303, 'an account whose throttle row will be held';
($res, my $free) = Madang::Test::register_citizen($s, $s->ua);
is $res->code, 303, 'and another one';

# Another client of the database runs $script in the background; returns
# its pid once $holding (an SQL condition) is true, or undef after 20 s.
sub hold {
    my ($script, $holding) = @_;
    my $user = getpwuid($>) // 'root';
    my $pid = fork // die "fork: $!";
    if (!$pid) {
        open STDOUT, '>', '/dev/null';
        { exec 'mariadb', '--no-defaults', '--socket=' . $s->dir . '/run/mysqld.sock', '-u', $user,
              '-N', '-B', '-e', $script, 'madang' };
        POSIX::_exit(127);
    }
    for (1 .. 200) {
        return $pid if $s->sql_value("SELECT $holding");
        last if waitpid($pid, WNOHANG) == $pid;
        sleep 0.1;
    }
    kill 'TERM', $pid;
    waitpid $pid, 0;
    return undef;
}
sub running { my ($pid) = @_; return waitpid($pid, WNOHANG) == 0 }
my $sleeping = q{(SELECT COUNT(*) FROM information_schema.processlist WHERE info LIKE 'SELECT SLEEP(%')};

# The named lock the throttle used to take.
my $holder = hold("SELECT GET_LOCK(CONCAT('madang-throttle:', DATABASE()), 0); SELECT SLEEP($HOLD)",
    "IS_USED_LOCK(CONCAT('madang-throttle:', DATABASE())) IS NOT NULL AND $sleeping");
ok $holder, 'another client holds the named lock madang-throttle:madang';
my $r = Madang::Test::sign_in($s, $s->ua, $free->{login_id}, $free->{password});
is $r->code, 303, 'sign-in is not held up by it';
ok $holder && running($holder), '(answered while the lock was held)';
waitpid $holder, 0 if $holder;

# One login ID's row, locked and written as an attempt does.
my $login = $held->{login_id};
$holder = hold("START TRANSACTION;"
    . " INSERT INTO login_throttle (scope, subject, last_attempt_at) VALUES ('login', '$login', NOW())"
    . " ON DUPLICATE KEY UPDATE attempts = attempts + 1, last_attempt_at = NOW();"
    . " SELECT SLEEP($HOLD); COMMIT", $sleeping);
my $since = time;
ok $holder, "another client holds $login\'s throttle row";
$r = Madang::Test::sign_in($s, $s->ua, $free->{login_id}, $free->{password});
is $r->code, 303, 'sign-in as another login ID from the same address goes on';
ok $holder && running($holder), '(answered while the row was held)';
$r = Madang::Test::sign_in($s, $s->ua, $login, $held->{password});
my $waited = time - $since;
is $r->code, 303, "sign-in as $login goes on once the row is let go";
cmp_ok $waited, '>=', $HOLD - 1, sprintf('(after waiting for it: %.1f s)', $waited);
waitpid $holder, 0 if $holder;

# Rows of subjects quiet for over a day are removed by later attempts
# (without locking anyone else's).
$s->sql("INSERT INTO login_throttle (scope, subject, last_attempt_at) VALUES"
    . " ('login', 'gone.quiet', NOW() - INTERVAL 2 DAY)");
$s->sql("INSERT INTO login_failures (scope, subject, failed_at) VALUES"
    . " ('login', 'gone.quiet', NOW() - INTERVAL 2 DAY)");
is Madang::Test::sign_in($s, $s->ua, $free->{login_id}, $free->{password})->code, 303, 'a later sign-in';
is $s->sql_value(q{SELECT COUNT(*) FROM login_throttle WHERE subject = 'gone.quiet'}), 0,
    'removes a throttle row two days old';
is $s->sql_value(q{SELECT COUNT(*) FROM login_failures WHERE subject = 'gone.quiet'}), 0,
    'and a failure two days old';
is $s->sql_value(q{SELECT COUNT(*) FROM login_throttle WHERE subject = '} . $free->{login_id} . q{'}), 1,
    'but not a recent row';

$s->stop;
done_testing;
