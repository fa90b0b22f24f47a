<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# my.cs: "my page" (마이페이지): everything a person does on the portal,
# one section each with its count in the heading: complaints, proposals
# (own, with state), supports, debate opinions, comments on proposals,
# reports (with their outcome), mileage, penalties (with the objection
# form), notices. ?><?cs
include:"case_macros.cs" ?><?cs include:"fields.cs" ?><?cs include:"penalty_macros.cs" ?><?cs
include:"proposals/macros.cs" ?><?cs

# A table of proposals (MyProposals or MySupports), captioned cap; with
# the day of the support when supports. ?><?cs
def:my_proposals(rows, cap, supports) ?>
  <table class="cases my-proposals">
    <caption class="visually-hidden"><?cs var:cap ?></caption>
    <thead><tr>
      <th scope="col"><?cs var:L.Mileage.Col.at ?></th>
      <th scope="col"><?cs var:L.MyPage.Col.proposal ?></th>
      <th scope="col"><?cs var:L.Col.Status ?></th>
      <th scope="col"><?cs var:L.Proposal.Supports ?></th>
    </tr></thead>
    <tbody>
<?cs each:p = rows ?>
      <tr>
        <td data-label="<?cs var:L.Mileage.Col.at ?>"><?cs if:supports ?><?cs var:p.supported ?><?cs else ?><?cs var:p.date ?><?cs /if ?></td>
        <td data-label="<?cs var:L.MyPage.Col.proposal ?>"><a href="/proposals/<?cs var:p.id ?>"><?cs var:p.title ?></a><?cs if:p.moderation != "visible" ?> <span class="tag"><?cs var:L.Mileage.PostState[p.moderation] ?></span><?cs /if ?></td>
        <td data-label="<?cs var:L.Col.Status ?>"><?cs call:proposal_state(p.state) ?></td>
        <td data-label="<?cs var:L.Proposal.Supports ?>" class="num"><?cs var:p.supports ?> / <?cs var:p.threshold ?></td>
      </tr>
<?cs /each ?>
    </tbody>
  </table><?cs
/def ?>
<h1><?cs var:L.Title.My ?></h1>
<nav aria-label="<?cs var:L.Mileage.Sections ?>">
  <ul class="inline-list">
    <li><a href="#complaints"><?cs var:L.Mileage.Complaints ?> (<?cs var:My.CasesCount ?>)</a></li>
    <li><a href="#proposals"><?cs var:L.MyPage.Proposals ?> (<?cs var:My.ProposalsCount ?>)</a></li>
    <li><a href="#supports"><?cs var:L.MyPage.Supports ?> (<?cs var:My.SupportsCount ?>)</a></li>
    <li><a href="#opinions"><?cs var:L.Mileage.Opinions ?> (<?cs var:My.OpinionsCount ?>)</a></li>
    <li><a href="#comments"><?cs var:L.MyPage.Comments ?> (<?cs var:My.CommentsCount ?>)</a></li>
    <li><a href="#reports"><?cs var:L.Mileage.Reports ?> (<?cs var:My.ReportsCount ?>)</a></li>
    <li><a href="#mileage"><?cs var:L.Mileage.Mileage ?> (<?cs var:My.LedgerCount ?>)</a></li>
    <li><a href="#penalties"><?cs var:L.Mileage.Penalties ?> (<?cs var:My.PenaltiesCount ?>)</a></li>
    <li><a href="#notices"><?cs var:L.Mileage.Notices ?> (<?cs var:Notify.Unread ?>)</a></li>
  </ul>
</nav>

<section id="complaints" aria-labelledby="h-complaints">
  <h2 id="h-complaints"><?cs var:L.Mileage.Complaints ?> <span class="count">(<?cs var:My.CasesCount ?>)</span></h2>
<?cs if:subcount(Cases) > 0 ?>
<?cs call:case_table(L.Mileage.Complaints, Cases, "mine") ?>
<?cs else ?>
  <p><?cs var:L.List.NoneMine ?></p>
<?cs /if ?>
  <p><a href="/my/cases"><?cs var:L.Mileage.AllComplaints ?></a> · <a href="/cases/new"><?cs var:L.Nav.File ?></a></p>
</section>

