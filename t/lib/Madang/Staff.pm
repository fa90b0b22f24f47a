# SPDX-License-Identifier: AGPL-3.0-or-later
# Madang::Staff: what the end-to-end tests do as staff and administrators,
# written once for every test file that does it.
package Madang::Staff;

=encoding utf8

=head1 NAME

Madang::Staff - staff and administrator actions for t/e2e and t/security

=head1 SYNOPSIS

    use Madang::Test;
    use Madang::Staff;

    my $s     = Madang::Test->start(seed => 1);
    my $admin = Madang::Staff::signed_in($s, 'admin', 'madang-admin-2026');
    my ($r, $id) = Madang::Staff::create_staff($s, $admin, login_id => 'road.agent',
        name => '도로상담', email => 'road.agent@madang.example',
        password => 'road-agent-first-2026', department_id => 4);
    $r = Madang::Staff::grant_role($s, $admin, $id, role => 'agent',
        role_department => 4, with_subtree => 1);
    my $lee = Madang::Staff::signed_in($s, 'road.lee');   # the demo password
    $r = Madang::Staff::act($s, $lee, $tracking, 'answer', text => '...');

    # A role granted with SQL, as an operator's import would:
    $s->sql("INSERT INTO staff_roles ...");
    Madang::Staff::scope_rebuild($s);

Every function takes the stack (L<Madang::Test>) first; the forms are
posted as a browser would, with the page's CSRF token.

=cut

use strict;
use warnings;
use utf8;

use Exporter qw(import);
use Test::More ();
use Madang::Test;

our @EXPORT_OK = qw(signed_in create_staff grant_role act scope_rebuild);

=head1 FUNCTIONS

Each can be imported by name: C<use Madang::Staff qw(signed_in act);>.

=head2 signed_in($s, $login, $password)

A new user agent signed in as C<$login> (C<$password> defaults to the demo
staff's, C<madang-staff-2026>). Passes one test: the sign-in answers with
the redirect (303) a good password gets.

=cut

sub signed_in {
    my ($s, $login, $password) = @_;
    my $ua = $s->ua;
    my $r = Madang::Test::sign_in($s, $ua, $login, $password // 'madang-staff-2026');
    Test::More::is($r->code, 303, "$login signs in") or Test::More::diag($r->decoded_content // '');
    return $ua;
}

=head2 create_staff($s, $ua, %fields)

Creates a staff account through the form at C</admin/staff> (fields
C<login_id>, C<name>, C<email>, C<password>, C<department_id>). Returns
the response (a 303 to the new account's page on success) and the new
account's id from that redirect (undef when there is none).

=cut

sub create_staff {
    my ($s, $ua, @fields) = @_;
    my $r = Madang::Test::post_form($s, $ua, '/admin/staff', '/admin/staff', @fields);
    my ($id) = ($r->header('Location') // '') =~ m{^/admin/staff/(\d+)};
    # Notices go only to verified contacts: a test's staff have them.
    $s->sql("UPDATE accounts SET email_verified_at = NOW() WHERE id = $id") if $id;
    return ($r, $id);
}

=head2 grant_role($s, $ua, $account_id, %fields)

Grants a role through the account's page C</admin/staff/ID> (fields
C<role>, C<role_department>, C<with_subtree>). Returns the response (a 303
on success).

=cut

sub grant_role {
    my ($s, $ua, $account_id, @fields) = @_;
    my $page = "/admin/staff/$account_id";
    return Madang::Test::post_form($s, $ua, $page, $page, action => 'grant', @fields);
}

=head2 act($s, $ua, $tracking, $action, %values)

Takes C<$action> on the staff page of the case C<$tracking> as a person
would: loads the page, fills in the form whose hidden C<action> field is
C<$action> (its CSRF token and version come with it) and posts it.
Returns the response, or undef when the page does not open (not 200) or
offers no such form.

=cut

sub act {
    my ($s, $ua, $tracking, $action, %values) = @_;
    my $page = $ua->get($s->url("/staff/cases/$tracking"));
    return undef unless $page->code == 200;
    my ($form) = grep { ($_->{fields}{action} // '') eq $action }
        Madang::Test::forms_of($page->decoded_content // '');
    return $form ? Madang::Test::submit_form($s, $ua, $form, %values) : undef;
}

=head2 scope_rebuild($s)

Rebuilds C<staff_scope> from C<staff_roles> and the department tree: the
same rows C<org_scope_rebuild> (F<lib/org/org.c>) derives, for tests that
grant roles or add staff with SQL (as an operator's import would) and
then need the permission table to agree, as every change in the library
leaves it.

=cut

sub scope_rebuild {
    my ($s) = @_;
    $s->sql(q{DELETE FROM staff_scope;
        INSERT INTO staff_scope (account_id, department_id, can_handle, can_manage)
        SELECT x.account_id, x.department_id, MAX(x.h), MAX(x.m) FROM (
          WITH RECURSIVE sub (root, id) AS (SELECT id, id FROM departments
            UNION ALL SELECT sub.root, c.id FROM departments c JOIN sub ON c.parent_id = sub.id)
          SELECT r.account_id, sub.id AS department_id, 1 AS h, r.role <> 'handler' AS m
          FROM staff_roles r JOIN sub ON (r.department_id IS NULL AND sub.root = sub.id)
            OR (sub.root = r.department_id AND (r.with_subtree = 1 OR sub.id = sub.root))
          WHERE r.role IN ('handler', 'manager', 'supervisor', 'sysadmin')
        ) x JOIN accounts a ON a.id = x.account_id AND a.active = 1
        GROUP BY x.account_id, x.department_id});
    return;
}

1;
