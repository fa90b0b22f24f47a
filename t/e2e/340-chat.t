# SPDX-License-Identifier: AGPL-3.0-or-later
# 340-chat.t: a community's live chat (issue 14, section 5) over HTTP
# through the test stack's nginx with nchan: a member posts and another
# member's EventSource connection (nchan's, authorised by madang-web)
# receives it within a second; a non-member's or a stranger's
# subscription is refused (403 from the auth), a members-only community's
# chat is 404 by URL; nchan's publisher is not reachable through the site
# (404), nor is the auth endpoint; the room works without JavaScript (a
# POST, a redirect, the message on the page, a refresh link); history
# pages newest first; CSRF, restriction, throttle and the word filter
# gate a message; a message is reportable in a public community; the
# demo has chat history.
use strict;
use warnings;
use utf8;
use Test::More;
use Encode qw(encode decode);
use IO::Socket::INET;
use IO::Select;
use HTTP::Request;
use JSON::PP;
use Time::HiRes qw(time);
use Madang::Test qw(body_of L text_of post_form);

binmode $_, ':encoding(UTF-8)'
    for map { Test::More->builder->$_ } qw(output failure_output todo_output);

my $s = Madang::Test->start(seed => 1);

sub community {
    my ($slug, $visibility, $owner, @members) = @_;
    $s->sql("INSERT INTO communities (slug, name, description, template, membership, visibility, created_by,"
        . " created_at, updated_at, last_activity_at) VALUES ('$slug', 'Room $slug', 'test', 'resident', 'open',"
        . " '$visibility', $owner, NOW(), NOW(), NOW())");
    my $id = $s->sql_value("SELECT id FROM communities WHERE slug = '$slug'");
    my $role = 'owner';
    for my $m ($owner, @members) {
        $s->sql("INSERT INTO community_members (community_id, account_id, role, state, created_at, updated_at)"
            . " VALUES ($id, $m, '$role', 'active', NOW(), NOW())");
        $role = 'member';
    }
    return $id;
}
sub say_in {
    my ($ua, $slug, $body) = @_;
    my $r = post_form($s, $ua, "/c/$slug/chat", "/c/$slug/chat", body => encode('UTF-8', $body));
    my ($id) = ($r->header('Location') // '') =~ /#chat-(\d+)$/;
    return ($r, $id);
}
sub cookie_of {
    my ($ua) = @_;
    my $req = HTTP::Request->new(GET => $s->url('/'));
    $ua->cookie_jar->add_cookie_header($req);
    return $req->header('Cookie') // '';
}
# An EventSource connection as a browser makes it: the status and a
# handle on the open stream (undef when refused).
sub subscribe {
    my ($ua, $id) = @_;
    my $sock = IO::Socket::INET->new(PeerAddr => '127.0.0.1', PeerPort => $s->port, Timeout => 5)
        or die "connect: $!";
    my $cookie = $ua ? cookie_of($ua) : '';
    print $sock "GET /chat/sub/$id HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
        . ($cookie ? "Cookie: $cookie\r\n" : '') . "\r\n";
    my $head = '';
    my $sel = IO::Select->new($sock);
    while ($head !~ /\r\n\r\n/ && $sel->can_read(5)) {
        my $n = sysread $sock, my $chunk, 4096;
        last unless $n;
        $head .= $chunk;
    }
    my ($status) = $head =~ m{^HTTP/1\.1 (\d+)};
    return ($status // 0, $sock, $head);
}
# Reads the stream until a data line holds a message with body, or the
# time runs out: the message (a hash) and the seconds it took.
sub receive {
    my ($sock, $body, $t0, $limit) = @_;
    my $buf = '';
    my $sel = IO::Select->new($sock);
    while (time - $t0 < $limit) {
        last unless $sel->can_read($limit - (time - $t0));
        my $n = sysread $sock, my $chunk, 65536;
        last unless $n;
        $buf .= $chunk;
        for my $line ($buf =~ /^data: ?(.*)$/mg) {
            my $m = eval { JSON::PP->new->utf8->decode($line) } or next;
            return ($m, time - $t0) if $m->{body} eq $body;
        }
    }
    return (undef, time - $t0);
}

my ($alice, $alice_id) = $s->citizen();
my ($bob, $bob_id) = $s->citizen();
my ($carol, $carol_id) = $s->citizen();
my $anon = $s->ua;

my $open = community('chat-open', 'public', $alice_id, $bob_id);
my $club = community('chat-club', 'listed', $alice_id, $bob_id);

# ------------------------------------------------------------ the demo

my ($code, $html) = $s->page($anon, '/c/madang-walkers/chat');
is $code, 200, 'the demo community has a chat page for the public';
like text_of($html), qr/중앙공원 분수대.*갤러리 게시판/s, '... with its history, oldest first';
unlike $html, qr/data-sub=/, '... and no live listener for the public';

# ------------------------------------------------------------ without JavaScript

($code, $html) = $s->page($alice, '/c/chat-open/chat');
is $code, 200, 'a member opens the chat';
like $html, qr{<form method="post" action="/c/chat-open/chat"}, '... with a form to post';
like $html, qr{href="/c/chat-open/chat" id="chat-refresh"}, '... a refresh link';
like $html, qr{data-sub="/chat/sub/$open"}, '... and the live listener\'s address';
like $html, qr{<script src="/assets/chat.js" defer></script>}, '... and its script';
like text_of($html), qr/\Q@{[L('Chat.None')]}\E/, '... no message yet';

my ($r, $m1) = say_in($alice, 'chat-open', '안녕하세요 <b>반가워요</b>');
is $r->code, 303, 'a member posts a message (no script: a form and a redirect)';
like $r->header('Location'), qr{^/c/chat-open/chat\?done=sent#chat-\d+$}, '... back to the room';
($code, $html) = $s->page($alice, $r->header('Location'));
like $html, qr{id="chat-$m1".*안녕하세요 &lt;b&gt;반가워요&lt;/b&gt;}s, '... shown on the page, escaped';
like text_of($html), qr/\Q@{[L('Msg.ChatSent')]}\E/, '... with the confirmation';
is $s->sql_value("SELECT CONCAT(community_id, '/', author_id, '/', moderation) FROM chat_messages WHERE id = $m1"),
    "$open/$alice_id/visible", '... stored for the community and its author';

# ------------------------------------------------------------ live delivery

my ($st, $sock, $head) = subscribe($bob, $open);
is $st, 200, 'another member\'s EventSource subscription is accepted' or diag $head;
like $head, qr{Content-Type: text/event-stream}i, '... as an event stream';
my $t0 = time;
($r, my $m2) = say_in($alice, 'chat-open', '지금 출발합니다 "따옴표" & 기호');
is $r->code, 303, 'the first member posts again';
my ($msg, $took) = receive($sock, '지금 출발합니다 "따옴표" & 기호', $t0, 1.0);
ok $msg, sprintf('... the other member receives it within a second (%.0f ms)', $took * 1000);
is $msg && $msg->{id}, $m2, '... the stored message\'s id';
ok $msg && length $msg->{author} && $msg->{created} =~ /^\d{4}-\d\d-\d\d \d\d:\d\d$/, '... with author and time';
close $sock;

my @workers = $s->worker_pids;
my @held;
for (1 .. 20) {
    my ($st2, $sk) = subscribe($bob, $open);
    push @held, $sk if $st2 == 200;
}
is scalar @held, 20, 'twenty listeners are held at once';
($code) = $s->page($alice, '/c/chat-open/chat');
is $code, 200, '... while madang-web still answers pages';
is_deeply [$s->worker_pids], \@workers, '... with its workers unchanged (' . scalar(@workers) . ')';
$t0 = time;
say_in($bob, 'chat-open', '모두에게');
my $all = grep { (receive($_, '모두에게', $t0, 2.0))[0] } @held;
is $all, 20, '... and every one of them receives a message';
close $_ for @held;

# ------------------------------------------------------------ refusals

($st, $sock, $head) = subscribe($carol, $open);
is $st, 403, 'a non-member\'s subscription is refused (403 from the auth)';
close $sock;
($st, $sock) = subscribe(undef, $open);
is $st, 403, '... and a stranger\'s';
close $sock;
($st, $sock) = subscribe($carol, $club);
is $st, 403, '... and a non-member\'s to a members-only room';
close $sock;
($st, $sock) = subscribe($bob, $club);
is $st, 200, 'a member subscribes to the members-only room';
close $sock;

($code, $html) = $s->page($carol, '/c/chat-open/chat');
is $code, 200, 'a non-member reads a public community\'s chat';
unlike $html, qr{action="/c/chat-open/chat"}, '... without a form';
unlike $html, qr/data-sub=/, '... or a listener';
like text_of($html), qr/\Q@{[L('Chat.MembersOnly')]}\E/, '... told to join';
($r) = say_in($carol, 'chat-open', '회원이 아닌 사람의 글');
is $r->code, 403, '... and cannot post';
is $s->sql_value("SELECT COUNT(*) FROM chat_messages WHERE body = '" . encode('UTF-8', '회원이 아닌 사람의 글') . "'"),
    0, '... nothing stored';

for ([$carol, 'a non-member'], [$anon, 'the public']) {
    ($code) = $s->page($_->[0], '/c/chat-club/chat');
    is $code, 404, "a members-only community's chat is 404 by URL for $_->[1]";
}
($r) = say_in($carol, 'chat-club', '몰래 쓰기');
is $r->code, 404, '... and a post to it 404 too';
($code) = $s->page($bob, '/c/chat-club/chat');
is $code, 200, '... while its member reads it';
($code) = $s->page($anon, '/c/no-such-room/chat');
is $code, 404, 'an unknown community has no chat';

# nchan's publisher is on a local socket only: the site has none.
for my $method (qw(POST GET)) {
    my $req = HTTP::Request->new($method => $s->url("/pub/$open"), ['Content-Type' => 'application/json'],
        $method eq 'POST' ? '{"id":1,"author":"x","body":"forged","created":"x"}' : undef);
    my $res = $anon->request($req);
    is $res->code, 404, "the publisher endpoint is not reachable from outside ($method /pub/ID: 404)";
}
($st, $sock) = subscribe($bob, $open);
my $res = $anon->request(HTTP::Request->new(POST => $s->url("/chat/sub/$open"), [], 'forged'));
isnt $res->code, 200, 'the subscriber location publishes nothing';
ok !(receive($sock, 'forged', time, 0.5))[0], '... and no forged message reaches a listener';
close $sock;
($code) = $s->page($bob, "/_chat/auth/$open");
is $code, 404, 'the auth endpoint is internal to nginx (404 from outside)';
ok -S $s->dir . '/run/nchan.sock', 'the publisher listens on a local socket';

# ------------------------------------------------------------ gates

$r = $bob->post($s->url('/c/chat-open/chat'), [body => 'no csrf']);
is $r->code, 403, 'a message without the CSRF token is refused';
is $s->sql_value("SELECT COUNT(*) FROM chat_messages WHERE body = 'no csrf'"), 0, '... nothing stored';

($r, my $held) = say_in($bob, 'chat-open', '너 죽여버린다');
like $r->header('Location') // '', qr/done=held/, 'a message with a hold word is held' or diag $r->code, substr(body_of($r), 0, 300);
is $s->sql_value("SELECT moderation FROM chat_messages WHERE id = $held"), 'held', '... stored held';
($code, $html) = $s->page($alice, '/c/chat-open/chat');
unlike $html, qr/id="chat-$held"/, '... others do not see it';
($code, $html) = $s->page($bob, '/c/chat-open/chat');
like $html, qr/id="chat-$held"/, '... its author does';
like $s->sql_value("SELECT COUNT(*) FROM moderation_actions WHERE kind = 'chat' AND item_id = $held"), qr/^[1-9]/,
    '... and it waits in the moderators\' queue';

($r, my $masked) = say_in($bob, 'chat-open', '이거 ㅆㅂ 뭐야');
is $s->sql_value("SELECT body FROM chat_messages WHERE id = $masked"), '이거 ** 뭐야',
    'a listed word is masked';

($code, $html) = $s->page($bob, '/c/chat-open/chat');
like $html, qr{href="/report/chat/$m1"}, 'a member may report another\'s message in a public community';
unlike $html, qr{href="/report/chat/$masked"}, '... not their own';
($code, $html) = $s->page($bob, "/report/chat/$m1");
is $code, 200, '... the report form opens';

$s->sql("INSERT INTO penalties (account_id, level, reason, starts_at, ends_at, decided_by)"
    . " VALUES ($bob_id, 'restrict_7', 'test', NOW() - INTERVAL 1 MINUTE, NOW() + INTERVAL 7 DAY, $alice_id)");
($code, $html) = $s->page($bob, '/c/chat-open/chat');
unlike $html, qr{action="/c/chat-open/chat"}, 'a restricted account gets no form';
like text_of($html), qr/\Q@{[L('Chat.Restricted')]}\E/, '... but the reason';
($r) = say_in($bob, 'chat-open', '제한 중의 글');
is $r->code, 403, '... and cannot post';
$s->sql("UPDATE penalties SET lifted_at = NOW() WHERE account_id = $bob_id");

$s->sql("INSERT INTO settings (name, value) VALUES ('moderation.throttle_per_hour', '1')"
    . " ON DUPLICATE KEY UPDATE value = '1'");
($r) = say_in($alice, 'chat-open', '한 시간에 한 번');
is $r->code, 303, 'with one post an hour allowed, one message passes';
($r) = say_in($alice, 'chat-open', '너무 많은 글');
is $r->code, 429, 'over the throttle a message is refused';
like text_of(body_of($r)), qr/\Q@{[L('Msg.ChatThrottled')]}\E/, '... saying why';
$s->sql("UPDATE settings SET value = '0' WHERE name = 'moderation.throttle_per_hour'");

$s->sql("UPDATE communities SET state = 'suspended', state_reason = 'test' WHERE id = $club");
($code, $html) = $s->page($bob, '/c/chat-club/chat');
unlike $html, qr{action="/c/chat-club/chat"}, 'a suspended community\'s member gets no form';
like text_of($html), qr/\Q@{[L('Chat.Closed')]}\E/, '... but the reason';
($r) = say_in($bob, 'chat-club', '정지된 방의 글');
is $r->code, 403, '... and cannot post';
$s->sql("UPDATE communities SET state = 'active', state_reason = NULL WHERE id = $club");

# ------------------------------------------------------------ history paging

$s->sql("INSERT INTO chat_messages (community_id, author_id, body, created_at)"
    . " SELECT $club, $alice_id, CONCAT('club message ', seq), NOW() - INTERVAL (100 - seq) MINUTE"
    . " FROM seq_1_to_60");
($code, $html) = $s->page($bob, '/c/chat-club/chat');
my $t = text_of($html);
like $t, qr/club message 11 .*club message 60 /s, 'the first page holds the newest fifty, oldest first';
unlike $t, qr/club message 10 /, '... not the older ones';
like $html, qr{href="/c/chat-club/chat\?page=2" rel="next"}, '... and links to older messages';
($code, $html) = $s->page($bob, '/c/chat-club/chat?page=2');
$t = text_of($html);
like $t, qr/club message 1 .*club message 10 /s, 'the second page holds the oldest';
unlike $t, qr/club message 11 /, '... only those';
unlike $html, qr/data-sub=/, '... and listens to nothing (only the newest page does)';
like $html, qr{href="/c/chat-club/chat" rel="prev"}, '... with a link back to the newest';

# An upheld report of a message for abuse costs its author a penalty that
# names the message (penalty_apply asks mileage_kind_valid, which once knew
# no "chat": the moderator's decision failed).
my ($rude_r, $rude) = say_in($alice, 'chat-open', '무례한 말 한마디');
is $rude_r->code, 303, 'a member posts a message';
is post_form($s, $bob, "/report/chat/$rude", "/report/chat/$rude", reason => 'abuse')->code, 303,
    'another member reports it for abuse';
my $admin = $s->ua;
is Madang::Test::sign_in($s, $admin, 'admin', 'madang-admin-2026')->code, 303, 'the supervisor signs in';
$r = post_form($s, $admin, '/staff/moderation', "/staff/moderation/chat/$rude", action => 'hide', ground => 'abuse',
    reason => encode('UTF-8', '욕설이 포함되어 있습니다.'));
is $r->code, 303, 'the moderator hides it for abuse' or diag body_of($r);
is $s->sql_value("SELECT moderation FROM chat_messages WHERE id = $rude"), 'hidden', '... it is hidden';
is $s->sql_value("SELECT CONCAT(level, '/', kind, '/', item_id) FROM penalties WHERE account_id = $alice_id"
    . " AND kind = 'chat'"), "warning/chat/$rude", '... and its author gets a warning naming the message';

done_testing;
