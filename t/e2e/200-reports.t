# SPDX-License-Identifier: AGPL-3.0-or-later
# 200-reports.t: the managers' report (/staff/reports) on the demo office:
# each figure checked against SQL counts of the same cases (grouped by
# department, category, channel, status and month, with filters that
# combine), the working days to an answer against a count of weekdays
# less holidays, the charts (SVG with title and desc), the CSV and XLSX
# exports read back (the XLSX with openpyxl) against the page, the scope
# of a department manager across page, charts and exports, bad input,
# and the monthly report mailed to managers through the notifier.
use strict;
use warnings;
use utf8;
use Test::More;
use Encode qw(decode);
use Time::Local qw(timegm);
use Madang::Test qw(body_of xlsx_rows);
use Madang::Notify;
use Madang::Staff qw(signed_in);

binmode $_, ':encoding(UTF-8)' for Test::More->builder->output,
    Test::More->builder->failure_output, Test::More->builder->todo_output;

# The test stacks mail no monthly report unless asked (scripts/stack.sh).
my $n = Madang::Notify->start(seed => 1, config => { 'notifier.monthly_reports' => 1 });
my $s = $n->stack;
my $L = Madang::Test::lang_strings('ko');

# ------------------------------------------------------------ helpers

sub kst { my ($q) = @_; return $s->sql("SET time_zone = '+09:00'; $q") }
sub kst_value { my ($q) = @_; return $s->sql_value("SET time_zone = '+09:00'; $q") }

sub strip_tags {
    my ($h) = @_;
    $h =~ s/<[^>]*>//g;
    $h =~ s/&amp;/&/g;
    $h =~ s/&lt;/</g;
    $h =~ s/&gt;/>/g;
    $h =~ s/&quot;/"/g;
    $h =~ s/&#39;/'/g;
    $h =~ s/^\s+|\s+$//g;
    return $h;
}

my @COLS = qw(received answered open overdue late average median extensions transfers reopened
    ratings rating callbacks);

# The report table of a page: [label, {column => text}] per row, the
# total last.
sub report_rows {
    my ($html) = @_;
    my ($table) = $html =~ m{<table class="cases report analysis"[^>]*>(.*?)</table>}s or return ();
    my ($body) = $table =~ m{<tbody>(.*)</tbody>}s;
    my @rows;
    while ($body =~ m{<tr[^>]*>(.*?)</tr>}gs) {
        my $tr = $1;
        my ($label) = $tr =~ m{<th scope="row"[^>]*>(.*?)</th>}s;
        my @cells = map { strip_tags($_) } $tr =~ m{<td data-label="[^"]*">(.*?)</td>}gs;
        my %c;
        @c{@COLS} = map { $_ eq $L->{'Report.NoAverage'} ? '' : $_ } @cells;
        push @rows, [strip_tags($label), \%c];
    }
    return @rows;
}

sub page {
    my ($ua, $query) = @_;
    my $r = $ua->get($s->url("/staff/reports?$query"));
    return ($r, body_of($r));
}

sub row_named {
    my ($rows, $label) = @_;
    my ($row) = grep { $_->[0] eq $label } @$rows;
    return $row ? $row->[1] : undef;
}

# Seconds at 00:00 UTC of a day "YYYY-MM-DD" (for stepping day by day).
sub day_number {
    my ($y, $m, $d) = split /-/, $_[0];
    return timegm(0, 0, 0, $d, $m - 1, $y);
}

