# SPDX-License-Identifier: AGPL-3.0-or-later
# 91-escalation.t: idle cases move on a clock the test controls
# (`madangctl tick --now T`): 47 hours after the last action nothing moves,
# 49 hours after it the case goes to the department's manager with an
# 'escalated' event in its history, once; a staff action resets the clock;
# an idle case of an absent handler goes to the substitute ('substituted');
# when an absence starts, the absent handler's open cases are handed over
# to the substitute, once.
use strict;
use warnings;
use utf8;
use Test::More;
use Madang::Test qw(bytes_of);
use Madang::Staff qw(signed_in);

binmode $_, ':encoding(UTF-8)'
    for map { Test::More->builder->$_ } qw(output failure_output todo_output);

my $s = Madang::Test->start(seed => 1);

# ------------------------------------------------------------ helpers



# Stored times are the office's (+09:00): so are the session's here.
sub sql_kst { my ($q) = @_; return $s->sql("SET time_zone = '+09:00'; $q") }
sub sql_kst_value { my ($q) = @_; my @r = sql_kst($q); return @r ? $r[0][0] : undef }


my %id = map { $_ => $s->account_id($_) } qw(road.lee road.park road.choi citizen);

# A time $hours after the case's last action, as the database has it (no
# clock of this machine enters): 'YYYY-MM-DD HH:MM:SS'.
sub after_last_action {
    my ($case_id, $hours) = @_;
    return sql_kst_value("SELECT DATE_FORMAT(last_action_at + INTERVAL $hours HOUR, '%Y-%m-%d %H:%i:%s')"
        . " FROM cases WHERE id = $case_id");
}

# A time $minutes from the database's now.
sub db_now_plus {
    my ($minutes) = @_;
    return sql_kst_value("SELECT DATE_FORMAT(NOW() + INTERVAL $minutes MINUTE, '%Y-%m-%d %H:%i:%s')");
}

# Runs `madangctl tick --now T` and returns the number of cases it moved.
sub tick {
    my ($now, $what) = @_;
    my ($out, $status) = $s->ctl('tick', defined $now ? ('--now', $now) : ());
    is $status, 0, "tick $what: exit 0" or diag $out;
    my ($moved) = $out =~ /cases moved: (\d+)/;
    ok defined $moved, "tick $what: says how many cases moved" or diag $out;
    return $moved // -1;
}

sub handlers_of {
    my ($case_id) = @_;
    return join ',', map { $_->[0] } $s->sql(
        "SELECT a.login_id FROM case_handlers h JOIN accounts a ON a.id = h.account_id"
        . " WHERE h.case_id = $case_id ORDER BY a.login_id");
}

sub events_of {
    my ($case_id, $kind) = @_;
    return $s->sql_value("SELECT COUNT(*) FROM case_events WHERE case_id = $case_id AND kind = '$kind'");
}

# The citizen files a case in 도로·보도 (round-robin in 도로과); returns
# (case id, tracking number).
my $citizen = $s->ua;
is Madang::Test::sign_in($s, $citizen, 'citizen', 'madang-citizen-2026')->code, 303, 'the citizen signs in';
my $nfiled = 0;
sub file_case {
    my ($title) = @_;
    my ($tracking, $id) = Madang::Test::file_case($s, $citizen, category => 1, title => $title,
        body => "$title: 보도블록이 들떠 있습니다.");
    return ($id, $tracking);
}

