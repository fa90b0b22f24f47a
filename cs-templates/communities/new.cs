<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# new.cs: the creation wizard, one step a page (Wizard.Step): 1 purpose
# and template, 2 name, address, description and image (kept, signed,
# from then on), 3 membership and
# visibility, 4 boards. Each step's form carries the answers of
# the others as hidden fields (Wizard.Hidden); the server checks them all
# again at the end. "Back" keeps every answer. ?><?cs
include:"fields.cs" ?><?cs

def:choice(name, value, label, hint) ?>
      <div class="field check">
        <input type="radio" id="<?cs var:name ?>-<?cs var:value ?>" name="<?cs var:name ?>" value="<?cs var:value ?>" required<?cs if:Form[name] == value ?> checked<?cs /if ?> aria-describedby="<?cs var:name ?>-<?cs var:value ?>-hint">
        <label for="<?cs var:name ?>-<?cs var:value ?>"><?cs var:label ?></label>
        <p class="hint" id="<?cs var:name ?>-<?cs var:value ?>-hint"><?cs var:hint ?></p>
      </div><?cs
/def ?><?cs

# One choice of name among the children of labels (value: the child's
# name, in the order of the language file), each with its hint. ?><?cs
def:choices(name, legend, labels, hints) ?>
  <fieldset>
    <legend><?cs var:legend ?></legend><?cs
  each:v = labels ?><?cs call:choice(name, name(v), v, hints[name(v)]) ?><?cs /each ?>
    <?cs call:field_error(name) ?>
  </fieldset><?cs
/def ?>
<h1><?cs var:L.Title.CommunityNew ?></h1>
<ol class="steps" aria-label="<?cs var:L.Community.Wizard.Steps ?>"><?cs
loop:i = 1, 4, 1 ?>
  <li<?cs if:Wizard.Step == i ?> aria-current="step" class="current"<?cs /if ?>><?cs var:L.Community.Wizard.Step[i] ?></li><?cs
/loop ?>
</ol>
<h2><?cs var:L.Community.Wizard.StepOf ?> <?cs var:Wizard.Step ?>/4: <?cs var:L.Community.Wizard.Step[Wizard.Step] ?></h2>
<?cs call:form_errors() ?>
<form method="post" action="/communities/new" class="stack"<?cs if:Wizard.Step == 2 ?> enctype="multipart/form-data"<?cs /if ?>>
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <?cs call:idem_field() ?>
  <input type="hidden" name="step" value="<?cs var:Wizard.Step ?>"><?cs
each:h = Wizard.Hidden ?>
  <input type="hidden" name="<?cs var:h.name ?>" value="<?cs var:h.value ?>"><?cs
/each ?><?cs
if:Wizard.Step == 1 ?>
  <fieldset>
    <legend><?cs var:L.Community.Wizard.Purpose ?></legend><?cs
  each:t = Templates ?><?cs call:choice("template", t, L.Community.Template[t], L.Community.TemplateHint[t]) ?><?cs /each ?>
    <?cs call:field_error("template") ?>
  </fieldset><?cs
  include:"communities/intranet_department.cs" ?><?cs
elif:Wizard.Step == 2 ?><?cs
  call:text_input_field("name", L.Community.Name, 100, "") ?>
    <div class="field">
      <label for="slug"><?cs var:L.Community.Slug ?></label>
      <input type="text" id="slug" name="slug" maxlength="40" required pattern="[a-z0-9-]{3,40}" autocapitalize="none" spellcheck="false" value="<?cs var:Form.slug ?>"<?cs call:field_aria_hint("slug", "slug-hint") ?>>
      <p class="hint" id="slug-hint"><?cs var:L.Community.SlugHint ?></p>
      <?cs call:field_error("slug") ?>
    </div>
    <div class="field">
      <label for="description"><?cs var:L.Community.Description ?></label>
      <textarea id="description" name="description" rows="6" maxlength="2000"<?cs call:field_aria("description") ?>><?cs var:Form.description ?></textarea>
      <?cs call:field_error("description") ?>
    </div>
    <div class="field">
      <label for="image"><?cs var:L.Community.Image ?></label>
      <input type="file" id="image" name="image" accept="image/*"<?cs call:field_aria_hint("image", "image-hint") ?>>
      <p class="hint" id="image-hint"><?cs var:L.Community.ImageHint ?><?cs if:Form.image_stored ?> <?cs var:L.Community.ImageKept ?><?cs /if ?></p>
      <?cs call:field_error("image") ?>
    </div><?cs
elif:Wizard.Step == 3 ?><?cs
  call:choices("membership", L.Community.MembershipLabel, L.Community.Membership, L.Community.MembershipHint) ?><?cs
  call:choices("visibility", L.Community.VisibilityLabel, L.Community.Visibility, L.Community.VisibilityHint) ?><?cs
else ?>
  <fieldset>
    <legend><?cs var:L.Community.BoardsLabel ?></legend><?cs
  call:checkbox_field("board_notice", L.Community.Board.notice, "", "") ?><?cs
  call:checkbox_field("board_free", L.Community.Board.free, "", "") ?><?cs
  call:checkbox_field("board_qna", L.Community.Board.qna, "", "") ?><?cs
  call:checkbox_field("board_gallery", L.Community.Board.gallery, "", "") ?><?cs
  call:checkbox_field("board_files", L.Community.Board.files, "", "") ?>
    <?cs call:field_error("board_notice") ?>
  </fieldset>
<?cs
/if ?>
  <div class="actions">
    <button type="submit" name="go" value="next" class="primary"><?cs if:Wizard.Step == 4 ?><?cs var:L.Community.Wizard.Create ?><?cs else ?><?cs var:L.Community.Wizard.Next ?><?cs /if ?></button><?cs
if:Wizard.Step > 1 ?>
    <button type="submit" name="go" value="back" formnovalidate><?cs var:L.Community.Wizard.Back ?></button><?cs
/if ?>
  </div>
</form>
