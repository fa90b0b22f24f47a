<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# objection.cs: the author's objection to a hold, hide or delete of their
# text (Item.*): what happened and why, the text (theirs to read), and the
# form whose answer lands in the moderators' queue. ?><?cs
include:"fields.cs" ?>
<h1 id="objection-h"><?cs var:L.Title.Objection ?></h1>
<p class="tracking"><?cs var:L.Moderation.Kind[Item.kind] ?> · <a href="<?cs var:Item.url ?>"><?cs var:Item.title ?></a></p>
<p class="flash warning"><?cs var:L.Moderation.State[Item.moderation] ?><?cs if:Item.moderation_reason ?> <?cs var:L.Moderation.ReasonIs ?> <?cs var:Item.moderation_reason ?><?cs /if ?></p>
<?cs if:Objection.Done ?>
<p class="flash" role="status"><?cs var:L.Moderation.Objected ?></p>
<?cs elif:Item.moderation == "visible" ?>
<p><?cs var:L.Err.objection_visible ?></p>
<?cs else ?>
<p><?cs var:L.Moderation.ObjectionLead ?></p>
<form method="post" action="/objection/<?cs var:Item.kind ?>/<?cs var:Item.item_key ?>" class="stack" aria-labelledby="objection-h">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <?cs call:form_errors() ?>
  <div class="field">
    <label for="text"><?cs var:L.Moderation.ObjectionText ?></label>
    <textarea id="text" name="text" rows="5" required maxlength="<?cs var:Objection.Max ?>"<?cs call:field_aria("text") ?>><?cs var:Form.text ?></textarea>
    <?cs call:field_error("text") ?>
  </div>
  <button type="submit" class="primary"><?cs var:L.Moderation.Send ?></button>
</form>
<?cs /if ?>
