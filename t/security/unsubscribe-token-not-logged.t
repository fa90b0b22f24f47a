# SPDX-License-Identifier: AGPL-3.0-or-later
# unsubscribe-token-not-logged.t: the one-click unsubscribe link keeps
# working, but its token (a credential: it turns a person's e-mail off)
# never reaches nginx's access log nor madang-web's log (issue 8, "signed
# links"). A mail provider's RFC 8058 POST (List-Unsubscribe=One-Click, no
# cookie, no CSRF token) and a person who opens the link, whose page then
# loads its style sheet (the link in the Referer), leave the path in the
# logs without the token. The rating link's token is kept out likewise.
use strict;
use warnings;
use Test::More;
use Digest::SHA qw(hmac_sha256);
use HTTP::Request::Common qw(POST);
use MIME::Base64 qw(encode_base64url);
use Madang::Test qw(wait_until);

my $s = Madang::Test->start(seed => 1);

my ($secret_hex) = do { open my $fh, '<', $s->dir . '/run/secret' or die $!; local $/; <$fh> } =~ /([0-9a-f]{64})/i;
my $key = pack 'H*', $secret_hex;
sub signed { my ($label, $subject) = @_; return "$subject." . encode_base64url(hmac_sha256("$label:$subject", $key)) }
sub slurp { my ($f) = @_; open my $fh, '<:raw', $f or return ''; local $/; return <$fh> }
my $access_log = $s->dir . '/log/nginx-access.log';

my $id = $s->sql_value(q{SELECT id FROM accounts WHERE login_id = 'traffic.kim'});
$s->sql("UPDATE accounts SET notify_email = 1 WHERE id = $id");
my $token = signed('unsub', $id);
my ($mac) = $token =~ /\.(.+)\z/;
my $url = $s->url("/unsubscribe/$token");
my $anon = $s->ua(cookie_jar => undef);

# A person opens the link; the page loads its style sheet with the link as
# Referer (same-origin policy sends the whole URL).
my $r = $anon->get($url);
is $r->code, 200, 'the unsubscribe link opens';
my ($css) = ($r->decoded_content // '') =~ m{<link rel="stylesheet" href="(/assets/[^"]+)"};
ok $css, "... its page loads a style sheet ($css)";
is $anon->get($s->url($css), Referer => $url)->code, 200, '... fetched with the link as Referer';

# The mail provider's one-click POST.
$r = $anon->request(POST $url, Content_Type => 'application/x-www-form-urlencoded',
    Content => 'List-Unsubscribe=One-Click');
is $r->code, 200, 'the one-click POST (RFC 8058) is answered';
is $s->sql_value("SELECT notify_email FROM accounts WHERE id = $id"), 0, "... and turns the account's e-mail off";

# A rating link (a row as an answer's notice makes it), whose token is as
# much a credential until it is used.
my $nonce = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
$s->sql("INSERT INTO satisfaction (case_id, nonce, created_at) SELECT MIN(id), '$nonce', NOW() FROM cases");
my $rate_token = signed('rate', $nonce);
is $anon->get($s->url("/rate/$rate_token"))->code, 200, 'a rating link opens';

# nginx writes each access-log line after its answer has gone out, so the
# client can be ahead of the log: wait for the last request's line.
my $log = '';
wait_until(5, sub { ($log = slurp($access_log)) =~ m{"GET /rate/} });
like $log, qr{"POST /unsubscribe/\S* HTTP/1\.1" 200 }, "nginx's access log has the one-click POST";
like $log, qr{"GET /unsubscribe/\S* HTTP/1\.1" 200 }, '... and the GET';
like $log, qr{"GET \Q$css\E HTTP/1\.1" 200 }, '... and the style sheet';
unlike $log, qr/\Q$mac\E/, '... but nowhere the unsubscribe token';
unlike $log, qr/\Q$token\E/, '... nor the whole link';
unlike $log, qr{/unsubscribe/\Q$id\E\b}, '... nor the account id it names';
like $log, qr{"GET /rate/\S* HTTP/1\.1" 200 }, '... the rating link is logged';
unlike $log, qr/\Q$nonce\E/, '... without its token';

my $web_log = $s->log_text;
like $web_log, qr{POST /unsubscribe/}, "madang-web's log has the POST";
unlike $web_log, qr/\Q$mac\E/, '... without the token';
unlike $web_log, qr/\Q$nonce\E/, '... nor the rating token';

$s->stop;
done_testing;
