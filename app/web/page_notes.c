/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* page_notes.c: notes (쪽지): the inbox and the sent box (paged, unread
 * marked), the new-note form (recipient by login ID, or ?to=ID from a
 * member list), a note with its read receipt, deleting it for oneself,
 * blocking its sender. Only the sender and the recipient ever reach a
 * note (lib/notes answers 404 to anyone else, staff included). */
#include "web.h"
#include "core/mdg.h"
#include "http/kv.h"
#include "notes/note.h"
#include "participation/penalty.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const web_done notes_done[] = {
	{"sent", "NoteSent"},
	{"deleted", "NoteDeleted"},
};

static int show_box(web *w, enum note_box box)
{
	db_result *r = NULL;
	long page = 1, total = 0;
	int rc = web_page_number(w, &page);
	if (rc == MDG_OK)
		rc = note_list(w->app->db, w->me.id, box, page, &r, &total);
	if (rc != MDG_OK)
		return rc;
	db_rows_hdf(r, w->hdf, "Notes");
	db_result_free(r);
	web_pager(w, page, total, NOTE_PAGE_SIZE);
	web_set(w, "NotesBox", "%s", box == NOTE_INBOX ? "inbox" : "sent");
	web_flash_done(w, notes_done, MDG_ARRAY_LEN(notes_done));
	web_page(w, "notes/box.cs", box == NOTE_INBOX ? "Notes" : "NotesSent");
	return MDG_OK;
}

int page_notes(web *w)
{
	return show_box(w, NOTE_INBOX);
}

int page_notes_sent(web *w)
{
	return show_box(w, NOTE_SENT);
}

/* The new-note form, with status (200, or the refusal's). */
static int show_form(web *w, int status)
{
	w->r->status = status;
	web_set(w, "NoteBodyMax", "%d", NOTE_BODY_MAX);
	web_page(w, "notes/new.cs", "NoteNew");
	return MDG_OK;
}

int page_note_new_form(web *w)
{
	/* ?to= a member list's link: an account id, or a login ID. */
	const char *to = kv_get(&w->r->query, "to");
	if (to && *to) {
		char login[40];
		char *end = NULL;
		long long id = strtoll(to, &end, 10);
		if (end && *end == '\0' && id > 0 && note_recipient_by_id(w->app->db, id, login, sizeof login) == MDG_OK)
			hdf_set_value(w->hdf, "Form.to", login);
		else
			hdf_set_value(w->hdf, "Form.to", to);
	}
	return show_form(w, 200);
}

static int refuse(web *w, const char *why, int status)
{
	web_flash_error(w, why);
	return show_form(w, status);
}

int page_note_new(web *w)
{
	static const field_spec fields[] = {
		{"to", FIELD_LINE, true, 32, 0, 0},
		{"body", FIELD_TEXT, true, NOTE_BODY_MAX, 0, 0},
	};
	form f;
	if (form_validate(w, fields, MDG_ARRAY_LEN(fields), &f) > 0)
		return show_form(w, 400);
	long long to = 0, id = 0;
	char name[404];
	int rc = note_recipient(w->app->db, form_text(&f, "to"), &to, name, sizeof name);
	bool ok = false;
	if (rc == MDG_OK)
		rc = note_may_write(w->app->db, w->me.id, w->staff, to, &ok);
	/* No such person and no shared community read the same: the form
	 * does not tell who has an account. */
	if (rc == MDG_ENOTFOUND || (rc == MDG_OK && !ok))
		return refuse(w, "NoteNoRecipient", 404);
	if (rc != MDG_OK)
		return rc;
	/* The gates of every post: a penalty's restriction, the throttle,
	 * the word filter (a note the filter would hold is not sent: no
	 * moderator reads a private note before its recipient). */
	bool restricted = false;
	rc = penalty_restricts_posting(w->app->db, w->me.id, &restricted, NULL);
	if (rc != MDG_OK)
		return rc;
	if (restricted)
		return refuse(w, "NoteRestricted", 403);
	web_moderation mod;
	const char *body = form_text(&f, "body");
	rc = web_moderate(w, "note", w->me.id, NULL, &body, &mod);
	bool held = rc == MDG_OK && mod.held;
	bool delivered = false;
	idem_key idem;
	bool replayed = rc == MDG_OK && !held && web_idem_start(w, &idem, "/notes/", NULL, "?done=sent", &rc);
	if (rc == MDG_OK && !held && !replayed) {
		rc = note_send(w->app->db, w->me.id, w->staff, to, body, &id, &delivered);
		replayed = web_idem_raced(w, &idem, rc);
		rc = replayed ? MDG_OK : rc;
	}
	web_moderation_free(&mod);
	if (replayed)
		return rc;
	if (held)
		return refuse(w, "NoteHeldWord", 400);
	if (rc == MDG_ETHROTTLED)
		return refuse(w, "NoteThrottled", 429);
	if (rc == MDG_EDENIED)
		return refuse(w, "NoteNoRecipient", 404);
	if (rc != MDG_OK)
		return rc;
	web_redirect(w, "/notes/%lld?done=sent", id);
	return MDG_OK;
}

int page_note(web *w)
{
	long long id = web_param_id(w);
	db_result *r = NULL;
	if (!id)
		return MDG_ENOTFOUND;
	int rc = note_read(w->app->db, w->me.id, id, &r);
	if (rc != MDG_OK)
		return rc;
	db_row_hdf(r, 0, w->hdf, "Note");
	db_result_free(r);
	static const web_done done[] = {
		{"sent", "NoteSent"},
		{"blocked", "NoteBlocked"},
		{"unblocked", "NoteUnblocked"},
	};
	web_flash_done(w, done, MDG_ARRAY_LEN(done));
	web_page(w, "notes/note.cs", "Note");
	return MDG_OK;
}

int page_note_delete(web *w)
{
	long long id = web_param_id(w);
	if (!id)
		return MDG_ENOTFOUND;
	int rc = note_delete(w->app->db, w->me.id, id);
	if (rc != MDG_OK)
		return rc;
	web_redirect(w, "/notes?done=deleted");
	return MDG_OK;
}

int page_note_block(web *w)
{
	static const field_spec fields[] = {
		{"block", FIELD_CHECKBOX, false, 0, 0, 0},
	};
	form f;
	long long id = web_param_id(w);
	db_result *r = NULL;
	if (!id)
		return MDG_ENOTFOUND;
	form_validate(w, fields, MDG_ARRAY_LEN(fields), &f);
	/* Only someone the reader has a note from or to: the note names them. */
	int rc = note_read(w->app->db, w->me.id, id, &r);
	if (rc != MDG_OK)
		return rc;
	long long other = db_get_ll(r, 0, "mine", 0) ? db_get_ll(r, 0, "recipient_id", 0) : db_get_ll(r, 0, "author_id", 0);
	db_result_free(r);
	bool on = form_on(&f, "block");
	rc = note_block(w->app->db, w->me.id, other, on);
	if (rc != MDG_OK)
		return rc;
	web_redirect(w, "/notes/%lld?done=%s", id, on ? "blocked" : "unblocked");
	return MDG_OK;
}
