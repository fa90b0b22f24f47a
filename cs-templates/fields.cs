<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# fields.cs: form parts that several forms write alike (the account pages
# and the administration's), built on field_aria and field_error
# (macros.cs). A page that uses them includes this file once. ?><?cs

# aria attributes for a field with a hint (the element whose id is
# hint_id) that may be in error. ?><?cs
def:field_aria_hint(name, hint_id) ?> aria-describedby="<?cs var:hint_id ?><?cs if:Form.Err[name] ?> err-<?cs var:name ?><?cs /if ?>"<?cs if:Form.Err[name] ?> aria-invalid="true"<?cs /if ?><?cs
/def ?><?cs

# The alert above a form sent back with errors. ?><?cs
def:form_errors() ?><?cs if:Form.HasErrors ?><p class="form-error" role="alert"><?cs var:L.Msg.FixErrors ?></p><?cs /if ?><?cs
/def ?><?cs

# A required line of text, what was typed shown back. ?><?cs
def:text_field(name, label, maxlength) ?>
  <div class="field">
    <label for="<?cs var:name ?>"><?cs var:label ?></label>
    <input type="text" id="<?cs var:name ?>" name="<?cs var:name ?>" maxlength="<?cs var:maxlength ?>" required value="<?cs var:Form[name] ?>"<?cs call:field_aria(name) ?>>
    <?cs call:field_error(name) ?>
  </div><?cs
/def ?><?cs

# The e-mail address of an account (required), labelled label. ?><?cs
def:email_field(label) ?>
  <div class="field">
    <label for="email"><?cs var:label ?></label>
    <input type="email" id="email" name="email" autocomplete="email" maxlength="254" required value="<?cs var:Form.email ?>"<?cs call:field_aria("email") ?>>
    <?cs call:field_error("email") ?>
  </div><?cs
/def ?><?cs

# The mobile number of an account (optional). ?><?cs
def:mobile_field() ?>
  <div class="field">
    <label for="mobile"><?cs var:L.Field.mobile ?></label>
    <input type="tel" id="mobile" name="mobile" autocomplete="tel" maxlength="20" placeholder="010-1234-5678" value="<?cs var:Form.mobile ?>"<?cs call:field_aria("mobile") ?>>
    <?cs call:field_error("mobile") ?>
  </div><?cs
/def ?><?cs

# A new password for one's own account, typed twice (password and
# password2; never shown back), the first labelled label. ?><?cs
def:new_password_fields(label) ?>
  <div class="field">
    <label for="password"><?cs var:label ?></label>
    <input type="password" id="password" name="password" autocomplete="new-password" minlength="10" required<?cs call:field_aria("password") ?>>
    <p class="hint"><?cs var:L.Hint.password ?></p>
    <?cs call:field_error("password") ?>
  </div>
  <div class="field">
    <label for="password2"><?cs var:L.Field.password2 ?></label>
    <input type="password" id="password2" name="password2" autocomplete="new-password" minlength="10" required<?cs call:field_aria("password2") ?>>
    <?cs call:field_error("password2") ?>
  </div><?cs
/def ?><?cs

# A password an administrator sets for someone else (never shown back),
# with the hint hint. ?><?cs
def:set_password_field(name, label, hint) ?>
  <div class="field">
    <label for="<?cs var:name ?>"><?cs var:label ?></label>
    <input type="password" id="<?cs var:name ?>" name="<?cs var:name ?>" minlength="10" required autocomplete="new-password"<?cs call:field_aria_hint(name, name + "-hint") ?>>
    <p class="hint" id="<?cs var:name ?>-hint"><?cs var:hint ?></p>
    <?cs call:field_error(name) ?>
  </div><?cs
/def ?>
