# SPDX-License-Identifier: AGPL-3.0-or-later
# 195-participation.t: moderation, mileage, penalties and debates joined
# (issue 11, sections 3-5), as people meet them over HTTP with the demo
# office: a debate opinion or reply passes the gates of every public post
# (a penalty's restriction, the throttle, the word filter masking or
# holding it) and offers the report (신고) link; a recommended opinion
# earns its author mileage once; an upheld report earns each reporter
# mileage once, hiding the item takes back what it earned and costs its
# author the next penalty; a deleted post leaves a placeholder; "my page"
# counts the person's opinions and reports with their outcome.
use strict;
use warnings;
use utf8;
use Test::More;
use Madang::Test qw(body_of L text_of post_form);

binmode $_, ':encoding(UTF-8)'
    for map { Test::More->builder->$_ } qw(output failure_output todo_output);

my $s = Madang::Test->start(seed => 1);

sub post { my ($ua, $from, $path, @fields) = @_; return post_form($s, $ua, $from, $path, @fields) }
sub points {
    my ($id, $reason) = @_;
    return $s->sql_value("SELECT COALESCE(SUM(points), 0) FROM mileage_ledger WHERE account_id = $id"
        . ($reason ? " AND reason = '$reason'" : ''));
}

my $debate = $s->sql_value('SELECT id FROM debates WHERE opens_at <= NOW() AND closes_at > NOW() ORDER BY id LIMIT 1');
ok $debate, 'the demo has an open debate';
my $D = "/debates/$debate";
sub opinion {
    my ($ua, $body, %more) = @_;
    my $r = post($ua, $D, "$D/opinions", body => $body, %more);
    my ($id) = ($r->header('Location') // '') =~ /#post-(\d+)$/;
    return ($r, $id);
}
sub state_of { return $s->sql_value("SELECT moderation FROM posts WHERE id = $_[0]") }

my ($author, $author_id) = $s->citizen();
my ($reader, $reader_id) = $s->citizen();
my ($other, $other_id) = $s->citizen();
my $admin = $s->ua;
is Madang::Test::sign_in($s, $admin, 'admin', 'madang-admin-2026')->code, 303, 'the supervisor signs in';

# ------------------------------------------------------------ the word filter and the report link

my ($r, $masked) = opinion($author, '이 정책 ㅅㅂ 너무 늦었어요. 시발점부터 다시 봅시다.', side => 'agree');
is $r->code, 303, 'an opinion with a swear word is posted';
is $s->sql_value("SELECT body FROM posts WHERE id = $masked"), '이 정책 ** 너무 늦었어요. 시발점부터 다시 봅시다.',
    '... masked by the word filter of public complaints, 시발점 left alone';
is state_of($masked), 'visible', '... and public at once';

($r, my $held) = opinion($author, '반대하는 사람은 죽 여 버 린 다', side => 'agree');
is $r->code, 303, 'an opinion with a hold word is taken';
like $r->header('Location'), qr/done=held/, '... and its author told it waits for review';
is state_of($held), 'held', '... and held for review';
is $s->sql_value("SELECT COUNT(*) FROM moderation_actions WHERE kind = 'post' AND item_id = $held AND action = 'hold'"), 1,
    '... in the moderators\' queue';
my ($code, $html) = $s->page($s->ua, $D);
unlike $html, qr/죽 여/, 'the public does not see the held opinion';
($code, $html) = $s->page($author, $D);
like $html, qr/죽 여 버 린 다/, 'its author still reads it';
like text_of($html), qr/\Q@{[L('Debate.Held')]}\E/, '... with the line that it waits for review';
($code, $html) = $s->page($admin, '/staff/moderation');
like $html, qr{/staff/moderation/post/$held"}, 'the queue lists the held opinion';

($r, my $reply) = opinion($reader, '동의하지만 ㅆㅂ 예산은요?', reply_to => $masked);
is $r->code, 303, 'a reply is posted';
is $s->sql_value("SELECT body FROM posts WHERE id = $reply"), '동의하지만 ** 예산은요?', '... masked too';

($code, $html) = $s->page($reader, $D);
like $html, qr{href="/report/post/$masked"}, 'an opinion offers the report link';
unlike $html, qr{href="/report/post/$reply"}, '... but not to its author';
($code, $html) = $s->page($author, $D);
like $html, qr{href="/report/post/$reply"}, 'a reply offers it too';
($code, $html) = $s->page($reader, "/report/post/$masked");
is $code, 200, 'the report form of an opinion opens';

# ------------------------------------------------------------ mileage for recommendations

is post($reader, $D, "/posts/$masked/recommend")->code, 303, 'a reader recommends the opinion';
is points($author_id, 'opinion_recommended'), 5, '... its author earns the points of a recommended opinion';
is post($other, $D, "/posts/$masked/recommend")->code, 303, 'a second reader recommends it';
is points($author_id, 'opinion_recommended'), 5, '... which earns nothing more (once per post)';
is post($reader, $D, "/posts/$masked/recommend")->code, 409, 'nobody recommends twice';
is points($author_id), 5, '... the balance stays';

# ------------------------------------------------------------ an upheld report

is post($reader, "/report/post/$masked", "/report/post/$masked", reason => 'abuse')->code, 303, 'a reader reports it';
is post($other, "/report/post/$masked", "/report/post/$masked", reason => 'abuse')->code, 303, 'a second reader too';
$r = post($admin, '/staff/moderation', "/staff/moderation/post/$masked", action => 'hide', ground => 'abuse',
    reason => '욕설이 포함되어 있습니다.');
is $r->code, 303, 'the moderator hides it for abuse' or diag body_of($r);
is state_of($masked), 'hidden', '... it is hidden';
is points($reader_id, 'report_valid'), 5, 'the first reporter earns the points of a valid report';
is points($other_id, 'report_valid'), 5, '... and so does the second (once per report)';
is points($author_id), 0, 'what the opinion earned is taken back';
is $s->sql_value("SELECT COUNT(*) FROM mileage_ledger WHERE account_id = $author_id AND reason = 'reversal'"), 1,
    '... by one reversing entry';
is $s->sql_value("SELECT penalty FROM moderation_actions WHERE kind = 'post' AND item_id = $masked AND action = 'hide'"),
    'applied', 'the abuse upheld costs its author a penalty';
is $s->sql_value("SELECT CONCAT(level, '/', kind, '/', item_id) FROM penalties WHERE account_id = $author_id"),
    "warning/post/$masked", '... a warning, naming the opinion';
($code, $html) = $s->page($author, $D);
like text_of($html), qr/\Q@{[L('Debate.Hidden')]}\E.*욕설이 포함되어 있습니다/s, 'its author sees it hidden, and why';
like $html, qr{href="/objection/post/$masked"}, '... with the way to object';
($code, $html) = $s->page($s->ua, $D);
unlike $html, qr/너무 늦었어요/, 'the public no longer sees it';

# Restoring it later does not take the reporters' points back.
is post($admin, '/staff/moderation', "/staff/moderation/post/$masked", action => 'restore')->code, 303,
    'the moderator restores it';
is points($reader_id, 'report_valid'), 5, '... the valid report keeps its points';

# A post deleted by a moderator leaves a placeholder in the thread.
is post($admin, '/staff/moderation', "/staff/moderation/post/$held", action => 'delete', ground => 'abuse',
    reason => '협박성 표현')->code, 303, 'the moderator deletes the held threat';
is $s->sql_value("SELECT level FROM penalties WHERE account_id = $author_id ORDER BY id DESC LIMIT 1"), 'restrict_7',
    '... the second upheld abuse restricts its author for 7 days';
($code, $html) = $s->page($s->ua, $D);
like text_of($html), qr/\Q@{[L('Debate.Removed')]}\E/, 'the thread shows it was removed by a moderator';
unlike $html, qr/죽 여/, '... without its text';

# ------------------------------------------------------------ a restricted account

my $before = $s->sql_value("SELECT COUNT(*) FROM posts WHERE author_id = $author_id");
($code, $html) = $s->page($author, $D);
like text_of($html), qr/\Q@{[L('Debate.Restricted')]}\E/, 'the restricted author is told on the debate page';
($r) = opinion($author, '제한 중에 쓰는 의견입니다.', side => 'neutral');
is $r->code, 403, 'the restricted author cannot post an opinion';
like text_of(body_of($r)), qr/\Q@{[L('Msg.DebateRestricted')]}\E/, '... with a clear message';
like body_of($r), qr/제한 중에 쓰는 의견입니다\./, '... and the text kept in the form';
($r) = opinion($author, '제한 중 답글', reply_to => $reply);
is $r->code, 403, '... nor a reply';
is $s->sql_value("SELECT COUNT(*) FROM posts WHERE author_id = $author_id"), $before, '... nothing is stored';
is post($author, $D, "$D/side", side => 'disagree')->code, 303, '... but still takes a side';

# ------------------------------------------------------------ the throttle

$s->sql("INSERT INTO settings (name, value) VALUES ('moderation.throttle_per_hour', '3')"
    . " ON DUPLICATE KEY UPDATE value = '3'");
my $n = $s->sql_value("SELECT COUNT(*) FROM moderation_posts WHERE account_id = $other_id");
for my $i ($n + 1 .. 3) {
    is((opinion($other, "의견 $i 입니다.", side => 'neutral'))[0]->code, 303, "post $i of 3 this hour");
}
($r) = opinion($other, '한 시간에 네 번째 의견', side => 'neutral');
is $r->code, 429, 'the next one is throttled';
like text_of(body_of($r)), qr/\Q@{[L('Msg.DebateThrottled')]}\E/, '... with the reason and what to do';
like body_of($r), qr/한 시간에 네 번째 의견/, '... the text kept';
is $s->sql_value("SELECT COUNT(*) FROM posts WHERE author_id = $other_id"), 3 - $n, '... nothing stored';
$s->sql("UPDATE settings SET value = '0' WHERE name = 'moderation.throttle_per_hour'");

# ------------------------------------------------------------ my page

($code, $html) = $s->page($reader, '/my');
is $code, 200, 'my page opens';
my $t = text_of($html);
like $t, qr/\Q@{[L('Mileage.Opinions')]}\E \(1\)/, '... counting the reader\'s debate opinions';
like $t, qr/동의하지만 \*\* 예산은요\?/, '... listing them';
like $t, qr/\Q@{[L('Mileage.Reports')]}\E \(1\)/, '... counting the reports';
like $t, qr/\Q@{[L('Moderation.Reasons.abuse')]}\E\s+\Q@{[L('Mileage.Outcome.upheld')]}\E/, '... each with its outcome';
like $html, qr{href="/debates/$debate#post-$masked"}, '... linking to the reported opinion';
($code, $html) = $s->page($author, '/my');
$t = text_of($html);
like $t, qr/\Q@{[L('Mileage.Opinions')]}\E \(2\)/, 'the author\'s page counts both opinions';
like $t, qr/\Q@{[L('Mileage.PostState.deleted')]}\E/, '... the deleted one marked so';
like $t, qr/\Q@{[L('Mileage.NoReports')]}\E/, '... and says they reported nothing';

done_testing;
