# SPDX-License-Identifier: AGPL-3.0-or-later
# 85-notify-web.t: the web side of the notifier (issue 4) through HTTP with
# the demo office: notice preferences (validated, SMS only with a mobile
# number, the digest only for staff); the web inbox of notices, each
# person's own only, marked read; the staff's alert JSON (count, items,
# 401/403 for others, no-store) and its server-rendered twin in the
# layout; the supervisor's outbox with retry and cancel (audited, refused
# to a handler); the signed single-use rating link (forged, malformed and
# unknown links refused, one rating only), a low rating in the call
# centre's callback queue (contact view audited, the outcome recorded and
# audited), the rating on the staff case page and in the workload report;
# Kannel's delivery reports (signed; forged ones refused).
use strict;
use warnings;
use utf8;
use Test::More;
use Digest::SHA qw(hmac_sha256);
use Encode qw(encode);
use JSON::PP ();
use MIME::Base64 qw(encode_base64url);
use Madang::Test qw(body_of L text_of);
use Madang::Staff qw(signed_in);

binmode $_, ':encoding(UTF-8)'
    for map { Test::More->builder->$_ } qw(output failure_output todo_output);

my $DLR_SECRET = 'e2e-web-dlr-secret-0123456789abcdef';
my $s = Madang::Test->start(seed => 1, config => { 'sms.dlr_secret' => $DLR_SECRET });

# ------------------------------------------------------------ helpers

sub q_ { my ($v) = @_; $v =~ s/\\/\\\\/g; $v =~ s/'/\\'/g; return "'$v'" }

my %L = %{ Madang::Test::lang_strings('ko') };

sub id_of { my ($login) = @_; return $s->sql_value('SELECT id FROM accounts WHERE login_id = ' . q_($login)) }

