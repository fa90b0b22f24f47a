<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# mine.cs: "My cases": every case of the signed-in citizen. ?>
<h1><?cs var:L.Title.MyCases ?></h1>
<p><a class="button primary" href="/cases/new"><?cs var:L.Nav.File ?></a>
  <a class="button" href="/account/notices"><?cs var:L.Notify.MineLink ?><?cs if:Notify.Unread > 0 ?> (<?cs var:L.Notify.UnreadCount ?> <?cs var:Notify.Unread ?>)<?cs /if ?></a></p>
<?cs if:subcount(Cases) > 0 ?>
<table class="cases">
  <caption class="visually-hidden"><?cs var:L.Title.MyCases ?></caption>
  <thead><tr>
    <th scope="col"><?cs var:L.Col.Tracking ?></th>
    <th scope="col"><?cs var:L.Col.Title ?></th>
    <th scope="col"><?cs var:L.Col.Category ?></th>
    <th scope="col"><?cs var:L.Col.Status ?></th>
    <th scope="col"><?cs var:L.Col.Visibility ?></th>
    <th scope="col"><?cs var:L.Col.Date ?></th>
  </tr></thead>
  <tbody>
<?cs each:c = Cases ?>
    <tr>
      <td data-label="<?cs var:L.Col.Tracking ?>"><?cs var:c.tracking ?></td>
      <td data-label="<?cs var:L.Col.Title ?>"><a href="/cases/<?cs var:c.tracking ?>"><?cs var:c.title ?></a></td>
      <td data-label="<?cs var:L.Col.Category ?>"><?cs var:c.category ?></td>
      <td data-label="<?cs var:L.Col.Status ?>"><?cs call:status(c.status) ?></td>
      <td data-label="<?cs var:L.Col.Visibility ?>"><?cs if:c.public == "1" ?><?cs var:L.Case.Public ?><?cs else ?><?cs var:L.Case.Private ?><?cs /if ?></td>
      <td data-label="<?cs var:L.Col.Date ?>"><?cs var:c.date ?></td>
    </tr>
<?cs /each ?>
  </tbody>
</table>
<?cs call:pager("/my/cases?") ?>
<?cs else ?>
<p><?cs var:L.List.NoneMine ?></p>
<?cs /if ?>
