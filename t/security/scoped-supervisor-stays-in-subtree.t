# SPDX-License-Identifier: AGPL-3.0-or-later
# scoped-supervisor-stays-in-subtree.t: a supervisor of one department
# (and its sub-departments) runs that subtree and nothing else. The
# security review's reproduction (issue 8, High): the global supervisor
# grants road.choi `supervisor` on 도로과 through the web; road.choi then
# tried to grant himself a global `sysadmin`, reset the global supervisor's
# password and open a 교통행정과 case. Each is refused here, as are the
# institution's settings, holidays, outbox and audit log, other
# departments' staff, roles wider than his own and categories of other
# departments; what is his (도로과's staff, roles and categories) he still
# manages.
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
my $L = Madang::Test::lang_strings('ko');

my $ROAD = 4;       # 도로과, under 도시교통국 (3)
my $TRAFFIC = 5;    # 교통행정과, its sibling
my $BUREAU = 3;     # 도시교통국

sub body_of { my ($r) = @_; return decode_entities($r->decoded_content // '') }
sub id_of { my ($login) = @_; return $s->sql_value("SELECT id FROM accounts WHERE login_id = '$login'") }

# A refusal as the user reads it: 403 and the page in Korean.
sub refused {
    my ($r, $what) = @_;
    is $r->code, 403, "$what: 403";
    like body_of($r), qr/\Q$L->{'Title.Error403'}\E/, "$what: the refusal page in Korean";
}

my $admin = Madang::Staff::signed_in($s, 'admin', 'madang-admin-2026');
my ($admin_id, $choi_id, $lee_id, $kim_id) = map { id_of($_) } qw(admin road.choi road.lee traffic.kim);

# ------------------------------------------------- the reproduction's start

my $r = Madang::Staff::grant_role($s, $admin, $choi_id,
    role => 'supervisor', role_department => $ROAD, with_subtree => 1);
is $r->code, 303, 'the global supervisor grants road.choi supervisor on 도로과';
is $s->sql_value("SELECT COUNT(*) FROM staff_roles WHERE account_id = $choi_id AND role = 'supervisor'"
    . " AND department_id = $ROAD"), 1, '... stored';

# traffic.kim (a handler of 교통행정과) also joins 도로과: placed in
# road.choi's department, yet with rights outside it.
$r = Madang::Test::post_form($s, $admin, "/admin/staff/$kim_id", "/admin/staff/$kim_id", action => 'join', join_department => $ROAD);
is $r->code, 303, 'traffic.kim also joins 도로과';

my $choi = Madang::Staff::signed_in($s, 'road.choi', 'madang-staff-2026');
is $choi->get($s->url('/admin'))->code, 200, 'road.choi opens the administration pages';

# ------------------------------------------------- no role wider than his own

$r = Madang::Staff::grant_role($s, $choi, $choi_id,
    role => 'sysadmin', role_department => 0);
refused($r, 'road.choi grants himself a global sysadmin');
$r = Madang::Staff::grant_role($s, $choi, $choi_id,
    role => 'supervisor', role_department => 0);
refused($r, 'road.choi grants himself a global supervisor');
$r = Madang::Staff::grant_role($s, $choi, $choi_id,
    role => 'supervisor', role_department => $TRAFFIC, with_subtree => 1);
refused($r, 'road.choi grants himself supervisor on 교통행정과');
$r = Madang::Staff::grant_role($s, $choi, $choi_id,
    role => 'handler', role_department => $BUREAU, with_subtree => 1);
refused($r, 'road.choi grants himself a role on the bureau above 도로과');
$r = Madang::Staff::grant_role($s, $choi, $choi_id,
    role => 'sysadmin', role_department => $ROAD, with_subtree => 1);
refused($r, 'road.choi grants himself sysadmin on 도로과 (wider than a supervisor)');
is $s->sql_value("SELECT COUNT(*) FROM staff_roles WHERE account_id = $choi_id AND (department_id IS NULL"
    . " OR department_id <> $ROAD OR role = 'sysadmin')"), 0, 'road.choi holds nothing beyond 도로과';

# --------------------------------------- no account wider or elsewhere

$r = Madang::Test::post_form($s, $choi, "/admin/staff/$choi_id", "/admin/staff/$admin_id",
    action => 'password', new_password => 'road-choi-owns-you-2026');
refused($r, "road.choi resets the global supervisor's password");
refused($choi->get($s->url("/admin/staff/$admin_id")), "road.choi opens the global supervisor's page");
ok Madang::Test::sign_in($s, $s->ua, 'admin', 'madang-admin-2026')->code == 303,
    'the global supervisor still signs in with his own password';
$r = Madang::Test::post_form($s, $choi, "/admin/staff/$choi_id", "/admin/staff/$admin_id", action => 'deactivate');
refused($r, 'road.choi deactivates the global supervisor');
$r = Madang::Test::post_form($s, $choi, "/admin/staff/$choi_id", "/admin/staff/$kim_id",
    action => 'password', new_password => 'road-choi-owns-you-2026');
refused($r, "road.choi resets a 교통행정과 handler's password");
$r = Madang::Test::post_form($s, $choi, "/admin/staff/$choi_id", "/admin/staff/$kim_id",
    action => 'grant', role => 'handler', role_department => $ROAD);
refused($r, 'road.choi grants a 교통행정과 handler a role');
$r = Madang::Test::post_form($s, $choi, "/admin/staff/$choi_id", "/admin/staff/$lee_id",
    action => 'join', join_department => $TRAFFIC);
refused($r, 'road.choi adds a 도로과 handler to 교통행정과');
$r = Madang::Test::post_form($s, $choi, "/admin/staff/$choi_id", "/admin/staff/$kim_id", action => 'leave', department_id => $TRAFFIC);
refused($r, 'road.choi takes traffic.kim out of 교통행정과');
is $s->sql_value("SELECT active FROM accounts WHERE id = $admin_id"), 1, 'the global supervisor is still active';

# ------------------------------------------------- cases of other departments

my ($traffic_case, $traffic_title) = @{ ($s->sql(
    "SELECT tracking_no, title FROM cases WHERE department_id = $TRAFFIC ORDER BY id LIMIT 1"))[0] };
ok $traffic_case, "a 교통행정과 case: $traffic_case";
$r = $choi->get($s->url("/staff/cases/$traffic_case"));
isnt $r->code, 200, 'road.choi cannot open a 교통행정과 case';
unlike body_of($r), qr/\Q$traffic_title\E/, '... nor read its title';
unlike body_of($choi->get($s->url('/staff/cases'))), qr/\Q$traffic_case\E/, '... nor see it in his list';
isnt $choi->get($s->url('/staff/cases?view=unplaced'))->code, 200, '... nor the unplaced cases';

# ------------------------------------------------- the institution's pages

for my $path (qw(/admin/settings /admin/holidays /admin/outbox /admin/audit /admin/audit.csv)) {
    refused($choi->get($s->url($path)), "road.choi opens $path");
}
$r = Madang::Test::post_form($s, $choi, "/admin", '/admin/settings', timeline_show => 'role', sms_quiet_start => '00:00',
    sms_quiet_end => '00:00', digest_hour => 3, apology_workdays => 9);
refused($r, 'road.choi changes the settings');
$r = Madang::Test::post_form($s, $choi, "/admin", '/admin/holidays', action => 'add', day => '2027-04-01', name => '만우절');
refused($r, 'road.choi adds a holiday');
is $s->sql_value(q{SELECT COUNT(*) FROM holidays WHERE day = '2027-04-01'}), 0, '... none added';
my $html = body_of($choi->get($s->url('/admin')));
unlike $html, qr{href="/admin/(settings|holidays|outbox|audit)"}, 'his navigation offers none of them';

# ------------------------------------------------- departments and categories

$html = body_of($choi->get($s->url('/admin/departments')));
like $html, qr/도로과/, 'the department list shows 도로과';
unlike $html, qr/교통행정과|환경정책과/, '... and no other department';
refused($choi->get($s->url("/admin/departments/$TRAFFIC")), 'road.choi opens 교통행정과');
$r = Madang::Test::post_form($s, $choi, '/admin/departments', "/admin/departments/$TRAFFIC",
    parent_id => $BUREAU, name_ko => '교통행정과', name_en => 'Taken', active => 1);
refused($r, 'road.choi renames 교통행정과');
$r = Madang::Test::post_form($s, $choi, '/admin/departments', '/admin/departments', parent_id => 0, name_ko => '새 국', name_en => 'New bureau');
refused($r, 'road.choi creates a root department');
$r = Madang::Test::post_form($s, $choi, '/admin/departments', '/admin/departments', parent_id => $ROAD, name_ko => '도로보수팀',
    name_en => 'Road Repair Team');
is $r->code, 303, 'road.choi creates a team under 도로과';

$html = body_of($choi->get($s->url('/admin/categories')));
like $html, qr/도로·보도/, "the category list shows 도로과's category";
unlike $html, qr/교통·주차|안전/, "... and no other department's";
my $traffic_category = $s->sql_value("SELECT id FROM categories WHERE department_id = $TRAFFIC LIMIT 1");
refused($choi->get($s->url("/admin/categories/$traffic_category")), "road.choi opens 교통행정과's category");

# ------------------------------------------------- what is his

$html = body_of($choi->get($s->url('/admin/staff')));
like $html, qr{href="/admin/staff/$lee_id"}, 'the staff list shows road.lee (도로과)';
my $kim_name = $s->sql_value("SELECT name FROM accounts WHERE id = $kim_id");
like $html, qr/\Q$kim_name\E/, '... traffic.kim, a member of 도로과 too';
unlike $html, qr{href="/admin/staff/$kim_id"}, '... without a link: his rights reach 교통행정과';
refused($choi->get($s->url("/admin/staff/$kim_id")), "road.choi opens traffic.kim's page");
unlike $html, qr{href="/admin/staff/$admin_id"}, '... nor the global supervisor';
is $choi->get($s->url("/admin/staff/$lee_id"))->code, 200, "road.choi opens road.lee's page";
$r = Madang::Test::post_form($s, $choi, "/admin/staff/$lee_id", "/admin/staff/$lee_id",
    action => 'password', new_password => 'road-lee-new-2026');
is $r->code, 303, "road.choi resets road.lee's password";
ok Madang::Test::sign_in($s, $s->ua, 'road.lee', 'road-lee-new-2026')->code == 303, '... road.lee signs in with it';
$r = Madang::Staff::grant_role($s, $choi, $lee_id,
    role => 'manager', role_department => $ROAD);
is $r->code, 303, 'road.choi grants road.lee manager on 도로과';
($r) = Madang::Staff::create_staff($s, $choi, login_id => 'road.kang', name => '강도로',
    email => 'road.kang@madang.example', password => 'road-kang-first-2026', department_id => $ROAD);
is $r->code, 303, 'road.choi creates a 도로과 staff member';
($r) = Madang::Staff::create_staff($s, $choi, login_id => 'traffic.yang', name => '양교통',
    email => 'traffic.yang@madang.example', password => 'traffic-yang-first-2026', department_id => $TRAFFIC);
refused($r, 'road.choi creates a 교통행정과 staff member');
is $s->sql_value(q{SELECT COUNT(*) FROM accounts WHERE login_id = 'traffic.yang'}), 0, '... none created';

$s->stop;
done_testing;
