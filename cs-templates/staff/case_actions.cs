<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# case_actions.cs: the forms of the actions open to this staff member in
# the case's state (Allow.<action>), each with the case's version; after a
# refused action its problem shows beside its form, with what was typed.
# Joint departments' parts and the example-case switch follow. ?><?cs

# The problem of action a, if it was the one refused. ?><?cs
def:act_problem(a) ?><?cs
  if:Act.Action == a && Act.Problem && Act.Problem != "changed" ?>
      <p class="field-error" role="alert" id="err-act-<?cs var:a ?>"><?cs var:L.Act.Problem[Act.Problem] ?></p><?cs
  /if ?><?cs
/def ?><?cs

# What was typed into action a's text, kept after a refusal. ?><?cs
def:act_text(a) ?><?cs if:Form.action == a ?><?cs var:Form.text ?><?cs /if ?><?cs /def ?><?cs

# The start of action a's form: heading (its accessible name) and the
# hidden fields. ?><?cs
def:act_open(a) ?>
    <form method="post" action="/staff/cases/<?cs var:Case.tracking ?>/act" class="stack act" aria-labelledby="act-<?cs var:a ?>-h">
      <h3 id="act-<?cs var:a ?>-h"><?cs var:L.Act.Name[a] ?></h3>
      <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
      <input type="hidden" name="version" value="<?cs var:State.version ?>">
      <input type="hidden" name="action" value="<?cs var:a ?>"><?cs
/def ?><?cs

# A reason (or answer) box for action a. ?><?cs
def:act_textarea(a, rows, max) ?>
      <div class="field">
        <label for="act-<?cs var:a ?>-text"><?cs var:L.Act.Field[a] ?></label>
        <textarea id="act-<?cs var:a ?>-text" name="text" rows="<?cs var:rows ?>" maxlength="<?cs var:max ?>"<?cs if:Act.Action == a && Act.Problem && Act.Problem != "changed" ?> aria-invalid="true" aria-describedby="err-act-<?cs var:a ?>"<?cs /if ?>><?cs call:act_text(a) ?></textarea>
      </div><?cs
/def ?><?cs

# The outcome and plan of a proposal's answer (case kind 'proposal'). ?><?cs
def:proposal_fields(a) ?><?cs if:State.kind == "proposal" ?>
      <p class="hint"><?cs var:L.Act.Hint.proposal ?></p>
      <div class="field">
        <label for="act-<?cs var:a ?>-outcome"><?cs var:L.Act.Field.outcome ?></label>
        <select id="act-<?cs var:a ?>-outcome" name="outcome" required>
          <option value=""><?cs var:L.Field.choose ?></option><?cs
  each:o = L.Proposal.Outcome ?>
          <option value="<?cs name:o ?>"<?cs if:Form.action == a && Form.outcome == name(o) ?> selected<?cs /if ?>><?cs var:o ?></option><?cs
  /each ?>
        </select>
      </div>
      <div class="field">
        <label for="act-<?cs var:a ?>-plan"><?cs var:L.Act.Field.plan ?></label>
        <textarea id="act-<?cs var:a ?>-plan" name="plan" rows="4" maxlength="<?cs var:Limit.Answer ?>" aria-describedby="act-<?cs var:a ?>-plan-hint"><?cs if:Form.action == a ?><?cs var:Form.plan ?><?cs /if ?></textarea>
        <p class="hint" id="act-<?cs var:a ?>-plan-hint"><?cs var:L.Act.Hint.plan ?></p>
      </div><?cs
/if ?><?cs /def ?><?cs

def:act_close(a) ?><?cs call:act_problem(a) ?>
      <button type="submit" class="primary"><?cs var:L.Act.Button[a] ?></button>
    </form><?cs
/def ?>
  <section aria-labelledby="actions-h">
    <h2 id="actions-h"><?cs var:L.Dossier.Actions ?></h2>
