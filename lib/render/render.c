/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* render.c: ClearSilver pages and the language strings they show. */
#include "render/render.h"
#include "core/codec.h"
#include "core/log.h"
#include "core/mdg.h"
#include "core/xalloc.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static HDF *lang_ko;
static HDF *lang_en;
static char *template_dir;

/* A template parsed once per worker and rendered request after request.
 * Parsing (and the layout's parse-time include of Page.Template) is most
 * of the cost of a page, so each worker keeps the parse trees of the
 * pages it has shown, bound to its per-language request tree. */
struct cached_parse {
	char *key;   /* language, template and included page */
	CSPARSE *cs;
};

static HDF *request_trees[2];
/* A page's first allocation: most pages are 4-20 KiB. */
enum { PAGE_START_SIZE = 16384 };
static struct cached_parse parse_cache[128];
static size_t nparse_cache;

static void parse_drop(struct cached_parse *p);

int render_neoerr(NEOERR *err, const char *what)
{
	STRING msg;
	string_init(&msg);
	nerr_error_string(err, &msg);
	log_error("%s: %s", what, msg.buf ? msg.buf : "?");
	string_clear(&msg);
	nerr_ignore(&err);
	return MDG_ERR;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* lang/NAME.hdf, then every .hdf file in lang/NAME.d/ in name order: each page
 * area keeps its strings in a file of its own. */
static int load_lang(const char *dir, const char *name, HDF **out)
{
	char path[4096];
	char **parts = NULL;
	size_t nparts = 0, cap = 0;
	NEOERR *err;
	DIR *dh;
	int rc = MDG_OK;

	snprintf(path, sizeof path, "%s/lang/%s.hdf", dir, name);
	err = hdf_init(out);
	if (err == STATUS_OK)
		err = hdf_read_file(*out, path);
	if (err != STATUS_OK)
		return render_neoerr(err, path);
	snprintf(path, sizeof path, "%s/lang/%s.d", dir, name);
	dh = opendir(path);
	if (!dh)
		return MDG_OK;
	struct dirent *de;
	while ((de = readdir(dh))) {
		size_t len = strlen(de->d_name);
		if (len < 5 || strcmp(de->d_name + len - 4, ".hdf") != 0 || de->d_name[0] == '.')
			continue;
		if (nparts == cap) {
			cap = cap ? cap * 2 : 16;
			parts = xrealloc(parts, cap * sizeof *parts);
		}
		parts[nparts++] = xstrdup(de->d_name);
	}
	closedir(dh);
	qsort(parts, nparts, sizeof *parts, cmp_names);
	for (size_t i = 0; i < nparts; i++) {
		snprintf(path, sizeof path, "%s/lang/%s.d/%s", dir, name, parts[i]);
		err = hdf_read_file(*out, path);
		if (err != STATUS_OK && rc == MDG_OK)
			rc = render_neoerr(err, path);
		free(parts[i]);
	}
	free(parts);
	return rc;
}

int render_init(const char *templates_dir)
{
	render_shutdown();
	template_dir = xstrdup(templates_dir);
	if (load_lang(templates_dir, "ko", &lang_ko) != MDG_OK ||
	    load_lang(templates_dir, "en", &lang_en) != MDG_OK)
		return MDG_ERR;
	return MDG_OK;
}

void render_shutdown(void)
{
	while (nparse_cache)
		parse_drop(&parse_cache[0]);
	for (int i = 0; i < 2; i++)
		if (request_trees[i])
			hdf_destroy(&request_trees[i]);
	if (lang_ko)
		hdf_destroy(&lang_ko);
	if (lang_en)
		hdf_destroy(&lang_en);
	free(template_dir);
	template_dir = NULL;
}

/* The first of ko/en named in an Accept-Language header, honouring q=0. */
static const char *lang_from_accept(const char *accept)
{
	const char *best = NULL;
	double best_q = -1;
	const char *p = accept;
	while (p && *p) {
		while (*p == ' ' || *p == ',')
			p++;
		const char *tag = p;
		size_t taglen = strcspn(p, ";,");
		double q = 1.0;
		p += taglen;
		if (*p == ';') {
			const char *qs = strstr(p, "q=");
			const char *next = strchr(p, ',');
			if (qs && (!next || qs < next))
				q = strtod(qs + 2, NULL);
			p = next ? next : p + strlen(p);
		}
		const char *lang = NULL;
		if (taglen >= 2 && strncasecmp(tag, "ko", 2) == 0 && (taglen == 2 || tag[2] == '-'))
			lang = "ko";
		else if (taglen >= 2 && strncasecmp(tag, "en", 2) == 0 && (taglen == 2 || tag[2] == '-'))
			lang = "en";
		if (lang && q > 0 && q > best_q) {
			best = lang;
			best_q = q;
		}
	}
	return best;
}

const char *render_pick_lang(const char *preferred, const char *accept_language)
{
	if (preferred && (strcmp(preferred, "ko") == 0 || strcmp(preferred, "en") == 0))
		return strcmp(preferred, "en") == 0 ? "en" : "ko";
	const char *from_header = lang_from_accept(accept_language);
	return from_header ? from_header : "ko";
}

HDF *render_new_hdf(const char *lang)
{
	HDF *hdf = NULL;
	if (hdf_init(&hdf) != STATUS_OK)
		abort(); /* only fails on out-of-memory: our policy is to abort */
	/* Every <?cs var: ?> is HTML-escaped unless a template says otherwise. */
	hdf_set_value(hdf, "Config.VarEscapeMode", "html");
	hdf_set_value(hdf, "hdf.loadpaths.0", template_dir ? template_dir : ".");
	hdf_set_value(hdf, "Lang", strcmp(lang, "en") == 0 ? "en" : "ko");
	HDF *src = strcmp(lang, "en") == 0 ? lang_en : lang_ko;
	if (src)
		hdf_copy(hdf, "L", src);
	return hdf;
}

static NEOERR *render_to_buf(void *ctx, char *s)
{
	buf_puts(ctx, s);
	return STATUS_OK;
}

/* url_escape() for templates: every byte but A-Z a-z 0-9 - _ . ~ becomes
 * %XX, so a value is safe as one query argument. */
static NEOERR *url_escape(const char *in, char **out)
{
	buf b = {0};
	pct_encode(&b, in, NULL);
	*out = buf_detach(&b); /* ClearSilver frees it with free() */
	return STATUS_OK;
}


static int lang_index(const char *lang)
{
	return lang && strcmp(lang, "en") == 0;
}

HDF *render_request_hdf(const char *lang)
{
	int i = lang_index(lang);
	if (!request_trees[i])
		request_trees[i] = render_new_hdf(i ? "en" : "ko");
	return request_trees[i];
}

void render_request_done(HDF *hdf)
{
	/* Everything a request set goes; the language, the escaping
	 * configuration and the include path stay. */
	char *names[256];
	size_t n = 0;
	for (HDF *c = hdf_obj_child(hdf); c && n < MDG_ARRAY_LEN(names); c = hdf_obj_next(c)) {
		const char *name = hdf_obj_name(c);
		if (strcmp(name, "L") && strcmp(name, "Lang") && strcmp(name, "Config") && strcmp(name, "hdf"))
			names[n++] = xstrdup(name);
	}
	render_remove_trees(hdf, (const char *const *)names, n);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
}

void render_remove_trees(HDF *hdf, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		hdf_remove_tree(hdf, names[i]);
	/* ClearSilver's internals, on purpose and only here: a node keeps a
	 * lookup cache of its children (last_hp, last_hs: where the last
	 * walk ended), and hdf_remove_tree frees a child without clearing
	 * that cache in the parent. The next hdf_set_value under the parent
	 * would follow the pointer into freed memory. Clearing the cache only
	 * costs the next lookup a walk from the first child. Only the cache
	 * of hdf itself is cleared: names are its own children. */
	hdf->last_hp = NULL;
	hdf->last_hs = NULL;
}

static NEOERR *parse_new(HDF *hdf, const char *template, CSPARSE **out)
{
	CSPARSE *cs = NULL;
	NEOERR *err = cs_init(&cs, hdf);
	if (err == STATUS_OK)
		err = cs_register_esc_strfunc(cs, "url_escape", url_escape);
	if (err == STATUS_OK)
		err = cs_parse_file(cs, template);
	if (err != STATUS_OK && cs)
		cs_destroy(&cs);
	*out = cs;
	return err;
}

/* The cached parse of template for a request tree, parsed if new. */
static NEOERR *parse_cached(HDF *hdf, const char *template, struct cached_parse **out)
{
	char *key = xasprintf("%d|%s|%s", hdf == request_trees[1], template,
			      hdf_get_value(hdf, "Page.Template", ""));
	for (size_t i = 0; i < nparse_cache; i++)
		if (strcmp(parse_cache[i].key, key) == 0) {
			free(key);
			*out = &parse_cache[i];
			return STATUS_OK;
		}
	CSPARSE *cs = NULL;
	NEOERR *err = parse_new(hdf, template, &cs);
	if (err != STATUS_OK) {
		free(key);
		*out = NULL;
		return err;
	}
	if (nparse_cache == MDG_ARRAY_LEN(parse_cache))
		parse_drop(&parse_cache[0]); /* more pages than expected: make room */
	parse_cache[nparse_cache].key = key;
	parse_cache[nparse_cache].cs = cs;
	*out = &parse_cache[nparse_cache++];
	return STATUS_OK;
}

/* Forgets a cached parse (after a render error its state is unknown). */
static void parse_drop(struct cached_parse *p)
{
	size_t i = (size_t)(p - parse_cache);
	cs_destroy(&p->cs);
	free(p->key);
	parse_cache[i] = parse_cache[--nparse_cache];
}

int render_template(HDF *hdf, const char *template, buf *out)
{
	NEOERR *err;
	if (hdf == request_trees[0] || hdf == request_trees[1]) {
		struct cached_parse *p = NULL;
		/* A page in one allocation: grown by doubling from 64 bytes,
		 * a page's text was copied eight times on its way. */
		if (!out->data) {
			out->data = xmalloc(PAGE_START_SIZE);
			out->cap = PAGE_START_SIZE;
			out->data[0] = '\0';
		}
		err = parse_cached(hdf, template, &p);
		if (err == STATUS_OK && p) {
			err = cs_render(p->cs, out, render_to_buf);
			if (err != STATUS_OK)
				parse_drop(p);
		}
		if (err != STATUS_OK)
			return render_neoerr(err, template);
		return MDG_OK;
	}
	CSPARSE *cs = NULL;
	err = parse_new(hdf, template, &cs);
	if (err == STATUS_OK)
		err = cs_render(cs, out, render_to_buf);
	if (cs)
		cs_destroy(&cs);
	if (err != STATUS_OK)
		return render_neoerr(err, template);
	return MDG_OK;
}

int render_parse(HDF *hdf, const char *template, CSPARSE **out)
{
	NEOERR *err = parse_new(hdf, template, out);
	return err == STATUS_OK ? MDG_OK : render_neoerr(err, template);
}

int render_parsed(CSPARSE *cs, const char *template, buf *out)
{
	NEOERR *err = cs_render(cs, out, render_to_buf);
	return err == STATUS_OK ? MDG_OK : render_neoerr(err, template);
}

const char *render_text(const char *lang, const char *name)
{
	HDF *src = lang && strcmp(lang, "en") == 0 ? lang_en : lang_ko;
	return src ? hdf_get_value(src, name, name) : name;
}
