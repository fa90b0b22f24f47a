<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# report.cs: reporting (신고) a public text of any kind (Item.*: a public
# complaint, a proposal, a post) with a reason and a note; once per
# person, never one's own. Report.Done after it was sent. ?><?cs
include:"fields.cs" ?>
<h1 id="report-h"><?cs var:L.Title.Report ?></h1>
<p class="tracking"><?cs var:L.Moderation.Kind[Item.kind] ?> · <a href="<?cs var:Item.url ?>"><?cs var:Item.title ?></a></p>
<?cs if:Report.Done ?>
<p class="flash" role="status"><?cs var:L.Moderation.Reported ?></p>
<p><a class="button" href="<?cs var:Item.url ?>"><?cs var:L.Moderation.Back ?></a></p>
<?cs elif:Report.Own ?>
<p class="flash warning"><?cs var:L.Err.report_own ?></p>
<?cs else ?>
<p><?cs var:L.Moderation.ReportLead ?></p>
<form method="post" action="/report/<?cs var:Item.kind ?>/<?cs var:Item.item_key ?>" class="stack" aria-labelledby="report-h">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <?cs call:form_errors() ?>
  <fieldset<?cs if:Form.Err.reason ?> aria-describedby="err-reason"<?cs /if ?>>
    <legend><?cs var:L.Moderation.Reason ?></legend><?cs
  each:r = L.Moderation.Reasons ?>
    <div class="field check">
      <input type="radio" id="reason-<?cs name:r ?>" name="reason" value="<?cs name:r ?>" required<?cs if:Form.reason == name(r) ?> checked<?cs /if ?>>
      <label for="reason-<?cs name:r ?>"><?cs var:r ?></label>
    </div><?cs
  /each ?>
    <?cs call:field_error("reason") ?>
  </fieldset>
  <div class="field">
    <label for="note"><?cs var:L.Moderation.Note ?></label>
    <textarea id="note" name="note" rows="3" maxlength="<?cs var:Report.NoteMax ?>"<?cs call:field_aria("note") ?>><?cs var:Form.note ?></textarea>
    <?cs call:field_error("note") ?>
  </div>
  <div class="actions">
    <button type="submit" class="primary"><?cs var:L.Moderation.Send ?></button>
    <a class="button" href="<?cs var:Item.url ?>"><?cs var:L.Moderation.Back ?></a>
  </div>
</form>
<?cs /if ?>
