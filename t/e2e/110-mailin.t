# SPDX-License-Identifier: AGPL-3.0-or-later
# 110-mailin.t: madang-mailin end to end. The stdin path (an MTA's pipe):
# Korean mail as clients send it (t/mail/) files guest cases with the
# receipt notice queued to the sender, the category from the address it
# was sent to; a re-delivery files nothing; a reply by the tracking number
# in the subject or by In-Reply-To to the receipt's Message-ID lands on
# its case with its attachment, but not from a stranger; an auto-reply,
# a mail from the intake address and our own Message-ID are not filed; a
# bounce marks the address failing; bad input and a flooding sender get
# the MTA's exit codes. The IMAP path against a private Dovecot on
# loopback (scripts/dovecot.sh): each mail handled once by UID, moved to
# Processed, a refused one to Failed next to a note with the reason.
use strict;
use warnings;
use utf8;
use Test::More;
use Encode qw(encode decode);
use File::Temp qw(tempfile);
use Madang::Test;

binmode $_, ':encoding(UTF-8)'
    for map { Test::More->builder->$_ } qw(output failure_output todo_output);

my $REPO = $ENV{MADANG_SOURCE_DIR} // '.';
my $s = Madang::Test->start(seed => 1);
my $build = $ENV{MADANG_BUILD} // "$REPO/build";
my $dir = $s->dir;
is $s->config_value('intake.address'), 'minwon@madang.example', "the stack's configuration has the demo's intake address";
$s->set_config(
    'intake.address'             => 'minwon@madang.example',
    'intake.category'            => 10,
    'intake.route.road.address'  => 'minwon+road@madang.example',
    'intake.route.road.category' => 1,
    'intake.rate_per_hour'       => 8,
    'intake.log'                 => "$dir/log/mailin.log",
);

# mailin($bytes, @args): (exit status, output) of madang-mailin --stdin.
sub mailin {
    my ($mail, @args) = @_;
    my ($out, $ok, $status) = Madang::Test::_run_with_stdin($mail,
        "$build/madang-mailin", '--config', $s->config, @args ? @args : ('--stdin'));
    return ($status, decode('UTF-8', $out));
}

sub fixture {
    my ($name) = @_;
    open my $fh, '<:raw', "$REPO/t/mail/$name" or die "$name: $!";
    local $/;
    return scalar <$fh>;
}

sub count { return $s->sql_value($_[0]) }

