/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* test_templates.c: every page template renders inside the layout with its
 * values in place and no empty spot where a value belongs, values are
 * HTML-escaped by default, and ko.hdf and en.hdf hold the same keys. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <ftw.h>
#include <regex.h>
#include <stdbool.h>

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

/* Renders the layout with hdf and destroys hdf: the page, or NULL. */
static char *render_and_destroy(HDF *hdf)
{
	buf out = {0};
	int rc = render_template(hdf, "layout.cs", &out);
	hdf_destroy(&hdf);
	if (rc != MDG_OK) {
		buf_free(&out);
		return NULL;
	}
	return buf_detach(&out);
}

static char *render_page(const char *lang, const char *page, const char *title)
{
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
	return render_and_destroy(hdf);
}

/* ------------------------------------------------ every page, filled */

/* test_every_page_renders renders each page template in the layout, in
 * both languages, with its data filled under the HDF names the handlers
 * set today (page_*.c; the names the .cs files read), and checks that
 * (1) every value the page must show is there, in its place, and (2) no
 * spot where a value belongs came out empty: an empty link, form target,
 * cell, term's definition or id, a path ending in "/" or holding "//",
 * a query argument without a value, a status or language string looked
 * up by a value the strings do not know. When a template starts reading
 * another name, its fixture below must follow (the test then fails with
 * the page and the spot). */

/* The map box (web_map_fill), with a tile server. */
#define MAP_DATA                                                                                  \
	"Map.On=1", "Map.lat=37.5665", "Map.lng=126.978", "Map.zoom=15", "Map.marker=1",           \
		"Map.tiles=https://tile.example.org/{z}/{x}/{y}.png", "Map.attribution=© 지도"
#define MAP_SHOWN                                                                                  \
	"<div id=\"map\"", "data-lat=\"37.5665\"", "data-lng=\"126.978\"",                          \
		"data-tiles=\"https://tile.example.org/{z}/{x}/{y}.png\"", "src=\"/assets/map.js\"",   \
		"href=\"/assets/leaflet/leaflet.css\""

/* Rows that several pages list. */
#define CASE_ROW                                                                                       \
	"Cases.0.tracking=2026-000777", "Cases.0.title=가로등 고장 신고", "Cases.0.status=received",   \
		"Cases.0.date=2026-11-02", "Cases.0.category=도로·교통", "Cases.0.filer=김*수",        \
		"Cases.0.public=1"
#define CASE_ROW_SHOWN "2026-000777", "가로등 고장 신고", "2026-11-02", "도로·교통"
#define CATEGORY_ROW "Categories.0.id=3", "Categories.0.name=환경·청소"
#define PROPOSAL_ROW                                                                                  \
	"Proposals.0.id=12", "Proposals.0.title=심야버스 노선 확대", "Proposals.0.state=open",          \
		"Proposals.0.supports=7", "Proposals.0.threshold=50", "Proposals.0.bar=7",              \
		"Proposals.0.percent=14", "Proposals.0.date=2026-11-02", "Proposals.0.closes=2026-12-02", \
		"Proposals.0.category=교통·주차"
#define PROPOSAL_ROW_SHOWN "href=\"/proposals/12\"", "심야버스 노선 확대", "7 / 50", "2026-12-02"
#define DEPT_ROW                                                                                    \
	"Depts.0.id=5", "Depts.0.name=교통행정과", "Depts.0.name_ko=교통행정과",                    \
		"Depts.0.name_en=Traffic Administration", "Depts.0.indent=　", "Depts.0.depth=1", \
		"Depts.0.active=1", "Depts.0.parent_name=도시교통국"

/* A debate of a list (debate_list). */
#define DEBATE_ROW(list)                                                                            \
	list ".0.id=31", list ".0.title=심야 버스 노선 확대", list ".0.department=교통행정과",            \
		list ".0.opens=2026-12-01 09:00", list ".0.closes=2026-12-14 18:00", list ".0.sides=12", \
		list ".0.opinions=5", list ".0.summarized=1"
#define DEBATE_ROW_SHOWN "심야 버스 노선 확대", "2026-12-01 09:00 ~ 2026-12-14 18:00", "교통행정과"

static const char *const home_data[] = {"Stats.Public=12345", CASE_ROW, DEBATE_ROW("HomeDebates"), PROPOSAL_ROW,
					"Stats.Proposals=31", "HomeCommunities.0.slug=madang-walk",
					"HomeCommunities.0.name=마당 걷기", "HomeCommunities.0.template=resident",
					"HomeCommunities.0.members=4", NULL};
static const char *const home_shown[] = {"(12345)", CASE_ROW_SHOWN, "김*수", DEBATE_ROW_SHOWN, "href=\"/debates/31\"",
					 PROPOSAL_ROW_SHOWN, "(31)", "href=\"/c/madang-walk\"", NULL};

static const char *const debates_data[] = {DEBATE_ROW("Debates.Open"), DEBATE_ROW("Debates.Closed"), NULL};
static const char *const debates_shown[] = {DEBATE_ROW_SHOWN, "href=\"/debates/31\"", "href=\"/debates?page=3\"", NULL};
static const char *const staff_debates_data[] = {DEBATE_ROW("Debates.Upcoming"), "Staff.MayOpen=1", NULL};
static const char *const staff_debates_shown[] = {DEBATE_ROW_SHOWN, "href=\"/staff/debates/31\"",
						  "href=\"/staff/debates/new\"", NULL};

/* A debate's page (page_debates.c show_debate): open, a citizen with a
 * side, an opinion with a reply, a held post of theirs, a removed one. */
#define DEBATE_FACTS                                                                                \
	"Debate.id=31", "Debate.title=심야 버스 노선을 늘려야 할까요?", "Debate.background=배경 설명",   \
		"Debate.department=교통행정과", "Debate.opens=2026-12-01 09:00",                         \
		"Debate.closes=2026-12-14 18:00", "Debate.department_id=5"
#define DEBATE_FILE "Files.0.id=41", "Files.0.name=노선도.pdf", "Files.0.type=application/pdf", "Files.0.size=2048"
#define DEBATE_FILE_SHOWN "href=\"/debates/attachments/41\"", "노선도.pdf", "application/pdf, 2048 B"
#define TALLY_DATA                                                                                  \
	"Tally.Total=6", "Tally.Sides.0.side=agree", "Tally.Sides.0.n=3", "Tally.Sides.0.pct=50",    \
		"Tally.Sides.0.x=0", "Tally.Sides.1.side=disagree", "Tally.Sides.1.n=2",              \
		"Tally.Sides.1.pct=33", "Tally.Sides.1.x=50", "Tally.Sides.2.side=neutral",            \
		"Tally.Sides.2.n=1", "Tally.Sides.2.pct=17", "Tally.Sides.2.x=83"
static const char *const debate_data[] = {
	DEBATE_FACTS, TALLY_DATA, "Debate.state=open", "Debate.posts=4", "Page.DebateCss=1", DEBATE_FILE, "Me.citizen=1", "Me.side=agree",
	"Top.agree.0.id=7", "Top.agree.0.author=김*준", "Top.agree.0.body=좋은 의견", "Top.agree.0.recommends=3", "Top.agree.0.page=2",
	"Opinions.0.id=7", "Opinions.0.reply_to=0", "Opinions.0.author=김*준", "Opinions.0.side=agree",
	"Opinions.0.body=좋은 의견", "Opinions.0.recommends=3", "Opinions.0.moderation=visible", "Opinions.0.mine=0",
	"Opinions.0.recommended=0", "Opinions.0.created=2026-12-02 10:00", "Opinions.0.Replies.0.id=9",
	"Opinions.0.Replies.0.reply_to=7", "Opinions.0.Replies.0.author=이*", "Opinions.0.Replies.0.side=",
	"Opinions.0.Replies.0.body=답글입니다", "Opinions.0.Replies.0.recommends=0",
	"Opinions.0.Replies.0.moderation=held", "Opinions.0.Replies.0.reason=검토 중", "Opinions.0.Replies.0.mine=1",
	"Opinions.0.Replies.0.recommended=0", "Opinions.0.Replies.0.created=2026-12-02 11:00", "Opinions.1.id=8",
	"Opinions.1.reply_to=0", "Opinions.1.author=박*훈", "Opinions.1.side=disagree", "Opinions.1.body=",
	"Opinions.1.recommends=0", "Opinions.1.moderation=deleted", "Opinions.1.mine=0", "Opinions.1.recommended=0",
	"Opinions.1.created=2026-12-02 12:00", "Form.reply_to=7", "Form.body=<고친 답글>", "Form.Err.body=too_long",
	NULL};
static const char *const debate_shown[] = {
	"심야 버스 노선을 늘려야 할까요?", "배경 설명", "2026-12-01 09:00 ~ 2026-12-14 18:00", "width=\"33\"", ": 4</p>",
	"<td>3</td><td>50%</td>", "id=\"post-7\"", "id=\"post-9\"", "좋은 의견", "답글입니다", "검토 중",
	"action=\"/posts/7/recommend\"", "action=\"/debates/31/side\"", "action=\"/debates/31/opinions\"",
	"value=\"agree\" required checked", "&lt;고친 답글&gt;</textarea>", "<details class=\"reply-form\" open>",
	"href=\"/assets/debates.css\"", "href=\"/debates/31?page=2#post-7\"", DEBATE_FILE_SHOWN, NULL};
static const char *const debate_closed_data[] = {
	DEBATE_FACTS, TALLY_DATA, "Debate.state=closed", "Debate.posts=0", "Debate.summarized=1", "Debate.summary=요약입니다",
	"Debate.action=조치입니다", "Debate.summary_at=2026-12-15 10:00", "Page.DebateCss=1", NULL};
static const char *const debate_closed_shown[] = {"요약입니다", "조치입니다", "2026-12-15 10:00", NULL};

/* Notes (쪽지): the inbox with an unread note and a second page, the sent
 * box with a read receipt, the new-note form sent back, a received note
 * with its actions, a note a moderator hid. */
static const char *const notes_inbox_data[] = {
	"NotesBox=inbox", "Notes.0.id=12", "Notes.0.other=한쪽지", "Notes.0.excerpt=<안녕>", "Notes.0.sent=2026-12-07 09:00",
	"Notes.0.unread=1", "Pager.Page=1", "Pager.Pages=2", "Pager.Next=2", NULL};
static const char *const notes_inbox_shown[] = {"href=\"/notes/12\"", "&lt;안녕&gt;", "<tr class=\"unread\">",
						 "href=\"/notes?page=2\"", "href=\"/notes/sent\"", NULL};
static const char *const notes_sent_data[] = {
	"NotesBox=sent", "Notes.0.id=13", "Notes.0.other=두쪽지", "Notes.0.excerpt=잘 받았습니다",
	"Notes.0.sent=2026-12-07 09:00", "Notes.0.read=2026-12-07 10:00", "Notes.0.unread=0", NULL};
static const char *const notes_sent_shown[] = {"href=\"/notes/13\"", "2026-12-07 10:00", "두쪽지", NULL};
static const char *const note_new_data[] = {"Form.to=cit123", "Form.body=<본문>", "Form.Err.body=required",
					    "NoteBodyMax=2000", NULL};
static const char *const note_new_shown[] = {"action=\"/notes/new\"", "value=\"cit123\"", "&lt;본문&gt;</textarea>",
					     "id=\"err-body\"", "maxlength=\"2000\"", NULL};
#define NOTE_FACTS "Note.id=12", "Note.author=한쪽지", "Note.author_login=cit1", "Note.recipient=두쪽지", \
	"Note.sent=2026-12-07 09:00", "Note.blocked=0"
static const char *const note_data[] = {NOTE_FACTS, "Note.body=<안녕>", "Note.mine=0", "Note.moderation=visible", NULL};
static const char *const note_shown[] = {"action=\"/notes/12/delete\"", "action=\"/notes/12/block\"",
					 "href=\"/notes/new?to=cit1\"", "href=\"/report/note/12\"",
					 "<div class=\"text note-body\">&lt;안녕&gt;</div>", NULL};
static const char *const note_hidden_data[] = {NOTE_FACTS, "Note.body=", "Note.mine=1", "Note.read=2026-12-07 10:00",
					       "Note.moderation=hidden", NULL};
static const char *const note_hidden_shown[] = {"class=\"note-removed\"", "2026-12-07 10:00", NULL};

/* The staff's page of a debate: the form to open one, an upcoming one
 * editable, a closed one with the summary form. */
