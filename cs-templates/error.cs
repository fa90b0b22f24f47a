<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# error.cs: 400, 403, 404, 405, 413, 429, 500 and 503, in the user's language. ?>
<section class="error">
  <h1><?cs var:L.Title[Page.TitleKey] ?></h1>
<?cs if:Error.Detail ?>
  <p><?cs var:L.ErrorText[Error.Detail] ?></p>
<?cs else ?>
  <p><?cs var:L.ErrorText[Error.Status] ?></p>
<?cs /if ?>
  <p><a href="/"><?cs var:L.Nav.Home ?></a></p>
</section>
