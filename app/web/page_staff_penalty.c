/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* page_staff_penalty.c: penalties for staff (/staff/penalties): the list
 * with pending objections first, applying the next penalty of the ladder
 * to a citizen, lifting one, rejecting an objection. For moderators and
 * supervisors of the whole institution: a penalty restricts a person
 * everywhere on the portal, which no department's scope covers. */
#include "web.h"
#include "core/log.h"
#include "core/mdg.h"
#include "participation/mileage.h"
#include "participation/penalty.h"

#include <stdio.h>
#include <string.h>

/* Who may decide penalties: a global moderator, supervisor or sysadmin. */
bool web_decides_penalties(const web *w)
{
	return (w->perm.global & (PERM_MODERATOR | PERM_SUPERVISOR | PERM_SYSADMIN)) != 0;
}

/* The list and the form (sent back filled when it had errors). */
static int show_penalties(web *w)
{
	db_result *r = NULL;
	long page, total = 0, pending = 0;
	bool objections = kv_get(&w->r->query, "objections") != NULL;
	int rc = web_page_number(w, &page);
	if (rc == MDG_OK)
		rc = penalty_objections_pending(w->app->db, &pending);
	if (rc == MDG_OK)
		rc = penalty_list_staff(w->app->db, objections, page, &r, &total);
	if (rc != MDG_OK)
		return rc;
	db_rows_hdf(r, w->hdf, "Penalties");
	web_set(w, "PenaltiesTotal", "%ld", total);
	web_set(w, "ObjectionsPending", "%ld", pending);
	if (objections)
		hdf_set_value(w->hdf, "Filter.objections", "1");
	web_pager(w, page, total, PENALTY_PAGE_SIZE);
	db_result_free(r);
	web_page(w, "staff/penalties.cs", "Penalties");
	return MDG_OK;
}

int page_staff_penalties(web *w)
{
	static const web_done done[] = {
		{"applied", "PenaltyApplied"}, {"lifted", "PenaltyLifted"}, {"rejected", "ObjectionRejected"},
	};
	if (!web_decides_penalties(w))
		return MDG_EDENIED;
	web_flash_done(w, done, MDG_ARRAY_LEN(done));
	return show_penalties(w);
}

struct apply_arg {
	const actor *who;
	long long account_id;
	const char *reason, *kind;
	long long item_id;
};

static int apply_tx(db *d, void *arg)
{
	struct apply_arg *a = arg;
	return penalty_apply(d, a->who, a->account_id, a->reason, a->kind, a->item_id, NULL, NULL);
}

int page_staff_penalty_apply(web *w)
{
	static const field_spec fields[] = {
		{"login", FIELD_LOGIN, true, 0, 0, 0},
		{"reason", FIELD_LINE, true, PENALTY_REASON_MAX / 3, 0, 0},
		{"kind", FIELD_LINE, false, 16, 0, 0},
		{"item", FIELD_ID, false, 0, 0, 0},
	};
	form f;
	long long account_id = 0;
	char hash[256];
	if (!web_decides_penalties(w))
		return MDG_EDENIED;
	form_validate(w, fields, MDG_ARRAY_LEN(fields), &f);
	const char *kind = form_text(&f, "kind");
	if (*kind && !mileage_kind_valid(kind))
		form_fail(&f, "kind", "invalid");
	/* What the penalty is about: both or neither. */
	if (!form_err(&f, "item") && (*kind != '\0') != (form_num(&f, "item") > 0))
		form_fail(&f, "item", "penalty_item");
	int rc = MDG_OK;
	if (!form_err(&f, "login")) {
		rc = account_find_login(w->app->db, form_text(&f, "login"), &account_id, hash, sizeof hash);
		if (rc == MDG_ENOTFOUND)
			form_fail(&f, "login", "penalty_no_account");
		else if (rc != MDG_OK)
			return rc;
	}
	if (f.errors == 0) {
		struct apply_arg a = {&w->who, account_id, form_text(&f, "reason"), *kind ? kind : NULL,
				      form_num(&f, "item")};
		rc = db_transaction(w->app->db, apply_tx, &a);
		if (rc == MDG_ENOTFOUND)
			form_fail(&f, "login", "penalty_no_account");
		else if (rc != MDG_OK)
			return rc;
	}
	if (f.errors) {
		w->r->status = 400;
		web_flash_error(w, "FixErrors");
		return show_penalties(w);
	}
	log_info("penalty applied to account %lld by %lld", account_id, w->me.id);
	http_redirect(w->r, "/staff/penalties?done=applied");
	return MDG_OK;
}

int page_staff_penalty_decide(web *w)
{
	static const field_spec fields[] = {
		{"decision", FIELD_LINE, true, 16, 0, 0},
		{"reason", FIELD_LINE, true, PENALTY_REASON_MAX / 3, 0, 0},
	};
	long long id = web_param_id(w);
	form f;
	if (!web_decides_penalties(w))
		return MDG_EDENIED;
	if (!id)
		return MDG_ENOTFOUND;
	form_validate(w, fields, MDG_ARRAY_LEN(fields), &f);
	const char *decision = form_text(&f, "decision");
	bool lift = strcmp(decision, "lift") == 0;
	if (!form_err(&f, "decision") && !lift && strcmp(decision, "reject") != 0)
		form_fail(&f, "decision", "invalid");
	if (f.errors) {
		w->r->status = 400;
		web_set(w, "Form.penalty", "%lld", id);
		web_flash_error(w, "FixErrors");
		return show_penalties(w);
	}
	int rc = lift ? penalty_lift(w->app->db, &w->who, id, form_text(&f, "reason"))
		      : penalty_reject_objection(w->app->db, &w->who, id, form_text(&f, "reason"));
	if (rc != MDG_OK)
		return rc;
	http_redirect(w->r, lift ? "/staff/penalties?done=lifted" : "/staff/penalties?done=rejected");
	return MDG_OK;
}
