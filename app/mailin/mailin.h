/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* mailin.h: madang-mailin's state: the configuration, the database and
 * the intake's settings (lib/intake/mail_intake.h). */
#ifndef MDG_MAILIN_H
#define MDG_MAILIN_H
#include <ClearSilver.h>

#include "db/db.h"
#include "intake/mail_in.h"
#include "intake/mail_intake.h"

typedef struct mailin {
	HDF *cfg;
	db *db;
	mail_intake_conf conf;
	mail_route *routes;
	mail_in_limits limits;
	char *msgid_domain;
} mailin;

typedef struct mailin_stats {
	long seen, filed, threaded, ignored, failed, later;
} mailin_stats;

/* Reads intake.* (and mail.from, web.uploads, web.tmp, limits.*) from
 * mi->cfg. MDG_OK, or MDG_EINVAL (logged) for a missing or bad value. */
int mailin_configure(mailin *mi);

/* Parses and handles one message (connecting to the database when
 * needed). MDG_OK when handled (any outcome, logged); MDG_EINVAL or
 * MDG_ETOOBIG when it is refused for good, MDG_ETHROTTLED, MDG_EDB or
 * MDG_ERR when it should be tried again later; why says it. *kind (may
 * be NULL) gets the outcome when handled. */
int mailin_handle(mailin *mi, const char *raw, size_t len, mail_outcome_kind *kind, char *why, size_t whylen);

/* The envelope recipient --stdin was given (ORIGINAL_RECIPIENT from
 * Postfix's local delivery), or NULL: it decides the category first. */
extern const char *mailin_envelope_rcpt;

/* One pass over the IMAP mailbox intake.imap.url (imap.c). */
int mailin_imap_pass(mailin *mi, mailin_stats *st);

void mailin_free(mailin *mi);

#endif
