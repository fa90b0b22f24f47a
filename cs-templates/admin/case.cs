<?cs # SPDX-License-Identifier: AGPL-3.0-or-later ?><?cs
# case.cs: the staff view of one case, with every event. ?>
<p><a href="/staff/cases"><?cs var:L.Nav.Staff ?></a></p>
<?cs include:"portal/case.cs" ?>
