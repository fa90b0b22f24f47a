// SPDX-License-Identifier: AGPL-3.0-or-later
// walk.js: the browser walk of issue 3 in Debian's headless Chromium,
// driven by playwright-core: a supervisor sets up a department, a handler
// and a round-robin rule; a citizen registers and files a case; the case
// reaches the handler, who transfers it to a second department with a
// reason; a handler there answers; the citizen sees the timeline with both
// departments and the answer. Then (issue 4) the first handler waits on
// the case list while the citizen files another case that round-robin
// gives to them: the alert's counter and list change without a reload.
// Last (issue 8), with the keyboard alone (Tab, Shift+Tab, the arrows,
// Space, Enter and typing; no click), the demo citizen files a complaint
// and its handler answers it, and every control that takes the focus on
// the way shows it: a visible outline or shadow while focused, and a look
// that differs from the one it has when the focus leaves it.
// axe-core (WCAG 2.0 and 2.1, A and AA) runs on every page the walk visits,
// and again on the alert once it has changed and on the filing form's map
// once clicked; any violation fails the walk. Then (issue 10) an agent
// works in the call centre's console and the supervisor on the Open311
// keys and questions.
// Elements
// are found by their visible labels and roles, as a person finds them. The
// citizen uses a phone-sized window, the staff a desktop one.
//
//   MADANG_URL      the stack's base URL (required), e.g. http://127.0.0.1:18080
//   MADANG_SHOTS    a folder for screenshots: of each page where a step or
//                   a check failed, and of the citizen's last page
//   CHROMIUM        the browser (default /usr/bin/chromium)
//
// The stack should set web.alert_poll_ms low (95-browser.t: 1 s), or the
// alert step waits up to the default 20 s poll.
//
// Prints one line per step, "ok - STEP" or "not ok - STEP" with details
// after it (t/e2e/95-browser.t turns them into tests), and exits 0 only
// when every step passed and no page had an accessibility violation.
'use strict';

const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

const BASE = (process.env.MADANG_URL || '').replace(/\/+$/, '');
const SHOTS = process.env.MADANG_SHOTS || '';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const AXE = require.resolve('axe-core');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
// Every wait is bounded: a missing element fails its step, not the clock.
const TIMEOUT_MS = 30000;

// Names unique to this run, so that a rerun on a kept stack still works.
const RUN = Date.now().toString(36).slice(-5);
const DEPT = { ko: `도시숲과${RUN}`, en: `Urban Forest ${RUN}` };
const HANDLER = { login: `forest${RUN}`, name: `숲담당${RUN}`, password: 'Forest-handler-2026' };
const CATEGORY = { ko: `가로수${RUN}`, en: `Street trees ${RUN}` };
const SECOND_DEPT = '교통행정과';            // demo department 5
const SECOND_HANDLER = { login: 'traffic.kim', password: 'madang-staff-2026' };
const SUPERVISOR = { login: 'admin', password: 'madang-admin-2026' };
const CITIZEN = {
	login: `walker${RUN}`, name: '김산책', email: `walker${RUN}@example.org`,
	password: 'Walker-citizen-2026',
};
const CASE = {
	title: `가로수 가지가 부러져 인도를 막고 있습니다 ${RUN}`,
	body: '마당로 15 앞 가로수의 큰 가지가 부러져 인도를 막고 있습니다. 유모차가 지나갈 수 없습니다.',
};
const TRANSFER_REASON = '부러진 가지가 신호등을 가려 교통행정과에서 처리할 일입니다.';
const ANSWER = `신호등 주변 가지를 오늘 모두 치웠습니다. 알려 주셔서 감사합니다. ${RUN}`;
const SECOND_CASE = {
	title: `쓰러진 가로수가 자전거 도로를 막고 있습니다 ${RUN}`,
	body: '마당로 40 자전거 도로에 가로수가 쓰러져 있습니다.',
};
// The call centre: the demo agent, a demo citizen calling from their
// mobile, a note on the call and a case filed for them.
const AGENT = { login: 'agent.song', password: 'madang-staff-2026' };
const CALLER = { name: '김민준', phone: '+82 10-2345-8712' };
const CALL_NOTE = `보도블록 민원의 처리 상황을 물어 오셨습니다 ${RUN}`;
const CALL_CASE = {
	category: '도로·보도',
	title: `버스 정류장 의자가 부서졌습니다 ${RUN}`,
	body: '마당로 정류장 의자 다리가 부러져 앉을 수 없다고 전화로 알려 주셨습니다.',
};
// The keyboard walk: the demo citizen files in 청소·쓰레기, whose rule gives
// every case to the one handler of 청소행정과.
const KB_CITIZEN = { login: 'citizen', password: 'madang-citizen-2026' };
const KB_HANDLER = { login: 'clean.jung', password: 'madang-staff-2026' };
const KB_CATEGORY = '청소·쓰레기';
const KB_CASE = {
	title: `골목에 버려진 대형 폐기물 ${RUN}`,
	body: '누리동 마당로 7길 골목에 소파와 매트리스가 일주일째 버려져 있습니다.',
};
const KB_ANSWER = `오늘 오후에 수거했습니다. 알려 주셔서 감사합니다. ${RUN}`;
// The most Tab presses a control may be away: a long staff page has many.
const KB_MAX_TABS = 250;
// How long the alert may take to show a new notice: the poll interval
// (web.alert_poll_ms) plus the request, with room for a slow machine.
const ALERT_WAIT_MS = 30000;

let failures = 0;
let audits = 0;

function log(line) {
	process.stdout.write(line + '\n');
}

// A failure's details, indented, after its "not ok" line.
function details(text) {
	for (const l of String(text).split('\n'))
		log('    ' + l);
}

// axe-core's violations as readable text: rule, impact, what it means,
// and each offending element with the fix axe suggests.
function describe(violations) {
	const out = [];
	for (const v of violations) {
		out.push(`[${v.impact || 'n/a'}] ${v.id}: ${v.help} (${v.helpUrl})`);
		for (const n of v.nodes.slice(0, 10)) {
			out.push(`    at ${n.target.join(' ')}`);
			out.push(`       ${n.html.replace(/\s+/g, ' ').slice(0, 200)}`);
			// The first ways to fix it axe names ("Fix any of: ...").
			if (n.failureSummary) {
				const fix = n.failureSummary.split('\n').map((l) => l.trim()).filter((l) => l);
				out.push('       ' + fix.slice(0, 3).join(' ') + (fix.length > 3 ? ' …' : ''));
			}
		}
		if (v.nodes.length > 10)
			out.push(`    ... and ${v.nodes.length - 10} more`);
	}
	return out.join('\n');
}

// One person: their own browser context (cookies, language) and page,
// every loaded document counted so that none escapes the audit.
class Person {
	constructor(browser, who, viewport) {
		this.browser = browser;
		this.who = who;
		this.viewport = viewport || { width: 1024, height: 800 };
		this.loads = 0;
		this.audited = 0;
	}

