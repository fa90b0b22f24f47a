<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# debate.cs: one policy debate: the question, background and times; the
# official summary once published; the tally as a bar (server-side SVG,
# no script) with a table as its text equivalent; the reader's side and
# the form to take or change it; the most recommended opinions per side;
# every opinion with its replies, recommend buttons and reply forms; the
# form to give an opinion. ?><?cs
include:"fields.cs" ?><?cs include:"debate_macros.cs" ?><?cs include:"post_macros.cs" ?><?cs

def:side_tag(side) ?><?cs if:side ?><span class="tag side side-<?cs var:side ?>"><?cs var:L.Debate.Side[side] ?></span><?cs /if ?><?cs
/def ?><?cs

# A post of the thread (an opinion or a reply): its text, or the
# moderation's placeholder or note, and its recommend button. ?><?cs
def:post_body(p) ?><?cs
  if:p.moderation == "deleted" ?>
        <p class="removed"><?cs var:L.Debate.Removed ?></p><?cs
  else ?><?cs call:post_note(p) ?>
        <div class="text"><?cs var:p.body ?></div>
        <p class="meta post-actions"><span class="recommends"><?cs var:L.Debate.Recommends ?> <?cs var:p.recommends ?></span><?cs
    if:p.recommended == "1" ?> <span class="tag"><?cs var:L.Debate.RecommendedByMe ?></span><?cs
    elif:Debate.state == "open" && Me.citizen && p.mine != "1" && p.moderation == "visible" ?>
          <form method="post" action="/posts/<?cs var:p.id ?>/recommend" class="inline">
            <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
            <button type="submit" class="link" aria-label="<?cs var:L.Debate.Recommend ?>: <?cs var:L.Debate.By ?> <?cs call:person(p.author) ?>, <?cs var:p.created ?>"><?cs var:L.Debate.Recommend ?></button>
          </form><?cs
    /if ?><?cs
    if:Me.citizen && p.mine != "1" && p.moderation == "visible" ?>
          · <a href="/report/post/<?cs var:p.id ?>" aria-label="<?cs var:L.Debate.Report ?>: <?cs var:L.Debate.By ?> <?cs call:person(p.author) ?>, <?cs var:p.created ?>"><?cs var:L.Debate.Report ?></a><?cs
    /if ?></p><?cs
  /if ?><?cs
/def ?><?cs

def:post_head(p) ?>
        <p class="meta"><?cs call:side_tag(p.side) ?> <?cs var:L.Debate.By ?> <strong><?cs call:person(p.author) ?></strong> · <?cs var:p.created ?><?cs if:p.mine == "1" ?> <span class="tag"><?cs var:L.Debate.Mine ?></span><?cs /if ?></p><?cs
/def ?>
<h1><?cs var:Debate.title ?></h1>
<p class="meta"><span class="status status-debate-<?cs var:Debate.state ?>"><?cs var:L.Debate.State[Debate.state] ?></span>
  · <?cs var:L.Debate.Department ?>: <?cs var:Debate.department ?>
  · <?cs var:L.Debate.Period ?>: <?cs var:Debate.opens ?> ~ <?cs var:Debate.closes ?>
  · <?cs var:L.Debate.Opinions ?>: <?cs var:Debate.posts ?></p>

<section aria-labelledby="background">
  <h2 id="background"><?cs var:L.Debate.Background ?></h2>
  <div class="text"><?cs var:Debate.background ?></div><?cs call:debate_files(0) ?>
</section>
<?cs if:Debate.summarized == "1" ?>
<section class="debate-summary" aria-labelledby="summary">
  <h2 id="summary"><?cs var:L.Debate.Summary ?></h2>
  <div class="text"><?cs var:Debate.summary ?></div>
  <h3><?cs var:L.Debate.Action ?></h3>
  <div class="text"><?cs var:Debate.action ?></div>
  <p class="meta"><?cs var:L.Debate.SummaryAt ?>: <?cs var:Debate.summary_at ?></p>
</section>
<?cs elif:Debate.state == "closed" ?>
<p class="note"><?cs var:L.Debate.SummaryPending ?></p>
<?cs /if ?>

