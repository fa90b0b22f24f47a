/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* consent.h: the one history of a person's consents and withdrawals
 * (table consents): which text, which version, given or withdrawn, when,
 * and the agent who heard a consent given by telephone. */
#ifndef MDG_CONSENT_H
#define MDG_CONSENT_H
#include <stdbool.h>

#include "db/db.h"

/* The kinds of consent text (consents.kind; L.Consents.Kind.<kind>):
 * registration's form, the call centre's telephone consent, the
 * processing of the identity provider's data (real-name check). */
#define CONSENT_KIND_REGISTER "register"
#define CONSENT_KIND_PHONE "phone"
#define CONSENT_KIND_IDENTITY "identity"
/* Optional: SMS notices to the verified number (given when the person
 * turns them on, withdrawn when off; 0047_data_rights.sql), version of
 * its text (L.Notify on /account). */
#define CONSENT_KIND_SMS "sms"
#define CONSENT_SMS_VERSION "2026-12"

/* Records a consent (given) or its withdrawal (!given) of account_id to
 * version of the text of kind, now; agent_id the staff member who heard
 * it, or 0. Runs inside the caller's transaction, if any. */
int consent_record(db *d, long long account_id, const char *kind, const char *version, bool given,
		   long long agent_id);
/* The history of account_id, newest first: kind, version, given (1/0),
 * at (minute), agent (the agent's name or ""). */
int consent_history(db *d, long long account_id, db_result **out);

/* The optional consents (phone, sms) account_id has given and not
 * withdrawn, the kind's last record first being a consent: kind, version
 * (of the text consented to). */
int consent_withdrawable(db *d, long long account_id, db_result **out);
/* Whether kind is one consent_withdrawable may list. */
bool consent_optional(const char *kind);

#endif