#define DEPARTMENT_OPTIONS "Departments.0.id=5", "Departments.0.name=교통행정과"
static const char *const staff_debate_new_data[] = {
	DEPARTMENT_OPTIONS, "Form.title=<주제>", "Form.department_id=5", "Form.opens_at=2026-12-01T09:00",
	"Form.Err.closes_at=debate_order", NULL};
static const char *const staff_debate_new_shown[] = {
	"action=\"/staff/debates/new\"", "value=\"&lt;주제&gt;\"", "<option value=\"5\" selected>교통행정과",
	"value=\"2026-12-01T09:00\"", "id=\"err-closes_at\"", NULL};
static const char *const staff_debate_data[] = {
	DEBATE_FACTS, DEPARTMENT_OPTIONS, DEBATE_FILE, "Debate.state=upcoming", "Staff.MayEdit=1", "Form.title=주제",
	"Form.background=배경", "Form.department_id=5", "Form.opens_at=2026-12-01T09:00",
	"Form.closes_at=2026-12-14T18:00", NULL};
static const char *const staff_debate_shown[] = {"action=\"/staff/debates/31\"", "href=\"/debates/31\"", DEBATE_FILE_SHOWN,
						 "action=\"/staff/debates/31/detach\"", "name=\"attachment_id\" value=\"41\"",
						 "value=\"2026-12-14T18:00\"", NULL};
static const char *const staff_debate_closed_data[] = {
	DEBATE_FACTS, "Debate.state=closed", "Staff.MaySummarize=1", "Form.summary=요약 초안", "Form.action=", "Form.Err.action=required",
	NULL};
static const char *const staff_debate_closed_shown[] = {"action=\"/staff/debates/31/summary\"", "요약 초안</textarea>",
							"id=\"err-action\"", NULL};

static const char *const cases_data[] = {CASE_ROW, CATEGORY_ROW, "Filter.q=신호등", "Filter.category=3",
					 "Filter.status=received", NULL};
static const char *const cases_shown[] = {CASE_ROW_SHOWN, "value=\"신호등\"", "<option value=\"3\" selected>환경·청소",
					  NULL};

/* The facts of a case both case pages show. */
#define CASE_FACTS                                                                                      \
	"Case.tracking=2026-000777", "Case.title=가로등 고장 신고", "Case.body=본문 내용입니다",          \
		"Case.category=도로·교통", "Case.department=교통행정과", "Case.created=2026-11-02 09:10", \
		"Case.public=1", "Case.address=시청로 1", "Case.lat=37.5665", "Case.lng=126.978",         \
		"Files.0.id=41", "Files.0.name=사진.jpg", "Files.0.type=image/jpeg", "Files.0.size=2048",    \
		"Answers.0.question=어떤 파손인가요?", "Answers.0.answer=pothole"
#define CASE_FACTS_SHOWN                                                                             \
	"2026-000777", "가로등 고장 신고", "본문 내용입니다", "교통행정과", "2026-11-02 09:10", "시청로 1", \
		"37.5665, 126.978", "href=\"/attachments/41\"", "사진.jpg", "image/jpeg, 2048 B",             \
		"<dt>어떤 파손인가요?</dt><dd>pothole</dd>"

static const char *const case_data[] = {
	CASE_FACTS, "Case.status=answered", "Case.due=2026-11-13", "Case.filer=김*수", "Stages.0.kind=filed",
	"Stages.0.at=2026-11-02 09:10", "Stages.0.department=교통행정과", "Stages.0.handler=박담당",
	"Stages.0.note=접수 메모", "Stages.1.kind=answered", "Stages.1.at=2026-11-05 14:00",
	"Stages.1.answer=1", "AnswerParts.0.answer=1", "AnswerParts.0.body=답변 본문입니다",
	"AnswerParts.0.department=교통행정과", "CaseAct.close=1", "CaseAct.reopen=1", "CaseAct.version=7",
	MAP_DATA, NULL};
static const char *const case_shown[] = {CASE_FACTS_SHOWN, MAP_SHOWN, "2026-11-13", "김*수", "박담당", "접수 메모", "답변 본문입니다", "action=\"/cases/2026-000777/act\"",
					 "name=\"version\" value=\"7\"", NULL};

static const char *const file_data[] = {CATEGORY_ROW,
					"Form.category=3",
					"Form.title=제목입니다",
					"Form.body=본문입니다",
					"Form.address=시청로 1",
					"Form.latitude=37.5",
					"Form.longitude=127.0",
					"Form.public=1",
					MAP_DATA,
					"Map.pick=1",
					NULL};
static const char *const file_shown[] = {"<option value=\"3\" selected>환경·청소", "value=\"제목입니다\"",
					 ">본문입니다</textarea>", "value=\"시청로 1\"", "value=\"37.5\"",
					 "value=\"127.0\"", MAP_SHOWN, "data-pick=\"1\"", NULL};

static const char *const mine_data[] = {CASE_ROW, "Notify.Unread=4", NULL};
static const char *const mine_shown[] = {CASE_ROW_SHOWN, " 4)", NULL};

static const char *const my_data[] = {
	CASE_ROW, "Notify.Unread=4", "My.CasesCount=1", "My.Balance=15", "My.LedgerCount=2",
	"My.PenaltiesCount=1", "My.Restricted=1", "My.Until=2026-12-14 10:00", "Ledger.0.id=3",
	"Ledger.0.points=10", "Ledger.0.reason=complaint_answered", "Ledger.0.kind=case", "Ledger.0.item_id=7",
	"Ledger.0.at=2026-12-07 10:00", "Ledger.0.link=/cases/2026-0001", "Penalties.0.id=5",
	"Penalties.0.level=restrict_7", "Penalties.0.reason=욕설 반복", "Penalties.0.starts=2026-12-07 10:00",
	"Penalties.0.ends=2026-12-14 10:00", "Penalties.0.active=1", "Penalties.0.objection_state=none",
	"Form.penalty=5", "Form.objection=사실과 다릅니다", "My.ProposalsCount=1", "MyProposals.0.id=12",
	"MyProposals.0.title=심야버스 노선", "MyProposals.0.state=open", "MyProposals.0.supports=3",
	"MyProposals.0.threshold=50", "MyProposals.0.moderation=hidden", "MyProposals.0.date=2026-12-01",
	"My.SupportsCount=1", "MySupports.0.id=13", "MySupports.0.title=공원 그늘막", "MySupports.0.state=review",
	"MySupports.0.supports=60", "MySupports.0.threshold=50", "MySupports.0.moderation=visible",
	"MySupports.0.date=2026-11-01", "MySupports.0.supported=2026-11-05", "My.CommentsCount=1",
	"MyComments.0.id=40", "MyComments.0.proposal_id=12", "MyComments.0.proposal=심야버스 노선",
	"MyComments.0.body=좋은 제안입니다", "MyComments.0.reply=0", "MyComments.0.moderation=visible",
	"MyComments.0.created=2026-12-02 10:00", NULL};
static const char *const my_shown[] = {CASE_ROW_SHOWN, "2026-12-14 10:00", "욕설 반복", "/my/penalties/5/object",
				       "사실과 다릅니다", "href=\"/cases/2026-0001\"", "+10",
				       "href=\"/proposals/13\"", "2026-11-05", "href=\"/proposals/12#post-40\"",
				       "좋은 제안입니다", NULL};
static const char *const ranking_data[] = {"Ranking.0.rank=1", "Ranking.0.name=홍*동", "Ranking.0.points=120", NULL};
static const char *const ranking_shown[] = {"홍*동", "120", NULL};
static const char *const penalties_data[] = {
	"PenaltiesTotal=1", "Penalties.0.id=5", "Penalties.0.level=warning", "Penalties.0.reason=도배",
	"Penalties.0.starts=2026-12-07 10:00", "Penalties.0.login=hong", "Penalties.0.name=홍길동",
	"Penalties.0.decided_by_name=김관리", "Penalties.0.objection_state=pending",
	"Penalties.0.objection=억울합니다", "Penalties.0.objected=2026-12-07 11:00", "Form.login=kim", NULL};
static const char *const penalties_shown[] = {"홍길동", "도배", "억울합니다", "value=\"reject\"",
					      "action=\"/staff/penalties/5\"", "value=\"kim\"", NULL};

static const char *const register_data[] = {"Form.login_id=hong", "Form.name=홍길동",
					    "Form.email=hong@example.kr", "Form.mobile=010-1234-5678",
					    "Form.consent=1", NULL};
static const char *const register_shown[] = {"value=\"hong\"", "value=\"홍길동\"", "value=\"hong@example.kr\"",
					     "value=\"010-1234-5678\"", NULL};

static const char *const login_data[] = {"Form.login_id=hong", "Form.next=/my/cases", NULL};
static const char *const login_shown[] = {"value=\"hong\"", "name=\"next\" value=\"/my/cases\"", NULL};

static const char *const login_code_shown[] = {"action=\"/login/code\"", "autocomplete=\"one-time-code\"", NULL};
static const char *const totp_enrol_data[] = {
	"Totp.Qr=<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"QR\"><path d=\"M4 4h1v1h-1z\"/></svg>",
	"Totp.Secret=GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ", "Totp.Required=1", NULL};
static const char *const totp_enrol_shown[] = {"<svg xmlns=", "<path d=\"M4 4h1v1h-1z\"/>",
					       "GEZD GNBV GY3T QOJQ", "action=\"/account/2fa\"", NULL};
static const char *const totp_on_data[] = {"Totp.Enrolled=1", "Totp.RecoveryLeft=8", NULL};
static const char *const totp_on_shown[] = {"<strong>8</strong>", "action=\"/account/2fa/off\"", NULL};
static const char *const totp_codes_data[] = {"Totp.Codes.0=abcde-fghjk", "Totp.Codes.1=23456-789ab",
					      "Totp.Next=/staff/cases", NULL};
static const char *const totp_codes_shown[] = {"<code>abcde-fghjk</code>", "href=\"/staff/cases\"", NULL};

static const char *const settings_data[] = {"Account.Login=hong", "Account.Name=홍길동",
					    "Form.email=hong@example.kr", "Form.mobile=010-1234-5678",
					    "Notify.Show=1", "Notify.HasMobile=1", "Notify.Staff=1",
					    "Form.notify_email=1", "Form.notify_sms=1", "Form.notify_digest=1",
					    NULL};
static const char *const settings_shown[] = {"hong", "홍길동", "value=\"hong@example.kr\"",
					     "value=\"010-1234-5678\"", NULL};

/* The staff's case page (admin/case.cs with staff/case_actions.cs). */
static const char *const staff_case_data[] = {
	CASE_FACTS, "Case.status=in_progress", "Case.channel=web", "Case.filer=김민수", "State.due=2026-11-13",
	"State.overdue=1", "State.extensions=1", "State.max_extensions=2", "State.needs_approval=1",
	"State.is_example=1", "State.version=7", "State.department_id=5", "Contact.name=김민수",
	"Contact.email=minsu@example.kr", "Contact.mobile=010-2345-6789", "Departments.0.id=5", "Departments.0.name=교통행정과", "Departments.0.role=lead",
	"Departments.0.active=1", "Departments.1.id=6", "Departments.1.name=도로과",
	"Departments.1.role=joint", "Departments.1.part_status=submitted", "Departments.1.part_text=협조 의견",
	"Departments.1.active=1", "Handlers.0.name=박담당", "Handlers.0.department=교통행정과",
	"Handlers.0.assigned=2026-11-02 10:00", "Handlers.0.absent=1", "Answers.0.status=pending",
	"Answers.0.author=박담당", "Answers.0.created=2026-11-04 11:00", "Answers.0.sent=2026-11-05 09:00",
	"Answers.0.approver=이과장", "Answers.0.body=답변 초안", "Ratings.0.rating=2",
	"Ratings.0.rated=2026-11-06 08:00", "Ratings.0.callback=done", "Ratings.0.comment=늦었어요",
	"Ratings.0.agent=최상담", "Ratings.0.called=2026-11-07 10:00", "Ratings.0.note=통화 완료",
	"History.0.kind=note", "History.0.actor=박담당", "History.0.department=교통행정과",
	"History.0.at=2026-11-03 12:00", "History.0.note=내부 메모", "History.1.kind=transferred",
	"History.1.actor=이과장", "History.1.at=2026-11-03 13:00", "History.1.target=도로과",
	"History.1.target_department=도로과", "History.1.public=1", "Messages.0.author=정협조",
	"Messages.0.department=도로과", "Messages.0.at=2026-11-03 15:00", "Messages.0.body=부서 간 메시지",
	"Others.0.tracking=2026-000700", "Others.0.title=예전 민원", "Others.0.status=closed",
	"Others.0.date=2026-10-01", "Allow.Any=1", "Allow.note=1", "Allow.message=1", "Allow.answer=1",
	"Allow.approve=1", "Allow.assign=1", "Allow.close=1", "Allow.example=1", "Allow.extend=1",
	"Allow.refile=1", "Allow.reject=1", "Allow.return_answer=1", "Allow.send_back=1", "Allow.start=1",
	"Allow.submit=1", "Allow.transfer=1", "Assignees.0.id=21", "Assignees.0.name=박담당",
	"Assignees.0.absent=1", "TransferTo.0.id=6", "TransferTo.0.name=도로과", "TransferTo.0.active=1",
	"RefileTo.0.id=3", "RefileTo.0.name=환경·청소", "Parts.0.id=6", "Parts.0.name=도로과",
	"Parts.0.status=submitted", "Parts.0.text=협조 의견", "AnswerParts.0.answer=1", NULL};
