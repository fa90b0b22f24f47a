/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* form.h: a submitted form, validated field by field into typed values.
 *
 * Each form is a table of field_spec (name, kind, required, limits). The
 * handler calls form_validate once and then reads every value, already
 * parsed, and every error from the form struct: form_text, form_num,
 * form_date, form_on, form_err. Templates get Form.<name> (what the person
 * typed, never a secret) and Form.Err.<name> (a key under L.Err). */
#ifndef MDG_FORM_H
#define MDG_FORM_H
#include <stdbool.h>
#include <stddef.h>

#include "core/bizdays.h"

struct web;

/* Ids in forms and paths: 1 ... FORM_ID_MAX. */
#define FORM_ID_MAX 1000000000000LL

enum field_kind {
	FIELD_LINE,     /* one line of text: no CR/LF */
	FIELD_TEXT,     /* multi-line text */
	FIELD_SECRET,   /* a password: validated, never echoed */
	FIELD_INT,      /* a whole number in [min, max] */
	FIELD_ID,       /* a row id: 1 ... FORM_ID_MAX */
	FIELD_DATE,     /* YYYY-MM-DD, a real date */
	FIELD_EMAIL,    /* an e-mail address (text_email_valid) */
	FIELD_MOBILE,   /* a Korean mobile number, kept normalised (01012345678) */
	FIELD_LOGIN,    /* a login ID (text_login_id_valid) */
	FIELD_CHECKBOX  /* present ("1") or absent */
};

typedef struct field_spec {
	const char *name;
	enum field_kind kind;
	bool required;
	size_t max_chars; /* LINE/TEXT/SECRET/EMAIL: most characters (code points), 0: no limit */
	long long min, max; /* INT */
} field_spec;

/* One field as validated. */
typedef struct form_field {
	const field_spec *spec;
	const char *text;  /* as sent, "" when absent (owned by the request);
			      MOBILE: the normalised number */
	long long num;     /* INT, ID: the value (0 when empty or in error) */
	bizdate date;      /* DATE: the value (zeros when empty or in error) */
	bool on;           /* CHECKBOX: ticked */
	const char *err;   /* an L.Err key, NULL while the field is valid */
	char mobile[16];   /* MOBILE: storage for text */
} form_field;

#define FORM_MAX_FIELDS 24

typedef struct form {
	struct web *w;
	size_t n;
	form_field fields[FORM_MAX_FIELDS];
	int errors; /* fields in error */
} form;

/* Validates the request's form against specs (at most FORM_MAX_FIELDS)
 * into f; returns the number of fields in error (0: all good). Unknown
 * fields are ignored. */
int form_validate(struct web *w, const field_spec *specs, size_t n, form *f);
/* A GET form is validated like a POSTed one: the query's values of the
 * fields in specs become the form's (call before form_validate). */
void form_from_query(struct web *w, const field_spec *specs, size_t n);
/* A field of f by name; a name the form does not declare aborts (a bug). */
const form_field *form_field_of(const form *f, const char *name);
/* Its text ("" when empty), number, date, tick and error (NULL: valid). */
const char *form_text(const form *f, const char *name);
long long form_num(const form *f, const char *name);
bizdate form_date(const form *f, const char *name);
bool form_on(const form *f, const char *name);
const char *form_err(const form *f, const char *name);
/* Whether the field was sent with something in it (not blank). */
bool form_filled(const form *f, const char *name);
/* Marks a field wrong with an L.Err key, unless it is already wrong (the
 * first problem is the one shown); counts it in f->errors. */
void form_fail(form *f, const char *name, const char *key);

/* A raw submitted value outside any table ("" when absent), for the few
 * values that are not form fields (a button's name); owned by the request. */
const char *form_get(const struct web *w, const char *name);
/* Marks a field of a page without a form table as wrong (Form.Err.name). */
void form_error(struct web *w, const char *field, const char *key);

#endif
