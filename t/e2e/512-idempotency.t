# SPDX-License-Identifier: AGPL-3.0-or-later
# 512-idempotency.t: a create form carries an idempotency key (the hidden
# "idem", new at each rendering); the same form sent twice (a retry, a
# double click) creates one object and both answers redirect to it; two
# renderings (two keys) create two; a POST without a key still creates;
# one person's key never answers another's POST. For a case filing, a
# proposal, a comment and a reply on it, a note, a board post, an event, a
# chat message, a staff note and message on a case and the citizen's
# message on it.
use strict;
use warnings;
use utf8;
use Test::More;
use Time::HiRes ();
use Madang::Test qw(body_of);
use Madang::Staff qw(signed_in);

binmode $_, ':encoding(UTF-8)'
    for map { Test::More->builder->$_ } qw(output failure_output todo_output);

# The demo's departments, categories and staff.
my $s = Madang::Test->start(seed => 1);

# The hidden fields of the form posting to $action on the page at $path.
sub form_keys {
    my ($ua, $path, $action) = @_;
    my $html = body_of($ua->get($s->url($path)));
    my ($form) = $html =~ m{(<form[^>]*action="\Q$action\E"[^>]*>.*?</form>)}s;
    return () unless $form;
    my %v;
    while ($form =~ /<input\b([^>]*)>/g) {
        my $a = $1;
        my ($n) = $a =~ /name="([^"]*)"/;
        my ($v) = $a =~ /value="([^"]*)"/;
        $v{$n} = $v if defined $n && ($n eq 'csrf' || $n eq 'idem');
    }
    return %v;
}

sub post {
    my ($ua, $path, @kv) = @_;
    return $ua->post($s->url($path), [ map { Madang::Test::bytes_of($_) } @kv ]);
}

my $n_cases = sub { $s->sql_value("SELECT COUNT(*) FROM cases") };

# ------------------------------------------------------------ a case

my $c1 = $s->ua;
my (undef, $f1) = Madang::Test::register_citizen($s, $c1, name => '두번누름');
my $category = 1;

my %k = form_keys($c1, '/cases/new', '/cases/new');
ok $k{idem}, 'the filing form carries an idempotency key';
like $k{idem}, qr/\A[A-Za-z0-9_-]{40,}\z/, '... random text';
my %k2 = form_keys($c1, '/cases/new', '/cases/new');
isnt $k2{idem}, $k{idem}, '... a new one at each rendering';

my @filing = (category => $category, title => '같은 민원 두 번', body => '두 번 눌러도 한 건이어야 합니다.', public => 1);
my $before = $n_cases->();
my $r1 = post($c1, '/cases/new', %k, @filing);
is $r1->code, 303, "filed" or diag(join " ", body_of($r1) =~ m{class="field-error" id="([^"]*)"}g);
like $r1->header('Location'), qr{\A/cases/\d{4}-\d{6}\?filed=1\z}, '... redirected to the case';
my $r2 = post($c1, '/cases/new', %k, @filing);
is $r2->code, 303, 'the same form again (a double click)';
is $r2->header('Location'), $r1->header('Location'), '... redirected to the same case';
is $n_cases->(), $before + 1, '... and one case stored';

my $r3 = post($c1, '/cases/new', %k2, @filing);
like $r3->header('Location') // '', qr{\A/cases/\d{4}-\d{6}\?filed=1\z}, 'another rendering of the form: filed';
isnt $r3->header('Location'), $r1->header('Location'), '... a second case';
is $n_cases->(), $before + 2, '... two stored';

my $r4 = post($c1, '/cases/new', csrf => $k{csrf}, @filing);
like $r4->header('Location') // '', qr{\A/cases/\d{4}-\d{6}\?filed=1\z}, 'a POST without a key still files';
is $n_cases->(), $before + 3, '... a third case';

