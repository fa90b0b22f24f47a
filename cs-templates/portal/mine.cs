<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# mine.cs: "My cases": every case of the signed-in citizen. ?><?cs
include:"case_macros.cs" ?>
<h1><?cs var:L.Title.MyCases ?></h1>
<p><a class="button primary" href="/cases/new"><?cs var:L.Nav.File ?></a>
  <a class="button" href="/account/notices"><?cs var:L.Notify.MineLink ?><?cs if:Notify.Unread > 0 ?> (<?cs var:L.Notify.UnreadCount ?> <?cs var:Notify.Unread ?>)<?cs /if ?></a></p>
<?cs if:subcount(Cases) > 0 ?>
<?cs call:case_table(L.Title.MyCases, Cases, "mine") ?>
<?cs call:pager("/my/cases?") ?>
<?cs else ?>
<p><?cs var:L.List.NoneMine ?></p>
<?cs /if ?>
