# SPDX-License-Identifier: AGPL-3.0-or-later
# https-host-cookies-and-hsts.t: the HTTPS posture (issue 8, "HTTPS
# posture"). Over HTTPS (web.https = 1, or nginx's HTTPS=on FastCGI
# parameter) every cookie (session, the anonymous CSRF binding, language)
# is __Host- prefixed and Secure, responses carry Strict-Transport-Security,
# and signing in works with the prefixed cookie while an unprefixed one is
# not believed. Over plain HTTP the cookies stay as they were, without
# HSTS.
use strict;
use warnings;
use Test::More;
use Madang::Test;
use Madang::FastCGI;

my $s = Madang::Test->start(seed => 1);
my $sock = $s->dir . '/run/web.sock';

# A client that keeps cookies by hand: LWP's jar would not send Secure
# cookies over the test's plain http://, which is what a browser behind a
# TLS terminator never sees anyway.
{
    package Jar;
    sub new { bless { c => {} }, shift }
    sub take {
        my ($self, $res) = @_;
        for my $line ($res->header('Set-Cookie')) {
            my ($name, $value) = $line =~ /^([^=;\s]+)=([^;]*)/ or next;
            if ($line =~ /;\s*Max-Age=0\b/i) { delete $self->{c}{$name} } else { $self->{c}{$name} = $value }
        }
        return $res;
    }
    sub header { my ($self) = @_; return join '; ', map { "$_=$self->{c}{$_}" } sort keys %{ $self->{c} } }
    sub get { $_[0]{c}{ $_[1] } }
}

sub cookies_of { my ($res) = @_; return [ $res->header('Set-Cookie') ] }
sub cookie_line {
    my ($res, $name) = @_;
    my ($line) = grep { /^\Q$name\E=/ } $res->header('Set-Cookie');
    return $line;
}

# ------------------------------------------------------------ plain HTTP

my $ua = $s->ua;
my $r = $ua->get($s->url('/login'));
is $r->code, 200, 'plain HTTP: the sign-in page';
my $anon = cookie_line($r, 'mdg_anon');
ok $anon, '... sets the anonymous CSRF cookie under its plain name' or diag explain cookies_of($r);
unlike $anon // '', qr/;\s*Secure/i, '... not Secure';
is scalar(grep { /__Host-/ } $r->header('Set-Cookie')), 0, '... no __Host- cookie';
is $r->header('Strict-Transport-Security'), undef, '... and no HSTS';
is Madang::Test::sign_in($s, $ua, 'citizen', 'madang-citizen-2026')->code, 303, '... signing in works';

sub _jar_names {
    my ($u) = @_;
    my @n;
    $u->cookie_jar->scan(sub { push @n, join "\t", $_[0], $_[1] });
    return @n;
}
ok scalar(grep { /\tmdg_session$/ } _jar_names($ua)), '... with the plain session cookie';

# ------------------------------------------------- HTTPS=on from nginx

$r = Madang::FastCGI::request($sock, Madang::FastCGI::params(GET => '/login', HTTPS => 'on'));
is $r->code, 200, 'HTTPS=on from nginx: the sign-in page';
like cookie_line($r, '__Host-mdg_anon') // '', qr/;\s*Path=\/.*;\s*Secure/i,
    '... sets __Host-mdg_anon, Path=/ and Secure' or diag explain cookies_of($r);
is scalar(grep { /^mdg_anon=/ } $r->header('Set-Cookie')), 0, '... and no unprefixed one';
like $r->header('Strict-Transport-Security') // '', qr/^max-age=\d{7,}/, '... with HSTS';

# ------------------------------------------------------ web.https = 1

$s->set_config('web.https' => 1);
$s->restart_web;

my $jar = Jar->new;
my $plain = $s->ua(cookie_jar => undef);
$r = $jar->take($plain->get($s->url('/login')));
is $r->code, 200, 'web.https = 1: the sign-in page';
my $line = cookie_line($r, '__Host-mdg_anon') // '';
like $line, qr/;\s*Secure/i, '... the CSRF cookie is __Host-mdg_anon and Secure' or diag explain cookies_of($r);
like $line, qr/;\s*Path=\//, '... with Path=/';
unlike $line, qr/;\s*Domain=/i, '... and no Domain';
like $r->header('Strict-Transport-Security') // '', qr/^max-age=31536000$/, '... HSTS for a year';
my $csrf = $s->csrf_from($r);

$r = $jar->take($plain->post($s->url('/login'), Cookie => $jar->header,
    Content => [ csrf => $csrf, login_id => 'citizen', password => 'madang-citizen-2026' ]));
is $r->code, 303, 'signing in works with the __Host- CSRF cookie';
$line = cookie_line($r, '__Host-mdg_session') // '';
like $line, qr/;\s*HttpOnly.*;\s*Secure/i, '... the session cookie is __Host-mdg_session, HttpOnly and Secure'
    or diag explain cookies_of($r);
like $r->header('Strict-Transport-Security') // '', qr/max-age=/, '... HSTS on the redirect too';
my $token = $jar->get('__Host-mdg_session');
ok $token, '... a session token came back';

$r = $plain->get($s->url('/account'), Cookie => $jar->header);
is $r->code, 200, 'the account page with the __Host- session cookie: signed in';
like $r->decoded_content // '', qr/citizen/, '... as the citizen';

$r = $plain->get($s->url('/account'), Cookie => "mdg_session=$token");
isnt $r->code, 200, 'the same token under the plain name is not believed over HTTPS';

$r = $jar->take($plain->post($s->url('/lang'), Cookie => $jar->header,
    Content => [ csrf => $s->csrf_from($plain->get($s->url('/'), Cookie => $jar->header)), lang => 'en', back => '/' ]));
is $r->code, 303, 'switching the language';
like cookie_line($r, '__Host-lang') // '', qr/^__Host-lang=en;.*;\s*Secure/i, '... sets __Host-lang, Secure'
    or diag explain cookies_of($r);
$r = $plain->get($s->url('/'), Cookie => '__Host-lang=en');
like $r->decoded_content // '', qr/<html lang="en"/, '... which is read back';

$s->stop;
done_testing;
