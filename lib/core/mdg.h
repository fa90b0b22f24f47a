/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* mdg.h: the one set of return codes used across libmadang. */
#ifndef MDG_H
#define MDG_H

/* Every lib/ function that can fail returns one of these. Library errors
 * (MariaDB, ClearSilver, libsodium, errno) are converted at the boundary,
 * their message kept for the log. */
enum mdg_rc {
	MDG_OK = 0,
	MDG_ERR = -1,       /* internal failure: logged, answered with 500 */
	MDG_EINVAL = -2,    /* malformed input from outside: 400 */
	MDG_EUTF8 = -3,     /* text that is not valid UTF-8: 400 */
	MDG_ETOOBIG = -4,   /* a configured limit exceeded: 413 */
	MDG_ENOTFOUND = -5, /* no such object, or not visible to the caller: 404 */
	MDG_EDENIED = -6,   /* permission refused: 403 */
	MDG_ECONFLICT = -7, /* unique key taken, or the object changed meanwhile */
	MDG_EDB = -8,       /* database unreachable: 503 */
	MDG_ETHROTTLED = -9, /* too many attempts: 429 */
	MDG_ETEMPFAIL = -10, /* delivery failed for now (4xx, refused, timeout): retry later */
	MDG_EPERMFAIL = -11, /* delivery refused for good (5xx, invalid address): dead letter */
	MDG_ENOSPACE = -12   /* no room to store a file (disk or quota full): the form says so */
};

const char *mdg_rc_name(int rc);

#define MDG_UNUSED(x) ((void)(x))
#define MDG_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#endif
