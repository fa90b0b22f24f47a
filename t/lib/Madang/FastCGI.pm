# SPDX-License-Identifier: AGPL-3.0-or-later
# Madang::FastCGI: a minimal FastCGI client for tests that talk to
# madang-web's socket directly, bypassing nginx.
package Madang::FastCGI;

=head1 NAME

Madang::FastCGI - speak FastCGI to madang-web's unix socket from a test

=head1 SYNOPSIS

    use Madang::FastCGI;

    # One request, the way nginx would send it (plus what nginx cannot:
    # HTTPS=on over a plain socket, a body sent as slowly as you like).
    my $res = Madang::FastCGI::request($s->dir . '/run/web.sock',
        Madang::FastCGI::params(GET => '/login', HTTPS => 'on'));
    print $res->code, $res->header('Set-Cookie');

    # Step by step: the worker holds the request while the body trickles in.
    my $c = Madang::FastCGI->connect($sock);
    $c->begin(Madang::FastCGI::params(POST => '/register',
        CONTENT_TYPE => 'application/x-www-form-urlencoded',
        CONTENT_LENGTH => length $body));
    $c->stdin(substr $body, 0, 10);
    ...                                   # the request is in flight
    $c->stdin(substr $body, 10);
    $c->end_stdin;
    my $res = $c->response;               # an HTTP::Response

    # A kept connection (FCGI_KEEP_CONN), as nginx's fastcgi_keep_conn:
    $c->begin($params, keep => 1);
    $c->end_stdin;
    my $res = $c->response(keep => 1);   # the connection stays open
    my ($type, $content) = $c->record(timeout => 2);   # what comes next

Only what the tests need: no multiplexing, role RESPONDER, request id 1.

=cut

use strict;
use warnings;

use Carp qw(croak);
use HTTP::Response;
use IO::Select;
use IO::Socket::UNIX;
use Socket qw(SOCK_STREAM);
use Time::HiRes ();

use constant {
    FCGI_VERSION       => 1,
    FCGI_BEGIN_REQUEST => 1,
    FCGI_END_REQUEST   => 3,
    FCGI_PARAMS        => 4,
    FCGI_STDIN         => 5,
    FCGI_STDOUT        => 6,
    FCGI_STDERR        => 7,
    FCGI_RESPONDER     => 1,
};

=head1 FUNCTIONS

=head2 params($method, $uri, %more)

The parameters nginx's F<fastcgi_params> would send for C<$method $uri>
from 127.0.0.1 (C<REQUEST_METHOD>, C<REQUEST_URI>, C<DOCUMENT_URI>,
C<QUERY_STRING>, C<REMOTE_ADDR>, ...); C<%more> adds or replaces some
(C<HTTP_COOKIE>, C<CONTENT_TYPE>, C<CONTENT_LENGTH>, C<HTTPS>, ...).
Returns a hash ref.

=cut

sub params {
    my ($method, $uri, %more) = @_;
    my ($path, $query) = split /\?/, $uri, 2;
    return {
        GATEWAY_INTERFACE => 'CGI/1.1',
        SERVER_SOFTWARE   => 'nginx',
        SERVER_PROTOCOL   => 'HTTP/1.1',
        REQUEST_SCHEME    => 'http',
        REQUEST_METHOD    => $method,
        REQUEST_URI       => $uri,
        DOCUMENT_URI      => $path,
        SCRIPT_NAME       => $path,
        QUERY_STRING      => $query // '',
        CONTENT_TYPE      => '',
        CONTENT_LENGTH    => '',
        REMOTE_ADDR       => '127.0.0.1',
        REMOTE_PORT       => '40000',
        SERVER_ADDR       => '127.0.0.1',
        SERVER_PORT       => '80',
        SERVER_NAME       => '_',
        HTTP_HOST         => '127.0.0.1',
        %more,
    };
}

=head2 request($socket_path, \%params, $body)

Sends one whole request and returns its L<HTTP::Response> (dies when the
connection fails or no complete answer comes within 60 s).

=cut

sub request {
    my ($path, $params, $body) = @_;
    my $c = __PACKAGE__->connect($path);
    $c->begin($params);
    $c->stdin($body) if defined $body && length $body;
    $c->end_stdin;
    return $c->response;
}

=head1 METHODS

=head2 connect($socket_path)

A new connection, or dies.

=cut

sub connect {
    my ($class, $path) = @_;
    my $sock = IO::Socket::UNIX->new(Type => SOCK_STREAM, Peer => $path)
        or croak "Madang::FastCGI: connect $path: $!";
    binmode $sock;
    return bless { sock => $sock, id => 1 }, $class;
}

sub _record {
    my ($self, $type, $content) = @_;
    my $len = length $content;
    croak 'Madang::FastCGI: record too long' if $len > 65535;
    my $pad = (8 - $len % 8) % 8;
    my $rec = pack('CCnnCC', FCGI_VERSION, $type, $self->{id}, $len, $pad, 0)
        . $content . ("\0" x $pad);
    local $SIG{PIPE} = 'IGNORE';
    my $sock = $self->{sock};
    my $off = 0;
    while ($off < length $rec) {
        my $n = syswrite($sock, $rec, length($rec) - $off, $off);
        croak "Madang::FastCGI: write: $!" unless defined $n;
        $off += $n;
    }
}

