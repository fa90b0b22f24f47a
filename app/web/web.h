/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* web.h: what every madang-web handler sees: the app, the request, the
 * signed-in account, the route table and the form helpers. */
#ifndef MDG_WEB_H
#define MDG_WEB_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "auth/account.h"
#include "auth/session.h"
#include "cache/page_cache.h"
#include "cases/case.h"
#include "core/crypto.h"
#include "db/db.h"
#include "db/idem.h"
#include "http/request.h"
#include "form.h"
#include "geo/geo.h"
#include "moderation/filter.h"
#include "org/org.h"

/* The map on the filing form and the case pages (map.*, page_map.c). */
typedef struct map_settings {
	const char *tiles;        /* tile URL template; "": no tiles */
	const char *attribution;  /* the tiles' credit line */
	char tile_origin[GEO_ORIGIN_MAX]; /* for the CSP's img-src; "" without tiles */
	int public_decimals;      /* a location's decimals in public */
	geo_address_mode public_address; /* an address in public (geo_mask_address) */
	char center_lat[GEO_DEGREE_TEXT], center_lng[GEO_DEGREE_TEXT];
	long zoom;                /* the first view's zoom */
} map_settings;

/* Process-wide settings, read once from the configuration. */
typedef struct web_app {
	HDF *cfg;
	db *db;               /* this worker's connection; NULL until it works */
	http_limits limits;
	session_limits session;
	throttle_limits throttle;
	uint8_t secret[32];   /* CSRF key */
	const char *templates;
	const char *uploads;
	const char *tmp;
	bool https;
	map_settings map;
	const char *metrics_token; /* "" : /metrics from loopback only */
	const char *migrations;    /* db.migrations, for /healthz */
} web_app;

/* One request being handled. */
typedef struct web {
	web_app *app;
	http_req *r;
	HDF *hdf;             /* the page data (render_request_hdf) */
	bool signed_in;
	account me;
	char session_token[CRYPTO_TOKEN_TEXT];
	char anon[CRYPTO_TOKEN_TEXT];
	const char *lang;     /* "ko" or "en" */
	char csrf[CSRF_TEXT];
	const char *content_type; /* for a raw body (no template); NULL: HTML */
	bool staff;           /* signed in as staff */
	bool db_down;         /* the session could not be looked up */
	staff_perm perm;      /* their roles (all false for citizens) */
	actor who;            /* for the audit log */
	page_cache_ticket cache; /* an anonymous public page being cached */
} web;

/* A handler validates input, calls lib/, fills w->hdf and names a
 * template (or redirects). It returns MDG_OK, or an MDG_* error that the
 * dispatcher answers with the matching error page. */
typedef int (*web_handler)(web *w);

enum web_access {
	ACCESS_PUBLIC,    /* anyone */
	ACCESS_ACCOUNT,   /* any signed-in account */
	ACCESS_CITIZEN,   /* a signed-in citizen */
	ACCESS_STAFF,     /* a signed-in staff member */
	ACCESS_ADMIN,     /* a supervisor or system administrator of any scope
			     (the handler limits what it shows to that scope) */
	ACCESS_GLOBAL_ADMIN, /* the same of the whole institution */
	ACCESS_REPORTS,   /* staff who may read reports */
	/* a case's owner: a signed-in citizen, or signed out with a guest's
	 * tracking link (k), which the handler checks for the case */
	ACCESS_OWNER,
	/* anyone holding a signed link: the signature in the path is the
	 * authentication, so its POST takes no CSRF token (page_unsubscribe;
	 * also Kannel's POST to /sms/in, with the shared secret) */
	ACCESS_SIGNED
};

typedef struct web_route {
	const char *method;   /* "GET" (also serves HEAD) or "POST" */
	const char *pattern;  /* "/cases/{id}": {…} captures one segment */
	web_handler handler;
	enum web_access access;
} web_route;

extern const web_route web_routes[];
extern const size_t web_nroutes;

