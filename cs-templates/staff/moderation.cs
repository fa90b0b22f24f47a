<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# moderation.cs: the moderators' queue (게시물 관리): the items of their
# scope that are held (by reports or the word filter), reported, or
# objected to by their author (Queue.N, with Reports and Objections), each
# with its text (a private item's only on its audited review, q.review)
# and the form of decision: hide, delete, restore, dismiss. ?>
<h1><?cs var:L.Title.Moderation ?></h1>
<p><?cs if:Moderation.Review == "note" ?><?cs var:L.Moderation.NoteReviewLead ?><?cs elif:Moderation.Review ?><?cs var:L.Moderation.PrivateReviewLead ?><?cs else ?><?cs var:L.Moderation.QueueLead ?><?cs /if ?></p>
<?cs if:subcount(Queue) == 0 ?>
<p><?cs var:L.Moderation.Empty ?></p>
<?cs /if ?><?cs
each:q = Queue ?><?cs set:id = q.kind + "-" + q.id ?>
<article class="moderation-item" aria-labelledby="item-<?cs var:id ?>-h">
  <h2 id="item-<?cs var:id ?>-h"><?cs var:L.Moderation.Kind[q.kind] ?> · <a href="<?cs var:q.url ?>"><?cs var:q.title ?></a></h2>
  <dl class="facts">
    <dt><?cs var:L.Moderation.StateLabel ?></dt><dd><span class="tag"><?cs var:L.Moderation.StateName[q.moderation] ?></span><?cs if:q.moderation_reason ?> <?cs var:q.moderation_reason ?><?cs /if ?></dd>
    <dt><?cs var:L.Col.Department ?></dt><dd><?cs if:q.department ?><?cs var:q.department ?><?cs else ?><?cs var:L.Moderation.NoDepartment ?><?cs /if ?></dd>
    <dt><?cs var:L.Moderation.Author ?></dt><dd><?cs call:person(q.author) ?></dd>
    <dt><?cs var:L.Moderation.Weight ?></dt><dd><?cs var:q.weight ?> (<?cs var:q.reports ?>)</dd>
  </dl>
<?cs if:q.review ?>
  <p><a class="button" href="<?cs var:q.url ?>"><?cs if:q.kind == "note" ?><?cs var:L.Moderation.NoteReview ?><?cs else ?><?cs var:L.Moderation.PrivateReview ?><?cs /if ?></a></p><?cs
  else ?>
  <div class="text"><?cs var:q.text ?></div><?cs /if ?><?cs
  if:subcount(q.Reports) > 0 ?>
  <table class="cases">
    <caption><?cs var:L.Moderation.Reports ?></caption>
    <thead><tr>
      <th scope="col"><?cs var:L.Moderation.Reason ?></th>
      <th scope="col"><?cs var:L.Moderation.Note ?></th>
      <th scope="col"><?cs var:L.Moderation.Reporter ?></th>
      <th scope="col"><?cs var:L.Moderation.Weight ?></th>
      <th scope="col"><?cs var:L.Col.Date ?></th>
    </tr></thead>
    <tbody><?cs each:r = q.Reports ?>
      <tr>
        <td data-label="<?cs var:L.Moderation.Reason ?>"><?cs var:L.Moderation.Reasons[r.reason] ?></td>
        <td data-label="<?cs var:L.Moderation.Note ?>"><?cs var:r.note ?></td>
        <td data-label="<?cs var:L.Moderation.Reporter ?>"><?cs var:r.reporter ?></td>
        <td data-label="<?cs var:L.Moderation.Weight ?>"><?cs var:r.weight ?></td>
        <td data-label="<?cs var:L.Col.Date ?>"><?cs var:r.at ?></td>
      </tr><?cs /each ?>
    </tbody>
  </table><?cs
  /if ?><?cs
  if:subcount(q.Objections) > 0 ?>
  <h3><?cs var:L.Moderation.Objections ?></h3>
  <ul class="objections"><?cs each:o = q.Objections ?>
    <li><time><?cs var:o.at ?></time> <?cs var:o.text ?></li><?cs /each ?>
  </ul><?cs
  /if ?>
  <form method="post" action="/staff/moderation/<?cs var:q.kind ?>/<?cs var:q.id ?>" class="stack act" aria-labelledby="item-<?cs var:id ?>-d">
    <h3 id="item-<?cs var:id ?>-d"><?cs var:L.Moderation.Decide ?></h3>
    <input type="hidden" name="csrf" value="<?cs var:CSRF ?>"><?cs
    if:Decision.item == id ?>
    <p class="field-error" role="alert"><?cs var:L.Err.decision_reason ?></p><?cs
    /if ?>
    <div class="field">
      <label for="action-<?cs var:id ?>"><?cs var:L.Moderation.Action ?></label>
      <select id="action-<?cs var:id ?>" name="action"><?cs
      each:a = L.Moderation.Actions ?>
        <option value="<?cs name:a ?>"><?cs var:a ?></option><?cs
      /each ?>
      </select>
    </div>
    <div class="field">
      <label for="ground-<?cs var:id ?>"><?cs var:L.Moderation.Ground ?></label>
      <select id="ground-<?cs var:id ?>" name="ground">
        <option value=""><?cs var:L.Moderation.NoGround ?></option><?cs
      each:r = L.Moderation.Reasons ?>
        <option value="<?cs name:r ?>"><?cs var:r ?></option><?cs
      /each ?>
      </select>
    </div>
    <div class="field">
      <label for="reason-<?cs var:id ?>"><?cs var:L.Moderation.AuthorReason ?></label>
      <textarea id="reason-<?cs var:id ?>" name="reason" rows="2" maxlength="<?cs var:Moderation.ReasonMax ?>" aria-describedby="reason-<?cs var:id ?>-hint"></textarea>
      <p class="hint" id="reason-<?cs var:id ?>-hint"><?cs var:L.Moderation.AuthorReasonHint ?></p>
    </div>
    <button type="submit" class="primary"><?cs var:L.Moderation.Apply ?></button>
  </form>
</article><?cs
/each ?>
