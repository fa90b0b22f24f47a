# SPDX-License-Identifier: AGPL-3.0-or-later
# 401-public-home.t: the home page for an anonymous reader with one
# statement (issue 15; lib/reports/public_home.c, migration 0063's
# public_counts kept by triggers). After each change of what the page
# shows (a public case filed, a private one, a proposal added, hidden,
# withdrawn and restored, a debate opened and closed, a community made
# active, unlisted and closed): (1) `madangctl public-view-check` finds the
# kept counts equal to COUNT(*) (and /stats's figures equal to the cases');
# (2) the anonymous home's lists equal those a signed-in citizen gets from
# the full queries; (3) its counts equal COUNT(*) at once (no cache).
# The page is one statement (MariaDB's general log).
use strict;
use warnings;
use utf8;
use Test::More;
use Madang::Test qw(body_of);

binmode $_, ':encoding(UTF-8)'
    for map { Test::More->builder->$_ } qw(output failure_output todo_output);

my $s = Madang::Test->start(seed => 1);
my $citizen = $s->ua;
is Madang::Test::sign_in($s, $citizen, 'citizen', 'madang-citizen-2026')->code, 303, 'the citizen signs in';
# A signed-in reader in no community: the full queries, the same lists.
my $other = $s->ua;
my ($reg) = Madang::Test::register_citizen($s, $other);
is $reg->code, 303, 'another citizen registers (the full queries\' reader)';

# The page's lists: the sections, without the counts in their links.
sub lists_of {
    my ($html) = @_;
    my @sections = $html =~ m{(<section(?: aria-labelledby="home-[a-z]+")?>.*?</section>)}gs;
    my $lists = join "\n", grep { !/class="hero"/ } @sections;
    $lists =~ s{ \(\d+\)</a>}{</a>}g;
    return $lists;
}

my $step = 0;
sub check {
    my ($what) = @_;
    $step++;
    my ($out, $status) = $s->ctl('public-view-check');
    is $status, 0, "after $what: public-view-check finds nothing stale" or diag $out;
    like $out, qr/^home counts stale: 0$/m, "after $what: the home page's counts are kept" or diag $out;
    my $anon = $s->ua->get($s->url('/'));
    is $anon->code, 200, "after $what: the anonymous home";
    my $html = body_of($anon);
    my $full = body_of($other->get($s->url('/')));
    is lists_of($html), lists_of($full), "after $what: its lists equal the full queries'";
    my $cases = $s->sql_value("SELECT COUNT(*) FROM cases WHERE is_public = 1");
    my $props = $s->sql_value("SELECT COUNT(*) FROM proposals WHERE moderation = 'visible' AND state <> 'withdrawn'");
    like $html, qr{<a href="/cases">[^<]* \($cases\)</a>}, "after $what: $cases public cases, at once";
    like $html, qr{<a href="/proposals">[^<]* \($props\)</a>}, "after $what: $props proposals, at once";
    return $html;
}

check('the demo data');

