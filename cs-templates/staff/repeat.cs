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
<?cs if:Closing.msg ?>    <p class="flash<?cs if:Closing.msg != "proposed" && Closing.msg != "approved" && Closing.msg != "returned" ?> error" role="alert<?cs else ?>" role="status<?cs /if ?>" id="repeat-msg"><?cs var:L.Repeat.Msg[Closing.msg] ?></p>
<?cs /if ?><?cs
if:Closing.status ?>
    <h3><?cs var:L.Repeat.Closing ?>: <?cs var:L.Repeat.ClosingStatus[Closing.status] ?></h3>
    <p class="hint"><?cs var:L.Repeat.ProposedBy ?> <?cs var:Closing.proposer ?> · <?cs var:Closing.proposed ?><?cs if:Closing.decider ?> · <?cs var:L.Repeat.DecidedBy ?> <?cs var:Closing.decider ?> · <?cs var:Closing.decided ?><?cs /if ?></p>
    <p class="text" id="repeat-notice"><?cs var:Closing.notice ?></p>
<?cs /if ?><?cs
if:Closing.can_decide ?>
    <form method="post" action="/staff/cases/<?cs var:Case.tracking ?>/repeat" class="inline">
      <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
      <button type="submit" name="action" value="approve"><?cs var:L.Repeat.Approve ?></button>
      <button type="submit" name="action" value="return"><?cs var:L.Repeat.Return ?></button>
    </form>
<?cs /if ?><?cs
if:Closing.can_propose ?>
    <form method="post" action="/staff/cases/<?cs var:Case.tracking ?>/repeat">
      <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
      <input type="hidden" name="action" value="propose">
      <label for="repeat-notice-text"><?cs var:L.Repeat.NoticeLabel ?></label>
      <p class="hint" id="repeat-notice-hint"><?cs var:L.Repeat.NoticeHint ?></p>
      <textarea id="repeat-notice-text" name="notice" rows="8" maxlength="<?cs var:Limit.Answer ?>" aria-describedby="repeat-notice-hint"><?cs
        var:L.Repeat.Notice.Start ?><?cs each:e = Repeat.Earlier ?><?cs if:e.answered ?> <?cs var:e.tracking ?> (<?cs var:e.answered ?>)<?cs /if ?><?cs /each ?><?cs
        var:L.Repeat.Notice.Middle ?> <?cs var:Case.tracking ?><?cs var:L.Repeat.Notice.End ?></textarea>
      <button type="submit"><?cs var:L.Repeat.Propose ?></button>
    </form>
<?cs /if ?>
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
