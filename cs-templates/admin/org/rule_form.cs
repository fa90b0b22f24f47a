<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# rule_form.cs: the fields of a category's routing rule (Form.*), shared
# by the creation form and the edit page; the including page opens and
# closes the <form>. ?>
  <div class="row">
    <div class="field">
      <label for="name_ko"><?cs var:L.Admin.Rule.NameKo ?></label>
      <input type="text" id="name_ko" name="name_ko" maxlength="100" required value="<?cs var:Form.name_ko ?>"<?cs call:field_aria("name_ko") ?>>
      <?cs call:field_error("name_ko") ?>
    </div>
    <div class="field">
      <label for="name_en"><?cs var:L.Admin.Rule.NameEn ?></label>
      <input type="text" id="name_en" name="name_en" maxlength="100" required lang="en" value="<?cs var:Form.name_en ?>"<?cs call:field_aria("name_en") ?>>
      <?cs call:field_error("name_en") ?>
    </div>
  </div>
  <div class="field">
    <label for="department_id"><?cs var:L.Admin.Rule.LeadDept ?></label>
    <select id="department_id" name="department_id" aria-describedby="lead-hint<?cs if:Form.Err.department_id ?> err-department_id<?cs /if ?>"<?cs if:Form.Err.department_id ?> aria-invalid="true"<?cs /if ?>>
<?cs if:Session.AdminGlobal == "1" ?>
      <option value="0"<?cs if:Form.department_id == "0" ?> selected<?cs /if ?>><?cs var:L.Admin.Rule.NoLead ?></option>
<?cs /if ?>
<?cs each:d = Depts ?>
      <option value="<?cs var:d.id ?>"<?cs if:d.id == Form.department_id ?> selected<?cs /if ?>><?cs var:d.indent ?><?cs var:d.name ?><?cs if:d.active != "1" ?> (<?cs var:L.Admin.Inactive ?>)<?cs /if ?></option>
<?cs /each ?>
    </select>
    <p class="hint" id="lead-hint"><?cs var:L.Admin.Rule.LeadHint ?></p>
    <?cs call:field_error("department_id") ?>
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
    <select id="mode" name="mode" aria-describedby="mode-hint<?cs if:Form.Err.mode ?> err-mode<?cs /if ?>"<?cs if:Form.Err.mode ?> aria-invalid="true"<?cs /if ?>>
<?cs each:k = L.Admin.Mode ?>
      <option value="<?cs name:k ?>"<?cs if:name(k) == Form.mode ?> selected<?cs /if ?>><?cs var:k ?></option>
<?cs /each ?>
    </select>
    <p class="hint" id="mode-hint"><?cs var:L.Admin.ModeHint ?></p>
    <?cs call:field_error("mode") ?>
  </div>
  <div class="row">
    <div class="field">
      <label for="deadline_days"><?cs var:L.Admin.Rule.DeadlineField ?></label>
      <input type="number" id="deadline_days" name="deadline_days" min="1" max="60" required inputmode="numeric" value="<?cs var:Form.deadline_days ?>" aria-describedby="deadline-hint<?cs if:Form.Err.deadline_days ?> err-deadline_days<?cs /if ?>"<?cs if:Form.Err.deadline_days ?> aria-invalid="true"<?cs /if ?>>
      <p class="hint" id="deadline-hint"><?cs var:L.Admin.Rule.DeadlineHint ?></p>
      <?cs call:field_error("deadline_days") ?>
    </div>
    <div class="field">
      <label for="max_extensions"><?cs var:L.Admin.Rule.Extensions ?></label>
      <input type="number" id="max_extensions" name="max_extensions" min="0" max="10" required inputmode="numeric" value="<?cs var:Form.max_extensions ?>"<?cs call:field_aria("max_extensions") ?>>
      <?cs call:field_error("max_extensions") ?>
    </div>
  </div>
  <div class="row">
    <div class="field">
      <label for="reminder_hours"><?cs var:L.Admin.Rule.Reminder ?></label>
      <input type="number" id="reminder_hours" name="reminder_hours" min="0" max="720" required inputmode="numeric" value="<?cs var:Form.reminder_hours ?>" aria-describedby="reminder-hint<?cs if:Form.Err.reminder_hours ?> err-reminder_hours<?cs /if ?>"<?cs if:Form.Err.reminder_hours ?> aria-invalid="true"<?cs /if ?>>
      <p class="hint" id="reminder-hint"><?cs var:L.Admin.Rule.ReminderHint ?></p>
      <?cs call:field_error("reminder_hours") ?>
    </div>
    <div class="field">
      <label for="escalate_hours"><?cs var:L.Admin.Rule.Escalate ?></label>
      <input type="number" id="escalate_hours" name="escalate_hours" min="0" max="720" required inputmode="numeric" value="<?cs var:Form.escalate_hours ?>" aria-describedby="escalate-hint<?cs if:Form.Err.escalate_hours ?> err-escalate_hours<?cs /if ?>"<?cs if:Form.Err.escalate_hours ?> aria-invalid="true"<?cs /if ?>>
      <p class="hint" id="escalate-hint"><?cs var:L.Admin.Rule.EscalateHint ?></p>
      <?cs call:field_error("escalate_hours") ?>
    </div>
  </div>
  <div class="field">
    <label for="reopen_days"><?cs var:L.Admin.Rule.Reopen ?></label>
    <input type="number" id="reopen_days" name="reopen_days" min="0" max="365" required inputmode="numeric" value="<?cs var:Form.reopen_days ?>" aria-describedby="reopen-hint<?cs if:Form.Err.reopen_days ?> err-reopen_days<?cs /if ?>"<?cs if:Form.Err.reopen_days ?> aria-invalid="true"<?cs /if ?>>
    <p class="hint" id="reopen-hint"><?cs var:L.Admin.Rule.ReopenHint ?></p>
    <?cs call:field_error("reopen_days") ?>
  </div>
  <div class="field check">
    <input type="checkbox" id="needs_approval" name="needs_approval" value="1"<?cs if:Form.needs_approval == "1" ?> checked<?cs /if ?>>
    <label for="needs_approval"><?cs var:L.Admin.Rule.NeedsApproval ?></label>
  </div>
  <div class="field check">
    <input type="checkbox" id="active" name="active" value="1" aria-describedby="active-hint"<?cs if:Form.active == "1" ?> checked<?cs /if ?>>
    <label for="active"><?cs var:L.Admin.Rule.ActiveField ?></label>
    <p class="hint" id="active-hint"><?cs var:L.Admin.Rule.ActiveHint ?></p>
  </div>
