<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# identity_confirm.cs: the confirmation after the identity provider's
# callback: who was checked (the name masked, the birth year) and the
# account it will be linked to; nothing is linked without the button
# (page_identity_confirm_form). ?>
<h1><?cs var:L.Title.IdentityConfirm ?></h1>
<p id="identity-confirm-lead"><?cs var:L.Identity.Confirm.Lead ?></p>
<dl class="facts">
  <dt><?cs var:L.Identity.Confirm.Name ?></dt><dd id="claim-name"><?cs var:Claim.Name ?></dd>
  <dt><?cs var:L.Identity.Confirm.BirthYear ?></dt><dd id="claim-birth-year"><?cs var:Claim.BirthYear ?></dd>
  <dt><?cs var:L.Identity.Confirm.Account ?></dt><dd id="claim-account"><?cs var:Claim.Account ?> (<?cs var:Claim.Login ?>)</dd>
</dl>
<form method="post" action="/account/identity/confirm" class="stack narrow">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <input type="hidden" name="nonce" value="<?cs var:Claim.nonce ?>">
  <button type="submit" class="primary"><?cs var:L.Identity.Confirm.Submit ?></button>
</form>
<p><a href="/account/identity"><?cs var:L.Identity.Confirm.Cancel ?></a></p>
