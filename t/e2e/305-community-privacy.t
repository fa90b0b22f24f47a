# SPDX-License-Identifier: AGPL-3.0-or-later
# 305-community-privacy.t: issue 14's parts together, over HTTP on the
# real stack with the demo (three communities, each with posts, events and
# chat; notes between citizens who share one). A members-only community's board, post, file,
# calendar, event, the event's and the calendar's .ics and chat are 404 by
# URL for the public, a signed-in non-member and a member who left, and
# 200 for a member (the members list too); the demo's study group likewise. A suspended community
# stops posting in every part (a board post, a comment, an event, an
# answer to it, a chat message) while its members still read it; reopened,
# the same requests pass.
use strict;
use warnings;
use utf8;
use Test::More;
use Encode qw(encode);
use HTTP::Request::Common qw(POST);
use Madang::Test qw(body_of text_of post_form);

binmode $_, ':encoding(UTF-8)'
    for map { Test::More->builder->$_ } qw(output failure_output todo_output);

my $s = Madang::Test->start(seed => 1);

sub code_of { my ($ua, $path) = @_; return $ua->get($s->url($path))->code }
sub post { my ($ua, $from, $path, @kv) = @_; return post_form($s, $ua, $from, $path, @kv) }
sub post_raw { my ($ua, $path, @kv) = @_; return $ua->post($s->url($path), [ map { Madang::Test::bytes_of($_) } @kv ]) }

# ------------------------------------------------------------ the demo, one whole

is $s->sql_value("SELECT GROUP_CONCAT(slug ORDER BY slug) FROM communities"), 'madang-walkers,open-data-study,staff-digital',
    'the demo has the three communities, no other';
for my $slug (qw(madang-walkers open-data-study staff-digital)) {
    my @n = map { $s->sql_value("SELECT COUNT(*) FROM $_ x JOIN communities c ON c.id = x.community_id WHERE c.slug = '$slug'") }
        qw(community_posts community_events chat_messages);
    ok !(grep { !$_ } @n), "$slug: board posts, events and chat history (@n)";
}
is $s->sql_value("SELECT COUNT(*) FROM notes n JOIN accounts a ON a.id = n.author_id JOIN accounts r ON r.id = n.recipient_id"
    . " WHERE a.kind = 'citizen' AND r.kind = 'citizen' AND EXISTS (SELECT 1 FROM community_members ma"
    . " JOIN community_members mr ON mr.community_id = ma.community_id AND mr.account_id = r.id AND mr.state = 'active'"
    . " WHERE ma.account_id = a.id AND ma.state = 'active')") > 0 ? 1 : 0, 1,
    'notes between citizens who share a community';

my ($owner, $owner_id) = $s->citizen();
my ($member, $member_id) = $s->citizen();
my ($leaver, $leaver_id) = $s->citizen();
my ($outsider) = $s->citizen();

# A members-only (listed) resident group: owner, a member, one who left.
my $X = '/c/privacy-closed';
$s->sql("INSERT INTO communities (slug, name, description, template, membership, visibility, member_count,"
    . " created_by, created_at, updated_at, last_activity_at) VALUES ('privacy-closed', '비공개 시험 모임',"
    . " '설명', 'resident', 'approval', 'listed', 2, $owner_id, NOW(), NOW(), NOW())");
my $cid = $s->sql_value("SELECT id FROM communities WHERE slug = 'privacy-closed'");
$s->sql("INSERT INTO community_members (community_id, account_id, role, state, created_at, updated_at) VALUES"
    . " ($cid, $owner_id, 'owner', 'active', NOW(), NOW()), ($cid, $member_id, 'member', 'active', NOW(), NOW()),"
    . " ($cid, $leaver_id, 'member', 'left', NOW(), NOW())");
my $pos = 0;
$s->sql("INSERT INTO community_boards (community_id, kind, position, created_at) VALUES ($cid, '$_', " . ++$pos
    . ', NOW())') for qw(notice free files);

