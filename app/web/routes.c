/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* routes.c: the one routing table of madang-web. */
#include "web.h"

const web_route web_routes[] = {
	{"GET", "/", page_home, ACCESS_PUBLIC},
	{"GET", "/healthz", page_healthz, ACCESS_PUBLIC},
	{"POST", "/lang", page_lang, ACCESS_PUBLIC},
	{"GET", "/_error/413", page_error_413, ACCESS_PUBLIC},
	{"GET", "/cases", page_public_cases, ACCESS_PUBLIC},
	{"GET", "/cases/new", page_file_form, ACCESS_CITIZEN},
	{"POST", "/cases/new", page_file, ACCESS_CITIZEN},
	{"GET", "/cases/{tracking}", page_case, ACCESS_PUBLIC},
	{"GET", "/attachments/{id}", page_attachment, ACCESS_PUBLIC},
	{"GET", "/my/cases", page_my_cases, ACCESS_CITIZEN},
	{"GET", "/register", page_register_form, ACCESS_PUBLIC},
	{"POST", "/register", page_register, ACCESS_PUBLIC},
	{"GET", "/login", page_login_form, ACCESS_PUBLIC},
	{"POST", "/login", page_login, ACCESS_PUBLIC},
	{"POST", "/logout", page_logout, ACCESS_ACCOUNT},
	{"GET", "/account", page_account_form, ACCESS_ACCOUNT},
	{"POST", "/account/password", page_account_password, ACCESS_ACCOUNT},
	{"POST", "/account/contact", page_account_contact, ACCESS_ACCOUNT},
	{"GET", "/staff/cases", page_staff_cases, ACCESS_STAFF},
	{"GET", "/staff/cases/{tracking}", page_staff_case, ACCESS_STAFF},
};

const size_t web_nroutes = sizeof web_routes / sizeof web_routes[0];
