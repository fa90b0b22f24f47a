# SPDX-License-Identifier: AGPL-3.0-or-later
# 510-metrics.t: monitoring. /metrics answers the loopback in Prometheus
# text format (every sample line "name{labels} value"); its counters move
# with the requests (by route class and status, the latency histogram),
# with a worker killed (restarts) and with the outbox (depth, age of the
# oldest pending message); with web.metrics_token set only a request
# bearing it is answered. /healthz reports a schema older than the code.
use strict;
use warnings;
use Test::More;
use Madang::Test;

my $s = Madang::Test->start;

my $sample_re = qr/\A([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[a-zA-Z_][a-zA-Z0-9_]*="[^"\\]*"(?:,[a-zA-Z_][a-zA-Z0-9_]*="[^"\\]*")*\})? (-?[0-9.]+(?:e[+-]?[0-9]+)?|[+-]Inf|NaN)\z/;

# Fetches /metrics; returns (response, {"name{labels}" => value}) and
# checks every line parses.
sub scrape {
    my ($ua, @headers) = @_;
    my $r = ($ua // $s->ua)->get($s->url('/metrics'), @headers);
    my %v;
    my @bad;
    for my $line (split /\n/, $r->decoded_content // '') {
        next if $line =~ /\A# (?:HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* ./;
        if ($line =~ $sample_re) { $v{$1 . ($2 // '')} = $3 } else { push @bad, $line }
    }
    return ($r, \%v, \@bad);
}

my ($r, $m, $bad) = scrape();
is $r->code, 200, '/metrics answers the loopback';
like $r->header('Content-Type'), qr{\Atext/plain; version=0\.0\.4}, '... in Prometheus text format 0.0.4';
is_deeply $bad, [], '... every line is a comment or name{labels} value';
ok exists $m->{'madang_worker_restarts_total{reason="failed"}'}, '... with the worker restarts';
is $m->{'madang_db_up'}, 1, '... and the database up';
is $m->{'madang_outbox_pending{channel="email"}'}, 0, '... an empty outbox';

my $public = 'madang_http_requests_total{class="public",code="200"}';
my $unrouted = 'madang_http_requests_total{class="unrouted",code="404"}';
my $count = 'madang_http_request_duration_seconds_count{class="public"}';
my $inf = 'madang_http_request_duration_seconds_bucket{class="public",le="+Inf"}';
my %before = map { $_ => $m->{$_} // 0 } $public, $unrouted, $count;

my $ua = $s->ua;
is $ua->get($s->url('/'))->code, 200, 'home page' for 1 .. 3;
is $ua->get($s->url('/no-such-page'))->code, 404, 'a page that does not exist';

($r, $m, $bad) = scrape();
is_deeply $bad, [], 'after the requests every line still parses';
# Two workers share the counters: the block lives in the master's memory.
cmp_ok $m->{$public} // 0, '>=', $before{$public} + 3, 'the public 200s count the three home pages';
cmp_ok $m->{$unrouted} // 0, '>=', $before{$unrouted} + 1, 'the 404 counts as unrouted';
cmp_ok $m->{$count} // 0, '>=', $before{$count} + 3, 'the latency histogram counts them';
is $m->{$inf}, $m->{$count}, '... its +Inf bucket is the count';
my @le = map { $m->{"madang_http_request_duration_seconds_bucket{class=\"public\",le=\"$_\"}"} }
    qw(0.005 0.01 0.025 0.05 0.1 0.25 0.5 1 2.5 5 10 +Inf);
ok !(grep { !defined } @le), 'every bucket is written';
ok !(grep { $le[$_] < $le[$_ - 1] } 1 .. $#le), '... cumulative';

# The outbox: one pending e-mail two minutes old (not due for an hour, so
# nothing would send it).
$s->sql("INSERT INTO outbox (channel, recipient, lang, kind, payload, message_id, state,"
    . " next_attempt_at, created_at) VALUES ('email', 'metrics\@example.org', 'ko', 'test', '{}',"
    . " '<metrics-test\@madang>', 'pending', NOW() + INTERVAL 1 HOUR, NOW() - INTERVAL 120 SECOND)");
($r, $m) = scrape();
is $m->{'madang_outbox_pending{channel="email"}'}, 1, 'the outbox depth counts the pending e-mail';
cmp_ok $m->{'madang_outbox_oldest_pending_seconds{channel="email"}'}, '>=', 120, '... and its age';
is $m->{'madang_outbox_pending{channel="sms"}'}, 0, '... none by SMS';

# A worker killed: the master replaces it and counts it.
my $failed = $m->{'madang_worker_restarts_total{reason="failed"}'};
my @workers = $s->worker_pids;
ok @workers, 'the workers run';
kill 'KILL', $workers[0];
my $now;
for (1 .. 50) {
    ($r, $m) = scrape();
    $now = $m->{'madang_worker_restarts_total{reason="failed"}'} // 0;
    last if $now > $failed;
    select(undef, undef, undef, 0.1);
}
is $now, $failed + 1, 'a worker killed counts as one failed restart';

# The migrations: one forgotten makes /healthz fail, so that a load
# balancer keeps an upgraded node out until madangctl migrate ran.
my $h = $s->ua->get($s->url('/healthz'));
is $h->code, 200, '/healthz: ok';
is $h->decoded_content, "ok\n", '... says so';
my ($version, $name) = @{ ($s->sql('SELECT version, name FROM schema_migrations ORDER BY version DESC LIMIT 1'))[0] };
$s->sql("DELETE FROM schema_migrations WHERE version = $version");
$h = $s->ua->get($s->url('/healthz'));
is $h->code, 503, '/healthz with a migration not applied: 503';
is $h->decoded_content, "migrations pending: 1\n", '... naming how many';
$s->sql("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($version, '$name', NOW())");
is $s->ua->get($s->url('/healthz'))->code, 200, '... ok again once recorded';

# A token: then only its bearer, even on the loopback.
$s->set_config('web.metrics_token' => 'metrics-secret-token');
$s->restart_web;
($r) = scrape();
is $r->code, 403, 'with web.metrics_token set, no token: 403';
($r) = scrape(undef, Authorization => 'Bearer wrong-token');
is $r->code, 403, '... a wrong token: 403';
($r, $m, $bad) = scrape(undef, Authorization => 'Bearer metrics-secret-token');
is $r->code, 200, '... the token: 200';
is_deeply $bad, [], '... parsing';

$s->stop;
done_testing;
