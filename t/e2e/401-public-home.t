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
# A signed-in reader in no community gets the same lists from the full
# queries; they file the cases too.
my $other = $s->ua;
is scalar(Madang::Test::register_citizen($s, $other))->code, 303, 'a citizen registers';

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
my ($tr) = Madang::Test::file_case($s, $other, category => 1, title => '홈 화면 시험 공개 민원', public => 1);
my $html = check('a public case filed');
like $html, qr{\Q$tr\E}, '... which the home page lists';
my ($private) = Madang::Test::file_case($s, $other, category => 1, title => '홈 화면 시험 비공개', public => 0);
$html = check('a private case filed');
unlike $html, qr{\Q$private\E|홈 화면 시험 비공개}, '... which it does not list';

# ------------------------------------------------------------ proposals, debates, communities
# Written around the application: the triggers count whoever writes.
# (Times by this client's clock, UTC; the application's is KST: a day's
# margin.)
my $author = $s->sql_value("SELECT MIN(id) FROM accounts");
$s->sql("INSERT INTO proposals (author_id, category_id, title, problem, proposal, effect, state, support_count,"
    . " threshold, closes_at, created_at, updated_at) VALUES ($author, 1, '홈 화면 시험 제안', '문제', '제안', '효과',"
    . " 'open', 0, 50, NOW() + INTERVAL 30 DAY, NOW() + INTERVAL 1 DAY, NOW())");
my $pid = $s->sql_value("SELECT MAX(id) FROM proposals");
my $dept = $s->sql_value("SELECT MIN(id) FROM departments");
my @steps = (
    # [what, the change, the item's title, listed after it]
    ['a proposal added', undef, '홈 화면 시험 제안', 1],
    ['the proposal hidden', "UPDATE proposals SET moderation = 'hidden' WHERE id = $pid", '홈 화면 시험 제안', 0],
    ['the proposal restored but withdrawn',
        "UPDATE proposals SET moderation = 'visible', state = 'withdrawn' WHERE id = $pid", '홈 화면 시험 제안', 0],
    ['the proposal open again', "UPDATE proposals SET state = 'open' WHERE id = $pid", '홈 화면 시험 제안', 1],
    ['a support counted', "UPDATE proposals SET support_count = 7 WHERE id = $pid", '홈 화면 시험 제안', 1],
    ['the proposal deleted', "DELETE FROM proposals WHERE id = $pid", '홈 화면 시험 제안', 0],
    ['a debate opened, closing soonest', "INSERT INTO debates (title, background, department_id, opens_at,"
        . " closes_at, created_by, created_at, updated_at) VALUES ('홈 화면 시험 토론', '배경', $dept,"
        . " NOW() - INTERVAL 1 DAY, NOW() + INTERVAL 1 DAY, $author, NOW(), NOW())", '홈 화면 시험 토론', 1],
    ['the debate closed', "UPDATE debates SET opens_at = NOW() - INTERVAL 3 DAY, closes_at = NOW() - INTERVAL 2 DAY"
        . " WHERE title = '홈 화면 시험 토론'", '홈 화면 시험 토론', 0],
    ['a community active', "INSERT INTO communities (slug, name, description, template, membership, visibility,"
        . " member_count, created_by, created_at, updated_at, last_activity_at) VALUES ('home-test', '홈 화면 시험 모임',"
        . " '설명', 'study', 'open', 'listed', 2, $author, NOW(), NOW(), NOW() + INTERVAL 1 DAY)", '홈 화면 시험 모임', 1],
    ['a member joined', "UPDATE communities SET member_count = 3 WHERE slug = 'home-test'", '홈 화면 시험 모임', 1],
    ['the community unlisted', "UPDATE communities SET visibility = 'unlisted' WHERE slug = 'home-test'",
        '홈 화면 시험 모임', 0],
    ['the community closed', "UPDATE communities SET visibility = 'listed', state = 'closed' WHERE slug = 'home-test'",
        '홈 화면 시험 모임', 0],
);
for my $step (@steps) {
    my ($what, $change, $title, $listed) = @$step;
    $s->sql($change) if $change;
    $html = check($what);
    is scalar($html =~ /\Q$title\E/), !!$listed, "... which lists $title: " . ($listed ? 'yes' : 'no');
}

# ------------------------------------------------------------ a count out of step is found
$s->sql("UPDATE public_counts SET n = n + 1 WHERE what = 'cases' AND slot = 0");
my ($out, $status) = $s->ctl('public-view-check');
is $status, 1, 'a kept count out of step: public-view-check exits 1';
like $out, qr/home page count of cases: \d+ kept, \d+ counted/, '... and says which';

done_testing;
