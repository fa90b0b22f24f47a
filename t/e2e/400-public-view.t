# SPDX-License-Identifier: AGPL-3.0-or-later
# 400-public-view.t: a public case's page kept ready (issue 15; case_public,
# migration 0057, lib/cases/public_view.c). An anonymous reader's
# /cases/{tracking} is read from the case's row with one statement; every
# change the page shows rebuilds the row in its own transaction. Cases are
# driven through every change the life cycle allows (filing with a place
# and an attachment, start, extension, answer, closing, reopening, transfer
# and sending back, assignment, the approval flow with a returned answer, a
# compound case with its joint part, re-filing, withdrawal, a rating and
# its callback (Madang::Lifecycle, shared with 201-counters.t),
# hiding and restoring by moderation, unpublishing its text and publishing
# it again, escalation by `madangctl tick`, renamed category and
# department, anonymisation by retention). After each step:
# (1) `madangctl public-view-check` finds every row equal to what the full
# queries give now, and no public case without one; (2) the anonymous page
# (from the row) shows the same case, facts and timeline as the page a
# signed-in citizen who is not the filer gets (the full queries); (3) the
# anonymous page shows what the step changed.
use strict;
use warnings;
use utf8;
use Test::More;
use Encode ();
use HTTP::Headers;
use Madang::Test qw(body_of forms_of submit_form post_form text_of);
use Madang::Lifecycle;
use Madang::Staff qw(signed_in act);

binmode $_, ':encoding(UTF-8)'
    for map { Test::More->builder->$_ } qw(output failure_output todo_output);

my $s = Madang::Test->start(seed => 1);

# The life cycle (Madang::Lifecycle), check() after every step.
my $life = Madang::Lifecycle->new($s, check => \&check);
# A signed-in reader who is neither the filer nor staff: the full queries.
my $other = $s->ua;
my ($reg) = Madang::Test::register_citizen($s, $other);
is $reg->code, 303, 'another citizen registers (the full queries\' reader)';

# What the page shows of the case: the article without the follow box
# (offered to signed-in citizens only).
sub case_part {
    my ($html) = @_;
    my ($article) = $html =~ m{(<article class="case">.*?</article>)}s;
    $article //= '';
    $article =~ s{<section aria-labelledby="follow-h".*?</section>}{}s;
    $article =~ s{>\s+<}{><}g; # the box leaves its blank lines
    return $article;
}

# The reader's language (the cookie; a signed-in reader's account too).
sub in_lang {
    my ($ua, $lang) = @_;
    my $r = post_form($s, $ua, '/', '/lang', lang => $lang, back => '/');
    is $r->code, 303, "the reader picks $lang" unless $r->code == 303;
}

