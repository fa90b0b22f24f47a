<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# similar.cs: on the filing form, answered public cases and published
# examples similar to the complaint being written: the confirmation step
# without JavaScript (Similar.N, page_case.c), and the live region that
# similar.js fills while the citizen types. Each leads to the case's page,
# where "this is my problem too" follows it. ?><?cs
if:subcount(Similar) > 0 ?>
<section aria-labelledby="similar-h" class="similar" id="similar-step">
  <h2 id="similar-h"><?cs var:L.Similar.Heading ?></h2>
  <p><?cs var:L.Similar.Lead ?></p>
  <ul>
<?cs each:c = Similar ?>
    <li><a href="/cases/<?cs var:c.tracking ?>"><?cs var:c.tracking ?> <?cs var:c.title ?></a><?cs if:c.answered ?> · <?cs var:L.Similar.Answered ?> <?cs var:c.answered ?><?cs /if ?>
      <form method="post" action="/cases/<?cs var:c.tracking ?>/follow" class="inline">
        <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
        <input type="hidden" name="action" value="follow">
        <button type="submit"><?cs var:L.Follow.Me ?><span class="visually-hidden"> (<?cs var:c.tracking ?>)</span></button>
      </form></li>
<?cs /each ?>
  </ul>
  <p class="hint"><?cs var:L.Similar.StillFile ?><?cs if:Filing.FilesAgain ?> <strong><?cs var:L.Similar.FilesAgain ?></strong><?cs /if ?></p>
</section>
<?cs /if ?>
<div id="similar-live" class="similar" aria-live="polite" data-url="/cases/similar.json" data-heading="<?cs var:L.Similar.Heading ?>" data-lead="<?cs var:L.Similar.LiveLead ?>" data-answered="<?cs var:L.Similar.Answered ?>" hidden></div>
