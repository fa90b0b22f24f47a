<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# case_rows.cs: the table of public cases (home page and public list). ?>
<table class="cases">
  <caption class="visually-hidden"><?cs var:L.Title.PublicCases ?></caption>
  <thead><tr>
    <th scope="col"><?cs var:L.Col.Tracking ?></th>
    <th scope="col"><?cs var:L.Col.Title ?></th>
    <th scope="col"><?cs var:L.Col.Category ?></th>
    <th scope="col"><?cs var:L.Col.Status ?></th>
    <th scope="col"><?cs var:L.Col.Filer ?></th>
    <th scope="col"><?cs var:L.Col.Date ?></th>
  </tr></thead>
  <tbody>
<?cs each:c = Cases ?>
    <tr>
      <td data-label="<?cs var:L.Col.Tracking ?>"><?cs var:c.tracking ?></td>
      <td data-label="<?cs var:L.Col.Title ?>"><a href="/cases/<?cs var:c.tracking ?>"><?cs var:c.title ?></a></td>
      <td data-label="<?cs var:L.Col.Category ?>"><?cs var:c.category ?></td>
      <td data-label="<?cs var:L.Col.Status ?>"><?cs call:status(c.status) ?></td>
      <td data-label="<?cs var:L.Col.Filer ?>"><?cs var:c.filer ?></td>
      <td data-label="<?cs var:L.Col.Date ?>"><?cs var:c.date ?></td>
    </tr>
<?cs /each ?>
  </tbody>
</table>
