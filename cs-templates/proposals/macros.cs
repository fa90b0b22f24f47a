<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# macros.cs: what the proposal pages share: a state's badge, the support
# bar, the table of proposals (the list and the home page). ?><?cs

# A proposal's state as a labelled badge. ?><?cs
def:proposal_state(s) ?><span class="status proposal-<?cs var:s ?>"><?cs var:L.Proposal.State[s] ?></span><?cs
/def ?><?cs

# The support bar of p (supports, threshold, percent, bar: the supports
# up to the threshold): a progress
# element, drawn by the browser without script, named by its text. ?><?cs
def:support_bar(p, id) ?>
  <div class="support">
    <progress id="<?cs var:id ?>" max="<?cs var:p.threshold ?>" value="<?cs var:p.bar ?>" aria-labelledby="<?cs var:id ?>-text"><?cs var:p.percent ?>%</progress>
    <span id="<?cs var:id ?>-text"><?cs var:L.Proposal.Supports ?> <?cs var:p.supports ?> / <?cs var:p.threshold ?> (<?cs var:p.percent ?>%)</span>
  </div><?cs
/def ?><?cs

# A table of proposals (rows: id, title, category, state, supports,
# threshold, percent, date, closes). ?><?cs
def:proposal_table(caption, rows) ?>
<table class="cases proposals">
  <caption class="visually-hidden"><?cs var:caption ?></caption>
  <thead><tr>
    <th scope="col"><?cs var:L.Col.Title ?></th>
    <th scope="col"><?cs var:L.Col.Category ?></th>
    <th scope="col"><?cs var:L.Col.Status ?></th>
    <th scope="col"><?cs var:L.Proposal.Supports ?></th>
    <th scope="col"><?cs var:L.Col.Date ?></th>
    <th scope="col"><?cs var:L.Proposal.Closes ?></th>
  </tr></thead>
  <tbody><?cs
  each:p = rows ?>
    <tr>
      <td data-label="<?cs var:L.Col.Title ?>"><a href="/proposals/<?cs var:p.id ?>"><?cs var:p.title ?></a></td>
      <td data-label="<?cs var:L.Col.Category ?>"><?cs var:p.category ?></td>
      <td data-label="<?cs var:L.Col.Status ?>"><?cs call:proposal_state(p.state) ?></td>
      <td data-label="<?cs var:L.Proposal.Supports ?>"><?cs var:p.supports ?> / <?cs var:p.threshold ?></td>
      <td data-label="<?cs var:L.Col.Date ?>"><?cs var:p.date ?></td>
      <td data-label="<?cs var:L.Proposal.Closes ?>"><?cs var:p.closes ?></td>
    </tr><?cs
  /each ?>
  </tbody>
</table><?cs
/def ?>
