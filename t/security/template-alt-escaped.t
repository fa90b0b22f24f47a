# SPDX-License-Identifier: AGPL-3.0-or-later
# template-alt-escaped.t: a department name holding markup is shown as text
# on every admin list that prints it (issue 8). ClearSilver 0.10.5 escapes
# var: but not alt:, so /admin/departments (the parent column) and
# /admin/staff (a member's departments, a role's department) once sent such
# a name out raw: a <meta http-equiv="refresh"> in it moved the
# supervisor's browser to another site, a <script> ran (but for the CSP).
use strict;
use warnings;
use utf8;
use Test::More;
use Encode qw(encode);
use HTML::Entities qw(decode_entities);
use Madang::Test;

binmode $_, ':encoding(UTF-8)'
    for map { Test::More->builder->$_ } qw(output failure_output todo_output);

my $s = Madang::Test->start(seed => 1);

my $META = '<meta http-equiv="refresh" content="0;url=http://127.0.0.1:1/">';
my $SCRIPT = '<script>alert(1)</script>'; # both within the 100 characters of a name
my $EVIL = $META . $SCRIPT;

my $adm = $s->ua;
my $r = Madang::Test::sign_in($s, $adm, 'admin', 'madang-admin-2026');
is $r->code, 303, 'the supervisor signs in';

# POSTs %f with the CSRF token of the page $page; returns the response.
sub post_from {
    my ($page, $action, @f) = @_;
    my $form = $adm->get($s->url($page));
    die "GET $page: " . $form->status_line unless $form->code == 200;
    return $adm->post($s->url($action),
        [csrf => $s->csrf_from($form), map { utf8::is_utf8($_) ? encode('UTF-8', $_) : $_ } @f]);
}

# A department named with markup in both languages, and one under it (so
# that the markup is its parent's name).
$r = post_from('/admin/departments', '/admin/departments',
    parent_id => 2, name_ko => $EVIL, name_en => $EVIL);
is $r->code, 303, 'a department named with markup is created (names are free text)';
my ($evil) = ($r->header('Location') // '') =~ m{^/admin/departments/(\d+)};
ok $evil, 'its id' or BAIL_OUT('no department');
$r = post_from('/admin/departments', '/admin/departments',
    parent_id => $evil, name_ko => '아래 부서', name_en => 'Below');
is $r->code, 303, 'a department under it';

# road.lee joins it and is granted a role on it.
my $lee = $s->sql_value("SELECT id FROM accounts WHERE login_id = 'road.lee'");
$r = post_from("/admin/staff/$lee", "/admin/staff/$lee", action => 'join', join_department => $evil);
is $r->code, 303, 'road.lee joins it';
$r = post_from("/admin/staff/$lee", "/admin/staff/$lee",
    action => 'grant', role => 'handler', role_department => $evil);
is $r->code, 303, 'and is a handler there';

for my $lang (qw(ko en)) {
    my $ua = $adm;
    my $f = $ua->get($s->url('/'));
    $r = $ua->post($s->url('/lang'), [csrf => $s->csrf_from($f), lang => $lang, back => '/']);
    for my $page ('/admin/departments', '/admin/staff') {
        $r = $ua->get($s->url($page));
        is $r->code, 200, "$page ($lang)";
        my $html = $r->decoded_content // '';
        unlike $html, qr{<meta http-equiv="refresh"}i, "$page ($lang): no refresh from the name";
        unlike $html, qr{<script>alert}, "$page ($lang): no script from the name";
        my $shown = () = $html =~ /\Q&lt;meta http-equiv=&quot;refresh&quot;\E/g;
        # departments: its own row and its child's parent; staff: a
        # membership and a role.
        cmp_ok $shown, '>=', 2, "$page ($lang): the name is shown as text ($shown times)";
        like $html, qr{\Q&lt;script&gt;alert(1)&lt;/script&gt;\E},
            "$page ($lang): the script as text";
    }
}

# The staff list, cell by cell: the membership and the role name it.
my $html = $adm->get($s->url('/admin/staff'))->decoded_content;
my ($row) = $html =~ m{(<tr>\s*<td[^>]*>road\.lee</td>.*?</tr>)}s;
ok $row, "road.lee's row";
my @cells = map { decode_entities($_) } $row =~ m{<td[^>]*>(.*?)</td>}gs;
like $cells[2], qr{\Q$EVIL\E}, 'the departments cell holds the whole name, as text';
like $cells[3], qr{\Q$EVIL\E}, 'the roles cell names the department, as text';

done_testing;