static const char *const staff_case_shown[] = {
	CASE_FACTS_SHOWN, "2026-11-13", "1 / 2", "김민수", "minsu@example.kr", "010-2345-6789", "협조 의견", "박담당 (교통행정과)", "2026-11-02 10:00", "이과장", "답변 초안", "2 / 5",
	"늦었어요", "최상담", "통화 완료", "내부 메모", "부서 간 메시지", "2026-000700", "예전 민원",
	"value=\"21\"", "value=\"6\"", "value=\"3\"", "name=\"version\" value=\"7\"",
	"action=\"/staff/cases/2026-000777/act\"", "action=\"/staff/cases/2026-000777/note\"", NULL};

static const char *const staff_cases_data[] = {
	"Cases.0.tracking=2026-000777", "Cases.0.title=가로등 고장 신고", "Cases.0.status=in_progress",
	"Cases.0.category=도로·교통", "Cases.0.date=2026-11-02", "Cases.0.due=2026-11-13",
	"Cases.0.department=교통행정과", "Cases.0.handlers=박담당", "Cases.0.overdue=1",
	"Cases.0.public=1", "Cases.0.version=7", "Cases.0.channel=sms", "Categories.0.id=3",
	"Categories.0.name=환경·청소", "Departments.0.id=5", "Departments.0.name=교통행정과", "Departments.0.active=1",
	"Assignable.0.id=21", "Assignable.0.name=박담당", "Assignable.0.department=교통행정과",
	"Filter.view=department", "Filter.q=신호등", "Filter.category=3", "Filter.status=in_progress",
	"Filter.channel=web", "Filter.sort=due", "Filter.dir=asc", "Filter.from=2026-11-01",
	"Filter.to=2026-11-30", "Filter.overdue=1", "Inbox.CanAssign=1", "Inbox.Unplaced=1",
	"Bulk.Done=3", "Bulk.FailedCount=1", "Bulk.Failed.0.item=2026-000778", "Bulk.Failed.0.problem=changed",
	"Form.department=5", "Form.handler=21", "Form.reason=사유입니다", NULL};
static const char *const staff_cases_shown[] = {"2026-000777", "가로등 고장 신고", "2026-11-13", "박담당",
						"value=\"신호등\"", "value=\"2026-11-01\"", "value=\"2026-11-30\"",
						"2026-000778", "사유입니다", NULL};

static const char *const absences_data[] = {
	"Absences.0.id=9", "Absences.0.name=박담당", "Absences.0.kind=leave", "Absences.0.state=current",
	"Absences.0.first=2026-11-02", "Absences.0.last=2026-11-06", "Absences.0.substitute=이대리",
	"Absences.0.handed_over=1", "People.0.id=21", "People.0.name=박담당", "People.1.id=22",
	"People.1.name=이대리", "SubGroups.0.name=교통행정과", "SubGroups.0.People.0.id=22",
	"SubGroups.0.People.0.name=이대리", "Absence.Moved=2", "Form.account=21",
	"Form.account_name=박담당", "Form.first=2026-11-02", "Form.last=2026-11-06", "Form.kind=leave",
	"Form.substitute=22", "Form.handover=1", NULL};
static const char *const absences_shown[] = {"박담당", "이대리", "2026-11-02", "2026-11-06", "교통행정과",
					     "action=\"/staff/absences/9/", NULL};

static const char *const calendar_data[] = {
	"Month.Year=2026", "Month.Month=11", "Month.PrevYear=2026", "Month.PrevMonth=10",
	"Month.NextYear=2026", "Month.NextMonth=12", "Month.Prev=2026-10", "Month.Next=2026-12",
	"Month.This=2026-12", "Days.0.date=2026-11-02", "Days.0.day=2", "Days.0.weekday=1",
	"Days.0.today=1", "Days.0.Away.0.name=박담당", "Days.0.Away.0.kind=leave",
	"Days.0.Away.0.substitute=이대리", "Days.1.date=2026-11-03", "Days.1.day=3", "Days.1.weekday=2",
	"Days.1.dayoff=1", "Days.1.holiday=개천절", "Staff.0.name=박담당", "Staff.0.departments=교통행정과",
	"Staff.0.Periods.0.kind=leave", "Staff.0.Periods.0.first=2026-11-02",
	"Staff.0.Periods.0.last=2026-11-06", "Staff.0.Periods.0.substitute=이대리", NULL};
static const char *const calendar_shown[] = {"2026-11-02", "박담당", "이대리", "개천절", "교통행정과",
					     "2026-11-06", "month=2026-10", "month=2026-12", NULL};

static const char *const withdraw_data[] = {"Case.tracking=2026-000777", "Case.title=가로등 고장 신고",
					    "CaseAct.version=7", "Form.action=withdraw", "Form.text=취하 사유",
					    NULL};
static const char *const withdraw_shown[] = {"2026-000777", "가로등 고장 신고", "name=\"version\" value=\"7\"",
					     ">취하 사유</textarea>", NULL};

/* Moderation (page_moderation.c). */
static const char *const report_data[] = {"Item.kind=case", "Item.item_key=2026-000777", "Item.title=가로등 고장 신고",
					  "Item.url=/cases/2026-000777", "Report.NoteMax=500", "Form.reason=abuse",
					  "Form.note=욕설이 있어요", NULL};
static const char *const report_shown[] = {"action=\"/report/case/2026-000777\"", "가로등 고장 신고",
					   "value=\"abuse\" required checked", ">욕설이 있어요</textarea>", NULL};
static const char *const objection_data[] = {"Item.kind=case", "Item.item_key=2026-000777", "Item.title=가로등 고장 신고",
					     "Item.url=/cases/2026-000777", "Item.moderation=hidden",
					     "Item.moderation_reason=전화번호 노출", "Objection.Max=2000", "Form.text=지웠어요", NULL};
static const char *const objection_shown[] = {"action=\"/objection/case/2026-000777\"", "전화번호 노출", ">지웠어요</textarea>",
					      NULL};
static const char *const moderation_data[] = {
	"Moderation.ReasonMax=255", "Queue.0.kind=case", "Queue.0.id=12", "Queue.0.item_key=2026-000777",
	"Queue.0.title=가로등 고장 신고", "Queue.0.text=본문", "Queue.0.url=/cases/2026-000777", "Queue.0.moderation=held",
	"Queue.0.department=도로과", "Queue.0.author=김민수", "Queue.0.weight=1.5000", "Queue.0.reports=3",
	"Queue.0.objections=1", "Queue.0.Reports.0.reason=spam", "Queue.0.Reports.0.note=광고",
	"Queue.0.Reports.0.at=2026-11-02 10:00", "Queue.0.Reports.0.reporter=이신고", "Queue.0.Reports.0.weight=0.5000",
	"Queue.0.Objections.0.text=억울합니다", "Queue.0.Objections.0.at=2026-11-03 10:00", "Decision.item=case-12", NULL};
static const char *const moderation_shown[] = {"action=\"/staff/moderation/case/12\"", "id=\"action-case-12\"", "이신고",
					       "억울합니다", "1.5000", NULL};
static const char *const words_data[] = {"Words.0.id=3", "Words.0.word=시발점", "Words.0.action=exception",
					 "Words.0.created=2026-11-01", "Words.1.id=4", "Words.1.word=씨발", "Words.1.action=mask",
					 "Words.1.added_by=관리자", "Words.1.created=2026-11-01", "Form.action=hold", NULL};
static const char *const words_shown[] = {"시발점", "관리자", "name=\"delete\" value=\"4\"", "value=\"hold\" selected", NULL};

static const char *const admin_home_data[] = {"Session.AdminGlobal=1", "Counts.departments=15", "Counts.staff=200",
					      "Counts.categories=10", "Counts.holidays=17", "Counts.audit_today=33",
					      "Counts.unplaced=4", NULL};
static const char *const admin_home_shown[] = {">15<", ">200<", ">10<", ">17<", ">33<", "4", NULL};

static const char *const departments_data[] = {"Session.AdminGlobal=1", DEPT_ROW, "Form.parent_id=5",
					       "Form.name_ko=새 부서", "Form.name_en=New Department", NULL};
static const char *const departments_shown[] = {"교통행정과", "Traffic Administration", "도시교통국",
						"href=\"/admin/departments/5\"", "value=\"새 부서\"", NULL};

static const char *const department_data[] = {"Session.AdminGlobal=1",
					      "Dept.id=7",
					      "Dept.name=도로과",
					      DEPT_ROW,
					      "Dept.ParentOutside.id=2",
					      "Dept.ParentOutside.name=다른 국",
					      "Form.parent_id=5",
					      "Form.name_ko=도로과",
					      "Form.name_en=Roads",
					      "Form.active=1",
					      NULL};
static const char *const department_shown[] = {"action=\"/admin/departments/7\"", "value=\"도로과\"",
					       "value=\"Roads\"", "다른 국", "교통행정과", NULL};

static const char *const staff_list_data[] = {
	"Session.AdminGlobal=1", DEPT_ROW, "StaffCount=200", "Staff.0.id=21", "Staff.0.login=staff001",
	"Staff.0.name=박담당", "Staff.0.active=1", "Staff.0.manage=1", "Staff.0.departments=교통행정과",
	"Staff.0.Roles.0.role=handler", "Staff.0.Roles.0.dept=교통행정과", "Form.login_id=staff201",
	"Form.name=새 직원", "Form.email=new@example.kr", "Form.department_id=5", NULL};
static const char *const staff_list_shown[] = {"staff001", "박담당", "교통행정과", "href=\"/admin/staff/21\"",
					       "value=\"staff201\"", "value=\"새 직원\"", "value=\"new@example.kr\"",
					       "200", NULL};

static const char *const member_data[] = {
	"Session.AdminGlobal=1", DEPT_ROW, "Member.id=21", "Member.login=staff001", "Member.name=박담당",
	"Member.email=park@example.kr", "Member.active=1", "Joined.0.id=5", "Joined.0.name=교통행정과",
	"Roles.0.id=31", "Roles.0.role=handler", "Roles.0.department=교통행정과", "Roles.0.department_id=5",
	"Roles.0.subtree=1", "Form.role=handler", "Form.role_department=5", "Form.join_department=5",
	"Form.with_subtree=1", NULL};
static const char *const member_shown[] = {"staff001", "박담당", "park@example.kr", "action=\"/admin/staff/21\"",
					   "교통행정과", "value=\"31\"", NULL};

static const char *const categories_data[] = {
	"Session.AdminGlobal=1", DEPT_ROW, "Rules.0.id=3", "Rules.0.name=환경·청소", "Rules.0.active=1",
	"Rules.0.approval=1", "Rules.0.department=교통행정과", "Rules.0.joint=도로과", "Rules.0.mode=round_robin",
	"Rules.0.deadline=7", "Form.name_ko=새 분야", "Form.name_en=New field", "Form.department_id=5",
	"Form.mode=round_robin", "Form.deadline_days=7", "Form.reminder_hours=24", "Form.escalate_hours=48",
	"Form.reopen_days=14", "Form.max_extensions=2", "Form.active=1", "Form.needs_approval=1",
	"Form.Joint.5=1", NULL};
static const char *const categories_shown[] = {"환경·청소", "교통행정과", "도로과", "href=\"/admin/categories/3\"",
					       "value=\"새 분야\"", "value=\"New field\"", "value=\"24\"",
					       "value=\"48\"", "value=\"14\"", NULL};

