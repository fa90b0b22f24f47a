# SPDX-License-Identifier: AGPL-3.0-or-later
# 410-public-cache.t: the anonymous public page cache (issue 15;
# lib/cache/page_cache.h, deploy/nginx/madang.conf, docs/operations.md
# "Public page cache"). An anonymous reader of a public case page (and of
# the public list's first page) gets the file madang-web stored, served by
# nginx (X-Madang-Cache: hit), without a CSRF token or a cookie; each
# language its own; a signed-in reader never; a private case never. Every
# change (an answer, a status, a text hidden by moderation, a text made
# private by its manager, a new case on the list) is seen by the very next anonymous GET
# after the writer's answer, also while other readers race to store the
# old page (0 stale reads).
use strict;
use warnings;
use utf8;
use Test::More;
use LWP::UserAgent;
use POSIX ();
use Madang::Test qw(body_of L forms_of submit_form post_form);
use Madang::Staff qw(signed_in act);

binmode $_, ':encoding(UTF-8)'
    for map { Test::More->builder->$_ } qw(output failure_output todo_output);

my $s = Madang::Test->start(seed => 1, stack_env => { MADANG_PAGE_CACHE => 1 });
my $cache = $s->dir . '/cache/current';

# An anonymous GET: no cookie jar, so no cookie at all unless given.
sub anon {
    my ($path, %h) = @_;
    my $ua = LWP::UserAgent->new(max_redirect => 0, timeout => 30);
    my $r = $ua->get($s->url($path), %h);
    return ($r->code, ($r->header('X-Madang-Cache') // ''), body_of($r), $r);
}
sub status_in { my ($html) = @_; return $html =~ m{<dd><span class="status status-(\w+)">} ? $1 : '' }

# ------------------------------------------------------------ a demo case

my $demo = $s->sql_value("SELECT tracking_no FROM cases WHERE is_public = 1 AND moderation = 'visible'"
    . " AND status IN ('answered', 'closed') ORDER BY id LIMIT 1");
ok $demo, "a public finished demo case ($demo)";
ok !-e "$cache/ko/cases/$demo.html", 'nothing cached before the first reader';
my ($code, $mark, $html1, $r1) = anon("/cases/$demo");
is $code, 200, 'the first anonymous reader gets the page';
is $mark, 'miss', '... from madang-web (X-Madang-Cache: miss)';
ok -f "$cache/ko/cases/$demo.html", '... which stored it';
my ($code2, $mark2, $html2, $r2) = anon("/cases/$demo");
is $mark2, 'hit', 'the next one gets it from nginx (hit)';
is $html2, $html1, '... the same page';
is $r2->header('Content-Type'), 'text/html; charset=utf-8', '... as HTML in UTF-8';
like $r2->header('Content-Security-Policy') // '', qr/default-src 'self'/, '... with the security headers';
is $r2->header('Cache-Control'), 'private, no-store', '... and never kept by the browser';
ok !$r2->header('Set-Cookie'), '... and no cookie';
unlike $html2, qr/name="csrf"/, 'the cached page holds no CSRF token';
like $html2, qr{href="/lang\?lang=en&amp;back=%2Fcases%2F\Q$demo\E"}, '... its language switch is a link';
my $sw = LWP::UserAgent->new(max_redirect => 0)->get($s->url("/lang?lang=en&back=/cases/$demo"));
is $sw->code, 303, 'the link sets the language';
like join(',', $sw->header('Set-Cookie')), qr/\blang=en;/, '... in the cookie';
is $sw->header('Location'), "/cases/$demo", '... and goes back';
isnt((anon("/cases/$demo?x=1"))[1], 'hit', 'a query is never answered from the cache');
# The language map's hash entries (deploy/nginx/madang.conf): a GET or HEAD
# without cookie, query and Accept-Language is found there; nothing else.
my $head = LWP::UserAgent->new(max_redirect => 0, timeout => 30)->head($s->url("/cases/$demo"));
is $head->header('X-Madang-Cache') // '', 'hit', 'a HEAD without cookies is answered from the cache';
my $post = LWP::UserAgent->new(max_redirect => 0, timeout => 30)->post($s->url("/cases/$demo"));
isnt $post->header('X-Madang-Cache') // '', 'hit', 'a POST without cookies never is';
isnt((anon("/cases/$demo", Cookie => 'mdg_session=x'))[1], 'hit', '... nor a GET with a session cookie');
is((anon("/cases/$demo", Referer => 'https://example.org/'))[1], 'hit', 'a Referer changes nothing');

# ------------------------------------------------------------ languages

my ($c_en, $m_en, $h_en) = anon("/cases/$demo", 'Accept-Language' => 'en-US,en;q=0.9,ko;q=0.8');
is $m_en, 'miss', 'English readers have their own page';
like $h_en, qr/<html lang="en">/, '... in English';
(undef, $m_en, $h_en) = anon("/cases/$demo", 'Accept-Language' => 'en-US,en;q=0.9,ko;q=0.8');
is $m_en, 'hit', '... cached';
like $h_en, qr/<html lang="en">/, '... still in English';
my (undef, $m_ko, $h_ko) = anon("/cases/$demo", 'Accept-Language' => 'ko-KR,ko;q=0.9');
is $m_ko, 'hit', 'a Korean reader gets the Korean page';
like $h_ko, qr/<html lang="ko">/, '... in Korean';
(undef, $m_en, $h_en) = anon("/cases/$demo", 'Accept-Language' => 'ko', Cookie => 'lang=en');
is $m_en, 'hit', 'the lang cookie chooses before Accept-Language';
like $h_en, qr/<html lang="en">/, '... English';
(undef, $m_ko, $h_ko) = anon("/cases/$demo", 'Accept-Language' => 'fr;q=0.9, en;q=0.5');
is $m_ko, 'miss', 'weights nginx does not read: madang-web answers';
like $h_ko, qr/<html lang="en">/, '... in the language it picks';

# ------------------------------------------------------------ signed in

my $citizen = $s->ua;
is Madang::Test::sign_in($s, $citizen, 'citizen', 'madang-citizen-2026')->code, 303, 'the citizen signs in';
is((anon("/cases/$demo"))[1], 'hit', 'signing in changes no public page: the cache is kept');
my $r = $citizen->get($s->url("/cases/$demo"));
is $r->code, 200, 'a signed-in reader opens the cached case';
isnt $r->header('X-Madang-Cache') // '', 'hit', '... never from the cache';
like body_of($r), qr{action="/logout"}, '... and sees their own page (sign-out)';
(undef, $mark) = anon("/cases/$demo", Cookie => 'mdg_session=whatever');
isnt $mark, 'hit', 'any session cookie passes the cache by';

# ------------------------------------------------------------ private

my ($priv) = Madang::Test::file_case($s, $citizen, category => 1, title => '비공개 민원입니다', public => 0);
($code, $mark) = anon("/cases/$priv");
is $code, 404, 'a private case is not found by the public';
($code, $mark) = anon("/cases/$priv");
isnt $mark, 'hit', '... nor ever cached';
is $citizen->get($s->url("/cases/$priv"))->code, 200, 'its owner reads it';
ok !-e "$cache/ko/cases/$priv.html", '... and no file holds it';

# ------------------------------------------------------------ changes

my ($list_code, $list_mark) = anon('/cases');
(undef, $list_mark) = anon('/cases');
is $list_mark, 'hit', "the public list's first page is cached";
my ($tr, $id) = Madang::Test::file_case($s, $citizen, category => 1, title => '캐시 시험 보도블록');
my (undef, undef, $list) = anon('/cases');
like $list, qr/\Q$tr\E/, 'a new public case is on the list at once';

my $handler = $s->sql_value("SELECT a.login_id FROM case_handlers h JOIN accounts a ON a.id = h.account_id"
    . " WHERE h.case_id = $id LIMIT 1");
my $h = signed_in($s, $handler);
my ($code3, $mark3, $page) = anon("/cases/$tr");
is status_in($page), 'assigned', 'the new case: assigned';
(undef, $mark3) = anon("/cases/$tr");
isnt $mark3, 'hit', '... not cached while its deadline runs (it turns overdue by the clock)';
is act($s, $h, $tr, 'start')->code, 303, 'the handler starts';
is act($s, $h, $tr, 'answer', text => '보도블록을 고쳤습니다. 캐시답변')->code, 303, '... and answers';
($code3, $mark3, $page) = anon("/cases/$tr");
is status_in($page), 'answered', 'the next anonymous reader sees the answer';
like $page, qr/캐시답변/, '... its text';
(undef, $mark3, $page) = anon("/cases/$tr");
is $mark3, 'hit', '... cached now';

# The citizen closes it.
sub owner_act {
    my ($action, %values) = @_;
    my $p = $citizen->get($s->url("/cases/$tr"));
    my ($f) = grep { ($_->{fields}{action} // '') eq $action } forms_of(body_of($p));
    return $f ? submit_form($s, $citizen, $f, %values) : undef;
}
is owner_act('close')->code, 303, 'the citizen closes it';
($code3, $mark3, $page) = anon("/cases/$tr");
is status_in($page), 'closed', 'the next anonymous reader sees it closed';
(undef, $mark3) = anon("/cases/$tr");
is $mark3, 'hit', '... cached';

# Moderation hides its text, restores it, unpublishes it.
my $choi = signed_in($s, 'road.choi');
sub moderate {
    my ($action) = @_;
    return post_form($s, $choi, '/account', "/staff/moderation/case/$id", action => $action,
        ground => 'personal_data', reason => '다른 사람의 전화번호가 있습니다.');
}
is moderate('hide')->code, 303, 'a moderator hides its text';
(undef, undef, $page) = anon("/cases/$tr");
unlike $page, qr/캐시 시험 보도블록/, 'the next anonymous reader no longer reads it';
anon("/cases/$tr");
is moderate('restore')->code, 303, 'the moderator restores it';
(undef, undef, $page) = anon("/cases/$tr");
like $page, qr/캐시 시험 보도블록/, 'the next anonymous reader reads it again';
(undef, $mark3) = anon("/cases/$tr");
is $mark3, 'hit', '... cached';
# Its manager unpublishes its text (the case's public page keeps a line).
my $up = post_form($s, $choi, '/account', "/staff/cases/$tr/unpublish", ground => 'personal_data',
    reason => '개인정보가 있어 비공개합니다.');
is $up->code, 303, 'the manager makes its text private';
($code3, $mark3, $page) = anon("/cases/$tr");
is $code3, 200, 'the next anonymous reader gets the page';
unlike $page, qr/캐시 시험 보도블록/, '... without the text';
like $page, qr/\Q@{[L('Moderation.CaseLine.hidden')]}\E/, '... with the line instead';

# By hand.
anon("/cases/$demo");
ok -e "$cache/ko/cases/$demo.html", 'a cached page';
is +($s->ctl('cache-purge', $demo))[1], 0, 'madangctl cache-purge TRACKING';
ok !-e "$cache/ko/cases/$demo.html", '... deletes it';
anon("/cases/$demo");
is +($s->ctl('cache-purge', '--all'))[1], 0, 'madangctl cache-purge --all';
ok !-e "$cache/ko/cases/$demo.html", '... deletes everything';
is((anon("/cases/$demo"))[1], 'miss', '... and the next reader fills it again');
opendir my $dh, $s->dir . '/cache' or die "cache dir: $!";
my @trees = sort grep { /^(gen|trash|removing)-/ } readdir $dh;
is scalar(@trees), 1, '... and leaves one tree behind, the current one';
is readlink($s->dir . '/cache/current'), $trees[0], '... which the link names';

# ------------------------------------------------------------ the race

# Readers race to store the page while its owner and the handler change it:
# every read after a writer's answer (and before the next change) must
# show that change: close, reopen, answer. (Without the counter's check
# under the lock, lib/cache/page_cache.c, twenty rounds found stale reads.)
my ($rt, $rid) = Madang::Test::file_case($s, $citizen, category => 1, title => '경쟁 시험');
my $rh = signed_in($s, $s->sql_value("SELECT a.login_id FROM case_handlers h JOIN accounts a"
    . " ON a.id = h.account_id WHERE h.case_id = $rid LIMIT 1"));
is act($s, $rh, $rt, 'start')->code, 303, 'the race case is started';
is act($s, $rh, $rt, 'answer', text => '첫 답변')->code, 303, '... and answered';
$tr = $rt;
my @readers;
for my $n (1 .. 3) {
    my $pid = fork // die "fork: $!";
    if (!$pid) {
        $SIG{$_} = 'DEFAULT' for qw(INT TERM HUP);
        my $ua = LWP::UserAgent->new(timeout => 10);
        my @lang = $n == 2 ? ('Accept-Language' => 'en') : ();
        $ua->get($s->url("/cases/$rt"), @lang) for 1 .. 100000;
        POSIX::_exit(0);
    }
    push @readers, $pid;
}
my ($stale, $reads) = (0, 0);
my $check = sub {
    my ($want, $what) = @_;
    for my $lang ('ko', 'en', 'ko') {
        my (undef, undef, $p) = anon("/cases/$rt", 'Accept-Language' => $lang);
        $reads++;
        if (status_in($p) ne $want) {
            $stale++;
            diag "stale after $what ($lang): " . status_in($p) . " instead of $want";
        }
    }
};
my $cycles = 0;
for my $round (1 .. 20) {
    my $ok = owner_act('close');
    last unless $ok && $ok->code == 303;
    $check->('closed', "close $round");
    $ok = owner_act('reopen', text => "다시 봐 주세요 $round");
    last unless $ok && $ok->code == 303;
    $check->('in_progress', "reopen $round");
    $ok = act($s, $rh, $rt, 'answer', text => "답변 $round");
    last unless $ok && $ok->code == 303;
    $check->('answered', "answer $round");
    $cycles++;
}
kill 'TERM', @readers;
waitpid $_, 0 for @readers;
is $cycles, 20, "twenty rounds of close, reopen and answer while three readers race";
is $stale, 0, "0 stale reads of $reads after the writers' answers";

# ------------------------------------------------------------ map tiles

# nginx's cache location sends a fixed Content-Security-Policy without a
# tile server: with map.tiles set, madang-web stores no page.
$s->set_config('map.tiles' => 'https://tiles.example.org/{z}/{x}/{y}.png');
$s->restart_web;
my ($t_code, $t_mark) = anon("/cases/$demo");
is $t_code, 200, 'with map.tiles set the page is served';
is $t_mark, '', '... by madang-web, not marked for the cache';
ok !-e "$cache/ko/cases/$demo.html", '... and not stored';
isnt((anon("/cases/$demo"))[1], 'hit', '... so the next reader gets it from madang-web too');

done_testing;
