# SPDX-License-Identifier: AGPL-3.0-or-later
# 360-community-reports.t: the last gaps of issue 14 over HTTP. In a
# members-only community a member reports a board post, a comment on it
# and a chat message (report links on each), while a non-member gets 404
# on the form and on its POST; the moderators' queue keeps such an
# item's text for its audited review; a moderator hides the post and the
# message, their author sees them hidden and objects. The author of a
# board comment edits it (through the throttle and the word filter of a
# new comment) and deletes it; nobody else does. A live account named
# like the old mark of a closed account ("#closed") shows its own name.
# The demo staff community is a department's intranet. A member answers
# each occurrence of a weekly event on its own.
use strict;
use warnings;
use utf8;
use Test::More;
use Encode qw(encode);
use Madang::Test qw(body_of L text_of post_form);
use Madang::Staff;

binmode $_, ':encoding(UTF-8)'
    for map { Test::More->builder->$_ } qw(output failure_output todo_output);

my $s = Madang::Test->start(seed => 1);

# ------------------------------------------------------------ a members-only community

my ($owner, $owner_id) = $s->citizen();
my ($member, $member_id) = $s->citizen();
# The author's name is the old spelling of a closed account's mark.
my ($author, $author_id) = $s->citizen(name => '#closed');
my ($outsider) = $s->citizen();
$s->sql("INSERT INTO communities (slug, name, description, template, membership, visibility, member_count,"
    . " created_by, created_at, updated_at, last_activity_at) VALUES ('report-closed', '신고 시험 모임', '설명',"
    . " 'study', 'open', 'listed', 3, $owner_id, NOW(), NOW(), NOW())");
my $cid = $s->sql_value("SELECT id FROM communities WHERE slug = 'report-closed'");
$s->sql("INSERT INTO community_members (community_id, account_id, role, state, created_at, updated_at) VALUES"
    . " ($cid, $owner_id, 'owner', 'active', NOW(), NOW()), ($cid, $member_id, 'member', 'active', NOW(), NOW()),"
    . " ($cid, $author_id, 'member', 'active', NOW(), NOW())");
$s->sql("INSERT INTO community_boards (community_id, kind, position, created_at) VALUES ($cid, 'free', 1, NOW())");
my $X = '/c/report-closed';

my $r = post_form($s, $author, "$X/boards/free/new", "$X/boards/free/new", title => '회원끼리 보는 글',
    body => '회원만 읽는 본문입니다.');
