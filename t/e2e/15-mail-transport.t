# SPDX-License-Identifier: AGPL-3.0-or-later
# 15-mail-transport.t: lib/notify/mail.c against a real SMTP server
# (scripts/smtp-sink.py): Korean headers arrive intact, a 550 recipient is a
# permanent failure while the rest are delivered, 451/421 and a stopped
# server are temporary failures, AUTH works, and an address with CR/LF is
# never sent.
use strict;
use warnings;
use utf8;

use Test::More;
use Cwd qw(abs_path);
use File::Basename qw(dirname);
use File::Temp qw(tempdir);
use Madang::Mail;

my $REPO = abs_path(dirname(__FILE__) . '/../..');
my $BUILD = abs_path($ENV{MADANG_BUILD} // "$REPO/build") // "$REPO/build";
my $CHECK = "$BUILD/t/unit/mail-send-check";
plan skip_all => "$CHECK missing: run make build (or set MADANG_BUILD)" unless -x $CHECK;
plan skip_all => 'python3-aiosmtpd missing (scripts/deps.sh test)'
    unless system('/usr/bin/python3', '-c', 'import aiosmtpd') == 0;

my $FROM = 'noreply@madang.example.kr';
my $SUBJECT = '[마당] 민원이 접수되었습니다 2026-000123';
my @SANITIZER_RE = (qr/ERROR: AddressSanitizer/, qr/runtime error:/, qr/LeakSanitizer/);

my $dir = tempdir('madang-mail-XXXXXX', TMPDIR => 1, CLEANUP => !$ENV{MADANG_KEEP});
my $sink = Madang::Mail->start(dir => "$dir/sink");

# Runs mail-send-check (options, then host, port, sender, recipients);
# returns (session rc, { rcpt => { rc, code, id, err } }).
sub run_check {
    my (%o) = @_;
    my @cmd = ($CHECK, '--timeout', 5, '--tag', $o{tag},
               @{ $o{opts} // [] }, '127.0.0.1', $o{port} // $sink->port, $FROM,
               @{ $o{rcpts} });
    my $errfile = "$dir/check.err";
    my $pid = open(my $out, '-|') // die "fork: $!";
    if (!$pid) {
        open STDERR, '>', $errfile or die;
        exec @cmd or exit 127;
    }
    my ($session, %items);
    while (my $line = <$out>) {
        chomp $line;
        if ($line =~ /^session (\S+)/) { $session = $1; next }
        my ($i, $rcpt, $rc, $code, $id, $why) =
            $line =~ /^item (\d+) (.+?) (\S+) (\d+) (\S+) ?(.*)\z/s or next;
        $items{$rcpt} = { rc => $rc, code => $code, id => $id, err => $why };
    }
    close $out;
    is $? >> 8, 0, "$o{tag}: mail-send-check exits 0";
    my $stderr = do { local (@ARGV, $/) = ($errfile); <> } // '';
    for my $re (@SANITIZER_RE) {
        unlike $stderr, $re, "$o{tag}: no sanitizer report";
    }
    return ($session, \%items);
}

# --- a batch of 3, one recipient refused with 550 ---
$sink->reject('bad@example.kr');
my ($s, $it) = run_check(tag => 'e2e', rcpts => [qw(hong@example.kr bad@example.kr kim@example.kr)]);
is $s, 'ok', 'session ran';
is $it->{'hong@example.kr'}{rc}, 'ok', 'first delivered';
is $it->{'kim@example.kr'}{rc}, 'ok', 'third delivered';
is $it->{'bad@example.kr'}{rc}, 'permanent-failure', '550 recipient is a permanent failure';
is $it->{'bad@example.kr'}{code}, 550, '... with its SMTP code';
like $it->{'bad@example.kr'}{err}, qr/^RCPT TO: 550 5\.1\.1 mailbox unavailable/, '... and the server text';

ok $sink->wait_for(2, 10), 'two messages stored';
my @m = $sink->messages;
is scalar(@m), 2, 'exactly two: nothing for the refused address';
for my $m (@m) {
    is $m->{subject}, $SUBJECT, "Korean subject decoded intact ($m->{message_id})";
    is $m->{from}, "마당 민원센터 <$FROM>", 'Korean From name decoded intact';
    like $m->{to}, qr/^홍길동 <(hong|kim)\@example\.kr>\z/, 'Korean To name decoded intact';
    is $m->{env_from}, $FROM, 'envelope sender';
    like $m->{text}, qr/접수번호: 2026-000123\r\n\z/, 'text part decoded';
    like $m->{html}, qr{<b>2026-000123</b>}, 'html part decoded';
    ok !exists $m->{headers}{bcc}, 'no Bcc header';
}
is_deeply [ sort map { $_->{env_to}[0] } @m ], [qw(hong@example.kr kim@example.kr)],
    'envelope recipients';
my %ids = $sink->count_by_message_id;
is_deeply \%ids, { 'check-e2e-0@madang.test' => 1, 'check-e2e-2@madang.test' => 1 },
    'one message per Message-ID, none for the refused one';

# --- header injection through the recipient: refused, never sent ---
($s, $it) = run_check(tag => 'inject', rcpts => ["evil\@example.kr\r\nBcc: x\@y.kr", 'ok@example.kr']);
is $it->{'ok@example.kr'}{rc}, 'ok', 'the valid one goes';
my ($evil) = grep { /^evil/ } keys %$it;
is $it->{$evil}{rc}, 'permanent-failure', 'CR/LF in an address: permanent failure';
ok $sink->wait_for(3, 10), 'third message stored';
is $sink->count, 3, 'the address with CR/LF was not sent';
unlike join('', map { $_->{raw} } $sink->messages), qr/^Bcc:/mi, 'no Bcc line anywhere';

# --- temporary failures: 451, 421, server down ---
$sink->tempfail(1);
($s, $it) = run_check(tag => 'tf451', rcpts => [qw(a@example.kr b@example.kr)]);
is $s, 'ok', '451: the session ran';
is_deeply [ map { $it->{$_}{rc} } qw(a@example.kr b@example.kr) ],
    [ ('temporary-failure') x 2 ], '451: every item temporarily failed';
like $it->{'a@example.kr'}{err}, qr/451 4\.3\.0/, '451: the server text kept';

$sink->tempfail(1, 421);
($s, $it) = run_check(tag => 'tf421', rcpts => [qw(a@example.kr b@example.kr)]);
is_deeply [ map { $it->{$_}{rc} } qw(a@example.kr b@example.kr) ],
    [ ('temporary-failure') x 2 ], '421 and hang-up: every item temporarily failed';
$sink->tempfail(0);
is $sink->count, 3, 'nothing stored while failing';

$sink->stop;
($s, $it) = run_check(tag => 'down', rcpts => [qw(a@example.kr b@example.kr c@example.kr)]);
is $s, 'temporary-failure', 'server down: the session is a temporary failure';
is_deeply [ map { $it->{$_}{rc} } qw(a@example.kr b@example.kr c@example.kr) ],
    [ ('temporary-failure') x 3 ], 'server down: every item temporarily failed';
like $it->{'a@example.kr'}{err}, qr/refused/i, 'server down: the reason says so';

$sink->restart;
($s, $it) = run_check(tag => 'back', rcpts => [qw(a@example.kr)]);
is $it->{'a@example.kr'}{rc}, 'ok', 'server back: delivered';
$sink->stop;

# --- AUTH (LOGIN or PLAIN, no TLS on loopback) ---
my $auth = Madang::Mail->start(dir => "$dir/auth", auth => 'madang:s3cret');
($s, $it) = run_check(tag => 'auth', port => $auth->port,
                      opts => [ '--user', 'madang', '--password', 's3cret' ],
                      rcpts => [qw(a@example.kr)]);
is $it->{'a@example.kr'}{rc}, 'ok', 'AUTH: delivered with the right password';
($s, $it) = run_check(tag => 'noauth', port => $auth->port, rcpts => [qw(a@example.kr)]);
is $it->{'a@example.kr'}{rc}, 'temporary-failure',
    'AUTH required but not configured: temporary (530 is a configuration error)';
is $auth->count, 1, 'AUTH sink stored one';
$auth->stop;

done_testing;
