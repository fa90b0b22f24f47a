/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* mdg.c: names of the return codes, for logs. */
#include "core/mdg.h"

const char *mdg_rc_name(int rc)
{
	switch (rc) {
	case MDG_OK: return "ok";
	case MDG_ERR: return "error";
	case MDG_EINVAL: return "invalid";
	case MDG_EUTF8: return "bad-utf8";
	case MDG_ETOOBIG: return "too-big";
	case MDG_ENOTFOUND: return "not-found";
	case MDG_EDENIED: return "denied";
	case MDG_ECONFLICT: return "conflict";
	case MDG_EDB: return "db-unavailable";
	case MDG_ETHROTTLED: return "throttled";
	case MDG_ETEMPFAIL: return "temporary-failure";
	case MDG_EPERMFAIL: return "permanent-failure";
	case MDG_ENOSPACE: return "no-space";
	}
	return "unknown";
}
