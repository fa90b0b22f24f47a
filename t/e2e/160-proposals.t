# SPDX-License-Identifier: AGPL-3.0-or-later
# 160-proposals.t: policy proposals (issue 11 section 1) through HTTP with
# the demo office: writing one (bad input answered in Korean, the form
# back filled, nothing stored), editing only before the first support and
# by its author, withdrawing until the threshold, supporting once per
# account and per verified mobile number, taking support back, many
# concurrent supporters counted exactly, the threshold (state, history,
# notices in the web inbox and by mail through the SMTP sink), a
# supervisor's promotion (audited), expiry by madangctl tick, the public
# list (search, category, sorts, paging) and what is hidden from whom.
use strict;
use warnings;
use utf8;
use Test::More;
use Encode qw(encode);
use HTTP::Request::Common qw(POST);
use POSIX ();
use Time::HiRes qw(sleep);
use Madang::Test qw(body_of L text_of);
use Madang::Notify;
use Madang::Staff qw(signed_in);

binmode $_, ':encoding(UTF-8)'
    for map { Test::More->builder->$_ } qw(output failure_output todo_output);

my $n = Madang::Notify->start(seed => 1);
my $s = $n->stack;

sub q_ { my ($v) = @_; $v =~ s/\\/\\\\/g; $v =~ s/'/\\'/g; return "'$v'" }
sub id_of { my ($login) = @_; return $s->sql_value('SELECT id FROM accounts WHERE login_id = ' . q_($login)) }
sub setting {
    my ($name, $value) = @_;
    $s->sql('INSERT INTO settings (name, value) VALUES (' . q_($name) . ', ' . q_($value) . ')'
        . ' ON DUPLICATE KEY UPDATE value = VALUES(value)');
}
sub post { my ($ua, $from, $path, @kv) = @_; return Madang::Test::post_form($s, $ua, $from, $path, @kv) }
sub page_text { my ($ua, $path) = @_; return text_of(body_of($ua->get($s->url($path)))) }
sub count_of { my ($id) = @_; return $s->sql_value("SELECT support_count FROM proposals WHERE id = $id") }
sub rows_of { my ($id) = @_; return $s->sql_value("SELECT COUNT(*) FROM proposal_supports WHERE proposal_id = $id") }
sub write_proposal {
    my ($ua, %f) = @_;
    my $r = post($ua, '/proposals/new', '/proposals/new', category => $f{category} // 1, title => $f{title},
        problem => $f{problem} // "$f{title}: 현재 문제", proposal => $f{proposal} // "$f{title}: 개선 방안",
        effect => $f{effect} // "$f{title}: 기대 효과");
    my ($id) = ($r->header('Location') // '') =~ m{^/proposals/(\d+)\?done=created$};
    ok $id, "proposal written: $f{title}" or diag $r->code, body_of($r);
    return $id;
}

# ------------------------------------------------------------ demo data

my %demo = map { $_->[0] => $_->[1] }
    $s->sql('SELECT state, COUNT(*) FROM proposals GROUP BY state');
ok $demo{$_}, "the demo has a proposal in state $_" for qw(open threshold withdrawn expired);
is $s->sql_value('SELECT COUNT(*) FROM proposals p WHERE support_count <>'
    . ' (SELECT COUNT(*) FROM proposal_supports s WHERE s.proposal_id = p.id)'), 0,
    '... every count equal to its supports';
my $demo_list = text_of(body_of($s->ua->get($s->url('/proposals'))));
like $demo_list, qr/중앙공원에 그늘막과 음수대를 설치해 주세요/, '... listed';
unlike $demo_list, qr/학교 앞 보도 폭을 넓혀 주세요/, '... but not the withdrawn one';

# The goal is small here so that the threshold is reached by a few.
setting('proposal.threshold', '3');

# ------------------------------------------------------------ writing

my ($author, $author_id) = $s->citizen();
my $r = $author->get($s->url('/proposals/new'));
is $r->code, 200, 'the writing form';
like text_of(body_of($r)), qr/\Q${\ L('Proposal.Section.problem')}\E.*\Q${\ L('Proposal.Section.effect')}\E/,
    '... with the three sections';

my $before = $s->sql_value('SELECT COUNT(*) FROM proposals');
$r = post($author, '/proposals/new', '/proposals/new', category => 1, title => '', problem => '버스 배차 간격 문제',
    proposal => '', effect => '대기 시간 단축');
is $r->code, 400, 'missing title and proposal: refused';
my $html = body_of($r);
like text_of($html), qr/\Q${\ L('Msg.FixErrors')}\E/, '... with the message in Korean';
like text_of($html), qr/\Q${\ L('Err.required')}\E/, '... naming the required field';
like $html, qr/버스 배차 간격 문제/, '... the form comes back filled';
like $html, qr/대기 시간 단축/, '... every section of it';
$r = post($author, '/proposals/new', '/proposals/new', category => 999, title => '없는 분야', problem => 'a',
    proposal => 'b', effect => 'c');
is $r->code, 400, 'an unknown category: refused';
$r = post($author, '/proposals/new', '/proposals/new', category => 1, title => '위치', problem => 'a',
    proposal => 'b', effect => 'c', latitude => '91', longitude => '10');
is $r->code, 400, 'a latitude out of range: refused';
is $s->sql_value('SELECT COUNT(*) FROM proposals'), $before, '... nothing stored';
$r = $author->post($s->url('/proposals/new'), [ category => 1, title => 't', problem => 'a', proposal => 'b',
    effect => 'c' ]);
is $r->code, 403, 'no CSRF token: refused';

my $anon = $s->ua;
$r = $anon->get($s->url('/proposals/new'));
isnt $r->code, 200, 'signed out: no writing form';

my $p1 = write_proposal($author, title => '심야버스 노선 확대 제안', category => 2,
    problem => '자정 이후 귀가 수단이 부족합니다', address => '마당시청 앞');
$r = $author->get($s->url("/proposals/$p1?done=created"));
is $r->code, 200, 'the new proposal\'s page';
my $t = text_of(body_of($r));
like $t, qr/\Q${\ L('Msg.ProposalCreated')}\E/, '... says it is published';
like $t, qr/\Q${\ L('Proposal.State.open')}\E/, '... open for supports';
like $t, qr/0 \/ 3/, '... 0 of 3 supports';
like $t, qr/\Q${\ L('Proposal.Event.created')}\E/, '... its history';
like body_of($r), qr/<progress[^>]*max="3"[^>]*value="0"/, '... the support bar';
is $s->sql_value("SELECT threshold FROM proposals WHERE id = $p1"), 3, 'the threshold is copied from the setting';

# The category's own threshold wins over the setting.
$s->sql('UPDATE categories SET proposal_threshold = 7 WHERE id = 4');
my $p_cat = write_proposal($author, title => '소음 기준 강화', category => 4);
is $s->sql_value("SELECT threshold FROM proposals WHERE id = $p_cat"), 7, 'a category\'s threshold is used';

# Attachments: checked by their content like a complaint's, served to
# whoever may read the proposal.
sub post_with_files {
    my ($ua, $files, %f) = @_;
    my $csrf = Madang::Test::csrf_value($ua->get($s->url('/proposals/new')));
    my @content = (csrf => $csrf, map { $_ => Madang::Test::bytes_of($f{$_}) } sort keys %f);
    push @content, attachments => [ undef, Madang::Test::bytes_of($_->[0]), 'Content-Type' => 'application/octet-stream', Content => $_->[1] ]
        for @$files;
    return $ua->request(POST $s->url('/proposals/new'), Content_Type => 'form-data', Content => \@content);
}
my %base = (category => 1, title => '첨부 시험 제안', problem => '문제', proposal => '제안', effect => '효과');
$before = $s->sql_value('SELECT COUNT(*) FROM proposals');
$r = post_with_files($author, [ [ 'run.exe', "MZ\x90\x00\x03" . ("\x00" x 60) ] ], %base);
is $r->code, 400, 'a program as attachment: refused';
like text_of(body_of($r)), qr/\Q${\ L('Err.file_type')}\E/, '... with the reason';
like body_of($r), qr/첨부 시험 제안/, '... the form comes back filled';
is $s->sql_value('SELECT COUNT(*) FROM proposals'), $before, '... nothing stored';
$r = post_with_files($author, [ [ '설명.txt', encode('UTF-8', "정류장 위치 설명\n") ] ], %base);
my ($pa) = ($r->header('Location') // '') =~ m{^/proposals/(\d+)\?done=created$};
ok $pa, 'a proposal with a text file';
my ($att) = body_of($anon->get($s->url("/proposals/$pa"))) =~ m{href="/proposals/attachments/(\d+)"};
ok $att, '... listed on its page';
$r = $anon->get($s->url("/proposals/attachments/$att"));
is $r->code, 200, '... served to anyone';
is $r->decoded_content, "정류장 위치 설명\n", '... as sent';

# ------------------------------------------------------------ editing

my ($other, $other_id) = $s->citizen();
$r = $author->get($s->url("/proposals/$p1/edit"));
is $r->code, 200, 'the author edits before any support';
like body_of($r), qr/심야버스 노선 확대 제안/, '... the form holds the text';
$r = $other->get($s->url("/proposals/$p1/edit"));
is $r->code, 404, 'another citizen cannot edit it';
$r = post($other, "/proposals/$p1", "/proposals/$p1/edit", category => 2, title => '남의 글', problem => 'a',
    proposal => 'b', effect => 'c');
is $r->code, 404, '... nor post an edit';
$r = post($author, "/proposals/$p1/edit", "/proposals/$p1/edit", category => 2, title => '', problem => 'a',
    proposal => 'b', effect => 'c');
is $r->code, 400, 'an edit without a title: refused';
$r = post($author, "/proposals/$p1/edit", "/proposals/$p1/edit", category => 2, title => '심야버스 노선 확대',
    problem => '자정 이후 귀가 수단이 부족합니다', proposal => '심야버스 3개 노선 신설', effect => '귀가 안전');
is $r->code, 303, 'the author saves an edit';
$t = page_text($anon, "/proposals/$p1");
like $t, qr/심야버스 3개 노선 신설/, '... the public sees the new text';
like $t, qr/\Q${\ L('Proposal.Event.edited')}\E/, '... and the edit in the history';

# ------------------------------------------------------------ supporting

$r = post($other, "/proposals/$p1", "/proposals/$p1/support", action => 'add');
is $r->header('Location'), "/proposals/$p1?done=supported", 'a citizen supports';
$r = post($other, "/proposals/$p1", "/proposals/$p1/support", action => 'add');
is $r->header('Location'), "/proposals/$p1?done=already", '... a second time: not counted';
is count_of($p1), 1, '... one support';
$r = $other->post($s->url("/proposals/$p1/support"), [ action => 'add' ]);
is $r->code, 403, 'support without a CSRF token: refused';
$r = post($other, "/proposals/$p1", "/proposals/$p1/support", action => 'maybe');
is $r->code, 400, 'an unknown action: refused';
$r = $anon->post($s->url("/proposals/$p1/support"), [ action => 'add' ]);
isnt $r->code, 303, 'signed out: no support';
$t = page_text($other, "/proposals/$p1?done=supported");
like $t, qr/\Q${\ L('Msg.ProposalSupported')}\E/, '... the supporter is thanked';
like $t, qr/\Q${\ L('Proposal.YouSupport')}\E/, '... and told they support it';
like $t, qr/1 \/ 3/, '... 1 of 3';

$r = $author->get($s->url("/proposals/$p1/edit"));
is $r->header('Location'), "/proposals/$p1?problem=locked", 'no editing once supported';
$r = post($author, "/proposals/$p1", "/proposals/$p1/edit", category => 2, title => '바꿈', problem => 'a',
    proposal => 'b', effect => 'c');
is $r->header('Location'), "/proposals/$p1?problem=locked", '... not even by a hand-made POST';
like page_text($author, "/proposals/$p1?problem=locked"), qr/\Q${\ L('Msg.ProposalLocked')}\E/, '... and why';

$r = post($other, "/proposals/$p1", "/proposals/$p1/support", action => 'remove');
is $r->header('Location'), "/proposals/$p1?done=unsupported", 'support taken back';
is count_of($p1), 0, '... the count follows';
post($other, "/proposals/$p1", "/proposals/$p1/support", action => 'add');
is count_of($p1), 1, 'supported again';

# One support per verified mobile number: a second account with the same
# verified number is not counted again; an unverified one is.
my ($mob1, $mob1_id) = $s->citizen(mobile => '010-5555-0101');
my ($mob2, $mob2_id) = $s->citizen(mobile => '010-5555-0101');
$s->sql("UPDATE accounts SET mobile_verified_at = NOW() WHERE id IN ($mob1_id, $mob2_id)");
$r = post($mob1, "/proposals/$p1", "/proposals/$p1/support", action => 'add');
is $r->header('Location'), "/proposals/$p1?done=supported", 'a verified mobile supports';
$r = post($mob2, "/proposals/$p1", "/proposals/$p1/support", action => 'add');
is $r->header('Location'), "/proposals/$p1?done=already", '... another account with that number: already counted';
is count_of($p1), 2, '... two supports';
like page_text($mob2, "/proposals/$p1?done=already"), qr/\Q${\ L('Msg.ProposalAlready')}\E/, '... and told so';

# ------------------------------------------------------------ threshold

# Crossing halfway again (a support taken back and given again) adds no
# second mark.
post($mob1, "/proposals/$p1", "/proposals/$p1/support", action => 'remove');
post($mob1, "/proposals/$p1", "/proposals/$p1/support", action => 'add');
is count_of($p1), 2, 'a support taken back and given again';
my ($third, $third_id) = $s->citizen();
$r = post($third, "/proposals/$p1", "/proposals/$p1/support", action => 'add');
is $r->header('Location'), "/proposals/$p1?done=supported", 'the third support';
is $s->sql_value("SELECT state FROM proposals WHERE id = $p1"), 'threshold', '... reaches the threshold';
is count_of($p1), 3, '... three';
is rows_of($p1), 3, '... as many rows';
$t = page_text($anon, "/proposals/$p1");
like $t, qr/\Q${\ L('Proposal.State.threshold')}\E/, 'the page shows the state';
like $t, qr/\Q${\ L('Proposal.Event.threshold')}\E/, '... and the history';
like $t, qr/\Q${\ L('Proposal.Event.milestone')}\E/, '... with the halfway mark';
is $s->sql_value("SELECT COUNT(*) FROM proposal_events WHERE proposal_id = $p1 AND kind = 'milestone'"), 1, '... once';
unlike $t, qr/\Q${\ L('Proposal.Support')}\E/, '... no support button any more';

$r = post($mob2, "/proposals/$p1", "/proposals/$p1/support", action => 'add');
is $r->header('Location'), "/proposals/$p1?problem=closed", 'no support after the threshold';
$r = post($other, "/proposals/$p1", "/proposals/$p1/support", action => 'remove');
is $r->header('Location'), "/proposals/$p1?problem=closed", '... nor taking one back';
is count_of($p1), 3, '... the count stays';
$r = post($author, "/proposals/$p1", "/proposals/$p1/withdraw");
is $r->header('Location'), "/proposals/$p1?problem=locked", 'no withdrawing after the threshold';

# Notices: the author and each supporter (not the second account of a
# number, which supports nothing), in the web inbox and by mail.
my %told = map { $_->[0] => 1 }
    $s->sql("SELECT account_id FROM notices WHERE kind = 'proposal_threshold'");
is_deeply [ sort { $a <=> $b } keys %told ], [ sort { $a <=> $b } $author_id, $other_id, $mob1_id, $third_id ],
    'the author and every supporter are told';
(my $line = L('Notice.proposal_threshold')) =~ s/\{title\}/심야버스 노선 확대/;
$t = page_text($other, '/account/notices');
like $t, qr/\Q$line\E/, 'the supporter\'s web inbox says so';
like body_of($other->get($s->url('/account/notices'))), qr{href="/proposals/$p1\?notice=\d+"},
    '... and leads to the proposal';
$n->run_ok('the notifier delivers the notices');
$n->settle;
my @mails = $n->mails(kind => 'proposal_threshold');
is scalar(@mails), 4, 'four mails in the SMTP sink';
like $mails[0]{subject}, qr/\Q${\ L('Mail.proposal_threshold.Subject')}\E/, '... with the subject';
like $mails[0]{text}, qr{/proposals/$p1}, '... and the link';

# ------------------------------------------------------------ withdrawing

my $p2 = write_proposal($author, title => '공원 반려견 놀이터 설치', category => 5);
$r = post($other, "/proposals/$p2", "/proposals/$p2/withdraw");
is $r->code, 404, 'another citizen cannot withdraw it';
$r = post($author, "/proposals/$p2", "/proposals/$p2/withdraw");
is $r->header('Location'), "/proposals/$p2?done=withdrawn", 'the author withdraws it';
$t = page_text($anon, "/proposals/$p2");
like $t, qr/\Q${\ L('Proposal.State.withdrawn')}\E/, '... the page stays, withdrawn';
$r = post($other, "/proposals/$p2", "/proposals/$p2/support", action => 'add');
is $r->header('Location'), "/proposals/$p2?problem=closed", '... no supports';
unlike page_text($anon, '/proposals'), qr/공원 반려견 놀이터 설치/, '... and it leaves the public list';

# ------------------------------------------------------------ promotion

my $p3 = write_proposal($author, title => '청년 창업 공간 제안', category => 3);
$r = post($other, "/proposals/$p3", "/proposals/$p3/promote");
isnt $r->header('Location') // '', "/proposals/$p3?done=promoted", 'a citizen cannot promote';
my $handler = signed_in($s, 'road.park');
$r = post($handler, "/proposals/$p3", "/proposals/$p3/promote");
is $r->code, 403, '... nor a handler';
is $s->sql_value("SELECT state FROM proposals WHERE id = $p3"), 'open', '... it stays open';
my $sup = signed_in($s, 'admin', 'madang-admin-2026');
like body_of($sup->get($s->url("/proposals/$p3"))), qr{action="/proposals/$p3/promote"},
    'a supervisor is offered the promotion';
$r = post($sup, "/proposals/$p3", "/proposals/$p3/promote");
is $r->header('Location'), "/proposals/$p3?done=promoted", 'a supervisor promotes it below the threshold';
is $s->sql_value("SELECT state FROM proposals WHERE id = $p3"), 'threshold', '... to the threshold';
is $s->sql_value("SELECT COUNT(*) FROM audit_log WHERE object_type = 'proposal' AND object_id = '$p3'"
    . " AND action = 'promote'"), 1, '... audited';
like page_text($anon, "/proposals/$p3"), qr/\Q${\ L('Proposal.Event.promoted')}\E/, '... in the history';
ok $s->sql_value("SELECT COUNT(*) FROM notices WHERE kind = 'proposal_threshold' AND account_id = $author_id"
    . " AND payload LIKE '%/proposals/$p3\"%'"), '... and the author is told';

# A category's own threshold, on its routing rule's page.
my @rule = $s->sql('SELECT name_ko, name_en, IFNULL(department_id, 0), mode, deadline_days, reminder_hours,'
    . ' escalate_hours, reopen_days, max_extensions FROM categories WHERE id = 5');
my %rule;
@rule{qw(name_ko name_en department_id mode deadline_days reminder_hours escalate_hours reopen_days max_extensions)}
    = @{ $rule[0] };
like body_of($sup->get($s->url('/admin/categories/5'))), qr{id="proposal_threshold"[^>]*value="5"},
    'the category page shows its threshold';
$r = post($sup, '/admin/categories/5', '/admin/categories/5', %rule, active => 1, proposal_threshold => 'many');
is $r->code, 400, 'a threshold that is not a number is refused';
$r = post($sup, '/admin/categories/5', '/admin/categories/5', %rule, active => 1, proposal_threshold => 9);
is $r->code, 303, 'the supervisor sets 9 for the category';
is $s->sql_value('SELECT proposal_threshold FROM categories WHERE id = 5'), 9, '... stored';
ok $s->sql_value("SELECT COUNT(*) FROM audit_log WHERE object_type = 'category' AND object_id = '5'"
    . " AND detail LIKE '%proposal_threshold=9%'"), '... audited';
my $p9 = write_proposal($author, title => '공원 야간 조명 제안', category => 5);
is $s->sql_value("SELECT threshold FROM proposals WHERE id = $p9"), 9, '... and a new proposal there asks 9';
$r = post($sup, '/admin/categories/5', '/admin/categories/5', %rule, active => 1, proposal_threshold => '');
is $s->sql_value('SELECT IFNULL(proposal_threshold, 0) FROM categories WHERE id = 5'), 0,
    'emptied: the category follows the setting again';

# ------------------------------------------------------------ concurrency

# The supervisor sets the threshold for new proposals on /admin/settings.
my $settings_html = body_of($sup->get($s->url('/admin/settings')));
like $settings_html, qr{id="proposal_threshold"[^>]*value="3"}, 'the settings page shows the threshold';
my $settings = Madang::Test::form_as_shown($settings_html, '/admin/settings');
$r = Madang::Test::submit_form($s, $sup, $settings, proposal_threshold => 0);
is $r->code, 400, 'a threshold of 0 is refused';
$r = Madang::Test::submit_form($s, $sup, $settings, proposal_threshold => 1000);
is $r->code, 303, 'the supervisor sets 1000';
is $s->sql_value("SELECT value FROM settings WHERE name = 'proposal.threshold'"), '1000', '... stored';
my $p4 = write_proposal($author, title => '동시 공감 시험 제안', category => 1);
my $N = 50;
my $dir = $s->dir . '/supporters';
mkdir $dir;
my @kids;
for my $i (1 .. $N) {
    my $pid = fork // die "fork: $!";
    if (!$pid) {
        my $ua = $s->ua;
        my ($res) = Madang::Test::register_citizen($s, $ua);
        my $csrf = Madang::Test::csrf_value($ua->get($s->url("/proposals/$p4")));
        open my $fh, '>', "$dir/ready-$i"; close $fh;
        sleep 0.05 until -e "$dir/go";
        my $res2 = $ua->post($s->url("/proposals/$p4/support"), [ csrf => $csrf, action => 'add' ]);
        POSIX::_exit(($res2->header('Location') // '') eq "/proposals/$p4?done=supported" ? 0 : 1);
    }
    push @kids, $pid;
}
Madang::Test::wait_until(120, sub { my @r = glob "$dir/ready-*"; @r == $N });
open my $go, '>', "$dir/go"; close $go;
my $fails = 0;
for (@kids) { waitpid($_, 0); $fails++ if $? }
is $fails, 0, "$N supporters at once: every one counted";
is count_of($p4), $N, "... the count is exactly $N";
is rows_of($p4), $N, "... as many rows";

# ------------------------------------------------------------ expiry

my $p5 = write_proposal($author, title => '기간 만료 시험 제안', category => 1);
$s->sql("UPDATE proposals SET closes_at = NOW() - INTERVAL 1 MINUTE WHERE id = $p5");
$r = post($other, "/proposals/$p5", "/proposals/$p5/support", action => 'add');
is $r->header('Location'), "/proposals/$p5?problem=closed", 'no support past the closing time';
my $out = $s->ctl('tick');
like $out, qr/proposals expired: [1-9]/, 'madangctl tick expires it';
is $s->sql_value("SELECT state FROM proposals WHERE id = $p5"), 'expired', '... expired';
like page_text($anon, "/proposals/$p5"), qr/\Q${\ L('Proposal.State.expired')}\E/, '... kept and readable';

# ------------------------------------------------------------ list

$t = page_text($anon, '/proposals');
like $t, qr/심야버스 노선 확대/, 'the public list';
$r = $anon->get($s->url('/proposals?q=' . join('', map { sprintf '%%%02X', $_ } unpack 'C*', encode('UTF-8', '심야'))));
$t = text_of(body_of($r));
like $t, qr/심야버스 노선 확대/, 'Korean search finds a part of a word';
unlike $t, qr/청년 창업 공간/, '... and not the others';
$t = page_text($anon, '/proposals?category=4');
like $t, qr/소음 기준 강화/, 'the category filter' or diag $t;
unlike $t, qr/심야버스/, '... leaves out other categories';
$html = body_of($anon->get($s->url('/proposals?sort=supported')));
like $html, qr/동시 공감 시험 제안.*심야버스 노선 확대/s, 'most supported first';
$html = body_of($anon->get($s->url('/proposals?sort=closing')));
unlike $html, qr/심야버스 노선 확대/, 'closing soon lists only open ones' or diag text_of($html);
like $html, qr/동시 공감 시험 제안/, '... such as this';
# Each sort and filter has its own statement: asked in turn, again and
# again (the workers' statement caches), each list keeps to its filter.
my $mixed_ok = 1;
for my $round (1 .. 4) {
    for my $q ('category=4', 'sort=closing', 'sort=supported&category=2', 'sort=answered', 'sort=newest') {
        my $page = body_of($anon->get($s->url("/proposals?$q")));
        my @states = $page =~ /status proposal-([a-z]+)/g;
        my @cats = $page =~ /<td data-label="\Q${\ L('Col.Category')}\E">([^<]*)</g;
        $mixed_ok = 0 if $q eq 'category=4' && grep { $_ ne '소음·환경오염' } @cats;
        $mixed_ok = 0 if $q =~ /category=2/ && grep { $_ ne '교통·주차' } @cats;
        $mixed_ok = 0 if $q eq 'sort=closing' && grep { $_ ne 'open' } @states;
        $mixed_ok = 0 if $q eq 'sort=answered' && grep { $_ ne 'answered' } @states;
    }
}
ok $mixed_ok, 'every list keeps to its own filters, asked in turn';
is $anon->get($s->url('/proposals?sort=random'))->code, 400, 'an unknown sort: refused';
is $anon->get($s->url('/proposals?page=0'))->code, 400, 'page 0: refused';
like page_text($anon, '/'), qr/\Q${\ L('Home.Proposals')}\E.*동시 공감 시험 제안/, 'the home page lists new ones';

# ------------------------------------------------------------ hidden

$s->sql("UPDATE proposals SET moderation = 'hidden', moderation_reason = '개인정보 노출' WHERE id = $p3");
is $anon->get($s->url("/proposals/$p3"))->code, 404, 'a hidden proposal is gone for the public';
is $other->get($s->url("/proposals/$p3"))->code, 404, '... and for other citizens';
$t = page_text($author, "/proposals/$p3");
like $t, qr/\Q${\ L('Proposal.Moderation.hidden')}\E.*개인정보 노출/, '... its author sees it, and why';
unlike page_text($anon, '/proposals'), qr/청년 창업 공간/, '... it leaves the list';
$r = post($other, "/proposals/$p1", "/proposals/$p3/support", action => 'add');
is $r->code, 404, '... and takes no support';
$s->sql("UPDATE proposals SET moderation = 'hidden' WHERE id = $pa");
is $anon->get($s->url("/proposals/attachments/$att"))->code, 404, 'the file of a hidden proposal is gone too';
is $author->get($s->url("/proposals/attachments/$att"))->code, 200, '... but not for its author';
is $anon->get($s->url('/proposals/99999999'))->code, 404, 'an unknown proposal: 404';
is $anon->get($s->url('/proposals/abc'))->code, 404, 'a malformed id: 404';

# ------------------------------------------------------------ paging

# The pager's links name the row their page starts from (keyset
# paging, sort key and id); walked forwards by "next" and back by "prev",
# each sort lists the same rows in the same order as its pages by number.
# 60 more proposals, with ties in every sort key (the id decides).
$s->sql("INSERT INTO proposals (author_id, category_id, title, problem, proposal, effect, state, support_count,"
    . " threshold, closes_at, created_at, updated_at, answered_at)"
    . " SELECT (SELECT MIN(id) FROM accounts), 1 + s.seq % 3, CONCAT('쪽 넘김 시험 ', s.seq), '문제', '제안',"
    . " '효과', IF(s.seq % 3 = 0, 'answered', 'open'), s.seq % 4, 50,"
    . " DATE(NOW()) + INTERVAL 2 + s.seq % 5 DAY, DATE(NOW()) - INTERVAL s.seq % 6 HOUR, NOW(),"
    . " IF(s.seq % 3 = 0, DATE(NOW()) - INTERVAL s.seq % 2 DAY, NULL) FROM seq_1_to_60 s");
sleep 6; # the lists' totals are kept 5 s by each worker
sub page_ids { my ($html) = @_; return [$html =~ m{<a href="/proposals/(\d+)"}g] }
sub pager_link {
    my ($html, $rel) = @_;
    my ($href) = $html =~ /rel="$rel" href="([^"]*)"/ or return;
    $href =~ s/&amp;/&/g;
    return $href;
}
for my $sort (qw(newest supported closing answered)) {
    my (@by_number, @by_next, @by_prev, $html, $link, $last);
    for (my $page = 1; ; $page++) {
        $html = body_of($anon->get($s->url("/proposals?sort=$sort&page=$page")));
        push @by_number, @{ page_ids($html) };
        $last = $page;
        last unless pager_link($html, 'next');
    }
    $link = "/proposals?sort=$sort";
    while ($link) {
        $html = body_of($anon->get($s->url($link)));
        push @by_next, @{ page_ids($html) };
        $link = pager_link($html, 'next');
    }
    $link = "/proposals?sort=$sort&page=$last";
    while ($link) {
        $html = body_of($anon->get($s->url($link)));
        unshift @by_prev, @{ page_ids($html) };
        $link = pager_link($html, 'prev');
    }
    my %seen;
    cmp_ok $last, '>=', 2, "$sort: several pages";
    is scalar(grep { !$seen{$_}++ } @by_number), scalar(@by_number), "$sort: no row twice";
    is "@by_next", "@by_number", "$sort: the next links walk the pages as their numbers do";
    is "@by_prev", "@by_number", "$sort: ... and the previous links back";
}
like pager_link(body_of($anon->get($s->url('/proposals?sort=supported'))), 'next'), qr/&after=\d+\.\d+$/,
    'the next link names the last row';
is $anon->get($s->url('/proposals?sort=supported&page=2&after=x'))->code, 400, 'a malformed row in a link: refused';
is $anon->get($s->url('/proposals?page=2&before=12'))->code, 400, '... without its id too';

$n->stop;
done_testing;
