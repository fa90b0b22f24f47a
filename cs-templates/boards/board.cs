<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# board.cs: one board of a community (notice, free, Q&A, gallery, files):
# pinned posts first, then the newest, paged; a gallery as thumbnails;
# the search of the whole community (Search.q); the way to write. ?><?cs
include:"boards/macros.cs" ?>
<?cs call:board_nav(Board.kind) ?>
<h1><?cs var:L.Board.Kind[Board.kind] ?></h1>
<form method="get" action="/c/<?cs var:Community.slug ?>/boards/<?cs var:Board.kind ?>" class="filters" role="search">
  <div class="field">
    <label for="q"><?cs var:L.Board.Search ?></label>
    <input type="search" id="q" name="q" value="<?cs var:Search.q ?>" maxlength="100">
  </div>
  <button type="submit"><?cs var:L.Board.SearchSubmit ?></button>
</form>
<?cs if:Can.post ?><p><a class="button primary" href="/c/<?cs var:Community.slug ?>/boards/<?cs var:Board.kind ?>/new"><?cs var:L.Board.Write ?></a></p><?cs
elif:Board.kind == "notice" ?><p class="hint"><?cs var:L.Board.NoticeManagers ?></p><?cs /if ?>
<?cs if:Search.q ?><p class="count"><?cs var:L.Board.Found ?> <?cs var:Board.total ?></p><?cs /if ?>
<?cs if:subcount(Posts) == 0 ?>
<p><?cs var:L.Board.Empty ?></p>
<?cs elif:Board.kind == "gallery" && !Search.q ?>
<ul class="gallery"><?cs each:p = Posts ?>
  <li><a href="/c/<?cs var:Community.slug ?>/posts/<?cs var:p.id ?>"><?cs
    if:p.thumb != "0" ?><img src="/c/<?cs var:Community.slug ?>/posts/<?cs var:p.id ?>/files/<?cs var:p.thumb ?>" alt="" width="160" height="120" loading="lazy"><?cs /if ?>
    <span><?cs var:p.title ?></span></a>
    <span class="meta"><?cs call:person(p.author) ?> · <?cs var:p.created ?></span></li><?cs /each ?>
</ul>
<?cs else ?>
<table class="list">
  <caption class="visually-hidden"><?cs var:L.Board.Kind[Board.kind] ?></caption>
  <thead><tr><th scope="col"><?cs var:L.Board.Col.title ?></th><?cs if:Search.q ?><th scope="col"><?cs var:L.Board.Col.board ?></th><?cs /if ?><th scope="col"><?cs var:L.Board.Col.author ?></th><th scope="col"><?cs var:L.Board.Col.created ?></th><th scope="col"><?cs var:L.Board.Col.reads ?></th></tr></thead>
  <tbody><?cs each:p = Posts ?>
    <tr<?cs if:p.pinned == "1" ?> class="pinned"<?cs /if ?>>
      <td><?cs if:p.pinned == "1" ?><span class="tag"><?cs var:L.Board.Pinned ?></span> <?cs /if ?><a href="/c/<?cs var:Community.slug ?>/posts/<?cs var:p.id ?>"><?cs var:p.title ?></a><?cs if:p.comments != "0" ?> <span class="meta">[<?cs var:p.comments ?>]</span><?cs /if ?><?cs if:p.moderation != "visible" ?> <span class="tag"><?cs var:L.Board.Moderation[p.moderation] ?></span><?cs /if ?></td><?cs
      if:Search.q ?><td><?cs var:L.Board.Kind[p.board] ?></td><?cs /if ?>
      <td><?cs call:person(p.author) ?></td>
      <td><?cs var:p.created ?></td>
      <td><?cs var:p.views ?></td>
    </tr><?cs /each ?>
  </tbody>
</table>
<?cs /if ?>
<?cs if:Search.q ?><?cs call:pager("/c/" + Community.slug + "/boards/" + Board.kind + "?q=" + url_escape(Search.q) + "&") ?><?cs
else ?><?cs call:pager("/c/" + Community.slug + "/boards/" + Board.kind + "?") ?><?cs /if ?>
