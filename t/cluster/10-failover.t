# SPDX-License-Identifier: AGPL-3.0-or-later
# 10-failover.t: Madang on three Galera nodes (scripts/cluster.sh) while
# one node, then another, is killed (issue 16, section 2). Citizens file
# cases through madang-web (on node 1) and the notifiers on nodes 2 and 3
# drain the outbox, while node 1's mariadbd (madang-web's) is killed with
# SIGKILL and restarted (it rejoins by IST), then node 3's (a notifier's:
# it goes on through another node of its db.hosts) is killed and restarted
# the same way. Afterwards: every filing answered with a 303 and a
# tracking number is on every node; every e-mail of those filings reached
# the SMTP sink, and no notice twice; the site answered again within
# seconds (madang-web's workers reconnect to the next node of db.hosts);
# both nodes caught up by IST; the page after a filing read with
# wsrep_sync_wait (read-your-writes); every InnoDB table holds the same
# rows on the three nodes (CHECKSUM TABLE, and row by row where it
# differs); last, madangctl setup of a second database through node 3
# over TCP with an administrator's password file reaches every node
# (issue 16's remote setup). The faults follow each other by events (a node Synced, a node
# gone from the cluster), each wait with a deadline: no fixed sleep is an
# assertion, so that a loaded machine (CI's two cores) only makes it
# slower. The figures go to docs/operations.md, "A Galera cluster".
# CLUSTER_LOAD_SECONDS: the load's least length (it runs until node 3 is
# back anyway); MADANG_KEEP=1 keeps the folder, and a failed run's cluster
# running.
# Run by `make test-cluster` (not by `make test`: it needs galera-4).
use strict;
use warnings;
use utf8;
use Test::More;
use Time::HiRes qw(time sleep);
use File::Temp qw(tempdir);
use File::Path qw(remove_tree);
use POSIX qw(WNOHANG);
use Madang::Test qw(body_of);
use Madang::Mail;
use Encode ();

plan skip_all => 'no galera-4 (scripts/deps.sh cluster)' unless -e '/usr/lib/galera/libgalera_smm.so';

my $REPO = $Madang::Test::REPO;
my $BUILD = $ENV{MADANG_BUILD} // "$REPO/build";
my $LOAD_SECONDS = $ENV{CLUSTER_LOAD_SECONDS} // 40;   # the load, at least
my $KILL_AT = 10;                                       # node 1 dies then...
my $REJOIN_AT = 20;                                     # ...and comes back;
my $NOTIFIER_DOWN = 8;   # node 3 (a notifier's), killed once node 1 is back, stays down this long
my $LOAD_MAX = 300;      # the filers stop by then whatever happens
my $FILERS = 3;
my $t0 = time;

my $top = tempdir('madang-cluster-XXXXXX', TMPDIR => 1, CLEANUP => 0);
my $dir = "$top/cluster";
my $sink = Madang::Mail->start(dir => "$top/sink");

sub port_free {
    my ($p) = @_;
    my $s = IO::Socket::INET->new(LocalAddr => '127.0.0.1', LocalPort => $p, Proto => 'tcp', ReuseAddr => 1, Listen => 1)
        or return 0;
    close $s;
    return 1;
}
# Every port below Linux's ephemeral range (ip_local_port_range, from
# 32768): one there can be taken meanwhile by some outgoing connection's
# local end, and then a restarted node's rsync daemon (the SST port,
# PORT + 1033) cannot listen and the node aborts its rejoin (CI of 3a42adc:
# port 38005, "the rsync or stunnel daemon terminated unexpectedly").
my $port;
for (1 .. 200) {
    my $p = 20000 + int(rand(11000));
    next if grep { !port_free($_) } $p, map { $p + 1000 + $_ } 1 .. 3, 11 .. 13, 21 .. 23, 31 .. 33;
    $port = $p;
    last;
}
BAIL_OUT('no free ports') unless $port;

sub cluster {
    my (@args) = @_;
    local $ENV{MADANG_BUILD} = $BUILD;
    local $ENV{MADANG_WORKERS} = 3;
    local $ENV{MADANG_MAIL_PORT} = $sink->port;
    local $ENV{MADANG_NOTIFIER_INTERVAL} = 1;
    my $out = `'$REPO/scripts/cluster.sh' @args 2>&1`;
    return ($out, $? == 0);
}
my $stopped = 0;
sub stop_cluster {
    return if $stopped++;
    my ($out, $ok) = cluster('stop', $dir);
    diag "cluster.sh stop failed:\n$out" unless $ok;
}
my $parent = $$;
END { stop_cluster() if $top && $$ == $parent }

