<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# post_macros.cs: pieces of a thread of posts (a debate's opinions, a
# proposal's or a community board post's comments; lib/posts): what the
# author of a post out of sight reads, the form to reply to a top post,
# and a list of comments with their replies. ?><?cs

# The line its author reads on their own held or hidden post p (with the
# moderator's reason) and the way to object; nothing on a visible one. ?><?cs
def:post_note(p) ?><?cs
  if:p.moderation == "held" ?>
        <p class="moderation-note"><?cs var:L.Debate.Held ?><?cs if:p.reason ?> <?cs var:L.Debate.Reason ?> <?cs var:p.reason ?><?cs /if ?></p><?cs
  elif:p.moderation == "hidden" ?>
        <p class="moderation-note"><?cs var:L.Debate.Hidden ?><?cs if:p.reason ?> <?cs var:L.Debate.Reason ?> <?cs var:p.reason ?><?cs /if ?></p><?cs
  /if ?><?cs
  if:p.moderation != "visible" ?>
        <p class="meta"><a href="/objection/post/<?cs var:p.id ?>"><?cs var:L.Debate.Object ?></a></p><?cs
  /if ?><?cs
/def ?><?cs

# The folded form to reply to top post o, posted to action; label names
# the text box. A reply sent back (Form.reply_to) opens with its text and
# error. ?><?cs
def:reply_form(action, o, label) ?>
    <details class="reply-form"<?cs if:Form.reply_to == o.id ?> open<?cs /if ?>>
      <summary><?cs var:L.Debate.Reply ?></summary>
      <form method="post" action="<?cs var:action ?>" class="stack">
        <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
        <?cs call:idem_field() ?>
        <input type="hidden" name="reply_to" value="<?cs var:o.id ?>">
        <div class="field">
          <label for="reply-<?cs var:o.id ?>"><?cs var:label ?></label>
          <textarea id="reply-<?cs var:o.id ?>" name="body" rows="3" maxlength="2000" required<?cs if:Form.reply_to == o.id && Form.Err.body ?> aria-invalid="true" aria-describedby="err-reply-<?cs var:o.id ?>"<?cs /if ?>><?cs if:Form.reply_to == o.id ?><?cs var:Form.body ?><?cs /if ?></textarea><?cs
  if:Form.reply_to == o.id && Form.Err.body ?>
          <p class="field-error" id="err-reply-<?cs var:o.id ?>"><?cs var:L.Err[Form.Err.body] ?></p><?cs /if ?>
        </div>
        <button type="submit"><?cs var:L.Debate.ReplySubmit ?></button>
      </form>
    </details><?cs
/def ?><?cs

# Its author's own comment p on a page that lets them change it
# (CommentEdit.base, a board post's): the folded form to edit it while it
# is visible and they may post (CommentEdit.may_edit; sent back with an
# error it opens with what they wrote), and the button to delete it. ?><?cs
def:comment_own(p) ?>
        <div class="post-actions"><?cs
  if:p.moderation == "visible" && CommentEdit.may_edit ?>
          <details class="reply-form"<?cs if:Form.edit_id == p.id ?> open<?cs /if ?>>
            <summary><?cs var:L.Comment.Edit ?></summary>
            <form method="post" action="<?cs var:CommentEdit.base ?>/<?cs var:p.id ?>/edit" class="stack">
              <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
              <div class="field">
                <label for="edit-<?cs var:p.id ?>"><?cs var:L.Comment.EditLabel ?></label>
                <textarea id="edit-<?cs var:p.id ?>" name="text" rows="3" maxlength="2000" required<?cs if:Form.edit_id == p.id && Form.Err.text ?> aria-invalid="true" aria-describedby="err-edit-<?cs var:p.id ?>"<?cs /if ?>><?cs if:Form.edit_id == p.id ?><?cs var:Form.text ?><?cs else ?><?cs var:p.body ?><?cs /if ?></textarea><?cs
    if:Form.edit_id == p.id && Form.Err.text ?>
                <p class="field-error" id="err-edit-<?cs var:p.id ?>"><?cs var:L.Err[Form.Err.text] ?></p><?cs /if ?>
              </div>
              <button type="submit"><?cs var:L.Comment.Save ?></button>
            </form>
          </details><?cs
  /if ?>
          <form method="post" action="<?cs var:CommentEdit.base ?>/<?cs var:p.id ?>/delete" class="inline">
            <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
            <button type="submit" aria-label="<?cs var:L.Comment.Delete ?>: <?cs var:p.created ?>"><?cs var:L.Comment.Delete ?></button>
          </form>
        </div><?cs
