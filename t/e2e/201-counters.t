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
use Digest::SHA qw(hmac_sha256);
use MIME::Base64 qw(encode_base64url);
use Test::More;
use Madang::Test qw(body_of forms_of submit_form post_form);
use Madang::Staff qw(signed_in act);

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

my %ua = map { $_ => signed_in($s, $_) } qw(road.lee road.park road.choi traffic.kim welfare.bae safety.ahn);
$ua{admin} = signed_in($s, 'admin', 'madang-admin-2026');
my %id = map { $_ => $s->account_id($_) } qw(road.lee road.park welfare.bae safety.ahn agent.song);
my $citizen = $s->ua;
is Madang::Test::sign_in($s, $citizen, 'citizen', 'madang-citizen-2026')->code, 303, 'the citizen signs in';
sub file {
    my ($category, $title, $body) = @_;
    return Madang::Test::file_case($s, $citizen, category => $category, title => $title, body => $body, public => 1);
}
sub handler_of { my ($id) = @_; return $s->sql_value("SELECT a.login_id FROM case_handlers h JOIN accounts a ON a.id = h.account_id WHERE h.case_id = $id LIMIT 1") }
sub acted { my ($r, $what) = @_; is $r && $r->code, 303, $what or diag($r ? substr(body_of($r), 0, 300) : 'no form') }
sub citizen_act {
    my ($tr, $action, %values) = @_;
    my $page = $citizen->get($s->url("/cases/$tr" . ($action eq 'withdraw' ? '/withdraw' : '')));
    my ($f) = grep { ($_->{fields}{action} // '') eq $action } forms_of(body_of($page));
    return $f ? submit_form($s, $citizen, $f, %values) : undef;
}

# ------------------------------------------------------------ one case's life
my ($a_tr, $a_id) = file(1, '보도 블록이 깨졌습니다', '마당로 3 앞 보도 블록이 깨져 있습니다.');
my $h = handler_of($a_id);
like $h, qr/^road\.(lee|park)$/, "filed and assigned to $h";
check('filing');
acted(act($s, $ua{$h}, $a_tr, 'start'), 'start');
check('start');
my $due = $s->sql_value("SELECT DATE_FORMAT(due_at + INTERVAL 10 DAY, '%Y-%m-%d') FROM cases WHERE id = $a_id");
acted(act($s, $ua{$h}, $a_tr, 'extend', due_date => $due, text => '현장 조사가 필요합니다'), 'extend');
check('an extension');
acted(act($s, $ua{$h}, $a_tr, 'answer', text => '보도 블록을 교체했습니다.'), 'answer');
check('the answer');
acted(citizen_act($a_tr, 'close'), 'the citizen closes');
check('closing');
acted(citizen_act($a_tr, 'reopen', text => '다시 깨졌습니다'), 'the citizen reopens');
check('reopening');

# ------------------------------------------------------------ transfer, send back, assign
my ($b_tr, $b_id) = file(1, '신호등 버튼이 눌리지 않습니다', '누리동 사거리 신호등 버튼이 고장입니다.');
my $bh = handler_of($b_id);
acted(act($s, $ua{$bh}, $b_tr, 'transfer', department => 5, text => '신호등은 교통행정과 소관입니다'), 'transfer');
check('a transfer');
acted(act($s, $ua{'traffic.kim'}, $b_tr, 'send_back', text => '버튼은 도로과에서 관리합니다'), 'send back');
check('sending back');

# ------------------------------------------------------------ approval flow (category 7)
my ($c_tr, $c_id) = file(7, '기초연금 신청 방법', '기초연금은 어디서 신청하나요?');
acted(act($s, $ua{admin}, $c_tr, 'assign', handler => $id{'welfare.bae'}), 'assign');
check('an assignment');
acted(act($s, $ua{'welfare.bae'}, $c_tr, 'submit', text => '행정복지센터에서 신청하실 수 있습니다.'), 'submit');
check('submitting for approval');
acted(act($s, $ua{admin}, $c_tr, 'return_answer', text => '신청 기간도 알려 주세요'), 'return the answer');
check('returning the answer');
acted(act($s, $ua{'welfare.bae'}, $c_tr, 'submit', text => "행정복지센터에서 신청하실 수 있습니다.\n언제든 가능합니다."), 'submit again');
acted(act($s, $ua{admin}, $c_tr, 'approve'), 'approve');
check('the approval');

# ------------------------------------------------------------ compound case (category 8)
my ($d_tr, $d_id) = file(8, '옹벽 균열과 보도 침하', '가람로 옹벽에 금이 가고 보도가 내려앉았습니다.');
is $s->sql_value("SELECT COUNT(*) FROM case_departments WHERE case_id = $d_id AND role = 'joint' AND department_id = 4"), 1,
    'category 8: 도로과 joins';
check('filing a compound case');
is $s->sql_value("SELECT SUM(received) FROM case_counts WHERE dim = 'all' AND joint = 1 AND department_id = 4"
    . " AND day = (SELECT DATE(created_at) FROM cases WHERE id = $d_id)"), 1,
    '... it counts for its joint department (joint = 1) too';
acted(act($s, $ua{admin}, $d_tr, 'assign', handler => $id{'safety.ahn'}), 'assign the compound case');
my $page = $ua{'road.choi'}->get($s->url("/staff/cases/$d_tr"));
my ($part) = grep { $_->{action} eq "/staff/cases/$d_tr/part" } forms_of(body_of($page));
acted($part && submit_form($s, $ua{'road.choi'}, $part, part => '보도는 다음 주에 복구합니다.'), 'the joint part');
acted(act($s, $ua{'safety.ahn'}, $d_tr, 'answer', text => '옹벽은 보강하고 보도는 도로과가 복구합니다.'), 'the lead answers');
check('the compound answer');

# ------------------------------------------------------------ re-filing and withdrawal
my ($e_tr, $e_id) = file(1, '가로수 가지 정리', '가로수 가지가 창문을 가립니다.');
my $eh = handler_of($e_id);
my $other_category = $s->sql_value("SELECT id FROM categories WHERE active = 1 AND id NOT IN (1, 7, 8) ORDER BY id LIMIT 1");
acted(act($s, $ua{$eh}, $e_tr, 'refile', category => $other_category, text => '분야가 다릅니다'), 're-file');
check('re-filing');
my ($f_tr, $f_id) = file(1, '불법 주차 신고', '골목에 차가 늘 서 있습니다.');
acted(citizen_act($f_tr, 'withdraw', text => '해결되었습니다'), 'withdraw');
check('a withdrawal');

# ------------------------------------------------------------ rating and callback
my ($secret_hex) = do { open my $fh, '<', $s->dir . '/run/secret' or die $!; local $/; <$fh> } =~ /([0-9a-f]{64})/i;
my $nonce = join '', map { sprintf '%02x', int rand 256 } 1 .. 16;
sql("INSERT INTO satisfaction (case_id, nonce, created_at) VALUES ($c_id, '$nonce', NOW())");
my $token = "$nonce." . encode_base64url(hmac_sha256("rate:$nonce", pack 'H*', $secret_hex));
my $visitor = $s->ua;
acted(post_form($s, $visitor, "/rate/$token", "/rate/$token", rating => 2, comment => '늦었습니다'), 'a rating');
check('a rating');
my $sat_id = $s->sql_value("SELECT id FROM satisfaction WHERE nonce = '$nonce'");
my $agent = signed_in($s, 'agent.song');
acted(post_form($s, $agent, '/staff/callbacks', "/staff/callbacks/$sat_id", note => '통화했습니다'), 'the callback');
check('a callback');

# ------------------------------------------------------------ escalation
my ($out, $status) = $s->ctl('tick', '--now', $s->sql_value("SELECT DATE_FORMAT(NOW() + INTERVAL 30 DAY, '%Y-%m-%d %H:%i:%s')"));
is $status, 0, 'tick a month ahead escalates the idle cases' or diag $out;
check('escalation');

done_testing;
