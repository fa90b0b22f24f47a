# SPDX-License-Identifier: AGPL-3.0-or-later
# admin-set-password-must-be-changed.t: a password an administrator sets
# (a reset on /admin/staff, or a new staff account created there) is known
# to two people, so its owner must replace it at the next sign-in: until
# then every page leads to the password form, and posts do nothing. The
# owner's own new password ends that; it may not be the one the
# administrator chose. madangctl
# create-admin is the operator making their own first account: that
# password is theirs and needs no change (docs/decisions.md, "Accounts").
use strict;
use warnings;
use utf8;
use Test::More;
use HTML::Entities qw(decode_entities);
use Madang::Test qw(body_of);

binmode $_, ':encoding(UTF-8)'
    for map { Test::More->builder->$_ } qw(output failure_output todo_output);

my $s = Madang::Test->start(seed => 1);
my $L = Madang::Test::lang_strings('ko');
my $ADMIN_PW = 'madang-admin-2026';
my $STAFF_PW = 'madang-staff-2026';


sub field_error {
    my ($html, $name) = @_;
    return $html =~ m{<p class="field-error" id="err-\Q$name\E">([^<]*)</p>} ? decode_entities($1) : '';
}

sub flash {
    my ($html) = @_;
    return $html =~ m{<p class="flash[^"]*" role="(?:status|alert)">([^<]*)</p>} ? decode_entities($1) : '';
}

sub signed_in {
    my ($login, $password) = @_;
    my $ua = $s->ua;
    my $r = Madang::Test::sign_in($s, $ua, $login, $password);
    die "sign-in of $login: " . $r->status_line unless $r->code == 303;
    return ($ua, $r);
}

my $lee = $s->sql_value(q{SELECT id FROM accounts WHERE login_id = 'road.lee'});
my ($case) = map { $_->[0] } $s->sql(q{SELECT tracking_no FROM cases WHERE department_id = 4 ORDER BY id LIMIT 1});

# The supervisor resets road.lee's password on /admin/staff.
my ($adm) = signed_in('admin', $ADMIN_PW);
my $SET_PW = 'Harbour-lantern-5517';
{
    my $page = "/admin/staff/$lee";
    my $csrf = $s->csrf_from($adm->get($s->url($page)));
    my $r = $adm->post($s->url($page), [ csrf => $csrf, action => 'password', new_password => $SET_PW ]);
    is $r->code, 303, 'the supervisor sets a new password for road.lee';
}

# road.lee signs in with it: every page leads to the password form.
my ($lee_ua, $r) = signed_in('road.lee', $SET_PW);
is $r->header('Location'), '/account', 'signing in leads to the account page';
for my $path ('/staff/cases', "/staff/cases/$case", '/staff/absences', '/', '/cases', '/account/notices') {
    my $g = $lee_ua->get($s->url($path));
    is $g->code, 303, "GET $path: redirected";
    is $g->header('Location'), '/account', '(to the password form)';
}
my $form = $lee_ua->get($s->url('/account'));
is $form->code, 200, 'the account page opens';
is flash(body_of($form)), $L->{'Msg.MustChangePassword'}, 'and says why';
like body_of($form), qr{<form method="post" action="/account/password"}, 'with the password form';
unlike body_of($form), qr{action="/account/contact"}, 'and nothing else to change meanwhile';

# A post elsewhere does nothing.
{
    my $csrf = $s->csrf_from($form);
    my $before = $s->sql_value('SELECT COUNT(*) FROM absences');
    my $park_id = $s->sql_value(q{SELECT id FROM accounts WHERE login_id = 'road.park'});
    my $p = $lee_ua->post($s->url('/staff/absences'), [ csrf => $csrf, account => $lee, kind => 'leave',
        first => '2030-01-07', last => '2030-01-08', substitute => $park_id ]);
    is $p->code, 303, 'a post elsewhere is redirected';
    is $p->header('Location'), '/account', '(to the password form)';
    is $s->sql_value('SELECT COUNT(*) FROM absences'), $before, 'and stores nothing';
}

