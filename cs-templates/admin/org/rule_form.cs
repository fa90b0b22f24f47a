<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# rule_form.cs: the form of a category's routing rule (Form.*), shared by
# the creation form and the edit page: rule_form(action, labelledby,
# button), labelledby being the id of the heading that names the form, or
# "". It includes fields.cs: the including page must not. ?><?cs
include:"fields.cs" ?><?cs
def:rule_form(action, labelledby, button) ?>
<?cs call:form_errors() ?>
<form method="post" action="<?cs var:action ?>" class="stack"<?cs if:labelledby ?> aria-labelledby="<?cs var:labelledby ?>"<?cs /if ?>>
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <div class="row"><?cs
  call:text_input_field("name_ko", L.Admin.Rule.NameKo, 100, "") ?><?cs
  call:text_input_field("name_en", L.Admin.Rule.NameEn, 100, "en") ?>
  </div>
  <div class="field">
    <label for="department_id"><?cs var:L.Admin.Rule.LeadDept ?></label>
    <select id="department_id" name="department_id"<?cs call:field_aria_hint("department_id", "lead-hint") ?>>
<?cs if:Session.AdminGlobal == "1" ?>
      <option value="0"<?cs if:Form.department_id == "0" ?> selected<?cs /if ?>><?cs var:L.Admin.Rule.NoLead ?></option>
<?cs /if ?>
<?cs each:d = Depts ?>
      <option value="<?cs var:d.id ?>"<?cs if:d.id == Form.department_id ?> selected<?cs /if ?>><?cs var:d.indent ?><?cs var:d.name ?><?cs if:d.active != "1" ?> (<?cs var:L.Admin.Inactive ?>)<?cs /if ?></option>
<?cs /each ?>
    </select><?cs
  call:hint_and_error("department_id", "lead-hint", L.Admin.Rule.LeadHint) ?>
  </div>
  <fieldset<?cs if:Form.Err.joint ?> aria-describedby="err-joint"<?cs /if ?>>
    <legend><?cs var:L.Admin.Rule.Joint ?></legend>
    <p class="hint"><?cs var:L.Admin.Rule.JointHint ?></p>
<?cs each:d = Depts ?>
    <div class="field check">
      <input type="checkbox" id="joint-<?cs var:d.id ?>" name="joint" value="<?cs var:d.id ?>"<?cs if:Form.Joint[d.id] == "1" ?> checked<?cs /if ?>>
      <label for="joint-<?cs var:d.id ?>"><?cs var:d.indent ?><?cs var:d.name ?></label>
    </div>
<?cs /each ?>
    <?cs call:field_error("joint") ?>
  </fieldset>
  <div class="field">
    <label for="mode"><?cs var:L.Admin.Rule.Mode ?></label>
    <select id="mode" name="mode"<?cs call:field_aria_hint("mode", "mode-hint") ?>>
<?cs each:k = L.Admin.Mode ?>
      <option value="<?cs name:k ?>"<?cs if:name(k) == Form.mode ?> selected<?cs /if ?>><?cs var:k ?></option>
<?cs /each ?>
    </select><?cs
  call:hint_and_error("mode", "mode-hint", L.Admin.ModeHint) ?>
  </div>
  <div class="row"><?cs
  call:number_input_field("deadline_days", L.Admin.Rule.DeadlineField, 1, 60, "deadline-hint", L.Admin.Rule.DeadlineHint) ?><?cs
  call:number_input_field("max_extensions", L.Admin.Rule.Extensions, 0, 10, "", "") ?>
  </div>
  <div class="row"><?cs
  call:number_input_field("reminder_hours", L.Admin.Rule.Reminder, 0, 720, "reminder-hint", L.Admin.Rule.ReminderHint) ?><?cs
  call:number_input_field("escalate_hours", L.Admin.Rule.Escalate, 0, 720, "escalate-hint", L.Admin.Rule.EscalateHint) ?>
  </div><?cs
  call:number_input_field("reopen_days", L.Admin.Rule.Reopen, 0, 365, "reopen-hint", L.Admin.Rule.ReopenHint) ?><?cs
  call:checkbox_field("needs_approval", L.Admin.Rule.NeedsApproval, "", "") ?><?cs
  call:checkbox_field("active", L.Admin.Rule.ActiveField, "active-hint", L.Admin.Rule.ActiveHint) ?>
  <div class="field">
    <label for="proposal_threshold"><?cs var:L.Admin.Rule.ProposalThreshold ?></label>
    <input type="number" id="proposal_threshold" name="proposal_threshold" min="1" max="10000000" inputmode="numeric" value="<?cs var:Form.proposal_threshold ?>"<?cs call:field_aria_hint("proposal_threshold", "proposal-threshold-rule-hint") ?>><?cs
  call:hint_and_error("proposal_threshold", "proposal-threshold-rule-hint", L.Admin.Rule.ProposalThresholdHint) ?>
  </div>
  <button type="submit" class="primary"><?cs var:button ?></button>
</form><?cs
/def ?>
