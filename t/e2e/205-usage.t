# SPDX-License-Identifier: AGPL-3.0-or-later
# 205-usage.t: usage statistics (issue 12 section 2) on the real stack:
# page views counted per section, two clients against the same client
# twice, search words with digits, e-mail and web addresses never stored,
# a search that found nothing counted apart, the staff inbox's searches,
# the day's salt replaced (and the past day's hashes replaced by their
# number) on a new day, the supervisors' page with charts and its CSV, a
# scoped manager refused, and the public summary off (404) and on.
use strict;
use warnings;
use utf8;
use Test::More;
use Encode qw(decode encode);
use URI::Escape qw(uri_escape_utf8);
use Madang::Test qw(body_of wait_until);
use Madang::Staff qw(signed_in);

binmode $_, ':encoding(UTF-8)' for Test::More->builder->output,
    Test::More->builder->failure_output, Test::More->builder->todo_output;

# Counts are written after each request here (5 s in production).
my $s = Madang::Test->start(seed => 1, config => { 'usage.flush_seconds' => 0 });

sub kst { my ($q) = @_; return $s->sql("SET time_zone = '+09:00'; $q") }
sub kst_value { my ($q) = @_; return $s->sql_value("SET time_zone = '+09:00'; $q") }

sub views {
    my ($section) = @_;
    return kst_value("SELECT IFNULL(SUM(views), 0) FROM usage_views WHERE day = CURDATE() AND section = '$section'");
}
sub visitors_today { kst_value("SELECT COUNT(*) FROM usage_visitor_hashes WHERE day = CURDATE()") }
sub word {
    my ($area, $w, $col) = @_;
    return kst_value("SELECT IFNULL(SUM($col), 0) FROM usage_search_words WHERE day = CURDATE()"
        . " AND area = '$area' AND word = '$w'");
}
# Waits until code's value is want (the worker writes after answering).
sub settles {
    my ($code, $want, $what) = @_;
    my $got;
    wait_until(10, sub { ($got = $code->()) eq $want });
    is $got, $want, $what;
}

# ------------------------------------------------------------ sections

my $a = $s->ua(agent => 'usage-client-a/1');
my $b = $s->ua(agent => 'usage-client-b/1');
my %before = map { $_ => views($_) } qw(home cases proposals debates stats account);
my $visitors = visitors_today();
for my $path ('/', '/cases', '/cases', '/proposals', '/debates', '/stats', '/login') {
    is $a->get($s->url($path))->code, 200, "client A reads $path";
}
my %want = (home => 1, cases => 2, proposals => 1, debates => 1, stats => 1, account => 1);
for my $sec (sort keys %want) {
    settles(sub { views($sec) - $before{$sec} }, $want{$sec}, "$sec: $want{$sec} more page view(s)");
}
is $a->get($s->url('/healthz'))->code, 200, 'the health check answers';
is $a->get($s->url('/no-such-page'))->code, 404, 'a missing page answers 404';
sleep 1;
is views('other'), 0, 'neither the health check nor an error page is a page view';

# ------------------------------------------------------------ visitors

settles(\&visitors_today, $visitors + 1, 'client A is one visitor after seven pages');
$b->get($s->url('/'));
$a->get($s->url('/cases'));
$b->get($s->url('/proposals'));
settles(\&visitors_today, $visitors + 2, 'client B (another browser) is a second one, and only that');
my $stored = join ' ', map { @$_ } $s->sql('SELECT HEX(hash), LENGTH(hash) FROM usage_visitor_hashes');
unlike $stored, qr/127\.0\.0\.1|usage-client/, 'no address or user agent is stored, only 8-byte hashes';
my @cols = map { $_->[0] } $s->sql("SELECT column_name FROM information_schema.columns WHERE table_schema = DATABASE()"
    . " AND table_name LIKE 'usage\\_%'");
ok !(grep { /addr|agent|ip|account/i } @cols), 'no usage table has a column for an address, agent or account';

# ------------------------------------------------------------ searches

my $q = '도로 보도블록. 010-1234-5678 hong@example.com https://x.example/a www.example.org 2026-000001 Road';
my $r = $a->get($s->url('/cases?q=' . uri_escape_utf8($q)));
is $r->code, 200, 'a search of the public list';
settles(sub { word('public', '도로', 'searches') }, 1, '"도로" counted once');
is word('public', '보도블록', 'searches'), 1, '"보도블록." counted without its full stop';
is word('public', 'road', 'searches'), 1, '"Road" counted lower-cased';
my @words = map { $_->[0] } $s->sql('SELECT word FROM usage_search_words');
is_deeply [grep { /\d|@|example|http|www/ } @words], [], 'no word with a digit, an e-mail or a web address is stored';
$a->get($s->url('/cases?page=2&q=' . uri_escape_utf8('도로')));
sleep 1;
is word('public', '도로', 'searches'), 1, 'the next page of the results is not another search';

