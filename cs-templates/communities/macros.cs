<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# macros.cs (communities): the pieces the community pages share: the
# state banner and a small form of one button. ?><?cs

# The banner of a community not active: suspended, closed, archived,
# with the supervisor's reason. ?><?cs
def:community_banner(c) ?><?cs
  if:c.state != "active" ?>
<p class="note community-state state-<?cs var:c.state ?>" role="status"><strong><?cs var:L.Community.State[c.state] ?></strong> <?cs var:L.Community.StateNote[c.state] ?><?cs
    if:c.state_reason ?> <?cs var:L.Community.Reason ?>: <?cs var:c.state_reason ?><?cs /if ?></p><?cs
  /if ?><?cs
/def ?><?cs

# A form of one button that POSTs to action. ?><?cs
def:community_button(action, label, button_class) ?>
<form method="post" action="<?cs var:action ?>" class="inline">
  <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
  <button type="submit"<?cs if:button_class ?> class="<?cs var:button_class ?>"<?cs /if ?>><?cs var:label ?></button>
</form><?cs
/def ?>
