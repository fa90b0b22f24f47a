/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* answers.c: a case's answers to its category's questions, read and shown
 * as people read them (open311.h). Apart from open311.c, which files
 * cases, so that what reads a case for its public view
 * (cases/public_view.c, called by every writer of a case) does not call
 * back into a writer. */
#include "open311/open311.h"
#include "core/buf.h"
#include "core/xalloc.h"

#include <stdbool.h>
#include <string.h>

int open311_case_answers(db *d, long long case_id, const char *lang, db_result **out)
{
	return db_query(d, out,
			"SELECT IF(? = 'en', q.question_en, q.question_ko) AS question, a.answer AS answer,"
			" q.datatype AS datatype, q.value_list AS value_list"
			" FROM case_answers a JOIN category_questions q ON q.id = a.question_id"
			" WHERE a.case_id = ? ORDER BY q.sort_order, q.id",
			DB_ARGS(DB_STR(lang), DB_INT(case_id)));
}

/* The name of key (klen bytes) in value_list's "key=name" lines into
 * *name and *nlen (without a line's CR); false when no line has it. */
static bool list_find(const char *value_list, const char *key, size_t klen, const char **name, size_t *nlen)
{
	const char *line = value_list;
	while (line && *line && klen) {
		size_t len = strcspn(line, "\n");
		size_t eq = strcspn(line, "=\n");
		if (eq == klen && eq < len && strncmp(line, key, klen) == 0) {
			*name = line + eq + 1;
			*nlen = len - eq - 1;
			if (*nlen && (*name)[*nlen - 1] == '\r')
				(*nlen)--;
			return true;
		}
		line += len;
		if (*line)
			line++;
	}
	return false;
}

bool open311_list_has(const char *value_list, const char *key)
{
	const char *name;
	size_t nlen;
	return list_find(value_list, key, strlen(key), &name, &nlen);
}

char *open311_answer_shown(const char *datatype, const char *value_list, const char *answer)
{
	bool multi = strcmp(datatype, "multivaluelist") == 0;
	if (!multi && strcmp(datatype, "singlevaluelist") != 0)
		return xstrdup(answer);
	buf shown = {0};
	const char *key = answer;
	for (;;) {
		/* A multivaluelist's keys are stored joined by commas. */
		size_t klen = multi ? strcspn(key, ",") : strlen(key);
		const char *name;
		size_t nlen;
		if (shown.len)
			buf_append(&shown, ", ", 2);
		if (list_find(value_list, key, klen, &name, &nlen) && nlen)
			buf_append(&shown, name, nlen);
		else /* an option deleted since: its key is all there is */
			buf_append(&shown, key, klen);
		if (key[klen] != ',')
			break;
		key += klen + 1;
	}
	char *out = xstrdup(buf_str(&shown));
	buf_free(&shown);
	return out;
}
