<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?>
<?cs # login_id.cs: the login ID asked for on /forgot-id (lib/auth/verify.c; see README). ?>
<?cs include:"mail/common.cs" ?><?cs set:MyUrl = Site.base_url + "/login" ?><?cs
if:Part == "subject" ?><?cs call:subject(L.Mail.login_id.Subject) ?><?cs
elif:Part == "text" ?><?cs call:greeting() ?>

<?cs var:L.Mail.login_id.Lead ?> <?cs var:Notice.login ?>

<?cs call:facts() ?>
<?cs call:text_link(MyUrl, L.Mail.login_id.Link) ?>
<?cs call:text_close() ?><?cs
else ?><?cs call:html_open(L.Mail.login_id.Subject) ?>
<p><?cs var:L.Mail.login_id.Lead ?> <strong><?cs var:Notice.login ?></strong></p>
<table cellpadding="4" cellspacing="0" style="border-collapse:collapse">
<?cs call:facts() ?></table>
<?cs call:html_link(MyUrl, L.Mail.login_id.Link) ?><?cs call:html_close() ?><?cs /if ?>
