<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# recover.cs: "Forgot your password?": the login ID and the way (a link by
# e-mail or a code by SMS to a verified contact); then the same answer
# whether or not the account exists, and for SMS the form for the code
# and the new password (page_verify.c). ?><?cs
include:"fields.cs" ?>
<h1><?cs var:L.Title.Recover ?></h1>
<?cs if:Recover.Sent ?>
<p role="status"><?cs if:Recover.Sent == "sms" ?><?cs var:L.Recover.SentSms ?><?cs else ?><?cs var:L.Recover.SentEmail ?><?cs /if ?></p>
<?cs /if ?>
<?cs if:Recover.Sent == "sms" ?>
<form method="post" action="/recover/code" class="stack narrow">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
<?cs call:form_errors() ?>
  <input type="hidden" name="login_id" value="<?cs var:Form.login_id ?>">
<?cs call:code_field() ?>
<?cs call:new_password_fields(L.Field.new_password) ?>
  <button type="submit" class="primary"><?cs var:L.Recover.Reset ?></button>
</form>
<?cs elif:!Recover.Sent ?>
<p><?cs var:L.Recover.Lead ?></p>
<form method="post" action="/recover" class="stack narrow">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
<?cs call:form_errors() ?>
  <div class="field">
    <label for="login_id"><?cs var:L.Field.login_id ?></label>
    <input type="text" id="login_id" name="login_id" autocomplete="username" maxlength="64" required value="<?cs var:Form.login_id ?>"<?cs call:field_aria("login_id") ?>>
    <?cs call:field_error("login_id") ?>
  </div>
  <fieldset>
    <legend><?cs var:L.Recover.How ?></legend>
    <div class="field check">
      <input type="radio" id="channel_email" name="channel" value="email"<?cs if:Form.channel != "sms" ?> checked<?cs /if ?>>
      <label for="channel_email"><?cs var:L.Recover.ByEmail ?></label>
    </div>
    <div class="field check">
      <input type="radio" id="channel_sms" name="channel" value="sms"<?cs if:Form.channel == "sms" ?> checked<?cs /if ?>>
      <label for="channel_sms"><?cs var:L.Recover.BySms ?></label>
    </div>
    <?cs call:field_error("channel") ?>
  </fieldset>
  <button type="submit" class="primary"><?cs var:L.Recover.Send ?></button>
</form>
<?cs /if ?>
<p><a href="/forgot-id"><?cs var:L.Recover.ForgotId ?></a> · <a href="/login"><?cs var:L.Nav.Login ?></a></p>