/* Serves one request end to end (used by the FastCGI loop). */
void web_serve(web_app *app, FCGX_Request *fcgi);

/* Names the page template and its title (a key under L.Title). */
void web_page(web *w, const char *template, const char *title_key);
/* Sets w->hdf name to a printf-formatted value. */
void web_set(web *w, const char *name, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Sets the Pager.* values for a list of total items at page. */
void web_pager(web *w, long page, long total, long page_size);
/* A positive page number from the query ("page"), 1 when absent; an
 * invalid one is MDG_EINVAL. */
int web_page_number(web *w, long *page);
/* The viewer of the current request, for lib/cases. */
viewer web_viewer(const web *w);
/* Reads and checks the map.* settings into app->map: MDG_OK, or
 * MDG_EINVAL (logged) for a tile URL the CSP could not name. */
int web_map_settings(web_app *app);
/* Map.*: the map box of a page (Map.On loads Leaflet in the layout),
 * centred on lat/lng when both are given, else on map.center; pick: the
 * filing form's, where a click sets the location fields. */
void web_map_fill(web *w, const char *lat, const char *lng, bool pick);
/* Starts a session after sign-in (a new token) and sets its cookie. */
int web_sign_in(web *w, long long account_id);

/* Sets a message shown at the top of the page (a key under L.Msg). */
void web_flash(web *w, const char *key);
/* The same for a failure: shown as an alert. */
void web_flash_error(web *w, const char *key);
/* A ?done=KEY that a page accepts after a change redirected to it, and
 * the message (a key under L.Msg) it shows. */
typedef struct web_done {
	const char *key, *msg;
} web_done;
/* Shows the message of the request's ?done=KEY when KEY is one of done
 * (n entries); true when it did. Only known keys: the query names a
 * message, it never is one. */
bool web_flash_done(web *w, const web_done *done, size_t n);
/* Redirects to a printf-formatted local path after a change. */
void web_redirect(web *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The idempotency key of a POST that creates something (lib/db/idem.h;
 * the form's hidden "idem" field, macros.cs idem_field). Called just
 * before the creating call: when the same POST (same key, same person,
 * same path) created already, redirects to that result and answers true
 * with *rc MDG_OK (the handler returns *rc; also true with a DB error);
 * otherwise arms the key for the creating transaction, the object's
 * location being prefix + (text, filled before the commit, or the
 * transaction's first new id) + suffix. A POST without a key: false, and
 * nothing armed. */
bool web_idem_start(web *w, idem_key *k, const char *prefix, const char *text, const char *suffix, int *rc);
/* Right after the creating call answered rc: disarms the key; true when
 * the call failed only because the same POST created meanwhile (a double
 * click racing): then redirected to that result, and the handler returns
 * MDG_OK. */
bool web_idem_raced(web *w, idem_key *k, int rc);
/* The route's first {…} as an id (1 ... FORM_ID_MAX); 0 when it is not
 * one (the handler answers 404). */
long long web_param_id(const web *w);

/* A community's calendar (page_calendar.c). */
int page_calendar(web *w);
int page_calendar_ics(web *w);
int page_calendar_settings(web *w);
int page_calendar_feed(web *w);
int page_event_new(web *w);
int page_event_create(web *w);
int page_event(web *w);
int page_event_edit(web *w);
int page_event_update(web *w);
int page_event_cancel(web *w);
int page_event_rsvp(web *w);
/* Handlers, by page area. */
int page_home(web *w);
int page_healthz(web *w);
int page_metrics(web *w);
int page_lang(web *w);
/* GET /lang?lang=LANG&back=PATH: the cached pages' language switch. */
int page_lang_link(web *w);
int page_error_413(web *w);
int page_public_cases(web *w);
int page_case(web *w);
#ifdef MADANG_BENCH_NODB
/* The bench-only page: the public case page of the worker's first such
 * request, rendered again from its data without the database
 * (page_bench.c; only in a build with -DMADANG_BENCH_NODB=ON). */
int page_bench_nodb(web *w);
#endif
int page_attachment(web *w);
int page_register_form(web *w);
int page_register(web *w);
int page_login_form(web *w);
int page_login(web *w);
/* Two-factor sign-in (page_totp.c). */
int page_login_code_form(web *w);
int page_login_code(web *w);
int page_totp_form(web *w);
int page_totp_enrol(web *w);
int page_totp_off(web *w);
/* After a right password: when account id (of kind) has a second factor
 * or must enrol one, starts the half-signed-in state instead of a session
 * and redirects to its next step (*pending true); else does nothing.
 * next: where to go once signed in. */
int web_totp_after_password(web *w, long long id, const char *kind, const char *next, bool *pending);
/* A throttled attempt: 429 with Retry-After and the
 * "too many attempts" message; the caller renders its page. */
void web_refuse_throttled(web *w, long retry_after);
int page_logout(web *w);
int page_account_form(web *w);
int page_account_password(web *w);
int page_account_contact(web *w);
/* Checks the signed-in person's password typed into field of f (a
 * valid form), throttled like signing in: MDG_OK, with field marked
 * wrong ("current_wrong") when it is; MDG_ETHROTTLED after setting the
 * 429 answer and its message (the caller renders its page). */
int web_password_check(web *w, form *f, const char *field);
/* A new empty file PREFIX-XXXXXX in app->tmp for a download the request
 * builds (its name into path, len bytes), listed with the request's
 * uploads so that it is removed on every path when the request ends
 * (http_req_free). MDG_ERR when it cannot be made. */
int web_temp_file(web *w, const char *prefix, char *path, size_t len);
/* Citizens' data rights (page_rights.c): the "my data" download, closing
 * one's account, withdrawing an optional consent. */
int page_my_data_form(web *w);
int page_my_data(web *w);
int page_account_delete_form(web *w);
int page_account_delete(web *w);
int page_consent_withdraw(web *w);
/* Withdrawable.N (kind, version): the optional consents given, each
 * with its button, for the account page (a failure, logged, leaves them
 * out). */
void web_rights_fill(web *w);
int page_file_form(web *w);
int page_file(web *w);
int page_my_cases(web *w);
/* Checks a filing form's location (latitude, longitude) and its
 * attachments (field "attachments", at most 5) into f; fills files[]
 * with each accepted file and its sniffed type (page_case.c). */
void web_validate_extras(web *w, form *f, case_upload *files, int *nfiles);
/* Categories.*: the active categories, for a form or a filter. */
int web_categories(web *w);
/* The filters every public list takes from its query: ?category= (an id,
 * Filter.category) and ?q= (search words, validated like a form field,
 * Filter.q); MDG_EINVAL for a malformed one (page_portal.c). */
int web_list_filters(web *w, long long *category, const char **words);
/* Policy proposals (page_proposal.c): the public list, writing, a
 * proposal's page, editing, withdrawing, supporting, promoting. */
int page_proposals(web *w);
int page_proposal_form(web *w);
int page_proposal_create(web *w);
int page_proposal(web *w);
int page_proposal_edit_form(web *w);
int page_proposal_edit(web *w);
int page_proposal_withdraw(web *w);
int page_proposal_support(web *w);
int page_proposal_promote(web *w);
int page_proposal_open_review(web *w);
int page_proposal_attachment(web *w);
/* The staff's work on cases (page_staff.c) and absences (page_absence.c);
 * the citizen's side of a case's life cycle (page_citizen.c). */
int page_staff_cases(web *w);
int page_staff_bulk(web *w);
int page_staff_case(web *w);
int page_staff_act(web *w);
int page_staff_note(web *w);
int page_staff_message(web *w);
int page_staff_part(web *w);
int page_staff_proposal_update(web *w); /* a follow-up update on an answered proposal's case */
int page_staff_example(web *w);
/* The staff case page's repeat warning (Repeat.*), the closing as a
 * repeat (Closing.*; can: the reader's perm_case bits) and the similar
 * answers of the reader's departments (SimilarAnswers.N) (page_repeat.c). */
int web_repeat_fill(web *w, long long case_id, unsigned can);
/* POST /staff/cases/{tracking}/repeat: a handler proposes closing the
 * case as a repeat (반복민원 종결); a manager approves or returns it. */
int page_staff_repeat(web *w);
/* Answered public cases and published examples similar to a complaint
 * being written into Similar.N (tracking, title, status, answered); *n
 * gets how many (page_repeat.c). */
int web_similar_suggest(web *w, const char *title, const char *body, int *n);
/* GET /cases/similar.json?title=&body=: the same for the filing form's
 * script, {"items": [{tracking, title, answered, url}]}. */
int page_similar_json(web *w);
/* Follow.* on a public case's page: whether the signed-in citizen (not
 * its filer) follows it, and the message after following. */
int web_follow_fill(web *w, long long case_id);
/* POST /cases/{tracking}/follow: "this is my problem too" (action
 * follow) or stop following (unfollow); only a public case. */
int page_case_follow(web *w);
int page_absences(web *w);
int page_absence_add(web *w);
int page_absence_delete(web *w);
int page_absence_end(web *w);
int page_absence_calendar(web *w);
int page_case_act(web *w);
/* The owner's message to their case (signed in, or a guest's link). */
int page_case_message(web *w);
/* The confirmation step before a citizen withdraws their case. */
int page_case_withdraw_form(web *w);
int page_report_workload(web *w);
/* The managers' report (/staff/reports) and its CSV and XLSX exports. */
int page_report_analysis(web *w);
int page_report_analysis_csv(web *w);
int page_report_analysis_xlsx(web *w);
/* The cases behind the report, one line each (its filters, its scope). */
int page_report_rows_csv(web *w);
int page_report_rows_xlsx(web *w);
int page_public_stats(web *w);
/* Usage statistics (page_usage.c): the supervisors' page and its CSV, the
 * public summary; dispatch.c counts each page view and writes the counts
 * after the response, main.c at the worker's exit; the list pages count
 * their searches (words: the search text, found: the matches). */
int page_staff_usage(web *w);
int page_staff_usage_csv(web *w);
int page_public_usage(web *w);
void web_usage_count(web *w, const char *content_type);

/* The anonymous public page cache (page_cache.c, lib/cache/page_cache.h).
 * A handler of a public page calls web_cache_begin before it reads what
 * the page shows: for an anonymous GET without a query the page is then
 * rendered without anything personal (Page.Cached: no CSRF token, no
 * forms) and stored by web_cache_finish (dispatch.c, before the answer).
 * group: page_cache_case_group's, or "lists". */
void web_cache_begin(web *w, const char *group);
void web_cache_finish(web *w, const char *content_type);
void web_usage_flush(web_app *app, bool now);
void web_usage_search(web *w, bool staff_inbox, const char *words, long page, long found);
int page_examples(web *w);
/* The administration pages (page_admin*.c): supervisors and system
 * administrators only (ACCESS_ADMIN), each within its scope; settings,
 * holidays, the audit log and the outbox for those of the whole
 * institution (ACCESS_GLOBAL_ADMIN). */
int page_admin_home(web *w);
int page_admin_departments(web *w);
int page_admin_department_create(web *w);
int page_admin_department(web *w);
int page_admin_department_update(web *w);
int page_admin_staff(web *w);
int page_admin_staff_create(web *w);
int page_admin_member(web *w);
int page_admin_member_action(web *w);
int page_admin_categories(web *w);
int page_admin_category_create(web *w);
int page_admin_category(web *w);
int page_admin_category_update(web *w);
int page_admin_holidays(web *w);
int page_admin_holidays_change(web *w);
int page_admin_settings(web *w);
int page_admin_settings_save(web *w);
int page_admin_audit(web *w);
int page_admin_audit_csv(web *w);
/* The web side of the notifier (page_notify.c, page_rate.c): notice
 * preferences, the inbox of notices, the staff's alert, the outbox, the
 * callback queue, delivery reports, the rating link and the one-click
 * unsubscribe link (page_unsubscribe.c). */
int page_account_notify(web *w);
int page_notices(web *w);
int page_notices_read(web *w);
int page_staff_alerts(web *w);
int page_admin_outbox(web *w);
int page_admin_outbox_retry(web *w);
int page_admin_outbox_cancel(web *w);
int page_staff_callbacks(web *w);
int page_staff_callback_done(web *w);
int page_sms_dlr(web *w);
/* The call centre's console (page_callcentre.c): search and screen pop,
 * a caller's history, a call note, a case filed for a caller. */
int page_callcentre(web *w);
int page_callcentre_caller(web *w);
int page_callcentre_note(web *w);
int page_callcentre_file(web *w);
/* Kannel's smsbox passes an SMS from a phone (SMS intake). */
int page_sms_in(web *w);
int page_rate_form(web *w);
int page_rate(web *w);
int page_unsubscribe_form(web *w);
int page_unsubscribe(web *w);
/* The Open311 GeoReport v2 API (page_open311.c): discovery, services,
 * service definitions, requests (GET, POST), one request, tokens, the
 * servicerequestupdates feed; its client keys and the categories'
 * questions for supervisors (page_admin_open311.c). */
int page_open311(web *w);
int page_open311_post(web *w);
int page_open311_service(web *w);
int page_open311_request(web *w);
int page_open311_token(web *w);
/* For a request under /open311/: answers status (an error the dispatcher
 * met before or instead of the handler) as the specification's error in
 * the path's format, never an HTML page, and returns true; false for any
 * other path. */
bool web_open311_error(web *w, int status);
int page_admin_open311(web *w);
int page_admin_open311_create(web *w);
int page_admin_open311_revoke(web *w);
int page_admin_open311_questions(web *w);
int page_admin_open311_question_save(web *w);
int page_admin_open311_question_delete(web *w);
/* Notes (page_notes.c): the inbox, the sent box, the new-note form and
 * its sending, one note, deleting it for oneself, blocking its sender. */
int page_notes(web *w);
int page_notes_sent(web *w);
int page_note_new_form(web *w);
int page_note_new(web *w);
int page_note(web *w);
int page_note_delete(web *w);
int page_note_block(web *w);
/* A private item's review by a moderator whose scope covers it (a
 * reported note: those of the whole institution; a members-only
 * community's post, comment or chat message): that one item of the
 * queue with its text, audited (page_moderation.c). */
int page_moderation_review(web *w);
/* Policy debates (page_debates.c): the public list and page, a
 * citizen's side, opinion or reply, a post's recommendation; the staff's
 * list, opening and editing a debate, its closing summary. */
int page_debates(web *w);
int page_debate(web *w);
int page_debate_side(web *w);
int page_debate_opinion(web *w);
int page_post_recommend(web *w);
int page_staff_debates(web *w);
int page_staff_debate_new(web *w);
int page_staff_debate_create(web *w);
int page_staff_debate(web *w);
int page_staff_debate_update(web *w);
int page_staff_debate_summary(web *w);
int page_staff_debate_detach(web *w);
int page_debate_attachment(web *w);
/* Communities (page_communities.c): the list, the creation wizard, a
 * community's home page (join, leave, image, a supervisor's state) and
 * its members page (requests, roles, invitations, ownership). */
int page_communities(web *w);
int page_community_new(web *w);
int page_community_wizard(web *w);
int page_community(web *w);
int page_community_image(web *w);
int page_community_image_save(web *w);
int page_community_join(web *w);
int page_community_leave(web *w);
int page_community_govern(web *w);
int page_community_members(web *w);
int page_community_members_act(web *w);
/* HomeCommunities.*: the home page's few communities, the most active first. */
int web_home_communities(web *w);
/* The community of the route's {slug} (its first capture) as the reader
 * may see it, into *acc: MDG_ENOTFOUND when there is none or its content
 * (boards, calendar, chat) is not for them, by URL too. The boards', the
 * calendar's and the chat's handlers open with it (page_communities.c). */
struct community_access;
int web_community_readable(web *w, struct community_access *acc);
/* Answers with a stored file: path (the request frees it), sent under
 * name as mime; frees name and mime (util.c). */
void web_send_attachment(web *w, char *path, char *name, char *mime);
/* The files of the request's "attachments" field accepted into files
 * (at most max, each with its type sniffed from content); the first
 * refused one fails f's field "attachments" (too_many_files, file_type;
 * Form.BadFile names it). The number accepted (page_case.c). */
int web_uploads(web *w, form *f, case_upload *files, int max);
/* HomeDebates.*: the home page's few open debates, closing soonest. */
int web_home_debates(web *w);
/* PREFIX.N.* (the top posts of page, from 1, of the thread under
 * parent kind/id, as post_thread gives them) with PREFIX.N.Replies.M.*
 * and Pager.* (page_debates.c; debates and proposals). */
int web_post_thread(web *w, const char *kind, long long id, long page, const char *prefix);
/* Me.Restricted (and Me.Until, "" when indefinite) while a penalty
 * stops the signed-in person posting in public (page_debates.c). */
int web_restriction_fill(web *w);
/* Comments on a proposal (page_proposal.c) and ProposalStats.* for
 * /stats. */
int page_proposal_comment(web *w);
/* A community's boards (page_boards.c): a board's list and search, a
 * new post, a post with its comments, its files, edit, delete, pin. */
int page_board(web *w);
int page_board_form(web *w);
int page_board_create(web *w);
int page_cpost(web *w);
int page_cpost_file(web *w);
int page_cpost_comment(web *w);
int page_cpost_edit_form(web *w);
int page_cpost_edit(web *w);
int page_cpost_delete(web *w);
int page_cpost_pin(web *w);
/* Its author edits (through the gates of a new comment) or deletes their
 * comment on a board post (page_boards.c). */
int page_cpost_comment_edit(web *w);
int page_cpost_comment_delete(web *w);
/* Moderation (page_moderation.c): the report form on any kind of public
 * text, the author's objection, the moderators' queue and decisions,
 * unpublishing a public complaint's text, the word list. */
int page_report_form(web *w);
int page_report(web *w);
int page_objection_form(web *w);
int page_objection(web *w);
int page_moderation_queue(web *w);
int page_moderation_decide(web *w);
int page_case_unpublish(web *w);
/* "Share to intranet" on the staff case page (page_intranet.c):
 * Share.Targets (the reader's staff communities) for its form; the
 * share itself (POST /staff/cases/{tracking}/share). */
int web_intranet_share_fill(web *w);
/* The wizard's intranet: Intranet.Departments (those who may tie a staff
 * community to: supervisors and managers over them, a global admin any)
 * and the check of one. */
int web_intranet_departments_fill(web *w);
bool web_intranet_may_tie(web *w, long long department_id);
int page_staff_share(web *w);
int page_admin_moderation_words(web *w);
int page_admin_moderation_words_change(web *w);
/* The gates of every public post of a content kind ("case", "post",
 * ...) by author_id: the posting throttle (MDG_ETHROTTLED: store
 * nothing) and the word filter: *title (may be NULL) and *body become the
 * masked texts held in m. When a text has a hold word, call
 * web_moderation_hold with the new item's id in the transaction that
 * stores it. Free m after storing. */
typedef struct web_moderation {
	mod_result title, body;
	const char *kind;
	long long author_id;
	bool held;
} web_moderation;
int web_moderate(web *w, const char *kind, long long author_id, const char **title, const char **body,
		 web_moderation *m);
/* Holds item_id (stored in the caller's transaction) when m says so. */
int web_moderation_hold(db *d, const web_moderation *m, long long item_id);
/* web_moderate for a public complaint at filing: over the throttle the
 * form fails on "public" with "throttled"; a held text is filed 'held'
 * (c->in_tx). */
int web_moderate_public(web *w, form *f, case_new *c, web_moderation *m);
void web_moderation_free(web_moderation *m);
/* Fills the preferences section of the account page (view_notify_prefs.c):
 * Notify.*, and the stored choices into Form.notify_* unless a form is
 * being sent back. */
void web_notify_prefs_fill(web *w);
/* Fills Notify.* for the layout of a page shown to a signed-in account:
 * the unread count, and for staff the latest unread notices (the alert).
 * Failures leave the alert out; the page itself is not affected. */
void web_notify_layout(web *w);
/* Marks read the notice named by ?notice=ID of a case page reached from
 * the inbox or the alert, when it is the signed-in person's. */
void web_notice_opened(web *w);
/* Mileage and penalties (page_mileage.c, page_staff_penalty.c): the
 * citizen's "my page" with their complaints, mileage, penalties and
 * notices, an objection to a penalty, the public ranking and its opt-in
 * (filled into the account page by web_mileage_prefs_fill: Mileage.*);
 * penalties for global moderators and supervisors
 * (web_decides_penalties). */
int page_my(web *w);
int page_my_objection(web *w);
int page_mileage_ranking(web *w);
int page_account_mileage(web *w);
void web_mileage_prefs_fill(web *w);
int page_staff_penalties(web *w);
int page_staff_penalty_apply(web *w);
int page_staff_penalty_decide(web *w);
bool web_decides_penalties(const web *w);
/* Real-name identity (page_identity.c): the account's status and the
 * start of a check, the provider's signed callback, the built-in test
 * provider (demo only), the withdrawal of the consent to the check.
 * web_identity_gate: when the setting identity.required_for names action
 * and the signed-in account has not passed the check, redirects to /account/identity?need=action and
 * returns true (*rc MDG_OK), as it does on a failure (*rc set); false
 * lets the handler go on. web_identity_fill: Identity.At and Consents.*
 * (the consent history) for the account page (a failure, logged,
 * leaves them out). */
int page_identity(web *w);
int page_identity_start(web *w);
int page_identity_withdraw(web *w);
int page_identity_callback(web *w);
int page_identity_confirm_form(web *w);
int page_identity_confirm(web *w);
int page_identity_test_form(web *w);
int page_identity_test(web *w);
bool web_identity_gate(web *w, const char *action, int *rc);
void web_identity_fill(web *w);
/* A community's live chat (page_chat.c): the room's page, a message
 * posted (and published to nginx's nchan), nchan's question whether a
 * subscription may be made (an internal location of nginx). */
int page_chat(web *w);
int page_chat_post(web *w);
int page_chat_auth(web *w);
/* The setting identity.required_for on /admin/settings: Form.identity_<action>
 * from the stored list (sent: as a refused form sent them); the list from
 * the form's boxes (audited). */
int web_identity_settings_fill(web *w, bool sent);
int web_identity_settings_save(web *w);

/* Verified contacts and password recovery (page_verify.c). */
/* Verify.*: whether the account's e-mail and mobile are verified. */
void web_verify_fill(web *w);
/* Sends a verification link / code for a new address (registration, a
 * change on /account); a throttled sending is left to the account page. */
void web_verify_send_new(web *w, long long account_id, bool email, bool mobile);
int page_verify_form(web *w);
int page_verify_mobile_send(web *w);
int page_verify_mobile_check(web *w);
int page_verify_email_send(web *w);
int page_verify_email_form(web *w);
int page_verify_email(web *w);
int page_recover_form(web *w);
int page_recover(web *w);
int page_recover_code(web *w);
int page_reset_form(web *w);
int page_reset(web *w);
int page_forgot_id_form(web *w);
int page_forgot_id(web *w);

#endif