<section aria-labelledby="tally">
  <h2 id="tally"><?cs var:L.Debate.Tally ?></h2>
<?cs if:Tally.Total > 0 ?>
  <svg class="tally-bar" viewBox="0 0 100 8" preserveAspectRatio="none" width="100%" height="32" aria-hidden="true" focusable="false"><?cs
  each:t = Tally.Sides ?><?cs if:t.pct > 0 ?>
    <rect class="side-<?cs var:t.side ?>" x="<?cs var:t.x ?>" y="0" width="<?cs var:t.pct ?>" height="8"></rect><?cs /if ?><?cs
  /each ?>
  </svg>
<?cs else ?>
  <p><?cs var:L.Debate.TallyNone ?></p>
<?cs /if ?>
  <table class="tally">
    <caption><?cs var:L.Debate.TallyCaption ?> (<?cs var:Tally.Total ?> <?cs var:L.Debate.TallyTotal ?>)</caption>
    <thead><tr>
      <th scope="col"><?cs var:L.Debate.Col.side ?></th>
      <th scope="col"><?cs var:L.Debate.Col.n ?></th>
      <th scope="col"><?cs var:L.Debate.Col.pct ?></th>
    </tr></thead>
    <tbody><?cs each:t = Tally.Sides ?>
      <tr class="tally-<?cs var:t.side ?>"><th scope="row"><span class="swatch side-<?cs var:t.side ?>" aria-hidden="true"></span><?cs var:L.Debate.Side[t.side] ?></th><td><?cs var:t.n ?></td><td><?cs var:t.pct ?>%</td></tr><?cs
    /each ?>
    </tbody>
  </table>
</section>

<section aria-labelledby="side">
  <h2 id="side"><?cs var:L.Debate.SideLegend ?></h2>
<?cs if:Me.side ?>
  <p><?cs var:L.Debate.YourSide ?> <?cs call:side_tag(Me.side) ?></p>
<?cs elif:Me.citizen ?>
  <p><?cs var:L.Debate.NoSide ?></p>
<?cs /if ?>
<?cs if:Debate.state == "upcoming" ?>
  <p class="note"><?cs var:L.Debate.UpcomingNote ?></p>
<?cs elif:Debate.state == "closed" ?>
  <p class="note"><?cs var:L.Debate.ClosedNote ?></p>
<?cs elif:!Session.Name ?>
  <p><a href="/login"><?cs var:L.Debate.SignIn ?></a></p>
<?cs elif:Me.citizen ?>
  <form method="post" action="/debates/<?cs var:Debate.id ?>/side" class="stack">
    <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
    <fieldset class="sides">
      <legend><?cs var:L.Debate.SideLegend ?></legend><?cs
  each:t = Tally.Sides ?>
      <div class="field check">
        <input type="radio" id="take-<?cs var:t.side ?>" name="side" value="<?cs var:t.side ?>" required<?cs if:Me.side == t.side ?> checked<?cs /if ?>>
        <label for="take-<?cs var:t.side ?>"><?cs var:L.Debate.Side[t.side] ?></label>
      </div><?cs
  /each ?>
    </fieldset>
    <button type="submit"><?cs var:L.Debate.TakeSide ?></button>
  </form>
<?cs else ?>
  <p class="note"><?cs var:L.Debate.StaffNote ?></p>
<?cs /if ?>
</section>

<section aria-labelledby="top">
  <h2 id="top"><?cs var:L.Debate.Top ?></h2>
  <div class="debate-top"><?cs
  each:t = Tally.Sides ?>
    <div class="debate-top-side">
      <h3><?cs call:side_tag(t.side) ?></h3><?cs
    if:subcount(Top[t.side]) > 0 ?>
      <ol class="plain"><?cs each:p = Top[t.side] ?>
        <li><div class="text"><?cs var:p.body ?></div>
          <p class="meta"><?cs var:L.Debate.By ?> <?cs call:person(p.author) ?> · <?cs var:L.Debate.Recommends ?> <?cs var:p.recommends ?> · <a href="/debates/<?cs var:Debate.id ?>?page=<?cs var:p.page ?>#post-<?cs var:p.id ?>"><?cs var:L.Debate.InThread ?></a></p></li><?cs
      /each ?>
      </ol><?cs
    else ?>
      <p><?cs var:L.Debate.TopNone ?></p><?cs
    /if ?>
    </div><?cs
  /each ?>
  </div>
