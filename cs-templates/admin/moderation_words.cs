<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# moderation_words.cs: the profanity and abuse word list (global
# supervisors): what each word does (mask, hold, exception), who added
# it, removing one, adding one. ?><?cs
include:"fields.cs" ?>
<h1><?cs var:L.Title.ModerationWords ?></h1>
<?cs include:"admin/org/nav.cs" ?>
<p><?cs var:L.Moderation.WordsLead ?></p>
<h2 id="word-new-h"><?cs var:L.Moderation.WordNew ?></h2>
<form method="post" action="/admin/moderation/words" class="stack" aria-labelledby="word-new-h">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <?cs call:form_errors() ?>
  <?cs call:text_input_field("word", L.Moderation.Word, 30, "") ?>
  <div class="field">
    <label for="action"><?cs var:L.Moderation.WordAction ?></label>
    <select id="action" name="action"><?cs
  each:a = L.Moderation.WordActions ?>
      <option value="<?cs name:a ?>"<?cs if:Form.action == name(a) ?> selected<?cs /if ?>><?cs var:a ?></option><?cs
  /each ?>
    </select>
  </div>
  <p><button type="submit"><?cs var:L.Moderation.WordAdd ?></button></p>
</form>
<h2><?cs var:L.Moderation.WordList ?></h2>
<table class="cases">
  <caption class="visually-hidden"><?cs var:L.Moderation.WordList ?></caption>
  <thead><tr>
    <th scope="col"><?cs var:L.Moderation.Word ?></th>
    <th scope="col"><?cs var:L.Moderation.WordAction ?></th>
    <th scope="col"><?cs var:L.Moderation.AddedBy ?></th>
    <th scope="col"><?cs var:L.Col.Date ?></th>
    <th scope="col"><?cs var:L.Moderation.WordRemove ?></th>
  </tr></thead>
  <tbody><?cs each:x = Words ?>
    <tr>
      <td data-label="<?cs var:L.Moderation.Word ?>"><?cs var:x.word ?></td>
      <td data-label="<?cs var:L.Moderation.WordAction ?>"><?cs var:L.Moderation.WordActions[x.action] ?></td>
      <td data-label="<?cs var:L.Moderation.AddedBy ?>"><?cs if:x.added_by ?><?cs var:x.added_by ?><?cs else ?><?cs var:L.Moderation.Shipped ?><?cs /if ?></td>
      <td data-label="<?cs var:L.Col.Date ?>"><?cs var:x.created ?></td>
      <td data-label="<?cs var:L.Moderation.WordRemove ?>">
        <form method="post" action="/admin/moderation/words" class="inline">
          <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
          <input type="hidden" name="delete" value="<?cs var:x.id ?>">
          <button type="submit" aria-label="<?cs var:L.Moderation.WordRemove ?>: <?cs var:x.word ?>"><?cs var:L.Moderation.WordRemove ?></button>
        </form>
      </td>
    </tr><?cs /each ?>
  </tbody>
</table>