sub _nv_len {
    my ($n) = @_;
    return $n < 128 ? pack('C', $n) : pack('N', $n | 0x80000000);
}

=head2 begin(\%params, keep => 1)

Sends BEGIN_REQUEST and the parameters (then the empty PARAMS record).
With C<keep>, the request asks the application to keep the connection
open after its answer (the flag FCGI_KEEP_CONN).

=cut

sub begin {
    my ($self, $params, %o) = @_;
    $self->_record(FCGI_BEGIN_REQUEST, pack('nCx5', FCGI_RESPONDER, $o{keep} ? 1 : 0));
    my $buf = '';
    for my $k (sort keys %$params) {
        my $v = $params->{$k} // '';
        utf8::encode($v) if utf8::is_utf8($v);
        $buf .= _nv_len(length $k) . _nv_len(length $v) . $k . $v;
    }
    while (length $buf) {
        $self->_record(FCGI_PARAMS, substr($buf, 0, 65535, ''));
    }
    $self->_record(FCGI_PARAMS, '');
}

=head2 stdin($bytes)

Sends body bytes (in records of at most 65535 bytes).

=head2 end_stdin

Ends the body (the empty STDIN record).

=cut

sub stdin {
    my ($self, $bytes) = @_;
    while (length $bytes) {
        $self->_record(FCGI_STDIN, substr($bytes, 0, 65535, ''));
    }
}

sub end_stdin { $_[0]->_record(FCGI_STDIN, '') }

=head2 record(timeout => $seconds)

The next record the application sends on the connection, as
C<($type, $content)> (type 7 is STDERR); an empty list when the
connection closes or nothing comes within the timeout (default 5 s).

=cut

sub record {
    my ($self, %o) = @_;
    my $deadline = Time::HiRes::time() + ($o{timeout} // 5);
    my $sel = IO::Select->new($self->{sock});
    my $in = '';
    while (length $in < 8 || length $in < 8 + unpack('x4n', $in) + unpack('x6C', $in)) {
        my $left = $deadline - Time::HiRes::time();
        return () if $left <= 0 || !$sel->can_read($left);
        my $n = sysread($self->{sock}, $in, 8 + 65535 + 255 - length $in, length $in);
        return () unless $n;
    }
    my (undef, $type, undef, $len) = unpack('CCnn', $in);
    return ($type, substr($in, 8, $len));
}

=head2 close

Closes the connection.

=cut

sub close { CORE::close($_[0]{sock}) }

=head2 response(timeout => $seconds, keep => 1)

Reads until END_REQUEST (or the connection closes) and returns the answer
as an L<HTTP::Response> (the CGI C<Status:> header gives its code; without
one, 200). Whatever came on FastCGI's stderr is in C<< $res->{fcgi_stderr} >>,
the application's exit status in C<< $res->{fcgi_app_status} >>. Dies when
nothing complete came within the timeout (default 60 s). The connection is
closed after it unless C<keep> is given.

=cut

sub response {
    my ($self, %o) = @_;
    my $deadline = Time::HiRes::time() + ($o{timeout} // 60);
    my $sel = IO::Select->new($self->{sock});
    my ($in, $out, $err, $ended, $app_status) = ('', '', '', 0, undef);
    while (!$ended) {
        my $left = $deadline - Time::HiRes::time();
        croak 'Madang::FastCGI: no complete response in time' if $left <= 0;
        next unless $sel->can_read($left);
        my $n = sysread($self->{sock}, $in, 65536, length $in);
        croak "Madang::FastCGI: read: $!" unless defined $n;
        last if $n == 0;
        while (length $in >= 8) {
            my ($ver, $type, $id, $len, $pad) = unpack('CCnnC', $in);
            last if length $in < 8 + $len + $pad;
            my $content = substr($in, 8, $len);
            substr($in, 0, 8 + $len + $pad, '');
            if ($type == FCGI_STDOUT) {
                $out .= $content;
            } elsif ($type == FCGI_STDERR) {
                $err .= $content;
            } elsif ($type == FCGI_END_REQUEST) {
                $app_status = unpack('N', $content);
                $ended = 1;
                last;
            }
        }
    }
    CORE::close($self->{sock}) unless $o{keep};
    croak "Madang::FastCGI: connection closed before END_REQUEST (got: "
        . length($out) . ' bytes)' unless $ended;
    my ($head, $body) = split /\r?\n\r?\n/, $out, 2;
    my $res = HTTP::Response->new(200);
    for my $line (split /\r?\n/, $head // '') {
        my ($k, $v) = $line =~ /^([^:]+):\s*(.*)$/ or next;
        if (lc $k eq 'status') {
            my ($code, $msg) = $v =~ /^(\d{3})\s*(.*)$/;
            $res->code($code);
            $res->message($msg);
        } else {
            $res->push_header($k => $v);
        }
    }
    $res->content($body // '');
    $res->{fcgi_stderr} = $err;
    $res->{fcgi_app_status} = $app_status;
    return $res;
}

1;
