# SPDX-License-Identifier: AGPL-3.0-or-later
# 41-burst.t: more readers at once than madang-web has workers plus the
# old socket queue (128) all get their page: 300 clients against 2
# workers, one worker killed by SIGKILL in the middle (nginx answers its
# request in hand from another worker). Past a configured queue
# (web.backlog) the readers beyond it get the bilingual 503 page with
# Retry-After at once, never nginx's 502, and those in the queue their page.
use strict;
use warnings;
use Test::More;
use Encode ();
use IO::Select;
use IO::Socket::INET;
use Time::HiRes qw(sleep time);
use Madang::Test qw(wait_until);

my $WORKERS = 2;
my $CLIENTS = 300;
my $s = Madang::Test->start(workers => $WORKERS, seed => 1);
my $L = Madang::Test::lang_strings('ko');

# burst(\@paths, $tick): one connection per path, all opened and sent
# before any answer is read (HTTP/1.0, so each answer ends with its
# connection); $tick->($elapsed_s, $answered) runs between reads. Returns
# one { status, headers, body } per path, in order (status 0: no answer,
# the connection failed or broke).
sub burst {
    my ($paths, $tick) = @_;
    my (@res, %conn);
    my $sel = IO::Select->new;
    for my $i (0 .. $#$paths) {
        $res[$i] = { status => 0, headers => '', body => '', raw => '' };
        my $c = IO::Socket::INET->new(PeerAddr => '127.0.0.1', PeerPort => $s->port,
                                      Proto => 'tcp', Timeout => 10);
        if (!$c) { diag "connect $i: $!"; next }
        my $req = "GET $paths->[$i] HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
        if (syswrite($c, $req) != length $req) { diag "send $i: $!"; next }
        $c->blocking(0);
        $conn{fileno $c} = [ $c, $i ];
        $sel->add($c);
    }
    my $t0 = time;
    my $answered = 0;
    while ($sel->count && time - $t0 < 120) {
        for my $c ($sel->can_read(0.05)) {
            my ($sock, $i) = @{ $conn{fileno $c} };
            my $n = sysread $sock, my $buf, 65536;
            next if !defined $n && $!{EAGAIN};
            if ($n) { $res[$i]{raw} .= $buf; next }
            $sel->remove($sock);
            close $sock;
            $answered++;
        }
        $tick->(time - $t0, $answered) if $tick;
    }
    $_->[0]->close for values %conn;
    for my $r (@res) {
        my ($head, $body) = split /\r\n\r\n/, delete $r->{raw}, 2;
        next unless defined $body && $head =~ m{\AHTTP/1\.[01] (\d{3})};
        @$r{qw(status headers body)} = ($1, $head, Encode::decode('UTF-8', $body));
    }
    return @res;
}

# The statuses of @res, as "200 x 297, 503 x 3".
sub tally {
    my %n;
    $n{ $_->{status} }++ for @_;
    return join ', ', map { "$_ x $n{$_}" } sort keys %n;
}

