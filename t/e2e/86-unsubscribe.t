# SPDX-License-Identifier: AGPL-3.0-or-later
# 86-unsubscribe.t: one-click unsubscribe from the digest mails (RFC 8058).
# A staff member who chose the digest gets it from madang-notifier through
# the SMTP sink with List-Unsubscribe pointing at /unsubscribe/ID.MAC (the
# MAC computed here: HMAC-SHA-256 under the site key over "unsub:ID") and
# List-Unsubscribe-Post; the link opens a page without sign-in; the mail
# provider's POST (body List-Unsubscribe=One-Click, no cookie, no CSRF
# token) turns the account's e-mail notices off and nothing else; forged,
# cut, other-kind and unknown-account links are refused with 404 and change
# nothing; the next digest then goes to the web inbox only.
use strict;
use warnings;
use utf8;
use Test::More;
use Digest::SHA qw(hmac_sha256);
use Encode qw(encode);
use HTTP::Request::Common qw(POST);
use MIME::Base64 qw(encode_base64url);
use Madang::Test qw(body_of L);
use Madang::Notify;

binmode $_, ':encoding(UTF-8)'
    for map { Test::More->builder->$_ } qw(output failure_output todo_output);

my $n = Madang::Notify->start(seed => 1);
my $s = $n->stack;

sub prefs { my ($id) = @_; return $s->sql_value("SELECT CONCAT(notify_email, notify_sms, notify_digest) FROM accounts WHERE id = $id") }

my ($secret_hex) = do { open my $fh, '<', $s->dir . '/run/secret' or die $!; local $/; <$fh> } =~ /([0-9a-f]{64})/i;
my $key = pack 'H*', $secret_hex;
sub signed { my ($label, $subject) = @_; return "$subject." . encode_base64url(hmac_sha256("$label:$subject", $key)) }
sub unsub_url { my ($id) = @_; return $s->base_url . '/unsubscribe/' . signed('unsub', $id) }

# A browser or mail provider with no session: no cookie jar at all.
my $anon = $s->ua(cookie_jar => undef);

# ------------------------------------------------------------ the digest

my $kim = $s->sql_value("SELECT id FROM accounts WHERE login_id = 'traffic.kim'");
my $lee = $s->sql_value("SELECT id FROM accounts WHERE login_id = 'road.lee'");
ok $kim && $lee, 'two staff members of the demo office';
my $addr = 'kim.digest@madang.test';
$s->sql("UPDATE accounts SET email = '$addr', lang = 'ko', notify_email = 1, notify_sms = 1, notify_digest = 1,"
    . " digest_sent_at = NULL WHERE id = $kim");
$s->sql("UPDATE accounts SET notify_email = 1, notify_sms = 0, notify_digest = 0 WHERE id = $lee");
sub waiting_notice {
    my ($title) = @_;
    $s->sql("INSERT INTO notices (account_id, kind, payload, created_at, digested) VALUES ($kim, 'staff_reminder',"
        . qq{ '{"tracking":"2026-000901","title":"$title","due":"2026-12-01"}', NOW(), 0)});
}
waiting_notice('가로등이 꺼졌습니다');
waiting_notice('보도블록 파손');

my $today = $s->sql_value("SET time_zone = '+09:00'; SELECT CURDATE()");
my $run = $n->run(now => "$today 09:00:00");
is $run->{status}, 0, 'the notifier runs at 09:00' or diag $run->{out};

my @digest = $n->mails(kind => 'staff_digest', to => $addr);
is scalar(@digest), 1, 'one digest arrives at the sink';
my $url = unsub_url($kim);
my $m = $digest[0] // { headers => {} };
is_deeply $m->{headers}{'list-unsubscribe'}, ["<$url>"], '... List-Unsubscribe is the signed one-click link';
is_deeply $m->{headers}{'list-unsubscribe-post'}, ['List-Unsubscribe=One-Click'], '... with List-Unsubscribe-Post';
like $m->{text} // '', qr/\Q$url\E/, '... and the link is in its text';
like $m->{html} // '', qr/\Q$url\E/, '... and in its HTML';
like $m->{text} // '', qr/보도블록 파손/, '... which lists the waiting notices';

# ------------------------------------------------------------ the page

