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
<?cs if:subcount(Cases) > 0 ?>
<?cs call:case_table(L.Title.PublicCases, Cases, "public") ?>
<?cs else ?>
<p><?cs var:L.List.Empty ?></p>
<?cs /if ?>
<?cs call:pager("/cases?q=" + url_escape(Filter.q) + "&category=" + Filter.category + "&status=" + Filter.status + "&") ?>
