# SPDX-License-Identifier: AGPL-3.0-or-later
# 350-intranet.t: the staff intranet (issue 14 section 6) over HTTP on the
# real stack: a department's manager ties a staff community to their
# department in the wizard (not to another department, not a citizens'
# template); its staff ask to join and a manager approves; citizens do
# not find it (404); the notice board takes its managers, the files board
# a document its members download; "share to intranet" on the staff case
# page posts the case's summary (tracking number, title, category,
# department, status, the staff case page's address) and never the
# filer's name, e-mail, mobile or address; only staff who read the case
# and members who may post share it; CSRF; audited.
use strict;
use warnings;
use utf8;
use Test::More;
use Encode qw(encode);
use HTTP::Request::Common qw(POST);
use Madang::Test qw(body_of L text_of);
use Madang::Staff;

binmode $_, ':encoding(UTF-8)'
    for map { Test::More->builder->$_ } qw(output failure_output todo_output);

my $s = Madang::Test->start(seed => 1);

sub post { my ($ua, $from, $path, @kv) = @_; return Madang::Test::post_form($s, $ua, $from, $path, @kv) }
my %staff_answers = (step => 4, go => 'next', template => 'staff', preset_for => 'staff', membership => 'approval',
    visibility => 'listed', board_notice => 1, board_free => 1, board_files => 1, description => '도로과 업무 공간');
sub wizard {
    my ($ua, %o) = @_;
    my %f = (%staff_answers, %o);
    my @kv = map { ($_ => $f{$_}) } sort keys %f;
    my $csrf = Madang::Test::csrf_value($ua->get($s->url('/communities/new')));
    return $ua->request(POST $s->url('/communities/new'), Content_Type => 'form-data',
        Content => [ csrf => $csrf, map { Madang::Test::bytes_of($_) } @kv ]);
}

my $choi = Madang::Staff::signed_in($s, 'road.choi');   # manager of department 4 (도로과)
my $lee = Madang::Staff::signed_in($s, 'road.lee');     # handler of department 4
my $kim = Madang::Staff::signed_in($s, 'traffic.kim');  # handler of department 5

# ------------------------------------------------------------ the wizard

my $html = body_of($choi->get($s->url('/communities/new')));
like $html, qr{<select id="department" name="department"}, "a department's manager chooses a department in the wizard";
like $html, qr{<option value="4"[^>]*>}, '... their own';
unlike $html, qr{<option value="5"[^>]*>}, '... not another';
unlike body_of($lee->get($s->url('/communities/new'))), qr{name="department"}, 'a handler has no such choice';

my $r = wizard($choi, name => '교통과 업무 공간', slug => 'traffic-intranet', department => 5);
is $r->code, 400, "another department's intranet: refused" or diag body_of($r);
ok !$s->sql_value("SELECT COUNT(*) FROM communities WHERE slug = 'traffic-intranet'"), '... none made';
$r = wizard($choi, template => 'study', preset_for => 'study', name => '도로 공부', slug => 'road-study',
    department => 4);
is $r->code, 400, "a department on a study group: refused";
$r = wizard($choi, name => '도로과 업무 공간', slug => 'road-intranet', department => 4);
is $r->code, 303, "the manager makes the department's intranet" or diag body_of($r);
is $s->sql_value("SELECT CONCAT(template, '/', staff_only, '/', department_id, '/', membership) FROM communities"
    . " WHERE slug = 'road-intranet'"), 'staff/1/4/approval', '... staff only, tied to department 4, by approval';

# ------------------------------------------------------------ members

my $lee_id = $s->account_id('road.lee');
$r = post($lee, '/c/road-intranet', '/c/road-intranet/join');
is $r->code, 303, 'a staff member of the department asks to join';
$r = post($choi, '/c/road-intranet/members', '/c/road-intranet/members', action => 'approve', account_id => $lee_id);
is $r->code, 303, '... the manager approves';
is $s->sql_value("SELECT m.state FROM community_members m JOIN communities c ON c.id = m.community_id"
    . " WHERE c.slug = 'road-intranet' AND m.account_id = $lee_id"), 'active', '... a member';

my $citizen = $s->ua;
my ($cr, $acct) = Madang::Test::register_citizen($s, $citizen);
is $cr->code, 303, 'a citizen registers';
is $citizen->get($s->url('/c/road-intranet'))->code, 404, 'a citizen does not find the intranet';
is $citizen->get($s->url('/c/road-intranet/boards/notice'))->code, 404, '... nor its board';
is post($citizen, '/communities', '/c/road-intranet/join')->code, 404, '... nor joins it';

# ------------------------------------------------------------ announcements and documents

