/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* form.c: validating a submitted form into typed values (form.h). */
#include "web.h"
#include "core/log.h"
#include "core/mdg.h"
#include "core/text.h"
#include "core/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *form_get(const web *w, const char *name)
{
	const char *v = kv_get(&w->r->form, name);
	return v ? v : "";
}

void form_error(web *w, const char *field, const char *key)
{
	char name[128];
	snprintf(name, sizeof name, "Form.Err.%s", field);
	hdf_set_value(w->hdf, name, key);
	hdf_set_value(w->hdf, "Form.HasErrors", "1");
}

static bool blank(const char *v)
{
	for (const char *p = v; *p; p++)
		if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
			return false;
	return true;
}

/* Checks text for LINE/TEXT/SECRET (and the typed kinds, which are one
 * line of valid UTF-8 before they are parsed); the error key or NULL. */
static const char *text_problem(const field_spec *s, const char *v, bool one_line)
{
	size_t len = strlen(v);
	if (one_line && strpbrk(v, "\r\n"))
		return "one_line";
	if (!utf8_valid_text(v, len))
		return "utf8";
	if (s->max_chars && utf8_length(v, len) > s->max_chars)
		return "too_long";
	return NULL;
}

/* Validates one non-blank value into fl; the error key or NULL. */
static const char *parse_field(form_field *fl, const char *v)
{
	const field_spec *s = fl->spec;
	const char *problem = text_problem(s, v, s->kind != FIELD_TEXT);
	if (problem)
		return problem;
	switch (s->kind) {
	case FIELD_LINE:
	case FIELD_TEXT:
	case FIELD_SECRET:
		return NULL;
	case FIELD_INT:
	case FIELD_ID: {
		long n;
		long long min = s->kind == FIELD_ID ? 1 : s->min, max = s->kind == FIELD_ID ? FORM_ID_MAX : s->max;
		if (text_parse_long(v, (long)min, (long)max, &n) != MDG_OK)
			return "invalid";
		fl->num = n;
		return NULL;
	}
	case FIELD_DATE:
		if (biz_parse(v, &fl->date) != MDG_OK || fl->date.year < 1900 || fl->date.year > 9999) {
			fl->date = (bizdate){0, 0, 0};
			return "date";
		}
		return NULL;
	case FIELD_EMAIL:
		return text_email_valid(v) ? NULL : "email";
	case FIELD_MOBILE:
		if (text_normalise_mobile(v, fl->mobile, sizeof fl->mobile) != MDG_OK)
			return "mobile";
		fl->text = fl->mobile;
		return NULL;
	case FIELD_LOGIN:
		return text_login_id_valid(v) ? NULL : "login_id";
	case FIELD_CHECKBOX:
		if (strcmp(v, "1") != 0)
			return "invalid";
		fl->on = true;
		return NULL;
	}
	return "invalid";
}

void form_from_query(web *w, const field_spec *specs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *v = kv_get(&w->r->query, specs[i].name);
		if (v)
			kv_add(&w->r->form, specs[i].name, v, strlen(v));
	}
}

int form_validate(web *w, const field_spec *specs, size_t n, form *f)
{
	char name[128];
	memset(f, 0, sizeof *f);
	f->w = w;
	if (n > FORM_MAX_FIELDS) {
		/* A table larger than the struct: a bug in the handler. */
		log_error("form: %zu fields, at most %d", n, FORM_MAX_FIELDS);
		abort();
	}
	f->n = n;
	for (size_t i = 0; i < n; i++) {
		form_field *fl = &f->fields[i];
		const char *v = form_get(w, specs[i].name);
		fl->spec = &specs[i];
		fl->text = v;
		const char *problem = blank(v) ? (specs[i].required ? "required" : NULL) : parse_field(fl, v);
		if (problem) {
			fl->num = 0;
			fl->on = false;
			form_fail(f, specs[i].name, problem);
		}
		/* Kept with what the user typed, except secrets; a value that is
		 * not valid text is not shown back at all. */
		if (specs[i].kind != FIELD_SECRET && utf8_valid_text(v, strlen(v))) {
			snprintf(name, sizeof name, "Form.%s", specs[i].name);
			hdf_set_value(w->hdf, name, v);
		}
	}
	return f->errors;
}

/* The field named name, or NULL. */
static form_field *field_named(const form *f, const char *name)
{
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->fields[i].spec->name, name) == 0)
			return (form_field *)&f->fields[i];
	return NULL;
}

const form_field *form_field_of(const form *f, const char *name)
{
	const form_field *fl = field_named(f, name);
	if (!fl) {
		/* The handler reads a field its table does not declare. */
		log_error("form: no field \"%s\"", name);
		abort();
	}
	return fl;
}

const char *form_text(const form *f, const char *name)
{
	return form_field_of(f, name)->text;
}

long long form_num(const form *f, const char *name)
{
	return form_field_of(f, name)->num;
}

bizdate form_date(const form *f, const char *name)
{
	return form_field_of(f, name)->date;
}

bool form_on(const form *f, const char *name)
{
	return form_field_of(f, name)->on;
}

const char *form_err(const form *f, const char *name)
{
	return form_field_of(f, name)->err;
}

bool form_filled(const form *f, const char *name)
{
	return !blank(form_field_of(f, name)->text);
}

void form_fail(form *f, const char *name, const char *key)
{
	form_field *fl = field_named(f, name);
	if (fl) {
		if (fl->err)
			return;
		fl->err = key;
	}
	f->errors++;
	form_error(f->w, name, key);
}
