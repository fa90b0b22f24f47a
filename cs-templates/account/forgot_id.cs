<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# forgot_id.cs: "Forgot your ID?": a verified e-mail address or mobile
# number; the same answer whether or not an account has it
# (page_verify.c). ?><?cs
include:"fields.cs" ?>
<h1><?cs var:L.Title.ForgotId ?></h1>
<?cs if:ForgotId.Sent ?>
<p role="status"><?cs var:L.ForgotId.Sent ?></p>
<?cs else ?>
<p><?cs var:L.ForgotId.Lead ?></p>
<form method="post" action="/forgot-id" class="stack narrow">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
<?cs call:form_errors() ?>
  <div class="field">
    <label for="contact"><?cs var:L.Field.contact ?></label>
    <input type="text" id="contact" name="contact" maxlength="254" required value="<?cs var:Form.contact ?>"<?cs call:field_aria("contact") ?>>
    <?cs call:field_error("contact") ?>
  </div>
  <button type="submit" class="primary"><?cs var:L.ForgotId.Send ?></button>
</form>
<?cs /if ?>
<p><a href="/recover"><?cs var:L.Login.Forgot ?></a> · <a href="/login"><?cs var:L.Nav.Login ?></a></p>
