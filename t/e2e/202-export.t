# SPDX-License-Identifier: AGPL-3.0-or-later
# 202-export.t: the raw-row exports of the managers' report
# (/staff/reports/rows.csv and .xlsx): one line per case the filters
# select, the same cases as the page's "received" total and as SQL
# counts them, the XLSX read back with openpyxl, the columns checked
# against the database (department, handlers, status, deadline, answer,
# lateness), formula-like names neutralised, a department manager's
# scope, bad filters refused, no temporary file left behind.
use strict;
use warnings;
use utf8;
use Test::More;
use Encode qw(decode);
use Madang::Test qw(body_of xlsx_rows);
use Madang::Staff qw(signed_in);

binmode $_, ':encoding(UTF-8)' for Test::More->builder->output,
    Test::More->builder->failure_output, Test::More->builder->todo_output;

my $s = Madang::Test->start(seed => 1);
my $L = Madang::Test::lang_strings('ko');
my @COLS = qw(tracking filed department handlers category channel status kind due answered late workdays);

sub kst { my ($q) = @_; return $s->sql("SET time_zone = '+09:00'; $q") }
sub kst_value { my ($q) = @_; return $s->sql_value("SET time_zone = '+09:00'; $q") }

# The page's total of cases received (the export's line count).
sub page_total {
    my ($ua, $query) = @_;
    my $r = $ua->get($s->url("/staff/reports?$query"));
    my ($n) = body_of($r) =~ m{<tr class="total">.*?<td data-label="[^"]*">(\d+)</td>}s;
    return ($r->code, $n // 0);
}

# The CSV's lines, each split into its cells (no cell here holds a comma
# or a quote but the one made so, checked apart).
sub csv_rows {
    my ($bytes) = @_;
    my $csv = decode('UTF-8', substr($bytes, 3));
    return map { [split /,/, $_, -1] } split /\r\n/, $csv;
}

my $today = kst_value("SELECT CURDATE()");
my $from = kst_value("SELECT DATE_FORMAT(MIN(created_at), '%Y-%m-%d') FROM cases");
my $until = kst_value("SELECT CURDATE() + INTERVAL 1 DAY");
my $period = "c.created_at >= '$from' AND c.created_at < '$until'";
my $sup = signed_in($s, 'admin', 'madang-admin-2026');

# ------------------------------------------------------------ every case

my $q = "from=$from&to=$today";
my ($code, $total) = page_total($sup, $q);
is $code, 200, 'the report page';
ok $total > 0, "... received $total cases";
like body_of($sup->get($s->url("/staff/reports?$q"))),
    qr{href="/staff/reports/rows\.csv\?from=\Q$from\E&amp;to=\Q$today\E&amp;group=department"},
    '... links the rows\' CSV with its filters';

my $r = $sup->get($s->url("/staff/reports/rows.csv?$q"));
is $r->code, 200, 'rows as CSV';
like $r->header('Content-Type'), qr{^text/csv; charset=utf-8}, '... as CSV';
like $r->header('Content-Disposition'), qr{attachment; filename="madang-cases-\Q$from-$today\E\.csv"}, '... a download';
is substr($r->content, 0, 3), "\xEF\xBB\xBF", '... starting with the BOM';
my @csv = csv_rows($r->content);
is_deeply $csv[0], [map { $L->{"Analysis.RowCol.$_"} } @COLS], '... headed in Korean';
shift @csv;
is scalar @csv, $total, '... one line per case the page counts';
my %sql = map { $_->[0] => $_ } kst("SELECT c.tracking_no, DATE_FORMAT(c.created_at, '%Y-%m-%d %H:%i'),"
    . " IFNULL(d.name_ko, ''), c.status, IFNULL(DATE_FORMAT(c.due_at, '%Y-%m-%d %H:%i'), ''),"
    . " IFNULL(DATE_FORMAT(c.answered_at, '%Y-%m-%d %H:%i'), ''),"
    . " IF(c.answered_at IS NULL, '', IF(c.answered_at > c.due_at, '1', '0')),"
    . " IFNULL((SELECT GROUP_CONCAT(a.name ORDER BY a.name SEPARATOR ', ') FROM case_handlers h"
    . "  JOIN accounts a ON a.id = h.account_id WHERE h.case_id = c.id), '')"
    . " FROM cases c LEFT JOIN departments d ON d.id = c.department_id WHERE $period");
is_deeply [sort map { $_->[0] } @csv], [sort keys %sql], '... the cases SQL finds, each once';
my @ids = map { $_->[0] } kst("SELECT c.tracking_no FROM cases c WHERE $period ORDER BY c.id");
is_deeply [map { $_->[0] } @csv], \@ids, '... in filing order';
my ($bad) = grep {
    my $e = $sql{ $_->[0] };
    $_->[1] ne $e->[1] || $_->[2] ne $e->[2] || $_->[3] ne $e->[7] || $_->[6] ne $L->{"Status.$e->[3]"}
        || $_->[8] ne $e->[4] || $_->[9] ne $e->[5] || $_->[10] ne $e->[6]
} @csv;
ok !$bad, '... each with its filing, department, handlers, status, deadline, answer and lateness'
    or diag explain $bad;
my @answered = grep { $_->[9] ne '' } @csv;
ok @answered, '... some answered';
is scalar(grep { $_->[11] !~ /^\d+$/ } @answered), 0, '... with their working days';
is scalar(grep { $_->[11] ne '' } grep { $_->[9] eq '' } @csv), 0, '... and none for the open ones';

$r = $sup->get($s->url("/staff/reports/rows.xlsx?$q"));
is $r->code, 200, 'rows as XLSX';
is $r->header('Content-Type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', '... as XLSX';
like $r->header('Content-Disposition'), qr{filename="madang-cases-\Q$from-$today\E\.xlsx"}, '... a download';
my $sheet = xlsx_rows($r->content);
is $?, 0, '... which openpyxl reads';
is $sheet->[0][0], $L->{'Analysis.RowCol.tracking'}, '... headed as the CSV';
shift @$sheet;
is scalar @$sheet, $total, '... one row per case the page counts';
is_deeply [map { $_->[0] } @$sheet], \@ids, '... the same cases in the same order';
is_deeply [map { [@$_[1 .. 9]] } @$sheet], [map { [@$_[1 .. 9]] } @csv], '... with the same cells';
is_deeply [map { $_->[11] eq '' ? '' : 0 + $_->[11] } @$sheet], [map { $_->[11] } @csv],
    '... the working days as numbers';

# ------------------------------------------------------------ filters

for my $f ('status=answered', 'channel=phone', 'kind=complaint&status=assigned', 'group=month&period=year') {
    my ($c, $n) = page_total($sup, "$q&$f");
    my @lines = csv_rows($sup->get($s->url("/staff/reports/rows.csv?$q&$f"))->content);
    is scalar(@lines) - 1, $n, "$f: as many lines as the page's $n cases";
    my $x = xlsx_rows($sup->get($s->url("/staff/reports/rows.xlsx?$q&$f"))->content);
    is scalar(@$x) - 1, $n, '... and XLSX rows';
}
my ($cat) = kst("SELECT c.category_id FROM cases c WHERE $period GROUP BY c.category_id ORDER BY COUNT(*) DESC LIMIT 1");
$cat = $cat->[0];
my ($c1, $n1) = page_total($sup, "$q&category=$cat");
# A category named like a formula: a spreadsheet must not run it.
kst("UPDATE categories SET name_ko = '=HYPERLINK(\"http://x\")' WHERE id = $cat");
my $body = decode('UTF-8', $sup->get($s->url("/staff/reports/rows.csv?$q&category=$cat"))->content);
my @cl = split /\r\n/, $body;
is scalar(@cl) - 1, $n1, "category $cat: as many lines as the page's $n1";
is scalar(grep { /,"'=HYPERLINK\(""http:\/\/x""\)",/ } @cl), $n1, '... the formula-like name neutralised on each';

# ------------------------------------------------------------ scope

my $choi = signed_in($s, 'road.choi');
my ($cc, $road) = page_total($choi, "$q&group=department");
is $cc, 200, 'the manager of 도로과 sees the report';
my @rows = csv_rows($choi->get($s->url("/staff/reports/rows.csv?$q"))->content);
shift @rows;
is scalar @rows, $road, '... and gets as many lines as it counts';
is kst_value("SELECT COUNT(*) FROM cases c WHERE $period AND c.department_id = 4"), $road, '... 도로과\'s cases';
is scalar(grep { $_->[2] ne '도로과' } @rows), 0, '... no other department\'s';
my %road_staff = map { $_->[0] => 1 } $s->sql("SELECT DISTINCT a.name FROM case_handlers ch JOIN accounts a"
    . " ON a.id = ch.account_id WHERE ch.department_id = 4");
my @named = map { split /, /, $_->[3] } @rows;
ok @named, '... with their handlers';
is_deeply [grep { !$road_staff{$_} } @named], [], '... 도로과\'s only (a joint department\'s are not named)';
my $x = xlsx_rows($choi->get($s->url("/staff/reports/rows.xlsx?$q"))->content);
is_deeply [map { $_->[0] } @$x[1 .. $#$x]], [map { $_->[0] } @rows], '... the XLSX too';
is $choi->get($s->url("/staff/reports/rows.csv?$q&department=11"))->code, 400, 'another department is refused';
is signed_in($s, 'road.lee')->get($s->url("/staff/reports/rows.csv?$q"))->code, 403,
    'a handler without a report role is refused';
is $sup->get($s->url('/staff/reports/rows.xlsx?channel=fax'))->code, 400, 'bad filters are refused';
my @left = glob($s->dir . '/tmp/madang-report-*');
is scalar @left, 0, 'no temporary file is left behind';

done_testing;
