/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* mail_in.h: one incoming e-mail (RFC 5322/MIME, parsed with GMime 3) as
 * the intake needs it: who sent it to which address, what it answers, its
 * text in UTF-8 and its attachments in temporary files. */
#ifndef MDG_MAIL_IN_H
#define MDG_MAIL_IN_H
#include <stdbool.h>
#include <stddef.h>

#include "http/parse.h"

/* Bounds of what is read from a message at all (larger: refused). */
#define MAIL_IN_MAX_BYTES (64L << 20)
#define MAIL_IN_MAX_REFS 50
#define MAIL_IN_MAX_RCPTS 50

/* An attachment that was not kept, and why ("type", "size", "count"). */
typedef struct mail_in_refused {
	char *name;
	const char *why;
} mail_in_refused;

typedef struct mail_in {
	char *from_addr;       /* lower-cased; "" when the From has no address */
	char *from_name;       /* decoded, may be "" */
	char *subject;         /* decoded UTF-8, control characters made spaces */
	char *message_id;      /* without <>, or "" */
	char **refs;           /* In-Reply-To then References ids, without <> */
	int nrefs;
	char **rcpts;          /* Delivered-To, X-Original-To, To, Cc (lower-cased) */
	int nrcpts;
	char *auto_submitted;  /* the header's value, or "" */
	char *precedence;      /* the header's value, or "" */
	bool bounce;           /* a delivery status notification (RFC 3464) */
	char *bounced_addr;    /* its Final-Recipient, lower-cased, or "" */
	char *body;            /* text/plain, else text from text/html: UTF-8 */
	upload *files;         /* attachments kept: type checked, under the limits */
	int nfiles;
	mail_in_refused *refused;
	int nrefused;
} mail_in;

/* The limits and the place for attachments: the web form's (limits.*). */
typedef struct mail_in_limits {
	const char *tmpdir;    /* where attachments are written (mkstemp) */
	size_t max_file_size;  /* bytes of one attachment */
	int max_files;         /* attachments kept per message */
} mail_in_limits;

/* Initialises GMime once per process (mail_in_parse does it when needed). */
void mail_in_init(void);

/* Parses data[0..len) into *out (zeroed first). Text parts are converted
 * to UTF-8 from their charset; the EUC-KR family (EUC-KR, ks_c_5601-1987,
 * KSC5601, UHC, windows-949) is read as CP949, ISO-2022-KR as itself, an
 * unknown or broken one as CP949 then Latin-1 after UTF-8 fails. Each
 * attachment kept has passed case_sniff_type and the limits; the others
 * are listed in refused. MDG_OK; MDG_EINVAL (not a message, err says why);
 * MDG_ETOOBIG (over MAIL_IN_MAX_BYTES); MDG_ERR (a temporary file). */
int mail_in_parse(const char *data, size_t len, const mail_in_limits *lim, mail_in *out,
		  char *err, size_t errlen);

/* Puts the envelope recipient the MTA names (Postfix's
 * ORIGINAL_RECIPIENT) first among m's recipients, ahead of the headers'.
 * Ignored unless it is a valid address. */
void mail_in_envelope_rcpt(mail_in *m, const char *addr);

/* Frees what mail_in_parse made and removes attachment files not taken
 * (a file whose path was set to NULL by its taker stays). */
void mail_in_free(mail_in *m);

/* Converts len bytes of text in charset (a MIME charset name, or NULL:
 * UTF-8) to UTF-8 as mail_in_parse does: a new string the caller frees. */
char *mail_in_to_utf8(const char *text, size_t len, const char *charset);

/* Plain text from HTML: tags dropped (script and style with their
 * content), block ends and <br> made line breaks, the common entities and
 * numeric references decoded, runs of blank lines cut to one. A new string. */
char *mail_in_html_text(const char *html);

/* The tracking number in a subject: the first "[YYYY-NNNNNN]" or
 * "(YYYY-NNNNNN)". true with it copied into tracking (TRACKING_LEN + 1). */
bool mail_in_subject_tracking(const char *subject, char *tracking);

#endif
