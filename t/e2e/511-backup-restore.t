# SPDX-License-Identifier: AGPL-3.0-or-later
# 511-backup-restore.t: the backup and restore drill (docs/operations.md,
# "Backup and restore"). A citizen files cases with a photo each, without
# pause, while scripts/backup.sh backs the stack up (mariadb-backup and the
# attachment directory); the backup is restored into a new datadir and
# attachment directory and a second stack starts on them. Every filing
# acknowledged (303) before the backup started is there, with its
# attachment byte for byte (SHA-256), and the second stack serves it.
use strict;
use warnings;
use utf8;
use Test::More;
use Compress::Zlib qw(compress crc32);
use Digest::SHA qw(sha256_hex);
use File::Temp qw(tempdir);
use File::Path qw(remove_tree);
use IO::Handle;
use POSIX qw(_exit);
use Time::HiRes qw(time sleep);
use Madang::Test qw(bytes_of);

plan skip_all => 'mariadb-backup is not installed (scripts/deps.sh test)'
    unless grep { -x "$_/mariadb-backup" } split /:/, $ENV{PATH};

my $s = Madang::Test->start;
my $repo = $Madang::Test::REPO;
$s->sql(q{INSERT INTO departments (id, name_ko, name_en) VALUES (1, '도로과', 'Roads')});
$s->sql(q{INSERT INTO categories (id, name_ko, name_en, department_id, sort_order) VALUES (1, '도로·교통', 'Roads', 1, 1)});

my $ua = $s->ua;
Madang::Test::register_citizen($s, $ua, name => '백업시험');
my $csrf = $s->csrf_from($ua->get($s->url('/cases/new')));
ok $csrf, 'the filing form';

# A 4x4 PNG of random pixels: each filing's photo differs from the others.
sub random_png {
    my $chunk = sub {
        my ($type, $data) = @_;
        return pack('N', length $data) . $type . $data . pack('N', crc32($type . $data));
    };
    my $raw = join '', map { "\0" . join('', map { chr int rand 256 } 1 .. 12) } 1 .. 4;
    return "\x89PNG\r\n\x1a\n" . $chunk->('IHDR', pack('NNCCCCC', 4, 4, 8, 2, 0, 0, 0))
        . $chunk->('IDAT', compress($raw)) . $chunk->('IEND', '');
}

