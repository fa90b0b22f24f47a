<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# note.cs: one note as its sender or recipient reads it: who, when, the
# read receipt, the text; reply, delete for oneself, block the other. ?>
<h1><?cs var:L.Title.Note ?></h1>
<dl class="facts note-facts">
  <dt><?cs var:L.Notes.From ?></dt><dd><?cs call:person(Note.author) ?></dd>
  <dt><?cs var:L.Notes.To ?></dt><dd><?cs call:person(Note.recipient) ?></dd>
  <dt><?cs var:L.Notes.Sent ?></dt><dd><?cs var:Note.sent ?></dd>
  <dt><?cs var:L.Notes.Read ?></dt><dd id="note-read"><?cs if:Note.read ?><?cs var:Note.read ?><?cs else ?><?cs var:L.Notes.NotRead ?><?cs /if ?></dd>
</dl>
<?cs if:Note.moderation == "hidden" || Note.moderation == "deleted" ?>
<p class="note-removed"><?cs var:L.Notes.Removed ?></p><?cs
else ?>
<div class="text note-body"><?cs var:Note.body ?></div><?cs
/if ?>
<p class="actions"><?cs
  if:Note.mine == "0" ?><a class="button primary" href="/notes/new?to=<?cs var:url_escape(Note.author_login) ?>"><?cs var:L.Notes.Reply ?></a> <?cs
  /if ?><a class="button" href="<?cs if:Note.mine == "1" ?>/notes/sent<?cs else ?>/notes<?cs /if ?>"><?cs var:L.Notes.Back ?></a></p>
<form method="post" action="/notes/<?cs var:Note.id ?>/delete" class="inline">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <button type="submit"><?cs var:L.Notes.Delete ?></button>
</form><?cs
if:Note.mine == "0" ?>
<p><a href="/report/note/<?cs var:Note.id ?>"><?cs var:L.Notes.Report ?></a></p>
<form method="post" action="/notes/<?cs var:Note.id ?>/block" class="inline">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>"><?cs
  if:Note.blocked == "1" ?>
  <button type="submit"><?cs var:L.Notes.Unblock ?></button><?cs
  else ?>
  <input type="hidden" name="block" value="1">
  <button type="submit"><?cs var:L.Notes.Block ?></button><?cs
  /if ?>
</form>
<p class="hint"><?cs var:L.Notes.BlockHint ?></p><?cs
/if ?>
