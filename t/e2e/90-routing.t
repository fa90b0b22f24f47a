# SPDX-License-Identifier: AGPL-3.0-or-later
# 90-routing.t: distribution by the category's rules, across the system.
# Round-robin is fair under 200 concurrent filings by 20 citizens (every
# case filed once, the tracking numbers consecutive, the handlers' counts
# differ by at most 1, the turn goes strictly round) and keeps its turn
# across a restart of madang-web;
# round-robin and random skip an absent handler; when every handler is
# absent the substitute takes the case; joint gives it to every present
# handler; a category without a (live) department lands in the unplaced
# queue; manual leaves the case in the department's queue. A holiday added
# or removed on the administration page moves the deadline of the cases
# filed afterwards, whichever worker files them (each keeps the holidays).
use strict;
use warnings;
use utf8;
use Test::More;
use Encode qw(encode);
use POSIX ();
use File::Temp ();
use Time::Local qw(timegm);
use Madang::Test;
use Madang::Staff qw(scope_rebuild);

binmode $_, ':encoding(UTF-8)'
    for map { Test::More->builder->$_ } qw(output failure_output todo_output);

my $s = Madang::Test->start(seed => 1, workers => 4);

# ------------------------------------------------------------ helpers

sub bytes_of { my ($v) = @_; return utf8::is_utf8($v) ? encode('UTF-8', $v) : $v }

sub q_ { my ($v) = @_; $v =~ s/\\/\\\\/g; $v =~ s/'/\\'/g; return "'$v'" }

# Times in SQL are the office's (+09:00), as madang-web's sessions set.
sub sql_kst { my ($q) = @_; return $s->sql("SET time_zone = '+09:00'; $q") }


# A signed-in citizen: a user agent with its session and the filing form's
# CSRF token. The accounts are made with SQL (the demo citizen's password
# hash) so that 20 of them cost no registrations.
my $citizen_hash = $s->sql_value(q{SELECT password_hash FROM accounts WHERE login_id = 'citizen'});
my $nciti = 0;
sub new_citizen {
    $nciti++;
    my $login = sprintf 'rrcit%03d', $nciti;
    $s->sql("INSERT INTO accounts (login_id, password_hash, name, email, kind, lang, consent_version, consent_at)"
        . " VALUES ('$login', " . q_($citizen_hash) . ", '시민$nciti', '$login\@example.org', 'citizen', 'ko',"
        . " '2026-01', NOW())");
    my $ua = $s->ua;
    my $r = Madang::Test::sign_in($s, $ua, $login, 'madang-citizen-2026');
    die "sign-in of $login: " . $r->status_line unless $r->code == 303;
    my $form = $ua->get($s->url('/cases/new'));
    die 'GET /cases/new: ' . $form->status_line unless $form->code == 200;
    return { ua => $ua, login => $login, id => $s->account_id($login), csrf => $s->csrf_from($form) };
}

