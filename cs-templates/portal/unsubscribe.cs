<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# unsubscribe.cs: the one-click unsubscribe link of the digest mails
# (RFC 8058), no sign-in: what it does and its button, "done", "already
# off" or "not valid". The form has no CSRF token: the signed link is its
# authentication (page_unsubscribe.c). ?>
<h1><?cs var:L.Title.Unsubscribe ?></h1>
<?cs if:Unsub.State == "invalid" ?>
<p class="flash error" role="alert"><?cs var:L.Unsub.Invalid ?></p>
<?cs elif:Unsub.State == "done" ?>
<p class="flash" role="status"><?cs var:L.Unsub.Done ?></p>
<p><?cs var:L.Unsub.Again ?></p>
<?cs elif:Unsub.State == "off" ?>
<p class="flash" role="status"><?cs var:L.Unsub.Off ?></p>
<p><?cs var:L.Unsub.Again ?></p>
<?cs else ?>
<p><?cs var:L.Unsub.Lead ?></p>
<p><?cs var:L.Unsub.Still ?></p>
<form method="post" action="/unsubscribe/<?cs var:Unsub.Token ?>" class="stack narrow">
  <input type="hidden" name="List-Unsubscribe" value="One-Click">
  <button type="submit" class="primary"><?cs var:L.Unsub.Submit ?></button>
</form>
<?cs /if ?>
