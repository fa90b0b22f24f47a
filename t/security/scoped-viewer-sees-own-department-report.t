# SPDX-License-Identifier: AGPL-3.0-or-later
# scoped-viewer-sees-own-department-report.t: a report viewer whose role
# is scoped to one department reads that department's workload and no
# other's (issue 8, Medium: the workload report showed such a viewer every
# department, as if the role were global). The global viewer still sees
# the whole institution.
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
my $TRAFFIC = 5;    # 교통행정과, its sibling
my $BUREAU = 3;     # 도시교통국, their parent

sub body_of { my ($r) = @_; return decode_entities($r->decoded_content // '') }

# The department ids of the report's rows and of its department select.
sub report_rows { my ($html) = @_; return sort { $a <=> $b } $html =~ m{workload\?[^"]*department=(\d+)"}g }
sub report_choices {
    my ($html) = @_;
    my ($select) = $html =~ m{<select id="department"[^>]*>(.*?)</select>}s;
    return sort { $a <=> $b } ($select // '') =~ m{<option value="(\d+)"}g;
}

# The supervisor makes a viewer of 도로과 through the administration pages.
my $admin = Madang::Staff::signed_in($s, 'admin', 'madang-admin-2026');
my ($r, $viewer_id) = Madang::Staff::create_staff($s, $admin, login_id => 'road.viewer', name => '도로열람',
    email => 'road.viewer@madang.example', password => 'road-viewer-first-2026', department_id => $ROAD);
is $r->code, 303, 'the supervisor creates road.viewer in 도로과';
$viewer_id or BAIL_OUT('no new account');
$r = Madang::Staff::grant_role($s, $admin, $viewer_id,
    role => 'viewer', role_department => $ROAD, with_subtree => 1);
is $r->code, 303, '... and grants viewer on 도로과';

my $viewer = Madang::Staff::signed_in($s, 'road.viewer', 'road-viewer-first-2026');
# The password the supervisor typed is replaced first (nothing else opens).
$r = Madang::Test::change_password($s, $viewer, 'road-viewer-first-2026', 'road-viewer-own-2026');
is $r->code, 303, 'road.viewer chooses their own password';
$r = $viewer->get($s->url('/staff/reports/workload'));
is $r->code, 200, 'the scoped viewer opens the workload report';
my $html = body_of($r);
is_deeply [ report_rows($html) ], [$ROAD], '... its rows: 도로과 only';
is_deeply [ report_choices($html) ], [$ROAD], '... its department choices: 도로과 only';
unlike $html, qr/교통행정과|환경정책과|복지정책과/, "... no other department's name";

$r = $viewer->get($s->url("/staff/reports/workload?department=$TRAFFIC"));
is $r->code, 400, "asking for 교통행정과's figures is refused";
like body_of($r), qr{id="err-department"}, '... with the message beside the department';
unlike body_of($r), qr/교통행정과/, "... and without 교통행정과's figures";
is $viewer->get($s->url("/staff/reports/workload?department=$BUREAU"))->code, 400,
    'so is the bureau above 도로과';
$r = $viewer->get($s->url("/staff/reports/workload?department=$ROAD"));
is $r->code, 200, "도로과's own figures open";
my $lee = $s->sql_value(q{SELECT name FROM accounts WHERE login_id = 'road.lee'});
my $kim = $s->sql_value(q{SELECT name FROM accounts WHERE login_id = 'traffic.kim'});
like body_of($r), qr/\Q$lee\E/, "... with 도로과's handlers";
unlike body_of($r), qr/\Q$kim\E/, "... and no other department's";

# The global viewer of the demo still reads the whole institution.
my $global = Madang::Staff::signed_in($s, 'viewer.oh', 'madang-staff-2026');
$html = body_of($global->get($s->url('/staff/reports/workload')));
my %rows = map { $_ => 1 } report_rows($html);
ok $rows{$ROAD} && $rows{$TRAFFIC}, 'the global viewer sees 도로과 and 교통행정과';

$s->stop;
done_testing;
