<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# post_macros.cs: pieces of a thread of posts (a debate's opinions, a
# proposal's comments; lib/posts): what the author of a post out of sight
# reads, and the form to reply to a top post. ?><?cs

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
/def ?>
