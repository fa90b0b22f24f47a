# SPDX-License-Identifier: AGPL-3.0-or-later
# 102-notifier-volume.t: volume and the database, counted at the real SMTP
# sink: 5,000 notices drained by 3 notifiers at once, each delivered
# exactly once (by Message-ID) and every row sent, the work shared; MariaDB
# restarted in the middle of a drain: the notifier says so and exits
# non-zero (or retries), and after the restart a run delivers the rest:
# every row sent, every message at the sink at least once, and a message
# that arrived twice (sent, then its "sent" mark lost with the connection)
# arrives under the same Message-ID, so that it can be recognised.
use strict;
use warnings;
use utf8;
use Test::More;
use Time::HiRes qw(sleep time);
use Madang::Test qw(bytes_of);
use Madang::Notify;

binmode $_, ':encoding(UTF-8)'
    for map { Test::More->builder->$_ } qw(output failure_output todo_output);

my $t0 = time;
my $n = Madang::Notify->start(seed => 1);
my $s = $n->stack;
my $sink = $n->sink;

sub ids_of { return $n->tag_message_ids(@_) }
sub states_of { return $n->tag_states(@_) }

# A number from a run's summary line ("sent=12" or "sent 12"), or undef.
sub summary {
    my ($out, $what) = @_;
    my @all = $out =~ /\b\Q$what\E\b\D{0,3}(\d+)/gi;
    return @all ? $all[-1] : undef;
}

# ------------------------------------------------------------ a template row

$s->sql(q{UPDATE cases SET apology_due = NULL, remind_at = NULL, escalate_hours = 0});
my $citizen = $s->ua;
is Madang::Test::sign_in($s, $citizen, 'citizen', 'madang-citizen-2026')->code, 303, 'the citizen signs in';
my $form = $citizen->get($s->url('/cases/new'));
my $r = $citizen->post($s->url('/cases/new'), [ map { bytes_of($_) }
    csrf => $s->csrf_from($form), category => 1, title => '대량 발송 시험', body => '본문입니다.', public => 1 ]);
is $r->code, 303, 'a case is filed';
my $tpl = $s->sql_value(q{SELECT MIN(id) FROM outbox WHERE kind = 'receipt' AND channel = 'email'});
ok $tpl, "its receipt e-mail row ($tpl) is the template";
# The demo's work a first run would do (its proposal at the threshold
# filed for review, with its notices) is done and its mail set aside, so
# that the run below counts only the rows made here.
$s->ctl('tick');
$s->sql(q{UPDATE outbox SET state = 'cancelled' WHERE state = 'pending'});

# ------------------------------------------------------------ 5,000 by 3 at once

is $n->clone_outbox($tpl, 5000, 'par'), 5000, '5,000 notices';
my $t = time;
my @runs = $n->run_parallel(3, batch => 100, lease => 120, timeout => 300);
my $took = time - $t;
is_deeply [ map { $_->{status} } @runs ], [0, 0, 0], sprintf('3 notifiers at once drained them in %.1f s', $took)
    or diag join "\n---\n", map { $_->{out} } @runs;
$n->settle;
my %ids = ids_of('par');
is scalar(keys %ids), 5000, 'all 5,000 arrive at the sink';
my @twice = grep { $ids{$_} > 1 } keys %ids;
is scalar(@twice), 0, '... each exactly once by Message-ID' or diag "twice: @twice[0 .. ($#twice < 9 ? $#twice : 9)]";
is $sink->count, 5000, '... and nothing else';
is_deeply states_of('par'), { pending => 0, sent => 5000, dead => 0, cancelled => 0 }, 'all 5,000 rows are sent';
my @sent = map { summary($_->{out}, 'sent') } @runs;
SKIP: {
    skip 'no "sent" count in the summary lines', 2 if grep { !defined } @sent;
    my $sum = 0;
    $sum += $_ for @sent;
    is $sum, 5000, "the summaries' sent counts add up to 5,000 (@sent)";
    is scalar(grep { $_ > 0 } @sent), 3, '... every notifier sent some (the work was shared)';
}
my %owners = map { $_->[0] => 1 } $s->sql(q{SELECT DISTINCT lease_owner FROM outbox
    WHERE message_id LIKE 'par.%' AND lease_owner IS NOT NULL});
note 'lease owners left on the rows: ' . join(' ', sort keys %owners);

# ------------------------------------------------------------ MariaDB restarted mid-drain

$sink->clear;
is $n->clone_outbox($tpl, 2000, 'db'), 2000, '2,000 more notices';
my $pid = $n->spawn(batch => 50, lease => 30);
my $seen = 0;
my $until = time + 60;
while (time < $until) {
    $seen = $sink->count;
    last if $seen >= 200 || !$n->alive($pid);
    sleep 0.01;
}
ok $n->alive($pid), "the notifier is draining ($seen at the sink)";
$n->stop_db;
my $gone = 0;
for (1 .. 300) {
    if (!$n->alive($pid)) { $gone = 1; last }
    sleep 0.1;
}
my $mid = $sink->count;
note "at the sink when MariaDB went away: $mid";
my $lost;
if ($gone) {
    $lost = $n->reap($pid);
    isnt $lost->{status}, 0, "with the database gone the notifier exits non-zero ($lost->{status})";
    like $lost->{out}, qr/database|MariaDB|\bdb\b|mysql|connect/i, '... and says why' or diag $lost->{out};
    note((grep { /run failed/ } split /\n/, $lost->{out})[0] // "");
} else {
    pass 'with the database gone the notifier keeps retrying (still running after 30 s)';
}
cmp_ok $mid, '<', 2000, '... before all were delivered';
$n->start_db;
if (!$gone) {
    $lost = $n->reap($pid, 120);
    like $lost->{out}, qr/database|MariaDB|\bdb\b|mysql|connect/i, '... it said so' or diag $lost->{out};
}
# After the restart (and after the lease of the rows in hand).
my $run = $n->run(now => $n->db_now(120), batch => 200);
is $run->{status}, 0, 'after the restart a run succeeds' or diag $run->{out};
$n->settle;
%ids = ids_of('db');
is_deeply states_of('db'), { pending => 0, sent => 2000, dead => 0, cancelled => 0 }, 'nothing lost: every row is sent';
my @rows = map { $_->[0] } $s->sql(q{SELECT message_id FROM outbox WHERE message_id LIKE 'db.%'});
# The sink's Message-IDs may carry @domain: compare the part before it.
my %local = map { (my $k = $_) =~ s/\@.*//; $k => $ids{$_} } keys %ids;
my @missing = grep { !$local{$_} } @rows;
is scalar(@missing), 0, 'every one arrived at least once' or diag "missing: @missing[0 .. ($#missing < 9 ? $#missing : 9)]";
my $total = 0;
$total += $_ for values %local;
my $dups = $total - scalar(keys %local);
is $sink->count, $total, 'every message at the sink is one of them';
cmp_ok $dups, '<=', 50, "duplicates ($dups) are at most the batch in hand when the database went away";
note "$dups message(s) arrived twice, each under its own single Message-ID" if $dups;
is scalar(keys %local), 2000, 'exactly 2,000 distinct Message-IDs: a duplicate is recognisable by its Message-ID';

$n->stop;
note sprintf 'took %.1f s', time - $t0;
done_testing;
