<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# settings.cs: site-wide settings: whether the citizen's timeline shows
# the handler's name or role; the notifier's quiet hours for SMS, the hour
# of the staff digest and the delay apology's expected date. ?><?cs
include:"fields.cs" ?><?cs
include:"admin/org/fields.cs" ?>
<h1><?cs var:L.Title.AdminSettings ?></h1>
<?cs include:"admin/org/nav.cs" ?>
<?cs call:form_errors() ?>
<form method="post" action="/admin/settings" class="stack">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <fieldset aria-describedby="timeline-hint<?cs if:Form.Err.timeline_show ?> err-timeline_show<?cs /if ?>">
    <legend><?cs var:L.Admin.Settings.Timeline ?></legend>
    <p class="hint" id="timeline-hint"><?cs var:L.Admin.Settings.TimelineHint ?></p>
    <div class="field check">
      <input type="radio" id="show-name" name="timeline_show" value="name"<?cs if:Form.timeline_show == "name" ?> checked<?cs /if ?>>
      <label for="show-name"><?cs var:L.Admin.Settings.ShowName ?></label>
    </div>
    <div class="field check">
      <input type="radio" id="show-role" name="timeline_show" value="role"<?cs if:Form.timeline_show == "role" ?> checked<?cs /if ?>>
      <label for="show-role"><?cs var:L.Admin.Settings.ShowRole ?></label>
    </div>
    <?cs call:field_error("timeline_show") ?>
  </fieldset>
  <fieldset>
    <legend><?cs var:L.Admin.Settings.Notices ?></legend>
    <fieldset class="inline" aria-describedby="quiet-hint">
      <legend><?cs var:L.Admin.Settings.QuietHours ?></legend>
      <p class="hint" id="quiet-hint"><?cs var:L.Admin.Settings.QuietHint ?></p>
<?cs call:time_field("sms_quiet_start", L.Admin.Settings.QuietStart) ?><?cs
call:time_field("sms_quiet_end", L.Admin.Settings.QuietEnd) ?>
    </fieldset>
<?cs call:number_input_field("digest_hour", L.Admin.Settings.DigestHour, 0, 23, "", "") ?><?cs
call:number_input_field("apology_workdays", L.Admin.Settings.ApologyWorkdays, 1, 60, "", "") ?>
  </fieldset>
  <fieldset aria-describedby="mileage-hint">
    <legend><?cs var:L.Mileage.Settings.Legend ?></legend>
    <p class="hint" id="mileage-hint"><?cs var:L.Mileage.Settings.Hint ?></p>
<?cs each:k = L.Mileage.Settings.Points ?><?cs
call:number_input_field("mileage_" + name(k), k, 0, 100000, "", "") ?><?cs
/each ?><?cs
call:number_input_field("penalty_decay_days", L.Mileage.Settings.DecayDays, 1, 3650, "", "") ?>
  </fieldset>
  <fieldset aria-describedby="moderation-hint">
    <legend><?cs var:L.Admin.Settings.Moderation ?></legend>
    <p class="hint" id="moderation-hint"><?cs var:L.Admin.Settings.ModerationHint ?></p>
<?cs call:number_input_field("mod_hide_threshold", L.Admin.Settings.HideThreshold, 1, 100, "", "") ?><?cs
call:number_input_field("mod_throttle", L.Admin.Settings.Throttle, 0, 10000, "", "") ?><?cs
call:number_input_field("mod_throttle_addr", L.Admin.Settings.ThrottleAddr, 0, 100000, "", "") ?>
  </fieldset>
  <fieldset>
    <legend><?cs var:L.Admin.Settings.Proposals ?></legend>
<?cs call:number_input_field("proposal_threshold", L.Admin.Settings.ProposalThreshold, 1, 10000000, "proposal-threshold-hint", L.Admin.Settings.ProposalThresholdHint) ?><?cs
call:number_input_field("proposal_support_days", L.Admin.Settings.ProposalSupportDays, 1, 3650, "", "") ?><?cs
call:number_input_field("proposal_answer_workdays", L.Admin.Settings.ProposalAnswerWorkdays, 1, 365, "", "") ?>
  </fieldset>
  <fieldset aria-describedby="identity-hint">
    <legend><?cs var:L.Identity.Settings.Legend ?></legend>
    <p class="hint" id="identity-hint"><?cs var:L.Identity.Settings.Hint ?></p>
<?cs each:k = L.Identity.Settings.Actions ?><?cs
call:checkbox_field("identity_" + name(k), k, "", "") ?><?cs
/each ?>
  </fieldset>
  <fieldset>
    <legend><?cs var:L.Totp.Settings.Legend ?></legend>
    <div class="field">
      <label for="totp_required"><?cs var:L.Totp.Settings.Required ?></label>
      <select id="totp_required" name="totp_required"<?cs call:field_aria_hint("totp_required", "totp-hint") ?>><?cs
each:o = L.Totp.Settings.Rule ?>
        <option value="<?cs name:o ?>"<?cs if:Form.totp_required == name(o) ?> selected<?cs /if ?>><?cs var:o ?></option><?cs
/each ?>
      </select>
      <p class="hint" id="totp-hint"><?cs var:L.Totp.Settings.Hint ?></p>
      <?cs call:field_error("totp_required") ?>
    </div>
  </fieldset>
  <fieldset>
    <legend><?cs var:L.Usage.Settings.Legend ?></legend>
<?cs call:checkbox_field("usage_public_summary", L.Usage.Settings.PublicSummary, "usage-hint", L.Usage.Settings.Hint) ?>
  </fieldset>
  <button type="submit" class="primary"><?cs var:L.Admin.Button.Save ?></button>
</form>
