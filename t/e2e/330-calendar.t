# SPDX-License-Identifier: AGPL-3.0-or-later
# 330-calendar.t: a community's calendar (issue 14, part 4) end to end on
# the real stack with the SMTP sink and the notifier: the demo calendar;
# a manager adds a weekly event (bad input refused, nothing stored), a
# member may not until a manager allows it; the month table and the list
# show every occurrence of the series in its month; answers (going /
# maybe / no) counted and changeable, refused to non-members and after
# cancelling; the feed and the single-event .ics parsed back by Python's
# icalendar (VTIMEZONE, TZID, RRULE, a stable UID, SEQUENCE one more per
# edit, STATUS:CANCELLED); a members-only community's calendar, events and
# feed are not there for others (404, by URL too), and its feed is read
# with a member's secret address, which stops working when revoked or
# when the member leaves; the reminder a day before, once per occurrence.
use strict;
use warnings;
use utf8;
use Test::More;
use Encode qw(encode decode);
use File::Temp qw(tempfile);
use Madang::Test qw(body_of L text_of);
use Madang::Notify;

binmode $_, ':encoding(UTF-8)'
    for map { Test::More->builder->$_ } qw(output failure_output todo_output);

my $n = Madang::Notify->start(seed => 1);
my $s = $n->stack;

# ------------------------------------------------------------ helpers

sub post { my ($ua, $from, $path, @kv) = @_; return Madang::Test::post_form($s, $ua, $from, $path, @kv) }
sub get { my ($ua, $path) = @_; return $ua->get($s->url($path)) }
sub page_text { my ($ua, $path) = @_; return text_of(body_of(get($ua, $path))) }

# Python's icalendar reads the text back: the number of VEVENTs and
# VTIMEZONEs, then per event UID|SEQUENCE|STATUS|TZID of DTSTART|DTSTART|RRULE.
sub ical_facts {
    my ($bytes) = @_;
    my ($fh, $file) = tempfile(SUFFIX => '.ics', UNLINK => 1);
    binmode $fh;
    print $fh $bytes;
    close $fh;
    my $py = <<'PY';
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
ev = cal.walk('VEVENT')
print(len(ev), len(cal.walk('VTIMEZONE')))
for e in ev:
    s = e.get('DTSTART')
    print('|'.join([str(e.get('UID')), str(e.get('SEQUENCE')), str(e.get('STATUS')), str(s.params.get('TZID')),
                    s.dt.strftime('%Y-%m-%d %H:%M'), e.get('RRULE').to_ical().decode() if e.get('RRULE') else '',
                    str(e.get('SUMMARY'))]))
PY
    my ($ph, $script) = tempfile(SUFFIX => '.py', UNLINK => 1);
    print $ph $py;
    close $ph;
    my $out = decode('UTF-8', scalar qx{/usr/bin/python3 '$script' '$file' 2>&1});
    return split /\n/, $out;
}

my ($owner_ua, $member_ua, $other_ua, $anon) = map { $s->ua } 1 .. 4;
my (undef, $owner) = Madang::Test::register_citizen($s, $owner_ua, name => '모임장');
my (undef, $member) = Madang::Test::register_citizen($s, $member_ua, name => '모임원');
my (undef, $other) = Madang::Test::register_citizen($s, $other_ua, name => '남남');
my ($OWNER, $MEMBER) = map { $s->account_id($_->{login_id}) } $owner, $member;

# Two communities made by SQL (the wizard is another part's): a public one
# and a members-only (listed) one, each with the owner and a member.
for my $c (['cal-open', 'public'], ['cal-closed', 'listed']) {
    $s->sql("INSERT INTO communities (slug, name, description, template, membership, visibility, member_count,"
        . " created_by, created_at, updated_at, last_activity_at)"
        . " VALUES ('$c->[0]', '일정 시험 $c->[1]', '', 'resident', 'open', '$c->[1]', 2, $OWNER, NOW(), NOW(), NOW())");
    $s->sql("INSERT INTO community_members (community_id, account_id, role, state, created_at, updated_at)"
        . " SELECT id, $OWNER, 'owner', 'active', NOW(), NOW() FROM communities WHERE slug = '$c->[0]'"
        . " UNION ALL SELECT id, $MEMBER, 'member', 'active', NOW(), NOW() FROM communities WHERE slug = '$c->[0]'");
}

# ------------------------------------------------------------ the demo

