/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* sql.h: fragments of SQL that many queries share, written once.
 *
 * String literals, pasted into a query's text at compile time (the
 * statement cache keys on the literal), never built from input. */
#ifndef MDG_SQL_H
#define MDG_SQL_H
#include "core/text.h" /* PERSON_CLOSED */

/* The name of a department or category in the reader's language: t is the
 * table's alias in the query ("" for none); binds one parameter, the
 * language ("ko" or "en"): DB_STR(lang). */
#define SQL_NAME_IN(t) "IF(? = 'en', " t "name_en, " t "name_ko)"
#define SQL_NAME SQL_NAME_IN("")

/* A time as pages show it: "2026-12-07 09:30" (minutes), with seconds
 * "2026-12-07 09:30:15", or its date "2026-12-07". */
#define SQL_MINUTE(col) "DATE_FORMAT(" col ", '%Y-%m-%d %H:%i')"
#define SQL_SECOND(col) "DATE_FORMAT(" col ", '%Y-%m-%d %H:%i:%s')"
#define SQL_DAY(col) "DATE_FORMAT(" col ", '%Y-%m-%d')"

/* A person's name as pages show it: expr (their name, or its masked
 * form) while the account is open; for an account its owner closed
 * (accounts.closed_at, 0047_data_rights.sql) the mark PERSON_CLOSED
 * (core/text.h; text_mask_name leaves it as it is),
 * which every template shows through the macro person() of
 * cs-templates/macros.cs as L.FormerMember ("탈퇴한 회원"), in the
 * reader's language. t is the alias of the accounts row with its dot. */
#define SQL_PERSON_AS(t, expr) "IF(" t "closed_at IS NULL, " expr ", '" PERSON_CLOSED "')"
#define SQL_PERSON(t) SQL_PERSON_AS(t, t "name")
/* A person's name as the public sees it: masked but the first and last
 * letters (김*준, 이*), as Korean portals show participants; col the
 * name's column ("a.name"). */
#define SQL_MASKED_NAME(col)                                                                        \
	"IF(CHAR_LENGTH(" col ") <= 2, CONCAT(LEFT(" col ", 1), '*'),"                                \
	" CONCAT(LEFT(" col ", 1), REPEAT('*', CHAR_LENGTH(" col ") - 2), RIGHT(" col ", 1)))"

#endif
