<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# form.cs: writing a post on a community's board, or its author's edit
# (Edit.id): title, text, a link to a public complaint or proposal, and
# files (a gallery's images, a files board's documents: a file of a name
# the post has becomes its next version). ?><?cs
include:"boards/macros.cs" ?><?cs include:"fields.cs" ?>
<?cs call:board_nav(Board.kind) ?>
<h1><?cs if:Edit.id ?><?cs var:L.Title.BoardEdit ?><?cs else ?><?cs var:L.Title.BoardNew ?><?cs /if ?> · <?cs var:L.Board.Kind[Board.kind] ?></h1>
<?cs if:Me.Restricted ?><p class="flash warning" id="restricted"><?cs var:L.Comment.Restricted ?><?cs if:Me.Until ?> <?cs var:L.Debate.Until ?> <?cs var:Me.Until ?><?cs /if ?></p><?cs /if ?>
<?cs call:form_errors() ?>
<form method="post" action="<?cs if:Edit.id ?>/c/<?cs var:Community.slug ?>/posts/<?cs var:Edit.id ?>/edit<?cs else ?>/c/<?cs var:Community.slug ?>/boards/<?cs var:Board.kind ?>/new<?cs /if ?>" enctype="multipart/form-data" class="stack">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <?cs if:!Edit.id ?><?cs call:idem_field() ?><?cs /if ?>
  <div class="field">
    <label for="title"><?cs var:L.Board.Title ?></label>
    <input type="text" id="title" name="title" value="<?cs var:Form.title ?>" maxlength="200" required<?cs call:field_aria("title") ?>>
    <?cs call:field_error("title") ?>
  </div>
  <div class="field">
    <label for="body"><?cs var:L.Board.Body ?></label>
    <textarea id="body" name="body" rows="10" maxlength="20000" required<?cs call:field_aria("body") ?>><?cs var:Form.body ?></textarea>
    <?cs call:field_error("body") ?>
  </div>
  <fieldset>
    <legend><?cs var:L.Board.Link ?></legend>
    <p class="hint" id="link-hint"><?cs var:L.Board.LinkHint ?></p>
    <div class="field">
      <label for="link_kind"><?cs var:L.Board.LinkKind ?></label>
      <select id="link_kind" name="link_kind" aria-describedby="link-hint">
        <option value=""<?cs if:!Form.link_kind ?> selected<?cs /if ?>><?cs var:L.Board.LinkNone ?></option>
        <option value="case"<?cs if:Form.link_kind == "case" ?> selected<?cs /if ?>><?cs var:L.Board.LinkCase ?></option>
        <option value="proposal"<?cs if:Form.link_kind == "proposal" ?> selected<?cs /if ?>><?cs var:L.Board.LinkProposal ?></option>
      </select>
    </div>
    <div class="field">
      <label for="link_key"><?cs var:L.Board.LinkKey ?></label>
      <input type="text" id="link_key" name="link_key" value="<?cs var:Form.link_key ?>" maxlength="20"<?cs call:field_aria("link_key") ?>>
      <?cs call:field_error("link_key") ?>
    </div>
  </fieldset>
  <div class="field">
    <label for="attachments"><?cs if:Board.kind == "gallery" ?><?cs var:L.Board.Images ?><?cs else ?><?cs var:L.Field.attachments ?><?cs /if ?></label>
    <input type="file" id="attachments" name="attachments" multiple accept="<?cs if:Board.kind == "gallery" ?>image/jpeg,image/png,image/gif,image/webp<?cs elif:Board.kind == "files" ?>application/pdf,text/plain<?cs else ?>image/jpeg,image/png,image/gif,image/webp,application/pdf,text/plain<?cs /if ?>" aria-describedby="attachments-hint<?cs if:Form.Err.attachments ?> err-attachments<?cs /if ?>"<?cs if:Form.Err.attachments ?> aria-invalid="true"<?cs /if ?>>
    <p class="hint" id="attachments-hint"><?cs var:L.Board.FilesHint[Board.kind] ?></p>
    <?cs call:field_error("attachments") ?>
  </div>
  <button type="submit" class="primary"><?cs if:Edit.id ?><?cs var:L.Board.Save ?><?cs else ?><?cs var:L.Board.Submit ?><?cs /if ?></button>
</form>
