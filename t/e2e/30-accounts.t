# SPDX-License-Identifier: AGPL-3.0-or-later
# 30-accounts.t: accounts end to end: registration errors beside their
# fields (what was typed kept, passwords never), argon2id hashes, session
# cookies and tokens, logout, idle and absolute timeouts, changing the
# password and the contact details, the per-address sign-in throttle and
# equal timing for an unknown ID and a wrong password.
use strict;
use warnings;
use utf8;
use Test::More;
use Digest::SHA qw(sha256_hex);
use Encode qw(decode);
use Time::HiRes qw(time);
use Madang::Test qw(input_value);
use Madang::FastCGI;

my $s = Madang::Test->start;
my $L = Madang::Test::lang_strings('ko');
binmode $_, ':encoding(UTF-8)'
    for map { Test::More->builder->$_ } qw(output failure_output todo_output);

my $GOOD_PW = 'Madang-test-pass-4821';
my $seq = 0;

sub accounts { $s->sql_value('SELECT COUNT(*) FROM accounts') }

# A fresh set of valid registration fields; %over replaces some (undef:
# the field is not sent at all, as an unticked checkbox).
sub reg_fields {
    my (%over) = @_;
    $seq++;
    my $tag = sprintf 'acc%x%02d', $$ & 0xffff, $seq;
    my %f = (
        login_id  => $tag,
        password  => $GOOD_PW,
        password2 => $GOOD_PW,
        name      => "김마당 $seq",
        email     => "$tag\@example.org",
        mobile    => '010-1234-5678',
        consent   => 1,
        %over,
    );
    return \%f;
}

# POSTs the registration form as a browser would; returns the response.
sub register {
    my ($ua, $f) = @_;
    my $page = $ua->get($s->url('/register'));
    # Character strings throughout: URI encodes them as UTF-8 (a byte
    # string beside a character string would be taken for Latin-1).
    my @form = (csrf => $s->csrf_from($page));
    for my $k (qw(login_id password password2 name email mobile consent)) {
        push @form, $k => $f->{$k} if defined $f->{$k};
    }
    return $ua->post($s->url('/register'), \@form);
}

