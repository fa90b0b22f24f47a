# SPDX-License-Identifier: AGPL-3.0-or-later
# 170-debates.t: policy debates (토론) end to end with the demo office, the
# SMTP sink and the notifier: a moderator of 교통행정과 opens debates for
# their department only (refused for another one, and to a handler who is
# no moderator), edits one before it opens and not after; bad input gets
# its message with the form filled and nothing stored; citizens take and
# change a side, write opinions tagged with a side, reply one level deep
# (a reply to a reply joins its top opinion), recommend once and never
# their own; the tally and the most recommended opinions on the page; a
# closed debate refuses sides, opinions and recommendations; the
# department responsible publishes the summary (not before closing, not
# another department), audited, and every participant finds it in the
# web inbox and the SMTP sink, once; the public list, the home page.
use strict;
use warnings;
use utf8;
use Test::More;
use Encode qw(encode);
use POSIX ();
use Madang::Test qw(body_of L text_of);
use Madang::Staff qw(signed_in scope_rebuild);
use Madang::Notify;

binmode $_, ':encoding(UTF-8)'
    for map { Test::More->builder->$_ } qw(output failure_output todo_output);

my $n = Madang::Notify->start(seed => 1);
my $s = $n->stack;

# ------------------------------------------------------------ helpers

sub q_ { my ($v) = @_; $v =~ s/\\/\\\\/g; $v =~ s/'/\\'/g; return "'$v'" }
# A time the app's clock (Korean time) reads, shifted by $shift ("+ INTERVAL 1 DAY").
sub at {
    my ($shift) = @_;
    return $s->sql_value("SET time_zone = '+09:00'; SELECT DATE_FORMAT(NOW() $shift, '%Y-%m-%dT%H:%i')");
}
sub post { my ($ua, $from, $path, @kv) = @_; return Madang::Test::post_form($s, $ua, $from, $path, map { Madang::Test::bytes_of($_) } @kv) }
sub page_text { my ($ua, $path) = @_; return text_of(body_of($ua->get($s->url($path)))) }
sub tally_row {
    my ($html, $side) = @_;
    my ($row) = $html =~ m{<tr class="tally-\Q$side\E">(.*?)</tr>}s;
    return text_of($row // '') =~ s/^\s+|\s+$//gr;
}
sub new_debate {
    my ($ua, %f) = @_;
    return post($ua, '/staff/debates/new', '/staff/debates/new',
        title => $f{title}, background => $f{background} // "$f{title}: 배경 설명입니다.",
        department_id => $f{department_id}, opens_at => $f{opens_at}, closes_at => $f{closes_at});
}
sub id_from { my ($r) = @_; my ($id) = ($r->header('Location') // '') =~ m{^/staff/debates/(\d+)}; return $id }

my $TRAFFIC = $s->sql_value(q{SELECT id FROM departments WHERE name_ko = '교통행정과'});
my $ROAD = $s->sql_value(q{SELECT id FROM departments WHERE name_ko = '도로과'});
my $PARKS = $s->sql_value(q{SELECT id FROM departments WHERE name_ko = '공원녹지과'});

# traffic.kim (a handler of 교통행정과) becomes its moderator too.
$s->sql("INSERT INTO staff_roles (account_id, role, department_id, with_subtree)"
    . " SELECT id, 'moderator', $TRAFFIC, 0 FROM accounts WHERE login_id = 'traffic.kim'");
scope_rebuild($s);
my $kim = signed_in($s, 'traffic.kim');
my $lee = signed_in($s, 'road.lee');

# ------------------------------------------------------------ the demo, public

my $demo_open = $s->sql_value(q{SELECT id FROM debates WHERE closes_at > NOW() ORDER BY id LIMIT 1});
my $demo_closed = $s->sql_value(q{SELECT id FROM debates WHERE summary IS NOT NULL ORDER BY id LIMIT 1});
my $anon = $s->ua;
my $t = page_text($anon, '/debates');
like $t, qr/\Q${\ L('Debate.Open')}\E.*일요일마다 마당대로를 차 없는 거리로.*\Q${\ L('Debate.Closed')}\E.*반려견/s,
    'the public list: the demo open debate under open ones, the closed one under closed ones';
like page_text($anon, '/'), qr/\Q${\ L('Home.Debates')}\E.*일요일마다 마당대로를/s, 'the home page lists the open debate';
my $html = body_of($anon->get($s->url("/debates/$demo_closed")));
like text_of($html), qr/\Q${\ L('Debate.Summary')}\E.*반려견 놀이터를 시범 운영합니다/s, "the closed demo debate shows its summary";
like $html, qr/<svg class="tally-bar"/, '... its tally as a bar';
like tally_row($html, 'agree'), qr/^\Q${\ L('Debate.Side.agree')}\E 3 60%$/, '... and as a table (3 of 5 agree: 60%)';
like text_of($html), qr/\Q${\ L('Debate.ClosedNote')}\E/, '... closed: no forms';
unlike $html, qr{action="/debates/$demo_closed/opinions"}, '... no opinion form';
is $anon->get($s->url('/debates/999999'))->code, 404, 'an unknown debate: 404';
is $anon->get($s->url('/debates/x1'))->code, 404, '... a malformed id too';

# ------------------------------------------------------------ opening, scope

is $kim->get($s->url('/staff/debates/new'))->code, 200, 'the moderator opens the form';
is $lee->get($s->url('/staff/debates/new'))->code, 403, 'a handler who is no moderator is refused';
is $lee->get($s->url('/staff/debates'))->code, 200, '... though the staff list opens (their departments have none)';

my $before = $s->sql_value('SELECT COUNT(*) FROM debates');
my $r = new_debate($kim, title => '도로과의 토론', department_id => $ROAD, opens_at => at('+ INTERVAL 1 DAY'),
    closes_at => at('+ INTERVAL 5 DAY'));
is $r->code, 403, "a debate for another department (도로과) is refused";
like text_of(body_of($r)), qr/\Q${\ L('Err.debate_department')}\E/, '... saying why';
like body_of($r), qr/value="도로과의 토론"/, '... with the form filled';
$r = new_debate($kim, title => '', department_id => $TRAFFIC, opens_at => '2026-02-30 10:00', closes_at => at('+ INTERVAL 5 DAY'));
is $r->code, 400, 'no question and a day that does not exist: refused';
like text_of(body_of($r)), qr/\Q${\ L('Err.required')}\E.*\Q${\ L('Err.debate_time')}\E/s, '... with both messages';
$r = new_debate($kim, title => '순서가 틀린 토론', department_id => $TRAFFIC, opens_at => at('+ INTERVAL 5 DAY'),
    closes_at => at('+ INTERVAL 1 DAY'));
is $r->code, 400, 'closing before opening: refused';
like text_of(body_of($r)), qr/\Q${\ L('Err.debate_order')}\E/, '... with its message';
$r = new_debate($kim, title => '지난 토론', department_id => $TRAFFIC, opens_at => at('- INTERVAL 5 DAY'),
    closes_at => at('- INTERVAL 1 DAY'));
is $r->code, 400, 'closing in the past: refused';
like text_of(body_of($r)), qr/\Q${\ L('Err.debate_past')}\E/, '... with its message';
is $s->sql_value('SELECT COUNT(*) FROM debates'), $before, '... nothing stored';
$r = $kim->post($s->url('/staff/debates/new'), [ title => 'x' ]);
is $r->code, 403, 'no CSRF token: refused';

# Background files: accepted by content, refused otherwise (the form
# comes back filled), served to anyone.
sub multipart {
    my ($ua, $path, @kv) = @_;
    my $csrf = Madang::Test::csrf_value($ua->get($s->url('/staff/debates/new')));
    return $ua->post($s->url($path), Content_Type => 'form-data',
        Content => [ csrf => $csrf, map { ref $_ ? $_ : Madang::Test::bytes_of($_) } @kv ]);
}
my @times = (opens_at => at('+ INTERVAL 2 DAY'), closes_at => at('+ INTERVAL 9 DAY'));
$r = multipart($kim, '/staff/debates/new', title => '자료가 있는 토론', background => '첨부를 보세요',
    department_id => $TRAFFIC, @times,
    attachments => [ undef, 'bin.dat', Content_Type => 'application/octet-stream', Content => "\x00\x01\x02\xff" x 64 ]);
is $r->code, 400, 'a file of a type not accepted: refused';
like text_of(body_of($r)), qr/\Q${\ L('Err.file_type')}\E/, '... saying so';
like body_of($r), qr/value="자료가 있는 토론"/, '... the form filled';
is $s->sql_value('SELECT COUNT(*) FROM debate_attachments'), 0, '... nothing stored';
$r = multipart($kim, '/staff/debates/new', title => '자료가 있는 토론', background => '첨부를 보세요',
    department_id => $TRAFFIC, @times,
    attachments => [ undef, Madang::Test::bytes_of('노선안.txt'), Content_Type => 'text/plain', Content => Madang::Test::bytes_of("심야 노선 초안\n") ]);
is $r->code, 303, 'a debate with a background file';
my $with_file = id_from($r);
my $file_id = $s->sql_value("SELECT id FROM debate_attachments WHERE debate_id = $with_file");
ok $file_id, '... stored';
like body_of($anon->get($s->url("/debates/$with_file"))), qr{href="/debates/attachments/$file_id">노선안.txt</a>},
    '... listed on the public page';
$r = $anon->get($s->url("/debates/attachments/$file_id"));
is $r->code, 200, '... served to anyone';
is body_of($r), "심야 노선 초안\n", '... as it was sent';
is $anon->get($s->url('/debates/attachments/99999999'))->code, 404, 'an unknown file: 404';
my $stored = $s->config_value('web.uploads') // '';
my $stored_name = $s->sql_value("SELECT stored_name FROM debate_attachments WHERE id = $file_id");
$r = post($lee, '/staff/debates', "/staff/debates/$with_file/detach", attachment_id => $file_id);
is $r->code, 403, "another department's staff cannot remove the file";
$r = post($kim, "/staff/debates/$with_file", "/staff/debates/$with_file/detach", attachment_id => $file_id);
is $r->code, 303, 'the moderator removes the file before the debate opens';
is $s->sql_value("SELECT COUNT(*) FROM debate_attachments WHERE id = $file_id"), 0, '... its row gone';
is $s->sql_value("SELECT COUNT(*) FROM audit_log WHERE object_type = 'debate' AND object_id = '$with_file' AND action = 'detach'"), 1,
    '... audited';
is $anon->get($s->url("/debates/attachments/$file_id"))->code, 404, '... no longer served';
ok !-e "$stored/" . substr($stored_name, 0, 2) . "/$stored_name", '... and no longer stored' if $stored;
$r = post($kim, "/staff/debates/$with_file", "/staff/debates/$with_file/detach", attachment_id => $file_id);
is $r->code, 404, 'a file that is not there: 404';
$s->sql("INSERT INTO debate_attachments (debate_id, stored_name, original_name, mime_type, size_bytes, created_at)"
    . " VALUES ($demo_open, 'aa00000000000000000000000000debf', 'map.pdf', 'application/pdf', 10, NOW())");
my $open_file = $s->sql_value("SELECT id FROM debate_attachments WHERE debate_id = $demo_open");
$r = post($kim, "/staff/debates/$demo_open", "/staff/debates/$demo_open/detach", attachment_id => $open_file);
is $r->code, 409, 'a file of a debate that has opened stays';
like text_of(body_of($r)), qr/\Q${\ L('Msg.DebateOpened')}\E/, '... saying why';
is $s->sql_value("SELECT COUNT(*) FROM debate_attachments WHERE id = $open_file"), 1, '... stored still';

# An upcoming debate, edited before it opens.
$r = new_debate($kim, title => '버스 전용차로 확대', department_id => $TRAFFIC, opens_at => at('+ INTERVAL 1 DAY'),
    closes_at => at('+ INTERVAL 8 DAY'));
is $r->code, 303, 'the moderator opens an upcoming debate';
my $up = id_from($r);
ok $up, '... and lands on its staff page';
$r = post($kim, "/staff/debates/$up", "/staff/debates/$up", title => '버스 전용차로 확대 (수정)', background => '고친 배경',
    department_id => $TRAFFIC, opens_at => at('+ INTERVAL 1 DAY'), closes_at => at('+ INTERVAL 9 DAY'));
is $r->code, 303, '... edits it before it opens';
is $s->sql_value("SELECT title FROM debates WHERE id = $up"), '버스 전용차로 확대 (수정)', '... stored';
is $s->sql_value("SELECT COUNT(*) FROM audit_log WHERE object_type = 'debate' AND object_id = '$up'"), 2, '... both audited';
like page_text($anon, '/debates'), qr/\Q${\ L('Debate.Upcoming')}\E.*버스 전용차로 확대 \(수정\)/s, '... listed as upcoming';
like page_text($anon, "/debates/$up"), qr/\Q${\ L('Debate.UpcomingNote')}\E/, '... its page says it has not opened';

# The debate of this test, open from a minute ago.
$r = new_debate($kim, title => '심야 버스 노선을 늘려야 할까요?', department_id => $TRAFFIC, opens_at => at('- INTERVAL 1 MINUTE'),
    closes_at => at('+ INTERVAL 7 DAY'));
is $r->code, 303, 'the moderator opens a debate now';
my $id = id_from($r);
$r = post($kim, "/staff/debates/$id", "/staff/debates/$id", title => '바꾼 주제', background => '배경',
    department_id => $TRAFFIC, opens_at => at('- INTERVAL 1 MINUTE'), closes_at => at('+ INTERVAL 7 DAY'));
is $r->code, 409, 'an open debate cannot be edited';
like text_of(body_of($r)), qr/\Q${\ L('Msg.DebateOpened')}\E/, '... saying so';
is $kim->get($s->url("/staff/debates/$demo_closed"))->code, 403, "another department's debate is not the moderator's";

# ------------------------------------------------------------ citizens: sides

my ($c1, $c2) = ($s->ua, $s->ua);
my (undef, $f1) = Madang::Test::register_citizen($s, $c1, name => '한참여');
my (undef, $f2) = Madang::Test::register_citizen($s, $c2, name => '두참여');
my $c1_id = $s->account_id($f1->{login_id});
my $c2_id = $s->account_id($f2->{login_id});
my $page = "/debates/$id";

like page_text($anon, $page), qr/\Q${\ L('Debate.SignIn')}\E/, 'a visitor is asked to sign in';
$r = post($c1, $page, "$page/side", side => 'agree');
is $r->code, 303, 'a citizen takes a side';
$html = body_of($c1->follow($r));
like text_of($html), qr/\Q${\ L('Msg.DebateSide')}\E/, '... told it is recorded';
like text_of($html), qr/\Q${\ L('Debate.YourSide')} ${\ L('Debate.Side.agree')}\E/, '... and sees it';
like tally_row($html, 'agree'), qr/ 1 100%$/, '... counted in the tally';
$r = post($c1, $page, "$page/side", side => 'disagree');
is $r->code, 303, '... changes it';
is $s->sql_value("SELECT GROUP_CONCAT(side) FROM debate_sides WHERE debate_id = $id AND account_id = $c1_id"), 'disagree',
    '... one row, the new side';
$r = post($c1, $page, "$page/side", side => 'maybe');
is $r->code, 400, 'a side that does not exist: refused';
like text_of(body_of($r)), qr/\Q${\ L('Msg.DebateBadSide')}\E/, '... saying why';
is $kim->post($s->url("$page/side"), [ side => 'agree' ])->code, 403, 'staff take no side';
$r = $anon->post($s->url("$page/side"), [ side => 'agree' ]);
isnt $r->code, 303, 'a visitor cannot take one' or diag $r->code;

# ------------------------------------------------------------ opinions and replies

my $op1_text = '심야 버스가 늘면 늦게 퇴근하는 사람이 안전하게 집에 갈 수 있습니다.';
$r = post($c2, $page, "$page/opinions", body => '입장 없는 의견');
is $r->code, 400, 'an opinion without a side: refused';
$html = body_of($r);
like text_of($html), qr/\Q${\ L('Err.debate_side')}\E/, '... with the message';
like $html, qr{<textarea id="body"[^>]*>입장 없는 의견</textarea>}, '... and the text kept';
$r = post($c2, $page, "$page/opinions", side => 'agree', body => '');
is $r->code, 400, 'an empty opinion: refused';
$r = post($c2, $page, "$page/opinions", side => 'agree', body => 'x' x 2001);
is $r->code, 400, 'a too long opinion: refused';
like text_of(body_of($r)), qr/\Q${\ L('Err.too_long')}\E/, '... saying so';
is $s->sql_value("SELECT COUNT(*) FROM posts WHERE parent_kind = 'debate' AND parent_id = $id"), 0, '... nothing stored';

$r = post($c2, $page, "$page/opinions", side => 'agree', body => $op1_text);
is $r->code, 303, 'a citizen without a side writes an opinion';
like $r->header('Location'), qr{^/debates/$id\?done=opinion#post-\d+$}, '... back to it on the page';
my $op1 = $s->sql_value("SELECT id FROM posts WHERE parent_id = $id AND author_id = $c2_id AND reply_to IS NULL");
is $s->sql_value("SELECT side FROM posts WHERE id = $op1"), 'agree', '... tagged with its side';
is $s->sql_value("SELECT side FROM debate_sides WHERE debate_id = $id AND account_id = $c2_id"), 'agree', '... which became theirs';
$r = post($c1, $page, "$page/opinions", side => 'disagree', body => '예산이 부족합니다. 낮 노선을 줄이게 됩니다.');
is $r->code, 303, 'the other citizen writes one on the other side';
my $op2 = $s->sql_value("SELECT id FROM posts WHERE parent_id = $id AND author_id = $c1_id AND reply_to IS NULL");

$r = post($c1, $page, "$page/opinions", reply_to => $op1, body => '노선 대신 배차를 늘리는 건 어떨까요?');
is $r->code, 303, 'a reply to an opinion';
my $reply1 = $s->sql_value("SELECT MAX(id) FROM posts WHERE reply_to = $op1");
is $s->sql_value("SELECT IFNULL(side, 'none') FROM posts WHERE id = $reply1"), 'none', '... has no side';
$r = post($c2, $page, "$page/opinions", reply_to => $reply1, body => '배차도 좋습니다.');
is $r->code, 303, 'a reply to that reply';
is $s->sql_value("SELECT reply_to FROM posts WHERE author_id = $c2_id AND reply_to IS NOT NULL"), $op1,
    '... joins the top opinion (one level)';
$r = post($c1, $page, "$page/opinions", reply_to => 99999999, body => '없는 글에 답글');
is $r->code, 404, 'a reply to no opinion: refused';
like text_of(body_of($r)), qr/\Q${\ L('Msg.DebateNoSuchOpinion')}\E/, '... saying so';
$r = post($c1, $page, "$page/opinions", reply_to => $op1, body => '');
is $r->code, 400, 'an empty reply: refused';
like body_of($r), qr{<details class="reply-form" open>}, '... its form open again beside the opinion';

$html = body_of($anon->get($s->url($page)));
like text_of($html), qr/\Q$op1_text\E.*노선 대신 배차를.*배차도 좋습니다.*예산이 부족합니다/s,
    'the page shows the opinions with their replies under them';
like $html, qr{<article class="post" id="post-$op1".*?<ul class="replies".*?id="post-$reply1"}s, '... nested';
like text_of($html), qr/한\*여|두\*여/, '... by masked names';
like page_text($kim, $page), qr/\Q${\ L('Debate.StaffNote')}\E/, 'staff are told they take no side';
$r = post($c1, $page, "$page/opinions", reply_to => $op2, body => '<script>alert(1)</script> & <b>굵게</b>');
is $r->code, 303, 'a reply with markup in it';
$html = body_of($anon->get($s->url($page)));
like $html, qr{&lt;script&gt;alert\(1\)&lt;/script&gt; &amp; &lt;b&gt;굵게&lt;/b&gt;}, '... is shown as text';
unlike $html, qr{<script>alert}, '... never as markup';

# ------------------------------------------------------------ recommendations

$r = post($c1, $page, "/posts/$op1/recommend");
is $r->code, 303, 'a citizen recommends an opinion';
$r = post($c1, $page, "/posts/$op1/recommend");
is $r->code, 409, '... only once';
like text_of(body_of($r)), qr/\Q${\ L('Msg.DebateRecommendedBefore')}\E/, '... saying so';
$r = post($c2, $page, "/posts/$op1/recommend");
is $r->code, 403, 'nobody recommends their own opinion';
like text_of(body_of($r)), qr/\Q${\ L('Msg.DebateOwnPost')}\E/, '... saying so';
is $s->sql_value("SELECT CONCAT(recommend_count, '/', (SELECT COUNT(*) FROM post_recommends WHERE post_id = $op1)) FROM posts WHERE id = $op1"),
    '1/1', 'the count is the number of recommendations';
is post($c1, $page, '/posts/99999999/recommend')->code, 404, 'an unknown post: 404';

# At once: eight citizens recommend the other opinion, and one of them
# five times more; the count stays the number of rows.
my @crowd = map { my $ua = $s->ua; Madang::Test::register_citizen($s, $ua); $ua } 1 .. 8;
my @forms = map { Madang::Test::csrf_value($_->get($s->url($page))) } @crowd;
my @kids;
for my $i (0 .. $#crowd, (0) x 5) {
    my $pid = fork // die "fork: $!";
    if (!$pid) {
        my $res = $crowd[$i]->post($s->url("/posts/$op2/recommend"), [ csrf => $forms[$i] ]);
        POSIX::_exit($res->code == 303 ? 0 : $res->code == 409 ? 1 : 2);
    }
    push @kids, $pid;
}
my %exit;
for (@kids) { waitpid($_, 0); $exit{ $? >> 8 }++ }
is $exit{0} // 0, 8, 'eight recommendations at once are taken';
is $exit{1} // 0, 5, '... the repeats refused';
is $s->sql_value("SELECT CONCAT(recommend_count, '/', (SELECT COUNT(*) FROM post_recommends WHERE post_id = $op2)) FROM posts WHERE id = $op2"),
    '8/8', '... and counted once each';

$html = body_of($c2->get($s->url($page)));
like tally_row($html, 'agree'), qr/^\Q${\ L('Debate.Side.agree')}\E 1 50%$/, 'the tally: 1 agrees (50%)';
like tally_row($html, 'disagree'), qr/^\Q${\ L('Debate.Side.disagree')}\E 1 50%$/, '... 1 disagrees (50%)';
like tally_row($html, 'neutral'), qr/^\Q${\ L('Debate.Side.neutral')}\E 0 0%$/, '... nobody is neutral';
like text_of($html), qr/\Q${\ L('Debate.TallyCaption')}\E \(2 /, '... 2 in all';
my ($top) = $html =~ m{<h2 id="top">(.*?)</section>}s;
like text_of($top // ''), qr/\Q${\ L('Debate.Side.agree')}\E \Q$op1_text\E.*\Q${\ L('Debate.Recommends')}\E 1/s,
    'the recommended opinion is the top one of its side';
like $top // '', qr{href="/debates/$id\?page=1#post-$op1"}, '... linked to its place in the thread';

# ------------------------------------------------------------ closing

$s->sql("UPDATE debates SET opens_at = NOW() - INTERVAL 2 DAY, closes_at = NOW() - INTERVAL 1 SECOND WHERE id = $id");
for my $try ([ 'an opinion', "$page/opinions", side => 'agree', body => '늦은 의견' ],
             [ 'a reply', "$page/opinions", reply_to => $op2, body => '늦은 답글' ],
             [ 'a side', "$page/side", side => 'neutral' ],
             [ 'a recommendation', "/posts/$op2/recommend" ]) {
    my ($what, $path, @kv) = @$try;
    $r = post($c2, $page, $path, @kv);
    is $r->code, 409, "a closed debate refuses $what";
    like text_of(body_of($r)), qr/\Q${\ L('Msg.DebateNotOpen')}\E/, '... saying why';
}
is $s->sql_value("SELECT COUNT(*) FROM posts WHERE parent_id = $id AND parent_kind = 'debate'"), 5, '... nothing stored';
is $s->sql_value("SELECT side FROM debate_sides WHERE debate_id = $id AND account_id = $c2_id"), 'agree', '... the side unchanged';
$html = body_of($c2->get($s->url($page)));
like text_of($html), qr/\Q${\ L('Debate.ClosedNote')}\E.*\Q${\ L('Debate.SummaryPending')}\E|\Q${\ L('Debate.SummaryPending')}\E.*\Q${\ L('Debate.ClosedNote')}\E/s,
    'the page says it is closed and the summary will come';
unlike $html, qr{/recommend"}, '... with no recommend buttons';

# ------------------------------------------------------------ the summary

$r = post($kim, "/staff/debates/$up", "/staff/debates/$up/summary", summary => '요약', action => '조치');
is $r->code, 409, 'no summary before closing';
like text_of(body_of($r)), qr/\Q${\ L('Msg.DebateNotClosed')}\E/, '... saying so';
$r = post($lee, '/staff/debates', "/staff/debates/$id/summary", summary => '요약', action => '조치');
is $r->code, 403, "another department's handler cannot publish it";
$r = post($kim, "/staff/debates/$id", "/staff/debates/$id/summary", summary => '심야 버스 2개 노선을 시범 운행합니다.', action => '');
is $r->code, 400, 'a summary without the action: refused';
like text_of(body_of($r)), qr/\Q${\ L('Err.required')}\E/, '... with the message';
like body_of($r), qr{<textarea id="summary-text"[^>]*>심야 버스 2개 노선을 시범 운행합니다.</textarea>}, '... the summary kept';
is $s->sql_value("SELECT COUNT(*) FROM notices WHERE kind = 'debate_summary'"), 0, '... nobody told';

$r = post($kim, "/staff/debates/$id", "/staff/debates/$id/summary", summary => '심야 버스 2개 노선을 시범 운행합니다.',
    action => '내년 3월부터 6개월간 시범 운행 후 확대를 결정합니다.');
is $r->code, 303, 'the department responsible publishes the summary';
like text_of(body_of($kim->follow($r))), qr/\Q${\ L('Msg.DebateSummarized')}\E/, '... told it is done';
is $s->sql_value("SELECT COUNT(*) FROM audit_log WHERE object_type = 'debate' AND object_id = '$id' AND action = 'summary'"), 1,
    '... audited';
like page_text($anon, $page), qr/\Q${\ L('Debate.Summary')}\E 심야 버스 2개 노선을.*\Q${\ L('Debate.Action')}\E 내년 3월부터/s,
    '... public on the debate page';
is $s->sql_value("SELECT COUNT(*) FROM notices WHERE kind = 'debate_summary'"), 2, 'both participants are told';
$r = post($kim, "/staff/debates/$id", "/staff/debates/$id/summary", summary => '심야 버스 2개 노선을 시범 운행합니다 (정정).',
    action => '내년 3월부터 6개월간 시범 운행 후 확대를 결정합니다.');
is $r->code, 303, 'a correction of the summary';
is $s->sql_value("SELECT COUNT(*) FROM notices WHERE kind = 'debate_summary'"), 2, '... tells nobody again';

my $line = L('Notice.debate_summary') =~ s/\{title\}/심야 버스 노선을 늘려야 할까요?/r;
$html = body_of($c1->get($s->url('/account/notices')));
like text_of($html), qr/\Q$line\E/, "the web inbox has the notice";
my ($link) = $html =~ m{href="(/debates/$id\?notice=\d+)"};
ok $link, '... leading to the debate';
is $c1->get($s->url($link))->code, 200, '... which opens';

# The public statistics count debates beside complaints.
my @want = map { $s->sql_value($_) } (
    'SELECT COUNT(*) FROM debates', 'SELECT COUNT(*) FROM debates WHERE opens_at <= NOW() AND closes_at > NOW()',
    'SELECT COUNT(*) FROM debates WHERE closes_at <= NOW()',
    'SELECT COUNT(*) FROM debates WHERE closes_at <= NOW() AND summary_at IS NOT NULL',
    'SELECT COUNT(DISTINCT account_id) FROM debate_sides',
    "SELECT COUNT(*) FROM posts WHERE parent_kind = 'debate' AND moderation = 'visible' AND reply_to IS NULL",
    "SELECT COUNT(*) FROM posts WHERE parent_kind = 'debate' AND moderation = 'visible' AND reply_to IS NOT NULL");
$html = body_of($anon->get($s->url('/stats')));
my ($stats) = $html =~ m{<h2 id="h-debates">(.*?)</section>}s;
like text_of($stats // ''), qr/^\Q${\ L('DebateStats.Heading')}\E/, '/stats has a section on debates';
my ($figures) = ($stats // '') =~ m{<tbody>(.*?)</tbody>}s;
is text_of($figures // '') =~ s/^\s+|\s+$//gr, join(' ', @want), '... with the figures (' . join(' ', @want) . ')';

$n->run_ok('the notifier sends the mails');
$n->settle(quiet => 0.5);
my @m = $n->mails(kind => 'debate_summary');
is scalar(@m), 2, 'two mails in the SMTP sink';
my ($m1) = grep { grep { lc $_ eq lc $f1->{email} } @{ $_->{env_to} } } @m;
ok $m1, "... one to the first participant";
is $m1 && $m1->{subject}, '[' . L('Site.Name') . '] ' . L('Mail.debate_summary.Subject'), '... with the subject';
like $m1 && $m1->{text}, qr{/debates/$id\b}, '... and the link to the debate';
like $m1 && $m1->{text}, qr/심야 버스 노선을 늘려야 할까요\?/, '... and its question';

$n->stop;
done_testing;
