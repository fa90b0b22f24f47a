# SPDX-License-Identifier: AGPL-3.0-or-later
# 150-map.t: the location map (issue 10 §5) and the channel of a case in
# the staff's inbox filter and the workload report. Through the real
# nginx: the filing form and the case page hold the map box, Leaflet
# (Debian's libjs-leaflet) and map.js are served with the site's headers;
# the public sees the location rounded to map.public_decimals, the owner
# and staff in scope the exact one; the CSP names the tile server only
# when map.tiles is set, and a tile URL it could not name stops
# madang-web from starting. Then cases of several channels: the inbox
# filters by channel, and the workload report counts the cases received
# per channel within the reader's scope.
use strict;
use warnings;
use utf8;
use Test::More;
use HTTP::Request::Common qw(POST);
use Madang::Test qw(body_of);

binmode $_, ':encoding(UTF-8)' for Test::More->builder->output,
    Test::More->builder->failure_output, Test::More->builder->todo_output;

my $s = Madang::Test->start(seed => 1);
my $L = Madang::Test::lang_strings('ko');
my $STAFF_PW = 'madang-staff-2026';
my $BASE_CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self';"
    . " form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

# Signed in as a demo staff member (or with another password).
sub staff_ua {
    my ($login, $password) = @_;
    my $ua = $s->ua;
    my $r = Madang::Test::sign_in($s, $ua, $login, $password // $STAFF_PW);
    die "sign-in of $login failed: " . $r->code unless $r->code == 303;
    return $ua;
}

# Files a case through the form (Madang::Test::file_case, one test); its
# tracking number.
sub file_case { my ($tracking) = Madang::Test::file_case($s, @_); return $tracking }

# The map box's attributes, as name => value; {} when there is none.
sub map_box {
    my ($html) = @_;
    my ($tag) = $html =~ m{(<div id="map"[^>]*>)}s or return {};
    my %a;
    $a{$1} = $2 while $tag =~ m{\b([a-z-]+)="([^"]*)"}g;
    $a{hidden} = 1 if $tag =~ /\shidden\s/;
    return \%a;
}

sub strip_tags {
    my ($h) = @_;
    $h =~ s/<[^>]*>//g;
    $h =~ s/^\s+|\s+$//g;
    return $h;
}