my ($out, $ok) = cluster('start', $dir, $port, '--seed');
ok $ok, 'scripts/cluster.sh starts three nodes, madang-web and two notifiers' or do {
    diag $out;
    BAIL_OUT('no cluster');
};
my $started = time - $t0;
note sprintf 'cluster up in %.1f s (%s)', $started, $dir;

# Madang::Test's helpers on this cluster: the site at nginx's port, SQL on
# a node's socket (node 2's: node 1 dies).
sub node { bless { dir => "$dir/node$_[0]", port => $port, build => $BUILD, pid => $$, stopped => 1 }, 'Madang::Test' }
my $s = node(2);
my @nodes = map { node($_) } 1 .. 3;
$s->sql("REPLACE INTO settings (name, value) VALUES ('moderation.throttle_per_hour', '0'),"
    . " ('moderation.throttle_addr_per_hour', '0')");
my $category = $s->sql_value('SELECT id FROM categories WHERE active = 1 ORDER BY id LIMIT 1');
ok $category, "a category to file in ($category)";
my ($size) = map { $_->[1] } $s->sql("SHOW STATUS LIKE 'wsrep_cluster_size'");
is $size, 3, 'the cluster has three nodes';
my @offsets = map { $_->sql_value('SELECT @@auto_increment_offset') } @nodes;
is scalar(keys %{{ map { $_ => 1 } @offsets }}), 3, "each node its own auto_increment_offset (@offsets)";

