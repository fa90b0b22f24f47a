/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* page_communities.c: communities (커뮤니티): the list (search by name,
 * filter by template, one's own), the creation wizard in four steps, a
 * community's home page (join, leave, a request pending, an invitation
 * to accept, its image, a supervisor's suspension or closing) and its
 * members page (requests, removing, banning, roles, invitations, the
 * transfer of ownership). What a reader may see and do is
 * community_access_get's answer, asked first on every page: a
 * members-only community is not there for others, by URL too. */
#include "web.h"
#include "reports/public_home.h"
#include "communities/community.h"
#include "core/crypto.h"
#include "core/mdg.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The largest image a community shows on its home page. */
#define COMMUNITY_IMAGE_MAX (2 * 1024 * 1024)

/* The page of template (title: a key under L.Title) with status, in the
 * communities' style. */
static int community_page(web *w, int status, const char *template, const char *title)
{
	w->r->status = status;
	hdf_set_value(w->hdf, "Page.CommunityCss", "1");
	web_page(w, template, title);
	return MDG_OK;
}

/* ---------------------------------------------------------------- list */

int page_communities(web *w)
{
	static const field_spec fields[] = {
		{"q", FIELD_LINE, false, COMMUNITY_NAME_MAX, 0, 0},
		{"template", FIELD_LINE, false, 16, 0, 0},
		{"mine", FIELD_CHECKBOX, false, 0, 0, 0},
	};
	form f;
	db_result *r = NULL;
	enum community_template t;
	form_from_query(w, fields, MDG_ARRAY_LEN(fields));
	if (form_validate(w, fields, MDG_ARRAY_LEN(fields), &f) > 0)
		return MDG_EINVAL;
	const char *template_name = form_text(&f, "template");
	if (template_name[0] && !community_template_parse(template_name, &t))
		return MDG_EINVAL;
	bool mine = w->signed_in && form_on(&f, "mine");
	int rc = community_list(w->app->db, w->signed_in ? w->me.id : 0, w->staff, form_text(&f, "q"), template_name,
				mine, &r);
	if (rc != MDG_OK)
		return rc;
	db_rows_hdf(r, w->hdf, "Communities");
	db_result_free(r);
	for (int i = 0; i < TEMPLATE__COUNT; i++)
		hdf_set_valuef(w->hdf, "Templates.%d=%s", i, community_template_name((enum community_template)i));
	return community_page(w, 200, "communities/list.cs", "Communities");
}

/* Communities the home page shows. */
#define COMMUNITY_HOME PUBLIC_HOME_COMMUNITIES

int web_home_communities(web *w)
{
	db_result *r = NULL;
	char prefix[32];
	int rc = community_list(w->app->db, w->signed_in ? w->me.id : 0, w->staff, NULL, NULL, false, &r);
	for (unsigned i = 0; rc == MDG_OK && i < r->nrows && i < COMMUNITY_HOME; i++) {
		snprintf(prefix, sizeof prefix, "HomeCommunities.%u", i);
		db_row_hdf(r, i, w->hdf, prefix);
	}
	db_result_free(r);
	return rc;
}

/* ---------------------------------------------------------------- wizard */

/* The wizard's fields, each asked on one step (1 to WIZARD_STEPS) and
 * carried as a hidden field by the others; all are validated again at
 * the end. */
#define WIZARD_STEPS 4
static const field_spec wizard_fields[] = {
	{"template", FIELD_LINE, true, 16, 0, 0},
	{"department", FIELD_ID, false, 0, 0, 0}, /* a staff community's (intranet) */
	{"name", FIELD_LINE, true, COMMUNITY_NAME_MAX, 0, 0},
	{"slug", FIELD_LINE, true, COMMUNITY_SLUG_MAX, 0, 0},
	{"description", FIELD_TEXT, false, COMMUNITY_DESCRIPTION_MAX, 0, 0},
	{"membership", FIELD_LINE, false, 16, 0, 0},
	{"visibility", FIELD_LINE, false, 16, 0, 0},
	{"board_notice", FIELD_CHECKBOX, false, 0, 0, 0},
	{"board_free", FIELD_CHECKBOX, false, 0, 0, 0},
	{"board_qna", FIELD_CHECKBOX, false, 0, 0, 0},
	{"board_gallery", FIELD_CHECKBOX, false, 0, 0, 0},
	{"board_files", FIELD_CHECKBOX, false, 0, 0, 0},
	{"preset_for", FIELD_LINE, false, 16, 0, 0},
	/* the image chosen at step 2, already stored, and its signature */
	{"image_stored", FIELD_LINE, false, 32, 0, 0},
	{"image_mime", FIELD_LINE, false, 64, 0, 0},
	{"image_sig", FIELD_LINE, false, 64, 0, 0},
	{"step", FIELD_INT, false, 0, 1, WIZARD_STEPS},
};
/* The step that asks each of wizard_fields (0: carried by every step). */
static const int wizard_step_of[] = {1, 1, 2, 2, 2, 3, 3, 4, 4, 4, 4, 4, 0, 0, 0, 0, 0};
/* The step that takes the image (a multipart form). */
#define WIZARD_IMAGE_STEP 2

/* Wizard.Step, Wizard.Hidden.N.{name, value} (the answers of the other
 * steps) and Templates.N (those offered: the staff one to staff only);
 * the page with status. */
static int show_wizard(web *w, const form *f, int step, int status)
{
	int k = 0;
	for (size_t i = 0; i < MDG_ARRAY_LEN(wizard_fields); i++) {
		const char *name = wizard_fields[i].name;
		if (wizard_step_of[i] == step || strcmp(name, "step") == 0)
			continue;
		const char *value = form_text(f, name);
		if (wizard_fields[i].kind == FIELD_CHECKBOX && !form_on(f, name))
			continue;
		hdf_set_valuef(w->hdf, "Wizard.Hidden.%d.name=%s", k, name);
		hdf_set_valuef(w->hdf, "Wizard.Hidden.%d.value=%s", k, value);
		k++;
	}
	for (int i = 0; i < TEMPLATE__COUNT; i++)
		if (w->staff || !community_template_preset((enum community_template)i)->staff_only)
			hdf_set_valuef(w->hdf, "Templates.%d=%s", i, community_template_name((enum community_template)i));
	if (step == 1 && w->staff && web_intranet_departments_fill(w) != MDG_OK)
		return MDG_EDB;
	web_set(w, "Wizard.Step", "%d", step);
	return community_page(w, status, "communities/new.cs", "CommunityNew");
}

int page_community_new(web *w)
{
	form f;
	/* Nothing was sent: nothing is in error yet. */
	form_validate(w, wizard_fields, MDG_ARRAY_LEN(wizard_fields), &f);
	hdf_remove_tree(w->hdf, "Form.Err");
	hdf_remove_tree(w->hdf, "Form.HasErrors");
	return show_wizard(w, &f, 1, 200);
}

/* Sets the answer name of f to value (a string that outlives f), as if
 * it had been sent: for the later steps' hidden fields and the page. */
static void set_answer(web *w, form *f, const char *name, const char *value)
{
	char path[48];
	for (size_t i = 0; i < f->n; i++) {
		if (strcmp(f->fields[i].spec->name, name) != 0)
			continue;
		f->fields[i].text = value;
		f->fields[i].on = value[0] != '\0';
	}
	snprintf(path, sizeof path, "Form.%s", name);
	hdf_set_value(w->hdf, path, value);
}

/* The answers a template presets (membership, visibility, boards), once
 * per template chosen (preset_for): a person's own choices are kept
 * when they go back to step 1 without changing the template. */
static void apply_preset(web *w, form *f, enum community_template t)
{
	const community_preset *p = community_template_preset(t);
	char name[32];
	set_answer(w, f, "membership", community_membership_name(p->membership));
	set_answer(w, f, "visibility", community_visibility_name(p->visibility));
	for (int b = 0; b < BOARD__COUNT; b++) {
		snprintf(name, sizeof name, "board_%s", community_board_name((enum community_board)b));
		set_answer(w, f, name, p->boards & BOARD_BIT(b) ? "1" : "");
	}
	set_answer(w, f, "preset_for", community_template_name(t));
}

/* The step whose answers are wrong first (0: none up to last). */
static int first_wrong_step(const form *f, int last)
{
	int wrong = 0;
	for (size_t i = 0; i < MDG_ARRAY_LEN(wizard_fields); i++) {
		int s = wizard_step_of[i];
		if (s && s <= last && form_err(f, wizard_fields[i].name) && (!wrong || s < wrong))
			wrong = s;
	}
	return wrong;
}

/* Checks the answers of steps 1 to last beyond the table into f and in
 * (the membership and visibility only once asked). */
static void check_answers(web *w, form *f, int last, community_input *in)
{
	const char *t = form_text(f, "template");
	memset(in, 0, sizeof *in);
	if (!form_err(f, "template") && (!community_template_parse(t, &in->template_kind) ||
					 (!w->staff && community_template_preset(in->template_kind)->staff_only)))
		form_fail(f, "template", "community_template");
	/* An intranet: a staff community tied to a department the reader supervises or manages. */
	in->department_id = form_err(f, "department") ? 0 : form_num(f, "department");
	if (in->department_id && (!community_template_preset(in->template_kind)->staff_only ||
				  !web_intranet_may_tie(w, in->department_id)))
		form_fail(f, "department", "intranet_department");
	in->name = form_text(f, "name");
	in->slug = form_text(f, "slug");
	in->description = form_text(f, "description");
	if (last >= 2 && !form_err(f, "slug") && !community_slug_valid(in->slug))
		form_fail(f, "slug", "community_slug");
	if (last >= 3 && !community_membership_parse(form_text(f, "membership"), &in->membership))
		form_fail(f, "membership", "invalid");
	if (last >= 3 && !community_visibility_parse(form_text(f, "visibility"), &in->visibility))
		form_fail(f, "visibility", "invalid");
	for (int b = 0; b < BOARD__COUNT; b++) {
		char name[32];
		snprintf(name, sizeof name, "board_%s", community_board_name((enum community_board)b));
		if (form_on(f, name))
			in->boards |= BOARD_BIT(b);
	}
	if (last >= 4 && !in->boards)
		form_fail(f, "board_notice", "community_boards");
}

/* The image of the wizard's step 2 or the home page ("image", optional) into *file: 1 when one
 * was sent and is an image within COMMUNITY_IMAGE_MAX, 0 when none was
 * sent, -1 (f failing on "image") for another file. */
static int wizard_image(web *w, form *f, case_upload *file)
{
	for (const upload *u = w->r->files; u; u = u->next) {
		if (strcmp(u->field, "image") != 0 || u->size == 0)
			continue;
		const char *type = case_sniff_type(u->path);
		if (!type || strncmp(type, "image/", 6) != 0) {
			form_fail(f, "image", "community_image_type");
			return -1;
		}
		if (u->size > COMMUNITY_IMAGE_MAX) {
			form_fail(f, "image", "community_image_size");
			return -1;
		}
		file->up = u;
		file->mime_type = type;
		return 1;
	}
	return 0;
}

/* Moves file into the uploads directory under a new name (stored). */
static int move_upload(web *w, const case_upload *file, char stored[33])
{
	char names[1][33];
	char *moved = NULL;
	int rc = case_store_uploads(w->app->uploads, file, 1, names, &moved);
	if (rc == MDG_OK)
		snprintf(stored, 33, "%s", names[0]);
	case_release_uploads(&moved, 1, rc != MDG_OK);
	return rc;
}

/* Removes the stored upload named stored, if any. */
static void remove_upload(web *w, const char *stored)
{
	char *path = stored[0] ? case_stored_path(w->app->uploads, stored) : NULL;
	if (path)
		remove(path);
	free(path);
}

/* Makes the stored upload (of type mime) community id's image, removing
 * the one it replaces. */
static int set_image(web *w, long long id, const char *stored, const char *mime)
{
	char old[33];
	int rc = community_set_image(w->app->db, &w->who, id, stored, mime, old);
	if (rc == MDG_OK)
		remove_upload(w, old);
	return rc;
}

/* The signature that ties an image stored at step 2 (stored, mime) to the
 * person creating the community, so that the later steps' hidden fields
 * name no other upload: HMAC-SHA-256 under the site's key, base64url. */
static void image_signature(const web *w, const char *stored, const char *mime, char out[48])
{
	char msg[160];
	uint8_t mac[CRYPTO_HASH_BYTES];
	int n = snprintf(msg, sizeof msg, "community-image:%lld:%s:%s", w->me.id, stored, mime);
	crypto_hmac(w->app->secret, sizeof w->app->secret, msg, (size_t)n, mac);
	crypto_b64url(mac, sizeof mac, out, 48);
}

/* True when f carries an image stored at step 2 with its right signature. */
static bool carried_image(const web *w, const form *f)
{
	char sig[48];
	const char *stored = form_text(f, "image_stored");
	if (strlen(stored) != 32)
		return false;
	image_signature(w, stored, form_text(f, "image_mime"), sig);
	return crypto_str_equal(sig, form_text(f, "image_sig"));
}

/* Keeps file, chosen at step 2, for the end of the wizard: stored now,
 * carried as hidden fields (stored and sig: the handler's buffers), the
 * one it replaces removed. */
static int keep_image(web *w, form *f, const case_upload *file, char stored[33], char sig[48])
{
	int rc = move_upload(w, file, stored);
	if (rc != MDG_OK)
		return rc;
	if (carried_image(w, f))
		remove_upload(w, form_text(f, "image_stored"));
	image_signature(w, stored, file->mime_type, sig);
	set_answer(w, f, "image_stored", stored);
	set_answer(w, f, "image_mime", file->mime_type);
	set_answer(w, f, "image_sig", sig);
	return MDG_OK;
}

int page_community_wizard(web *w)
{
	form f;
	community_input in;
	case_upload image;
	char stored[33] = "", sig[48] = "";
	long long id = 0;
	form_validate(w, wizard_fields, MDG_ARRAY_LEN(wizard_fields), &f);
	int step = form_err(&f, "step") || !form_num(&f, "step") ? 1 : (int)form_num(&f, "step");
	bool back = strcmp(form_get(w, "go"), "back") == 0;
	if (back) {
		/* Back one step, keeping every answer, checking none. */
		hdf_remove_tree(w->hdf, "Form.Err");
		hdf_remove_tree(w->hdf, "Form.HasErrors");
		return show_wizard(w, &f, step > 1 ? step - 1 : 1, 200);
	}
	check_answers(w, &f, step, &in);
	int has_image = step == WIZARD_IMAGE_STEP ? wizard_image(w, &f, &image) : 0;
	int wrong = has_image < 0 ? WIZARD_IMAGE_STEP : first_wrong_step(&f, step);
	if (wrong) {
		hdf_set_value(w->hdf, "Form.HasErrors", "1");
		return show_wizard(w, &f, wrong, 400);
	}
	hdf_remove_tree(w->hdf, "Form.Err");
	hdf_remove_tree(w->hdf, "Form.HasErrors");
	if (step == 1 && strcmp(form_text(&f, "preset_for"), form_text(&f, "template")) != 0)
		apply_preset(w, &f, in.template_kind);
	int rc = has_image > 0 ? keep_image(w, &f, &image, stored, sig) : MDG_OK;
	if (rc != MDG_OK)
		return rc;
	if (step < WIZARD_STEPS)
		return show_wizard(w, &f, step + 1, 200);
	/* Its address is its slug, known now. */
	idem_key idem;
	if (web_idem_start(w, &idem, "/c/", in.slug, "?done=created", &rc))
		return rc;
	rc = community_create(w->app->db, &w->who, &in, &id);
	if (web_idem_raced(w, &idem, rc))
		return MDG_OK;
	if (rc == MDG_ECONFLICT || rc == MDG_EINVAL || rc == MDG_EDENIED) {
		form_fail(&f, rc == MDG_EDENIED ? "template" : "slug",
			  rc == MDG_ECONFLICT ? "community_slug_taken"
			  : rc == MDG_EDENIED ? "community_template"
					      : "community_slug");
		hdf_set_value(w->hdf, "Form.HasErrors", "1");
		return show_wizard(w, &f, rc == MDG_EDENIED ? 1 : 2, rc == MDG_ECONFLICT ? 409 : 400);
	}
	/* The image kept since step 2, when its signature says it is this
	 * person's (a forged name is ignored). */
	if (rc == MDG_OK && carried_image(w, &f))
		rc = set_image(w, id, form_text(&f, "image_stored"), form_text(&f, "image_mime"));
	if (rc != MDG_OK)
		return rc;
	web_redirect(w, "/c/%s?done=created", in.slug);
	return MDG_OK;
}

/* ---------------------------------------------------------------- home */

/* The community of the path's slug as the reader may see it: MDG_ENOTFOUND
 * when there is none or it is not there for them. */
static int access_of(web *w, community_access *a)
{
	const char *slug = w->r->params[0];
	if (!slug || !community_slug_valid(slug))
		return MDG_ENOTFOUND;
	return community_access_get(w->app->db, slug, 0, w->signed_in ? &w->who : NULL, w->staff ? &w->perm : NULL,
				    a);
}

int web_community_readable(web *w, community_access *acc)
{
	int rc = access_of(w, acc);
	return rc == MDG_OK && !acc->readable ? MDG_ENOTFOUND : rc;
}

/* Community.* (the row and the reader's standing) and Me.* (what they
 * may do) for a page of community a. */
static int fill_community(web *w, const community_access *a)
{
	db_result *r = NULL;
	int rc = community_get(w->app->db, a->id, w->lang, &r);
	if (rc != MDG_OK)
		return rc;
	db_row_hdf(r, 0, w->hdf, "Community");
	db_result_free(r);
	static const struct {
		const char *name;
		size_t offset;
	} flags[] = {
		{"Me.member", offsetof(community_access, member)},
		{"Me.pending", offsetof(community_access, pending)},
		{"Me.invited", offsetof(community_access, invited)},
		{"Me.banned", offsetof(community_access, banned)},
		{"Me.readable", offsetof(community_access, readable)},
		{"Me.may_join", offsetof(community_access, may_join)},
		{"Me.may_post", offsetof(community_access, may_post)},
		{"Me.may_manage", offsetof(community_access, may_manage)},
		{"Me.may_govern", offsetof(community_access, may_govern)},
	};
	for (size_t i = 0; i < MDG_ARRAY_LEN(flags); i++)
		if (*(const bool *)((const char *)a + flags[i].offset))
			hdf_set_value(w->hdf, flags[i].name, "1");
	hdf_set_value(w->hdf, "Me.role", community_role_name(a->role));
	if (a->role == CROLE_OWNER)
		hdf_set_value(w->hdf, "Me.owner", "1");
	return MDG_OK;
}

static int show_home(web *w, const community_access *a, int status)
{
	db_result *r = NULL;
	int rc = fill_community(w, a);
	/* The boards are content: only for those who may read it. */
	if (rc == MDG_OK && a->readable) {
		rc = community_boards(w->app->db, a->id, &r);
		if (rc == MDG_OK)
			db_rows_hdf(r, w->hdf, "Boards");
		db_result_free(r);
	}
	if (rc != MDG_OK)
		return rc;
	return community_page(w, status, "communities/home.cs", "Community");
}

/* A page of the community in the path as show draws it: the notice
 * that led there marked read, the message of a ?done= among done. */
static int open_community(web *w, const web_done *done, size_t n,
			  int (*show)(web *w, const community_access *a, int status))
{
	community_access a;
	int rc = access_of(w, &a);
	if (rc != MDG_OK)
		return rc;
	web_notice_opened(w);
	web_flash_done(w, done, n);
	return show(w, &a, 200);
}

int page_community(web *w)
{
	static const web_done done[] = {
		{"created", "CommunityCreated"}, {"joined", "CommunityJoined"},   {"requested", "CommunityRequested"},
		{"left", "CommunityLeft"},       {"governed", "CommunityGoverned"}, {"image", "CommunityImageSaved"},
	};
	return open_community(w, done, MDG_ARRAY_LEN(done), show_home);
}

int page_community_image(web *w)
{
	community_access a;
	char stored[33], mime[64];
	int rc = access_of(w, &a);
	if (rc == MDG_OK)
		rc = community_image(w->app->db, a.id, stored, mime, sizeof mime);
	if (rc != MDG_OK)
		return rc;
	char *path = case_stored_path(w->app->uploads, stored);
	char *name = strdup("image");
	char *type = strdup(mime);
	if (!path || !name || !type) {
		free(path);
		free(name);
		free(type);
		return MDG_ERR;
	}
	web_send_attachment(w, path, name, type);
	return MDG_OK;
}

/* The home page again after a refused action: why (a key under L.Msg). */
static int refuse(web *w, const community_access *a, const char *why, int status)
{
	web_flash_error(w, why);
	return show_home(w, a, status);
}

int page_community_join(web *w)
{
	community_access a;
	bool joined = false;
	int rc = access_of(w, &a);
	if (rc != MDG_OK)
		return rc;
	rc = community_join(w->app->db, &w->who, a.id, &joined);
	if (rc == MDG_EDENIED)
		return refuse(w, &a, "CommunityJoinRefused", 403);
	if (rc == MDG_ECONFLICT)
		return refuse(w, &a, "CommunityAlreadyIn", 409);
	if (rc != MDG_OK)
		return rc;
	web_redirect(w, "/c/%s?done=%s", a.slug, joined ? "joined" : "requested");
	return MDG_OK;
}

int page_community_leave(web *w)
{
	community_access a;
	int rc = access_of(w, &a);
	if (rc != MDG_OK)
		return rc;
	rc = community_leave(w->app->db, &w->who, a.id);
	if (rc == MDG_ECONFLICT)
		return refuse(w, &a, "CommunityOwnerStays", 409);
	if (rc == MDG_ENOTFOUND)
		return refuse(w, &a, "CommunityNotIn", 409);
	if (rc != MDG_OK)
		return rc;
	web_redirect(w, "/c/%s?done=left", a.slug);
	return MDG_OK;
}

int page_community_govern(web *w)
{
	static const field_spec fields[] = {
		{"state", FIELD_LINE, true, 16, 0, 0},
		{"reason", FIELD_LINE, false, COMMUNITY_REASON_MAX, 0, 0},
	};
	form f;
	community_access a;
	enum community_state state;
	int rc = access_of(w, &a);
	if (rc != MDG_OK)
		return rc;
	if (!a.may_govern)
		return MDG_EDENIED;
	if (form_validate(w, fields, MDG_ARRAY_LEN(fields), &f) > 0 ||
	    !community_state_parse(form_text(&f, "state"), &state))
		return refuse(w, &a, "CommunityGovernBad", 400);
	rc = community_govern(w->app->db, &w->who, &w->perm, a.id, state, form_text(&f, "reason"));
	if (rc == MDG_EINVAL) {
		form_fail(&f, "reason", "community_reason");
		return refuse(w, &a, "CommunityGovernBad", 400);
	}
	if (rc != MDG_OK)
		return rc;
	web_redirect(w, "/c/%s?done=governed", a.slug);
	return MDG_OK;
}

int page_community_image_save(web *w)
{
	form f;
	case_upload image;
	community_access a;
	int rc = access_of(w, &a);
	if (rc != MDG_OK)
		return rc;
	if (!a.may_manage)
		return MDG_EDENIED;
	form_validate(w, wizard_fields, 0, &f);
	if (wizard_image(w, &f, &image) <= 0)
		return refuse(w, &a, "CommunityImageBad", 400);
	char stored[33];
	rc = move_upload(w, &image, stored);
	if (rc == MDG_OK) {
		rc = set_image(w, a.id, stored, image.mime_type);
		if (rc != MDG_OK)
			remove_upload(w, stored);
	}
	if (rc != MDG_OK)
		return rc;
	web_redirect(w, "/c/%s?done=image", a.slug);
	return MDG_OK;
}

/* ---------------------------------------------------------------- members */

static int show_members(web *w, const community_access *a, int status)
{
	db_result *r = NULL;
	bool manager = a->may_manage || a->may_govern;
	if (!a->member && !a->may_govern)
		return a->readable ? MDG_EDENIED : MDG_ENOTFOUND;
	int rc = fill_community(w, a);
	if (rc == MDG_OK)
		rc = community_people(w->app->db, a->id, manager, &r);
	if (rc == MDG_OK)
		db_rows_hdf(r, w->hdf, "People");
	db_result_free(r);
	if (rc != MDG_OK)
		return rc;
	hdf_set_valuef(w->hdf, "Me.id=%lld", w->me.id);
	return community_page(w, status, "communities/members.cs", "CommunityMembers");
}

int page_community_members(web *w)
{
	static const web_done done[] = {
		{"approve", "MemberApproved"}, {"reject", "MemberRejected"}, {"remove", "MemberRemoved"},
		{"ban", "MemberBanned"},       {"unban", "MemberUnbanned"},  {"promote", "MemberPromoted"},
		{"demote", "MemberDemoted"},   {"invite", "MemberInvited"},  {"transfer", "CommunityTransferred"},
	};
	return open_community(w, done, MDG_ARRAY_LEN(done), show_members);
}

int page_community_members_act(web *w)
{
	static const field_spec fields[] = {
		{"action", FIELD_LINE, true, 16, 0, 0},
		{"account_id", FIELD_ID, false, 0, 0, 0},
		{"login_id", FIELD_LOGIN, false, 0, 0, 0},
	};
	form f;
	community_access a;
	community_member_action action;
	long long invited = 0;
	int rc = access_of(w, &a);
	if (rc != MDG_OK)
		return rc;
	if (!a.member)
		return a.readable ? MDG_EDENIED : MDG_ENOTFOUND;
	int errors = form_validate(w, fields, MDG_ARRAY_LEN(fields), &f);
	const char *act = form_text(&f, "action");
	long long account_id = form_num(&f, "account_id");
	if (strcmp(act, "invite") == 0) {
		if (errors || !form_filled(&f, "login_id")) {
			form_fail(&f, "login_id", form_err(&f, "login_id") ? form_err(&f, "login_id") : "required");
			return show_members(w, &a, 400);
		}
		rc = community_invite(w->app->db, &w->who, a.id, form_text(&f, "login_id"), &invited);
		if (rc == MDG_ENOTFOUND || rc == MDG_ECONFLICT || rc == MDG_EDENIED) {
			form_fail(&f, "login_id",
				  rc == MDG_ENOTFOUND	  ? "community_no_account"
				  : rc == MDG_ECONFLICT ? "community_invite_conflict"
							: "community_invite_denied");
			hdf_set_value(w->hdf, "Form.HasErrors", "1");
			return show_members(w, &a, rc == MDG_EDENIED ? 403 : rc == MDG_ENOTFOUND ? 404 : 409);
		}
	} else if (errors || !account_id) {
		return MDG_EINVAL; /* no form of the page sends these */
	} else if (strcmp(act, "transfer") == 0) {
		rc = community_transfer(w->app->db, &w->who, a.id, account_id);
	} else if (community_member_action_parse(act, &action)) {
		rc = community_member_act(w->app->db, &w->who, a.id, account_id, action);
	} else {
		return MDG_EINVAL;
	}
	if (rc == MDG_EDENIED || rc == MDG_ECONFLICT || rc == MDG_ENOTFOUND) {
		web_flash_error(w, rc == MDG_EDENIED ? "MemberActDenied" : "MemberActConflict");
		return show_members(w, &a, rc == MDG_EDENIED ? 403 : 409);
	}
	if (rc != MDG_OK)
		return rc;
	web_redirect(w, "/c/%s/members?done=%s", a.slug, act);
	return MDG_OK;
}