# Posts to $path with the CSRF token of the page $from (default /account).
sub post_form { my ($ua, $path, $from, @kv) = @_; return Madang::Test::post_form($s, $ua, $from // '/account', $path, @kv) }

sub audits { my ($action) = @_; return $s->sql_value("SELECT COUNT(*) FROM audit_log WHERE action = " . q_($action)) }

sub json_of { my ($r) = @_; return eval { JSON::PP->new->utf8->decode($r->content) } }

# ------------------------------------------------------------ preferences

my $cit = $s->ua;
my ($reg, $cform) = Madang::Test::register_citizen($s, $cit);
is $reg->code, 303, 'a citizen without a mobile number registers';
my $cit_id = id_of($cform->{login_id});

my $r = $cit->get($s->url('/account'));
is $r->code, 200, 'the account page';
my $html = body_of($r);
like text_of($html), qr/\Q${\ L('Notify.Prefs')}\E/, '... has the notice preferences';
like text_of($html), qr/\Q${\ L('Notify.SmsNoMobile')}\E/, '... explains why SMS cannot be chosen';
like $html, qr/<input[^>]*id="notify_sms"[^>]*disabled/, '... and the SMS box is disabled';
unlike $html, qr/id="notify_digest"/, '... no digest choice for a citizen';
like $html, qr/<input[^>]*id="notify_email"[^>]*checked/, '... e-mail is on by default';

$r = post_form($cit, '/account/notify', undef, notify_email => 1, notify_sms => 1);
is $r->code, 400, 'SMS without a mobile number is refused';
like text_of(body_of($r)), qr/\Q${\ L('Err.notify_no_mobile')}\E/, '... with the reason';
$r = post_form($cit, '/account/notify', undef, notify_email => 'yes');
is $r->code, 400, 'a checkbox value no form sends is refused';
like text_of(body_of($r)), qr/\Q${\ L('Err.invalid')}\E/, '... with a message' if defined $L{'Err.invalid'};
$r = post_form($cit, '/account/notify', undef, notify_email => 1, notify_digest => 1);
is $r->code, 400, 'the digest is refused to a citizen';
like text_of(body_of($r)), qr/\Q${\ L('Err.notify_staff_only')}\E/, '... with the reason';
is $s->sql_value("SELECT CONCAT(notify_email, notify_sms, notify_digest) FROM accounts WHERE id = $cit_id"), '110',
    '... and nothing changed';
$r = $cit->post($s->url('/account/notify'), [ notify_email => 1 ]);
is $r->code, 403, 'no CSRF token: refused';

$r = post_form($cit, '/account/notify', undef);    # e-mail unticked
is $r->code, 303, 'e-mail notices turned off';
is $r->header('Location'), '/account?done=notify', '... back to the account page';
like text_of(body_of($cit->follow($r))), qr/\Q${\ L('Msg.NotifySaved')}\E/, '... which says so';
is $s->sql_value("SELECT CONCAT(notify_email, notify_sms, notify_digest) FROM accounts WHERE id = $cit_id"), '010',
    '... stored (the SMS choice kept for when a number is added)';

my $cit2 = $s->ua;
my (undef, $c2form) = Madang::Test::register_citizen($s, $cit2, mobile => '010-5555-0101');
my $cit2_id = id_of($c2form->{login_id});
$r = $cit2->get($s->url('/account'));
unlike body_of($r), qr/<input[^>]*id="notify_sms"[^>]*disabled/, 'with a mobile number SMS can be chosen';
$r = post_form($cit2, '/account/notify', undef, notify_email => 1);
is $r->code, 303, 'SMS turned off';
is $s->sql_value("SELECT CONCAT(notify_email, notify_sms, notify_digest) FROM accounts WHERE id = $cit2_id"), '100', '... stored';
$r = post_form($cit2, '/account/notify', undef, notify_email => 1, notify_sms => 1);
is $s->sql_value("SELECT notify_sms FROM accounts WHERE id = $cit2_id"), 1, '... and on again';

my $lee = signed_in($s, 'road.lee');
my $lee_id = id_of('road.lee');
$html = body_of($lee->get($s->url('/account')));
like $html, qr/id="notify_digest"/, 'staff may choose the digest';
like text_of($html), qr/\Q${\ L('Notify.StaffSms')}\E/, '... and SMS for new cases';
$r = post_form($lee, '/account/notify', undef, notify_email => 1, notify_sms => 1, notify_digest => 1);
is $r->code, 303, 'staff preferences saved';
is $s->sql_value("SELECT CONCAT(notify_email, notify_sms, notify_digest) FROM accounts WHERE id = $lee_id"), '111', '... stored';

# ------------------------------------------------------------ the inbox

# A case of road.lee's (a handler of it), for links and later the rating.
my ($case_id, $tracking, $title, $dept_id) = @{ ($s->sql(
    "SELECT c.id, c.tracking_no, c.title, c.department_id FROM cases c"
    . " JOIN case_handlers h ON h.case_id = c.id AND h.department_id = c.department_id"
    . " WHERE h.account_id = $lee_id ORDER BY c.id LIMIT 1"))[0] // [] };
ok $case_id, "a case handled by road.lee: $tracking";

sub add_notice {
    my ($account, $kind, %payload) = @_;
    my $json = JSON::PP->new->canonical->encode(\%payload);    # characters
    $s->sql("INSERT INTO notices (account_id, case_id, kind, payload, created_at) VALUES"
        . " ($account, $case_id, " . q_($kind) . ', ' . q_($json) . ', NOW())');
    return $s->sql_value('SELECT MAX(id) FROM notices');
}
add_notice($cit_id, 'receipt', tracking => $tracking, title => '내 민원 하나');
add_notice($cit_id, 'transferred', tracking => $tracking, title => '내 민원 하나', department => '교통행정과');
add_notice($cit2_id, 'answered', tracking => $tracking, title => '남의 민원 <b>');

$r = $cit->get($s->url('/account/notices'));
is $r->code, 200, 'the citizen opens the notices';
$html = body_of($r);
my $text = text_of($html);
like $text, qr/\Q${\ L('Title.Notices')}\E/, '... titled';
(my $transferred = L('Notice.transferred')) =~ s/\{department\}/교통행정과/;
$transferred =~ s/\{tracking\}/$tracking/;
$transferred =~ s/\{title\}/내 민원 하나/;
like $text, qr/\Q$transferred\E/, '... the transfer, its values filled in';
like $html, qr{<a href="/cases/$tracking\?notice=\d+">}, '... linking to the case';
unlike $text, qr/남의 민원/, "... never another person's notice";
is scalar(() = $html =~ /class="badge"/g), 2, '... both marked unread';
ok index($text, '교통행정과') < index($text, L('Notice.receipt') =~ s/:.*//r), '... newest first';
$r = $cit2->get($s->url('/account/notices'));
like text_of(body_of($r)), qr/남의 민원 <b>/, 'the other citizen sees their own (escaped)';
unlike body_of($r), qr/남의 민원 <b>/, '... as text, not markup';
unlike text_of(body_of($r)), qr/내 민원 하나/, '... and not the first one\'s';

$r = $cit->get($s->url('/my/cases'));
like body_of($r), qr{href="/account/notices"}, "'my cases' links to the notices";
like text_of(body_of($r)), qr/\Q${\ L('Notify.UnreadCount')}\E 2/, '... with the unread count';

$r = post_form($cit, '/account/notices/read', '/account/notices');
is $r->code, 303, 'mark all read';
like text_of(body_of($cit->follow($r))), qr/\Q${\ L('Msg.NoticesRead')}\E/, '... says so';
is $s->sql_value("SELECT COUNT(*) FROM notices WHERE account_id = $cit_id AND read_at IS NULL"), 0, '... all read';
is $s->sql_value("SELECT COUNT(*) FROM notices WHERE account_id = $cit2_id AND read_at IS NULL"), 1,
    "... and the other person's untouched";
is $s->ua->get($s->url('/account/notices'))->code, 303, 'anonymous: to the sign-in page';

# ------------------------------------------------------------ the alert

my $n1 = add_notice($lee_id, 'staff_assigned', tracking => $tracking, title => '배정 알림 하나');
my $n2 = add_notice($lee_id, 'staff_reminder', tracking => $tracking, title => '기한 알림', due => '2030-01-02');
$r = $lee->get($s->url('/staff/alerts.json'));
is $r->code, 200, 'the alert JSON for staff';
like $r->header('Content-Type'), qr{^application/json}, '... is JSON';
like $r->header('Cache-Control') // '', qr/no-store/, '... never stored';
my $j = json_of($r);
is $j->{unread}, 2, '... two unread';
is scalar @{ $j->{items} // [] }, 2, '... two items';
is $j->{items}[0]{id}, $n2, '... newest first';
(my $reminder = L('Notice.staff_reminder')) =~ s/\{due\}/2030-01-02/;
$reminder =~ s/\{tracking\}/$tracking/;
$reminder =~ s/\{title\}/기한 알림/;
is $j->{items}[0]{text}, $reminder, '... the text localised with its values';
is $j->{items}[0]{url}, "/staff/cases/$tracking?notice=$n2", '... the staff case page';
is $j->{items}[0]{kind}, 'staff_reminder', '... the kind';
like $j->{items}[0]{at}, qr/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+09:00$/, '... the time';
$r = $cit->get($s->url('/staff/alerts.json'));
is $r->code, 403, 'a citizen: 403';
like $r->header('Content-Type'), qr{^application/json}, '... as JSON';
$r = $s->ua->get($s->url('/staff/alerts.json'));
is $r->code, 401, 'anonymous: 401';
is json_of($r)->{error}, 'sign_in', '... as JSON';

$r = $lee->get($s->url('/staff/cases'));
$html = body_of($r);
like $html, qr{<span class="alert-count" id="alert-count">2</span>}, 'the layout shows the count';
like text_of($html), qr/\Q$reminder\E/, '... and the latest notices, without JavaScript';
like $html, qr{<script src="/assets/alerts.js" defer></script>}, '... and loads the poller';
like $html, qr{aria-live="polite"}, '... with a polite live region';
unlike $html, qr{<script>}, '... no inline script';
unlike body_of($cit->get($s->url('/my/cases'))), qr/alerts\.js/, 'no poller for citizens';
$r = $lee->get($s->url("/staff/cases/$tracking?notice=$n2"));
is $r->code, 200, 'following the alert opens the case';
is $s->sql_value("SELECT read_at IS NOT NULL FROM notices WHERE id = $n2"), 1, '... and marks that notice read';
is $s->sql_value("SELECT read_at IS NULL FROM notices WHERE id = $n1"), 1, '... only that one';
is json_of($lee->get($s->url('/staff/alerts.json')))->{unread}, 1, '... the count follows';
my $other_notice = $s->sql_value("SELECT id FROM notices WHERE account_id = $cit2_id");
$lee->get($s->url("/staff/cases/$tracking?notice=$other_notice"));
is $s->sql_value("SELECT read_at IS NULL FROM notices WHERE id = $other_notice"), 1, "... never someone else's";
my $js = $s->ua->get($s->url('/assets/alerts.js'));
is $js->code, 200, 'the poller is served';
unlike $js->content, qr/innerHTML/, '... and never writes markup';

# ------------------------------------------------------------ the outbox

my @ob;
for my $row (['dead', 'email', 'lost.person@example.org', '550 5.1.1 no such user'],
             ['pending', 'sms', '+821055550101', 'timeout'],
             ['sent', 'sms', '+821055550102', undef]) {
    my ($state, $ch, $to, $err) = @$row;
    my $mid = "e2e-$state-$$-" . time;
    $s->sql("INSERT INTO outbox (notice_id, channel, account_id, recipient, lang, kind, payload, message_id, state,"
        . " attempts, next_attempt_at, last_error, created_at) VALUES ($n1, '$ch', $cit_id, " . q_($to)
        . ", 'ko', 'receipt', '{}', '$mid', '$state', 2, NOW() + INTERVAL 5 MINUTE, "
        . (defined $err ? q_($err) : 'NULL') . ', NOW())');
    push @ob, $s->sql_value('SELECT MAX(id) FROM outbox');
}
my ($dead, $pending, $sent) = @ob;
my $admin = signed_in($s, 'admin', 'madang-admin-2026');
$r = $admin->get($s->url('/admin'));
like body_of($r), qr{href="/admin/outbox"}, 'the admin navigation links to the outbox';
$r = $admin->get($s->url('/admin/outbox'));
is $r->code, 200, 'the supervisor opens the outbox';
$html = body_of($r);
$text = text_of($html);
like $html, qr{action="/admin/outbox/$dead/retry"}, '... the dead row, with retry';
like $html, qr{action="/admin/outbox/$pending/cancel"}, '... the pending row, with cancel';
unlike $html, qr{/admin/outbox/$sent/}, '... not the sent one by default';
like $text, qr/550 5\.1\.1 no such user/, '... the last error';
like $text, qr/lo\*\*\*\@example\.org/, '... the address masked';
unlike $text, qr/lost\.person/, '... never in full';
like $text, qr/\+821055\*\*\*\*01/, '... the number masked';
like $html, qr{href="/staff/cases/$tracking"}, '... the case';
like $text, qr/\Q${\ L('Outbox.St.dead')}\E \(1\)/, '... the counts per state';
$r = $admin->get($s->url('/admin/outbox?state=sent'));
like body_of($r), qr/\+821055\*\*\*\*02/, 'the sent filter lists the sent row';
is $admin->get($s->url('/admin/outbox?state=bogus'))->code, 400, 'an unknown state: 400';

my $a0 = audits('retry');
$r = post_form($admin, "/admin/outbox/$dead/retry", '/admin/outbox', state => '');
is $r->code, 303, 'retry the dead row';
like text_of(body_of($admin->follow($r))), qr/\Q${\ L('Msg.OutboxRetried')}\E/, '... says so';
is $s->sql_value("SET time_zone = '+09:00'; SELECT CONCAT(state, '/', attempts, '/', next_attempt_at <= NOW()) FROM outbox WHERE id = $dead"),
    'pending/2/1', '... pending again, due now, attempts kept';
is audits('retry'), $a0 + 1, '... audited';
is $s->sql_value("SELECT object_id FROM audit_log WHERE action = 'retry' AND object_type = 'outbox' ORDER BY id DESC LIMIT 1"),
    $dead, '... against the row';
$a0 = audits('cancel');
$r = post_form($admin, "/admin/outbox/$pending/cancel", '/admin/outbox', state => 'pending');
is $r->code, 303, 'cancel the pending row';
is $r->header('Location'), '/admin/outbox?state=pending&done=cancelled', '... back to its list';
is $s->sql_value("SELECT state FROM outbox WHERE id = $pending"), 'cancelled', '... cancelled';
is audits('cancel'), $a0 + 1, '... audited';
$r = post_form($admin, "/admin/outbox/$sent/retry", '/admin/outbox');
is $r->code, 409, 'a sent row cannot be retried';
like text_of(body_of($r)), qr/\Q${\ L('Msg.OutboxUnchanged')}\E/, '... and the page says why';
is $s->sql_value("SELECT state FROM outbox WHERE id = $sent"), 'sent', '... unchanged';
is $lee->get($s->url('/admin/outbox'))->code, 403, 'a handler may not see the outbox';
$r = post_form($lee, "/admin/outbox/$dead/cancel", '/account');
is $r->code, 403, '... nor cancel';
is $s->sql_value("SELECT state FROM outbox WHERE id = $dead"), 'pending', '... nothing changed';

# ------------------------------------------------------------ /sms/dlr

sub dlr_sig {
    my ($ref, $key) = @_;
    return encode_base64url(hmac_sha256("madang-sms-dlr:2:ref=$ref&key=$key&type&ts&reply", $DLR_SECRET));
}
my $anon = $s->ua;
$r = $anon->get($s->url("/sms/dlr?ref=$sent&key=k1&sig=" . dlr_sig($sent, 'k1') . '&type=1&ts=1700000000&reply=ok'));
is $r->code, 200, 'a signed delivery report is taken';
is $r->content, "ok\n", '... "ok"';
is $s->sql_value("SELECT dlr_status FROM outbox WHERE id = $sent"), 'delivered', '... recorded';
$r = $anon->get($s->url("/sms/dlr?ref=$pending&key=k1&sig=" . dlr_sig($sent, 'k1') . '&type=2'));
is $r->code, 403, "a signature of another row's report: 403";
like $r->header('Content-Type'), qr{^text/plain}, '... in plain text';
is $s->sql_value("SELECT dlr_status FROM outbox WHERE id = $pending"), undef, '... nothing recorded';
is $anon->get($s->url("/sms/dlr?ref=$sent&key=k1&sig=" . ('A' x 43) . '&type=2'))->code, 403, 'a forged signature: 403';
is $anon->get($s->url('/sms/dlr?ref=x&key=k1&sig=y&type=1'))->code, 400, 'a malformed report: 400';
is $anon->get($s->url('/sms/dlr'))->code, 400, 'an empty one: 400';
is $anon->get($s->url("/sms/dlr?ref=$sent&key=k1&sig=" . dlr_sig($sent, 'k1') . '&type=3'))->code, 400, 'an unknown type: 400';
is $anon->get($s->url("/sms/dlr?ref=$dead&key=k1&sig=" . dlr_sig($dead, 'k1') . '&type=1'))->code, 404, 'an e-mail row: 404';
is $s->sql_value("SELECT dlr_status FROM outbox WHERE id = $sent"), 'delivered', 'the recorded report stays';

# ------------------------------------------------------------ rating

my ($secret_hex) = do { open my $fh, '<', $s->dir . '/run/secret' or die $!; local $/; <$fh> } =~ /([0-9a-f]{64})/i;
my $key = pack 'H*', $secret_hex;
sub rate_token { my ($nonce) = @_; return "$nonce." . encode_base64url(hmac_sha256("rate:$nonce", $key)) }
my $nonce = join '', map { sprintf '%02x', int rand 256 } 1 .. 16;
$s->sql("INSERT INTO satisfaction (case_id, nonce, created_at) VALUES ($case_id, '$nonce', NOW())");
my $token = rate_token($nonce);

my $visitor = $s->ua;
$r = $visitor->get($s->url("/rate/$token"));
is $r->code, 200, 'the rating link opens without sign-in';
$html = body_of($r);
like text_of($html), qr/\Q$tracking\E/, '... with the tracking number';
like $html, qr{<fieldset[^>]*>\s*<legend>\Q${\ L('Rate.Legend')}\E</legend>}, '... a fieldset with its legend';
like $html, qr{<label for="rating-1">\Q${\ L('Rate.R.1')}\E</label>}, '... labelled choices';
like $html, qr{<label for="comment">}, '... a labelled comment';

(my $forged = $token) =~ s/(.)$/$1 eq 'A' ? 'B' : 'A'/e;
$r = $visitor->get($s->url("/rate/$forged"));
is $r->code, 404, 'a forged link is refused';
like text_of(body_of($r)), qr/\Q${\ L('Rate.Invalid')}\E/, '... with a clear page';
is $visitor->get($s->url('/rate/abc'))->code, 404, 'a malformed link is refused';
my $unknown = rate_token('0' x 32);
is $visitor->get($s->url("/rate/$unknown"))->code, 404, 'a well-signed unknown link is refused';
$r = post_form($visitor, "/rate/$forged", "/rate/$token", rating => 5);
is $r->code, 404, 'a rating through a forged link is refused';

$r = post_form($visitor, "/rate/$token", "/rate/$token", rating => 9);
is $r->code, 400, 'a rating out of range is refused';
$r = post_form($visitor, "/rate/$token", "/rate/$token", rating => 3, comment => 'x' x 2001);
is $r->code, 400, 'a comment over 2000 characters is refused';
is $s->sql_value("SELECT rated_at IS NULL FROM satisfaction WHERE nonce = '$nonce'"), 1, '... nothing stored';
$r = $visitor->post($s->url("/rate/$token"), [ rating => 2 ]);
is $r->code, 403, 'no CSRF token: refused';

my $comment = '답변이 너무 늦었고 현장 확인도 없었습니다.';
$r = post_form($visitor, "/rate/$token", "/rate/$token", rating => 2, comment => $comment);
is $r->code, 303, 'a rating of 2 is sent';
like text_of(body_of($visitor->follow($r))), qr/\Q${\ L('Rate.Done')}\E/, '... thanks';
is_deeply [ @{ ($s->sql("SELECT rating, comment, callback_state FROM satisfaction WHERE nonce = '$nonce'"))[0] } ],
    [ 2, $comment, 'pending' ], '... stored, and the case waits for a call';
$r = post_form($visitor, "/rate/$token", "/rate/$token", rating => 5, comment => 'changed my mind');
is $r->code, 409, 'a second rating is refused';
like text_of(body_of($r)), qr/\Q${\ L('Rate.Rated')}\E/, '... "already rated"';
is $s->sql_value("SELECT rating FROM satisfaction WHERE nonce = '$nonce'"), 2, '... the first one stays';
like text_of(body_of($visitor->get($s->url("/rate/$token")))), qr/\Q${\ L('Rate.Rated')}\E/,
    'the link now says it was used';

# The rating on the staff case page.
$r = $lee->get($s->url("/staff/cases/$tracking"));
$text = text_of(body_of($r));
like $text, qr/\Q${\ L('Rate.Ratings')}\E/, 'the staff case page shows the ratings';
like $text, qr{2 / 5}, '... the rating';
like $text, qr/\Q$comment\E/, '... and the comment';

# ... and in the workload report: per department, and per handler.
$r = $admin->get($s->url('/staff/reports/workload'));
$html = body_of($r);
like $html, qr{<th scope="col">\Q${\ L('Rate.Average')}\E</th>}, 'the workload report has the rating columns';
my ($row) = $html =~ m{(<tr>\s*<td[^>]*>[^<]*</td>\s*<td[^>]*><a href="[^"]*department=$dept_id">.*?</tr>)}s;
ok $row, "... a row for the case's department";
like $row // '', qr{data-label="\Q${\ L('Rate.Count')}\E">1</td>\s*<td data-label="\Q${\ L('Rate.Average')}\E">2\.0</td>},
    '... one rating, average 2.0';
$r = $admin->get($s->url("/staff/reports/workload?department=$dept_id"));
my $lee_name = $s->sql_value("SELECT name FROM accounts WHERE id = $lee_id");
($row) = body_of($r) =~ m{(<tr>\s*<td[^>]*>[^<]*</td>\s*<td data-label="[^"]*">\Q$lee_name\E</td>.*?</tr>)}s;
like $row // '', qr{>1</td>\s*<td data-label="\Q${\ L('Rate.Average')}\E">2\.0</td>}, '... and for the handler';

# ------------------------------------------------------------ callbacks

my $agent = signed_in($s, 'agent.song');
my $views = audits('view_contact');
$r = $agent->get($s->url('/staff/callbacks'));
is $r->code, 200, 'the agent opens the callback queue';
$html = body_of($r);
$text = text_of($html);
my $sat_id = $s->sql_value("SELECT id FROM satisfaction WHERE nonce = '$nonce'");
like $html, qr{action="/staff/callbacks/$sat_id"}, '... the low rating is there';
my ($filer, $filer_mobile) = @{ ($s->sql("SELECT a.name, a.mobile FROM cases c JOIN accounts a ON a.id = c.account_id WHERE c.id = $case_id"))[0] };
like $text, qr/\Q$filer\E/, "... with the citizen's name";
if ($filer_mobile) {
    (my $digits = $text) =~ s/-//g;
    like $digits, qr/\Q$filer_mobile\E/, '... and phone';
}
cmp_ok audits('view_contact'), '>', $views, '... the view audited';
is $lee->get($s->url('/staff/callbacks'))->code, 403, 'a handler may not see the queue';
is $admin->get($s->url('/staff/callbacks'))->code, 200, 'a supervisor may';
like $cit->get($s->url('/staff/callbacks'))->code, qr/^(303|403)$/, 'a citizen may not (sent to sign in as staff)';

$r = post_form($agent, "/staff/callbacks/$sat_id", '/staff/callbacks', note => '  ');
is $r->code, 400, 'an outcome is required';
is $s->sql_value("SELECT callback_state FROM satisfaction WHERE id = $sat_id"), 'pending', '... still waiting';
$r = post_form($lee, "/staff/callbacks/$sat_id", '/account', note => 'not mine');
is $r->code, 403, 'a handler cannot record a call';
my $cb0 = audits('callback');
$r = post_form($agent, "/staff/callbacks/$sat_id", '/staff/callbacks', note => '통화함: 다음 주 현장 확인 약속');
is $r->code, 303, 'the agent records the outcome';
like text_of(body_of($agent->follow($r))), qr/\Q${\ L('Msg.CallbackDone')}\E/, '... says so';
is_deeply [ @{ ($s->sql("SELECT callback_state, callback_by, callback_note, callback_at IS NOT NULL FROM satisfaction WHERE id = $sat_id"))[0] } ],
    [ 'done', id_of('agent.song'), '통화함: 다음 주 현장 확인 약속', 1 ], '... stored';
is audits('callback'), $cb0 + 1, '... audited';
unlike body_of($agent->get($s->url('/staff/callbacks'))), qr{/staff/callbacks/$sat_id"}, '... gone from the queue';
$r = post_form($agent, "/staff/callbacks/$sat_id", '/staff/callbacks', note => 'again');
is $r->code, 409, 'recording it twice is refused';
like text_of(body_of($lee->get($s->url("/staff/cases/$tracking")))), qr/다음 주 현장 확인 약속/,
    'the outcome shows on the staff case page';

$s->stop;
done_testing;