# ------------------------------------------------------------ the filers
my @citizens;
for my $i (1 .. $FILERS) {
    my $ua = $s->ua(timeout => 30);
    my $res = Madang::Test::register_citizen($s, $ua);
    is $res->code, 303, "citizen $i registered" or diag body_of($res);
    push @citizens, $ua;
}
my $acks = "$top/acks";
mkdir $acks;
my @kids;
my $load_start = time;
# The filers run until the parent says (node 3 back, the least length
# passed), or $LOAD_MAX if the parent died.
my $stop_file = "$top/stop-load";
my $stop_at = $load_start + $LOAD_MAX;
for my $i (0 .. $#citizens) {
    my $pid = fork // die "fork: $!";
    if (!$pid) {
        my $ua = $citizens[$i];
        open my $log, '>>', "$acks/filer$i" or die $!;
        $log->autoflush(1);
        my $n = 0;
        while (!-e $stop_file && time < $stop_at) {
            $n++;
            my $form = $ua->get($s->url('/cases/new'));
            my $csrf = $form->is_success ? Madang::Test::csrf_value($form) : undef;
            if (!$csrf) { printf $log "fail %.2f GET %d\n", time, $form->code; sleep 0.2; next }
            my $r = $ua->post($s->url('/cases/new'), [ csrf => $csrf, category => $category,
                title => "cluster filing $i-$n", body => "filed while a node dies ($i-$n)", public => 1 ]);
            my ($tracking) = ($r->header('Location') // '') =~ m{^/cases/(\d{4}-\d{6})\?filed=1$};
            if ($r->code == 303 && $tracking) { printf $log "ack %.2f %s\n", time, $tracking }
            else { printf $log "fail %.2f POST %d\n", time, $r->code; sleep 0.2 }
        }
        close $log;
        POSIX::_exit(0);   # not exit: the END blocks are the parent's
    }
    push @kids, $pid;
}

# ------------------------------------------------------------ search on every node
# A case filed through node 1 (madang-web's) is in the Mroonga search
# index of nodes 2 and 3 at once: Galera does not replicate Mroonga
# tables, but each node's applier runs the triggers that fill it
# (slave_run_triggers_for_rbr=ENFORCE, migration 0064). After node 1's
# death the site, on node 2, finds it by search (below).
my $word = 'galera' . join '', map { ('a' .. 'z')[int rand 26] } 1 .. 10;
my $searcher = $s->ua(timeout => 30);
my $res = Madang::Test::register_citizen($s, $searcher);
is $res->code, 303, 'a fourth citizen registered' or diag body_of($res);
my $form = $searcher->get($s->url('/cases/new'));
$res = $searcher->post($s->url('/cases/new'), [ csrf => Madang::Test::csrf_value($form), category => $category,
    title => "도로 파손 $word", body => "node 1 indexed it, and so did the others ($word)", public => 1 ]);
my ($searched) = ($res->header('Location') // '') =~ m{^/cases/(\d{4}-\d{6})\?filed=1$};
ok $searched, "a case filed through node 1 ($searched)" or diag $res->code;
for my $n (2, 3) {
    is $nodes[$n - 1]->sql_value("SET SESSION wsrep_sync_wait = 1; SELECT COUNT(*) FROM case_search"
            . " WHERE MATCH(title, body) AGAINST('+$word' IN BOOLEAN MODE)"), 1,
        "node ${n}'s search index finds it";
}

# ------------------------------------------------------------ the fault
sleep $KILL_AT - (time - $load_start);
my $pidfile = "$dir/node1/run/mysqld.pid";
chomp(my $db_pid = `cat '$pidfile'`);
ok kill('KILL', $db_pid), "node 1's mariadbd (pid $db_pid) killed with SIGKILL";
my $killed = time;
# The site answers again: a page that reads the database (a worker whose
# node died reconnects to the next node in db.hosts).
my $probe = $s->ua(timeout => 30);
my $back;
while (time < $killed + 60) {
    my $r = $probe->get($s->url('/cases'));
    if ($r->code == 200) { $back = time - $killed; last }
    sleep 0.2;
}
ok defined $back, sprintf 'the site answers again after the kill (in %.1f s)', $back // -1;
cmp_ok $back // 99, '<', 15, 'within 15 s';
my $failover = $back // -1;
{
    my $r = $probe->get($s->url("/cases?q=$word"));
    like body_of($r), qr/\Q$searched\E/, "the site, now on node 2, finds by search the case filed through node 1";
}

# rejoin(N): cluster.sh start restarts node N's mariadbd, which must
# rejoin from its recovered position by IST. The seconds to Synced.
sub rejoin {
    my ($n) = @_;
    my $err_log = "$dir/node$n/log/mysqld.err";
    my $err_before = -s $err_log;
    my $rejoin_t = time;
    my ($out, $ok) = cluster('start', $dir, $port);
    ok $ok, "cluster.sh start restarts node $n, which rejoins" or diag $out;
    my $took = time - $rejoin_t;
    my $err = do { local (@ARGV, $/) = $err_log; <> };
    my $since = substr $err, $err_before;
    like $out, qr/node $n crashed at [0-9a-f-]+:\d+/, "node ${n}'s last position is recovered (mariadbd --wsrep-recover)";
    ok $since =~ /rsync IST completed on joiner/ && $since !~ /rsync SST completed on joiner/,
        sprintf "node $n caught up by IST, no SST (%.1f s to Synced)", $took;
    return $took;
}

my $rest = $REJOIN_AT - (time - $load_start);
sleep $rest if $rest > 0;
my $rejoin = rejoin(1);

# ------------------------------------------------------------ the second fault
# Node 3's mariadbd, under the notifier there, dies in the middle of the
# drains: its notifier loses its connection (perhaps between the SMTP
# server's 250 and the row's mark, which then runs again on another node)
# and goes on through the next node of its db.hosts.
sub pid_in { my ($f) = @_; local (@ARGV, $/) = $f; my $p = <>; $p =~ s/\s+//g; return $p }
my $n3_pid = pid_in("$dir/node3/run/mysqld.pid");
my $n3_notifier = pid_in("$dir/node3/run/notifier.pid");
my ($db_clock_at_kill) = $s->sql_value('SELECT NOW()');
ok kill('KILL', $n3_pid), "node 3's mariadbd (pid $n3_pid, its notifier's node) killed with SIGKILL";
my $killed3 = time;
my $size2;
while (time < $killed3 + 60) {
    ($size2) = map { $_->[1] } $s->sql("SHOW STATUS LIKE 'wsrep_cluster_size'");
    last if defined $size2 && $size2 == 2;
    sleep 0.2;
}
is $size2, 2, sprintf 'nodes 1 and 2 go on without node 3 (cluster size 2 after %.1f s)', time - $killed3;
# Its notifier, alive, sends again through another node.
my $resumed;
while (time < $killed3 + 90) {
    if ($s->sql_value("SELECT COUNT(*) FROM outbox WHERE lease_owner = 'node3-notifier' AND state = 'sent'"
            . " AND sent_at > '$db_clock_at_kill'")) { $resumed = time - $killed3; last }
    sleep 0.5;
}
ok kill(0, $n3_notifier), "node 3's notifier (pid $n3_notifier) still runs";
ok defined $resumed, sprintf "node 3's notifier sends again through another node (after %.1f s)", $resumed // -1;
$rest = $killed3 + $NOTIFIER_DOWN - time;
sleep $rest if $rest > 0;
my $rejoin3 = rejoin(3);

$rest = $load_start + $LOAD_SECONDS - time;
sleep $rest if $rest > 0;
my $load_seconds = time - $load_start;
open my $stop_fh, '>', $stop_file or die "$stop_file: $!";
close $stop_fh;
waitpid $_, 0 for @kids;
my (@acked, @failed);
for my $f (glob "$acks/filer*") {
    open my $fh, '<', $f or die $!;
    while (<$fh>) {
        push @acked, $1 if /^ack \S+ (\S+)/;
        push @failed, $_ if /^fail/;
    }
}
cmp_ok scalar(@acked), '>', 10, scalar(@acked) . ' filings acknowledged (' . scalar(@failed) . ' refused meanwhile)';

# ------------------------------------------------------------ afterwards
# Every node: every acknowledged filing present.
for my $n (1 .. 3) {
    my %have = map { $_->[0] => 1 } $nodes[$n - 1]->sql('SET SESSION wsrep_sync_wait = 1; SELECT tracking_no FROM cases');
    my @lost = grep { !$have{$_} } @acked;
    is_deeply \@lost, [], "node $n has every acknowledged filing";
}
my %numbers;
$numbers{$_}++ for @acked;
is scalar(grep { $numbers{$_} > 1 } keys %numbers), 0, 'no tracking number acknowledged twice';

# Read-your-writes (db.sync_wait_after_write): the POST leaves the cookie,
# and the page it leads to reads with wsrep_sync_wait (madang-web is on
# node 2 since the kill: its causal reads count up).
{
    my $ua = $citizens[0];
    my $causal = sub { my ($row) = $s->sql("SHOW GLOBAL STATUS LIKE 'wsrep_causal_reads'"); $row->[1] };
    my $before = $causal->();
    my $form = $ua->get($s->url('/cases/new'));
    my $r = $ua->post($s->url('/cases/new'), [ csrf => Madang::Test::csrf_value($form), category => $category,
        title => 'read your writes', body => 'seen at once on the next page', public => 1 ]);
    is $r->code, 303, 'a filing after the rejoin';
    like join("\n", $r->header('Set-Cookie')), qr/\bmdg_sync=1\b/, 'its answer sets the read-your-writes cookie';
    my $page = $ua->follow($r);
    like body_of($page), qr/read your writes/, 'the page it leads to shows the new case';
    cmp_ok $causal->(), '>', $before, 'read with wsrep_sync_wait (wsrep_causal_reads went up on node 2)';
}

# Every node's search index holds every case (filed through node 1 or,
# while it was down, node 2; applied on the others by their appliers, on
# a rejoined node by IST).
for my $n (1 .. 3) {
    is $nodes[$n - 1]->sql_value("SET SESSION wsrep_sync_wait = 1; SELECT COUNT(*) FROM cases c"
            . " LEFT JOIN case_search cs ON cs.case_id = c.id WHERE cs.case_id IS NULL"), 0,
        "node ${n}'s search index holds every case";
}

# The notifiers drain the outbox; then no notice was sent twice.
my $pending;
my $drain_t = time;
while (1) {
    $pending = $s->sql_value("SELECT COUNT(*) FROM outbox WHERE channel = 'email' AND state = 'pending'");
    last if $pending == 0 || time > $drain_t + 120;
    sleep 0.5;
}
is $pending, 0, sprintf 'the notifiers on nodes 2 and 3 sent every e-mail (%.1f s after the load)', time - $drain_t;
my $sent = $s->sql_value("SELECT COUNT(*) FROM outbox WHERE channel = 'email' AND state = 'sent'");
my %by_id = $sink->count_by_message_id;
my @twice = grep { $by_id{$_} > 1 } sort keys %by_id;
is_deeply \@twice, [], 'no notice reached the SMTP sink twice';
is $sink->count, $sent, "the sink holds one message per sent e-mail ($sent)";
# No notice lost: every e-mail of every acknowledged filing (its notices'
# outbox rows) reached the sink, and each filing made at least one.
{
    my %at_sink = map { (my $id = $_) =~ s/\@.*//; ($id => 1) } keys %by_id;
    my %acked = map { $_ => 1 } @acked;
    my (%mails, @missing);
    for my $row ($s->sql("SELECT c.tracking_no, o.message_id FROM cases c JOIN notices n ON n.case_id = c.id"
            . " JOIN outbox o ON o.notice_id = n.id AND o.channel = 'email'")) {
        my ($tracking, $mid) = @$row;
        next unless $acked{$tracking};
        $mails{$tracking}++;
        push @missing, "$tracking $mid" unless $at_sink{$mid};
    }
    my @without = grep { !$mails{$_} } sort keys %acked;
    is_deeply \@without, [], 'every acknowledged filing made e-mail notices';
    my $n_mails = 0;
    $n_mails += $_ for values %mails;
    is_deeply \@missing, [], sprintf 'every e-mail of the %d acknowledged filings reached the sink (%d e-mails)',
        scalar(keys %acked), $n_mails;
}
my %senders = map { $_->[0] => $_->[1] } $s->sql(
    "SELECT lease_owner, COUNT(*) FROM outbox WHERE state = 'sent' GROUP BY lease_owner");
note 'sent by: ' . join ', ', map { "$_ $senders{$_}" } sort keys %senders;

# The same data on the three nodes: the notifiers stopped first (no
# write between the nodes' checksums); each node waits until it applied
# every write (wsrep_sync_wait) before it checksums.
for my $n (2, 3) {
    my $pf = "$dir/node$n/run/notifier.pid";
    chomp(my $p = `cat '$pf'`);
    kill 'TERM', $p if $p;
    for (1 .. 100) { last unless kill 0, $p; sleep 0.1 }
}
my @tables = map { $_->[0] } $s->sql("SELECT table_name FROM information_schema.tables"
    . " WHERE table_schema = 'madang' AND table_type = 'BASE TABLE' AND engine = 'InnoDB' ORDER BY 1");
cmp_ok scalar(@tables), '>', 50, scalar(@tables) . ' InnoDB tables to compare';
my $list = join ', ', map { "madang.$_" } @tables;
# wsrep_sync_wait covers SELECT, not CHECKSUM TABLE: a SELECT first waits
# until the node applied every write committed before it. A node's applier
# may still be behind the others' last writes (the notifiers' before they
# stopped): up to three rounds, 2 s apart; a real divergence stays.
my (@sums, @differ);
for my $round (1 .. 3) {
    @sums = map { +{ map { @$_ == 2 ? ($_->[0] => $_->[1]) : () }
        $_->sql("SET SESSION wsrep_sync_wait = 1; SELECT COUNT(*) FROM madang.outbox; CHECKSUM TABLE $list") } } @nodes;
    @differ = grep { ($sums[0]{"madang.$_"} // '') ne ($sums[1]{"madang.$_"} // '-')
            || ($sums[0]{"madang.$_"} // '') ne ($sums[2]{"madang.$_"} // '-') } @tables;
    note "checksums, round $round: " . (@differ ? scalar(@differ) . ' tables differ' : 'all the same');
    last unless @differ;
    sleep 2;
}
# CHECKSUM TABLE sums the rows as the server holds them in memory, and was
# seen to differ between nodes whose rows were the same (SELECT * compared,
# and equal again after the nodes restarted): the tables it names are then
# compared row by row, by the MD5 of all their rows in primary key order.
my %pk;
push @{ $pk{$_->[0]} }, $_->[1] for $s->sql("SELECT table_name, column_name FROM information_schema.statistics"
    . " WHERE table_schema = 'madang' AND index_name = 'PRIMARY' ORDER BY table_name, seq_in_index");
sub rows_md5 {
    my ($node, $t) = @_;
    my $order = join ', ', map { "`$_`" } @{ $pk{$t} };
    my @rows = $node->sql("SELECT * FROM madang.`$t` ORDER BY $order");
    require Digest::MD5;
    return Digest::MD5::md5_hex(Encode::encode('UTF-8', join "\n", map { join "\t", map { $_ // '\\N' } @$_ } @rows));
}
my @rows_differ = grep { my $t = $_; my @m = map { rows_md5($_, $t) } @nodes; $m[0] ne $m[1] || $m[0] ne $m[2] } @differ;
note 'CHECKSUM TABLE differs, rows the same: ' . join ', ', grep { my $t = $_; !grep { $_ eq $t } @rows_differ } @differ
    if @differ;
is_deeply \@rows_differ, [], 'every InnoDB table holds the same rows on the three nodes (CHECKSUM TABLE, else row by row)'
    or diag join "\n", map { my $t = "madang.$_"; "$t: " . join ' ', map { $_->{$t} // 'none' } @sums } @rows_differ;

# ------------------------------------------------------------ setup from afar
# madangctl setup against a cluster node over TCP, as an administrator
# account with a password (a file, or the environment; never argv), the
# accounts also at the application's host: the database, its accounts and
# the migrations reach every node.
{
    my $port3 = $port + 1003;
    my $admin_pw = 'Setup-admin-' . join '', map { ('a' .. 'z')[int rand 26] } 1 .. 12;
    $nodes[2]->sql("CREATE USER 'setupadmin'\@'127.0.0.1' IDENTIFIED BY '$admin_pw';"
        . " GRANT ALL PRIVILEGES ON *.* TO 'setupadmin'\@'127.0.0.1' WITH GRANT OPTION");
    my $cfg = "$top/remote.hdf";
    my $app_pw = 'remoteApp' . join '', map { ('a' .. 'z')[int rand 26] } 1 .. 12;
    open my $fh, '>', $cfg or die "$cfg: $!";
    print $fh do { local (@ARGV, $/) = "$dir/node3/madang.hdf"; <> };
    # Later lines win: another database and accounts, node 3 by TCP only.
    print $fh "db.socket =\ndb.hosts = 127.0.0.1:$port3\ndb.name = madang_remote\ndb.user = remote_app\n"
        . "db.password = $app_pw\ndb.migrate_user = remote_migrate\ndb.migrate_password = ${app_pw}mig\n"
        . "db.app_role = remote_role\n";
    close $fh;
    my $pw_file = "$top/admin.pw";
    open $fh, '>', $pw_file or die $!;
    print $fh "$admin_pw\n";
    close $fh;
    my $ctl = sub {
        my (@args) = @_;
        my $out = `'$BUILD/madangctl' --config '$cfg' setup --db-admin setupadmin @args 2>&1`;
        return ($out, $? >> 8);
    };
    my ($o, $rc) = $ctl->('--account-host', "'127.0.0.%'");
    isnt $rc, 0, 'setup from afar without the password fails' or diag $o;
    ($o, $rc) = $ctl->('--db-admin-password-file', "'$pw_file'", '--account-host', "'127.0.0.%'");
    is $rc, 0, 'madangctl setup against node 3 with --db-admin-password-file' or diag $o;
    my $files = () = glob "$REPO/db/migrations/[0-9][0-9][0-9][0-9]_*.sql";
    is $nodes[0]->sql_value("SET SESSION wsrep_sync_wait = 1; SELECT COUNT(*) FROM madang_remote.schema_migrations"),
        $files, "node 1 has its database, every migration applied ($files)";
    is $nodes[1]->sql_value("SET SESSION wsrep_sync_wait = 1; SELECT COUNT(*) FROM mysql.user"
            . " WHERE user IN ('remote_app', 'remote_migrate') AND host = '127.0.0.%'"), 2,
        "node 2 has its two accounts at the application's host (127.0.0.%)";
    {
        local $ENV{MYSQL_PWD} = $app_pw;
        my $got = `mariadb --no-defaults -h 127.0.0.1 -P @{[ $port + 1002 ]} -u remote_app -N -B -e 'SELECT COUNT(*) FROM schema_migrations' madang_remote 2>&1`;
        like $got, qr/^\d+$/, 'its application account reads its tables on node 2 over TCP';
    }
    {
        local $ENV{MADANG_DB_ADMIN_PASSWORD} = $admin_pw;
        ($o, $rc) = $ctl->();
        is $rc, 0, 'setup again with the password in MADANG_DB_ADMIN_PASSWORD changes nothing' or diag $o;
    }
}

my $total = time - $t0;
note sprintf 'figures: start %.1f s, load %.1f s, acknowledged %d, refused %d, failover %.1f s, node 1 rejoin %.1f s,'
    . ' node 3 rejoin %.1f s, notifier on node 3 sending again after %.1f s, e-mails %d, whole test %.1f s',
    $started, $load_seconds, scalar(@acked), scalar(@failed), $failover, $rejoin, $rejoin3, $resumed // -1,
    $sent, $total;

# MADANG_KEEP=1 and a failure: the cluster stays up to be looked at.
if ($ENV{MADANG_KEEP} && !Test::More->builder->is_passing) {
    $stopped = 1;
    diag "cluster left running: scripts/cluster.sh stop $dir";
}
stop_cluster();
$sink->stop;
remove_tree($top) unless $ENV{MADANG_KEEP} || !Test::More->builder->is_passing;
diag "kept $top" if !Test::More->builder->is_passing;
done_testing;
