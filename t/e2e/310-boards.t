# SPDX-License-Identifier: AGPL-3.0-or-later
# 310-boards.t: a community's boards (issue 14 section 2) over HTTP on the
# real stack: the demo's board and post; members write, the notice board
# takes managers only, non-members and the public read a public community
# but not a members-only one (404 by URL, files too); comments with one
# level of replies; read counts once per reader per day; pinning by a
# manager; a gallery takes images only and lists a thumbnail; a files
# board keeps every version of a document; a link to a public complaint
# shows as a card, a link to nothing public is refused; Korean search
# within the community finds parts of words; the word filter holds a post;
# the report link; deleting by the author and by a manager.
use strict;
use warnings;
use utf8;
use Test::More;
use Encode qw(encode);
use HTTP::Request::Common qw(POST);
use Madang::Test qw(body_of L text_of post_form);

binmode $_, ':encoding(UTF-8)'
    for map { Test::More->builder->$_ } qw(output failure_output todo_output);

my $s = Madang::Test->start(seed => 1);

# ------------------------------------------------------------ the demo

my ($code, $html) = $s->page($s->ua, '/c/madang-walkers/boards/notice');
is $code, 200, 'the demo community\'s notice board is public';
like $html, qr/class="pinned".*걷기모임 이용 안내/s, '... its pinned notice first';
($code, $html) = $s->page($s->ua, '/c/madang-walkers/boards/free');
like $html, qr/마당대로 보도블록 파손 민원 올렸어요/, 'the free board lists a demo post';
my $demo_q = $s->sql_value("SELECT id FROM community_posts WHERE title = '분리수거 요일이 바뀌었나요?'");
($code, $html) = $s->page($s->ua, "/c/madang-walkers/posts/$demo_q");
like text_of($html), qr/화요일과 금요일.*헷갈리지 않겠네요/s, 'a demo question has an answer and a reply';

# ------------------------------------------------------------ two communities

my ($owner, $owner_id) = $s->citizen();
my ($member, $member_id) = $s->citizen();
my ($outsider, $outsider_id) = $s->citizen();
my $admin_id = $s->account_id('admin');
for my $c (['board-open', 'public'], ['board-closed', 'listed']) {
    my ($slug, $visibility) = @$c;
    $s->sql("INSERT INTO communities (slug, name, description, template, membership, visibility, member_count,"
        . " created_by, created_at, updated_at, last_activity_at) VALUES ('$slug', '시험 모임 $slug', '설명',"
        . " 'study', 'open', '$visibility', 2, $owner_id, NOW(), NOW(), NOW() - INTERVAL 10 DAY)");
    my $cid = $s->sql_value("SELECT id FROM communities WHERE slug = '$slug'");
    $s->sql("INSERT INTO community_members (community_id, account_id, role, state, created_at, updated_at) VALUES"
        . " ($cid, $owner_id, 'owner', 'active', NOW(), NOW()), ($cid, $member_id, 'member', 'active', NOW(), NOW())");
    my $pos = 0;
    $s->sql("INSERT INTO community_boards (community_id, kind, position, created_at) VALUES ($cid, '$_', "
        . ++$pos . ", NOW())") for qw(notice free qna gallery files);
}
my $open_id = $s->sql_value("SELECT id FROM communities WHERE slug = 'board-open'");
my $C = '/c/board-open';
my $X = '/c/board-closed';

