<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# identity.cs: real-name identity (실명확인): the account's status, why a
# page sent the person here (Identity.Need), and the start of a check
# with its consent, or the withdrawal of that consent (page_identity.c). ?><?cs
include:"fields.cs" ?>
<h1><?cs var:L.Title.Identity ?></h1>
<?cs if:Identity.Need && !Identity.Verified ?><p class="flash error" role="alert" id="identity-need"><?cs var:L.Identity.Need[Identity.Need] ?></p>
<?cs /if ?><?cs if:Identity.Verified ?>
<p id="identity-status"><?cs var:L.Identity.Verified ?></p>
<dl class="facts">
  <dt><?cs var:L.Field.name ?></dt><dd><?cs var:Identity.Name ?></dd>
  <dt><?cs var:L.Identity.At ?></dt><dd><?cs var:Identity.At ?></dd>
</dl>
<h2><?cs var:L.Identity.WithdrawTitle ?></h2>
<p id="identity-withdraw-hint"><?cs var:L.Identity.WithdrawLead ?></p>
<?cs call:button_form("/account/identity/withdraw", "stack narrow", "csrf", CSRF, "", L.Identity.Withdraw) ?>
<?cs elif:Identity.Enabled ?>
<p id="identity-status"><?cs var:L.Identity.NotVerified ?></p>
<p><?cs var:L.Identity.Lead ?></p>
<form method="post" action="/account/identity/start" class="stack narrow">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <fieldset class="consent">
    <legend><?cs var:L.Identity.ConsentTitle ?></legend>
    <div class="consent-text" id="identity-consent-text">
      <p><?cs var:L.Identity.ConsentItems ?></p>
      <p><?cs var:L.Identity.ConsentPurpose ?></p>
      <p class="meta"><?cs var:L.Identity.ConsentVersion ?></p>
    </div>
    <div class="field check">
      <input type="checkbox" id="identity_consent" name="identity_consent" value="1" required<?cs if:Form.Err.identity_consent ?> aria-invalid="true" aria-describedby="identity-consent-text err-identity_consent"<?cs else ?> aria-describedby="identity-consent-text"<?cs /if ?>>
      <label for="identity_consent"><?cs var:L.Identity.ConsentLabel ?></label>
      <?cs call:field_error("identity_consent") ?>
    </div>
  </fieldset>
  <button type="submit" class="primary"><?cs var:L.Identity.Start ?></button>
</form>
<?cs else ?>
<p id="identity-status"><?cs var:L.Identity.Off ?></p>
<?cs /if ?>
<p><a href="/account"><?cs var:L.Identity.Back ?></a></p>