/def ?><?cs

# A comment or reply: who and when, its text or the moderation's
# placeholder or note (its author sees their own held or hidden one, with
# the way to object), and, when may_report, the report link for others. ?><?cs
def:comment(p, may_report) ?>
        <p class="meta"><?cs var:L.Debate.By ?> <strong><?cs call:person(p.author) ?></strong> · <?cs var:p.created ?><?cs if:p.edited ?> · <?cs var:L.Comment.Edited ?> <?cs var:p.edited ?><?cs /if ?><?cs if:p.mine == "1" ?> <span class="tag"><?cs var:L.Debate.Mine ?></span><?cs /if ?></p><?cs
  if:p.moderation == "deleted" ?>
        <p class="removed"><?cs var:L.Debate.Removed ?></p><?cs
  else ?><?cs call:post_note(p) ?>
        <div class="text"><?cs var:p.body ?></div><?cs
    if:CommentEdit.base && p.mine == "1" ?><?cs call:comment_own(p) ?><?cs /if ?><?cs
    if:may_report && p.mine != "1" && p.moderation == "visible" ?>
        <p class="meta post-actions"><a href="/report/post/<?cs var:p.id ?>" aria-label="<?cs var:L.Debate.Report ?>: <?cs var:L.Debate.By ?> <?cs call:person(p.author) ?>, <?cs var:p.created ?>"><?cs var:L.Debate.Report ?></a></p><?cs
    /if ?><?cs
  /if ?><?cs
/def ?><?cs

# The comments (Comments.N with their Replies), oldest first, or the line
# that there is none; when may_reply, each visible one's folded reply
# form posting to action. ?><?cs
def:comment_list(action, may_reply, may_report) ?>
<?cs if:subcount(Comments) == 0 ?>
    <p><?cs var:L.Comment.None ?></p>
<?cs /if ?>
<?cs each:o = Comments ?>
    <article class="post" id="post-<?cs var:o.id ?>" aria-label="<?cs var:L.Debate.By ?> <?cs call:person(o.author) ?>, <?cs var:o.created ?>">
<?cs call:comment(o, may_report) ?>
<?cs if:subcount(o.Replies) > 0 ?>
      <ul class="replies" aria-label="<?cs var:L.Debate.Replies ?>"><?cs each:p = o.Replies ?>
        <li class="post reply" id="post-<?cs var:p.id ?>"><?cs call:comment(p, may_report) ?>
        </li><?cs /each ?>
      </ul>
<?cs /if ?>
<?cs if:may_reply && o.moderation == "visible" ?><?cs
  call:reply_form(action, o, L.Comment.ReplyLabel) ?>
<?cs /if ?>
    </article>
<?cs /each ?><?cs
/def ?><?cs

# The form to write a comment, posted to action, with the warning first
# while a penalty stops the person posting in public; a comment sent back
# (not a reply) keeps its text and error. ?><?cs
def:comment_form(action) ?>
    <h3 id="comment-write"><?cs var:L.Comment.Write ?></h3>
<?cs if:Me.Restricted ?>    <p class="flash warning" id="restricted"><?cs var:L.Comment.Restricted ?><?cs if:Me.Until ?> <?cs var:L.Debate.Until ?> <?cs var:Me.Until ?><?cs /if ?></p><?cs /if ?>
    <form method="post" action="<?cs var:action ?>" class="stack">
      <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
      <?cs call:idem_field() ?>
      <div class="field">
        <label for="body"><?cs var:L.Comment.Body ?></label>
        <textarea id="body" name="body" rows="4" maxlength="2000" required aria-describedby="body-hint<?cs if:!Form.reply_to && Form.Err.body ?> err-body<?cs /if ?>"<?cs if:!Form.reply_to && Form.Err.body ?> aria-invalid="true"<?cs /if ?>><?cs if:!Form.reply_to ?><?cs var:Form.body ?><?cs /if ?></textarea>
        <p class="hint" id="body-hint"><?cs var:L.Comment.BodyHint ?></p><?cs if:!Form.reply_to ?>
        <?cs call:field_error("body") ?><?cs /if ?>
      </div>
      <button type="submit" class="primary"><?cs var:L.Comment.Submit ?></button>
    </form>
<?cs
/def ?>