my @tracked;
my $step = 0;
sub check {
    my ($what, %expect) = @_;
    $step++;
    my ($out, $status) = $s->ctl('public-view-check');
    is $status, 0, "after $what: every row equals the full queries (public-view-check)" or diag $out;
    like $out, qr/^public cases without a row: 0$/m, "after $what: every public case has its rows" or diag $out;
    like $out, qr/^statistics figures stale: 0$/m, "after $what: /stats's figures (the counters) equal the cases'" or diag $out;
    for my $tr (@tracked, $life->tracked) {
        for my $lang (qw(ko en)) {
            my $anon = $s->ua;
            in_lang($_, $lang) for $anon, $other;
            my $r = $anon->get($s->url("/cases/$tr"));
            is $r->code, 200, "after $what: $tr ($lang) opens for an anonymous reader";
            my $from_row = case_part(body_of($r));
            my $full = case_part(body_of($other->get($s->url("/cases/$tr"))));
            isnt $from_row, '', "... its article";
            is $from_row, $full, "... the same as the full queries give a signed-in reader";
        }
    }
    my $anon = $s->ua;
    for my $tr (keys %expect) {
        my $text = text_of(body_of($anon->get($s->url("/cases/$tr"))));
        for my $e (@{ $expect{$tr} }) {
            if ($e =~ s/^!//) { unlike $text, qr/\Q$e\E/, "after $what: the anonymous page of $tr no longer shows $e" }
            else              { like $text, qr/\Q$e\E/, "after $what: the anonymous page of $tr shows $e" }
        }
    }
}

is $s->sql_value("SELECT COUNT(*) FROM cases WHERE is_public = 1")
    * 2, $s->sql_value("SELECT COUNT(*) FROM case_public"), 'seed-demo built a row per public case and language';
push @tracked, $s->sql_value("SELECT tracking_no FROM cases WHERE is_public = 1 ORDER BY id LIMIT 1");
check('the demo data');
like scalar $s->ctl('public-view-rebuild'), qr/^public case pages built: \d+$/m, 'public-view-rebuild says how many';

# ------------------------------------------------------------ the statements of a page
# One statement for an anonymous reader (MariaDB's general log, for the
# session of the worker that served it).
sub statements_of {
    my ($path) = @_;
    my $file = $s->dir . '/general.log';
    unlink $file;
    $s->sql("SET GLOBAL log_output = 'FILE'; SET GLOBAL general_log_file = '$file'; SET GLOBAL general_log = 1");
    my $r = $s->ua->get($s->url($path));
    $s->sql("SET GLOBAL general_log = 0");
    is $r->code, 200, "$path for the general log";
    # The usage counts' periodic flush (a transaction) is not the page's.
    my $log = do { local (@ARGV, $/) = ($file); <> // '' };
    $log =~ s/\sQuery\s+START TRANSACTION.*?\sQuery\s+COMMIT//s;
    return grep { /\s(Execute|Query)\s/ && !/general_log/ } split /\n/, $log;
}
{
    my @q = statements_of("/cases/$tracked[0]");
    is scalar(@q), 1, 'an anonymous reader\'s case page is one statement' or diag join "\n", @q;
    like $q[0] // '', qr/FROM case_public/, '... on case_public';
    @q = statements_of('/cases');
    is scalar(@q), 1, 'the public list (categories, count, page) is one statement' or diag join "\n", @q;
    @q = statements_of('/stats');
    is scalar(@q), 1, 'the statistics (years, departments, figures, debates, proposals) are one statement' or diag join "\n", @q;
    like $q[0] // '', qr/FROM case_counts_month/, '... on the reports\' counters';
}

# ------------------------------------------------------------ moderation: hide, restore, unpublish
sub post { my ($ua, $path, @fields) = @_; return post_form($s, $ua, '/account', $path, @fields) }
sub acted { my ($r, $what) = @_; is $r && $r->code, 303, $what or diag($r ? substr(body_of($r), 0, 300) : 'no form') }
sub moderation {
    my ($a_tr, $a_id) = $life->case('a');
    my ($b_tr) = $life->case('b');
    my $choi = $life->ua('road.choi');
    acted(post($choi, "/staff/moderation/case/$a_id", action => 'hide', ground => 'personal_data',
        reason => '개인정보가 있습니다'), 'the moderator hides a case');
    check('hiding', $a_tr => ['!보도 블록이 깨졌습니다']);
    acted(post($choi, "/staff/moderation/case/$a_id", action => 'restore'), 'the moderator restores it');
    check('restoring', $a_tr => ['보도 블록이 깨졌습니다']);
    acted(post($choi, "/staff/cases/$b_tr/unpublish", ground => 'personal_data', reason => '개인정보'),
        'unpublishing a case\'s text');
    check('unpublishing', $b_tr => ['!신호등 버튼이 눌리지 않습니다']);
    acted(post($choi, "/staff/cases/$b_tr/unpublish", restore => 1), 'publishing it again');
    check('publishing again', $b_tr => ['신호등 버튼이 눌리지 않습니다']);
}
# Every step, the moderation's before the escalation.
$life->drive(before_escalation => \&moderation);
my ($a_tr, $a_id) = $life->case('a');
my ($b_tr) = $life->case('b');

# ------------------------------------------------------------ renamed category and department
{
    my $html = body_of($life->ua('admin')->get($s->url('/admin/categories/1')));
    my $form = Madang::Test::form_as_shown($html, '/admin/categories/1');
    acted(submit_form($s, $life->ua('admin'), $form, name_ko => '도로와 보도', name_en => 'Roads and pavements'),
        'the category is renamed');
    is $s->sql_value("SELECT COUNT(*) FROM case_public p JOIN cases c ON c.id = p.case_id WHERE c.category_id = 1"), 0,
        '... its cases\' rows are gone in its transaction';
    $html = body_of($life->ua('admin')->get($s->url('/admin/departments/5')));
    $form = Madang::Test::form_as_shown($html, '/admin/departments/5');
    acted(submit_form($s, $life->ua('admin'), $form, name_ko => '교통정책과', name_en => 'Traffic Policy'),
        'a department is renamed');
    # The first anonymous reader of each builds its row again.
    $s->ua->get($s->url("/cases/$_")) for @tracked, $life->tracked;
    $s->ua->get($s->url("/cases/$_")) for map { $_->[0] } $s->sql("SELECT tracking_no FROM cases WHERE is_public = 1");
    check('renaming', $a_tr => ['도로와 보도'], $b_tr => ['교통정책과']);
}

# ------------------------------------------------------------ anonymisation by retention
$s->sql("UPDATE cases SET closed_at = NOW() - INTERVAL 6 YEAR, status = 'closed' WHERE id = $a_id");
my ($out) = $s->ctl('public-view-check', $a_tr);
like $out, qr/differs/, 'a change written around the application is found by public-view-check';
($out, my $status) = $s->ctl('retention');
is $status, 0, 'madangctl retention anonymises the long-closed case' or diag $out;
is $s->sql_value("SELECT anonymised_at IS NOT NULL FROM cases WHERE id = $a_id"), 1, '... it is anonymised';
check('anonymisation');

# ------------------------------------------------------------ the public list's rows
# Values at the edge of the worker's fetch buffer (256 bytes, DB_INLINE in
# lib/db/db.c: a shorter value is copied from it, a longer one fetched
# again) come back whole; a held title and a closed account's name show
# as the list's reader marks them (hidden, closed), in both languages.
{
    my @newest = map { $_->[0] } $s->sql("SELECT id FROM cases WHERE is_public = 1 ORDER BY created_at DESC, id DESC LIMIT 6");
    my %tr = map { $_ => $s->sql_value("SELECT tracking_no FROM cases WHERE id = $_") } @newest;
    # 255, 256 and 257 bytes in UTF-8, and 600 (200 characters, the most).
    my %title = ($newest[0] => '가' x 85, $newest[1] => ('나' x 85) . 'a', $newest[2] => ('다' x 85) . 'ab',
                 $newest[3] => '라' x 200);
    is length(Encode::encode('UTF-8', $title{$newest[$_]})), (255, 256, 257, 600)[$_], "a title of ${\ (255, 256, 257, 600)[$_]} bytes"
        for 0 .. 3;
    $s->sql("UPDATE cases SET title = '$title{$_}', moderation = 'visible' WHERE id = $_") for keys %title;
    $s->sql("UPDATE cases SET moderation = 'held' WHERE id = $newest[4]");
    $s->sql("UPDATE accounts a JOIN cases c ON c.account_id = a.id SET a.closed_at = NOW() WHERE c.id = $newest[5]");
    for my $lang (qw(ko en)) {
        my %L = %{ Madang::Test::lang_strings($lang) };
        my $ua = $s->ua(default_headers => HTTP::Headers->new('Accept-Language' => $lang));
        my $html = body_of($ua->get($s->url('/cases')));
        # A row: from its tracking number's link to the end of the row.
        my %row = map { $_ => ($html =~ m{(<a href="/cases/$tr{$_}">(?:(?!</tr>).)*)}s)[0] // '' } @newest;
        like $row{$_}, qr{^<a href="/cases/$tr{$_}">\Q$title{$_}\E</a>}, "$lang: the title of case $tr{$_} whole"
            for @newest[0 .. 3];
        like $row{$newest[4]}, qr{^<a href="/cases/$tr{$newest[4]}">\Q$L{'Moderation.TitleHidden'}\E</a>},
            "$lang: a held case's title is not shown";
        like $row{$newest[5]}, qr{<td data-label="\Q$L{'Col.Filer'}\E">\Q$L{FormerMember}\E</td>},
            "$lang: a closed account's name is not shown";
        unlike $row{$newest[0]}, qr{\Q$L{FormerMember}\E|\Q$L{'Moderation.TitleHidden'}\E}, "$lang: ... nor said of others"
            unless $s->sql_value("SELECT a.closed_at IS NOT NULL FROM cases c JOIN accounts a ON a.id = c.account_id WHERE c.id = $newest[0]");
        # The list's table is case_macros.cs's case_table written out
        # (portal/cases.cs); the home page still calls case_table: the
        # rows both show must stay the same bytes.
        my ($list_table) = $html =~ m{(<table class="cases">.*?</table>)}s;
        my ($home_table) = body_of($ua->get($s->url('/'))) =~ m{(<table class="cases">.*?</table>)}s;
        my @list_rows = ($list_table // '') =~ m{(<tr>.*?</tr>)}gs;
        my @home_rows = ($home_table // '') =~ m{(<tr>.*?</tr>)}gs;
        cmp_ok scalar(@home_rows), '>', 6, "$lang: the home page shows the newest cases (@{[ scalar @home_rows ]} rows)";
        is_deeply [@list_rows[0 .. $#home_rows]], \@home_rows,
            "$lang: ... in the same bytes as the list's first rows (the header and the marked rows above included)";
    }
}

done_testing;
