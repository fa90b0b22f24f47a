# SPDX-License-Identifier: AGPL-3.0-or-later
# 73-compound-parts.t: a compound case (안전: 재난안전과 leads, 도로과
# joins) whose joint department gave the case to nobody (manual mode):
# road.lee, a handler of 도로과 and not its manager, finds the part's form
# on the staff case page and writes 도로과's reply; a handler of another
# department cannot, whatever the form says; the lead answers, and the
# citizen's tracking page shows the lead's answer with 도로과's part
# merged under it, named by its department, escaped, without the lead
# copying it; once the answer is sent the part cannot be changed, and the
# citizen's page stays as it was sent.
use strict;
use warnings;
use utf8;
use Test::More;
use Madang::Test qw(body_of L bytes_of forms_of submit_form post_form);
use Madang::Staff qw(signed_in act);

binmode $_, ':encoding(UTF-8)'
    for map { Test::More->builder->$_ } qw(output failure_output todo_output);

my $s = Madang::Test->start(seed => 1);

# ------------------------------------------------------------ helpers


# Posts straight to $path with a valid CSRF token, as a hand-made form.
sub post_raw { my ($ua, @path_fields) = @_; return post_form($s, $ua, '/account', @path_fields) }
sub part_form {
    my ($ua, $tracking) = @_;
    my ($f) = grep { $_->{action} eq "/staff/cases/$tracking/part" } forms_of(body_of($ua->get($s->url("/staff/cases/$tracking"))));
    return $f;
}

