<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# cases.cs: the staff list of received cases, newest first. ?>
<h1><?cs var:L.Title.StaffCases ?></h1>
<p class="count"><?cs var:L.List.Total ?> <?cs var:Pager.Total ?></p>
<table class="cases">
  <caption class="visually-hidden"><?cs var:L.Title.StaffCases ?></caption>
  <thead><tr>
    <th scope="col"><?cs var:L.Col.Tracking ?></th>
    <th scope="col"><?cs var:L.Col.Title ?></th>
    <th scope="col"><?cs var:L.Col.Category ?></th>
    <th scope="col"><?cs var:L.Col.Department ?></th>
    <th scope="col"><?cs var:L.Col.Status ?></th>
    <th scope="col"><?cs var:L.Col.Filer ?></th>
    <th scope="col"><?cs var:L.Col.Filed ?></th>
  </tr></thead>
  <tbody>
<?cs each:c = Cases ?>
    <tr>
      <td data-label="<?cs var:L.Col.Tracking ?>"><?cs var:c.tracking ?></td>
      <td data-label="<?cs var:L.Col.Title ?>"><a href="/staff/cases/<?cs var:c.tracking ?>"><?cs var:c.title ?></a><?cs if:c.public != "1" ?> <span class="tag"><?cs var:L.Case.Private ?></span><?cs /if ?></td>
      <td data-label="<?cs var:L.Col.Category ?>"><?cs var:c.category ?></td>
      <td data-label="<?cs var:L.Col.Department ?>"><?cs var:c.department ?></td>
      <td data-label="<?cs var:L.Col.Status ?>"><?cs call:status(c.status) ?></td>
      <td data-label="<?cs var:L.Col.Filer ?>"><?cs var:c.filer ?></td>
      <td data-label="<?cs var:L.Col.Filed ?>"><?cs var:c.date ?></td>
    </tr>
<?cs /each ?>
  </tbody>
</table>
<?cs call:pager("/staff/cases?") ?>
