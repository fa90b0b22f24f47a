<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# open311.cs: the Open311 API's client keys (supervisors): a new key shown
# once, the form for another, and the list with last use and revoke. ?><?cs
include:"fields.cs" ?>
<h1><?cs var:L.Title.AdminOpen311 ?></h1>
<?cs include:"admin/org/nav.cs" ?>
<p><?cs var:L.Open311.Lead ?></p>
<?cs if:Open311.NewKey ?>
<div class="flash" role="status">
  <p><?cs var:L.Open311.NewKeyFor ?> <strong><?cs var:Open311.NewName ?></strong></p>
  <p><code id="open311-key"><?cs var:Open311.NewKey ?></code></p>
  <p><?cs var:L.Open311.ShownOnce ?></p>
</div>
<?cs /if ?>
<h2><?cs var:L.Open311.New ?></h2>
<form method="post" action="/admin/open311">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <?cs call:form_errors() ?>
  <?cs call:text_input_field("name", L.Open311.Name, Open311.NameMax, "") ?>
  <?cs call:number_input_field("rate", L.Open311.Rate, 1, Open311.RateMax, "rate-hint", L.Open311.RateHint) ?>
  <p><button type="submit"><?cs var:L.Open311.Create ?></button></p>
</form>
<h2><?cs var:L.Open311.Clients ?></h2>
<?cs if:subcount(Open311.Clients) == 0 ?>
<p><?cs var:L.Open311.None ?></p>
<?cs else ?>
<table class="cases">
  <caption class="visually-hidden"><?cs var:L.Open311.Clients ?></caption>
  <thead><tr>
    <th scope="col"><?cs var:L.Open311.Name ?></th>
    <th scope="col"><?cs var:L.Open311.Prefix ?></th>
    <th scope="col"><?cs var:L.Open311.Rate ?></th>
    <th scope="col"><?cs var:L.Open311.Used ?></th>
    <th scope="col"><?cs var:L.Open311.LastUsed ?></th>
    <th scope="col"><?cs var:L.Open311.Created ?></th>
    <th scope="col"><?cs var:L.Open311.State ?></th>
  </tr></thead>
  <tbody>
<?cs each:c = Open311.Clients ?>
    <tr>
      <td data-label="<?cs var:L.Open311.Name ?>"><?cs var:c.name ?></td>
      <td data-label="<?cs var:L.Open311.Prefix ?>"><code><?cs var:c.prefix ?>…</code></td>
      <td data-label="<?cs var:L.Open311.Rate ?>"><?cs var:c.rate ?></td>
      <td data-label="<?cs var:L.Open311.Used ?>"><?cs var:c.used ?></td>
      <td data-label="<?cs var:L.Open311.LastUsed ?>"><?cs if:c.last_used ?><?cs var:c.last_used ?><?cs else ?><?cs var:L.Open311.Never ?><?cs /if ?></td>
      <td data-label="<?cs var:L.Open311.Created ?>"><?cs var:c.created ?><?cs if:c.creator ?> (<?cs var:c.creator ?>)<?cs /if ?></td>
      <td data-label="<?cs var:L.Open311.State ?>"><?cs if:c.revoked ?><?cs var:L.Open311.Revoked ?> <?cs var:c.revoked ?><?cs else ?>
        <form method="post" action="/admin/open311/<?cs var:c.id ?>/revoke" class="inline">
          <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
          <button type="submit"><?cs var:L.Open311.Revoke ?><span class="visually-hidden"> <?cs var:c.name ?></span></button>
        </form><?cs /if ?></td>
    </tr>
<?cs /each ?>
  </tbody>
</table>
<?cs /if ?>
