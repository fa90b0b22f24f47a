# SPDX-License-Identifier: AGPL-3.0-or-later
# 240-realname.t: real-name identity (실명확인) through the built-in test
# provider, which signs its callback exactly as a real provider would:
# the round trip (start with consent, the provider's form, the signed
# callback, then the confirmation page that shows the masked name and the
# birth year and links only on a CSRF-protected POST from the session
# that started the check, the account verified and renamed); a tampered callback (a
# field or the signature changed, a state whose MAC is forged though the
# provider's signature over it is right) and a replayed one are refused;
# the person key is stored only as HMAC-SHA-256 under
# identity.person_key_file; a second account of the same person is
# refused; a callback carried by another account's session is refused
# and links nothing, neither then nor later; one without any cookie
# (SameSite) is kept for the starter to confirm; another session of the
# same account cannot confirm; a confirmation replayed is refused; an old
# state, and an unconfirmed claim, have expired; the setting identity.required_for = file sends an unverified
# citizen from the filing form to the check and refuses the POST; the
# consent history (registration, telephone, identity) is shown on
# /account; withdrawing the consent to the check removes the record and
# is in the history; the
# test provider and callback do not exist unless the configuration says
# demo = 1.
use strict;
use warnings;
use utf8;
use Test::More;
use Digest::SHA qw(hmac_sha256_hex);
use Encode qw(encode);
use URI;
use Madang::Test qw(L body_of text_of forms_of submit_form post_form file_case);

binmode $_, ':encoding(UTF-8)'
    for map { Test::More->builder->$_ } qw(output failure_output todo_output);

my $s = Madang::Test->start(seed => 1);
# The stack's demo configuration has the test provider and its keys.
is $s->config_value('identity.provider'), 'test', 'the demo stack uses the test provider';
sub key_of {
    my ($setting) = @_;
    open my $fh, '<', $s->config_value($setting) or die "$setting: $!";
    my ($hex) = <$fh> =~ /\A([0-9a-f]{64})$/ or die "$setting: no key";
    return $hex;
}
my $provider_hex = key_of('identity.secret_file');
my $person_hex = key_of('identity.person_key_file');
my $client = $s->config_value('identity.client_id');

# Starts a check as $ua and fills the test provider's form: returns the
# signed callback form (forms_of) and the state.
sub provider_round {
    my ($ua, %claim) = @_;
    my $r = post_form($s, $ua, '/account/identity', '/account/identity/start', identity_consent => 1);
    is $r->code, 303, 'the start redirects to the provider';
    my $to = URI->new($r->header('Location'));
    is $to->path, '/identity/test', 'the test provider';
    my %q = $to->query_form;
    is $q{client_id}, $client, 'with the client id';
    is $q{return}, '/identity/callback', 'and the return address';
    like $q{state}, qr/\A[0-9a-f]{32}\.[A-Za-z0-9_-]{43}\z/, 'and a signed state';
    $r = $ua->get($s->url($to->path_query));
    is $r->code, 200, 'the provider shows its form';
    my ($form) = grep { $_->{action} eq '/identity/test' } forms_of(body_of($r));
    $r = submit_form($s, $ua, $form, %claim);
    is $r->code, 200, 'the provider signs';
    my ($cb) = grep { $_->{action} eq '/identity/callback' } forms_of(body_of($r));
    ok $cb, 'and gives back the callback form';
    is $cb->{fields}{$_}, $claim{$_}, "the callback carries $_" for qw(name birth key);
    is $cb->{fields}{state}, $q{state}, 'and the state';
    return ($cb, $q{state});
}

sub callback {
    my ($ua, $cb, %change) = @_;
    return submit_form($s, $ua, $cb, %change);
}

# Follows a callback's redirect to the confirmation page as $ua: returns
# the page and its form.
sub confirm_page {
    my ($ua) = @_;
    my $r = $ua->get($s->url('/account/identity/confirm'));
    my ($form) = grep { $_->{action} eq '/account/identity/confirm' } forms_of(body_of($r));
    return ($r, $form);
}

# The confirmation as $ua: the response of its POST.
sub confirm {
    my ($ua) = @_;
    my ($r, $form) = confirm_page($ua);
    is $r->code, 200, 'the confirmation page is shown' or return $r;
    return submit_form($s, $ua, $form);
}

