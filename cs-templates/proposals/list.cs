<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# list.cs: the public list of policy proposals: search, category, sort,
# pages. ?><?cs
include:"case_macros.cs" ?><?cs include:"proposals/macros.cs" ?>
<h1><?cs var:L.Title.Proposals ?></h1>
<p><?cs var:L.Proposal.ListLead ?> <a class="button primary" href="/proposals/new"><?cs var:L.Proposal.Write ?></a></p>
<form method="get" action="/proposals" class="filters" role="search"><?cs
  call:filter_search(L.List.Search) ?><?cs
  call:filter_category(Filter.category) ?><?cs
  call:filter_names("sort", L.Proposal.Sort, L.Proposal.SortBy, Filter.sort, 0) ?>
  <button type="submit"><?cs var:L.List.Filter ?></button>
</form>
<p class="count"><?cs var:L.List.Total ?> <?cs var:Pager.Total ?></p>
<?cs if:subcount(Proposals) > 0 ?>
<?cs call:proposal_table(L.Title.Proposals, Proposals) ?>
<?cs else ?>
<p><?cs var:L.List.Empty ?></p>
<?cs /if ?>
<?cs call:pager("/proposals?q=" + url_escape(Filter.q) + "&category=" + Filter.category + "&sort=" + Filter.sort + "&") ?>
