# SPDX-License-Identifier: AGPL-3.0-or-later
# Madang::Notify: a Madang stack wired to the SMTP sink and Kannel, and the
# notifier run the ways the end-to-end tests of the notifier need.
package Madang::Notify;

=head1 NAME

Madang::Notify - a stack with the SMTP sink and Kannel, and madang-notifier runs

=head1 SYNOPSIS

    use Madang::Notify;

    my $n = Madang::Notify->start(seed => 1, sms => 1);
    my $s = $n->stack;                       # the Madang::Test stack
    my $r = $n->run(now => '2030-01-01 09:00:00');   # one --once run
    is $r->{status}, 0;
    my @r = $n->run_parallel(3, now => ...); # three at once
    my $pid = $n->spawn(batch => 10);        # in the background
    kill 'KILL', $pid; $n->reap($pid);
    $n->settle;                              # until the sink stops growing
    my %ids = $n->sink->count_by_message_id; # Message-ID => copies
    my %to  = $n->mail_by_recipient;         # address => copies
    my @m   = $n->mails(kind => 'receipt');  # parsed, with {row} from outbox
    my @sms = $n->sms_messages;              # what fakesmsc got
    my %st  = $n->outbox_states;             # state => rows
    $n->stop;

The sink lives in the stack's folder (F<DIR/sink>); Kannel in its own.
L</apply_config> writes the notifier's keys (C<mail.*>, C<sms.*>, and the
C<config> option's) into the stack's F<madang.hdf> and restarts
madang-web so that it knows the delivery reports' secret; it runs again
after L</restart_db> (F<scripts/stack.sh> rewrites the file then).

Every notifier run's output goes to F<DIR/log/notifier-N.out>; L</stop>
fails the test when one of them holds a sanitizer report.

=cut

use strict;
use warnings;

use Carp qw(croak);
use Encode qw(decode);
use POSIX ();
use Time::HiRes qw(sleep time);
use Test::More ();

use Madang::Test;
use Madang::Staff ();
use Madang::Mail;
use Madang::Kannel;

our $DLR_SECRET = 'e2e-dlr-secret-0123456789abcdef';
our $SMS_IN_SECRET = 'e2e-sms-in-secret-0123456789';

=head1 METHODS

=head2 start(%opts)

Starts the stack (C<seed =E<gt> 1> for the demo office), the SMTP sink
and, with C<sms =E<gt> 1>, Kannel, and wires them into the configuration.
C<sms_in =E<gt> 1> (with C<sms>) also wires SMS intake: smsbox passes
messages from phones to C</sms/in> (C<sms.in_secret>, C<sms.in_category> 10).
C<config =E<gt> { key =E<gt> value }> adds keys.

=cut