sub provider_sig {
    my (%f) = @_;
    return hmac_sha256_hex(encode('UTF-8', join "\n", $client, @f{qw(state name birth key)}),
        pack('H*', $provider_hex));
}

# ------------------------------------------------ registration's consent

is $s->sql_value(q{SELECT COUNT(*) FROM consents c JOIN accounts a ON a.id = c.account_id}
    . q{ WHERE a.login_id = 'minjun' AND c.kind = 'register' AND c.text_version = '2026-01'}), 1,
    "a demo citizen's registration consent is in the history";

my ($ua, $kim) = $s->citizen(name => '김가명');
my @c = $s->sql("SELECT kind, text_version, given FROM consents WHERE account_id = $kim");
is_deeply \@c, [[ 'register', '2026-01', 1 ]], 'registration recorded its consent with the text version';

# ------------------------------------------------ the setting on filing

my $r = $ua->get($s->url('/cases/new'));
is $r->code, 200, 'filing needs no check while the setting is unset';
# A global supervisor ticks the actions on /admin/settings.
my $adm = $s->ua;
is Madang::Test::sign_in($s, $adm, 'admin', 'madang-admin-2026')->code, 303, 'the supervisor signs in';
my ($set) = grep { $_->{action} eq '/admin/settings' } forms_of(body_of($adm->get($s->url('/admin/settings'))));
like $set->{html}, qr/\Q${\ L('Identity.Settings.Actions.file') }\E/, 'the settings page offers the actions';
# Every field as shown but the boxes (forms_of keeps only the hidden ones).
while ($set->{html} =~ m{<input\b([^>]*)>}g) {
    my $a = $1;
    next if $a =~ /type="(checkbox|radio)"/;
    $set->{fields}{$1} //= $2 if $a =~ m{\bname="([a-z_]+)"[^>]*\bvalue="([^"]*)"};
}
$r = submit_form($s, $adm, $set, timeline_show => 'name', identity_file => 1,
    identity_support => 1);
is $r->code, 303, 'and saves' or diag body_of($r);
is $s->sql_value("SELECT value FROM settings WHERE name = 'identity.required_for'"), 'file,support',
    'identity.required_for holds the ticked actions';
like body_of($adm->get($s->url('/admin/settings'))), qr/id="identity_file" name="identity_file" value="1"[^>]*checked/,
    'shown ticked';
ok $s->sql_value("SELECT COUNT(*) FROM audit_log WHERE object_id = 'identity.required_for'"), 'audited';
$r = $ua->get($s->url('/cases/new'));
is $r->code, 303, 'with identity.required_for naming file, the form';
is $r->header('Location'), '/account/identity?need=file', 'sends to the real-name check';
$r = $ua->follow($r);
like body_of($r), qr/\Q${\ L('Identity.Need.file') }\E/, 'which says why';
$r = post_form($s, $ua, '/account', '/cases/new', category => 1, title => '확인 전 민원', body => '본문입니다.');
is $r->code, 303, 'a POST to the filing form is refused the same way';
is $s->sql_value("SELECT COUNT(*) FROM cases WHERE account_id = $kim"), 0, 'and files nothing';

# The same gate on a proposal's support and a debate's opinion (issue 11's
# pages), once the setting names them.
$s->sql("UPDATE settings SET value = 'file,support,opinion' WHERE name = 'identity.required_for'");
my $open_proposal = $s->sql_value("SELECT MIN(id) FROM proposals WHERE state = 'open' AND moderation = 'visible'");
$r = post_form($s, $ua, "/proposals/$open_proposal", "/proposals/$open_proposal/support", action => 'add');
is $r->code, 303, 'with support named, a support';
is $r->header('Location'), '/account/identity?need=support', '... is sent to the real-name check';
is $s->sql_value("SELECT COUNT(*) FROM proposal_supports WHERE account_id = $kim"), 0, '... and counts nothing';
my $open_debate = $s->sql_value('SELECT MIN(id) FROM debates WHERE opens_at <= NOW() AND closes_at > NOW()');
$r = post_form($s, $ua, "/debates/$open_debate", "/debates/$open_debate/opinions", side => 'agree',
    body => '확인 전 의견');
