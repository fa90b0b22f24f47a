<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# new.cs: the new-note form: the recipient's login ID (filled from ?to=)
# and the text. ?><?cs
include:"fields.cs" ?>
<h1><?cs var:L.Title.NoteNew ?></h1>
<p class="lead"><?cs var:L.Notes.Lead ?></p>
<form method="post" action="/notes/new" class="note-form">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <?cs call:idem_field() ?>
  <?cs call:form_errors() ?>
  <div class="field">
    <label for="to"><?cs var:L.Notes.ToLogin ?></label>
    <input type="text" id="to" name="to" maxlength="32" required autocomplete="off" value="<?cs var:Form.to ?>"<?cs call:field_aria("to") ?>>
    <?cs call:field_error("to") ?>
  </div>
  <div class="field">
    <label for="body"><?cs var:L.Notes.Body ?></label>
    <textarea id="body" name="body" rows="8" maxlength="<?cs var:NoteBodyMax ?>" required<?cs call:field_aria("body") ?>><?cs var:Form.body ?></textarea>
    <?cs call:field_error("body") ?>
  </div>
  <button type="submit" class="primary"><?cs var:L.Notes.Send ?></button>
  <a class="button" href="/notes"><?cs var:L.Title.Notes ?></a>
</form>