	async open() {
		// bypassCSP: the site's Content-Security-Policy forbids the
		// script axe-core is injected as; nothing else relies on it.
		this.context = await this.browser.newContext({
			locale: 'ko-KR',
			extraHTTPHeaders: { 'Accept-Language': 'ko-KR,ko;q=0.9' },
			bypassCSP: true,
			viewport: this.viewport,
		});
		this.context.setDefaultTimeout(TIMEOUT_MS);
		this.page = await this.context.newPage();
		this.page.on('load', () => { this.loads++; });
		// The status of the last document the page navigated to (after
		// any redirect): an error page fails the step that led there.
		this.page.on('response', (res) => {
			const req = res.request();
			if (req.isNavigationRequest() && req.frame() === this.page.mainFrame())
				this.status = { code: res.status(), what: `${req.method()} ${res.url().replace(BASE, '')}` };
		});
		return this;
	}

	async goto(p) {
		await this.page.goto(BASE + p);
		await this.audit();
		await this.checkStatus();
	}

	// Fails on an error page or a form sent back with errors, saying
	// what the page says.
	async checkStatus() {
		if (!this.status || this.status.code < 400)
			return;
		const said = await this.page.evaluate(() =>
			Array.from(document.querySelectorAll('main h1, main [role=alert], main .error, main .field-error'))
				.map((e) => e.textContent.trim()).filter((t) => t).join(' | '));
		throw new Error(`${this.status.what}: HTTP ${this.status.code}: ${said}`);
	}

	// Runs axe-core on the page shown now (once per loaded document, or
	// again when `again` names what changed on it since).
	async audit(again) {
		await this.page.waitForLoadState('load');
		if (this.loads > this.audited + 1)
			throw new Error(`${this.loads - this.audited - 1} page(s) loaded without an accessibility check`);
		if (this.audited === this.loads && !again)
			return;
		this.audited = this.loads;
		const url = this.page.url().replace(BASE, '') + (again ? `, ${again}` : '');
		await this.page.addScriptTag({ path: AXE });
		const r = await this.page.evaluate(
			(tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }), AXE_TAGS);
		audits++;
		if (r.violations.length) {
			failures++;
			log(`not ok - axe-core on ${url} (${this.who})`);
			details(describe(r.violations));
			await shot(this.page, `axe-${audits}`);
		} else {
			log(`ok - axe-core on ${url} (${this.who}): no violation, ${r.passes.length} rules passed`);
		}
	}

	// Clicks what navigates (a link or a submit button) and checks the
	// page it lands on.
	async go(locator) {
		await locator.waitFor({ state: 'visible' });
		await Promise.all([this.page.waitForEvent('load'), locator.click()]);
		await this.audit();
		await this.checkStatus();
	}

	async signIn(login, password) {
		await this.goto('/login');
		await this.page.getByLabel('아이디').fill(login);
		await this.page.getByLabel('비밀번호', { exact: true }).fill(password);
		await this.go(this.page.getByRole('main').getByRole('button', { name: '로그인' }));
		await expectNoText(this.page, '아이디 또는 비밀번호가 맞지 않습니다');
	}

	adminNav(name) {
		return this.page.getByRole('navigation', { name: '관리 메뉴' }).getByRole('link', { name, exact: true });
	}

	nav(name) {
		return this.page.getByRole('navigation', { name: '주 메뉴' }).getByRole('link', { name, exact: true });
	}

	main() {
		return this.page.getByRole('main');
	}

	async close() {
		if (this.context)
			await this.context.close();
	}
}

// Saves a screenshot of the page into MADANG_SHOTS, if set; says where
// (among a failure's details, or as a comment).
async function shot(page, name, comment) {
	if (!SHOTS)
		return;
	const say = comment ? (t) => log(`# ${t}`) : details;
	try {
		fs.mkdirSync(SHOTS, { recursive: true });
		const file = path.join(SHOTS, `${name}.png`);
		await page.screenshot({ path: file, fullPage: true });
		say(`screenshot: ${file}`);
	} catch (e) {
		say(`no screenshot: ${e.message}`);
	}
}

// Picks the option of a <select> whose visible text is `text` (the
// department lists indent their options with no-break spaces).
async function choose(select, text) {
	await select.waitFor();
	const value = await select.evaluate((el, want) => {
		const o = Array.from(el.options).find((x) => x.textContent.trim() === want);
		return o ? o.value : null;
	}, text);
	if (value === null)
		throw new Error(`no option "${text}" in the list`);
	await select.selectOption(value);
}

async function expectText(scope, text, what) {
	const n = await scope.getByText(text, { exact: false }).count();
	if (n === 0)
		throw new Error(`${what || 'the page'} does not show "${text}"`);
}

async function expectNoText(page, text) {
	if (await page.getByText(text, { exact: false }).count())
		throw new Error(`the page says "${text}"`);
}

// ---------------------------------------------------------------- keyboard

// Presses key on person's page and describes what has the focus now, in
// the page: its tag, type, accessible name (aria-label, label or text),
// the name of its form and navigation, whether its focus is visible, and
// whether the control it left looks as it did while focused (then its
// focus showed nothing). Each page keeps the last focused control and its
// look in window.madangKeyboard.
async function keyStep(person, key) {
	await person.page.keyboard.press(key);
	return person.page.evaluate(() => {
		const clean = (t) => (t || '').replace(/\s+/g, ' ').trim();
		const look = (el) => {
			const cs = getComputedStyle(el);
			return {
				outlineStyle: cs.outlineStyle, outlineWidth: parseFloat(cs.outlineWidth) || 0,
				outlineColor: cs.outlineColor, shadow: cs.boxShadow, border: cs.borderColor,
				background: cs.backgroundColor, decoration: cs.textDecorationLine,
			};
		};
		const transparent = (c) => /^rgba\(.*,\s*0\)$/.test(c) || c === 'transparent';
		// A ring of at least 2 px, or a shadow: what people see move.
		const shows = (l) => (l.outlineStyle !== 'none' && l.outlineWidth >= 2 && !transparent(l.outlineColor)) ||
			l.shadow !== 'none';
		const nameOf = (el) => {
			if (!el)
				return '';
			if (el.getAttribute('aria-label'))
				return clean(el.getAttribute('aria-label'));
			const by = el.getAttribute('aria-labelledby');
			if (by && document.getElementById(by))
				return clean(document.getElementById(by).textContent);
			if (el.labels && el.labels.length)
				return clean(el.labels[0].textContent);
			return clean(el.textContent || el.value);
		};
		const out = {};
		const prev = window.madangKeyboard;
		const el = document.activeElement;
		if (prev && prev.el !== el && prev.el.isConnected) {
			out.left = prev.name;
			out.leftUnchanged = JSON.stringify(look(prev.el)) === JSON.stringify(prev.look);
			out.leftLook = JSON.stringify(prev.look);
		}
		if (!el || el === document.body || el === document.documentElement) {
			window.madangKeyboard = null;
			return Object.assign(out, { tag: 'body', name: '' });
		}
		const l = look(el);
		const nav = el.closest('nav');
		Object.assign(out, {
			tag: el.tagName.toLowerCase(), type: el.type || '', name: nameOf(el),
			form: nameOf(el.closest('form')), nav: nav ? clean(nav.getAttribute('aria-label')) : '',
			visible: shows(l), look: `outline ${l.outlineStyle} ${l.outlineWidth}px ${l.outlineColor}, shadow ${l.shadow}`,
			value: el.tagName === 'SELECT' ? clean(el.selectedOptions[0] && el.selectedOptions[0].textContent)
				: el.type === 'checkbox' || el.type === 'radio' ? String(el.checked) : el.value,
		});
		window.madangKeyboard = { el, look: l, name: out.name };
		return out;
	});
}

