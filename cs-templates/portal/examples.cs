<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# examples.cs: published example cases (처리 사례), newest first, each
# linking to its public case page with the answer. ?>
<h1><?cs var:L.Title.Examples ?></h1>
<p><?cs var:L.Examples.Lead ?></p>
<?cs if:subcount(Examples) > 0 ?>
<?cs each:e = Examples ?>
<article class="case example" aria-labelledby="ex-<?cs var:e.tracking ?>">
  <h2 id="ex-<?cs var:e.tracking ?>"><a href="/cases/<?cs var:e.tracking ?>"><?cs var:e.title ?></a></h2>
  <p class="meta"><?cs var:L.Col.Tracking ?>: <?cs var:e.tracking ?> · <?cs var:L.Examples.Category ?>: <?cs var:e.category ?><?cs
    if:e.department ?> · <?cs var:L.Examples.Department ?>: <?cs var:e.department ?><?cs /if ?> · <?cs var:L.Examples.Filed ?>: <?cs var:e.filed ?><?cs
    if:e.answered ?> · <?cs var:L.Examples.AnsweredOn ?>: <?cs var:e.answered ?><?cs /if ?></p>
  <p class="excerpt"><?cs var:e.excerpt ?></p>
</article>
<?cs /each ?>
<?cs call:pager("/examples?") ?>
<?cs else ?>
<p><?cs var:L.Examples.Empty ?></p>
<?cs /if ?>
<p><a href="/stats"><?cs var:L.Examples.Stats ?></a></p>
