/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* geo.c: rounding a location for the public and a tile server's origin. */
#include "geo/geo.h"
#include "core/mdg.h"
#include "core/utf8.h"

#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void geo_round(const char *degrees, int decimals, char *out, size_t n)
{
	char *end = NULL;
	if (n == 0)
		return;
	out[0] = '\0';
	if (!degrees || !*degrees)
		return;
	errno = 0;
	double v = strtod(degrees, &end);
	if (errno || *end || !(v >= -180.0 && v <= 180.0))
		return;
	if (decimals < 0)
		decimals = 0;
	if (decimals > GEO_DECIMALS_MAX)
		decimals = GEO_DECIMALS_MAX;
	snprintf(out, n, "%.*f", decimals, v);
	/* -0.0004 rounds to "-0.000": a sign on nothing says nothing. */
	if (out[0] == '-' && strspn(out + 1, "0.") == strlen(out + 1))
		memmove(out, out + 1, strlen(out));
}

int geo_tile_origin(const char *url_template, char *out, size_t n)
{
	const char *p = url_template, *host;
	size_t scheme_len;
	char origin[GEO_ORIGIN_MAX];
	int len;

	if (strncmp(p, "https://", 8) == 0)
		scheme_len = 8;
	else if (strncmp(p, "http://", 7) == 0)
		scheme_len = 7;
	else
		return MDG_EINVAL;
	host = p + scheme_len;
	/* Leaflet's subdomain placeholder: any subdomain of the rest. */
	bool wildcard = strncmp(host, "{s}.", 4) == 0;
	if (wildcard)
		host += 4;
	size_t host_len = strcspn(host, "/");
	if (host_len == 0 || host[0] == '.' || host[0] == '-' || host[0] == ':')
		return MDG_EINVAL;
	bool in_port = false;
	for (size_t i = 0; i < host_len; i++) {
		unsigned char c = (unsigned char)host[i];
		if (c == ':' && !in_port && i + 1 < host_len)
			in_port = true;
		else if (in_port ? !isdigit(c) : !(isalnum(c) || c == '.' || c == '-'))
			return MDG_EINVAL;
	}
	/* The rest of the template is the tiles' path, never in the CSP; it
	 * still must not break the configuration's sense (no spaces). */
	for (const char *q = host + host_len; *q; q++)
		if (isspace((unsigned char)*q) || *q == '"' || *q == '\'' || *q == ';')
			return MDG_EINVAL;
	len = snprintf(origin, sizeof origin, "%.*s%s%.*s", (int)scheme_len, p, wildcard ? "*." : "", (int)host_len,
		       host);
	if (len < 0 || (size_t)len >= sizeof origin || (size_t)len >= n)
		return MDG_EINVAL;
	memcpy(out, origin, (size_t)len + 1);
	return MDG_OK;
}

/* Where the public part of a word ends: a digit (a number, or "110" in
 * "세종대로110") or the punctuation that starts the rest (", 3층",
 * "(태평로1가)"). */
static size_t word_keep(const char *w, size_t len, bool *stop)
{
	size_t i = 0;
	while (i < len && !isdigit((unsigned char)w[i]) && w[i] != ',' && w[i] != '(')
		i++;
	*stop = i < len;
	return i;
}

void geo_mask_address(const char *address, geo_address_mode mode, char *out, size_t n)
{
	char kept[1024]; /* an address is at most 200 characters (CASE_ADDRESS_MAX) */
	size_t k = 0;
	int words = 0;
	bool stop = false, dropped = false;
	if (n == 0)
		return;
	out[0] = '\0';
	if (!address || mode == GEO_ADDRESS_OFF)
		return;
	for (const char *p = address; *p;) {
		while (*p && isspace((unsigned char)*p))
			p++;
		if (!*p)
			break;
		size_t len = strcspn(p, " \t\r\n");
		if (stop || words == GEO_ADDRESS_WORDS) {
			dropped = true;
			break;
		}
		size_t keep = word_keep(p, len, &stop);
		if (stop)
			dropped = true;
		if (keep && k + keep + 2 < sizeof kept) {
			if (k)
				kept[k++] = ' ';
			memcpy(kept + k, p, keep);
			k += keep;
			words++;
		}
		p += len;
	}
	kept[k] = '\0';
	if (k == 0)
		return;
	/* The number goes, and so does anything after it. */
	if (dropped && k + sizeof " …" <= sizeof kept)
		memcpy(kept + k, " …", sizeof " …");
	/* Whole characters only, as many as fit. */
	size_t i = 0;
	while (kept[i]) {
		size_t len = utf8_seq_len((unsigned char)kept[i]);
		for (size_t j = 1; j < len; j++)
			if (!kept[i + j]) /* a cut sequence: never past the end */
				len = j;
		if (i + len >= n)
			break;
		i += len;
	}
	memcpy(out, kept, i);
	out[i] = '\0';
}