# The filer: a child process filing until told to stop; each acknowledged
# filing is a line "time tracking sha256" in $acked.
my $work = tempdir('madang-drill-XXXXXX', TMPDIR => 1, CLEANUP => 1);
my $acked = "$work/acked";
my $stop = "$work/stop";
my $pid = fork // die "fork: $!";
if ($pid == 0) {
    open my $log, '>>', $acked or _exit(1);
    $log->autoflush(1);
    for my $i (1 .. 2000) {
        last if -e $stop;
        my $png = random_png();
        my $r = $ua->post($s->url('/cases/new'), Content_Type => 'form-data', Content => [
            csrf => $csrf, category => 1, title => bytes_of("백업 중 접수 $i"),
            body => bytes_of("백업하는 동안 접수한 민원 $i 입니다."), public => 1,
            attachments => [undef, "photo$i.png", 'Content-Type' => 'image/png', Content => $png]]);
        my ($tracking) = ($r->header('Location') // '') =~ m{^/cases/(\d{4}-\d{6})\?filed=1$};
        printf {$log} "%.6f %s %s\n", time, $tracking, sha256_hex($png) if $tracking;
    }
    _exit(0);
}

sub acked_lines {
    open my $fh, '<', $acked or return ();
    return map { [split ' '] } grep { /\n\z/ } <$fh>;
}

sub n_acked { my @lines = acked_lines(); return scalar @lines }

# Some filings before the backup, and more during it.
for (1 .. 300) { last if n_acked() >= 5; sleep 0.1 }
cmp_ok n_acked(), '>=', 5, 'cases filed before the backup';
my $dest = "$work/backup";
my $t0 = time;
my ($out, $ok) = Madang::Test::_run("$repo/scripts/backup.sh", 'backup', '--stack', $s->dir, $dest);
ok $ok, 'scripts/backup.sh backup while filings run' or diag $out;
my $t1 = time;
note sprintf 'the backup took %.1f s', $t1 - $t0;
my $during = grep { $_->[0] > $t0 && $_->[0] < $t1 } acked_lines();
cmp_ok $during, '>', 0, "... $during filings acknowledged during the backup";
open my $stop_fh, '>', $stop or die "$stop: $!";
close $stop_fh;
waitpid $pid, 0;
ok -s "$dest/MANIFEST", 'the backup has its manifest';
like scalar(`cat $dest/MANIFEST`), qr/^started \d{4}-/m, '... with its start';

my @before = grep { $_->[0] < $t0 } acked_lines();
note scalar(@before) . ' filings acknowledged before the backup started, '
    . n_acked() . ' in all';

# The restore: a new datadir and attachment directory, a second stack.
my $b_top = tempdir('madang-restored-XXXXXX', TMPDIR => 1, CLEANUP => 0);
my $b = "$b_top/stack";
($out, $ok) = Madang::Test::_run("$repo/scripts/backup.sh", 'restore', '--datadir', "$b/mysql/data",
    '--uploads', "$b/uploads", $dest);
ok $ok, 'scripts/backup.sh restore into an empty datadir' or diag $out;
($out, $ok) = Madang::Test::_run("$repo/scripts/backup.sh", 'restore', '--datadir', "$b/mysql/data",
    '--uploads', "$b/uploads", $dest);
ok !$ok, '... never over a datadir in use';
like $out, qr/not empty/, '... says why';

my $port = Madang::Test::_pick_port();
{
    local $ENV{MADANG_BUILD} = Madang::Test::_build_dir();
    local $ENV{MADANG_WORKERS} = 2;
    ($out, $ok) = Madang::Test::_run("$repo/scripts/stack.sh", 'start', $b, $port);
}
ok $ok, 'a second stack starts on the restored data' or diag $out;

sub b_sql {
    my ($q) = @_;
    my ($o, $fine) = Madang::Test::_run('mariadb', '--no-defaults', "--socket=$b/run/mysqld.sock", '-u',
        scalar(getpwuid $<), '--batch', '--skip-column-names', 'madang', '-e', $q);
    die "restored stack: $q: $o" unless $fine;
    return map { [split /\t/] } split /\n/, $o;
}

my %cases = map { $_->[0] => $_->[1] } b_sql('SELECT tracking_no, id FROM cases');
my %files;
for (b_sql('SELECT c.tracking_no, a.stored_name FROM attachments a JOIN cases c ON c.id = a.case_id')) {
    push @{ $files{ $_->[0] } }, $_->[1];
}
my (@missing, @bad_files);
for my $f (@before) {
    my ($t, $tracking, $sha) = @$f;
    push @missing, $tracking unless $cases{$tracking};
    my @stored = @{ $files{$tracking} // [] };
    my $path = @stored == 1 ? "$b/uploads/" . substr($stored[0], 0, 2) . "/$stored[0]" : undef;
    my $got = $path && -f $path ? do { open my $fh, '<:raw', $path; local $/; sha256_hex(<$fh>) } : '';
    push @bad_files, $tracking unless $got eq $sha;
}
is_deeply \@missing, [], 'every case acknowledged before the backup started is restored ('
    . scalar(@before) . ')';
is_deeply \@bad_files, [], '... each with its photo, byte for byte';
cmp_ok scalar(keys %cases), '>=', scalar(@before), '... the count at least theirs';
my ($search) = b_sql('SELECT COUNT(*) FROM case_search');
is $search->[0], scalar(keys %cases), 'the search index came along';

my $web = LWP::UserAgent->new(max_redirect => 0, timeout => 10);
is $web->get("http://127.0.0.1:$port/healthz")->code, 200, 'the restored stack is healthy';
my $r = $web->get("http://127.0.0.1:$port/cases/$before[0][1]");
is $r->code, 200, '... and shows a restored case';

Madang::Test::_run("$repo/scripts/stack.sh", 'stop', $b);
remove_tree($b_top);
$s->stop;
done_testing;