sub write_post {
    my ($ua, $board, $files, %f) = @_;
    my $form = "/c/road-intranet/boards/$board/new";
    my $csrf = Madang::Test::csrf_value($ua->get($s->url($form))) // Madang::Test::csrf_value($ua->get($s->url('/')));
    my @content = (csrf => $csrf, map { $_ => Madang::Test::bytes_of($f{$_}) } sort keys %f);
    push @content, attachments => [ undef, $_->[0], 'Content-Type' => 'application/octet-stream', Content => $_->[1] ]
        for @{ $files // [] };
    return $ua->request(POST $s->url($form), Content_Type => 'form-data', Content => \@content);
}
$r = write_post($choi, 'notice', undef, title => '12월 도로 정비 일정', body => '12월 도로 정비 일정을 공지합니다.');
is $r->code, 303, 'the manager posts an announcement on the notice board' or diag body_of($r);
$r = write_post($lee, 'notice', undef, title => '공지 아님', body => '공지 아님');
isnt $r->code, 303, 'a member does not';
ok !$s->sql_value("SELECT COUNT(*) FROM community_posts WHERE title = '공지 아님'"), '... nothing stored';
like body_of($lee->get($s->url('/c/road-intranet/boards/notice'))), qr/12월 도로 정비 일정/, 'members read it';

my $pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
$r = write_post($lee, 'files', [ [ 'plan.pdf', $pdf ] ], title => '보도 정비 계획', body => '계획서 첨부');
is $r->code, 303, 'a member shares a document on the files board' or diag body_of($r);
my ($doc) = ($r->header('Location') // '') =~ m{/posts/(\d+)};
my $file = $s->sql_value("SELECT MAX(id) FROM community_post_files WHERE post_id = " . ($doc // 0));
ok $file, '... stored';
is $choi->get($s->url("/c/road-intranet/posts/$doc/files/$file"))->code, 200, '... the other members download it';
is $citizen->get($s->url("/c/road-intranet/posts/$doc/files/$file"))->code, 404, '... a citizen not';

# ------------------------------------------------------------ share to intranet

my $tracking = $s->sql_value("SELECT tracking_no FROM cases WHERE department_id = 4 AND address IS NOT NULL"
    . " ORDER BY id LIMIT 1") // $s->sql_value("SELECT tracking_no FROM cases WHERE department_id = 4 ORDER BY id LIMIT 1");
my ($case_id, $title, $filer, $email, $mobile, $address) = split /\t/, $s->sql_value(
    "SELECT CONCAT_WS('\t', c.id, c.title, a.name, IFNULL(a.email, '-'), IFNULL(a.mobile, '-'), IFNULL(c.address, '-'))"
    . " FROM cases c JOIN accounts a ON a.id = c.account_id WHERE c.tracking_no = '$tracking'");
$html = body_of($lee->get($s->url("/staff/cases/$tracking")));
like $html, qr{action="/staff/cases/\Q$tracking\E/share"}, 'the staff case page has the share form';
like $html, qr{<option value="road-intranet">도로과 업무 공간 \(}, '... offering the staff communities of the reader';
unlike $html, qr{<option value="madang-neighbours">}, '... no citizens\' community';

$r = $lee->post($s->url("/staff/cases/$tracking/share"), [ community => 'road-intranet' ]);
isnt $r->code, 303, 'without the CSRF token: refused';
$r = post($kim, "/staff/cases", "/staff/cases/$tracking/share", community => 'road-intranet');
is $r->code, 404, 'staff who do not read the case do not share it';
my $park = Madang::Staff::signed_in($s, 'road.park'); # handler of department 4, in no staff community
unlike body_of($park->get($s->url("/staff/cases/$tracking"))), qr{/share"}, 'no share form for one in no staff community';
$r = post($park, "/staff/cases/$tracking", "/staff/cases/$tracking/share", community => 'staff-digital');
ok $r->code == 404 || $r->code == 403, 'not into a staff community one is no member of';
$r = post($lee, "/staff/cases/$tracking", "/staff/cases/$tracking/share", community => 'madang-neighbours');
is $r->code, 404, 'not into a citizens\' community';
ok !$s->sql_value("SELECT COUNT(*) FROM community_posts WHERE title LIKE '[$tracking]%'"), '... nothing posted so far';

$r = post($lee, "/staff/cases/$tracking", "/staff/cases/$tracking/share", community => 'road-intranet');
is $r->code, 303, 'a handler of the case shares it' or diag body_of($r);
my ($post) = ($r->header('Location') // '') =~ m{^/c/road-intranet/posts/(\d+)$};
ok $post, '... and lands on the post';
my $text = text_of(body_of($choi->get($s->url("/c/road-intranet/posts/$post"))));
like $text, qr/\Q$tracking\E/, '... it carries the tracking number';
like $text, qr/\Q$title\E/, '... the title';
like $text, qr{/staff/cases/\Q$tracking\E}, '... the staff case page';
like $text, qr/도로과/, '... the department';
my $stored = $s->sql_value("SELECT CONCAT(title, '\n', body) FROM community_posts WHERE id = $post");
for ([name => $filer], [email => $email], [mobile => $mobile], [address => $address]) {
    my ($what, $v) = @$_;
    next if !defined $v || $v eq '-' || $v eq '';
    unlike $stored, qr/\Q$v\E/, "... never the filer's $what";
}
(my $bare = $mobile // '') =~ s/\D//g;
unlike $stored =~ s/\D//gr, qr/\Q$bare\E/, '... not the mobile in any form' if length $bare >= 8;
ok $s->sql_value("SELECT COUNT(*) FROM audit_log WHERE object_type = 'case' AND object_id = '$tracking'"
    . " AND action = 'share'"), '... audited';
is $citizen->get($s->url("/c/road-intranet/posts/$post"))->code, 404, 'a citizen does not read the share';

done_testing;
