# SPDX-License-Identifier: AGPL-3.0-or-later
# 300-communities.t: communities (커뮤니티, issue 14 part 1) end to end on
# the demo data: the list as each reader may see it (search, template,
# "my communities"; an unlisted or staff-only one is not there for
# others, by URL too: 404); the creation wizard step by step (presets,
# answers carried as hidden fields, a step back keeping them, errors in
# the person's language with the form filled, the staff template refused
# to a citizen on the server, a taken address, an image checked by its
# content); joining an open community, asking to join one by approval,
# approval, invitation and its acceptance, leaving, removing, banning,
# roles and the transfer of ownership on the members page, each with its
# notice; a supervisor suspending and reopening a community with a
# reason, audited; archiving of an inactive community by madangctl tick.
use strict;
use warnings;
use utf8;
use Test::More;
use Compress::Zlib qw(crc32 compress);
use Encode qw(encode);
use HTTP::Request::Common qw(POST);
use Madang::Test qw(body_of L text_of);

binmode $_, ':encoding(UTF-8)'
    for map { Test::More->builder->$_ } qw(output failure_output todo_output);

my $s = Madang::Test->start(seed => 1);

# ------------------------------------------------------------ helpers

sub page_text { my ($ua, $path) = @_; return text_of(body_of($ua->get($s->url($path)))) }
sub post { my ($ua, $from, $path, @kv) = @_; return Madang::Test::post_form($s, $ua, $from, $path, @kv) }
sub notices { my ($login, $kind) = @_;
    return $s->sql_value("SELECT COUNT(*) FROM notices n JOIN accounts a ON a.id = n.account_id"
        . " WHERE a.login_id = '$login' AND n.kind = '$kind'") }
