<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# notices.cs: the web inbox: every notice of the signed-in person, newest
# first, unread ones marked (in words, not only by colour). ?>
<?cs include:"fields.cs" ?>
<h1><?cs var:L.Title.Notices ?></h1>
<?cs if:subcount(Notices) > 0 ?>
<p class="count"><?cs var:L.Notify.UnreadCount ?> <strong><?cs var:NoticesUnread ?></strong> · <?cs var:L.List.Total ?> <?cs var:Pager.Total ?></p>
<?cs if:NoticesUnread > 0 ?><?cs call:button_form("/account/notices/read", "inline", "csrf", CSRF, "", L.Notify.MarkAllRead) ?>
<?cs /if ?>
<ol class="notices">
<?cs each:n = Notices ?>
  <li class="notice<?cs if:n.unread == "1" ?> unread<?cs /if ?>">
    <?cs if:n.unread == "1" ?><strong class="badge"><?cs var:L.Notify.Unread ?></strong> <?cs /if ?><a href="<?cs var:n.url ?>"><?cs var:n.text ?></a>
    <span class="hint"><span class="visually-hidden"><?cs var:L.Notify.At ?>: </span><time datetime="<?cs var:n.iso ?>"><?cs var:n.at ?></time></span>
  </li>
<?cs /each ?>
</ol>
<?cs call:pager("/account/notices?") ?>
<?cs else ?>
<p><?cs var:L.Notify.Empty ?></p>
<?cs /if ?>
