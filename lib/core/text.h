/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* text.h: small validators and formatters for values people type. */
#ifndef MDG_TEXT_H
#define MDG_TEXT_H
#include <stdbool.h>
#include <stddef.h>

/* Parses all of s as a decimal integer in [min, max] (no sign games, no
 * trailing junk, no leading spaces). MDG_OK or MDG_EINVAL. */
int text_parse_long(const char *s, long min, long max, long *out);

/* The name of an account its owner closed, as queries give it (SQL_PERSON
 * in db/sql.h) and pages show it ("탈퇴한 회원": person() in macros.cs,
 * which compares with Person.Closed, set on every page). It starts with a
 * control character (SOH) that no stored name can hold: every way a name
 * comes in refuses it (forms and the Open311 and identity checks through
 * utf8_valid_text, mail intake's display names through
 * mail_header_flatten), so no live account can pass for a closed one. */
#define PERSON_CLOSED "\001closed"

/* The one masking rule for a person's name shown in public: keep the first
 * and the last character, star the rest (홍길동 → 홍*동, 남궁민수 → 남**수);
 * a two-character name keeps its first (김철 → 김*). Works on code points of
 * valid UTF-8. PERSON_CLOSED stays as it is. Returns a new string the
 * caller frees. */
char *text_mask_name(const char *name);

/* Korean phone numbers as people write them (010-1234-5678, 010 1234 5678,
 * +82 10-1234-5678, 821012345678, 0082 10 1234 5678) normalised to digits
 * only, domestic form: "01012345678". Only mobile numbers (010, 011,
 * 016-019) are accepted. out needs 12 bytes. MDG_OK or MDG_EINVAL. */
int text_normalise_mobile(const char *in, char *out, size_t outlen);
/* The digits of a telephone number as people write it (spaces, '-', '.'
 * and parentheses dropped, one leading '+' allowed) into out, which holds
 * outlen - 1 digits at most. MDG_OK, or MDG_EINVAL for any other character
 * or more digits. The first step of text_normalise_mobile and of the call
 * centre's phone_normalise (calls/phone.h). */
int text_phone_digits(const char *in, char *out, size_t outlen);

/* A stored mobile number (digits, as text_normalise_mobile leaves them)
 * as people read it: 11 digits as 010-1234-5678, 10 as 011-123-4567;
 * anything else is copied as it is (cut to fit). out holds
 * TEXT_MOBILE_SHOWN bytes. */
#define TEXT_MOBILE_SHOWN 32
void text_format_mobile(const char *digits, char *out, size_t outlen);

/* The one e-mail address check, for every form that takes an address and
 * for the mail transport that sends to it (an address accepted here is one
 * the transport accepts). A conservative addr-spec: local@domain, the local
 * part 1-64 bytes of RFC 5322 dot-atom text (atext runs joined by single
 * dots, no quoted strings), the domain two or more LDH labels of 1-63
 * bytes (letters, digits, hyphens; no hyphen at either end of a label, no
 * underscore), at most TEXT_EMAIL_MAX bytes in all. No CR, LF, NUL, space,
 * <, >, quotes, commas or non-ASCII bytes get through. NULL is false. */
#define TEXT_EMAIL_MAX 254
bool text_email_valid(const char *s);

/* An RFC 5322 atext byte: a letter, a digit or one of !#$%&'*+-/=?^_`{|}~. */
bool text_is_atext(unsigned char c);

/* RFC 5322 dot-atom text of len bytes: atext runs joined by single dots,
 * no dot at either end (a local part, or either side of a Message-ID). */
bool text_dot_atom_valid(const char *s, size_t len);

/* A login ID: 4 to 32 characters of a-z, 0-9, '.', '_' and '-', starting
 * with a letter (lower case only, so IDs cannot be confused by case). */
bool text_login_id_valid(const char *s);

/* Tracking numbers a person can read over the phone: "2026-000123".
 * tracking_format writes into out (12 bytes); tracking_parse accepts only
 * that exact shape. */
#define TRACKING_LEN 11
void tracking_format(int year, unsigned seq, char *out, size_t outlen);
int tracking_parse(const char *s, int *year, unsigned *seq);

/* Copies s with leading and trailing ASCII whitespace removed; caller frees. */
char *text_trim(const char *s);

#endif