is $r->code, 303, 'with opinion named, an opinion';
is $r->header('Location'), '/account/identity?need=opinion', '... is sent to the real-name check';
is $s->sql_value("SELECT COUNT(*) FROM posts WHERE author_id = $kim"), 0, '... and stores nothing';
$s->sql("UPDATE settings SET value = 'file,support' WHERE name = 'identity.required_for'");

# ------------------------------------------------ the round trip

$r = post_form($s, $ua, '/account/identity', '/account/identity/start');
is $r->code, 400, 'the start without the consent box is refused';
is $s->sql_value('SELECT COUNT(*) FROM identity_states'), 0, 'and makes no state';

my %kim_claim = (name => '김실명', birth => '1990-01-31', key => 'CI-TEST-KIM-0001');
my ($cb, $state) = provider_round($ua, %kim_claim);

$r = callback($ua, $cb, name => '박사칭');
is $r->code, 400, 'a callback with a changed name is refused';
like body_of($r), qr/\Q${\ L('Identity.Refused.Invalid') }\E/, 'as not valid';
$r = callback($ua, $cb, key => 'CI-TEST-OTHER');
is $r->code, 400, 'so is one with a changed person key';
$r = callback($ua, $cb, sig => '0' x 64);
is $r->code, 400, 'and one with another signature';
my ($nonce) = $state =~ /\A([0-9a-f]{32})\./;
my %forged = (%kim_claim, state => "$nonce." . ('A' x 43));
$r = callback($ua, $cb, state => $forged{state}, sig => provider_sig(%forged));
is $r->code, 400, "a state whose MAC is forged is refused though the provider's signature is right";
is $s->sql_value("SELECT used_at IS NULL FROM identity_states WHERE nonce = '$nonce'"), 1,
    'refused callbacks leave the state unused';
is $s->sql_value("SELECT identity_verified_at IS NULL FROM accounts WHERE id = $kim"), 1, 'and the account unverified';

$r = callback($ua, $cb);
is $r->code, 303, 'the signed callback is accepted';
is $r->header('Location'), '/account/identity/confirm', 'and asks the account to confirm';
is $s->sql_value("SELECT identity_verified_at IS NULL FROM accounts WHERE id = $kim"), 1, 'nothing is linked yet';
my ($page, $confirm_form) = confirm_page($ua);
is $page->code, 200, 'the confirmation page';
like body_of($page), qr{<dd id="claim-name">김\*명</dd>}, 'shows the checked name masked';
like body_of($page), qr{<dd id="claim-birth-year">1990</dd>}, 'and the birth year';
my $kim_login = $s->sql_value("SELECT login_id FROM accounts WHERE id = $kim");
like body_of($page), qr{<dd id="claim-account">김가명 \(\Q$kim_login\E\)</dd>}, 'and the account it will link';
unlike body_of($page), qr/1990-01-31|CI-TEST-KIM/, 'not the birth date or the person key';
# Another session of the same account did not start it: nothing to confirm.
my $ua_b = $s->ua;
is Madang::Test::sign_in($s, $ua_b, $kim_login, 'Madang-test-pass-4821')->code, 303, 'the same account signs in elsewhere';
my ($other_page) = confirm_page($ua_b);
is $other_page->code, 404, 'that session has nothing to confirm';
$r = submit_form($s, $ua_b, $confirm_form, csrf => Madang::Test::csrf_value($ua_b->get($s->url('/account'))));
is $r->code, 400, "and cannot confirm the other session's check with its nonce";
is $s->sql_value("SELECT identity_verified_at IS NULL FROM accounts WHERE id = $kim"), 1, 'still nothing linked';
$r = $ua->post($s->url('/account/identity/confirm'), [ nonce => $confirm_form->{fields}{nonce} ]);
is $r->code, 403, 'a confirmation without the CSRF token is refused';
$r = submit_form($s, $ua, $confirm_form);
is $r->code, 303, 'the confirmation links';
is $r->header('Location'), '/account/identity?done=verified', 'back to the check';
$r = $ua->follow($r);
like body_of($r), qr/\Q${\ L('Msg.IdentityVerified') }\E/, 'which says it is done';
like body_of($r), qr/김실명/, 'with the checked name';
my ($hash, $vname, $name) = @{ ($s->sql("SELECT identity_hash, identity_name, name FROM accounts WHERE id = $kim"))[0] };
is $hash, hmac_sha256_hex('CI-TEST-KIM-0001', pack('H*', $person_hex)),
    'the person key is stored as HMAC-SHA-256 under identity.person_key_file';