# ------------------------------------------------------------ one statement
{
    my $file = $s->dir . '/general.log';
    unlink $file;
    $s->sql("SET GLOBAL log_output = 'FILE'; SET GLOBAL general_log_file = '$file'; SET GLOBAL general_log = 1");
    my $r = $s->ua->get($s->url('/'));
    $s->sql("SET GLOBAL general_log = 0");
    is $r->code, 200, '/ for the general log';
    my $log = do { local (@ARGV, $/) = ($file); <> // '' };
    # The usage counts' periodic flush (a transaction) is not the page's.
    $log =~ s/\sQuery\s+START TRANSACTION.*?\sQuery\s+COMMIT//s;
    my @q = grep { /\s(Execute|Query)\s/ && !/general_log/ } split /\n/, $log;
    is scalar(@q), 1, 'an anonymous reader\'s home page is one statement' or diag join "\n", @q;
    like $q[0] // '', qr/FROM public_counts/, '... with the kept counts';
}

# ------------------------------------------------------------ cases
my ($tr) = Madang::Test::file_case($s, $citizen, category => 1, title => '홈 화면 시험 공개 민원', public => 1);
my $html = check('a public case filed');
like $html, qr{\Q$tr\E}, '... which the home page lists';
my ($private) = Madang::Test::file_case($s, $citizen, category => 1, title => '홈 화면 시험 비공개', public => 0);
$html = check('a private case filed');
unlike $html, qr{\Q$private\E|홈 화면 시험 비공개}, '... which it does not list';

# ------------------------------------------------------------ proposals
# Written around the application: the triggers count whoever writes.
# (Times by this client's clock, UTC; the application's is KST: a day's
# margin.)
my $author = $s->sql_value("SELECT MIN(id) FROM accounts");
$s->sql("INSERT INTO proposals (author_id, category_id, title, problem, proposal, effect, state, support_count,"
    . " threshold, closes_at, created_at, updated_at) VALUES ($author, 1, '홈 화면 시험 제안', '문제', '제안', '효과',"
    . " 'open', 0, 50, NOW() + INTERVAL 30 DAY, NOW() + INTERVAL 1 DAY, NOW())");
my $pid = $s->sql_value("SELECT MAX(id) FROM proposals");
like check('a proposal added'), qr{홈 화면 시험 제안}, '... which the home page lists';
$s->sql("UPDATE proposals SET moderation = 'hidden' WHERE id = $pid");
unlike check('the proposal hidden'), qr{홈 화면 시험 제안}, '... which it no longer lists';
$s->sql("UPDATE proposals SET moderation = 'visible', state = 'withdrawn' WHERE id = $pid");
unlike check('the proposal restored but withdrawn'), qr{홈 화면 시험 제안}, '... still not listed';
$s->sql("UPDATE proposals SET state = 'open' WHERE id = $pid");
like check('the proposal open again'), qr{홈 화면 시험 제안}, '... listed again';
$s->sql("UPDATE proposals SET support_count = 7 WHERE id = $pid");
check('a support counted');
$s->sql("DELETE FROM proposals WHERE id = $pid");
check('the proposal deleted');

# ------------------------------------------------------------ debates
my $dept = $s->sql_value("SELECT MIN(id) FROM departments");
$s->sql("INSERT INTO debates (title, background, department_id, opens_at, closes_at, created_by, created_at,"
    . " updated_at) VALUES ('홈 화면 시험 토론', '배경', $dept, NOW() - INTERVAL 1 DAY, NOW() + INTERVAL 1 DAY,"
    . " $author, NOW(), NOW())");
my $did = $s->sql_value("SELECT MAX(id) FROM debates");
like check('a debate opened, closing soonest'), qr{홈 화면 시험 토론}, '... which the home page lists';
$s->sql("UPDATE debates SET opens_at = NOW() - INTERVAL 3 DAY, closes_at = NOW() - INTERVAL 2 DAY WHERE id = $did");
unlike check('the debate closed'), qr{홈 화면 시험 토론}, '... which it no longer lists';

# ------------------------------------------------------------ communities
$s->sql("INSERT INTO communities (slug, name, description, template, membership, visibility, member_count,"
    . " created_by, created_at, updated_at, last_activity_at) VALUES ('home-test', '홈 화면 시험 모임', '설명',"
    . " 'study', 'open', 'listed', 2, $author, NOW(), NOW(), NOW() + INTERVAL 1 DAY)");
like check('a community active'), qr{홈 화면 시험 모임}, '... which the home page lists';
$s->sql("UPDATE communities SET member_count = 3 WHERE slug = 'home-test'");
like check('a member joined'), qr{홈 화면 시험 모임}, '... still listed';
$s->sql("UPDATE communities SET visibility = 'unlisted' WHERE slug = 'home-test'");
unlike check('the community unlisted'), qr{홈 화면 시험 모임}, '... no longer listed';
$s->sql("UPDATE communities SET visibility = 'listed', state = 'closed' WHERE slug = 'home-test'");
unlike check('the community closed'), qr{홈 화면 시험 모임}, '... not listed';

# ------------------------------------------------------------ a count out of step is found
$s->sql("UPDATE public_counts SET n = n + 1 WHERE what = 'cases' AND slot = 0");
my ($out, $status) = $s->ctl('public-view-check');
is $status, 1, 'a kept count out of step: public-view-check exits 1';
like $out, qr/home page count of cases: \d+ kept, \d+ counted/, '... and says which';

done_testing;
