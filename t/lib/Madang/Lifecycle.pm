# SPDX-License-Identifier: AGPL-3.0-or-later
# Madang::Lifecycle: the cases' life cycle driven through HTTP as the
# demo's staff and citizen would, step by step, for the test files that
# check something after every step (201-counters.t, 400-public-view.t).
package Madang::Lifecycle;

=encoding utf8

=head1 NAME

Madang::Lifecycle - every transition of a case, one step after another

=head1 SYNOPSIS

    my $s    = Madang::Test->start(seed => 1);
    my $life = Madang::Lifecycle->new($s, check => sub {
        my ($what, %shows) = @_;   # "an extension", $tracking => [texts]
        ...                        # tests after the step
    });
    $life->drive(before_escalation => sub { ... });
    my ($tracking, $id) = $life->case('a');

The steps: filing (round-robin, with a place), start, extension, answer,
the citizen's closing and reopening (case a); transfer and sending back
(b); assignment and the approval flow with a returned answer (c); a
compound case with its joint part (d); re-filing (e); withdrawal (f); a
rating and its callback (on c); escalation by C<madangctl tick> a month
ahead. After each, C<check> gets the step's name and what the anonymous
page of a case shows now (C<'!text'>: no longer shows).

=cut

use strict;
use warnings;
use utf8;

use Digest::SHA qw(hmac_sha256);
use MIME::Base64 qw(encode_base64url);
use Test::More ();
use Madang::Test qw(body_of forms_of submit_form post_form);
use Madang::Staff qw(signed_in act);

=head1 METHODS

=head2 new($s, check => $code)

Signs in the demo's staff who act (C<< $life->ua($login) >>, C<admin>
too) and its citizen, who files every case.

=cut

sub new {
    my ($class, $s, %o) = @_;
    my %ua = map { $_ => signed_in($s, $_) } qw(road.lee road.park road.choi traffic.kim welfare.bae safety.ahn);
    $ua{admin} = signed_in($s, 'admin', 'madang-admin-2026');
    my $citizen = $s->ua;
    Test::More::is(Madang::Test::sign_in($s, $citizen, 'citizen', 'madang-citizen-2026')->code, 303,
        'the citizen signs in');
    return bless { s => $s, ua => \%ua, citizen => $citizen, check => $o{check} // sub { }, tracked => [],
        case => {} }, $class;
}

=head2 ua($login), citizen, tracked, case($letter)

A signed-in staff member's user agent; the citizen's; the tracking
numbers filed so far, in order; a case's tracking number and id.

=cut

