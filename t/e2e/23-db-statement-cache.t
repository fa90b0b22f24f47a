# SPDX-License-Identifier: AGPL-3.0-or-later
# 23-db-statement-cache.t: lib/db keeps each connection's prepared
# statements and finds them by the address of their SQL text. Text built
# at run time in a reused buffer has the same address with other words in
# it: it must be prepared anew, never answered by the old statement (the
# usage counter's bulk INSERTs of issue 12 once got the wrong one).
use strict;
use warnings;
use Test::More;
use Madang::Test;

my $s = Madang::Test->start();
my $check = "$s->{build}/t/unit/db-cache-check";
-x $check or BAIL_OUT("no $check (the test build makes it)");

my ($out, $ok, $st) = Madang::Test::_run_with_stdin(undef, $check, $s->config);
is $st, 0, 'both statements ran' or diag $out;
like $out, qr/^v=1$/m, 'the first statement answered';
like $out, qr/^v=2 w=3$/m, 'the second text in the same buffer got its own statement';
$s->stop;
done_testing;
