// SPDX-License-Identifier: AGPL-3.0-or-later
// similar.js: while a citizen writes a complaint, the answered public
// cases like it appear under the form's heading (the same suggestions the
// confirmation step shows without JavaScript). Asks /cases/similar.json a
// moment after typing stops; texts go in with textContent, never as
// markup; the region is aria-live="polite", so a screen reader hears the
// suggestions without losing its place. Each links to the case's page,
// where "this is my problem too" follows it.
(function () {
	'use strict';
	var box = document.getElementById('similar-live');
	var title = document.getElementById('title');
	var body = document.getElementById('body');
	if (!box || !title || !body || !window.fetch || !window.JSON || document.getElementById('similar-step'))
		return;
	var url = box.getAttribute('data-url');
	var timer = null, asked = '';
	// The suggestions come while typing: the button files at once rather
	// than asking for the confirmation step the page has without script.
	var check = document.querySelector('button[name="step"][value="check"]');
	if (check)
		check.removeAttribute('name');

	// Only local case paths are followed (the server sends nothing else).
	function safeUrl(u) {
		return typeof u === 'string' && /^\/cases\/\d{4}-\d{6}$/.test(u) ? u : null;
	}

	function render(items) {
		while (box.firstChild)
			box.removeChild(box.firstChild);
		if (!items.length) {
			box.hidden = true;
			return;
		}
		var h = document.createElement('h2');
		h.textContent = box.getAttribute('data-heading') || '';
		var p = document.createElement('p');
		p.textContent = box.getAttribute('data-lead') || '';
		var ul = document.createElement('ul');
		items.forEach(function (item) {
			var href = safeUrl(item.url);
			if (!href)
				return;
			var li = document.createElement('li');
			var a = document.createElement('a');
			a.href = href;
			a.textContent = String(item.tracking || '') + ' ' + String(item.title || '');
			li.appendChild(a);
			if (item.answered)
				li.appendChild(document.createTextNode(' · ' + (box.getAttribute('data-answered') || '') + ' ' +
								      String(item.answered)));
			ul.appendChild(li);
		});
		box.appendChild(h);
		box.appendChild(p);
		box.appendChild(ul);
		box.hidden = false;
	}

	function ask() {
		// The start of the text is enough to find the matter, and keeps
		// the URL well under nginx's 8 KB request line (a Korean
		// character is 9 bytes percent-encoded).
		var t = title.value.slice(0, 100), b = body.value.slice(0, 600);
		if ((t + b).replace(/\s+/g, '').length < 8 || t + '\n' + b === asked)
			return;
		asked = t + '\n' + b;
		var q = url + '?title=' + encodeURIComponent(t) + '&body=' + encodeURIComponent(b);
		fetch(q, {credentials: 'same-origin', headers: {'Accept': 'application/json'}})
			.then(function (r) { return r.ok ? r.json() : {items: []}; })
			.then(function (data) { render(Array.isArray(data.items) ? data.items : []); })
			.catch(function () {});
	}

	function later() {
		if (timer)
			clearTimeout(timer);
		timer = setTimeout(ask, 700);
	}
	title.addEventListener('input', later);
	body.addEventListener('input', later);
})();
