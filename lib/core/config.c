/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* config.c: reading the HDF configuration file. */
#include "core/config.h"
#include "core/crypto.h"
#include "core/log.h"
#include "core/mdg.h"
#include "core/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int config_load(const char *path, HDF **out)
{
	HDF *hdf = NULL;
	NEOERR *err = STATUS_OK;
	int rc = MDG_ERR;

	*out = NULL;
	if (!path)
		path = getenv("MADANG_CONFIG");
	if (!path || !*path) {
		log_error("config: no file given (--config or MADANG_CONFIG)");
		goto done;
	}
	err = hdf_init(&hdf);
	if (err != STATUS_OK)
		goto done;
	err = hdf_read_file(hdf, path);
	if (err != STATUS_OK)
		goto done;
	*out = hdf;
	hdf = NULL;
	rc = MDG_OK;
done:
	if (err != STATUS_OK) {
		STRING msg;
		string_init(&msg);
		nerr_error_string(err, &msg);
		log_error("config: cannot read %s: %s", path, msg.buf ? msg.buf : "?");
		string_clear(&msg);
		nerr_ignore(&err);
	}
	if (hdf)
		hdf_destroy(&hdf);
	return rc;
}

const char *config_str(HDF *cfg, const char *name, const char *def)
{
	return hdf_get_value(cfg, name, def);
}

long config_long(HDF *cfg, const char *name, long def, long min, long max)
{
	long v;
	const char *s = hdf_get_value(cfg, name, NULL);
	if (!s || text_parse_long(s, min, max, &v) != MDG_OK)
		return def;
	return v;
}

int config_secret(HDF *cfg, unsigned char out[CONFIG_SECRET_BYTES])
{
	return config_key_file(cfg, "web.secret_file", out);
}

int config_key_file(HDF *cfg, const char *name, unsigned char out[CONFIG_SECRET_BYTES])
{
	const char *path = config_str(cfg, name, NULL);
	char hex[130] = "";
	FILE *f = path ? fopen(path, "r") : NULL;
	if (!f) {
		log_error("cannot read %s %s", name, path ? path : "(unset)");
		return MDG_ERR;
	}
	if (!fgets(hex, sizeof hex, f))
		hex[0] = '\0';
	fclose(f);
	hex[strcspn(hex, "\r\n")] = '\0';
	int rc = crypto_from_hex(hex, out, CONFIG_SECRET_BYTES);
	if (rc != MDG_OK) {
		log_error("%s must hold 64 hex digits (32 random bytes)", name);
		return MDG_ERR;
	}
	return MDG_OK;
}
