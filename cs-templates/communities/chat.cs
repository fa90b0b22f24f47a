<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# chat.cs: a community's chat room (page_chat.c): the history, a page of
# CHAT_PAGE_SIZE messages (the newest first; older pages by link), the
# form to post (a plain POST and redirect: no script needed) and a refresh
# link. On the newest page a member's browser listens with chat.js
# (data-sub: nchan's EventSource) and appends what arrives to the list. ?>
<p class="meta"><a href="/c/<?cs var:Chat.slug ?>"><?cs var:Chat.name ?></a></p>
<h1><?cs var:L.Chat.Heading ?>: <?cs var:Chat.name ?></h1>
<p class="meta"><a href="/c/<?cs var:Chat.slug ?>/chat" id="chat-refresh"><?cs var:L.Chat.Refresh ?></a><?cs
  if:Chat.Live ?> · <span id="chat-status" role="status" aria-live="polite"><?cs var:L.Chat.Offline ?></span><?cs /if ?></p><?cs
if:Pager.Next ?>
<p><a href="/c/<?cs var:Chat.slug ?>/chat?page=<?cs var:Pager.Next ?>" rel="next"><?cs var:L.Chat.Older ?></a></p><?cs
/if ?>
<ol class="chat-log" id="chat-log" aria-label="<?cs var:L.Chat.Log ?>"<?cs
  if:Chat.SubUrl ?> data-sub="<?cs var:Chat.SubUrl ?>" data-offline="<?cs var:L.Chat.Offline ?>" data-live="<?cs var:L.Chat.Live ?>"<?cs /if ?>><?cs
each:m = Chat.Messages ?>
  <li id="chat-<?cs var:m.id ?>" class="chat-message">
    <p class="meta"><strong><?cs var:m.author ?></strong> · <time><?cs var:m.created ?></time><?cs
    if:m.mine == "1" ?> <span class="tag"><?cs var:L.Chat.Mine ?></span><?cs /if ?><?cs
    if:Chat.Reportable && m.mine != "1" && m.moderation == "visible" ?>
      · <a href="/report/chat/<?cs var:m.id ?>" aria-label="<?cs var:L.Chat.Report ?>: <?cs var:m.author ?>, <?cs var:m.created ?>"><?cs var:L.Chat.Report ?></a><?cs
    /if ?></p><?cs
    if:m.moderation == "deleted" ?>
    <p class="removed"><?cs var:L.Chat.Removed ?></p><?cs
    else ?><?cs
      if:m.moderation == "held" ?>
    <p class="moderation-note"><?cs var:L.Chat.Held ?></p><?cs
      elif:m.moderation == "hidden" ?>
    <p class="moderation-note"><?cs var:L.Chat.Hidden ?><?cs if:m.reason ?> <?cs var:m.reason ?><?cs /if ?></p><?cs
      /if ?><?cs
      if:m.mine == "1" && m.moderation != "visible" ?>
    <p class="meta"><a href="/objection/chat/<?cs var:m.id ?>"><?cs var:L.Debate.Object ?></a></p><?cs
      /if ?>
    <p class="text"><?cs var:m.body ?></p><?cs
    /if ?>
  </li><?cs
/each ?>
</ol><?cs
if:subcount(Chat.Messages) == 0 ?>
<p id="chat-empty"><?cs var:L.Chat.None ?></p><?cs
/if ?><?cs
if:Pager.Prev ?>
<p><a href="/c/<?cs var:Chat.slug ?><?cs if:Pager.Prev == 1 ?>/chat<?cs else ?>/chat?page=<?cs var:Pager.Prev ?><?cs /if ?>" rel="prev"><?cs var:L.Chat.Newer ?></a></p><?cs
/if ?><?cs
if:Can.chat ?>
<form method="post" action="/c/<?cs var:Chat.slug ?>/chat" class="stack chat-form">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <?cs call:idem_field() ?>
  <div class="field">
    <label for="chat-body"><?cs var:L.Chat.Body ?></label>
    <textarea id="chat-body" name="body" rows="2" maxlength="<?cs var:Chat.BodyMax ?>" required aria-describedby="chat-hint"><?cs var:Form.body ?></textarea>
    <p class="hint" id="chat-hint"><?cs var:L.Chat.Hint ?></p>
  </div>
  <button type="submit"><?cs var:L.Chat.Send ?></button>
</form><?cs
elif:Chat.Restricted ?>
<p class="note"><?cs var:L.Chat.Restricted ?></p><?cs
elif:Chat.Closed ?>
<p class="note"><?cs var:L.Chat.Closed ?></p><?cs
elif:!Session.Login ?>
<p class="note"><a href="/login"><?cs var:L.Chat.SignIn ?></a></p><?cs
else ?>
<p class="note"><?cs var:L.Chat.MembersOnly ?></p><?cs
/if ?>
