/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* note.h: notes (쪽지): private messages between two people who share an
 * active membership of an active community, or between two staff
 * members. Inbox and sent box, read receipts, delete for oneself, block a
 * sender, the unread count of the page header.
 *
 * A note is never visible to anyone but its sender and its recipient,
 * staff included: every read here takes the reader and answers
 * MDG_ENOTFOUND to anyone else.
 *
 * Blocking: a note to someone who blocked its sender is stored already
 * deleted for the recipient, and the sender sees it sent (never read).
 * Refusing it would tell the sender they are blocked, which invites
 * pressure by other means; the recipient, who chose to block, loses
 * nothing. */
#ifndef MDG_NOTE_H
#define MDG_NOTE_H
#include <stdbool.h>

#include "db/db.h"
#include "org/audit.h"

#define NOTE_BODY_MAX 2000
#define NOTE_PAGE_SIZE 20

/* The pure rule of who may write to whom: not oneself; two staff members
 * always; anyone else only within a shared community. */
bool note_may_write_decide(long long from, bool from_staff, long long to, bool to_staff, bool share_community);

/* Whether from (staff or not) may write to account to, by
 * note_may_write_decide over the database's facts (an inactive account
 * takes no notes). */
int note_may_write(db *d, long long from, bool from_staff, long long to, bool *ok);

/* The active account of login_id: *id and *name (of name_len bytes);
 * MDG_ENOTFOUND when there is none. */
int note_recipient(db *d, const char *login_id, long long *id, char *name, size_t name_len);
/* The same by id (for /notes/new?to=ID). */
int note_recipient_by_id(db *d, long long id, char *login_id, size_t login_len);

/* from sends body (checked by the caller: filter, throttle, restriction)
 * to account to. MDG_EDENIED when note_may_write says no. A blocked
 * sender's note is stored deleted for the recipient, who is not told
 * (*delivered false); else the recipient gets a note_received notice.
 * *id the new note's. */
int note_send(db *d, long long from, bool from_staff, long long to, const char *body, long long *id,
	      bool *delivered);

/* Which list. */
enum note_box { NOTE_INBOX, NOTE_SENT };

/* One page of account's inbox or sent box, newest first, as rows id,
 * other_id, other_login, other (the other person's name), excerpt, sent
 * (minute), read (minute or NULL), unread (1 for an unread received
 * note); the excerpt is empty once a moderator hid or deleted it. */
int note_list(db *d, long long account, enum note_box box, long page, db_result **out, long *total);

/* Note id as account (its sender or recipient) reads it: one row id,
 * author_id, author, author_login, recipient_id, recipient,
 * recipient_login, body, sent, read, mine (1 when account sent it),
 * blocked (1 when account blocked the other), moderation (the body is
 * empty once a moderator hid or deleted it). Opening a received note
 * marks it read. MDG_ENOTFOUND for anyone else and for a note they
 * deleted. */
int note_read(db *d, long long account, long long id, db_result **out);

/* Whether account is the sender or the recipient of note id and still
 * has it (*party): the report form's check, without note_read's receipt. */
int note_party(db *d, long long account, long long id, bool *party);

/* account deletes note id for themselves: MDG_ENOTFOUND as note_read. */
int note_delete(db *d, long long account, long long id);

/* account blocks (on) or unblocks other's notes. MDG_EINVAL for oneself. */
int note_block(db *d, long long account, long long other, bool on);

/* The count of account's unread notes (the page header's). */
int note_unread(db *d, long long account, long *n);

#endif