</section>

<section aria-labelledby="opinions">
  <h2 id="opinions"><?cs var:L.Debate.All ?> (<?cs var:Pager.Total ?>)</h2>
<?cs if:subcount(Opinions) == 0 ?>
  <p><?cs var:L.Debate.None ?></p>
<?cs /if ?>
<?cs each:o = Opinions ?>
  <article class="post" id="post-<?cs var:o.id ?>" aria-label="<?cs var:L.Debate.By ?> <?cs call:person(o.author) ?>, <?cs var:o.created ?>">
<?cs call:post_head(o) ?><?cs call:post_body(o) ?>
<?cs if:subcount(o.Replies) > 0 ?>
    <ul class="replies" aria-label="<?cs var:L.Debate.Replies ?>"><?cs each:p = o.Replies ?>
      <li class="post reply" id="post-<?cs var:p.id ?>"><?cs call:post_head(p) ?><?cs call:post_body(p) ?>
      </li><?cs /each ?>
    </ul>
<?cs /if ?>
<?cs if:Debate.state == "open" && Me.citizen && o.moderation == "visible" ?><?cs
  call:reply_form("/debates/" + Debate.id + "/opinions", o, L.Debate.ReplyLabel) ?>
<?cs /if ?>
  </article>
<?cs /each ?>
<?cs call:pager("/debates/" + Debate.id + "?") ?>
</section>

<?cs if:Debate.state == "open" && Me.citizen ?>
<section aria-labelledby="write">
  <h2 id="write"><?cs var:L.Debate.Write ?></h2>
<?cs if:Me.Restricted ?><p class="flash warning" id="restricted"><?cs var:L.Debate.Restricted ?><?cs if:Me.Until ?> <?cs var:L.Debate.Until ?> <?cs var:Me.Until ?><?cs /if ?></p><?cs /if ?>
<?cs if:Form.HasErrors && !Form.reply_to ?><p class="form-error" role="alert"><?cs var:L.Msg.FixErrors ?></p><?cs /if ?>
  <form method="post" action="/debates/<?cs var:Debate.id ?>/opinions" class="stack">
    <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
    <?cs call:idem_field() ?>
    <fieldset class="sides"<?cs if:!Form.reply_to && Form.Err.side ?> aria-describedby="err-side"<?cs /if ?>>
      <legend><?cs var:L.Debate.OpinionSide ?></legend><?cs
  if:!Form.reply_to && Form.side ?><?cs set:chosen = Form.side ?><?cs else ?><?cs set:chosen = Me.side ?><?cs /if ?><?cs
  each:t = Tally.Sides ?>
      <div class="field check">
        <input type="radio" id="opinion-<?cs var:t.side ?>" name="side" value="<?cs var:t.side ?>" required<?cs if:chosen == t.side ?> checked<?cs /if ?>>
        <label for="opinion-<?cs var:t.side ?>"><?cs var:L.Debate.Side[t.side] ?></label>
      </div><?cs
  /each ?><?cs if:!Form.reply_to ?>
      <?cs call:field_error("side") ?><?cs /if ?>
    </fieldset>
    <div class="field">
      <label for="body"><?cs var:L.Debate.Body ?></label>
      <textarea id="body" name="body" rows="6" maxlength="2000" required aria-describedby="body-hint<?cs if:!Form.reply_to && Form.Err.body ?> err-body<?cs /if ?>"<?cs if:!Form.reply_to && Form.Err.body ?> aria-invalid="true"<?cs /if ?>><?cs if:!Form.reply_to ?><?cs var:Form.body ?><?cs /if ?></textarea>
      <p class="hint" id="body-hint"><?cs var:L.Debate.BodyHint ?></p><?cs if:!Form.reply_to ?>
      <?cs call:field_error("body") ?><?cs /if ?>
    </div>
    <button type="submit" class="primary"><?cs var:L.Debate.Submit ?></button>
  </form>
</section>
<?cs /if ?>
