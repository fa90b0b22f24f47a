<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# fields.cs: form parts the administration pages write alike (with the
# general ones of ../../fields.cs, which a page includes first). ?><?cs

# The departments of Depts as <option>s, the one whose id is selected
# chosen; the one whose id is skip left out (0: none). ?><?cs
def:dept_options(selected, skip) ?><?cs each:d = Depts ?><?cs if:d.id != skip ?>
      <option value="<?cs var:d.id ?>"<?cs if:d.id == selected ?> selected<?cs /if ?>><?cs var:d.indent ?><?cs var:d.name ?></option>
<?cs /if ?><?cs /each ?><?cs
/def ?><?cs

# A department's names in Korean and in English. ?><?cs
def:dept_name_fields() ?><?cs
  call:text_input_field("name_ko", L.Admin.Dept.NameKo, 100, "") ?>
  <div class="field">
    <label for="name_en"><?cs var:L.Admin.Dept.NameEnField ?></label>
    <input type="text" id="name_en" name="name_en" maxlength="100" required lang="en" value="<?cs var:Form.name_en ?>"<?cs call:field_aria("name_en") ?>>
    <?cs call:field_error("name_en") ?>
  </div><?cs
/def ?><?cs


# A required time of day, HH:MM. ?><?cs
def:time_field(name, label) ?>
      <div class="field">
        <label for="<?cs var:name ?>"><?cs var:label ?></label>
        <input type="text" id="<?cs var:name ?>" name="<?cs var:name ?>" inputmode="numeric" pattern="[0-2][0-9]:[0-5][0-9]" maxlength="5" size="5" required value="<?cs var:Form[name] ?>"<?cs call:field_aria(name) ?>>
        <?cs call:field_error(name) ?>
      </div><?cs
/def ?><?cs

# An optional filter of a search form: a word typed as stored (no
# capitals added, no spelling checked), or a date. ?><?cs
def:word_filter(name, label, maxlength) ?>
    <div class="field">
      <label for="<?cs var:name ?>"><?cs var:label ?></label>
      <input type="text" id="<?cs var:name ?>" name="<?cs var:name ?>" maxlength="<?cs var:maxlength ?>" autocapitalize="none" spellcheck="false" value="<?cs var:Form[name] ?>"<?cs call:field_aria(name) ?>>
      <?cs call:field_error(name) ?>
    </div><?cs
/def ?><?cs
def:date_filter(name, label) ?>
    <div class="field">
      <label for="<?cs var:name ?>"><?cs var:label ?></label>
      <input type="date" id="<?cs var:name ?>" name="<?cs var:name ?>" value="<?cs var:Form[name] ?>"<?cs call:field_aria(name) ?>>
      <?cs call:field_error(name) ?>
    </div><?cs
/def ?><?cs

# The start of one of the forms of a staff member's page that posts the
# sub-action action (page_admin_member_action; "": its buttons name it),
# under the heading whose id is heading; no_autofill: the browser must not
# fill it in (a password for someone else). ?><?cs
def:member_form(action, heading, no_autofill) ?>
<form method="post" action="/admin/staff/<?cs var:Member.id ?>" class="stack" aria-labelledby="<?cs var:heading ?>"<?cs if:no_autofill ?> autocomplete="off"<?cs /if ?>>
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>"><?cs if:action ?>
  <input type="hidden" name="action" value="<?cs var:action ?>"><?cs /if ?><?cs
/def ?>
