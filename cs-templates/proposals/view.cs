<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# view.cs: a policy proposal: its state, the support bar and button, its
# three sections, location and files, the department's answer when there
# is one, its history; for its author edit and withdraw while allowed,
# for a supervisor the promotion to the threshold, for staff of its
# department opening its review below the threshold; the comments (one
# level of replies, oldest first, paged) and the form to comment. ?><?cs
include:"case_macros.cs" ?><?cs include:"fields.cs" ?><?cs include:"proposals/macros.cs" ?><?cs
include:"post_macros.cs" ?>
<article class="case proposal">
  <h1><?cs var:Proposal.title ?></h1>
<?cs if:Proposal.moderation != "visible" ?>
  <p class="flash error" role="status"><?cs var:L.Proposal.Moderation[Proposal.moderation] ?><?cs if:Proposal.moderation_reason ?> (<?cs var:Proposal.moderation_reason ?>)<?cs /if ?><?cs
  if:Proposal.mine == "1" && Proposal.moderation != "deleted" ?> <a href="/objection/proposal/<?cs var:Proposal.id ?>"><?cs var:L.Debate.Object ?></a><?cs /if ?></p>
<?cs /if ?>
  <dl class="facts">
    <dt><?cs var:L.Col.Status ?></dt><dd><?cs call:proposal_state(Proposal.state) ?></dd>
    <dt><?cs var:L.Col.Category ?></dt><dd><?cs var:Proposal.category ?></dd>
    <dt><?cs var:L.Proposal.Author ?></dt><dd><?cs call:person(Proposal.author) ?></dd>
    <dt><?cs var:L.Col.Date ?></dt><dd><?cs var:Proposal.created ?></dd>
    <dt><?cs var:L.Proposal.Closes ?></dt><dd><?cs var:Proposal.closes ?></dd><?cs
  if:Proposal.department ?>
    <dt><?cs var:L.Col.Department ?></dt><dd><?cs var:Proposal.department ?></dd><?cs
  /if ?><?cs
  if:Proposal.address ?>
    <dt><?cs var:L.Col.Address ?></dt><dd><?cs var:Proposal.address ?></dd><?cs
  /if ?><?cs
  if:Proposal.lat ?>
    <dt><?cs var:L.Col.Location ?></dt><dd><?cs var:Proposal.lat ?>, <?cs var:Proposal.lng ?></dd><?cs
  /if ?>
  </dl>
  <section aria-labelledby="support-h" class="support-box">
    <h2 id="support-h"><?cs var:L.Proposal.SupportHeading ?></h2>
<?cs call:support_bar(Proposal, "support-bar") ?>
<?cs if:Can.support ?><?cs if:Proposal.supported == "1" ?>
    <p><?cs var:L.Proposal.YouSupport ?></p>
    <form method="post" action="/proposals/<?cs var:Proposal.id ?>/support" class="inline">
      <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
      <input type="hidden" name="action" value="remove">
      <button type="submit"><?cs var:L.Proposal.Unsupport ?></button>
    </form><?cs else ?>
    <form method="post" action="/proposals/<?cs var:Proposal.id ?>/support" class="inline">
      <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
      <input type="hidden" name="action" value="add">
      <button type="submit" class="primary"><?cs var:L.Proposal.Support ?></button>
    </form><?cs /if ?><?cs
  elif:Proposal.state == "open" && !Session.Name ?>
    <p><a href="/login"><?cs var:L.Proposal.SignInToSupport ?></a></p><?cs
  elif:Proposal.supported == "1" ?>
    <p><?cs var:L.Proposal.YouSupport ?></p><?cs
  /if ?>
    <p class="hint"><?cs var:L.Proposal.StateHint[Proposal.state] ?></p>
  </section>
<?cs if:Proposal.lat ?><?cs call:map_box() ?><?cs /if ?>
<?cs each:sec = L.Proposal.Section ?>
  <section class="body">
    <h2><?cs var:sec ?></h2>
    <div class="text"><?cs var:Proposal[name(sec)] ?></div>
  </section>
<?cs /each ?>
<?cs if:subcount(Attachments) > 0 ?>
  <section>
    <h2><?cs var:L.Case.Files ?></h2>
    <ul class="files"><?cs each:f = Attachments ?>
      <li><a href="/proposals/attachments/<?cs var:f.id ?>"><?cs var:f.name ?></a> <span class="meta">(<?cs var:f.type ?>, <?cs var:f.size ?> B)</span></li><?cs /each ?>
    </ul>
  </section>
