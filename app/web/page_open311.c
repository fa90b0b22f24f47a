/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* page_open311.c: the Open311 GeoReport v2 API at /open311/v2/
 * (http://wiki.open311.org/GeoReport_v2): discovery, services, service
 * definitions, service requests (GET and POST), tokens, one request, and
 * the servicerequestupdates extension; each as .json (jansson) or .xml
 * (libxml2's xmlTextWriter).
 *
 * Every answer is built once as a jansson tree and written in the format
 * the path's extension names: JSON as it is, XML with each array's items
 * under the element name GeoReport gives them (services/service, ...).
 * Errors are the specification's: [{"code": 400, "description": "..."}]
 * (<errors><error>...), with the same HTTP status; never an HTML page. */
#include "web.h"
#include "core/config.h"
#include "core/mdg.h"
#include "core/text.h"
#include "core/utf8.h"
#include "core/xalloc.h"
#include "open311/open311.h"
#include "render/render.h"

#include <jansson.h>
#include <math.h>
#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum format { FORMAT_NONE, FORMAT_JSON, FORMAT_XML };

/* The path segment's resource name and format: "services.json" gives
 * "services" (into name) and FORMAT_JSON. */
static enum format split_format(const char *segment, char *name, size_t size)
{
	const char *dot = strrchr(segment, '.');
	if (!dot || (size_t)(dot - segment) >= size)
		return FORMAT_NONE;
	snprintf(name, size, "%.*s", (int)(dot - segment), segment);
	if (strcmp(dot, ".json") == 0)
		return FORMAT_JSON;
	if (strcmp(dot, ".xml") == 0)
		return FORMAT_XML;
	return FORMAT_NONE;
}

/* The XML element of one item of the array named name. */
static const char *item_name(const char *array)
{
	static const char *const names[][2] = {
		{"services", "service"},	 {"service_requests", "request"}, {"attributes", "attribute"},
		{"values", "value"},		 {"errors", "error"},		  {"endpoints", "endpoint"},
		{"formats", "format"},		 {"extensions", "extension"},
		{"service_request_updates", "request_update"},
	};
	for (size_t i = 0; i < MDG_ARRAY_LEN(names); i++)
		if (strcmp(array, names[i][0]) == 0)
			return names[i][1];
	return "item";
}

static void xml_value(xmlTextWriterPtr x, const char *name, json_t *v);

/* The children of an object or the items of an array, as elements. */
static void xml_children(xmlTextWriterPtr x, const char *name, json_t *v)
{
	if (json_is_object(v)) {
		const char *key;
		json_t *child;
		json_object_foreach(v, key, child)
			xml_value(x, key, child);
	} else if (json_is_array(v)) {
		size_t i;
		json_t *child;
		json_array_foreach(v, i, child)
			xml_value(x, item_name(name), child);
	}
}

/* One element: text for scalars (empty for null), children otherwise. */
static void xml_value(xmlTextWriterPtr x, const char *name, json_t *v)
{
	char num[32];
	xmlTextWriterStartElement(x, BAD_CAST name);
	if (json_is_string(v)) {
		xmlTextWriterWriteString(x, BAD_CAST json_string_value(v));
	} else if (json_is_integer(v)) {
		snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		xmlTextWriterWriteString(x, BAD_CAST num);
	} else if (json_is_real(v)) {
		snprintf(num, sizeof num, "%.6f", json_real_value(v));
		xmlTextWriterWriteString(x, BAD_CAST num);
	} else if (json_is_boolean(v)) {
		xmlTextWriterWriteString(x, BAD_CAST(json_is_true(v) ? "true" : "false"));
	} else {
		xml_children(x, name, v);
	}
	xmlTextWriterEndElement(x);
}

/* Writes v (stolen) as the answer with status: JSON as it is, XML under
 * the element root. */
static int answer(web *w, enum format fmt, int status, const char *root, json_t *v)
{
	int rc = MDG_OK;
	w->r->status = status;
	if (fmt == FORMAT_XML) {
		xmlBufferPtr xb = xmlBufferCreate();
		xmlTextWriterPtr x = xb ? xmlNewTextWriterMemory(xb, 0) : NULL;
		if (!x) {
			if (xb)
				xmlBufferFree(xb);
			json_decref(v);
			return MDG_ERR;
		}
		xmlTextWriterStartDocument(x, NULL, "UTF-8", NULL);
		xml_value(x, root, v);
		xmlTextWriterEndDocument(x);
		xmlFreeTextWriter(x);
		buf_puts(&w->r->body, (const char *)xmlBufferContent(xb));
		xmlBufferFree(xb);
		w->content_type = "text/xml; charset=utf-8";
	} else {
		char *text = json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER);
		if (text)
			buf_puts(&w->r->body, text);
		else
			rc = MDG_ERR;
		free(text);
		w->content_type = "application/json; charset=utf-8";
	}
	json_decref(v);
	return rc;
}

/* The specification's error answer: one error with its code. */
static int error(web *w, enum format fmt, int status, const char *description)
{
	json_t *errors = json_pack("[{s:i,s:s}]", "code", status, "description", description);
	return answer(w, fmt == FORMAT_NONE ? FORMAT_JSON : fmt, status, "errors", errors);
}

bool web_open311_error(web *w, int status)
{
	static const char prefix[] = "/open311/";
	const char *path = w->r->path ? w->r->path : "";
	if (strncmp(path, prefix, sizeof prefix - 1) != 0)
		return false;
	char name[32];
	const char *last = strrchr(path, '/');
	enum format fmt = split_format(last + 1, name, sizeof name);
	const char *why = status == 404 ? "not found"
			  : status == 405 ? "method not allowed"
			  : status == 400 ? "bad request (the parameters must be UTF-8 form fields)"
			  : status == 413 ? "request too large"
			  : status == 503 ? "service unavailable, try again later"
					  : "internal error";
	buf_reset(&w->r->body);
	error(w, fmt, status, why);
	return true;
}

/* Our own failures (the database) as the specification's 500 error, so a
 * client never gets an HTML page. */
static int failed(web *w, enum format fmt, int rc)
{
	if (rc == MDG_EDB)
		return error(w, fmt, 503, "service unavailable, try again later");
	return error(w, fmt, 500, "internal error");
}

/* The database's zone, which every stored time is in ("+09:00"). */
static const char *db_zone(const web *w)
{
	return config_str(w->app->cfg, "db.time_zone", "+09:00");
}

/* A stored time "YYYY-MM-DDTHH:MM:SS" as a W3C date with the zone; NULL
 * stays null. */
static json_t *w3c(const web *w, const char *t)
{
	if (!t)
		return json_null();
	char *s = xasprintf("%s%s", t, db_zone(w));
	json_t *v = json_string(s);
	free(s);
	return v;
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

/* ---------------------------------------------------------- discovery */

/* The other resources of GET /open311/v2/{doc}, below. */
static int open311_page_services(web *w);
static int open311_page_requests(web *w);
static int open311_page_updates(web *w);

#define OPEN311_CHANGESET "2026-12-07T00:00:00+09:00"

/* GET /open311/v2/{doc}: discovery here, the others by their name. */
int page_open311(web *w)
{
	char name[32];
	enum format fmt = split_format(w->r->params[0], name, sizeof name);
	if (fmt == FORMAT_NONE)
		return error(w, FORMAT_JSON, 404, "unknown resource or format (use .json or .xml)");
	if (strcmp(name, "services") == 0)
		return open311_page_services(w);
	if (strcmp(name, "requests") == 0)
		return open311_page_requests(w);
	if (strcmp(name, "servicerequestupdates") == 0)
		return open311_page_updates(w);
	if (strcmp(name, "discovery") != 0)
		return error(w, fmt, 404, "unknown resource");
	const char *base = config_str(w->app->cfg, "web.base_url", "");
	char *url = xasprintf("%s/open311/v2/", base);
	json_t *d = json_pack("{s:s,s:s,s:s,s:[{s:s,s:s,s:s,s:s,s:[s,s]}],s:[{s:s,s:s}]}", "changeset",
			      OPEN311_CHANGESET, "contact",
			      config_str(w->app->cfg, "open311.contact", "Madang Open311"), "key_service",
			      config_str(w->app->cfg, "open311.key_service",
					 "API keys are issued by the institution's supervisors"),
			      "endpoints", "specification", "http://wiki.open311.org/GeoReport_v2", "url", url,
			      "changeset", OPEN311_CHANGESET, "type", "production", "formats", "application/json",
			      "text/xml", "extensions", "name", "extended_attributes",
			      "description",
			      "GET requests with extensions=true adds extended_attributes: madang_status (the case's "
			      "own stage) and madang_status_name (its name); servicerequestupdates; page and page_size");
	free(url);
	return answer(w, fmt, 200, "discovery", d);
}

/* ---------------------------------------------------------- services */

static int open311_page_services(web *w)
{
	char name[32];
	enum format fmt = split_format(w->r->params[0], name, sizeof name);
	db_result *r = NULL;
	int rc = open311_services(w->app->db, w->lang, &r);
	if (rc != MDG_OK)
		return failed(w, fmt, rc);
	json_t *list = json_array();
	for (unsigned i = 0; i < r->nrows; i++) {
		const char *service_name = db_get(r, i, "name", "");
		json_array_append_new(list, json_pack("{s:s,s:s,s:s,s:b,s:s,s:s,s:s}", "service_code",
						      db_get(r, i, "code", ""), "service_name", service_name,
						      "description", service_name, "metadata",
						      db_get_ll(r, i, "questions", 0) > 0, "type", "realtime",
						      "keywords", "", "group", db_get(r, i, "group", "")));
	}
	db_result_free(r);
	return answer(w, fmt, 200, "services", list);
}

/* "key=name" lines as [{key, name}]. */
static json_t *value_list(const char *lines)
{
	json_t *values = json_array();
	const char *line = lines;
	while (line && *line) {
		size_t len = strcspn(line, "\n"), eq = strcspn(line, "=\n");
		size_t end = len && line[len - 1] == '\r' ? len - 1 : len;
		if (eq < end) {
			char *key = xstrndup(line, eq), *label = xstrndup(line + eq + 1, end - eq - 1);
			json_array_append_new(values, json_pack("{s:s,s:s}", "key", key, "name", label));
			free(key);
			free(label);
		}
		line += len;
		if (*line)
			line++;
	}
	return values;
}

/* The service code of the path as a category id; 0 when not one. */
static long long service_code(const char *s)
{
	long v = 0;
	return text_parse_long(s, 1, 2147483647L, &v) == MDG_OK ? v : 0;
}

int page_open311_service(web *w)
{
	char code[32];
	enum format fmt = split_format(w->r->params[0], code, sizeof code);
	db_result *r = NULL;
	if (fmt == FORMAT_NONE)
		return error(w, FORMAT_JSON, 404, "unknown format (use .json or .xml)");
	long long id = service_code(code);
	int rc = id ? open311_questions(w->app->db, id, w->lang, &r) : MDG_ENOTFOUND;
	if (rc == MDG_ENOTFOUND)
		return error(w, fmt, 404, "service_code not found");
	if (rc != MDG_OK)
		return failed(w, fmt, rc);
	json_t *attrs = json_array();
	for (unsigned i = 0; i < r->nrows; i++) {
		const char *datatype = db_get(r, i, "datatype", "string");
		json_t *a = json_pack("{s:b,s:s,s:s,s:b,s:s,s:i,s:s}", "variable", 1, "code",
				      db_get(r, i, "code", ""), "datatype", datatype, "required",
				      db_get_ll(r, i, "required", 0) != 0, "datatype_description", "", "order",
				      (int)(i + 1), "description", db_get(r, i, "question", ""));
		if (strstr(datatype, "valuelist"))
			json_object_set_new(a, "values", value_list(db_get(r, i, "value_list", "")));
		json_array_append_new(attrs, a);
	}
	db_result_free(r);
	json_t *def = json_pack("{s:s,s:o}", "service_code", code, "attributes", attrs);
	return answer(w, fmt, 200, "service_definition", def);
}

/* ---------------------------------------------------------- requests */

/* One case as a GeoReport request; extended adds the extension. */
static json_t *request_json(const web *w, const db_result *r, unsigned i, bool extended)
{
	const char *status = db_get(r, i, "status", "received");
	char key[48];
	snprintf(key, sizeof key, "Status.%s", status);
	const char *stage = render_text(w->lang, key);
	const char *lat = db_get(r, i, "lat", NULL), *lng = db_get(r, i, "lng", NULL);
	json_t *q = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "service_request_id", db_get(r, i, "id", ""),
			      "status", open311_status_closed(status) ? "closed" : "open", "status_notes", stage,
			      "service_name", db_get(r, i, "service_name", ""), "service_code",
			      db_get(r, i, "service_code", ""), "description", db_get(r, i, "description", ""),
			      "agency_responsible", db_get(r, i, "agency", ""));
	json_object_set_new(q, "service_notice", json_string(""));
	json_object_set_new(q, "requested_datetime", w3c(w, db_get(r, i, "requested", NULL)));
	json_object_set_new(q, "updated_datetime", w3c(w, db_get(r, i, "updated", NULL)));
	json_object_set_new(q, "expected_datetime", w3c(w, db_get(r, i, "expected", NULL)));
	/* Requests are public: the street, never the house number (as on
	 * the case page; map.public_address). */
	const char *address = db_get(r, i, "address", NULL);
	char masked[CASE_ADDRESS_MAX * 4 + 8] = "";
	geo_mask_address(address, w->app->map.public_address, masked, sizeof masked);
	json_object_set_new(q, "address", *masked ? json_string(masked) : json_null());
	json_object_set_new(q, "address_id", json_null());
	json_object_set_new(q, "zipcode", json_null());
	json_object_set_new(q, "lat", lat ? json_real(strtod(lat, NULL)) : json_null());
	json_object_set_new(q, "long", lng ? json_real(strtod(lng, NULL)) : json_null());
	json_object_set_new(q, "media_url", str_or_null(db_get(r, i, "media_url", NULL)));
	if (extended)
		json_object_set_new(q, "extended_attributes",
				    json_pack("{s:s,s:s}", "madang_status", status, "madang_status_name", stage));
	return q;
}

/* A query parameter, NULL when absent or empty. */
static const char *param(const web *w, const char *name)
{
	const char *v = kv_get(&w->r->query, name);
	return v && *v ? v : NULL;
}

/* A positive whole number parameter in [1, max], def when absent. */
static bool number_param(const web *w, const char *name, long max, long def, long *out)
{
	const char *v = param(w, name);
	*out = def;
	return !v || text_parse_long(v, 1, max, out) == MDG_OK;
}

/* Whether service_request_id=a,b,c is a list of at most OPEN311_IDS_MAX
 * tracking numbers (and nothing else: no empty item, no space). */
static bool ids_valid(const char *list)
{
	int year;
	unsigned seq;
	size_t n = 0;
	char *copy = xstrdup(list);
	bool ok = list[0] != ',' && list[strlen(list) - 1] != ',' && !strstr(list, ",,");
	for (char *save = NULL, *id = strtok_r(copy, ",", &save); ok && id; id = strtok_r(NULL, ",", &save))
		ok = ++n <= OPEN311_IDS_MAX && tracking_parse(id, &year, &seq) == MDG_OK;
	free(copy);
	return ok && n > 0;
}

/* The list of service requests (GET requests.fmt). */
static int requests_list(web *w, enum format fmt)
{
	char start[20], end[20];
	db_result *r = NULL;
	open311_query q = {0};
	int rc = MDG_OK;
	const char *v;
	if ((v = param(w, "service_request_id"))) {
		if (!ids_valid(v))
			return error(w, fmt, 400, "service_request_id must be request ids (2026-000123), at most 100");
		q.ids = v;
	}
	const char *err = NULL;
	if ((v = param(w, "service_code")) && !(q.category_id = service_code(v)))
		err = "service_code is not a service code";
	else if ((v = param(w, "start_date")) && open311_parse_w3c(v, db_zone(w), start) != MDG_OK)
		err = "start_date is not a W3C date-time (2026-12-07T09:30:00+09:00)";
	else if ((v = param(w, "end_date")) && open311_parse_w3c(v, db_zone(w), end) != MDG_OK)
		err = "end_date is not a W3C date-time (2026-12-07T09:30:00+09:00)";
	else if (!number_param(w, "page", 100000, 1, &q.page) ||
		 !number_param(w, "page_size", OPEN311_PAGE_MAX, OPEN311_PAGE_MAX, &q.page_size))
		err = "page and page_size must be whole numbers (page_size at most 1000)";
	q.start = param(w, "start_date") ? start : NULL;
	q.end = param(w, "end_date") ? end : NULL;
	if (!err && q.start && q.end && strcmp(q.start, q.end) > 0)
		err = "end_date is before start_date";
	if (!err && (v = param(w, "status"))) {
		bool open = false, closed = false, ok = true;
		char *list = xstrdup(v);
		for (char *save = NULL, *s = strtok_r(list, ",", &save); s; s = strtok_r(NULL, ",", &save)) {
			open = open || strcmp(s, "open") == 0;
			closed = closed || strcmp(s, "closed") == 0;
			ok = ok && (strcmp(s, "open") == 0 || strcmp(s, "closed") == 0);
		}
		free(list);
		if (!ok || (!open && !closed))
			err = "status must be open or closed";
		q.status = open && closed ? NULL : open ? "open" : "closed";
	}
	if (err) {
		rc = error(w, fmt, 400, err);
		goto done;
	}
	/* The specification's default span: the last 90 days. */
	q.recent = !q.start && !q.end && !q.ids;
	rc = open311_requests(w->app->db, &q, w->lang, &r);
	if (rc != MDG_OK) {
		rc = failed(w, fmt, rc);
		goto done;
	}
	bool extended = (v = param(w, "extensions")) && strcmp(v, "true") == 0;
	json_t *list = json_array();
	for (unsigned i = 0; i < r->nrows; i++)
		json_array_append_new(list, request_json(w, r, i, extended));
	rc = answer(w, fmt, 200, "service_requests", list);
done:
	db_result_free(r);
	return rc;
}

/* One POSTed field's text, NULL when absent or empty; *bad when longer
 * than max characters or not one line where one is wanted. */
static const char *field(const web *w, const char *name, size_t max, bool one_line, const char **bad)
{
	const char *v = kv_get(&w->r->form, name);
	if (!v || !*v)
		return NULL;
	size_t len = strlen(v);
	if (!utf8_valid_text(v, len) || utf8_length(v, len) > max || (one_line && strpbrk(v, "\r\n")))
		*bad = name;
	return v;
}

/* Whether s starts with a Hangul syllable (U+AC00-U+D7A3: UTF-8 lead
 * bytes EA-ED). */
static bool is_hangul(const char *s)
{
	unsigned char c = (unsigned char)s[0];
	return c >= 0xEA && c <= 0xED;
}

/* A finite decimal number, all of s. */
static bool is_number(const char *s)
{
	char *end = NULL;
	double v = strtod(s, &end);
	return end != s && *end == '\0' && isfinite(v) && !strpbrk(s, " \t\nxXnN");
}

/* The attribute[...] values for the service's questions into the filing;
 * the error's description into *err (a new string in *owned, which never
 * repeats what the client sent), or NULL when all is well. */
static void read_attributes(web *w, const db_result *qs, open311_filing *f, long long *qids, const char **answers,
			   char **joined, const char **err, char **owned)
{
	char key[80], dt[20];
	size_t n = 0;
	for (unsigned i = 0; i < qs->nrows; i++) {
		const char *code = db_get(qs, i, "code", "");
		const char *type = db_get(qs, i, "datatype", "string");
		const char *list = db_get(qs, i, "value_list", "");
		const char *value = NULL;
		buf multi = {0};
		if (strcmp(type, "multivaluelist") == 0) {
			snprintf(key, sizeof key, "attribute[%s][]", code);
			for (const kv *p = w->r->form.head; p; p = p->next) {
				if (strcmp(p->key, key) != 0 || !*p->val)
					continue;
				if (!open311_list_has(list, p->val)) {
					*owned = xasprintf("attribute %s: a value is not one of its keys", code);
					break;
				}
				buf_printf(&multi, "%s%s", multi.len ? "," : "", p->val);
			}
			if (multi.len)
				value = joined[n] = xstrdup(buf_str(&multi));
		} else {
			snprintf(key, sizeof key, "attribute[%s]", code);
			value = kv_get(&w->r->form, key);
			if (value && !*value)
				value = NULL;
		}
		buf_free(&multi);
		if (*owned)
			break;
		if (!value) {
			if (db_get_ll(qs, i, "required", 0))
				*owned = xasprintf("attribute %s is required", code);
		} else if (!utf8_valid_text(value, strlen(value)) || utf8_length(value, strlen(value)) > OPEN311_ANSWER_MAX) {
			*owned = xasprintf("attribute %s is too long (at most %d characters)", code, OPEN311_ANSWER_MAX);
		} else if (strcmp(type, "singlevaluelist") == 0 && !open311_list_has(list, value)) {
			*owned = xasprintf("attribute %s: the value is not one of its keys", code);
		} else if (strcmp(type, "number") == 0 && !is_number(value)) {
			*owned = xasprintf("attribute %s must be a number", code);
		} else if (strcmp(type, "datetime") == 0 && open311_parse_w3c(value, db_zone(w), dt) != MDG_OK) {
			*owned = xasprintf("attribute %s must be a W3C date-time", code);
		}
		if (*owned)
			break;
		if (value) {
			qids[n] = db_get_ll(qs, i, "id", 0);
			answers[n++] = value;
		}
	}
	*err = *owned;
	f->nanswers = n;
	f->question_ids = qids;
	f->answers = answers;
}

#define OPEN311_QUESTIONS_MAX 50

/* A new service request (POST requests.fmt). */
static int requests_post(web *w, enum format fmt)
{
	const char *bad = NULL, *err = NULL;
	char *owned = NULL, *name = NULL;
	char mobile[16], tracking[TRACKING_LEN + 1];
	long long qids[OPEN311_QUESTIONS_MAX];
	const char *answers[OPEN311_QUESTIONS_MAX];
	char *joined[OPEN311_QUESTIONS_MAX] = {0};
	db_result *qs = NULL;
	open311_filing f = {.lang = w->lang};
	int rc = MDG_OK;

	const char *key = field(w, "api_key", 100, true, &bad);
	if (!key)
		return error(w, fmt, 403, "api_key is required");
	rc = open311_client_auth(w->app->db, key, &f.client_id, &f.guest_id);
	if (rc == MDG_EDENIED)
		return error(w, fmt, 403, "api_key is not valid");
	if (rc == MDG_ETHROTTLED) {
		http_header(w->r, "Retry-After", "60");
		return error(w, fmt, 429, "too many requests for this api_key: try again in a minute");
	}
	if (rc != MDG_OK)
		return failed(w, fmt, rc);

	const char *jurisdiction = config_str(w->app->cfg, "open311.jurisdiction_id", "");
	const char *given = field(w, "jurisdiction_id", 100, true, &bad);
	if (*jurisdiction && !given)
		return error(w, fmt, 400, "jurisdiction_id is required");
	if (*jurisdiction && strcmp(given, jurisdiction) != 0)
		return error(w, fmt, 404, "jurisdiction_id not found");

	const char *code = field(w, "service_code", 20, true, &bad);
	if (!code)
		return error(w, fmt, 400, "service_code is required");
	f.category_id = service_code(code);
	rc = f.category_id ? open311_questions(w->app->db, f.category_id, w->lang, &qs) : MDG_ENOTFOUND;
	if (rc == MDG_ENOTFOUND)
		return error(w, fmt, 404, "service_code not found");
	if (rc != MDG_OK)
		return failed(w, fmt, rc);

	f.latitude = field(w, "lat", 20, true, &bad);
	f.longitude = field(w, "long", 20, true, &bad);
	const char *address = field(w, "address_string", CASE_ADDRESS_MAX, true, &bad);
	const char *address_id = field(w, "address_id", OPEN311_FIELD_MAX, true, &bad);
	f.address = address ? address : address_id;
	f.description = field(w, "description", OPEN311_DESCRIPTION_MAX, false, &bad);
	f.email = field(w, "email", 254, true, &bad);
	const char *phone = field(w, "phone", 30, true, &bad);
	const char *first = field(w, "first_name", OPEN311_FIELD_MAX, true, &bad);
	const char *last = field(w, "last_name", OPEN311_FIELD_MAX, true, &bad);
	f.device_id = field(w, "device_id", OPEN311_FIELD_MAX, true, &bad);
	f.client_account = field(w, "account_id", OPEN311_FIELD_MAX, true, &bad);
	f.media_url = field(w, "media_url", OPEN311_URL_MAX, true, &bad);

	if (bad) {
		owned = xasprintf("%s is too long or not valid text", bad);
		err = owned;
	} else if (!f.address && !f.latitude && !f.longitude) {
		err = "lat/long, address_string or address_id is required";
	} else if (!f.latitude != !f.longitude) {
		err = "lat and long go together";
	} else if (f.latitude && (!open311_coordinate_valid(f.latitude, 90) || !open311_coordinate_valid(f.longitude, 180))) {
		err = "lat must be a number in -90...90 and long in -180...180 (at most 6 decimals)";
	} else if (f.email && !text_email_valid(f.email)) {
		err = "email is not an e-mail address";
	} else if (phone && text_normalise_mobile(phone, mobile, 12) != MDG_OK) {
		err = "phone must be a Korean mobile number (010-1234-5678)";
	} else if (f.media_url && strncmp(f.media_url, "https://", 8) != 0 && strncmp(f.media_url, "http://", 7) != 0) {
		err = "media_url must be an http(s) URL";
	} else if (qs->nrows > OPEN311_QUESTIONS_MAX) {
		err = "this service has too many questions";
	} else {
		read_attributes(w, qs, &f, qids, answers, joined, &err, &owned);
	}
	if (err) {
		rc = error(w, fmt, 400, err);
		goto done;
	}
	f.mobile = phone ? mobile : NULL;
	if (first && last && (is_hangul(first) || is_hangul(last)))
		f.name = name = xasprintf("%s%s", last, first); /* 정길순: the family name first */
	else if (first || last)
		f.name = name = xasprintf("%s%s%s", first ? first : "", first && last ? " " : "", last ? last : "");
	if (!f.description)
		f.description = "";
	rc = open311_file(w->app->db, &f, w->app->uploads, tracking);
	if (rc == MDG_EINVAL) {
		rc = error(w, fmt, 404, "service_code not found");
		goto done;
	}
	if (rc != MDG_OK) {
		rc = failed(w, fmt, rc);
		goto done;
	}
	json_t *out = json_pack("[{s:s,s:s,s:n}]", "service_request_id", tracking, "service_notice",
				render_text(w->lang, "Open311.Notice"), "account_id");
	rc = answer(w, fmt, 200, "service_requests", out);
done:
	for (size_t i = 0; i < OPEN311_QUESTIONS_MAX; i++)
		free(joined[i]);
	free(owned);
	free(name);
	db_result_free(qs);
	return rc;
}

static int open311_page_requests(web *w)
{
	char name[32];
	enum format fmt = split_format(w->r->params[0], name, sizeof name);
	if (strcmp(w->r->method, "POST") == 0)
		return requests_post(w, fmt);
	return requests_list(w, fmt);
}

/* POST /open311/v2/{doc}: only requests.fmt takes a POST. */
int page_open311_post(web *w)
{
	char name[32];
	enum format fmt = split_format(w->r->params[0], name, sizeof name);
	if (fmt == FORMAT_NONE || strcmp(name, "requests") != 0) {
		http_header(w->r, "Allow", "GET, HEAD");
		return error(w, fmt, fmt == FORMAT_NONE ? 404 : 405, "only requests takes a POST");
	}
	return requests_post(w, fmt);
}

/* One public request by id (requests/{id}.fmt), or by the token a POST
 * gave (tokens/{token}.fmt; our tokens are the ids, since filing is
 * immediate). */
static int one_request(web *w, bool token)
{
	char id[32];
	enum format fmt = split_format(w->r->params[0], id, sizeof id);
	int year;
	unsigned seq;
	db_result *r = NULL;
	if (fmt == FORMAT_NONE)
		return error(w, FORMAT_JSON, 404, "unknown format (use .json or .xml)");
	if (tracking_parse(id, &year, &seq) != MDG_OK)
		return error(w, fmt, 404, token ? "token not found" : "service_request_id not found");
	open311_query q = {.ids = id, .page = 1, .page_size = 1};
	int rc = open311_requests(w->app->db, &q, w->lang, &r);
	if (rc != MDG_OK)
		return failed(w, fmt, rc);
	if (r->nrows == 0) {
		db_result_free(r);
		return error(w, fmt, 404, token ? "token not found" : "service_request_id not found");
	}
	json_t *list = json_array();
	if (token)
		json_array_append_new(list, json_pack("{s:s,s:s}", "service_request_id", id, "token", id));
	else
		json_array_append_new(list, request_json(w, r, 0, (param(w, "extensions") && strcmp(param(w, "extensions"), "true") == 0)));
	db_result_free(r);
	return answer(w, fmt, 200, "service_requests", list);
}

int page_open311_request(web *w)
{
	return one_request(w, false);
}

int page_open311_token(web *w)
{
	return one_request(w, true);
}

/* ---------------------------------------------------------- updates */

static int open311_page_updates(web *w)
{
	char name[32], start[20], end[20];
	enum format fmt = split_format(w->r->params[0], name, sizeof name);
	const char *s = param(w, "start_date"), *e = param(w, "end_date");
	long page, size;
	db_result *r = NULL;
	if (s && open311_parse_w3c(s, db_zone(w), start) != MDG_OK)
		return error(w, fmt, 400, "start_date is not a W3C date-time");
	if (e && open311_parse_w3c(e, db_zone(w), end) != MDG_OK)
		return error(w, fmt, 400, "end_date is not a W3C date-time");
	if (!number_param(w, "page", 100000, 1, &page) || !number_param(w, "page_size", OPEN311_PAGE_MAX, OPEN311_PAGE_MAX, &size))
		return error(w, fmt, 400, "page and page_size must be whole numbers (page_size at most 1000)");
	int rc = open311_updates(w->app->db, s ? start : NULL, e ? end : NULL, page, size, &r);
	if (rc != MDG_OK)
		return failed(w, fmt, rc);
	json_t *list = json_array();
	for (unsigned i = 0; i < r->nrows; i++) {
		char key[48];
		snprintf(key, sizeof key, "Event.%s", db_get(r, i, "kind", ""));
		const char *note = db_get(r, i, "note", NULL);
		char *description = note ? xasprintf("%s: %s", render_text(w->lang, key), note)
					  : xstrdup(render_text(w->lang, key));
		json_t *u = json_pack("{s:s,s:s,s:s,s:s,s:o,s:n}", "update_id", db_get(r, i, "update_id", ""),
				      "service_request_id", db_get(r, i, "id", ""), "status",
				      open311_status_closed(db_get(r, i, "status", "")) ? "closed" : "open",
				      "description", description, "updated_datetime",
				      w3c(w, db_get(r, i, "updated", NULL)), "media_url");
		free(description);
		json_array_append_new(list, u);
	}
	db_result_free(r);
	return answer(w, fmt, 200, "service_request_updates", list);
}