<?cs if:Act.Problem && Act.Problem != "changed" && !Allow[Act.Action] ?>
    <p class="flash error" role="alert"><?cs var:L.Act.Problem[Act.Problem] ?></p>
<?cs /if ?>
<?cs if:!Allow.Any ?>
    <p><?cs var:L.Dossier.NoActions ?></p>
<?cs /if ?>
<?cs if:Allow.start ?><?cs call:act_open("start") ?><?cs call:act_close("start") ?><?cs /if ?>
<?cs if:Allow.assign ?><?cs call:act_open("assign") ?>
      <div class="field">
        <label for="act-assign-handler"><?cs var:L.Act.Field.handler ?></label>
        <select id="act-assign-handler" name="handler" required>
          <option value=""><?cs var:L.Field.choose ?></option>
<?cs each:p = Assignees ?>
          <option value="<?cs var:p.id ?>"<?cs if:Form.action == "assign" && p.id == Form.handler ?> selected<?cs /if ?>><?cs var:p.name ?><?cs if:p.absent == "1" ?> (<?cs var:L.Dossier.Absent ?>)<?cs /if ?></option>
<?cs /each ?>
        </select>
      </div><?cs call:act_close("assign") ?><?cs /if ?>
<?cs if:Allow.answer ?><?cs call:act_open("answer") ?><?cs call:act_textarea("answer", "10", Limit.Answer) ?><?cs call:proposal_fields("answer") ?>
      <p class="hint"><?cs var:L.Act.Hint.answer ?></p><?cs if:subcount(Departments) > 1 ?>
      <p class="hint"><?cs var:L.Act.Hint.parts ?></p><?cs /if ?><?cs call:act_close("answer") ?><?cs /if ?>
<?cs if:Allow.submit ?><?cs call:act_open("submit") ?><?cs call:act_textarea("submit", "10", Limit.Answer) ?><?cs call:proposal_fields("submit") ?>
      <p class="hint"><?cs var:L.Act.Hint.submit ?></p><?cs if:subcount(Departments) > 1 ?>
      <p class="hint"><?cs var:L.Act.Hint.parts ?></p><?cs /if ?><?cs call:act_close("submit") ?><?cs /if ?>
<?cs if:Allow.approve ?><?cs call:act_open("approve") ?>
<?cs each:a = Answers ?><?cs if:a.status == "pending" ?>
      <div class="text"><?cs var:a.body ?></div>
<?cs /if ?><?cs /each ?><?cs call:act_close("approve") ?><?cs /if ?>
<?cs if:Allow.return_answer ?><?cs call:act_open("return_answer") ?><?cs call:act_textarea("return_answer", "3", Limit.Reason) ?><?cs call:act_close("return_answer") ?><?cs /if ?>
<?cs if:Allow.extend ?><?cs call:act_open("extend") ?>
      <div class="field">
        <label for="act-extend-date"><?cs var:L.Act.Field.due_date ?></label>
        <input type="date" id="act-extend-date" name="due_date" required value="<?cs if:Form.action == "extend" ?><?cs var:Form.due_date ?><?cs /if ?>">
        <p class="hint"><?cs var:L.Inbox.Due ?>: <?cs var:State.due ?> · <?cs var:L.Dossier.Extensions ?> <?cs var:State.extensions ?> / <?cs var:State.max_extensions ?></p>
      </div><?cs call:act_textarea("extend", "3", Limit.Reason) ?><?cs call:act_close("extend") ?><?cs /if ?>
<?cs if:Allow.transfer ?><?cs call:act_open("transfer") ?>
      <div class="field">
        <label for="act-transfer-department"><?cs var:L.Act.Field.department ?></label>
        <select id="act-transfer-department" name="department" required>
          <option value=""><?cs var:L.Field.choose ?></option>
<?cs each:d = TransferTo ?><?cs if:d.active == "1" && d.id != State.department_id ?>
          <option value="<?cs var:d.id ?>"<?cs if:Form.action == "transfer" && d.id == Form.department ?> selected<?cs /if ?>><?cs var:d.name ?></option>