# The figures of the cases a WHERE clause (on cases c) selects, as the
# report counts them, over [$from, $until).
sub expected {
    my ($where, $from, $until) = @_;
    my $in = "c.created_at >= '$from' AND c.created_at < '$until'";
    my $ans = "c.answered_at >= '$from' AND c.answered_at < '$until'";
    my $open = "c.status IN ('received', 'assigned', 'in_progress', 'approval')";
    my ($row) = kst("SELECT SUM($in), SUM($ans), SUM($open), SUM($open AND c.due_at < NOW()),"
        . " SUM($ans AND c.answered_at > c.due_at) FROM cases c WHERE $where");
    my %e;
    @e{qw(received answered open overdue late)} = map { $_ // 0 } @$row;
    for my $k (qw(extensions transfers reopened)) {
        my $kind = { extensions => 'extended', transfers => 'transferred', reopened => 'reopened' }->{$k};
        $e{$k} = kst_value("SELECT COUNT(*) FROM case_events e JOIN cases c ON c.id = e.case_id"
            . " WHERE $where AND e.kind = '$kind' AND e.created_at >= '$from' AND e.created_at < '$until'");
    }
    my ($rt) = kst("SELECT COUNT(*), IFNULL(SUM(s.rating), 0) FROM satisfaction s JOIN cases c ON c.id = s.case_id"
        . " WHERE $where AND s.rating IS NOT NULL AND s.rated_at >= '$from' AND s.rated_at < '$until'");
    $e{ratings} = $rt->[0];
    $e{rating} = $rt->[0] ? sprintf('%.1f', int(($rt->[1] * 100 / $rt->[0] + 5) / 10) / 10) : '';
    $e{callbacks} = kst_value("SELECT COUNT(*) FROM satisfaction s JOIN cases c ON c.id = s.case_id"
        . " WHERE $where AND s.callback_state = 'done' AND s.callback_at >= '$from' AND s.callback_at < '$until'");
    # Working days from filing to answer: weekdays after the filing day up
    # to the answer's, less holidays.
    my %holiday = map { $_->[0] => 1 } $s->sql("SELECT DATE_FORMAT(day, '%Y-%m-%d') FROM holidays");
    my @days;
    for my $c (kst("SELECT DATE_FORMAT(c.created_at, '%Y-%m-%d'), DATE_FORMAT(c.answered_at, '%Y-%m-%d')"
            . " FROM cases c WHERE $where AND $ans")) {
        my ($t, $end) = (day_number($c->[0]), day_number($c->[1]));
        my $n = 0;
        for (my $d = $t + 86400; $d <= $end; $d += 86400) {
            my @g = gmtime $d;
            $n++ if $g[6] != 0 && $g[6] != 6 && !$holiday{ sprintf '%04d-%02d-%02d', $g[5] + 1900, $g[4] + 1, $g[3] };
        }
        push @days, $n;
    }
    @days = sort { $a <=> $b } @days;
    if (@days) {
        my $sum = 0;
        $sum += $_ for @days;
        $e{average} = sprintf('%.1f', int(($sum * 100 / @days + 5) / 10) / 10);
        my $m = int(@days / 2);
        $e{median} = sprintf('%.1f', @days % 2 ? $days[$m] : ($days[$m - 1] + $days[$m]) / 2);
    } else {
        $e{average} = $e{median} = '';
    }
    return \%e;
}

# ------------------------------------------------------------ figures some demo cases lack

my $today = kst_value("SELECT CURDATE()");
my $from = kst_value("SELECT DATE_FORMAT(MIN(created_at), '%Y-%m-%d') FROM cases");
my $until = kst_value("SELECT CURDATE() + INTERVAL 1 DAY");
# Events, ratings and callbacks on a few answered cases, within the period.
my @answered = map { $_->[0] } kst("SELECT id FROM cases WHERE answered_at IS NOT NULL ORDER BY id LIMIT 4");
is scalar @answered, 4, 'the demo has answered cases';
kst("INSERT INTO case_events (case_id, kind, is_public, created_at) VALUES"
    . " ($answered[0], 'extended', 1, NOW() - INTERVAL 1 DAY), ($answered[1], 'transferred', 1, NOW() - INTERVAL 1 DAY),"
    . " ($answered[1], 'reopened', 1, NOW() - INTERVAL 1 DAY), ($answered[2], 'extended', 1, NOW() - INTERVAL 2 DAY)");
kst("INSERT INTO satisfaction (case_id, nonce, created_at, rated_at, rating, callback_state, callback_at) VALUES"
    . " ($answered[0], 'r200a', NOW() - INTERVAL 2 DAY, NOW() - INTERVAL 1 DAY, 5, 'done', NOW() - INTERVAL 1 HOUR),"
    . " ($answered[2], 'r200b', NOW() - INTERVAL 2 DAY, NOW() - INTERVAL 1 DAY, 2, 'none', NULL),"
    . " ($answered[3], 'r200c', NOW() - INTERVAL 2 DAY, NOW() - INTERVAL 1 DAY, 4, 'pending', NULL)");
# An open case due today a minute ago: overdue now, which the counters'
# due day alone cannot tell (the report counts those cases apart).
my $due_today = kst_value("SELECT id FROM cases WHERE status IN ('received', 'assigned', 'in_progress', 'approval')"
    . " AND department_id IS NOT NULL ORDER BY id LIMIT 1");
ok $due_today, 'the demo has an open case';
kst("UPDATE cases SET due_at = GREATEST(CURDATE(), NOW() - INTERVAL 1 MINUTE) WHERE id = $due_today");
# The report reads the counters (migration 0045), which the application
# keeps as it writes; rows written here by hand are counted again.
is +($s->ctl('counters-rebuild'))[1], 0, 'the hand-made rows are counted (madangctl counters-rebuild)';

# ------------------------------------------------------------ the whole institution, by department

my $sup = signed_in($s, 'admin', 'madang-admin-2026');
my ($r, $html) = page($sup, "from=$from&to=$today&group=department");
is $r->code, 200, 'a supervisor sees the report';
my @rows = report_rows($html);
my $total = $rows[-1][1];
is $rows[-1][0], $L->{'Report.Total'}, 'the last row is the total';
is_deeply $total, expected('1 = 1', $from, $until), 'the total: every figure as SQL counts it';
my @depts = kst("SELECT d.name_ko, d.id FROM departments d WHERE EXISTS (SELECT 1 FROM cases c WHERE c.department_id = d.id)");
for my $d (@depts) {
    is_deeply row_named(\@rows, $d->[0]), expected("c.department_id = $d->[1]", $from, $until),
        "... and $d->[0]'s row";
}
my $sum = 0;
$sum += $_->[1]{received} for @rows[0 .. $#rows - 1];
is $sum, $total->{received}, 'the rows add up to the total';
ok $total->{extensions} >= 2 && $total->{reopened} >= 1 && $total->{ratings} >= 3 && $total->{callbacks} >= 1,
    'extensions, reopenings, ratings and callbacks are counted';
like $html, qr{<a href="/staff/reports\?from=\Q$from\E&amp;to=\Q$today\E&amp;group=department" rel="bookmark">},
    'the permalink holds the filters';

# The charts: inline SVG, named and described, no script.
my @svgs = $html =~ m{(<svg .*?</svg>)}gs;
is scalar @svgs, 2, 'two charts';
for my $svg (@svgs) {
    like $svg, qr{^<svg [^>]*role="img"[^>]*aria-labelledby="(chart-\w+)-title \1-desc"}, '... each an image named by';
    like $svg, qr{<title id="chart-\w+-title">[^<]+</title><desc id="chart-\w+-desc">[^<]+</desc>}, '... its title and desc';
}
like $svgs[0], qr{<title[^>]*>\Q$L->{'Analysis.ChartFlow'}\E</title>}, 'the first shows received and answered';
my $bars = () = $svgs[0] =~ /<rect /g;
is $bars, 2 * (@rows - 1) + 2, '... one bar per figure and group, and the legend';
my ($main_part) = $html =~ m{<main[^>]*>(.*)</main>}s;
unlike $main_part, qr{<script}i, 'no JavaScript in the report';

# ------------------------------------------------------------ other groups and combined filters

for my $g ([category => 'c.category_id', "SELECT name_ko, id FROM categories"],
    [channel => 'c.channel', undef], [status => 'c.status', undef]) {
    my ($name, $col, $names) = @$g;
    ($r, $html) = page($sup, "from=$from&to=$today&group=$name");
    is $r->code, 200, "grouped by $name";
    my @g = report_rows($html);
    is_deeply $g[-1][1], $total, '... the same total';
    my @keys = $names ? kst($names)
        : map { [$L->{ ($name eq 'channel' ? 'Inbox.Channel.' : 'Status.') . $_->[0] }, "'$_->[0]'"] }
        kst("SELECT DISTINCT $col FROM cases c");
    for my $k (@keys) {
        my $row = row_named(\@g, $k->[0]) or next;
        is $row->{received}, expected("$col = $k->[1]", $from, $until)->{received}, "... $k->[0] received";
    }
}

my $cat = kst_value("SELECT category_id FROM cases GROUP BY category_id ORDER BY COUNT(*) DESC LIMIT 1");
my $handler = kst_value("SELECT account_id FROM case_handlers GROUP BY account_id ORDER BY COUNT(*) DESC LIMIT 1");
($r, $html) = page($sup, "from=$from&to=$today&category=$cat&channel=web&group=department");
is_deeply((report_rows($html))[-1][1], expected("c.category_id = $cat AND c.channel = 'web'", $from, $until),
    'category and channel combined');
($r, $html) = page($sup, "from=$from&to=$today&handler=$handler&group=handler");
@rows = report_rows($html);
is_deeply $rows[-1][1],
    expected("EXISTS (SELECT 1 FROM case_handlers h WHERE h.case_id = c.id AND h.account_id = $handler)", $from, $until),
    'a handler chosen: their cases';
is scalar @rows, 2, '... in one row of their own';
($r, $html) = page($sup, "from=$from&to=$today&department=3&group=department");
@rows = report_rows($html);
is_deeply $rows[-1][1], expected('c.department_id IN (3, 4, 5)', $from, $until),
    'a bureau chosen: its divisions included';
ok !row_named(\@rows, '복지정책과'), '... and no other department';

# Over time: a month by days, and the months of the whole period.
my $month_start = kst_value("SELECT DATE_FORMAT(CURDATE(), '%Y-%m-01')");
my $days_in_month = kst_value("SELECT DAY(LAST_DAY(CURDATE()))");
($r, $html) = page($sup, "period=month&group=day");
is $r->code, 200, 'this month by day';
@rows = report_rows($html);
is scalar @rows, $days_in_month + 1, '... every day of the month a row, then the total';
is $rows[0][0], $month_start, '... from the first';
like $html, qr{<polyline }, '... drawn as a line';
my $next_month = kst_value("SELECT DATE_FORMAT(CURDATE(), '%Y-%m-01') + INTERVAL 1 MONTH");
is_deeply $rows[-1][1], expected('1 = 1', $month_start, $next_month), '... its total as SQL counts the month';
($r, $html) = page($sup, "from=$from&to=$today&group=month");
@rows = report_rows($html);
for my $m (kst("SELECT DATE_FORMAT(created_at, '%Y-%m') AS m, COUNT(*) FROM cases GROUP BY m")) {
    is row_named(\@rows, $m->[0])->{received}, $m->[1], "received in $m->[0]";
}
($r, $html) = page($sup, "period=week&at=2026-12-10&group=week");
like $html, qr{<th scope="row"[^>]*>2026-W50</th>}, 'an ISO week';
like $html, qr{datetime="2026-12-07">.*datetime="2026-12-13">}s, '... from Monday to Sunday';

# ------------------------------------------------------------ bad input

for my $q ('channel=fax', 'group=department_id', 'period=decade', 'status=open', 'from=2026-02-30',
    'department=99999', 'kind=x') {
    ($r, $html) = page($sup, $q);
    is $r->code, 400, "refused: $q";
    like $html, qr{class="field-error"}, '... with the message beside the field';
}

# ------------------------------------------------------------ exports

my $q = "from=$from&to=$today&group=category";
($r, $html) = page($sup, $q);
my @shown = report_rows($html);
# A category named like a formula: a spreadsheet must not run it.
kst("UPDATE categories SET name_ko = '=HYPERLINK(\"http://x\")' WHERE id = $cat");
($r, $html) = page($sup, $q);
@shown = report_rows($html);
$r = $sup->get($s->url("/staff/reports.csv?$q"));
is $r->code, 200, 'CSV export';
like $r->header('Content-Type'), qr{^text/csv; charset=utf-8}, '... as CSV';
like $r->header('Content-Disposition'), qr{attachment; filename="madang-report-\Q$from-$today\E\.csv"}, '... a download';
my $csv = $r->content;
is substr($csv, 0, 3), "\xEF\xBB\xBF", '... starting with the BOM';
$csv = decode('UTF-8', substr($csv, 3));
my @lines = split /\r\n/, $csv;
is scalar @lines, @shown + 1, '... a header and each row shown';
like $lines[0], qr{^\Q$L->{'Analysis.Groups.category'}\E,\Q$L->{'Analysis.Col.received'}\E,}, '... headed as the table';
like $csv, qr{^"'=HYPERLINK\(""http://x""\)",}m, '... the formula-like name neutralised';
for my $i (0 .. $#shown) {
    my @cells = split /,/, $lines[$i + 1], -1;
    shift @cells;
    is_deeply [@cells[0 .. $#COLS]], [@{ $shown[$i][1] }{@COLS}], "... row $i as shown";
}

$r = $sup->get($s->url("/staff/reports.xlsx?$q"));
is $r->code, 200, 'XLSX export';
is $r->header('Content-Type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', '... as XLSX';
my $sheet = xlsx_rows($r->content);
is $?, 0, '... which openpyxl reads';
is scalar @$sheet, @shown + 1, '... a header and each row shown';
is $sheet->[0][0], $L->{'Analysis.Groups.category'}, '... headed as the table';
for my $i (0 .. $#shown) {
    my @cells = @{ $sheet->[ $i + 1 ] };
    is shift @cells, $shown[$i][0], "... row $i named as shown";
    # Numbers come back as numbers: 3.0 as 3.
    is_deeply [map { $_ eq '' ? '' : 0 + $_ } @cells[0 .. $#COLS]],
        [map { $_ eq '' ? '' : 0 + $_ } @{ $shown[$i][1] }{@COLS}], "... and its figures";
}
my @left = glob($s->dir . '/tmp/madang-report-*');
is scalar @left, 0, 'no temporary file is left behind';
$r = $sup->get($s->url('/staff/reports.xlsx?channel=fax'));
is $r->code, 400, 'an export with bad filters is refused';
@left = glob($s->dir . '/tmp/madang-report-*');
is scalar @left, 0, '... leaving no file either';

# ------------------------------------------------------------ scope

my $choi = signed_in($s, 'road.choi');
($r, $html) = page($choi, "from=$from&to=$today&group=department");
is $r->code, 200, 'the manager of 도로과 sees the report';
@rows = report_rows($html);
is_deeply [map { $_->[0] } @rows], ['도로과', $L->{'Report.Total'}], '... of 도로과 alone';
is_deeply $rows[-1][1], expected('c.department_id = 4', $from, $until), '... with its figures';
my @others = map { $_->[0] } kst("SELECT name_ko FROM departments WHERE id NOT IN (4)");
my $other_re = join '|', map {quotemeta} @others;
for my $g (qw(department category channel status handler month)) {
    my $qq = "from=$from&to=$today&group=$g";
    ($r, $html) = page($choi, $qq);
    is_deeply((report_rows($html))[-1][1], expected('c.department_id = 4', $from, $until), "... by $g: 도로과's total");
    my ($main) = $html =~ m{<main[^>]*>(.*)</main>}s;
    $main =~ s{<select id="department".*?</select>}{}s;
    unlike $main, qr{$other_re}, '... and no other department named on the page or in its charts';
    my $c = decode('UTF-8', $choi->get($s->url("/staff/reports.csv?$qq"))->content);
    unlike $c, qr{$other_re}, '... or in the CSV';
    my @cl = split /\r\n/, $c;
    my @tc = split /,/, $cl[-1], -1;
    is $tc[1], $rows[-1][1]{received}, '... whose total is 도로과\'s';
    my $rows_x = xlsx_rows($choi->get($s->url("/staff/reports.xlsx?$qq"))->content);
    is $rows_x->[-1][1], $rows[-1][1]{received}, '... and the XLSX\'s total too';
    unlike join("\t", map {@$_} @$rows_x), qr{$other_re}, '... which names no other department';
}
# Grouped by handler: only handlers of 도로과.
($r, $html) = page($choi, "from=$from&to=$today&group=handler");
my %road_staff = map { $_->[0] => 1 } $s->sql("SELECT DISTINCT a.name FROM case_handlers ch JOIN accounts a"
    . " ON a.id = ch.account_id WHERE ch.department_id = 4");
my @named = grep { $_ ne $L->{'Report.Total'} && $_ ne $L->{'Analysis.NoHandler'} } map { $_->[0] } report_rows($html);
ok @named, 'by handler: 도로과\'s handlers';
is_deeply [grep { !$road_staff{$_} } @named], [], '... and no one else';
unlike $html, qr{<option value="11"}, 'other departments are not offered';
($r, $html) = page($choi, 'department=11');
is $r->code, 400, 'asking for another department is refused';
like $html, qr{\Q$L->{'Err.report_department'}\E}, '... with the message';
$r = $choi->get($s->url('/staff/reports.csv?department=11'));
is $r->code, 400, '... and so is its export';
my $lee = signed_in($s, 'road.lee');
$r = $lee->get($s->url('/staff/reports'));
is $r->code, 403, 'a handler without a report role is refused';
my $oh = signed_in($s, 'viewer.oh');
($r, $html) = page($oh, "from=$from&to=$today&group=department");
is_deeply((report_rows($html))[-1][1], $total, 'a viewer of the whole institution sees every figure');

# The old workload report is still there.
is $sup->get($s->url('/staff/reports/workload'))->code, 200, 'the workload report still answers';

# ------------------------------------------------------------ in English

my $en = Madang::Test::lang_strings('en');
$r = $sup->get($s->url('/staff/reports?group=status'));
$sup->post($s->url('/lang'), [csrf => $s->csrf_from($r), lang => 'en', back => '/staff/reports?group=status']);
($r, $html) = page($sup, 'group=status');
like $html, qr{<title id="chart-flow-title">\Q$en->{'Analysis.ChartFlow'}\E</title>}, 'in English: the chart';
like $html, qr{<th scope="col">\Q$en->{'Analysis.Col.received'}\E</th>}, '... the table';
like $html, qr{<th scope="row"[^>]*>\Q$en->{'Status.received'}\E</th>}, '... its rows';
my $csv_en = decode('UTF-8', $sup->get($s->url('/staff/reports.csv?group=status'))->content);
like $csv_en, qr{^\x{FEFF}\Q$en->{'Analysis.Groups.status'}\E,\Q$en->{'Analysis.Col.received'}\E,}, '... and the CSV';

# ------------------------------------------------------------ joint departments

# A case handled jointly counts for each participating department when
# grouped by department (its lead's row and each joint one's); the total
# counts it once.
# (The supervisor reads English by now.)
my ($jc, $lead_id, $lead_name) = @{ (kst("SELECT c.id, d.id, d.name_en FROM cases c JOIN departments d ON d.id = c.department_id"
    . " WHERE c.department_id <> 4 ORDER BY c.id LIMIT 1"))[0] };
my $road_en = kst_value("SELECT name_en FROM departments WHERE id = 4");
kst("INSERT INTO case_departments (case_id, department_id, role, updated_at) VALUES ($jc, 4, 'joint', NOW())");
$s->ctl('counters-rebuild');
my $joint4 = "(c.department_id = 4 OR EXISTS (SELECT 1 FROM case_departments j WHERE j.case_id = c.id"
    . " AND j.role = 'joint' AND j.department_id = 4))";
($r, $html) = page($sup, "from=$from&to=$today&group=department");
@rows = report_rows($html);
is_deeply row_named(\@rows, $road_en), expected($joint4, $from, $until), 'a joint case counts in its joint department\'s row';
is row_named(\@rows, $road_en)->{received}, expected('c.department_id = 4', $from, $until)->{received} + 1,
    '... one more received there';
is_deeply row_named(\@rows, $lead_name), expected("c.department_id = $lead_id", $from, $until), '... and in its lead\'s';
is_deeply $rows[-1][1], expected('1 = 1', $from, $until), '... the total counts it once';
($r, $html) = page($choi, "from=$from&to=$today&group=department");
@rows = report_rows($html);
is_deeply row_named(\@rows, '도로과'), expected($joint4, $from, $until), "the joint department's manager sees it in the row";
kst("DELETE FROM case_departments WHERE case_id = $jc AND department_id = 4");
$s->ctl('counters-rebuild');

# ------------------------------------------------------------ the monthly mail

# 2026-11-01 is a Sunday: the first working day of November is the 2nd.
my $run = $n->run_ok('before the first working day', now => '2026-11-01 10:00:00');
is scalar($n->mails(kind => 'report_monthly')), 0, 'no monthly report before the first working day';
$run = $n->run_ok('on the first working day', now => '2026-11-02 09:00:00');
$n->settle;
my @mails = $n->mails(kind => 'report_monthly');
my @managers = map { $_->[0] } $s->sql("SELECT DISTINCT a.email FROM staff_roles r JOIN accounts a ON a.id = r.account_id"
    . " WHERE r.role = 'manager' AND a.active = 1 AND a.kind = 'staff' AND r.department_id IS NOT NULL ORDER BY a.email");
is_deeply [sort map { lc $_->{env_to}[0] } @mails], [map {lc} @managers], 'one mail to each manager';
my ($choi_mail) = grep { lc $_->{env_to}[0] eq 'road.choi@madang.example' } @mails;
ok $choi_mail, "road.choi's mail";
my $text = $choi_mail ? $choi_mail->{text} // '' : '';
like $choi_mail->{subject} // '', qr{\Q$L->{'Mail.report_monthly.Subject'}\E 2026-10}, '... about October';
like $text, qr{/staff/reports\?period=month&at=2026-10-01&group=department}, '... linking to its report';
my $oct = expected('c.department_id = 4', '2026-10-01', '2026-11-01');
like $text, qr{\Q$L->{'Analysis.Col.received'}\E: $oct->{received}\b}, '... with 도로과\'s received in October';
like $text, qr{도로과}, '... naming the department';
$run = $n->run_ok('again the same month', now => '2026-11-03 09:00:00');
$n->settle;
is scalar($n->mails(kind => 'report_monthly')), scalar @mails, 'once per month and manager';
my $tick = join '', $s->ctl('tick', '--now', '2026-12-01 09:00:00');
like $tick, qr{monthly reports queued: \d+}, 'madangctl tick queues the next month\'s';
is $s->sql_value("SELECT COUNT(*) FROM report_monthly_runs WHERE month = '2026-11'"), 1, '... and marks it done';

done_testing;
