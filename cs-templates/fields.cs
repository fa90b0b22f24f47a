<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# fields.cs: form fields and small forms that several pages write alike,
# built on field_aria and field_error (macros.cs). A page that uses them
# includes this file once (a macro defined twice does not parse). Each
# field reads its value from Form[name]; every value goes through var:,
# so it is HTML-escaped like the rest of the page. ?><?cs

# aria attributes for a field with a hint (the element whose id is
# hint_id) that may be in error. ?><?cs
def:field_aria_hint(name, hint_id) ?> aria-describedby="<?cs var:hint_id ?><?cs if:Form.Err[name] ?> err-<?cs var:name ?><?cs /if ?>"<?cs if:Form.Err[name] ?> aria-invalid="true"<?cs /if ?><?cs
/def ?><?cs

# The alert above a form sent back with errors. ?><?cs
def:form_errors() ?><?cs if:Form.HasErrors ?><p class="form-error" role="alert"><?cs var:L.Msg.FixErrors ?></p><?cs /if ?><?cs
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

# The 6-digit code sent by SMS (lib/auth/verify.h), never shown back. ?><?cs
def:code_field() ?>
  <div class="field">
    <label for="code"><?cs var:L.Field.code ?></label>
    <input type="text" id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required<?cs call:field_aria_hint("code", "code-hint") ?>>
    <p class="hint" id="code-hint"><?cs var:L.Hint.code ?></p>
    <?cs call:field_error("code") ?>
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
/def ?><?cs

# The hint under a field (with the id its aria-describedby names), when
# there is one, then the field's error. ?><?cs
def:hint_and_error(name, hint_id, hint) ?><?cs
  if:hint ?>
      <p class="hint"<?cs if:hint_id ?> id="<?cs var:hint_id ?>"<?cs /if ?>><?cs var:hint ?></p><?cs /if ?>
      <?cs call:field_error(name) ?><?cs
/def ?><?cs

# A required one-line text field; lang is the language of its value when
# it is not the page's ("" otherwise). ?><?cs
def:text_input_field(name, label, maxlength, lang) ?>
    <div class="field">
      <label for="<?cs var:name ?>"><?cs var:label ?></label>
      <input type="text" id="<?cs var:name ?>" name="<?cs var:name ?>" maxlength="<?cs var:maxlength ?>" required<?cs if:lang ?> lang="<?cs var:lang ?>"<?cs /if ?> value="<?cs var:Form[name] ?>"<?cs call:field_aria(name) ?>>
      <?cs call:field_error(name) ?>
    </div><?cs
/def ?><?cs

# A required date field, with a hint when hint_id is set. ?><?cs
def:date_input_field(name, label, hint_id, hint) ?>
    <div class="field">
      <label for="<?cs var:name ?>"><?cs var:label ?></label>
      <input type="date" id="<?cs var:name ?>" name="<?cs var:name ?>" required value="<?cs var:Form[name] ?>"<?cs if:hint_id ?><?cs call:field_aria_hint(name, hint_id) ?><?cs else ?><?cs call:field_aria(name) ?><?cs /if ?>><?cs
  call:hint_and_error(name, hint_id, hint) ?>
    </div><?cs
/def ?><?cs

# A required whole number from min to max, with a hint when hint_id is set. ?><?cs
def:number_input_field(name, label, min, max, hint_id, hint) ?>
    <div class="field">
      <label for="<?cs var:name ?>"><?cs var:label ?></label>
      <input type="number" id="<?cs var:name ?>" name="<?cs var:name ?>" min="<?cs var:min ?>" max="<?cs var:max ?>" required inputmode="numeric" value="<?cs var:Form[name] ?>"<?cs if:hint_id ?><?cs call:field_aria_hint(name, hint_id) ?><?cs else ?><?cs call:field_aria(name) ?><?cs /if ?>><?cs
  call:hint_and_error(name, hint_id, hint) ?>
    </div><?cs
