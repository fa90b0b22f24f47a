# SPDX-License-Identifier: AGPL-3.0-or-later
# seed-demo-refused-on-production.t: the demo's accounts have published
# passwords, so `madangctl seed-demo` must never load them where real people
# work. It refuses a configuration without demo = 1 (such as one made from
# deploy/madang.hdf.example, which does not point at the seed either) and a
# database that already holds cases, and it loads all or nothing: a seed
# that fails halfway leaves no account behind.
use strict;
use warnings;
use Test::More;
use File::Copy qw(copy);
use Madang::Test;

my $s = Madang::Test->start;
my $dir = $s->dir;

sub slurp { my ($f) = @_; open my $fh, '<', $f or die "$f: $!"; local $/; return scalar <$fh> }

sub spew {
    my ($f, $text) = @_;
    open my $fh, '>', $f or die "$f: $!";
    print {$fh} $text;
    close $fh or die "$f: $!";
}

# The stack's configuration with the demo line changed (or dropped).
sub config_with {
    my ($name, $demo_line, %extra) = @_;
    my $text = slurp($s->config);
    $text =~ s/^demo\s*=.*\n//mg;
    $text .= "$demo_line\n" if defined $demo_line;
    $text .= "$_ = $extra{$_}\n" for sort keys %extra;
    my $file = "$dir/$name.hdf";
    spew($file, $text);
    chmod 0600, $file;
    return $file;
}

sub ctl_with {
    my ($config, @args) = @_;
    return $s->ctl({ config => $config }, @args);
}

my $accounts = sub { $s->sql_value('SELECT COUNT(*) FROM accounts') };
my $demo_rows = sub {
    join ' ', map { $s->sql_value("SELECT COUNT(*) FROM $_") } qw(accounts departments categories cases);
};

like slurp($s->config), qr/^demo = 1$/m, "the test stack's generated configuration is marked as a demo";

# ---------------------------------------------------- the example configuration
{
    my $example = slurp("$Madang::Test::REPO/deploy/madang.hdf.example");
    unlike $example, qr/^\s*seed\s*=/m, 'deploy/madang.hdf.example does not point at the seed';
    unlike $example, qr/^\s*demo\s*=/m, 'and is not marked as a demo';
}

# ---------------------------------------------------- no demo = 1: refused
for my $case ([ 'production', undef, 'without demo = 1' ], [ 'demo0', 'demo = 0', 'with demo = 0' ]) {
    my ($name, $line, $what) = @$case;
    my $before = $demo_rows->();
    my ($out, $status) = ctl_with(config_with($name, $line), 'seed-demo');
    isnt $status, 0, "seed-demo $what: refused (exit $status)";
    like $out, qr/seed-demo refused: this configuration is not a demo one \(demo = 1 is not set\)/,
        'with a message that says why';
    unlike $out, qr/madang-(?:admin|citizen|staff)-2026/, 'and no demo password is printed';
    is $demo_rows->(), $before, 'nothing was loaded';
    is $s->sql_value(q{SELECT COUNT(*) FROM accounts WHERE login_id IN ('admin', 'citizen')}), 0,
        'no demo account exists';
}

# ---------------------------------------------------- all or nothing
# A seed file that fails at its end (after the accounts and the demo rows
# before it): nothing of it stays.
{
    my $seed_dir = "$dir/broken-seed";
    mkdir $seed_dir or die "$seed_dir: $!";
    my $sql = slurp("$Madang::Test::REPO/db/seed/demo.sql");
    spew("$seed_dir/demo.sql", $sql . "\nINSERT INTO no_such_table VALUES (1);\n");
    my $before = $demo_rows->();
    my ($out, $status) = ctl_with(config_with('broken', 'demo = 1', 'db.seed' => $seed_dir), 'seed-demo');
    isnt $status, 0, 'a seed that fails halfway: seed-demo fails';
    like $out, qr/seed-demo failed/, 'and says so';
    is $demo_rows->(), $before, 'and leaves no row behind (accounts, departments, categories, cases)';
    is $s->sql_value(q{SELECT COUNT(*) FROM accounts WHERE login_id IN ('admin', 'citizen')}), 0,
        'in particular no demo account with its published password';
}

# ---------------------------------------------------- a database with cases
{
    $s->sql(q{INSERT INTO departments (id, name_ko, name_en) VALUES (1, '민원과', 'Civil Affairs')});
    $s->sql(q{INSERT INTO categories (id, name_ko, name_en, department_id) VALUES (1, '기타', 'Other', 1)});
    $s->sql(q{INSERT INTO accounts (login_id, password_hash, name, email, kind)
              VALUES ('realperson', 'x', '김주민', 'real@example.org', 'citizen')});
    my $who = $s->sql_value(q{SELECT id FROM accounts WHERE login_id = 'realperson'});
    $s->sql(qq{INSERT INTO cases (tracking_no, category_id, account_id, title, body, is_public, status,
               created_at, updated_at) VALUES ('2026-000001', 1, $who, '가로등 고장', '본문', 0, 'received',
               NOW(), NOW())});
    my $before = $demo_rows->();
    my ($out, $status) = ctl_with($s->config, 'seed-demo');
    isnt $status, 0, 'a demo configuration but a database with a case: refused';
    like $out, qr/seed-demo refused: the database already holds cases \(1\)/, 'with a message that says why';
    is $demo_rows->(), $before, 'nothing was loaded';
    is $s->sql_value(q{SELECT COUNT(*) FROM accounts WHERE login_id IN ('admin', 'citizen')}), 0,
        'no demo account among real people';
}

# ---------------------------------------------------- the help is true
{
    my ($out, $status) = ctl_with($s->config, 'seed-demo', '--help');
    is $status, 0, 'seed-demo --help';
    like $out, qr/demo = 1/, 'names demo = 1';
    like $out, qr/already holds cases/, 'and the refusal of a database with cases';
}

$s->stop;
done_testing;