static const char *const category_data[] = {
	"Session.AdminGlobal=1", DEPT_ROW, "Rule.id=3", "Rule.name=환경·청소", "Form.name_ko=환경·청소",
	"Form.name_en=Environment", "Form.department_id=5", "Form.mode=round_robin", "Form.deadline_days=7",
	"Form.reminder_hours=24", "Form.escalate_hours=48", "Form.reopen_days=14", "Form.max_extensions=2",
	"Form.active=1", NULL};
static const char *const category_shown[] = {"action=\"/admin/categories/3\"", "환경·청소", "value=\"Environment\"",
					     "value=\"7\"", NULL};

static const char *const holidays_data[] = {"Session.AdminGlobal=1",
					    "Year.This=2026",
					    "Year.Prev=2025",
					    "Year.Next=2027",
					    "Holidays.0.day=2026-10-03",
					    "Holidays.0.name=개천절",
					    "Holidays.0.weekday=6",
					    "Form.day=2026-12-31",
					    "Form.name=임시 공휴일",
					    NULL};
static const char *const holidays_shown[] = {"2026-10-03", "개천절", "year=2025", "year=2027",
					     "value=\"2026-12-31\"", "value=\"임시 공휴일\"", NULL};

static const char *const admin_settings_data[] = {"Session.AdminGlobal=1", "Form.timeline_show=role",
						  "Form.apology_workdays=3", "Form.digest_hour=8",
						  "Form.sms_quiet_start=21", "Form.sms_quiet_end=8", NULL};
static const char *const admin_settings_shown[] = {"value=\"3\"", "value=\"21\"", "value=\"8\"", NULL};

static const char *const audit_data[] = {
	"Session.AdminGlobal=1", "Audit.0.at=2026-11-02 09:10:11", "Audit.0.login=admin",
	"Audit.0.name=관리자", "Audit.0.action=update", "Audit.0.object_type=department",
	"Audit.0.object_id=5", "Audit.0.detail=이름 변경", "Audit.0.addr=192.0.2.7",
	"AuditTypes.0.name=department", "Form.login=admin", "Form.object_type=department",
	"Form.action=update", "Form.from=2026-11-01", "Form.to=2026-11-30",
	"Filter.Csv=/admin/audit.csv?login=admin&", "Filter.PagerBase=/admin/audit?login=admin&", NULL};
static const char *const audit_shown[] = {"2026-11-02 09:10:11", "관리자", "이름 변경", "192.0.2.7",
					  "href=\"/admin/audit.csv?login=admin&amp;\"", "value=\"2026-11-01\"",
					  "page=3", NULL};

static const char *const workload_data[] = {
	"Report.Shown=1", "Report.From=2026-11-01", "Report.To=2026-11-30", "Report.DepartmentName=도시교통국",
	"Report.Choices.0.id=3", "Report.Choices.0.name=도시교통국", "Report.Choices.0.depth=1",
	"Report.Rows.0.id=5", "Report.Rows.0.name=교통행정과", "Report.Rows.0.parent=도시교통국",
	"Report.Rows.0.received=120", "Report.Rows.0.answered=110", "Report.Rows.0.open=10",
	"Report.Rows.0.overdue=2", "Report.Rows.0.avg=3.5", "Report.Rows.0.rating=4.2",
	"Report.Rows.0.ratings=40", "Report.Rows.1.unplaced=1", "Report.Rows.1.parent=-",
	"Report.Rows.1.received=3", "Report.Rows.1.open=3", "Report.Rows.1.answered=0", "Report.Rows.1.overdue=1",
	"Report.Rows.1.avg=1.0", "Report.Rows.1.rating=1.0", "Report.Rows.1.ratings=1", "Report.Total.name=합계",
	"Report.Total.received=120", "Report.Total.answered=110", "Report.Total.open=10",
	"Report.Total.overdue=2", "Report.Total.avg=3.5", "Report.Total.rating=4.2", "Report.Total.ratings=40",
	"Form.from=2026-11-01", "Form.to=2026-11-30", "Form.department=3",
	"Report.Channels.0.channel=web", "Report.Channels.0.received=97", "Report.Channels.1.channel=sms",
	"Report.Channels.1.received=26", "Report.ChannelTotal=123", NULL};
static const char *const workload_shown[] = {"교통행정과", "도시교통국", ">120<", ">110<", "3.5", "4.2",
					     "from=2026-11-01", "to=2026-11-30", "value=\"2026-11-01\"",
					     ">97<", ">26<", ">123<", "id=\"h-channels\"", NULL};

static const char *const analysis_data[] = {
	"Analysis.Shown=1", "Report.From=2026-11-01", "Report.To=2026-11-30", "Analysis.Group=department",
	"Analysis.Query=from=2026-11-01&to=2026-11-30&group=department", "Analysis.Drill=from=2026-11-01",
	"Report.Choices.0.id=3", "Report.Choices.0.name=도시교통국", "Report.Choices.0.depth=0",
	"Analysis.Handlers.0.id=12", "Analysis.Handlers.0.name=이도로", "Analysis.Categories.0.id=1",
	"Analysis.Categories.0.name=도로·보도", "Form.group=department", "Form.department=3",
	"Analysis.Rows.0.group=교통행정과", "Analysis.Rows.0.department=5", "Analysis.Rows.0.received=120",
	"Analysis.Rows.0.answered=110", "Analysis.Rows.0.open=10", "Analysis.Rows.0.overdue=2",
	"Analysis.Rows.0.late=7", "Analysis.Rows.0.average=3.5", "Analysis.Rows.0.median=3.0",
	"Analysis.Rows.0.extensions=1", "Analysis.Rows.0.transfers=2", "Analysis.Rows.0.reopened=0",
	"Analysis.Rows.0.ratings=40", "Analysis.Rows.0.rating=4.2", "Analysis.Rows.0.callbacks=3",
	"Analysis.Total.received=120", "Analysis.Total.answered=110", "Analysis.Total.open=10",
	"Analysis.Total.overdue=2", "Analysis.Total.late=7", "Analysis.Total.average=",
	"Analysis.Total.median=", "Analysis.Total.extensions=1", "Analysis.Total.transfers=2",
	"Analysis.Total.reopened=0", "Analysis.Total.ratings=40", "Analysis.Total.rating=4.2",
	"Analysis.Total.callbacks=3",
	"Analysis.ChartFlow=<svg role=\"img\"><title>t</title><desc>d</desc></svg>", NULL};
static const char *const analysis_shown[] = {"교통행정과", ">120<", ">110<", "3.5", "4.2", "이도로", "도로·보도",
					     "department=5", "<svg role=\"img\"><title>t</title>",
					     "/staff/reports.csv?from=2026-11-01&amp;to=2026-11-30",
					     "<option value=\"3\" selected", NULL};

/* usage statistics (page_usage.c) */
static const char *const usage_data[] = {
	"Usage.Shown=1", "Report.From=2026-11-01", "Report.To=2026-11-30", "Form.from=2026-11-01",
	"Form.to=2026-11-30", "Usage.Days.0.day=2026-11-01", "Usage.Days.0.views=345", "Usage.Days.0.visitors=67",
	"Usage.Days.0.signups=3", "Usage.Days.0.filings=9", "Usage.Days.0.web=8", "Usage.Days.0.email=0",
	"Usage.Days.0.sms=0", "Usage.Days.0.phone=1", "Usage.Days.0.open311=0",
	"Usage.Sections.0.section=cases", "Usage.Sections.0.views=300", "Usage.Words.Public.0.word=가로등",
	"Usage.Words.Public.0.searches=12", "Usage.Words.InboxZero.0.word=보도블록", "Usage.Words.InboxZero.0.searches=2",
	"Usage.ChartVisits=<svg role=\"img\"><title>t</title><desc>d</desc></svg>", NULL};
static const char *const usage_shown[] = {">345<", ">67<", ">가로등<", ">보도블록<", ">300<",
					  "/staff/usage.csv?from=2026-11-01&amp;to=2026-11-30",
					  "<svg role=\"img\"><title>t</title>", NULL};
static const char *const public_usage_data[] = {
	"Report.From=2026-11-01", "Report.To=2026-11-30", "Usage.Days.0.day=2026-11-01", "Usage.Days.0.views=345",
	"Usage.Days.0.visitors=67", "Usage.Words.Public.0.word=가로등", "Usage.Words.Public.0.searches=12", NULL};
static const char *const public_usage_shown[] = {">345<", ">67<", ">가로등<", NULL};

static const char *const stats_data[] = {
	"PubStats.Year=2026", "PubStats.Years.0=2026", "PubStats.Years.1=2025", "Form.year=2026",
	"PubStats.InYear.0.parent=도시교통국", "PubStats.InYear.0.name=교통행정과",
	"PubStats.InYear.0.received=120", "PubStats.InYear.0.answered=110", "PubStats.InYear.0.on_time=100",
	"PubStats.InYear.0.share=91%", "PubStats.InYear.0.avg=3.5", "PubStats.AllTime.0.parent=도시교통국",
	"PubStats.AllTime.0.name=도로과", "PubStats.AllTime.0.received=900", "PubStats.AllTime.0.answered=880",
	"PubStats.AllTime.0.on_time=850", "PubStats.AllTime.0.share=97%", "PubStats.AllTime.0.avg=2.9",
	"DebateStats.debates=7", "DebateStats.open=2", "DebateStats.closed=4", "DebateStats.summarized=3",
	"DebateStats.participants=321", "DebateStats.opinions=88", "DebateStats.replies=45",
	"ProposalStats.total=40", "ProposalStats.open=20", "ProposalStats.threshold=3", "ProposalStats.review=2",
	"ProposalStats.answered=5", "ProposalStats.expired=9", "ProposalStats.withdrawn=1",
	"ProposalStats.supports=777", NULL};
static const char *const stats_shown[] = {"교통행정과", "도로과", ">120<", ">900<", "91%", "2.9",
					  "<option value=\"2026\" selected", ">321</td>", ">45</td>", ">777</td>", NULL};

static const char *const examples_data[] = {"Examples.0.tracking=2026-000777", "Examples.0.title=모범 사례 제목",
					    "Examples.0.category=도로·교통", "Examples.0.department=교통행정과",
					    "Examples.0.filed=2026-11-02", "Examples.0.answered=2026-11-05",
					    "Examples.0.excerpt=답변 요약", NULL};
static const char *const examples_shown[] = {"href=\"/cases/2026-000777\"", "모범 사례 제목", "교통행정과",
					     "2026-11-02", "2026-11-05", "답변 요약", NULL};

static const char *const notices_data[] = {"NoticesUnread=1",
					   "Notices.0.unread=1",
					   "Notices.0.url=/cases/2026-000777",
					   "Notices.0.text=민원이 접수되었습니다",
					   "Notices.0.iso=2026-11-02T09:10:00+09:00",
					   "Notices.0.at=2026-11-02 09:10",
					   NULL};
static const char *const notices_shown[] = {"href=\"/cases/2026-000777\"", "민원이 접수되었습니다",
					    "datetime=\"2026-11-02T09:10:00+09:00\"", "2026-11-02 09:10",
					    "action=\"/account/notices/read\"", NULL};

static const char *const outbox_data[] = {
	"Session.AdminGlobal=1", "Outbox.State=pending", "Outbox.PagerBase=/admin/outbox?state=pending&",
	"Outbox.Counts.pending=3", "Outbox.Counts.dead=1", "Outbox.Counts.sent=40", "Outbox.Counts.cancelled=2",
	"Outbox.Rows.0.id=501", "Outbox.Rows.0.channel=email", "Outbox.Rows.0.recipient=ho***@example.kr",
	"Outbox.Rows.0.kind=receipt", "Outbox.Rows.0.tracking=2026-000777", "Outbox.Rows.0.state=pending",
	"Outbox.Rows.0.attempts=2", "Outbox.Rows.0.next=2026-11-02 09:20", "Outbox.Rows.0.error=451 try later",
	"Outbox.Rows.0.dlr=delivered", "Outbox.Rows.0.actions=1", NULL};
static const char *const outbox_shown[] = {"ho***@example.kr", "receipt", "href=\"/staff/cases/2026-000777\"",
					   "2026-11-02 09:20", "451 try later", "delivered",
					   "action=\"/admin/outbox/501/retry\"", "action=\"/admin/outbox/501/cancel\"",
					   "(40)", "state=pending&amp;page=3", NULL};

