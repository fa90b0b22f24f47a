/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* test_templates.c: every page template renders inside the layout, values
 * are HTML-escaped by default, and ko.hdf and en.hdf hold the same keys. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <ftw.h>

#include "core/buf.h"
#include "core/mdg.h"
#include "render/render.h"

static char templates[4096];

static int setup(void **state)
{
	(void)state;
	const char *src = getenv("MADANG_SOURCE_DIR");
	snprintf(templates, sizeof templates, "%s/cs-templates", src ? src : ".");
	return render_init(templates) == MDG_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	render_shutdown();
	return 0;
}

static char *render_page(const char *lang, const char *page, const char *title)
{
	buf out = {0};
	HDF *hdf = render_new_hdf(lang);
	hdf_set_value(hdf, "Page.Template", page);
	hdf_set_value(hdf, "Page.TitleKey", title);
	hdf_set_value(hdf, "CSRF", "tok");
	hdf_set_value(hdf, "Request.Uri", "/x?a=1&b=<2>");
	hdf_set_value(hdf, "Case.title", "<script>alert('x')</script> & \"q\"");
	hdf_set_value(hdf, "Case.tracking", "2026-000001");
	hdf_set_value(hdf, "Cases.0.title", "<b>bold</b>");
	hdf_set_value(hdf, "Cases.0.status", "received");
	hdf_set_value(hdf, "Form.title", "\"><img src=x onerror=alert(1)>");
	hdf_set_value(hdf, "Form.Err.title", "too_long");
	hdf_set_value(hdf, "Error.Status", "404");
	int rc = render_template(hdf, "layout.cs", &out);
	hdf_destroy(&hdf);
	if (rc != MDG_OK) {
		buf_free(&out);
		return NULL;
	}
	return buf_detach(&out);
}

static void test_every_page_renders(void **state)
{
	(void)state;
	static const char *const pages[][2] = {
		{"portal/home.cs", "Home"},          {"portal/cases.cs", "PublicCases"},
		{"portal/case.cs", "Case"},          {"portal/file.cs", "FileCase"},
		{"portal/mine.cs", "MyCases"},       {"account/register.cs", "Register"},
		{"account/login.cs", "Login"},       {"account/settings.cs", "Account"},
		{"admin/cases.cs", "StaffCases"},    {"admin/case.cs", "StaffCase"},
		{"staff/absences.cs", "Absences"},  {"staff/absence_calendar.cs", "AbsenceCalendar"},
		{"portal/withdraw.cs", "Withdraw"},
		{"admin/org/index.cs", "Admin"},      {"admin/org/departments.cs", "Admin"},
		{"admin/org/department.cs", "Admin"}, {"admin/org/staff.cs", "Admin"},
		{"admin/org/member.cs", "Admin"},     {"admin/org/categories.cs", "Admin"},
		{"admin/org/category.cs", "Admin"},   {"admin/org/holidays.cs", "Admin"},
		{"admin/org/settings.cs", "Admin"},   {"admin/org/audit.cs", "Admin"},
		{"reports/workload.cs", "ReportWorkload"}, {"portal/stats.cs", "PublicStats"},
		{"portal/examples.cs", "Examples"},
		{"error.cs", "Error404"},
	};
	for (size_t i = 0; i < MDG_ARRAY_LEN(pages); i++) {
		for (int l = 0; l < 2; l++) {
			char *html = render_page(l ? "en" : "ko", pages[i][0], pages[i][1]);
			if (!html)
				fail_msg("%s did not render", pages[i][0]);
			assert_non_null(strstr(html, "</html>"));
			free(html);
		}
	}
}

