# SPDX-License-Identifier: AGPL-3.0-or-later
# Madang::Mail: the SMTP sink (scripts/smtp-sink.py) for tests, and readers
# for the messages it stores.
package Madang::Mail;

=head1 NAME

Madang::Mail - start the SMTP sink, read what it received, switch its faults

=head1 SYNOPSIS

    use Madang::Mail;

    my $sink = Madang::Mail->start(dir => $tmpdir);   # free port, own folder
    # ... point mail.host/mail.port at 127.0.0.1:$sink->port ...
    $sink->reject('bad@example.kr');                   # 550 at RCPT TO
    $sink->tempfail(1);                                # 451 to everything
    $sink->tempfail(0);
    my @m = $sink->messages;                           # parsed, oldest first
    is $m[0]{subject}, '[마당] 민원이 접수되었습니다';   # decoded to Perl text
    my %n = $sink->count_by_message_id;                # { 'id@host' => 1 }
    ok $sink->wait_for(3, 10);                         # 3 messages within 10 s
    $sink->stop;                                       # kill + wait

The sink keeps its files under the folder given: F<mail/NNNNNN.eml> (the
messages), F<reject-addresses>, F<tempfail>, F<sink.pid> and F<sink.log>.
Started without C<dir>, it uses a temporary folder removed on stop (unless
C<MADANG_KEEP=1>). A sink still running when the object goes away is
stopped.

Messages come back as hashes: C<file>, C<env_from>, C<env_to> (array of
envelope recipients), C<headers> (lower-case name => [values], unfolded and
decoded from RFC 2047 to Perl text), C<subject>, C<from>, C<to>,
C<message_id> (without E<lt>E<gt>), C<text> and C<html> (the parts, decoded
from base64 or quoted-printable and from UTF-8), C<raw> (the bytes as
stored, envelope lines included).

=cut

use strict;
use warnings;

use Carp qw(croak);
use Cwd qw(abs_path);
use Encode qw(decode);
use File::Basename qw(dirname);
use File::Path qw(make_path remove_tree);
use File::Temp qw(tempdir);
use IO::Socket::INET;
use MIME::Base64 qw(decode_base64);
use MIME::QuotedPrint qw(decode_qp);
use POSIX ();
use Time::HiRes qw(sleep time);

our $REPO = abs_path(dirname(__FILE__) . '/../../..');
our $PYTHON = '/usr/bin/python3';    # Debian's, where python3-aiosmtpd lives

sub _port_free {
    my ($port) = @_;
    my $sock = IO::Socket::INET->new(
        LocalAddr => '127.0.0.1', LocalPort => $port, Proto => 'tcp',
        Listen => 1, ReuseAddr => 1,
    ) or return 0;
    close $sock;
    return 1;
}

=head1 METHODS

=head2 start(%opts)

Starts the sink on a free port and returns once it accepts connections;
dies with its log otherwise. Options: C<dir> (the folder, created), C<port>
(instead of a free one), C<auth =E<gt> 'user:password'> (require AUTH).

=cut

sub start {
    my ($class, %opts) = @_;
    my $own = !$opts{dir};
    my $dir = $opts{dir} // tempdir('madang-sink-XXXXXX', TMPDIR => 1, CLEANUP => 0);
    make_path("$dir/mail");
    my $self = bless { dir => abs_path($dir), own => $own, pid => undef,
                       owner => $$, auth => $opts{auth} }, $class;
    for my $try (1 .. 5) {
        my $port = $opts{port};
        if (!$port) {
            for (1 .. 200) {
                my $p = 30000 + int(rand(10000));
                if (_port_free($p)) { $port = $p; last }
            }
            croak 'Madang::Mail: no free port' unless $port;
        }
        $self->{port} = $port;
        last if $self->_spawn;
        croak "Madang::Mail: smtp-sink did not start:\n" . $self->log_text
            if $opts{port} || $try == 5;
    }
    return $self;
}

