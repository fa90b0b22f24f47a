# SPDX-License-Identifier: AGPL-3.0-or-later
# 21-input-edges.t: input at the edge of what the parsers accept (issue 8).
# An e-mail address the mail transport would refuse (a@b_c.kr, a@-b.kr) is
# refused at registration too, with the message in Korean and in English,
# instead of registering an account whose every notice dead-letters; a
# multipart body with a boundary of 70 characters (the most RFC 2046
# allows) files a case with its attachment, and one of 71 is refused.
use strict;
use warnings;
use utf8;
use Test::More;
use Encode qw(encode);
use HTTP::Headers;
use HTTP::Request;
use Madang::Test;

binmode $_, ':encoding(UTF-8)'
    for map { Test::More->builder->$_ } qw(output failure_output todo_output);

my $s = Madang::Test->start;
my %L = (ko => Madang::Test::lang_strings('ko'), en => Madang::Test::lang_strings('en'));

sub accounts { $s->sql_value('SELECT COUNT(*) FROM accounts') }

# ------------------------------------------------------------ e-mail

for my $lang (qw(ko en)) {
    for my $email ('a@b_c.kr', 'a@-b.kr') {
        my $ua = $s->ua(default_headers => HTTP::Headers->new('Accept-Language' => $lang));
        my $before = accounts();
        my $r = Madang::Test::register_citizen($s, $ua, email => $email);
        my $html = $r->decoded_content // '';
        is $r->code, 400, "$email is refused ($lang)";
        like $html, qr{<html lang="$lang">}, "the page is in $lang";
        like $html, qr{<p class="field-error" id="err-email">\Q$L{$lang}{'Err.email'}\E</p>},
            "the message beside the e-mail field: '$L{$lang}{'Err.email'}'";
        is accounts(), $before, "no account for $email";
    }
}
{
    # The check is the transport's: an address it takes registers.
    my $r = Madang::Test::register_citizen($s, $s->ua, email => 'a.b@c-d.example.kr');
    is $r->code, 303, 'an address with a hyphen inside a label registers';
}

# ------------------------------------------------------------ 70-character boundary

$s->sql(q{INSERT INTO departments (id, name_ko, name_en) VALUES (1, '도로과', 'Roads')});
$s->sql(q{INSERT INTO categories (id, name_ko, name_en, department_id) VALUES (1, '도로·교통', 'Roads', 1)});
my $ua = $s->ua;
my ($r, $acct) = Madang::Test::register_citizen($s, $ua);
is $r->code, 303, 'a citizen registers' or BAIL_OUT('cannot register');

# Files a case as one multipart body written by hand with $boundary.
sub file_with_boundary {
    my ($boundary, $title) = @_;
    my $form = $ua->get($s->url('/cases/new'));
    die 'GET /cases/new: ' . $form->status_line unless $form->code == 200;
    my $body = join '', map {
        "--$boundary\r\nContent-Disposition: form-data; name=\"$_->[0]\"\r\n\r\n$_->[1]\r\n"
    } [csrf => $s->csrf_from($form)], [category => 1], [title => encode('UTF-8', $title)],
      [body => encode('UTF-8', '경계가 긴 본문입니다.')], [public => 1];
    $body .= "--$boundary\r\nContent-Disposition: form-data; name=\"attachments\"; filename=\"note.txt\""
        . "\r\nContent-Type: text/plain\r\n\r\nseventy\n\r\n--$boundary--\r\n";
    return $ua->request(HTTP::Request->new(POST => $s->url('/cases/new'),
        ['Content-Type' => "multipart/form-data; boundary=$boundary"], $body));
}

my $b70 = join '', map { ('a' .. 'z', 0 .. 9)[$_ % 36] } 0 .. 69;
is length $b70, 70, 'a boundary of 70 characters';
my $cases = $s->sql_value('SELECT COUNT(*) FROM cases');
my $files = $s->sql_value('SELECT COUNT(*) FROM attachments');
$r = file_with_boundary($b70, '경계 70자');
is $r->code, 303, 'a body with a 70-character boundary files the case' or diag $r->decoded_content;
like $r->header('Location') // '', qr{^/cases/\d{4}-\d{6}}, 'and shows it';
is $s->sql_value('SELECT COUNT(*) FROM attachments'), $files + 1, 'with its attachment';
is $s->sql_value("SELECT title FROM cases ORDER BY id DESC LIMIT 1"), '경계 70자', 'and its title';

$r = file_with_boundary($b70 . 'x', '경계 71자');
is $r->code, 400, 'a boundary of 71 characters is refused';
is $s->sql_value('SELECT COUNT(*) FROM cases'), $cases + 1, 'and files nothing';

done_testing;
