/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* geo.h: a case's location as the map and the pages show it: the rounded
 * position the public sees, and the origin of the tile server that the
 * Content-Security-Policy must allow. */
#ifndef MDG_GEO_H
#define MDG_GEO_H
#include <stddef.h>

/* The most decimals a public location may keep: six is the precision of
 * the stored DECIMAL(9,6) (about 10 cm). */
#define GEO_DECIMALS_MAX 6
/* Room for a rounded degree: "-180." and six decimals and the NUL. */
#define GEO_DEGREE_TEXT 16
/* Room for a tile server's origin in the CSP. */
#define GEO_ORIGIN_MAX 256

/* A stored degree ("37.566535") rounded to decimals places (0 to
 * GEO_DECIMALS_MAX) into out ("37.567"); never "-0". Text that is not a
 * number gives "". */
void geo_round(const char *degrees, int decimals, char *out, size_t n);

/* The origin of a tile URL template, for the CSP's img-src:
 * "https://tile.openstreetmap.org/{z}/{x}/{y}.png" gives
 * "https://tile.openstreetmap.org", and a subdomain placeholder
 * ("https://{s}.tile.example.org/…") a wildcard for its subdomains ("*." before
 * tile.example.org).
 * Only http and https, a host of letters, digits, dots and hyphens and an
 * optional port: anything else (quotes, spaces, ';' that would end the
 * directive) is MDG_EINVAL. MDG_OK or MDG_EINVAL. */
int geo_tile_origin(const char *url_template, char *out, size_t n);

/* How a case's address is shown to others than its filer and the staff
 * (map.public_address): its street part only, or not at all. */
typedef enum geo_address_mode {
	GEO_ADDRESS_STREET, /* "street" (the default): geo_mask_address */
	GEO_ADDRESS_OFF,    /* "off": no address in public */
} geo_address_mode;

/* The most words a masked address keeps ("경기도 성남시 분당구 불정로"). */
#define GEO_ADDRESS_WORDS 4

/* The public part of an address into out (n bytes; what does not fit
 * is cut at a character boundary): its first words up to the first
 * number (a road address's building number, a lot number, a floor),
 * at most GEO_ADDRESS_WORDS, and " …" when anything was left out:
 * "세종대로 110 3층" gives "세종대로 …", "서울 중구 세종대로110" gives
 * "서울 중구 세종대로 …", "Flat 3, 10 Downing St" gives "Flat …". A word
 * is cut at a digit, a comma or a parenthesis. An address that starts
 * with a number ("10 Downing St") or mode GEO_ADDRESS_OFF gives "". */
void geo_mask_address(const char *address, geo_address_mode mode, char *out, size_t n);

#endif