static const char *const rate_form_data[] = {"Rate.Token=tok123", "Rate.Tracking=2026-000777",
					     "Rate.Title=가로등 고장 신고", "Form.rating=4", "Form.comment=친절했어요",
					     NULL};
static const char *const rate_form_shown[] = {"action=\"/rate/tok123\"", "2026-000777 가로등 고장 신고",
					      "value=\"4\" checked", ">친절했어요</textarea>", NULL};
static const char *const rate_done_data[] = {"Rate.State=done", "Rate.Tracking=2026-000777",
					     "Rate.Title=가로등 고장 신고", NULL};
static const char *const rate_done_shown[] = {"2026-000777 가로등 고장 신고", NULL};
static const char *const rate_expired_data[] = {"Rate.State=expired", "Rate.Tracking=2026-000777",
						"Rate.Title=가로등 고장 신고", NULL};

static const char *const unsub_form_data[] = {"Unsub.Token=tok456", NULL};
static const char *const unsub_form_shown[] = {"action=\"/unsubscribe/tok456\"", NULL};
static const char *const unsub_done_data[] = {"Unsub.State=done", NULL};
static const char *const unsub_off_data[] = {"Unsub.State=off", NULL};
static const char *const unsub_invalid_data[] = {"Unsub.State=invalid", NULL};

static const char *const callbacks_data[] = {
	"Callbacks.0.id=77", "Callbacks.0.tracking=2026-000777", "Callbacks.0.title=가로등 고장 신고",
	"Callbacks.0.rating=1", "Callbacks.0.rated=2026-11-06 08:00", "Callbacks.0.department=교통행정과",
	"Callbacks.0.name=김민수", "Callbacks.0.mobile=010-2345-6789", "Callbacks.0.email=minsu@example.kr",
	"Callbacks.0.comment=너무 늦었어요", "Form.row=77", "Form.note=통화 메모", NULL};
static const char *const callbacks_shown[] = {"href=\"/staff/cases/2026-000777\"", "가로등 고장 신고", "1 / 5",
					      "2026-11-06 08:00", "교통행정과", "김민수",
					      "href=\"tel:010-2345-6789\"", "minsu@example.kr", "너무 늦었어요",
					      "action=\"/staff/callbacks/77\"", ">통화 메모</textarea>", NULL};

static const char *const callcentre_data[] = {
	CATEGORY_ROW, "CallCentre.Callbacks=3", "Filter.q=010-2345-6789", "Search.Done=1", "Search.Count=1",
	"Search.Key=phone", "Search.Phone=01023456789", "Callers.0.id=51", "Callers.0.name=김민수",
	"Callers.0.mobile=01023456789", "Callers.0.mobile_shown=010-2345-6789", "Callers.0.email=minsu@example.kr",
	"Callers.0.kind=guest", "Callers.0.cases=2", "Form.phone=02-123-4567", "Form.title=가로등 고장", "Form.idem=key123", NULL};
static const char *const callcentre_shown[] = {"href=\"/staff/callcentre/callers/51?phone=01023456789\"", "김민수",
					       "010-2345-6789", "minsu@example.kr", "action=\"/staff/callcentre/file\"",
					       "value=\"02-123-4567\"", "value=\"가로등 고장\"", NULL};
static const char *const caller_data[] = {
	CATEGORY_ROW, "CallCentre.Callbacks=1", "CallCentre.Filed=2026-000778", "Caller.id=51", "Caller.name=김민수",
	"Caller.kind=citizen", "Caller.mobile=01023456789", "Caller.mobile_shown=010-2345-6789",
	"Caller.email=minsu@example.kr", "Caller.since=2026-01-05", "Caller.consent_phone=2026-11-02 09:00",
	"Caller.consent_agent=송상담", "CallerCases.0.id=777", "CallerCases.0.tracking=2026-000777",
	"CallerCases.0.title=가로등 고장 신고", "CallerCases.0.status=received", "CallerCases.0.channel=phone",
	"CallerCases.0.category=도로·교통", "CallerCases.0.department=교통행정과", "CallerCases.0.date=2026-11-02",
	"CallerCases.0.last=2026-11-03 10:00", "Calls.0.at=2026-11-03 10:00", "Calls.0.kind=note",
	"Calls.0.phone=0212345678", "Calls.0.phone_shown=02-1234-5678", "Calls.0.agent=송상담",
	"Calls.0.note=진행 상황 문의", "Calls.0.tracking=2026-000777", "Ratings.0.id=9",
	"Ratings.0.tracking=2026-000777", "Ratings.0.rating=2", "Ratings.0.rated=2026-11-06 08:00",
	"Ratings.0.callback=pending", "Form.phone=02-1234-5678", "Form.idem=key123", NULL};
static const char *const caller_shown[] = {"김민수", "href=\"tel:010-2345-6789\"", "minsu@example.kr", "2026-11-02 09:00 (송상담)",
					   "href=\"/staff/cases/2026-000777\"", "교통행정과", "2026-11-03 10:00",
					   "02-1234-5678", "진행 상황 문의", "2 / 5",
					   "action=\"/staff/callcentre/callers/51/note\"", "<option value=\"777\">",
					   "name=\"caller\" value=\"51\"", "href=\"/staff/cases/2026-000778\"", "name=\"idem\" value=\"key123\"", NULL};
static const char *const open311_data[] = {
	"Open311.NewKey=NEWKEY123", "Open311.NewName=시 앱", "Open311.NameMax=100", "Open311.RateMax=1000000",
	"Form.rate=60", "Open311.Clients.0.id=7", "Open311.Clients.0.name=상담 시스템",
	"Open311.Clients.0.prefix=abcd1234", "Open311.Clients.0.rate=60", "Open311.Clients.0.used=3",
	"Open311.Clients.0.created=2026-11-01 09:00", "Open311.Clients.0.creator=관리자",
	"Open311.Clients.0.last_used=2026-11-02 10:00", NULL};
static const char *const open311_shown[] = {"NEWKEY123", "상담 시스템", "abcd1234", "2026-11-02 10:00",
					    "action=\"/admin/open311/7/revoke\"", NULL};
static const char *const open311_questions_data[] = {
	"Open311.Questions.0.category_id=1", "Open311.Questions.0.department_id=4",
	"Open311.Questions.0.category=도로·보도", "Open311.Questions.0.code=damage",
	"Open311.Questions.0.datatype=singlevaluelist", "Open311.Questions.0.required=1",
	"Open311.Questions.0.question_ko=어떤 파손인가요?", "Open311.Questions.0.question_en=What is damaged?",
	"Open311.Questions.0.value_list=pothole=포트홀", "Open311.Questions.0.sort_order=10",
	"Open311.Questions.0.mine=1", "Form.sort_order=10", NULL};
static const char *const open311_questions_shown[] = {"damage", "어떤 파손인가요?", "pothole=포트홀",
						      "<option value=\"1\"", "action=\"/admin/open311/questions/delete\"",
						      NULL};

/* Real-name identity (account/identity.cs and friends, page_identity.c)
 * and the consent history on the account page. */
static const char *const identity_start_data[] = {"Identity.Enabled=1", "Identity.Need=file", NULL};
static const char *const identity_start_shown[] = {"action=\"/account/identity/start\"", "identity_consent", NULL};
static const char *const identity_done_data[] = {"Identity.Verified=1", "Identity.Name=홍길동",
						 "Identity.At=2026-12-07 10:00", NULL};
static const char *const identity_done_shown[] = {"홍길동", "2026-12-07 10:00",
						  "action=\"/account/identity/withdraw\"", NULL};
static const char *const identity_refused_data[] = {"Identity.Error=Taken", NULL};
static const char *const identity_confirm_data[] = {"Claim.nonce=abc123", "Claim.Name=홍*동", "Claim.BirthYear=1990",
						    "Claim.Login=hong", "Claim.Account=홍가명", NULL};
static const char *const identity_confirm_shown[] = {"action=\"/account/identity/confirm\"", "value=\"abc123\"",
						     "홍*동", "1990", "홍가명 (hong)", NULL};
static const char *const identity_test_data[] = {"Form.client_id=madang", "Form.state=abc.def",
						 "Form.return=/identity/callback", NULL};
static const char *const identity_test_shown[] = {"value=\"abc.def\"", "type=\"date\"", NULL};
static const char *const identity_signed_data[] = {"Form.state=abc.def", "Form.name=홍길동", "Form.birth=1990-01-31",
						   "Form.key=CI-1", "Signed.sig=00ff", "Signed.Return=/identity/callback",
						   NULL};
static const char *const identity_signed_shown[] = {"action=\"/identity/callback\"", "value=\"00ff\"", NULL};
static const char *const settings_consents_data[] = {
	"Account.Login=hong", "Account.Name=홍길동", "Identity.At=2026-12-07 10:00", "Consents.0.kind=phone",
	"Consents.0.version=2026-01", "Consents.0.given=1", "Consents.0.at=2026-12-07 09:00",
	"Consents.0.agent=상담원", "Consents.1.kind=register", "Consents.1.version=2026-01", "Consents.1.given=1",
	"Consents.1.at=2026-12-01 09:00", "Consents.1.agent=", NULL};
static const char *const settings_consents_shown[] = {"id=\"consents\"", "상담원", "2026-12-01 09:00", NULL};
/* Data rights (page_rights.c): the download, the deletion (a citizen's
 * form, staff's refusal), an optional consent's withdrawal. */
static const char *const my_data_shown[] = {"action=\"/account/data\"", "name=\"password\"", NULL};
static const char *const delete_shown[] = {"action=\"/account/delete\"", "name=\"confirm\"", NULL};
static const char *const delete_staff_data[] = {"Rights.Staff=1", NULL};
static const char *const delete_staff_shown[] = {"id=\"delete-staff\"", NULL};
static const char *const settings_withdraw_data[] = {"Account.Login=hong", "Account.Name=홍길동",
						     "Withdrawable.0.kind=sms", "Withdrawable.0.version=2026-12",
						     NULL};
static const char *const settings_withdraw_shown[] = {"action=\"/account/consent/withdraw\"", "value=\"sms\"",
						      "href=\"/account/data\"", "href=\"/account/delete\"",
						      NULL};
static const char *const error_data[] = {"Error.Status=404", NULL};
static const char *const no_data[] = {NULL};
/* Verified contacts and recovery (page_verify.c). */
static const char *const verify_data[] = {"Verify.HasMobile=1", "Verify.Mobile=0", "Form.Err.code=code_wrong", NULL};
static const char *const verify_shown[] = {"action=\"/account/verify/mobile/check\"", "id=\"err-code\"", NULL};
static const char *const verify_email_data[] = {"VerifyLink.Token=abc.def", NULL};
static const char *const verify_email_shown[] = {"action=\"/verify/email/abc.def\"", NULL};
static const char *const recover_data[] = {"Form.login_id=hong", NULL};
static const char *const recover_shown[] = {"value=\"hong\"", "id=\"channel_sms\"", NULL};
static const char *const recover_sms_data[] = {"Recover.Sent=sms", "Form.login_id=hong", NULL};
static const char *const recover_sms_shown[] = {"action=\"/recover/code\"", "name=\"login_id\" value=\"hong\"", NULL};
static const char *const reset_data[] = {"Reset.Token=tok.789", NULL};
static const char *const reset_shown[] = {"action=\"/reset/tok.789\"", NULL};
static const char *const forgot_id_data[] = {"Form.contact=a@example.kr", NULL};
static const char *const forgot_id_shown[] = {"value=\"a@example.kr\"", NULL};

/* Spots empty by design (regular expressions matched where the empty spot
 * starts). */
static const char *const workload_blank[] = {
	/* The total row has no parent department. */
	"^<td data-label=\"[^\"]*\"></td>[[:space:]]*<td data-label=\"[^\"]*\"><strong>", NULL};

/* Policy proposals (page_proposal.c). */
static const char *const proposals_data[] = {PROPOSAL_ROW, CATEGORY_ROW, "Filter.q=버스", "Filter.category=3",
					     "Filter.sort=supported", NULL};
static const char *const proposals_shown[] = {PROPOSAL_ROW_SHOWN, "value=\"버스\"",
					      "<option value=\"supported\" selected>", NULL};
static const char *const proposal_form_data[] = {CATEGORY_ROW, "Form.category=3", "Form.title=제목",
						 "Form.problem=문제", "Form.proposal=제안", "Form.effect=효과",
						 MAP_DATA, "Map.pick=1", NULL};
static const char *const proposal_form_shown[] = {"action=\"/proposals/new\"", ">문제</textarea>",
						  ">효과</textarea>", "type=\"file\"", NULL};