# A plain UTF-8 mail.
sub mail {
    my (%h) = @_;
    my $subject = encode('MIME-Header', $h{subject} // 'hello');
    my $extra = join '', map { "$_\r\n" } @{ $h{headers} // [] };
    return "From: $h{from}\r\nTo: " . ($h{to} // 'minwon@madang.example') . "\r\n"
        . "Subject: $subject\r\nMessage-ID: <$h{id}>\r\n$extra"
        . "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
        . "Content-Transfer-Encoding: 8bit\r\n\r\n" . encode('UTF-8', $h{body} // '본문') . "\r\n";
}

# ------------------------------------------------------------ --help

my ($st, $out) = mailin('', '--help');
is $st, 0, '--help exits 0';
like $out, qr/--stdin.*--imap.*--loop/s, '--help names the ways in';
($st) = mailin('', '--stdin', '--imap');
is $st, 64, 'both ways at once is a usage error (64)';

# ------------------------------------------------------------ a new mail

my $cases0 = count('SELECT COUNT(*) FROM cases');
($st, $out) = mailin(fixture('euckr-base64.eml'));
is $st, 0, 'an EUC-KR (ks_c_5601-1987) base64 mail is accepted' or diag $out;
my ($case) = $s->sql(q{SELECT c.id, c.tracking_no, c.channel, c.category_id, c.title, c.body, a.kind, a.email, a.name
                       FROM cases c JOIN accounts a ON a.id = c.account_id ORDER BY c.id DESC LIMIT 1});
my ($case_id, $tracking, $channel, $cat, $title, $body, $kind, $email, $name) = @$case;
is $channel, 'email', 'the case is an e-mail case';
is $cat, 10, 'mail to the general address goes to intake.category';
is $title, '도로 파손 신고', 'the RFC 2047 subject (ks_c_5601-1987) is the title';
like $body, qr/똠방각하 도로에 구멍이 났습니다/, 'the body is read as CP949: 똠 survives';
is_deeply [$kind, $email, $name], ['guest', 'kim.minwon@example.net', '김민원'], 'filed for a guest of the sender';
ok count("SELECT COUNT(*) FROM outbox o JOIN notices n ON n.id = o.notice_id WHERE n.case_id = $case_id"
         . " AND n.kind = 'receipt' AND o.channel = 'email' AND o.recipient = 'kim.minwon\@example.net'"),
    'the receipt mail to the sender is queued';
ok count("SELECT COUNT(*) FROM case_search WHERE case_id = $case_id"), 'the case is in the search index';

($st) = mailin(fixture('euckr-base64.eml'));
is $st, 0, 'a re-delivery is accepted';
is count('SELECT COUNT(*) FROM cases'), $cases0 + 1, '... and files nothing';

($st, $out) = mailin(fixture('euckr-qp.eml'));
is $st, 0, 'an EUC-KR quoted-printable mail is accepted' or diag $out;
is count(q{SELECT category_id FROM cases ORDER BY id DESC LIMIT 1}), 1, 'mail to minwon+road@ goes to its routed category';

{
    local $ENV{ORIGINAL_RECIPIENT} = 'Minwon+road@madang.example';
    ($st, $out) = mailin(mail(from => 'env@example.net', id => 'env1@example.net', subject => 'envelope'));
}
is $st, 0, 'a mail piped with ORIGINAL_RECIPIENT (Postfix) is accepted' or diag $out;
is count(q{SELECT category_id FROM cases ORDER BY id DESC LIMIT 1}), 1, '... its category from that address';
$cases0++;

# A category without a department: the supervisors' unplaced queue.
$s->sql(q{INSERT INTO categories (id, name_ko, name_en, department_id, active, sort_order)
          VALUES (99, '메일 접수', 'Mail intake', NULL, 1, 999)});
$s->set_config('intake.route.open.address' => 'minwon+open@madang.example', 'intake.route.open.category' => 99);
($st, $out) = mailin(mail(from => 'open@example.net', id => 'open1@example.net', to => 'minwon+open@madang.example'));
is $st, 0, 'a mail routed to a category without a department is accepted' or diag $out;
is_deeply [ @{ ($s->sql(q{SELECT category_id, unplaced FROM cases ORDER BY id DESC LIMIT 1}))[0] } ], [99, 1],
    "... and waits in the unplaced queue";
$cases0++;

for my $f (qw(html-only.eml iso2022kr.eml)) {
    ($st, $out) = mailin(fixture($f));
    is $st, 0, "$f is accepted" or diag $out;
}
like count(q{SELECT body FROM cases ORDER BY id DESC LIMIT 1}), qr/밤마다 공사 소음/, 'ISO-2022-KR is read';
like count(q{SELECT body FROM cases ORDER BY id DESC LIMIT 1 OFFSET 1}), qr/가로등이 <꺼져> 있습니다/,
    'an HTML-only mail gives its text';

($st, $out) = mailin(fixture('attachment-2231.eml'));
is $st, 0, 'a mail with attachments is accepted' or diag $out;
my $att_case = count(q{SELECT MAX(id) FROM cases});
is_deeply [ map { "@$_" } $s->sql("SELECT original_name, mime_type FROM attachments WHERE case_id = $att_case") ],
    ['사진 1.png image/png'], 'the RFC 2231 named PNG is attached; the .exe is not';
like count("SELECT body FROM cases WHERE id = $att_case"), qr/tool\.exe/, 'the refused attachment is named in the text';

# ------------------------------------------------------------ replies

# A handler for the case (the demo's staff member 'staff'), to be told.
$s->sql("INSERT INTO case_handlers (case_id, account_id, department_id, assigned_at)"
        . " SELECT $case_id, id, 2, NOW() FROM accounts WHERE kind = 'staff' ORDER BY id LIMIT 1");
my $events = "SELECT COUNT(*) FROM case_events WHERE case_id = $case_id AND kind = 'mail_in'";
($st, $out) = mailin(mail(from => 'Kim <kim.minwon@example.net>', id => 'reply1@example.net',
                          subject => "Re: [마당] 접수 [$tracking]", body => '추가로 사진 보냅니다.'));
is $st, 0, 'a reply by the tracking number is accepted' or diag $out;
is count($events), 1, '... and added to its case';
like count("SELECT note FROM case_events WHERE case_id = $case_id AND kind = 'mail_in'"), qr/추가로 사진/, '... with its text';
is count('SELECT COUNT(*) FROM cases'), $cases0 + 5, '... filing no new case';

my $msgid = count("SELECT o.message_id FROM outbox o JOIN notices n ON n.id = o.notice_id"
                  . " WHERE n.case_id = $case_id AND o.channel = 'email' LIMIT 1");
($st) = mailin(mail(from => 'kim.minwon@example.net', id => 'reply2@example.net', subject => 'Re: 답장',
                    headers => ["In-Reply-To: <$msgid\@madang.example>"]));
is $st, 0, 'a reply by In-Reply-To to the receipt notice is accepted';
is count($events), 2, '... and added to its case';
my $handlers = count("SELECT COUNT(*) FROM case_handlers WHERE case_id = $case_id");
is $handlers, 1, 'the case has a handler';
is count("SELECT COUNT(*) FROM notices WHERE case_id = $case_id AND kind = 'staff_message'"), 2 * $handlers,
    "... and each of the case's $handlers handlers is told of each reply";
($st, $out) = mailin(mail(from => 'clerk@example.org', id => 'staffreply@example.org', subject => 'Re: 알림',
                          headers => ["References: <$msgid\@madang.example>"]));
is $st, 65, "a reply to a notice from someone else than the filer is refused (EX_DATAERR)";
like $out, qr/only from the case's filer/, '... saying why';

# The staff case page shows the citizen's mail on the history.
my $admin = $s->ua;
is Madang::Test::sign_in($s, $admin, 'admin', 'madang-admin-2026')->code, 303, 'the supervisor signs in';
my $page = decode('UTF-8', $admin->get($s->url("/staff/cases/$tracking"))->content);
my %L = %{ Madang::Test::lang_strings('ko') };
like $page, qr/\Q$L{'Event.mail_in'}\E/, "the staff case page shows the citizen's mail ($L{'Event.mail_in'})";
like $page, qr/추가로 사진 보냅니다/, '... with its text';

my $png = fixture('attachment-2231.eml');
$png =~ s/From: "Choi" <choi\@example.net>/From: kim.minwon\@example.net/;
$png =~ s/attachment-2231\.1\@/reply3@/;
$png =~ s/^Subject: .*$/Subject: Re: [$tracking]\r/m;
($st) = mailin($png);
is $st, 0, 'a reply with an attachment is accepted';
is count("SELECT COUNT(*) FROM attachments WHERE case_id = $case_id"), 1, '... and its attachment is on the case';

($st) = mailin(mail(from => 'stranger@example.org', id => 'stranger1@example.org',
                    subject => "Re: [$tracking]", body => '남의 민원'));
is $st, 0, "a stranger's mail naming the tracking number is accepted";
is count("SELECT COUNT(*) FROM case_events WHERE case_id = $case_id AND kind = 'mail_in'"), 3,
    "... not added to another person's case";
is count(q{SELECT a.email FROM cases c JOIN accounts a ON a.id = c.account_id ORDER BY c.id DESC LIMIT 1}),
    'stranger@example.org', '... but filed as a case of its own';

# ------------------------------------------------------------ loops, bounces

my $before = count('SELECT COUNT(*) FROM cases');
($st) = mailin(fixture('autoreply.eml'));
is $st, 0, 'an auto-reply is accepted';
($st) = mailin(mail(from => 'minwon@madang.example', id => 'self@madang.example'));
is $st, 0, 'a mail from the intake address is accepted';
($st) = mailin(mail(from => 'someone@example.net', id => "$msgid\@madang.example"));
is $st, 0, 'a mail with our own Message-ID is accepted';
($st) = mailin(mail(from => 'list@example.net', id => 'list1@example.net', headers => ['Precedence: bulk']));
is $st, 0, 'a bulk mail is accepted';
is count('SELECT COUNT(*) FROM cases'), $before, '... and none of them is filed';
is count(q{SELECT COUNT(*) FROM mail_intake WHERE outcome = 'ignored'}), 4, '... each remembered as ignored';

$s->sql(q{INSERT INTO accounts (name, email, kind, lang) VALUES ('gone', 'gone@example.net', 'guest', 'ko')});
$s->sql(q{INSERT INTO outbox (channel, account_id, recipient, lang, kind, payload, message_id, next_attempt_at,
          created_at) SELECT 'email', id, email, 'ko', 'receipt', '{}', 'gone-queued', NOW() + INTERVAL 1 HOUR, NOW()
          FROM accounts WHERE email = 'gone@example.net'});
($st) = mailin(fixture('bounce.eml'));
is $st, 0, 'a bounce is accepted';
is count('SELECT COUNT(*) FROM cases'), $before, '... files nothing';
ok count(q{SELECT email_failing_at IS NOT NULL FROM accounts WHERE email = 'gone@example.net'}),
    '... and marks the address failing';
is count(q{SELECT state FROM outbox WHERE message_id = 'gone-queued'}), 'cancelled',
    '... and cancels the mail still queued to it';

# A bounced address: the next notice is in the web inbox, but no mail goes to it.
($st, $out) = mailin(mail(from => 'gone@example.net', id => 'gone-again@example.net', subject => '다시 씁니다'));
is $st, 0, 'the bounced address files again' or diag $out;
my $gone = count(q{SELECT id FROM accounts WHERE email = 'gone@example.net'});
is count('SELECT account_id FROM cases ORDER BY id DESC LIMIT 1'), $gone, '... as the guest of that address';
is count("SELECT COUNT(*) FROM notices WHERE account_id = $gone AND kind = 'receipt'"), 1,
    '... its receipt is in the web inbox';
is count("SELECT COUNT(*) FROM outbox WHERE account_id = $gone AND channel = 'email' AND state = 'pending'"), 0,
    '... but no mail is queued to the bounced address';
($st, $out) = mailin(mail(from => 'still@example.net', id => 'still1@example.net', subject => '처음 씁니다'));
is $st, 0, 'a sender whose address did not bounce files' or diag $out;
is count(q{SELECT COUNT(*) FROM outbox o JOIN accounts a ON a.id = o.account_id
           WHERE a.email = 'still@example.net' AND o.channel = 'email' AND o.state = 'pending'}), 1,
    '... and has the receipt by mail';
$before = count('SELECT COUNT(*) FROM cases');

# ------------------------------------------------------------ edges

($st, $out) = mailin("From: " . encode('MIME-Header', '긴이름' x 100) . " <longname\@example.net>\r\n"
                     . "To: minwon\@madang.example\r\nMessage-ID: <longname1\@example.net>\r\n\r\n"
                     . "subject-less text\r\n");
is $st, 0, 'a mail with a 300-character name and no subject is filed' or diag $out;
is_deeply [ map { [ $_->[0], length $_->[1] ] } $s->sql(q{SELECT c.title, a.name FROM cases c
        JOIN accounts a ON a.id = c.account_id ORDER BY c.id DESC LIMIT 1}) ],
    [ ['subject-less text', 100] ], '... titled by its first line, the name cut to 100 characters';

# ------------------------------------------------------------ refusals

($st, $out) = mailin("this is not a mail\n");
is $st, 65, 'not a message: EX_DATAERR (the MTA bounces it)';
like $out, qr/not an e-mail message/, '... saying why';
($st, $out) = mailin(mail(from => 'empty@example.net', id => 'empty1@example.net', body => ''));
is $st, 65, 'a mail without text: EX_DATAERR';
like $out, qr/no text/, '... saying why';
($st, $out) = mailin(mail(from => 'long@example.net', id => 'long1@example.net', body => '가' x 20001));
is $st, 65, 'a text over the case limit: EX_DATAERR';

my @codes;
for my $i (1 .. 9) {
    my ($c) = mailin(mail(from => 'flood@example.net', id => "flood$i\@example.net", subject => "flood $i"));
    push @codes, $c;
}
is "@codes", '0 0 0 0 0 0 0 0 75', 'the 9th mail of a sender in an hour: EX_TEMPFAIL (intake.rate_per_hour 8)';

# ------------------------------------------------------------ IMAP (Dovecot)

SKIP: {
    skip 'dovecot is not installed', 10 unless -x '/usr/sbin/dovecot';
    my $dv = "$dir/dovecot";
    mkdir $dv;
    my $port = Madang::Test::_pick_port() + 7;
    my ($dout, $dok) = Madang::Test::_run("$REPO/scripts/dovecot.sh", 'start', $dv, $port, 'minwon', 'imap-secret');
    ok $dok, 'a private Dovecot starts' or diag $dout;
    my $done = sub { Madang::Test::_run("$REPO/scripts/dovecot.sh", 'stop', $dv) };
    $s->set_config('intake.imap.url' => "imap://127.0.0.1:$port/INBOX", 'intake.imap.user' => 'minwon',
                   'intake.imap.password' => 'imap-secret', 'intake.imap.starttls' => 'no');
    my @files;
    for my $i (1 .. 3) {
        my ($fh, $fn) = tempfile(DIR => $dv);
        print {$fh} mail(from => "imap$i\@example.net", id => "imap$i\@example.net", subject => "IMAP $i");
        close $fh;
        push @files, $fn;
    }
    my ($fh, $bad) = tempfile(DIR => $dv);
    print {$fh} mail(from => 'imapbad@example.net', id => 'imapbad@example.net', body => '');
    close $fh;
    Madang::Test::_run("$REPO/scripts/dovecot.sh", 'deliver', $dv, 'minwon', @files, $bad,
                       "$REPO/t/mail/sample.eml");
    my $n0 = count('SELECT COUNT(*) FROM cases');
    ($st, $out) = mailin(undef, '--imap');
    is $st, 0, 'madang-mailin --imap runs a pass' or diag $out;
    is count('SELECT COUNT(*) FROM cases'), $n0 + 4, '... filing the four good mails';
    my $cnt = sub { (Madang::Test::_run("$REPO/scripts/dovecot.sh", 'count', $dv, 'minwon', $_[0]))[0] + 0 };
    is $cnt->('INBOX'), 0, '... the inbox is empty afterwards';
    is $cnt->('Processed'), 4, '... handled mail moved to Processed';
    is $cnt->('Failed'), 2, '... the refused one moved to Failed, with a note';
    my ($note) = Madang::Test::_run("$REPO/scripts/dovecot.sh", 'text', $dv, 'minwon', 'Failed');
    $note = $note =~ /madang-mailin: not filed/;
    ok $note, '... the note says why';
    ($st) = mailin(undef, '--imap');
    is count('SELECT COUNT(*) FROM cases'), $n0 + 4, 'a second pass files nothing more';

    # --loop: polls until SIGTERM, and a mail delivered meanwhile is filed.
    my $pid = fork // die "fork: $!";
    if (!$pid) {
        open STDOUT, '>', "$dv/loop.out";
        open STDERR, '>&', \*STDOUT;
        exec "$build/madang-mailin", '--config', $s->config, '--imap', '--loop', '--interval', '1';
        exit 127;
    }
    my ($lfh, $lfn) = tempfile(DIR => $dv);
    print {$lfh} mail(from => 'loop@example.net', id => 'loop1@example.net', subject => 'loop');
    close $lfh;
    Madang::Test::_run("$REPO/scripts/dovecot.sh", 'deliver', $dv, 'minwon', $lfn);
    my $filed = Madang::Test::wait_until(20, sub {
        count(q{SELECT COUNT(*) FROM mail_intake WHERE message_key = '<loop1@example.net>'}) });
    ok $filed, '--imap --loop files a mail delivered while it runs';
    kill 'TERM', $pid;
    waitpid $pid, 0;
    is $?, 0, '... and exits 0 on SIGTERM';
    $done->();
}

my @bad = grep { /\b(ERROR|error)\b/ && !/refused|not filed|no text|longer than|more than/ }
    split /\n/, Madang::Test::_slurp("$dir/log/mailin.log");
is "@bad", '', 'no unexpected errors in mailin.log';

done_testing;
