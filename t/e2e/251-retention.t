# SPDX-License-Identifier: AGPL-3.0-or-later
# 251-retention.t: the retention job (issue 13 §4) on the real stack.
# Rows of each kind past their time (sessions, second-factor steps,
# verification codes and recovery links, throttle rows of every kind,
# real-name states) are gone after the
# notifier's daily run, fresh ones kept; a case closed more than
# retention.closed_case_years ago loses its guest filer's contact, its
# attachment (row and file), the call note and the house number, while
# its figures in /staff/reports stay the same; a younger closed case and
# an open old one are kept; running again (notifier, madangctl) is
# harmless; the lease row keeps a second run out; madangctl
# verify-carry-over marks existing accounts' contacts verified.
use strict;
use warnings;
use utf8;
use Test::More;
use Madang::Test qw(body_of);
use Madang::Notify;
use Madang::Staff qw(signed_in);

binmode $_, ':encoding(UTF-8)'
    for map { Test::More->builder->$_ } qw(output failure_output todo_output);

my $n = Madang::Notify->start(seed => 1);
my $s = $n->stack;
# NOW() as madang's connections read it (db.time_zone).
my $tz = "SET time_zone = '" . ($s->config_value('db.time_zone') // '+09:00') . "'; ";
sub sql { $s->sql($tz . $_[0]) }
sub val { $s->sql_value($tz . $_[0]) }

my $citizen = val("SELECT id FROM accounts WHERE login_id = 'citizen'");
my $sup = signed_in($s, 'admin', 'madang-admin-2026');
my $cit = signed_in($s, 'citizen', 'madang-citizen-2026');

# ------------------------------------------------------------ the rows
# Each kind once past its time (marked 'old') and once fresh.
sql("INSERT INTO sessions (token_hash, account_id, created_at, last_seen_at, client_addr) VALUES
     (UNHEX(SHA2('old-idle', 256)), $citizen, NOW() - INTERVAL 3 HOUR, NOW() - INTERVAL 2 HOUR, '192.0.2.1'),
     (UNHEX(SHA2('old-long', 256)), $citizen, NOW() - INTERVAL 13 HOUR, NOW(), '192.0.2.1'),
     (UNHEX(SHA2('fresh', 256)), $citizen, NOW() - INTERVAL 1 HOUR, NOW() - INTERVAL 5 MINUTE, '192.0.2.1')");
sql("INSERT INTO contact_codes (account_id, purpose, address, secret_hash, created_at, expires_at, used_at) VALUES
     ($citizen, 'mobile', 'old-expired', SHA2('a', 256), NOW() - INTERVAL 1 HOUR, NOW() - INTERVAL 55 MINUTE, NULL),
     ($citizen, 'reset', 'old-used', SHA2('b', 256), NOW() - INTERVAL 2 HOUR, NOW() - INTERVAL 90 MINUTE, NOW() - INTERVAL 2 HOUR),
     ($citizen, 'email', 'fresh-used', SHA2('c', 256), NOW() - INTERVAL 1 MINUTE, NOW() + INTERVAL 1 DAY, NOW()),
     ($citizen, 'reset', 'fresh', SHA2('d', 256), NOW(), NOW() + INTERVAL 30 MINUTE, NULL)");
sql("INSERT INTO rate_events (scope, subject, at) VALUES
     ('old', SHA2('x', 256), NOW() - INTERVAL 25 HOUR), ('fresh', SHA2('x', 256), NOW() - INTERVAL 23 HOUR)");
sql("INSERT INTO login_throttle (scope, subject, attempts, last_attempt_at) VALUES
     ('login', 'old', 3, NOW() - INTERVAL 2 DAY), ('login', 'fresh', 3, NOW())");
sql("INSERT INTO login_failures (scope, subject, failed_at) VALUES
     ('login', 'old-fail', NOW() - INTERVAL 25 HOUR), ('login', 'fresh-fail', NOW() - INTERVAL 1 HOUR)");
sql("INSERT INTO moderation_posts (kind, account_id, client_addr, created_at) VALUES
     ('post', $citizen, '192.0.2.71', NOW() - INTERVAL 25 HOUR), ('post', $citizen, '192.0.2.72', NOW())");
sql("INSERT INTO totp_pending (token_hash, account_id, created_at) VALUES
     (UNHEX(SHA2('old-pending', 256)), $citizen, NOW() - INTERVAL 11 MINUTE),
     (UNHEX(SHA2('fresh-pending', 256)), $citizen, NOW() - INTERVAL 1 MINUTE)");
sql("INSERT INTO identity_states (nonce, account_id, created_at) VALUES
     ('0ld0000000000000000000000000000a', $citizen, NOW() - INTERVAL 11 MINUTE),
     ('fresh00000000000000000000000000a', $citizen, NOW() - INTERVAL 1 MINUTE)");

# ------------------------------------------------------------ the cases
# Three closed demo cases: one closed six years ago by a guest (with an
# attachment, a call note, an address), one closed four years ago, one
# six years old but still open.
my @closed = map { $_->[0] } sql("SELECT id FROM cases WHERE status = 'closed' ORDER BY id LIMIT 2");
my $open = val("SELECT id FROM cases WHERE status IN ('received', 'assigned') ORDER BY id LIMIT 1");
my ($old, $young) = @closed;
ok $old && $young && $open, 'the demo has closed and open cases';
sql("INSERT INTO accounts (name, email, mobile, kind, active, email_verified_at) VALUES
     ('손님 보존', 'guest.keep\@example.org', '01099990001', 'guest', 1, NOW())");
my $guest = val("SELECT id FROM accounts WHERE email = 'guest.keep\@example.org'");
sql("UPDATE cases SET account_id = $guest, address = '서울 중구 세종대로 110 3층',
       created_at = '2020-03-02 10:00:00', closed_at = '2020-04-01 10:00:00', updated_at = '2020-04-01 10:00:00'
     WHERE id = $old");
sql("UPDATE cases SET created_at = NOW() - INTERVAL 4 YEAR, closed_at = NOW() - INTERVAL 4 YEAR,
       updated_at = NOW() - INTERVAL 4 YEAR WHERE id = $young");
sql("UPDATE cases SET created_at = '2020-05-04 10:00:00', updated_at = '2020-05-04 10:00:00' WHERE id = $open");
my $agent = val("SELECT id FROM accounts WHERE kind = 'staff' ORDER BY id LIMIT 1");
sql("INSERT INTO calls (caller_id, phone, agent_id, case_id, kind, note, created_at) VALUES
     ($guest, '01099990001', $agent, $old, 'filed', '부재 시 옆집 김씨에게', '2020-03-02 10:00:00'),
     ($guest, '01099990001', $agent, $young, 'note', '젊은 사건 메모', NOW() - INTERVAL 4 YEAR)");
my $stored = 'ab' . ('0' x 30);
my $file = $s->dir . "/uploads/ab/$stored";
mkdir $s->dir . '/uploads/ab';
open my $fh, '>', $file or die "$file: $!";
print $fh "a photo of the filer's house\n";
close $fh;
sql("INSERT INTO attachments (case_id, stored_name, original_name, mime_type, size_bytes, created_at) VALUES
     ($old, '$stored', 'house.jpg', 'image/jpeg', 29, '2020-03-02 10:00:00')");

# The demo's waiting proposal review is filed by the first tick: before
# the figures are read, so that only the retention job comes between.
$s->ctl('tick');
my $report_q = 'from=2020-01-01&to=2020-12-31&group=category';
sub figures { my $r = $sup->get($s->url("/staff/reports.csv?$report_q")); is $r->code, 200, 'the report'; $r->content }
my $before = figures();
like $before, qr/\d/, 'the report of 2020 has figures';

# ------------------------------------------------------------ the daily run
my $r = $n->run_ok('the first run of the day');
like $r->{log}, qr/retention: sessions=\d+ codes=\d+ throttle=\d+ states=\d+ cases=1 guests=1 files=1/,
    'it ran the retention job: one case, its guest and its file';
is val("SELECT COUNT(*) FROM retention_runs WHERE day = CURDATE()"), 1, 'the day is recorded';

is val("SELECT COUNT(*) FROM sessions WHERE token_hash IN (UNHEX(SHA2('old-idle', 256)), UNHEX(SHA2('old-long', 256)))"),
    0, 'idle and too old sessions are gone';
is val("SELECT COUNT(*) FROM sessions WHERE token_hash = UNHEX(SHA2('fresh', 256))"), 1, 'a live one stays';
is $cit->get($s->url('/my'))->code, 200, 'and a signed-in citizen stays signed in';
is join(',', map { $_->[0] } sql("SELECT address FROM contact_codes WHERE account_id = $citizen ORDER BY address")),
    'fresh,fresh-used', 'expired codes and used recovery links are gone; unexpired ones (used or not) stay';
is join(',', map { $_->[0] } sql("SELECT scope FROM rate_events WHERE scope IN ('old', 'fresh')")), 'fresh',
    'throttle events older than a day are gone';
is join(',', map { $_->[0] } sql("SELECT subject FROM login_throttle WHERE subject IN ('old', 'fresh')")), 'fresh',
    'so is an old sign-in throttle row';
is join(',', map { $_->[0] } sql("SELECT subject FROM login_failures WHERE subject IN ('old-fail', 'fresh-fail')")),
    'fresh-fail', 'and old sign-in failures';
is join(',', map { $_->[0] } sql("SELECT client_addr FROM moderation_posts WHERE client_addr LIKE '192.0.2.7%'")),
    '192.0.2.72', "and the moderation throttle's old posts";
is val("SELECT GROUP_CONCAT(HEX(token_hash) = SHA2('fresh-pending', 256)) FROM totp_pending WHERE account_id = $citizen"),
    '1', 'a second-factor step past its 10 minutes is gone, a fresh one kept';
is join(',', map { $_->[0] } sql("SELECT nonce FROM identity_states WHERE account_id = $citizen")),
    'fresh00000000000000000000000000a', 'real-name states past their minutes are gone';

my ($g) = sql("SELECT name, COALESCE(email, '-'), COALESCE(mobile, '-'), COALESCE(email_verified_at, '-')
               FROM accounts WHERE id = $guest");
is_deeply $g, ['', '-', '-', '-'], "the old case's guest filer has no contact left";
is val("SELECT COUNT(*) FROM attachments WHERE case_id = $old"), 0, 'its attachment row is gone';
ok !-e $file, 'and so is the file';
is_deeply [sql("SELECT COALESCE(phone, '-'), note FROM calls WHERE case_id = $old")], [['-', '']],
    "the agent's call note and the caller's number are gone";
my ($c) = sql("SELECT address, anonymised_at IS NOT NULL, status, tracking_no IS NOT NULL FROM cases WHERE id = $old");
is_deeply $c, ['서울 중구 세종대로 …', 1, 'closed', 1], 'the address keeps its street only; the case stays';
is val("SELECT anonymised_at FROM cases WHERE id = $young"), undef, 'a case closed four years ago is kept';
is val("SELECT note FROM calls WHERE case_id = $young"), '젊은 사건 메모', '... with its call note';
is val("SELECT anonymised_at FROM cases WHERE id = $open"), undef, 'an old case still open is kept';
is figures(), $before, "the report's figures of 2020 are unchanged";

# ------------------------------------------------------------ again
$r = $n->run_ok('a later run of the same day');
unlike $r->{log}, qr/retention:/, 'does not run the job again';
my ($out, $st) = $s->ctl('retention');
is $st, 0, 'madangctl retention runs';
like $out, qr/retention: sessions=\d+ codes=0 throttle=0 states=0 cases=0 guests=0 files=0/,
    'and finds nothing more to do';
is_deeply [sql("SELECT name, COALESCE(email, '-') FROM accounts WHERE id = $guest")], [['', '-']],
    'running twice is harmless';

# A shorter period from the setting reaches the younger case.
sql("INSERT INTO settings (name, value) VALUES ('retention.closed_case_years', '3')
     ON DUPLICATE KEY UPDATE value = '3'");
like scalar $s->ctl('retention'), qr/cases=1 /, 'retention.closed_case_years = 3 takes the 4-year-old case';
is val("SELECT COALESCE(NULLIF(note, ''), '-') FROM calls WHERE case_id = $young"), '-', '... and its note';
sql("DELETE FROM settings WHERE name = 'retention.closed_case_years'");

# --now: the clock of the run (a date alone is its midnight).
like scalar $s->ctl('retention', '--now', '2037-06-01'), qr/cases=[1-9]/,
    'with --now 2037-06-01 the cases closed this year are old enough';
($out, $st) = $s->ctl('retention', '--now', 'tomorrow');
is $st, 2, 'a --now that is no date is refused';

# ------------------------------------------------------------ the lease
# Another process holding the lease row keeps madangctl out.
sql("UPDATE job_leases SET owner = 'elsewhere:1', until = NOW() + INTERVAL 1 HOUR WHERE name = 'retention'");
($out, $st) = $s->ctl('retention');
is $st, 0, 'madangctl retention does not fail';
like $out, qr/^busy:/m, 'but does nothing while another process holds the lease';
sql("UPDATE job_leases SET until = NOW() - INTERVAL 1 SECOND WHERE name = 'retention'");
like scalar $s->ctl('retention'), qr/cases=/, 'a lease whose time passed is taken';
is val("SELECT until < NOW() FROM job_leases WHERE name = 'retention'"), 1, '... and given back after the run';

# Two at once: both succeed, the work is done once.
sql("UPDATE accounts SET name = '손님 둘', email = 'guest.two\@example.org' WHERE id = $guest");
sql("UPDATE cases SET anonymised_at = NULL WHERE id = $old");
my @runs = map {
    my $p = open my $h, '-|', $s->{build} . '/madangctl', '--config', $s->config, 'retention' or die $!;
    [$p, $h]
} 1 .. 2;
my @outs = map { my $h = $_->[1]; local $/; my $o = <$h>; close $h; [$o, $? >> 8] } @runs;
is_deeply [map { $_->[1] } @outs], [0, 0], 'two runs at once both succeed';
my $cases = 0;
$cases += ($_->[0] =~ /cases=(\d+)/ ? $1 : 0) for @outs;
is $cases, 1, 'the case is anonymised once (one run, or the other)';
is val("SELECT COALESCE(email, '-') FROM accounts WHERE id = $guest"), '-', 'its guest emptied again';

# ------------------------------------------------------------ verify-carry-over
my $u1 = val("SELECT id FROM accounts WHERE login_id = 'citizen'");
sql("UPDATE accounts SET email_verified_at = NULL, mobile = '01077770001', mobile_verified_at = NULL WHERE id = $u1");
sql("INSERT INTO accounts (name, email, kind, active) VALUES ('손님 셋', 'guest.three\@example.org', 'guest', 1)");
($out, $st) = $s->ctl('verify-carry-over');
is $st, 2, 'verify-carry-over needs --email or --mobile';
like $out, qr/Usage: madangctl .*verify-carry-over/, '... and says so';
($out, $st) = $s->ctl('verify-carry-over', '--email');
is $st, 0, 'verify-carry-over --email';
like $out, qr/e-mail addresses marked verified: [1-9]\d*\nmobile numbers marked verified: 0/, '... counts';
is_deeply [sql("SELECT email_verified_at IS NOT NULL, mobile_verified_at IS NOT NULL FROM accounts WHERE id = $u1")],
    [[1, 0]], "the citizen's address is verified, the number not yet";
($out, $st) = $s->ctl('verify-carry-over', '--mobile');
is val("SELECT mobile_verified_at IS NOT NULL FROM accounts WHERE id = $u1"), 1, '--mobile: the number too';
is val("SELECT email_verified_at FROM accounts WHERE email = 'guest.three\@example.org'"), undef, 'guests are left alone';
is val("SELECT COUNT(*) FROM audit_log WHERE action = 'verify_carry_over'"), 2, 'each run is audited';
($out, $st) = $s->ctl('verify-carry-over', '--email');
like $out, qr/e-mail addresses marked verified: 0/, 'a second run changes nothing';
like scalar $s->ctl('--help'), qr/verify-carry-over/, 'madangctl --help names it';
like scalar $s->ctl('retention', '--help'), qr/retention\.closed_case_years/, 'retention --help names the setting';

done_testing;
