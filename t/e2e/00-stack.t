# SPDX-License-Identifier: AGPL-3.0-or-later
# 00-stack.t: the stack starts, answers /healthz, sends the security headers,
# serves static files through nginx and renders nginx's 413 with the app.
use strict;
use warnings;
use Test::More;
use HTTP::Request;
use Madang::Test;

my $s = Madang::Test->start;
my $ua = $s->ua;

# Health check: MariaDB answers, madang-web answers through nginx.
my $r = $ua->get($s->url('/healthz'));
is $r->code, 200, 'GET /healthz is 200';
like $r->decoded_content, qr/\Aok\r?\n?\z/, 'GET /healthz says ok';

sub security_headers_ok {
    my ($res, $what) = @_;
    my $csp = $res->header('Content-Security-Policy') // '';
    like $csp, qr/default-src 'self'/, "$what: Content-Security-Policy";
    unlike $csp, qr/unsafe-inline|unsafe-eval/, "$what: CSP allows no inline script or style";
    like $csp, qr/frame-ancestors 'none'/, "$what: CSP frame-ancestors 'none'";
    is $res->header('X-Content-Type-Options'), 'nosniff', "$what: X-Content-Type-Options";
    ok $res->header('Referrer-Policy'), "$what: Referrer-Policy";
}

# The app's own responses: a page and a page that does not exist.
$r = $ua->get($s->url('/'));
ok $r->code < 500, 'GET / is not a server error' or diag $r->status_line;
security_headers_ok($r, 'GET /');

$r = $ua->get($s->url('/no-such-page-e2e'));
is $r->code, 404, 'an unknown path is 404';
security_headers_ok($r, '404 page');

# Static files come from nginx (ETag and a long max-age are nginx's), with
# the same security headers.
my $css_file = "$Madang::Test::REPO/static/assets/site.css";
$r = $ua->get($s->url('/assets/site.css'));
is $r->code, 200, 'GET /assets/site.css is 200';
like $r->header('Content-Type'), qr{^text/css}, 'site.css is text/css';
ok defined $r->header('ETag'), 'site.css has an ETag (served by nginx)';
like $r->header('Cache-Control') // '', qr/max-age=\d{6,}/, 'site.css is cached long';
is length($r->content), -s $css_file, 'site.css has the bytes of static/assets/site.css';
security_headers_ok($r, 'static file');

$r = $ua->get($s->url('/assets/no-such-file.css'));
is $r->code, 404, 'a missing static file is 404';

# The internal error location is not reachable from outside.
$r = $ua->get($s->url('/_error/413'));
isnt $r->code, 413, 'GET /_error/413 from outside does not render the 413 page';

# A 100 MB body: nginx refuses it without passing it on, and the 413 page it
# sends is the app's (rendered for a GET), not nginx's own.
{
    local $SIG{PIPE} = 'IGNORE';
    my $total = 100 * 1024 * 1024;
    for my $expect (0, 1) {
        my $left = $total;
        my $chunk = 'x' x (1024 * 1024);
        my $req = HTTP::Request->new(
            POST => $s->url('/'),
            [
                'Content-Type'   => 'application/x-www-form-urlencoded',
                'Content-Length' => $total,
                ($expect ? ('Expect' => '100-continue') : ()),
            ],
            sub {
                return undef if $left <= 0;
                $left -= length $chunk;
                return $chunk;
            },
        );
        my $what = $expect ? '100 MB POST with Expect' : '100 MB POST';
        my $big = $ua->request($req);
        is $big->code, 413, "$what: 413" or diag $big->status_line;
        my $body = $big->decoded_content // '';
        unlike $body, qr{<center>nginx</center>}, "$what: not nginx's own 413 page";
        like $body, qr/<html/i, "$what: an HTML page";
        like $big->header('Content-Security-Policy') // '', qr/default-src/,
            "$what: the app's page (it carries the app's headers)";

        $r = $s->ua->get($s->url('/healthz'));
        is $r->code, 200, "$what: the next request is served";
    }
}
like $s->nginx_error_text, qr/too large body/, 'nginx logged the refused body';

ok $s->stop, 'stack stops cleanly';
done_testing;
