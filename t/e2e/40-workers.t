# SPDX-License-Identifier: AGPL-3.0-or-later
# 40-workers.t: madang-web's process model through the real stack: a killed
# worker is replaced, workers are recycled after web.max_requests, a handler
# failure is a 500 the worker survives, MariaDB going away is a 503 page and
# coming back needs no restart, the access log has one line per request and
# no secrets, and SIGTERM lets the request in hand finish.
use strict;
use warnings;
use Test::More;
use Encode qw(decode);
use File::Find ();
use POSIX qw(WNOHANG);
use Time::HiRes qw(sleep time);
use Madang::Test qw(wait_until);
use Madang::FastCGI;

my $WORKERS = 2;
my $s = Madang::Test->start(workers => $WORKERS);
my $ua = $s->ua;
my $L = Madang::Test::lang_strings('ko');
binmode $_, ':encoding(UTF-8)'
    for map { Test::More->builder->$_ } qw(output failure_output todo_output);

# The web log from byte $from on, as lines.
sub log_since {
    my ($from) = @_;
    my $t = $s->log_text;
    return split /\n/, substr($t, $from);
}

# An access line: time [info] pid=P rid=R METHOD PATH STATUS D.Dms account=N
my $ACCESS = qr/^\S+ \[info\] pid=(\d+) rid=([0-9a-f]{16}) (GET|POST|HEAD) (\S+) (\d{3}) (\d+\.\d)ms account=(\d+)$/;

my $master = $s->web_pid;
ok $master, "madang-web's master runs (pid from run/web.pid)";
my @workers = $s->worker_pids;
is scalar @workers, $WORKERS, "the master has $WORKERS workers";

# ------------------------------------------------------------- (a) kill -9
{
    my $victim = $workers[0];
    ok kill('KILL', $victim), "kill -9 worker $victim";
    my $back = wait_until(10, sub {
        my @now = $s->worker_pids;
        @now == $WORKERS && !grep { $_ == $victim } @now;
    });
    ok $back, "a new worker replaces the killed one (count back to $WORKERS)";
    my @now = $s->worker_pids;
    is $s->web_pid, $master, 'the master is the same process';
    my @fails = grep { $_->code != 200 } map { $ua->get($s->url('/login')) } 1 .. 20;
    is scalar @fails, 0, '20 requests after the kill are all served';
    like $s->log_text, qr/worker $victim died of signal 9; restarting/, 'the master logged the death';
    @workers = $s->worker_pids;
}