<section id="proposals" aria-labelledby="h-proposals">
  <h2 id="h-proposals"><?cs var:L.MyPage.Proposals ?> <span class="count">(<?cs var:My.ProposalsCount ?>)</span></h2>
<?cs if:subcount(MyProposals) > 0 ?>
<?cs call:my_proposals(MyProposals, L.MyPage.Proposals, 0) ?>
<?cs if:My.ProposalsCount > subcount(MyProposals) ?>  <p class="hint"><?cs var:L.Mileage.NewestOnly ?></p><?cs /if ?>
<?cs else ?>
  <p><?cs var:L.MyPage.NoProposals ?></p>
<?cs /if ?>
  <p><a href="/proposals/new"><?cs var:L.Home.ProposalWrite ?></a></p>
</section>

<section id="supports" aria-labelledby="h-supports">
  <h2 id="h-supports"><?cs var:L.MyPage.Supports ?> <span class="count">(<?cs var:My.SupportsCount ?>)</span></h2>
<?cs if:subcount(MySupports) > 0 ?>
<?cs call:my_proposals(MySupports, L.MyPage.Supports, 1) ?>
<?cs if:My.SupportsCount > subcount(MySupports) ?>  <p class="hint"><?cs var:L.Mileage.NewestOnly ?></p><?cs /if ?>
<?cs else ?>
  <p><?cs var:L.MyPage.NoSupports ?></p>
<?cs /if ?>
  <p><a href="/proposals"><?cs var:L.Home.ProposalsMore ?></a></p>
</section>

<section id="opinions" aria-labelledby="h-opinions">
  <h2 id="h-opinions"><?cs var:L.Mileage.Opinions ?> <span class="count">(<?cs var:My.OpinionsCount ?>)</span></h2>
<?cs if:subcount(Opinions) > 0 ?>
  <table class="cases my-opinions">
    <caption class="visually-hidden"><?cs var:L.Mileage.Opinions ?></caption>
    <thead><tr>
      <th scope="col"><?cs var:L.Mileage.Col.at ?></th>
      <th scope="col"><?cs var:L.Mileage.Col.debate ?></th>
      <th scope="col"><?cs var:L.Mileage.Col.opinion ?></th>
      <th scope="col"><?cs var:L.Mileage.Col.state ?></th>
      <th scope="col"><?cs var:L.Debate.Recommends ?></th>
    </tr></thead>
    <tbody>
<?cs each:o = Opinions ?>
      <tr>
        <td data-label="<?cs var:L.Mileage.Col.at ?>"><?cs var:o.created ?></td>
        <td data-label="<?cs var:L.Mileage.Col.debate ?>"><a href="/debates/<?cs var:o.debate_id ?>#post-<?cs var:o.id ?>"><?cs var:o.debate ?></a></td>
        <td data-label="<?cs var:L.Mileage.Col.opinion ?>"><?cs if:o.reply == "1" ?><?cs var:L.Debate.Reply ?><?cs else ?><?cs var:L.Debate.Side[o.side] ?><?cs /if ?>: <?cs var:o.body ?></td>
        <td data-label="<?cs var:L.Mileage.Col.state ?>"><?cs var:L.Mileage.PostState[o.moderation] ?></td>
        <td data-label="<?cs var:L.Debate.Recommends ?>" class="num"><?cs var:o.recommends ?></td>
      </tr>
<?cs /each ?>
    </tbody>
  </table>
<?cs if:My.OpinionsCount > subcount(Opinions) ?>  <p class="hint"><?cs var:L.Mileage.NewestOnly ?></p><?cs /if ?>
<?cs else ?>
  <p><?cs var:L.Mileage.NoOpinions ?></p>
<?cs /if ?>
  <p><a href="/debates"><?cs var:L.Nav.Debates ?></a></p>
</section>

<section id="comments" aria-labelledby="h-comments">
  <h2 id="h-comments"><?cs var:L.MyPage.Comments ?> <span class="count">(<?cs var:My.CommentsCount ?>)</span></h2>
<?cs if:subcount(MyComments) > 0 ?>
  <table class="cases my-comments">
    <caption class="visually-hidden"><?cs var:L.MyPage.Comments ?></caption>
    <thead><tr>
      <th scope="col"><?cs var:L.Mileage.Col.at ?></th>
      <th scope="col"><?cs var:L.MyPage.Col.proposal ?></th>
      <th scope="col"><?cs var:L.MyPage.Col.comment ?></th>
      <th scope="col"><?cs var:L.Mileage.Col.state ?></th>
    </tr></thead>
    <tbody>