my $case = $s->sql_value('SELECT tracking_no FROM cases WHERE is_public = 1 ORDER BY id LIMIT 1');
ok $case, "a public case of the demo data: $case";
my $list = $s->ua->get($s->url('/cases'));
is $list->code, 200, 'the public list';
my ($newest) = ($list->decoded_content // '') =~ m{href="/cases/(\d{4}-\d{6})"};
ok $newest, "the public list links its newest case ($newest)";

# A page is "its page" when it is whole (ends with </html>) and shows what
# the path asks for: the case's number, or the newest case on the list.
my @paths = map { $_ % 2 ? '/cases' : "/cases/$case" } 1 .. $CLIENTS;
sub got_page {
    my ($path, $r) = @_;
    my $want = $path eq '/cases' ? $newest : $case;
    return $r->{status} == 200 && $r->{body} =~ /\Q$want\E/ && $r->{body} =~ m{</html>\s*\z};
}

# What the first of the readers @$bad got, for the test's output.
sub first_failure {
    my ($res, $bad) = @_;
    my $r = $res->[ $bad->[0] ];
    return sprintf 'first failure: %s, status %s, %d characters, ending: %s', $paths[ $bad->[0] ], $r->{status},
        length $r->{body}, substr($r->{body}, -200);
}

# ------------------------------------------------ (a) 300 readers at once
{
    my @res = burst(\@paths);
    my @bad = grep { !got_page($paths[$_], $res[$_]) } 0 .. $#paths;
    is scalar @bad, 0, "all $CLIENTS readers got their page (" . tally(@res) . ')'
        or diag first_failure(\@res, \@bad);
}

# ---------------------------------------- (a') 300 readers, one worker killed
{
    my @before = $s->worker_pids;
    is scalar @before, $WORKERS, "$WORKERS workers";
    my $from = length $s->log_text;
    my $killed;
    my @res = burst(\@paths, sub {
        my ($t, $answered) = @_;
        # Once the burst is under way, with every worker busy and the
        # rest queued: a worker dies with a request in hand.
        return if $killed || $answered < 40;
        $killed = $before[0];
        kill 'KILL', $killed;
    });
    ok $killed, "worker $killed killed with SIGKILL during the burst";
    my @bad = grep { !got_page($paths[$_], $res[$_]) } 0 .. $#paths;
    # Each answer leaves madang-web in one write() (http_send), so the
    # request a worker had in hand when SIGKILL came is either wholly sent
    # or not at all, and then nginx retries it on another worker
    # (fastcgi_next_upstream): no reader gets a cut page or an error.
    is scalar @bad, 0, "all $CLIENTS readers got their page (" . tally(@res) . ')'
        or diag first_failure(\@res, \@bad);
    ok wait_until(10, sub {
        my @now = $s->worker_pids;
        @now == $WORKERS && !grep { $_ == $killed } @now;
    }), "the killed worker was replaced ($WORKERS workers again)";
    like substr($s->log_text, $from), qr/worker $killed died of signal 9; restarting/,
        'the master logged the death';
    unlike $s->nginx_error_text, qr/worker_connections are not enough|Too many open files/,
        'nginx had connections and file descriptors enough';
}

# ------------------------------------ (b) past a configured queue of 4
{
    $s->set_config('web.backlog' => 4);
    ok eval { $s->restart_web }, 'madang-web restarted with web.backlog = 4' or diag $@;
    # The new master writes its line, and forks its workers, a moment
    # after restart_web returns on a busy machine.
    ok wait_until(10, sub { $s->log_text =~ /master: $WORKERS workers on \S+, queue 4$/m }),
        'its log names the queue';
    ok wait_until(10, sub { scalar(() = $s->worker_pids) == $WORKERS }), "$WORKERS workers";
    my @w = $s->worker_pids;
    # Workers that take nothing for a second: the queue fills at once.
    kill 'STOP', @w;
    my $resumed;
    my @some = @paths[0 .. 29];
    my @res = burst(\@some, sub {
        my ($t) = @_;
        return if $resumed || $t < 1.5;
        kill 'CONT', @w;
        $resumed = 1;
    });
    kill 'CONT', @w unless $resumed;
    my @busy = grep { $_->{status} == 503 } @res;
    my @served = grep { got_page($some[$_], $res[$_]) } 0 .. $#some;
    is scalar(@busy) + scalar(@served), scalar @some,
        'each reader got either the page or a 503 (' . tally(@res) . ')';
    cmp_ok scalar @served, '>=', 4, 'the queued readers got their page once the workers went on';
    cmp_ok scalar @busy, '>=', 10, 'the readers beyond the queue got a 503';
    my $b = $busy[0] // { headers => '', body => '' };
    like $b->{headers}, qr/^Retry-After: \d+\r?$/mi, '503: with Retry-After';
    like $b->{headers}, qr{^Content-Type: text/html; charset=utf-8\r?$}mi, '503: an HTML page';
    like $b->{body}, qr/\Q$L->{'Title.Error503'}\E/, '503: the Korean title';
    like $b->{body}, qr/Service temporarily unavailable/, '503: and the English one';
    like $b->{body}, qr/<html lang="ko">/, '503: the page says its language';
    like $s->nginx_error_text, qr/connect\(\) to unix:\S+ failed \(11: Resource temporarily unavailable\)/,
        'nginx logged the full queue';
}

# ------------------------------------ (c) the default queue: somaxconn
{
    $s->set_config('web.backlog' => 0);
    ok eval { $s->restart_web }, 'madang-web restarted with web.backlog = 0' or diag $@;
    my $max = Madang::Test::_slurp('/proc/sys/net/core/somaxconn') =~ /(\d+)/ ? $1 : 4096;
    ok wait_until(10, sub { $s->log_text =~ /master: $WORKERS workers on \S+, queue $max$/m }),
        "0 is the kernel's limit (net.core.somaxconn, $max)";
}

# ------------------------- (d) readers who left are not served from the queue
{
    # The restarted master's workers, all of them, before they are stopped.
    ok wait_until(10, sub { scalar(() = $s->worker_pids) == $WORKERS }), "$WORKERS workers to stop";
    my @w = $s->worker_pids;
    my $from = length $s->log_text;
    kill 'STOP', @w;
    # Ten readers who give up after a second (nginx then closes their
    # connections to madang-web, still in its queue), then one who waits.
    my @gone = map { IO::Socket::INET->new(PeerAddr => '127.0.0.1', PeerPort => $s->port,
                                           Proto => 'tcp', Timeout => 10) } 1 .. 10;
    syswrite $_, "GET /cases?page=$_ HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n" for grep { $_ } @gone;
    sleep 1;
    close $_ for grep { $_ } @gone;
    sleep 1;
    kill 'CONT', @w;
    my @res = burst(["/cases/$case"]);
    ok got_page("/cases/$case", $res[0]), 'the reader who waited got the page';
    my $log = substr $s->log_text, $from;
    my $skipped = () = $log =~ /skipped a request whose client left while it waited/g;
    my $served = () = $log =~ m{ GET /cases(?:\?\S*)? \d{3} }g;
    cmp_ok $skipped, '>=', 8, "the workers skipped the requests of the readers who left ($skipped of 10)"
        or diag "served: $served";
    cmp_ok $skipped + $served, '<=', 10, 'and nothing else was skipped';
}

diag join "\n", 'web.log, not info:', grep { !/\[info\]/ } split /\n/, $s->log_text
    unless Test::More->builder->is_passing;
ok $s->stop, 'stack stops cleanly';
done_testing;
