# SPDX-License-Identifier: AGPL-3.0-or-later
# transactions.t: every transaction outside lib/db runs through
# db_transaction (issue 16 section 2): a deadlock (1213), a lock-wait
# timeout (1205) or a Galera certification conflict runs the whole
# transaction again instead of failing the user. A transaction begun by
# hand (db_begin, db_commit, or START TRANSACTION in SQL) is allowed only
# where a comment just above it says why, starting "db_begin by hand:".
use strict;
use warnings;
use Cwd qw(abs_path);
use File::Basename qw(dirname);
use File::Find;
use Test::More;

my $REPO = abs_path(dirname(__FILE__) . '/../..');

my @files;
find({ no_chdir => 1, wanted => sub { push @files, $_ if /\.c\z/ } }, map { "$REPO/$_" } qw(lib app));
@files = sort grep { !m{/lib/db/} } @files;
ok @files > 50, 'the sources of lib/ and app/ are read (' . scalar(@files) . ')';

my (@by_hand, @allowed);
for my $f (@files) {
    open my $fh, '<', $f or die "$f: $!";
    my @lines = <$fh>;
    close $fh;
    my $name = substr($f, length($REPO) + 1);
    for my $n (0 .. $#lines) {
        next unless $lines[$n] =~ /\bdb_begin\s*\(|\bdb_commit\s*\(|START TRANSACTION/;
        # The reason: a comment in the lines just above the call (up to
        # eight, through the statements of the same hand-made transaction).
        my $from = $n >= 8 ? $n - 8 : 0;
        if (grep { /db_begin by hand: \S/ } @lines[$from .. $n]) {
            push @allowed, "$name:" . ($n + 1);
        } else {
            push @by_hand, "$name:" . ($n + 1) . ': ' . ($lines[$n] =~ s/^\s+|\s+\z//gr);
        }
    }
}
is_deeply \@by_hand, [], 'no transaction is begun or committed by hand outside lib/db (use db_transaction)'
    or diag join("\n", @by_hand, "Convert each to db_transaction(d, body, &args), or say why it cannot run"
    . " again in a comment starting \"db_begin by hand:\" just above it.");
note "allowed, with their reason in the code: @allowed" if @allowed;

# The check itself: a hand-made transaction without a reason is found, one
# with its reason is not.
{
    my $probe = sub {
        my @lines = split /\n/, shift;
        my $from = 0;
        for my $n (0 .. $#lines) {
            next unless $lines[$n] =~ /\bdb_begin\s*\(|\bdb_commit\s*\(|START TRANSACTION/;
            $from = $n >= 8 ? $n - 8 : 0;
            return (grep { /db_begin by hand: \S/ } @lines[$from .. $n]) ? 'allowed' : 'found';
        }
        return 'none';
    };
    is $probe->("\tint rc = db_begin(d);\n"), 'found', 'a bare db_begin is found';
    is $probe->("\trc = db_commit(d);\n"), 'found', 'a bare db_commit is found';
    is $probe->("\t/* db_begin by hand: runs once, alone. */\n\tint rc = db_begin(d);\n"), 'allowed',
        'a db_begin under its reason is allowed';
    is $probe->("\tint rc = db_transaction(d, body, &a);\n"), 'none', 'db_transaction is what is wanted';
}

done_testing;
