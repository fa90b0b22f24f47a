<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# cases.cs: the handlers' inbox: views, filters and search, the list with
# deadlines, and bulk assign / transfer of the selected cases. ?><?cs
include:"case_macros.cs" ?>
<h1><?cs var:L.Title.StaffCases ?></h1>
<nav class="views" aria-label="<?cs var:L.Inbox.Views ?>">
  <ul>
<?cs each:v = L.Inbox.View ?><?cs if:name(v) != "unplaced" || Inbox.Unplaced ?>
    <li><a href="/staff/cases?view=<?cs name:v ?>"<?cs if:name(v) == Filter.view ?> aria-current="page"<?cs /if ?>><?cs var:v ?></a></li>
<?cs /if ?><?cs /each ?>
  </ul>
</nav>
<form method="get" action="/staff/cases" class="filters" role="search" aria-label="<?cs var:L.Inbox.FilterLabel ?>">
  <input type="hidden" name="view" value="<?cs var:Filter.view ?>">
<?cs
  call:filter_search(L.Inbox.Search) ?><?cs
  call:filter_names("status", L.Col.Status, L.Status, Filter.status, 1) ?><?cs
  call:filter_category(Filter.category) ?><?cs
  call:filter_names("channel", L.Inbox.ChannelLabel, L.Inbox.Channel, Filter.channel, 1) ?><?cs
  call:filter_date("from", L.Inbox.From, Filter.from) ?><?cs
  call:filter_date("to", L.Inbox.To, Filter.to) ?><?cs
  call:filter_names("sort", L.Inbox.SortLabel, L.Inbox.Sort, Filter.sort, 0) ?><?cs
  call:filter_names("dir", L.Inbox.DirLabel, L.Inbox.Dir, Filter.dir, 0) ?>
  <div class="field check">
    <input type="checkbox" id="overdue" name="overdue" value="1"<?cs if:Filter.overdue == "1" ?> checked<?cs /if ?>>
    <label for="overdue"><?cs var:L.Inbox.OverdueOnly ?></label>
  </div>
  <button type="submit"><?cs var:L.List.Filter ?></button>
</form>
<?cs if:?Bulk.Done ?>
<section class="bulk-result" role="status" aria-labelledby="bulk-result-h">
  <h2 id="bulk-result-h"><?cs var:L.Inbox.Bulk.Result ?></h2>
  <p><?cs var:L.Inbox.Bulk.Done ?> <?cs var:Bulk.Done ?> · <?cs var:L.Inbox.Bulk.Failed ?> <?cs var:Bulk.FailedCount ?></p>
<?cs if:subcount(Bulk.Failed) > 0 ?>
  <ul>
<?cs each:f = Bulk.Failed ?>
    <li><?cs var:f.item ?>: <?cs var:L.Act.Problem[f.problem] ?></li>
<?cs /each ?>
  </ul>
<?cs /if ?>
</section>
<?cs /if ?>
<p class="count"><?cs var:L.List.Total ?> <?cs var:Pager.Total ?><?cs if:Inbox.More ?>+ <span class="hint"><?cs var:L.InboxSearch.More ?></span><?cs /if ?></p>
<?cs if:subcount(Cases) > 0 ?>
<form method="post" action="/staff/cases/bulk" aria-labelledby="bulk-h">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <input type="hidden" name="view" value="<?cs var:Filter.view ?>">
  <input type="hidden" name="status" value="<?cs var:Filter.status ?>">
  <input type="hidden" name="category" value="<?cs var:Filter.category ?>">
  <input type="hidden" name="channel" value="<?cs var:Filter.channel ?>">
  <input type="hidden" name="from" value="<?cs var:Filter.from ?>">
  <input type="hidden" name="to" value="<?cs var:Filter.to ?>">
  <input type="hidden" name="overdue" value="<?cs var:Filter.overdue ?>">
  <input type="hidden" name="q" value="<?cs var:Filter.q ?>">
  <input type="hidden" name="sort" value="<?cs var:Filter.sort ?>">
  <input type="hidden" name="dir" value="<?cs var:Filter.dir ?>">
  <input type="hidden" name="page" value="<?cs var:Pager.Page ?>">
<?cs call:case_table(L.Inbox.View[Filter.view], Cases, "staff") ?>
  <?cs call:field_error("cases") ?>
  <fieldset class="bulk">
    <legend id="bulk-h"><?cs var:L.Inbox.Bulk.Title ?></legend>
<?cs if:Inbox.CanAssign ?>
    <div class="field">
      <label for="bulk-handler"><?cs var:L.Inbox.Bulk.Handler ?></label>
      <select id="bulk-handler" name="handler"<?cs call:field_aria("handler") ?>>
        <option value=""><?cs var:L.Field.choose ?></option>
<?cs each:p = Assignable ?>
        <option value="<?cs var:p.id ?>"<?cs if:p.id == Form.handler ?> selected<?cs /if ?>><?cs var:p.name ?> (<?cs var:p.department ?>)</option>
<?cs /each ?>
      </select>
      <?cs call:field_error("handler") ?>
    </div>
    <button type="submit" name="op" value="assign"><?cs var:L.Inbox.Bulk.Assign ?></button>
<?cs /if ?>
    <div class="field">
      <label for="bulk-department"><?cs var:L.Act.Field.department ?></label>
      <select id="bulk-department" name="department"<?cs call:field_aria("department") ?>>
        <option value=""><?cs var:L.Field.choose ?></option>
<?cs each:d = Departments ?><?cs if:d.active == "1" ?>
        <option value="<?cs var:d.id ?>"<?cs if:d.id == Form.department ?> selected<?cs /if ?>><?cs var:d.name ?></option>
<?cs /if ?><?cs /each ?>
      </select>
      <?cs call:field_error("department") ?>
    </div>
    <div class="field">
      <label for="bulk-reason"><?cs var:L.Act.Field.transfer ?></label>
      <textarea id="bulk-reason" name="reason" rows="3" maxlength="<?cs var:Limit.Reason ?>"<?cs call:field_aria("reason") ?>><?cs var:Form.reason ?></textarea>
      <?cs call:field_error("reason") ?>
    </div>
    <button type="submit" name="op" value="transfer"><?cs var:L.Act.Button.transfer ?></button>
  </fieldset>
</form>
<?cs else ?>
<p><?cs var:L.List.Empty ?></p>
<?cs /if ?>
<?cs call:pager("/staff/cases?view=" + url_escape(Filter.view) + "&status=" + url_escape(Filter.status)
  + "&category=" + url_escape(Filter.category) + "&channel=" + url_escape(Filter.channel)
  + "&from=" + url_escape(Filter.from) + "&to=" + url_escape(Filter.to) + "&overdue=" + url_escape(Filter.overdue)
  + "&q=" + url_escape(Filter.q) + "&sort=" + url_escape(Filter.sort) + "&dir=" + url_escape(Filter.dir) + "&") ?>