# Writes a post with files ([name, bytes]...) as ua on board; returns the
# response and the new post's id.
sub write_post {
    my ($ua, $base, $board, $files, %f) = @_;
    my $form = "$base/boards/$board/new";
    my $csrf = Madang::Test::csrf_value($ua->get($s->url($form)));
    $csrf //= Madang::Test::csrf_value($ua->get($s->url("$base/boards/$board")));
    $csrf //= Madang::Test::csrf_value($ua->get($s->url('/')));
    my @content = (csrf => $csrf, map { $_ => Madang::Test::bytes_of($f{$_}) } sort keys %f);
    push @content, attachments => [ undef, Madang::Test::bytes_of($_->[0]), 'Content-Type' => 'application/octet-stream',
        Content => Madang::Test::bytes_of($_->[1]) ] for @{ $files // [] };
    my $r = $ua->request(POST $s->url($form), Content_Type => 'form-data', Content => \@content);
    my ($id) = ($r->header('Location') // '') =~ m{/posts/(\d+)\?done=};
    return ($r, $id);
}

my ($r, $p1) = write_post($member, $C, 'free', [], title => '도서관 스터디 모집', body => '매주 수요일 저녁 도서관에서 모입니다.');
is $r->code, 303, 'a member writes on the free board';
like $r->header('Location'), qr{^$C/posts/\d+\?done=created$}, '... to the new post';
ok $s->sql_value("SELECT last_activity_at > NOW() - INTERVAL 1 MINUTE FROM communities WHERE id = $open_id"),
    '... and the community\'s activity is touched';
($code, $html) = $s->page($s->ua, "$C/posts/$p1");
is $code, 200, 'the public reads a public community\'s post';
like text_of($html), qr/도서관 스터디 모집.*매주 수요일/s, '... its title and text';
unlike $html, qr{action="$C/posts/$p1/comments"}, '... with no comment form for the public';

($r) = write_post($member, $C, 'notice', [], title => '회원 공지', body => '회원이 쓴 공지');
is $r->code, 403, 'a member may not post on the notice board';
($r, my $notice) = write_post($owner, $C, 'notice', [], title => '운영 공지', body => '운영진 공지입니다.');
is $r->code, 303, '... the owner (a manager) may';
($r) = write_post($outsider, $C, 'free', [], title => '외부인 글', body => '회원이 아닙니다.');
is $r->code, 403, 'a non-member may not post';
like text_of(body_of($r)), qr/\Q${\ L('Msg.BoardCannotPost')}\E/, '... and is told why';

# ------------------------------------------------------------ members only

($r, my $secret) = write_post($member, $X, 'free', [[ 'memo.txt', "회원 전용 메모\n" ]], title => '회원 전용 글',
    body => '모임 안에서만 보는 글');
is $r->code, 303, 'a member writes in a members-only community';
my $secret_file = $s->sql_value("SELECT id FROM community_post_files WHERE post_id = $secret");
for my $who ([$outsider, 'a non-member'], [$s->ua, 'the public']) {
    my ($ua, $name) = @$who;
    is(($s->page($ua, "$X/boards/free"))[0], 404, "$name: the members-only board is not there");
    is(($s->page($ua, "$X/posts/$secret"))[0], 404, "$name: nor its post by URL");
    is(($s->page($ua, "$X/posts/$secret/files/$secret_file"))[0], 404, "$name: nor its file");
}
is(($s->page($s->ua, "$C/posts/$secret"))[0], 404, 'a post is not reached through another community');
($code, $html) = $s->page($member, "$X/posts/$secret");
is $code, 200, 'a member reads it';
is(($s->page($member, "$X/posts/$secret/files/$secret_file"))[0], 200, '... and its file');

# ------------------------------------------------------------ comments

sub comment {
    my ($ua, $P, $body, %more) = @_;
    my $r = post_form($s, $ua, $P, "$P/comments", body => $body, %more);
    my ($id) = ($r->header('Location') // '') =~ /#post-(\d+)$/;
    return ($r, $id);
}
my $P1 = "$C/posts/$p1";
($r, my $c1) = comment($owner, $P1, '저도 참여하고 싶어요.');
is $r->code, 303, 'a member comments';
like $r->header('Location'), qr/done=comment/, '... told it is up';
($r, my $c2) = comment($member, $P1, '환영합니다! 수요일에 봬요.', reply_to => $c1);
like $r->header('Location'), qr/done=reply/, 'a reply to the comment';
is $s->sql_value("SELECT reply_to FROM posts WHERE id = $c2"), $c1, '... one level under it';
is $s->sql_value("SELECT comment_count FROM community_posts WHERE id = $p1"), 2, 'the post counts its comments';
($code, $html) = $s->page($s->ua, $P1);
like text_of($html), qr/저도 참여하고 싶어요.*환영합니다/s, 'the thread shows the comment and its reply';
is +(comment($outsider, $P1, '외부 댓글'))[0]->code, 403, 'a non-member may not comment';

# ------------------------------------------------------------ reads

$s->page($outsider, $P1) for 1 .. 3;
$s->page($owner, $P1);
$s->page($member, $P1);
is $s->sql_value("SELECT read_count FROM community_posts WHERE id = $p1"), 2,
    'reads count once per reader per day, not the author\'s own';

# ------------------------------------------------------------ pinning

($r, my $p2) = write_post($member, $C, 'free', [], title => '두 번째 글', body => '나중에 쓴 글');
($code, $html) = $s->page($s->ua, "$C/boards/free");
like $html, qr/두 번째 글.*도서관 스터디 모집/s, 'newest first';
is post_form($s, $member, $P1, "$P1/pin", action => 'pin')->code, 404, 'a member may not pin';
is post_form($s, $owner, $P1, "$P1/pin", action => 'pin')->code, 303, 'a manager pins the older post';
($code, $html) = $s->page($s->ua, "$C/boards/free");
like $html, qr/class="pinned".*도서관 스터디 모집.*두 번째 글/s, '... which comes first now';

# ------------------------------------------------------------ gallery and files

my $png = pack('H*', '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201ffa1f3e5b20000000049454e44ae426082');
($r) = write_post($member, $C, 'gallery', [[ 'note.txt', "글자만 있는 파일\n" ]], title => '사진 아님', body => '텍스트');
is $r->code, 400, 'a gallery refuses a text file';
like text_of(body_of($r)), qr/\Q${\ L('Err.board_images_only')}\E/, '... saying it takes images only';
($r, my $photo) = write_post($member, $C, 'gallery', [[ 'park.png', $png ]], title => '공원 사진', body => '산책길');
is $r->code, 303, 'a gallery takes a picture';
my $thumb = $s->sql_value("SELECT id FROM community_post_files WHERE post_id = $photo");
($code, $html) = $s->page($s->ua, "$C/boards/gallery");
like $html, qr{<img src="$C/posts/$photo/files/$thumb"}, 'the gallery lists its thumbnail';
$r = $s->ua->get($s->url("$C/posts/$photo/files/$thumb"));
is $r->code, 200, 'the image is served';
like $r->header('Content-Type'), qr{^image/png}, '... as a PNG';

($r) = write_post($member, $C, 'files', [[ 'park.png', $png ]], title => '사진 자료', body => '사진');
is $r->code, 400, 'the files board refuses an image';
($r, my $doc) = write_post($member, $C, 'files', [[ '회칙.txt', "회칙 1판\n" ]], title => '모임 회칙', body => '회칙입니다.');
is $r->code, 303, 'the files board takes a document';
my $edit_csrf = Madang::Test::csrf_value($member->get($s->url("$C/posts/$doc/edit")));
$r = $member->request(POST $s->url("$C/posts/$doc/edit"), Content_Type => 'form-data', Content => [
    csrf => $edit_csrf, title => encode('UTF-8', '모임 회칙'), body => encode('UTF-8', '회칙 2판을 올립니다.'),
    attachments => [ undef, encode('UTF-8', '회칙.txt'), 'Content-Type' => 'text/plain', Content => encode('UTF-8', "회칙 2판\n") ] ]);
is $r->code, 303, 'its author uploads the document again';
is $s->sql_value("SELECT GROUP_CONCAT(version ORDER BY version) FROM community_post_files WHERE post_id = $doc"), '1,2',
    '... as version 2, version 1 kept';
($code, $html) = $s->page($s->ua, "$C/posts/$doc");
like text_of($html), qr/회칙 2판을 올립니다/, 'the edit is shown';
my $v = L('Board.Version');
like text_of($html), qr/\Q$v\E 2.*\Q$v\E 1/s, '... with both versions listed, newest first';

# ------------------------------------------------------------ link cards

my $case = $s->sql_value("SELECT tracking_no FROM cases WHERE is_public = 1 AND moderation = 'visible' ORDER BY id LIMIT 1");
my $case_title = $s->sql_value("SELECT title FROM cases WHERE tracking_no = '$case'");
($r, my $linked) = write_post($member, $C, 'free', [], title => '민원 공유', body => '이 민원 같이 봐요.',
    link_kind => 'case', link_key => $case);
is $r->code, 303, 'a post links a public complaint';
($code, $html) = $s->page($s->ua, "$C/posts/$linked");
like $html, qr{class="card link-card".*href="/cases/$case"[^>]*>\Q$case_title\E}s, '... shown as a card';
my $private = $s->sql_value("SELECT tracking_no FROM cases WHERE is_public = 0 ORDER BY id LIMIT 1");
($r) = write_post($member, $C, 'free', [], title => '비공개 민원', body => '보이면 안 됨', link_kind => 'case',
    link_key => $private);
is $r->code, 400, 'a link to a private complaint is refused';
like text_of(body_of($r)), qr/\Q${\ L('Err.board_link')}\E/, '... with the reason';
$s->sql("UPDATE cases SET is_public = 0 WHERE tracking_no = '$case'");
($code, $html) = $s->page($s->ua, "$C/posts/$linked");
unlike $html, qr/link-card/, 'a complaint made private since: no card';
$s->sql("UPDATE cases SET is_public = 1 WHERE tracking_no = '$case'");

# ------------------------------------------------------------ search

($code, $html) = $s->page($s->ua, "$C/boards/free?q=" . 'ERROR');
($code, $html) = $s->page($s->ua, "$C/boards/qna?q=%EB%8F%84%EC%84%9C"); # 도서
is $code, 200, 'the search answers';
like $html, qr/도서관 스터디 모집/, '... finding a part of a Korean word, across boards';
unlike $html, qr/회원 전용 글/, '... never another community\'s post';
($code, $html) = $s->page($s->ua, "$C/boards/free?q=%ED%9A%8C%EC%B9%99"); # 회칙
like $html, qr/모임 회칙/, '... and the files board\'s posts';

# ------------------------------------------------------------ moderation

($r, my $held) = write_post($member, $C, 'free', [], title => '화가 납니다', body => '찬성 안 하면 죽 여 버 린 다');
like $r->header('Location') // '', qr/done=held/, 'a post with a hold word is taken, held';
is $s->sql_value("SELECT moderation FROM community_posts WHERE id = $held"), 'held', '... held for review';
is(($s->page($s->ua, "$C/posts/$held"))[0], 404, 'the public does not see it');
($code, $html) = $s->page($member, "$C/posts/$held");
like $html, qr{href="/objection/cpost/$held"}, 'its author sees it with the way to object';
my $admin = $s->ua;
is Madang::Test::sign_in($s, $admin, 'admin', 'madang-admin-2026')->code, 303, 'the supervisor signs in';
($code, $html) = $s->page($admin, '/staff/moderation');
like $html, qr{/staff/moderation/cpost/$held"}, 'the moderators\' queue lists it';
like text_of($html), qr/\Q${\ L('Moderation.Kind.cpost')}\E · 화가 납니다/, '... as a community post';
$r = post_form($s, $admin, '/staff/moderation', "/staff/moderation/cpost/$held", action => 'hide', ground => 'abuse',
    reason => '협박성 표현');
is $r->code, 303, 'the moderator hides it' or diag substr(text_of(body_of($r)), 0, 600);
is $s->sql_value("SELECT moderation FROM community_posts WHERE id = $held"), 'hidden', '... hidden';
($code, $html) = $s->page($member, "$C/posts/$held");
like text_of($html), qr/\Q${\ L('Debate.Hidden')}\E.*협박성 표현/s, 'its author reads why';

($code, $html) = $s->page($outsider, $P1);
like $html, qr{href="/report/cpost/$p1"}, 'a reader of a public community may report a post';
like $html, qr{href="/report/post/$c1"}, '... and a comment';
($code, $html) = $s->page($owner, "$X/posts/$secret");
like $html, qr{href="/report/cpost/$secret"}, 'a member of a members-only community may report its post (360 the rest)';

# ------------------------------------------------------------ deleting

is post_form($s, $outsider, $P1, "$P1/delete")->code, 404, 'someone else may not delete a post';
is post_form($s, $member, "$C/posts/$p2", "$C/posts/$p2/delete")->code, 303, 'its author deletes a post';
is(($s->page($s->ua, "$C/posts/$p2"))[0], 404, '... gone');
is post_form($s, $owner, $P1, "$P1/delete")->code, 303, 'a manager deletes a member\'s post';
($code, $html) = $s->page($s->ua, "$C/boards/free");
unlike $html, qr/도서관 스터디 모집|두 번째 글/, 'neither is listed';
($code, $html) = $s->page($s->ua, "$C/boards/qna?q=%EB%8F%84%EC%84%9C");
unlike $html, qr/도서관 스터디 모집/, '... nor found';

done_testing;