is prefs($kim), '111', 'e-mail, SMS and the digest are on';
my $r = $anon->get($url);
is $r->code, 200, 'the link opens without sign-in';
my $html = body_of($r);
like $html, qr/\Q${\ L('Unsub.Lead')}\E/, '... says what the button does';
like $html, qr{<form method="post" action="/unsubscribe/\Q${\ signed('unsub', $kim)}\E"}, '... posts to itself';
like $html, qr{<button type="submit"[^>]*>\Q${\ L('Unsub.Submit')}\E</button>}, '... with its button';
my ($form) = $html =~ m{(<form method="post" action="/unsubscribe/.*?</form>)}s;
unlike $form // '', qr/name="csrf"/, '... and no CSRF token (the signed link is the authentication)';
like $form // '', qr/name="List-Unsubscribe" value="One-Click"/, '... sending what a mail provider sends';
is prefs($kim), '111', 'opening the link changes nothing';

# Refused links, each with the page that says so and nothing changed.
(my $forged = signed('unsub', $kim)) =~ s/\.(.)/'.' . ($1 eq 'A' ? 'B' : 'A')/e;
my %bad = (
    'a forged MAC'                  => $forged,
    'another account, same MAC'     => $lee . '.' . (split /\./, signed('unsub', $kim))[1],
    'a rating link for the same id' => signed('rate', $kim),
    'a cut link'                    => substr(signed('unsub', $kim), 0, 20),
    'no MAC'                        => $kim,
    'an unknown account'            => signed('unsub', 999999),
    'a leading zero'                => signed('unsub', "0$kim"),
);
for my $what (sort keys %bad) {
    my $g = $anon->get($s->base_url . "/unsubscribe/$bad{$what}");
    is $g->code, 404, "GET with $what: 404";
    my $p = $anon->post($s->base_url . "/unsubscribe/$bad{$what}", [ 'List-Unsubscribe' => 'One-Click' ]);
    is $p->code, 404, "POST with $what: 404";
}
like body_of($anon->get($s->base_url . "/unsubscribe/$forged")), qr/\Q${\ L('Unsub.Invalid')}\E/,
    'a forged link is told it is not valid';
is prefs($kim), '111', '... and nothing changed for the account';
is prefs($lee), '100', '... nor for the other one';

# RFC 8058: the provider's POST, form-encoded, no cookie and no CSRF token.
$r = $anon->request(POST $url, Content_Type => 'application/x-www-form-urlencoded',
    Content => 'List-Unsubscribe=One-Click');
is $r->code, 200, 'the one-click POST is taken without a session or a CSRF token';
like body_of($r), qr/\Q${\ L('Unsub.Done')}\E/, '... and answers a confirmation page';
is prefs($kim), '011', '... e-mail notices are off, SMS and the digest choice stay';
is prefs($lee), '100', '... the other account is untouched';
like $s->log_text, qr/notice preferences of $kim: email=0 by the one-click unsubscribe link/,
    '... and the log says so';

$r = $anon->request(POST $url, Content_Type => 'form-data', Content => [ 'List-Unsubscribe' => 'One-Click' ]);
is $r->code, 200, 'a second POST (multipart, as some providers send it) is fine too';
is prefs($kim), '011', '... and changes nothing more';
like body_of($anon->get($url)), qr/\Q${\ L('Unsub.Off')}\E/, 'the link now says e-mail is already off';

# A session's cookie and a wrong CSRF token do not matter either way.
my $staff = $s->ua;
is Madang::Test::sign_in($s, $staff, 'road.lee', 'madang-staff-2026')->code, 303, 'road.lee signs in';
$r = $staff->post(unsub_url($lee), [ csrf => 'nonsense', 'List-Unsubscribe' => 'One-Click' ]);
is $r->code, 200, "a signed-in person's POST through their link works";
is prefs($lee), '000', '... e-mail off for road.lee';
$s->sql("UPDATE accounts SET notify_email = 1 WHERE id = $lee");

# ------------------------------------------------------------ afterwards

my $mails_before = $s->sql_value("SELECT COUNT(*) FROM outbox WHERE account_id = $kim AND channel = 'email'");
waiting_notice('신호등 고장');
# The next day: a digest is made once a day.
my $tomorrow = $s->sql_value("SET time_zone = '+09:00'; SELECT CURDATE() + INTERVAL 1 DAY");
$run = $n->run(now => "$tomorrow 09:00:00");
is $run->{status}, 0, 'the notifier runs the next morning' or diag $run->{out};
is $s->sql_value("SELECT COUNT(*) FROM notices WHERE account_id = $kim AND kind = 'staff_digest'"), 2,
    'the next digest is made for the web inbox';
is $s->sql_value("SELECT COUNT(*) FROM outbox WHERE account_id = $kim AND channel = 'email'"), $mails_before,
    '... but no e-mail goes any more';
is scalar(my @d = $n->mails(kind => 'staff_digest', to => $addr)), 1, '... the sink still has the one digest';

$n->stop;
done_testing;
