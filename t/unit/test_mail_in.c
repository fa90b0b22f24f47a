/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* test_mail_in.c: the e-mail intake's parser on Korean mail as clients
 * send it (the files in t/mail/): EUC-KR labelled ks_c_5601-1987 in base64 and
 * in quoted-printable, read as CP949 (똠 survives), ISO-2022-KR, HTML
 * only, an attachment with an RFC 2231 Korean name next to one refused by
 * type, a delivery report, an auto-reply; the tracking token of a subject. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/mdg.h"
#include "intake/mail_in.h"
#include "notify/mail.h"
#include "notify/message.h"
#include "render/render.h"

static char tmpdir[] = "/tmp/madang-mailin-test-XXXXXX";

static int setup(void **state)
{
	(void)state;
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	return rmdir(tmpdir);
}

static char *slurp(const char *name, size_t *len)
{
	char path[4096];
	const char *src = getenv("MADANG_SOURCE_DIR");
	snprintf(path, sizeof path, "%s/t/mail/%s", src ? src : ".", name);
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	char *data = malloc(1 << 20);
	*len = fread(data, 1, (1 << 20) - 1, f);
	data[*len] = '\0';
	fclose(f);
	return data;
}

static void parse(const char *name, mail_in *m)
{
	size_t len;
	char err[200];
	char *data = slurp(name, &len);
	mail_in_limits lim = {tmpdir, 10 << 20, 5};
	assert_int_equal(mail_in_parse(data, len, &lim, m, err, sizeof err), MDG_OK);
	free(data);
}

static void test_euckr_base64_as_cp949(void **state)
{
	(void)state;
	mail_in m;
	parse("euckr-base64.eml", &m);
	assert_string_equal(m.from_addr, "kim.minwon@example.net");
	assert_string_equal(m.from_name, "김민원");
	assert_string_equal(m.subject, "도로 파손 신고");
	assert_string_equal(m.message_id, "euckr-base64.1@example.net");
	assert_non_null(strstr(m.body, "똠방각하 도로에 구멍이 났습니다."));
	assert_non_null(strstr(m.body, "빨리 고쳐 주세요."));
	assert_null(strchr(m.body, '\r'));
	assert_int_equal(m.nrcpts, 1);
	assert_string_equal(m.rcpts[0], "minwon@madang.example");
	assert_false(m.bounce);
	mail_in_free(&m);
}

static void test_euckr_quoted_printable(void **state)
{
	(void)state;
	mail_in m;
	parse("euckr-qp.eml", &m);
	assert_string_equal(m.subject, "보도블록 깨짐");
	assert_non_null(strstr(m.body, "똠방각하"));
	assert_string_equal(m.rcpts[0], "minwon+road@madang.example");
	mail_in_free(&m);
}

static void test_iso2022kr(void **state)
{
	(void)state;
	mail_in m;
	parse("iso2022kr.eml", &m);
	assert_string_equal(m.body, "소음 신고: 밤마다 공사 소음이 납니다.");
	mail_in_free(&m);
}

static void test_html_only(void **state)
{
	(void)state;
	mail_in m;
	parse("html-only.eml", &m);
	assert_string_equal(m.subject, "가로등 고장");
	assert_string_equal(m.body, "가로등이 <꺼져> 있습니다.\n\n공원 입구 앞김");
	mail_in_free(&m);
}

static void test_attachments(void **state)
{
	(void)state;
	mail_in m;
	parse("attachment-2231.eml", &m);
	assert_string_equal(m.body, "사진을 첨부합니다. 매일 불법 주차가 있습니다.");
	assert_int_equal(m.nfiles, 1);
	assert_string_equal(m.files->filename, "사진 1.png");
	assert_string_equal(m.files->content_type, "image/png");
	assert_int_equal(access(m.files->path, R_OK), 0);
	assert_int_equal(m.nrefused, 1);
	assert_string_equal(m.refused[0].name, "tool.exe");
	assert_string_equal(m.refused[0].why, "type");
	char *path = strdup(m.files->path);
	mail_in_free(&m);
	assert_int_not_equal(access(path, F_OK), 0); /* removed with the message */
	free(path);
}

static void test_attachment_limits(void **state)
{
	(void)state;
	size_t len;
	char err[200];
	mail_in m;
	char *data = slurp("attachment-2231.eml", &len);
	mail_in_limits small = {tmpdir, 10, 5}, none = {tmpdir, 10 << 20, 0};
	assert_int_equal(mail_in_parse(data, len, &small, &m, err, sizeof err), MDG_OK);
	assert_int_equal(m.nfiles, 0);
	assert_string_equal(m.refused[0].why, "size");
	mail_in_free(&m);
	assert_int_equal(mail_in_parse(data, len, &none, &m, err, sizeof err), MDG_OK);
	assert_int_equal(m.nfiles, 0);
	assert_string_equal(m.refused[0].why, "count");
	mail_in_free(&m);
	free(data);
}