<?cs /if ?><?cs /each ?>
        </select>
      </div><?cs call:act_textarea("transfer", "3", Limit.Reason) ?><?cs call:act_close("transfer") ?><?cs /if ?>
<?cs if:Allow.send_back ?><?cs call:act_open("send_back") ?><?cs call:act_textarea("send_back", "3", Limit.Reason) ?><?cs call:act_close("send_back") ?><?cs /if ?>
<?cs if:Allow.close ?><?cs call:act_open("close") ?><?cs call:act_close("close") ?><?cs /if ?>
<?cs if:Allow.reject ?><?cs call:act_open("reject") ?><?cs call:act_textarea("reject", "3", Limit.Reason) ?><?cs call:act_close("reject") ?><?cs /if ?>
<?cs if:Allow.refile ?><?cs call:act_open("refile") ?>
      <div class="field">
        <label for="act-refile-category"><?cs var:L.Act.Field.category ?></label>
        <select id="act-refile-category" name="category" required>
          <option value=""><?cs var:L.Field.choose ?></option>
<?cs each:c = RefileTo ?><?cs if:c.name != Case.category ?>
          <option value="<?cs var:c.id ?>"<?cs if:Form.action == "refile" && c.id == Form.category ?> selected<?cs /if ?>><?cs var:c.name ?></option>
<?cs /if ?><?cs /each ?>
        </select>
        <p class="hint"><?cs var:L.Act.Hint.refile ?></p>
      </div><?cs call:act_textarea("refile", "3", Limit.Reason) ?><?cs call:act_close("refile") ?><?cs /if ?>
<?cs each:p = Parts ?>
    <form method="post" action="/staff/cases/<?cs var:Case.tracking ?>/part" class="stack act" aria-labelledby="part-<?cs var:p.id ?>-h">
      <h3 id="part-<?cs var:p.id ?>-h"><?cs var:L.Act.Name.part ?> (<?cs var:p.name ?>)</h3>
      <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
      <?cs call:idem_field() ?>
      <input type="hidden" name="department" value="<?cs var:p.id ?>">
      <p><?cs var:L.Dossier.Part[p.status] ?></p>
      <div class="field">
        <label for="part-<?cs var:p.id ?>"><?cs var:L.Act.Field.part ?></label>
        <textarea id="part-<?cs var:p.id ?>" name="part" rows="6" maxlength="<?cs var:Limit.Answer ?>"<?cs if:Act.Action == "part" && Form.department == p.id ?><?cs call:field_aria("part") ?><?cs /if ?>><?cs if:Act.Action == "part" && Form.department == p.id ?><?cs var:Form.part ?><?cs else ?><?cs var:p.text ?><?cs /if ?></textarea>
<?cs if:Act.Action == "part" && Form.department == p.id ?><?cs call:field_error("part") ?><?cs call:act_problem("part") ?><?cs /if ?>
      </div>
      <button type="submit" class="primary"><?cs var:L.Act.Button.part ?></button>
    </form>
<?cs /each ?>
<?cs if:Allow.example ?>
    <form method="post" action="/staff/cases/<?cs var:Case.tracking ?>/example" class="stack act" aria-labelledby="example-h">
      <h3 id="example-h"><?cs var:L.Act.Name.example ?></h3>
      <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
<?cs if:State.is_example == "1" ?>
      <input type="hidden" name="example" value="0">
      <p><?cs var:L.Dossier.ExampleOn ?></p><?cs call:act_problem("example") ?>
      <button type="submit"><?cs var:L.Act.Button.example_off ?></button>
<?cs else ?>
      <input type="hidden" name="example" value="1">
      <p class="hint"><?cs var:L.Act.Hint.example ?></p><?cs call:act_problem("example") ?>
      <button type="submit"><?cs var:L.Act.Button.example_on ?></button>
<?cs /if ?>
    </form>
<?cs /if ?>
  </section>