/def ?><?cs

# A checkbox that sends 1 when ticked, with its hint when hint is set (tied
# to it by aria-describedby when hint_id is set too). ?><?cs
def:checkbox_field(name, label, hint_id, hint) ?>
  <div class="field check">
    <input type="checkbox" id="<?cs var:name ?>" name="<?cs var:name ?>" value="1"<?cs if:hint_id ?> aria-describedby="<?cs var:hint_id ?>"<?cs /if ?><?cs if:Form[name] == "1" ?> checked<?cs /if ?>>
    <label for="<?cs var:name ?>"><?cs var:label ?></label><?cs
  if:hint ?>
    <p class="hint"<?cs if:hint_id ?> id="<?cs var:hint_id ?>"<?cs /if ?>><?cs var:hint ?></p><?cs /if ?>
  </div><?cs
/def ?><?cs


# The consent to the collection of personal data (the text of
# CONSENT_VERSION, L.Consent) with its required box "consent", under the
# legend legend; lead, when set, comes first (what to do with the text). ?><?cs
def:consent_fieldset(legend, lead, label) ?>
  <fieldset class="consent">
    <legend><?cs var:legend ?></legend>
    <div class="consent-text" id="consent-text"><?cs
  if:lead ?>
      <p><?cs var:lead ?></p><?cs /if ?>
      <p><?cs var:L.Consent.Items ?></p>
      <p><?cs var:L.Consent.Purpose ?></p>
      <p><?cs var:L.Consent.Retention ?></p>
      <p><?cs var:L.Consent.Refusal ?></p>
      <p class="meta"><?cs var:L.Consent.Version ?></p>
    </div>
    <div class="field check">
      <input type="checkbox" id="consent" name="consent" value="1" required<?cs if:Form.Err.consent ?> aria-invalid="true" aria-describedby="consent-text err-consent"<?cs else ?> aria-describedby="consent-text"<?cs /if ?><?cs if:Form.consent == "1" ?> checked<?cs /if ?>>
      <label for="consent"><?cs var:label ?></label>
      <?cs call:field_error("consent") ?>
    </div>
  </fieldset><?cs
/def ?><?cs

# A form that is one button and one hidden field (name, value), sent by
# POST to action; button_class may be "". ?><?cs
def:button_form(action, form_class, name, value, button_class, label) ?>
<form method="post" action="<?cs var:action ?>" class="<?cs var:form_class ?>">
  <input type="hidden" name="<?cs var:name ?>" value="<?cs var:value ?>">
  <button type="submit"<?cs if:button_class ?> class="<?cs var:button_class ?>"<?cs /if ?>><?cs var:label ?></button>
</form><?cs
/def ?>
<?cs

# A table row's action: a link-styled button that POSTs action=act and
# name=value to url; detail says, to a screen reader, which row it is. ?><?cs
def:row_action(url, act, name, value, label, detail) ?>
        <form method="post" action="<?cs var:url ?>" class="inline">
          <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
          <input type="hidden" name="action" value="<?cs var:act ?>">
          <input type="hidden" name="<?cs var:name ?>" value="<?cs var:value ?>">
          <button type="submit" class="link"><?cs var:label ?><span class="visually-hidden">: <?cs var:detail ?></span></button>
        </form><?cs
/def ?>
<?cs

# The account's password typed again (field "password") to confirm an
# action, with the hint hint (its element's id hint_id). ?><?cs
def:current_password_field(hint_id, hint) ?>
  <div class="field">
    <label for="password"><?cs var:L.Field.current ?></label>
    <input type="password" id="password" name="password" autocomplete="current-password" required<?cs call:field_aria_hint("password", hint_id) ?>>
    <p class="hint" id="<?cs var:hint_id ?>"><?cs var:hint ?></p>
    <?cs call:field_error("password") ?>
  </div><?cs
/def ?>
