# SPDX-License-Identifier: AGPL-3.0-or-later
# 60-admin.t: the supervisor's administration pages end to end. Departments
# (create under a parent, rename, a cycle refused, deactivate); staff
# (create with the password policy, grant a role on a department, the new
# handler sees only that department's cases, memberships, revoke,
# deactivation signs out and blocks sign-in, password reset); routing
# rules that change only the cases filed afterwards; holidays that move a
# deadline; the settings; the audit log (filters, paging, CSV with RFC 4180
# quoting and a BOM) that the database refuses to change; every /admin
# route closed to other staff, citizens and the signed-out; CSRF.
use strict;
use warnings;
use utf8;
use Test::More;
use Encode qw(encode decode);
use File::Basename qw(dirname);
use HTML::Entities qw(decode_entities);
use POSIX qw(strftime);
use Time::Local qw(timegm);
use Madang::Test qw(body_of);
use Madang::Staff qw(signed_in);

binmode $_, ':encoding(UTF-8)'
    for map { Test::More->builder->$_ } qw(output failure_output todo_output);

my $s = Madang::Test->start(seed => 1);

# ------------------------------------------------------------ helpers

sub bytes_of { my ($v) = @_; return defined $v && utf8::is_utf8($v) ? encode('UTF-8', $v) : $v }



sub sql_kst { my ($q) = @_; return $s->sql("SET time_zone = '+09:00'; $q") }


# The strings of the main language file and of this area's (ko.d/admin.hdf),
# so that the test looks for what a user reads without copying it.
my $L = Madang::Test::lang_strings('ko');
{
    my $file = "$Madang::Test::REPO/cs-templates/lang/ko.d/admin.hdf";
    open my $fh, '<:encoding(UTF-8)', $file or die "$file: $!";
    my @path;
    while (my $line = <$fh>) {
        next if $line =~ /^\s*(#|$)/;
        if ($line =~ /^\s*([A-Za-z0-9_.]+)\s*\{\s*$/) { push @path, $1 }
        elsif ($line =~ /^\s*\}\s*$/) { pop @path }
        elsif ($line =~ /^\s*([A-Za-z0-9_.]+)\s*=\s*(.*?)\s*$/) { $L->{ join '.', @path, $1 } = $2 }
    }
}

# The fields of the form posting to $action (and holding a hidden
# action=$which when given) as a browser would send them: text, hidden,
# number, date inputs; ticked boxes and radios; selected options.
sub form_fields {
    my ($html, $action, $which) = @_;
    while ($html =~ m{<form\b([^>]*)>(.*?)</form>}gs) {
        my ($attrs, $inner) = ($1, $2);
        next unless $attrs =~ /\baction="\Q$action\E"/;
        next if defined $which && $inner !~ /name="action" value="\Q$which\E"/;
        my @f;
        while ($inner =~ m{<input\b([^>]*)>|<select\b([^>]*)>(.*?)</select>}gs) {
            if (defined $1) {
                my %a = attrs($1);
                next unless defined $a{name};
                my $type = $a{type} // 'text';
                next if ($type eq 'checkbox' || $type eq 'radio') && !exists $a{checked};
                next if $type eq 'password';
                push @f, $a{name} => $a{value} // '';
            } else {
                my %a = attrs($2);
                my $opts = $3;
                my ($sel) = $opts =~ /<option value="([^"]*)"[^>]*\bselected\b/;
                ($sel) = $opts =~ /<option value="([^"]*)"/ unless defined $sel;
                push @f, $a{name} => decode_entities($sel // '');
            }
        }
        return @f;
    }
    die "no form posting to $action" . (defined $which ? " ($which)" : '');
}

sub attrs {
    my ($s) = @_;
    my %a;
    while ($s =~ /([a-z_-]+)(?:="([^"]*)")?/g) {
        $a{$1} = defined $2 ? decode_entities($2) : '';
    }
    return %a;
}

# Submits the form posting to $action found on the page $page, with the
# values in %$set replacing (or adding to) the form's; a value of undef
# leaves the field out (an unticked box); an array ref sends it repeated.
sub submit {
    my ($ua, $page, $action, $set, $which) = @_;
    my $r = $ua->get($s->url($page));
    die "GET $page: " . $r->status_line unless $r->code == 200;
    my @f = form_fields(body_of($r), $action, $which);
    my (@out, %done);
    for (my $i = 0; $i < @f; $i += 2) {
        my ($k, $v) = @f[$i, $i + 1];
        if (exists $set->{$k}) {
            next if $done{$k}++;
            my $nv = $set->{$k};
            push @out, map { ($k, $_) } ref $nv ? @$nv : defined $nv ? ($nv) : ();
        } else {
            push @out, $k, $v;
        }
    }
    for my $k (sort keys %$set) {
        next if $done{$k} || !defined $set->{$k};
        my $nv = $set->{$k};
        push @out, map { ($k, $_) } ref $nv ? @$nv : ($nv);
    }
    return $ua->post($s->url($action), [ map { bytes_of($_) } @out ]);
}

# The error shown beside the field $name, or ''.
sub field_error {
    my ($html, $name) = @_;
    return $html =~ m{<p class="field-error" id="err-\Q$name\E">([^<]*)</p>} ? decode_entities($1) : '';
}

sub flash {
    my ($html) = @_;
    return $html =~ m{<p class="flash" role="status">([^<]*)</p>} ? decode_entities($1) : '';
}

