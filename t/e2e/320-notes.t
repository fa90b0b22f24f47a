# SPDX-License-Identifier: AGPL-3.0-or-later
# 320-notes.t: notes (쪽지) end to end: a citizen writes to a fellow member
# of a community (made here by SQL: the community pages are another
# part's), never to a stranger (refused, nothing stored, the form keeps
# the text); the recipient sees the unread count in the header and the
# note marked in the inbox, reads it, and the sender sees when; nobody
# else reads it, another citizen and a supervisor included (404), nor
# deletes it; staff write to staff; deleting is for oneself only; a
# blocked sender's notes are silently dropped; the gates of every post
# (restriction, word filter, throttle); ?to= from a member list; the
# notice by e-mail names no text; the demo's notes between staff.
use strict;
use warnings;
use utf8;
use Test::More;
use Encode qw(encode);
use Madang::Test qw(body_of L text_of);
use Madang::Staff qw(signed_in);
use Madang::Notify;

binmode $_, ':encoding(UTF-8)'
    for map { Test::More->builder->$_ } qw(output failure_output todo_output);

my $n = Madang::Notify->start(seed => 1);
my $s = $n->stack;

sub post { my ($ua, $from, $path, @kv) = @_; return Madang::Test::post_form($s, $ua, $from, $path, map { Madang::Test::bytes_of($_) } @kv) }
sub send_note { my ($ua, $to, $body) = @_; return post($ua, '/notes/new', '/notes/new', to => $to, body => $body) }
sub note_id { my ($r) = @_; my ($id) = ($r->header('Location') // '') =~ m{^/notes/(\d+)}; return $id }
sub unread_badge { my ($html) = @_; my ($c) = $html =~ m{<span class="alert-count" id="notes-unread">(\d+)</span>}; return $c // 0 }

# ------------------------------------------------------------ people

my ($c1, $c2, $c3) = ($s->ua, $s->ua, $s->ua);
my (undef, $f1) = Madang::Test::register_citizen($s, $c1, name => '한쪽지');
my (undef, $f2) = Madang::Test::register_citizen($s, $c2, name => '두쪽지');
my (undef, $f3) = Madang::Test::register_citizen($s, $c3, name => '세쪽지');
my ($id1, $id2, $id3) = map { $s->account_id($_->{login_id}) } $f1, $f2, $f3;

# A members-only community of c1 and c2; c3 only asked to join.
$s->sql("INSERT INTO communities (slug, name, description, template, membership, visibility, created_by,"
    . " created_at, updated_at, last_activity_at) VALUES ('notes-test', '쪽지 모임', '', 'study', 'approval',"
    . " 'listed', $id1, NOW(), NOW(), NOW())");
my $cid = $s->sql_value("SELECT id FROM communities WHERE slug = 'notes-test'");
$s->sql("INSERT INTO community_members (community_id, account_id, role, state, created_at, updated_at) VALUES"
    . " ($cid, $id1, 'owner', 'active', NOW(), NOW()), ($cid, $id2, 'member', 'active', NOW(), NOW()),"
    . " ($cid, $id3, 'member', 'pending', NOW(), NOW())");

# ------------------------------------------------------------ the form, refusals

my ($code, $html) = $s->page($s->ua, '/notes');
isnt $code, 200, 'a visitor has no notes';
($code, $html) = $s->page($c1, '/notes/new');
is $code, 200, 'the new-note form';
like $html, qr{<form method="post" action="/notes/new"}, '... posts to /notes/new';

my $r = send_note($c1, $f3->{login_id}, '가입 대기 중인 분께 보내는 쪽지');
is $r->code, 404, 'no note to someone only waiting to join (no shared active membership)';
like text_of(body_of($r)), qr/\Q${\ L('Msg.NoteNoRecipient')}\E/, '... saying so';
like body_of($r), qr/가입 대기 중인 분께 보내는 쪽지/, '... the form keeps the text';
$r = send_note($c1, 'no.such.person', '없는 사람');
is $r->code, 404, 'no note to an unknown login ID, with the same answer';
like text_of(body_of($r)), qr/\Q${\ L('Msg.NoteNoRecipient')}\E/, '... (the form tells nobody who has an account)';
$r = send_note($c1, 'traffic.kim', '직원에게');
is $r->code, 404, 'a citizen does not write to staff they share no community with';
$r = send_note($c1, $f1->{login_id}, '나에게');
is $r->code, 404, 'nor to oneself';
is $s->sql_value('SELECT COUNT(*) FROM notes WHERE author_id IN (' . join(',', $id1, $id2, $id3) . ')'), 0,
    '... nothing stored';

# ------------------------------------------------------------ sending, reading, the receipt

$r = send_note($c1, $f2->{login_id}, "두쪽지님, 다음 모임은 토요일 오후 3시입니다.\n장소는 마당도서관입니다.");
is $r->code, 303, 'a member writes to a fellow member';
my $note = note_id($r);
ok $note, '... to the note\'s page';
($code, $html) = $s->page($c1, "/notes/$note?done=sent");
like text_of($html), qr/\Q${\ L('Msg.NoteSent')}\E/, '... told it is sent';
like $html, qr{<dd id="note-read">\Q${\ L('Notes.NotRead')}\E</dd>}, '... not read yet';
($code, $html) = $s->page($c1, '/notes/sent');
like text_of($html), qr/두쪽지.*다음 모임은 토요일/s, 'the sent box lists it';

($code, $html) = $s->page($c2, '/notes');
is unread_badge($html), 1, "the recipient's header shows one unread note";
like $html, qr{<tr class="unread">.*?/notes/$note}s, '... the inbox marks it unread';
like text_of($html), qr/한쪽지/, '... from its sender';
($code, $html) = $s->page($c2, "/notes/$note");
is $code, 200, 'the recipient reads it';
like $html, qr{<div class="text note-body">두쪽지님, 다음 모임은 토요일 오후 3시입니다.\n장소는 마당도서관입니다.</div>}, '... the whole text, lines kept';
like $html, qr{href="/notes/new\?to=\Q$f1->{login_id}\E"}, '... with a reply link';
is unread_badge($html), 0, '... no longer unread';
ok $s->sql_value("SELECT read_at IS NOT NULL FROM notes WHERE id = $note"), '... the receipt is stored';
($code, $html) = $s->page($c1, "/notes/$note");
unlike $html, qr{<dd id="note-read">\Q${\ L('Notes.NotRead')}\E</dd>}, 'the sender sees it read';
like $html, qr{<dd id="note-read">\d{4}-\d\d-\d\d \d\d:\d\d</dd>}, '... and when';

# ------------------------------------------------------------ nobody else

($code) = $s->page($c3, "/notes/$note");
is $code, 404, 'another citizen gets 404 for the note';
my $admin = signed_in($s, 'admin', 'madang-admin-2026');
($code) = $s->page($admin, "/notes/$note");
is $code, 404, 'so does the supervisor';
($code, $html) = $s->page($admin, '/notes');
unlike $html, qr{/notes/$note\b}, "... whose inbox does not list it";
$r = post($c3, '/notes', "/notes/$note/delete");
is $r->code, 404, 'another citizen cannot delete it';
$r = post($c3, '/notes', "/notes/$note/block", block => 1);
is $r->code, 404, '... nor block through it';
ok !$s->sql_value("SELECT author_deleted_at IS NOT NULL OR recipient_deleted_at IS NOT NULL FROM notes WHERE id = $note"),
    '... it is untouched';

# ------------------------------------------------------------ staff to staff

my $kim = signed_in($s, 'traffic.kim');
$r = send_note($kim, 'road.lee', '도로과 회의 자료를 보내 드립니다.');
is $r->code, 303, 'staff write to any staff member';
$r = send_note($kim, $f1->{login_id}, '시민에게');
is $r->code, 404, 'staff do not write to a citizen they share no community with';

# ------------------------------------------------------------ ?to= from a member list

($code, $html) = $s->page($c1, "/notes/new?to=$id2");
like $html, qr{name="to"[^>]*value="\Q$f2->{login_id}\E"}, '?to=ID fills in the login ID';

# ------------------------------------------------------------ block

$r = post($c2, "/notes/$note", "/notes/$note/block", block => 1);
is $r->code, 303, 'the recipient blocks the sender';
($code, $html) = $s->page($c2, "/notes/$note?done=blocked");
like text_of($html), qr/\Q${\ L('Msg.NoteBlocked')}\E/, '... told so';
like $html, qr/\Q${\ L('Notes.Unblock')}\E/, '... and offered to undo it';
$r = send_note($c1, $f2->{login_id}, '차단된 뒤에 보낸 쪽지');
is $r->code, 303, "a blocked sender's note seems to go (they are not told)";
my $dropped = note_id($r);
($code, $html) = $s->page($c2, '/notes');
unlike $html, qr/차단된 뒤에 보낸 쪽지/, '... but never reaches the inbox';
is unread_badge($html), 0, '... nor the unread count';
($code) = $s->page($c2, "/notes/$dropped");
is $code, 404, '... nor its page';
($code, $html) = $s->page($c1, '/notes/sent');
like $html, qr/차단된 뒤에 보낸 쪽지/, "... the sender's sent box has it";
$r = post($c2, "/notes/$note", "/notes/$note/block");
is $r->code, 303, 'the recipient unblocks';
$r = send_note($c1, $f2->{login_id}, '차단 해제 뒤의 쪽지');
is $r->code, 303, '... and the next note';
($code, $html) = $s->page($c2, '/notes');
like $html, qr/차단 해제 뒤의 쪽지/, '... arrives';
my $later = $s->sql_value("SELECT MAX(id) FROM notes WHERE author_id = $id1");

# ------------------------------------------------------------ delete for oneself

$r = post($c2, "/notes/$note", "/notes/$note/delete");
is $r->code, 303, 'the recipient deletes the note';
($code, $html) = $s->page($c2, '/notes?done=deleted');
like text_of($html), qr/\Q${\ L('Msg.NoteDeleted')}\E/, '... told the other keeps theirs';
unlike $html, qr{/notes/$note\b}, '... gone from the inbox';
($code) = $s->page($c2, "/notes/$note");
is $code, 404, '... and its page';
($code) = $s->page($c1, "/notes/$note");
is $code, 200, 'the sender still has it';

# ------------------------------------------------------------ the notice

$n->run_ok('the notifier sends the mails');
$n->settle(quiet => 0.5);
my @m = grep { grep { lc $_ eq lc $f2->{email} } @{ $_->{env_to} } } $n->mails(kind => 'note_received');
is scalar(@m), 2, 'the recipient got a mail for each delivered note (not the dropped one)';
is $m[0] && $m[0]{subject}, '[' . L('Site.Name') . '] ' . L('Mail.note_received.Subject'), '... with the subject';
like $m[0] && $m[0]{text}, qr{/notes/\d+}, '... the link';
unlike join('', map { $_->{text} } @m), qr/토요일|차단 해제/, '... and never the text';

# ------------------------------------------------------------ a reported note

($code) = $s->page($c3, "/report/note/$later");
is $code, 404, 'nobody else reaches the report form of a note (it shows the text)';
($code, $html) = $s->page($c2, "/notes/$later");
like $html, qr{href="/report/note/$later"}, 'the recipient has a report link';
$r = post($c2, "/report/note/$later", "/report/note/$later", reason => 'abuse', note => '불쾌합니다');
is $r->code, 303, '... and reports the note';
($code, $html) = $s->page($admin, '/staff/moderation');
like $html, qr{href="/staff/moderation/note/$later"}, "the moderators' queue lists the reported note";
unlike $html, qr/차단 해제 뒤의 쪽지/, '... without its text';
is $s->sql_value("SELECT COUNT(*) FROM audit_log WHERE object_type = 'note'"), 0, '... no reading recorded yet';
($code, $html) = $s->page($admin, "/staff/moderation/note/$later");
is $code, 200, 'the review of that one note';
like $html, qr/차단 해제 뒤의 쪽지/, '... shows its text';
is $s->sql_value("SELECT COUNT(*) FROM audit_log WHERE object_type = 'note' AND object_id = '$later'"
    . " AND action = 'moderation_review'"), 1, '... and the reading is audited';
($code) = $s->page($admin, "/staff/moderation/note/$note");
is $code, 404, 'a note nobody reported has no review';
($code) = $s->page($kim, "/staff/moderation/note/$later");
is $code, 404, 'staff who are no moderators have none either';
$r = post($admin, "/staff/moderation/note/$later", "/staff/moderation/note/$later", action => 'hide',
    ground => 'abuse', reason => '모욕적인 표현');
is $r->code, 303, 'the moderator hides it' or diag text_of(body_of($r));
($code, $html) = $s->page($c2, "/notes/$later");
like text_of($html), qr/\Q${\ L('Notes.Removed')}\E/, '... the recipient sees it removed';
unlike $html, qr/차단 해제 뒤의 쪽지/, '... without its text';

# ------------------------------------------------------------ the gates

$s->sql("INSERT INTO moderation_words (word, action, created_at) VALUES ('멍청이', 'hold', NOW())");
$r = send_note($c1, $f2->{login_id}, '이 멍청이 같은 계획');
is $r->code, 400, 'a note with a hold word is not sent';
like text_of(body_of($r)), qr/\Q${\ L('Msg.NoteHeldWord')}\E/, '... saying why';
$r = send_note($c1, $f2->{login_id}, '시발 정말');
is $r->code, 303, 'a mask word is masked';
unlike $s->sql_value('SELECT body FROM notes WHERE id = ' . note_id($r)), qr/시발/, '... in the stored note';

$s->sql("INSERT INTO penalties (account_id, level, reason, starts_at, ends_at, decided_by)"
    . " SELECT $id1, 'restrict_7', '테스트', NOW(), NOW() + INTERVAL 7 DAY, id FROM accounts WHERE login_id = 'admin'");
$r = send_note($c1, $f2->{login_id}, '제한 중');
is $r->code, 403, 'a restricted member sends no note';
like text_of(body_of($r)), qr/\Q${\ L('Msg.NoteRestricted')}\E/, '... saying why';

$s->sql("INSERT INTO settings (name, value) VALUES ('moderation.throttle_per_hour', '1')"
    . " ON DUPLICATE KEY UPDATE value = '1'");
$r = send_note($c2, $f1->{login_id}, '한 번');
$r = send_note($c2, $f1->{login_id}, '두 번');
is $r->code, 429, 'the throttle counts notes';
like text_of(body_of($r)), qr/\Q${\ L('Msg.NoteThrottled')}\E/, '... saying why';
$s->sql("UPDATE settings SET value = '0' WHERE name = 'moderation.throttle_per_hour'");

# ------------------------------------------------------------ the demo

($code, $html) = $s->page($kim, '/notes');
like text_of($html), qr/토론 결과 요약은 마감 다음 주/, "the demo: traffic.kim's inbox has the supervisor's note";
ok unread_badge($html) >= 1, '... unread, in the header';

$n->stop;
done_testing;