sub ua      { $_[0]{ua}{ $_[1] } }
sub citizen { $_[0]{citizen} }
sub tracked { @{ $_[0]{tracked} } }
sub case    { @{ $_[0]{case}{ $_[1] } // [] } }

=head2 drive(before_escalation => $code)

Every step in order, C<check> after each; C<$code> (when given) runs
before the escalation.

=cut

sub drive {
    my ($self, %o) = @_;
    $self->_one_case;
    $self->_transfer;
    $self->_approval;
    $self->_compound;
    $self->_refile_withdraw;
    $self->_rating;
    $o{before_escalation}->() if $o{before_escalation};
    my $s = $self->{s};
    my ($out, $status) = $s->ctl('tick', '--now',
        $s->sql_value("SELECT DATE_FORMAT(NOW() + INTERVAL 30 DAY, '%Y-%m-%d %H:%i:%s')"));
    Test::More::is($status, 0, 'tick a month ahead escalates the idle cases') or Test::More::diag($out);
    $self->{check}->('escalation');
}

# Files case $letter as the citizen, public.
sub _file {
    my ($self, $letter, $category, $title, $body, %more) = @_;
    my ($tr, $id) = Madang::Test::file_case($self->{s}, $self->{citizen}, category => $category, title => $title,
        body => $body, public => 1, %more);
    push @{ $self->{tracked} }, $tr;
    $self->{case}{$letter} = [ $tr, $id ];
    return ($tr, $id);
}

sub _handler_of {
    my ($self, $id) = @_;
    return $self->{s}->sql_value("SELECT a.login_id FROM case_handlers h JOIN accounts a ON a.id = h.account_id"
        . " WHERE h.case_id = $id LIMIT 1");
}

# One test: $r (a form's answer) redirects.
sub _acted {
    my ($r, $what) = @_;
    Test::More::is($r && $r->code, 303, $what) or Test::More::diag($r ? substr(body_of($r), 0, 300) : 'no form');
}

# The staff member $login's form of $action on case $tr, sent.
sub _act {
    my ($self, $login, $tr, $action, %values) = @_;
    _acted(act($self->{s}, $self->{ua}{$login}, $tr, $action, %values), $action);
}

# The citizen's form of $action on their case $tr, sent.
sub _citizen_act {
    my ($self, $tr, $action, %values) = @_;
    my $s = $self->{s};
    my $page = $self->{citizen}->get($s->url("/cases/$tr" . ($action eq 'withdraw' ? '/withdraw' : '')));
    my ($f) = grep { ($_->{fields}{action} // '') eq $action } forms_of(body_of($page));
    _acted($f ? submit_form($s, $self->{citizen}, $f, %values) : undef, "the citizen: $action");
}

sub _one_case {
    my ($self) = @_;
    my $s = $self->{s};
    my $check = $self->{check};
    my ($tr, $id) = $self->_file('a', 1, '보도 블록이 깨졌습니다', '마당로 3 앞 보도 블록이 깨져 있습니다.',
        latitude => '37.56651', longitude => '126.97801', address => '서울 중구 세종대로 110');
    my $h = $self->_handler_of($id);
    Test::More::like($h, qr/^road\.(lee|park)$/, "filed and assigned to $h");
    $check->('filing', $tr => ['보도 블록이 깨졌습니다', '!세종대로 110', '!37.56651']);
    $self->_act($h, $tr, 'start');
    $check->('start');
    my $due = $s->sql_value("SELECT DATE_FORMAT(due_at + INTERVAL 10 DAY, '%Y-%m-%d') FROM cases WHERE id = $id");
    $self->_act($h, $tr, 'extend', due_date => $due, text => '현장 조사가 필요합니다');
    $check->('an extension', $tr => [$due]);
    $self->_act($h, $tr, 'answer', text => '보도 블록을 교체했습니다.');
    $check->('the answer', $tr => ['보도 블록을 교체했습니다.']);
    $self->_citizen_act($tr, 'close');
    $check->('closing');
    $self->_citizen_act($tr, 'reopen', text => '다시 깨졌습니다');
    $check->('reopening');
}

sub _transfer {
    my ($self) = @_;
    my ($tr, $id) = $self->_file('b', 1, '신호등 버튼이 눌리지 않습니다', '누리동 사거리 신호등 버튼이 고장입니다.');
    $self->_act($self->_handler_of($id), $tr, 'transfer', department => 5,
        text => '신호등은 교통행정과 소관입니다');
    $self->{check}->('a transfer', $tr => ['교통행정과']);
    $self->_act('traffic.kim', $tr, 'send_back', text => '버튼은 도로과에서 관리합니다');
    $self->{check}->('sending back');
}

# Category 7 needs the approval of an answer.
sub _approval {
    my ($self) = @_;
    my $check = $self->{check};
    my ($tr) = $self->_file('c', 7, '기초연금 신청 방법', '기초연금은 어디서 신청하나요?');
    $self->_act('admin', $tr, 'assign', handler => $self->{s}->account_id('welfare.bae'));
    $check->('an assignment');
    $self->_act('welfare.bae', $tr, 'submit', text => '행정복지센터에서 신청하실 수 있습니다.');
    $check->('submitting for approval', $tr => ['!행정복지센터에서 신청하실 수 있습니다.']);
    $self->_act('admin', $tr, 'return_answer', text => '신청 기간도 알려 주세요');
    $check->('returning the answer');
    $self->_act('welfare.bae', $tr, 'submit', text => "행정복지센터에서 신청하실 수 있습니다.\n언제든 가능합니다.");
    $self->_act('admin', $tr, 'approve');
    $check->('the approval', $tr => ['언제든 가능합니다.']);
}

# Category 8 is a compound one: 도로과 (4) joins.
sub _compound {
    my ($self) = @_;
    my $s = $self->{s};
    my $check = $self->{check};
    my ($tr) = $self->_file('d', 8, '옹벽 균열과 보도 침하', '가람로 옹벽에 금이 가고 보도가 내려앉았습니다.');
    $check->('filing a compound case');
    $self->_act('admin', $tr, 'assign', handler => $s->account_id('safety.ahn'));
    my $choi = $self->{ua}{'road.choi'};
    my ($part) = grep { $_->{action} eq "/staff/cases/$tr/part" }
        forms_of(body_of($choi->get($s->url("/staff/cases/$tr"))));
    _acted($part && submit_form($s, $choi, $part, part => '보도는 다음 주에 복구합니다.'), 'the joint part');
    $check->('a joint part', $tr => ['!보도는 다음 주에 복구합니다.']);
    $self->_act('safety.ahn', $tr, 'answer', text => '옹벽은 보강하고 보도는 도로과가 복구합니다.');
    $check->('the compound answer', $tr => ['보도는 다음 주에 복구합니다.', '옹벽은 보강하고']);
}

sub _refile_withdraw {
    my ($self) = @_;
    my $s = $self->{s};
    my ($tr, $id) = $self->_file('e', 1, '가로수 가지 정리', '가로수 가지가 창문을 가립니다.');
    my $other = $s->sql_value("SELECT id FROM categories WHERE active = 1 AND id NOT IN (1, 7, 8) ORDER BY id LIMIT 1");
    $self->_act($self->_handler_of($id), $tr, 'refile', category => $other, text => '분야가 다릅니다');
    $self->{check}->('re-filing', $tr => [$s->sql_value("SELECT name_ko FROM categories WHERE id = $other")]);
    ($tr) = $self->_file('f', 1, '불법 주차 신고', '골목에 차가 늘 서 있습니다.');
    $self->_citizen_act($tr, 'withdraw', text => '해결되었습니다');
    $self->{check}->('a withdrawal');
}

# A rating of case c through the survey's signed link, and the call
# centre's callback on it.
sub _rating {
    my ($self) = @_;
    my $s = $self->{s};
    my (undef, $id) = $self->case('c');
    my ($secret_hex) = do { open my $fh, '<', $s->dir . '/run/secret' or die $!; local $/; <$fh> } =~ /([0-9a-f]{64})/i;
    my $nonce = join '', map { sprintf '%02x', int rand 256 } 1 .. 16;
    # Stored times are the office's (+09:00), as the application's sessions read them.
    $s->sql("SET time_zone = '+09:00'; INSERT INTO satisfaction (case_id, nonce, created_at) VALUES ($id, '$nonce', NOW())");
    my $token = "$nonce." . encode_base64url(hmac_sha256("rate:$nonce", pack 'H*', $secret_hex));
    _acted(post_form($s, $s->ua, "/rate/$token", "/rate/$token", rating => 2, comment => '늦었습니다'), 'a rating');
    $self->{check}->('a rating');
    my $sat_id = $s->sql_value("SELECT id FROM satisfaction WHERE nonce = '$nonce'");
    _acted(post_form($s, signed_in($s, 'agent.song'), '/staff/callbacks', "/staff/callbacks/$sat_id",
        note => '통화했습니다'), 'the callback');
    $self->{check}->('a callback');
}

1;
