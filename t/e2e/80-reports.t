# SPDX-License-Identifier: AGPL-3.0-or-later
# 80-reports.t: the workload report (업무량) per department and handler,
# checked figure by figure against hand-computed expectations for cases
# filed through the form and moved through their life cycle with SQL; the
# period filter and its validation; who may see which departments; the
# public statistics per department and the published example cases.
use strict;
use warnings;
use utf8;
use Test::More;
use Encode qw(encode);
use HTTP::Request::Common qw(POST);
use Madang::Test qw(body_of);

binmode $_, ':encoding(UTF-8)' for Test::More->builder->output,
    Test::More->builder->failure_output, Test::More->builder->todo_output;

my $s = Madang::Test->start(seed => 1);
my $L = Madang::Test::lang_strings('ko');
my $STAFF_PW = 'madang-staff-2026';

# ------------------------------------------------------------ helpers


sub bytes_of { my ($v) = @_; return utf8::is_utf8($v) ? encode('UTF-8', $v) : $v }

# SQL in the office's time zone, as madang-web's sessions use.
sub sql_kst { my ($q) = @_; return $s->sql("SET time_zone = '+09:00'; $q") }
sub sql_kst_value { my ($q) = @_; return $s->sql_value("SET time_zone = '+09:00'; $q") }

sub id_of { my ($login) = @_; return $s->sql_value("SELECT id FROM accounts WHERE login_id = '$login'") }