is $r->code, 303, 'the author writes a post' or diag substr(text_of(body_of($r)), 0, 400);
my ($post) = ($r->header('Location') // '') =~ m{/posts/(\d+)\?done=};
my $P = "$X/posts/$post";
$r = post_form($s, $author, $P, "$P/comments", body => '회원만 읽는 댓글입니다.');
is $r->code, 303, '... a comment on it';
my ($comment) = ($r->header('Location') // '') =~ /#post-(\d+)$/;
$r = post_form($s, $author, "$X/chat", "$X/chat", body => '회원만 읽는 대화입니다.');
is $r->code, 303, '... and a chat message';
my ($message) = ($r->header('Location') // '') =~ /#chat-(\d+)$/;
ok $post && $comment && $message, "post $post, comment $comment, message $message";

# ------------------------------------------------------------ reporting

my ($code, $html) = $s->page($member, $P);
like $html, qr{href="/report/cpost/$post"}, 'a member has the report link of a post';
like $html, qr{href="/report/post/$comment"}, '... of a comment';
($code, $html) = $s->page($member, "$X/chat");
like $html, qr{href="/report/chat/$message"}, '... and of a chat message';
($code, $html) = $s->page($author, $P);
unlike $html, qr{href="/report/cpost/$post"}, 'the author has none on their own';

for my $item (["cpost/$post", 'post'], ["post/$comment", 'comment'], ["chat/$message", 'chat message']) {
    my ($path, $name) = @$item;
    ($code, $html) = $s->page($outsider, "/report/$path");
    is $code, 404, "a non-member does not find the report form of a $name";
    unlike $html, qr/회원만 읽는/, '... nor its text';
    my $csrf = Madang::Test::csrf_value($outsider->get($s->url('/')));
    is $outsider->post($s->url("/report/$path"), [ csrf => $csrf, reason => 'abuse' ])->code, 404,
        "... and its POST is 404 too";
    ($code, $html) = $s->page($member, "/report/$path");
    is $code, 200, "a member opens the report form of a $name";
    $r = post_form($s, $member, "/report/$path", "/report/$path", reason => 'off_topic', note => '주제와 무관');
    is $r->code, 303, "... and reports it" or diag substr(text_of(body_of($r)), 0, 400);
}
is $s->sql_value("SELECT COUNT(*) FROM content_reports WHERE reporter_id = $member_id"), 3, 'three reports stored';
my $ours = "((kind = 'cpost' AND item_id = $post) OR (kind = 'post' AND item_id = $comment)"
    . " OR (kind = 'chat' AND item_id = $message))";
is $s->sql_value("SELECT COUNT(*) FROM content_reports WHERE $ours AND reporter_id <> $member_id"), 0,
    '... none by the outsider';
($code, $html) = $s->page($member, '/my');
like $html, qr{href="$X/chat#chat-$message"}, "the reporter's list leads to the chat message";

# ------------------------------------------------------------ the moderators' queue

my $admin = $s->ua;
is Madang::Test::sign_in($s, $admin, 'admin', 'madang-admin-2026')->code, 303, 'the supervisor signs in';
($code, $html) = $s->page($admin, '/staff/moderation');
like $html, qr{href="/staff/moderation/cpost/$post"}, "the queue lists the post with its review";
like $html, qr{href="/staff/moderation/post/$comment"}, '... the comment';
like $html, qr{href="/staff/moderation/chat/$message"}, '... and the message';
unlike $html, qr/회원만 읽는|회원끼리 보는 글/, '... without their titles or texts';
like $html, qr{id="item-cpost-$post-h".*?\Q${\ L('Moderation.Author')}\E</dt><dd>#closed</dd>}s,
    "the author's own name shows, not the closed accounts' line";
is $s->sql_value("SELECT COUNT(*) FROM audit_log WHERE action = 'moderation_review'"), 0, 'no reading recorded yet';

($code, $html) = $s->page($admin, "/staff/moderation/cpost/$post");
is $code, 200, 'the review of the post';
like $html, qr/회원만 읽는 본문입니다/, '... shows its text';
is $s->sql_value("SELECT COUNT(*) FROM audit_log WHERE object_type = 'cpost' AND object_id = '$post'"
    . " AND action = 'moderation_review'"), 1, '... and the reading is audited';
($code, $html) = $s->page($admin, "/staff/moderation/chat/$message");
like $html, qr/회원만 읽는 대화입니다/, 'the review of the message';
is $s->sql_value("SELECT COUNT(*) FROM audit_log WHERE object_type = 'chat' AND object_id = '$message'"
    . " AND action = 'moderation_review'"), 1, '... audited';
($code) = $s->page($admin, '/staff/moderation/case/1');
is $code, 404, 'a public item has no private review';
my $kim = Madang::Staff::signed_in($s, 'traffic.kim');
($code) = $s->page($kim, "/staff/moderation/cpost/$post");
is $code, 404, 'staff without the moderators\' scope have no review';

$r = post_form($s, $admin, '/staff/moderation', "/staff/moderation/cpost/$post", action => 'hide',
    ground => 'off_topic', reason => '모임 주제와 무관한 글');
is $r->code, 303, 'the moderator hides the post' or diag substr(text_of(body_of($r)), 0, 600);
$r = post_form($s, $admin, '/staff/moderation', "/staff/moderation/chat/$message", action => 'hide',
    ground => 'off_topic', reason => '대화 주제와 무관');
is $r->code, 303, '... and the message';
is $s->sql_value("SELECT moderation FROM community_posts WHERE id = $post"), 'hidden', 'the post is hidden';
is $s->sql_value("SELECT moderation FROM chat_messages WHERE id = $message"), 'hidden', '... the message too';
is $s->sql_value("SELECT COUNT(*) FROM content_reports WHERE $ours AND outcome = 'upheld'"), 2, '... the reports upheld';

($code, $html) = $s->page($author, $P);
like text_of($html), qr/\Q${\ L('Debate.Hidden')}\E.*모임 주제와 무관한 글/s, 'its author reads why the post is hidden';
like $html, qr{href="/objection/cpost/$post"}, '... with the way to object';
($code, $html) = $s->page($author, "$X/chat");
like text_of($html), qr/\Q${\ L('Chat.Hidden')}\E.*대화 주제와 무관/s, '... and why the message is';
like $html, qr{href="/objection/chat/$message"}, '... with the way to object';
is(($s->page($member, $P))[0], 404, 'the other members no longer read the post');
$r = post_form($s, $author, "/objection/cpost/$post", "/objection/cpost/$post", text => '주제와 관련된 글입니다.');
is $r->code, 303, 'the author objects' or diag substr(text_of(body_of($r)), 0, 400);
is $s->sql_value("SELECT COUNT(*) FROM moderation_objections WHERE kind = 'cpost' AND item_id = $post"
    . " AND resolved_at IS NULL"), 1, '... the objection is open';
is(($s->page($outsider, "/objection/cpost/$post"))[0], 404, 'nobody else objects');
($code, $html) = $s->page($admin, '/staff/moderation');
like $html, qr{href="/staff/moderation/cpost/$post"}, 'the objection brings the post back to the queue';

# ------------------------------------------------------------ a comment's author edits and deletes it

$r = post_form($s, $owner, "$X/chat", "$X/boards/free/new", title => '두 번째 글', body => '댓글을 받을 글');
my ($post2) = ($r->header('Location') // '') =~ m{/posts/(\d+)\?done=};
my $P2 = "$X/posts/$post2";
$r = post_form($s, $author, $P2, "$P2/comments", body => '처음 쓴 댓글');
my ($c2) = ($r->header('Location') // '') =~ /#post-(\d+)$/;
ok $c2, "a comment $c2 to change";
($code, $html) = $s->page($author, $P2);
like $html, qr{action="$P2/comments/$c2/edit"}, 'its author has the edit form';
like $html, qr{action="$P2/comments/$c2/delete"}, '... and the delete button';
($code, $html) = $s->page($member, $P2);
unlike $html, qr{/comments/$c2/(?:edit|delete)}, 'another member has neither';

$r = post_form($s, $member, $P2, "$P2/comments/$c2/edit", text => '남이 고친 댓글');
is $r->code, 404, 'another member may not edit it';
$r = post_form($s, $owner, $P2, "$P2/comments/$c2/delete");
is $r->code, 404, '... nor may the owner delete it here';
$r = post_form($s, $author, $P2, "$P2/comments/$c2/edit", text => '');
is $r->code, 400, 'an empty edit is refused';
$r = post_form($s, $author, $P2, "$P2/comments/$c2/edit", text => '고쳐 쓴 댓글');
is $r->code, 303, 'its author edits it' or diag substr(text_of(body_of($r)), 0, 400);
is $s->sql_value("SELECT body FROM posts WHERE id = $c2"), '고쳐 쓴 댓글', '... the text changed';
($code, $html) = $s->page($member, $P2);
like text_of($html), qr/\Q${\ L('Comment.Edited')}\E.*고쳐 쓴 댓글/s, '... shown as edited';

# The gates of a new comment: the word filter holds ...
$s->sql("INSERT IGNORE INTO moderation_words (word, action, created_at) VALUES ('멍청이', 'hold', NOW())");
$r = post_form($s, $author, $P2, "$P2/comments/$c2/edit", text => '이런 멍청이 같은 일');
is $r->code, 303, 'an edit with a held word is taken';
like $r->header('Location') // '', qr/done=comment_edit_held/, '... as held';
is $s->sql_value("SELECT moderation FROM posts WHERE id = $c2"), 'held', '... the comment waits for review';
($code, $html) = $s->page($member, $P2);
unlike $html, qr/멍청이/, '... out of the others\' sight';
$r = post_form($s, $author, $P2, "$P2/comments/$c2/edit", text => '다시 고친 댓글');
is $r->code, 404, 'a held comment is the moderators\', not editable';
# ... and the throttle counts (one post an hour: the comment is that one).
$s->sql("INSERT INTO settings (name, value) VALUES ('moderation.throttle_per_hour', '1')"
    . " ON DUPLICATE KEY UPDATE value = '1'");
$r = post_form($s, $author, $P2, "$P2/comments", body => '세 번째 댓글');
my ($c3) = ($r->header('Location') // '') =~ /#post-(\d+)$/;
ok $c3, "a comment $c3 within the throttle";
$r = post_form($s, $author, $P2, "$P2/comments/$c3/edit", text => '너무 잦은 수정');
is $r->code, 429, 'over the throttle an edit is refused';
is $s->sql_value("SELECT body FROM posts WHERE id = $c3"), '세 번째 댓글', '... the text unchanged';
$s->sql("UPDATE settings SET value = '0' WHERE name = 'moderation.throttle_per_hour'");

$r = post_form($s, $author, $P2, "$P2/comments/$c3/delete");
is $r->code, 303, 'its author deletes a comment';
is $s->sql_value("SELECT moderation FROM posts WHERE id = $c3"), 'deleted', '... deleted';
($code, $html) = $s->page($member, $P2);
unlike $html, qr/세 번째 댓글/, '... gone from the thread';
$r = post_form($s, $author, $P2, "$P2/comments/$c2/delete");
is $r->code, 303, '... a held one too';
is post_form($s, $author, $P2, "$P2/comments/$c2/delete")->code, 404, 'a deleted comment is not deleted twice';

# ------------------------------------------------------------ the demo intranet

my $han = Madang::Staff::signed_in($s, 'civil.han');
($code, $html) = $s->page($han, '/c/staff-digital');
is $code, 200, 'the demo staff community opens for its owner';
like text_of($html), qr/\Q${\ L('Intranet.IntranetOf')}\E\s*민원담당관실/, '... as the Civil Affairs Division\'s intranet';

# ------------------------------------------------------------ answers per occurrence

$r = post_form($s, $owner, "$X/events/new", "$X/events/new", title => '주간 스터디', place => '도서관',
    starts_at => '2027-03-03T19:00', ends_at => '2027-03-03T21:00', recurrence => 'weekly', recur_count => 3);
is $r->code, 303, 'the owner adds a weekly event, three times' or diag substr(text_of(body_of($r)), 0, 400);
my ($event) = ($r->header('Location') // '') =~ m{/events/(\d+)};
my $E = "$X/events/$event";
($code, $html) = $s->page($member, "$X/calendar?month=2027-03");
like $html, qr{href="$E\?on=2027-03-10"}, 'the month links each occurrence';
($code, $html) = $s->page($member, $E);
like $html, qr{name="on" value="2027-03-03"}, 'the event page answers its next occurrence by default';
$r = post_form($s, $member, "$E?on=2027-03-03", "$E/rsvp", on => '2027-03-03', answer => 'going');
is $r->code, 303, 'a member answers going for the first week';
like $r->header('Location') // '', qr{\?on=2027-03-03&done=answered$}, '... back to that occurrence';
$r = post_form($s, $member, "$E?on=2027-03-10", "$E/rsvp", on => '2027-03-10', answer => 'no');
is $r->code, 303, '... and no for the second';
is $s->sql_value("SELECT COUNT(*) FROM community_event_rsvps WHERE event_id = $event AND account_id = $member_id"), 2,
    '... two answers stored';
my $going = L('Calendar.Answer.going');
my $no = L('Calendar.Answer.no');
like text_of(($s->page($owner, "$E?on=2027-03-03"))[1]), qr/\Q$going\E: 1\b.*\Q$no\E: 0\b/s, 'the first week counts one going';
like text_of(($s->page($owner, "$E?on=2027-03-10"))[1]), qr/\Q$going\E: 0\b.*\Q$no\E: 1\b/s, '... the second one no';
like text_of(($s->page($owner, "$E?on=2027-03-17"))[1]), qr/\Q$going\E: 0\b.*\Q$no\E: 0\b/s, '... the third none';
like(($s->page($member, "$E?on=2027-03-10"))[1], qr/value="no" required checked/, 'the member sees their answer per week');
is(($s->page($member, "$E?on=2027-03-04"))[0], 404, 'a day without an occurrence is not found');
is(($s->page($member, "$E?on=2027-03-24"))[0], 404, '... nor one after the last');
is post_form($s, $member, $E, "$E/rsvp", on => '2027-03-04', answer => 'going')->code, 404,
    '... nor answered';

done_testing;