sub _spawn {
    my ($self) = @_;
    my $d = $self->{dir};
    unlink "$d/sink.pid";
    my @cmd = ($PYTHON, "$REPO/scripts/smtp-sink.py", '--port', $self->{port},
               '--dir', "$d/mail", '--pidfile', "$d/sink.pid", '--log', "$d/sink.log",
               ($self->{auth} ? ('--auth', $self->{auth}) : ()));
    my $pid = fork // croak "fork: $!";
    if ($pid == 0) {
        open STDIN, '<', '/dev/null';
        open STDOUT, '>>', "$d/sink.out";
        open STDERR, '>&', \*STDOUT;
        exec @cmd or POSIX::_exit(127);
    }
    $self->{pid} = $pid;
    my $deadline = time + 15;
    while (time < $deadline) {
        if (-s "$d/sink.pid") {
            my $s = IO::Socket::INET->new(PeerAddr => '127.0.0.1',
                                          PeerPort => $self->{port}, Proto => 'tcp');
            if ($s) { close $s; return 1 }
        }
        if (waitpid($pid, POSIX::WNOHANG()) == $pid) {    # died: port taken?
            $self->{pid} = undef;
            return 0;
        }
        sleep 0.05;
    }
    $self->stop;
    return 0;
}

sub port     { $_[0]{port} }
sub dir      { $_[0]{dir} }
sub mail_dir { "$_[0]{dir}/mail" }
sub pid      { $_[0]{pid} }
sub log_text { _slurp("$_[0]{dir}/sink.log") . _slurp("$_[0]{dir}/sink.out") }

=head2 stop / restart

C<stop> sends SIGTERM and waits for the sink (SIGKILL after 10 s); the
stored messages stay. C<restart> starts it again on the same port and
folder (for "the SMTP server comes back" tests).

=cut

sub stop {
    my ($self) = @_;
    my $pid = $self->{pid} or return;
    return if $$ != $self->{owner};
    kill 'TERM', $pid;
    my $deadline = time + 10;
    while (time < $deadline) {
        return $self->_reaped if waitpid($pid, POSIX::WNOHANG()) == $pid;
        sleep 0.05;
    }
    kill 'KILL', $pid;
    waitpid($pid, 0);
    $self->_reaped;
}

sub _reaped { $_[0]{pid} = undef; return 1 }

sub restart {
    my ($self) = @_;
    $self->stop;
    for (1 .. 50) {
        return $self if $self->_spawn;
        sleep 0.1;    # the old socket may linger a moment
    }
    croak "Madang::Mail: smtp-sink did not restart:\n" . $self->log_text;
}

=head2 reject(@addresses) / clear_rejects / tempfail($on [, 421])

C<reject> adds addresses answered C<550 5.1.1> at RCPT TO; C<clear_rejects>
empties the list. C<tempfail(1)> makes the sink answer C<451> to MAIL,
RCPT and DATA, C<tempfail(1, 421)> answer C<421> and hang up,
C<tempfail(0)> ends it. The sink reads both files on every command.

=cut

sub reject {
    my ($self, @addrs) = @_;
    open my $fh, '>>', "$self->{dir}/reject-addresses" or croak "reject-addresses: $!";
    print {$fh} "$_\n" for @addrs;
    close $fh;
}

sub clear_rejects { unlink "$_[0]{dir}/reject-addresses" }