my $demo = $s->sql_value("SELECT DATE_FORMAT(starts_at, '%Y-%m') FROM community_events WHERE title = '골목 대청소'");
ok $demo, 'the demo has calendar events';
my $t = page_text($anon, "/c/madang-walkers/calendar?month=$demo");
like $t, qr/골목 대청소/, "the demo calendar's month shows the clean-up";
my $demo_id = $s->sql_value("SELECT id FROM community_events WHERE title = '정기 모임'");
like page_text($anon, "/c/madang-walkers/events/$demo_id"), qr/정기 모임.*\Q${\ L('Calendar.Answer.going')}\E: 1/s,
    '... and its meeting page the answers';

# ------------------------------------------------------------ adding events

my $new = '/c/cal-open/events/new';
my %walk = (title => '수요 걷기', place => '마당천', description => "첫 줄\n둘째 줄",
    starts_at => '2027-03-03T19:00', ends_at => '2027-03-03T20:30', recurrence => 'weekly', recur_count => 4);
# The walk's fields with some changed (one value per field).
sub walk { my %f = (%walk, @_); return %f }
my $r = post($member_ua, '/c/cal-open/calendar', $new, %walk);
is $r->code, 403, 'a member may not add an event while only managers may';
is get($member_ua, $new)->code, 403, '... nor see the form';
$r = post($owner_ua, $new, $new, walk(ends_at => '2027-03-03T18:00'));
is $r->code, 400, 'an end before the start is refused';
like text_of(body_of($r)), qr/\Q${\ L('Err.event_order')}\E/, '... with its message';
is body_of($r) =~ /value="수요 걷기"/ ? 1 : 0, 1, '... the form filled again';
$r = post($owner_ua, $new, $new, walk(recur_until => '2027-04-01'));
is $r->code, 400, 'a count and a last date together are refused';
is $s->sql_value("SELECT COUNT(*) FROM community_events e JOIN communities c ON c.id = e.community_id WHERE c.slug = 'cal-open'"),
    0, '... nothing stored';
