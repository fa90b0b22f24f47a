# SPDX-License-Identifier: AGPL-3.0-or-later
# 500-logreopen.t: logrotate's way with madang-web's log (deploy/logrotate):
# the log is renamed, madang-web gets SIGHUP, and from then on its master
# and every worker write to a new file under the configured name; the
# workers are the same processes (the signal ends no wait for a request).
use strict;
use warnings;
use Test::More;
use Time::HiRes qw(sleep);
use Madang::Test qw(wait_until);

my $WORKERS = 2;
my $s = Madang::Test->start(workers => $WORKERS);
my $ua = $s->ua;
my $log = $s->dir . '/log/web.log';

my $master = $s->web_pid;
ok $master, 'madang-web runs';
my @workers = $s->worker_pids;
is scalar @workers, $WORKERS, "$WORKERS workers";

is $ua->get($s->url('/login'))->code, 200, 'a request before the rotation';
ok -s $log, 'it is logged in web.log';

ok rename($log, "$log.1"), 'logrotate renames web.log to web.log.1';
ok kill('HUP', $master), 'SIGHUP to the master';
ok wait_until(10, sub { -e $log && $s->log_text =~ /log reopened/ }),
    'the master opens a new web.log at once';

# Every worker must have taken the signal: ask more often than there are
# workers, each on a new connection (nginx hands them out in turn).
my $rotated_size = -s "$log.1";
my @codes = map { $ua->get($s->url("/login?n=$_"))->code } 1 .. 4 * $WORKERS;
is_deeply [grep { $_ != 200 } @codes], [], 'requests after the signal are served';
my $new = $s->log_text;
my @access = $new =~ m{^\S+ \[info\] pid=(\d+) rid=\S+ GET /login\S* 200 }mg;
is scalar @access, 4 * $WORKERS, 'every request after the signal lands in the new web.log';
my %pids = map { $_ => 1 } @access;
my @served_by = sort { $a <=> $b } keys %pids;
is_deeply \@served_by, [sort { $a <=> $b } @workers],
    'served by the same workers as before (none restarted), each writing the new file';
is -s "$log.1", $rotated_size, 'nothing more is written to the renamed file';
is $s->web_pid, $master, 'the master is the same process';

done_testing;
