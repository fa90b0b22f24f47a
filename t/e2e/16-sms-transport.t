# SPDX-License-Identifier: AGPL-3.0-or-later
# 16-sms-transport.t: lib/notify/sms.c against a real Kannel (bearerbox,
# smsbox, fakesmsc): intact Korean text in UCS-2 for +821012345678, the
# length rule as the SMSC sees it, signed delivery reports at the dlr-url,
# a duplicate recognisable by its key, and smsbox down = temporary failure.
use strict;
use warnings;
use utf8;

use Cwd qw(abs_path);
use Digest::SHA qw(hmac_sha256_base64);
use Encode ();
use File::Basename qw(dirname);
use POSIX ();
use Test::More;

use Madang::Kannel;

binmode(Test::More->builder->$_, ':encoding(UTF-8)') for qw(output failure_output todo_output);

my $REPO = abs_path(dirname(__FILE__) . '/../..');
my $BUILD = abs_path($ENV{MADANG_BUILD} // "$REPO/build") // "$REPO/build";
my $TOOL = "$BUILD/t/tools/sms-send-check";
-x $TOOL or BAIL_OUT("$TOOL missing: run make build (or set MADANG_BUILD)");

my $SECRET = 'test-dlr-secret-0123456789';
my $k = Madang::Kannel->start;
my $dlr = $k->dlr_sink;

# Runs the tool; returns (exit code, output). Sanitizer lines fail the test.
sub send_sms {
    my (%o) = @_;
    my @cmd = ($TOOL, '--url', $o{url} // $k->sendsms_url, '--user', $k->user,
        '--password', $o{password} // $k->password, '--from', '15880000',
        '--to', $o{to} // '010-1234-5678', '--key', $o{key} // 'ob-1.1',
        '--ref', $o{ref} // 1, '--timeout', 5);
    push @cmd, '--dlr-url', $dlr, '--dlr-secret', $SECRET unless $o{no_dlr};
    push @cmd, '--repeat', $o{repeat} if $o{repeat};
    push @cmd, '--text', Encode::encode('UTF-8', $o{text});
    my $pid = open(my $fh, '-|') // die "fork: $!";
    if (!$pid) {
        open(STDERR, '>&', \*STDOUT);
        exec(@cmd) or POSIX::_exit(127);
    }
    local $/;
    my $out = <$fh> // '';
    close $fh;
    my $rc = $? >> 8;
    unlike($out, qr/AddressSanitizer|runtime error:|LeakSanitizer/, 'no sanitizer report')
        or diag $out;
    return ($rc, $out);
}

# The query of a report as a hash.
sub q2h {
    my ($target) = @_;
    my ($q) = $target =~ /\?(.*)$/;
    my %h;
    for (split /&/, $q // '') {
        my ($n, $v) = split /=/, $_, 2;
        $v //= '';
        $v =~ tr/+/ /;
        $v =~ s/%([0-9A-Fa-f]{2})/chr(hex($1))/ge;
        $h{$n} = $v;
    }
    return \%h;
}

# The dlr-url's signature: every parameter Madang sets, the names of those
# Kannel fills in (lib/notify/sms.h, sms_dlr_sign).
sub sig_for {
    my ($ref, $key) = @_;
    my $s = hmac_sha256_base64("madang-sms-dlr:2:ref=$ref&key=$key&type&ts&reply", $SECRET);
    $s =~ tr{+/}{-_};
    return $s;
}

# ---- One Korean notice, delivered, with its reports ----
my $notice = '[마당] 민원이 접수되었습니다. 접수번호 2026-000123';
my ($rc, $out) = send_sms(text => $notice, key => 'ob-7.1', ref => 7);
is $rc, 0, 'accepted by sendsms' or diag $out;
my @m = $k->wait_messages(1, 10);
is scalar(@m), 1, 'fakesmsc received one message';
is $m[0]{to}, '+821012345678', 'to the international number';
is $m[0]{from}, '15880000', 'from the configured sender';
is $m[0]{type}, 'ucs-2', 'as one UCS-2 SMS';
is $m[0]{text}, $notice, 'Korean text intact';

my @r = $k->wait_dlr_reports(2, 10);
is scalar(@r), 2, 'two delivery reports reached the dlr-url' or diag join "\n", @r;
my @h = map { q2h($_) } @r;
is_deeply [sort map { $_->{type} } @h], [1, 8], 'SMSC ack (8) and delivered (1)';
for my $h (@h) {
    is $h->{ref}, 7, "report $h->{type}: ref";
    is $h->{key}, 'ob-7.1', "report $h->{type}: key";
    is $h->{sig}, sig_for(7, 'ob-7.1'), "report $h->{type}: HMAC of the ref and key";
    like $h->{ts}, qr/^\d{10}$/, "report $h->{type}: Kannel's time";
}
like((grep { $_->{type} == 8 } @h)[0]{reply}, qr/^ACK/, 'SMSC reply on the ack');

# ---- The length rule as the SMSC sees it ----
my $two = '[마당] 민원에 답변이 등록되었습니다. 접수번호 2026-000123 https://madang.example.kr/t/2026-000123';
($rc, $out) = send_sms(text => $two, key => 'ob-8.1', ref => 8);
is $rc, 0, 'a notice of 71 to 134 units accepted' or diag $out;
my $long = ('가' x 250) . ' 끝';
($rc, $out) = send_sms(text => $long, key => 'ob-9.1', ref => 9);
is $rc, 0, 'long text accepted' or diag $out;
my $emoji = '답변이 등록되었습니다 😀 확인해 주세요';
($rc, $out) = send_sms(text => $emoji, key => 'ob-9.2', ref => 9);
is $rc, 0, 'text with an emoji accepted' or diag $out;
@m = $k->wait_messages(4, 10);
is $m[1]{parts}, 2, 'two concatenated parts';
is $m[1]{text}, $two, '...joined, intact';
is $m[2]{parts}, 3, 'the long one in 3 parts';
is $m[2]{text}, ('가' x 200) . '…', 'shortened to 200 characters and "…"';
is $m[3]{text}, $emoji, 'a character outside the BMP arrives as a surrogate pair, intact';

# ---- A duplicate: the same notice sent twice is recognisable by its key ----
($rc, $out) = send_sms(text => '중복 전송 시험', key => 'ob-10.1', ref => 10, repeat => 2);
is $rc, 0, 'sent twice over one connection' or diag $out;
@m = $k->wait_messages(6, 10);
is scalar(grep { $_->{text} eq '중복 전송 시험' } @m), 2, 'the SMSC got it twice';
my @dup;
for (1 .. 100) {
    @dup = grep { $_->{ref} == 10 } map { q2h($_) } $k->dlr_reports;
    last if @dup >= 4;
    select(undef, undef, undef, 0.1);
}
is scalar(grep { $_->{type} == 1 } @dup), 2, 'two "delivered" reports for ref 10...';
is scalar(grep { $_->{key} eq 'ob-10.1' } @dup), scalar(@dup), '...all with the same key';
my $access = do { local $/; open(my $fh, '<', $k->dir . '/bearerbox-access.log') or die $!; <$fh> };
my $sent = () = $access =~ /Sent SMS .*\[META:\?madang\?key=ob-10\.1\]/g;
is $sent, 2, "Kannel's access log shows the key on both sends (meta-data)";

# ---- The gateway down, then back ----
$k->stop_smsbox;
my $count = () = $k->messages;
($rc, $out) = send_sms(text => '게이트웨이 중단 시험', key => 'ob-11.1', ref => 11);
is $rc, 75, 'smsbox stopped: temporary failure (exit 75)' or diag $out;
like $out, qr/rc=temporary-failure/, 'MDG_ETEMPFAIL';
unlike $out, qr/\Q${\ $k->password }\E/, 'the error does not show the password';
$k->start_smsbox;
($rc, $out) = send_sms(text => '게이트웨이 복구', key => 'ob-11.1', ref => 11);
is $rc, 0, 'smsbox back: accepted' or diag $out;
@m = $k->wait_messages($count + 1, 10);
is scalar(@m), $count + 1, 'nothing was sent while down, one message after';
is $m[-1]{text}, '게이트웨이 복구', 'the message after the restart';

# ---- Wrong credentials: ours to fix, so retried rather than dead ----
($rc, $out) = send_sms(text => '인증 실패', password => 'wrong', no_dlr => 1);
is $rc, 75, 'HTTP 403: temporary failure' or diag $out;
like $out, qr/HTTP 403.*sms\.user/, 'the error names the credentials';

# ---- Nothing listens at all ----
($rc, $out) = send_sms(text => '연결 거부', url => 'http://127.0.0.1:1/cgi-bin/sendsms');
is $rc, 75, 'connection refused: temporary failure' or diag $out;

$k->stop;
done_testing;
