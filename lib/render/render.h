/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* render.h: ClearSilver pages and the language strings they show. */
#ifndef MDG_RENDER_H
#define MDG_RENDER_H
#include <ClearSilver.h>

#include "core/buf.h"

/* Loads lang/ko.hdf and lang/en.hdf from templates_dir once per process.
 * MDG_OK or MDG_ERR (logged). */
int render_init(const char *templates_dir);
void render_shutdown(void);

/* "ko" or "en": the language for a cookie/account value, falling back to
 * Accept-Language and then Korean. */
const char *render_pick_lang(const char *preferred, const char *accept_language);

/* A new data tree for one page: escaping on, include paths set, the
 * language's strings under L.*, Lang = lang. Caller destroys it. */
HDF *render_new_hdf(const char *lang);

/* The data tree for a request in lang: one per language and worker,
 * reused (emptied by render_request_done), so that pages rendered from it
 * use the worker's cache of parsed templates. Owned by the renderer. */
HDF *render_request_hdf(const char *lang);
/* Empties a request tree of everything the request put in it. */
void render_request_done(HDF *hdf);
/* Removes the top-level subtrees names[0..n) of hdf (absent ones are
 * skipped), so that hdf can be filled again: every removal from a tree
 * that is used afterwards goes through here (see render.c for why). */
void render_remove_trees(HDF *hdf, const char *const *names, size_t n);

/* Renders template (a path under the templates folder, e.g. "layout.cs")
 * with hdf into out. MDG_OK or MDG_ERR (the ClearSilver error logged). */
int render_template(HDF *hdf, const char *template, buf *out);

/* For a program that renders the same templates many times with changing
 * data (the notifier): a parse of template bound to hdf, with escaping as
 * hdf's Config.VarEscapeMode says now and the renderer's template
 * functions (url_escape). The caller frees it with cs_destroy. MDG_OK or
 * MDG_ERR (logged). */
int render_parse(HDF *hdf, const char *template, CSPARSE **out);
/* Renders a parse from render_parse into out with its tree's current
 * data. MDG_OK or MDG_ERR (logged). */
int render_parsed(CSPARSE *cs, const char *template, buf *out);

/* A language string by name (e.g. "mail.subject"), or the name itself. */
const char *render_text(const char *lang, const char *name);

/* Logs a ClearSilver error and frees it; returns MDG_ERR. */
int render_neoerr(NEOERR *err, const char *what);

#endif
