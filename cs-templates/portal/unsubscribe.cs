<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# unsubscribe.cs: the one-click unsubscribe link of the digest mails
# (RFC 8058), no sign-in: what it does and its button, "done", "already
# off" or "not valid". The form has no CSRF token: the signed link is its
# authentication (page_unsubscribe.c). ?>
<?cs include:"fields.cs" ?>
<h1><?cs var:L.Title.Unsubscribe ?></h1>
<?cs if:Unsub.State == "invalid" ?>
<p class="flash error" role="alert"><?cs var:L.Unsub.Invalid ?></p>
<?cs elif:Unsub.State == "done" || Unsub.State == "off" ?>
<p class="flash" role="status"><?cs if:Unsub.State == "done" ?><?cs var:L.Unsub.Done ?><?cs else ?><?cs var:L.Unsub.Off ?><?cs /if ?></p>
<p><?cs var:L.Unsub.Again ?></p>
<?cs else ?>
<p><?cs var:L.Unsub.Lead ?></p>
<p><?cs var:L.Unsub.Still ?></p>
<?cs call:button_form("/unsubscribe/" + Unsub.Token, "stack narrow", "List-Unsubscribe", "One-Click", "primary", L.Unsub.Submit) ?>
<?cs /if ?>
