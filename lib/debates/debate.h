/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* debate.h: policy debates (토론). Staff open a debate (a question, its
 * background, the department responsible, an opening and a closing time);
 * while it is open citizens take a side (changeable until closing) and
 * write opinions tagged with a side, replies and recommendations (posts,
 * lib/posts); after closing the responsible department publishes the
 * official summary and what the institution will do, and everyone who
 * took part is told.
 *
 * A debate's state follows from its times alone (debate_state_at), so
 * nothing has to run when it opens or closes. */
#ifndef MDG_DEBATE_H
#define MDG_DEBATE_H
#include <stdbool.h>

#include "cases/case.h"
#include "db/db.h"
#include "org/audit.h"
#include "posts/post.h"

#define DEBATE_TITLE_MAX 200
#define DEBATE_BACKGROUND_MAX 20000
#define DEBATE_SUMMARY_MAX 20000
/* "YYYY-MM-DD HH:MM:SS" and its NUL. */
#define DEBATE_TIME_TEXT 20
/* Debates per page of a list. */
#define DEBATE_PAGE_SIZE 20
/* The most recommended opinions shown per side. */
#define DEBATE_TOP_PER_SIDE 3

enum debate_state { DEBATE_UPCOMING, DEBATE_OPEN, DEBATE_CLOSED };
/* The sides, in the order tallies are kept and shown. */
enum debate_side { SIDE_AGREE, SIDE_DISAGREE, SIDE_NEUTRAL, SIDE__COUNT };

/* "upcoming", "open", "closed". */
const char *debate_state_name(enum debate_state s);
/* The state name parsed; false for another word. */
bool debate_state_parse(const char *name, enum debate_state *out);
/* "agree", "disagree", "neutral". */
const char *debate_side_name(enum debate_side s);

/* The state at now of a debate open from opens until closes (all three
 * "YYYY-MM-DD HH:MM:SS", which compare as text): upcoming before opens,
 * open from opens until just before closes, closed from closes on. */
enum debate_state debate_state_at(const char *now, const char *opens, const char *closes);

/* A time as a form sends it, "YYYY-MM-DDTHH:MM" (datetime-local) or with
 * a space, seconds optional, into "YYYY-MM-DD HH:MM:SS" (out,
 * DEBATE_TIME_TEXT bytes); MDG_EINVAL for anything else or a date or
 * time that does not exist. */
int debate_time_parse(const char *s, char *out);

/* The share of each side in whole percent, summing to 100 when there is
 * any count (largest remainders get the rounding), all 0 when none. */
void debate_tally_percent(const long counts[SIDE__COUNT], int pct[SIDE__COUNT]);

/* A debate as the handlers check it. */
typedef struct debate {
	long long id;
	long long department_id;
	enum debate_state state;
	bool summarized;
} debate;

/* Loads debate id (MDG_ENOTFOUND when there is none). */
int debate_load(db *d, long long id, debate *out);

/* Background files a debate takes at once. */
#define DEBATE_FILES_MAX 5

/* What staff type to open or edit a debate (times as debate_time_parse
 * gives them), with the files to add to its background (moved into
 * uploads_dir; none: nfiles 0). */
typedef struct debate_input {
	const char *title;
	const char *background;
	long long department_id;
	const char *opens_at;
	const char *closes_at;
	const case_upload *files;
	int nfiles;
	const char *uploads_dir;
} debate_input;

/* Opens a debate (audited): *id the new one's. MDG_EINVAL when closes_at
 * is not after opens_at or not in the future, or the department does not
 * exist. The caller checked the staff member's reach. */
int debate_create(db *d, const actor *who, const debate_input *in, long long *id);
/* Edits debate id before it opens (audited): MDG_ECONFLICT once it has
 * opened, MDG_EINVAL as debate_create. */
int debate_edit(db *d, const actor *who, long long id, const debate_input *in);

/* One debate for its page: id, title, background, department_id,
 * department (in lang), opens, closes (minutes), opens_input,
 * closes_input ("YYYY-MM-DDTHH:MM" for a form), summary, action,
 * summary_at, summarized. */
int debate_get(db *d, long long id, const char *lang, db_result **out);

/* The background files of debate id: id, name (as sent), type, size. */
int debate_attachments(db *d, long long id, db_result **out);
/* A background file of a debate (debates are public): the stored path
 * (the caller frees it and name and mime). MDG_ENOTFOUND when absent. */
int debate_attachment_open(db *d, long long attachment_id, const char *uploads_dir, char **path, char **name,
			   char **mime);

/* Removes background file attachment_id from debate id before it opens
 * (audited; MDG_ECONFLICT once it has opened, MDG_ENOTFOUND when the file
 * is not the debate's); the stored file goes after the commit. */
int debate_detach(db *d, const actor *who, long long id, long long attachment_id, const char *uploads_dir);

