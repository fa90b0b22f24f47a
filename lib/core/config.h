/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* config.h: the HDF configuration file. */
#ifndef MDG_CONFIG_H
#define MDG_CONFIG_H
#include <ClearSilver.h>

/* Loads the file at path, or at $MADANG_CONFIG when path is NULL.
 * On success *out is a new tree the caller frees with hdf_destroy. */
int config_load(const char *path, HDF **out);
/* A value, or def when unset; owned by the tree. */
const char *config_str(HDF *cfg, const char *name, const char *def);
/* An integer value, or def when unset or not a whole number in range. */
long config_long(HDF *cfg, const char *name, long def, long min, long max);

/* The site's 32-byte key (CSRF tokens, signed links such as the rating
 * link) from the file named by web.secret_file: 64 hex digits on its first
 * line. MDG_OK, or MDG_ERR (logged) when the file is unset, unreadable or
 * malformed. */
#define CONFIG_SECRET_BYTES 32
int config_secret(HDF *cfg, unsigned char out[CONFIG_SECRET_BYTES]);
/* The same for the key file named by the setting name (identity.*). */
int config_key_file(HDF *cfg, const char *name, unsigned char out[CONFIG_SECRET_BYTES]);

#endif