sub start {
    my ($class, %o) = @_;
    my $notifier = Madang::Test::_build_dir() . '/madang-notifier';
    croak "Madang::Notify: $notifier missing: run make build (or set MADANG_BUILD)" unless -x $notifier;
    my $s = Madang::Test->start(seed => $o{seed}, workers => $o{workers} // 2);
    my $self = bless { s => $s, extra => $o{config} // {}, runs => 0, pid => $$, bin => $notifier }, $class;
    $self->{sink} = Madang::Mail->start(dir => $s->dir . '/sink');
    $self->{kannel} = Madang::Kannel->start(
        $o{sms_in} ? (mo_url => $s->url('/sms/in') . "?secret=$SMS_IN_SECRET") : ()) if $o{sms};
    $self->{sms_in} = $o{sms_in};
    $self->apply_config;
    return $self;
}

sub stack  { $_[0]{s} }
sub sink   { $_[0]{sink} }
sub kannel { $_[0]{kannel} }

=head2 config_keys

The keys L</apply_config> writes, as a hash.

=cut

sub config_keys {
    my ($self) = @_;
    my %kv = (
        'mail.host'     => '127.0.0.1',
        'mail.port'     => $self->{sink}->port,
        'mail.starttls' => 'no',
        'mail.from'     => 'noreply@madang.test',
        'mail.timeout'  => 10,
    );
    if (my $k = $self->{kannel}) {
        %kv = (%kv,
            'sms.url'        => $k->sendsms_url,
            'sms.user'       => $k->user,
            'sms.password'   => $k->password,
            'sms.from'       => '15880000',
            'sms.dlr_url'    => $self->{s}->url('/sms/dlr'),
            'sms.dlr_secret' => $DLR_SECRET,
            'sms.timeout'    => 5,
        );
        %kv = (%kv, 'sms.in_secret' => $SMS_IN_SECRET, 'sms.in_category' => 10) if $self->{sms_in};
    }
    return (%kv, %{ $self->{extra} });
}

=head2 apply_config

Appends L</config_keys> to F<madang.hdf> and restarts madang-web.

=cut

sub apply_config {
    my ($self) = @_;
    $self->{s}->set_config($self->config_keys);
    $self->{s}->restart_web;
}

=head2 run(%o) / spawn(%o) / reap($pid, $seconds) / run_parallel($n, %o)

C<run> runs C<madang-notifier --once> and waits (up to C<timeout>, default
120 s, then SIGKILL); returns C<{ status, signal, out, log, file, seconds }>:
C<out> is its standard output and error followed by its lines of
F<log/notifier.log> (C<log>), where the summary line C<run: ... sent=N
retried=N dead=N> goes. Options:
C<now> (C<--now>), C<batch>, C<lease>, C<owner>, C<args> (more arguments).
C<spawn> starts one in the background and returns its pid; C<reap> waits
for it and returns the same hash. C<run_parallel> starts C<$n> at once
(owners C<pN-1> ...) and returns their results.

=cut

sub _argv {
    my ($self, %o) = @_;
    my @a = ($self->{bin}, '--config', $self->{s}->config, $o{loop} ? '--loop' : '--once');
    push @a, '--now', $o{now} if defined $o{now};
    push @a, '--batch', $o{batch} if defined $o{batch};
    push @a, '--lease', $o{lease} if defined $o{lease};
    push @a, '--owner', $o{owner} if defined $o{owner};
    push @a, @{ $o{args} } if $o{args};
    return @a;
}

sub spawn {
    my ($self, %o) = @_;
    my $file = sprintf '%s/log/notifier-%03d.out', $self->{s}->dir, ++$self->{runs};
    my @cmd = $self->_argv(%o);
    my $log_size = -s $self->_log;    # before it can write
    my $pid = fork // croak "fork: $!";
    if (!$pid) {
        open STDIN, '<', '/dev/null' or POSIX::_exit(126);
        open STDOUT, '>', $file or POSIX::_exit(126);
        open STDERR, '>&', \*STDOUT or POSIX::_exit(126);
        { exec { $cmd[0] } @cmd };
        POSIX::_exit(127);
    }
    $self->{files}{$pid} = $file;
    $self->{started}{$pid} = time;
    $self->{log_at}{$pid} = $log_size // 0;
    return $pid;
}

sub reap {
    my ($self, $pid, $secs) = @_;
    my $until = time + ($secs // 120);
    my $st;
    while (1) {
        my $w = waitpid($pid, POSIX::WNOHANG());
        if ($w == $pid) { $st = $?; last }
        if ($w < 0) { $st = -1; last }
        if (time > $until) {
            Test::More::diag("madang-notifier $pid still runs after ${\ ($secs // 120)} s: killing it");
            kill 'KILL', $pid;
            waitpid($pid, 0);
            $st = $?;
            last;
        }
        sleep 0.02;
    }
    my $file = delete $self->{files}{$pid};
    my $secs_taken = time - (delete $self->{started}{$pid} // time);
    # Its lines of notifier.log (shared by every run: told apart by pid).
    my $log = '';
    if (open my $fh, '<:raw', $self->_log) {
        seek $fh, delete $self->{log_at}{$pid} // 0, 0;
        while (my $l = <$fh>) { $log .= $l if $l =~ /\bpid=$pid\b/ }
        close $fh;
    }
    return { status => $st >> 8, signal => $st & 127, out => _slurp($file) . $log, log => $log,
             file => $file, seconds => $secs_taken, pid => $pid };
}

# The notifier's log file (scripts/stack.sh sets notifier.log).
sub _log { $_[0]{s}->dir . '/log/notifier.log' }

sub run {
    my ($self, %o) = @_;
    return $self->reap($self->spawn(%o), $o{timeout});
}

sub run_parallel {
    my ($self, $n, %o) = @_;
    my @pids = map { $self->spawn(owner => "p$self->{runs}-$_", %o) } 1 .. $n;
    return map { $self->reap($_, $o{timeout}) } @pids;
}

=head2 run_ok($what, %o)

C<run> that must succeed: passes one test, C<"notifier: $what">, when
the run exits 0 (and shows its output when it does not); returns the
run's hash.

=cut

sub run_ok {
    my ($self, $what, %o) = @_;
    my $r = $self->run(%o);
    Test::More::is($r->{status}, 0, "notifier: $what") or Test::More::diag($r->{out});
    return $r;
}

=head2 alive($pid)

True while the spawned notifier $pid has not exited (and not been reaped).

=cut

sub alive {
    my ($self, $pid) = @_;
    my $stat = _slurp("/proc/$pid/stat");
    my ($state) = $stat =~ /\) (\S)/ or return 0;
    return $state ne 'Z';
}

=head2 settle(%o)

Waits until the sink's message count (and fakesmsc's, with Kannel) has
not changed for C<quiet> seconds (default 1), at most C<max> (default 30);
returns the sink's count.

=cut

sub settle {
    my ($self, %o) = @_;
    my $quiet = $o{quiet} // 1;
    my $until = time + ($o{max} // 30);
    my $last = '';
    my $since = time;
    while (time < $until) {
        my $now = join ':', $self->{sink}->count,
            ($self->{kannel} ? scalar(my @m = $self->{kannel}->messages) : 0);
        if ($now ne $last) { $last = $now; $since = time }
        last if time - $since >= $quiet;
        sleep 0.1;
    }
    return $self->{sink}->count;
}

=head2 mails(%filter) / mail_by_recipient / sms_messages(%filter)

C<mails> parses the stored messages and adds to each C<row>: its outbox
row (C<id>, C<kind>, C<state>, C<message_id>, C<case_id>, C<account_id>),
found by the message id the row holds (the Message-ID header carries it).
Filters: C<kind>, C<to> (envelope recipient), C<case_id>.
C<mail_by_recipient> counts the stored messages per envelope recipient.
C<sms_messages> is what fakesmsc received (L<Madang::Kannel/messages>),
filtered by C<to> (international form) or C<like> (a regex on the text).

=cut

sub _rows_by_message_id {
    my ($self) = @_;
    my %row;
    for my $r ($self->{s}->sql('SELECT o.id, o.kind, o.state, o.message_id, n.case_id, o.account_id,'
            . ' o.channel, o.recipient FROM outbox o LEFT JOIN notices n ON n.id = o.notice_id')) {
        my %h;
        @h{qw(id kind state message_id case_id account_id channel recipient)} = @$r;
        $row{ $h{message_id} } = \%h;
    }
    return \%row;
}

# The outbox row a Message-ID belongs to: the header is the row's
# message_id, perhaps with @domain added.
sub _row_for {
    my ($rows, $mid) = @_;
    return undef unless defined $mid;
    return $rows->{$mid} if $rows->{$mid};
    (my $local = $mid) =~ s/\@.*//;
    return $rows->{$local};
}

sub mails {
    my ($self, %f) = @_;
    my $rows = $self->_rows_by_message_id;
    my @out;
    for my $m ($self->{sink}->messages) {
        $m->{row} = _row_for($rows, $m->{message_id});
        next if $f{kind} && (!$m->{row} || $m->{row}{kind} ne $f{kind});
        next if $f{case_id} && (!$m->{row} || ($m->{row}{case_id} // 0) != $f{case_id});
        next if $f{to} && !grep { lc $_ eq lc $f{to} } @{ $m->{env_to} };
        push @out, $m;
    }
    return @out;
}

sub mail_by_recipient {
    my ($self) = @_;
    my %n;
    for my $f ($self->{sink}->files) {
        open my $fh, '<:raw', $f or next;
        while (my $l = <$fh>) {
            if ($l =~ /^X-Sink-Rcpt-To:\s*(.*)/i) {
                $n{ lc $_ }++ for $1 =~ /<([^>]*)>/g;
                last;
            }
            last if $l =~ /^\r?\n\z/;
        }
        close $fh;
    }
    return %n;
}

sub sms_messages {
    my ($self, %f) = @_;
    my $k = $self->{kannel} or return ();
    return grep {
        (!$f{to} || $_->{to} eq $f{to}) && (!$f{like} || $_->{text} =~ $f{like})
    } $k->messages;
}

=head2 outbox_states / outbox_rows($where)

C<outbox_states>: state => number of rows (every state present, 0 when
none). C<outbox_rows>: the rows matching an SQL condition, as hashes
(C<id channel recipient kind state attempts next_attempt_at lease_owner
lease_until last_error message_id dlr_status> and C<due_in>: seconds from
the database's real now to next_attempt_at).

=cut

sub outbox_states {
    my ($self) = @_;
    my %n = map { $_ => 0 } qw(pending sent dead cancelled);
    $n{ $_->[0] } = $_->[1] for $self->{s}->sql('SELECT state, COUNT(*) FROM outbox GROUP BY state');
    return %n;
}

sub outbox_rows {
    my ($self, $where) = @_;
    my @cols = qw(id channel recipient kind state attempts next_attempt_at lease_owner lease_until
                  last_error message_id dlr_status due_in);
    my @rows = $self->{s}->sql("SET time_zone = '+09:00'; SELECT id, channel, recipient, kind, state, attempts,"
        . " DATE_FORMAT(next_attempt_at, '%Y-%m-%d %H:%i:%s'), lease_owner,"
        . " DATE_FORMAT(lease_until, '%Y-%m-%d %H:%i:%s'), last_error, message_id, dlr_status,"
        . " TIMESTAMPDIFF(SECOND, NOW(), next_attempt_at)"
        . ' FROM outbox' . ($where ? " WHERE $where" : '') . ' ORDER BY id');
    return map { my %h; @h{@cols} = @$_; \%h } @rows;
}

=head2 db_now($offset_seconds)

The database's Korea time plus an offset, as C<YYYY-MM-DD HH:MM:SS>: a
value for C<--now>.

=cut

sub db_now {
    my ($self, $plus) = @_;
    $plus //= 0;
    return $self->{s}->sql_value("SET time_zone = '+09:00'; SELECT DATE_FORMAT(NOW() + INTERVAL $plus SECOND,"
        . " '%Y-%m-%d %H:%i:%s')");
}

=head2 clone_outbox($template_id, $n, $tag)

Inserts $n copies of outbox row $template_id by SQL, pending and due now,
each to its own address C<TAG-N@bulk.example> with message id
C<TAG.N>; returns their number.

=cut

sub clone_outbox {
    my ($self, $id, $n, $tag) = @_;
    croak 'clone_outbox: bad tag' unless $tag =~ /\A[a-z0-9]+\z/;
    $self->{s}->sql("SET time_zone = '+09:00'; INSERT INTO outbox (notice_id, channel, account_id, recipient,"
        . " recipient_name, lang, kind, payload, message_id, next_attempt_at, created_at)"
        . " SELECT o.notice_id, o.channel, o.account_id, CONCAT('$tag-', s.seq, '\@bulk.example'),"
        . " o.recipient_name, o.lang, o.kind, o.payload, CONCAT('$tag.', s.seq), NOW(), NOW()"
        . " FROM outbox o JOIN seq_1_to_$n s WHERE o.id = " . ($id + 0));
    return $self->{s}->sql_value("SELECT COUNT(*) FROM outbox WHERE message_id LIKE '$tag.%'");
}

=head2 restart_db(%o) / stop_db / start_db

C<stop_db> shuts MariaDB down (mariadb-admin shutdown; SIGKILL after
60 s); C<start_db> starts it again with F<scripts/stack.sh start> (same
data and port) and re-applies the configuration (without restarting
madang-web, which reconnects by itself).

=cut

sub stop_db {
    my ($self) = @_;
    my $s = $self->{s};
    my $user = getpwuid($>) // 'root';
    my $pid = _slurp($s->dir . '/run/mysqld.pid') =~ /(\d+)/ ? $1 : undef;
    system('mariadb-admin', '--no-defaults', '--socket=' . $s->dir . '/run/mysqld.sock', '-u', $user,
           'shutdown');
    return 1 unless $pid;
    for (1 .. 600) {
        return 1 unless kill 0, $pid;
        sleep 0.1;
    }
    kill 'KILL', $pid;
    return 1;
}

sub start_db {
    my ($self) = @_;
    $self->{s}->resume;
    $self->{s}->set_config($self->config_keys);
}

=head2 verify_contacts($ua, %o)

Verifies the signed-in account's contacts through the real flow
(lib/auth/verify.h): asks for a link and a code from C</account>, runs the
notifier (at C<now>, default 10:00 on 2 January 2030), reads the link from
the SMTP sink (C<email>) and the code from fakesmsc (C<mobile>, the number
in international form) and submits them. Returns true when both worked.

=cut

sub verify_contacts {
    my ($self, $ua, %o) = @_;
    my $s = $self->{s};
    my $post = sub {
        my ($page, $path, %f) = @_;
        my $p = $ua->get($s->url($page));
        return $ua->post($s->url($path), Madang::Test::_form_bytes(csrf => Madang::Test::csrf_value($p), %f));
    };
    my $ok = 1;
    $post->('/account', '/account/verify/email') if $o{email};
    $post->('/account/verify', '/account/verify/mobile') if $o{mobile};
    $self->run(now => $o{now} // '2030-01-02 10:00:00');
    $self->settle;
    if ($o{email}) {
        my @m = $self->mails(kind => 'verify', to => $o{email});
        my ($link) = @m ? ($m[-1]{text} // '') =~ m{(/verify/email/[A-Za-z0-9_.-]+)} : ();
        $ok &&= $link && $post->($link, $link)->code == 200;
    }
    if ($o{mobile}) {
        my @sms = $self->sms_messages(to => $o{mobile});
        my ($code) = @sms ? ($sms[-1]{text} // '') =~ /(\d{6})\s*\z/ : ();
        $ok &&= $code && $post->('/account/verify', '/account/verify/mobile/check', code => $code)->code == 303;
    }
    return $ok;
}

=head2 admin_ua

A user agent signed in as the demo administrator (for F</admin/outbox>).

=cut

sub admin_ua {
    my ($self) = @_;
    return $self->{admin_ua} if $self->{admin_ua};
    my $ua = $self->{s}->ua;
    my $r = Madang::Test::sign_in($self->{s}, $ua, 'admin', 'madang-admin-2026');
    croak 'admin sign-in failed: ' . $r->code unless $r->code == 303;
    return $self->{admin_ua} = $ua;
}

=head2 tag_message_ids($tag), tag_states($tag)

For outbox rows made with Message-IDs C<TAG.N> (clone_outbox): the
messages at the sink per Message-ID (a hash), and the rows per state (a
hash reference with every state, 0 when none).

=cut

sub tag_message_ids {
    my ($self, $tag) = @_;
    my %all = $self->{sink}->count_by_message_id;
    return map { $_ => $all{$_} } grep { /^\Q$tag\E\.\d+(?:\@|$)/ } keys %all;
}

sub tag_states {
    my ($self, $tag) = @_;
    my %n = map { $_ => 0 } qw(pending sent dead cancelled);
    $n{ $_->[0] } = $_->[1]
        for $self->{s}->sql("SELECT state, COUNT(*) FROM outbox WHERE message_id LIKE '$tag.%' GROUP BY state");
    return \%n;
}

=head2 staff_act($ua, $tracking, $action, %values)

Posts the staff case page's action form whose hidden C<action> is
$action, with its hidden fields (CSRF token, version) and %values, as a
person pressing that form's button would. The response, or undef when the
page or the form is not there: L<Madang::Staff/act> on this stack.

=cut

sub staff_act {
    my ($self, @args) = @_;
    return Madang::Staff::act($self->{s}, @args);
}

=head2 stop

Stops Kannel, the sink and the stack; fails the test when a notifier's
output holds a sanitizer report.

=cut

sub stop {
    my ($self) = @_;
    return if $self->{stopped} || $self->{pid} != $$;
    $self->{stopped} = 1;
    for my $pid (keys %{ $self->{files} // {} }) {
        kill 'KILL', $pid;
        $self->reap($pid, 5);
    }
    my @bad;
    for my $f (sort(glob($self->{s}->dir . '/log/notifier-*.out')), $self->_log) {
        open my $fh, '<', $f or next;
        while (my $l = <$fh>) {
            push @bad, "$f: $l" if grep { $l =~ $_ } @Madang::Test::SANITIZER_RE;
        }
    }
    if (@bad) {
        splice @bad, 40 if @bad > 40;
        Test::More::fail('madang-notifier runs are free of sanitizer reports');
        Test::More::diag(join '', @bad);
        $self->{s}{keep} = 1;
    }
    $self->{kannel}->stop if $self->{kannel};
    $self->{sink}->stop if $self->{sink};
    $self->{s}->stop;
}

sub DESTROY { local ($@, $!, $?); $_[0]->stop }

sub _slurp {
    my ($f) = @_;
    return '' unless defined $f;
    open my $fh, '<:raw', $f or return '';
    local $/;
    my $s = <$fh>;
    return $s // '';
}

1;
