/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* export_rows.h: the raw-row export of the managers' report: one line per
 * case the report's filters select (those filed in the period), read in
 * batches in id order so that a million rows never sit in memory at
 * once. */
#ifndef MDG_EXPORT_ROWS_H
#define MDG_EXPORT_ROWS_H
#include <stdbool.h>

#include "db/db.h"
#include "reports/analysis.h"

#define EXPORT_ROWS_BATCH 5000 /* rows read per query */

/* One case as the export writes it; the texts belong to the batch and
 * live until the callback returns. */
typedef struct export_row {
	const char *tracking;   /* 2026-000123 */
	const char *filed;      /* "YYYY-MM-DD HH:MM" */
	const char *department; /* in the filter's language; "" when unplaced */
	const char *handlers;   /* names separated by ", "; "" for none */
	const char *category;
	const char *channel;    /* web, email, sms, phone, open311 */
	const char *status;
	const char *kind;       /* complaint, proposal */
	const char *due;        /* "YYYY-MM-DD HH:MM", "" without a deadline */
	const char *answered;   /* "YYYY-MM-DD HH:MM", "" when not answered */
	bool late;              /* answered after the deadline */
	int workdays;           /* working days from filing to answer; -1 when not answered */
} export_row;

/* Calls put for each case filed in f's period that f selects (its
 * departments, handler, category, channel, status, kind; the group is
 * ignored), in id order; put returns MDG_OK to go on, anything else
 * stops the export with that code. Working days count weekends and the
 * holidays table as days off, as analysis_run does. MDG_OK or the first
 * error; *count the rows given to put. */
int export_rows_each(db *d, const analysis_filter *f, int (*put)(void *ctx, const export_row *row), void *ctx,
		     long long *count);

#endif
