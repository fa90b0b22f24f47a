<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# verify_email.cs: the link mailed to prove an e-mail address: a button
# (GET changes nothing: mail scanners open links), then "done" or "not
# valid" (page_verify.c). ?>
<h1><?cs var:L.Title.VerifyEmail ?></h1>
<?cs if:VerifyLink.State == "done" ?>
<p class="flash" role="status"><?cs var:L.Verify.EmailDone ?></p>
<?cs elif:VerifyLink.State == "invalid" ?>
<p class="flash error" role="alert"><?cs var:L.Verify.LinkInvalid ?></p>
<?cs else ?>
<p><?cs var:L.Verify.EmailLead ?></p>
<form method="post" action="/verify/email/<?cs var:url_escape(VerifyLink.Token) ?>" class="stack narrow">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <button type="submit" class="primary"><?cs var:L.Verify.EmailConfirm ?></button>
</form>
<?cs /if ?>