# The forms of a page: [{ action, method, fields => [[name, value], ...],
# buttons => [[label, name, value], ...], html }], enough to submit one
# as a browser would.
sub forms_of {
    my ($html) = @_;
    my @forms;
    while ($html =~ m{<form\b([^>]*)>(.*?)</form>}gis) {
        my ($attrs, $body) = ($1, $2);
        my %a = Madang::Test::_attrs($attrs);
        my (@fields, @buttons);
        while ($body =~ m{<(input|button|textarea|select)\b([^>]*)>(?:(.*?)</\1>)?}gis) {
            my ($tag, $fa, $inner) = (lc $1, $2, $3);
            my %f = Madang::Test::_attrs($fa);
            if ($tag eq 'button' || ($tag eq 'input' && ($f{type} // '') eq 'submit')) {
                my $label = $tag eq 'button' ? ($inner // '') : ($f{value} // '');
                $label =~ s/<[^>]*>//g;
                $label =~ s/^\s+|\s+$//g;
                push @buttons, [$label, $f{name}, $f{value}];
            } elsif ($tag eq 'input' && defined $f{name}) {
                next if ($f{type} // '') =~ /^(checkbox|radio)$/i && !exists $f{checked};
                push @fields, [$f{name}, $f{value} // ''];
            }
        }
        push @forms, { action => $a{action} // '', method => lc($a{method} // 'get'),
                       fields => \@fields, buttons => \@buttons, html => $body };
    }
    return @forms;
}

# ------------------------------------------------------------ the demo's backlog

# The demo's open cases have been idle for weeks: the first tick (on the
# real clock) moves them, once; after that only this test's cases move.
my $backlog = sql_kst_value("SELECT COUNT(*) FROM cases WHERE status IN ('received', 'assigned', 'in_progress')"
    . " AND escalated_at IS NULL AND last_action_at < NOW() - INTERVAL escalate_hours HOUR");
cmp_ok $backlog, '>', 0, 'the demo has idle open cases';
is tick(undef, 'on the real clock'), $backlog, 'the first tick moves every idle demo case';
is tick(undef, 'again'), 0, 'a second tick moves nothing';
# The first tick also filed the demo's proposal at its threshold as a
# case (its review, 165-proposal-review.t): not this test's, kept still.
$s->sql("UPDATE cases SET escalate_hours = 0 WHERE kind = 'proposal'");

# ------------------------------------------------------------ escalation to the manager

my ($a_id, $a_tr) = file_case('가로등 고장 신고');
is handlers_of($a_id), 'road.lee', 'round-robin gives the first case to road.lee';
is $s->sql_value("SELECT escalate_hours FROM cases WHERE id = $a_id"), 48, 'the rule: escalate after 48 hours';
my $version = $s->sql_value("SELECT version FROM cases WHERE id = $a_id");

is tick(after_last_action($a_id, 47), '47 h after the last action'), 0, '47 hours idle: nothing moves';
is handlers_of($a_id), 'road.lee', '... road.lee still has it';
is events_of($a_id, 'escalated'), 0, "... no 'escalated' event";

my $t49 = after_last_action($a_id, 49);
is tick($t49, '49 h after the last action'), 1, '49 hours idle: the case moves';
like handlers_of($a_id), qr/\broad\.choi\b/, "... to 도로과's manager road.choi";
is $s->sql_value("SELECT COUNT(*) FROM case_events WHERE case_id = $a_id AND kind = 'escalated'"
    . " AND target_account_id = $id{'road.choi'} AND department_id = 4"), 1,
    "... with one 'escalated' event naming road.choi in 도로과";
is $s->sql_value("SELECT DATE_FORMAT(escalated_at, '%Y-%m-%d %H:%i:%s') FROM cases WHERE id = $a_id"), $t49,
    '... escalated at the time the tick was told';
cmp_ok $s->sql_value("SELECT version FROM cases WHERE id = $a_id"), '>', $version,
    '... the version moved on (an open form on it is stale now)';

is tick($t49, 'at the same time again'), 0, 'a second tick does not move it again';
is tick(after_last_action($a_id, 200), 'much later'), 0, 'nor does one much later';
is events_of($a_id, 'escalated'), 1, "still one 'escalated' event";

# The manager sees it, and the history says so.
my $choi = signed_in($s, 'road.choi');
{
    my $r = $choi->get($s->url("/staff/cases/$a_tr"));
    is $r->code, 200, 'road.choi opens the escalated case';
    my $html = $r->decoded_content // '';
    my $label = event_label('escalated');
    ok $label, "the language file names the event ($label)";
    like $html, qr/\Q$label\E/, "the staff case page's history shows the escalation";
    like $html, qr/최과장/, '... naming the manager';
}

# ------------------------------------------------------------ a staff action resets the clock

my ($b_id, $b_tr) = file_case('보도 턱 낮춤 요청');
is handlers_of($b_id), 'road.park', 'round-robin gives the second case to road.park';
# The case has waited 40 hours (the test moves its clock back).
sql_kst("UPDATE cases SET last_action_at = last_action_at - INTERVAL 40 HOUR WHERE id = $b_id");
my $old_t49 = after_last_action($b_id, 49);
my $park = signed_in($s, 'road.park');
my $r = staff_act($park, $b_tr, qr/^처리 시작$/);
ok $r, "road.park's case page offers 처리 시작";
is $r && $r->code, 303, 'road.park starts work on the case';
is $s->sql_value("SELECT status FROM cases WHERE id = $b_id"), 'in_progress', '... in progress';
cmp_ok sql_kst_value("SELECT TIMESTAMPDIFF(SECOND, last_action_at, NOW()) FROM cases WHERE id = $b_id"),
    '<', 120, "road.park's action sets the last action to now";
is tick($old_t49, '49 h after the old last action'), 0, 'the action reset the clock: nothing moves';
is handlers_of($b_id), 'road.park', '... road.park keeps the case';
is tick(after_last_action($b_id, 47), '47 h after the action'), 0, '47 hours after the action: nothing';
is tick(after_last_action($b_id, 49), '49 h after the action'), 1, '49 hours after the action it moves';
like handlers_of($b_id), qr/\broad\.choi\b/, '... to the manager';

# ------------------------------------------------------------ an absent handler's idle case

my ($c_id, $c_tr) = file_case('맨홀 뚜껑 흔들림');
is handlers_of($c_id), 'road.lee', 'the third case goes to road.lee';
# road.lee is on leave with road.park as substitute; the hand-over of his
# open cases ran when the leave was entered (handed_over = 1) and this
# case came to him afterwards.
sql_kst("INSERT INTO absences (account_id, kind, starts_at, ends_at, substitute_id, handed_over, created_by, created_at)"
    . " VALUES ($id{'road.lee'}, 'leave', NOW() - INTERVAL 1 HOUR, NOW() + INTERVAL 10 DAY, $id{'road.park'}, 1,"
    . " $id{'road.lee'}, NOW())");
is tick(after_last_action($c_id, 47), '47 h, road.lee absent'), 0, '47 hours: nothing moves';
my $c49 = after_last_action($c_id, 49);
is tick($c49, '49 h, road.lee absent'), 1, '49 hours: the case moves';
is handlers_of($c_id), 'road.park', '... to the substitute road.park, not the manager';
is $s->sql_value("SELECT COUNT(*) FROM case_events WHERE case_id = $c_id AND kind = 'substituted'"
    . " AND target_account_id = $id{'road.park'}"), 1, "... with one 'substituted' event";
is events_of($c_id, 'escalated'), 0, "... and no 'escalated' one";
is tick($c49, 'again'), 0, 'a second tick does not move it again';
{
    $r = $park->get($s->url("/staff/cases/$c_tr"));
    is $r->code, 200, 'road.park opens the case';
    my $label = event_label('substituted');
    ok $label, "the language file names the event ($label)";
    like $r->decoded_content, qr/\Q$label\E/, 'the history shows the substitution';
}
$s->sql('DELETE FROM absences');

# ------------------------------------------------------------ hand-over when an absence starts

my ($d_id, $d_tr) = file_case('자전거도로 파손');
my $away = handlers_of($d_id);
is $away, 'road.park', 'the fourth case goes to road.park';
my $sub = 'road.lee';
my $open_sql = "SELECT h.case_id FROM case_handlers h JOIN cases c ON c.id = h.case_id"
    . " WHERE h.account_id = $id{$away} AND c.status IN ('received', 'assigned', 'in_progress') ORDER BY 1";
my @open = map { $_->[0] } $s->sql($open_sql);
cmp_ok scalar(@open), '>=', 2, "$away has several open cases, this one among them"
    and ok scalar(grep { $_ == $d_id } @open), '... this one among them';
my $closed_sql = "SELECT COUNT(*) FROM case_handlers h JOIN cases c ON c.id = h.case_id"
    . " WHERE h.account_id = $id{$away} AND c.status NOT IN ('received', 'assigned', 'in_progress')";
my $closed = $s->sql_value($closed_sql);
# road.park's training starts in two hours; road.lee stands in.
sql_kst("INSERT INTO absences (account_id, kind, starts_at, ends_at, substitute_id, created_by, created_at)"
    . " VALUES ($id{$away}, 'training', NOW() + INTERVAL 2 HOUR, NOW() + INTERVAL 3 DAY, $id{$sub},"
    . " $id{'road.choi'}, NOW())");
is tick(db_now_plus(60), 'before the absence starts'), 0, 'before the absence starts nothing is handed over';
is handlers_of($d_id), $away, "... $away keeps the case";
my $start = db_now_plus(121);
is tick($start, 'once the absence has started'), scalar(@open),
    "once it has started, $away\'s open cases are handed over";
is scalar($s->sql($open_sql)), 0, "... $away has no open case left";
is $s->sql_value($closed_sql), $closed, '... the closed ones stay his';
is handlers_of($d_id), $sub, "... the new case is $sub\'s";
is $s->sql_value("SELECT COUNT(*) FROM case_events WHERE kind = 'substituted' AND target_account_id = $id{$sub}"
    . " AND case_id IN (" . join(',', @open) . ")"), scalar(@open), "... one 'substituted' event each";
is $s->sql_value("SELECT handed_over FROM absences WHERE account_id = $id{$away}"), 1,
    '... the absence is marked handed over';
is tick($start, 'again'), 0, 'a second tick hands over nothing more';
is tick(db_now_plus(24 * 60), 'a day later'), 0, 'nor does one a day later';
is events_of($d_id, 'substituted'), 1, "the case has one 'substituted' event";

# The citizen's timeline shows who has the case now.
{
    $r = $citizen->get($s->url("/cases/$d_tr"));
    is $r->code, 200, 'the citizen opens the case';
    ok +($r->decoded_content // '') =~ /이도로/, 'the timeline names the substitute (이도로)';
}

$s->stop;
done_testing;

# ------------------------------------------------------------ page helpers

# The Korean label of an event kind: L.Event.KIND in the language files
# (ko.hdf and ko.d/*.hdf), or undef.
sub event_label {
    my ($kind) = @_;
    my %str = %{ Madang::Test::lang_strings('ko') };
    for my $f (glob "$Madang::Test::REPO/cs-templates/lang/ko.d/*.hdf") {
        open my $fh, '<:encoding(UTF-8)', $f or next;
        my @path;
        while (my $line = <$fh>) {
            next if $line =~ /^\s*(#|$)/;
            if ($line =~ /^\s*([A-Za-z0-9_.]+)\s*\{\s*$/) { push @path, $1 }
            elsif ($line =~ /^\s*\}\s*$/) { pop @path }
            elsif ($line =~ /^\s*([A-Za-z0-9_.]+)\s*=\s*(.*?)\s*$/) { $str{ join '.', @path, $1 } = $2 }
        }
    }
    return $str{"Event.$kind"};
}

# Submits the action form on the staff case page whose button's label
# matches $re, as a browser would; returns the response, or undef when
# the page has no such form.
sub staff_act {
    my ($ua, $tracking, $re) = @_;
    my $page = $ua->get($s->url("/staff/cases/$tracking"));
    return undef unless $page->code == 200;
    for my $f (forms_of($page->decoded_content // '')) {
        next unless $f->{method} eq 'post';
        my ($b) = grep { $_->[0] =~ $re } @{ $f->{buttons} } or next;
        my @content = map { @$_ } @{ $f->{fields} };
        push @content, $b->[1], $b->[2] // '' if defined $b->[1];
        my $r = $ua->post($s->url($f->{action} || "/staff/cases/$tracking"),
                          [ map { bytes_of($_) } @content ]);
        return $r;
    }
    return undef;
}