# ------------------------------------------------- (e) a handler that fails
# No handler fails on its own; a table gone from under it does: MariaDB
# answers "no such table", which is no connection problem (not a 503).
{
    my $from = length $s->log_text;
    $s->sql('RENAME TABLE cases TO cases_e2e_away');
    my $r = $ua->get($s->url('/'));
    is $r->code, 500, 'GET / with its table gone: 500';
    my $body = $r->decoded_content // '';
    like $body, qr/<html/i, '500: a page in the layout';
    like $body, qr/\Q$L->{'Title.Error500'}\E/, '500: the Korean title';
    like $body, qr/\Q$L->{'ErrorText.500'}\E/, '500: the Korean explanation';
    unlike $body, qr/cases_e2e_away|doesn't exist|SQL/i, '500: no database error shown to the user';
    my @lines = log_since($from);
    my ($fail) = grep { /handler failed: GET \// } @lines;
    ok $fail, 'the failure is logged';
    my ($rid) = ($fail // '') =~ /rid=([0-9a-f]{16})/;
    ok $rid, 'the failure log line has the request id';
    my $rid_re = quotemeta($rid // 'none');
    ok((grep { /rid=$rid_re GET \/ 500 / } @lines),
       'the same request id is on the access line of the 500');
    $s->sql('RENAME TABLE cases_e2e_away TO cases');
    is_deeply [ $s->worker_pids ], \@workers, 'no worker died or was replaced';
    my @codes = map { $ua->get($s->url('/'))->code } 1 .. 6;
    is_deeply \@codes, [ (200) x 6 ], 'with the table back GET / is 200 again (each worker)';
}

# ------------------------------------------------------------ (f) the log
{
    # Secrets a log must never hold: passwords (right and wrong), the
    # session and anonymous cookies, a CSRF token and a form value.
    my $pw = 'Log-Secret-pw-7Kq2Zx';
    my $wrong_pw = 'Wrong-Secret-pw-3Jd8Lv';
    my $marker = 'bodymarker7Qx';
    my $from = length $s->log_text;
    my $lu = $s->ua;
    my ($reg, $f) = Madang::Test::register_citizen($s, $lu, password => $pw);
    is $reg->code, 303, 'registered a citizen for the log checks';
    my $id = $s->sql_value("SELECT id FROM accounts WHERE login_id = '$f->{login_id}'");
    $lu->post($s->url('/logout'), [ csrf => $s->csrf_from($lu->get($s->url('/my/cases'))) ]);

    my $page = $lu->get($s->url('/register'));
    my $csrf = $s->csrf_from($page);
    my $bad = $lu->post($s->url('/register'), [
        csrf => $csrf, login_id => "x$marker", password => $pw, password2 => $pw,
        name => $marker, email => "$marker\@", consent => 1 ]);
    is $bad->code, 400, 'a refused registration (its form values must not be logged)';
    my $r = Madang::Test::sign_in($s, $lu, $f->{login_id}, $wrong_pw);
    is $r->code, 400, 'a sign-in with a wrong password';
    $r = Madang::Test::sign_in($s, $lu, $f->{login_id}, $pw);
    is $r->code, 303, 'a sign-in with the right password';
    my $probe = $lu->get($s->url('/my/cases'));
    is $probe->code, 200, 'a signed-in page';
    my $nf = $lu->get($s->url('/e2e-log-probe-404'));
    is $nf->code, 404, 'a page that does not exist';
    my ($session, $anon);
    $lu->cookie_jar->scan(sub {
        $session = $_[2] if $_[1] eq 'mdg_session';
        $anon = $_[2] if $_[1] eq 'mdg_anon';
    });
    ok $session && $anon, 'the client holds a session and an anonymous cookie';

    # The requests above, in order: GET /register, POST /register,
    # GET /my/cases, POST /logout, GET /register, POST /register, GET
    # /login, POST /login, GET /login, POST /login, GET /my/cases, GET
    # /e2e-log-probe-404.
    my @want = (
        [ GET => '/register', 200, 0 ], [ POST => '/register', 303, 0 ],
        [ GET => '/my/cases', 200, $id ], [ POST => '/logout', 303, $id ],
        [ GET => '/register', 200, 0 ], [ POST => '/register', 400, 0 ],
        [ GET => '/login', 200, 0 ], [ POST => '/login', 400, 0 ],
        [ GET => '/login', 200, 0 ], [ POST => '/login', 303, 0 ],
        [ GET => '/my/cases', 200, $id ], [ GET => '/e2e-log-probe-404', 404, $id ],
    );
    my @access = grep { /$ACCESS/ } log_since($from);
    my @got = map { [ (/$ACCESS/)[2, 3, 4, 6] ] } @access;
    is_deeply \@got, \@want,
        'one access line per request: method, path, status, account id'
        or diag explain \@access;
    my %rids = map { (/$ACCESS/)[1] => 1 } @access;
    is scalar(keys %rids), scalar @access, 'each request has its own request id';
    ok !(grep { !defined((/$ACCESS/)[5]) } @access), 'each line has a duration';

    my %secret = (
        'the password' => $pw, 'the wrong password' => $wrong_pw,
        'the session cookie' => $session, 'the anonymous cookie' => $anon,
        'a CSRF token' => $csrf, 'a form value' => $marker,
    );
    my @logs;
    File::Find::find(sub { push @logs, $File::Find::name if -f $_ }, $s->dir . '/log');
    ok scalar(grep { m{/web\.log$} } @logs), 'the logs include web.log';
    for my $what (sort keys %secret) {
        my @in = grep { index(Madang::Test::_slurp($_), $secret{$what}) >= 0 } @logs;
        is_deeply \@in, [], "$what is in no log";
    }
}

# ------------------------------------------------ (g) kept connections
# nginx keeps its FastCGI connections (fastcgi_keep_conn); a worker holds
# one at a time. Connections kept idle must not starve one that waits in
# the socket's queue: the workers give theirs back (an empty STDERR record,
# which nginx takes as the end of an idle connection and ignores inside an
# answer) and serve what was already sent on it.
{
    my $sock = $s->dir . '/run/web.sock';
    my $from = length $s->log_text;
    my @kept;
    for my $i (1 .. $WORKERS) {
        my $c = Madang::FastCGI->connect($sock);
        for my $n (1 .. 2) {
            $c->begin(Madang::FastCGI::params(GET => '/login'), keep => 1);
            $c->end_stdin;
            my $res = eval { $c->response(keep => 1, timeout => 10) };
            is $res && $res->code, 200, "kept connection $i, request $n: 200" or diag $@;
        }
        push @kept, $c;
    }
    my %pids = map { ((/$ACCESS/)[0] // 0) => 1 } grep { /$ACCESS/ } log_since($from);
    is scalar(keys %pids), $WORKERS, "the $WORKERS kept connections hold the $WORKERS workers";

    my $t0 = time;
    my $waiting = Madang::FastCGI->connect($sock);
    $waiting->begin(Madang::FastCGI::params(GET => '/login'));
    $waiting->end_stdin;
    for my $i (1 .. $WORKERS) {
        my ($type, $content) = $kept[$i - 1]->record(timeout => 5);
        is_deeply [ $type, $content ], [ 7, '' ],
            "kept connection $i is given back (an empty STDERR record) for the one waiting";
    }
    # As nginx does when it had taken the connection for a new request
    # before it saw the record: the request is served all the same.
    $kept[0]->begin(Madang::FastCGI::params(GET => '/login'), keep => 1);
    $kept[0]->end_stdin;
    $_->close for @kept[1 .. $#kept];
    my $res = eval { $waiting->response(timeout => 10) };
    is $res && $res->code, 200, 'the connection that waited in the queue is served';
    cmp_ok time - $t0, '<', 3, 'at once, not after the idle time of a kept connection';
    $res = eval { $kept[0]->response(timeout => 10) };
    is $res && $res->code, 200, 'a request sent before the give-back was seen is served';
    $kept[0]->close;
    is_deeply [ sort $s->worker_pids ], [ sort @workers ], 'no worker died';
    my @codes = map { $ua->get($s->url('/login'))->code } 1 .. 6;
    is_deeply \@codes, [ (200) x 6 ], 'nginx serves on (its kept connections too)';
}

# ------------------------------------ (h) the input read before the answer
# On a kept connection nginx sends the next request as soon as it has the
# answer's END_REQUEST. A worker that answered before it had read the end
# of the request's input (FastCGI's empty STDIN record) read that record
# afterwards together with whatever had come since, the next request, into
# the finished request's buffer, and lost it: that request then waited for
# nginx's timeout (under load, (g) above failed so now and then). So no
# answer may come before the input has ended, for a GET as for a POST
# whose handler stops reading at its Content-Length (refused here: no CSRF
# token).
{
    my $sock = $s->dir . '/run/web.sock';
    my $body = 'login_id=nobody&password=wrong';
    for my $case ([ GET => '/login', undef, 200 ], [ POST => '/login', $body, 403 ]) {
        my ($method, $path, $content, $code) = @$case;
        my $c = Madang::FastCGI->connect($sock);
        $c->begin(Madang::FastCGI::params($method => $path,
            $content ? (CONTENT_TYPE => 'application/x-www-form-urlencoded',
                        CONTENT_LENGTH => length $content) : ()), keep => 1);
        $c->stdin($content) if $content;
        my @early = $c->record(timeout => 1);
        is_deeply \@early, [], "$method: no answer before the request's input has ended";
        $c->end_stdin;
        my $res = eval { $c->response(keep => 1, timeout => 10) };
        is $res && $res->code, $code, "$method: answered ($code) once it has" or diag $@;
        # The next request at once, as nginx sends it on a kept connection.
        $c->begin(Madang::FastCGI::params(GET => '/login'), keep => 1);
        $c->end_stdin;
        $res = eval { $c->response(keep => 1, timeout => 10) };
        is $res && $res->code, 200, "$method: the next request on the connection is served" or diag $@;
        $c->close;
    }
}

# ------------------------------------------------- (d) MariaDB goes away
{
    my $r = $ua->get($s->url('/healthz'));
    is $r->code, 200, '/healthz: 200 with the database up';
    my $lu = $s->ua;
    my ($reg, $f) = Madang::Test::register_citizen($s, $lu);
    is $reg->code, 303, 'a citizen registered before the outage';

    my $user = getpwuid($>) // 'root';
    my $sock = $s->dir . '/run/mysqld.sock';
    my $dbpid = Madang::Test::_slurp($s->dir . '/run/mysqld.pid') =~ /(\d+)/ ? $1 : 0;
    system('mariadb-admin', '--no-defaults', "--socket=$sock", '-u', $user, 'shutdown') == 0
        or diag 'mariadb-admin shutdown failed';
    ok wait_until(60, sub { !kill(0, $dbpid) || !-e "/proc/$dbpid" }), 'MariaDB stopped';

    $r = $ua->get($s->url('/healthz'));
    is $r->code, 503, '/healthz: 503 with the database down';
    # Pages that read the database (a bare form such as GET /login needs
    # none and is still shown; sending it is refused).
    my $signin = $s->ua;
    my $csrf = $s->csrf_from($signin->get($s->url('/login')));
    my @reqs = (
        [ 'GET /' => sub { $ua->get($s->url('/')) } ],
        [ 'GET /cases' => sub { $ua->get($s->url('/cases')) } ],
        [ 'POST /login' => sub { $signin->post($s->url('/login'),
            [ csrf => $csrf, login_id => $f->{login_id}, password => $f->{password} ]) } ],
    );
    for my $req (@reqs) {
        my ($what, $do) = @$req;
        $r = $do->();
        is $r->code, 503, "$what: 503 with the database down";
        my $body = $r->decoded_content // '';
        like $body, qr/<html.*<footer/is, "$what: the 503 is a page in the layout";
        like $body, qr/\Q$L->{'Title.Error503'}\E/, "$what: the Korean title";
        like $body, qr/\Q$L->{'ErrorText.503'}\E/, "$what: the Korean message";
    }
    $r = $lu->get($s->url('/my/cases'));
    is $r->code, 503, 'a signed-in page: 503 too (not a redirect to sign-in)';
    is $s->web_pid, $master, 'madang-web runs on';
    is scalar(() = $s->worker_pids), $WORKERS, 'with its workers';

    ok eval { $s->resume }, 'MariaDB started again (scripts/stack.sh start on the same folder)'
        or diag $@;
    is $s->web_pid, $master, 'madang-web was not restarted';
    my @codes = map { $ua->get($s->url($_))->code } ('/', '/cases', '/login', '/', '/cases', '/login');
    is_deeply \@codes, [ (200) x 6 ], 'pages work again (both workers reconnected)';
    is $ua->get($s->url('/healthz'))->code, 200, '/healthz: 200 again';
    $r = $lu->get($s->url('/my/cases'));
    is $r->code, 200, 'the session from before the outage still works';
    $r = Madang::Test::sign_in($s, $s->ua, $f->{login_id}, $f->{password});
    is $r->code, 303, 'the account from before the outage signs in (data kept)';
    is_deeply [ $s->worker_pids ], \@workers, 'the same workers served before and after';
}

# --------------------------------------------------------- (b) recycling
{
    my $max = 20;
    $s->set_config('web.max_requests' => $max);
    my $new_master = eval { $s->restart_web };
    ok $new_master, "madang-web restarted with web.max_requests = $max" or diag $@;
    my @before = $s->worker_pids;
    is scalar @before, $WORKERS, "$WORKERS workers";
    my $from = length $s->log_text;
    my $n = 100;
    my @fails = grep { $_->code != 200 } map { $ua->get($s->url('/login')) } 1 .. $n;
    is scalar @fails, 0, "$n requests, none failed";
    my %per_pid;
    for (log_since($from)) {
        my ($pid, $path) = (/$ACCESS/)[0, 3] or next;
        $per_pid{$pid}++ if $path eq '/login';
    }
    my $served = 0;
    $served += $_ for values %per_pid;
    is $served, $n, 'each request has its access line';
    cmp_ok scalar(keys %per_pid), '>=', int($n / $max), 'the requests were served by successive workers';
    ok !(grep { $_ > $max } values %per_pid), "no worker served more than $max"
        or diag explain \%per_pid;
    ok wait_until(10, sub { scalar(() = $s->worker_pids) == $WORKERS }), "still $WORKERS workers";
    my @after = $s->worker_pids;
    ok !(grep { my $p = $_; grep { $_ == $p } @after } @before), 'the first workers were all replaced';
    is $s->web_pid, $new_master, 'by the same master';
    my @deaths = grep { /died of signal/ } log_since($from);
    is_deeply \@deaths, [], 'recycled workers exit normally (no death logged)';
}

# ------------------------------------------------------ (c) graceful stop
{
    ok $s->stop_web, 'madang-web stopped';
    $s->set_config('web.max_requests' => 10000);
    my $pid = eval { $s->start_web(child => 1) };
    ok $pid, 'madang-web started as a child of the test (for its exit status)' or diag $@;
    my $sock = $s->dir . '/run/web.sock';
    # The master forks its workers after start_web returns; on a busy
    # machine (the sanitizer build) the last may come a moment later.
    ok wait_until(10, sub { scalar(() = $s->worker_pids) == $WORKERS }), "its $WORKERS workers";
    my @kids = $s->worker_pids;

    # A registration whose body trickles in straight to the worker (nginx
    # would buffer it first): SIGTERM comes while the worker reads it.
    my $g = Madang::FastCGI::request($sock, Madang::FastCGI::params(GET => '/register'));
    my ($anon) = ($g->header('Set-Cookie') // '') =~ /mdg_anon=([^;]+)/;
    my $csrf = $s->csrf_from(decode('UTF-8', $g->content));
    my $login = sprintf 'slow%x', $$;
    my $body = join '&', "csrf=$csrf", "login_id=$login", 'password=Slow-and-steady-77',
        'password2=Slow-and-steady-77', 'name=Slow', "email=$login%40example.org", 'consent=1';
    my $c = Madang::FastCGI->connect($sock);
    $c->begin(Madang::FastCGI::params(POST => '/register',
        HTTP_COOKIE => "mdg_anon=$anon",
        CONTENT_TYPE => 'application/x-www-form-urlencoded',
        CONTENT_LENGTH => length $body));
    $c->stdin(substr $body, 0, 30);
    sleep 0.3;
    ok kill('TERM', $pid), 'SIGTERM to the master with a request in flight';
    sleep 1;
    is waitpid($pid, WNOHANG), 0, 'the master waits for the request in hand';
    $c->stdin(substr $body, 30);
    $c->end_stdin;
    my $res = eval { $c->response(timeout => 20) };
    ok $res, 'the in-flight request got its answer' or diag $@;
    is $res && $res->code, 303, 'it completed: 303 to the welcome page';
    is $s->sql_value("SELECT COUNT(*) FROM accounts WHERE login_id = '$login'"), 1,
        'and its account was stored';
    my $gone = wait_until(15, sub { waitpid($pid, WNOHANG) == $pid });
    ok $gone, 'the master exited';
    is $gone ? $? : -1, 0, 'with status 0';
    ok !-e $sock, 'and removed its socket';
    ok wait_until(5, sub { !grep { -e "/proc/$_" } @kids }), 'no worker is left';
}

# On failure, what madang-web said besides the access lines.
diag join "\n", 'web.log, not info:', grep { !/\[info\]/ } split /\n/, $s->log_text
    unless Test::More->builder->is_passing;
ok $s->stop, 'stack stops cleanly';
done_testing;
