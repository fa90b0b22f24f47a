# SPDX-License-Identifier: AGPL-3.0-or-later
# 500-logreopen.t: logrotate's way with madang-web's log (deploy/logrotate):
# the log is renamed, madang-web gets SIGHUP, and from then on its master
# and every worker write to a new file under the configured name; the
# workers are the same processes (the signal ends no wait for a request).
# madang-notifier --loop and madang-mailin --imap --loop the same way
# (issue 16): SIGHUP, and their next lines go to a new file while they
# run on.
use strict;
use warnings;
use Test::More;
use POSIX ();
use Time::HiRes qw(sleep);
use Madang::Test qw(wait_until);
use Madang::FastCGI;

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

# Every worker must have taken the signal. nginx keeps its FastCGI
# connections (fastcgi_keep_conn) and reuses the last one first, and
# requests this quick seldom overlap even when sent in parallel, so
# through nginx one worker may get them all (the test failed so now and
# then). So first one request per worker straight on its socket, each on
# a connection kept open while the next is asked: a worker holds one
# connection at a time, so the next goes to another worker. Then bursts
# of parallel requests through nginx, until every worker has written to
# the new file.
my $rotated_size = -s "$log.1";
my ($asked, @bad, @served_by) = (0);
my @held;
for my $i (1 .. $WORKERS) {
    $asked++;
    my $c = Madang::FastCGI->connect($s->dir . '/run/web.sock');
    $c->begin(Madang::FastCGI::params(GET => "/login?held=$i"), keep => 1);
    $c->end_stdin;
    my $res = eval { $c->response(keep => 1, timeout => 10) };
    push @bad, "held connection $i" unless $res && $res->code == 200;
    push @held, $c;
}
$_->close for @held;
for my $burst (1 .. 20) {
    my @kids;
    for my $i (1 .. 2 * $WORKERS) {
        $asked++;
        my $n = $asked;
        my $pid = fork // die "fork: $!";
        if (!$pid) {
            my $code = $ua->get($s->url("/login?n=$n"))->code;
            exit($code == 200 ? 0 : 1);
        }
        push @kids, $pid;
    }
    for (@kids) { waitpid($_, 0); push @bad, $_ if $? != 0 }
    my %pids = map { $_ => 1 } $s->log_text =~ m{^\S+ \[info\] pid=(\d+) rid=\S+ GET /login\S* 200 }mg;
    @served_by = sort { $a <=> $b } keys %pids;
    last if @served_by >= $WORKERS;
}
is_deeply \@bad, [], 'requests after the signal are served';
my @access = $s->log_text =~ m{^\S+ \[info\] pid=(\d+) rid=\S+ GET /login\S* 200 }mg;
is scalar @access, $asked, 'every request after the signal lands in the new web.log';
is_deeply \@served_by, [sort { $a <=> $b } @workers],
    'served by the same workers as before (none restarted), each writing the new file';
is -s "$log.1", $rotated_size, 'nothing more is written to the renamed file';
is $s->web_pid, $master, 'the master is the same process';

# A looping program's rotation: @cmd runs, writing passes ($pass) to $file;
# the file is renamed, the program gets SIGHUP, and its next passes go to a
# new file under the name while the same process runs on.
sub slurp { open my $fh, '<', $_[0] or return ''; local $/; return scalar <$fh> }
sub rotate_loop {
    my ($name, $file, $pass, @cmd) = @_;
    my $pid = fork // die "fork: $!";
    if (!$pid) {
        open STDIN, '<', '/dev/null' or POSIX::_exit(126);
        open STDOUT, '>', $s->dir . "/log/$name-loop.out" or POSIX::_exit(126);
        open STDERR, '>&', \*STDOUT or POSIX::_exit(126);
        { exec { $cmd[0] } @cmd };
        POSIX::_exit(127);
    }
    ok wait_until(60, sub { slurp($file) =~ $pass }), "$name: a pass is logged";
    ok rename($file, "$file.1"), "$name: logrotate renames its log";
    ok kill('HUP', $pid), "$name: SIGHUP";
    ok wait_until(30, sub { my $t = slurp($file); $t =~ /log reopened/ && $t =~ $pass }),
        "$name: its next pass is logged in a new file";
    my $rotated_size = -s "$file.1";
    sleep 2.5; # two more passes
    is -s "$file.1", $rotated_size, "$name: nothing more is written to the renamed file";
    is waitpid($pid, POSIX::WNOHANG()), 0, "$name: the same process runs on";
    kill 'TERM', $pid;
    waitpid($pid, 0);
    # It exits (with its last pass's status), not killed by the signal.
    is $? & 127, 0, "$name: SIGTERM stops it as before";
}

rotate_loop('madang-notifier', $s->dir . '/log/notifier.log', qr/\brun: .*sent=\d+/,
    $s->{build} . '/madang-notifier', '--config', $s->config, '--loop', '--interval', '1');

# No IMAP server (a refused connection): each pass fails and is logged.
$s->set_config('intake.imap.url' => 'imap://127.0.0.1:9/INBOX');
rotate_loop('madang-mailin', $s->dir . '/log/mailin.log', qr/imap pass: seen=/,
    $s->{build} . '/madang-mailin', '--config', $s->config, '--imap', '--loop', '--interval', '1');

done_testing;
