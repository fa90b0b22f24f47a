<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# identity_result.cs: a refused callback of the identity provider and
# why (Identity.Error: Invalid, Expired, OtherSession, Taken). ?>
<h1><?cs var:L.Title.Identity ?></h1>
<p class="flash error" role="alert" id="identity-error"><?cs var:L.Identity.Refused[Identity.Error] ?></p>
<p><a href="/account/identity"><?cs var:L.Identity.Again ?></a></p>
