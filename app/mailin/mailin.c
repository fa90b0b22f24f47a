/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* mailin.c: madang-mailin's configuration and the handling of one message. */
#include "mailin.h"
#include "cases/case.h"
#include "core/config.h"
#include "core/log.h"
#include "core/mdg.h"
#include "core/text.h"
#include "core/xalloc.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A lower-cased copy of an address option, or NULL when unset; *bad when
 * set but not an address. */
static const char *address_option(mailin *mi, const char *name, bool *bad)
{
	const char *v = config_str(mi->cfg, name, NULL);
	if (!v || !*v)
		return NULL;
	if (!text_email_valid(v)) {
		log_error("%s is not a valid e-mail address: %s", name, v);
		*bad = true;
		return NULL;
	}
	for (const char *p = v; *p; p++)
		if (isupper((unsigned char)*p)) {
			log_error("%s must be written in lower case: %s", name, v);
			*bad = true;
			return NULL;
		}
	return v;
}

int mailin_configure(mailin *mi)
{
	HDF *c = mi->cfg;
	bool bad = false;
	mail_intake_conf *ic = &mi->conf;

	ic->address = address_option(mi, "intake.address", &bad);
	ic->notice_from = address_option(mi, "mail.from", &bad);
	if (ic->notice_from)
		mi->msgid_domain = xstrdup(strchr(ic->notice_from, '@') + 1);
	ic->msgid_domain = mi->msgid_domain;
	ic->default_category = config_long(c, "intake.category", 0, 0, 1000000000L);
	if (ic->default_category <= 0) {
		log_error("intake.category (the category of mail to no routed address) is not set");
		bad = true;
	}
	ic->rate_per_hour = (int)config_long(c, "intake.rate_per_hour", 20, 0, 100000);
	ic->uploads_dir = config_str(c, "web.uploads", "var/uploads");
	mi->limits.tmpdir = config_str(c, "web.tmp", "var/tmp");
	mi->limits.max_file_size = (size_t)config_long(c, "limits.file_size", 10L << 20, 1, 1L << 31);
	mi->limits.max_files = (int)config_long(c, "limits.files", 5, 0, CASE_FILES_MAX);

	/* intake.route.NAME { address = ..., category = N } */
	HDF *routes = hdf_get_obj(c, "intake.route");
	for (HDF *r = routes ? hdf_obj_child(routes) : NULL; r; r = hdf_obj_next(r)) {
		const char *addr = hdf_get_value(r, "address", "");
		long cat = 0;
		if (!text_email_valid(addr) ||
		    text_parse_long(hdf_get_value(r, "category", ""), 1, 1000000000L, &cat) != MDG_OK) {
			log_error("intake.route.%s needs an address and a category id", hdf_obj_name(r));
			bad = true;
			continue;
		}
		mi->routes = xrealloc(mi->routes, sizeof *mi->routes * (size_t)(ic->nroutes + 1));
		mi->routes[ic->nroutes].address = addr;
		mi->routes[ic->nroutes].category_id = cat;
		ic->nroutes++;
	}
	ic->routes = mi->routes;
	return bad ? MDG_EINVAL : MDG_OK;
}

const char *mailin_envelope_rcpt;

int mailin_handle(mailin *mi, const char *raw, size_t len, mail_outcome_kind *kind, char *why, size_t whylen)
{
	mail_in m;
	mail_outcome out;
	char err[200];
	int rc = mail_in_parse(raw, len, &mi->limits, &m, err, sizeof err);
	why[0] = '\0';
	if (rc != MDG_OK) {
		snprintf(why, whylen, "%s", err);
		log_warn("mail refused: %s", err);
		return rc;
	}
	mail_in_envelope_rcpt(&m, mailin_envelope_rcpt);
	if (!mi->db && (rc = db_connect(mi->cfg, &mi->db)) != MDG_OK) {
		snprintf(why, whylen, "the database is unreachable: try again later");
		goto done;
	}
	rc = mail_intake(mi->db, &mi->conf, raw, len, &m, &out);
	if (rc == MDG_OK) {
		if (kind)
			*kind = out.kind;
		log_info("mail <%s> from %s: %s%s%s%s%s", m.message_id, m.from_addr, mail_outcome_name(out.kind),
			 out.tracking[0] ? " " : "", out.tracking, out.reason[0] ? ": " : "", out.reason);
	} else if (rc == MDG_EINVAL || rc == MDG_ETHROTTLED) {
		snprintf(why, whylen, "%s", out.reason);
		log_warn("mail <%s> from %s refused: %s", m.message_id, m.from_addr, out.reason);
	} else {
		snprintf(why, whylen, "the message could not be stored (%s): try again later", mdg_rc_name(rc));
		log_error("mail <%s> from %s: %s (%s)", m.message_id, m.from_addr, mdg_rc_name(rc),
			  mi->db ? db_error(mi->db) : "no connection");
		/* The next message reconnects. */
		db_close(mi->db);
		mi->db = NULL;
	}
done:
	mail_in_free(&m);
	return rc;
}

void mailin_free(mailin *mi)
{
	db_close(mi->db);
	free(mi->routes);
	free(mi->msgid_domain);
	if (mi->cfg)
		hdf_destroy(&mi->cfg);
}
