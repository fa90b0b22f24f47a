<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# totp.cs: the second sign-in factor: enrolment (QR code drawn by
# lib/auth/totp.c, with the secret as text beside it for those who cannot
# scan it), or its state and how to turn it off (page_totp.c). ?><?cs
include:"fields.cs" ?>
<h1><?cs var:L.Title.Totp ?></h1>
<?cs call:form_errors() ?>
<?cs if:Totp.Enrolled ?>
<p><?cs var:L.Totp.On ?></p>
<p><?cs var:L.Totp.RecoveryLeft ?> <strong><?cs var:Totp.RecoveryLeft ?></strong></p>
<?cs if:Totp.Required ?>
<p><?cs var:L.Totp.RequiredKeep ?></p>
<?cs else ?>
<section>
  <h2 id="off-h"><?cs var:L.Totp.OffTitle ?></h2>
  <form method="post" action="/account/2fa/off" class="stack narrow" aria-labelledby="off-h">
    <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
    <div class="field">
      <label for="code"><?cs var:L.Totp.Code ?></label>
      <input type="text" id="code" name="code" autocomplete="one-time-code" maxlength="32" required<?cs call:field_aria("code") ?>>
      <?cs call:field_error("code") ?>
    </div>
    <button type="submit"><?cs var:L.Totp.Off ?></button>
  </form>
</section>
<?cs /if ?>
<?cs else ?>
<?cs if:Totp.Required ?><p class="notice" role="status"><?cs var:L.Totp.MustEnrol ?></p><?cs /if ?>
<p><?cs var:L.Totp.Intro ?></p>
<ol class="stack">
  <li><?cs var:L.Totp.Step1 ?>
    <figure class="qr">
<?cs escape:"none" ?><?cs var:Totp.Qr ?><?cs /escape ?>
      <figcaption><?cs var:L.Totp.SecretLabel ?> <code id="totp-secret" class="secret"><?cs var:Totp.Secret ?></code></figcaption>
    </figure>
  </li>
  <li><?cs var:L.Totp.Step2 ?>
    <form method="post" action="/account/2fa" class="stack narrow">
      <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
      <div class="field">
        <label for="code"><?cs var:L.Totp.FirstCode ?></label>
        <input type="text" id="code" name="code" autocomplete="one-time-code" inputmode="numeric" maxlength="32" required<?cs call:field_aria("code") ?>>
        <?cs call:field_error("code") ?>
      </div>
      <button type="submit" class="primary"><?cs var:L.Totp.Confirm ?></button>
    </form>
  </li>
</ol>
<?cs /if ?>
<?cs if:!Totp.Pending ?><p><a href="/account"><?cs var:L.Totp.BackAccount ?></a></p><?cs /if ?>
