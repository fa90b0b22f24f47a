<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# audit.cs: the audit log, newest first, filtered and paged, with the
# same rows as a CSV download. Read only. ?><?cs
include:"fields.cs" ?><?cs
include:"admin/org/fields.cs" ?>
<h1><?cs var:L.Title.AdminAudit ?></h1>
<?cs include:"admin/org/nav.cs" ?>
<p><?cs var:L.Admin.Audit.Lead ?></p>
<h2 id="filter-h"><?cs var:L.Admin.Audit.Filter ?></h2>
<form method="get" action="/admin/audit" class="stack" aria-labelledby="filter-h">
  <div class="row">
<?cs call:word_filter("login", L.Admin.Audit.Login, 32) ?>
    <div class="field">
      <label for="object_type"><?cs var:L.Admin.Audit.Type ?></label>
      <select id="object_type" name="object_type"<?cs call:field_aria("object_type") ?>>
        <option value=""><?cs var:L.Admin.Audit.Any ?></option>
<?cs each:t = AuditTypes ?>
        <option value="<?cs var:t.name ?>"<?cs if:t.name == Form.object_type ?> selected<?cs /if ?>><?cs alt:L.Admin.Obj[t.name] ?><?cs var:t.name ?><?cs /alt ?></option>
<?cs /each ?>
      </select>
      <?cs call:field_error("object_type") ?>
    </div>
<?cs call:word_filter("action", L.Admin.Audit.Action, 64) ?>
  </div>
  <div class="row">
<?cs call:date_filter("from", L.Admin.Audit.From) ?><?cs
call:date_filter("to", L.Admin.Audit.To) ?>
  </div>
  <button type="submit" class="primary"><?cs var:L.Admin.Audit.Search ?></button>
</form>
<p><a class="button" href="<?cs var:Filter.Csv ?>" download><?cs var:L.Admin.Audit.Csv ?></a></p>
<p class="count"><?cs var:L.Admin.Audit.Total ?> <?cs var:Pager.Total ?></p>
<?cs if:subcount(Audit) == 0 ?>
<p><?cs var:L.Admin.Audit.Empty ?></p>
<?cs else ?>
<table class="cases">
  <caption class="visually-hidden"><?cs var:L.Title.AdminAudit ?></caption>
  <thead><tr>
    <th scope="col"><?cs var:L.Admin.Audit.At ?></th>
    <th scope="col"><?cs var:L.Admin.Audit.Action ?></th>
    <th scope="col"><?cs var:L.Admin.Audit.Account ?></th>
    <th scope="col"><?cs var:L.Admin.Audit.Object ?></th>
    <th scope="col"><?cs var:L.Admin.Audit.Detail ?></th>
    <th scope="col"><?cs var:L.Admin.Audit.Addr ?></th>
  </tr></thead>
  <tbody>
<?cs each:e = Audit ?>
    <tr>
      <td data-label="<?cs var:L.Admin.Audit.At ?>"><?cs var:e.at ?></td>
      <td data-label="<?cs var:L.Admin.Audit.Action ?>"><?cs alt:L.Admin.Act[e.action] ?><?cs var:e.action ?><?cs /alt ?></td>
      <td data-label="<?cs var:L.Admin.Audit.Account ?>"><?cs if:e.login ?><?cs var:e.login ?> (<?cs var:e.name ?>)<?cs else ?><?cs var:L.Admin.Audit.System ?><?cs /if ?></td>
      <td data-label="<?cs var:L.Admin.Audit.Object ?>"><?cs alt:L.Admin.Obj[e.object_type] ?><?cs var:e.object_type ?><?cs /alt ?> <?cs var:e.object_id ?></td>
      <td data-label="<?cs var:L.Admin.Audit.Detail ?>"><?cs var:e.detail ?></td>
      <td data-label="<?cs var:L.Admin.Audit.Addr ?>"><?cs var:e.addr ?></td>
    </tr>
<?cs /each ?>
  </tbody>
</table>
<?cs /if ?>
<?cs call:pager(Filter.PagerBase) ?>
