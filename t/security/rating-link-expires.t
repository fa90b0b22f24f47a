# SPDX-License-Identifier: AGPL-3.0-or-later
# rating-link-expires.t: a rating link works for web.rate_link_days after
# the answer (30 by default) and then no more (issue 8, "signed links"):
# an older link shows a clear "expired" page, in Korean and in English,
# and a rating posted to it records nothing; a younger one still rates;
# the lifetime follows the configuration.
use strict;
use warnings;
use utf8;
use Test::More;
use Digest::SHA qw(hmac_sha256);
use MIME::Base64 qw(encode_base64url);
use Madang::Test;

binmode $_, ':encoding(UTF-8)'
    for map { Test::More->builder->$_ } qw(output failure_output todo_output);

my $s = Madang::Test->start(seed => 1);
my %ko = %{ Madang::Test::lang_strings('ko') };
my %en = %{ Madang::Test::lang_strings('en') };

my ($secret_hex) = do { open my $fh, '<', $s->dir . '/run/secret' or die $!; local $/; <$fh> } =~ /([0-9a-f]{64})/i;
my $key = pack 'H*', $secret_hex;
sub rate_url {
    my ($nonce) = @_;
    return $s->url("/rate/$nonce." . encode_base64url(hmac_sha256("rate:$nonce", $key)));
}
sub text_of {
    my ($r) = @_;
    (my $t = $r->decoded_content // '') =~ s/<[^>]*>/ /g;
    $t =~ s/&#39;/'/g;
    $t =~ s/&quot;/"/g;
    $t =~ s/&amp;/&/g;
    $t =~ s/\s+/ /g;
    return $t;
}

my $case_id = $s->sql_value('SELECT MIN(id) FROM cases');
my $n = 0;
# A rating link as the answer's notice makes it, the answer $days_ago old.
sub link_of_age {
    my ($days_ago) = @_;
    my $nonce = sprintf '%032x', 0xabc000 + ++$n;
    $s->sql("INSERT INTO satisfaction (case_id, nonce, created_at)"
        . " VALUES ($case_id, '$nonce', NOW() - INTERVAL $days_ago DAY)");
    return ($nonce, rate_url($nonce));
}
sub stored { my ($nonce) = @_; return $s->sql_value("SELECT CONCAT(rated_at IS NOT NULL, '/', callback_state) FROM satisfaction WHERE nonce = '$nonce'") }

# Posts a rating with a CSRF token from the sign-in page (the expired page
# has no form: this is a hand-made or stale post).
sub post_rating {
    my ($ua, $url, $rating) = @_;
    my $csrf = $s->csrf_from($ua->get($s->url('/login')));
    return $ua->post($url, [ csrf => $csrf, rating => $rating, comment => 'late' ]);
}

# ------------------------------------------------------- the default, 30

my ($old, $old_url) = link_of_age(31);
my $ua = $s->ua;
my $r = $ua->get($old_url, 'Accept-Language' => 'ko');
is $r->code, 410, 'a link 31 days after the answer: 410 Gone';
like text_of($r), qr/\Q$ko{'Rate.Expired'}\E/, '... with the Korean "expired" page';
unlike $r->decoded_content // '', qr/name="rating"/, '... and no rating form';

my $en_ua = $s->ua;
$r = $en_ua->get($old_url, 'Accept-Language' => 'en');
is $r->code, 410, 'in English too';
like text_of($r), qr/\Q$en{'Rate.Expired'}\E/, '... with the English "expired" page';

$r = post_rating($ua, $old_url, 1);
is $r->code, 410, 'a rating posted to the expired link: 410';
like text_of($r), qr/\Q$ko{'Rate.Expired'}\E/, '... the "expired" page';
is stored($old), '0/none', '... nothing recorded (no rating, no callback)';

my ($young, $young_url) = link_of_age(29);
$r = $ua->get($young_url);
is $r->code, 200, 'a link 29 days after the answer still opens';
like $r->decoded_content // '', qr/name="rating"/, '... with the form';
like text_of($r), qr/\Q$ko{'Rate.Comment'} ($ko{'Rate.CommentOptional'}, $ko{'Rate.CommentMax'}: 2000)\E/,
    '... whose comment box names the limit';
$r = post_rating($ua, $young_url, 2);
is $r->code, 303, '... and rates';
is stored($young), '1/pending', '... recorded';

# ------------------------------------------------------- configured, 7

$s->set_config('web.rate_link_days' => 7);
$s->restart_web;
my ($eight, $eight_url) = link_of_age(8);
my ($six, $six_url) = link_of_age(6);
is $ua->get($eight_url)->code, 410, 'web.rate_link_days = 7: a link 8 days old has expired';
is post_rating($ua, $eight_url, 5)->code, 410, '... a rating to it is refused';
is stored($eight), '0/none', '... and not recorded';
is $ua->get($six_url)->code, 200, '... a link 6 days old still opens';

$s->stop;
done_testing;
