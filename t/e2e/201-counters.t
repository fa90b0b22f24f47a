# SPDX-License-Identifier: AGPL-3.0-or-later
# 201-counters.t: the reports' counters (case_counts, migration 0045,
# lib/reports/counters.c) stay exact through every transition of a case.
# Cases are driven through HTTP as the demo's staff and citizen would:
# filing (round-robin), start, extension, answer, the citizen's closing
# and reopening, transfer and sending back, assignment, the approval flow
# with a returned answer, a compound case with its joint part, re-filing,
# withdrawal, a rating and its callback, and escalation by `madangctl
# tick`. After each step (1) the counters as the writers left them equal
# a count from nothing (`madangctl counters-rebuild`) and (2) equal the
# figures computed here straight from the cases, per department and day,
# per handler, per status, and with the joint departments (and the
# months' table is the days' summed by month, and the workload report's
# day and open tables, 0062, are case_counts summed over their keys).
use strict;
use warnings;
use utf8;
use Encode qw(encode);
use Test::More;
use Madang::Test;
use Madang::Lifecycle;

binmode $_, ':encoding(UTF-8)'
    for map { Test::More->builder->$_ } qw(output failure_output todo_output);

my $s = Madang::Test->start(seed => 1);

# Stored times are the office's (+09:00), as the application's sessions read them.
sub sql { my ($q) = @_; return $s->sql(encode('UTF-8', "SET time_zone = '+09:00'; $q")) }
sub rows_text { return join "\n", map { join '|', map { $_ // '' } @$_ } @_ }

my $FIGURES = 'received, answered, late, seconds, open_filed, extensions, transfers, reopened,'
    . ' ratings, rating_sum, callbacks';
my $NONZERO = join ' OR ', map { "$_ <> 0" } split /,\s*/, $FIGURES;

my $DAY_FIGURES = 'received, answered, late, seconds, extensions, transfers, reopened,'
    . ' ratings, rating_sum, callbacks';
my $DAY_NONZERO = join ' OR ', map { "$_ <> 0" } split /,\s*/, $DAY_FIGURES;

# The counters as stored, the rows that hold anything (case_counts, and
# the workload report's case_counts_day and case_counts_open, 0062).
sub counters {
    return join "\n--\n",
        rows_text(sql("SELECT dim, joint, department_id, day, val, due, wd, $FIGURES FROM case_counts"
            . " WHERE $NONZERO ORDER BY dim, joint, department_id, day, val, due, wd")),
        rows_text(sql("SELECT dim, joint, department_id, day, val, $DAY_FIGURES FROM case_counts_day"
            . " WHERE $DAY_NONZERO ORDER BY dim, joint, department_id, day, val")),
        rows_text(sql("SELECT dim, joint, department_id, val, due, open_filed FROM case_counts_open"
            . " ORDER BY dim, joint, department_id, val, due"));
}

my $OPEN = q{'received', 'assigned', 'in_progress', 'approval'};

# Each case's figures per day, written here from the cases' rows, apart
# from counters.c: (case, day, figures).
my $FACTS = qq{
  SELECT c.id AS case_id, DATE(c.created_at) AS day, 1 AS received, 0 AS answered, 0 AS late, 0 AS seconds,
    c.status IN ($OPEN) AS open_filed, 0 AS extensions, 0 AS transfers, 0 AS reopened,
    0 AS ratings, 0 AS rating_sum, 0 AS callbacks FROM cases c
  UNION ALL SELECT id, DATE(answered_at), 0, 1, answered_at > IFNULL(due_at, answered_at),
    TIMESTAMPDIFF(SECOND, created_at, answered_at), 0, 0, 0, 0, 0, 0, 0 FROM cases WHERE answered_at IS NOT NULL
  UNION ALL SELECT case_id, DATE(created_at), 0, 0, 0, 0, 0, kind = 'extended', kind = 'transferred',
    kind = 'reopened', 0, 0, 0 FROM case_events WHERE kind IN ('extended', 'transferred', 'reopened')
  UNION ALL SELECT case_id, DATE(rated_at), 0, 0, 0, 0, 0, 0, 0, 0, 1, rating, 0 FROM satisfaction
    WHERE rating IS NOT NULL
  UNION ALL SELECT case_id, DATE(callback_at), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 FROM satisfaction
    WHERE callback_state = 'done'};
my $SUMS = join ', ', map { "SUM(f.$_)" } split /,\s*/, $FIGURES;

# The same figures straight from the cases, by (department, day) of the
# lead department; per handler; per status; per department with the
# joint departments. Each against the counters' rows.
sub full_and_counted {
    my %pair;
    $pair{'lead department, day'} = [
        rows_text(sql("SELECT IFNULL(c.department_id, 0) AS d, f.day, $SUMS FROM ($FACTS) f"
            . " JOIN cases c ON c.id = f.case_id GROUP BY d, f.day HAVING " . having('f.') . " ORDER BY d, f.day")),
        rows_text(sql("SELECT department_id, day, " . sums('') . " FROM case_counts WHERE dim = 'all' AND joint = 0"
            . " GROUP BY department_id, day HAVING " . having() . " ORDER BY department_id, day")) ];
    $pair{'handler'} = [
        rows_text(sql("SELECT h.department_id, h.account_id, $SUMS FROM ($FACTS) f"
            . " JOIN case_handlers h ON h.case_id = f.case_id GROUP BY h.department_id, h.account_id"
            . " HAVING " . having('f.') . " ORDER BY h.department_id, h.account_id")),
        rows_text(sql("SELECT department_id, CAST(val AS UNSIGNED) AS a, " . sums('') . " FROM case_counts"
            . " WHERE dim = 'handler' AND val <> '0' GROUP BY department_id, a HAVING " . having()
            . " ORDER BY department_id, a")) ];
    $pair{'status'} = [
        rows_text(sql("SELECT CAST(c.status AS CHAR) AS st, $SUMS FROM ($FACTS) f JOIN cases c ON c.id = f.case_id"
            . " GROUP BY st HAVING " . having('f.') . " ORDER BY st")),
        rows_text(sql("SELECT val, " . sums('') . " FROM case_counts WHERE dim = 'status' AND joint = 0"
            . " GROUP BY val HAVING " . having() . " ORDER BY val")) ];
    $pair{'department with joint ones'} = [
        rows_text(sql("SELECT p.d, $SUMS FROM ($FACTS) f JOIN ("
            . " SELECT id AS case_id, IFNULL(department_id, 0) AS d FROM cases"
            . " UNION SELECT j.case_id, j.department_id FROM case_departments j WHERE j.role = 'joint') p"
            . " ON p.case_id = f.case_id GROUP BY p.d HAVING " . having('f.') . " ORDER BY p.d")),
        rows_text(sql("SELECT department_id, " . sums('') . " FROM case_counts WHERE dim = 'all'"
            . " GROUP BY department_id HAVING " . having() . " ORDER BY department_id")) ];
    # Overdue now, before today, per lead department.
    $pair{'overdue before today'} = [
        rows_text(sql("SELECT IFNULL(department_id, 0) AS d, COUNT(*) FROM cases WHERE status IN ($OPEN)"
            . " AND DATE(due_at) < CURDATE() GROUP BY d ORDER BY d")),
        rows_text(sql("SELECT department_id, SUM(open_filed) AS n FROM case_counts WHERE dim = 'all' AND joint = 0"
            . " AND due < CURDATE() GROUP BY department_id HAVING n <> 0 ORDER BY department_id")) ];
    # Working days to each answer, counted here day by day (weekdays
    # after the filing day up to the answer's, less holidays).
    my %holiday = map { $_->[0] => 1 } sql("SELECT DATE_FORMAT(day, '%Y-%m-%d') FROM holidays");
    my %hist;
    for my $c (sql("SELECT IFNULL(department_id, 0), TO_DAYS(created_at), TO_DAYS(answered_at) FROM cases"
            . " WHERE answered_at IS NOT NULL")) {
        my ($d, $from, $to) = @$c;
        my $n = 0;
        for my $z ($from + 1 .. $to) {
            # TO_DAYS 0 is year 0; 719528 is 1970-01-01, a Thursday.
            my @g = gmtime(($z - 719528) * 86400);
            $n++ if $g[6] != 0 && $g[6] != 6 && !$holiday{ sprintf '%04d-%02d-%02d', $g[5] + 1900, $g[4] + 1, $g[3] };
        }
        $hist{"$d|$n"}++;
    }
    $pair{'working days'} = [
        join("\n", map { "$_|$hist{$_}" } sort { my @x = split /\|/, $a; my @y = split /\|/, $b; $x[0] <=> $y[0] || $x[1] <=> $y[1] } keys %hist),
        rows_text(sql("SELECT department_id, wd, SUM(answered) AS n FROM case_counts WHERE dim = 'all' AND joint = 0"
            . " AND wd >= 0 GROUP BY department_id, wd HAVING n <> 0 ORDER BY department_id, wd")) ];
    return %pair;
}
sub sums { my ($p) = @_; return join ', ', map { "SUM($p$_) AS $_" } split /,\s*/, $FIGURES }
sub having { my ($p) = @_; $p //= ''; return join ' OR ', map { "SUM($p$_) <> 0" } split /,\s*/, $FIGURES }

my $step = 0;
sub check {
    my ($what) = @_;
    $step++;
    my %pair = full_and_counted();
    for my $k (sort keys %pair) {
        is $pair{$k}[1], $pair{$k}[0], "after $what: the counters per $k equal the count from the cases";
    }
    my $by_month = join ', ', map { "SUM($_)" } split /,\s*/, $FIGURES;
    is rows_text(sql("SELECT dim, joint, department_id, day, val, due, wd, $FIGURES FROM case_counts_month"
            . " WHERE $NONZERO ORDER BY dim, joint, department_id, day, val, due, wd")),
        rows_text(sql("SELECT dim, joint, department_id, DATE_FORMAT(day, '%Y-%m-01') AS m, val, due, wd, $by_month"
            . " FROM case_counts GROUP BY dim, joint, department_id, m, val, due, wd HAVING " . having()
            . " ORDER BY dim, joint, department_id, m, val, due, wd")),
        "after $what: the months' counters are the days' summed by month";
    # The workload report's tables (0062) hold case_counts' sums without
    # its further keys: a writer that forgets them fails here.
    my $day_sums = join ', ', map { "SUM($_) AS $_" } split /,\s*/, $DAY_FIGURES;
    is rows_text(sql("SELECT dim, joint, department_id, day, val, $DAY_FIGURES FROM case_counts_day"
            . " WHERE $DAY_NONZERO ORDER BY dim, joint, department_id, day, val")),
        rows_text(sql("SELECT dim, joint, department_id, day, val, $day_sums FROM case_counts"
            . " GROUP BY dim, joint, department_id, day, val HAVING "
            . join(' OR ', map { "SUM($_) <> 0" } split /,\s*/, $DAY_FIGURES)
            . " ORDER BY dim, joint, department_id, day, val")),
        "after $what: the workload report's day counters are case_counts summed over due and working days";
    is rows_text(sql("SELECT dim, joint, department_id, val, due, open_filed FROM case_counts_open"
            . " ORDER BY dim, joint, department_id, val, due")),
        rows_text(sql("SELECT dim, joint, department_id, val, due, SUM(open_filed) AS n FROM case_counts"
            . " WHERE due < '9999-12-31' GROUP BY dim, joint, department_id, val, due HAVING n <> 0"
            . " ORDER BY dim, joint, department_id, val, due")),
        "after $what: the open counters are case_counts' open rows by due day, and none left at zero";
    my $kept = counters();
    my ($out, $status) = $s->ctl('counters-rebuild');
    is $status, 0, "after $what: counters-rebuild runs" or diag $out;
    is counters(), $kept, "after $what: the counters the writers kept equal a rebuild from nothing";
}

check('the demo data (seed-demo counts it)');
like scalar $s->ctl('counters-rebuild'), qr/^cases counted: \d+$/m, 'counters-rebuild says how many cases it counted';

# The life cycle (Madang::Lifecycle), check() after every step; the
# compound case counts for its joint department too.
my $life;
$life = Madang::Lifecycle->new($s, check => sub {
    my ($what) = @_;
    check($what);
    return unless $what eq 'filing a compound case';
    my (undef, $d_id) = $life->case('d');
    is $s->sql_value("SELECT COUNT(*) FROM case_departments WHERE case_id = $d_id AND role = 'joint' AND department_id = 4"), 1,
        'category 8: 도로과 joins';
    is $s->sql_value("SELECT SUM(received) FROM case_counts WHERE dim = 'all' AND joint = 1 AND department_id = 4"
        . " AND day = (SELECT DATE(created_at) FROM cases WHERE id = $d_id)"), 1,
        '... it counts for its joint department (joint = 1) too';
});
$life->drive;

done_testing;
