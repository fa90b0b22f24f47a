/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* chat.js: a community chat's live part (cs-templates/communities/chat.cs).
 * On the newest page of a member's room, #chat-log carries data-sub, nginx
 * nchan's EventSource for the room: each message that arrives (JSON: id,
 * author, body, created) is appended as text, never as markup. Without
 * this script the room still works: the form posts and the page's
 * refresh link shows what came. */
(function () {
  'use strict';
  var log = document.getElementById('chat-log');
  if (!log || !log.dataset.sub || !window.EventSource) return;
  var status = document.getElementById('chat-status');
  function say(text) { if (status) status.textContent = text; }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function add(m) {
    if (!m || typeof m.id !== 'number' || document.getElementById('chat-' + m.id)) return;
    var li = el('li', 'chat-message');
    li.id = 'chat-' + m.id;
    var meta = el('p', 'meta');
    meta.appendChild(el('strong', null, String(m.author)));
    meta.appendChild(document.createTextNode(' \u00b7 '));
    meta.appendChild(el('time', null, String(m.created)));
    li.appendChild(meta);
    li.appendChild(el('p', 'text', String(m.body)));
    log.appendChild(li);
    var empty = document.getElementById('chat-empty');
    if (empty) empty.remove();
  }
  var es = new EventSource(log.dataset.sub);
  es.onopen = function () { say(log.dataset.live); };
  es.onerror = function () { say(log.dataset.offline); };
  es.onmessage = function (ev) {
    try { add(JSON.parse(ev.data)); } catch (e) { /* not a message */ }
  };
}());
