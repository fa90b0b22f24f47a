# SPDX-License-Identifier: AGPL-3.0-or-later
# 18-run-ctrl-c.t: `make run`'s scripts/run.sh stops on Ctrl-C, every time,
# and takes down what it started. Ctrl-C is SIGINT to the whole foreground
# process group: the notifier gets it too and may end just as run.sh's trap
# begins; run.sh used bash's wait for it, which then at times never
# returned (about 1 stop in 9 hung), so the rounds below.
#
# run.sh serves REPO/var; the test gives it a REPO of its own, a temporary
# folder whose entries link to this checkout's (scripts/, db/, ...), so a
# developer's var/ is never touched.
use strict;
use warnings;
use utf8;

use Cwd qw(abs_path);
use File::Basename qw(dirname);
use File::Path qw(remove_tree);
use File::Temp qw(tempdir);
use IO::Socket::INET;
use POSIX qw(WNOHANG);
use Test::More;
use Time::HiRes qw(sleep time);

my $REPO = abs_path(dirname(__FILE__) . '/../..');
my $BUILD = abs_path($ENV{MADANG_BUILD} // "$REPO/build") // "$REPO/build";
-x "$BUILD/madang-web" or BAIL_OUT("$BUILD/madang-web missing: run make build (or set MADANG_BUILD)");
my $ROUNDS = 10;

my $root = tempdir('madang-run-XXXXXX', TMPDIR => 1, CLEANUP => 0);
opendir(my $dh, $REPO) or die "$REPO: $!";
for my $e (readdir $dh) {
    next if $e =~ /^(?:\.|\.\.|\.git|var|build.*)$/;
    symlink("$REPO/$e", "$root/$e") or die "symlink $e: $!";
}
closedir $dh;

sub port_free {
    my ($port) = @_;
    my $s = IO::Socket::INET->new(LocalAddr => '127.0.0.1', LocalPort => $port,
        Proto => 'tcp', ReuseAddr => 1, Listen => 1) or return 0;
    close $s;
    return 1;
}

# run.sh's ports: nginx's P, the SMTP sink's P + 25, MariaDB's P + 1000.
my $port;
for (1 .. 200) {
    my $p = 20000 + int(rand(8000));
    if (port_free($p) && port_free($p + 25) && port_free($p + 1000)) { $port = $p; last }
}
$port or BAIL_OUT('no free ports');

# Processes with FILE open (their /proc/PID/fd links), ascending.
sub lock_holders {
    my ($file) = @_;
    my %pids;
    for my $fd (glob '/proc/[0-9]*/fd/*') {
        my $target = readlink($fd) // next;
        $pids{$1} = 1 if $target eq $file && $fd =~ m{^/proc/(\d+)/};
    }
    return sort { $a <=> $b } keys %pids;
}

sub answers { IO::Socket::INET->new(PeerAddr => '127.0.0.1', PeerPort => $port, Timeout => 2) ? 1 : 0 }

my $log = "$root/run.out";
ROUND: for my $round (1 .. $ROUNDS) {
    # run.sh as a shell starts a foreground job: in a process group of
    # its own, which Ctrl-C signals as a whole.
    my $pid = fork // die "fork: $!";
    if (!$pid) {
        setpgrp(0, 0);
        open(STDIN, '<', '/dev/null');
        open(STDOUT, '>>', $log);
        open(STDERR, '>&', \*STDOUT);
        $ENV{MADANG_PORT} = $port;
        $ENV{MADANG_BUILD} = $BUILD;
        exec("$root/scripts/run.sh") or POSIX::_exit(127);
    }
    my $up = 0;
    for (1 .. 1200) {
        if (waitpid($pid, WNOHANG) == $pid) { last }
        if (answers()) { $up = 1; last }
        sleep 0.1;
    }
    ok $up, "round $round: make run serves its port" or do {
        kill 'KILL', -$pid;
        waitpid($pid, 0);
        diag `tail -n 20 $log`;
        last ROUND;
    };
    # Give the notifier its first run, as a user would before Ctrl-C.
    sleep 0.5 + rand(1.5);
    # run.sh's lock is run.sh's alone: a child that inherits it keeps it
    # after run.sh has gone, and the next make run then refuses to start
    # ("already being served"); the 2 s sleep of its watch loop did.
    my @holders = lock_holders("$root/var/run/run.lock");
    is "@holders", "$pid", "round $round: only run.sh holds its lock";
    kill 'INT', -$pid;
    my $t0 = time;
    my $ended = 0;
    while (time - $t0 < 30) {
        if (waitpid($pid, WNOHANG) == $pid) { $ended = 1; last }
        sleep 0.1;
    }
    ok $ended, sprintf('round %d: Ctrl-C stopped make run (%.1f s)', $round, time - $t0) or do {
        kill 'KILL', -$pid;
        waitpid($pid, 0);
        last ROUND;
    };
    ok !answers(), "round $round: and nothing answers on its port any more";
}

# Whatever a failed round left behind.
sub quietly { system("@_ >/dev/null 2>&1") }
quietly("'$root/scripts/stack.sh' stop '$root/var'") if -d "$root/var/run";
quietly("'$root/scripts/kannel.sh' stop '$root/var/kannel'") if -s "$root/var/kannel/env";
if (open(my $fh, '<', "$root/var/run/smtp-sink.pid")) {
    my $sink = <$fh> // '';
    ($sink) = $sink =~ /(\d+)/;
    kill 'TERM', $sink if $sink && `cat /proc/$sink/cmdline 2>/dev/null` =~ /smtp-sink/;
}
remove_tree($root) unless $ENV{MADANG_KEEP};
done_testing;