static void test_escaping_by_default(void **state)
{
	(void)state;
	char *html = render_page("ko", "portal/case.cs", "Case");
	assert_non_null(html);
	assert_null(strstr(html, "<script>alert"));
	assert_non_null(strstr(html, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"));
	free(html);
	html = render_page("ko", "portal/file.cs", "FileCase");
	assert_non_null(html);
	assert_null(strstr(html, "<img src=x"));
	assert_non_null(strstr(html, "&quot;&gt;&lt;img"));
	/* The error beside the field, in the page's language. */
	assert_non_null(strstr(html, "너무 깁니다"));
	free(html);
}

/* ClearSilver 0.10.5 applies Config.VarEscapeMode to var: but not to
 * alt:, not even inside an escape:"html" block (tried: it still prints
 * raw), so a value printed through alt: reaches the page as HTML. Data
 * goes through if: / var: / else instead; alt: may only print language
 * strings (L.*, which are ours). This scans every template for an alt:
 * of anything else. */
static buf alt_offenders;

static int scan_alt(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	size_t n = strlen(path);
	if (type != FTW_F || n < 3 || strcmp(path + n - 3, ".cs") != 0)
		return 0;
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	buf text = {0};
	char chunk[4096];
	size_t got;
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(&text, chunk, got);
	fclose(f);
	const char *all = buf_str(&text);
	for (const char *p = all; (p = strstr(p, "<?cs")); ) {
		p += 4;
		while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
			p++;
		if (strncmp(p, "alt", 3) != 0 || (p[3] != ':' && p[3] != '!'))
			continue;
		const char *expr = p + 4;
		while (*expr == ' ' || *expr == '\t')
			expr++;
		if (strncmp(expr, "L.", 2) == 0)
			continue;
		int line = 1;
		for (const char *q = all; q < p; q++)
			line += *q == '\n';
		buf_printf(&alt_offenders, "%s:%d: alt:%.*s\n", path, line, (int)strcspn(expr, " ?"), expr);
	}
	buf_free(&text);
	return 0;
}

static void test_alt_prints_only_language_strings(void **state)
{
	(void)state;
	buf_reset(&alt_offenders);
	assert_int_equal(nftw(templates, scan_alt, 16, FTW_PHYS), 0);
	if (alt_offenders.len)
		fail_msg("alt: prints these values unescaped; use if:/var:/else:\n%s", buf_str(&alt_offenders));
	buf_free(&alt_offenders);
}

/* The values that once went out through alt: on the admin pages. */
static void test_admin_lists_escape_names(void **state)
{
	(void)state;
	static const char evil[] = "<meta http-equiv=\"refresh\" content=\"0;url=http://127.0.0.1:1/\"><script>x</script>";
	static const char *const pages[][2] = {
		{"admin/org/departments.cs", "Depts.0.parent_name"},
		{"admin/org/staff.cs", "Staff.0.departments"},
		{"admin/org/staff.cs", "Staff.0.Roles.0.dept"},
		{"admin/org/categories.cs", "Rules.0.department"},
		{"admin/org/categories.cs", "Rules.0.joint"},
	};
	for (size_t i = 0; i < MDG_ARRAY_LEN(pages); i++) {
		buf out = {0};
		HDF *hdf = render_new_hdf("ko");
		hdf_set_value(hdf, "Page.Template", pages[i][0]);
		hdf_set_value(hdf, "Page.TitleKey", "Admin");
		hdf_set_value(hdf, "CSRF", "tok");
		hdf_set_value(hdf, "Staff.0.Roles.0.role", "handler");
		hdf_set_value(hdf, pages[i][1], evil);
		assert_int_equal(render_template(hdf, "layout.cs", &out), MDG_OK);
		hdf_destroy(&hdf);
		if (strstr(buf_str(&out), "<meta http-equiv=\"refresh\"") || strstr(buf_str(&out), "<script>x"))
			fail_msg("%s prints %s raw", pages[i][0], pages[i][1]);
		if (!strstr(buf_str(&out), "&lt;meta http-equiv=&quot;refresh&quot;"))
			fail_msg("%s does not show %s at all", pages[i][0], pages[i][1]);
		buf_free(&out);
	}
}

/* Every leaf name under node, as "A.B.C", appended to names. */
static void collect(HDF *node, const char *prefix, buf *names)
{
	for (HDF *c = hdf_obj_child(node); c; c = hdf_obj_next(c)) {
		char name[512];
		snprintf(name, sizeof name, "%s%s%s", prefix, *prefix ? "." : "", hdf_obj_name(c));
		if (hdf_obj_value(c))
			buf_printf(names, "|%s|", name);
		collect(c, name, names);
	}
}

static void test_languages_match(void **state)
{
	(void)state;
	HDF *ko = render_new_hdf("ko"), *en = render_new_hdf("en");
	buf kn = {0}, en_names = {0};
	collect(hdf_get_obj(ko, "L"), "", &kn);
	collect(hdf_get_obj(en, "L"), "", &en_names);
	assert_true(kn.len > 100);
	/* Each name in one file must be in the other. */
	for (int pass = 0; pass < 2; pass++) {
		const char *from = buf_str(pass ? &en_names : &kn);
		const char *other = buf_str(pass ? &kn : &en_names);
		for (const char *p = from; (p = strchr(p, '|')); ) {
			const char *end = strchr(p + 1, '|');
			char name[520];
			snprintf(name, sizeof name, "%.*s", (int)(end - p + 1), p);
			if (!strstr(other, name))
				fail_msg("%s is in %s.hdf only", name, pass ? "en" : "ko");
			p = end + 1;
		}
	}
	buf_free(&kn);
	buf_free(&en_names);
	hdf_destroy(&ko);
	hdf_destroy(&en);
}

static void test_pick_lang(void **state)
{
	(void)state;
	assert_string_equal(render_pick_lang("en", "ko-KR"), "en");
	assert_string_equal(render_pick_lang(NULL, "en-US,en;q=0.9,ko;q=0.8"), "en");
	assert_string_equal(render_pick_lang(NULL, "ko-KR,ko;q=0.9,en;q=0.8"), "ko");
	assert_string_equal(render_pick_lang(NULL, "fr-FR,en;q=0.5"), "en");
	assert_string_equal(render_pick_lang(NULL, "en;q=0,fr"), "ko");
	assert_string_equal(render_pick_lang(NULL, NULL), "ko");
	assert_string_equal(render_pick_lang("xx", "de"), "ko");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_page_renders),
		cmocka_unit_test(test_escaping_by_default),
		cmocka_unit_test(test_languages_match),
		cmocka_unit_test(test_pick_lang),
		cmocka_unit_test(test_alt_prints_only_language_strings),
		cmocka_unit_test(test_admin_lists_escape_names),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