static const char *const proposal_edit_data[] = {CATEGORY_ROW, "Edit.id=12", "Form.category=3",
						 "Form.title=제목", "Form.problem=문제", "Form.proposal=제안",
						 "Form.effect=효과", NULL};
static const char *const proposal_edit_shown[] = {"action=\"/proposals/12/edit\"", ">제안</textarea>", NULL};
static const char *const proposal_data[] = {
	"Proposal.id=12", "Proposal.title=심야버스 노선 확대", "Proposal.problem=문제 본문",
	"Proposal.proposal=제안 본문", "Proposal.effect=효과 본문", "Proposal.state=open",
	"Proposal.supports=7", "Proposal.threshold=50", "Proposal.bar=7", "Proposal.percent=14",
	"Proposal.closes=2026-12-02", "Proposal.created=2026-11-02 09:10", "Proposal.category=교통·주차",
	"Proposal.author=김*수", "Proposal.moderation=visible", "Proposal.supported=0", "Proposal.address=시청로 1",
	"Proposal.lat=37.5665", "Proposal.lng=126.978", "Proposal.outcome=partly", "Proposal.answered=2026-11-20",
	"Proposal.department=교통행정과", "Can.support=1", "Can.edit=1", "Can.withdraw=1", "Can.promote=1",
	"History.0.kind=created", "History.0.at=2026-11-02 09:10", "History.1.kind=milestone",
	"History.1.at=2026-11-03 10:00", "History.1.detail=25", "Attachments.0.id=9", "Attachments.0.name=도면.pdf",
	"Attachments.0.type=application/pdf", "Attachments.0.size=1024", MAP_DATA, "Can.comment=1", "Me.citizen=1",
	"Proposal.comments=3", "Comments.0.id=40", "Comments.0.author=이*희", "Comments.0.body=꼭 필요합니다",
	"Comments.0.moderation=visible", "Comments.0.mine=0", "Comments.0.created=2026-11-03 09:00",
	"Comments.0.Replies.0.id=41", "Comments.0.Replies.0.author=김*수", "Comments.0.Replies.0.body=감사합니다",
	"Comments.0.Replies.0.moderation=visible", "Comments.0.Replies.0.mine=1",
	"Comments.0.Replies.0.created=2026-11-03 10:00", "Comments.1.id=42", "Comments.1.author=박*호",
	"Comments.1.body=", "Comments.1.moderation=deleted", "Comments.1.created=2026-11-04 09:00", NULL};
static const char *const proposal_shown[] = {
	"심야버스 노선 확대", "문제 본문", "제안 본문", "효과 본문", "김*수", "7 / 50", "max=\"50\"",
	"value=\"7\"", "action=\"/proposals/12/support\"", "action=\"/proposals/12/withdraw\"",
	"action=\"/proposals/12/promote\"", "href=\"/proposals/12/edit\"", "href=\"/proposals/attachments/9\"",
	"시청로 1", "교통행정과", MAP_SHOWN, "꼭 필요합니다", "id=\"post-41\"", "href=\"/report/post/40\"",
	"action=\"/proposals/12/comments\"", NULL};

/* Communities (page_communities.c). */
static const char *const communities_data[] = {
	"Templates.0=resident", "Templates.1=study", "Templates.2=volunteer", "Templates.3=staff", "Form.q=걷기",
	"Form.template=resident", "Communities.0.slug=madang-walk", "Communities.0.name=마당 걷기 모임",
	"Communities.0.summary=함께 걷습니다", "Communities.0.template=resident", "Communities.0.membership=open",
	"Communities.0.visibility=public", "Communities.0.state=active", "Communities.0.members=12",
	"Communities.0.my_state=active", "Communities.0.my_role=owner", NULL};
static const char *const communities_shown[] = {
	"href=\"/c/madang-walk\"", "마당 걷기 모임", "함께 걷습니다", "value=\"resident\" selected", NULL};
#define COMMUNITY_FACTS                                                                                      \
	"Community.slug=madang-walk", "Community.name=마당 걷기 모임", "Community.description=함께 걷습니다",   \
		"Community.template=study", "Community.membership=approval", "Community.visibility=listed",     \
		"Community.members=3", "Community.created=2026-12-01", "Community.has_image=1"
static const char *const community_data[] = {
	COMMUNITY_FACTS, "Community.state=suspended", "Community.state_reason=광고 글", "Me.member=1", "Me.readable=1",
	"Me.may_manage=1", "Me.may_govern=1", "Me.role=owner", "Me.owner=1", "Boards.0.kind=notice",
	"Boards.1.kind=qna", "Community.department=민원담당관실", NULL};
static const char *const community_shown[] = {
	"src=\"/c/madang-walk/image\"", "광고 글", "href=\"/c/madang-walk/boards/qna\"",
	"action=\"/c/madang-walk/govern\"", "action=\"/c/madang-walk/image\"", "href=\"/c/madang-walk/members\"",
	"href=\"/c/madang-walk/calendar\"", "href=\"/c/madang-walk/chat\"", "id=\"intranet-of\"", "민원담당관실", NULL};
static const char *const community_outside_data[] = {
	COMMUNITY_FACTS, "Community.state=active", "Me.may_join=1", "Me.role=none", NULL};
static const char *const community_outside_shown[] = {"action=\"/c/madang-walk/join\"", NULL};
static const char *const community_new_data[] = {
	"Wizard.Step=2", "Templates.0=resident", "Wizard.Hidden.0.name=template", "Wizard.Hidden.0.value=study",
	"Form.name=모임", "Form.slug=Bad Slug", "Form.Err.slug=community_slug", "Form.Err.image=community_image_type",
	"Form.HasErrors=1", NULL};
static const char *const community_new_shown[] = {
	"name=\"template\" value=\"study\"", "value=\"Bad Slug\"", "name=\"step\" value=\"2\"", "value=\"back\"",
	"enctype=\"multipart/form-data\"", NULL};
static const char *const community_new4_data[] = {"Wizard.Step=4", "Form.board_notice=1", NULL};
static const char *const community_new4_shown[] = {"name=\"board_notice\" value=\"1\" checked", NULL};
static const char *const community_members_data[] = {
	COMMUNITY_FACTS, "Community.state=active", "Me.member=1", "Me.may_manage=1", "Me.owner=1", "Me.id=5",
	"People.0.id=5", "People.0.login=owner1", "People.0.name=김운영", "People.0.role=owner", "People.0.state=active",
	"People.0.since=2026-12-01", "People.1.id=6", "People.1.login=kim2", "People.1.name=이신청",
	"People.1.role=member", "People.1.state=pending", "People.1.since=2026-12-02", "People.2.id=7",
	"People.2.login=park3", "People.2.name=박회원", "People.2.role=member", "People.2.state=active",
	"People.2.since=2026-12-02", NULL};
static const char *const community_members_shown[] = {
	"이신청", "value=\"approve\"", "value=\"promote\"", "value=\"transfer\"", "name=\"login_id\"",
	"href=\"/notes/new?to=7\"", NULL};
/* A community's boards (page_boards.c). */
#define BOARD_COMMUNITY "Community.name=마당동 이웃모임", "Community.slug=madang-neighbours", "Community.state=active", \
	"Boards.0.kind=notice", "Boards.1.kind=free", "Boards.2.kind=gallery", "Boards.3.kind=files"
static const char *const board_data[] = {
	BOARD_COMMUNITY, "Board.kind=free", "Board.total=2", "Can.post=1", "Posts.0.id=5", "Posts.0.title=고정 글",
	"Posts.0.author=김*준", "Posts.0.pinned=1", "Posts.0.views=3", "Posts.0.comments=2", "Posts.0.moderation=visible",
	"Posts.0.created=2026-11-02 09:10", "Posts.0.mine=0", "Posts.0.thumb=0", "Posts.1.id=6", "Posts.1.title=새 글",
	"Posts.1.author=이*", "Posts.1.pinned=0", "Posts.1.views=0", "Posts.1.comments=0", "Posts.1.moderation=held",
	"Posts.1.created=2026-11-03 09:10", "Posts.1.mine=1", "Posts.1.thumb=0", NULL};
static const char *const board_shown[] = {"고정 글", "class=\"pinned\"", "href=\"/c/madang-neighbours/posts/5\"",
					  "href=\"/c/madang-neighbours/boards/free/new\"", "aria-current=\"page\"", NULL};
static const char *const board_gallery_data[] = {
	BOARD_COMMUNITY, "Board.kind=gallery", "Board.total=1", "Posts.0.id=7", "Posts.0.title=공원 사진",
	"Posts.0.author=김*준", "Posts.0.pinned=0", "Posts.0.views=1", "Posts.0.comments=0", "Posts.0.moderation=visible",
	"Posts.0.created=2026-11-02 09:10", "Posts.0.mine=0", "Posts.0.thumb=9", NULL};
static const char *const board_gallery_shown[] = {"<img src=\"/c/madang-neighbours/posts/7/files/9\"", NULL};
static const char *const board_form_data[] = {BOARD_COMMUNITY, "Board.kind=files", "Form.title=회칙",
					      "Form.body=본문", "Form.link_kind=case", "Form.link_key=2026-000001", NULL};
static const char *const board_form_shown[] = {"action=\"/c/madang-neighbours/boards/files/new\"", ">본문</textarea>",
					       "type=\"file\"", "value=\"2026-000001\"", NULL};
static const char *const board_edit_data[] = {BOARD_COMMUNITY, "Board.kind=free", "Edit.id=5", "Form.title=제목",
					      "Form.body=고친 본문", NULL};
static const char *const board_edit_shown[] = {"action=\"/c/madang-neighbours/posts/5/edit\"", ">고친 본문</textarea>",
					       NULL};
static const char *const cpost_data[] = {
	BOARD_COMMUNITY, "Post.id=5", "Post.board=files", "Post.title=모임 회칙", "Post.body=회칙 본문", "Post.author=김*준",
	"Post.author_id=3", "Post.mine=1", "Post.pinned=1", "Post.views=4", "Post.comments=1", "Post.link_kind=case",
	"Post.link_key=2026-000001", "Post.moderation=visible", "Post.reason=", "Post.created=2026-11-02 09:10",
	"Post.edited=2026-11-03 09:10", "Card.title=보도블록 파손", "Card.state=received", "Card.url=/cases/2026-000001",
	"Files.0.id=8", "Files.0.name=회칙.txt", "Files.0.type=text/plain", "Files.0.size=20", "Files.0.version=2",
	"Files.0.latest=1", "Files.0.image=0", "Files.0.created=2026-11-03 09:10", "Files.1.id=7",
	"Files.1.name=회칙.txt", "Files.1.type=text/plain", "Files.1.size=18", "Files.1.version=1", "Files.1.latest=0",
	"Files.1.image=0", "Files.1.created=2026-11-02 09:10", "Can.comment=1", "Can.edit=1", "Can.delete=1",
	"Can.pin=1", "Can.report=1", "Comments.0.id=40", "Comments.0.author=이*희", "Comments.0.body=좋아요",
	"Comments.0.moderation=visible", "Comments.0.mine=0", "Comments.0.created=2026-11-03 09:00",
	"Comments.1.id=41", "Comments.1.author=김*준", "Comments.1.body=고칠 댓글", "Comments.1.moderation=visible",
	"Comments.1.mine=1", "Comments.1.created=2026-11-03 09:05", "Comments.1.edited=2026-11-03 09:06",
	"CommentEdit.base=/c/madang-neighbours/posts/5/comments", "CommentEdit.may_edit=1", NULL};
static const char *const cpost_shown[] = {
	"모임 회칙", "회칙 본문", "href=\"/cases/2026-000001\"", "href=\"/c/madang-neighbours/posts/5/files/8\"",
	"action=\"/c/madang-neighbours/posts/5/pin\"", "action=\"/c/madang-neighbours/posts/5/delete\"",
	"href=\"/c/madang-neighbours/posts/5/edit\"", "action=\"/c/madang-neighbours/posts/5/comments\"",
	"href=\"/report/post/40\"", "좋아요", "action=\"/c/madang-neighbours/posts/5/comments/41/edit\"",
	">고칠 댓글</textarea>", "action=\"/c/madang-neighbours/posts/5/comments/41/delete\"", NULL};
/* A community's calendar (calendar/): the month as a table and as a
 * list, an event, the event form. */