<?cs each:c = MyComments ?>
      <tr>
        <td data-label="<?cs var:L.Mileage.Col.at ?>"><?cs var:c.created ?></td>
        <td data-label="<?cs var:L.MyPage.Col.proposal ?>"><a href="/proposals/<?cs var:c.proposal_id ?>#post-<?cs var:c.id ?>"><?cs var:c.proposal ?></a></td>
        <td data-label="<?cs var:L.MyPage.Col.comment ?>"><?cs if:c.reply == "1" ?><?cs var:L.Debate.Reply ?>: <?cs /if ?><?cs var:c.body ?></td>
        <td data-label="<?cs var:L.Mileage.Col.state ?>"><?cs var:L.Mileage.PostState[c.moderation] ?><?cs if:c.reason ?> (<?cs var:c.reason ?>)<?cs /if ?></td>
      </tr>
<?cs /each ?>
    </tbody>
  </table>
<?cs if:My.CommentsCount > subcount(MyComments) ?>  <p class="hint"><?cs var:L.Mileage.NewestOnly ?></p><?cs /if ?>
<?cs else ?>
  <p><?cs var:L.MyPage.NoComments ?></p>
<?cs /if ?>
</section>

<section id="reports" aria-labelledby="h-reports">
  <h2 id="h-reports"><?cs var:L.Mileage.Reports ?> <span class="count">(<?cs var:My.ReportsCount ?>)</span></h2>
<?cs if:subcount(Reports) > 0 ?>
  <p><?cs var:L.Mileage.ReportsUpheld ?> <strong id="reports-upheld"><?cs var:My.ReportsUpheld ?></strong></p>
  <table class="cases my-reports">
    <caption class="visually-hidden"><?cs var:L.Mileage.Reports ?></caption>
    <thead><tr>
      <th scope="col"><?cs var:L.Mileage.Col.at ?></th>
      <th scope="col"><?cs var:L.Mileage.Col.item ?></th>
      <th scope="col"><?cs var:L.Mileage.Col.reason ?></th>
      <th scope="col"><?cs var:L.Mileage.Col.outcome ?></th>
    </tr></thead>
    <tbody>
<?cs each:r = Reports ?>
      <tr>
        <td data-label="<?cs var:L.Mileage.Col.at ?>"><?cs var:r.created ?></td>
        <td data-label="<?cs var:L.Mileage.Col.item ?>"><a href="<?cs var:r.link ?>"><?cs var:L.Moderation.Kind[r.kind] ?> <?cs var:r.item_id ?></a></td>
        <td data-label="<?cs var:L.Mileage.Col.reason ?>"><?cs var:L.Moderation.Reasons[r.reason] ?></td>
        <td data-label="<?cs var:L.Mileage.Col.outcome ?>"><?cs var:L.Mileage.Outcome[r.outcome] ?><?cs if:r.decided ?> (<?cs var:r.decided ?>)<?cs /if ?></td>
      </tr>
<?cs /each ?>
    </tbody>
  </table>
<?cs if:My.ReportsCount > subcount(Reports) ?>  <p class="hint"><?cs var:L.Mileage.NewestOnly ?></p><?cs /if ?>
<?cs else ?>
  <p><?cs var:L.Mileage.NoReports ?></p>
<?cs /if ?>
</section>

<section id="mileage" aria-labelledby="h-mileage">
  <h2 id="h-mileage"><?cs var:L.Mileage.Mileage ?> <span class="count">(<?cs var:My.LedgerCount ?>)</span></h2>
  <p class="balance"><?cs var:L.Mileage.Balance ?>: <strong id="balance"><?cs var:My.Balance ?></strong> <?cs var:L.Mileage.Points ?></p>
<?cs if:subcount(Ledger) > 0 ?>
  <table class="cases ledger">
    <caption class="visually-hidden"><?cs var:L.Mileage.Ledger ?></caption>
    <thead><tr>
      <th scope="col"><?cs var:L.Mileage.Col.at ?></th>
      <th scope="col"><?cs var:L.Mileage.Col.reason ?></th>
      <th scope="col"><?cs var:L.Mileage.Col.item ?></th>
      <th scope="col"><?cs var:L.Mileage.Col.points ?></th>
    </tr></thead>
    <tbody>
