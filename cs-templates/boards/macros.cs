<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# boards/macros.cs: pieces of a community's board pages: the heading with
# the community's boards as tabs. ?><?cs

# The community's name (a link to its home) and its boards, the current
# one (kind) marked. ?><?cs
def:board_nav(kind) ?>
<p class="meta"><a href="/c/<?cs var:Community.slug ?>"><?cs var:Community.name ?></a></p>
<nav aria-label="<?cs var:L.Board.Boards ?>">
  <ul class="tabs"><?cs each:b = Boards ?>
    <li><a href="/c/<?cs var:Community.slug ?>/boards/<?cs var:b.kind ?>"<?cs if:b.kind == kind ?> aria-current="page"<?cs /if ?>><?cs var:L.Board.Kind[b.kind] ?></a></li><?cs /each ?>
  </ul>
</nav><?cs
/def ?>
