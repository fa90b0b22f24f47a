# SPDX-License-Identifier: AGPL-3.0-or-later
# Madang::Test: start a private Madang stack for one end-to-end test file.
package Madang::Test;

=encoding utf8

=head1 NAME

Madang::Test - the end-to-end harness for t/e2e/*.t

=head1 SYNOPSIS

    use Test::More;
    use Madang::Test;

    my $s  = Madang::Test->start;              # MariaDB + madang-web + nginx
    my $ua = $s->ua;                           # own cookie jar, no redirects
    my $r  = $ua->get($s->url('/healthz'));
    is $r->code, 200;
    my $page = $ua->get($s->url('/signin'));
    my $csrf = $s->csrf_from($page);
    my @rows = $s->sql('SELECT COUNT(*) FROM accounts');   # ([ 0 ])
    $s->stop;                                  # fails on sanitizer output
    done_testing;

Run with C<prove -I t/lib t/e2e>. Each test file gets its own temporary
folder (removed afterwards unless C<MADANG_KEEP=1>) and its own free ports;
the stack is F<scripts/stack.sh>, with binaries from C<$MADANG_BUILD>
(default F<build/> in the repository).

Call C<< $s->stop >> before C<done_testing>: it stops the stack and then
fails the test if the web log or F<web.out> holds sanitizer output or the
nginx error log an C<[alert]> or C<[emerg]>. A stack still running when the
test file ends (or dies, or gets SIGINT/SIGTERM) is stopped and checked too.

=cut

use strict;
use warnings;
use utf8;

use Carp qw(croak);
use Exporter qw(import);
use Cwd qw(abs_path);
use Encode qw(decode);
use File::Basename qw(dirname);
use File::Path qw(remove_tree);
use File::Temp qw(tempdir);
use HTML::Entities ();
use HTTP::Cookies;
use IO::Socket::INET;
use POSIX ();
use Scalar::Util qw(blessed weaken);
use Test::More ();
use Time::HiRes ();

# The helpers a test file may import by name (nothing by default).
our @EXPORT_OK = qw(L body_of bytes_of text_of forms_of form_as_shown submit_form post_form file_case input_value
    wait_until xlsx_rows);

our $REPO = abs_path(dirname(__FILE__) . '/../../..');

# Lines that make a test fail when they show up in these logs.
our @SANITIZER_RE = (
    qr/ERROR: AddressSanitizer/,
    qr/runtime error:/,
    qr/LeakSanitizer/,
);
our @NGINX_RE = (qr/\[alert\]/, qr/\[emerg\]/);

my %LIVE;    # stacks not stopped yet, for END and signals (weak refs)

sub _build_dir {
    my $b = $ENV{MADANG_BUILD} // "$REPO/build";
    $b = abs_path($b) // $b;
    return $b;
}

sub _port_free {
    my ($port) = @_;
    my $sock = IO::Socket::INET->new(
        LocalAddr => '127.0.0.1',
        LocalPort => $port,
        Proto     => 'tcp',
        Listen    => 1,
        ReuseAddr => 1,
    ) or return 0;
    close $sock;
    return 1;
}

# A port P for nginx with P + 1000 (MariaDB's) free as well, chosen at
# random below the kernel's ephemeral range so parallel test files (prove
# -j) rarely collide; a collision is retried by start().
sub _pick_port {
    for (1 .. 200) {
        my $p = 20000 + int(rand(9000));
        return $p if _port_free($p) && _port_free($p + 1000);
    }
    croak 'Madang::Test: no free port pair found';
}

=head1 METHODS

=head2 start(%opts)

Starts a stack and returns it; dies (with the logs' tails) when it cannot.
Options: C<seed =E<gt> 1> runs C<madangctl seed-demo> (tests normally make
their own data), C<workers =E<gt> N> (default 2), C<keep =E<gt> 1> keeps
the folder like C<MADANG_KEEP=1>, C<config =E<gt> { 'web.max_requests'
=E<gt> 20, ... }> sets configuration values (see L</set_config>) and
restarts madang-web with them before returning. C<stack_env =E<gt> {
TMPDIR =E<gt> ... }> adds environment variables for F<scripts/stack.sh>
start alone. C<folder =E<gt> 'var'> puts the stack in a folder of that
name inside the temporary one, as F<scripts/run.sh> puts it in F<var/>.
Every stack sets auth.totp_required to 'none' (staff sign in with their
password alone); a test of two-step sign-in sets it back (220-totp.t).
Every stack turns the posting throttle off (moderation.throttle_per_hour
and moderation.throttle_addr_per_hour 0); the tests of the throttle set
it (180-moderation.t, 195-participation.t).

=cut

sub start {
    my ($class, %opts) = @_;
    my $build = _build_dir();
    for my $bin (qw(madang-web madangctl)) {
        croak "Madang::Test: $build/$bin missing: run make build (or set MADANG_BUILD)"
            unless -x "$build/$bin";
    }
    my $keep = $opts{keep} || $ENV{MADANG_KEEP};
    my ($out, $ok, $top, $dir, $port);
    for my $try (1 .. 3) {
        $top = tempdir('madang-e2e-XXXXXX', TMPDIR => 1, CLEANUP => 0);
        $dir = $top;
        if (defined $opts{folder}) {
            $dir = "$top/$opts{folder}";
            mkdir $dir or croak "mkdir $dir: $!";
        }
        $port = _pick_port();
        local $ENV{MADANG_BUILD} = $build;
        local $ENV{MADANG_WORKERS} = $opts{workers} // $ENV{MADANG_WORKERS} // 2;
        my %stack_env = %{ $opts{stack_env} // {} };
        local @ENV{ keys %stack_env } = values %stack_env;
        ($out, $ok) = _run("$REPO/scripts/stack.sh", 'start', $dir, $port,
                           $opts{seed} ? ('--seed') : ());
        last if $ok;
        # Someone took our port between the check and nginx's bind: retry.
        my $busy = $out =~ /in use|Address already in use/;
        if ($busy && $try < 3) {
            remove_tree($top) unless $keep;
            next;
        }
        last;
    }
    if (!$ok) {
        _run("$REPO/scripts/stack.sh", 'stop', $dir);
        remove_tree($top) unless $keep;
        croak "Madang::Test: scripts/stack.sh start failed:\n$out"
            . ($keep ? "(kept $dir)\n" : '');
    }
    my $self = bless {
        dir   => $dir,
        top   => $top,
        port  => $port,
        build => $build,
        keep  => $keep,
        pid   => $$,
        stopped => 0,
        workers => $opts{workers} // $ENV{MADANG_WORKERS} // 2,
    }, $class;
    $LIVE{"$self"} = $self;
    weaken($LIVE{"$self"});
    _install_signal_handlers();
    # Staff sign in with their password alone: the tests test what follows
    # the sign-in; t/e2e/220-totp.t sets the production default back
    # (every staff account needs a second factor) and tests that.
    $self->sql("UPDATE settings SET value = 'none' WHERE name = 'auth.totp_required'");
    # No posting throttle either: tests file dozens of public complaints
    # from one address (90-routing.t, 41-burst.t); 180-moderation.t and
    # 195-participation.t set the throttle and test it.
    $self->sql("REPLACE INTO settings (name, value) VALUES ('moderation.throttle_per_hour', '0'),"
        . " ('moderation.throttle_addr_per_hour', '0')");
    if ($opts{config} && %{ $opts{config} }) {
        $self->set_config(%{ $opts{config} });
        $self->restart_web;
    }
    Test::More::note("Madang stack in $dir on http://127.0.0.1:$port/");
    return $self;
}

=head2 dir, port, base_url, config

The stack's folder, nginx's port, C<http://127.0.0.1:PORT> and the path
of its F<madang.hdf>.

=cut

sub dir      { $_[0]{dir} }
sub port     { $_[0]{port} }
sub base_url { 'http://127.0.0.1:' . $_[0]{port} }
sub config   { $_[0]{dir} . '/madang.hdf' }

=head2 set_config(KEY => VALUE, ...)

Sets dotted configuration keys (C<'throttle.per_addr' =E<gt> 5>) in the
stack's F<madang.hdf> by appending them (a later HDF line wins). Only
processes started afterwards see them: call L</restart_web>. Note that
F<scripts/stack.sh> C<start> rewrites the file.

=cut

sub set_config {
    my ($self, %kv) = @_;
    open my $fh, '>>', $self->config or croak "Madang::Test: $self->{dir}/madang.hdf: $!";
    for my $k (sort keys %kv) {
        croak "Madang::Test::set_config: bad key $k" unless $k =~ /\A[A-Za-z0-9_.]+\z/;
        croak "Madang::Test::set_config: bad value for $k" if $kv{$k} =~ /[\r\n]/;
        print {$fh} "$k = $kv{$k}\n";
    }
    close $fh or croak "Madang::Test: writing madang.hdf: $!";
}

=head2 config_value($key)

The value of the dotted key C<$key> (C<'db.user'>) in the stack's
F<madang.hdf> as madang-web reads it (blocks and dotted names alike; a later
line wins), or undef.

=cut

sub config_value {
    my ($self, $key) = @_;
    open my $fh, '<', $self->config or croak "Madang::Test: $self->{dir}/madang.hdf: $!";
    my (@path, $value);
    while (my $line = <$fh>) {
        next if $line =~ /^\s*(#|$)/;
        if ($line =~ /^\s*([A-Za-z0-9_.]+)\s*\{\s*$/) {
            push @path, $1;
        } elsif ($line =~ /^\s*\}\s*$/) {
            pop @path;
        } elsif ($line =~ /^\s*([A-Za-z0-9_.]+)\s*=\s?(.*?)\s*$/) {
            $value = $2 if join('.', @path, $1) eq $key;
        }
    }
    return $value;
}

=head2 web_pid, worker_pids

The pid of madang-web's master (from F<run/web.pid>; undef when it does
not run) and the sorted pids of its live worker processes.

=cut

sub web_pid {
    my ($self) = @_;
    open my $fh, '<', "$self->{dir}/run/web.pid" or return undef;
    my $pid = <$fh> // '';
    ($pid) = $pid =~ /(\d+)/ or return undef;
    return _proc_alive($pid, 'madang-web') ? $pid : undef;
}

sub worker_pids {
    my ($self) = @_;
    my $master = $self->web_pid // return ();
    my @kids;
    opendir my $dh, '/proc' or return ();
    for my $pid (grep { /\A\d+\z/ } readdir $dh) {
        my $stat = _slurp("/proc/$pid/stat");
        # pid (comm) state ppid ...: comm may hold spaces or parentheses.
        my ($comm, $state, $ppid) = $stat =~ /\A\d+ \((.*)\) (\S) (\d+)/s or next;
        push @kids, $pid if $ppid == $master && $comm eq 'madang-web' && $state ne 'Z';
    }
    return sort { $a <=> $b } @kids;
}

# _proc_alive($pid, $comm): the process runs that program and is no zombie.
sub _proc_alive {
    my ($pid, $comm) = @_;
    my $stat = _slurp("/proc/$pid/stat");
    my ($c, $state) = $stat =~ /\A\d+ \((.*)\) (\S)/s or return 0;
    return $c eq $comm && $state ne 'Z';
}

=head2 stop_web, start_web(%opts), restart_web

C<stop_web> sends SIGTERM to madang-web's master and waits (up to 30 s)
until it is gone; true when it is. C<start_web> starts madang-web on the
stack's configuration as F<scripts/stack.sh> does (its own session, output
appended to F<log/web.out>, pid in F<run/web.pid>), waits for its socket
and returns the master's pid. With C<child =E<gt> 1> the master stays a
child of the test process, so that C<waitpid> gives its exit status;
otherwise it is detached. C<restart_web> is both, detached.

=cut

sub stop_web {
    my ($self) = @_;
    my $pid = $self->web_pid // return 1;
    kill 'TERM', $pid;
    for (1 .. 300) {
        waitpid($pid, POSIX::WNOHANG());    # in case it is our child
        return 1 unless _proc_alive($pid, 'madang-web');
        select(undef, undef, undef, 0.1);
    }
    return 0;
}

sub start_web {
    my ($self, %o) = @_;
    my $sock = "$self->{dir}/run/web.sock";
    my @cmd = ("$self->{build}/madang-web", '--config', $self->config);
    my $log = "$self->{dir}/log/web.out";
    croak 'Madang::Test::start_web: madang-web runs already' if $self->web_pid;
    unlink $sock;
    pipe(my $rd, my $wr) or croak "pipe: $!";
    my $pid = fork // croak "fork: $!";
    if (!$pid) {
        # The child (and, detached, the grandchild) must never run the
        # test's END blocks: only POSIX::_exit or exec leave it.
        close $rd;
        if (!$o{child}) {
            my $g = fork;
            POSIX::_exit(1) unless defined $g;
            if ($g) {
                syswrite $wr, "$g\n";
                POSIX::_exit(0);
            }
        } else {
            syswrite $wr, "$$\n";
        }
        close $wr;
        POSIX::setsid();
        open STDIN, '<', '/dev/null' or POSIX::_exit(126);
        open STDOUT, '>>', $log or POSIX::_exit(126);
        open STDERR, '>&', \*STDOUT or POSIX::_exit(126);
        $ENV{MADANG_CONFIG} = $self->config;
        { exec { $cmd[0] } @cmd };
        POSIX::_exit(127);
    }
    close $wr;
    my $master = <$rd> // '';
    close $rd;
    waitpid($pid, 0) unless $o{child};
    ($master) = $master =~ /(\d+)/ or croak 'Madang::Test::start_web: fork failed';
    open my $fh, '>', "$self->{dir}/run/web.pid" or croak "web.pid: $!";
    print {$fh} "$master\n";
    close $fh;
    for (1 .. 150) {
        return $master if -S $sock;
        waitpid($master, POSIX::WNOHANG()) if $o{child};
        # (Before its exec the process is still called perl.)
        my ($state) = _slurp("/proc/$master/stat") =~ /\) (\S)/;
        last if !$state || $state eq 'Z';
        select(undef, undef, undef, 0.1);
    }
    croak "Madang::Test::start_web: madang-web made no socket:\n" . $self->web_out_text;
}

sub restart_web {
    my ($self) = @_;
    $self->stop_web or croak 'Madang::Test::restart_web: madang-web did not stop';
    return $self->start_web;
}

=head2 resume

Runs F<scripts/stack.sh> C<start> on the stack's folder again: it starts
whatever is not running (MariaDB after a test shut it down, say) and keeps
the data, the ports and what runs. It rewrites F<madang.hdf> (see
L</set_config>). Dies when the start fails.

=cut

sub resume {
    my ($self) = @_;
    local $ENV{MADANG_BUILD} = $self->{build};
    local $ENV{MADANG_WORKERS} = $self->{workers};
    my ($out, $ok) = _run("$REPO/scripts/stack.sh", 'start', $self->{dir}, $self->{port});
    croak "Madang::Test::resume: scripts/stack.sh start failed:\n$out" unless $ok;
    return 1;
}

=head2 url($path)

The absolute URL of C<$path> (which starts with C</>) on the stack.

=cut

sub url {
    my ($self, $path) = @_;
    $path //= '/';
    $path = "/$path" unless $path =~ m{^/};
    return $self->base_url . $path;
}

=head2 ua(%lwp_opts)

A new L<Madang::Test::UA> (an L<LWP::UserAgent>) with its own cookie jar
that follows no redirect unless asked: C<< $ua->follow($res) >>.

=cut

sub ua {
    my ($self, %o) = @_;
    return Madang::Test::UA->new(
        max_redirect => 0,
        cookie_jar   => HTTP::Cookies->new,
        timeout      => 60,
        agent        => 'madang-e2e/1',
        %o,
    );
}

=head2 follow($ua, $res)

Same as C<< $ua->follow($res) >>: GETs the Location of a redirect.

=cut

sub follow {
    my ($self, $ua, $res) = @_;
    return $ua->follow($res);
}

=head2 csrf_from($html_or_response)

The value of the first C<< <input name="csrf"> >> in the page, or undef.

=cut

sub csrf_from {
    my ($self, $html) = @_;
    return csrf_value($html);
}

sub csrf_value {
    my ($html) = @_;
    $html = $html->decoded_content if blessed($html) && $html->can('decoded_content');
    return undef unless defined $html;
    while ($html =~ /<input\b([^>]*)>/gis) {
        my %a = _attrs($1);
        next unless defined $a{name} && $a{name} eq 'csrf';
        return $a{value};
    }
    return undef;
}

sub _attrs {
    my ($s) = @_;
    my %a;
    while ($s =~ /([A-Za-z_:][-A-Za-z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g) {
        my $v = $2 // $3 // $4 // '';
        $a{ lc $1 } = _unescape_html($v);
    }
    return %a;
}

sub _unescape_html {
    my ($s) = @_;
    my %ent = (amp => '&', lt => '<', gt => '>', quot => '"', apos => "'");
    $s =~ s/&(?:#x([0-9A-Fa-f]+)|#([0-9]+)|(amp|lt|gt|quot|apos));/
        defined $1 ? chr(hex $1) : defined $2 ? chr($2) : $ent{$3}/ge;
    return $s;
}

=head2 sql($query)

Runs C<$query> in the C<madang> database as the MariaDB admin (over the
private socket) and returns its rows, each an array ref of column values
(decoded UTF-8 strings; C<NULL> comes back as undef). Dies on an SQL error.
A query of characters (Korean text in a file under C<use utf8>) is sent as
UTF-8 (L</bytes_of>).

=head2 sql_value($query)

The first column of the first row, or undef.

=cut

sub sql {
    my ($self, $query) = @_;
    $query = bytes_of($query);
    my $user = getpwuid($>) // 'root';
    my ($out, $ok, $err) = _run_split(
        'mariadb', '--no-defaults', "--socket=$self->{dir}/run/mysqld.sock",
        '-u', $user, '--default-character-set=utf8mb4', '-N', '-B',
        '-e', $query, 'madang');
    croak "Madang::Test::sql: $err(query: $query)" unless $ok;
    my @rows;
    for my $line (split /\n/, decode('UTF-8', $out)) {
        push @rows, [ map { _unescape_batch($_) } split /\t/, $line, -1 ];
    }
    return @rows;
}

sub sql_value {
    my ($self, $query) = @_;
    my @rows = $self->sql($query);
    return @rows ? $rows[0][0] : undef;
}

=head2 account_id($login)

The id of the account with login ID C<$login>, or undef.

=cut

sub account_id {
    my ($self, $login) = @_;
    (my $quoted = $login) =~ s/([\\'])/\\$1/g;
    return $self->sql_value("SELECT id FROM accounts WHERE login_id = '$quoted'");
}

=head2 citizen(%fields)

A new citizen: registers one through the form (L</register_citizen>, with
C<%fields>) on a new user agent, which stays signed in, and passes one
test (the registration's redirect). Returns the user agent, the account's
id and the hash ref of the fields sent (C<login_id>, C<password>, ...).

=head2 page($ua, $path)

GETs C<$path> with C<$ua> (no redirect followed): the status code and the
decoded body.

=cut

sub citizen {
    my ($self, %fields) = @_;
    my $ua = $self->ua;
    my ($r, $sent) = register_citizen($self, $ua, %fields);
    Test::More::is($r->code, 303, "a citizen $sent->{login_id} registers") or Test::More::diag(body_of($r));
    return ($ua, $self->account_id($sent->{login_id}), $sent);
}

sub page {
    my ($self, $ua, $path) = @_;
    my $r = $ua->get($self->url($path));
    return ($r->code, body_of($r));
}

sub _unescape_batch {
    my ($v) = @_;
    return undef if $v eq 'NULL';
    my %esc = (n => "\n", t => "\t", 0 => "\0", '\\' => '\\');
    $v =~ s/\\([nt0\\])/$esc{$1}/g;
    return $v;
}

=head2 ctl(@args), ctl({ stdin => $text, config => $file }, @args)

Runs C<madangctl --config CONFIG @args> (CONFIG: the stack's, or C<$file>).
In list context returns (output, exit status); in scalar context the output
(stdout and stderr together).

=cut

sub ctl {
    my ($self, @args) = @_;
    my $o = ref $args[0] eq 'HASH' ? shift @args : {};
    my ($out, $ok, $status) = _run_with_stdin($o->{stdin},
        "$self->{build}/madangctl", '--config', $o->{config} // $self->config, @args);
    return wantarray ? ($out, $status) : $out;
}

=head2 log_text, web_out_text, nginx_error_text

The contents of the web log, madang-web's stdout/stderr and nginx's
error log so far.

=cut

sub log_text         { _slurp("$_[0]{dir}/log/web.log") }
sub web_out_text     { _slurp("$_[0]{dir}/log/web.out") }
sub nginx_error_text { _slurp("$_[0]{dir}/log/nginx-error.log") }

=head2 stop

Stops the stack (once), then checks the logs: a C<fail> names each
sanitizer line and nginx alert. Removes the folder unless kept or failed.

=cut

sub stop {
    my ($self) = @_;
    return if $self->{stopped} || $self->{pid} != $$;
    $self->{stopped} = 1;
    delete $LIVE{"$self"};
    my ($out, $ok) = _run("$REPO/scripts/stack.sh", 'stop', $self->{dir});
    Test::More::diag("scripts/stack.sh stop failed:\n$out") unless $ok;

    my @bad;
    for my $f (qw(web.log web.out ctl.log)) {
        push @bad, _grep_lines("$self->{dir}/log/$f", \@SANITIZER_RE);
    }
    push @bad, _grep_lines("$self->{dir}/log/nginx-error.log", \@NGINX_RE);
    my $clean = $ok && !@bad;
    if (@bad) {
        my $n = @bad;
        splice @bad, 40 if @bad > 40;
        Test::More::fail('server logs are free of sanitizer reports and nginx alerts');
        Test::More::diag(join "\n", "$n bad log line(s):", @bad,
                         "(logs in $self->{dir}/log)");
    }
    if ($self->{keep} || !$clean) {
        Test::More::diag("kept $self->{dir}") if $self->{keep} || @bad;
        $self->{dir_kept} = 1;
    } else {
        remove_tree($self->{top} // $self->{dir});
    }
    return $clean;
}

sub DESTROY {
    my ($self) = @_;
    local ($@, $!, $?);
    $self->stop if !$self->{stopped} && $self->{pid} == $$;
}

END {
    my $rc = $?;
    for my $s (grep { defined } values %LIVE) {
        $s->stop;
    }
    $? = $rc;
}

my $handlers_installed;
sub _install_signal_handlers {
    return if $handlers_installed++;
    for my $sig (qw(INT TERM HUP)) {
        next if defined $SIG{$sig} && ref $SIG{$sig};
        # exit runs END, which stops the stacks.
        $SIG{$sig} = sub { Test::More::diag("caught SIG$sig"); exit 1 };
    }
}

sub _grep_lines {
    my ($file, $res) = @_;
    open my $fh, '<', $file or return;
    my @hits;
    while (my $l = <$fh>) {
        chomp $l;
        push @hits, "$file: $l" if grep { $l =~ $_ } @$res;
    }
    return @hits;
}

sub _slurp {
    my ($file) = @_;
    open my $fh, '<:raw', $file or return '';
    local $/;
    my $s = <$fh>;
    return $s // '';
}

# _run(@cmd): (stdout and stderr together, true on exit 0).
sub _run {
    my ($out, $ok) = _run_with_stdin(undef, @_);
    return ($out, $ok);
}

# _run_with_stdin($stdin, @cmd): runs @cmd without a shell, $stdin (or
# nothing) on its standard input; returns (output, ok, exit status).
sub _run_with_stdin {
    my ($stdin, @cmd) = @_;
    my $in = File::Temp->new;
    print {$in} $stdin if defined $stdin;
    close $in;
    my $out = File::Temp->new;
    my $pid = fork // croak "fork: $!";
    if (!$pid) {
        open STDIN, '<', $in->filename or POSIX::_exit(126);
        open STDOUT, '>', $out->filename or POSIX::_exit(126);
        open STDERR, '>&', \*STDOUT or POSIX::_exit(126);
        { exec { $cmd[0] } @cmd };
        print STDERR "exec $cmd[0]: $!\n";
        POSIX::_exit(127);
    }
    waitpid($pid, 0);
    my $status = $? >> 8;
    my $ok = $? == 0;
    return (_slurp($out->filename), $ok, $status);
}

# _run_split(@cmd): (stdout, ok, stderr) for commands whose stdout is data.
sub _run_split {
    my (@cmd) = @_;
    my $out = File::Temp->new;
    my $err = File::Temp->new;
    my $pid = fork // croak "fork: $!";
    if (!$pid) {
        open STDIN, '<', '/dev/null' or POSIX::_exit(126);
        open STDOUT, '>', $out->filename or POSIX::_exit(126);
        open STDERR, '>', $err->filename or POSIX::_exit(126);
        { exec { $cmd[0] } @cmd };
        print STDERR "exec $cmd[0]: $!\n";
        POSIX::_exit(127);
    }
    waitpid($pid, 0);
    return (_slurp($out->filename), $? == 0, _slurp($err->filename));
}

=head1 FUNCTIONS

These are called by their full names (C<Madang::Test::sign_in>), or
imported: C<use Madang::Test qw(L body_of bytes_of text_of forms_of submit_form
post_form file_case input_value wait_until);>.

=head2 lang_strings($lang)

The user-visible strings of F<cs-templates/lang/$lang.hdf> and then of
F<cs-templates/lang/$lang.d/*.hdf> in name order (as madang-web loads them)
as a hash ref of dotted names (C<'Err.required'>, C<'ErrorText.503'>) to
text (decoded UTF-8), so that tests can look for what a user reads without
copying it.

=cut

sub lang_strings {
    my ($lang) = @_;
    my $dir = "$REPO/cs-templates/lang";
    my %str;
    for my $file ("$dir/$lang.hdf", sort glob "$dir/$lang.d/*.hdf") {
        open my $fh, '<:encoding(UTF-8)', $file or croak "Madang::Test: $file: $!";
        my @path;
        while (my $line = <$fh>) {
            next if $line =~ /^\s*(#|$)/;
            if ($line =~ /^\s*([A-Za-z0-9_.]+)\s*\{\s*$/) {
                push @path, $1;
            } elsif ($line =~ /^\s*\}\s*$/) {
                pop @path;
            } elsif ($line =~ /^\s*([A-Za-z0-9_.]+)\s*=\s*(.*?)\s*$/) {
                $str{ join '.', @path, $1 } = $2;
            }
        }
    }
    return \%str;
}

=head2 register_citizen($s, $ua, %fields)

Registers a citizen through the form at C</register>, as a browser would
(with the form's CSRF token). Every field has a default (a fresh login ID
and e-mail, a good password, consent given); C<%fields> overrides them.
Returns the POST's response, and in list context also the hash ref of the
fields sent (C<login_id> and C<password> to sign in with later).

=head2 sign_in($s, $ua, $login, $password)

Signs in through the form at C</login>; returns the POST's response (a
redirect on success, which is not followed).

=head2 change_password($s, $ua, $current, $new)

Changes the signed-in account's password through the form on C</account>,
as a staff member whose password a supervisor typed (a new account, a
reset) must before anything else; returns the POST's response (a redirect
on success, which is not followed).

=cut

my $seq = 0;

sub register_citizen {
    my ($s, $ua, %fields) = @_;
    my $unverified = delete $fields{unverified};
    $seq++;
    my $tag = sprintf '%x%x%02d', $$ & 0xffff, time & 0xffff, $seq % 100;
    my %form = (
        login_id => "cit$tag",
        password => 'Madang-test-pass-4821',
        name     => "Test Citizen $seq",
        email    => "cit$tag\@example.org",
        mobile   => '',
        consent  => 1,
        %fields,
    );
    $form{password2} //= $form{password};
    my $page = $ua->get($s->url('/register'));
    croak 'GET /register: ' . $page->status_line unless $page->is_success;
    $form{csrf} //= csrf_value($page);
    my $res = $ua->post($s->url('/register'), _form_bytes(%form));
    # Notices go only to verified contacts (lib/auth/verify.h): tests that
    # are not about verification get them verified (unverified => 1: not).
    $s->verify_contacts($form{login_id}) if $res->code == 303 && !$unverified;
    return wantarray ? ($res, \%form) : $res;
}

=head2 verify_contacts($login)

Marks the e-mail address and the mobile number (if any) of the account
C<$login> verified, by SQL: for tests that are not about verification
(t/e2e/230-verify.t goes through the real flow).

=cut

sub verify_contacts {
    my ($self, $login) = @_;
    (my $quoted = $login) =~ s/([\\'])/\\$1/g;
    $self->sql("UPDATE accounts SET email_verified_at = NOW(),"
        . " mobile_verified_at = IF(mobile IS NULL, NULL, NOW()) WHERE login_id = '$quoted'");
}

sub sign_in {
    my ($s, $ua, $login, $password) = @_;
    my $page = $ua->get($s->url('/login'));
    croak 'GET /login: ' . $page->status_line unless $page->is_success;
    return $ua->post($s->url('/login'), _form_bytes(
        csrf     => csrf_value($page),
        login_id => $login,
        password => $password,
    ));
}

sub change_password {
    my ($s, $ua, $current, $new) = @_;
    my $page = $ua->get($s->url('/account'));
    croak 'GET /account: ' . $page->status_line unless $page->is_success;
    return $ua->post($s->url('/account/password'), _form_bytes(
        csrf      => csrf_value($page),
        current   => $current,
        password  => $new,
        password2 => $new,
    ));
}

=head2 L($key)

The Korean user-visible string C<$key> (C<'Site.Name'>), from
C<lang_strings>; dies when there is none, so that a test never looks
for an empty string.

=head2 body_of($response)

The response's decoded content, or C<''> when it has none.

=head2 bytes_of($value)

C<$value> as UTF-8 bytes when it is a character string (a test file under
C<use utf8> holds Korean text as characters), else unchanged (undef too).
Every value of one form must be bytes: a single character string among
them makes L<URI> encode the others' bytes a second time.

=head2 text_of($html)

The text of a page as a person reads it: tags gone (each a space), the
entities C<&amp; &lt; &gt; &quot; &#39;> decoded, white space folded.

=head2 forms_of($html)

The forms of a page, in order, each a hash ref: C<method> (lower case,
C<get> by default), C<action>, C<fields> (the hidden inputs, name =>
value), C<selects> (each select's name => { option value => label }),
C<buttons> (each C<< <button> >>'s attributes, a hash ref) and C<html>
(the form's inside).

=head2 submit_form($s, $ua, $form, %values)

POSTs a form from C<forms_of> to its action as a browser would: its
hidden fields with C<%values> filled in (a value given replaces the
hidden one). Returns the response.

=head2 post_form($s, $ua, $form_page, $path, @fields)

POSTs C<@fields> (name => value pairs, in order) to C<$path> with the CSRF
token of the page at C<$form_page>, as a hand-made form of a signed-in
user; dies when that page holds no token. Returns the response.

=head2 file_case($s, $citizen_ua, %fields)

Files a case through the form at C</cases/new> as the signed-in citizen of
C<$citizen_ua>: C<category> and C<title> are required, C<body> defaults
to C<"$title: 본문입니다."> and C<public> to 1 (0 leaves the box unticked);
C<address>, C<latitude> and C<longitude> are sent when given.
Passes one test (the redirect to the new case's tracking page) and returns
the case's tracking number and id.

=head2 input_value($html, $name)

The C<value> attribute of the first C<< <input> >> named C<$name> in
C<$html>, entities decoded; undef when there is no such input or it has
no value.

=head2 wait_until($seconds, $code)

Calls C<$code> every 0.1 s until it returns a true value or C<$seconds>
have passed; returns its last value.

=cut

my $ko_strings;

sub L {
    my ($key) = @_;
    $ko_strings //= lang_strings('ko');
    defined $ko_strings->{$key} or croak "no string $key";
    return $ko_strings->{$key};
}

sub body_of {
    my ($r) = @_;
    return $r->decoded_content // '';
}

sub bytes_of {
    my ($v) = @_;
    return defined $v && utf8::is_utf8($v) ? Encode::encode('UTF-8', $v) : $v;
}

# The cells of an XLSX file's first sheet (its bytes) as openpyxl reads
# them, by rows ("" for an empty cell); $? is python's status. Debian's
# python (tests run /usr/bin/python3, which has python3-openpyxl).
sub xlsx_rows {
    my ($bytes) = @_;
    my $python = -x '/usr/bin/python3' ? '/usr/bin/python3' : 'python3';
    my ($fh, $file) = File::Temp::tempfile(SUFFIX => '.xlsx', UNLINK => 1);
    binmode $fh;
    print $fh $bytes;
    close $fh;
    my $json = `$python -c 'import json, sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1], read_only=True).active
print(json.dumps([[c if c is not None else "" for c in r] for r in ws.iter_rows(values_only=True)]))' $file`;
    require JSON::PP;
    return JSON::PP->new->decode($json || '[]');
}

sub text_of {
    my ($html) = @_;
    $html =~ s/<[^>]*>/ /g;
    my %ent = (amp => '&', lt => '<', gt => '>', quot => '"', '#39' => "'");
    $html =~ s/&(amp|lt|gt|quot|#39);/$ent{$1}/g;
    $html =~ s/\s+/ /g;
    return $html;
}

sub forms_of {
    my ($html) = @_;
    my @forms;
    while ($html =~ m{<form\b([^>]*)>(.*?)</form>}gis) {
        my ($attrs, $body) = ($1, $2);
        my %a = _attrs($attrs);
        my (%fields, %selects, @buttons);
        while ($body =~ m{<input\b([^>]*)>}gis) {
            my %f = _attrs($1);
            $fields{ $f{name} } = $f{value} // '' if defined $f{name} && ($f{type} // '') eq 'hidden';
        }
        while ($body =~ m{<button\b([^>]*)>}gis) {
            push @buttons, { _attrs($1) };
        }
        while ($body =~ m{<select\b([^>]*)>(.*?)</select>}gis) {
            my %sa = _attrs($1);
            my $opts = $2;
            my %o;
            while ($opts =~ m{<option\b([^>]*)>([^<]*)</option>}gis) {
                my %oa = _attrs($1);
                $o{ $oa{value} // '' } = _unescape_html($2);
            }
            $selects{ $sa{name} } = \%o;
        }
        push @forms, { method => lc($a{method} // 'get'), action => $a{action} // '', fields => \%fields,
            selects => \%selects, buttons => \@buttons, html => $body };
    }
    return @forms;
}

# The form of $html whose action is $action with every field as the page
# shows it (forms_of keeps only the hidden ones): text and number inputs,
# ticked boxes and the selected option of each select. For a form that
# posts all its fields at once (/admin/settings), so that a test changes
# only what it means to, whatever fields other parts add.
sub form_as_shown {
    my ($html, $action) = @_;
    my ($form) = grep { $_->{action} eq $action } forms_of($html);
    croak "no form posting to $action" unless $form;
    while ($form->{html} =~ m{<input\b([^>]*)>}gis) {
        my %f = _attrs($1);
        next unless defined $f{name};
        my $type = $f{type} // 'text';
        next if ($type eq 'checkbox' || $type eq 'radio') && !exists $f{checked};
        $form->{fields}{ $f{name} } //= $f{value} // '';
    }
    while ($form->{html} =~ m{<select\b([^>]*)>(.*?)</select>}gis) {
        my %sa = _attrs($1);
        my $opts = $2;
        while ($opts =~ m{<option\b([^>]*)>}gis) {
            my %oa = _attrs($1);
            $form->{fields}{ $sa{name} } //= $oa{value} if exists $oa{selected};
        }
    }
    return $form;
}

sub input_value {
    my ($html, $name) = @_;
    while ($html =~ /<input\b([^>]*)>/gs) {
        my $a = $1;
        next unless $a =~ /\bname="\Q$name\E"/;
        return $a =~ /\bvalue="([^"]*)"/ ? HTML::Entities::decode_entities($1) : undef;
    }
    return undef;
}

sub wait_until {
    my ($secs, $code) = @_;
    my $end = Time::HiRes::time() + $secs;
    my $v;
    until (($v = $code->()) || Time::HiRes::time() > $end) { Time::HiRes::sleep(0.1) }
    return $v;
}

sub submit_form {
    my ($s, $ua, $form, %values) = @_;
    my %f = (%{ $form->{fields} }, %values);
    return $ua->post($s->url($form->{action}), [ map { bytes_of($_) } %f ]);
}

sub post_form {
    my ($s, $ua, $form_page, $path, @fields) = @_;
    my $csrf = csrf_value($ua->get($s->url($form_page)));
    croak "no CSRF token on $form_page" unless defined $csrf;
    return $ua->post($s->url($path), [ map { bytes_of($_) } csrf => $csrf, @fields ]);
}

sub file_case {
    my ($s, $ua, %f) = @_;
    my ($category, $title) = @f{qw(category title)};
    my $form = $ua->get($s->url('/cases/new'));
    my $r = $ua->post($s->url('/cases/new'), [ map { bytes_of($_) }
        csrf => csrf_value($form), category => $category, title => $title,
        body => $f{body} // "$title: 본문입니다.", ($f{public} // 1) ? (public => 1) : (),
        map { defined $f{$_} ? ($_ => $f{$_}) : () } qw(address latitude longitude) ]);
    my ($tracking) = ($r->header('Location') // '') =~ m{^/cases/(\d{4}-\d{6})\?filed=1$};
    Test::More::ok($tracking, "filed in category $category: $title")
        or Test::More::diag($r->code, $r->decoded_content // '');
    return ($tracking, $tracking ? $s->sql_value("SELECT id FROM cases WHERE tracking_no = '$tracking'") : undef);
}

# Form values as UTF-8 bytes (the test files may hold Korean text as
# characters); an array ref keeps the field order.
sub _form_bytes {
    my (@kv) = @_;
    return [ map { defined $_ && utf8::is_utf8($_) ? Encode::encode('UTF-8', $_) : $_ } @kv ];
}

package Madang::Test::UA;

=head1 Madang::Test::UA

An L<LWP::UserAgent> (from C<< $s->ua >>) with one more method.

=head2 follow($res)

When C<$res> is a redirect (3xx with a Location), GETs its target (relative
Locations resolved against the request's URL) and returns that response;
otherwise returns C<$res> unchanged.

=cut

use parent -norequire, 'LWP::UserAgent';
use LWP::UserAgent ();
use URI;

sub follow {
    my ($self, $res) = @_;
    return $res unless $res->is_redirect;
    my $loc = $res->header('Location') // return $res;
    my $base = $res->request ? $res->request->uri : undef;
    my $uri = $base ? URI->new_abs($loc, $base) : URI->new($loc);
    return $self->get($uri);
}

1;