<?cs /if ?>
<?cs if:Review.tracking ?>
  <section aria-labelledby="proposal-answer-h">
    <h2 id="proposal-answer-h"><?cs var:L.Proposal.Answer ?></h2>
    <dl class="facts">
      <dt><?cs var:L.Proposal.Review.Case ?></dt><dd><a href="/cases/<?cs var:Review.tracking ?>"><?cs var:Review.tracking ?></a><?cs
  if:Session.Staff == "1" ?> · <a href="/staff/cases/<?cs var:Review.tracking ?>"><?cs var:L.Proposal.HandleCase ?></a><?cs /if ?></dd><?cs
  if:Review.department ?>
      <dt><?cs var:L.Proposal.Review.Department ?></dt><dd><?cs var:Review.department ?></dd><?cs /if ?><?cs
  if:Review.outcome ?>
      <dt><?cs var:L.Act.Field.outcome ?></dt><dd><strong class="outcome-<?cs var:Review.outcome ?>"><?cs var:L.Proposal.Outcome[Review.outcome] ?></strong></dd>
      <dt><?cs var:L.Proposal.Review.Answered ?></dt><dd><time><?cs var:Review.sent ?></time></dd><?cs
  elif:Proposal.state == "review" ?>
      <dt><?cs var:L.Proposal.Review.Due ?></dt><dd><time><?cs var:Review.due ?></time></dd><?cs /if ?>
    </dl><?cs
  if:Review.outcome ?>
    <h3><?cs var:L.Proposal.Review.Reasons ?></h3>
    <div class="text"><?cs var:Review.reasons ?></div><?cs
    if:Review.plan ?>
    <h3><?cs var:L.Proposal.Review.Plan ?></h3>
    <div class="text"><?cs var:Review.plan ?></div><?cs /if ?><?cs
  /if ?><?cs
  if:subcount(Updates) > 0 ?>
    <h3><?cs var:L.Proposal.Review.Updates ?></h3>
    <ol class="timeline"><?cs each:u = Updates ?>
      <li><p><time><?cs var:u.at ?></time></p><div class="text"><?cs var:u.body ?></div></li><?cs /each ?>
    </ol><?cs
  /if ?>
  </section>
<?cs elif:Proposal.outcome ?>
  <section>
    <h2><?cs var:L.Proposal.Answer ?></h2>
    <p><?cs var:L.Proposal.Outcome[Proposal.outcome] ?> <time><?cs var:Proposal.answered ?></time></p>
  </section>
<?cs /if ?>
  <section>
    <h2><?cs var:L.Case.History ?></h2>
    <ol class="timeline"><?cs each:e = History ?>
      <li><p><strong><?cs var:L.Proposal.Event[e.kind] ?></strong> <time><?cs var:e.at ?></time><?cs if:e.kind == "answered" ?> · <?cs var:L.Proposal.Outcome[e.detail] ?><?cs elif:e.kind == "routed" ?> · <?cs var:e.detail ?><?cs elif:e.detail ?> · <?cs var:L.Proposal.Supports ?> <?cs var:e.detail ?><?cs /if ?></p></li><?cs /each ?>
    </ol>
  </section>
  <section aria-labelledby="comments-h" class="comments">
    <h2 id="comments-h"><?cs var:L.Comment.Heading ?> (<?cs var:Proposal.comments ?>)</h2>
<?cs call:comment_list("/proposals/" + Proposal.id + "/comments", Can.comment && Me.citizen, Me.citizen) ?>
<?cs call:pager("/proposals/" + Proposal.id + "?") ?>
<?cs if:Can.comment && Me.citizen ?>
<?cs call:comment_form("/proposals/" + Proposal.id + "/comments") ?>
<?cs elif:Can.comment && !Session.Name ?>
    <p><a href="/login"><?cs var:L.Comment.SignIn ?></a></p>
<?cs /if ?>
  </section>
<?cs if:Me.citizen && Proposal.mine != "1" && Proposal.moderation == "visible" ?>
  <p class="meta"><a href="/report/proposal/<?cs var:Proposal.id ?>"><?cs var:L.Comment.ReportProposal ?></a></p>
<?cs /if ?>
<?cs if:Can.edit || Can.withdraw || Can.promote || Can.open_review ?>
  <section aria-labelledby="proposal-actions-h">
    <h2 id="proposal-actions-h"><?cs var:L.CaseAct.Title ?></h2><?cs
  if:Can.edit ?>
    <p><a class="button" href="/proposals/<?cs var:Proposal.id ?>/edit"><?cs var:L.Proposal.Edit ?></a> <span class="hint"><?cs var:L.Proposal.EditHint ?></span></p><?cs
  /if ?><?cs
  if:Can.withdraw ?>
    <form method="post" action="/proposals/<?cs var:Proposal.id ?>/withdraw" class="inline">
      <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
      <button type="submit"><?cs var:L.Proposal.Withdraw ?></button>
      <span class="hint"><?cs var:L.Proposal.WithdrawHint ?></span>
    </form><?cs
  /if ?><?cs
  if:Can.promote ?>
    <form method="post" action="/proposals/<?cs var:Proposal.id ?>/promote" class="inline">
      <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
      <button type="submit"><?cs var:L.Proposal.Promote ?></button>
      <span class="hint"><?cs var:L.Proposal.PromoteHint ?></span>
    </form><?cs
  /if ?><?cs
  if:Can.open_review ?>
    <form method="post" action="/proposals/<?cs var:Proposal.id ?>/review" class="inline">
      <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
      <button type="submit"><?cs var:L.Proposal.OpenReview ?></button>
      <span class="hint"><?cs var:L.Proposal.OpenReviewHint ?></span>
    </form><?cs
  /if ?>
  </section>
<?cs /if ?>
</article>
