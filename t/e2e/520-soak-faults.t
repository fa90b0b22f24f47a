# SPDX-License-Identifier: AGPL-3.0-or-later
# 520-soak-faults.t: what bench/soak (issue 16, endurance) found, kept as
# tests. (1) Citizens filing at the same time never get a 500 and never
# deadlock: the reports counters' statements (lib/reports/counters.c) took
# next-key locks in the gaps where concurrent filings insert (counted_facts,
# case_departments) and filings deadlocked, some until the five tries of
# case_file ran out (now: READ COMMITTED for the filing). (2) A full attachment folder refuses a filing with
# an attachment with a clear message on the form (400), not a 500, stores
# nothing half, and filing works again once there is room; the files
# stored before are all there.
use strict;
use warnings;
use utf8;
use Test::More;
use Encode ();
use POSIX ();
use LWP::UserAgent;
use Madang::Test qw(body_of);

binmode $_, ':encoding(UTF-8)'
    for map { Test::More->builder->$_ } qw(output failure_output todo_output);

my $s = Madang::Test->start(seed => 1);
# The test measures concurrency, not the posting throttle (0: off).
$s->sql("INSERT INTO settings (name, value) VALUES ('moderation.throttle_per_hour', '0'),"
    . " ('moderation.throttle_addr_per_hour', '0') ON DUPLICATE KEY UPDATE value = VALUES(value)");
# Every deadlock into mysqld.err, for the diagnosis when one happens.
$s->sql("SET GLOBAL innodb_print_all_deadlocks = ON");
my @categories = map { $_->[0] } $s->sql("SELECT id FROM categories WHERE active = 1 ORDER BY id");
my $category = $categories[0];

# ---------------------------------------------------------------- (1)

# Each child signs in as the demo citizen (a session of its own) and files
# its cases one after the other, each in the next category (filings of one
# round-robin category wait for each other on its row: different ones meet
# only in the tables every filing writes); it reports each answer's status.
my ($children, $each) = (32, 8);
my @pids;
pipe(my $rd, my $wr) or die "pipe: $!";
for my $n (1 .. $children) {
    my $pid = fork // die "fork: $!";
    if (!$pid) {
        $SIG{$_} = 'DEFAULT' for qw(INT TERM HUP);
        close $rd;
        my $ua = $s->ua;
        my $r = Madang::Test::sign_in($s, $ua, 'citizen', 'madang-citizen-2026');
        my @codes;
        if ($r->code == 303) {
            my $csrf = Madang::Test::csrf_value($ua->get($s->url('/cases/new')));
            for my $i (1 .. $each) {
                my $p = $ua->post($s->url('/cases/new'), Madang::Test::_form_bytes(
                    csrf => $csrf, category => $categories[($n + $i) % @categories], title => "동시 접수 $n-$i 가로등 고장",
                    body => "동시 접수 시험 $n-$i: 골목 가로등이 꺼져 있습니다.", public => 1));
                push @codes, $p->code;
            }
        } else {
            push @codes, 'signin' . $r->code;
        }
        syswrite $wr, join(' ', @codes) . "\n";
        POSIX::_exit(0);
    }
    push @pids, $pid;
}
close $wr;
my @codes = map { split ' ' } <$rd>;
waitpid $_, 0 for @pids;
my %by;
$by{$_}++ for @codes;
is scalar(@codes), $children * $each, "$children citizens at once each filed $each times";
is $by{303} // 0, $children * $each, 'every filing answered with its case (303)'
    or diag 'answers: ' . join(', ', map { "$_ x $by{$_}" } sort keys %by);
is $s->sql_value("SELECT COUNT(*) FROM cases WHERE title LIKE '동시 접수 %'"), $by{303} // 0,
    '... and stored';
unlike $s->log_text, qr/filing \S+ failed/, 'no filing failed after its tries (the log)';
# Before, every run had filings that lost a deadlock and tried again.
my (%deadlocked, %filing);
for (split /\n/, $s->log_text) {
    my ($rid) = /\brid=(\w+)/ or next;
    $deadlocked{$rid} = 1 if /Deadlock found/;
    $filing{$rid} = 1 if m{ POST /cases/new };
}
is scalar(grep { $filing{$_} } keys %deadlocked), 0, 'no filing met a deadlock'
    or diag grep { /^(INSERT|UPDATE|DELETE|SELECT|REPLACE) / } split /\n/, Madang::Test::_slurp($s->dir . '/log/mysqld.err');

# ---------------------------------------------------------------- (2)

SKIP: {
    skip "mounting a full tmpfs over the attachment folder needs root", 7 if $> != 0;
    my $ua = $s->ua;
    is Madang::Test::sign_in($s, $ua, 'citizen', 'madang-citizen-2026')->code, 303, 'the citizen signs in';
    my $file = sub {
        my ($title) = @_;
        my $csrf = Madang::Test::csrf_value($ua->get($s->url('/cases/new')));
        return $ua->post($s->url('/cases/new'), Content_Type => 'form-data', Content => [
            csrf => $csrf, category => $category, public => 1,
            title => Encode::encode('UTF-8', $title),
            body => Encode::encode('UTF-8', "$title: 보도블록이 깨져 있습니다."),
            attachments => [ undef, 'memo.txt', Content_Type => 'text/plain',
                Content => Encode::encode('UTF-8', "현장 메모: $title\n") ] ]);
    };
    my $r = $file->('첨부 전 접수');
    is $r->code, 303, 'a filing with an attachment before' or diag body_of($r);
    my $before = $s->sql_value("SELECT COUNT(*) FROM attachments");

    # A tmpfs filled first, then put over the folder at once (bench/soak).
    my $full = $s->dir . '/full';
    my $uploads = $s->dir . '/uploads';
    mkdir $full;
    system('mount', '-t', 'tmpfs', '-o', 'size=64k,nr_inodes=8', 'tmpfs', $full) == 0 or die 'mount';
    system("dd if=/dev/zero of=$full/fill bs=4k count=64 2>/dev/null; for i in 1 2 3 4 5 6 7 8; do : >$full/f\$i 2>/dev/null; done");
    system('mount', '--bind', $full, $uploads) == 0 or die 'mount --bind';
    system('umount', $full);
    $r = eval { $file->('첨부 실패 접수') };
    system('umount', $uploads);
    is $r && $r->code, 400, 'with the folder full: refused on the form (400), not a 500';
    like body_of($r), qr/\Q${\ Madang::Test::L('Err.storage_full') }\E/, '... saying why';
    is $s->sql_value("SELECT COUNT(*) FROM cases WHERE title = '첨부 실패 접수'"), 0, '... nothing filed';

    $r = $file->('첨부 후 접수');
    is $r->code, 303, 'with room again the same filing works' or diag body_of($r);
    my @missing = grep { !-e "$uploads/" . substr($_, 0, 2) . "/$_" }
        map { $_->[0] } $s->sql("SELECT stored_name FROM attachments");
    is_deeply \@missing, [], 'every stored attachment is on disk (' . ($before + 1) . ' rows)';
}

done_testing;