/* The list's statement (debate_list) for the debates where (a condition
 * on b, debates), dept_ids (bound twice, NULL: every one) in order;
 * binds lang, dept_ids twice, the limit and the offset; its columns: id,
 * title, department, opens, closes, sides, opinions, summarized. Open
 * ones: DEBATE_WHERE_OPEN. */
#define DEBATE_LIST_SCOPE " AND (? IS NULL OR FIND_IN_SET(b.department_id, ?))"
#define DEBATE_LIST_ROWS(where, order)                                                                     \
	"SELECT b.id AS id, b.title AS title, " SQL_NAME_IN("g.") " AS department,"                 \
	" " SQL_MINUTE("b.opens_at") " AS opens, " SQL_MINUTE("b.closes_at") " AS closes,"          \
	" (SELECT COUNT(*) FROM debate_sides s WHERE s.debate_id = b.id) AS sides,"                 \
	" (SELECT COUNT(*) FROM posts p WHERE p.parent_kind = 'debate' AND p.parent_id = b.id"      \
	" AND p.moderation = 'visible') AS opinions,"                                              \
	" b.summary_at IS NOT NULL AS summarized"                                                   \
	" FROM debates b JOIN departments g ON g.id = b.department_id"                              \
	" WHERE " where DEBATE_LIST_SCOPE " ORDER BY " order " LIMIT ? OFFSET ?"
#define DEBATE_WHERE_OPEN "b.opens_at <= NOW() AND b.closes_at > NOW()"
/* A page (1...) of the debates in state: id, title, department,
 * opens, closes, sides (participants who took one), opinions,
 * summarized; open ones closing soonest first, upcoming opening soonest
 * first, closed the latest first. dept_ids (ids separated by commas, as
 * perm_departments gives them) limits it to those departments; NULL: all.
 * *total counts them all. */
int debate_list(db *d, enum debate_state state, const char *lang, const char *dept_ids, long page, long page_size,
		db_result **out, long *total);

/* The public statistics of debates (/stats), one row: debates, open,
 * closed, summarized (closed ones with their summary), participants
 * (accounts that took a side), opinions, replies (visible ones): a
 * statement that the page reads inside its own (report_public_page). */
#define DEBATE_STATS_SQL                                                                                   \
	"SELECT (SELECT COUNT(*) FROM debates) AS debates,"                                                \
	" (SELECT COUNT(*) FROM debates b WHERE b.opens_at <= NOW() AND b.closes_at > NOW()) AS open,"    \
	" (SELECT COUNT(*) FROM debates b WHERE b.closes_at <= NOW()) AS closed,"                         \
	" (SELECT COUNT(*) FROM debates b WHERE b.closes_at <= NOW() AND b.summary_at IS NOT NULL)"       \
	" AS summarized,"                                                                                  \
	" (SELECT COUNT(DISTINCT account_id) FROM debate_sides) AS participants,"                         \
	" (SELECT COUNT(*) FROM posts WHERE parent_kind = 'debate' AND moderation = 'visible'"           \
	" AND reply_to IS NULL) AS opinions,"                                                              \
	" (SELECT COUNT(*) FROM posts WHERE parent_kind = 'debate' AND moderation = 'visible'"           \
	" AND reply_to IS NOT NULL) AS replies"

/* account_id's side in debate id into side (16 bytes; "" for none). */
int debate_side_of(db *d, long long id, long long account_id, char *side);
/* account_id takes or changes to side while the debate is open:
 * MDG_ECONFLICT when it is not open, MDG_EINVAL for a bad side. */
int debate_take_side(db *d, long long id, long long account_id, const char *side);
/* The participants per side (enum debate_side order). */
int debate_tally(db *d, long long id, long counts[SIDE__COUNT]);

/* An opinion (reply_to 0, side required) or a reply (reply_to set, no
 * side) in debate id, which must be open (MDG_ECONFLICT). An opinion's
 * author who took no side yet takes the opinion's. *post_id the new
 * post's; the errors of post_add. One transaction. */
int debate_opinion(db *d, long long id, const post_new *p, long long *post_id);

#define DEBATE_MINE_SIZE 10
/* The newest DEBATE_MINE_SIZE of account_id's opinions and replies in
 * debates, for their page: id, debate_id, debate (its title), body, side
 * ("" for a reply), reply (1 for a reply), moderation, recommends,
 * created. *total counts them all. */
int debate_posts_mine(db *d, long long account_id, db_result **out, long *total);

/* Publishes (or corrects) the closing summary and the action of debate
 * id, closed by now (MDG_ECONFLICT before), audited; the first time,
 * every participant (who took a side or wrote) is told
 * (NOTICE_DEBATE_SUMMARY). The caller checked the staff member's reach. */
int debate_summarize(db *d, const actor *who, long long id, const char *summary, const char *action);

#endif