sub signed_in_ua {
    my ($login, $password) = @_;
    my $ua = $s->ua;
    my $r = Madang::Test::sign_in($s, $ua, $login, $password // $STAFF_PW);
    die "sign-in of $login failed: " . $r->code unless $r->code == 303;
    return $ua;
}

sub file_case {
    my ($ua, %f) = @_;
    my $form = $ua->get($s->url('/cases/new'));
    die 'GET /cases/new: ' . $form->status_line unless $form->code == 200;
    my @content = (csrf => $s->csrf_from($form));
    push @content, $_ => bytes_of($f{$_}) for grep { defined $f{$_} } qw(category title body public);
    my $r = $ua->request(POST $s->url('/cases/new'), Content_Type => 'form-data', Content => \@content);
    my ($tracking) = ($r->header('Location') // '') =~ m{^/cases/(\d{4}-\d{6})\?filed=1$};
    die 'filing failed: ' . $r->code . "\n" . body_of($r) unless $tracking;
    return $tracking;
}

sub strip_tags {
    my ($h) = @_;
    $h =~ s/<[^>]*>//g;
    $h =~ s/&amp;/&/g;
    $h =~ s/&lt;/</g;
    $h =~ s/&gt;/>/g;
    $h =~ s/^\s+|\s+$//g;
    return $h;
}

# The cells of the table rows of $html, each a hash of data-label => text.
sub table_rows {
    my ($html) = @_;
    my @rows;
    while ($html =~ m{<tr[^>]*>(.*?)</tr>}gs) {
        my $tr = $1;
        my %cell;
        while ($tr =~ m{<td data-label="([^"]*)">(.*?)</td>}gs) {
            $cell{$1} = strip_tags($2);
        }
        push @rows, \%cell if %cell;
    }
    return @rows;
}

# The part of a page from the element with id $from up to the next <section or the end of main.
sub section_of {
    my ($html, $id) = @_;
    my ($part) = $html =~ m{id="$id"(.*?)(?:<section|</main>)}s;
    return $part // '';
}

# The figures of the row whose column $key reads $name, in the order
# received, open, answered, overdue, average.
sub figures {
    my ($rows, $key, $name) = @_;
    my ($row) = grep { ($_->{ $L->{$key} } // '') eq $name } @$rows;
    return undef unless $row;
    return [ map { $row->{ $L->{"Report.$_"} } } qw(Received Open Answered Overdue AvgDays) ];
}

# ------------------------------------------------------------ the organisation

# A division of its own so the figures are exactly ours: 보고서시험과
# under 안전총괄실, a manual category routed to it, two handlers and a
# manager (demo staff with the demo password).
$s->sql(q{INSERT INTO departments (parent_id, name_ko, name_en) VALUES (14, '보고서시험과', 'Report Test Division')});
my $dept = $s->sql_value(q{SELECT id FROM departments WHERE name_ko = '보고서시험과'});
$s->sql(qq{INSERT INTO categories (name_ko, name_en, department_id, active, sort_order, mode)
           VALUES ('보고서 시험', 'Report test', $dept, 1, 200, 'manual')});
my $category = $s->sql_value(q{SELECT id FROM categories WHERE name_ko = '보고서 시험'});
my ($h1, $h2, $mgr, $admin) = map { id_of($_) } qw(park.moon build.yoo welfare.bae admin);
$s->sql(qq{INSERT INTO staff_roles (account_id, role, department_id, with_subtree) VALUES
           ($h1, 'handler', $dept, 1), ($h2, 'handler', $dept, 1), ($mgr, 'manager', $dept, 1)});
# staff_scope is derived from the roles (org_scope_rebuild); these are the
# rows it would add for the new division.
$s->sql(qq{INSERT INTO staff_scope (account_id, department_id, can_handle, can_manage) VALUES
           ($h1, $dept, 1, 0), ($h2, $dept, 1, 0), ($mgr, $dept, 1, 1), ($admin, $dept, 1, 1)});

# ------------------------------------------------------------ the cases

my $citizen = $s->ua;
my ($reg, $acct) = Madang::Test::register_citizen($s, $citizen, name => '보고서시민');
is $reg->code, 303, 'a citizen registers';

my %t;    # letter => tracking number
for my $k (qw(A B C D E F G)) {
    $t{$k} = file_case($citizen, category => $category, title => "보고서 시험 민원 $k",
                       body => "보고서 시험을 위한 민원 $k 의 내용입니다. " x 8, public => 1);
}
my %id = map { $_ => $s->sql_value("SELECT id FROM cases WHERE tracking_no = '$t{$_}'") } keys %t;
is $s->sql_value("SELECT COUNT(*) FROM cases WHERE department_id = $dept"), 7,
    'the seven cases are routed to the new division';

# The life cycle, days relative to now (the office's time):
#   A  filed -5,  due +2,   answered -3 (2 days: on time)    handler 1
#   B  filed -10, due -7,   answered -6 (4 days: late), closed  handler 1
#   C  filed -20, due -1,   in progress (overdue)            handler 2
#   D  filed -3,  due +6,   assigned                         handler 1
#   E  filed -60, due -50,  answered -40 (20 days: late), closed  handler 2
#   F  filed -45, due -35,  in progress (overdue)            handler 2
#   G  filed -400, due -391, answered -398 (2 days: on time), closed  handler 2
my %life = (
    A => [5,   2,    3,   'answered',    $h1],
    B => [10,  -7,   6,   'closed',      $h1],
    C => [20,  -1,   undef, 'in_progress', $h2],
    D => [3,   6,    undef, 'assigned',    $h1],
    E => [60,  -50,  40,  'closed',      $h2],
    F => [45,  -35,  undef, 'in_progress', $h2],
    G => [400, -391, 398, 'closed',      $h2],
);
for my $k (sort keys %life) {
    my ($filed, $due, $answered, $status, $handler) = @{ $life{$k} };
    my $answered_sql = defined $answered
        ? "created_at + INTERVAL @{[ $filed - $answered ]} DAY" : 'NULL';
    sql_kst(qq{UPDATE cases SET created_at = NOW() - INTERVAL $filed DAY,
               due_at = NOW() + INTERVAL $due DAY, status = '$status',
               closed_at = IF('$status' = 'closed', NOW(), NULL) WHERE id = $id{$k};
               UPDATE cases SET answered_at = $answered_sql WHERE id = $id{$k}});
    sql_kst(qq{INSERT INTO case_handlers (case_id, account_id, department_id, assigned_at)
               VALUES ($id{$k}, $handler, $dept, NOW())});
}
# J: a compound case led by 도로과 with the division joint (협조), filed
# -2 days, in progress, due +5; handler 1 works the division's part. It
# counts for handler 1 but not for the division's own row (a case counts
# for its lead department).
my $j = file_case($citizen, category => $category, title => '보고서 시험 복합민원 J',
                  body => '도로과가 주관하고 보고서시험과가 협조하는 민원입니다.', public => 1);
my $j_id = $s->sql_value("SELECT id FROM cases WHERE tracking_no = '$j'");
sql_kst(qq{UPDATE cases SET department_id = 4, status = 'in_progress', created_at = NOW() - INTERVAL 2 DAY,
           due_at = NOW() + INTERVAL 5 DAY WHERE id = $j_id;
           UPDATE case_departments SET department_id = 4 WHERE case_id = $j_id AND role = 'lead';
           INSERT INTO case_departments (case_id, department_id, role, updated_at) VALUES ($j_id, $dept, 'joint', NOW());
           INSERT INTO case_handlers (case_id, account_id, department_id, assigned_at) VALUES ($j_id, $h1, $dept, NOW())});

# The report reads the counters (migration 0045), which the application
# keeps as it writes; cases rewritten here by hand are counted again.
is +($s->ctl('counters-rebuild'))[1], 0, 'the hand-made cases are counted (madangctl counters-rebuild)';

is sql_kst_value("SELECT TIMESTAMPDIFF(SECOND, created_at, answered_at) FROM cases WHERE id = $id{A}"),
    2 * 86400, 'case A took exactly two days';

my $today = sql_kst_value(q{SELECT DATE_FORMAT(CURDATE(), '%Y-%m-%d')});
my $day = sub { my ($n) = @_; return sql_kst_value("SELECT DATE_FORMAT(CURDATE() - INTERVAL $n DAY, '%Y-%m-%d')") };
my $cases_before = $s->sql_value('SELECT COUNT(*) FROM cases');

# ------------------------------------------------------------ who may see the report

my $anon = $s->ua;
my $r = $anon->get($s->url('/staff/reports/workload'));
is $r->code, 303, 'signed out: to the sign-in page';
like $r->header('Location') // '', qr{^/login\?next=/staff/reports/workload}, '... coming back afterwards';

# The dispatcher sends a signed-in citizen to the sign-in page, as for
# every staff page (t/e2e/20-bad-input.t); either way nothing is shown.
$r = $citizen->get($s->url('/staff/reports/workload'));
ok $r->code == 403 || ($r->code == 303 && ($r->header('Location') // '') =~ m{^/login}),
    'a citizen is refused (' . $r->code . ')';
unlike body_of($r), qr{보고서시험과|\Q$L->{'Report.Departments'}\E}, '... and sees no figures';

my $handler_ua = signed_in_ua('road.lee');
$r = $handler_ua->get($s->url('/staff/reports/workload'));
is $r->code, 403, 'a handler without a reports role is refused';
unlike body_of($handler_ua->get($s->url('/staff/cases'))), qr{/staff/reports/workload},
    '... and the navigation does not offer the report';

# ------------------------------------------------------------ the supervisor's report

my $sup = signed_in_ua('admin', 'madang-admin-2026');
$r = $sup->get($s->url('/staff/reports/workload'));
is $r->code, 200, 'the supervisor sees the report';
my $html = body_of($r);
like $html, qr{\Q$L->{'Title.ReportWorkload'}\E}, 'the heading';
like $html, qr{<time datetime="@{[ $day->(29) ]}">.*?<time datetime="$today">}s,
    'the default period: the last 30 days up to today, shown in the heading';
like $html, qr{value="@{[ $day->(29) ]}"}, 'the default start date fills the form';
my @rows = table_rows(section_of($html, 'h-departments'));
is_deeply figures(\@rows, 'Report.Department', '보고서시험과'), [4, 3, 2, 3, '3.0'],
    'the division: 4 received, 3 open, 2 answered, 3 overdue, 3.0 days on average';
my ($row) = grep { ($_->{ $L->{'Report.Department'} } // '') eq '보고서시험과' } @rows;
is $row->{ $L->{'Report.Parent'} }, '안전총괄실', '... under its bureau';
ok figures(\@rows, 'Report.Department', '도로과'), 'every department is there for the supervisor';
my @names = map { $_->{ $L->{'Report.Department'} } } @rows;
my ($bureau_at) = grep { $names[$_] eq '안전총괄실' } 0 .. $#names;
my ($div_at) = grep { $names[$_] eq '보고서시험과' } 0 .. $#names;
ok defined $bureau_at && defined $div_at && $div_at > $bureau_at, 'departments in tree order';
my $total = figures(\@rows, 'Report.Department', $L->{'Report.Total'});
ok $total, 'a totals row';
my $sum_received = 0;
$sum_received += $_->{ $L->{'Report.Received'} } for grep { $_->{ $L->{'Report.Department'} } ne $L->{'Report.Total'} } @rows;
is $total->[0], $sum_received, '... adding up the received column';
like section_of($html, 'h-handlers'), qr{\Q$L->{'Report.ChooseDepartment'}\E},
    'handlers are shown for one chosen department, not the whole organisation';
like $html, qr{href="/staff/reports/workload\?from=[^"]*&amp;department=$dept"}, 'each department links to its own report';

$r = $sup->get($s->url("/staff/reports/workload?department=$dept"));
is $r->code, 200, 'the report of one department';
$html = body_of($r);
@rows = table_rows(section_of($html, 'h-departments'));
is scalar(grep { $_->{ $L->{'Report.Department'} } ne $L->{'Report.Total'} } @rows), 1,
    '... only that department (it has no sub-departments)';
my @hrows = table_rows(section_of($html, 'h-handlers'));
is_deeply figures(\@hrows, 'Report.Handler', '문공원'), [4, 2, 2, 1, '3.0'],
    'handler 1: 4 received, 2 open (the joint case J too), 2 answered, 1 overdue, 3.0 days';
is_deeply figures(\@hrows, 'Report.Handler', '유건축'), [1, 2, 0, 2, $L->{'Report.NoAverage'}],
    'handler 2: 1 received, 2 open, nothing answered, 2 overdue, no average';
is scalar(@hrows), 2, 'the two handlers of the division';

# ------------------------------------------------------------ the period filter

my ($from, $to) = ($day->(70), $day->(35));
$r = $sup->get($s->url("/staff/reports/workload?from=$from&to=$to&department=$dept"));
is $r->code, 200, "another period: $from ~ $to";
$html = body_of($r);
like $html, qr{<time datetime="$from">.*?<time datetime="$to">}s, '... in the heading';
@rows = table_rows(section_of($html, 'h-departments'));
is_deeply figures(\@rows, 'Report.Department', '보고서시험과'), [2, 3, 1, 3, '20.0'],
    '... 2 received (E, F), 3 open now, 1 answered (E), 3 overdue, 20.0 days';
@hrows = table_rows(section_of($html, 'h-handlers'));
is_deeply figures(\@hrows, 'Report.Handler', '문공원'), [0, 2, 0, 0, $L->{'Report.NoAverage'}],
    '... handler 1: only the open cases D and J';
is_deeply figures(\@hrows, 'Report.Handler', '유건축'), [2, 2, 1, 3, '20.0'],
    '... handler 2: E and F';

# A period of one day: the day case A was answered.
my $a_day = $day->(3);
$r = $sup->get($s->url("/staff/reports/workload?from=$a_day&to=$a_day&department=$dept"));
@rows = table_rows(section_of(body_of($r), 'h-departments'));
is_deeply figures(\@rows, 'Report.Department', '보고서시험과'), [1, 3, 1, 2, '2.0'],
    'one day: D filed, A answered on time in 2.0 days (C and F still overdue now)';

# ------------------------------------------------------------ invalid periods

my @bad = (
    ['from=2026-02-30&to=2026-03-01', 'from', 'Err.report_date', '2026-02-30', 'a date that does not exist'],
    ['from=yesterday&to=2026-03-01', 'from', 'Err.report_date', 'yesterday', 'not a date'],
    ['from=2026-03-01&to=2026-3-1', 'to', 'Err.report_date', '2026-3-1', 'a date without its zeros'],
    ['from=9999-12-31&to=9999-12-31', 'from', 'Err.report_date', '9999-12-31', 'a year out of range'],
    ['from=2026-03-02&to=2026-03-01', 'to', 'Err.report_order', '2026-03-01', 'the end before the start'],
    ['from=2023-03-01&to=2026-03-01', 'to', 'Err.report_span', '2026-03-01', 'exactly three years'],
    ["from=%3Cb%3Ex&to=$today", 'from', 'Err.report_date', '&lt;b&gt;x', 'markup, shown back escaped'],
    ["department=99999", 'department', 'Err.report_department', undef, 'an unknown department'],
    ["department=1x", 'department', 'Err.invalid', undef, 'a department that is not a number'],
);
for my $b (@bad) {
    my ($q, $field, $key, $shown, $what) = @$b;
    $r = $sup->get($s->url("/staff/reports/workload?$q"));
    is $r->code, 400, "invalid: $what → 400";
    $html = body_of($r);
    like $html, qr{<p class="field-error" id="err-$field">\Q$L->{$key}\E</p>}, "... the message beside the field '$field'";
    like $html, qr{id="$field"[^>]*aria-invalid="true"}, '... the field marked invalid';
    like $html, qr{value="\Q$shown\E"}, '... keeping what was typed' if defined $shown;
    unlike $html, qr{id="h-departments"}, '... and no figures';
}
$r = $sup->get($s->url('/staff/reports/workload?from=2026-01-32&department=99999'));
is $r->code, 400, 'two wrong fields at once → 400';
like body_of($r), qr{id="err-from">\Q$L->{'Err.report_date'}\E<.*id="err-department">\Q$L->{'Err.report_department'}\E<}s,
    '... each with its message';
$r = $sup->get($s->url("/staff/reports/workload?from=@{[ $day->(1094) ]}&to=$today"));
is $r->code, 200, 'a period just under three years is fine';

# ------------------------------------------------------------ managers see their departments only

my $bae = signed_in_ua('welfare.bae');
$r = $bae->get($s->url('/staff/reports/workload'));
is $r->code, 200, 'a manager sees the report';
$html = body_of($r);
@rows = table_rows(section_of($html, 'h-departments'));
is_deeply figures(\@rows, 'Report.Department', '보고서시험과'), [4, 3, 2, 3, '3.0'],
    '... of the division they manage';
ok !figures(\@rows, 'Report.Department', '도로과'), '... and not of a department they do not manage';
unlike $html, qr{<option value="4"}, '... which is not offered in the form either';
@hrows = table_rows(section_of($html, 'h-handlers'));
is_deeply figures(\@hrows, 'Report.Handler', '문공원'), [4, 2, 2, 1, '3.0'],
    '... with their handlers, without choosing a department';

my $choi = signed_in_ua('road.choi');
$r = $choi->get($s->url('/staff/reports/workload'));
$html = body_of($r);
@rows = table_rows(section_of($html, 'h-departments'));
ok figures(\@rows, 'Report.Department', '도로과'), 'the manager of 도로과 sees 도로과';
ok !figures(\@rows, 'Report.Department', '보고서시험과'), '... not the test division';
unlike $html, qr{보고서시험과|문공원|유건축}, '... nor its name or handlers anywhere';
$r = $choi->get($s->url("/staff/reports/workload?department=$dept"));
is $r->code, 400, '... and asking for it by editing the address is refused';
like body_of($r), qr{\Q$L->{'Err.report_department'}\E}, '... with the message';
unlike body_of($r), qr{문공원|유건축}, '... showing nothing of it';

my $viewer = signed_in_ua('viewer.oh');
$r = $viewer->get($s->url("/staff/reports/workload?department=$dept"));
is $r->code, 200, 'a viewer sees the report';
@hrows = table_rows(section_of(body_of($r), 'h-handlers'));
is_deeply figures(\@hrows, 'Report.Handler', '유건축'), [1, 2, 0, 2, $L->{'Report.NoAverage'}],
    '... of any department, with its handlers';

is $s->sql_value('SELECT COUNT(*) FROM cases'), $cases_before, 'reading reports changes nothing';

# Overdue now includes a case due today whose due time has passed: the
# counters know only its due day (today: not yet overdue there), the
# report counts those cases apart. The counters' statements bind today
# (MariaDB's query cache keeps their results): the rebuild's writes must
# show at once all the same.
sql_kst("UPDATE cases SET due_at = GREATEST(CURDATE(), NOW() - INTERVAL 1 MINUTE) WHERE id = $id{D}");
is +($s->ctl('counters-rebuild'))[1], 0, 'case D now due today, a minute ago (counted again)';
$r = $sup->get($s->url("/staff/reports/workload?department=$dept"));
$html = body_of($r);
@rows = table_rows(section_of($html, 'h-departments'));
is_deeply figures(\@rows, 'Report.Department', '보고서시험과'), [4, 3, 2, 4, '3.0'],
    '... the division: 4 overdue now (C, F and D)';
@hrows = table_rows(section_of($html, 'h-handlers'));
is_deeply figures(\@hrows, 'Report.Handler', '문공원'), [4, 2, 2, 2, '3.0'], '... handler 1: 2 overdue (B late, D)';
@rows = table_rows(section_of(body_of($sup->get($s->url('/staff/reports/workload'))), 'h-departments'));
is_deeply figures(\@rows, 'Report.Department', '보고서시험과'), [4, 3, 2, 4, '3.0'],
    '... and so in the whole organisation\'s report';
sql_kst("UPDATE cases SET due_at = NOW() + INTERVAL 6 DAY WHERE id = $id{D}");
is +($s->ctl('counters-rebuild'))[1], 0, 'case D due in six days again';
@rows = table_rows(section_of(body_of($sup->get($s->url("/staff/reports/workload?department=$dept"))), 'h-departments'));
is_deeply figures(\@rows, 'Report.Department', '보고서시험과'), [4, 3, 2, 3, '3.0'], '... 3 overdue again';

# ------------------------------------------------------------ public statistics

# Expectations per year, from each case's own dates.
my $year = sql_kst_value('SELECT YEAR(CURDATE())');
my %in_year = (received => 0, answered => 0, on_time => 0, seconds => 0);
for my $k (sort keys %id) {
    my ($fy, $ay, $ok, $secs) = @{ (sql_kst("SELECT YEAR(created_at), YEAR(answered_at),"
        . " answered_at <= due_at, TIMESTAMPDIFF(SECOND, created_at, answered_at) FROM cases WHERE id = $id{$k}"))[0] };
    $in_year{received}++ if $fy == $year;
    next unless defined $ay && $ay == $year;
    $in_year{answered}++;
    $in_year{on_time} += $ok;
    $in_year{seconds} += $secs;
}

$r = $anon->get($s->url('/stats'));
is $r->code, 200, 'the public statistics need no sign-in';
$html = body_of($r);
my @all = table_rows(section_of($html, 'h-all'));
my ($mine) = grep { ($_->{ $L->{'PublicStats.Department'} } // '') eq '보고서시험과' } @all;
ok $mine, 'the division is in the all-time table';
is_deeply [ map { $mine->{ $L->{"PublicStats.$_"} } } qw(Received Answered OnTime Share AvgDays) ],
    [7, 4, 2, 50, '7.0'], '... 7 received, 4 answered, 2 on time (50%), 7.0 days on average';
my @yr = table_rows(section_of($html, 'h-year'));
($mine) = grep { ($_->{ $L->{'PublicStats.Department'} } // '') eq '보고서시험과' } @yr;
my $share = $in_year{answered} ? sprintf('%.0f', 100 * $in_year{on_time} / $in_year{answered}) : '-';
my $avg = $in_year{answered} ? sprintf('%.1f', $in_year{seconds} / $in_year{answered} / 86400) : '-';
is_deeply [ map { $mine->{ $L->{"PublicStats.$_"} } } qw(Received Answered OnTime Share AvgDays) ],
    [ @in_year{qw(received answered on_time)}, $share, $avg ], "the $year table, the current year's";
like $html, qr{<option value="$year" selected>}, "... which is the year chosen";
unlike $html, qr{보고서시민|\Q$acct->{login_id}\E|박지훈|박\*훈}, 'no personal data';
like $html, qr{href="/examples"}, 'a link to the example cases';

my $g_year = sql_kst_value("SELECT YEAR(created_at) FROM cases WHERE id = $id{G}");
$r = $anon->get($s->url("/stats?year=$g_year"));
is $r->code, 200, "the statistics of $g_year";
@yr = table_rows(section_of(body_of($r), 'h-year'));
($mine) = grep { ($_->{ $L->{'PublicStats.Department'} } // '') eq '보고서시험과' } @yr;
ok $mine, '... have the division';
is $mine->{ $L->{'PublicStats.Received'} },
    sql_kst_value("SELECT COUNT(*) FROM cases WHERE department_id = $dept AND YEAR(created_at) = $g_year"),
    '... with the cases filed then (G, and others near the turn of the year)';
$r = $anon->get($s->url('/stats?year=1800'));
is $r->code, 400, 'a year without cases → 400';
unlike body_of($r), qr{id="h-year"}, '... and no year table';
$r = $anon->get($s->url('/stats?year=%3Cscript%3E'));
is $r->code, 400, 'a year that is not one → 400';
like body_of($r), qr{<p class="field-error" id="err-year">\Q$L->{'Err.report_year'}\E</p>}, '... with the message beside the select';
unlike body_of($r), qr{<script>}, '... nothing echoed raw';

# ------------------------------------------------------------ example cases

sql_kst("UPDATE cases SET is_example = 1 WHERE id IN ($id{A}, $id{B})");
sql_kst("UPDATE cases SET is_public = 0 WHERE id = $id{B}");
sql_kst(qq{INSERT INTO case_events (case_id, kind, actor_id, department_id, is_public, note, created_at)
           VALUES ($id{A}, 'answered', $h1, $dept, 1, '보도블록을 새로 깔았습니다. 알려 주셔서 감사합니다.', NOW())});
# Written around the application: the public pages' rows are built again (0057).
$s->ctl('public-view-rebuild');
$r = $anon->get($s->url('/examples'));
is $r->code, 200, 'the example cases need no sign-in';
$html = body_of($r);
like $html, qr{<a href="/cases/$t{A}">보고서 시험 민원 A</a>}, 'a published example links to its case page';
unlike $html, qr{보고서 시험 민원 B}, 'an example that is not public is not shown';
unlike $html, qr{보고서 시험 민원 D}, 'a public case that is not an example is not shown';
like $html, qr{보고서시험과}, '... with its department';
like $html, qr{\Q보고서 시험\E}, '... and its category';
like $html, qr{<p class="excerpt">보고서 시험을 위한 민원 A 의 내용입니다\. [^<]*…</p>}, '... and a short excerpt';
my $seeded = $s->sql_value(qq{SELECT title FROM cases WHERE is_example = 1 AND is_public = 1 AND id NOT IN (@{[ join ',', values %id ]}) ORDER BY created_at DESC LIMIT 1});
ok index($html, '보고서 시험 민원 A') < index($html, $seeded), 'newest first' or diag "seeded: $seeded";
unlike $html, qr{보고서시민}, 'no filer names';
like $html, qr{href="/stats"}, 'a link to the statistics';
$r = $anon->get($s->url("/cases/$t{A}"));
like body_of($r), qr{보도블록을 새로 깔았습니다}, "the case page shows the answer";
is $anon->get($s->url('/examples?page=0'))->code, 400, 'page 0 → 400';
is $anon->get($s->url('/examples?page=2'))->code, 200, 'a page past the end is an empty page';

# ------------------------------------------------------------ English

my $en = $s->ua;
$en->default_header('Accept-Language' => 'en');
$r = $en->get($s->url('/stats'));
like body_of($r), qr{Report Test Division}, 'English statistics name the department in English';

$s->stop;
done_testing;