# The channel table of the workload report: channel name => received.
sub channel_counts {
    my ($html) = @_;
    my ($part) = $html =~ m{id="h-channels"(.*?)</section>}s;
    my %n;
    while (($part // '') =~ m{<tr[^>]*>\s*<td data-label="[^"]*">(.*?)</td>\s*<td data-label="[^"]*">(\d+)</td>}gs) {
        $n{ strip_tags($1) } = $2;
    }
    return \%n;
}

# A division of its own, routed to by its own category, so the counts are ours.
$s->sql(q{INSERT INTO departments (parent_id, name_ko, name_en) VALUES (14, '지도시험과', 'Map Test Division')});
my $dept = $s->sql_value(q{SELECT id FROM departments WHERE name_ko = '지도시험과'});
$s->sql(qq{INSERT INTO categories (name_ko, name_en, department_id, active, sort_order, mode)
           VALUES ('지도 시험', 'Map test', $dept, 1, 210, 'manual')});
my $category = $s->sql_value(q{SELECT id FROM categories WHERE name_ko = '지도 시험'});
my ($mgr, $admin) = map { $s->account_id($_) } qw(welfare.bae admin);
$s->sql(qq{INSERT INTO staff_roles (account_id, role, department_id, with_subtree) VALUES ($mgr, 'manager', $dept, 1)});
$s->sql(qq{INSERT INTO staff_scope (account_id, department_id, can_handle, can_manage) VALUES
           ($mgr, $dept, 1, 1), ($admin, $dept, 1, 1)});

# ------------------------------------------------------------ Leaflet through nginx

my $anon = $s->ua;
for my $path (qw(/assets/leaflet/leaflet.js /assets/leaflet/leaflet.css /assets/leaflet/images/marker-icon.png
                 /assets/map.js /assets/map.css)) {
    my $r = $anon->get($s->url($path));
    is $r->code, 200, "$path is served";
    is $r->header('Content-Security-Policy'), $BASE_CSP, '... with the site\'s CSP';
    is $r->header('X-Content-Type-Options'), 'nosniff', '... and nosniff';
}
like body_of($anon->get($s->url('/assets/leaflet/leaflet.js'))), qr/Leaflet 1\.\d/, 'leaflet.js is Leaflet';
like $anon->get($s->url('/assets/leaflet/leaflet.js'))->header('Content-Type'), qr{javascript},
    '... as JavaScript';
is $anon->get($s->url('/assets/leaflet/'))->code, 403, 'the folder is not listed';
is $anon->get($s->url('/assets/leaflet/no-such.js'))->code, 404, 'a missing file is a 404';

# ------------------------------------------------------------ the filing form

my $citizen = $s->ua;
my ($reg) = Madang::Test::register_citizen($s, $citizen, name => '지도시민');
is $reg->code, 303, 'a citizen registers';
my $r = $citizen->get($s->url('/cases/new'));
is $r->code, 200, 'the filing form';
my $html = body_of($r);
my $box = map_box($html);
ok %$box, 'the form holds the map box';
ok $box->{hidden}, '... hidden until map.js shows it (without JavaScript: the fields alone)';
is $box->{'data-pick'}, '1', '... where a click picks the location';
is $box->{'data-tiles'}, '', '... without tiles (none configured)';
like $box->{'data-lat'} . ',' . $box->{'data-lng'}, qr/^37\.566535,126\.977969$/, '... centred on the default';
like $html, qr{<script src="/assets/leaflet/leaflet\.js" defer></script>}, 'Leaflet is loaded';
like $html, qr{<script src="/assets/map\.js" defer></script>}, '... and map.js';
like $html, qr{<link rel="stylesheet" href="/assets/leaflet/leaflet\.css">}, '... and its style';
like $html, qr{<input type="text" id="latitude" name="latitude"}, 'the latitude field stays';
like $html, qr{<input type="text" id="longitude" name="longitude"}, 'the longitude field stays';
unlike $html, qr{<script>|\sstyle=}, 'no inline script or style';
is $r->header('Content-Security-Policy'), $BASE_CSP, 'the CSP names no tile server';
unlike body_of($citizen->get($s->url('/cases'))), qr{leaflet}, 'pages without a map do not load Leaflet';

# A bad location comes back with the map and the fields as typed.
my $form = $citizen->get($s->url('/cases/new'));
$r = $citizen->request(POST $s->url('/cases/new'), Content_Type => 'form-data',
    Content => [csrf => $s->csrf_from($form), category => $category, title => 'x', body => Madang::Test::bytes_of('지도 본문'),
                latitude => '91', longitude => '126.9']);
is $r->code, 400, 'a latitude out of range is refused';
$html = body_of($r);
ok %{ map_box($html) }, '... and the form comes back with its map';
like $html, qr{id="latitude" name="latitude"[^>]*value="91"}, '... and the value as typed';

# ------------------------------------------------------------ the case page

my $public = file_case($citizen, category => $category, title => '지도 시험 공개 민원', body => '가로등이 꺼졌습니다.',
                       public => 1, latitude => '37.566535', longitude => '126.977969',
                       address => '서울특별시 중구 세종대로 110 3층');
$r = $anon->get($s->url("/cases/$public"));
is $r->code, 200, 'the public case page';
$html = body_of($r);
$box = map_box($html);
is $box->{'data-lat'}, '37.567', 'the public map shows the latitude rounded to 3 decimals';
is $box->{'data-lng'}, '126.978', '... and the longitude';
is $box->{'data-marker'}, '1', '... with a marker';
ok !$box->{'data-pick'}, '... not for picking';
like $html, qr{37\.567, 126\.978}, 'the facts show the rounded location';
unlike $html, qr{37\.5665|126\.9779}, 'the exact location is nowhere on the public page';
like $html, qr{서울특별시 중구 세종대로 …}, 'the public page shows the street of the address';
unlike $html, qr{세종대로 110|3층}, '... without the house number or the floor';

$html = body_of($citizen->get($s->url("/cases/$public")));
is map_box($html)->{'data-lat'}, '37.566535', 'the owner sees the exact latitude';
like $html, qr{37\.566535, 126\.977969}, '... and the exact location in the facts';
like $html, qr{세종대로 110 3층}, '... and the whole address';

my $sup = staff_ua('admin', 'madang-admin-2026');
$html = body_of($sup->get($s->url("/cases/$public")));
like $html, qr{37\.566535, 126\.977969}, 'staff in scope see the exact location on the public page';
like $html, qr{세종대로 110 3층}, '... and the whole address';
$r = $sup->get($s->url("/staff/cases/$public"));
is $r->code, 200, 'the staff case page';
$html = body_of($r);
like $html, qr{37\.566535, 126\.977969}, '... with the exact location';
ok %{ map_box($html) }, '... and the map';

my $stranger = $s->ua;
Madang::Test::register_citizen($s, $stranger, name => '다른시민');
$html = body_of($stranger->get($s->url("/cases/$public")));
like $html, qr{37\.567, 126\.978}, 'another citizen sees the rounded location';

my $nowhere = file_case($citizen, category => $category, title => '위치 없는 민원', public => 1, body => '위치 없음');
$html = body_of($anon->get($s->url("/cases/$nowhere")));
ok !%{ map_box($html) }, 'a case without a location has no map';

# ------------------------------------------------------------ a tile server, other precision

$s->set_config('map.tiles' => 'https://{s}.tile.example.org/{z}/{x}/{y}.png',
               'map.attribution' => Madang::Test::bytes_of('© 지도 제공자'), 'map.public_decimals' => 2);
$s->restart_web;
$r = $anon->get($s->url("/cases/$public"));
(my $with_tiles = $BASE_CSP) =~ s/img-src 'self' data:/img-src 'self' data: https:\/\/*.tile.example.org/;
is $r->header('Content-Security-Policy'), $with_tiles, 'the CSP allows the tile server\'s images';
$box = map_box(body_of($r));
is $box->{'data-tiles'}, 'https://{s}.tile.example.org/{z}/{x}/{y}.png', 'the map is told the tile URL';
is $box->{'data-attribution'}, '© 지도 제공자', '... and its credit';
is $box->{'data-lat'}, '37.57', 'map.public_decimals = 2 rounds to two decimals';
is $anon->get($s->url('/assets/site.css'))->header('Content-Security-Policy'), $BASE_CSP,
    'static files keep nginx\'s CSP';

$s->set_config('map.tiles' => "https://tiles.example.org; script-src 'unsafe-inline'/{z}/{x}/{y}.png");
ok $s->stop_web, 'madang-web stops';
ok !eval { $s->start_web(child => 1); 1 }, 'a tile URL that would change the CSP stops madang-web from starting';
like $s->web_out_text . $s->log_text, qr/map\.tiles: not an http\(s\) tile URL/, '... and says why';
unlink "$s->{dir}/run/web.pid";
$s->set_config('map.tiles' => '');
$s->start_web;
is $anon->get($s->url("/cases/$public"))->header('Content-Security-Policy'), $BASE_CSP,
    'map.tiles empty: no tile server in the CSP';

# ------------------------------------------------------------ the channel

my %by;
$by{web} = $public;
$by{$_} = file_case($citizen, category => $category, title => "지도 시험 $_ 민원", body => "$_ 경로 민원", public => 0)
    for qw(sms phone open311);
$by{email} = file_case($citizen, category => $category, title => '지도 시험 email 민원', body => '메일', public => 0);
for my $ch (qw(sms phone open311 email)) {
    $s->sql("UPDATE cases SET channel = '$ch' WHERE tracking_no = '$by{$ch}'");
}
$s->sql("UPDATE cases SET channel = 'sms' WHERE tracking_no = '$nowhere'");

$r = $sup->get($s->url('/staff/cases?channel=sms'));
is $r->code, 200, 'the inbox filtered by channel';
$html = body_of($r);
like $html, qr{\Q$by{sms}\E}, '... lists the SMS case';
like $html, qr{\Q$nowhere\E}, '... and the other one';
unlike $html, qr{\Q$by{phone}\E|\Q$public\E}, '... and none of another channel';
like $html, qr{<option value="sms" selected>}, '... with the channel chosen in the filter';
$html = body_of($sup->get($s->url('/staff/cases?channel=phone')));
like $html, qr{\Q$by{phone}\E}, 'by phone: the phone case';
unlike $html, qr{\Q$by{sms}\E}, '... alone';
is $sup->get($s->url('/staff/cases?channel=fax'))->code, 400, 'an unknown channel is refused';
like body_of($sup->get($s->url("/staff/cases/$by{open311}"))), qr{\Q$L->{'Inbox.Channel.open311'}\E},
    'the staff case page names the channel';

my $today = $s->sql_value(q{SET time_zone = '+09:00'; SELECT DATE_FORMAT(CURDATE(), '%Y-%m-%d')});
my $q = "from=$today&to=$today";
my %want = map { @$_ } $s->sql(q{SET time_zone = '+09:00'; SELECT channel, COUNT(*) FROM cases}
    . q{ WHERE created_at >= CURDATE() AND created_at < CURDATE() + INTERVAL 1 DAY GROUP BY channel});
$r = $sup->get($s->url("/staff/reports/workload?$q"));
is $r->code, 200, 'the supervisor\'s workload report';
my $n = channel_counts(body_of($r));
is_deeply $n, {
    (map { $L->{"Inbox.Channel.$_"} => $want{$_} // 0 } qw(web email sms phone open311)),
    $L->{'Report.Total'} => $s->sql_value(q{SET time_zone = '+09:00'; SELECT COUNT(*) FROM cases}
        . q{ WHERE created_at >= CURDATE() AND created_at < CURDATE() + INTERVAL 1 DAY}),
}, '... counts every case received today per channel, and their total';
is $n->{ $L->{'Inbox.Channel.sms'} }, 2, '... two by SMS';

$r = $sup->get($s->url("/staff/reports/workload?$q&department=$dept"));
is_deeply channel_counts(body_of($r)), {
    map({ $L->{"Inbox.Channel.$_"} => $_ eq 'sms' ? 2 : 1 } qw(web email sms phone open311)),
    $L->{'Report.Total'} => 6,
}, 'for the division alone: its six cases, per channel';

my $bae = staff_ua('welfare.bae');
$r = $bae->get($s->url("/staff/reports/workload?$q&department=$dept"));
is $r->code, 200, 'the division\'s manager sees its report';
is channel_counts(body_of($r))->{ $L->{'Report.Total'} }, 6, '... with the same counts';

my $choi = staff_ua('road.choi');
$r = $choi->get($s->url("/staff/reports/workload?$q"));
is $r->code, 200, 'the manager of another department sees the report';
$n = channel_counts(body_of($r));
my $road_today = $s->sql_value(q{SET time_zone = '+09:00'; SELECT COUNT(*) FROM cases c JOIN staff_scope sc}
    . q{ ON sc.department_id = c.department_id AND sc.account_id = } . $s->account_id('road.choi')
    . q{ WHERE c.created_at >= CURDATE() AND c.created_at < CURDATE() + INTERVAL 1 DAY AND c.channel <> 'web'});
is $road_today, 0, '(the cases of other channels are all the division\'s)';
is $n->{ $L->{"Inbox.Channel.$_"} } // 0, 0, "... and counts none of the division's $_ cases"
    for qw(sms phone open311 email);
$r = $choi->get($s->url("/staff/reports/workload?$q&department=$dept"));
is $r->code, 400, '... nor may ask for the division';
unlike body_of($r), qr{id="h-channels"}, '... and then sees no channel figures';

done_testing;
