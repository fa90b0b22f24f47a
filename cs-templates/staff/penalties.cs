<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# penalties.cs: penalties for global moderators and supervisors: the form
# that applies the next step of the ladder to a citizen, the list (pending
# objections first) with lifting and rejecting an objection. ?><?cs
include:"fields.cs" ?><?cs include:"penalty_macros.cs" ?>
<h1><?cs var:L.Title.Penalties ?></h1>
<p class="lead"><?cs var:L.Mileage.StaffLead ?></p>
<?cs call:form_errors() ?>
<section aria-labelledby="h-apply">
  <h2 id="h-apply"><?cs var:L.Mileage.Apply ?></h2>
  <form method="post" action="/staff/penalties" class="stack narrow">
    <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
    <div class="field">
      <label for="login"><?cs var:L.Mileage.Login ?></label>
      <input type="text" id="login" name="login" maxlength="32" required value="<?cs if:!Form.penalty ?><?cs var:Form.login ?><?cs /if ?>"<?cs call:field_aria("login") ?>>
      <?cs call:field_error("login") ?>
    </div>
    <div class="field">
      <label for="reason"><?cs var:L.Mileage.Reason.Label ?></label>
      <input type="text" id="reason" name="reason" maxlength="166" required value="<?cs if:!Form.penalty ?><?cs var:Form.reason ?><?cs /if ?>"<?cs if:!Form.penalty ?><?cs call:field_aria("reason") ?><?cs /if ?>>
      <?cs if:!Form.penalty ?><?cs call:field_error("reason") ?><?cs /if ?>
    </div>
    <div class="row">
      <div class="field">
        <label for="kind"><?cs var:L.Mileage.ItemKind ?></label>
        <select id="kind" name="kind"<?cs call:field_aria("kind") ?>>
          <option value=""><?cs var:L.Mileage.NoItem ?></option>
<?cs each:k = L.Mileage.Kind ?>
          <option value="<?cs name:k ?>"<?cs if:Form.kind == name(k) ?> selected<?cs /if ?>><?cs var:k ?></option>
<?cs /each ?>
        </select>
        <?cs call:field_error("kind") ?>
      </div>
      <div class="field">
        <label for="item"><?cs var:L.Mileage.ItemId ?></label>
        <input type="text" id="item" name="item" inputmode="numeric" maxlength="13" value="<?cs var:Form.item ?>"<?cs call:field_aria("item") ?>>
        <?cs call:field_error("item") ?>
      </div>
    </div>
    <p class="hint"><?cs var:L.Mileage.LadderHint ?></p>
    <button type="submit" class="primary"><?cs var:L.Mileage.ApplyButton ?></button>
  </form>
</section>
<section aria-labelledby="h-list">
  <h2 id="h-list"><?cs var:L.Mileage.List ?> <span class="count">(<?cs var:PenaltiesTotal ?>)</span></h2>
  <p><?cs if:Filter.objections ?><a href="/staff/penalties"><?cs var:L.Mileage.ShowAll ?></a><?cs else ?><a href="/staff/penalties?objections=1"><?cs var:L.Mileage.ShowObjections ?> (<?cs var:ObjectionsPending ?>)</a><?cs /if ?></p>
<?cs each:p = Penalties ?>
  <article class="penalty" aria-labelledby="penalty-<?cs var:p.id ?>">
    <h3 id="penalty-<?cs var:p.id ?>"><?cs call:person(p.name) ?> (<?cs var:p.login ?>) · <?cs var:L.Mileage.Level[p.level] ?> · <?cs var:p.starts ?><?cs if:p.ends ?> ~ <?cs var:p.ends ?><?cs /if ?></h3>
<?cs call:penalty_facts(p, 1) ?>
<?cs if:!p.lifted ?>
    <form method="post" action="/staff/penalties/<?cs var:p.id ?>" class="stack">
      <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
      <div class="field">
        <label for="reason-<?cs var:p.id ?>"><?cs var:L.Mileage.DecisionReason ?></label>
        <input type="text" id="reason-<?cs var:p.id ?>" name="reason" maxlength="166" required value="<?cs if:Form.penalty == p.id ?><?cs var:Form.reason ?><?cs /if ?>"<?cs if:Form.penalty == p.id ?><?cs call:field_aria("reason") ?><?cs /if ?>>
        <?cs if:Form.penalty == p.id ?><?cs call:field_error("reason") ?><?cs call:field_error("decision") ?><?cs /if ?>
      </div>
      <button type="submit" name="decision" value="lift"><?cs var:L.Mileage.Lift ?></button>
<?cs if:p.objection_state == "pending" ?>
      <button type="submit" name="decision" value="reject"><?cs var:L.Mileage.Reject ?></button>
<?cs /if ?>
    </form>
<?cs /if ?>
  </article>
<?cs /each ?>
<?cs if:subcount(Penalties) == 0 ?>
  <p><?cs var:L.Mileage.NoPenaltiesStaff ?></p>
<?cs /if ?>
<?cs if:Filter.objections ?><?cs call:pager("/staff/penalties?objections=1&") ?><?cs else ?><?cs call:pager("/staff/penalties?") ?><?cs /if ?>
</section>
