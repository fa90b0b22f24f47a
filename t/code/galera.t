# SPDX-License-Identifier: AGPL-3.0-or-later
# galera.t: what a Galera cluster demands of the code, checked on the
# sources (issue 16, section 2; docs/operations.md, "A Galera cluster"):
# no named server locks (GET_LOCK is per node) and no LOCK TABLES (not
# replicated) in lib/, app/ or the migrations (leases are rows: lib/jobs/
# lease.c); transactions opened only by lib/db (db_transaction, which runs
# a transaction again after a lost certification), never by a statement
# of their own.
use strict;
use warnings;
use Cwd qw(abs_path);
use File::Basename qw(dirname);
use File::Find;
use Test::More;

my $REPO = abs_path(dirname(__FILE__) . '/../..');

my @files;
find({ no_chdir => 1, wanted => sub {
    push @files, $File::Find::name if m{\.(?:c|h|sql)\z};
} }, map { "$REPO/$_" } qw(lib app db/migrations));
ok @files > 100, 'the sources are read (' . scalar(@files) . ')';

my (@locks, @begins);
for my $f (sort @files) {
    open my $fh, '<', $f or die "$f: $!";
    (my $rel = $f) =~ s{^\Q$REPO\E/}{};
    while (my $line = <$fh>) {
        push @locks, "$rel:$.: $line" if $line =~ /\b(?:GET_LOCK|RELEASE_LOCK|IS_FREE_LOCK)\s*\(|\bLOCK\s+TABLES?\b/i;
        # SQL that opens a transaction, outside lib/db/db.c (db_begin).
        push @begins, "$rel:$.: $line"
            if $rel ne 'lib/db/db.c' && $rel =~ /\.c\z/ && $line =~ /"[^"]*\b(?:START\s+TRANSACTION|BEGIN\s*;?\s*")/i;
    }
    close $fh;
}
is_deeply \@locks, [], 'no GET_LOCK and no LOCK TABLES: leases are rows (lib/jobs/lease.c)';
is_deeply \@begins, [], 'no START TRANSACTION but lib/db/db.c\'s';

done_testing;
