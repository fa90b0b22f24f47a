<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# file.cs: the form to file a complaint (민원 신청). ?><?cs
include:"map.cs" ?>
<h1><?cs var:L.Title.FileCase ?></h1>
<?cs if:Form.HasErrors ?><p class="form-error" role="alert"><?cs var:L.Msg.FixErrors ?></p><?cs /if ?>
<?cs include:"portal/similar.cs" ?>
<form method="post" action="/cases/new" enctype="multipart/form-data" class="stack">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <?cs call:idem_field() ?>
<?cs call:category_and_title() ?>
  <div class="field">
    <label for="body"><?cs var:L.Field.body ?></label>
    <textarea id="body" name="body" rows="10" maxlength="20000" required<?cs call:field_aria("body") ?>><?cs var:Form.body ?></textarea>
    <p class="hint" id="body-hint"><?cs var:L.Hint.body ?></p>
    <?cs call:field_error("body") ?>
  </div>
<?cs call:location_and_files(1) ?>
<?cs if:Filing.Restricted ?>
  <p class="flash warning" id="restricted"><?cs var:L.Mileage.FileRestricted ?><?cs if:Filing.Until ?> <?cs var:L.Mileage.Until ?> <?cs var:Filing.Until ?><?cs /if ?></p>
<?cs /if ?>
  <div class="field check">
    <input type="checkbox" id="public" name="public" value="1"<?cs if:Form.public == "1" ?> checked<?cs /if ?><?cs call:field_aria("public") ?>>
    <label for="public"><?cs var:L.Field.public ?></label>
    <p class="hint"><?cs var:L.Hint.public ?></p>
    <?cs call:field_error("public") ?>
  </div>
<?cs if:subcount(Similar) > 0 ?>
  <button type="submit" class="primary"><?cs var:L.Similar.FileAnyway ?></button>
<?cs else ?>
  <button type="submit" class="primary" name="step" value="check"><?cs var:L.Button.File ?></button>
<?cs /if ?>
</form>
<script src="/assets/similar.js" defer></script>