#define CALENDAR_COMMON "Community.slug=dongne", "Community.id=3", "Community.may_post=1"
static const char *const calendar_month_data[] = {
	CALENDAR_COMMON, "Community.may_add=1", "Community.may_manage=1", "Calendar.month=2026-12",
	"Calendar.prev=2026-11", "Calendar.next=2027-01", "Calendar.count=1", "Calendar.Weeks.0.Days.0.day=29",
	"Calendar.Weeks.0.Days.0.date=2026-11-29", "Calendar.Weeks.0.Days.0.out=1", "Calendar.Weeks.0.Days.1.day=1",
	"Calendar.Weeks.0.Days.1.date=2026-12-01", "Calendar.Weeks.0.Days.1.today=1",
	"Calendar.Weeks.0.Days.1.Events.0.id=7", "Calendar.Weeks.0.Days.1.Events.0.title=<주민 모임>",
	"Calendar.Weeks.0.Days.1.Events.0.date=2026-12-01",
	"Calendar.Weeks.0.Days.1.Events.0.time=19:00", "Calendar.Weeks.0.Days.1.Events.0.recurrence=weekly",
	"Calendar.List.0.id=7", "Calendar.List.0.title=주민 모임", "Calendar.List.0.date=2026-12-01",
	"Calendar.List.0.weekday=2", "Calendar.List.0.time=19:00", "Calendar.List.0.recurrence=weekly",
	"Feed.token=abcDEF123", NULL};
static const char *const calendar_month_shown[] = {
	"href=\"/c/dongne/events/7?on=2026-12-01\"", "&lt;주민 모임&gt;", "aria-current=\"date\"", "href=\"/c/dongne/events/new\"",
	"href=\"/c/dongne/calendar?month=2026-11\"", "action=\"/c/dongne/calendar/feed\"",
	"calendar.ics?k=abcDEF123", "action=\"/c/dongne/calendar/settings\"", "<caption>", NULL};
static const char *const calendar_list_data[] = {
	CALENDAR_COMMON, "Community.public=1", "Calendar.list=1", "Calendar.month=2026-12", "Calendar.prev=2026-11",
	"Calendar.next=2027-01", "Calendar.count=1", "Calendar.List.0.id=7", "Calendar.List.0.title=주민 모임",
	"Calendar.List.0.date=2026-12-01", "Calendar.List.0.weekday=2", "Calendar.List.0.time=19:00",
	"Calendar.List.0.place=주민센터", "Calendar.List.0.recurrence=none", "Calendar.List.0.cancelled=1", NULL};
static const char *const calendar_list_shown[] = {
	"2026-12-01", "주민센터", "href=\"/c/dongne/calendar.ics\"", "view=list", "class=\"cancelled\"", NULL};
static const char *const calendar_event_data[] = {
	CALENDAR_COMMON, "Event.id=7", "Event.title=주민 모임", "Event.place=주민센터 2층",
	"Event.description=<b>안건</b>", "Event.starts_at=2026-12-10 19:00", "Event.ends_at=2026-12-10 21:00",
	"Event.recurrence=weekly", "Event.recur_count=4", "Event.may_edit=1", "Event.mine=maybe",
	"Event.Answers.going=3", "Event.Answers.maybe=1", "Event.Answers.no=0", "Event.on=2026-12-17", NULL};
static const char *const calendar_event_shown[] = {
	"주민센터 2층", "&lt;b&gt;안건", "action=\"/c/dongne/events/7/rsvp\"", "value=\"maybe\" required checked",
	"href=\"/c/dongne/events/7.ics\"", "href=\"/c/dongne/events/7/edit\"", "action=\"/c/dongne/events/7/cancel\"",
	"href=\"/c/dongne/calendar?month=2026-12\"", "name=\"on\" value=\"2026-12-17\"", NULL};
static const char *const calendar_form_data[] = {
	CALENDAR_COMMON, "Event.id=7", "Form.title=주민 모임", "Form.starts_at=2026-12-10T19:00",
	"Form.ends_at=2026-12-10T18:00", "Form.recurrence=monthly", "Form.Err.ends_at=event_order",
	"Form.HasErrors=1", NULL};
static const char *const calendar_form_shown[] = {
	"action=\"/c/dongne/events/7/edit\"", "value=\"2026-12-10T19:00\"", "value=\"monthly\" selected",
	"aria-invalid=\"true\"", NULL};
static const char *const calendar_new_data[] = {CALENDAR_COMMON, "Form.recurrence=none", NULL};
static const char *const calendar_new_shown[] = {"action=\"/c/dongne/events/new\"", "value=\"none\" selected", NULL};
/* A community's chat room (communities/chat.cs): a member on the newest
 * page with the live listener, a held message of their own and a deleted
 * one; a non-member on an older page. */
#define CHAT_FACTS "Chat.slug=madang-walkers", "Chat.name=마당 걷기", "Chat.id=3", "Chat.BodyMax=1000"
static const char *const chat_data[] = {
	CHAT_FACTS, "Chat.Live=1", "Chat.SubUrl=/chat/sub/3", "Page.ChatJs=1", "Chat.Reportable=1", "Can.chat=1",
	"Pager.Page=1", "Pager.Pages=2", "Pager.Next=2", "Chat.Messages.0.id=70", "Chat.Messages.0.author=김*준",
	"Chat.Messages.0.body=<b>안녕</b>", "Chat.Messages.0.moderation=visible", "Chat.Messages.0.mine=0",
	"Chat.Messages.0.created=2026-12-07 09:00", "Chat.Messages.1.id=71", "Chat.Messages.1.author=이*",
	"Chat.Messages.1.body=대기 글", "Chat.Messages.1.moderation=held", "Chat.Messages.1.mine=1",
	"Chat.Messages.1.created=2026-12-07 09:01", "Chat.Messages.2.id=72", "Chat.Messages.2.author=박*",
	"Chat.Messages.2.body=", "Chat.Messages.2.moderation=deleted", "Chat.Messages.2.mine=0",
	"Chat.Messages.2.created=2026-12-07 09:02", "Form.body=<다시 쓴 글>", NULL};
static const char *const chat_shown[] = {
	"data-sub=\"/chat/sub/3\"", "<script src=\"/assets/chat.js\" defer></script>", "id=\"chat-70\"",
	"&lt;b&gt;안녕&lt;/b&gt;", "href=\"/report/chat/70\"", "id=\"chat-71\"", "대기 글",
	"action=\"/c/madang-walkers/chat\"", "href=\"/c/madang-walkers/chat?page=2\"", "id=\"chat-refresh\"",
	"&lt;다시 쓴 글&gt;</textarea>", NULL};
static const char *const chat_older_data[] = {
	CHAT_FACTS, "Pager.Page=2", "Pager.Pages=2", "Pager.Prev=1", "Session.Login=cit1", "Chat.Messages.0.id=5",
	"Chat.Messages.0.author=김*준", "Chat.Messages.0.body=옛 글", "Chat.Messages.0.moderation=visible",
	"Chat.Messages.0.mine=0", "Chat.Messages.0.created=2026-12-01 09:00", NULL};
static const char *const chat_older_shown[] = {"옛 글", "href=\"/c/madang-walkers/chat\" rel=\"prev\"", NULL};

static const struct page_fixture {
	const char *template, *title;
	const char *const *data, *const *shown, *const *blank_ok;
} page_fixtures[] = {
	{"portal/home.cs", "Home", home_data, home_shown, NULL},
	{"calendar/month.cs", "Calendar", calendar_month_data, calendar_month_shown, NULL},
	{"calendar/month.cs", "Calendar", calendar_list_data, calendar_list_shown, NULL},
	{"calendar/event.cs", "Event", calendar_event_data, calendar_event_shown, NULL},
	{"calendar/form.cs", "EventEdit", calendar_form_data, calendar_form_shown, NULL},
	{"calendar/form.cs", "EventNew", calendar_new_data, calendar_new_shown, NULL},
	{"proposals/list.cs", "Proposals", proposals_data, proposals_shown, NULL},
	{"proposals/form.cs", "ProposalNew", proposal_form_data, proposal_form_shown, NULL},
	{"proposals/form.cs", "ProposalEdit", proposal_edit_data, proposal_edit_shown, NULL},
	{"proposals/view.cs", "Proposal", proposal_data, proposal_shown, NULL},
	{"boards/board.cs", "Board", board_data, board_shown, NULL},
	{"boards/board.cs", "Board", board_gallery_data, board_gallery_shown, NULL},
	{"boards/form.cs", "BoardNew", board_form_data, board_form_shown, NULL},
	{"boards/form.cs", "BoardEdit", board_edit_data, board_edit_shown, NULL},
	{"boards/post.cs", "BoardPost", cpost_data, cpost_shown, NULL},
	{"communities/chat.cs", "Chat", chat_data, chat_shown, NULL},
	{"communities/chat.cs", "Chat", chat_older_data, chat_older_shown, NULL},
	{"portal/cases.cs", "PublicCases", cases_data, cases_shown, NULL},
	{"portal/debates.cs", "Debates", debates_data, debates_shown, NULL},
	{"communities/list.cs", "Communities", communities_data, communities_shown, NULL},
	{"communities/home.cs", "Community", community_data, community_shown, NULL},
	{"communities/home.cs", "Community", community_outside_data, community_outside_shown, NULL},
	{"communities/new.cs", "CommunityNew", community_new_data, community_new_shown, NULL},
	{"communities/new.cs", "CommunityNew", community_new4_data, community_new4_shown, NULL},
	{"communities/members.cs", "CommunityMembers", community_members_data, community_members_shown, NULL},
	{"portal/debate.cs", "Debate", debate_data, debate_shown, NULL},
	{"portal/debate.cs", "Debate", debate_closed_data, debate_closed_shown, NULL},
	{"staff/debates.cs", "StaffDebates", staff_debates_data, staff_debates_shown, NULL},
	{"notes/box.cs", "Notes", notes_inbox_data, notes_inbox_shown, NULL},
	{"notes/box.cs", "NotesSent", notes_sent_data, notes_sent_shown, NULL},
	{"notes/new.cs", "NoteNew", note_new_data, note_new_shown, NULL},
	{"notes/note.cs", "Note", note_data, note_shown, NULL},
	{"notes/note.cs", "Note", note_hidden_data, note_hidden_shown, NULL},
	{"staff/debate.cs", "StaffDebateNew", staff_debate_new_data, staff_debate_new_shown, NULL},
	{"staff/debate.cs", "StaffDebate", staff_debate_data, staff_debate_shown, NULL},
	{"staff/debate.cs", "StaffDebate", staff_debate_closed_data, staff_debate_closed_shown, NULL},
	{"portal/case.cs", "Case", case_data, case_shown, NULL},
	{"portal/file.cs", "FileCase", file_data, file_shown, NULL},
	{"portal/mine.cs", "MyCases", mine_data, mine_shown, NULL},
	{"portal/my.cs", "My", my_data, my_shown, NULL},
	{"portal/ranking.cs", "MileageRanking", ranking_data, ranking_shown, NULL},
	{"staff/penalties.cs", "Penalties", penalties_data, penalties_shown, NULL},
	{"portal/withdraw.cs", "Withdraw", withdraw_data, withdraw_shown, NULL},
	{"portal/stats.cs", "PublicStats", stats_data, stats_shown, NULL},
	{"portal/usage.cs", "PublicUsage", public_usage_data, public_usage_shown, NULL},
	{"portal/examples.cs", "Examples", examples_data, examples_shown, NULL},
	{"portal/rate.cs", "Rate", rate_form_data, rate_form_shown, NULL},
	{"portal/rate.cs", "Rate", rate_done_data, rate_done_shown, NULL},
	{"portal/rate.cs", "Rate", rate_expired_data, rate_done_shown, NULL},
	{"portal/unsubscribe.cs", "Unsubscribe", unsub_form_data, unsub_form_shown, NULL},
	{"portal/unsubscribe.cs", "Unsubscribe", unsub_done_data, no_data, NULL},
	{"portal/unsubscribe.cs", "Unsubscribe", unsub_off_data, no_data, NULL},
	{"portal/unsubscribe.cs", "Unsubscribe", unsub_invalid_data, no_data, NULL},
	{"account/register.cs", "Register", register_data, register_shown, NULL},
	{"account/login.cs", "Login", login_data, login_shown, NULL},
	{"account/verify.cs", "Verify", verify_data, verify_shown, NULL},
	{"account/verify_email.cs", "VerifyEmail", verify_email_data, verify_email_shown, NULL},
	{"account/recover.cs", "Recover", recover_data, recover_shown, NULL},
	{"account/recover.cs", "Recover", recover_sms_data, recover_sms_shown, NULL},
	{"account/reset.cs", "Reset", reset_data, reset_shown, NULL},
	{"account/forgot_id.cs", "ForgotId", forgot_id_data, forgot_id_shown, NULL},
	{"account/login_code.cs", "LoginCode", no_data, login_code_shown, NULL},
	{"account/totp.cs", "Totp", totp_enrol_data, totp_enrol_shown, NULL},
	{"account/totp.cs", "Totp", totp_on_data, totp_on_shown, NULL},
	{"account/totp_codes.cs", "Totp", totp_codes_data, totp_codes_shown, NULL},
	{"account/settings.cs", "Account", settings_data, settings_shown, NULL},
	{"account/notices.cs", "Notices", notices_data, notices_shown, NULL},
	{"account/settings.cs", "Account", settings_consents_data, settings_consents_shown, NULL},
	{"account/settings.cs", "Account", settings_withdraw_data, settings_withdraw_shown, NULL},
	{"account/data.cs", "MyData", no_data, my_data_shown, NULL},
	{"account/delete.cs", "AccountDelete", no_data, delete_shown, NULL},
	{"account/delete.cs", "AccountDelete", delete_staff_data, delete_staff_shown, NULL},
	{"account/identity.cs", "Identity", identity_start_data, identity_start_shown, NULL},
	{"account/identity.cs", "Identity", identity_done_data, identity_done_shown, NULL},
	{"account/identity.cs", "Identity", no_data, no_data, NULL},
	{"account/identity_result.cs", "Identity", identity_refused_data, no_data, NULL},
	{"account/identity_confirm.cs", "IdentityConfirm", identity_confirm_data, identity_confirm_shown, NULL},
	{"portal/identity_test.cs", "IdentityTest", identity_test_data, identity_test_shown, NULL},
	{"portal/identity_test.cs", "IdentityTest", identity_signed_data, identity_signed_shown, NULL},
	{"admin/cases.cs", "StaffCases", staff_cases_data, staff_cases_shown, NULL},
	{"admin/case.cs", "StaffCase", staff_case_data, staff_case_shown, NULL},
	{"staff/absences.cs", "Absences", absences_data, absences_shown, NULL},
	{"staff/absence_calendar.cs", "AbsenceCalendar", calendar_data, calendar_shown, NULL},
	{"staff/callbacks.cs", "Callbacks", callbacks_data, callbacks_shown, NULL},
	{"staff/callcentre.cs", "CallCentre", callcentre_data, callcentre_shown, NULL},
	{"staff/callcentre_caller.cs", "CallCentreCaller", caller_data, caller_shown, NULL},
	{"admin/org/index.cs", "Admin", admin_home_data, admin_home_shown, NULL},
	{"admin/org/departments.cs", "AdminDepartments", departments_data, departments_shown, NULL},
	{"admin/org/department.cs", "AdminDepartment", department_data, department_shown, NULL},
	{"admin/org/staff.cs", "AdminStaff", staff_list_data, staff_list_shown, NULL},
	{"admin/org/member.cs", "AdminMember", member_data, member_shown, NULL},
	{"admin/org/categories.cs", "AdminCategories", categories_data, categories_shown, NULL},
	{"admin/org/category.cs", "AdminCategory", category_data, category_shown, NULL},
	{"admin/org/holidays.cs", "AdminHolidays", holidays_data, holidays_shown, NULL},
	{"admin/org/settings.cs", "AdminSettings", admin_settings_data, admin_settings_shown, NULL},
	{"admin/org/audit.cs", "AdminAudit", audit_data, audit_shown, NULL},
	{"admin/outbox.cs", "AdminOutbox", outbox_data, outbox_shown, NULL},
	{"admin/open311.cs", "AdminOpen311", open311_data, open311_shown, NULL},
	{"admin/open311_questions.cs", "AdminOpen311Questions", open311_questions_data, open311_questions_shown, NULL},
	{"reports/workload.cs", "ReportWorkload", workload_data, workload_shown, workload_blank},
	{"reports/analysis.cs", "ReportAnalysis", analysis_data, analysis_shown, NULL},
	{"reports/usage.cs", "StaffUsage", usage_data, usage_shown, NULL},
	{"error.cs", "Error404", error_data, no_data, NULL},
	{"portal/report.cs", "Report", report_data, report_shown, NULL},
	{"portal/objection.cs", "Objection", objection_data, objection_shown, NULL},
	{"staff/moderation.cs", "Moderation", moderation_data, moderation_shown, NULL},
	{"admin/moderation_words.cs", "ModerationWords", words_data, words_shown, NULL},
};

