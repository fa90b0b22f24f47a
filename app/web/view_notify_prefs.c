/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* view_notify_prefs.c: the notice preferences' section of the account
 * page (account/settings.cs), filled for page_account.c. A file of its
 * own so that the account page does not call page_notify.c, which shows
 * the account page again when its form has errors. */
#include "web.h"
#include "core/mdg.h"

void web_notify_prefs_fill(web *w)
{
	account_notify n = {true, false, false};
	bool staff = w->staff;
	/* A form sent back keeps what was typed; otherwise the stored choice. */
	if (!hdf_get_value(w->hdf, "Notify.Posted", NULL)) {
		if (account_get_notify(w->app->db, w->me.id, &n) != MDG_OK)
			return; /* the section then shows no stored choice */
		hdf_set_value(w->hdf, "Form.notify_email", n.email ? "1" : "");
		/* Without a mobile number no SMS can go: shown off (and
		 * explained), whatever is stored. */
		hdf_set_value(w->hdf, "Form.notify_sms", n.sms && w->me.mobile[0] ? "1" : "");
		hdf_set_value(w->hdf, "Form.notify_digest", n.digest ? "1" : "");
	}
	hdf_set_value(w->hdf, "Notify.Show", "1");
	if (w->me.mobile[0])
		hdf_set_value(w->hdf, "Notify.HasMobile", "1");
	if (staff)
		hdf_set_value(w->hdf, "Notify.Staff", "1");
}
