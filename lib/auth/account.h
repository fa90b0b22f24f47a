/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* account.h: citizen and staff accounts. */
#ifndef MDG_ACCOUNT_H
#define MDG_ACCOUNT_H
#include <stdbool.h>

#include "db/db.h"

#define CONSENT_VERSION "2026-01"

typedef struct account {
	long long id;
	char login_id[33];
	char name[101 * 4];
	char email[255];
	char mobile[21];
	char kind[8];          /* "citizen", "staff" or "guest" */
	char lang[3];          /* "" when never chosen */
	bool active;
	bool must_change_password; /* an administrator set it: change it first */
} account;

/* Who sets a password. One an administrator set must be changed by its
 * owner at the next sign-in (the web app sends every page to the form
 * until then); the owner's own choice clears that; a rehash of the same
 * password leaves it as it is. */
enum password_setter { PASSWORD_BY_OWNER, PASSWORD_BY_ADMIN, PASSWORD_REHASH };

typedef struct account_new {
	const char *login_id;  /* validated by the caller */
	const char *password;  /* plain; hashed here */
	const char *name;
	const char *email;
	const char *mobile;    /* normalised, or NULL */
	const char *kind;      /* "citizen" or "staff" */
	const char *lang;      /* "ko", "en" or NULL */
	bool consent;          /* the citizen agreed to CONSENT_VERSION now */
	/* PASSWORD_BY_ADMIN: a supervisor typed it, so its owner changes it at
	 * the first sign-in; PASSWORD_BY_OWNER: the owner chose it. */
	enum password_setter password_by;
} account_new;

/* Creates an account. MDG_OK with *id set; MDG_ECONFLICT when the login
 * ID (*which = "login_id") or the e-mail (*which = "email") is taken. */
int account_create(db *d, const account_new *a, long long *id, const char **which);
/* Loads an active or inactive account by id. MDG_ENOTFOUND when absent. */
int account_get(db *d, long long id, account *out);
/* The columns of accounts a that account_fill reads, for a query that
 * reads an account with something else (session_lookup)... */
#define ACCOUNT_COLS                                                                                         \
	"a.id AS id, a.login_id AS login_id, a.name AS name, a.email AS email, a.mobile AS mobile,"           \
	" a.kind AS kind, a.lang AS lang, a.active AS active, a.must_change_password AS must_change"
/* ...and the account in row 0 of such a result into out. */
void account_fill(const db_result *r, account *out);
/* The id and password hash of an active account by login ID, for sign-in.
 * MDG_ENOTFOUND when there is no such active account. hash needs 256 bytes. */
int account_find_login(db *d, const char *login_id, long long *id, char *hash, size_t hashlen);
int account_set_password(db *d, long long id, const char *password, enum password_setter by);
/* Changes e-mail and mobile; MDG_ECONFLICT when the e-mail is taken. */
int account_set_contact(db *d, long long id, const char *email, const char *mobile);
/* Whether mail to the account's address bounced (a delivery report; the
 * mark goes when the address changes). False on a database error. */
bool account_email_failing(db *d, long long id);
int account_set_lang(db *d, long long id, const char *lang);

/* Guests (db/migrations/0021_guest_contacts.sql): a person who files by
 * e-mail, SMS, telephone or Open311 without an account is an account of
 * the kind "guest", one per address, that notices reach and that cannot
 * sign in. */
typedef struct account_contact {
	const char *email;   /* valid (text_email_valid) or NULL/"" */
	const char *mobile;  /* normalised (text_normalise_mobile) or NULL/"" */
	const char *name;    /* or NULL */
	const char *lang;    /* "ko", "en" or NULL */
} account_contact;

/* The active citizen or staff account whose VERIFIED e-mail address or
 * mobile number this is (an unverified one never matches: anyone can type
 * another person's address). MDG_ENOTFOUND when none. */
int account_by_verified_contact(db *d, const char *email, const char *mobile, long long *id);
/* The guest of this address (the e-mail's when both are given and
 * belong to different guests), created when new. MDG_EINVAL without an
 * address. */
int account_guest(db *d, const account_contact *c, long long *id);
/* Whose case a filing from this contact is: the verified account, else
 * the guest (account_by_verified_contact, then account_guest). */
int account_for_contact(db *d, const account_contact *c, long long *id);

/* How a person wants to be told (db/migrations/0007_notify.sql): by
 * e-mail, by SMS, and (staff) in one daily digest instead of a mail per
 * case. The web inbox always gets every notice. */
typedef struct account_notify {
	bool email, sms, digest;
} account_notify;
/* MDG_ENOTFOUND when there is no such account. */
int account_get_notify(db *d, long long id, account_notify *out);
int account_set_notify(db *d, long long id, const account_notify *n);

#endif
