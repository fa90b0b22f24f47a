# SPDX-License-Identifier: AGPL-3.0-or-later
# structure.t: the code's walls, checked on the built objects and sources
# (issue 9): app/ calls lib/ and never the reverse; no two source files
# call each other (a cycle makes two files one room); results are read by
# column name outside lib/db; handlers read form values and errors from
# their form struct, never back out of the HDF tree.
use strict;
use warnings;
use Cwd qw(abs_path);
use File::Basename qw(dirname);
use File::Find;
use Test::More;

my $REPO = abs_path(dirname(__FILE__) . '/../..');
my $BUILD = $ENV{MADANG_BUILD} // "$REPO/build";

# Each object's defined and used global symbols (nm).
my (%defined_in, %uses);
find({ no_chdir => 1, wanted => sub {
    return unless m{\.dir/((?:lib|app)/.+)\.c\.o\z};
    my $src = "$1.c";
    for (`nm '$File::Find::name'`) {
        if (/^\S+ [TDBR] (\S+)$/) { $defined_in{$1} = $src }
        elsif (/^\s+U (\S+)$/) { $uses{$src}{$1} = 1 }
    }
} }, "$BUILD/CMakeFiles");
ok scalar(keys %uses) > 50, 'the objects of the build are read (' . scalar(keys %uses) . ')'
    or BAIL_OUT("no objects under $BUILD/CMakeFiles: build first");

my %calls; # file -> { file -> [symbols] }
for my $f (keys %uses) {
    for my $sym (keys %{ $uses{$f} }) {
        my $g = $defined_in{$sym} // next;
        push @{ $calls{$f}{$g} }, $sym unless $g eq $f;
    }
}

my @up = map { my $f = $_; map { "$f -> $_ (@{ $calls{$f}{$_} })" } grep { m{^app/} } keys %{ $calls{$f} } }
    grep { m{^lib/} } sort keys %calls;
is_deeply \@up, [], 'lib/ never calls app/';

# Strongly connected components of the call graph (Tarjan).
my (%index, %low, %on, @stack, @cycles);
my $i = 0;
my $strong;
$strong = sub {
    my ($v) = @_;
    $index{$v} = $low{$v} = $i++;
    push @stack, $v;
    $on{$v} = 1;
    for my $w (sort keys %{ $calls{$v} // {} }) {
        if (!exists $index{$w}) { $strong->($w); $low{$v} = $low{$w} if $low{$w} < $low{$v} }
        elsif ($on{$w}) { $low{$v} = $index{$w} if $index{$w} < $low{$v} }
    }
    if ($low{$v} == $index{$v}) {
        my @comp;
        while (1) { my $w = pop @stack; delete $on{$w}; push @comp, $w; last if $w eq $v }
        push @cycles, join(' <-> ', sort @comp) if @comp > 1;
    }
};
$strong->($_) for grep { !exists $index{$_} } sort keys %calls;
is_deeply \@cycles, [], 'no two source files call each other, directly or round a cycle';

# Source checks.
sub sources {
    my @files;
    find({ no_chdir => 1, wanted => sub { push @files, $_ if /\.[ch]\z/ } }, map { "$REPO/$_" } @_);
    return sort @files;
}
sub grep_files {
    my ($re, @files) = @_;
    my @hits;
    for my $f (@files) {
        open my $fh, '<', $f or die "$f: $!";
        while (my $line = <$fh>) {
            push @hits, substr($f, length($REPO) + 1) . ":$.: $line" =~ s/\s+\z//r if $line =~ $re;
        }
    }
    return \@hits;
}
my @outside_db = grep { !m{/lib/db/} } sources(qw(lib app));
is_deeply grep_files(qr/\bdb_cell(?:_ll)?\s*\(/, @outside_db), [],
    'results are read by column name outside lib/db (no db_cell)';
# form.c writes them, for the templates.
is_deeply grep_files(qr/"Form\.Err\./, grep { !m{/app/web/form\.c\z} } sources('app')), [],
    'handlers do not look their form errors up in the HDF tree';
is_deeply grep_files(qr/hdf_get_value\([^,]+,\s*"Form\./, sources('app')), [],
    'nor the values of their forms';

done_testing;
