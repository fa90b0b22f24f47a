/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* page_map.c: the map on the filing form and the case pages (Leaflet,
 * served by nginx from Debian's libjs-leaflet; static/assets/map.js). */
#include "web.h"
#include "core/config.h"
#include "core/log.h"
#include "core/mdg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reads a degree setting within ±limit into out (as geo_round writes it,
 * six decimals), or def when it is not one. */
static void read_degree(HDF *cfg, const char *name, const char *def, double limit, char out[GEO_DEGREE_TEXT])
{
	const char *s = config_str(cfg, name, def);
	char *end = NULL;
	double v = strtod(s, &end);
	if (end == s || *end || !(v >= -limit && v <= limit)) {
		log_error("%s: not a degree within ±%.0f: %s (using %s)", name, limit, s, def);
		s = def;
	}
	geo_round(s, GEO_DECIMALS_MAX, out, GEO_DEGREE_TEXT);
}

int web_map_settings(web_app *app)
{
	map_settings *m = &app->map;
	HDF *c = app->cfg;
	m->tiles = config_str(c, "map.tiles", "");
	m->attribution = config_str(c, "map.attribution", "");
	m->public_decimals = (int)config_long(c, "map.public_decimals", 3, 0, GEO_DECIMALS_MAX);
	/* "street": the road or district without the number; "off": none. */
	const char *address = config_str(c, "map.public_address", "street");
	if (strcmp(address, "street") != 0 && strcmp(address, "off") != 0) {
		log_error("map.public_address: \"street\" or \"off\", not %s", address);
		return MDG_EINVAL;
	}
	m->public_address = strcmp(address, "off") == 0 ? GEO_ADDRESS_OFF : GEO_ADDRESS_STREET;
	m->zoom = config_long(c, "map.zoom", 15, 1, 19);
	/* Seoul City Hall: the institution's own default belongs in the
	 * configuration. */
	read_degree(c, "map.center_lat", "37.566535", 90, m->center_lat);
	read_degree(c, "map.center_lng", "126.977969", 180, m->center_lng);
	m->tile_origin[0] = '\0';
	if (*m->tiles && geo_tile_origin(m->tiles, m->tile_origin, sizeof m->tile_origin) != MDG_OK) {
		log_error("map.tiles: not an http(s) tile URL with a plain host: %s", m->tiles);
		return MDG_EINVAL;
	}
	return MDG_OK;
}

void web_map_fill(web *w, const char *lat, const char *lng, bool pick)
{
	const map_settings *m = &w->app->map;
	bool at = lat && *lat && lng && *lng;
	hdf_set_value(w->hdf, "Map.On", "1");
	hdf_set_value(w->hdf, "Map.tiles", m->tiles);
	hdf_set_value(w->hdf, "Map.attribution", *m->tiles ? m->attribution : "");
	hdf_set_value(w->hdf, "Map.lat", at ? lat : m->center_lat);
	hdf_set_value(w->hdf, "Map.lng", at ? lng : m->center_lng);
	hdf_set_value(w->hdf, "Map.marker", at ? "1" : "0");
	web_set(w, "Map.zoom", "%ld", m->zoom);
	if (pick)
		hdf_set_value(w->hdf, "Map.pick", "1");
}