sub member_state { my ($slug, $login) = @_;
    return $s->sql_value("SELECT CONCAT(m.state, '/', m.role) FROM community_members m"
        . " JOIN communities c ON c.id = m.community_id JOIN accounts a ON a.id = m.account_id"
        . " WHERE c.slug = '$slug' AND a.login_id = '$login'") // 'none' }
sub account { my ($login) = @_; return $s->sql_value("SELECT id FROM accounts WHERE login_id = '$login'") }

# A valid 2x2 RGB PNG.
sub tiny_png {
    my $chunk = sub { my ($type, $data) = @_;
        return pack('N', length $data) . $type . $data . pack('N', crc32($type . $data)) };
    my $raw = join '', map { "\0" . ("\xff\x00\x00" x 2) } 1 .. 2;
    return "\x89PNG\r\n\x1a\n" . $chunk->('IHDR', pack('NNCCCCC', 2, 2, 8, 2, 0, 0, 0))
        . $chunk->('IDAT', compress($raw)) . $chunk->('IEND', '');
}

# One step of the wizard: the fields as posted (characters), an image
# [name, bytes] when given (the form is then multipart).
sub wizard {
    my ($ua, $image, @kv) = @_;
    my $csrf = Madang::Test::csrf_value($ua->get($s->url('/communities/new')));
    my @content = (csrf => $csrf, map { Madang::Test::bytes_of($_) } @kv);
    push @content, image => [ undef, $image->[0], 'Content-Type' => 'application/octet-stream', Content => $image->[1] ]
        if $image;
    return $ua->request(POST $s->url('/communities/new'), Content_Type => 'form-data', Content => \@content);
}
# The hidden and checked fields of the wizard's form in $html, as pairs.
sub carried {
    my ($html) = @_;
    my @kv;
    while ($html =~ m{<input type="hidden" name="([a-z_]+)" value="([^"]*)">}g) {
        next if $1 eq 'csrf' || $1 eq 'step';
        push @kv, $1, Madang::Test::_unescape_html($2);
    }
    while ($html =~ m{<input type="(?:radio|checkbox)" id="[^"]*" name="([a-z_]+)" value="([^"]*)"[^>]*checked}g) {
        push @kv, $1, $2;
    }
    return @kv;
}

my $anon = $s->ua;

# ------------------------------------------------------------ the list

my $t = page_text($anon, '/communities');
like $t, qr/마당 걷기 주민모임/, 'the list shows the public resident group';
like $t, qr/공공데이터 연구모임/, '... and the listed study group (members only, listed)';
unlike $t, qr/공무원 디지털 학습모임/, '... not the staff working group to the public';
like page_text($anon, '/communities?q=' . 'walk'), qr/\Q${\ L('Community.None')}\E/, 'a search without match';
$t = page_text($anon, '/communities?q=%EA%B1%B7%EA%B8%B0');
like $t, qr/마당 걷기 주민모임/, 'search by name (걷기)';
unlike $t, qr/공공데이터 연구모임/, '... only what matches';
$t = page_text($anon, '/communities?template=study');
like $t, qr/공공데이터 연구모임/, 'filter by template';
unlike $t, qr/마당 걷기 주민모임/, '... only that template';
is $anon->get($s->url('/communities?template=bogus'))->code, 400, 'an unknown template: 400';
like text_of(body_of($anon->get($s->url('/')))), qr/\Q${\ L('Nav.Communities')}\E/, 'the layout links to communities';
like text_of(body_of($anon->get($s->url('/')))), qr/\Q${\ L('Home.Communities')}\E.*마당 걷기 주민모임/s,
    'the home page shows a few communities';

# ------------------------------------------------------------ homes, by URL

my $html = body_of($anon->get($s->url('/c/madang-walkers')));
like text_of($html), qr/마당 걷기 주민모임.*\Q${\ L('Community.Template.resident')}\E.*\Q${\ L('Community.Members')}\E 4/s,
    'a public community\'s home: name, template, member count';
like $html, qr{href="/c/madang-walkers/boards/free"}, '... its boards';
like $html, qr{href="/c/madang-walkers/calendar".*href="/c/madang-walkers/chat"}s, '... its calendar and its chat';
$html = body_of($anon->get($s->url('/c/open-data-study')));
like text_of($html), qr/\Q${\ L('Community.MembersOnly')}\E/, 'a listed members-only community: its home says members only';
unlike $html, qr{/boards/|/calendar"|/chat"}, '... and shows no board, calendar or chat';
is $anon->get($s->url('/c/staff-digital'))->code, 404, 'the staff group to the public: 404 by URL';
is $anon->get($s->url('/c/no-such-group'))->code, 404, 'an unknown community: 404';
is $anon->get($s->url('/c/Bad..Slug'))->code, 404, '... a malformed address too';
is $anon->get($s->url('/c/open-data-study/members'))->code, 303, 'the members page asks to sign in';

# ------------------------------------------------------------ the wizard

my ($r, $a_form) = Madang::Test::register_citizen($s, my $ua_a = $s->ua);
is $r->code, 303, 'citizen A registers';
my $A = $a_form->{login_id};
my ($r2, $b_form) = Madang::Test::register_citizen($s, my $ua_b = $s->ua);
my $B = $b_form->{login_id};
my ($r3, $c_form) = Madang::Test::register_citizen($s, my $ua_c = $s->ua);
my $C = $c_form->{login_id};

is $anon->get($s->url('/communities/new'))->code, 303, 'the wizard asks to sign in';
$html = body_of($ua_a->get($s->url('/communities/new')));
like $html, qr{name="step" value="1"}, 'step 1: purpose and template';
like $html, qr{value="resident"}, '... the resident template offered';
unlike $html, qr{value="staff"}, '... the staff template not offered to a citizen';

$r = wizard($ua_a, undef, step => 1, go => 'next', template => 'staff');
is $r->code, 400, 'the staff template posted by a citizen: refused on the server';
like text_of(body_of($r)), qr/\Q${\ L('Err.community_template')}\E/, '... with the reason in the user\'s language';

$r = wizard($ua_a, undef, step => 1, go => 'next', template => 'study');
is $r->code, 200, 'step 1 done: the study group';
$html = body_of($r);
like $html, qr{name="step" value="2"}, '... step 2 follows';
my %carried = carried($html);
is $carried{template}, 'study', '... the template carried as a hidden field';
is $carried{membership}, 'approval', '... the preset membership (by approval)';
is $carried{visibility}, 'listed', '... the preset visibility (listed)';
is $carried{board_qna}, 1, '... the preset boards (Q&A)';
ok !exists $carried{board_gallery}, '... not the gallery';

$r = wizard($ua_a, undef, carried($html), step => 2, go => 'next', name => '주민 코딩 공부방', slug => 'Bad Slug',
    description => '함께 코딩을 공부합니다.');
is $r->code, 400, 'a malformed address: refused';
$html = body_of($r);
like text_of($html), qr/\Q${\ L('Err.community_slug')}\E/, '... with the reason';
like $html, qr/value="주민 코딩 공부방"/, '... the form filled';
like $html, qr{name="step" value="2"}, '... on the same step';

$r = wizard($ua_a, undef, carried($html), step => 2, go => 'back', name => '주민 코딩 공부방', slug => 'coding-room',
    description => '함께 코딩을 공부합니다.');
$html = body_of($r);
like $html, qr{name="step" value="1"}, 'back: step 1 again';
like $html, qr{value="study" required checked}, '... the template still chosen';
like $html, qr{name="slug" value="coding-room"}, '... the later answers kept';

$r = wizard($ua_a, undef, carried($html), step => 1, go => 'next');
$html = body_of($r);
like $html, qr{name="slug" maxlength="40"[^>]*value="coding-room"}, 'forward again: step 2 keeps the address';
my @two = (carried($html), step => 2, go => 'next', name => '주민 코딩 공부방', slug => 'coding-room',
    description => '함께 코딩을 공부합니다.');
$r = wizard($ua_a, [ 'x.exe', "MZ\x90\x00\x03" . ("\x00" x 60) ], @two);
is $r->code, 400, 'a program as the image: refused';
like text_of(body_of($r)), qr/\Q${\ L('Err.community_image_type')}\E/, '... with the reason';
like body_of($r), qr/value="주민 코딩 공부방"/, '... the form filled';
$r = wizard($ua_a, [ 'logo.png', tiny_png() ], @two);
$html = body_of($r);
like $html, qr{name="step" value="3"}, 'step 3: membership and visibility';
like $html, qr{name="image_stored" value="[0-9a-f]{32}"}, '... the image chosen at step 2 kept (stored, carried)';
like $html, qr{value="approval" required checked}, '... the preset chosen';
my @three = grep { defined } carried($html);
$r = wizard($ua_a, undef, @three, step => 3, go => 'next');
$html = body_of($r);
like $html, qr{name="step" value="4"}, 'step 4: boards and image';
like $html, qr{name="board_qna" value="1" checked}, '... the preset boards ticked';

my %four = carried($html);
delete @four{qw(board_notice board_qna board_files)};
$r = wizard($ua_a, undef, %four, step => 4, go => 'next');
is $r->code, 400, 'no board: refused';
like text_of(body_of($r)), qr/\Q${\ L('Err.community_boards')}\E/, '... with the reason';

is $s->sql_value("SELECT COUNT(*) FROM communities WHERE slug = 'coding-room'"), 0, '... nothing stored yet';

my %forged = carried($html);
$forged{image_stored} = 'f' x 32;
$forged{slug} = 'forged-room';
$r = wizard($ua_b, undef, %forged, step => 4, go => 'next');
is $r->code, 303, 'a forged image name in the hidden fields...';
is $s->sql_value("SELECT image_stored IS NULL FROM communities WHERE slug = 'forged-room'"), 1, '... is ignored';
my %real = carried($html);
$forged{image_stored} = $real{image_stored};
$forged{slug} = 'forged-room2';
$r = wizard($ua_b, undef, %forged, step => 4, go => 'next');
is $s->sql_value("SELECT image_stored IS NULL FROM communities WHERE slug = 'forged-room2'"), 1,
    '... and so is another person\'s image (signed for its chooser)';

$r = wizard($ua_a, undef, carried($html), step => 4, go => 'next');
is $r->code, 303, 'the community is created';
is $r->header('Location'), '/c/coding-room?done=created', '... to its home';
is member_state('coding-room', $A), 'active/owner', '... its creator its owner';
is $s->sql_value("SELECT CONCAT(template, '/', membership, '/', visibility) FROM communities WHERE slug = 'coding-room'"),
    'study/approval/listed', '... as chosen';
is $s->sql_value("SELECT GROUP_CONCAT(b.kind ORDER BY b.position) FROM community_boards b JOIN communities c"
    . " ON c.id = b.community_id WHERE c.slug = 'coding-room'"), 'notice,qna,files', '... with its boards';
ok $s->sql_value("SELECT COUNT(*) FROM audit_log WHERE object_type = 'community' AND action = 'create' AND detail = 'coding-room'"),
    '... audited';
$html = body_of($ua_a->get($s->url('/c/coding-room?done=created')));
like text_of($html), qr/\Q${\ L('Msg.CommunityCreated')}\E/, 'its home says so';
like $html, qr{src="/c/coding-room/image"}, '... and shows the image';
$r = $ua_a->get($s->url('/c/coding-room/image'));
is $r->code, 200, 'the image is served';
is $r->header('Content-Type'), 'image/png', '... as a PNG';
is $anon->get($s->url('/c/coding-room/image'))->code, 200, '... to anyone who finds the community listed';

$r = wizard($ua_b, undef, template => 'resident', name => '다른 모임', slug => 'coding-room', description => '',
    membership => 'open', visibility => 'public', board_free => 1, step => 4, go => 'next');
is $r->code, 409, 'a taken address, even all steps posted at once: refused';
like text_of(body_of($r)), qr/\Q${\ L('Err.community_slug_taken')}\E/, '... with the reason';
like body_of($r), qr{name="step" value="2"}, '... back on the step that asks it';

$r = wizard($ua_b, undef, template => 'resident', name => '숨은 모임', slug => 'hidden-club', description => '비공개',
    membership => 'invite', visibility => 'unlisted', board_free => 1, step => 4, go => 'next');
is $r->code, 303, 'B creates an unlisted club by invitation';

# ------------------------------------------------------------ joining

is $ua_c->get($s->url('/c/hidden-club'))->code, 404, 'an unlisted club to others: 404 by URL';
unlike page_text($ua_c, '/communities'), qr/숨은 모임/, '... and not in their list';
like page_text($ua_b, '/communities?mine=1'), qr/숨은 모임/, '"my communities" shows it to its owner';
unlike page_text($ua_b, '/communities?mine=1'), qr/마당 걷기 주민모임/, '... and only theirs';

$r = post($ua_c, '/c/madang-walkers', '/c/madang-walkers/join');
is $r->code, 303, 'C joins the open resident group';
is member_state('madang-walkers', $C), 'active/member', '... at once';
is $s->sql_value("SELECT member_count FROM communities WHERE slug = 'madang-walkers'"), 5, '... counted';
like page_text($ua_c, '/communities?mine=1'), qr/마당 걷기 주민모임/, '... in their communities';
$r = post($ua_c, '/c/madang-walkers', '/c/madang-walkers/join');
is $r->code, 409, 'joining twice: refused';
$r = post($ua_c, '/c/madang-walkers', '/c/madang-walkers/leave');
is $r->code, 303, 'C leaves';
is member_state('madang-walkers', $C), 'left/member', '... left';

$html = body_of($ua_c->get($s->url('/c/coding-room')));
like $html, qr{action="/c/coding-room/join"}, 'the study group offers to ask to join';
like text_of($html), qr/\Q${\ L('Community.AskToJoin')}\E/, '... as a request';
$r = post($ua_c, '/c/coding-room', '/c/coding-room/join');
is $r->code, 303, 'C asks to join';
is member_state('coding-room', $C), 'pending/member', '... pending';
like text_of(body_of($ua_c->get($s->url('/c/coding-room')))), qr/\Q${\ L('Community.PendingNote')}\E/,
    '... the home page says it waits';
is $ua_c->get($s->url('/c/coding-room/members'))->code, 404, '... no members page yet (members only: 404)';
is notices($A, 'community_request'), 1, 'the owner is told of the request';

$html = body_of($ua_a->get($s->url('/c/coding-room/members')));
like $html, qr{name="action" value="approve"}, 'the owner sees the request to approve';
my $c_id = account($C);
$r = post($ua_a, '/c/coding-room/members', '/c/coding-room/members', action => 'approve', account_id => $c_id);
is $r->code, 303, 'the owner approves';
is member_state('coding-room', $C), 'active/member', '... C is a member';
is notices($C, 'community_approved'), 1, '... and told';
ok $s->sql_value("SELECT COUNT(*) FROM audit_log WHERE object_type = 'community_member' AND action = 'approve'"),
    '... audited';
like page_text($ua_c, '/c/coding-room/members'), qr/\Q$a_form->{name}\E/, 'a member sees the members';
like body_of($ua_c->get($s->url('/c/coding-room/members'))), qr{href="/notes/new\?to=${\ account($A)}"},
    '... with a link to write a note to another member';
unlike body_of($ua_c->get($s->url('/c/coding-room/members'))), qr{href="/notes/new\?to=$c_id"}, '... not to oneself';
unlike body_of($ua_c->get($s->url('/c/coding-room/members'))), qr{value="remove"}, '... without the managers\' buttons';
$r = post($ua_c, '/c/coding-room/members', '/c/coding-room/members', action => 'remove', account_id => account($A));
is $r->code, 403, 'a member may not remove the owner';

# Invitations.
$r = post($ua_b, '/c/hidden-club/members', '/c/hidden-club/members', action => 'invite', login_id => 'nobody.here');
is $r->code, 404, 'inviting an unknown login: refused';
like text_of(body_of($r)), qr/\Q${\ L('Err.community_no_account')}\E/, '... with the reason';
$r = post($ua_b, '/c/hidden-club/members', '/c/hidden-club/members', action => 'invite', login_id => $C);
is $r->code, 303, 'B invites C to the unlisted club';
is member_state('hidden-club', $C), 'invited/member', '... invited';
is notices($C, 'community_invited'), 1, '... and told';
$html = body_of($ua_c->get($s->url('/c/hidden-club')));
like text_of($html), qr/\Q${\ L('Community.InvitedNote')}\E/, 'C now finds the club, with the invitation';
$r = post($ua_c, '/c/hidden-club', '/c/hidden-club/join');
is $r->code, 303, 'C accepts';
is member_state('hidden-club', $C), 'active/member', '... a member';
is $ua_a->get($s->url('/c/hidden-club'))->code, 404, 'A, not invited, still finds nothing there';

# Roles, bans, transfer.
$r = post($ua_a, '/c/coding-room/members', '/c/coding-room/members', action => 'promote', account_id => $c_id);
is $r->code, 303, 'the owner makes C a manager';
is member_state('coding-room', $C), 'active/manager', '... a manager';
$r = post($ua_c, '/c/coding-room/members', '/c/coding-room/members', action => 'invite', login_id => $B);
is $r->code, 303, 'the manager invites B';
$r = post($ua_b, '/c/coding-room', '/c/coding-room/join');
is member_state('coding-room', $B), 'active/member', 'B accepts';
$r = post($ua_c, '/c/coding-room/members', '/c/coding-room/members', action => 'promote', account_id => account($B));
is $r->code, 403, 'a manager may not promote';
$r = post($ua_c, '/c/coding-room/members', '/c/coding-room/members', action => 'ban', account_id => account($B));
is $r->code, 303, 'the manager bans B';
is member_state('coding-room', $B), 'banned/member', '... banned';
$r = post($ua_b, '/c/coding-room', '/c/coding-room/join');
is $r->code, 403, 'a banned person cannot ask again';
$r = post($ua_a, '/c/coding-room/members', '/c/coding-room/members', action => 'unban', account_id => account($B));
is member_state('coding-room', $B), 'left/member', 'the owner lifts the ban';
$r = post($ua_a, '/c/coding-room', '/c/coding-room/leave');
is $r->code, 409, 'the owner cannot leave';
$r = post($ua_a, '/c/coding-room/members', '/c/coding-room/members', action => 'transfer', account_id => $c_id);
is $r->code, 303, 'the owner hands the community to C';
is member_state('coding-room', $C), 'active/owner', '... C owns it';
is member_state('coding-room', $A), 'active/manager', '... A stays on as a manager';
$r = post($ua_a, '/c/coding-room', '/c/coding-room/leave');
is $r->code, 303, '... and may now leave';
is $s->sql_value("SELECT member_count FROM communities WHERE slug = 'coding-room'"), 1, 'the count follows';

# ------------------------------------------------------------ staff

my $han = $s->ua;
is Madang::Test::sign_in($s, $han, 'civil.han', 'madang-staff-2026')->code, 303, 'a staff member signs in';
like page_text($han, '/communities'), qr/공무원 디지털 학습모임/, 'staff find the staff working group';
like body_of($han->get($s->url('/communities/new'))), qr{value="staff"}, '... and the staff template in the wizard';
like body_of($han->get($s->url('/c/staff-digital'))), qr{/c/staff-digital/boards/files}, 'its owner reads it';
is $ua_c->get($s->url('/c/staff-digital'))->code, 404, 'a citizen: 404';

# ------------------------------------------------------------ supervision

my $admin = $s->ua;
is Madang::Test::sign_in($s, $admin, 'admin', 'madang-admin-2026')->code, 303, 'the supervisor signs in';
$html = body_of($admin->get($s->url('/c/madang-walkers')));
like $html, qr{action="/c/madang-walkers/govern"}, 'the supervisor has the state form';
unlike body_of($ua_c->get($s->url('/c/madang-walkers'))), qr{/govern"}, '... a citizen not';
is post($ua_c, '/c/madang-walkers', '/c/madang-walkers/govern', state => 'suspended', reason => 'x')->code, 303,
    '... and posting it only leads a citizen to sign in';
is $s->sql_value("SELECT state FROM communities WHERE slug = 'madang-walkers'"), 'active', '... nothing changed';
$r = post($admin, '/c/madang-walkers', '/c/madang-walkers/govern', state => 'suspended', reason => '');
is $r->code, 400, 'suspending without a reason: refused';
$r = post($admin, '/c/madang-walkers', '/c/madang-walkers/govern', state => 'suspended', reason => '광고 글 반복');
is $r->code, 303, 'the supervisor suspends it with a reason';
is $s->sql_value("SELECT state FROM communities WHERE slug = 'madang-walkers'"), 'suspended', '... suspended';
like page_text($anon, '/c/madang-walkers'), qr/\Q${\ L('Community.State.suspended')}\E.*광고 글 반복/s,
    '... its home shows the banner and the reason';
is notices('minjun', 'community_governed'), 1, '... its owner is told';
ok $s->sql_value("SELECT COUNT(*) FROM audit_log WHERE object_type = 'community' AND action = 'suspended'"), '... audited';
is post($ua_c, '/c/madang-walkers', '/c/madang-walkers/join')->code, 403, 'a suspended community takes no one';
$r = post($admin, '/c/madang-walkers', '/c/madang-walkers/govern', state => 'active', reason => '');
is $s->sql_value("SELECT state FROM communities WHERE slug = 'madang-walkers'"), 'active', 'reopened';

# ------------------------------------------------------------ archiving

$s->sql("UPDATE communities SET last_activity_at = NOW() - INTERVAL 40 DAY WHERE slug = 'hidden-club'");
$s->sql("INSERT INTO settings (name, value) VALUES ('community.archive_days', '30')"
    . " ON DUPLICATE KEY UPDATE value = VALUES(value)");
my ($out, $status) = $s->ctl('tick');
is $status, 0, 'madangctl tick' or diag $out;
like $out, qr/communities archived: [1-9]/, '... archives the inactive';
is $s->sql_value("SELECT state FROM communities WHERE slug = 'hidden-club'"), 'archived', 'the inactive club is archived';
is $s->sql_value("SELECT state FROM communities WHERE slug = 'madang-walkers'"), 'active', '... not the active ones';
like page_text($ua_b, '/c/hidden-club'), qr/\Q${\ L('Community.State.archived')}\E/, '... its home says so';
$r = post($ua_b, '/c/hidden-club', '/c/hidden-club/members', action => 'transfer', account_id => $c_id);
is $r->code, 403, '... and nobody hands it over (read only)';
is member_state('hidden-club', $B), 'active/owner', '... its owner stays';

# ------------------------------------------------------------ English

$r = post($ua_c, '/c/madang-walkers', '/lang', lang => 'en', back => '/communities');
like page_text($ua_c, '/communities'), qr/\QResident group\E/, 'the list in English';

done_testing;
