<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# data.cs: the "my data" download (/account/data, page_rights.c): what
# the ZIP file holds, and the password typed again to get it. ?>
<h1><?cs var:L.Title.MyData ?></h1>
<p id="data-lead"><?cs var:L.Rights.DataLead ?></p>
<form method="post" action="/account/data" class="stack narrow">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <div class="field">
    <label for="password"><?cs var:L.Field.current ?></label>
    <input type="password" id="password" name="password" autocomplete="current-password" required aria-describedby="data-password-hint<?cs if:Form.Err.password ?> err-password<?cs /if ?>"<?cs if:Form.Err.password ?> aria-invalid="true"<?cs /if ?>>
    <p class="hint" id="data-password-hint"><?cs var:L.Rights.DataPassword ?></p>
    <?cs call:field_error("password") ?>
  </div>
  <button type="submit" class="primary"><?cs var:L.Rights.DataButton ?></button>
</form>
<p><a href="/account"><?cs var:L.Identity.Back ?></a></p>
