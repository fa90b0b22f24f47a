# SPDX-License-Identifier: AGPL-3.0-or-later
# 72-reason-limit.t: a reason is limited in characters, not bytes (issue 8,
# "a long extension reason is cut"). A handler extends a case with a reason
# of exactly 2,000 Korean characters (6,000 bytes): the staff case page,
# the citizen's case page and the citizen's e-mail notice show the whole
# reason and the new date after it; a reason of 2,001 characters is
# refused with a message and changes nothing; every reason box tells the
# browser the same limit (maxlength).
use strict;
use warnings;
use utf8;
use Test::More;
use Encode ();
use Madang::Test;
use Madang::Notify;

binmode $_, ':encoding(UTF-8)'
    for map { Test::More->builder->$_ } qw(output failure_output todo_output);

my $n = Madang::Notify->start(seed => 1);
my $s = $n->stack;
my %L = %{ Madang::Test::lang_strings('ko') };

sub body_of { my ($r) = @_; return $r ? $r->decoded_content // '' : '' }

# The text of a page as a person reads it: tags gone, entities decoded.
sub text_of {
    my ($html) = @_;
    $html =~ s/<[^>]*>//g;
    my %ent = (amp => '&', lt => '<', gt => '>', quot => '"', '#39' => "'");
    $html =~ s/&(amp|lt|gt|quot|#39);/$ent{$1}/g;
    return $html;
}

# Only this test's notices: the demo's pending ones are set aside.
$s->sql(q{UPDATE cases SET apology_due = NULL, remind_at = NULL, escalate_hours = 0});
$s->sql(q{UPDATE outbox SET state = 'cancelled' WHERE state = 'pending'});

# A case of the demo citizen's that its handler may extend.
my ($case_id, $tr, $handler, $due) = @{ ($s->sql(
    q{SELECT c.id, c.tracking_no, a.login_id, DATE_FORMAT(c.due_at, '%Y-%m-%d') FROM cases c}
    . q{ JOIN accounts o ON o.id = c.account_id AND o.login_id = 'citizen'}
    . q{ JOIN case_handlers h ON h.case_id = c.id AND h.department_id = c.department_id}
    . q{ JOIN accounts a ON a.id = h.account_id}
    . q{ WHERE c.status IN ('assigned', 'in_progress') AND c.extensions < c.max_extensions}
    . q{ ORDER BY c.id LIMIT 1}))[0] // [] };
ok $case_id, "a case of the demo citizen's to extend: $tr (handler $handler, due $due)";
my $cit_email = $s->sql_value(q{SELECT email FROM accounts WHERE login_id = 'citizen'});
my $new_due = $s->sql_value("SELECT DATE_FORMAT(DATE(due_at) + INTERVAL 21 DAY, '%Y-%m-%d') FROM cases WHERE id = $case_id");

my $staff = $s->ua;
is Madang::Test::sign_in($s, $staff, $handler, 'madang-staff-2026')->code, 303, "$handler signs in";

# 2,000 characters of Hangul syllables (three bytes each), distinct enough
# that a cut anywhere shows, ending in a marker.
my $reason = join('', map { chr(0xAC00 + ($_ * 37) % 11172) } 1 .. 1996) . '끝까지봄';
is length($reason), 2000, 'the reason has 2,000 characters';
cmp_ok length(Encode::encode('UTF-8', $reason)), '>=', 6000, '... and 6,000 bytes';

my $page = body_of($staff->get($s->url("/staff/cases/$tr")));
like $page, qr/<textarea id="act-extend-text" name="text"[^>]*maxlength="2000"/,
    'the extension form allows 2,000 characters';
like $page, qr/<textarea id="act-answer-text" name="text"[^>]*maxlength="20000"/,
    '... the answer 20,000';
like $page, qr/<textarea id="note" name="note"[^>]*maxlength="2000"/, '... a note 2,000';

my $r = $n->staff_act($staff, $tr, 'extend', due_date => $new_due, text => $reason . '더');
is $r && $r->code, 400, 'a reason of 2,001 characters is refused';
like text_of(body_of($r)), qr/\Q$L{'Act.Problem.text_too_long'}\E/, '... with a message saying it is too long';
is $s->sql_value("SELECT DATE_FORMAT(due_at, '%Y-%m-%d') FROM cases WHERE id = $case_id"), $due,
    '... and the deadline is unchanged';
is $s->sql_value("SELECT COUNT(*) FROM case_events WHERE case_id = $case_id AND kind = 'extended'"), 0,
    '... nothing recorded';

$r = $n->staff_act($staff, $tr, 'extend', due_date => $new_due, text => $reason);
is $r && $r->code, 303, "a reason of 2,000 characters extends the deadline to $new_due"
    or diag body_of($r);
is $s->sql_value("SELECT DATE_FORMAT(due_at, '%Y-%m-%d') FROM cases WHERE id = $case_id"), $new_due,
    '... the new deadline is stored';

my $staff_text = text_of(body_of($staff->get($s->url("/staff/cases/$tr"))));
like $staff_text, qr/\Q$reason\E\s*→ \Q$new_due\E/, 'the staff case page shows the whole reason, then the new date';

my $cit = $s->ua;
is Madang::Test::sign_in($s, $cit, 'citizen', 'madang-citizen-2026')->code, 303, 'the citizen signs in';
my $cit_text = text_of(body_of($cit->get($s->url("/cases/$tr"))));
like $cit_text, qr/\Q$reason\E\s*→ \Q$new_due\E/, "the citizen's case page shows the whole reason and the new date";
like body_of($cit->get($s->url("/cases/$tr/withdraw"))), qr/<textarea[^>]*name="text"[^>]*maxlength="2000"/,
    "... and the citizen's own reason box (withdrawing) allows 2,000 characters";

my $run = $n->run;
is $run->{status}, 0, 'a notifier run' or diag $run->{out};
$n->settle;
my @mail = $n->mails(case_id => $case_id, kind => 'extended', to => $cit_email);
is scalar(@mail), 1, "the citizen's extension notice arrives";
(my $mail_text = $mail[0] ? $mail[0]{text} // '' : '') =~ s/\r//g;
like $mail_text, qr/\Q$reason\E/, '... with the whole reason';
like $mail_text, qr/\Q$new_due\E/, '... and the new date';

$n->stop;
done_testing;
