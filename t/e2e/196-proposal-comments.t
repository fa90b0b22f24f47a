# SPDX-License-Identifier: AGPL-3.0-or-later
# 196-proposal-comments.t: comments on policy proposals and the gates on
# proposals themselves (issue 11, sections 1, 3 and 5), as people meet
# them over HTTP with the demo office: a citizen comments and replies one
# level, oldest first and paged; the word filter masks or holds a comment,
# whose author alone sees it with the reason; a deleted comment leaves a
# placeholder; a penalty's restriction refuses a comment and a proposal
# (always public) with the text kept, the throttle likewise; the report
# links on a comment and on the proposal lead to the moderators' queue;
# hiding a proposal takes it off the list and page, tells its author why
# and takes back its mileage; "my page" counts the person's proposals,
# supports and comments; /stats counts proposals by state.
use strict;
use warnings;
use utf8;
use Test::More;
use Encode qw(encode);
use Madang::Test qw(body_of L text_of post_form);

binmode $_, ':encoding(UTF-8)'
    for map { Test::More->builder->$_ } qw(output failure_output todo_output);

my $s = Madang::Test->start(seed => 1);

sub post { my ($ua, $from, $path, @fields) = @_; return post_form($s, $ua, $from, $path, @fields) }
sub proposal_form {
    my ($title, %f) = @_;
    return (category => 1, title => $title, problem => $f{problem} // "$title: 현재 문제",
        proposal => "$title: 개선 방안", effect => "$title: 기대 효과");
}
sub write_proposal {
    my ($ua, $title, %f) = @_;
    my $r = post($ua, '/proposals/new', '/proposals/new', proposal_form($title, %f));
    my ($id) = ($r->header('Location') // '') =~ m{^/proposals/(\d+)\?done=};
    return ($r, $id);
}
sub comment {
    my ($ua, $P, $body, %more) = @_;
    my $r = post($ua, $P, "$P/comments", body => $body, %more);
    my ($id) = ($r->header('Location') // '') =~ /#post-(\d+)$/;
    return ($r, $id);
}
sub state_of { return $s->sql_value("SELECT moderation FROM posts WHERE id = $_[0]") }
sub restrict {
    my ($id, $admin_id) = @_;
    $s->sql("INSERT INTO penalties (account_id, level, reason, starts_at, ends_at, decided_by)"
        . " VALUES ($id, 'restrict_7', 'test', NOW() - INTERVAL 1 MINUTE, NOW() + INTERVAL 7 DAY, $admin_id)");
}

my ($author, $author_id) = $s->citizen();
my ($reader, $reader_id) = $s->citizen();
my ($other, $other_id) = $s->citizen();
my $admin = $s->ua;
is Madang::Test::sign_in($s, $admin, 'admin', 'madang-admin-2026')->code, 303, 'the supervisor signs in';
my $admin_id = $s->account_id('admin');

# ------------------------------------------------------------ the demo

my $bus = $s->sql_value(encode('UTF-8', "SELECT id FROM proposals WHERE title = '심야버스 노선을 늘려 주세요'"));
my ($code, $html) = $s->page($s->ua, "/proposals/$bus");
like text_of($html), qr/\Q@{[L('Comment.Heading')]}\E \(4\).*택시를 30분씩.*20분 간격을 제안드렸습니다/s,
    'the demo\'s open proposal has comments and a reply';
for my $state (qw(open threshold review answered expired withdrawn)) {
    ok $s->sql_value("SELECT COUNT(*) FROM proposals WHERE state = '$state'"), "the demo has a proposal $state";
}
($code, $html) = $s->page($admin, '/staff/moderation');
like $html, qr{/staff/moderation/proposal/$bus"}, 'the demo queue holds a reported proposal';
like $html, qr/죽 여 버 린 다/, '... and a held comment';
ok $s->sql_value("SELECT COUNT(*) FROM penalties WHERE level <> 'warning' AND ends_at > NOW()"), '... and a penalised account';

my ($r, $pid) = write_proposal($author, '공원 산책로 조명 설치 제안');
is $r->code, 303, 'a citizen writes a proposal';
like $r->header('Location'), qr/done=created/, '... published at once';
my $P = "/proposals/$pid";

# ------------------------------------------------------------ comments and replies

($code, $html) = $s->page($s->ua, $P);
like text_of($html), qr/\Q@{[L('Comment.None')]}\E/, 'a new proposal has no comment yet';
like $html, qr{href="/login"[^>]*>\Q@{[L('Comment.SignIn')]}\E}, '... and asks the public to sign in to comment';

($r, my $c1) = comment($reader, $P, '밤에 너무 어두워서 꼭 필요합니다.');
is $r->code, 303, 'a reader comments';
like $r->header('Location'), qr/done=comment#post-$c1$/, '... back to the comment';
is $s->sql_value("SELECT CONCAT(parent_kind, '/', parent_id, '/', IFNULL(side, '-')) FROM posts WHERE id = $c1"),
    "proposal/$pid/-", '... stored as a post of the proposal, without a side';
($r, my $c2) = comment($other, $P, '예산은 어디서 나오나요?');
($r, my $reply) = comment($author, $P, '구청 예산으로 가능합니다.', reply_to => $c2);
is $r->code, 303, 'the author replies to a comment';
($r, my $deep) = comment($reader, $P, '답글의 답글', reply_to => $reply);
is $s->sql_value("SELECT reply_to FROM posts WHERE id = $deep"), $c2, 'a reply to a reply answers its comment (one level)';

($code, $html) = $s->page($s->ua, $P);
my $t = text_of($html);
like $t, qr/\Q@{[L('Comment.Heading')]}\E \(4\)/, 'the page counts the comments';
like $t, qr/밤에 너무 어두워서.*예산은 어디서.*구청 예산으로.*답글의 답글/s, '... oldest first, replies under theirs';
like $html, qr{<li class="post reply" id="post-$reply">}, '... the reply nested';
unlike $html, qr{action="$P/comments"}, '... and no form for the public';

($code, $html) = $s->page($reader, $P);
like $html, qr{action="$P/comments"}, 'a citizen gets the comment form';
like $html, qr{href="/report/post/$c2"}, '... a report link on another\'s comment';
unlike $html, qr{href="/report/post/$c1"}, '... none on their own';
like $html, qr{href="/report/proposal/$pid"}, '... and one on the proposal';
($code, $html) = $s->page($author, $P);
unlike $html, qr{href="/report/proposal/$pid"}, 'its author is not offered to report their own proposal';

$r = post($reader, $P, "$P/comments", body => '');
is $r->code, 400, 'an empty comment is refused';
like text_of(body_of($r)), qr/\Q@{[L('Msg.ProposalFixComment')]}\E/, '... with a clear message';
$r = post($reader, $P, "$P/comments", body => 'x', reply_to => 999999999);
is $r->code, 404, 'a reply to no comment is refused';

$r = $reader->post($s->url("$P/comments"), [body => 'CSRF 없는 댓글']);
is $r->code, 403, 'a comment without the CSRF token is refused';
$r = post($admin, $P, "$P/comments", body => '직원 댓글');
is $r->code, 403, 'staff do not comment as citizens';
is $s->sql_value("SELECT COUNT(*) FROM posts WHERE body IN ('CSRF 없는 댓글', '직원 댓글')"), 0, '... nothing stored';

# Paging: the 21st comment is on the second page.
$s->sql("INSERT INTO posts (parent_kind, parent_id, author_id, body, created_at)"
    . " SELECT 'proposal', $pid, $other_id, CONCAT('채우기 ', seq), NOW() FROM seq_1_to_18");
($r, my $last) = comment($reader, $P, '스물한 번째 댓글 <script>alert(1)</script>');
($code, $html) = $s->page($s->ua, $P);
unlike $html, qr/스물한 번째 댓글/, 'the first page holds 20 comments';
like $html, qr{href="$P\?page=2"}, '... and links to the next';
($code, $html) = $s->page($s->ua, "$P?page=2");
like $html, qr/스물한 번째 댓글 &lt;script&gt;/, 'the second page shows the newest one, escaped';

# ------------------------------------------------------------ the word filter

($r, my $masked) = comment($reader, $P, '이 제안 ㅅㅂ 늦었어요. 시발점부터 봅시다.');
is $s->sql_value("SELECT body FROM posts WHERE id = $masked"), '이 제안 ** 늦었어요. 시발점부터 봅시다.',
    'a comment with a swear word is masked, 시발점 left alone';
($r, my $held) = comment($other, $P, '찬성 안 하면 죽 여 버 린 다');
like $r->header('Location'), qr/done=comment_held/, 'a comment with a hold word is taken';
is state_of($held), 'held', '... held for review';
($code, $html) = $s->page($s->ua, "$P?page=2");
unlike $html, qr/죽 여/, 'the public does not see it';
($code, $html) = $s->page($other, "$P?page=2");
like text_of($html), qr/\Q@{[L('Debate.Held')]}\E/, 'its author sees it with the line that it waits for review';
like $html, qr{href="/objection/post/$held"}, '... and the way to object';
($code, $html) = $s->page($admin, '/staff/moderation');
like $html, qr{/staff/moderation/post/$held"}, 'the moderators\' queue lists it';

# A deleted comment leaves a placeholder.
is post($admin, '/staff/moderation', "/staff/moderation/post/$held", action => 'delete', ground => 'abuse',
    reason => '협박성 표현')->code, 303, 'the moderator deletes it';
($code, $html) = $s->page($s->ua, "$P?page=2");
like text_of($html), qr/\Q@{[L('Debate.Removed')]}\E/, 'the thread shows it was removed';
unlike $html, qr/죽 여/, '... without its text';

# ------------------------------------------------------------ reports on comments and proposals

is post($reader, "/report/post/$c2", "/report/post/$c2", reason => 'spam')->code, 303, 'a reader reports a comment';
is post($reader, "/report/proposal/$pid", "/report/proposal/$pid", reason => 'off_topic')->code, 303,
    '... and the proposal';
($code, $html) = $s->page($admin, '/staff/moderation');
like $html, qr{href="$P#post-$c2"}, 'the queue links to the reported comment';
like $html, qr{href="$P"}, '... and to the reported proposal';
is post($admin, '/staff/moderation', "/staff/moderation/proposal/$pid", action => 'dismiss')->code, 303,
    'the moderator dismisses the proposal\'s report';

# ------------------------------------------------------------ hiding a proposal

my ($r2, $p2) = write_proposal($author, '도서관 야간 개방 제안');
$s->sql("UPDATE proposals SET threshold = 1 WHERE id = $p2");
is post($reader, "/proposals/$p2", "/proposals/$p2/support", action => 'add')->code, 303, 'a reader supports it';
is $s->sql_value("SELECT state FROM proposals WHERE id = $p2"), 'threshold', '... it reaches its threshold';
my $earned = $s->sql_value("SELECT COALESCE(SUM(points), 0) FROM mileage_ledger WHERE account_id = $author_id");
ok $earned > 0, '... and its author earns mileage';
is post($reader, "/report/proposal/$p2", "/report/proposal/$p2", reason => 'abuse')->code, 303, 'a reader reports it';
$r = post($admin, '/staff/moderation', "/staff/moderation/proposal/$p2", action => 'hide', ground => 'spam',
    reason => '광고성 내용입니다.');
is $r->code, 303, 'the moderator hides it' or diag body_of($r);
is $s->sql_value("SELECT COALESCE(SUM(points), 0) FROM mileage_ledger WHERE account_id = $author_id"), 0,
    '... its mileage is taken back';
($code, $html) = $s->page($s->ua, '/proposals');
unlike $html, qr/도서관 야간 개방/, 'the public list leaves it out';
($code) = $s->page($s->ua, "/proposals/$p2");
is $code, 404, '... and its page is gone for the public';
($code, $html) = $s->page($author, "/proposals/$p2");
like text_of($html), qr/\Q@{[L('Proposal.Moderation.hidden')]}\E.*광고성 내용입니다/s, 'its author sees it hidden, and why';
like $html, qr{href="/objection/proposal/$p2"}, '... with the way to object';

# ------------------------------------------------------------ my page and stats

($code, $html) = $s->page($author, '/my');
$t = text_of($html);
like $t, qr/\Q@{[L('MyPage.Proposals')]}\E \(2\)/, 'my page counts the author\'s proposals';
like $t, qr/도서관 야간 개방 제안\s+\Q@{[L('Mileage.PostState.hidden')]}\E\s+\Q@{[L('Proposal.State.threshold')]}\E/,
    '... each with its state (and the hidden one marked)';
like $t, qr/\Q@{[L('MyPage.Comments')]}\E \(1\)/, '... counts their comments';
($code, $html) = $s->page($reader, '/my');
$t = text_of($html);
like $t, qr/\Q@{[L('MyPage.Supports')]}\E \(1\)/, 'the reader\'s page counts the proposals they support';
like $html, qr{href="/proposals/$p2"}, '... linking to them';
like $t, qr/\Q@{[L('MyPage.Comments')]}\E \(4\)/, '... and their comments';
like $html, qr{href="$P#post-$c1"}, '... each linking to its place';

($code, $html) = $s->page($s->ua, '/stats');
is $code, 200, '/stats opens';
$t = text_of($html);
like $t, qr/\Q@{[L('ProposalStats.Heading')]}\E/, '... with proposals';
my $open = $s->sql_value("SELECT COUNT(*) FROM proposals WHERE moderation = 'visible' AND state = 'open'");
like $html, qr{data-label="\Q@{[L('ProposalStats.Col.open')]}\E">$open<}, '... counting the open ones';
like $t, qr/\Q@{[L('DebateStats.Heading')]}\E/, '... beside debates';
($code, $html) = $s->page($s->ua, '/');
$t = text_of($html);
like $t, qr/\Q@{[L('Home.Proposals')]}\E.*공원 산책로 조명 설치 제안/s, 'the home page lists the newest proposals';
like $t, qr/\Q@{[L('Home.Debates')]}\E/, '... and the open debates';

# ------------------------------------------------------------ a restricted account

restrict($other_id, $admin_id);
my $before = $s->sql_value("SELECT COUNT(*) FROM posts WHERE author_id = $other_id");
($code, $html) = $s->page($other, $P);
like text_of($html), qr/\Q@{[L('Comment.Restricted')]}\E/, 'the restricted citizen is told on the proposal page';
($r) = comment($other, $P, '제한 중에 쓰는 댓글입니다.');
is $r->code, 403, 'a restricted citizen cannot comment';
like text_of(body_of($r)), qr/\Q@{[L('Msg.CommentRestricted')]}\E/, '... with a clear message';
like body_of($r), qr/제한 중에 쓰는 댓글입니다\./, '... and the text kept';
is $s->sql_value("SELECT COUNT(*) FROM posts WHERE author_id = $other_id"), $before, '... nothing stored';
($code, $html) = $s->page($other, '/proposals/new');
like text_of($html), qr/\Q@{[L('Comment.ProposalRestricted')]}\E/, '... and on the proposal form before writing';
my $nprop = $s->sql_value("SELECT COUNT(*) FROM proposals");
($r) = write_proposal($other, '제한 중 제안');
is $r->code, 403, '... nor publish a proposal (always public)';
like text_of(body_of($r)), qr/\Q@{[L('Msg.ProposalRestricted')]}\E/, '... with a clear message';
like body_of($r), qr/제한 중 제안: 현재 문제/, '... the form back filled';
is $s->sql_value("SELECT COUNT(*) FROM proposals"), $nprop, '... nothing stored';

# ------------------------------------------------------------ the gates on proposals

($r, my $pm) = write_proposal($reader, '버스 정류장 ㅅㅂ 개선', problem => '지붕이 없어요 ㅆㅂ');
is $s->sql_value("SELECT CONCAT(title, '|', problem) FROM proposals WHERE id = $pm"), '버스 정류장 ** 개선|지붕이 없어요 **',
    'the word filter masks a proposal\'s title and sections';
($r, my $ph) = write_proposal($reader, '주차 단속 강화', problem => '단속 안 하면 죽 여 버 린 다');
like $r->header('Location'), qr/done=held/, 'a proposal with a hold word is taken';
is $s->sql_value("SELECT moderation FROM proposals WHERE id = $ph"), 'held', '... and held for review';
($code) = $s->page($s->ua, "/proposals/$ph");
is $code, 404, '... out of the public\'s sight';
($code, $html) = $s->page($reader, "/proposals/$ph");
like text_of($html), qr/\Q@{[L('Proposal.Moderation.held')]}\E/, '... its author sees it waits for review';

# An edit passes the same gates.
($r, my $pe) = write_proposal($reader, '횡단보도 신호 시간 연장');
$r = post($reader, "/proposals/$pe/edit", "/proposals/$pe/edit", proposal_form('횡단보도 신호 ㅆㅂ 연장'));
is $r->code, 303, 'an edit is saved';
is $s->sql_value("SELECT title FROM proposals WHERE id = $pe"), '횡단보도 신호 ** 연장', '... masked too';

$s->sql("INSERT INTO settings (name, value) VALUES ('moderation.throttle_per_hour', '1')"
    . " ON DUPLICATE KEY UPDATE value = '1'");
is((write_proposal($reader, '한 시간에 한 번 쓰는 제안'))[0]->code, 303, 'with one post an hour allowed, one proposal passes');
$nprop = $s->sql_value("SELECT COUNT(*) FROM proposals");
($r) = write_proposal($reader, '한 시간에 너무 많은 제안');
is $r->code, 429, 'over the throttle a proposal is refused';
like text_of(body_of($r)), qr/\Q@{[L('Msg.ProposalThrottled')]}\E/, '... with the reason and what to do';
like body_of($r), qr/한 시간에 너무 많은 제안/, '... the text kept';
is $s->sql_value("SELECT COUNT(*) FROM proposals"), $nprop, '... nothing stored';
($r) = comment($reader, $P, '한 시간에 너무 많은 댓글');
is $r->code, 429, '... and so is a comment';
like text_of(body_of($r)), qr/\Q@{[L('Msg.CommentThrottled')]}\E/, '... with its message';
$s->sql("UPDATE settings SET value = '0' WHERE name = 'moderation.throttle_per_hour'");

# ------------------------------------------------------------ the real-name gate

my $set = Madang::Test::form_as_shown(body_of($admin->get($s->url('/admin/settings'))), '/admin/settings');
like $set->{html}, qr/\Q@{[L('Identity.Settings.Actions.comment')]}\E/, 'the settings page offers comments to need a real-name check';
$r = Madang::Test::submit_form($s, $admin, $set, identity_comment => 1);
is $r->code, 303, '... the supervisor ticks it' or diag body_of($r);
is $s->sql_value("SELECT value FROM settings WHERE name = 'identity.required_for'"), 'comment',
    '... identity.required_for names comment';
($r) = comment($reader, $P, '실명확인 전 댓글');
is $r->code, 303, 'with identity.required_for naming comment';
like $r->header('Location'), qr{^/account/identity\?need=comment}, '... an unchecked citizen is sent to the check';
($code, $html) = $s->page($reader, '/account/identity?need=comment');
like text_of($html), qr/\Q@{[L('Identity.Need.comment')]}\E/, '... which says why';
$s->sql("DELETE FROM settings WHERE name = 'identity.required_for'");

done_testing;
