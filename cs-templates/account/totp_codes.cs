<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# totp_codes.cs: the ten recovery codes, shown this once after the
# enrolment (only their hashes are kept) (page_totp.c). ?>
<h1><?cs var:L.Totp.CodesTitle ?></h1>
<p><?cs var:L.Totp.CodesIntro ?></p>
<ul class="recovery-codes">
<?cs each:c = Totp.Codes ?>  <li><code><?cs var:c ?></code></li>
<?cs /each ?></ul>
<p><a class="button primary" href="<?cs var:Totp.Next ?>"><?cs var:L.Totp.Continue ?></a></p>
