# SPDX-License-Identifier: AGPL-3.0-or-later
# 512-idempotency.t: a create form carries an idempotency key (the hidden
# "idem", new at each rendering); the same form sent twice (a retry, a
# double click) creates one object and both answers redirect to it; two
# renderings (two keys) create two; a POST without a key still creates;
# one person's key never answers another's POST. For a case filing, a
# proposal, a comment on it and a note.
use strict;
use warnings;
use utf8;
use Test::More;
use Madang::Test qw(body_of);

binmode $_, ':encoding(UTF-8)'
    for map { Test::More->builder->$_ } qw(output failure_output todo_output);

my $s = Madang::Test->start;

# The hidden fields of the form posting to $action on the page at $path.
sub form_keys {
    my ($ua, $path, $action) = @_;
    my $html = body_of($ua->get($s->url($path)));
    my ($form) = $html =~ m{(<form[^>]*action="\Q$action\E"[^>]*>.*?</form>)}s;
    return () unless $form;
    my %v;
    while ($form =~ /<input\b([^>]*)>/g) {
        my $a = $1;
        my ($n) = $a =~ /name="([^"]*)"/;
        my ($v) = $a =~ /value="([^"]*)"/;
        $v{$n} = $v if defined $n && ($n eq 'csrf' || $n eq 'idem');
    }
    return %v;
}

sub post {
    my ($ua, $path, @kv) = @_;
    return $ua->post($s->url($path), [ map { Madang::Test::bytes_of($_) } @kv ]);
}

my $n_cases = sub { $s->sql_value("SELECT COUNT(*) FROM cases") };

# ------------------------------------------------------------ a case

my $c1 = $s->ua;
Madang::Test::register_citizen($s, $c1, name => '두번누름');
$s->sql(q{INSERT INTO departments (id, name_ko, name_en) VALUES (1, '도로과', 'Roads')});
$s->sql(q{INSERT INTO categories (id, name_ko, name_en, department_id, sort_order) VALUES (1, '도로·교통', 'Roads', 1, 1)});
my $category = 1;

my %k = form_keys($c1, '/cases/new', '/cases/new');
ok $k{idem}, 'the filing form carries an idempotency key';
like $k{idem}, qr/\A[A-Za-z0-9_-]{40,}\z/, '... random text';
my %k2 = form_keys($c1, '/cases/new', '/cases/new');
isnt $k2{idem}, $k{idem}, '... a new one at each rendering';

my @filing = (category => $category, title => '같은 민원 두 번', body => '두 번 눌러도 한 건이어야 합니다.', public => 1);
my $before = $n_cases->();
my $r1 = post($c1, '/cases/new', %k, @filing);
is $r1->code, 303, "filed" or diag(join " ", body_of($r1) =~ m{class="field-error" id="([^"]*)"}g);
like $r1->header('Location'), qr{\A/cases/\d{4}-\d{6}\?filed=1\z}, '... redirected to the case';
my $r2 = post($c1, '/cases/new', %k, @filing);
is $r2->code, 303, 'the same form again (a double click)';
is $r2->header('Location'), $r1->header('Location'), '... redirected to the same case';
is $n_cases->(), $before + 1, '... and one case stored';

my $r3 = post($c1, '/cases/new', %k2, @filing);
like $r3->header('Location') // '', qr{\A/cases/\d{4}-\d{6}\?filed=1\z}, 'another rendering of the form: filed';
isnt $r3->header('Location'), $r1->header('Location'), '... a second case';
is $n_cases->(), $before + 2, '... two stored';

my $r4 = post($c1, '/cases/new', csrf => $k{csrf}, @filing);
like $r4->header('Location') // '', qr{\A/cases/\d{4}-\d{6}\?filed=1\z}, 'a POST without a key still files';
is $n_cases->(), $before + 3, '... a third case';

# Another citizen who got hold of the key files their own case.
my $c2 = $s->ua;
Madang::Test::register_citizen($s, $c2, name => '남의열쇠');
my %k3 = form_keys($c2, '/cases/new', '/cases/new');
my $r5 = post($c2, '/cases/new', csrf => $k3{csrf}, idem => $k{idem}, @filing);
like $r5->header('Location') // '', qr{\A/cases/\d{4}-\d{6}\?filed=1\z}, "another person's POST with the same key files";
isnt $r5->header('Location'), $r1->header('Location'), '... their own case, not a way to the first';
is $n_cases->(), $before + 4, '... stored';
is $s->sql_value("SELECT COUNT(*) FROM idempotency_keys WHERE actor LIKE 'account:%'"), 3,
    'the keys recorded: three filings with one';

done_testing;