$r = post($owner_ua, $new, $new, %walk);
is $r->code, 303, 'the owner adds a weekly event, four times';
my ($id) = ($r->header('Location') // '') =~ m{^/c/cal-open/events/(\d+)\?done=created$};
ok $id, '... and lands on its page';
like page_text($owner_ua, "/c/cal-open/events/$id"), qr/수요 걷기.*2027-03-03 19:00 ~ 2027-03-03 20:30.*마당천/s,
    '... which shows its time and place';

$r = post($owner_ua, '/c/cal-open/calendar', '/c/cal-open/calendar/settings', events_by_members => 1);
is $r->code, 303, 'the owner lets members add events';
is post($member_ua, '/c/cal-open/calendar', '/c/cal-open/calendar/settings', events_by_members => 1)->code, 403,
    '... a member may not change that';
$r = post($member_ua, $new, $new, title => '월례 회의', starts_at => '2027-01-31 10:00', ends_at => '2027-01-31 12:00',
    recurrence => 'monthly', recur_until => '2027-05-31');
is $r->code, 303, 'then a member adds a monthly event on the 31st';
my ($monthly) = ($r->header('Location') // '') =~ m{/events/(\d+)};

# ------------------------------------------------------------ month and list

my $html = body_of(get($anon, '/c/cal-open/calendar?month=2027-03'));
my @links = $html =~ m{<td[^>]*>.*?</td>}gs;
my $cells = join '', @links;
is $s->sql_value("SELECT last_day FROM community_events WHERE id = $id"), '2027-03-24', 'the series ends on its fourth Wednesday';
is scalar(() = $cells =~ m{href="/c/cal-open/events/$id\?on=}g), 4, 'the March table has the four Wednesdays';
like $html, qr{<caption>}, '... a table with a caption';
like $cells, qr{href="/c/cal-open/events/$monthly\?on=}, "... and the monthly event on the 31st";
is scalar(() = body_of(get($anon, '/c/cal-open/calendar?month=2027-04')) =~ m{href="/c/cal-open/events/$monthly\?on=}g), 0,
    'April has no 31st: no monthly occurrence';
is scalar(() = body_of(get($anon, '/c/cal-open/calendar?month=2027-02')) =~ m{href="/c/cal-open/events/$monthly\?on=}g), 0,
    '... nor February';
$html = body_of(get($anon, '/c/cal-open/calendar?month=2027-03&view=list'));
is scalar(() = $html =~ m{href="/c/cal-open/events/$id\?on=}g), 4, 'the list view has them too';
like text_of($html), qr/2027-03-03.*2027-03-10.*2027-03-17.*2027-03-24/s, '... in order';
is get($anon, '/c/cal-open/calendar?month=2027-13')->code, 404, 'a month that does not exist is not found';

# ------------------------------------------------------------ answers

my $ev = "/c/cal-open/events/$id";
is post($member_ua, $ev, "$ev/rsvp", answer => 'going')->code, 303, 'the member answers going';
like page_text($anon, $ev), qr/\Q${\ L('Calendar.Answer.going')}\E: 1\b/, '... counted';
post($member_ua, $ev, "$ev/rsvp", answer => 'maybe');
$t = page_text($anon, $ev);
like $t, qr/\Q${\ L('Calendar.Answer.going')}\E: 0\b.*\Q${\ L('Calendar.Answer.maybe')}\E: 1\b/s, '... and changes it to maybe';
like body_of(get($member_ua, $ev)), qr/value="maybe" required checked/, '... shown as theirs';
is post($other_ua, $ev, "$ev/rsvp", answer => 'going')->code, 403, 'a non-member may not answer';
is post($member_ua, $ev, "$ev/rsvp", answer => 'perhaps')->code, 400, 'an answer that is none is refused';
is $s->sql_value("SELECT COUNT(*) FROM community_event_rsvps WHERE event_id = $id"), 1, '... one answer stored';

# ------------------------------------------------------------ iCalendar

$r = get($anon, "$ev.ics");
is $r->code, 200, 'the event as .ics';
like $r->header('Content-Type'), qr{^text/calendar}, '... text/calendar';
my @f = ical_facts($r->content);
is $f[0], '1 1', '... one VEVENT and the VTIMEZONE (Python icalendar)';
my $host = '127.0.0.1';
is $f[1], "event-$id\@$host|0|CONFIRMED|Asia/Seoul|2027-03-03 19:00|FREQ=WEEKLY;COUNT=4|수요 걷기",
    '... UID, SEQUENCE 0, TZID Asia/Seoul, the start and RRULE';
$r = post($owner_ua, "$ev/edit", "$ev/edit", walk(title => '수요 저녁 걷기'));
is $r->code, 303, 'the owner edits the event';
is post($member_ua, "$ev/edit", "$ev/edit", %walk)->code, 403, "... a member may not edit another's event";
@f = ical_facts(get($anon, "$ev.ics")->content);
is $f[1], "event-$id\@$host|1|CONFIRMED|Asia/Seoul|2027-03-03 19:00|FREQ=WEEKLY;COUNT=4|수요 저녁 걷기",
    '... the same UID, SEQUENCE 1';
$r = get($anon, '/c/cal-open/calendar.ics');
@f = ical_facts($r->content);
is $f[0], '2 1', "the community's feed has both events";
my ($m) = grep {/^event-$monthly\@/} @f;
like $m // '', qr/\|FREQ=MONTHLY;UNTIL=20270531T145959Z\|/, '... the monthly one until the 31st of May (in UTC)';

is post($member_ua, "/c/cal-open/events/$monthly", "/c/cal-open/events/$monthly/cancel")->code, 303,
    'the member cancels their own event';
like page_text($anon, "/c/cal-open/events/$monthly"), qr/\Q${\ L('Calendar.Cancelled')}\E/, '... shown as cancelled';
@f = ical_facts(get($anon, "/c/cal-open/events/$monthly.ics")->content);
like $f[1], qr/^event-$monthly\@$host\|1\|CANCELLED\|/, '... STATUS:CANCELLED, SEQUENCE 1';
is post($member_ua, "/c/cal-open/events/$id", "/c/cal-open/events/$monthly/rsvp", answer => 'going')->code, 403,
    '... and takes no answers';

# ------------------------------------------------------------ members only

$r = post($owner_ua, '/c/cal-closed/events/new', '/c/cal-closed/events/new', title => '비공개 회의',
    starts_at => '2027-03-05T19:00', ends_at => '2027-03-05T21:00', recurrence => 'none');
my ($closed) = ($r->header('Location') // '') =~ m{/events/(\d+)};
ok $closed, 'an event in the members-only community';
for my $path ('/c/cal-closed/calendar', "/c/cal-closed/events/$closed", "/c/cal-closed/events/$closed.ics",
    '/c/cal-closed/calendar.ics') {
    is get($anon, $path)->code, 404, "$path: not there signed out";
    is get($other_ua, $path)->code, 404, '... nor for a non-member';
}
is get($member_ua, "/c/cal-closed/events/$closed")->code, 200, '... a member reads it';
is get($member_ua, "/c/cal-open/events/$closed")->code, 404, '... under its own community only';
is post($other_ua, '/c/cal-open/calendar', "/c/cal-closed/events/$closed/rsvp", answer => 'going')->code, 404,
    '... a non-member cannot answer it by URL';

$r = post($member_ua, '/c/cal-closed/calendar', '/c/cal-closed/calendar/feed');
is $r->code, 200, 'the member makes a private feed address';
my ($token) = body_of($r) =~ m{/c/cal-closed/calendar\.ics\?k=([A-Za-z0-9_-]+)};
ok $token, '... shown once';
unlike body_of(get($member_ua, '/c/cal-closed/calendar')), qr/\Q$token\E/, '... and not again';
is $s->sql_value("SELECT COUNT(*) FROM community_calendar_tokens WHERE token_hash = '$token'"), 0, '... only its hash kept';
$r = get($anon, "/c/cal-closed/calendar.ics?k=$token");
is $r->code, 200, 'a calendar client reads the feed with it, no cookie';
@f = ical_facts($r->content);
like $f[1] // '', qr/^event-$closed\@.*\|비공개 회의$/, '... with the event';
is get($anon, '/c/cal-closed/calendar.ics?k=' . ('A' x 43))->code, 404, 'a wrong secret reads nothing';
is get($anon, "/c/cal-open/calendar.ics?k=$token")->code, 404, "... nor the secret on another community's feed";
post($member_ua, '/c/cal-closed/calendar', '/c/cal-closed/calendar/feed', revoke => 1);
is get($anon, "/c/cal-closed/calendar.ics?k=$token")->code, 404, 'revoked: the address reads nothing';
$r = post($member_ua, '/c/cal-closed/calendar', '/c/cal-closed/calendar/feed');
($token) = body_of($r) =~ m{calendar\.ics\?k=([A-Za-z0-9_-]+)};
is get($anon, "/c/cal-closed/calendar.ics?k=$token")->code, 200, 'a new address works';
$s->sql("UPDATE community_members m JOIN communities c ON c.id = m.community_id SET m.state = 'left'"
    . " WHERE c.slug = 'cal-closed' AND m.account_id = $MEMBER");
is get($anon, "/c/cal-closed/calendar.ics?k=$token")->code, 404, '... until the member leaves';

# ------------------------------------------------------------ reminders

# An event tomorrow (in 20 hours, Seoul time) that the member is going to,
# and one in three days: only the first is reminded, once.
$s->sql("SET time_zone = '+09:00'; INSERT INTO community_events (community_id, title, place, description, starts_at,"
    . " ends_at, last_day, created_by, created_at, updated_at)"
    . " SELECT id, '내일 모임', '놀이터', '', NOW() + INTERVAL 20 HOUR, NOW() + INTERVAL 22 HOUR,"
    . " DATE(NOW() + INTERVAL 20 HOUR), $OWNER, NOW(), NOW() FROM communities WHERE slug = 'cal-open'"
    . " UNION ALL SELECT id, '사흘 뒤 모임', '', '', NOW() + INTERVAL 3 DAY, NOW() + INTERVAL 74 HOUR,"
    . " DATE(NOW() + INTERVAL 3 DAY), $OWNER, NOW(), NOW()"
    . " FROM communities WHERE slug = 'cal-open'");
my $soon = $s->sql_value("SELECT id FROM community_events WHERE title = '내일 모임'");
my $later = $s->sql_value("SELECT id FROM community_events WHERE title = '사흘 뒤 모임'");
post($member_ua, "/c/cal-open/events/$soon", "/c/cal-open/events/$soon/rsvp", answer => 'going');
post($member_ua, "/c/cal-open/events/$later", "/c/cal-open/events/$later/rsvp", answer => 'going');
post($owner_ua, "/c/cal-open/events/$soon", "/c/cal-open/events/$soon/rsvp", answer => 'no');
$n->run_ok('the notifier runs');
my $reminders = "SELECT COUNT(*) FROM notices WHERE kind = 'event_reminder' AND account_id = ";
is $s->sql_value("$reminders $MEMBER"), 1, 'the member going to tomorrow\'s event is reminded';
is $s->sql_value("$reminders $OWNER"), 0, '... not who said no';
$n->run_ok('the notifier runs again');
is $s->sql_value("$reminders $MEMBER"), 1, '... once';
$n->settle(quiet => 0.5);
my @mails = $n->mails(kind => 'event_reminder');
is scalar(@mails), 1, 'one reminder mail in the SMTP sink';
like $mails[0] && $mails[0]{text}, qr{내일 모임.*/c/cal-open/events/$soon}s, '... with the event and its link';
like page_text($member_ua, '/account/notices'), qr/내일 모임/, '... and in the web inbox';

$n->stop;
done_testing;
