<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# settings.cs: change password, e-mail and mobile number (asking for the
# password), and how notices are sent (e-mail, SMS, staff's daily digest).
# While a password an administrator set waits to be changed
# (Account.MustChange) only the password form is shown. ?><?cs
include:"fields.cs" ?>
<h1><?cs var:L.Title.Account ?></h1>
<dl class="facts">
  <dt><?cs var:L.Field.login_id ?></dt><dd><?cs var:Account.Login ?></dd>
  <dt><?cs var:L.Field.name ?></dt><dd><?cs var:Account.Name ?></dd>
</dl>
<?cs if:!Account.MustChange ?>
<section>
  <h2><?cs var:L.Account.Contact ?></h2>
  <form method="post" action="/account/contact" class="stack narrow">
    <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
<?cs if:Account.EmailFailing ?>    <p class="error" id="email-failing"><?cs var:L.Mail.Failing ?></p>
<?cs /if ?><?cs call:email_field(L.Field.email) ?><?cs call:mobile_field() ?>
    <div class="field">
      <label for="contact_password"><?cs var:L.Field.current ?></label>
      <input type="password" id="contact_password" name="contact_password" autocomplete="current-password" required<?cs call:field_aria_hint("contact_password", "contact_password-hint") ?>>
      <p class="hint" id="contact_password-hint"><?cs var:L.Hint.contact_password ?></p>
      <?cs call:field_error("contact_password") ?>
    </div>
    <button type="submit"><?cs var:L.Button.Save ?></button>
  </form>
</section>
<section id="verify" aria-labelledby="verify-h">
  <h2 id="verify-h"><?cs var:L.Verify.Heading ?></h2>
  <p class="hint"><?cs var:L.Verify.Why ?></p>
  <ul>
    <li id="verify-email"><?cs var:L.Field.email ?>: <?cs if:Verify.Email == "1" ?><?cs var:L.Verify.Yes ?><?cs else ?><?cs var:L.Verify.No ?>
      <form method="post" action="/account/verify/email" class="inline">
        <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
        <button type="submit"><?cs var:L.Verify.SendLink ?></button>
      </form><?cs /if ?></li>
<?cs if:Verify.HasMobile == "1" ?>
    <li id="verify-mobile"><?cs var:L.Field.mobile ?>: <?cs if:Verify.Mobile == "1" ?><?cs var:L.Verify.Yes ?><?cs else ?><?cs var:L.Verify.No ?> <a href="/account/verify"><?cs var:L.Verify.EnterCode ?></a><?cs /if ?></li>
<?cs /if ?>
  </ul>
</section>
<?cs if:Notify.Show ?>
<section aria-labelledby="notify-h">
  <h2 id="notify-h"><?cs var:L.Notify.Prefs ?></h2>
  <p class="hint"><?cs var:L.Notify.PrefsLead ?> <a href="/account/notices"><?cs var:L.Notify.MineLink ?></a></p>
  <form method="post" action="/account/notify" class="stack narrow">
    <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
    <div class="field check">
      <input type="checkbox" id="notify_email" name="notify_email" value="1"<?cs if:Form.notify_email == "1" ?> checked<?cs /if ?><?cs call:field_aria("notify_email") ?>>
      <label for="notify_email"><?cs var:L.Notify.Email ?></label>
      <?cs call:field_error("notify_email") ?>
    </div>
    <div class="field check">
      <input type="checkbox" id="notify_sms" name="notify_sms" value="1"<?cs if:Form.notify_sms == "1" ?> checked<?cs /if ?><?cs if:!Notify.HasMobile && !Form.Err.notify_sms ?> disabled<?cs /if ?> aria-describedby="notify_sms-hint<?cs if:Form.Err.notify_sms ?> err-notify_sms<?cs /if ?>"<?cs if:Form.Err.notify_sms ?> aria-invalid="true"<?cs /if ?>>
      <label for="notify_sms"><?cs if:Notify.Staff ?><?cs var:L.Notify.StaffSms ?><?cs else ?><?cs var:L.Notify.Sms ?><?cs /if ?></label>
      <p class="hint" id="notify_sms-hint"><?cs if:Notify.HasMobile ?><?cs var:L.Notify.SmsHint ?><?cs else ?><?cs var:L.Notify.SmsNoMobile ?><?cs /if ?></p>
      <?cs call:field_error("notify_sms") ?>
    </div>
