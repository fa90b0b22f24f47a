<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# callcentre_file.cs: the form an agent files a case with on a caller's
# behalf (channel 'phone'): for the caller of the page (Caller.id) or a
# new one (name, mobile, e-mail), the number the call came from, the case,
# and the consent to the collection of personal data that the agent reads
# out and the caller gives by telephone. Included by staff/callcentre.cs
# and staff/callcentre_caller.cs after fields.cs. ?>
<form method="post" action="/staff/callcentre/file" class="stack">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <input type="hidden" name="idem" value="<?cs var:Form.idem ?>"><?cs
if:Caller.id ?>
  <input type="hidden" name="caller" value="<?cs var:Caller.id ?>">
  <p><?cs var:L.CallCentre.FileFor ?> <strong><?cs var:Caller.name ?></strong></p><?cs
else ?>
  <div class="field">
    <label for="name"><?cs var:L.Field.name ?></label>
    <input type="text" id="name" name="name" maxlength="100" autocomplete="off" value="<?cs var:Form.name ?>"<?cs call:field_aria("name") ?>>
    <?cs call:field_error("name") ?>
  </div>
<?cs call:mobile_field() ?>
  <div class="field">
    <label for="email"><?cs var:L.Field.email ?></label>
    <input type="email" id="email" name="email" maxlength="254" autocomplete="off" value="<?cs var:Form.email ?>"<?cs call:field_aria_hint("email", "contact-hint") ?>>
    <p class="hint" id="contact-hint"><?cs var:L.CallCentre.ContactHint ?></p>
    <?cs call:field_error("email") ?>
  </div><?cs
/if ?>
  <div class="field">
    <label for="file-phone"><?cs var:L.CallCentre.Phone ?></label>
    <input type="tel" id="file-phone" name="phone" maxlength="40" value="<?cs var:Form.phone ?>"<?cs call:field_aria("phone") ?>>
    <?cs call:field_error("phone") ?>
  </div>
  <div class="field">
    <label for="category"><?cs var:L.Field.category ?></label>
    <select id="category" name="category" required<?cs call:field_aria("category") ?>>
      <option value=""><?cs var:L.Field.choose ?></option><?cs
each:g = Categories ?>
      <option value="<?cs var:g.id ?>"<?cs if:g.id == Form.category ?> selected<?cs /if ?>><?cs var:g.name ?></option><?cs
/each ?>
    </select>
    <?cs call:field_error("category") ?>
  </div>
<?cs call:text_input_field("title", L.Field.title, 200, "") ?>
  <div class="field">
    <label for="body"><?cs var:L.Field.body ?></label>
    <textarea id="body" name="body" rows="6" maxlength="20000" required<?cs call:field_aria("body") ?>><?cs var:Form.body ?></textarea>
    <?cs call:field_error("body") ?>
  </div>
  <div class="field">
    <label for="address"><?cs var:L.Field.address ?></label>
    <input type="text" id="address" name="address" maxlength="200" value="<?cs var:Form.address ?>"<?cs call:field_aria("address") ?>>
    <?cs call:field_error("address") ?>
  </div>
<?cs call:checkbox_field("public", L.Field.public, "", "") ?>
<?cs call:consent_fieldset(L.CallCentre.ConsentTitle, L.CallCentre.ConsentRead, L.CallCentre.ConsentGiven) ?>
  <button type="submit" class="primary"><?cs var:L.CallCentre.File ?></button>
</form>
