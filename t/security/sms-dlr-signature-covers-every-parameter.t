# SPDX-License-Identifier: AGPL-3.0-or-later
# sms-dlr-signature-covers-every-parameter.t: Kannel's delivery reports at
# /sms/dlr (issue 8, "signed links"). The dlr-url's HMAC covers every
# parameter Madang sets (ref and key) and the names of those Kannel fills
# in; a report with the old signature but another ref or key, or with a
# parameter added or repeated, is refused and records nothing. The values
# Kannel fills in (type, ts, reply) cannot be signed by Kannel: a report
# replayed with another status after the final one is refused instead,
# and the final status stays. (That the notifier puts this signature into
# its real dlr-url is checked by t/e2e/16-sms-transport.t.)
use strict;
use warnings;
use Test::More;
use Digest::SHA qw(hmac_sha256);
use MIME::Base64 qw(encode_base64url);
use Madang::Test;

my $SECRET = 'security-dlr-secret-0123456789abcdef';
my $s = Madang::Test->start(seed => 1, config => { 'sms.dlr_secret' => $SECRET });

sub sig {
    my ($ref, $key) = @_;
    return encode_base64url(hmac_sha256("madang-sms-dlr:2:ref=$ref&key=$key&type&ts&reply", $SECRET));
}
sub status_of { my ($id) = @_; return $s->sql_value("SELECT IFNULL(dlr_status, '-') FROM outbox WHERE id = $id") }

# Two SMS rows as the notifier leaves them once sent.
my $acct = $s->sql_value(q{SELECT id FROM accounts WHERE login_id = 'citizen'});
for my $n (1, 2) {
    $s->sql("INSERT INTO outbox (account_id, channel, lang, kind, recipient, payload, message_id, state,"
        . " attempts, next_attempt_at, created_at, sent_at)"
        . " VALUES ($acct, 'sms', 'ko', 'receipt', '+821012345678', '{}', 'dlr-sec-$n', 'sent', 1, NOW(), NOW(), NOW())");
}
my ($one, $two) = map { $_->[0] } $s->sql(q{SELECT id FROM outbox WHERE message_id LIKE 'dlr-sec-%' ORDER BY id});
ok $one && $two, "two sent SMS rows ($one, $two)";
my ($key1, $key2) = ("ob-$one.1", "ob-$two.1");

my $ua = $s->ua(cookie_jar => undef);
sub dlr { my ($q) = @_; return $ua->get($s->url("/sms/dlr?$q")) }

my $good = "ref=$one&key=$key1&sig=" . sig($one, $key1);

# What Kannel sends first: the SMSC's ack.
my $r = dlr("$good&type=8&ts=1795621222&reply=ACK%2F");
is $r->code, 200, 'the SMSC ack, as signed: taken';
is status_of($one), 'smsc_ack', '... recorded';

# The old signature with one parameter changed or added.
is dlr("ref=$two&key=$key1&sig=" . sig($one, $key1) . '&type=2')->code, 403,
    'another ref under the old signature: 403';
is dlr("ref=$one&key=$key2&sig=" . sig($one, $key1) . '&type=2')->code, 403,
    'another key under the old signature: 403';
is dlr("$good&type=2&ts=1795621222&reply=x&status=failed")->code, 403, 'a parameter added: 403';
is dlr("$good&type=2&type=1&ts=1795621222&reply=x")->code, 400, 'a parameter repeated: 400';
is dlr("ref=$one&sig=" . sig($one, $key1) . '&type=2')->code, 400, 'the key left out: 400';
is status_of($one), 'smsc_ack', '... none of them recorded anything';
is status_of($two), '-', "... nor on the other row";

# The final report, then the same URL replayed with another status.
is dlr("$good&type=1&ts=1795621230&reply=")->code, 200, 'the delivered report: taken';
is status_of($one), 'delivered', '... recorded';
$r = dlr("$good&type=2&ts=1795621230&reply=");
is $r->code, 409, 'the same URL replayed as "failed": refused';
is status_of($one), 'delivered', '... the final status stays';
is dlr("$good&type=8&ts=1795621231&reply=ACK%2F")->code, 409, 'a late SMSC ack after it: refused too';
is dlr("$good&type=1&ts=1795621230&reply=")->code, 200, 'the same final report again (a retry): taken';
is status_of($one), 'delivered', '... still delivered';

$s->stop;
done_testing;
