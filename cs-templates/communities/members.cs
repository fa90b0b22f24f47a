<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# members.cs: a community's members. Members see the list; its managers
# also see the requests to join (approve, reject), the invited and the
# banned, and act on members (remove, ban, unban); the owner promotes and
# demotes managers and hands the community over; managers invite by
# login ID; members write a note to another member. ?><?cs
include:"fields.cs" ?><?cs include:"communities/macros.cs" ?><?cs

def:act(p, action, label) ?><?cs
  call:row_action("/c/" + Community.slug + "/members", action, "account_id", p.id, label, p.name) ?><?cs
/def ?>
<h1><?cs var:L.Title.CommunityMembers ?>: <a href="/c/<?cs var:Community.slug ?>"><?cs var:Community.name ?></a></h1>
<?cs call:community_banner(Community) ?>
<table class="people">
  <caption><?cs var:L.Community.Members ?> <?cs var:Community.members ?></caption>
  <thead><tr><th scope="col"><?cs var:L.Community.Person ?></th><th scope="col"><?cs var:L.Community.RoleLabel ?></th><th scope="col"><?cs var:L.Community.StateLabel ?></th><th scope="col"><?cs var:L.Community.SinceLabel ?></th><?cs if:Me.may_manage ?><th scope="col"><?cs var:L.Community.Actions ?></th><?cs /if ?></tr></thead>
  <tbody><?cs
each:p = People ?>
    <tr class="person-<?cs var:p.state ?>" id="person-<?cs var:p.id ?>">
      <th scope="row"><?cs var:p.name ?> <span class="meta">(<?cs var:p.login ?>)</span><?cs
        if:Me.member && p.state == "active" && p.id != Me.id ?> <a href="/notes/new?to=<?cs var:p.id ?>"><?cs var:L.Notes.Write ?></a><?cs /if ?></th>
      <td><?cs if:p.state == "active" ?><?cs var:L.Community.Role[p.role] ?><?cs else ?>–<?cs /if ?></td>
      <td><?cs var:L.Community.MemberState[p.state] ?></td>
      <td><?cs var:p.since ?></td><?cs
  if:Me.may_manage ?>
      <td><?cs
    if:p.id != Me.id ?><?cs
      if:p.state == "pending" ?><?cs call:act(p, "approve", L.Community.Act.approve) ?><?cs call:act(p, "reject", L.Community.Act.reject) ?><?cs
      elif:p.state == "banned" ?><?cs call:act(p, "unban", L.Community.Act.unban) ?><?cs
      elif:p.state == "active" && p.role != "owner" && (p.role == "member" || Me.owner) ?><?cs
        call:act(p, "remove", L.Community.Act.remove) ?><?cs call:act(p, "ban", L.Community.Act.ban) ?><?cs
        if:Me.owner ?><?cs
          if:p.role == "member" ?><?cs call:act(p, "promote", L.Community.Act.promote) ?><?cs
          else ?><?cs call:act(p, "demote", L.Community.Act.demote) ?><?cs /if ?><?cs
          call:act(p, "transfer", L.Community.Act.transfer) ?><?cs
        /if ?><?cs
      elif:p.state == "invited" ?><?cs call:act(p, "ban", L.Community.Act.ban) ?><?cs
      else ?>–<?cs
      /if ?><?cs
    else ?>–<?cs
    /if ?></td><?cs
  /if ?>
    </tr><?cs
/each ?>
  </tbody>
</table>
<?cs if:Me.may_manage ?>
<section aria-labelledby="invite">
  <h2 id="invite"><?cs var:L.Community.Invite ?></h2>
  <?cs call:form_errors() ?>
  <form method="post" action="/c/<?cs var:Community.slug ?>/members" class="stack">
    <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
    <input type="hidden" name="action" value="invite">
    <div class="field">
      <label for="login_id"><?cs var:L.Community.InviteLogin ?></label>
      <input type="text" id="login_id" name="login_id" maxlength="32" required autocapitalize="none" spellcheck="false" value="<?cs var:Form.login_id ?>"<?cs call:field_aria("login_id") ?>>
      <?cs call:field_error("login_id") ?>
    </div>
    <button type="submit"><?cs var:L.Community.InviteButton ?></button>
  </form>
</section>
<?cs /if ?>
<p><a href="/c/<?cs var:Community.slug ?>"><?cs var:L.Community.BackHome ?></a></p>
