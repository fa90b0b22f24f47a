<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# outbox.cs: the supervisor's view of the notifier's outbox (발송함):
# counts per state, a paged list filtered by state, and retry / cancel
# for the rows still waiting or failed. Recipients are partly masked. ?><?cs

def:outbox_state_link(st) ?><a class="button" href="/admin/outbox?state=<?cs var:st ?>"<?cs if:Outbox.State == st ?> aria-current="page"<?cs /if ?>><?cs var:L.Outbox.St[st] ?> (<?cs if:Outbox.Counts[st] ?><?cs var:Outbox.Counts[st] ?><?cs else ?>0<?cs /if ?>)</a><?cs
/def ?><?cs

# A button that POSTs to /admin/outbox/ID/verb (retry, cancel) for row o,
# keeping the list's state filter. ?><?cs
def:outbox_action(o, verb, label) ?>
        <form method="post" action="/admin/outbox/<?cs var:o.id ?>/<?cs var:verb ?>" class="inline">
          <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
          <input type="hidden" name="state" value="<?cs var:Outbox.State ?>">
          <button type="submit"><?cs var:label ?><span class="visually-hidden"> <?cs var:o.id ?></span></button>
        </form><?cs
/def ?>
<h1><?cs var:L.Title.AdminOutbox ?></h1>
<?cs include:"admin/org/nav.cs" ?>
<p><?cs var:L.Outbox.Lead ?></p>
<nav aria-label="<?cs var:L.Outbox.Filter ?>">
  <p class="actions">
    <a class="button" href="/admin/outbox"<?cs if:!Outbox.State ?> aria-current="page"<?cs /if ?>><?cs var:L.Outbox.Active ?></a>
    <?cs call:outbox_state_link("pending") ?>
    <?cs call:outbox_state_link("dead") ?>
    <?cs call:outbox_state_link("sent") ?>
    <?cs call:outbox_state_link("cancelled") ?>
  </p>
</nav>
<p class="count"><?cs var:L.Outbox.Total ?> <?cs var:Pager.Total ?></p>
<?cs if:subcount(Outbox.Rows) == 0 ?>
<p><?cs var:L.Outbox.Empty ?></p>
<?cs else ?>
<table class="cases">
  <caption class="visually-hidden"><?cs var:L.Title.AdminOutbox ?><?cs if:Outbox.State ?> (<?cs var:L.Outbox.St[Outbox.State] ?>)<?cs /if ?></caption>
  <thead><tr>
    <th scope="col"><?cs var:L.Outbox.Id ?></th>
    <th scope="col"><?cs var:L.Outbox.Channel ?></th>
    <th scope="col"><?cs var:L.Outbox.Recipient ?></th>
    <th scope="col"><?cs var:L.Outbox.Kind ?></th>
    <th scope="col"><?cs var:L.Outbox.Case ?></th>
    <th scope="col"><?cs var:L.Outbox.State ?></th>
    <th scope="col"><?cs var:L.Outbox.Attempts ?></th>
    <th scope="col"><?cs var:L.Outbox.Next ?></th>
    <th scope="col"><?cs var:L.Outbox.Error ?></th>
    <th scope="col"><?cs var:L.Outbox.Dlr ?></th>
    <th scope="col"><?cs var:L.Outbox.Actions ?></th>
  </tr></thead>
  <tbody>
<?cs each:o = Outbox.Rows ?>
    <tr>
      <td data-label="<?cs var:L.Outbox.Id ?>"><?cs var:o.id ?></td>
      <td data-label="<?cs var:L.Outbox.Channel ?>"><?cs alt:L.Outbox.Ch[o.channel] ?><?cs var:o.channel ?><?cs /alt ?></td>
      <td data-label="<?cs var:L.Outbox.Recipient ?>"><?cs var:o.recipient ?></td>
      <td data-label="<?cs var:L.Outbox.Kind ?>"><?cs var:o.kind ?></td>
      <td data-label="<?cs var:L.Outbox.Case ?>"><?cs if:o.tracking ?><a href="/staff/cases/<?cs var:o.tracking ?>"><?cs var:o.tracking ?></a><?cs /if ?></td>
      <td data-label="<?cs var:L.Outbox.State ?>"><?cs alt:L.Outbox.St[o.state] ?><?cs var:o.state ?><?cs /alt ?></td>
      <td data-label="<?cs var:L.Outbox.Attempts ?>"><?cs var:o.attempts ?></td>
      <td data-label="<?cs var:L.Outbox.Next ?>"><?cs if:o.state == "pending" ?><?cs var:o.next ?><?cs /if ?></td>
      <td data-label="<?cs var:L.Outbox.Error ?>"><?cs var:o.error ?></td>
      <td data-label="<?cs var:L.Outbox.Dlr ?>"><?cs var:o.dlr ?></td>
      <td data-label="<?cs var:L.Outbox.Actions ?>"><?cs if:o.actions ?><?cs
        call:outbox_action(o, "retry", L.Outbox.Retry) ?><?cs
        call:outbox_action(o, "cancel", L.Outbox.Cancel) ?><?cs /if ?></td>
    </tr>
<?cs /each ?>
  </tbody>
</table>
<?cs /if ?>
<?cs call:pager(Outbox.PagerBase) ?>
