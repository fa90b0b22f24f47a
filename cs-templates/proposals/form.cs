<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# form.cs: writing a policy proposal (정책제안), or editing one (Edit.id)
# while nobody supports it yet: title, category, the three sections
# (problem, proposal, expected effect), location and, when new, files; a
# warning first while a penalty stops the person posting in public. ?><?cs
include:"map.cs" ?><?cs include:"fields.cs" ?><?cs

# One of the three sections: a labelled text area with its hint. ?><?cs
def:proposal_section(name) ?>
  <div class="field">
    <label for="<?cs var:name ?>"><?cs var:L.Proposal.Section[name] ?></label>
    <textarea id="<?cs var:name ?>" name="<?cs var:name ?>" rows="6" maxlength="10000" required<?cs call:field_aria_hint(name, name + "-hint") ?>><?cs var:Form[name] ?></textarea>
    <p class="hint" id="<?cs var:name ?>-hint"><?cs var:L.Proposal.Hint[name] ?></p>
    <?cs call:field_error(name) ?>
  </div><?cs
/def ?>
<h1><?cs if:Edit.id ?><?cs var:L.Title.ProposalEdit ?><?cs else ?><?cs var:L.Title.ProposalNew ?><?cs /if ?></h1>
<?cs if:!Edit.id ?><p><?cs var:L.Proposal.FormLead ?></p><?cs /if ?>
<?cs if:Me.Restricted ?><p class="flash warning" id="restricted"><?cs var:L.Comment.ProposalRestricted ?><?cs if:Me.Until ?> <?cs var:L.Debate.Until ?> <?cs var:Me.Until ?><?cs /if ?></p><?cs /if ?>
<?cs call:form_errors() ?>
<form method="post" action="<?cs if:Edit.id ?>/proposals/<?cs var:Edit.id ?>/edit<?cs else ?>/proposals/new<?cs /if ?>"<?cs if:!Edit.id ?> enctype="multipart/form-data"<?cs /if ?> class="stack">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <?cs if:!Edit.id ?><?cs call:idem_field() ?><?cs /if ?>
<?cs call:category_and_title() ?>
<?cs call:proposal_section("problem") ?>
<?cs call:proposal_section("proposal") ?>
<?cs call:proposal_section("effect") ?>
<?cs if:Edit.id ?><?cs call:location_and_files(0) ?><?cs else ?><?cs call:location_and_files(1) ?><?cs /if ?>
  <button type="submit" class="primary"><?cs if:Edit.id ?><?cs var:L.Proposal.Save ?><?cs else ?><?cs var:L.Proposal.Submit ?><?cs /if ?></button>
</form>
