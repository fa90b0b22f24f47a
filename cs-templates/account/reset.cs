<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# reset.cs: the mailed link's form for a new password, or "not valid"
# (used, expired, forged; page_verify.c). ?><?cs
include:"fields.cs" ?>
<h1><?cs var:L.Title.Reset ?></h1>
<?cs if:Reset.Invalid ?>
<p class="flash error" role="alert"><?cs var:L.Recover.LinkInvalid ?></p>
<p><a href="/recover"><?cs var:L.Recover.Again ?></a></p>
<?cs else ?>
<form method="post" action="/reset/<?cs var:url_escape(Reset.Token) ?>" class="stack narrow">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
<?cs call:form_errors() ?>
<?cs call:new_password_fields(L.Field.new_password) ?>
  <button type="submit" class="primary"><?cs var:L.Recover.Reset ?></button>
</form>
<?cs /if ?>
