# SPDX-License-Identifier: AGPL-3.0-or-later
# 50-ctl.t: the operator's commands: madangctl's help and exit codes,
# migrate applied once (every table with a primary key, InnoDB but the
# search indexes: Galera's demands), create-admin's checks, seed-demo loaded once (and
# its printed logins working), madang-web --help.
use strict;
use warnings;
use utf8;
use Test::More;
use File::Temp ();
use POSIX ();
use Madang::Test;

my $s = Madang::Test->start;
binmode $_, ':encoding(UTF-8)'
    for map { Test::More->builder->$_ } qw(output failure_output todo_output);
my $build = $s->{build};
my $CTL = "$build/madangctl";

# run(\%opts, @cmd): (stdout, stderr, exit status); stdin from $opts{stdin}.
sub run {
    my $o = ref $_[0] eq 'HASH' ? shift : {};
    my @cmd = @_;
    my ($in, $out, $err) = map { File::Temp->new } 1 .. 3;
    print {$in} $o->{stdin} if defined $o->{stdin};
    close $in;
    my $pid = fork // die "fork: $!";
    if (!$pid) {
        open STDIN, '<', $in->filename or POSIX::_exit(126);
        open STDOUT, '>', $out->filename or POSIX::_exit(126);
        open STDERR, '>', $err->filename or POSIX::_exit(126);
        delete $ENV{MADANG_CONFIG};
        { exec { $cmd[0] } @cmd };
        POSIX::_exit(127);
    }
    waitpid($pid, 0);
    my $status = $? & 127 ? 128 + ($? & 127) : $? >> 8;
    return (Madang::Test::_slurp($out->filename), Madang::Test::_slurp($err->filename), $status);
}

sub ctl { run(@_ && ref $_[0] eq 'HASH' ? (shift) : (), $CTL, '--config', $s->config, @_) }

# ------------------------------------------------------------------- help
{
    my ($out, $err, $st) = run($CTL, '--help');
    is $st, 0, 'madangctl --help exits 0';
    like $out, qr/^Usage: madangctl/m, 'and prints the usage on stdout';
    like $out, qr/^\s+$_\s/m, "naming the command $_" for qw(migrate create-admin seed-demo);
    is $err, '', 'nothing on stderr';
    ($out, undef, $st) = run($CTL, '-h');
    is $st, 0, 'madangctl -h exits 0';
    like $out, qr/^Usage: madangctl/m, 'and prints the usage';

    my %want = (
        migrate        => qr/^Usage: madangctl .*\bmigrate\b.*schema_migrations/s,
        'create-admin' => qr/^Usage: madangctl .*create-admin --login ID --name NAME --email ADDRESS.*standard input/s,
        'seed-demo'    => qr/^Usage: madangctl .*seed-demo.*demo/s,
    );
    for my $cmd (sort keys %want) {
        # Without a configuration or a database: help needs neither.
        ($out, $err, $st) = run($CTL, $cmd, '--help');
        is $st, 0, "madangctl $cmd --help exits 0";
        like $out, $want{$cmd}, "madangctl $cmd --help prints its usage";
        is $err, '', "madangctl $cmd --help: nothing on stderr";
        ($out, $err, $st) = ctl($cmd, '--help');
        is $st, 0, "madangctl --config FILE $cmd --help exits 0 too";
        like $out, $want{$cmd}, '(same usage)';
    }

    ($out, $err, $st) = run($CTL, 'frobnicate');
    is $st, 2, 'an unknown command exits 2';
    like $err, qr/unknown command 'frobnicate'/, 'and says so on stderr';
    like $err, qr/Usage: madangctl/, 'with the usage';
    is $out, '', 'nothing on stdout';
    ($out, $err, $st) = ctl('frobnicate');
    is $st, 2, 'an unknown command exits 2 with a configuration too';
    (undef, $err, $st) = run($CTL);
    is $st, 2, 'no command exits 2';
    like $err, qr/Usage: madangctl/, 'with the usage';
    (undef, $err, $st) = run($CTL, '--bogus-option', 'migrate');
    is $st, 2, 'an unknown option exits 2';

    ($out, $err, $st) = run("$build/madang-web", '--help');
    is $st, 0, 'madang-web --help exits 0';
    like $out, qr/^Usage: madang-web/m, 'and prints its usage';
    like $out, qr/--config/, 'naming --config';
    (undef, $err, $st) = run("$build/madang-web", '--bogus-option');
    is $st, 2, 'madang-web with an unknown option exits 2';
}

