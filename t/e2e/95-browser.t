# SPDX-License-Identifier: AGPL-3.0-or-later
# 95-browser.t: runs the browser walk (t/browser/walk.js: headless Chromium
# through playwright-core, axe-core on every page, and a part done with the
# keyboard alone that checks the focus is visible) against a stack of its
# own with the demo organisation, and reports each of its steps and page
# checks as a test. Needs /usr/bin/chromium (scripts/deps.sh test) and
# t/browser/node_modules (npm ci, run by scripts/test.sh); without them it
# skips, unless MADANG_BROWSER_REQUIRED=1 (scripts/test.sh sets it), when
# it fails.
use strict;
use warnings;
use utf8;
use Test::More;
use Encode ();
use File::Temp qw(tempdir);
use POSIX ();
use Madang::Test;

binmode $_, ':encoding(UTF-8)'
    for map { Test::More->builder->$_ } qw(output failure_output todo_output);

my $dir = "$Madang::Test::REPO/t/browser";
my $chromium = $ENV{CHROMIUM} // '/usr/bin/chromium';
my $node = (grep { -x } map { "$_/node" } split /:/, $ENV{PATH} // '')[0];
my @missing;
push @missing, "$chromium (apt-get install chromium)" unless -x $chromium;
push @missing, 'node (Node.js)' unless $node;
push @missing, "$dir/node_modules (cd t/browser && npm ci)"
    unless -d "$dir/node_modules/playwright-core" && -d "$dir/node_modules/axe-core";
if (@missing) {
    if ($ENV{MADANG_BROWSER_REQUIRED}) {
        fail 'the browser walk can run';
        diag "missing: $_" for @missing;
        done_testing;
        exit 1;
    }
    plan skip_all => 'missing ' . join(', ', @missing);
}

# The staff's alert polls every second, so that the walk's alert step
# (the counter changing without a reload) takes seconds, not 20.
my $s = Madang::Test->start(seed => 1, config => { 'web.alert_poll_ms' => 1000 });
my $shots = tempdir('madang-walk-XXXXXX', TMPDIR => 1, CLEANUP => !$ENV{MADANG_KEEP});

# Runs node walk.js with the stack's URL; its output, line by line, as it
# comes (the walk takes a few minutes, more under the sanitizers and as
# pages are added; a hung browser is stopped after 10).
my $out = File::Temp->new;
my $pid = fork // die "fork: $!";
if (!$pid) {
    chdir $dir or POSIX::_exit(126);
    open STDIN, '<', '/dev/null' or POSIX::_exit(126);
    open STDOUT, '>', $out->filename or POSIX::_exit(126);
    open STDERR, '>&', \*STDOUT or POSIX::_exit(126);
    $ENV{MADANG_URL} = $s->base_url;
    $ENV{MADANG_SHOTS} = $shots;
    { exec { $node } $node, 'walk.js' };
    POSIX::_exit(127);
}
my $status;
for (1 .. 6000) {
    last if waitpid($pid, POSIX::WNOHANG()) == $pid && defined($status = $?);
    select(undef, undef, undef, 0.1);
}
if (!defined $status) {
    kill 'TERM', $pid;
    waitpid($pid, 0);
    fail 'the walk finished within 10 minutes';
}

open my $fh, '<:encoding(UTF-8)', $out->filename or die $!;
my @lines = <$fh>;
close $fh;
chomp @lines;

# "ok - X" and "not ok - X" (with indented details after it) become
# tests; "#" lines notes; anything else (node's own errors) is shown.
my ($steps, $pending_fail, @detail) = (0, undef);
my $flush = sub {
    return unless defined $pending_fail;
    fail $pending_fail;
    diag join "\n", @detail if @detail;
    ($pending_fail, @detail) = (undef);
};
for my $l (@lines) {
    if ($l =~ /^ok - (.*)$/) {
        $flush->();
        pass $1;
        $steps++;
    } elsif ($l =~ /^not ok - (.*)$/) {
        $flush->();
        $pending_fail = $1;
        $steps++;
    } elsif ($l =~ /^    (.*)$/ && defined $pending_fail) {
        push @detail, $1;
    } elsif ($l =~ /^# ?(.*)$/) {
        $flush->();
        note $1;
    } elsif ($l ne '' && $l ne 'walk complete') {
        $flush->();
        diag $l;
    }
}
$flush->();
cmp_ok $steps, '>', 0, 'the walk reported its steps';
my $exit = !defined $status ? 'killed' : $status & 127 ? 'signal ' . ($status & 127) : $status >> 8;
is $exit, 0, 'node walk.js exited 0';
ok((grep { $_ eq 'walk complete' } @lines), 'the walk went to its end');

# What the walk did is in the database too.
is $s->sql_value(q{SELECT COUNT(*) FROM cases c JOIN accounts a ON a.id = c.account_id
    WHERE a.login_id LIKE 'walker%' AND c.status = 'answered'}), 1,
    "the walker's case is answered";
is $s->sql_value(Encode::encode('UTF-8', q{SELECT COUNT(*) FROM cases c JOIN accounts a ON a.id = c.account_id
    WHERE a.login_id = 'citizen' AND c.title LIKE '골목에 버려진 대형 폐기물 %' AND c.status = 'answered'})), 1,
    "the case filed and answered with the keyboard alone is answered";

$s->stop;
done_testing;