# The administrator's password again is not a change.
my $change = sub {
    my ($current, $new) = @_;
    my $csrf = $s->csrf_from($lee_ua->get($s->url('/account')));
    return $lee_ua->post($s->url('/account/password'),
        [ csrf => $csrf, current => $current, password => $new, password2 => $new ]);
};
$r = $change->($SET_PW, $SET_PW);
is $r->code, 400, 'keeping the password the administrator chose is refused';
is field_error(body_of($r), 'password'), $L->{'Err.password_same'}, 'beside the field';
is $lee_ua->get($s->url('/staff/cases'))->code, 303, 'still only the password form';

my $OWN_PW = 'Quiet-orchard-8842';
$r = $change->($SET_PW, $OWN_PW);
is $r->code, 303, 'road.lee chooses a new password';
is flash(body_of($lee_ua->follow($r))), $L->{'Msg.PasswordChanged'}, 'and the page says so';
is $lee_ua->get($s->url('/staff/cases'))->code, 200, 'now the inbox opens';
is $lee_ua->get($s->url("/staff/cases/$case"))->code, 200, 'and the case';
my ($again) = signed_in('road.lee', $OWN_PW);
is $again->get($s->url('/staff/cases'))->code, 200, 'the next sign-in goes straight to work';

# Others are not affected: the supervisor, a staff member whose password
# nobody reset.
is $adm->get($s->url('/admin'))->code, 200, 'the supervisor works on';
my ($park) = signed_in('road.park', $STAFF_PW);
is $park->get($s->url('/staff/cases'))->code, 200, 'road.park (no reset) works on';

# A staff member the supervisor creates on /admin/staff, with a password
# the supervisor typed, is in the same position.
{
    my $FIRST_PW = 'Copper-kettle-4471';
    my $csrf = $s->csrf_from($adm->get($s->url('/admin/staff')));
    my $r = $adm->post($s->url('/admin/staff'), [ csrf => $csrf, login_id => 'road.shin', name => 'Shin Road',
        email => 'road.shin@madang.example', password => $FIRST_PW, department_id => 4 ]);
    is $r->code, 303, 'the supervisor creates road.shin in 도로과 with a password they typed';
    my ($shin_id) = ($r->header('Location') // '') =~ m{^/admin/staff/(\d+)};
    $csrf = $s->csrf_from($adm->get($s->url("/admin/staff/$shin_id")));
    $r = $adm->post($s->url("/admin/staff/$shin_id"), [ csrf => $csrf, action => 'grant', role => 'handler',
        role_department => 4 ]);
    is $r->code, 303, '... and makes them a handler there';

    my ($shin, $in) = signed_in('road.shin', $FIRST_PW);
    is $in->header('Location'), '/account', 'their first sign-in leads to the account page';
    for my $path ('/staff/cases', "/staff/cases/$case", '/') {
        my $g = $shin->get($s->url($path));
        is $g->code, 303, "GET $path: redirected";
        is $g->header('Location'), '/account', '(to the password form)';
    }
    is flash(body_of($shin->get($s->url('/account')))), $L->{'Msg.MustChangePassword'}, 'which says why';
    $r = Madang::Test::change_password($s, $shin, $FIRST_PW, $FIRST_PW);
    is $r->code, 400, "keeping the supervisor's password is refused";
    is field_error(body_of($r), 'password'), $L->{'Err.password_same'}, 'beside the field';
    my $SHIN_PW = 'Velvet-compass-2958';
    $r = Madang::Test::change_password($s, $shin, $FIRST_PW, $SHIN_PW);
    is $r->code, 303, 'road.shin chooses their own password';
    is $shin->get($s->url("/staff/cases/$case"))->code, 200, 'now their work opens';
    my ($next, $next_in) = signed_in('road.shin', $SHIN_PW);
    is $next_in->header('Location'), '/staff/cases', 'and the next sign-in goes straight to it';
}

# madangctl create-admin: the operator's own password.
{
    my ($out, $st) = $s->ctl({ stdin => "Granite-window-3319\n" }, 'create-admin', '--login', 'chief.ops',
        '--name', '운영자', '--email', 'chief.ops@madang.example');
    is $st, 0, 'madangctl create-admin' or diag $out;
    my ($ops) = signed_in('chief.ops', 'Granite-window-3319');
    is $ops->get($s->url('/admin'))->code, 200, 'its account works at once';
}

$s->stop;
done_testing;
