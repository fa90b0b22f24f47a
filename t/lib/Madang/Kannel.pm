# SPDX-License-Identifier: AGPL-3.0-or-later
# Madang::Kannel: a private Kannel (bearerbox + smsbox + fakesmsc) for tests.
package Madang::Kannel;

=head1 NAME

Madang::Kannel - Kannel with a fake SMSC, for end-to-end tests of SMS notices

=head1 SYNOPSIS

    use Madang::Kannel;

    my $k = Madang::Kannel->start;          # scripts/kannel.sh start DIR
    $k->sendsms_url;  $k->user;  $k->password;
    my $dlr = $k->dlr_sink;                 # URL of a tiny HTTP listener
    ... send ...
    my @m = $k->wait_messages(1, 10);       # what fakesmsc received
    is $m[0]{to}, '+821012345678';
    is $m[0]{text}, "접수되었습니다";          # Perl characters, decoded
    my @r = $k->dlr_reports;                # query strings the sink got
    $k->stop_smsbox;  ...  $k->start_smsbox; # the gateway down, then back
    $k->stop;

Each object gets its own folder (removed afterwards unless C<MADANG_KEEP=1>)
and free loopback ports; everything runs as the current user. The folder's
F<env> file (see F<scripts/kannel.sh>) is read into C<< $k->env >>.

=head2 Messages

fakesmsc prints one line per SMS it receives,
C<< Got message N: <FROM TO TYPE DATA> >>, with TYPE C<text>, C<data>
(URL-encoded bytes), C<ucs-2> (URL-encoded UTF-16BE) or, for a part of a
concatenated message, C<< udh UDH data DATA >>. L</messages> parses them,
joins the parts of a concatenated message (8- and 16-bit references) and
decodes UCS-2 to Perl characters. fakesmsc does not print the coding of a
part with a UDH; Madang sends everything as UCS-2, so parts are decoded as
UTF-16BE.

=head2 Delivery reports

fakesmsc acknowledges every message at once; bearerbox then produces two
reports for a message sent with dlr-mask 31: type 8 (SMSC ack, reply
C<ACK/>) and type 1 (delivered). smsbox fetches the dlr-url for each.
A concatenated message gets one report of each kind for the whole.

=cut

use strict;
use warnings;

use Carp qw(croak);
use Cwd qw(abs_path);
use Encode qw(decode);
use File::Basename qw(dirname);
use File::Path qw(remove_tree);
use File::Temp qw(tempdir);
use IO::Socket::INET;
use POSIX ();
use Time::HiRes qw(sleep time);

our $REPO = abs_path(dirname(__FILE__) . '/../../..');

my %LIVE;    # not stopped yet: stopped at exit

sub _run {
    my (@cmd) = @_;
    my $out = '';
    my $pid = open(my $fh, '-|') // croak "fork: $!";
    if (!$pid) {
        open(STDERR, '>&', \*STDOUT);
        exec(@cmd) or POSIX::_exit(127);
    }
    local $/;
    $out = <$fh> // '';
    close $fh;
    return ($out, $? == 0);
}

=head1 METHODS

=head2 start(%opts)

