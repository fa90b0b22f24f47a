/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* phone.h: telephone numbers as a call centre meets them: the mobiles
 * text_normalise_mobile accepts, and Korean landlines (02 Seoul, the
 * 0XX area codes, 070 internet telephony, 050X personal numbers, the
 * 15XX/16XX/18XX nationwide numbers), in any of the ways people and
 * phone systems write them (separators, +82, 0082, 82). */
#ifndef MDG_PHONE_H
#define MDG_PHONE_H
#include <stddef.h>

/* Bytes a normalised number needs (12 digits and the NUL). */
#define PHONE_DIGITS 13
/* Bytes a number as phone_format shows it needs. */
#define PHONE_SHOWN 24

/* in normalised to domestic digits ("01012345678", "0212345678",
 * "15881234") into out (PHONE_DIGITS bytes or more). MDG_OK, or
 * MDG_EINVAL for anything that is not a Korean mobile or landline. */
int phone_normalise(const char *in, char *out, size_t outlen);

/* Normalised digits as people read them: 010-1234-5678, 02-123-4567,
 * 031-123-4567, 1588-1234; anything else copied as it is (cut to fit). */
void phone_format(const char *digits, char *out, size_t outlen);

#endif