# ---------------------------------------------------------------- migrate
{
    my @files = glob "$Madang::Test::REPO/db/migrations/[0-9][0-9][0-9][0-9]_*.sql";
    ok scalar @files, 'there are migrations';
    is $s->sql_value('SELECT COUNT(*) FROM schema_migrations'), scalar @files,
        'the stack start applied each migration once (one row each)';
    my ($out, $err, $st) = ctl('migrate');
    is $st, 0, 'madangctl migrate a second time exits 0' or diag $err;
    like $out, qr/^migrations applied: 0$/m, 'and applies 0';
    is $s->sql_value('SELECT COUNT(*) FROM schema_migrations'), scalar @files, 'no row added';

    # What a Galera cluster demands of the schema (docs/operations.md, "A
    # Galera cluster"): a primary key on every table (rows are certified
    # and applied by key), InnoDB (only its rows replicate). The three
    # Mroonga search indexes are the known exception: each node keeps its
    # own (see there).
    my @no_key = map { $_->[0] } $s->sql(
        "SELECT t.table_name FROM information_schema.tables t WHERE t.table_schema = 'madang'"
        . " AND t.table_type = 'BASE TABLE' AND NOT EXISTS (SELECT 1 FROM information_schema.table_constraints c"
        . " WHERE c.table_schema = t.table_schema AND c.table_name = t.table_name"
        . " AND c.constraint_type = 'PRIMARY KEY') ORDER BY 1");
    is_deeply \@no_key, [], 'after the migrations every table has a primary key';
    my @engines = map { "$_->[0] $_->[1]" } $s->sql(
        "SELECT table_name, engine FROM information_schema.tables WHERE table_schema = 'madang'"
        . " AND table_type = 'BASE TABLE' AND engine <> 'InnoDB' ORDER BY 1");
    is_deeply \@engines, ['case_search Mroonga', 'community_post_search Mroonga', 'proposal_search Mroonga'],
        'every table is InnoDB but the three search indexes';
}

