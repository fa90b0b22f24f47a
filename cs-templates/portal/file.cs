<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# file.cs: the form to file a complaint (민원 신청). ?><?cs
include:"map.cs" ?>
<h1><?cs var:L.Title.FileCase ?></h1>
<?cs if:Form.HasErrors ?><p class="form-error" role="alert"><?cs var:L.Msg.FixErrors ?></p><?cs /if ?>
<?cs include:"portal/similar.cs" ?>
<form method="post" action="/cases/new" enctype="multipart/form-data" class="stack">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <div class="field">
    <label for="category"><?cs var:L.Field.category ?></label>
    <select id="category" name="category" required<?cs call:field_aria("category") ?>>
      <option value=""><?cs var:L.Field.choose ?></option>
<?cs each:g = Categories ?>
      <option value="<?cs var:g.id ?>"<?cs if:g.id == Form.category ?> selected<?cs /if ?>><?cs var:g.name ?></option>
<?cs /each ?>
    </select>
    <?cs call:field_error("category") ?>
  </div>
  <div class="field">
    <label for="title"><?cs var:L.Field.title ?></label>
    <input type="text" id="title" name="title" maxlength="200" required value="<?cs var:Form.title ?>"<?cs call:field_aria("title") ?>>
    <?cs call:field_error("title") ?>
  </div>
  <div class="field">
    <label for="body"><?cs var:L.Field.body ?></label>
    <textarea id="body" name="body" rows="10" maxlength="20000" required<?cs call:field_aria("body") ?>><?cs var:Form.body ?></textarea>
    <p class="hint" id="body-hint"><?cs var:L.Hint.body ?></p>
    <?cs call:field_error("body") ?>
  </div>
  <fieldset>
    <legend><?cs var:L.Field.location ?></legend>
    <p class="hint"><?cs var:L.Hint.location ?></p>
    <div class="field">
      <label for="address"><?cs var:L.Field.address ?></label>
      <input type="text" id="address" name="address" maxlength="200" value="<?cs var:Form.address ?>"<?cs call:field_aria("address") ?>>
      <?cs call:field_error("address") ?>
    </div>
    <div class="row">
      <div class="field">
        <label for="latitude"><?cs var:L.Field.latitude ?></label>
        <input type="text" id="latitude" name="latitude" inputmode="decimal" maxlength="12" value="<?cs var:Form.latitude ?>"<?cs call:field_aria("latitude") ?>>
        <?cs call:field_error("latitude") ?>
      </div>
      <div class="field">
        <label for="longitude"><?cs var:L.Field.longitude ?></label>
        <input type="text" id="longitude" name="longitude" inputmode="decimal" maxlength="12" value="<?cs var:Form.longitude ?>"<?cs call:field_aria("longitude") ?>>
        <?cs call:field_error("longitude") ?>
      </div>
    </div>
<?cs call:map_box() ?>
  </fieldset>
  <div class="field">
    <label for="attachments"><?cs var:L.Field.attachments ?></label>
    <input type="file" id="attachments" name="attachments" multiple accept="image/jpeg,image/png,image/gif,image/webp,application/pdf,text/plain"<?cs call:field_aria("attachments") ?>>
    <p class="hint"><?cs var:L.Hint.attachments ?></p>
    <?cs if:Form.BadFile ?><p class="field-error"><?cs var:Form.BadFile ?></p><?cs /if ?>
    <?cs call:field_error("attachments") ?>
  </div>
<?cs if:Filing.Restricted ?>
  <p class="flash warning" id="restricted"><?cs var:L.Mileage.FileRestricted ?><?cs if:Filing.Until ?> <?cs var:L.Mileage.Until ?> <?cs var:Filing.Until ?><?cs /if ?></p>
<?cs /if ?>
  <div class="field check">
    <input type="checkbox" id="public" name="public" value="1"<?cs if:Form.public == "1" ?> checked<?cs /if ?>>
    <label for="public"><?cs var:L.Field.public ?></label>
    <p class="hint"><?cs var:L.Hint.public ?></p>
  </div>
<?cs if:subcount(Similar) > 0 ?>
  <button type="submit" class="primary"><?cs var:L.Similar.FileAnyway ?></button>
<?cs else ?>
  <button type="submit" class="primary" name="step" value="check"><?cs var:L.Button.File ?></button>
<?cs /if ?>
</form>
<script src="/assets/similar.js" defer></script>
