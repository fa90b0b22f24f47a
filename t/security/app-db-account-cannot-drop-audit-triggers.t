# SPDX-License-Identifier: AGPL-3.0-or-later
# app-db-account-cannot-drop-audit-triggers.t: least privilege in the
# database. madang-web and madang-notifier connect with an account that
# may only read and write rows: with its credentials (db.user and
# db.password of the test stack's configuration) the audit log's
# append-only triggers cannot be dropped, the audit log cannot be deleted
# from or updated, no table altered or dropped, no trigger made, and a
# second statement in one query is refused. The migrator's account
# (db.migrate_user) is the one that migrates.
use strict;
use warnings;
use Test::More;
use Madang::Test;

my $s = Madang::Test->start;

# The db.* values of the stack's generated configuration.
my %db = map { $_ => $s->config_value("db.$_") } qw(user password migrate_user socket name);
ok length($db{user} // ''), "the configuration names the app's account ($db{user})";
ok length($db{migrate_user} // ''), 'and a separate migrator';
isnt $db{migrate_user} // '', $db{user}, 'two different accounts';

# Runs SQL as the app's account; (output, exit status).
sub as_app {
    my ($sql) = @_;
    my ($out, $ok, $status) = Madang::Test::_run_with_stdin(undef,
        'mariadb', '--no-defaults', "--socket=$db{socket}", '-u', $db{user}, "-p$db{password}",
        '--default-character-set=utf8mb4', '-N', '-B', '-e', $sql, $db{name});
    return ($out, $status);
}

my $triggers = sub {
    join ',', map { $_->[0] } $s->sql(q{SELECT trigger_name FROM information_schema.triggers
        WHERE event_object_table = 'audit_log' ORDER BY trigger_name});
};
is $triggers->(), 'audit_log_no_delete,audit_log_no_update', 'the audit log has its append-only triggers';
$s->sql(q{INSERT INTO audit_log (at, client_addr, object_type, object_id, action) VALUES (NOW(3), '127.0.0.1', 'staff', '1', 'create')});
my $audit_rows = $s->sql_value('SELECT COUNT(*) FROM audit_log');

# What the app needs works with these credentials.
{
    my ($out, $st) = as_app('SELECT COUNT(*) FROM audit_log');
    is $st, 0, 'the app account reads the audit log' or diag $out;
    ($out, $st) = as_app(q{INSERT INTO audit_log (at, client_addr, object_type, object_id, action) VALUES (NOW(3), '127.0.0.1', 'staff', '1', 'update')});
    is $st, 0, 'and appends to it' or diag $out;
    $audit_rows++;
    ($out, $st) = as_app(q{UPDATE accounts SET lang = lang WHERE id = 0});
    is $st, 0, 'and writes rows of other tables' or diag $out;
}

for my $t (
    [ 'DROP TRIGGER audit_log_no_delete',                        'dropping the no-delete trigger' ],
    [ 'DROP TRIGGER audit_log_no_update',                        'dropping the no-update trigger' ],
    [ 'DELETE FROM audit_log',                                   'DELETE FROM audit_log' ],
    [ q{UPDATE audit_log SET action = 'x'},                      'UPDATE audit_log' ],
    [ 'TRUNCATE TABLE audit_log',                                'TRUNCATE audit_log' ],
    [ 'ALTER TABLE audit_log ADD COLUMN x INT',                  'ALTER TABLE audit_log' ],
    [ 'ALTER TABLE cases ADD COLUMN x INT',                      'ALTER TABLE cases' ],
    [ 'DROP TABLE audit_log',                                    'DROP TABLE audit_log' ],
    [ 'CREATE TABLE x (id INT)',                                 'CREATE TABLE' ],
    [ 'CREATE TRIGGER x BEFORE INSERT ON cases FOR EACH ROW SET @x = 1', 'CREATE TRIGGER' ],
    [ q{GRANT DELETE ON audit_log TO CURRENT_USER},              'granting itself DELETE' ],
) {
    my ($sql, $what) = @$t;
    my ($out, $st) = as_app($sql);
    isnt $st, 0, "app account: $what is refused";
    like $out, qr/denied/i, '(access denied)';
}
is $triggers->(), 'audit_log_no_delete,audit_log_no_update', 'the triggers are still there';
is $s->sql_value('SELECT COUNT(*) FROM audit_log'), $audit_rows, 'and every audit row';

# Several statements in one query: only the migrator's connection allows
# them (a script through the library's db_run_script, as madangctl migrate
# runs one).
{
    my $check = "$s->{build}/t/unit/db-script-check";
    SKIP: {
        skip "no $check (the test build makes it)", 4 unless -x $check;
        my ($out, $ok, $st) = Madang::Test::_run_with_stdin(undef, $check, $s->config, 'app',
            'SELECT 1; DROP TRIGGER audit_log_no_delete');
        is $st, 1, "the app's connection refuses a second statement";
        like $out, qr/refused: .*SQL syntax/, '(the server parses it as one bad statement)';
        ($out, $ok, $st) = Madang::Test::_run_with_stdin(undef, $check, $s->config, 'migrator', 'DO 1; DO 2');
        is $st, 0, "the migrator's connection runs a script" or diag $out;
        is $triggers->(), 'audit_log_no_delete,audit_log_no_update', 'the triggers are still there';
    }
}

$s->stop;
done_testing;