Starts Kannel in a new temporary folder; dies with the logs' tails when it
cannot (after three tries with fresh ports). C<keep =E<gt> 1> keeps the
folder like C<MADANG_KEEP=1>. C<mo_url =E<gt> URL> is where smsbox passes
messages from phones (Madang's C</sms/in?secret=...>; see L</send_mo>).

=cut

sub start {
    my ($class, %opts) = @_;
    my $keep = $opts{keep} || $ENV{MADANG_KEEP};
    my ($dir, $out, $ok);
    local $ENV{KANNEL_MO_URL} = $opts{mo_url} if $opts{mo_url};
    for my $try (1 .. 3) {
        $dir = tempdir('madang-kannel-XXXXXX', TMPDIR => 1, CLEANUP => 0);
        ($out, $ok) = _run("$REPO/scripts/kannel.sh", 'start', $dir);
        last if $ok;
        _run("$REPO/scripts/kannel.sh", 'stop', $dir);
        remove_tree($dir) unless $keep;
    }
    croak "Madang::Kannel: kannel.sh start failed:\n$out" unless $ok;
    my $self = bless { dir => $dir, keep => $keep, env => {}, pid => $$ }, $class;
    $self->_read_env;
    $LIVE{$dir} = $self;
    Scalar::Util::weaken($LIVE{$dir});
    return $self;
}

sub _read_env {
    my ($self) = @_;
    open(my $fh, '<', "$self->{dir}/env") or croak "Madang::Kannel: $self->{dir}/env: $!";
    while (my $l = <$fh>) {
        chomp $l;
        $self->{env}{$1} = $2 if $l =~ /^([A-Z_]+)=(.*)$/;
    }
    close $fh;
}

sub dir         { $_[0]{dir} }
sub env         { $_[0]{env} }
sub sendsms_url { $_[0]{env}{SENDSMS_URL} }
sub user        { $_[0]{env}{SENDSMS_USER} }
sub password    { $_[0]{env}{SENDSMS_PASSWORD} }

=head2 stop_smsbox, start_smsbox

Stops smsbox (sendsms then refuses connections: the gateway is down) and
starts it again on the same port; bearerbox and fakesmsc keep running.

=cut

sub stop_smsbox {
    my ($self) = @_;
    my ($out, $ok) = _run("$REPO/scripts/kannel.sh", 'smsbox-stop', $self->{dir});
    croak "Madang::Kannel: smsbox-stop failed:\n$out" unless $ok;
}

sub start_smsbox {
    my ($self) = @_;
    my ($out, $ok) = _run("$REPO/scripts/kannel.sh", 'smsbox-start', $self->{dir});
    croak "Madang::Kannel: smsbox-start failed:\n$out" unless $ok;
}

=head2 send_mo($from, $text, $to)

A phone C<$from> sends C<$text> (Perl characters) to C<$to> (default
15880000): fakesmsc is restarted to send it as UCS-2 (C<kannel.sh mo>);
bearerbox passes it to smsbox, which fetches the C<mo_url>.

=cut

sub send_mo {
    my ($self, $from, $text, $to) = @_;
    my ($out, $ok) = _run("$REPO/scripts/kannel.sh", 'mo', $self->{dir}, $from, $to // '15880000',
        Encode::encode('UTF-8', $text));
    croak "Madang::Kannel: mo failed:\n$out" unless $ok;
}

# Kannel's URL encoding: %XX, and '+' for a space.
sub _unurl {
    my ($s) = @_;
    $s =~ tr/+/ /;
    $s =~ s/%([0-9A-Fa-f]{2})/chr(hex($1))/ge;
    return $s;
}

# (reference, total, sequence) from a concatenation UDH, or ().
sub _concat_info {
    my ($udh) = @_;
    my @b = unpack('C*', $udh);
    my $i = 1;    # after the UDH length byte
    while ($i + 1 < @b) {
        my ($iei, $len) = @b[$i, $i + 1];
        return ($b[$i + 2], @b[$i + 3, $i + 4])
            if $iei == 0x00 && $len == 3;
        return ($b[$i + 2] * 256 + $b[$i + 3], @b[$i + 4, $i + 5])
            if $iei == 0x08 && $len == 4;
        $i += 2 + $len;
    }
    return ();
}

=head2 messages

Every message fakesmsc has received so far, oldest first, each a hash:
C<from>, C<to>, C<type> (C<text>, C<data>, C<ucs-2> or C<udh>), C<text>
(decoded to Perl characters: UCS-2 from UTF-16BE, C<data> as bytes,
C<text> as it came), C<bytes> (the raw payload), C<parts> (1, or how many
SMS a concatenated message came in) and C<line> (the first raw line).

=cut

sub messages {
    my ($self) = @_;
    my $log = "$self->{dir}/fakesmsc.log";
    open(my $fh, '<:raw', $log) or return ();
    my (@out, %pending);
    while (my $l = <$fh>) {
        next unless $l =~ /Got message \d+: <(.*)>\s*$/;
        my $line = $1;
        my ($from, $to, $type, $rest) = split / /, $line, 4;
        next unless defined $rest;
        if ($type eq 'udh') {
            my ($udh, $dtype, $data) = split / /, $rest, 3;
            $udh = _unurl($udh);
            my $bytes = $dtype eq 'text' ? $data : _unurl($data // '');
            my ($ref, $total, $seq) = _concat_info($udh);
            if (!defined $ref) {
                push @out, { from => $from, to => $to, type => 'udh', bytes => $bytes,
                    text => _ucs2($bytes), parts => 1, line => $line };
                next;
            }
            my $k = "$from $to $ref";
            my $m = $pending{$k} //= { from => $from, to => $to, type => 'udh',
                total => $total, got => {}, line => $line };
            $m->{got}{$seq} = $bytes;
            if (keys %{ $m->{got} } == $total) {
                my $all = join '', map { $m->{got}{$_} // '' } 1 .. $total;
                push @out, { from => $from, to => $to, type => 'udh', bytes => $all,
                    text => _ucs2($all), parts => $total, line => $m->{line} };
                delete $pending{$k};
            }
            next;
        }
        my $bytes = $type eq 'text' ? $rest : _unurl($rest);
        my $text = $type eq 'ucs-2' ? _ucs2($bytes) : $bytes;
        push @out, { from => $from, to => $to, type => $type, bytes => $bytes,
            text => $text, parts => 1, line => $line };
    }
    close $fh;
    return @out;
}

sub _ucs2 {
    my ($bytes) = @_;
    return eval { decode('UTF-16BE', $bytes, Encode::FB_CROAK) } // "\x{FFFD}";
}

=head2 wait_messages($n, $seconds)

Waits (default 10 s) until fakesmsc has received at least $n whole
messages; returns them all (fewer when the time ran out).

=cut

sub wait_messages {
    my ($self, $n, $secs) = @_;
    my $until = time + ($secs // 10);
    my @m;
    while (1) {
        @m = $self->messages;
        return @m if @m >= $n || time > $until;
        sleep 0.1;
    }
}

=head2 dlr_sink

Starts (once) a tiny HTTP server on a free loopback port that answers 200
to every GET and appends its request target to F<DIR/dlr.log>; returns
its base URL for a dlr-url, C<http://127.0.0.1:PORT/sms/dlr>.

=head2 dlr_reports

The request targets the sink received, oldest first (C</sms/dlr?ref=...>).

=head2 wait_dlr_reports($n, $seconds)

Waits (default 10 s) for at least $n reports; returns them all.

=cut

sub dlr_sink {
    my ($self) = @_;
    return $self->{dlr_url} if $self->{dlr_url};
    my $srv = IO::Socket::INET->new(
        LocalAddr => '127.0.0.1', LocalPort => 0, Proto => 'tcp',
        Listen => 16, ReuseAddr => 1,
    ) or croak "Madang::Kannel: listen: $!";
    my $port = $srv->sockport;
    my $log = "$self->{dir}/dlr.log";
    my $pid = fork() // croak "fork: $!";
    if (!$pid) {
        $SIG{TERM} = sub { POSIX::_exit(0) };
        while (my $c = $srv->accept) {
            my $req = <$c> // '';
            while (my $h = <$c>) { last if $h =~ /^\r?\n$/ }
            if ($req =~ m{^GET (\S+) HTTP/}) {
                if (open(my $fh, '>>', $log)) {
                    print $fh "$1\n";
                    close $fh;
                }
            }
            print $c "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok";
            close $c;
        }
        POSIX::_exit(0);
    }
    close $srv;
    $self->{dlr_pid} = $pid;
    $self->{dlr_url} = "http://127.0.0.1:$port/sms/dlr";
    return $self->{dlr_url};
}

sub dlr_reports {
    my ($self) = @_;
    open(my $fh, '<', "$self->{dir}/dlr.log") or return ();
    chomp(my @l = <$fh>);
    close $fh;
    return @l;
}

sub wait_dlr_reports {
    my ($self, $n, $secs) = @_;
    my $until = time + ($secs // 10);
    my @r;
    while (1) {
        @r = $self->dlr_reports;
        return @r if @r >= $n || time > $until;
        sleep 0.1;
    }
}

=head2 stop

Stops the sink and all three Kannel programs, then removes the folder
(unless kept). Called at exit for objects not stopped.

=cut

sub stop {
    my ($self) = @_;
    return if $self->{stopped} || $self->{pid} != $$;
    $self->{stopped} = 1;
    if ($self->{dlr_pid}) {
        kill 'TERM', $self->{dlr_pid};
        waitpid($self->{dlr_pid}, 0);
    }
    my ($out, $ok) = _run("$REPO/scripts/kannel.sh", 'stop', $self->{dir});
    Test::More::diag("Madang::Kannel: stop: $out") if !$ok && Test::More->can('diag');
    delete $LIVE{ $self->{dir} };
    if ($self->{keep}) {
        Test::More::diag("Madang::Kannel: kept $self->{dir}") if Test::More->can('diag');
    } else {
        remove_tree($self->{dir});
    }
}

sub DESTROY { $_[0]->stop }

END {
    my $rc = $?;
    $_->stop for grep { defined } values %LIVE;
    $? = $rc;
}

require Scalar::Util;

1;
