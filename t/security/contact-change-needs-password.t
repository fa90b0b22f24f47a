# SPDX-License-Identifier: AGPL-3.0-or-later
# contact-change-needs-password.t: changing the e-mail address or the mobile
# number asks for the current password. Whoever holds a session (a shared
# computer left signed in, a stolen cookie) must not redirect the account's
# mail and SMS, and with them its notices, without it. A wrong password is
# refused beside the field, stores nothing and counts against the sign-in
# throttle like any other guess.
use strict;
use warnings;
use utf8;
use Test::More;
use HTML::Entities qw(decode_entities);
use Madang::Test qw(input_value);

binmode $_, ':encoding(UTF-8)'
    for map { Test::More->builder->$_ } qw(output failure_output todo_output);

my $s = Madang::Test->start;
my $L = Madang::Test::lang_strings('ko');

sub field_error {
    my ($html, $name) = @_;
    return $html =~ m{<p class="field-error" id="err-\Q$name\E">([^<]*)</p>} ? decode_entities($1) : '';
}

my $ua = $s->ua;
my ($res, $me) = Madang::Test::register_citizen($s, $ua, mobile => '010-1111-2222');
is $res->code, 303, 'a citizen registers (and is signed in)';
my $id = $s->sql_value("SELECT id FROM accounts WHERE login_id = '$me->{login_id}'");
my $stored = sub { [ $s->sql("SELECT email, IFNULL(mobile, '') FROM accounts WHERE id = $id") ] };
my $original = $stored->();

my $page = $ua->get($s->url('/account'));
is $page->code, 200, 'the account page';
my ($contact_form) = $page->decoded_content =~ m{(<form method="post" action="/account/contact".*?</form>)}s;
ok $contact_form, 'has the contact form';
like $contact_form // '', qr{<input type="password"[^>]*name="contact_password"[^>]*required}, 'which asks for the password';

my $post = sub {
    my (%f) = @_;
    my $csrf = $s->csrf_from($ua->get($s->url('/account')));
    my %form = (email => 'thief@evil.example', mobile => '010-6666-6666', %f);
    return $ua->post($s->url('/account/contact'), [ csrf => $csrf, %form ]);
};

$res = $post->();
is $res->code, 400, 'without the password: refused';
is field_error($res->decoded_content, 'contact_password'), $L->{'Err.required'}, 'with the message beside the field';
is_deeply $stored->(), $original, 'nothing changed';

$res = $post->(contact_password => 'Not-my-password-99');
is $res->code, 400, 'with a wrong password: refused';
is field_error($res->decoded_content, 'contact_password'), $L->{'Err.current_wrong'}, 'with the message beside the field';
is input_value($res->decoded_content, 'email'), 'thief@evil.example', 'what was typed is kept for another try';
unlike $res->decoded_content, qr/Not-my-password-99/, 'but never the password';
is_deeply $stored->(), $original, 'nothing changed';
is $s->sql_value("SELECT COUNT(*) FROM login_failures WHERE scope = 'login' AND subject = '$me->{login_id}'"), 1,
    'the wrong password counts against the throttle';

$res = $post->(email => "new.$me->{email}", mobile => '010-3333-4444', contact_password => $me->{password});
is $res->code, 303, 'with the right password: changed';
is_deeply $stored->(), [ [ "new.$me->{email}", '01033334444' ] ], 'stored';
like $ua->follow($res)->decoded_content, qr/\Q$L->{'Msg.ContactChanged'}\E/, 'and the page says so';

$s->stop;
done_testing;
