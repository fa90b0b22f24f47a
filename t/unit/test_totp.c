/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* test_totp.c: the TOTP check (RFC 6238's test vectors, the window of
 * one step either side, replay), the base32 key, the otpauth URI and the
 * QR code's SVG (lib/auth/totp.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <qrencode.h>

#include "auth/totp.h"
#include "core/mdg.h"

/* RFC 6238, appendix B: the SHA-1 key. */
static const uint8_t rfc_key[TOTP_SECRET_BYTES] = "12345678901234567890";

static void test_rfc_vectors(void **state)
{
	(void)state;
	long long step = 0;
	/* The appendix's 8-digit codes, cut to their last 6 digits. */
	assert_int_equal(totp_check(rfc_key, sizeof rfc_key, 59, "287082", 0, &step), MDG_OK);
	assert_int_equal(step, 1);
	assert_int_equal(totp_check(rfc_key, sizeof rfc_key, 1111111109, "081804", 0, &step), MDG_OK);
	assert_int_equal(step, 1111111109 / 30);
	assert_int_equal(totp_check(rfc_key, sizeof rfc_key, 1234567890, "005924", 0, &step), MDG_OK);
	assert_int_equal(step, 1234567890 / 30);
	assert_int_equal(totp_check(rfc_key, sizeof rfc_key, 2000000000, "279037", 0, &step), MDG_OK);
}

static void test_window(void **state)
{
	(void)state;
	long long step = 0;
	/* "081804" is the code of step 37037036 (1111111080 ... 1111111109). */
	const time_t start = 37037036LL * 30;
	assert_int_equal(totp_check(rfc_key, sizeof rfc_key, start - 30, "081804", 0, &step), MDG_OK);
	assert_int_equal(step, 37037036);
	assert_int_equal(totp_check(rfc_key, sizeof rfc_key, start + 59, "081804", 0, &step), MDG_OK);
	/* Two steps away: too early, too late. */
	assert_int_equal(totp_check(rfc_key, sizeof rfc_key, start - 31, "081804", 0, &step), MDG_EINVAL);
	assert_int_equal(totp_check(rfc_key, sizeof rfc_key, start + 60, "081804", 0, &step), MDG_EINVAL);
	/* The same step again (or an older one): a replay. */
	assert_int_equal(totp_check(rfc_key, sizeof rfc_key, start, "081804", 37037036, &step), MDG_EINVAL);
	assert_int_equal(totp_check(rfc_key, sizeof rfc_key, start, "081804", 37037035, &step), MDG_OK);
	/* Malformed codes. */
	assert_int_equal(totp_check(rfc_key, sizeof rfc_key, start, "81804", 0, &step), MDG_EINVAL);
	assert_int_equal(totp_check(rfc_key, sizeof rfc_key, start, "0818045", 0, &step), MDG_EINVAL);
	assert_int_equal(totp_check(rfc_key, sizeof rfc_key, start, "08180a", 0, &step), MDG_EINVAL);
	assert_int_equal(totp_check(rfc_key, sizeof rfc_key, start, "", 0, &step), MDG_EINVAL);
	assert_int_equal(totp_check(rfc_key, sizeof rfc_key, start, NULL, 0, &step), MDG_EINVAL);
}

static void test_base32_uri(void **state)
{
	(void)state;
	char b32[TOTP_SECRET_B32];
	assert_int_equal(totp_secret_base32(rfc_key, b32), MDG_OK);
	assert_string_equal(b32, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
	char *uri = totp_uri("Madang", "road.lee<&>", b32);
	assert_string_equal(uri, "otpauth://totp/Madang:road.lee?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
				 "&issuer=Madang&algorithm=SHA1&digits=6&period=30");
	free(uri);
}

static void test_qr_svg(void **state)
{
	(void)state;
	const char *text = "otpauth://totp/Madang:admin?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Madang";
	buf b = {0};
	assert_int_equal(totp_qr_svg(text, "QR \"code\" <a&b>", &b), MDG_OK);
	/* The same symbol libqrencode makes, with a 4-module quiet zone. */
	QRcode *qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	assert_non_null(qr);
	char want[64];
	snprintf(want, sizeof want, "viewBox=\"0 0 %d %d\"", qr->width + 8, qr->width + 8);
	assert_non_null(strstr(b.data, want));
	int dark = 0;
	for (int i = 0; i < qr->width * qr->width; i++)
		dark += qr->data[i] & 1;
	int drawn = 0;
	for (const char *p = b.data; (p = strstr(p, "h1v1h-1z")); p++)
		drawn++;
	assert_int_equal(drawn, dark);
	/* The top-left finder pattern's corner module, after the quiet zone. */
	assert_non_null(strstr(b.data, "d=\"M4 4h1v1h-1z"));
	QRcode_free(qr);
	assert_true(strncmp(b.data, "<svg xmlns=\"http://www.w3.org/2000/svg\"", 39) == 0);
	assert_non_null(strstr(b.data, "role=\"img\" aria-label=\"QR &quot;code&quot; &lt;a&amp;b&gt;\""));
	assert_null(strstr(b.data, "<a&"));
	assert_string_equal(b.data + b.len - 6, "</svg>");
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc_vectors),
		cmocka_unit_test(test_window),
		cmocka_unit_test(test_base32_uri),
		cmocka_unit_test(test_qr_svg),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
