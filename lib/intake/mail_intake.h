/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* mail_intake.h: what an incoming e-mail does: a new case, a reply added
 * to its case, a bounce recorded, or nothing (a loop, a duplicate). */
#ifndef MDG_MAIL_INTAKE_H
#define MDG_MAIL_INTAKE_H
#include <stdbool.h>
#include <stddef.h>

#include "core/text.h"
#include "db/db.h"
#include "intake/mail_in.h"

/* An intake address and the category of the mail sent to it. */
typedef struct mail_route {
	const char *address;   /* lower case, e.g. minwon+road@example.go.kr */
	long long category_id;
} mail_route;

typedef struct mail_intake_conf {
	const char *address;       /* the intake's own address (notices' Reply-To) */
	const char *notice_from;   /* mail.from: our notices' sender, or NULL */
	const char *msgid_domain;  /* our notices' Message-IDs end in @this, or NULL */
	long long default_category; /* mail to no routed address */
	const mail_route *routes;
	int nroutes;
	int rate_per_hour;         /* filings and replies per sender and hour */
	const char *uploads_dir;
} mail_intake_conf;

typedef enum mail_outcome_kind {
	MAIL_FILED,      /* a new case: tracking */
	MAIL_THREADED,   /* added to the case tracking */
	MAIL_BOUNCE,     /* a delivery report: the address marked failing */
	MAIL_IGNORED,    /* never filed: reason says why (auto-reply, loop) */
	MAIL_DUPLICATE,  /* handled before (same Message-ID) */
} mail_outcome_kind;

typedef struct mail_outcome {
	mail_outcome_kind kind;
	char tracking[TRACKING_LEN + 1];
	char reason[200];
} mail_outcome;

/* The name of an outcome for logs and the IMAP folder note. */
const char *mail_outcome_name(mail_outcome_kind kind);

/* Handles one parsed message (raw is its bytes: the key of a message
 * without a Message-ID is their hash). Files cases only through
 * case_file. MDG_OK with *out set; MDG_EINVAL when the message cannot be
 * filed (no sender address, no text, text too long: out->reason says
 * why, for the sender's bounce or the failed folder); MDG_ETHROTTLED when
 * the sender is over the rate limit (try again later); MDG_EDB/MDG_ERR. */
int mail_intake(db *d, const mail_intake_conf *c, const char *raw, size_t len, mail_in *m, mail_outcome *out);

#endif
