# SPDX-License-Identifier: AGPL-3.0-or-later
# guest-link-token-not-logged.t: a guest's tracking link
# (/cases/TRACKING?k=TOKEN, the token HMAC-SHA-256 under the site key over
# "case:CASE_ID:ACCOUNT_ID" cut to 16 bytes, computed here) is a
# credential: it shows a private case and lets its holder write to it. It
# opens only its own case and only while the owner is a guest; it never
# reaches nginx's access log (request line or Referer of what the page
# loads, nor the redirect after a form) nor madang-web's log; and the
# page's Referrer-Policy keeps it from other sites.
use strict;
use warnings;
use utf8;
use Test::More;
use Digest::SHA qw(hmac_sha256);
use MIME::Base64 qw(encode_base64url);
use Madang::Test qw(wait_until);

my $s = Madang::Test->start(seed => 1);

my ($secret_hex) = do { open my $fh, '<', $s->dir . '/run/secret' or die $!; local $/; <$fh> } =~ /([0-9a-f]{64})/i;
my $key = pack 'H*', $secret_hex;
sub token { my ($case, $account) = @_; return encode_base64url(substr(hmac_sha256("case:$case:$account", $key), 0, 16)) }
sub slurp { my ($f) = @_; open my $fh, '<:raw', $f or return ''; local $/; return <$fh> }

# A private case of a guest (as a mail intake files it).
$s->sql(q{INSERT INTO accounts (name, email, kind, lang) VALUES ('손님', 'guest.sec@example.net', 'guest', 'ko')});
my $guest = $s->sql_value(q{SELECT id FROM accounts WHERE email = 'guest.sec@example.net'});
my ($case, $tracking) = @{ ($s->sql(q{SELECT id, tracking_no FROM cases
    WHERE status NOT IN ('closed', 'withdrawn', 'rejected') ORDER BY id LIMIT 1}))[0] };
$s->sql("UPDATE cases SET account_id = $guest, is_public = 0 WHERE id = $case");
my $token = token($case, $guest);
my $link = $s->url("/cases/$tracking?k=$token");
my $anon = $s->ua(cookie_jar => {});

my $r = $anon->get($link);
is $r->code, 200, 'the link computed from the site key opens the private case';
is $r->header('Referrer-Policy'), 'same-origin', '... whose page sends no Referer to other sites';
is $anon->get($s->url("/cases/$tracking"))->code, 404, 'without it: not found';
is $anon->get($s->url("/cases/$tracking?k=" . token($case + 1, $guest)))->code, 404, "another case's token: not found";
is $anon->get($s->url("/cases/$tracking?k=" . token($case, $guest + 1)))->code, 404, "another account's: not found";
my ($css) = ($r->decoded_content // '') =~ m{<link rel="stylesheet" href="(/assets/[^"]+)"};
is $anon->get($s->url($css), Referer => $link)->code, 200, 'its style sheet loads with the link as Referer';

# The message form's POST answers with a redirect that carries the link.
my ($csrf) = ($r->decoded_content // '') =~ /name="csrf" value="([^"]+)"/;
$r = $anon->post($s->url("/cases/$tracking/message"), [csrf => $csrf, k => $token, text => 'log check']);
is $r->code, 303, "a message through the link" or diag $r->code;
is $anon->get($s->url($r->header('Location')))->code, 200, '... and the page after it';

# A citizen's own case: the link means nothing once the owner is not a guest.
$s->sql("UPDATE accounts SET kind = 'citizen' WHERE id = $guest");
is $anon->get($link)->code, 404, 'the owner no longer a guest: the link opens nothing';

my $log = '';
wait_until(5, sub { ($log = slurp($s->dir . '/log/nginx-access.log')) =~ m{"GET /cases/\S+ HTTP/1\.1" 404 .*\n.*\z}s });
like $log, qr{"GET /cases/\Q$tracking\E\?k=- HTTP/1\.1" 200 }, "nginx's access log has the link, k without its value";
like $log, qr{"GET /cases/\Q$tracking\E\?done=message&k=- HTTP/1\.1" 200 }, '... and the redirect target';
like $log, qr{"GET \Q$css\E HTTP/1\.1" 200 \d+ "[^"]*/cases/\Q$tracking\E\?k=-"}, '... the Referer without the value';
unlike $log, qr/\Q$token\E/, '... nowhere the token';
unlike $s->log_text, qr/\Q$token\E/, "madang-web's log neither";

$s->stop;
done_testing;
