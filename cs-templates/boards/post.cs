<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# post.cs: a post on a community's board: title, author, reads, its text
# (or, for its author, the moderation's note), the card of a linked
# public complaint or proposal, its files (a gallery's images shown, a
# files board's versions listed), the author's and managers' actions,
# and the comments (one level of replies, as a proposal's). ?><?cs
include:"boards/macros.cs" ?><?cs include:"post_macros.cs" ?>
<?cs call:board_nav(Post.board) ?>
<article class="cpost" aria-labelledby="post-title">
  <h1 id="post-title"><?cs if:Post.pinned == "1" ?><span class="tag"><?cs var:L.Board.Pinned ?></span> <?cs /if ?><?cs var:Post.title ?></h1>
  <p class="meta"><?cs var:L.Debate.By ?> <strong><?cs call:person(Post.author) ?></strong> · <?cs var:Post.created ?><?cs if:Post.edited ?> · <?cs var:L.Board.Edited ?> <?cs var:Post.edited ?><?cs /if ?> · <?cs var:L.Board.Col.reads ?> <?cs var:Post.views ?></p><?cs
  if:Post.moderation == "held" ?>
  <p class="moderation-note"><?cs var:L.Debate.Held ?><?cs if:Post.reason ?> <?cs var:L.Debate.Reason ?> <?cs var:Post.reason ?><?cs /if ?></p>
  <p class="meta"><a href="/objection/cpost/<?cs var:Post.id ?>"><?cs var:L.Debate.Object ?></a></p><?cs
  elif:Post.moderation == "hidden" ?>
  <p class="moderation-note"><?cs var:L.Debate.Hidden ?><?cs if:Post.reason ?> <?cs var:L.Debate.Reason ?> <?cs var:Post.reason ?><?cs /if ?></p>
  <p class="meta"><a href="/objection/cpost/<?cs var:Post.id ?>"><?cs var:L.Debate.Object ?></a></p><?cs
  /if ?>
  <div class="text"><?cs var:Post.body ?></div>
<?cs if:Card.url ?>
  <aside class="card link-card" aria-label="<?cs var:L.Board.Linked ?>">
    <p class="meta"><?cs if:Post.link_kind == "case" ?><?cs var:L.Board.LinkCase ?><?cs else ?><?cs var:L.Board.LinkProposal ?><?cs /if ?></p>
    <p><a href="<?cs var:Card.url ?>"><?cs var:Card.title ?></a></p>
    <p><?cs if:Post.link_kind == "case" ?><?cs call:status(Card.state) ?><?cs else ?><span class="status"><?cs var:L.Proposal.State[Card.state] ?></span><?cs /if ?></p>
  </aside>
<?cs /if ?>
<?cs if:subcount(Files) > 0 ?>
  <section aria-labelledby="files-h">
    <h2 id="files-h"><?cs var:L.Board.Files ?></h2><?cs
  if:Post.board == "gallery" ?>
    <ul class="gallery"><?cs each:f = Files ?><?cs if:f.image == "1" ?>
      <li><a href="/c/<?cs var:Community.slug ?>/posts/<?cs var:Post.id ?>/files/<?cs var:f.id ?>"><img src="/c/<?cs var:Community.slug ?>/posts/<?cs var:Post.id ?>/files/<?cs var:f.id ?>" alt="<?cs var:f.name ?>" width="320"></a></li><?cs /if ?><?cs /each ?>
    </ul><?cs
  else ?>
    <ul class="files"><?cs each:f = Files ?>
      <li><a href="/c/<?cs var:Community.slug ?>/posts/<?cs var:Post.id ?>/files/<?cs var:f.id ?>"><?cs var:f.name ?></a> <span class="meta">(<?cs var:L.Board.Version ?> <?cs var:f.version ?><?cs if:f.latest == "1" && f.version != "1" ?>, <?cs var:L.Board.Latest ?><?cs /if ?>, <?cs var:f.type ?>, <?cs var:f.size ?> B, <?cs var:f.created ?>)</span></li><?cs /each ?>
    </ul><?cs
  /if ?>
  </section>
<?cs /if ?>
<?cs if:Can.edit || Can.delete || Can.pin ?>
  <section aria-labelledby="post-actions-h">
    <h2 id="post-actions-h"><?cs var:L.CaseAct.Title ?></h2><?cs
  if:Can.edit ?>
    <p><a class="button" href="/c/<?cs var:Community.slug ?>/posts/<?cs var:Post.id ?>/edit"><?cs var:L.Board.Edit ?></a></p><?cs
  /if ?><?cs
  if:Can.pin ?>
    <form method="post" action="/c/<?cs var:Community.slug ?>/posts/<?cs var:Post.id ?>/pin" class="inline">
      <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
      <input type="hidden" name="action" value="<?cs if:Post.pinned == "1" ?>unpin<?cs else ?>pin<?cs /if ?>">
      <button type="submit"><?cs if:Post.pinned == "1" ?><?cs var:L.Board.Unpin ?><?cs else ?><?cs var:L.Board.Pin ?><?cs /if ?></button>
    </form><?cs
  /if ?><?cs
  if:Can.delete ?>
    <form method="post" action="/c/<?cs var:Community.slug ?>/posts/<?cs var:Post.id ?>/delete" class="inline">
      <input type="hidden" name="csrf" value="<?cs var:CSRF ?>">
      <button type="submit"><?cs var:L.Board.Delete ?></button>
    </form><?cs
  /if ?>
  </section>
<?cs /if ?>
<?cs if:Can.report ?>
  <p class="meta"><a href="/report/cpost/<?cs var:Post.id ?>"><?cs var:L.Board.Report ?></a></p>
<?cs /if ?>
  <section aria-labelledby="comments-h" class="comments">
    <h2 id="comments-h"><?cs var:L.Comment.Heading ?> (<?cs var:Post.comments ?>)</h2>
<?cs call:comment_list("/c/" + Community.slug + "/posts/" + Post.id + "/comments", Can.comment, Can.report) ?>
<?cs call:pager("/c/" + Community.slug + "/posts/" + Post.id + "?") ?>
<?cs if:Can.comment ?>
<?cs call:comment_form("/c/" + Community.slug + "/posts/" + Post.id + "/comments") ?>
<?cs elif:!Session.Name ?>
    <p><a href="/login"><?cs var:L.Board.SignIn ?></a></p>
<?cs /if ?>
  </section>
</article>