$r = $a->get($s->url('/cases?q=' . uri_escape_utf8('쯧쯧없는말 zzqqxx')));
like body_of($r), qr/<title>/, 'a search that finds nothing';
settles(sub { word('public', 'zzqqxx', 'zero') }, 1, 'its words are counted as a search that found nothing');
is word('public', 'zzqqxx', 'searches'), 1, '... and as a search';
my $zero_before = word('public', '도로', 'zero');
$r = $a->get($s->url('/cases?q=' . uri_escape_utf8('도로')));
like body_of($r), qr{href="/cases/\d{4}-\d{6}"}, '"도로" alone finds cases';
settles(sub { word('public', '도로', 'searches') }, 2, '... counted as a second search of the word');
is word('public', '도로', 'zero'), $zero_before, '... not as one that found nothing';

my $sup = signed_in($s, 'admin', 'madang-admin-2026');
is $sup->get($s->url('/staff/cases?q=' . uri_escape_utf8('가로등 01012345678')))->code, 200, 'a search of the staff inbox';
settles(sub { word('inbox', '가로등', 'searches') }, 1, 'the inbox search word counted under the inbox');
is word('public', '가로등', 'searches'), 0, '... not under the public list';

# ------------------------------------------------------------ the salt's day

my $salt = $s->sql_value('SELECT HEX(salt) FROM usage_salt');
is kst_value('SELECT day = CURDATE() FROM usage_salt'), 1, "the salt is today's";
# A new day: the salt and the hashes as if written yesterday.
kst('UPDATE usage_salt SET day = CURDATE() - INTERVAL 1 DAY');
my $yesterday_before = kst_value('SELECT IFNULL(SUM(visitors), 0) FROM usage_visitors WHERE day = CURDATE() - INTERVAL 1 DAY');
kst('UPDATE usage_visitor_hashes SET day = CURDATE() - INTERVAL 1 DAY');
my $hashes = kst_value('SELECT COUNT(*) FROM usage_visitor_hashes');
ok $hashes >= 2, "$hashes visitors of 'yesterday'";
$b->get($s->url('/'));
settles(sub { kst_value('SELECT day = CURDATE() FROM usage_salt') }, 1, 'the first count of the new day replaces the salt');
isnt $s->sql_value('SELECT HEX(salt) FROM usage_salt'), $salt, '... with another one';
is kst_value('SELECT COUNT(*) FROM usage_visitor_hashes WHERE day < CURDATE()'), 0, "yesterday's hashes are deleted";
is kst_value('SELECT visitors FROM usage_visitors WHERE day = CURDATE() - INTERVAL 1 DAY'), $yesterday_before + $hashes,
    '... their number kept';
settles(\&visitors_today, 1, 'client B is today\'s first visitor under the new salt');

# ------------------------------------------------------------ the page

$r = $sup->get($s->url('/staff/usage'));
is $r->code, 200, 'a global supervisor reads /staff/usage';
my $html = body_of($r);
is scalar(() = $html =~ /<svg [^>]*role="img"/g), 4, 'four charts (visits, filings, sign-ups, sections)';
like $html, qr{<title id="chart-visits-title">}, 'each with a title';
like $html, qr{<td data-label="[^"]*">도로</td>}, 'the searched word in the table';
my ($zero) = $html =~ m{id="h-words-public-zero">.*?</section>}s ? ($&) : ('');
like $zero, qr/zzqqxx/, 'the zero-result search in its list';
my ($today) = kst_value("SELECT DATE_FORMAT(CURDATE(), '%Y-%m-%d')");
my ($yday) = kst_value("SELECT DATE_FORMAT(CURDATE() - INTERVAL 1 DAY, '%Y-%m-%d')");
like $html, qr{<th scope="row" data-label="[^"]*">\Q$today\E</th>}, "today's row";
my $rows = () = $html =~ m{<tr>\s*<th scope="row" data-label="[^"]*">\d{4}-\d\d-\d\d</th>}g;
is $rows, 30, 'the default period: the last 30 days, one row each';

