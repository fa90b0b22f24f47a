<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# register.cs: citizen registration with the personal-data consent. ?><?cs
include:"fields.cs" ?>
<h1><?cs var:L.Title.Register ?></h1>
<?cs call:form_errors() ?>
<form method="post" action="/register" class="stack narrow">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <div class="field">
    <label for="login_id"><?cs var:L.Field.login_id ?></label>
    <input type="text" id="login_id" name="login_id" autocomplete="username" maxlength="32" required value="<?cs var:Form.login_id ?>"<?cs call:field_aria("login_id") ?>>
    <p class="hint"><?cs var:L.Hint.login_id ?></p>
    <?cs call:field_error("login_id") ?>
  </div>
<?cs call:new_password_fields(L.Field.password) ?>
  <div class="field">
    <label for="name"><?cs var:L.Field.name ?></label>
    <input type="text" id="name" name="name" autocomplete="name" maxlength="50" required value="<?cs var:Form.name ?>"<?cs call:field_aria("name") ?>>
    <?cs call:field_error("name") ?>
  </div>
<?cs call:email_field(L.Field.email) ?><?cs call:mobile_field() ?>
<?cs call:consent_fieldset(L.Consent.Title, "", L.Field.consent) ?>
  <button type="submit" class="primary"><?cs var:L.Button.Register ?></button>
</form>