# Files one case through the form; returns (HTTP code, tracking number).
sub file_case {
    my ($c, $category, $title) = @_;
    # Every value as bytes: one character string among them would make
    # URI encode the others' bytes a second time.
    my $r = $c->{ua}->post($s->url('/cases/new'), [ map { bytes_of($_) }
        csrf     => $c->{csrf},
        category => $category,
        title    => $title,
        body     => "$title: 본문입니다.",
        public   => 1,
    ]);
    my ($tracking) = ($r->header('Location') // '') =~ m{^/cases/(\d{4}-\d{6})\?filed=1$};
    return ($r->code, $tracking);
}

# The case filed with this title: [id, status, department, unplaced].
sub case_by_title {
    my ($title) = @_;
    my ($row) = $s->sql('SELECT id, status, IFNULL(department_id, 0), unplaced FROM cases WHERE title = ' . q_($title));
    return $row;
}

# The handlers of a case, as login IDs sorted.
sub handlers_of {
    my ($case_id) = @_;
    return join ',', map { $_->[0] } $s->sql(
        "SELECT a.login_id FROM case_handlers h JOIN accounts a ON a.id = h.account_id"
        . " WHERE h.case_id = $case_id ORDER BY a.login_id");
}

# Files $per_proc cases in $category from one process per citizen, all at
# once; returns { title => [HTTP code, tracking] }.
sub file_concurrently {
    my ($category, $tag, $per_proc, @cits) = @_;
    my @kids;
    for my $k (0 .. $#cits) {
        my $out = File::Temp->new;
        my $pid = fork // die "fork: $!";
        if (!$pid) {
            # The child leaves by POSIX::_exit only: it must not run the
            # test's END blocks (which would stop the stack).
            my $ok = eval {
                open my $fh, '>:encoding(UTF-8)', $out->filename or die $!;
                for my $i (1 .. $per_proc) {
                    my $title = "순차분배 $tag $cits[$k]{login} $i";
                    my ($code, $tracking) = file_case($cits[$k], $category, $title);
                    print {$fh} join("\t", $title, $code, $tracking // ''), "\n";
                }
                close $fh or die $!;
                1;
            };
            POSIX::_exit($ok ? 0 : 1);
        }
        push @kids, [$pid, $out];
    }
    my %res;
    for my $kid (@kids) {
        waitpid($kid->[0], 0);
        is $? >> 8, 0, "filing process $kid->[0] finished";
        open my $fh, '<:encoding(UTF-8)', $kid->[1]->filename or die $!;
        while (my $l = <$fh>) {
            chomp $l;
            my ($title, $code, $tracking) = split /\t/, $l;
            $res{$title} = [$code, $tracking];
        }
    }
    return \%res;
}

# ------------------------------------------------------------ the organisation

# A third handler for 도로과 (4), beside road.lee and road.park.
$s->sql(q{INSERT INTO accounts (login_id, password_hash, name, email, mobile, kind, lang)
    SELECT 'road.kang', password_hash, '강도로', 'road.kang@madang.example', '01070000034', 'staff', 'ko'
    FROM accounts WHERE login_id = 'road.lee'});
my %id = map { $_ => $s->account_id($_) } qw(road.lee road.park road.kang road.choi traffic.kim);
$s->sql("INSERT INTO staff_departments (account_id, department_id) VALUES ($id{'road.kang'}, 4);"
    . " INSERT INTO staff_roles (account_id, role, department_id, with_subtree) VALUES ($id{'road.kang'}, 'handler', 4, 1)");
scope_rebuild($s);
is $s->sql_value("SELECT COUNT(*) FROM staff_scope WHERE department_id = 4 AND can_handle = 1 AND can_manage = 0"),
    3, '도로과 has three handlers';
is $s->sql_value("SELECT mode FROM categories WHERE id = 1"), 'round_robin', '도로·보도 is round-robin to 도로과';
my @handlers = ('road.lee', 'road.park', 'road.kang');

# ------------------------------------------------------------ round-robin: 200 concurrent filings

my @cits = map { new_citizen() } 1 .. 20;
my $t0 = time;
my $res = file_concurrently(1, '가', 5, @cits);
ok $s->restart_web, 'madang-web restarts between the two halves';
my $res2 = file_concurrently(1, '나', 5, @cits);
note sprintf 'filed 200 cases in %d s', time - $t0;

my @all = (values %$res, values %$res2);
is scalar(keys %$res), 100, 'the first half: 100 filings';
is scalar(keys %$res2), 100, 'the second half: 100 filings';
is scalar(grep { $_->[0] == 303 } @all), 200, 'every filing redirected (303)';
my %tracking;
$tracking{ $_->[1] // '' }++ for @all;
is scalar(grep { $_ ne '' } keys %tracking), 200, '200 distinct tracking numbers';
# The number is taken outside the filing's transaction (case_file): when
# no filing fails, the numbers still follow each other without a gap.
my @seq = sort { $a <=> $b } map { /^\d{4}-(\d{6})$/ ? $1 + 0 : () } keys %tracking;
is $seq[-1] - $seq[0] + 1, 200, 'the 200 numbers are consecutive: no gap';

my $mine = join ',', map { $_->{id} } @cits;
is $s->sql_value("SELECT COUNT(*) FROM cases WHERE account_id IN ($mine)"), 200, '200 cases stored';
is $s->sql_value("SELECT COUNT(*) FROM (SELECT title FROM cases WHERE account_id IN ($mine)"
    . " GROUP BY title HAVING COUNT(*) <> 1) x"), 0,
    'each case filed exactly once: nothing lost, nothing doubled';
is $s->sql_value("SELECT COUNT(DISTINCT title) FROM cases WHERE account_id IN ($mine)"), 200, '200 distinct titles';
is $s->sql_value("SELECT COUNT(*) FROM cases c WHERE c.account_id IN ($mine)"
    . " AND (SELECT COUNT(*) FROM case_events e WHERE e.case_id = c.id AND e.kind = 'filed') <> 1"), 0,
    "one 'filed' event per case";
is $s->sql_value("SELECT COUNT(*) FROM cases WHERE account_id IN ($mine)"
    . " AND (status <> 'assigned' OR department_id <> 4 OR unplaced <> 0)"), 0,
    'every case assigned in 도로과';
is $s->sql_value("SELECT COUNT(*) FROM cases c WHERE c.account_id IN ($mine)"
    . " AND (SELECT COUNT(*) FROM case_handlers h WHERE h.case_id = c.id) <> 1"), 0,
    'every case has exactly one handler';

my %count = map { $_->[0] => $_->[1] } $s->sql(
    "SELECT a.login_id, COUNT(*) FROM case_handlers h JOIN cases c ON c.id = h.case_id"
    . " JOIN accounts a ON a.id = h.account_id WHERE c.account_id IN ($mine) GROUP BY a.login_id");
is_deeply [sort keys %count], [sort @handlers], 'only the three handlers got cases';
my ($min, $max) = (sort { $a <=> $b } map { $count{$_} // 0 } @handlers)[0, -1];
cmp_ok $max - $min, '<=', 1, "handlers' counts differ by at most 1"
    or diag explain \%count;
note explain \%count;

# The turn: in the order the round-robin row was taken (the 'assigned'
# events' order: each is written while the row is locked), each handler
# follows the one before it, across the restart too.
my @order = map { $_->[0] } $s->sql(
    "SELECT e.target_account_id FROM case_events e JOIN cases c ON c.id = e.case_id"
    . " WHERE c.account_id IN ($mine) AND e.kind = 'assigned' ORDER BY e.id");
is scalar(@order), 200, "200 'assigned' events";
my @ring = map { $id{$_} } @handlers;    # ids in ascending order
my %next = map { $ring[$_] => $ring[($_ + 1) % @ring] } 0 .. $#ring;
my @bad = grep { $next{ $order[$_ - 1] } != $order[$_] } 1 .. $#order;
is scalar(@bad), 0, 'the turn goes strictly round (lee, park, kang, lee, ...), across the restart'
    or diag "out of turn at: @bad[0 .. ($#bad < 9 ? $#bad : 9)]";
is $s->sql_value('SELECT last_account_id FROM round_robin WHERE category_id = 1 AND department_id = 4'),
    $order[-1], 'the round_robin row holds the last handler given a case';

# road.kang, the handler added by SQL, finds his cases in "my cases".
{
    my $ua = $s->ua;
    my $r = Madang::Test::sign_in($s, $ua, 'road.kang', 'madang-staff-2026');
    is $r->code, 303, 'road.kang signs in';
    my $tr = $s->sql_value("SELECT c.tracking_no FROM cases c JOIN case_handlers h ON h.case_id = c.id"
        . " WHERE h.account_id = $id{'road.kang'} ORDER BY c.id DESC LIMIT 1");
    $r = $ua->get($s->url('/staff/cases?view=mine'));
    is $r->code, 200, 'his inbox';
    ok +(($r->decoded_content // '') =~ /\Q$tr\E/), "... lists his latest case $tr";
    $r = $ua->get($s->url("/staff/cases/$tr"));
    is $r->code, 200, '... which he opens';
}

# ------------------------------------------------------------ absences

my $cit = $cits[0];
my $seq = 0;

# Files one case in $category and returns [case_id, handlers].
sub file_one {
    my ($category, $what) = @_;
    my $title = sprintf '%s %d', $what, ++$seq;
    my ($code, $tracking) = file_case($cit, $category, $title);
    is $code, 303, "filed: $title" or return [0, ''];
    my $row = case_by_title($title);
    return [$row->[0], handlers_of($row->[0]), $row, $tracking];
}

sub absent {
    my ($login, $sub) = @_;
    sql_kst("INSERT INTO absences (account_id, kind, starts_at, ends_at, substitute_id, created_by, created_at)"
        . " VALUES ($id{$login}, 'leave', NOW() - INTERVAL 1 HOUR, NOW() + INTERVAL 1 DAY,"
        . ($sub ? $id{$sub} : 'NULL') . ", $id{$login}, NOW())");
}

# road.park is on leave: round-robin passes over him.
absent('road.park');
my %got;
for (1 .. 6) {
    my $f = file_one(1, '부재 순차');
    $got{ $f->[1] }++;
}
is_deeply \%got, { 'road.kang' => 3, 'road.lee' => 3 },
    'round-robin skips the absent handler and alternates between the two present';

# Random mode (소음·환경오염, 4, pointed at 도로과): never the absent one.
$s->sql('UPDATE categories SET department_id = 4, mode = \'random\' WHERE id = 4');
%got = ();
for (1 .. 16) {
    my $f = file_one(4, '부재 임의');
    $got{ $f->[1] }++;
}
is_deeply [sort keys %got], ['road.kang', 'road.lee'],
    'random assigns only present handlers (both of them over 16 cases)' or diag explain \%got;

# A past and a future absence do not count.
sql_kst("INSERT INTO absences (account_id, kind, starts_at, ends_at, created_by, created_at) VALUES"
    . " ($id{'road.lee'}, 'training', NOW() - INTERVAL 3 DAY, NOW() - INTERVAL 1 DAY, $id{'road.lee'}, NOW()),"
    . " ($id{'road.kang'}, 'training', NOW() + INTERVAL 1 DAY, NOW() + INTERVAL 3 DAY, $id{'road.kang'}, NOW())");
%got = ();
$got{ file_one(1, '지난 부재')->[1] }++ for 1 .. 2;
is_deeply \%got, { 'road.kang' => 1, 'road.lee' => 1 }, 'past and future absences do not count';

# Everyone away: the substitute of the first absent handler who has one.
absent('road.lee', 'traffic.kim');
absent('road.kang');
for my $mode (qw(round_robin random joint)) {
    $s->sql("UPDATE categories SET mode = '$mode' WHERE id = 4");
    my $f = file_one(4, "모두 부재 $mode");
    is $f->[1], 'traffic.kim', "$mode: every handler absent, road.lee's substitute takes the case";
    is $f->[2][1], 'assigned', '... assigned';
    is $f->[2][2], 4, '... still in 도로과';
    is $s->sql_value("SELECT COUNT(*) FROM case_events WHERE case_id = $f->[0] AND kind = 'assigned'"
        . " AND target_account_id = $id{'traffic.kim'} AND is_public = 1"), 1, "... with a public 'assigned' event";
}

# Nobody present and no substitute: the case waits in the department's queue.
$s->sql("UPDATE absences SET substitute_id = NULL");
{
    $s->sql("UPDATE categories SET mode = 'round_robin' WHERE id = 4");
    my $f = file_one(4, '대체자 없음');
    is $f->[1], '', 'no handler present and no substitute: no handler';
    is_deeply [@{ $f->[2] }[1, 2, 3]], ['received', 4, 0], "... the case waits in 도로과's queue (received)";
}
$s->sql('DELETE FROM absences');

# ------------------------------------------------------------ joint

$s->sql("UPDATE categories SET mode = 'joint' WHERE id = 4");
{
    my $f = file_one(4, '공동 분배');
    is $f->[1], 'road.kang,road.lee,road.park', 'joint gives the case to every handler of the department';
    is $s->sql_value("SELECT COUNT(*) FROM case_events WHERE case_id = $f->[0] AND kind = 'assigned'"), 3,
        "... three 'assigned' events";
    absent('road.lee');
    $f = file_one(4, '공동 분배 부재');
    is $f->[1], 'road.kang,road.park', 'joint passes over the absent handler';
    is $f->[2][1], 'assigned', '... assigned';
    $s->sql('DELETE FROM absences');
}
# The manager (no handler role) never receives cases by distribution.
is $s->sql_value("SELECT COUNT(*) FROM case_handlers h JOIN cases c ON c.id = h.case_id"
    . " WHERE h.account_id = $id{'road.choi'} AND c.account_id IN ($mine)"), 0,
    'the manager road.choi was never given a case by distribution';

# ------------------------------------------------------------ unplaced

# 기타 (10) loses its department: the case is kept, in the unplaced queue.
$s->sql('UPDATE categories SET department_id = NULL WHERE id = 10');
{
    my $f = file_one(10, '부서 없는 분류');
    ok $f->[0], 'a case in a category without a department is stored';
    is_deeply [@{ $f->[2] }[1, 2, 3]], ['received', 0, 1], '... received, no department, unplaced';
    is $f->[1], '', '... no handler';
    is $s->sql_value("SELECT COUNT(*) FROM case_events WHERE case_id = $f->[0] AND kind = 'unplaced'"), 1,
        "... an 'unplaced' event";
    my $r = $cit->{ua}->get($s->url("/cases/$f->[3]"));
    is $r->code, 200, '... the citizen sees it';
    $r = $cit->{ua}->get($s->url('/my/cases'));
    ok +(($r->decoded_content // '') =~ /\Q$f->[3]\E/), '... in My cases';
}
# A deactivated department cannot take cases either.
$s->sql('UPDATE departments SET active = 0 WHERE id = 9');    # 공원녹지과, category 5
{
    my $f = file_one(5, '폐지된 부서');
    is_deeply [@{ $f->[2] }[1, 2, 3]], ['received', 0, 1], 'a deactivated department: unplaced too';
}
is $s->sql_value("SELECT COUNT(*) FROM cases WHERE account_id IN ($mine) AND unplaced = 1"), 2,
    'two cases wait for the supervisor';

# The supervisor sees them: counted on the administration page, listed
# in the inbox's unplaced view.
{
    my $ua = $s->ua;
    is Madang::Test::sign_in($s, $ua, 'admin', 'madang-admin-2026')->code, 303, 'the supervisor signs in';
    my @unplaced = map { $_->[0] } $s->sql("SELECT tracking_no FROM cases WHERE account_id IN ($mine) AND unplaced = 1");
    my $r = $ua->get($s->url('/admin'));
    is $r->code, 200, 'the administration page';
    my $all = $s->sql_value('SELECT COUNT(*) FROM cases WHERE unplaced = 1');
    like $r->decoded_content // '', qr{href="/staff/cases\?view=unplaced"[^>]*>[^<]*\($all\)},
        "... links to the $all unplaced case(s)";
    $r = $ua->get($s->url('/staff/cases?view=unplaced'));
    is $r->code, 200, 'the unplaced view of the inbox';
    my $html = $r->decoded_content // '';
    ok +($html =~ /\Q$_\E/), "... lists $_" for @unplaced;
    # (The case that waits in 도로과's queue is received too, but placed.)
    my $placed = $s->sql_value("SELECT tracking_no FROM cases WHERE account_id IN ($mine) AND unplaced = 0"
        . " AND status = 'received' LIMIT 1");
    ok +($html !~ /\Q$placed\E/), "... and not $placed, received in a department's queue";
}

# ------------------------------------------------------------ manual

is $s->sql_value('SELECT mode FROM categories WHERE id = 9'), 'manual', '행정 일반 is manual';
{
    my $f = file_one(9, '수동 분배');
    is_deeply [@{ $f->[2] }[1, 2, 3]], ['received', 2, 0], "manual: received in 민원담당관실's queue";
    is $f->[1], '', '... no handler';
    is $s->sql_value("SELECT COUNT(*) FROM case_events WHERE case_id = $f->[0] AND kind = 'routed'"
        . " AND department_id = 2"), 1, "... a 'routed' event";
    # The department's manager finds it in the department's queue.
    my $ua = $s->ua;
    is Madang::Test::sign_in($s, $ua, 'civil.han', 'madang-staff-2026')->code, 303, 'civil.han (manager) signs in';
    my $r = $ua->get($s->url('/staff/cases?view=department'));
    is $r->code, 200, "민원담당관실's queue";
    ok +(($r->decoded_content // '') =~ /\Q$f->[3]\E/), "... lists the case $f->[3]";
}

# ------------------------------------------------------------ holidays

# The nth working day after $ymd (not counting it), skipping weekends and
# the holidays in the database: what biz_add_workdays computes.
sub add_workdays {
    my ($ymd, $n) = @_;
    my %hol = map { $_->[0] => 1 } $s->sql("SELECT DATE_FORMAT(day, '%Y-%m-%d') FROM holidays");
    my ($y, $m, $d) = split /-/, $ymd;
    my $t = timegm(0, 0, 12, $d, $m - 1, $y);
    my ($count, $day) = (0, undef);
    while ($count < $n) {
        $t += 86400;
        my @g = gmtime $t;
        $day = POSIX::strftime('%Y-%m-%d', @g);
        next if $g[6] == 0 || $g[6] == 6 || $hol{$day};
        $count++;
    }
    return $day;
}

# Files $per_proc cases in 도로·보도 (1) from each of 8 citizens at once,
# so that every worker files some; returns their deadlines { due => count }.
my $holiday_round = 0;
sub deadlines_filed_now {
    my ($per_proc) = @_;
    my $tag = '공휴일' . ++$holiday_round;
    my $res = file_concurrently(1, $tag, $per_proc, @cits[0 .. 7]);
    is scalar(grep { $_->[0] == 303 } values %$res), 8 * $per_proc, "$tag: every filing redirected (303)";
    my %due;
    $due{ $_->[0] }++ for sql_kst("SELECT DATE_FORMAT(due_at, '%Y-%m-%d %H:%i:%s') FROM cases"
        . " WHERE title LIKE " . q_("순차분배 $tag %"));
    return \%due;
}

{
    my $ua = $s->ua;
    is Madang::Test::sign_in($s, $ua, 'admin', 'madang-admin-2026')->code, 303, 'the supervisor signs in for the holidays';
    my ($today) = map { $_->[0] } sql_kst("SELECT DATE_FORMAT(CURDATE(), '%Y-%m-%d')");
    my $days = $s->sql_value('SELECT deadline_days FROM categories WHERE id = 1');
    my $before = add_workdays($today, $days) . ' 18:00:00';
    is_deeply deadlines_filed_now(2), { $before => 16 }, "before: every deadline $days working days ahead, $before";

    # A working day inside the cases' period becomes a holiday.
    my $day = add_workdays($today, 1);
    my $change = sub {
        my (@fields) = @_;
        my $csrf = $s->csrf_from($ua->get($s->url('/admin/holidays')));
        return $ua->post($s->url('/admin/holidays'), [ map { bytes_of($_) } csrf => $csrf, @fields ]);
    };
    is $change->(action => 'add', day => $day, name => '임시 공휴일')->code, 303, "the administrator adds a holiday on $day";
    my $after = add_workdays($today, $days) . ' 18:00:00';
    isnt $after, $before, "... which moves the deadline to $after";
    is_deeply deadlines_filed_now(3), { $after => 24 }, '... for every case filed afterwards, by any worker';

    is $change->(action => 'remove', day => $day)->code, 303, '... and removes it';
    is_deeply deadlines_filed_now(3), { $before => 24 }, '... the deadline is back for the cases filed then';
}

$s->stop;
done_testing;