my $signups = kst_value("SELECT COUNT(*) FROM accounts WHERE kind = 'citizen' AND created_at >= CURDATE()");
is Madang::Test::register_citizen($s, $s->ua(agent => 'usage-signup/1'))->code, 303, 'someone signs up';
$r = $sup->get($s->url("/staff/usage.csv?from=$yday&to=$today"));
is $r->code, 200, 'the CSV';
like $r->header('Content-Disposition'), qr/madang-usage-\Q$yday-$today\E\.csv/, '... named after the period';
my $csv = decode('UTF-8', $r->content);
like $csv, qr/^\x{FEFF}/, '... with a BOM';
my @lines = split /\r\n/, $csv;
is scalar @lines, 3, '... a header and one line per day';
my $views_today = kst_value('SELECT SUM(views) FROM usage_views WHERE day = CURDATE()');
my ($day, $v, $vis) = split /,/, $lines[2];
is $day, $today, "today's line";
ok $v >= $views_today - 2 && $v <= $views_today, "today's page views ($v) as counted";
is $vis, visitors_today(), "today's visitors";
(undef, undef, my $yvis) = split /,/, $lines[1];
is $yvis, $yesterday_before + $hashes, "yesterday's visitors from the kept number";
is((split /,/, $lines[2])[3], $signups + 1, "today's sign-ups, the new one included");
my $filed = kst_value('SELECT COUNT(*) FROM cases WHERE created_at >= CURDATE()');
is((split /,/, $lines[2])[4], $filed, "today's filings from the cases");

is $sup->get($s->url('/staff/usage?from=2026-13-01'))->code, 400, 'a wrong date is refused';

my $choi = signed_in($s, 'road.choi');
is $choi->get($s->url('/staff/usage'))->code, 403, 'a department manager is refused the page';
is $choi->get($s->url('/staff/usage.csv'))->code, 403, '... and the CSV';
my $anon = $s->ua;
is $anon->get($s->url('/staff/usage'))->code, 303, 'someone signed out is sent to sign in';

# ------------------------------------------------------------ the public summary

is $anon->get($s->url('/usage'))->code, 404, 'the public summary is off by default';
sub save_summary {
    my ($on) = @_;
    my $form = Madang::Test::form_as_shown(body_of($sup->get($s->url('/admin/settings'))), '/admin/settings');
    delete $form->{fields}{usage_public_summary};
    return Madang::Test::submit_form($s, $sup, $form, $on ? (usage_public_summary => 1) : ());
}
is save_summary(1)->code, 303, 'a supervisor turns it on';
is $s->sql_value("SELECT value FROM settings WHERE name = 'usage.public_summary'"), '1', '... stored';
like body_of($sup->get($s->url('/admin/settings'))), qr/name="usage_public_summary" value="1"[^>]*checked/,
    '... and shown ticked';
$r = $anon->get($s->url('/usage'));
is $r->code, 200, 'the public summary';
$html = body_of($r);
like $html, qr/<svg [^>]*role="img"/, '... with its chart';
like $html, qr{<td data-label="[^"]*">도로</td>}, '... the most searched words';
unlike $html, qr/zzqqxx/, '... but not the searches that found nothing';
unlike $html, qr/가로등/, '... nor the staff inbox\'s';
is save_summary(0)->code, 303, 'turned off again';
is $anon->get($s->url('/usage'))->code, 404, '... and gone';

# ------------------------------------------------------------ batched writes

# Counts kept an hour in the workers: written when they stop. 45 new
# visitors in one write (more than one statement's 32 rows).
$s->set_config('usage.flush_seconds' => 3600);
$s->restart_web;
my $before_views = kst_value('SELECT IFNULL(SUM(views), 0) FROM usage_views WHERE day = CURDATE()');
my $before_visitors = visitors_today();
$s->ua(agent => "usage-batch/$_")->get($s->url('/debates')) for 1 .. 45;
sleep 1;
is kst_value('SELECT IFNULL(SUM(views), 0) FROM usage_views WHERE day = CURDATE()'), $before_views,
    'the counts stay in the workers for usage.flush_seconds';
$s->restart_web;
settles(sub { kst_value('SELECT IFNULL(SUM(views), 0) FROM usage_views WHERE day = CURDATE()') - $before_views },
    45, 'a worker that stops writes its page views');
is visitors_today() - $before_visitors, 45, '... and its 45 visitors';
unlike $s->log_text, qr/usage counts .* lost/, 'no counts lost';

done_testing;
