/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* fuzz_accept_language.c: libFuzzer target for the Accept-Language parser
 * behind render_pick_lang. Its choice agrees with a reference written here
 * (the header split at ',', each element's tag and q weighed); it is "ko"
 * or "en"; an element with q=0 added changes nothing; a language the
 * visitor chose (cookie, account) always wins. */
#include <stdbool.h>
#include <strings.h>

#include "core/buf.h"
#include "fuzz.h"
#include "render/render.h"

/* The reference: of the elements naming ko or en (the tag "ko", "en" or
 * one starting "ko-"/"en-", any case), the first with the highest q > 0,
 * q being the number after the first "q=" among the element's parameters
 * (1 without one); "ko" when there is none. */
static const char *ref_pick(const char *header)
{
	const char *best = NULL;
	double best_q = -1;
	const char *p = header;
	while (p && *p) {
		size_t elen = strcspn(p, ",");
		char *e = strndup(p, elen);
		if (!e)
			abort();
		const char *tag = e;
		while (*tag == ' ')
			tag++;
		size_t tlen = strcspn(tag, ";");
		double q = 1.0;
		if (tag[tlen] == ';') {
			const char *qs = strstr(tag + tlen, "q=");
			if (qs)
				q = strtod(qs + 2, NULL);
		}
		const char *lang = NULL;
		if (tlen == 2 || (tlen > 2 && tag[2] == '-')) {
			if (strncasecmp(tag, "ko", 2) == 0)
				lang = "ko";
			else if (strncasecmp(tag, "en", 2) == 0)
				lang = "en";
		}
		if (lang && q > 0 && q > best_q) {
			best = lang;
			best_q = q;
		}
		free(e);
		p += elen;
		if (*p == ',')
			p++;
	}
	return best ? best : "ko";
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *h = fuzz_cstr(data, size);
	const char *got = render_pick_lang(NULL, h);

	FUZZ_CHECK(strcmp(got, "ko") == 0 || strcmp(got, "en") == 0);
	FUZZ_CHECK(strcmp(got, ref_pick(h)) == 0);
	FUZZ_CHECK(strcmp(render_pick_lang("en", h), "en") == 0);
	FUZZ_CHECK(strcmp(render_pick_lang("ko", h), "ko") == 0);
	/* A refused language (q=0) added at the end changes nothing; the
	 * ',' first closes whatever element the input left open. */
	buf more = {0};
	buf_printf(&more, "%s,en;q=0,ko;q=0", h);
	FUZZ_CHECK(strcmp(render_pick_lang(NULL, buf_str(&more)), got) == 0);
	buf_free(&more);
	free(h);
	return 0;
}
