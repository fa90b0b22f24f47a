<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# form.cs: a community event's form, to add one or to edit it (Event.id):
# title, start and end (local time, Asia/Seoul), place, description and
# the recurrence (none, weekly, monthly; until a date or a number of
# times). ?><?cs
include:"fields.cs" ?>
<h1><?cs if:Event.id ?><?cs var:L.Calendar.EditHeading ?><?cs else ?><?cs var:L.Calendar.NewHeading ?><?cs /if ?></h1>
<?cs call:form_errors() ?>
<form method="post" action="/c/<?cs var:Community.slug ?>/events/<?cs if:Event.id ?><?cs var:Event.id ?>/edit<?cs else ?>new<?cs /if ?>">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <?cs if:!Event.id ?><?cs call:idem_field() ?><?cs /if ?>
  <?cs call:text_input_field("title", L.Calendar.Title, 200, "") ?>
  <div class="field">
    <label for="starts_at"><?cs var:L.Calendar.Starts ?></label>
    <input type="datetime-local" id="starts_at" name="starts_at" required value="<?cs var:Form.starts_at ?>"<?cs call:field_aria_hint("starts_at", "zone-hint") ?>>
    <p class="hint" id="zone-hint"><?cs var:L.Calendar.ZoneHint ?></p>
    <?cs call:field_error("starts_at") ?>
  </div>
  <div class="field">
    <label for="ends_at"><?cs var:L.Calendar.Ends ?></label>
    <input type="datetime-local" id="ends_at" name="ends_at" required value="<?cs var:Form.ends_at ?>"<?cs call:field_aria("ends_at") ?>>
    <?cs call:field_error("ends_at") ?>
  </div>
  <div class="field">
    <label for="place"><?cs var:L.Calendar.Place ?></label>
    <input type="text" id="place" name="place" maxlength="200" value="<?cs var:Form.place ?>"<?cs call:field_aria("place") ?>>
    <?cs call:field_error("place") ?>
  </div>
  <div class="field">
    <label for="description"><?cs var:L.Calendar.Description ?></label>
    <textarea id="description" name="description" rows="6" maxlength="4000"<?cs call:field_aria("description") ?>><?cs var:Form.description ?></textarea>
    <?cs call:field_error("description") ?>
  </div>
  <fieldset>
    <legend><?cs var:L.Calendar.Repeats ?></legend>
    <div class="field">
      <label for="recurrence"><?cs var:L.Calendar.RepeatKind ?></label>
      <select id="recurrence" name="recurrence"<?cs call:field_aria("recurrence") ?>><?cs
        each:r = L.Calendar.Recurrence ?>
        <option value="<?cs name:r ?>"<?cs if:Form.recurrence == name(r) ?> selected<?cs /if ?>><?cs var:r ?></option><?cs /each ?>
      </select>
      <?cs call:field_error("recurrence") ?>
    </div>
    <div class="field">
      <label for="recur_until"><?cs var:L.Calendar.UntilDate ?></label>
      <input type="date" id="recur_until" name="recur_until" value="<?cs var:Form.recur_until ?>"<?cs call:field_aria_hint("recur_until", "end-hint") ?>>
      <?cs call:field_error("recur_until") ?>
    </div>
    <div class="field">
      <label for="recur_count"><?cs var:L.Calendar.Count ?></label>
      <input type="number" id="recur_count" name="recur_count" min="1" max="500" inputmode="numeric" value="<?cs var:Form.recur_count ?>"<?cs call:field_aria_hint("recur_count", "end-hint") ?>>
      <?cs call:field_error("recur_count") ?>
    </div>
    <p class="hint" id="end-hint"><?cs var:L.Calendar.EndHint ?></p>
  </fieldset>
  <button type="submit"><?cs var:L.Calendar.Save ?></button>
</form>
