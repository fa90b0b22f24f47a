<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# debate.cs: the staff's page of a debate: the form that opens one
# (/staff/debates/new) or edits it before it opens, and, once it has
# closed, the department's form for its official summary. ?><?cs
include:"fields.cs" ?><?cs include:"debate_macros.cs" ?><?cs

# A required date-and-time field (datetime-local; typed text also works). ?><?cs
def:time_field(name, label) ?>
    <div class="field">
      <label for="<?cs var:name ?>"><?cs var:label ?></label>
      <input type="datetime-local" id="<?cs var:name ?>" name="<?cs var:name ?>" required value="<?cs var:Form[name] ?>" aria-describedby="<?cs var:name ?>-hint<?cs if:Form.Err[name] ?> err-<?cs var:name ?><?cs /if ?>"<?cs if:Form.Err[name] ?> aria-invalid="true"<?cs /if ?>>
      <p class="hint" id="<?cs var:name ?>-hint"><?cs var:L.Debate.Staff.TimeHint ?></p>
      <?cs call:field_error(name) ?>
    </div><?cs
/def ?>
<?cs if:Debate.id ?>
<h1><?cs var:Debate.title ?></h1>
<p class="meta"><span class="status status-debate-<?cs var:Debate.state ?>"><?cs var:L.Debate.State[Debate.state] ?></span>
  · <?cs var:L.Debate.Department ?>: <?cs var:Debate.department ?>
  · <?cs var:L.Debate.Period ?>: <?cs var:Debate.opens ?> ~ <?cs var:Debate.closes ?>
  · <a href="/debates/<?cs var:Debate.id ?>"><?cs var:L.Debate.Staff.PublicPage ?></a></p>
<?cs else ?>
<h1><?cs var:L.Title.StaffDebateNew ?></h1>
<?cs /if ?>
<?cs if:!Debate.id || Staff.MayEdit == "1" ?>
<section aria-labelledby="edit">
<?cs if:Debate.id ?><h2 id="edit"><?cs var:L.Debate.Staff.Edit ?></h2><?cs else ?><h2 id="edit" class="visually-hidden"><?cs var:L.Title.StaffDebateNew ?></h2><?cs /if ?>
<?cs if:Form.HasErrors ?><p class="form-error" role="alert"><?cs var:L.Msg.FixErrors ?></p><?cs /if ?>
  <form method="post" action="/staff/debates/<?cs if:Debate.id ?><?cs var:Debate.id ?><?cs else ?>new<?cs /if ?>" class="stack" enctype="multipart/form-data">
    <input type="hidden" name="csrf" value="<?cs var:CSRF ?>"><?cs
  call:text_input_field("title", L.Debate.Staff.TitleLabel, 200, "") ?>
    <div class="field">
      <label for="background"><?cs var:L.Debate.Staff.BackgroundLabel ?></label>
      <textarea id="background" name="background" rows="10" maxlength="20000" required<?cs call:field_aria("background") ?>><?cs var:Form.background ?></textarea>
      <?cs call:field_error("background") ?>
    </div>
    <div class="field">
      <label for="department_id"><?cs var:L.Debate.Department ?></label>
      <select id="department_id" name="department_id" required<?cs call:field_aria("department_id") ?>>
        <option value=""><?cs var:L.Debate.Staff.Choose ?></option><?cs
  each:g = Departments ?>
        <option value="<?cs var:g.id ?>"<?cs if:g.id == Form.department_id ?> selected<?cs /if ?>><?cs var:g.name ?></option><?cs
  /each ?>
      </select>
      <?cs call:field_error("department_id") ?>
    </div>
    <div class="row"><?cs call:time_field("opens_at", L.Debate.Staff.OpensAt) ?><?cs call:time_field("closes_at", L.Debate.Staff.ClosesAt) ?>
    </div>
    <div class="field">
      <label for="attachments"><?cs var:L.Debate.Staff.FilesLabel ?></label>
      <input type="file" id="attachments" name="attachments" multiple accept="image/jpeg,image/png,image/gif,image/webp,application/pdf,text/plain" aria-describedby="attachments-hint<?cs if:Form.Err.attachments ?> err-attachments<?cs /if ?>"<?cs if:Form.Err.attachments ?> aria-invalid="true"<?cs /if ?>>
      <p class="hint" id="attachments-hint"><?cs var:L.Hint.attachments ?></p>
      <?cs if:Form.BadFile ?><p class="field-error"><?cs var:Form.BadFile ?></p><?cs /if ?>
      <?cs call:field_error("attachments") ?>
    </div>
    <button type="submit" class="primary"><?cs if:Debate.id ?><?cs var:L.Debate.Staff.Save ?><?cs else ?><?cs var:L.Debate.Staff.Create ?><?cs /if ?></button>
  </form><?cs call:debate_files(1) ?>
</section>
<?cs else ?>
<section aria-labelledby="question">
  <h2 id="question"><?cs var:L.Debate.Background ?></h2>
  <div class="text"><?cs var:Debate.background ?></div><?cs call:debate_files(0) ?>
  <p class="note"><?cs var:L.Debate.Staff.Locked ?></p>
</section>
<?cs /if ?>
<?cs if:Debate.id ?>
<section aria-labelledby="summary">
  <h2 id="summary"><?cs var:L.Debate.Staff.SummaryHeading ?></h2>
<?cs if:Staff.MaySummarize == "1" ?>
<?cs if:Form.HasErrors ?><p class="form-error" role="alert"><?cs var:L.Msg.FixErrors ?></p><?cs /if ?>
  <form method="post" action="/staff/debates/<?cs var:Debate.id ?>/summary" class="stack">
    <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
    <div class="field">
      <label for="summary-text"><?cs var:L.Debate.Staff.SummaryLabel ?></label>
      <textarea id="summary-text" name="summary" rows="8" maxlength="20000" required<?cs if:Form.Err.summary ?> aria-invalid="true" aria-describedby="err-summary"<?cs /if ?>><?cs var:Form.summary ?></textarea>
      <?cs call:field_error("summary") ?>
    </div>
    <div class="field">
      <label for="action-text"><?cs var:L.Debate.Staff.ActionLabel ?></label>
      <textarea id="action-text" name="action" rows="6" maxlength="20000" required<?cs if:Form.Err.action ?> aria-invalid="true" aria-describedby="err-action"<?cs /if ?>><?cs var:Form.action ?></textarea>
      <?cs call:field_error("action") ?>
    </div>
    <button type="submit" class="primary"><?cs var:L.Debate.Staff.Publish ?></button>
  </form>
<?cs elif:Debate.summarized == "1" ?>
  <div class="text"><?cs var:Debate.summary ?></div>
  <h3><?cs var:L.Debate.Action ?></h3>
  <div class="text"><?cs var:Debate.action ?></div>
<?cs else ?>
  <p class="note"><?cs var:L.Debate.Staff.SummaryWait ?></p>
<?cs /if ?>
</section>
<?cs /if ?>
