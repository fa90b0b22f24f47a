<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# settings.cs: change password, e-mail and mobile number. ?>
<h1><?cs var:L.Title.Account ?></h1>
<dl class="facts">
  <dt><?cs var:L.Field.login_id ?></dt><dd><?cs var:Account.Login ?></dd>
  <dt><?cs var:L.Field.name ?></dt><dd><?cs var:Account.Name ?></dd>
</dl>
<section>
  <h2><?cs var:L.Account.Contact ?></h2>
  <form method="post" action="/account/contact" class="stack narrow">
    <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
    <div class="field">
      <label for="email"><?cs var:L.Field.email ?></label>
      <input type="email" id="email" name="email" autocomplete="email" maxlength="254" required value="<?cs var:Form.email ?>"<?cs call:field_aria("email") ?>>
      <?cs call:field_error("email") ?>
    </div>
    <div class="field">
      <label for="mobile"><?cs var:L.Field.mobile ?></label>
      <input type="tel" id="mobile" name="mobile" autocomplete="tel" maxlength="20" value="<?cs var:Form.mobile ?>"<?cs call:field_aria("mobile") ?>>
      <?cs call:field_error("mobile") ?>
    </div>
    <button type="submit"><?cs var:L.Button.Save ?></button>
  </form>
</section>
<section>
  <h2><?cs var:L.Account.Password ?></h2>
  <form method="post" action="/account/password" class="stack narrow">
    <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
    <div class="field">
      <label for="current"><?cs var:L.Field.current ?></label>
      <input type="password" id="current" name="current" autocomplete="current-password" required<?cs call:field_aria("current") ?>>
      <?cs call:field_error("current") ?>
    </div>
    <div class="field">
      <label for="password"><?cs var:L.Field.new_password ?></label>
      <input type="password" id="password" name="password" autocomplete="new-password" minlength="10" required<?cs call:field_aria("password") ?>>
      <p class="hint"><?cs var:L.Hint.password ?></p>
      <?cs call:field_error("password") ?>
    </div>
    <div class="field">
      <label for="password2"><?cs var:L.Field.password2 ?></label>
      <input type="password" id="password2" name="password2" autocomplete="new-password" minlength="10" required<?cs call:field_aria("password2") ?>>
      <?cs call:field_error("password2") ?>
    </div>
    <button type="submit"><?cs var:L.Button.ChangePassword ?></button>
  </form>
</section>