# The answer as the citizen reads it on the tracking page: the answered
# stage of the timeline.
sub answered_stage {
    my ($ua, $tracking, $label) = @_;
    $label //= L('Event.answered');
    my ($timeline) = body_of($ua->get($s->url("/cases/$tracking"))) =~ m{<ol class="timeline">(.*?)</ol>}s;
    my ($stage) = ($timeline // '') =~ m{(<li>\s*<p><strong>\Q$label\E</strong>.*?</li>)}s;
    return $stage // '';
}

my $citizen = signed_in($s, 'citizen', 'madang-citizen-2026');
my %ua = map { $_ => signed_in($s, $_) } qw(road.lee safety.ahn traffic.kim);
$ua{admin} = signed_in($s, 'admin', 'madang-admin-2026');

# ------------------------------------------------------------ the case

my $form = $citizen->get($s->url('/cases/new'));
my $r = $citizen->post($s->url('/cases/new'), [ map { bytes_of($_) } csrf => $s->csrf_from($form), category => 8,
    title => '옹벽 균열과 보도 침하', body => '가람로 옹벽에 금이 가고 그 앞 보도가 내려앉았습니다.', public => 1 ]);
my ($tr) = ($r->header('Location') // '') =~ m{^/cases/(\d{4}-\d{6})\?filed=1$};
ok $tr, "the citizen files a 안전 case ($tr)" or diag body_of($r);
my $id = $s->sql_value("SELECT id FROM cases WHERE tracking_no = '$tr'");
is $s->sql_value("SELECT GROUP_CONCAT(CONCAT(department_id, ':', role) ORDER BY role) FROM case_departments WHERE case_id = $id"),
    '15:lead,4:joint', '재난안전과 leads, 도로과 joins';
is $s->sql_value("SELECT COUNT(*) FROM case_handlers WHERE case_id = $id AND department_id = 4"), 0,
    '... and nobody in 도로과 was given it (manual mode)';
is $s->sql_value("SELECT COUNT(*) FROM staff_roles WHERE account_id = ${\ $s->account_id('road.lee')} AND role = 'manager'"), 0,
    'road.lee is a handler, not a manager';

# ------------------------------------------------------------ the joint part, by a handler

my $part = part_form($ua{'road.lee'}, $tr);
ok $part, "road.lee (a handler of 도로과) finds the form of 도로과's part";
is $part && $part->{fields}{department}, 4, '... for 도로과';
ok !part_form($ua{'traffic.kim'}, $tr), 'traffic.kim (교통행정과) has no such form';
my $before = $s->sql_value("SELECT CONCAT(part_status, ':', IFNULL(part_text, '')) FROM case_departments WHERE case_id = $id AND department_id = 4");
$r = post_raw($ua{'traffic.kim'}, "/staff/cases/$tr/part", part => '제가 대신 씁니다', department => 4);
is $r->code, 404, '... and a hand-made one is refused (the case is not theirs to read)';
is $s->sql_value("SELECT CONCAT(part_status, ':', IFNULL(part_text, '')) FROM case_departments WHERE case_id = $id AND department_id = 4"),
    $before, '... nothing changed';

my $part_text = "보도 침하 구간은 다음 주에 복구합니다.\n<b>통행에 주의</b>해 주세요.";
$r = submit_form($s, $ua{'road.lee'}, $part, part => $part_text);
is $r->code, 303, "road.lee sends 도로과's part";
is $s->sql_value("SELECT part_status FROM case_departments WHERE case_id = $id AND department_id = 4"), 'submitted', '... submitted';
is $s->sql_value("SELECT COUNT(*) FROM case_events WHERE case_id = $id AND kind = 'part_submitted'"
    . " AND actor_id = ${\ $s->account_id('road.lee')} AND department_id = 4"), 1, '... recorded in the history as his';

# ------------------------------------------------------------ the lead answers

$r = act($s, $ua{admin}, $tr, 'assign', handler => $s->account_id('safety.ahn'));
is $r && $r->code, 303, 'the supervisor gives the case to safety.ahn';
my $page = body_of($ua{'safety.ahn'}->get($s->url("/staff/cases/$tr")));
like $page, qr{보도 침하 구간은 다음 주에 복구합니다}, 'the lead reads the part';
like $page, qr{\Q${\ L('Act.Hint.parts')}\E}, '... and the answer form says the parts go with the answer';
my $answer = '옹벽은 이번 주에 보강 공사를 시작합니다.';
$r = act($s, $ua{'safety.ahn'}, $tr, 'answer', text => $answer);
is $r && $r->code, 303, 'the lead answers with its own words only';
is $s->sql_value("SELECT status FROM cases WHERE id = $id"), 'answered', '... answered';

# ------------------------------------------------------------ what the citizen reads

my $stage = answered_stage($citizen, $tr);
like $stage, qr{\Q$answer\E}, "the citizen's tracking page has the lead's answer";
like $stage, qr{재난안전과}, '... from 재난안전과';
like $stage, qr{\Q$answer\E.*<h3>\Q${\ L('Case.AnswerPart')}\E: 도로과</h3>\s*<div class="text">보도 침하 구간은 다음 주에 복구합니다.\n&lt;b&gt;통행에 주의&lt;/b&gt;해 주세요.</div>}s,
    "... and under it 도로과's part, named by its department, escaped, its line break kept";
unlike $stage, qr{<b>통행에 주의}, '... never as markup';
like answered_stage($s->ua, $tr), qr{보도 침하 구간은 다음 주에 복구합니다}, 'the public page of the public case shows it too';
unlike body_of($citizen->get($s->url("/cases/$tr"))), qr{\Q${\ L('Event.part_submitted')}\E},
    'the internal part_submitted event stays internal';
my ($staff_history) = body_of($ua{'safety.ahn'}->get($s->url("/staff/cases/$tr")))
    =~ m{<h2 id="history-h">.*?<ol class="timeline">(.*?)</ol>}s;
like $staff_history // '', qr{<h3>\Q${\ L('Case.AnswerPart')}\E: 도로과</h3>\s*<div class="text">보도 침하 구간은},
    "the staff case page's history shows the answer as the citizen got it, with the part";

# ------------------------------------------------------------ after the answer

$r = post_raw($ua{'road.lee'}, "/staff/cases/$tr/part", part => '답변 뒤에 바꾼 회신', department => 4);
is $r->code, 400, 'changing the part after the answer was sent is refused';
like body_of($r), qr{\Q${\ L('Act.Problem.not_allowed')}\E}, '... with a clear message';
unlike answered_stage($citizen, $tr), qr{답변 뒤에 바꾼 회신}, "... and the citizen's answer stays as it was sent";
is $s->sql_value("SELECT part_text FROM case_departments WHERE case_id = $id AND department_id = 4") =~ s/\r\n/\n/gr,
    $part_text, '... the stored part unchanged';

# In English the part is named in English.
$r = $citizen->post($s->url('/lang'), [ csrf => $s->csrf_from($citizen->get($s->url('/account'))), lang => 'en',
    back => "/cases/$tr" ]);
my $en_answered = Madang::Test::lang_strings('en')->{'Event.answered'};
like answered_stage($citizen, $tr, $en_answered) =~ s/\s+/ /gr, qr{Answer from a joint department: Road Management Division},
    'in English: the part under the answer, with the English department name';

$s->stop;
done_testing;
