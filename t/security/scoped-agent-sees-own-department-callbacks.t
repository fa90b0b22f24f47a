# SPDX-License-Identifier: AGPL-3.0-or-later
# scoped-agent-sees-own-department-callbacks.t: a call-centre agent whose
# role is scoped to one department sees and works the callbacks of that
# department's cases only, with their citizens' names, e-mails and
# mobiles, and no other department's (issue 8, Medium: the queue showed
# such an agent every callback of the institution). The global agent
# still sees them all.
use strict;
use warnings;
use utf8;
use Test::More;
use HTML::Entities qw(decode_entities);
use Madang::Test;
use Madang::Staff;

binmode $_, ':encoding(UTF-8)'
    for map { Test::More->builder->$_ } qw(output failure_output todo_output);

my $s = Madang::Test->start(seed => 1);

my $ROAD = 4;       # 도로과
my $TRAFFIC = 5;    # 교통행정과

sub body_of { my ($r) = @_; return decode_entities($r->decoded_content // '') }

# Two low ratings waiting for a call, as the rating link leaves them: one
# on a 도로과 case, one on a 교통행정과 case filed by another citizen.
my ($road_case, $road_tracking, $road_filer) = @{ ($s->sql(
    "SELECT id, tracking_no, account_id FROM cases WHERE department_id = $ROAD ORDER BY id LIMIT 1"))[0] };
my ($traffic_case, $traffic_tracking) = @{ ($s->sql(
    "SELECT id, tracking_no FROM cases WHERE department_id = $TRAFFIC AND account_id <> $road_filer"
    . ' ORDER BY id LIMIT 1'))[0] };
ok $road_case && $traffic_case, "a 도로과 case ($road_tracking) and a 교통행정과 case ($traffic_tracking)";
$s->sql("INSERT INTO satisfaction (case_id, nonce, created_at, rated_at, rating, comment, callback_state) VALUES"
    . " ($road_case, REPEAT('a', 32), NOW(), NOW(), 1, 'road pothole still there', 'pending'),"
    . " ($traffic_case, REPEAT('b', 32), NOW(), NOW(), 2, 'traffic light still broken', 'pending')");
my $road_cb = $s->sql_value(q{SELECT id FROM satisfaction WHERE nonce = REPEAT('a', 32)});
my $traffic_cb = $s->sql_value(q{SELECT id FROM satisfaction WHERE nonce = REPEAT('b', 32)});
my ($traffic_name, $traffic_email, $traffic_mobile) = @{ ($s->sql(
    "SELECT a.name, a.email, IFNULL(a.mobile, '') FROM cases c JOIN accounts a ON a.id = c.account_id"
    . " WHERE c.id = $traffic_case"))[0] };

# The supervisor makes an agent of 도로과 through the administration pages.
my $admin = Madang::Staff::signed_in($s, 'admin', 'madang-admin-2026');
my ($r, $agent_id) = Madang::Staff::create_staff($s, $admin, login_id => 'road.agent', name => '도로상담',
    email => 'road.agent@madang.example', password => 'road-agent-first-2026', department_id => $ROAD);
is $r->code, 303, 'the supervisor creates road.agent in 도로과';
$agent_id or BAIL_OUT('no new account');
$r = Madang::Staff::grant_role($s, $admin, $agent_id,
    role => 'agent', role_department => $ROAD, with_subtree => 1);
is $r->code, 303, '... and grants agent on 도로과';

my $agent = Madang::Staff::signed_in($s, 'road.agent', 'road-agent-first-2026');
# The password the supervisor typed is replaced first (nothing else opens).
$r = Madang::Test::change_password($s, $agent, 'road-agent-first-2026', 'road-agent-own-2026');
is $r->code, 303, 'road.agent chooses their own password';
$r = $agent->get($s->url('/staff/callbacks'));
is $r->code, 200, 'the scoped agent opens the callback queue';
my $html = body_of($r);
like $html, qr{action="/staff/callbacks/$road_cb"}, "... the 도로과 case's callback is there";
like $html, qr/road pothole still there/, '... with its comment';
unlike $html, qr{action="/staff/callbacks/$traffic_cb"}, "... the 교통행정과 case's is not";
unlike $html, qr/\Q$traffic_tracking\E|traffic light still broken/, '... nor its case or comment';
unlike $html, qr/\Q$traffic_email\E/, "... nor that citizen's e-mail";
SKIP: {
    skip 'the citizen has no mobile', 1 unless $traffic_mobile;
    (my $digits = $html) =~ s/-//g;
    unlike $digits, qr/\Q$traffic_mobile\E/, "... nor that citizen's mobile";
}

$r = Madang::Test::post_form($s, $agent, '/staff/callbacks', "/staff/callbacks/$traffic_cb", note => '통화함');
is $r->code, 403, "recording a call on the 교통행정과 case is refused";
is $s->sql_value("SELECT callback_state FROM satisfaction WHERE id = $traffic_cb"), 'pending', '... it still waits';
$r = Madang::Test::post_form($s, $agent, '/staff/callbacks', "/staff/callbacks/$road_cb", note => '통화함: 보수 일정 안내');
is $r->code, 303, 'recording a call on the 도로과 case works';
is $s->sql_value("SELECT callback_state FROM satisfaction WHERE id = $road_cb"), 'done', '... recorded';

# The global agent of the demo still works the whole queue.
my $global = Madang::Staff::signed_in($s, 'agent.song', 'madang-staff-2026');
$html = body_of($global->get($s->url('/staff/callbacks')));
like $html, qr{action="/staff/callbacks/$traffic_cb"}, "the global agent sees the 교통행정과 callback";

$s->stop;
done_testing;
