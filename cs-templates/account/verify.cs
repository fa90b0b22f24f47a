<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# verify.cs: proving one's mobile number: the code sent by SMS typed in,
# or a new code asked for (page_verify.c). ?><?cs
include:"fields.cs" ?>
<h1><?cs var:L.Title.Verify ?></h1>
<?cs if:Verify.Mobile == "1" ?>
<p><?cs var:L.Verify.MobileDone ?></p>
<?cs elif:Verify.HasMobile == "1" ?>
<p><?cs var:L.Verify.CodeLead ?></p>
<form method="post" action="/account/verify/mobile/check" class="stack narrow">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
<?cs call:code_field() ?>
  <button type="submit" class="primary"><?cs var:L.Verify.Check ?></button>
</form>
<form method="post" action="/account/verify/mobile" class="stack narrow">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <button type="submit"><?cs var:L.Verify.SendCode ?></button>
</form>
<?cs else ?>
<p><?cs var:L.Verify.NoMobile ?></p>
<?cs /if ?>
<p><a href="/account"><?cs var:L.Verify.Back ?></a></p>