static void test_bounce_and_autoreply(void **state)
{
	(void)state;
	mail_in m;
	parse("bounce.eml", &m);
	assert_true(m.bounce);
	assert_string_equal(m.bounced_addr, "gone@example.net");
	mail_in_free(&m);
	parse("autoreply.eml", &m);
	assert_false(m.bounce);
	assert_string_equal(m.auto_submitted, "auto-replied");
	mail_in_free(&m);
}

static void test_not_a_message(void **state)
{
	(void)state;
	mail_in m;
	char err[200];
	mail_in_limits lim = {tmpdir, 10 << 20, 5};
	assert_int_equal(mail_in_parse("hello\n", 6, &lim, &m, err, sizeof err), MDG_EINVAL);
	assert_non_null(strstr(err, "From"));
	assert_int_equal(mail_in_parse("", 0, &lim, &m, err, sizeof err), MDG_EINVAL);
}

static void test_references(void **state)
{
	(void)state;
	static const char msg[] = "From: a@example.net\r\nTo: minwon@madang.example\r\n"
				  "Subject: Re: [마당] 접수 (2026-000123)\r\n"
				  "In-Reply-To: <n5.email.abc@madang.example>\r\n"
				  "References: <x@y> <n5.email.abc@madang.example>\r\n\r\nthanks\r\n";
	mail_in m;
	char err[200], tracking[12];
	mail_in_limits lim = {tmpdir, 10 << 20, 5};
	assert_int_equal(mail_in_parse(msg, sizeof msg - 1, &lim, &m, err, sizeof err), MDG_OK);
	assert_true(m.nrefs >= 2);
	assert_string_equal(m.refs[0], "n5.email.abc@madang.example");
	assert_true(mail_in_subject_tracking(m.subject, tracking));
	assert_string_equal(tracking, "2026-000123");
	mail_in_free(&m);
	assert_true(mail_in_subject_tracking("Re: [2026-000001] x", tracking));
	assert_string_equal(tracking, "2026-000001");
	assert_false(mail_in_subject_tracking("Re: 2026-000001 [2026-00001] (26-000001)", tracking));
}

static void test_charsets(void **state)
{
	(void)state;
	/* 똠 is 8C 63 in CP949 and has no EUC-KR code. */
	char *s = mail_in_to_utf8("\x8c\x63", 2, "euc-kr");
	assert_string_equal(s, "똠");
	free(s);
	s = mail_in_to_utf8("caf\xe9", 4, "no-such-charset");
	assert_non_null(s); /* never fails: falls back */
	free(s);
	s = mail_in_to_utf8("a\r\nb\x01", 5, "UTF-8");
	assert_string_equal(s, "a\nb");
	free(s);
}

/* Notices lead replies into the intake. */
static void test_notice_reply_to(void **state)
{
	(void)state;
	buf out = {0};
	mail_message m = {.from_addr = "noreply@madang.example", .to_addr = "a@example.net", .subject = "s",
			  .text = "t", .reply_to = "minwon@madang.example"};
	assert_int_equal(mail_build(&m, &out), MDG_OK);
	assert_non_null(strstr(buf_str(&out), "\r\nReply-To: minwon@madang.example\r\n"));
	buf_free(&out);
	m.reply_to = "not an address";
	assert_int_equal(mail_build(&m, &out), MDG_EINVAL);
	buf_free(&out);
}

/* The answer notice of an e-mail case carries the answer's text (its
 * guest filer cannot sign in to read it). */
static void test_answer_in_the_mail(void **state)
{
	(void)state;
	char dir[4096], err[200];
	const char *src = getenv("MADANG_SOURCE_DIR");
	static const unsigned char key[32] = {1};
	message_site site = {"https://minwon.example.go.kr/", key, sizeof key};
	message m;
	snprintf(dir, sizeof dir, "%s/cs-templates", src ? src : ".");
	assert_int_equal(render_init(dir), MDG_OK);
	assert_int_equal(message_render(&site, "answered", "ko", "홍길동",
					"{\"tracking\":\"2026-000123\",\"title\":\"벤치\",\"answer\":\"벤치를 고쳤습니다.\"}",
					false, &m, err, sizeof err), MDG_OK);
	assert_non_null(strstr(m.text, "벤치를 고쳤습니다."));
	assert_non_null(strstr(m.html, "벤치를 고쳤습니다."));
	assert_null(strstr(m.text, "전달되지 않습니다"));
	message_free(&m);
	message_shutdown();
	render_shutdown();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_euckr_base64_as_cp949),
		cmocka_unit_test(test_euckr_quoted_printable),
		cmocka_unit_test(test_iso2022kr),
		cmocka_unit_test(test_html_only),
		cmocka_unit_test(test_attachments),
		cmocka_unit_test(test_attachment_limits),
		cmocka_unit_test(test_bounce_and_autoreply),
		cmocka_unit_test(test_not_a_message),
		cmocka_unit_test(test_references),
		cmocka_unit_test(test_charsets),
		cmocka_unit_test(test_notice_reply_to),
		cmocka_unit_test(test_answer_in_the_mail),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
