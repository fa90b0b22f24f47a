<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# debate_macros.cs: pieces of the debate pages (portal/debates.cs,
# portal/debate.cs, staff/debates.cs, the home page). ?><?cs

# A table of debates (rows from debate_list); base: the path a row's
# question links to ("/debates/" or "/staff/debates/"). ?><?cs
def:debate_table(caption, rows, base) ?>
<table class="cases debates">
  <caption class="visually-hidden"><?cs var:caption ?></caption>
  <thead><tr>
    <th scope="col"><?cs var:L.Debate.Question ?></th>
    <th scope="col"><?cs var:L.Debate.Department ?></th>
    <th scope="col"><?cs var:L.Debate.Period ?></th>
    <th scope="col"><?cs var:L.Debate.Participants ?></th>
    <th scope="col"><?cs var:L.Debate.Opinions ?></th>
  </tr></thead>
  <tbody><?cs
  each:b = rows ?>
    <tr>
      <td data-label="<?cs var:L.Debate.Question ?>"><a href="<?cs var:base ?><?cs var:b.id ?>"><?cs var:b.title ?></a><?cs if:b.summarized == "1" ?> <span class="tag"><?cs var:L.Debate.Summarized ?></span><?cs /if ?></td>
      <td data-label="<?cs var:L.Debate.Department ?>"><?cs var:b.department ?></td>
      <td data-label="<?cs var:L.Debate.Period ?>"><?cs var:b.opens ?> ~ <?cs var:b.closes ?></td>
      <td data-label="<?cs var:L.Debate.Participants ?>"><?cs var:b.sides ?></td>
      <td data-label="<?cs var:L.Debate.Opinions ?>"><?cs var:b.opinions ?></td>
    </tr><?cs
  /each ?>
  </tbody>
</table><?cs
/def ?><?cs

# The three lists of a debates page under headings of level h2. ?><?cs
def:debate_lists(base, list) ?>
<section aria-labelledby="debates-open">
  <h2 id="debates-open"><?cs var:L.Debate.Open ?></h2>
<?cs if:subcount(Debates.Open) > 0 ?><?cs call:debate_table(L.Debate.Open, Debates.Open, base) ?><?cs else ?>
  <p><?cs var:L.Debate.Empty ?></p><?cs /if ?>
</section>
<section aria-labelledby="debates-upcoming">
  <h2 id="debates-upcoming"><?cs var:L.Debate.Upcoming ?></h2>
<?cs if:subcount(Debates.Upcoming) > 0 ?><?cs call:debate_table(L.Debate.Upcoming, Debates.Upcoming, base) ?><?cs else ?>
  <p><?cs var:L.Debate.Empty ?></p><?cs /if ?>
</section>
<section aria-labelledby="debates-closed">
  <h2 id="debates-closed"><?cs var:L.Debate.Closed ?></h2>
<?cs if:subcount(Debates.Closed) > 0 ?><?cs call:debate_table(L.Debate.Closed, Debates.Closed, base) ?><?cs else ?>
  <p><?cs var:L.Debate.Empty ?></p><?cs /if ?>
<?cs call:pager(list + "?") ?>
</section><?cs
/def ?>
<?cs

# A debate's background files (Files.*), linked for download; detach: each
# with the staff's button that removes it (before the debate opens). ?><?cs
def:debate_files(detach) ?><?cs
  if:subcount(Files) > 0 ?>
  <h3><?cs var:L.Debate.Files ?></h3>
  <ul class="files"><?cs
    each:f = Files ?>
    <li><a href="/debates/attachments/<?cs var:f.id ?>"><?cs var:f.name ?></a> <span class="meta">(<?cs var:f.type ?>, <?cs var:f.size ?> B)</span><?cs
      if:detach ?>
      <form method="post" action="/staff/debates/<?cs var:Debate.id ?>/detach" class="inline">
        <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
        <input type="hidden" name="attachment_id" value="<?cs var:f.id ?>">
        <button type="submit" class="link" aria-label="<?cs var:L.Debate.Staff.Detach ?>: <?cs var:f.name ?>"><?cs var:L.Debate.Staff.Detach ?></button>
      </form><?cs
      /if ?></li><?cs
    /each ?>
  </ul><?cs
  /if ?><?cs
/def ?>