# A double click that races: both POSTs in flight at once. The second to
# commit finds the key taken, rolls back and redirects to the first case.
# Both start at one moment, three times over: whether they overlap is the
# scheduler's choice, and the one that loses the race logs no error.
my $races = 3;
for my $round (1 .. $races) {
    my %kr = form_keys($c1, '/cases/new', '/cases/new');
    my @race = (category => $category, title => "동시에 두 번 $round", body => '동시에 보낸 같은 민원입니다.', public => 1);
    my $n0 = $n_cases->();
    my $at = Time::HiRes::time() + 0.3;
    my $at_start = sub { Time::HiRes::sleep($at - Time::HiRes::time()) if $at > Time::HiRes::time() };
    pipe my $rd, my $wr or die "pipe: $!";
    my $pid = fork // die "fork: $!";
    if ($pid == 0) {
        close $rd;
        $at_start->();
        my $r = post($c1, '/cases/new', %kr, @race);
        print {$wr} ($r->header('Location') // $r->code);
        close $wr;
        require POSIX;
        POSIX::_exit(0);
    }
    close $wr;
    $at_start->();
    my $mine = post($c1, '/cases/new', %kr, @race);
    my $theirs = do { local $/; <$rd> };
    waitpid $pid, 0;
    is $n_cases->(), $n0 + 1, "two POSTs of one form at once ($round): one case";
    like $mine->header('Location') // '', qr{\A/cases/\d{4}-\d{6}\?filed=1\z}, '... one answer at the case';
    is $theirs, $mine->header('Location'), '... the other too';
    $before++;
}
# The one that lost a race rolled back, as it should: no error
# (lib/cases/case.c logs it as information).
my @lost = grep { /the same form was filed meanwhile/ } split /\n/, $s->log_text;
note scalar(@lost) . " of $races races lost at the commit";
is_deeply [ grep { /\[error\]/ } split /\n/, $s->log_text ], [], 'the web log holds no [error] line';

# Another citizen who got hold of the key files their own case.
my $c2 = $s->ua;
my (undef, $f2) = Madang::Test::register_citizen($s, $c2, name => '남의열쇠');
my %k3 = form_keys($c2, '/cases/new', '/cases/new');
my $r5 = post($c2, '/cases/new', csrf => $k3{csrf}, idem => $k{idem}, @filing);
like $r5->header('Location') // '', qr{\A/cases/\d{4}-\d{6}\?filed=1\z}, "another person's POST with the same key files";
isnt $r5->header('Location'), $r1->header('Location'), '... their own case, not a way to the first';
is $n_cases->(), $before + 4, '... stored';
is $s->sql_value("SELECT COUNT(*) FROM idempotency_keys WHERE actor LIKE 'account:%'"), 3 + $races,
    'the keys recorded: every filing with one';


# A form sent twice; %fields besides the keys. Returns both responses and
# how many rows count() gave before, after the first and after the second.
sub twice {
    my ($ua, $page, $action, $count, @fields) = @_;
    my %k = form_keys($ua, $page, $action);
    ok $k{idem}, "the form at $page posting to $action carries a key";
    my $n0 = $count->();
    my $a = post($ua, $action, %k, @fields);
    my $n1 = $count->();
    my $b = post($ua, $action, %k, @fields);
    my $n2 = $count->();
    is $n1, $n0 + 1, "$action: the first POST creates";
    is $n2, $n1, '... the same POST again creates nothing';
    like $a->header('Location') // '', qr{\A/}, '... the first redirects' or diag(join ' ', $a->code, body_of($a) =~ m{id="(err-[^"]*)"}g);
    is $b->header('Location'), $a->header('Location'), '... the second to the same place';
    return ($a, $b, \%k);
}

# ------------------------------------------------------------ a proposal, a comment

my $n_proposals = sub { $s->sql_value("SELECT COUNT(*) FROM proposals") };
my ($p1) = twice($c1, '/proposals/new', '/proposals/new', $n_proposals, category => 1, title => '두 번 보낸 제안',
    problem => '현재 문제입니다.', proposal => '개선 방안입니다.', effect => '기대 효과입니다.');
my ($pid) = ($p1->header('Location') // '') =~ m{\A/proposals/(\d+)\?done=created\z};
ok $pid, '... the proposal\'s page';

my $n_posts = sub { $s->sql_value("SELECT COUNT(*) FROM posts WHERE parent_kind = 'proposal'") };
my ($m1, undef, $mk) = twice($c2, "/proposals/$pid", "/proposals/$pid/comments", $n_posts, body => '두 번 누른 댓글입니다.');
like $m1->header('Location'), qr{\A/proposals/$pid\?done=comment#post-\d+\z}, '... at the new comment';
# The page the browser's Back shows again: the same key, another text.
my $before_posts = $n_posts->();
my $m3 = post($c2, "/proposals/$pid/comments", %$mk, body => '다른 내용의 두 번째 댓글입니다.');
is $n_posts->(), $before_posts + 1, 'the same key with another text (a page kept by Back): a second comment';
isnt $m3->header('Location'), $m1->header('Location'), '... at its own place';
my ($reply_to) = ($m1->header('Location') // '') =~ /#post-(\d+)\z/;
my ($r1b) = twice($c1, "/proposals/$pid", "/proposals/$pid/comments", $n_posts, body => '답글입니다.',
    reply_to => $reply_to);

# ------------------------------------------------------------ a note

my ($id1, $id2) = map { $s->account_id($_->{login_id}) } $f1, $f2;
$s->sql("INSERT INTO communities (slug, name, description, template, membership, visibility, created_by,"
    . " created_at, updated_at, last_activity_at) VALUES ('idem-test', 'idem', '', 'resident', 'open',"
    . " 'listed', $id1, NOW(), NOW(), NOW())");
my $cid = $s->sql_value("SELECT id FROM communities WHERE slug = 'idem-test'");
$s->sql("INSERT INTO community_members (community_id, account_id, role, state, created_at, updated_at) VALUES"
    . " ($cid, $id1, 'owner', 'active', NOW(), NOW()), ($cid, $id2, 'member', 'active', NOW(), NOW())");
my $n_notes = sub { $s->sql_value("SELECT COUNT(*) FROM notes") };
my ($nt) = twice($c1, '/notes/new', '/notes/new', $n_notes, to => $f2->{login_id}, body => '두 번 보낸 쪽지입니다.');
like $nt->header('Location'), qr{\A/notes/\d+\?done=sent\z}, '... at the note';

# ------------------------------------------------------------ a board post, an event, a chat message

$s->sql("INSERT INTO community_boards (community_id, kind, position, created_at) VALUES ($cid, 'free', 1, NOW())");
my $n_cposts = sub { $s->sql_value("SELECT COUNT(*) FROM community_posts") };
my ($bp) = twice($c1, '/c/idem-test/boards/free/new', '/c/idem-test/boards/free/new', $n_cposts,
    title => '두 번 올린 글', body => '게시판에 두 번 올린 글입니다.');
like $bp->header('Location'), qr{\A/c/idem-test/posts/\d+\?done=created\z}, '... at the post';

my $n_events = sub { $s->sql_value("SELECT COUNT(*) FROM community_events") };
my ($ev) = twice($c1, '/c/idem-test/events/new', '/c/idem-test/events/new', $n_events, title => '두 번 만든 모임',
    place => '마당', description => '설명', starts_at => '2027-03-03T19:00', ends_at => '2027-03-03T20:00', recurrence => 'none');
like $ev->header('Location'), qr{\A/c/idem-test/events/\d+\?done=created\z}, '... at the event';

my $n_chat = sub { $s->sql_value("SELECT COUNT(*) FROM chat_messages") };
my ($ch) = twice($c2, '/c/idem-test/chat', '/c/idem-test/chat', $n_chat, body => '두 번 보낸 대화');
like $ch->header('Location'), qr{\A/c/idem-test/chat\?done=sent#chat-\d+\z}, '... at the message';

# ------------------------------------------------------------ staff: a note, a message

my ($tracking) = ($r1->header('Location') // '') =~ m{\A/cases/(\d{4}-\d{6})};
my $dept = $s->sql_value("SELECT department_id FROM cases WHERE tracking_no = '$tracking'");
my $login = $s->sql_value("SELECT a.login_id FROM accounts a JOIN staff_roles r ON r.account_id = a.id"
    . " WHERE r.department_id = $dept AND r.role IN ('handler', 'manager') AND a.kind = 'staff'"
    . " AND a.login_id <> 'admin' ORDER BY a.id LIMIT 1");
my $staff = signed_in($s, $login);
my $n_notes_staff = sub { $s->sql_value("SELECT COUNT(*) FROM case_events WHERE kind = 'note'") };
my ($sn) = twice($staff, "/staff/cases/$tracking", "/staff/cases/$tracking/note", $n_notes_staff,
    note => '두 번 남긴 메모입니다.');
is $sn->header('Location'), "/staff/cases/$tracking?done=note", '... back at the case';
my $n_messages = sub { $s->sql_value("SELECT COUNT(*) FROM case_messages") };
twice($staff, "/staff/cases/$tracking", "/staff/cases/$tracking/message", $n_messages,
    message => '두 번 보낸 부서 간 메시지입니다.');

# The citizen's message on their case.
my $n_owner = sub { $s->sql_value("SELECT COUNT(*) FROM case_events WHERE kind = 'web_message'") };
twice($c1, "/cases/$tracking", "/cases/$tracking/message", $n_owner, text => '두 번 보낸 추가 설명입니다.');

# A transaction that loses a lock conflict runs again (db_transaction)
# and writes what it writes alone, once (issue 16 section 2):
# t/unit/tx_retry_check.c holds a row while a child, with a lock wait of
# one second, runs the change that needs it, then lets it go. A filing;
# then marking that case no example, which before was not run again (the
# staff member got an error).
{
    my $check = "$s->{build}/t/unit/tx-retry-check";
    -x $check or BAIL_OUT("no $check (the test build makes it)");
    my ($out, $ok) = Madang::Test::_run_with_stdin(undef, $check, $s->config);
    ok $ok, 'tx-retry-check: the changes made' or diag $out;
    my ($alone) = $out =~ /^alone (.*)$/m;
    my ($retried) = $out =~ /^retried (.*)$/m;
    like $alone, qr/\bcases=1\b.*\bnumbers=1\b/, '... a filing alone adds one case and takes one number';
    is $retried, $alone, '... the retried filing added the same rows, once (one number too)';
    my @children = $out =~ /^child rc=(\d+) tracking=\S+ ms=(\d+)$/mg;
    is scalar(@children), 4, '... both contended changes answered' or diag $out;
    is_deeply [ @children[0, 2] ], [ 0, 0 ], '... both succeeded';
    cmp_ok $_, '>=', 1000, '... after waiting past a lock wait' for @children[1, 3];
    like $out, qr/^example audits=1$/m, '... the example mark written once (one audit entry)';
    my $again = () = $out =~ /Lock wait timeout.*the transaction runs again/g;
    cmp_ok $again, '>=', 2, '... each ran again after its first attempt';
    like $out, qr/^nested outer=0 inner=0$/m,
        'a transaction inside another is part of it: the outer one failing leaves neither row';
}

done_testing;