# Members write in every part: a post with a file, a comment, an event,
# a chat message.
sub write_post {
    my ($ua, $board, $files, %f) = @_;
    my $form = "$X/boards/$board/new";
    my $csrf = Madang::Test::csrf_value($ua->get($s->url($form)))
        // Madang::Test::csrf_value($ua->get($s->url($X)));
    my @content = (csrf => $csrf, map { $_ => Madang::Test::bytes_of($f{$_}) } sort keys %f);
    push @content, attachments => [ undef, $_->[0], 'Content-Type' => 'application/octet-stream',
        Content => Madang::Test::bytes_of($_->[1]) ] for @{ $files // [] };
    my $r = $ua->request(POST $s->url($form), Content_Type => 'form-data', Content => \@content);
    my ($id) = ($r->header('Location') // '') =~ m{/posts/(\d+)\?done=};
    return ($r, $id);
}
my ($r, $post) = write_post($member, 'files', [[ 'minutes.txt', "회의록\n" ]], title => '회의록', body => '모임 회의록');
is $r->code, 303, 'a member writes a post with a file' or diag body_of($r);
my $file = $s->sql_value("SELECT id FROM community_post_files WHERE post_id = $post");
ok $file, '... stored with its file';
my %event = (title => '비공개 회의', place => '회의실', description => '회원만', starts_at => '2027-03-03T19:00',
    ends_at => '2027-03-03T20:00', recurrence => 'none');
$r = post($owner, "$X/events/new", "$X/events/new", %event);
is $r->code, 303, 'the owner adds an event' or diag body_of($r);
my ($event) = ($r->header('Location') // '') =~ m{/events/(\d+)};
$r = post($member, "$X/chat", "$X/chat", body => '회원끼리 하는 이야기');
is $r->code, 303, 'a member says something in the chat' or diag body_of($r);

my @paths = ("$X/boards/free", "$X/boards/files", "$X/posts/$post", "$X/posts/$post/files/$file",
    "$X/calendar", "$X/events/$event", "$X/events/$event.ics", "$X/chat");
for my $who ([$s->ua, 'the public'], [$outsider, 'a non-member'], [$leaver, 'a member who left']) {
    my ($ua, $name) = @$who;
    is code_of($ua, $_), 404, "$name: $_ is 404" for @paths, "$X/calendar.ics";
}
is code_of($member, $_), 200, "a member: $_ is 200" for @paths, "$X/members";
is code_of($_, "$X/members"), 404, "a non-member: $X/members is 404" for $outsider, $leaver;
like text_of(body_of($member->get($s->url("$X/chat")))), qr/회원끼리 하는 이야기/, '... the chat shows the message';

# The demo's study group (listed, approval): its parts are not there for
# the public, nor for its pending applicant.
my $study_post = $s->sql_value("SELECT p.id FROM community_posts p JOIN communities c ON c.id = p.community_id"
    . " WHERE c.slug = 'open-data-study' ORDER BY p.id LIMIT 1");
my $study_event = $s->sql_value("SELECT e.id FROM community_events e JOIN communities c ON c.id = e.community_id"
    . " WHERE c.slug = 'open-data-study' ORDER BY e.id LIMIT 1");
ok $study_post && $study_event, 'the demo study group has posts and events';
is $s->sql_value("SELECT COUNT(*) FROM chat_messages m JOIN communities c ON c.id = m.community_id"
    . " WHERE c.slug = 'open-data-study'") > 0 ? 1 : 0, 1, '... and chat history';
is code_of($s->ua, $_), 404, "the public: $_ is 404"
    for map { "/c/open-data-study$_" } ('/boards/qna', "/posts/$study_post", '/calendar', "/events/$study_event",
        "/events/$study_event.ics", '/calendar.ics', '/chat');

# ------------------------------------------------------------ suspended

my $admin = $s->ua;
is Madang::Test::sign_in($s, $admin, 'admin', 'madang-admin-2026')->code, 303, 'the supervisor signs in';
my $before = join '/', map { $s->sql_value($_) } (
    "SELECT COUNT(*) FROM community_posts WHERE community_id = $cid",
    "SELECT COUNT(*) FROM posts WHERE parent_kind = 'cpost' AND parent_id = $post",
    "SELECT COUNT(*) FROM community_events WHERE community_id = $cid",
    "SELECT COUNT(*) FROM community_event_rsvps WHERE event_id = $event",
    "SELECT COUNT(*) FROM chat_messages WHERE community_id = $cid");
my $csrf_post = Madang::Test::csrf_value($member->get($s->url("$X/boards/free/new")));
my $csrf_event = Madang::Test::csrf_value($owner->get($s->url("$X/events/new")));
$r = post($admin, "$X", "$X/govern", state => 'suspended', reason => '시험 정지');
is $r->code, 303, 'the supervisor suspends the community' or diag body_of($r);
is $s->sql_value("SELECT state FROM communities WHERE id = $cid"), 'suspended', '... suspended';

is code_of($member, "$X/posts/$post"), 200, 'a member still reads a post';
is code_of($member, "$X/chat"), 200, '... and the chat';
($r) = write_post($member, 'free', [], title => '정지 중 글', body => '올라가면 안 됩니다');
is $r->code, 403, 'boards: no post while suspended';
$r = post_raw($member, "$X/posts/$post/comments", csrf => $csrf_post, body => '정지 중 댓글');
is $r->code, 403, 'boards: no comment';
$r = post_raw($owner, "$X/events/new", csrf => $csrf_event, %event);
is $r->code, 403, 'calendar: no event, not even by the owner';
$r = post_raw($member, "$X/events/$event/rsvp", csrf => $csrf_post, answer => 'going');
is $r->code, 403, 'calendar: no answer to an event';
$r = post_raw($member, "$X/chat", csrf => $csrf_post, body => '정지 중 대화');
is $r->code, 403, 'chat: no message';
is join('/', map { $s->sql_value($_) } (
    "SELECT COUNT(*) FROM community_posts WHERE community_id = $cid",
    "SELECT COUNT(*) FROM posts WHERE parent_kind = 'cpost' AND parent_id = $post",
    "SELECT COUNT(*) FROM community_events WHERE community_id = $cid",
    "SELECT COUNT(*) FROM community_event_rsvps WHERE event_id = $event",
    "SELECT COUNT(*) FROM chat_messages WHERE community_id = $cid")), $before, '... nothing stored in any part';

$r = post($admin, "$X", "$X/govern", state => 'active', reason => '');
is $s->sql_value("SELECT state FROM communities WHERE id = $cid"), 'active', 'reopened';
# The same requests (the same CSRF tokens) pass again: the refusals were
# the suspension's.
is post_raw($member, "$X/posts/$post/comments", csrf => $csrf_post, body => '다시 열렸네요')->code, 303,
    '... a member comments again';
is post_raw($owner, "$X/events/new", csrf => $csrf_event, %event)->code, 303, '... the owner adds an event';
is post_raw($member, "$X/events/$event/rsvp", csrf => $csrf_post, answer => 'going')->code, 303, '... answers';
is post_raw($member, "$X/chat", csrf => $csrf_post, body => '다시 열렸네요')->code, 303, '... and talks';

done_testing;
