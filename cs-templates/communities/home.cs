<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# home.cs: a community's home page: its image, name, template, member
# count, the department whose intranet it is, and description; its state banner; the reader's buttons (join,
# ask to join, accept an invitation, withdraw a request, leave); its
# boards, calendar and chat for those who may read it; its managers' links; a supervisor's
# form to suspend, close or reopen it with a reason. ?><?cs
include:"communities/macros.cs" ?>
<article class="community">
<?cs if:Community.has_image == "1" ?><img class="community-image" src="/c/<?cs var:Community.slug ?>/image" alt=""><?cs /if ?>
<h1><?cs var:Community.name ?></h1>
<p class="meta"><span class="tag"><?cs var:L.Community.Template[Community.template] ?></span>
  · <?cs var:L.Community.Visibility[Community.visibility] ?> · <?cs var:L.Community.Membership[Community.membership] ?>
  · <?cs var:L.Community.Members ?> <span id="member-count"><?cs var:Community.members ?></span>
  · <?cs var:L.Community.Since ?> <?cs var:Community.created ?><?cs
if:Me.member ?> · <strong><?cs var:L.Community.Role[Me.role] ?></strong><?cs /if ?></p><?cs
if:Community.department ?>
<p class="meta" id="intranet-of"><?cs var:L.Intranet.IntranetOf ?> <strong><?cs var:Community.department ?></strong></p><?cs
/if ?>
<?cs call:community_banner(Community) ?>
<div class="text"><?cs var:Community.description ?></div>

<div class="community-actions"><?cs
if:!Session.Name ?>
  <p><a href="/login"><?cs var:L.Community.SignInToJoin ?></a></p><?cs
elif:Me.invited && Me.may_join ?>
  <p><?cs var:L.Community.InvitedNote ?></p><?cs
  call:community_button("/c/" + Community.slug + "/join", L.Community.AcceptInvite, "primary") ?><?cs
  call:community_button("/c/" + Community.slug + "/leave", L.Community.DeclineInvite, "") ?><?cs
elif:Me.pending ?>
  <p><?cs var:L.Community.PendingNote ?></p><?cs
  call:community_button("/c/" + Community.slug + "/leave", L.Community.Withdraw, "") ?><?cs
elif:Me.may_join ?><?cs
  if:Community.membership == "approval" ?><?cs
    call:community_button("/c/" + Community.slug + "/join", L.Community.AskToJoin, "primary") ?><?cs
  else ?><?cs
    call:community_button("/c/" + Community.slug + "/join", L.Community.Join, "primary") ?><?cs
  /if ?><?cs
elif:Me.banned ?>
  <p><?cs var:L.Community.BannedNote ?></p><?cs
elif:Me.member ?>
  <p><a class="button" href="/c/<?cs var:Community.slug ?>/members"><?cs if:Me.may_manage ?><?cs var:L.Community.ManageMembers ?><?cs else ?><?cs var:L.Community.MembersLink ?><?cs /if ?></a></p><?cs
  if:!Me.owner ?><?cs call:community_button("/c/" + Community.slug + "/leave", L.Community.Leave, "") ?><?cs /if ?><?cs
elif:Community.membership == "invite" ?>
  <p><?cs var:L.Community.InviteOnlyNote ?></p><?cs
/if ?>
</div>

<?cs if:Me.readable ?>
<section aria-labelledby="boards">
  <h2 id="boards"><?cs var:L.Community.Boards ?></h2><?cs
  if:subcount(Boards) > 0 ?>
  <ul class="boards"><?cs each:b = Boards ?>
    <li><a href="/c/<?cs var:Community.slug ?>/boards/<?cs var:b.kind ?>"><?cs var:L.Community.Board[b.kind] ?></a></li><?cs /each ?>
  </ul><?cs
  else ?><p><?cs var:L.Community.NoBoards ?></p><?cs /if ?>
  <ul class="community-more">
    <li><a href="/c/<?cs var:Community.slug ?>/calendar"><?cs var:L.Title.Calendar ?></a></li>
    <li><a href="/c/<?cs var:Community.slug ?>/chat"><?cs var:L.Title.Chat ?></a></li>
  </ul>
</section>
<?cs else ?>
<p class="note"><?cs var:L.Community.MembersOnly ?></p>
<?cs /if ?>

<?cs if:Me.may_manage ?>
<section aria-labelledby="image-form">
  <h2 id="image-form"><?cs var:L.Community.ImageChange ?></h2>
  <form method="post" action="/c/<?cs var:Community.slug ?>/image" enctype="multipart/form-data" class="stack">
    <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
    <div class="field">
      <label for="image"><?cs var:L.Community.Image ?></label>
      <input type="file" id="image" name="image" accept="image/*" required aria-describedby="image-hint">
      <p class="hint" id="image-hint"><?cs var:L.Community.ImageHint ?></p>
    </div>
    <button type="submit"><?cs var:L.Community.ImageSave ?></button>
  </form>
</section>
<?cs /if ?>

<?cs if:Me.may_govern ?>
<section aria-labelledby="govern" class="staff-box">
  <h2 id="govern"><?cs var:L.Community.Govern ?></h2>
  <form method="post" action="/c/<?cs var:Community.slug ?>/govern" class="stack">
    <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
    <div class="field">
      <label for="state"><?cs var:L.Community.GovernState ?></label>
      <select id="state" name="state">
        <option value="suspended"><?cs var:L.Community.GovernTo.suspended ?></option>
        <option value="closed"><?cs var:L.Community.GovernTo.closed ?></option>
        <option value="active"><?cs var:L.Community.GovernTo.active ?></option>
      </select>
    </div>
    <div class="field">
      <label for="reason"><?cs var:L.Community.Reason ?></label>
      <input type="text" id="reason" name="reason" maxlength="255" aria-describedby="reason-hint<?cs if:Form.Err.reason ?> err-reason<?cs /if ?>"<?cs if:Form.Err.reason ?> aria-invalid="true"<?cs /if ?>>
      <p class="hint" id="reason-hint"><?cs var:L.Community.ReasonHint ?></p>
      <?cs call:field_error("reason") ?>
    </div>
    <button type="submit"><?cs var:L.Community.GovernButton ?></button>
  </form>
</section>
<?cs /if ?>
</article>
