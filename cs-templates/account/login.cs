<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# login.cs: sign-in for citizens and staff. ?>
<h1><?cs var:L.Title.Login ?></h1>
<form method="post" action="/login" class="stack narrow">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <input type="hidden" name="next" value="<?cs var:Form.next ?>">
  <div class="field">
    <label for="login_id"><?cs var:L.Field.login_id ?></label>
    <input type="text" id="login_id" name="login_id" autocomplete="username" maxlength="64" required value="<?cs var:Form.login_id ?>">
  </div>
  <div class="field">
    <label for="password"><?cs var:L.Field.password ?></label>
    <input type="password" id="password" name="password" autocomplete="current-password" required>
  </div>
  <button type="submit" class="primary"><?cs var:L.Button.Login ?></button>
</form>
<p><a href="/recover"><?cs var:L.Login.Forgot ?></a> · <a href="/forgot-id"><?cs var:L.Login.ForgotId ?></a></p>
<p><?cs var:L.Login.NoAccount ?> <a href="/register"><?cs var:L.Nav.Register ?></a></p>