sub tempfail {
    my ($self, $on, $code) = @_;
    my $f = "$self->{dir}/tempfail";
    if (!$on) { unlink $f; return }
    open my $fh, '>', "$f.tmp" or croak "tempfail: $!";
    print {$fh} ($code // 451), "\n";
    close $fh;
    rename "$f.tmp", $f or croak "tempfail: $!";
}

=head2 files / count / wait_for($n, $seconds)

C<files> lists the stored message files, oldest first; C<count> is their
number; C<wait_for> polls until at least C<$n> are there (true) or the time
is up (false).

=cut

sub files {
    my ($self) = @_;
    opendir my $dh, $self->mail_dir or return ();
    my @f = sort grep { /^\d+\.eml\z/ } readdir $dh;
    closedir $dh;
    return map { $self->mail_dir . "/$_" } @f;
}

sub count { scalar(my @f = $_[0]->files) }

sub wait_for {
    my ($self, $n, $seconds) = @_;
    my $deadline = time + ($seconds // 10);
    while (1) {
        return 1 if $self->count >= $n;
        return 0 if time >= $deadline;
        sleep 0.1;
    }
}

=head2 messages / count_by_message_id / clear

C<messages> parses every stored message (see above). C<count_by_message_id>
returns a hash of Message-ID => how many stored messages carry it (a value
above 1 is a duplicate). C<clear> removes the stored messages.

=cut

sub messages { map { parse_file($_) } $_[0]->files }

sub count_by_message_id {
    my ($self) = @_;
    my %n;
    for my $f ($self->files) {
        # Only the header block: quicker than a full parse for 20,000 files.
        my $raw = _slurp($f);
        $raw =~ s/\r?\n\r?\n.*//s;
        $raw =~ s/\r?\n[ \t]+/ /g;
        my ($id) = $raw =~ /^Message-ID:\s*<([^>]*)>/mi;
        $n{$id // ''}++;
    }
    return %n;
}

sub clear { unlink $_ for $_[0]->files }

=head2 parse_file($path) / parse($bytes)

Class functions: one stored message as a hash (see above).

=cut

sub parse_file { my $m = parse(_slurp($_[0])); $m->{file} = $_[0]; return $m }

sub parse {
    my ($raw) = @_;
    my %m = (raw => $raw, headers => {}, env_to => []);
    my ($head, $body) = split /\r?\n\r?\n/, $raw, 2;
    $body //= '';
    my $h = _headers($head);
    if (my $f = delete $h->{'x-sink-mail-from'}) {
        ($m{env_from}) = $f->[0] =~ /<([^>]*)>/;
    }
    if (my $t = delete $h->{'x-sink-rcpt-to'}) {
        $m{env_to} = [ $t->[0] =~ /<([^>]*)>/g ];
    }
    $m{headers} = { map { $_ => [ map { decode('MIME-Header', $_) } @{ $h->{$_} } ] } keys %$h };
    $m{subject} = $m{headers}{subject}[0];
    $m{from} = $m{headers}{from}[0];
    $m{to} = $m{headers}{to}[0];
    ($m{message_id}) = ($h->{'message-id'}[0] // '') =~ /<([^>]*)>/;
    _body(\%m, $h, $body);
    return \%m;
}

# Header block to { lc name => [raw unfolded values] }.
sub _headers {
    my ($head) = @_;
    my %h;
    $head =~ s/\r?\n[ \t]+/ /g;    # unfold: CRLF WSP is a single space
    for my $line (split /\r?\n/, $head) {
        my ($name, $value) = $line =~ /^([!-9;-~]+):[ \t]*(.*)\z/ or next;
        push @{ $h{lc $name} }, $value;
    }
    return \%h;
}

# Fills text and html from a single part or a multipart/alternative.
sub _body {
    my ($m, $h, $body) = @_;
    my $ct = $h->{'content-type'}[0] // 'text/plain';
    if ($ct =~ m{^multipart/}i) {
        my ($b) = $ct =~ /boundary="?([^";]+)"?/i or return;
        my @parts = split /(?:\A|\r?\n)--\Q$b\E(?:--)?[ \t]*(?:\r?\n|\z)/, $body;
        shift @parts;    # the preamble
        for my $p (@parts) {
            next unless length $p;
            my ($ph, $pb) = split /\r?\n\r?\n/, $p, 2;
            _body($m, _headers($ph // ''), $pb // '');
        }
        return;
    }
    my $cte = lc($h->{'content-transfer-encoding'}[0] // '7bit');
    my $bytes = $cte eq 'base64' ? decode_base64($body)
              : $cte eq 'quoted-printable' ? decode_qp($body) : $body;
    my ($charset) = $ct =~ /charset="?([\w-]+)"?/i;
    my $text = decode($charset // 'UTF-8', $bytes);
    my $key = $ct =~ m{^text/html}i ? 'html' : 'text';
    $m->{$key} //= $text;
}

sub _slurp {
    my ($f) = @_;
    open my $fh, '<:raw', $f or return '';
    local $/;
    my $s = <$fh>;
    return $s // '';
}

sub DESTROY {
    my ($self) = @_;
    return if $$ != $self->{owner};
    $self->stop;
    remove_tree($self->{dir}) if $self->{own} && !$ENV{MADANG_KEEP};
}

1;
