# SPDX-License-Identifier: AGPL-3.0-or-later
# 17-kannel-restart.t: Kannel starts again in the folder it ran in before,
# as it does on the second `make run` (scripts/run.sh keeps var/kannel/), and
# an SMS sent after the restart reaches the fake SMSC. (Before, kannel.sh
# made bearerbox.store a folder while bearerbox keeps a file by that name:
# the second start died and make run's SMS stayed in the outbox.)
use strict;
use warnings;
use utf8;

use Cwd qw(abs_path);
use File::Basename qw(dirname);
use File::Path qw(remove_tree);
use File::Temp qw(tempdir);
use LWP::UserAgent;
use Test::More;
use Time::HiRes qw(sleep);
use URI;

my $REPO = abs_path(dirname(__FILE__) . '/../..');
my $KANNEL = "$REPO/scripts/kannel.sh";
my $dir = tempdir('madang-kannel-restart-XXXXXX', TMPDIR => 1, CLEANUP => 0);

# Runs kannel.sh ACTION on the folder; returns (ok, output).
sub kannel {
    my ($action) = @_;
    my $out = qx{"$KANNEL" $action "$dir" 2>&1};
    return ($? == 0, $out);
}

# The folder's env file (written by kannel.sh start) as a hash.
sub env_of {
    my %env;
    open(my $fh, '<', "$dir/env") or return %env;
    while (my $l = <$fh>) {
        $env{$1} = $2 if $l =~ /^([A-Z_]+)=(.*)$/;
    }
    return %env;
}

for my $round (1, 2) {
    my ($ok, $out) = kannel('start');
    ok $ok, "start $round in the same folder" or diag $out;
    last unless $ok;
    my %env = env_of();
    my $text = "restart-check-$round";
    my $url = URI->new($env{SENDSMS_URL});
    $url->query_form(username => $env{SENDSMS_USER}, password => $env{SENDSMS_PASSWORD},
        from => '15880000', to => '+821012345678', text => $text);
    my $res = LWP::UserAgent->new(timeout => 10)->get($url);
    like $res->code, qr/^2/, "sendsms accepts an SMS after start $round"
        or diag $res->status_line;
    my $seen = 0;
    for (1 .. 50) {
        if (open(my $fh, '<', "$dir/fakesmsc.log")) {
            local $/;
            my $log = <$fh> // '';
            $seen = 1, last if index($log, $text) >= 0;
        }
        sleep 0.2;
    }
    ok $seen, "the fake SMSC got the SMS sent after start $round";
    ($ok, $out) = kannel('stop');
    ok $ok, "stop $round" or diag $out;
}

kannel('stop');
remove_tree($dir) unless $ENV{MADANG_KEEP};
done_testing;
