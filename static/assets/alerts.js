// SPDX-License-Identifier: AGPL-3.0-or-later
// alerts.js: the staff's real-time alert. Polls /staff/alerts.json every
// 20 seconds, or the data-poll-ms the layout gives (web.alert_poll_ms),
// not while the tab is hidden, and updates the unread count
// and the list of the latest unread notices that the layout rendered, so
// the page works the same without it. Texts come localised from the
// server and go in with textContent, never as markup; a new count is
// announced politely through the aria-live region.
(function () {
	'use strict';
	var box = document.getElementById('staff-alerts');
	var count = document.getElementById('alert-count');
	var list = document.getElementById('alert-list');
	var live = document.getElementById('alert-live');
	if (!box || !count || !list || !window.fetch || !window.JSON)
		return;
	var url = box.getAttribute('data-poll');
	// A second to ten minutes; anything else: the default, 20 s.
	var INTERVAL_MS = parseInt(box.getAttribute('data-poll-ms'), 10);
	if (!(INTERVAL_MS >= 1000 && INTERVAL_MS <= 600000))
		INTERVAL_MS = 20000;
	var announce = box.getAttribute('data-announce') || '';
	var last = parseInt(count.textContent, 10) || 0;
	var timer = null;

	// Only local paths are followed (the server sends nothing else).
	function safeUrl(u) {
		return typeof u === 'string' && u.charAt(0) === '/' && u.charAt(1) !== '/' ? u : '/account/notices';
	}

	function render(data) {
		var unread = typeof data.unread === 'number' ? data.unread : 0;
		var items = Array.isArray(data.items) ? data.items : [];
		count.textContent = String(unread);
		while (list.firstChild)
			list.removeChild(list.firstChild);
		items.forEach(function (item) {
			var li = document.createElement('li');
			var a = document.createElement('a');
			a.href = safeUrl(item.url);
			a.textContent = String(item.text || '');
			li.appendChild(a);
			if (item.at) {
				var t = document.createElement('time');
				t.setAttribute('datetime', String(item.at));
				t.textContent = String(item.at).slice(0, 16).replace('T', ' ');
				li.appendChild(document.createTextNode(' '));
				li.appendChild(t);
			}
			list.appendChild(li);
		});
		list.hidden = items.length === 0;
		if (unread !== last) {
			if (unread > last)
				live.textContent = announce.replace('{n}', String(unread));
			last = unread;
		}
	}

	function schedule() {
		timer = window.setTimeout(poll, INTERVAL_MS);
	}

	function poll() {
		timer = null;
		if (document.hidden) {
			schedule();
			return;
		}
		fetch(url, { credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'application/json' } })
			.then(function (res) {
				// Signed out or no longer staff: stop asking.
				if (res.status === 401 || res.status === 403)
					return 'stop';
				return res.ok ? res.json() : null;
			})
			.then(function (data) {
				if (data === 'stop')
					return;
				if (data && typeof data === 'object')
					render(data);
				schedule();
			})
			.catch(function () {
				schedule();
			});
	}

	document.addEventListener('visibilitychange', function () {
		if (!document.hidden && timer === null)
			return;
		if (!document.hidden) {
			window.clearTimeout(timer);
			poll();
		}
	});
	schedule();
}());
