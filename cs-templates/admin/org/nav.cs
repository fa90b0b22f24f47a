<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# nav.cs: the sections of the administration pages, the current one
# marked (Admin.Section). ?>
<nav aria-label="<?cs var:L.Admin.Nav.Label ?>">
  <p class="actions">
    <a class="button" href="/admin"<?cs if:Admin.Section == "home" ?> aria-current="page"<?cs /if ?>><?cs var:L.Admin.Nav.Home ?></a>
    <a class="button" href="/admin/departments"<?cs if:Admin.Section == "departments" ?> aria-current="page"<?cs /if ?>><?cs var:L.Admin.Nav.Departments ?></a>
    <a class="button" href="/admin/staff"<?cs if:Admin.Section == "staff" ?> aria-current="page"<?cs /if ?>><?cs var:L.Admin.Nav.Staff ?></a>
    <a class="button" href="/admin/categories"<?cs if:Admin.Section == "categories" ?> aria-current="page"<?cs /if ?>><?cs var:L.Admin.Nav.Categories ?></a>
    <a class="button" href="/admin/open311/questions"<?cs if:Admin.Section == "open311_questions" ?> aria-current="page"<?cs /if ?>><?cs var:L.Title.AdminOpen311Questions ?></a>
<?cs if:Session.AdminGlobal == "1" ?><?cs # the whole institution's: global supervisors only ?>
    <a class="button" href="/admin/holidays"<?cs if:Admin.Section == "holidays" ?> aria-current="page"<?cs /if ?>><?cs var:L.Admin.Nav.Holidays ?></a>
    <a class="button" href="/admin/settings"<?cs if:Admin.Section == "settings" ?> aria-current="page"<?cs /if ?>><?cs var:L.Admin.Nav.Settings ?></a>
    <a class="button" href="/admin/audit"<?cs if:Admin.Section == "audit" ?> aria-current="page"<?cs /if ?>><?cs var:L.Admin.Nav.Audit ?></a>
    <a class="button" href="/admin/open311"<?cs if:Admin.Section == "open311" ?> aria-current="page"<?cs /if ?>><?cs var:L.Admin.Nav.Open311 ?></a>
    <a class="button" href="/admin/moderation/words"<?cs if:Admin.Section == "moderation_words" ?> aria-current="page"<?cs /if ?>><?cs var:L.Title.ModerationWords ?></a>
    <a class="button" href="/admin/outbox"<?cs if:Admin.Section == "outbox" ?> aria-current="page"<?cs /if ?>><?cs var:L.Title.AdminOutbox ?></a>
<?cs /if ?>
  </p>
</nav>