# Files a case as $ua (a citizen) in $category; returns the tracking number.
sub file_case {
    my ($ua, $category, $title) = @_;
    my $r = submit($ua, '/cases/new', '/cases/new',
        { category => $category, title => $title, body => "$title: 본문입니다.", address => '누리동 1' });
    die 'filing: ' . $r->status_line . "\n" . body_of($r) unless $r->code == 303;
    my ($t) = ($r->header('Location') // '') =~ m{^/cases/(\d{4}-\d{6})} or die 'no tracking number';
    return $t;
}

# A case's deadline, status and handlers (account ids, sorted).
sub case_state {
    my ($t) = @_;
    my ($row) = sql_kst("SELECT DATE_FORMAT(due_at, '%Y-%m-%d %H:%i:%s'), status, id FROM cases"
        . " WHERE tracking_no = '$t'");
    my @h = map { $_->[0] } $s->sql("SELECT account_id FROM case_handlers WHERE case_id = $row->[2]"
        . ' ORDER BY account_id');
    return { due => $row->[0], status => $row->[1], handlers => join(',', @h), id => $row->[2] };
}

# The nth working day after $ymd (not counting it), skipping weekends and
# the holidays in the database: what biz_add_workdays computes.
sub add_workdays {
    my ($ymd, $n) = @_;
    my %hol = map { $_->[0] => 1 } $s->sql("SELECT DATE_FORMAT(day, '%Y-%m-%d') FROM holidays");
    my ($y, $m, $d) = split /-/, $ymd;
    my $t = timegm(0, 0, 12, $d, $m - 1, $y);
    my $count = 0;
    my $day;
    while ($count < $n) {
        $t += 86400;
        my @g = gmtime $t;
        $day = strftime('%Y-%m-%d', @g);
        next if $g[6] == 0 || $g[6] == 6 || $hol{$day};
        $count++;
    }
    return $day;
}

sub audit_count { return $s->sql_value('SELECT COUNT(*) FROM audit_log') }

# A minimal RFC 4180 reader: rows of fields.
sub csv_rows {
    my ($text) = @_;
    my (@rows, @row, $field);
    my $i = 0;
    my $n = length $text;
    $field = '';
    while ($i < $n) {
        my $c = substr($text, $i, 1);
        if ($c eq '"' && $field eq '') {
            $i++;
            while ($i < $n) {
                my $q = substr($text, $i, 1);
                if ($q eq '"') {
                    if (substr($text, $i + 1, 1) eq '"') { $field .= '"'; $i += 2; next }
                    $i++;
                    last;
                }
                $field .= $q;
                $i++;
            }
            next;
        }
        if ($c eq ',') { push @row, $field; $field = ''; $i++; next }
        if ($c eq "\r" && substr($text, $i + 1, 1) eq "\n") {
            push @row, $field;
            push @rows, [@row];
            @row = ();
            $field = '';
            $i += 2;
            next;
        }
        $field .= $c;
        $i++;
    }
    push @rows, [@row, $field] if @row || $field ne '';
    return @rows;
}

my @ADMIN_GET = qw(/admin /admin/departments /admin/departments/4 /admin/staff /admin/staff/1
    /admin/categories /admin/categories/1 /admin/holidays /admin/settings /admin/audit /admin/audit.csv);
my @ADMIN_POST = (
    ['/admin/departments', { parent_id => 0, name_ko => '몰래 만든 부서', name_en => 'Sneaky' }],
    ['/admin/departments/4', { parent_id => 3, name_ko => '몰래 바꾼 이름', name_en => 'Renamed', active => 1 }],
    ['/admin/staff', { login_id => 'sneaky.one', name => '몰래', email => 'sneaky@example.org',
        password => 'Quiet-harbour-2231', department_id => 4 }],
    ['/admin/staff/' . $s->account_id('road.park'), { action => 'deactivate' }],
    ['/admin/categories', { name_ko => '몰래', name_en => 'Sneaky', department_id => 4, mode => 'manual',
        deadline_days => 7, reminder_hours => 24, escalate_hours => 48, reopen_days => 14,
        max_extensions => 2, active => 1 }],
    ['/admin/categories/1', { name_ko => '도로', name_en => 'Roads', department_id => 4, mode => 'manual',
        deadline_days => 1, reminder_hours => 24, escalate_hours => 48, reopen_days => 14,
        max_extensions => 2, active => 1 }],
    ['/admin/holidays', { action => 'add', day => '2026-12-24', name => '몰래 공휴일' }],
    ['/admin/settings', { timeline_show => 'role' }],
);

# Everything an admin route could change, to prove nothing did.
sub snapshot {
    return join '|', map { join ',', map { $_ // 'NULL' } @$_ } $s->sql(
        'SELECT (SELECT COUNT(*) FROM departments), (SELECT GROUP_CONCAT(name_ko, parent_id, active ORDER BY id)'
        . ' FROM departments), (SELECT COUNT(*) FROM accounts), (SELECT SUM(active) FROM accounts),'
        . ' (SELECT COUNT(*) FROM staff_roles), (SELECT COUNT(*) FROM staff_departments),'
        . ' (SELECT GROUP_CONCAT(name_ko, mode, deadline_days ORDER BY id) FROM categories),'
        . ' (SELECT COUNT(*) FROM holidays), (SELECT GROUP_CONCAT(value) FROM settings),'
        . ' (SELECT COUNT(*) FROM audit_log)');
}

my $adm = signed_in($s, 'admin', 'madang-admin-2026');
my $lee = signed_in($s, 'road.lee', 'madang-staff-2026');
my $cit = signed_in($s, 'citizen', 'madang-citizen-2026');
my ($r, $html);

# ------------------------------------------------------------ access

{
    my $before = snapshot();
    my $anon = $s->ua;
    for my $path (@ADMIN_GET) {
        $r = $anon->get($s->url($path));
        is $r->code, 303, "GET $path signed out: redirect";
        like $r->header('Location') // '', qr{^/login\?next=\Q$path\E$}, "GET $path signed out: to the sign-in page";
        $r = $lee->get($s->url($path));
        is $r->code, 403, "GET $path as a handler (road.lee): 403";
        unlike body_of($r), qr/aria-label="\Q$L->{'Admin.Nav.Label'}\E"/, "GET $path as a handler: no admin page";
        # The dispatcher sends a signed-in citizen to the sign-in page, as
        # for the staff pages; either way they are refused.
        $r = $cit->get($s->url($path));
        ok $r->code == 403 || ($r->code == 303 && ($r->header('Location') // '') =~ m{^/login}),
            "GET $path as a citizen: refused (" . $r->code . ')';
        unlike body_of($r), qr/aria-label="\Q$L->{'Admin.Nav.Label'}\E"/, "GET $path as a citizen: no admin page";
    }
    my $anon_csrf = $s->csrf_from($anon->get($s->url('/login')));
    my $lee_csrf = $s->csrf_from($lee->get($s->url('/staff/cases')));
    my $cit_csrf = $s->csrf_from($cit->get($s->url('/my/cases')));
    for my $p (@ADMIN_POST) {
        my ($path, $fields) = @$p;
        my @form = map { bytes_of($_) } %$fields;
        $r = $anon->post($s->url($path), [csrf => $anon_csrf, @form]);
        is $r->code, 303, "POST $path signed out: redirect";
        like $r->header('Location') // '', qr{^/login}, "POST $path signed out: to the sign-in page";
        $r = $lee->post($s->url($path), [csrf => $lee_csrf, @form]);
        is $r->code, 403, "POST $path as a handler: 403";
        $r = $cit->post($s->url($path), [csrf => $cit_csrf, @form]);
        ok $r->code == 403 || $r->code == 303, "POST $path as a citizen: refused";
        # CSRF: the supervisor without the token, or with another's.
        $r = $adm->post($s->url($path), [@form]);
        is $r->code, 403, "POST $path without a CSRF token: 403";
        $r = $adm->post($s->url($path), [csrf => $lee_csrf, @form]);
        is $r->code, 403, "POST $path with another session's CSRF token: 403";
    }
    is snapshot(), $before, 'nothing changed by refused requests (and nothing audited)';
    is $s->sql_value(q{SELECT COUNT(*) FROM sessions WHERE account_id = } . $s->account_id('road.park')), 0,
        '(road.park was never signed in)';
    # Only GET reads the log; nothing can write, change or delete it.
    for my $m (qw(POST PUT DELETE)) {
        $r = $adm->request(HTTP::Request->new($m => $s->url('/admin/audit')));
        ok $r->code >= 400, "$m /admin/audit: refused (" . $r->code . ')';
    }
}

# ------------------------------------------------------------ overview

$r = $adm->get($s->url('/admin'));
is $r->code, 200, 'the administration overview';
$html = body_of($r);
like $html, qr{<h1>\Q$L->{'Title.Admin'}\E</h1>}, 'its heading';
for my $href (qw(/admin/departments /admin/staff /admin/categories /admin/holidays /admin/settings /admin/audit)) {
    like $html, qr{href="\Q$href\E"}, "links to $href";
}
like $html, qr/\Q$L->{'Admin.Home.UnplacedNone'}\E/, 'no unplaced cases yet';

# ------------------------------------------------------------ departments

my $audit0 = audit_count();
$r = submit($adm, '/admin/departments', '/admin/departments',
    { parent_id => 2, name_ko => '민원 테스트팀', name_en => 'Test Team' });
is $r->code, 303, 'a department is created';
my ($team) = ($r->header('Location') // '') =~ m{^/admin/departments/(\d+)\?done=created$};
ok $team, 'to its page';
$r = $adm->follow($r);
is flash(body_of($r)), $L->{'Msg.AdminCreated'}, 'with a message';
is_deeply [$s->sql("SELECT parent_id, name_ko, name_en, active FROM departments WHERE id = $team")],
    [[2, '민원 테스트팀', 'Test Team', 1]], 'stored under 민원담당관실';
is $s->sql_value("SELECT COUNT(*) FROM audit_log WHERE object_type = 'department' AND object_id = '$team'"
    . " AND action = 'create' AND account_id = " . $s->account_id('admin')), 1, 'audited';

$r = submit($adm, '/admin/departments', '/admin/departments',
    { parent_id => $team, name_ko => '테스트 소팀', name_en => 'Test Sub-team' });
is $r->code, 303, 'a department under the new one';
my ($sub) = ($r->header('Location') // '') =~ m{/admin/departments/(\d+)};
$html = body_of($adm->get($s->url('/admin/departments')));
my @order = $html =~ m{<a href="/admin/departments/(\d+)">}g;
my %pos = map { $order[$_] => $_ } 0 .. $#order;
ok $pos{2} < $pos{$team} && $pos{$team} < $pos{$sub} && $pos{$sub} < $pos{3}, 'the tree: each below its parent';
like $html, qr{<span aria-hidden="true">(?:\x{a0}){9}└ </span><a href="/admin/departments/$sub">}, 'indented by depth (three levels down)';

# Refused: a blank name, an unknown parent; what was typed is kept.
$r = submit($adm, '/admin/departments', '/admin/departments', { parent_id => 2, name_ko => '  ', name_en => 'Kept' });
is $r->code, 400, 'a blank name is refused';
$html = body_of($r);
is field_error($html, 'name_ko'), $L->{'Err.required'}, 'the message beside the field';
like $html, qr{name="name_en"[^>]*value="Kept"}, 'what was typed is kept';
$r = submit($adm, '/admin/departments', '/admin/departments', { parent_id => 99999, name_ko => '유령', name_en => 'Ghost' });
is $r->code, 400, 'an unknown parent is refused';
is field_error(body_of($r), 'parent_id'), $L->{'Err.invalid'}, 'beside the parent';
$r = submit($adm, '/admin/departments', '/admin/departments', { parent_id => 'x', name_ko => '유령', name_en => 'Ghost' });
is $r->code, 400, 'a parent that is not a number is refused';

# Rename, and a name that needs escaping and CSV quoting.
my $odd = '도로, "보수" <1팀>';
$r = submit($adm, "/admin/departments/$team", "/admin/departments/$team", { name_ko => $odd, name_en => 'Roads, "Repair" 1' });
is $r->code, 303, 'renamed';
is $s->sql_value("SELECT name_ko FROM departments WHERE id = $team"), $odd, 'the new name is stored as typed';
$html = body_of($adm->follow($r));
is flash($html), $L->{'Msg.AdminSaved'}, 'saved';
like $html, qr{\Q도로, &quot;보수&quot; &lt;1팀&gt;\E}, 'shown escaped';
unlike $html, qr{<1팀>}, 'never raw';

# A cycle: under itself, or under its own sub-department.
for my $bad ([$team, 'itself'], [$sub, 'its sub-department']) {
    $r = submit($adm, "/admin/departments/$team", "/admin/departments/$team", { parent_id => $bad->[0] });
    is $r->code, 400, "moving a department under $bad->[1] is refused";
    $html = body_of($r);
    is field_error($html, 'parent_id'), $L->{'Err.admin_cycle'}, 'with the message beside the parent';
    like $html, qr{name="name_ko"[^>]*value="\Q도로, &quot;보수&quot; &lt;1팀&gt;\E"}, 'the form keeps its values';
    is $s->sql_value("SELECT parent_id FROM departments WHERE id = $team"), 2, 'the parent is unchanged';
}
# Moving is fine elsewhere; deactivating and activating.
$r = submit($adm, "/admin/departments/$team", "/admin/departments/$team", { parent_id => 1, active => undef });
is $r->code, 303, 'moved under 기획조정실 and deactivated';
is_deeply [$s->sql("SELECT parent_id, active FROM departments WHERE id = $team")], [[1, 0]], 'stored';
like body_of($adm->get($s->url('/admin/departments'))), qr/\Q$L->{'Admin.Inactive'}\E/, 'the list says inactive';
$r = submit($adm, "/admin/departments/$team", "/admin/departments/$team", { active => 1 });
is $s->sql_value("SELECT active FROM departments WHERE id = $team"), 1, 'activated again';
is $adm->get($s->url('/admin/departments/99999'))->code, 404, 'an unknown department: 404';
is $adm->get($s->url('/admin/departments/abc'))->code, 404, 'a department id that is not a number: 404';
is $s->sql_value("SELECT COUNT(*) FROM audit_log WHERE object_type = 'department' AND action = 'update'"
    . " AND object_id = '$team'"), 3, 'each change audited (refused ones not)';

# ------------------------------------------------------------ staff

my $PW = 'Quiet-harbour-2231';
$r = submit($adm, '/admin/staff', '/admin/staff', { login_id => 'test.kang', name => '강테스트',
    email => 'test.kang@madang.example', password => 'password123', department_id => 4 });
is $r->code, 400, 'a common password is refused';
$html = body_of($r);
is field_error($html, 'password'), $L->{'Err.password_common'}, 'the policy message beside the password';
like $html, qr{name="login_id"[^>]*value="test\.kang"}, 'the login ID is kept';
unlike $html, qr{password123}, 'the password is never echoed';
$r = submit($adm, '/admin/staff', '/admin/staff', { login_id => 'road.lee', name => '중복',
    email => 'dup@madang.example', password => $PW, department_id => 4 });
is $r->code, 400, 'a login ID in use is refused';
is field_error(body_of($r), 'login_id'), $L->{'Err.login_taken'}, 'said so';
$r = submit($adm, '/admin/staff', '/admin/staff', { login_id => 'Bad ID', name => '', email => 'nope',
    password => 'short', department_id => 999999 });
is $r->code, 400, 'bad fields are refused';
$html = body_of($r);
is field_error($html, 'login_id'), $L->{'Err.login_id'}, 'login ID';
is field_error($html, 'name'), $L->{'Err.required'}, 'name';
is field_error($html, 'email'), $L->{'Err.email'}, 'e-mail';
is field_error($html, 'password'), $L->{'Err.password_short'}, 'password';
is field_error($html, 'department_id'), $L->{'Err.invalid'}, 'department';
is $s->sql_value(q{SELECT COUNT(*) FROM accounts WHERE login_id IN ('test.kang', 'bad id')}), 0, 'nobody created';

$r = submit($adm, '/admin/staff', '/admin/staff', { login_id => 'test.kang', name => '강테스트',
    email => 'test.kang@madang.example', password => $PW, department_id => 4 });
is $r->code, 303, 'a staff member is created';
my $kang = $s->account_id('test.kang');
like $r->header('Location') // '', qr{^/admin/staff/$kang\?done=created$}, 'to their page';
is_deeply [$s->sql("SELECT kind, active, name FROM accounts WHERE id = $kang")], [['staff', 1, '강테스트']], 'a staff account';
is $s->sql_value("SELECT GROUP_CONCAT(department_id) FROM staff_departments WHERE account_id = $kang"), 4, 'in 도로과';
is $s->sql_value("SELECT COUNT(*) FROM staff_roles WHERE account_id = $kang"), 0, 'no role yet';
like body_of($adm->get($s->url('/admin/staff'))), qr{<a href="/admin/staff/$kang">강테스트</a>}, 'in the staff list';

my $member = "/admin/staff/$kang";
$r = submit($adm, $member, $member, { role => 'handler', role_department => 4, with_subtree => undef }, 'grant');
is $r->code, 303, 'handler granted on 도로과';
is flash(body_of($adm->follow($r))), $L->{'Msg.AdminGranted'}, 'said so';
is_deeply [$s->sql("SELECT role, department_id, with_subtree FROM staff_roles WHERE account_id = $kang")],
    [['handler', 4, 0]], 'the role, without sub-departments';
is $s->sql_value("SELECT GROUP_CONCAT(department_id) FROM staff_scope WHERE account_id = $kang"), 4, 'the scope is rebuilt';
$r = submit($adm, $member, $member, { role => 'handler', role_department => 4 }, 'grant');
is $r->code, 400, 'the same role again is refused';
is field_error(body_of($r), 'role'), $L->{'Err.admin_role_held'}, 'said so';
$r = submit($adm, $member, $member, { role => 'king', role_department => 4 }, 'grant');
is $r->code, 400, 'an unknown role is refused';
is field_error(body_of($r), 'role'), $L->{'Err.invalid'}, 'beside the role';

# The new handler first replaces the password the supervisor typed, as
# every page but the password form asks; then sees 도로과's cases and no
# other department's.
my $KANG_PW = 'Willow-beacon-6604';
my $kang_ua = $s->ua;
$r = Madang::Test::sign_in($s, $kang_ua, 'test.kang', $PW);
is $r->code, 303, 'the new handler signs in with the password the supervisor chose';
is $r->header('Location'), '/account', 'and is sent to the password form';
is $kang_ua->get($s->url('/staff/cases'))->code, 303, '(the inbox waits)';
$r = Madang::Test::change_password($s, $kang_ua, $PW, $KANG_PW);
is $r->code, 303, 'and chooses their own';
my ($road_case) = map { $_->[0] } $s->sql(q{SELECT tracking_no FROM cases WHERE department_id = 4 ORDER BY id LIMIT 1});
my @other = map { $_->[0] } $s->sql(q{SELECT tracking_no FROM cases WHERE department_id IN (5, 13) ORDER BY id LIMIT 3});
is $kang_ua->get($s->url("/staff/cases/$road_case"))->code, 200, "the new handler reads a 도로과 case ($road_case)";
for my $t (@other) {
    is $kang_ua->get($s->url("/staff/cases/$t"))->code, 404, "but not another department's ($t): 404";
}
is $kang_ua->get($s->url('/admin'))->code, 403, 'and no administration pages';
{
    $r = $kang_ua->get($s->url('/staff/cases'));
    is $r->code, 200, 'the staff inbox';
    my @listed = body_of($r) =~ m{href="/staff/cases/(\d{4}-\d{6})"}g;
    my %dept = map { $_->[0] => $_->[1] } $s->sql('SELECT tracking_no, IFNULL(department_id, 0) FROM cases');
    ok @listed && !grep({ $dept{$_} != 4 } @listed), 'lists only 도로과 cases';
    my @want = sort grep { $dept{$_} == 4 } keys %dept;
    my %seen;
    is_deeply [sort grep { !$seen{$_}++ } @listed], \@want, 'every 도로과 case' if @want <= 20;
}

# Memberships.
$r = submit($adm, $member, $member, { join_department => 5 }, 'join');
is $r->code, 303, 'joins 교통행정과';
is $s->sql_value("SELECT COUNT(*) FROM staff_departments WHERE account_id = $kang"), 2, 'two departments';
$r = submit($adm, $member, $member, { join_department => 5 }, 'join');
is $r->code, 400, 'joining again is refused';
is field_error(body_of($r), 'join_department'), $L->{'Err.admin_already_member'}, 'said so';
$r = $adm->post($s->url($member), [csrf => $s->csrf_from($adm->get($s->url($member))), action => 'leave', department_id => 5]);
is $r->code, 303, 'leaves 교통행정과';
is $s->sql_value("SELECT GROUP_CONCAT(department_id) FROM staff_departments WHERE account_id = $kang"), 4, 'back to one';
$r = $adm->post($s->url($member), [csrf => $s->csrf_from($adm->get($s->url($member))), action => 'fly']);
is $r->code, 400, 'an unknown action: 400';

# A role granted and revoked.
$r = submit($adm, $member, $member, { role => 'viewer', role_department => 0 }, 'grant');
is $r->code, 303, 'a global viewer role';
my $viewer_role = $s->sql_value("SELECT id FROM staff_roles WHERE account_id = $kang AND role = 'viewer'");
ok $viewer_role && !defined $s->sql_value("SELECT department_id FROM staff_roles WHERE id = $viewer_role"), 'global';
$r = $adm->post($s->url($member), [csrf => $s->csrf_from($adm->get($s->url($member))), action => 'revoke', role_id => $viewer_role]);
is $r->code, 303, 'revoked';
is $s->sql_value("SELECT COUNT(*) FROM staff_roles WHERE id = $viewer_role"), 0, 'gone';
my $lee_role = $s->sql_value(q{SELECT id FROM staff_roles WHERE role = 'handler' AND department_id = 4 AND account_id = } . $s->account_id('road.lee'));
$r = $adm->post($s->url($member), [csrf => $s->csrf_from($adm->get($s->url($member))), action => 'revoke', role_id => $lee_role]);
is $r->code, 404, "another member's role cannot be revoked through this page";
is $s->sql_value("SELECT COUNT(*) FROM staff_roles WHERE id = $lee_role"), 1, 'it stays';

# The supervisor cannot lock themselves out.
my $me = '/admin/staff/' . $s->account_id('admin');
$r = $adm->post($s->url($me), [csrf => $s->csrf_from($adm->get($s->url($me))), action => 'deactivate']);
is $r->code, 400, 'the supervisor cannot deactivate themselves';
is flash(body_of($r)), $L->{'Msg.AdminNotSelf'}, 'said so';
is $s->sql_value(q{SELECT active FROM accounts WHERE login_id = 'admin'}), 1, 'still active';
is $adm->get($s->url('/admin/staff/' . $s->account_id('citizen')))->code, 404, "a citizen's account is not a staff page: 404";

# Deactivation signs out and blocks sign-in; activation lets them back.
ok $s->sql_value("SELECT COUNT(*) FROM sessions WHERE account_id = $kang") > 0, 'the new handler is signed in';
$r = $adm->post($s->url($member), [csrf => $s->csrf_from($adm->get($s->url($member))), action => 'deactivate']);
is $r->code, 303, 'deactivated';
is flash(body_of($adm->follow($r))), $L->{'Msg.AdminDeactivated'}, 'said so';
is $s->sql_value("SELECT active FROM accounts WHERE id = $kang"), 0, 'inactive';
is $s->sql_value("SELECT COUNT(*) FROM sessions WHERE account_id = $kang"), 0, 'their sessions are deleted';
is $s->sql_value("SELECT COUNT(*) FROM staff_scope WHERE account_id = $kang"), 0, 'no scope left';
$r = $kang_ua->get($s->url("/staff/cases/$road_case"));
is $r->code, 303, 'their browser is signed out';
like $r->header('Location') // '', qr{^/login}, 'to the sign-in page';
$r = Madang::Test::sign_in($s, $s->ua, 'test.kang', $KANG_PW);
is $r->code, 400, 'and cannot sign in';
$r = $adm->post($s->url($member), [csrf => $s->csrf_from($adm->get($s->url($member))), action => 'activate']);
is $r->code, 303, 'activated';
$kang_ua = signed_in($s, 'test.kang', $KANG_PW);
is $kang_ua->get($s->url("/staff/cases/$road_case"))->code, 200, 'they work again';

# Password reset by the supervisor.
$r = submit($adm, $member, $member, { new_password => 'qwerty' }, 'password');
is $r->code, 400, 'a weak new password is refused';
is field_error(body_of($r), 'new_password'), $L->{'Err.password_short'}, 'beside the field';
my $NEWPW = 'Lantern-meadow-7390';
$r = submit($adm, $member, $member, { new_password => $NEWPW }, 'password');
is $r->code, 303, 'a new password is set';
is flash(body_of($adm->follow($r))), $L->{'Msg.AdminPassword'}, 'said so';
is $s->sql_value("SELECT COUNT(*) FROM sessions WHERE account_id = $kang"), 0, 'their sessions ended';
is Madang::Test::sign_in($s, $s->ua, 'test.kang', $KANG_PW)->code, 400, 'the old password no longer works';
is Madang::Test::sign_in($s, $s->ua, 'test.kang', $NEWPW)->code, 303, 'the new one does';
is $adm->get($s->url('/admin/staff/99999'))->code, 404, 'an unknown staff member: 404';

# ------------------------------------------------------------ routing rules

my ($today) = map { $_->[0] } sql_kst(q{SELECT DATE_FORMAT(CURDATE(), '%Y-%m-%d')});
my $before_a = file_case($cit, 1, '보도블록 파손 (처리지침 변경 전)');
my $ca = case_state($before_a);
is $ca->{status}, 'assigned', 'before the edit: round robin assigns the case';
ok $ca->{handlers} =~ /^\d+$/, 'to one handler';
is $ca->{due}, add_workdays($today, 7) . ' 18:00:00', 'due in 7 working days';

# Refused rule edits change nothing.
my $rule_before = join ',', map { $_ // '' } @{ ($s->sql('SELECT * FROM categories WHERE id = 1'))[0] };
for my $bad ([{ deadline_days => 0 }, 'deadline_days', 'Err.invalid', 'a deadline of 0 days'],
             [{ deadline_days => 61 }, 'deadline_days', 'Err.invalid', 'a deadline of 61 days'],
             [{ deadline_days => '7일' }, 'deadline_days', 'Err.invalid', 'a deadline that is not a number'],
             [{ mode => 'fastest' }, 'mode', 'Err.invalid', 'an unknown mode'],
             [{ joint => [4] }, 'joint', 'Err.admin_joint_lead', 'the lead as a joint department'],
             [{ joint => [77777] }, 'joint', 'Err.invalid', 'an unknown joint department'],
             [{ department_id => 77777 }, 'department_id', 'Err.invalid', 'an unknown lead department'],
             [{ name_ko => '' }, 'name_ko', 'Err.required', 'a blank name']) {
    my ($set, $field, $key, $what) = @$bad;
    $r = submit($adm, '/admin/categories/1', '/admin/categories/1', $set);
    is $r->code, 400, "$what is refused";
    is field_error(body_of($r), $field), $L->{$key}, "with the message beside $field";
}
is join(',', map { $_ // '' } @{ ($s->sql('SELECT * FROM categories WHERE id = 1'))[0] }), $rule_before, 'the rule is unchanged';

$r = submit($adm, '/admin/categories/1', '/admin/categories/1',
    { mode => 'manual', deadline_days => 3, joint => [5], needs_approval => 1, escalate_hours => 0 });
is $r->code, 303, 'the rule of 도로·보도 is edited';
is flash(body_of($adm->follow($r))), $L->{'Msg.AdminSaved'}, 'saved';
is_deeply [$s->sql('SELECT mode, deadline_days, needs_approval, escalate_hours, department_id FROM categories WHERE id = 1')],
    [['manual', 3, 1, 0, 4]], 'stored';
is $s->sql_value('SELECT GROUP_CONCAT(department_id) FROM category_joint_departments WHERE category_id = 1'), 5,
    'with 교통행정과 as the joint department';
$html = body_of($adm->get($s->url('/admin/categories/1')));
like $html, qr{<option value="manual" selected>}, 'the form shows the mode';
like $html, qr{id="joint-5" name="joint" value="5" checked}, 'and the joint department';
like $html, qr{id="deadline_days" name="deadline_days"[^>]*value="3"}, 'and the deadline';

my $after_b = file_case($cit, 1, '보도블록 파손 (처리지침 변경 후)');
my $cb = case_state($after_b);
is $cb->{status}, 'received', 'after the edit: a manual case waits for its manager';
is $cb->{handlers}, '', 'with no handler';
is $cb->{due}, add_workdays($today, 3) . ' 18:00:00', 'due in 3 working days';
is $s->sql_value("SELECT GROUP_CONCAT(department_id, role ORDER BY department_id) FROM case_departments WHERE case_id = $cb->{id}"),
    '4lead,5joint', 'and 교통행정과 joins it';
is $s->sql_value("SELECT needs_approval FROM cases WHERE id = $cb->{id}"), 1, 'its answer needs approval';
is_deeply case_state($before_a), $ca, 'the case filed before the edit is unchanged';
is $s->sql_value("SELECT needs_approval FROM cases WHERE id = $ca->{id}"), 0, '(its answer needs no approval)';

# A new category; one without a lead department lands in the unplaced queue.
$r = submit($adm, '/admin/categories', '/admin/categories', { name_ko => '테스트 분야', name_en => 'Test field',
    department_id => 5, mode => 'round_robin', deadline_days => 5 });
is $r->code, 303, 'a category is created';
my ($cat) = ($r->header('Location') // '') =~ m{^/admin/categories/(\d+)\?done=created$};
ok $cat, 'to its page';
is_deeply [$s->sql("SELECT department_id, mode, deadline_days, active FROM categories WHERE id = $cat")],
    [[5, 'round_robin', 5, 1]], 'stored';
like body_of($cit->get($s->url('/cases/new'))), qr{<option value="$cat">테스트 분야</option>}, 'citizens can choose it';
$r = submit($adm, '/admin/categories', '/admin/categories', { name_ko => '갈 곳 없는 분야', name_en => 'Nowhere',
    department_id => 0 });
my ($nowhere) = ($r->header('Location') // '') =~ m{^/admin/categories/(\d+)};
my $lost = file_case($cit, $nowhere, '담당 부서가 없는 민원');
is $s->sql_value("SELECT unplaced FROM cases WHERE tracking_no = '$lost'"), 1, 'a case no rule can place is unplaced';
$html = body_of($adm->get($s->url('/admin')));
like $html, qr{href="/staff/cases\?view=unplaced"}, 'the overview links to the unplaced queue';
like $html, qr{<strong>1</strong>}, 'and counts the case';
$r = submit($adm, "/admin/categories/$nowhere", "/admin/categories/$nowhere", { active => undef });
is $s->sql_value("SELECT active FROM categories WHERE id = $nowhere"), 0, 'a category is taken out of use';
unlike body_of($cit->get($s->url('/cases/new'))), qr{갈 곳 없는 분야}, 'and no longer offered';

# ------------------------------------------------------------ holidays

my ($year) = $today =~ /^(\d{4})/;
$html = body_of($adm->get($s->url('/admin/holidays?year=2027')));
like $html, qr{<time datetime="2027-01-01">2027-01-01</time>}, 'the 2027 holidays are listed';
like $html, qr{신정}, 'with their names';
is $adm->get($s->url('/admin/holidays?year=twenty'))->code, 400, 'a year that is not a number: 400';

my $due_before = case_state(file_case($cit, 1, '공휴일 추가 전'))->{due};
is $due_before, add_workdays($today, 3) . ' 18:00:00', 'due in 3 working days';
my $holiday = add_workdays($today, 1);
$r = submit($adm, '/admin/holidays', '/admin/holidays', { day => $holiday, name => '=임시 공휴일, "특별"' }, 'add');
is $r->code, 303, "a holiday is added on $holiday";
is $s->sql_value("SELECT name FROM holidays WHERE day = '$holiday'"), '=임시 공휴일, "특별"', 'stored';
my $due_after = case_state(file_case($cit, 1, '공휴일 추가 후'))->{due};
is $due_after, add_workdays($today, 3) . ' 18:00:00', 'the deadline counts the holiday';
isnt $due_after, $due_before, 'it moved';
is substr($due_after, 0, 10), add_workdays(substr($due_before, 0, 10), 1), 'by one working day';
is case_state($after_b)->{due}, $cb->{due}, 'cases filed before keep their deadline';

$r = submit($adm, '/admin/holidays', '/admin/holidays', { day => $holiday, name => '또' }, 'add');
is $r->code, 400, 'the same day twice is refused';
is field_error(body_of($r), 'day'), $L->{'Err.admin_holiday_taken'}, 'said so';
for my $bad ('2026-02-30', '26-1-1', '2026-1-01', '3000-01-01', '') {
    $r = submit($adm, '/admin/holidays', '/admin/holidays', { day => $bad, name => '가짜' }, 'add');
    is $r->code, 400, "the date '$bad' is refused";
    is field_error(body_of($r), 'day'), $bad eq '' ? $L->{'Err.required'} : $L->{'Err.date'}, 'beside the date';
}
my $hol_count = $s->sql_value('SELECT COUNT(*) FROM holidays');
$r = $adm->post($s->url('/admin/holidays'), [csrf => $s->csrf_from($adm->get($s->url('/admin/holidays'))),
    action => 'remove', day => '2026-02-31']);
is $r->code, 400, 'removing a date that does not exist: 400';
$r = $adm->post($s->url('/admin/holidays'), [csrf => $s->csrf_from($adm->get($s->url('/admin/holidays'))),
    action => 'remove', day => '2031-06-02']);
is $r->code, 404, 'removing a day that is no holiday: 404';
is $s->sql_value('SELECT COUNT(*) FROM holidays'), $hol_count, 'nothing removed';
my ($hy) = $holiday =~ /^(\d{4})/;
# (A remove form of that year's page, for this day.)
$r = submit($adm, "/admin/holidays?year=$hy", '/admin/holidays', { day => $holiday }, 'remove');
is $r->code, 303, 'a holiday is removed';
is flash(body_of($adm->follow($r))), $L->{'Msg.AdminRemoved'}, 'said so';
is $s->sql_value("SELECT COUNT(*) FROM holidays WHERE day = '$holiday'"), 0, 'the holiday is removed';

# Enough changes for a second page of the log: a year of test holidays.
{
    my $page = $adm->get($s->url('/admin/holidays?year=2031'));
    my $csrf = $s->csrf_from($page);
    for my $i (1 .. 40) {
        my $day = add_workdays('2031-01-01', $i);
        $r = $adm->post($s->url('/admin/holidays'), [map { bytes_of($_) } csrf => $csrf, action => 'add',
            day => $day, name => "시험 휴일 $i"]);
        die "adding $day: " . $r->code unless $r->code == 303;
    }
    my @days = body_of($adm->get($s->url('/admin/holidays?year=2031'))) =~ m{<time datetime="(2031-[^"]+)">}g;
    is scalar @days, 40, 'forty holidays in 2031, listed';
    is_deeply \@days, [sort @days], 'in date order';
}

# ------------------------------------------------------------ settings

$html = body_of($adm->get($s->url('/admin/settings')));
like $html, qr{value="name" checked}, 'the timeline shows names by default';
$r = submit($adm, '/admin/settings', '/admin/settings', { timeline_show => 'role' });
is $r->code, 303, 'set to roles';
is $s->sql_value(q{SELECT value FROM settings WHERE name = 'timeline.show'}), 'role', 'stored';
like body_of($adm->follow($r)), qr{value="role" checked}, 'shown';
$r = submit($adm, '/admin/settings', '/admin/settings', { timeline_show => 'shoe size' });
is $r->code, 400, 'an unknown value is refused';
is $s->sql_value(q{SELECT value FROM settings WHERE name = 'timeline.show'}), 'role', 'unchanged';

# The notifier's settings: quiet hours for SMS, the digest's hour, the
# apology's expected date.
$html = body_of($adm->get($s->url('/admin/settings')));
like $html, qr{id="sms_quiet_start"[^>]*value="21:00"}, 'quiet hours start at 21:00 by default';
like $html, qr{id="sms_quiet_end"[^>]*value="08:00"}, '... and end at 08:00';
$r = submit($adm, '/admin/settings', '/admin/settings',
    { sms_quiet_start => '22:30', sms_quiet_end => '07:00', digest_hour => '9', apology_workdays => '5' });
is $r->code, 303, 'notice settings saved';
is $s->sql_value(q{SELECT GROUP_CONCAT(value ORDER BY name) FROM settings WHERE name IN
    ('sms.quiet_start', 'sms.quiet_end', 'digest.hour', 'apology.workdays')}), '5,9,07:00,22:30', '... stored';
for my $bad ([ sms_quiet_start => '25:00' ], [ sms_quiet_end => '7:00' ], [ sms_quiet_start => '21:00\r\nx' ],
             [ digest_hour => '24' ], [ apology_workdays => '0' ], [ apology_workdays => 'three' ]) {
    $r = submit($adm, '/admin/settings', '/admin/settings', { @$bad });
    is $r->code, 400, "$bad->[0] = $bad->[1] is refused";
    ok field_error(body_of($r), $bad->[0]) ne '', '... with a message beside the field';
}
is $s->sql_value(q{SELECT GROUP_CONCAT(value ORDER BY name) FROM settings WHERE name IN
    ('sms.quiet_start', 'sms.quiet_end', 'digest.hour', 'apology.workdays')}), '5,9,07:00,22:30', '... nothing changed';

# ------------------------------------------------------------ audit log

my $admin_id = $s->account_id('admin');
my %expect = (department => [qw(create update)], staff => [qw(create grant_role join leave revoke_role
    deactivate activate reset_password)], category => [qw(create update)], holiday => [qw(create delete)],
    setting => ['update']);
for my $type (sort keys %expect) {
    for my $action (@{ $expect{$type} }) {
        ok $s->sql_value("SELECT COUNT(*) FROM audit_log WHERE object_type = '$type' AND action = '$action'"
            . " AND account_id = $admin_id AND client_addr <> ''") > 0, "audited: $type $action";
    }
}
my $nlog = audit_count();
$html = body_of($adm->get($s->url('/admin/audit')));
like $html, qr{<p class="count">\Q$L->{'Admin.Audit.Total'}\E $nlog</p>}, 'the log page counts every entry';
my @at = $html =~ m{<td data-label="\Q$L->{'Admin.Audit.At'}\E">([^<]+)</td>}g;
is scalar @at, 50, 'fifty to a page';
is_deeply \@at, [sort { $b cmp $a } @at], 'newest first';
$r = $adm->get($s->url('/admin/audit?page=2'));
is $r->code, 200, 'the second page';
my @at2 = body_of($r) =~ m{<td data-label="\Q$L->{'Admin.Audit.At'}\E">([^<]+)</td>}g;
is scalar(@at2), $nlog - 50, 'holds the rest' if $nlog <= 100;
ok $at2[0] le $at[-1], 'older entries';
is $adm->get($s->url('/admin/audit?page=0'))->code, 400, 'page 0: 400';

$r = $adm->get($s->url("/admin/audit?login=admin&object_type=department&action=update&from=$today&to=$today"));
is $r->code, 200, 'filtered by account, object, action and dates';
$html = body_of($r);
my $n_upd = $s->sql_value(q{SELECT COUNT(*) FROM audit_log WHERE object_type = 'department' AND action = 'update'});
like $html, qr{<p class="count">\Q$L->{'Admin.Audit.Total'}\E $n_upd</p>}, 'the matching count';
like $html, qr{\Q도로, &quot;보수&quot; &lt;1팀&gt;\E}, 'details shown escaped';
my @acts = $html =~ m{<td data-label="\Q$L->{'Admin.Audit.Action'}\E">([^<]+)</td>}g;
is_deeply [sort { $a cmp $b } keys %{ { map { $_ => 1 } @acts } }], [$L->{'Admin.Act.update'}], 'only updates';
like $html, qr{href="/admin/audit\.csv\?login=admin&amp;object_type=department&amp;action=update&amp;from=$today&amp;to=$today&amp;"},
    'the CSV link keeps the filters';
$r = $adm->get($s->url('/admin/audit?login=nobody.here'));
is field_error(body_of($r), 'login'), $L->{'Err.admin_no_account'}, 'an unknown account is said so';
$r = $adm->get($s->url('/admin/audit?from=2026-13-01'));
is $r->code, 400, 'a bad date: 400';
is field_error(body_of($r), 'from'), $L->{'Err.admin_date'}, 'beside it';
$r = $adm->get($s->url('/admin/audit?login=road.lee'));
like body_of($r), qr{\Q$L->{'Admin.Audit.Empty'}\E}, 'road.lee changed nothing';
$r = $adm->get($s->url("/admin/audit?to=2000-01-01"));
like body_of($r), qr{\Q$L->{'Admin.Audit.Empty'}\E}, 'nothing before 2000';

# The CSV: every matching row, a header, a BOM, RFC 4180 quoting.
$r = $adm->get($s->url('/admin/audit.csv'));
is $r->code, 200, 'the CSV export';
like $r->header('Content-Type') // '', qr{^text/csv; charset=utf-8}, 'as CSV in UTF-8';
like $r->header('Content-Disposition') // '', qr{^attachment; filename="[^"]+\.csv"}, 'as a download';
my $raw = $r->content;
is substr($raw, 0, 3), "\xEF\xBB\xBF", 'with a BOM for Excel';
my $text = decode('UTF-8', substr($raw, 3));
my @rows = csv_rows($text);
is scalar @rows, $nlog + 1, 'a header and every entry';
is_deeply $rows[0], [map { $L->{"Admin.Csv.$_"} } qw(id at account_id login name addr object_type object_id action detail)],
    'the header line';
ok !grep({ @$_ != 10 } @rows), 'ten fields in every row';
is $rows[1][0], $s->sql_value('SELECT MAX(id) FROM audit_log'), 'newest first';
my ($renamed) = grep { $_->[6] eq 'department' && $_->[8] eq 'update' && $_->[9] =~ /보수/ } @rows;
ok $renamed, 'the rename is in the CSV';
like $renamed->[9], qr{\Q도로, "보수" <1팀> / Roads, "Repair" 1\E$}, 'its detail reads back exactly';
like $text, qr{,"[^"\r\n]*\Q도로, ""보수"" <1팀> / Roads, ""Repair"" 1\E"\r\n}, 'quoted, with quotes doubled';
my ($hol_row) = grep { $_->[6] eq 'holiday' && $_->[8] eq 'create' && $_->[9] =~ /임시/ } @rows;
is $hol_row->[9], q{'=임시 공휴일, "특별"}, 'a value that looks like a formula is defused';
is $rows[1][3], 'admin', 'the account ID';
$r = $adm->get($s->url('/admin/audit.csv?object_type=setting'));
@rows = csv_rows(decode('UTF-8', substr($r->content, 3)));
is scalar @rows, 1 + $s->sql_value(q{SELECT COUNT(*) FROM audit_log WHERE object_type = 'setting'}), 'the CSV is filtered too';
is $adm->get($s->url('/admin/audit.csv?from=yesterday'))->code, 400, 'a bad filter in the CSV: 400';
is $adm->get($s->url('/admin/audit.csv?login=nobody.here'))->content, "\xEF\xBB\xBF" . encode('UTF-8',
    join(',', map { $L->{"Admin.Csv.$_"} } qw(id at account_id login name addr object_type object_id action detail)) . "\r\n"),
    'an unknown account: the header only';

# The log cannot be edited, even with SQL.
my $entries = audit_count();
ok !eval { $s->sql('UPDATE audit_log SET action = "x" ORDER BY id DESC LIMIT 1'); 1 }, 'UPDATE on audit_log fails';
like $@, qr/append-only/, 'refused by the trigger';
ok !eval { $s->sql('DELETE FROM audit_log ORDER BY id LIMIT 1'); 1 }, 'DELETE on audit_log fails';
like $@, qr/append-only/, 'refused by the trigger';
is audit_count(), $entries, 'every entry stays';
is $s->sql_value(q{SELECT COUNT(*) FROM audit_log WHERE action = 'x'}), 0, 'unchanged';

# English pages.
{
    my $en = signed_in($s, 'admin', 'madang-admin-2026');
    $en->cookie_jar->set_cookie(0, 'lang', 'en', '/', '127.0.0.1', $s->port);
    $html = body_of($en->get($s->url('/admin/categories')));
    like $html, qr{<h1>Categories and routing rules</h1>}, 'the rules page in English';
    like $html, qr{Round robin}, 'with English mode names';
}

$s->stop;
done_testing;