isnt $hash, 'CI-TEST-KIM-0001', 'not as itself';
is $s->sql_value(q{SELECT COUNT(*) FROM accounts WHERE CONCAT_WS('|', identity_hash, identity_name, name)}
    . q{ LIKE '%CI-TEST-KIM%'}), 0, 'the key is nowhere in accounts';
is $vname, '김실명', 'the checked name is kept';
is $name, '김실명', "and becomes the account's name";
like $s->sql_value("SELECT detail FROM audit_log WHERE action = 'identity_verified' AND object_id = '$kim'"),
    qr/김가명/, 'the former name is in the audit log';

$r = callback($ua, $cb);
is $r->code, 400, 'the same callback again (a replay) is refused';
like body_of($r), qr/\Q${\ L('Identity.Refused.Expired') }\E/, 'as used';
$r = submit_form($s, $ua, $confirm_form);
is $r->code, 400, 'the confirmation again (a replay) is refused';
like body_of($r), qr/\Q${\ L('Identity.Refused.Expired') }\E/, 'as used';

file_case($s, $ua, category => 1, title => '실명확인 뒤의 민원');

# ------------------------------------------------ one person, one account

my ($ua2, $lee) = $s->citizen(name => '이가명');
my ($cb2) = provider_round($ua2, name => '이실명', birth => '1985-05-05', key => 'CI-TEST-KIM-0001');
$r = callback($ua, $cb2);
is $r->code, 403, "a callback carried by another account's session is refused";
like body_of($r), qr/\Q${\ L('Identity.Refused.OtherSession') }\E/, 'as started elsewhere';
is ((confirm_page($ua2))[0]->code, 404, 'and the account that started it has nothing to confirm either');
is $s->sql_value("SELECT identity_verified_at IS NULL FROM accounts WHERE id = $lee"), 1, 'nothing is linked';
($cb2) = provider_round($ua2, name => '이실명', birth => '1985-05-05', key => 'CI-TEST-KIM-0001');
$r = callback($ua2, $cb2);
is $r->code, 303, 'a callback of a person another account holds';
$r = confirm($ua2);
is $r->code, 409, 'a second account of the same person is refused';
like body_of($r), qr/\Q${\ L('Identity.Refused.Taken') }\E/, 'with a clear message';
is $s->sql_value("SELECT identity_verified_at IS NULL FROM accounts WHERE id = $lee"), 1, 'and stays unverified';
is $s->sql_value("SELECT name FROM accounts WHERE id = $lee"), '이가명', 'with its name';

# The provider's POST may come without the session cookie (SameSite=Lax).
my ($cb3, $state3) = provider_round($ua2, name => '이실명', birth => '1985-05-05', key => 'CI-TEST-LEE-0002');
my $anon = $s->ua(cookie_jar => undef);
$r = callback($anon, $cb3);
is $r->code, 303, 'a callback without a session is accepted: the state names the account';
is $s->sql_value("SELECT identity_name FROM accounts WHERE id = $lee"), undef, 'which is not linked yet';
$r = confirm($ua2);
is $r->code, 303, 'the account that started it confirms';
is $s->sql_value("SELECT identity_name FROM accounts WHERE id = $lee"), '이실명', 'and is verified';

# An old state has expired.
my ($ua3, $park) = $s->citizen(name => '박가명');
my ($cb4, $state4) = provider_round($ua3, name => '박실명', birth => '1970-07-07', key => 'CI-TEST-PARK-0003');
my ($nonce4) = $state4 =~ /\A([0-9a-f]{32})\./;
$s->sql("UPDATE identity_states SET created_at = NOW() - INTERVAL 11 MINUTE WHERE nonce = '$nonce4'");
$r = callback($ua3, $cb4);
is $r->code, 400, 'a state older than 10 minutes is refused';
like body_of($r), qr/\Q${\ L('Identity.Refused.Expired') }\E/, 'as expired';
# A claim not confirmed in time links nothing.
($cb4, $state4) = provider_round($ua3, name => '박실명', birth => '1970-07-07', key => 'CI-TEST-PARK-0003');
($nonce4) = $state4 =~ /\A([0-9a-f]{32})\./;
is callback($ua3, $cb4)->code, 303, 'a new check is claimed';
my (undef, $late_form) = confirm_page($ua3);
$s->sql("UPDATE identity_states SET created_at = NOW() - INTERVAL 11 MINUTE WHERE nonce = '$nonce4'");
is ((confirm_page($ua3))[0]->code, 404, 'after 10 minutes there is nothing to confirm');
is submit_form($s, $ua3, $late_form)->code, 400, 'and a late confirmation is refused';
is $s->sql_value("SELECT identity_verified_at IS NULL FROM accounts WHERE id = $park"), 1, 'nothing linked';