# The <div class="field"> of the form field $name, or ''.
sub field_block {
    my ($html, $name) = @_;
    while ($html =~ m{(<div class="field[^"]*">.*?</div>)}gs) {
        my $b = $1;
        return $b if $b =~ /\bname="\Q$name\E"/;
    }
    return '';
}

# Checks a refused registration: 400, the error $key beside $field only,
# the typed values kept (passwords not), nothing stored.
sub refused_ok {
    my ($what, $over, $field, $key) = @_;
    my $before = accounts();
    my $f = reg_fields(%$over);
    my $r = register($s->ua, $f);
    my $html = $r->decoded_content // '';
    subtest $what => sub {
        is $r->code, 400, 'answered 400 with the form again';
        like $html, qr/\Q$L->{'Msg.FixErrors'}\E/, 'a message on top asks to fix the form';
        my $block = field_block($html, $field);
        like $block, qr{<p class="field-error" id="err-$field">\Q$L->{"Err.$key"}\E</p>},
            "the message is beside the field $field";
        like $block, qr/aria-invalid="true" aria-describedby="(?:[^"]* )?err-$field(?: [^"]*)?"/,
            'and tied to it for screen readers';
        my @errs = $html =~ /class="field-error"/g;
        is scalar @errs, 1, 'no other field is marked';
        for my $k (qw(login_id name email mobile)) {
            is input_value($html, $k), $f->{$k} // '', "what was typed in $k is kept";
        }
        for my $k (qw(password password2)) {
            ok !defined input_value($html, $k), "$k is not sent back";
            unlike $html, qr/\Q$f->{$k}\E/, "the $k value is nowhere on the page"
                if defined $f->{$k} && length $f->{$k} >= 6;
        }
        is accounts(), $before, 'nothing was stored';
    };
}

# Set-Cookie headers of a response as { name => [value, attributes] }.
sub set_cookies {
    my ($res) = @_;
    my %c;
    for my $h ($res->header('Set-Cookie')) {
        next unless defined $h;
        for my $one (split /\n/, $h) {
            my ($nv, $attrs) = split /;\s*/, $one, 2;
            my ($n, $v) = split /=/, $nv, 2;
            $c{$n} = [ $v, $attrs // '' ];
        }
    }
    return \%c;
}

sub jar_cookie {
    my ($ua, $name) = @_;
    my $v;
    $ua->cookie_jar->scan(sub { $v = $_[2] if $_[1] eq $name });
    return $v;
}

# A user agent with no cookie jar: cookies go by hand (Cookie header).
sub bare_ua { $s->ua(cookie_jar => undef) }

sub signed_in_as {
    my ($ua) = @_;
    my $r = $ua->get($s->url('/account'));
    return undef unless $r->code == 200;
    return input_value($r->decoded_content, 'email');
}

sub session_row_count {
    my ($token) = @_;
    my $h = uc sha256_hex($token);
    return $s->sql_value("SELECT COUNT(*) FROM sessions WHERE token_hash = UNHEX('$h')");
}

sub db_dump {
    my $user = getpwuid($>) // 'root';
    my $sock = $s->dir . '/run/mysqld.sock';
    open my $fh, '-|', 'mariadb-dump', '--no-defaults', "--socket=$sock", '-u', $user,
        '--skip-extended-insert', 'madang' or die "mariadb-dump: $!";
    local $/;
    my $d = <$fh>;
    close $fh;
    return $d // '';
}

# ------------------------------------------------------------ registration
refused_ok('missing consent', { consent => undef }, consent => 'required');
refused_ok('password shorter than 10', { password => 'Sh0rt-pw', password2 => 'Sh0rt-pw' },
           password => 'password_short');
refused_ok('a common password: 1q2w3e4r5t', { password => '1q2w3e4r5t', password2 => '1q2w3e4r5t' },
           password => 'password_common');
refused_ok('a common password in other case: Password123',
           { password => 'Password123', password2 => 'Password123' }, password => 'password_common');
refused_ok('mismatched confirmation', { password2 => 'Madang-test-pass-4822' },
           password2 => 'password_mismatch');
refused_ok('invalid login ID (space, capital, "!")', { login_id => 'Bad ID!' }, login_id => 'login_id');
refused_ok('invalid login ID (too short)', { login_id => 'ab1' }, login_id => 'login_id');
refused_ok('invalid login ID (starts with a digit)', { login_id => '1abcd' }, login_id => 'login_id');
refused_ok('bad e-mail', { email => 'no-at-sign.example.org' }, email => 'email');
refused_ok('bad e-mail (<script>)', { email => '<script>@x.org' }, email => 'email');
refused_ok('bad mobile (too short)', { mobile => '010-123' }, mobile => 'mobile');
refused_ok('bad mobile (a landline)', { mobile => '02-123-4567' }, mobile => 'mobile');

# A good registration.
my $ua = $s->ua;
my $me = reg_fields(mobile => '010 9876-5432');
my $r = register($ua, $me);
is $r->code, 303, 'a valid registration is accepted';
like $r->header('Location') // '', qr{^/my/cases}, 'and goes on to My cases';
my ($my_id, $hash, $mobile, $consent_v, $consent_at) = @{ ($s->sql(
    "SELECT id, password_hash, mobile, consent_version, consent_at FROM accounts"
    . " WHERE login_id = '$me->{login_id}'"))[0] // [] };
ok $my_id, 'the account is stored';
is $mobile, '01098765432', 'the mobile number is stored normalised';
ok $consent_v && $consent_at, 'the consent version and time are stored';
like $hash // '', qr/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+\/]{16,}\$[A-Za-z0-9+\/]{32,}$/,
    'the password is an argon2id hash with m=19456,t=2,p=1 in it';
my $dump = db_dump();
like $dump, qr/\Q$me->{login_id}\E/, '(the database dump holds the account)';
unlike $dump, qr/\Q$GOOD_PW\E/, 'the password is nowhere in the database in clear';

refused_ok('duplicate login ID', { login_id => $me->{login_id} }, login_id => 'login_taken');
refused_ok('duplicate e-mail', { email => $me->{email} }, email => 'email_taken');
refused_ok('duplicate e-mail in capitals', { email => uc $me->{email} }, email => 'email_taken');
is $s->sql_value("SELECT COUNT(*) FROM accounts WHERE login_id = '$me->{login_id}'"
    . " OR email = '$me->{email}'"), 1, 'the login ID and the e-mail are stored once';

# ----------------------------------------------------------------- cookies
{
    my $c = set_cookies($r);
    ok $c->{mdg_session}, 'registering signs in (a session cookie)';
    my $attrs = $c->{mdg_session}[1] // '';
    like $attrs, qr/(^|;\s*)HttpOnly(;|$)/i, 'the session cookie is HttpOnly';
    like $attrs, qr/(^|;\s*)SameSite=Lax(;|$)/i, 'the session cookie is SameSite=Lax';
    unlike $attrs, qr/Secure/i, 'and not Secure over plain HTTP';
    my $token = $c->{mdg_session}[0];
    like $token, qr/^[A-Za-z0-9_-]{43}$/, 'the token is 256 bits of base64url';
    is session_row_count($token), 1, 'the DB has its SHA-256 (32 bytes)';
    is $s->sql_value('SELECT MIN(LENGTH(token_hash)) FROM sessions'), 32, 'only 32-byte hashes are stored';
    unlike db_dump(), qr/\Q$token\E/, 'the token itself is nowhere in the database';
}

# Over HTTPS (the HTTPS=on FastCGI parameter nginx sets from $https) the
# cookies are __Host- prefixed and Secure (t/security/https-host-cookies-and-hsts.t
# has the rest). Straight to madang-web's socket: this nginx has no TLS.
{
    my $sock = $s->dir . '/run/web.sock';
    my $g = Madang::FastCGI::request($sock, Madang::FastCGI::params(GET => '/login', HTTPS => 'on'));
    my $c = set_cookies($g);
    like $c->{'__Host-mdg_anon'}[1] // '', qr/(^|;\s*)Secure(;|$)/, 'HTTPS: the anonymous cookie is Secure';
    my $csrf = $s->csrf_from(decode('UTF-8', $g->content));
    my $body = join '&', "csrf=$csrf", "login_id=$me->{login_id}", "password=$GOOD_PW";
    my $p = Madang::FastCGI::request($sock, Madang::FastCGI::params(POST => '/login',
        HTTPS => 'on', HTTP_COOKIE => "__Host-mdg_anon=$c->{'__Host-mdg_anon'}[0]",
        CONTENT_TYPE => 'application/x-www-form-urlencoded', CONTENT_LENGTH => length $body), $body);
    is $p->code, 303, 'HTTPS: signed in';
    my $attrs = set_cookies($p)->{'__Host-mdg_session'}[1] // '';
    like $attrs, qr/(^|;\s*)Secure(;|$)/, 'HTTPS: the session cookie is Secure';
    like $attrs, qr/HttpOnly/, 'HTTPS: and HttpOnly';
    like $attrs, qr/SameSite=Lax/, 'HTTPS: and SameSite=Lax';
}

# ---------------------------------------------- a new token at each sign-in
{
    my $b = bare_ua();
    my $fixed = 'A' x 43;    # a token an attacker planted before sign-in
    my $g = $b->get($s->url('/login'), Cookie => "mdg_session=$fixed");
    my $anon = set_cookies($g)->{mdg_anon}[0];
    ok $anon, 'a visitor gets an anonymous cookie';
    my $p = $b->post($s->url('/login'), Cookie => "mdg_session=$fixed; mdg_anon=$anon",
        Content => [ csrf => $s->csrf_from($g), login_id => $me->{login_id}, password => $GOOD_PW ]);
    is $p->code, 303, 'signed in with a planted session cookie';
    my $t1 = set_cookies($p)->{mdg_session}[0] // '';
    like $t1, qr/^[A-Za-z0-9_-]{43}$/, 'a session cookie is set';
    isnt $t1, $fixed, 'not the planted value';
    isnt $t1, $anon, 'not the anonymous cookie';
    is session_row_count($fixed), 0, 'the planted value names no session';

    # Signing in again while signed in: another new token; the old one ends.
    my $g2 = $b->get($s->url('/login'), Cookie => "mdg_session=$t1");
    my $p2 = $b->post($s->url('/login'), Cookie => "mdg_session=$t1",
        Content => [ csrf => $s->csrf_from($g2), login_id => $me->{login_id}, password => $GOOD_PW ]);
    is $p2->code, 303, 'signed in again';
    my $t2 = set_cookies($p2)->{mdg_session}[0] // '';
    ok length $t2 && $t2 ne $t1, 'a new token at the second sign-in';
    is session_row_count($t1), 0, 'the previous session is gone from the DB';
    my $old = $b->get($s->url('/account'), Cookie => "mdg_session=$t1");
    is $old->code, 303, 'the previous cookie no longer signs in';
    is $b->get($s->url('/account'), Cookie => "mdg_session=$t2")->code, 200, 'the new one does';

    # Logout deletes the row; the cookie replayed afterwards is worthless.
    my $acct = $b->get($s->url('/account'), Cookie => "mdg_session=$t2");
    my $lo = $b->post($s->url('/logout'), Cookie => "mdg_session=$t2",
        Content => [ csrf => $s->csrf_from($acct) ]);
    is $lo->code, 303, 'logout';
    like set_cookies($lo)->{mdg_session}[1] // '', qr/Max-Age=0/, 'logout clears the cookie';
    is session_row_count($t2), 0, 'logout deletes the session on the server';
    my $replay = $b->get($s->url('/account'), Cookie => "mdg_session=$t2");
    is $replay->code, 303, 'the cookie replayed after logout is signed out';
    like $replay->header('Location') // '', qr{^/login}, '(sent to sign in)';
}

# ------------------------------------------------------------- timeouts
sub fresh_session {
    my $u = $s->ua;
    my $p = Madang::Test::sign_in($s, $u, $me->{login_id}, $GOOD_PW);
    return ($u, undef) unless $p->code == 303;
    return ($u, uc sha256_hex(jar_cookie($u, 'mdg_session')));
}
{
    my ($u, $h) = fresh_session();
    ok $h, 'signed in for the idle timeout';
    $s->sql("UPDATE sessions SET last_seen_at = last_seen_at - INTERVAL 30 MINUTE,"
        . " created_at = created_at - INTERVAL 30 MINUTE WHERE token_hash = UNHEX('$h')");
    is signed_in_as($u), $me->{email}, 'idle 30 minutes (limit 60): still signed in';
    ok $s->sql_value("SET time_zone = '+09:00'; SELECT last_seen_at > NOW() - INTERVAL 5 MINUTE FROM sessions"
        . " WHERE token_hash = UNHEX('$h')") // 0, 'and the idle clock was reset';
    $s->sql("UPDATE sessions SET last_seen_at = last_seen_at - INTERVAL 2 HOUR"
        . " WHERE token_hash = UNHEX('$h')");
    ok !defined signed_in_as($u), 'idle 2 hours: signed out';
    is $s->sql_value("SELECT COUNT(*) FROM sessions WHERE token_hash = UNHEX('$h')"), 0,
        'the expired session is deleted';

    ($u, $h) = fresh_session();
    $s->sql("UPDATE sessions SET created_at = created_at - INTERVAL 11 HOUR"
        . " WHERE token_hash = UNHEX('$h')");
    is signed_in_as($u), $me->{email}, 'signed in 11 hours ago, active: still signed in';
    $s->sql("UPDATE sessions SET created_at = created_at - INTERVAL 2 HOUR"
        . " WHERE token_hash = UNHEX('$h')");
    ok !defined signed_in_as($u), 'signed in 13 hours ago (limit 12), active all along: signed out';
}

# ------------------------------------------------------ change password
{
    my $acc = reg_fields();
    my $u1 = $s->ua;
    is register($u1, $acc)->code, 303, 'a second account for the password change';
    my $id = $s->sql_value("SELECT id FROM accounts WHERE login_id = '$acc->{login_id}'");
    my $u2 = $s->ua;
    is Madang::Test::sign_in($s, $u2, $acc->{login_id}, $GOOD_PW)->code, 303, 'signed in elsewhere too';
    is $s->sql_value("SELECT COUNT(*) FROM sessions WHERE account_id = $id"), 2, 'two sessions';
    my $hash0 = $s->sql_value("SELECT password_hash FROM accounts WHERE id = $id");

    my $change = sub {
        my ($cur, $new, $new2) = @_;
        my $page = $u1->get($s->url('/account'));
        return $u1->post($s->url('/account/password'), [ csrf => $s->csrf_from($page),
            current => $cur, password => $new, password2 => $new2 // $new ]);
    };
    my $new = 'Another-good-pass-9034';
    my $res = $change->('Not-my-password-1234', $new);
    is $res->code, 400, 'a wrong current password is refused';
    like field_block($res->decoded_content, 'current'), qr/\Q$L->{'Err.current_wrong'}\E/,
        'with the message beside "current password"';
    $res = $change->($GOOD_PW, 'password123');
    is $res->code, 400, 'a common new password is refused';
    like field_block($res->decoded_content, 'password'), qr/\Q$L->{'Err.password_common'}\E/,
        'with the message beside the new password';
    $res = $change->($GOOD_PW, $new, "$new-x");
    is $res->code, 400, 'a mismatched confirmation is refused';
    is $s->sql_value("SELECT password_hash FROM accounts WHERE id = $id"), $hash0,
        'the refused changes stored nothing';

    $res = $change->($GOOD_PW, $new);
    is $res->code, 303, 'the password is changed';
    my $done = $u1->follow($res);
    like $done->decoded_content, qr/\Q$L->{'Msg.PasswordChanged'}\E/, 'the page says so';
    is signed_in_as($u1), $acc->{email}, 'this session goes on';
    ok !defined signed_in_as($u2), 'the other session was ended';
    is $s->sql_value("SELECT COUNT(*) FROM sessions WHERE account_id = $id"), 1, 'one session left';
    like $s->sql_value("SELECT password_hash FROM accounts WHERE id = $id"),
        qr/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/, 'the new hash is argon2id too';
    my $old = Madang::Test::sign_in($s, $s->ua, $acc->{login_id}, $GOOD_PW);
    is $old->code, 400, 'the old password no longer signs in';
    like $old->decoded_content, qr/\Q$L->{'Msg.LoginFailed'}\E/, '(the sign-in failure message)';
    is Madang::Test::sign_in($s, $s->ua, $acc->{login_id}, $new)->code, 303, 'the new one does';

    # --------------------------------------------- change e-mail and mobile
    # (with the password, which t/security/contact-change-needs-password.t
    # shows is required)
    my $contact = sub {
        my ($email, $mobile) = @_;
        my $page = $u1->get($s->url('/account'));
        return $u1->post($s->url('/account/contact'), [ csrf => $s->csrf_from($page),
            email => $email, mobile => $mobile, contact_password => $new ]);
    };
    # A delivery report marked the address failing: the page says so.
    $s->sql("UPDATE accounts SET email_failing_at = NOW() WHERE id = $id");
    like $u1->get($s->url('/account'))->decoded_content, qr/id="email-failing"/,
        'the account page says that mail to the address bounced';
    my $email = "new$acc->{login_id}\@example.net";
    $res = $contact->($email, '+82 10-2468-1357');
    is $res->code, 303, 'e-mail and mobile changed';
    is $s->sql_value("SELECT COUNT(*) FROM accounts WHERE id = $id AND email_failing_at IS NULL"), 1,
        '... and the new address is no longer marked failing';
    unlike $u1->get($s->url('/account'))->decoded_content, qr/id="email-failing"/, '... nor shown so';
    $s->sql("UPDATE accounts SET email_failing_at = NOW() WHERE id = $id");
    is $contact->($email, '+82 10-2468-1357')->code, 303, 'the same address saved again';
    is $s->sql_value("SELECT COUNT(*) FROM accounts WHERE id = $id AND email_failing_at IS NOT NULL"), 1,
        '... keeps its mark';
    $s->sql("UPDATE accounts SET email_failing_at = NULL WHERE id = $id");
    is_deeply [ $s->sql("SELECT email, mobile FROM accounts WHERE id = $id") ],
        [ [ $email, '01024681357' ] ], 'stored, the mobile normalised';
    my $page = $u1->follow($res);
    like $page->decoded_content, qr/\Q$L->{'Msg.ContactChanged'}\E/, 'the page says so';
    is input_value($page->decoded_content, 'mobile'), '010-2468-1357', 'and shows the number formatted';

    $res = $contact->(uc $me->{email}, '010-1111-2222');
    is $res->code, 400, "another account's e-mail is refused";
    like field_block($res->decoded_content, 'email'), qr/\Q$L->{'Err.email_taken'}\E/,
        'with the message beside the e-mail';
    is input_value($res->decoded_content, 'email'), uc $me->{email}, 'what was typed is kept';
    $res = $contact->($email, '010-12');
    is $res->code, 400, 'a bad mobile number is refused';
    like field_block($res->decoded_content, 'mobile'), qr/\Q$L->{'Err.mobile'}\E/,
        'with the message beside the mobile';
    is_deeply [ $s->sql("SELECT email, mobile FROM accounts WHERE id = $id") ],
        [ [ $email, '01024681357' ] ], 'the refused changes stored nothing';
}

# ---------------------------------------------------------------- timing
# An unknown ID and a wrong password: the same answer in about the same
# time (the failure counts are cleared before each try so that the throttle,
# which answers at once, never comes in).
{
    my $u = $s->ua;
    my $page = $u->get($s->url('/login'));
    my $csrf = $s->csrf_from($page);
    my $try = sub {
        my ($login, $pw) = @_;
        $s->sql('DELETE FROM login_failures');
        my $t0 = time;
        my $res = $u->post($s->url('/login'), [ csrf => $csrf, login_id => $login, password => $pw ]);
        return (time - $t0, $res);
    };
    my (@unknown, @wrong, %flash);
    for my $i (1 .. 7) {
        my ($t1, $r1) = $try->("nobody-such-$i", 'Whatever-pass-123');
        my ($t2, $r2) = $try->($me->{login_id}, "Wrong-pass-$i-xyz");
        push @unknown, $t1;
        push @wrong, $t2;
        for ([ unknown => $r1 ], [ wrong => $r2 ]) {
            my ($k, $res) = @$_;
            my ($msg) = ($res->decoded_content // '') =~ m{<p class="flash\b[^"]*"[^>]*>(.*?)</p>}s;
            $flash{"$k " . $res->code . ' ' . ($msg // '')}++;
        }
    }
    is_deeply [ sort keys %flash ],
        [ "unknown 400 $L->{'Msg.LoginFailed'}", "wrong 400 $L->{'Msg.LoginFailed'}" ],
        'the same status and message for an unknown ID and a wrong password';
    my $median = sub { my @v = sort { $a <=> $b } @_; $v[$#v / 2] };
    my ($mu, $mw) = ($median->(@unknown), $median->(@wrong));
    my $ratio = $mw > 0 ? $mu / $mw : 0;
    note sprintf 'median sign-in failure: unknown ID %.1f ms, wrong password %.1f ms (ratio %.2f)',
        $mu * 1000, $mw * 1000, $ratio;
    ok $ratio > 0.5 && $ratio < 2, 'an unknown ID takes about as long as a wrong password'
        or diag sprintf 'unknown %.1f ms, wrong %.1f ms', $mu * 1000, $mw * 1000;
    cmp_ok $mw, '>', 0.005, '(a wrong password costs a real argon2id check)';
}

# --------------------------------------------- throttle per client address
# Many login IDs from one address: after throttle.per_addr (30) failures in
# the window even the right password from that address is refused.
{
    $s->sql('DELETE FROM login_failures');
    my $u = $s->ua;
    my $csrf = $s->csrf_from($u->get($s->url('/login')));
    my $fail = sub {
        my ($i) = @_;
        $u->post($s->url('/login'), [ csrf => $csrf, login_id => "spray$i", password => 'Spray-pass-0000' ]);
    };
    my @codes = map { $fail->($_)->code } 1 .. 29;
    is_deeply [ sort { $a <=> $b } keys %{ { map { $_ => 1 } @codes } } ], [400],
        '29 failures, each with its own login ID: all plain failures';
    my $ok = Madang::Test::sign_in($s, $s->ua, $me->{login_id}, $GOOD_PW);
    is $ok->code, 303, 'below the limit the right password still signs in';
    is $fail->(30)->code, 400, 'the 30th failure';
    my $u2 = $s->ua;
    my $res = Madang::Test::sign_in($s, $u2, $me->{login_id}, $GOOD_PW);
    is $res->code, 429, 'then even the right password from this address is refused (429)';
    like $res->decoded_content, qr/\Q$L->{'Msg.Throttled'}\E/, 'with the throttle message';
    ok !set_cookies($res)->{mdg_session}, 'and no session';
    is $s->sql_value("SELECT COUNT(*) FROM login_failures WHERE scope = 'addr'"), 30,
        'the failures are counted in MariaDB per address';
    $s->sql("UPDATE login_failures SET failed_at = failed_at - INTERVAL 16 MINUTE");
    is Madang::Test::sign_in($s, $s->ua, $me->{login_id}, $GOOD_PW)->code, 303,
        'once the failures are older than the window (15 min) it signs in again';
}

# web.https = 1 (TLS ended before nginx, say) should make cookies Secure
# even without the HTTPS parameter, as deploy/madang.hdf.example promises.
{
    $s->set_config('web.https' => 1);
    ok eval { $s->restart_web }, 'madang-web restarted with web.https = 1' or diag $@;
    my $g = bare_ua()->get($s->url('/login'));
    like set_cookies($g)->{'__Host-mdg_anon'}[1] // '', qr/(^|;\s*)Secure(;|$)/,
        'web.https = 1: cookies are Secure (and __Host- prefixed)';
}

# On failure, what madang-web said besides the access lines.
diag join "\n", 'web.log, not info:', grep { !/\[info\]/ } split /\n/, $s->log_text
    unless Test::More->builder->is_passing;
ok $s->stop, 'stack stops cleanly';
done_testing;