<?cs if:Notify.Staff ?>
    <div class="field check">
      <input type="checkbox" id="notify_digest" name="notify_digest" value="1"<?cs if:Form.notify_digest == "1" ?> checked<?cs /if ?> aria-describedby="notify_digest-hint<?cs if:Form.Err.notify_digest ?> err-notify_digest<?cs /if ?>"<?cs if:Form.Err.notify_digest ?> aria-invalid="true"<?cs /if ?>>
      <label for="notify_digest"><?cs var:L.Notify.Digest ?></label>
      <p class="hint" id="notify_digest-hint"><?cs var:L.Notify.DigestHint ?></p>
      <?cs call:field_error("notify_digest") ?>
    </div>
<?cs else ?>
    <?cs call:field_error("notify_digest") ?>
<?cs /if ?>
    <button type="submit"><?cs var:L.Notify.Save ?></button>
  </form>
</section>
<?cs /if ?>
<?cs /if ?>
<?cs if:Mileage.Offer ?>
<section id="mileage-ranking" aria-labelledby="mileage-h">
  <h2 id="mileage-h"><?cs var:L.Mileage.OptInTitle ?></h2>
  <form method="post" action="/account/mileage" class="stack narrow">
    <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
    <div class="field check">
      <input type="checkbox" id="mileage_public" name="mileage_public" value="1"<?cs if:Mileage.Public ?> checked<?cs /if ?> aria-describedby="mileage_public-hint">
      <label for="mileage_public"><?cs var:L.Mileage.OptIn ?></label>
      <p class="hint" id="mileage_public-hint"><?cs var:L.Mileage.OptInHint ?></p>
    </div>
    <button type="submit"><?cs var:L.Mileage.Save ?></button>
  </form>
</section>
<?cs /if ?>
<?cs if:!Account.MustChange ?>
<section id="identity" aria-labelledby="identity-h">
  <h2 id="identity-h"><?cs var:L.Identity.Section ?></h2>
  <p><?cs if:Identity.At ?><?cs var:L.Identity.Verified ?> (<?cs var:Identity.At ?>)<?cs else ?><?cs var:L.Identity.NotVerified ?><?cs /if ?> <a href="/account/identity"><?cs var:L.Identity.Link ?></a></p>
<?cs if:subcount(Consents) ?>
  <table id="consents">
    <caption><?cs var:L.Consents.Title ?></caption>
    <thead><tr><th scope="col"><?cs var:L.Consents.Kind ?></th><th scope="col"><?cs var:L.Consents.Version ?></th><th scope="col"><?cs var:L.Consents.Given ?></th><th scope="col"><?cs var:L.Consents.At ?></th></tr></thead>
    <tbody><?cs each:c = Consents ?>
      <tr><td><?cs var:L.Consents.Kinds[c.kind] ?></td><td><?cs var:c.version ?></td><td><?cs if:c.given == "1" ?><?cs var:L.Consents.Yes ?><?cs else ?><?cs var:L.Consents.Withdrawn ?><?cs /if ?><?cs if:c.agent ?> (<?cs var:L.Consents.By ?> <?cs var:c.agent ?>)<?cs /if ?></td><td><?cs var:c.at ?></td></tr><?cs /each ?>
    </tbody>
  </table>
<?cs /if ?><?cs if:subcount(Withdrawable) ?>
  <h3><?cs var:L.Rights.ConsentOptional ?></h3>
  <ul class="plain"><?cs each:c = Withdrawable ?>
    <li><form method="post" action="/account/consent/withdraw" class="inline">
      <input type="hidden" name="csrf" value="<?cs var:CSRF ?>"><input type="hidden" name="kind" value="<?cs var:c.kind ?>">
      <?cs var:L.Consents.Kinds[c.kind] ?> (<?cs var:c.version ?>)
      <button type="submit" class="link" aria-label="<?cs var:L.Rights.ConsentWithdraw ?>: <?cs var:L.Consents.Kinds[c.kind] ?>"><?cs var:L.Rights.ConsentWithdraw ?></button>
    </form></li><?cs /each ?>
  </ul><?cs /if ?>
</section>
<?cs /if ?>
<section aria-labelledby="rights-h">
  <h2 id="rights-h"><?cs var:L.Rights.Section ?></h2>
  <ul class="plain">
    <li><a href="/account/data" id="my-data-link"><?cs var:L.Rights.DataLink ?></a></li>
    <li><a href="/account/delete" id="account-delete-link"><?cs var:L.Rights.DeleteLink ?></a></li>
  </ul>
</section>
<section>
  <h2><?cs var:L.Totp.Setup ?></h2>
  <p><a href="/account/2fa"><?cs var:L.Totp.SetupLink ?></a></p>
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
<?cs call:new_password_fields(L.Field.new_password) ?>
    <button type="submit"><?cs var:L.Button.ChangePassword ?></button>
  </form>
</section>
