<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# index.cs: the administration overview: the sections and their counts,
# and the supervisor's queue of cases no rule could place. ?>
<h1><?cs var:L.Title.Admin ?></h1>
<p><?cs var:L.Admin.Home.Lead ?></p>
<?cs include:"admin/org/nav.cs" ?>
<?cs if:Session.AdminGlobal == "1" ?>
<section aria-labelledby="unplaced-h">
  <h2 id="unplaced-h"><?cs var:L.Admin.Home.Unplaced ?></h2>
<?cs if:Counts.unplaced > 0 ?>
  <p class="form-error"><?cs var:L.Admin.Home.Unplaced ?>: <strong><?cs var:Counts.unplaced ?></strong></p>
  <p><a class="button primary" href="/staff/cases?view=unplaced"><?cs var:L.Admin.Home.UnplacedLink ?> (<?cs var:Counts.unplaced ?>)</a></p>
<?cs else ?>
  <p><?cs var:L.Admin.Home.UnplacedNone ?></p>
<?cs /if ?>
</section>
<?cs /if ?>
<section aria-labelledby="summary-h">
  <h2 id="summary-h"><?cs var:L.Admin.Home.Summary ?></h2>
  <dl class="facts">
    <dt><a href="/admin/departments"><?cs var:L.Admin.Home.Departments ?></a></dt>
    <dd><?cs var:Counts.departments ?></dd>
    <dt><a href="/admin/staff"><?cs var:L.Admin.Home.Staff ?></a></dt>
    <dd><?cs var:Counts.staff ?></dd>
    <dt><a href="/admin/categories"><?cs var:L.Admin.Home.Categories ?></a></dt>
    <dd><?cs var:Counts.categories ?></dd>
<?cs if:Session.AdminGlobal == "1" ?>
    <dt><a href="/admin/holidays"><?cs var:L.Admin.Home.Holidays ?></a></dt>
    <dd><?cs var:Counts.holidays ?></dd>
    <dt><a href="/admin/audit"><?cs var:L.Admin.Home.Audit ?></a></dt>
    <dd><?cs var:Counts.audit_today ?></dd>
<?cs /if ?>
  </dl>
</section>
