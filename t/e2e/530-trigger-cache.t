# SPDX-License-Identifier: AGPL-3.0-or-later
# 530-trigger-cache.t: MariaDB 10.11 parses a table's triggers each time it
# opens a new copy of the table, and gives that parse up at once when the
# statement opening it is being killed (a Galera conflict's abort of a
# local transaction, max_statement_time, KILL QUERY). It then keeps that
# copy in its table cache with the trigger marked unparseable, and hands
# it to the next statements on the table, most recently used first: every
# filing failed ("Unknown trigger has an error in its body: 'Query was
# empty'", a 500), on a Galera node of t/cluster/10-failover.t until the
# end of the test. Here root's statement, killed by max_statement_time
# while it opens cases anew after FLUSH, leaves such a copy; then a
# citizen's filing through madang-web succeeds all the same (lib/db rolls
# the transaction back, drops the cache's unused tables through the
# procedure table_cache_heal, migration 0066, and runs it again), and so
# do a statement alone and a transaction through lib/db
# (t/unit/trigger_cache_check.c). The application's account cannot FLUSH
# by itself; it may call that one procedure. madangctl migrate warns when
# the migrator lacks the RELOAD the procedure needs.
use strict;
use warnings;
use utf8;
use Test::More;
use Madang::Test qw(body_of);

my $s = Madang::Test->start(seed => 1);
$s->sql("INSERT INTO settings (name, value) VALUES ('moderation.throttle_per_hour', '0'),"
    . " ('moderation.throttle_addr_per_hour', '0') ON DUPLICATE KEY UPDATE value = VALUES(value)");
my $category = $s->sql_value('SELECT MIN(id) FROM categories WHERE active = 1');
my $case_id = $s->sql_value('SELECT MIN(id) FROM cases');
my $admin = getpwuid($>) // 'root';
my $probe_sql = "UPDATE cases SET version = version WHERE id = $case_id";

# SQL as the server's administrator (root, by the socket), one statement
# or line after another (--force: on after an error): its output and
# errors.
sub as_root {
    my ($sql) = @_;
    my ($out) = Madang::Test::_run_with_stdin($sql, 'mariadb', '--no-defaults',
        "--socket=$s->{dir}/run/mysqld.sock", '-u', $admin, '--force', '-N', '-B', 'madang');
    return $out // '';
}

# poison(): on each line, FLUSH closes cases and the next statement opens
# it anew, killed by a max_statement_time of some tens of microseconds,
# often within the parse of its triggers (the hits come in runs of lines,
# seldom on a session's first); the probe after it, in the same session
# (which gets the copy it released), says whether the cache kept a copy
# whose trigger failed to parse. The last line's probe must say so:
# nothing comes after it. The sessions it took, undef for none.
my $faulty = qr/has an error in its body/;
sub poison {
    my $lines = 12;
    for my $try (1 .. 60) {
        my $limit = (0.00005, 0.00003, 0.00008, 0.0001, 0.00015)[$try % 5];
        my $sql = "FLUSH LOCAL TABLES cases; SET STATEMENT max_statement_time = $limit FOR $probe_sql; $probe_sql;\n"
            x $lines;
        return $try if as_root($sql) =~ /^ERROR 1064 \(42000\) at line $lines: .*$faulty/m;
    }
    return undef;
}

my $ua = $s->ua;
my $res = Madang::Test::register_citizen($s, $ua);
is $res->code, 303, 'a citizen registered' or diag body_of($res);

my $tries = poison();
ok defined $tries, sprintf 'a statement killed while it opened cases left a copy whose trigger failed to parse'
    . ' (%d sessions)', $tries // -1;
like as_root("$probe_sql;\n"), qr/Unknown trigger has an error in its body: 'Query was empty'|$faulty/,
    '... and the server keeps it: the next statement on cases, from another connection, fails too';

# The filing: its transaction meets the copy, is rolled back, the cache
# healed, and it runs again.
my $form = $ua->get($s->url('/cases/new'));
my $log_before = length $s->log_text;
$res = $ua->post($s->url('/cases/new'), [ csrf => Madang::Test::csrf_value($form), category => $category,
    title => '가로등 고장', body => 'a filing after the table cache kept a faulty trigger', public => 1 ]);
is $res->code, 303, 'a filing through madang-web succeeds all the same' or diag body_of($res);
like $res->header('Location') // '', qr{^/cases/\d{4}-\d{6}\?filed=1$}, '... and gets its tracking number';
my $log = substr $s->log_text, $log_before;
like $log, qr/the cache's unused tables were dropped/, '... after madang-web healed the table cache (its log)';
like $log, qr/has an error in its body.*the transaction runs again/, '... and ran the transaction again';
is as_root("$probe_sql;\n"), '', 'the table works again for every connection';

# lib/db's two paths: a statement alone, and a transaction.
my $check = "$s->{build}/t/unit/trigger-cache-check";
-x $check or BAIL_OUT("no $check (the test build makes it)");
for my $mode (qw(plain tx)) {
    my $n = poison();
    ok defined $n, "the faulty copy again ($mode)";
    my ($out, $ok) = Madang::Test::_run_with_stdin(undef, $check, $s->config, $mode);
    like $out, qr/^$mode rc=0$/m, "a statement on cases through lib/db succeeds ($mode)" or diag $out;
    like $out, qr/the cache's unused tables were dropped/, "... after it healed the table cache ($mode)";
    my $again = $mode eq 'tx' ? 'the transaction runs again' : 'the statement runs again';
    like $out, qr/\Q$again\E/, "... and ran again ($mode)";
    is as_root("$probe_sql;\n"), '', "... and the table works again ($mode)";
}

# The application's account: no RELOAD of its own; the procedure only.
{
    my $pw = do { local (@ARGV, $/) = "$s->{dir}/run/db.password"; <> };
    chomp $pw;
    local $ENV{MYSQL_PWD} = $pw;
    my $app = sub {
        my (undef, undef, $err) = Madang::Test::_run_split('mariadb', '--no-defaults',
            "--socket=$s->{dir}/run/mysqld.sock", '-u', 'madang', '-N', '-B', '-e', $_[0], 'madang');
        return $err // '';
    };
    like $app->('FLUSH LOCAL TABLES'), qr/RELOAD/, "the application's account cannot FLUSH by itself";
    is $app->('CALL table_cache_heal()'), '', '... but may call table_cache_heal';
}

# An installation set up before the heal: its migrator lacks RELOAD, and
# madangctl migrate says so (and what to run).
{
    $s->sql("REVOKE RELOAD ON *.* FROM 'madang_migrate'\@'localhost', 'madang_migrate'\@'127.0.0.1'");
    my ($out, $status) = $s->ctl('migrate');
    is $status, 0, 'migrate without the RELOAD of the migrator still migrates';
    like $out, qr/warning: the migrator madang_migrate lacks RELOAD.*run madangctl setup again/,
        '... and warns that the heal needs it';
    $s->sql("GRANT RELOAD ON *.* TO 'madang_migrate'\@'localhost', 'madang_migrate'\@'127.0.0.1'");
    ($out) = $s->ctl('migrate');
    unlike $out, qr/lacks RELOAD/, '... not once it has it';
}

done_testing;
