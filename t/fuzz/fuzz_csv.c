/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* fuzz_csv.c: libFuzzer target for http_csv_field, the cell writer of the
 * audit log's CSV export. A row written from the input's cells parses
 * back (with an RFC 4180 reader written here) to one record of the same
 * cells, a cell a spreadsheet would run as a formula coming back with a
 * ' before it; and no cell read back starts with = + - @, TAB or CR. */
#include <stdbool.h>

#include "core/buf.h"
#include "fuzz.h"
#include "http/encode.h"

#define MAX_CELLS 64

/* Reads one record of s[*pos..len) (fields quoted or not, "" for a quote,
 * ending in CR LF) into cells; false when it is not well-formed CSV. */
static bool read_record(const char *s, size_t len, size_t *pos, buf cells[MAX_CELLS], size_t *ncells)
{
	size_t i = *pos;
	*ncells = 0;
	for (;;) {
		if (*ncells == MAX_CELLS)
			return false;
		buf *c = &cells[(*ncells)++];
		buf_reset(c);
		buf_puts(c, "");
		if (i < len && s[i] == '"') {
			i++;
			for (;;) {
				if (i >= len)
					return false; /* unclosed quote */
				if (s[i] == '"') {
					if (i + 1 < len && s[i + 1] == '"') {
						buf_putc(c, '"');
						i += 2;
						continue;
					}
					i++;
					break;
				}
				buf_putc(c, s[i++]);
			}
		} else {
			while (i < len && s[i] != ',' && s[i] != '\r' && s[i] != '\n' && s[i] != '"')
				buf_putc(c, s[i++]);
		}
		if (i < len && s[i] == ',') {
			i++;
			continue;
		}
		if (len - i >= 2 && s[i] == '\r' && s[i + 1] == '\n') {
			*pos = i + 2;
			return true;
		}
		return false;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *cell[MAX_CELLS];
	size_t ncell = 0, nread = 0, pos = 0;
	buf row = {0}, got[MAX_CELLS] = {{0}};
	char *s = fuzz_cstr(data, size);

	/* The cells: the input split at NUL bytes. */
	for (const char *p = s; ncell < MAX_CELLS; p += strlen(p) + 1) {
		cell[ncell++] = p;
		if (p + strlen(p) >= s + size)
			break;
	}
	for (size_t i = 0; i < ncell; i++)
		http_csv_field(&row, cell[i], i == 0);
	buf_puts(&row, "\r\n");

	FUZZ_CHECK(read_record(buf_str(&row), row.len, &pos, got, &nread));
	FUZZ_CHECK(pos == row.len); /* one record, nothing after it */
	FUZZ_CHECK(nread == ncell);
	for (size_t i = 0; i < ncell; i++) {
		const char *back = buf_str(&got[i]);
		bool formula = cell[i][0] != '\0' && strchr("=+-@\t\r", cell[i][0]);
		if (formula) {
			FUZZ_CHECK(back[0] == '\'' && strcmp(back + 1, cell[i]) == 0);
		} else {
			FUZZ_CHECK(strcmp(back, cell[i]) == 0);
		}
		FUZZ_CHECK(back[0] == '\0' || !strchr("=+-@\t\r", back[0]));
	}
	for (size_t i = 0; i < MAX_CELLS; i++)
		buf_free(&got[i]);
	buf_free(&row);
	free(s);
	return 0;
}
