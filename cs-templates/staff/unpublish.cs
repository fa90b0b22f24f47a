<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# unpublish.cs: on the staff case page, for its handlers and moderators
# (Unpublish.Can): take a public complaint's text out of public sight when
# it exposes personal data or abuses someone; the case itself goes on;
# and publish it again. ?><?cs
if:Unpublish.Can && Case.public == "1" && Case.moderation == "visible" ?>
  <details class="unpublish">
    <summary><?cs var:L.Moderation.Unpublish ?></summary>
    <form method="post" action="/staff/cases/<?cs var:Case.tracking ?>/unpublish" class="stack" aria-labelledby="unpublish-h">
      <h2 id="unpublish-h" class="visually-hidden"><?cs var:L.Moderation.Unpublish ?></h2>
      <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
      <p class="hint"><?cs var:L.Moderation.UnpublishHint ?></p>
      <div class="field">
        <label for="unpublish-ground"><?cs var:L.Moderation.Ground ?></label>
        <select id="unpublish-ground" name="ground" required>
          <option value="personal_data"><?cs var:L.Moderation.Reasons.personal_data ?></option>
          <option value="abuse"><?cs var:L.Moderation.Reasons.abuse ?></option>
        </select>
      </div>
      <div class="field">
        <label for="unpublish-reason"><?cs var:L.Moderation.AuthorReason ?></label>
        <textarea id="unpublish-reason" name="reason" rows="2" required maxlength="255"></textarea>
      </div>
      <button type="submit" class="danger"><?cs var:L.Moderation.Unpublish ?></button>
    </form>
  </details><?cs
elif:Unpublish.Can && Case.public == "1" && Case.moderation == "hidden" ?>
  <form method="post" action="/staff/cases/<?cs var:Case.tracking ?>/unpublish" class="inline">
    <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
    <input type="hidden" name="restore" value="1">
    <button type="submit"><?cs var:L.Moderation.Republish ?></button>
  </form><?cs
/if ?>