<?cs each:l = Ledger ?>
      <tr>
        <td data-label="<?cs var:L.Mileage.Col.at ?>"><?cs var:l.at ?></td>
        <td data-label="<?cs var:L.Mileage.Col.reason ?>"><?cs var:L.Mileage.Reason[l.reason] ?></td>
        <td data-label="<?cs var:L.Mileage.Col.item ?>"><?cs if:l.link ?><a href="<?cs var:l.link ?>"><?cs var:L.Mileage.Kind[l.kind] ?> <?cs var:l.item_id ?></a><?cs else ?><?cs var:L.Mileage.Kind[l.kind] ?> <?cs var:l.item_id ?><?cs /if ?></td>
        <td data-label="<?cs var:L.Mileage.Col.points ?>" class="num"><?cs if:l.points > 0 ?>+<?cs /if ?><?cs var:l.points ?></td>
      </tr>
<?cs /each ?>
    </tbody>
  </table>
<?cs call:pager("/my?") ?>
<?cs else ?>
  <p><?cs var:L.Mileage.NoLedger ?></p>
<?cs /if ?>
  <p><a href="/mileage/ranking"><?cs var:L.Title.MileageRanking ?></a> · <a href="/account#mileage-ranking"><?cs var:L.Mileage.OptInLink ?></a></p>
</section>

<section id="penalties" aria-labelledby="h-penalties">
  <h2 id="h-penalties"><?cs var:L.Mileage.Penalties ?> <span class="count">(<?cs var:My.PenaltiesCount ?>)</span></h2>
<?cs if:My.Restricted ?>
  <p class="flash warning" id="restricted"><?cs var:L.Mileage.RestrictedNow ?><?cs if:My.Until ?> <?cs var:L.Mileage.Until ?> <?cs var:My.Until ?><?cs else ?> <?cs var:L.Mileage.NoEnd ?><?cs /if ?></p>
<?cs else ?>
  <p id="restricted"><?cs var:L.Mileage.NotRestricted ?></p>
<?cs /if ?>
<?cs each:p = Penalties ?>
  <article class="penalty" aria-labelledby="penalty-<?cs var:p.id ?>">
    <h3 id="penalty-<?cs var:p.id ?>"><?cs var:L.Mileage.Level[p.level] ?> · <?cs var:p.starts ?><?cs if:p.ends ?> ~ <?cs var:p.ends ?><?cs /if ?></h3>
<?cs call:penalty_facts(p, 0) ?>
<?cs if:p.objection_state == "none" && !p.lifted ?>
    <form method="post" action="/my/penalties/<?cs var:p.id ?>/object" class="stack">
      <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
      <div class="field">
        <label for="objection-<?cs var:p.id ?>"><?cs var:L.Mileage.ObjectionField ?></label>
        <textarea id="objection-<?cs var:p.id ?>" name="objection" rows="3" maxlength="666" required<?cs if:Form.penalty == p.id ?><?cs call:field_aria("objection") ?><?cs /if ?>><?cs if:Form.penalty == p.id ?><?cs var:Form.objection ?><?cs /if ?></textarea>
        <?cs if:Form.penalty == p.id ?><?cs call:field_error("objection") ?><?cs /if ?>
      </div>
      <button type="submit"><?cs var:L.Mileage.Object ?></button>
    </form>
<?cs elif:Form.penalty == p.id ?>
    <?cs call:field_error("objection") ?>
<?cs /if ?>
  </article>
<?cs /each ?>
<?cs if:subcount(Penalties) == 0 ?>
  <p><?cs var:L.Mileage.NoPenalties ?></p>
<?cs /if ?>
  <p class="hint"><?cs var:L.Mileage.HowToObject ?></p>
</section>

<section id="notices" aria-labelledby="h-notices">
  <h2 id="h-notices"><?cs var:L.Mileage.Notices ?> <span class="count">(<?cs var:Notify.Unread ?>)</span></h2>
  <p><a href="/account/notices"><?cs var:L.Notify.MineLink ?></a><?cs if:Notify.Unread > 0 ?> (<?cs var:L.Notify.UnreadCount ?> <?cs var:Notify.Unread ?>)<?cs /if ?></p>
</section>
