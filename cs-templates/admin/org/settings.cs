<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# settings.cs: site-wide settings: whether the citizen's timeline shows
# the handler's name or role; the notifier's quiet hours for SMS, the hour
# of the staff digest and the delay apology's expected date. ?>
<h1><?cs var:L.Title.AdminSettings ?></h1>
<?cs include:"admin/org/nav.cs" ?>
<?cs if:Form.HasErrors ?><p class="form-error" role="alert"><?cs var:L.Msg.FixErrors ?></p><?cs /if ?>
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
      <div class="field">
        <label for="sms_quiet_start"><?cs var:L.Admin.Settings.QuietStart ?></label>
        <input type="text" id="sms_quiet_start" name="sms_quiet_start" inputmode="numeric" pattern="[0-2][0-9]:[0-5][0-9]" maxlength="5" size="5" required value="<?cs var:Form.sms_quiet_start ?>"<?cs call:field_aria("sms_quiet_start") ?>>
        <?cs call:field_error("sms_quiet_start") ?>
      </div>
      <div class="field">
        <label for="sms_quiet_end"><?cs var:L.Admin.Settings.QuietEnd ?></label>
        <input type="text" id="sms_quiet_end" name="sms_quiet_end" inputmode="numeric" pattern="[0-2][0-9]:[0-5][0-9]" maxlength="5" size="5" required value="<?cs var:Form.sms_quiet_end ?>"<?cs call:field_aria("sms_quiet_end") ?>>
        <?cs call:field_error("sms_quiet_end") ?>
      </div>
    </fieldset>
    <div class="field">
      <label for="digest_hour"><?cs var:L.Admin.Settings.DigestHour ?></label>
      <input type="number" id="digest_hour" name="digest_hour" min="0" max="23" required value="<?cs var:Form.digest_hour ?>"<?cs call:field_aria("digest_hour") ?>>
      <?cs call:field_error("digest_hour") ?>
    </div>
    <div class="field">
      <label for="apology_workdays"><?cs var:L.Admin.Settings.ApologyWorkdays ?></label>
      <input type="number" id="apology_workdays" name="apology_workdays" min="1" max="60" required value="<?cs var:Form.apology_workdays ?>"<?cs call:field_aria("apology_workdays") ?>>
      <?cs call:field_error("apology_workdays") ?>
    </div>
  </fieldset>
  <button type="submit" class="primary"><?cs var:L.Admin.Button.Save ?></button>
</form>
