<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# cases.cs: the public list of public cases, filtered and searched. ?><?cs
include:"case_macros.cs" ?>
<h1><?cs var:L.Title.PublicCases ?></h1>
<form method="get" action="/cases" class="filters" role="search"><?cs
  call:filter_search(L.List.Search) ?><?cs
  call:filter_category(Filter.category) ?><?cs
  call:filter_names("status", L.Col.Status, L.Status, Filter.status, 1) ?>
  <button type="submit"><?cs var:L.List.Filter ?></button>
</form>
<p class="count"><?cs var:L.List.Total ?> <?cs var:Pager.Total ?></p>
<?cs if:subcount(Cases) > 0 ?><?cs
# case_macros.cs's case_table (kind "public") written out for this page,
# the most read list: a macro call or a comparison in each of its 20
# rows cost ClearSilver more than the row's own text (bench/README.md,
# issue 15). The reader (case_list_public_page) marks the rare rows
# instead: hidden (a title moderation took out of sight), closed (a
# filer who closed the account); col is L.Col, looked up once. The same
# bytes as case_table, with status and person of macros.cs. ?>

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
  <tbody><?cs
  with:col = L.Col ?><?cs
  each:c = Cases ?>
    <tr>
      <td data-label="<?cs var:col.Tracking ?>"><?cs var:c.tracking ?></td>
      <td data-label="<?cs var:col.Title ?>"><a href="/cases/<?cs var:c.tracking ?>"><?cs if:c.hidden ?><?cs var:L.Moderation.TitleHidden ?><?cs else ?><?cs var:c.title ?><?cs /if ?></a></td>
      <td data-label="<?cs var:col.Category ?>"><?cs var:c.category ?></td>
      <td data-label="<?cs var:col.Status ?>"><span class="status status-<?cs var:c.status ?>"><?cs var:L.Status[c.status] ?></span></td>
      <td data-label="<?cs var:col.Filer ?>"><?cs if:c.closed ?><?cs var:L.FormerMember ?><?cs else ?><?cs var:c.filer ?><?cs /if ?></td>
      <td data-label="<?cs var:col.Date ?>"><?cs var:c.date ?></td>
    </tr><?cs
  /each ?><?cs
  /with ?>
  </tbody>
</table>
<?cs else ?>
<p><?cs var:L.List.Empty ?></p>
<?cs /if ?>
<?cs call:pager("/cases?q=" + url_escape(Filter.q) + "&category=" + Filter.category + "&status=" + Filter.status + "&") ?>