# ------------------------------------------------ the consent history

# The call centre's consent by telephone goes into the same history.
my $agent = $s->ua;
is Madang::Test::sign_in($s, $agent, 'agent.song', 'madang-staff-2026')->code, 303, 'a call centre agent signs in';
my ($call) = grep { $_->{action} eq '/staff/callcentre/file' }
    forms_of(body_of($agent->get($s->url("/staff/callcentre/callers/$kim"))));
ok $call, "the agent has the filing form of the caller's history";
$r = submit_form($s, $agent, $call, category => 1, title => '전화 민원', body => '전화로 받은 민원입니다.', consent => 1);
is $r->code, 303, 'the agent files with the consent given by telephone' or diag body_of($r);
my $agent_id = $s->account_id('agent.song');
is $s->sql_value("SELECT CONCAT(text_version, ':', given, ':', agent_id) FROM consents WHERE account_id = $kim"
    . " AND kind = 'phone'"), "2026-01:1:$agent_id", 'recorded in the consents with the version and the agent';

$r = $ua->get($s->url('/account'));
my ($table) = body_of($r) =~ m{<table id="consents">(.*?)</table>}s;
ok $table, 'the account page shows the consent history';
my $text = text_of($table // '');
like $text, qr/\Q${\ L('Consents.Kinds.register') }\E 2026-01/, 'the registration consent with its version';
like $text, qr/\Q${\ L('Consents.Kinds.identity') }\E 2026-12/, 'and the real-name check consent with its';
like $text, qr/\Q${\ L('Consents.Kinds.phone') }\E 2026-01/, 'and the one by telephone';
like body_of($r), qr/\Q${\ L('Identity.Verified') }\E/, 'and the real-name status';

# ------------------------------------------------ withdrawing the consent

$r = post_form($s, $ua, '/account/identity', '/account/identity/withdraw');
is $r->code, 303, 'the consent to the check is withdrawn';
like body_of($ua->follow($r)), qr/\Q${\ L('Msg.IdentityWithdrawn') }\E/, 'which the page says';
is_deeply [ $s->sql("SELECT identity_hash IS NULL, identity_name IS NULL, identity_verified_at IS NULL, name"
    . " FROM accounts WHERE id = $kim") ], [[ 1, 1, 1, '김실명' ]],
    'the person hash and the checked name are gone, the name stays';
is $s->sql_value("SELECT COUNT(*) FROM consents WHERE account_id = $kim AND kind = 'identity' AND given = 0"), 1,
    'the withdrawal is in the consent history';
like text_of(body_of($ua->get($s->url('/account')))), qr/\Q${\ L('Consents.Kinds.identity') }\E 2026-12 \Q${\ L('Consents.Withdrawn') }\E/,
    'and shown on the account page';
is $ua->get($s->url('/cases/new'))->code, 303, 'filing needs the check again';
$r = post_form($s, $ua, '/account/identity', '/account/identity/withdraw');
is $r->header('Location'), '/account/identity', 'a second withdrawal changes nothing';

# ------------------------------------------------ only in a demo

$s->set_config(demo => 0);
$s->restart_web;
$r = $ua3->get($s->url("/identity/test?client_id=$client&state=$state4&return=/identity/callback"));
is $r->code, 404, 'without demo = 1 the test provider does not exist';
$r = callback($anon, $cb4);
is $r->code, 404, 'nor its callback';
like body_of($ua3->get($s->url('/account/identity'))), qr/\Q${\ L('Identity.Off') }\E/,
    'and the check is off';

done_testing;
