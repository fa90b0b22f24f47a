<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# login_code.cs: the second step of signing in: the authenticator's code
# or a recovery code (page_totp.c). ?><?cs
include:"fields.cs" ?>
<h1><?cs var:L.Title.LoginCode ?></h1>
<p id="code-hint"><?cs var:L.Totp.CodeIntro ?></p>
<form method="post" action="/login/code" class="stack narrow">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <div class="field">
    <label for="code"><?cs var:L.Totp.Code ?></label>
    <input type="text" id="code" name="code" autocomplete="one-time-code" inputmode="text" maxlength="32" required autofocus<?cs call:field_aria_hint("code", "code-hint") ?>>
    <?cs call:field_error("code") ?>
  </div>
  <button type="submit" class="primary"><?cs var:L.Totp.Verify ?></button>
</form>
<p><?cs var:L.Totp.LostPhone ?></p>
