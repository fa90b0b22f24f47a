<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# repeat.cs: on the staff case page, the filer's earlier cases about the
# same matter (반복민원, found at filing) with their answers side by side,
# and similar answers of the reader's departments to reuse. ?><?cs
if:Repeat.nth ?>
  <section aria-labelledby="repeat-h" class="repeat">
    <h2 id="repeat-h"><?cs var:L.Repeat.Heading ?></h2>
    <p class="flash" id="repeat-flag"><?cs var:L.Repeat.Of ?> <a href="/staff/cases/<?cs var:Repeat.Earlier.0.tracking ?>"><?cs var:Repeat.Earlier.0.tracking ?></a><?cs if:Repeat.Earlier.0.answered ?> (<?cs var:L.Repeat.AnsweredOn ?> <?cs var:Repeat.Earlier.0.answered ?>)<?cs /if ?>, <?cs var:Repeat.nth ?> <?cs var:L.Repeat.Time ?></p>
    <table class="repeat-answers">
      <caption><?cs var:L.Repeat.Earlier ?></caption>
      <thead><tr><th scope="col"><?cs var:L.Repeat.Case ?></th><th scope="col"><?cs var:L.Repeat.Filed ?></th><th scope="col"><?cs var:L.Repeat.Answered ?></th><th scope="col"><?cs var:L.Repeat.Answer ?></th></tr></thead>
      <tbody>
<?cs each:e = Repeat.Earlier ?>
        <tr><th scope="row"><a href="/staff/cases/<?cs var:e.tracking ?>"><?cs var:e.tracking ?></a> <?cs var:e.title ?></th><td><?cs var:e.filed ?></td><td><?cs if:e.answered ?><?cs var:e.answered ?><?cs else ?><?cs var:L.Repeat.NotAnswered ?><?cs /if ?></td><td class="text"><?cs var:e.answer ?></td></tr>
<?cs /each ?>
      </tbody>
    </table>
  </section>
<?cs /if ?><?cs
if:subcount(SimilarAnswers) > 0 ?>
  <section aria-labelledby="similar-h" class="similar-answers">
    <h2 id="similar-h"><?cs var:L.Repeat.SimilarAnswers ?></h2>
    <p class="hint"><?cs var:L.Repeat.SimilarHint ?></p>
    <ul>
<?cs each:a = SimilarAnswers ?>
      <li><details><summary><a href="/staff/cases/<?cs var:a.tracking ?>"><?cs var:a.tracking ?></a> <?cs var:a.title ?> · <?cs var:a.answered ?></summary><p class="text"><?cs var:a.answer ?></p></details></li>
<?cs /each ?>
    </ul>
  </section>
<?cs /if ?>
