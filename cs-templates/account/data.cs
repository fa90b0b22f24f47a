<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# data.cs: the "my data" download (/account/data, page_rights.c): what
# the ZIP file holds, and the password typed again to get it. ?><?cs
include:"fields.cs" ?>
<h1><?cs var:L.Title.MyData ?></h1>
<p id="data-lead"><?cs var:L.Rights.DataLead ?></p>
<form method="post" action="/account/data" class="stack narrow">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
<?cs call:current_password_field("data-password-hint", L.Rights.DataPassword) ?>
  <button type="submit" class="primary"><?cs var:L.Rights.DataButton ?></button>
</form>
<p><a href="/account"><?cs var:L.Identity.Back ?></a></p>