/* Data every page gets from dispatch.c and web_pager: the layout's and
 * the pager's, for a signed-in person on page 2 of 3. */
static const char *const common_data[] = {"CSRF=tok",	     "Request.Uri=/x?a=1",	 "Session.Name=세션 사용자",
					  "Limit.Reason=1000", "Limit.Answer=4000", "Pager.Total=42",
					  "Pager.Page=2",      "Pager.Pages=3",	 "Pager.Prev=1",
					  "Pager.Next=3",      NULL};

static void set_all(HDF *hdf, const char *const *data)
{
	for (; *data; data++) {
		const char *eq = strchr(*data, '=');
		char name[128];
		assert_non_null(eq);
		snprintf(name, sizeof name, "%.*s", (int)(eq - *data), *data);
		assert_int_equal(hdf_set_value(hdf, name, eq + 1), STATUS_OK);
	}
}

static char *render_fixture(const char *lang, const struct page_fixture *f)
{
	HDF *hdf = render_new_hdf(lang);
	hdf_set_value(hdf, "Page.Template", f->template);
	hdf_set_value(hdf, "Page.TitleKey", f->title);
	set_all(hdf, common_data);
	set_all(hdf, f->data);
	return render_and_destroy(hdf);
}

/* Where a value belongs but none came: an empty link or form target, id,
 * label target, time, cell or definition; a path that ends in "/" or
 * holds "//" (an id or tracking number missing); a query argument without
 * a value; an id ending in "-" (its number missing); a status badge, or
 * an item of a "·" list, left empty (a language string looked up by a
 * value the strings lack). */
static const char *const empty_patterns[] = {
	"(href|action|src|datetime|for|id|name)=\"\"",
	"(href|action)=\"[^\"]+/\"",
	"(href|action)=\"/[^\"]*//",
	"(href|action)=\"[^\"]*[?&][a-z_]+=(&|\")",
	"(href)=\"tel:\"",
	"(id|for|aria-labelledby|aria-describedby)=\"[^\"]*-\"",
	"class=\"status status-\"",
	"<(td|dd|th|time|strong|h1|h2|h3|li|option|label|button|caption|title)( [^>]*)?>[[:space:]]*</\\1>",
	"<span class=\"status[^\"]*\"></span>",
	"<title> ·",
	/* A "·" list with an item missing (a language string looked up by a
	 * value it lacks, or an empty value). */
	"<[a-z][^>/]*>[[:space:]]*·",
	"·[[:space:]]*(·|</)",
	"name=\"csrf\" value=\"\"",
};

/* True when one of the patterns blank_ok (NULL: none) matches at at. */
static bool blank_by_design(const char *at, const char *const *blank_ok)
{
	bool ok = false;
	for (; blank_ok && *blank_ok && !ok; blank_ok++) {
		regex_t re;
		assert_int_equal(regcomp(&re, *blank_ok, REG_EXTENDED | REG_NOSUB), 0);
		ok = regexec(&re, at, 0, NULL, 0) == 0;
		regfree(&re);
	}
	return ok;
}

/* The first empty spot in html that blank_ok does not allow, as a short
 * excerpt in spot; false if none. */
static bool find_empty_spot(const char *html, const char *const *blank_ok, char *spot, size_t n)
{
	bool found = false;
	for (size_t i = 0; i < MDG_ARRAY_LEN(empty_patterns) && !found; i++) {
		regex_t re;
		regmatch_t m;
		assert_int_equal(regcomp(&re, empty_patterns[i], REG_EXTENDED), 0);
		for (const char *p = html; !found && regexec(&re, p, 1, &m, p == html ? 0 : REG_NOTBOL) == 0;
		     p += m.rm_eo > 0 ? m.rm_eo : 1) {
			if (blank_by_design(p + m.rm_so, blank_ok))
				continue;
			const char *from = p + m.rm_so - html > 60 ? p + m.rm_so - 60 : html;
			snprintf(spot, n, "/%s/ at ...%.*s", empty_patterns[i], (int)(p + m.rm_eo - from + 20), from);
			found = true;
		}
		regfree(&re);
	}
	return found;
}

static void test_every_page_renders(void **state)
{
	(void)state;
	char spot[512];
	for (size_t i = 0; i < MDG_ARRAY_LEN(page_fixtures); i++) {
		const struct page_fixture *f = &page_fixtures[i];
		for (int l = 0; l < 2; l++) {
			const char *lang = l ? "en" : "ko";
			char *html = render_fixture(lang, f);
			if (!html)
				fail_msg("%s (%s) did not render", f->template, lang);
			if (!strstr(html, "</html>"))
				fail_msg("%s (%s): no </html>", f->template, lang);
			for (const char *const *s = f->shown; *s; s++)
				if (!strstr(html, *s))
					fail_msg("%s (%s, fixture %zu) does not show %s", f->template, lang, i, *s);
			if (find_empty_spot(html, f->blank_ok, spot, sizeof spot))
				fail_msg("%s (%s, fixture %zu): empty where a value belongs: %s", f->template, lang, i,
					 spot);
			free(html);
		}
	}
}

/* Every page template (not a partial) has a fixture above: a new page
 * gets one, so that it is checked as well. A partial is a template that
 * another includes; the mail and SMS bodies and the language files are
 * not pages either. */
static buf missing_pages;
static buf all_templates; /* every template's text, for scan_pages */

static int collect_templates(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	size_t n = strlen(path);
	if (type != FTW_F || n < 3 || strcmp(path + n - 3, ".cs") != 0)
		return 0;
	FILE *fp = fopen(path, "r");
	char chunk[4096];
	size_t got;
	if (!fp)
		return 0;
	while ((got = fread(chunk, 1, sizeof chunk, fp)) > 0)
		buf_append(&all_templates, chunk, got);
	buf_putc(&all_templates, '\n');
	fclose(fp);
	return 0;
}

static int scan_pages(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	size_t n = strlen(path), root = strlen(templates) + 1;
	char include[300];
	if (type != FTW_F || n < 3 || strcmp(path + n - 3, ".cs") != 0 || n <= root)
		return 0;
	const char *rel = path + root;
	if (strncmp(rel, "mail/", 5) == 0 || strncmp(rel, "sms/", 4) == 0 || strncmp(rel, "lang/", 5) == 0 ||
	    strcmp(rel, "layout.cs") == 0)
		return 0;
	snprintf(include, sizeof include, "include:\"%s\"", rel);
	if (strstr(all_templates.data ? all_templates.data : "", include))
		return 0;
	for (size_t i = 0; i < MDG_ARRAY_LEN(page_fixtures); i++)
		if (strcmp(rel, page_fixtures[i].template) == 0)
			return 0;
	buf_printf(&missing_pages, "%s\n", rel);
	return 0;
}

/* Runs scan on every file under the templates; fails with what and the
 * lines scan appended to found, if any. */
static void scan_templates(int (*scan)(const char *, const struct stat *, int, struct FTW *), buf *found,
			   const char *what)
{
	buf_reset(found);
	assert_int_equal(nftw(templates, scan, 16, FTW_PHYS), 0);
	if (found->len)
		fail_msg("%s\n%s", what, buf_str(found));
	buf_free(found);
}

static void test_every_page_has_a_fixture(void **state)
{
	(void)state;
	buf_reset(&all_templates);
	assert_int_equal(nftw(templates, collect_templates, 16, FTW_PHYS), 0);
	buf_putc(&all_templates, '\0');
	scan_templates(scan_pages, &missing_pages, "pages without a fixture in test_templates.c:");
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
	scan_templates(scan_alt, &alt_offenders, "alt: prints these values unescaped; use if:/var:/else:");
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
		cmocka_unit_test(test_every_page_has_a_fixture),
		cmocka_unit_test(test_escaping_by_default),
		cmocka_unit_test(test_languages_match),
		cmocka_unit_test(test_pick_lang),
		cmocka_unit_test(test_alt_prints_only_language_strings),
		cmocka_unit_test(test_admin_lists_escape_names),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