// Fails when the focus on a control is not visible, or when the control
// the focus left looks as it did with the focus (what the keyboard user
// saw was not the focus).
function checkFocus(r) {
	if (r.left !== undefined && r.leftUnchanged)
		throw new Error(`the focus on "${r.left}" looked no different from no focus (${r.leftLook})`);
	if (r.tag !== 'body' && !r.visible)
		throw new Error(`no visible focus on <${r.tag}> "${r.name}": ${r.look}`);
}

// Presses Tab (or Shift+Tab, back) until the focused control is the one
// `want` describes ({ tag, name, form, nav }: each given part must match,
// name exactly), checking the focus at every stop on the way; returns it.
async function tabTo(person, want, back) {
	const seen = [];
	for (let i = 0; i < KB_MAX_TABS; i++) {
		const r = await keyStep(person, back ? 'Shift+Tab' : 'Tab');
		checkFocus(r);
		seen.push(`<${r.tag}> ${r.name}`);
		if ((!want.tag || want.tag === r.tag) && (!want.name || want.name === r.name) &&
		    (!want.form || want.form === r.form) && (!want.nav || want.nav === r.nav))
			return r;
	}
	throw new Error(`no ${JSON.stringify(want)} within ${KB_MAX_TABS} presses of ${back ? 'Shift+Tab' : 'Tab'};` +
		` the last ones: ${seen.slice(-12).join(' | ')}`);
}

// Presses key on what has the focus and checks the page it leads to.
async function keyGo(person, key) {
	await Promise.all([person.page.waitForEvent('load'), person.page.keyboard.press(key)]);
	await person.audit();
	await person.checkStatus();
}

// Types into the focused field and checks that it holds the text.
async function typeText(person, text) {
	await person.page.keyboard.type(text);
	const value = await person.page.evaluate(() => document.activeElement.value);
	if (value !== text)
		throw new Error(`the field holds "${value}", not "${text}"`);
}

// Presses ArrowDown (then ArrowUp) on the focused <select> until the
// option `text` is chosen.
async function arrowTo(person, text) {
	for (const key of ['ArrowDown', 'ArrowUp'])
		for (let i = 0; i < 40; i++) {
			const r = await keyStep(person, key);
			if (r.value === text)
				return;
		}
	throw new Error(`the arrows never chose "${text}"`);
}

async function keyboardSignIn(person, who) {
	await person.goto('/');
	await tabTo(person, { tag: 'a', name: '로그인', nav: '주 메뉴' });
	await keyGo(person, 'Enter');
	await tabTo(person, { tag: 'input', name: '아이디' });
	await typeText(person, who.login);
	await tabTo(person, { tag: 'input', name: '비밀번호' });
	await typeText(person, who.password);
	// Back to the login ID and forth again: Shift+Tab keeps what was typed.
	const r = await tabTo(person, { tag: 'input', name: '아이디' }, true);
	if (r.value !== who.login)
		throw new Error(`the login ID field now holds "${r.value}"`);
	await tabTo(person, { tag: 'input', name: '비밀번호' });
	await keyGo(person, 'Enter');
	await expectNoText(person.page, '아이디 또는 비밀번호가 맞지 않습니다');
}

async function keyboardWalk(browser) {
	const citizen = await new Person(browser, 'keyboard citizen').open();
	const handler = await new Person(browser, 'keyboard handler').open();
	let tracking = '';

	await step('keyboard only: the demo citizen signs in and files a complaint', citizen, async () => {
		await keyboardSignIn(citizen, KB_CITIZEN);
		// The skip link first, then the navigation.
		const skip = await keyStep(citizen, 'Tab');
		checkFocus(skip);
		if (skip.name !== '본문으로 건너뛰기')
			throw new Error(`the first Tab reaches "${skip.name}", not the skip link`);
		await tabTo(citizen, { tag: 'a', name: '민원 신청', nav: '주 메뉴' });
		await keyGo(citizen, 'Enter');
		await tabTo(citizen, { tag: 'select', name: '분야' });
		await arrowTo(citizen, KB_CATEGORY);
		await tabTo(citizen, { tag: 'input', name: '제목' });
		await typeText(citizen, KB_CASE.title);
		await tabTo(citizen, { tag: 'textarea', name: '내용' });
		await typeText(citizen, KB_CASE.body);
		const pub = await tabTo(citizen, { tag: 'input', name: '이 민원을 공개합니다' });
		const flipped = (await keyStep(citizen, 'Space')).value;
		if (flipped === pub.value)
			throw new Error('Space did not change the public checkbox');
		if (flipped === 'false')
			await keyStep(citizen, 'Space');
		await tabTo(citizen, { tag: 'button', name: '민원 신청하기' });
		await keyGo(citizen, 'Space');
		await expectText(citizen.main(), '민원이 접수되었습니다');
		const m = citizen.page.url().match(/\/cases\/(\d{4}-\d{6})/);
		if (!m)
			throw new Error(`no tracking number in ${citizen.page.url()}`);
		tracking = m[1];
		log(`# filed ${tracking} with the keyboard`);
	});

	await step('keyboard only: withdrawing asks first, and the citizen keeps the case', citizen, async () => {
		await tabTo(citizen, { tag: 'a', name: '이 민원 취하하기' });
		await keyGo(citizen, 'Enter');
		await expectText(citizen.main(), '이 민원을 취하하시겠습니까?');
		await tabTo(citizen, { tag: 'a', name: '취하하지 않고 민원으로 돌아가기' });
		await keyGo(citizen, 'Enter');
		await expectText(citizen.main(), '처리 기한', 'the case page');
	});

	await step(`keyboard only: ${KB_HANDLER.login} finds the complaint and answers it`, handler, async () => {
		await keyboardSignIn(handler, KB_HANDLER);
		// Skip the navigation: Enter on the skip link, then Tab in the page.
		const skip = await keyStep(handler, 'Tab');
		checkFocus(skip);
		await handler.page.keyboard.press('Enter');
		await tabTo(handler, { tag: 'a', name: KB_CASE.title });
		await keyGo(handler, 'Enter');
		await tabTo(handler, { tag: 'textarea', name: '답변 내용', form: '답변' });
		await typeText(handler, KB_ANSWER);
		await tabTo(handler, { tag: 'button', name: '답변 보내기', form: '답변' });
		await keyGo(handler, 'Enter');
		await expectText(handler.main(), '답변을 보냈습니다');
		await expectText(handler.main(), '답변 완료', 'the status');
	});

	await step(`keyboard only: ${KB_HANDLER.login} opens the absence calendar`, handler, async () => {
		await tabTo(handler, { tag: 'a', name: '부재 일정', nav: '주 메뉴' });
		await keyGo(handler, 'Enter');
		await tabTo(handler, { tag: 'a', name: '달력', nav: '부재 일정 보기' });
		await keyGo(handler, 'Enter');
		await handler.page.getByRole('table', { name: /날짜별 부재 직원/ }).waitFor();
		await expectText(handler.main(), '오늘', 'the calendar');
		await tabTo(handler, { tag: 'a', nav: '다른 달 보기' });
		await keyGo(handler, 'Enter');
		await handler.page.getByRole('table', { name: /날짜별 부재 직원/ }).waitFor();
	});

	await step('keyboard only: the citizen reads the answer', citizen, async () => {
		await tabTo(citizen, { tag: 'a', name: '나의 민원', nav: '주 메뉴' });
		await keyGo(citizen, 'Enter');
		await tabTo(citizen, { tag: 'a', name: KB_CASE.title });
		await keyGo(citizen, 'Enter');
		await expectText(citizen.main(), KB_ANSWER, 'the page');
		await expectText(citizen.main(), '답변 완료', 'the status');
		// Back up the page with Shift+Tab to the navigation: every
		// control on the way shows its focus too.
		await tabTo(citizen, { tag: 'a', name: '나의 민원', nav: '주 메뉴' }, true);
	});

	for (const p of [citizen, handler])
		await p.close();
}

