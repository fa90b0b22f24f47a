/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* sql.h: fragments of SQL that many queries share, written once.
 *
 * String literals, pasted into a query's text at compile time (the
 * statement cache keys on the literal), never built from input. */
#ifndef MDG_SQL_H
#define MDG_SQL_H

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

/* A person's name as the public sees it: masked but the first and last
 * letters (김*준, 이*), as Korean portals show participants; col the
 * name's column ("a.name"). */
#define SQL_MASKED_NAME(col)                                                                        \
	"IF(CHAR_LENGTH(" col ") <= 2, CONCAT(LEFT(" col ", 1), '*'),"                                \
	" CONCAT(LEFT(" col ", 1), REPEAT('*', CHAR_LENGTH(" col ") - 2), RIGHT(" col ", 1)))"

#endif