# ----------------------------------------------------------- create-admin
{
    my $accounts = sub { $s->sql_value('SELECT COUNT(*) FROM accounts') };
    my $n0 = $accounts->();
    my @who = ('--login', 'chief.admin', '--name', '관리책임자', '--email', 'chief@madang.example');
    my $pw = 'Chief-admin-pass-5821';

    my %bad = (
        'a common password'      => [ { stdin => "1q2w3e4r5t\n" }, @who ],
        'a common password (2)'  => [ { stdin => "Password123\n" }, @who ],
        'a short password'       => [ { stdin => "Sh0rt-pw\n" }, @who ],
        'no password on stdin'   => [ { stdin => '' }, @who ],
        'an invalid login ID'    => [ { stdin => "$pw\n" }, '--login', 'Chief Admin', @who[2 .. 5] ],
        'a too short login ID'   => [ { stdin => "$pw\n" }, '--login', 'ab', @who[2 .. 5] ],
        'an invalid e-mail'      => [ { stdin => "$pw\n" }, @who[0 .. 3], '--email', 'chief-at-madang' ],
        'no --name'              => [ { stdin => "$pw\n" }, @who[0, 1, 4, 5] ],
    );
    for my $what (sort keys %bad) {
        my ($opt, @args) = @{ $bad{$what} };
        my ($out, $err, $st) = ctl($opt, 'create-admin', @args);
        isnt $st, 0, "create-admin refuses $what (exit $st)";
        like $err, qr/\S/, "and says why on stderr";
        is $accounts->(), $n0, 'nothing stored';
    }
    my ($out, $err) = (ctl({ stdin => "1q2w3e4r5t\n" }, 'create-admin', @who))[0, 1];
    like $err, qr/at least 10 characters and not be a common one/, 'the weak-password message';
    ($out, $err) = (ctl({ stdin => "$pw\n" }, 'create-admin', '--login', 'Chief Admin', @who[2 .. 5]))[0, 1];
    like $err, qr/invalid login ID/, 'the login-ID message';

    my $st;
    ($out, $err, $st) = ctl({ stdin => "$pw\n" }, 'create-admin', @who);
    is $st, 0, 'create-admin with good values exits 0' or diag $err;
    like $out, qr/^administrator created: chief\.admin \(id \d+\)$/m, 'and says so';
    unlike $out . $err, qr/\Q$pw\E/, 'the password is not echoed';
    my @row = @{ ($s->sql("SELECT id, kind, name, email, password_hash FROM accounts"
        . " WHERE login_id = 'chief.admin'"))[0] // [] };
    is_deeply [ @row[1 .. 3] ], [ 'staff', '관리책임자', 'chief@madang.example' ], 'a staff account';
    is $s->sql_value("SELECT GROUP_CONCAT(role) FROM staff_roles WHERE account_id = " . ($row[0] // 0)),
        'sysadmin', 'with the administrator role';
    like $row[4] // '', qr/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/, 'its password hashed with argon2id';
    my $r = Madang::Test::sign_in($s, $s->ua, 'chief.admin', $pw);
    is $r->code, 303, 'the administrator signs in';
    like $r->header('Location') // '', qr{^/staff/cases}, 'to the staff pages';

    my $n1 = $accounts->();
    ($out, $err, $st) = ctl({ stdin => "$pw\n" }, 'create-admin', @who);
    is $st, 1, 'the same login ID again: refused (exit 1)';
    like $err, qr/login ID is already taken/, 'and says so';
    ($out, $err, $st) = ctl({ stdin => "$pw\n" }, 'create-admin', '--login', 'other.admin',
        @who[2, 3], '--email', 'CHIEF@madang.example');
    is $st, 1, 'the same e-mail (in capitals) again: refused (exit 1)';
    like $err, qr/e-mail is already taken/, 'and says so';
    is $accounts->(), $n1, 'nothing stored twice';
}

# -------------------------------------------------------------- seed-demo
{
    my $counts = sub {
        return join ' ', map { $s->sql_value("SELECT COUNT(*) FROM $_") }
            qw(accounts cases departments categories staff_roles);
    };
    my $before = $counts->();
    my ($out1, $err1, $st1) = ctl('seed-demo');
    is $st1, 0, 'seed-demo exits 0' or diag $err1;
    like $out1, qr/demo data loaded/, 'and loads the demo';
    my $ncases = $s->sql_value('SELECT COUNT(*) FROM cases');
    cmp_ok $ncases, '>=', 40, "about 50 demo cases ($ncases)";
    my $after1 = $counts->();
    isnt $after1, $before, 'rows were added';
    my %login = $out1 =~ /^(?:supervisor|citizen): (\S+) \/ (\S+)$/mg;
    is_deeply [ sort keys %login ], [qw(admin citizen)], 'it prints the demo logins';

    my ($out2, $err2, $st2) = ctl('seed-demo');
    is $st2, 0, 'seed-demo a second time exits 0' or diag $err2;
    like $out2, qr/already loaded/, 'and says the demo is already there';
    is $counts->(), $after1, 'nothing was loaded twice (accounts, cases, departments, ...)';
    my %login2 = $out2 =~ /^(?:supervisor|citizen): (\S+) \/ (\S+)$/mg;
    is_deeply \%login2, \%login, 'it prints the same demo logins';

    my $r = Madang::Test::sign_in($s, $s->ua, 'citizen', $login{citizen} // '');
    is $r->code, 303, 'the printed citizen login works';
    like $r->header('Location') // '', qr{^/my/cases}, '(to My cases)';
    $r = Madang::Test::sign_in($s, $s->ua, 'admin', $login{admin} // '');
    is $r->code, 303, 'the printed supervisor login works';
    like $r->header('Location') // '', qr{^/staff/cases}, '(to the staff pages)';
}

ok $s->stop, 'stack stops cleanly';
done_testing;
