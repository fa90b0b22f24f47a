<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# identity_test.cs: the built-in TEST identity provider (demo and test
# configurations only): a form for a name, a birth date and a person key,
# then the signed callback as a form to post back to Madang, exactly as
# a real provider's (page_identity.c). ?><?cs
include:"fields.cs" ?>
<h1><?cs var:L.Title.IdentityTest ?></h1>
<p class="flash error" role="note"><?cs var:L.IdentityTest.Warning ?></p>
<?cs if:Signed.sig ?>
<p><?cs var:L.IdentityTest.Signed ?></p>
<form method="post" action="<?cs var:Signed.Return ?>" class="stack narrow" id="identity-callback">
  <input type="hidden" name="state" value="<?cs var:Form.state ?>">
  <input type="hidden" name="name" value="<?cs var:Form.name ?>">
  <input type="hidden" name="birth" value="<?cs var:Form.birth ?>">
  <input type="hidden" name="key" value="<?cs var:Form.key ?>">
  <input type="hidden" name="sig" value="<?cs var:Signed.sig ?>">
  <button type="submit" class="primary"><?cs var:L.IdentityTest.Return ?></button>
</form>
<?cs else ?>
<form method="post" action="/identity/test" class="stack narrow"><?cs call:form_errors() ?>
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <input type="hidden" name="client_id" value="<?cs var:Form.client_id ?>">
  <input type="hidden" name="state" value="<?cs var:Form.state ?>">
  <input type="hidden" name="return" value="<?cs var:Form.return ?>">
<?cs call:text_input_field("name", L.IdentityTest.Name, 100, "") ?>
<?cs call:date_input_field("birth", L.IdentityTest.Birth, "birth-hint", L.IdentityTest.BirthHint) ?>
<?cs call:text_input_field("key", L.IdentityTest.Key, 200, "") ?>
  <button type="submit" class="primary"><?cs var:L.IdentityTest.Submit ?></button>
</form>
<?cs /if ?>
