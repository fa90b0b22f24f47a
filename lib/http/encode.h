/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* encode.h: values the server writes into a response: a download's
 * Content-Disposition and the cells of a CSV file. */
#ifndef MDG_HTTP_ENCODE_H
#define MDG_HTTP_ENCODE_H
#include <stdbool.h>

#include "core/buf.h"

/* The Content-Disposition of a download named name (RFC 6266, 8187):
 * attachment; filename="ASCII"; filename*=UTF-8''PERCENT-ENCODED. The
 * quoted fallback keeps printable ASCII but '"', '\' and ';' (other bytes
 * below 0x80 become '_', bytes of other characters are dropped; "file"
 * when nothing is left); filename* carries every byte, A-Z a-z 0-9 - . _ ~
 * as they are and the rest as %XX. The value is printable ASCII. Returns
 * a new string the caller frees. */
char *http_content_disposition(const char *name);

/* Appends one CSV field (RFC 4180) to b, after a ',' unless first: quoted
 * when it holds a comma, a quote or a line break, quotes doubled. A field
 * that a spreadsheet would take for a formula (=, +, -, @, TAB or CR
 * first) is written with a ' before it (and quoted), so that a name typed
 * by someone cannot run in the reader's spreadsheet. NULL is an empty
 * field. */
void http_csv_field(buf *b, const char *s, bool first);

#endif