// The steps: each runs to its end or fails the walk there (later steps
// depend on earlier ones).
async function step(name, person, fn) {
	try {
		await fn();
		log(`ok - ${name}`);
	} catch (e) {
		failures++;
		log(`not ok - ${name}`);
		details(e.stack || e.message);
		if (person && person.page) {
			details(`at ${person.page.url()}`);
			await shot(person.page, name.replace(/[^A-Za-z0-9가-힣]+/g, '-').slice(0, 60));
		}
		throw e;
	}
}

async function walk(browser) {
	const supervisor = await new Person(browser, 'supervisor').open();
	const citizen = await new Person(browser, 'citizen', { width: 390, height: 844 }).open();
	const handler = await new Person(browser, 'handler').open();
	const second = await new Person(browser, 'second handler').open();
	let tracking = '';

	await step('the supervisor signs in', supervisor, async () => {
		await supervisor.signIn(SUPERVISOR.login, SUPERVISOR.password);
		await supervisor.go(supervisor.nav('관리'));
	});

	await step(`the supervisor creates the department ${DEPT.ko}`, supervisor, async () => {
		const main = supervisor.main();
		await supervisor.go(supervisor.adminNav('부서'));
		const form = main.getByRole('form', { name: '새 부서 만들기' });
		await choose(form.getByLabel('상위 부서', { exact: true }), '환경녹지국');
		await form.getByLabel('부서 이름 (한국어)', { exact: true }).fill(DEPT.ko);
		await form.getByLabel('부서 이름 (영어)', { exact: true }).fill(DEPT.en);
		await supervisor.go(form.getByRole('button', { name: '만들기' }));
		await expectText(main, '새로 만들었습니다');
		await supervisor.go(supervisor.adminNav('부서'));
		await main.getByRole('link', { name: DEPT.ko, exact: true }).waitFor();
	});

	await step(`the supervisor creates the handler ${HANDLER.login} in ${DEPT.ko}`, supervisor, async () => {
		const main = supervisor.main();
		await supervisor.go(supervisor.adminNav('직원'));
		const form = main.getByRole('form', { name: '새 직원 계정 만들기' });
		await form.getByLabel('아이디', { exact: true }).fill(HANDLER.login);
		await form.getByLabel('이름', { exact: true }).fill(HANDLER.name);
		await form.getByLabel('이메일', { exact: true }).fill(`${HANDLER.login}@madang.example`);
		await form.getByLabel('처음 비밀번호', { exact: true }).fill(HANDLER.password);
		await choose(form.getByLabel('소속 부서', { exact: true }), DEPT.ko);
		await supervisor.go(form.getByRole('button', { name: '만들기' }));
		await expectText(main, '새로 만들었습니다');
		// The new member's page: the handler role in the new department.
		const grant = main.getByRole('form', { name: '권한 주기' });
		await choose(grant.getByLabel('권한', { exact: true }), '담당자');
		await choose(grant.getByLabel('범위', { exact: true }), DEPT.ko);
		await supervisor.go(grant.getByRole('button', { name: '권한 주기' }));
		await expectText(main, '권한을 주었습니다');
		await main.getByRole('cell', { name: '담당자', exact: true }).waitFor();
	});

	await step(`the supervisor makes the category ${CATEGORY.ko} round-robin to ${DEPT.ko}`, supervisor, async () => {
		const main = supervisor.main();
		await supervisor.go(supervisor.adminNav('처리지침'));
		const form = main.getByRole('form', { name: '새 분류 만들기' });
		await form.getByLabel('분류 이름 (한국어)', { exact: true }).fill(CATEGORY.ko);
		await form.getByLabel('분류 이름 (영어)', { exact: true }).fill(CATEGORY.en);
		await choose(form.getByLabel('주관 부서', { exact: true }), DEPT.ko);
		await choose(form.getByLabel('분배 방식', { exact: true }), '순차 분배');
		await form.getByLabel('이 분류를 사용합니다', { exact: true }).check();
		await supervisor.go(form.getByRole('button', { name: '만들기' }));
		await expectText(main, '새로 만들었습니다');
		await supervisor.go(supervisor.adminNav('처리지침'));
		const row = main.getByRole('row').filter({ has: supervisor.page.getByRole('link', { name: CATEGORY.ko, exact: true }) });
		await expectText(row, DEPT.ko, `the rule of ${CATEGORY.ko}`);
		await expectText(row, '순차 분배', `the rule of ${CATEGORY.ko}`);
	});

	await step('a citizen registers', citizen, async () => {
		const p = citizen.page;
		await citizen.goto('/');
		await citizen.go(citizen.nav('회원가입'));
		await p.getByLabel('아이디').fill(CITIZEN.login);
		await p.getByLabel('비밀번호', { exact: true }).fill(CITIZEN.password);
		await p.getByLabel('비밀번호 확인').fill(CITIZEN.password);
		await p.getByLabel('이름').fill(CITIZEN.name);
		await p.getByLabel('이메일').fill(CITIZEN.email);
		await p.getByLabel('위 개인정보 수집·이용에 동의합니다 (필수)').check();
		await citizen.go(citizen.main().getByRole('button', { name: '가입하기' }));
		await expectText(citizen.main(), '회원가입을 환영합니다');
	});

	await step(`the citizen files a case in ${CATEGORY.ko}`, citizen, async () => {
		const p = citizen.page;
		await citizen.go(citizen.nav('민원 신청'));
		await p.getByLabel('분야').selectOption({ label: CATEGORY.ko });
		await p.getByLabel('제목').fill(CASE.title);
		await p.getByLabel('내용').fill(CASE.body);
		// The map (issue 10): a click puts its place in the location
		// fields; the default view is around Seoul City Hall.
		const map = citizen.main().getByRole('region', { name: '위치 지도' });
		await map.waitFor({ state: 'visible' });
		await map.click({ position: { x: 100, y: 60 } });
		const lat = parseFloat(await p.getByLabel('위도').inputValue());
		const lng = parseFloat(await p.getByLabel('경도').inputValue());
		if (!(Math.abs(lat - 37.5665) < 0.05 && Math.abs(lng - 126.978) < 0.05))
			throw new Error(`the map's click set ${lat}, ${lng}`);
		log(`# the map's click set ${lat}, ${lng}`);
		await citizen.audit('the map with its marker');
		await citizen.go(citizen.main().getByRole('button', { name: '민원 신청하기' }));
		await expectText(citizen.main(), '민원이 접수되었습니다');
		const m = p.url().match(/\/cases\/(\d{4}-\d{6})/);
		if (!m)
			throw new Error(`no tracking number in ${p.url()}`);
		tracking = m[1];
		log(`# filed ${tracking}`);
		// Its page shows the place on the map, exactly to its owner.
		await citizen.main().getByRole('region', { name: '위치 지도' }).locator('.leaflet-marker-icon').waitFor();
		await expectText(citizen.main(), `${lat.toFixed(6)}, ${lng.toFixed(6)}`);
	});

	await step(`${HANDLER.login} signs in and first chooses a password of their own`, handler, async () => {
		await handler.signIn(HANDLER.login, HANDLER.password);
		// A password the supervisor typed must be changed first: sign-in
		// leads to the account page, which says so.
		const main = handler.main();
		await expectText(main, '관리자가 정한 비밀번호입니다');
		const own = `${HANDLER.password}-own`;
		await main.getByLabel('현재 비밀번호', { exact: true }).fill(HANDLER.password);
		await main.getByLabel('새 비밀번호', { exact: true }).fill(own);
		await main.getByLabel('비밀번호 확인', { exact: true }).fill(own);
		await handler.go(main.getByRole('button', { name: '비밀번호 바꾸기' }));
		await expectNoText(main, '관리자가 정한 비밀번호입니다');
		HANDLER.password = own;
	});

	await step(`the case reaches ${HANDLER.login}'s inbox`, handler, async () => {
		await handler.go(handler.nav('접수 민원 목록'));
		const main = handler.main();
		await main.getByRole('link', { name: '내 담당 민원', exact: true }).waitFor();
		await handler.go(main.getByRole('link', { name: '내 담당 민원', exact: true }));
		await handler.go(main.getByRole('link', { name: CASE.title, exact: true }));
		await expectText(main, CASE.title);
		const who = main.getByRole('region', { name: '처리 부서와 담당자' });
		await expectText(who, DEPT.ko, 'the departments and handlers');
		await expectText(who, HANDLER.name, 'the departments and handlers');
	});

	await step(`${HANDLER.login} transfers it to ${SECOND_DEPT} with a reason`, handler, async () => {
		const form = handler.main().getByRole('form', { name: '이첩', exact: true });
		await choose(form.getByLabel('받을 부서', { exact: true }), SECOND_DEPT);
		await form.getByLabel('이첩 사유', { exact: true }).fill(TRANSFER_REASON);
		await handler.go(form.getByRole('button', { name: '이첩하기', exact: true }));
		// The case has left the handler's department: back to the inbox.
		await expectText(handler.main(), '민원을 다른 부서로 보냈습니다');
	});

	await step(`${SECOND_HANDLER.login} of ${SECOND_DEPT} finds it and answers`, second, async () => {
		const main = second.main();
		await second.signIn(SECOND_HANDLER.login, SECOND_HANDLER.password);
		await second.go(second.nav('접수 민원 목록'));
		await second.go(main.getByRole('link', { name: '내 담당 민원', exact: true }));
		await second.go(main.getByRole('link', { name: CASE.title, exact: true }));
		const form = main.getByRole('form', { name: '답변', exact: true });
		await form.getByLabel('답변 내용', { exact: true }).fill(ANSWER);
		await second.go(form.getByRole('button', { name: '답변 보내기', exact: true }));
		await expectText(main, '답변을 보냈습니다');
		await expectText(main, '답변 완료', 'the status');
	});

	await step('the citizen sees the timeline with both departments and the answer', citizen, async () => {
		const main = citizen.main();
		await citizen.go(citizen.nav('나의 민원'));
		await citizen.go(main.getByRole('link', { name: CASE.title, exact: true }));
		await expectText(main, '답변 완료', 'the status');
		await expectText(main, ANSWER, 'the page');
		const timeline = main.locator('ol.timeline');
		for (const text of ['민원 신청', '이첩', '답변', DEPT.ko, SECOND_DEPT])
			await expectText(timeline, text, 'the timeline');
		await shot(citizen.page, 'the-end', true);
	});

	// The notifier's pages (issue 4): notice preferences, the inbox of
	// notices, the staff's alert, the outbox and the callback queue.
	await step('the notices, the outbox and the callback queue', supervisor, async () => {
		await citizen.goto('/account');
		await expectText(citizen.main(), '알림 받는 방법');
		await citizen.go(citizen.main().getByRole('link', { name: '나에게 온 알림 보기', exact: true }));
		await expectText(citizen.main(), '답변이 등록되었습니다', 'the notices');
		await second.goto('/account/notices');
		await supervisor.go(supervisor.nav('관리'));
		await supervisor.go(supervisor.adminNav('발송함'));
		await supervisor.goto('/staff/callbacks');
	});

	// Moderation (issue 11): the report form on a public complaint, the
	// moderators' queue (the demo's held complaint), the word list.
	await step('the report form, the moderation queue and the word list', supervisor, async () => {
		await citizen.goto('/report/case/2026-000001');
		await supervisor.goto('/staff/moderation');
		await supervisor.goto('/admin/moderation/words');
	});

	// Policy proposals (issue 11): the list, writing one with its three
	// sections, supporting it, and the supervisor's view of it.
	await step('policy proposals: the list, writing, supporting, the supervisor', citizen, async () => {
		await citizen.go(citizen.nav('정책제안'));
		await citizen.go(citizen.main().getByRole('link', { name: '제안 쓰기', exact: true }));
		await citizen.page.getByLabel('분야').selectOption({ label: CATEGORY.ko });
		await citizen.page.getByLabel('제목').fill(`버스정류장에 온열 의자를 놓아 주세요 ${RUN}`);
		await citizen.page.getByLabel('현황 및 문제점').fill('겨울 아침 정류장 의자가 차갑습니다.');
		await citizen.page.getByLabel('개선 방안').fill('주요 정류장에 온열 의자를 설치해 주세요.');
		await citizen.page.getByLabel('기대 효과').fill('어르신들의 대기가 편해집니다.');
		await citizen.go(citizen.main().getByRole('button', { name: '제안 게시' }));
		await expectText(citizen.main(), '제안이 게시되었습니다');
		await citizen.go(citizen.main().getByRole('button', { name: '이 제안에 공감합니다' }));
		await expectText(citizen.main(), '공감이 반영되었습니다');
		await supervisor.goto(new URL(citizen.page.url()).pathname);
		await expectText(supervisor.main(), '검토로 올리기');
		await citizen.goto('/proposals?sort=supported');
	});

	// The real-time alert (issue 4): the handler stays on the case list
	// while the citizen files a case that round-robin gives to them; the
	// count and the list change by polling, on the same document.
	await step(`${HANDLER.login}'s alert shows a new case without a reload`, handler, async () => {
		const p = handler.page;
		await handler.go(handler.nav('접수 민원 목록'));
		const count = p.locator('#alert-count');
		const before = parseInt(await count.textContent(), 10);
		if (Number.isNaN(before))
			throw new Error(`the alert's counter reads "${await count.textContent()}"`);
		// Gone if the page is loaded again.
		await p.evaluate(() => { window.madangWalkMark = 'same document'; });
		const loads = handler.loads;

		await citizen.go(citizen.nav('민원 신청'));
		await citizen.page.getByLabel('분야').selectOption({ label: CATEGORY.ko });
		await citizen.page.getByLabel('제목').fill(SECOND_CASE.title);
		await citizen.page.getByLabel('내용').fill(SECOND_CASE.body);
		await citizen.go(citizen.main().getByRole('button', { name: '민원 신청하기' }));
		const m = citizen.page.url().match(/\/cases\/(\d{4}-\d{6})/);
		if (!m)
			throw new Error(`no tracking number in ${citizen.page.url()}`);
		log(`# filed ${m[1]} while ${HANDLER.login} waits`);

		const started = Date.now();
		try {
			await p.waitForFunction((n) => parseInt(document.getElementById('alert-count').textContent, 10) === n,
				before + 1, { timeout: ALERT_WAIT_MS });
		} catch (e) {
			throw new Error(`the counter still reads ${await count.textContent()} (was ${before}) after ${ALERT_WAIT_MS / 1000} s`);
		}
		const link = p.locator('#alert-list').getByRole('link', { name: m[1] });
		await link.waitFor({ state: 'visible', timeout: ALERT_WAIT_MS });
		const href = await link.getAttribute('href');
		if (!href || !href.startsWith(`/staff/cases/${m[1]}`))
			throw new Error(`the new notice links to ${href}`);
		const live = (await p.locator('#alert-live').textContent()).trim();
		if (!live.includes(String(before + 1)))
			throw new Error(`the live region says "${live}", not the new count ${before + 1}`);
		if (handler.loads !== loads || await p.evaluate(() => window.madangWalkMark) !== 'same document')
			throw new Error('the page was loaded again');
		log(`# the alert changed ${((Date.now() - started) / 1000).toFixed(1)} s after the filing, without a reload`);
		await handler.audit('the alert updated');
	});

	// The call centre (issue 10): an agent lands on the console, a phone
	// system's screen pop and a search find a caller, whose history takes
	// a call note and a case filed for them by telephone.
	const agent = await new Person(browser, 'agent').open();
	await step('the agent works in the call centre', agent, async () => {
		const main = agent.main();
		await agent.signIn(AGENT.login, AGENT.password);
		if (!agent.page.url().endsWith('/staff/callcentre'))
			throw new Error(`the agent landed on ${agent.page.url()}`);
		// The screen pop of one caller's number opens their history.
		await agent.goto(`/staff/callcentre?caller=${encodeURIComponent(CALLER.phone)}`);
		await expectText(main, `민원인 이력: ${CALLER.name}`, 'the screen pop');
		await agent.go(main.getByRole('link', { name: '민원인 찾기로 돌아가기', exact: true }));
		await main.getByLabel('민원인 찾기', { exact: true }).fill(CALLER.name);
		await agent.go(main.getByRole('button', { name: '찾기', exact: true }));
		await agent.go(main.getByRole('link', { name: CALLER.name, exact: true }));
		await expectText(main, '민원인 이력', 'the caller\'s page');
		const note = main.getByRole('region', { name: '이번 통화 기록' });
		await note.getByLabel('통화 내용', { exact: true }).fill(CALL_NOTE);
		await agent.go(note.getByRole('button', { name: '통화 내용 저장', exact: true }));
		await expectText(main, CALL_NOTE, 'the earlier calls');
		const file = main.getByRole('region', { name: '이 민원인의 새 민원 접수' });
		await choose(file.getByLabel('분야', { exact: true }), CALL_CASE.category);
		await file.getByLabel('제목', { exact: true }).fill(CALL_CASE.title);
		await file.getByLabel('내용', { exact: true }).fill(CALL_CASE.body);
		await file.getByLabel('민원인이 전화로 개인정보 수집·이용에 동의했습니다 (필수)').check();
		await agent.go(file.getByRole('button', { name: '전화 민원 접수', exact: true }));
		await expectText(main, '민원을 접수했습니다', 'the caller\'s page');
	});

	// The Open311 keys and questions a supervisor keeps.
	await step('the supervisor makes an Open311 key and sees the questions', supervisor, async () => {
		const main = supervisor.main();
		await supervisor.goto('/admin/open311');
		await main.getByLabel('클라이언트 이름', { exact: true }).fill(`시험 앱 ${RUN}`);
		await supervisor.go(main.getByRole('button', { name: '키 만들기', exact: true }));
		await main.locator('#open311-key').waitFor();
		await supervisor.goto('/admin/open311/questions');
		await expectText(main, '어떤 파손인가요?', 'the questions');
	});

	// Mileage and penalties (issue 11): my page, the public ranking, the
	// moderators' penalties.
	await step('my page, the mileage ranking and the penalties', supervisor, async () => {
		await citizen.go(citizen.nav('마이페이지'));
		await expectText(citizen.main(), '현재 마일리지', 'my page');
		await citizen.goto('/mileage/ranking');
		await supervisor.goto('/staff/penalties');
		await expectText(supervisor.main(), '제재 내리기', 'the penalties');
	});


	// Policy debates (issue 11): the list, the demo's open debate with its
	// tally and forms, a side taken, the staff's list and forms.
	await step('policy debates: a citizen takes a side; the staff pages; the statistics', citizen, async () => {
		const main = citizen.main();
		await citizen.go(citizen.nav('정책토론'));
		await citizen.go(main.locator('table.debates a').first());
		await main.getByRole('group', { name: '나의 입장' }).getByLabel('찬성', { exact: true }).check();
		await citizen.go(main.getByRole('button', { name: '입장 저장' }));
		await expectText(main, '입장이 저장되었습니다');
		await citizen.go(citizen.nav('정책토론'));
		await citizen.go(main.locator('section[aria-labelledby="debates-closed"] table a').first());
		await expectText(main, '결과 요약');
		await supervisor.go(supervisor.nav('토론 관리'));
		await supervisor.go(supervisor.main().locator('table.debates a').first());
		await supervisor.goto('/staff/debates/new');
		await citizen.goto('/stats');
	});

	// Repeat complaints and similar cases (issue 12): "this is my problem
	// too" on another citizen's public case; the filing form while typing.
	await step('following a public case, suggestions while filing', citizen, async () => {
		await citizen.goto('/cases/2026-000001');
		await citizen.go(citizen.main().getByRole('button', { name: '저도 같은 문제예요 (이 민원 따르기)', exact: true }));
		await expectText(citizen.main(), '이 민원을 따릅니다', 'the followed case');
		await citizen.goto('/cases/new');
		await citizen.page.getByLabel('제목').fill(CASE.title);
		await citizen.page.getByLabel('내용').fill(CASE.body);
		await citizen.page.waitForTimeout(1500);
		await citizen.audit('the suggestions while typing');
	});

	// Debates joined with moderation (issue 11): an opinion's report link
	// and its form.
	await step('the report form of a debate opinion', citizen, async () => {
		await citizen.go(citizen.nav('정책토론'));
		await citizen.go(citizen.main().locator('table.debates a').first());
		await citizen.go(citizen.main().getByRole('link', { name: /^신고: / }).first());
		await expectText(citizen.main(), '신고', 'the report form');
	});

	// A community's calendar (issue 14): the demo month as a table (on the
	// phone's width), the same month as a list, an event's page.
	await step('community calendar: month view, list view, an event', citizen, async () => {
		const main = citizen.main();
		await citizen.goto('/c/madang-walkers/calendar');
		await expectText(main, '일정', 'the month view');
		await citizen.go(main.getByRole('link', { name: '목록 보기', exact: true }));
		await citizen.go(main.locator('ul.event-list a').first());
		await expectText(main, '참석 여부', 'an event');
	});

	// Real-name identity (issue 13): the account page with the consent
	// history, the check through the demo's test provider and back (the
	// name typed is the account's own, so later steps see no change).
	await step('real-name check: the account page, the test provider, back verified', citizen, async () => {
		const main = citizen.main();
		await citizen.goto('/account');
		await expectText(main, '실명확인과 동의 내역');
		const name = (await main.locator('dl.facts dd').nth(1).textContent()).trim();
		await citizen.go(main.getByRole('link', { name: '실명확인 보기' }));
		await main.getByLabel('위 내용에 동의합니다.').check();
		await citizen.go(main.getByRole('button', { name: '실명확인 시작' }));
		await main.getByLabel('이름', { exact: true }).fill(name);
		await main.getByLabel('생년월일').fill('1990-01-31');
		await main.getByLabel('연계정보(CI, 시험용 아무 값)').fill('CI-WALK-0001');
		await citizen.go(main.getByRole('button', { name: '확인하고 서명하기' }));
		await citizen.go(main.getByRole('button', { name: '마당으로 돌아가기' }));
		await expectText(main, '실명확인 연결 확인', 'the confirmation page');
		await citizen.go(main.getByRole('button', { name: '이 계정에 연결하기' }));
		await expectText(main, '실명확인을 마쳤습니다');
	});

	// Reports (issue 12): the managers' report, its charts and over time.
	await step('the report with its charts, by category and by day', supervisor, async () => {
		await supervisor.goto('/staff/reports?group=category');
		await expectText(supervisor.main(), '기준별 수치', 'the report');
		await supervisor.goto('/staff/reports?period=month&group=day');
		await supervisor.main().locator('svg[role="img"]').first().waitFor();
	});

	// Verified contacts and recovery (issue 13): the account's section and
	// the code page, "Forgot your password?" (asked for an unknown ID: the
	// usual answer), "Forgot your ID?" and an e-mail link's page.
	await step('verified contacts, password recovery and forgot-ID pages', citizen, async () => {
		const main = citizen.main();
		await citizen.goto('/account');
		await expectText(main, '인증된 연락처', 'the account page');
		await citizen.goto('/account/verify');
		await citizen.goto('/recover');
		await main.getByLabel('아이디', { exact: true }).fill(`nobody${RUN}`);
		await citizen.go(main.getByRole('button', { name: '보내기', exact: true }));
		await expectText(main, '인증된 이메일 주소가 있으면', 'the answer');
		await citizen.goto('/forgot-id');
		await citizen.goto('/verify/email/0123456789abcdef.AAAA');
	});

	// Two-step sign-in (issue 13; the demo does not require it): a staff
	// member sets it up (the QR code, the key as text, a first code
	// computed here as RFC 6238 says), gets the recovery codes and signs in
	// again with one on the code page; the supervisor's settings show the rule.
	const twoStep = await new Person(browser, 'two-step handler').open();
	const totpCode = (b32) => {
		const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
		const bits = [...b32.toUpperCase()].map((c) => A.indexOf(c).toString(2).padStart(5, '0')).join('');
		const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
		const msg = Buffer.alloc(8);
		msg.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30000)));
		const mac = require('crypto').createHmac('sha1', key).update(msg).digest();
		const off = mac[19] & 15;
		return String((mac.readUInt32BE(off) & 0x7fffffff) % 1000000).padStart(6, '0');
	};
	await step('two-step sign-in: set up, recovery codes, the code page', twoStep, async () => {
		const main = twoStep.main();
		await twoStep.signIn('env.seo', 'madang-staff-2026');
		await twoStep.goto('/account/2fa');
		const key = (await main.locator('#totp-secret').textContent()).replace(/\s/g, '');
		await main.getByLabel('앱의 코드', { exact: true }).fill(totpCode(key));
		await twoStep.go(main.getByRole('button', { name: '확인', exact: true }));
		const recovery = (await main.locator('ul.recovery-codes code').first().textContent()).trim();
		await twoStep.context.clearCookies();
		await twoStep.signIn('env.seo', 'madang-staff-2026');
		await main.getByLabel('코드', { exact: true }).fill(recovery);
		await twoStep.go(main.getByRole('button', { name: '로그인', exact: true }));
		await twoStep.goto('/account/2fa');
		await expectText(main, '2단계 로그인을 사용 중입니다', 'the two-step page');
		// The rule, among the settings.
		await supervisor.goto('/admin/settings');
		await expectText(supervisor.main(), '사용해야 하는 사람', 'the settings');
	});
	await twoStep.close();

	// A proposal's official review (issue 11): the demo's answered
	// proposal with its plan and update; its case and the one under review
	// on the staff side; the workload report counting them apart.
	await step('a proposal\'s official review: the answer, the cases, the report', supervisor, async () => {
		await citizen.goto('/proposals?sort=answered');
		await citizen.go(citizen.main().getByRole('link', { name: '버스정류장 실시간 도착 안내판을 늘려 주세요' }));
		await expectText(citizen.main(), '추진 계획');
		await supervisor.goto('/staff/cases/2026-000051');
		await supervisor.goto('/staff/cases/2026-000052');
		await supervisor.goto('/staff/reports/workload');
		await expectText(supervisor.main(), '정책제안 검토');
	});

	// Comments on a proposal (issue 11): the demo's night-bus proposal with
	// its comments and reply, a comment and a reply written, then my page
	// with the proposals, supports and comments sections.
	await step('comments on a proposal, and my page with them', citizen, async () => {
		const main = citizen.main();
		await citizen.goto('/proposals?sort=newest');
		await citizen.go(main.getByRole('link', { name: '심야버스 노선을 늘려 주세요' }));
		await main.getByLabel('내 댓글').fill('주말에도 운행하면 좋겠습니다.');
		await citizen.go(main.getByRole('button', { name: '댓글 올리기' }));
		await expectText(main, '댓글을 올렸습니다');
		await main.locator('details.reply-form summary').first().click();
		await main.getByLabel('이 댓글에 대한 내 답글').first().fill('저도 같은 생각입니다.');
		await citizen.go(main.getByRole('button', { name: '답글 등록' }).first());
		await expectText(main, '답글을 올렸습니다');
		await citizen.goto('/my');
		await expectText(main, '제안에 단 내 댓글');
	});

	// Usage statistics (issue 12): a search counted, the supervisors'
	// page with its charts, and the public summary once ticked on.
	await step('usage statistics and the public summary', supervisor, async () => {
		await citizen.goto('/cases?q=' + encodeURIComponent('도로'));
		await supervisor.goto('/staff/usage');
		await supervisor.main().locator('svg[role="img"]').first().waitFor();
		await supervisor.goto('/admin/settings');
		await supervisor.main().getByLabel('포털 이용 현황 요약을 /usage 에 공개', { exact: true }).check();
		await supervisor.go(supervisor.main().getByRole('button', { name: '저장', exact: true }));
		await citizen.goto('/usage');
		await expectText(citizen.main(), '포털 이용 현황', 'the public summary');
	});

	// Data rights (issue 13): the "my data" page, the deletion page (not
	// submitted: the walk's citizen stays) and a staff member's refusal.
	await step('my data download and account deletion pages', citizen, async () => {
		const main = citizen.main();
		await citizen.goto('/account/data');
		await expectText(main, '비밀번호를 다시 입력하세요', 'the download page');
		await citizen.goto('/account/delete');
		await expectText(main, '되돌릴 수 없음을 확인했습니다', 'the deletion page');
		await supervisor.goto('/account/delete');
		await expectText(supervisor.main(), '직원 계정은 여기에서 탈퇴할 수 없습니다', 'the staff refusal');
	});

	// Communities (issue 14): the list, the creation wizard step by step
	// (with a step back), the new community's home and members page, and a
	// members-only study group of the demo seen from outside.
	await step('communities: the list, the wizard, a home, the members page', citizen, async () => {
		const main = citizen.main();
		await citizen.go(citizen.nav('커뮤니티'));
		await citizen.go(main.getByRole('link', { name: '커뮤니티 만들기', exact: true }));
		await main.getByLabel('연구모임', { exact: true }).check();
		await citizen.go(main.getByRole('button', { name: '다음', exact: true }));
		await main.getByLabel('이름', { exact: true }).fill(`걷기 연구 ${RUN}`);
		await main.getByLabel('주소 (/c/...)').fill(`walk-${RUN}`);
		await main.getByLabel('소개').fill('함께 걸으며 동네를 연구합니다.');
		await citizen.go(main.getByRole('button', { name: '다음', exact: true }));
		await citizen.go(main.getByRole('button', { name: '이전', exact: true }));
		await citizen.go(main.getByRole('button', { name: '다음', exact: true }));
		await citizen.go(main.getByRole('button', { name: '다음', exact: true }));
		await citizen.go(main.getByRole('button', { name: '커뮤니티 만들기', exact: true }));
		await expectText(main, '커뮤니티를 만들었습니다');
		await citizen.go(main.getByRole('link', { name: '회원과 가입 신청', exact: true }));
		await citizen.goto('/c/open-data-study');
		await expectText(main, '가입 신청');
	});

	// A community's boards (issue 14): the demo's public resident group,
	// its free board, a question with its answer and reply, the gallery and
	// a search within the community.
	await step('a community board, a post with comments, the search', citizen, async () => {
		const main = citizen.main();
		await citizen.goto('/c/madang-walkers/boards/free');
		await expectText(main, '주말 벼룩시장 후기');
		await citizen.go(main.getByRole('link', { name: '묻고 답하기' }));
		await citizen.go(main.getByRole('link', { name: '분리수거 요일이 바뀌었나요?' }));
		await expectText(main, '화요일과 금요일');
		await citizen.goto('/c/madang-walkers/boards/gallery');
		await main.getByLabel('이 커뮤니티에서 찾기').fill('벼룩');
		await citizen.go(main.getByRole('button', { name: '찾기', exact: true }));
		await expectText(main, '주말 벼룩시장 후기');
	});

	// A community's chat room (issue 14): reached from the community's
	// home, the demo's history read without joining (no script needed).
	await step('community chat: the room from the home page, its history', citizen, async () => {
		const main = citizen.main();
		await citizen.goto('/c/madang-walkers');
		await citizen.go(main.getByRole('link', { name: '대화방', exact: true }));
		await expectText(main, '중앙공원 분수대 앞에서 모여요', 'the chat history');
	});

	// Notes (issue 14): the demo's note from the supervisor to
	// traffic.kim, the inbox, the note, the reply form, a reply sent.
	await step('notes: the inbox, a note, the new-note form', second, async () => {
		const main = second.main();
		await second.goto('/notes');
		await second.go(main.locator('table.notes a').first());
		await expectText(main, '읽은 시각', 'a note');
		await second.go(main.getByRole('link', { name: '답장', exact: true }));
		await main.getByLabel('내용', { exact: true }).fill(`검토하겠습니다 ${RUN}`);
		await second.go(main.getByRole('button', { name: '보내기', exact: true }));
		await expectText(main, '쪽지를 보냈습니다', 'the note sent');
	});

	// The staff intranet (issue 14): the second handler shares the walk's
	// case to the demo's staff community and finds it on its free board.
	await step('share to intranet: the form on the staff case page, the staff board', second, async () => {
		const main = second.main();
		await second.goto(`/staff/cases/${tracking}`);
		await main.locator('details.share > summary').click();
		await main.getByLabel('직원 커뮤니티', { exact: true }).selectOption('staff-digital');
		await second.go(main.getByRole('button', { name: '공유', exact: true }));
		await expectText(main, `/staff/cases/${tracking}`, 'the shared summary');
		await second.goto('/c/staff-digital/boards/free');
		await expectText(main, `[${tracking}]`, 'the share on the board');
	});

	for (const p of [supervisor, citizen, handler, second, agent])
		await p.close();
	await keyboardWalk(browser);
}

async function main() {
	if (!BASE) {
		log('not ok - MADANG_URL is set');
		process.exit(2);
	}
	// A fresh profile (playwright makes a new user-data-dir for each
	// launch), no network but the stack's, and never a downloaded browser.
	const browser = await chromium.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
			'--disable-background-networking', '--disable-component-update', '--disable-sync',
			'--lang=ko-KR'],
	});
	try {
		await walk(browser);
	} catch (e) {
		// Reported by its step already.
	} finally {
		await browser.close();
	}
	log(`# ${audits} page(s) checked with axe-core, ${failures} failure(s)`);
	if (failures === 0 && audits > 0)
		log('walk complete');
	process.exit(failures === 0 ? 0 : 1);
}

main().catch((e) => {
	log('not ok - the walk ran');
	details(e.stack || e.message);
	process.exit(1);
});
